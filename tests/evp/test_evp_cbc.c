/*
 * AES-CBC through the EVP cipher API (EVP_aes_{128,192,256}_cbc): SP 800-38A
 * known answers, PKCS#7 padding and its errors, OpenSSL's buffering (partial
 * blocks kept, the last block held back when decrypting), in-place use,
 * re-initialisation and copying. Written against the OpenSSL API only; built
 * against mintls and the system OpenSSL, which must agree.
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* OpenSSL 3.0's provider reasons that its CBC ciphers raise (proverr.h). */
#define PROV_R_BAD_DECRYPT_REASON 100
#define PROV_R_WRONG_FINAL_BLOCK_LENGTH_REASON 107

#define MAXLEN 160

static const EVP_CIPHER *cipher_for(size_t key_len)
{
    return key_len == 16 ? EVP_aes_128_cbc() : key_len == 24 ? EVP_aes_192_cbc()
                                                              : EVP_aes_256_cbc();
}

/* The reason of the oldest queued error (0 if none); empties the queue. */
static int pop_reason(void)
{
    unsigned long e = ERR_get_error();
    ERR_clear_error();
    return ERR_GET_REASON(e);
}

/*
 * Runs one whole message through ctx (already Init'ed with key and IV) in
 * chunks of `chunk` bytes (0: one Update), then Final. Returns total bytes
 * out, or -1 if a call failed. Checks each Update stays within the bound
 * OpenSSL documents (inl + block size - 1 for encryption, + block size for
 * decryption).
 */
static int run_chunks(EVP_CIPHER_CTX *ctx, int enc, const uint8_t *in, size_t len, size_t chunk,
                      uint8_t *out)
{
    size_t off = 0;
    int total = 0, n = 0;
    if (chunk == 0)
        chunk = len > 0 ? len : 1;
    do {
        size_t c = len - off < chunk ? len - off : chunk;
        int ok = enc ? EVP_EncryptUpdate(ctx, out + total, &n, in + off, (int)c)
                     : EVP_DecryptUpdate(ctx, out + total, &n, in + off, (int)c);
        if (ok != 1 || n < 0 || (size_t)n > c + 16)
            return -1;
        total += n;
        off += c;
    } while (off < len);
    int ok = enc ? EVP_EncryptFinal_ex(ctx, out + total, &n)
                 : EVP_DecryptFinal_ex(ctx, out + total, &n);
    if (ok != 1)
        return -1;
    return total + n;
}

/* One message, fresh context. pad: PKCS#7 on/off. */
static int cbc_crypt(const EVP_CIPHER *c, int enc, int pad, const uint8_t *key, const uint8_t *iv,
                 const uint8_t *in, size_t len, size_t chunk, uint8_t *out)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int r = -1;
    if (ctx != NULL && EVP_CipherInit_ex(ctx, c, NULL, key, iv, enc) == 1 &&
        EVP_CIPHER_CTX_set_padding(ctx, pad) == 1)
        r = run_chunks(ctx, enc, in, len, chunk, out);
    EVP_CIPHER_CTX_free(ctx);
    return r;
}

/* ---- SP 800-38A F.2.1 - F.2.6 ------------------------------------------- */

static const char *const sp_iv = "000102030405060708090a0b0c0d0e0f";
static const char *const sp_pt = "6bc1bee22e409f96e93d7e117393172a"
                                 "ae2d8a571e03ac9c9eb76fac45af8e51"
                                 "30c81c46a35ce411e5fbc1191a0a52ef"
                                 "f69f2445df4f9b17ad2b417be66c3710";
