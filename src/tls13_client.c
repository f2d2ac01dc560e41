/*
 * The TLS 1.3 client (RFC 8446 2, 4): ClientHello, then ServerHello, EncryptedExtensions, Certificate,
 * CertificateVerify and Finished from the server, then the compatibility
 * CCS and our Finished.
 * Full handshakes with a (EC)DHE key share; no PSK. A CertificateRequest
 * is answered with our certificate and CertificateVerify, or an empty
 * Certificate. A HelloRetryRequest is answered once, with a share for the
 * group it names and its cookie.
 * The ClientHello also offers TLS 1.2 when it is enabled; a ServerHello
 * that chooses it hands the handshake to tls12_client.c.
 */
#include "tls12_hs.h"

#include <openssl/rand.h>
#include <string.h>

enum {
    C_HELLO = 0,
    C_SERVER_HELLO,
    C_ENCRYPTED_EXTENSIONS,
    C_CERTIFICATE,
    C_CERTIFICATE_VERIFY,
    C_FINISHED,
    C_SECOND_FLIGHT, /* ours: the CCS, client authentication, Finished */
};

/* Writes a u16 list into buf (big-endian) and returns it as a list. */
static mintls_u16_list u16_list(uint8_t *buf, const uint16_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf[2 * i] = (uint8_t)(v[i] >> 8);
        buf[2 * i + 1] = (uint8_t)v[i];
    }
    mintls_u16_list l = {buf, n};
    return l;
}

/*
 * The ClientHello: the first one with a fresh random and session id and an
 * X25519 share; after a HelloRetryRequest the same again with a share for
 * the group it asked for and its cookie (RFC 8446 4.1.2).
 */
