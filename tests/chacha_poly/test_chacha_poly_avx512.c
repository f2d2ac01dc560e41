/*
 * The AVX-512 ChaCha20 / IFMA Poly1305 code against the portable code on the
 * same random inputs, function by function and through the whole AEAD:
 * random keys and nonces, every length class 0..4096 (odd tails included),
 * counters about to wrap, all-ones (saturating) Poly1305 inputs, and the
 * vector Poly1305 entry called directly with a non-zero running accumulator.
 * Runs only where the CPU and MINTLS_CPU allow the AVX-512 path; elsewhere it
 * says so and passes (the other variants test the other paths).
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/cpu.h"

#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXLEN 4096

static void cross_chacha(const uint8_t *in, uint8_t *a, uint8_t *b, size_t len)
{
    uint8_t key[32], nonce[12];
    test_rand_bytes(key, 32);
    test_rand_bytes(nonce, 12);
    uint32_t ctr = (uint32_t)test_rand_u64();
    if (test_rand_below(4) == 0)
        ctr = 0xffffffffu - (uint32_t)test_rand_below(40); /* wraps inside a batch */

    mintls_chacha20_xor_path(MINTLS_CP_PATH_PORTABLE, key, ctr, nonce, in, a, len);
    mintls_chacha20_xor_path(MINTLS_CP_PATH_AVX512, key, ctr, nonce, in, b, len);
    CHECK_MEM(a, b, len, "chacha20 xor avx512 vs portable");

#if defined(__x86_64__) /* the AVX-512 entry points exist only there */
    /* The bulk entry itself: whole blocks, counter advanced the same way. */
    uint32_t sa[16], sb[16];
    mintls_chacha20_setup(sa, key, ctr, nonce);
    memcpy(sb, sa, sizeof(sa));
    mintls_chacha20_blocks_portable(sa, in, a, len / 64);
    mintls_chacha20_blocks_avx512(sb, in, b, len / 64);
    CHECK_MEM(a, b, len / 64 * 64, "chacha20 blocks avx512 vs portable");
    CHECK(sa[12] == sb[12] && sb[12] == ctr + (uint32_t)(len / 64));
#endif

    /* In place. */
    memcpy(b, in, len);
    mintls_chacha20_xor_path(MINTLS_CP_PATH_AVX512, key, ctr, nonce, b, b, len);
    mintls_chacha20_xor_path(MINTLS_CP_PATH_PORTABLE, key, ctr, nonce, in, a, len);
    CHECK_MEM(a, b, len, "chacha20 in place avx512 vs portable");
}

static void cross_poly(uint8_t *in, size_t len, int hostile)
{
    uint8_t key[32], ta[16], tb[16];
    test_rand_bytes(key, 32);
    if (hostile) {
        memset(in, 0xff, len);
        memset(key, 0xff, 32);
    }
    mintls_poly1305_impl pa, pb;
    mintls_poly1305_impl_init(&pa, key, MINTLS_CP_PATH_PORTABLE);
    mintls_poly1305_impl_init(&pb, key, MINTLS_CP_PATH_AVX512);
    mintls_poly1305_impl_update(&pa, in, len);
    /* Random splits, so the vector code starts at odd offsets with buffered bytes. */
    for (size_t off = 0; off < len;) {
        size_t n = test_rand_below(4) == 0 ? test_rand_below(20) : test_rand_below(2500);
        if (n > len - off)
            n = len - off;
        mintls_poly1305_impl_update(&pb, in + off, n);
        off += n;
    }
    mintls_poly1305_impl_final(&pa, ta);
    mintls_poly1305_impl_final(&pb, tb);
    CHECK_MEM(ta, tb, 16, "poly1305 avx512 vs portable");
}

