/*
 * Keys sized to their implementation: mintls_gcm_key_size() is enough for
 * mintls_gcm_set_key_sized() and nothing past it is touched (a canary after
 * the key survives key setup and use); a sized key computes what a full one
 * does. Then the EVP contexts that hold such keys on the heap: IV before key
 * (short and long IVs), EVP_CIPHER_CTX_copy deep-copies a message in
 * progress (the copy outlives the original), and re-keying with the same
 * context matches a fresh one.
 */
#include <openssl/evp.h>

#include "internal/gcm.h"

#include "test.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CANARY 0xA5

static void test_sized_key(size_t kl)
{
    uint8_t key[32], nonce[12], aad[20], pt[300], c1[300], c2[300], t1[16], t2[16];
    test_rand_bytes(key, kl);
    test_rand_bytes(nonce, sizeof(nonce));
    test_rand_bytes(aad, sizeof(aad));
    test_rand_bytes(pt, sizeof(pt));

    size_t size = mintls_gcm_key_size(kl);
    CHECK(size > offsetof(mintls_gcm_key, opaque));
    CHECK(size <= sizeof(mintls_gcm_key));
    CHECK(mintls_gcm_key_size(24) == 0);

    /* Room for the key, the canary after it, and 16-byte alignment. */
    mintls_gcm_key *k = aligned_alloc(16, sizeof(mintls_gcm_key) + 16);
    CHECK(k != NULL);
    if (k == NULL)
        return;
    memset(k, CANARY, sizeof(mintls_gcm_key) + 16);
    CHECK(mintls_gcm_set_key_sized(k, size - 1, key, kl) == 0);
    CHECK(mintls_gcm_set_key_sized(k, size, key, 24) == 0);
    CHECK(mintls_gcm_set_key_sized(k, size, key, kl) == 1);

    mintls_gcm_key full;
    CHECK(mintls_gcm_set_key(&full, key, kl) == 1);
    CHECK(strcmp(mintls_gcm_impl_name(k), mintls_gcm_impl_name(&full)) == 0);

    mintls_gcm_seal(&full, nonce, aad, sizeof(aad), pt, sizeof(pt), c1, t1);
    mintls_gcm_seal(k, nonce, aad, sizeof(aad), pt, sizeof(pt), c2, t2);
    CHECK_MEM(c2, c1, sizeof(pt), "sized key: ciphertext");
    CHECK_MEM(t2, t1, 16, "sized key: tag");
    CHECK(mintls_gcm_open(k, nonce, aad, sizeof(aad), c2, sizeof(pt), c2, t2, 16) == 1);
    CHECK_MEM(c2, pt, sizeof(pt), "sized key: round trip");

    const uint8_t *tail = (const uint8_t *)k + size;
    size_t bad = 0;
    for (size_t i = 0; i < sizeof(mintls_gcm_key) + 16 - size; i++)
        bad += tail[i] != CANARY;
    printf("%s, %zu-byte key: %zu bytes of key, %zu bytes past it written\n",
           mintls_gcm_impl_name(k), kl, size, bad);
    CHECK(bad == 0);
    mintls_gcm_key_wipe(&full);
    memset(k, 0, size);
    free(k);
}

/* One GCM/ChaCha message through EVP; iv_first: IV given before the key. */
static int evp_seal(const EVP_CIPHER *c, const uint8_t *key, const uint8_t *iv, int ivl,
                    int iv_first, const uint8_t *pt, int len, uint8_t *out, uint8_t tag[16])
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0, f = 0, ok = ctx != NULL && EVP_EncryptInit_ex(ctx, c, NULL, NULL, NULL) == 1;
    if (ok && ivl != 12)
        ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, ivl, NULL) == 1;
    if (iv_first)
        ok = ok && EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) == 1 &&
             EVP_EncryptInit_ex(ctx, NULL, NULL, key, NULL) == 1;
    else
        ok = ok && EVP_EncryptInit_ex(ctx, NULL, NULL, key, NULL) == 1 &&
             EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) == 1;
    ok = ok && EVP_EncryptUpdate(ctx, out, &n, pt, len) == 1 && n == len &&
         EVP_EncryptFinal_ex(ctx, out + n, &f) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

