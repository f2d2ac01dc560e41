/*
 * MD5 (RFC 1321), portable C, for legacy uses (TLS 1.0/1.1 style PRFs are not
 * supported, but programs still call MD5 and EVP_md5). Not collision resistant.
 */
#include <string.h>

#include <openssl/md5.h>

#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/md_buffer.h"

_Static_assert(sizeof(MD5_CTX) <= sizeof(mintls_hash_ctx), "MD5_CTX too large");

static inline uint32_t rotl32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

static inline uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* RFC 1321 section 3.4 */
#define F(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define G(x, y, z) ((((x) ^ (y)) & (z)) ^ (y))
#define H(x, y, z) ((x) ^ (y) ^ (z))
#define I(x, y, z) ((y) ^ ((x) | ~(z)))

#define STEP(f, a, b, c, d, k, s, t)                 \
    do {                                             \
        (a) += f(b, c, d) + x[k] + (uint32_t)(t);    \
        (a) = rotl32(a, s) + (b);                    \
    } while (0)

void mintls_md5_blocks(uint32_t st[4], const uint8_t *p, size_t nblocks)
{
    uint32_t x[16];

    while (nblocks--) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
        for (int i = 0; i < 16; i++)
            x[i] = load_le32(p + 4 * i);

        /* Round 1; T[i] = floor(2^32 * abs(sin(i))) */
        STEP(F, a, b, c, d, 0, 7, 0xd76aa478);
        STEP(F, d, a, b, c, 1, 12, 0xe8c7b756);
        STEP(F, c, d, a, b, 2, 17, 0x242070db);
        STEP(F, b, c, d, a, 3, 22, 0xc1bdceee);
        STEP(F, a, b, c, d, 4, 7, 0xf57c0faf);
        STEP(F, d, a, b, c, 5, 12, 0x4787c62a);
        STEP(F, c, d, a, b, 6, 17, 0xa8304613);
        STEP(F, b, c, d, a, 7, 22, 0xfd469501);
        STEP(F, a, b, c, d, 8, 7, 0x698098d8);
        STEP(F, d, a, b, c, 9, 12, 0x8b44f7af);
        STEP(F, c, d, a, b, 10, 17, 0xffff5bb1);
        STEP(F, b, c, d, a, 11, 22, 0x895cd7be);
        STEP(F, a, b, c, d, 12, 7, 0x6b901122);
        STEP(F, d, a, b, c, 13, 12, 0xfd987193);
        STEP(F, c, d, a, b, 14, 17, 0xa679438e);
        STEP(F, b, c, d, a, 15, 22, 0x49b40821);
        /* Round 2 */
        STEP(G, a, b, c, d, 1, 5, 0xf61e2562);
        STEP(G, d, a, b, c, 6, 9, 0xc040b340);
        STEP(G, c, d, a, b, 11, 14, 0x265e5a51);
        STEP(G, b, c, d, a, 0, 20, 0xe9b6c7aa);
        STEP(G, a, b, c, d, 5, 5, 0xd62f105d);
        STEP(G, d, a, b, c, 10, 9, 0x02441453);
        STEP(G, c, d, a, b, 15, 14, 0xd8a1e681);
        STEP(G, b, c, d, a, 4, 20, 0xe7d3fbc8);
        STEP(G, a, b, c, d, 9, 5, 0x21e1cde6);
        STEP(G, d, a, b, c, 14, 9, 0xc33707d6);
        STEP(G, c, d, a, b, 3, 14, 0xf4d50d87);
        STEP(G, b, c, d, a, 8, 20, 0x455a14ed);
        STEP(G, a, b, c, d, 13, 5, 0xa9e3e905);
        STEP(G, d, a, b, c, 2, 9, 0xfcefa3f8);
        STEP(G, c, d, a, b, 7, 14, 0x676f02d9);
        STEP(G, b, c, d, a, 12, 20, 0x8d2a4c8a);
        /* Round 3 */
        STEP(H, a, b, c, d, 5, 4, 0xfffa3942);
        STEP(H, d, a, b, c, 8, 11, 0x8771f681);
        STEP(H, c, d, a, b, 11, 16, 0x6d9d6122);
        STEP(H, b, c, d, a, 14, 23, 0xfde5380c);
        STEP(H, a, b, c, d, 1, 4, 0xa4beea44);
        STEP(H, d, a, b, c, 4, 11, 0x4bdecfa9);
        STEP(H, c, d, a, b, 7, 16, 0xf6bb4b60);
        STEP(H, b, c, d, a, 10, 23, 0xbebfbc70);
        STEP(H, a, b, c, d, 13, 4, 0x289b7ec6);
        STEP(H, d, a, b, c, 0, 11, 0xeaa127fa);
        STEP(H, c, d, a, b, 3, 16, 0xd4ef3085);
        STEP(H, b, c, d, a, 6, 23, 0x04881d05);
        STEP(H, a, b, c, d, 9, 4, 0xd9d4d039);
        STEP(H, d, a, b, c, 12, 11, 0xe6db99e5);
        STEP(H, c, d, a, b, 15, 16, 0x1fa27cf8);
        STEP(H, b, c, d, a, 2, 23, 0xc4ac5665);
        /* Round 4 */
        STEP(I, a, b, c, d, 0, 6, 0xf4292244);
        STEP(I, d, a, b, c, 7, 10, 0x432aff97);
        STEP(I, c, d, a, b, 14, 15, 0xab9423a7);
        STEP(I, b, c, d, a, 5, 21, 0xfc93a039);
        STEP(I, a, b, c, d, 12, 6, 0x655b59c3);
        STEP(I, d, a, b, c, 3, 10, 0x8f0ccc92);
        STEP(I, c, d, a, b, 10, 15, 0xffeff47d);
        STEP(I, b, c, d, a, 1, 21, 0x85845dd1);
        STEP(I, a, b, c, d, 8, 6, 0x6fa87e4f);
        STEP(I, d, a, b, c, 15, 10, 0xfe2ce6e0);
        STEP(I, c, d, a, b, 6, 15, 0xa3014314);
        STEP(I, b, c, d, a, 13, 21, 0x4e0811a1);
        STEP(I, a, b, c, d, 4, 6, 0xf7537e82);
        STEP(I, d, a, b, c, 11, 10, 0xbd3af235);
        STEP(I, c, d, a, b, 2, 15, 0x2ad7d2bb);
        STEP(I, b, c, d, a, 9, 21, 0xeb86d391);

        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        p += 64;
    }
    ct_wipe(x, sizeof(x));
}

