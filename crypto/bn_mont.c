/*
 * Montgomery multiplication and squaring by product scanning (Comba) with
 * the reduction interleaved column by column, then one masked subtraction
 * of m, so time depends on the limb count only. Two builds of the same
 * code: portable (64x64->128 through unsigned __int128) and a BMI2/ADX build
 * (target attribute) where the compiler emits mulx; the dispatcher picks
 * one from mintls_cpu_caps(). gcc turns two-chain _addcarryx_u64 code into
 * flag spills (slower than this), so the adcx/adox form is not used.
 *
 * The common RSA sizes (16, 24, 32 limbs: the CRT halves of 2048, 3072 and
 * 4096-bit keys) get copies with constant bounds; others use generic loops.
 */
#include <string.h>

#include "internal/bn.h"
#include "internal/cpu.h"
#include "internal/ct.h"

typedef unsigned __int128 u128;

#define INLINE static inline __attribute__((always_inline))

/* r = x - m if x (with extra top bit hi) >= m, else x; masked, no branch. */
INLINE void final_sub(uint64_t *r, const uint64_t *x, uint64_t hi, const uint64_t *m, size_t n)
{
    uint64_t d[MINTLS_BN_MAX_LIMBS];
    uint64_t borrow = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)x[i] - m[i] - borrow;
        d[i] = (uint64_t)t;
        borrow = (uint64_t)(t >> 64) & 1;
    }
    /* Keep the difference when there was a top bit or no borrow. */
    uint64_t keep = ct_mask_nonzero_u64(hi) | ct_mask_zero_u64(borrow);
    for (size_t i = 0; i < n; i++)
        r[i] = ct_select_u64(keep, d[i], x[i]);
}

/* ---- portable ---- */

static void redc_portable(uint64_t *r, uint64_t *t, const uint64_t *m, uint64_t m0inv, size_t n)
{
    uint64_t top = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t q = t[i] * m0inv, carry = 0;
        for (size_t j = 0; j < n; j++) {
            u128 p = (u128)q * m[j] + t[i + j] + carry;
            t[i + j] = (uint64_t)p;
            carry = (uint64_t)(p >> 64);
        }
        u128 s = (u128)t[i + n] + carry + top;
        t[i + n] = (uint64_t)s;
        top = (uint64_t)(s >> 64);
    }
    final_sub(r, t + n, top, m, n);
}

/* ---- product scanning (Comba) with interleaved reduction ----
 *
 * Column k of the result gathers every a[i] b[k-i] and q[j] m[k-j] into a
 * three-limb accumulator; in the low columns q[k] is chosen so that column
 * k becomes zero (the Montgomery step). Only add/adc chains depend on each
 * other, the multiplications are independent, which suits both the plain
 * 64x64 multiply and mulx (the same code compiled for BMI2/ADX).
 */
#define MAC(x, y)                                       \
    do {                                                \
        u128 p_ = (u128)(x) * (y);                      \
        acc += p_;                                      \
        c2 += acc < p_;                                 \
    } while (0)

INLINE void comba_mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                           uint64_t m0inv, size_t n)
{
    uint64_t q[MINTLS_BN_MAX_LIMBS], out[MINTLS_BN_MAX_LIMBS];
    u128 acc = 0;
    uint64_t c2 = 0;
    for (size_t k = 0; k < n; k++) {
        _Pragma("GCC unroll 8")
        for (size_t i = 0; i <= k; i++)
            MAC(a[i], b[k - i]);
        _Pragma("GCC unroll 8")
        for (size_t j = 0; j < k; j++)
            MAC(q[j], m[k - j]);
        q[k] = (uint64_t)acc * m0inv;
        MAC(q[k], m[0]);
        acc = (acc >> 64) | ((u128)c2 << 64);
        c2 = 0;
    }
    for (size_t k = n; k < 2 * n - 1; k++) {
        _Pragma("GCC unroll 8")
        for (size_t i = k - n + 1; i < n; i++) {
            MAC(a[i], b[k - i]);
            MAC(q[i], m[k - i]);
        }
        out[k - n] = (uint64_t)acc;
        acc = (acc >> 64) | ((u128)c2 << 64);
        c2 = 0;
    }
    out[n - 1] = (uint64_t)acc;
    final_sub(r, out, (uint64_t)(acc >> 64), m, n);
}

