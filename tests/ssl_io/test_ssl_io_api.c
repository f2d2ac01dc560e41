/*
 * The parts of the connection API observable without a handshake, written
 * against the OpenSSL API only and run against OpenSSL too: SSL_get_error
 * on a fresh SSL, file descriptors and BIO ownership, mode / option /
 * protocol version ctrls with OpenSSL's values and defaults, handshake
 * state queries before any handshake.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>

#include "test.h"

static void test_fresh_ssl(SSL_CTX *ctx)
{
    SSL *s = SSL_new(ctx);
    CHECK(SSL_get_error(s, 1) == SSL_ERROR_NONE);
    CHECK(SSL_get_error(s, 0) == SSL_ERROR_SYSCALL);
    CHECK(SSL_get_error(s, -1) == SSL_ERROR_SYSCALL);
    CHECK(SSL_want(s) == SSL_NOTHING && SSL_want_nothing(s));
    CHECK(SSL_in_init(s) == 1);
    CHECK(SSL_in_before(s) == 1);
    CHECK(SSL_is_init_finished(s) == 0);
    CHECK(SSL_get_shutdown(s) == 0);
    CHECK(SSL_pending(s) == 0 && SSL_has_pending(s) == 0);
    CHECK(SSL_get_rbio(s) == NULL && SSL_get_wbio(s) == NULL);
    /* Neither role chosen: the handshake cannot start. */
    CHECK(SSL_do_handshake(s) == -1);
    unsigned long e = ERR_get_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CONNECTION_TYPE_NOT_SET);
    ERR_clear_error();
    /* An error on the queue makes any failure SSL_ERROR_SSL. */
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_VALUE);
    CHECK(SSL_get_error(s, -1) == SSL_ERROR_SSL);
    CHECK(SSL_get_error(s, 1) == SSL_ERROR_NONE);
    ERR_clear_error();

    SSL_set_shutdown(s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    CHECK(SSL_get_shutdown(s) == 3);
    SSL_set_connect_state(s);
    CHECK(SSL_get_shutdown(s) == 0);
    CHECK(SSL_is_server(s) == 0 && SSL_in_connect_init(s) && !SSL_in_accept_init(s));
    SSL_set_accept_state(s);
    CHECK(SSL_is_server(s) == 1 && SSL_in_accept_init(s));
    CHECK(SSL_in_before(s) == 1);
    SSL_free(s);
}

static void test_fds(SSL_CTX *ctx)
{
    SSL *s = SSL_new(ctx);
    CHECK(SSL_get_fd(s) == -1);
    ERR_clear_error(); /* OpenSSL complains about the NULL BIO on the queue */
    CHECK(SSL_set_fd(s, 7) == 1);
    CHECK(SSL_get_fd(s) == 7 && SSL_get_rfd(s) == 7 && SSL_get_wfd(s) == 7);
    CHECK(SSL_get_rbio(s) != NULL && SSL_get_rbio(s) == SSL_get_wbio(s));
    CHECK(BIO_method_type(SSL_get_rbio(s)) == BIO_TYPE_SOCKET);
    CHECK(BIO_get_close(SSL_get_rbio(s)) == BIO_NOCLOSE);
    CHECK(SSL_set_wfd(s, 9) == 1);
    CHECK(SSL_get_rfd(s) == 7 && SSL_get_wfd(s) == 9);
    CHECK(SSL_get_rbio(s) != SSL_get_wbio(s));
    /* Setting the read side to the write side's socket shares its BIO. */
    CHECK(SSL_set_rfd(s, 9) == 1);
    CHECK(SSL_get_rbio(s) == SSL_get_wbio(s) && SSL_get_fd(s) == 9);
    CHECK(SSL_set_rfd(s, 11) == 1);
    CHECK(SSL_get_rfd(s) == 11 && SSL_get_wfd(s) == 9);
    SSL_set_bio(s, NULL, NULL);
    CHECK(SSL_get_rbio(s) == NULL && SSL_get_wbio(s) == NULL);
    SSL_free(s);
    ERR_clear_error();
}

/* SSL_set_bio(s, b, b) takes the caller's one reference (the SSL holds two). */
static void test_bio_ownership(SSL_CTX *ctx)
{
    SSL *s = SSL_new(ctx);
    BIO *b = BIO_new(BIO_s_mem());
    BIO_up_ref(b); /* ours, to look at b after SSL_free */
    SSL_set_bio(s, b, b);
    CHECK(SSL_get_rbio(s) == b && SSL_get_wbio(s) == b);
    /* Re-setting the same pair changes nothing the caller must free. */
    SSL_free(s);
    /* The SSL released exactly what it owned: b is still ours, once. */
    CHECK(BIO_write(b, "x", 1) == 1);
    BIO_free(b);

    /* Separate BIOs, then replace only the write side. */
    s = SSL_new(ctx);
    BIO *r = BIO_new(BIO_s_mem()), *w = BIO_new(BIO_s_mem()), *w2 = BIO_new(BIO_s_mem());
    SSL_set_bio(s, r, w);
    CHECK(SSL_get_rbio(s) == r && SSL_get_wbio(s) == w);
    SSL_set_bio(s, r, w2); /* takes w2, frees w */
    CHECK(SSL_get_rbio(s) == r && SSL_get_wbio(s) == w2);
    BIO *r2 = BIO_new(BIO_s_mem());
    SSL_set0_rbio(s, r2);
    CHECK(SSL_get_rbio(s) == r2);
    SSL_free(s);
}

