/*
 * ChaCha20 with AVX-512: sixteen blocks side by side, one zmm register per
 * state word (lane b holds block b). Every rotation is one vprold, where
 * AVX2 needs a byte shuffle or two shifts and an OR. Fewer than sixteen
 * blocks go to the AVX2 code (chacha20_avx2.c). Only compiled into
 * functions marked target("avx512f"); chosen at run time by chacha20.c.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx2,avx512f")))

/*
 * Two quarter rounds in lock step: as in the AVX2 code, source order
 * decides register pressure (GCC does not schedule before allocation), and
 * pairs keep the 16 words, their copies and temporaries in 32 registers.
 */
#define QR2(a0, b0, c0, d0, a1, b1, c1, d1)                                   \
    do {                                                                       \
        a0 = _mm512_add_epi32(a0, b0); a1 = _mm512_add_epi32(a1, b1);          \
        d0 = _mm512_rol_epi32(_mm512_xor_si512(d0, a0), 16);                   \
        d1 = _mm512_rol_epi32(_mm512_xor_si512(d1, a1), 16);                   \
        c0 = _mm512_add_epi32(c0, d0); c1 = _mm512_add_epi32(c1, d1);          \
        b0 = _mm512_rol_epi32(_mm512_xor_si512(b0, c0), 12);                   \
        b1 = _mm512_rol_epi32(_mm512_xor_si512(b1, c1), 12);                   \
        a0 = _mm512_add_epi32(a0, b0); a1 = _mm512_add_epi32(a1, b1);          \
        d0 = _mm512_rol_epi32(_mm512_xor_si512(d0, a0), 8);                    \
        d1 = _mm512_rol_epi32(_mm512_xor_si512(d1, a1), 8);                    \
        c0 = _mm512_add_epi32(c0, d0); c1 = _mm512_add_epi32(c1, d1);          \
        b0 = _mm512_rol_epi32(_mm512_xor_si512(b0, c0), 7);                    \
        b1 = _mm512_rol_epi32(_mm512_xor_si512(b1, c1), 7);                    \
    } while (0)

static inline AVX512 void xor_store(uint8_t *out, const uint8_t *in, __m512i ks)
{
    ks = _mm512_xor_si512(ks, _mm512_loadu_si512((const void *)in));
    _mm512_storeu_si512((void *)out, ks);
}