static const struct {
    const char *key, *ct;
} sp_cases[] = {
    {"2b7e151628aed2a6abf7158809cf4f3c",
     "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
    {"8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
     "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
     "571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd"},
    {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
};

static void test_sp800_38a(void)
{
    uint8_t key[32], iv[16], pt[64], ct[64], out[MAXLEN];
    test_unhex(sp_iv, iv, sizeof(iv));
    test_unhex(sp_pt, pt, sizeof(pt));
    for (size_t i = 0; i < sizeof(sp_cases) / sizeof(sp_cases[0]); i++) {
        size_t kl = (size_t)test_unhex(sp_cases[i].key, key, sizeof(key));
        test_unhex(sp_cases[i].ct, ct, sizeof(ct));
        const EVP_CIPHER *c = cipher_for(kl);
        static const size_t chunks[] = {0, 1, 15, 16, 17, 33};
        for (size_t j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++) {
            memset(out, 0, sizeof(out));
            CHECK(cbc_crypt(c, 1, 0, key, iv, pt, 64, chunks[j], out) == 64);
            CHECK_MEM(out, ct, 64, "SP 800-38A encrypt");
            memset(out, 0, sizeof(out));
            CHECK(cbc_crypt(c, 0, 0, key, iv, ct, 64, chunks[j], out) == 64);
            CHECK_MEM(out, pt, 64, "SP 800-38A decrypt");
        }
        /* With padding on, the same blocks come first and a block of 16s follows. */
        CHECK(cbc_crypt(c, 1, 1, key, iv, pt, 64, 0, out) == 80);
        CHECK_MEM(out, ct, 64, "SP 800-38A encrypt, padded");
    }
}

/* ---- padding round trips -------------------------------------------------- */

static void test_round_trips(void)
{
    static const size_t key_lens[] = {16, 24, 32};
    static const size_t chunks[] = {0, 1, 3, 15, 16, 17, 31, 64};
    uint8_t key[32], iv[16], pt[MAXLEN], ct[MAXLEN], ct2[MAXLEN], back[MAXLEN];
    unsigned long fails_before = test_failed;
    for (size_t k = 0; k < 3; k++) {
        const EVP_CIPHER *c = cipher_for(key_lens[k]);
        for (size_t len = 0; len <= 100; len++) {
            test_rand_bytes(key, sizeof(key));
            test_rand_bytes(iv, sizeof(iv));
            test_rand_bytes(pt, len);
            int clen = cbc_crypt(c, 1, 1, key, iv, pt, len, 0, ct);
            CHECK(clen == (int)((len / 16 + 1) * 16));
            if (clen < 0)
                continue;
            /* The last block's plaintext is the padding: 16 - len % 16 of that value. */
            uint8_t last[16];
            int dl = cbc_crypt(c, 0, 0, key, iv, ct, (size_t)clen, 0, back);
            CHECK(dl == clen);
            memset(last, (int)(16 - len % 16), sizeof(last));
            CHECK_MEM(back + len, last, (size_t)clen - len, "PKCS#7 padding bytes");
            for (size_t j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++) {
                memset(ct2, 0xee, sizeof(ct2));
                CHECK(cbc_crypt(c, 1, 1, key, iv, pt, len, chunks[j], ct2) == clen);
                CHECK_MEM(ct2, ct, (size_t)clen, "chunked encrypt");
                memset(back, 0xee, sizeof(back));
                CHECK(cbc_crypt(c, 0, 1, key, iv, ct, (size_t)clen, chunks[j], back) == (int)len);
                CHECK_MEM(back, pt, len, "chunked decrypt");
            }
        }
    }
    printf("round trips, 3 key sizes x lengths 0..100 x 8 chunkings: %s\n",
           test_failed == fails_before ? "ok" : "FAILED");
}

/*
 * Longer messages, so that bulk paths that take several blocks at a time
 * (eight, with AES-NI) run, with their tails, and in place.
 */
static void test_long_messages(void)
{
    static const size_t lens[] = {127, 128, 129, 255, 256, 300, 1024, 2047};
    static const size_t chunks[] = {0, 16, 100, 129};
    enum { BIG = 2048 + 16 };
    uint8_t key[32], iv[16];
    uint8_t *pt = malloc(BIG), *ct = malloc(BIG), *ct2 = malloc(BIG), *back = malloc(BIG);
    CHECK(pt != NULL && ct != NULL && ct2 != NULL && back != NULL);
    if (pt == NULL || ct == NULL || ct2 == NULL || back == NULL)
        goto out;
    for (size_t k = 16; k <= 32; k += 8) {
        const EVP_CIPHER *c = cipher_for(k);
        for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
            size_t len = lens[i];
            test_rand_bytes(key, sizeof(key));
            test_rand_bytes(iv, sizeof(iv));
            test_rand_bytes(pt, len);
            int clen = cbc_crypt(c, 1, 1, key, iv, pt, len, 0, ct);
            CHECK(clen == (int)((len / 16 + 1) * 16));
            if (clen < 0)
                continue;
            for (size_t j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++) {
                CHECK(cbc_crypt(c, 1, 1, key, iv, pt, len, chunks[j], ct2) == clen);
                CHECK_MEM(ct2, ct, (size_t)clen, "long chunked encrypt");
                CHECK(cbc_crypt(c, 0, 1, key, iv, ct, (size_t)clen, chunks[j], back) == (int)len);
                CHECK_MEM(back, pt, len, "long chunked decrypt");
            }
            memcpy(back, ct, (size_t)clen);
            CHECK(cbc_crypt(c, 0, 1, key, iv, back, (size_t)clen, 0, back) == (int)len);
            CHECK_MEM(back, pt, len, "long in-place decrypt");
            memcpy(back, pt, len);
            CHECK(cbc_crypt(c, 1, 1, key, iv, back, len, 0, back) == clen);
            CHECK_MEM(back, ct, (size_t)clen, "long in-place encrypt");
        }
    }
out:
    free(pt);
    free(ct);
    free(ct2);
    free(back);
}

/* Update's output amounts: partial blocks kept, the last block held back on decrypt. */
static void test_buffering(void)
{
    uint8_t key[16] = {1}, iv[16] = {2}, in[64] = {0}, out[MAXLEN];
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = -1;
    CHECK(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, in, 15) == 1 && n == 0);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, in, 1) == 1 && n == 16);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, in, 0) == 1 && n == 0);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, in, 40) == 1 && n == 32);
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 1 && n == 16);

    CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 16) == 1 && n == 0);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 16) == 1 && n == 16);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 5) == 1 && n == 16);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 11) == 1 && n == 0);

    /* Without padding nothing is held back. */
    CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 32) == 1 && n == 32);
    CHECK(EVP_DecryptFinal_ex(ctx, out, &n) == 1 && n == 0);
    EVP_CIPHER_CTX_free(ctx);
}