static void test_ctrls(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    /* OpenSSL 3.0 defaults. */
    CHECK(SSL_CTX_get_options(ctx) == (SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT));
    CHECK(SSL_CTX_get_mode(ctx) == SSL_MODE_AUTO_RETRY);
    CHECK(SSL_CTX_get_min_proto_version(ctx) == 0);
    CHECK(SSL_CTX_get_max_proto_version(ctx) == 0);

    CHECK(SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS) ==
          (SSL_MODE_AUTO_RETRY | SSL_MODE_RELEASE_BUFFERS));
    CHECK(SSL_CTX_clear_mode(ctx, SSL_MODE_AUTO_RETRY) == SSL_MODE_RELEASE_BUFFERS);
    CHECK(SSL_CTX_set_mode(ctx, SSL_MODE_AUTO_RETRY) == 0x14);
    CHECK(SSL_CTX_clear_options(ctx, SSL_OP_NO_COMPRESSION) == SSL_OP_ENABLE_MIDDLEBOX_COMPAT);
    CHECK(SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_IGNORE_UNEXPECTED_EOF) ==
          0x120080);
    CHECK(SSL_OP_NO_TLSv1_3 == 0x20000000 && SSL_OP_ALL == 0x80000850);

    CHECK(SSL_CTX_set_min_proto_version(ctx, 0x0305) == 0);
    CHECK(SSL_CTX_set_min_proto_version(ctx, 0x0200) == 0);
    CHECK(SSL_CTX_set_min_proto_version(ctx, SSL3_VERSION) == 1);
    CHECK(SSL_CTX_get_min_proto_version(ctx) == SSL3_VERSION);
    CHECK(SSL_CTX_set_min_proto_version(ctx, 0xFEFF) == 1); /* DTLS 1.0: accepted, ignored */
    CHECK(SSL_CTX_get_min_proto_version(ctx) == SSL3_VERSION);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1);
    CHECK(SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) == 1);
    CHECK(SSL_CTX_get_max_proto_version(ctx) == TLS1_3_VERSION);
    CHECK(SSL_CTX_set_max_proto_version(ctx, 0) == 1);
    CHECK(SSL_CTX_get_max_proto_version(ctx) == 0);
    CHECK(ERR_peek_error() == 0); /* refusals raise nothing */

    /* An SSL copies them, then goes its own way. */
    SSL *s = SSL_new(ctx);
    CHECK(SSL_get_options(s) == 0x120080);
    CHECK(SSL_get_mode(s) == 0x14);
    CHECK(SSL_get_min_proto_version(s) == TLS1_2_VERSION);
    CHECK(SSL_get_max_proto_version(s) == 0);
    CHECK(SSL_set_max_proto_version(s, 0x0305) == 0);
    CHECK(SSL_set_max_proto_version(s, TLS1_2_VERSION) == 1);
    CHECK(SSL_get_max_proto_version(s) == TLS1_2_VERSION);
    CHECK(SSL_set_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE) == 0x15);
    CHECK(SSL_clear_mode(s, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_RELEASE_BUFFERS) == 4);
    CHECK(SSL_set_options(s, SSL_OP_NO_TICKET) == (0x120080 | SSL_OP_NO_TICKET));
    CHECK(SSL_clear_options(s, SSL_OP_NO_TICKET | SSL_OP_IGNORE_UNEXPECTED_EOF) == 0x120000);
    CHECK(SSL_CTX_get_mode(ctx) == 0x14);
    CHECK(SSL_CTX_get_options(ctx) == 0x120080);
    CHECK(SSL_CTX_get_max_proto_version(ctx) == 0);
    SSL_free(s);
    SSL_CTX_free(ctx);

    /* A fixed-version method accepts a limit but keeps its one version. */
    ctx = SSL_CTX_new(TLSv1_2_method());
    CHECK(SSL_CTX_get_min_proto_version(ctx) == 0);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    CHECK(SSL_CTX_get_min_proto_version(ctx) == 0);
    CHECK(SSL_CTX_set_min_proto_version(ctx, 0x0305) == 0);
    SSL_CTX_free(ctx);
}

int main(void)
{
    OPENSSL_init_ssl(0, NULL);
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    test_fresh_ssl(ctx);
    test_fds(ctx);
    test_bio_ownership(ctx);
    test_ctrls();
    SSL_CTX_free(ctx);
    CHECK(ERR_peek_error() == 0);
    return test_summary();
}
