/*
 * The AES inverse cipher (FIPS-197 section 5.3), portable and constant time,
 * bitsliced like the encryption in aes_ct64.c and sharing its state layout
 * and key schedule (mintls_aes_ct64_bitslice_keys): eight words q[0..7],
 * q[b] holding bit b of every state byte, byte (row r, column c) of block k
 * at bit 16*r + 4*c + k; a pair of such sets (eight blocks) per pass.
 *
 * InvSubBytes reuses the forward S-box circuit. With A the linear part of the
 * forward affine map, S(x) = A(x^-1) + 0x63, and B(y) = A^-1(y) + 0x05 its
 * inverse (A^-1(0x63) = 0x05). Then S^-1(y) = B(y)^-1, and since
 * B(S(z)) = z^-1, S^-1(y) = B(S(B(y))): the forward circuit between two
 * copies of B. A^-1(y) = rotl(y,1) + rotl(y,3) + rotl(y,6) is a few XORs
 * on the bit planes.
 *
 * InvMixColumns is MixColumns after a cheap pre-map: as polynomials over
 * GF(2^8) mod x^4 + 1, (03x^3 + 01x^2 + 01x + 02)(04x^2 + 05) =
 * 0Bx^3 + 0Dx^2 + 09x + 0E, so out = MixColumns(a(r) + 4(a(r) + a(r+2))).
 *
 * No table, no branch and no memory index depends on the key or the data.
 *
 * The load/store transposes and the S-box circuit are aes_ct64.c's, shared
 * through internal/aes_ct64_inl.h.
 */
#include "internal/aes_cbc.h"

#include <string.h>

#include "internal/ct.h"
#include "internal/gcm_impl.h"

#include "internal/aes_ct64_inl.h"

/* B(y) = A^-1(y) + 0x05: bit i is y(i-1) + y(i-3) + y(i-6), negated for i = 0, 2. */
static inline void inv_affine(w64x2 q[8])
{
    w64x2 t[8];
    for (int i = 0; i < 8; i++)
        t[i] = q[(i + 7) & 7] ^ q[(i + 5) & 7] ^ q[(i + 2) & 7];
    t[0] = ~t[0];
    t[2] = ~t[2];
    for (int i = 0; i < 8; i++)
        q[i] = t[i];
}

/* InvSubBytes on all 128 bytes: B, the forward S-box, B (see the top). */
static inline void inv_sbox(w64x2 q[8])
{
    inv_affine(q);
    ct64_sbox(q);
    inv_affine(q);
}

/*
 * InvShiftRows: row r (16-bit lane r) rotates left by 4r bits, the mirror of
 * aes_ct64.c's shift_rows_word: lanes 2 and 3 by 8, then lanes 1 and 3 by 4.
 */
static inline w64x2 inv_shift_rows_word(w64x2 x)
{
    x = (x & 0x00000000FFFFFFFFull) | ((x >> 8) & 0x00FF00FF00000000ull) |
        ((x << 8) & 0xFF00FF0000000000ull);
    return (x & 0x0000FFFF0000FFFFull) | ((x << 4) & 0xFFF00000FFF00000ull) |
           ((x >> 12) & 0x000F0000000F0000ull);
}

/* Multiplication by x (xtime) of every byte, on the bit planes. */
static inline void xtime_planes(w64x2 y[8], const w64x2 t[8])
{
    w64x2 hi = t[7];
    y[7] = t[6];
    y[6] = t[5];
    y[5] = t[4];
    y[4] = t[3] ^ hi;
    y[3] = t[2] ^ hi;
    y[2] = t[1];
    y[1] = t[0] ^ hi;
    y[0] = hi;
}

/*
 * InvMixColumns = MixColumns(a(r) + 4(a(r) + a(r+2))). MixColumns itself as
 * in aes_ct64.c: out(r) = xtime(t)(r) + a(r+1) + t(r+2), t = a + a(r+1).
 */
static inline void inv_mix_columns(w64x2 q[8])
{
    w64x2 d[8], d2[8], d4[8], t[8], x[8];
    for (int b = 0; b < 8; b++)
        d[b] = q[b] ^ rotr32_w(q[b]);
    xtime_planes(d2, d);
    xtime_planes(d4, d2);
    for (int b = 0; b < 8; b++) {
        q[b] ^= d4[b];
        t[b] = q[b] ^ rotr16_w(q[b]);
    }
    xtime_planes(x, t);
    for (int b = 0; b < 8; b++)
        q[b] = x[b] ^ rotr16_w(q[b]) ^ rotr32_w(t[b]);
}

static inline void add_round_key(w64x2 q[8], const w64x2 *rk)
{
    for (int b = 0; b < 8; b++)
        q[b] ^= rk[b];
}

/* The inverse cipher on eight bitsliced blocks; rk is the broadcast schedule. */
static void ct64_decrypt(const w64x2 *rk, int rounds, w64x2 q[8])
{
    add_round_key(q, rk + 8 * rounds);
    for (int r = rounds - 1; r > 0; r--) {
        for (int b = 0; b < 8; b++)
            q[b] = inv_shift_rows_word(q[b]);
        inv_sbox(q);
        add_round_key(q, rk + 8 * r);
        inv_mix_columns(q);
    }
    for (int b = 0; b < 8; b++)
        q[b] = inv_shift_rows_word(q[b]);
    inv_sbox(q);
    add_round_key(q, rk);
}

void mintls_aes_ct_decrypt_blocks(const uint64_t *sk, int rounds, const uint8_t *in,
                                  uint8_t *out, size_t nblocks)
{
    /* Round keys broadcast to both lanes once per call, not once per pass. */
    w64x2 rk[(AES_MAX_ROUNDS + 1) * 8];
    uint8_t blk[128];
    uint64_t q0[8], q1[8];
    w64x2 v[8];
    for (int i = 0; i < 8 * (rounds + 1); i++)
        rk[i] = bcast(sk[i]);
    while (nblocks > 0) {
        size_t n = nblocks < 8 ? nblocks : 8;
        /* A short tail is padded with zero blocks whose output is dropped. */
        memset(blk, 0, sizeof(blk));
        memcpy(blk, in, 16 * n);
        ct64_load(q0, blk);
        ct64_load(q1, blk + 64);
        for (int b = 0; b < 8; b++)
            v[b] = (w64x2){q0[b], q1[b]};
        ct64_decrypt(rk, rounds, v);
        for (int b = 0; b < 8; b++) {
            q0[b] = v[b][0];
            q1[b] = v[b][1];
        }
        ct64_store(blk, q0);
        ct64_store(blk + 64, q1);
        memcpy(out, blk, 16 * n);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    ct_wipe(blk, sizeof(blk));
    ct_wipe(q0, sizeof(q0));
    ct_wipe(q1, sizeof(q1));
    ct_wipe(v, sizeof(v));
    ct_wipe(rk, sizeof(rk));
}
