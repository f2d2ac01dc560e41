/*
 * Chain building: from the target certificate up, each step asks for an
 * issuer of the chain's current end, preferring the trusted set (so a
 * trust anchor that the peer also sent is taken from the store) and then
 * what the peer sent. Once a trusted certificate ends the chain only
 * trusted issuers may follow it. The chain stops at a self-signed
 * certificate, at a trusted one when partial chains are allowed, or when
 * no issuer is found; then the verdict says whether it ends in trust.
 *
 * Observed OpenSSL 3.0 behaviour this reproduces: the depth limit is checked
 * before each step, at the certificate that wants an issuer; a self-signed
 * certificate the peer sent still "wants" its trusted copy, so the limit
 * applies to it too; with partial chains, a chain that ends without trust
 * is still trusted if its target itself is in the trusted set.
 */
#include <string.h>

#include "internal/x509_verify_steps.h"

static int same_cert(const x509_cert *a, const x509_cert *b)
{
    return a == b ||
           (a->der.len == b->der.len && memcmp(a->der.p, b->der.p, a->der.len) == 0);
}

static int in_chain(const mintls_x509_verify_ctx *ctx, const x509_cert *c)
{
    for (size_t i = 0; i < ctx->chain_len; i++)
        if (same_cert(ctx->chain[i], c))
            return 1;
    return 0;
}

static int valid_now(const mintls_x509_verify_ctx *ctx, const x509_cert *c)
{
    return c->not_before <= ctx->now && ctx->now <= c->not_after;
}

/* The issuer of `subject` in a list, leaving out the chain's own members
 * (no loops); of several, the first that is valid now, else the first. */
static const x509_cert *find_issuer(const mintls_x509_verify_ctx *ctx,
                                    const x509_cert *const *list, size_t n,
                                    const x509_cert *subject)
{
    const x509_cert *first = NULL;
    for (size_t i = 0; i < n; i++) {
        const x509_cert *c = list[i];
        if (in_chain(ctx, c) || mintls_x509_likely_issued(c, subject) != MINTLS_X509_V_OK)
            continue;
        if (valid_now(ctx, c))
            return c;
        if (first == NULL)
            first = c;
    }
    return first;
}

static const x509_cert *find_same(const x509_cert *const *list, size_t n, const x509_cert *c)
{
    for (size_t i = 0; i < n; i++)
        if (same_cert(list[i], c))
            return list[i];
    return NULL;
}

static size_t max_depth(const mintls_x509_verify_ctx *ctx)
{
    int d = ctx->param->depth;
    if (d < 0)
        d = MINTLS_X509_VERIFY_DEFAULT_DEPTH;
    if (d > MINTLS_X509_VERIFY_MAX_DEPTH)
        d = MINTLS_X509_VERIFY_MAX_DEPTH;
    return (size_t)d;
}

static int partial_chain_allowed(const mintls_x509_verify_ctx *ctx)
{
    return (ctx->param->flags & MINTLS_X509_V_FLAG_PARTIAL_CHAIN) != 0;
}

static void append(mintls_x509_verify_ctx *ctx, const x509_cert *c, int trusted)
{
    ctx->chain[ctx->chain_len++] = c;
    if (!trusted)
        ctx->num_untrusted = ctx->chain_len;
}

/* Grows the chain as far as it goes; 0 if the callback refused an error. */
static int extend_chain(mintls_x509_verify_ctx *ctx, const mintls_x509_cert_pool *pool)
{
    size_t limit = max_depth(ctx);
    for (;;) {
        size_t end = ctx->chain_len - 1;
        const x509_cert *top = ctx->chain[end];
        int top_trusted = ctx->chain_len > ctx->num_untrusted;
        int self_signed = mintls_x509_self_signed(top);

        if (top_trusted && (self_signed || partial_chain_allowed(ctx)))
            return 1;
        if (end > limit) {
            /* Reported at the certificate whose issuer would not fit. */
            return mintls_x509_verify_report_error(ctx, end,
                                                   MINTLS_X509_V_ERR_CERT_CHAIN_TOO_LONG);
        }
        if (ctx->chain_len >= MINTLS_X509_VERIFY_MAX_CHAIN)
            return 1;
        if (self_signed) {
            /* An untrusted root is only good if the same one is trusted. */
            const x509_cert *copy = find_same(pool->trusted, pool->trusted_count, top);
            if (copy == NULL)
                return 1;
            ctx->chain[end] = copy;
            ctx->num_untrusted = end;
            continue;
        }
        const x509_cert *issuer =
            find_issuer(ctx, pool->trusted, pool->trusted_count, top);
        if (issuer != NULL) {
            append(ctx, issuer, 1);
            continue;
        }
        if (top_trusted)
            return 1;
        issuer = find_issuer(ctx, pool->untrusted, pool->untrusted_count, top);
        if (issuer == NULL)
            return 1;
        append(ctx, issuer, 0);
    }
}

/* Does the built chain end in trust? Reports why not; 0 if the callback
 * refused that. */
static int judge_trust(mintls_x509_verify_ctx *ctx, const mintls_x509_cert_pool *pool)
{
    size_t end = ctx->chain_len - 1;
    const x509_cert *top = ctx->chain[end];
    if (ctx->num_untrusted < ctx->chain_len) {
        if (partial_chain_allowed(ctx) || mintls_x509_self_signed(top))
            return 1;
        /* A trusted certificate whose own issuer is not trusted. */
        return mintls_x509_verify_report_error(ctx, end,
                                               MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT);
    }
    if (partial_chain_allowed(ctx) &&
        find_same(pool->trusted, pool->trusted_count, ctx->chain[0]) != NULL) {
        /* The target itself is trusted; the chain is kept as built. */
        ctx->num_untrusted = 0;
        return 1;
    }
    int err;
    if (mintls_x509_self_signed(top))
        err = end == 0 ? MINTLS_X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
                       : MINTLS_X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN;
    else
        err = MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
    return mintls_x509_verify_report_error(ctx, end, err);
}

int mintls_x509_path_build(mintls_x509_verify_ctx *ctx, const mintls_x509_cert_pool *pool)
{
    return extend_chain(ctx, pool) && judge_trust(ctx, pool);
}

int mintls_x509_chain_top_is_anchor(const mintls_x509_verify_ctx *ctx)
{
    return partial_chain_allowed(ctx) ||
           mintls_x509_self_signed(ctx->chain[ctx->chain_len - 1]);
}
