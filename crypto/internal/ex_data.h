/*
 * The layout of CRYPTO_EX_DATA, the per-object application data that
 * libssl's SSL and SSL_CTX (and libcrypto objects) embed by value. Programs
 * only ever see it through CRYPTO_get_ex_data/CRYPTO_set_ex_data.
 */
#ifndef MINTLS_INTERNAL_EX_DATA_H
#define MINTLS_INTERNAL_EX_DATA_H

#include <openssl/crypto.h>

struct crypto_ex_data_st {
    void **slots; /* slots[idx] for idx < count; missing slots read as NULL */
    int count;
};

#endif
