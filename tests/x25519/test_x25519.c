/*
 * X25519 known answers: RFC 7748 sections 5.2 and 6.1, every Wycheproof
 * x25519 case, and the fixed-base key generation against the ladder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "internal/x25519.h"
#include "test.h"
#include "wycheproof.h"

static void unhex32(const char *hex, uint8_t out[32])
{
    CHECK(test_unhex(hex, out, 32) == 32);
}

static void test_rfc7748_vectors(void)
{
    static const char *const v[][3] = {
        {"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
         "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
         "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
        {"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
         "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
         "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        uint8_t k[32], u[32], want[32], got[32];
        unhex32(v[i][0], k);
        unhex32(v[i][1], u);
        unhex32(v[i][2], want);
        CHECK(mintls_x25519(got, k, u));
        CHECK_MEM(got, want, 32, "RFC 7748 5.2 vector");
    }
}

/* RFC 7748 section 5.2: k, u = X25519(k, u), k iterated. */
static void test_rfc7748_iterated(void)
{
    uint8_t k[32] = {9}, u[32] = {9}, r[32], want[32];
    for (int i = 1; i <= 1000; i++) {
        mintls_x25519(r, k, u);
        memcpy(u, k, 32);
        memcpy(k, r, 32);
        if (i == 1) {
            unhex32("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", want);
            CHECK_MEM(k, want, 32, "1 iteration");
        }
    }
    unhex32("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", want);
    CHECK_MEM(k, want, 32, "1000 iterations");
}

static void test_rfc7748_dh(void)
{
    uint8_t a[32], apub[32], b[32], bpub[32], k[32], got[32], s1[32], s2[32];
    uint8_t base[32] = {9};
    unhex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a);
    unhex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", apub);
    unhex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b);
    unhex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bpub);
    unhex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", k);
    mintls_x25519_public_from_private(got, a);
    CHECK_MEM(got, apub, 32, "Alice public (fixed base)");
    CHECK(mintls_x25519(got, a, base));
    CHECK_MEM(got, apub, 32, "Alice public (ladder)");
    mintls_x25519_public_from_private(got, b);
    CHECK_MEM(got, bpub, 32, "Bob public");
    CHECK(mintls_x25519(s1, a, bpub));
    CHECK(mintls_x25519(s2, b, apub));
    CHECK_MEM(s1, k, 32, "shared (Alice)");
    CHECK_MEM(s2, k, 32, "shared (Bob)");
}

static int wp_x25519(const json *group, const json *test, void *arg)
{
    (void)group;
    (void)arg;
    size_t pl, kl, sl;
    uint8_t *pub = json_get_hex(test, "public", &pl);
    uint8_t *priv = json_get_hex(test, "private", &kl);
    uint8_t *shared = json_get_hex(test, "shared", &sl);
    const char *result = json_get_str(test, "result");
    int verdict = WP_FAIL;
    if (pub && priv && shared && pl == 32 && kl == 32 && sl == 32) {
        uint8_t out[32], zero[32] = {0};
        int ok = mintls_x25519(out, priv, pub);
        int shared_zero = memcmp(shared, zero, 32) == 0;
        /* All cases carry the expected output, zero for low-order points,
         * which must be reported as a failure. */
        if (memcmp(out, shared, 32) == 0 && ok == !shared_zero &&
            (strcmp(result, "invalid") != 0 || !ok))
            verdict = WP_PASS;
    }
    free(pub);
    free(priv);
    free(shared);
    return verdict;
}

/* The Edwards fixed-base path must agree with the ladder on u = 9. */
static void test_fixed_base_vs_ladder(void)
{
    uint8_t base[32] = {9};
    int bad = 0;
    for (int i = 0; i < 500; i++) {
        uint8_t k[32], a[32], b[32];
        if (RAND_bytes(k, 32) != 1) {
            CHECK(0);
            return;
        }
        if (i == 0)
            memset(k, 0xff, 32);
        if (i == 1)
            memset(k, 0, 32);
        mintls_x25519_public_from_private(a, k);
        mintls_x25519(b, k, base);
        bad += memcmp(a, b, 32) != 0;
    }
    CHECK(bad == 0);
    uint8_t pub[32], priv[32], again[32];
    CHECK(mintls_x25519_keygen(pub, priv));
    mintls_x25519(again, priv, base);
    CHECK_MEM(pub, again, 32, "keygen");
}

int main(void)
{
    test_rfc7748_vectors();
    test_rfc7748_iterated();
    test_rfc7748_dh();
    test_fixed_base_vs_ladder();
    wycheproof_run("x25519_test.json", NULL, wp_x25519, NULL);
    return test_summary();
}
