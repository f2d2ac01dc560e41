/*
 * AES decryption (the FIPS-197 inverse cipher) and CBC mode (SP 800-38A
 * section 6.2), for decrypting password-protected private keys. Two
 * strategies, chosen when the key is set from mintls_cpu_caps(): AES-NI
 * (aes_dec_ni.c) and a portable constant-time bitsliced one (aes_dec_ct.c,
 * eight blocks per pass, so CBC decryption hands it runs of blocks). Keys
 * are fixed-size and live with the caller.
 */
#ifndef MINTLS_INTERNAL_AES_CBC_H
#define MINTLS_INTERNAL_AES_CBC_H

#include <stddef.h>
#include <stdint.h>

#include "internal/gcm.h"

#define MINTLS_AES_BLOCK 16

typedef struct mintls_aes_dec_key {
    union {
        /* AES-NI: the equivalent inverse cipher's schedule (reversed,
         * InvMixColumns applied to rounds 1..Nr-1). */
        _Alignas(16) uint8_t rk[15][16];
        /* Portable: the encryption schedule bitsliced as aes_ct64.c does it
         * (mintls_aes_ct64_bitslice_keys), eight words per round. */
        uint64_t sk[15 * 8];
    };
    int impl; /* MINTLS_AES_DEC_CT or MINTLS_AES_DEC_NI */
    int rounds;
} mintls_aes_dec_key;

enum { MINTLS_AES_DEC_CT = 1, MINTLS_AES_DEC_NI = 2 };

/* key_len 16, 24 or 32; returns 1, or 0 for another length. */
int mintls_aes_set_decrypt_key(mintls_aes_dec_key *k, const uint8_t *key, size_t key_len);
/* For tests: the same with a named strategy ("ct" or "aesni"); 0 if unavailable. */
int mintls_aes_set_decrypt_key_impl(mintls_aes_dec_key *k, const uint8_t *key, size_t key_len,
                                    const char *impl_name);
void mintls_aes_decrypt_block(const mintls_aes_dec_key *k, const uint8_t in[16], uint8_t out[16]);
void mintls_aes_dec_key_wipe(mintls_aes_dec_key *k);

/* len is a multiple of 16; in and out may be the same buffer. */
void mintls_aes_cbc_decrypt(const mintls_aes_dec_key *k, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);
void mintls_aes_cbc_encrypt(const mintls_aes_key *k, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len);

/* The strategies (aes_dec_ct.c, aes_dec_ni.c). sk and rk as in mintls_aes_dec_key. */
/* nblocks whole blocks, eight per pass; in and out may be the same buffer. */
void mintls_aes_ct_decrypt_blocks(const uint64_t *sk, int rounds, const uint8_t *in,
                                  uint8_t *out, size_t nblocks);
void mintls_aesni_decrypt_schedule(uint8_t (*dk)[16], const uint8_t (*rk)[16], int rounds);
void mintls_aesni_decrypt_block(const uint8_t (*dk)[16], int rounds, const uint8_t in[16],
                                uint8_t out[16]);

#endif
