/*
 * Public keys in the bytes TLS puts on the wire (key_share, RFC 8446
 * section 4.2.8.2: an uncompressed SEC 1 point for the NIST curves, the
 * 32-byte u-coordinate for X25519), and raw X25519/Ed25519 keys (RFC 7748,
 * RFC 8032 encodings).
 */
#include "internal/evp_pkey.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>
#include <strings.h>

#include "internal/ct.h"
#include "internal/ed25519.h"
#include "internal/x25519.h"

/* Drops any private half: the key is now the peer's public key only. */
static void forget_private(EVP_PKEY *pkey)
{
    ct_wipe(pkey->priv, sizeof(pkey->priv));
    pkey->priv_len = 0;
    pkey->has_private = 0;
}

int EVP_PKEY_set1_encoded_public_key(EVP_PKEY *pkey, const unsigned char *pub, size_t publen)
{
    if (pkey == NULL || pub == NULL || publen == 0) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (pkey->type == EVP_PKEY_EC) {
        /* The key must already name its curve (paramgen or a template key). */
        if (pkey->curve_nid == NID_undef) {
            ERR_raise(ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS);
            return 0;
        }
        if (!mintls_evp_pkey_set_ec_public(pkey, pkey->curve_nid, pub, publen))
            return 0;
        forget_private(pkey);
        return 1;
    }
    if (pkey->type == EVP_PKEY_X25519) {
        if (publen != 32) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
            return 0;
        }
        forget_private(pkey);
        memcpy(pkey->pub, pub, 32);
        pkey->pub_len = 32;
        return 1;
    }
    ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
    return 0;
}

size_t EVP_PKEY_get1_encoded_public_key(EVP_PKEY *pkey, unsigned char **ppub)
{
    if (pkey == NULL || ppub == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((pkey->type != EVP_PKEY_EC && pkey->type != EVP_PKEY_X25519 &&
         pkey->type != EVP_PKEY_ED25519) ||
        pkey->pub_len == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        return 0;
    }
    unsigned char *out = OPENSSL_malloc(pkey->pub_len);
    if (out == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memcpy(out, pkey->pub, pkey->pub_len);
    *ppub = out;
    return pkey->pub_len;
}

/* ---- raw X25519 / Ed25519 keys ------------------------------------------ */

static int raw_type_by_name(const char *name)
{
    if (name != NULL && strcasecmp(name, "X25519") == 0)
        return EVP_PKEY_X25519;
    if (name != NULL && strcasecmp(name, "ED25519") == 0)
        return EVP_PKEY_ED25519;
    return NID_undef;
}

static EVP_PKEY *new_raw(int type, const unsigned char *bytes, size_t len, int is_private)
{
    if (type != EVP_PKEY_X25519 && type != EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return NULL;
    }
    if (bytes == NULL || len != 32) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return NULL;
    }
    EVP_PKEY *k = mintls_evp_pkey_alloc(type);
    if (k == NULL)
        return NULL;
    if (is_private) {
        memcpy(k->priv, bytes, 32);
        k->priv_len = 32;
        k->has_private = 1;
        if (type == EVP_PKEY_X25519)
            mintls_x25519_public_from_private(k->pub, k->priv);
        else
            mintls_ed25519_public_from_seed(k->pub, k->priv);
    } else {
        memcpy(k->pub, bytes, 32);
    }
    k->pub_len = 32;
    return k;
}

EVP_PKEY *EVP_PKEY_new_raw_private_key(int type, ENGINE *e, const unsigned char *priv,
                                       size_t len)
{
    (void)e;
    return new_raw(type, priv, len, 1);
}

EVP_PKEY *EVP_PKEY_new_raw_public_key(int type, ENGINE *e, const unsigned char *pub,
                                      size_t len)
{
    (void)e;
    return new_raw(type, pub, len, 0);
}

EVP_PKEY *EVP_PKEY_new_raw_private_key_ex(OSSL_LIB_CTX *libctx, const char *keytype,
                                          const char *propq, const unsigned char *priv,
                                          size_t len)
{
    (void)libctx;
    (void)propq;
    return new_raw(raw_type_by_name(keytype), priv, len, 1);
}

EVP_PKEY *EVP_PKEY_new_raw_public_key_ex(OSSL_LIB_CTX *libctx, const char *keytype,
                                         const char *propq, const unsigned char *pub,
                                         size_t len)
{
    (void)libctx;
    (void)propq;
    return new_raw(raw_type_by_name(keytype), pub, len, 0);
}

/* out NULL: *len receives the size; otherwise *len must be large enough. */
static int get_raw(const EVP_PKEY *pkey, const uint8_t *src, int present, unsigned char *out,
                   size_t *len)
{
    if (pkey == NULL || len == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((pkey->type != EVP_PKEY_X25519 && pkey->type != EVP_PKEY_ED25519) || !present) {
        ERR_raise(ERR_LIB_EVP, EVP_R_GET_RAW_KEY_FAILED);
        return 0;
    }
    if (out == NULL) {
        *len = 32;
        return 1;
    }
    if (*len < 32) {
        ERR_raise(ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL);
        return 0;
    }
    memcpy(out, src, 32);
    *len = 32;
    return 1;
}

int EVP_PKEY_get_raw_private_key(const EVP_PKEY *pkey, unsigned char *priv, size_t *len)
{
    return get_raw(pkey, pkey != NULL ? pkey->priv : NULL,
                   pkey != NULL && pkey->has_private, priv, len);
}

int EVP_PKEY_get_raw_public_key(const EVP_PKEY *pkey, unsigned char *pub, size_t *len)
{
    return get_raw(pkey, pkey != NULL ? pkey->pub : NULL, pkey != NULL && pkey->pub_len == 32,
                   pub, len);
}
