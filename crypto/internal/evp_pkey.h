/*
 * EVP_PKEY inside mintls: one reference-counted object holding an RSA,
 * EC (P-256/P-384), Ed25519 or X25519 key, public or private. The
 * certificate layer makes public keys from a certificate's
 * SubjectPublicKeyInfo; the PEM layer makes private keys.
 */
#ifndef MINTLS_INTERNAL_EVP_PKEY_H
#define MINTLS_INTERNAL_EVP_PKEY_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/types.h>

/*
 * Builds a public key from a DER SubjectPublicKeyInfo (RFC 5280 4.1.2.7).
 * Returns NULL, with an error on the queue, when the encoding is malformed
 * or the algorithm is not supported. The caller owns the reference.
 */
EVP_PKEY *mintls_evp_pkey_from_spki(const uint8_t *der, size_t len);

/*
 * Builds a private key from DER: PKCS#8 PrivateKeyInfo (RFC 5958), PKCS#1
 * RSAPrivateKey or SEC1 ECPrivateKey, as named by kind. NULL on failure,
 * with an error on the queue.
 */
enum mintls_pkey_der_kind {
    MINTLS_PKEY_DER_PKCS8,
    MINTLS_PKEY_DER_RSA,
    MINTLS_PKEY_DER_EC
};
EVP_PKEY *mintls_evp_pkey_from_private_der(enum mintls_pkey_der_kind kind,
                                           const uint8_t *der, size_t len);

/* ---- added by the EVP_PKEY area ---------------------------------------- */

#include <stdatomic.h>

#include "internal/rsa.h"

/*
 * The object behind EVP_PKEY (shared by crypto/evp_pkey*.c and pem_pkey.c).
 * type is the OpenSSL key type: EVP_PKEY_RSA, EVP_PKEY_RSA_PSS, EVP_PKEY_EC
 * (curve_nid says which curve), EVP_PKEY_ED25519 or EVP_PKEY_X25519;
 * NID_undef for an empty key from EVP_PKEY_new().
 */
struct evp_pkey_st {
    atomic_int references;
    int type;
    int curve_nid;   /* NID_X9_62_prime256v1 or NID_secp384r1 for EC */
    int has_private;
    /* RSA: rsa_pub points at rsa_priv->pub for a private key. */
    mintls_rsa_public *rsa_pub;
    mintls_rsa_private *rsa_priv;
    uint8_t *rsa_n, *rsa_e; /* big-endian magnitudes, for EVP_PKEY_eq */
    size_t rsa_n_len, rsa_e_len;
    /* EC: 0x04 || X || Y and the scalar; Ed25519/X25519: raw 32-byte keys. */
    uint8_t pub[97];
    size_t pub_len;
    uint8_t priv[48];
    size_t priv_len;
    /* RSA-PSS: the RSASSA-PSS-params TLV the key came with (NULL if none). */
    uint8_t *pss_params;
    size_t pss_params_len;
};

/* A fresh key with one reference and no material (NULL on allocation failure). */
EVP_PKEY *mintls_evp_pkey_alloc(int type);
/* Installs RSA material; takes ownership of priv (may be NULL) or pub. */
int mintls_evp_pkey_set_rsa(EVP_PKEY *key, int type, const uint8_t *n, size_t n_len,
                            const uint8_t *e, size_t e_len, mintls_rsa_private *priv);

/* Keeps a copy of an RSA-PSS key's parameters TLV (len 0: none). */
int mintls_evp_pkey_set_pss_params(EVP_PKEY *key, const uint8_t *p, size_t len);

/* Checks an uncompressed point on P-256/P-384 (curve_nid) and stores it as key's public key. */
int mintls_evp_pkey_set_ec_public(EVP_PKEY *key, int curve_nid, const uint8_t *pt, size_t len);
/* ECParameters (RFC 5480: namedCurve only) -> curve NID (NID_undef when unknown). */
int mintls_evp_pkey_ec_curve_from_params(const uint8_t *p, size_t len, int *out_nid);

/*
 * Verifies sig over tbs with key, for a signature algorithm named by its
 * OpenSSL NID (NID_sha256WithRSAEncryption, NID_ecdsa_with_SHA384,
 * NID_ED25519, NID_rsassaPss, ...). params/params_len is the whole
 * AlgorithmIdentifier parameters TLV (empty when absent); for RSASSA-PSS it
 * is the RSASSA-PSS-params SEQUENCE (RFC 4055 section 3.1). As OpenSSL does,
 * any supported hash goes with any supported curve. Returns 1 if the
 * signature is valid, 0 otherwise (with an error on the queue for an
 * unsupported algorithm or a key/algorithm mismatch).
 */
int mintls_evp_pkey_verify_sig(const EVP_PKEY *key, int sig_nid, const uint8_t *params,
                               size_t params_len, const uint8_t *tbs, size_t tbs_len,
                               const uint8_t *sig, size_t sig_len);

/*
 * Encrypted PKCS#8 (crypto/pkcs8_pbes2.c). is_encrypted_der: 1 if der looks
 * like an EncryptedPrivateKeyInfo. decrypt: PBES2 (PBKDF2 + AES-CBC) with
 * the password; on success *out_der is a malloc'd PrivateKeyInfo of
 * *out_len bytes (the caller wipes and frees it). 0 with an error on the
 * queue for a wrong password, a malformed input or an unsupported scheme.
 */
int mintls_pkcs8_is_encrypted_der(const uint8_t *der, size_t len);
int mintls_pkcs8_decrypt(const uint8_t *der, size_t len, const uint8_t *pass, size_t pass_len,
                         uint8_t **out_der, size_t *out_len);

/* DER SubjectPublicKeyInfo of key into a growing writer-owned buffer (free() it). */
int mintls_evp_pkey_to_spki(const EVP_PKEY *key, uint8_t **out_der, size_t *out_len);

#endif
