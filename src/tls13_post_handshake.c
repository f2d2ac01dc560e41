/*
 * TLS 1.3 messages after the handshake (RFC 8446 4.6): NewSessionTicket
 * (kept on the client's session) and KeyUpdate (answered when asked).
 *
 * A message may arrive split across records, and several may share one:
 * whole messages are handled where they lie in the record; the pieces of a
 * split one are gathered in s->post_hs, allocated only while a message is
 * incomplete and freed as soon as it is whole, so an idle connection
 * holds nothing here.
 */
#include "tls13_hs.h"

#include <stdlib.h>
#include <string.h>

/* The largest post-handshake message we take: a NewSessionTicket with a
   maximal ticket and extensions, as OpenSSL 3.0 allows for TLS 1.3. */
#define MAX_POST_HS_BODY 131338

struct mintls_post_hs {
    uint8_t header[MINTLS_HS_HEADER_LEN];
    size_t header_len;
    uint8_t *body; /* body_len bytes, allocated once the header is whole */
    size_t body_len, have;
};

/* Moves one direction to its next application traffic secret (4.6.3, 7.2). */
static int next_key(SSL *s, int write)
{
    const mintls_tls13_suite *suite = s->tls13_suite;
    uint8_t *secret = write ? s->tls13_write_secret : s->tls13_read_secret;
    return mintls_tls13_next_traffic_secret(suite->md(), secret) &&
           mintls_tls13_install_traffic_secret(write ? &s->io.write_dir : &s->io.read_dir,
                                               suite->md(), suite->aead(), secret, write);
}

int mintls_tls13_queue_key_update(SSL *s, uint8_t request)
{
    mintls_writer w;
    uint8_t *msg = NULL;
    size_t len = 0;
    mintls_writer_init(&w);
    int ok = mintls_key_update_write(&w, request) && mintls_writer_finish(&w, &msg, &len) &&
             mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, msg, len) && next_key(s, 1);
    OPENSSL_free(msg);
    mintls_writer_clear(&w);
    if (ok)
        mintls_hs_enter(s, s->server ? TLS_ST_SW_KEY_UPDATE : TLS_ST_CW_KEY_UPDATE);
    s->hs_state = TLS_ST_OK;
    return ok;
}

void mintls_tls13_post_hs_free(SSL *s)
{
    if (s->post_hs == NULL)
        return;
    OPENSSL_free(s->post_hs->body);
    OPENSSL_free(s->post_hs);
    s->post_hs = NULL;
}

static int fail(SSL *s, int alert, int reason)
{
    mintls_conn_fatal(s, alert, reason);
    return -1;
}

static int key_update(SSL *s, const uint8_t *body, size_t body_len, int ends_record)
{
    uint8_t request, alert;
    if (!mintls_key_update_parse(body, body_len, &request, &alert))
        return fail(s, alert, SSL_R_BAD_KEY_UPDATE);
    /* RFC 8446 5.1: a key change ends the record. */
    if (!ends_record)
        return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
    if (!next_key(s, 0))
        return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    mintls_hs_enter(s, s->server ? TLS_ST_SR_KEY_UPDATE : TLS_ST_CR_KEY_UPDATE);
    s->hs_state = TLS_ST_OK;
    if (request == MINTLS_KEY_UPDATE_REQUESTED && !(s->shutdown & SSL_SENT_SHUTDOWN)) {
        if (!mintls_tls13_queue_key_update(s, MINTLS_KEY_UPDATE_NOT_REQUESTED))
            return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        /* Best effort now; what the BIO cannot take goes with the next write. */
        ERR_set_mark();
        (void)mintls_conn_flush(s);
        ERR_pop_to_mark();
        s->rwstate = SSL_NOTHING;
    }
    return 1;
}

static int new_session_ticket(SSL *s, const uint8_t *body, size_t body_len)
{
    mintls_new_session_ticket nst;
    uint8_t alert;
    if (!mintls_new_session_ticket_parse(body, body_len, &nst, &alert))
        return fail(s, alert, SSL_R_LENGTH_MISMATCH);
    /* Kept on the connection's session (ssl_session.c); a ticket we cannot
       keep costs only a future resumption. */
    ERR_set_mark();
    (void)mintls_session_add_ticket(s, nst.lifetime, nst.age_add, nst.nonce.p, nst.nonce.len,
                                    nst.ticket.p, nst.ticket.len);
    ERR_pop_to_mark();
    mintls_hs_enter(s, TLS_ST_CR_SESSION_TICKET);
    mintls_hs_enter(s, TLS_ST_OK);
    return 1;
}

