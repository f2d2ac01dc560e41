/*
 * Full TLS 1.3 handshakes per second, written against the OpenSSL API only
 * so that the same source builds against mintls (bench_handshake) and the
 * system OpenSSL (bench_handshake_openssl).
 *
 * A client and a server in one process over a BIO pair, pumped by hand.
 * Every handshake is complete and fresh: SSL_new for both sides, a new BIO
 * pair, the handshake, SSL_free; the SSL_CTXs are made once. Cases: the key
 * exchange group (X25519 or P-256) by the server certificate (ECDSA P-256,
 * RSA-2048, Ed25519), all with TLS_AES_128_GCM_SHA256, each with the client
 * verifying the server's chain against the fixture root and host name
 * ("verify") and without any verification ("noverify").
 *
 * The server is asked for no session tickets where the library has
 * SSL_CTX_set_num_tickets (OpenSSL sends two by default; mintls sends none),
 * so both do the same work.
 *
 * Besides the rate, the time spent inside SSL_connect calls (all client
 * work: key share, ECDH, chain and CertificateVerify checks, Finished) and
 * inside SSL_accept calls (server work: key share, ECDH, signature) is
 * summed per handshake. Moving bytes through the pair happens inside those
 * calls too and is tiny.
 *
 * The clock is the process's CPU time (CLOCK_PROCESS_CPUTIME_ID; one
 * thread), not the wall: on a shared, oversubscribed machine the wall clock
 * mostly measures the scheduler. MINTLS_BENCH_CLOCK=wall selects
 * CLOCK_MONOTONIC instead. Reading the CPU clock is a system call (well
 * under a microsecond); a handshake makes a few of them.
 *
 * Output, one line per case:
 *   <case> <handshakes per second> <client us per handshake> <server us per handshake>
 * Usage: bench_handshake [-t seconds] [case]; the time per case (default 1 s)
 * also comes from MINTLS_BENCH_SECONDS; with a case name only that case runs
 * (for profiling). The figures are from the best of five
 * slices (by rate).
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef DATA_DIR
#define DATA_DIR "tests/data"
#endif

/* Optional: OpenSSL has it, mintls (which sends no tickets) may not. */
int SSL_CTX_set_num_tickets(SSL_CTX *ctx, size_t num_tickets) __attribute__((weak));

static clockid_t bench_clock = CLOCK_PROCESS_CPUTIME_ID;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(bench_clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_handshake: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

typedef struct {
    const char *name;                     /* certificate part of the case name */
    const char *leaf, *key, *inter, *root; /* files in tests/data/x509 */
    const char *host;
} cert_set;

static const cert_set ecdsa_set = {"ecdsa_p256", "ec-leaf", "ec-leaf", "ec-int", "ec-root",
                                   "ec.example.test"};
static const cert_set rsa_set = {"rsa2048", "rsa-leaf", "rsa-leaf", "rsa-int", "rsa-root",
                                 "www.example.test"};
static const cert_set ed_set = {"ed25519", "ed-leaf", "ed-leaf", "ed-int", "ed-root",
                                "ed.example.test"};

static X509 *load_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (x == NULL)
        die(path);
    return x;
}

static SSL_CTX *server_ctx(const cert_set *cs, const char *group)
{
    char path[512];
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1 ||
        SSL_CTX_set1_groups_list(ctx, group) != 1)
        die("server SSL_CTX setup");
    snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, cs->leaf);
    if (SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) != 1)
        die(path);
    snprintf(path, sizeof(path), "%s/x509/%s.key", DATA_DIR, cs->key);
    if (SSL_CTX_use_PrivateKey_file(ctx, path, SSL_FILETYPE_PEM) != 1)
        die(path);
    X509 *in = load_cert(cs->inter);
    if (SSL_CTX_add_extra_chain_cert(ctx, in) != 1)
        die("SSL_CTX_add_extra_chain_cert");
    if (SSL_CTX_set_num_tickets != NULL && SSL_CTX_set_num_tickets(ctx, 0) != 1)
        die("SSL_CTX_set_num_tickets");
    return ctx;
}

