/*
 * Poly1305 with AVX2: four interleaved accumulators in radix 2^26, one
 * 64-bit lane each, five ymm registers for the five limbs. Block i of every
 * group of four goes to lane i; each step multiplies all lanes by r^4, and
 * the last step by r^4, r^3, r^2, r^1 instead, so the lanes sum to the serial
 * Horner result. Called by poly1305.c for long runs of whole blocks; it takes
 * the radix 2^64 accumulator in and hands it back, so short inputs and tails
 * stay on the scalar code.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

typedef unsigned __int128 u128;

#define MASK26 0x3ffffffULL

/* d = h * r (per lane), five 26-bit limbs; s[j] = 5 r[j]. */
static inline AVX2 void mul_lanes(__m256i d[5], const __m256i h[5], const __m256i r[5],
                                  const __m256i s[5])
{
    d[0] = _mm256_add_epi64(
        _mm256_add_epi64(_mm256_mul_epu32(h[0], r[0]), _mm256_mul_epu32(h[1], s[4])),
        _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(h[2], s[3]),
                                          _mm256_mul_epu32(h[3], s[2])),
                         _mm256_mul_epu32(h[4], s[1])));
    d[1] = _mm256_add_epi64(
        _mm256_add_epi64(_mm256_mul_epu32(h[0], r[1]), _mm256_mul_epu32(h[1], r[0])),
        _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(h[2], s[4]),
                                          _mm256_mul_epu32(h[3], s[3])),
                         _mm256_mul_epu32(h[4], s[2])));
    d[2] = _mm256_add_epi64(
        _mm256_add_epi64(_mm256_mul_epu32(h[0], r[2]), _mm256_mul_epu32(h[1], r[1])),
        _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(h[2], r[0]),
                                          _mm256_mul_epu32(h[3], s[4])),
                         _mm256_mul_epu32(h[4], s[3])));
    d[3] = _mm256_add_epi64(
        _mm256_add_epi64(_mm256_mul_epu32(h[0], r[3]), _mm256_mul_epu32(h[1], r[2])),
        _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(h[2], r[1]),
                                          _mm256_mul_epu32(h[3], r[0])),
                         _mm256_mul_epu32(h[4], s[4])));
    d[4] = _mm256_add_epi64(
        _mm256_add_epi64(_mm256_mul_epu32(h[0], r[4]), _mm256_mul_epu32(h[1], r[3])),
        _mm256_add_epi64(_mm256_add_epi64(_mm256_mul_epu32(h[2], r[2]),
                                          _mm256_mul_epu32(h[3], r[1])),
                         _mm256_mul_epu32(h[4], r[0])));
}

/*
 * Partial carry: every limb ends below 2^26 plus a little, enough headroom
 * for the next message add and multiply (products stay under 2^58).
 */
static inline AVX2 void carry_lanes(__m256i h[5], const __m256i d[5])
{
    const __m256i m = _mm256_set1_epi64x((long long)MASK26);
    __m256i d0 = d[0], d1 = d[1], d2 = d[2], d3 = d[3], d4 = d[4], c;

    c = _mm256_srli_epi64(d0, 26); d0 = _mm256_and_si256(d0, m); d1 = _mm256_add_epi64(d1, c);
    c = _mm256_srli_epi64(d3, 26); d3 = _mm256_and_si256(d3, m); d4 = _mm256_add_epi64(d4, c);
    c = _mm256_srli_epi64(d1, 26); d1 = _mm256_and_si256(d1, m); d2 = _mm256_add_epi64(d2, c);
    c = _mm256_srli_epi64(d4, 26); d4 = _mm256_and_si256(d4, m);
    d0 = _mm256_add_epi64(d0, _mm256_add_epi64(c, _mm256_slli_epi64(c, 2)));
    c = _mm256_srli_epi64(d2, 26); d2 = _mm256_and_si256(d2, m); d3 = _mm256_add_epi64(d3, c);
    c = _mm256_srli_epi64(d0, 26); d0 = _mm256_and_si256(d0, m); d1 = _mm256_add_epi64(d1, c);
    c = _mm256_srli_epi64(d3, 26); d3 = _mm256_and_si256(d3, m); d4 = _mm256_add_epi64(d4, c);
    h[0] = d0; h[1] = d1; h[2] = d2; h[3] = d3; h[4] = d4;
}

/*
 * Four blocks as limbs. After the unpacks the 64-bit lanes hold blocks
 * 0, 2, 1, 3 (unpack works inside each 128-bit half).
 */
