/*
 * ChaCha20, Poly1305 and the ChaCha20-Poly1305 AEAD (RFC 8439). The ChaCha20
 * block function is chosen from mintls_cpu_caps() (portable, AVX2, AVX-512);
 * Poly1305 is portable 64-bit with 128-bit products, plus vector paths where
 * they pay. No malloc; contexts live with the caller.
 */
#ifndef MINTLS_INTERNAL_CHACHA_POLY_H
#define MINTLS_INTERNAL_CHACHA_POLY_H

#include <stddef.h>
#include <stdint.h>

#define MINTLS_CHACHA_POLY_TAG_LEN 16

/* XOR len bytes of keystream (key, 32-bit block counter, 12-byte nonce). */
void mintls_chacha20_xor(const uint8_t key[32], uint32_t counter,
                         const uint8_t nonce[12], const uint8_t *in,
                         uint8_t *out, size_t len);

typedef struct mintls_poly1305 {
    _Alignas(32) uint8_t opaque[384];
} mintls_poly1305;
void mintls_poly1305_init(mintls_poly1305 *p, const uint8_t key[32]);
void mintls_poly1305_update(mintls_poly1305 *p, const uint8_t *in, size_t len);
void mintls_poly1305_final(mintls_poly1305 *p, uint8_t tag[16]); /* wipes p */

/* Streaming AEAD state (RFC 8439 section 2.8). */
typedef struct mintls_chacha_poly_state {
    _Alignas(32) uint8_t opaque[640];
} mintls_chacha_poly_state;

void mintls_chacha_poly_start(mintls_chacha_poly_state *s, const uint8_t key[32],
                              const uint8_t nonce[12]);
/* AAD, any number of calls, all before the first encrypt/decrypt. */
void mintls_chacha_poly_aad(mintls_chacha_poly_state *s, const uint8_t *aad, size_t len);
/* Any length per call; in and out may be the same buffer. */
void mintls_chacha_poly_encrypt(mintls_chacha_poly_state *s, const uint8_t *in,
                                uint8_t *out, size_t len);
void mintls_chacha_poly_decrypt(mintls_chacha_poly_state *s, const uint8_t *in,
                                uint8_t *out, size_t len);
/* Computes the tag and wipes the state. */
void mintls_chacha_poly_finish(mintls_chacha_poly_state *s, uint8_t tag[16]);

/* One-shot helpers for the record layer. */
void mintls_chacha_poly_seal(const uint8_t key[32], const uint8_t nonce[12],
                             const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out,
                             uint8_t tag[16]);
/* Returns 1 if the tag verifies (constant time); on 0, out is zeroed. */
int mintls_chacha_poly_open(const uint8_t key[32], const uint8_t nonce[12],
                            const uint8_t *aad, size_t aad_len,
                            const uint8_t *in, size_t len, uint8_t *out,
                            const uint8_t tag[16]);

/* Name of the ChaCha20 / Poly1305 paths in use ("avx2/portable64" ...). */
const char *mintls_chacha_poly_impl_name(void);

#endif
