/*
 * P-256 field arithmetic mod p = 2^256 - 2^224 + 2^192 + 2^96 - 1, in
 * Montgomery form with R = 2^256 and 4 x 64-bit limbs, always fully reduced.
 *
 * Multiplication is "product, then reduce": the 512-bit product is formed,
 * then its low half is reduced one limb at a time. Because p = -1 mod 2^64,
 * the Montgomery factor of each step is the limb itself, and p's shape turns
 * m * p into a shift and one 64x64 multiplication (by p's top limb).
 *
 * Two strategies: portable unsigned __int128, and BMI2/ADX (mulx, adcx)
 * through intrinsics. The choice is made once from mintls_cpu_caps().
 */
#include <string.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/p256.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define P256_HAVE_MULX_CODE 1
#else
#define P256_HAVE_MULX_CODE 0
#endif

typedef unsigned __int128 u128;

static const uint64_t P[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0,
                              0xffffffff00000001ULL};
#define P3 0xffffffff00000001ULL

const p256_fe mintls_p256_fe_one_mont = {0x0000000000000001ULL, 0xffffffff00000000ULL,
                                  0xffffffffffffffffULL, 0x00000000fffffffeULL};
/* R^2 mod p, to enter the Montgomery domain with one multiplication. */
static const p256_fe RR = {0x0000000000000003ULL, 0xfffffffbffffffffULL,
                           0xfffffffffffffffeULL, 0x00000004fffffffdULL};

/*
 * Montgomery reduction of the 512-bit t: (t + M p) / 2^256 < 2p. Reducing
 * only the low half gives a value <= p, and adding the high half (< p for
 * inputs < p) keeps the sum below 2p: one conditional subtraction.
 */
static inline void mont_reduce_portable(p256_fe out, const uint64_t t[8])
{
    uint64_t u0 = t[0], u1 = t[1], u2 = t[2], u3 = t[3];
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        uint64_t m = u0;
        u128 x = (u128)u1 + (m << 32);
        u0 = (uint64_t)x;
        x = (u128)u2 + (m >> 32) + (uint64_t)(x >> 64);
        u1 = (uint64_t)x;
        u128 mp = (u128)m * P3;
        x = (u128)u3 + (uint64_t)mp + (uint64_t)(x >> 64);
        u2 = (uint64_t)x;
        u3 = (uint64_t)(mp >> 64) + (uint64_t)(x >> 64);
    }
    u128 x = (u128)u0 + t[4];
    u0 = (uint64_t)x;
    x = (u128)u1 + t[5] + (uint64_t)(x >> 64);
    u1 = (uint64_t)x;
    x = (u128)u2 + t[6] + (uint64_t)(x >> 64);
    u2 = (uint64_t)x;
    x = (u128)u3 + t[7] + (uint64_t)(x >> 64);
    u3 = (uint64_t)x;
    p256_fe_cond_sub_p(out, u0, u1, u2, u3, (uint64_t)(x >> 64));
}

void mintls_p256_fe_mul_portable(p256_fe out, const p256_fe a, const p256_fe b)
{
    uint64_t t[8] = {0};
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        uint64_t c = 0;
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++) {
            u128 x = (u128)a[j] * b[i] + t[i + j] + c;
            t[i + j] = (uint64_t)x;
            c = (uint64_t)(x >> 64);
        }
        t[i + 4] = c;
    }
    mont_reduce_portable(out, t);
}