static inline AVX2 void load_blocks(__m256i m[5], const uint8_t *in)
{
    const __m256i mask = _mm256_set1_epi64x((long long)MASK26);
    __m256i a = _mm256_loadu_si256((const __m256i *)in);
    __m256i b = _mm256_loadu_si256((const __m256i *)(in + 32));
    __m256i lo = _mm256_unpacklo_epi64(a, b);
    __m256i hi = _mm256_unpackhi_epi64(a, b);
    m[0] = _mm256_and_si256(lo, mask);
    m[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), mask);
    m[2] = _mm256_and_si256(
        _mm256_or_si256(_mm256_srli_epi64(lo, 52), _mm256_slli_epi64(hi, 12)), mask);
    m[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), mask);
    m[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40), _mm256_set1_epi64x(1LL << 24));
}

AVX2 void mintls_poly1305_blocks_avx2(mintls_poly1305_impl *p, const uint8_t *in,
                                      size_t nblocks)
{
    __m256i r4[5], s4[5], rl[5], sl[5], h[5], m[5], d[5];

    for (int j = 0; j < 5; j++) {
        r4[j] = _mm256_set1_epi64x(p->rpow[3][j]);
        s4[j] = _mm256_set1_epi64x(5LL * p->rpow[3][j]);
        /* Lanes hold blocks 0, 2, 1, 3: they need r^4, r^2, r^3, r^1. */
        rl[j] = _mm256_setr_epi64x(p->rpow[3][j], p->rpow[1][j], p->rpow[2][j],
                                   p->rpow[0][j]);
        sl[j] = _mm256_setr_epi64x(5LL * p->rpow[3][j], 5LL * p->rpow[1][j],
                                   5LL * p->rpow[2][j], 5LL * p->rpow[0][j]);
    }

    /* The running accumulator joins the first block, in lane 0. */
    uint64_t h0 = p->h0, h1 = p->h1, h2 = p->h2;
    h[0] = _mm256_setr_epi64x((long long)(h0 & MASK26), 0, 0, 0);
    h[1] = _mm256_setr_epi64x((long long)((h0 >> 26) & MASK26), 0, 0, 0);
    h[2] = _mm256_setr_epi64x((long long)(((h0 >> 52) | (h1 << 12)) & MASK26), 0, 0, 0);
    h[3] = _mm256_setr_epi64x((long long)((h1 >> 14) & MASK26), 0, 0, 0);
    h[4] = _mm256_setr_epi64x((long long)((h1 >> 40) | (h2 << 24)), 0, 0, 0);

    for (;;) {
        load_blocks(m, in);
        for (int j = 0; j < 5; j++)
            h[j] = _mm256_add_epi64(h[j], m[j]);
        in += 64;
        nblocks -= 4;
        if (nblocks == 0)
            break;
        mul_lanes(d, h, r4, s4);
        carry_lanes(h, d);
    }
    mul_lanes(d, h, rl, sl);
    carry_lanes(h, d);

    /* Sum the lanes, carry fully, and go back to radix 2^64. */
    uint64_t l[5];
    for (int j = 0; j < 5; j++) {
        __m128i t = _mm_add_epi64(_mm256_castsi256_si128(h[j]),
                                  _mm256_extracti128_si256(h[j], 1));
        t = _mm_add_epi64(t, _mm_unpackhi_epi64(t, t));
        l[j] = (uint64_t)_mm_cvtsi128_si64(t);
    }
    uint64_t c;
    c = l[0] >> 26; l[0] &= MASK26; l[1] += c;
    c = l[1] >> 26; l[1] &= MASK26; l[2] += c;
    c = l[2] >> 26; l[2] &= MASK26; l[3] += c;
    c = l[3] >> 26; l[3] &= MASK26; l[4] += c;
    c = l[4] >> 26; l[4] &= MASK26; l[0] += c * 5;
    c = l[0] >> 26; l[0] &= MASK26; l[1] += c;

    u128 t = (u128)l[0] + ((u128)l[1] << 26) + ((u128)l[2] << 52);
    p->h0 = (uint64_t)t;
    t = (t >> 64) + ((u128)l[3] << 14) + ((u128)l[4] << 40);
    p->h1 = (uint64_t)t;
    p->h2 = (uint64_t)(t >> 64);
}

#else
typedef int mintls_poly1305_avx2_unused;
#endif
