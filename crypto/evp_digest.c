/*
 * The EVP digest interface (OpenSSL 3.0 prototypes) over the internal
 * mintls_hash vtables. EVP_MD objects are static: EVP_sha256() and
 * friends return the "legacy" objects, EVP_MD_fetch() returns the
 * provider-style ones (named "SHA2-256" as in OpenSSL 3.0); both carry the
 * same hash. Neither is reference counted, so up_ref/free are no-ops.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/evp_md.h"
#include "internal/evp_pkey_ctx.h"

struct evp_md_st {
    const mintls_hash *h;
    const char *name;       /* what EVP_MD_get0_name returns */
    unsigned long flags;
};

struct evp_md_ctx_st {
    const EVP_MD *md;
    int finalized;          /* Final_ex ran; Update/Final need a new Init */
    unsigned long flags;
    mintls_hash_ctx hc;
    /* EVP_DigestSign/VerifyInit: the signing context (evp_digestsign.c). */
    EVP_PKEY_CTX *pctx;
    int pctx_borrowed;      /* set by EVP_MD_CTX_set_pkey_ctx: not ours to free */
};

/* OpenSSL marks the SHA family EVP_MD_FLAG_DIGALGID_ABSENT (NULL params
 * left out of the AlgorithmIdentifier); MD5 has no flags. */
#define DIGALGID_ABSENT 0x0008

static const EVP_MD md_legacy[] = {
    {&mintls_hash_md5, "MD5", 0},
    {&mintls_hash_sha1, "SHA1", DIGALGID_ABSENT},
    {&mintls_hash_sha224, "SHA224", DIGALGID_ABSENT},
    {&mintls_hash_sha256, "SHA256", DIGALGID_ABSENT},
    {&mintls_hash_sha384, "SHA384", DIGALGID_ABSENT},
    {&mintls_hash_sha512, "SHA512", DIGALGID_ABSENT},
};

static const EVP_MD md_fetched[] = {
    {&mintls_hash_md5, "MD5", 0},
    {&mintls_hash_sha1, "SHA1", DIGALGID_ABSENT},
    {&mintls_hash_sha224, "SHA2-224", DIGALGID_ABSENT},
    {&mintls_hash_sha256, "SHA2-256", DIGALGID_ABSENT},
    {&mintls_hash_sha384, "SHA2-384", DIGALGID_ABSENT},
    {&mintls_hash_sha512, "SHA2-512", DIGALGID_ABSENT},
};

#define N_MD (sizeof(md_legacy) / sizeof(md_legacy[0]))

const mintls_hash *mintls_evp_md_hash(const EVP_MD *md)
{
    return md != NULL ? md->h : NULL;
}

const EVP_MD *mintls_evp_md_from_hash(const mintls_hash *h)
{
    for (size_t i = 0; i < N_MD; i++)
        if (md_legacy[i].h == h)
            return &md_legacy[i];
    return NULL;
}

const EVP_MD *EVP_md5(void)
{
    return &md_legacy[0];
}

const EVP_MD *EVP_sha1(void)
{
    return &md_legacy[1];
}

const EVP_MD *EVP_sha224(void)
{
    return &md_legacy[2];
}

const EVP_MD *EVP_sha256(void)
{
    return &md_legacy[3];
}

const EVP_MD *EVP_sha384(void)
{
    return &md_legacy[4];
}

const EVP_MD *EVP_sha512(void)
{
    return &md_legacy[5];
}

const EVP_MD *EVP_get_digestbyname(const char *name)
{
    const mintls_hash *h = mintls_hash_by_name(name);

    /* The signature-algorithm short names resolve to their digest, as the
     * OpenSSL object table makes them do. */
    if (h == NULL && name != NULL && strncmp(name, "RSA-", 4) == 0)
        h = mintls_hash_by_name(name + 4);
    return mintls_evp_md_from_hash(h);
}

EVP_MD *EVP_MD_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)
{
    const mintls_hash *h = mintls_hash_by_name(algorithm);

    (void)ctx;
    (void)properties;
    for (size_t i = 0; h != NULL && i < N_MD; i++)
        if (md_fetched[i].h == h)
            return (EVP_MD *)&md_fetched[i];
    ERR_raise(ERR_LIB_EVP, ERR_R_UNSUPPORTED);
    return NULL;
}

int EVP_MD_up_ref(EVP_MD *md)
{
    return md != NULL;
}

void EVP_MD_free(EVP_MD *md)
{
    (void)md; /* static objects */
}

int EVP_MD_get_type(const EVP_MD *md)
{
    return md != NULL ? md->h->nid : 0;
}

const char *EVP_MD_get0_name(const EVP_MD *md)
{
    return md != NULL ? md->name : NULL;
}

int EVP_MD_get_size(const EVP_MD *md)
{
    if (md == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_MESSAGE_DIGEST_IS_NULL);
        return -1;
    }
    return (int)md->h->digest_len;
}

int EVP_MD_get_block_size(const EVP_MD *md)
{
    if (md == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_MESSAGE_DIGEST_IS_NULL);
        return -1;
    }
    return (int)md->h->block_len;
}

