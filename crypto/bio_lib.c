/*
 * mintls: the BIO object — reference counts, chains, retry flags, the
 * generic read/write/ctrl entry points and application-defined methods.
 */
#include "internal/bio.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>

int mintls_bio_read_adapter(BIO *b, char *data, size_t len, size_t *out_read)
{
    int n;
    if (len > INT_MAX)
        len = INT_MAX;
    n = b->method->bread_old(b, data, (int)len);
    if (n <= 0) {
        *out_read = 0;
        return n;
    }
    *out_read = (size_t)n;
    return 1;
}

int mintls_bio_write_adapter(BIO *b, const char *data, size_t len, size_t *out_written)
{
    int n;
    if (len > INT_MAX)
        len = INT_MAX;
    n = b->method->bwrite_old(b, data, (int)len);
    if (n <= 0) {
        *out_written = 0;
        return n;
    }
    *out_written = (size_t)n;
    return 1;
}

/* --- objects ---------------------------------------------------------- */

BIO *BIO_new_ex(OSSL_LIB_CTX *libctx, const BIO_METHOD *method)
{
    BIO *b;
    (void)libctx;
    if (method == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    b = calloc(1, sizeof(*b));
    if (b == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    b->method = method;
    b->shutdown = 1;
    atomic_init(&b->references, 1);
    if (method->create != NULL && !method->create(b)) {
        ERR_raise(ERR_LIB_BIO, ERR_R_INIT_FAIL);
        free(b);
        return NULL;
    }
    return b;
}

BIO *BIO_new(const BIO_METHOD *method)
{
    return BIO_new_ex(NULL, method);
}

int BIO_free(BIO *a)
{
    if (a == NULL)
        return 0;
    if (atomic_fetch_sub(&a->references, 1) > 1)
        return 1;
    if (a->method != NULL && a->method->destroy != NULL)
        a->method->destroy(a);
    free(a);
    return 1;
}

void BIO_vfree(BIO *a)
{
    BIO_free(a);
}

int BIO_up_ref(BIO *a)
{
    if (a == NULL)
        return 0;
    atomic_fetch_add(&a->references, 1);
    return 1;
}

void BIO_free_all(BIO *b)
{
    /* Stop at a BIO someone else still holds: the rest of the chain is
       theirs too. */
    while (b != NULL) {
        BIO *next = b->next_bio;
        int shared = atomic_load(&b->references) > 1;
        BIO_free(b);
        if (shared)
            break;
        b = next;
    }
}

void BIO_set_data(BIO *a, void *ptr) { a->ptr = ptr; }
void *BIO_get_data(BIO *a) { return a->ptr; }
void BIO_set_init(BIO *a, int init) { a->init = init; }
int BIO_get_init(BIO *a) { return a->init; }
void BIO_set_shutdown(BIO *a, int shut) { a->shutdown = shut; }
int BIO_get_shutdown(BIO *a) { return a->shutdown; }

void BIO_set_flags(BIO *b, int flags) { b->flags |= flags; }
int BIO_test_flags(const BIO *b, int flags) { return b->flags & flags; }
void BIO_clear_flags(BIO *b, int flags) { b->flags &= ~flags; }

const char *BIO_method_name(const BIO *b) { return b->method->name; }
int BIO_method_type(const BIO *b) { return b->method->type; }

uint64_t BIO_number_read(BIO *bio) { return bio != NULL ? bio->num_read : 0; }
uint64_t BIO_number_written(BIO *bio) { return bio != NULL ? bio->num_write : 0; }

int BIO_get_new_index(void)
{
    static atomic_int next_index = BIO_TYPE_START;
    int idx = atomic_fetch_add(&next_index, 1) + 1;
    if (idx > 0xff) {
        ERR_raise(ERR_LIB_BIO, ERR_R_INTERNAL_ERROR);
        return -1;
    }
    return idx;
}

/* --- I/O -------------------------------------------------------------- */

/* Common checks of the read-like calls: 1 to go on, else *out_ret holds
   what the caller returns. */
static int bio_usable(BIO *b, int has_op, int *out_ret)
{
    if (b == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        *out_ret = -1;
        return 0;
    }
    if (b->method == NULL || !has_op) {
        ERR_raise(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD);
        *out_ret = -2;
        return 0;
    }
    if (!b->init) {
        ERR_raise(ERR_LIB_BIO, BIO_R_UNINITIALIZED);
        *out_ret = -1;
        return 0;
    }
    return 1;
}

static int bio_read_common(BIO *b, void *data, size_t dlen, size_t *out_read)
{
    int ret;
    *out_read = 0;
    if (!bio_usable(b, b != NULL && b->method != NULL && b->method->bread != NULL, &ret))
        return ret;
    ret = b->method->bread(b, data, dlen, out_read);
    if (ret > 0)
        b->num_read += *out_read;
    else
        *out_read = 0;
    return ret;
}

static int bio_write_common(BIO *b, const void *data, size_t dlen, size_t *out_written)
{
    int ret;
    *out_written = 0;
    if (b == NULL)
        return 0;
    if (!bio_usable(b, b->method != NULL && b->method->bwrite != NULL, &ret))
        return ret;
    ret = b->method->bwrite(b, data, dlen, out_written);
    if (ret > 0)
        b->num_write += *out_written;
    else
        *out_written = 0;
    return ret;
}

int BIO_read(BIO *b, void *data, int dlen)
{
    size_t n;
    int ret;
    if (dlen < 0) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
        return -1;
    }
    ret = bio_read_common(b, data, (size_t)dlen, &n);
    return ret > 0 ? (int)n : ret;
}

int BIO_read_ex(BIO *b, void *data, size_t dlen, size_t *readbytes)
{
    size_t n;
    int ret = bio_read_common(b, data, dlen, &n);
    if (readbytes != NULL)
        *readbytes = n;
    return ret > 0;
}

int BIO_write(BIO *b, const void *data, int dlen)
{
    size_t n;
    int ret;
    if (dlen < 0) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
        return -1;
    }
    ret = bio_write_common(b, data, (size_t)dlen, &n);
    return ret > 0 ? (int)n : ret;
}

