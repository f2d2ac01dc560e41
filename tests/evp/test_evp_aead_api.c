/*
 * Behaviour of the EVP AEAD interface beyond known answers: parameters,
 * lookups, re-initialisation, streaming, in-place, tag handling and misuse.
 * Every expectation here was first checked against OpenSSL 3.0; where the
 * ciphers differ in OpenSSL (GCM vs ChaCha20-Poly1305) the test says so.
 * Written against the OpenSSL API only; built against mintls and OpenSSL.
 */
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include <stdio.h>
#include <string.h>

#include "test.h"

#define TAGLEN 16
#define MSGLEN 1000
#define AADLEN 61

typedef struct {
    const char *name;
    const EVP_CIPHER *(*cipher)(void);
    int nid, key_len, is_gcm;
} aead_info;

static const aead_info aeads[] = {
    {"aes-128-gcm", EVP_aes_128_gcm, NID_aes_128_gcm, 16, 1},
    {"aes-256-gcm", EVP_aes_256_gcm, NID_aes_256_gcm, 32, 1},
    {"chacha20-poly1305", EVP_chacha20_poly1305, NID_chacha20_poly1305, 32, 0},
};
#define N_AEADS (sizeof(aeads) / sizeof(aeads[0]))

static uint8_t key[32], iv1[12], iv2[12], aad[AADLEN], msg[MSGLEN];

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed + i * 7 + (i >> 5));
}

/* One-shot seal on an existing context that already holds cipher and key. */
static int seal_with(EVP_CIPHER_CTX *ctx, const uint8_t *iv, uint8_t *out, uint8_t *out_tag)
{
    int n = 0, fin = 0;
    return EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) == 1 &&
           EVP_EncryptUpdate(ctx, NULL, &n, aad, AADLEN) == 1 &&
           EVP_EncryptUpdate(ctx, out, &n, msg, MSGLEN) == 1 && n == MSGLEN &&
           EVP_EncryptFinal_ex(ctx, out + n, &fin) == 1 && fin == 0 &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, out_tag) == 1;
}

/* One-shot seal on a fresh context. */
static int seal(const EVP_CIPHER *c, const uint8_t *iv, uint8_t *out, uint8_t *out_tag)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int ok = ctx != NULL && EVP_EncryptInit_ex(ctx, c, NULL, key, NULL) == 1 &&
             seal_with(ctx, iv, out, out_tag);
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/*
 * Opens ct with a tag of tag_len bytes; returns DecryptFinal_ex's result, or
 * -1 if an earlier step failed.
 */
static int open_tag(const EVP_CIPHER *c, const uint8_t *iv, const uint8_t *the_aad,
                    const uint8_t *ct, const uint8_t *tag, int tag_len, uint8_t *out)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t t[TAGLEN];
    int n = 0, fin = 0, ret = -1;
    memcpy(t, tag, (size_t)tag_len);
    if (ctx != NULL && EVP_DecryptInit_ex(ctx, c, NULL, key, iv) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, tag_len, t) == 1 &&
        EVP_DecryptUpdate(ctx, NULL, &n, the_aad, AADLEN) == 1 &&
        EVP_DecryptUpdate(ctx, out, &n, ct, MSGLEN) == 1 && n == MSGLEN)
        ret = EVP_DecryptFinal_ex(ctx, out + n, &fin);
    EVP_CIPHER_CTX_free(ctx);
    return ret;
}

