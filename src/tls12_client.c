/*
 * The TLS 1.2 client (RFC 5246 7.3, RFC 8422): after a ServerHello that
 * chose TLS 1.2 in answer to our one ClientHello, the server's
 * Certificate, ServerKeyExchange, optional CertificateRequest and
 * ServerHelloDone; then our Certificate (if asked), ClientKeyExchange,
 * CertificateVerify (if we sent a certificate), ChangeCipherSpec and
 * Finished; then the server's ChangeCipherSpec and Finished. Full ECDHE
 * handshakes only: no resumption, no renegotiation.
 */
#include "tls12_hs.h"

#include <string.h>

enum {
    C12_CERTIFICATE = 0,
    C12_KEY_EXCHANGE,
    C12_REQUEST_OR_DONE,
    C12_SEND_FLIGHT,
    C12_FINISHED,
};

static mintls_step_result fail(SSL *s, int alert, int reason)
{
    return mintls_tls13_fail(s, alert, reason);
}

/* RFC 5246 7.4.1.3 with RFC 5746 3.4, RFC 7627 5.2, RFC 8446 4.1.3. */
static mintls_step_result process_server_hello(SSL *s, mintls_tls12_hs *hs,
                                               const mintls_hs_msg *m)
{
    const mintls_client_hello *ch = &hs->base.ch;
    mintls_tls12_server_hello sh;
    uint8_t alert;
    unsigned requested = MINTLS_SH12_EC_POINT_FORMATS | MINTLS_SH12_EMS |
                         MINTLS_SH12_RENEGOTIATION_INFO;
    if (ch->ext.present & MINTLS_XBIT(MINTLS_X_SERVER_NAME))
        requested |= MINTLS_SH12_SERVER_NAME;
    if (ch->ext.present & MINTLS_XBIT(MINTLS_X_ALPN))
        requested |= MINTLS_SH12_ALPN;
    if (!mintls_tls12_server_hello_parse(m->body, m->body_len, requested, &sh, &alert))
        return fail(s, alert, mintls_hello_parse_reason(alert));
    if (sh.version != MINTLS_VERSION_TLS12 || !mintls_version_enabled(s, TLS1_2_VERSION))
        return fail(s, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    /* A TLS 1.3 server that fell back to 1.2 says so; a client that
       offered 1.3 refuses (RFC 8446 4.1.3). */
    if (mintls_version_enabled(s, TLS1_3_VERSION) &&
        mintls_hello_downgrade_sentinel(sh.random) != 0)
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INAPPROPRIATE_FALLBACK);
    const mintls_tls12_suite *suite = mintls_tls12_suite_by_id(sh.cipher_suite);
    if (suite == NULL || !mintls_u16_list_has(ch->cipher_suites, sh.cipher_suite))
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_CIPHER_RETURNED);
    /* We offered no session: an echo of our id would be a resumption. */
    if (sh.session_id_len != 0 && sh.session_id_len == ch->session_id_len &&
        memcmp(sh.session_id, ch->session_id, sh.session_id_len) == 0)
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INVALID_SESSION_ID);
    /* RFC 5746 3.4: as OpenSSL 3.0, a server without secure renegotiation
       is refused (SSL_OP_LEGACY_SERVER_CONNECT is not supported). */
    if (!(sh.present & MINTLS_SH12_RENEGOTIATION_INFO))
        return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_UNSAFE_LEGACY_RENEGOTIATION_DISABLED);
    if (sh.reneg_info.len != 0)
        return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_RENEGOTIATION_MISMATCH);
    if ((sh.present & MINTLS_SH12_EC_POINT_FORMATS) && memchr(sh.point_formats.p, 0,
                                                             sh.point_formats.len) == NULL)
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
    if (sh.present & MINTLS_SH12_ALPN) {
        mintls_cursor c;
        mintls_span name;
        int found = 0;
        mintls_cursor_init(&c, s->alpn_protos, s->alpn_protos_len);
        while (!found && mintls_alpn_next(&c, &name))
            found = name.len == sh.alpn.len && memcmp(name.p, sh.alpn.p, name.len) == 0;
        if (!found)
            return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
        if (!mintls_alpn_set_selected(s, sh.alpn.p, sh.alpn.len))
            return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
    }
    hs->suite = suite;
    hs->ems = (sh.present & MINTLS_SH12_EMS) != 0;
    memcpy(s->server_random, sh.random, sizeof(s->server_random));
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_SRVR_HELLO);
    hs->state = C12_CERTIFICATE;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_certificate(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    mintls_tls12_certificate cert;
    uint8_t alert;
    if (!mintls_tls12_certificate_parse(m->body, m->body_len, &cert, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (cert.count == 0)
        return fail(s, MINTLS_ALERT_DECODE_ERROR, SSL_R_LENGTH_MISMATCH);
    if (!mintls_tls12_process_peer_chain(s, hs, &cert))
        return MINTLS_STEP_ERROR;
    EVP_PKEY *key = hs->base.peer_key;
    if (hs->suite->auth == MINTLS_CERT_ECDSA) {
        /* RFC 8422 5.1: the certificate's curve must be one we offered. */
        uint16_t g = mintls_tls12_key_group(key);
        if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
            return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_WRONG_CERTIFICATE_TYPE);
        if (g == 0 || !mintls_u16_list_has(hs->base.ch.ext.supported_groups, g))
            return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_WRONG_CURVE);
    } else if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
        return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_WRONG_CERTIFICATE_TYPE);
    }
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_CERT);
    hs->state = C12_KEY_EXCHANGE;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_key_exchange(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    mintls_tls12_server_key_exchange ske;
    uint8_t alert;
    if (!mintls_tls12_server_key_exchange_parse(m->body, m->body_len, &ske, &alert))
        return fail(s, alert, alert == MINTLS_ALERT_DECODE_ERROR ? SSL_R_LENGTH_MISMATCH
                                                                 : SSL_R_WRONG_CURVE);
    uint16_t groups[MINTLS_MAX_GROUPS];
    /* Any group we offered (the server side keeps to X25519 and P-256). */
    size_t n = mintls_enabled_groups(s, groups), i = 0;
    while (i < n && groups[i] != ske.group)
        i++;
    if (i == n || ske.point.len > sizeof(hs->peer_point))
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_CURVE);
    if (!mintls_u16_list_has(hs->base.ch.ext.sig_algs, ske.scheme) ||
        !mintls_tls12_sigscheme_fits_key(ske.scheme, hs->base.peer_key))
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_SIGNATURE_TYPE);
    uint8_t *content = NULL;
    size_t content_len = 0;
    if (!mintls_tls12_ske_content(s, ske.params, &content, &content_len))
        return MINTLS_STEP_ERROR;
    ERR_set_mark();
    int good = mintls_tls12_verify(ske.scheme, hs->base.peer_key, content, content_len,
                                   ske.signature.p, ske.signature.len);
    ERR_pop_to_mark();
    OPENSSL_free(content);
    if (!good)
        return fail(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_BAD_SIGNATURE);
    hs->base.group = ske.group;
    memcpy(hs->peer_point, ske.point.p, ske.point.len);
    hs->peer_point_len = ske.point.len;
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_KEY_EXCH);
    hs->state = C12_REQUEST_OR_DONE;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_request(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    mintls_tls12_certificate_request cr;
    uint8_t alert;
    if (hs->base.cert_requested)
        return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_tls12_certificate_request_parse(m->body, m->body_len, &cr, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    size_t count = cr.sig_algs.count < 64 ? cr.sig_algs.count : 64;
    memcpy(hs->base.peer_sigalgs, cr.sig_algs.p, 2 * count);
    hs->base.peer_sigalg_count = count;
    /* An empty list is allowed in TLS 1.2 (not in TLS 1.3's extension). */
    if (cr.cas.len > 2 && !mintls_client_ca_decode(s, cr.cas.p, cr.cas.len))
        return fail(s, MINTLS_ALERT_DECODE_ERROR, SSL_R_LENGTH_MISMATCH);
    hs->base.cert_requested = 1;
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_CERT_REQ);
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_done(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    uint8_t alert;
    if (!mintls_tls12_server_hello_done_parse(m->body, m->body_len, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_SRVR_DONE);
    hs->state = C12_SEND_FLIGHT;
    return MINTLS_STEP_CONTINUE;
}

/* Our certificate for a CertificateRequest: ECDSA, then RSA, then the
   client certificate callback. 1, 0 (callback asks to retry), -1. */
static int choose_client_cert(SSL *s, mintls_tls12_hs *hs)
{
    mintls_u16_list peer = {hs->base.peer_sigalgs, hs->base.peer_sigalg_count};
    for (int attempt = 0; attempt < 2; attempt++) {
        hs->client_cp = mintls_tls12_choose_cert(s, MINTLS_CERT_ECDSA, peer, &hs->client_scheme);
        if (hs->client_cp == NULL)
            hs->client_cp = mintls_tls12_choose_cert(s, MINTLS_CERT_RSA, peer, &hs->client_scheme);
        if (hs->client_cp != NULL || attempt == 1 || s->ctx->client_cert_cb == NULL)
            return 1;
        int r = mintls_run_client_cert_cb(s);
        if (r <= 0)
            return r;
    }
    return 1;
}

/* RFC 5246 7.4.8: the signature covers every handshake message so far. */
static int send_certificate_verify(SSL *s, mintls_tls12_hs *hs)
{
    const mintls_transcript *t = &hs->base.transcript;
    uint8_t *sig = NULL;
    size_t sig_len = 0;
    mintls_hs_enter(s, TLS_ST_CW_CERT_VRFY);
    if (!mintls_tls12_sign(hs->client_scheme, hs->client_cp->privatekey, t->buf, t->buf_len, &sig,
                           &sig_len)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    mintls_certificate_verify cv;
    cv.scheme = hs->client_scheme;
    cv.signature.p = sig;
    cv.signature.len = sig_len;
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_certificate_verify_write(&w, &cv);
    OPENSSL_free(sig);
    if (!ok) {
        mintls_writer_clear(&w);
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return mintls_tls13_send(s, &hs->base, &w);
}

static mintls_step_result send_flight(SSL *s, mintls_tls12_hs *hs)
{
    if (hs->base.cert_requested) {
        int r = choose_client_cert(s, hs);
        if (r == 0)
            return MINTLS_STEP_RETRY;
        if (r < 0)
            return MINTLS_STEP_ERROR;
        mintls_hs_enter(s, TLS_ST_CW_CERT);
        if (!mintls_tls12_write_certificate(s, hs, hs->client_cp))
            return MINTLS_STEP_ERROR;
    }
    uint8_t *pub = NULL, pms[48];
    size_t pub_len = 0, pms_len = 0;
    EVP_PKEY_free(hs->base.kex_key);
    hs->base.kex_key = NULL;
    if (!mintls_tls13_group_keygen(hs->base.group, &hs->base.kex_key, &pub, &pub_len))
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    if (!mintls_tls13_group_derive(hs->base.group, hs->base.kex_key, hs->peer_point,
                                   hs->peer_point_len, pms, &pms_len)) {
        OPENSSL_free(pub);
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_ECPOINT);
    }
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_CW_KEY_EXCH);
    int ok = mintls_tls12_client_key_exchange_write(&w, pub, pub_len);
    OPENSSL_free(pub);
    if (!ok) {
        mintls_writer_clear(&w);
        OPENSSL_cleanse(pms, sizeof(pms));
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    ok = mintls_tls13_send(s, &hs->base, &w) && mintls_tls12_derive(s, hs, pms, pms_len);
    OPENSSL_cleanse(pms, sizeof(pms));
    if (!ok)
        return MINTLS_STEP_ERROR;
    if (hs->client_cp != NULL && !send_certificate_verify(s, hs))
        return MINTLS_STEP_ERROR;
    if (!mintls_tls12_send_ccs(s, hs) || !mintls_tls12_send_finished(s, hs))
        return MINTLS_STEP_ERROR;
    hs->ccs_expected = 1;
    hs->state = C12_FINISHED;
    return MINTLS_STEP_FLUSH;
}

static mintls_step_result process_finished(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    if (!mintls_tls12_check_finished(s, hs, m))
        return MINTLS_STEP_ERROR;
    s->tls13_group = hs->base.group;
    mintls_tls12_hs_finish(s, hs);
    return MINTLS_STEP_DONE;
}

static mintls_step_result client_step(SSL *s)
{
    mintls_tls12_hs *hs = s->hs;
    if (hs->state == C12_SEND_FLIGHT)
        return send_flight(s, hs);
    mintls_hs_msg m;
    int r = mintls_tls12_next_msg(s, hs, &m);
    if (r == 0)
        return MINTLS_STEP_READ;
    if (r < 0)
        return MINTLS_STEP_ERROR;
    switch (hs->state) {
    case C12_CERTIFICATE:
        if (m.type == MINTLS_HS_CERTIFICATE)
            return process_certificate(s, hs, &m);
        break;
    case C12_KEY_EXCHANGE:
        if (m.type == MINTLS_HS_SERVER_KEY_EXCHANGE)
            return process_key_exchange(s, hs, &m);
        break;
    case C12_REQUEST_OR_DONE:
        if (m.type == MINTLS_HS_CERTIFICATE_REQUEST)
            return process_request(s, hs, &m);
        if (m.type == MINTLS_HS_SERVER_HELLO_DONE)
            return process_done(s, hs, &m);
        break;
    case C12_FINISHED:
        if (m.type == MINTLS_HS_FINISHED)
            return process_finished(s, hs, &m);
        break;
    default:
        break;
    }
    return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
}

static const mintls_hs_ops client_ops = {"TLS 1.2 client", mintls_tls12_hs_start, client_step,
                                         mintls_tls12_hs_cleanup};

const mintls_hs_ops *mintls_tls12_client_ops(void)
{
    return &client_ops;
}

mintls_step_result mintls_tls12_client_take_over(SSL *s, const mintls_hs_msg *m)
{
    mintls_tls12_hs *hs = mintls_tls12_hs_adopt(s, &client_ops);
    if (hs == NULL)
        return MINTLS_STEP_ERROR;
    return process_server_hello(s, hs, m);
}