int BIO_write_ex(BIO *b, const void *data, size_t dlen, size_t *written)
{
    size_t n;
    int ret = bio_write_common(b, data, dlen, &n);
    if (written != NULL)
        *written = n;
    return ret > 0;
}

int BIO_puts(BIO *b, const char *buf)
{
    int ret;
    if (!bio_usable(b, b != NULL && b->method != NULL && b->method->bputs != NULL, &ret))
        return ret;
    ret = b->method->bputs(b, buf);
    if (ret > 0)
        b->num_write += (uint64_t)ret;
    return ret;
}

int BIO_gets(BIO *b, char *buf, int size)
{
    int ret;
    if (!bio_usable(b, b != NULL && b->method != NULL && b->method->bgets != NULL, &ret))
        return ret;
    if (size < 0) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
        return -1;
    }
    ret = b->method->bgets(b, buf, size);
    if (ret > 0)
        b->num_read += (uint64_t)ret;
    return ret;
}

/* --- control ---------------------------------------------------------- */

long BIO_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    if (b == NULL)
        return -1;
    if (b->method == NULL || b->method->ctrl == NULL) {
        ERR_raise(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD);
        return -2;
    }
    return b->method->ctrl(b, cmd, larg, parg);
}

long BIO_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    if (b == NULL)
        return -2;
    if (b->method == NULL || b->method->callback_ctrl == NULL
        || cmd != BIO_CTRL_SET_CALLBACK) {
        ERR_raise(ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD);
        return -2;
    }
    return b->method->callback_ctrl(b, cmd, fp);
}

long BIO_int_ctrl(BIO *b, int cmd, long larg, int iarg)
{
    int i = iarg;
    return BIO_ctrl(b, cmd, larg, &i);
}

void *BIO_ptr_ctrl(BIO *b, int cmd, long larg)
{
    void *p = NULL;
    if (BIO_ctrl(b, cmd, larg, &p) <= 0)
        return NULL;
    return p;
}

size_t BIO_ctrl_pending(BIO *b)
{
    long n = BIO_ctrl(b, BIO_CTRL_PENDING, 0, NULL);
    return n < 0 ? 0 : (size_t)n;
}

size_t BIO_ctrl_wpending(BIO *b)
{
    long n = BIO_ctrl(b, BIO_CTRL_WPENDING, 0, NULL);
    return n < 0 ? 0 : (size_t)n;
}

/* --- chains ----------------------------------------------------------- */

BIO *BIO_push(BIO *b, BIO *append)
{
    BIO *last;
    if (b == NULL)
        return append;
    last = b;
    while (last->next_bio != NULL)
        last = last->next_bio;
    last->next_bio = append;
    if (append != NULL)
        append->prev_bio = last;
    BIO_ctrl(b, BIO_CTRL_PUSH, 0, last);
    return b;
}

BIO *BIO_pop(BIO *b)
{
    BIO *next;
    if (b == NULL)
        return NULL;
    next = b->next_bio;
    BIO_ctrl(b, BIO_CTRL_POP, 0, b);
    if (b->prev_bio != NULL)
        b->prev_bio->next_bio = b->next_bio;
    if (b->next_bio != NULL)
        b->next_bio->prev_bio = b->prev_bio;
    b->next_bio = NULL;
    b->prev_bio = NULL;
    return next;
}

BIO *BIO_next(BIO *b)
{
    return b != NULL ? b->next_bio : NULL;
}

void BIO_set_next(BIO *b, BIO *next)
{
    b->next_bio = next;
}

BIO *BIO_find_type(BIO *b, int type)
{
    /* A type with no index byte names a class: match any BIO in it. */
    int class_only = (type & 0xff) == 0;
    for (; b != NULL; b = b->next_bio) {
        int t = b->method->type;
        if (class_only ? (t & type) != 0 : t == type)
            return b;
    }
    return NULL;
}

BIO *BIO_get_retry_BIO(BIO *bio, int *reason)
{
    BIO *b = bio, *last = bio;
    while (b != NULL && BIO_should_retry(b)) {
        last = b;
        b = b->next_bio;
    }
    if (reason != NULL && last != NULL)
        *reason = last->retry_reason;
    return last;
}