/* One whole message. 1, or -1 after a fatal alert. */
static int handle(SSL *s, uint8_t type, const uint8_t *body, size_t body_len, int ends_record)
{
    if (type == MINTLS_HS_KEY_UPDATE)
        return key_update(s, body, body_len, ends_record);
    if (type == MINTLS_HS_NEW_SESSION_TICKET && !s->server)
        return new_session_ticket(s, body, body_len);
    return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
}

static uint32_t header_body_len(const uint8_t *h)
{
    return (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

/* As OpenSSL 3.0, a message is judged on its header, before its body is
   waited for: a type not expected here is unexpected_message, a body longer
   than its type allows illegal_parameter. 1, or -1 after a fatal alert. */
static int check_header(SSL *s, const uint8_t *h)
{
    size_t max;
    if (h[0] == MINTLS_HS_KEY_UPDATE)
        max = 1;
    else if (h[0] == MINTLS_HS_NEW_SESSION_TICKET && !s->server)
        max = MAX_POST_HS_BODY;
    else
        return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    if (header_body_len(h) > max)
        return fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_EXCESSIVE_MESSAGE_SIZE);
    return 1;
}

int mintls_tls13_post_hs_interrupted(SSL *s)
{
    /* OpenSSL 3.0 tells a cut header from a cut body. */
    int in_header = s->post_hs != NULL && s->post_hs->header_len < MINTLS_HS_HEADER_LEN;
    return fail(s, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                in_header ? SSL_R_MIXED_HANDSHAKE_AND_NON_HANDSHAKE_DATA
                          : SSL_R_UNEXPECTED_RECORD);
}

/* Takes bytes of a split message from p; 1 when it is whole, 0 when it
   needs more, -1 after a fatal alert. *used says how many were taken. */
static int gather(SSL *s, const uint8_t *p, size_t len, size_t *used)
{
    struct mintls_post_hs *m = s->post_hs;
    size_t n = 0;
    while (m->header_len < MINTLS_HS_HEADER_LEN && n < len)
        m->header[m->header_len++] = p[n++];
    if (m->header_len < MINTLS_HS_HEADER_LEN) {
        *used = n;
        return 0;
    }
    if (m->body == NULL) {
        if (check_header(s, m->header) < 0)
            return -1;
        m->body_len = header_body_len(m->header);
        if ((m->body = OPENSSL_malloc(m->body_len + 1)) == NULL)
            return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
    }
    size_t take = m->body_len - m->have < len - n ? m->body_len - m->have : len - n;
    memcpy(m->body + m->have, p + n, take);
    m->have += take;
    *used = n + take;
    return m->have == m->body_len;
}

int mintls_tls13_post_handshake(SSL *s, const uint8_t *data, size_t len)
{
    size_t off = 0;
    int r = 1;
    while (r > 0 && off < len) {
        const uint8_t *p = data + off;
        size_t left = len - off;
        if (s->post_hs == NULL && left >= MINTLS_HS_HEADER_LEN && check_header(s, p) < 0)
            return -1;
        if (s->post_hs == NULL && left >= MINTLS_HS_HEADER_LEN &&
            left - MINTLS_HS_HEADER_LEN >= header_body_len(p)) {
            /* A whole message in this record: handled where it lies. */
            size_t body_len = header_body_len(p);
            off += MINTLS_HS_HEADER_LEN + body_len;
            r = handle(s, p[0], p + MINTLS_HS_HEADER_LEN, body_len, off == len);
            continue;
        }
        if (s->post_hs == NULL && (s->post_hs = OPENSSL_zalloc(sizeof(*s->post_hs))) == NULL)
            return fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        size_t used = 0;
        r = gather(s, p, left, &used);
        off += used;
        if (r == 1) {
            struct mintls_post_hs *m = s->post_hs;
            r = handle(s, m->header[0], m->body, m->body_len, off == len);
            mintls_tls13_post_hs_free(s);
        } else if (r == 0) {
            r = 1; /* the rest comes in the next record */
        }
    }
    if (r < 0)
        return -1;
    mintls_conn_consume(s, len);
    return 1;
}
