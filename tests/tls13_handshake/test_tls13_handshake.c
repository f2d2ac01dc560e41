/*
 * TLS 1.3 handshakes in memory, written against the OpenSSL API only (and
 * run against OpenSSL too): a client and a server over a BIO pair, for
 * each cipher suite, with an ECDSA P-256 and an RSA server certificate
 * (and an Ed25519 one)
 * verified against the fixture roots with a host name; application data
 * both ways, SSL_peek / SSL_pending, KeyUpdate, close_notify in both
 * phases. Then the
 * same over BIO pairs that move one byte at a time, and the failures a
 * client must report: wrong host name, unknown root. Then mutual TLS
 * (CertificateRequest, client chains, certificate_required), ALPN, SNI with
 * SSL_set_SSL_CTX, and the groups lists.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#ifndef SMALL
#define SMALL 1
#endif

static X509 *load_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

typedef struct {
    const char *leaf, *key, *intermediate, *root, *host;
} cert_set;

static const cert_set ec_set = {"ec-leaf.pem", "ec-leaf.key", "ec-int.pem", "ec-root.pem",
                                "ec.example.test"};
static const cert_set ed_set = {"ed-leaf.pem", "ed-leaf.key", "ed-int.pem", "ed-root.pem",
                                "ed.example.test"};
static const cert_set rsa_set = {"rsa-leaf.pem", "rsa-leaf.key", "rsa-int.pem", "rsa-root.pem",
                                 "www.example.test"};

static SSL_CTX *server_ctx(const cert_set *cs)
{
    char path[512];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, cs->leaf);
    CHECK(SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, cs->key);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    X509 *in = load_cert(cs->intermediate);
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    return ctx;
}

static SSL_CTX *client_ctx(const char *root)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    X509 *r = load_cert(root);
    CHECK(r != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) == 1);
    X509_free(r);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

/* A client and a server joined by a BIO pair with buffers of buf bytes. */
static void connect_pair(SSL_CTX *cctx, SSL_CTX *sctx, size_t buf, SSL **c, SSL **s)
{
    BIO *bc, *bs;
    CHECK(BIO_new_bio_pair(&bc, buf, &bs, buf) == 1);
    *c = SSL_new(cctx);
    *s = SSL_new(sctx);
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

/* Runs both handshakes to the end. 1 when both finished. */
static int handshake(SSL *c, SSL *s)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 100000 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            if (r == 1)
                cdone = 1;
            else if (!wants_io(c, r)) {
                if (getenv("TEST_DEBUG"))
                    fprintf(stderr, "client: %d at %d\n", SSL_get_error(c, r), i);
                return 0;
            }
        }
        else if (!sdone) {
            /* OpenSSL's server finishes by sending tickets: a client that is
               done must keep reading or a small pipe would stall them. */
            char b[1];
            int r = SSL_read(c, b, sizeof(b));
            if (!wants_io(c, r))
                return 0;
        }
        if (!sdone) {
            int r = SSL_do_handshake(s);
            if (r == 1)
                sdone = 1;
            else if (!wants_io(s, r)) {
                if (getenv("TEST_DEBUG"))
                    fprintf(stderr, "server: %d at %d\n", SSL_get_error(s, r), i);
                return 0;
            }
        }
    }
    if (getenv("TEST_DEBUG"))
        fprintf(stderr, "stalled: client %d (%d) server %d (%d)\n", cdone,
                SSL_get_error(c, -1), sdone, SSL_get_error(s, -1));
    return cdone && sdone;
}

/* Moves len bytes from one side to the other through whatever the pair holds. */
static int transfer(SSL *from, SSL *to, const char *msg, size_t len)
{
    size_t sent = 0, got = 0;
    char buf[70000];
    for (int i = 0; i < 1000000 && got < len; i++) {
        if (sent < len) {
            size_t n = 0;
            if (SSL_write_ex(from, msg + sent, len - sent, &n))
                sent += n;
            else if (!wants_io(from, 0))
                return 0;
        }
        size_t n = 0;
        if (SSL_read_ex(to, buf + got, sizeof(buf) - got, &n))
            got += n;
        else if (SSL_get_error(to, 0) != SSL_ERROR_WANT_READ)
            return 0;
    }
    return got == len && memcmp(buf, msg, len) == 0;
}

