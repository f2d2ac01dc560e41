/*
 * Heap held by an established, idle TLS 1.3 connection, per side, written
 * against the OpenSSL API only so that the same source builds against
 * mintls (bench_conn_memory) and the system OpenSSL
 * (bench_conn_memory_openssl).
 *
 * Method: glibc's mallinfo2().uordblks (bytes in allocated chunks, chunk
 * headers included) before and after. glibc's per-thread cache keeps freed
 * small chunks counted as allocated, which blurs the deltas by up to ~100
 * bytes per connection, so the program re-runs itself once with
 * GLIBC_TUNABLES=glibc.malloc.tcache_count=0 (then nothing is left over). After a warm-up connection (so that
 * one-time library state is already there), N client/server pairs are made
 * over BIO pairs, each completes an X25519 + ECDSA P-256 handshake with the
 * client verifying the chain, and one small message goes each way and is
 * read in full: the connections are idle. Then
 *   total  = (after connecting - baseline) / N
 *   server = what freeing every server SSL gives back, / N
 *   client = what freeing every client SSL then gives back, / N
 * Each SSL owns its half of a BIO pair, so the same is done for N bare BIO
 * pairs (one byte through each direction, so that buffers allocated on first
 * use exist) and that is subtracted for the "ssl" figures; "raw" figures keep
 * the BIOs in.
 *
 * Variants: default mode and SSL_MODE_RELEASE_BUFFERS; and where the library
 * has SSL_CTX_set_num_tickets (OpenSSL), the server's default tickets (two,
 * which an OpenSSL client keeps as session objects) and none. mintls sends
 * no tickets, so its two rows are the same work.
 *
 * Also the cost of the two SSL_CTXs (server: certificate, key and chain
 * loaded; client: a trust store with one root).
 *
 * Output lines:
 *   ctx <server|client> <bytes>
 *   bio <per_side> <bytes>
 *   conn <variant> <raw_server> <raw_client> <ssl_server> <ssl_client> <leftover>
 * variant: <default|release_buffers>_<tickets|notickets>; leftover is what
 * was not given back after everything was freed (per connection; should be 0).
 * Usage: bench_conn_memory [N]; N (default 200) also from MINTLS_BENCH_CONNS.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DATA_DIR
#define DATA_DIR "tests/data"
#endif

#define BIO_BUF (17 * 1024)

/* Optional: OpenSSL has it, mintls (which sends no tickets) may not. */
int SSL_CTX_set_num_tickets(SSL_CTX *ctx, size_t num_tickets) __attribute__((weak));

static void die(const char *what)
{
    fprintf(stderr, "bench_conn_memory: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static long heap_in_use(void)
{
    return (long)mallinfo2().uordblks;
}

static SSL_CTX *server_ctx(int mode, int no_tickets)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1 ||
        SSL_CTX_set1_groups_list(ctx, "X25519") != 1 ||
        SSL_CTX_use_certificate_file(ctx, DATA_DIR "/x509/ec-leaf.pem", SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, DATA_DIR "/x509/ec-leaf.key", SSL_FILETYPE_PEM) != 1)
        die("server SSL_CTX setup");
    BIO *b = BIO_new_file(DATA_DIR "/x509/ec-int.pem", "r");
    X509 *in = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (in == NULL || SSL_CTX_add_extra_chain_cert(ctx, in) != 1)
        die("intermediate");
    if (mode != 0)
        SSL_CTX_set_mode(ctx, mode);
    if (no_tickets && SSL_CTX_set_num_tickets(ctx, 0) != 1)
        die("SSL_CTX_set_num_tickets");
    return ctx;
}

static SSL_CTX *client_ctx(int mode)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1 ||
        SSL_CTX_set1_groups_list(ctx, "X25519") != 1)
        die("client SSL_CTX setup");
    BIO *b = BIO_new_file(DATA_DIR "/x509/ec-root.pem", "r");
    X509 *r = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (r == NULL || X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) != 1)
        die("root");
    X509_free(r);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (mode != 0)
        SSL_CTX_set_mode(ctx, mode);
    return ctx;
}

