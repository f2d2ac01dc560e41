/*
 * The 512-bit VAES + VPCLMULQDQ GCM path (crypto/gcm_vaes512.c) against the
 * portable one: random 128- and 256-bit keys, IVs and AAD, every plaintext
 * length 0..5000 (so every tail of the sixteen-block loop), streamed in odd
 * pieces, encrypt and decrypt (also in place), tags; and the bulk loop
 * across the 32-bit counter wrap.
 *
 * Where the CPU (or MINTLS_CPU) has no AVX-512 the path is skipped, but with
 * MINTLS_CPU unset on a CPU that has the features it must be both usable and
 * the default, so the native test run is known to exercise it.
 */
#include <stdio.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif
#include <string.h>

#include "internal/gcm.h"
#include "internal/gcm_impl.h"
#include "test.h"

#define IMPL "vaes512-vpclmul"
#define MAX_LEN 5000

/* Straight from CPUID and XCR0, independently of crypto/cpu.c. */
static int cpu_has_avx512_vaes(void)
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    int base = (c & bit_AES) && (c & bit_PCLMUL) && (c & bit_SSSE3) && (c & bit_OSXSAVE);
    if (!base || __get_cpuid_max(0, NULL) < 7)
        return 0;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 0xe6) != 0xe6) /* SSE, AVX and all AVX-512 state enabled by the OS */
        return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & bit_AVX2) && (b & bit_AVX512F) && (b & bit_AVX512VL) && (b & bit_AVX512BW) &&
           (c & bit_VAES) && (c & bit_VPCLMULQDQ);
#else
    return 0;
#endif
}

/* Random piece sizes: single bytes, odd sizes around the 256-byte pass, whole rest. */
static size_t piece(size_t left)
{
    size_t n;
    switch (test_rand_below(5)) {
    case 0: n = 1 + test_rand_below(17); break;
    case 1: n = 255 + test_rand_below(3); break;
    case 2: n = 1 + test_rand_below(700); break;
    case 3: n = 16 * (1 + test_rand_below(40)) + test_rand_below(2); break;
    default: n = left; break;
    }
    return n > left ? left : n;
}

static void stream(const mintls_gcm_key *k, const uint8_t *iv, size_t ivl, const uint8_t *aad,
                   size_t al, const uint8_t *in, uint8_t *out, size_t len, int enc,
                   uint8_t tag[16])
{
    mintls_gcm_state s;
    mintls_gcm_start(&s, k, iv, ivl);
    for (size_t off = 0, n; off < al; off += n) {
        n = piece(al - off);
        mintls_gcm_aad(&s, aad + off, n);
    }
    for (size_t off = 0, n; off < len; off += n) {
        n = piece(len - off);
        if (enc)
            mintls_gcm_encrypt(&s, in + off, out + off, n);
        else
            mintls_gcm_decrypt(&s, in + off, out + off, n);
    }
    mintls_gcm_finish(&s, tag);
}

/* Whole-call reference on the portable implementation. */
static void reference(const mintls_gcm_key *k, const uint8_t *iv, size_t ivl,
                      const uint8_t *aad, size_t al, const uint8_t *in, uint8_t *out,
                      size_t len, uint8_t tag[16])
{
    mintls_gcm_state s;
    mintls_gcm_start(&s, k, iv, ivl);
    mintls_gcm_aad(&s, aad, al);
    mintls_gcm_encrypt(&s, in, out, len);
    mintls_gcm_finish(&s, tag);
}

