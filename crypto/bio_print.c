/* mintls: formatted output to a BIO, through the C library's vsnprintf. */
#include "internal/bio.h"

#include <stdlib.h>
#include <openssl/err.h>

int BIO_vprintf(BIO *bio, const char *format, va_list args)
{
    char small[512];
    char *buf = small;
    va_list again;
    int n, ret;

    va_copy(again, args);
    n = vsnprintf(small, sizeof(small), format, args);
    if (n < 0) {
        va_end(again);
        return -1;
    }
    if ((size_t)n >= sizeof(small)) {
        buf = malloc((size_t)n + 1);
        if (buf == NULL) {
            va_end(again);
            ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return -1;
        }
        vsnprintf(buf, (size_t)n + 1, format, again);
    }
    va_end(again);
    ret = n > 0 ? BIO_write(bio, buf, n) : 0;
    if (buf != small)
        free(buf);
    return ret;
}

int BIO_printf(BIO *bio, const char *format, ...)
{
    va_list ap;
    int ret;
    va_start(ap, format);
    ret = BIO_vprintf(bio, format, ap);
    va_end(ap);
    return ret;
}

/* Unlike snprintf, a result that did not fit is an error (-1). */
int BIO_vsnprintf(char *buf, size_t n, const char *format, va_list args)
{
    int ret = vsnprintf(buf, n, format, args);
    if (ret < 0 || (size_t)ret >= n)
        return -1;
    return ret;
}

int BIO_snprintf(char *buf, size_t n, const char *format, ...)
{
    va_list ap;
    int ret;
    va_start(ap, format);
    ret = BIO_vsnprintf(buf, n, format, ap);
    va_end(ap);
    return ret;
}
