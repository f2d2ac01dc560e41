/*
 * TLS 1.2 handshakes in memory, written against the OpenSSL API only (and
 * run against OpenSSL too): every ECDHE AEAD suite over X25519 and P-256
 * with the certificate its authentication needs, over roomy and one-byte
 * BIO pairs; what the connection then reports (version, cipher names,
 * group, Finished, exporter, key log, info callback states); version
 * negotiation across min/max bounds on both sides; TLSv1_2_method; mutual
 * TLS; ALPN and SNI.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

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
static const cert_set rsa_set = {"rsa-leaf.pem", "rsa-leaf.key", "rsa-int.pem", "rsa-root.pem",
                                 "www.example.test"};

static SSL_CTX *server_ctx_m(const SSL_METHOD *m, const cert_set *cs)
{
    char path[512];
    SSL_CTX *ctx = SSL_CTX_new(m);
    CHECK(ctx != NULL);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, cs->leaf);
    CHECK(SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, cs->key);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    X509 *in = load_cert(cs->intermediate);
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    /* No tickets: mintls issues none, and the runs stay comparable. */
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    return ctx;
}

static SSL_CTX *server_ctx(const cert_set *cs)
{
    return server_ctx_m(TLS_server_method(), cs);
}

static SSL_CTX *client_ctx_m(const SSL_METHOD *m, const char *root)
{
    SSL_CTX *ctx = SSL_CTX_new(m);
    CHECK(ctx != NULL);
    X509 *r = load_cert(root);
    CHECK(r != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) == 1);
    X509_free(r);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

static SSL_CTX *client_ctx(const char *root)
{
    return client_ctx_m(TLS_client_method(), root);
}

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

static int handshake(SSL *c, SSL *s)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 200000 && !(cdone && sdone); i++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            if (r == 1)
                cdone = 1;
            else if (!wants_io(c, r))
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
    int cr = -1, sr = -1;
    for (int i = 0; i < 100000 && !(cr == 0 && sr == 0); i++) {
        if (cr < 0 && (cr = SSL_shutdown(c)) < 0 && !wants_io(c, cr))
            break;
        if (sr != 0 && (sr = SSL_read(s, b, sizeof(b))) < 0 && !wants_io(s, sr))
            break;
    }
    CHECK(cr == 0);
    CHECK(sr == 0 && SSL_get_error(s, sr) == SSL_ERROR_ZERO_RETURN);
    cr = sr = -1;
    for (int i = 0; i < 100000 && !(cr == 1 && sr == 1); i++) {
        if (sr < 0 && (sr = SSL_shutdown(s)) < 0 && !wants_io(s, sr))
            break;
        if (cr < 0 && (cr = SSL_shutdown(c)) < 0 && !wants_io(c, cr))
            break;
    }
    CHECK(sr == 1 && cr == 1);
    ERR_clear_error();
}

/* ---- key log and info callback --------------------------------------------- */

static char keylog_line[512];
static int keylog_count;

static void keylog_cb(const SSL *ssl, const char *line)
{
    (void)ssl;
    keylog_count++;
    snprintf(keylog_line, sizeof(keylog_line), "%s", line);
}

#define MAX_STATES 64
static int states[MAX_STATES], n_states;

static void info_cb(const SSL *ssl, int where, int ret)
{
    (void)ret;
    if ((where & SSL_CB_LOOP) && n_states < MAX_STATES)
        states[n_states++] = SSL_get_state(ssl);
}

static int saw_state(int st)
{
    for (int i = 0; i < n_states; i++)
        if (states[i] == st)
            return 1;
    return 0;
}

/* Position of st in the recorded states, or -1. */
static int state_pos(int st)
{
    for (int i = 0; i < n_states; i++)
        if (states[i] == st)
            return i;
    return -1;
}

/* ---- every suite x group x certificate ------------------------------------------ */

typedef struct {
    const char *name, *rfc;
    int bits;
    const cert_set *cs;
} suite_case;

