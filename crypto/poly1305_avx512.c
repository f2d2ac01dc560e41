/*
 * Poly1305 with AVX-512 IFMA: sixteen interleaved accumulators in radix
 * 2^44 (limbs of 44, 44 and 42 bits), one 64-bit lane each, in two sets (A
 * and B) of three zmm registers, one per limb. Block i of every group of
 * sixteen goes to lane i of A (i < 8) or lane i - 8 of B; each step
 * multiplies all lanes by r^16, the last step by r^16 .. r^1 instead, so
 * that the lanes sum to the serial Horner result. Two independent sets keep
 * two multiply chains in flight: one set alone is latency-bound.
 *
 * vpmadd52luq / vpmadd52huq give the low and high 52 bits of a 52x52-bit
 * product, so one limb product is two instructions and nothing needs the
 * 32-bit multiplier's five limbs. Called by poly1305.c for long runs of whole
 * blocks; it takes the radix 2^64 accumulator in and hands it back, so short
 * inputs and tails stay on the scalar code. Only compiled into functions
 * marked target("avx512f,avx512ifma"); chosen at run time by poly1305.c.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define IFMA __attribute__((target("avx512f,avx512ifma")))

typedef unsigned __int128 u128;

#define M44 0xfffffffffffULL
#define M42 0x3ffffffffffULL

/*
 * h = h * r per lane, partially reduced. With limb weights 1, 2^44, 2^88:
 *   d0 = h0 r0 + 20 (h1 r2 + h2 r1)     (2^132 == 4 * 5 mod p)
 *   d1 = h0 r1 + h1 r0 + 20 h2 r2
 *   d2 = h0 r2 + h1 r1 + h2 r0
 * s1, s2 are 20 r1, 20 r2. Each product is lo + hi 2^52, and 2^52 is 2^8
 * above the next limb, so hi0 and hi1 join d1 and d2 shifted by 8; hi2 sits
 * at 2^140 = 2^130 2^10 and joins the carry out of d2.
 *
 * Bounds: on entry h limbs are below 2^46 (limbs as this function leaves
 * them plus a message limb), r limbs below 2^44 + 2^10 (fully reduced
 * powers, or products from this function), s below 2^49, so every input is
 * under the 52 bits IFMA reads; the sums stay below 2^55. On exit
 * d0 < 2^44, d1 < 2^44 + 2^10, d2 < 2^42.
 */
static inline IFMA void mul_lanes(__m512i h[3], const __m512i r[3], const __m512i s[3])
{
    const __m512i z = _mm512_setzero_si512();
    const __m512i m44 = _mm512_set1_epi64((long long)M44);
    const __m512i m42 = _mm512_set1_epi64((long long)M42);
    __m512i h0 = h[0], h1 = h[1], h2 = h[2];

    /* Three independent products per sum, added afterwards: a shorter
     * chain than accumulating in place (IFMA latency is 4). */
#define SUM3(op, a0, b0, a1, b1, a2, b2)                                       \
    _mm512_add_epi64(_mm512_add_epi64(op(z, a0, b0), op(z, a1, b1)), op(z, a2, b2))
    __m512i lo0 = SUM3(_mm512_madd52lo_epu64, h0, r[0], h1, s[2], h2, s[1]);
    __m512i hi0 = SUM3(_mm512_madd52hi_epu64, h0, r[0], h1, s[2], h2, s[1]);
    __m512i lo1 = SUM3(_mm512_madd52lo_epu64, h0, r[1], h1, r[0], h2, s[2]);
    __m512i hi1 = SUM3(_mm512_madd52hi_epu64, h0, r[1], h1, r[0], h2, s[2]);
    __m512i lo2 = SUM3(_mm512_madd52lo_epu64, h0, r[2], h1, r[1], h2, r[0]);
    __m512i hi2 = SUM3(_mm512_madd52hi_epu64, h0, r[2], h1, r[1], h2, r[0]);
#undef SUM3

    __m512i d0 = lo0;
    __m512i d1 = _mm512_add_epi64(lo1, _mm512_slli_epi64(hi0, 8));
    __m512i d2 = _mm512_add_epi64(lo2, _mm512_slli_epi64(hi1, 8));
    __m512i c;

    c = _mm512_srli_epi64(d0, 44); d0 = _mm512_and_si512(d0, m44); d1 = _mm512_add_epi64(d1, c);
    c = _mm512_srli_epi64(d1, 44); d1 = _mm512_and_si512(d1, m44); d2 = _mm512_add_epi64(d2, c);
    /* Everything at 2^130 and up, times 5, back into the bottom limb. */
    c = _mm512_add_epi64(_mm512_srli_epi64(d2, 42), _mm512_slli_epi64(hi2, 10));
    d2 = _mm512_and_si512(d2, m42);
    d0 = _mm512_add_epi64(d0, _mm512_add_epi64(c, _mm512_slli_epi64(c, 2)));
    c = _mm512_srli_epi64(d0, 44); d0 = _mm512_and_si512(d0, m44); d1 = _mm512_add_epi64(d1, c);
    h[0] = d0;
    h[1] = d1;
    h[2] = d2;
}

