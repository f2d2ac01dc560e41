/*
 * The observers and knobs around a TLS 1.3 handshake, written against the
 * OpenSSL API only and run against OpenSSL too: the info callback and
 * SSL_state_string(_long), NSS key log lines, SSL_export_keying_material,
 * the client certificate callback (including WANT_X509_LOOKUP), cipher
 * lists and suites, the session a handshake leaves and the session-cache
 * settings and counters, alert names.
 */
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "tls_fixture.h"

/* ---- the info callback ------------------------------------------------------------ */

#define MAX_EVENTS 128
typedef struct {
    int where, ret;
    char state[64];
} event;
static event client_events[MAX_EVENTS], server_events[MAX_EVENTS];
static int n_client_events, n_server_events;

static void record_info(const SSL *s, int where, int ret)
{
    event *ev = SSL_is_server(s) ? server_events : client_events;
    int *n = SSL_is_server(s) ? &n_server_events : &n_client_events;
    if (*n >= MAX_EVENTS)
        return;
    ev[*n].where = where;
    ev[*n].ret = ret;
    snprintf(ev[*n].state, sizeof(ev[*n].state), "%s", SSL_state_string_long(s));
    (*n)++;
}

/* Whether the LOOP events contain states[] in this order (others may come between). */
static int loop_states_in_order(const event *ev, int n, int loop, const char *const *states,
                                size_t count)
{
    size_t next = 0;
    for (int i = 0; i < n && next < count; i++)
        if (ev[i].where == loop && strcmp(ev[i].state, states[next]) == 0)
            next++;
    if (next < count && getenv("TEST_DEBUG"))
        fprintf(stderr, "missing state: %s\n", states[next]);
    return next == count;
}

static int find_event(const event *ev, int n, int where, int ret)
{
    for (int i = 0; i < n; i++)
        if (ev[i].where == where && ev[i].ret == ret)
            return i;
    return -1;
}

