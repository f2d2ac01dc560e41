/*
 * X509_verify_cert's engine: runs the verification stages over one chain in
 * the order OpenSSL 3.0 runs them, so that the errors, their depths and the
 * callback calls come out the same (internal/x509_verify.h gives the order,
 * internal/x509_verify_steps.h says which file does what).
 */
#include <string.h>
#include <time.h>

#include "internal/x509_verify_steps.h"

void mintls_x509_verify_params_init(mintls_x509_verify_params *p)
{
    memset(p, 0, sizeof(*p));
    p->depth = -1;
}

/*
 * The callback sees the context as it is; without one, an error stops
 * verification and a pass goes on, as OpenSSL's default callback does.
 */
static int ask_callback(mintls_x509_verify_ctx *ctx, int ok)
{
    const mintls_x509_verify_params *p = ctx->param;
    return p->verify_cb != NULL ? p->verify_cb(p->cb_arg, ok, ctx) : ok;
}

int mintls_x509_verify_report_error(mintls_x509_verify_ctx *ctx, size_t depth, int err)
{
    ctx->error = err;
    ctx->error_depth = (int)depth;
    ctx->current_cert = ctx->chain[depth];
    return ask_callback(ctx, 0);
}

int mintls_x509_verify_report_pass(mintls_x509_verify_ctx *ctx, size_t depth)
{
    /* The error, if one was accepted earlier, stays as it was. */
    ctx->error_depth = (int)depth;
    ctx->current_cert = ctx->chain[depth];
    return ask_callback(ctx, 1);
}

typedef int (*verify_stage)(mintls_x509_verify_ctx *ctx);

int mintls_x509_verify(mintls_x509_verify_ctx *ctx, const mintls_x509_verify_params *param,
                       const x509_cert *leaf, const x509_cert *const *untrusted,
                       size_t untrusted_count, const x509_cert *const *trusted,
                       size_t trusted_count)
{
    /* After the chain is built; the order is OpenSSL's. */
    static const verify_stage stages[] = {
        mintls_x509_chain_check_extensions,
        mintls_x509_chain_check_strength,
        mintls_x509_chain_check_identity,
        mintls_x509_chain_check_signatures,
        mintls_x509_chain_check_name_constraints,
    };
    if (ctx == NULL)
        return -1;
    memset(ctx, 0, sizeof(*ctx));
    if (param == NULL || leaf == NULL || (untrusted_count > 0 && untrusted == NULL) ||
        (trusted_count > 0 && trusted == NULL))
        return -1;
    ctx->param = param;
    ctx->now = param->have_time ? param->time : (int64_t)time(NULL);
    ctx->chain[0] = leaf;
    ctx->chain_len = 1;
    ctx->num_untrusted = 1;
    ctx->current_cert = leaf;

    mintls_x509_cert_pool pool = { untrusted, untrusted_count, trusted, trusted_count };
    if (!mintls_x509_path_build(ctx, &pool))
        return 0;
    for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
        if (!stages[i](ctx))
            return 0;
    return 1;
}
