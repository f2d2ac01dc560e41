/*
 * How we verify the peer: the SSL_CTX's trust store and where it loads
 * from, and the verification settings (mode, depth, callback,
 * X509_VERIFY_PARAM with the expected host names) of SSL_CTX and SSL. The
 * verification itself runs in the handshake, through X509_verify_cert with
 * these settings.
 */
#include "ssl_local.h"

#include <pthread.h>

/* ---- the trust store -------------------------------------------------------- */

X509_STORE *SSL_CTX_get_cert_store(const SSL_CTX *ctx)
{
    return ctx->cert_store;
}

void SSL_CTX_set_cert_store(SSL_CTX *ctx, X509_STORE *store)
{
    X509_STORE_free(ctx->cert_store);
    ctx->cert_store = store;
}

void SSL_CTX_set1_cert_store(SSL_CTX *ctx, X509_STORE *store)
{
    if (store != NULL && !X509_STORE_up_ref(store))
        return;
    SSL_CTX_set_cert_store(ctx, store);
}

int SSL_CTX_load_verify_file(SSL_CTX *ctx, const char *CAfile)
{
    return X509_STORE_load_file(ctx->cert_store, CAfile);
}

int SSL_CTX_load_verify_dir(SSL_CTX *ctx, const char *CApath)
{
    return X509_STORE_load_path(ctx->cert_store, CApath);
}

int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath)
{
    if (CAfile == NULL && CApath == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (CAfile != NULL && !SSL_CTX_load_verify_file(ctx, CAfile))
        return 0;
    if (CApath != NULL && !SSL_CTX_load_verify_dir(ctx, CApath))
        return 0;
    return 1;
}

/*
 * The system's default locations (SSL_CERT_FILE / SSL_CERT_DIR override
 * them). As in OpenSSL, a default that does not exist is not an error: the
 * store just has nothing from it, so the error it left is cleared.
 */
int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx)
{
    return X509_STORE_set_default_paths(ctx->cert_store);
}

int SSL_CTX_set_default_verify_file(SSL_CTX *ctx)
{
    X509_LOOKUP *lookup = X509_STORE_add_lookup(ctx->cert_store, X509_LOOKUP_file());
    if (lookup == NULL)
        return 0;
    X509_LOOKUP_load_file(lookup, NULL, X509_FILETYPE_DEFAULT);
    ERR_clear_error();
    return 1;
}

int SSL_CTX_set_default_verify_dir(SSL_CTX *ctx)
{
    X509_LOOKUP *lookup = X509_STORE_add_lookup(ctx->cert_store, X509_LOOKUP_hash_dir());
    if (lookup == NULL)
        return 0;
    X509_LOOKUP_add_dir(lookup, NULL, X509_FILETYPE_DEFAULT);
    ERR_clear_error();
    return 1;
}

/* ---- verification settings of the SSL_CTX ----------------------------------- */

void SSL_CTX_set_verify(SSL_CTX *ctx, int mode, SSL_verify_cb callback)
{
    ctx->verify_mode = mode;
    ctx->verify_callback = callback;
}

void SSL_CTX_set_verify_depth(SSL_CTX *ctx, int depth)
{
    X509_VERIFY_PARAM_set_depth(ctx->param, depth);
}

int SSL_CTX_get_verify_mode(const SSL_CTX *ctx) { return ctx->verify_mode; }
int SSL_CTX_get_verify_depth(const SSL_CTX *ctx) { return X509_VERIFY_PARAM_get_depth(ctx->param); }
SSL_verify_cb SSL_CTX_get_verify_callback(const SSL_CTX *ctx) { return ctx->verify_callback; }
X509_VERIFY_PARAM *SSL_CTX_get0_param(SSL_CTX *ctx) { return ctx->param; }

int SSL_CTX_set1_param(SSL_CTX *ctx, X509_VERIFY_PARAM *vpm)
{
    return X509_VERIFY_PARAM_set1(ctx->param, vpm);
}

