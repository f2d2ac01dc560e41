/*
 * Key agreement through EVP_PKEY_CTX: X25519 (RFC 7748) and ECDH on
 * P-256/P-384 (SEC 1 section 3.3.1, the x coordinate as the secret), the
 * TLS key_share computations; an HKDF context derives through evp_hkdf.c.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/evp_pkey.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/x25519.h"

int EVP_PKEY_derive_init(EVP_PKEY_CTX *ctx)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -2;
    }
    if (ctx->type != EVP_PKEY_X25519 && ctx->type != EVP_PKEY_EC &&
        ctx->type != EVP_PKEY_HKDF) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        ctx->operation = EVP_PKEY_OP_UNDEFINED;
        return -2;
    }
    if (ctx->type != EVP_PKEY_HKDF && (ctx->pkey == NULL || !ctx->pkey->has_private)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        ctx->operation = EVP_PKEY_OP_UNDEFINED;
        return 0;
    }
    mintls_pkey_ctx_begin(ctx, EVP_PKEY_OP_DERIVE);
    EVP_PKEY_free(ctx->peer);
    ctx->peer = NULL;
    return 1;
}

int EVP_PKEY_derive_set_peer_ex(EVP_PKEY_CTX *ctx, EVP_PKEY *peer, int validate_peer)
{
    /* Peer points were already checked on the curve when they were set. */
    (void)validate_peer;
    if (!mintls_pkey_ctx_check_op(ctx, EVP_PKEY_OP_DERIVE))
        return -1;
    if (peer == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (ctx->type == EVP_PKEY_HKDF) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        return -2;
    }
    if (peer->type != ctx->pkey->type) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DIFFERENT_KEY_TYPES);
        return -1;
    }
    if (peer->type == EVP_PKEY_EC && peer->curve_nid != ctx->pkey->curve_nid) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DIFFERENT_PARAMETERS);
        return -1;
    }
    if (peer->pub_len == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return 0;
    }
    EVP_PKEY_up_ref(peer);
    EVP_PKEY_free(ctx->peer);
    ctx->peer = peer;
    return 1;
}

int EVP_PKEY_derive_set_peer(EVP_PKEY_CTX *ctx, EVP_PKEY *peer)
{
    return EVP_PKEY_derive_set_peer_ex(ctx, peer, 1);
}

static size_t secret_len(const EVP_PKEY *key)
{
    if (key->type == EVP_PKEY_EC)
        return key->curve_nid == NID_secp384r1 ? 48 : 32;
    return 32;
}

int EVP_PKEY_derive(EVP_PKEY_CTX *ctx, unsigned char *key, size_t *keylen)
{
    if (!mintls_pkey_ctx_check_op(ctx, EVP_PKEY_OP_DERIVE))
        return -1;
    if (keylen == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (ctx->type == EVP_PKEY_HKDF)
        return mintls_hkdf_derive(ctx, key, keylen);
    if (ctx->peer == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return 0;
    }
    const EVP_PKEY *me = ctx->pkey, *peer = ctx->peer;
    size_t n = secret_len(me);
    if (key == NULL) {
        *keylen = n;
        return 1;
    }
    /* OpenSSL hands out a truncated ECDH secret if asked; X25519 is all or nothing. */
    if (*keylen < n && me->type == EVP_PKEY_X25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL);
        return 0;
    }
    uint8_t secret[48];
    int ok;
    if (me->type == EVP_PKEY_X25519) {
        /* RFC 7748 section 6.1: an all-zero result (small-order peer) is refused. */
        ok = mintls_x25519(secret, me->priv, peer->pub);
    } else if (me->curve_nid == NID_secp384r1) {
        ok = mintls_p384_ecdh(secret, me->priv, peer->pub, peer->pub_len);
    } else {
        ok = mintls_p256_ecdh(secret, me->priv, peer->pub, peer->pub_len);
    }
    if (ok) {
        if (*keylen > n)
            *keylen = n;
        memcpy(key, secret, *keylen);
    } else {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_INVALID_KEY, "failed during derivation");
    }
    ct_wipe(secret, sizeof(secret));
    return ok;
}