INLINE void comba_mont_sqr(uint64_t *r, const uint64_t *a, const uint64_t *m, uint64_t m0inv, size_t n)
{
    uint64_t q[MINTLS_BN_MAX_LIMBS], out[MINTLS_BN_MAX_LIMBS];
    u128 acc = 0;
    uint64_t c2 = 0;
    for (size_t k = 0; k < 2 * n - 1; k++) {
        size_t lo = k < n ? 0 : k - n + 1;
        /* Cross products a[i] a[k-i], i < k-i, once each, then doubled. */
        u128 cross = 0;
        uint64_t x2 = 0;
        _Pragma("GCC unroll 8")
        for (size_t i = lo; i < k - i; i++) {
            u128 p_ = (u128)a[i] * a[k - i];
            cross += p_;
            x2 += cross < p_;
        }
        x2 = (x2 << 1) | (uint64_t)(cross >> 127);
        cross <<= 1;
        acc += cross;
        c2 += x2 + (acc < cross);
        if ((k & 1) == 0)
            MAC(a[k / 2], a[k / 2]);
        if (k < n) {
            _Pragma("GCC unroll 8")
            for (size_t j = 0; j < k; j++)
                MAC(q[j], m[k - j]);
            q[k] = (uint64_t)acc * m0inv;
            MAC(q[k], m[0]);
        } else {
            _Pragma("GCC unroll 8")
            for (size_t j = k - n + 1; j < n; j++)
                MAC(q[j], m[k - j]);
            out[k - n] = (uint64_t)acc;
        }
        acc = (acc >> 64) | ((u128)c2 << 64);
        c2 = 0;
    }
    out[n - 1] = (uint64_t)acc;
    final_sub(r, out, (uint64_t)(acc >> 64), m, n);
}

/* ---- fully unrolled kernels for 16 and 32 limbs (generated) ----
 *
 * The same column order as above with every index a constant, so the
 * accumulator (a0, a1, a2) and the operands stay in registers and no loop
 * bookkeeping remains. Squaring sums each column's cross products once in
 * (c0, c1, c2) and doubles them. Only the limb count steers anything.
 */
#define KERNEL INLINE
#undef MAC
#define MAC(x, y)                                                \
    do {                                                         \
        u128 p_ = (u128)(x) * (y);                               \
        u128 s_ = (((u128)a1 << 64) | a0) + p_;                  \
        a2 += s_ < p_;                                           \
        a0 = (uint64_t)s_;                                       \
        a1 = (uint64_t)(s_ >> 64);                               \
    } while (0)
#define CMAC(x, y)                                               \
    do {                                                         \
        u128 p_ = (u128)(x) * (y);                               \
        u128 s_ = (((u128)c1 << 64) | c0) + p_;                  \
        c2 += s_ < p_;                                           \
        c0 = (uint64_t)s_;                                       \
        c1 = (uint64_t)(s_ >> 64);                               \
    } while (0)
#define DBL_ADD()                                                \
    do {                                                         \
        c2 = (c2 << 1) | (c1 >> 63);                             \
        c1 = (c1 << 1) | (c0 >> 63);                             \
        c0 <<= 1;                                                \
        u128 x_ = ((u128)c1 << 64) | c0;                         \
        u128 s_ = (((u128)a1 << 64) | a0) + x_;                  \
        a2 += c2 + (s_ < x_);                                    \
        a0 = (uint64_t)s_;                                       \
        a1 = (uint64_t)(s_ >> 64);                               \
    } while (0)
#define SHIFT()      \
    do {             \
        a0 = a1;     \
        a1 = a2;     \
        a2 = 0;      \
    } while (0)
#define FINAL_SUB(r, x, hi, m, N) final_sub((r), (x), (hi), (m), (N))

#include "internal/bn_mont_kernels.h"

#undef MAC
#undef CMAC
#undef DBL_ADD
#undef SHIFT
#undef FINAL_SUB

#if defined(__x86_64__)
#define ADX __attribute__((target("bmi2,adx")))
#endif

/* ---- size specializations and entry points ---- */

