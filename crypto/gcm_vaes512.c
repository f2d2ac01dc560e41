/*
 * GCM's CTR + GHASH loop on VAES and VPCLMULQDQ with 512-bit registers
 * (AVX-512 F/VL/BW): thirty-two counter blocks, four per register, go
 * through the rounds while thirty-two ciphertext blocks are multiplied by
 * H^32..H^1 with a single reduction. Encrypting, those are the previous
 * pass's output (kept in registers); decrypting, the pass's own input, which
 * is known up front. A remainder of 16..31 blocks takes one 16-block pass
 * (H^16..H^1), and the last 15 or fewer the AES-NI loop.
 *
 * Why 32: on the Zen 5 this was tuned on, VPCLMULQDQ is the scarce resource
 * and the per-pass fold and reduction are serial; 32-block passes ran 16 KB
 * records about 1.35x faster than 16-block ones (Karatsuba's three products
 * instead of four were slower at 16 blocks, and at 32 would not fit the key).
 *
 * Key material (gcm_key_vaes512): one copy of each round key, broadcast to
 * the four lanes when loaded, and H^32..H^1 in one descending run, four
 * powers to a register.
 *
 * Constant time: the only branches are on lengths; counters are public.
 */
#include "internal/gcm_impl.h"
#include "internal/ghash_clmul_inl.h"

/*
 * AVX-512 for the wide registers, plus the older sets the inlined 128-bit
 * helpers of ghash_clmul_inl.h are compiled for.
 */
