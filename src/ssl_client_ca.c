/*
 * The certificate authorities a server names when it asks for a client
 * certificate (RFC 8446 4.2.4, certificate_authorities in the
 * CertificateRequest): SSL_CTX_set_client_CA_list and friends on the
 * server; on the client, SSL_get_client_CA_list reports what came.
 */
#include "ssl_local.h"
#include "tls_cursor.h"

#include <openssl/pem.h>

void SSL_CTX_set_client_CA_list(SSL_CTX *ctx, STACK_OF(X509_NAME) *name_list)
{
    sk_X509_NAME_pop_free(ctx->client_ca_names, X509_NAME_free);
    ctx->client_ca_names = name_list;
}

STACK_OF(X509_NAME) *SSL_CTX_get_client_CA_list(const SSL_CTX *ctx)
{
    return ctx->client_ca_names;
}

/* Adds a copy of x's subject name. */
int SSL_CTX_add_client_CA(SSL_CTX *ctx, X509 *x)
{
    if (x == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (ctx->client_ca_names == NULL && (ctx->client_ca_names = sk_X509_NAME_new_null()) == NULL)
        return 0;
    X509_NAME *name = X509_NAME_dup(X509_get_subject_name(x));
    if (name == NULL || !sk_X509_NAME_push(ctx->client_ca_names, name)) {
        X509_NAME_free(name);
        return 0;
    }
    return 1;
}

/* Server: the names it sends. Client: the names the server sent (or NULL). */
STACK_OF(X509_NAME) *SSL_get_client_CA_list(const SSL *s)
{
    return s->server ? s->ctx->client_ca_names : s->peer_ca_names;
}

/* The subject names of the certificates in a PEM file, each once. */
STACK_OF(X509_NAME) *SSL_load_client_CA_file(const char *file)
{
    BIO *in = BIO_new_file(file, "r");
    if (in == NULL)
        return NULL;
    STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
    X509 *x;
    int ok = names != NULL;
    while (ok && (x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        const X509_NAME *subject = X509_get_subject_name(x);
        int dup = 0;
        for (int i = 0; i < sk_X509_NAME_num(names) && !dup; i++)
            dup = X509_NAME_cmp(sk_X509_NAME_value(names, i), subject) == 0;
        X509_NAME *copy = dup ? NULL : X509_NAME_dup(subject);
        if (!dup && (copy == NULL || !sk_X509_NAME_push(names, copy))) {
            X509_NAME_free(copy);
            ok = 0;
        }
        X509_free(x);
    }
    BIO_free(in);
    /* Reading stops at the end of the file with an error queued: not ours. */
    ERR_clear_error();
    if (!ok || sk_X509_NAME_num(names) == 0) {
        sk_X509_NAME_pop_free(names, X509_NAME_free);
        return NULL;
    }
    return names;
}

int mintls_client_ca_encode(const SSL *s, uint8_t **out, size_t *out_len)
{
    STACK_OF(X509_NAME) *names = s->ctx->client_ca_names;
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_writer_open(&w, 2);
    for (int i = 0; ok && i < sk_X509_NAME_num(names); i++) {
        unsigned char *der = NULL;
        int len = i2d_X509_NAME(sk_X509_NAME_value(names, i), &der);
        ok = len > 0 && mintls_writer_put_prefixed(&w, 2, der, (size_t)len);
        OPENSSL_free(der);
    }
    ok = ok && mintls_writer_close(&w) && mintls_writer_finish(&w, out, out_len);
    mintls_writer_clear(&w);
    return ok;
}

int mintls_client_ca_decode(SSL *s, const uint8_t *p, size_t len)
{
    mintls_cursor body, list, name;
    mintls_cursor_init(&body, p, len);
    STACK_OF(X509_NAME) *names = sk_X509_NAME_new_null();
    if (names == NULL || !mintls_cursor_get_u16_prefixed(&body, &list) ||
        !mintls_cursor_is_empty(&body) || mintls_cursor_is_empty(&list))
        goto bad;
    while (!mintls_cursor_is_empty(&list)) {
        if (!mintls_cursor_get_u16_prefixed(&list, &name))
            goto bad;
        mintls_span der = mintls_cursor_span(&name);
        const unsigned char *q = der.p;
        X509_NAME *xn = d2i_X509_NAME(NULL, &q, (long)der.len);
        if (xn == NULL || q != der.p + der.len || !sk_X509_NAME_push(names, xn)) {
            X509_NAME_free(xn);
            goto bad;
        }
    }
    sk_X509_NAME_pop_free(s->peer_ca_names, X509_NAME_free);
    s->peer_ca_names = names;
    return 1;
bad:
    sk_X509_NAME_pop_free(names, X509_NAME_free);
    return 0;
}
