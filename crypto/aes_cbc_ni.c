/*
 * CBC mode with AES-NI, whole blocks, for the EVP layer (evp_cbc.c).
 * Decryption keeps eight blocks in flight: each block's inverse cipher is
 * independent of the others, so interleaving hides AESDEC's latency (one
 * block at a time runs about 4x slower); its schedule is the equivalent
 * inverse cipher's (aes_dec_ni.c). Encryption is a chain, one block after
 * another; it gains from keeping the round keys in registers across blocks
 * instead of reloading them per block call (about 1.4x at 16 KB).
 */
#include "internal/evp_cbc.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#define AESNI_CBC_TARGET __attribute__((target("aes,sse2")))

AESNI_CBC_TARGET void mintls_aesni_cbc_encrypt(const uint8_t (*rk)[16], int rounds,
                                               uint8_t iv[16], const uint8_t *in,
                                               uint8_t *out, size_t len)
{
    __m128i k[15];
    for (int r = 0; r <= rounds; r++)
        k[r] = _mm_loadu_si128((const __m128i *)rk[r]);
    __m128i chain = _mm_loadu_si128((const __m128i *)iv);
    for (size_t off = 0; off + 16 <= len; off += 16) {
        __m128i b = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(in + off)), chain);
        b = _mm_xor_si128(b, k[0]);
        for (int r = 1; r < rounds; r++)
            b = _mm_aesenc_si128(b, k[r]);
        chain = _mm_aesenclast_si128(b, k[rounds]);
        _mm_storeu_si128((__m128i *)(out + off), chain);
    }
    _mm_storeu_si128((__m128i *)iv, chain);
    /* Round keys are secret; the spilled copies go too. */
    for (int r = 0; r <= rounds; r++)
        k[r] = _mm_setzero_si128();
    __asm__ __volatile__("" : : "r"(k) : "memory");
}

AESNI_CBC_TARGET void mintls_aesni_cbc_decrypt(const uint8_t (*dk)[16], int rounds,
                                               uint8_t iv[16], const uint8_t *in,
                                               uint8_t *out, size_t len)
{
    __m128i chain = _mm_loadu_si128((const __m128i *)iv);
    __m128i k0 = _mm_loadu_si128((const __m128i *)dk[0]);
    __m128i klast = _mm_loadu_si128((const __m128i *)dk[rounds]);
    size_t off = 0;
    for (; off + 128 <= len; off += 128) {
        __m128i c[8], b[8];
        /* All eight loaded before any store: out may equal in. */
        for (int j = 0; j < 8; j++) {
            c[j] = _mm_loadu_si128((const __m128i *)(in + off + 16 * (size_t)j));
            b[j] = _mm_xor_si128(c[j], k0);
        }
        for (int r = 1; r < rounds; r++) {
            __m128i rk = _mm_loadu_si128((const __m128i *)dk[r]);
            for (int j = 0; j < 8; j++)
                b[j] = _mm_aesdec_si128(b[j], rk);
        }
        for (int j = 0; j < 8; j++)
            b[j] = _mm_aesdeclast_si128(b[j], klast);
        _mm_storeu_si128((__m128i *)(out + off), _mm_xor_si128(b[0], chain));
        for (int j = 1; j < 8; j++)
            _mm_storeu_si128((__m128i *)(out + off + 16 * (size_t)j),
                             _mm_xor_si128(b[j], c[j - 1]));
        chain = c[7];
    }
    for (; off + 16 <= len; off += 16) {
        __m128i c = _mm_loadu_si128((const __m128i *)(in + off));
        __m128i b = _mm_xor_si128(c, k0);
        for (int r = 1; r < rounds; r++)
            b = _mm_aesdec_si128(b, _mm_loadu_si128((const __m128i *)dk[r]));
        b = _mm_aesdeclast_si128(b, klast);
        _mm_storeu_si128((__m128i *)(out + off), _mm_xor_si128(b, chain));
        chain = c;
    }
    _mm_storeu_si128((__m128i *)iv, chain);
}

#else

/* Never chosen off x86 (no key there has an AES-NI schedule). */
void mintls_aesni_cbc_encrypt(const uint8_t (*rk)[16], int rounds, uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    (void)rk;
    (void)rounds;
    (void)iv;
    (void)in;
    (void)out;
    (void)len;
}

void mintls_aesni_cbc_decrypt(const uint8_t (*dk)[16], int rounds, uint8_t iv[16],
                              const uint8_t *in, uint8_t *out, size_t len)
{
    (void)dk;
    (void)rounds;
    (void)iv;
    (void)in;
    (void)out;
    (void)len;
}

#endif
