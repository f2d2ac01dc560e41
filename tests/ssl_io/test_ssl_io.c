/*
 * The handshake driver and the connection's record I/O, without a real
 * handshake: a fake state machine per role sends and expects fixed
 * plaintext "handshake" records between two SSL objects joined by a BIO
 * pair. Driven normally, through 1-byte BIO buffers (every call stops with
 * WANT_READ / WANT_WRITE and must resume without repeating or losing a
 * byte), and into the failures: EOF, a BIO error, a fatal alert, records
 * the record layer rejects, close_notify.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ssl_local.h"
#include "test.h"

/* ---- the fake state machine -------------------------------------------------- */

/*
 * Client: send HELLO, read REPLY (which spans two records: it is larger
 * than 2^14), send FIN, done. Server: read HELLO, send REPLY, read FIN,
 * done. Each step counts its runs, so a repeated step shows.
 */
enum { C_SEND_HELLO, C_READ_REPLY, C_SEND_FIN, C_DONE };
enum { S_READ_HELLO, S_SEND_REPLY, S_READ_FIN, S_DONE };

#define HELLO_LEN 300
#define REPLY_LEN 20000
#define FIN_LEN 36

typedef struct {
    int state;
    int runs[8];        /* step runs per state */
    size_t got;         /* bytes of the expected message received so far */
    uint8_t msg[REPLY_LEN];
    int started, cleaned;
    int fail_after_hello; /* server: fail with an alert instead of replying */
} fake_hs;

static uint8_t hello[HELLO_LEN], reply[REPLY_LEN], fin[FIN_LEN];

static void fill_pattern(uint8_t *p, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7 + (i >> 8));
}

static int fake_start(SSL *s)
{
    fake_hs *h = SSL_get_app_data(s);
    h->started++;
    s->hs = h;
    return 1;
}

static void fake_cleanup(SSL *s)
{
    fake_hs *h = s->hs;
    if (h != NULL)
        h->cleaned++;
}

/* Takes handshake bytes from the current record into h->msg; 1 when all `want` arrived. */
static int take(SSL *s, fake_hs *h, size_t want)
{
    uint8_t type;
    size_t len;
    const uint8_t *p = mintls_conn_record_data(s, &type, &len);
    if (p == NULL || type != MINTLS_CT_HANDSHAKE)
        return -1;
    size_t n = len < want - h->got ? len : want - h->got;
    memcpy(h->msg + h->got, p, n);
    h->got += n;
    mintls_conn_consume(s, n);
    return h->got == want;
}

static mintls_step_result client_step(SSL *s)
{
    fake_hs *h = s->hs;
    h->runs[h->state]++;
    switch (h->state) {
    case C_SEND_HELLO:
        if (!mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, hello, sizeof(hello)))
            return MINTLS_STEP_ERROR;
        h->state = C_READ_REPLY;
        return MINTLS_STEP_FLUSH;
    case C_READ_REPLY: {
        /* The first run has no record yet. */
        uint8_t type;
        size_t len;
        if (mintls_conn_record_data(s, &type, &len) == NULL)
            return MINTLS_STEP_READ;
        int t = take(s, h, REPLY_LEN);
        if (t < 0) {
            mintls_conn_fatal(s, SSL_AD_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
            return MINTLS_STEP_ERROR;
        }
        if (t == 0)
            return MINTLS_STEP_READ;
        h->state = C_SEND_FIN;
        return MINTLS_STEP_CONTINUE;
    }
    case C_SEND_FIN:
        if (!mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, fin, sizeof(fin)))
            return MINTLS_STEP_ERROR;
        h->state = C_DONE;
        return MINTLS_STEP_DONE;
    default:
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return MINTLS_STEP_ERROR;
    }
}

