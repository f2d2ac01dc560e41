/*
 * mintls: the memory BIO. A writable one owns a growing BUF_MEM and keeps a
 * read offset (compacted before writes and before the BUF_MEM is handed
 * out); a read-only one (BIO_new_mem_buf) points into the caller's bytes
 * and remembers where they started so BIO_reset can rewind.
 */
#include "internal/bio.h"

#include <stdlib.h>
#include <string.h>
#include <openssl/buffer.h>
#include <openssl/err.h>


typedef struct {
    BUF_MEM *buf;
    size_t roff;             /* bytes of buf already read (writable only) */
    const char *orig_data;   /* read-only: the caller's bytes */
    size_t orig_len;
} mem_state;

static size_t mem_unread(const mem_state *m)
{
    return m->buf->length - m->roff;
}

static void mem_compact(mem_state *m)
{
    if (m->roff == 0)
        return;
    memmove(m->buf->data, m->buf->data + m->roff, m->buf->length - m->roff);
    m->buf->length -= m->roff;
    m->roff = 0;
}

static int mem_new(BIO *b)
{
    mem_state *m = calloc(1, sizeof(*m));
    if (m == NULL)
        return 0;
    m->buf = calloc(1, sizeof(*m->buf));
    if (m->buf == NULL) {
        free(m);
        return 0;
    }
    b->ptr = m;
    b->init = 1;
    b->shutdown = 1;
    b->num = -1; /* an empty read asks the caller to retry */
    return 1;
}

static void mem_release_buf(BIO *b, mem_state *m)
{
    if (m->buf == NULL)
        return;
    if (b->shutdown) {
        if (!(b->flags & BIO_FLAGS_MEM_RDONLY))
            free(m->buf->data);
        free(m->buf);
    }
    m->buf = NULL;
}

static int mem_free(BIO *b)
{
    mem_state *m = b->ptr;
    if (m == NULL)
        return 0;
    mem_release_buf(b, m);
    free(m);
    b->ptr = NULL;
    return 1;
}

static int mem_read(BIO *b, char *out, int outl)
{
    mem_state *m = b->ptr;
    size_t avail = mem_unread(m);
    size_t n = outl < 0 ? 0 : (size_t)outl;
    BIO_clear_retry_flags(b);
    if (n > avail)
        n = avail;
    if (n > 0 && out != NULL) {
        memcpy(out, m->buf->data + m->roff, n);
        if (b->flags & BIO_FLAGS_MEM_RDONLY) {
            m->buf->data += n;
            m->buf->length -= n;
        } else {
            m->roff += n;
            if (m->roff == m->buf->length) {
                m->roff = 0;
                m->buf->length = 0;
            }
        }
        return (int)n;
    }
    if (avail == 0) {
        if (b->num != 0)
            BIO_set_retry_read(b);
        return b->num;
    }
    return 0;
}

/* Grows by doubling; clean copies instead of realloc so no secret is left
   behind in freed memory. */
static int mem_grow_to(BUF_MEM *bm, size_t need, int clean)
{
    size_t cap;
    char *p;
    if (need <= bm->max)
        return 1;
    cap = bm->max < 64 ? 64 : bm->max;
    while (cap < need) {
        if (cap > ((size_t)-1) / 2)
            return 0;
        cap *= 2;
    }
    if (clean) {
        p = malloc(cap);
        if (p == NULL)
            return 0;
        if (bm->data != NULL) {
            memcpy(p, bm->data, bm->length);
            OPENSSL_cleanse(bm->data, bm->max);
            free(bm->data);
        }
    } else {
        p = realloc(bm->data, cap);
        if (p == NULL)
            return 0;
    }
    bm->data = p;
    bm->max = cap;
    return 1;
}

static int mem_grow(BUF_MEM *bm, size_t need)
{
    return mem_grow_to(bm, need, 0);
}

static int mem_write(BIO *b, const char *in, int inl)
{
    mem_state *m = b->ptr;
    BIO_clear_retry_flags(b);
    if (b->flags & BIO_FLAGS_MEM_RDONLY) {
        ERR_raise(ERR_LIB_BIO, BIO_R_WRITE_TO_READ_ONLY_BIO);
        return -1;
    }
    if (inl <= 0)
        return 0;
    if (in == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    mem_compact(m);
    if (!mem_grow(m->buf, m->buf->length + (size_t)inl)) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return -1;
    }
    memcpy(m->buf->data + m->buf->length, in, (size_t)inl);
    m->buf->length += (size_t)inl;
    return inl;
}

static int mem_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return mem_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

