/*
 * AES decryption and CBC (crypto/aes_cbc.c, aes_dec_ct.c, aes_dec_ni.c) and
 * PBKDF2 internals: FIPS-197 appendix C and SP 800-38A F.2 vectors on every
 * strategy this CPU has, and round trips against the encryptor.
 */
#include <string.h>

#include "internal/aes_cbc.h"
#include "internal/pbkdf2.h"
#include "test.h"

static const char *impls[] = {"ct", "aesni"};

static void test_fips197(void)
{
    static const char *cts[] = {"69c4e0d86a7b0430d8cdb78070b4c55a",
                                "dda97ca4864cdfe06eaf70a0ec0d7191",
                                "8ea2b7ca516745bfeafc49904b496089"};
    uint8_t key[32], pt[16], ct[16], out[16];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    test_unhex("00112233445566778899aabbccddeeff", pt, sizeof(pt));
    for (size_t im = 0; im < 2; im++) {
        for (int s = 0; s < 3; s++) {
            mintls_aes_dec_key k;
            if (!mintls_aes_set_decrypt_key_impl(&k, key, 16 + 8 * (size_t)s, impls[im])) {
                CHECK(im == 1); /* only AES-NI may be missing */
                continue;
            }
            test_unhex(cts[s], ct, sizeof(ct));
            mintls_aes_decrypt_block(&k, ct, out);
            CHECK_MEM(out, pt, 16, impls[im]);
            mintls_aes_dec_key_wipe(&k);
        }
    }
    mintls_aes_dec_key k;
    CHECK(!mintls_aes_set_decrypt_key(&k, key, 20));
}

static void test_sp800_38a_cbc(void)
{
    uint8_t key[16], iv[16], pt[64], ct[64], out[64];
    test_unhex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof(key));
    test_unhex("000102030405060708090a0b0c0d0e0f", iv, sizeof(iv));
    test_unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
               "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
               pt, sizeof(pt));
    test_unhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
               "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
               ct, sizeof(ct));
    mintls_aes_key ek;
    CHECK(mintls_aes_set_encrypt_key(&ek, key, 16));
    mintls_aes_cbc_encrypt(&ek, iv, pt, out, 64);
    CHECK_MEM(out, ct, 64, "cbc encrypt");
    mintls_aes_dec_key dk;
    CHECK(mintls_aes_set_decrypt_key(&dk, key, 16));
    mintls_aes_cbc_decrypt(&dk, iv, ct, out, 64);
    CHECK_MEM(out, pt, 64, "cbc decrypt");
    memcpy(out, ct, 64);
    mintls_aes_cbc_decrypt(&dk, iv, out, out, 64);
    CHECK_MEM(out, pt, 64, "cbc decrypt in place");
}

/* Random keys and blocks: both strategies invert the encryptor. */
static void test_round_trips(void)
{
    for (int n = 0; n < 60; n++) {
        size_t klen = 16 + 8 * (size_t)(n % 3);
        uint8_t key[32], pt[16], ct[16], out[16];
        test_rand_bytes(key, klen);
        test_rand_bytes(pt, 16);
        mintls_aes_key ek;
        CHECK(mintls_aes_set_encrypt_key(&ek, key, klen));
        mintls_aes_encrypt_block(&ek, pt, ct);
        for (size_t im = 0; im < 2; im++) {
            mintls_aes_dec_key dk;
            if (!mintls_aes_set_decrypt_key_impl(&dk, key, klen, impls[im]))
                continue;
            mintls_aes_decrypt_block(&dk, ct, out);
            if (!CHECK_MEM(out, pt, 16, impls[im]))
                return;
        }
    }
}

static void test_pbkdf2(void)
{
    /* RFC 6070 (SHA-1) and RFC 7914 section 11 (SHA-256). */
    uint8_t out[64], want[64];
    CHECK(mintls_pbkdf2(&mintls_hash_sha1, (const uint8_t *)"password", 8,
                        (const uint8_t *)"salt", 4, 2, out, 20));
    test_unhex("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957", want, sizeof(want));
    CHECK_MEM(out, want, 20, "pbkdf2 sha1 c=2");
    CHECK(mintls_pbkdf2(&mintls_hash_sha1, (const uint8_t *)"pass\0word", 9,
                        (const uint8_t *)"sa\0lt", 5, 4096, out, 16));
    test_unhex("56fa6aa75548099dcc37d7f03425e0c3", want, sizeof(want));
    CHECK_MEM(out, want, 16, "pbkdf2 sha1 NULs");
    CHECK(mintls_pbkdf2(&mintls_hash_sha256, (const uint8_t *)"passwd", 6,
                        (const uint8_t *)"salt", 4, 1, out, 64));
    test_unhex("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
               "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
               want, sizeof(want));
    CHECK_MEM(out, want, 64, "pbkdf2 sha256 two blocks");
    CHECK(!mintls_pbkdf2(&mintls_hash_sha256, (const uint8_t *)"p", 1, NULL, 0, 0, out, 16));
}

int main(void)
{
    test_rand_seed(0x5eed1234);
    test_fips197();
    test_sp800_38a_cbc();
    test_round_trips();
    test_pbkdf2();
    return test_summary();
}
