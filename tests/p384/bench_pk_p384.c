/*
 * P-384 public-key benchmark (tests/bench/run_pk_bench.sh collects it):
 * one line per operation, "<name> <operations per second>". Each runs for
 * MINTLS_BENCH_SECONDS (default 0.5) after a short warm-up and reports the
 * best of three equal slices, which filters out noise from a shared machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "internal/digest.h"
#include "internal/p384.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

enum { OP_ECDH, OP_SIGN, OP_VERIFY, OP_KEYGEN };

static uint8_t priv[48], pub[97], peer_priv[48], peer_pub[97], h[48], r[48], s[48];
static volatile int sink;

static int run_op(int op)
{
    uint8_t out[48], k[48], p[97];
    switch (op) {
    case OP_ECDH:
        return mintls_p384_ecdh(out, priv, peer_pub, sizeof(peer_pub));
    case OP_SIGN:
        return mintls_p384_ecdsa_sign(r, s, priv, h, sizeof(h));
    case OP_VERIFY:
        return mintls_p384_ecdsa_verify(r, s, h, sizeof(h), pub, sizeof(pub));
    default:
        return mintls_p384_keygen(k, p);
    }
}

static double slice(int op, double seconds)
{
    double start = now_seconds(), t;
    long n = 0;
    do {
        sink += run_op(op);
        n++;
        t = now_seconds() - start;
    } while (t < seconds);
    return (double)n / t;
}

static void bench(const char *name, int op, double seconds)
{
    slice(op, seconds / 10);
    double best = 0;
    for (int i = 0; i < 3; i++) {
        double v = slice(op, seconds / 3);
        if (v > best)
            best = v;
    }
    printf("%s %.0f\n", name, best);
    fflush(stdout);
}

int main(void)
{
    double seconds = 0.5;
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    if (env != NULL && atof(env) > 0)
        seconds = atof(env);
    if (!mintls_p384_keygen(priv, pub) || !mintls_p384_keygen(peer_priv, peer_pub))
        return 1;
    mintls_hash_oneshot(&mintls_hash_sha384, "bench", 5, h);
    if (!mintls_p384_ecdsa_sign(r, s, priv, h, sizeof(h)) ||
        !mintls_p384_ecdsa_verify(r, s, h, sizeof(h), pub, sizeof(pub)))
        return 1;
    bench("p384_ecdh", OP_ECDH, seconds);
    bench("p384_sign", OP_SIGN, seconds);
    bench("p384_verify", OP_VERIFY, seconds);
    return sink == 0;
}
