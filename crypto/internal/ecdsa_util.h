/*
 * Pieces every ECDSA curve shares: the strict DER signature encoding
 * (X9.62 Ecdsa-Sig-Value) and the RFC 6979 deterministic nonce generator,
 * hedged with fresh randomness (RFC 6979 section 3.6).
 */
#ifndef MINTLS_INTERNAL_ECDSA_UTIL_H
#define MINTLS_INTERNAL_ECDSA_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "internal/digest.h"

/* Largest DER signature for a scalar of n bytes (n <= 62). */
#define MINTLS_ECDSA_DER_MAX(n) (2 * (n) + 9)

/*
 * Parses SEQUENCE { r INTEGER, s INTEGER } in strict DER: minimal lengths
 * and integer encodings, non-negative values, nothing trailing. r and s are
 * written big-endian, left-padded to scalar_len bytes. Returns 0 if the
 * encoding is not strict DER or a value needs more than scalar_len bytes;
 * range checks (0 < r, s < n) are the curve's job.
 */
int mintls_ecdsa_sig_from_der(const uint8_t *der, size_t der_len, size_t scalar_len,
                              uint8_t *out_r, uint8_t *out_s);

/* Encodes r and s (big-endian, scalar_len bytes each); returns the length. */
size_t mintls_ecdsa_sig_to_der(const uint8_t *r, const uint8_t *s, size_t scalar_len,
                               uint8_t *out);

/* RFC 6979 section 3.2 HMAC_DRBG, keyed by the private key and the hash. */
typedef struct mintls_rfc6979 {
    const mintls_hash *h;
    uint8_t k[MINTLS_MAX_DIGEST];
    uint8_t v[MINTLS_MAX_DIGEST];
    int used; /* a candidate was handed out: update K and V before the next */
} mintls_rfc6979;

/*
 * x: the private key as qlen-byte big-endian (int2octets); h1: the message
 * hash already reduced as bits2octets(H(m)) (qlen bytes); extra: fresh
 * random bytes mixed in as RFC 6979 section 3.6's k' (may be NULL/0).
 */
void mintls_rfc6979_init(mintls_rfc6979 *d, const mintls_hash *h, const uint8_t *x,
                         const uint8_t *h1, size_t qlen, const uint8_t *extra,
                         size_t extra_len);
/* Next candidate T of qlen bytes; the caller applies bits2int and range checks. */
void mintls_rfc6979_next(mintls_rfc6979 *d, uint8_t *out, size_t qlen);
void mintls_rfc6979_wipe(mintls_rfc6979 *d);

#endif
