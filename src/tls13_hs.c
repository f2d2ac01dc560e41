/*
 * The parts of the TLS 1.3 handshake the client and server share (see
 * tls13_hs.h).
 */
#include "tls13_hs.h"

#include <stdlib.h>
#include <string.h>

int mintls_tls13_hs_start(SSL *s)
{
    /* A client with neither TLS 1.3 nor TLS 1.2 enabled has nothing to
       offer. A server reads the ClientHello and answers protocol_version. */
    if (!s->server && !mintls_version_enabled(s, TLS1_3_VERSION) &&
        !mintls_version_enabled(s, TLS1_2_VERSION)) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NO_PROTOCOLS_AVAILABLE);
        return 0;
    }
    mintls_tls13_hs *hs = calloc(1, sizeof(*hs));
    if (hs == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    mintls_hs_reader_init(&hs->reader, 0);
    mintls_transcript_init(&hs->transcript);
    s->hs = hs;
    return 1;
}

void mintls_tls13_hs_cleanup(SSL *s)
{
    mintls_tls13_hs *hs = s->hs;
    s->hs = NULL;
    if (hs == NULL)
        return;
    mintls_hs_reader_clear(&hs->reader);
    mintls_transcript_clear(&hs->transcript);
    mintls_tls13_schedule_clear(&hs->ks);
    EVP_PKEY_free(hs->kex_key);
    EVP_PKEY_free(hs->peer_key);
    OPENSSL_free(hs->ch_msg);
    OPENSSL_free(hs->cookie);
    OPENSSL_cleanse(hs, sizeof(*hs));
    free(hs);
}

mintls_step_result mintls_tls13_fail(SSL *s, int alert, int reason)
{
    mintls_conn_fatal(s, alert, reason);
    return MINTLS_STEP_ERROR;
}

/* A reason for a message the reader rejects with this alert (OpenSSL names
   reasons per message; these are the closest general ones). */
static int reason_for_alert(uint8_t alert)
{
    switch (alert) {
    case MINTLS_ALERT_DECODE_ERROR:
        return SSL_R_LENGTH_MISMATCH;
    case MINTLS_ALERT_UNEXPECTED_MESSAGE:
        return SSL_R_UNEXPECTED_MESSAGE;
    case MINTLS_ALERT_ILLEGAL_PARAMETER:
        return SSL_R_SSL_HANDSHAKE_FAILURE;
    case MINTLS_ALERT_MISSING_EXTENSION:
        return SSL_R_SSL_HANDSHAKE_FAILURE;
    case MINTLS_ALERT_INTERNAL_ERROR:
        return ERR_R_INTERNAL_ERROR;
    default:
        return SSL_R_SSL_HANDSHAKE_FAILURE;
    }
}

int mintls_tls13_next_msg(SSL *s, mintls_tls13_hs *hs, mintls_hs_msg *out)
{
    for (;;) {
        uint8_t alert = MINTLS_ALERT_INTERNAL_ERROR;
        mintls_hs_read_result r = mintls_hs_reader_next(&hs->reader, out, &alert);
        if (r == MINTLS_HS_READ_MSG)
            return 1;
        if (r == MINTLS_HS_READ_ALERT) {
            mintls_conn_fatal(s, alert, reason_for_alert(alert));
            return -1;
        }
        uint8_t type;
        size_t len;
        const uint8_t *data = mintls_conn_record_data(s, &type, &len);
        if (data == NULL)
            return 0;
        if (type == MINTLS_CT_CHANGE_CIPHER_SPEC && hs->ccs_allowed) {
            /* RFC 8446 D.4: one compatibility CCS, then never again. */
            hs->ccs_allowed = 0;
            mintls_conn_consume(s, len);
            continue;
        }
        if (type != MINTLS_CT_HANDSHAKE) {
            /* As OpenSSL: application data (or a CCS) where a handshake
               message belongs is an unexpected record. */
            mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_RECORD);
            return -1;
        }
        if (!mintls_hs_reader_add(&hs->reader, data, len, &alert)) {
            mintls_conn_fatal(s, alert, reason_for_alert(alert));
            return -1;
        }
        mintls_conn_consume(s, len);
    }
}

