/*
 * The bitsliced AES state shared by the portable encryption (aes_ct64.c)
 * and decryption (aes_dec_ct.c): byte order helpers, the w64x2 pair of
 * 64-bit words, the load/store transposes between blocks and bit planes,
 * and the Boyar-Peralta S-box circuit (the decryption runs it between two
 * affine maps). Included by those two files only.
 */
#ifndef MINTLS_AES_CT64_INL_H
#define MINTLS_AES_CT64_INL_H

#include <stdint.h>
#include <string.h>

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

#endif
