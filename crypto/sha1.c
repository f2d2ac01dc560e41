/*
 * SHA-1 (FIPS 180-4 section 6.1), portable C, dispatching to SHA-NI
 * (sha1_shani.c) when present. SHA-1 is kept for TLS 1.2 HMAC-SHA1 suites,
 * legacy signatures and the OpenSSL API; it is not collision resistant.
 */
#include <string.h>

#include <openssl/sha.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/md_buffer.h"

_Static_assert(sizeof(SHA_CTX) <= sizeof(mintls_hash_ctx), "SHA_CTX too large");

static inline uint32_t rotl32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

static inline uint32_t load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline void store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

#define F0(b, c, d) ((((c) ^ (d)) & (b)) ^ (d))
#define F1(b, c, d) ((b) ^ (c) ^ (d))
#define F2(b, c, d) (((b) & (c)) | ((d) & ((b) | (c))))
#define F3(b, c, d) ((b) ^ (c) ^ (d))

#define EXPAND(t) \
    (w[(t) & 15] = rotl32(w[((t) - 3) & 15] ^ w[((t) - 8) & 15] ^ w[((t) - 14) & 15] ^ w[(t) & 15], 1))

/* One round with the variables renamed instead of rotated: e gets the sum,
 * b is rotated in place. */
#define R(a, b, c, d, e, F, k, wt)                          \
    do {                                                    \
        (e) += rotl32(a, 5) + F(b, c, d) + (k) + (wt);      \
        (b) = rotl32(b, 30);                                \
    } while (0)

#define R5(F, k, W, t)                  \
    R(a, b, c, d, e, F, k, W((t) + 0)); \
    R(e, a, b, c, d, F, k, W((t) + 1)); \
    R(d, e, a, b, c, F, k, W((t) + 2)); \
    R(c, d, e, a, b, F, k, W((t) + 3)); \
    R(b, c, d, e, a, F, k, W((t) + 4))

#define WL(t) w[(t)]
#define WX(t) EXPAND(t)

void mintls_sha1_blocks_portable(uint32_t st[5], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];

    while (nblocks--) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
        for (int i = 0; i < 16; i++)
            w[i] = load_be32(p + 4 * i);
        R5(F0, 0x5a827999, WL, 0);
        R5(F0, 0x5a827999, WL, 5);
        R5(F0, 0x5a827999, WL, 10);
        R(a, b, c, d, e, F0, 0x5a827999, w[15]);
        R(e, a, b, c, d, F0, 0x5a827999, WX(16));
        R(d, e, a, b, c, F0, 0x5a827999, WX(17));
        R(c, d, e, a, b, F0, 0x5a827999, WX(18));
        R(b, c, d, e, a, F0, 0x5a827999, WX(19));
        R5(F1, 0x6ed9eba1, WX, 20);
        R5(F1, 0x6ed9eba1, WX, 25);
        R5(F1, 0x6ed9eba1, WX, 30);
        R5(F1, 0x6ed9eba1, WX, 35);
        R5(F2, 0x8f1bbcdc, WX, 40);
        R5(F2, 0x8f1bbcdc, WX, 45);
        R5(F2, 0x8f1bbcdc, WX, 50);
        R5(F2, 0x8f1bbcdc, WX, 55);
        R5(F3, 0xca62c1d6, WX, 60);
        R5(F3, 0xca62c1d6, WX, 65);
        R5(F3, 0xca62c1d6, WX, 70);
        R5(F3, 0xca62c1d6, WX, 75);
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        p += 64;
    }
    ct_wipe(w, sizeof(w));
}

void mintls_sha1_blocks(uint32_t h[5], const uint8_t *p, size_t nblocks)
{
#if defined(__x86_64__) || defined(__i386__)
    if (mintls_cpu_caps() & MINTLS_CPU_SHANI) {
        mintls_sha1_blocks_shani(h, p, nblocks);
        return;
    }
#endif
    mintls_sha1_blocks_portable(h, p, nblocks);
}

/* --- streaming over OpenSSL's SHA_CTX ---------------------------------- */

static void ctx_blocks(void *ctx, const uint8_t *p, size_t nblocks)
{
    SHA_CTX *c = ctx;
    uint32_t h[5] = {c->h0, c->h1, c->h2, c->h3, c->h4};
    mintls_sha1_blocks(h, p, nblocks);
    c->h0 = h[0];
    c->h1 = h[1];
    c->h2 = h[2];
    c->h3 = h[3];
    c->h4 = h[4];
    ct_wipe(h, sizeof(h));
}

int SHA1_Init(SHA_CTX *c)
{
    memset(c, 0, sizeof(*c));
    /* FIPS 180-4 section 5.3.1 */
    c->h0 = 0x67452301;
    c->h1 = 0xefcdab89;
    c->h2 = 0x98badcfe;
    c->h3 = 0x10325476;
    c->h4 = 0xc3d2e1f0;
    return 1;
}

int SHA1_Update(SHA_CTX *c, const void *data, size_t len)
{
    md_count_add32(&c->Nl, &c->Nh, len);
    md_buffer_update(c, ctx_blocks, (uint8_t *)c->data, &c->num, SHA_CBLOCK, data, len);
    return 1;
}

int SHA1_Final(unsigned char *md, SHA_CTX *c)
{
    uint8_t length[8];

    store_be32(length, c->Nh);
    store_be32(length + 4, c->Nl);
    md_buffer_final(c, ctx_blocks, (uint8_t *)c->data, c->num, SHA_CBLOCK, length, sizeof(length));
    store_be32(md, c->h0);
    store_be32(md + 4, c->h1);
    store_be32(md + 8, c->h2);
    store_be32(md + 12, c->h3);
    store_be32(md + 16, c->h4);
    ct_wipe(c, sizeof(*c));
    return 1;
}

void SHA1_Transform(SHA_CTX *c, const unsigned char *data)
{
    ctx_blocks(c, data, 1);
}

unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[SHA_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_sha1, d, n, md);
    return md;
}

/* --- mintls_hash vtable -------------------------------------------------- */

static void v_init(mintls_hash_ctx *c)
{
    SHA1_Init((SHA_CTX *)c->opaque);
}

static void v_update(mintls_hash_ctx *c, const void *data, size_t len)
{
    SHA1_Update((SHA_CTX *)c->opaque, data, len);
}

static void v_final(mintls_hash_ctx *c, uint8_t *out)
{
    SHA1_Final(out, (SHA_CTX *)c->opaque);
}

const mintls_hash mintls_hash_sha1 = {
    64, "SHA1", SHA_DIGEST_LENGTH, SHA_CBLOCK, v_init, v_update, v_final,
};
