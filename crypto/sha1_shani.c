/*
 * SHA-1 block function with the Intel SHA extensions (SHA1RNDS4, SHA1NEXTE,
 * SHA1MSG1, SHA1MSG2), written from Intel's description of the instructions.
 * ABCD lives in one vector with A in the top lane; E is carried in the top
 * lane of a second vector and folded into the message words by SHA1NEXTE.
 */
#include "internal/digest.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* Four rounds with message words cur (W[t..t+3], W[t] in the top lane). */
#define G(cur, f)                                         \
    do {                                                  \
        __m128i e_ = _mm_sha1nexte_epu32(prev, (cur));    \
        prev = abcd;                                      \
        abcd = _mm_sha1rnds4_epu32(abcd, e_, (f));        \
    } while (0)

/* nxt (holding W[t-12..]) becomes W[t+4..t+7] from W[t-12..t+3]. */
#define S(nxt, a1, a2, cur) \
    (nxt) = _mm_sha1msg2_epu32(_mm_xor_si128(_mm_sha1msg1_epu32((nxt), (a1)), (a2)), (cur))

#define GS(cur, n1, n2, n3, f) \
    G(cur, f);                 \
    S(n1, n2, n3, cur)

SHANI_TARGET
void mintls_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
    const __m128i bswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1b);
    __m128i e0 = _mm_set_epi32((int)h[4], 0, 0, 0);

    while (nblocks--) {
        __m128i save_abcd = abcd, save_e = e0, prev;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 0)), bswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), bswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), bswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), bswap);

        /* rounds 0-3: E enters directly */
        prev = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e0, m0), 0);
        G(m1, 0);
        G(m2, 0);
        GS(m3, m0, m1, m2, 0);
        GS(m0, m1, m2, m3, 0);
        GS(m1, m2, m3, m0, 1);
        GS(m2, m3, m0, m1, 1);
        GS(m3, m0, m1, m2, 1);
        GS(m0, m1, m2, m3, 1);
        GS(m1, m2, m3, m0, 1);
        GS(m2, m3, m0, m1, 2);
        GS(m3, m0, m1, m2, 2);
        GS(m0, m1, m2, m3, 2);
        GS(m1, m2, m3, m0, 2);
        GS(m2, m3, m0, m1, 2);
        GS(m3, m0, m1, m2, 3);
        GS(m0, m1, m2, m3, 3);
        GS(m1, m2, m3, m0, 3);
        GS(m2, m3, m0, m1, 3);
        G(m3, 3);

        e0 = _mm_sha1nexte_epu32(prev, save_e);
        abcd = _mm_add_epi32(abcd, save_abcd);
        p += 64;
    }

    _mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1b));
    h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}
#endif