/* ---- padding errors --------------------------------------------------------- */

/*
 * Decrypts, with padding on, the CBC encryption of the given final plaintext
 * block (after one random block). Returns Final's result and stores the
 * reason of any error and the number of bytes Final gave.
 */
static int decrypt_last_block(const uint8_t last[16], int *reason, int *final_len)
{
    uint8_t key[32], iv[16], pt[32], ct[32], out[48];
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(iv, sizeof(iv));
    test_rand_bytes(pt, 16);
    memcpy(pt + 16, last, 16);
    if (cbc_crypt(EVP_aes_256_cbc(), 1, 0, key, iv, pt, 32, 0, ct) != 32)
        return -1;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0, fin = -1, r = -1;
    ERR_clear_error();
    if (EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), NULL, key, iv) == 1 &&
        EVP_DecryptUpdate(ctx, out, &n, ct, 32) == 1 && n == 16) {
        r = EVP_DecryptFinal_ex(ctx, out + 16, &fin);
        if (r == 1 && memcmp(out, pt, 16 + (size_t)fin) != 0)
            r = -1;
    }
    *reason = pop_reason();
    *final_len = fin;
    EVP_CIPHER_CTX_free(ctx);
    return r;
}

static void test_padding_errors(void)
{
    uint8_t last[16];
    int reason, fin;
    /* Every valid padding length is accepted and removed. */
    for (int p = 1; p <= 16; p++) {
        test_rand_bytes(last, 16);
        memset(last + 16 - p, p, (size_t)p);
        CHECK(decrypt_last_block(last, &reason, &fin) == 1);
        CHECK(fin == 16 - p && reason == 0);
        /* Any one padding byte other than the last one wrong: bad decrypt. */
        for (int i = 16 - p; i < 15; i++) {
            uint8_t bad[16];
            memcpy(bad, last, 16);
            bad[i] ^= (uint8_t)(1 + test_rand_below(255));
            CHECK(decrypt_last_block(bad, &reason, &fin) == 0);
            CHECK(reason == EVP_R_BAD_DECRYPT && reason == PROV_R_BAD_DECRYPT_REASON);
            CHECK(fin == 0);
        }
    }
    /* A last byte of 0 or above 16. */
    static const uint8_t bad_last[] = {0, 17, 32, 0x80, 0xff};
    for (size_t i = 0; i < sizeof(bad_last); i++) {
        memset(last, bad_last[i], 16);
        CHECK(decrypt_last_block(last, &reason, &fin) == 0);
        CHECK(reason == EVP_R_BAD_DECRYPT && fin == 0);
    }
    /* Inconsistent: the last byte says 3, the byte before it says otherwise. */
    memset(last, 0x41, 16);
    last[15] = 3;
    last[14] = 3;
    last[13] = 4;
    CHECK(decrypt_last_block(last, &reason, &fin) == 0);
    CHECK(reason == EVP_R_BAD_DECRYPT);
}

