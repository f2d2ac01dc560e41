/*
 * A hostile TLS 1.2 peer against mintls's client and server (internal:
 * records are cut, altered and forged between two mintls endpoints that
 * run through the public API, and the handshake state is reached through
 * src/ headers where a case needs it). Each case checks the alert that
 * goes out and the reason left on the error queue: bad Finished both
 * ways, a bad ServerKeyExchange signature, a curve not offered, an early
 * ChangeCipherSpec, renegotiation (HelloRequest ignored, also mid-handshake; a client's new
 * ClientHello refused with a no_renegotiation warning), CBC-only and
 * RSA-key-exchange-only offers, TLS 1.1 offered and TLS 1.1 chosen, a
 * server without renegotiation_info.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

#include "ssl_local.h"
#include "test.h"
#include "tls12_hs.h"

static SSL_CTX *sctx, *cctx;

static void contexts(void)
{
    char path[512];
    sctx = SSL_CTX_new(TLS_server_method());
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.pem", DATA_DIR);
    CHECK(SSL_CTX_use_certificate_file(sctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.key", DATA_DIR);
    CHECK(SSL_CTX_use_PrivateKey_file(sctx, path, SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_set_max_proto_version(sctx, TLS1_2_VERSION) == 1);
    cctx = SSL_CTX_new(TLS_client_method());
    CHECK(SSL_CTX_set1_groups_list(cctx, "X25519:P-256") == 1);
}

typedef struct {
    SSL *c, *s;
    BIO *c_in, *c_out, *s_in, *s_out;
} conn;

static void open_conn(conn *k)
{
    k->c = SSL_new(cctx);
    k->s = SSL_new(sctx);
    k->c_in = BIO_new(BIO_s_mem());
    k->c_out = BIO_new(BIO_s_mem());
    k->s_in = BIO_new(BIO_s_mem());
    k->s_out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(k->c_in, -1);
    BIO_set_mem_eof_return(k->s_in, -1);
    SSL_set_bio(k->c, k->c_in, k->c_out);
    SSL_set_bio(k->s, k->s_in, k->s_out);
    SSL_set_connect_state(k->c);
    SSL_set_accept_state(k->s);
}

static void close_conn(conn *k)
{
    SSL_free(k->c);
    SSL_free(k->s);
    ERR_clear_error();
}

static unsigned char buf[65536];

static size_t drain(BIO *b)
{
    int n = BIO_read(b, buf, sizeof(buf));
    return n > 0 ? (size_t)n : 0;
}

/* The offsets of the records in buf[0..n): count of them, starts in at[]. */
static size_t split(size_t n, size_t *at, size_t max)
{
    size_t k = 0, p = 0;
    while (p + 5 <= n && k < max) {
        at[k++] = p;
        p += 5 + ((size_t)buf[p + 3] << 8 | buf[p + 4]);
    }
    return k;
}

static int reason(void)
{
    int r = ERR_GET_REASON(ERR_peek_error());
    ERR_clear_error();
    return r;
}

/* The fatal alert a side sent in the clear (last 7 bytes of its output), or -1. */
static int clear_alert(BIO *out)
{
    size_t n = drain(out);
    if (n < 7 || buf[n - 7] != 21 || buf[n - 2] != 2)
        return -1;
    return buf[n - 1];
}

/* ClientHello from the client, the server's flight into buf; returns its length. */
static size_t to_server_flight(conn *k)
{
    CHECK(SSL_do_handshake(k->c) == -1);
    size_t n = drain(k->c_out);
    BIO_write(k->s_in, buf, (int)n);
    CHECK(SSL_do_handshake(k->s) == -1 && SSL_get_error(k->s, -1) == SSL_ERROR_WANT_READ);
    return drain(k->s_out);
}

static int full_handshake(conn *k)
{
    for (int i = 0; i < 20; i++) {
        int rc = SSL_do_handshake(k->c);
        size_t n = drain(k->c_out);
        BIO_write(k->s_in, buf, (int)n);
        int rs = SSL_do_handshake(k->s);
        n = drain(k->s_out);
        BIO_write(k->c_in, buf, (int)n);
        if (rc == 1 && rs == 1)
            return 1;
    }
    return 0;
}

