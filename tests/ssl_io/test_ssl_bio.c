/*
 * The SSL filter BIO (BIO_f_ssl), written against the OpenSSL API only and
 * run against OpenSSL too: a client SSL BIO chained onto one end of a BIO
 * pair and a server SSL BIO onto the other, pumped with non-blocking
 * retries whose flags must agree with what the SSL wanted. BIO_do_handshake
 * and the implicit handshake of the first read/write, data both ways (also
 * 100 KB through small pipes), BIO_pending / BIO_wpending, BIO_get_ssl,
 * BIO_ssl_shutdown (the peer reads 0), what BIO_free with BIO_CLOSE sends,
 * BIO_push / BIO_pop keeping SSL_get_rbio / SSL_get_wbio right, ctrls
 * forwarded to the transport, the renegotiation ctrls, and failures. Last,
 * BIO_new_ssl_connect against a server thread on 127.0.0.1.
 * Run under valgrind to see BIO_free_all free everything.
 */
#include <openssl/bio.h>
#include <openssl/buffer.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

static const char *const HOST = "ec.example.test";

static X509 *load_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

static SSL_CTX *server_ctx(void)
{
    char path[512];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.pem", DATA_DIR);
    CHECK(SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.key", DATA_DIR);
    CHECK(SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) == 1);
    X509 *in = load_cert("ec-int.pem");
    CHECK(in != NULL && SSL_CTX_add_extra_chain_cert(ctx, in) == 1);
    return ctx;
}

static SSL_CTX *client_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    CHECK(ctx != NULL);
    CHECK(SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1);
    X509 *r = load_cert("ec-root.pem");
    CHECK(r != NULL && X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) == 1);
    X509_free(r);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    return ctx;
}

static SSL_CTX *g_cctx, *g_sctx;

/* Two SSL BIOs joined by a BIO pair; *out_bc / *out_bs are the pair ends. */
typedef struct {
    BIO *c, *s;     /* the SSL BIOs (chain heads) */
    BIO *bc, *bs;   /* the pair ends under them */
    SSL *cssl, *sssl;
} link_t;

static void make_link(link_t *l, size_t pipe)
{
    memset(l, 0, sizeof(*l));
    CHECK(BIO_new_bio_pair(&l->bc, pipe, &l->bs, pipe) == 1);
    l->c = BIO_new_ssl(g_cctx, 1);
    l->s = BIO_new_ssl(g_sctx, 0);
    CHECK(l->c != NULL && l->s != NULL);
    CHECK(BIO_get_ssl(l->c, &l->cssl) == 1 && l->cssl != NULL);
    CHECK(BIO_get_ssl(l->s, &l->sssl) == 1 && l->sssl != NULL);
    CHECK(SSL_set1_host(l->cssl, HOST) == 1);
    CHECK(BIO_push(l->c, l->bc) == l->c);
    CHECK(BIO_push(l->s, l->bs) == l->s);
}

/*
 * Freeing an SSL BIO with BIO_CLOSE shuts a finished connection down, so
 * the second side's close_notify meets a pipe whose other end is gone and
 * leaves a BIO error on the queue (OpenSSL does the same): clear it.
 */
static void free_link(link_t *l)
{
    BIO_free_all(l->c);
    BIO_free_all(l->s);
    ERR_clear_error();
}

/*
 * After an SSL BIO call returned r <= 0: 1 when it asks for a retry whose
 * kind matches SSL_get_error (the flag of the other kind clear), 0 when it
 * does not ask for one. A retry whose flags disagree is a failure (-1).
 */
static int retry_matches(BIO *b, SSL *ssl, int r)
{
    int e = SSL_get_error(ssl, r);
    if (!BIO_should_retry(b))
        return (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) ? -1 : 0;
    if (e == SSL_ERROR_WANT_READ)
        return BIO_should_read(b) && !BIO_should_write(b) && !BIO_should_io_special(b) ? 1 : -1;
    if (e == SSL_ERROR_WANT_WRITE)
        return BIO_should_write(b) && !BIO_should_read(b) && !BIO_should_io_special(b) ? 1 : -1;
    return -1;
}