/* Lengths that are not a whole number of blocks where one is required. */
static void test_wrong_lengths(void)
{
    uint8_t key[16] = {7}, iv[16] = {9}, in[48] = {0}, out[MAXLEN];
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int n = 0;
    ERR_clear_error();
    /* Encrypt, padding off, 5 bytes: Final fails. */
    CHECK(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, in, 21) == 1 && n == 16);
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 0 && n == 0);
    CHECK(pop_reason() == PROV_R_WRONG_FINAL_BLOCK_LENGTH_REASON);
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    /* Decrypt, padding off, 20 bytes. */
    CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 20) == 1 && n == 16);
    CHECK(EVP_DecryptFinal_ex(ctx, out, &n) == 0 && n == 0);
    CHECK(pop_reason() == PROV_R_WRONG_FINAL_BLOCK_LENGTH_REASON);
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    /* Decrypt, padding on: 20 bytes, and nothing at all. */
    CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, in, 20) == 1 && n == 16);
    CHECK(EVP_DecryptFinal_ex(ctx, out, &n) == 0 && n == 0);
    CHECK(pop_reason() == PROV_R_WRONG_FINAL_BLOCK_LENGTH_REASON);
    CHECK(EVP_DecryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_DecryptFinal_ex(ctx, out, &n) == 0 && n == 0);
    CHECK(pop_reason() == PROV_R_WRONG_FINAL_BLOCK_LENGTH_REASON);
    /* An empty message, padding off: nothing to do, Final succeeds. */
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv) == 1);
    CHECK(EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 1 && n == 0);
    EVP_CIPHER_CTX_free(ctx);
}

/* ---- in place ------------------------------------------------------------------ */

static void test_in_place(void)
{
    uint8_t key[24], iv[16], pt[100], ref[MAXLEN], buf[MAXLEN];
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(iv, sizeof(iv));
    test_rand_bytes(pt, sizeof(pt));
    const EVP_CIPHER *c = EVP_aes_192_cbc();
    int clen = cbc_crypt(c, 1, 1, key, iv, pt, sizeof(pt), 0, ref);
    CHECK(clen == 112);
    /* One Update over the whole buffer, out == in, both directions. */
    memcpy(buf, pt, sizeof(pt));
    CHECK(cbc_crypt(c, 1, 1, key, iv, buf, sizeof(pt), 0, buf) == 112);
    CHECK_MEM(buf, ref, 112, "in-place encrypt");
    CHECK(cbc_crypt(c, 0, 1, key, iv, buf, 112, 0, buf) == 100);
    CHECK_MEM(buf, pt, 100, "in-place decrypt");
    /* Streaming in one buffer: each chunk's output written where it was read
     * from (out trails in by the buffered bytes), as OpenSSL allows. */
    static const size_t chunks[] = {1, 7, 16, 17, 40};
    for (size_t j = 0; j < sizeof(chunks) / sizeof(chunks[0]); j++) {
        for (int enc = 1; enc >= 0; enc--) {
            size_t len = enc ? sizeof(pt) : 112;
            EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
            int total = 0, n = 0, ok = 1;
            memcpy(buf, enc ? pt : ref, len);
            ok &= EVP_CipherInit_ex(ctx, c, NULL, key, iv, enc) == 1;
            for (size_t off = 0; off < len && ok; off += chunks[j]) {
                size_t step = len - off < chunks[j] ? len - off : chunks[j];
                ok &= EVP_CipherUpdate(ctx, buf + total, &n, buf + off, (int)step) == 1;
                total += n;
            }
            ok &= EVP_CipherFinal_ex(ctx, buf + total, &n) == 1;
            total += n;
            CHECK(ok && total == (enc ? 112 : 100));
            CHECK_MEM(buf, enc ? ref : pt, enc ? 112 : 100, "streaming in place");
            EVP_CIPHER_CTX_free(ctx);
        }
    }
}

