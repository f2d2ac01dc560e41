/*
 * What a connection exposes of its keys on purpose: the hellos' randoms
 * and the TLS 1.3 exporter (RFC 8446 7.5, SSL_export_keying_material),
 * plus the client certificate callback (its setter, and running it for the
 * TLS 1.3 and TLS 1.2 clients).
 */
#include "tls12_hs.h"

#include <string.h>

static size_t copy_random(const uint8_t *random, unsigned char *out, size_t outlen)
{
    if (outlen == 0)
        return 32;
    size_t n = outlen < 32 ? outlen : 32;
    memcpy(out, random, n);
    return n;
}

size_t SSL_get_client_random(const SSL *ssl, unsigned char *out, size_t outlen)
{
    return copy_random(ssl->client_random, out, outlen);
}

size_t SSL_get_server_random(const SSL *ssl, unsigned char *out, size_t outlen)
{
    return copy_random(ssl->server_random, out, outlen);
}

int SSL_export_keying_material(SSL *s, unsigned char *out, size_t olen, const char *label,
                               size_t llen, const unsigned char *context, size_t contextlen,
                               int use_context)
{
    if (s->tls12_suite != NULL && SSL_is_init_finished(s))
        return mintls_tls12_export(s, out, olen, label, llen, context, contextlen, use_context);
    /* Only after the handshake has made the exporter secret. */
    if (!s->have_exporter || s->tls13_suite == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_UNINITIALIZED);
        return 0;
    }
    /* TLS 1.3 makes no difference between no context and an empty one. */
    if (!mintls_tls13_export(s->tls13_suite->md(), s->exporter_secret, label, llen,
                             use_context ? context : NULL, use_context ? contextlen : 0, out,
                             olen)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_run_client_cert_cb(SSL *s)
{
    X509 *x = NULL;
    EVP_PKEY *pkey = NULL;
    int r = s->ctx->client_cert_cb(s, &x, &pkey);
    if (r < 0) {
        s->rwstate = SSL_X509_LOOKUP;
        return 0;
    }
    int ok = 1;
    if (r == 1 && x != NULL && pkey != NULL)
        ok = SSL_use_certificate(s, x) == 1 && SSL_use_PrivateKey(s, pkey) == 1;
    X509_free(x);
    EVP_PKEY_free(pkey);
    if (!ok) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, 0);
        return -1;
    }
    return 1;
}

void SSL_CTX_set_client_cert_cb(SSL_CTX *ctx,
                                int (*client_cert_cb)(SSL *ssl, X509 **x509, EVP_PKEY **pkey))
{
    ctx->client_cert_cb = client_cert_cb;
}

int (*SSL_CTX_get_client_cert_cb(SSL_CTX *ctx))(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    return ctx->client_cert_cb;
}

void mintls_keep_finished(SSL *s, const uint8_t *verify_data, size_t len, int peer)
{
    if (len > sizeof(s->finished))
        return;
    memcpy(peer ? s->peer_finished : s->finished, verify_data, len);
    *(peer ? &s->peer_finished_len : &s->finished_len) = len;
}

/* As OpenSSL: copies up to count bytes and returns the whole length. */
size_t SSL_get_finished(const SSL *s, void *buf, size_t count)
{
    size_t n = s->finished_len < count ? s->finished_len : count;
    memcpy(buf, s->finished, n);
    return s->finished_len;
}

size_t SSL_get_peer_finished(const SSL *s, void *buf, size_t count)
{
    size_t n = s->peer_finished_len < count ? s->peer_finished_len : count;
    memcpy(buf, s->peer_finished, n);
    return s->peer_finished_len;
}
