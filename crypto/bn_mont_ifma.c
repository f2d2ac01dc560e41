/*
 * Constant-time modular exponentiation with AVX-512 IFMA for 16- and
 * 32-limb moduli (the CRT halves of RSA-2048 and RSA-4096).
 *
 * Numbers are held in radix 2^52: D digits (20 for 1024 bits, 40 for 2048)
 * in 64-bit lanes, eight to a zmm register, so vpmadd52luq / vpmadd52huq
 * multiply a whole operand by one digit per instruction. Inside the loop the
 * values are "almost Montgomery" with R' = 2^(52 D) >= 2^16 m: every product
 * a b / R' mod m is only reduced to below 2m, which is all the next product
 * needs (a, b < 2m gives (a b + y m) / R' < 2m), so no conditional
 * subtraction happens per product. The conversions to and from the 64-bit
 * Montgomery form happen once per exponentiation, and the very last step
 * subtracts m under a mask.
 *
 * Operand scanning: for each digit b[i], acc += a b[i] (low halves), pick y
 * so the lowest digit of acc + y m is zero, add y m (low halves), drop that
 * digit (its carry goes to the next one), then add the high halves, whose
 * weight is one digit up, into the shifted accumulator. Lanes keep their
 * carries (at most 4 D terms below 2^52 each, far from 2^64) until one
 * sequential carry pass at the end of each product.
 *
 * Everything steers on D and the public window positions only; the table
 * entry of each window is picked by a full masked scan, as in bn_modexp.c.
 */
#include <string.h>

#include "internal/bn.h"
#include "internal/cpu.h"
#include "internal/ct.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MINTLS_HAVE_IFMA 1
#include <immintrin.h>
#endif

#define DIGIT_BITS 52
#define DIGIT_MASK ((UINT64_C(1) << DIGIT_BITS) - 1)
#define MAX_DIGITS 40 /* 2048 bits */

int mintls_bn_ifma_supports(size_t n)
{
#ifdef MINTLS_HAVE_IFMA
    return (n == 16 || n == 32) &&
           mintls_cpu_has(MINTLS_CPU_AVX512F | MINTLS_CPU_AVX512VL | MINTLS_CPU_AVX512IFMA);
#else
    (void)n;
    return 0;
#endif
}

#ifdef MINTLS_HAVE_IFMA

#define IFMA __attribute__((target("avx512f,avx512vl,avx512ifma")))
#define IFMA_INLINE static inline __attribute__((always_inline, target("avx512f,avx512vl,avx512ifma")))

/* n 64-bit limbs into D digits of 52 bits (value < 2^(52 D)). */
static void to_radix52(uint64_t *d, size_t digits, const uint64_t *x, size_t n)
{
    for (size_t j = 0; j < digits; j++) {
        size_t bit = j * DIGIT_BITS, li = bit / 64, sh = bit % 64;
        uint64_t v = li < n ? x[li] >> sh : 0;
        if (sh > 64 - DIGIT_BITS && li + 1 < n)
            v |= x[li + 1] << (64 - sh);
        d[j] = v & DIGIT_MASK;
    }
}

/* D normalised digits into n + 1 limbs (the value may need one bit past n limbs). */
static void from_radix52(uint64_t *x, size_t n, const uint64_t *d, size_t digits)
{
    memset(x, 0, (n + 1) * sizeof(uint64_t));
    for (size_t j = 0; j < digits; j++) {
        size_t bit = j * DIGIT_BITS, li = bit / 64, sh = bit % 64;
        x[li] |= d[j] << sh;
        if (sh > 64 - DIGIT_BITS && li + 1 <= n)
            x[li + 1] |= d[j] >> (64 - sh);
    }
}

