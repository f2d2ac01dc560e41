/*
 * GCM's CTR + GHASH loop on VAES and VPCLMULQDQ with 256-bit registers (AVX2
 * class; no AVX-512 needed): sixteen counter blocks, two per register, go
 * through the rounds while the sixteen ciphertext blocks before them are
 * multiplied by H^16..H^1 with a single reduction.
 *
 * Used where AVX-512 is missing (or narrowed away by MINTLS_CPU); the
 * 512-bit loop is in gcm_vaes512.c.
 */
#include "internal/gcm_impl.h"
#include "internal/ghash_clmul_inl.h"

#define VAES_TARGET __attribute__((target("vaes,vpclmulqdq,avx2,aes,pclmul,ssse3,sse4.1")))

static inline VAES_TARGET __m256i y_bswap_mask(void)
{
    return _mm256_broadcastsi128_si256(gh_bswap_mask());
}

/*
 * Accumulates d * h per 128-bit lane. Four products rather than Karatsuba's
 * three: on the Zen 3 this was tuned on, the extra shuffle and XOR of
 * Karatsuba cost as much as the saved VPCLMULQDQ.
 */
static inline VAES_TARGET void y_mul_acc(__m256i d, __m256i h, __m256i *lo, __m256i *hi,
                                         __m256i *mid)
{
    *lo = _mm256_xor_si256(*lo, _mm256_clmulepi64_epi128(d, h, 0x00));
    *hi = _mm256_xor_si256(*hi, _mm256_clmulepi64_epi128(d, h, 0x11));
    *mid = _mm256_xor_si256(*mid, _mm256_xor_si256(_mm256_clmulepi64_epi128(d, h, 0x01),
                                                   _mm256_clmulepi64_epi128(d, h, 0x10)));
    /*
     * Keep the sums where they are: left alone, GCC reassociates the XOR
     * chains into one tree after all products, which spills every product.
     */
    __asm__("" : "+x"(*lo), "+x"(*hi), "+x"(*mid));
}

/* Folds the two lanes and reduces. */
static inline VAES_TARGET __m128i y_finish(__m256i lo, __m256i hi, __m256i mid)
{
    __m128i l = _mm_xor_si128(_mm256_castsi256_si128(lo), _mm256_extracti128_si256(lo, 1));
    __m128i h = _mm_xor_si128(_mm256_castsi256_si128(hi), _mm256_extracti128_si256(hi, 1));
    __m128i m = _mm_xor_si128(_mm256_castsi256_si128(mid), _mm256_extracti128_si256(mid, 1));
    return gh_finish(l, h, m);
}

/* Sixteen blocks of CTR; if g is not NULL, hashes the sixteen blocks at g into *x. */
static inline __attribute__((always_inline)) VAES_TARGET void
gcm16(const gcm_key_vaes *k, const int rounds, __m128i *cb, __m128i *x,
      const uint8_t *in, uint8_t *out, const uint8_t *g)
{
    const __m256i bs = y_bswap_mask();
    /* One copy of each round key, broadcast to both lanes by the load. */
    const __m128i *rk = (const __m128i *)k->ni.rk;
    /* H^16..H^1 as pairs {H^(16-2j), H^(15-2j)}. */
    const __m256i *hp = (const __m256i *)k->hhi;
    const __m256i two = _mm256_set_epi32(0, 0, 0, 2, 0, 0, 0, 2);
    __m256i b[8];
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256(), mid = _mm256_setzero_si256();
    const __m256i k0 = _mm256_broadcastsi128_si256(_mm_loadu_si128(rk));

    /*
     * When g is the previous pass's output, GCC would otherwise keep those
     * eight registers alive from the stores instead of reloading them from L1,
     * and spill. Make it forget what memory holds.
     */
    __asm__ volatile("" : : : "memory");

    /*
     * The counter is public (nonce and block index), so this branch leaks
     * nothing: when the low counter byte cannot carry within these sixteen
     * blocks, add to that byte in wire order and skip the byte swaps.
     */
    if ((_mm_cvtsi128_si32(*cb) & 0xFF) <= 0xF0) {
        const __m256i base = _mm256_broadcastsi128_si256(_mm_shuffle_epi8(*cb, gh_bswap_mask()));
        const __m256i step = _mm256_set_epi32(2 << 24, 0, 0, 0, 2 << 24, 0, 0, 0);
        __m256i c = _mm256_add_epi32(base, _mm256_set_epi32(1 << 24, 0, 0, 0, 0, 0, 0, 0));
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++) {
            b[i] = _mm256_xor_si256(c, k0);
            c = _mm256_add_epi32(c, step);
        }
    } else {
        __m256i c = _mm256_add_epi32(_mm256_broadcastsi128_si256(*cb),
                                     _mm256_set_epi32(0, 0, 0, 1, 0, 0, 0, 0));
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++) {
            b[i] = _mm256_xor_si256(_mm256_shuffle_epi8(c, bs), k0);
            c = _mm256_add_epi32(c, two);
        }
    }
    *cb = _mm_add_epi32(*cb, _mm_set_epi32(0, 0, 0, 16));

