/*
 * P-384 field arithmetic mod p = 2^384 - 2^128 - 2^96 + 2^32 - 1, and the
 * generic 6-limb Montgomery routines that the scalar code (mod n) shares.
 *
 * Montgomery multiplication is word-by-word CIOS: it needs no special shape
 * of the modulus, so one routine serves both p and n, and it has no
 * data-dependent branch. There is one strategy only: the same body compiled
 * for BMI2/ADX (mulx) measured slower on the target machine (EPYC, gcc 13),
 * and a hand-scheduled adcx/adox chain needs assembly, which mintls avoids.
 */
#include "internal/p384.h"

#include <string.h>

#include "internal/ct.h"

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

typedef unsigned __int128 u128;

/*
 * Add and subtract with carry. gcc turns 128-bit sums into long dependency
 * chains of xor/adc pairs; the carry intrinsics give plain adc/sbb chains
 * (field additions were ~20% of a scalar multiplication before).
 */
static inline uint64_t addc(uint64_t a, uint64_t b, uint64_t cin, uint64_t *cout)
{
#if defined(__x86_64__)
    unsigned long long r;
    *cout = _addcarry_u64((unsigned char)cin, a, b, &r);
    return r;
#else
    u128 z = (u128)a + b + cin;
    *cout = (uint64_t)(z >> 64);
    return (uint64_t)z;
#endif
}

static inline uint64_t subb(uint64_t a, uint64_t b, uint64_t bin, uint64_t *bout)
{
#if defined(__x86_64__)
    unsigned long long r;
    *bout = _subborrow_u64((unsigned char)bin, a, b, &r);
    return r;
#else
    u128 z = (u128)a - b - bin;
    *bout = (uint64_t)(z >> 64) & 1;
    return (uint64_t)z;
#endif
}

const uint64_t mintls_p384_p[6] = {
    0x00000000ffffffffULL, 0xffffffff00000000ULL, 0xfffffffffffffffeULL,
    0xffffffffffffffffULL, 0xffffffffffffffffULL, 0xffffffffffffffffULL,
};

/* -p^-1 mod 2^64: p = 2^32 - 1 mod 2^64 and (2^32 - 1)(2^32 + 1) = -1. */
#define P384_P0INV 0x100000001ULL

/* 2^768 mod p, to enter Montgomery form with one multiplication. */
static const uint64_t p384_rr[6] = {
    0xfffffffe00000001ULL, 0x0000000200000000ULL, 0xfffffffe00000000ULL,
    0x0000000200000000ULL, 0x0000000000000001ULL, 0x0000000000000000ULL,
};

const p384_fe mintls_p384_fe_one = {
    0xffffffff00000001ULL, 0x00000000ffffffffULL, 0x0000000000000001ULL, 0, 0, 0,
};

const p384_fe mintls_p384_fe_b = {
    0x081188719d412dccULL, 0xf729add87a4c32ecULL, 0x77f2209b1920022eULL,
    0xe3374bee94938ae2ULL, 0xb62b21f41f022094ULL, 0xcd08114b604fbff9ULL,
};

/*
 * t (7 words, t < 2m) minus m if t >= m. The subtraction always runs; the
 * result is picked by mask so the time never depends on the value.
 */
static inline __attribute__((always_inline)) void final_sub(uint64_t out[6],
                                                            const uint64_t t[6], uint64_t hi,
                                                            const uint64_t m[6])
{
    uint64_t d[6], borrow = 0;
    for (int j = 0; j < 6; j++)
        d[j] = subb(t[j], m[j], borrow, &borrow);
    /* t < m exactly when the 384-bit subtraction borrowed and hi is 0. */
    uint64_t keep_t = (uint64_t)0 - (borrow & (hi ^ 1));
    for (int j = 0; j < 6; j++)
        out[j] = ct_select_u64(keep_t, t[j], d[j]);
}

static inline __attribute__((always_inline)) void mont_mul_body(
    uint64_t out[6], const uint64_t a[6], const uint64_t b[6], const uint64_t m[6],
    uint64_t m0inv)
{
    uint64_t t[6] = {0, 0, 0, 0, 0, 0}, t6 = 0;
    _Pragma("GCC unroll 6") for (int i = 0; i < 6; i++) {
        uint64_t carry = 0;
        _Pragma("GCC unroll 6") for (int j = 0; j < 6; j++) {
            u128 z = (u128)a[i] * b[j] + t[j] + carry;
            t[j] = (uint64_t)z;
            carry = (uint64_t)(z >> 64);
        }
        u128 z = (u128)t6 + carry;
        uint64_t t7 = (uint64_t)(z >> 64);
        t6 = (uint64_t)z;

        uint64_t mm = t[0] * m0inv;
        z = (u128)mm * m[0] + t[0];
        carry = (uint64_t)(z >> 64);
        _Pragma("GCC unroll 6") for (int j = 1; j < 6; j++) {
            z = (u128)mm * m[j] + t[j] + carry;
            t[j - 1] = (uint64_t)z;
            carry = (uint64_t)(z >> 64);
        }
        z = (u128)t6 + carry;
        t[5] = (uint64_t)z;
        t6 = t7 + (uint64_t)(z >> 64);
    }
    final_sub(out, t, t6, m);
}

