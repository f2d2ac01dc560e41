/*
 * X25519 Diffie-Hellman (RFC 7748). Internal API for the TLS layer and
 * EVP_PKEY; all functions are constant time in the private scalar.
 */
#ifndef MINTLS_INTERNAL_X25519_H
#define MINTLS_INTERNAL_X25519_H

#include <stdint.h>

/*
 * out_shared = X25519(scalar, point). Returns 0 when the result is all
 * zeros (point of small order), which RFC 7748 section 6.1 says to reject;
 * out_shared is still written.
 */
int mintls_x25519(uint8_t out_shared[32], const uint8_t scalar[32], const uint8_t point[32]);

/* out_public = X25519(priv, 9), through the fixed-base Edwards table. */
void mintls_x25519_public_from_private(uint8_t out_public[32], const uint8_t priv[32]);

/* A fresh key pair from RAND_bytes. Returns 0 if the generator failed. */
int mintls_x25519_keygen(uint8_t out_public[32], uint8_t out_private[32]);

#endif
