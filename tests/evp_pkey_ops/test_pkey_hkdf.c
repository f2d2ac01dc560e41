/*
 * HKDF through EVP_PKEY_CTX (RFC 5869 appendix A, test cases 1-3), in the
 * three modes a TLS 1.3 key schedule uses, written against the OpenSSL API
 * only so the same expectations run on the system OpenSSL.
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

typedef struct {
    const char *ikm, *salt, *info, *prk, *okm;
} hkdf_case;

/* RFC 5869 A.1-A.3 (SHA-256). */
static const hkdf_case cases[] = {
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
     "f0f1f2f3f4f5f6f7f8f9", "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
     "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
    {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
     "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
     "404142434445464748494a4b4c4d4e4f",
     "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
     "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
     "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
     "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
     "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
     "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
     "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
     "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
     "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
    {"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
     "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
     "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};

static EVP_PKEY_CTX *hkdf_ctx(int mode, const EVP_MD *md)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    if (ctx == NULL || EVP_PKEY_derive_init(ctx) != 1 || EVP_PKEY_CTX_set_hkdf_mode(ctx, mode) != 1 ||
        (md != NULL && EVP_PKEY_CTX_set_hkdf_md(ctx, md) != 1)) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static void run_case(size_t idx, const hkdf_case *c)
{
    size_t ikm_len, salt_len, info_len, prk_len, okm_len;
    uint8_t *ikm = test_unhex_or_exit(c->ikm, &ikm_len);
    uint8_t *salt = test_unhex_or_exit(c->salt, &salt_len);
    uint8_t *info = test_unhex_or_exit(c->info, &info_len);
    uint8_t *prk = test_unhex_or_exit(c->prk, &prk_len);
    uint8_t *okm = test_unhex_or_exit(c->okm, &okm_len);
    uint8_t out[128];
    size_t n;
    printf("# RFC 5869 case %zu\n", idx + 1);

    /* Extract and expand; the info in two pieces, as add1 appends. */
    EVP_PKEY_CTX *ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND, EVP_sha256());
    CHECK(ctx != NULL);
    CHECK(EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, (int)salt_len) == 1);
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, ikm, (int)ikm_len) == 1);
    CHECK(EVP_PKEY_CTX_add1_hkdf_info(ctx, info, (int)(info_len / 2)) == 1);
    CHECK(EVP_PKEY_CTX_add1_hkdf_info(ctx, info + info_len / 2, (int)(info_len - info_len / 2)) ==
          1);
    n = okm_len;
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1 && n == okm_len);
    CHECK_MEM(out, okm, okm_len, "OKM (extract and expand)");
    /* Deriving twice from one context gives the same bytes. */
    memset(out, 0, sizeof(out));
    n = okm_len;
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1);
    CHECK_MEM(out, okm, okm_len, "OKM again");
    EVP_PKEY_CTX_free(ctx);

    /* Extract only: the PRK, whose size a NULL buffer reports. */
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY, EVP_sha256());
    CHECK(ctx != NULL);
    CHECK(EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, (int)salt_len) == 1);
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, ikm, (int)ikm_len) == 1);
    n = 0;
    CHECK(EVP_PKEY_derive(ctx, NULL, &n) == 1 && n == 32);
    n = 16;
    CHECK(EVP_PKEY_derive(ctx, out, &n) <= 0); /* smaller than the PRK */
    ERR_clear_error();
    n = sizeof(out);
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1 && n == prk_len);
    CHECK_MEM(out, prk, prk_len, "PRK (extract only)");
    EVP_PKEY_CTX_free(ctx);

    /* Expand only: the PRK as key. */
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXPAND_ONLY, EVP_sha256());
    CHECK(ctx != NULL);
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, prk, (int)prk_len) == 1);
    CHECK(EVP_PKEY_CTX_add1_hkdf_info(ctx, info, (int)info_len) == 1);
    n = okm_len;
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1 && n == okm_len);
    CHECK_MEM(out, okm, okm_len, "OKM (expand only)");
    EVP_PKEY_CTX_free(ctx);

    free(ikm);
    free(salt);
    free(info);
    free(prk);
    free(okm);
}

static void test_misuse(void)
{
    printf("# HKDF misuse\n");
    uint8_t key[32] = {1}, out[8192];
    size_t n;

    /* No key, no digest. */
    EVP_PKEY_CTX *ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND, EVP_sha256());
    n = 32;
    CHECK(EVP_PKEY_derive(ctx, out, &n) <= 0);
    EVP_PKEY_CTX_free(ctx);
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND, NULL);
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, key, 32) == 1);
    n = 32;
    CHECK(EVP_PKEY_derive(ctx, out, &n) <= 0);
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();

    /* Expand is limited to 255 blocks. */
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXPAND_ONLY, EVP_sha256());
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, key, 32) == 1);
    n = 255 * 32;
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1 && n == 255 * 32);
    n = 255 * 32 + 1;
    CHECK(EVP_PKEY_derive(ctx, out, &n) <= 0);
    ERR_clear_error();
    EVP_PKEY_CTX_free(ctx);

    /* SHA-384 extract gives 48 bytes. */
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_ONLY, EVP_sha384());
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, key, 32) == 1);
    n = sizeof(out);
    CHECK(EVP_PKEY_derive(ctx, out, &n) == 1 && n == 48);
    EVP_PKEY_CTX_free(ctx);

    /* Parameters need derive_init first. */
    ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    CHECK(ctx != NULL && EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) <= 0);
    ERR_clear_error();
    EVP_PKEY_CTX_free(ctx);

    /* The string form. */
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND, NULL);
    CHECK(EVP_PKEY_CTX_ctrl_str(ctx, "md", "SHA256") == 1);
    CHECK(EVP_PKEY_CTX_ctrl_str(ctx, "key", "secret") == 1);
    CHECK(EVP_PKEY_CTX_ctrl_str(ctx, "salt", "salt") == 1);
    CHECK(EVP_PKEY_CTX_ctrl_str(ctx, "info", "label") == 1);
    uint8_t a[42], b[42];
    n = sizeof(a);
    CHECK(EVP_PKEY_derive(ctx, a, &n) == 1);
    EVP_PKEY_CTX_free(ctx);
    ctx = hkdf_ctx(EVP_PKEY_HKDEF_MODE_EXTRACT_AND_EXPAND, EVP_sha256());
    CHECK(EVP_PKEY_CTX_set1_hkdf_key(ctx, (const unsigned char *)"secret", 6) == 1);
    CHECK(EVP_PKEY_CTX_set1_hkdf_salt(ctx, (const unsigned char *)"salt", 4) == 1);
    CHECK(EVP_PKEY_CTX_add1_hkdf_info(ctx, (const unsigned char *)"label", 5) == 1);
    n = sizeof(b);
    CHECK(EVP_PKEY_derive(ctx, b, &n) == 1);
    CHECK_MEM(a, b, sizeof(a), "ctrl_str and setters agree");
    EVP_PKEY_CTX_free(ctx);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        run_case(i, &cases[i]);
    test_misuse();
    return test_summary();
}