static void test_parameters(const aead_info *a)
{
    const EVP_CIPHER *c = a->cipher();
    CHECK(c != NULL);
    CHECK(EVP_CIPHER_get_key_length(c) == a->key_len);
    CHECK(EVP_CIPHER_get_iv_length(c) == 12);
    CHECK(EVP_CIPHER_get_block_size(c) == 1);
    CHECK(EVP_CIPHER_get_nid(c) == a->nid);
    CHECK((EVP_CIPHER_get_flags(c) & EVP_CIPH_FLAG_AEAD_CIPHER) != 0);
    if (a->is_gcm)
        CHECK(EVP_CIPHER_get_mode(c) == EVP_CIPH_GCM_MODE);

    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, NULL, NULL) == 1);
    CHECK(EVP_CIPHER_CTX_get_key_length(ctx) == a->key_len);
    CHECK(EVP_CIPHER_CTX_get_iv_length(ctx) == 12);
    CHECK(EVP_CIPHER_CTX_get_nid(ctx) == a->nid);
    CHECK(EVP_CIPHER_CTX_get_block_size(ctx) == 1);
    CHECK(EVP_CIPHER_CTX_is_encrypting(ctx) == 1);
    CHECK(EVP_DecryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_CIPHER_CTX_is_encrypting(ctx) == 0);
    EVP_CIPHER_CTX_free(ctx);
}

static void test_lookup(void)
{
    const EVP_CIPHER *c = EVP_get_cipherbyname("aes-128-gcm");
    CHECK(c != NULL && EVP_CIPHER_get_nid(c) == NID_aes_128_gcm);
    c = EVP_get_cipherbyname("AES-128-GCM");
    CHECK(c != NULL && EVP_CIPHER_get_nid(c) == NID_aes_128_gcm);
    c = EVP_get_cipherbyname("aes-256-gcm");
    CHECK(c != NULL && EVP_CIPHER_get_nid(c) == NID_aes_256_gcm);
    c = EVP_get_cipherbyname("chacha20-poly1305");
    CHECK(c != NULL && EVP_CIPHER_get_nid(c) == NID_chacha20_poly1305);
    CHECK(EVP_get_cipherbyname("no-such-cipher") == NULL);

    EVP_CIPHER *f = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
    CHECK(f != NULL);
    if (f != NULL) {
        CHECK(EVP_CIPHER_get_nid(f) == NID_aes_256_gcm);
        CHECK(EVP_CIPHER_get_key_length(f) == 32);
        /* A fetched cipher seals exactly like the built-in one. */
        uint8_t ct1[MSGLEN], ct2[MSGLEN], t1[TAGLEN], t2[TAGLEN];
        CHECK(seal(f, iv1, ct1, t1));
        CHECK(seal(EVP_aes_256_gcm(), iv1, ct2, t2));
        CHECK_MEM(ct1, ct2, MSGLEN, "fetched AES-256-GCM ciphertext");
        CHECK_MEM(t1, t2, TAGLEN, "fetched AES-256-GCM tag");
        EVP_CIPHER_free(f);
    }
    f = EVP_CIPHER_fetch(NULL, "CHACHA20-POLY1305", NULL);
    CHECK(f != NULL && EVP_CIPHER_get_nid(f) == NID_chacha20_poly1305);
    EVP_CIPHER_free(f);
    ERR_clear_error();
    CHECK(EVP_CIPHER_fetch(NULL, "NO-SUCH-CIPHER", NULL) == NULL);
    CHECK(ERR_get_error() != 0);
    ERR_clear_error();
}

/* EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) changes only the nonce. */
static void test_reinit_iv(const aead_info *a)
{
    const EVP_CIPHER *c = a->cipher();
    uint8_t ct1[MSGLEN], ct2[MSGLEN], ref[MSGLEN], t1[TAGLEN], t2[TAGLEN], tref[TAGLEN];
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(seal_with(ctx, iv1, ct1, t1));
    CHECK(seal_with(ctx, iv2, ct2, t2));
    CHECK(seal(c, iv2, ref, tref));
    CHECK_MEM(ct2, ref, MSGLEN, "ciphertext after IV-only re-init");
    CHECK_MEM(t2, tref, TAGLEN, "tag after IV-only re-init");
    CHECK(memcmp(ct1, ct2, MSGLEN) != 0);
    /* Back to the first nonce: the first record again. */
    CHECK(seal_with(ctx, iv1, ct2, t2));
    CHECK_MEM(ct2, ct1, MSGLEN, "ciphertext after returning to IV 1");
    CHECK_MEM(t2, t1, TAGLEN, "tag after returning to IV 1");

    /* The same for the decrypt direction. */
    uint8_t pt[MSGLEN];
    int n = 0, fin = 0;
    CHECK(EVP_DecryptInit_ex(ctx, c, NULL, key, iv2) == 1);
    for (int round = 0; round < 2; round++) {
        const uint8_t *iv = round == 0 ? iv1 : iv2;
        const uint8_t *ct = round == 0 ? ct1 : ref;
        uint8_t *tag = round == 0 ? t1 : tref;
        memset(pt, 0, sizeof(pt));
        CHECK(EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, iv) == 1);
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, tag) == 1);
        CHECK(EVP_DecryptUpdate(ctx, NULL, &n, aad, AADLEN) == 1);
        CHECK(EVP_DecryptUpdate(ctx, pt, &n, ct, MSGLEN) == 1 && n == MSGLEN);
        CHECK(EVP_DecryptFinal_ex(ctx, pt + n, &fin) == 1 && fin == 0);
        CHECK_MEM(pt, msg, MSGLEN, "plaintext after IV-only re-init");
    }
    EVP_CIPHER_CTX_free(ctx);
}

/* AAD and data fed in odd-sized pieces equal the one-shot result. */
static void test_streaming(const aead_info *a)
{
    static const int chunks[] = {1, 3, 7, 13, 16, 17, 31, 64, 5, 129, 2, 255};
    const EVP_CIPHER *c = a->cipher();
    uint8_t ref[MSGLEN], tref[TAGLEN], ct[MSGLEN], tag[TAGLEN], pt[MSGLEN];
    CHECK(seal(c, iv1, ref, tref));

    for (int dir = 0; dir < 2; dir++) {
        EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
        const uint8_t *in = dir == 0 ? msg : ref;
        uint8_t *out = dir == 0 ? ct : pt;
        int ok = EVP_CipherInit_ex(ctx, c, NULL, key, iv1, dir == 0) == 1;
        if (dir == 1)
            ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, tref) == 1;
        size_t off = 0, k = 0;
        while (off < AADLEN) {
            int len = chunks[k++ % (sizeof(chunks) / sizeof(chunks[0]))], n = -1;
            if (len > (int)(AADLEN - off))
                len = (int)(AADLEN - off);
            ok &= EVP_CipherUpdate(ctx, NULL, &n, aad + off, len) == 1;
            off += (size_t)len;
        }
        size_t produced = 0;
        off = 0;
        while (off < MSGLEN) {
            int len = chunks[k++ % (sizeof(chunks) / sizeof(chunks[0]))], n = -1;
            if (len > (int)(MSGLEN - off))
                len = (int)(MSGLEN - off);
            ok &= EVP_CipherUpdate(ctx, out + produced, &n, in + off, len) == 1;
            /* Stream ciphers: every byte comes out at once. */
            ok &= n == len;
            if (n > 0)
                produced += (size_t)n;
            off += (size_t)len;
        }
        int fin = -1;
        ok &= EVP_CipherFinal_ex(ctx, out + produced, &fin) == 1 && fin == 0;
        if (dir == 0)
            ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, tag) == 1;
        CHECK(ok);
        CHECK(produced == MSGLEN);
        if (dir == 0) {
            CHECK_MEM(ct, ref, MSGLEN, "streamed ciphertext");
            CHECK_MEM(tag, tref, TAGLEN, "streamed tag");
        } else {
            CHECK_MEM(pt, msg, MSGLEN, "streamed plaintext");
        }
        EVP_CIPHER_CTX_free(ctx);
    }
}

