/*
 * What TLS 1.3 can negotiate in mintls (RFC 8446 4.2.7, 4.2.3, B.4): the
 * three cipher suites with their AEAD and hash, the key-exchange groups
 * with their key generation and shared-secret derivation, and the
 * signature schemes with the key types they fit, signing and verifying.
 * Everything runs through libcrypto's public EVP API.
 */
#ifndef MINTLS_TLS13_SUITES_H
#define MINTLS_TLS13_SUITES_H

#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <stddef.h>
#include <stdint.h>

/* An SSL_CIPHER is one entry of the suite table; programs only see pointers. */
struct ssl_cipher_st {
    uint16_t id;      /* the two bytes on the wire */
    const char *name; /* OpenSSL's name and the RFC name are the same for TLS 1.3 */
    const EVP_CIPHER *(*aead)(void);
    const EVP_MD *(*md)(void);
    int bits;
    const char *rfc_name; /* the RFC's name when OpenSSL's differs (TLS 1.2), else NULL */
    int version;          /* TLS1_2_VERSION for the TLS 1.2 suites (tls12_suites.c), else 0 */
};
typedef struct ssl_cipher_st mintls_tls13_suite;

#define MINTLS_TLS13_SUITE_COUNT 3
/* Our preference order (OpenSSL's default: AES-256 first). */
const mintls_tls13_suite *mintls_tls13_suite_at(size_t i);
const mintls_tls13_suite *mintls_tls13_suite_by_id(uint16_t id);

/* ---- groups ------------------------------------------------------------- */

#define MINTLS_GROUP_SECP256R1 0x0017
#define MINTLS_GROUP_SECP384R1 0x0018
#define MINTLS_GROUP_X25519 0x001d

#define MINTLS_TLS13_GROUP_COUNT 3
/* In preference order (X25519 first). */
uint16_t mintls_tls13_group_at(size_t i);
int mintls_tls13_group_supported(uint16_t group);
/*
 * A fresh key for the group and its encoded share (the caller frees *out_pub
 * with OPENSSL_free). 1, or 0 with an error on the queue.
 */
int mintls_tls13_group_keygen(uint16_t group, EVP_PKEY **out_key, uint8_t **out_pub,
                              size_t *out_pub_len);
/*
 * The shared secret of our key with the peer's share; a share that is not
 * a valid point gives 0 (the caller sends illegal_parameter).
 * *out_len: the secret's length (at most 48).
 */
int mintls_tls13_group_derive(uint16_t group, EVP_PKEY *ours, const uint8_t *peer,
                              size_t peer_len, uint8_t *out, size_t *out_len);

/* ---- signature schemes ---------------------------------------------------- */

#define MINTLS_SIGSCHEME_COUNT 9
uint16_t mintls_sigscheme_at(size_t i);
/* Whether the scheme is one we know and fits this key. */
int mintls_sigscheme_fits_key(uint16_t scheme, const EVP_PKEY *key);
/* The first scheme of ours that fits key and is in the peer's list (0: none). */
uint16_t mintls_sigscheme_choose(const EVP_PKEY *key, const uint8_t *peer_list, size_t count);
/* Signs / verifies msg with the scheme (1, or 0 with an error queued). */
int mintls_sigscheme_sign(uint16_t scheme, EVP_PKEY *key, const uint8_t *msg, size_t msg_len,
                          uint8_t **out_sig, size_t *out_sig_len);
int mintls_sigscheme_verify(uint16_t scheme, EVP_PKEY *key, const uint8_t *msg, size_t msg_len,
                            const uint8_t *sig, size_t sig_len);

#endif
