/*
 * The AES-CBC half of the EVP cipher layer (crypto/evp_cbc.c): the key
 * schedule, chaining value and partial-block buffer that an EVP_CIPHER_CTX
 * holds for EVP_aes_{128,192,256}_cbc, and the Init/Update/Final steps with
 * OpenSSL 3.0's buffering and PKCS#7 padding rules. crypto/evp_cipher.c does
 * the argument checks common to every cipher and calls these.
 */
#ifndef MINTLS_INTERNAL_EVP_CBC_H
#define MINTLS_INTERNAL_EVP_CBC_H

#include <stddef.h>
#include <stdint.h>

#include "internal/aes_cbc.h"
#include "internal/gcm.h"

/* The allocated part of a CBC context; no pointers inside (copy is memcpy). */
typedef struct mintls_evp_cbc {
    union {
        mintls_aes_key enc;
        mintls_aes_dec_key dec;
    } ks;
    uint8_t key[32];  /* raw key: a change of direction without a new key re-expands it */
    uint8_t oiv[16];  /* the IV as given: every Init restarts the chain from it */
    uint8_t iv[16];   /* chaining value of the current message */
    uint8_t buf[16];  /* input not yet processed (decrypt: the held-back last block) */
    int buf_len;
    int key_len;
    int key_set;
    int ks_enc;       /* direction ks was expanded for (valid when key_set) */
} mintls_evp_cbc;

/*
 * Any EVP_CipherInit_ex on a CBC context: takes a new key and/or IV (either
 * may be NULL), makes the schedule match the direction enc, and starts a new
 * message (empty buffer, chain = IV; all zeros if no IV was ever given).
 */
void mintls_evp_cbc_init(mintls_evp_cbc *c, int key_len, const uint8_t *key,
                         const uint8_t *iv, int enc);

/*
 * EVP_{En,De}cryptUpdate / Final_ex after the common checks (direction, outl
 * not NULL, inl >= 0). Return 1, or 0 with an error on the queue. Update
 * writes at most inl + 15 bytes; Final at most 16.
 */
int mintls_evp_cbc_update(mintls_evp_cbc *c, int enc, int pad, uint8_t *out, int *outl,
                          const uint8_t *in, int inl);
int mintls_evp_cbc_final(mintls_evp_cbc *c, int enc, int pad, uint8_t *out, int *outl);

/*
 * AES-NI CBC over whole blocks (aes_cbc_ni.c); iv is updated to the last
 * ciphertext block; out may equal in or lie before it. Encryption takes the
 * plain round keys (a GCM_IMPL_AESNI mintls_aes_key), decryption a
 * MINTLS_AES_DEC_NI schedule and works on eight blocks at a time.
 */
void mintls_aesni_cbc_encrypt(const uint8_t (*rk)[16], int rounds, uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len);
void mintls_aesni_cbc_decrypt(const uint8_t (*dk)[16], int rounds, uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len);

#endif
