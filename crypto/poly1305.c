/*
 * Poly1305 (RFC 8439 section 2.5), portable: the accumulator in radix 2^64
 * (two full words and a small top word) with 64x64->128-bit products.
 * Reduction uses 2^130 == 5 (mod p); the final reduction is a masked select,
 * so nothing branches on the key or the message. Long inputs go to the AVX2
 * code (poly1305_avx2.c) or the AVX-512 IFMA code (poly1305_avx512.c) when
 * the context was started on that path.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#include <string.h>

typedef unsigned __int128 u128;

/* Below this many blocks the vector set-up and fold-back cost more than they save. */
#define POLY1305_AVX2_MIN_BLOCKS 16
#define POLY1305_AVX512_MIN_BLOCKS 16

static inline uint64_t load64_le(const uint8_t *p)
{
    return mintls_poly1305_load64_le(p);
}

static inline void store64_le(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static inline void mul_r(uint64_t *h0, uint64_t *h1, uint64_t *h2, uint64_t r0,
                         uint64_t r1, uint64_t s1)
{
    mintls_poly1305_regs q = {*h0, *h1, *h2, r0, r1, s1};
    mintls_poly1305_mul_r(&q);
    *h0 = q.h0;
    *h1 = q.h1;
    *h2 = q.h2;
}

void mintls_poly1305_blocks_portable(mintls_poly1305_impl *p, const uint8_t *in,
                                     size_t nblocks, uint64_t hibit)
{
    mintls_poly1305_regs q = {p->h0, p->h1, p->h2, p->r0, p->r1, p->s1};
    while (nblocks-- > 0) {
        mintls_poly1305_block(&q, in, hibit);
        in += 16;
    }
    p->h0 = q.h0;
    p->h1 = q.h1;
    p->h2 = q.h2;
}

/* Fully reduce h (< 2p) into [0, p) without branching. */
static inline void reduce_full(uint64_t *h0, uint64_t *h1, uint64_t *h2)
{
    u128 t = (u128)*h0 + 5;
    uint64_t g0 = (uint64_t)t;
    t = (u128)*h1 + (uint64_t)(t >> 64);
    uint64_t g1 = (uint64_t)t;
    uint64_t g2 = *h2 + (uint64_t)(t >> 64);
    /* h >= p exactly when h + 5 reaches 2^130. */
    uint64_t mask = (uint64_t)0 - (g2 >> 2);
    *h0 = ct_select_u64(mask, g0, *h0);
    *h1 = ct_select_u64(mask, g1, *h1);
    *h2 = ct_select_u64(mask, g2 & 3, *h2);
}

/* r^1..r^4 in radix 2^26 for the 4-way vector code. */
void mintls_poly1305_need_rpow(mintls_poly1305_impl *p)
{
    if (p->have_rpow)
        return;
    uint64_t h0 = p->r0, h1 = p->r1, h2 = 0;
    for (int k = 0; k < 4; k++) {
        if (k > 0)
            mul_r(&h0, &h1, &h2, p->r0, p->r1, p->s1);
        uint64_t a0 = h0, a1 = h1, a2 = h2;
        reduce_full(&a0, &a1, &a2);
        p->rpow[k][0] = (uint32_t)(a0 & 0x3ffffff);
        p->rpow[k][1] = (uint32_t)((a0 >> 26) & 0x3ffffff);
        p->rpow[k][2] = (uint32_t)(((a0 >> 52) | (a1 << 12)) & 0x3ffffff);
        p->rpow[k][3] = (uint32_t)((a1 >> 14) & 0x3ffffff);
        p->rpow[k][4] = (uint32_t)((a1 >> 40) | (a2 << 24));
    }
    p->have_rpow = 1;
}

/*
 * r^8..r^1 in radix 2^44 for the IFMA code (which derives r^16..r^9 from
 * them): rpow44[j][i] = limb j of r^(8-i).
 */
void mintls_poly1305_need_rpow44(mintls_poly1305_impl *p)
{
    if (p->have_rpow44)
        return;
    uint64_t h0 = p->r0, h1 = p->r1, h2 = 0;
    for (int k = 1; k <= 8; k++) {
        if (k > 1)
            mul_r(&h0, &h1, &h2, p->r0, p->r1, p->s1);
        uint64_t a0 = h0, a1 = h1, a2 = h2;
        reduce_full(&a0, &a1, &a2);
        p->rpow44[0][8 - k] = a0 & 0xfffffffffffULL;
        p->rpow44[1][8 - k] = ((a0 >> 44) | (a1 << 20)) & 0xfffffffffffULL;
        p->rpow44[2][8 - k] = (a1 >> 24) | (a2 << 40);
    }
    p->have_rpow44 = 1;
}

void mintls_poly1305_impl_init(mintls_poly1305_impl *p, const uint8_t key[32], int path)
{
    memset(p, 0, sizeof(*p));
    p->r0 = load64_le(key) & 0x0ffffffc0fffffffULL;
    p->r1 = load64_le(key + 8) & 0x0ffffffc0ffffffcULL;
    p->s1 = p->r1 + (p->r1 >> 2);
    p->pad0 = load64_le(key + 16);
    p->pad1 = load64_le(key + 24);
    p->path = (uint32_t)path;
}

void mintls_poly1305_impl_update(mintls_poly1305_impl *p, const uint8_t *in, size_t len)
{
    if (len == 0)
        return; /* in may be NULL */
    if (p->buflen > 0) {
        size_t take = 16 - p->buflen;
        if (take > len)
            take = len;
        memcpy(p->buf + p->buflen, in, take);
        p->buflen += (uint32_t)take;
        in += take;
        len -= take;
        if (p->buflen < 16)
            return;
        mintls_poly1305_blocks_portable(p, p->buf, 1, 1);
        p->buflen = 0;
    }
    size_t nblocks = len / 16;
#if defined(__x86_64__)
    if (p->path == MINTLS_CP_PATH_AVX512 && nblocks >= POLY1305_AVX512_MIN_BLOCKS) {
        size_t n8 = nblocks & ~(size_t)7;
        mintls_poly1305_need_rpow44(p);
        mintls_poly1305_blocks_avx512(p, in, n8);
        in += 16 * n8;
        len -= 16 * n8;
        nblocks -= n8;
    }
    if (p->path == MINTLS_CP_PATH_AVX2 && nblocks >= POLY1305_AVX2_MIN_BLOCKS) {
        size_t n4 = nblocks & ~(size_t)3;
        mintls_poly1305_need_rpow(p);
        mintls_poly1305_blocks_avx2(p, in, n4);
        in += 16 * n4;
        len -= 16 * n4;
        nblocks -= n4;
    }
#endif
    if (nblocks > 0) {
        mintls_poly1305_blocks_portable(p, in, nblocks, 1);
        in += 16 * nblocks;
        len -= 16 * nblocks;
    }
    if (len > 0) {
        memcpy(p->buf, in, len);
        p->buflen = (uint32_t)len;
    }
}

void mintls_poly1305_impl_final(mintls_poly1305_impl *p, uint8_t tag[16])
{
    if (p->buflen > 0) {
        /* A short last block gets its 1 byte right after the data, not at 2^128. */
        p->buf[p->buflen] = 1;
        memset(p->buf + p->buflen + 1, 0, 15 - p->buflen);
        mintls_poly1305_blocks_portable(p, p->buf, 1, 0);
    }
    uint64_t h0 = p->h0, h1 = p->h1, h2 = p->h2;
    reduce_full(&h0, &h1, &h2);
    u128 t = (u128)h0 + p->pad0;
    h0 = (uint64_t)t;
    h1 = h1 + p->pad1 + (uint64_t)(t >> 64);
    store64_le(tag, h0);
    store64_le(tag + 8, h1);
    ct_wipe(p, sizeof(*p));
}

void mintls_poly1305_init(mintls_poly1305 *p, const uint8_t key[32])
{
    mintls_poly1305_impl_init((mintls_poly1305_impl *)p, key, mintls_chacha_poly_path());
}

void mintls_poly1305_update(mintls_poly1305 *p, const uint8_t *in, size_t len)
{
    mintls_poly1305_impl_update((mintls_poly1305_impl *)p, in, len);
}

void mintls_poly1305_final(mintls_poly1305 *p, uint8_t tag[16])
{
    mintls_poly1305_impl_final((mintls_poly1305_impl *)p, tag);
    ct_wipe(p, sizeof(*p));
}
