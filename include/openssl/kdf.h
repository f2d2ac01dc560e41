/*
 * mintls: key derivation through EVP_PKEY_CTX, compatible with OpenSSL
 * 3.0's <openssl/kdf.h> for HKDF (RFC 5869). The EVP_KDF object API is not
 * provided; a TLS 1.3 key schedule needs only what is here: extract,
 * expand, or both, with any SHA-2 digest.
 */
#ifndef OPENSSL_KDF_H
#define OPENSSL_KDF_H
#pragma once

#include <openssl/types.h>
#include <openssl/evp.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND 0
#define EVP_KDF_HKDF_MODE_EXTRACT_ONLY 1
#define EVP_KDF_HKDF_MODE_EXPAND_ONLY 2

/* The ctrl numbers behind the functions below (OpenSSL's values). */
#define EVP_PKEY_CTRL_HKDF_MD (EVP_PKEY_ALG_CTRL + 3)
#define EVP_PKEY_CTRL_HKDF_SALT (EVP_PKEY_ALG_CTRL + 4)
#define EVP_PKEY_CTRL_HKDF_KEY (EVP_PKEY_ALG_CTRL + 5)
#define EVP_PKEY_CTRL_HKDF_INFO (EVP_PKEY_ALG_CTRL + 6)
#define EVP_PKEY_CTRL_HKDF_MODE (EVP_PKEY_ALG_CTRL + 7)

/* OpenSSL spells these "HKDEF"; the names are kept as programs use them. */
#define EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND
#define EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY EVP_KDF_HKDF_MODE_EXTRACT_ONLY
#define EVP_PKEY_HKDEF_MODE_EXPAND_ONLY EVP_KDF_HKDF_MODE_EXPAND_ONLY

/* Each needs a context from EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL) after
 * EVP_PKEY_derive_init. add1_hkdf_info appends (at most 1024 bytes in all). */
int EVP_PKEY_CTX_set_hkdf_md(EVP_PKEY_CTX *ctx, const EVP_MD *md);
int EVP_PKEY_CTX_set1_hkdf_salt(EVP_PKEY_CTX *ctx, const unsigned char *salt, int saltlen);
int EVP_PKEY_CTX_set1_hkdf_key(EVP_PKEY_CTX *ctx, const unsigned char *key, int keylen);
int EVP_PKEY_CTX_add1_hkdf_info(EVP_PKEY_CTX *ctx, const unsigned char *info, int infolen);
int EVP_PKEY_CTX_set_hkdf_mode(EVP_PKEY_CTX *ctx, int mode);
#define EVP_PKEY_CTX_hkdf_mode EVP_PKEY_CTX_set_hkdf_mode

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