/* ---- cases ---------------------------------------------------------------------- */

static void bad_ske_signature(void)
{
    conn k;
    open_conn(&k);
    size_t at[8], n = to_server_flight(&k), r = split(n, at, 8);
    CHECK(r == 4 && buf[at[2] + 5] == 12); /* SH, Certificate, ServerKeyExchange, Done */
    buf[at[3] - 1] ^= 0x01;                 /* the signature's last byte */
    BIO_write(k.c_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.c) == -1);
    CHECK(reason() == SSL_R_BAD_SIGNATURE);
    CHECK(clear_alert(k.c_out) == SSL_AD_DECRYPT_ERROR);
    close_conn(&k);
}

static void wrong_curve(void)
{
    conn k;
    open_conn(&k);
    size_t at[8], n = to_server_flight(&k);
    CHECK(split(n, at, 8) == 4);
    buf[at[2] + 9 + 1] = 0x00; /* named_curve -> 0x0018 (P-384), not offered */
    buf[at[2] + 9 + 2] = 0x18;
    BIO_write(k.c_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.c) == -1);
    CHECK(reason() == SSL_R_WRONG_CURVE);
    CHECK(clear_alert(k.c_out) == SSL_AD_ILLEGAL_PARAMETER);
    close_conn(&k);
}

static void early_ccs(void)
{
    conn k;
    open_conn(&k);
    size_t at[8], n = to_server_flight(&k);
    CHECK(split(n, at, 8) == 4);
    static const unsigned char ccs[] = {20, 3, 3, 0, 1, 1};
    BIO_write(k.c_in, buf, (int)at[1]); /* ServerHello */
    BIO_write(k.c_in, ccs, sizeof(ccs));
    BIO_write(k.c_in, buf + at[1], (int)(n - at[1]));
    CHECK(SSL_do_handshake(k.c) == -1);
    CHECK(reason() == SSL_R_CCS_RECEIVED_EARLY);
    CHECK(clear_alert(k.c_out) == SSL_AD_UNEXPECTED_MESSAGE);
    close_conn(&k);
}

/* The server's transcript altered before the client's Finished arrives:
   decrypt_error (RFC 5246 7.4.9). */
static void bad_client_finished(void)
{
    conn k;
    open_conn(&k);
    size_t n = to_server_flight(&k);
    BIO_write(k.c_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.c) == -1 && SSL_get_error(k.c, -1) == SSL_ERROR_WANT_READ);
    size_t at[8];
    n = drain(k.c_out);
    CHECK(split(n, at, 8) == 3); /* ClientKeyExchange, CCS, Finished */
    BIO_write(k.s_in, buf, (int)at[2]);
    CHECK(SSL_do_handshake(k.s) == -1 && SSL_get_error(k.s, -1) == SSL_ERROR_WANT_READ);
    mintls_tls12_hs *hs = k.s->hs;
    CHECK(hs != NULL && hs->ccs_received);
    if (hs != NULL)
        hs->base.transcript.buf[40] ^= 1; /* inside ClientHello.random */
    BIO_write(k.s_in, buf + at[2], (int)(n - at[2]));
    CHECK(SSL_do_handshake(k.s) == -1);
    CHECK(reason() == SSL_R_DIGEST_CHECK_FAILED);
    CHECK(clear_alert(k.s_out) == SSL_AD_DECRYPT_ERROR);
    close_conn(&k);
}

static void bad_server_finished(void)
{
    conn k;
    open_conn(&k);
    size_t n = to_server_flight(&k);
    BIO_write(k.c_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.c) == -1);
    mintls_tls12_hs *hs = k.c->hs;
    if (hs != NULL)
        hs->base.transcript.buf[40] ^= 1;
    n = drain(k.c_out);
    BIO_write(k.s_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.s) == 1);
    n = drain(k.s_out);
    BIO_write(k.c_in, buf, (int)n);
    CHECK(SSL_do_handshake(k.c) == -1);
    CHECK(reason() == SSL_R_DIGEST_CHECK_FAILED);
    /* The alert goes out under the client's keys: just check one went. */
    CHECK(drain(k.c_out) > 0);
    close_conn(&k);
}

