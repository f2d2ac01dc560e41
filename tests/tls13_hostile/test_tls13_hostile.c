/*
 * A hostile TLS 1.3 peer against mintls (RFC 8446 4, 5, 6, 9.2). The mintls
 * endpoint runs through the public API only (SSL_connect / SSL_accept /
 * SSL_read on memory BIOs); the scripted peer (hostile_peer.c) plays the
 * other side with mintls's internals and makes one mistake per case. Every
 * case checks: the alert mintls sent (description, fatal, the last record,
 * in the clear before handshake keys and encrypted after), SSL_get_error ==
 * SSL_ERROR_SSL, the SSL_R_* reason OpenSSL uses first on the queue, and
 * that SSL_read / SSL_write afterwards fail without sending a byte. Every
 * case is a fixed, short script: nothing can loop.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile_peer.h"
#include "ssl_local.h" /* post_hs: held only while a message is in pieces */
#include "test.h"
#include "tls13_msgs.h"
#include "tls_handshake_msg.h"

#define AES128 0x1301
#define AES256 0x1302
#define X25519 0x001d
#define P256 0x0017
#define P384 0x0018

static const char *case_name = "";

/* ---- the outcome every case checks ------------------------------------------------ */

/*
 * mintls's last call returned ret; it must have failed with reason and sent
 * alert as its last record (encrypted or not). libcrypto_first: as in
 * OpenSSL 3.0, libcrypto's own error comes first and reason last.
 */
static void expect_alert_ex(hostile_peer *p, int ret, int alert, int encrypted, int reason,
                            int libcrypto_first)
{
    int ok = 1;
    ok &= CHECK(ret <= 0);
    ok &= CHECK(SSL_get_error(p->ssl, ret) == SSL_ERROR_SSL);
    unsigned long e = ERR_peek_error();
    if (libcrypto_first) {
        ok &= CHECK(e != 0 && ERR_GET_LIB(e) != ERR_LIB_SSL);
        e = ERR_peek_last_error();
    }
    ok &= CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL);
    ok &= CHECK(ERR_GET_REASON(e) == reason);
    if (ERR_GET_REASON(e) != reason)
        fprintf(stderr, "  %s: reason %d, want %d\n", case_name, ERR_GET_REASON(e), reason);
    ERR_clear_error();

    hp_receive(p);
    ok &= CHECK(!p->bad_record);
    ok &= CHECK(p->nrecs > 0);
    if (p->nrecs > 0) {
        const hp_record *r = &p->recs[p->nrecs - 1];
        int got = r->type == MINTLS_CT_ALERT && r->len == 2 ? r->data[1] : -1;
        ok &= CHECK(r->type == MINTLS_CT_ALERT && r->len == 2);
        ok &= CHECK(r->len == 2 && r->data[0] == MINTLS_ALERT_LEVEL_FATAL);
        ok &= CHECK(got == alert);
        ok &= CHECK(r->encrypted == encrypted);
        if (got != alert || r->encrypted != encrypted)
            fprintf(stderr, "  %s: alert %d (encrypted %d), want %d (%d)\n", case_name, got,
                    r->encrypted, alert, encrypted);
        /* One alert, and nothing but it once the failure was found. */
        for (size_t i = 0; i + 1 < p->nrecs; i++)
            ok &= CHECK(p->recs[i].type != MINTLS_CT_ALERT);
    }

    /* A dead connection stays dead and quiet; as OpenSSL 3.0's, even after
       its handshake SSL_do_handshake says -1 with nothing on the queue. */
    char buf[16];
    ok &= CHECK(SSL_read(p->ssl, buf, sizeof(buf)) <= 0);
    ok &= CHECK(SSL_write(p->ssl, "x", 1) <= 0);
    ERR_clear_error();
    int hr = SSL_do_handshake(p->ssl);
    ok &= CHECK(hr == -1);
    ok &= CHECK(ERR_peek_error() == 0 && SSL_get_error(p->ssl, hr) == SSL_ERROR_SYSCALL);
    ok &= CHECK(BIO_ctrl_pending(p->from_ssl) == 0);
    ERR_clear_error();
    if (!ok)
        fprintf(stderr, "  case failed: %s\n", case_name);
}

static void expect_alert(hostile_peer *p, int ret, int alert, int encrypted, int reason)
{
    expect_alert_ex(p, ret, alert, encrypted, reason, 0);
}

/* ---- fixtures ------------------------------------------------------------------------ */

static char *data_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    return path;
}

static uint8_t leaf_der[4096], int_der[4096];
static size_t leaf_der_len, int_der_len;
static EVP_PKEY *leaf_key;

static size_t load_der(const char *name, uint8_t *out)
{
    BIO *b = BIO_new_file(data_path(name), "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    unsigned char *p = out;
    int n = x != NULL ? i2d_X509(x, &p) : 0;
    X509_free(x);
    return n > 0 ? (size_t)n : 0;
}

static int load_fixtures(void)
{
    leaf_der_len = load_der("ec-leaf.pem", leaf_der);
    int_der_len = load_der("ec-int.pem", int_der);
    BIO *b = BIO_new_file(data_path("ec-leaf.key"), "r");
    leaf_key = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return leaf_der_len > 0 && int_der_len > 0 && leaf_key != NULL;
}

static SSL_CTX *client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL && SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    /* The chain is not what these cases test: verification is recorded only. */
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
    return ctx;
}

static SSL_CTX *server_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL && SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    CHECK(SSL_CTX_use_certificate_file(ctx, data_path("ec-leaf.pem"), SSL_FILETYPE_PEM) == 1);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, data_path("ec-leaf.key"), SSL_FILETYPE_PEM) == 1);
    return ctx;
}

/* ---- message builders ------------------------------------------------------------ */

static void put_ext(mintls_writer *w, uint16_t type, const uint8_t *body, size_t len)
{
    mintls_writer_put_u16(w, type);
    mintls_writer_put_prefixed(w, 2, body, len);
}

/* Rewrites a handshake message's 24-bit length to fit len. */
static void fix_hs_len(uint8_t *msg, size_t len)
{
    size_t body = len - 4;
    msg[1] = (uint8_t)(body >> 16);
    msg[2] = (uint8_t)(body >> 8);
    msg[3] = (uint8_t)body;
}

typedef struct {
    uint16_t legacy_version;
    int hrr;
    int sentinel;          /* random ends in the TLS 1.2 downgrade sentinel */
    int sid_flip;          /* the session id echo differs in one byte */
    uint16_t suite;
    uint8_t compression;
    uint16_t version;      /* supported_versions; 0: omitted */
    uint16_t ks_group;     /* key_share group (HRR: selected_group); 0: omitted */
    int cookie;            /* HRR: a cookie */
    size_t trailing;       /* bytes after the extensions */
    size_t truncate_to;    /* keep only this much of the body (0: all) */
    int zero_share;        /* the key_share is 32 zero bytes */
} sh_opts;

static const sh_opts good_sh = {0x0303, 0, 0, 0, AES128, 0, 0x0304, X25519, 0, 0, 0, 0};

/* A ServerHello / HelloRetryRequest answering the ClientHello in p->ch. */
static uint8_t *build_sh(hostile_peer *p, const sh_opts *o, size_t *len)
{
    uint8_t random[32];
    RAND_bytes(random, sizeof(random));
    if (o->hrr)
        memcpy(random, mintls_hrr_random, 32);
    if (o->sentinel)
        memcpy(random + 24, mintls_downgrade_tls12, 8);
    uint8_t sid[32];
    memcpy(sid, p->ch.session_id, p->ch.session_id_len);
    if (o->sid_flip)
        sid[0] ^= 1;
    mintls_writer w, ext;
    mintls_writer_init(&w);
    mintls_writer_init(&ext);
    mintls_hs_begin(&w, MINTLS_HS_SERVER_HELLO);
    mintls_writer_put_u16(&w, o->legacy_version);
    mintls_writer_put_bytes(&w, random, 32);
    mintls_writer_put_prefixed(&w, 1, sid, p->ch.session_id_len);
    mintls_writer_put_u16(&w, o->suite);
    mintls_writer_put_u8(&w, o->compression);
    if (o->version) {
        uint8_t v[2] = {(uint8_t)(o->version >> 8), (uint8_t)o->version};
        put_ext(&ext, MINTLS_EXT_SUPPORTED_VERSIONS, v, 2);
    }
    if (o->ks_group) {
        uint8_t ks[2 + 2 + 32] = {(uint8_t)(o->ks_group >> 8), (uint8_t)o->ks_group, 0, 32};
        if (!o->zero_share)
            memcpy(ks + 4, p->pub, 32);
        put_ext(&ext, MINTLS_EXT_KEY_SHARE, ks, o->hrr ? 2 : sizeof(ks));
    }
    if (o->cookie) {
        static const uint8_t cookie[] = {0, 4, 'c', 'o', 'o', 'k'};
        put_ext(&ext, MINTLS_EXT_COOKIE, cookie, sizeof(cookie));
    }
    size_t ext_len;
    uint8_t *e = hp_take(&ext, &ext_len);
    mintls_writer_put_prefixed(&w, 2, e, ext_len);
    OPENSSL_free(e);
    mintls_hs_end(&w);
    uint8_t *msg = hp_take(&w, len);
    if (msg == NULL)
        return NULL;
    if (o->trailing) {
        uint8_t *m = OPENSSL_zalloc(*len + o->trailing);
        memcpy(m, msg, *len);
        OPENSSL_free(msg);
        msg = m;
        *len += o->trailing;
    }
    if (o->truncate_to)
        *len = 4 + o->truncate_to;
    fix_hs_len(msg, *len);
    return msg;
}

