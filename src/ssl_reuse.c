/*
 * Reusing and copying connection objects: SSL_clear (the same SSL, ready
 * for a new connection with the same settings) and SSL_dup (a new SSL
 * with this one's settings, as BIO_set_accept_bios needs for the SSL BIO
 * it copies per accepted connection).
 */
#include "ssl_local.h"

#include <stdlib.h>
#include <string.h>

/* Forgets everything the last connection negotiated; keeps the settings,
   the BIOs, the role and the session (for a later resumption). */
int SSL_clear(SSL *s)
{
    mintls_hs_clear(s);
    mintls_conn_free(s);
    mintls_conn_init(s);
    s->hs_phase = MINTLS_PHASE_BEFORE;
    s->hs_state = TLS_ST_BEFORE;
    s->shutdown = 0;
    s->rwstate = SSL_NOTHING;
    s->verify_result = X509_V_OK;
    s->tls13_suite = NULL;
    s->tls12_suite = NULL;
    OPENSSL_cleanse(s->tls12_master, sizeof(s->tls12_master));
    s->tls13_group = 0;
    s->tls13_write_pending = 0;
    OPENSSL_cleanse(s->tls13_read_secret, sizeof(s->tls13_read_secret));
    OPENSSL_cleanse(s->tls13_write_secret, sizeof(s->tls13_write_secret));
    OPENSSL_cleanse(s->exporter_secret, sizeof(s->exporter_secret));
    OPENSSL_cleanse(s->tls13_resumption_secret, sizeof(s->tls13_resumption_secret));
    s->have_exporter = 0;
    s->finished_len = s->peer_finished_len = 0;
    mintls_tls13_post_hs_free(s);
    X509_free(s->peer_cert);
    s->peer_cert = NULL;
    sk_X509_pop_free(s->peer_chain, X509_free);
    s->peer_chain = NULL;
    sk_X509_pop_free(s->verified_chain, X509_free);
    s->verified_chain = NULL;
    sk_X509_NAME_pop_free(s->peer_ca_names, X509_NAME_free);
    s->peer_ca_names = NULL;
    OPENSSL_free(s->alpn_selected);
    s->alpn_selected = NULL;
    s->alpn_selected_len = 0;
    if (s->hs_ops != NULL)
        s->hs_ops = s->server ? mintls_hs_server_ops() : mintls_hs_client_ops();
    return 1;
}

/*
 * As OpenSSL's: an SSL that has started a handshake is not copied but
 * shared (one more reference); a fresh one is copied with its settings,
 * role, host name, ALPN offer and BIOs (duplicated).
 */
SSL *SSL_dup(SSL *s)
{
    if (!SSL_in_before(s)) {
        SSL_up_ref(s);
        return s;
    }
    SSL *d = SSL_new(s->ctx);
    if (d == NULL)
        return NULL;
    d->server = s->server;
    d->settings = s->settings;
    d->verify_mode = s->verify_mode;
    d->verify_callback = s->verify_callback;
    d->info_callback = s->info_callback;
    d->passwd_cb = s->passwd_cb;
    d->passwd_userdata = s->passwd_userdata;
    memcpy(d->sid_ctx, s->sid_ctx, s->sid_ctx_len);
    d->sid_ctx_len = s->sid_ctx_len;
    mintls_ssl_cert_clear(&d->cert);
    mintls_ssl_cert_init(&d->cert);
    if (!mintls_ssl_cert_copy(&d->cert, &s->cert) || !X509_VERIFY_PARAM_set1(d->param, s->param) ||
        !mintls_alpn_set_list(&d->alpn_protos, &d->alpn_protos_len, s->alpn_protos,
                              s->alpn_protos_len) ||
        (s->tlsext_hostname != NULL && (d->tlsext_hostname = strdup(s->tlsext_hostname)) == NULL) ||
        !CRYPTO_dup_ex_data(CRYPTO_EX_INDEX_SSL, &d->ex_data, &s->ex_data))
        goto fail;
    if (s->session != NULL)
        SSL_set_session(d, s->session);
    if (s->rbio != NULL) {
        BIO *r = BIO_dup_chain(s->rbio);
        if (r == NULL)
            goto fail;
        BIO *w = r;
        if (s->wbio != s->rbio && s->wbio != NULL && (w = BIO_dup_chain(s->wbio)) == NULL) {
            BIO_free_all(r);
            goto fail;
        }
        if (w == r)
            BIO_up_ref(r);
        SSL_set_bio(d, r, w);
        if (w == r)
            BIO_free(r); /* SSL_set_bio took one reference per direction */
    }
    if (s->hs_ops != NULL) {
        if (s->server)
            SSL_set_accept_state(d);
        else
            SSL_set_connect_state(d);
    }
    return d;
fail:
    ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
    SSL_free(d);
    return NULL;
}

/* t takes f's session and session id context (and so the same resumption). */
int SSL_copy_session_id(SSL *t, const SSL *f)
{
    if (!SSL_set_session(t, SSL_get_session(f)))
        return 0;
    memcpy(t->sid_ctx, f->sid_ctx, f->sid_ctx_len);
    t->sid_ctx_len = f->sid_ctx_len;
    return 1;
}
