/*
 * AES and AES-GCM: FIPS-197 block vectors, the GCM specification's test
 * cases (McGrew & Viega, cases 1-6 and 13-18), Wycheproof, streaming in random
 * pieces against one-shot (also in place), and every implementation against
 * the portable one on the same random inputs. Each test runs on every
 * implementation this process may use (MINTLS_CPU narrows it).
 */
#include "internal/cpu.h"
#include "internal/gcm.h"
#include "internal/gcm_impl.h"

#include "test.h"
#include "wycheproof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const all_impls[] = {"ct64", "aesni-clmul", "vaes-vpclmul",
                                         "vaes512-vpclmul"};
#define N_IMPLS (sizeof(all_impls) / sizeof(all_impls[0]))

static int impl_usable(const char *name)
{
    mintls_gcm_key k;
    static const uint8_t z[16];
    int ok = mintls_gcm_set_key_impl(&k, z, 16, name);
    mintls_gcm_key_wipe(&k);
    return ok;
}

/* ---- FIPS-197 ------------------------------------------------------------ */

static void test_fips197(void)
{
    static const struct {
        const char *key, *pt, *ct;
    } v[] = {
        /* Appendix C.1, C.3 */
        {"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
         "69c4e0d86a7b0430d8cdb78070b4c55a"},
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
         "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
        /* Appendix B */
        {"2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
         "3925841d02dc09fbdc118597196a0b32"},
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        size_t kl, pl, cl;
        uint8_t *key = test_unhex_or_exit(v[i].key, &kl), *pt = test_unhex_or_exit(v[i].pt, &pl);
        uint8_t *ct = test_unhex_or_exit(v[i].ct, &cl);
        uint8_t out[16];
        mintls_aes_key ak;
        CHECK(mintls_aes_set_encrypt_key(&ak, key, kl) == 1);
        mintls_aes_encrypt_block(&ak, pt, out);
        CHECK_MEM(out, ct, 16, "FIPS-197 block");
        mintls_aes_key_wipe(&ak);

        /* The same through the bitsliced code directly. */
        uint8_t rk[AES_MAX_ROUNDS + 1][16];
        uint64_t sk[(AES_MAX_ROUNDS + 1) * 8];
        int rounds = mintls_aes_ct64_expand_key(rk, key, kl);
        CHECK(rounds == (kl == 16 ? 10 : 14));
        mintls_aes_ct64_bitslice_keys(sk, (const uint8_t(*)[16])rk, rounds);
        mintls_aes_ct64_encrypt_block(sk, rounds, pt, out);
        CHECK_MEM(out, ct, 16, "FIPS-197 block (ct64)");
        if (mintls_cpu_has(MINTLS_CPU_AESNI | MINTLS_CPU_PCLMUL | MINTLS_CPU_SSSE3)) {
            mintls_aesni_encrypt_block((const uint8_t(*)[16])rk, rounds, pt, out);
            CHECK_MEM(out, ct, 16, "FIPS-197 block (aesni)");
        }
        free(key);
        free(pt);
        free(ct);
    }
    uint8_t k24[24];
    mintls_aes_key ak;
    CHECK(mintls_aes_set_encrypt_key(&ak, k24, 15) == 0);
    mintls_gcm_key gk;
    CHECK(mintls_gcm_set_key(&gk, k24, 24) == 0);
    CHECK(mintls_gcm_set_key(&gk, k24, 0) == 0);
}

/* ---- GCM specification test cases --------------------------------------- */

#define K1 "feffe9928665731c6d6a8f9467308308"
#define P1 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
           "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
#define P2 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
           "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define A1 "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define IV12 "cafebabefacedbaddecaf888"
#define IV8 "cafebabefacedbad"
#define IV60 "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728" \
             "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"
#define Z16 "00000000000000000000000000000000"
#define Z12 "000000000000000000000000"