/* ---- the client side: mintls is the client ---------------------------------------- */

/* Starts mintls's handshake and reads its ClientHello. */
static int client_start(hostile_peer *p, SSL_CTX *ctx)
{
    if (!hp_init(p, ctx, 0))
        return 0;
    int r = SSL_connect(p->ssl);
    if (r != -1 || SSL_get_error(p->ssl, r) != SSL_ERROR_WANT_READ)
        return 0;
    if (hp_receive(p) != 1 || p->recs[0].type != MINTLS_CT_HANDSHAKE)
        return 0;
    free(p->hello);
    p->hello_len = p->recs[0].len;
    p->hello = malloc(p->hello_len);
    memcpy(p->hello, p->recs[0].data, p->hello_len);
    uint8_t alert;
    mintls_span k;
    if (!mintls_client_hello_parse(p->hello + 4, p->hello_len - 4, &p->ch, &alert) ||
        !mintls_key_share_find(p->ch.ext.key_shares, X25519, &k) || k.len != 32)
        return 0;
    memcpy(p->their_pub, k.p, k.len);
    p->their_pub_len = k.len;
    return mintls_transcript_update(&p->tr, p->hello, p->hello_len);
}

/* Sends a ServerHello built from o (not added to the transcript). */
static int send_sh(hostile_peer *p, const sh_opts *o)
{
    size_t len;
    uint8_t *m = build_sh(p, o, &len);
    int ok = m != NULL && hp_send(p, MINTLS_CT_HANDSHAKE, m, len);
    OPENSSL_free(m);
    return ok;
}

/* A good ServerHello, then the handshake keys on both of our directions. */
static int client_to_handshake_keys(hostile_peer *p)
{
    size_t len;
    uint8_t *m = build_sh(p, &good_sh, &len);
    int ok = m != NULL && mintls_transcript_set_hash(&p->tr, p->suite->md()) &&
             hp_send_hs(p, m, len) && hp_derive_handshake(p) && hp_install(p, p->s_hs, 1) &&
             hp_install(p, p->c_hs, 0);
    OPENSSL_free(m);
    return ok;
}

static int send_ee(hostile_peer *p, uint16_t extra_ext)
{
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_begin(&w, MINTLS_HS_ENCRYPTED_EXTENSIONS);
    mintls_writer_open(&w, 2);
    if (extra_ext) {
        /* A key_share (or another extension EncryptedExtensions may not carry). */
        static const uint8_t body[] = {0x00, 0x1d, 0x00, 0x01, 0x00};
        put_ext(&w, extra_ext, body, sizeof(body));
    }
    mintls_writer_close(&w);
    mintls_hs_end(&w);
    size_t len;
    uint8_t *m = hp_take(&w, &len);
    int ok = m != NULL && hp_send_hs(p, m, len);
    OPENSSL_free(m);
    return ok;
}

static int send_certificate(hostile_peer *p, int empty)
{
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_begin(&w, MINTLS_HS_CERTIFICATE);
    mintls_writer_put_u8(&w, 0); /* certificate_request_context */
    mintls_writer_open(&w, 3);
    if (!empty) {
        mintls_writer_put_prefixed(&w, 3, leaf_der, leaf_der_len);
        mintls_writer_put_u16(&w, 0);
        mintls_writer_put_prefixed(&w, 3, int_der, int_der_len);
        mintls_writer_put_u16(&w, 0);
    }
    mintls_writer_close(&w);
    mintls_hs_end(&w);
    size_t len;
    uint8_t *m = hp_take(&w, &len);
    int ok = m != NULL && hp_send_hs(p, m, len);
    OPENSSL_free(m);
    return ok;
}

/* CertificateVerify over the transcript; scheme as sent on the wire. */
static int send_certificate_verify(hostile_peer *p, uint16_t scheme, int corrupt)
{
    uint8_t hash[EVP_MAX_MD_SIZE], content[MINTLS_CERT_VERIFY_CONTENT_MAX];
    size_t hash_len, content_len, sig_len = 0;
    uint8_t *sig = NULL;
    if (!mintls_transcript_hash(&p->tr, hash, &hash_len) ||
        !mintls_certificate_verify_content(1, hash, hash_len, content, &content_len) ||
        !mintls_sigscheme_sign(0x0403, leaf_key, content, content_len, &sig, &sig_len))
        return 0;
    if (corrupt)
        sig[sig_len - 3] ^= 0x01;
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_begin(&w, MINTLS_HS_CERTIFICATE_VERIFY);
    mintls_writer_put_u16(&w, scheme);
    mintls_writer_put_prefixed(&w, 2, sig, sig_len);
    mintls_hs_end(&w);
    OPENSSL_free(sig);
    size_t len;
    uint8_t *m = hp_take(&w, &len);
    int ok = m != NULL && hp_send_hs(p, m, len);
    OPENSSL_free(m);
    return ok;
}

static int send_finished(hostile_peer *p, const uint8_t *base_key, int corrupt)
{
    uint8_t vd[48];
    size_t n = p->ks.hash_len;
    if (!hp_finished(p, base_key, vd))
        return 0;
    if (corrupt)
        vd[0] ^= 0x01;
    uint8_t msg[4 + 48] = {MINTLS_HS_FINISHED, 0, 0, (uint8_t)n};
    memcpy(msg + 4, vd, n);
    return hp_send_hs(p, msg, 4 + n);
}

/* EncryptedExtensions, Certificate and a good CertificateVerify. */
static int send_server_auth(hostile_peer *p)
{
    return send_ee(p, 0) && send_certificate(p, 0) && send_certificate_verify(p, 0x0403, 0);
}

/* One ServerHello flaw: the client answers in the clear. */
static void client_sh_case(SSL_CTX *ctx, const char *name, const sh_opts *o, int alert,
                           int reason)
{
    hostile_peer p;
    case_name = name;
    CHECK(client_start(&p, ctx));
    CHECK(send_sh(&p, o));
    expect_alert(&p, SSL_connect(p.ssl), alert, 0, reason);
    hp_free(&p);
}