/*
 * r = a b / 2^(52 D) mod m, up to one multiple of m (r < 2m when a, b < 2m);
 * digits normalised to 52 bits. Arrays have ceil(D/8)*8 entries, zero past D.
 * r may alias a or b.
 *
 * Latency: the choice of y for digit i+1 must wait for digit 0 after step
 * i, which in the vector registers sits behind several dependent IFMA
 * instructions. So the two lowest digits of the accumulator (t0, t1) are
 * kept exactly in scalar registers, updated with the few scalar 52x52
 * products that reach them, and the vector lanes are used only from lane 2
 * up (read two steps before it becomes digit 0). The vector side is split
 * into a low-half and a high-half accumulator, which halves its chains.
 */
typedef unsigned __int128 u128;

#define LO52(p) ((uint64_t)(p) & DIGIT_MASK)
#define HI52(p) ((uint64_t)((p) >> DIGIT_BITS))

IFMA_INLINE uint64_t lane2(__m512i x)
{
    return (uint64_t)_mm_cvtsi128_si64(_mm512_extracti32x4_epi32(x, 1));
}

/*
 * K independent products at once (K = 1 or 2, a compile-time constant after
 * inlining): r[k] = a[k] b[k] / 2^(52 D) mod m[k]. With K = 2 (the two CRT
 * halves) the two dependency chains interleave and fill the IFMA units.
 */
IFMA_INLINE void amm_k(uint64_t *const *r, const uint64_t *const *a, const uint64_t *const *b,
                       const uint64_t *const *m, const uint64_t *k0, const size_t D, const size_t K)
{
    enum { MAXV = MAX_DIGITS / 8, MAXK = 2 };
    const size_t NV = (D + 7) / 8;
    __m512i A[MAXK][MAXV], M[MAXK][MAXV], lo[MAXK][MAXV], hi[MAXK][MAXV];
    uint64_t a0[MAXK], a1[MAXK], a2[MAXK], m0[MAXK], m1[MAXK], m2[MAXK], t0[MAXK], t1[MAXK];
    const __m512i zero = _mm512_setzero_si512();
    for (size_t k = 0; k < K; k++) {
        for (size_t v = 0; v < NV; v++) {
            A[k][v] = _mm512_loadu_si512((const void *)(a[k] + 8 * v));
            M[k][v] = _mm512_loadu_si512((const void *)(m[k] + 8 * v));
            lo[k][v] = zero;
            hi[k][v] = zero;
        }
        a0[k] = a[k][0], a1[k] = a[k][1], a2[k] = a[k][2];
        m0[k] = m[k][0], m1[k] = m[k][1], m2[k] = m[k][2];
        t0[k] = t1[k] = 0;
    }
    /* r is written only after the loop, so it may alias a or b. */
    for (size_t i = 0; i < D; i++) {
        for (size_t k = 0; k < K; k++) {
            uint64_t bi = b[k][i];
            uint64_t v2 = lane2(lo[k][0]) + lane2(hi[k][0]); /* digit 2 before this step */
            __m512i B = _mm512_set1_epi64((long long)bi);
            u128 pa0 = (u128)a0[k] * bi, pa1 = (u128)a1[k] * bi, pa2 = (u128)a2[k] * bi;
            uint64_t t = t0[k] + LO52(pa0);
            uint64_t y = (t * k0[k]) & DIGIT_MASK;
            __m512i Y = _mm512_set1_epi64((long long)y);
            u128 pm0 = (u128)m0[k] * y, pm1 = (u128)m1[k] * y, pm2 = (u128)m2[k] * y;
            uint64_t carry = (t + LO52(pm0)) >> DIGIT_BITS;
            t0[k] = t1[k] + LO52(pa1) + LO52(pm1) + HI52(pa0) + HI52(pm0) + carry;
            t1[k] = v2 + LO52(pa2) + LO52(pm2) + HI52(pa1) + HI52(pm1);
            for (size_t v = 0; v < NV; v++) {
                lo[k][v] = _mm512_madd52lo_epu64(lo[k][v], A[k][v], B);
                lo[k][v] = _mm512_madd52lo_epu64(lo[k][v], M[k][v], Y);
            }
            /* Shift both accumulators down one digit; lanes 0 and 1 are not read. */
            for (size_t v = 0; v + 1 < NV; v++) {
                lo[k][v] = _mm512_alignr_epi64(lo[k][v + 1], lo[k][v], 1);
                hi[k][v] = _mm512_alignr_epi64(hi[k][v + 1], hi[k][v], 1);
            }
            lo[k][NV - 1] = _mm512_alignr_epi64(zero, lo[k][NV - 1], 1);
            hi[k][NV - 1] = _mm512_alignr_epi64(zero, hi[k][NV - 1], 1);
            for (size_t v = 0; v < NV; v++) {
                hi[k][v] = _mm512_madd52hi_epu64(hi[k][v], A[k][v], B);
                hi[k][v] = _mm512_madd52hi_epu64(hi[k][v], M[k][v], Y);
            }
        }
    }
    for (size_t k = 0; k < K; k++) {
        uint64_t t[MAX_DIGITS];
        for (size_t v = 0; v < NV; v++)
            _mm512_storeu_si512((void *)(t + 8 * v), _mm512_add_epi64(lo[k][v], hi[k][v]));
        t[0] = t0[k];
        t[1] = t1[k];
        uint64_t c = 0;
        for (size_t j = 0; j < D; j++) {
            uint64_t s = t[j] + c;
            r[k][j] = s & DIGIT_MASK;
            c = s >> DIGIT_BITS;
        }
        /* c is 0 here: the result is below 2m < 2^(52 D). */
    }
}

