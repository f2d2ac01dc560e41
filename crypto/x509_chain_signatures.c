/*
 * The walk from the trust anchor down to the leaf: for each certificate,
 * its issuer must be allowed to sign certificates, its signature must
 * verify under the issuer's key, and it must be valid at the check time;
 * then the callback hears that it passed (ok = 1). This is the order in
 * which an application's callback sees the chain, anchor first.
 *
 * Where the walk starts (observed OpenSSL 3.0 behaviour): at the chain's
 * end when that is an anchor (self-signed, or any certificate with partial
 * chains allowed); otherwise the end is only used as the issuer of the
 * certificate below it, and a lone leaf without an issuer first gets
 * UNABLE_TO_VERIFY_LEAF_SIGNATURE. An anchor's own signature is checked only
 * with X509_V_FLAG_CHECK_SS_SIGNATURE.
 */
#include <openssl/obj_mac.h>

#include "internal/x509_verify_steps.h"

#define USAGE_KEY_CERT_SIGN 0x04u

static int signature_good(const mintls_x509_verify_ctx *ctx, const x509_cert *issuer,
                          const x509_cert *subject)
{
    const mintls_x509_verify_params *p = ctx->param;
    if (p->check_sig != NULL)
        return p->check_sig(p->sig_arg, issuer, subject);
    return mintls_x509_check_signature(issuer, subject);
}

/* Signature of chain[depth] by `issuer` (chain[depth + 1], or itself). */
static int check_signature(mintls_x509_verify_ctx *ctx, size_t depth, const x509_cert *issuer)
{
    const x509_cert *subject = ctx->chain[depth];
    if (issuer != subject && (issuer->has & X509_HAS_KEY_USAGE) &&
        !(issuer->key_usage & USAGE_KEY_CERT_SIGN) &&
        !mintls_x509_verify_report_error(ctx, depth + 1,
                                         MINTLS_X509_V_ERR_KEYUSAGE_NO_CERTSIGN))
        return 0;
    if (signature_good(ctx, issuer, subject))
        return 1;
    int err = issuer->key_nid == NID_undef ? MINTLS_X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY
                                           : MINTLS_X509_V_ERR_CERT_SIGNATURE_FAILURE;
    return mintls_x509_verify_report_error(ctx, depth, err);
}

static int check_validity(mintls_x509_verify_ctx *ctx, size_t depth)
{
    const x509_cert *c = ctx->chain[depth];
    if (ctx->param->flags & MINTLS_X509_V_FLAG_NO_CHECK_TIME)
        return 1;
    if (ctx->now < c->not_before)
        return mintls_x509_verify_report_error(ctx, depth, MINTLS_X509_V_ERR_CERT_NOT_YET_VALID);
    if (ctx->now > c->not_after)
        return mintls_x509_verify_report_error(ctx, depth, MINTLS_X509_V_ERR_CERT_HAS_EXPIRED);
    return 1;
}

int mintls_x509_chain_check_signatures(mintls_x509_verify_ctx *ctx)
{
    size_t end = ctx->chain_len - 1;
    size_t start = end;
    int top_anchor = mintls_x509_chain_top_is_anchor(ctx);

    if (!top_anchor && end == 0) {
        if (!mintls_x509_verify_report_error(ctx, 0,
                                             MINTLS_X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE))
            return 0;
    } else if (!top_anchor) {
        start = end - 1;
    }
    for (size_t i = start + 1; i-- > 0;) {
        const x509_cert *issuer = i < end ? ctx->chain[i + 1] : ctx->chain[i];
        ctx->current_issuer = issuer;
        int check_sig = i < end || (top_anchor && mintls_x509_self_signed(issuer) &&
                                    (ctx->param->flags & MINTLS_X509_V_FLAG_CHECK_SS_SIGNATURE));
        if (check_sig && !check_signature(ctx, i, issuer))
            return 0;
        if (!check_validity(ctx, i))
            return 0;
        if (!mintls_x509_verify_report_pass(ctx, i))
            return 0;
    }
    return 1;
}
