/*
 * ChaCha20 with AVX2: eight blocks side by side, one ymm register per state
 * word (lane b holds block b). Rotations by 16 and 8 are byte shuffles, by 12
 * and 7 shift pairs. Only compiled into functions marked target("avx2");
 * chosen at run time by chacha20.c.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

static inline AVX2 __m256i rotl16(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15,
                                       12, 13, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9,
                                       14, 15, 12, 13);
    return _mm256_shuffle_epi8(x, m);
}

static inline AVX2 __m256i rotl8(__m256i x)
{
    const __m256i m = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12,
                                       13, 14, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10,
                                       15, 12, 13, 14);
    return _mm256_shuffle_epi8(x, m);
}

static inline AVX2 __m256i rotl12(__m256i x)
{
    return _mm256_or_si256(_mm256_slli_epi32(x, 12), _mm256_srli_epi32(x, 20));
}

static inline AVX2 __m256i rotl7(__m256i x)
{
    return _mm256_or_si256(_mm256_slli_epi32(x, 7), _mm256_srli_epi32(x, 25));
}

/*
 * Two quarter rounds in lock step. GCC does not schedule before register
 * allocation on x86, so source order decides register pressure: pairs keep
 * spills low (four in lock step spilled twice as much and ran ~20% slower)
 * while out-of-order execution overlaps consecutive pairs.
 */
#define QR2(a0, b0, c0, d0, a1, b1, c1, d1)                                   \
    do {                                                                       \
        a0 = _mm256_add_epi32(a0, b0); a1 = _mm256_add_epi32(a1, b1);          \
        d0 = rotl16(_mm256_xor_si256(d0, a0)); d1 = rotl16(_mm256_xor_si256(d1, a1)); \
        c0 = _mm256_add_epi32(c0, d0); c1 = _mm256_add_epi32(c1, d1);          \
        b0 = rotl12(_mm256_xor_si256(b0, c0)); b1 = rotl12(_mm256_xor_si256(b1, c1)); \
        a0 = _mm256_add_epi32(a0, b0); a1 = _mm256_add_epi32(a1, b1);          \
        d0 = rotl8(_mm256_xor_si256(d0, a0)); d1 = rotl8(_mm256_xor_si256(d1, a1)); \
        c0 = _mm256_add_epi32(c0, d0); c1 = _mm256_add_epi32(c1, d1);          \
        b0 = rotl7(_mm256_xor_si256(b0, c0)); b1 = rotl7(_mm256_xor_si256(b1, c1)); \
    } while (0)

static inline AVX2 void xor_store(uint8_t *out, const uint8_t *in, __m256i ks)
{
    if (in != NULL)
        ks = _mm256_xor_si256(ks, _mm256_loadu_si256((const __m256i *)in));
    _mm256_storeu_si256((__m256i *)out, ks);
}

/*
 * Eight blocks with counters word12 .. word12+7: out = in ^ keystream, or
 * the keystream alone when in is NULL.
 */