/* ---- verification settings of one connection -------------------------------- */

/* A NULL callback keeps the one the SSL has (OpenSSL's rule for SSL, not SSL_CTX). */
void SSL_set_verify(SSL *s, int mode, SSL_verify_cb callback)
{
    s->verify_mode = mode;
    if (callback != NULL)
        s->verify_callback = callback;
}

void SSL_set_verify_depth(SSL *s, int depth)
{
    X509_VERIFY_PARAM_set_depth(s->param, depth);
}

int SSL_get_verify_mode(const SSL *s) { return s->verify_mode; }
int SSL_get_verify_depth(const SSL *s) { return X509_VERIFY_PARAM_get_depth(s->param); }
SSL_verify_cb SSL_get_verify_callback(const SSL *s) { return s->verify_callback; }
void SSL_set_verify_result(SSL *ssl, long v) { ssl->verify_result = v; }
long SSL_get_verify_result(const SSL *ssl) { return ssl->verify_result; }
X509_VERIFY_PARAM *SSL_get0_param(SSL *ssl) { return ssl->param; }

int SSL_set1_param(SSL *ssl, X509_VERIFY_PARAM *vpm)
{
    return X509_VERIFY_PARAM_set1(ssl->param, vpm);
}

/* Whether name is an IPv4 or IPv6 literal (parsed by the X.509 layer). */
static int is_ip_literal(const char *name)
{
    X509_VERIFY_PARAM *scratch = X509_VERIFY_PARAM_new();
    if (scratch == NULL)
        return 0;
    ERR_set_mark();
    int ip = X509_VERIFY_PARAM_set1_ip_asc(scratch, name) == 1;
    ERR_pop_to_mark();
    X509_VERIFY_PARAM_free(scratch);
    return ip;
}

/*
 * The expected peer name. An IP literal is checked against the
 * certificate's IP addresses rather than its DNS names, as OpenSSL 3.0 does.
 */
int SSL_set1_host(SSL *s, const char *hostname)
{
    if (hostname != NULL && is_ip_literal(hostname))
        return X509_VERIFY_PARAM_set1_ip_asc(s->param, hostname);
    return X509_VERIFY_PARAM_set1_host(s->param, hostname, 0);
}

int SSL_add1_host(SSL *s, const char *hostname)
{
    if (hostname != NULL && is_ip_literal(hostname))
        return X509_VERIFY_PARAM_set1_ip_asc(s->param, hostname);
    return X509_VERIFY_PARAM_add1_host(s->param, hostname, 0);
}

void SSL_set_hostflags(SSL *s, unsigned int flags)
{
    X509_VERIFY_PARAM_set_hostflags(s->param, flags);
}

/* The name the peer's certificate matched: none until a handshake verified one. */
const char *SSL_get0_peername(SSL *s)
{
    return X509_VERIFY_PARAM_get0_peername(s->param);
}

/* ---- the SSL behind a verification ---------------------------------------- */

static pthread_once_t store_ctx_idx_once = PTHREAD_ONCE_INIT;
static int store_ctx_idx = -1;

static void alloc_store_ctx_idx(void)
{
    store_ctx_idx = CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_X509_STORE_CTX, 0,
                                            "SSL for verify callback", NULL, NULL, NULL);
}

/* Verify callbacks find the connection with X509_STORE_CTX_get_ex_data(ctx, idx). */
int SSL_get_ex_data_X509_STORE_CTX_idx(void)
{
    pthread_once(&store_ctx_idx_once, alloc_store_ctx_idx);
    return store_ctx_idx;
}

/* Replaces X509_verify_cert when the peer's chain is checked (tls13_auth.c). */
void SSL_CTX_set_cert_verify_callback(SSL_CTX *ctx, int (*cb)(X509_STORE_CTX *, void *),
                                      void *arg)
{
    ctx->app_verify_callback = cb;
    ctx->app_verify_arg = arg;
}
