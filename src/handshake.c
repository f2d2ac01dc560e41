/*
 * The handshake driver: the one loop behind SSL_do_handshake, SSL_connect,
 * SSL_accept (and later the implicit handshake in SSL_read / SSL_write).
 *
 * A state machine is a mintls_hs_ops: its step function does no I/O and
 * says why it stopped (mintls_step_result). The driver does the I/O the
 * step asked for. When the BIO cannot proceed it returns -1 with rwstate
 * set, remembering in hs_wait what it was doing; the next call finishes
 * that I/O before it calls the step again. So a step never runs twice for
 * one piece of work, and no byte is lost or sent twice.
 *
 * Also here: how the last call's result is explained (SSL_get_error,
 * SSL_want), with OpenSSL's rules.
 */
#include "ssl_local.h"

/* ---- the role tables -------------------------------------------------------- */

/*
 * Until the TLS 1.3 state machines exist, a role's table fails the
 * handshake at its start with an error on the queue: nothing is sent and
 * no handshake is pretended. The state machines replace these two tables.
 */
static int unavailable_start(SSL *s)
{
    (void)s;
    ERR_raise(ERR_LIB_SSL, SSL_R_UNSUPPORTED_PROTOCOL);
    return 0;
}

static mintls_step_result unavailable_step(SSL *s)
{
    (void)s;
    ERR_raise(ERR_LIB_SSL, SSL_R_UNSUPPORTED_PROTOCOL);
    return MINTLS_STEP_ERROR;
}

static const mintls_hs_ops unavailable_client = {"client (not available)", unavailable_start,
                                                 unavailable_step, NULL};
static const mintls_hs_ops unavailable_server = {"server (not available)", unavailable_start,
                                                 unavailable_step, NULL};

/* The TLS 1.3 state machines (tls13_client.c, tls13_server.c). The
   unavailable tables stay for a build that has to switch them off. */
const mintls_hs_ops *mintls_tls13_client_ops(void);
const mintls_hs_ops *mintls_tls13_server_ops(void);

const mintls_hs_ops *mintls_hs_client_ops(void)
{
    (void)unavailable_client;
    return mintls_tls13_client_ops();
}

const mintls_hs_ops *mintls_hs_server_ops(void)
{
    (void)unavailable_server;
    return mintls_tls13_server_ops();
}

void mintls_hs_set_ops(SSL *s, const mintls_hs_ops *ops)
{
    s->hs_ops = ops;
}

void mintls_hs_clear(SSL *s)
{
    if (s->hs_ops != NULL && s->hs_ops->cleanup != NULL)
        s->hs_ops->cleanup(s);
    s->hs = NULL;
    s->hs_wait = MINTLS_HS_WAIT_NONE;
}

/* ---- choosing a role ---------------------------------------------------------- */

/* Both reset the handshake to "before", as OpenSSL does, and forget any shutdown. */
static void set_role(SSL *s, int server)
{
    mintls_hs_clear(s);
    s->hs_state = TLS_ST_BEFORE;
    s->server = server;
    s->shutdown = 0;
    s->rwstate = SSL_NOTHING;
    s->hs_phase = MINTLS_PHASE_BEFORE;
    s->hs_ops = server ? mintls_hs_server_ops() : mintls_hs_client_ops();
}

void SSL_set_connect_state(SSL *s)
{
    set_role(s, 0);
}

void SSL_set_accept_state(SSL *s)
{
    set_role(s, 1);
}

/* ---- the loop -------------------------------------------------------------------- */

/*
 * Ends the handshake after an error. A step that fails has already called
 * mintls_conn_fatal with its alert; if it did not, the peer is told
 * internal_error. alert < 0: fail without telling the peer (nothing was
 * sent yet).
 */
static int fail(SSL *s, int alert)
{
    /* A failure always explains itself on the queue. */
    if (ERR_peek_error() == 0)
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    if (!s->io.dead)
        mintls_conn_fatal(s, alert, 0);
    mintls_hs_clear(s);
    return -1;
}

/* The handshake is over: OpenSSL's last state, counters, the session, callbacks. */
static void finished(SSL *s)
{
    mintls_hs_clear(s);
    s->hs_phase = MINTLS_PHASE_FINISHED;
    s->hs_state = TLS_ST_OK;
    if (s->server)
        atomic_fetch_add(&s->ctx->stats_accept_good, 1);
    else
        atomic_fetch_add(&s->ctx->stats_connect_good, 1);
    /* Without a session object the connection still works; only
       SSL_get_session has nothing to show, so a malloc failure here is
       not worth failing a handshake that succeeded. */
    ERR_set_mark();
    (void)mintls_session_established(s);
    ERR_pop_to_mark();
    mintls_info(s, SSL_CB_HANDSHAKE_DONE, 1);
}

/*
 * Finishes the I/O a previous call could not. Returns 1 when it is done,
 * otherwise what the driver returns.
 */
static int finish_pending_io(SSL *s)
{
    int r;
    switch (s->hs_wait) {
    case MINTLS_HS_WAIT_READ:
        r = mintls_conn_read_record(s);
        break;
    case MINTLS_HS_WAIT_FLUSH:
    case MINTLS_HS_WAIT_DONE:
        r = mintls_conn_flush(s);
        break;
    case MINTLS_HS_WAIT_NONE:
    default:
        return 1;
    }
    if (r == 1) {
        if (s->hs_wait == MINTLS_HS_WAIT_DONE)
            finished(s);
        s->hs_wait = MINTLS_HS_WAIT_NONE;
        return 1;
    }
    /* A transport error or an alert ends the handshake; a WANT does not. */
    if (s->io.dead)
        mintls_hs_clear(s);
    return r;
}

static int step_loop(SSL *s);

