/*
 * Arithmetic in GF(2^255 - 19), shared by X25519 and Ed25519.
 *
 * An element is five 64-bit limbs in radix 2^51 (value = sum v[i] 2^(51 i)).
 * Products use unsigned __int128 and fold the part above 2^255 back with the
 * factor 19. Everything here is constant time: no branch or index depends
 * on a value, so the same code serves secret scalars and public points.
 *
 * Limb bounds, which the callers rely on:
 *   - fe_mul, fe_sq, fe_sub, fe_neg, fe_carry produce limbs < 2^51 + 2^18
 *     ("reduced", though not necessarily the canonical value below p);
 *   - fe_add of two reduced elements gives limbs < 2^53 and must not be
 *     added to again before a carrying operation;
 *   - fe_sub_lazy of reduced elements gives limbs < 2^54 (feed to fe_mul,
 *     fe_sq or fe_mul_small only);
 *   - fe_mul and fe_sq accept limbs < 2^54; fe_sub accepts a subtrahend
 *     with limbs up to 2^53 (it adds 4p first so the result stays positive).
 * Only fe_tobytes yields the canonical representative.
 */
#ifndef MINTLS_INTERNAL_FE25519_H
#define MINTLS_INTERNAL_FE25519_H

#include <stdint.h>
#include <string.h>

#include "internal/ct.h"

typedef struct fe25519 {
    uint64_t v[5];
} fe25519;

typedef unsigned __int128 fe_u128;

#define FE_MASK51 ((uint64_t)0x7ffffffffffff)

static inline void fe_0(fe25519 *h)
{
    memset(h, 0, sizeof(*h));
}

static inline void fe_1(fe25519 *h)
{
    memset(h, 0, sizeof(*h));
    h->v[0] = 1;
}

static inline void fe_copy(fe25519 *h, const fe25519 *f)
{
    *h = *f;
}

static inline void fe_add(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    for (int i = 0; i < 5; i++)
        h->v[i] = f->v[i] + g->v[i];
}

/* One pass of carries: limbs end below 2^51 + 19 * 2^13 for inputs < 2^64. */
static inline void fe_carry(fe25519 *h)
{
    uint64_t c;
    c = h->v[0] >> 51; h->v[0] &= FE_MASK51; h->v[1] += c;
    c = h->v[1] >> 51; h->v[1] &= FE_MASK51; h->v[2] += c;
    c = h->v[2] >> 51; h->v[2] &= FE_MASK51; h->v[3] += c;
    c = h->v[3] >> 51; h->v[3] &= FE_MASK51; h->v[4] += c;
    c = h->v[4] >> 51; h->v[4] &= FE_MASK51; h->v[0] += c * 19;
}

/* h = f - g, computed as f + 4p - g so no limb goes negative. */
static inline void fe_sub(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    h->v[0] = (f->v[0] + 0x1fffffffffffb4) - g->v[0];
    h->v[1] = (f->v[1] + 0x1ffffffffffffc) - g->v[1];
    h->v[2] = (f->v[2] + 0x1ffffffffffffc) - g->v[2];
    h->v[3] = (f->v[3] + 0x1ffffffffffffc) - g->v[3];
    h->v[4] = (f->v[4] + 0x1ffffffffffffc) - g->v[4];
    fe_carry(h);
}

/*
 * h = f - g without the carry pass, for a result that only feeds fe_mul,
 * fe_sq or fe_mul_small: limbs stay below 2^54 for reduced f and g.
 */
static inline void fe_sub_lazy(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    h->v[0] = (f->v[0] + 0x1fffffffffffb4) - g->v[0];
    h->v[1] = (f->v[1] + 0x1ffffffffffffc) - g->v[1];
    h->v[2] = (f->v[2] + 0x1ffffffffffffc) - g->v[2];
    h->v[3] = (f->v[3] + 0x1ffffffffffffc) - g->v[3];
    h->v[4] = (f->v[4] + 0x1ffffffffffffc) - g->v[4];
}

static inline void fe_neg(fe25519 *h, const fe25519 *f)
{
    fe25519 z;
    fe_0(&z);
    fe_sub(h, &z, f);
}

/* Folds a 5-limb 128-bit accumulator back to reduced 51-bit limbs. */
static inline void fe_reduce128(fe25519 *h, fe_u128 t0, fe_u128 t1, fe_u128 t2,
                                fe_u128 t3, fe_u128 t4)
{
    /* Two interleaved carry chains (0->1->2->3 and 3->4->0->1) shorten the
     * dependency path; bounds: every t below 2^115, so each carry fits. */
    uint64_t r0, r1, r2, r3, r4, c;
    t1 += (uint64_t)(t0 >> 51); r0 = (uint64_t)t0 & FE_MASK51;
    t4 += (uint64_t)(t3 >> 51); r3 = (uint64_t)t3 & FE_MASK51;
    t2 += (uint64_t)(t1 >> 51); r1 = (uint64_t)t1 & FE_MASK51;
    c = (uint64_t)(t4 >> 51);   r4 = (uint64_t)t4 & FE_MASK51;
    r0 += c * 19;
    r3 += (uint64_t)(t2 >> 51); r2 = (uint64_t)t2 & FE_MASK51;
    c = r0 >> 51; r0 &= FE_MASK51; r1 += c;
    c = r3 >> 51; r3 &= FE_MASK51; r4 += c;
    h->v[0] = r0; h->v[1] = r1; h->v[2] = r2; h->v[3] = r3; h->v[4] = r4;
}

