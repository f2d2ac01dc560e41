/*
 * NIST P-384 (FIPS 186-4 D.1.2.4, SEC 2 secp384r1): field and scalar
 * arithmetic, point arithmetic, ECDH and ECDSA.
 *
 * Field elements and scalars are 6 x 64-bit little-endian limbs, kept in
 * Montgomery form (a * 2^384 mod m) between the byte conversions. Points
 * are homogeneous projective (X:Y:Z) so that the complete a = -3 formulas
 * of Renes, Costello and Batina (EUROCRYPT 2016) apply: no input, including
 * the point at infinity (0:1:0), needs a special case, which is what makes
 * the secret-scalar paths constant time without extra care.
 */
#ifndef MINTLS_INTERNAL_P384_H
#define MINTLS_INTERNAL_P384_H

#include <stddef.h>
#include <stdint.h>

#define MINTLS_P384_BYTES 48
#define MINTLS_P384_PUB_BYTES 97

typedef uint64_t p384_fe[6];

typedef struct p384_point {
    p384_fe x, y, z;
} p384_point;

/* ---- generic Montgomery arithmetic for a 384-bit odd modulus ---------- */

/* out = a * b / 2^384 mod m; a, b < m; m0inv = -m^-1 mod 2^64. out may alias. */
void mintls_p384_mont_mul(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                          const uint64_t m[6], uint64_t m0inv);
/* out = a^e (Montgomery form in and out); e is public, 6 limbs. */
void mintls_p384_mont_pow(uint64_t out[6], const uint64_t a[6], const uint64_t e[6],
                          const uint64_t m[6], uint64_t m0inv);
/* (a + b) mod m and (a - b) mod m for a, b < m, constant time. */
void mintls_p384_mod_add(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                         const uint64_t m[6]);
void mintls_p384_mod_sub(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                         const uint64_t m[6]);
/* All-ones if a < m (both 6 limbs), constant time. */
uint64_t mintls_p384_lt_mask(const uint64_t a[6], const uint64_t m[6]);
/* Big-endian 48 bytes <-> limbs (no reduction). */
void mintls_p384_limbs_from_be(uint64_t out[6], const uint8_t in[48]);
void mintls_p384_limbs_to_be(uint8_t out[48], const uint64_t a[6]);

/* ---- field mod p (p384_field.c) --------------------------------------- */

extern const uint64_t mintls_p384_p[6];
extern const p384_fe mintls_p384_fe_one;  /* 1 in Montgomery form */
extern const p384_fe mintls_p384_fe_b;    /* curve b in Montgomery form */

void mintls_p384_fe_mul(p384_fe out, const p384_fe a, const p384_fe b);
void mintls_p384_fe_sqr(p384_fe out, const p384_fe a);
void mintls_p384_fe_add(p384_fe out, const p384_fe a, const p384_fe b);
void mintls_p384_fe_sub(p384_fe out, const p384_fe a, const p384_fe b);
void mintls_p384_fe_neg(p384_fe out, const p384_fe a);
void mintls_p384_fe_inv(p384_fe out, const p384_fe a); /* Fermat; inv(0) = 0 */
/* All-ones if a == 0 (any representation < p), constant time. */
uint64_t mintls_p384_fe_is_zero(const p384_fe a);
/* out = mask ? a : out. */
void mintls_p384_fe_cmov(p384_fe out, const p384_fe a, uint64_t mask);
/* Parses a big-endian coordinate into Montgomery form; 0 if it is >= p. */
int mintls_p384_fe_from_bytes(p384_fe out, const uint8_t in[48]);
void mintls_p384_fe_to_bytes(uint8_t out[48], const p384_fe a);

/* ---- scalars mod n (p384_scalar.c) ------------------------------------ */

extern const uint64_t mintls_p384_n[6];