static void cross_aead(const uint8_t *in, uint8_t *a, uint8_t *b, size_t len)
{
    uint8_t key[32], nonce[12], aad[64], ta[16], tb[16];
    test_rand_bytes(key, 32);
    test_rand_bytes(nonce, 12);
    size_t aad_len = test_rand_below(sizeof(aad) + 1);
    test_rand_bytes(aad, aad_len);

    CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_PORTABLE));
    mintls_chacha_poly_seal(key, nonce, aad, aad_len, in, len, a, ta);
    CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_AVX512));
    mintls_chacha_poly_seal(key, nonce, aad, aad_len, in, len, b, tb);
    CHECK_MEM(a, b, len, "aead ciphertext avx512 vs portable");
    CHECK_MEM(ta, tb, 16, "aead tag avx512 vs portable");

    /* Open in place on the AVX-512 path; a flipped tag bit must fail. */
    CHECK(mintls_chacha_poly_open(key, nonce, aad, aad_len, b, len, b, tb) == 1);
    CHECK_MEM(b, in, len, "aead open avx512");
    memcpy(b, a, len);
    tb[test_rand_below(16)] ^= (uint8_t)(1u << test_rand_below(8));
    CHECK(mintls_chacha_poly_open(key, nonce, aad, aad_len, b, len, b, tb) == 0);

    /* Streaming on the AVX-512 path in random pieces, against the one-shot. */
    mintls_chacha_poly_state s;
    mintls_chacha_poly_start(&s, key, nonce);
    mintls_chacha_poly_aad(&s, aad, aad_len);
    for (size_t off = 0; off < len;) {
        size_t n = test_rand_below(2) ? test_rand_below(70) : test_rand_below(3000);
        if (n > len - off)
            n = len - off;
        mintls_chacha_poly_encrypt(&s, in + off, b + off, n);
        off += n;
    }
    mintls_chacha_poly_finish(&s, tb);
    CHECK_MEM(a, b, len, "aead streaming avx512 vs portable");
    CHECK_MEM(ta, tb, 16, "aead streaming tag avx512 vs portable");
    CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_AUTO));
}

/* The IFMA block entry directly, with a running accumulator from scalar blocks. */
static void cross_poly_blocks(uint8_t *in)
{
#if defined(__x86_64__)
    for (int iter = 0; iter < 300; iter++) {
        uint8_t key[32], ta[16], tb[16];
        test_rand_bytes(key, 32);
        size_t nb = 8 * (1 + test_rand_below(30)); /* (pre + nb) * 16 <= MAXLEN */
        size_t pre = test_rand_below(5);
        if (iter % 3 == 0) {
            memset(in, 0xff, (pre + nb) * 16);
            if (iter % 6 == 0)
                memset(key, 0xff, 16);
        } else {
            test_rand_bytes(in, (pre + nb) * 16);
        }
        mintls_poly1305_impl pa, pb;
        mintls_poly1305_impl_init(&pa, key, MINTLS_CP_PATH_PORTABLE);
        mintls_poly1305_impl_init(&pb, key, MINTLS_CP_PATH_AVX512);
        mintls_poly1305_blocks_portable(&pa, in, pre + nb, 1);
        mintls_poly1305_blocks_portable(&pb, in, pre, 1);
        mintls_poly1305_need_rpow44(&pb);
        mintls_poly1305_blocks_avx512(&pb, in + 16 * pre, nb);
        /* The handed-back accumulator must suit the scalar code (h2 small). */
        CHECK(pb.h2 <= 4);
        mintls_poly1305_impl_final(&pa, ta);
        mintls_poly1305_impl_final(&pb, tb);
        CHECK_MEM(ta, tb, 16, "poly1305 blocks avx512 vs portable");
    }
#else
    (void)in;
#endif
}

int main(void)
{
    test_rand_seed(0x5eed0a512ULL);
    printf("cpu: %s\n", mintls_cpu_describe());
    if (!mintls_chacha_poly_force_path(MINTLS_CP_PATH_AVX512)) {
        printf("AVX-512 path not allowed here (CPU or MINTLS_CPU): skipped\n");
        CHECK(mintls_chacha_poly_path() != MINTLS_CP_PATH_AVX512);
        return test_summary();
    }
    CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_AUTO));
    /* With nothing narrowed, AVX-512 is what contexts get by default. */
    CHECK(mintls_chacha_poly_path() == MINTLS_CP_PATH_AVX512);
    printf("chacha_poly: %s\n", mintls_chacha_poly_impl_name());

    uint8_t *in = malloc(MAXLEN), *a = malloc(MAXLEN), *b = malloc(MAXLEN);
    unsigned long failed_before = test_failed;
    for (int iter = 0; iter < 1500; iter++) {
        /* Lengths: uniform 0..4096, and around 64-byte and 1 KB boundaries. */
        size_t len;
        switch (iter % 3) {
        case 0: len = test_rand_below(MAXLEN + 1); break;
        case 1: len = 1024 * test_rand_below(5) + test_rand_below(130); break;
        default: len = 64 * test_rand_below(65) + test_rand_below(3); break;
        }
        if (len > MAXLEN)
            len = MAXLEN;
        test_rand_bytes(in, len);
        cross_chacha(in, a, b, len);
        cross_aead(in, a, b, len);
        cross_poly(in, len, iter % 10 == 7);
    }
    cross_poly_blocks(in);
    printf("avx512 == portable: %s\n", test_failed == failed_before ? "ok" : "FAILED");
    free(in);
    free(a);
    free(b);
    return test_summary();
}