static unsigned long g_retry_mismatch, g_read_retries, g_write_retries;

/* Counts mismatches instead of CHECKing each of thousands of retries. */
static int is_retry(BIO *b, SSL *ssl, int r)
{
    int m = retry_matches(b, ssl, r);
    if (m == 1 && BIO_should_read(b))
        g_read_retries++;
    if (m == 1 && BIO_should_write(b))
        g_write_retries++;
    if (m < 0) {
        g_retry_mismatch++;
        if (getenv("TEST_DEBUG"))
            fprintf(stderr, "retry mismatch: r=%d err=%d flags=%x\n", r, SSL_get_error(ssl, r),
                    BIO_get_retry_flags(b));
    }
    return m == 1;
}

/* BIO_do_handshake on both sides until both finish. */
static int handshake(link_t *l)
{
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 10000 && !(cdone && sdone); i++) {
        if (!cdone) {
            long r = BIO_do_handshake(l->c);
            if (r == 1)
                cdone = 1;
            else if (!is_retry(l->c, l->cssl, (int)r))
                return 0;
        } else if (!sdone) {
            /* A finished client keeps reading so the server's tickets flow. */
            char b[1];
            int r = BIO_read(l->c, b, sizeof(b));
            if (r > 0 || !is_retry(l->c, l->cssl, r))
                return 0;
        }
        if (!sdone) {
            long r = BIO_do_handshake(l->s);
            if (r == 1)
                sdone = 1;
            else if (!is_retry(l->s, l->sssl, (int)r))
                return 0;
        }
    }
    return cdone && sdone;
}

/*
 * Sends len bytes from one SSL BIO to the other, both non-blocking: the
 * writer retries with the same buffer when the pipe is full, the reader
 * drains between attempts. 1 when everything arrived intact.
 */
static int transfer(BIO *wb, SSL *wssl, BIO *rb, SSL *rssl, const uint8_t *data, size_t len)
{
    uint8_t *got = malloc(len + 1);
    size_t sent = 0, recvd = 0;
    int ok = 1;
    for (int i = 0; i < 1000000 && recvd < len; i++) {
        if (sent < len) {
            int w = BIO_write(wb, data + sent, (int)(len - sent));
            if (w > 0)
                sent += (size_t)w;
            else if (!is_retry(wb, wssl, w)) {
                ok = 0;
                break;
            }
        }
        int r = BIO_read(rb, got + recvd, (int)(len + 1 - recvd));
        if (r > 0)
            recvd += (size_t)r;
        else if (!is_retry(rb, rssl, r)) {
            ok = 0;
            break;
        }
    }
    ok = ok && sent == len && recvd == len && memcmp(got, data, len) == 0;
    free(got);
    return ok;
}

/* ---- the cases ------------------------------------------------------------------------ */

static void method_and_getters(void)
{
    CHECK(BIO_f_ssl() != NULL);
    CHECK(BIO_f_ssl() == BIO_f_ssl());

    link_t l;
    make_link(&l, 17 * 1024);
    CHECK(BIO_method_type(l.c) == BIO_TYPE_SSL);
    CHECK(BIO_find_type(l.c, BIO_TYPE_SSL) == l.c);
    CHECK(BIO_next(l.c) == l.bc);
    CHECK(SSL_get_rbio(l.cssl) == l.bc && SSL_get_wbio(l.cssl) == l.bc);
    CHECK(SSL_get_rbio(l.sssl) == l.bs && SSL_get_wbio(l.sssl) == l.bs);
    CHECK(SSL_is_server(l.sssl) == 1);
    CHECK(SSL_is_server(l.cssl) == 0);
    CHECK(BIO_get_close(l.c) == BIO_CLOSE);

    /* Ctrls the SSL BIO does not know reach the transport under it. */
    CHECK(BIO_get_write_guarantee(l.c) == BIO_get_write_guarantee(l.bc));
    CHECK(BIO_get_write_guarantee(l.c) == 17 * 1024);

    SSL *again = NULL;
    CHECK(BIO_get_ssl(l.c, &again) == 1 && again == l.cssl);
    CHECK(BIO_get_ssl(l.c, NULL) == 0);
    free_link(&l);
}