static inline void fe_mul(fe25519 *h, const fe25519 *f, const fe25519 *g)
{
    uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint64_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    uint64_t g1_19 = g1 * 19, g2_19 = g2 * 19, g3_19 = g3 * 19, g4_19 = g4 * 19;
    fe_u128 t0, t1, t2, t3, t4;
    t0 = (fe_u128)f0 * g0 + (fe_u128)f1 * g4_19 + (fe_u128)f2 * g3_19 +
         (fe_u128)f3 * g2_19 + (fe_u128)f4 * g1_19;
    t1 = (fe_u128)f0 * g1 + (fe_u128)f1 * g0 + (fe_u128)f2 * g4_19 +
         (fe_u128)f3 * g3_19 + (fe_u128)f4 * g2_19;
    t2 = (fe_u128)f0 * g2 + (fe_u128)f1 * g1 + (fe_u128)f2 * g0 +
         (fe_u128)f3 * g4_19 + (fe_u128)f4 * g3_19;
    t3 = (fe_u128)f0 * g3 + (fe_u128)f1 * g2 + (fe_u128)f2 * g1 +
         (fe_u128)f3 * g0 + (fe_u128)f4 * g4_19;
    t4 = (fe_u128)f0 * g4 + (fe_u128)f1 * g3 + (fe_u128)f2 * g2 +
         (fe_u128)f3 * g1 + (fe_u128)f4 * g0;
    fe_reduce128(h, t0, t1, t2, t3, t4);
}

static inline void fe_sq(fe25519 *h, const fe25519 *f)
{
    uint64_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    uint64_t f0_2 = f0 * 2, f1_2 = f1 * 2;
    uint64_t f3_19 = f3 * 19, f4_19 = f4 * 19;
    fe_u128 t0, t1, t2, t3, t4;
    t0 = (fe_u128)f0 * f0 + (fe_u128)(f1_2) * f4_19 + (fe_u128)(f2 * 2) * f3_19;
    t1 = (fe_u128)f0_2 * f1 + (fe_u128)(f2 * 2) * f4_19 + (fe_u128)f3 * f3_19;
    t2 = (fe_u128)f0_2 * f2 + (fe_u128)f1 * f1 + (fe_u128)(f3 * 2) * f4_19;
    t3 = (fe_u128)f0_2 * f3 + (fe_u128)f1_2 * f2 + (fe_u128)f4 * f4_19;
    t4 = (fe_u128)f0_2 * f4 + (fe_u128)f1_2 * f3 + (fe_u128)f2 * f2;
    fe_reduce128(h, t0, t1, t2, t3, t4);
}

/* h = f squared n times (n >= 1). */
static inline void fe_sqn(fe25519 *h, const fe25519 *f, int n)
{
    fe_sq(h, f);
    for (int i = 1; i < n; i++)
        fe_sq(h, h);
}

/* h = f * small constant (c < 2^17), as the ladder's a24 = 121665. */
static inline void fe_mul_small(fe25519 *h, const fe25519 *f, uint32_t c)
{
    fe_reduce128(h, (fe_u128)f->v[0] * c, (fe_u128)f->v[1] * c, (fe_u128)f->v[2] * c,
                 (fe_u128)f->v[3] * c, (fe_u128)f->v[4] * c);
}

/*
 * Shared start of inversion and square root: returns z^(2^250 - 1) in
 * out_t and z^11 in out_z11 (the standard addition chain).
 */
static inline void fe_pow2_250_1(fe25519 *out_t, fe25519 *out_z11, const fe25519 *z)
{
    fe25519 t0, t1, t2, t3;
    fe_sq(&t0, z);            /* 2 */
    fe_sqn(&t1, &t0, 2);      /* 8 */
    fe_mul(&t1, z, &t1);      /* 9 */
    fe_mul(&t0, &t0, &t1);    /* 11 */
    *out_z11 = t0;
    fe_sq(&t2, &t0);          /* 22 */
    fe_mul(&t1, &t1, &t2);    /* 2^5 - 1 */
    fe_sqn(&t2, &t1, 5);
    fe_mul(&t1, &t2, &t1);    /* 2^10 - 1 */
    fe_sqn(&t2, &t1, 10);
    fe_mul(&t2, &t2, &t1);    /* 2^20 - 1 */
    fe_sqn(&t3, &t2, 20);
    fe_mul(&t2, &t3, &t2);    /* 2^40 - 1 */
    fe_sqn(&t2, &t2, 10);
    fe_mul(&t1, &t2, &t1);    /* 2^50 - 1 */
    fe_sqn(&t2, &t1, 50);
    fe_mul(&t2, &t2, &t1);    /* 2^100 - 1 */
    fe_sqn(&t3, &t2, 100);
    fe_mul(&t2, &t3, &t2);    /* 2^200 - 1 */
    fe_sqn(&t2, &t2, 50);
    fe_mul(out_t, &t2, &t1);  /* 2^250 - 1 */
}