static SSL_CTX *client_ctx(const cert_set *cs, const char *group, int verify)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256") != 1 ||
        SSL_CTX_set1_groups_list(ctx, group) != 1)
        die("client SSL_CTX setup");
    if (verify) {
        X509 *r = load_cert(cs->root);
        if (X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), r) != 1)
            die("X509_STORE_add_cert");
        X509_free(r);
    }
    SSL_CTX_set_verify(ctx, verify ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, NULL);
    return ctx;
}

typedef struct {
    SSL_CTX *cctx, *sctx;
    const char *host; /* NULL: no verification */
} bench_case;

static int wants_io(SSL *s, int r)
{
    int e = SSL_get_error(s, r);
    return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

/* One complete handshake; adds the seconds spent in each side's calls. */
static void one_handshake(const bench_case *bc, double *client_s, double *server_s)
{
    BIO *cb, *sb;
    if (BIO_new_bio_pair(&cb, 17 * 1024, &sb, 17 * 1024) != 1)
        die("BIO_new_bio_pair");
    SSL *c = SSL_new(bc->cctx), *s = SSL_new(bc->sctx);
    if (c == NULL || s == NULL)
        die("SSL_new");
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    if (bc->host != NULL && SSL_set1_host(c, bc->host) != 1)
        die("SSL_set1_host");
    int cdone = 0, sdone = 0;
    for (int i = 0; i < 100 && !(cdone && sdone); i++) {
        if (!cdone) {
            double t0 = now_seconds();
            int r = SSL_connect(c);
            *client_s += now_seconds() - t0;
            if (r == 1)
                cdone = 1;
            else if (!wants_io(c, r))
                die("SSL_connect");
        }
        if (!sdone) {
            double t0 = now_seconds();
            int r = SSL_accept(s);
            *server_s += now_seconds() - t0;
            if (r == 1)
                sdone = 1;
            else if (!wants_io(s, r))
                die("SSL_accept");
        }
    }
    if (!(cdone && sdone))
        die("handshake stalled");
    if (bc->host != NULL && SSL_get_verify_result(c) != X509_V_OK)
        die("verification did not pass");
    SSL_free(c);
    SSL_free(s);
}

static void measure(const char *name, const bench_case *bc, double seconds)
{
    double best = 0, best_c = 0, best_s = 0;
    for (int slice = -1; slice < 5; slice++) { /* slice -1: warm-up */
        double t0 = now_seconds(), t, cs = 0, ss = 0;
        long n = 0;
        do {
            one_handshake(bc, &cs, &ss);
            n++;
            t = now_seconds() - t0;
        } while (t < seconds / 5);
        if (slice >= 0 && n / t > best) {
            best = n / t;
            best_c = cs / n * 1e6;
            best_s = ss / n * 1e6;
        }
    }
    printf("%s %.0f %.1f %.1f\n", name, best, best_c, best_s);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    double seconds = 1.0;
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    if (env != NULL)
        seconds = atof(env);
    const char *only = NULL;
    int arg = 1;
    if (argc >= 3 && strcmp(argv[1], "-t") == 0) {
        seconds = atof(argv[2]);
        arg = 3;
    }
    if (arg < argc)
        only = argv[arg];
    if (!(seconds > 0))
        seconds = 1.0;
    const char *clk = getenv("MINTLS_BENCH_CLOCK");
    if (clk != NULL && strcmp(clk, "wall") == 0)
        bench_clock = CLOCK_MONOTONIC;

    static const struct {
        const char *group_name, *group;
        const cert_set *cs;
    } cases[] = {
        {"x25519", "X25519", &ecdsa_set},
        {"x25519", "X25519", &rsa_set},
        {"p256", "P-256", &ecdsa_set},
        {"x25519", "X25519", &ed_set},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int verify = 1; verify >= 0; verify--) {
            char name[128];
            snprintf(name, sizeof(name), "%s_%s_%s", cases[i].group_name, cases[i].cs->name,
                     verify ? "verify" : "noverify");
            if (only != NULL && strcmp(only, name) != 0)
                continue;
            bench_case bc;
            bc.sctx = server_ctx(cases[i].cs, cases[i].group);
            bc.cctx = client_ctx(cases[i].cs, cases[i].group, verify);
            bc.host = verify ? cases[i].cs->host : NULL;
            measure(name, &bc, seconds);
            SSL_CTX_free(bc.cctx);
            SSL_CTX_free(bc.sctx);
        }
    }
    return 0;
}
