/*
 * P-256 unit tests: field and scalar arithmetic against a slow reference,
 * the portable and mulx strategies against each other, point multiplication
 * strategies against each other, RFC 6979 A.2.5 vectors, round trips, and
 * the Wycheproof ECDH and ECDSA files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/digest.h"
#include "internal/ecdsa_util.h"
#include "internal/p256.h"
#include "test.h"
#include "wycheproof.h"

typedef unsigned __int128 u128;

static const uint64_t PR[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL, 0,
                               0xffffffff00000001ULL};

/* A small deterministic generator so failures reproduce. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* ---- slow reference arithmetic mod m (shift and add) ---- */

static int ge4(const uint64_t a[4], const uint64_t b[4])
{
    for (int i = 3; i >= 0; i--) {
        if (a[i] != b[i])
            return a[i] > b[i];
    }
    return 1;
}

static void sub4(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
    uint64_t br = 0;
    for (int i = 0; i < 4; i++) {
        u128 d = (u128)a[i] - b[i] - br;
        r[i] = (uint64_t)d;
        br = (uint64_t)(d >> 64) & 1;
    }
}

/* r = a + b mod m for a, b < m */
static void ref_add(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const uint64_t m[4])
{
    uint64_t t[4], c = 0;
    for (int i = 0; i < 4; i++) {
        u128 x = (u128)a[i] + b[i] + c;
        t[i] = (uint64_t)x;
        c = (uint64_t)(x >> 64);
    }
    if (c || ge4(t, m))
        sub4(t, t, m);
    memcpy(r, t, 32);
}

static void ref_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4], const uint64_t m[4])
{
    uint64_t acc[4] = {0};
    for (int i = 255; i >= 0; i--) {
        ref_add(acc, acc, acc, m);
        if ((b[i / 64] >> (i % 64)) & 1)
            ref_add(acc, acc, a, m);
    }
    memcpy(r, acc, 32);
}

static void rand_below(uint64_t r[4], const uint64_t m[4])
{
    do {
        for (int i = 0; i < 4; i++)
            r[i] = rnd64();
        /* Bias towards edge limbs now and then. */
        int e = (int)(rnd64() % 8);
        if (e == 0)
            r[0] = ~(uint64_t)0;
        if (e == 1)
            r[3] = m[3];
        if (e == 2)
            r[1] = r[2] = 0;
    } while (ge4(r, m));
}

static void test_field(void)
{
    const uint64_t one[4] = {1, 0, 0, 0};
    p256_fe t, u;
    mintls_p256_fe_to_mont(t, one);
    CHECK_MEM(t, mintls_p256_fe_one_mont, 32, "to_mont(1) = R mod p");
    unsigned long bad_mul = 0, bad_sqr = 0, bad_strat = 0, bad_add = 0, bad_inv = 0;
    int mulx = mintls_p256_fe_have_mulx();
    for (int it = 0; it < 2000; it++) {
        uint64_t a[4], b[4], ref[4], am[4], bm[4];
        rand_below(a, PR);
        rand_below(b, PR);
        if (it == 0)
            memcpy(a, (uint64_t[4]){PR[0] - 1, PR[1], PR[2], PR[3]}, 32); /* p - 1 */
        if (it == 1)
            memset(b, 0, 32);
        ref_mul(ref, a, b, PR);
        mintls_p256_fe_to_mont(am, a);
        mintls_p256_fe_to_mont(bm, b);
        mintls_p256_fe_mul(t, am, bm);
        mintls_p256_fe_from_mont(u, t);
        bad_mul += memcmp(u, ref, 32) != 0;
        ref_mul(ref, a, a, PR);
        mintls_p256_fe_sqr(t, am);
        mintls_p256_fe_from_mont(u, t);
        bad_sqr += memcmp(u, ref, 32) != 0;
        /* Both strategies, on Montgomery-form inputs, agree bit for bit. */
        p256_fe x1, x2;
        mintls_p256_fe_mul_portable(x1, am, bm);
        mintls_p256_fe_mul_mulx(x2, am, bm);
        bad_strat += memcmp(x1, x2, 32) != 0;
        mintls_p256_fe_sqr_portable(x1, am);
        mintls_p256_fe_sqr_mulx(x2, am);
        bad_strat += memcmp(x1, x2, 32) != 0;
        ref_add(ref, a, b, PR);
        p256_fe_add(t, a, b);
        bad_add += memcmp(t, ref, 32) != 0;
        p256_fe_sub(t, ref, b);
        bad_add += memcmp(t, a, 32) != 0;
        if (it < 50) {
            mintls_p256_fe_inv(t, am);
            mintls_p256_fe_mul(t, t, am);
            bad_inv += !(memcmp(t, mintls_p256_fe_one_mont, 32) == 0 || mintls_p256_fe_is_zero(am));
        }
    }
    printf("field (mulx path %s): mul %lu, sqr %lu, strategies %lu, add/sub %lu, inv %lu bad\n",
           mulx ? "active" : "inactive", bad_mul, bad_sqr, bad_strat, bad_add, bad_inv);
    CHECK(bad_mul == 0);
    CHECK(bad_sqr == 0);
    CHECK(bad_strat == 0);
    CHECK(bad_add == 0);
    CHECK(bad_inv == 0);
}

