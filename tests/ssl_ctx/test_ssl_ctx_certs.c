/*
 * SSL_CTX and SSL before any handshake: trust stores (file, hashed
 * directory, SSL_CERT_FILE defaults) checked by real chain verifications,
 * verification settings inherited by SSL and applied through
 * X509_STORE_CTX (host names), certificate/key pairs (RSA, EC, encrypted
 * with a passphrase callback), chains, reference counts and ex_data.
 * OpenSSL API only: the system OpenSSL build proves every expectation.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

static const char *data(const char *rel)
{
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, sizeof(bufs[0]), "%s/%s", DATA_DIR, rel);
    return b;
}

static X509 *load_cert(const char *rel)
{
    BIO *b = BIO_new_file(data(rel), "r");
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (x == NULL)
        fprintf(stderr, "cannot load %s\n", rel);
    return x;
}

static EVP_PKEY *load_key(const char *rel)
{
    BIO *b = BIO_new_file(data(rel), "r");
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return k;
}

/* The last error is (lib, reason); the queue is cleared afterwards. */
static int last_error_is(int lib, int reason)
{
    unsigned long e = ERR_peek_last_error();
    int ok = ERR_GET_LIB(e) == lib && ERR_GET_REASON(e) == reason;
    if (!ok)
        fprintf(stderr, "  last error lib %d reason %d, wanted %d/%d\n", ERR_GET_LIB(e),
                ERR_GET_REASON(e), lib, reason);
    ERR_clear_error();
    return ok;
}

/*
 * Verifies leaf (with untrusted intermediates) against the context's
 * store, with the connection's X509_VERIFY_PARAM when ssl is given (as the
 * handshake does). Returns the X509_V_* result.
 */
static int verify_with(SSL_CTX *ctx, SSL *ssl, const char *leaf_rel, const char *int_rel)
{
    X509 *leaf = load_cert(leaf_rel);
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    if (int_rel != NULL)
        sk_X509_push(untrusted, load_cert(int_rel));
    X509_STORE_CTX *sctx = X509_STORE_CTX_new();
    int err = -1;
    if (leaf != NULL && sctx != NULL &&
        X509_STORE_CTX_init(sctx, SSL_CTX_get_cert_store(ctx), leaf, untrusted)) {
        if (ssl != NULL) {
            X509_VERIFY_PARAM_set1(X509_STORE_CTX_get0_param(sctx), SSL_get0_param(ssl));
            int idx = SSL_get_ex_data_X509_STORE_CTX_idx();
            CHECK(idx >= 0);
            CHECK(X509_STORE_CTX_set_ex_data(sctx, idx, ssl) == 1);
            CHECK(X509_STORE_CTX_get_ex_data(sctx, idx) == ssl);
        }
        int ok = X509_verify_cert(sctx);
        err = X509_STORE_CTX_get_error(sctx);
        CHECK((ok == 1) == (err == X509_V_OK));
    }
    X509_STORE_CTX_free(sctx);
    sk_X509_pop_free(untrusted, X509_free);
    X509_free(leaf);
    ERR_clear_error();
    return err;
}

/* ---- objects and reference counts --------------------------------------- */

