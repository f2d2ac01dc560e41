/*
 * Application data over an established TLS 1.3 or 1.2 connection: SSL_read,
 * SSL_peek, SSL_write (and their _ex forms), SSL_shutdown, and the
 * post-handshake messages that arrive between application records
 * (NewSessionTicket, KeyUpdate). Also what the handshake negotiated:
 * SSL_get_version, SSL_get_current_cipher and the SSL_CIPHER accessors,
 * the peer's certificate and chain,
 * and the client's server_name (SSL_set_tlsext_host_name).
 *
 * Return conventions follow OpenSSL: SSL_read / SSL_write return the byte
 * count, or 0 / -1 for SSL_get_error to explain; the _ex forms return 1
 * or 0.
 */
#include "tls12_hs.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

int SSL_key_update(SSL *s, int updatetype)
{
    if (updatetype != SSL_KEY_UPDATE_NOT_REQUESTED && updatetype != SSL_KEY_UPDATE_REQUESTED) {
        ERR_raise(ERR_LIB_SSL, SSL_R_INVALID_KEY_UPDATE_TYPE);
        return 0;
    }
    /* As OpenSSL: before a handshake has agreed TLS 1.3 the version is wrong. */
    if (s->tls13_suite == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_WRONG_SSL_VERSION);
        return 0;
    }
    if (!SSL_is_init_finished(s)) {
        ERR_raise(ERR_LIB_SSL, SSL_R_STILL_IN_INIT);
        return 0;
    }
    if (s->io.dead || (s->shutdown & SSL_SENT_SHUTDOWN)) {
        ERR_raise(ERR_LIB_SSL, SSL_R_PROTOCOL_IS_SHUTDOWN);
        return 0;
    }
    /* A write the BIO has not taken yet stays whole under its own key: the
       KeyUpdate is queued after it. */
    if (!mintls_tls13_queue_key_update(s, (uint8_t)updatetype)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

/* ---- reading --------------------------------------------------------------------- */

/* Handshake records after the handshake, by the version agreed. */
static int post_handshake(SSL *s, const uint8_t *data, size_t len)
{
    if (s->tls12_suite != NULL)
        return mintls_tls12_post_handshake(s, data, len);
    return mintls_tls13_post_handshake(s, data, len);
}

/* Makes sure the handshake is done. 1, or what SSL_do_handshake returned. */
static int ensure_handshake(SSL *s)
{
    if (s->hs_ops == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_UNINITIALIZED);
        return -1;
    }
    if (SSL_is_init_finished(s) && s->hs_wait == MINTLS_HS_WAIT_NONE)
        return 1;
    return SSL_do_handshake(s);
}

/*
 * Reads application data, skipping post-handshake messages. Returns 1
 * with *out_n, 0 at close_notify, -1 otherwise.
 */
static int read_data(SSL *s, void *buf, size_t num, int peek, size_t *out_n)
{
    *out_n = 0;
    ERR_clear_error(); /* as OpenSSL's SSL_read: see step_loop in handshake.c */
    int r = ensure_handshake(s);
    if (r <= 0)
        return r;
    s->rwstate = SSL_NOTHING;
    for (;;) {
        r = mintls_conn_read_record(s);
        if (r <= 0)
            return r;
        uint8_t type;
        size_t len;
        const uint8_t *data = mintls_conn_record_data(s, &type, &len);
        if (data == NULL)
            continue;
        if (type == MINTLS_CT_APPLICATION_DATA) {
            /* RFC 8446 5.1: a handshake message split across records has
               nothing else between its pieces. */
            if (s->post_hs != NULL)
                return mintls_tls13_post_hs_interrupted(s);
            size_t n = len < num ? len : num;
            memcpy(buf, data, n);
            if (!peek)
                mintls_conn_consume(s, n);
            *out_n = n;
            return 1;
        }
        if (type == MINTLS_CT_HANDSHAKE) {
            if (post_handshake(s, data, len) < 0)
                return -1;
            continue;
        }
        /* OpenSSL 3.0 takes a change_cipher_spec only during the first
           handshake; after it, the record itself is of a bad type. */
        mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                          type == MINTLS_CT_CHANGE_CIPHER_SPEC ? SSL_R_BAD_RECORD_TYPE
                                                               : SSL_R_UNEXPECTED_RECORD);
        return -1;
    }
}

int SSL_read_ex(SSL *s, void *buf, size_t num, size_t *readbytes)
{
    size_t n = 0;
    int r = read_data(s, buf, num, 0, &n);
    if (readbytes != NULL)
        *readbytes = n;
    return r > 0;
}

int SSL_peek_ex(SSL *s, void *buf, size_t num, size_t *readbytes)
{
    size_t n = 0;
    int r = read_data(s, buf, num, 1, &n);
    if (readbytes != NULL)
        *readbytes = n;
    return r > 0;
}

