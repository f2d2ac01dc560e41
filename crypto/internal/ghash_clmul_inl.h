/*
 * GHASH arithmetic on PCLMULQDQ, shared by aes_ni.c, ghash_clmul.c and
 * gcm_vaes.c. Private to those files.
 *
 * A block is byte-reversed into a register, so that as a 128-bit integer bit
 * 127 is the coefficient of x^0 (GCM's reflected order). The key powers are
 * stored as H^k * x^-1: the raw carry-less product of A and B*x^-1, read with
 * bit m standing for x^(255-m), is then exactly A*B, so no shift of the
 * 256-bit product is needed before reduction.
 */
#ifndef MINTLS_INTERNAL_GHASH_CLMUL_INL_H
#define MINTLS_INTERNAL_GHASH_CLMUL_INL_H

#include <immintrin.h>

#include "internal/gcm_impl.h"

#define CLMUL_TARGET __attribute__((target("aes,pclmul,ssse3,sse4.1")))

static inline CLMUL_TARGET __m128i gh_bswap_mask(void)
{
    return _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

/*
 * Reduces the 256-bit value hi:lo (bit m of hi:lo = x^(255-m)) modulo
 * x^128 + x^7 + x^2 + x + 1. The low half L stands for x^128..x^255, and
 * x^128 = x^7 + x^2 + x + 1 turns it into L + L>>1 + L>>2 + L>>7, after the
 * bits those shifts would drop have been folded back in at the top.
 */
static inline CLMUL_TARGET __m128i gh_reduce(__m128i hi, __m128i lo)
{
    __m128i t = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
                              _mm_slli_epi64(lo, 57));
    lo = _mm_xor_si128(lo, _mm_slli_si128(t, 8));
    __m128i c = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
                              _mm_slli_epi64(lo, 57));
    __m128i r = _mm_xor_si128(hi, lo);
    r = _mm_xor_si128(r, _mm_xor_si128(_mm_srli_epi64(lo, 1), _mm_srli_epi64(lo, 2)));
    r = _mm_xor_si128(r, _mm_xor_si128(_mm_srli_epi64(lo, 7), _mm_srli_si128(c, 8)));
    return r;
}

/* Accumulates the unreduced product a*h into lo/hi/mid. */
static inline CLMUL_TARGET void gh_mul_acc(__m128i a, __m128i h, __m128i *lo, __m128i *hi,
                                           __m128i *mid)
{
    *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, h, 0x00));
    *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, h, 0x11));
    *mid = _mm_xor_si128(*mid, _mm_xor_si128(_mm_clmulepi64_si128(a, h, 0x01),
                                             _mm_clmulepi64_si128(a, h, 0x10)));
}

static inline CLMUL_TARGET __m128i gh_finish(__m128i lo, __m128i hi, __m128i mid)
{
    lo = _mm_xor_si128(lo, _mm_slli_si128(mid, 8));
    hi = _mm_xor_si128(hi, _mm_srli_si128(mid, 8));
    return gh_reduce(hi, lo);
}

/*
 * Karatsuba form: hk holds h.hi ^ h.lo in its low half; the middle product
 * accumulates (a.hi ^ a.lo) * hk and gh_finish_k removes lo and hi from it.
 */
static inline CLMUL_TARGET void gh_mul_acc_k(__m128i a, __m128i h, __m128i hk, __m128i *lo,
                                             __m128i *hi, __m128i *mid)
{
    *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, h, 0x00));
    *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, h, 0x11));
    __m128i ak = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4E));
    *mid = _mm_xor_si128(*mid, _mm_clmulepi64_si128(ak, hk, 0x00));
    /* Stop GCC from reassociating the sums into a late tree (spills). */
    __asm__("" : "+x"(*lo), "+x"(*hi), "+x"(*mid));
}

/*
 * gh_mul_acc_k with the key power h8[j] of a gcm_key_ni (H^(8-j)) and its
 * packed Karatsuba middle (hmid[j/2], low or high half). j is a compile-time
 * constant in the unrolled loops, so the choice of half costs nothing.
 */
static inline __attribute__((always_inline)) CLMUL_TARGET void
gh_mul_acc_kp(__m128i a, const gcm_key_ni *k, int j, __m128i *lo, __m128i *hi, __m128i *mid)
{
    __m128i h = _mm_loadu_si128((const __m128i *)k->h8[j]);
    __m128i hk = _mm_loadu_si128((const __m128i *)k->hmid[j >> 1]);
    *lo = _mm_xor_si128(*lo, _mm_clmulepi64_si128(a, h, 0x00));
    *hi = _mm_xor_si128(*hi, _mm_clmulepi64_si128(a, h, 0x11));
    __m128i ak = _mm_xor_si128(a, _mm_shuffle_epi32(a, 0x4E));
    if (j & 1)
        *mid = _mm_xor_si128(*mid, _mm_clmulepi64_si128(ak, hk, 0x10));
    else
        *mid = _mm_xor_si128(*mid, _mm_clmulepi64_si128(ak, hk, 0x00));
    /* Stop GCC from reassociating the sums into a late tree (spills). */
    __asm__("" : "+x"(*lo), "+x"(*hi), "+x"(*mid));
}

static inline CLMUL_TARGET __m128i gh_finish_k(__m128i lo, __m128i hi, __m128i mid)
{
    return gh_finish(lo, hi, _mm_xor_si128(mid, _mm_xor_si128(lo, hi)));
}

/* a * h, h in the stored (x^-1) form. */
static inline CLMUL_TARGET __m128i gh_mul(__m128i a, __m128i h)
{
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(), mid = _mm_setzero_si128();
    gh_mul_acc(a, h, &lo, &hi, &mid);
    return gh_finish(lo, hi, mid);
}

#endif