static void test_objects(void)
{
    ERR_clear_error();
    CHECK(SSL_CTX_new(NULL) == NULL);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NULL_SSL_METHOD_PASSED));
    CHECK(SSL_new(NULL) == NULL);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NULL_SSL_CTX));

    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_get_ssl_method(ctx) == TLS_method());
    CHECK(SSL_CTX_get_cert_store(ctx) != NULL);
    CHECK(SSL_CTX_get_verify_mode(ctx) == SSL_VERIFY_NONE);
    CHECK(SSL_CTX_get_verify_depth(ctx) == -1);
    CHECK(SSL_CTX_get_verify_callback(ctx) == NULL);
    CHECK(SSL_CTX_get0_certificate(ctx) == NULL);
    CHECK(SSL_CTX_get0_privatekey(ctx) == NULL);

    /* Two references on the context, then one more held by the SSL. */
    CHECK(SSL_CTX_up_ref(ctx) == 1);
    SSL_CTX_free(ctx);
    SSL *ssl = SSL_new(ctx);
    CHECK(ssl != NULL);
    CHECK(SSL_get_SSL_CTX(ssl) == ctx);
    CHECK(SSL_get_ssl_method(ssl) == TLS_method());
    CHECK(SSL_is_server(ssl) == 1); /* TLS_method: a server until told otherwise */
    SSL_CTX_free(ctx);              /* the SSL keeps it alive */
    CHECK(SSL_CTX_get_verify_mode(SSL_get_SSL_CTX(ssl)) == SSL_VERIFY_NONE);
    CHECK(SSL_up_ref(ssl) == 1);
    SSL_free(ssl);
    CHECK(SSL_get_verify_result(ssl) == X509_V_OK);
    SSL_free(ssl);
    SSL_free(NULL);
    SSL_CTX_free(NULL);

    SSL_CTX *c = SSL_CTX_new(TLS_client_method());
    SSL_CTX *s = SSL_CTX_new(TLS_server_method());
    SSL *cs = SSL_new(c), *ss = SSL_new(s);
    CHECK(cs != NULL && SSL_is_server(cs) == 0);
    CHECK(ss != NULL && SSL_is_server(ss) == 1);
    SSL_free(cs);
    SSL_free(ss);
    SSL_CTX_free(c);
    SSL_CTX_free(s);

    /* Reason text for libssl's errors. */
    const char *txt =
        ERR_reason_error_string(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_PRIVATE_KEY_ASSIGNED));
    CHECK(txt != NULL && strcmp(txt, "no private key assigned") == 0);
    txt = ERR_lib_error_string(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_NO_PRIVATE_KEY_ASSIGNED));
    CHECK(txt != NULL && strcmp(txt, "SSL routines") == 0);
}

/* ---- trust stores ---------------------------------------------------------- */

static void test_verify_file(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK(SSL_CTX_load_verify_locations(ctx, NULL, NULL) == 0);
    ERR_clear_error();
    CHECK(SSL_CTX_load_verify_locations(ctx, data("x509/no-such-file.pem"), NULL) == 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(SSL_CTX_load_verify_locations(ctx, data("x509/rsa-root.pem"), NULL) == 1);
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(verify_with(ctx, NULL, "x509/ec-leaf.pem", "x509/ec-int.pem") ==
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK(SSL_CTX_load_verify_file(ctx, data("x509/ec-root.pem")) == 1);
    CHECK(verify_with(ctx, NULL, "x509/ec-leaf.pem", "x509/ec-int.pem") == X509_V_OK);
    SSL_CTX_free(ctx);
}

/* A directory in OpenSSL's hashed layout (<subject hash>.0), made here. */
static int make_hashed_dir(char *dir, const char *const *roots, int n)
{
    if (mkdtemp(dir) == NULL)
        return 0;
    for (int i = 0; i < n; i++) {
        X509 *x = load_cert(roots[i]);
        if (x == NULL)
            return 0;
        char path[600];
        snprintf(path, sizeof(path), "%s/%08lx.0", dir, X509_subject_name_hash(x));
        BIO *out = BIO_new_file(path, "w");
        int ok = out != NULL && PEM_write_bio_X509(out, x);
        BIO_free(out);
        X509_free(x);
        if (!ok)
            return 0;
    }
    return 1;
}

static void remove_dir(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void test_verify_dir(void)
{
    char dir[] = "/tmp/mintls-ssl-ctx-XXXXXX";
    static const char *const roots[] = {"x509/rsa-root.pem", "x509/ec-root.pem"};
    CHECK(make_hashed_dir(dir, roots, 2));
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_load_verify_dir(ctx, dir) == 1);
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(verify_with(ctx, NULL, "x509/ec-leaf.pem", "x509/ec-int.pem") == X509_V_OK);
    CHECK(verify_with(ctx, NULL, "x509/ed-leaf.pem", "x509/ed-int.pem") ==
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    SSL_CTX_free(ctx);

    ctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_load_verify_locations(ctx, NULL, dir) == 1);
    CHECK(verify_with(ctx, NULL, "x509/ec-leaf.pem", "x509/ec-int.pem") == X509_V_OK);
    SSL_CTX_free(ctx);
    remove_dir(dir);
}

static void test_default_paths(void)
{
    /* The defaults follow SSL_CERT_FILE / SSL_CERT_DIR when they are set. */
    setenv("SSL_CERT_FILE", data("x509/ec-root.pem"), 1);
    setenv("SSL_CERT_DIR", "/nonexistent-mintls-dir", 1);
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set_default_verify_paths(ctx) == 1);
    CHECK(verify_with(ctx, NULL, "x509/ec-leaf.pem", "x509/ec-int.pem") == X509_V_OK);
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    SSL_CTX_free(ctx);

    ctx = SSL_CTX_new(TLS_client_method());
    setenv("SSL_CERT_FILE", data("x509/rsa-root.pem"), 1);
    CHECK(SSL_CTX_set_default_verify_file(ctx) == 1);
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    SSL_CTX_free(ctx);

    /* A missing default is not an error. */
    setenv("SSL_CERT_FILE", "/nonexistent-mintls-file.pem", 1);
    ctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set_default_verify_paths(ctx) == 1);
    CHECK(SSL_CTX_set_default_verify_dir(ctx) == 1);
    CHECK(ERR_peek_error() == 0);
    SSL_CTX_free(ctx);
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
}