#pragma GCC unroll 14
    for (int r = 1; r < rounds; r++) {
        const __m256i kr = _mm256_broadcastsi128_si256(_mm_loadu_si128(rk + r));
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++)
            b[i] = _mm256_aesenc_epi128(b[i], kr);
        if (g != NULL && r <= 8) {
            const int j = r - 1;
            __m256i d = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(g + 32 * j)), bs);
            if (j == 0)
                d = _mm256_xor_si256(d, _mm256_zextsi128_si256(*x));
            y_mul_acc(d, _mm256_loadu_si256(hp + j), &lo, &hi, &mid);
        }
    }
    const __m256i kl = _mm256_broadcastsi128_si256(_mm_loadu_si128(rk + rounds));
#pragma GCC unroll 8
    for (int i = 0; i < 8; i++) {
        __m256i v = _mm256_aesenclast_epi128(b[i], kl);
        v = _mm256_xor_si256(v, _mm256_loadu_si256((const __m256i *)(in + 32 * i)));
        _mm256_storeu_si256((__m256i *)(out + 32 * i), v);
    }
    if (g != NULL)
        *x = y_finish(lo, hi, mid);
}

static inline VAES_TARGET __m128i ghash16(const gcm_key_vaes *k, __m128i x, const uint8_t *g)
{
    const __m256i bs = y_bswap_mask();
    const __m256i *hp = (const __m256i *)k->hhi;
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256(), mid = _mm256_setzero_si256();
#pragma GCC unroll 8
    for (int j = 0; j < 8; j++) {
        __m256i d = _mm256_shuffle_epi8(_mm256_loadu_si256((const __m256i *)(g + 32 * j)), bs);
        if (j == 0)
            d = _mm256_xor_si256(d, _mm256_zextsi128_si256(x));
        y_mul_acc(d, _mm256_loadu_si256(hp + j), &lo, &hi, &mid);
    }
    return y_finish(lo, hi, mid);
}

static inline __attribute__((always_inline)) VAES_TARGET size_t
wide_blocks(const gcm_key_vaes *k, const int rounds, __m128i *cbp, __m128i *xp,
            const uint8_t *in, uint8_t *out, size_t nblocks, int enc)
{
    __m128i cb = *cbp, x = *xp;
    size_t done = 0;
    if (enc) {
        /* Hash each chunk of ciphertext while the next one is encrypted. */
        gcm16(k, rounds, &cb, &x, in, out, NULL);
        const uint8_t *prev = out;
        done = 16;
        while (nblocks - done >= 16) {
            gcm16(k, rounds, &cb, &x, in + 16 * done, out + 16 * done, prev);
            prev = out + 16 * done;
            done += 16;
        }
        x = ghash16(k, x, prev);
    } else {
        while (nblocks - done >= 16) {
            gcm16(k, rounds, &cb, &x, in + 16 * done, out + 16 * done, in + 16 * done);
            done += 16;
        }
    }
    *cbp = cb;
    *xp = x;
    return done;
}

VAES_TARGET void mintls_vaes_gcm_blocks(const gcm_key_vaes *k, int rounds, uint8_t ctr[16],
                                 uint8_t xi[16], const uint8_t *in, uint8_t *out,
                                 size_t nblocks, int enc)
{
    if (nblocks >= 16) {
        const __m128i bs = gh_bswap_mask();
        __m128i cb = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)ctr), bs);
        __m128i x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)xi), bs);
        size_t done;
        if (rounds == 10)
            done = wide_blocks(k, 10, &cb, &x, in, out, nblocks, enc);
        else
            done = wide_blocks(k, 14, &cb, &x, in, out, nblocks, enc);
        _mm_storeu_si128((__m128i *)ctr, _mm_shuffle_epi8(cb, bs));
        _mm_storeu_si128((__m128i *)xi, _mm_shuffle_epi8(x, bs));
        in += 16 * done;
        out += 16 * done;
        nblocks -= done;
    }
    if (nblocks > 0)
        mintls_aesni_gcm_blocks(&k->ni, rounds, ctr, xi, in, out, nblocks, enc);
}
