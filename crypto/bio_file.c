/*
 * mintls: the file BIO, a thin layer over stdio. End of file is a plain 0
 * with no retry flag, as for any blocking source.
 */
#include "internal/bio.h"

#include <errno.h>
#include <string.h>
#include <openssl/err.h>

static void file_raise_open_error(const char *name, const char *mode)
{
    int e = errno;
    ERR_raise_data(ERR_LIB_SYS, e, "calling fopen(%s, %s)", name, mode);
    if (e == ENOENT)
        ERR_raise(ERR_LIB_BIO, BIO_R_NO_SUCH_FILE);
    else
        ERR_raise(ERR_LIB_BIO, ERR_R_SYS_LIB);
}

static int file_new(BIO *b)
{
    b->init = 0;
    b->num = 0;
    b->ptr = NULL;
    return 1;
}

static void file_close(BIO *b)
{
    if (b->shutdown && b->init && b->ptr != NULL)
        fclose((FILE *)b->ptr);
    b->ptr = NULL;
    b->init = 0;
}

static int file_free(BIO *b)
{
    file_close(b);
    return 1;
}

static int file_read(BIO *b, char *out, int outl)
{
    size_t n;
    if (!b->init || out == NULL || outl <= 0)
        return 0;
    n = fread(out, 1, (size_t)outl, (FILE *)b->ptr);
    if (n == 0 && ferror((FILE *)b->ptr)) {
        ERR_raise_data(ERR_LIB_SYS, errno, "calling fread()");
        ERR_raise(ERR_LIB_BIO, ERR_R_SYS_LIB);
        return -1;
    }
    return (int)n;
}

static int file_write(BIO *b, const char *in, int inl)
{
    if (!b->init || in == NULL || inl <= 0)
        return 0;
    return (int)fwrite(in, 1, (size_t)inl, (FILE *)b->ptr);
}

static int file_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return file_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

static int file_gets(BIO *b, char *buf, int size)
{
    if (size <= 0)
        return 0;
    buf[0] = '\0';
    if (fgets(buf, size, (FILE *)b->ptr) == NULL)
        return 0;
    return (int)strlen(buf);
}

static const char *file_mode(long flags)
{
    if (flags & BIO_FP_APPEND)
        return (flags & BIO_FP_READ) ? "a+" : "a";
    if ((flags & BIO_FP_READ) && (flags & BIO_FP_WRITE))
        return "r+";
    if (flags & BIO_FP_WRITE)
        return "w";
    if (flags & BIO_FP_READ)
        return "r";
    return NULL;
}

static long file_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    FILE *fp = b->ptr;
    switch (cmd) {
    case BIO_C_FILE_SEEK:
    case BIO_CTRL_RESET:
        return fp != NULL ? (long)fseek(fp, num, SEEK_SET) : -1;
    case BIO_CTRL_EOF:
        return fp != NULL ? (long)feof(fp) : 1;
    case BIO_C_FILE_TELL:
    case BIO_CTRL_INFO:
        return fp != NULL ? ftell(fp) : -1;
    case BIO_C_SET_FILE_PTR:
        file_close(b);
        b->shutdown = (int)(num & BIO_CLOSE);
        b->ptr = ptr;
        b->init = 1;
        return 1;
    case BIO_C_SET_FILENAME: {
        const char *mode = file_mode(num);
        FILE *f;
        file_close(b);
        b->shutdown = (int)(num & BIO_CLOSE);
        if (mode == NULL) {
            ERR_raise(ERR_LIB_BIO, BIO_R_BAD_FOPEN_MODE);
            return 0;
        }
        f = fopen((const char *)ptr, mode);
        if (f == NULL) {
            file_raise_open_error((const char *)ptr, mode);
            return 0;
        }
        b->ptr = f;
        b->init = 1;
        return 1;
    }
    case BIO_C_GET_FILE_PTR:
        if (ptr != NULL)
            *(FILE **)ptr = fp;
        return 1;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)num;
        return 1;
    case BIO_CTRL_FLUSH:
        if (fp == NULL)
            return 0;
        if (fflush(fp) == EOF) {
            ERR_raise_data(ERR_LIB_SYS, errno, "calling fflush()");
            ERR_raise(ERR_LIB_BIO, ERR_R_SYS_LIB);
            return 0;
        }
        return 1;
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD file_method = {
    .type = BIO_TYPE_FILE,
    .name = "FILE pointer",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = file_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = file_read,
    .bputs = file_puts,
    .bgets = file_gets,
    .ctrl = file_ctrl,
    .create = file_new,
    .destroy = file_free,
};

const BIO_METHOD *BIO_s_file(void)
{
    return &file_method;
}

BIO *BIO_new_file(const char *filename, const char *mode)
{
    BIO *b;
    FILE *f = fopen(filename, mode);
    if (f == NULL) {
        file_raise_open_error(filename, mode);
        return NULL;
    }
    b = BIO_new(&file_method);
    if (b == NULL) {
        fclose(f);
        return NULL;
    }
    BIO_set_fp(b, f, BIO_CLOSE);
    return b;
}

BIO *BIO_new_fp(FILE *stream, int close_flag)
{
    BIO *b = BIO_new(&file_method);
    if (b == NULL)
        return NULL;
    BIO_set_fp(b, stream, close_flag);
    return b;
}
