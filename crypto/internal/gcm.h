/*
 * AES and AES-GCM (NIST SP 800-38D) behind one interface. The implementation
 * (portable bitsliced AES + constant-time GHASH, AES-NI + PCLMULQDQ, or
 * VAES + VPCLMULQDQ on 256- or 512-bit registers) is chosen when the key is
 * set, from mintls_cpu_caps().
 * No malloc: contexts live with the caller. A mintls_gcm_key as declared is
 * large enough for any implementation; a caller that keeps many keys (the
 * EVP layer) allocates only mintls_gcm_key_size() bytes for each instead.
 */
#ifndef MINTLS_INTERNAL_GCM_H
#define MINTLS_INTERNAL_GCM_H

#include <stddef.h>
#include <stdint.h>

#define MINTLS_GCM_TAG_LEN 16

/*
 * Expanded key: AES round keys and the GHASH key powers. opaque is large
 * enough for every implementation and key length, but only the prefix the
 * chosen one needs is ever read or written; its layout is private to
 * crypto/aes_*.c, ghash_*.c and gcm*.c.
 */
typedef struct mintls_gcm_key {
    int impl;       /* which implementation set it up */
    int key_bytes;  /* 16 or 32 */
    uint32_t size;  /* bytes of this struct in use (header included) */
    uint32_t reserved;
    _Alignas(16) uint8_t opaque[1088];
} mintls_gcm_key;

/* Streaming state of one message under a key. */
typedef struct mintls_gcm_state {
    _Alignas(16) uint8_t opaque[104];
    const mintls_gcm_key *key;
} mintls_gcm_state;

/* key_len 16 or 32; returns 1, or 0 for another length. */
int mintls_gcm_set_key(mintls_gcm_key *k, const uint8_t *key, size_t key_len);
/* Wipes the whole struct (for keys that are a full mintls_gcm_key). */
void mintls_gcm_key_wipe(mintls_gcm_key *k);

/*
 * Bytes of a mintls_gcm_key that mintls_gcm_set_key_sized will use for a
 * key_len-byte key with the implementation this CPU gets (0 for a bad
 * length). The implementation choice is fixed for the life of the process.
 */
size_t mintls_gcm_key_size(size_t key_len);
/*
 * Like mintls_gcm_set_key, for a key that is only avail bytes long (at least
 * mintls_gcm_key_size(key_len), 16-byte aligned). Returns 0 if it does not
 * fit or key_len is bad. The caller wipes all avail bytes when done.
 */
int mintls_gcm_set_key_sized(mintls_gcm_key *k, size_t avail, const uint8_t *key,
                             size_t key_len);

/* Starts a message. iv_len >= 1 (12 is the fast, usual case). */
void mintls_gcm_start(mintls_gcm_state *s, const mintls_gcm_key *k,
                      const uint8_t *iv, size_t iv_len);
/* AAD, any number of calls, all before the first encrypt/decrypt. */
void mintls_gcm_aad(mintls_gcm_state *s, const uint8_t *aad, size_t len);
/* Any length per call; in and out may be the same buffer. */
void mintls_gcm_encrypt(mintls_gcm_state *s, const uint8_t *in, uint8_t *out, size_t len);
void mintls_gcm_decrypt(mintls_gcm_state *s, const uint8_t *in, uint8_t *out, size_t len);
/* Computes the tag (16 bytes) and wipes the state. */
void mintls_gcm_finish(mintls_gcm_state *s, uint8_t tag[MINTLS_GCM_TAG_LEN]);

/* One-shot helpers for the record layer: 12-byte nonce, 16-byte tag. */
void mintls_gcm_seal(const mintls_gcm_key *k, const uint8_t nonce[12],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *in, size_t len, uint8_t *out,
                     uint8_t tag[MINTLS_GCM_TAG_LEN]);
/* Returns 1 if the tag verifies (constant time); on 0, out is zeroed. */
int mintls_gcm_open(const mintls_gcm_key *k, const uint8_t nonce[12],
                    const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, size_t len, uint8_t *out,
                    const uint8_t *tag, size_t tag_len);

/*
 * Name of the implementation a key uses ("vaes512-vpclmul", "vaes-vpclmul",
 * "aesni-clmul", "ct64").
 */
const char *mintls_gcm_impl_name(const mintls_gcm_key *k);

/*
 * For tests: like mintls_gcm_set_key, but with the named implementation.
 * Returns 0 if the name is unknown or this CPU (as narrowed by MINTLS_CPU)
 * cannot run it.
 */
int mintls_gcm_set_key_impl(mintls_gcm_key *k, const uint8_t *key, size_t key_len,
                            const char *impl_name);

/* Raw AES block encryption, for tests and for later users (e.g. ticket keys). */
typedef struct mintls_aes_key {
    _Alignas(16) uint8_t opaque[1024];
    int impl;
    int rounds;
} mintls_aes_key;
int mintls_aes_set_encrypt_key(mintls_aes_key *k, const uint8_t *key, size_t key_len);
void mintls_aes_encrypt_block(const mintls_aes_key *k, const uint8_t in[16], uint8_t out[16]);
void mintls_aes_key_wipe(mintls_aes_key *k);

#endif
