/*
 * Portable constant-time AES (encryption only), bitsliced over 64-bit words.
 *
 * Four blocks are bitsliced into eight words q[0..7]: q[b] holds bit b of
 * each of the 64 state bytes. Byte (row r, column c) of block k sits at bit
 * 16*r + 4*c + k, so a row is a 16-bit lane of every word: ShiftRows rotates
 * inside each lane, and the row rotation of MixColumns is a 64-bit rotate.
 * The rounds run on two such sets at once (eight blocks per pass).
 * SubBytes is the Boyar-Peralta circuit (113 gates): no table, no branch, no
 * secret-indexed memory access anywhere.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/gcm_impl.h"
#include "internal/ghash_ct_inl.h"

#include "internal/aes_ct64_inl.h"

/*
 * Row r of the state is the 16-bit lane r; rotate lane r right by 4r bits:
 * first lanes 2 and 3 by 8, then lanes 1 and 3 by 4.
 */
static inline w64x2 shift_rows_word(w64x2 x)
{
    x = (x & 0x00000000FFFFFFFFull) | ((x >> 8) & 0x00FF00FF00000000ull) |
        ((x << 8) & 0xFF00FF0000000000ull);
    return (x & 0x0000FFFF0000FFFFull) | ((x >> 4) & 0x0FFF00000FFF0000ull) |
           ((x << 12) & 0xF0000000F0000000ull);
}

/*
 * out(r) = 2a(r) + 3a(r+1) + a(r+2) + a(r+3) = xtime(t)(r) + a(r+1) + t(r+2)
 * with t = a + a(r+1); "row r+1" is a rotate right by 16.
 */
static inline void shift_rows_mix_columns(w64x2 q[8])
{
    w64x2 a[8], t[8];
    for (int b = 0; b < 8; b++) {
        a[b] = shift_rows_word(q[b]);
        t[b] = a[b] ^ rotr16_w(a[b]);
    }
    w64x2 x[8];
    x[0] = t[7];
    x[1] = t[0] ^ t[7];
    x[2] = t[1];
    x[3] = t[2] ^ t[7];
    x[4] = t[3] ^ t[7];
    x[5] = t[4];
    x[6] = t[5];
    x[7] = t[6];
    for (int b = 0; b < 8; b++)
        q[b] = x[b] ^ rotr16_w(a[b]) ^ rotr32_w(t[b]);
}

static inline void add_round_key(w64x2 q[8], const uint64_t *sk)
{
    for (int b = 0; b < 8; b++)
        q[b] ^= bcast(sk[b]);
}

static inline void add_round_key_w(w64x2 q[8], const w64x2 *rk)
{
    for (int b = 0; b < 8; b++)
        q[b] ^= rk[b];
}

static void ct64_encrypt(const uint64_t *sk, int rounds, w64x2 q[8])
{
    add_round_key(q, sk);
    for (int r = 1; r < rounds; r++) {
        ct64_sbox(q);
        shift_rows_mix_columns(q);
        add_round_key(q, sk + 8 * r);
    }
    ct64_sbox(q);
    for (int b = 0; b < 8; b++)
        q[b] = shift_rows_word(q[b]);
    add_round_key(q, sk + 8 * rounds);
}

/* SubWord on a 32-bit word (as four bytes in memory order). */
static void sub_word(uint8_t w[4])
{
    uint8_t blk[64] = {0};
    uint64_t q[8];
    w64x2 v[8];
    memcpy(blk, w, 4);
    ct64_load(q, blk);
    for (int b = 0; b < 8; b++)
        v[b] = bcast(q[b]);
    ct64_sbox(v);
    for (int b = 0; b < 8; b++)
        q[b] = v[b][0];
    ct64_store(blk, q);
    memcpy(w, blk, 4);
    ct_wipe(blk, sizeof(blk));
    ct_wipe(q, sizeof(q));
    ct_wipe(v, sizeof(v));
}

