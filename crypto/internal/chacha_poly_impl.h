/*
 * Private to the ChaCha20 / Poly1305 files (chacha20*.c, poly1305*.c,
 * chacha20_poly1305.c) and their tests: the layouts behind the opaque
 * contexts of chacha_poly.h and the per-path entry points, so that tests can
 * run the portable and the AVX2 code on the same inputs in one process.
 */
#ifndef MINTLS_INTERNAL_CHACHA_POLY_IMPL_H
#define MINTLS_INTERNAL_CHACHA_POLY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "chacha_poly.h"

/* ---- path selection ---------------------------------------------------- */

enum {
    MINTLS_CP_PATH_AUTO = -1,
    MINTLS_CP_PATH_PORTABLE = 0,
    MINTLS_CP_PATH_AVX2 = 1,
};

/*
 * Test-only: make new contexts (and mintls_chacha20_xor) use one path.
 * MINTLS_CP_PATH_AUTO goes back to what mintls_cpu_caps() allows. Returns 0
 * (and changes nothing) if the CPU or MINTLS_CPU does not allow the path.
 * Not thread-safe; a context keeps the path it was started with.
 */
int mintls_chacha_poly_force_path(int path);
/* The path new contexts get: MINTLS_CP_PATH_PORTABLE or _AVX2. */
int mintls_chacha_poly_path(void);

/* ---- ChaCha20 ---------------------------------------------------------- */

/* state: constants, key, counter (word 12), nonce (words 13..15). */
void mintls_chacha20_setup(uint32_t state[16], const uint8_t key[32],
                           uint32_t counter, const uint8_t nonce[12]);
/* One keystream block for state (the counter is not advanced). */
void mintls_chacha20_block(const uint32_t state[16], uint8_t out[64]);
/*
 * XOR nblocks whole 64-byte blocks of keystream into out; advances word 12
 * by nblocks (modulo 2^32, as the 32-bit RFC 8439 counter does).
 */
void mintls_chacha20_blocks_portable(uint32_t state[16], const uint8_t *in,
                                     uint8_t *out, size_t nblocks);
void mintls_chacha20_blocks_avx2(uint32_t state[16], const uint8_t *in,
                                 uint8_t *out, size_t nblocks);
void mintls_chacha20_blocks(int path, uint32_t state[16], const uint8_t *in,
                            uint8_t *out, size_t nblocks);
/* mintls_chacha20_xor on a given path. */
void mintls_chacha20_xor_path(int path, const uint8_t key[32], uint32_t counter,
                              const uint8_t nonce[12], const uint8_t *in,
                              uint8_t *out, size_t len);

/* ---- Poly1305 ---------------------------------------------------------- */

/*
 * h is the accumulator in radix 2^64 (h2 holds bits 128 and up and stays
 * small); r0,r1 the clamped key, s1 = r1 + r1/4 (r1 is a multiple of 4, so
 * r1 * 2^128 == s1 mod p). rpow holds r^1..r^4 in radix 2^26 for the vector
 * path, computed on first use.
 */
typedef struct __attribute__((may_alias)) mintls_poly1305_impl {
    uint64_t r0, r1, s1;
    uint64_t h0, h1, h2;
    uint64_t pad0, pad1;
    uint32_t rpow[4][5]; /* rpow[k][j]: limb j of r^(k+1) */
    uint8_t buf[16];
    uint32_t buflen;
    uint32_t path;
    uint32_t have_rpow;
} mintls_poly1305_impl;

_Static_assert(sizeof(mintls_poly1305_impl) <= sizeof(mintls_poly1305),
               "mintls_poly1305 too small");

void mintls_poly1305_impl_init(mintls_poly1305_impl *p, const uint8_t key[32], int path);
void mintls_poly1305_impl_update(mintls_poly1305_impl *p, const uint8_t *in, size_t len);
/* Writes the tag and wipes p. */
void mintls_poly1305_impl_final(mintls_poly1305_impl *p, uint8_t tag[16]);

/* Whole 16-byte blocks; hibit is 1 for full message blocks. */
void mintls_poly1305_blocks_portable(mintls_poly1305_impl *p, const uint8_t *in,
                                     size_t nblocks, uint64_t hibit);
/* nblocks a non-zero multiple of 4; needs rpow (mintls_poly1305_need_rpow). */
void mintls_poly1305_blocks_avx2(mintls_poly1305_impl *p, const uint8_t *in,
                                 size_t nblocks);
void mintls_poly1305_need_rpow(mintls_poly1305_impl *p);

#endif
