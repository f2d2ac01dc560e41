/*
 * SHA-224 and SHA-256 (FIPS 180-4 section 6.2), portable C. The block
 * function dispatches to the SHA-NI implementation (sha256_shani.c) when the
 * CPU has it. The streaming state is OpenSSL's SHA256_CTX, so the public
 * SHA256_* functions and the internal mintls_hash vtable share one code path.
 */
#include <string.h>

#include <openssl/sha.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/md_buffer.h"

_Static_assert(sizeof(SHA256_CTX) <= sizeof(mintls_hash_ctx), "SHA256_CTX too large");

/* FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of
 * the cube roots of the first 64 primes. */
_Alignas(16) const uint32_t mintls_sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr32(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32 - n));
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

#define BSIG0(x) (rotr32(x, 2) ^ rotr32(x, 13) ^ rotr32(x, 22))
#define BSIG1(x) (rotr32(x, 6) ^ rotr32(x, 11) ^ rotr32(x, 25))
#define SSIG0(x) (rotr32(x, 7) ^ rotr32(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (rotr32(x, 17) ^ rotr32(x, 19) ^ ((x) >> 10))
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* W[t] for t >= 16 overwrites W[t mod 16] in a 16-word ring. */
#define EXPAND(t) \
    (w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + w[((t) - 7) & 15] + SSIG0(w[((t) - 15) & 15]))

#define ROUND(a, b, c, d, e, f, g, h, t, wt)                                       \
    do {                                                                           \
        uint32_t t1_ = (h) + BSIG1(e) + CH(e, f, g) + mintls_sha256_k[t] + (wt);   \
        uint32_t t2_ = BSIG0(a) + MAJ(a, b, c);                                    \
        (d) += t1_;                                                                \
        (h) = t1_ + t2_;                                                           \
    } while (0)

#define ROUNDS8_LOAD(t)                                 \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0, w[(t) + 0]); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1, w[(t) + 1]); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2, w[(t) + 2]); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3, w[(t) + 3]); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4, w[(t) + 4]); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5, w[(t) + 5]); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6, w[(t) + 6]); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7, w[(t) + 7])

#define ROUNDS8_EXP(t)                                    \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0, EXPAND((t) + 0)); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1, EXPAND((t) + 1)); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2, EXPAND((t) + 2)); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3, EXPAND((t) + 3)); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4, EXPAND((t) + 4)); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5, EXPAND((t) + 5)); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6, EXPAND((t) + 6)); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7, EXPAND((t) + 7))

void mintls_sha256_blocks_portable(uint32_t st[8], const uint8_t *p, size_t nblocks)
{
    uint32_t w[16];

    while (nblocks--) {
        uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
        uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
        for (int i = 0; i < 16; i++)
            w[i] = load_be32(p + 4 * i);
        ROUNDS8_LOAD(0);
        ROUNDS8_LOAD(8);
        ROUNDS8_EXP(16);
        ROUNDS8_EXP(24);
        ROUNDS8_EXP(32);
        ROUNDS8_EXP(40);
        ROUNDS8_EXP(48);
        ROUNDS8_EXP(56);
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        p += 64;
    }
    ct_wipe(w, sizeof(w));
}

void mintls_sha256_blocks(uint32_t h[8], const uint8_t *p, size_t nblocks)
{
#if defined(__x86_64__) || defined(__i386__)
    if (mintls_cpu_caps() & MINTLS_CPU_SHANI) {
        mintls_sha256_blocks_shani(h, p, nblocks);
        return;
    }
#endif
    mintls_sha256_blocks_portable(h, p, nblocks);
}

/* --- streaming over OpenSSL's SHA256_CTX ------------------------------ */

static void ctx_blocks(void *ctx, const uint8_t *p, size_t nblocks)
{
    mintls_sha256_blocks(((SHA256_CTX *)ctx)->h, p, nblocks);
}

static void sha256_start(SHA256_CTX *c, const uint32_t iv[8], unsigned md_len)
{
    memset(c, 0, sizeof(*c));
    memcpy(c->h, iv, sizeof(c->h));
    c->md_len = md_len;
}

int SHA224_Init(SHA256_CTX *c)
{
    /* FIPS 180-4 section 5.3.2 */
    static const uint32_t iv[8] = {0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
                                   0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4};
    sha256_start(c, iv, SHA224_DIGEST_LENGTH);
    return 1;
}

int SHA256_Init(SHA256_CTX *c)
{
    /* FIPS 180-4 section 5.3.3 */
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    sha256_start(c, iv, SHA256_DIGEST_LENGTH);
    return 1;
}

int SHA256_Update(SHA256_CTX *c, const void *data, size_t len)
{
    md_count_add32(&c->Nl, &c->Nh, len);
    md_buffer_update(c, ctx_blocks, (uint8_t *)c->data, &c->num, SHA256_CBLOCK, data, len);
    return 1;
}

int SHA224_Update(SHA256_CTX *c, const void *data, size_t len)
{
    return SHA256_Update(c, data, len);
}

int SHA256_Final(unsigned char *md, SHA256_CTX *c)
{
    uint8_t length[8];
    unsigned md_len = c->md_len;

    store_be32(length, c->Nh);
    store_be32(length + 4, c->Nl);
    md_buffer_final(c, ctx_blocks, (uint8_t *)c->data, c->num, SHA256_CBLOCK,
                    length, sizeof(length));
    if (md_len > SHA256_DIGEST_LENGTH)
        md_len = SHA256_DIGEST_LENGTH;
    for (unsigned i = 0; i < md_len / 4; i++)
        store_be32(md + 4 * i, c->h[i]);
    ct_wipe(c, sizeof(*c));
    return 1;
}

int SHA224_Final(unsigned char *md, SHA256_CTX *c)
{
    return SHA256_Final(md, c);
}

void SHA256_Transform(SHA256_CTX *c, const unsigned char *data)
{
    ctx_blocks(c, data, 1);
}

unsigned char *SHA224(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[SHA224_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_sha224, d, n, md);
    return md;
}

unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[SHA256_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_sha256, d, n, md);
    return md;
}

/* --- mintls_hash vtables ------------------------------------------------ */

static void v224_init(mintls_hash_ctx *c)
{
    SHA224_Init((SHA256_CTX *)c->opaque);
}

static void v256_init(mintls_hash_ctx *c)
{
    SHA256_Init((SHA256_CTX *)c->opaque);
}

static void v_update(mintls_hash_ctx *c, const void *data, size_t len)
{
    SHA256_Update((SHA256_CTX *)c->opaque, data, len);
}

static void v_final(mintls_hash_ctx *c, uint8_t *out)
{
    SHA256_Final(out, (SHA256_CTX *)c->opaque);
}

const mintls_hash mintls_hash_sha224 = {
    675, "SHA224", SHA224_DIGEST_LENGTH, SHA256_CBLOCK, v224_init, v_update, v_final,
};

const mintls_hash mintls_hash_sha256 = {
    672, "SHA256", SHA256_DIGEST_LENGTH, SHA256_CBLOCK, v256_init, v_update, v_final,
};
