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

#endif
