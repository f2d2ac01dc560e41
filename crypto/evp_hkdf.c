/*
 * HKDF (RFC 5869) through EVP_PKEY_CTX, the way OpenSSL 3.0 programs (and
 * a TLS 1.3 key schedule) drive it: EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF),
 * EVP_PKEY_derive_init, the set_hkdf_* parameters, then EVP_PKEY_derive.
 * Extract-and-expand writes exactly the requested length; extract-only
 * writes the PRK (the digest's length); expand-only takes the key as PRK.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <stdlib.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/evp_md.h"

static void wipe_free(uint8_t **p, size_t *len)
{
    if (*p != NULL) {
        ct_wipe(*p, *len);
        free(*p);
    }
    *p = NULL;
    *len = 0;
}

void mintls_hkdf_ctx_clear(EVP_PKEY_CTX *ctx)
{
    wipe_free(&ctx->hkdf_salt, &ctx->hkdf_salt_len);
    wipe_free(&ctx->hkdf_key, &ctx->hkdf_key_len);
    ct_wipe(ctx->hkdf_info, sizeof(ctx->hkdf_info));
    ctx->hkdf_info_len = 0;
    ctx->hkdf_md = NULL;
    ctx->hkdf_mode = EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND;
}

/* A private copy of p (a zero-length value still gets a buffer: "set, empty"). */
static int set_buffer(uint8_t **dst, size_t *dst_len, const uint8_t *p, size_t len)
{
    uint8_t *copy = malloc(len != 0 ? len : 1);
    if (copy == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (len != 0)
        memcpy(copy, p, len);
    wipe_free(dst, dst_len);
    *dst = copy;
    *dst_len = len;
    return 1;
}

int mintls_hkdf_ctx_copy(EVP_PKEY_CTX *dst, const EVP_PKEY_CTX *src)
{
    dst->hkdf_salt = dst->hkdf_key = NULL;
    dst->hkdf_salt_len = dst->hkdf_key_len = 0;
    if (src->hkdf_salt != NULL &&
        !set_buffer(&dst->hkdf_salt, &dst->hkdf_salt_len, src->hkdf_salt, src->hkdf_salt_len))
        return 0;
    if (src->hkdf_key != NULL &&
        !set_buffer(&dst->hkdf_key, &dst->hkdf_key_len, src->hkdf_key, src->hkdf_key_len))
        return 0;
    return 1;
}

int mintls_hkdf_ctrl(EVP_PKEY_CTX *ctx, int cmd, int p1, void *p2)
{
    switch (cmd) {
    case EVP_PKEY_CTRL_HKDF_MD:
        if ((ctx->hkdf_md = mintls_evp_md_hash(p2)) == NULL) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
            return 0;
        }
        return 1;
    case EVP_PKEY_CTRL_HKDF_MODE:
        if (p1 < EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND || p1 > EVP_KDF_HKDF_MODE_EXPAND_ONLY) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
            return 0;
        }
        ctx->hkdf_mode = p1;
        return 1;
    case EVP_PKEY_CTRL_HKDF_SALT:
    case EVP_PKEY_CTRL_HKDF_KEY:
    case EVP_PKEY_CTRL_HKDF_INFO:
        if (p1 < 0 || (p1 > 0 && p2 == NULL)) {
            ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT);
            return 0;
        }
        break;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
    size_t len = (size_t)p1;
    if (cmd == EVP_PKEY_CTRL_HKDF_SALT)
        return set_buffer(&ctx->hkdf_salt, &ctx->hkdf_salt_len, p2, len);
    if (cmd == EVP_PKEY_CTRL_HKDF_KEY)
        return set_buffer(&ctx->hkdf_key, &ctx->hkdf_key_len, p2, len);
    if (len > sizeof(ctx->hkdf_info) - ctx->hkdf_info_len) {
        ERR_raise(ERR_LIB_EVP, EVP_R_PARAMETER_TOO_LARGE);
        return 0;
    }
    if (len != 0)
        memcpy(ctx->hkdf_info + ctx->hkdf_info_len, p2, len);
    ctx->hkdf_info_len += len;
    return 1;
}

int mintls_hkdf_derive(EVP_PKEY_CTX *ctx, uint8_t *out, size_t *out_len)
{
    const mintls_hash *h = ctx->hkdf_md;
    if (h == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_MESSAGE_DIGEST_IS_NULL);
        return 0;
    }
    if (ctx->hkdf_key == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return 0;
    }
    int extract_only = ctx->hkdf_mode == EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
    if (out == NULL) {
        /* Only extract-only has a fixed size; the others make any length. */
        *out_len = extract_only ? h->digest_len : SIZE_MAX;
        return 1;
    }
    if (extract_only) {
        if (*out_len < h->digest_len) {
            ERR_raise(ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL);
            return 0;
        }
        mintls_hkdf_extract(h, ctx->hkdf_salt, ctx->hkdf_salt_len, ctx->hkdf_key,
                            ctx->hkdf_key_len, out);
        *out_len = h->digest_len;
        return 1;
    }
    if (*out_len == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return 0;
    }
    int ok;
    if (ctx->hkdf_mode == EVP_KDF_HKDF_MODE_EXPAND_ONLY) {
        ok = mintls_hkdf_expand(h, ctx->hkdf_key, ctx->hkdf_key_len, ctx->hkdf_info,
                                ctx->hkdf_info_len, out, *out_len);
    } else {
        uint8_t prk[MINTLS_MAX_DIGEST];
        mintls_hkdf_extract(h, ctx->hkdf_salt, ctx->hkdf_salt_len, ctx->hkdf_key,
                            ctx->hkdf_key_len, prk);
        ok = mintls_hkdf_expand(h, prk, h->digest_len, ctx->hkdf_info, ctx->hkdf_info_len, out,
                                *out_len);
        ct_wipe(prk, sizeof(prk));
    }
    if (!ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return 0;
    }
    return 1;
}

/* ---- the public setters (OpenSSL's kdf.h) ------------------------------- */

int EVP_PKEY_CTX_set_hkdf_md(EVP_PKEY_CTX *ctx, const EVP_MD *md)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_DERIVE, EVP_PKEY_CTRL_HKDF_MD, 0, (void *)md);
}

int EVP_PKEY_CTX_set1_hkdf_salt(EVP_PKEY_CTX *ctx, const unsigned char *salt, int saltlen)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_DERIVE, EVP_PKEY_CTRL_HKDF_SALT, saltlen,
                             (void *)salt);
}

int EVP_PKEY_CTX_set1_hkdf_key(EVP_PKEY_CTX *ctx, const unsigned char *key, int keylen)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_DERIVE, EVP_PKEY_CTRL_HKDF_KEY, keylen,
                             (void *)key);
}

int EVP_PKEY_CTX_add1_hkdf_info(EVP_PKEY_CTX *ctx, const unsigned char *info, int infolen)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_DERIVE, EVP_PKEY_CTRL_HKDF_INFO, infolen,
                             (void *)info);
}

int EVP_PKEY_CTX_set_hkdf_mode(EVP_PKEY_CTX *ctx, int mode)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_DERIVE, EVP_PKEY_CTRL_HKDF_MODE, mode, NULL);
}
