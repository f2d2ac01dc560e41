/*
 * Constant-time GF(2^128) multiplication for GHASH, shared by ghash_ct.c and
 * the fused CTR+GHASH loop of aes_ct64.c. Private to those files.
 *
 * Carry-less products come from ordinary integer multiplies on operands whose
 * bits are masked into interleaved groups, so that the number of terms per bit
 * position stays below the point where a carry could reach the next bit of the
 * same group; masking the sum then keeps exactly the XOR of the terms. Integer
 * multiplication is constant time on the targets we support; there is no table
 * and no branch on data.
 *
 * Representation: a block is read as two big-endian words (x1 = bytes 0..7,
 * x0 = bytes 8..15); as a 128-bit integer, bit 127 is the coefficient of x^0
 * and bit 0 that of x^127 (GCM's reflected bit order).
 */
#ifndef MINTLS_INTERNAL_GHASH_CT_INL_H
#define MINTLS_INTERNAL_GHASH_CT_INL_H

#include <stdint.h>

static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

#if !defined(__SIZEOF_INT128__)
/* Full 64-bit carry-less product of two 32-bit values. */
static inline uint64_t clmul32(uint32_t x, uint32_t y)
{
    const uint64_t m0 = 0x1111111111111111ull, m1 = 0x2222222222222222ull;
    const uint64_t m2 = 0x4444444444444444ull, m3 = 0x8888888888888888ull;
    uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
    uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
    uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
    uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
    uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
    uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
    return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}
#endif

#if defined(__SIZEOF_INT128__)
/*
 * With a 64x64->128 multiplier, five interleaved groups (every 5th bit) keep
 * at most 13 terms per bit position, below the 32 that would carry into the
 * next bit of the group: 25 multiplies per 64x64 product.
 */
typedef unsigned __int128 u128;

#define G5M0 0x1084210842108421ull
#define G5M1 0x2108421084210842ull
#define G5M2 0x4210842108421084ull
#define G5M3 0x8421084210842108ull
#define G5M4 0x0842108421084210ull

/* y split into its five groups, precomputed once per key operand. */
typedef struct {
    uint64_t g[5];
} y5;

static inline y5 split5(uint64_t y)
{
    y5 r = {{y & G5M0, y & G5M1, y & G5M2, y & G5M3, y & G5M4}};
    return r;
}

/* Bit p of the 128-bit result belongs to group p mod 5; 2^64 = 4 mod 5. */
static inline u128 mask128(uint64_t lo, uint64_t hi)
{
    return (u128)hi << 64 | lo;
}

static inline void clmul64(uint64_t x, const y5 *y, uint64_t *hi, uint64_t *lo)
{
    uint64_t x0 = x & G5M0, x1 = x & G5M1, x2 = x & G5M2, x3 = x & G5M3, x4 = x & G5M4;
    const uint64_t *g = y->g;
#define M(a, b) ((u128)(a) * (b))
    u128 z0 = M(x0, g[0]) ^ M(x1, g[4]) ^ M(x2, g[3]) ^ M(x3, g[2]) ^ M(x4, g[1]);
    u128 z1 = M(x0, g[1]) ^ M(x1, g[0]) ^ M(x2, g[4]) ^ M(x3, g[3]) ^ M(x4, g[2]);
    u128 z2 = M(x0, g[2]) ^ M(x1, g[1]) ^ M(x2, g[0]) ^ M(x3, g[4]) ^ M(x4, g[3]);
    u128 z3 = M(x0, g[3]) ^ M(x1, g[2]) ^ M(x2, g[1]) ^ M(x3, g[0]) ^ M(x4, g[4]);
    u128 z4 = M(x0, g[4]) ^ M(x1, g[3]) ^ M(x2, g[2]) ^ M(x3, g[1]) ^ M(x4, g[0]);
#undef M
    /* High-word masks: bit 64+i is in group (4+i) mod 5. */
    u128 r = (z0 & mask128(G5M0, G5M1)) | (z1 & mask128(G5M1, G5M2)) |
             (z2 & mask128(G5M2, G5M3)) | (z3 & mask128(G5M3, G5M4)) |
             (z4 & mask128(G5M4, G5M0));
    *lo = (uint64_t)r;
    *hi = (uint64_t)(r >> 64);
}
#else
typedef struct {
    uint64_t y;
} y5;