static void handshake_and_data(void)
{
    link_t l;
    make_link(&l, 17 * 1024);
    CHECK(BIO_do_handshake(l.c) <= 0);
    CHECK(BIO_should_retry(l.c) && BIO_should_read(l.c)); /* ClientHello out, waiting */
    CHECK(handshake(&l));
    CHECK(SSL_is_init_finished(l.cssl) && SSL_is_init_finished(l.sssl));
    CHECK(SSL_get_verify_result(l.cssl) == X509_V_OK);
    CHECK(BIO_do_handshake(l.c) == 1); /* done already: no effect */
    CHECK(!BIO_should_retry(l.c));

    /* Nothing to read yet: a read retry, nothing else. */
    char buf[64];
    int r = BIO_read(l.s, buf, sizeof(buf));
    CHECK(r == -1);
    CHECK(BIO_should_retry(l.s) && BIO_should_read(l.s) && !BIO_should_write(l.s));
    CHECK(SSL_get_error(l.sssl, r) == SSL_ERROR_WANT_READ);

    CHECK(BIO_write(l.c, "hello", 5) == 5);
    CHECK(!BIO_should_retry(l.c));
    /* The record sits in the client's pipe end: wpending there, pending at the server. */
    CHECK(BIO_wpending(l.c) > 5);
    CHECK(BIO_pending(l.s) == BIO_wpending(l.c));
    CHECK(BIO_flush(l.c) == 1);

    CHECK(BIO_read(l.s, buf, 2) == 2);
    CHECK(memcmp(buf, "he", 2) == 0);
    CHECK(BIO_pending(l.s) == 3); /* SSL_pending: the rest of the record */
    CHECK(SSL_pending(l.sssl) == 3);
    CHECK(BIO_read(l.s, buf, sizeof(buf)) == 3);
    CHECK(memcmp(buf, "llo", 3) == 0);
    CHECK(BIO_pending(l.s) == 0);

    /* BIO_puts and the other direction. */
    CHECK(BIO_puts(l.s, "line\n") == 5);
    int n = 0;
    for (int i = 0; i < 10 && n <= 0; i++)
        n = BIO_read(l.c, buf, sizeof(buf)); /* skips the server's tickets */
    CHECK(n == 5 && memcmp(buf, "line\n", 5) == 0);

    /* 100 KB each way through the 17 KB pipe. */
    size_t big = 100 * 1024;
    uint8_t *data = malloc(big);
    test_rand_bytes(data, big);
    CHECK(transfer(l.c, l.cssl, l.s, l.sssl, data, big));
    test_rand_bytes(data, big);
    CHECK(transfer(l.s, l.sssl, l.c, l.cssl, data, big));
    free(data);

    /* BIO_ssl_shutdown: the peer's read sees the close_notify as 0, no retry. */
    BIO_ssl_shutdown(l.c);
    CHECK(SSL_get_shutdown(l.cssl) & SSL_SENT_SHUTDOWN);
    r = BIO_read(l.s, buf, sizeof(buf));
    CHECK(r == 0);
    CHECK(!BIO_should_retry(l.s));
    CHECK(SSL_get_error(l.sssl, r) == SSL_ERROR_ZERO_RETURN);
    CHECK(ERR_peek_error() == 0);
    free_link(&l);
}

/* The first BIO_write / BIO_read runs the handshake in the SSL's own role. */
static void implicit_handshake(void)
{
    link_t l;
    make_link(&l, 4096);
    int done_w = 0, got = 0;
    char buf[16];
    for (int i = 0; i < 10000 && !(done_w && got); i++) {
        if (!done_w) {
            int w = BIO_write(l.c, "ping", 4);
            if (w == 4)
                done_w = 1;
            else if (!is_retry(l.c, l.cssl, w))
                break;
        }
        if (!got) {
            int r = BIO_read(l.s, buf, sizeof(buf));
            if (r == 4 && memcmp(buf, "ping", 4) == 0)
                got = 1;
            else if (r > 0 || !is_retry(l.s, l.sssl, r))
                break;
        }
    }
    if (!(done_w && got) && getenv("TEST_DEBUG"))
        ERR_print_errors_fp(stderr);
    CHECK(done_w && got);
    CHECK(SSL_is_init_finished(l.cssl) && SSL_is_init_finished(l.sssl));
    free_link(&l);
}

