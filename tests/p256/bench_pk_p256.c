/*
 * P-256 operations per second, one "<name> <ops/s>" line each (the format
 * tests/bench/run_pk_bench.sh collects). Each operation runs for
 * MINTLS_BENCH_SECONDS (default 0.5) after a short warm-up; the best of
 * three slices is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal/p256.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint8_t priv[32], pub[65], peer_priv[32], peer_pub[65], shared[32], r[32], s[32];
static uint8_t digest[32];
static volatile int sink;

static void op_keygen(void) { sink += mintls_p256_keygen(priv, pub); }
static void op_ecdh(void) { sink += mintls_p256_ecdh(shared, priv, peer_pub, 65); }
static void op_sign(void) { sink += mintls_p256_ecdsa_sign(r, s, priv, digest, 32); }
static void op_verify(void) { sink += mintls_p256_ecdsa_verify(r, s, digest, 32, pub, 65); }

static void run(const char *name, void (*fn)(void), double seconds)
{
    double best = 0, t0 = now();
    while (now() - t0 < 0.05)
        fn();
    for (int slice = 0; slice < 3; slice++) {
        double start = now(), el;
        long n = 0;
        do {
            fn();
            n++;
            el = now() - start;
        } while (el < seconds / 3);
        if (n / el > best)
            best = n / el;
    }
    printf("%s %.0f\n", name, best);
    fflush(stdout);
}

int main(void)
{
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    double seconds = env ? atof(env) : 0.5;
    if (seconds <= 0)
        seconds = 0.5;
    memset(digest, 0x5a, sizeof(digest));
    if (!mintls_p256_keygen(peer_priv, peer_pub) || !mintls_p256_keygen(priv, pub))
        return 1;
    run("p256_keygen", op_keygen, seconds);
    run("p256_ecdh", op_ecdh, seconds);
    run("p256_sign", op_sign, seconds);
    if (!mintls_p256_ecdsa_sign(r, s, priv, digest, 32) ||
        !mintls_p256_ecdsa_verify(r, s, digest, 32, pub, 65))
        return 1;
    run("p256_verify", op_verify, seconds);
    return 0;
}