static mintls_step_result server_step(SSL *s)
{
    fake_hs *h = s->hs;
    h->runs[h->state]++;
    uint8_t type;
    size_t len;
    switch (h->state) {
    case S_READ_HELLO: {
        if (mintls_conn_record_data(s, &type, &len) == NULL)
            return MINTLS_STEP_READ;
        int t = take(s, h, HELLO_LEN);
        if (t < 0) {
            mintls_conn_fatal(s, SSL_AD_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
            return MINTLS_STEP_ERROR;
        }
        if (t == 0)
            return MINTLS_STEP_READ;
        if (h->fail_after_hello) {
            mintls_conn_fatal(s, SSL_AD_HANDSHAKE_FAILURE, SSL_R_SSL_HANDSHAKE_FAILURE);
            return MINTLS_STEP_ERROR;
        }
        h->state = S_SEND_REPLY;
        return MINTLS_STEP_CONTINUE;
    }
    case S_SEND_REPLY:
        if (!mintls_conn_queue(s, MINTLS_CT_HANDSHAKE, reply, sizeof(reply)))
            return MINTLS_STEP_ERROR;
        h->got = 0;
        h->state = S_READ_FIN;
        return MINTLS_STEP_FLUSH;
    case S_READ_FIN: {
        if (mintls_conn_record_data(s, &type, &len) == NULL)
            return MINTLS_STEP_READ;
        int t = take(s, h, FIN_LEN);
        if (t != 1) {
            mintls_conn_fatal(s, SSL_AD_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
            return MINTLS_STEP_ERROR;
        }
        h->state = S_DONE;
        return MINTLS_STEP_DONE;
    }
    default:
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return MINTLS_STEP_ERROR;
    }
}

static const mintls_hs_ops fake_client = {"fake client", fake_start, client_step, fake_cleanup};
static const mintls_hs_ops fake_server = {"fake server", fake_start, server_step, fake_cleanup};

/* ---- fixtures -------------------------------------------------------------------- */

typedef struct {
    SSL_CTX *ctx;
    SSL *c, *s;
    BIO *cbio, *sbio; /* the SSL ends of the two pairs */
    BIO *c_net, *s_net; /* the other ends: bytes the client wrote appear on c_net */
    fake_hs ch, sh;
} pair;

/*
 * Two SSLs joined through the test: each has its own BIO pair, and
 * pump() moves bytes between the far ends, `chunk` at a time, so the test
 * can inspect, withhold or cut the traffic.
 */
static void pair_new(pair *p, size_t bufsize)
{
    memset(p, 0, sizeof(*p));
    p->ctx = SSL_CTX_new(TLS_method());
    p->c = SSL_new(p->ctx);
    p->s = SSL_new(p->ctx);
    BIO_new_bio_pair(&p->cbio, bufsize, &p->c_net, bufsize);
    BIO_new_bio_pair(&p->sbio, bufsize, &p->s_net, bufsize);
    SSL_set_bio(p->c, p->cbio, p->cbio);
    SSL_set_bio(p->s, p->sbio, p->sbio);
    SSL_set_connect_state(p->c);
    SSL_set_accept_state(p->s);
    mintls_hs_set_ops(p->c, &fake_client);
    mintls_hs_set_ops(p->s, &fake_server);
    SSL_set_app_data(p->c, &p->ch);
    SSL_set_app_data(p->s, &p->sh);
}

static void pair_free(pair *p)
{
    SSL_free(p->c);
    SSL_free(p->s);
    BIO_free(p->c_net);
    BIO_free(p->s_net);
    SSL_CTX_free(p->ctx);
}

/* Moves up to `chunk` bytes from one net end to the other; returns bytes moved. */
static int move(BIO *from, BIO *to, int chunk)
{
    uint8_t buf[64 * 1024];
    int room = (int)BIO_ctrl_get_write_guarantee(to);
    int n = chunk < room ? chunk : room;
    if (n <= 0)
        return 0;
    if (n > (int)sizeof(buf))
        n = (int)sizeof(buf);
    int r = BIO_read(from, buf, n);
    if (r <= 0)
        return 0;
    if (BIO_write(to, buf, r) != r)
        CHECK(!"the far end takes what it guaranteed");
    return r;
}

static int pump(pair *p, int chunk)
{
    return move(p->c_net, p->s_net, chunk) + move(p->s_net, p->c_net, chunk);
}

static int is_want(const SSL *s, int r)
{
    int e = SSL_get_error(s, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

static int no_buffers(const SSL *s)
{
    int in, out;
    return !mintls_conn_buffers_allocated(s, &in, &out);
}

/* Runs both handshakes to the end; counts the WANTs seen. */
static int run(pair *p, int chunk, int *out_wants)
{
    int cr = 0, sr = 0, wants = 0;
    for (int i = 0; i < 200000 && (cr != 1 || sr != 1); i++) {
        if (cr != 1) {
            cr = SSL_do_handshake(p->c);
            if (cr != 1) {
                if (!is_want(p->c, cr))
                    return 0;
                wants++;
            }
        }
        if (sr != 1) {
            sr = SSL_do_handshake(p->s);
            if (sr != 1) {
                if (!is_want(p->s, sr))
                    return 0;
                wants++;
            }
        }
        pump(p, chunk);
    }
    *out_wants = wants;
    return cr == 1 && sr == 1;
}

static void check_completed(pair *p)
{
    CHECK(SSL_is_init_finished(p->c) && SSL_is_init_finished(p->s));
    CHECK(!SSL_in_init(p->c) && !SSL_in_init(p->s));
    /* Every byte arrived once, in order. */
    CHECK_MEM(p->sh.msg, fin, FIN_LEN, "FIN at the server");
    CHECK_MEM(p->ch.msg, reply, REPLY_LEN, "REPLY at the client");
    /* Steps that send ran exactly once; nothing was queued twice. */
    CHECK(p->ch.runs[C_SEND_HELLO] == 1);
    CHECK(p->ch.runs[C_SEND_FIN] == 1);
    CHECK(p->sh.runs[S_SEND_REPLY] == 1);
    CHECK(p->ch.started == 1 && p->sh.started == 1);
    CHECK(p->ch.cleaned == 1 && p->sh.cleaned == 1);
    CHECK(p->c->hs == NULL && p->s->hs == NULL);
    /* An idle connection holds no record buffers. */
    CHECK(no_buffers(p->c) && no_buffers(p->s));
    CHECK(BIO_pending(p->c_net) == 0 && BIO_pending(p->s_net) == 0);
    CHECK(SSL_do_handshake(p->c) == 1); /* finished stays finished */
    CHECK(ERR_peek_error() == 0);
}

/* ---- (a) normal ---------------------------------------------------------------------- */

static void test_normal(void)
{
    pair p;
    pair_new(&p, 0);
    int wants = 0;
    CHECK(run(&p, 1 << 20, &wants));
    check_completed(&p);
    /* Client: WANT_READ for REPLY; server: WANT_READ for HELLO and FIN. */
    CHECK(wants >= 2);
    /* REPLY is 20000 bytes: two records, each at most 2^14 bytes of plaintext. */
    CHECK(p.ch.runs[C_READ_REPLY] >= 3);
    pair_free(&p);
}

/* ---- (b) one byte at a time ----------------------------------------------------------- */

static void test_one_byte(void)
{
    pair p;
    pair_new(&p, 1);
    int wants = 0;
    CHECK(run(&p, 1, &wants));
    check_completed(&p);
    /* Every byte needs its own call: ~20 KB of records -> over 20000 WANTs. */
    CHECK(wants > 20000);
    pair_free(&p);
}

/* A flush stopped by a full BIO reports WANT_WRITE and resumes where it stopped. */
static void test_want_write_resumes(void)
{
    pair p;
    pair_new(&p, 64);
    int r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_WRITE);
    CHECK(SSL_want(p.c) == SSL_WRITING);
    int in, out;
    mintls_conn_buffers_allocated(p.c, &in, &out);
    CHECK(out && !in);
    CHECK(mintls_conn_queued(p.c) == 5 + HELLO_LEN - 64);
    /* Drain what the client wrote, resume, and compare with one record of HELLO. */
    uint8_t wire[5 + HELLO_LEN];
    size_t got = 0;
    for (int i = 0; i < 100 && got < sizeof(wire); i++) {
        int n = BIO_read(p.c_net, wire + got, (int)(sizeof(wire) - got));
        if (n > 0)
            got += (size_t)n;
        r = SSL_do_handshake(p.c);
    }
    CHECK(got == sizeof(wire));
    CHECK(wire[0] == 22 && wire[1] == 3 && wire[2] == 3 && wire[3] == HELLO_LEN >> 8 &&
          wire[4] == (HELLO_LEN & 0xff));
    CHECK_MEM(wire + 5, hello, HELLO_LEN, "HELLO on the wire");
    CHECK(BIO_pending(p.c_net) == 0);
    /* Now waiting for REPLY with nothing buffered: no buffers at all. */
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_READ);
    CHECK(SSL_want(p.c) == SSL_READING);
    CHECK(no_buffers(p.c));
    CHECK(p.ch.runs[C_SEND_HELLO] == 1);
    pair_free(&p);
}

/* ---- (c) EOF and transport errors ------------------------------------------------------- */

static int reason_of_first_error(void)
{
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    return ERR_GET_LIB(e) == ERR_LIB_SSL ? ERR_GET_REASON(e) : -1;
}

static void test_eof(int mid_record, int ignore_eof)
{
    pair p;
    pair_new(&p, 0);
    if (ignore_eof)
        SSL_set_options(p.c, SSL_OP_IGNORE_UNEXPECTED_EOF);
    int r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_READ);
    uint8_t sink[1024];
    CHECK(BIO_read(p.c_net, sink, sizeof(sink)) == 5 + HELLO_LEN);
    if (mid_record) {
        static const uint8_t partial[] = {22, 3, 3, 0x10, 0x00, 1, 2, 3};
        CHECK(BIO_write(p.c_net, partial, sizeof(partial)) == (int)sizeof(partial));
        r = SSL_do_handshake(p.c);
        CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_READ);
        int in, out;
        mintls_conn_buffers_allocated(p.c, &in, &out);
        CHECK(in); /* a partial record is kept */
    }
    (void)BIO_shutdown_wr(p.c_net);
    r = SSL_do_handshake(p.c);
    if (ignore_eof) {
        CHECK(r == 0);
        CHECK(SSL_get_error(p.c, r) == SSL_ERROR_ZERO_RETURN);
        CHECK(SSL_get_shutdown(p.c) & SSL_RECEIVED_SHUTDOWN);
        CHECK(BIO_pending(p.c_net) == 0); /* no alert for a clean close */
    } else {
        /* OpenSSL 3.0: SSL_ERROR_SSL, unexpected eof, and a decode_error alert. */
        CHECK(r == -1);
        CHECK(SSL_get_error(p.c, r) == SSL_ERROR_SSL);
        CHECK(reason_of_first_error() == SSL_R_UNEXPECTED_EOF_WHILE_READING);
        static const uint8_t alert[] = {21, 3, 3, 0, 2, 2, SSL_AD_DECODE_ERROR};
        uint8_t wire[16];
        CHECK(BIO_read(p.c_net, wire, sizeof(wire)) == (int)sizeof(alert));
        CHECK_MEM(wire, alert, sizeof(alert), "decode_error alert after EOF");
        /* Dead: -1 again, with nothing new on the queue (SYSCALL), no more bytes. */
        r = SSL_do_handshake(p.c);
        CHECK(r == -1 && ERR_peek_error() == 0 && SSL_get_error(p.c, r) == SSL_ERROR_SYSCALL);
        CHECK(BIO_pending(p.c_net) == 0);
    }
    CHECK(no_buffers(p.c));
    CHECK(p.ch.cleaned == 1 || ignore_eof);
    pair_free(&p);
}

