/*
 * EVP_DigestSign* / EVP_DigestVerify*: hash-then-sign over an EVP_MD_CTX.
 * The EVP_MD_CTX hashes the message; its EVP_PKEY_CTX (handed back through
 * the pctx out-parameter so callers can choose RSA-PSS padding and salt)
 * signs or verifies the digest through evp_pkey_sign.c. Ed25519 (RFC 8032)
 * signs the message itself, so as in OpenSSL it is one-shot only
 * (EVP_DigestSign / EVP_DigestVerify) and takes no digest.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/ed25519.h"
#include "internal/evp_md.h"
#include "internal/evp_pkey.h"

EVP_PKEY_CTX *EVP_MD_CTX_get_pkey_ctx(const EVP_MD_CTX *ctx)
{
    return mintls_evp_md_ctx_pkey_ctx(ctx);
}

/* The program lends pctx: EVP_MD_CTX_free will not free it. */
void EVP_MD_CTX_set_pkey_ctx(EVP_MD_CTX *ctx, EVP_PKEY_CTX *pctx)
{
    if (ctx != NULL)
        mintls_evp_md_ctx_set_pkey_ctx(ctx, pctx, 1);
}

static int init_common(EVP_MD_CTX *ctx, EVP_PKEY_CTX **out_pctx, const EVP_MD *md,
                       EVP_PKEY *pkey, int op)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    /* A context the program lent with EVP_MD_CTX_set_pkey_ctx is used as is. */
    EVP_PKEY_CTX *pctx = mintls_evp_md_ctx_pkey_ctx(ctx);
    int lent = pctx != NULL && pkey == NULL;
    if (!lent) {
        if ((pctx = EVP_PKEY_CTX_new(pkey, NULL)) == NULL)
            return 0;
    }
    int t = pctx->type;
    if (pctx->pkey == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        goto err;
    }
    if (t != EVP_PKEY_RSA && t != EVP_PKEY_RSA_PSS && t != EVP_PKEY_EC &&
        t != EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        goto err;
    }
    if (op == EVP_PKEY_OP_SIGNCTX && !pctx->pkey->has_private) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        goto err;
    }
    mintls_pkey_ctx_begin(pctx, op);
    if (t == EVP_PKEY_ED25519) {
        if (md != NULL) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
            goto err;
        }
    } else {
        if (md == NULL)
            md = EVP_sha256(); /* OpenSSL's default for RSA and EC keys */
        if (mintls_evp_md_hash(md) == NULL || EVP_DigestInit_ex(ctx, md, NULL) != 1) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
            goto err;
        }
        pctx->md = mintls_evp_md_hash(md);
    }
    if (!lent)
        mintls_evp_md_ctx_set_pkey_ctx(ctx, pctx, 0);
    if (out_pctx != NULL)
        *out_pctx = pctx;
    return 1;
err:
    if (!lent)
        EVP_PKEY_CTX_free(pctx);
    return 0;
}

/* md by name; NULL or "" is the key type's default (and required for Ed25519). */
static int init_ex(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const char *mdname, EVP_PKEY *pkey,
                   const OSSL_PARAM *params, int op)
{
    const EVP_MD *md = NULL;
    if (params != NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return 0;
    }
    if (mdname != NULL && mdname[0] != '\0' && (md = EVP_get_digestbyname(mdname)) == NULL) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_INVALID_DIGEST, "%s", mdname);
        return 0;
    }
    return init_common(ctx, pctx, md, pkey, op);
}

int EVP_DigestSignInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e,
                       EVP_PKEY *pkey)
{
    (void)e;
    return init_common(ctx, pctx, type, pkey, EVP_PKEY_OP_SIGNCTX);
}

int EVP_DigestVerifyInit(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e,
                         EVP_PKEY *pkey)
{
    (void)e;
    return init_common(ctx, pctx, type, pkey, EVP_PKEY_OP_VERIFYCTX);
}

int EVP_DigestSignInit_ex(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const char *mdname,
                          OSSL_LIB_CTX *libctx, const char *props, EVP_PKEY *pkey,
                          const OSSL_PARAM *params)
{
    (void)libctx;
    (void)props;
    return init_ex(ctx, pctx, mdname, pkey, params, EVP_PKEY_OP_SIGNCTX);
}

int EVP_DigestVerifyInit_ex(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const char *mdname,
                            OSSL_LIB_CTX *libctx, const char *props, EVP_PKEY *pkey,
                            const OSSL_PARAM *params)
{
    (void)libctx;
    (void)props;
    return init_ex(ctx, pctx, mdname, pkey, params, EVP_PKEY_OP_VERIFYCTX);
}

/* The context's EVP_PKEY_CTX if it was initialised for op, else NULL (error queued). */
static EVP_PKEY_CTX *signing_ctx(const EVP_MD_CTX *ctx, int op)
{
    EVP_PKEY_CTX *pctx = mintls_evp_md_ctx_pkey_ctx(ctx);
    if (pctx == NULL || pctx->operation != op) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED);
        return NULL;
    }
    return pctx;
}