#define SPECIALIZE(ATTR, SUFFIX, N)                                                               \
    ATTR static void mm_##SUFFIX##_##N(uint64_t *r, const uint64_t *a, const uint64_t *b,        \
                                       const mintls_bn_mont *m)                                   \
    {                                                                                             \
        comba_mont_mul(r, a, b, m->m, m->m0inv, N);                                               \
    }                                                                                             \
    ATTR static void ms_##SUFFIX##_##N(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)   \
    {                                                                                             \
        comba_mont_sqr(r, a, m->m, m->m0inv, N);                                                  \
    }

#define SPECIALIZE_UNROLLED(ATTR, SUFFIX, N)                                                      \
    ATTR static void mm_##SUFFIX##_##N(uint64_t *r, const uint64_t *a, const uint64_t *b,        \
                                       const mintls_bn_mont *m)                                   \
    {                                                                                             \
        mont_mul_##N(r, a, b, m->m, m->m0inv);                                                    \
    }                                                                                             \
    ATTR static void ms_##SUFFIX##_##N(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)   \
    {                                                                                             \
        mont_sqr_##N(r, a, m->m, m->m0inv);                                                       \
    }

#define SPECIALIZE_ALL(ATTR, SUFFIX)                                                              \
    SPECIALIZE_UNROLLED(ATTR, SUFFIX, 16)                                                         \
    SPECIALIZE(ATTR, SUFFIX, 24)                                                                  \
    SPECIALIZE_UNROLLED(ATTR, SUFFIX, 32)                                                                  \
    ATTR void mintls_bn_mont_mul_##SUFFIX(uint64_t *r, const uint64_t *a, const uint64_t *b,      \
                                          const mintls_bn_mont *m)                                \
    {                                                                                             \
        switch (m->n) {                                                                           \
        case 16: mm_##SUFFIX##_16(r, a, b, m); break;                                             \
        case 24: mm_##SUFFIX##_24(r, a, b, m); break;                                             \
        case 32: mm_##SUFFIX##_32(r, a, b, m); break;                                             \
        default: comba_mont_mul(r, a, b, m->m, m->m0inv, m->n);                                   \
        }                                                                                         \
    }                                                                                             \
    ATTR void mintls_bn_mont_sqr_##SUFFIX(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m) \
    {                                                                                             \
        switch (m->n) {                                                                           \
        case 16: ms_##SUFFIX##_16(r, a, m); break;                                                \
        case 24: ms_##SUFFIX##_24(r, a, m); break;                                                \
        case 32: ms_##SUFFIX##_32(r, a, m); break;                                                \
        default: comba_mont_sqr(r, a, m->m, m->m0inv, m->n);                                      \
        }                                                                                         \
    }

SPECIALIZE_ALL(, portable)

#if defined(__x86_64__)
SPECIALIZE_ALL(ADX, adx)
#else
void mintls_bn_mont_mul_adx(uint64_t *r, const uint64_t *a, const uint64_t *b, const mintls_bn_mont *m)
{
    mintls_bn_mont_mul_portable(r, a, b, m);
}

void mintls_bn_mont_sqr_adx(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)
{
    mintls_bn_mont_sqr_portable(r, a, m);
}
#endif

int mintls_bn_mont_uses_adx(void)
{
#if defined(__x86_64__)
    return mintls_cpu_has(MINTLS_CPU_BMI2 | MINTLS_CPU_ADX);
#else
    return 0;
#endif
}

void mintls_bn_mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const mintls_bn_mont *m)
{
    if (mintls_bn_mont_uses_adx())
        mintls_bn_mont_mul_adx(r, a, b, m);
    else
        mintls_bn_mont_mul_portable(r, a, b, m);
}

void mintls_bn_mont_sqr(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)
{
    if (mintls_bn_mont_uses_adx())
        mintls_bn_mont_sqr_adx(r, a, m);
    else
        mintls_bn_mont_sqr_portable(r, a, m);
}

/* Word-by-word reduction of a double-width value; used outside the hot loops. */
void mintls_bn_mont_reduce(uint64_t *r, uint64_t *t, const mintls_bn_mont *m)
{
    redc_portable(r, t, m->m, m->m0inv, m->n);
}