/* A BIO that fails without asking for a retry and without EOF: SYSCALL, empty queue. */
static int broken_read(BIO *b, char *buf, int len)
{
    (void)b, (void)buf, (void)len;
    return -1;
}
static int broken_write(BIO *b, const char *buf, int len)
{
    (void)b, (void)buf;
    return len;
}
static long broken_ctrl(BIO *b, int cmd, long larg, void *parg)
{
    (void)b, (void)larg, (void)parg;
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

static void test_bio_error(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);
    BIO_METHOD *m = BIO_meth_new(BIO_TYPE_SOURCE_SINK | 0x7f, "broken");
    BIO_meth_set_read(m, broken_read);
    BIO_meth_set_write(m, broken_write);
    BIO_meth_set_ctrl(m, broken_ctrl);
    BIO *b = BIO_new(m);
    BIO_set_init(b, 1);
    SSL_set_bio(s, b, b);
    fake_hs h = {0};
    SSL_set_app_data(s, &h);
    SSL_set_connect_state(s);
    mintls_hs_set_ops(s, &fake_client);
    int r = SSL_do_handshake(s);
    CHECK(r == -1);
    CHECK(ERR_peek_error() == 0);
    CHECK(SSL_get_error(s, r) == SSL_ERROR_SYSCALL);
    SSL_free(s);
    SSL_CTX_free(ctx);
    BIO_meth_free(m);
}

