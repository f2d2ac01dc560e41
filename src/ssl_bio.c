/*
 * The SSL filter BIO (BIO_f_ssl(3)): a BIO whose reads and writes are an
 * SSL's SSL_read / SSL_write, so code written for plain BIO chains can
 * speak TLS. The BIO below it in the chain is the SSL's transport: pushing
 * a BIO under it makes that BIO the SSL's rbio and wbio, popping the SSL
 * BIO detaches it again.
 *
 * It is built like any application-defined BIO, through the public BIO_meth
 * API only: libssl never sees the inside of libcrypto's BIO object.
 *
 * Retry flags mirror OpenSSL: what SSL_get_error says after the SSL call
 * becomes the BIO's retry state (WANT_READ / WANT_WRITE -> retry read /
 * write; WANT_X509_LOOKUP, WANT_CONNECT, WANT_ACCEPT -> retry special with
 * a reason), and any other failure clears it.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Per-BIO state. The renegotiation fields keep what the
 * BIO_set_ssl_renegotiate_* ctrls set and count what OpenSSL would count;
 * the renegotiation itself cannot happen (see request_renegotiation).
 */
typedef struct {
    SSL *ssl;
    long num_renegotiates;
    unsigned long renegotiate_bytes; /* 0: no byte limit */
    size_t byte_count;               /* bytes moved since the last renegotiation */
    unsigned long renegotiate_timeout; /* seconds, 0: no time limit */
    unsigned long last_time;
} ssl_bio_state;

/* ---- renegotiation bookkeeping ------------------------------------------------ */

/*
 * TLS 1.3 (the only version mintls speaks) has no renegotiation. OpenSSL's
 * SSL BIO still counts the renegotiation it asks for and its
 * SSL_renegotiate fails on a TLS 1.3 connection with "wrong ssl version" on
 * the queue: so do we, so that programs see the same counts and errors.
 */
static void request_renegotiation(ssl_bio_state *st)
{
    st->num_renegotiates++;
    ERR_raise(ERR_LIB_SSL, SSL_R_WRONG_SSL_VERSION);
}

/* After n bytes moved successfully: is a renegotiation due by bytes or by time? */
static void account_io(ssl_bio_state *st, size_t n)
{
    if (st->renegotiate_bytes > 0) {
        st->byte_count += n;
        if (st->byte_count > st->renegotiate_bytes) {
            st->byte_count = 0;
            request_renegotiation(st);
            return; /* one per call, as OpenSSL: the timer waits for the next */
        }
    }
    if (st->renegotiate_timeout > 0) {
        unsigned long now = (unsigned long)time(NULL);
        if (now > st->last_time + st->renegotiate_timeout) {
            st->last_time = now;
            request_renegotiation(st);
        }
    }
}

/* ---- retry state ------------------------------------------------------------------ */