static void info_callback(int mutual)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    SSL *c, *s;
    if (mutual) {
        CHECK(fixture_use_client_cert(cctx));
        X509 *root = fixture_cert("rsa-root.pem");
        CHECK(root != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), root) == 1);
        X509_free(root);
        SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    }
    SSL_CTX_set_info_callback(cctx, record_info);
    CHECK(SSL_CTX_get_info_callback(cctx) == record_info);
    fixture_pair(cctx, sctx, &c, &s);
    /* The per-connection setter wins over the context's. */
    SSL_set_info_callback(s, record_info);
    CHECK(SSL_get_info_callback(s) == record_info);
    n_client_events = n_server_events = 0;

    CHECK(SSL_get_state(c) == TLS_ST_BEFORE);
    CHECK(strcmp(SSL_state_string(c), "PINIT") == 0);
    CHECK(strcmp(SSL_state_string_long(c), "before SSL initialization") == 0);
    CHECK(fixture_handshake(c, s));
    CHECK(SSL_get_state(c) == TLS_ST_OK && SSL_get_state(s) == TLS_ST_OK);
    CHECK(strcmp(SSL_state_string(c), "SSLOK") == 0);
    CHECK(strcmp(SSL_state_string_long(s), "SSL negotiation finished successfully") == 0);

    /* Start, then the states, then done, then the call's exit with 1. */
    CHECK(n_client_events > 0 && client_events[0].where == SSL_CB_HANDSHAKE_START);
    CHECK(n_server_events > 0 && server_events[0].where == SSL_CB_HANDSHAKE_START);
    int cdone = find_event(client_events, n_client_events, SSL_CB_HANDSHAKE_DONE, 1);
    int sdone = find_event(server_events, n_server_events, SSL_CB_HANDSHAKE_DONE, 1);
    CHECK(cdone > 0 && sdone > 0);
    CHECK(find_event(client_events, n_client_events, SSL_CB_CONNECT_EXIT, 1) > cdone);
    CHECK(find_event(server_events, n_server_events, SSL_CB_ACCEPT_EXIT, 1) > sdone);
    /* A non-blocking pair makes the first call stop for the peer. */
    CHECK(find_event(client_events, n_client_events, SSL_CB_CONNECT_EXIT, -1) > 0);
    for (int i = 0; i < n_client_events; i++)
        CHECK(!(client_events[i].where & SSL_ST_ACCEPT));
    for (int i = 0; i < n_server_events; i++)
        CHECK(!(server_events[i].where & SSL_ST_CONNECT));

    static const char *const client_plain[] = {
        "before SSL initialization",          "SSLv3/TLS write client hello",
        "SSLv3/TLS read server hello",        "TLSv1.3 read encrypted extensions",
        "SSLv3/TLS read server certificate",  "TLSv1.3 read server certificate verify",
        "SSLv3/TLS read finished",            "SSLv3/TLS write change cipher spec",
        "SSLv3/TLS write finished"};
    static const char *const client_mutual[] = {
        "SSLv3/TLS read server hello",        "TLSv1.3 read encrypted extensions",
        "SSLv3/TLS read server certificate request", "SSLv3/TLS read server certificate",
        "TLSv1.3 read server certificate verify",    "SSLv3/TLS read finished",
        "SSLv3/TLS write change cipher spec",        "SSLv3/TLS write client certificate",
        "SSLv3/TLS write certificate verify",        "SSLv3/TLS write finished"};
    static const char *const server_plain[] = {
        "before SSL initialization",          "SSLv3/TLS read client hello",
        "SSLv3/TLS write server hello",       "SSLv3/TLS write change cipher spec",
        "TLSv1.3 write encrypted extensions", "SSLv3/TLS write certificate",
        "TLSv1.3 write server certificate verify", "SSLv3/TLS write finished",
        "SSLv3/TLS read finished"};
    static const char *const server_mutual[] = {
        "TLSv1.3 write encrypted extensions",  "SSLv3/TLS write certificate request",
        "SSLv3/TLS write certificate",         "TLSv1.3 write server certificate verify",
        "SSLv3/TLS write finished",            "SSLv3/TLS read client certificate",
        "SSLv3/TLS read certificate verify",   "SSLv3/TLS read finished"};
    if (mutual) {
        CHECK(loop_states_in_order(client_events, n_client_events, SSL_CB_CONNECT_LOOP,
                                   client_mutual, sizeof(client_mutual) / sizeof(char *)));
        CHECK(loop_states_in_order(server_events, n_server_events, SSL_CB_ACCEPT_LOOP,
                                   server_mutual, sizeof(server_mutual) / sizeof(char *)));
    } else {
        CHECK(loop_states_in_order(client_events, n_client_events, SSL_CB_CONNECT_LOOP,
                                   client_plain, sizeof(client_plain) / sizeof(char *)));
        CHECK(loop_states_in_order(server_events, n_server_events, SSL_CB_ACCEPT_LOOP,
                                   server_plain, sizeof(server_plain) / sizeof(char *)));
    }

    /* close_notify: written by the client, read by the server, with its value. */
    fixture_close(c, s);
    CHECK(find_event(client_events, n_client_events, SSL_CB_WRITE_ALERT, 0x100) >= 0);
    CHECK(find_event(server_events, n_server_events, SSL_CB_READ_ALERT, 0x100) >= 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* A failed handshake: the fatal alert reaches both callbacks and the state says "error". */
static void info_on_failure(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    X509_VERIFY_PARAM_set1_host(SSL_CTX_get0_param(cctx), "wrong.example.test", 0);
    SSL_CTX_set_info_callback(cctx, record_info);
    SSL_CTX_set_info_callback(sctx, record_info);
    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    n_client_events = n_server_events = 0;
    CHECK(!fixture_handshake(c, s));
    /* bad_certificate? OpenSSL says so for a host mismatch: fatal (2 << 8) | 42. */
    int w = find_event(client_events, n_client_events, SSL_CB_WRITE_ALERT, 0x200 | 42);
    CHECK(w >= 0);
    CHECK(strcmp(SSL_state_string_long(c), "error") == 0);
    CHECK(strcmp(SSL_state_string(c), "SSLERR") == 0);
    /* The server hears of it when it reads next. */
    char b[4];
    ERR_clear_error();
    CHECK(SSL_read(s, b, sizeof(b)) <= 0);
    CHECK(find_event(server_events, n_server_events, SSL_CB_READ_ALERT, 0x200 | 42) >= 0);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

static void alert_strings(void)
{
    CHECK(strcmp(SSL_alert_type_string(0x100), "W") == 0);
    CHECK(strcmp(SSL_alert_type_string(0x200), "F") == 0);
    CHECK(strcmp(SSL_alert_type_string_long(0x100), "warning") == 0);
    CHECK(strcmp(SSL_alert_type_string_long(0x200), "fatal") == 0);
    CHECK(strcmp(SSL_alert_desc_string(0x100), "CN") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(0x100), "close notify") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(0x200 | 42), "bad certificate") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(0x200 | 40), "handshake failure") == 0);
    CHECK(strcmp(SSL_alert_desc_string_long(0x200 | 51), "decrypt error") == 0);
    CHECK(strcmp(SSL_alert_desc_string(0x200 | 5), "UK") == 0);
}

