/* See tls_fixture.h. */
#include "tls_fixture.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <stdio.h>

#include "test.h"

X509 *fixture_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

static int use_files(SSL_CTX *ctx, const char *cert, const char *key)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, cert);
    if (SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) != 1)
        return 0;
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, key);
    return SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1;
}

SSL_CTX *fixture_server_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    CHECK(use_files(ctx, "ec-leaf.pem", "ec-leaf.key"));
    X509 *in = fixture_cert("ec-int.pem");
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    return ctx;
}

SSL_CTX *fixture_client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    X509 *r = fixture_cert("ec-root.pem");
    CHECK(r != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) == 1);
    X509_free(r);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

int fixture_use_client_cert(SSL_CTX *ctx)
{
    if (!use_files(ctx, "client-leaf.pem", "client-leaf.key"))
        return 0;
    X509 *in = fixture_cert("rsa-int.pem");
    return in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1;
}

void fixture_pair(SSL_CTX *cctx, SSL_CTX *sctx, SSL **c, SSL **s)
{
    BIO *bc, *bs;
    CHECK(BIO_new_bio_pair(&bc, 0, &bs, 0) == 1);
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
    CHECK(*c != NULL && *s != NULL);
    SSL_set_bio(*c, bc, bc);
    SSL_set_bio(*s, bs, bs);
    SSL_set_connect_state(*c);
    SSL_set_accept_state(*s);
}

static int wants_io(SSL *s, int r)
{
    int e = SSL_get_error(s, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

int fixture_handshake(SSL *c, SSL *s)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 1000 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            if (r == 1)
                cdone = 1;
            else if (!wants_io(c, r))
                return 0;
        } else if (!sdone) {
            /* OpenSSL's server ends by sending tickets: keep the client reading. */
            char b[1];
            int r = SSL_read(c, b, sizeof(b));
            if (!wants_io(c, r))
                return 0;
        }
        if (!sdone) {
            int r = SSL_do_handshake(s);
            if (r == 1)
                sdone = 1;
            else if (!wants_io(s, r))
                return 0;
        }
    }
    return cdone && sdone;
}

void fixture_close(SSL *c, SSL *s)
{
    char b[8];
    int cr = -1, sdone = 0;
    for (int i = 0; i < 1000 && !(cr == 1 && sdone); i++) {
        if (cr != 1 && (cr = SSL_shutdown(c)) < 0 && !wants_io(c, cr))
            break;
        if (!sdone) {
            int r = SSL_read(s, b, sizeof(b));
            if (r <= 0 && SSL_get_error(s, r) == SSL_ERROR_ZERO_RETURN)
                sdone = SSL_shutdown(s) == 1;
            else if (r <= 0 && !wants_io(s, r))
                break;
        }
    }
}