static void test_in_place(const aead_info *a)
{
    const EVP_CIPHER *c = a->cipher();
    uint8_t ref[MSGLEN], tref[TAGLEN], buf[MSGLEN], tag[TAGLEN];
    int n = 0, fin = 0;
    CHECK(seal(c, iv2, ref, tref));

    memcpy(buf, msg, MSGLEN);
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv2) == 1);
    CHECK(EVP_EncryptUpdate(ctx, NULL, &n, aad, AADLEN) == 1);
    CHECK(EVP_EncryptUpdate(ctx, buf, &n, buf, MSGLEN) == 1 && n == MSGLEN);
    CHECK(EVP_EncryptFinal_ex(ctx, buf + n, &fin) == 1 && fin == 0);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, tag) == 1);
    CHECK_MEM(buf, ref, MSGLEN, "in-place ciphertext");
    CHECK_MEM(tag, tref, TAGLEN, "in-place tag");

    CHECK(EVP_DecryptInit_ex(ctx, c, NULL, key, iv2) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, tag) == 1);
    CHECK(EVP_DecryptUpdate(ctx, NULL, &n, aad, AADLEN) == 1);
    CHECK(EVP_DecryptUpdate(ctx, buf, &n, buf, MSGLEN) == 1 && n == MSGLEN);
    CHECK(EVP_DecryptFinal_ex(ctx, buf + n, &fin) == 1 && fin == 0);
    CHECK_MEM(buf, msg, MSGLEN, "in-place plaintext");
    EVP_CIPHER_CTX_free(ctx);
}

static void test_tags(const aead_info *a)
{
    const EVP_CIPHER *c = a->cipher();
    uint8_t ct[MSGLEN], tag[TAGLEN], bad[TAGLEN], pt[MSGLEN], buf[MSGLEN];
    CHECK(seal(c, iv1, ct, tag));

    /* The right tag opens; a flipped tag, ciphertext or AAD byte does not. */
    CHECK(open_tag(c, iv1, aad, ct, tag, TAGLEN, pt) == 1);
    CHECK_MEM(pt, msg, MSGLEN, "plaintext");
    for (int i = 0; i < TAGLEN; i += 5) {
        memcpy(bad, tag, TAGLEN);
        bad[i] ^= 0x01;
        CHECK(open_tag(c, iv1, aad, ct, bad, TAGLEN, pt) == 0);
    }
    memcpy(buf, ct, MSGLEN);
    buf[MSGLEN / 2] ^= 0x40;
    CHECK(open_tag(c, iv1, aad, buf, tag, TAGLEN, pt) == 0);
    memcpy(buf, aad, AADLEN);
    buf[0] ^= 0x02;
    CHECK(open_tag(c, iv1, buf, ct, tag, TAGLEN, pt) == 0);
    CHECK(open_tag(c, iv2, aad, ct, tag, TAGLEN, pt) == 0);
    ERR_clear_error();

    /*
     * Truncated tags: OpenSSL accepts any SET_TAG length 1..16 on decrypt, for
     * GCM and ChaCha20-Poly1305 alike, and checks that many leading bytes.
     */
    static const int lens[] = {1, 4, 8, 12, 15};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        int l = lens[i];
        CHECK(open_tag(c, iv1, aad, ct, tag, l, pt) == 1);
        memcpy(bad, tag, TAGLEN);
        bad[l - 1] ^= 0x10;
        CHECK(open_tag(c, iv1, aad, ct, bad, l, pt) == 0);
        /* A byte past the truncated length is not looked at. */
        memcpy(bad, tag, TAGLEN);
        bad[l] ^= 0x10;
        CHECK(open_tag(c, iv1, aad, ct, bad, l, pt) == 1);
    }
    ERR_clear_error();

    /* SET_TAG with length 0 or 17 fails on a decrypting context. */
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t big[TAGLEN + 1] = {0};
    CHECK(EVP_DecryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 0, big) == 0);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN + 1, big) == 0);
    CHECK(ERR_get_error() != 0);
    ERR_clear_error();
    /* GET_TAG is refused while decrypting. */
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, big) == 0);
    ERR_clear_error();
    EVP_CIPHER_CTX_free(ctx);

    /* Encrypting context: SET_TAG refused; GET_TAG lengths. */
    uint8_t t[TAGLEN + 1];
    int n = 0, fin = 0;
    ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, key, iv1) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, t) == 0);
    ERR_clear_error();
    CHECK(EVP_EncryptUpdate(ctx, NULL, &n, aad, AADLEN) == 1);
    CHECK(EVP_EncryptUpdate(ctx, buf, &n, msg, MSGLEN) == 1);
    /*
     * GET_TAG before Final: OpenSSL's GCM refuses it with an error on the
     * queue; its ChaCha20-Poly1305 returns 1 (the tag is not yet meaningful,
     * so only the return value is checked).
     */
    ERR_clear_error();
    if (a->is_gcm) {
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, t) == 0);
        CHECK(ERR_get_error() != 0);
    } else {
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, t) == 1);
    }
    ERR_clear_error();
    CHECK(EVP_EncryptFinal_ex(ctx, buf + n, &fin) == 1 && fin == 0);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, t) == 1);
    CHECK_MEM(t, tag, TAGLEN, "tag from GET_TAG");
    memset(t, 0, sizeof(t));
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 8, t) == 1);
    CHECK_MEM(t, tag, 8, "8-byte tag from GET_TAG");
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 0, t) == 0);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN + 1, t) == 0);
    ERR_clear_error();
    EVP_CIPHER_CTX_free(ctx);
}

