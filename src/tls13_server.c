/*
 * The TLS 1.3 server (RFC 8446 2, 4): reads the ClientHello, answers with
 * ServerHello, the compatibility CCS, EncryptedExtensions, Certificate,
 * CertificateVerify and Finished in one flight, then reads the client's
 * Finished. Full (EC)DHE handshakes only: no PSK, no client certificate
 * request. A client without a share we can use gets one
 * HelloRetryRequest for a group from its supported_groups.
 */
#include "tls13_hs.h"

#include <openssl/rand.h>
#include <string.h>

enum {
    S_CLIENT_HELLO = 0,
    S_FINISHED,
};

static int server_start(SSL *s)
{
    mintls_tls13_hs *hs = mintls_tls13_hs_new();
    if (hs == NULL)
        return 0;
    s->hs = hs;
    return 1;
}

static void server_cleanup(SSL *s)
{
    mintls_tls13_hs_free(s->hs);
    s->hs = NULL;
}

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

/* Our certificate slot for this client, and the scheme to sign with. */
static const mintls_cert_pkey *choose_certificate(SSL *s, mintls_tls13_hs *hs,
                                                  uint16_t *out_scheme)
{
    static const mintls_cert_slot order[] = {MINTLS_CERT_ECDSA, MINTLS_CERT_ED25519,
                                             MINTLS_CERT_RSA_PSS, MINTLS_CERT_RSA};
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        const mintls_cert_pkey *cp = &s->cert.slots[order[i]];
        if (cp->x509 == NULL || cp->privatekey == NULL)
            continue;
        uint16_t scheme =
            mintls_sigscheme_choose(cp->privatekey, hs->peer_sigalgs, hs->peer_sigalg_count);
        if (scheme != 0) {
            *out_scheme = scheme;
            return cp;
        }
    }
    return NULL;
}

static int write_server_hello(SSL *s, mintls_tls13_hs *hs, const uint8_t *pub, size_t pub_len)
{
    mintls_server_hello sh;
    memset(&sh, 0, sizeof(sh));
    mintls_extensions_init(&sh.ext);
    sh.legacy_version = MINTLS_VERSION_TLS12;
    if (RAND_bytes(sh.random, sizeof(sh.random)) <= 0)
        return 0;
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

static int write_certificate(SSL *s, mintls_tls13_hs *hs, const mintls_cert_pkey *cp)
{
    STACK_OF(X509) *extra = cp->chain != NULL ? cp->chain : s->ctx->extra_certs;
    size_t n = 1 + (extra != NULL ? (size_t)sk_X509_num(extra) : 0);
    mintls_span *ders = OPENSSL_zalloc(n * sizeof(*ders));
    int ok = ders != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        X509 *x = i == 0 ? cp->x509 : sk_X509_value(extra, (int)i - 1);
        unsigned char *der = NULL;
        int len = i2d_X509(x, &der);
        ders[i].p = der;
        ders[i].len = len > 0 ? (size_t)len : 0;
        ok = len > 0;
    }
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_span empty = {NULL, 0};
    ok = ok && mintls_certificate_write_chain(&w, empty, ders, n);
    for (size_t i = 0; ders != NULL && i < n; i++)
        OPENSSL_free((void *)ders[i].p);
    OPENSSL_free(ders);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, hs, &w);
}