static void test_all_lengths(void)
{
    static uint8_t pt[MAX_LEN], ct_ref[MAX_LEN], ct[MAX_LEN], back[MAX_LEN], buf[MAX_LEN];
    uint8_t key[32], iv[64], aad[300], tag_ref[16], tag[16];
    unsigned long bad = 0, msgs = 0;

    for (size_t len = 0; len <= MAX_LEN; len++) {
        for (size_t kl = 16; kl <= 32; kl += 16) {
            mintls_gcm_key kr, k;
            test_rand_bytes(key, kl);
            CHECK(mintls_gcm_set_key_impl(&kr, key, kl, "ct64") == 1);
            CHECK(mintls_gcm_set_key_impl(&k, key, kl, IMPL) == 1);
            size_t ivl = test_rand_below(8) == 0 ? 1 + test_rand_below(sizeof(iv)) : 12;
            size_t al = test_rand_below(4) == 0 ? 0 : test_rand_below(sizeof(aad));
            test_rand_bytes(iv, ivl);
            test_rand_bytes(aad, al);
            test_rand_bytes(pt, len);

            reference(&kr, iv, ivl, aad, al, pt, ct_ref, len, tag_ref);

            /* Encrypt in pieces, out of place. */
            stream(&k, iv, ivl, aad, al, pt, ct, len, 1, tag);
            int ok = memcmp(ct, ct_ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
            /* Decrypt in pieces, in place. */
            memcpy(buf, ct_ref, len);
            stream(&k, iv, ivl, aad, al, buf, buf, len, 0, tag);
            ok &= memcmp(buf, pt, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
            /* Encrypt in place, in pieces. */
            memcpy(buf, pt, len);
            stream(&k, iv, ivl, aad, al, buf, buf, len, 1, tag);
            ok &= memcmp(buf, ct_ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
            /* The record layer's one-shot calls (12-byte nonce). */
            if (ivl == 12) {
                mintls_gcm_seal(&k, iv, aad, al, pt, len, buf, tag);
                ok &= memcmp(buf, ct_ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
                ok &= mintls_gcm_open(&k, iv, aad, al, ct_ref, len, back, tag_ref, 16) == 1;
                ok &= memcmp(back, pt, len) == 0;
                /* A flipped tag bit must fail and zero the output. */
                tag[0] = (uint8_t)(tag_ref[0] ^ 0x80);
                memcpy(tag + 1, tag_ref + 1, 15);
                memset(back, 0xAA, len);
                ok &= mintls_gcm_open(&k, iv, aad, al, ct_ref, len, back, tag, 16) == 0;
                for (size_t i = 0; i < len; i++)
                    ok &= back[i] == 0;
            }
            if (!ok) {
                if (bad < 5)
                    fprintf(stderr, "mismatch: key %zu bytes, iv %zu, aad %zu, len %zu\n", kl,
                            ivl, al, len);
                bad++;
            }
            msgs++;
            mintls_gcm_key_wipe(&k);
            mintls_gcm_key_wipe(&kr);
        }
    }
    printf("%s vs ct64, lengths 0..%d, both key sizes: %lu messages, %lu mismatches\n", IMPL,
           MAX_LEN, msgs, bad);
    CHECK(bad == 0);
}

/* The bulk loop with the 32-bit counter about to wrap, against the portable one. */
static void test_counter_wrap(void)
{
    enum { N = 90 };
    static uint8_t in[16 * N], o1[16 * N], o2[16 * N];
    unsigned long bad = 0;
    for (size_t kl = 16; kl <= 32; kl += 16) {
        uint8_t key[32];
        test_rand_bytes(key, kl);
        mintls_gcm_key kr, k;
        CHECK(mintls_gcm_set_key_impl(&kr, key, kl, "ct64") == 1);
        CHECK(mintls_gcm_set_key_impl(&k, key, kl, IMPL) == 1);
        const gcm_key_layout *lr = (const gcm_key_layout *)(const void *)kr.opaque;
        const gcm_key_layout *l = (const gcm_key_layout *)(const void *)k.opaque;
        int rounds = kl == 16 ? 10 : 14;
        for (int enc = 0; enc <= 1; enc++) {
            for (unsigned back = 1; back <= N; back++) {
                uint8_t c1[16], c2[16], x1[16], x2[16];
                size_t n = 16 + test_rand_below(N - 15);
                test_rand_bytes(in, 16 * n);
                test_rand_bytes(c1, 12);
                uint32_t c = 0u - back;
                c1[12] = (uint8_t)(c >> 24);
                c1[13] = (uint8_t)(c >> 16);
                c1[14] = (uint8_t)(c >> 8);
                c1[15] = (uint8_t)c;
                memcpy(c2, c1, 16);
                test_rand_bytes(x1, 16);
                memcpy(x2, x1, 16);
                if (enc) {
                    mintls_aes_ct64_ctr32(lr->ct.sk, rounds, c1, in, o1, n);
                    mintls_ghash_ct_blocks(lr->ct.hpow[0], x1, o1, n);
                } else {
                    mintls_ghash_ct_blocks(lr->ct.hpow[0], x1, in, n);
                    mintls_aes_ct64_ctr32(lr->ct.sk, rounds, c1, in, o1, n);
                }
                mintls_vaes512_gcm_blocks(&l->vaes512, rounds, c2, x2, in, o2, n, enc);
                bad += memcmp(o1, o2, 16 * n) != 0 || memcmp(c1, c2, 16) != 0 ||
                       memcmp(x1, x2, 16) != 0;
            }
        }
        mintls_gcm_key_wipe(&k);
        mintls_gcm_key_wipe(&kr);
    }
    printf("%s bulk loop across the counter wrap: %lu mismatches\n", IMPL, bad);
    CHECK(bad == 0);
}

int main(void)
{
    test_rand_seed(0x13198a2e03707344ULL);
    const char *env = getenv("MINTLS_CPU");
    int unrestricted = env == NULL || *env == '\0';
    mintls_gcm_key k;
    static const uint8_t z[32];

    mintls_gcm_set_key(&k, z, 16);
    const char *def = mintls_gcm_impl_name(&k);
    int usable = mintls_gcm_set_key_impl(&k, z, 32, IMPL);
    mintls_gcm_key_wipe(&k);
    printf("default GCM implementation: %s; %s usable: %s\n", def, IMPL, usable ? "yes" : "no");

    if (unrestricted && cpu_has_avx512_vaes()) {
        CHECK(usable);
        CHECK(strcmp(def, IMPL) == 0);
    }
    if (!usable) {
        /* Narrowed away: the default must then be something else. */
        CHECK(strcmp(def, IMPL) != 0);
        printf("%s: not available here, skipped\n", IMPL);
        return test_summary();
    }
    test_all_lengths();
    test_counter_wrap();
    return test_summary();
}
