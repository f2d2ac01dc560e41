/*
 * The TLS 1.2 server (RFC 5246 7.3, RFC 8422): answers a ClientHello the
 * version choice gave to TLS 1.2 with ServerHello, Certificate,
 * ServerKeyExchange, CertificateRequest (under SSL_VERIFY_PEER) and
 * ServerHelloDone; reads the client's Certificate, ClientKeyExchange,
 * CertificateVerify, ChangeCipherSpec and Finished; ends with its own
 * ChangeCipherSpec and Finished. Full ECDHE handshakes: a new session id
 * is never issued and none is resumed.
 */
#include "tls12_hs.h"

#include <openssl/rand.h>
#include <string.h>

enum {
    S12_CLIENT_CERTIFICATE = 0,
    S12_KEY_EXCHANGE,
    S12_CERTIFICATE_VERIFY,
    S12_FINISHED,
};

static mintls_step_result fail(SSL *s, int alert, int reason)
{
    return mintls_tls13_fail(s, alert, reason);
}

int mintls_server_choose_version(const SSL *s, const mintls_client_hello *ch)
{
    int v13 = 0, v12 = 0;
    if (ch->ext.present & MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS)) {
        /* RFC 8446 4.2.1: the list decides; legacy_version is ignored. */
        v13 = mintls_u16_list_has(ch->ext.versions, MINTLS_VERSION_TLS13);
        v12 = mintls_u16_list_has(ch->ext.versions, MINTLS_VERSION_TLS12);
    } else {
        v12 = ch->legacy_version >= MINTLS_VERSION_TLS12;
    }
    if (v13 && mintls_version_enabled(s, TLS1_3_VERSION))
        return TLS1_3_VERSION;
    if (v12 && mintls_version_enabled(s, TLS1_2_VERSION))
        return TLS1_2_VERSION;
    return 0;
}

/* A raw ClientHello extension the shared table does not decode. */
static int find_other(const mintls_client_hello *ch, uint16_t type, mintls_span *out)
{
    for (size_t i = 0; i < ch->ext.other_count; i++)
        if (ch->ext.other[i].type == type) {
            *out = ch->ext.other[i].body;
            return 1;
        }
    return 0;
}

/* The group for ECDHE: the client's order unless the server's is asked for. */
static uint16_t choose_group(SSL *s, const mintls_client_hello *ch)
{
    uint16_t ours[MINTLS_MAX_GROUPS];
    size_t n = mintls_tls12_groups(s, ours);
    if (!(ch->ext.present & MINTLS_XBIT(MINTLS_X_SUPPORTED_GROUPS)))
        return n > 0 ? ours[0] : 0; /* RFC 8422 4: any curve will do */
    mintls_u16_list theirs = ch->ext.supported_groups;
    if (s->settings.options & SSL_OP_CIPHER_SERVER_PREFERENCE) {
        for (size_t i = 0; i < n; i++)
            if (mintls_u16_list_has(theirs, ours[i]))
                return ours[i];
        return 0;
    }
    for (size_t i = 0; i < theirs.count; i++)
        for (size_t j = 0; j < n; j++)
            if (ours[j] == mintls_u16_list_at(theirs, i))
                return ours[j];
    return 0;
}

/* Whether we can authenticate suite su for this client: a certificate of
   its kind, a scheme the client accepts and (ECDSA) a curve it named. */
static const mintls_cert_pkey *suite_cert(SSL *s, const mintls_tls12_suite *su,
                                          const mintls_client_hello *ch, uint16_t *scheme)
{
    const mintls_cert_pkey *cp = mintls_tls12_choose_cert(s, su->auth, ch->ext.sig_algs, scheme);
    if (cp == NULL || su->auth != MINTLS_CERT_ECDSA ||
        !(ch->ext.present & MINTLS_XBIT(MINTLS_X_SUPPORTED_GROUPS)))
        return cp;
    uint16_t g = mintls_tls12_key_group(cp->privatekey);
    return g != 0 && mintls_u16_list_has(ch->ext.supported_groups, g) ? cp : NULL;
}

