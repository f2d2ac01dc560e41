/*
 * SHA-256 block function with the Intel SHA extensions (SHA256RNDS2,
 * SHA256MSG1, SHA256MSG2), written from Intel's description of the
 * instructions. The instructions keep the state as two vectors, ABEF and
 * CDGH, and do two rounds per SHA256RNDS2, taking W[t]+K[t] from the low 64
 * bits of the third operand.
 */
#include "internal/digest.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds t..t+3 with message words m (W[t..t+3] in lanes 0..3). */
#define QROUNDS(m, t)                                                               \
    do {                                                                            \
        __m128i wk_ = _mm_add_epi32((m), _mm_load_si128((const __m128i *)&mintls_sha256_k[t])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk_);                              \
        wk_ = _mm_shuffle_epi32(wk_, 0x0e);                                         \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, wk_);                              \
    } while (0)

/* m0 = W[t..t+3] from m0 = W[t-16..], m1 = W[t-12..], m2 = W[t-8..], m3 = W[t-4..]. */
#define SCHED(m0, m1, m2, m3)                                                  \
    (m0) = _mm_sha256msg2_epu32(                                               \
        _mm_add_epi32(_mm_sha256msg1_epu32((m0), (m1)), _mm_alignr_epi8((m3), (m2), 4)), (m3))

SHANI_TARGET
void mintls_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    while (nblocks--) {
        __m128i save_abef = abef, save_cdgh = cdgh;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);

        QROUNDS(m0, 0);
        QROUNDS(m1, 4);
        QROUNDS(m2, 8);
        QROUNDS(m3, 12);
        for (int t = 16; t < 64; t += 16) {
            SCHED(m0, m1, m2, m3);
            QROUNDS(m0, t);
            SCHED(m1, m2, m3, m0);
            QROUNDS(m1, t + 4);
            SCHED(m2, m3, m0, m1);
            QROUNDS(m2, t + 8);
            SCHED(m3, m0, m1, m2);
            QROUNDS(m3, t + 12);
        }
        abef = _mm_add_epi32(abef, save_abef);
        cdgh = _mm_add_epi32(cdgh, save_cdgh);
        p += 64;
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    dcba = _mm_blend_epi16(feba, dchg, 0xf0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128((__m128i *)&h[0], dcba);
    _mm_storeu_si128((__m128i *)&h[4], hgfe);
}
#endif