int BIO_get_retry_reason(BIO *bio) { return bio->retry_reason; }
void BIO_set_retry_reason(BIO *bio, int reason) { bio->retry_reason = reason; }

void BIO_copy_next_retry(BIO *b)
{
    BIO_set_flags(b, BIO_get_retry_flags(b->next_bio));
    b->retry_reason = b->next_bio->retry_reason;
}

/* A fresh BIO of each type in the chain, with its settings copied: the
   generic fields here, the type's own through BIO_CTRL_DUP (the accept BIO
   uses this to give each connection its own copy of a template chain). */
BIO *BIO_dup_chain(BIO *in)
{
    BIO *head = NULL, *b;
    for (b = in; b != NULL; b = b->next_bio) {
        BIO *copy = BIO_new(b->method);
        if (copy == NULL)
            goto err;
        copy->init = b->init;
        copy->shutdown = b->shutdown;
        copy->flags = b->flags;
        copy->num = b->num;
        if (BIO_ctrl(b, BIO_CTRL_DUP, 0, copy) == 0) {
            BIO_free(copy);
            goto err;
        }
        head = head == NULL ? copy : BIO_push(head, copy);
    }
    return head;
err:
    BIO_free_all(head);
    return NULL;
}

/* --- application-defined methods ------------------------------------- */

BIO_METHOD *BIO_meth_new(int type, const char *name)
{
    BIO_METHOD *m = calloc(1, sizeof(*m));
    if (m == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    if (name != NULL) {
        m->name = strdup(name);
        if (m->name == NULL) {
            free(m);
            ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return NULL;
        }
    }
    m->type = type;
    return m;
}

void BIO_meth_free(BIO_METHOD *m)
{
    if (m == NULL)
        return;
    free(m->name);
    free(m);
}

int (*BIO_meth_get_write(const BIO_METHOD *m))(BIO *, const char *, int)
{
    return m->bwrite_old;
}

int (*BIO_meth_get_write_ex(const BIO_METHOD *m))(BIO *, const char *, size_t, size_t *)
{
    return m->bwrite;
}

int BIO_meth_set_write(BIO_METHOD *m, int (*write)(BIO *, const char *, int))
{
    m->bwrite_old = write;
    m->bwrite = write != NULL ? mintls_bio_write_adapter : NULL;
    return 1;
}

int BIO_meth_set_write_ex(BIO_METHOD *m, int (*bwrite)(BIO *, const char *, size_t, size_t *))
{
    m->bwrite_old = NULL;
    m->bwrite = bwrite;
    return 1;
}

int (*BIO_meth_get_read(const BIO_METHOD *m))(BIO *, char *, int)
{
    return m->bread_old;
}

int (*BIO_meth_get_read_ex(const BIO_METHOD *m))(BIO *, char *, size_t, size_t *)
{
    return m->bread;
}

int BIO_meth_set_read(BIO_METHOD *m, int (*read)(BIO *, char *, int))
{
    m->bread_old = read;
    m->bread = read != NULL ? mintls_bio_read_adapter : NULL;
    return 1;
}

int BIO_meth_set_read_ex(BIO_METHOD *m, int (*bread)(BIO *, char *, size_t, size_t *))
{
    m->bread_old = NULL;
    m->bread = bread;
    return 1;
}

int (*BIO_meth_get_puts(const BIO_METHOD *m))(BIO *, const char *)
{
    return m->bputs;
}

int BIO_meth_set_puts(BIO_METHOD *m, int (*puts)(BIO *, const char *))
{
    m->bputs = puts;
    return 1;
}

int (*BIO_meth_get_gets(const BIO_METHOD *m))(BIO *, char *, int)
{
    return m->bgets;
}

int BIO_meth_set_gets(BIO_METHOD *m, int (*gets)(BIO *, char *, int))
{
    m->bgets = gets;
    return 1;
}

long (*BIO_meth_get_ctrl(const BIO_METHOD *m))(BIO *, int, long, void *)
{
    return m->ctrl;
}

int BIO_meth_set_ctrl(BIO_METHOD *m, long (*ctrl)(BIO *, int, long, void *))
{
    m->ctrl = ctrl;
    return 1;
}

int (*BIO_meth_get_create(const BIO_METHOD *m))(BIO *)
{
    return m->create;
}

int BIO_meth_set_create(BIO_METHOD *m, int (*create)(BIO *))
{
    m->create = create;
    return 1;
}

int (*BIO_meth_get_destroy(const BIO_METHOD *m))(BIO *)
{
    return m->destroy;
}

int BIO_meth_set_destroy(BIO_METHOD *m, int (*destroy)(BIO *))
{
    m->destroy = destroy;
    return 1;
}

long (*BIO_meth_get_callback_ctrl(const BIO_METHOD *m))(BIO *, int, BIO_info_cb *)
{
    return m->callback_ctrl;
}

int BIO_meth_set_callback_ctrl(BIO_METHOD *m, long (*callback_ctrl)(BIO *, int, BIO_info_cb *))
{
    m->callback_ctrl = callback_ctrl;
    return 1;
}
