/*
 * The TLS 1.3 server (RFC 8446 2, 4): reads the ClientHello, answers with
 * ServerHello, the compatibility CCS, EncryptedExtensions, Certificate,
 * CertificateVerify and Finished in one flight, then reads the client's
 * Finished. Full (EC)DHE handshakes only: no PSK. Under SSL_VERIFY_PEER a
 * CertificateRequest goes with that flight, and the client's Certificate
 * (and CertificateVerify) come before its Finished. A client without a share we can use gets one
 * HelloRetryRequest for a group from its supported_groups.
 * A ClientHello whose best version we share is TLS 1.2 goes to
 * tls12_server.c.
 */
#include "tls12_hs.h"

#include <openssl/rand.h>
#include <string.h>

enum {
    S_CLIENT_HELLO = 0,
    S_CLIENT_CERTIFICATE,
    S_CLIENT_CERTIFICATE_VERIFY,
    S_FINISHED,
};

/* OpenSSL's rule: the client's order, unless the server's is asked for. */
static const mintls_tls13_suite *choose_suite(SSL *s, mintls_u16_list offered)
{
    const mintls_tls13_suite *enabled[4];
    size_t n = mintls_tls13_enabled_suites(s, enabled);
    if (s->settings.options & SSL_OP_CIPHER_SERVER_PREFERENCE) {
        for (size_t i = 0; i < n; i++)
            if (mintls_u16_list_has(offered, enabled[i]->id))
                return enabled[i];
        return NULL;
    }
    for (size_t i = 0; i < offered.count; i++)
        for (size_t j = 0; j < n; j++)
            if (enabled[j]->id == mintls_u16_list_at(offered, i))
                return enabled[j];
    return NULL;
}

/* Our compatibility change_cipher_spec (D.4) goes to a client in
   compatibility mode (a session id), unless the option is cleared. */
static int sends_ccs(const SSL *s, const mintls_tls13_hs *hs)
{
    return hs->session_id_len > 0 && (s->settings.options & SSL_OP_ENABLE_MIDDLEBOX_COMPAT);
}

static int write_server_hello(SSL *s, mintls_tls13_hs *hs, const uint8_t *pub, size_t pub_len)
{
    mintls_server_hello sh;
    memset(&sh, 0, sizeof(sh));
    mintls_extensions_init(&sh.ext);
    sh.legacy_version = MINTLS_VERSION_TLS12;
    if (RAND_bytes(sh.random, sizeof(sh.random)) <= 0)
        return 0;
    memcpy(s->server_random, sh.random, sizeof(sh.random));
    mintls_hs_enter(s, TLS_ST_SW_SRVR_HELLO);
    memcpy(sh.session_id, hs->session_id, hs->session_id_len);
    sh.session_id_len = hs->session_id_len;
    sh.cipher_suite = hs->suite->id;
    sh.has_extensions = 1;
    sh.ext.present = MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS) | MINTLS_XBIT(MINTLS_X_KEY_SHARE);
    sh.ext.selected_version = MINTLS_VERSION_TLS13;
    sh.ext.key_share_group = hs->group;
    sh.ext.key_share_key.p = pub;
    sh.ext.key_share_key.len = pub_len;
    mintls_writer w;
    mintls_writer_init(&w);
    if (!mintls_server_hello_write(&w, &sh)) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, hs, &w);
}

/*
 * ALPN (RFC 7301 3.2): the SSL_CTX's callback picks from the client's
 * list. OK: the choice goes in EncryptedExtensions; NOACK: no ALPN; any
 * other answer fails with no_application_protocol, as in OpenSSL.
 * buf (256 bytes) holds the answer's wire form. 1, or 0 after an alert.
 */