static void close_both(SSL *c, SSL *s)
{
    char b[8];
    /* First phase: the client's close_notify out (0: the server's not seen
       yet); the server reads it as ZERO_RETURN. */
    int cr = -1, sr = -1;
    for (int i = 0; i < 100000 && !(cr == 0 && sr == 0); i++) {
        if (cr < 0 && (cr = SSL_shutdown(c)) < 0 && !wants_io(c, cr))
            break;
        if (sr != 0 && (sr = SSL_read(s, b, sizeof(b))) < 0 && !wants_io(s, sr))
            break;
    }
    CHECK(cr == 0);
    CHECK(SSL_get_shutdown(c) == SSL_SENT_SHUTDOWN);
    CHECK(sr == 0 && SSL_get_error(s, sr) == SSL_ERROR_ZERO_RETURN);
    CHECK(SSL_get_shutdown(s) == SSL_RECEIVED_SHUTDOWN);
    /* Second phase: the server answers (1: both done on its side); the
       client's second call waits for it. */
    cr = sr = -1;
    for (int i = 0; i < 100000 && !(cr == 1 && sr == 1); i++) {
        if (sr < 0 && (sr = SSL_shutdown(s)) < 0 && !wants_io(s, sr))
            break;
        if (cr < 0 && (cr = SSL_shutdown(c)) < 0 && !wants_io(c, cr))
            break;
    }
    CHECK(sr == 1 && cr == 1);
    CHECK(SSL_get_shutdown(c) == (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN));
    CHECK(SSL_write(c, "x", 1) <= 0);
    ERR_clear_error();
}

/*
 * One connection: suite, the client's and the server's groups lists (NULL:
 * the default) and the group that must be agreed (0: don't check), a pipe
 * of bufsize bytes, and which side closes first.
 */
static void run_with(const cert_set *cs, const char *suite, const char *cgroups,
                     const char *sgroups, int want_group, size_t bufsize, int server_closes)
{
    SSL_CTX *sctx = server_ctx(cs);
    SSL_CTX *cctx = client_ctx(cs->root);
    /* Over one-byte pipes a HelloRetryRequest deadlocks the harness with
       the compatibility records (each side writing while the other writes,
       with either library): those runs go without them, which tests
       SSL_OP_ENABLE_MIDDLEBOX_COMPAT cleared on both sides. */
    if (bufsize == SMALL && sgroups != NULL) {
        SSL_CTX_clear_options(cctx, SSL_OP_ENABLE_MIDDLEBOX_COMPAT);
        SSL_CTX_clear_options(sctx, SSL_OP_ENABLE_MIDDLEBOX_COMPAT);
    }
    CHECK(SSL_CTX_set_ciphersuites(cctx, suite) == 1);
    if (cgroups != NULL)
        CHECK(SSL_CTX_set1_groups_list(cctx, cgroups) == 1);
    if (sgroups != NULL)
        CHECK(SSL_CTX_set1_groups_list(sctx, sgroups) == 1);
    SSL *c, *s;
    connect_pair(cctx, sctx, bufsize, &c, &s);
    CHECK(SSL_set1_host(c, cs->host) == 1);
    CHECK(SSL_set_tlsext_host_name(c, cs->host) == 1);
    CHECK(SSL_get_current_cipher(c) == NULL);
    int ok = handshake(c, s);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "handshake failed: %s %s %s/%s %zu\n", cs->leaf, suite,
                cgroups ? cgroups : "default", sgroups ? sgroups : "default", bufsize);
        ERR_print_errors_fp(stderr);
    } else {
        CHECK(SSL_get_verify_result(c) == X509_V_OK);
        X509 *leaf = load_cert(cs->leaf), *peer = SSL_get1_peer_certificate(c);
        CHECK(peer != NULL && leaf != NULL && X509_cmp(peer, leaf) == 0);
        CHECK(SSL_get0_peer_certificate(c) == peer);
        CHECK(SSL_get_peer_cert_chain(c) != NULL && sk_X509_num(SSL_get_peer_cert_chain(c)) == 2);
        CHECK(SSL_get0_peer_certificate(s) == NULL); /* no client certificate asked for */
        X509_free(peer);
        X509_free(leaf);
        CHECK(strcmp(SSL_get_version(c), "TLSv1.3") == 0);
        CHECK(strcmp(SSL_get_version(s), "TLSv1.3") == 0);
        const SSL_CIPHER *cc = SSL_get_current_cipher(c), *sc = SSL_get_current_cipher(s);
        CHECK(cc != NULL && sc != NULL);
        CHECK(strcmp(SSL_CIPHER_get_name(cc), suite) == 0);
        CHECK(strcmp(SSL_CIPHER_standard_name(sc), suite) == 0);
        CHECK(strcmp(SSL_CIPHER_get_version(cc), "TLSv1.3") == 0);
        if (want_group != 0)
            CHECK(SSL_get_negotiated_group(c) == want_group &&
                  SSL_get_negotiated_group(s) == want_group);

        static const char hello[] = "hello from the client\n";
        static const char reply[] = "and the server answers\n";
        CHECK(transfer(c, s, hello, sizeof(hello) - 1));
        CHECK(transfer(s, c, reply, sizeof(reply) - 1));
        if (bufsize > 1) {
            /* Larger than one record: split, reassembled by the reader. */
            static char big[40000];
            for (size_t i = 0; i < sizeof(big); i++)
                big[i] = (char)(i * 7);
            CHECK(transfer(c, s, big, sizeof(big)));
            /* Peek leaves the data for the read; SSL_pending counts what is left. */
            CHECK(SSL_write(s, "peekaboo", 8) == 8);
            char b[16];
            CHECK(SSL_peek(c, b, 4) == 4 && memcmp(b, "peek", 4) == 0);
            CHECK(SSL_pending(c) == 8);
            CHECK(SSL_read(c, b, 5) == 5 && memcmp(b, "peeka", 5) == 0);
            CHECK(SSL_pending(c) == 3);
            CHECK(SSL_read(c, b, sizeof(b)) == 3 && memcmp(b, "boo", 3) == 0);
            CHECK(SSL_pending(c) == 0);
            /* KeyUpdate: the client asks for one back; the server answers with
               its own; data still flows both ways under the new keys. */
            CHECK(SSL_key_update(c, 5) == 0);
            ERR_clear_error();
            CHECK(SSL_key_update(c, SSL_KEY_UPDATE_REQUESTED) == 1);
            CHECK(transfer(c, s, "after update", 12));
            CHECK(transfer(s, c, "both ways", 9));
            CHECK(SSL_key_update(s, SSL_KEY_UPDATE_NOT_REQUESTED) == 1);
            CHECK(transfer(s, c, "server again", 12));
            CHECK(transfer(c, s, "client again", 12));
            /* Nothing sent: WANT_READ. */
            int r = SSL_read(c, b, sizeof(b));
            CHECK(r == -1 && SSL_get_error(c, r) == SSL_ERROR_WANT_READ);
        }
        if (server_closes)
            close_both(s, c);
        else
            close_both(c, s);
    }
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

