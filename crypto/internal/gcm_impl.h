/*
 * Private to the AES / GHASH / GCM implementation files: the layout of the
 * opaque key and state of gcm.h, and the entry points of each strategy.
 *
 * GHASH accumulators cross these interfaces in the byte order of SP 800-38D
 * (the order of the 16 bytes on the wire); each implementation converts to its
 * own representation inside a call.
 */
#ifndef MINTLS_INTERNAL_GCM_IMPL_H
#define MINTLS_INTERNAL_GCM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "internal/gcm.h"

enum {
    GCM_IMPL_CT64 = 1,
    GCM_IMPL_AESNI = 2,
    GCM_IMPL_VAES = 3,
    GCM_IMPL_VAES512 = 4,
};

#define AES_MAX_ROUNDS 14

/* GHASH key powers kept for the 16-block passes (and as many more for 32-block ones). */
#define GCM_HPOW_MAX 16

/* Portable strategy: bitsliced round keys and the GHASH key as two words. */
typedef struct {
    uint64_t sk[(AES_MAX_ROUNDS + 1) * 8];
    uint64_t h[2]; /* H as big-endian words: h[0] = bytes 0..7 */
    uint64_t hpow[8][2]; /* H^(i+1), same form, for the fused loop's one reduction per pass */
} gcm_key_ct64;

/*
 * AES-NI / VAES strategies. Round keys are stored twice side by side (both
 * 128-bit lanes of a 256-bit register, for VAES; AES-NI reads the first copy).
 * GHASH key powers are byte-reversed and multiplied by x^-1 (the form the
 * CLMUL code multiplies by); hkey[i] holds, in both halves, the XOR of the two
 * halves of hpow[i] (Karatsuba's middle operand).
 */
typedef struct {
    _Alignas(32) uint8_t rk2[AES_MAX_ROUNDS + 1][32];
    _Alignas(32) uint8_t hpow[GCM_HPOW_MAX][16]; /* hpow[i] = H^(i+1) */
    _Alignas(32) uint8_t hkey[GCM_HPOW_MAX][16];
    /* For the 512-bit path's 32-block passes: hpow_hi[i] = H^(32-i). */
    _Alignas(64) uint8_t hpow_hi[GCM_HPOW_MAX][16];
    /*
     * For 256-bit lanes: hpair[j] = {H^(16-2j), H^(15-2j)} (low lane first).
     * As one array, H^16..H^1: the 512-bit path reads it as four registers.
     */
    _Alignas(64) uint8_t hpair[GCM_HPOW_MAX / 2][32];
} gcm_key_clmul;

typedef union {
    gcm_key_ct64 ct;
    gcm_key_clmul cl;
} gcm_key_layout;

_Static_assert(sizeof(gcm_key_layout) <= sizeof(((mintls_gcm_key *)0)->opaque),
               "mintls_gcm_key too small");

typedef struct {
    uint8_t xi[16];   /* GHASH accumulator */
    uint8_t ctr[16];  /* next counter block */
    uint8_t ekj0[16]; /* E_K(J0), masks the tag */
    uint8_t ks[16];   /* keystream of the current partial block */
    uint8_t buf[16];  /* bytes of the current partial GHASH block */
    uint64_t aad_len;
    uint64_t data_len;
    uint32_t buf_len; /* bytes in buf (and used of ks while in the data phase) */
    uint32_t in_data; /* 0 while AAD may still come, 1 once data started */
} gcm_state_layout;

_Static_assert(sizeof(gcm_state_layout) <= sizeof(((mintls_gcm_state *)0)->opaque),
               "mintls_gcm_state too small");

/* Raw AES key layout (mintls_aes_key). */
typedef union {
    uint64_t sk[(AES_MAX_ROUNDS + 1) * 8];
    _Alignas(16) uint8_t rk[AES_MAX_ROUNDS + 1][16];
} aes_key_layout;

_Static_assert(sizeof(aes_key_layout) <= sizeof(((mintls_aes_key *)0)->opaque),
               "mintls_aes_key too small");

/* ---- aes_ct64.c: constant-time bitsliced AES ---------------------------- */

/* FIPS-197 key expansion (S-box computed by the bitsliced circuit). Returns rounds or 0. */
int mintls_aes_ct64_expand_key(uint8_t rk[AES_MAX_ROUNDS + 1][16], const uint8_t *key, size_t key_len);
/* Round keys to the bitsliced form used by the functions below. */
void mintls_aes_ct64_bitslice_keys(uint64_t *sk,
                            const uint8_t (*rk)[16], int rounds);
void mintls_aes_ct64_encrypt_block(const uint64_t *sk, int rounds, const uint8_t in[16], uint8_t out[16]);
/* CTR with a 32-bit big-endian counter in ctr[12..15] (wraps mod 2^32); advances ctr. */
void mintls_aes_ct64_ctr32(const uint64_t *sk, int rounds, uint8_t ctr[16],
                    const uint8_t *in, uint8_t *out, size_t nblocks);

/* CTR32 + GHASH of the ciphertext over nblocks whole blocks; enc selects direction. */
void mintls_aes_ct64_gcm_blocks(const gcm_key_ct64 *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                         const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

/* ---- ghash_ct.c: constant-time GHASH ------------------------------------ */

void mintls_ghash_ct_init(uint64_t h[2], const uint8_t hbytes[16]);
/* hpow[i] = H^(i+1), i < 8, in the form of h. */
void mintls_ghash_ct_powers(uint64_t hpow[8][2], const uint64_t h[2]);
void mintls_ghash_ct_blocks(const uint64_t h[2], uint8_t xi[16], const uint8_t *data, size_t nblocks);

/* ---- aes_ni.c / ghash_clmul.c: AES-NI + PCLMULQDQ ---------------------- */

/* Round keys at rk, rk + stride, ... (stride 16 for a plain schedule, 32 in gcm_key_clmul). */
void mintls_aesni_encrypt_block(const uint8_t *rk, size_t stride, int rounds,
                         const uint8_t in[16], uint8_t out[16]);
/* Fills hpow and hpair from H = E_K(0). */
void mintls_ghash_clmul_init(gcm_key_clmul *k, const uint8_t hbytes[16]);
void mintls_ghash_clmul_blocks(const gcm_key_clmul *k, uint8_t xi[16], const uint8_t *data, size_t nblocks);
/* CTR32 + GHASH of the ciphertext over nblocks whole blocks; enc selects direction. */
void mintls_aesni_gcm_blocks(const gcm_key_clmul *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                      const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

/* ---- gcm_vaes.c: VAES + VPCLMULQDQ on 256-bit registers ----------------- */

void mintls_vaes_gcm_blocks(const gcm_key_clmul *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                     const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

/* ---- gcm_vaes512.c: VAES + VPCLMULQDQ on 512-bit registers (AVX-512) ---- */

void mintls_vaes512_gcm_blocks(const gcm_key_clmul *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                        const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

#endif