static inline y5 split5(uint64_t y)
{
    y5 r = {y};
    return r;
}

/* 128-bit carry-less product of two 64-bit values (Karatsuba on halves). */
static inline void clmul64(uint64_t x, const y5 *yp, uint64_t *hi, uint64_t *lo)
{
    uint64_t y = yp->y;
    uint32_t xl = (uint32_t)x, xh = (uint32_t)(x >> 32);
    uint32_t yl = (uint32_t)y, yh = (uint32_t)(y >> 32);
    uint64_t l = clmul32(xl, yl);
    uint64_t h = clmul32(xh, yh);
    uint64_t m = clmul32(xl ^ xh, yl ^ yh) ^ l ^ h;
    *lo = l ^ (m << 32);
    *hi = h ^ (m >> 32);
}
#endif

/* *hi:*lo ^= x * y, carry-less. */
static inline void clmul64_acc(uint64_t x, const y5 *y, uint64_t *hi, uint64_t *lo)
{
    uint64_t h, l;
    clmul64(x, y, &h, &l);
    *hi ^= h;
    *lo ^= l;
}

/*
 * Unreduced products are accumulated in acc[6] (low-half product, high-half
 * product and Karatsuba middle product, two words each) so that several
 * blocks, each multiplied by its own power of H, share one reduction.
 */
static inline void gf128_mul_acc(uint64_t a1, uint64_t a0, const y5 hs[3], uint64_t acc[6])
{
    uint64_t h, l;
    clmul64(a0, &hs[0], &h, &l);
    acc[0] ^= l;
    acc[1] ^= h;
    clmul64(a1, &hs[1], &h, &l);
    acc[2] ^= l;
    acc[3] ^= h;
    clmul64(a0 ^ a1, &hs[2], &h, &l);
    acc[4] ^= l;
    acc[5] ^= h;
}

/* (x1:x0) <- the reduction of the accumulated product. */
static inline void gf128_reduce(const uint64_t acc[6], uint64_t *x1, uint64_t *x0)
{
    uint64_t p0l = acc[0], p0h = acc[1], p2l = acc[2], p2h = acc[3];
    uint64_t p1l = acc[4] ^ p0l ^ p2l, p1h = acc[5] ^ p0h ^ p2h;

    /* 255-bit product z3:z2:z1:z0; bit m is the coefficient of x^(254-m). */
    uint64_t z0 = p0l, z1 = p0h ^ p1l, z2 = p2l ^ p1h, z3 = p2h;
    /* Shift left once so that bit m stands for x^(255-m). */
    z3 = z3 << 1 | z2 >> 63;
    z2 = z2 << 1 | z1 >> 63;
    z1 = z1 << 1 | z0 >> 63;
    z0 <<= 1;

    /*
     * Reduce the low half L = z1:z0 (x^128..x^255) with
     * x^128 = x^7 + x^2 + x + 1: fold first the bits that would spill below
     * bit 0 back in at the top, then add L, L>>1, L>>2, L>>7.
     */
    z1 ^= (z0 << 63) ^ (z0 << 62) ^ (z0 << 57);
    *x1 = z3 ^ z1 ^ (z1 >> 1) ^ (z1 >> 2) ^ (z1 >> 7);
    *x0 = z2 ^ z0 ^ (z0 >> 1 | z1 << 63) ^ (z0 >> 2 | z1 << 62) ^ (z0 >> 7 | z1 << 57);
}

/* (x1:x0) <- (x1:x0) * H in GF(2^128), reflected representation. */
static inline void gf128_mul(uint64_t *x1, uint64_t *x0, const y5 hs[3])
{
    uint64_t acc[6] = {0, 0, 0, 0, 0, 0};
    gf128_mul_acc(*x1, *x0, hs, acc);
    gf128_reduce(acc, x1, x0);
}

#endif
