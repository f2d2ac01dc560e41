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

static inline uint32_t load_le32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    memcpy(p, &v, 4);
}

/*
 * The rounds run on pairs of 64-bit words (GCC/Clang vector extension; plain
 * SIMD where the target has it, scalar code elsewhere), so one pass
 * encrypts eight blocks: lane 0 holds blocks 0..3, lane 1 blocks 4..7.
 */
typedef uint64_t w64x2 __attribute__((vector_size(16)));

typedef uint16_t w16x8 __attribute__((vector_size(16)));

/* Rotations of each 64-bit lane by 16 and 32 bits, as 16-bit word shuffles. */
#if (defined(__clang__) || __GNUC__ >= 12) && \
    !(defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)
#define CT64_WORD_SHUFFLE 1
#else
#define CT64_WORD_SHUFFLE 0
#endif

static inline w64x2 rotr16_w(w64x2 x)
{
#if !CT64_WORD_SHUFFLE
    return (x >> 16) | (x << 48);
#else
    w16x8 w = (w16x8)x;
    return (w64x2)__builtin_shufflevector(w, w, 1, 2, 3, 0, 5, 6, 7, 4);
#endif
}

static inline w64x2 rotr32_w(w64x2 x)
{
#if !CT64_WORD_SHUFFLE
    return (x >> 32) | (x << 32);
#else
    w16x8 w = (w16x8)x;
    return (w64x2)__builtin_shufflevector(w, w, 2, 3, 0, 1, 6, 7, 4, 5);
#endif
}

static inline w64x2 bcast(uint64_t x)
{
    return (w64x2){x, x};
}

/* Bytes 0..3 of x to byte lanes 0, 2, 4, 6. */
static inline uint64_t spread_bytes(uint32_t v)
{
    uint64_t x = v;
    x = (x | x << 16) & 0x0000FFFF0000FFFFull;
    x = (x | x << 8) & 0x00FF00FF00FF00FFull;
    return x;
}

/* Inverse of spread_bytes (lanes 1, 3, 5, 7 must be clear). */
static inline uint32_t gather_bytes(uint64_t x)
{
    x = (x | x >> 8) & 0x0000FFFF0000FFFFull;
    x = (x | x >> 16) & 0x00000000FFFFFFFFull;
    return (uint32_t)x;
}

#define SWAPMOVE(a, b, mask, n)                                                 \
    do {                                                                        \
        uint64_t t_ = (((a) >> (n)) ^ (b)) & (mask);                            \
        (b) ^= t_;                                                              \
        (a) ^= t_ << (n);                                                       \
    } while (0)

