/*
 * ChaCha20, Poly1305 and ChaCha20-Poly1305: RFC 8439 vectors, Wycheproof,
 * streaming against one-shot, the AVX2 path against the portable one, and
 * every length 0..600 against a small independent reference written here.
 * Each test runs on every path this process may use (MINTLS_CPU narrows it).
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/cpu.h"

#include "rfc8439_vectors.h"
#include "test.h"
#include "wycheproof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *path_name(int path)
{
    return path == MINTLS_CP_PATH_AVX512 ? "avx512"
           : path == MINTLS_CP_PATH_AVX2 ? "avx2"
                                         : "portable";
}

/* ---- independent reference (plain RFC pseudocode, slow) ----------------- */

static uint32_t ref_rotl(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static void ref_qr(uint32_t *x, int a, int b, int c, int d)
{
    x[a] += x[b]; x[d] = ref_rotl(x[d] ^ x[a], 16);
    x[c] += x[d]; x[b] = ref_rotl(x[b] ^ x[c], 12);
    x[a] += x[b]; x[d] = ref_rotl(x[d] ^ x[a], 8);
    x[c] += x[d]; x[b] = ref_rotl(x[b] ^ x[c], 7);
}

static uint32_t ref_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void ref_block(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                      uint8_t out[64])
{
    uint32_t s[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    for (int i = 0; i < 8; i++)
        s[4 + i] = ref_le32(key + 4 * i);
    s[12] = counter;
    for (int i = 0; i < 3; i++)
        s[13 + i] = ref_le32(nonce + 4 * i);
    uint32_t x[16];
    memcpy(x, s, sizeof(x));
    for (int i = 0; i < 10; i++) {
        ref_qr(x, 0, 4, 8, 12); ref_qr(x, 1, 5, 9, 13);
        ref_qr(x, 2, 6, 10, 14); ref_qr(x, 3, 7, 11, 15);
        ref_qr(x, 0, 5, 10, 15); ref_qr(x, 1, 6, 11, 12);
        ref_qr(x, 2, 7, 8, 13); ref_qr(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i] + s[i];
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (uint8_t)(v >> (8 * j));
    }
}

static void ref_chacha20(const uint8_t key[32], uint32_t counter, const uint8_t nonce[12],
                         const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t ks[64];
    for (size_t off = 0; off < len; off += 64, counter++) {
        ref_block(key, counter, nonce, ks);
        for (size_t i = 0; i < 64 && off + i < len; i++)
            out[off + i] = in[off + i] ^ ks[i];
    }
}

/*
 * Poly1305 over 130-bit numbers held as 17 bytes-worth of 8-bit limbs in
 * uint32_t: slow and obviously correct schoolbook arithmetic.
 */
#define RL 17
static void ref_mod_p(uint32_t h[RL * 2])
{
    /* Fold everything at bit 130 and above down, times 5, until it fits. */
    for (int round = 0; round < 4; round++) {
        uint32_t hi[RL * 2] = {0};
        /* hi = h >> 130 */
        for (int i = 0; i < RL * 2; i++) {
            uint32_t bits = 0;
            int src = i + 16; /* 130 = 16*8 + 2 */
            if (src < RL * 2)
                bits = h[src] >> 2;
            if (src + 1 < RL * 2)
                bits |= (h[src + 1] << 6) & 0xff;
            hi[i] = bits & 0xff;
        }
        h[16] &= 3;
        for (int i = 17; i < RL * 2; i++)
            h[i] = 0;
        uint32_t c = 0;
        for (int i = 0; i < RL * 2; i++) {
            c += h[i] + 5 * hi[i];
            h[i] = c & 0xff;
            c >>= 8;
        }
    }
    /* Now h < 2^130 + small; subtract p while h >= p (at most twice). */
    for (int k = 0; k < 2; k++) {
        static const uint8_t pbytes[RL] = {0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03};
        uint32_t g[RL];
        int borrow = 0;
        for (int i = 0; i < RL; i++) {
            int v = (int)h[i] - pbytes[i] - borrow;
            borrow = v < 0;
            g[i] = (uint32_t)(v & 0xff);
        }
        if (!borrow)
            memcpy(h, g, sizeof(g));
    }
}

static void ref_poly1305(const uint8_t key[32], const uint8_t *msg, size_t len, uint8_t tag[16])
{
    uint32_t r[RL] = {0}, h[RL * 2] = {0};
    for (int i = 0; i < 16; i++)
        r[i] = key[i];
    r[3] &= 15; r[7] &= 15; r[11] &= 15; r[15] &= 15;
    r[4] &= 252; r[8] &= 252; r[12] &= 252;
    for (size_t off = 0; off < len; off += 16) {
        size_t n = len - off < 16 ? len - off : 16;
        uint32_t c = 0;
        for (size_t i = 0; i < RL; i++) {
            uint32_t m = i < n ? msg[off + i] : (i == n ? 1 : 0);
            c += h[i] + m;
            h[i] = c & 0xff;
            c >>= 8;
        }
        uint32_t prod[RL * 2] = {0};
        for (int i = 0; i < RL; i++)
            for (int j = 0; j < RL; j++)
                prod[i + j] += h[i] * r[j];
        c = 0;
        for (int i = 0; i < RL * 2; i++) {
            c += prod[i];
            prod[i] = c & 0xff;
            c >>= 8;
        }
        ref_mod_p(prod);
        memcpy(h, prod, sizeof(h));
    }
    uint32_t c = 0;
    for (int i = 0; i < 16; i++) {
        c += h[i] + key[16 + i];
        tag[i] = (uint8_t)c;
        c >>= 8;
    }
}

static void ref_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                     size_t aad_len, const uint8_t *in, size_t len, uint8_t *out,
                     uint8_t tag[16])
{
    uint8_t otk[64];
    ref_block(key, 0, nonce, otk);
    ref_chacha20(key, 1, nonce, in, out, len);
    size_t pa = (aad_len + 15) / 16 * 16, pc = (len + 15) / 16 * 16;
    uint8_t *mac = calloc(1, pa + pc + 16);
    memcpy(mac, aad, aad_len);
    memcpy(mac + pa, out, len);
    for (int i = 0; i < 8; i++) {
        mac[pa + pc + i] = (uint8_t)((uint64_t)aad_len >> (8 * i));
        mac[pa + pc + 8 + i] = (uint8_t)((uint64_t)len >> (8 * i));
    }
    ref_poly1305(otk, mac, pa + pc + 16, tag);
    free(mac);
}

/* ---- RFC 8439 ----------------------------------------------------------- */

static const char KEY_00_1F[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
static const char KEY_80_9F[] =
    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f";
static const char KEY_ZERO[] =
    "0000000000000000000000000000000000000000000000000000000000000000";
static const char KEY_ONE[] =
    "0000000000000000000000000000000000000000000000000000000000000001";
static const char KEY_JABBER[] =
    "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0";

static void check_chacha(int path, const char *what, const char *key_hex, uint32_t counter,
                         const char *nonce_hex, const char *pt_hex, const char *ct_hex)
{
    uint8_t key[32], nonce[12];
    size_t pt_len, ct_len;
    test_unhex(key_hex, key, sizeof(key));
    test_unhex(nonce_hex, nonce, sizeof(nonce));
    uint8_t *pt = NULL;
    uint8_t *ct = test_unhex_or_exit(ct_hex, &ct_len);
    if (pt_hex != NULL) {
        pt = test_unhex_or_exit(pt_hex, &pt_len);
    } else {
        pt_len = ct_len;
        pt = calloc(1, pt_len + 1);
    }
    CHECK(pt_len == ct_len);
    uint8_t *out = malloc(ct_len + 1);
    mintls_chacha20_xor_path(path, key, counter, nonce, pt, out, pt_len);
    CHECK_MEM(out, ct, ct_len, what);
    /* In place, and back. */
    memcpy(out, ct, ct_len);
    mintls_chacha20_xor_path(path, key, counter, nonce, out, out, ct_len);
    CHECK_MEM(out, pt, pt_len, what);
    free(pt);
    free(ct);
    free(out);
}

static void test_rfc_chacha20(int path)
{
    /* 2.3.2: the block function. */
    check_chacha(path, "2.3.2 block", KEY_00_1F, 1, "000000090000004a00000000", NULL,
                 "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                 "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    /* 2.4.2: encryption. */
    check_chacha(path, "2.4.2 sunscreen", KEY_00_1F, 1, "000000000000004a00000000",
                 SUNSCREEN_PT, SUNSCREEN_CT);
    /* A.1: block functions (keystream = encryption of zeros). */
    check_chacha(path, "A.1 #1", KEY_ZERO, 0, "000000000000000000000000", NULL, A1_KS1);
    check_chacha(path, "A.1 #2", KEY_ZERO, 1, "000000000000000000000000", NULL, A1_KS2);
    check_chacha(path, "A.1 #3", KEY_ONE, 1, "000000000000000000000000", NULL, A1_KS3);
    check_chacha(path, "A.1 #4",
                 "00ff000000000000000000000000000000000000000000000000000000000000", 2,
                 "000000000000000000000000", NULL, A1_KS4);
    check_chacha(path, "A.1 #5", KEY_ZERO, 0, "000000000000000000000002", NULL, A1_KS5);
    /* A.2: encryption. */
    check_chacha(path, "A.2 #1", KEY_ZERO, 0, "000000000000000000000000", NULL, A1_KS1);
    check_chacha(path, "A.2 #2", KEY_ONE, 1, "000000000000000000000002", IETF_TEXT, A2_2_CT);
    check_chacha(path, "A.2 #3", KEY_JABBER, 42, "000000000000000000000002", JABBER_TEXT,
                 A2_3_CT);

    /* The block function itself, and its state set-up (2.3.2). */
    uint32_t st[16];
    uint8_t key[32], nonce[12], block[64], want[64];
    test_unhex(KEY_00_1F, key, 32);
    test_unhex("000000090000004a00000000", nonce, 12);
    mintls_chacha20_setup(st, key, 1, nonce);
    CHECK(st[0] == 0x61707865 && st[4] == 0x03020100 && st[11] == 0x1f1e1d1c);
    CHECK(st[12] == 1 && st[13] == 0x09000000 && st[14] == 0x4a000000 && st[15] == 0);
    mintls_chacha20_block(st, block);
    test_unhex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
               "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
               want, 64);
    CHECK_MEM(block, want, 64, "2.3.2 block function");
}

static void check_poly(int path, const char *what, const char *key_hex, const char *msg_hex,
                       const char *tag_hex)
{
    uint8_t key[32], want[16], tag[16];
    size_t len;
    test_unhex(key_hex, key, 32);
    test_unhex(tag_hex, want, 16);
    uint8_t *msg = test_unhex_or_exit(msg_hex, &len);

    mintls_poly1305_impl p;
    mintls_poly1305_impl_init(&p, key, path);
    mintls_poly1305_impl_update(&p, msg, len);
    mintls_poly1305_impl_final(&p, tag);
    CHECK_MEM(tag, want, 16, what);

    /* One byte at a time. */
    mintls_poly1305_impl_init(&p, key, path);
    for (size_t i = 0; i < len; i++)
        mintls_poly1305_impl_update(&p, msg + i, 1);
    mintls_poly1305_impl_final(&p, tag);
    CHECK_MEM(tag, want, 16, what);

    ref_poly1305(key, msg, len, tag);
    CHECK_MEM(tag, want, 16, "reference poly1305");
    free(msg);
}

/* A.3 #5..#11 give R and S as separate 16-byte strings. */
static void check_poly_rs(int path, const char *what, const char *r, const char *s,
                          const char *msg, const char *tag)
{
    char key[65];
    snprintf(key, sizeof(key), "%s%s", r, s);
    check_poly(path, what, key, msg, tag);
}

static void test_rfc_poly1305(int path)
{
    char zeros64[129];
    memset(zeros64, '0', 128);
    zeros64[128] = '\0';

    check_poly(path, "2.5.2",
               "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
               "43727970746f6772617068696320466f72756d2052657365617263682047726f7570",
               "a8061dc1305136c6c22b8baf0c0127a9");
    check_poly(path, "A.3 #1", KEY_ZERO, zeros64, "00000000000000000000000000000000");
    check_poly(path, "A.3 #2",
               "0000000000000000000000000000000036e5f6b5c5e06070f0efca96227a863e",
               IETF_TEXT, "36e5f6b5c5e06070f0efca96227a863e");
    check_poly(path, "A.3 #3",
               "36e5f6b5c5e06070f0efca96227a863e00000000000000000000000000000000",
               IETF_TEXT, "f3477e7cd95417af89a6b8794c310cf0");
    check_poly(path, "A.3 #4", KEY_JABBER, JABBER_TEXT, "4541669a7eaaee61e708dc7cbcc5eb62");

    const char *R2 = "02000000000000000000000000000000";
    const char *R1 = "01000000000000000000000000000000";
    const char *R14 = "01000000000000000400000000000000";
    const char *S0 = "00000000000000000000000000000000";
    const char *SF = "ffffffffffffffffffffffffffffffff";
    check_poly_rs(path, "A.3 #5", R2, S0, "ffffffffffffffffffffffffffffffff",
                  "03000000000000000000000000000000");
    check_poly_rs(path, "A.3 #6", R2, SF, "02000000000000000000000000000000",
                  "03000000000000000000000000000000");
    check_poly_rs(path, "A.3 #7", R1, S0,
                  "ffffffffffffffffffffffffffffffff"
                  "f0ffffffffffffffffffffffffffffff"
                  "11000000000000000000000000000000",
                  "05000000000000000000000000000000");
    check_poly_rs(path, "A.3 #8", R1, S0,
                  "ffffffffffffffffffffffffffffffff"
                  "fbfefefefefefefefefefefefefefefe"
                  "01010101010101010101010101010101",
                  "00000000000000000000000000000000");
    check_poly_rs(path, "A.3 #9", R2, S0, "fdffffffffffffffffffffffffffffff",
                  "faffffffffffffffffffffffffffffff");
    check_poly_rs(path, "A.3 #10", R14, S0,
                  "e33594d7505e43b90000000000000000"
                  "3394d7505e4379cd0100000000000000"
                  "00000000000000000000000000000000"
                  "01000000000000000000000000000000",
                  "14000000000000005500000000000000");
    check_poly_rs(path, "A.3 #11", R14, S0,
                  "e33594d7505e43b90000000000000000"
                  "3394d7505e4379cd0100000000000000"
                  "00000000000000000000000000000000",
                  "13000000000000000000000000000000");

    /* The public streaming API, on whatever path the process chose. */
    uint8_t key[32], tag[16], want[16];
    test_unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b", key, 32);
    test_unhex("a8061dc1305136c6c22b8baf0c0127a9", want, 16);
    mintls_poly1305 p;
    mintls_poly1305_init(&p, key);
    mintls_poly1305_update(&p, (const uint8_t *)"Cryptographic Forum ", 20);
    mintls_poly1305_update(&p, (const uint8_t *)"Research Group", 14);
    mintls_poly1305_final(&p, tag);
    CHECK_MEM(tag, want, 16, "2.5.2 public API");
}

/* 2.6.2 and A.4: the one-time key is block 0 of ChaCha20. */
static void check_keygen(int path, const char *what, const char *key_hex, const char *nonce_hex,
                         const char *otk_hex)
{
    check_chacha(path, what, key_hex, 0, nonce_hex, NULL, otk_hex);
}

static void test_rfc_keygen(int path)
{
    check_keygen(path, "2.6.2", KEY_80_9F, "000000000001020304050607",
                 "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
    check_keygen(path, "A.4 #1", KEY_ZERO, "000000000000000000000000",
                 "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7");
    check_keygen(path, "A.4 #2", KEY_ONE, "000000000000000000000002",
                 "ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739");
    check_keygen(path, "A.4 #3", KEY_JABBER, "000000000000000000000002",
                 "965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae");
}

static void test_rfc_aead(void)
{
    uint8_t key[32], nonce[12], aad[12], tag[16], want_tag[16];
    size_t pt_len, ct_len;

    /* 2.8.2 */
    test_unhex(KEY_80_9F, key, 32);
    test_unhex("070000004041424344454647", nonce, 12);
    test_unhex("50515253c0c1c2c3c4c5c6c7", aad, 12);
    test_unhex("1ae10b594f09e26a7e902ecbd0600691", want_tag, 16);
    uint8_t *pt = test_unhex_or_exit(SUNSCREEN_PT, &pt_len);
    uint8_t *ct = test_unhex_or_exit(AEAD_282_CT, &ct_len);
    uint8_t *out = malloc(pt_len);
    mintls_chacha_poly_seal(key, nonce, aad, 12, pt, pt_len, out, tag);
    CHECK_MEM(out, ct, ct_len, "2.8.2 ciphertext");
    CHECK_MEM(tag, want_tag, 16, "2.8.2 tag");
    CHECK(mintls_chacha_poly_open(key, nonce, aad, 12, ct, ct_len, out, want_tag) == 1);
    CHECK_MEM(out, pt, pt_len, "2.8.2 open");
    free(pt);
    free(ct);
    free(out);

    /* A.5: decryption. */
    test_unhex(KEY_JABBER, key, 32);
    test_unhex("000000000102030405060708", nonce, 12);
    test_unhex("f33388860000000000004e91", aad, 12);
    test_unhex("eead9d67890cbb22392336fea1851f38", want_tag, 16);
    pt = test_unhex_or_exit(A5_PT, &pt_len);
    ct = test_unhex_or_exit(A5_CT, &ct_len);
    CHECK(pt_len == 265 && ct_len == 265);
    out = malloc(ct_len);
    CHECK(mintls_chacha_poly_open(key, nonce, aad, 12, ct, ct_len, out, want_tag) == 1);
    CHECK_MEM(out, pt, pt_len, "A.5 plaintext");
    mintls_chacha_poly_seal(key, nonce, aad, 12, pt, pt_len, out, tag);
    CHECK_MEM(out, ct, ct_len, "A.5 re-encrypt");
    CHECK_MEM(tag, want_tag, 16, "A.5 tag");
    /* A flipped tag bit must fail and leave zeros. */
    want_tag[15] ^= 0x80;
    memset(out, 0xaa, ct_len);
    CHECK(mintls_chacha_poly_open(key, nonce, aad, 12, ct, ct_len, out, want_tag) == 0);
    int all_zero = 1;
    for (size_t i = 0; i < ct_len; i++)
        all_zero &= out[i] == 0;
    CHECK(all_zero);
    free(pt);
    free(ct);
    free(out);
}

/* ---- Wycheproof ---------------------------------------------------------- */

static int wp_case(const json *group, const json *test, void *arg)
{
    (void)arg;
    size_t key_len, iv_len, aad_len, msg_len, ct_len, tag_len;
    uint8_t *key = json_get_hex(test, "key", &key_len);
    uint8_t *iv = json_get_hex(test, "iv", &iv_len);
    uint8_t *aad = json_get_hex(test, "aad", &aad_len);
    uint8_t *msg = json_get_hex(test, "msg", &msg_len);
    uint8_t *ct = json_get_hex(test, "ct", &ct_len);
    uint8_t *tag = json_get_hex(test, "tag", &tag_len);
    const char *result = json_get_str(test, "result");
    int invalid = strcmp(result, "invalid") == 0;
    int outcome = WP_FAIL;
    (void)group;

    if (!key || !iv || !aad || !msg || !ct || !tag)
        goto done;
    if (key_len != 32 || iv_len != 12 || tag_len != 16) {
        /* Not expressible in this API: rejecting it is right for invalid cases. */
        outcome = invalid ? WP_PASS : WP_SKIP;
        goto done;
    }
    uint8_t *out = malloc(ct_len + msg_len + 1);
    uint8_t got_tag[16];
    int ok = 1;
    if (!invalid) {
        if (msg_len != ct_len) {
            ok = 0;
        } else {
            mintls_chacha_poly_seal(key, iv, aad, aad_len, msg, msg_len, out, got_tag);
            ok &= memcmp(out, ct, ct_len) == 0 && memcmp(got_tag, tag, 16) == 0;
        }
    }
    int opened = mintls_chacha_poly_open(key, iv, aad, aad_len, ct, ct_len, out, tag);
    if (invalid) {
        int zeroed = 1;
        for (size_t i = 0; i < ct_len; i++)
            zeroed &= out[i] == 0;
        ok &= !opened && zeroed;
    } else {
        ok &= opened && memcmp(out, msg, msg_len) == 0;
        /* In place as well. */
        memcpy(out, ct, ct_len);
        ok &= mintls_chacha_poly_open(key, iv, aad, aad_len, out, ct_len, out, tag) &&
              memcmp(out, msg, msg_len) == 0;
    }
    free(out);
    outcome = ok ? WP_PASS : WP_FAIL;
done:
    free(key);
    free(iv);
    free(aad);
    free(msg);
    free(ct);
    free(tag);
    return outcome;
}

/* ---- streaming, chunking, paths ------------------------------------------ */

/* Feeds [0, len) to fn in random-sized pieces (some empty). */
typedef void (*feed_fn)(mintls_chacha_poly_state *, const uint8_t *, uint8_t *, size_t);

static void feed_random(mintls_chacha_poly_state *s, feed_fn fn, const uint8_t *in,
                        uint8_t *out, size_t len)
{
    size_t off = 0;
    while (off < len) {
        size_t n;
        switch (test_rand_u64() % 4) {
        case 0: n = test_rand_below(17); break;
        case 1: n = test_rand_below(70); break;
        case 2: n = test_rand_below(600); break;
        default: n = test_rand_below(5000); break;
        }
        if (n > len - off)
            n = len - off;
        /* out is NULL for AAD: never form NULL + off. */
        fn(s, in + off, out ? out + off : NULL, n);
        off += n;
    }
}

static void aad_adapter(mintls_chacha_poly_state *s, const uint8_t *in, uint8_t *out,
                        size_t len)
{
    (void)out;
    mintls_chacha_poly_aad(s, in, len);
}

static void test_streaming(int path)
{
    char what[64];
    snprintf(what, sizeof(what), "streaming [%s]", path_name(path));
    unsigned long failed_before = test_failed;
    for (int iter = 0; iter < 300; iter++) {
        uint8_t key[32], nonce[12], tag1[16], tag2[16];
        test_rand_bytes(key, 32);
        test_rand_bytes(nonce, 12);
        size_t aad_len = test_rand_below(4) == 0 ? test_rand_below(300) : test_rand_below(40);
        size_t len = iter < 20 ? test_rand_below(40000) : test_rand_below(3000);
        uint8_t *aad = malloc(aad_len + 1), *pt = malloc(len + 1);
        uint8_t *ct1 = malloc(len + 1), *buf = malloc(len + 1);
        test_rand_bytes(aad, aad_len);
        test_rand_bytes(pt, len);

        mintls_chacha_poly_seal(key, nonce, aad, aad_len, pt, len, ct1, tag1);

        mintls_chacha_poly_state s;
        memcpy(buf, pt, len);
        mintls_chacha_poly_start(&s, key, nonce);
        feed_random(&s, aad_adapter, aad, aad, aad_len);
        feed_random(&s, mintls_chacha_poly_encrypt, buf, buf, len); /* in place */
        mintls_chacha_poly_finish(&s, tag2);
        CHECK_MEM(buf, ct1, len, what);
        CHECK_MEM(tag2, tag1, 16, what);

        mintls_chacha_poly_start(&s, key, nonce);
        feed_random(&s, aad_adapter, aad, aad, aad_len);
        feed_random(&s, mintls_chacha_poly_decrypt, buf, buf, len);
        mintls_chacha_poly_finish(&s, tag2);
        CHECK_MEM(buf, pt, len, what);
        CHECK_MEM(tag2, tag1, 16, what);

        memcpy(buf, ct1, len);
        CHECK(mintls_chacha_poly_open(key, nonce, aad, aad_len, buf, len, buf, tag1) == 1);
        CHECK_MEM(buf, pt, len, what);
        if (len > 0) {
            size_t at = test_rand_below(len);
            buf[at] = ct1[at] ^ (uint8_t)(1u << test_rand_below(8));
            memcpy(buf, ct1, at);
            memcpy(buf + at + 1, ct1 + at + 1, len - at - 1);
            CHECK(mintls_chacha_poly_open(key, nonce, aad, aad_len, buf, len, buf, tag1) == 0);
        }
        free(aad);
        free(pt);
        free(ct1);
        free(buf);
    }
    printf("  %s: %s\n", what, test_failed == failed_before ? "ok" : "FAILED");
}

/* Every length 0..600 and a few long ones against the reference. */
static void test_lengths(int path)
{
    char what[64];
    snprintf(what, sizeof(what), "lengths vs reference [%s]", path_name(path));
    unsigned long failed_before = test_failed;
    const size_t max = 70000;
    uint8_t *pt = malloc(max), *ct = malloc(max), *want = malloc(max);
    uint8_t key[32], nonce[12], aad[37], tag[16], want_tag[16];
    test_rand_bytes(pt, max);
    for (size_t len = 0; len <= 600 + 4; len++) {
        size_t l = len <= 600 ? len : (size_t[]){1024, 16384, 16385, 70000}[len - 601];
        test_rand_bytes(key, 32);
        test_rand_bytes(nonce, 12);
        test_rand_bytes(aad, sizeof(aad));
        size_t aad_len = len % sizeof(aad);
        ref_seal(key, nonce, aad, aad_len, pt, l, want, want_tag);
        mintls_chacha_poly_seal(key, nonce, aad, aad_len, pt, l, ct, tag);
        CHECK_MEM(ct, want, l, what);
        CHECK_MEM(tag, want_tag, 16, what);
        CHECK(mintls_chacha_poly_open(key, nonce, aad, aad_len, ct, l, ct, tag) == 1);
        CHECK_MEM(ct, pt, l, what);

        /* Plain ChaCha20 from a counter about to wrap, and Poly1305 alone. */
        uint32_t ctr = 0xfffffff0u + (uint32_t)(len % 32);
        ref_chacha20(key, ctr, nonce, pt, want, l);
        mintls_chacha20_xor_path(path, key, ctr, nonce, pt, ct, l);
        CHECK_MEM(ct, want, l, what);
        mintls_poly1305_impl p;
        mintls_poly1305_impl_init(&p, key, path);
        mintls_poly1305_impl_update(&p, pt, l);
        mintls_poly1305_impl_final(&p, tag);
        ref_poly1305(key, pt, l, want_tag);
        CHECK_MEM(tag, want_tag, 16, what);
    }
    free(pt);
    free(ct);
    free(want);
    printf("  %s: %s\n", what, test_failed == failed_before ? "ok" : "FAILED");
}

/* AVX2 and portable on the same random inputs, function by function. */
static void test_cross_path(void)
{
#if defined(__x86_64__)
    unsigned long failed_before = test_failed;
    const size_t max = 20000;
    uint8_t *in = malloc(max), *a = malloc(max), *b = malloc(max);
    for (int iter = 0; iter < 400; iter++) {
        uint8_t key[32], nonce[12], ta[16], tb[16];
        test_rand_bytes(key, 32);
        test_rand_bytes(nonce, 12);
        size_t len = iter < 50 ? test_rand_below(max) : test_rand_below(2000);
        test_rand_bytes(in, len);
        uint32_t ctr = (uint32_t)test_rand_u64();
        if (iter % 4 == 0)
            ctr = 0xffffffffu - (uint32_t)test_rand_below(20);

        mintls_chacha20_xor_path(MINTLS_CP_PATH_PORTABLE, key, ctr, nonce, in, a, len);
        mintls_chacha20_xor_path(MINTLS_CP_PATH_AVX2, key, ctr, nonce, in, b, len);
        CHECK_MEM(a, b, len, "chacha20 avx2 vs portable");

        uint32_t sa[16], sb[16];
        mintls_chacha20_setup(sa, key, ctr, nonce);
        memcpy(sb, sa, sizeof(sa));
        mintls_chacha20_blocks_portable(sa, in, a, len / 64);
        mintls_chacha20_blocks_avx2(sb, in, b, len / 64);
        CHECK_MEM(a, b, len / 64 * 64, "chacha20 blocks avx2 vs portable");
        CHECK(sa[12] == sb[12] && sa[12] == ctr + (uint32_t)(len / 64));

        /* Poly1305 with random (and hostile: all-ones) inputs. */
        if (iter % 8 == 1) {
            memset(in, 0xff, len);
            memset(key, 0xff, 32);
        }
        mintls_poly1305_impl pa, pb;
        mintls_poly1305_impl_init(&pa, key, MINTLS_CP_PATH_PORTABLE);
        mintls_poly1305_impl_init(&pb, key, MINTLS_CP_PATH_AVX2);
        mintls_poly1305_impl_update(&pa, in, len);
        for (size_t off = 0; off < len;) {
            size_t n = test_rand_below(3000);
            if (n > len - off)
                n = len - off;
            mintls_poly1305_impl_update(&pb, in + off, n);
            off += n;
        }
        mintls_poly1305_impl_final(&pa, ta);
        mintls_poly1305_impl_final(&pb, tb);
        CHECK_MEM(ta, tb, 16, "poly1305 avx2 vs portable");

        /* The whole AEAD with the path forced. */
        CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_PORTABLE));
        mintls_chacha_poly_seal(key, nonce, in, len % 50, in, len, a, ta);
        CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_AVX2));
        mintls_chacha_poly_seal(key, nonce, in, len % 50, in, len, b, tb);
        CHECK_MEM(a, b, len, "aead avx2 vs portable");
        CHECK_MEM(ta, tb, 16, "aead tag avx2 vs portable");
    }
    /* Direct vector Poly1305 blocks against the scalar blocks, saturated h. */
    for (int iter = 0; iter < 200; iter++) {
        uint8_t key[32], ta[16], tb[16];
        test_rand_bytes(key, 32);
        size_t nb = 4 * (1 + test_rand_below(40));
        if (iter % 3 == 0)
            memset(in, 0xff, nb * 16);
        else
            test_rand_bytes(in, nb * 16);
        mintls_poly1305_impl pa, pb;
        mintls_poly1305_impl_init(&pa, key, MINTLS_CP_PATH_PORTABLE);
        mintls_poly1305_impl_init(&pb, key, MINTLS_CP_PATH_AVX2);
        mintls_poly1305_blocks_portable(&pa, in, 3, 1);
        mintls_poly1305_blocks_portable(&pb, in, 3, 1);
        mintls_poly1305_blocks_portable(&pa, in + 48, nb, 1);
        mintls_poly1305_need_rpow(&pb);
        mintls_poly1305_blocks_avx2(&pb, in + 48, nb);
        mintls_poly1305_impl_final(&pa, ta);
        mintls_poly1305_impl_final(&pb, tb);
        CHECK_MEM(ta, tb, 16, "poly1305 blocks avx2 vs portable");
    }
    CHECK(mintls_chacha_poly_force_path(MINTLS_CP_PATH_AUTO));
    free(in);
    free(a);
    free(b);
    printf("  cross-path avx2 == portable: %s\n",
           test_failed == failed_before ? "ok" : "FAILED");