static int mem_gets(BIO *b, char *buf, int size)
{
    mem_state *m = b->ptr;
    size_t avail = mem_unread(m), i, lim;
    const char *p = m->buf->data + m->roff;
    int ret;
    BIO_clear_retry_flags(b);
    if (size <= 0)
        return 0;
    lim = (size_t)size - 1;
    if (lim > avail)
        lim = avail;
    if (lim == 0) {
        *buf = '\0';
        return 0;
    }
    for (i = 0; i < lim; i++) {
        if (p[i] == '\n') {
            i++;
            break;
        }
    }
    ret = mem_read(b, buf, (int)i);
    if (ret > 0)
        buf[ret] = '\0';
    return ret;
}

static long mem_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    mem_state *m = b->ptr;
    switch (cmd) {
    case BIO_CTRL_RESET:
        if (m->buf == NULL)
            return 0;
        if (b->flags & BIO_FLAGS_MEM_RDONLY) {
            m->buf->data = (char *)m->orig_data;
            m->buf->length = m->orig_len;
        } else if (b->flags & BIO_FLAGS_NONCLEAR_RST) {
            m->roff = 0;
        } else {
            if (m->buf->data != NULL)
                memset(m->buf->data, 0, m->buf->max);
            m->buf->length = 0;
            m->roff = 0;
        }
        return 1;
    case BIO_CTRL_EOF:
        return m->buf == NULL || mem_unread(m) == 0;
    case BIO_C_SET_BUF_MEM_EOF_RETURN:
        b->num = (int)num;
        return 1;
    case BIO_CTRL_INFO:
        if (ptr != NULL)
            *(char **)ptr = m->buf->data + m->roff;
        return (long)mem_unread(m);
    case BIO_C_SET_BUF_MEM:
        mem_release_buf(b, m);
        b->shutdown = (int)num;
        m->buf = ptr;
        m->roff = 0;
        return 1;
    case BIO_C_GET_BUF_MEM_PTR:
        if (ptr != NULL) {
            if (!(b->flags & BIO_FLAGS_MEM_RDONLY))
                mem_compact(m);
            *(BUF_MEM **)ptr = m->buf;
        }
        return 1;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)num;
        return 1;
    case BIO_CTRL_WPENDING:
        return 0;
    case BIO_CTRL_PENDING:
        return (long)mem_unread(m);
    case BIO_CTRL_DUP:
    case BIO_CTRL_FLUSH:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD mem_method = {
    .type = BIO_TYPE_MEM,
    .name = "memory buffer",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = mem_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = mem_read,
    .bputs = mem_puts,
    .bgets = mem_gets,
    .ctrl = mem_ctrl,
    .create = mem_new,
    .destroy = mem_free,
};

const BIO_METHOD *BIO_s_mem(void)
{
    return &mem_method;
}

BIO *BIO_new_mem_buf(const void *buf, int len)
{
    BIO *b;
    mem_state *m;
    size_t n;
    if (buf == NULL) {
        ERR_raise(ERR_LIB_BIO, BIO_R_NULL_PARAMETER);
        return NULL;
    }
    n = len < 0 ? strlen(buf) : (size_t)len;
    b = BIO_new(&mem_method);
    if (b == NULL)
        return NULL;
    m = b->ptr;
    m->buf->data = (char *)buf;
    m->buf->length = n;
    m->buf->max = n;
    m->orig_data = buf;
    m->orig_len = n;
    b->flags |= BIO_FLAGS_MEM_RDONLY;
    b->num = 0; /* the end of fixed data is a real end of file */
    return b;
}

/* --- BUF_MEM ----------------------------------------------------------- */

BUF_MEM *BUF_MEM_new_ex(unsigned long flags)
{
    BUF_MEM *bm = BUF_MEM_new();
    if (bm != NULL)
        bm->flags = flags;
    return bm;
}

BUF_MEM *BUF_MEM_new(void)
{
    BUF_MEM *bm = calloc(1, sizeof(*bm));
    if (bm == NULL)
        ERR_raise(ERR_LIB_BUF, ERR_R_MALLOC_FAILURE);
    return bm;
}

void BUF_MEM_free(BUF_MEM *a)
{
    if (a == NULL)
        return;
    if (a->data != NULL) {
        OPENSSL_cleanse(a->data, a->max);
        free(a->data);
    }
    free(a);
}

static size_t buf_mem_resize(BUF_MEM *str, size_t len, int clean)
{
    if (len > str->max && !mem_grow_to(str, len, clean)) {
        ERR_raise(ERR_LIB_BUF, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (len > str->length)
        memset(str->data + str->length, 0, len - str->length);
    else if (clean && str->data != NULL)
        OPENSSL_cleanse(str->data + len, str->length - len);
    str->length = len;
    return len;
}

size_t BUF_MEM_grow(BUF_MEM *str, size_t len)
{
    return buf_mem_resize(str, len, 0);
}

size_t BUF_MEM_grow_clean(BUF_MEM *str, size_t len)
{
    return buf_mem_resize(str, len, 1);
}