static int write_certificate_verify(SSL *s, mintls_tls13_hs *hs, EVP_PKEY *key, uint16_t scheme)
{
    uint8_t hash[EVP_MAX_MD_SIZE], content[MINTLS_CERT_VERIFY_CONTENT_MAX];
    size_t hash_len, content_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len) ||
        !mintls_certificate_verify_content(1, hash, hash_len, content, &content_len))
        return 0;
    mintls_certificate_verify cv;
    uint8_t *sig = NULL;
    size_t sig_len = 0;
    if (!mintls_sigscheme_sign(scheme, key, content, content_len, &sig, &sig_len))
        return 0;
    cv.scheme = scheme;
    cv.signature.p = sig;
    cv.signature.len = sig_len;
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_certificate_verify_write(&w, &cv);
    OPENSSL_free(sig);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
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
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
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
    if (!mintls_server_hello_write(&w, &hrr)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    if (!mintls_tls13_send(s, hs, &w))
        return MINTLS_STEP_ERROR;
    if (hs->session_id_len > 0) {
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
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (!mintls_client_hello_offers_tls13(&ch))
        return mintls_tls13_fail(s, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_UNSUPPORTED_PROTOCOL);
    if (!mintls_tls13_check_client_hello(&ch, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_SSL_HANDSHAKE_FAILURE);
    const mintls_tls13_suite *suite = choose_suite(s, ch.cipher_suites);
    if (suite == NULL)
        return mintls_tls13_fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE, SSL_R_NO_SHARED_CIPHER);
    /* The second ClientHello keeps to what the HelloRetryRequest chose (4.1.4). */
    if (hs->hrr_seen && suite != hs->suite)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_CIPHER_RETURNED);
    hs->suite = suite;

    /* The first of our groups the client sent a share for; after a
       HelloRetryRequest, exactly the group it named. */
    mintls_span peer_share = {NULL, 0};
    uint16_t group = 0;
    for (size_t i = 0; i < MINTLS_TLS13_GROUP_COUNT && group == 0; i++) {
        uint16_t g = mintls_tls13_group_at(i);
        if ((!hs->hrr_seen || g == hs->group) &&
            mintls_key_share_find(ch.ext.key_shares, g, &peer_share))
            group = g;
    }
    if (group == 0 && hs->hrr_seen)
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_BAD_KEY_SHARE);
    if (group == 0) {
        /* No share we can use: ask for one of the client's groups we support. */
        for (size_t i = 0; i < MINTLS_TLS13_GROUP_COUNT && group == 0; i++)
            if (mintls_u16_list_has(ch.ext.supported_groups, mintls_tls13_group_at(i)))
                group = mintls_tls13_group_at(i);
        if (group == 0)
            return mintls_tls13_fail(s, MINTLS_ALERT_HANDSHAKE_FAILURE,
                                     SSL_R_NO_SUITABLE_KEY_SHARE);
        hs->group = group;
        memcpy(hs->session_id, ch.session_id, ch.session_id_len);
        hs->session_id_len = ch.session_id_len;
        return send_hello_retry(s, hs, m);
    }
    hs->group = group;

    size_t count = ch.ext.sig_algs.count < 64 ? ch.ext.sig_algs.count : 64;
    memcpy(hs->peer_sigalgs, ch.ext.sig_algs.p, 2 * count);
    hs->peer_sigalg_count = count;
    memcpy(hs->session_id, ch.session_id, ch.session_id_len);
    hs->session_id_len = ch.session_id_len;
    uint16_t scheme = 0;
    const mintls_cert_pkey *cp = choose_certificate(s, hs, &scheme);
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
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    /* The compatibility CCS goes to clients in compatibility mode (D.4). */
    if (hs->session_id_len > 0 && !hs->ccs_sent && !mintls_tls13_send_ccs(s))
        return MINTLS_STEP_ERROR;
    hs->ccs_sent = 1;
    if (!mintls_tls13_install(s, hs, hs->server_hs_secret, 1) ||
        !mintls_tls13_install(s, hs, hs->client_hs_secret, 0))
        return MINTLS_STEP_ERROR;

    mintls_encrypted_extensions ee;
    mintls_extensions_init(&ee.ext);
    mintls_writer w;
    mintls_writer_init(&w);
    uint8_t fin[MINTLS_TLS13_MAX_HASH];
    if (!mintls_encrypted_extensions_write(&w, &ee)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    if (!mintls_tls13_send(s, hs, &w) || !write_certificate(s, hs, cp) ||
        !write_certificate_verify(s, hs, cp->privatekey, scheme) ||
        !mintls_tls13_finished_value(s, hs, hs->server_hs_secret, fin))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_writer_init(&w);
    if (!mintls_finished_write(&w, fin, hs->ks.hash_len) || !mintls_tls13_send(s, hs, &w) ||
        !mintls_tls13_derive_application(s, hs) ||
        !mintls_tls13_install(s, hs, hs->server_ap_secret, 1)) {
        mintls_writer_clear(&w);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    }
    hs->ccs_allowed = hs->session_id_len > 0 && !hs->hrr_seen;
    hs->state = S_FINISHED;
    return MINTLS_STEP_FLUSH;
}

static mintls_step_result process_client_finished(SSL *s, mintls_tls13_hs *hs,
                                                  const mintls_hs_msg *m)
{
    mintls_finished fin;
    uint8_t alert, expected[MINTLS_TLS13_MAX_HASH];
    size_t n = hs->ks.hash_len;
    if (m->type != MINTLS_HS_FINISHED)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_finished_parse(m->body, m->body_len, n, &fin, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH);
    if (!mintls_tls13_finished_value(s, hs, hs->client_hs_secret, expected))
        return MINTLS_STEP_ERROR;
    if (CRYPTO_memcmp(expected, fin.verify_data.p, n) != 0)
        return mintls_tls13_fail(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_DIGEST_CHECK_FAILED);
    if (!mintls_hs_reader_is_empty(&hs->reader))
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (!mintls_tls13_hs_absorb(s, hs, m) ||
        !mintls_tls13_install(s, hs, hs->client_ap_secret, 0))
        return MINTLS_STEP_ERROR;
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

static const mintls_hs_ops server_ops = {"TLS 1.3 server", server_start, server_step,
                                         server_cleanup};

const mintls_hs_ops *mintls_tls13_server_ops(void)
{
    return &server_ops;
}