/* ---- (d) fatal alerts ----------------------------------------------------------------------- */

static void test_fatal_alert(void)
{
    pair p;
    pair_new(&p, 0);
    p.sh.fail_after_hello = 1;
    int r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_READ);
    pump(&p, 1 << 20);
    r = SSL_do_handshake(p.s);
    CHECK(r == -1);
    CHECK(SSL_get_error(p.s, r) == SSL_ERROR_SSL);
    CHECK(reason_of_first_error() == SSL_R_SSL_HANDSHAKE_FAILURE);
    /* The alert is on the wire: fatal handshake_failure in a plaintext record. */
    static const uint8_t alert[] = {21, 3, 3, 0, 2, 2, SSL_AD_HANDSHAKE_FAILURE};
    CHECK(BIO_pending(p.s_net) == (int)sizeof(alert));
    pump(&p, 1 << 20);
    /* The client learns it as SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE. */
    r = SSL_do_handshake(p.c);
    CHECK(r == -1);
    CHECK(SSL_get_error(p.c, r) == SSL_ERROR_SSL);
    CHECK(reason_of_first_error() == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE);
    CHECK(SSL_get_shutdown(p.c) & SSL_RECEIVED_SHUTDOWN);
    CHECK(BIO_pending(p.c_net) == 0); /* no alert answers an alert */
    /* Both are dead now: -1, empty queue. */
    r = SSL_do_handshake(p.s);
    CHECK(r == -1 && SSL_get_error(p.s, r) == SSL_ERROR_SYSCALL);
    r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_SYSCALL);
    CHECK(no_buffers(p.c) && no_buffers(p.s));
    CHECK(p.ch.cleaned == 1 && p.sh.cleaned == 1);
    pair_free(&p);
}