int SSL_read(SSL *s, void *buf, int num)
{
    if (num < 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    size_t n;
    int r = read_data(s, buf, (size_t)num, 0, &n);
    return r > 0 ? (int)n : r;
}

int SSL_peek(SSL *s, void *buf, int num)
{
    if (num < 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    size_t n;
    int r = read_data(s, buf, (size_t)num, 1, &n);
    return r > 0 ? (int)n : r;
}

/* ---- writing --------------------------------------------------------------------- */

/*
 * A write the BIO could not take is queued already: the retry (same
 * buffer, as SSL_write(3) requires) only finishes sending it.
 */
static int write_data(SSL *s, const void *buf, size_t num, size_t *out_n)
{
    *out_n = 0;
    int r = ensure_handshake(s);
    if (r <= 0)
        return r;
    if (s->shutdown & SSL_SENT_SHUTDOWN) {
        s->rwstate = SSL_NOTHING;
        ERR_raise(ERR_LIB_SSL, SSL_R_PROTOCOL_IS_SHUTDOWN);
        return -1;
    }
    if (s->io.dead)
        return -1;
    if (s->tls13_write_pending == 0) {
        /* Whatever is queued (a KeyUpdate answer) goes out first. */
        if (mintls_conn_queued(s) > 0 && (r = mintls_conn_flush(s)) <= 0)
            return r;
        if (num == 0)
            return 1;
        if (!mintls_conn_queue(s, MINTLS_CT_APPLICATION_DATA, buf, num))
            return -1;
        s->tls13_write_pending = num;
    }
    if ((r = mintls_conn_flush(s)) <= 0)
        return r;
    *out_n = s->tls13_write_pending;
    s->tls13_write_pending = 0;
    return 1;
}

int SSL_write_ex(SSL *s, const void *buf, size_t num, size_t *written)
{
    size_t n = 0;
    int r = write_data(s, buf, num, &n);
    if (written != NULL)
        *written = n;
    return r > 0;
}

int SSL_write(SSL *s, const void *buf, int num)
{
    if (num < 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return -1;
    }
    size_t n;
    int r = write_data(s, buf, (size_t)num, &n);
    return r > 0 ? (int)n : r;
}

/* ---- closing ----------------------------------------------------------------------- */

/*
 * SSL_shutdown(3): the first call sends close_notify (0: sent, the peer's
 * not seen yet; 1: both done); a later call waits for the peer's,
 * discarding application data on the way.
 */
int SSL_shutdown(SSL *s)
{
    if (s->hs_ops == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_UNINITIALIZED);
        return -1;
    }
    if (SSL_in_init(s)) {
        ERR_raise(ERR_LIB_SSL, SSL_R_SHUTDOWN_WHILE_IN_INIT);
        return -1;
    }
    s->rwstate = SSL_NOTHING;
    if (s->settings.quiet_shutdown) {
        s->shutdown = SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN;
        return 1;
    }
    if (!(s->shutdown & SSL_SENT_SHUTDOWN)) {
        if (s->io.dead) {
            s->shutdown |= SSL_SENT_SHUTDOWN;
            return -1;
        }
        if (!mintls_conn_queue_close_notify(s))
            return -1;
        int r = mintls_conn_flush(s);
        if (r <= 0)
            return -1;
        return (s->shutdown & SSL_RECEIVED_SHUTDOWN) ? 1 : 0;
    }
    if (mintls_conn_queued(s) > 0) {
        /* The close_notify the last call could not finish sending. */
        if (mintls_conn_flush(s) <= 0)
            return -1;
        return (s->shutdown & SSL_RECEIVED_SHUTDOWN) ? 1 : 0;
    }
    while (!(s->shutdown & SSL_RECEIVED_SHUTDOWN)) {
        int r = mintls_conn_read_record(s);
        if (r == 0)
            break;
        if (r < 0)
            return -1;
        uint8_t type;
        size_t len;
        const uint8_t *data = mintls_conn_record_data(s, &type, &len);
        if (data == NULL)
            continue;
        if (type == MINTLS_CT_HANDSHAKE) {
            if (post_handshake(s, data, len) < 0)
                return -1;
            continue;
        }
        mintls_conn_consume(s, len); /* application data after our close_notify is dropped */
    }
    return 1;
}

/* ---- what was negotiated ----------------------------------------------------------- */

/* As OpenSSL's: the version agreed; before that, the highest a flexible
   method would negotiate (TLS 1.3), or the fixed method's. */
int SSL_version(const SSL *s)
{
    if (s->tls12_suite != NULL)
        return TLS1_2_VERSION;
    return s->method->version == TLS_ANY_VERSION ? TLS1_3_VERSION : s->method->version;
}

const char *SSL_get_version(const SSL *s)
{
    return SSL_version(s) == TLS1_2_VERSION ? "TLSv1.2" : "TLSv1.3";
}

const SSL_CIPHER *SSL_get_current_cipher(const SSL *s)
{
    return s->tls12_suite != NULL ? s->tls12_suite : s->tls13_suite;
}

const char *SSL_CIPHER_get_name(const SSL_CIPHER *c)
{
    return c != NULL ? c->name : "(NONE)";
}

const char *SSL_CIPHER_standard_name(const SSL_CIPHER *c)
{
    if (c == NULL)
        return "(NONE)";
    return c->rfc_name != NULL ? c->rfc_name : c->name;
}

const char *SSL_CIPHER_get_version(const SSL_CIPHER *c)
{
    if (c == NULL)
        return "(NONE)";
    return c->version == TLS1_2_VERSION ? "TLSv1.2" : "TLSv1.3";
}

int SSL_CIPHER_get_bits(const SSL_CIPHER *c, int *alg_bits)
{
    int bits = c != NULL ? c->bits : 0;
    if (alg_bits != NULL)
        *alg_bits = bits;
    return bits;
}

uint32_t SSL_CIPHER_get_id(const SSL_CIPHER *c)
{
    return 0x03000000u | c->id;
}

uint16_t SSL_CIPHER_get_protocol_id(const SSL_CIPHER *c)
{
    return c->id;
}

X509 *SSL_get0_peer_certificate(const SSL *s)
{
    return s->peer_cert;
}

X509 *SSL_get1_peer_certificate(const SSL *s)
{
    if (s->peer_cert != NULL)
        X509_up_ref(s->peer_cert);
    return s->peer_cert;
}

STACK_OF(X509) *SSL_get_peer_cert_chain(const SSL *s)
{
    return s->peer_chain;
}

STACK_OF(X509) *SSL_get0_verified_chain(const SSL *s)
{
    return s->verified_chain;
}

int SSL_get_early_data_status(const SSL *s)
{
    (void)s;
    return SSL_EARLY_DATA_NOT_SENT; /* mintls sends and accepts no early data */
}

/* ---- server_name (RFC 6066 3) ------------------------------------------------------- */

long mintls_ssl_hostname_ctrl(SSL *s, int cmd, long larg, void *parg, int *handled)
{
    *handled = cmd == SSL_CTRL_SET_TLSEXT_HOSTNAME;
    if (!*handled)
        return 0;
    if (larg != TLSEXT_NAMETYPE_host_name) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_VALUE);
        return 0;
    }
    char *copy = NULL;
    if (parg != NULL) {
        size_t len = strlen(parg);
        if (len == 0 || len > 255) {
            ERR_raise(ERR_LIB_SSL, SSL_R_BAD_VALUE);
            return 0;
        }
        if ((copy = strdup(parg)) == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
    }
    free(s->tlsext_hostname);
    s->tlsext_hostname = copy;
    return 1;
}

