/*
 * P-384: field and scalar arithmetic against a slow reference, group-law
 * identities, RFC 6979 A.2.6 known answers, sign/verify round trips, ECDH
 * against values made by the system openssl, invalid-point rejection, and
 * every case of the Wycheproof ECDSA P-384/SHA-384 files (DER and P1363).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/cpu.h"
#include "internal/digest.h"
#include "internal/ecdsa_util.h"
#include "internal/p384.h"
#include "test.h"
#include "wycheproof.h"

/* ---- reference arithmetic: schoolbook product, bitwise long division ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int ref_geq(const uint64_t *a, const uint64_t *b, int n)
{
    for (int i = n - 1; i >= 0; i--)
        if (a[i] != b[i])
            return a[i] > b[i];
    return 1;
}

static void ref_sub(uint64_t *a, const uint64_t *b, int n)
{
    uint64_t borrow = 0;
    for (int i = 0; i < n; i++) {
        unsigned __int128 z = (unsigned __int128)a[i] - b[i] - borrow;
        a[i] = (uint64_t)z;
        borrow = (uint64_t)(z >> 64) & 1;
    }
}

/* out = x mod m, x of nx limbs. */
static void ref_mod(uint64_t out[6], const uint64_t *x, int nx, const uint64_t m[6])
{
    uint64_t r[7] = {0}, m7[7];
    memcpy(m7, m, 48);
    m7[6] = 0;
    for (int bit = nx * 64 - 1; bit >= 0; bit--) {
        for (int i = 6; i > 0; i--)
            r[i] = (r[i] << 1) | (r[i - 1] >> 63);
        r[0] = (r[0] << 1) | ((x[bit / 64] >> (bit % 64)) & 1);
        if (ref_geq(r, m7, 7))
            ref_sub(r, m7, 7);
    }
    memcpy(out, r, 48);
}

static void ref_mulmod(uint64_t out[6], const uint64_t a[6], const uint64_t b[6],
                       const uint64_t m[6])
{
    uint64_t t[12] = {0};
    for (int i = 0; i < 6; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 6; j++) {
            unsigned __int128 z = (unsigned __int128)a[i] * b[j] + t[i + j] + carry;
            t[i + j] = (uint64_t)z;
            carry = (uint64_t)(z >> 64);
        }
        t[i + 6] = carry;
    }
    ref_mod(out, t, 12, m);
}

static void rand_below(uint64_t out[6], const uint64_t m[6])
{
    uint64_t t[6];
    for (int i = 0; i < 6; i++)
        t[i] = rng();
    /* Some edge values: 0, 1, m - 1, and values with long runs of ones. */
    switch (rng() % 8) {
    case 0:
        memset(t, 0, 48);
        break;
    case 1:
        memset(t, 0, 48);
        t[0] = 1;
        break;
    case 2:
        memcpy(t, m, 48);
        t[0] -= 1;
        break;
    case 3:
        for (int i = 0; i < 6; i++)
            t[i] = (rng() & 1) ? ~(uint64_t)0 : t[i];
        break;
    default:
        break;
    }
    ref_mod(out, t, 6, m);
}