IFMA_INLINE void amm(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, uint64_t k0,
                     const size_t D)
{
    uint64_t *rr[1] = {r};
    const uint64_t *aa[1] = {a}, *bb[1] = {b}, *mm[1] = {m};
    amm_k(rr, aa, bb, mm, &k0, D, 1);
}

/* One modulus' exponentiation state, in radix 2^52 (entries past D are zero). */
typedef struct ifma_exp {
    const mintls_bn_mont *mm;
    const uint64_t *exp;
    uint64_t k0;                            /* -m^-1 mod 2^52 */
    uint64_t m[MAX_DIGITS], r64[MAX_DIGITS]; /* m; 2^(64 n) mod m */
    uint64_t table[1u << MINTLS_BN_WINDOW][MAX_DIGITS];
    uint64_t acc[MAX_DIGITS], sel[MAX_DIGITS];
} ifma_exp;

/* Converts the modulus and base and fills the table: table[i] = base^i R'. */
IFMA_INLINE void exp_setup(ifma_exp *x, const uint64_t *base, const uint64_t *exp,
                           const mintls_bn_mont *mm, const size_t D)
{
    enum { ENTRIES = 1u << MINTLS_BN_WINDOW };
    const size_t n = mm->n;
    uint64_t conv[MAX_DIGITS], t[MAX_DIGITS], d64[MINTLS_BN_CT_MAX_LIMBS];
    memset(x, 0, sizeof(*x));
    memset(conv, 0, sizeof(conv));
    memset(t, 0, sizeof(t));
    x->mm = mm;
    x->exp = exp;
    x->k0 = mm->m0inv & DIGIT_MASK;
    to_radix52(x->m, D, mm->m, n);

    /*
     * x R64 -> x R' is one product with C = 2^(2 * 52 D - 64 n) mod m, which
     * is the 64-bit Montgomery form of 2^(104 D - 128 n) (a small power of 2).
     */
    size_t cbit = 104 * D - 128 * n;
    memset(d64, 0, sizeof(d64));
    d64[cbit / 64] = UINT64_C(1) << (cbit % 64);
    mintls_bn_mont_mul(d64, d64, mm->rr, mm);
    to_radix52(conv, D, d64, n);

    /* table[0] = 1 R' (from R64 mod m), table[1] = base R', then powers. */
    mintls_bn_from_mont(d64, mm->rr, mm); /* R64 mod m */
    to_radix52(x->r64, D, d64, n);
    amm(x->table[0], x->r64, conv, x->m, x->k0, D);
    to_radix52(t, D, base, n);
    amm(x->table[1], t, conv, x->m, x->k0, D);
    for (size_t i = 2; i < ENTRIES; i++) {
        if (i % 2 == 0)
            amm(x->table[i], x->table[i / 2], x->table[i / 2], x->m, x->k0, D);
        else
            amm(x->table[i], x->table[i - 1], x->table[1], x->m, x->k0, D);
    }
    ct_wipe(t, sizeof(t));
    ct_wipe(d64, sizeof(d64));
}

