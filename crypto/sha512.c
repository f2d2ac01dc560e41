/*
 * SHA-384 and SHA-512 (FIPS 180-4 section 6.4), portable C with the message
 * schedule kept in a 16-word ring and the eight working variables renamed
 * per round instead of shuffled; sha512_avx2.c computes the schedule with
 * vectors where AVX2 and BMI2 are present. The streaming state is OpenSSL's
 * SHA512_CTX.
 */
#include <string.h>

#include <openssl/sha.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/md_buffer.h"

_Static_assert(sizeof(SHA512_CTX) <= sizeof(mintls_hash_ctx), "SHA512_CTX too large");

/* FIPS 180-4 section 4.2.3 */
_Alignas(16) const uint64_t mintls_sha512_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline uint64_t rotr64(uint64_t x, unsigned n)
{
    return (x >> n) | (x << (64 - n));
}

static inline uint64_t load_be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline void store_be64(uint8_t *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    memcpy(p, &v, 8);
}

#define BSIG0(x) (rotr64(x, 28) ^ rotr64(x, 34) ^ rotr64(x, 39))
#define BSIG1(x) (rotr64(x, 14) ^ rotr64(x, 18) ^ rotr64(x, 41))
#define SSIG0(x) (rotr64(x, 1) ^ rotr64(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (rotr64(x, 19) ^ rotr64(x, 61) ^ ((x) >> 6))
#define CH(x, y, z) ((((y) ^ (z)) & (x)) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

#define EXPAND(i) \
    (w[(i) & 15] += SSIG1(w[((i) - 2) & 15]) + w[((i) - 7) & 15] + SSIG0(w[((i) - 15) & 15]))

#define ROUND(a, b, c, d, e, f, g, h, t, wt)                          \
    do {                                                              \
        uint64_t t1_ = (h) + BSIG1(e) + CH(e, f, g) + mintls_sha512_k[t] + (wt); \
        uint64_t t2_ = BSIG0(a) + MAJ(a, b, c);                       \
        (d) += t1_;                                                   \
        (h) = t1_ + t2_;                                              \
    } while (0)

/* Eight rounds from t; W supplied by W(i) for i = 0..7 (ring index). */
#define ROUNDS8(t, W)                                \
    ROUND(a, b, c, d, e, f, g, h, (t) + 0, W(0)); \
    ROUND(h, a, b, c, d, e, f, g, (t) + 1, W(1)); \
    ROUND(g, h, a, b, c, d, e, f, (t) + 2, W(2)); \
    ROUND(f, g, h, a, b, c, d, e, (t) + 3, W(3)); \
    ROUND(e, f, g, h, a, b, c, d, (t) + 4, W(4)); \
    ROUND(d, e, f, g, h, a, b, c, (t) + 5, W(5)); \
    ROUND(c, d, e, f, g, h, a, b, (t) + 6, W(6)); \
    ROUND(b, c, d, e, f, g, h, a, (t) + 7, W(7))

void mintls_sha512_blocks_portable(uint64_t st[8], const uint8_t *p, size_t nblocks)
{
    uint64_t w[16];

    while (nblocks--) {
        uint64_t a = st[0], b = st[1], c = st[2], d = st[3];
        uint64_t e = st[4], f = st[5], g = st[6], h = st[7];
        for (int i = 0; i < 16; i++)
            w[i] = load_be64(p + 8 * i);
#define WL0(i) w[(i)]
#define WL8(i) w[8 + (i)]
        ROUNDS8(0, WL0);
        ROUNDS8(8, WL8);
        for (int t = 16; t < 80; t += 16) {
#define WE0(i) EXPAND(t + (i))
#define WE8(i) EXPAND(t + 8 + (i))
            ROUNDS8(t, WE0);
            ROUNDS8(t + 8, WE8);
        }
        st[0] += a;
        st[1] += b;
        st[2] += c;
        st[3] += d;
        st[4] += e;
        st[5] += f;
        st[6] += g;
        st[7] += h;
        p += 128;
    }
    ct_wipe(w, sizeof(w));
}

void mintls_sha512_blocks(uint64_t h[8], const uint8_t *p, size_t nblocks)
{
#if defined(__x86_64__) || defined(__i386__)
    if (mintls_cpu_has(MINTLS_CPU_AVX2 | MINTLS_CPU_BMI2)) {
        mintls_sha512_blocks_avx2(h, p, nblocks);
        return;
    }
#endif
    mintls_sha512_blocks_portable(h, p, nblocks);
}