/* --- streaming over OpenSSL's MD5_CTX ---------------------------------- */

static void ctx_blocks(void *ctx, const uint8_t *p, size_t nblocks)
{
    MD5_CTX *c = ctx;
    uint32_t h[4] = {c->A, c->B, c->C, c->D};
    mintls_md5_blocks(h, p, nblocks);
    c->A = h[0];
    c->B = h[1];
    c->C = h[2];
    c->D = h[3];
    ct_wipe(h, sizeof(h));
}

int MD5_Init(MD5_CTX *c)
{
    memset(c, 0, sizeof(*c));
    /* RFC 1321 section 3.3 */
    c->A = 0x67452301;
    c->B = 0xefcdab89;
    c->C = 0x98badcfe;
    c->D = 0x10325476;
    return 1;
}

int MD5_Update(MD5_CTX *c, const void *data, size_t len)
{
    md_count_add32(&c->Nl, &c->Nh, len);
    md_buffer_update(c, ctx_blocks, (uint8_t *)c->data, &c->num, MD5_CBLOCK, data, len);
    return 1;
}

int MD5_Final(unsigned char *md, MD5_CTX *c)
{
    uint8_t length[8];

    /* RFC 1321 section 3.2: the length goes in little-endian, low word first */
    store_le32(length, c->Nl);
    store_le32(length + 4, c->Nh);
    md_buffer_final(c, ctx_blocks, (uint8_t *)c->data, c->num, MD5_CBLOCK, length, sizeof(length));
    store_le32(md, c->A);
    store_le32(md + 4, c->B);
    store_le32(md + 8, c->C);
    store_le32(md + 12, c->D);
    ct_wipe(c, sizeof(*c));
    return 1;
}

void MD5_Transform(MD5_CTX *c, const unsigned char *b)
{
    ctx_blocks(c, b, 1);
}

unsigned char *MD5(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[MD5_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_md5, d, n, md);
    return md;
}

/* --- mintls_hash vtable -------------------------------------------------- */

static void v_init(mintls_hash_ctx *c)
{
    MD5_Init((MD5_CTX *)c->opaque);
}

static void v_update(mintls_hash_ctx *c, const void *data, size_t len)
{
    MD5_Update((MD5_CTX *)c->opaque, data, len);
}

static void v_final(mintls_hash_ctx *c, uint8_t *out)
{
    MD5_Final(out, (MD5_CTX *)c->opaque);
}

const mintls_hash mintls_hash_md5 = {
    4, "MD5", MD5_DIGEST_LENGTH, MD5_CBLOCK, v_init, v_update, v_final,
};
