/*
 * The per-certificate stages of verification that need no signatures:
 * extensions (critical ones understood, CA-ness, purpose, path length),
 * the caller's strength check, the leaf's identity (host, email, IP) and
 * name constraints. Each reports through the callback and goes on when it
 * accepts (internal/x509_verify_steps.h).
 */
#include <string.h>

#include <openssl/obj_mac.h>

#include "internal/x509_verify_steps.h"

/* Intermediates below chain[depth] that count against its pathLenConstraint:
 * RFC 5280 6.1.4 (l) leaves self-issued ones out, and the leaf never counts. */
static long intermediates_below(const mintls_x509_verify_ctx *ctx, size_t depth)
{
    long n = 0;
    for (size_t i = 1; i < depth; i++)
        if (!mintls_x509_self_issued(ctx->chain[i]))
            n++;
    return n;
}

/* Every check of one certificate goes through `report`, in OpenSSL's order. */
static int check_one_certificate(mintls_x509_verify_ctx *ctx, size_t depth)
{
    const x509_cert *c = ctx->chain[depth];
    const mintls_x509_verify_params *p = ctx->param;
    int as_ca = depth > 0;

    if (c->unhandled_critical && !(p->flags & MINTLS_X509_V_FLAG_IGNORE_CRITICAL) &&
        !mintls_x509_verify_report_error(ctx, depth,
                                         MINTLS_X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION))
        return 0;
    if (as_ca && mintls_x509_check_ca(c) == 0 &&
        !mintls_x509_verify_report_error(ctx, depth, MINTLS_X509_V_ERR_INVALID_CA))
        return 0;
    if (p->purpose != 0 && !mintls_x509_check_purpose(c, p->purpose, as_ca) &&
        !mintls_x509_verify_report_error(ctx, depth, MINTLS_X509_V_ERR_INVALID_PURPOSE))
        return 0;
    if (as_ca && c->path_len >= 0 && intermediates_below(ctx, depth) > c->path_len &&
        !mintls_x509_verify_report_error(ctx, depth, MINTLS_X509_V_ERR_PATH_LENGTH_EXCEEDED))
        return 0;
    return 1;
}

int mintls_x509_chain_check_extensions(mintls_x509_verify_ctx *ctx)
{
    for (size_t i = 0; i < ctx->chain_len; i++)
        if (!check_one_certificate(ctx, i))
            return 0;
    return 1;
}

int mintls_x509_chain_check_strength(mintls_x509_verify_ctx *ctx)
{
    const mintls_x509_verify_params *p = ctx->param;
    if (p->check_strength == NULL)
        return 1;
    for (size_t i = 0; i < ctx->chain_len; i++) {
        int errs[2];
        size_t n = p->check_strength(p->strength_arg, ctx, i, errs);
        for (size_t k = 0; k < n && k < 2; k++)
            if (!mintls_x509_verify_report_error(ctx, i, errs[k]))
                return 0;
    }
    return 1;
}

/* Any of the expected host names will do. */
static int some_host_matches(const mintls_x509_verify_ctx *ctx)
{
    const mintls_x509_verify_params *p = ctx->param;
    for (size_t i = 0; i < p->host_count; i++) {
        size_t len = p->host_lens != NULL ? p->host_lens[i] : 0;
        if (p->hosts[i] != NULL &&
            mintls_x509_check_host(ctx->chain[0], p->hosts[i], len, p->host_flags, NULL) > 0)
            return 1;
    }
    return 0;
}

int mintls_x509_chain_check_identity(mintls_x509_verify_ctx *ctx)
{
    const mintls_x509_verify_params *p = ctx->param;
    const x509_cert *leaf = ctx->chain[0];
    if (p->hosts != NULL && p->host_count > 0 && !some_host_matches(ctx) &&
        !mintls_x509_verify_report_error(ctx, 0, MINTLS_X509_V_ERR_HOSTNAME_MISMATCH))
        return 0;
    if (p->email != NULL &&
        mintls_x509_check_email(leaf, p->email, p->email_len, p->host_flags) <= 0 &&
        !mintls_x509_verify_report_error(ctx, 0, MINTLS_X509_V_ERR_EMAIL_MISMATCH))
        return 0;
    if (p->ip != NULL && mintls_x509_check_ip(leaf, p->ip, p->ip_len, p->host_flags) <= 0 &&
        !mintls_x509_verify_report_error(ctx, 0, MINTLS_X509_V_ERR_IP_ADDRESS_MISMATCH))
        return 0;
    return 1;
}

static int has_dns_name(const x509_cert *c)
{
    for (size_t i = 0; i < c->san.count; i++)
        if (c->san.items[i].type == X509_GN_DNS)
            return 1;
    return 0;
}

/*
 * RFC 5280 6.1.3 (b): every certificate below a CA is checked against that
 * CA's name constraints, except self-issued intermediates. Certificates are
 * taken from the anchor down, and so are the CAs constraining each; one
 * error per certificate.
 */
int mintls_x509_chain_check_name_constraints(mintls_x509_verify_ctx *ctx)
{
    size_t n = ctx->chain_len;
    for (size_t i = n - 1; i-- > 0;) {
        const x509_cert *c = ctx->chain[i];
        if (i > 0 && mintls_x509_self_issued(c))
            continue;
        /* A leaf naming its host only in the CN is held to DNS constraints. */
        int check_cn = i == 0 && !has_dns_name(c);
        for (size_t j = n; j-- > i + 1;) {
            const x509_cert *ca = ctx->chain[j];
            if (!(ca->has & X509_HAS_NAME_CONSTRAINTS))
                continue;
            int err = mintls_x509_name_constraints_check(c, ca, check_cn);
            if (err == MINTLS_X509_V_OK)
                continue;
            if (!mintls_x509_verify_report_error(ctx, i, err))
                return 0;
            break;
        }
    }
    return 1;
}
