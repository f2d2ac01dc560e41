/*
 * GHASH with PCLMULQDQ: key powers and the standalone hash used for AAD and
 * for IVs other than 96 bits. The bulk of the data is hashed inside the
 * stitched CTR loops of aes_ni.c and gcm_vaes.c.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/gcm_impl.h"
#include "internal/ghash_clmul_inl.h"

CLMUL_TARGET void mintls_ghash_clmul_init(gcm_key_ni *ni, int n, const uint8_t hbytes[16])
{
    const __m128i poly = _mm_set_epi64x((long long)0xC200000000000000ull, 1);
    __m128i h = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)hbytes), gh_bswap_mask());
    /* H * x^-1: shift toward x^-1 ... x^126, folding x^-1 = x^127 + x^6 + x + 1. */
    __m128i top = _mm_srai_epi32(_mm_shuffle_epi32(h, 0xFF), 31);
    __m128i sh = _mm_or_si128(_mm_slli_epi64(h, 1), _mm_srli_epi64(_mm_slli_si128(h, 8), 63));
    __m128i hx = _mm_xor_si128(sh, _mm_and_si128(top, poly));
    /* Writable view of gcm_clmul_powers(ni, n): pow[j] = H^(n-j). */
    uint8_t(*pow)[16] = (uint8_t(*)[16])(void *)((uint8_t *)ni - 16 * (n - 8));

    __m128i p = hx;
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            p = gh_mul(p, hx);
        _mm_storeu_si128((__m128i *)pow[n - i], p);
    }
    for (int i = 0; i < 4; i++) {
        __m128i a = _mm_loadu_si128((const __m128i *)ni->h8[2 * i]);
        __m128i b = _mm_loadu_si128((const __m128i *)ni->h8[2 * i + 1]);
        a = _mm_xor_si128(a, _mm_srli_si128(a, 8));
        b = _mm_xor_si128(b, _mm_srli_si128(b, 8));
        _mm_storeu_si128((__m128i *)ni->hmid[i], _mm_unpacklo_epi64(a, b));
    }
    ct_wipe(&h, sizeof(h));
    ct_wipe(&hx, sizeof(hx));
    ct_wipe(&p, sizeof(p));
}

CLMUL_TARGET void mintls_ghash_clmul_blocks(const gcm_key_ni *k, uint8_t xi[16],
                                     const uint8_t *data, size_t nblocks)
{
    const __m128i bs = gh_bswap_mask();
    __m128i x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)xi), bs);

    while (nblocks >= 8) {
        __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(), mid = _mm_setzero_si128();
        for (int i = 0; i < 8; i++) {
            __m128i c = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), bs);
            if (i == 0)
                c = _mm_xor_si128(c, x);
            gh_mul_acc_kp(c, k, i, &lo, &hi, &mid);
        }
        x = gh_finish_k(lo, hi, mid);
        data += 128;
        nblocks -= 8;
    }
    const __m128i h1 = _mm_loadu_si128((const __m128i *)k->h8[7]);
    for (size_t i = 0; i < nblocks; i++) {
        __m128i c = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * i)), bs);
        x = gh_mul(_mm_xor_si128(x, c), h1);
    }
    _mm_storeu_si128((__m128i *)xi, _mm_shuffle_epi8(x, bs));
}