/* Turns the SSL call's result into the BIO's retry flags and reason. */
static void set_retry_from_ssl(BIO *b, SSL *ssl, int ret)
{
    int reason = 0;
    BIO_clear_retry_flags(b);
    switch (SSL_get_error(ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        BIO_set_retry_read(b);
        break;
    case SSL_ERROR_WANT_WRITE:
        BIO_set_retry_write(b);
        break;
    case SSL_ERROR_WANT_X509_LOOKUP:
        BIO_set_retry_special(b);
        reason = BIO_RR_SSL_X509_LOOKUP;
        break;
    case SSL_ERROR_WANT_CONNECT:
        BIO_set_retry_special(b);
        reason = BIO_RR_CONNECT;
        break;
    case SSL_ERROR_WANT_ACCEPT:
        BIO_set_retry_special(b);
        reason = BIO_RR_ACCEPT;
        break;
    default:
        /* NONE, ZERO_RETURN (the peer's close_notify), SSL, SYSCALL: no retry. */
        break;
    }
    BIO_set_retry_reason(b, reason);
}

/* ---- read / write --------------------------------------------------------------- */

/*
 * SSL_read / SSL_write run the handshake first when it has not finished,
 * in the role the SSL was given. Returns 1 with the byte count, otherwise
 * SSL_read's own 0 (close_notify) or -1, which BIO_read passes on.
 */
static int ssl_bio_read(BIO *b, char *buf, size_t size, size_t *out_read)
{
    ssl_bio_state *st = BIO_get_data(b);
    *out_read = 0;
    if (buf == NULL)
        return 0;
    int n = SSL_read(st->ssl, buf, size > INT_MAX ? INT_MAX : (int)size);
    set_retry_from_ssl(b, st->ssl, n);
    if (n <= 0)
        return n;
    *out_read = (size_t)n;
    account_io(st, (size_t)n);
    return 1;
}

static int ssl_bio_write(BIO *b, const char *buf, size_t size, size_t *out_written)
{
    ssl_bio_state *st = BIO_get_data(b);
    *out_written = 0;
    if (buf == NULL)
        return 0;
    int n = SSL_write(st->ssl, buf, size > INT_MAX ? INT_MAX : (int)size);
    set_retry_from_ssl(b, st->ssl, n);
    if (n <= 0)
        return n;
    *out_written = (size_t)n;
    account_io(st, (size_t)n);
    return 1;
}

static int ssl_bio_puts(BIO *b, const char *str)
{
    size_t len = strlen(str);
    return BIO_write(b, str, len > INT_MAX ? INT_MAX : (int)len);
}

/* ---- life cycle ------------------------------------------------------------------- */

static int ssl_bio_create(BIO *b)
{
    ssl_bio_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    BIO_set_init(b, 0);
    BIO_set_data(b, st);
    BIO_clear_flags(b, ~0);
    return 1;
}

/*
 * Lets go of the SSL. With BIO_CLOSE the SSL is freed; a connection whose
 * handshake finished is first closed with SSL_shutdown (one close_notify,
 * not waiting for the peer's), as OpenSSL 3.0 does.
 */
static void release_ssl(BIO *b, ssl_bio_state *st)
{
    if (BIO_get_shutdown(b)) {
        if (st->ssl != NULL && !SSL_in_init(st->ssl))
            SSL_shutdown(st->ssl);
        if (BIO_get_init(b))
            SSL_free(st->ssl);
        BIO_clear_flags(b, ~0);
        BIO_set_init(b, 0);
    }
    memset(st, 0, sizeof(*st));
}

static int ssl_bio_destroy(BIO *b)
{
    ssl_bio_state *st = BIO_get_data(b);
    if (st == NULL)
        return 0;
    release_ssl(b, st);
    free(st);
    BIO_set_data(b, NULL);
    return 1;
}

/*
 * BIO_set_ssl: the BIO takes the SSL (and frees it on BIO_free if close is
 * BIO_CLOSE). An SSL that already has a transport brings it along: its rbio
 * becomes the next BIO of the chain (with a reference of its own), and
 * whatever followed this BIO goes under it.
 */
static long set_ssl(BIO *b, ssl_bio_state *st, SSL *ssl, long close_flag)
{
    if (ssl == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (st->ssl != NULL)
        release_ssl(b, st);
    BIO_set_shutdown(b, (int)close_flag);
    st->ssl = ssl;
    BIO *rbio = SSL_get_rbio(ssl);
    if (rbio != NULL) {
        BIO *next = BIO_next(b);
        if (!BIO_up_ref(rbio))
            return 0;
        if (next != NULL)
            BIO_push(rbio, next);
        BIO_set_next(b, rbio);
    }
    BIO_set_init(b, 1);
    return 1;
}

/* BIO_do_handshake: the handshake alone, with the retry state it leaves. */
static long do_handshake(BIO *b, SSL *ssl)
{
    int ret = SSL_do_handshake(ssl);
    set_retry_from_ssl(b, ssl, ret);
    /* A connect BIO below that is still connecting explains why itself. */
    if (BIO_should_io_special(b) && BIO_get_retry_reason(b) == BIO_RR_CONNECT
        && BIO_next(b) != NULL)
        BIO_set_retry_reason(b, BIO_get_retry_reason(BIO_next(b)));
    return ret;
}

static long ssl_bio_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    ssl_bio_state *st = BIO_get_data(b);
    SSL *ssl = st->ssl;
    BIO *next = BIO_next(b);
    long ret = 1;

    if (ssl == NULL && cmd != BIO_C_SET_SSL)
        return 0;
    switch (cmd) {
    case BIO_C_SET_SSL:
        return set_ssl(b, st, ptr, num);
    case BIO_C_GET_SSL:
        if (ptr == NULL)
            return 0;
        *(SSL **)ptr = ssl;
        return 1;
    case BIO_C_SSL_MODE:
        if (num)
            SSL_set_connect_state(ssl);
        else
            SSL_set_accept_state(ssl);
        return 1;
    case BIO_C_SET_SSL_RENEGOTIATE_BYTES:
        /* OpenSSL ignores limits below 512 bytes and returns the old one. */
        ret = (long)st->renegotiate_bytes;
        if (num >= 512)
            st->renegotiate_bytes = (unsigned long)num;
        return ret;
    case BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT:
        /* As OpenSSL: under a minute means five seconds; returns the old value. */
        ret = (long)st->renegotiate_timeout;
        if (num < 60)
            num = 5;
        st->renegotiate_timeout = (unsigned long)num;
        st->last_time = (unsigned long)time(NULL);
        return ret;
    case BIO_C_GET_SSL_NUM_RENEGOTIATES:
        return st->num_renegotiates;
    case BIO_C_DO_STATE_MACHINE:
        return do_handshake(b, ssl);
    case BIO_CTRL_GET_CLOSE:
        return BIO_get_shutdown(b);
    case BIO_CTRL_SET_CLOSE:
        BIO_set_shutdown(b, (int)num);
        return 1;
    case BIO_CTRL_PENDING:
        /* Decrypted bytes first; otherwise what the transport holds. */
        ret = SSL_pending(ssl);
        if (ret == 0)
            ret = BIO_pending(SSL_get_rbio(ssl));
        return ret;
    case BIO_CTRL_WPENDING:
        return BIO_ctrl(SSL_get_wbio(ssl), cmd, num, ptr);
    case BIO_CTRL_FLUSH:
        BIO_clear_retry_flags(b);
        ret = BIO_ctrl(SSL_get_wbio(ssl), cmd, num, ptr);
        if (next != NULL)
            BIO_copy_next_retry(b);
        return ret;
    case BIO_CTRL_PUSH:
        /* A BIO pushed under us becomes the SSL's transport. The SSL owns
           the reference it is given, so take one for it. */
        if (next != NULL && next != SSL_get_rbio(ssl)) {
            if (!BIO_up_ref(next))
                return 0;
            SSL_set_bio(ssl, next, next);
        }
        return 1;
    case BIO_CTRL_POP:
        /* Only when this BIO itself leaves the chain: drop the transport
           (and the reference PUSH took). */
        if (ptr == b)
            SSL_set_bio(ssl, NULL, NULL);
        return 1;
    case BIO_CTRL_RESET:
        /* As OpenSSL: close, back to the initial connect/accept state, and
           reset the transport. */
        SSL_shutdown(ssl);
        if (!SSL_clear(ssl))
            return 0;
        if (next != NULL)
            return BIO_ctrl(next, cmd, num, ptr);
        return SSL_get_rbio(ssl) != NULL ? BIO_ctrl(SSL_get_rbio(ssl), cmd, num, ptr) : 1;
    case BIO_CTRL_DUP: {
        /* ptr is the new SSL BIO (BIO_dup_chain, e.g. for each connection an
           accept BIO takes): it gets a copy of our SSL and settings. */
        ssl_bio_state *d = BIO_get_data((BIO *)ptr);
        if (d == NULL)
            return 0;
        SSL_free(d->ssl);
        d->ssl = SSL_dup(ssl);
        d->renegotiate_bytes = st->renegotiate_bytes;
        d->renegotiate_timeout = st->renegotiate_timeout;
        d->num_renegotiates = st->num_renegotiates;
        d->last_time = st->last_time;
        if (d->ssl == NULL)
            return 0;
        BIO_set_init((BIO *)ptr, 1);
        return 1;
    }
    case BIO_CTRL_INFO:
    case BIO_CTRL_SET_CALLBACK: /* only through BIO_callback_ctrl */
        return 0;
    case BIO_C_GET_FD:
        return BIO_ctrl(SSL_get_rbio(ssl), cmd, num, ptr);
    default:
        /* Everything else (BIO_set_nbio, BIO_set_conn_hostname, ...) is the
           transport's business. */
        return BIO_ctrl(SSL_get_rbio(ssl), cmd, num, ptr);
    }
}

static long ssl_bio_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    ssl_bio_state *st = BIO_get_data(b);
    if (cmd != BIO_CTRL_SET_CALLBACK || st->ssl == NULL)
        return 0;
    return BIO_callback_ctrl(SSL_get_rbio(st->ssl), cmd, fp);
}

