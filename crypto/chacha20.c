/*
 * ChaCha20 (RFC 8439 section 2.3/2.4): portable code and the choice of path.
 *
 * The portable bulk code runs four blocks side by side in GCC/Clang vector
 * types (one 4-lane vector per state word), which baseline x86-64 compiles
 * to SSE2 and other targets to whatever they have; a scalar block function
 * covers big-endian machines and compilers without vector types. Nothing
 * here branches on or indexes by key, nonce or data.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/cpu.h"
#include "internal/ct.h"

#include <string.h>

#if defined(__has_builtin) && defined(__BYTE_ORDER__)
#if __has_builtin(__builtin_shufflevector) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CHACHA_VEC4 1
#endif
#endif

static inline uint32_t load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline void store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Works for uint32_t and for the 4-lane vector type alike. */
#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d)                                                         \
    do {                                                                       \
        a += b; d ^= a; d = ROTL(d, 16);                                       \
        c += d; b ^= c; b = ROTL(b, 12);                                       \
        a += b; d ^= a; d = ROTL(d, 8);                                        \
        c += d; b ^= c; b = ROTL(b, 7);                                        \
    } while (0)
#define DOUBLE_ROUND(x)                                                        \
    do {                                                                       \
        QR(x[0], x[4], x[8], x[12]);                                           \
        QR(x[1], x[5], x[9], x[13]);                                           \
        QR(x[2], x[6], x[10], x[14]);                                          \
        QR(x[3], x[7], x[11], x[15]);                                          \
        QR(x[0], x[5], x[10], x[15]);                                          \
        QR(x[1], x[6], x[11], x[12]);                                          \
        QR(x[2], x[7], x[8], x[13]);                                           \
        QR(x[3], x[4], x[9], x[14]);                                           \
    } while (0)

void mintls_chacha20_setup(uint32_t state[16], const uint8_t key[32],
                           uint32_t counter, const uint8_t nonce[12])
{
    /* "expand 32-byte k" */
    state[0] = 0x61707865;
    state[1] = 0x3320646e;
    state[2] = 0x79622d32;
    state[3] = 0x6b206574;
    for (int i = 0; i < 8; i++)
        state[4 + i] = load32_le(key + 4 * i);
    state[12] = counter;
    for (int i = 0; i < 3; i++)
        state[13 + i] = load32_le(nonce + 4 * i);
}

void mintls_chacha20_block(const uint32_t state[16], uint8_t out[64])
{
    uint32_t x[16];
    memcpy(x, state, sizeof(x));
    for (int i = 0; i < 10; i++)
        DOUBLE_ROUND(x);
    for (int i = 0; i < 16; i++)
        store32_le(out + 4 * i, x[i] + state[i]);
    ct_wipe(x, sizeof(x));
}

#ifdef CHACHA_VEC4
typedef uint32_t v4u __attribute__((vector_size(16)));

/*
 * Two quarter rounds in lock step: GCC keeps source order on x86, and this
 * order keeps two chains in flight with few register spills.
 */
#define QR2(a0, b0, c0, d0, a1, b1, c1, d1)                                   \
    do {                                                                       \
        a0 += b0; a1 += b1; d0 ^= a0; d1 ^= a1;                                \
        d0 = v4_rotl16(d0); d1 = v4_rotl16(d1);                                \
        c0 += d0; c1 += d1; b0 ^= c0; b1 ^= c1;                                \
        b0 = ROTL(b0, 12); b1 = ROTL(b1, 12);                                  \
        a0 += b0; a1 += b1; d0 ^= a0; d1 ^= a1;                                \
        d0 = ROTL(d0, 8); d1 = ROTL(d1, 8);                                    \
        c0 += d0; c1 += d1; b0 ^= c0; b1 ^= c1;                                \
        b0 = ROTL(b0, 7); b1 = ROTL(b1, 7);                                    \
    } while (0)

typedef uint16_t v8u16 __attribute__((vector_size(16)));

/* Rotation by 16 swaps the halves of each word: one or two word shuffles. */
static inline v4u v4_rotl16(v4u x)
{
    v8u16 h = (v8u16)x;
    return (v4u)__builtin_shufflevector(h, h, 1, 0, 3, 2, 5, 4, 7, 6);
}

static inline v4u v4_splat(uint32_t x)
{
    return (v4u){x, x, x, x};
}

static inline void v4_xor_store(uint8_t *out, const uint8_t *in, v4u ks)
{
    v4u m;
    if (in != NULL) {
        memcpy(&m, in, 16);
        ks ^= m;
    }
    memcpy(out, &ks, 16);
}

/*
 * Four blocks (counters word12 .. word12+3): out = in ^ keystream, or the
 * bare keystream when in is NULL (a public choice, never data-dependent).
 */
