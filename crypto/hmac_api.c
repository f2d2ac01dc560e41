/*
 * OpenSSL 3.0's HMAC_CTX interface over mintls_hmac. The context keeps the
 * freshly keyed state apart from the running one, so HMAC_Init_ex with a
 * NULL key restarts under the previous key without rehashing it.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/evp_md.h"

struct hmac_ctx_st {
    const EVP_MD *md;
    int have_key;            /* keyed holds a keyed state */
    int running;             /* cur may be updated / finalised */
    unsigned long flags;
    mintls_hmac_ctx keyed;   /* state right after keying */
    mintls_hmac_ctx cur;     /* state of the message in progress */
};

HMAC_CTX *HMAC_CTX_new(void)
{
    HMAC_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
    return ctx;
}

int HMAC_CTX_reset(HMAC_CTX *ctx)
{
    if (ctx != NULL)
        ct_wipe(ctx, sizeof(*ctx));
    return 1;
}

void HMAC_CTX_free(HMAC_CTX *ctx)
{
    if (ctx == NULL)
        return;
    ct_wipe(ctx, sizeof(*ctx));
    free(ctx);
}

int HMAC_Init_ex(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md, ENGINE *impl)
{
    const mintls_hash *h;

    (void)impl;
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    /* Changing the digest needs a new key, as in OpenSSL. */
    if (md != NULL && md != ctx->md && (key == NULL || len < 0)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return 0;
    }
    if (md == NULL)
        md = ctx->md;
    if (md == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET);
        return 0;
    }
    h = mintls_evp_md_hash(md);
    if (key != NULL) {
        if (len < 0) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
            return 0;
        }
        mintls_hmac_init(&ctx->keyed, h, key, (size_t)len);
        ctx->md = md;
        ctx->have_key = 1;
    } else if (!ctx->have_key) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
        return 0;
    }
    ctx->cur = ctx->keyed;
    ctx->running = 1;
    return 1;
}

int HMAC_Init(HMAC_CTX *ctx, const void *key, int len, const EVP_MD *md)
{
    /* The 1.0 semantics: a new key and digest start from a clean context. */
    if (key != NULL && md != NULL)
        HMAC_CTX_reset(ctx);
    return HMAC_Init_ex(ctx, key, len, md, NULL);
}

int HMAC_Update(HMAC_CTX *ctx, const unsigned char *data, size_t len)
{
    if (ctx == NULL || !ctx->running || (data == NULL && len != 0)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UPDATE_ERROR);
        return 0;
    }
    mintls_hmac_update(&ctx->cur, data, len);
    return 1;
}

int HMAC_Final(HMAC_CTX *ctx, unsigned char *md, unsigned int *len)
{
    if (ctx == NULL || !ctx->running || md == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_FINAL_ERROR);
        return 0;
    }
    mintls_hmac_final(&ctx->cur, md); /* wipes cur */
    ctx->running = 0;
    if (len != NULL)
        *len = (unsigned int)mintls_evp_md_hash(ctx->md)->digest_len;
    return 1;
}

size_t HMAC_size(const HMAC_CTX *ctx)
{
    int size = EVP_MD_get_size(ctx != NULL ? ctx->md : NULL);
    return size < 0 ? 0 : (size_t)size;
}

int HMAC_CTX_copy(HMAC_CTX *dctx, HMAC_CTX *sctx)
{
    if (dctx == NULL || sctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (dctx != sctx)
        memcpy(dctx, sctx, sizeof(*dctx));
    return 1;
}

void HMAC_CTX_set_flags(HMAC_CTX *ctx, unsigned long flags)
{
    /* EVP_MD_CTX flags (one-shot, non-FIPS) change nothing here; kept so
     * that they read back as set. */
    if (ctx != NULL)
        ctx->flags |= flags;
}

const EVP_MD *HMAC_CTX_get_md(const HMAC_CTX *ctx)
{
    return ctx != NULL ? ctx->md : NULL;
}

unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len,
                    const unsigned char *data, size_t data_len,
                    unsigned char *md, unsigned int *md_len)
{
    static unsigned char fallback[EVP_MAX_MD_SIZE];
    const mintls_hash *h = mintls_evp_md_hash(evp_md);

    if (h == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_MESSAGE_DIGEST_IS_NULL);
        return NULL;
    }
    if (key_len < 0 || (key == NULL && key_len != 0) || (data == NULL && data_len != 0)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT);
        return NULL;
    }
    if (md == NULL)
        md = fallback;
    mintls_hmac(h, key, (size_t)key_len, data, data_len, md);
    if (md_len != NULL)
        *md_len = (unsigned int)h->digest_len;
    return md;
}