#endif
}

int main(void)
{
    test_rand_seed(0x9e3779b97f4a7c15ULL);
    printf("cpu: %s\nchacha_poly: %s\n", mintls_cpu_describe(), mintls_chacha_poly_impl_name());

    int paths[3], npaths = 0;
    paths[npaths++] = MINTLS_CP_PATH_PORTABLE;
    if (mintls_chacha_poly_force_path(MINTLS_CP_PATH_AVX2))
        paths[npaths++] = MINTLS_CP_PATH_AVX2;
    /* AVX-512 against portable: test_chacha_poly_avx512.c. */
    if (mintls_chacha_poly_force_path(MINTLS_CP_PATH_AVX512))
        paths[npaths++] = MINTLS_CP_PATH_AVX512;
    mintls_chacha_poly_force_path(MINTLS_CP_PATH_AUTO);

    for (int i = 0; i < npaths; i++) {
        int path = paths[i];
        unsigned long p0 = test_passed, f0 = test_failed;
        CHECK(mintls_chacha_poly_force_path(path));
        printf("path %s (%s):\n", path_name(path), mintls_chacha_poly_impl_name());
        test_rfc_chacha20(path);
        test_rfc_poly1305(path);
        test_rfc_keygen(path);
        test_rfc_aead();
        printf("  RFC 8439 vectors: %lu passed, %lu failed\n", test_passed - p0,
               test_failed - f0);
        wycheproof_run("chacha20_poly1305_test.json", path_name(path), wp_case, NULL);
        test_streaming(path);
        test_lengths(path);
        printf("  path %s total: %lu passed, %lu failed\n", path_name(path),
               test_passed - p0, test_failed - f0);
    }
    mintls_chacha_poly_force_path(MINTLS_CP_PATH_AUTO);
    if (npaths > 1)
        test_cross_path();
    else
        printf("AVX2 not allowed here: cross-path test skipped\n");
    return test_summary();
}