static void run(const cert_set *cs, const char *suite, size_t bufsize)
{
    run_with(cs, suite, NULL, NULL, 0, bufsize, 0);
}

/*
 * Every suite x group x certificate type, closes in both orders; and
 * HelloRetryRequest: the client's first share (X25519) is not among the
 * server's groups, so the server asks for P-256 (over one-byte pipes for
 * the ECDSA certificate).
 */
static void matrix(void)
{
    static const char *suites[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                   "TLS_CHACHA20_POLY1305_SHA256"};
    static const struct {
        const char *name;
        int nid;
    } groups[] = {{"X25519", NID_X25519}, {"P-256", NID_X9_62_prime256v1},
                  {"P-384", NID_secp384r1}};
    const cert_set *certs[] = {&ec_set, &rsa_set, &ed_set};
    int n = 0;
    for (size_t i = 0; i < 3; i++)
        for (size_t g = 0; g < 3; g++)
            for (size_t k = 0; k < 3; k++, n++)
                run_with(certs[k], suites[i], groups[g].name, NULL, groups[g].nid, 17000, n & 1);
    for (size_t i = 0; i < 3; i++)
        for (size_t k = 0; k < 3; k++, n++)
            run_with(certs[k], suites[i], "X25519:P-256", "P-256", NID_X9_62_prime256v1,
                     k == 0 ? SMALL : 17000, n & 1);
}

/* A verify callback finds its SSL through the ex_data index and may overrule. */
static SSL *callback_saw;
static int callback_errors;
static int overruling_callback(int ok, X509_STORE_CTX *x)
{
    callback_saw = X509_STORE_CTX_get_ex_data(x, SSL_get_ex_data_X509_STORE_CTX_idx());
    if (!ok)
        callback_errors++;
    return 1;
}