static void test_iv_lengths(const aead_info *a)
{
    const EVP_CIPHER *c = a->cipher();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, c, NULL, NULL, NULL) == 1);
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 0, NULL) == 0);
    CHECK(ERR_get_error() != 0);
    ERR_clear_error();
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, -1, NULL) == 0);
    ERR_clear_error();
    CHECK(EVP_CIPHER_CTX_get_iv_length(ctx) == 12);
    if (a->is_gcm) {
        /* GCM takes other IV lengths (OpenSSL: 1..128 bytes) and reports them. */
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 129, NULL) == 0);
        ERR_clear_error();
        static const int lens[] = {1, 8, 16, 60, 128};
        for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
            uint8_t iv[128], ct[64], pt[64], tag[TAGLEN];
            int n = 0, fin = 0;
            fill(iv, sizeof(iv), (uint8_t)lens[i]);
            CHECK(EVP_EncryptInit_ex(ctx, c, NULL, NULL, NULL) == 1);
            CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, lens[i], NULL) == 1);
            CHECK(EVP_CIPHER_CTX_get_iv_length(ctx) == lens[i]);
            CHECK(EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv) == 1);
            CHECK(EVP_EncryptUpdate(ctx, ct, &n, msg, 64) == 1);
            CHECK(EVP_EncryptFinal_ex(ctx, ct + n, &fin) == 1);
            CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, tag) == 1);
            CHECK(EVP_DecryptInit_ex(ctx, c, NULL, NULL, NULL) == 1);
            CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, lens[i], NULL) == 1);
            CHECK(EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv) == 1);
            CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, tag) == 1);
            CHECK(EVP_DecryptUpdate(ctx, pt, &n, ct, 64) == 1);
            CHECK(EVP_DecryptFinal_ex(ctx, pt + n, &fin) == 1);
            CHECK_MEM(pt, msg, 64, "GCM odd-IV round trip");
        }
    } else {
        /* OpenSSL 3.0's ChaCha20-Poly1305 takes only the 12-byte nonce. */
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 8, NULL) == 0);
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 16, NULL) == 0);
        CHECK(EVP_CIPHER_CTX_get_iv_length(ctx) == 12);
        CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 1);
        ERR_clear_error();
    }
    EVP_CIPHER_CTX_free(ctx);
}