/* --- streaming over OpenSSL's SHA512_CTX ------------------------------ */

/* SHA_LONG64 is unsigned long long, uint64_t may be unsigned long: distinct
 * types for aliasing, so the state is copied rather than cast. */
static void ctx_blocks(void *ctx, const uint8_t *p, size_t nblocks)
{
    SHA512_CTX *c = ctx;
    uint64_t h[8];
    for (int i = 0; i < 8; i++)
        h[i] = c->h[i];
    mintls_sha512_blocks(h, p, nblocks);
    for (int i = 0; i < 8; i++)
        c->h[i] = h[i];
    ct_wipe(h, sizeof(h));
}

static void sha512_start(SHA512_CTX *c, const uint64_t iv[8], unsigned md_len)
{
    memset(c, 0, sizeof(*c));
    memcpy(c->h, iv, sizeof(c->h));
    c->md_len = md_len;
}

int SHA384_Init(SHA512_CTX *c)
{
    /* FIPS 180-4 section 5.3.4 */
    static const uint64_t iv[8] = {
        0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
        0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
    };
    sha512_start(c, iv, SHA384_DIGEST_LENGTH);
    return 1;
}

int SHA512_Init(SHA512_CTX *c)
{
    /* FIPS 180-4 section 5.3.5 */
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };
    sha512_start(c, iv, SHA512_DIGEST_LENGTH);
    return 1;
}

int SHA512_Update(SHA512_CTX *c, const void *data, size_t len)
{
    /* the 128-bit bit count */
    uint64_t lo = c->Nl + ((uint64_t)len << 3);
    c->Nh += ((uint64_t)len >> 61) + (lo < c->Nl);
    c->Nl = lo;
    md_buffer_update(c, ctx_blocks, c->u.p, &c->num, SHA512_CBLOCK, data, len);
    return 1;
}

int SHA384_Update(SHA512_CTX *c, const void *data, size_t len)
{
    return SHA512_Update(c, data, len);
}

int SHA512_Final(unsigned char *md, SHA512_CTX *c)
{
    uint8_t length[16];
    unsigned md_len = c->md_len;

    store_be64(length, c->Nh);
    store_be64(length + 8, c->Nl);
    md_buffer_final(c, ctx_blocks, c->u.p, c->num, SHA512_CBLOCK, length, sizeof(length));
    if (md_len > SHA512_DIGEST_LENGTH)
        md_len = SHA512_DIGEST_LENGTH;
    for (unsigned i = 0; i < md_len / 8; i++)
        store_be64(md + 8 * i, c->h[i]);
    ct_wipe(c, sizeof(*c));
    return 1;
}

int SHA384_Final(unsigned char *md, SHA512_CTX *c)
{
    return SHA512_Final(md, c);
}

void SHA512_Transform(SHA512_CTX *c, const unsigned char *data)
{
    ctx_blocks(c, data, 1);
}

unsigned char *SHA384(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[SHA384_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_sha384, d, n, md);
    return md;
}

unsigned char *SHA512(const unsigned char *d, size_t n, unsigned char *md)
{
    static unsigned char fallback[SHA512_DIGEST_LENGTH];
    if (md == NULL)
        md = fallback;
    mintls_hash_oneshot(&mintls_hash_sha512, d, n, md);
    return md;
}

/* --- mintls_hash vtables ------------------------------------------------ */

static void v384_init(mintls_hash_ctx *c)
{
    SHA384_Init((SHA512_CTX *)c->opaque);
}

static void v512_init(mintls_hash_ctx *c)
{
    SHA512_Init((SHA512_CTX *)c->opaque);
}

static void v_update(mintls_hash_ctx *c, const void *data, size_t len)
{
    SHA512_Update((SHA512_CTX *)c->opaque, data, len);
}

static void v_final(mintls_hash_ctx *c, uint8_t *out)
{
    SHA512_Final(out, (SHA512_CTX *)c->opaque);
}

const mintls_hash mintls_hash_sha384 = {
    673, "SHA384", SHA384_DIGEST_LENGTH, SHA512_CBLOCK, v384_init, v_update, v_final,
};

const mintls_hash mintls_hash_sha512 = {
    674, "SHA512", SHA512_DIGEST_LENGTH, SHA512_CBLOCK, v512_init, v_update, v_final,
};