/* ---- key logging and exporters ------------------------------------------------------ */

#define MAX_LINES 16
static char client_lines[MAX_LINES][256], server_lines[MAX_LINES][256];
static int n_client_lines, n_server_lines;

static void record_keylog(const SSL *s, const char *line)
{
    char(*lines)[256] = SSL_is_server(s) ? server_lines : client_lines;
    int *n = SSL_is_server(s) ? &n_server_lines : &n_client_lines;
    if (*n < MAX_LINES)
        snprintf(lines[(*n)++], 256, "%s", line);
}

static int has_line(char lines[][256], int n, const char *line)
{
    for (int i = 0; i < n; i++)
        if (strcmp(lines[i], line) == 0)
            return 1;
    return 0;
}

static void keylog_and_exporter(const char *suite, size_t secret_hex)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    CHECK(SSL_CTX_set_ciphersuites(cctx, suite) == 1);
    SSL_CTX_set_keylog_callback(cctx, record_keylog);
    SSL_CTX_set_keylog_callback(sctx, record_keylog);
    CHECK(SSL_CTX_get_keylog_callback(cctx) == record_keylog);
    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    n_client_lines = n_server_lines = 0;
    unsigned char out[32];
    ERR_clear_error();
    CHECK(SSL_export_keying_material(c, out, sizeof(out), "EXPERIMENTAL-t", 14, NULL, 0, 0) != 1);
    ERR_clear_error();
    CHECK(fixture_handshake(c, s));

    /* Five secrets, each logged once by both sides with the same value. */
    CHECK(n_client_lines == 5 && n_server_lines == 5);
    unsigned char cr[32], sr[32];
    CHECK(SSL_get_client_random(c, NULL, 0) == 32);
    CHECK(SSL_get_client_random(c, cr, sizeof(cr)) == 32);
    CHECK(SSL_get_client_random(s, sr, sizeof(sr)) == 32 && memcmp(cr, sr, 32) == 0);
    CHECK(SSL_get_server_random(c, cr, sizeof(cr)) == 32);
    CHECK(SSL_get_server_random(s, sr, sizeof(sr)) == 32 && memcmp(cr, sr, 32) == 0);
    SSL_get_client_random(c, cr, sizeof(cr));
    char hex[65];
    for (int i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", cr[i]);
    static const char *const labels[] = {
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
        "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"};
    for (size_t l = 0; l < 5; l++) {
        int found = 0;
        for (int i = 0; i < n_client_lines; i++) {
            size_t ll = strlen(labels[l]);
            const char *line = client_lines[i];
            if (strncmp(line, labels[l], ll) != 0 || line[ll] != ' ')
                continue;
            found++;
            CHECK(strncmp(line + ll + 1, hex, 64) == 0 && line[ll + 65] == ' ');
            CHECK(strlen(line + ll + 66) == secret_hex);
            CHECK(has_line(server_lines, n_server_lines, line));
        }
        CHECK(found == 1);
    }
    /* The two handshake secrets differ, and so do the traffic ones. */
    CHECK(strcmp(client_lines[0] + 32, client_lines[1] + 32) != 0);

    /* Exporters: both ends agree; label and context matter. */
    unsigned char a[32], b[32], x[32];
    CHECK(SSL_export_keying_material(c, a, 32, "EXPERIMENTAL-t", 14, NULL, 0, 0) == 1);
    CHECK(SSL_export_keying_material(s, b, 32, "EXPERIMENTAL-t", 14, NULL, 0, 0) == 1);
    CHECK(memcmp(a, b, 32) == 0);
    CHECK(SSL_export_keying_material(c, x, 32, "EXPERIMENTAL-u", 14, NULL, 0, 0) == 1);
    CHECK(memcmp(a, x, 32) != 0);
    static const unsigned char ctxt[3] = {1, 2, 3};
    CHECK(SSL_export_keying_material(c, a, 32, "EXPERIMENTAL-t", 14, ctxt, 3, 1) == 1);
    CHECK(SSL_export_keying_material(s, b, 32, "EXPERIMENTAL-t", 14, ctxt, 3, 1) == 1);
    CHECK(memcmp(a, b, 32) == 0 && memcmp(a, x, 32) != 0);
    /* TLS 1.3: no context and an empty one are the same (RFC 8446 7.5). */
    CHECK(SSL_export_keying_material(c, a, 32, "EXPERIMENTAL-t", 14, NULL, 0, 0) == 1);
    CHECK(SSL_export_keying_material(c, b, 32, "EXPERIMENTAL-t", 14, ctxt, 0, 1) == 1);
    CHECK(memcmp(a, b, 32) == 0);

    fixture_close(c, s);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- the client certificate callback -------------------------------------------------- */

static int cb_calls, cb_mode;

static int client_cert_cb(SSL *ssl, X509 **x509, EVP_PKEY **pkey)
{
    (void)ssl;
    cb_calls++;
    if (cb_mode == 0)
        return 0;             /* no certificate */
    if (cb_mode == 1 && cb_calls == 1)
        return -1;            /* ask again later */
    char path[512];
    *x509 = fixture_cert("client-leaf.pem");
    snprintf(path, sizeof(path), "%s/x509/client-leaf.key", DATA_DIR);
    BIO *b = BIO_new_file(path, "r");
    *pkey = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return *x509 != NULL && *pkey != NULL;
}

static void client_cert_callback(int mode)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    X509 *root = fixture_cert("rsa-root.pem");
    CHECK(root != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), root) == 1);
    X509_free(root);
    X509 *in = fixture_cert("rsa-int.pem");
    CHECK(in != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(sctx), in) == 1);
    X509_free(in);
    SSL_CTX_set_verify(sctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, NULL);
    SSL_CTX_set_client_cert_cb(cctx, client_cert_cb);
    CHECK(SSL_CTX_get_client_cert_cb(cctx) == client_cert_cb);
    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    cb_calls = 0;
    cb_mode = mode;
    int cdone = 0, sdone = 0, saw_lookup = 0, failed = 0;
    for (int i = 0; i < 1000 && !(cdone && sdone) && !failed; i++) {
        if (!cdone) {
            int r = SSL_do_handshake(c);
            int e = SSL_get_error(c, r);
            if (r == 1)
                cdone = 1;
            else if (e == SSL_ERROR_WANT_X509_LOOKUP)
                saw_lookup = 1;
            else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
                failed = 1;
        } else if (!sdone) {
            char b[1];
            int r = SSL_read(c, b, 1);
            int e = SSL_get_error(c, r);
            if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
                failed = 1;
        }
        if (!sdone) {
            int r = SSL_do_handshake(s);
            int e = SSL_get_error(s, r);
            if (r == 1)
                sdone = 1;
            else if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
                failed = 1;
        }
    }
    ERR_clear_error();
    if (mode == 0) {
        /* No certificate: the server demands one and fails. */
        CHECK(cb_calls == 1);
        CHECK(failed && !sdone);
        CHECK(SSL_get0_peer_certificate(s) == NULL);
    } else {
        CHECK(cdone && sdone && !failed);
        CHECK(cb_calls == (mode == 1 ? 2 : 1));
        CHECK(saw_lookup == (mode == 1));
        X509 *peer = SSL_get0_peer_certificate(s);
        CHECK(peer != NULL);
        X509 *mine = fixture_cert("client-leaf.pem");
        CHECK(mine != NULL && peer != NULL && X509_cmp(peer, mine) == 0);
        X509_free(mine);
        CHECK(SSL_get_verify_result(s) == X509_V_OK);
    }
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- cipher lists and suites ---------------------------------------------------------- */