/* ---- the method, built once ------------------------------------------------------ */

static BIO_METHOD *ssl_bio_method;
static pthread_once_t ssl_bio_method_once = PTHREAD_ONCE_INIT;

static void build_method(void)
{
    BIO_METHOD *m = BIO_meth_new(BIO_TYPE_SSL, "ssl");
    if (m == NULL)
        return;
    if (!BIO_meth_set_write_ex(m, ssl_bio_write) || !BIO_meth_set_read_ex(m, ssl_bio_read)
        || !BIO_meth_set_puts(m, ssl_bio_puts) || !BIO_meth_set_ctrl(m, ssl_bio_ctrl)
        || !BIO_meth_set_create(m, ssl_bio_create) || !BIO_meth_set_destroy(m, ssl_bio_destroy)
        || !BIO_meth_set_callback_ctrl(m, ssl_bio_callback_ctrl)) {
        BIO_meth_free(m);
        return;
    }
    ssl_bio_method = m;
}

const BIO_METHOD *BIO_f_ssl(void)
{
    pthread_once(&ssl_bio_method_once, build_method);
    return ssl_bio_method;
}

/* ---- constructors and chain helpers ---------------------------------------------- */

BIO *BIO_new_ssl(SSL_CTX *ctx, int client)
{
    BIO *b = BIO_new(BIO_f_ssl());
    if (b == NULL)
        return NULL;
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL) {
        BIO_free(b);
        return NULL;
    }
    if (client)
        SSL_set_connect_state(ssl);
    else
        SSL_set_accept_state(ssl);
    if (BIO_set_ssl(b, ssl, BIO_CLOSE) != 1) {
        SSL_free(ssl);
        BIO_free(b);
        return NULL;
    }
    return b;
}