static inline __attribute__((always_inline)) AVX2 void
chacha20_x8(const uint32_t state[16], const uint8_t *in, uint8_t *out,
            mintls_poly1305_regs *q, const uint8_t *mac)
{
    __m256i s[16], x[16];
    for (int i = 0; i < 16; i++)
        s[i] = _mm256_set1_epi32((int)state[i]);
    s[12] = _mm256_add_epi32(s[12], _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    for (int i = 0; i < 16; i++)
        x[i] = s[i];

    /*
     * With mac set, STITCH_BLOCKS Poly1305 blocks ride along, two per double
     * round: the integer multiplier works while the vector units run the
     * rounds. More than two per round makes the scalar chain the critical
     * path (measured on Zen 3), so the rest of the MAC goes to the vector
     * Poly1305 code around this loop.
     */
    for (int r = 0; r < 10; r++) {
        QR2(x[0], x[4], x[8], x[12], x[1], x[5], x[9], x[13]);
        if (mac != NULL) {
            mintls_poly1305_block(q, mac, 1);
            mac += 16;
        }
        QR2(x[2], x[6], x[10], x[14], x[3], x[7], x[11], x[15]);
        QR2(x[0], x[5], x[10], x[15], x[1], x[6], x[11], x[12]);
        if (mac != NULL) {
            mintls_poly1305_block(q, mac, 1);
            mac += 16;
        }
        QR2(x[2], x[7], x[8], x[13], x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        x[i] = _mm256_add_epi32(x[i], s[i]);

    /*
     * Transpose 4x4 within each 128-bit half: for word group g, y[g][b] holds
     * words 4g..4g+3 of block b (low half) and of block b+4 (high half).
     */
    __m256i y[4][4];
    for (int g = 0; g < 4; g++) {
        __m256i t0 = _mm256_unpacklo_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t1 = _mm256_unpackhi_epi32(x[4 * g], x[4 * g + 1]);
        __m256i t2 = _mm256_unpacklo_epi32(x[4 * g + 2], x[4 * g + 3]);
        __m256i t3 = _mm256_unpackhi_epi32(x[4 * g + 2], x[4 * g + 3]);
        y[g][0] = _mm256_unpacklo_epi64(t0, t2);
        y[g][1] = _mm256_unpackhi_epi64(t0, t2);
        y[g][2] = _mm256_unpacklo_epi64(t1, t3);
        y[g][3] = _mm256_unpackhi_epi64(t1, t3);
    }
    for (int b = 0; b < 4; b++) {
        size_t lo = 64 * (size_t)b, hi = 64 * (size_t)(b + 4);
        xor_store(out + lo, in ? in + lo : NULL,
                  _mm256_permute2x128_si256(y[0][b], y[1][b], 0x20));
        xor_store(out + lo + 32, in ? in + lo + 32 : NULL,
                  _mm256_permute2x128_si256(y[2][b], y[3][b], 0x20));
        xor_store(out + hi, in ? in + hi : NULL,
                  _mm256_permute2x128_si256(y[0][b], y[1][b], 0x31));
        xor_store(out + hi + 32, in ? in + hi + 32 : NULL,
                  _mm256_permute2x128_si256(y[2][b], y[3][b], 0x31));
    }
}

/*
 * Row layout for a few blocks: one ymm per state row, block n in the low
 * half and n+1 in the high half, `pairs` such sets side by side. Diagonal
 * rounds rotate rows b, c, d by one, two and three words. Much shorter
 * latency than the eight-block code when only one to four blocks are
 * wanted (the AEAD's first blocks and tails). Writes 128 * pairs bytes.
 */
static inline __attribute__((always_inline)) AVX2 void
chacha20_rows(const uint32_t state[16], uint8_t *ks, int pairs)
{
    __m256i a[2], b[2], c[2], d[2], a0, b0, c0, d0[2];
    a0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)state));
    b0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 4)));
    c0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 8)));
    d0[0] = _mm256_add_epi32(
        _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(state + 12))),
        _mm256_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0));
    d0[1] = _mm256_add_epi32(d0[0], _mm256_setr_epi32(2, 0, 0, 0, 2, 0, 0, 0));
    for (int p = 0; p < pairs; p++) {
        a[p] = a0;
        b[p] = b0;
        c[p] = c0;
        d[p] = d0[p];
    }
    for (int r = 0; r < 10; r++) {
        for (int p = 0; p < pairs; p++) {
            a[p] = _mm256_add_epi32(a[p], b[p]); d[p] = rotl16(_mm256_xor_si256(d[p], a[p]));
            c[p] = _mm256_add_epi32(c[p], d[p]); b[p] = rotl12(_mm256_xor_si256(b[p], c[p]));
            a[p] = _mm256_add_epi32(a[p], b[p]); d[p] = rotl8(_mm256_xor_si256(d[p], a[p]));
            c[p] = _mm256_add_epi32(c[p], d[p]); b[p] = rotl7(_mm256_xor_si256(b[p], c[p]));
            b[p] = _mm256_shuffle_epi32(b[p], _MM_SHUFFLE(0, 3, 2, 1));
            c[p] = _mm256_shuffle_epi32(c[p], _MM_SHUFFLE(1, 0, 3, 2));
            d[p] = _mm256_shuffle_epi32(d[p], _MM_SHUFFLE(2, 1, 0, 3));
        }
        for (int p = 0; p < pairs; p++) {
            a[p] = _mm256_add_epi32(a[p], b[p]); d[p] = rotl16(_mm256_xor_si256(d[p], a[p]));
            c[p] = _mm256_add_epi32(c[p], d[p]); b[p] = rotl12(_mm256_xor_si256(b[p], c[p]));
            a[p] = _mm256_add_epi32(a[p], b[p]); d[p] = rotl8(_mm256_xor_si256(d[p], a[p]));
            c[p] = _mm256_add_epi32(c[p], d[p]); b[p] = rotl7(_mm256_xor_si256(b[p], c[p]));
            b[p] = _mm256_shuffle_epi32(b[p], _MM_SHUFFLE(2, 1, 0, 3));
            c[p] = _mm256_shuffle_epi32(c[p], _MM_SHUFFLE(1, 0, 3, 2));
            d[p] = _mm256_shuffle_epi32(d[p], _MM_SHUFFLE(0, 3, 2, 1));
        }
    }
    for (int p = 0; p < pairs; p++) {
        __m256i ra = _mm256_add_epi32(a[p], a0), rb = _mm256_add_epi32(b[p], b0);
        __m256i rc = _mm256_add_epi32(c[p], c0), rd = _mm256_add_epi32(d[p], d0[p]);
        uint8_t *o = ks + 128 * p;
        _mm256_storeu_si256((__m256i *)o, _mm256_permute2x128_si256(ra, rb, 0x20));
        _mm256_storeu_si256((__m256i *)(o + 32), _mm256_permute2x128_si256(rc, rd, 0x20));
        _mm256_storeu_si256((__m256i *)(o + 64), _mm256_permute2x128_si256(ra, rb, 0x31));
        _mm256_storeu_si256((__m256i *)(o + 96), _mm256_permute2x128_si256(rc, rd, 0x31));
    }
}