static void test_field(void)
{
    const uint64_t *p = mintls_p384_p;
    int bad_mul = 0, bad_add = 0, bad_sub = 0, bad_inv = 0, bad_path = 0, bad_n = 0;
    for (int it = 0; it < 2000; it++) {
        uint64_t a[6], b[6], ref[6], got[6], am[6], bm[6], cm[6];
        uint8_t ab[48], bb[48], cb[48];
        rand_below(a, p);
        rand_below(b, p);
        mintls_p384_limbs_to_be(ab, a);
        mintls_p384_limbs_to_be(bb, b);
        if (!mintls_p384_fe_from_bytes(am, ab) || !mintls_p384_fe_from_bytes(bm, bb)) {
            bad_mul++;
            continue;
        }
        mintls_p384_fe_mul(cm, am, bm);
        mintls_p384_fe_to_bytes(cb, cm);
        mintls_p384_limbs_from_be(got, cb);
        ref_mulmod(ref, a, b, p);
        bad_mul += memcmp(got, ref, 48) != 0;

        /* Squaring against the reference. */
        mintls_p384_fe_sqr(cm, am);
        mintls_p384_fe_to_bytes(cb, cm);
        mintls_p384_limbs_from_be(got, cb);
        ref_mulmod(ref, a, a, p);
        bad_mul += memcmp(got, ref, 48) != 0;
        mintls_p384_fe_mul(cm, am, bm);

        /* The specialised field routine against the generic one. */
        uint64_t c1[6];
        mintls_p384_mont_mul(c1, am, bm, mintls_p384_p, 0x100000001ULL);
        bad_path += memcmp(c1, cm, 48) != 0;

        uint64_t s[12] = {0};
        memcpy(s, a, 48);
        unsigned __int128 carry = 0;
        for (int i = 0; i < 6; i++) {
            carry += (unsigned __int128)a[i] + b[i];
            s[i] = (uint64_t)carry;
            carry >>= 64;
        }
        s[6] = (uint64_t)carry;
        ref_mod(ref, s, 7, p);
        mintls_p384_fe_add(cm, am, bm);
        mintls_p384_fe_to_bytes(cb, cm);
        mintls_p384_limbs_from_be(got, cb);
        bad_add += memcmp(got, ref, 48) != 0;

        /* a - b + b == a */
        mintls_p384_fe_sub(cm, am, bm);
        mintls_p384_fe_add(cm, cm, bm);
        bad_sub += memcmp(cm, am, 48) != 0;

        if (it < 200 && !(mintls_p384_fe_is_zero(am) & 1)) {
            mintls_p384_fe_inv(cm, am);
            mintls_p384_fe_mul(cm, cm, am);
            bad_inv += memcmp(cm, mintls_p384_fe_one, 48) != 0;
        }

        /* Scalars: Montgomery product mod n against the reference. */
        uint64_t x[6], y[6], xm[6], ym[6], zm[6], z[6];
        rand_below(x, mintls_p384_n);
        rand_below(y, mintls_p384_n);
        mintls_p384_scalar_to_mont(xm, x);
        mintls_p384_scalar_to_mont(ym, y);
        mintls_p384_scalar_mul(zm, xm, ym);
        mintls_p384_scalar_from_mont(z, zm);
        ref_mulmod(ref, x, y, mintls_p384_n);
        bad_n += memcmp(z, ref, 48) != 0;
        if (it < 100 && (x[0] | x[1] | x[2] | x[3] | x[4] | x[5])) {
            mintls_p384_scalar_inv(zm, xm);
            mintls_p384_scalar_mul(zm, zm, xm);
            mintls_p384_scalar_from_mont(z, zm);
            bad_n += !(z[0] == 1 && !(z[1] | z[2] | z[3] | z[4] | z[5]));
        }
    }
    CHECK(bad_mul == 0);
    CHECK(bad_add == 0);
    CHECK(bad_sub == 0);
    CHECK(bad_inv == 0);
    CHECK(bad_path == 0);
    CHECK(bad_n == 0);

    /* Coordinates >= p are refused. */
    uint8_t pb[48];
    p384_fe t;
    mintls_p384_limbs_to_be(pb, p);
    CHECK(!mintls_p384_fe_from_bytes(t, pb));
    pb[47] -= 1;
    CHECK(mintls_p384_fe_from_bytes(t, pb));
}

/* ---- points -------------------------------------------------------------- */

static int point_eq(const p384_point *a, const p384_point *b)
{
    uint8_t ax[48], ay[48], bx[48], by[48];
    uint64_t ia = mintls_p384_point_to_affine(ax, ay, a);
    uint64_t ib = mintls_p384_point_to_affine(bx, by, b);
    if (!ia || !ib)
        return !ia && !ib;
    return memcmp(ax, bx, 48) == 0 && memcmp(ay, by, 48) == 0;
}

