/*
 * SHA-512 block function for x86 with AVX2 and BMI2: the message schedule
 * runs in vector registers, two words per step (W[t..t+1] depends only on
 * W[t-2..t-1], so no step waits on itself), and is interleaved with the
 * scalar rounds, which read W[t]+K[t] from a small buffer. BMI2 gives the
 * rounds non-destructive rotates (RORX). The rounds stay scalar: the
 * round function is a serial dependency chain.
 */
#include "internal/ct.h"
#include "internal/digest.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2_TARGET __attribute__((target("avx2,bmi2")))

static inline uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

#define BSIG0(x) (rotr64(x, 28) ^ rotr64(x, 34) ^ rotr64(x, 39))
#define BSIG1(x) (rotr64(x, 14) ^ rotr64(x, 18) ^ rotr64(x, 41))
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* Terms are added in the order they become ready: h + W[t]+K[t] first,
 * the functions of e and a last, to keep the dependency chain short. */
#define ROUND(a, b, c, d, e, f, g, h, t) \
    do {                                 \
        uint64_t t1_ = (h) + wk[t];      \
        t1_ += CH(e, f, g);              \
        t1_ += BSIG1(e);                 \
        uint64_t t2_ = MAJ(a, b, c);     \
        (d) += t1_;                      \
        t2_ += BSIG0(a);                 \
        (h) = t1_ + t2_;                 \
    } while (0)

#define ROUNDS8(t)                           \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7)

#define VROR(x, n) _mm_or_si128(_mm_srli_epi64((x), (n)), _mm_slli_epi64((x), 64 - (n)))
#define VSSIG0(x) _mm_xor_si128(_mm_xor_si128(VROR(x, 1), VROR(x, 8)), _mm_srli_epi64((x), 7))
#define VSSIG1(x) _mm_xor_si128(_mm_xor_si128(VROR(x, 19), VROR(x, 61)), _mm_srli_epi64((x), 6))
#define LOADK(t) _mm_load_si128((const __m128i *)&mintls_sha512_k[t])
#define STOREWK(t, x) _mm_store_si128((__m128i *)&wk[t], _mm_add_epi64((x), LOADK(t)))

/* x0 holds W[t-16..t-15] and becomes W[t..t+1]; x1 = W[t-14..], x4 = W[t-8..],
 * x5 = W[t-6..], x7 = W[t-2..t-1]. */
#define VSCHED(x0, x1, x4, x5, x7, t)                                                   \
    do {                                                                                \
        (x0) = _mm_add_epi64(_mm_add_epi64((x0), VSSIG1(x7)),                           \
                             _mm_add_epi64(_mm_alignr_epi8((x5), (x4), 8),              \
                                           VSSIG0(_mm_alignr_epi8((x1), (x0), 8))));    \
        STOREWK(t, x0);                                                                 \
    } while (0)

AVX2_TARGET
void mintls_sha512_blocks_avx2(uint64_t st[8], const uint8_t *p, size_t nblocks)
{
    _Alignas(16) uint64_t wk[80];
    const __m128i bswap = _mm_set_epi64x(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);

    while (nblocks--) {
#define LOADW(i) _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * (i))), bswap)
        __m128i x0 = LOADW(0), x1 = LOADW(1), x2 = LOADW(2), x3 = LOADW(3);
        __m128i x4 = LOADW(4), x5 = LOADW(5), x6 = LOADW(6), x7 = LOADW(7);
#undef LOADW
        STOREWK(0, x0);
        STOREWK(2, x1);
        STOREWK(4, x2);
        STOREWK(6, x3);
        STOREWK(8, x4);
        STOREWK(10, x5);
        STOREWK(12, x6);
        STOREWK(14, x7);

        uint64_t a = st[0], b = st[1], c = st[2], d = st[3];
        uint64_t e = st[4], f = st[5], g = st[6], h = st[7];
        for (int t = 16; t < 80; t += 16) {
            ROUNDS8(t - 16);
            VSCHED(x0, x1, x4, x5, x7, t);
            VSCHED(x1, x2, x5, x6, x0, t + 2);
            VSCHED(x2, x3, x6, x7, x1, t + 4);
            VSCHED(x3, x4, x7, x0, x2, t + 6);
            ROUNDS8(t - 8);
            VSCHED(x4, x5, x0, x1, x3, t + 8);
            VSCHED(x5, x6, x1, x2, x4, t + 10);
            VSCHED(x6, x7, x2, x3, x5, t + 12);
            VSCHED(x7, x0, x3, x4, x6, t + 14);
        }
        ROUNDS8(64);
        ROUNDS8(72);
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        p += 128;
    }
    ct_wipe(wk, sizeof(wk));
}
#endif