static inline __attribute__((always_inline)) void
chacha20_vec4(const uint32_t state[16], const uint8_t *in, uint8_t *out,
              mintls_poly1305_regs *q, const uint8_t *mac)
{
    v4u s[16], x[16];
    for (int i = 0; i < 16; i++)
        s[i] = v4_splat(state[i]);
    s[12] += (v4u){0, 1, 2, 3};
    for (int i = 0; i < 16; i++)
        x[i] = s[i];
    /* With mac set, 16 Poly1305 blocks ride along between the rounds. */
    for (int i = 0; i < 10; i++) {
        QR2(x[0], x[4], x[8], x[12], x[1], x[5], x[9], x[13]);
        if (mac != NULL) {
            mintls_poly1305_block(q, mac, 1);
            mac += 16;
        }
        QR2(x[2], x[6], x[10], x[14], x[3], x[7], x[11], x[15]);
        QR2(x[0], x[5], x[10], x[15], x[1], x[6], x[11], x[12]);
        if (mac != NULL && i < 6) {
            mintls_poly1305_block(q, mac, 1);
            mac += 16;
        }
        QR2(x[2], x[7], x[8], x[13], x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        x[i] += s[i];

    /* Transpose each group of four words: lane b becomes block b. */
    for (int g = 0; g < 4; g++) {
        v4u a = x[4 * g], b = x[4 * g + 1], c = x[4 * g + 2], d = x[4 * g + 3];
        v4u t0 = __builtin_shufflevector(a, b, 0, 4, 1, 5);
        v4u t1 = __builtin_shufflevector(a, b, 2, 6, 3, 7);
        v4u t2 = __builtin_shufflevector(c, d, 0, 4, 1, 5);
        v4u t3 = __builtin_shufflevector(c, d, 2, 6, 3, 7);
        v4u y0 = __builtin_shufflevector(t0, t2, 0, 1, 4, 5);
        v4u y1 = __builtin_shufflevector(t0, t2, 2, 3, 6, 7);
        v4u y2 = __builtin_shufflevector(t1, t3, 0, 1, 4, 5);
        v4u y3 = __builtin_shufflevector(t1, t3, 2, 3, 6, 7);
        size_t off = 16 * (size_t)g;
        v4_xor_store(out + off, in ? in + off : NULL, y0);
        v4_xor_store(out + 64 + off, in ? in + 64 + off : NULL, y1);
        v4_xor_store(out + 128 + off, in ? in + 128 + off : NULL, y2);
        v4_xor_store(out + 192 + off, in ? in + 192 + off : NULL, y3);
    }
    /*
     * No ct_wipe of x and s: they live in registers (and spill slots no C
     * code can reach); wiping them would force them through memory and cost
     * about 15% here. The keystream that reaches memory is wiped by callers.
     */
}
#endif

void mintls_chacha20_blocks_portable(uint32_t state[16], const uint8_t *in,
                                     uint8_t *out, size_t nblocks)
{
#ifdef CHACHA_VEC4
    while (nblocks >= 4) {
        chacha20_vec4(state, in, out, NULL, NULL);
        state[12] += 4;
        in += 256;
        out += 256;
        nblocks -= 4;
    }
    if (nblocks > 0) {
        uint8_t ks[256];
        chacha20_vec4(state, NULL, ks, NULL, NULL);
        mintls_xor_bytes(out, in, ks, nblocks * 64);
        state[12] += (uint32_t)nblocks;
        ct_wipe(ks, sizeof(ks));
    }
#else
    uint8_t ks[64];
    while (nblocks > 0) {
        mintls_chacha20_block(state, ks);
        mintls_xor_bytes(out, in, ks, 64);
        state[12]++;
        in += 64;
        out += 64;
        nblocks--;
    }
    ct_wipe(ks, sizeof(ks));
#endif
}

void mintls_chacha20_poly1305_stitched_portable(uint32_t state[16],
                                                mintls_poly1305_impl *p,
                                                const uint8_t *in, uint8_t *out,
                                                size_t ngroups, int encrypt)
{
#ifdef CHACHA_VEC4
    mintls_poly1305_regs q = {p->h0, p->h1, p->h2, p->r0, p->r1, p->s1};
    for (size_t g = 0; g < ngroups; g++) {
        const uint8_t *mac = encrypt ? (g > 0 ? out - 256 : NULL) : in;
        if (mac != NULL)
            chacha20_vec4(state, in, out, &q, mac);
        else
            chacha20_vec4(state, in, out, NULL, NULL);
        state[12] += 4;
        in += 256;
        out += 256;
    }
    p->h0 = q.h0;
    p->h1 = q.h1;
    p->h2 = q.h2;
    if (encrypt && ngroups > 0)
        mintls_poly1305_impl_update(p, out - 256, 256);
#else
    /* No vectors: nothing to overlap, so one pass after the other. */
    for (size_t g = 0; g < ngroups; g++) {
        if (!encrypt)
            mintls_poly1305_impl_update(p, in, 256);
        mintls_chacha20_blocks_portable(state, in, out, 4);
        if (encrypt)
            mintls_poly1305_impl_update(p, out, 256);
        in += 256;
        out += 256;
    }
#endif
}

/* ---- path selection ---------------------------------------------------- */

static int g_forced_path = MINTLS_CP_PATH_AUTO;

static int cpu_allows(int path)
{
    switch (path) {
    case MINTLS_CP_PATH_PORTABLE:
        return 1;
    case MINTLS_CP_PATH_AVX2:
#if defined(__x86_64__)
        return mintls_cpu_has(MINTLS_CPU_AVX2);
#else
        return 0;
#endif
    case MINTLS_CP_PATH_AVX512:
#if defined(__x86_64__)
        /* AVX2 too: tails and short runs use the AVX2 code. */
        return mintls_cpu_has(MINTLS_CPU_AVX2 | MINTLS_CPU_AVX512F |
                              MINTLS_CPU_AVX512VL | MINTLS_CPU_AVX512IFMA);
#else
        return 0;
#endif
    default:
        return 0;
    }
}

int mintls_chacha_poly_force_path(int path)
{
    if (path != MINTLS_CP_PATH_AUTO && !cpu_allows(path))
        return 0;
    g_forced_path = path;
    return 1;
}

int mintls_chacha_poly_path(void)
{
    if (g_forced_path != MINTLS_CP_PATH_AUTO)
        return g_forced_path;
    if (cpu_allows(MINTLS_CP_PATH_AVX512))
        return MINTLS_CP_PATH_AVX512;
    return cpu_allows(MINTLS_CP_PATH_AVX2) ? MINTLS_CP_PATH_AVX2
                                           : MINTLS_CP_PATH_PORTABLE;
}

const char *mintls_chacha_poly_impl_name(void)
{
    /* Poly1305 always has the 64-bit scalar code for short inputs and tails. */
    switch (mintls_chacha_poly_path()) {
    case MINTLS_CP_PATH_AVX512:
        return "chacha20:avx512x16+avx2/poly1305:ifma44x16+portable64";
    case MINTLS_CP_PATH_AVX2:
        return "chacha20:avx2x8/poly1305:avx2x4+portable64 (aead stitched)";
    default:
        return "chacha20:portable-vec4/poly1305:portable64 (aead stitched)";
    }
}

void mintls_chacha20_blocks(int path, uint32_t state[16], const uint8_t *in,
                            uint8_t *out, size_t nblocks)
{
#if defined(__x86_64__)
    if (path == MINTLS_CP_PATH_AVX512) {
        mintls_chacha20_blocks_avx512(state, in, out, nblocks);
        return;
    }
    if (path == MINTLS_CP_PATH_AVX2) {
        mintls_chacha20_blocks_avx2(state, in, out, nblocks);
        return;
    }
#else
    (void)path;
#endif
    mintls_chacha20_blocks_portable(state, in, out, nblocks);
}

void mintls_chacha20_keystream2(int path, const uint32_t state[16], uint8_t out[128])
{
#if defined(__x86_64__)
    if (path == MINTLS_CP_PATH_AVX512) {
        mintls_chacha20_keystream2_avx512(state, out);
        return;
    }
    if (path == MINTLS_CP_PATH_AVX2) {
        mintls_chacha20_keystream2_avx2(state, out);
        return;
    }
#else
    (void)path;
#endif
    uint32_t next[16];
    memcpy(next, state, sizeof(next));
    next[12]++;
    mintls_chacha20_block(state, out);
    mintls_chacha20_block(next, out + 64);
    ct_wipe(next, sizeof(next));
}

size_t mintls_chacha20_keystream_tail(int path, uint32_t state[16], uint8_t out[128])
{
    if (path == MINTLS_CP_PATH_AVX2 || path == MINTLS_CP_PATH_AVX512) {
        mintls_chacha20_keystream2(path, state, out);
        state[12] += 2;
        return 128;
    }
    mintls_chacha20_block(state, out);
    state[12] += 1;
    return 64;
}

void mintls_chacha20_xor_path(int path, const uint8_t key[32], uint32_t counter,
                              const uint8_t nonce[12], const uint8_t *in,
                              uint8_t *out, size_t len)
{
    uint32_t state[16];
    mintls_chacha20_setup(state, key, counter, nonce);
    size_t nblocks = len / 64;
    if (nblocks > 0)
        mintls_chacha20_blocks(path, state, in, out, nblocks);
    size_t done = nblocks * 64;
    if (done < len) {
        uint8_t ks[128];
        mintls_chacha20_keystream_tail(path, state, ks);
        mintls_xor_bytes(out + done, in + done, ks, len - done);
        ct_wipe(ks, sizeof(ks));
    }
    ct_wipe(state, sizeof(state));
}

void mintls_chacha20_xor(const uint8_t key[32], uint32_t counter,
                         const uint8_t nonce[12], const uint8_t *in,
                         uint8_t *out, size_t len)
{
    mintls_chacha20_xor_path(mintls_chacha_poly_path(), key, counter, nonce, in,
                             out, len);
}
