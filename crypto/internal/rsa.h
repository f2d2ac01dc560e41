/*
 * RSA (RFC 8017): keys, the raw public and private operations, and the
 * PKCS#1 v1.5 and PSS signature schemes. Moduli of 1024..8192 bits; the
 * private operation uses CRT with per-prime blinding, a constant-time
 * exponentiation and checks its result with the public key before release.
 */
#ifndef MINTLS_INTERNAL_RSA_H
#define MINTLS_INTERNAL_RSA_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "internal/bn.h"
#include "internal/digest.h"

#define MINTLS_RSA_MIN_BITS 1024
#define MINTLS_RSA_MAX_BITS MINTLS_BN_MAX_BITS
#define MINTLS_RSA_MAX_BYTES (MINTLS_RSA_MAX_BITS / 8)

typedef struct mintls_rsa_public {
    size_t bits;   /* modulus bit length */
    size_t len;    /* modulus byte length: every signature is exactly this long */
    mintls_bn_mont n;
    uint64_t e[MINTLS_BN_MAX_LIMBS];
    size_t e_limbs;
} mintls_rsa_public;

/*
 * Blinding pairs, one per prime, in Montgomery form: a = s^e R and
 * ai = s^-1 R mod that prime. Each private operation takes the current
 * pairs and squares the stored ones (s -> s^2 keeps a = s^e, ai = s^-1),
 * so the costly inversion happens only when a fresh s is drawn, every
 * MINTLS_RSA_BLIND_USES operations (and lazily on first use, and first use
 * after a fork, so parent and child do not share one sequence).
 */
#define MINTLS_RSA_BLIND_USES 32
typedef struct mintls_rsa_blinding {
    pthread_mutex_t lock;          /* a key may be shared between threads */
    unsigned uses_left;            /* 0: draw a fresh s before the next use */
    int ready;                     /* the pairs below hold a valid (s^e, s^-1) */
    int refreshing;                /* a thread is drawing a fresh s; others keep squaring */
    pid_t pid;                     /* process that drew s: a forked child draws its own */
    uint64_t a_p[MINTLS_BN_CT_MAX_LIMBS], ai_p[MINTLS_BN_CT_MAX_LIMBS];
    uint64_t a_q[MINTLS_BN_CT_MAX_LIMBS], ai_q[MINTLS_BN_CT_MAX_LIMBS];
} mintls_rsa_blinding;

typedef struct mintls_rsa_private {
    mintls_rsa_public pub;
    size_t half;                   /* limbs of each CRT half: max(limbs(p), limbs(q)) */
    size_t p_bits, q_bits;         /* widths of the CRT exponents */
    mintls_bn_mont p, q;
    uint64_t d[MINTLS_BN_MAX_LIMBS];
    uint64_t dp[MINTLS_BN_CT_MAX_LIMBS], dq[MINTLS_BN_CT_MAX_LIMBS];
    uint64_t qinv_mont[MINTLS_BN_CT_MAX_LIMBS]; /* qinv * R mod p */
    uint64_t q_plain[MINTLS_BN_CT_MAX_LIMBS];   /* q, zero-padded to half limbs */
    /*
     * Mutable: the only part of a loaded key that changes, and it changes
     * through the const pointers the private operations take (under
     * blind.lock). Never copy a loaded key by value: the lock goes with it.
     */
    mintls_rsa_blinding blind;
} mintls_rsa_private;

/* Import from big-endian integers (leading zero bytes allowed). e must be odd and > 1. */
int mintls_rsa_public_from_be(mintls_rsa_public *out, const uint8_t *n, size_t n_len,
                              const uint8_t *e, size_t e_len);
/* Checks n = p q, the sizes, and that dp < p, dq < q, qinv < p. d is kept but not used.
 * A loaded key owns a mutex: release it with mintls_rsa_private_wipe. */
int mintls_rsa_private_from_be(mintls_rsa_private *out, const uint8_t *n, size_t n_len,
                               const uint8_t *e, size_t e_len, const uint8_t *d, size_t d_len,
                               const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len,
                               const uint8_t *dp, size_t dp_len, const uint8_t *dq, size_t dq_len,
                               const uint8_t *qinv, size_t qinv_len);
void mintls_rsa_private_wipe(mintls_rsa_private *k);

/* Modulus size in bytes. */
size_t mintls_rsa_size(const mintls_rsa_public *k);

/* out = in^e mod n; in and out are k->len bytes; fails if in >= n. Not constant time. */
int mintls_rsa_public_raw(const mintls_rsa_public *k, const uint8_t *in, uint8_t *out);
/*
 * out = in^d mod n (k->pub.len bytes each), constant time. Fails if in >= n or the
 * result does not verify (out is then zeroed). mintls_rsa_private_raw uses (and
 * advances) the key's blinding state, drawing fresh randomness from RAND_bytes when
 * due; it is safe to call from several threads on one key. _raw_rand blinds with
 * the MINTLS_RSA_BLIND_BYTES bytes of blind_rand instead and leaves the key's
 * state alone (tests and known answers); blind_rand must not be NULL.
 */
int mintls_rsa_private_raw(const mintls_rsa_private *k, const uint8_t *in, uint8_t *out);
int mintls_rsa_private_raw_rand(const mintls_rsa_private *k, const uint8_t *in, uint8_t *out,
                                const uint8_t *blind_rand);
#define MINTLS_RSA_BLIND_BYTES(k) (16 * (k)->half)

/* PKCS#1 v1.5 (RFC 8017 section 8.2) over a digest of h (SHA-1/224/256/384/512). */
int mintls_rsa_verify_pkcs1(const mintls_rsa_public *k, const mintls_hash *h, const uint8_t *digest,
                            const uint8_t *sig, size_t sig_len);
/* out_sig receives mintls_rsa_size() bytes. */
int mintls_rsa_sign_pkcs1(const mintls_rsa_private *k, const mintls_hash *h, const uint8_t *digest,
                          uint8_t *out_sig, size_t *out_len);

/* PSS (RFC 8017 section 8.1) with MGF1. salt_len -1: any length the signature carries. */
int mintls_rsa_verify_pss(const mintls_rsa_public *k, const mintls_hash *h, const mintls_hash *mgf1_hash,
                          int salt_len, const uint8_t *digest, const uint8_t *sig, size_t sig_len);
/* Salt of h->digest_len random bytes, MGF1 with h. out_sig receives mintls_rsa_size() bytes. */
int mintls_rsa_sign_pss(const mintls_rsa_private *k, const mintls_hash *h, const uint8_t *digest,
                        uint8_t *out_sig, size_t *out_len);
/* The same with a caller-chosen salt (tests and known-answer checks). */
int mintls_rsa_sign_pss_salt(const mintls_rsa_private *k, const mintls_hash *h, const mintls_hash *mgf1_hash,
                             const uint8_t *digest, const uint8_t *salt, size_t salt_len,
                             uint8_t *out_sig, size_t *out_len);

/* EMSA encodings, exposed for tests: em receives em_len bytes. */
int mintls_rsa_emsa_pkcs1_encode(const mintls_hash *h, const uint8_t *digest, uint8_t *em, size_t em_len);

#endif