int mintls_aes_ct64_expand_key(uint8_t rk[AES_MAX_ROUNDS + 1][16], const uint8_t *key, size_t key_len)
{
    int nk, rounds;
    if (key_len == 16) {
        nk = 4;
        rounds = 10;
    } else if (key_len == 24) {
        nk = 6;
        rounds = 12;
    } else if (key_len == 32) {
        nk = 8;
        rounds = 14;
    } else {
        return 0;
    }
    uint8_t w[4 * (AES_MAX_ROUNDS + 1)][4];
    uint8_t rcon = 1;
    memcpy(w, key, key_len);
    for (int i = nk; i < 4 * (rounds + 1); i++) {
        uint8_t t[4];
        memcpy(t, w[i - 1], 4);
        if (i % nk == 0) {
            uint8_t t0 = t[0];
            t[0] = t[1];
            t[1] = t[2];
            t[2] = t[3];
            t[3] = t0;
            sub_word(t);
            t[0] ^= rcon;
            rcon = (uint8_t)((rcon << 1) ^ (0x1b & (0u - (rcon >> 7))));
        } else if (nk > 6 && i % nk == 4) {
            sub_word(t);
        }
        for (int j = 0; j < 4; j++)
            w[i][j] = (uint8_t)(w[i - nk][j] ^ t[j]);
        ct_wipe(t, sizeof(t));
    }
    memcpy(rk, w, 16 * (size_t)(rounds + 1));
    ct_wipe(w, sizeof(w));
    return rounds;
}

void mintls_aes_ct64_bitslice_keys(uint64_t *sk,
                            const uint8_t (*rk)[16], int rounds)
{
    uint8_t blk[64];
    for (int r = 0; r <= rounds; r++) {
        for (int k = 0; k < 4; k++)
            memcpy(blk + 16 * k, rk[r], 16);
        ct64_load(sk + 8 * r, blk);
    }
    ct_wipe(blk, sizeof(blk));
}

/* Encrypts the eight blocks at in[0..127] into out. */
static void ct64_encrypt8(const uint64_t *sk, int rounds, const uint8_t in[128], uint8_t out[128])
{
    uint64_t q0[8], q1[8];
    w64x2 v[8];
    ct64_load(q0, in);
    ct64_load(q1, in + 64);
    for (int b = 0; b < 8; b++)
        v[b] = (w64x2){q0[b], q1[b]};
    ct64_encrypt(sk, rounds, v);
    for (int b = 0; b < 8; b++) {
        q0[b] = v[b][0];
        q1[b] = v[b][1];
    }
    ct64_store(out, q0);
    ct64_store(out + 64, q1);
    ct_wipe(q0, sizeof(q0));
    ct_wipe(q1, sizeof(q1));
    ct_wipe(v, sizeof(v));
}

void mintls_aes_ct64_encrypt_block(const uint64_t *sk, int rounds, const uint8_t in[16], uint8_t out[16])
{
    uint8_t blk[128] = {0};
    memcpy(blk, in, 16);
    ct64_encrypt8(sk, rounds, blk, blk);
    memcpy(out, blk, 16);
    ct_wipe(blk, sizeof(blk));
}