/* OpenSSL's GCM refuses AAD once data has been processed. */
static void test_gcm_aad_after_data(const aead_info *a)
{
    uint8_t out[32];
    int n = 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(EVP_EncryptInit_ex(ctx, a->cipher(), NULL, key, iv1) == 1);
    CHECK(EVP_EncryptUpdate(ctx, NULL, &n, aad, 5) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, msg, 5) == 1);
    CHECK(EVP_EncryptUpdate(ctx, NULL, &n, aad, 5) == 0);
    CHECK(ERR_get_error() != 0);
    ERR_clear_error();
    EVP_CIPHER_CTX_free(ctx);
}

static void test_misuse(void)
{
    uint8_t out[64];
    int n = 0;
    unsigned long e;

    ERR_clear_error();
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    CHECK(ctx != NULL);
    /* No cipher set: Update, Final and a key-only Init fail with an EVP error. */
    CHECK(EVP_EncryptUpdate(ctx, out, &n, msg, 16) == 0);
    e = ERR_get_error();
    CHECK(e != 0 && ERR_GET_LIB(e) == ERR_LIB_EVP);
    ERR_clear_error();
    CHECK(EVP_EncryptFinal_ex(ctx, out, &n) == 0);
    e = ERR_get_error();
    CHECK(e != 0 && ERR_GET_LIB(e) == ERR_LIB_EVP);
    ERR_clear_error();
    CHECK(EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv1) == 0);
    e = ERR_get_error();
    CHECK(e != 0 && ERR_GET_LIB(e) == ERR_LIB_EVP);
    ERR_clear_error();
    CHECK(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) == 0);
    e = ERR_get_error();
    CHECK(e != 0 && ERR_GET_LIB(e) == ERR_LIB_EVP);
    ERR_clear_error();

    /* After a reset the context is empty again. */
    CHECK(EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), NULL, key, iv1) == 1);
    CHECK(EVP_CIPHER_CTX_reset(ctx) == 1);
    CHECK(EVP_EncryptUpdate(ctx, out, &n, msg, 16) == 0);
    e = ERR_get_error();
    CHECK(e != 0 && ERR_GET_LIB(e) == ERR_LIB_EVP);
    ERR_clear_error();
    /* ... and can take a different cipher. */
    uint8_t ref[MSGLEN], tref[TAGLEN], ct[MSGLEN], tag[TAGLEN];
    CHECK(EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), NULL, key, NULL) == 1);
    CHECK(seal_with(ctx, iv1, ct, tag));
    CHECK(seal(EVP_chacha20_poly1305(), iv1, ref, tref));
    CHECK_MEM(ct, ref, MSGLEN, "ciphertext after reset and new cipher");
    CHECK_MEM(tag, tref, TAGLEN, "tag after reset and new cipher");
    EVP_CIPHER_CTX_free(ctx);

    /*
     * EVP_EncryptInit_ex(NULL, ...) crashes OpenSSL 3.0, so it is not tested;
     * freeing NULL is documented to do nothing.
     */
    EVP_CIPHER_CTX_free(NULL);
    CHECK(1);
}

int main(void)
{
    fill(key, sizeof(key), 0x11);
    fill(iv1, sizeof(iv1), 0xa0);
    fill(iv2, sizeof(iv2), 0xb0);
    fill(aad, sizeof(aad), 0x33);
    fill(msg, sizeof(msg), 0x55);

    test_lookup();
    test_misuse();
    for (size_t i = 0; i < N_AEADS; i++) {
        const aead_info *a = &aeads[i];
        unsigned long before = test_failed;
        test_parameters(a);
        test_reinit_iv(a);
        test_streaming(a);
        test_in_place(a);
        test_tags(a);
        test_iv_lengths(a);
        if (a->is_gcm)
            test_gcm_aad_after_data(a);
        printf("%s: %s\n", a->name, test_failed == before ? "ok" : "FAILED");
    }
    CHECK(ERR_peek_error() == 0);
    return test_summary();
}
