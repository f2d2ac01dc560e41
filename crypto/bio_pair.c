/*
 * mintls: BIO pairs. Each half owns the ring buffer its writes go into; a
 * read takes bytes from the peer's ring. An empty ring means "retry read"
 * unless the writer has shut down (then 0, end of file); a full ring means
 * "retry write". request records how much a starved reader asked for.
 */
#include "internal/bio.h"

#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>

#define PAIR_DEFAULT_SIZE (17 * 1024)

typedef struct {
    BIO *peer;
    int closed;     /* no more writes on this half */
    size_t len;     /* bytes in buf */
    size_t offset;  /* where they start */
    size_t size;
    char *buf;
    size_t request; /* what the peer's reader wanted and did not get */
} pair_half;

static int pair_new(BIO *b)
{
    pair_half *h = calloc(1, sizeof(*h));
    if (h == NULL)
        return 0;
    h->size = PAIR_DEFAULT_SIZE;
    b->ptr = h;
    return 1;
}

static void pair_unlink(BIO *b)
{
    pair_half *h = b->ptr, *p;
    if (h->peer == NULL)
        return;
    p = h->peer->ptr;
    p->peer = NULL;
    h->peer->init = 0;
    p->len = 0;
    p->offset = 0;
    h->peer = NULL;
    b->init = 0;
    h->len = 0;
    h->offset = 0;
}

static int pair_free(BIO *b)
{
    pair_half *h = b->ptr;
    if (h == NULL)
        return 0;
    pair_unlink(b);
    free(h->buf);
    free(h);
    b->ptr = NULL;
    return 1;
}

static int pair_read(BIO *b, char *out, int outl)
{
    pair_half *h = b->ptr, *p;
    size_t want, done = 0;
    BIO_clear_retry_flags(b);
    if (!b->init || h->peer == NULL)
        return 0;
    p = h->peer->ptr;
    p->request = 0;
    if (out == NULL || outl <= 0)
        return 0;
    want = (size_t)outl;
    if (p->len == 0) {
        if (p->closed)
            return 0;
        BIO_set_retry_read(b);
        p->request = want <= p->size ? want : p->size;
        return -1;
    }
    if (want > p->len)
        want = p->len;
    while (done < want) {
        size_t chunk = want - done;
        if (chunk > p->size - p->offset)
            chunk = p->size - p->offset;
        memcpy(out + done, p->buf + p->offset, chunk);
        done += chunk;
        p->len -= chunk;
        p->offset = p->len == 0 ? 0 : (p->offset + chunk) % p->size;
    }
    return (int)done;
}

static int pair_write(BIO *b, const char *in, int inl)
{
    pair_half *h = b->ptr;
    size_t want, done = 0;
    BIO_clear_retry_flags(b);
    if (!b->init || in == NULL || inl <= 0)
        return 0;
    h->request = 0;
    if (h->closed) {
        ERR_raise(ERR_LIB_BIO, BIO_R_BROKEN_PIPE);
        return -1;
    }
    if (h->len == h->size) {
        BIO_set_retry_write(b);
        return -1;
    }
    want = (size_t)inl;
    if (want > h->size - h->len)
        want = h->size - h->len;
    while (done < want) {
        size_t start = (h->offset + h->len) % h->size;
        size_t chunk = want - done;
        if (chunk > h->size - start)
            chunk = h->size - start;
        memcpy(h->buf + start, in + done, chunk);
        done += chunk;
        h->len += chunk;
    }
    return (int)done;
}

static int pair_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return pair_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

