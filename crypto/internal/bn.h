/*
 * Fixed-width bignums for RSA: little-endian arrays of 64-bit limbs whose
 * width is set at run time by the modulus (no malloc; every buffer has room
 * for MINTLS_BN_MAX_LIMBS). Everything that may see a secret (Montgomery
 * arithmetic, the fixed-window exponentiation, the inverse) runs in time that
 * depends only on the limb count; functions named *_vartime may branch on
 * their (public) inputs.
 */
#ifndef MINTLS_INTERNAL_BN_H
#define MINTLS_INTERNAL_BN_H

#include <stddef.h>
#include <stdint.h>

/* Largest modulus: 8192 bits. The CRT halves (and ct exponentiation) use at most half. */
#define MINTLS_BN_MAX_BITS 8192
#define MINTLS_BN_MAX_LIMBS (MINTLS_BN_MAX_BITS / 64)
#define MINTLS_BN_CT_MAX_LIMBS (MINTLS_BN_MAX_LIMBS / 2)

/* An odd modulus with its Montgomery constants, R = 2^(64 n). */
typedef struct mintls_bn_mont {
    size_t n;                          /* limbs */
    uint64_t m0inv;                    /* -m^-1 mod 2^64 */
    uint64_t m[MINTLS_BN_MAX_LIMBS];
    uint64_t rr[MINTLS_BN_MAX_LIMBS];  /* R^2 mod m */
} mintls_bn_mont;

/* ---- bn.c: helpers ---- */

/* Big-endian bytes into n limbs; 0 if the value does not fit. Time depends on len and n only. */
int mintls_bn_from_be(uint64_t *out, size_t n, const uint8_t *in, size_t len);
/* n limbs into exactly len big-endian bytes (high limbs beyond len must be zero). */
void mintls_bn_to_be(uint8_t *out, size_t len, const uint64_t *a, size_t n);
/* Bit length of a public value. */
size_t mintls_bn_bits_vartime(const uint64_t *a, size_t n);
/* r = a + b, r = a - b over n limbs; return the carry / borrow (0 or 1). r may alias. */
uint64_t mintls_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
uint64_t mintls_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);
/* All-ones if a < b, in constant time. */
uint64_t mintls_bn_lt_mask(const uint64_t *a, const uint64_t *b, size_t n);
/* r = a * b (2n limbs; r must not alias a or b). */
void mintls_bn_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n);

/* Sets up m for an odd modulus of n limbs (1..MAX). Constant time in the modulus value. */
int mintls_bn_mont_init(mintls_bn_mont *m, const uint64_t *mod, size_t n);
/* r = a * R mod m, r = a / R mod m (a < m). */
void mintls_bn_to_mont(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
void mintls_bn_from_mont(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
/* r = a mod m for a of 2n limbs with a < m * R. */
void mintls_bn_mod_wide(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
/* r = a^-1 mod m (a < m, normal form), constant time. Returns an all-ones mask on success. */
uint64_t mintls_bn_mod_inverse(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);

/* ---- bn_mont.c: Montgomery products, results fully reduced (< m) ---- */

/* r = a * b / R mod m; a, b < m; r may alias a or b. Dispatches to the mulx/adx path when present. */
void mintls_bn_mont_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, const mintls_bn_mont *m);
void mintls_bn_mont_sqr(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
/* r = t / R mod m for t of 2n limbs, t < m * R; t is overwritten. */
void mintls_bn_mont_reduce(uint64_t *r, uint64_t *t, const mintls_bn_mont *m);

/* The individual strategies, for tests and benchmarks. adx requires BMI2 and ADX. */
void mintls_bn_mont_mul_portable(uint64_t *r, const uint64_t *a, const uint64_t *b, const mintls_bn_mont *m);
void mintls_bn_mont_sqr_portable(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
void mintls_bn_mont_mul_adx(uint64_t *r, const uint64_t *a, const uint64_t *b, const mintls_bn_mont *m);
void mintls_bn_mont_sqr_adx(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m);
/* Selects the strategy for this process: 1 for adx, 0 for portable. */
int mintls_bn_mont_uses_adx(void);

/* ---- bn_modexp.c ---- */

#define MINTLS_BN_WINDOW 5

typedef struct mintls_bn_modexp_ws {
    uint64_t table[1u << MINTLS_BN_WINDOW][MINTLS_BN_CT_MAX_LIMBS];
    uint64_t acc[MINTLS_BN_CT_MAX_LIMBS], sel[MINTLS_BN_CT_MAX_LIMBS];
} mintls_bn_modexp_ws;

/*
 * out = base^exp in the Montgomery domain (base and out in Montgomery form),
 * constant time in base and exp: exp_bits (public) fixes the number of
 * windows, and each window's table entry is read with a full masked scan.
 * m->n <= MINTLS_BN_CT_MAX_LIMBS, exp has m->n limbs. ws is wiped on return (the
 * IFMA path, taken for 16 and 32 limbs when the CPU has it, keeps its own state).
 */
int mintls_bn_modexp_ct(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                        size_t exp_bits, const mintls_bn_mont *m, mintls_bn_modexp_ws *ws);

/* The 64-bit path of mintls_bn_modexp_ct (no dispatch), for tests. */
int mintls_bn_modexp_ct_words(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                              size_t exp_bits, const mintls_bn_mont *m, mintls_bn_modexp_ws *ws);

/* The w-bit window of a public position pos in e (n limbs; bits past the end read as zero). */
static inline uint32_t mintls_bn_exp_window(const uint64_t *e, size_t n, size_t pos, unsigned w)
{
    size_t li = pos / 64, sh = pos % 64;
    uint64_t v = li < n ? e[li] >> sh : 0;
    if (sh + w > 64 && li + 1 < n)
        v |= e[li + 1] << (64 - sh);
    return (uint32_t)(v & ((1u << w) - 1));
}

/* ---- bn_mont_ifma.c: AVX-512 IFMA exponentiation (radix 2^52) ---- */

/* 1 if this process may use the IFMA path for an n-limb modulus (16 or 32 limbs). */
int mintls_bn_ifma_supports(size_t n);
/* As mintls_bn_modexp_ct (same forms, same constant-time schedule); 0 if unsupported. */
int mintls_bn_modexp_ct_ifma(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                             size_t exp_bits, const mintls_bn_mont *m);

/* Two independent exponentiations (the CRT halves) in lock step, interleaved;
 * m1 and m2 must have the same limb count. 0 if unsupported. */
int mintls_bn_modexp_ct_ifma2(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1,
                              size_t bits1, const mintls_bn_mont *m1, uint64_t *out2,
                              const uint64_t *base2, const uint64_t *exp2, size_t bits2,
                              const mintls_bn_mont *m2);

/* Both exponentiations as mintls_bn_modexp_ct, through the interleaved IFMA
 * path when it applies; ws is reused (and wiped) in turn otherwise. */
int mintls_bn_modexp_ct2(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1, size_t bits1,
                         const mintls_bn_mont *m1, uint64_t *out2, const uint64_t *base2,
                         const uint64_t *exp2, size_t bits2, const mintls_bn_mont *m2,
                         mintls_bn_modexp_ws *ws);

/* out = base^exp (Montgomery form) by square-and-multiply; branches on the public exp only. */
void mintls_bn_modexp_public(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                             size_t exp_limbs, const mintls_bn_mont *m);

#endif