static mintls_step_result send_client_hello(SSL *s, mintls_tls13_hs *hs)
{
    mintls_client_hello ch;
    memset(&ch, 0, sizeof(ch));
    mintls_extensions_init(&ch.ext);
    ch.legacy_version = MINTLS_VERSION_TLS12;
    /* One ClientHello offers every version we speak (issue 7). */
    int offer13 = mintls_version_enabled(s, TLS1_3_VERSION);
    int offer12 = mintls_version_enabled(s, TLS1_2_VERSION);
    if (!hs->hrr_seen) {
        /* Middlebox compatibility (D.4, on by default as in OpenSSL): a
           session id, and the change_cipher_spec records below. */
        hs->session_id_len = offer13 && (s->settings.options & SSL_OP_ENABLE_MIDDLEBOX_COMPAT)
                                 ? MINTLS_MAX_SESSION_ID
                                 : 0;
        hs->ccs_sent = hs->session_id_len == 0; /* none to send */
        if (RAND_bytes(s->client_random, sizeof(s->client_random)) <= 0 ||
            RAND_bytes(hs->session_id, (int)hs->session_id_len) <= 0)
            return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    /* Our groups in order (SSL_set1_groups_list); the first gets a share. */
    uint16_t groups[MINTLS_MAX_GROUPS];
    size_t n_groups = mintls_enabled_groups(s, groups);
    if (!hs->hrr_seen)
        hs->group = groups[0];
    memcpy(ch.random, s->client_random, sizeof(ch.random));
    memcpy(ch.session_id, hs->session_id, hs->session_id_len);
    ch.session_id_len = hs->session_id_len;

    uint16_t v[MINTLS_SIGSCHEME_COUNT + MINTLS_TLS12_SUITE_COUNT + 4];
    uint8_t suites_buf[2 * (4 + MINTLS_TLS12_SUITE_COUNT + 1)], groups_buf[2 * MINTLS_MAX_GROUPS];
    uint8_t sig_buf[2 * (MINTLS_SIGSCHEME_COUNT + 3)], ver_buf[4];
    static const uint8_t null_compression = 0, psk_dhe_ke = 1;
    const mintls_tls13_suite *enabled[4];
    const mintls_tls12_suite *enabled12[MINTLS_TLS12_SUITE_COUNT];
    size_t n_suites = offer13 ? mintls_tls13_enabled_suites(s, enabled) : 0;
    size_t n12 = offer12 ? mintls_tls12_enabled_suites(s, enabled12) : 0;
    if (n_suites + n12 == 0)
        return mintls_tls13_fail(s, -1, SSL_R_NO_CIPHERS_AVAILABLE);
    /* The TLS 1.3 suites, then the TLS 1.2 ones. */
    for (size_t i = 0; i < n_suites; i++)
        v[i] = enabled[i]->id;
    for (size_t i = 0; i < n12; i++)
        v[n_suites + i] = enabled12[i]->cipher.id;
    size_t n_all = n_suites + n12;
    /* RFC 7507: a client retrying below its best version says so. */
    if (s->settings.mode & SSL_MODE_SEND_FALLBACK_SCSV)
        v[n_all++] = MINTLS_SCSV_FALLBACK;
    ch.cipher_suites = u16_list(suites_buf, v, n_all);
    ch.compression_methods.p = &null_compression;
    ch.compression_methods.len = 1;
    ch.has_extensions = 1;
    ch.ext.supported_groups = u16_list(groups_buf, groups, n_groups);
    size_t n_sig = 0;
    for (size_t i = 0; i < MINTLS_SIGSCHEME_COUNT; i++)
        v[n_sig++] = mintls_sigscheme_at(i);
    if (offer12) { /* RSASSA-PKCS1-v1_5, which TLS 1.2 still signs with */
        v[n_sig++] = 0x0401;
        v[n_sig++] = 0x0501;
        v[n_sig++] = 0x0601;
    }
    ch.ext.sig_algs = u16_list(sig_buf, v, n_sig);
    size_t n_ver = 0;
    if (offer13)
        v[n_ver++] = MINTLS_VERSION_TLS13;
    if (offer12)
        v[n_ver++] = MINTLS_VERSION_TLS12;
    ch.ext.versions = u16_list(ver_buf, v, n_ver);
    ch.ext.psk_modes.p = &psk_dhe_ke;
    ch.ext.psk_modes.len = 1;
    ch.ext.present = MINTLS_XBIT(MINTLS_X_SUPPORTED_GROUPS) |
                     MINTLS_XBIT(MINTLS_X_SIGNATURE_ALGORITHMS);
    if (offer13)
        ch.ext.present |= MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS) |
                          MINTLS_XBIT(MINTLS_X_KEY_SHARE) |
                          MINTLS_XBIT(MINTLS_X_PSK_KEY_EXCHANGE_MODES);
    if (offer12) {
        /* RFC 8422 5.1.2 (uncompressed points), RFC 7627 (extended master
           secret), RFC 5746 (renegotiation_info, empty on a first handshake). */
        static const uint8_t point_formats[] = {1, 0}, reneg_info[] = {0};
        static const struct {
            uint16_t type;
            const uint8_t *p;
            size_t len;
        } extra[] = {{MINTLS_EXT_EC_POINT_FORMATS, point_formats, 2},
                     {MINTLS_EXT_EXTENDED_MASTER_SECRET, NULL, 0},
                     {MINTLS_EXT_RENEGOTIATION_INFO, reneg_info, 1}};
        for (size_t i = 0; i < 3; i++) {
            ch.ext.other[i].type = extra[i].type;
            ch.ext.other[i].body.p = extra[i].p;
            ch.ext.other[i].body.len = extra[i].len;
        }
        ch.ext.other_count = 3;
    }
    if (s->tlsext_hostname != NULL) {
        ch.ext.server_name.p = (const uint8_t *)s->tlsext_hostname;
        ch.ext.server_name.len = strlen(s->tlsext_hostname);
        ch.ext.present |= MINTLS_XBIT(MINTLS_X_SERVER_NAME);
    }

    if (s->alpn_protos != NULL) {
        ch.ext.alpn.p = s->alpn_protos;
        ch.ext.alpn.len = s->alpn_protos_len;
        ch.ext.present |= MINTLS_XBIT(MINTLS_X_ALPN);
    }

    if (hs->cookie != NULL) {
        ch.ext.cookie.p = hs->cookie;
        ch.ext.cookie.len = hs->cookie_len;
        ch.ext.present |= MINTLS_XBIT(MINTLS_X_COOKIE);
    }

    /* One share, for hs->group. */
    uint8_t *pub = NULL;
    size_t pub_len = 0;
    EVP_PKEY_free(hs->kex_key);
    hs->kex_key = NULL;
    OPENSSL_free(hs->ch_msg);
    hs->ch_msg = NULL;
    if (offer13 && !mintls_tls13_group_keygen(hs->group, &hs->kex_key, &pub, &pub_len))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_writer shares, w;
    mintls_writer_init(&shares);
    mintls_writer_init(&w);
    uint8_t *shares_buf = NULL;
    size_t shares_len = 0;
    int ok = !offer13 || (mintls_key_share_put(&shares, hs->group, pub, pub_len) &&
                          mintls_writer_finish(&shares, &shares_buf, &shares_len));
    OPENSSL_free(pub);
    mintls_writer_clear(&shares);
    ch.ext.key_shares.p = shares_buf;
    ch.ext.key_shares.len = shares_len;
    ok = ok && mintls_client_hello_write(&w, &ch) &&
         mintls_writer_finish(&w, &hs->ch_msg, &hs->ch_msg_len);
    OPENSSL_free(shares_buf);
    mintls_writer_clear(&w);
    uint8_t alert;
    /* Keep a parsed view of what we sent: the ServerHello is checked against it. */
    if (!ok || !mintls_client_hello_parse(hs->ch_msg + MINTLS_HS_HEADER_LEN,
                                          hs->ch_msg_len - MINTLS_HS_HEADER_LEN, &hs->ch, &alert) ||
        !mintls_transcript_update(&hs->transcript, hs->ch_msg, hs->ch_msg_len))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    /* After a HelloRetryRequest the compatibility CCS precedes the second
       ClientHello, as OpenSSL sends it. */
    if (hs->hrr_seen && !hs->ccs_sent) {
        hs->ccs_sent = 1;
        mintls_hs_enter(s, TLS_ST_CW_CHANGE);
        if (!mintls_tls13_send_ccs(s))
            return MINTLS_STEP_ERROR;
    }
    mintls_hs_enter(s, TLS_ST_CW_CLNT_HELLO);

    /* RFC 8446 5.1: the first ClientHello's record says TLS 1.0. */
    s->io.write_dir.version = hs->hrr_seen ? 0x0303 : 0x0301;
    ok = mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, hs->ch_msg, hs->ch_msg_len);
    s->io.write_dir.version = 0x0303;
    if (!ok)
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    hs->state = C_SERVER_HELLO;
    return MINTLS_STEP_FLUSH;
}

