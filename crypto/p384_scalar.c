/*
 * P-384 scalars mod the group order n (SEC 2 2.5.1). Montgomery form over
 * the shared 6-limb routines; inversion by Fermat (k^(n-2)), which has a
 * fixed sequence of operations and so is constant time for a secret nonce.
 */
#include "internal/p384.h"

#include <string.h>

#include "internal/ct.h"

const uint64_t mintls_p384_n[6] = {
    0xecec196accc52973ULL, 0x581a0db248b0a77aULL, 0xc7634d81f4372ddfULL,
    0xffffffffffffffffULL, 0xffffffffffffffffULL, 0xffffffffffffffffULL,
};

/* -n^-1 mod 2^64. */
#define P384_N0INV 0x6ed46089e88fdc45ULL

/* 2^768 mod n. */
static const uint64_t n_rr[6] = {
    0x2d319b2419b409a9ULL, 0xff3d81e5df1aa419ULL, 0xbc3e483afcb82947ULL,
    0xd40d49174aab1cc5ULL, 0x3fb05b7a28266895ULL, 0x0c84ee012b39bf21ULL,
};

static const uint64_t n_minus_2[6] = {
    0xecec196accc52971ULL, 0x581a0db248b0a77aULL, 0xc7634d81f4372ddfULL,
    0xffffffffffffffffULL, 0xffffffffffffffffULL, 0xffffffffffffffffULL,
};

uint64_t mintls_p384_scalar_from_bytes(uint64_t out[6], const uint8_t in[48])
{
    mintls_p384_limbs_from_be(out, in);
    uint64_t acc = 0;
    for (int j = 0; j < 6; j++)
        acc |= out[j];
    return mintls_p384_lt_mask(out, mintls_p384_n) & ct_mask_nonzero_u64(acc);
}

void mintls_p384_scalar_reduce_once(uint64_t out[6], const uint64_t a[6])
{
    /* a < 2^384 < 2n, so one conditional subtraction reduces it fully. */
    uint64_t d[6], borrow = 0;
    for (int j = 0; j < 6; j++) {
        unsigned __int128 z = (unsigned __int128)a[j] - mintls_p384_n[j] - borrow;
        d[j] = (uint64_t)z;
        borrow = (uint64_t)(z >> 64) & 1;
    }
    uint64_t keep_a = (uint64_t)0 - borrow;
    for (int j = 0; j < 6; j++)
        out[j] = ct_select_u64(keep_a, a[j], d[j]);
}

void mintls_p384_scalar_from_digest(uint64_t out[6], const uint8_t *digest, size_t len)
{
    /*
     * bits2int: the leftmost 384 bits. A shorter digest is the integer it
     * spells (left-padded); a longer one is truncated to its first 48 bytes,
     * which is exact because 384 is a multiple of 8.
     */
    uint8_t buf[48];
    memset(buf, 0, sizeof(buf));
    if (len > 48)
        len = 48;
    if (len > 0)
        memcpy(buf + 48 - len, digest, len);
    uint64_t t[6];
    mintls_p384_limbs_from_be(t, buf);
    mintls_p384_scalar_reduce_once(out, t);
}

void mintls_p384_scalar_to_mont(uint64_t out[6], const uint64_t a[6])
{
    mintls_p384_mont_mul(out, a, n_rr, mintls_p384_n, P384_N0INV);
}

void mintls_p384_scalar_from_mont(uint64_t out[6], const uint64_t a[6])
{
    static const uint64_t one[6] = {1, 0, 0, 0, 0, 0};
    mintls_p384_mont_mul(out, a, one, mintls_p384_n, P384_N0INV);
}

void mintls_p384_scalar_mul(uint64_t out[6], const uint64_t a[6], const uint64_t b[6])
{
    mintls_p384_mont_mul(out, a, b, mintls_p384_n, P384_N0INV);
}

void mintls_p384_scalar_add(uint64_t out[6], const uint64_t a[6], const uint64_t b[6])
{
    mintls_p384_mod_add(out, a, b, mintls_p384_n);
}

void mintls_p384_scalar_inv(uint64_t out[6], const uint64_t a[6])
{
    mintls_p384_mont_pow(out, a, n_minus_2, mintls_p384_n, P384_N0INV);
}
