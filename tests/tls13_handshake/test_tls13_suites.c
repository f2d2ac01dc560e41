/*
 * The TLS 1.3 algorithm tables (src/tls13_suites.c): suite lookup, key
 * shares for each group agreeing between two sides and rejecting bad
 * points, and each signature scheme signing and verifying with the key
 * types it fits (and refusing the others).
 */
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "tls13_suites.h"

static EVP_PKEY *load_key(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    FILE *f = fopen(path, "r");
    EVP_PKEY *k = f != NULL ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    if (f != NULL)
        fclose(f);
    return k;
}

static void test_suites(void)
{
    CHECK(mintls_tls13_suite_by_id(0x1301) != NULL);
    CHECK(strcmp(mintls_tls13_suite_by_id(0x1301)->name, "TLS_AES_128_GCM_SHA256") == 0);
    CHECK(mintls_tls13_suite_by_id(0x1302)->md() == EVP_sha384());
    CHECK(mintls_tls13_suite_by_id(0x1303)->aead() == EVP_chacha20_poly1305());
    CHECK(mintls_tls13_suite_by_id(0x1304) == NULL);
    CHECK(mintls_tls13_suite_by_id(0xc02f) == NULL);
    CHECK(mintls_tls13_suite_at(MINTLS_TLS13_SUITE_COUNT) == NULL);
}

static void test_groups(void)
{
    for (size_t i = 0; i < MINTLS_TLS13_GROUP_COUNT; i++) {
        uint16_t g = mintls_tls13_group_at(i);
        CHECK(mintls_tls13_group_supported(g));
        EVP_PKEY *a = NULL, *b = NULL;
        uint8_t *pa = NULL, *pb = NULL, sa[48], sb[48];
        size_t la = 0, lb = 0, na = 0, nb = 0;
        CHECK(mintls_tls13_group_keygen(g, &a, &pa, &la));
        CHECK(mintls_tls13_group_keygen(g, &b, &pb, &lb));
        size_t want = g == MINTLS_GROUP_X25519 ? 32 : g == MINTLS_GROUP_SECP256R1 ? 65 : 97;
        CHECK(la == want && lb == want);
        CHECK(mintls_tls13_group_derive(g, a, pb, lb, sa, &na));
        CHECK(mintls_tls13_group_derive(g, b, pa, la, sb, &nb));
        CHECK(na == nb && na == (g == MINTLS_GROUP_SECP384R1 ? 48u : 32u));
        CHECK(memcmp(sa, sb, na) == 0);
        /* A truncated share, and for EC a compressed form or a point off the curve. */
        CHECK(!mintls_tls13_group_derive(g, a, pb, lb - 1, sa, &na));
        if (g != MINTLS_GROUP_X25519) {
            pb[0] = 0x02;
            CHECK(!mintls_tls13_group_derive(g, a, pb, lb, sa, &na));
            pb[0] = 0x04;
            pb[lb - 1] ^= 1;
            CHECK(!mintls_tls13_group_derive(g, a, pb, lb, sa, &na));
        }
        OPENSSL_free(pa);
        OPENSSL_free(pb);
        EVP_PKEY_free(a);
        EVP_PKEY_free(b);
    }
    CHECK(!mintls_tls13_group_supported(0x001e)); /* x448 */
    ERR_clear_error();
}

static void test_schemes(void)
{
    EVP_PKEY *ec = load_key("ec-leaf.key"), *rsa = load_key("rsa-leaf.key");
    EVP_PKEY *ed = load_key("ed-leaf.key");
    CHECK(ec != NULL && rsa != NULL && ed != NULL);
    static const uint8_t msg[] = "content to sign";
    struct {
        uint16_t scheme;
        EVP_PKEY *key;
    } cases[] = {{0x0403, ec}, {0x0804, rsa}, {0x0805, rsa}, {0x0806, rsa}, {0x0807, ed}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t *sig = NULL;
        size_t len = 0;
        CHECK(mintls_sigscheme_fits_key(cases[i].scheme, cases[i].key));
        CHECK(mintls_sigscheme_sign(cases[i].scheme, cases[i].key, msg, sizeof(msg), &sig, &len));
        CHECK(mintls_sigscheme_verify(cases[i].scheme, cases[i].key, msg, sizeof(msg), sig, len));
        sig[len / 2] ^= 0x40;
        CHECK(!mintls_sigscheme_verify(cases[i].scheme, cases[i].key, msg, sizeof(msg), sig, len));
        OPENSSL_free(sig);
    }
    /* P-256 key: not the P-384 scheme; RSA keys: PSS only with rsae; no PKCS#1 v1.5. */
    CHECK(!mintls_sigscheme_fits_key(0x0503, ec));
    CHECK(!mintls_sigscheme_fits_key(0x0809, rsa));
    CHECK(!mintls_sigscheme_fits_key(0x0401, rsa));
    CHECK(!mintls_sigscheme_fits_key(0x0403, rsa));
    uint8_t *sig = NULL;
    size_t len;
    CHECK(!mintls_sigscheme_sign(0x0403, rsa, msg, sizeof(msg), &sig, &len) && sig == NULL);
    /* Choosing: ours in order, restricted to the peer's list. */
    static const uint8_t peer[] = {0x08, 0x06, 0x04, 0x01, 0x08, 0x04};
    CHECK(mintls_sigscheme_choose(rsa, peer, 3) == 0x0804);
    CHECK(mintls_sigscheme_choose(ec, peer, 3) == 0);
    EVP_PKEY_free(ec);
    EVP_PKEY_free(rsa);
    EVP_PKEY_free(ed);
    ERR_clear_error();
}

int main(void)
{
    test_suites();
    test_groups();
    test_schemes();
    return test_summary();
}