static int choose_alpn(SSL *s, const mintls_client_hello *ch, mintls_encrypted_extensions *ee,
                       uint8_t *buf)
{
    SSL_CTX *ctx = s->ctx;
    if (!(ch->ext.present & MINTLS_XBIT(MINTLS_X_ALPN)) || ctx->alpn_select_cb == NULL)
        return 1;
    const unsigned char *sel = NULL;
    unsigned char sel_len = 0;
    int r = ctx->alpn_select_cb(s, &sel, &sel_len, ch->ext.alpn.p, (unsigned)ch->ext.alpn.len,
                                ctx->alpn_select_arg);
    if (r == SSL_TLSEXT_ERR_NOACK)
        return 1;
    if (r != SSL_TLSEXT_ERR_OK || sel == NULL || sel_len == 0) {
        mintls_tls13_fail(s, MINTLS_ALERT_NO_APPLICATION_PROTOCOL, SSL_R_NO_APPLICATION_PROTOCOL);
        return 0;
    }
    buf[0] = sel_len;
    memcpy(buf + 1, sel, sel_len);
    if (!mintls_alpn_set_selected(s, sel, sel_len)) {
        mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    ee->ext.alpn.p = buf;
    ee->ext.alpn.len = 1 + (size_t)sel_len;
    ee->ext.present |= MINTLS_XBIT(MINTLS_X_ALPN);
    return 1;
}

/*
 * CertificateRequest (4.3.2) when SSL_VERIFY_PEER is set: an empty context
 * and the schemes we accept for the client's CertificateVerify.
 */
static int write_certificate_request(SSL *s, mintls_tls13_hs *hs)
{
    size_t n = MINTLS_SIGSCHEME_COUNT < 64 ? MINTLS_SIGSCHEME_COUNT : 64;
    for (size_t i = 0; i < n; i++) {
        uint16_t v = mintls_sigscheme_at(i);
        hs->our_sigalgs[2 * i] = (uint8_t)(v >> 8);
        hs->our_sigalgs[2 * i + 1] = (uint8_t)v;
    }
    hs->our_sigalg_count = n;
    mintls_certificate_request cr;
    memset(&cr, 0, sizeof(cr));
    mintls_extensions_init(&cr.ext);
    cr.ext.sig_algs.p = hs->our_sigalgs;
    cr.ext.sig_algs.count = n;
    cr.ext.present = MINTLS_XBIT(MINTLS_X_SIGNATURE_ALGORITHMS);
    /* certificate_authorities (4.2.4) from SSL_CTX_set_client_CA_list, if any. */
    uint8_t *cas = NULL;
    size_t cas_len = 0;
    if (sk_X509_NAME_num(s->ctx->client_ca_names) > 0) {
        if (!mintls_client_ca_encode(s, &cas, &cas_len))
            return 0;
        cr.ext.present |= MINTLS_XBIT(MINTLS_X_CERTIFICATE_AUTHORITIES);
        cr.ext.other[0].type = MINTLS_EXT_CERTIFICATE_AUTHORITIES;
        cr.ext.other[0].body.p = cas;
        cr.ext.other[0].body.len = cas_len;
        cr.ext.other_count = 1;
    }
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_certificate_request_write(&w, &cr);
    OPENSSL_free(cas);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    hs->cert_requested = 1;
    return mintls_tls13_send(s, hs, &w);
}

/*
 * HelloRetryRequest (4.1.4): the ServerHello form that names the group the
 * client should share. The transcript goes on from
 * message_hash(ClientHello1) || HelloRetryRequest.
 */
static mintls_step_result send_hello_retry(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *ch1)
{
    if (!mintls_transcript_set_hash(&hs->transcript, hs->suite->md()) ||
        !mintls_tls13_hs_absorb(s, hs, ch1) || !mintls_transcript_hello_retry(&hs->transcript))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    mintls_server_hello hrr;
    memset(&hrr, 0, sizeof(hrr));
    mintls_extensions_init(&hrr.ext);
    hrr.legacy_version = MINTLS_VERSION_TLS12;
    hrr.is_hrr = 1;
    memcpy(hrr.random, mintls_hrr_random, sizeof(hrr.random));
    memcpy(hrr.session_id, hs->session_id, hs->session_id_len);
    hrr.session_id_len = hs->session_id_len;
    hrr.cipher_suite = hs->suite->id;
    hrr.has_extensions = 1;
    hrr.ext.present = MINTLS_XBIT(MINTLS_X_SUPPORTED_VERSIONS) | MINTLS_XBIT(MINTLS_X_KEY_SHARE);
    hrr.ext.selected_version = MINTLS_VERSION_TLS13;
    hrr.ext.key_share_group = hs->group;
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_hs_enter(s, TLS_ST_SW_SRVR_HELLO);
    if (!mintls_server_hello_write(&w, &hrr)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    if (!mintls_tls13_send(s, hs, &w))
        return MINTLS_STEP_ERROR;
    if (sends_ccs(s, hs)) {
        mintls_hs_enter(s, TLS_ST_SW_CHANGE);
        if (!mintls_tls13_send_ccs(s))
            return MINTLS_STEP_ERROR;
        hs->ccs_sent = 1;
        hs->ccs_allowed = 1; /* the client's may come before its second ClientHello */
    }
    hs->hrr_seen = 1;
    return MINTLS_STEP_FLUSH;
}

static mintls_step_result process_client_hello(SSL *s, mintls_tls13_hs *hs,
                                               const mintls_hs_msg *m)
{
    mintls_client_hello ch;
    uint8_t alert;
    if (m->type != MINTLS_HS_CLIENT_HELLO)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_client_hello_parse(m->body, m->body_len, &ch, &alert))
        return mintls_tls13_fail(s, alert, mintls_hello_parse_reason(alert));
    memcpy(s->client_random, ch.random, sizeof(s->client_random));
    mintls_hs_enter(s, TLS_ST_SR_CLNT_HELLO);
    /* The highest version both speak; TLS 1.2 has its own state machine. */
    int version = hs->hrr_seen ? TLS1_3_VERSION : mintls_server_choose_version(s, &ch);
    if (version == TLS1_2_VERSION)
        return mintls_tls12_server_take_over(s, m);
    if (version != TLS1_3_VERSION || !mintls_client_hello_offers_tls13(&ch))
        return mintls_tls13_fail(s, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    if (!mintls_tls13_check_client_hello(&ch, &alert))
        return mintls_tls13_fail(s, alert, mintls_tls13_client_hello_reason(&ch));
    /* The servername callback runs first: it may switch s to another
       SSL_CTX, whose certificates and ALPN callback then apply. */
    int has_name = (ch.ext.present & MINTLS_XBIT(MINTLS_X_SERVER_NAME)) != 0;
    if (!mintls_servername_on_hello(s, has_name ? ch.ext.server_name.p : NULL,
                                    ch.ext.server_name.len, &hs->sni_ack))
        return MINTLS_STEP_ERROR;
    const mintls_tls13_suite *suite = choose_suite(s, ch.cipher_suites);
    if (suite == NULL)
        return mintls_tls13_fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_NO_SHARED_CIPHER);
    /* The second ClientHello keeps to what the HelloRetryRequest chose (4.1.4). */
    if (hs->hrr_seen && suite != hs->suite)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_CIPHER);
    hs->suite = suite;

    /* As OpenSSL: the client's first share for one of our groups; after a
       HelloRetryRequest, exactly the group it named. */
    uint16_t ours[MINTLS_MAX_GROUPS];
    size_t n_ours = mintls_enabled_groups(s, ours);
    uint8_t ours_buf[2 * MINTLS_MAX_GROUPS];
    for (size_t i = 0; i < n_ours; i++) {
        ours_buf[2 * i] = (uint8_t)(ours[i] >> 8);
        ours_buf[2 * i + 1] = (uint8_t)ours[i];
    }
    mintls_u16_list our_list = {ours_buf, n_ours};
    mintls_span peer_share = {NULL, 0};
    uint16_t group = 0;
    mintls_cursor shares;
    mintls_cursor_init(&shares, ch.ext.key_shares.p, ch.ext.key_shares.len);
    uint16_t g;
    mintls_span key;
    while (group == 0 && mintls_key_share_next(&shares, &g, &key))
        if (mintls_u16_list_has(our_list, g) && (!hs->hrr_seen || g == hs->group)) {
            group = g;
            peer_share = key;
        }
    if (group == 0 && hs->hrr_seen)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    if (group == 0) {
        /* No share we can use: ask for our first group the client also
           supports (OpenSSL 3.0 uses the server's order here). */
        for (size_t i = 0; i < n_ours && group == 0; i++)
            if (mintls_u16_list_has(ch.ext.supported_groups, ours[i]))
                group = ours[i];
        if (group == 0)
            return mintls_tls13_fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE,
                                     SSL_R_NO_SUITABLE_KEY_SHARE);
        hs->group = group;
        memcpy(hs->session_id, ch.session_id, ch.session_id_len);
        hs->session_id_len = ch.session_id_len;
        return send_hello_retry(s, hs, m);
    }
    hs->group = group;
    s->tls13_group = group;

    size_t count = ch.ext.sig_algs.count < 64 ? ch.ext.sig_algs.count : 64;
    memcpy(hs->peer_sigalgs, ch.ext.sig_algs.p, 2 * count);
    hs->peer_sigalg_count = count;
    memcpy(hs->session_id, ch.session_id, ch.session_id_len);
    hs->session_id_len = ch.session_id_len;
    uint16_t scheme = 0;
    const mintls_cert_pkey *cp =
        mintls_tls13_choose_cert(s, hs->peer_sigalgs, hs->peer_sigalg_count, &scheme);
    if (cp == NULL)
        return mintls_tls13_fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE,
                                 SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM);

    if ((!hs->hrr_seen && !mintls_transcript_set_hash(&hs->transcript, hs->suite->md())) ||
        !mintls_tls13_hs_absorb(s, hs, m))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);

    uint8_t *pub = NULL, dhe[48];
    size_t pub_len = 0, dhe_len = 0;
    if (!mintls_tls13_group_keygen(hs->group, &hs->kex_key, &pub, &pub_len))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    if (!mintls_tls13_group_derive(hs->group, hs->kex_key, peer_share.p, peer_share.len, dhe,
                                   &dhe_len)) {
        OPENSSL_free(pub);
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    }
    int ok = write_server_hello(s, hs, pub, pub_len);
    OPENSSL_free(pub);
    ok = ok && mintls_tls13_derive_handshake(s, hs, dhe, dhe_len);
    OPENSSL_cleanse(dhe, sizeof(dhe));
    if (!ok)
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    /* RFC 8446 5.1: the ClientHello may not share a record with what follows. */
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    /* The compatibility CCS goes to clients in compatibility mode (D.4). */
    if (sends_ccs(s, hs) && !hs->ccs_sent) {
        mintls_hs_enter(s, TLS_ST_SW_CHANGE);
        if (!mintls_tls13_send_ccs(s))
            return MINTLS_STEP_ERROR;
    }
    hs->ccs_sent = 1;
    if (!mintls_tls13_install(s, hs, hs->server_hs_secret, 1) ||
        !mintls_tls13_install(s, hs, hs->client_hs_secret, 0))
        return MINTLS_STEP_ERROR;

    mintls_encrypted_extensions ee;
    mintls_extensions_init(&ee.ext);
    if (hs->sni_ack)
        ee.ext.present |= MINTLS_XBIT(MINTLS_X_SERVER_NAME);
    uint8_t alpn_buf[256];
    if (!choose_alpn(s, &ch, &ee, alpn_buf))
        return MINTLS_STEP_ERROR;
    mintls_writer w;
    mintls_writer_init(&w);
    uint8_t fin[MINTLS_TLS13_MAX_HASH];
    if (!mintls_encrypted_extensions_write(&w, &ee)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    mintls_span no_context = {NULL, 0};
    mintls_hs_enter(s, TLS_ST_SW_ENCRYPTED_EXTENSIONS);
    if (!mintls_tls13_send(s, hs, &w))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    if (s->verify_mode & SSL_VERIFY_PEER) {
        mintls_hs_enter(s, TLS_ST_SW_CERT_REQ);
        if (!write_certificate_request(s, hs))
            return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    mintls_hs_enter(s, TLS_ST_SW_CERT);
    if (!mintls_tls13_write_certificate(s, hs, cp, no_context))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_hs_enter(s, TLS_ST_SW_CERT_VRFY);
    if (!mintls_tls13_write_certificate_verify(s, hs, cp->privatekey, scheme, 1) ||
        !mintls_tls13_finished_value(s, hs, hs->server_hs_secret, fin))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_hs_enter(s, TLS_ST_SW_FINISHED);
    mintls_keep_finished(s, fin, hs->ks.hash_len, 0);
    mintls_writer_init(&w);
    if (!mintls_finished_write(&w, fin, hs->ks.hash_len) || !mintls_tls13_send(s, hs, &w) ||
        !mintls_tls13_derive_application(s, hs) ||
        !mintls_tls13_install(s, hs, hs->server_ap_secret, 1)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    hs->ccs_allowed = hs->session_id_len > 0 && !hs->hrr_seen;
    hs->state = hs->cert_requested ? S_CLIENT_CERTIFICATE : S_FINISHED;
    return MINTLS_STEP_FLUSH;
}

/* The client's Certificate: empty (allowed unless SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
   or a chain verified for client use. */
static mintls_step_result process_client_certificate(SSL *s, mintls_tls13_hs *hs,
                                                     const mintls_hs_msg *m)
{
    mintls_certificate cert;
    uint8_t alert;
    if (!mintls_certificate_parse(m->body, m->body_len, 0, 0, &cert, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH);
    /* We sent an empty context: the answer must echo it. */
    if (cert.context.len != 0)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_SSL_HANDSHAKE_FAILURE);
    if (cert.count == 0) {
        if (s->verify_mode & SSL_VERIFY_FAIL_IF_NO_PEER_CERT)
            return mintls_tls13_fail(s, MINTLS_ALERT_CERTIFICATE_REQUIRED,
                                     SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE);
        if (!mintls_tls13_hs_absorb(s, hs, m))
            return MINTLS_STEP_ERROR;
        mintls_hs_enter(s, TLS_ST_SR_CERT);
        hs->state = S_FINISHED;
        return MINTLS_STEP_CONTINUE;
    }
    if (!mintls_tls13_process_peer_chain(s, hs, &cert) || !mintls_tls13_hs_absorb(s, hs, m))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_CERT);
    hs->state = S_CLIENT_CERTIFICATE_VERIFY;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_client_certificate_verify(SSL *s, mintls_tls13_hs *hs,
                                                            const mintls_hs_msg *m)
{
    mintls_u16_list offered = {hs->our_sigalgs, hs->our_sigalg_count};
    if (!mintls_tls13_check_certificate_verify(s, hs, m, offered, 0))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_CERT_VRFY);
    hs->state = S_FINISHED;
    return MINTLS_STEP_CONTINUE;
}

static mintls_step_result process_client_finished(SSL *s, mintls_tls13_hs *hs,
                                                  const mintls_hs_msg *m)
{
    if (!mintls_tls13_check_finished(s, hs, m, hs->client_hs_secret))
        return MINTLS_STEP_ERROR;
    /* The Finished ends a key (5.1): nothing may follow it in its record. */
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    if (!mintls_tls13_hs_absorb(s, hs, m) ||
        !mintls_tls13_install(s, hs, hs->client_ap_secret, 0))
        return MINTLS_STEP_ERROR;
    mintls_hs_enter(s, TLS_ST_SR_FINISHED);
    mintls_tls13_hs_finish(s, hs, 1);
    return MINTLS_STEP_DONE;
}

/* The server's states: what each expects and who handles it. */
typedef mintls_step_result (*server_handler)(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m);
static const struct {
    const char *name;
    uint8_t expects; /* the handshake message type */
    server_handler handle;
} server_states[] = {
    [S_CLIENT_HELLO] = {"read ClientHello", MINTLS_HS_CLIENT_HELLO, process_client_hello},
    [S_CLIENT_CERTIFICATE] = {"read Certificate", MINTLS_HS_CERTIFICATE,
                               process_client_certificate},
    [S_CLIENT_CERTIFICATE_VERIFY] = {"read CertificateVerify", MINTLS_HS_CERTIFICATE_VERIFY,
                                      process_client_certificate_verify},
    [S_FINISHED] = {"read Finished", MINTLS_HS_FINISHED, process_client_finished},
};

static mintls_step_result server_step(SSL *s)
{
    mintls_tls13_hs *hs = s->hs;
    mintls_hs_msg m;
    int r = mintls_tls13_next_msg(s, hs, &m);
    if (r == 0)
        return MINTLS_STEP_READ;
    if (r < 0)
        return MINTLS_STEP_ERROR;
    if (m.type != server_states[hs->state].expects)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    return server_states[hs->state].handle(s, hs, &m);
}

static const mintls_hs_ops server_ops = {"TLS 1.3 server", mintls_tls13_hs_start, server_step,
                                         mintls_tls13_hs_cleanup};

const mintls_hs_ops *mintls_tls13_server_ops(void)
{
    return &server_ops;
}