#define V512_TARGET                                                                        \
    __attribute__((target("avx512f,avx512vl,avx512bw,vaes,vpclmulqdq,avx2,aes,pclmul,"    \
                          "ssse3,sse4.1")))

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* Whole-block byte reversal per lane (GHASH's register order). */
static ALWAYS_INLINE V512_TARGET __m512i z_bswap_mask(void)
{
    return _mm512_broadcast_i32x4(gh_bswap_mask());
}

/*
 * Reverses only bytes 12..15 of each lane: the big-endian 32-bit counter of
 * SP 800-38D becomes a native dword (dword 3), so _mm512_add_epi32 steps it
 * and wraps it mod 2^32 exactly as inc32 does, without touching the nonce.
 * The mask is its own inverse.
 */
static ALWAYS_INLINE V512_TARGET __m512i z_ctr_mask(void)
{
    return _mm512_broadcast_i32x4(
        _mm_set_epi8(12, 13, 14, 15, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
}

/* n added to the counter dword of each lane. */
static ALWAYS_INLINE V512_TARGET __m512i z_ctr_step(int n)
{
    return _mm512_set_epi32(n, 0, 0, 0, n, 0, 0, 0, n, 0, 0, 0, n, 0, 0, 0);
}

/*
 * Accumulates, per lane, the unreduced product d * h (four products, as in
 * gcm_vaes.c; see the top of the file). first: assign.
 */
static ALWAYS_INLINE V512_TARGET void z_mul_acc(__m512i d, __m512i h, __m512i *lo, __m512i *hi,
                                                __m512i *mid, int first)
{
    __m512i p00 = _mm512_clmulepi64_epi128(d, h, 0x00);
    __m512i p11 = _mm512_clmulepi64_epi128(d, h, 0x11);
    __m512i p01 = _mm512_clmulepi64_epi128(d, h, 0x01);
    __m512i p10 = _mm512_clmulepi64_epi128(d, h, 0x10);
    if (first) {
        *lo = p00;
        *hi = p11;
        *mid = _mm512_xor_si512(p01, p10);
    } else {
        *lo = _mm512_xor_si512(*lo, p00);
        *hi = _mm512_xor_si512(*hi, p11);
        *mid = _mm512_ternarylogic_epi64(*mid, p01, p10, 0x96); /* three-way XOR */
    }
    /* Keep each sum where it is made (GCC otherwise builds one late XOR tree). */
    __asm__("" : "+v"(*lo), "+v"(*hi), "+v"(*mid));
}

static ALWAYS_INLINE V512_TARGET __m128i z_fold(__m512i v)
{
    __m256i y = _mm256_xor_si256(_mm512_castsi512_si256(v), _mm512_extracti64x4_epi64(v, 1));
    return _mm_xor_si128(_mm256_castsi256_si128(y), _mm256_extracti128_si256(y, 1));
}

/* Folds the four lanes of the sums and reduces once. */
static ALWAYS_INLINE V512_TARGET __m128i z_finish(__m512i lo, __m512i hi, __m512i mid)
{
    return gh_finish(z_fold(lo), z_fold(hi), z_fold(mid));
}

/*
 * Powers of H for register j of a pass of nz registers (4 * nz blocks):
 * block 4j + l is multiplied by H^(4nz - 4j - l). The key holds H^32..H^1
 * in that (descending) order from hhi on.
 */
static ALWAYS_INLINE V512_TARGET __m512i z_hpowers(const gcm_key_vaes512 *k, const int nz, int j)
{
    /* Addressed from the table's base: a 64-byte load spans four rows. */
    const uint8_t *p = (const uint8_t *)k->hhi + 64 * (j + 8 - nz);
    return _mm512_loadu_si512((const void *)p);
}

/*
 * One register (four blocks) of the raw ciphertext blocks in g; j == 0 also
 * takes in x. Registers go 1, 2, ..., nz - 1, 0 (first starts the sums), so
 * that x, which the previous pass computes last, is needed last.
 */
static ALWAYS_INLINE V512_TARGET void z_ghash_part(const gcm_key_vaes512 *k, const int nz,
                                                   const __m512i *g, int j, __m128i x,
                                                   __m512i *lo, __m512i *hi, __m512i *mid)
{
    __m512i d = _mm512_shuffle_epi8(g[j], z_bswap_mask());
    if (j == 0)
        d = _mm512_xor_si512(d, _mm512_zextsi128_si512(x));
    z_mul_acc(d, z_hpowers(k, nz, j), lo, hi, mid, j == 1);
}

static ALWAYS_INLINE V512_TARGET __m128i z_ghash(const gcm_key_vaes512 *k, const int nz, __m128i x,
                                                 const __m512i *g)
{
    __m512i lo, hi, mid;
#pragma GCC unroll 8
    for (int j = 1; j <= nz; j++)
        z_ghash_part(k, nz, g, j % nz, x, &lo, &hi, &mid);
    return z_finish(lo, hi, mid);
}

/*
 * 4 * nz blocks of CTR from in to out (the ciphertext is also left in c).
 * If g is not NULL, the 4 * nz blocks in g are hashed into *x between the
 * rounds. cz holds counters n..n+3 in the z_ctr_mask form and advances.
 */
static ALWAYS_INLINE V512_TARGET void z_gcm(const gcm_key_vaes512 *k, const int rounds,
                                            const int nz, const __m512i *rkz, __m512i *cz,
                                            __m128i *x, const uint8_t *in, uint8_t *out,
                                            const __m512i *g, __m512i *c)
{
    const __m512i cm = z_ctr_mask();
    __m512i b[8];
    __m512i lo = _mm512_setzero_si512(), hi = lo, mid = lo;

#pragma GCC unroll 8
    for (int i = 0; i < nz; i++)
        b[i] = _mm512_xor_si512(_mm512_shuffle_epi8(_mm512_add_epi32(*cz, z_ctr_step(4 * i)), cm),
                                rkz[0]);
    *cz = _mm512_add_epi32(*cz, z_ctr_step(4 * nz));

#pragma GCC unroll 14
    for (int r = 1; r < rounds; r++) {
#pragma GCC unroll 8
        for (int i = 0; i < nz; i++)
            b[i] = _mm512_aesenc_epi128(b[i], rkz[r]);
        /* One register of GHASH input per round, in the shadow of the AES. */
        if (g != NULL && r <= nz)
            z_ghash_part(k, nz, g, r % nz, *x, &lo, &hi, &mid);
    }
#pragma GCC unroll 8
    for (int i = 0; i < nz; i++) {
        __m512i v = _mm512_aesenclast_epi128(b[i], rkz[rounds]);
        c[i] = _mm512_xor_si512(v, _mm512_loadu_si512((const void *)(in + 64 * i)));
    }
#pragma GCC unroll 8
    for (int i = 0; i < nz; i++)
        _mm512_storeu_si512((void *)(out + 64 * i), c[i]);
    if (g != NULL)
        *x = z_finish(lo, hi, mid);
}

/* Whole passes of 4 * nz blocks; returns the number of blocks done. */
static ALWAYS_INLINE V512_TARGET size_t z_blocks(const gcm_key_vaes512 *k, const int rounds,
                                                 const int nz, __m512i *cz, __m128i *xp,
                                                 const uint8_t *in, uint8_t *out,
                                                 size_t nblocks, int enc)
{
    const size_t per = 4 * (size_t)nz;
    __m512i rkz[AES_MAX_ROUNDS + 1];
    __m512i c[8], g[8];
    __m128i x = *xp;
    size_t done = 0;

    if (nblocks < per)
        return 0;
#pragma GCC unroll 15
    for (int r = 0; r <= rounds; r++)
        rkz[r] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)k->ni.rk[r]));

    if (enc) {
        /* Hash each pass's ciphertext while the next pass is encrypted. */
        z_gcm(k, rounds, nz, rkz, cz, &x, in, out, NULL, c);
        done = per;
        while (nblocks - done >= per) {
#pragma GCC unroll 8
            for (int i = 0; i < nz; i++)
                g[i] = c[i];
            z_gcm(k, rounds, nz, rkz, cz, &x, in + 16 * done, out + 16 * done, g, c);
            done += per;
        }
        x = z_ghash(k, nz, x, c);
    } else {
        while (nblocks - done >= per) {
            /* Read all of the input first: in may equal out. */
#pragma GCC unroll 8
            for (int i = 0; i < nz; i++)
                g[i] = _mm512_loadu_si512((const void *)(in + 16 * done + 64 * i));
            z_gcm(k, rounds, nz, rkz, cz, &x, in + 16 * done, out + 16 * done, g, c);
            done += per;
        }
    }
    *xp = x;
    return done;
}

