/*
 * SSL_SESSION and the session cache's settings. A completed handshake
 * leaves an SSL_SESSION on the connection (version, suite, peer
 * certificate, time, timeout, id context). A TLS 1.3 client keeps each
 * NewSessionTicket it receives in a session of its own, with the PSK the
 * ticket stands for (RFC 8446 4.6.1), ready for resumption.
 *
 * Resumption itself is not implemented yet: SSL_SESSION_is_resumable
 * says 0, the new-session callback is never called (there is no session
 * worth caching), and a session given to SSL_set_session leads to a full
 * handshake, which SSL_session_reused reports. mintls keeps no
 * server-side cache, so the cache size and mode are settings only and the
 * cache always holds 0 sessions.
 */
#include "tls13_hs.h"

#include <openssl/rand.h>
#include <string.h>
#include <time.h>

struct ssl_session_st {
    atomic_int references;
    int version;
    const SSL_CIPHER *cipher;
    long time;    /* seconds since the epoch */
    long timeout; /* seconds */
    uint8_t id[SSL_MAX_SSL_SESSION_ID_LENGTH];
    size_t id_len;
    uint8_t sid_ctx[SSL_MAX_SID_CTX_LENGTH];
    size_t sid_ctx_len;
    X509 *peer; /* owned reference, or NULL */

    /* Client, TLS 1.3: the ticket and what resuming with it needs. */
    uint8_t *ticket;
    size_t ticket_len;
    uint32_t lifetime_hint;
    uint32_t age_add;
    uint8_t psk[MINTLS_TLS13_MAX_HASH];
    size_t psk_len;
};

#define DEFAULT_TIMEOUT 7200 /* seconds: OpenSSL's for TLS methods */

SSL_SESSION *SSL_SESSION_new(void)
{
    SSL_SESSION *ss = OPENSSL_zalloc(sizeof(*ss));
    if (ss == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&ss->references, 1);
    ss->time = (long)time(NULL);
    ss->timeout = DEFAULT_TIMEOUT;
    return ss;
}

int SSL_SESSION_up_ref(SSL_SESSION *ss)
{
    atomic_fetch_add(&ss->references, 1);
    return 1;
}

void SSL_SESSION_free(SSL_SESSION *ss)
{
    if (ss == NULL || atomic_fetch_sub(&ss->references, 1) > 1)
        return;
    X509_free(ss->peer);
    OPENSSL_free(ss->ticket);
    OPENSSL_clear_free(ss, sizeof(*ss)); /* the PSK is a secret */
}

const unsigned char *SSL_SESSION_get_id(const SSL_SESSION *s, unsigned int *len)
{
    if (len != NULL)
        *len = (unsigned int)s->id_len;
    return s->id;
}

const unsigned char *SSL_SESSION_get0_id_context(const SSL_SESSION *s, unsigned int *len)
{
    if (len != NULL)
        *len = (unsigned int)s->sid_ctx_len;
    return s->sid_ctx;
}

long SSL_SESSION_get_time(const SSL_SESSION *s)
{
    return s != NULL ? s->time : 0;
}

long SSL_SESSION_set_time(SSL_SESSION *s, long t)
{
    if (s == NULL)
        return 0;
    s->time = t;
    return t;
}

long SSL_SESSION_get_timeout(const SSL_SESSION *s)
{
    return s != NULL ? s->timeout : 0;
}

long SSL_SESSION_set_timeout(SSL_SESSION *s, long t)
{
    if (s == NULL || t < 0)
        return 0;
    s->timeout = t;
    return 1;
}

int SSL_SESSION_get_protocol_version(const SSL_SESSION *s)
{
    return s->version;
}

const SSL_CIPHER *SSL_SESSION_get0_cipher(const SSL_SESSION *s)
{
    return s->cipher;
}

X509 *SSL_SESSION_get0_peer(SSL_SESSION *s)
{
    return s->peer;
}

int SSL_SESSION_is_resumable(const SSL_SESSION *s)
{
    (void)s;
    return 0; /* resumption is not implemented yet (see the top of this file) */
}

int SSL_SESSION_has_ticket(const SSL_SESSION *s)
{
    return s->ticket != NULL;
}