void mintls_p384_mont_mul(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                          const uint64_t m[6], uint64_t m0inv)
{
    mont_mul_body(out, a, b, m, m0inv);
}

void mintls_p384_mont_pow(uint64_t out[6], const uint64_t a[6], const uint64_t e[6],
                          const uint64_t m[6], uint64_t m0inv)
{
    /* 4-bit fixed window; the exponent is public, so indexing by it is fine. */
    uint64_t tab[16][6], acc[6] = {0, 0, 0, 0, 0, 0};
    for (int j = 0; j < 6; j++)
        tab[1][j] = a[j];
    for (int i = 2; i < 16; i++)
        mintls_p384_mont_mul(tab[i], tab[i - 1], a, m, m0inv);
    int started = 0;
    for (int i = 95; i >= 0; i--) {
        unsigned nib = (unsigned)(e[i / 16] >> ((i % 16) * 4)) & 15;
        if (started) {
            for (int s = 0; s < 4; s++)
                mintls_p384_mont_mul(acc, acc, acc, m, m0inv);
            if (nib)
                mintls_p384_mont_mul(acc, acc, tab[nib], m, m0inv);
        } else if (nib) {
            for (int j = 0; j < 6; j++)
                acc[j] = tab[nib][j];
            started = 1;
        }
    }
    /* Every exponent used here (p - 2, n - 2) is non-zero. */
    for (int j = 0; j < 6; j++)
        out[j] = started ? acc[j] : 0;
    ct_wipe(tab, sizeof(tab));
    ct_wipe(acc, sizeof(acc));
}

static inline __attribute__((always_inline)) void mod_add_body(uint64_t out[6],
                                                               const uint64_t a[6],
                                                               const uint64_t b[6],
                                                               const uint64_t m[6])
{
    uint64_t t[6], carry = 0;
    for (int j = 0; j < 6; j++)
        t[j] = addc(a[j], b[j], carry, &carry);
    final_sub(out, t, carry, m);
}

static inline __attribute__((always_inline)) void mod_sub_body(uint64_t out[6],
                                                               const uint64_t a[6],
                                                               const uint64_t b[6],
                                                               const uint64_t m[6])
{
    uint64_t t[6], borrow = 0;
    for (int j = 0; j < 6; j++)
        t[j] = subb(a[j], b[j], borrow, &borrow);
    /* Went below zero: add m back, masked so both cases cost the same. */
    uint64_t mask = (uint64_t)0 - borrow, carry = 0;
    for (int j = 0; j < 6; j++)
        out[j] = addc(t[j], m[j] & mask, carry, &carry);
}

void mintls_p384_mod_add(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                         const uint64_t m[6])
{
    mod_add_body(out, a, b, m);
}

void mintls_p384_mod_sub(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                         const uint64_t m[6])
{
    mod_sub_body(out, a, b, m);
}

uint64_t mintls_p384_lt_mask(const uint64_t a[6], const uint64_t m[6])
{
    uint64_t borrow = 0;
    for (int j = 0; j < 6; j++)
        (void)subb(a[j], m[j], borrow, &borrow);
    return (uint64_t)0 - borrow;
}

void mintls_p384_limbs_from_be(uint64_t out[6], const uint8_t in[48])
{
    for (int j = 0; j < 6; j++) {
        uint64_t w = 0;
        for (int k = 0; k < 8; k++)
            w = (w << 8) | in[(5 - j) * 8 + k];
        out[j] = w;
    }
}

void mintls_p384_limbs_to_be(uint8_t out[48], const uint64_t a[6])
{
    for (int j = 0; j < 6; j++)
        for (int k = 0; k < 8; k++)
            out[(5 - j) * 8 + k] = (uint8_t)(a[j] >> (56 - 8 * k));
}

/*
 * The field multiplication inlines the CIOS body with p as a compile-time
 * constant: p's limbs are all-ones or 2^32-based, so the compiler turns
 * several reduction multiplications into shifts and subtractions (about 10%
 * faster than the generic routine here).
 */
static const uint64_t p_const[6] = {
    0x00000000ffffffffULL, 0xffffffff00000000ULL, 0xfffffffffffffffeULL,
    0xffffffffffffffffULL, 0xffffffffffffffffULL, 0xffffffffffffffffULL,
};

void mintls_p384_fe_mul(p384_fe out, const p384_fe a, const p384_fe b)
{
    mont_mul_body(out, a, b, p_const, P384_P0INV);
}

