/*
 * X25519 (RFC 7748 section 5): the Montgomery ladder on u-coordinates with
 * constant-time conditional swaps. Key generation goes through the Edwards
 * fixed-base table instead, since birational equivalence gives
 * u = (1 + y) / (1 - y) for the same scalar (RFC 7748 section 4.1).
 */
#include <openssl/rand.h>

#include "internal/ct.h"
#include "internal/ed25519.h"
#include "internal/fe25519.h"
#include "internal/x25519.h"

static void clamp(uint8_t e[32], const uint8_t scalar[32])
{
    for (int i = 0; i < 32; i++)
        e[i] = scalar[i];
    e[0] &= 248;
    e[31] &= 127;
    e[31] |= 64;
}

/* 1 if all 32 bytes are zero; the answer itself is public. */
static int all_zero(const uint8_t s[32])
{
    uint32_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= s[i];
    return (int)(ct_mask_zero_u32(acc) & 1);
}

/* out_shared = X25519(e, point) for an already clamped e. */
static void ladder(uint8_t out_shared[32], const uint8_t e[32], const uint8_t point[32])
{
    fe25519 x1, x2, z2, x3, z3, a, aa, b, bb, ee, c, d, da, cb;
    uint64_t swap = 0;

    /* Bit 255 of u is masked (RFC 7748 section 5); non-canonical values
     * are reduced by the arithmetic. */
    fe_frombytes(&x1, point);
    fe_1(&x2);
    fe_0(&z2);
    x3 = x1;
    fe_1(&z3);

    for (int t = 254; t >= 0; t--) {
        uint64_t bit = (uint64_t)((e[t >> 3] >> (t & 7)) & 1);
        swap ^= bit;
        fe_cswap(&x2, &x3, (uint64_t)0 - swap);
        fe_cswap(&z2, &z3, (uint64_t)0 - swap);
        swap = bit;

        fe_add(&a, &x2, &z2);
        fe_sub_lazy(&b, &x2, &z2);
        fe_add(&c, &x3, &z3);
        fe_sub_lazy(&d, &x3, &z3);
        fe_sq(&aa, &a);
        fe_sq(&bb, &b);
        fe_mul(&da, &d, &a);
        fe_mul(&cb, &c, &b);
        fe_sub_lazy(&ee, &aa, &bb);
        fe_add(&x3, &da, &cb);
        fe_sq(&x3, &x3);
        fe_sub_lazy(&z3, &da, &cb);
        fe_sq(&z3, &z3);
        fe_mul(&z3, &z3, &x1);
        fe_mul(&x2, &aa, &bb);
        fe_mul_small(&z2, &ee, 121665);
        fe_add(&z2, &z2, &aa);
        fe_mul(&z2, &z2, &ee);
    }
    fe_cswap(&x2, &x3, (uint64_t)0 - swap);
    fe_cswap(&z2, &z3, (uint64_t)0 - swap);

    fe_invert(&z2, &z2);
    fe_mul(&x2, &x2, &z2);
    fe_tobytes(out_shared, &x2);

    ct_wipe(&x2, sizeof(x2));
    ct_wipe(&z2, sizeof(z2));
    ct_wipe(&x3, sizeof(x3));
    ct_wipe(&z3, sizeof(z3));
    ct_wipe(&a, sizeof(a));
    ct_wipe(&b, sizeof(b));
    ct_wipe(&aa, sizeof(aa));
    ct_wipe(&bb, sizeof(bb));
    ct_wipe(&c, sizeof(c));
    ct_wipe(&d, sizeof(d));
    ct_wipe(&da, sizeof(da));
    ct_wipe(&cb, sizeof(cb));
    ct_wipe(&ee, sizeof(ee));
}

int mintls_x25519(uint8_t out_shared[32], const uint8_t scalar[32], const uint8_t point[32])
{
    uint8_t e[32];
    clamp(e, scalar);
    ladder(out_shared, e, point);
    ct_wipe(e, sizeof(e));
    return !all_zero(out_shared);
}

void mintls_x25519_public_from_private(uint8_t out_public[32], const uint8_t priv[32])
{
    uint8_t e[32];
    fe25519 x, y, z, num, den;

    clamp(e, priv);
    mintls_ed25519_scalarmult_base(&x, &y, &z, e);
    /* u = (1 + y) / (1 - y) = (Z + Y) / (Z - Y) */
    fe_add(&num, &z, &y);
    fe_sub(&den, &z, &y);
    fe_invert(&den, &den);
    fe_mul(&num, &num, &den);
    fe_tobytes(out_public, &num);

    ct_wipe(e, sizeof(e));
    ct_wipe(&x, sizeof(x));
    ct_wipe(&y, sizeof(y));
    ct_wipe(&z, sizeof(z));
    ct_wipe(&num, sizeof(num));
    ct_wipe(&den, sizeof(den));
}

int mintls_x25519_keygen(uint8_t out_public[32], uint8_t out_private[32])
{
    if (RAND_bytes(out_private, 32) != 1)
        return 0;
    mintls_x25519_public_from_private(out_public, out_private);
    return 1;
}