unsigned long SSL_SESSION_get_ticket_lifetime_hint(const SSL_SESSION *s)
{
    return s->lifetime_hint;
}

void SSL_SESSION_get0_ticket(const SSL_SESSION *s, const unsigned char **tick, size_t *len)
{
    if (tick != NULL)
        *tick = s->ticket;
    if (len != NULL)
        *len = s->ticket_len;
}

/* ---- a connection's session -------------------------------------------------- */

SSL_SESSION *SSL_get_session(const SSL *ssl)
{
    return ssl->session;
}

SSL_SESSION *SSL_get1_session(SSL *ssl)
{
    if (ssl->session != NULL)
        SSL_SESSION_up_ref(ssl->session);
    return ssl->session;
}

/* Accepted, and kept for SSL_get_session until a handshake replaces it;
   without resumption the next handshake is a full one. */
int SSL_set_session(SSL *to, SSL_SESSION *session)
{
    if (session != NULL)
        SSL_SESSION_up_ref(session);
    SSL_SESSION_free(to->session);
    to->session = session;
    return 1;
}

int SSL_session_reused(const SSL *s)
{
    (void)s;
    return 0;
}

void mintls_session_release(SSL *s)
{
    SSL_SESSION_free(s->session);
    s->session = NULL;
}

/* A new session describing s's connection (no ticket). */
static SSL_SESSION *describe(SSL *s)
{
    SSL_SESSION *ss = SSL_SESSION_new();
    if (ss == NULL)
        return NULL;
    ss->version = SSL_version(s);
    ss->cipher = SSL_get_current_cipher(s);
    ss->timeout = s->ctx->session_timeout;
    memcpy(ss->sid_ctx, s->sid_ctx, s->sid_ctx_len);
    ss->sid_ctx_len = s->sid_ctx_len;
    if (s->peer_cert != NULL && X509_up_ref(s->peer_cert))
        ss->peer = s->peer_cert;
    return ss;
}

int mintls_session_established(SSL *s)
{
    SSL_SESSION *ss = describe(s);
    if (ss == NULL)
        return 0;
    /* A server names its session with a random id, as OpenSSL does; a
       client's gets the ticket's hash when one arrives. */
    if (s->server) {
        ss->id_len = SSL_MAX_SSL_SESSION_ID_LENGTH;
        if (RAND_bytes(ss->id, (int)ss->id_len) <= 0) {
            SSL_SESSION_free(ss);
            return 0;
        }
    }
    mintls_session_release(s);
    s->session = ss;
    return 1;
}

/*
 * Each ticket gets a session of its own (sessions a program holds do not
 * change under it), which becomes s's current one.
 */
