/*
 * X25519 / Ed25519 operations per second, one "<name> <ops/s>" line each
 * (the format tests/bench/run_pk_bench.sh collects). Each operation runs
 * for MINTLS_BENCH_SECONDS (default 0.5) after a short warm-up; the best
 * of three slices is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal/ed25519.h"
#include "internal/x25519.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint8_t priv[32], pub[32], peer[32], out[32], seed[32], edpub[32], sig[64];
static uint8_t msg[64];
static volatile int sink;

static void op_x25519_keygen(void) { mintls_x25519_keygen(pub, priv); }
static void op_x25519_derive(void) { sink += mintls_x25519(out, priv, peer); }
static void op_ed25519_keygen(void) { mintls_ed25519_public_from_seed(edpub, seed); seed[0]++; }
static void op_ed25519_sign(void) { mintls_ed25519_sign(sig, msg, sizeof(msg), seed, edpub); }
static void op_ed25519_verify(void) { sink += mintls_ed25519_verify(sig, msg, sizeof(msg), edpub); }

static void run(const char *name, void (*fn)(void), double seconds)
{
    double best = 0;
    double t0 = now();
    while (now() - t0 < 0.05)
        fn();
    for (int slice = 0; slice < 3; slice++) {
        double start = now(), el;
        long n = 0;
        do {
            for (int i = 0; i < 16; i++)
                fn();
            n += 16;
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
    memset(seed, 7, sizeof(seed));
    memset(msg, 3, sizeof(msg));
    mintls_x25519_keygen(peer, priv);
    mintls_x25519_keygen(pub, priv);
    run("x25519_keygen", op_x25519_keygen, seconds);
    run("x25519_derive", op_x25519_derive, seconds);
    run("ed25519_keygen", op_ed25519_keygen, seconds);
    mintls_ed25519_public_from_seed(edpub, seed);
    run("ed25519_sign", op_ed25519_sign, seconds);
    mintls_ed25519_sign(sig, msg, sizeof(msg), seed, edpub);
    run("ed25519_verify", op_ed25519_verify, seconds);
    return sink == 12345678 ? 1 : 0;
}