AVX2 void mintls_chacha20_keystream2_avx2(const uint32_t state[16], uint8_t out[128])
{
    chacha20_rows(state, out, 1);
}

AVX2 void mintls_chacha20_blocks_avx2(uint32_t state[16], const uint8_t *in,
                                      uint8_t *out, size_t nblocks)
{
    while (nblocks >= 8) {
        chacha20_x8(state, in, out, NULL, NULL);
        state[12] += 8;
        in += 512;
        out += 512;
        nblocks -= 8;
    }
    if (nblocks > 0) {
        _Alignas(32) uint8_t ks[512];
        size_t made;
        if (nblocks <= 2) {
            chacha20_rows(state, ks, 1);
            made = 128;
        } else if (nblocks <= 4) {
            chacha20_rows(state, ks, 2);
            made = 256;
        } else {
            chacha20_x8(state, NULL, ks, NULL, NULL);
            made = 512;
        }
        for (size_t i = 0; i < nblocks * 64; i += 32)
            xor_store(out + i, in + i, _mm256_load_si256((const __m256i *)(ks + i)));
        state[12] += (uint32_t)nblocks;
        ct_wipe(ks, made);
    }
}

#define STITCH_BLOCKS 20 /* Poly1305 blocks per eight-block group */

/*
 * Each group of eight ChaCha20 blocks carries 20 of its 32 Poly1305 blocks;
 * the vector Poly1305 takes the other 12 per group, in one run:
 *  - encrypting, it follows behind: group g MACs ciphertext the groups
 *    before it wrote, and the vector code finishes what is left;
 *  - decrypting (maybe in place), it goes first over the leading 12n
 *    blocks, then group g MACs blocks 12n + 20g .. 12n + 20g + 19, which
 *    group g has not overwritten yet (12n + 20g >= 32g for g < n).
 */
AVX2 void mintls_chacha20_poly1305_stitched_avx2(uint32_t state[16], mintls_poly1305_impl *p,
                                                 const uint8_t *in, uint8_t *out,
                                                 size_t ngroups, int encrypt)
{
    const size_t stitch_bytes = 16 * STITCH_BLOCKS;
    const uint8_t *mac;
    mintls_poly1305_regs q;

    if (!encrypt) {
        mintls_poly1305_impl_update(p, in, ngroups * (512 - stitch_bytes));
        mac = in + ngroups * (512 - stitch_bytes);
    } else {
        mac = out;
    }
    q = (mintls_poly1305_regs){p->h0, p->h1, p->h2, p->r0, p->r1, p->s1};
    for (size_t g = 0; g < ngroups; g++) {
        if (encrypt && g == 0) {
            chacha20_x8(state, in, out, NULL, NULL);
        } else {
            chacha20_x8(state, in, out, &q, mac);
            mac += stitch_bytes;
        }
        state[12] += 8;
        in += 512;
        out += 512;
    }
    p->h0 = q.h0;
    p->h1 = q.h1;
    p->h2 = q.h2;
    if (encrypt)
        mintls_poly1305_impl_update(p, mac, (size_t)(out - mac));
}

#else
typedef int mintls_chacha20_avx2_unused;
#endif