void mintls_p256_fe_sqr_portable(p256_fe out, const p256_fe a)
{
    uint64_t t[8] = {0};
    /* Cross products a_i a_j (i < j) once, doubled, plus the squares. */
    u128 x;
    uint64_t c;
    x = (u128)a[0] * a[1];
    t[1] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
    x = (u128)a[0] * a[2] + c;
    t[2] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
    x = (u128)a[0] * a[3] + c;
    t[3] = (uint64_t)x;
    t[4] = (uint64_t)(x >> 64);
    x = (u128)a[1] * a[2] + t[3];
    t[3] = (uint64_t)x;
    c = (uint64_t)(x >> 64);
    x = (u128)a[1] * a[3] + t[4] + c;
    t[4] = (uint64_t)x;
    t[5] = (uint64_t)(x >> 64);
    x = (u128)a[2] * a[3] + t[5];
    t[5] = (uint64_t)x;
    t[6] = (uint64_t)(x >> 64);
    t[7] = t[6] >> 63;
    t[6] = (t[6] << 1) | (t[5] >> 63);
    t[5] = (t[5] << 1) | (t[4] >> 63);
    t[4] = (t[4] << 1) | (t[3] >> 63);
    t[3] = (t[3] << 1) | (t[2] >> 63);
    t[2] = (t[2] << 1) | (t[1] >> 63);
    t[1] = t[1] << 1;
    c = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        u128 s = (u128)a[i] * a[i];
        x = (u128)t[2 * i] + (uint64_t)s + c;
        t[2 * i] = (uint64_t)x;
        x = (u128)t[2 * i + 1] + (uint64_t)(s >> 64) + (uint64_t)(x >> 64);
        t[2 * i + 1] = (uint64_t)x;
        c = (uint64_t)(x >> 64);
    }
    mont_reduce_portable(out, t);
}

#if P256_HAVE_MULX_CODE
#define MULX_TARGET __attribute__((target("bmi2,adx")))

/* The same reduction, with mulx for the one product and adcx carry chains. */
MULX_TARGET static inline void mont_reduce_mulx(p256_fe out, const unsigned long long t[8])
{
    unsigned long long u0 = t[0], u1 = t[1], u2 = t[2], u3 = t[3], hi, lo;
    unsigned char c;
    for (int i = 0; i < 4; i++) {
        unsigned long long m = u0;
        lo = _mulx_u64(m, P3, &hi);
        c = _addcarryx_u64(0, u1, m << 32, &u0);
        c = _addcarryx_u64(c, u2, m >> 32, &u1);
        c = _addcarryx_u64(c, u3, lo, &u2);
        _addcarryx_u64(c, hi, 0, &u3);
    }
    unsigned long long top;
    c = _addcarryx_u64(0, u0, t[4], &u0);
    c = _addcarryx_u64(c, u1, t[5], &u1);
    c = _addcarryx_u64(c, u2, t[6], &u2);
    c = _addcarryx_u64(c, u3, t[7], &u3);
    top = c;
    p256_fe_cond_sub_p(out, u0, u1, u2, u3, top);
}

MULX_TARGET void mintls_p256_fe_mul_mulx(p256_fe out, const p256_fe a, const p256_fe b)
{
    unsigned long long t[8], hi, lo, h2;
    unsigned char c;
    /* Row 0 */
    t[0] = _mulx_u64(a[0], b[0], &hi);
    lo = _mulx_u64(a[1], b[0], &h2);
    c = _addcarryx_u64(0, lo, hi, &t[1]);
    lo = _mulx_u64(a[2], b[0], &hi);
    c = _addcarryx_u64(c, lo, h2, &t[2]);
    lo = _mulx_u64(a[3], b[0], &h2);
    c = _addcarryx_u64(c, lo, hi, &t[3]);
    _addcarryx_u64(c, h2, 0, &t[4]);
    /* Rows 1..3: t[i..i+4] += a * b[i], low halves and high halves as two chains. */
#pragma GCC unroll 3
    for (int i = 1; i < 4; i++) {
        unsigned long long l[4], h[4], bi = b[i];
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++)
            l[j] = _mulx_u64(a[j], bi, &h[j]);
        unsigned char c1, c2;
        c1 = _addcarryx_u64(0, t[i], l[0], &t[i]);
        c1 = _addcarryx_u64(c1, t[i + 1], l[1], &t[i + 1]);
        c1 = _addcarryx_u64(c1, t[i + 2], l[2], &t[i + 2]);
        c1 = _addcarryx_u64(c1, t[i + 3], l[3], &t[i + 3]);
        unsigned long long top;
        _addcarryx_u64(c1, 0, 0, &top);
        c2 = _addcarryx_u64(0, t[i + 1], h[0], &t[i + 1]);
        c2 = _addcarryx_u64(c2, t[i + 2], h[1], &t[i + 2]);
        c2 = _addcarryx_u64(c2, t[i + 3], h[2], &t[i + 3]);
        _addcarryx_u64(c2, top, h[3], &t[i + 4]);
    }
    mont_reduce_mulx(out, t);
}