/* Renegotiation: ignored by the client, refused by the server with a
   warning; data keeps flowing both ways. */
static void renegotiation(void)
{
    conn k;
    char b[16];
    open_conn(&k);
    CHECK(full_handshake(&k));
    static const uint8_t hello_request[4] = {0, 0, 0, 0};
    CHECK(mintls_conn_queue(k.s, MINTLS_CT_HANDSHAKE, hello_request, 4) == 1);
    CHECK(SSL_write(k.s, "after", 5) == 5);
    BIO_write(k.c_in, buf, (int)drain(k.s_out));
    CHECK(SSL_read(k.c, b, sizeof(b)) == 5 && memcmp(b, "after", 5) == 0);
    /* A client's second ClientHello (its content does not matter). */
    static const uint8_t hello[8] = {1, 0, 0, 4, 3, 3, 0, 0};
    CHECK(mintls_conn_queue(k.c, MINTLS_CT_HANDSHAKE, hello, sizeof(hello)) == 1);
    CHECK(SSL_write(k.c, "data", 4) == 4);
    BIO_write(k.s_in, buf, (int)drain(k.c_out));
    CHECK(SSL_read(k.s, b, sizeof(b)) == 4 && memcmp(b, "data", 4) == 0);
    /* The warning: an alert record (explicit nonce, 2 bytes, tag). */
    size_t wn = drain(k.s_out);
    CHECK(wn == 5 + 8 + 2 + 16 && buf[0] == 21);
    BIO_write(k.c_in, buf, (int)wn);
    CHECK(SSL_write(k.s, "more", 4) == 4);
    BIO_write(k.c_in, buf, (int)drain(k.s_out));
    CHECK(SSL_read(k.c, b, sizeof(b)) == 4 && memcmp(b, "more", 4) == 0);
    /* Any other handshake message after the handshake is unexpected. */
    static const uint8_t finished[16] = {20, 0, 0, 12};
    CHECK(mintls_conn_queue(k.c, MINTLS_CT_HANDSHAKE, finished, sizeof(finished)) == 1);
    CHECK(mintls_conn_flush(k.c) == 1);
    BIO_write(k.s_in, buf, (int)drain(k.c_out));
    CHECK(SSL_read(k.s, b, sizeof(b)) <= 0);
    CHECK(reason() == SSL_R_UNEXPECTED_MESSAGE);
    close_conn(&k);
}

/* A raw TLS 1.2 ClientHello: legacy_version, the suites, no supported_versions. */
static size_t raw_client_hello(uint16_t version, const uint16_t *suites, size_t n_suites)
{
    static const uint8_t ext[] = {0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17,
                                  0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03,
                                  0xff, 0x01, 0x00, 0x01, 0x00};
    size_t p = 9;
    buf[p++] = (uint8_t)(version >> 8);
    buf[p++] = (uint8_t)version;
    memset(buf + p, 0x42, 32);
    p += 32;
    buf[p++] = 0;
    buf[p++] = 0;
    buf[p++] = (uint8_t)(2 * n_suites);
    for (size_t i = 0; i < n_suites; i++) {
        buf[p++] = (uint8_t)(suites[i] >> 8);
        buf[p++] = (uint8_t)suites[i];
    }
    buf[p++] = 1;
    buf[p++] = 0;
    buf[p++] = 0;
    buf[p++] = sizeof(ext);
    memcpy(buf + p, ext, sizeof(ext));
    p += sizeof(ext);
    size_t body = p - 9;
    buf[0] = 22, buf[1] = 3, buf[2] = 1, buf[3] = (uint8_t)((body + 4) >> 8), buf[4] = (uint8_t)(body + 4);
    buf[5] = 1, buf[6] = 0, buf[7] = (uint8_t)(body >> 8), buf[8] = (uint8_t)body;
    return p;
}