/* A record the record layer rejects: our alert goes out, the reason is on the queue. */
static void test_bad_record(const uint8_t *rec, size_t len, int alert, int reason)
{
    pair p;
    pair_new(&p, 0);
    int r = SSL_do_handshake(p.s);
    CHECK(r == -1 && SSL_get_error(p.s, r) == SSL_ERROR_WANT_READ);
    CHECK(BIO_write(p.s_net, rec, (int)len) == (int)len);
    r = SSL_do_handshake(p.s);
    CHECK(r == -1 && SSL_get_error(p.s, r) == SSL_ERROR_SSL);
    CHECK(reason_of_first_error() == reason);
    uint8_t wire[16];
    CHECK(BIO_read(p.s_net, wire, sizeof(wire)) == 7);
    CHECK(wire[0] == 21 && wire[5] == 2 && wire[6] == alert);
    CHECK(no_buffers(p.s));
    pair_free(&p);
}

/* A step that fails without an alert of its own: internal_error goes out. */
static mintls_step_result failing_step(SSL *s)
{
    (void)s;
    ERR_raise(ERR_LIB_SSL, SSL_R_BAD_VALUE);
    return MINTLS_STEP_ERROR;
}
static const mintls_hs_ops failing_ops = {"failing", fake_start, failing_step, fake_cleanup};

static void test_step_error(void)
{
    pair p;
    pair_new(&p, 0);
    mintls_hs_set_ops(p.c, &failing_ops);
    int r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_SSL);
    CHECK(reason_of_first_error() == SSL_R_BAD_VALUE);
    uint8_t wire[16];
    CHECK(BIO_read(p.c_net, wire, sizeof(wire)) == 7 && wire[6] == SSL_AD_INTERNAL_ERROR);
    pair_free(&p);
}

/* ---- (e) close_notify --------------------------------------------------------------------------- */

static void test_close_notify(void)
{
    pair p;
    pair_new(&p, 0);
    int r = SSL_do_handshake(p.c);
    CHECK(r == -1 && SSL_get_error(p.c, r) == SSL_ERROR_WANT_READ);
    /* The server closes instead of answering. */
    CHECK(mintls_conn_queue_close_notify(p.s));
    CHECK(SSL_get_shutdown(p.s) == SSL_SENT_SHUTDOWN);
    CHECK(mintls_conn_flush(p.s) == 1);
    CHECK(no_buffers(p.s));
    static const uint8_t cn[] = {21, 3, 3, 0, 2, 1, 0};
    uint8_t wire[16];
    CHECK(BIO_read(p.s_net, wire, sizeof(wire)) == 7);
    CHECK_MEM(wire, cn, sizeof(cn), "close_notify on the wire");
    CHECK(BIO_write(p.c_net, wire, 7) == 7);
    r = SSL_do_handshake(p.c);
    CHECK(r == 0);
    CHECK(SSL_get_error(p.c, r) == SSL_ERROR_ZERO_RETURN);
    CHECK(ERR_peek_error() == 0);
    CHECK(SSL_get_shutdown(p.c) == SSL_RECEIVED_SHUTDOWN);
    CHECK(no_buffers(p.c));
    /* Nothing is read after close_notify: again 0. */
    r = SSL_do_handshake(p.c);
    CHECK(r == 0 && SSL_get_error(p.c, r) == SSL_ERROR_ZERO_RETURN);
    pair_free(&p);
}