/* 32-block passes, then at most one 16-block pass, for the given rounds. */
static ALWAYS_INLINE V512_TARGET size_t z_all(const gcm_key_vaes512 *k, const int rounds,
                                              __m512i *cz, __m128i *x, const uint8_t *in,
                                              uint8_t *out, size_t nblocks, int enc)
{
    size_t done = z_blocks(k, rounds, 8, cz, x, in, out, nblocks, enc);
    done += z_blocks(k, rounds, 4, cz, x, in + 16 * done, out + 16 * done, nblocks - done, enc);
    return done;
}

V512_TARGET void mintls_vaes512_gcm_blocks(const gcm_key_vaes512 *k, int rounds, uint8_t ctr[16],
                                           uint8_t xi[16], const uint8_t *in, uint8_t *out,
                                           size_t nblocks, int enc)
{
    if (nblocks >= 16) {
        const __m512i cm = z_ctr_mask();
        __m512i cz = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)ctr));
        cz = _mm512_add_epi32(_mm512_shuffle_epi8(cz, cm),
                              _mm512_set_epi32(3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
        __m128i x = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)xi), gh_bswap_mask());
        size_t done;
        if (rounds == 10)
            done = z_all(k, 10, &cz, &x, in, out, nblocks, enc);
        else
            done = z_all(k, 14, &cz, &x, in, out, nblocks, enc);
        /* Lane 0 holds the next counter. */
        _mm_storeu_si128((__m128i *)ctr,
                         _mm512_castsi512_si128(_mm512_shuffle_epi8(cz, cm)));
        _mm_storeu_si128((__m128i *)xi, _mm_shuffle_epi8(x, gh_bswap_mask()));
        in += 16 * done;
        out += 16 * done;
        nblocks -= done;
    }
    /* The last fifteen blocks or fewer: the eight-block AES-NI loop. */
    if (nblocks > 0)
        mintls_aesni_gcm_blocks(&k->ni, rounds, ctr, xi, in, out, nblocks, enc);
}