static int update(EVP_MD_CTX *ctx, const void *data, size_t len, int op)
{
    EVP_PKEY_CTX *pctx = signing_ctx(ctx, op);
    if (pctx == NULL)
        return 0;
    if (pctx->type == EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_ONLY_ONESHOT_SUPPORTED);
        return 0;
    }
    return EVP_DigestUpdate(ctx, data, len);
}

int EVP_DigestSignUpdate(EVP_MD_CTX *ctx, const void *data, size_t dsize)
{
    return update(ctx, data, dsize, EVP_PKEY_OP_SIGNCTX);
}

int EVP_DigestVerifyUpdate(EVP_MD_CTX *ctx, const void *data, size_t dsize)
{
    return update(ctx, data, dsize, EVP_PKEY_OP_VERIFYCTX);
}

/*
 * The digest of everything hashed so far, from a copy of the hash state:
 * as in OpenSSL, Final leaves the context as it was (a size query and then
 * the real call sign the same message).
 */
static int current_digest(EVP_MD_CTX *ctx, uint8_t *out, unsigned int *out_len)
{
    EVP_MD_CTX *tmp = EVP_MD_CTX_new();
    int ok = tmp != NULL && EVP_MD_CTX_copy_ex(tmp, ctx) && EVP_DigestFinal_ex(tmp, out, out_len);
    EVP_MD_CTX_free(tmp);
    return ok;
}

int EVP_DigestSignFinal(EVP_MD_CTX *ctx, unsigned char *sigret, size_t *siglen)
{
    EVP_PKEY_CTX *pctx = signing_ctx(ctx, EVP_PKEY_OP_SIGNCTX);
    if (pctx == NULL)
        return 0;
    if (siglen == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (pctx->type == EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_ONLY_ONESHOT_SUPPORTED);
        return 0;
    }
    if (sigret == NULL)
        return mintls_pkey_sign_digest(pctx, pctx->md, NULL, 0, NULL, siglen);
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int dlen;
    if (!current_digest(ctx, digest, &dlen))
        return 0;
    int ok = mintls_pkey_sign_digest(pctx, pctx->md, digest, dlen, sigret, siglen);
    ct_wipe(digest, sizeof(digest));
    return ok;
}

int EVP_DigestVerifyFinal(EVP_MD_CTX *ctx, const unsigned char *sig, size_t siglen)
{
    EVP_PKEY_CTX *pctx = signing_ctx(ctx, EVP_PKEY_OP_VERIFYCTX);
    if (pctx == NULL)
        return 0;
    if (pctx->type == EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_ONLY_ONESHOT_SUPPORTED);
        return 0;
    }
    if (sig == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int dlen;
    if (!current_digest(ctx, digest, &dlen))
        return 0;
    return mintls_pkey_verify_digest(pctx, pctx->md, digest, dlen, sig, siglen);
}

int EVP_DigestSign(EVP_MD_CTX *ctx, unsigned char *sigret, size_t *siglen,
                   const unsigned char *tbs, size_t tbslen)
{
    EVP_PKEY_CTX *pctx = signing_ctx(ctx, EVP_PKEY_OP_SIGNCTX);
    if (pctx == NULL)
        return 0;
    if (siglen == NULL || (sigret != NULL && tbs == NULL && tbslen != 0)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (pctx->type != EVP_PKEY_ED25519) {
        /* A size query hashes nothing, so the real call signs just tbs. */
        if (sigret != NULL && EVP_DigestUpdate(ctx, tbs, tbslen) != 1)
            return 0;
        return EVP_DigestSignFinal(ctx, sigret, siglen);
    }
    if (sigret == NULL) {
        *siglen = 64;
        return 1;
    }
    if (*siglen < 64) {
        ERR_raise(ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL);
        return 0;
    }
    const EVP_PKEY *k = pctx->pkey;
    mintls_ed25519_sign(sigret, tbs, tbslen, k->priv, k->pub);
    *siglen = 64;
    return 1;
}

int EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sigret, size_t siglen,
                     const unsigned char *tbs, size_t tbslen)
{
    EVP_PKEY_CTX *pctx = signing_ctx(ctx, EVP_PKEY_OP_VERIFYCTX);
    if (pctx == NULL)
        return -1;
    if (sigret == NULL || (tbs == NULL && tbslen != 0)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (pctx->type != EVP_PKEY_ED25519) {
        if (EVP_DigestUpdate(ctx, tbs, tbslen) != 1)
            return -1;
        return EVP_DigestVerifyFinal(ctx, sigret, siglen);
    }
    const EVP_PKEY *k = pctx->pkey;
    return siglen == 64 && k->pub_len == 32 &&
           mintls_ed25519_verify(sigret, tbs, tbslen, k->pub) == 1;
}