static void test_evp(const EVP_CIPHER *c, int long_iv)
{
    enum { LEN = 777 };
    uint8_t key[32], iv[64], pt[LEN], a[LEN], b[LEN], ta[16], tb[16];
    int ivl = long_iv ? 60 : 12;
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(iv, sizeof(iv));
    test_rand_bytes(pt, sizeof(pt));

    /* IV before key and key before IV agree. */
    CHECK(evp_seal(c, key, iv, ivl, 0, pt, LEN, a, ta));
    CHECK(evp_seal(c, key, iv, ivl, 1, pt, LEN, b, tb));
    CHECK_MEM(b, a, LEN, "IV before key: ciphertext");
    CHECK_MEM(tb, ta, 16, "IV before key: tag");
    if (long_iv)
        return;

    /* A copy taken mid-message finishes it on its own, after the original is gone. */
    EVP_CIPHER_CTX *x = EVP_CIPHER_CTX_new(), *y = EVP_CIPHER_CTX_new();
    int n = 0, f = 0;
    CHECK(x != NULL && y != NULL);
    CHECK(EVP_EncryptInit_ex(x, c, NULL, key, iv) == 1);
    CHECK(EVP_EncryptUpdate(x, b, &n, pt, 100) == 1);
    CHECK(EVP_CIPHER_CTX_copy(y, x) == 1);
    EVP_CIPHER_CTX_free(x);
    CHECK(EVP_EncryptUpdate(y, b + 100, &n, pt + 100, LEN - 100) == 1);
    CHECK(EVP_EncryptFinal_ex(y, b + LEN, &f) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(y, EVP_CTRL_AEAD_GET_TAG, 16, tb) == 1);
    CHECK_MEM(b, a, LEN, "copy: ciphertext");
    CHECK_MEM(tb, ta, 16, "copy: tag");

    /* Re-keying the same context (another key, then the first) and decrypting. */
    uint8_t other[32];
    test_rand_bytes(other, sizeof(other));
    CHECK(EVP_DecryptInit_ex(y, NULL, NULL, other, NULL) == 1);
    CHECK(EVP_DecryptInit_ex(y, NULL, NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(y, EVP_CTRL_AEAD_SET_TAG, 16, ta) == 1);
    CHECK(EVP_DecryptUpdate(y, b, &n, a, LEN) == 1);
    CHECK(EVP_DecryptFinal_ex(y, b + LEN, &f) == 1);
    CHECK_MEM(b, pt, LEN, "re-keyed context: plaintext");

    /* A context that changes cipher starts over cleanly. */
    const EVP_CIPHER *other_cipher =
        c == EVP_chacha20_poly1305() ? EVP_aes_128_gcm() : EVP_chacha20_poly1305();
    CHECK(EVP_EncryptInit_ex(y, other_cipher, NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_get_nid(y) == EVP_CIPHER_get_nid(other_cipher));
    CHECK(EVP_EncryptUpdate(y, b, &n, pt, 16) == 1);
    CHECK(EVP_CIPHER_CTX_reset(y) == 1);
    CHECK(EVP_CIPHER_CTX_get0_cipher(y) == NULL);
    EVP_CIPHER_CTX_free(y);
}

int main(void)
{
    test_rand_seed(0x9e3779b97f4a7c15ULL);
    test_sized_key(16);
    test_sized_key(32);
    const EVP_CIPHER *ciphers[] = {EVP_aes_128_gcm(), EVP_aes_256_gcm(),
                                   EVP_chacha20_poly1305()};
    for (int i = 0; i < 3; i++) {
        test_evp(ciphers[i], 0);
        if (i < 2)
            test_evp(ciphers[i], 1);
    }
    return test_summary();
}