MULX_TARGET void mintls_p256_fe_sqr_mulx(p256_fe out, const p256_fe a)
{
    unsigned long long t[8], hi, lo, x01, x02, x03, x12, x13, x23, h01, h02, h03, h12,
        h13, h23;
    unsigned char c;
    x01 = _mulx_u64(a[0], a[1], &h01);
    x02 = _mulx_u64(a[0], a[2], &h02);
    x03 = _mulx_u64(a[0], a[3], &h03);
    x12 = _mulx_u64(a[1], a[2], &h12);
    x13 = _mulx_u64(a[1], a[3], &h13);
    x23 = _mulx_u64(a[2], a[3], &h23);
    /* Sum of cross products into t[1..6]. */
    t[1] = x01;
    c = _addcarryx_u64(0, h01, x02, &t[2]);
    c = _addcarryx_u64(c, h02, x03, &t[3]);
    c = _addcarryx_u64(c, h03, x13, &t[4]);
    c = _addcarryx_u64(c, h13, x23, &t[5]);
    _addcarryx_u64(c, h23, 0, &t[6]);
    c = _addcarryx_u64(0, t[3], x12, &t[3]);
    c = _addcarryx_u64(c, t[4], h12, &t[4]);
    c = _addcarryx_u64(c, t[5], 0, &t[5]);
    _addcarryx_u64(c, t[6], 0, &t[6]);
    /* Double them and add the squares. */
    t[7] = t[6] >> 63;
    t[6] = (t[6] << 1) | (t[5] >> 63);
    t[5] = (t[5] << 1) | (t[4] >> 63);
    t[4] = (t[4] << 1) | (t[3] >> 63);
    t[3] = (t[3] << 1) | (t[2] >> 63);
    t[2] = (t[2] << 1) | (t[1] >> 63);
    t[1] = t[1] << 1;
    t[0] = _mulx_u64(a[0], a[0], &hi);
    c = _addcarryx_u64(0, t[1], hi, &t[1]);
    lo = _mulx_u64(a[1], a[1], &hi);
    c = _addcarryx_u64(c, t[2], lo, &t[2]);
    c = _addcarryx_u64(c, t[3], hi, &t[3]);
    lo = _mulx_u64(a[2], a[2], &hi);
    c = _addcarryx_u64(c, t[4], lo, &t[4]);
    c = _addcarryx_u64(c, t[5], hi, &t[5]);
    lo = _mulx_u64(a[3], a[3], &hi);
    c = _addcarryx_u64(c, t[6], lo, &t[6]);
    _addcarryx_u64(c, t[7], hi, &t[7]);
    mont_reduce_mulx(out, t);
}
#else
void mintls_p256_fe_mul_mulx(p256_fe out, const p256_fe a, const p256_fe b)
{
    mintls_p256_fe_mul_portable(out, a, b);
}
void mintls_p256_fe_sqr_mulx(p256_fe out, const p256_fe a)
{
    mintls_p256_fe_sqr_portable(out, a);
}
#endif

/*
 * 0 unknown, 1 portable, 2 mulx. Every thread computes the same answer, so
 * a relaxed atomic is enough to make the lazy choice race-free.
 */
static int fe_strategy;

static int strategy(void)
{
    int s = __atomic_load_n(&fe_strategy, __ATOMIC_RELAXED);
    if (s == 0) {
        s = (P256_HAVE_MULX_CODE && mintls_cpu_has(MINTLS_CPU_BMI2 | MINTLS_CPU_ADX)) ? 2 : 1;
        __atomic_store_n(&fe_strategy, s, __ATOMIC_RELAXED);
    }
    return s;
}

int mintls_p256_fe_have_mulx(void)
{
    return strategy() == 2;
}

void mintls_p256_fe_mul(p256_fe out, const p256_fe a, const p256_fe b)
{
    if (strategy() == 2)
        mintls_p256_fe_mul_mulx(out, a, b);
    else
        mintls_p256_fe_mul_portable(out, a, b);
}

