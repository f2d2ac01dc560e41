/*
 * mintls: the elliptic-curve parameters of EVP_PKEY_CTX, compatible with
 * OpenSSL 3.0's <openssl/ec.h> for choosing a named curve (P-256, P-384)
 * to generate a key on. The legacy EC_KEY / EC_GROUP API is not provided;
 * EC keys are EVP_PKEYs.
 */
#ifndef OPENSSL_EC_H
#define OPENSSL_EC_H
#pragma once

#include <openssl/types.h>
#include <openssl/evp.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define OPENSSL_EC_EXPLICIT_CURVE 0x000
#define OPENSSL_EC_NAMED_CURVE 0x001

typedef enum {
    POINT_CONVERSION_COMPRESSED = 2,
    POINT_CONVERSION_UNCOMPRESSED = 4,
    POINT_CONVERSION_HYBRID = 6
} point_conversion_form_t;

#define EVP_PKEY_CTRL_EC_PARAMGEN_CURVE_NID (EVP_PKEY_ALG_CTRL + 1)
#define EVP_PKEY_CTRL_EC_PARAM_ENC (EVP_PKEY_ALG_CTRL + 2)

/* Only NID_X9_62_prime256v1 and NID_secp384r1; named-curve encoding only. */
int EVP_PKEY_CTX_set_ec_paramgen_curve_nid(EVP_PKEY_CTX *ctx, int nid);
int EVP_PKEY_CTX_set_ec_param_enc(EVP_PKEY_CTX *ctx, int param_enc);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
