/*
 * Certificate-chain verifications per second, written against the OpenSSL
 * API only so that the same source builds against mintls (bench_x509) and
 * the system OpenSSL (bench_x509_openssl).
 *
 * Two chains from the fixtures in tests/data/x509: ECDSA (P-384 root, P-256
 * intermediate, P-256 leaf) and RSA-2048 (root, intermediate, leaf). For
 * each, two figures:
 *   <chain>_verify        X509_verify_cert on certificates parsed once, with
 *                         a fresh X509_STORE_CTX per verification (the path
 *                         logic and the two signature checks);
 *   <chain>_parse_verify  what a TLS client pays per handshake: d2i_X509 of
 *                         the leaf and intermediate as received, then the
 *                         verification with a host-name check.
 *
 * Output, one line per benchmark:  <name> <verifications per second>
 * Usage: bench_x509 [-t seconds]; the time per benchmark (default 0.5 s) also
 * comes from MINTLS_BENCH_SECONDS. The figure is the best of five slices.
 */
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef DATA_DIR
#define DATA_DIR "tests/data"
#endif

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static X509 *load_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (x == NULL) {
        fprintf(stderr, "bench_x509: cannot load %s\n", path);
        exit(1);
    }
    return x;
}

typedef struct {
    X509_STORE *store;
    X509 *leaf, *inter;
    unsigned char *leaf_der, *inter_der;
    int leaf_len, inter_len;
    const char *host;
} chain;

static void chain_load(chain *c, const char *root, const char *inter, const char *leaf,
                       const char *host)
{
    X509 *r = load_cert(root);
    c->store = X509_STORE_new();
    if (c->store == NULL || X509_STORE_add_cert(c->store, r) != 1) {
        fprintf(stderr, "bench_x509: store setup failed\n");
        exit(1);
    }
    X509_free(r);
    c->inter = load_cert(inter);
    c->leaf = load_cert(leaf);
    c->leaf_der = c->inter_der = NULL;
    c->leaf_len = i2d_X509(c->leaf, &c->leaf_der);
    c->inter_len = i2d_X509(c->inter, &c->inter_der);
    if (c->leaf_len <= 0 || c->inter_len <= 0) {
        fprintf(stderr, "bench_x509: i2d_X509 failed\n");
        exit(1);
    }
    c->host = host;
}

static void chain_free(chain *c)
{
    X509_STORE_free(c->store);
    X509_free(c->leaf);
    X509_free(c->inter);
    OPENSSL_free(c->leaf_der);
    OPENSSL_free(c->inter_der);
}

/* One verification of leaf via inter to the store's root; 1 if it passed. */
static int verify_once(const chain *c, X509 *leaf, X509 *inter, const char *host)
{
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ok = 0;
    if (untrusted != NULL && ctx != NULL && sk_X509_push(untrusted, inter) > 0 &&
        X509_STORE_CTX_init(ctx, c->store, leaf, untrusted) == 1) {
        X509_VERIFY_PARAM *vp = X509_STORE_CTX_get0_param(ctx);
        X509_VERIFY_PARAM_set_purpose(vp, X509_PURPOSE_SSL_SERVER);
        if (host == NULL || X509_VERIFY_PARAM_set1_host(vp, host, 0) == 1)
            ok = X509_verify_cert(ctx) == 1;
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_free(untrusted);
    return ok;
}

static int run_verify(const chain *c)
{
    return verify_once(c, c->leaf, c->inter, NULL);
}

static int run_parse_verify(const chain *c)
{
    const unsigned char *p = c->leaf_der, *q = c->inter_der;
    X509 *leaf = d2i_X509(NULL, &p, c->leaf_len);
    X509 *inter = d2i_X509(NULL, &q, c->inter_len);
    int ok = leaf != NULL && inter != NULL && verify_once(c, leaf, inter, c->host);
    X509_free(leaf);
    X509_free(inter);
    return ok;
}

/* Best rate over five slices of `seconds`; exits if an operation fails. */
static double measure(const char *name, int (*op)(const chain *), const chain *c, double seconds)
{
    double best = 0;
    for (int slice = -1; slice < 5; slice++) { /* slice -1: warm-up */
        double t0 = now_seconds(), t;
        long n = 0;
        do {
            if (!op(c)) {
                fprintf(stderr, "bench_x509: %s failed\n", name);
                exit(1);
            }
            n++;
            t = now_seconds() - t0;
        } while (t < seconds / 5);
        if (slice >= 0 && n / t > best)
            best = n / t;
    }
    return best;
}

int main(int argc, char **argv)
{
    double seconds = 0.5;
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    if (env != NULL)
        seconds = atof(env);
    if (argc == 3 && strcmp(argv[1], "-t") == 0)
        seconds = atof(argv[2]);
    if (!(seconds > 0))
        seconds = 0.5;

    chain ec, rsa;
    chain_load(&ec, "ec-root", "ec-int", "ec-leaf", "ec.example.test");
    chain_load(&rsa, "rsa-root", "rsa-int", "rsa-leaf", "www.example.test");
    printf("ecdsa_chain_verify %.0f\n", measure("ecdsa_chain_verify", run_verify, &ec, seconds));
    printf("ecdsa_chain_parse_verify %.0f\n",
           measure("ecdsa_chain_parse_verify", run_parse_verify, &ec, seconds));
    printf("rsa2048_chain_verify %.0f\n",
           measure("rsa2048_chain_verify", run_verify, &rsa, seconds));
    printf("rsa2048_chain_parse_verify %.0f\n",
           measure("rsa2048_chain_parse_verify", run_parse_verify, &rsa, seconds));
    chain_free(&ec);
    chain_free(&rsa);
    return 0;
}