/* Transposes the 8x8 bit matrix in every byte lane of w[0..7]; an involution. */
static inline void transpose8(uint64_t w[8])
{
    SWAPMOVE(w[0], w[1], 0x5555555555555555ull, 1);
    SWAPMOVE(w[2], w[3], 0x5555555555555555ull, 1);
    SWAPMOVE(w[4], w[5], 0x5555555555555555ull, 1);
    SWAPMOVE(w[6], w[7], 0x5555555555555555ull, 1);
    SWAPMOVE(w[0], w[2], 0x3333333333333333ull, 2);
    SWAPMOVE(w[1], w[3], 0x3333333333333333ull, 2);
    SWAPMOVE(w[4], w[6], 0x3333333333333333ull, 2);
    SWAPMOVE(w[5], w[7], 0x3333333333333333ull, 2);
    SWAPMOVE(w[0], w[4], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE(w[1], w[5], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE(w[2], w[6], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE(w[3], w[7], 0x0F0F0F0F0F0F0F0Full, 4);
}

/*
 * 64 bytes (four blocks) to bitsliced form. After the transpose, bit j of byte
 * lane p of w[.] lands at bit 8p + j of q[b]; we want bit 16r + 4c + k, so
 * w[4*(c&1) + k] byte lane 2r + (c>>1) must hold byte (r, c) of block k.
 */
static void ct64_load(uint64_t q[8], const uint8_t in[64])
{
    for (int k = 0; k < 4; k++) {
        const uint8_t *b = in + 16 * k;
        q[k] = spread_bytes(load_le32(b)) | spread_bytes(load_le32(b + 8)) << 8;
        q[4 + k] = spread_bytes(load_le32(b + 4)) | spread_bytes(load_le32(b + 12)) << 8;
    }
    transpose8(q);
}

static void ct64_store(uint8_t out[64], uint64_t q[8])
{
    transpose8(q);
    for (int k = 0; k < 4; k++) {
        uint8_t *b = out + 16 * k;
        store_le32(b, gather_bytes(q[k] & 0x00FF00FF00FF00FFull));
        store_le32(b + 8, gather_bytes((q[k] >> 8) & 0x00FF00FF00FF00FFull));
        store_le32(b + 4, gather_bytes(q[4 + k] & 0x00FF00FF00FF00FFull));
        store_le32(b + 12, gather_bytes((q[4 + k] >> 8) & 0x00FF00FF00FF00FFull));
    }
}

#if CT64_WORD_SHUFFLE
typedef uint8_t u8x16 __attribute__((vector_size(16)));
typedef uint32_t u32x4 __attribute__((vector_size(16)));

#define SWAPMOVE_W(a, b, mask, n)                                               \
    do {                                                                        \
        w64x2 t_ = (((a) >> (n)) ^ (b)) & (mask);                               \
        (b) ^= t_;                                                              \
        (a) ^= t_ << (n);                                                       \
    } while (0)

/*
 * ct64_store for both lanes at once, on the vector unit: the transpose of
 * transpose8, then each block's bytes gathered with byte shuffles (even and
 * odd bytes of w[k] and w[4+k]; see ct64_load). Blocks k and 4+k come out of
 * one word pair. out[16*j .. 16*j+15] = block j.
 */
static inline void ct64_store8_w(w64x2 out[8], w64x2 w[8])
{
    SWAPMOVE_W(w[0], w[1], 0x5555555555555555ull, 1);
    SWAPMOVE_W(w[2], w[3], 0x5555555555555555ull, 1);
    SWAPMOVE_W(w[4], w[5], 0x5555555555555555ull, 1);
    SWAPMOVE_W(w[6], w[7], 0x5555555555555555ull, 1);
    SWAPMOVE_W(w[0], w[2], 0x3333333333333333ull, 2);
    SWAPMOVE_W(w[1], w[3], 0x3333333333333333ull, 2);
    SWAPMOVE_W(w[4], w[6], 0x3333333333333333ull, 2);
    SWAPMOVE_W(w[5], w[7], 0x3333333333333333ull, 2);
    SWAPMOVE_W(w[0], w[4], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE_W(w[1], w[5], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE_W(w[2], w[6], 0x0F0F0F0F0F0F0F0Full, 4);
    SWAPMOVE_W(w[3], w[7], 0x0F0F0F0F0F0F0F0Full, 4);
    for (int k = 0; k < 4; k++) {
        u8x16 a = (u8x16)w[k], b = (u8x16)w[4 + k];
        u32x4 e = (u32x4)__builtin_shufflevector(a, b, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20,
                                                 22, 24, 26, 28, 30);
        u32x4 o = (u32x4)__builtin_shufflevector(a, b, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21,
                                                 23, 25, 27, 29, 31);
        w64x2 e2 = (w64x2)__builtin_shufflevector(e, e, 0, 2, 1, 3);
        w64x2 o2 = (w64x2)__builtin_shufflevector(o, o, 0, 2, 1, 3);
        out[k] = __builtin_shufflevector(e2, o2, 0, 2);
        out[4 + k] = __builtin_shufflevector(e2, o2, 1, 3);
    }
}
#endif

/* SubBytes on all 64 bytes: Boyar-Peralta's depth-16 circuit; x0 is the top bit. */
static inline void ct64_sbox(w64x2 q[8])
{
    w64x2 x0 = q[7], x1 = q[6], x2 = q[5], x3 = q[4];
    w64x2 x4 = q[3], x5 = q[2], x6 = q[1], x7 = q[0];
    w64x2 y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12, y13, y14, y15,
        y16, y17, y18, y19, y20, y21;
    w64x2 t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11, t12, t13, t14,
        t15, t16, t17, t18, t19, t20, t21, t22, t23, t24, t25, t26, t27, t28,
        t29, t30, t31, t32, t33, t34, t35, t36, t37, t38, t39, t40, t41, t42,
        t43, t44, t45;
    w64x2 z0, z1, z2, z3, z4, z5, z6, z7, z8, z9, z10, z11, z12, z13, z14,
        z15, z16, z17;
    w64x2 u46, u47, u48, u49, u50, u51, u52, u53, u54, u55, u56, u57, u58,
        u59, u60, u61, u62, u63, u64, u65, u66, u67;
    w64x2 s0, s1, s2, s3, s4, s5, s6, s7;

    /* top linear layer */
    y14 = x3 ^ x5;
    y13 = x0 ^ x6;
    y9 = x0 ^ x3;
    y8 = x0 ^ x5;
    t0 = x1 ^ x2;
    y1 = t0 ^ x7;
    y4 = y1 ^ x3;
    y12 = y13 ^ y14;
    y2 = y1 ^ x0;
    y5 = y1 ^ x6;
    y3 = y5 ^ y8;
    t1 = x4 ^ y12;
    y15 = t1 ^ x5;
    y20 = t1 ^ x1;
    y6 = y15 ^ x7;
    y10 = y15 ^ t0;
    y11 = y20 ^ y9;
    y7 = x7 ^ y11;
    y17 = y10 ^ y11;
    y19 = y10 ^ y8;
    y16 = t0 ^ y11;
    y21 = y13 ^ y16;
    y18 = x0 ^ y16;

    /* shared non-linear middle (inversion in GF(2^4)^2) */
    t2 = y12 & y15;
    t3 = y3 & y6;
    t4 = t3 ^ t2;
    t5 = y4 & x7;
    t6 = t5 ^ t2;
    t7 = y13 & y16;
    t8 = y5 & y1;
    t9 = t8 ^ t7;
    t10 = y2 & y7;
    t11 = t10 ^ t7;
    t12 = y9 & y11;
    t13 = y14 & y17;
    t14 = t13 ^ t12;
    t15 = y8 & y10;
    t16 = t15 ^ t12;
    t17 = t4 ^ t14;
    t18 = t6 ^ t16;
    t19 = t9 ^ t14;
    t20 = t11 ^ t16;
    t21 = t17 ^ y20;
    t22 = t18 ^ y19;
    t23 = t19 ^ y21;
    t24 = t20 ^ y18;
    t25 = t21 ^ t22;
    t26 = t21 & t23;
    t27 = t24 ^ t26;
    t28 = t25 & t27;
    t29 = t28 ^ t22;
    t30 = t23 ^ t24;
    t31 = t22 ^ t26;
    t32 = t31 & t30;
    t33 = t32 ^ t24;
    t34 = t23 ^ t33;
    t35 = t27 ^ t33;
    t36 = t24 & t35;
    t37 = t36 ^ t34;
    t38 = t27 ^ t36;
    t39 = t29 & t38;
    t40 = t25 ^ t39;
    t41 = t40 ^ t37;
    t42 = t29 ^ t33;
    t43 = t29 ^ t40;
    t44 = t33 ^ t37;
    t45 = t42 ^ t41;
    z0 = t44 & y15;
    z1 = t37 & y6;
    z2 = t33 & x7;
    z3 = t43 & y16;
    z4 = t40 & y1;
    z5 = t29 & y7;
    z6 = t42 & y11;
    z7 = t45 & y17;
    z8 = t41 & y10;
    z9 = t44 & y12;
    z10 = t37 & y3;
    z11 = t33 & y4;
    z12 = t43 & y13;
    z13 = t40 & y5;
    z14 = t29 & y2;
    z15 = t42 & y9;
    z16 = t45 & y14;
    z17 = t41 & y8;

    /* bottom linear layer (with the affine constant folded in as NOTs) */
    u46 = z15 ^ z16;
    u47 = z10 ^ z11;
    u48 = z5 ^ z13;
    u49 = z9 ^ z10;
    u50 = z2 ^ z12;
    u51 = z2 ^ z5;
    u52 = z7 ^ z8;
    u53 = z0 ^ z3;
    u54 = z6 ^ z7;
    u55 = z16 ^ z17;
    u56 = z12 ^ u48;
    u57 = u50 ^ u53;
    u58 = z4 ^ u46;
    u59 = z3 ^ u54;
    u60 = u46 ^ u57;
    u61 = z14 ^ u57;
    u62 = u52 ^ u58;
    u63 = u49 ^ u58;
    u64 = z4 ^ u59;
    u65 = u61 ^ u62;
    u66 = z1 ^ u63;
    s0 = u59 ^ u63;
    s6 = u56 ^ ~u62;
    s7 = u48 ^ ~u60;
    u67 = u64 ^ u65;
    s3 = u53 ^ u66;
    s4 = u51 ^ u66;
    s5 = u47 ^ u65;
    s1 = u64 ^ ~s3;
    s2 = u55 ^ ~u67;

    q[7] = s0;
    q[6] = s1;
    q[5] = s2;
    q[4] = s3;
    q[3] = s4;
    q[2] = s5;
    q[1] = s6;
    q[0] = s7;
}

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