static void client_server_hello_cases(SSL_CTX *ctx)
{
    sh_opts o;
    o = good_sh, o.truncate_to = 40;
    client_sh_case(ctx, "ServerHello truncated", &o, MINTLS_ALERT_DECODE_ERROR,
                   SSL_R_LENGTH_MISMATCH);
    o = good_sh, o.trailing = 3;
    client_sh_case(ctx, "ServerHello trailing bytes", &o, MINTLS_ALERT_DECODE_ERROR,
                   SSL_R_BAD_LENGTH);
    o = good_sh, o.legacy_version = 0x0300;
    client_sh_case(ctx, "ServerHello legacy_version SSL 3.0", &o, MINTLS_ALERT_PROTOCOL_VERSION,
                   SSL_R_BAD_LEGACY_VERSION);
    o = good_sh, o.legacy_version = 0x0304;
    client_sh_case(ctx, "ServerHello legacy_version 0x0304", &o, MINTLS_ALERT_ILLEGAL_PARAMETER,
                   SSL_R_BAD_LEGACY_VERSION);
    o = good_sh, o.version = 0, o.suite = 0xc02f;
    client_sh_case(ctx, "ServerHello TLS 1.2, no supported_versions", &o,
                   MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    o = good_sh, o.version = 0x0303;
    client_sh_case(ctx, "ServerHello supported_versions TLS 1.2", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_PROTOCOL_VERSION_NUMBER);
    o = good_sh, o.version = 0, o.suite = 0xc02f, o.sentinel = 1;
    client_sh_case(ctx, "ServerHello TLS 1.2 with the downgrade sentinel", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INAPPROPRIATE_FALLBACK);
    o = good_sh, o.suite = 0x1305;
    client_sh_case(ctx, "ServerHello cipher suite not offered", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_CIPHER_RETURNED);
    o = good_sh, o.sid_flip = 1;
    client_sh_case(ctx, "ServerHello session id echo mismatch", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INVALID_SESSION_ID);
    o = good_sh, o.compression = 1;
    client_sh_case(ctx, "ServerHello compression 1", &o, MINTLS_ALERT_ILLEGAL_PARAMETER,
                   SSL_R_INVALID_COMPRESSION_ALGORITHM);
    o = good_sh, o.ks_group = P384;
    client_sh_case(ctx, "ServerHello key_share for a group without a share", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    o = good_sh, o.ks_group = 0x0019;
    client_sh_case(ctx, "ServerHello key_share for a group not offered", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    o = good_sh, o.hrr = 1, o.ks_group = 0;
    client_sh_case(ctx, "HelloRetryRequest that changes nothing", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_NO_CHANGE_FOLLOWING_HRR);
    o = good_sh, o.hrr = 1, o.ks_group = X25519;
    client_sh_case(ctx, "HelloRetryRequest for the group already shared", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    o = good_sh, o.trailing = 0, o.truncate_to = 2 + 32 + 33 + 3 + 2 + 3;
    client_sh_case(ctx, "ServerHello cut inside its extensions", &o, MINTLS_ALERT_DECODE_ERROR,
                   SSL_R_BAD_LENGTH);

    /* A second HelloRetryRequest (4.1.4): unexpected_message. */
    hostile_peer p;
    case_name = "second HelloRetryRequest";
    CHECK(client_start(&p, ctx));
    o = good_sh, o.hrr = 1, o.ks_group = P256;
    CHECK(send_sh(&p, &o));
    int r = SSL_connect(p.ssl);
    CHECK(r == -1 && SSL_get_error(p.ssl, r) == SSL_ERROR_WANT_READ);
    hp_receive(&p); /* CCS and the second ClientHello */
    CHECK(p.nrecs == 2 && p.recs[0].type == MINTLS_CT_CHANGE_CIPHER_SPEC &&
          p.recs[1].type == MINTLS_CT_HANDSHAKE);
    o.ks_group = P384;
    CHECK(send_sh(&p, &o));
    expect_alert(&p, SSL_connect(p.ssl), MINTLS_ALERT_UNEXPECTED_MESSAGE, 0,
                 SSL_R_UNEXPECTED_MESSAGE);
    hp_free(&p);
}

/* Flaws after the ServerHello: the client answers under its handshake key. */
typedef enum {
    F_EE_FORBIDDEN_EXT,
    F_EE_UNSOLICITED_EXT,
    F_CERT_EMPTY,
    F_CV_BAD_SIGNATURE,
    F_CV_SCHEME_NOT_OFFERED,
    F_FINISHED_WRONG,
    F_FINISHED_BEFORE_CERT,
    F_SECOND_SERVER_HELLO,
    F_BAD_RECORD_MAC,
    F_RECORD_OVERFLOW,
    F_PLAINTEXT_OVERFLOW,
    F_ALL_PADDING,
    F_CCS_BAD_BODY,
    F_UNKNOWN_INNER_TYPE,
    F_APP_DATA_EARLY,
    F_PLAINTEXT_HANDSHAKE,
} client_flaw;

static void client_encrypted_case(SSL_CTX *ctx, const char *name, client_flaw f, int alert,
                                  int reason)
{
    hostile_peer p;
    case_name = name;
    CHECK(client_start(&p, ctx));
    CHECK(client_to_handshake_keys(&p));
    uint8_t big[16384 + 2];
    memset(big, 'A', sizeof(big));
    int ok = 1;
    switch (f) {
    case F_EE_FORBIDDEN_EXT:
        ok = send_ee(&p, MINTLS_EXT_KEY_SHARE);
        break;
    case F_EE_UNSOLICITED_EXT:
        ok = send_ee(&p, 0x1234);
        break;
    case F_CERT_EMPTY:
        ok = send_ee(&p, 0) && send_certificate(&p, 1);
        break;
    case F_CV_BAD_SIGNATURE:
        ok = send_ee(&p, 0) && send_certificate(&p, 0) &&
             send_certificate_verify(&p, 0x0403, 1);
        break;
    case F_CV_SCHEME_NOT_OFFERED:
        ok = send_ee(&p, 0) && send_certificate(&p, 0) &&
             send_certificate_verify(&p, 0x0201, 0);
        break;
    case F_FINISHED_WRONG:
        ok = send_server_auth(&p) && send_finished(&p, p.s_hs, 1);
        break;
    case F_FINISHED_BEFORE_CERT:
        ok = send_ee(&p, 0) && send_finished(&p, p.s_hs, 0);
        break;
    case F_SECOND_SERVER_HELLO: {
        size_t len;
        uint8_t *m = build_sh(&p, &good_sh, &len);
        ok = m != NULL && hp_send(&p, MINTLS_CT_HANDSHAKE, m, len);
        OPENSSL_free(m);
        break;
    }
    case F_BAD_RECORD_MAC: {
        static const uint8_t ee[] = {MINTLS_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0};
        ok = hp_send_sealed_raw(&p, MINTLS_CT_HANDSHAKE, ee, sizeof(ee), 0, 1);
        break;
    }
    case F_RECORD_OVERFLOW: {
        /* Only the header is needed: the length alone is fatal. */
        uint8_t hdr[5] = {MINTLS_CT_APPLICATION_DATA, 3, 3, (16384 + 257) >> 8,
                          (16384 + 257) & 0xff};
        ok = hp_send_bytes(&p, hdr, sizeof(hdr));
        break;
    }
    case F_PLAINTEXT_OVERFLOW:
        ok = hp_send_sealed_raw(&p, MINTLS_CT_HANDSHAKE, big, 16385, 0, 0);
        break;
    case F_ALL_PADDING:
        ok = hp_send_sealed_raw(&p, 0, NULL, 0, 20, 0);
        break;
    case F_CCS_BAD_BODY: {
        static const uint8_t ccs[] = {MINTLS_CT_CHANGE_CIPHER_SPEC, 3, 3, 0, 1, 2};
        ok = hp_send_bytes(&p, ccs, sizeof(ccs));
        break;
    }
    case F_UNKNOWN_INNER_TYPE:
        ok = hp_send_sealed_raw(&p, 0x19, big, 10, 0, 0);
        break;
    case F_APP_DATA_EARLY:
        ok = hp_send(&p, MINTLS_CT_APPLICATION_DATA, big, 10);
        break;
    case F_PLAINTEXT_HANDSHAKE: {
        static const uint8_t ee[] = {MINTLS_CT_HANDSHAKE, 3, 3, 0, 6,
                                     MINTLS_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2, 0, 0};
        ok = hp_send_bytes(&p, ee, sizeof(ee));
        break;
    }
    }
    CHECK(ok);
    expect_alert(&p, SSL_connect(p.ssl), alert, 1, reason);
    hp_free(&p);
}

static void client_encrypted_cases(SSL_CTX *ctx)
{
    client_encrypted_case(ctx, "EncryptedExtensions with key_share", F_EE_FORBIDDEN_EXT,
                          MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
    client_encrypted_case(ctx, "EncryptedExtensions with an unknown extension",
                          F_EE_UNSOLICITED_EXT, MINTLS_ALERT_UNSUPPORTED_EXTENSION,
                          SSL_R_UNSOLICITED_EXTENSION);
    client_encrypted_case(ctx, "Certificate empty", F_CERT_EMPTY, MINTLS_ALERT_DECODE_ERROR,
                          SSL_R_LENGTH_MISMATCH);
    client_encrypted_case(ctx, "CertificateVerify bad signature", F_CV_BAD_SIGNATURE,
                          MINTLS_ALERT_DECRYPT_ERROR, SSL_R_BAD_SIGNATURE);
    client_encrypted_case(ctx, "CertificateVerify scheme not offered", F_CV_SCHEME_NOT_OFFERED,
                          MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_SIGNATURE_TYPE);
    client_encrypted_case(ctx, "Finished wrong", F_FINISHED_WRONG, MINTLS_ALERT_DECRYPT_ERROR,
                          SSL_R_DIGEST_CHECK_FAILED);
    client_encrypted_case(ctx, "Finished before Certificate", F_FINISHED_BEFORE_CERT,
                          MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    client_encrypted_case(ctx, "second ServerHello, encrypted", F_SECOND_SERVER_HELLO,
                          MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    client_encrypted_case(ctx, "bad record MAC", F_BAD_RECORD_MAC,
                          MINTLS_ALERT_BAD_RECORD_MAC, SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC);
    client_encrypted_case(ctx, "record over 2^14+256", F_RECORD_OVERFLOW,
                          MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_ENCRYPTED_LENGTH_TOO_LONG);
    client_encrypted_case(ctx, "plaintext over 2^14", F_PLAINTEXT_OVERFLOW,
                          MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_DATA_LENGTH_TOO_LONG);
    client_encrypted_case(ctx, "all-zero inner plaintext", F_ALL_PADDING,
                          MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE);
    /* OpenSSL 3.0 answers illegal_parameter here (RFC 8446 5: unexpected_message). */
    client_encrypted_case(ctx, "change_cipher_spec with a wrong body", F_CCS_BAD_BODY,
                          MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INVALID_CCS_MESSAGE);
    client_encrypted_case(ctx, "unknown inner content type", F_UNKNOWN_INNER_TYPE,
                          MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE);
    client_encrypted_case(ctx, "application data before the handshake completes",
                          F_APP_DATA_EARLY, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                          SSL_R_UNEXPECTED_RECORD);
    client_encrypted_case(ctx, "plaintext handshake record under handshake keys",
                          F_PLAINTEXT_HANDSHAKE, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                          SSL_R_BAD_RECORD_TYPE);
}

/* Record-level flaws before any key. */
static void client_plaintext_record_cases(SSL_CTX *ctx)
{
    static const struct {
        const char *name;
        uint8_t hdr[5];
        int alert, reason;
    } cases[] = {
        {"unknown record type", {0x19, 3, 3, 0, 1}, MINTLS_ALERT_UNEXPECTED_MESSAGE,
         SSL_R_UNEXPECTED_RECORD},
        {"record version 2.1", {MINTLS_CT_HANDSHAKE, 2, 1, 0, 1}, MINTLS_ALERT_PROTOCOL_VERSION,
         SSL_R_WRONG_VERSION_NUMBER},
        {"plaintext record over 2^14", {MINTLS_CT_HANDSHAKE, 3, 3, 0x40, 0x01},
         MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_DATA_LENGTH_TOO_LONG},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hostile_peer p;
        case_name = cases[i].name;
        CHECK(client_start(&p, ctx));
        uint8_t rec[6];
        memcpy(rec, cases[i].hdr, 5);
        rec[5] = 0;
        CHECK(hp_send_bytes(&p, rec, sizeof(rec)));
        expect_alert(&p, SSL_connect(p.ssl), cases[i].alert, 0, cases[i].reason);
        hp_free(&p);
    }

    /* The ServerHello and the start of EncryptedExtensions in one record:
       a message may not straddle the key change (5.1). */
    hostile_peer p;
    case_name = "handshake message across a key change";
    CHECK(client_start(&p, ctx));
    size_t len;
    uint8_t *m = build_sh(&p, &good_sh, &len);
    uint8_t both[512];
    memcpy(both, m, len);
    static const uint8_t ee_start[] = {MINTLS_HS_ENCRYPTED_EXTENSIONS, 0, 0, 2};
    memcpy(both + len, ee_start, sizeof(ee_start));
    CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, both, len + sizeof(ee_start)));
    OPENSSL_free(m);
    expect_alert(&p, SSL_connect(p.ssl), MINTLS_ALERT_UNEXPECTED_MESSAGE, 0,
                 SSL_R_NOT_ON_RECORD_BOUNDARY);
    hp_free(&p);
}

/* A whole, good handshake; then a change_cipher_spec. */
static void client_after_handshake_cases(SSL_CTX *ctx)
{
    hostile_peer p;

    /* The all-zero X25519 share: as OpenSSL 3.0, libcrypto's derive error,
       then SSL_R_BAD_KEY_SHARE. */
    case_name = "ServerHello with the all-zero X25519 share";
    CHECK(client_start(&p, ctx));
    sh_opts o = good_sh;
    o.zero_share = 1;
    CHECK(send_sh(&p, &o));
    expect_alert_ex(&p, SSL_connect(p.ssl), MINTLS_ALERT_ILLEGAL_PARAMETER, 0,
                    SSL_R_BAD_KEY_SHARE, 1);
    hp_free(&p);

    /* The server's Finished and the start of another message in one record:
       the Finished ends the server's handshake key (5.1). */
    case_name = "server Finished and more in one record";
    CHECK(client_start(&p, ctx));
    CHECK(client_to_handshake_keys(&p));
    CHECK(send_server_auth(&p));
    uint8_t fin[4 + 48 + 4] = {MINTLS_HS_FINISHED, 0, 0, (uint8_t)p.ks.hash_len};
    CHECK(hp_finished(&p, p.s_hs, fin + 4));
    static const uint8_t next[] = {MINTLS_HS_NEW_SESSION_TICKET, 0, 0, 10};
    memcpy(fin + 4 + p.ks.hash_len, next, sizeof(next));
    CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, fin, 4 + p.ks.hash_len + sizeof(next)));
    expect_alert(&p, SSL_connect(p.ssl), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_NOT_ON_RECORD_BOUNDARY);
    hp_free(&p);

    case_name = "change_cipher_spec after the handshake";
    CHECK(client_start(&p, ctx));
    CHECK(client_to_handshake_keys(&p));
    CHECK(send_server_auth(&p) && send_finished(&p, p.s_hs, 0));
    CHECK(SSL_connect(p.ssl) == 1);
    hp_receive(&p); /* CCS, then the client's Finished */
    CHECK(p.nrecs == 2 && p.recs[0].type == MINTLS_CT_CHANGE_CIPHER_SPEC &&
          p.recs[1].type == MINTLS_CT_HANDSHAKE && p.recs[1].encrypted);
    CHECK(hp_derive_application(&p) && hp_install(&p, p.c_ap, 0) && hp_install(&p, p.s_ap, 1));
    static const uint8_t one = 1;
    CHECK(hp_send(&p, MINTLS_CT_CHANGE_CIPHER_SPEC, &one, 1));
    char buf[8];
    /* OpenSSL 3.0 takes a CCS only during the first handshake. */
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_BAD_RECORD_TYPE);
    hp_free(&p);
}

/* ---- the server side: mintls is the server ----------------------------------------- */

typedef struct {
    uint16_t legacy_version;
    uint16_t suites[3];
    size_t n_suites;
    uint8_t comp[2];
    size_t n_comp;
    int versions;       /* 1: {TLS 1.3}; 2: {TLS 1.2}; 0: omitted */
    uint16_t groups[3]; /* supported_groups; n_groups 0: omitted */
    size_t n_groups;
    int sigalgs;
    int key_share;      /* the extension (maybe with no entry) */
    uint16_t share_group; /* 0: an empty list */
    int share_zero;     /* the share is 32 zero bytes */
    int dup_ext;        /* supported_groups twice */
    int psk_not_last;   /* pre_shared_key, then another extension */
    uint8_t sid[32];
} ch_opts;

static ch_opts good_ch(void)
{
    ch_opts o;
    memset(&o, 0, sizeof(o));
    o.legacy_version = 0x0303;
    o.suites[0] = AES128;
    o.suites[1] = AES256;
    o.n_suites = 2;
    o.n_comp = 1;
    o.versions = 1;
    o.groups[0] = X25519;
    o.groups[1] = P256;
    o.n_groups = 2;
    o.sigalgs = 1;
    o.key_share = 1;
    o.share_group = X25519;
    memset(o.sid, 0x5a, sizeof(o.sid));
    return o;
}

static uint8_t *build_ch(hostile_peer *p, const ch_opts *o, size_t *len)
{
    uint8_t random[32], buf[64];
    RAND_bytes(random, sizeof(random));
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_begin(&w, MINTLS_HS_CLIENT_HELLO);
    mintls_writer_put_u16(&w, o->legacy_version);
    mintls_writer_put_bytes(&w, random, 32);
    mintls_writer_put_prefixed(&w, 1, o->sid, 32);
    mintls_writer_open(&w, 2);
    for (size_t i = 0; i < o->n_suites; i++)
        mintls_writer_put_u16(&w, o->suites[i]);
    mintls_writer_close(&w);
    mintls_writer_put_prefixed(&w, 1, o->comp, o->n_comp);
    mintls_writer_open(&w, 2);
    if (o->versions) {
        uint8_t v[3] = {2, 3, o->versions == 1 ? 4 : 3};
        put_ext(&w, MINTLS_EXT_SUPPORTED_VERSIONS, v, 3);
    }
    if (o->n_groups) {
        buf[0] = 0;
        buf[1] = (uint8_t)(2 * o->n_groups);
        for (size_t i = 0; i < o->n_groups; i++) {
            buf[2 + 2 * i] = (uint8_t)(o->groups[i] >> 8);
            buf[3 + 2 * i] = (uint8_t)o->groups[i];
        }
        for (int k = 0; k < (o->dup_ext ? 2 : 1); k++)
            put_ext(&w, MINTLS_EXT_SUPPORTED_GROUPS, buf, 2 + 2 * o->n_groups);
    }
    if (o->sigalgs) {
        static const uint8_t sa[] = {0, 4, 0x04, 0x03, 0x08, 0x04};
        put_ext(&w, MINTLS_EXT_SIGNATURE_ALGORITHMS, sa, sizeof(sa));
    }
    if (o->key_share) {
        size_t n = 2;
        if (o->share_group) {
            buf[2] = (uint8_t)(o->share_group >> 8);
            buf[3] = (uint8_t)o->share_group;
            buf[4] = 0;
            buf[5] = 32;
            if (o->share_zero)
                memset(buf + 6, 0, 32);
            else
                memcpy(buf + 6, p->pub, 32);
            n += 36;
        }
        buf[0] = 0;
        buf[1] = (uint8_t)(n - 2);
        put_ext(&w, MINTLS_EXT_KEY_SHARE, buf, n);
    }
    if (o->psk_not_last) {
        static const uint8_t modes[] = {1, 1};
        put_ext(&w, MINTLS_EXT_PSK_KEY_EXCHANGE_MODES, modes, sizeof(modes));
        /* identities: one {identity "id", age 0}; binders: one of 32 bytes */
        uint8_t psk[2 + 2 + 2 + 4 + 2 + 1 + 32];
        memset(psk, 0, sizeof(psk));
        psk[1] = 8, psk[3] = 2, psk[4] = 'i', psk[5] = 'd';
        psk[11] = 33, psk[12] = 32;
        put_ext(&w, MINTLS_EXT_PRE_SHARED_KEY, psk, sizeof(psk));
        static const uint8_t pad[] = {0, 0};
        put_ext(&w, MINTLS_EXT_PADDING, pad, sizeof(pad));
    }
    mintls_writer_close(&w);
    mintls_hs_end(&w);
    return hp_take(&w, len);
}

static int send_ch(hostile_peer *p, const ch_opts *o)
{
    size_t len;
    uint8_t *m = build_ch(p, o, &len);
    int ok = m != NULL && hp_send_hs(p, m, len);
    OPENSSL_free(m);
    return ok;
}

static void server_ch_case(SSL_CTX *ctx, const char *name, const ch_opts *o, int alert,
                           int reason)
{
    hostile_peer p;
    case_name = name;
    CHECK(hp_init(&p, ctx, 1));
    CHECK(send_ch(&p, o));
    expect_alert(&p, SSL_accept(p.ssl), alert, 0, reason);
    hp_free(&p);
}

static void server_client_hello_cases(SSL_CTX *ctx)
{
    ch_opts o;
    o = good_ch(), o.versions = 0, o.suites[0] = 0xc02f, o.n_suites = 1, o.n_groups = 0,
    o.key_share = 0;
    server_ch_case(ctx, "ClientHello TLS 1.2 only", &o, MINTLS_ALERT_PROTOCOL_VERSION,
                   SSL_R_UNSUPPORTED_PROTOCOL);
    o = good_ch(), o.n_groups = 0, o.key_share = 0;
    server_ch_case(ctx, "ClientHello without key_share and supported_groups", &o,
                   MINTLS_ALERT_MISSING_EXTENSION, SSL_R_NO_SUITABLE_KEY_SHARE);
    o = good_ch(), o.sigalgs = 0;
    server_ch_case(ctx, "ClientHello without signature_algorithms", &o,
                   MINTLS_ALERT_MISSING_EXTENSION, SSL_R_MISSING_SIGALGS_EXTENSION);
    o = good_ch(), o.dup_ext = 1;
    server_ch_case(ctx, "ClientHello with a duplicated extension", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
    o = good_ch(), o.comp[0] = 0, o.comp[1] = 1, o.n_comp = 2;
    server_ch_case(ctx, "ClientHello compression methods {null, 1}", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INVALID_COMPRESSION_ALGORITHM);
    o = good_ch(), o.psk_not_last = 1;
    server_ch_case(ctx, "ClientHello pre_shared_key not last", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
    o = good_ch(), o.groups[0] = P256, o.n_groups = 1;
    server_ch_case(ctx, "ClientHello key_share for a group not listed", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    o = good_ch(), o.n_groups = 0;
    server_ch_case(ctx, "ClientHello key_share without supported_groups", &o,
                   MINTLS_ALERT_MISSING_EXTENSION, SSL_R_MISSING_SUPPORTED_GROUPS_EXTENSION);
    o = good_ch(), o.sigalgs = 0, o.groups[0] = P256, o.n_groups = 1;
    server_ch_case(ctx, "ClientHello without signature_algorithms, share not listed", &o,
                   MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    o = good_ch(), o.sigalgs = 0, o.comp[0] = 0, o.comp[1] = 1, o.n_comp = 2;
    server_ch_case(ctx, "ClientHello without signature_algorithms, compression {null, 1}", &o,
                   MINTLS_ALERT_MISSING_EXTENSION, SSL_R_MISSING_SIGALGS_EXTENSION);

    /* The all-zero X25519 share (RFC 8446 7.4.2): as OpenSSL 3.0, libcrypto's
       derive error, then SSL_R_BAD_KEY_SHARE. */
    hostile_peer p;
    case_name = "ClientHello with the all-zero X25519 share";
    o = good_ch(), o.share_zero = 1;
    CHECK(hp_init(&p, ctx, 1));
    CHECK(send_ch(&p, &o));
    expect_alert_ex(&p, SSL_accept(p.ssl), MINTLS_ALERT_ILLEGAL_PARAMETER, 0,
                    SSL_R_BAD_KEY_SHARE, 1);
    hp_free(&p);

    /* The ClientHello and the start of another message in one record (5.1). */
    case_name = "ClientHello and more in one record";
    CHECK(hp_init(&p, ctx, 1));
    size_t len;
    o = good_ch();
    uint8_t *m = build_ch(&p, &o, &len);
    uint8_t both[1024];
    CHECK(m != NULL && len + 4 <= sizeof(both));
    if (m != NULL && len + 4 <= sizeof(both)) {
        static const uint8_t fin_start[] = {MINTLS_HS_FINISHED, 0, 0, 32};
        memcpy(both, m, len);
        memcpy(both + len, fin_start, sizeof(fin_start));
        CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, both, len + sizeof(fin_start)));
    }
    OPENSSL_free(m);
    expect_alert(&p, SSL_accept(p.ssl), MINTLS_ALERT_UNEXPECTED_MESSAGE, 0,
                 SSL_R_NOT_ON_RECORD_BOUNDARY);
    hp_free(&p);
}

/* A first ClientHello with no usable share, so that mintls asks again. */
static void server_hrr_case(SSL_CTX *ctx, const char *name, int change_suite, int reason)
{
    hostile_peer p;
    case_name = name;
    CHECK(hp_init(&p, ctx, 1));
    ch_opts o = good_ch();
    o.share_group = 0;
    CHECK(send_ch(&p, &o));
    int r = SSL_accept(p.ssl);
    CHECK(r == -1 && SSL_get_error(p.ssl, r) == SSL_ERROR_WANT_READ);
    hp_receive(&p); /* HelloRetryRequest and CCS */
    CHECK(p.nrecs == 2 && p.recs[0].type == MINTLS_CT_HANDSHAKE &&
          p.recs[0].len > 38 && memcmp(p.recs[0].data + 6, mintls_hrr_random, 32) == 0);
    if (change_suite) {
        o.share_group = X25519;
        o.suites[0] = AES256;
        o.n_suites = 1;
    }
    CHECK(send_ch(&p, &o));
    expect_alert(&p, SSL_accept(p.ssl), MINTLS_ALERT_ILLEGAL_PARAMETER, 0, reason);
    hp_free(&p);
}

/* The server's flight as it arrives: the ServerHello gives the handshake
   keys, the encrypted messages go to the transcript. */
static int server_flight_record(hostile_peer *p, const hp_record *r)
{
    if (r->type != MINTLS_CT_HANDSHAKE)
        return 1;
    if (r->encrypted)
        return mintls_transcript_update(&p->tr, r->data, r->len);
    uint8_t alert;
    int ok = r->len > 4 && r->data[0] == MINTLS_HS_SERVER_HELLO &&
             mintls_server_hello_parse(r->data + 4, r->len - 4, MINTLS_EXT_ANY_REQUESTED, &p->sh,
                                       &alert) &&
             p->sh.cipher_suite == AES128 && p->sh.ext.key_share_group == X25519 &&
             p->sh.ext.key_share_key.len == 32;
    if (!ok)
        return 0;
    memcpy(p->their_pub, p->sh.ext.key_share_key.p, 32);
    p->their_pub_len = 32;
    return mintls_transcript_set_hash(&p->tr, p->suite->md()) &&
           mintls_transcript_update(&p->tr, r->data, r->len) && hp_derive_handshake(p) &&
           hp_install(p, p->s_hs, 0) && hp_install(p, p->c_hs, 1);
}

/* A good ClientHello and mintls's whole flight read; then one flaw. */
static void server_after_flight_case(SSL_CTX *ctx, const char *name, int app_data, int reason)
{
    hostile_peer p;
    case_name = name;
    CHECK(hp_init(&p, ctx, 1));
    ch_opts o = good_ch();
    CHECK(send_ch(&p, &o));
    int r = SSL_accept(p.ssl);
    CHECK(r == -1 && SSL_get_error(p.ssl, r) == SSL_ERROR_WANT_READ);
    p.on_record = server_flight_record;
    hp_receive(&p);
    p.on_record = NULL;
    /* ServerHello, CCS, EncryptedExtensions, Certificate, CertificateVerify, Finished. */
    const uint8_t *fin;
    size_t fin_len;
    CHECK(!p.bad_record && p.nrecs == 6 && p.recs[5].encrypted &&
          hp_find_hs(&p, MINTLS_HS_FINISHED, &fin, &fin_len));
    /* mintls now writes under its application key. */
    CHECK(hp_derive_application(&p) && hp_install(&p, p.s_ap, 0));
    static const uint8_t one = 1;
    CHECK(hp_send(&p, MINTLS_CT_CHANGE_CIPHER_SPEC, &one, 1));
    if (app_data)
        CHECK(hp_send(&p, MINTLS_CT_APPLICATION_DATA, (const uint8_t *)"early", 5));
    else
        CHECK(send_finished(&p, p.c_hs, 1));
    expect_alert(&p, SSL_accept(p.ssl),
                 app_data ? MINTLS_ALERT_UNEXPECTED_MESSAGE : MINTLS_ALERT_DECRYPT_ERROR, 1,
                 reason);
    hp_free(&p);
}

/* ---- after the handshake: NewSessionTicket and KeyUpdate (RFC 8446 4.6, 5.1) --------- */

/* A whole, good handshake with the mintls client; then both of the peer's
   directions under the application keys. */
static int client_connected(hostile_peer *p, SSL_CTX *ctx)
{
    if (!client_start(p, ctx) || !client_to_handshake_keys(p) || !send_server_auth(p) ||
        !send_finished(p, p->s_hs, 0) || SSL_connect(p->ssl) != 1)
        return 0;
    hp_receive(p); /* CCS, then the client's Finished */
    return p->nrecs == 2 && p->recs[1].type == MINTLS_CT_HANDSHAKE && p->recs[1].encrypted &&
           hp_derive_application(p) && hp_install(p, p->c_ap, 0) && hp_install(p, p->s_ap, 1);
}

/* A whole, good handshake with the mintls server (the peer is the client);
   the tickets mintls sends after it are read and dropped. */
static int server_connected(hostile_peer *p, SSL_CTX *ctx)
{
    ch_opts o = good_ch();
    if (!hp_init(p, ctx, 1) || !send_ch(p, &o))
        return 0;
    int r = SSL_accept(p->ssl);
    if (r != -1 || SSL_get_error(p->ssl, r) != SSL_ERROR_WANT_READ)
        return 0;
    p->on_record = server_flight_record;
    hp_receive(p);
    p->on_record = NULL;
    static const uint8_t one = 1;
    if (p->bad_record || p->nrecs != 6 || !hp_derive_application(p) ||
        !hp_install(p, p->s_ap, 0) || !hp_send(p, MINTLS_CT_CHANGE_CIPHER_SPEC, &one, 1) ||
        !send_finished(p, p->c_hs, 0) || !hp_install(p, p->c_ap, 1) || SSL_accept(p->ssl) != 1)
        return 0;
    hp_receive(p);
    return !p->bad_record;
}

/* A NewSessionTicket with a ticket of ticket_len bytes filled with tag and,
   when ext_len is not 0, one unknown extension of ext_len bytes (all of its
   body; clients ignore what they do not know, 4.6.1). */
static uint8_t *build_nst(uint32_t lifetime, uint8_t tag, size_t nonce_len, size_t ticket_len,
                          size_t ext_len, size_t *len)
{
    static uint8_t buf[65535];
    uint8_t nonce[255];
    memset(nonce, tag ^ 0x5a, sizeof(nonce));
    memset(buf, tag, sizeof(buf));
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_begin(&w, MINTLS_HS_NEW_SESSION_TICKET);
    mintls_writer_put_u32(&w, lifetime);
    mintls_writer_put_u32(&w, 0x01020304);
    mintls_writer_put_prefixed(&w, 1, nonce, nonce_len);
    mintls_writer_put_prefixed(&w, 2, buf, ticket_len);
    mintls_writer_open(&w, 2);
    if (ext_len) {
        memset(buf, 0, ext_len - 4);
        put_ext(&w, 0x7a7a, buf, ext_len - 4);
    }
    mintls_writer_close(&w);
    mintls_hs_end(&w);
    return hp_take(&w, len);
}

static uint8_t *small_nst(uint32_t lifetime, uint8_t tag, size_t *len)
{
    return build_nst(lifetime, tag, 8, 100, 0, len);
}

static const uint8_t ku_requested[] = {MINTLS_HS_KEY_UPDATE, 0, 0, 1, 1};
static const uint8_t ku_not_requested[] = {MINTLS_HS_KEY_UPDATE, 0, 0, 1, 0};

static int send_hs_part(hostile_peer *p, const uint8_t *m, size_t from, size_t to)
{
    return hp_send(p, MINTLS_CT_HANDSHAKE, m + from, to - from);
}

static int send_app(hostile_peer *p, const char *s)
{
    return hp_send(p, MINTLS_CT_APPLICATION_DATA, (const uint8_t *)s, strlen(s));
}

/* SSL_read must want more (a message is still in pieces). */
static int read_wants_more(hostile_peer *p)
{
    char buf[16];
    int r = SSL_read(p->ssl, buf, sizeof(buf));
    return CHECK(r == -1 && SSL_get_error(p->ssl, r) == SSL_ERROR_WANT_READ);
}

/* SSL_read must give exactly want. */
static int read_is(hostile_peer *p, const char *want)
{
    char buf[64];
    int r = SSL_read(p->ssl, buf, sizeof(buf));
    int ok = CHECK(r == (int)strlen(want) && memcmp(buf, want, strlen(want)) == 0);
    if (!ok)
        fprintf(stderr, "  %s: SSL_read %d (error %d, reason %d)\n", case_name, r,
                SSL_get_error(p->ssl, r), ERR_GET_REASON(ERR_peek_error()));
    return ok;
}

/* The client kept the ticket: the session has one, with this lifetime hint. */
static int has_ticket(hostile_peer *p, unsigned long hint)
{
    SSL_SESSION *s = SSL_get_session(p->ssl);
    return CHECK(s != NULL && SSL_SESSION_has_ticket(s) == 1) &&
           CHECK(SSL_SESSION_get_ticket_lifetime_hint(s) == hint);
}

/* The peer reads the client's records under its next key from the one
   after its KeyUpdate on. */
static int rekey_on_key_update(hostile_peer *p, const hp_record *r)
{
    if (r->type == MINTLS_CT_HANDSHAKE && r->len > 0 && r->data[0] == MINTLS_HS_KEY_UPDATE)
        return hp_next_key(p, p->c_ap, 0);
    return 1;
}

/* A NewSessionTicket in three records, cut 2 bytes into its header and 12
   bytes into its body; then application data. trickle: the whole lot
   reaches the client one byte per SSL_read. */
static void client_split_ticket_case(SSL_CTX *ctx, int trickle)
{
    hostile_peer p;
    case_name = trickle ? "NewSessionTicket in three records, one byte at a time"
                        : "NewSessionTicket in three records, cut inside its header";
    CHECK(client_connected(&p, ctx));
    CHECK(SSL_SESSION_has_ticket(SSL_get_session(p.ssl)) == 0);
    size_t len;
    uint8_t *m = small_nst(7200, 0xa1, &len);
    CHECK(m != NULL && len > 16);
    if (m == NULL || len <= 16) {
        hp_free(&p);
        return;
    }
    CHECK(send_hs_part(&p, m, 0, 2));
    if (!trickle) {
        CHECK(read_wants_more(&p));
        /* Allocated only while a message is in pieces. */
        CHECK(p.ssl->post_hs != NULL);
    }
    CHECK(send_hs_part(&p, m, 2, 16));
    if (!trickle) {
        CHECK(read_wants_more(&p));
        CHECK(p.ssl->post_hs != NULL);
    }
    CHECK(send_hs_part(&p, m, 16, len));
    CHECK(send_app(&p, "hello"));
    OPENSSL_free(m);
    if (trickle) {
        size_t n;
        uint8_t *all = hp_take_unread(&p, &n);
        CHECK(all != NULL && n > 4 * 5 + len);
        int ok = 1;
        for (size_t i = 0; all != NULL && ok && i + 1 < n; i++) {
            ok &= CHECK(hp_send_bytes(&p, all + i, 1));
            ok &= read_wants_more(&p);
        }
        CHECK(all != NULL && n > 0 && hp_send_bytes(&p, all + n - 1, 1));
        free(all);
    }
    CHECK(read_is(&p, "hello"));
    CHECK(p.ssl->post_hs == NULL);
    CHECK(has_ticket(&p, 7200));
    CHECK(BIO_ctrl_pending(p.from_ssl) == 0); /* a ticket needs no answer */
    hp_free(&p);
}

/* A maximal NewSessionTicket (body 131338 bytes: the largest OpenSSL 3.0
   takes) over nine records; then data. */
static void client_largest_ticket_case(SSL_CTX *ctx)
{
    hostile_peer p;
    case_name = "NewSessionTicket of 131338 bytes over nine records";
    CHECK(client_connected(&p, ctx));
    size_t len;
    uint8_t *m = build_nst(300, 0xb2, 255, 65535, 65535, &len);
    CHECK(m != NULL && len == 4 + 131338);
    for (size_t off = 0; m != NULL && off < len; off += 16384)
        CHECK(send_hs_part(&p, m, off, off + 16384 < len ? off + 16384 : len));
    OPENSSL_free(m);
    CHECK(send_app(&p, "big"));
    CHECK(read_is(&p, "big"));
    CHECK(p.ssl->post_hs == NULL);
    CHECK(has_ticket(&p, 300));
    hp_free(&p);
}

static void client_post_handshake_cases(SSL_CTX *ctx)
{
    hostile_peer p;
    size_t len, len2;
    uint8_t *m, *m2, rec[1024];

    client_split_ticket_case(ctx, 0);
    client_split_ticket_case(ctx, 1);
    client_largest_ticket_case(ctx);

    /* Two tickets in one record: both handled, the last one kept. */
    case_name = "two NewSessionTickets in one record";
    CHECK(client_connected(&p, ctx));
    m = small_nst(100, 0xc1, &len);
    m2 = small_nst(200, 0xc2, &len2);
    CHECK(m != NULL && m2 != NULL && len + len2 <= sizeof(rec));
    if (m != NULL && m2 != NULL && len + len2 <= sizeof(rec)) {
        memcpy(rec, m, len);
        memcpy(rec + len, m2, len2);
        CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, rec, len + len2));
    }
    OPENSSL_free(m);
    OPENSSL_free(m2);
    CHECK(send_app(&p, "two"));
    CHECK(read_is(&p, "two"));
    CHECK(p.ssl->post_hs == NULL);
    CHECK(has_ticket(&p, 200));
    CHECK(BIO_ctrl_pending(p.from_ssl) == 0);
    hp_free(&p);

    /* A KeyUpdate (update_requested) in two records; data under the peer's
       next key. The client answers with its own KeyUpdate (under its old
       key), then writes under its next one. */
    case_name = "KeyUpdate in two records";
    CHECK(client_connected(&p, ctx));
    CHECK(send_hs_part(&p, ku_requested, 0, 3));
    CHECK(read_wants_more(&p));
    CHECK(p.ssl->post_hs != NULL);
    CHECK(send_hs_part(&p, ku_requested, 3, sizeof(ku_requested)));
    CHECK(hp_next_key(&p, p.s_ap, 1));
    CHECK(send_app(&p, "rekeyed"));
    CHECK(read_is(&p, "rekeyed"));
    CHECK(p.ssl->post_hs == NULL);
    /* mintls answers at once; OpenSSL 3.0 with its next write. Either way
       the KeyUpdate comes first, under the old key, then "pong". */
    CHECK(SSL_write(p.ssl, "pong", 4) == 4);
    p.on_record = rekey_on_key_update;
    hp_receive(&p);
    p.on_record = NULL;
    CHECK(!p.bad_record && p.nrecs == 2 && p.recs[0].type == MINTLS_CT_HANDSHAKE &&
          p.recs[0].encrypted && p.recs[0].len == sizeof(ku_not_requested) &&
          memcmp(p.recs[0].data, ku_not_requested, sizeof(ku_not_requested)) == 0);
    CHECK(p.nrecs == 2 && p.recs[1].type == MINTLS_CT_APPLICATION_DATA &&
          p.recs[1].len == 4 && memcmp(p.recs[1].data, "pong", 4) == 0);
    /* And the peer's data still reads after the exchange. */
    CHECK(send_app(&p, "again"));
    CHECK(read_is(&p, "again"));
    hp_free(&p);

    /* A ticket and a KeyUpdate ending the record: fine. */
    case_name = "NewSessionTicket and KeyUpdate in one record";
    CHECK(client_connected(&p, ctx));
    m = small_nst(3600, 0xd1, &len);
    CHECK(m != NULL && len + sizeof(ku_not_requested) <= sizeof(rec));
    if (m != NULL && len + sizeof(ku_not_requested) <= sizeof(rec)) {
        memcpy(rec, m, len);
        memcpy(rec + len, ku_not_requested, sizeof(ku_not_requested));
        CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, rec, len + sizeof(ku_not_requested)));
    }
    OPENSSL_free(m);
    CHECK(hp_next_key(&p, p.s_ap, 1));
    CHECK(send_app(&p, "both"));
    CHECK(read_is(&p, "both"));
    CHECK(has_ticket(&p, 3600));
    CHECK(BIO_ctrl_pending(p.from_ssl) == 0); /* not requested: no answer */
    hp_free(&p);

    /* A KeyUpdate, then a ticket in the same record: the key change does not
       end the record (5.1). Nothing answers the KeyUpdate. */
    case_name = "KeyUpdate then NewSessionTicket in one record";
    CHECK(client_connected(&p, ctx));
    m = small_nst(3600, 0xe1, &len);
    CHECK(m != NULL && len + sizeof(ku_requested) <= sizeof(rec));
    if (m != NULL && len + sizeof(ku_requested) <= sizeof(rec)) {
        memcpy(rec, ku_requested, sizeof(ku_requested));
        memcpy(rec + sizeof(ku_requested), m, len);
        CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, rec, len + sizeof(ku_requested)));
    }
    OPENSSL_free(m);
    char buf[16];
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_NOT_ON_RECORD_BOUNDARY);
    CHECK(p.nrecs == 1);
    hp_free(&p);

    /* The same with the KeyUpdate itself in pieces: its second piece is
       followed by the ticket. */
    case_name = "split KeyUpdate then NewSessionTicket in one record";
    CHECK(client_connected(&p, ctx));
    m = small_nst(3600, 0xe2, &len);
    CHECK(send_hs_part(&p, ku_requested, 0, 2));
    CHECK(read_wants_more(&p));
    CHECK(m != NULL && len + 3 <= sizeof(rec));
    if (m != NULL && len + 3 <= sizeof(rec)) {
        memcpy(rec, ku_requested + 2, 3);
        memcpy(rec + 3, m, len);
        CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, rec, len + 3));
    }
    OPENSSL_free(m);
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_NOT_ON_RECORD_BOUNDARY);
    CHECK(p.nrecs == 1);
    hp_free(&p);

    /* Application data between the pieces of a ticket, cut in its body or
       right after its header (4.6, 5.1); cut inside the header, below. */
    for (int cut = 0; cut < 2; cut++) {
        case_name = cut == 0 ? "application data inside a split NewSessionTicket body"
                             : "application data after a split NewSessionTicket header";
        CHECK(client_connected(&p, ctx));
        m = small_nst(3600, 0xf1, &len);
        CHECK(m != NULL && send_hs_part(&p, m, 0, cut == 0 ? 10 : 4));
        OPENSSL_free(m);
        CHECK(read_wants_more(&p));
        CHECK(send_app(&p, "between"));
        expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                     SSL_R_UNEXPECTED_RECORD);
        hp_free(&p);
    }

    /* A ticket whose header claims more than any ticket can be; the
       connection dies on the header, before the body arrives. */
    static const struct {
        const char *name;
        uint32_t body;
    } huge[] = {{"NewSessionTicket claiming 200000 bytes", 200000},
                {"NewSessionTicket claiming 131339 bytes", 131339}};
    for (size_t i = 0; i < sizeof(huge) / sizeof(huge[0]); i++) {
        case_name = huge[i].name;
        CHECK(client_connected(&p, ctx));
        memset(rec, 0x33, sizeof(rec));
        rec[0] = MINTLS_HS_NEW_SESSION_TICKET;
        rec[1] = (uint8_t)(huge[i].body >> 16);
        rec[2] = (uint8_t)(huge[i].body >> 8);
        rec[3] = (uint8_t)huge[i].body;
        CHECK(send_hs_part(&p, rec, 0, 2));
        CHECK(read_wants_more(&p));
        CHECK(send_hs_part(&p, rec, 2, 200));
        expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_ILLEGAL_PARAMETER, 1,
                     SSL_R_EXCESSIVE_MESSAGE_SIZE);
        hp_free(&p);
    }
}