static const mintls_tls12_suite *choose_suite(SSL *s, const mintls_client_hello *ch,
                                              const mintls_cert_pkey **out_cp, uint16_t *scheme)
{
    const mintls_tls12_suite *en[MINTLS_TLS12_SUITE_COUNT];
    size_t n = mintls_tls12_enabled_suites(s, en);
    int server_pref = (s->settings.options & SSL_OP_CIPHER_SERVER_PREFERENCE) != 0;
    size_t outer = server_pref ? n : ch->cipher_suites.count;
    for (size_t i = 0; i < outer; i++)
        for (size_t j = 0; j < (server_pref ? 1 : n); j++) {
            const mintls_tls12_suite *su = server_pref ? en[i] : en[j];
            uint16_t id = server_pref ? en[i]->cipher.id : mintls_u16_list_at(ch->cipher_suites, i);
            if (su->cipher.id != id || !mintls_u16_list_has(ch->cipher_suites, id))
                continue;
            if ((*out_cp = suite_cert(s, su, ch, scheme)) != NULL)
                return su;
        }
    return NULL;
}

static int send_server_hello(SSL *s, mintls_tls12_hs *hs, unsigned present, const uint8_t *alpn,
                             size_t alpn_len)
{
    mintls_tls12_server_hello sh;
    memset(&sh, 0, sizeof(sh));
    sh.version = MINTLS_VERSION_TLS12;
    if (RAND_bytes(sh.random, sizeof(sh.random)) <= 0)
        return 0;
    /* RFC 8446 4.1.3: a TLS 1.3 server that settles for 1.2 says so. */
    if (mintls_version_enabled(s, TLS1_3_VERSION))
        memcpy(sh.random + 24, mintls_downgrade_tls12, 8);
    memcpy(s->server_random, sh.random, sizeof(sh.random));
    sh.cipher_suite = hs->suite->cipher.id;
    sh.present = present;
    sh.alpn.p = alpn;
    sh.alpn.len = alpn_len;
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_SW_SRVR_HELLO);
    if (!mintls_tls12_server_hello_write(&w, &sh)) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, &hs->base, &w);
}

/* ServerKeyExchange (RFC 8422 5.4): a fresh share, signed with the randoms. */
static int send_key_exchange(SSL *s, mintls_tls12_hs *hs, EVP_PKEY *key, uint16_t scheme)
{
    uint8_t *pub = NULL, *params = NULL, *content = NULL, *sig = NULL;
    size_t pub_len = 0, params_len = 0, content_len = 0, sig_len = 0;
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_SW_KEY_EXCH);
    int ok = mintls_tls13_group_keygen(hs->base.group, &hs->base.kex_key, &pub, &pub_len) &&
             mintls_tls12_ecdh_params(hs->base.group, pub, pub_len, &params, &params_len);
    mintls_span sp = {params, params_len};
    ok = ok && mintls_tls12_ske_content(s, sp, &content, &content_len) &&
         mintls_tls12_sign(scheme, key, content, content_len, &sig, &sig_len) &&
         mintls_tls12_server_key_exchange_write(&w, params, params_len, scheme, sig, sig_len);
    OPENSSL_free(pub);
    OPENSSL_free(params);
    OPENSSL_free(content);
    OPENSSL_free(sig);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, &hs->base, &w);
}

static int send_certificate_request(SSL *s, mintls_tls12_hs *hs)
{
    size_t n = MINTLS_TLS12_SIGSCHEME_COUNT;
    for (size_t i = 0; i < n; i++) {
        uint16_t v = mintls_tls12_sigscheme_at(i);
        hs->base.our_sigalgs[2 * i] = (uint8_t)(v >> 8);
        hs->base.our_sigalgs[2 * i + 1] = (uint8_t)v;
    }
    hs->base.our_sigalg_count = n;
    mintls_u16_list list = {hs->base.our_sigalgs, n};
    uint8_t *cas = NULL;
    size_t cas_len = 0;
    if (sk_X509_NAME_num(s->ctx->client_ca_names) > 0 &&
        !mintls_client_ca_encode(s, &cas, &cas_len))
        return 0;
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_SW_CERT_REQ);
    int ok = mintls_tls12_certificate_request_write(&w, list, cas, cas_len);
    OPENSSL_free(cas);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    hs->base.cert_requested = 1;
    return mintls_tls13_send(s, &hs->base, &w);
}

