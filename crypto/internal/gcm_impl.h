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

/*
 * Each strategy stores only what its own code reads, and only the round keys
 * of the key's length: a key is allocated with mintls_gcm_key_size() bytes,
 * so the arrays of round keys come last and are cut to rounds + 1 entries.
 */

/*
 * Portable strategy: the GHASH key powers and the bitsliced round keys.
 * hpow[i] = H^(i+1) as big-endian words (hpow[i][0] = bytes 0..7); hpow[0]
 * is H itself. sk holds 8 words per round, 8 * (rounds + 1) in all.
 */
typedef struct {
    uint64_t hpow[8][2];
    uint64_t sk[(AES_MAX_ROUNDS + 1) * 8];
} gcm_key_ct64;

/*
 * AES-NI + PCLMULQDQ, and the part of the wider strategies that their tails
 * (fewer than 16 blocks) and the standalone GHASH read. GHASH key powers are
 * byte-reversed and multiplied by x^-1 (the form the CLMUL code multiplies
 * by), in descending order: h8[j] = H^(8-j). hmid[i] packs Karatsuba's
 * middle operands (XOR of the two 64-bit halves) of h8[2i] (low 64 bits) and
 * h8[2i+1] (high 64 bits). One copy of each round key: the 256- and 512-bit
 * loops broadcast it to every lane as they load it.
 */
typedef struct {
    uint8_t h8[8][16];
    uint8_t hmid[4][16];
    uint8_t rk[AES_MAX_ROUNDS + 1][16];
} gcm_key_ni;

/*
 * VAES on 256-bit registers: H^16..H^9 just before the AES-NI part, so that
 * hhi and ni.h8 together are H^16..H^1, read as eight register pairs
 * {H^(16-2j), H^(15-2j)} (low lane first).
 */
typedef struct {
    uint8_t hhi[8][16];
    gcm_key_ni ni;
} gcm_key_vaes;

/* VAES on 512-bit registers: H^32..H^9, then the AES-NI part: H^32..H^1 in a row. */
typedef struct {
    uint8_t hhi[24][16];
    gcm_key_ni ni;
} gcm_key_vaes512;

_Static_assert(offsetof(gcm_key_vaes, ni) == sizeof(((gcm_key_vaes *)0)->hhi) &&
                   offsetof(gcm_key_vaes512, ni) == sizeof(((gcm_key_vaes512 *)0)->hhi) &&
                   offsetof(gcm_key_ni, h8) == 0,
               "key powers must be contiguous");

typedef union {
    gcm_key_ct64 ct;
    gcm_key_ni ni;
    gcm_key_vaes vaes;
    gcm_key_vaes512 vaes512;
} gcm_key_layout;

_Static_assert(sizeof(gcm_key_layout) <= sizeof(((mintls_gcm_key *)0)->opaque),
               "mintls_gcm_key too small");

/* The powers H^n..H^1 of a CLMUL strategy's key (n = 8, 16 or 32). */
static inline const uint8_t (*gcm_clmul_powers(const gcm_key_ni *ni, int n))[16]
{
    return (const uint8_t(*)[16])(const void *)((const uint8_t *)ni - 16 * (n - 8));
}

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

/* Round keys at rk[0..rounds]. */
void mintls_aesni_encrypt_block(const uint8_t (*rk)[16], int rounds,
                         const uint8_t in[16], uint8_t out[16]);
/*
 * From H = E_K(0), fills the n powers (8, 16 or 32) that end at ni->h8 (see
 * gcm_clmul_powers) and ni->hmid.
 */
void mintls_ghash_clmul_init(gcm_key_ni *ni, int n, const uint8_t hbytes[16]);
void mintls_ghash_clmul_blocks(const gcm_key_ni *k, uint8_t xi[16], const uint8_t *data, size_t nblocks);
/* CTR32 + GHASH of the ciphertext over nblocks whole blocks; enc selects direction. */
void mintls_aesni_gcm_blocks(const gcm_key_ni *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                      const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

/* ---- gcm_vaes.c: VAES + VPCLMULQDQ on 256-bit registers ----------------- */

void mintls_vaes_gcm_blocks(const gcm_key_vaes *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                     const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

/* ---- gcm_vaes512.c: VAES + VPCLMULQDQ on 512-bit registers (AVX-512) ---- */

void mintls_vaes512_gcm_blocks(const gcm_key_vaes512 *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                        const uint8_t *in, uint8_t *out, size_t nblocks, int enc);

#endif
