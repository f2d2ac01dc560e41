/*
 * Bignum helpers: byte import/export, add/sub/compare, the Montgomery set-up
 * (m0inv and R^2 mod m), reduction of double-width values and a
 * constant-time modular inverse. Moduli here may be secret (the RSA primes),
 * so nothing but the limb count steers a branch or an index.
 */
#include <string.h>

#include "internal/bn.h"
#include "internal/ct.h"

typedef unsigned __int128 u128;

int mintls_bn_from_be(uint64_t *out, size_t n, const uint8_t *in, size_t len)
{
    /* Leading bytes beyond n limbs must be zero; checking them is public-length work. */
    uint64_t extra = 0;
    for (size_t i = 0; i < n; i++)
        out[i] = 0;
    for (size_t i = 0; i < len; i++) {
        size_t pos = len - 1 - i; /* byte significance */
        if (pos / 8 < n)
            out[pos / 8] |= (uint64_t)in[i] << (8 * (pos % 8));
        else
            extra |= in[i];
    }
    return extra == 0;
}

void mintls_bn_to_be(uint8_t *out, size_t len, const uint64_t *a, size_t n)
{
    for (size_t i = 0; i < len; i++) {
        size_t pos = len - 1 - i;
        out[i] = pos / 8 < n ? (uint8_t)(a[pos / 8] >> (8 * (pos % 8))) : 0;
    }
}

size_t mintls_bn_bits_vartime(const uint64_t *a, size_t n)
{
    while (n > 0 && a[n - 1] == 0)
        n--;
    if (n == 0)
        return 0;
    return 64 * (n - 1) + (64 - (size_t)__builtin_clzll(a[n - 1]));
}

uint64_t mintls_bn_add(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] + b[i] + c;
        r[i] = (uint64_t)t;
        c = (uint64_t)(t >> 64);
    }
    return c;
}

uint64_t mintls_bn_sub(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] - b[i] - c;
        r[i] = (uint64_t)t;
        c = (uint64_t)(t >> 64) & 1;
    }
    return c;
}

uint64_t mintls_bn_lt_mask(const uint64_t *a, const uint64_t *b, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++) {
        u128 t = (u128)a[i] - b[i] - c;
        c = (uint64_t)(t >> 64) & 1;
    }
    return (uint64_t)0 - c;
}

void mintls_bn_mul(uint64_t *r, const uint64_t *a, const uint64_t *b, size_t n)
{
    for (size_t i = 0; i < 2 * n; i++)
        r[i] = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t c = 0;
        for (size_t j = 0; j < n; j++) {
            u128 t = (u128)a[i] * b[j] + r[i + j] + c;
            r[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        r[i + n] = c;
    }
}

/* x = 2x mod m for x < m, masked. */
static void mod_double(uint64_t *x, const uint64_t *m, size_t n)
{
    uint64_t d[MINTLS_BN_MAX_LIMBS];
    uint64_t top = mintls_bn_add(x, x, x, n);
    uint64_t borrow = mintls_bn_sub(d, x, m, n);
    uint64_t keep = ct_mask_nonzero_u64(top) | ct_mask_zero_u64(borrow);
    for (size_t i = 0; i < n; i++)
        x[i] = ct_select_u64(keep, d[i], x[i]);
    ct_wipe(d, sizeof(d));
}

int mintls_bn_mont_init(mintls_bn_mont *m, const uint64_t *mod, size_t n)
{
    if (n == 0 || n > MINTLS_BN_MAX_LIMBS || (mod[0] & 1) == 0)
        return 0;
    m->n = n;
    memcpy(m->m, mod, n * sizeof(uint64_t));
    /* Newton iteration for m^-1 mod 2^64: each step doubles the correct bits. */
    uint64_t inv = mod[0]; /* correct to 3 bits for odd m */
    for (int i = 0; i < 5; i++)
        inv *= 2 - mod[0] * inv;
    m->m0inv = (uint64_t)0 - inv;

    /*
     * R^2 mod m: start from the largest power of two below m (the modulus is
     * public, so its bit length may steer the work), double up to
     * R * 2^t mod m (t the odd part of n), then s Montgomery squarings, each
     * doubling the exponent of 2, reach R * 2^(64n) with t * 2^s = 64n. For
     * the usual full-length moduli that is 1 + t doublings, not 64n.
     */
    size_t t = n, s = 6;
    while ((t & 1) == 0) {
        t >>= 1;
        s++;
    }
    size_t top = n;
    while (top > 0 && mod[top - 1] == 0)
        top--;
    size_t bits = 64 * (top - 1);
    for (uint64_t v = mod[top - 1]; v != 0; v >>= 1)
        bits++;
    uint64_t *x = m->rr;
    memset(x, 0, sizeof(m->rr));
    if (bits > 1) /* m == 1: everything is 0 */
        x[(bits - 1) / 64] = (uint64_t)1 << ((bits - 1) % 64);
    for (size_t i = 0; i < 64 * n - (bits - 1) + t; i++)
        mod_double(x, m->m, n);
    for (size_t i = 0; i < s; i++)
        mintls_bn_mont_sqr(x, x, m);
    return 1;
}

void mintls_bn_to_mont(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)
{
    mintls_bn_mont_mul(r, a, m->rr, m);
}

void mintls_bn_from_mont(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)
{
    uint64_t t[2 * MINTLS_BN_MAX_LIMBS];
    memcpy(t, a, m->n * sizeof(uint64_t));
    memset(t + m->n, 0, m->n * sizeof(uint64_t));
    mintls_bn_mont_reduce(r, t, m);
    ct_wipe(t, sizeof(t));
}

void mintls_bn_mod_wide(uint64_t *r, const uint64_t *a, const mintls_bn_mont *m)
{
    /* (a / R) * R^2 / R = a mod m. */
    uint64_t t[2 * MINTLS_BN_MAX_LIMBS];
    memcpy(t, a, 2 * m->n * sizeof(uint64_t));
    mintls_bn_mont_reduce(r, t, m);
    mintls_bn_mont_mul(r, r, m->rr, m);
    ct_wipe(t, sizeof(t));
}

static void cond_copy64(uint64_t *dst, const uint64_t *src, size_t n, uint64_t mask)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = ct_select_u64(mask, src[i], dst[i]);
}