static mintls_step_result process_client_hello(SSL *s, mintls_tls12_hs *hs,
                                               const mintls_hs_msg *m)
{
    mintls_client_hello ch;
    uint8_t alert;
    if (!mintls_client_hello_parse(m->body, m->body_len, &ch, &alert))
        return fail(s, alert, mintls_hello_parse_reason(alert));
    /* RFC 7507: a client that fell back below what we both speak. */
    if (mintls_u16_list_has(ch.cipher_suites, MINTLS_SCSV_FALLBACK) &&
        mintls_version_enabled(s, TLS1_3_VERSION))
        return fail(s, MINTLS_ALERT_INAPPROPRIATE_FALLBACK, SSL_R_INAPPROPRIATE_FALLBACK);
    unsigned present = 0;
    mintls_span body;
    /* RFC 5746 3.6: an initial handshake's renegotiation_info is empty. */
    if (find_other(&ch, MINTLS_EXT_RENEGOTIATION_INFO, &body)) {
        if (body.len != 1 || body.p[0] != 0)
            return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_RENEGOTIATION_MISMATCH);
        present |= MINTLS_SH12_RENEGOTIATION_INFO;
    }
    if (mintls_u16_list_has(ch.cipher_suites, MINTLS_SCSV_RENEGOTIATION))
        present |= MINTLS_SH12_RENEGOTIATION_INFO;
    if (find_other(&ch, MINTLS_EXT_EXTENDED_MASTER_SECRET, &body)) {
        if (body.len != 0)
            return fail(s, MINTLS_ALERT_DECODE_ERROR, SSL_R_BAD_EXTENSION);
        present |= MINTLS_SH12_EMS;
        hs->ems = 1;
    }
    if (find_other(&ch, MINTLS_EXT_EC_POINT_FORMATS, &body)) {
        /* RFC 8422 5.1.2: the list must hold uncompressed (0). */
        if (body.len < 2 || body.p[0] != body.len - 1 || memchr(body.p + 1, 0, body.len - 1) == NULL)
            return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
        present |= MINTLS_SH12_EC_POINT_FORMATS;
    }
    int has_name = (ch.ext.present & MINTLS_XBIT(MINTLS_X_SERVER_NAME)) != 0;
    if (!mintls_servername_on_hello(s, has_name ? ch.ext.server_name.p : NULL,
                                    ch.ext.server_name.len, &hs->base.sni_ack))
        return MINTLS_STEP_ERROR;
    if (hs->base.sni_ack)
        present |= MINTLS_SH12_SERVER_NAME;
    hs->base.group = choose_group(s, &ch);
    const mintls_cert_pkey *cp = NULL;
    uint16_t scheme = 0;
    if (hs->base.group != 0)
        hs->suite = choose_suite(s, &ch, &cp, &scheme);
    if (hs->suite == NULL)
        return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_NO_SHARED_CIPHER);
    uint8_t alpn[256];
    size_t alpn_len = 0;
    if (!mintls_tls12_choose_alpn(s, &ch, alpn, &alpn_len))
        return MINTLS_STEP_ERROR;
    if (alpn_len > 0)
        present |= MINTLS_SH12_ALPN;
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    if (!mintls_hs_reader_is_empty(&hs->base.reader))
        return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!send_server_hello(s, hs, present, alpn, alpn_len))
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_hs_enter(s, TLS_ST_SW_CERT);
    if (!mintls_tls12_write_certificate(s, hs, cp))
        return MINTLS_STEP_ERROR;
    if (!send_key_exchange(s, hs, cp->privatekey, scheme))
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    if ((s->verify_mode & SSL_VERIFY_PEER) && !send_certificate_request(s, hs))
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_SW_SRVR_DONE);
    if (!mintls_tls12_server_hello_done_write(&w)) {
        mintls_writer_clear(&w);
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    if (!mintls_tls13_send(s, &hs->base, &w))
        return MINTLS_STEP_ERROR;
    hs->state = hs->base.cert_requested ? S12_CLIENT_CERTIFICATE : S12_KEY_EXCHANGE;
    return MINTLS_STEP_FLUSH;
}