/* x->sel = table[window w of the exponent], by a full masked scan. */
IFMA_INLINE void exp_select(ifma_exp *x, size_t w, const size_t D)
{
    enum { ENTRIES = 1u << MINTLS_BN_WINDOW };
    const size_t NV = (D + 7) / 8;
    uint32_t idx = mintls_bn_exp_window(x->exp, x->mm->n, w * MINTLS_BN_WINDOW, MINTLS_BN_WINDOW);
    __m512i s[MAX_DIGITS / 8];
    for (size_t v = 0; v < NV; v++)
        s[v] = _mm512_setzero_si512();
    for (size_t i = 0; i < ENTRIES; i++) {
        /* The barrier keeps the compiler from turning the 0/1 mask into a branch. */
        uint64_t mask = ct_barrier_u64((uint64_t)0 - (uint64_t)(ct_mask_eq_u32((uint32_t)i, idx) & 1));
        __m512i vm = _mm512_set1_epi64((long long)mask);
        for (size_t v = 0; v < NV; v++)
            s[v] = _mm512_or_si512(
                s[v], _mm512_and_si512(vm, _mm512_loadu_si512((const void *)(x->table[i] + 8 * v))));
    }
    for (size_t v = 0; v < NV; v++)
        _mm512_storeu_si512((void *)(x->sel + 8 * v), s[v]);
}

/* out = acc as a 64-bit Montgomery form below m; wipes x. */
IFMA_INLINE void exp_finish(uint64_t *out, ifma_exp *x, const size_t D)
{
    const size_t n = x->mm->n;
    uint64_t w64[MINTLS_BN_CT_MAX_LIMBS + 1], d64[MINTLS_BN_CT_MAX_LIMBS];
    /* x R' -> x R64: one product with R64 mod m (below 2m), then below m. */
    amm(x->acc, x->acc, x->r64, x->m, x->k0, D);
    from_radix52(w64, n, x->acc, D);
    uint64_t borrow = mintls_bn_sub(d64, w64, x->mm->m, n);
    uint64_t keep = ct_mask_nonzero_u64(w64[n]) | ct_mask_zero_u64(borrow);
    for (size_t i = 0; i < n; i++)
        out[i] = ct_select_u64(keep, d64[i], w64[i]);
    ct_wipe(w64, sizeof(w64));
    ct_wipe(d64, sizeof(d64));
    ct_wipe(x, sizeof(*x));
}

static size_t windows_for(size_t exp_bits)
{
    size_t windows = (exp_bits + MINTLS_BN_WINDOW - 1) / MINTLS_BN_WINDOW;
    return windows == 0 ? 1 : windows;
}

/*
 * K exponentiations (K = 1 or 2) in lock step, same window schedule as
 * mintls_bn_modexp_ct: the longer exponent sets the number of windows, the
 * shorter one reads leading zero windows (1 stays 1).
 */
