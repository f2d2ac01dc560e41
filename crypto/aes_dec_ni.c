/*
 * The AES inverse cipher with AES-NI, using the equivalent inverse cipher of
 * FIPS-197 section 5.3.5: the schedule is reversed and InvMixColumns
 * (AESIMC) is applied to the inner round keys once, when the key is set.
 */
#include "internal/aes_cbc.h"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#define AESNI_DEC_TARGET __attribute__((target("aes,sse2")))

AESNI_DEC_TARGET void mintls_aesni_decrypt_schedule(uint8_t (*dk)[16], const uint8_t (*rk)[16],
                                                    int rounds)
{
    _mm_storeu_si128((__m128i *)dk[0], _mm_loadu_si128((const __m128i *)rk[rounds]));
    for (int i = 1; i < rounds; i++)
        _mm_storeu_si128((__m128i *)dk[i],
                         _mm_aesimc_si128(_mm_loadu_si128((const __m128i *)rk[rounds - i])));
    _mm_storeu_si128((__m128i *)dk[rounds], _mm_loadu_si128((const __m128i *)rk[0]));
}

AESNI_DEC_TARGET void mintls_aesni_decrypt_block(const uint8_t (*dk)[16], int rounds,
                                                 const uint8_t in[16], uint8_t out[16])
{
    __m128i b = _mm_xor_si128(_mm_loadu_si128((const __m128i *)in),
                              _mm_loadu_si128((const __m128i *)dk[0]));
    for (int r = 1; r < rounds; r++)
        b = _mm_aesdec_si128(b, _mm_loadu_si128((const __m128i *)dk[r]));
    b = _mm_aesdeclast_si128(b, _mm_loadu_si128((const __m128i *)dk[rounds]));
    _mm_storeu_si128((__m128i *)out, b);
}

#else

/* Never chosen off x86 (mintls_cpu_caps() reports no AES-NI there). */
void mintls_aesni_decrypt_schedule(uint8_t (*dk)[16], const uint8_t (*rk)[16], int rounds)
{
    (void)dk;
    (void)rk;
    (void)rounds;
}

void mintls_aesni_decrypt_block(const uint8_t (*dk)[16], int rounds, const uint8_t in[16],
                                uint8_t out[16])
{
    (void)dk;
    (void)rounds;
    (void)in;
    (void)out;
}

#endif
