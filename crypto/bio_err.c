/* mintls: printing the error queue to a BIO. */
#include "internal/bio.h"

#include <openssl/err.h>

static int print_bio_cb(const char *str, size_t len, void *u)
{
    size_t written = 0;
    return BIO_write_ex((BIO *)u, str, len, &written) && written == len;
}

void ERR_print_errors(BIO *bp)
{
    ERR_print_errors_cb(print_bio_cb, bp);
}

int ERR_load_BIO_strings(void)
{
    return 1;
}