/* A client that does not trust the server fails with OpenSSL's reason and alert. */
static void verify_failures(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    /* Wrong host name. */
    SSL_CTX *cctx = client_ctx(ec_set.root);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set1_host(c, "other.example.test") == 1);
    CHECK(!handshake(c, s));
    CHECK(SSL_get_verify_result(c) == X509_V_ERR_HOSTNAME_MISMATCH);
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* Trusting only the RSA root: unknown CA. The server sees the alert. */
    cctx = client_ctx(rsa_set.root);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    CHECK(SSL_get_verify_result(c) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    ERR_clear_error();
    char b[4];
    CHECK(SSL_read(s, b, sizeof(b)) <= 0);
    e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL &&
          ERR_GET_REASON(e) == SSL_R_TLSV1_ALERT_UNKNOWN_CA);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* A callback that accepts everything: the handshake completes and the
       result still says what was wrong. */
    cctx = client_ctx(ec_set.root);
    connect_pair(cctx, sctx, 17000, &c, &s);
    SSL_set_verify(c, SSL_VERIFY_PEER, overruling_callback);
    CHECK(SSL_set1_host(c, "other.example.test") == 1);
    CHECK(handshake(c, s));
    CHECK(callback_saw == c && callback_errors > 0);
    CHECK(SSL_get_verify_result(c) == X509_V_ERR_HOSTNAME_MISMATCH);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* SSL_VERIFY_NONE: the result is recorded, the handshake completes. */
    cctx = client_ctx(rsa_set.root);
    SSL_CTX_set_verify(cctx, SSL_VERIFY_NONE, NULL);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(SSL_get_verify_result(c) == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    CHECK(transfer(c, s, "ok", 2));
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

/* Suite choice: the client's order unless the server asks for its own. */
static void suite_choice(void)
{
    for (int server_pref = 0; server_pref < 2; server_pref++) {
        SSL_CTX *sctx = server_ctx(&ec_set);
        SSL_CTX *cctx = client_ctx(ec_set.root);
        CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256"));
        CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256"));
        if (server_pref)
            SSL_CTX_set_options(sctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
        SSL *c, *s;
        connect_pair(cctx, sctx, 17000, &c, &s);
        CHECK(handshake(c, s));
        const char *want = server_pref ? "TLS_CHACHA20_POLY1305_SHA256" : "TLS_AES_128_GCM_SHA256";
        CHECK(strcmp(SSL_CIPHER_get_name(SSL_get_current_cipher(c)), want) == 0);
        CHECK(strcmp(SSL_CIPHER_get_name(SSL_get_current_cipher(s)), want) == 0);
        SSL_free(c);
        SSL_free(s);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
    }

    /* Nothing in common: the server fails, the client hears handshake_failure. */
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set_ciphersuites(cctx, "TLS_AES_128_GCM_SHA256"));
    CHECK(SSL_CTX_set_ciphersuites(sctx, "TLS_AES_256_GCM_SHA384"));
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_do_handshake(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_WANT_READ);
    int r = SSL_do_handshake(s);
    CHECK(r == -1 && SSL_get_error(s, r) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_NO_SHARED_CIPHER);
    ERR_clear_error();
    r = SSL_do_handshake(c);
    CHECK(r == -1 && SSL_get_error(c, r) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* Calls that need an established connection, before the handshake. */
static void before_handshake(void)
{
    SSL_CTX *cctx = client_ctx(ec_set.root);
    SSL *c = SSL_new(cctx);
    SSL_set_connect_state(c);
    CHECK(SSL_shutdown(c) == -1);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_SHUTDOWN_WHILE_IN_INIT);
    ERR_clear_error();
    CHECK(SSL_key_update(c, SSL_KEY_UPDATE_REQUESTED) == 0);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_WRONG_SSL_VERSION);
    ERR_clear_error();
    CHECK(SSL_get_current_cipher(c) == NULL);
    SSL_free(c);
    SSL_CTX_free(cctx);

    /* SSL_write and SSL_read run the handshake themselves. */
    SSL_CTX *sctx = server_ctx(&rsa_set);
    cctx = client_ctx(rsa_set.root);
    SSL *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    int r = SSL_write(c, "early", 5);
    CHECK(r == -1 && SSL_get_error(c, r) == SSL_ERROR_WANT_READ);
    char b[8];
    r = SSL_read(s, b, sizeof(b));
    CHECK(r == -1 && SSL_get_error(s, r) == SSL_ERROR_WANT_READ);
    CHECK(SSL_write(c, "early", 5) == 5);
    r = SSL_read(s, b, sizeof(b));
    CHECK(r == 5 && memcmp(b, "early", 5) == 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

/* Moves what one side wrote to the other's input, flipping byte `flip` (or none). */
static void shuttle(BIO *from, BIO *to, long flip)
{
    char buf[32768];
    int n;
    while ((n = BIO_read(from, buf, sizeof(buf))) > 0) {
        if (flip >= 0 && flip < n)
            buf[flip] ^= 0x01;
        flip -= n;
        BIO_write(to, buf, n);
    }
}

/* A server flight altered in transit: the client's record layer rejects it. */
static void tampered_flight(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(c_in, -1);
    BIO_set_mem_eof_return(s_in, -1);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    CHECK(SSL_do_handshake(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_WANT_READ);
    shuttle(c_out, s_in, -1);
    CHECK(SSL_do_handshake(s) == -1 && SSL_get_error(s, -1) == SSL_ERROR_WANT_READ);
    /* The last byte of the flight: the Finished record's tag. */
    long pending = (long)BIO_ctrl_pending(s_out);
    CHECK(pending > 200);
    shuttle(s_out, c_in, pending - 1);
    int r = SSL_do_handshake(c);
    CHECK(r == -1 && SSL_get_error(c, r) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC);
    ERR_clear_error();
    /* The server hears bad_record_mac. */
    shuttle(c_out, s_in, -1);
    r = SSL_do_handshake(s);
    CHECK(r == -1 && SSL_get_error(s, r) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_SSLV3_ALERT_BAD_RECORD_MAC);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A client context that also authenticates with leaf/key (issued under rsa-int). */
static SSL_CTX *client_ctx_with_cert(const char *leaf, const char *key)
{
    char path[512];
    SSL_CTX *ctx = client_ctx(ec_set.root);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, leaf);
    CHECK(SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, key);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    X509 *in = load_cert("rsa-int.pem");
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    return ctx;
}

/* The reason the first queued SSL error carries after a failed read. */
static int read_failure_reason(SSL *x)
{
    char b[4];
    ERR_clear_error();
    int r = SSL_read(x, b, sizeof(b));
    unsigned long e = ERR_peek_error();
    int reason = r <= 0 && ERR_GET_LIB(e) == ERR_LIB_SSL ? ERR_GET_REASON(e) : -1;
    ERR_clear_error();
    return reason;
}

/* Mutual TLS: a server under SSL_VERIFY_PEER asks for a certificate and
   verifies it for client use; FAIL_IF_NO_PEER_CERT makes one mandatory. */
static void mutual_tls(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    X509 *root = load_cert("rsa-root.pem");
    CHECK(root != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), root) == 1);
    X509_free(root);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX *cctx = client_ctx_with_cert("client-leaf.pem", "client-leaf.key");
    SSL *c, *s;
    for (int small = 0; small < 2; small++) {
        connect_pair(cctx, sctx, small ? SMALL : 17000, &c, &s);
        CHECK(SSL_set1_host(c, ec_set.host) == 1);
        CHECK(handshake(c, s));
        X509 *peer = SSL_get1_peer_certificate(s);
        CHECK(peer != NULL);
        char cn[64] = "";
        if (peer != NULL)
            X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn,
                                      sizeof(cn));
        CHECK(strcmp(cn, "client.example.test") == 0);
        X509_free(peer);
        CHECK(SSL_get_verify_result(s) == X509_V_OK);
        CHECK(SSL_get_verify_result(c) == X509_V_OK);
        CHECK(transfer(c, s, "hello server", 12));
        CHECK(transfer(s, c, "hello client", 12));
        close_both(c, s);
        SSL_free(c);
        SSL_free(s);
    }
    SSL_CTX_free(cctx);

    /* No client certificate: an empty Certificate; mandatory -> certificate_required. */
    cctx = client_ctx(ec_set.root);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL &&
          ERR_GET_REASON(e) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
    CHECK(read_failure_reason(c) == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED);
    SSL_free(c);
    SSL_free(s);

    /* Only SSL_VERIFY_PEER: the handshake goes on without one. */
    connect_pair(cctx, sctx, 17000, &c, &s);
    SSL_set_verify(s, SSL_VERIFY_PEER, NULL);
    CHECK(handshake(c, s));
    X509 *none = SSL_get1_peer_certificate(s);
    CHECK(none == NULL);
    X509_free(none);
    CHECK(SSL_get_verify_result(s) == X509_V_OK);
    CHECK(transfer(c, s, "anon", 4));
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* A certificate for servers only fails the client purpose check. */
    cctx = client_ctx_with_cert("cn-only-leaf.pem", "cn-only-leaf.key");
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    CHECK(SSL_get_verify_result(s) == X509_V_ERR_INVALID_PURPOSE);
    e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CERTIFICATE_VERIFY_FAILED);
    CHECK(read_failure_reason(c) == SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* The CA names the server lists reach the client. */
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/ec-root.pem", DATA_DIR);
    STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(path);
    CHECK(names != NULL && sk_X509_NAME_num(names) == 1);
    SSL_CTX_set_client_CA_list(sctx, names);
    root = load_cert("rsa-root.pem");
    CHECK(root != NULL && SSL_CTX_add_client_CA(sctx, root) == 1);
    CHECK(sk_X509_NAME_num(SSL_CTX_get_client_CA_list(sctx)) == 2);
    cctx = client_ctx_with_cert("client-leaf.pem", "client-leaf.key");
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    STACK_OF(X509_NAME) *got = SSL_get_client_CA_list(c);
    CHECK(got != NULL && sk_X509_NAME_num(got) == 2);
    if (got != NULL && sk_X509_NAME_num(got) == 2)
        CHECK(X509_NAME_cmp(sk_X509_NAME_value(got, 1), X509_get_subject_name(root)) == 0);
    CHECK(SSL_get_client_CA_list(s) == SSL_CTX_get_client_CA_list(sctx));
    X509_free(root);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);

    /* A server that does not ask gets no certificate even from a client that has one. */
    SSL_CTX_set_verify(sctx, SSL_VERIFY_NONE, NULL);
    cctx = client_ctx_with_cert("client-leaf.pem", "client-leaf.key");
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    none = SSL_get1_peer_certificate(s);
    CHECK(none == NULL);
    X509_free(none);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

/* The server's ALPN preference, and what the callback is told to answer. */
static const unsigned char server_protos[] = "\x02h2\x08http/1.1";
static int alpn_answer;
static int alpn_calls;
static int alpn_select(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)ssl;
    alpn_calls++;
    CHECK(arg == &alpn_answer);
    if (alpn_answer != SSL_TLSEXT_ERR_OK)
        return alpn_answer;
    unsigned char *o;
    if (SSL_select_next_proto(&o, outlen, server_protos, sizeof(server_protos) - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = o;
    return SSL_TLSEXT_ERR_OK;
}

static void select_next_proto(void)
{
    static const unsigned char client[] = "\x03" "foo\x08" "http/1.1\x02" "h2";
    static const unsigned char other[] = "\x03" "bar\x03" "baz";
    unsigned char *out = NULL, len = 0;
    /* Server order wins; out points into the server's list. */
    CHECK(SSL_select_next_proto(&out, &len, server_protos, sizeof(server_protos) - 1, client,
                                sizeof(client) - 1) == OPENSSL_NPN_NEGOTIATED);
    CHECK(out == server_protos + 1 && len == 2);
    /* No overlap: the client's first protocol. */
    CHECK(SSL_select_next_proto(&out, &len, server_protos, sizeof(server_protos) - 1, other,
                                sizeof(other) - 1) == OPENSSL_NPN_NO_OVERLAP);
    CHECK(out == other + 1 && len == 3);
}

/* ALPN: the client's offer, the server callback's choice, and its refusals. */
static void alpn(void)
{
    static const unsigned char offer[] = "\x08http/1.1\x02h2";
    select_next_proto();
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    /* 0 is success here; a malformed list fails with 1. */
    CHECK(SSL_CTX_set_alpn_protos(cctx, offer, sizeof(offer) - 1) == 0);
    CHECK(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x05h2", 3) == 1);
    ERR_clear_error();
    SSL_CTX_set_alpn_select_cb(sctx, alpn_select, &alpn_answer);
    SSL *c, *s;
    const unsigned char *sel;
    unsigned int sel_len;

    alpn_answer = SSL_TLSEXT_ERR_OK;
    connect_pair(cctx, sctx, 17000, &c, &s);
    SSL_get0_alpn_selected(c, &sel, &sel_len);
    CHECK(sel == NULL && sel_len == 0);
    CHECK(handshake(c, s));
    CHECK(alpn_calls == 1);
    SSL_get0_alpn_selected(c, &sel, &sel_len);
    CHECK(sel_len == 2 && sel != NULL && memcmp(sel, "h2", 2) == 0);
    SSL_get0_alpn_selected(s, &sel, &sel_len);
    CHECK(sel_len == 2 && sel != NULL && memcmp(sel, "h2", 2) == 0);
    SSL_free(c);
    SSL_free(s);

    /* SSL_set_alpn_protos overrides the context's list for one connection. */
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set_alpn_protos(c, (const unsigned char *)"\x08http/1.1", 9) == 0);
    CHECK(handshake(c, s));
    SSL_get0_alpn_selected(c, &sel, &sel_len);
    CHECK(sel_len == 8 && sel != NULL && memcmp(sel, "http/1.1", 8) == 0);
    SSL_free(c);
    SSL_free(s);

    /* NOACK: no protocol, the handshake goes on. */
    alpn_answer = SSL_TLSEXT_ERR_NOACK;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    SSL_get0_alpn_selected(c, &sel, &sel_len);
    CHECK(sel == NULL && sel_len == 0);
    SSL_free(c);
    SSL_free(s);

    /* ALERT_FATAL: no_application_protocol. */
    alpn_answer = SSL_TLSEXT_ERR_ALERT_FATAL;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_NO_APPLICATION_PROTOCOL);
    CHECK(read_failure_reason(c) == SSL_R_TLSV1_ALERT_NO_APPLICATION_PROTOCOL);
    SSL_free(c);
    SSL_free(s);

    /* A client that offers nothing: the callback is not called. */
    alpn_calls = 0;
    CHECK(SSL_CTX_set_alpn_protos(cctx, NULL, 0) == 0);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(alpn_calls == 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

/* SNI: the callback's argument, and the context it switches to for "www.example.test". */
typedef struct {
    SSL_CTX *rsa_ctx;
    int calls;
    int answer;
    char seen[64];
} sni_state;

static int sni_callback(SSL *s, int *al, void *arg)
{
    sni_state *st = arg;
    st->calls++;
    CHECK(al != NULL && *al == SSL_AD_UNRECOGNIZED_NAME);
    const char *name = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);
    snprintf(st->seen, sizeof(st->seen), "%s", name != NULL ? name : "(none)");
    if (st->answer != SSL_TLSEXT_ERR_OK)
        return st->answer;
    if (name != NULL && strcmp(name, "www.example.test") == 0)
        CHECK(SSL_set_SSL_CTX(s, st->rsa_ctx) == st->rsa_ctx);
    return SSL_TLSEXT_ERR_OK;
}

/* Whether the client was shown the certificate in file name. */
static int peer_is(SSL *c, const char *name)
{
    X509 *want = load_cert(name);
    X509 *got = SSL_get1_peer_certificate(c);
    int same = want != NULL && got != NULL && X509_cmp(want, got) == 0;
    X509_free(want);
    X509_free(got);
    return same;
}

static void server_name(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *rctx = server_ctx(&rsa_set);
    sni_state st = {rctx, 0, SSL_TLSEXT_ERR_OK, ""};
    CHECK(SSL_CTX_set_tlsext_servername_callback(sctx, sni_callback) == 1);
    CHECK(SSL_CTX_set_tlsext_servername_arg(sctx, &st) == 1);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    X509 *root = load_cert(rsa_set.root);
    CHECK(root != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(cctx), root) == 1);
    X509_free(root);
    SSL *c, *s;

    /* The name selects the RSA context's certificate. */
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set_tlsext_host_name(c, "www.example.test") == 1);
    CHECK(SSL_set1_host(c, "www.example.test") == 1);
    CHECK(handshake(c, s));
    CHECK(st.calls == 1 && strcmp(st.seen, "www.example.test") == 0);
    CHECK(SSL_get_SSL_CTX(s) == rctx);
    const char *got = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);
    CHECK(got != NULL && strcmp(got, "www.example.test") == 0);
    got = SSL_get_servername(c, TLSEXT_NAMETYPE_host_name);
    CHECK(got != NULL && strcmp(got, "www.example.test") == 0);
    CHECK(peer_is(c, rsa_set.leaf));
    CHECK(transfer(c, s, "sni", 3));
    SSL_free(c);
    SSL_free(s);

    /* Another name stays on the first context. */
    connect_pair(cctx, sctx, SMALL, &c, &s);
    CHECK(SSL_set_tlsext_host_name(c, "ec.example.test") == 1);
    CHECK(handshake(c, s));
    CHECK(st.calls == 2 && strcmp(st.seen, "ec.example.test") == 0);
    CHECK(SSL_get_SSL_CTX(s) == sctx);
    CHECK(peer_is(c, ec_set.leaf));
    SSL_free(c);
    SSL_free(s);

    /* No name: the callback still runs, and sees none. */
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(st.calls == 3 && strcmp(st.seen, "(none)") == 0);
    CHECK(SSL_get_servername(s, TLSEXT_NAMETYPE_host_name) == NULL);
    SSL_free(c);
    SSL_free(s);

    /* A fatal answer: unrecognized_name (the callback left *al alone). */
    st.answer = SSL_TLSEXT_ERR_ALERT_FATAL;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set_tlsext_host_name(c, "unknown.example.test") == 1);
    CHECK(!handshake(c, s));
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_CALLBACK_FAILED);
    CHECK(read_failure_reason(c) == SSL_R_TLSV1_UNRECOGNIZED_NAME);
    SSL_free(c);
    SSL_free(s);

    /* NOACK: the handshake goes on. */
    st.answer = SSL_TLSEXT_ERR_NOACK;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set_tlsext_host_name(c, "www.example.test") == 1);
    CHECK(handshake(c, s));
    CHECK(peer_is(c, ec_set.leaf));
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(rctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

/* One handshake; the group both sides report (0 when it failed). */
static long group_of(SSL_CTX *cctx, SSL_CTX *sctx, const char *client_list)
{
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    if (client_list != NULL)
        CHECK(SSL_set1_groups_list(c, client_list) == 1);
    long g = 0;
    if (handshake(c, s)) {
        g = SSL_get_negotiated_group(c);
        CHECK(SSL_get_negotiated_group(s) == g);
        CHECK(transfer(c, s, "g", 1));
    }
    ERR_clear_error(); /* a stale error would make SSL_get_error misreport the next */
    SSL_free(c);
    SSL_free(s);
    return g;
}

/* SSL_CTX_set1_groups_list / SSL_set1_groups_list: the names OpenSSL 3.0
   takes, the lists it refuses, and what the handshake then agrees on. */
static void groups(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256:P-384") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, "prime256v1:secp384r1:x25519") == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, "secp256r1:X25519:X448") == 1);
    ERR_clear_error();
    CHECK(SSL_CTX_set1_groups_list(cctx, "bogus") == 0);
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL);
    ERR_clear_error();
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:bogus") == 0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "p-256") == 0);
    /* One group twice, under two spellings, or an empty element: refused. */
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256:prime256v1") == 0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:X25519") == 0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "") == 0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:") == 0);
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519::P-256") == 0);
    int nids[] = {NID_secp384r1, NID_X25519};
    CHECK(SSL_CTX_set1_groups(cctx, nids, 2) == 1);
    int bad[] = {NID_sha256};
    CHECK(SSL_CTX_set1_groups(cctx, bad, 1) == 0);
    ERR_clear_error();
    SSL_CTX_free(cctx);

    /* Defaults: X25519. */
    cctx = client_ctx(ec_set.root);
    CHECK(group_of(cctx, sctx, NULL) == NID_X25519);
    /* The client's first group gets the share, and the server takes it. */
    CHECK(group_of(cctx, sctx, "P-256:X25519") == NID_X9_62_prime256v1);
    CHECK(group_of(cctx, sctx, "secp384r1") == NID_secp384r1);
    /* A server limited to P-384 asks for it (HelloRetryRequest). */
    CHECK(SSL_CTX_set1_groups_list(sctx, "P-384") == 1);
    CHECK(group_of(cctx, sctx, NULL) == NID_secp384r1);
    /* The HelloRetryRequest names the server's first group the client also
       offers; a share the client sent for any of its groups is taken. */
    CHECK(SSL_CTX_set1_groups_list(sctx, "P-384:P-256") == 1);
    CHECK(group_of(cctx, sctx, "X25519:P-256:P-384") == NID_secp384r1);
    CHECK(group_of(cctx, sctx, "P-256:P-384") == NID_X9_62_prime256v1);
    /* Nothing in common: handshake_failure. */
    CHECK(group_of(cctx, sctx, "X25519") == 0);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(SSL_set1_groups_list(c, "X25519") == 1);
    CHECK(!handshake(c, s));
    CHECK(read_failure_reason(c) == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    ERR_clear_error();
}

int main(void)
{
    static const char *suites[] = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
                                   "TLS_CHACHA20_POLY1305_SHA256"};
    for (size_t i = 0; i < 3; i++) {
        run(&ec_set, suites[i], 17000);
        run(&rsa_set, suites[i], 17000);
        /* Every BIO call moves one byte: each step resumes after WANT_*. */
        run(&ec_set, suites[i], SMALL);
        run(&rsa_set, suites[i], SMALL);
    }
    matrix();
    /* Ed25519 certificates too. */
    run(&ed_set, suites[0], 17000);
    run(&ed_set, suites[1], SMALL);
    verify_failures();
    suite_choice();
    before_handshake();
    tampered_flight();
    mutual_tls();
    alpn();
    server_name();
    groups();
    return test_summary();
}