static void test_scalar(void)
{
    const uint64_t one[4] = {1, 0, 0, 0};
    p256_sc t, u;
    uint64_t rmodn[4];
    uint64_t zero[4] = {0};
    sub4(rmodn, zero, mintls_p256_order); /* 2^256 - n */
    mintls_p256_sc_to_mont(t, one);
    CHECK_MEM(t, rmodn, 32, "sc to_mont(1) = R mod n");
    unsigned long bad = 0;
    for (int it = 0; it < 500; it++) {
        uint64_t a[4], b[4], ref[4], am[4], bm[4];
        rand_below(a, mintls_p256_order);
        rand_below(b, mintls_p256_order);
        ref_mul(ref, a, b, mintls_p256_order);
        mintls_p256_sc_to_mont(am, a);
        mintls_p256_sc_to_mont(bm, b);
        mintls_p256_sc_mont_mul(t, am, bm);
        mintls_p256_sc_from_mont(u, t);
        bad += memcmp(u, ref, 32) != 0;
        if (it < 20 && !mintls_p256_sc_is_zero(a)) {
            mintls_p256_sc_inv_mont(t, am);
            mintls_p256_sc_mont_mul(t, t, am);
            mintls_p256_sc_from_mont(u, t);
            bad += memcmp(u, one, 32) != 0;
        }
    }
    CHECK(bad == 0);
}

static void point_eq_check(const p256_point *a, const p256_point *b, const char *what)
{
    p256_affine x, y;
    uint64_t ia = mintls_p256_point_to_affine(&x, a), ib = mintls_p256_point_to_affine(&y, b);
    CHECK(ia == ib);
    if (ia && ib)
        CHECK_MEM(&x, &y, sizeof(x), what);
}

