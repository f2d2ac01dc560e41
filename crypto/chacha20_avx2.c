/*
 * ChaCha20 with AVX2: eight blocks side by side, one ymm register per state
 * word (lane b holds block b). Rotations by 16 and 8 are byte shuffles, by 12
 * and 7 shift pairs. Only compiled into functions marked target("avx2");
 * chosen at run time by chacha20.c.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

static inline AVX2 __m256i rotl16(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15,
                                       12, 13, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9,
                                       14, 15, 12, 13);
    return _mm256_shuffle_epi8(x, m);
}

static inline AVX2 __m256i rotl8(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12,
                                       13, 14, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10,
                                       15, 12, 13, 14);
    return _mm256_shuffle_epi8(x, m);
}

static inline AVX2 __m256i rotl12(__m256i x)
{
    return _mm256_or_si256(_mm256_slli_epi32(x, 12), _mm256_srli_epi32(x, 20));
}

static inline AVX2 __m256i rotl7(__m256i x)
{
    return _mm256_or_si256(_mm256_slli_epi32(x, 7), _mm256_srli_epi32(x, 25));
}

/*
 * Four quarter rounds in lock step, one step at a time across the four:
 * GCC does not reorder before register allocation on x86, so this order is
 * what keeps the four independent chains overlapped with few spills.
 */
#define ADD4(a0, b0, a1, b1, a2, b2, a3, b3)                                   \
    do {                                                                       \
        a0 = _mm256_add_epi32(a0, b0); a1 = _mm256_add_epi32(a1, b1);          \
        a2 = _mm256_add_epi32(a2, b2); a3 = _mm256_add_epi32(a3, b3);          \
    } while (0)
#define XROT4(d0, a0, d1, a1, d2, a2, d3, a3, rot)                             \
    do {                                                                       \
        d0 = rot(_mm256_xor_si256(d0, a0)); d1 = rot(_mm256_xor_si256(d1, a1));  \
        d2 = rot(_mm256_xor_si256(d2, a2)); d3 = rot(_mm256_xor_si256(d3, a3));  \
    } while (0)
#define QR4(a0, b0, c0, d0, a1, b1, c1, d1, a2, b2, c2, d2, a3, b3, c3, d3)   \
    do {                                                                       \
        ADD4(a0, b0, a1, b1, a2, b2, a3, b3);                                  \
        XROT4(d0, a0, d1, a1, d2, a2, d3, a3, rotl16);                         \
        ADD4(c0, d0, c1, d1, c2, d2, c3, d3);                                  \
        XROT4(b0, c0, b1, c1, b2, c2, b3, c3, rotl12);                         \
        ADD4(a0, b0, a1, b1, a2, b2, a3, b3);                                  \
        XROT4(d0, a0, d1, a1, d2, a2, d3, a3, rotl8);                          \
        ADD4(c0, d0, c1, d1, c2, d2, c3, d3);                                  \
        XROT4(b0, c0, b1, c1, b2, c2, b3, c3, rotl7);                          \
    } while (0)

#define QR2(a0, b0, c0, d0, a1, b1, c1, d1)                                   \
    do {                                                                       \
        a0 = _mm256_add_epi32(a0, b0); a1 = _mm256_add_epi32(a1, b1);          \
        d0 = rotl16(_mm256_xor_si256(d0, a0)); d1 = rotl16(_mm256_xor_si256(d1, a1)); \
        c0 = _mm256_add_epi32(c0, d0); c1 = _mm256_add_epi32(c1, d1);          \
        b0 = rotl12(_mm256_xor_si256(b0, c0)); b1 = rotl12(_mm256_xor_si256(b1, c1)); \
        a0 = _mm256_add_epi32(a0, b0); a1 = _mm256_add_epi32(a1, b1);          \
        d0 = rotl8(_mm256_xor_si256(d0, a0)); d1 = rotl8(_mm256_xor_si256(d1, a1)); \
        c0 = _mm256_add_epi32(c0, d0); c1 = _mm256_add_epi32(c1, d1);          \
        b0 = rotl7(_mm256_xor_si256(b0, c0)); b1 = rotl7(_mm256_xor_si256(b1, c1)); \
    } while (0)

static inline AVX2 void xor_store(uint8_t *out, const uint8_t *in, __m256i ks)
{
    if (in != NULL)
        ks = _mm256_xor_si256(ks, _mm256_loadu_si256((const __m256i *)in));
    _mm256_storeu_si256((__m256i *)out, ks);
}

/*
 * Eight blocks with counters word12 .. word12+7: out = in ^ keystream, or
 * the keystream alone when in is NULL.
 */
static inline AVX2 void chacha20_x8(const uint32_t state[16], const uint8_t *in,
                                    uint8_t *out)
{
    __m256i s[16], x[16];
    for (int i = 0; i < 16; i++)
        s[i] = _mm256_set1_epi32((int)state[i]);
    s[12] = _mm256_add_epi32(s[12], _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    for (int i = 0; i < 16; i++)
        x[i] = s[i];

    for (int r = 0; r < 10; r++) {
        QR2(x[0], x[4], x[8], x[12], x[1], x[5], x[9], x[13]);
        QR2(x[2], x[6], x[10], x[14], x[3], x[7], x[11], x[15]);
        QR2(x[0], x[5], x[10], x[15], x[1], x[6], x[11], x[12]);
        QR2(x[2], x[7], x[8], x[13], x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        x[i] = _mm256_add_epi32(x[i], s[i]);

    /*
     * Transpose 4x4 within each 128-bit half: for word group g, y[g][b] holds
     * words 4g..4g+3 of block b (low half) and of block b+4 (high half).
     */
    __m256i y[4][4];
    for (int g = 0; g < 4; g++) {
        __m256i t0 = _mm256_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t1 = _mm256_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t2 = _mm256_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        __m256i t3 = _mm256_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        y[g][0] = _mm256_unpacklo_epi64(t0, t2);
        y[g][1] = _mm256_unpackhi_epi64(t0, t2);
        y[g][2] = _mm256_unpacklo_epi64(t1, t3);
        y[g][3] = _mm256_unpackhi_epi64(t1, t3);
    }
    for (int b = 0; b < 4; b++) {
        size_t lo = 64 * (size_t)b, hi = 64 * (size_t)(b + 4);
        xor_store(out + lo, in ? in + lo : NULL,
                  _mm256_permute2x128_si256(y[0][b], y[1][b], 0x20));
        xor_store(out + lo + 32, in ? in + lo + 32 : NULL,
                  _mm256_permute2x128_si256(y[2][b], y[3][b], 0x20));
        xor_store(out + hi, in ? in + hi : NULL,
                  _mm256_permute2x128_si256(y[0][b], y[1][b], 0x31));
        xor_store(out + hi + 32, in ? in + hi + 32 : NULL,
                  _mm256_permute2x128_si256(y[2][b], y[3][b], 0x31));
    }
}

AVX2 void mintls_chacha20_blocks_avx2(uint32_t state[16], const uint8_t *in,
                                      uint8_t *out, size_t nblocks)
{
    while (nblocks >= 8) {
        chacha20_x8(state, in, out);
        state[12] += 8;
        in += 512;
        out += 512;
        nblocks -= 8;
    }
    if (nblocks > 0) {
        _Alignas(32) uint8_t ks[512];
        chacha20_x8(state, NULL, ks);
        for (size_t i = 0; i < nblocks * 64; i++)
            out[i] = in[i] ^ ks[i];
        state[12] += (uint32_t)nblocks;
        ct_wipe(ks, sizeof(ks));
    }
}

#else
typedef int mintls_chacha20_avx2_unused;
#endif