/* Sixteen blocks with counters word12 .. word12+15: out = in ^ keystream. */
static inline __attribute__((always_inline)) AVX512 void
chacha20_x16(const uint32_t state[16], const uint8_t *in, uint8_t *out)
{
    __m512i x[16];
    for (int i = 0; i < 16; i++)
        x[i] = _mm512_set1_epi32((int)state[i]);
    /* The counter wraps modulo 2^32 per lane, as RFC 8439's 32-bit counter. */
    const __m512i ctr = _mm512_add_epi32(
        x[12], _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    x[12] = ctr;

    for (int r = 0; r < 10; r++) {
        QR2(x[0], x[4], x[8], x[12], x[1], x[5], x[9], x[13]);
        QR2(x[2], x[6], x[10], x[14], x[3], x[7], x[11], x[15]);
        QR2(x[0], x[5], x[10], x[15], x[1], x[6], x[11], x[12]);
        QR2(x[2], x[7], x[8], x[13], x[3], x[4], x[9], x[14]);
    }
    /* The input words again: broadcasts from memory, no registers held. */
    for (int i = 0; i < 16; i++)
        x[i] = _mm512_add_epi32(x[i], i == 12 ? ctr : _mm512_set1_epi32((int)state[i]));

    /*
     * Transpose 4x4 within each 128-bit lane: for word group g, y[g][j]
     * holds words 4g..4g+3 of blocks j, j+4, j+8, j+12 (lanes 0..3).
     */
    __m512i y[4][4];
    for (int g = 0; g < 4; g++) {
        __m512i t0 = _mm512_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        __m512i t1 = _mm512_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        __m512i t2 = _mm512_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        __m512i t3 = _mm512_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        y[g][0] = _mm512_unpacklo_epi64(t0, t2);
        y[g][1] = _mm512_unpackhi_epi64(t0, t2);
        y[g][2] = _mm512_unpacklo_epi64(t1, t3);
        y[g][3] = _mm512_unpackhi_epi64(t1, t3);
    }
    /*
     * Gather lane k of y[0..3][j] into block 4k + j: first pairs of lanes
     * (0,1 / 2,3) from groups 0,1 and 2,3, then every other lane of those.
     */
    for (int j = 0; j < 4; j++) {
        __m512i a = _mm512_shuffle_i32x4(y[0][j], y[1][j], 0x44); /* 0.0 0.1 1.0 1.1 */
        __m512i a2 = _mm512_shuffle_i32x4(y[0][j], y[1][j], 0xee); /* 0.2 0.3 1.2 1.3 */
        __m512i b = _mm512_shuffle_i32x4(y[2][j], y[3][j], 0x44);
        __m512i b2 = _mm512_shuffle_i32x4(y[2][j], y[3][j], 0xee);
        size_t o = 64 * (size_t)j;
        xor_store(out + o, in + o, _mm512_shuffle_i32x4(a, b, 0x88));
        xor_store(out + o + 256, in + o + 256, _mm512_shuffle_i32x4(a, b, 0xdd));
        xor_store(out + o + 512, in + o + 512, _mm512_shuffle_i32x4(a2, b2, 0x88));
        xor_store(out + o + 768, in + o + 768, _mm512_shuffle_i32x4(a2, b2, 0xdd));
    }
    /*
     * No wipe of x and y: they live in registers and spill slots no C code
     * can reach, as in the AVX2 code; callers wipe keystream in memory.
     */
}

/*
 * Two blocks (word12 and word12 + 1) in row layout, as the AVX2 row code
 * (chacha20_avx2.c) but with vprold on ymm (AVX-512VL): this is the
 * latency-bound start of every AEAD record (Poly1305 key and first data
 * block), and one-instruction rotates shorten its chain.
 */
#define AVX512VL __attribute__((target("avx2,avx512f,avx512vl")))

static inline AVX512VL void rows_half_round(__m256i *a, __m256i *b, __m256i *c, __m256i *d)
{
    *a = _mm256_add_epi32(*a, *b); *d = _mm256_rol_epi32(_mm256_xor_si256(*d, *a), 16);
    *c = _mm256_add_epi32(*c, *d); *b = _mm256_rol_epi32(_mm256_xor_si256(*b, *c), 12);
    *a = _mm256_add_epi32(*a, *b); *d = _mm256_rol_epi32(_mm256_xor_si256(*d, *a), 8);
    *c = _mm256_add_epi32(*c, *d); *b = _mm256_rol_epi32(_mm256_xor_si256(*b, *c), 7);
}

AVX512VL void mintls_chacha20_keystream2_avx512(const uint32_t state[16], uint8_t out[128])
{
    __m256i a0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)state));
    __m256i b0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 4)));
    __m256i c0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 8)));
    __m256i d0 = _mm256_add_epi32(
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 12))),
        _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));
    __m256i a = a0, b = b0, c = c0, d = d0;
    for (int r = 0; r < 10; r++) {
        /* Columns, then diagonals: rotate rows b, c, d by one, two, three words. */
        rows_half_round(&a, &b, &c, &d);
        b = _mm256_shuffle_epi32(b, _MM_SHUFFLE(0, 3, 2, 1));
        c = _mm256_shuffle_epi32(c, _MM_SHUFFLE(1, 0, 3, 2));
        d = _mm256_shuffle_epi32(d, _MM_SHUFFLE(2, 1, 0, 3));
        rows_half_round(&a, &b, &c, &d);
        b = _mm256_shuffle_epi32(b, _MM_SHUFFLE(2, 1, 0, 3));
        c = _mm256_shuffle_epi32(c, _MM_SHUFFLE(1, 0, 3, 2));
        d = _mm256_shuffle_epi32(d, _MM_SHUFFLE(0, 3, 2, 1));
    }
    a = _mm256_add_epi32(a, a0);
    b = _mm256_add_epi32(b, b0);
    c = _mm256_add_epi32(c, c0);
    d = _mm256_add_epi32(d, d0);
    _mm256_storeu_si256((__m256i *)out, _mm256_permute2x128_si256(a, b, 0x20));
    _mm256_storeu_si256((__m256i *)(out + 32), _mm256_permute2x128_si256(c, d, 0x20));
    _mm256_storeu_si256((__m256i *)(out + 64), _mm256_permute2x128_si256(a, b, 0x31));
    _mm256_storeu_si256((__m256i *)(out + 96), _mm256_permute2x128_si256(c, d, 0x31));
}

AVX512 void mintls_chacha20_blocks_avx512(uint32_t state[16], const uint8_t *in,
                                          uint8_t *out, size_t nblocks)
{
    while (nblocks >= 16) {
        chacha20_x16(state, in, out);
        state[12] += 16;
        in += 1024;
        out += 1024;
        nblocks -= 16;
    }
    if (nblocks > 0)
        mintls_chacha20_blocks_avx2(state, in, out, nblocks);
}

#else
typedef int mintls_chacha20_avx512_unused;
#endif
