/*
 * Arithmetic modulo the P-256 group order n, for ECDSA. Montgomery
 * multiplication (R = 2^256, word-by-word) and inversion by Fermat's little
 * theorem, so that the secret nonce is never an input to a branch.
 * Only a handful of these operations run per signature: clarity over speed.
 */
#include "internal/ct.h"
#include "internal/p256.h"

typedef unsigned __int128 u128;

const uint64_t mintls_p256_order[4] = {0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
                                0xffffffffffffffffULL, 0xffffffff00000000ULL};
#define N mintls_p256_order
/* -n^-1 mod 2^64 */
static const uint64_t N0INV = 0xccd1c8aaee00bc4fULL;
/* R^2 mod n */
static const uint64_t RRN[4] = {0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL,
                                0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL};

/* x - n when x (with top word x4) >= n, else x; masks only. */
static void cond_sub_n(p256_sc out, const uint64_t x[4], uint64_t x4)
{
    uint64_t r[4], b = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128)x[i] - N[i] - b;
        r[i] = (uint64_t)d;
        b = (uint64_t)(d >> 64) & 1;
    }
    uint64_t keep = ct_mask_nonzero_u64(b & ~x4 & 1);
    for (int i = 0; i < 4; i++)
        out[i] = ct_select_u64(keep, x[i], r[i]);
}

uint64_t mintls_p256_sc_from_bytes(p256_sc out, const uint8_t in[32])
{
    for (int i = 0; i < 4; i++) {
        uint64_t w = 0;
        for (int j = 0; j < 8; j++)
            w = (w << 8) | in[(3 - i) * 8 + j];
        out[i] = w;
    }
    uint64_t b = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128)out[i] - N[i] - b;
        b = (uint64_t)(d >> 64) & 1;
    }
    return (uint64_t)0 - b;
}

void mintls_p256_sc_to_bytes(uint8_t out[32], const p256_sc a)
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            out[(3 - i) * 8 + j] = (uint8_t)(a[i] >> (56 - 8 * j));
}

void mintls_p256_sc_reduce_once(p256_sc out, const p256_sc a)
{
    cond_sub_n(out, a, 0);
}

void mintls_p256_sc_add(p256_sc out, const p256_sc a, const p256_sc b)
{
    uint64_t t[4], c = 0;
    for (int i = 0; i < 4; i++) {
        u128 x = (u128)a[i] + b[i] + c;
        t[i] = (uint64_t)x;
        c = (uint64_t)(x >> 64);
    }
    cond_sub_n(out, t, c);
}

uint64_t mintls_p256_sc_is_zero(const p256_sc a)
{
    return ct_mask_zero_u64(a[0] | a[1] | a[2] | a[3]);
}

/* CIOS Montgomery multiplication: a * b / 2^256 mod n. */
void mintls_p256_sc_mont_mul(p256_sc out, const p256_sc a, const p256_sc b)
{
    uint64_t t[6] = {0};
#pragma GCC unroll 4
    for (int i = 0; i < 4; i++) {
        uint64_t c = 0;
#pragma GCC unroll 4
        for (int j = 0; j < 4; j++) {
            u128 x = (u128)a[j] * b[i] + t[j] + c;
            t[j] = (uint64_t)x;
            c = (uint64_t)(x >> 64);
        }
        u128 x = (u128)t[4] + c;
        t[4] = (uint64_t)x;
        t[5] = (uint64_t)(x >> 64);
        uint64_t m = t[0] * N0INV;
        x = (u128)m * N[0] + t[0];
        c = (uint64_t)(x >> 64);
#pragma GCC unroll 3
        for (int j = 1; j < 4; j++) {
            x = (u128)m * N[j] + t[j] + c;
            t[j - 1] = (uint64_t)x;
            c = (uint64_t)(x >> 64);
        }
        x = (u128)t[4] + c;
        t[3] = (uint64_t)x;
        t[4] = t[5] + (uint64_t)(x >> 64);
    }
    cond_sub_n(out, t, t[4]);
}

void mintls_p256_sc_to_mont(p256_sc out, const p256_sc a)
{
    mintls_p256_sc_mont_mul(out, a, RRN);
}

void mintls_p256_sc_from_mont(p256_sc out, const p256_sc a)
{
    static const p256_sc one = {1, 0, 0, 0};
    mintls_p256_sc_mont_mul(out, a, one);
}

/*
 * a^(n-2) with a fixed 4-bit window. The exponent is public, so indexing the
 * table by its nibbles reveals nothing; every step squares four times and
 * multiplies once whatever the base.
 */
void mintls_p256_sc_inv_mont(p256_sc out, const p256_sc a)
{
    static const uint64_t E[4] = {0xf3b9cac2fc63254fULL, 0xbce6faada7179e84ULL,
                                  0xffffffffffffffffULL, 0xffffffff00000000ULL};
    uint64_t tab[16][4], acc[4];
    static const p256_sc one = {1, 0, 0, 0};
    mintls_p256_sc_to_mont(tab[0], one);
    for (int i = 0; i < 4; i++)
        tab[1][i] = a[i];
    for (int i = 2; i < 16; i++)
        mintls_p256_sc_mont_mul(tab[i], tab[i - 1], a);
    for (int i = 0; i < 4; i++)
        acc[i] = tab[E[3] >> 60][i];
    for (int nib = 62; nib >= 0; nib--) {
        for (int k = 0; k < 4; k++)
            mintls_p256_sc_mont_mul(acc, acc, acc);
        unsigned d = (unsigned)(E[nib / 16] >> (4 * (nib % 16))) & 15;
        mintls_p256_sc_mont_mul(acc, acc, tab[d]);
    }
    for (int i = 0; i < 4; i++)
        out[i] = acc[i];
    ct_wipe(tab, sizeof(tab));
    ct_wipe(acc, sizeof(acc));
}