/*
 * BIO_free with BIO_CLOSE frees the SSL; a connection whose handshake
 * finished says close_notify first (OpenSSL 3.0 calls SSL_shutdown). The
 * pipe end is kept alive with a reference of our own so the peer can read.
 */
static void free_sends_close_notify(void)
{
    link_t l;
    make_link(&l, 17 * 1024);
    CHECK(handshake(&l));
    CHECK(BIO_up_ref(l.bc) == 1);
    BIO_free_all(l.c); /* stops at bc: we still hold it */
    char buf[8];
    int r = 0;
    for (int i = 0; i < 5; i++) {
        r = BIO_read(l.s, buf, sizeof(buf));
        if (r == 0 || !BIO_should_retry(l.s))
            break;
    }
    CHECK(r == 0);
    CHECK(SSL_get_error(l.sssl, r) == SSL_ERROR_ZERO_RETURN);
    BIO_free(l.bc);

    /* BIO_NOCLOSE: the SSL (and the transport it holds) stay ours. */
    CHECK(BIO_set_close(l.s, BIO_NOCLOSE) == 1);
    CHECK(BIO_get_close(l.s) == BIO_NOCLOSE);
    BIO *bs = BIO_pop(l.s);
    CHECK(bs == l.bs);
    CHECK(SSL_get_rbio(l.sssl) == NULL);
    BIO_free(l.s);
    CHECK(SSL_is_init_finished(l.sssl)); /* still alive */
    SSL_free(l.sssl);
    BIO_free(bs);

    /* Freed while the handshake is running: no shutdown, no error. */
    make_link(&l, 17 * 1024);
    CHECK(BIO_do_handshake(l.c) <= 0);
    ERR_clear_error();
    BIO_free_all(l.c);
    BIO_free_all(l.s);
    CHECK(ERR_peek_error() == 0);
}

/* BIO_push / BIO_pop keep the SSL's transport in step with the chain. */
static void push_and_pop(void)
{
    BIO *f = BIO_new_ssl(g_cctx, 1);
    SSL *ssl = NULL;
    CHECK(f != NULL && BIO_get_ssl(f, &ssl) == 1 && ssl != NULL);
    CHECK(SSL_get_rbio(ssl) == NULL && SSL_get_wbio(ssl) == NULL);
    CHECK(BIO_next(f) == NULL);

    BIO *m1 = BIO_new(BIO_s_mem());
    CHECK(BIO_push(f, m1) == f);
    CHECK(SSL_get_rbio(ssl) == m1 && SSL_get_wbio(ssl) == m1);
    CHECK(BIO_next(f) == m1);

    /* Ctrls it does not know go to the transport (here a memory BIO). */
    BUF_MEM *bm = NULL;
    CHECK(BIO_get_mem_ptr(f, &bm) == 1 && bm != NULL);
    CHECK(BIO_write(m1, "abc", 3) == 3);
    CHECK(BIO_pending(f) == 3);

    /* Popping the SSL BIO detaches its transport; the caller keeps it. */
    CHECK(BIO_pop(f) == m1);
    CHECK(SSL_get_rbio(ssl) == NULL && SSL_get_wbio(ssl) == NULL);
    CHECK(BIO_next(f) == NULL);
    CHECK(BIO_pending(m1) == 3); /* m1 is intact */
    CHECK(BIO_free(m1) == 1);

    /* A second transport, pushed under it, and freed with the chain. */
    BIO *m2 = BIO_new(BIO_s_mem());
    BIO_push(f, m2);
    CHECK(SSL_get_rbio(ssl) == m2 && SSL_get_wbio(ssl) == m2);
    /* Pushing more under the chain leaves the SSL's transport alone. */
    BIO *m3 = BIO_new(BIO_s_mem());
    BIO_push(f, m3);
    CHECK(BIO_next(m2) == m3);
    CHECK(SSL_get_rbio(ssl) == m2);
    BIO_free_all(f); /* f, its SSL, m2 and m3 */

    /* BIO_set_ssl with an SSL that already has a transport brings it into the chain. */
    SSL *s2 = SSL_new(g_cctx);
    BIO *m4 = BIO_new(BIO_s_mem());
    SSL_set_bio(s2, m4, m4);
    BIO *f2 = BIO_new(BIO_f_ssl());
    CHECK(f2 != NULL);
    CHECK(BIO_set_ssl(f2, s2, BIO_CLOSE) == 1);
    CHECK(BIO_next(f2) == m4);
    SSL *got = NULL;
    CHECK(BIO_get_ssl(f2, &got) == 1 && got == s2);
    BIO_free_all(f2);
}