/* Reads 48 big-endian bytes; all-ones mask if 0 < k < n (constant time). */
uint64_t mintls_p384_scalar_from_bytes(uint64_t out[6], const uint8_t in[48]);
/* bits2int(digest) mod n (FIPS 186-4 6.4: the leftmost 384 bits). */
void mintls_p384_scalar_from_digest(uint64_t out[6], const uint8_t *digest, size_t len);
/* Conversions to and from Montgomery form mod n. */
void mintls_p384_scalar_to_mont(uint64_t out[6], const uint64_t a[6]);
void mintls_p384_scalar_from_mont(uint64_t out[6], const uint64_t a[6]);
void mintls_p384_scalar_mul(uint64_t out[6], const uint64_t a[6], const uint64_t b[6]);
void mintls_p384_scalar_add(uint64_t out[6], const uint64_t a[6], const uint64_t b[6]);
/* Montgomery in, Montgomery out, constant time (Fermat). */
void mintls_p384_scalar_inv(uint64_t out[6], const uint64_t a[6]);
/* Reduces a value < 2^384 (e.g. an x coordinate < p) mod n, constant time. */
void mintls_p384_scalar_reduce_once(uint64_t out[6], const uint64_t a[6]);

/* ---- points (p384_point.c) -------------------------------------------- */

void mintls_p384_point_add(p384_point *out, const p384_point *a, const p384_point *b);
void mintls_p384_point_dbl(p384_point *out, const p384_point *a);
/* The generator in projective Montgomery form. */
void mintls_p384_point_generator(p384_point *out);
/*
 * Parses 0x04 || X || Y: exact length, coordinates < p, on the curve (so
 * never infinity). Returns 0 on any failure. Public input: may branch.
 */
int mintls_p384_point_from_bytes(p384_point *out, const uint8_t *in, size_t len);
/*
 * Affine big-endian coordinates of p (either may be NULL); returns an
 * all-ones mask if p is not infinity. Constant time.
 */
uint64_t mintls_p384_point_to_affine(uint8_t out_x[48], uint8_t out_y[48],
                                     const p384_point *p);
/* out = k * p, k a secret 6-limb integer (< n); constant time. */
void mintls_p384_point_mul(p384_point *out, const uint64_t k[6], const p384_point *p);
/* d * 2^(16 i) * G for d = 1..15 as affine Montgomery (x, y) (p384_table.c). */
extern const uint64_t mintls_p384_base_table[24][15][2][6];

/* (2j + 1) G for j = 0..31 as affine Montgomery (x, y) (p384_table.c). */
extern const uint64_t mintls_p384_g_odd[32][2][6];

/* out = k * G, constant time. */
void mintls_p384_point_mul_base(p384_point *out, const uint64_t k[6]);
/* out = a * G + b * p for public a, b; variable time (verification only). */
void mintls_p384_point_mul_double_vartime(p384_point *out, const uint64_t a[6],
                                          const uint64_t b[6], const p384_point *p);

/* ---- ECDH and ECDSA (p384_ecdh.c, p384_ecdsa.c) ------------------------ */

int mintls_p384_keygen(uint8_t out_priv[48], uint8_t out_pub[97]);
int mintls_p384_public_from_private(uint8_t out_pub[97], const uint8_t priv[48]);
int mintls_p384_ecdh(uint8_t out_shared_x[48], const uint8_t priv[48],
                     const uint8_t *peer_pub, size_t peer_len);

int mintls_p384_ecdsa_sign(uint8_t out_r[48], uint8_t out_s[48], const uint8_t priv[48],
                           const uint8_t *digest, size_t digest_len);
/*
 * The same with the hedging randomness given by the caller: extra may be
 * NULL/0 for plain deterministic RFC 6979 (tests use that for the RFC's
 * known answers).
 */
int mintls_p384_ecdsa_sign_with_extra(uint8_t out_r[48], uint8_t out_s[48],
                                      const uint8_t priv[48], const uint8_t *digest,
                                      size_t digest_len, const uint8_t *extra,
                                      size_t extra_len);
int mintls_p384_ecdsa_verify(const uint8_t r[48], const uint8_t s[48], const uint8_t *digest,
                             size_t digest_len, const uint8_t *pub, size_t pub_len);

/* DER (X9.62 Ecdsa-Sig-Value) wrappers; out_der needs MINTLS_ECDSA_DER_MAX(48). */
int mintls_p384_ecdsa_sign_der(uint8_t *out_der, size_t *out_der_len, const uint8_t priv[48],
                               const uint8_t *digest, size_t digest_len);
int mintls_p384_ecdsa_verify_der(const uint8_t *der, size_t der_len, const uint8_t *digest,
                                 size_t digest_len, const uint8_t *pub, size_t pub_len);

#endif
