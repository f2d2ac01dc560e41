/*
 * Signing and verifying a digest the caller computed: the shared core of
 * EVP_PKEY_sign/verify and EVP_DigestSign/Verify (evp_digestsign.c).
 * RSA PKCS#1 v1.5 (RFC 8017 8.2), RSASSA-PSS (RFC 8017 8.1, MGF1) with
 * OpenSSL's salt-length conventions, and ECDSA on P-256/P-384 with X9.62
 * DER signatures and hedged RFC 6979 nonces.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/ecdsa_util.h"
#include "internal/evp_pkey.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/rsa.h"

/* The longest salt a PSS encoding of hash h can carry for this modulus. */
static size_t pss_max_salt(const mintls_rsa_public *k, const mintls_hash *h)
{
    size_t em_len = (k->bits - 1 + 7) / 8;
    return em_len >= h->digest_len + 2 ? em_len - h->digest_len - 2 : 0;
}

/*
 * OpenSSL's salt-length codes resolved for one operation. verify: -1 means
 * "whatever the signature carries" (RSA_PSS_SALTLEN_AUTO). sign: AUTO and
 * MAX both take the largest salt that fits. 0 if the length cannot fit.
 */
static int pss_salt(const EVP_PKEY_CTX *ctx, const mintls_hash *h, int signing, int *out)
{
    size_t max = pss_max_salt(ctx->pkey->rsa_pub, h);
    int s = ctx->pss_saltlen;
    if (s == RSA_PSS_SALTLEN_DIGEST)
        s = (int)h->digest_len;
    else if (s == RSA_PSS_SALTLEN_MAX || (signing && s == RSA_PSS_SALTLEN_AUTO))
        s = (int)max;
    else if (s == RSA_PSS_SALTLEN_AUTO)
        s = -1;
    if (s >= 0 && (size_t)s > max) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_SALT_LENGTH);
        return 0;
    }
    *out = s;
    return 1;
}

/* PKCS#1 v1.5 type 1 padding around raw bytes (no DigestInfo): md unset. */
static int rsa_sign_raw_pkcs1(const mintls_rsa_private *k, const uint8_t *tbs, size_t len,
                              uint8_t *out)
{
    uint8_t em[MINTLS_RSA_MAX_BYTES];
    size_t n = k->pub.len;
    if (len + 11 > n) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return 0;
    }
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, n - len - 3);
    em[n - len - 1] = 0x00;
    memcpy(em + n - len, tbs, len);
    int ok = mintls_rsa_private_raw(k, em, out);
    ct_wipe(em, n);
    return ok;
}

static int rsa_verify_raw_pkcs1(const mintls_rsa_public *k, const uint8_t *tbs, size_t len,
                                const uint8_t *sig, size_t sig_len)
{
    uint8_t em[MINTLS_RSA_MAX_BYTES];
    size_t n = k->len;
    if (sig_len != n || len + 11 > n || !mintls_rsa_public_raw(k, sig, em))
        return 0;
    int ok = em[0] == 0 && em[1] == 1 && em[n - len - 1] == 0 &&
             memcmp(em + n - len, tbs, len) == 0;
    for (size_t i = 2; i < n - len - 1; i++)
        ok &= em[i] == 0xff;
    return ok;
}

static int rsa_sign(EVP_PKEY_CTX *ctx, const mintls_hash *h, const uint8_t *digest,
                    size_t digest_len, uint8_t *out)
{
    const mintls_rsa_private *k = ctx->pkey->rsa_priv;
    if (ctx->rsa_padding == RSA_PKCS1_PADDING) {
        if (h == NULL)
            return rsa_sign_raw_pkcs1(k, digest, digest_len, out);
        return mintls_rsa_sign_pkcs1(k, h, digest, out, NULL);
    }
    if (h == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_DEFAULT_DIGEST);
        return 0;
    }
    int salt_len;
    if (!pss_salt(ctx, h, 1, &salt_len))
        return 0;
    uint8_t salt[MINTLS_RSA_MAX_BYTES] = {0}; /* zeroed: GCC cannot see RAND_bytes fill it */
    if (salt_len > 0 && RAND_bytes(salt, salt_len) != 1)
        return 0;
    const mintls_hash *mgf1 = ctx->mgf1_md != NULL ? ctx->mgf1_md : h;
    int ok = mintls_rsa_sign_pss_salt(k, h, mgf1, digest, salt, (size_t)salt_len, out, NULL);
    ct_wipe(salt, (size_t)salt_len);
    return ok;
}

