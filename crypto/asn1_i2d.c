/*
 * OpenSSL's i2d output convention, for every i2d_* whose encoding already
 * sits in memory (a parsed certificate's DER, a name, a public key):
 *   out == NULL   only the length is returned;
 *   *out == NULL  *out receives a new OPENSSL_malloc'd copy (its start);
 *   otherwise     the bytes are written at *out and *out moves past them.
 */
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <limits.h>
#include <string.h>

#include "internal/asn1_obj.h"

int mintls_i2d_output(const uint8_t *der, size_t len, unsigned char **out, int err_lib)
{
    if (len > INT_MAX)
        return -1;
    if (out == NULL)
        return (int)len;
    if (*out == NULL) {
        unsigned char *copy = OPENSSL_malloc(len > 0 ? len : 1);
        if (copy == NULL) {
            ERR_raise(err_lib, ERR_R_MALLOC_FAILURE);
            return -1;
        }
        memcpy(copy, der, len);
        *out = copy;
        return (int)len;
    }
    memcpy(*out, der, len);
    *out += len;
    return (int)len;
}