/* The renegotiation ctrls store their values and return the previous one. */
static void renegotiation_ctrls(void)
{
    link_t l;
    make_link(&l, 17 * 1024);
    CHECK(BIO_get_num_renegotiates(l.c) == 0);
    CHECK(BIO_set_ssl_renegotiate_bytes(l.c, 100) == 0); /* under 512: ignored */
    CHECK(BIO_set_ssl_renegotiate_bytes(l.c, 4096) == 0);
    CHECK(BIO_set_ssl_renegotiate_bytes(l.c, 100000) == 4096);
    CHECK(BIO_set_ssl_renegotiate_timeout(l.c, 10) == 0);
    CHECK(BIO_set_ssl_renegotiate_timeout(l.c, 3600) == 5); /* under 60: five seconds */
    CHECK(BIO_get_num_renegotiates(l.c) == 0);
    CHECK(handshake(&l));

    /* Past the byte limit the BIO asks for a renegotiation, which TLS 1.3
       refuses with "wrong ssl version" on the queue; the data still goes. */
    uint8_t data[1000];
    test_rand_bytes(data, sizeof(data));
    CHECK(BIO_set_ssl_renegotiate_bytes(l.s, 512) == 0);
    CHECK(BIO_write(l.s, data, sizeof(data)) == (int)sizeof(data));
    CHECK(BIO_get_num_renegotiates(l.s) == 1);
    unsigned long e = ERR_get_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_SSL && ERR_GET_REASON(e) == SSL_R_WRONG_SSL_VERSION);
    ERR_clear_error();
    uint8_t got[1000];
    int n = 0;
    for (int i = 0; i < 10 && n <= 0; i++)
        n = BIO_read(l.c, got, sizeof(got));
    CHECK(n == (int)sizeof(got) && memcmp(got, data, sizeof(got)) == 0);
    CHECK(BIO_get_num_renegotiates(l.c) == 0); /* 1000 bytes under its limit */
    ERR_clear_error();
    free_link(&l);
}

static void failures(void)
{
    /* Without an SSL the BIO is not initialised: I/O fails, ctrls answer 0. */
    BIO *u = BIO_new(BIO_f_ssl());
    CHECK(u != NULL);
    char buf[8];
    CHECK(BIO_read(u, buf, sizeof(buf)) < 0);
    CHECK(BIO_write(u, "x", 1) < 0);
    SSL *none = (SSL *)1;
    CHECK(BIO_get_ssl(u, &none) == 0);
    CHECK(BIO_do_handshake(u) == 0);
    CHECK(BIO_pending(u) == 0);
    ERR_clear_error();
    BIO_free(u);

    /* No SSL BIO in one of the chains. */
    BIO *m = BIO_new(BIO_s_mem());
    BIO *f = BIO_new_ssl(g_cctx, 1);
    CHECK(BIO_ssl_copy_session_id(m, f) == 0);
    CHECK(BIO_ssl_copy_session_id(f, m) == 0);
    BIO_free(m);
    BIO_free_all(f);
    ERR_clear_error();

    /* A peer that sends garbage: an SSL error, -1, and no retry. */
    link_t l;
    make_link(&l, 4096);
    static const char junk[] = "GET / HTTP/1.0\r\n\r\n";
    CHECK(BIO_write(l.bc, junk, (int)strlen(junk)) == (int)strlen(junk));
    long r = BIO_do_handshake(l.s);
    CHECK(r <= 0);
    CHECK(!BIO_should_retry(l.s));
    CHECK(SSL_get_error(l.sssl, (int)r) == SSL_ERROR_SSL);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(BIO_read(l.s, buf, sizeof(buf)) == -1);
    CHECK(!BIO_should_retry(l.s));
    ERR_clear_error();
    free_link(&l);
}