static void test_points(void)
{
    static const uint8_t g_bytes[65] = {
        0x04, 0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
        0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4,
        0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96, 0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a,
        0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33,
        0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5};
    p256_affine g;
    CHECK(mintls_p256_point_from_bytes(&g, g_bytes, 65));
    /* Edge scalars: 1, 2, n-1, n-2, small, all with every strategy. */
    uint64_t ks[8][4] = {{1}, {2}, {3}, {16}, {17}, {0}, {0}, {0}};
    memcpy(ks[5], mintls_p256_order, 32);
    ks[5][0] -= 1;
    memcpy(ks[6], mintls_p256_order, 32);
    ks[6][0] -= 2;
    memcpy(ks[7], mintls_p256_order, 32);
    ks[7][0] -= 17;
    for (int it = 0; it < 40; it++) {
        uint64_t k[4];
        if (it < 8)
            memcpy(k, ks[it], 32);
        else
            rand_below(k, mintls_p256_order);
        p256_point a, b, c;
        mintls_p256_point_mul_base(&a, k);
        mintls_p256_point_mul(&b, &g, k);
        const uint64_t zero[4] = {0};
        mintls_p256_point_mul_double_vartime(&c, zero, &g, k);
        point_eq_check(&a, &b, "mul_base vs mul");
        point_eq_check(&a, &c, "mul_base vs double (P side)");
        mintls_p256_point_mul_double_vartime(&c, k, &g, zero);
        point_eq_check(&a, &c, "mul_base vs double (G side)");
    }
    /*
     * k = n - j and k = j for small j: the last-window doubling case of the
     * constant-time ladder (k in [n-32, n-2]) and tiny prefixes.
     */
    for (uint64_t j = 1; j <= 40; j++) {
        uint64_t k[4];
        memcpy(k, mintls_p256_order, 32);
        k[0] -= j;
        p256_point a, b;
        mintls_p256_point_mul_base(&a, k);
        mintls_p256_point_mul(&b, &g, k);
        point_eq_check(&a, &b, "n - j");
        uint64_t small[4] = {j, 0, 0, 0};
        mintls_p256_point_mul_base(&a, small);
        mintls_p256_point_mul(&b, &g, small);
        point_eq_check(&a, &b, "small j");
    }
    /* n-1 times G is -G. */
    p256_point a;
    p256_affine x;
    uint8_t out[65];
    mintls_p256_point_mul_base(&a, ks[5]);
    mintls_p256_point_to_affine(&x, &a);
    mintls_p256_point_to_bytes(out, &x);
    CHECK_MEM(out, g_bytes, 33, "(n-1)G has G's x");
    CHECK(memcmp(out + 33, g_bytes + 33, 32) != 0);
    /* u1 G + u2 G with u1 + u2 = n - 1 and with u1 = u2 (doubling inside). */
    uint64_t u1[4] = {5}, u2[4];
    memcpy(u2, mintls_p256_order, 32);
    u2[0] -= 6;
    mintls_p256_point_mul_double_vartime(&a, u1, &g, u2);
    mintls_p256_point_to_affine(&x, &a);
    mintls_p256_point_to_bytes(out, &x);
    CHECK_MEM(out, g_bytes, 33, "5G + (n-6)G = -G");
    mintls_p256_point_mul_double_vartime(&a, u1, &g, u1);
    p256_point b;
    uint64_t ten[4] = {10};
    mintls_p256_point_mul_base(&b, ten);
    point_eq_check(&a, &b, "5G + 5G = 10G");
    u2[0] += 1; /* n - 5: sum is infinity */
    mintls_p256_point_mul_double_vartime(&a, u1, &g, u2);
    CHECK(mintls_p256_fe_is_zero(a.z));
}

static void sha(const mintls_hash *h, const char *msg, uint8_t *out)
{
    mintls_hash_oneshot(h, msg, strlen(msg), out);
}

