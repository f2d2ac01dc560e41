/*
 * The stages of mintls_x509_verify (x509_verify.c), one file each:
 * x509_path.c builds the chain and judges whether it ends in trust,
 * x509_chain_checks.c holds the per-certificate extension, strength,
 * identity and name-constraint stages, x509_chain_signatures.c walks the
 * chain from the anchor down checking signatures and validity periods.
 *
 * Every stage reports a problem through mintls_x509_verify_report_error:
 * the error stays set on the context and the application's callback decides
 * whether verification goes on. A stage returns 1 to go on, 0 when the
 * callback said stop.
 */
#ifndef MINTLS_X509_VERIFY_STEPS_H
#define MINTLS_X509_VERIFY_STEPS_H

#include "internal/x509_verify.h"

/* The certificates a verification may draw on. */
typedef struct {
    const x509_cert *const *untrusted;
    size_t untrusted_count;
    const x509_cert *const *trusted;
    size_t trusted_count;
} mintls_x509_cert_pool;

/* Sets `err` for ctx->chain[depth] and asks the callback with ok = 0. */
int mintls_x509_verify_report_error(mintls_x509_verify_ctx *ctx, size_t depth, int err);
/* The callback with ok = 1 for ctx->chain[depth], once it passed its checks. */
int mintls_x509_verify_report_pass(mintls_x509_verify_ctx *ctx, size_t depth);

/* Chain building from ctx->chain[0], then the trust verdict on its end. */
int mintls_x509_path_build(mintls_x509_verify_ctx *ctx, const mintls_x509_cert_pool *pool);

int mintls_x509_chain_check_extensions(mintls_x509_verify_ctx *ctx);
int mintls_x509_chain_check_strength(mintls_x509_verify_ctx *ctx);
int mintls_x509_chain_check_identity(mintls_x509_verify_ctx *ctx);
int mintls_x509_chain_check_signatures(mintls_x509_verify_ctx *ctx);
int mintls_x509_chain_check_name_constraints(mintls_x509_verify_ctx *ctx);

/* Subject and issuer names are the same (RFC 5280 "self-issued"). */
int mintls_x509_self_issued(const x509_cert *cert);

/* 1 if the chain's last certificate may serve as its anchor: self-signed,
 * or any certificate when partial chains are allowed. */
int mintls_x509_chain_top_is_anchor(const mintls_x509_verify_ctx *ctx);

#endif