int mintls_session_add_ticket(SSL *s, uint32_t lifetime, uint32_t age_add, const uint8_t *nonce,
                              size_t nonce_len, const uint8_t *ticket, size_t ticket_len)
{
    if (s->tls13_suite == NULL || ticket_len == 0)
        return 0;
    SSL_SESSION *ss = describe(s);
    if (ss == NULL)
        return 0;
    const EVP_MD *md = s->tls13_suite->md();
    unsigned int id_len = 0;
    ss->ticket = OPENSSL_memdup(ticket, ticket_len);
    ss->ticket_len = ticket_len;
    ss->lifetime_hint = lifetime;
    ss->age_add = age_add;
    ss->timeout = lifetime;
    ss->psk_len = (size_t)EVP_MD_get_size(md);
    if (ss->ticket == NULL ||
        !mintls_tls13_resumption_psk(md, s->tls13_resumption_secret, nonce, nonce_len,
                                     ss->psk) ||
        !EVP_Digest(ticket, ticket_len, ss->id, &id_len, EVP_sha256(), NULL)) {
        SSL_SESSION_free(ss);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    ss->id_len = id_len;
    mintls_session_release(s);
    s->session = ss;
    return 1;
}

/* ---- the cache's settings ------------------------------------------------------ */

long SSL_CTX_set_timeout(SSL_CTX *ctx, long t)
{
    long old = ctx->session_timeout;
    ctx->session_timeout = t;
    return old;
}

long SSL_CTX_get_timeout(const SSL_CTX *ctx)
{
    return ctx->session_timeout;
}

static int set_sid_ctx(uint8_t *dst, size_t *dst_len, const unsigned char *sid_ctx,
                       unsigned int len)
{
    if (len > SSL_MAX_SID_CTX_LENGTH) {
        ERR_raise(ERR_LIB_SSL, SSL_R_SSL_SESSION_ID_CONTEXT_TOO_LONG);
        return 0;
    }
    if (len > 0)
        memcpy(dst, sid_ctx, len);
    *dst_len = len;
    return 1;
}

int SSL_CTX_set_session_id_context(SSL_CTX *ctx, const unsigned char *sid_ctx,
                                   unsigned int sid_ctx_len)
{
    return set_sid_ctx(ctx->sid_ctx, &ctx->sid_ctx_len, sid_ctx, sid_ctx_len);
}

int SSL_set_session_id_context(SSL *ssl, const unsigned char *sid_ctx, unsigned int sid_ctx_len)
{
    return set_sid_ctx(ssl->sid_ctx, &ssl->sid_ctx_len, sid_ctx, sid_ctx_len);
}

/* Nothing is cached, so nothing expires. */
void SSL_CTX_flush_sessions(SSL_CTX *ctx, long tm)
{
    (void)ctx;
    (void)tm;
}

void SSL_CTX_sess_set_new_cb(SSL_CTX *ctx, int (*new_session_cb)(SSL *, SSL_SESSION *))
{
    ctx->new_session_cb = new_session_cb;
}

void SSL_CTX_sess_set_remove_cb(SSL_CTX *ctx,
                                void (*remove_session_cb)(SSL_CTX *ctx, SSL_SESSION *sess))
{
    ctx->remove_session_cb = remove_session_cb;
}

void SSL_CTX_sess_set_get_cb(SSL_CTX *ctx,
                             SSL_SESSION *(*get_session_cb)(SSL *, const unsigned char *, int,
                                                            int *))
{
    ctx->get_session_cb = get_session_cb;
}

void mintls_session_ctx_init(SSL_CTX *ctx)
{
    ctx->session_cache_mode = SSL_SESS_CACHE_SERVER;
    ctx->session_cache_size = SSL_SESSION_CACHE_MAX_SIZE_DEFAULT;
    ctx->session_timeout = DEFAULT_TIMEOUT;
}

/* The cache ctrls of SSL_CTX_ctrl; *handled = 0 for others. */
long mintls_session_ctx_ctrl(SSL_CTX *ctx, int cmd, long larg, int *handled)
{
    long old;
    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_SET_SESS_CACHE_SIZE:
        if (larg < 0)
            return 0;
        old = ctx->session_cache_size;
        ctx->session_cache_size = larg;
        return old;
    case SSL_CTRL_GET_SESS_CACHE_SIZE:
        return ctx->session_cache_size;
    case SSL_CTRL_SET_SESS_CACHE_MODE:
        old = ctx->session_cache_mode;
        ctx->session_cache_mode = larg;
        return old;
    case SSL_CTRL_GET_SESS_CACHE_MODE:
        return ctx->session_cache_mode;
    case SSL_CTRL_SESS_CONNECT:
        return atomic_load(&ctx->stats_connect);
    case SSL_CTRL_SESS_CONNECT_GOOD:
        return atomic_load(&ctx->stats_connect_good);
    case SSL_CTRL_SESS_ACCEPT:
        return atomic_load(&ctx->stats_accept);
    case SSL_CTRL_SESS_ACCEPT_GOOD:
        return atomic_load(&ctx->stats_accept_good);
    /* No cache, no resumption, no renegotiation: these stay 0. */
    case SSL_CTRL_SESS_NUMBER:
    case SSL_CTRL_SESS_CONNECT_RENEGOTIATE:
    case SSL_CTRL_SESS_ACCEPT_RENEGOTIATE:
    case SSL_CTRL_SESS_HIT:
    case SSL_CTRL_SESS_CB_HIT:
    case SSL_CTRL_SESS_MISSES:
    case SSL_CTRL_SESS_TIMEOUTS:
    case SSL_CTRL_SESS_CACHE_FULL:
        return 0;
    default:
        *handled = 0;
        return 0;
    }
}