/* Every return tells the info callback, as OpenSSL's SSL_CB_*_EXIT does. */
int SSL_do_handshake(SSL *s)
{
    if (s->hs_ops == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_CONNECTION_TYPE_NOT_SET);
        return -1;
    }
    /* A connection a fatal error ended is not "done", even after its
       handshake: OpenSSL returns -1 (step_loop says so, queue empty). */
    if (s->hs_phase == MINTLS_PHASE_FINISHED && s->hs_wait == MINTLS_HS_WAIT_NONE &&
        !s->io.dead) {
        s->rwstate = SSL_NOTHING;
        return 1;
    }
    int r = step_loop(s);
    mintls_info(s, (s->server ? SSL_ST_ACCEPT : SSL_ST_CONNECT) | SSL_CB_EXIT, r);
    return r;
}

static int step_loop(SSL *s)
{
    /* As OpenSSL's: each call starts from an empty error queue, so that a
       stale error cannot turn this call's WANT_READ into SSL_ERROR_SSL. */
    ERR_clear_error();
    s->rwstate = SSL_NOTHING;
    /* After a fatal error OpenSSL returns -1 without a new error: so do we. */
    if (s->io.dead)
        return -1;
    if (s->hs_phase == MINTLS_PHASE_BEFORE) {
        s->hs_phase = MINTLS_PHASE_RUNNING;
        if (s->server)
            atomic_fetch_add(&s->ctx->stats_accept, 1);
        else
            atomic_fetch_add(&s->ctx->stats_connect, 1);
        mintls_info(s, SSL_CB_HANDSHAKE_START, 1);
        mintls_hs_enter(s, TLS_ST_BEFORE);
        if (!s->hs_ops->start(s))
            return fail(s, -1);
    }
    for (;;) {
        int r = finish_pending_io(s);
        if (r != 1)
            return r;
        if (s->hs_phase == MINTLS_PHASE_FINISHED)
            return 1;

        switch (s->hs_ops->step(s)) {
        case MINTLS_STEP_CONTINUE:
            break;
        case MINTLS_STEP_READ: {
            /* The step must take (consume) what the record held before it
               asks for more: the next record replaces it in the buffer, and
               a step re-run on the same bytes would loop. */
            uint8_t type;
            size_t left;
            if (mintls_conn_record_data(s, &type, &left) != NULL) {
                ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
                return fail(s, MINTLS_ALERT_INTERNAL_ERROR);
            }
            s->hs_wait = MINTLS_HS_WAIT_READ;
            break;
        }
        case MINTLS_STEP_FLUSH:
            s->hs_wait = MINTLS_HS_WAIT_FLUSH;
            break;
        case MINTLS_STEP_DONE:
            s->hs_wait = MINTLS_HS_WAIT_DONE;
            break;
        case MINTLS_STEP_RETRY:
            return -1;
        case MINTLS_STEP_ERROR:
        default:
            return fail(s, MINTLS_ALERT_INTERNAL_ERROR);
        }
    }
}

int SSL_connect(SSL *s)
{
    if (s->hs_ops == NULL)
        SSL_set_connect_state(s);
    return SSL_do_handshake(s);
}

int SSL_accept(SSL *s)
{
    if (s->hs_ops == NULL)
        SSL_set_accept_state(s);
    return SSL_do_handshake(s);
}

int SSL_in_init(const SSL *s)
{
    return s->hs_phase != MINTLS_PHASE_FINISHED;
}

int SSL_in_before(const SSL *s)
{
    return s->hs_phase == MINTLS_PHASE_BEFORE;
}

int SSL_is_init_finished(const SSL *s)
{
    return s->hs_phase == MINTLS_PHASE_FINISHED;
}

/* ---- explaining the result ------------------------------------------------------ */

int SSL_want(const SSL *s)
{
    return s->rwstate;
}

/* What a BIO that stopped wants, or 0 when it did not ask for a retry. */
static int bio_wants(BIO *b)
{
    if (b == NULL)
        return 0;
    if (BIO_should_read(b))
        return SSL_ERROR_WANT_READ;
    if (BIO_should_write(b))
        return SSL_ERROR_WANT_WRITE;
    if (BIO_should_io_special(b)) {
        int reason = BIO_get_retry_reason(b);
        if (reason == BIO_RR_CONNECT)
            return SSL_ERROR_WANT_CONNECT;
        if (reason == BIO_RR_ACCEPT)
            return SSL_ERROR_WANT_ACCEPT;
        return SSL_ERROR_SYSCALL;
    }
    return 0;
}

/*
 * SSL_get_error(3): success is NONE; an error on this thread's queue is SSL
 * (or SYSCALL for a system error); a BIO that asked to retry is WANT_*;
 * the peer's close_notify is ZERO_RETURN; anything else is SYSCALL.
 */
int SSL_get_error(const SSL *s, int ret_code)
{
    if (ret_code > 0)
        return SSL_ERROR_NONE;
    unsigned long e = ERR_peek_error();
    if (e != 0)
        return ERR_GET_LIB(e) == ERR_LIB_SYS ? SSL_ERROR_SYSCALL : SSL_ERROR_SSL;
    int want = 0;
    if (s->rwstate == SSL_READING)
        want = bio_wants(s->rbio);
    else if (s->rwstate == SSL_WRITING)
        want = bio_wants(s->wbio);
    if (want != 0)
        return want;
    if (s->rwstate == SSL_X509_LOOKUP)
        return SSL_ERROR_WANT_X509_LOOKUP;
    if ((s->shutdown & SSL_RECEIVED_SHUTDOWN) && s->io.close_notify_received)
        return SSL_ERROR_ZERO_RETURN;
    return SSL_ERROR_SYSCALL;
}
