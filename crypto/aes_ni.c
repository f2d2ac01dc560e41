/*
 * AES with AES-NI, and GCM's CTR + GHASH loop on AES-NI and PCLMULQDQ:
 * eight counter blocks go through the rounds while the eight ciphertext
 * blocks before them are multiplied by H^8..H^1 (one reduction per eight).
 * Round keys come from the constant-time expansion in aes_ct64.c.
 */
#include "internal/gcm_impl.h"
#include "internal/ghash_clmul_inl.h"

#define AESNI_TARGET CLMUL_TARGET

AESNI_TARGET void mintls_aesni_encrypt_block(const uint8_t (*rk)[16], int rounds,
                                      const uint8_t in[16], uint8_t out[16])
{
    __m128i b = _mm_xor_si128(_mm_loadu_si128((const __m128i *)in),
                              _mm_loadu_si128((const __m128i *)rk[0]));
    for (int r = 1; r < rounds; r++)
        b = _mm_aesenc_si128(b, _mm_loadu_si128((const __m128i *)rk[r]));
    b = _mm_aesenclast_si128(b, _mm_loadu_si128((const __m128i *)rk[rounds]));
    _mm_storeu_si128((__m128i *)out, b);
}

/*
 * Counter blocks are kept byte-reversed, so the 32-bit big-endian counter of
 * SP 800-38D is the low dword and wraps mod 2^32 under _mm_add_epi32.
 */
static inline AESNI_TARGET __m128i ctr_add(__m128i cb, int i)
{
    return _mm_add_epi32(cb, _mm_set_epi32(0, 0, 0, i));
}

/*
 * Eight blocks of CTR; if g is not NULL, hashes the eight blocks at g into *x
 * on the way. g may equal in (decryption): it is read before out is written.
 */
static inline __attribute__((always_inline)) AESNI_TARGET void
gcm8(const gcm_key_ni *k, const int rounds, __m128i *cb, __m128i *x,
     const uint8_t *in, uint8_t *out, const uint8_t *g)
{
    const __m128i bs = gh_bswap_mask();
    const __m128i *rk = (const __m128i *)k->rk;
    __m128i b[8];
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(), mid = _mm_setzero_si128();
    const __m128i k0 = _mm_loadu_si128(rk);

    /* Reload g from L1 rather than keep the previous pass's output live. */
    __asm__ volatile("" : : : "memory");

    /*
     * The counter is public (nonce and block index), so this branch leaks
     * nothing: when the low counter byte cannot carry within these eight
     * blocks, add to that byte in wire order and skip the byte swaps.
     */
    if ((_mm_cvtsi128_si32(*cb) & 0xFF) <= 0xF8) {
        const __m128i base = _mm_shuffle_epi8(*cb, bs);
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++)
            b[i] = _mm_xor_si128(_mm_add_epi32(base, _mm_set_epi32(i << 24, 0, 0, 0)), k0);
    } else {
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++)
            b[i] = _mm_xor_si128(_mm_shuffle_epi8(ctr_add(*cb, i), bs), k0);
    }
    *cb = ctr_add(*cb, 8);

#pragma GCC unroll 14
    for (int r = 1; r < rounds; r++) {
        const __m128i kr = _mm_loadu_si128(rk + r);
#pragma GCC unroll 8
        for (int i = 0; i < 8; i++)
            b[i] = _mm_aesenc_si128(b[i], kr);
        if (g != NULL && r <= 8) {
            __m128i c = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(g + 16 * (r - 1))), bs);
            if (r == 1)
                c = _mm_xor_si128(c, *x);
            gh_mul_acc_kp(c, k, r - 1, &lo, &hi, &mid); /* H^(9-r) */
        }
    }
    const __m128i kl = _mm_loadu_si128(rk + rounds);
#pragma GCC unroll 8
    for (int i = 0; i < 8; i++) {
        __m128i v = _mm_aesenclast_si128(b[i], kl);
        v = _mm_xor_si128(v, _mm_loadu_si128((const __m128i *)(in + 16 * i)));
        _mm_storeu_si128((__m128i *)(out + 16 * i), v);
    }
    if (g != NULL)
        *x = gh_finish_k(lo, hi, mid);
}

static inline AESNI_TARGET __m128i ghash8(const gcm_key_ni *k, __m128i x, const uint8_t *g)
{
    const __m128i bs = gh_bswap_mask();
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128(), mid = _mm_setzero_si128();
#pragma GCC unroll 8
    for (int i = 0; i < 8; i++) {
        __m128i c = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(g + 16 * i)), bs);
        if (i == 0)
            c = _mm_xor_si128(c, x);
        gh_mul_acc_kp(c, k, i, &lo, &hi, &mid); /* H^(8-i) */
    }
    return gh_finish_k(lo, hi, mid);
}

static inline __attribute__((always_inline)) AESNI_TARGET void
gcm_blocks(const gcm_key_ni *k, const int rounds, __m128i *cbp, __m128i *xp,
           const uint8_t *in, uint8_t *out, size_t nblocks, int enc)
{
    const __m128i bs = gh_bswap_mask();
    const __m128i *rk = (const __m128i *)k->rk;
    __m128i cb = *cbp, x = *xp;

    if (nblocks >= 8) {
        if (enc) {
            /* Hash each chunk of ciphertext while the next one is encrypted. */
            gcm8(k, rounds, &cb, &x, in, out, NULL);
            const uint8_t *prev = out;
            in += 128;
            out += 128;
            nblocks -= 8;
            while (nblocks >= 8) {
                gcm8(k, rounds, &cb, &x, in, out, prev);
                prev = out;
                in += 128;
                out += 128;
                nblocks -= 8;
            }
            x = ghash8(k, x, prev);
        } else {
            while (nblocks >= 8) {
                gcm8(k, rounds, &cb, &x, in, out, in);
                in += 128;
                out += 128;
                nblocks -= 8;
            }
        }
    }
    const __m128i h1 = _mm_loadu_si128((const __m128i *)k->h8[7]);
    for (; nblocks > 0; nblocks--) {
        __m128i b = _mm_xor_si128(_mm_shuffle_epi8(cb, bs), _mm_loadu_si128(rk));
        cb = ctr_add(cb, 1);
        for (int r = 1; r < rounds; r++)
            b = _mm_aesenc_si128(b, _mm_loadu_si128(rk + r));
        b = _mm_aesenclast_si128(b, _mm_loadu_si128(rk + rounds));
        __m128i c = _mm_loadu_si128((const __m128i *)in);
        __m128i o = _mm_xor_si128(b, c);
        _mm_storeu_si128((__m128i *)out, o);
        x = gh_mul(_mm_xor_si128(x, _mm_shuffle_epi8(enc ? o : c, bs)), h1);
        in += 16;
        out += 16;
    }
    *cbp = cb;
    *xp = x;
}

AESNI_TARGET void mintls_aesni_gcm_blocks(const gcm_key_ni *k, int rounds, uint8_t ctr[16],
                                   uint8_t xi[16], const uint8_t *in, uint8_t *out,
                                   size_t nblocks, int enc)
{
    const __m128i bs = gh_bswap_mask();
    __m128i cb = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)ctr), bs);
    __m128i x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)xi), bs);
    if (rounds == 10)
        gcm_blocks(k, 10, &cb, &x, in, out, nblocks, enc);
    else
        gcm_blocks(k, 14, &cb, &x, in, out, nblocks, enc);
    _mm_storeu_si128((__m128i *)ctr, _mm_shuffle_epi8(cb, bs));
    _mm_storeu_si128((__m128i *)xi, _mm_shuffle_epi8(x, bs));
}
