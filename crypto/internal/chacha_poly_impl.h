/*
 * Private to the ChaCha20 / Poly1305 files (chacha20*.c, poly1305*.c,
 * chacha20_poly1305.c) and their tests: the layouts behind the opaque
 * contexts of chacha_poly.h and the per-path entry points, so that tests can
 * run the portable, AVX2 and AVX-512 code on the same inputs in one process.
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
    /* AVX-512 ChaCha20 (16 blocks per step) and IFMA Poly1305; needs AVX2
     * too (tails and the AEAD's short-latency blocks use the AVX2 code). */
    MINTLS_CP_PATH_AVX512 = 2,
};

/*
 * Test-only: make new contexts (and mintls_chacha20_xor) use one path.
 * MINTLS_CP_PATH_AUTO goes back to what mintls_cpu_caps() allows. Returns 0
 * (and changes nothing) if the CPU or MINTLS_CPU does not allow the path.
 * Not thread-safe; a context keeps the path it was started with.
 */
int mintls_chacha_poly_force_path(int path);
/* The path new contexts get: MINTLS_CP_PATH_PORTABLE, _AVX2 or _AVX512. */
int mintls_chacha_poly_path(void);

/* ---- ChaCha20 ---------------------------------------------------------- */

/*
 * out = in ^ ks, n bytes; in and out may be the same buffer (a plain byte
 * loop would then not be vectorized at all).
 */
static inline void mintls_xor_bytes(uint8_t *out, const uint8_t *in, const uint8_t *ks,
                                    size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t a, b;
        __builtin_memcpy(&a, in + i, 8);
        __builtin_memcpy(&b, ks + i, 8);
        a ^= b;
        __builtin_memcpy(out + i, &a, 8);
    }
    for (; i < n; i++)
        out[i] = in[i] ^ ks[i];
}

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
void mintls_chacha20_blocks_avx512(uint32_t state[16], const uint8_t *in,
                                   uint8_t *out, size_t nblocks);
/* Keystream blocks word12 and word12+1 (the counter is not advanced). */
void mintls_chacha20_keystream2_avx2(const uint32_t state[16], uint8_t out[128]);
void mintls_chacha20_keystream2_avx512(const uint32_t state[16], uint8_t out[128]);
void mintls_chacha20_keystream2(int path, const uint32_t state[16], uint8_t out[128]);
/*
 * Keystream for a partial block: as many blocks as are cheap on this path
 * (two on AVX2 and AVX-512, one otherwise) into out; advances word 12;
 * returns bytes.
 */
size_t mintls_chacha20_keystream_tail(int path, uint32_t state[16], uint8_t out[128]);
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
 * r1 * 2^128 == s1 mod p). rpow holds r^1..r^4 in radix 2^26 for the AVX2
 * code, rpow44 r^8..r^1 in radix 2^44 for the IFMA code, each computed on
 * first use.
 */
typedef struct __attribute__((may_alias)) mintls_poly1305_impl {
    uint64_t r0, r1, s1;
    uint64_t h0, h1, h2;
    uint64_t pad0, pad1;
    uint64_t rpow44[3][8]; /* rpow44[j][i]: limb j of r^(8-i) */
    uint32_t rpow[4][5]; /* rpow[k][j]: limb j of r^(k+1) */
    uint8_t buf[16];
    uint32_t buflen;
    uint32_t path;
    uint32_t have_rpow;
    uint32_t have_rpow44;
} mintls_poly1305_impl;

_Static_assert(sizeof(mintls_poly1305_impl) <= sizeof(mintls_poly1305),
               "mintls_poly1305 too small");

/*
 * The scalar block step, inline so that the stitched ChaCha20 loops can run
 * it between vector rounds (integer multiplier and vector units in parallel).
 */
typedef struct mintls_poly1305_regs {
    uint64_t h0, h1, h2, r0, r1, s1;
} mintls_poly1305_regs;

static inline uint64_t mintls_poly1305_load64_le(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/*
 * h = h * r, partially reduced. With h = h0 + h1 2^64 + h2 2^128 and
 * r = r0 + r1 2^64 (r < 2^124, r1 = 0 mod 4):
 *   h r == (h0 r0 + h1 s1) + (h0 r1 + h1 r0 + h2 s1) 2^64 + (h2 r0) 2^128
 * where s1 = 5 r1 / 4 stands for r1 2^128 (mod p). On entry h2 is at most 6
 * (so h2 s1 + (d0 >> 64) < 2^64: s1 < 1.25 * 2^60, d0 < 2.25 * 2^124); on
 * exit at most 4. Carries use __builtin_add_overflow: GCC compiles 128-bit
 * sums of zero-extended words through the stack, these to add/adc.
 */
static inline void mintls_poly1305_mul_r(mintls_poly1305_regs *q)
{
    typedef unsigned __int128 u128;
    u128 d0 = (u128)q->h0 * q->r0 + (u128)q->h1 * q->s1;
    u128 d1 = (u128)q->h0 * q->r1 + (u128)q->h1 * q->r0 +
              (q->h2 * q->s1 + (uint64_t)(d0 >> 64));
    uint64_t d2 = q->h2 * q->r0 + (uint64_t)(d1 >> 64);

    /* Bits 130 and up, times 5, fold back into the bottom. */
    uint64_t c = (d2 & ~(uint64_t)3) + (d2 >> 2);
    uint64_t t0, t1;
    uint64_t carry = __builtin_add_overflow((uint64_t)d0, c, &t0);
    carry = __builtin_add_overflow((uint64_t)d1, carry, &t1);
    q->h0 = t0;
    q->h1 = t1;
    q->h2 = (d2 & 3) + carry;
}

/* h = (h + m + hibit 2^128) r for one 16-byte block m. */
static inline void mintls_poly1305_block(mintls_poly1305_regs *q, const uint8_t *m,
                                         uint64_t hibit)
{
    uint64_t c0 = __builtin_add_overflow(q->h0, mintls_poly1305_load64_le(m), &q->h0);
    uint64_t c1 = __builtin_add_overflow(q->h1, mintls_poly1305_load64_le(m + 8), &q->h1);
    c1 += __builtin_add_overflow(q->h1, c0, &q->h1);
    q->h2 += c1 + hibit;
    mintls_poly1305_mul_r(q);
}

/*
 * ChaCha20 over ngroups groups of blocks (8 blocks per group on AVX2, 4 on
 * the portable path) and Poly1305 over the ciphertext of all of them (out
 * when encrypting, in when decrypting; in == out is fine), with scalar
 * Poly1305 blocks interleaved into the ChaCha20 rounds so that the integer
 * and vector units work at the same time. Each implementation documents how
 * it splits and orders the MAC. p must have no buffered partial block.
 */
void mintls_chacha20_poly1305_stitched_avx2(uint32_t state[16], mintls_poly1305_impl *p,
                                            const uint8_t *in, uint8_t *out,
                                            size_t ngroups, int encrypt);
void mintls_chacha20_poly1305_stitched_portable(uint32_t state[16],
                                                mintls_poly1305_impl *p,
                                                const uint8_t *in, uint8_t *out,
                                                size_t ngroups, int encrypt);

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
/* nblocks a non-zero multiple of 8; needs rpow44 (mintls_poly1305_need_rpow44). */
void mintls_poly1305_blocks_avx512(mintls_poly1305_impl *p, const uint8_t *in,
                                   size_t nblocks);
void mintls_poly1305_need_rpow44(mintls_poly1305_impl *p);

#endif