static int wants_io(SSL *s, int r)
{
    int e = SSL_get_error(s, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* Reads exactly len bytes into buf, writing nothing; pumps the writer. */
static void deliver(SSL *from, SSL *to, const char *msg, size_t len)
{
    char buf[64];
    size_t got = 0;
    if (SSL_write(from, msg, (int)len) != (int)len)
        die("SSL_write");
    for (int i = 0; i < 100 && got < len; i++) {
        int r = SSL_read(to, buf + got, (int)(sizeof(buf) - got));
        if (r > 0)
            got += (size_t)r;
        else if (!wants_io(to, r))
            die("SSL_read");
    }
    if (got != len || memcmp(buf, msg, len) != 0)
        die("message lost");
}

/* An established, idle pair: handshake done, one message each way read. */
static void connect_idle(SSL_CTX *cctx, SSL_CTX *sctx, SSL **cp, SSL **sp)
{
    BIO *cb, *sb;
    if (BIO_new_bio_pair(&cb, BIO_BUF, &sb, BIO_BUF) != 1)
        die("BIO_new_bio_pair");
    SSL *c = SSL_new(cctx), *s = SSL_new(sctx);
    if (c == NULL || s == NULL)
        die("SSL_new");
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    if (SSL_set1_host(c, "ec.example.test") != 1)
        die("SSL_set1_host");
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 100 && !(cdone && sdone); i++) {
        int r;
        if (!cdone && (r = SSL_do_handshake(c)) == 1)
            cdone = 1;
        else if (!cdone && !wants_io(c, r))
            die("client handshake");
        if (!sdone && (r = SSL_do_handshake(s)) == 1)
            sdone = 1;
        else if (!sdone && !wants_io(s, r))
            die("server handshake");
    }
    if (!(cdone && sdone) || SSL_get_verify_result(c) != X509_V_OK)
        die("handshake");
    /* The client's read also takes in any tickets sent after the handshake. */
    static const char ping[] = "ping from the client", pong[] = "pong from the server";
    deliver(c, s, ping, sizeof(ping) - 1);
    deliver(s, c, pong, sizeof(pong) - 1);
    if (SSL_pending(c) != 0 || SSL_pending(s) != 0 || BIO_ctrl_pending(cb) != 0 ||
        BIO_ctrl_pending(sb) != 0)
        die("not idle");
    *cp = c;
    *sp = s;
}

/* Bare BIO pairs as the connections hold them: per side, in bytes. */
static long bio_cost_per_side(int n)
{
    BIO **a = calloc((size_t)n, sizeof(*a)), **b = calloc((size_t)n, sizeof(*b));
    if (a == NULL || b == NULL)
        die("calloc");
    long m0 = heap_in_use();
    for (int i = 0; i < n; i++) {
        char x;
        if (BIO_new_bio_pair(&a[i], BIO_BUF, &b[i], BIO_BUF) != 1 || BIO_write(a[i], "x", 1) != 1 ||
            BIO_read(b[i], &x, 1) != 1 || BIO_write(b[i], "y", 1) != 1 ||
            BIO_read(a[i], &x, 1) != 1)
            die("bare BIO pair");
    }
    long m1 = heap_in_use();
    for (int i = 0; i < n; i++)
        BIO_free(b[i]);
    for (int i = 0; i < n; i++)
        BIO_free(a[i]);
    free(a);
    free(b);
    return (m1 - m0) / (2L * n);
}

static void measure_conns(const char *variant, int mode, int no_tickets, int n, long bio)
{
    SSL_CTX *sctx = server_ctx(mode, no_tickets), *cctx = client_ctx(mode);
    SSL **c = calloc((size_t)n, sizeof(*c)), **s = calloc((size_t)n, sizeof(*s));
    if (c == NULL || s == NULL)
        die("calloc");
    /* Warm-up on these contexts: anything they set up on first use. */
    connect_idle(cctx, sctx, &c[0], &s[0]);
    SSL_free(s[0]);
    SSL_free(c[0]);
    ERR_clear_error();

    long m0 = heap_in_use();
    for (int i = 0; i < n; i++)
        connect_idle(cctx, sctx, &c[i], &s[i]);
    long m1 = heap_in_use();
    for (int i = 0; i < n; i++)
        SSL_free(s[i]);
    long m2 = heap_in_use();
    for (int i = 0; i < n; i++)
        SSL_free(c[i]);
    long m3 = heap_in_use();
    long server = (m1 - m2) / n, client = (m2 - m3) / n;
    printf("conn %s %ld %ld %ld %ld %ld\n", variant, server, client, server - bio, client - bio,
           (m3 - m0) / n);
    fflush(stdout);
    free(c);
    free(s);
    SSL_CTX_free(cctx);
    SSL_CTX_free(sctx);
}

int main(int argc, char **argv)
{
    static const char tunable[] = "glibc.malloc.tcache_count=0";
    const char *tun = getenv("GLIBC_TUNABLES");
    if (tun == NULL || strstr(tun, tunable) == NULL) {
        char buf[512];
        snprintf(buf, sizeof(buf), "%s%s%s", tun != NULL ? tun : "", tun != NULL ? ":" : "",
                 tunable);
        /* Falls through (and measures with the cache) if the exec fails. */
        if (setenv("GLIBC_TUNABLES", buf, 1) == 0)
            execv("/proc/self/exe", argv);
        fprintf(stderr, "bench_conn_memory: running with glibc's tcache on\n");
    }

    int n = 200;
    const char *env = getenv("MINTLS_BENCH_CONNS");
    if (env != NULL)
        n = atoi(env);
    if (argc == 2)
        n = atoi(argv[1]);
    if (n < 1)
        n = 200;

    /* Warm-up: one-time library state (algorithm tables, error strings,
       the thread's error queue) allocated before anything is measured. */
    {
        SSL_CTX *sctx = server_ctx(0, 0), *cctx = client_ctx(0);
        SSL *c, *s;
        connect_idle(cctx, sctx, &c, &s);
        SSL_free(s);
        SSL_free(c);
        (void)bio_cost_per_side(1);

        /* The contexts themselves, made again now the library is warm. */
        long m0 = heap_in_use();
        SSL_CTX *s2 = server_ctx(0, 0);
        long m1 = heap_in_use();
        SSL_CTX *c2 = client_ctx(0);
        long m2 = heap_in_use();
        printf("ctx server %ld\nctx client %ld\n", m1 - m0, m2 - m1);
        SSL_CTX_free(c2);
        SSL_CTX_free(s2);
        SSL_CTX_free(cctx);
        SSL_CTX_free(sctx);
        ERR_clear_error();
    }

    long bio = bio_cost_per_side(n);
    printf("bio per_side %ld\n", bio);
    int have_num_tickets = SSL_CTX_set_num_tickets != NULL;
    for (int rb = 0; rb < 2; rb++) {
        for (int nt = 0; nt < 2; nt++) {
            char variant[64];
            snprintf(variant, sizeof(variant), "%s_%s", rb ? "release_buffers" : "default",
                     nt ? "notickets" : "tickets");
            /* Without SSL_CTX_set_num_tickets there is only the default. */
            if (nt && !have_num_tickets)
                continue;
            measure_conns(variant, rb ? SSL_MODE_RELEASE_BUFFERS : 0, nt, n, bio);
        }
    }
    return 0;
}