static mintls_step_result process_server_hello(SSL *s, mintls_tls13_hs *hs,
                                               const mintls_hs_msg *m)
{
    mintls_server_hello sh;
    uint8_t alert;
    if (m->type != MINTLS_HS_SERVER_HELLO)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    /* A ServerHello without supported_versions chose TLS 1.2 (or older):
       the TLS 1.2 client takes it from here, transcript and all. */
    if (!hs->hrr_seen && mintls_version_enabled(s, TLS1_2_VERSION) &&
        mintls_server_hello_is_tls12(m->body, m->body_len))
        return mintls_tls12_client_take_over(s, m);
    if (!mintls_server_hello_parse(m->body, m->body_len, hs->ch.ext.present, &sh, &alert))
        return mintls_tls13_fail(s, alert, sh.parse_reason);
    /* Without TLS 1.2 enabled, a server that picks anything older fails us. */
    if (!(sh.ext.present & MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS)) &&
        mintls_hello_downgrade_sentinel(sh.random) != 0) /* 4.1.3: illegal_parameter */
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INAPPROPRIATE_FALLBACK);
    if (!(sh.ext.present & MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS)))
        return mintls_tls13_fail(s, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    if (!mintls_tls13_check_server_hello(&hs->ch, &sh, &alert))
        return mintls_tls13_fail(s, alert, mintls_tls13_server_hello_reason(&hs->ch, &sh));
    const mintls_tls13_suite *suite = mintls_tls13_suite_by_id(sh.cipher_suite);
    if (suite == NULL)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_NO_SHARED_CIPHER);
    if (sh.is_hrr) {
        /* One HelloRetryRequest at most (4.1.4). */
        /* It must name a group we offered and did not share already (4.2.8). */
        if (hs->hrr_seen || !mintls_u16_list_has(hs->ch.ext.supported_groups,
                                                 sh.ext.key_share_group) ||
            sh.ext.key_share_group == hs->group)
            return mintls_tls13_fail(s, hs->hrr_seen ? MINTLS_ALERT_UNEXPECTED_MESSAGE
                                                     : MINTLS_ALERT_ILLEGAL_PARAMETER,
                                     hs->hrr_seen ? SSL_R_UNEXPECTED_MESSAGE
                                                  : SSL_R_BAD_KEY_SHARE);
        hs->hrr_seen = 1;
        hs->suite = suite;
        hs->group = sh.ext.key_share_group;
        if (sh.ext.present & MINTLS_XBIT(MINTLS_X_COOKIE)) {
            hs->cookie = OPENSSL_memdup(sh.ext.cookie.p, sh.ext.cookie.len);
            hs->cookie_len = sh.ext.cookie.len;
            if (hs->cookie == NULL)
                return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        }
        /* The transcript goes on from message_hash(ClientHello1) || HRR (4.4.1). */
        if (!mintls_transcript_set_hash(&hs->transcript, suite->md()) ||
            !mintls_transcript_hello_retry(&hs->transcript) || !mintls_tls13_hs_absorb(s, hs, m))
            return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        if (!mintls_hs_reader_is_empty(&hs->reader))
            return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
        hs->ccs_allowed = 1;
        mintls_hs_enter(s, TLS_ST_CR_SRVR_HELLO);
        return send_client_hello(s, hs);
    }
    /* After a HelloRetryRequest the suite may not change (4.1.4). */
    if (hs->hrr_seen && suite != hs->suite)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_CIPHER_RETURNED);
    hs->suite = suite;
    memcpy(s->server_random, sh.random, sizeof(s->server_random));
    if ((!hs->hrr_seen && !mintls_transcript_set_hash(&hs->transcript, hs->suite->md())) ||
        !mintls_tls13_hs_absorb(s, hs, m))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    uint8_t dhe[48];
    size_t dhe_len;
    if (sh.ext.key_share_group != hs->group ||
        !mintls_tls13_group_derive(hs->group, hs->kex_key, sh.ext.key_share_key.p,
                                   sh.ext.key_share_key.len, dhe, &dhe_len))
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    s->tls13_group = hs->group;
    int ok = mintls_tls13_derive_handshake(s, hs, dhe, dhe_len);
    OPENSSL_cleanse(dhe, sizeof(dhe));
    if (!ok)
        return MINTLS_STEP_ERROR;
    /* RFC 8446 5.1: no message may span a key change. */
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    if (!mintls_tls13_install(s, hs, hs->server_hs_secret, 0) ||
        !mintls_tls13_install(s, hs, hs->client_hs_secret, 1))
        return MINTLS_STEP_ERROR;
    hs->ccs_allowed = 1;
    mintls_hs_enter(s, TLS_ST_CR_SRVR_HELLO);
    hs->state = C_ENCRYPTED_EXTENSIONS;
    return MINTLS_STEP_CONTINUE;
}

