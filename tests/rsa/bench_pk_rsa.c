/*
 * RSA benchmark for tests/bench/run_pk_bench.sh: one line per operation,
 * "<name> <operations per second>", each the best of 3 slices of
 * MINTLS_BENCH_SECONDS (default 0.5) after a short warm-up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal/rsa.h"
#include "rsa_test_keys.h"

static mintls_rsa_private k2048, k4096;
static mintls_rsa_public p3072;
static uint8_t digest[32], sig[MINTLS_RSA_MAX_BYTES];

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int load(mintls_rsa_private *k, const char *const comp[8])
{
    uint8_t b[8][1024];
    size_t l[8];
    for (int i = 0; i < 8; i++) {
        size_t n = strlen(comp[i]) / 2;
        for (size_t j = 0; j < n; j++) {
            unsigned v;
            sscanf(comp[i] + 2 * j, "%2x", &v);
            b[i][j] = (uint8_t)v;
        }
        l[i] = n;
    }
    return mintls_rsa_private_from_be(k, b[0], l[0], b[1], l[1], b[2], l[2], b[3], l[3], b[4], l[4],
                                      b[5], l[5], b[6], l[6], b[7], l[7]);
}

typedef int (*op_fn)(void *);
static int op_sign(void *k)
{
    size_t len;
    return mintls_rsa_sign_pkcs1(k, &mintls_hash_sha256, digest, sig, &len);
}
static int op_verify(void *k)
{
    const mintls_rsa_public *pub = k;
    return mintls_rsa_verify_pkcs1(pub, &mintls_hash_sha256, digest, sig, pub->len);
}

/* With a command-line argument, only the operation of that name runs (profiling). */
static const char *only;

static void run(const char *name, op_fn fn, void *arg, double seconds)
{
    if (only != NULL && strcmp(only, name) != 0)
        return;
    double best = 0;
    double t0 = now();
    while (now() - t0 < seconds * 0.2)
        fn(arg);
    for (int s = 0; s < 3; s++) {
        long n = 0;
        double start = now(), el;
        do {
            if (!fn(arg)) {
                printf("%s FAILED\n", name);
                exit(1);
            }
            n++;
        } while ((el = now() - start) < seconds);
        if (n / el > best)
            best = n / el;
    }
    printf("%s %.1f\n", name, best);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    only = argc > 1 ? argv[1] : NULL;
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    double seconds = env ? atof(env) : 0.5;
    if (seconds <= 0)
        seconds = 0.5;
    static mintls_rsa_private k3072;
    if (!load(&k2048, key2048) || !load(&k3072, key3072) || !load(&k4096, key4096)) {
        fprintf(stderr, "key import failed\n");
        return 1;
    }
    p3072 = k3072.pub;
    memset(digest, 0x5a, sizeof(digest));
    op_sign(&k2048); /* a signature to verify even when only the verification runs */
    run("rsa2048_sign", op_sign, &k2048, seconds);
    run("rsa2048_verify", op_verify, &k2048.pub, seconds);
    if (only == NULL || strcmp(only, "rsa3072_verify") == 0)
        op_sign(&k3072);
    run("rsa3072_verify", op_verify, &p3072, seconds);
    op_sign(&k4096);
    run("rsa4096_sign", op_sign, &k4096, seconds);
    run("rsa4096_verify", op_verify, &k4096.pub, seconds);
    return 0;
}