/* h = z^(p-2) = 1/z (0 maps to 0). */
static inline void fe_invert(fe25519 *h, const fe25519 *z)
{
    fe25519 t, z11;
    fe_pow2_250_1(&t, &z11, z);
    fe_sqn(&t, &t, 5);        /* 2^255 - 2^5 */
    fe_mul(h, &t, &z11);      /* 2^255 - 21 */
}

/* h = z^((p-5)/8) = z^(2^252 - 3), the core of the square root. */
static inline void fe_pow22523(fe25519 *h, const fe25519 *z)
{
    fe25519 t, z11;
    fe_pow2_250_1(&t, &z11, z);
    fe_sqn(&t, &t, 2);        /* 2^252 - 4 */
    fe_mul(h, &t, z);         /* 2^252 - 3 */
}

/* Loads 32 little-endian bytes, ignoring bit 255. */
static inline void fe_frombytes(fe25519 *h, const uint8_t s[32])
{
    uint64_t w[4];
    for (int i = 0; i < 4; i++) {
        uint64_t x = 0;
        for (int j = 7; j >= 0; j--)
            x = (x << 8) | s[8 * i + j];
        w[i] = x;
    }
    h->v[0] = w[0] & FE_MASK51;
    h->v[1] = ((w[0] >> 51) | (w[1] << 13)) & FE_MASK51;
    h->v[2] = ((w[1] >> 38) | (w[2] << 26)) & FE_MASK51;
    h->v[3] = ((w[2] >> 25) | (w[3] << 39)) & FE_MASK51;
    h->v[4] = (w[3] >> 12) & FE_MASK51;
}

/* Stores the canonical value (below p) as 32 little-endian bytes. */
static inline void fe_tobytes(uint8_t s[32], const fe25519 *f)
{
    fe25519 h = *f;
    fe_carry(&h);
    fe_carry(&h);
    /* Now h < 2^255 + small < 2p: q = 1 exactly when h >= p. */
    uint64_t q = (h.v[0] + 19) >> 51;
    q = (h.v[1] + q) >> 51;
    q = (h.v[2] + q) >> 51;
    q = (h.v[3] + q) >> 51;
    q = (h.v[4] + q) >> 51;
    h.v[0] += 19 * q;
    uint64_t c;
    c = h.v[0] >> 51; h.v[0] &= FE_MASK51; h.v[1] += c;
    c = h.v[1] >> 51; h.v[1] &= FE_MASK51; h.v[2] += c;
    c = h.v[2] >> 51; h.v[2] &= FE_MASK51; h.v[3] += c;
    c = h.v[3] >> 51; h.v[3] &= FE_MASK51; h.v[4] += c;
    h.v[4] &= FE_MASK51;
    uint64_t w[4];
    w[0] = h.v[0] | (h.v[1] << 51);
    w[1] = (h.v[1] >> 13) | (h.v[2] << 38);
    w[2] = (h.v[2] >> 26) | (h.v[3] << 25);
    w[3] = (h.v[3] >> 39) | (h.v[4] << 12);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            s[8 * i + j] = (uint8_t)(w[i] >> (8 * j));
}

/* 1 if f is zero mod p (constant time). */
static inline int fe_iszero(const fe25519 *f)
{
    uint8_t s[32];
    uint32_t acc = 0;
    fe_tobytes(s, f);
    for (int i = 0; i < 32; i++)
        acc |= s[i];
    return (int)(ct_mask_zero_u32(acc) & 1);
}

/* The "sign" of RFC 8032: the low bit of the canonical value. */
static inline int fe_isnegative(const fe25519 *f)
{
    uint8_t s[32];
    fe_tobytes(s, f);
    return s[0] & 1;
}

/* Swap f and g when mask is all-ones. */
static inline void fe_cswap(fe25519 *f, fe25519 *g, uint64_t mask)
{
    ct_cond_swap_u64(f->v, g->v, 5, mask);
}

/* h = g when mask is all-ones, else unchanged. */
static inline void fe_cmov(fe25519 *h, const fe25519 *g, uint64_t mask)
{
    mask = ct_barrier_u64(mask);
    for (int i = 0; i < 5; i++)
        h->v[i] ^= (h->v[i] ^ g->v[i]) & mask;
}

#endif