/* ---- re-initialisation and copies -------------------------------------------------- */

static void test_reinit_and_copy(void)
{
    uint8_t key[16], iv1[16], iv2[16], zero_iv[16] = {0}, pt[48], ref[MAXLEN], out[MAXLEN];
    int n = 0, m = 0;
    test_rand_bytes(key, sizeof(key));
    test_rand_bytes(iv1, sizeof(iv1));
    test_rand_bytes(iv2, sizeof(iv2));
    test_rand_bytes(pt, sizeof(pt));
    const EVP_CIPHER *c = EVP_aes_128_cbc();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

    /* A new IV alone keeps the key. */
    CHECK(cbc_crypt(c, 1, 1, key, iv2, pt, 48, 0, ref) == 64);
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, pt, 20) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv2) == 1);
    CHECK(run_chunks(ctx, 1, pt, 48, 0, out) == 64);
    CHECK_MEM(out, ref, 64, "IV-only re-init");
    /* Init with neither restarts the message from the same IV. */
    CHECK(EVP_EncryptUpdate(ctx, out, &n, pt, 33) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, NULL) == 1);
    CHECK(run_chunks(ctx, 1, pt, 48, 5, out) == 64);
    CHECK_MEM(out, ref, 64, "re-init restarts from the IV");
    /* A key and no IV at all: the IV is all zeros. */
    CHECK(cbc_crypt(c, 1, 1, key, zero_iv, pt, 48, 0, ref) == 64);
    CHECK(cbc_crypt(c, 1, 1, key, NULL, pt, 48, 0, out) == 64);
    CHECK_MEM(out, ref, 64, "no IV = zero IV");
    /* Key and IV in separate calls, the IV first. */
    CHECK(cbc_crypt(c, 1, 1, key, iv1, pt, 48, 0, ref) == 64);
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, NULL, iv1) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, NULL, NULL, key, NULL) == 1);
    CHECK(run_chunks(ctx, 1, pt, 48, 0, out) == 64);
    CHECK_MEM(out, ref, 64, "IV then key");
    /* No key: Update fails. */
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, NULL, iv1) == 1);
    ERR_clear_error();
    CHECK(EVP_EncryptUpdate(ctx, out, &n, pt, 16) == 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();

    /* A copy made mid-message (with a partial block buffered) goes on alone. */
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_DecryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_DecryptUpdate(ctx, out, &n, ref, 21) == 1 && n == 16);
    EVP_CIPHER_CTX *dup = EVP_CIPHER_CTX_new();
    CHECK(EVP_CIPHER_CTX_copy(dup, ctx) == 1);
    uint8_t out2[MAXLEN];
    memcpy(out2, out, 16);
    CHECK(EVP_DecryptUpdate(ctx, out + 16, &m, ref + 21, 43) == 1 && m == 32);
    CHECK(EVP_DecryptFinal_ex(ctx, out + 16 + m, &n) == 1 && n == 0);
    EVP_CIPHER_CTX_free(ctx);
    CHECK(EVP_DecryptUpdate(dup, out2 + 16, &m, ref + 21, 43) == 1 && m == 32);
    CHECK(EVP_DecryptFinal_ex(dup, out2 + 16 + m, &n) == 1 && n == 0);
    CHECK_MEM(out, pt, 48, "decrypt before copy");
    CHECK_MEM(out2, pt, 48, "decrypt in the copy");
    EVP_CIPHER_CTX_free(dup);

    /* Padding off outlives a new Init, as in OpenSSL, until reset. */
    ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_CIPHER_CTX_set_padding(ctx, 0) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, pt, 32) == 1 && n == 32);
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 1 && n == 0);
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, pt, 32) == 1 && n == 32);
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 1 && n == 16);
    /* The wrong direction's calls are refused. */
    ERR_clear_error();
    CHECK(EVP_DecryptUpdate(ctx, out, &n, pt, 16) == 0);
    CHECK(pop_reason() == EVP_R_INVALID_OPERATION);
    CHECK(EVP_DecryptFinal_ex(ctx, out, &n) == 0);
    CHECK(pop_reason() == EVP_R_INVALID_OPERATION);
    EVP_CIPHER_CTX_free(ctx);
}