static void test_points(void)
{
    p384_point g, a, b, c;
    mintls_p384_point_generator(&g);
    mintls_p384_point_dbl(&a, &g);
    mintls_p384_point_add(&b, &g, &g);
    CHECK(point_eq(&a, &b));

    uint64_t k[6] = {3, 0, 0, 0, 0, 0};
    mintls_p384_point_mul(&c, k, &g);
    mintls_p384_point_add(&b, &a, &g);
    CHECK(point_eq(&b, &c));

    /* n G = infinity, (n - 1) G = -G. */
    uint64_t n1[6];
    memcpy(n1, mintls_p384_n, 48);
    mintls_p384_point_mul(&c, n1, &g);
    CHECK(!mintls_p384_point_to_affine(NULL, NULL, &c));
    n1[0] -= 1;
    mintls_p384_point_mul(&c, n1, &g);
    mintls_p384_point_add(&c, &c, &g);
    CHECK(!mintls_p384_point_to_affine(NULL, NULL, &c));

    /* k1 G + k2 G = (k1 + k2) G; the double-scalar mult agrees with both. */
    int bad = 0;
    for (int it = 0; it < 8; it++) {
        uint64_t k1[6], k2[6], km1[6], km2[6], ks[6], s[6];
        rand_below(k1, mintls_p384_n);
        rand_below(k2, mintls_p384_n);
        mintls_p384_point_mul_base(&a, k1);
        mintls_p384_point_mul_base(&b, k2);
        mintls_p384_point_add(&c, &a, &b);
        mintls_p384_scalar_to_mont(km1, k1);
        mintls_p384_scalar_to_mont(km2, k2);
        mintls_p384_scalar_add(ks, km1, km2);
        mintls_p384_scalar_from_mont(s, ks);
        p384_point d;
        mintls_p384_point_mul_base(&d, s);
        bad += !point_eq(&c, &d);
        /* k1 G + k2 (G) via the verifier's path. */
        mintls_p384_point_mul_double_vartime(&d, k1, k2, &g);
        bad += !point_eq(&c, &d);
        /* k1 G + k2 (k1 G): exercise a non-generator second point. */
        mintls_p384_point_mul(&b, k2, &a);
        mintls_p384_point_add(&c, &a, &b);
        mintls_p384_point_mul_double_vartime(&d, k1, k2, &a);
        bad += !point_eq(&c, &d);
    }
    CHECK(bad == 0);
}

/* ---- RFC 6979 A.2.6 ------------------------------------------------------ */

static const char *rfc_x =
    "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5";
static const char *rfc_pub =
    "04EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A254515480BC13"
    "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720";

static void test_rfc6979(void)
{
    static const struct {
        const char *msg, *r, *s;
    } v[] = {
        {"sample",
         "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
         "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"},
        {"test",
         "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
         "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B827C2F13173923E06A739F040649A667BF3B828246BAA5A5"},
    };
    uint8_t x[48], pub[97], want_pub[97], r[48], s[48], want_r[48], want_s[48], h[48];
    test_unhex(rfc_x, x, sizeof(x));
    test_unhex(rfc_pub, want_pub, sizeof(want_pub));
    CHECK(mintls_p384_public_from_private(pub, x));
    CHECK_MEM(pub, want_pub, 97, "RFC 6979 A.2.6 public key");
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        mintls_hash_oneshot(&mintls_hash_sha384, v[i].msg, strlen(v[i].msg), h);
        test_unhex(v[i].r, want_r, 48);
        test_unhex(v[i].s, want_s, 48);
        CHECK(mintls_p384_ecdsa_sign_with_extra(r, s, x, h, 48, NULL, 0));
        CHECK_MEM(r, want_r, 48, "RFC 6979 r");
        CHECK_MEM(s, want_s, 48, "RFC 6979 s");
        CHECK(mintls_p384_ecdsa_verify(want_r, want_s, h, 48, want_pub, 97));
    }
}

/* ---- round trips ----------------------------------------------------------- */

static void test_roundtrip(void)
{
    int bad = 0;
    for (int it = 0; it < 10; it++) {
        uint8_t priv[48], pub[97], h[48], r[48], s[48], r2[48], s2[48];
        uint8_t der[MINTLS_ECDSA_DER_MAX(48)];
        size_t der_len = 0;
        bad += !mintls_p384_keygen(priv, pub);
        for (int i = 0; i < 48; i++)
            h[i] = (uint8_t)rng();
        bad += !mintls_p384_ecdsa_sign(r, s, priv, h, 48);
        bad += !mintls_p384_ecdsa_verify(r, s, h, 48, pub, 97);
        /* Hedged: a second signature of the same message uses another nonce. */
        bad += !mintls_p384_ecdsa_sign(r2, s2, priv, h, 48);
        bad += memcmp(r, r2, 48) == 0;
        bad += !mintls_p384_ecdsa_verify(r2, s2, h, 48, pub, 97);
        /* Tampering with anything breaks it. */
        h[it % 48] ^= 1;
        bad += mintls_p384_ecdsa_verify(r, s, h, 48, pub, 97);
        h[it % 48] ^= 1;
        s[47 - it] ^= 0x10;
        bad += mintls_p384_ecdsa_verify(r, s, h, 48, pub, 97);
        s[47 - it] ^= 0x10;
        /* Other digest lengths (bits2int of SHA-256 and SHA-512 sizes). */
        bad += !mintls_p384_ecdsa_sign(r2, s2, priv, h, 32);
        bad += !mintls_p384_ecdsa_verify(r2, s2, h, 32, pub, 97);
        uint8_t h64[64];
        memcpy(h64, h, 48);
        memset(h64 + 48, 0xa5, 16);
        bad += !mintls_p384_ecdsa_verify(r, s, h64, 64, pub, 97); /* truncated to 48 */
        /* DER wrappers. */
        bad += !mintls_p384_ecdsa_sign_der(der, &der_len, priv, h, 48);
        bad += !mintls_p384_ecdsa_verify_der(der, der_len, h, 48, pub, 97);
        bad += mintls_p384_ecdsa_verify_der(der, der_len - 1, h, 48, pub, 97);
    }
    CHECK(bad == 0);

    /* Private keys out of range are refused. */
    uint8_t zero[48] = {0}, nb[48], pub[97], r[48], s[48], h[48] = {1};
    mintls_p384_limbs_to_be(nb, mintls_p384_n);
    CHECK(!mintls_p384_public_from_private(pub, zero));
    CHECK(!mintls_p384_public_from_private(pub, nb));
    CHECK(!mintls_p384_ecdsa_sign(r, s, zero, h, 48));
    CHECK(!mintls_p384_ecdsa_sign(r, s, nb, h, 48));
}