/*
 * Binary extended Euclid with a fixed iteration count. Invariants (mod m):
 * a = u x, b = v x. Each step makes a even (subtracting the smaller of a, b
 * from the larger, after a masked swap) and halves it, so the product a*b
 * at least halves; after bits(x) + bits(m) <= 128 n steps a = 0 and
 * b = gcd(x, m), and v = x^-1 when that gcd is 1.
 */
uint64_t mintls_bn_mod_inverse(uint64_t *r, const uint64_t *x, const mintls_bn_mont *m)
{
    size_t n = m->n;
    uint64_t a[MINTLS_BN_MAX_LIMBS], b[MINTLS_BN_MAX_LIMBS], u[MINTLS_BN_MAX_LIMBS],
        v[MINTLS_BN_MAX_LIMBS], t[MINTLS_BN_MAX_LIMBS];
    memcpy(a, x, n * sizeof(uint64_t));
    memcpy(b, m->m, n * sizeof(uint64_t));
    memset(u, 0, n * sizeof(uint64_t));
    memset(v, 0, n * sizeof(uint64_t));
    u[0] = 1;
    for (size_t it = 0; it < 128 * n; it++) {
        uint64_t odd = (uint64_t)0 - (a[0] & 1);
        uint64_t swap = odd & mintls_bn_lt_mask(a, b, n);
        ct_cond_swap_u64(a, b, n, swap);
        ct_cond_swap_u64(u, v, n, swap);
        /* a -= b and u -= v (mod m) when a was odd. */
        mintls_bn_sub(t, a, b, n);
        cond_copy64(a, t, n, odd);
        uint64_t borrow = mintls_bn_sub(t, u, v, n);
        uint64_t addm = (uint64_t)0 - borrow;
        uint64_t c = 0;
        for (size_t i = 0; i < n; i++) {
            u128 s = (u128)t[i] + (m->m[i] & addm) + c;
            t[i] = (uint64_t)s;
            c = (uint64_t)(s >> 64);
        }
        cond_copy64(u, t, n, odd);
        /* a /= 2; u /= 2 mod m (add m first when u is odd; u + m < 2^(64n+1)). */
        for (size_t i = 0; i + 1 < n; i++)
            a[i] = (a[i] >> 1) | (a[i + 1] << 63);
        a[n - 1] >>= 1;
        uint64_t uodd = (uint64_t)0 - (u[0] & 1);
        c = 0;
        for (size_t i = 0; i < n; i++) {
            u128 s = (u128)u[i] + (m->m[i] & uodd) + c;
            u[i] = (uint64_t)s;
            c = (uint64_t)(s >> 64);
        }
        for (size_t i = 0; i + 1 < n; i++)
            u[i] = (u[i] >> 1) | (u[i + 1] << 63);
        u[n - 1] = (u[n - 1] >> 1) | (c << 63);
    }
    /* Success iff b == 1. */
    uint64_t diff = b[0] ^ 1;
    for (size_t i = 1; i < n; i++)
        diff |= b[i];
    memcpy(r, v, n * sizeof(uint64_t));
    ct_wipe(a, sizeof(a));
    ct_wipe(b, sizeof(b));
    ct_wipe(u, sizeof(u));
    ct_wipe(v, sizeof(v));
    ct_wipe(t, sizeof(t));
    return ct_mask_zero_u64(diff);
}