unsigned long EVP_MD_get_flags(const EVP_MD *md)
{
    return md != NULL ? md->flags : 0;
}

/* --- contexts ------------------------------------------------------------ */

EVP_MD_CTX *EVP_MD_CTX_new(void)
{
    EVP_MD_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
    return ctx;
}

/* Releases the signing context, unless the program lent it. */
static void drop_pkey_ctx(EVP_MD_CTX *ctx)
{
    if (!ctx->pctx_borrowed)
        EVP_PKEY_CTX_free(ctx->pctx);
    ctx->pctx = NULL;
    ctx->pctx_borrowed = 0;
}

EVP_PKEY_CTX *mintls_evp_md_ctx_pkey_ctx(const EVP_MD_CTX *ctx)
{
    return ctx != NULL ? ctx->pctx : NULL;
}

void mintls_evp_md_ctx_set_pkey_ctx(EVP_MD_CTX *ctx, EVP_PKEY_CTX *pctx, int borrowed)
{
    if (ctx->pctx != pctx)
        drop_pkey_ctx(ctx);
    ctx->pctx = pctx;
    ctx->pctx_borrowed = pctx != NULL && borrowed;
}

int EVP_MD_CTX_reset(EVP_MD_CTX *ctx)
{
    if (ctx == NULL)
        return 1;
    drop_pkey_ctx(ctx);
    ct_wipe(ctx, sizeof(*ctx));
    return 1;
}

void EVP_MD_CTX_free(EVP_MD_CTX *ctx)
{
    if (ctx == NULL)
        return;
    drop_pkey_ctx(ctx);
    ct_wipe(ctx, sizeof(*ctx));
    free(ctx);
}

int EVP_MD_CTX_copy_ex(EVP_MD_CTX *out, const EVP_MD_CTX *in)
{
    if (out == NULL || in == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (out == in)
        return 1;
    /* OpenSSL 3.0 treats copying an uninitialised context as a reset. */
    if (in->md == NULL && in->pctx == NULL)
        return EVP_MD_CTX_reset(out);
    drop_pkey_ctx(out);
    memcpy(out, in, sizeof(*out));
    /* A signing context is duplicated, as OpenSSL does; a lent one is shared. */
    if (in->pctx != NULL && !in->pctx_borrowed) {
        out->pctx = EVP_PKEY_CTX_dup(in->pctx);
        if (out->pctx == NULL) {
            EVP_MD_CTX_reset(out);
            return 0;
        }
    }
    return 1;
}

int EVP_MD_CTX_copy(EVP_MD_CTX *out, const EVP_MD_CTX *in)
{
    EVP_MD_CTX_reset(out);
    return EVP_MD_CTX_copy_ex(out, in);
}

const EVP_MD *EVP_MD_CTX_get0_md(const EVP_MD_CTX *ctx)
{
    return ctx != NULL ? ctx->md : NULL;
}

const EVP_MD *EVP_MD_CTX_md(const EVP_MD_CTX *ctx)
{
    return EVP_MD_CTX_get0_md(ctx);
}

int EVP_DigestInit_ex(EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl)
{
    (void)impl;
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    /* A NULL type restarts the digest already chosen. */
    if (type == NULL)
        type = ctx->md;
    if (type == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_DIGEST_SET);
        return 0;
    }
    ctx->md = type;
    ctx->finalized = 0;
    type->h->init(&ctx->hc);
    return 1;
}

int EVP_DigestInit(EVP_MD_CTX *ctx, const EVP_MD *type)
{
    EVP_MD_CTX_reset(ctx);
    return EVP_DigestInit_ex(ctx, type, NULL);
}

int EVP_DigestUpdate(EVP_MD_CTX *ctx, const void *d, size_t cnt)
{
    if (ctx == NULL || ctx->md == NULL || ctx->finalized || (d == NULL && cnt != 0)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UPDATE_ERROR);
        return 0;
    }
    if (cnt != 0)
        ctx->md->h->update(&ctx->hc, d, cnt);
    return 1;
}

int EVP_DigestFinal_ex(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s)
{
    if (ctx == NULL || ctx->md == NULL || ctx->finalized || md == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_FINAL_ERROR);
        return 0;
    }
    ctx->md->h->final(&ctx->hc, md); /* wipes the hash state */
    ctx->finalized = 1;
    if (s != NULL)
        *s = (unsigned int)ctx->md->h->digest_len;
    return 1;
}

int EVP_DigestFinal(EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s)
{
    int ret = EVP_DigestFinal_ex(ctx, md, s);
    EVP_MD_CTX_reset(ctx);
    return ret;
}

int EVP_Digest(const void *data, size_t count, unsigned char *md,
               unsigned int *size, const EVP_MD *type, ENGINE *impl)
{
    EVP_MD_CTX ctx;
    int ok;

    memset(&ctx, 0, sizeof(ctx));
    ok = EVP_DigestInit_ex(&ctx, type, impl) && EVP_DigestUpdate(&ctx, data, count) &&
         EVP_DigestFinal_ex(&ctx, md, size);
    EVP_MD_CTX_reset(&ctx);
    return ok;
}