IFMA_INLINE void modexp_k(ifma_exp *x, const size_t windows, const size_t D, const size_t K)
{
    uint64_t *acc[2] = {x[0].acc, K > 1 ? x[1].acc : NULL};
    const uint64_t *cacc[2] = {x[0].acc, K > 1 ? x[1].acc : NULL};
    const uint64_t *sel[2] = {x[0].sel, K > 1 ? x[1].sel : NULL};
    const uint64_t *m[2] = {x[0].m, K > 1 ? x[1].m : NULL};
    uint64_t k0[2] = {x[0].k0, K > 1 ? x[1].k0 : 0};
    for (size_t w = windows; w-- > 0;) {
        for (size_t k = 0; k < K; k++)
            exp_select(&x[k], w, D);
        if (w == windows - 1) {
            for (size_t k = 0; k < K; k++)
                memcpy(x[k].acc, x[k].sel, sizeof(x[k].acc));
            continue;
        }
        for (int s = 0; s < MINTLS_BN_WINDOW; s++)
            amm_k(acc, cacc, cacc, m, k0, D, K);
        amm_k(acc, cacc, sel, m, k0, D, K);
    }
}

#define DEFINE_MODEXP(D)                                                                          \
    static IFMA void modexp1_##D(uint64_t *out, const uint64_t *base, const uint64_t *exp,        \
                                 size_t exp_bits, const mintls_bn_mont *m)                        \
    {                                                                                             \
        ifma_exp x[1];                                                                            \
        exp_setup(&x[0], base, exp, m, D);                                                        \
        modexp_k(x, windows_for(exp_bits), D, 1);                                                 \
        exp_finish(out, &x[0], D);                                                                \
    }                                                                                             \
    static IFMA void modexp2_##D(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1,     \
                                 size_t bits1, const mintls_bn_mont *m1, uint64_t *out2,          \
                                 const uint64_t *base2, const uint64_t *exp2, size_t bits2,       \
                                 const mintls_bn_mont *m2)                                        \
    {                                                                                             \
        ifma_exp x[2];                                                                            \
        exp_setup(&x[0], base1, exp1, m1, D);                                                     \
        exp_setup(&x[1], base2, exp2, m2, D);                                                     \
        modexp_k(x, windows_for(bits1 > bits2 ? bits1 : bits2), D, 2);                            \
        exp_finish(out1, &x[0], D);                                                               \
        exp_finish(out2, &x[1], D);                                                               \
    }

DEFINE_MODEXP(20)
DEFINE_MODEXP(40)

int mintls_bn_modexp_ct_ifma(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                             size_t exp_bits, const mintls_bn_mont *m)
{
    if (!mintls_bn_ifma_supports(m->n) || exp_bits > 64 * m->n)
        return 0;
    if (m->n == 16)
        modexp1_20(out, base, exp, exp_bits, m);
    else
        modexp1_40(out, base, exp, exp_bits, m);
    return 1;
}

int mintls_bn_modexp_ct_ifma2(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1,
                              size_t bits1, const mintls_bn_mont *m1, uint64_t *out2,
                              const uint64_t *base2, const uint64_t *exp2, size_t bits2,
                              const mintls_bn_mont *m2)
{
    if (!mintls_bn_ifma_supports(m1->n) || m1->n != m2->n || bits1 > 64 * m1->n || bits2 > 64 * m2->n)
        return 0;
    if (m1->n == 16)
        modexp2_20(out1, base1, exp1, bits1, m1, out2, base2, exp2, bits2, m2);
    else
        modexp2_40(out1, base1, exp1, bits1, m1, out2, base2, exp2, bits2, m2);
    return 1;
}

#else

int mintls_bn_modexp_ct_ifma(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                             size_t exp_bits, const mintls_bn_mont *m)
{
    (void)out, (void)base, (void)exp, (void)exp_bits, (void)m;
    return 0;
}

int mintls_bn_modexp_ct_ifma2(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1,
                              size_t bits1, const mintls_bn_mont *m1, uint64_t *out2,
                              const uint64_t *base2, const uint64_t *exp2, size_t bits2,
                              const mintls_bn_mont *m2)
{
    (void)out1, (void)base1, (void)exp1, (void)bits1, (void)m1;
    (void)out2, (void)base2, (void)exp2, (void)bits2, (void)m2;
    return 0;
}

#endif
