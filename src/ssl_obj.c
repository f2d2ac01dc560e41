/*
 * SSL: one connection. SSL_new copies the SSL_CTX's per-connection settings
 * (verification mode, depth, callback and parameters; our certificates and
 * keys, by reference) so that changing one connection never changes the
 * context or its other connections.
 */
#include "ssl_local.h"

#include <stdlib.h>
#include <string.h>

SSL *SSL_new(SSL_CTX *ctx)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NULL_SSL_CTX);
        return NULL;
    }
    SSL *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&s->references, 1);
    mintls_ssl_cert_init(&s->cert);
    SSL_CTX_up_ref(ctx);
    s->ctx = ctx;
    s->method = ctx->method;
    /* As in OpenSSL, only a client-only method starts as a client: TLS_method
       is a server until SSL_set_connect_state says otherwise. */
    s->server = ctx->method->role != MINTLS_ROLE_CLIENT;
    s->verify_mode = ctx->verify_mode;
    s->verify_callback = ctx->verify_callback;
    s->verify_result = X509_V_OK;
    s->passwd_cb = ctx->passwd_cb;
    s->passwd_userdata = ctx->passwd_userdata;
    s->settings = ctx->settings;
    memcpy(s->sid_ctx, ctx->sid_ctx, ctx->sid_ctx_len);
    s->sid_ctx_len = ctx->sid_ctx_len;
    s->rwstate = SSL_NOTHING;
    mintls_conn_init(s);

    if ((s->param = X509_VERIFY_PARAM_new()) == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        goto fail;
    }
    X509_VERIFY_PARAM_inherit(s->param, ctx->param);
    if (!mintls_ssl_cert_copy(&s->cert, &ctx->cert))
        goto fail;
    if (!mintls_alpn_set_list(&s->alpn_protos, &s->alpn_protos_len, ctx->alpn_protos,
                              ctx->alpn_protos_len))
        goto fail;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_SSL, s, &s->ex_data))
        goto fail;
    return s;
fail:
    OPENSSL_free(s->alpn_protos);
    mintls_ssl_cert_clear(&s->cert);
    X509_VERIFY_PARAM_free(s->param);
    SSL_CTX_free(s->ctx);
    free(s);
    return NULL;
}

int SSL_up_ref(SSL *s)
{
    atomic_fetch_add(&s->references, 1);
    return 1;
}

void SSL_free(SSL *s)
{
    if (s == NULL || atomic_fetch_sub(&s->references, 1) > 1)
        return;
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_SSL, s, &s->ex_data);
    mintls_hs_clear(s);
    mintls_conn_free(s);
    /* Each pointer owns a reference, also when both name the same BIO. */
    BIO_free_all(s->rbio);
    BIO_free_all(s->wbio);
    X509_VERIFY_PARAM_free(s->param);
    mintls_ssl_cert_clear(&s->cert);
    free(s->tlsext_hostname);
    OPENSSL_free(s->alpn_protos);
    OPENSSL_free(s->alpn_selected);
    sk_X509_NAME_pop_free(s->peer_ca_names, X509_NAME_free);
    X509_free(s->peer_cert);
    sk_X509_pop_free(s->peer_chain, X509_free);
    sk_X509_pop_free(s->verified_chain, X509_free);
    OPENSSL_cleanse(s->tls13_read_secret, sizeof(s->tls13_read_secret));
    OPENSSL_cleanse(s->tls13_write_secret, sizeof(s->tls13_write_secret));
    OPENSSL_cleanse(s->exporter_secret, sizeof(s->exporter_secret));
    OPENSSL_cleanse(s->tls13_resumption_secret, sizeof(s->tls13_resumption_secret));
    OPENSSL_cleanse(s->tls12_master, sizeof(s->tls12_master));
    mintls_session_release(s);
    mintls_tls13_post_hs_free(s);
    SSL_CTX_free(s->ctx);
    free(s);
}

SSL_CTX *SSL_get_SSL_CTX(const SSL *ssl)
{
    return ssl->ctx;
}

const SSL_METHOD *SSL_get_ssl_method(const SSL *s)
{
    return s->method;
}

int SSL_is_server(const SSL *s)
{
    return s->server;
}

int SSL_set_ex_data(SSL *ssl, int idx, void *data)
{
    return CRYPTO_set_ex_data(&ssl->ex_data, idx, data);
}

void *SSL_get_ex_data(const SSL *ssl, int idx)
{
    return CRYPTO_get_ex_data(&ssl->ex_data, idx);
}

/* The numbered commands behind OpenSSL's SSL_* macros; see SSL_CTX_ctrl. */
long SSL_ctrl(SSL *ssl, int cmd, long larg, void *parg)
{
    if (ssl == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    int handled;
    long ret = mintls_ssl_settings_ctrl(&ssl->settings, ssl->method, cmd, larg, &handled);
    if (handled)
        return ret;
    ret = mintls_ssl_cert_ctrl(&ssl->cert, cmd, larg, parg, &handled);
    if (handled)
        return ret;
    ret = mintls_ssl_hostname_ctrl(ssl, cmd, larg, parg, &handled);
    if (handled)
        return ret;
    ret = mintls_groups_ctrl(&ssl->settings, cmd, larg, parg, &handled);
    if (handled)
        return ret;
    if (cmd == SSL_CTRL_GET_NEGOTIATED_GROUP)
        return mintls_group_nid(ssl->tls13_group);
    ERR_raise(ERR_LIB_SSL, SSL_R_INVALID_COMMAND);
    return 0;
}

/* Only records what the program says; SSL_shutdown will consult it. */
void SSL_set_shutdown(SSL *s, int mode)
{
    s->shutdown = mode;
}

int SSL_get_shutdown(const SSL *s)
{
    return s->shutdown;
}