/* ---- BIO_new_ssl_connect against a server on 127.0.0.1 ------------------------------ */

typedef struct {
    int listen_fd;
    int ok; /* the server saw the request and answered */
} server_arg;

/* One connection: read "ping", answer "pong", close_notify, done. */
static void *serve_one(void *p)
{
    server_arg *a = p;
    int fd = accept(a->listen_fd, NULL, NULL);
    if (fd < 0)
        return NULL;
    SSL *s = SSL_new(g_sctx);
    char buf[16];
    if (s != NULL && SSL_set_fd(s, fd) == 1 && SSL_accept(s) == 1
        && SSL_read(s, buf, sizeof(buf)) == 4 && memcmp(buf, "ping", 4) == 0
        && SSL_write(s, "pong", 4) == 4) {
        a->ok = 1;
        SSL_shutdown(s);
    }
    SSL_free(s);
    close(fd);
    return NULL;
}

/* BIO_read that waits out read retries (a non-blocking socket). */
static int read_waiting(BIO *b, SSL *ssl, char *buf, int len)
{
    int r = -1;
    for (int i = 0; i < 20000; i++) {
        r = BIO_read(b, buf, len);
        if (r >= 0 || !is_retry(b, ssl, r))
            break;
        usleep(500);
    }
    return r;
}

/*
 * nbio: the connect BIO is made non-blocking through the SSL BIO, and
 * BIO_do_connect is retried: while the TCP connect runs it is a special
 * retry with reason BIO_RR_CONNECT, then read/write retries as the SSL wants.
 */
static void ssl_connect_chain(int nbio)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    socklen_t salen = sizeof(sa);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(lfd >= 0);
    CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
    CHECK(listen(lfd, 1) == 0);
    CHECK(getsockname(lfd, (struct sockaddr *)&sa, &salen) == 0);
    server_arg arg = {lfd, 0};
    pthread_t th;
    CHECK(pthread_create(&th, NULL, serve_one, &arg) == 0);

    BIO *b = BIO_new_ssl_connect(g_cctx);
    CHECK(b != NULL);
    CHECK(BIO_method_type(b) == BIO_TYPE_SSL);
    CHECK(BIO_next(b) != NULL && BIO_method_type(BIO_next(b)) == BIO_TYPE_CONNECT);
    SSL *ssl = NULL;
    CHECK(BIO_get_ssl(b, &ssl) == 1 && ssl != NULL);
    CHECK(SSL_is_server(ssl) == 0);
    CHECK(SSL_get_rbio(ssl) == BIO_next(b) && SSL_get_wbio(ssl) == BIO_next(b));
    CHECK(SSL_set1_host(ssl, HOST) == 1);
    char target[64];
    snprintf(target, sizeof(target), "127.0.0.1:%u", (unsigned)ntohs(sa.sin_port));
    /* Through the SSL BIO to the connect BIO under it. */
    CHECK(BIO_set_conn_hostname(b, target) == 1);
    if (nbio) {
        CHECK(BIO_set_nbio(b, 1) == 1);
        long r = 0;
        int bad_reason = 0;
        for (int i = 0; i < 20000 && r != 1; i++) {
            r = BIO_do_connect(b);
            if (r == 1)
                break;
            if (!BIO_should_retry(b))
                break;
            if (BIO_should_io_special(b) && BIO_get_retry_reason(b) != BIO_RR_CONNECT)
                bad_reason = 1;
            if (BIO_should_io_special(b) && getenv("TEST_DEBUG"))
                fprintf(stderr, "connect: special retry, reason %d\n", BIO_get_retry_reason(b));
            if (!BIO_should_io_special(b) && !is_retry(b, ssl, (int)r))
                break;
            usleep(500);
        }
        CHECK(r == 1);
        CHECK(!bad_reason);
    } else {
        CHECK(BIO_do_connect(b) == 1);
    }
    CHECK(SSL_is_init_finished(ssl));
    CHECK(SSL_get_verify_result(ssl) == X509_V_OK);
    CHECK(BIO_write(b, "ping", 4) == 4); /* the socket buffer has room */
    char buf[16];
    CHECK(read_waiting(b, ssl, buf, sizeof(buf)) == 4 && memcmp(buf, "pong", 4) == 0);
    CHECK(read_waiting(b, ssl, buf, sizeof(buf)) == 0); /* the server's close_notify */
    BIO_free_all(b);

    pthread_join(th, NULL);
    CHECK(arg.ok == 1);
    close(lfd);
}