/*
 * Post-handshake input where OpenSSL 3.0 decides on the header: what it
 * answers was measured with the system OpenSSL client (3.0.22) against a
 * scripted server. Each piece is one record; SSL_read wants more after
 * every piece but the last.
 */
typedef struct {
    const char *name;
    struct {
        const uint8_t *p;
        size_t len;
        int app; /* an application data record */
    } piece[2];
    size_t n;
    int alert, reason;
} post_hs_flaw;

static void client_post_handshake_header_cases(SSL_CTX *ctx)
{
    static const uint8_t nst_start[] = {MINTLS_HS_NEW_SESSION_TICKET, 0, 0, 120};
    static const uint8_t ku_len2[] = {MINTLS_HS_KEY_UPDATE, 0, 0, 2, 1, 0};
    static const uint8_t ku_len0[] = {MINTLS_HS_KEY_UPDATE, 0, 0, 0};
    static const uint8_t ku_bad_value[] = {MINTLS_HS_KEY_UPDATE, 0, 0, 1, 2};
    static const uint8_t nst_len0[] = {MINTLS_HS_NEW_SESSION_TICKET, 0, 0, 0};
    static const uint8_t sh_start[] = {MINTLS_HS_SERVER_HELLO, 0, 0, 0x40};
    static const uint8_t unknown_huge[] = {0x63, 0x03, 0x0d, 0x40};
    static const uint8_t app[] = "between";
    const post_hs_flaw cases[] = {
        {"application data inside a split NewSessionTicket header (1 byte)",
         {{nst_start, 1, 0}, {app, 7, 1}}, 2, MINTLS_ALERT_UNEXPECTED_MESSAGE,
         SSL_R_MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA},
        {"application data inside a split NewSessionTicket header (3 bytes)",
         {{nst_start, 3, 0}, {app, 7, 1}}, 2, MINTLS_ALERT_UNEXPECTED_MESSAGE,
         SSL_R_MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA},
        {"KeyUpdate claiming 2 bytes", {{ku_len2, sizeof(ku_len2), 0}}, 1,
         MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_EXCESSIVE_MESSAGE_SIZE},
        {"KeyUpdate header claiming 2 bytes, alone", {{ku_len2, 4, 0}}, 1,
         MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_EXCESSIVE_MESSAGE_SIZE},
        {"ServerHello header after the handshake, alone", {{sh_start, 4, 0}}, 1,
         MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE},
        {"unknown message type claiming 200000 bytes", {{unknown_huge, 4, 0}}, 1,
         MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE},
        {"KeyUpdate with an empty body", {{ku_len0, sizeof(ku_len0), 0}}, 1,
         MINTLS_ALERT_DECODE_ERROR, SSL_R_BAD_KEY_UPDATE},
        {"KeyUpdate request_update 2", {{ku_bad_value, sizeof(ku_bad_value), 0}}, 1,
         MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_UPDATE},
        {"NewSessionTicket with an empty body", {{nst_len0, sizeof(nst_len0), 0}}, 1,
         MINTLS_ALERT_DECODE_ERROR, SSL_R_LENGTH_MISMATCH},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const post_hs_flaw *f = &cases[i];
        hostile_peer p;
        char buf[16];
        case_name = f->name;
        CHECK(client_connected(&p, ctx));
        for (size_t k = 0; k < f->n; k++) {
            CHECK(hp_send(&p, f->piece[k].app ? MINTLS_CT_APPLICATION_DATA : MINTLS_CT_HANDSHAKE,
                          f->piece[k].p, f->piece[k].len));
            if (k + 1 < f->n)
                CHECK(read_wants_more(&p));
        }
        expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), f->alert, 1, f->reason);
        hp_free(&p);
    }
}