void mintls_p256_fe_sqr(p256_fe out, const p256_fe a)
{
    if (strategy() == 2)
        mintls_p256_fe_sqr_mulx(out, a);
    else
        mintls_p256_fe_sqr_portable(out, a);
}

void mintls_p256_fe_neg(p256_fe out, const p256_fe a)
{
    static const p256_fe zero = {0, 0, 0, 0};
    p256_fe_sub(out, zero, a);
}

uint64_t mintls_p256_fe_is_zero(const p256_fe a)
{
    return ct_mask_zero_u64(a[0] | a[1] | a[2] | a[3]);
}

static void sqr_n(p256_fe out, const p256_fe a, int n)
{
    mintls_p256_fe_sqr(out, a);
    for (int i = 1; i < n; i++)
        mintls_p256_fe_sqr(out, out);
}

/*
 * a^(p-2) by a fixed addition chain (the exponent is public, so only the
 * base is secret and the sequence of operations never varies). The bits of
 * p - 2 from the top: 32 ones, 31 zeros, a one, 96 zeros, 94 ones, 0, 1.
 */
void mintls_p256_fe_inv(p256_fe out, const p256_fe a)
{
    p256_fe x2, x4, x8, x16, x32, t;
    mintls_p256_fe_sqr(x2, a);
    mintls_p256_fe_mul(x2, x2, a); /* 2^2 - 1 */
    sqr_n(x4, x2, 2);
    mintls_p256_fe_mul(x4, x4, x2); /* 2^4 - 1 */
    sqr_n(x8, x4, 4);
    mintls_p256_fe_mul(x8, x8, x4);
    sqr_n(x16, x8, 8);
    mintls_p256_fe_mul(x16, x16, x8);
    sqr_n(x32, x16, 16);
    mintls_p256_fe_mul(x32, x32, x16); /* 2^32 - 1 */
    sqr_n(t, x32, 32);
    mintls_p256_fe_mul(t, t, a); /* bits 255..192 */
    sqr_n(t, t, 128);
    mintls_p256_fe_mul(t, t, x32); /* bits 191..64 */
    sqr_n(t, t, 32);
    mintls_p256_fe_mul(t, t, x32);
    sqr_n(t, t, 16);
    mintls_p256_fe_mul(t, t, x16);
    sqr_n(t, t, 8);
    mintls_p256_fe_mul(t, t, x8);
    sqr_n(t, t, 4);
    mintls_p256_fe_mul(t, t, x4);
    sqr_n(t, t, 2);
    mintls_p256_fe_mul(t, t, x2); /* bits 63..2 */
    sqr_n(t, t, 2);
    mintls_p256_fe_mul(out, t, a); /* bits 1..0 = 01 */
    ct_wipe(x2, sizeof(x2));
    ct_wipe(x4, sizeof(x4));
    ct_wipe(x8, sizeof(x8));
    ct_wipe(x16, sizeof(x16));
    ct_wipe(x32, sizeof(x32));
    ct_wipe(t, sizeof(t));
}

void mintls_p256_fe_to_mont(p256_fe out, const p256_fe a)
{
    mintls_p256_fe_mul(out, a, RR);
}

void mintls_p256_fe_from_mont(p256_fe out, const p256_fe a)
{
    static const p256_fe one = {1, 0, 0, 0};
    mintls_p256_fe_mul(out, a, one);
}

int mintls_p256_fe_from_bytes(p256_fe out, const uint8_t in[32])
{
    for (int i = 0; i < 4; i++) {
        uint64_t w = 0;
        for (int j = 0; j < 8; j++)
            w = (w << 8) | in[(3 - i) * 8 + j];
        out[i] = w;
    }
    /* Range check: the value is public wherever this is used on input. */
    u128 d = (u128)out[0] - P[0];
    d = (u128)out[1] - P[1] - ((uint64_t)(d >> 64) & 1);
    d = (u128)out[2] - P[2] - ((uint64_t)(d >> 64) & 1);
    d = (u128)out[3] - P3 - ((uint64_t)(d >> 64) & 1);
    return (int)((uint64_t)(d >> 64) & 1);
}

void mintls_p256_fe_to_bytes(uint8_t out[32], const p256_fe a)
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            out[(3 - i) * 8 + j] = (uint8_t)(a[i] >> (56 - 8 * j));
}