int mintls_tls13_hs_absorb(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m)
{
    if (!mintls_transcript_update(&hs->transcript, m->msg, m->msg_len)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_send(SSL *s, mintls_tls13_hs *hs, mintls_writer *w)
{
    uint8_t *msg = NULL;
    size_t len = 0;
    int ok = mintls_writer_finish(w, &msg, &len) &&
             mintls_transcript_update(&hs->transcript, msg, len) &&
             mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, msg, len);
    if (msg != NULL)
        OPENSSL_cleanse(msg, len);
    OPENSSL_free(msg);
    mintls_writer_clear(w);
    if (!ok)
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    return ok;
}

int mintls_tls13_send_ccs(SSL *s)
{
    static const uint8_t ccs = 1;
    if (!mintls_conn_queue(s, MINTLS_CT_CHANGE_CIPHER_SPEC, &ccs, 1)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_hs_hash(SSL *s, mintls_tls13_hs *hs, uint8_t *out, size_t *out_len)
{
    if (!mintls_transcript_hash(&hs->transcript, out, out_len)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_derive_handshake(SSL *s, mintls_tls13_hs *hs, const uint8_t *dhe, size_t len)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len))
        return 0;
    if (!mintls_tls13_schedule_init(&hs->ks, hs->suite->md()) ||
        !mintls_tls13_schedule_early(&hs->ks, NULL, 0) ||
        !mintls_tls13_schedule_handshake(&hs->ks, dhe, len) ||
        !mintls_tls13_handshake_traffic(&hs->ks, hash, hs->client_hs_secret,
                                        hs->server_hs_secret)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    mintls_keylog(s, "SERVER_HANDSHAKE_TRAFFIC_SECRET", hs->server_hs_secret, hs->ks.hash_len);
    mintls_keylog(s, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", hs->client_hs_secret, hs->ks.hash_len);
    return 1;
}

int mintls_tls13_derive_application(SSL *s, mintls_tls13_hs *hs)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len))
        return 0;
    if (!mintls_tls13_schedule_master(&hs->ks) ||
        !mintls_tls13_application_traffic(&hs->ks, hash, hs->client_ap_secret,
                                          hs->server_ap_secret, s->exporter_secret)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    s->have_exporter = 1;
    mintls_keylog(s, "EXPORTER_SECRET", s->exporter_secret, hs->ks.hash_len);
    mintls_keylog(s, "SERVER_TRAFFIC_SECRET_0", hs->server_ap_secret, hs->ks.hash_len);
    mintls_keylog(s, "CLIENT_TRAFFIC_SECRET_0", hs->client_ap_secret, hs->ks.hash_len);
    return 1;
}

int mintls_tls13_install(SSL *s, mintls_tls13_hs *hs, const uint8_t *secret, int write)
{
    mintls_record_dir *d = write ? &s->io.write_dir : &s->io.read_dir;
    if (!mintls_tls13_install_traffic_secret(d, hs->suite->md(), hs->suite->aead(), secret,
                                             write)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_finished_value(SSL *s, mintls_tls13_hs *hs, const uint8_t *base_key,
                                uint8_t *out)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len))
        return 0;
    if (!mintls_tls13_finished_verify_data(hs->suite->md(), base_key, hash, out)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_keep_resumption_secret(SSL *s, mintls_tls13_hs *hs)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    return mintls_tls13_hs_hash(s, hs, hash, &hash_len) &&
           mintls_tls13_resumption_master(&hs->ks, hash, s->tls13_resumption_secret);
}

int mintls_tls13_check_finished(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m,
                                const uint8_t *base_key)
{
    mintls_finished fin;
    uint8_t alert, expected[MINTLS_TLS13_MAX_HASH];
    size_t n = hs->ks.hash_len;
    if (m->type != MINTLS_HS_FINISHED)
        return mintls_tls13_fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE), 0;
    if (!mintls_finished_parse(m->body, m->body_len, n, &fin, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH), 0;
    if (!mintls_tls13_finished_value(s, hs, base_key, expected))
        return 0;
    if (CRYPTO_memcmp(expected, fin.verify_data.p, n) != 0)
        return mintls_tls13_fail(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_DIGEST_CHECK_FAILED), 0;
    mintls_keep_finished(s, expected, n, 1);
    return 1;
}

void mintls_tls13_hs_finish(SSL *s, mintls_tls13_hs *hs, int server)
{
    size_t n = hs->ks.hash_len;
    s->tls13_suite = hs->suite;
    memcpy(s->tls13_read_secret, server ? hs->client_ap_secret : hs->server_ap_secret, n);
    memcpy(s->tls13_write_secret, server ? hs->server_ap_secret : hs->client_ap_secret, n);
}

size_t mintls_tls13_enabled_suites(const SSL *s, const mintls_tls13_suite *out[4])
{
    size_t n = 0;
    if (s->settings.tls13_disabled)
        return 0;
    if (s->settings.tls13_suite_count == 0) {
        for (size_t i = 0; i < MINTLS_TLS13_SUITE_COUNT; i++)
            out[n++] = mintls_tls13_suite_at(i);
        return n;
    }
    for (size_t i = 0; i < s->settings.tls13_suite_count && n < 4; i++)
        if ((out[n] = mintls_tls13_suite_by_id(s->settings.tls13_suites[i])) != NULL)
            n++;
    return n;
}