/* Post-handshake messages a client may not send (4.6.1: only servers send tickets). */
static void server_post_handshake_cases(SSL_CTX *ctx)
{
    hostile_peer p;
    size_t len;
    uint8_t *m;
    char buf[16];

    case_name = "NewSessionTicket from the client";
    CHECK(server_connected(&p, ctx));
    m = small_nst(3600, 0x11, &len);
    CHECK(m != NULL && hp_send(&p, MINTLS_CT_HANDSHAKE, m, len));
    OPENSSL_free(m);
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_UNEXPECTED_MESSAGE);
    hp_free(&p);

    case_name = "NewSessionTicket from the client, in two records";
    CHECK(server_connected(&p, ctx));
    m = small_nst(3600, 0x12, &len);
    CHECK(m != NULL && send_hs_part(&p, m, 0, 2));
    CHECK(read_wants_more(&p));
    CHECK(m != NULL && send_hs_part(&p, m, 2, len));
    OPENSSL_free(m);
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_UNEXPECTED_MESSAGE);
    hp_free(&p);

    /* As OpenSSL 3.0 (measured): the type alone is fatal, whatever the
       length says. */
    case_name = "NewSessionTicket header from the client claiming 200000 bytes";
    static const uint8_t huge[] = {MINTLS_HS_NEW_SESSION_TICKET, 0x03, 0x0d, 0x40};
    CHECK(server_connected(&p, ctx));
    CHECK(hp_send(&p, MINTLS_CT_HANDSHAKE, huge, sizeof(huge)));
    expect_alert(&p, SSL_read(p.ssl, buf, sizeof(buf)), MINTLS_ALERT_UNEXPECTED_MESSAGE, 1,
                 SSL_R_UNEXPECTED_MESSAGE);
    hp_free(&p);

    /* The server side of a split KeyUpdate: the client's next key reads. */
    case_name = "KeyUpdate from the client in two records";
    CHECK(server_connected(&p, ctx));
    CHECK(send_hs_part(&p, ku_not_requested, 0, 4));
    CHECK(read_wants_more(&p));
    CHECK(send_hs_part(&p, ku_not_requested, 4, sizeof(ku_not_requested)));
    CHECK(hp_next_key(&p, p.c_ap, 1));
    CHECK(send_app(&p, "from client"));
    CHECK(read_is(&p, "from client"));
    CHECK(BIO_ctrl_pending(p.from_ssl) == 0);
    hp_free(&p);
}

int main(void)
{
    OPENSSL_init_ssl(0, NULL);
    if (!CHECK(load_fixtures()))
        return test_summary();
    SSL_CTX *cctx = client_ctx(), *sctx = server_ctx();

    client_server_hello_cases(cctx);
    client_encrypted_cases(cctx);
    client_plaintext_record_cases(cctx);
    client_after_handshake_cases(cctx);
    client_post_handshake_cases(cctx);
    client_post_handshake_header_cases(cctx);

    server_client_hello_cases(sctx);
    server_hrr_case(sctx, "second ClientHello changes the suite", 1, SSL_R_BAD_CIPHER);
    server_hrr_case(sctx, "second ClientHello without the requested share", 0,
                    SSL_R_BAD_KEY_SHARE);
    server_after_flight_case(sctx, "client Finished wrong", 0, SSL_R_DIGEST_CHECK_FAILED);
    server_after_flight_case(sctx, "application data before the client Finished", 1,
                             SSL_R_UNEXPECTED_RECORD);
    server_post_handshake_cases(sctx);

    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
    EVP_PKEY_free(leaf_key);
    return test_summary();
}
