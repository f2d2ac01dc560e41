/*
 * SSL_CTX: the configuration many connections share. Created with a
 * method, filled in by the program, then read by every SSL made from it;
 * freed when the last reference (the program's or a connection's) goes.
 */
#include "ssl_local.h"

#include <stdlib.h>
#include <string.h>

SSL_CTX *SSL_CTX_new_ex(OSSL_LIB_CTX *libctx, const char *propq, const SSL_METHOD *meth)
{
    mintls_ssl_load_strings();
    if (meth == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NULL_SSL_METHOD_PASSED);
        return NULL;
    }
    SSL_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&ctx->references, 1);
    ctx->method = meth;
    ctx->libctx = libctx;
    ctx->verify_mode = SSL_VERIFY_NONE;
    mintls_ssl_settings_init(&ctx->settings);
    mintls_ssl_cert_init(&ctx->cert);
    mintls_session_ctx_init(ctx);
    if (propq != NULL && (ctx->propq = strdup(propq)) == NULL)
        goto nomem;
    if ((ctx->cert_store = X509_STORE_new()) == NULL)
        goto nomem;
    if ((ctx->param = X509_VERIFY_PARAM_new()) == NULL)
        goto nomem;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_SSL_CTX, ctx, &ctx->ex_data))
        goto fail;
    return ctx;
nomem:
    ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
fail:
    X509_VERIFY_PARAM_free(ctx->param);
    X509_STORE_free(ctx->cert_store);
    free(ctx->propq);
    free(ctx);
    return NULL;
}

SSL_CTX *SSL_CTX_new(const SSL_METHOD *meth)
{
    return SSL_CTX_new_ex(NULL, NULL, meth);
}

int SSL_CTX_up_ref(SSL_CTX *ctx)
{
    atomic_fetch_add(&ctx->references, 1);
    return 1;
}

void SSL_CTX_free(SSL_CTX *ctx)
{
    if (ctx == NULL || atomic_fetch_sub(&ctx->references, 1) > 1)
        return;
    /* Application data goes first: its free callbacks may still look at the context. */
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_SSL_CTX, ctx, &ctx->ex_data);
    X509_VERIFY_PARAM_free(ctx->param);
    X509_STORE_free(ctx->cert_store);
    mintls_ssl_cert_clear(&ctx->cert);
    sk_X509_pop_free(ctx->extra_certs, X509_free);
    free(ctx->propq);
    OPENSSL_free(ctx->alpn_protos);
    sk_X509_NAME_pop_free(ctx->client_ca_names, X509_NAME_free);
    free(ctx);
}

const SSL_METHOD *SSL_CTX_get_ssl_method(const SSL_CTX *ctx)
{
    return ctx->method;
}

int SSL_CTX_set_ex_data(SSL_CTX *ctx, int idx, void *data)
{
    return CRYPTO_set_ex_data(&ctx->ex_data, idx, data);
}

void *SSL_CTX_get_ex_data(const SSL_CTX *ctx, int idx)
{
    return CRYPTO_get_ex_data(&ctx->ex_data, idx);
}

/*
 * The numbered commands behind OpenSSL's SSL_CTX_* macros. Each command a
 * macro in ssl.h compiles to is handled here; other numbers fail with
 * SSL_R_INVALID_COMMAND rather than pretending to work.
 */
long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    switch (cmd) {
    case SSL_CTRL_EXTRA_CHAIN_CERT: /* takes over the caller's reference */
        if (parg == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
            return 0;
        }
        if (ctx->extra_certs == NULL && (ctx->extra_certs = sk_X509_new_null()) == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        if (!sk_X509_push(ctx->extra_certs, (X509 *)parg)) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        return 1;
    case SSL_CTRL_GET_EXTRA_CHAIN_CERTS:
        if (parg == NULL)
            return 0;
        /* Without extra certificates, larg 0 reports the certificate's own chain. */
        if (ctx->extra_certs == NULL && larg == 0)
            *(STACK_OF(X509) **)parg = ctx->cert.current->chain;
        else
            *(STACK_OF(X509) **)parg = ctx->extra_certs;
        return 1;
    case SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS:
        sk_X509_pop_free(ctx->extra_certs, X509_free);
        ctx->extra_certs = NULL;
        return 1;
    default: {
        int handled;
        long ret = mintls_ssl_settings_ctrl(&ctx->settings, ctx->method, cmd, larg, &handled);
        if (handled)
            return ret;
        ret = mintls_ssl_cert_ctrl(&ctx->cert, cmd, larg, parg, &handled);
        if (handled)
            return ret;
        ret = mintls_groups_ctrl(&ctx->settings, cmd, larg, parg, &handled);
        if (handled)
            return ret;
        ret = mintls_servername_ctx_ctrl(ctx, cmd, parg, &handled);
        if (handled)
            return ret;
        ret = mintls_session_ctx_ctrl(ctx, cmd, larg, &handled);
        if (handled)
            return ret;
        ERR_raise(ERR_LIB_SSL, SSL_R_INVALID_COMMAND);
        return 0;
    }
    }
}