static void test_rfc6979(void)
{
    uint8_t x[32], pub[65], got[65], dg[64], r[32], s[32], er[32], es[32];
    test_unhex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", x, 32);
    pub[0] = 4;
    test_unhex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", pub + 1, 32);
    test_unhex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", pub + 33, 32);
    CHECK(mintls_p256_public_from_private(got, x));
    CHECK_MEM(got, pub, 65, "RFC 6979 A.2.5 public key");
    static const struct {
        const mintls_hash *h;
        const char *msg, *r, *s;
    } v[] = {
        {&mintls_hash_sha256, "sample",
         "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
         "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
        {&mintls_hash_sha256, "test",
         "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
         "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
        {&mintls_hash_sha1, "sample",
         "61340C88C3AAEBEB4F6D667F672CA9759A6CCAA9FA8811313039EE4A35471D32",
         "6D7F147DAC089441BB2E2FE8F7A3FA264B9C475098FDCF6E00D7C996E1B8B7EB"},
        {&mintls_hash_sha224, "sample",
         "53B2FFF5D1752B2C689DF257C04C40A587FABABB3F6FC2702F1343AF7CA9AA3F",
         "B9AFB64FDC03DC1A131C7D2386D11E349F070AA432A4ACC918BEA988BF75C74C"},
        {&mintls_hash_sha384, "sample",
         "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
         "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"},
        {&mintls_hash_sha512, "sample",
         "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
         "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"},
        {&mintls_hash_sha512, "test",
         "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
         "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55"},
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        sha(v[i].h, v[i].msg, dg);
        test_unhex(v[i].r, er, 32);
        test_unhex(v[i].s, es, 32);
        /* Every hash: our verify accepts the RFC's signature (bits2int). */
        CHECK(mintls_p256_ecdsa_verify(er, es, dg, v[i].h->digest_len, pub, 65));
        es[5] ^= 1;
        CHECK(!mintls_p256_ecdsa_verify(er, es, dg, v[i].h->digest_len, pub, 65));
        es[5] ^= 1;
        /* SHA-256: the nonce generator is HMAC-SHA-256, so signing reproduces. */
        if (v[i].h == &mintls_hash_sha256) {
            CHECK(mintls_p256_ecdsa_sign_extra(r, s, x, dg, 32, NULL, 0));
            CHECK_MEM(r, er, 32, "RFC 6979 r");
            CHECK_MEM(s, es, 32, "RFC 6979 s");
        }
    }
}

static void test_roundtrip(void)
{
    unsigned long bad = 0;
    for (int it = 0; it < 30; it++) {
        uint8_t a_priv[32], a_pub[65], b_priv[32], b_pub[65], s1[32], s2[32], dg[32], r[32],
            s[32], der[MINTLS_ECDSA_DER_MAX(32)];
        size_t der_len = 0;
        if (!mintls_p256_keygen(a_priv, a_pub) || !mintls_p256_keygen(b_priv, b_pub)) {
            bad++;
            continue;
        }
        bad += !mintls_p256_ecdh(s1, a_priv, b_pub, 65);
        bad += !mintls_p256_ecdh(s2, b_priv, a_pub, 65);
        bad += memcmp(s1, s2, 32) != 0;
        for (int i = 0; i < 32; i++)
            dg[i] = (uint8_t)rnd64();
        bad += !mintls_p256_ecdsa_sign(r, s, a_priv, dg, 32);
        bad += !mintls_p256_ecdsa_verify(r, s, dg, 32, a_pub, 65);
        bad += mintls_p256_ecdsa_verify(r, s, dg, 32, b_pub, 65);
        dg[31] ^= 1;
        bad += mintls_p256_ecdsa_verify(r, s, dg, 32, a_pub, 65);
        dg[31] ^= 1;
        bad += !mintls_p256_ecdsa_sign_der(der, &der_len, a_priv, dg, 32);
        bad += !mintls_p256_ecdsa_verify_der(der, der_len, dg, 32, a_pub, 65);
        /* Hedged: two signatures of one message differ. */
        uint8_t r2[32], s2b[32];
        bad += !mintls_p256_ecdsa_sign(r2, s2b, a_priv, dg, 32);
        bad += memcmp(r, r2, 32) == 0;
    }
    CHECK(bad == 0);
    /* Bad private keys: 0 and n. */
    uint8_t zero[32] = {0}, nb[32], pub[65], sh[32], r[32], s[32];
    mintls_p256_sc_to_bytes(nb, mintls_p256_order);
    CHECK(!mintls_p256_public_from_private(pub, zero));
    CHECK(!mintls_p256_public_from_private(pub, nb));
    uint8_t a_priv[32], a_pub[65];
    CHECK(mintls_p256_keygen(a_priv, a_pub));
    CHECK(!mintls_p256_ecdh(sh, zero, a_pub, 65));
    CHECK(!mintls_p256_ecdh(sh, nb, a_pub, 65));
    CHECK(!mintls_p256_ecdh(sh, a_priv, a_pub, 64));
    CHECK(!mintls_p256_ecdsa_sign(r, s, zero, zero, 32));
    a_pub[0] = 2;
    CHECK(!mintls_p256_ecdh(sh, a_priv, a_pub, 65));
}

/*
 * A cross-check against the system OpenSSL, made once by hand:
 *   openssl ecparam -name prime256v1 -genkey -noout -out a.pem (and b.pem)
 *   openssl pkeyutl -derive -inkey a.pem -peerkey b_pub.pem | xxd -p
 */
static void test_openssl_ecdh(void)
{
    uint8_t priv[32], peer[65], want[32], got[32];
    test_unhex("04d16c78b01e0b05df70abc1a02dca8c5fb01f50954b41eb8c30e0ad6e483466", priv, 32);
    test_unhex("0459d12fa4387b9603809fc66b7dca836d0ab0c7310baee3b164276ddb487db352"
               "def484b320364a139b93825a1fb0287fdfb899077378dceb92b8b7281ba1b2b6",
               peer, 65);
    test_unhex("fe75e5575ff3a7c7cc0682711bb90105aa47a61b59c5dfeb5fb793c9301ac3cc", want, 32);
    CHECK(mintls_p256_ecdh(got, priv, peer, 65));
    CHECK_MEM(got, want, 32, "ECDH vs openssl pkeyutl -derive");
}

/* ---- Wycheproof ---- */

static int hex_scalar(const json *t, const char *key, uint8_t out[32])
{
    size_t len;
    uint8_t *b = json_get_hex(t, key, &len);
    if (b == NULL)
        return 0;
    size_t off = 0;
    while (len - off > 32 && b[off] == 0)
        off++;
    int ok = len - off <= 32;
    if (ok) {
        memset(out, 0, 32);
        memcpy(out + 32 - (len - off), b + off, len - off);
    }
    free(b);
    return ok;
}

static int judge(const json *t, int accepted)
{
    const char *res = json_get_str(t, "result");
    if (strcmp(res, "acceptable") == 0)
        return WP_PASS;
    return (strcmp(res, "valid") == 0) == accepted ? WP_PASS : WP_FAIL;
}

/* DER SubjectPublicKeyInfo for id-ecPublicKey / prime256v1, uncompressed. */
static const uint8_t SPKI_PREFIX[26] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48,
                                        0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
                                        0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00};

static int ecdh_case(const json *group, const json *t, void *arg)
{
    int spki = *(int *)arg;
    (void)group;
    uint8_t priv[32], want[32], got[32];
    size_t pub_len, shared_len;
    if (!hex_scalar(t, "private", priv))
        return WP_FAIL;
    uint8_t *pub = json_get_hex(t, "public", &pub_len);
    uint8_t *shared = json_get_hex(t, "shared", &shared_len);
    const uint8_t *point = pub;
    size_t point_len = pub_len;
    int accepted = 0;
    if (spki) {
        if (pub_len == 91 && memcmp(pub, SPKI_PREFIX, 26) == 0) {
            point = pub + 26;
            point_len = 65;
        } else {
            point = NULL;
        }
    }
    if (point != NULL && mintls_p256_ecdh(got, priv, point, point_len)) {
        accepted = 1;
        memset(want, 0, 32);
        if (shared_len == 32)
            memcpy(want, shared, 32);
        if (shared_len != 32 || memcmp(got, want, 32) != 0)
            accepted = 0; /* a wrong secret counts against a valid case */
    }
    free(pub);
    free(shared);
    return judge(t, accepted);
}

static int load_group_key(const json *group, uint8_t pub[65])
{
    const json *k = json_get(group, "publicKey");
    if (k == NULL)
        k = json_get(group, "key");
    size_t len;
    uint8_t *b = json_get_hex(k, "uncompressed", &len);
    int ok = b != NULL && len == 65;
    if (ok)
        memcpy(pub, b, 65);
    free(b);
    return ok;
}

static int ecdsa_case(const json *group, const json *t, void *arg)
{
    int p1363 = *(int *)arg;
    uint8_t pub[65], dg[32];
    if (!load_group_key(group, pub))
        return WP_FAIL;
    size_t msg_len, sig_len;
    uint8_t *msg = json_get_hex(t, "msg", &msg_len);
    uint8_t *sig = json_get_hex(t, "sig", &sig_len);
    mintls_hash_oneshot(&mintls_hash_sha256, msg, msg_len, dg);
    int accepted;
    if (p1363)
        accepted = sig_len == 64 && mintls_p256_ecdsa_verify(sig, sig + 32, dg, 32, pub, 65);
    else
        accepted = mintls_p256_ecdsa_verify_der(sig, sig_len, dg, 32, pub, 65);
    free(msg);
    free(sig);
    return judge(t, accepted);
}

int main(void)
{
    test_field();
    test_scalar();
    test_points();
    test_rfc6979();
    test_roundtrip();
    test_openssl_ecdh();
    int spki = 1, raw = 0, der = 0, p1363 = 1;
    wycheproof_run("ecdh_secp256r1_test.json", "spki", ecdh_case, &spki);
    wycheproof_run("ecdh_secp256r1_ecpoint_test.json", "ecpoint", ecdh_case, &raw);
    wycheproof_run("ecdsa_secp256r1_sha256_test.json", "der", ecdsa_case, &der);
    wycheproof_run("ecdsa_secp256r1_sha256_p1363_test.json", "p1363", ecdsa_case, &p1363);
    return test_summary();
}