/* The server's chain, verified with s's settings. */
static mintls_step_result process_certificate(SSL *s, mintls_tls13_hs *hs,
                                              const mintls_hs_msg *m)
{
    mintls_certificate cert;
    uint8_t alert;
    if (m->type != MINTLS_HS_CERTIFICATE)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_certificate_parse(m->body, m->body_len, 1, hs->ch.ext.present, &cert, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH);
    /* SSL_VERIFY_NONE: the result is recorded and the handshake goes on. */
    if (!mintls_tls13_process_peer_chain(s, hs, &cert) || !mintls_tls13_hs_absorb(s, hs, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_CERT);
    hs->state = C_CERTIFICATE_VERIFY;
    return MINTLS_STEP_CONTINUE;
}

/* CertificateRequest (4.3.2): remember its context and schemes; our
   Certificate (and CertificateVerify) go before our Finished. */
static mintls_step_result process_certificate_request(SSL *s, mintls_tls13_hs *hs,
                                                      const mintls_hs_msg *m)
{
    mintls_certificate_request cr;
    uint8_t alert;
    if (hs->cert_requested)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_certificate_request_parse(m->body, m->body_len, &cr, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH);
    memcpy(hs->cr_context, cr.context.p, cr.context.len);
    hs->cr_context_len = cr.context.len;
    size_t count = cr.ext.sig_algs.count < 64 ? cr.ext.sig_algs.count : 64;
    memcpy(hs->peer_sigalgs, cr.ext.sig_algs.p, 2 * count);
    hs->peer_sigalg_count = count;
    hs->cert_requested = 1;
    for (size_t i = 0; i < cr.ext.other_count; i++)
        if (cr.ext.other[i].type == MINTLS_EXT_CERTIFICATE_AUTHORITIES &&
            !mintls_client_ca_decode(s, cr.ext.other[i].body.p, cr.ext.other[i].body.len))
            return mintls_tls13_fail(s, MINTLS_ALERT_DECODE_ERROR, SSL_R_LENGTH_MISMATCH);
    if (!mintls_tls13_hs_absorb(s, hs, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_CERT_REQ);
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_certificate_verify(SSL *s, mintls_tls13_hs *hs,
                                                     const mintls_hs_msg *m)
{
    if (m->type != MINTLS_HS_CERTIFICATE_VERIFY)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_tls13_check_certificate_verify(s, hs, m, hs->ch.ext.sig_algs, 1))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_CERT_VRFY);
    hs->state = C_FINISHED;
    return MINTLS_STEP_CONTINUE;
}

/*
 * The certificate to answer a CertificateRequest with: one of ours a key
 * can sign for with one of the server's schemes; failing that, what the
 * client certificate callback supplies (as OpenSSL, it is asked only when
 * nothing configured fits). Returns 1 with *out (NULL: send an empty
 * list), 0 when the callback asked to be called again (-1), or -1 after a
 * fatal alert.
 */
static int client_auth_cert(SSL *s, mintls_tls13_hs *hs, const mintls_cert_pkey **out,
                            uint16_t *scheme)
{
    *out = mintls_tls13_choose_cert(s, hs->peer_sigalgs, hs->peer_sigalg_count, scheme);
    if (*out != NULL || s->ctx->client_cert_cb == NULL)
        return 1;
    int r = mintls_run_client_cert_cb(s);
    if (r <= 0)
        return r;
    *out = mintls_tls13_choose_cert(s, hs->peer_sigalgs, hs->peer_sigalg_count, scheme);
    return 1;
}

/* Our answer to a CertificateRequest (4.4.2): a certificate and
   CertificateVerify, or an empty list. */
static int send_client_auth(SSL *s, mintls_tls13_hs *hs, const mintls_cert_pkey *cp,
                            uint16_t scheme)
{
    mintls_span context = {hs->cr_context, hs->cr_context_len};
    mintls_hs_enter(s, TLS_ST_CW_CERT);
    if (!mintls_tls13_write_certificate(s, hs, cp, context))
        return 0;
    if (cp == NULL)
        return 1;
    mintls_hs_enter(s, TLS_ST_CW_CERT_VRFY);
    return mintls_tls13_write_certificate_verify(s, hs, cp->privatekey, scheme, 0);
}

static mintls_step_result process_finished(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m)
{
    if (!mintls_tls13_check_finished(s, hs, m, hs->server_hs_secret))
        return MINTLS_STEP_ERROR;
    if (!mintls_tls13_hs_absorb(s, hs, m) || !mintls_tls13_derive_application(s, hs))
        return MINTLS_STEP_ERROR;
    /* The Finished ends a key (5.1): nothing may follow it in its record. */
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    if (!mintls_tls13_install(s, hs, hs->server_ap_secret, 0))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_FINISHED);
    hs->state = C_SECOND_FLIGHT;
    return MINTLS_STEP_CONTINUE;
}