int mintls_pkey_sign_digest(EVP_PKEY_CTX *ctx, const mintls_hash *h, const uint8_t *digest,
                            size_t digest_len, uint8_t *out_sig, size_t *sig_len)
{
    EVP_PKEY *key = ctx->pkey;
    if (key == NULL || !key->has_private) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return 0;
    }
    size_t max = (size_t)EVP_PKEY_get_size(key);
    if (out_sig == NULL) {
        *sig_len = max;
        return 1;
    }
    if (*sig_len < max) {
        ERR_raise(ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL);
        return 0;
    }
    if (h != NULL && digest_len != h->digest_len) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
        return 0;
    }
    int ok;
    size_t len = max;
    switch (key->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        ok = rsa_sign(ctx, h, digest, digest_len, out_sig);
        break;
    case EVP_PKEY_EC:
        if (key->curve_nid == NID_secp384r1)
            ok = mintls_p384_ecdsa_sign_der(out_sig, &len, key->priv, digest, digest_len);
        else
            ok = mintls_p256_ecdsa_sign_der(out_sig, &len, key->priv, digest, digest_len);
        break;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        return 0;
    }
    if (!ok) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
                       "signing failed");
        return 0;
    }
    *sig_len = len;
    return 1;
}

int mintls_pkey_verify_digest(EVP_PKEY_CTX *ctx, const mintls_hash *h, const uint8_t *digest,
                              size_t digest_len, const uint8_t *sig, size_t sig_len)
{
    EVP_PKEY *key = ctx->pkey;
    if (key == NULL || key->pub_len + key->rsa_n_len == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return -1;
    }
    if (h != NULL && digest_len != h->digest_len) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
        return -1;
    }
    switch (key->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: {
        const mintls_rsa_public *k = key->rsa_pub;
        if (ctx->rsa_padding == RSA_PKCS1_PADDING) {
            if (h == NULL)
                return rsa_verify_raw_pkcs1(k, digest, digest_len, sig, sig_len);
            return mintls_rsa_verify_pkcs1(k, h, digest, sig, sig_len) == 1;
        }
        int salt;
        if (h == NULL) {
            ERR_raise(ERR_LIB_EVP, EVP_R_NO_DEFAULT_DIGEST);
            return -1;
        }
        if (!pss_salt(ctx, h, 0, &salt))
            return -1;
        const mintls_hash *mgf1 = ctx->mgf1_md != NULL ? ctx->mgf1_md : h;
        return mintls_rsa_verify_pss(k, h, mgf1, salt, digest, sig, sig_len) == 1;
    }
    case EVP_PKEY_EC:
        if (key->curve_nid == NID_secp384r1)
            return mintls_p384_ecdsa_verify_der(sig, sig_len, digest, digest_len, key->pub,
                                                key->pub_len) == 1;
        return mintls_p256_ecdsa_verify_der(sig, sig_len, digest, digest_len, key->pub,
                                            key->pub_len) == 1;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        return -1;
    }
}

/* ---- EVP_PKEY_sign / EVP_PKEY_verify ------------------------------------ */

static int sig_init(EVP_PKEY_CTX *ctx, int op)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -2;
    }
    int t = ctx->type;
    if (ctx->pkey == NULL ||
        (t != EVP_PKEY_RSA && t != EVP_PKEY_RSA_PSS && t != EVP_PKEY_EC)) {
        ERR_raise(ERR_LIB_EVP, ctx->pkey == NULL
                                   ? EVP_R_NO_KEY_SET
                                   : EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        ctx->operation = EVP_PKEY_OP_UNDEFINED;
        return -2;
    }
    mintls_pkey_ctx_begin(ctx, op);
    return 1;
}

int EVP_PKEY_sign_init(EVP_PKEY_CTX *ctx)
{
    return sig_init(ctx, EVP_PKEY_OP_SIGN);
}

int EVP_PKEY_verify_init(EVP_PKEY_CTX *ctx)
{
    return sig_init(ctx, EVP_PKEY_OP_VERIFY);
}

int EVP_PKEY_sign(EVP_PKEY_CTX *ctx, unsigned char *sig, size_t *siglen,
                  const unsigned char *tbs, size_t tbslen)
{
    if (!mintls_pkey_ctx_check_op(ctx, EVP_PKEY_OP_SIGN))
        return -1;
    if (siglen == NULL || (sig != NULL && tbs == NULL)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return mintls_pkey_sign_digest(ctx, ctx->md, tbs, tbslen, sig, siglen);
}

int EVP_PKEY_verify(EVP_PKEY_CTX *ctx, const unsigned char *sig, size_t siglen,
                    const unsigned char *tbs, size_t tbslen)
{
    if (!mintls_pkey_ctx_check_op(ctx, EVP_PKEY_OP_VERIFY))
        return -1;
    if (sig == NULL || tbs == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    return mintls_pkey_verify_digest(ctx, ctx->md, tbs, tbslen, sig, siglen);
}