/* ---- ECDH ------------------------------------------------------------------ */

/* Two keys from `openssl ecparam -name secp384r1 -genkey`, secret from `openssl pkeyutl -derive`. */
static const char *ecdh_a_priv =
    "68eec9c8c31f09a4ce51f4c3bae5f15ede170fbb6a0da9f5828fc15a1cec1682c108addec1a54c57c32a18a3da350a2e";
static const char *ecdh_a_pub =
    "0484c4d65f1ef82b8c41cf2aad7f17d93bde7cb8b322e3b6c1d26e9a2c3c256cfb0c7c07a55c0c69139f1e64599ccded42"
    "6698f4687ef0382d54f738aaa79d860618ba62b5c05bad49bb7bac615af0fdb93cd498f01c5e615df972be09c2320f23";
static const char *ecdh_b_priv =
    "f89fb77909e4efdc75ad9346169899139ced9f32ec120ec9fef7f31640ce78d0d9cf07969aecf5ef1d038304d346d2f6";
static const char *ecdh_b_pub =
    "0458d05cdfc9445200f241359875b957117d9515fb6aefd4395cd3316fada92d55040911a34d4f233beb7de9a87533ad9d"
    "f963cafc86b964450b0aadfae619fa627a789bbe2e8e1944b8bf7418dd60fa1949dc17ffb8fe42872ea424ffe1089a3a";
static const char *ecdh_shared =
    "4a4557c127ba45ea4ff5b676827b7fd4426ebd8997b442548de95abbafefa03ff9ed9e64ccf96f0ba29ec5849bdf322b";