void mintls_aes_ct64_ctr32(const uint64_t *sk, int rounds, uint8_t ctr[16],
                    const uint8_t *in, uint8_t *out, size_t nblocks)
{
    uint8_t blk[128], ks[128];
    uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 |
                 (uint32_t)ctr[14] << 8 | ctr[15];
    for (int k = 0; k < 8; k++)
        memcpy(blk + 16 * k, ctr, 12);
    while (nblocks > 0) {
        size_t n = nblocks < 8 ? nblocks : 8;
        for (int k = 0; k < 8; k++) {
            uint32_t ck = c + (uint32_t)k;
            blk[16 * k + 12] = (uint8_t)(ck >> 24);
            blk[16 * k + 13] = (uint8_t)(ck >> 16);
            blk[16 * k + 14] = (uint8_t)(ck >> 8);
            blk[16 * k + 15] = (uint8_t)ck;
        }
        ct64_encrypt8(sk, rounds, blk, ks);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = in[i] ^ ks[i];
        c += (uint32_t)n;
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    ctr[12] = (uint8_t)(c >> 24);
    ctr[13] = (uint8_t)(c >> 16);
    ctr[14] = (uint8_t)(c >> 8);
    ctr[15] = (uint8_t)c;
    ct_wipe(ks, sizeof(ks));
}

/*
 * Adds 8 to each of the eight bitsliced counter blocks (32-bit big-endian
 * counter in bytes 12..15, wrapping). Counter bit j is bit j mod 8 of byte
 * 15 - j/8, that is row 3 - j/8 of column 3: bits 16r + 12 .. 16r + 15 of
 * word j mod 8, one bit per block. A ripple-carry adder on those positions.
 */
static inline void ctr_add8(w64x2 cb[8])
{
    w64x2 carry = bcast(0xF000000000000000ull);
    for (int j = 3; j < 32; j++) {
        if (j > 3 && (j & 7) == 0)
            carry >>= 16;
        w64x2 t = cb[j & 7] & carry;
        cb[j & 7] ^= carry;
        carry = t;
    }
}

/*
 * GCM's bulk loop: CTR on eight blocks per pass with GHASH of eight blocks
 * interleaved between the rounds (one block per round, its three partial
 * products spread over the round). The AES rounds run on the vector unit and
 * GHASH on the integer multiplier, so an out-of-order core overlaps the two;
 * the overlap only happened once the multiplies were spread thinly (one whole
 * GF(2^128) product per round left the two almost serial). Encryption hashes
 * the previous pass's output; decryption hashes the pass's own input, read
 * before it is overwritten.
 *
 * Per-pass costs kept off the rounds: the counter blocks stay bitsliced and
 * are incremented there (ctr_add8), the keystream leaves bitsliced form on the
 * vector unit (ct64_store8_w), and GHASH reduces once per pass (key powers
 * H^1..H^8 from gcm_key_ct64.hpow).
 */
void mintls_aes_ct64_gcm_blocks(const gcm_key_ct64 *k, int rounds, uint8_t ctr[16], uint8_t xi[16],
                         const uint8_t *in, uint8_t *out, size_t nblocks, int enc)
{
    uint8_t blk[128], ks[128];
    /* Round keys broadcast to both lanes once per call, not once per pass. */
    w64x2 rk[(AES_MAX_ROUNDS + 1) * 8];
    uint64_t q0[8], q1[8];
    w64x2 v[8];
    uint64_t x1 = load_be64(xi), x0 = load_be64(xi + 8);
    /* hsp[i]: H^(i+1) split for clmul64; hsp[0] is H. */
    y5 hsp[8][3];
    for (int i = 0; i < 8; i++) {
        hsp[i][0] = split5(k->hpow[i][1]);
        hsp[i][1] = split5(k->hpow[i][0]);
        hsp[i][2] = split5(k->hpow[i][0] ^ k->hpow[i][1]);
    }
    const uint8_t *pend = NULL; /* encryption: output of the previous pass */
    size_t npend = 0;
    uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 |
                 (uint32_t)ctr[14] << 8 | ctr[15];

    for (int i = 0; i < 8 * (rounds + 1); i++)
        rk[i] = bcast(k->sk[i]);
    /* The eight counter blocks, bitsliced once; later passes add 8 in place. */
    w64x2 cb[8], kw[8];
    for (int i = 0; i < 8; i++) {
        uint32_t ci = c + (uint32_t)i;
        memcpy(blk + 16 * i, ctr, 12);
        blk[16 * i + 12] = (uint8_t)(ci >> 24);
        blk[16 * i + 13] = (uint8_t)(ci >> 16);
        blk[16 * i + 14] = (uint8_t)(ci >> 8);
        blk[16 * i + 15] = (uint8_t)ci;
    }
    ct64_load(q0, blk);
    ct64_load(q1, blk + 64);
    for (int b = 0; b < 8; b++)
        cb[b] = (w64x2){q0[b], q1[b]};
    while (nblocks > 0) {
        size_t n = nblocks < 8 ? nblocks : 8;
        const uint8_t *g = enc ? pend : in;
        size_t ng = enc ? npend : n;
        for (int b = 0; b < 8; b++)
            v[b] = cb[b] ^ rk[b];
        ctr_add8(cb);
        /*
         * The ng blocks hashed this pass are multiplied by H^ng .. H^1 (the
         * first with the running hash added): independent products summed
         * unreduced, one reduction per pass.
         */
        uint64_t acc[6] = {0, 0, 0, 0, 0, 0};
        for (int r = 1; r < rounds; r++) {
            int gh = (size_t)(r - 1) < ng;
            const y5 *hj = hsp[gh ? ng - (size_t)r : 0];
            uint64_t a1 = 0, a0 = 0;
            if (gh) {
                a1 = load_be64(g + 16 * (r - 1));
                a0 = load_be64(g + 16 * (r - 1) + 8);
                if (r == 1) {
                    a1 ^= x1;
                    a0 ^= x0;
                }
                clmul64_acc(a0, &hj[0], &acc[1], &acc[0]);
            }
            ct64_sbox(v);
            if (gh)
                clmul64_acc(a1, &hj[1], &acc[3], &acc[2]);
            shift_rows_mix_columns(v);
            if (gh)
                clmul64_acc(a0 ^ a1, &hj[2], &acc[5], &acc[4]);
            add_round_key_w(v, rk + 8 * r);
        }
        ct64_sbox(v);
        for (int b = 0; b < 8; b++)
            v[b] = shift_rows_word(v[b]);
        add_round_key_w(v, rk + 8 * rounds);
        if (ng > 0)
            gf128_reduce(acc, &x1, &x0);
#if CT64_WORD_SHUFFLE
        ct64_store8_w(kw, v);
        if (n == 8) {
            for (int i = 0; i < 8; i++) {
                w64x2 d;
                memcpy(&d, in + 16 * i, 16);
                d ^= kw[i];
                memcpy(out + 16 * i, &d, 16);
            }
        } else {
            memcpy(ks, kw, sizeof(ks));
            for (size_t i = 0; i < 16 * n; i++)
                out[i] = in[i] ^ ks[i];
        }
#else
        for (int b = 0; b < 8; b++) {
            q0[b] = v[b][0];
            q1[b] = v[b][1];
        }
        ct64_store(ks, q0);
        ct64_store(ks + 64, q1);
        for (size_t i = 0; i < 16 * n; i++)
            out[i] = in[i] ^ ks[i];
#endif
        pend = out;
        npend = n;
        c += (uint32_t)n;
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    if (enc) {
        for (size_t i = 0; i < npend; i++) {
            x1 ^= load_be64(pend + 16 * i);
            x0 ^= load_be64(pend + 16 * i + 8);
            gf128_mul(&x1, &x0, hsp[0]);
        }
    }
    ctr[12] = (uint8_t)(c >> 24);
    ctr[13] = (uint8_t)(c >> 16);
    ctr[14] = (uint8_t)(c >> 8);
    ctr[15] = (uint8_t)c;
    store_be64(xi, x1);
    store_be64(xi + 8, x0);
    ct_wipe(ks, sizeof(ks));
    ct_wipe(q0, sizeof(q0));
    ct_wipe(q1, sizeof(q1));
    ct_wipe(v, sizeof(v));
    ct_wipe(hsp, sizeof(hsp));
    ct_wipe(rk, sizeof(rk));
    ct_wipe(cb, sizeof(cb));
    ct_wipe(kw, sizeof(kw));
    ct_wipe(blk, sizeof(blk));
}
