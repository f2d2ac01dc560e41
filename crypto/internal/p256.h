/*
 * NIST P-256 (secp256r1): ECDH and ECDSA, plus the field, scalar and point
 * layers they are built from (exposed for the tests).
 *
 * Field elements and scalars are 4 little-endian 64-bit limbs in Montgomery
 * form (R = 2^256), always fully reduced. Secret scalars only ever meet
 * constant-time code; verification, whose inputs are all public, takes the
 * variable-time path.
 */
#ifndef MINTLS_INTERNAL_P256_H
#define MINTLS_INTERNAL_P256_H

#include <stddef.h>
#include <stdint.h>

#include "internal/ct.h"

/* ---- public operations (1 success, 0 failure) ---- */

/* out_pub is 0x04 || X || Y; out_priv is in [1, n-1], from RAND_bytes. */
int mintls_p256_keygen(uint8_t out_priv[32], uint8_t out_pub[65]);
int mintls_p256_public_from_private(uint8_t out_pub[65], const uint8_t priv[32]);
/* Accepts only an uncompressed peer point on the curve with coordinates < p. */
int mintls_p256_ecdh(uint8_t out_shared_x[32], const uint8_t priv[32],
                     const uint8_t *peer_pub, size_t peer_len);
/* RFC 6979 nonce (HMAC-SHA-256) hedged with 32 fresh random bytes. */
int mintls_p256_ecdsa_sign(uint8_t out_r[32], uint8_t out_s[32], const uint8_t priv[32],
                           const uint8_t *digest, size_t digest_len);
int mintls_p256_ecdsa_verify(const uint8_t r[32], const uint8_t s[32],
                             const uint8_t *digest, size_t digest_len,
                             const uint8_t *pub, size_t pub_len);
/* DER (X9.62 Ecdsa-Sig-Value) wrappers; out_der holds MINTLS_ECDSA_DER_MAX(32) = 73. */
int mintls_p256_ecdsa_sign_der(uint8_t *out_der, size_t *out_der_len, const uint8_t priv[32],
                               const uint8_t *digest, size_t digest_len);
int mintls_p256_ecdsa_verify_der(const uint8_t *der, size_t der_len,
                                 const uint8_t *digest, size_t digest_len,
                                 const uint8_t *pub, size_t pub_len);

/*
 * Sign with caller-chosen extra randomness for the RFC 6979 generator
 * (extra may be NULL/0: the pure deterministic nonce of RFC 6979, which the
 * tests use to reproduce the RFC's vectors).
 */
int mintls_p256_ecdsa_sign_extra(uint8_t out_r[32], uint8_t out_s[32], const uint8_t priv[32],
                                 const uint8_t *digest, size_t digest_len,
                                 const uint8_t *extra, size_t extra_len);
/*
 * The constant-time core of signing with an explicit nonce k (big-endian).
 * Never branches on priv or k; returns an all-ones mask when priv and k are
 * in [1, n-1] and r, s are non-zero, else 0. The result is secret-derived:
 * callers declassify it before branching.
 */
uint64_t mintls_p256_ecdsa_sign_with_nonce(uint8_t out_r[32], uint8_t out_s[32],
                                           const uint8_t priv[32], const uint8_t *digest,
                                           size_t digest_len, const uint8_t k[32]);

/* ---- field: arithmetic mod p, Montgomery form ---- */
typedef uint64_t p256_fe[4];

void mintls_p256_fe_mul(p256_fe out, const p256_fe a, const p256_fe b);
void mintls_p256_fe_sqr(p256_fe out, const p256_fe a);
void mintls_p256_fe_neg(p256_fe out, const p256_fe a);
void mintls_p256_fe_inv(p256_fe out, const p256_fe a); /* a^(p-2); 0 -> 0 */
void mintls_p256_fe_to_mont(p256_fe out, const p256_fe a);
void mintls_p256_fe_from_mont(p256_fe out, const p256_fe a);
/* Big-endian bytes <-> plain limbs; from_bytes returns 0 if the value is >= p. */
int mintls_p256_fe_from_bytes(p256_fe out, const uint8_t in[32]);
void mintls_p256_fe_to_bytes(uint8_t out[32], const p256_fe a);
uint64_t mintls_p256_fe_is_zero(const p256_fe a); /* all-ones mask if a == 0 */
/* The individual strategies, for the tests. */
void mintls_p256_fe_mul_portable(p256_fe out, const p256_fe a, const p256_fe b);
void mintls_p256_fe_sqr_portable(p256_fe out, const p256_fe a);
int mintls_p256_fe_have_mulx(void);
void mintls_p256_fe_mul_mulx(p256_fe out, const p256_fe a, const p256_fe b);
void mintls_p256_fe_sqr_mulx(p256_fe out, const p256_fe a);
extern const p256_fe mintls_p256_fe_one_mont; /* R mod p */

/* Addition and subtraction are inline: the point formulas use dozens per operation. */
/*
 * out = x - p if that does not borrow, else x, where x = (x4:x0) < 2p.
 * Written with masks: which branch is taken depends on secret data.
 */
