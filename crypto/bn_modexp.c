/*
 * Modular exponentiation in the Montgomery domain.
 *
 * mintls_bn_modexp_ct: fixed 5-bit windows from the top of a public exponent
 * width. Per window: five squarings, one full masked scan of the 32-entry
 * table, one multiplication (also when the window is zero, multiplying by
 * the table's 1), so the sequence of operations and every memory address
 * depend only on exp_bits and the limb count.
 *
 * With AVX-512 IFMA, 16- and 32-limb moduli go to bn_mont_ifma.c instead
 * (same schedule in radix 2^52).
 *
 * mintls_bn_modexp_public: left-to-right square-and-multiply for public
 * exponents (e = 65537: 16 squarings, 1 multiplication).
 */
#include <string.h>

#include "internal/bn.h"
#include "internal/ct.h"

typedef void (*mul_fn)(uint64_t *, const uint64_t *, const uint64_t *, const mintls_bn_mont *);
typedef void (*sqr_fn)(uint64_t *, const uint64_t *, const mintls_bn_mont *);

int mintls_bn_modexp_ct(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                        size_t exp_bits, const mintls_bn_mont *m, mintls_bn_modexp_ws *ws)
{
    if (mintls_bn_ifma_supports(m->n))
        return mintls_bn_modexp_ct_ifma(out, base, exp, exp_bits, m);
    return mintls_bn_modexp_ct_words(out, base, exp, exp_bits, m, ws);
}

int mintls_bn_modexp_ct2(uint64_t *out1, const uint64_t *base1, const uint64_t *exp1, size_t bits1,
                         const mintls_bn_mont *m1, uint64_t *out2, const uint64_t *base2,
                         const uint64_t *exp2, size_t bits2, const mintls_bn_mont *m2,
                         mintls_bn_modexp_ws *ws)
{
    if (m1->n == m2->n && mintls_bn_ifma_supports(m1->n))
        return mintls_bn_modexp_ct_ifma2(out1, base1, exp1, bits1, m1, out2, base2, exp2, bits2, m2);
    int ok = mintls_bn_modexp_ct(out1, base1, exp1, bits1, m1, ws);
    ok &= mintls_bn_modexp_ct(out2, base2, exp2, bits2, m2, ws);
    return ok;
}

int mintls_bn_modexp_ct_words(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                              size_t exp_bits, const mintls_bn_mont *m, mintls_bn_modexp_ws *ws)
{
    size_t n = m->n;
    if (n > MINTLS_BN_CT_MAX_LIMBS || exp_bits > 64 * n)
        return 0;
    int adx = mintls_bn_mont_uses_adx();
    mul_fn mul = adx ? mintls_bn_mont_mul_adx : mintls_bn_mont_mul_portable;
    sqr_fn sqr = adx ? mintls_bn_mont_sqr_adx : mintls_bn_mont_sqr_portable;
    const size_t entries = (size_t)1 << MINTLS_BN_WINDOW;

    /* table[i] = base^i; table[0] = R mod m, the Montgomery form of 1. */
    mintls_bn_from_mont(ws->table[0], m->rr, m);
    memcpy(ws->table[1], base, n * sizeof(uint64_t));
    for (size_t i = 2; i < entries; i++) {
        if (i % 2 == 0)
            sqr(ws->table[i], ws->table[i / 2], m);
        else
            mul(ws->table[i], ws->table[i - 1], base, m);
    }

    size_t windows = (exp_bits + MINTLS_BN_WINDOW - 1) / MINTLS_BN_WINDOW;
    if (windows == 0)
        windows = 1;
    for (size_t w = windows; w-- > 0;) {
        uint32_t idx = mintls_bn_exp_window(exp, n, w * MINTLS_BN_WINDOW, MINTLS_BN_WINDOW);
        /* Masked scan: every entry is read whatever idx is. */
        memset(ws->sel, 0, n * sizeof(uint64_t));
        for (size_t i = 0; i < entries; i++) {
            /* The barrier keeps the compiler from turning the 0/1 mask into a branch. */
            uint64_t mask = ct_barrier_u64((uint64_t)0 - (uint64_t)(ct_mask_eq_u32((uint32_t)i, idx) & 1));
            for (size_t j = 0; j < n; j++)
                ws->sel[j] |= ws->table[i][j] & mask;
        }
        if (w == windows - 1) {
            memcpy(ws->acc, ws->sel, n * sizeof(uint64_t));
            continue;
        }
        for (int s = 0; s < MINTLS_BN_WINDOW; s++)
            sqr(ws->acc, ws->acc, m);
        mul(ws->acc, ws->acc, ws->sel, m);
    }
    memcpy(out, ws->acc, n * sizeof(uint64_t));
    ct_wipe(ws, sizeof(*ws));
    return 1;
}

void mintls_bn_modexp_public(uint64_t *out, const uint64_t *base, const uint64_t *exp,
                             size_t exp_limbs, const mintls_bn_mont *m)
{
    size_t n = m->n;
    uint64_t acc[MINTLS_BN_MAX_LIMBS];
    size_t bits = mintls_bn_bits_vartime(exp, exp_limbs);
    if (bits == 0) {
        mintls_bn_from_mont(out, m->rr, m); /* base^0 = 1 */
        return;
    }
    memcpy(acc, base, n * sizeof(uint64_t));
    for (size_t i = bits - 1; i-- > 0;) {
        mintls_bn_mont_sqr(acc, acc, m);
        if ((exp[i / 64] >> (i % 64)) & 1)
            mintls_bn_mont_mul(acc, acc, base, m);
    }
    memcpy(out, acc, n * sizeof(uint64_t));
    ct_wipe(acc, sizeof(acc));
}