static int pair_make(BIO *b1, BIO *b2)
{
    pair_half *h1 = b1->ptr, *h2;
    if (b2 == NULL || b2->method != b1->method) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
        return 0;
    }
    h2 = b2->ptr;
    if (h1->peer != NULL || h2->peer != NULL) {
        ERR_raise(ERR_LIB_BIO, BIO_R_IN_USE);
        return 0;
    }
    if (h1->buf == NULL && (h1->buf = malloc(h1->size)) == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (h2->buf == NULL && (h2->buf = malloc(h2->size)) == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    h1->len = h1->offset = h1->request = 0;
    h2->len = h2->offset = h2->request = 0;
    h1->closed = h2->closed = 0;
    h1->peer = b2;
    h2->peer = b1;
    b1->init = 1;
    b2->init = 1;
    return 1;
}

static long pair_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    pair_half *h = b->ptr;
    pair_half *p = h->peer != NULL ? h->peer->ptr : NULL;
    switch (cmd) {
    case BIO_C_SET_WRITE_BUF_SIZE:
        if (h->peer != NULL) {
            ERR_raise(ERR_LIB_BIO, BIO_R_IN_USE);
            return 0;
        }
        if (num <= 0) {
            ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
            return 0;
        }
        if ((size_t)num != h->size) {
            free(h->buf);
            h->buf = NULL;
            h->size = (size_t)num;
        }
        return 1;
    case BIO_C_GET_WRITE_BUF_SIZE:
        return (long)h->size;
    case BIO_C_MAKE_BIO_PAIR:
        return pair_make(b, ptr);
    case BIO_C_DESTROY_BIO_PAIR:
        pair_unlink(b);
        return 1;
    case BIO_C_GET_WRITE_GUARANTEE:
        if (h->peer == NULL || h->closed)
            return 0;
        return (long)(h->size - h->len);
    case BIO_C_GET_READ_REQUEST:
        return (long)h->request;
    case BIO_C_RESET_READ_REQUEST:
        h->request = 0;
        return 1;
    case BIO_C_SHUTDOWN_WR:
        h->closed = 1;
        return 1;
    case BIO_CTRL_RESET:
        if (h->buf != NULL) {
            h->len = 0;
            h->offset = 0;
        }
        return 0;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)num;
        return 1;
    case BIO_CTRL_PENDING:
        return p != NULL ? (long)p->len : 0;
    case BIO_CTRL_WPENDING:
        return h->buf != NULL ? (long)h->len : 0;
    case BIO_CTRL_DUP:
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        if (p == NULL)
            return 1;
        return p->len == 0 && p->closed;
    default:
        return 0;
    }
}

static const BIO_METHOD pair_method = {
    .type = BIO_TYPE_BIO,
    .name = "BIO pair",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = pair_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = pair_read,
    .bputs = pair_puts,
    .ctrl = pair_ctrl,
    .create = pair_new,
    .destroy = pair_free,
};

const BIO_METHOD *BIO_s_bio(void)
{
    return &pair_method;
}

int BIO_new_bio_pair(BIO **out1, size_t writebuf1, BIO **out2, size_t writebuf2)
{
    BIO *b1 = BIO_new(&pair_method), *b2 = BIO_new(&pair_method);
    int ok = b1 != NULL && b2 != NULL;
    if (ok && writebuf1 != 0)
        ok = BIO_set_write_buf_size(b1, (long)writebuf1);
    if (ok && writebuf2 != 0)
        ok = BIO_set_write_buf_size(b2, (long)writebuf2);
    if (ok)
        ok = BIO_make_bio_pair(b1, b2);
    if (!ok) {
        BIO_free(b1);
        BIO_free(b2);
        b1 = b2 = NULL;
    }
    *out1 = b1;
    *out2 = b2;
    return ok;
}

size_t BIO_ctrl_get_write_guarantee(BIO *b)
{
    long n = BIO_ctrl(b, BIO_C_GET_WRITE_GUARANTEE, 0, NULL);
    return n < 0 ? 0 : (size_t)n;
}

size_t BIO_ctrl_get_read_request(BIO *b)
{
    long n = BIO_ctrl(b, BIO_C_GET_READ_REQUEST, 0, NULL);
    return n < 0 ? 0 : (size_t)n;
}

int BIO_ctrl_reset_read_request(BIO *b)
{
    return BIO_ctrl(b, BIO_C_RESET_READ_REQUEST, 0, NULL) != 0;
}