static int list_reason(int ok)
{
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    return ok ? 0 : (int)ERR_GET_REASON(e);
}

static void cipher_strings(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    static const struct {
        const char *str;
        int ok;
    } lists[] = {
        {"ECDHE-ECDSA-AES128-GCM-SHA256", 1}, {"BOGUS", 0}, {"HIGH", 1}, {"DEFAULT", 1},
        {"ECDHE+AESGCM:!aNULL", 1}, {"", 0}, {"ECDHE-RSA-CHACHA20-POLY1305:BOGUS", 1},
        {"RC4", 0}, {"ALL:@STRENGTH", 1}, {"HIGH:!aNULL:!MD5:@SECLEVEL=1", 1},
        {"ECDHE-ECDSA-AES256-GCM-SHA384,ECDHE-RSA-AES256-GCM-SHA384", 1},
        {"-ALL", 0}, {"ECDHE:!ECDHE", 0}, {"AESGCM+ECDSA:+AES128", 1},
    };
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        int r = SSL_CTX_set_cipher_list(ctx, lists[i].str);
        CHECK(r == lists[i].ok);
        CHECK(list_reason(r) == (lists[i].ok ? 0 : SSL_R_NO_CIPHER_MATCH));
    }
    SSL *s = SSL_new(ctx);
    CHECK(SSL_set_cipher_list(s, "ECDHE-ECDSA-CHACHA20-POLY1305") == 1);
    CHECK(SSL_set_cipher_list(s, "NOPE") == 0 && list_reason(0) == SSL_R_NO_CIPHER_MATCH);
    SSL_free(s);

    /* TLS 1.3 suites: unknown names skipped, nothing known is an error. */
    CHECK(SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256:BOGUS") == 1);
    CHECK(SSL_CTX_set_ciphersuites(ctx, "BOGUS") == 0 && list_reason(0) == SSL_R_NO_CIPHER_MATCH);
    CHECK(SSL_CTX_set_ciphersuites(ctx, "TLS_CHACHA20_POLY1305_SHA256::") == 1);
    SSL_CTX_free(ctx);

    /* A client with an unknown name next to a known one uses the known one. */
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    CHECK(SSL_CTX_set_ciphersuites(cctx, "BOGUS:TLS_AES_256_GCM_SHA384") == 1);
    SSL *c, *sv;
    fixture_pair(cctx, sctx, &c, &sv);
    CHECK(fixture_handshake(c, sv));
    CHECK(strcmp(SSL_CIPHER_get_name(SSL_get_current_cipher(c)), "TLS_AES_256_GCM_SHA384") == 0);
    SSL_free(c);
    SSL_free(sv);
    /* "" turns TLS 1.3 off: a TLS 1.3-only client then has nothing to offer. */
    CHECK(SSL_CTX_set_ciphersuites(cctx, "") == 1);
    fixture_pair(cctx, sctx, &c, &sv);
    ERR_clear_error();
    CHECK(SSL_connect(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_SSL);
    CHECK(ERR_GET_REASON(ERR_peek_error()) == SSL_R_NO_CIPHERS_AVAILABLE);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(sv);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- sessions --------------------------------------------------------------------------- */

static void sessions(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    CHECK(SSL_CTX_get_session_cache_mode(sctx) == SSL_SESS_CACHE_SERVER);
    CHECK(SSL_CTX_get_timeout(sctx) == 7200);
    CHECK(SSL_CTX_set_timeout(sctx, 300) == 7200 && SSL_CTX_get_timeout(sctx) == 300);
    CHECK(SSL_CTX_sess_get_cache_size(sctx) == SSL_SESSION_CACHE_MAX_SIZE_DEFAULT);
    CHECK(SSL_CTX_sess_set_cache_size(sctx, 10) == SSL_SESSION_CACHE_MAX_SIZE_DEFAULT);
    CHECK(SSL_CTX_sess_get_cache_size(sctx) == 10);
    CHECK(SSL_CTX_set_session_cache_mode(cctx, SSL_SESS_CACHE_CLIENT) == SSL_SESS_CACHE_SERVER);
    CHECK(SSL_CTX_get_session_cache_mode(cctx) == SSL_SESS_CACHE_CLIENT);
    unsigned char sid[40] = "mintls-test";
    CHECK(SSL_CTX_set_session_id_context(sctx, sid, 33) == 0);
    ERR_clear_error();
    CHECK(SSL_CTX_set_session_id_context(sctx, sid, 11) == 1);
    CHECK(SSL_CTX_sess_number(sctx) == 0);

    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    CHECK(SSL_get_session(c) == NULL);
    CHECK(SSL_session_reused(c) == 0);
    CHECK(fixture_handshake(c, s));
    CHECK(SSL_session_reused(c) == 0 && SSL_session_reused(s) == 0);
    CHECK(SSL_CTX_sess_connect(cctx) == 1 && SSL_CTX_sess_connect_good(cctx) == 1);
    CHECK(SSL_CTX_sess_accept(sctx) == 1 && SSL_CTX_sess_accept_good(sctx) == 1);
    CHECK(SSL_CTX_sess_hits(sctx) == 0);

    SSL_SESSION *ss = SSL_get_session(s);
    CHECK(ss != NULL);
    if (ss != NULL) {
        CHECK(SSL_SESSION_get_protocol_version(ss) == TLS1_3_VERSION);
        CHECK(SSL_SESSION_get0_cipher(ss) == SSL_get_current_cipher(s));
        CHECK(SSL_SESSION_get_timeout(ss) == 300);
        unsigned int len = 0;
        SSL_SESSION_get_id(ss, &len);
        CHECK(len == 32);
        const unsigned char *ctx_id = SSL_SESSION_get0_id_context(ss, &len);
        CHECK(len == 11 && memcmp(ctx_id, sid, 11) == 0);
        CHECK(SSL_SESSION_get_time(ss) > 1600000000L);
    }
    SSL_SESSION *cs = SSL_get1_session(c);
    CHECK(cs != NULL);
    if (cs != NULL) {
        CHECK(SSL_SESSION_get_protocol_version(cs) == TLS1_3_VERSION);
        X509 *peer = SSL_SESSION_get0_peer(cs);
        CHECK(peer != NULL && X509_cmp(peer, SSL_get0_peer_certificate(c)) == 0);
        /* The session outlives its connection. */
        SSL_free(c);
        c = NULL;
        CHECK(SSL_SESSION_get_protocol_version(cs) == TLS1_3_VERSION);
        /* A new connection given it still completes (resumed or not). */
        SSL *c2, *s2;
        fixture_pair(cctx, sctx, &c2, &s2);
        CHECK(SSL_set_session(c2, cs) == 1);
        CHECK(fixture_handshake(c2, s2));
        SSL_free(c2);
        SSL_free(s2);
        SSL_SESSION_free(cs);
    }
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- reusing connection objects ------------------------------------------------------- */

/* SSL_clear after a closed connection: the same objects handshake again
   over a fresh pair. SSL_dup of a fresh SSL copies it; of a used one shares it. */
static void reuse(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    SSL *fresh = SSL_dup(c);
    CHECK(fresh != NULL && fresh != c);
    CHECK(fresh != NULL && SSL_is_server(fresh) == 0 && SSL_in_before(fresh));
    CHECK(fixture_handshake(c, s));
    fixture_close(c, s);
    CHECK(SSL_dup(c) == c);
    SSL_free(c); /* the reference SSL_dup added */
    CHECK(SSL_clear(c) == 1 && SSL_clear(s) == 1);
    CHECK(SSL_in_before(c) && SSL_get_state(c) == TLS_ST_BEFORE);
    CHECK(SSL_get_shutdown(c) == 0);
    BIO *bc, *bs;
    CHECK(BIO_new_bio_pair(&bc, 0, &bs, 0) == 1);
    SSL_set_bio(c, bc, bc);
    SSL_set_bio(s, bs, bs);
    CHECK(fixture_handshake(c, s));
    CHECK(SSL_get_verify_result(c) == X509_V_OK);
    /* The copy made before works on its own too. */
    SSL *s2 = SSL_new(sctx);
    CHECK(BIO_new_bio_pair(&bc, 0, &bs, 0) == 1);
    SSL_set_bio(fresh, bc, bc);
    SSL_set_bio(s2, bs, bs);
    SSL_set_accept_state(s2);
    CHECK(fixture_handshake(fresh, s2));
    SSL_free(fresh);
    SSL_free(s2);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- protocol versions ------------------------------------------------------------------ */

static unsigned long first_reason(void)
{
    unsigned long e = ERR_peek_error();
    ERR_clear_error();
    return ERR_GET_LIB(e) == ERR_LIB_SSL ? ERR_GET_REASON(e) : 0;
}

/* A client with TLS 1.3 switched off and nothing below it has nothing to
   offer; a server held to TLS 1.2 refuses a TLS 1.3-only client. */
static void versions(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    SSL *c, *s;
    SSL_CTX_set_options(cctx, SSL_OP_NO_TLSv1_3);
    fixture_pair(cctx, sctx, &c, &s);
    ERR_clear_error();
    CHECK(SSL_connect(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_SSL);
    CHECK(first_reason() == SSL_R_NO_PROTOCOLS_AVAILABLE);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_clear_options(cctx, SSL_OP_NO_TLSv1_3);

    CHECK(SSL_CTX_set_min_proto_version(sctx, TLS1_2_VERSION) == 1);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    fixture_pair(cctx, sctx, &c, &s);
    CHECK(!fixture_handshake(c, s));
    CHECK(SSL_get_error(s, -1) == SSL_ERROR_SSL);
    CHECK(first_reason() == SSL_R_UNSUPPORTED_PROTOCOL);
    CHECK(SSL_do_handshake(c) == -1 && SSL_get_error(c, -1) == SSL_ERROR_SSL);
    CHECK(first_reason() == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- smaller settings and getters ----------------------------------------------------------- */

static void small_settings(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    CHECK(SSL_CTX_get_read_ahead(cctx) == 0);
    SSL_CTX_set_read_ahead(cctx, 1);
    CHECK(SSL_CTX_get_read_ahead(cctx) == 1);
    CHECK(SSL_CTX_set_dh_auto(sctx, 1) == 1);
    CHECK(SSL_CTX_set_ecdh_auto(sctx, 1) == 1);
    CHECK(SSL_CTX_get_quiet_shutdown(cctx) == 0);
    SSL_CTX_set_quiet_shutdown(cctx, 1);
    CHECK(SSL_CTX_get_quiet_shutdown(cctx) == 1);
    SSL *c, *s;
    fixture_pair(cctx, sctx, &c, &s);
    CHECK(SSL_get_read_ahead(c) == 1 && SSL_get_quiet_shutdown(c) == 1);
    CHECK(fixture_handshake(c, s));
    CHECK(SSL_get_early_data_status(c) == SSL_EARLY_DATA_NOT_SENT);
    /* Each side's Finished is the other's peer Finished. */
    unsigned char f1[64], f2[64];
    size_t n1 = SSL_get_finished(c, f1, sizeof(f1)), n2 = SSL_get_peer_finished(s, f2, sizeof(f2));
    /* The default suite is TLS_AES_256_GCM_SHA384: 48-byte values. */
    CHECK(n1 == 48 && n2 == 48 && memcmp(f1, f2, 48) == 0);
    n1 = SSL_get_peer_finished(c, f1, sizeof(f1));
    n2 = SSL_get_finished(s, f2, 4);
    CHECK(n1 == 48 && n2 == 48 && memcmp(f1, f2, 4) == 0);
    CHECK(strcmp(SSL_get_cipher(c), SSL_CIPHER_get_name(SSL_get_current_cipher(c))) == 0);
    CHECK(strcmp(SSL_get_cipher_version(c), "TLSv1.3") == 0);
    /* Verified: leaf, intermediate, root; the server verified nothing. */
    STACK_OF(X509) *vc = SSL_get0_verified_chain(c);
    CHECK(vc != NULL && sk_X509_num(vc) == 3);
    X509 *root = fixture_cert("ec-root.pem");
    CHECK(vc != NULL && root != NULL && X509_cmp(sk_X509_value(vc, 2), root) == 0);
    X509_free(root);
    CHECK(SSL_get0_verified_chain(s) == NULL);
    /* Quiet: nothing is sent, and both directions count as closed. */
    CHECK(SSL_shutdown(c) == 1);
    CHECK(SSL_get_shutdown(c) == (SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN));
    CHECK(BIO_ctrl_pending(SSL_get_rbio(s)) == 0);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

/* ---- SSL_CTX_set_cert_verify_callback -------------------------------------------------------- */

static int app_verify_calls;

/* Refuses everything, or defers to X509_verify_cert, as arg says. */
static int app_verify(X509_STORE_CTX *vctx, void *arg)
{
    app_verify_calls++;
    SSL *s = X509_STORE_CTX_get_ex_data(vctx, SSL_get_ex_data_X509_STORE_CTX_idx());
    CHECK(s != NULL && !SSL_is_server(s));
    CHECK(X509_STORE_CTX_get0_cert(vctx) != NULL);
    if (arg == NULL) {
        X509_STORE_CTX_set_error(vctx, X509_V_ERR_APPLICATION_VERIFICATION);
        return 0;
    }
    return X509_verify_cert(vctx);
}

static void cert_verify_callback(void)
{
    SSL_CTX *cctx = fixture_client_ctx(), *sctx = fixture_server_ctx();
    SSL *c, *s;
    SSL_CTX_set_cert_verify_callback(cctx, app_verify, NULL);
    fixture_pair(cctx, sctx, &c, &s);
    app_verify_calls = 0;
    CHECK(!fixture_handshake(c, s));
    CHECK(app_verify_calls == 1);
    CHECK(SSL_get_verify_result(c) == X509_V_ERR_APPLICATION_VERIFICATION);
    ERR_clear_error();
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_set_cert_verify_callback(cctx, app_verify, cctx);
    fixture_pair(cctx, sctx, &c, &s);
    CHECK(SSL_version(c) == TLS1_3_VERSION);
    CHECK(fixture_handshake(c, s));
    CHECK(app_verify_calls == 2 && SSL_get_verify_result(c) == X509_V_OK);
    CHECK(SSL_version(c) == TLS1_3_VERSION);
    SSL_free(c);
    SSL_free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(void)
{
    info_callback(0);
    info_callback(1);
    info_on_failure();
    alert_strings();
    keylog_and_exporter("TLS_AES_128_GCM_SHA256", 64);
    keylog_and_exporter("TLS_AES_256_GCM_SHA384", 96);
    keylog_and_exporter("TLS_CHACHA20_POLY1305_SHA256", 64);
    client_cert_callback(0);
    client_cert_callback(1);
    client_cert_callback(2);
    cipher_strings();
    sessions();
    reuse();
    versions();
    small_settings();
    cert_verify_callback();
    return test_summary();
}