static void test_cert_store_swap(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    X509_STORE *st = X509_STORE_new();
    X509 *root = load_cert("x509/rsa-root.pem");
    CHECK(X509_STORE_add_cert(st, root) == 1);
    SSL_CTX_set1_cert_store(ctx, st); /* shared: our reference stays ours */
    CHECK(SSL_CTX_get_cert_store(ctx) == st);
    CHECK(verify_with(ctx, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    SSL_CTX *ctx2 = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_cert_store(ctx2, st); /* takes our reference */
    CHECK(SSL_CTX_get_cert_store(ctx2) == st);
    SSL_CTX_free(ctx);
    CHECK(verify_with(ctx2, NULL, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    SSL_CTX_free(ctx2);
    X509_free(root);
}

/* ---- verification settings ----------------------------------------------- */

static int verify_cb_a(int ok, X509_STORE_CTX *c) { (void)c; return ok; }
static int verify_cb_b(int ok, X509_STORE_CTX *c) { (void)c; return ok; }

static void test_verify_settings(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_load_verify_file(ctx, data("x509/rsa-root.pem")) == 1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb_a);
    SSL_CTX_set_verify_depth(ctx, 5);
    CHECK(SSL_CTX_get_verify_mode(ctx) == (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT));
    CHECK(SSL_CTX_get_verify_depth(ctx) == 5);
    CHECK(SSL_CTX_get_verify_callback(ctx) == verify_cb_a);
    CHECK(X509_VERIFY_PARAM_get_depth(SSL_CTX_get0_param(ctx)) == 5);
    CHECK(X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(ctx), "www.example.test", 0) == 1);

    /* SSL_new inherits mode, depth, callback and parameters. */
    SSL *ssl = SSL_new(ctx);
    CHECK(SSL_get_verify_mode(ssl) == (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT));
    CHECK(SSL_get_verify_depth(ssl) == 5);
    CHECK(SSL_get_verify_callback(ssl) == verify_cb_a);
    CHECK(SSL_get0_param(ssl) != SSL_CTX_get0_param(ctx));
    const char *h = X509_VERIFY_PARAM_get0_host(SSL_get0_param(ssl), 0);
    CHECK(h != NULL && strcmp(h, "www.example.test") == 0);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);

    /* Changing the SSL leaves the context alone; a NULL callback keeps the old one. */
    SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
    CHECK(SSL_get_verify_mode(ssl) == SSL_VERIFY_NONE);
    CHECK(SSL_get_verify_callback(ssl) == verify_cb_a);
    SSL_set_verify(ssl, SSL_VERIFY_PEER, verify_cb_b);
    CHECK(SSL_get_verify_callback(ssl) == verify_cb_b);
    SSL_set_verify_depth(ssl, 1);
    CHECK(SSL_get_verify_depth(ssl) == 1);
    CHECK(SSL_CTX_get_verify_depth(ctx) == 5);
    CHECK(SSL_CTX_get_verify_callback(ctx) == verify_cb_a);
    /* Depth 1 still admits leaf + intermediate + trusted root. */
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    SSL_set_verify_depth(ssl, 0);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_CERT_CHAIN_TOO_LONG);
    SSL_set_verify_depth(ssl, -1);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    CHECK(SSL_CTX_get_verify_callback(ctx) == NULL);

    /* Expected host names, checked through a chain verification. */
    CHECK(SSL_get0_peername(ssl) == NULL);
    CHECK(SSL_set1_host(ssl, "www.example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(SSL_set1_host(ssl, "other.example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(SSL_add1_host(ssl, "example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(SSL_set1_host(ssl, "WWW.Example.TEST") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(SSL_set1_host(ssl, "x.www.example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    /* Wildcards, and the flag that turns them off. */
    CHECK(SSL_set1_host(ssl, "foo.example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/wild-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_WILDCARDS);
    CHECK(verify_with(ctx, ssl, "x509/wild-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    SSL_set_hostflags(ssl, 0);
    /* NULL clears the names: no name check at all. */
    CHECK(SSL_set1_host(ssl, NULL) == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    /* An IP literal is matched against the certificate's IP addresses... */
    CHECK(SSL_set1_host(ssl, "192.0.2.1") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(SSL_set1_host(ssl, "192.0.2.9") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_IP_ADDRESS_MISMATCH);
    /* ...and is kept apart from the DNS names: clearing those leaves it. */
    CHECK(SSL_set1_host(ssl, NULL) == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_IP_ADDRESS_MISMATCH);
    CHECK(SSL_set1_host(ssl, "2001:db8::1") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    CHECK(SSL_add1_host(ssl, "www.example.test") == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") == X509_V_OK);
    /* The verification ran on a copy: the connection has matched nothing. */
    CHECK(SSL_get0_peername(ssl) == NULL);

    /* SSL_set1_param copies settings in. */
    X509_VERIFY_PARAM *vpm = X509_VERIFY_PARAM_new();
    X509_VERIFY_PARAM_set1_host(vpm, "nomatch.example", 0);
    CHECK(SSL_set1_param(ssl, vpm) == 1);
    CHECK(verify_with(ctx, ssl, "x509/rsa-leaf.pem", "x509/rsa-int.pem") ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(SSL_CTX_set1_param(ctx, vpm) == 1);
    h = X509_VERIFY_PARAM_get0_host(SSL_CTX_get0_param(ctx), 0);
    CHECK(h != NULL && strcmp(h, "nomatch.example") == 0);
    X509_VERIFY_PARAM_free(vpm);

    /* The verification result is X509_V_OK until a handshake sets it. */
    CHECK(SSL_get_verify_result(ssl) == X509_V_OK);
    SSL_set_verify_result(ssl, X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(SSL_get_verify_result(ssl) == X509_V_ERR_CERT_HAS_EXPIRED);

    int idx = SSL_get_ex_data_X509_STORE_CTX_idx();
    CHECK(idx >= 0 && idx == SSL_get_ex_data_X509_STORE_CTX_idx());
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* ---- our certificate and key ----------------------------------------------- */

static void check_pair(const char *cert_rel, const char *key_rel, int ok_expected)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(SSL_CTX_use_certificate_file(ctx, data(cert_rel), SSL_FILETYPE_PEM) == 1);
    int r = SSL_CTX_use_PrivateKey_file(ctx, data(key_rel), SSL_FILETYPE_PEM);
    if (ok_expected) {
        CHECK(r == 1);
        CHECK(SSL_CTX_check_private_key(ctx) == 1);
        CHECK(SSL_CTX_get0_privatekey(ctx) != NULL);
    } else {
        CHECK(r == 0);
        CHECK(last_error_is(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH));
        CHECK(SSL_CTX_check_private_key(ctx) == 0);
        CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED));
    }
    CHECK(SSL_CTX_get0_certificate(ctx) != NULL);
    SSL_CTX_free(ctx);
}

static void test_cert_key(void)
{
    ERR_clear_error();
    check_pair("x509/rsa-leaf.pem", "x509/rsa-leaf.key", 1);
    check_pair("x509/rsa-leaf.pem", "x509/rsa-int.key", 0);
    check_pair("x509/ec-leaf.pem", "x509/ec-leaf.key", 1);
    check_pair("x509/ec-leaf.pem", "x509/ec-int.key", 0);
    check_pair("x509/ed-leaf.pem", "x509/ed-leaf.key", 1);

    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    /* Nothing configured. */
    CHECK(SSL_CTX_check_private_key(ctx) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED));
    /* Bad type and missing file. */
    CHECK(SSL_CTX_use_certificate_file(ctx, data("x509/rsa-leaf.pem"), 99) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_BAD_SSL_FILETYPE));
    CHECK(SSL_CTX_use_certificate_file(ctx, data("x509/none.pem"), SSL_FILETYPE_PEM) == 0);
    CHECK(ERR_GET_LIB(ERR_peek_last_error()) == ERR_LIB_SSL);
    ERR_clear_error();
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data("x509/none.key"), SSL_FILETYPE_PEM) == 0);
    CHECK(ERR_GET_LIB(ERR_peek_last_error()) == ERR_LIB_SSL);
    ERR_clear_error();
    /* A key file is no certificate. */
    CHECK(SSL_CTX_use_certificate_file(ctx, data("x509/rsa-leaf.key"), SSL_FILETYPE_PEM) == 0);
    CHECK(ERR_GET_LIB(ERR_peek_last_error()) == ERR_LIB_SSL);
    ERR_clear_error();

    /* A key loaded first and then a certificate it does not match: the key goes. */
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data("x509/rsa-int.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_check_private_key(ctx) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED));
    CHECK(SSL_CTX_use_certificate_file(ctx, data("x509/rsa-leaf.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(ERR_peek_error() == 0);
    CHECK(SSL_CTX_get0_privatekey(ctx) == NULL);
    CHECK(SSL_CTX_check_private_key(ctx) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED));

    /* An EC key goes to its own slot, which has no certificate yet. */
    EVP_PKEY *eck = load_key("x509/ec-leaf.key");
    CHECK(SSL_CTX_use_PrivateKey(ctx, eck) == 1);
    CHECK(SSL_CTX_get0_privatekey(ctx) == eck);
    CHECK(SSL_CTX_get0_certificate(ctx) == NULL);
    CHECK(SSL_CTX_check_private_key(ctx) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED));
    X509 *ecc = load_cert("x509/ec-leaf.pem");
    CHECK(SSL_CTX_use_certificate(ctx, ecc) == 1);
    CHECK(SSL_CTX_get0_certificate(ctx) == ecc);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);
    /* Back to the RSA slot, by giving it its key. */
    EVP_PKEY *rsak = load_key("x509/rsa-leaf.key");
    CHECK(SSL_CTX_use_PrivateKey(ctx, rsak) == 1);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);
    X509 *cur = SSL_CTX_get0_certificate(ctx);
    CHECK(cur != NULL && X509_cmp(cur, ecc) != 0);

    /* The SSL starts with the context's certificate and key, shared. */
    SSL *ssl = SSL_new(ctx);
    CHECK(SSL_get_certificate(ssl) == SSL_CTX_get0_certificate(ctx));
    CHECK(SSL_get_privatekey(ssl) == rsak);
    CHECK(SSL_check_private_key(ssl) == 1);
    /* ...and may change its own without touching the context. */
    CHECK(SSL_use_certificate(ssl, ecc) == 1);
    CHECK(SSL_get_certificate(ssl) == ecc);
    CHECK(SSL_get_privatekey(ssl) == eck);
    CHECK(SSL_CTX_get0_certificate(ctx) == cur);
    CHECK(SSL_use_PrivateKey_file(ssl, data("x509/ec-int.key"), SSL_FILETYPE_PEM) == 0);
    CHECK(last_error_is(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH));
    CHECK(SSL_use_certificate_file(ssl, data("x509/chain-leaf.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_check_private_key(ssl) == 0); /* the old EC key did not match: dropped */
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED));
    CHECK(SSL_use_PrivateKey_file(ssl, data("x509/chain-leaf.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_check_private_key(ssl) == 1);
    SSL_free(ssl);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);

    /* DER certificate. */
    unsigned char *der = NULL;
    int len = i2d_X509(ecc, &der);
    CHECK(len > 0);
    SSL_CTX *ctx2 = SSL_CTX_new(TLS_server_method());
    CHECK(SSL_CTX_use_certificate_ASN1(ctx2, len, der) == 1);
    CHECK(SSL_CTX_get0_certificate(ctx2) != NULL &&
          X509_cmp(SSL_CTX_get0_certificate(ctx2), ecc) == 0);
    CHECK(SSL_CTX_use_certificate_ASN1(ctx2, len - 1, der) == 0);
    ERR_clear_error();
    /* The same DER in a file. */
    char path[] = "/tmp/mintls-der-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, der, (size_t)len) == len);
    close(fd);
    SSL *ssl2 = SSL_new(ctx2);
    CHECK(SSL_use_certificate_file(ssl2, path, SSL_FILETYPE_ASN1) == 1);
    CHECK(SSL_get_certificate(ssl2) != NULL && X509_cmp(SSL_get_certificate(ssl2), ecc) == 0);
    CHECK(SSL_use_certificate_file(ssl2, path, SSL_FILETYPE_PEM) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, ERR_R_PEM_LIB));
    CHECK(SSL_use_certificate_file(ssl2, data("x509/ec-leaf.pem"), SSL_FILETYPE_ASN1) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, ERR_R_ASN1_LIB));
    SSL_free(ssl2);
    unlink(path);
    OPENSSL_free(der);
    SSL_CTX_free(ctx2);

    EVP_PKEY_free(eck);
    EVP_PKEY_free(rsak);
    X509_free(ecc);
    SSL_CTX_free(ctx);
}

/* ---- chains ------------------------------------------------------------- */

static int write_concat(const char *out, const char *const *rels, int n)
{
    FILE *o = fopen(out, "w");
    if (o == NULL)
        return 0;
    for (int i = 0; i < n; i++) {
        size_t len;
        char *s = test_read_file(data(rels[i]), &len);
        if (s == NULL || fwrite(s, 1, len, o) != len) {
            free(s);
            fclose(o);
            return 0;
        }
        free(s);
    }
    return fclose(o) == 0;
}

static void test_chains(void)
{
    char path[] = "/tmp/mintls-chain-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    static const char *const files[] = {"x509/chain-leaf.pem", "x509/chain-int2.pem",
                                        "x509/chain-int1.pem"};
    CHECK(write_concat(path, files, 3));

    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    STACK_OF(X509) *sk = NULL;
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1 && sk == NULL);
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, path) == 1);
    CHECK(ERR_peek_error() == 0);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data("x509/chain-leaf.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);
    X509 *leaf = load_cert("x509/chain-leaf.pem");
    X509 *int1 = load_cert("x509/chain-int1.pem");
    X509 *int2 = load_cert("x509/chain-int2.pem");
    X509 *root = load_cert("x509/rsa-root.pem");
    CHECK(X509_cmp(SSL_CTX_get0_certificate(ctx), leaf) == 0);
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1);
    CHECK(sk != NULL && sk_X509_num(sk) == 2);
    if (sk != NULL && sk_X509_num(sk) == 2) {
        CHECK(X509_cmp(sk_X509_value(sk, 0), int2) == 0);
        CHECK(X509_cmp(sk_X509_value(sk, 1), int1) == 0);
    }
    /* Without extra certificates, the "extra" list is the certificate's chain. */
    STACK_OF(X509) *extra = NULL;
    CHECK(SSL_CTX_get_extra_chain_certs(ctx, &extra) == 1 && extra == sk);
    CHECK(SSL_CTX_get_extra_chain_certs_only(ctx, &extra) == 1 && extra == NULL);
    CHECK(X509_up_ref(root) == 1);
    CHECK(SSL_CTX_add_extra_chain_cert(ctx, root) == 1); /* takes that reference */
    CHECK(SSL_CTX_get_extra_chain_certs(ctx, &extra) == 1);
    CHECK(extra != NULL && sk_X509_num(extra) == 1 && sk_X509_value(extra, 0) == root);
    CHECK(SSL_CTX_clear_extra_chain_certs(ctx) == 1);
    CHECK(SSL_CTX_get_extra_chain_certs_only(ctx, &extra) == 1 && extra == NULL);

    /* An SSL copies the chain; its own changes stay its own. */
    SSL *ssl = SSL_new(ctx);
    STACK_OF(X509) *ssk = NULL;
    CHECK(SSL_get0_chain_certs(ssl, &ssk) == 1 && ssk != NULL && sk_X509_num(ssk) == 2);
    CHECK(SSL_clear_chain_certs(ssl) == 1);
    CHECK(SSL_get0_chain_certs(ssl, &ssk) == 1 && ssk == NULL);
    CHECK(SSL_add1_chain_cert(ssl, int1) == 1);
    CHECK(SSL_get0_chain_certs(ssl, &ssk) == 1 && ssk != NULL && sk_X509_num(ssk) == 1);
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1 && sk_X509_num(sk) == 2);
    SSL_free(ssl);

    /* set1 copies the caller's stack; add1 adds a reference. */
    STACK_OF(X509) *mine = sk_X509_new_null();
    sk_X509_push(mine, int1);
    CHECK(SSL_CTX_set1_chain(ctx, mine) == 1);
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1 && sk != mine && sk_X509_num(sk) == 1);
    CHECK(SSL_CTX_add1_chain_cert(ctx, root) == 1);
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1 && sk_X509_num(sk) == 2);
    CHECK(sk_X509_num(mine) == 1);
    sk_X509_free(mine);
    CHECK(SSL_CTX_clear_chain_certs(ctx) == 1);
    CHECK(SSL_CTX_get0_chain_certs(ctx, &sk) == 1 && sk == NULL);
    SSL_CTX_free(ctx);

    /* A chain file that is not PEM at all fails. */
    ctx = SSL_CTX_new(TLS_server_method());
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, data("x509/rsa-leaf.sha256")) == 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(SSL_CTX_use_certificate_chain_file(ctx, data("x509/none.pem")) == 0);
    ERR_clear_error();
    SSL_CTX_free(ctx);

    X509_free(leaf);
    X509_free(int1);
    X509_free(int2);
    X509_free(root);
    unlink(path);
}

/* ---- encrypted keys ------------------------------------------------------- */

static int passwd_calls;
static int last_rwflag = -1;

static int passwd_cb(char *buf, int size, int rwflag, void *u)
{
    const char *pw = u;
    passwd_calls++;
    last_rwflag = rwflag;
    int n = (int)strlen(pw);
    if (n > size)
        return -1;
    memcpy(buf, pw, (size_t)n);
    return n;
}

static void test_encrypted_key(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char right[] = "x", wrong[] = "not-the-password";
    SSL_CTX_set_default_passwd_cb(ctx, passwd_cb);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, wrong);
    CHECK(SSL_CTX_get_default_passwd_cb(ctx) == passwd_cb);
    CHECK(SSL_CTX_get_default_passwd_cb_userdata(ctx) == wrong);
    CHECK(SSL_CTX_use_certificate_file(ctx, data("x509/ec-leaf.pem"), SSL_FILETYPE_PEM) == 1);

    passwd_calls = 0;
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data("keys/enc-pkcs8.key"), SSL_FILETYPE_PEM) == 0);
    CHECK(passwd_calls >= 1);
    CHECK(ERR_GET_LIB(ERR_peek_last_error()) == ERR_LIB_SSL);
    ERR_clear_error();
    CHECK(SSL_CTX_check_private_key(ctx) == 0);
    CHECK(last_error_is(ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED));

    SSL_CTX_set_default_passwd_cb_userdata(ctx, right);
    passwd_calls = 0;
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data("keys/enc-pkcs8.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(passwd_calls == 1 && last_rwflag == 0);
    CHECK(SSL_CTX_check_private_key(ctx) == 1);

    /* The SSL inherits the callback and its data, and may change them. */
    SSL *ssl = SSL_new(ctx);
    CHECK(SSL_get_default_passwd_cb(ssl) == passwd_cb);
    CHECK(SSL_get_default_passwd_cb_userdata(ssl) == right);
    CHECK(SSL_use_PrivateKey_file(ssl, data("keys/enc-pkcs8.key"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_get_privatekey(ssl) != NULL &&
          EVP_PKEY_get_base_id(SSL_get_privatekey(ssl)) == EVP_PKEY_EC);
    CHECK(SSL_check_private_key(ssl) == 1);
    SSL_set_default_passwd_cb_userdata(ssl, wrong);
    CHECK(SSL_get_default_passwd_cb_userdata(ssl) == wrong);
    CHECK(SSL_CTX_get_default_passwd_cb_userdata(ctx) == right);
    CHECK(SSL_use_PrivateKey_file(ssl, data("keys/enc-pkcs8.key"), SSL_FILETYPE_PEM) == 0);
    ERR_clear_error();
    /* The callback can be taken away again. */
    SSL_set_default_passwd_cb(ssl, NULL);
    SSL_set_default_passwd_cb_userdata(ssl, NULL);
    CHECK(SSL_get_default_passwd_cb(ssl) == NULL);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
}

/* ---- ex_data ---------------------------------------------------------------- */

static int ex_new_calls, ex_free_calls;
static void *ex_freed_ptr;

static void ex_new(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)parent, (void)ptr, (void)ad, (void)idx, (void)argp;
    if (argl == 42)
        ex_new_calls++;
}

static void ex_free(void *parent, void *ptr, CRYPTO_EX_DATA *ad, int idx, long argl, void *argp)
{
    (void)parent, (void)ad, (void)idx, (void)argp;
    if (argl == 42) {
        ex_free_calls++;
        ex_freed_ptr = ptr;
    }
}

static void test_ex_data(void)
{
    int sidx = SSL_get_ex_new_index(42, NULL, ex_new, NULL, ex_free);
    int sidx2 = SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
    int cidx = SSL_CTX_get_ex_new_index(42, NULL, ex_new, NULL, ex_free);
    CHECK(sidx > 0 && sidx2 > 0 && sidx2 != sidx && cidx > 0);

    ex_new_calls = ex_free_calls = 0;
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    CHECK(ex_new_calls == 1);
    int a = 1, b = 2, c = 3;
    CHECK(SSL_CTX_get_ex_data(ctx, cidx) == NULL);
    CHECK(SSL_CTX_set_ex_data(ctx, cidx, &a) == 1);
    CHECK(SSL_CTX_get_ex_data(ctx, cidx) == &a);
    CHECK(SSL_CTX_set_app_data(ctx, &c) == 1);
    CHECK(SSL_CTX_get_app_data(ctx) == &c);

    SSL *ssl = SSL_new(ctx);
    CHECK(ex_new_calls == 2);
    CHECK(SSL_get_ex_data(ssl, sidx) == NULL);
    CHECK(SSL_set_ex_data(ssl, sidx, &b) == 1);
    CHECK(SSL_set_ex_data(ssl, sidx2, &c) == 1);
    CHECK(SSL_get_ex_data(ssl, sidx) == &b);
    CHECK(SSL_get_ex_data(ssl, sidx2) == &c);
    CHECK(SSL_get_app_data(ssl) == NULL);
    CHECK(SSL_set_app_data(ssl, &a) == 1);
    CHECK(SSL_get_app_data(ssl) == &a);
    /* Context data is not connection data. */
    CHECK(SSL_get_ex_data(ssl, cidx) != &a || cidx == sidx);

    SSL_up_ref(ssl);
    SSL_free(ssl);
    CHECK(ex_free_calls == 0);
    SSL_free(ssl);
    CHECK(ex_free_calls == 1 && ex_freed_ptr == &b);
    SSL_CTX_free(ctx);
    CHECK(ex_free_calls == 2 && ex_freed_ptr == &a);
}

int main(void)
{
    test_objects();
    test_verify_file();
    test_verify_dir();
    test_default_paths();
    test_cert_store_swap();
    test_verify_settings();
    test_cert_key();
    test_chains();
    test_encrypted_key();
    test_ex_data();
    return test_summary();
}