/*
 * Our second flight. The compatibility CCS goes just before it, as OpenSSL
 * sends it (RFC 8446 D.4 allows it here or after the ClientHello): sent
 * after the ClientHello it could stall a peer that is writing its own
 * flight into a full pipe. Then client authentication if asked, our
 * Finished under the client handshake key, then the application key. A
 * step of its own, so that a client certificate callback that asks to be
 * called again (SSL_ERROR_WANT_X509_LOOKUP) re-enters here.
 */
static mintls_step_result send_second_flight(SSL *s, mintls_tls13_hs *hs)
{
    const mintls_cert_pkey *cp = NULL;
    uint16_t scheme = 0;
    size_t n = hs->ks.hash_len;
    if (hs->cert_requested) {
        int r = client_auth_cert(s, hs, &cp, &scheme);
        if (r == 0)
            return MINTLS_STEP_RETRY;
        if (r < 0)
            return MINTLS_STEP_ERROR;
    }
    if (!hs->ccs_sent) {
        mintls_hs_enter(s, TLS_ST_CW_CHANGE);
        if (!mintls_tls13_send_ccs(s))
            return MINTLS_STEP_ERROR;
    }
    hs->ccs_sent = 1;
    if (hs->cert_requested && !send_client_auth(s, hs, cp, scheme))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_hs_enter(s, TLS_ST_CW_FINISHED);
    uint8_t mine[MINTLS_TLS13_MAX_HASH];
    mintls_writer w;
    mintls_writer_init(&w);
    if (!mintls_tls13_finished_value(s, hs, hs->client_hs_secret, mine))
        return MINTLS_STEP_ERROR;
    mintls_keep_finished(s, mine, n, 0);
    if (!mintls_finished_write(&w, mine, n)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    if (!mintls_tls13_send(s, hs, &w) || !mintls_tls13_install(s, hs, hs->client_ap_secret, 1))
        return MINTLS_STEP_ERROR;
    mintls_tls13_hs_finish(s, hs, 0);
    if (!mintls_tls13_keep_resumption_secret(s, hs))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    return MINTLS_STEP_DONE;
}

static mintls_step_result process_encrypted_extensions(SSL *s, mintls_tls13_hs *hs,
                                                       const mintls_hs_msg *m)
{
    mintls_encrypted_extensions ee;
    uint8_t alert;
    if (!mintls_encrypted_extensions_parse(m->body, m->body_len, hs->ch.ext.present, &ee, &alert))
        return mintls_tls13_fail(s, alert, mintls_hello_parse_reason(alert));
    if (ee.ext.present & MINTLS_XBIT(MINTLS_X_ALPN)) {
        /* The one name the server chose must be one we offered. */
        const uint8_t *name = ee.ext.alpn.p + 1;
        size_t name_len = ee.ext.alpn.len - 1, i = 0;
        while (i < s->alpn_protos_len &&
               !(s->alpn_protos[i] == name_len &&
                 memcmp(s->alpn_protos + i + 1, name, name_len) == 0))
            i += 1 + (size_t)s->alpn_protos[i];
        if (i >= s->alpn_protos_len)
            return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_EXTENSION);
        if (!mintls_alpn_set_selected(s, name, name_len))
            return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
    }
    if (!mintls_tls13_hs_absorb(s, hs, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_CR_ENCRYPTED_EXTENSIONS);
    hs->state = C_CERTIFICATE;
    return MINTLS_STEP_CONTINUE;
}

/* The client's states: what each expects and who handles it. */
typedef mintls_step_result (*client_handler)(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m);
static const struct {
    const char *name;
    uint8_t expects; /* the handshake message type */
    client_handler handle;
} client_states[] = {
    [C_HELLO] = {"write ClientHello", 0, NULL},
    [C_SERVER_HELLO] = {"read ServerHello", MINTLS_HS_SERVER_HELLO, process_server_hello},
    [C_ENCRYPTED_EXTENSIONS] = {"read EncryptedExtensions", MINTLS_HS_ENCRYPTED_EXTENSIONS,
                                process_encrypted_extensions},
    [C_CERTIFICATE] = {"read Certificate", MINTLS_HS_CERTIFICATE, process_certificate},
    [C_CERTIFICATE_VERIFY] = {"read CertificateVerify", MINTLS_HS_CERTIFICATE_VERIFY,
                              process_certificate_verify},
    [C_FINISHED] = {"read Finished", MINTLS_HS_FINISHED, process_finished},
};

static mintls_step_result client_step(SSL *s)
{
    mintls_tls13_hs *hs = s->hs;
    if (hs->state == C_HELLO)
        return send_client_hello(s, hs);
    if (hs->state == C_SECOND_FLIGHT)
        return send_second_flight(s, hs);
    mintls_hs_msg m;
    int r = mintls_tls13_next_msg(s, hs, &m);
    if (r == 0)
        return MINTLS_STEP_READ;
    if (r < 0)
        return MINTLS_STEP_ERROR;
    if (hs->state == C_CERTIFICATE && m.type == MINTLS_HS_CERTIFICATE_REQUEST)
        return process_certificate_request(s, hs, &m);
    if (m.type != client_states[hs->state].expects)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    return client_states[hs->state].handle(s, hs, &m);
}

static const mintls_hs_ops client_ops = {"TLS 1.3 client", mintls_tls13_hs_start, client_step,
                                         mintls_tls13_hs_cleanup};

const mintls_hs_ops *mintls_tls13_client_ops(void)
{
    return &client_ops;
}