BIO *BIO_new_ssl_connect(SSL_CTX *ctx)
{
    BIO *con = BIO_new(BIO_s_connect());
    if (con == NULL)
        return NULL;
    BIO *ssl = BIO_new_ssl(ctx, 1);
    if (ssl == NULL) {
        BIO_free(con);
        return NULL;
    }
    return BIO_push(ssl, con);
}

/* Copies the session (and its id context) from one chain's SSL to the other's. */
int BIO_ssl_copy_session_id(BIO *to, BIO *from)
{
    to = BIO_find_type(to, BIO_TYPE_SSL);
    from = BIO_find_type(from, BIO_TYPE_SSL);
    if (to == NULL || from == NULL)
        return 0;
    ssl_bio_state *t = BIO_get_data(to), *f = BIO_get_data(from);
    if (t == NULL || f == NULL || t->ssl == NULL || f->ssl == NULL)
        return 0;
    return SSL_copy_session_id(t->ssl, f->ssl);
}

/* SSL_shutdown on every SSL BIO of the chain (one close_notify each). */
void BIO_ssl_shutdown(BIO *b)
{
    for (; b != NULL; b = BIO_next(b)) {
        if (BIO_method_type(b) != BIO_TYPE_SSL)
            continue;
        ssl_bio_state *st = BIO_get_data(b);
        if (st != NULL && st->ssl != NULL)
            SSL_shutdown(st->ssl);
    }
}