static void test_ecdh(void)
{
    uint8_t ap[48], bp[48], apub[97], bpub[97], want[48], got[48], pub[97];
    test_unhex(ecdh_a_priv, ap, 48);
    test_unhex(ecdh_b_priv, bp, 48);
    test_unhex(ecdh_a_pub, apub, 97);
    test_unhex(ecdh_b_pub, bpub, 97);
    test_unhex(ecdh_shared, want, 48);
    CHECK(mintls_p384_public_from_private(pub, ap));
    CHECK_MEM(pub, apub, 97, "openssl public key A");
    CHECK(mintls_p384_public_from_private(pub, bp));
    CHECK_MEM(pub, bpub, 97, "openssl public key B");
    CHECK(mintls_p384_ecdh(got, ap, bpub, 97));
    CHECK_MEM(got, want, 48, "ECDH A*B vs openssl");
    CHECK(mintls_p384_ecdh(got, bp, apub, 97));
    CHECK_MEM(got, want, 48, "ECDH B*A vs openssl");

    /* Fresh keys agree with each other. */
    uint8_t k1[48], p1[97], k2[48], p2[97], s1[48], s2[48];
    CHECK(mintls_p384_keygen(k1, p1) && mintls_p384_keygen(k2, p2));
    CHECK(mintls_p384_ecdh(s1, k1, p2, 97) && mintls_p384_ecdh(s2, k2, p1, 97));
    CHECK_MEM(s1, s2, 48, "ECDH fresh keys agree");

    /* Invalid peer encodings. */
    uint8_t bad[97];
    memcpy(bad, bpub, 97);
    bad[96] ^= 1; /* off the curve */
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97));
    CHECK(!mintls_p384_ecdsa_verify(want, want, want, 48, bad, 97));
    memcpy(bad, bpub, 97);
    CHECK(!mintls_p384_ecdh(got, ap, bad, 96));  /* short */
    CHECK(!mintls_p384_ecdh(got, ap, bpub, 96)); /* truncated */
    uint8_t longer[98];
    memcpy(longer, bpub, 97);
    longer[97] = 0;
    CHECK(!mintls_p384_ecdh(got, ap, longer, 98)); /* trailing byte */
    uint8_t inf1[1] = {0x00};
    CHECK(!mintls_p384_ecdh(got, ap, inf1, 1)); /* SEC 1 infinity */
    memset(bad, 0, 97);
    bad[0] = 0x04; /* (0, 0): the usual stand-in for infinity, not on the curve */
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97));
    CHECK(!mintls_p384_ecdh(got, ap, bad, 0));
    CHECK(!mintls_p384_ecdh(got, ap, NULL, 97));
    uint8_t comp[49];
    comp[0] = (uint8_t)(0x02 | (bpub[96] & 1));
    memcpy(comp + 1, bpub + 1, 48);
    CHECK(!mintls_p384_ecdh(got, ap, comp, 49)); /* compressed form */
    memcpy(bad, bpub, 97);
    bad[0] = (uint8_t)(0x06 | (bpub[96] & 1));
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97)); /* hybrid form */
    /* x = p (and x = p + x0 would be the same residue as a valid x0). */
    memcpy(bad, bpub, 97);
    mintls_p384_limbs_to_be(bad + 1, mintls_p384_p);
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97));
    /* y replaced by y + p cannot be represented; y = p - y is -Q, still valid. */
    memcpy(bad, bpub, 97);
    mintls_p384_limbs_to_be(bad + 49, mintls_p384_p);
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97));
    /* A point of the right form on a different curve (b changed): (0, sqrt(b')). */
    memset(bad, 0, 97);
    bad[0] = 0x04;
    bad[96] = 1; /* (0, 1) lies on y^2 = x^3 - 3x + 1, not on P-384 */
    CHECK(!mintls_p384_ecdh(got, ap, bad, 97));
    /* Private keys out of range. */
    uint8_t zero[48] = {0}, nb[48];
    mintls_p384_limbs_to_be(nb, mintls_p384_n);
    CHECK(!mintls_p384_ecdh(got, zero, bpub, 97));
    CHECK(!mintls_p384_ecdh(got, nb, bpub, 97));
}

/* ---- Wycheproof ------------------------------------------------------------ */

static int wp_case(const json *group, const json *test, void *arg)
{
    int p1363 = arg != NULL;
    size_t pub_len = 0, msg_len = 0, sig_len = 0;
    uint8_t *pub = json_get_hex(json_get(group, "publicKey"), "uncompressed", &pub_len);
    uint8_t *msg = json_get_hex(test, "msg", &msg_len);
    uint8_t *sig = json_get_hex(test, "sig", &sig_len);
    const char *result = json_get_str(test, "result");
    int ret = WP_FAIL;
    if (pub == NULL || msg == NULL || sig == NULL)
        goto out;
    uint8_t h[48];
    mintls_hash_oneshot(&mintls_hash_sha384, msg, msg_len, h);
    int ok;
    if (p1363)
        ok = sig_len == 96 && mintls_p384_ecdsa_verify(sig, sig + 48, h, 48, pub, pub_len);
    else
        ok = mintls_p384_ecdsa_verify_der(sig, sig_len, h, 48, pub, pub_len);
    if (strcmp(result, "valid") == 0)
        ret = ok ? WP_PASS : WP_FAIL;
    else if (strcmp(result, "invalid") == 0)
        ret = ok ? WP_FAIL : WP_PASS;
    else
        ret = WP_PASS; /* acceptable: either answer */
out:
    free(pub);
    free(msg);
    free(sig);
    return ret;
}

int main(void)
{
    printf("cpu: %s\n", mintls_cpu_describe());
    test_field();
    test_points();
    test_rfc6979();
    test_roundtrip();
    test_ecdh();
    wycheproof_run("ecdsa_secp384r1_sha384_test.json", "DER", wp_case, NULL);
    wycheproof_run("ecdsa_secp384r1_sha384_p1363_test.json", "P1363", wp_case, (void *)1);
    return test_summary();
}