static const suite_case suites[] = {
    {"ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 128, &ec_set},
    {"ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 256, &ec_set},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 256,
     &ec_set},
    {"ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 128, &rsa_set},
    {"ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 256, &rsa_set},
    {"ECDHE-RSA-CHACHA20-POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 256, &rsa_set},
};

static void run_suite(const suite_case *sc, const char *group, int nid, size_t bufsize)
{
    SSL_CTX *sctx = server_ctx(sc->cs);
    SSL_CTX *cctx = client_ctx(sc->cs->root);
    /* The client offers 1.2 and 1.3; the server speaks 1.2 only. */
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    CHECK(SSL_CTX_set_cipher_list(cctx, sc->name) == 1);
    CHECK(SSL_CTX_set1_groups_list(cctx, group) == 1);
    SSL_CTX_set_keylog_callback(cctx, keylog_cb);
    SSL_CTX_set_info_callback(cctx, info_cb);
    keylog_count = 0;
    n_states = 0;
    SSL *c, *s;
    connect_pair(cctx, sctx, bufsize, &c, &s);
    CHECK(SSL_set1_host(c, sc->cs->host) == 1);
    CHECK(SSL_set_tlsext_host_name(c, sc->cs->host) == 1);
    int ok = handshake(c, s);
    CHECK(ok);
    if (!ok) {
        fprintf(stderr, "  handshake failed: %s %s\n", sc->name, group);
        ERR_print_errors_fp(stderr);
    }
    CHECK(SSL_version(c) == TLS1_2_VERSION && SSL_version(s) == TLS1_2_VERSION);
    CHECK(strcmp(SSL_get_version(c), "TLSv1.2") == 0);
    CHECK(strcmp(SSL_get_version(s), "TLSv1.2") == 0);
    const SSL_CIPHER *cc = SSL_get_current_cipher(c), *scph = SSL_get_current_cipher(s);
    CHECK(cc != NULL && scph != NULL);
    if (cc != NULL && scph != NULL) {
        CHECK(strcmp(SSL_CIPHER_get_name(cc), sc->name) == 0);
        CHECK(strcmp(SSL_CIPHER_get_name(scph), sc->name) == 0);
        CHECK(strcmp(SSL_CIPHER_standard_name(cc), sc->rfc) == 0);
        CHECK(strcmp(SSL_CIPHER_get_version(cc), "TLSv1.2") == 0);
        CHECK(SSL_CIPHER_get_bits(cc, NULL) == sc->bits);
    }
    CHECK(SSL_get_negotiated_group(c) == nid);
    CHECK(SSL_get_negotiated_group(s) == nid);
    CHECK(SSL_get_verify_result(c) == X509_V_OK);
    const char *sni = SSL_get_servername(s, TLSEXT_NAMETYPE_host_name);
    CHECK(sni != NULL && strcmp(sni, sc->cs->host) == 0);
    /* Finished: each side's own is the other's peer's. */
    unsigned char f1[64], f2[64];
    size_t n1 = SSL_get_finished(c, f1, sizeof(f1)), n2 = SSL_get_peer_finished(s, f2, sizeof(f2));
    CHECK(n1 == 12 && n2 == 12 && memcmp(f1, f2, 12) == 0);
    n1 = SSL_get_finished(s, f1, sizeof(f1));
    n2 = SSL_get_peer_finished(c, f2, sizeof(f2));
    CHECK(n1 == 12 && n2 == 12 && memcmp(f1, f2, 12) == 0);
    /* RFC 5705 exporter: both sides agree, context or not. */
    unsigned char e1[40], e2[40], e3[40];
    CHECK(SSL_export_keying_material(c, e1, sizeof(e1), "EXPERIMENTAL test", 17,
                                     (const unsigned char *)"ctx", 3, 1) == 1);
    CHECK(SSL_export_keying_material(s, e2, sizeof(e2), "EXPERIMENTAL test", 17,
                                     (const unsigned char *)"ctx", 3, 1) == 1);
    CHECK(memcmp(e1, e2, sizeof(e1)) == 0);
    CHECK(SSL_export_keying_material(c, e3, sizeof(e3), "EXPERIMENTAL test", 17, NULL, 0, 0) == 1);
    CHECK(memcmp(e1, e3, sizeof(e1)) != 0);
    /* Key log: one NSS line with the client random and the master secret. */
    CHECK(keylog_count == 1);
    CHECK(strncmp(keylog_line, "CLIENT_RANDOM ", 14) == 0 && strlen(keylog_line) == 14 + 64 + 1 + 96);
    unsigned char cr[32];
    char hex[65];
    CHECK(SSL_get_client_random(c, cr, sizeof(cr)) == 32);
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", cr[i]);
    CHECK(strncmp(keylog_line + 14, hex, 64) == 0);
    /* The client's states, in OpenSSL's order. */
    static const int order[] = {TLS_ST_CW_CLNT_HELLO, TLS_ST_CR_SRVR_HELLO, TLS_ST_CR_CERT,
                                TLS_ST_CR_KEY_EXCH, TLS_ST_CR_SRVR_DONE, TLS_ST_CW_KEY_EXCH,
                                TLS_ST_CW_CHANGE, TLS_ST_CW_FINISHED, TLS_ST_CR_CHANGE,
                                TLS_ST_CR_FINISHED};
    int last = -1;
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        int p = state_pos(order[i]);
        CHECK(p > last);
        if (p <= last)
            fprintf(stderr, "  state %d out of order (%s)\n", order[i], sc->name);
        last = p;
    }
    CHECK(!saw_state(TLS_ST_CR_ENCRYPTED_EXTENSIONS));
    CHECK(transfer(c, s, "ping over tls 1.2", 17));
    static char big[40000];
    memset(big, 'z', sizeof(big));
    CHECK(transfer(s, c, big, sizeof(big)));
    close_both(c, s);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void all_suites(void)
{
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        /* An ECDSA certificate's curve must be among the client's groups
           (RFC 8422 5.1): X25519 first, P-256 for the certificate. */
        run_suite(&suites[i], suites[i].cs == &ec_set ? "X25519:P-256" : "X25519", NID_X25519,
                  17000);
        run_suite(&suites[i], "P-256", NID_X9_62_prime256v1, 17000);
    }
    /* Every WANT_READ / WANT_WRITE path: one byte at a time. */
    run_suite(&suites[0], "X25519:P-256", NID_X25519, 1);
    run_suite(&suites[5], "P-256", NID_X9_62_prime256v1, 1);
}

/* A server whose only certificate is RSA and a client offering only
   ECDSA suites: no shared cipher, handshake_failure. */
static void no_shared_suite(void)
{
    SSL_CTX *sctx = server_ctx(&rsa_set);
    SSL_CTX *cctx = client_ctx(rsa_set.root);
    CHECK(SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION) == 1);
    CHECK(SSL_CTX_set_cipher_list(cctx, "ECDHE-ECDSA-AES128-GCM-SHA256") == 1);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_REASON(e) == SSL_R_NO_SHARED_CIPHER);
    ERR_clear_error();
    char b[4];
    CHECK(SSL_read(c, b, sizeof(b)) <= 0);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- version negotiation --------------------------------------------------------- */

static void versions(void)
{
    static const int bounds[][2] = {
        {TLS1_2_VERSION, TLS1_2_VERSION}, {TLS1_2_VERSION, TLS1_3_VERSION},
        {TLS1_3_VERSION, TLS1_3_VERSION}, {0, 0}, {0, TLS1_2_VERSION}};
    size_t nb = sizeof(bounds) / sizeof(bounds[0]);
    for (size_t ci = 0; ci < nb; ci++)
        for (size_t si = 0; si < nb; si++) {
            SSL_CTX *sctx = server_ctx(&ec_set);
            SSL_CTX *cctx = client_ctx(ec_set.root);
            CHECK(SSL_CTX_set_min_proto_version(cctx, bounds[ci][0]) == 1);
            CHECK(SSL_CTX_set_max_proto_version(cctx, bounds[ci][1]) == 1);
            CHECK(SSL_CTX_set_min_proto_version(sctx, bounds[si][0]) == 1);
            CHECK(SSL_CTX_set_max_proto_version(sctx, bounds[si][1]) == 1);
            int cmax = bounds[ci][1] ? bounds[ci][1] : TLS1_3_VERSION;
            int smax = bounds[si][1] ? bounds[si][1] : TLS1_3_VERSION;
            int cmin = bounds[ci][0] ? bounds[ci][0] : TLS1_2_VERSION;
            int smin = bounds[si][0] ? bounds[si][0] : TLS1_2_VERSION;
            int want = cmax < smax ? cmax : smax;
            if (want < cmin || want < smin)
                want = 0;
            SSL *c, *s;
            connect_pair(cctx, sctx, 17000, &c, &s);
            int ok = handshake(c, s);
            CHECK(ok == (want != 0));
            if (ok) {
                CHECK(SSL_version(c) == want && SSL_version(s) == want);
                CHECK(transfer(c, s, "v", 1));
            } else {
                /* The server refuses with protocol_version. */
                unsigned long e = ERR_peek_error();
                CHECK(ERR_GET_REASON(e) == SSL_R_UNSUPPORTED_PROTOCOL);
            }
            if (ok != (want != 0))
                fprintf(stderr, "  versions: client %x-%x server %x-%x\n", bounds[ci][0],
                        bounds[ci][1], bounds[si][0], bounds[si][1]);
            ERR_clear_error();
            SSL_free(c);
            SSL_free(s);
            SSL_CTX_free(cctx);
            SSL_CTX_free(sctx);
        }
    /* SSL_OP_NO_TLSv1_3 on the server: TLS 1.2. */
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    SSL_CTX_set_options(sctx, SSL_OP_NO_TLSv1_3);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(SSL_version(c) == TLS1_2_VERSION);
    SSL_free(c);
    SSL_free(s);
    /* SSL_OP_NO_TLSv1_2 on the client, a TLS 1.2-only server: no common version. */
    SSL_CTX_clear_options(sctx, SSL_OP_NO_TLSv1_3);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    SSL_CTX_set_options(cctx, SSL_OP_NO_TLSv1_2);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* TLSv1_2_method and friends pin the version. */
static void fixed_methods(void)
{
    SSL_CTX *sctx = server_ctx_m(TLSv1_2_server_method(), &rsa_set);
    SSL_CTX *cctx = client_ctx_m(TLSv1_2_client_method(), rsa_set.root);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(strcmp(SSL_get_version(c), "TLSv1.2") == 0);
    CHECK(handshake(c, s));
    CHECK(SSL_version(c) == TLS1_2_VERSION && SSL_version(s) == TLS1_2_VERSION);
    CHECK(transfer(s, c, "fixed", 5));
    close_both(c, s);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    /* A TLS 1.3-only client against it: protocol_version. */
    cctx = client_ctx(rsa_set.root);
    CHECK(SSL_CTX_set_min_proto_version(cctx, TLS1_3_VERSION) == 1);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    /* TLSv1_2_method on both sides. */
    sctx = server_ctx_m(TLSv1_2_method(), &ec_set);
    cctx = client_ctx_m(TLSv1_2_method(), ec_set.root);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(SSL_version(s) == TLS1_2_VERSION);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- mutual TLS, ALPN ------------------------------------------------------------- */

static SSL_CTX *client_ctx_with_cert(void)
{
    char path[512];
    SSL_CTX *ctx = client_ctx(ec_set.root);
    snprintf(path, sizeof(path), "%s/x509/client-leaf.pem", DATA_DIR);
    CHECK(SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/client-leaf.key", DATA_DIR);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    X509 *in = load_cert("rsa-int.pem");
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    CHECK(SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION) == 1);
    return ctx;
}

static void mutual_tls(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    X509 *root = load_cert("rsa-root.pem");
    CHECK(root != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), root) == 1);
    CHECK(SSL_CTX_add_client_CA(sctx, root) == 1);
    X509_free(root);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX *cctx = client_ctx_with_cert();
    SSL_CTX_set_info_callback(sctx, info_cb);
    for (int small = 0; small < 2; small++) {
        SSL *c, *s;
        n_states = 0;
        connect_pair(cctx, sctx, small ? 1 : 17000, &c, &s);
        CHECK(handshake(c, s));
        CHECK(SSL_version(s) == TLS1_2_VERSION);
        X509 *peer = SSL_get1_peer_certificate(s);
        char cn[64] = "";
        if (peer != NULL)
            X509_NAME_get_text_by_NID(X509_get_subject_name(peer), NID_commonName, cn, sizeof(cn));
        CHECK(strcmp(cn, "client.example.test") == 0);
        X509_free(peer);
        CHECK(SSL_get_verify_result(s) == X509_V_OK);
        STACK_OF(X509_NAME) *got = SSL_get_client_CA_list(c);
        CHECK(got != NULL && sk_X509_NAME_num(got) == 1);
        /* The server's states, in OpenSSL's order. */
        static const int order[] = {TLS_ST_SR_CLNT_HELLO, TLS_ST_SW_SRVR_HELLO, TLS_ST_SW_CERT,
                                    TLS_ST_SW_KEY_EXCH, TLS_ST_SW_CERT_REQ, TLS_ST_SW_SRVR_DONE,
                                    TLS_ST_SR_CERT, TLS_ST_SR_KEY_EXCH, TLS_ST_SR_CERT_VRFY,
                                    TLS_ST_SR_CHANGE, TLS_ST_SR_FINISHED, TLS_ST_SW_CHANGE,
                                    TLS_ST_SW_FINISHED};
        int last = -1;
        for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
            int p = state_pos(order[i]);
            CHECK(p > last);
            if (p <= last)
                fprintf(stderr, "  server state %d out of order\n", order[i]);
            last = p;
        }
        CHECK(transfer(c, s, "mutual", 6));
        close_both(c, s);
        SSL_free(c);
        SSL_free(s);
    }
    SSL_CTX_set_info_callback(sctx, NULL);
    SSL_CTX_free(cctx);
    /* No certificate while one is mandatory: the server fails with
       handshake_failure. */
    cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION) == 1);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    unsigned long e = ERR_peek_error();
    CHECK(ERR_GET_REASON(e) == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
    ERR_clear_error();
    char b[4];
    CHECK(SSL_read(c, b, sizeof(b)) <= 0);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    /* Only SSL_VERIFY_PEER: goes on without one. */
    connect_pair(cctx, sctx, 17000, &c, &s);
    SSL_set_verify(s, SSL_VERIFY_PEER, NULL);
    CHECK(handshake(c, s));
    CHECK(SSL_get0_peer_certificate(s) == NULL);
    CHECK(transfer(c, s, "anon", 4));
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static int alpn_select(SSL *s, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    (void)s, (void)arg;
    static const unsigned char ours[] = "\x08http/1.1\x02h2";
    unsigned char *o = NULL;
    if (SSL_select_next_proto(&o, outlen, ours, sizeof(ours) - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = o;
    return SSL_TLSEXT_ERR_OK;
}

static void alpn(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    SSL_CTX_set_alpn_select_cb(sctx, alpn_select, NULL);
    CHECK(SSL_CTX_set_alpn_protos(cctx, (const unsigned char *)"\x02h2\x08http/1.1", 12) == 0);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    const unsigned char *p = NULL;
    unsigned int len = 0;
    SSL_get0_alpn_selected(c, &p, &len);
    CHECK(len == 8 && p != NULL && memcmp(p, "http/1.1", 8) == 0);
    SSL_get0_alpn_selected(s, &p, &len);
    CHECK(len == 8 && p != NULL && memcmp(p, "http/1.1", 8) == 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- downgrade protection ------------------------------------------------------ */

static size_t drain(BIO *b, unsigned char *buf, size_t cap)
{
    int n = BIO_read(b, buf, (int)cap);
    return n > 0 ? (size_t)n : 0;
}

/*
 * A man in the middle strips TLS 1.3 from the ClientHello's
 * supported_versions: the TLS 1.3-capable server answers with TLS 1.2 and
 * the sentinel in ServerHello.random, and the client, which offered 1.3,
 * refuses (RFC 8446 4.1.3).
 */
static void downgrade_sentinel(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    /* A known supported_versions list: 1.3 and 1.2. */
    CHECK(SSL_CTX_set_min_proto_version(cctx, TLS1_2_VERSION) == 1);
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    BIO *c_in = BIO_new(BIO_s_mem()), *c_out = BIO_new(BIO_s_mem());
    BIO *s_in = BIO_new(BIO_s_mem()), *s_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(c_in, -1);
    BIO_set_mem_eof_return(s_in, -1);
    SSL_set_bio(c, c_in, c_out);
    SSL_set_bio(s, s_in, s_out);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    static unsigned char buf[20000];
    CHECK(SSL_do_handshake(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_WANT_READ);
    size_t n = drain(c_out, buf, sizeof(buf));
    static const unsigned char versions[] = {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03};
    size_t at = 0;
    while (at + sizeof(versions) <= n && memcmp(buf + at, versions, sizeof(versions)) != 0)
        at++;
    CHECK(at + sizeof(versions) <= n);
    if (at + sizeof(versions) <= n)
        buf[at + 6] = 0x03; /* 03 04 -> 03 03 */
    BIO_write(s_in, buf, (int)n);
    int r = SSL_do_handshake(s);
    CHECK(r == -1 && SSL_get_error(s, r) == SSL_ERROR_WANT_READ);
    n = drain(s_out, buf, sizeof(buf));
    /* record header, handshake header, version, then the random */
    CHECK(n > 43 && buf[5] == 2 && memcmp(buf + 35, "DOWNGRD\x01", 8) == 0);
    BIO_write(c_in, buf, (int)n);
    r = SSL_do_handshake(c);
    CHECK(r == -1 && SSL_get_error(c, r) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_INAPPROPRIATE_FALLBACK);
    ERR_clear_error();
    n = drain(c_out, buf, sizeof(buf));
    /* illegal_parameter, in the clear */
    CHECK(n == 7 && buf[0] == 21 && buf[5] == 2 && buf[6] == 47);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* RFC 7507: a client that falls back to 1.2 and says so is refused by a
   server that speaks 1.3, and served by one that does not. */
static void fallback_scsv(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set_max_proto_version(cctx, TLS1_2_VERSION) == 1);
    SSL_CTX_set_mode(cctx, SSL_MODE_SEND_FALLBACK_SCSV);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(!handshake(c, s));
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_INAPPROPRIATE_FALLBACK);
    ERR_clear_error();
    char b[4];
    CHECK(SSL_read(c, b, sizeof(b)) <= 0);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_TLSV1_ALERT_INAPPROPRIATE_FALLBACK);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(SSL_version(c) == TLS1_2_VERSION);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* SSL_clear after a TLS 1.2 connection: the same objects connect again. */
static void clear_and_again(void)
{
    SSL_CTX *sctx = server_ctx(&ec_set);
    SSL_CTX *cctx = client_ctx(ec_set.root);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    SSL *c, *s;
    connect_pair(cctx, sctx, 17000, &c, &s);
    CHECK(handshake(c, s));
    CHECK(SSL_version(c) == TLS1_2_VERSION);
    close_both(c, s);
    for (int round = 0; round < 2; round++) {
        CHECK(SSL_clear(c) == 1 && SSL_clear(s) == 1);
        BIO *bc, *bs;
        CHECK(BIO_new_bio_pair(&bc, 17000, &bs, 17000) == 1);
        SSL_set_bio(c, bc, bc);
        SSL_set_bio(s, bs, bs);
        /* The second round: the server speaks 1.3 again. */
        if (round == 1)
            CHECK(SSL_set_max_proto_version(s, TLS1_3_VERSION) == 1);
        CHECK(handshake(c, s));
        CHECK(SSL_version(c) == (round == 0 ? TLS1_2_VERSION : TLS1_3_VERSION));
        CHECK(transfer(c, s, "again", 5));
        close_both(c, s);
    }
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    all_suites();
    no_shared_suite();
    versions();
    fixed_methods();
    mutual_tls();
    alpn();
    downgrade_sentinel();
    fallback_scsv();
    clear_and_again();
    return test_summary();
}