static void server_refuses(const char *what, uint16_t version, const uint16_t *suites, size_t n,
                           int want_reason, int want_alert)
{
    conn k;
    open_conn(&k);
    size_t len = raw_client_hello(version, suites, n);
    BIO_write(k.s_in, buf, (int)len);
    CHECK(SSL_do_handshake(k.s) == -1);
    int r = reason();
    CHECK(r == want_reason);
    int a = clear_alert(k.s_out);
    CHECK(a == want_alert);
    if (r != want_reason || a != want_alert)
        fprintf(stderr, "  %s: reason %d alert %d\n", what, r, a);
    close_conn(&k);
}

static void offers(void)
{
    static const uint16_t cbc[] = {0x002f, 0xc013, 0xc009};
    static const uint16_t rsa_kx[] = {0x009c, 0x009d};
    static const uint16_t good[] = {0xc02b};
    server_refuses("CBC only", 0x0303, cbc, 3, SSL_R_NO_SHARED_CIPHER, SSL_AD_HANDSHAKE_FAILURE);
    server_refuses("RSA key exchange only", 0x0303, rsa_kx, 2, SSL_R_NO_SHARED_CIPHER,
                   SSL_AD_HANDSHAKE_FAILURE);
    server_refuses("TLS 1.1", 0x0302, good, 1, SSL_R_UNSUPPORTED_PROTOCOL,
                   SSL_AD_PROTOCOL_VERSION);
}

/* A forged ServerHello (suite ECDHE-ECDSA-AES128-GCM) with the given
   version and, if reneg, an empty renegotiation_info. */
static void client_refuses(const char *what, uint16_t version, int reneg, int want_reason,
                           int want_alert)
{
    conn k;
    open_conn(&k);
    CHECK(SSL_do_handshake(k.c) == -1);
    drain(k.c_out);
    size_t p = 9;
    buf[p++] = (uint8_t)(version >> 8);
    buf[p++] = (uint8_t)version;
    memset(buf + p, 0x17, 32);
    p += 32;
    buf[p++] = 0;
    buf[p++] = 0xc0, buf[p++] = 0x2b, buf[p++] = 0;
    if (reneg) {
        static const uint8_t ext[] = {0x00, 0x05, 0xff, 0x01, 0x00, 0x01, 0x00};
        memcpy(buf + p, ext, sizeof(ext));
        p += sizeof(ext);
    }
    size_t body = p - 9;
    buf[0] = 22, buf[1] = 3, buf[2] = 3, buf[3] = 0, buf[4] = (uint8_t)(body + 4);
    buf[5] = 2, buf[6] = 0, buf[7] = 0, buf[8] = (uint8_t)body;
    BIO_write(k.c_in, buf, (int)p);
    CHECK(SSL_do_handshake(k.c) == -1);
    int r = reason(), a = clear_alert(k.c_out);
    CHECK(r == want_reason && a == want_alert);
    if (r != want_reason || a != want_alert)
        fprintf(stderr, "  %s: reason %d alert %d\n", what, r, a);
    close_conn(&k);
}

static void server_hellos(void)
{
    client_refuses("TLS 1.1 chosen", 0x0302, 1, SSL_R_UNSUPPORTED_PROTOCOL,
                   SSL_AD_PROTOCOL_VERSION);
    client_refuses("no renegotiation_info", 0x0303, 0, SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED,
                   SSL_AD_HANDSHAKE_FAILURE);
}

/* A HelloRequest in the middle of the server's flight is ignored (RFC
   5246 7.4.1.1) and the handshake completes. */
static void hello_request_in_handshake(void)
{
    conn k;
    open_conn(&k);
    size_t at[8], n = to_server_flight(&k);
    CHECK(split(n, at, 8) == 4);
    static const unsigned char hr[] = {22, 3, 3, 0, 4, 0, 0, 0, 0};
    BIO_write(k.c_in, buf, (int)at[1]);
    BIO_write(k.c_in, hr, sizeof(hr));
    BIO_write(k.c_in, buf + at[1], (int)(n - at[1]));
    CHECK(full_handshake(&k));
    CHECK(SSL_version(k.c) == TLS1_2_VERSION);
    close_conn(&k);
}

int main(void)
{
    contexts();
    bad_ske_signature();
    wrong_curve();
    early_ccs();
    bad_client_finished();
    bad_server_finished();
    renegotiation();
    hello_request_in_handshake();
    offers();
    server_hellos();
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    return test_summary();
}
