/* mintls: the null sink — writes vanish, reads see end of file. */
#include "internal/bio.h"

#include <string.h>

static int null_new(BIO *b)
{
    b->init = 1;
    return 1;
}

static int null_read(BIO *b, char *out, int outl)
{
    (void)b;
    (void)out;
    (void)outl;
    return 0;
}

static int null_write(BIO *b, const char *in, int inl)
{
    (void)b;
    (void)in;
    return inl;
}

static int null_puts(BIO *b, const char *str)
{
    (void)b;
    return (int)strlen(str);
}

static int null_gets(BIO *b, char *buf, int size)
{
    (void)b;
    (void)buf;
    (void)size;
    return 0;
}

static long null_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    (void)b;
    (void)num;
    (void)ptr;
    switch (cmd) {
    case BIO_CTRL_RESET:
    case BIO_CTRL_EOF:
    case BIO_CTRL_SET:
    case BIO_CTRL_SET_CLOSE:
    case BIO_CTRL_FLUSH:
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD null_method = {
    .type = BIO_TYPE_NULL,
    .name = "NULL",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = null_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = null_read,
    .bputs = null_puts,
    .bgets = null_gets,
    .ctrl = null_ctrl,
    .create = null_new,
};

const BIO_METHOD *BIO_s_null(void)
{
    return &null_method;
}
