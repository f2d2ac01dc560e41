/*
 * The handshake transcript: kept bytes until the suite's hash is known,
 * a running EVP_MD_CTX afterwards (RFC 8446 4.4.1).
 */
#include "transcript.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

void mintls_transcript_init(mintls_transcript *t)
{
    memset(t, 0, sizeof(*t));
}

static void free_buf(mintls_transcript *t)
{
    if (t->buf != NULL) {
        OPENSSL_cleanse(t->buf, t->buf_cap);
        free(t->buf);
    }
    t->buf = NULL;
    t->buf_len = t->buf_cap = 0;
}

void mintls_transcript_clear(mintls_transcript *t)
{
    EVP_MD_CTX_free(t->md_ctx);
    t->md_ctx = NULL;
    free_buf(t);
}

const EVP_MD *mintls_transcript_md(const mintls_transcript *t)
{
    return t->md_ctx != NULL ? EVP_MD_CTX_get0_md(t->md_ctx) : NULL;
}

int mintls_transcript_update(mintls_transcript *t, const uint8_t *msg, size_t len)
{
    if (len == 0)
        return 1;
    if (t->md_ctx != NULL) {
        if (!EVP_DigestUpdate(t->md_ctx, msg, len)) {
            ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
            return 0;
        }
        return 1;
    }
    if (len > SIZE_MAX / 2 - t->buf_len) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    if (t->buf_len + len > t->buf_cap) {
        /* Grow by copying, so no stale secret-bearing copy is left behind. */
        size_t cap = t->buf_cap != 0 ? t->buf_cap : 512;
        while (cap < t->buf_len + len)
            cap *= 2;
        uint8_t *nb = malloc(cap);
        if (nb == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        if (t->buf_len != 0)
            memcpy(nb, t->buf, t->buf_len);
        size_t kept = t->buf_len;
        free_buf(t);
        t->buf = nb;
        t->buf_len = kept;
        t->buf_cap = cap;
    }
    memcpy(t->buf + t->buf_len, msg, len);
    t->buf_len += len;
    return 1;
}

int mintls_transcript_set_hash(mintls_transcript *t, const EVP_MD *md)
{
    if (t->md_ctx != NULL || md == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx == NULL || !EVP_DigestInit_ex(ctx, md, NULL) ||
        (t->buf_len != 0 && !EVP_DigestUpdate(ctx, t->buf, t->buf_len))) {
        EVP_MD_CTX_free(ctx);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    t->md_ctx = ctx;
    free_buf(t);
    return 1;
}

/* Finishes a copy of the running hash after adding extra to the copy. */
static int snapshot(const EVP_MD_CTX *running, const uint8_t *extra, size_t extra_len,
                    uint8_t *out, size_t *out_len)
{
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    unsigned int n = 0;
    int ok = copy != NULL && EVP_MD_CTX_copy_ex(copy, running) &&
             (extra_len == 0 || EVP_DigestUpdate(copy, extra, extra_len)) &&
             EVP_DigestFinal_ex(copy, out, &n);
    EVP_MD_CTX_free(copy);
    if (!ok) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    *out_len = n;
    return 1;
}

int mintls_transcript_hash(const mintls_transcript *t, uint8_t *out, size_t *out_len)
{
    if (t->md_ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return snapshot(t->md_ctx, NULL, 0, out, out_len);
}

int mintls_transcript_hash_with(const mintls_transcript *t, const EVP_MD *md,
                                const uint8_t *extra, size_t extra_len, uint8_t *out,
                                size_t *out_len)
{
    if (md == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (t->md_ctx != NULL) {
        if (EVP_MD_get_type(mintls_transcript_md(t)) != EVP_MD_get_type(md)) {
            ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
            return 0;
        }
        return snapshot(t->md_ctx, extra, extra_len, out, out_len);
    }
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned int n = 0;
    int ok = ctx != NULL && EVP_DigestInit_ex(ctx, md, NULL) &&
             (t->buf_len == 0 || EVP_DigestUpdate(ctx, t->buf, t->buf_len)) &&
             (extra_len == 0 || EVP_DigestUpdate(ctx, extra, extra_len)) &&
             EVP_DigestFinal_ex(ctx, out, &n);
    EVP_MD_CTX_free(ctx);
    if (!ok) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    *out_len = n;
    return 1;
}

int mintls_transcript_hello_retry(mintls_transcript *t)
{
    /* message_hash header (4 bytes) then Hash(ClientHello1). */
    uint8_t msg[4 + EVP_MAX_MD_SIZE];
    size_t hl = 0;
    if (!mintls_transcript_hash(t, msg + 4, &hl))
        return 0;
    msg[0] = MINTLS_HS_MESSAGE_HASH;
    msg[1] = 0;
    msg[2] = 0;
    msg[3] = (uint8_t)hl;
    if (!EVP_DigestInit_ex(t->md_ctx, mintls_transcript_md(t), NULL) ||
        !EVP_DigestUpdate(t->md_ctx, msg, 4 + hl)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}