/* Eight blocks as limbs, block i in lane i, with the 2^128 bit set. */
static inline IFMA void load_blocks(__m512i m[3], const uint8_t *in)
{
    const __m512i m44 = _mm512_set1_epi64((long long)M44);
    const __m512i even = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    const __m512i odd = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    __m512i a = _mm512_loadu_si512((const void *)in);
    __m512i b = _mm512_loadu_si512((const void *)(in + 64));
    __m512i lo = _mm512_permutex2var_epi64(a, even, b);
    __m512i hi = _mm512_permutex2var_epi64(a, odd, b);
    m[0] = _mm512_and_si512(lo, m44);
    m[1] = _mm512_and_si512(
        _mm512_or_si512(_mm512_srli_epi64(lo, 44), _mm512_slli_epi64(hi, 20)), m44);
    m[2] = _mm512_or_si512(_mm512_srli_epi64(hi, 24), _mm512_set1_epi64(1LL << 40));
}

/* s = 20 r, for the wrapped-around products. */
static inline IFMA void times20(__m512i s[3], const __m512i r[3])
{
    for (int j = 0; j < 3; j++)
        s[j] = _mm512_add_epi64(_mm512_slli_epi64(r[j], 4), _mm512_slli_epi64(r[j], 2));
}

IFMA void mintls_poly1305_blocks_avx512(mintls_poly1305_impl *p, const uint8_t *in,
                                        size_t nblocks)
{
    __m512i r16[3], s16[3], rla[3], sla[3], rlb[3], slb[3], a[3], b[3], m[3];

    /*
     * rlb: r^8 .. r^1 (lane i: r^(8-i)), the last multipliers of set B.
     * r16 = r^8 r^8 in every lane; rla = r^8 rlb = r^16 .. r^9 for set A.
     */
    for (int j = 0; j < 3; j++) {
        rlb[j] = _mm512_loadu_si512((const void *)p->rpow44[j]);
        r16[j] = _mm512_set1_epi64((long long)p->rpow44[j][0]);
        rla[j] = r16[j];
    }
    times20(slb, rlb);
    times20(s16, r16);
    mul_lanes(rla, rlb, slb);
    mul_lanes(r16, r16, s16);
    times20(sla, rla);
    times20(s16, r16);

    /* The running accumulator joins the first block, in lane 0. */
    uint64_t h0 = p->h0, h1 = p->h1, h2 = p->h2;
    a[0] = _mm512_set_epi64(0, 0, 0, 0, 0, 0, 0, (long long)(h0 & M44));
    a[1] = _mm512_set_epi64(0, 0, 0, 0, 0, 0, 0,
                            (long long)(((h0 >> 44) | (h1 << 20)) & M44));
    a[2] = _mm512_set_epi64(0, 0, 0, 0, 0, 0, 0, (long long)((h1 >> 24) | (h2 << 40)));
    for (int j = 0; j < 3; j++)
        b[j] = _mm512_setzero_si512();

    /*
     * An odd group of eight goes first, into set B, as if a group of
     * sixteen had started with eight zero blocks in A (A stays zero).
     * Whether there is one depends only on the length.
     */
    if (nblocks % 16 != 0) {
        load_blocks(m, in);
        for (int j = 0; j < 3; j++) {
            b[j] = _mm512_add_epi64(a[j], m[j]);
            a[j] = _mm512_setzero_si512();
        }
        in += 128;
        nblocks -= 8;
        if (nblocks > 0)
            mul_lanes(b, r16, s16);
    }
    while (nblocks > 0) {
        load_blocks(m, in);
        for (int j = 0; j < 3; j++)
            a[j] = _mm512_add_epi64(a[j], m[j]);
        load_blocks(m, in + 128);
        for (int j = 0; j < 3; j++)
            b[j] = _mm512_add_epi64(b[j], m[j]);
        in += 256;
        nblocks -= 16;
        if (nblocks == 0)
            break;
        mul_lanes(a, r16, s16);
        mul_lanes(b, r16, s16);
    }
    mul_lanes(a, rla, sla);
    mul_lanes(b, rlb, slb);
    __m512i h[3];
    for (int j = 0; j < 3; j++)
        h[j] = _mm512_add_epi64(a[j], b[j]);

    /* Sum the lanes (each below 2^46, so the sums stay below 2^50). */
    uint64_t l0 = (uint64_t)_mm512_reduce_add_epi64(h[0]);
    uint64_t l1 = (uint64_t)_mm512_reduce_add_epi64(h[1]);
    uint64_t l2 = (uint64_t)_mm512_reduce_add_epi64(h[2]);
    uint64_t c;
    c = l0 >> 44; l0 &= M44; l1 += c;
    c = l1 >> 44; l1 &= M44; l2 += c;
    c = l2 >> 42; l2 &= M42; l0 += c * 5;
    c = l0 >> 44; l0 &= M44; l1 += c;

    /* Back to radix 2^64; h < 2^130 + 2^89, so h2 ends at most 4. */
    u128 t = (u128)l0 + ((u128)l1 << 44);
    p->h0 = (uint64_t)t;
    t = (t >> 64) + ((u128)l2 << 24);
    p->h1 = (uint64_t)t;
    p->h2 = (uint64_t)(t >> 64);
}

#else
typedef int mintls_poly1305_avx512_unused;
#endif