/* ---- the TLS 1.3 state machines are installed ------------------------------------------------- */

static void test_state_machines_installed(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    SSL *s = SSL_new(ctx);
    BIO *a, *b;
    BIO_new_bio_pair(&a, 0, &b, 0);
    SSL_set_bio(s, a, a);
    /* A client with no peer yet: its ClientHello is out, it waits to read. */
    int r = SSL_connect(s);
    CHECK(r == -1);
    CHECK(SSL_get_error(s, r) == SSL_ERROR_WANT_READ);
    CHECK(BIO_pending(b) > 0);
    CHECK(!SSL_is_init_finished(s) && SSL_in_init(s) && !SSL_in_before(s));
    SSL_free(s);
    /* A server without a certificate fails only once a ClientHello comes;
       with no BIO it fails at once. */
    s = SSL_new(ctx);
    r = SSL_accept(s);
    CHECK(r == -1 && SSL_get_error(s, r) == SSL_ERROR_SSL && SSL_is_server(s));
    ERR_clear_error();
    SSL_free(s);
    BIO_free(b);
    SSL_CTX_free(ctx);
}

/* Pending bytes: an application-data record partly consumed. */
static void test_pending(void)
{
    pair p;
    pair_new(&p, 0);
    CHECK(SSL_pending(p.c) == 0 && !SSL_has_pending(p.c));
    static const uint8_t data[] = "abcdef";
    CHECK(mintls_conn_queue(p.s, MINTLS_CT_APPLICATION_DATA, data, 6));
    CHECK(mintls_conn_queue(p.s, MINTLS_CT_APPLICATION_DATA, data, 6));
    CHECK(mintls_conn_flush(p.s) == 1);
    pump(&p, 11); /* the first record and part of the second */
    CHECK(mintls_conn_read_record(p.c) == 1);
    CHECK(SSL_pending(p.c) == 6);
    mintls_conn_consume(p.c, 4);
    CHECK(SSL_pending(p.c) == 2);
    mintls_conn_consume(p.c, 2);
    CHECK(SSL_pending(p.c) == 0);
    CHECK(!SSL_has_pending(p.c)); /* the rest is still in the BIO */
    pump(&p, 1 << 20);
    CHECK(mintls_conn_read_record(p.c) == 1);
    CHECK(SSL_has_pending(p.c));
    mintls_conn_consume(p.c, 6);
    CHECK(!SSL_has_pending(p.c) && no_buffers(p.c));
    pair_free(&p);
}

int main(void)
{
    fill_pattern(hello, sizeof(hello), 1);
    fill_pattern(reply, sizeof(reply), 2);
    fill_pattern(fin, sizeof(fin), 3);
    OPENSSL_init_ssl(0, NULL);

    test_normal();
    test_one_byte();
    test_want_write_resumes();
    test_eof(0, 0);
    test_eof(1, 0);
    test_eof(1, 1);
    test_bio_error();
    test_fatal_alert();
    static const uint8_t bad_type[] = {99, 3, 3, 0, 1, 0};
    test_bad_record(bad_type, sizeof(bad_type), SSL_AD_UNEXPECTED_MESSAGE,
                    SSL_R_UNEXPECTED_RECORD);
    static const uint8_t bad_version[] = {22, 4, 3, 0, 1, 0};
    test_bad_record(bad_version, sizeof(bad_version), SSL_AD_PROTOCOL_VERSION,
                    SSL_R_WRONG_VERSION_NUMBER);
    /* OpenSSL 3.0's reasons, by how far the length is over. */
    static const uint8_t too_long[] = {22, 3, 3, 0x40, 0x01};
    test_bad_record(too_long, sizeof(too_long), SSL_AD_RECORD_OVERFLOW,
                    SSL_R_DATA_LENGTH_TOO_LONG);
    test_step_error();
    test_close_notify();
    test_state_machines_installed();
    test_pending();
    return test_summary();
}