static mintls_step_result process_client_certificate(SSL *s, mintls_tls12_hs *hs,
                                                     const mintls_hs_msg *m)
{
    mintls_tls12_certificate cert;
    uint8_t alert;
    if (!mintls_tls12_certificate_parse(m->body, m->body_len, &cert, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (cert.count == 0) {
        if (s->verify_mode & SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
            return fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
    } else {
        if (!mintls_tls12_process_peer_chain(s, hs, &cert))
            return MINTLS_STEP_ERROR;
        hs->client_cert_sent = 1;
    }
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_CERT);
    hs->state = S12_KEY_EXCHANGE;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_key_exchange(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    mintls_span point;
    uint8_t alert, pms[48];
    size_t pms_len = 0;
    if (!mintls_tls12_client_key_exchange_parse(m->body, m->body_len, &point, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (!mintls_tls13_group_derive(hs->base.group, hs->base.kex_key, point.p, point.len, pms,
                                   &pms_len))
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_ECPOINT);
    int ok = mintls_tls13_hs_absorb(s, &hs->base, m) && mintls_tls12_derive(s, hs, pms, pms_len);
    OPENSSL_cleanse(pms, sizeof(pms));
    if (!ok)
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_KEY_EXCH);
    if (hs->client_cert_sent) {
        hs->state = S12_CERTIFICATE_VERIFY;
    } else {
        hs->ccs_expected = 1;
        hs->state = S12_FINISHED;
    }
    return MINTLS_STEP_CONTINUE;
}

/* RFC 5246 7.4.8: the client's signature over the handshake so far. */
static mintls_step_result process_certificate_verify(SSL *s, mintls_tls12_hs *hs,
                                                     const mintls_hs_msg *m)
{
    mintls_certificate_verify cv;
    uint8_t alert;
    if (!mintls_certificate_verify_parse(m->body, m->body_len, &cv, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    mintls_u16_list offered = {hs->base.our_sigalgs, hs->base.our_sigalg_count};
    if (!mintls_u16_list_has(offered, cv.scheme) ||
        !mintls_tls12_sigscheme_fits_key(cv.scheme, hs->base.peer_key))
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_SIGNATURE_TYPE);
    const mintls_transcript *t = &hs->base.transcript;
    ERR_set_mark();
    int good = mintls_tls12_verify(cv.scheme, hs->base.peer_key, t->buf, t->buf_len,
                                   cv.signature.p, cv.signature.len);
    ERR_pop_to_mark();
    if (!good)
        return fail(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_BAD_SIGNATURE);
    if (!mintls_tls13_hs_absorb(s, &hs->base, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_CERT_VRFY);
    hs->ccs_expected = 1;
    hs->state = S12_FINISHED;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_finished(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    if (!mintls_tls12_check_finished(s, hs, m) || !mintls_tls12_send_ccs(s, hs) ||
        !mintls_tls12_send_finished(s, hs))
        return MINTLS_STEP_ERROR;
    s->tls13_group = hs->base.group;
    mintls_tls12_hs_finish(s, hs);
    return MINTLS_STEP_DONE;
}

static mintls_step_result server_step(SSL *s)
{
    mintls_tls12_hs *hs = s->hs;
    mintls_hs_msg m;
    int r = mintls_tls12_next_msg(s, hs, &m);
    if (r == 0)
        return MINTLS_STEP_READ;
    if (r < 0)
        return MINTLS_STEP_ERROR;
    switch (hs->state) {
    case S12_CLIENT_CERTIFICATE:
        if (m.type == MINTLS_HS_CERTIFICATE)
            return process_client_certificate(s, hs, &m);
        break;
    case S12_KEY_EXCHANGE:
        if (m.type == MINTLS_HS_CLIENT_KEY_EXCHANGE)
            return process_key_exchange(s, hs, &m);
        break;
    case S12_CERTIFICATE_VERIFY:
        if (m.type == MINTLS_HS_CERTIFICATE_VERIFY)
            return process_certificate_verify(s, hs, &m);
        break;
    case S12_FINISHED:
        if (m.type == MINTLS_HS_FINISHED)
            return process_finished(s, hs, &m);
        break;
    default:
        break;
    }
    return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
}

static const mintls_hs_ops server_ops = {"TLS 1.2 server", mintls_tls12_hs_start, server_step,
                                         mintls_tls12_hs_cleanup};

const mintls_hs_ops *mintls_tls12_server_ops(void)
{
    return &server_ops;
}

mintls_step_result mintls_tls12_server_take_over(SSL *s, const mintls_hs_msg *m)
{
    mintls_tls12_hs *hs = mintls_tls12_hs_adopt(s, &server_ops);
    if (hs == NULL)
        return MINTLS_STEP_ERROR;
    return process_client_hello(s, hs, m);
}