static inline void p256_fe_cond_sub_p(p256_fe out, uint64_t x0, uint64_t x1, uint64_t x2,
                              uint64_t x3, uint64_t x4)
{
    unsigned __int128 d;
    uint64_t r[4], b;
    d = (unsigned __int128)x0 - 0xffffffffffffffffULL;
    r[0] = (uint64_t)d;
    b = (uint64_t)(d >> 64) & 1;
    d = (unsigned __int128)x1 - 0x00000000ffffffffULL - b;
    r[1] = (uint64_t)d;
    b = (uint64_t)(d >> 64) & 1;
    d = (unsigned __int128)x2 - b;
    r[2] = (uint64_t)d;
    b = (uint64_t)(d >> 64) & 1;
    d = (unsigned __int128)x3 - 0xffffffff00000001ULL - b;
    r[3] = (uint64_t)d;
    b = (uint64_t)(d >> 64) & 1;
    /* Keep x when x4:x3..x0 < p, i.e. the whole 320-bit subtraction borrows. */
    uint64_t keep = ct_mask_nonzero_u64(b & ~x4 & 1);
    out[0] = ct_select_u64(keep, x0, r[0]);
    out[1] = ct_select_u64(keep, x1, r[1]);
    out[2] = ct_select_u64(keep, x2, r[2]);
    out[3] = ct_select_u64(keep, x3, r[3]);
}

static inline void p256_fe_add(p256_fe out, const p256_fe a, const p256_fe b)
{
    unsigned __int128 x = (unsigned __int128)a[0] + b[0];
    uint64_t r0 = (uint64_t)x;
    x = (unsigned __int128)a[1] + b[1] + (uint64_t)(x >> 64);
    uint64_t r1 = (uint64_t)x;
    x = (unsigned __int128)a[2] + b[2] + (uint64_t)(x >> 64);
    uint64_t r2 = (uint64_t)x;
    x = (unsigned __int128)a[3] + b[3] + (uint64_t)(x >> 64);
    p256_fe_cond_sub_p(out, r0, r1, r2, (uint64_t)x, (uint64_t)(x >> 64));
}

static inline void p256_fe_sub(p256_fe out, const p256_fe a, const p256_fe b)
{
    unsigned __int128 d = (unsigned __int128)a[0] - b[0];
    uint64_t r0 = (uint64_t)d;
    d = (unsigned __int128)a[1] - b[1] - ((uint64_t)(d >> 64) & 1);
    uint64_t r1 = (uint64_t)d;
    d = (unsigned __int128)a[2] - b[2] - ((uint64_t)(d >> 64) & 1);
    uint64_t r2 = (uint64_t)d;
    d = (unsigned __int128)a[3] - b[3] - ((uint64_t)(d >> 64) & 1);
    uint64_t r3 = (uint64_t)d;
    /* On borrow add p back; the mask comes from the borrow bit, not a branch. */
    uint64_t m = (uint64_t)0 - ((uint64_t)(d >> 64) & 1);
    m = ct_barrier_u64(m);
    unsigned __int128 x = (unsigned __int128)r0 + (0xffffffffffffffffULL & m);
    out[0] = (uint64_t)x;
    x = (unsigned __int128)r1 + (0x00000000ffffffffULL & m) + (uint64_t)(x >> 64);
    out[1] = (uint64_t)x;
    x = (unsigned __int128)r2 + (uint64_t)(x >> 64);
    out[2] = (uint64_t)x;
    out[3] = r3 + (0xffffffff00000001ULL & m) + (uint64_t)(x >> 64);
}

/* ---- scalars: arithmetic mod n ---- */
typedef uint64_t p256_sc[4];

/* Big-endian -> limbs; mask all-ones if the value is < n. */
uint64_t mintls_p256_sc_from_bytes(p256_sc out, const uint8_t in[32]);
void mintls_p256_sc_to_bytes(uint8_t out[32], const p256_sc a);
/* Reduces any 256-bit value mod n (one conditional subtraction suffices). */
void mintls_p256_sc_reduce_once(p256_sc out, const p256_sc a);
void mintls_p256_sc_add(p256_sc out, const p256_sc a, const p256_sc b);
void mintls_p256_sc_mont_mul(p256_sc out, const p256_sc a, const p256_sc b);
void mintls_p256_sc_to_mont(p256_sc out, const p256_sc a);
void mintls_p256_sc_from_mont(p256_sc out, const p256_sc a);
void mintls_p256_sc_inv_mont(p256_sc out, const p256_sc a); /* Montgomery in and out */
uint64_t mintls_p256_sc_is_zero(const p256_sc a);
extern const uint64_t mintls_p256_order[4];

/* ---- points ---- */
typedef struct {
    p256_fe x, y, z; /* Jacobian, Montgomery form; z == 0 is infinity */
} p256_point;

typedef struct {
    p256_fe x, y; /* affine, Montgomery form */
} p256_affine;

/* k (plain limbs, any 256-bit value) times the base point, constant time. */
void mintls_p256_point_mul_base(p256_point *out, const p256_sc k);
/* k times an arbitrary point, constant time in k. */
void mintls_p256_point_mul(p256_point *out, const p256_affine *p, const p256_sc k);
/* u1*G + u2*P, variable time (public inputs only). */
void mintls_p256_point_mul_double_vartime(p256_point *out, const p256_sc u1,
                                   const p256_affine *p, const p256_sc u2);
/* Affine coordinates (Montgomery form); mask all-ones unless infinity. */
uint64_t mintls_p256_point_to_affine(p256_affine *out, const p256_point *p);
/* Parses 0x04||X||Y strictly and checks the curve equation. */
int mintls_p256_point_from_bytes(p256_affine *out, const uint8_t *in, size_t len);
void mintls_p256_point_to_bytes(uint8_t out[65], const p256_affine *p);

#endif