/* ---- names and parameters -------------------------------------------------------- */

static void test_names_and_sizes(void)
{
    static const struct {
        const EVP_CIPHER *(*get)(void);
        int nid, key_len;
        const char *name, *lower, *alias;
    } t[] = {
        {EVP_aes_128_cbc, NID_aes_128_cbc, 16, "AES-128-CBC", "aes-128-cbc", "AES128"},
        {EVP_aes_192_cbc, NID_aes_192_cbc, 24, "AES-192-CBC", "aes-192-cbc", "aes192"},
        {EVP_aes_256_cbc, NID_aes_256_cbc, 32, "AES-256-CBC", "aes-256-cbc", "AES256"},
    };
    CHECK(NID_aes_128_cbc == 419 && NID_aes_192_cbc == 423 && NID_aes_256_cbc == 427);
    for (size_t i = 0; i < 3; i++) {
        const EVP_CIPHER *c = t[i].get();
        CHECK(c != NULL);
        CHECK(EVP_CIPHER_get_nid(c) == t[i].nid);
        CHECK(EVP_CIPHER_get_block_size(c) == 16);
        CHECK(EVP_CIPHER_get_iv_length(c) == 16);
        CHECK(EVP_CIPHER_get_key_length(c) == t[i].key_len);
        CHECK(EVP_CIPHER_get_mode(c) == EVP_CIPH_CBC_MODE);
        CHECK(strcmp(EVP_CIPHER_get0_name(c), t[i].name) == 0);
        CHECK(EVP_get_cipherbyname(t[i].name) == c);
        CHECK(EVP_get_cipherbyname(t[i].lower) == c);
        CHECK(EVP_get_cipherbyname(t[i].alias) == c);
        EVP_CIPHER *f = EVP_CIPHER_fetch(NULL, t[i].name, NULL);
        CHECK(f != NULL && EVP_CIPHER_get_nid(f) == t[i].nid);
        EVP_CIPHER_free(f);

        uint8_t key[32] = {0}, iv[16] = {0};
        EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
        CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv) == 1);
        CHECK(EVP_CIPHER_CTX_get_block_size(ctx) == 16);
        CHECK(EVP_CIPHER_CTX_get_iv_length(ctx) == 16);
        CHECK(EVP_CIPHER_CTX_get_key_length(ctx) == t[i].key_len);
        CHECK(EVP_CIPHER_CTX_get_nid(ctx) == t[i].nid);
        /* OpenSSL hands back the provider's cipher object here, not c. */
        CHECK(EVP_CIPHER_get_nid(EVP_CIPHER_CTX_get0_cipher(ctx)) == t[i].nid);
        CHECK(EVP_CIPHER_CTX_is_encrypting(ctx) == 1);
        CHECK(EVP_CIPHER_CTX_set_key_length(ctx, t[i].key_len) == 1);
        ERR_clear_error();
        CHECK(EVP_CIPHER_CTX_set_key_length(ctx, t[i].key_len + 8) == 0);
        CHECK(pop_reason() == EVP_R_INVALID_KEY_LENGTH);
        EVP_CIPHER_CTX_free(ctx);
    }
}

int main(void)
{
    test_rand_seed(0xc0ffee1234ULL);
    test_sp800_38a();
    test_round_trips();
    test_long_messages();
    test_buffering();
    test_padding_errors();
    test_wrong_lengths();
    test_in_place();
    test_reinit_and_copy();
    test_names_and_sizes();
    return test_summary();
}