/*
 * A dedicated squaring (cross products once, doubled) measured slower than
 * the multiplication here: its carry propagation costs more than the 15
 * multiplications it saves.
 */
void mintls_p384_fe_sqr(p384_fe out, const p384_fe a)
{
    mintls_p384_fe_mul(out, a, a);
}

void mintls_p384_fe_add(p384_fe out, const p384_fe a, const p384_fe b)
{
    mod_add_body(out, a, b, p_const);
}

void mintls_p384_fe_sub(p384_fe out, const p384_fe a, const p384_fe b)
{
    mod_sub_body(out, a, b, p_const);
}

void mintls_p384_fe_neg(p384_fe out, const p384_fe a)
{
    static const p384_fe zero = {0, 0, 0, 0, 0, 0};
    mod_sub_body(out, zero, a, p_const);
}

static void sqr_n(p384_fe out, const p384_fe a, int n)
{
    mintls_p384_fe_sqr(out, a);
    for (int i = 1; i < n; i++)
        mintls_p384_fe_sqr(out, out);
}

/*
 * a^(p-2) by a fixed addition chain (385 squarings, 14 multiplications).
 * With xk = a^(2^k - 1), p - 2 in binary is 255 ones, a zero, 32 ones,
 * 64 zeros, 30 ones, a zero, a one:
 *   ((((x255^(2^1))^(2^32) x32)^(2^64))^(2^30) x30)^(2^2) x1.
 */
void mintls_p384_fe_inv(p384_fe out, const p384_fe a)
{
    p384_fe x2, x3, x6, x12, x15, x30, x32, t;
    mintls_p384_fe_sqr(x2, a);
    mintls_p384_fe_mul(x2, x2, a);
    mintls_p384_fe_sqr(x3, x2);
    mintls_p384_fe_mul(x3, x3, a);
    sqr_n(x6, x3, 3);
    mintls_p384_fe_mul(x6, x6, x3);
    sqr_n(x12, x6, 6);
    mintls_p384_fe_mul(x12, x12, x6);
    sqr_n(x15, x12, 3);
    mintls_p384_fe_mul(x15, x15, x3);
    sqr_n(x30, x15, 15);
    mintls_p384_fe_mul(x30, x30, x15);
    sqr_n(x32, x30, 2);
    mintls_p384_fe_mul(x32, x32, x2);
    sqr_n(t, x30, 30);
    mintls_p384_fe_mul(t, t, x30); /* x60 */
    memcpy(x6, t, sizeof(t));      /* keep x60 (x6 no longer needed) */
    sqr_n(t, t, 60);
    mintls_p384_fe_mul(t, t, x6); /* x120 */
    memcpy(x12, t, sizeof(t));
    sqr_n(t, t, 120);
    mintls_p384_fe_mul(t, t, x12); /* x240 */
    sqr_n(t, t, 15);
    mintls_p384_fe_mul(t, t, x15); /* x255 */
    sqr_n(t, t, 1 + 32);
    mintls_p384_fe_mul(t, t, x32);
    sqr_n(t, t, 64 + 30);
    mintls_p384_fe_mul(t, t, x30);
    sqr_n(t, t, 2);
    mintls_p384_fe_mul(out, t, a);
    ct_wipe(x2, sizeof(x2));
    ct_wipe(x3, sizeof(x3));
    ct_wipe(x6, sizeof(x6));
    ct_wipe(x12, sizeof(x12));
    ct_wipe(x15, sizeof(x15));
    ct_wipe(x30, sizeof(x30));
    ct_wipe(x32, sizeof(x32));
    ct_wipe(t, sizeof(t));
}

uint64_t mintls_p384_fe_is_zero(const p384_fe a)
{
    uint64_t acc = 0;
    for (int j = 0; j < 6; j++)
        acc |= a[j];
    return ct_mask_zero_u64(acc);
}

void mintls_p384_fe_cmov(p384_fe out, const p384_fe a, uint64_t mask)
{
    for (int j = 0; j < 6; j++)
        out[j] = ct_select_u64(mask, a[j], out[j]);
}

int mintls_p384_fe_from_bytes(p384_fe out, const uint8_t in[48])
{
    uint64_t t[6];
    mintls_p384_limbs_from_be(t, in);
    /* Coordinates are public; the caller may branch on the answer. */
    uint64_t ok = mintls_p384_lt_mask(t, mintls_p384_p);
    mintls_p384_fe_mul(out, t, p384_rr);
    return (int)(ok & 1);
}

void mintls_p384_fe_to_bytes(uint8_t out[48], const p384_fe a)
{
    static const uint64_t one[6] = {1, 0, 0, 0, 0, 0};
    uint64_t t[6];
    mintls_p384_fe_mul(t, a, one);
    mintls_p384_limbs_to_be(out, t);
    ct_wipe(t, sizeof(t));
}