/* ---- TLS 1.3 cipher suites (SSL_CTX_set_ciphersuites(3)) ------------------------------ */

/*
 * Parses "NAME:NAME..." into ids. As OpenSSL: unknown names are skipped, a
 * list naming nothing we know fails (SSL_R_NO_CIPHER_MATCH), and the empty
 * string disables TLS 1.3 (every handshake then fails with
 * SSL_R_NO_CIPHERS_AVAILABLE until TLS 1.2 exists).
 */
static int parse_suites(mintls_ssl_settings *st, const char *str)
{
    uint16_t ids[4];
    size_t n = 0, named = 0;
    const char *p = str;
    while (*p != '\0') {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        const mintls_tls13_suite *found = NULL;
        for (size_t i = 0; i < MINTLS_TLS13_SUITE_COUNT; i++) {
            const mintls_tls13_suite *suite = mintls_tls13_suite_at(i);
            if (strlen(suite->name) == len && strncmp(suite->name, p, len) == 0)
                found = suite;
        }
        named += len > 0;
        int dup = 0;
        for (size_t i = 0; found != NULL && i < n; i++)
            dup |= ids[i] == found->id;
        if (found != NULL && !dup && n < 4)
            ids[n++] = found->id;
        p += len;
        if (*p == ':')
            p++;
    }
    if (n == 0 && named > 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH);
        return 0;
    }
    memcpy(st->tls13_suites, ids, sizeof(ids));
    st->tls13_suite_count = n;
    st->tls13_disabled = n == 0;
    return 1;
}

int SSL_CTX_set_ciphersuites(SSL_CTX *ctx, const char *str)
{
    return parse_suites(&ctx->settings, str);
}

int SSL_set_ciphersuites(SSL *s, const char *str)
{
    return parse_suites(&s->settings, str);
}