static const struct {
    int n;
    const char *key, *pt, *iv, *aad, *ct, *tag;
} mv[] = {
    {1, Z16, "", Z12, "", "", "58e2fccefa7e3061367f1d57a4e7455a"},
    {2, Z16, Z16, Z12, "", "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
    {3, K1, P1, IV12, "",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {4, K1, P2, IV12, A1,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {5, K1, P2, IV8, A1,
     "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
     "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
     "3612d2e79e3b0785561be14aaca2fccb"},
    {6, K1, P2, IV60, A1,
     "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
     "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
     "619cc5aefffe0bfa462af43c1699d050"},
    {13, Z16 Z16, "", Z12, "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {14, Z16 Z16, Z16, Z12, "", "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {15, K1 K1, P1, IV12, "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {16, K1 K1, P2, IV12, A1,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    {17, K1 K1, P2, IV8, A1,
     "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
     "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
     "3a337dbf46a792c45e454913fe2ea8f2"},
    {18, K1 K1, P2, IV60, A1,
     "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
     "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
     "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

/* Encrypts and decrypts through the streaming API (and one-shot when iv is 12 bytes). */
static int gcm_case(const mintls_gcm_key *k, const uint8_t *iv, size_t ivl, const uint8_t *aad,
                    size_t al, const uint8_t *pt, size_t pl, const uint8_t *ct,
                    const uint8_t *tag, size_t tagl, int expect_valid)
{
    int ok = 1;
    uint8_t *out = malloc(pl + 1), *back = malloc(pl + 1);
    uint8_t t[16];
    mintls_gcm_state s;

    mintls_gcm_start(&s, k, iv, ivl);
    mintls_gcm_aad(&s, aad, al);
    mintls_gcm_encrypt(&s, pt, out, pl);
    mintls_gcm_finish(&s, t);
    int enc_match = memcmp(out, ct, pl) == 0 && memcmp(t, tag, tagl) == 0;
    if (expect_valid && !enc_match)
        ok = 0;

    mintls_gcm_start(&s, k, iv, ivl);
    mintls_gcm_aad(&s, aad, al);
    mintls_gcm_decrypt(&s, ct, back, pl);
    mintls_gcm_finish(&s, t);
    int dec_ok = memcmp(t, tag, tagl) == 0;
    if (dec_ok != expect_valid)
        ok = 0;
    if (expect_valid && memcmp(back, pt, pl) != 0)
        ok = 0;

    if (ivl == 12 && tagl == 16) {
        uint8_t t2[16];
        mintls_gcm_seal(k, iv, aad, al, pt, pl, out, t2);
        if (expect_valid && (memcmp(out, ct, pl) != 0 || memcmp(t2, tag, 16) != 0))
            ok = 0;
        memset(back, 0xAA, pl + 1);
        int r = mintls_gcm_open(k, iv, aad, al, ct, pl, back, tag, tagl);
        if (r != expect_valid)
            ok = 0;
        if (r && memcmp(back, pt, pl) != 0)
            ok = 0;
        if (!r) {
            for (size_t i = 0; i < pl; i++)
                if (back[i] != 0)
                    ok = 0;
        }
    }
    free(out);
    free(back);
    return ok;
}

static void test_spec_cases(const char *impl)
{
    for (size_t i = 0; i < sizeof(mv) / sizeof(mv[0]); i++) {
        size_t kl, pl, ivl, al, cl, tl;
        uint8_t *key = test_unhex_or_exit(mv[i].key, &kl), *pt = test_unhex_or_exit(mv[i].pt, &pl);
        uint8_t *iv = test_unhex_or_exit(mv[i].iv, &ivl), *aad = test_unhex_or_exit(mv[i].aad, &al);
        uint8_t *ct = test_unhex_or_exit(mv[i].ct, &cl), *tag = test_unhex_or_exit(mv[i].tag, &tl);
        mintls_gcm_key k;
        CHECK(mintls_gcm_set_key_impl(&k, key, kl, impl) == 1);
        int ok = gcm_case(&k, iv, ivl, aad, al, pt, pl, ct, tag, tl, 1);
        if (!ok)
            fprintf(stderr, "GCM spec test case %d failed on %s\n", mv[i].n, impl);
        CHECK(ok);
        /* A flipped tag bit must fail. */
        tag[i % 16] ^= 0x10;
        CHECK(gcm_case(&k, iv, ivl, aad, al, pt, pl, ct, tag, tl, 0));
        mintls_gcm_key_wipe(&k);
        free(key);
        free(pt);
        free(iv);
        free(aad);
        free(ct);
        free(tag);
    }
}

/* ---- Wycheproof ------------------------------------------------------------ */

static int wp_gcm(const json *group, const json *test, void *arg)
{
    const char *impl = arg;
    size_t kl, ivl, al, ml, cl, tl;
    int rc = WP_FAIL;
    if ((int)json_num(json_get(group, "keySize")) == 192)
        return WP_SKIP;
    int valid = strcmp(json_get_str(test, "result"), "valid") == 0;
    uint8_t *key = json_get_hex(test, "key", &kl), *iv = json_get_hex(test, "iv", &ivl);
    uint8_t *aad = json_get_hex(test, "aad", &al), *msg = json_get_hex(test, "msg", &ml);
    uint8_t *ct = json_get_hex(test, "ct", &cl), *tag = json_get_hex(test, "tag", &tl);
    if (!key || !iv || !aad || !msg || !ct || !tag || cl != ml)
        goto done;
    if (ivl == 0) {
        /* An empty IV is not GCM; mintls never accepts one (callers must refuse). */
        rc = valid ? WP_FAIL : WP_PASS;
        goto done;
    }
    mintls_gcm_key k;
    if (!mintls_gcm_set_key_impl(&k, key, kl, impl))
        goto done;
    rc = gcm_case(&k, iv, ivl, aad, al, msg, ml, ct, tag, tl, valid) ? WP_PASS : WP_FAIL;
    mintls_gcm_key_wipe(&k);
done:
    free(key);
    free(iv);
    free(aad);
    free(msg);
    free(ct);
    free(tag);
    return rc;
}

/* ---- streaming, in place, and across implementations --------------------- */

/* Streams aad and data in random pieces; in place when inplace is set. */
static void stream_crypt(const mintls_gcm_key *k, const uint8_t *iv, size_t ivl,
                         const uint8_t *aad, size_t al, const uint8_t *in, uint8_t *out,
                         size_t len, int enc, uint8_t tag[16])
{
    mintls_gcm_state s;
    mintls_gcm_start(&s, k, iv, ivl);
    size_t off = 0;
    while (off < al) {
        size_t n = 1 + test_rand_below(test_rand_below(2) ? 40 : al - off);
        if (n > al - off)
            n = al - off;
        mintls_gcm_aad(&s, aad + off, n);
        off += n;
    }
    off = 0;
    while (off < len) {
        size_t n;
        switch (test_rand_below(4)) {
        case 0: n = 1 + test_rand_below(17); break;
        case 1: n = 16 * (1 + test_rand_below(20)); break;
        case 2: n = 1 + test_rand_below(600); break;
        default: n = len - off; break;
        }
        if (n > len - off)
            n = len - off;
        if (enc)
            mintls_gcm_encrypt(&s, in + off, out + off, n);
        else
            mintls_gcm_decrypt(&s, in + off, out + off, n);
        off += n;
    }
    mintls_gcm_finish(&s, tag);
}

static size_t rnd_len(void)
{
    switch (test_rand_below(5)) {
    case 0: return test_rand_below(64);
    case 1: return test_rand_below(600);
    case 2: return 16 * test_rand_below(300);
    case 3: return 16384 + test_rand_below(48);
    default: return test_rand_below(5000);
    }
}

static void test_streaming(const char *impl, int iters)
{
    unsigned long bad = 0;
    for (int it = 0; it < iters; it++) {
        uint8_t key[32], iv[80], tag_ref[16], tag[16];
        size_t kl = test_rand_below(2) ? 16 : 32;
        size_t ivl = test_rand_below(3) ? 12 : 1 + test_rand_below(80);
        size_t al = test_rand_below(2) ? test_rand_below(40) : test_rand_below(700);
        size_t len = rnd_len();
        test_rand_bytes(key, sizeof(key));
        test_rand_bytes(iv, sizeof(iv));
        uint8_t *aad = malloc(al + 1), *pt = malloc(len + 1), *ref = malloc(len + 1);
        uint8_t *out = malloc(len + 1), *buf = malloc(len + 1);
        test_rand_bytes(aad, al);
        test_rand_bytes(pt, len);

        /* Reference: the portable implementation, whole calls. */
        mintls_gcm_key kr, k;
        mintls_gcm_set_key_impl(&kr, key, kl, "ct64");
        mintls_gcm_set_key_impl(&k, key, kl, impl);
        mintls_gcm_state s;
        mintls_gcm_start(&s, &kr, iv, ivl);
        mintls_gcm_aad(&s, aad, al);
        mintls_gcm_encrypt(&s, pt, ref, len);
        mintls_gcm_finish(&s, tag_ref);

        int ok = 1;
        /* One-shot (or one whole call each) on this implementation. */
        if (ivl == 12) {
            mintls_gcm_seal(&k, iv, aad, al, pt, len, out, tag);
        } else {
            mintls_gcm_start(&s, &k, iv, ivl);
            mintls_gcm_aad(&s, aad, al);
            mintls_gcm_encrypt(&s, pt, out, len);
            mintls_gcm_finish(&s, tag);
        }
        ok &= memcmp(out, ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
        /* Streamed, out of place and in place. */
        stream_crypt(&k, iv, ivl, aad, al, pt, out, len, 1, tag);
        ok &= memcmp(out, ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
        memcpy(buf, pt, len);
        stream_crypt(&k, iv, ivl, aad, al, buf, buf, len, 1, tag);
        ok &= memcmp(buf, ref, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
        /* Decryption, streamed in place, and one-shot open in place. */
        stream_crypt(&k, iv, ivl, aad, al, buf, buf, len, 0, tag);
        ok &= memcmp(buf, pt, len) == 0 && memcmp(tag, tag_ref, 16) == 0;
        if (ivl == 12) {
            memcpy(buf, ref, len);
            ok &= mintls_gcm_open(&k, iv, aad, al, buf, len, buf, tag_ref, 16) == 1;
            ok &= memcmp(buf, pt, len) == 0;
            memcpy(buf, ref, len);
            if (len > 0) {
                buf[test_rand_below(len)] ^= (uint8_t)(1u << test_rand_below(8));
                ok &= mintls_gcm_open(&k, iv, aad, al, buf, len, buf, tag_ref, 16) == 0;
                for (size_t i = 0; i < len; i++)
                    ok &= buf[i] == 0;
            }
            ok &= mintls_gcm_open(&k, iv, aad, al, ref, len, out, tag_ref, 12) == 1;
            ok &= mintls_gcm_open(&k, iv, aad, al, ref, len, out, tag_ref, 3) == 0;
        }
        if (!ok && bad++ < 5)
            fprintf(stderr, "streaming mismatch on %s: key %zu iv %zu aad %zu len %zu\n",
                    impl, kl, ivl, al, len);
        mintls_gcm_key_wipe(&k);
        mintls_gcm_key_wipe(&kr);
        free(aad);
        free(pt);
        free(ref);
        free(out);
        free(buf);
    }
    printf("streaming/one-shot/in-place vs ct64 on %s: %d messages, %lu mismatches\n", impl,
           iters, bad);
    CHECK(bad == 0);
}

/* The bulk loops with the 32-bit counter about to wrap, against the portable one. */
static void test_counter_wrap(const char *impl)
{
    uint8_t key[16];
    test_rand_bytes(key, sizeof(key));
    mintls_gcm_key kr, k;
    mintls_gcm_set_key_impl(&kr, key, 16, "ct64");
    mintls_gcm_set_key_impl(&k, key, 16, impl);
    const gcm_key_layout *lr = (const gcm_key_layout *)(const void *)kr.opaque;
    const gcm_key_layout *l = (const gcm_key_layout *)(const void *)k.opaque;
    for (int enc = 0; enc <= 1; enc++) {
        for (unsigned back = 1; back < 40; back++) {
            uint8_t in[16 * 40], o1[16 * 40], o2[16 * 40];
            uint8_t c1[16], c2[16], x1[16], x2[16];
            size_t n = 40;
            test_rand_bytes(in, sizeof(in));
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
                mintls_aes_ct64_ctr32(lr->ct.sk, 10, c1, in, o1, n);
                mintls_ghash_ct_blocks(lr->ct.hpow[0], x1, o1, n);
            } else {
                mintls_ghash_ct_blocks(lr->ct.hpow[0], x1, in, n);
                mintls_aes_ct64_ctr32(lr->ct.sk, 10, c1, in, o1, n);
            }
            if (strcmp(impl, "ct64") == 0) {
                continue;
            } else if (strcmp(impl, "aesni-clmul") == 0) {
                mintls_aesni_gcm_blocks(&l->ni, 10, c2, x2, in, o2, n, enc);
            } else if (strcmp(impl, "vaes-vpclmul") == 0) {
                mintls_vaes_gcm_blocks(&l->vaes, 10, c2, x2, in, o2, n, enc);
            } else {
                mintls_vaes512_gcm_blocks(&l->vaes512, 10, c2, x2, in, o2, n, enc);
            }
            CHECK_MEM(o2, o1, 16 * n, "bulk output across counter wrap");
            CHECK_MEM(c2, c1, 16, "counter after wrap");
            CHECK_MEM(x2, x1, 16, "GHASH across counter wrap");
        }
    }
    mintls_gcm_key_wipe(&k);
    mintls_gcm_key_wipe(&kr);
}

int main(void)
{
    test_rand_seed(0x243f6a8885a308d3ULL);
    mintls_gcm_key k;
    static const uint8_t z[16];
    mintls_gcm_set_key(&k, z, 16);
    printf("cpu: %s; default GCM implementation: %s\n", mintls_cpu_describe(),
           mintls_gcm_impl_name(&k));
    mintls_gcm_key_wipe(&k);

    test_fips197();
    for (size_t i = 0; i < N_IMPLS; i++) {
        const char *impl = all_impls[i];
        if (!impl_usable(impl)) {
            printf("%s: not available here, skipped\n", impl);
            continue;
        }
        unsigned long f0 = test_failed;
        test_spec_cases(impl);
        printf("GCM spec test cases 1-6, 13-18 on %s: %s\n", impl,
               test_failed == f0 ? "ok" : "FAILED");
        wycheproof_run("aes_gcm_test.json", impl, wp_gcm, (void *)impl);
        test_streaming(impl, strcmp(impl, "ct64") == 0 ? 150 : 400);
        test_counter_wrap(impl);
    }
    return test_summary();
}
