/*
 * mintls: HMAC (RFC 2104), compatible with OpenSSL 3.0's <openssl/hmac.h>.
 * HMAC_CTX is opaque; HMAC() is the one-shot form.
 */
#ifndef OPENSSL_HMAC_H
#define OPENSSL_HMAC_H
#pragma once

#include <stddef.h>
#include <openssl/types.h>
#include <openssl/evp.h>

#define HMAC_MAX_MD_CBLOCK 200

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

size_t HMAC_size(const HMAC_CTX *e);
HMAC_CTX *HMAC_CTX_new(void);
int HMAC_CTX_reset(HMAC_CTX *ctx);
void HMAC_CTX_free(HMAC_CTX *ctx);

int HMAC_Init(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md);
/* A NULL key keeps the previous key (and md NULL the previous digest). */
int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md, ENGINE *impl);
int HMAC_Update(HMAC_CTX *ctx, const unsigned char *data, size_t len);
int HMAC_Final(HMAC_CTX *ctx, unsigned char *md, unsigned int *len);
int HMAC_CTX_copy(HMAC_CTX *dctx, HMAC_CTX *sctx);
void HMAC_CTX_set_flags(HMAC_CTX *ctx, unsigned long flags);
const EVP_MD *HMAC_CTX_get_md(const HMAC_CTX *ctx);

/* md NULL writes to a static buffer (not thread safe), as in OpenSSL. */
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len,
                    const unsigned char *data, size_t data_len,
                    unsigned char *md, unsigned int *md_len);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