/*
 * BIO_dup_chain of an SSL BIO whose SSL has not started (what an accept
 * BIO does with its template for each connection) copies the SSL and its
 * role; the copy handshakes on its own. BIO_reset then takes a finished
 * connection back to the start, ready for another handshake.
 */
static void dup_and_reset(void)
{
    BIO *tmpl_c = BIO_new_ssl(g_cctx, 1), *tmpl_s = BIO_new_ssl(g_sctx, 0);
    CHECK(tmpl_c != NULL && tmpl_s != NULL);
    link_t l;
    memset(&l, 0, sizeof(l));
    CHECK(BIO_new_bio_pair(&l.bc, 0, &l.bs, 0) == 1);
    l.c = BIO_dup_chain(tmpl_c);
    l.s = BIO_dup_chain(tmpl_s);
    CHECK(l.c != NULL && l.s != NULL);
    if (l.c == NULL || l.s == NULL)
        return;
    SSL *tc = NULL;
    CHECK(BIO_get_ssl(l.c, &l.cssl) == 1 && BIO_get_ssl(tmpl_c, &tc) == 1);
    CHECK(l.cssl != NULL && l.cssl != tc);
    CHECK(BIO_get_ssl(l.s, &l.sssl) == 1 && l.sssl != NULL);
    CHECK(SSL_is_server(l.sssl) == 1 && SSL_is_server(l.cssl) == 0);
    CHECK(SSL_get_SSL_CTX(l.cssl) == g_cctx);
    CHECK(SSL_set1_host(l.cssl, HOST) == 1);
    CHECK(BIO_push(l.c, l.bc) == l.c);
    CHECK(BIO_push(l.s, l.bs) == l.s);
    CHECK(handshake(&l));
    static const uint8_t msg[] = "through the copies";
    CHECK(transfer(l.c, l.cssl, l.s, l.sssl, msg, sizeof(msg)));
    /* The templates are untouched and still before their handshakes. */
    CHECK(SSL_in_before(tc));

    /* BIO_reset: both SSLs back to the start (the pair is reset too). */
    /* The answer is the transport's: a BIO pair's reset returns 0 on both libraries. */
    CHECK(BIO_reset(l.c) == 0);
    CHECK(SSL_in_before(l.cssl) && !SSL_is_init_finished(l.cssl));
    CHECK(BIO_reset(l.s) >= 0);
    CHECK(SSL_in_before(l.sssl));
    ERR_clear_error();
    free_link(&l);
    BIO_free_all(tmpl_c);
    BIO_free_all(tmpl_s);
}

int main(void)
{
    test_rand_seed(0x55aa1234);
    g_cctx = client_ctx();
    g_sctx = server_ctx();

    method_and_getters();
    handshake_and_data();
    implicit_handshake();
    free_sends_close_notify();
    push_and_pop();
    renegotiation_ctrls();
    failures();
    dup_and_reset();
    ssl_connect_chain(0);
    ssl_connect_chain(1);
    CHECK(g_retry_mismatch == 0);
    CHECK(g_read_retries > 0 && g_write_retries > 0);

    SSL_CTX_free(g_cctx);
    SSL_CTX_free(g_sctx);
    return test_summary();
}
