/*
 * AES-GCM and ChaCha20-Poly1305 through the EVP AEAD interface: every
 * Wycheproof case (both directions) and a few published known answers.
 * Written against the OpenSSL API only; built against mintls and OpenSSL.
 */
#include <openssl/evp.h>
#include <openssl/err.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "wycheproof.h"

/* OpenSSL's GCM keeps at most 128 bytes of IV; longer valid cases are skipped. */
#define GCM_MAX_IVLEN 128
#define AEAD_TAGLEN 16

enum { AEAD_OK = 1, AEAD_FAIL = 0, AEAD_IV_REFUSED = -1 };

/*
 * Seals msg under key/iv: cipher, SET_IVLEN, key+iv, AAD (out = NULL), data,
 * Final, GET_TAG. out_ct must hold msg_len bytes (at least one).
 */
static int aead_seal(const EVP_CIPHER *cipher, const uint8_t *key, const uint8_t *iv,
                     size_t iv_len, const uint8_t *aad, size_t aad_len, const uint8_t *msg,
                     size_t msg_len, uint8_t *out_ct, uint8_t *out_tag, size_t tag_len)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int ret = AEAD_FAIL, n = 0, fin = 0;
    if (ctx == NULL)
        return AEAD_FAIL;
    if (EVP_EncryptInit_ex(ctx, cipher, NULL, NULL, NULL) != 1)
        goto out;
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)iv_len, NULL) != 1) {
        ret = AEAD_IV_REFUSED;
        goto out;
    }
    if (EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv) != 1)
        goto out;
    if (aad_len > 0 && EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1)
        goto out;
    if (EVP_EncryptUpdate(ctx, out_ct, &n, msg, (int)msg_len) != 1 || (size_t)n != msg_len)
        goto out;
    if (EVP_EncryptFinal_ex(ctx, out_ct + n, &fin) != 1 || fin != 0)
        goto out;
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, (int)tag_len, out_tag) != 1)
        goto out;
    ret = AEAD_OK;
out:
    EVP_CIPHER_CTX_free(ctx);
    return ret;
}

/* Opens ct with tag; AEAD_OK only when Final authenticates. */
static int aead_open(const EVP_CIPHER *cipher, const uint8_t *key, const uint8_t *iv,
                     size_t iv_len, const uint8_t *aad, size_t aad_len, const uint8_t *ct,
                     size_t ct_len, const uint8_t *tag, size_t tag_len, uint8_t *out_pt)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int ret = AEAD_FAIL, n = 0, fin = 0;
    uint8_t tagbuf[AEAD_TAGLEN + 1];
    if (ctx == NULL)
        return AEAD_FAIL;
    if (EVP_DecryptInit_ex(ctx, cipher, NULL, NULL, NULL) != 1)
        goto out;
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)iv_len, NULL) != 1) {
        ret = AEAD_IV_REFUSED;
        goto out;
    }
    if (EVP_DecryptInit_ex(ctx, NULL, NULL, key, iv) != 1)
        goto out;
    /* SET_TAG takes a non-const pointer; hand it a copy. */
    if (tag_len == 0 || tag_len > AEAD_TAGLEN)
        goto out;
    memcpy(tagbuf, tag, tag_len);
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, (int)tag_len, tagbuf) != 1)
        goto out;
    if (aad_len > 0 && EVP_DecryptUpdate(ctx, NULL, &n, aad, (int)aad_len) != 1)
        goto out;
    if (EVP_DecryptUpdate(ctx, out_pt, &n, ct, (int)ct_len) != 1 || (size_t)n != ct_len)
        goto out;
    if (EVP_DecryptFinal_ex(ctx, out_pt + n, &fin) != 1 || fin != 0)
        goto out;
    ret = AEAD_OK;
out:
    EVP_CIPHER_CTX_free(ctx);
    ERR_clear_error();
    return ret;
}

typedef struct {
    int is_gcm;
    unsigned long iv_refused_skips;
} wp_ctx;

static int aead_case(const json *group, const json *test, void *arg)
{
    wp_ctx *wc = arg;
    const EVP_CIPHER *cipher;
    int key_bits = (int)json_num(json_get(group, "keySize"));
    if (wc->is_gcm) {
        if (key_bits == 128)
            cipher = EVP_aes_128_gcm();
        else if (key_bits == 256)
            cipher = EVP_aes_256_gcm();
        else
            return WP_SKIP; /* AES-192 is not offered */
    } else {
        cipher = EVP_chacha20_poly1305();
    }

    size_t key_len, iv_len, aad_len, msg_len, ct_len, tag_len;
    uint8_t *key = json_get_hex(test, "key", &key_len);
    uint8_t *iv = json_get_hex(test, "iv", &iv_len);
    uint8_t *aad = json_get_hex(test, "aad", &aad_len);
    uint8_t *msg = json_get_hex(test, "msg", &msg_len);
    uint8_t *ct = json_get_hex(test, "ct", &ct_len);
    uint8_t *tag = json_get_hex(test, "tag", &tag_len);
    const char *result = json_get_str(test, "result");
    int valid = strcmp(result, "valid") == 0;
    int outcome = WP_FAIL;
    uint8_t *out = malloc(msg_len + ct_len + 1);
    uint8_t mytag[AEAD_TAGLEN];

    if (!key || !iv || !aad || !msg || !ct || !tag || !out)
        goto done;
    if ((size_t)EVP_CIPHER_get_key_length(cipher) != key_len)
        goto done;

    int seal = AEAD_FAIL;
    int sealed_match = 0;
    if (tag_len <= AEAD_TAGLEN) {
        seal = aead_seal(cipher, key, iv, iv_len, aad, aad_len, msg, msg_len, out, mytag,
                         tag_len == 0 ? AEAD_TAGLEN : tag_len);
        sealed_match = seal == AEAD_OK && msg_len == ct_len && tag_len > 0 &&
                       memcmp(out, ct, ct_len) == 0 && memcmp(mytag, tag, tag_len) == 0;
    }
    int open = aead_open(cipher, key, iv, iv_len, aad, aad_len, ct, ct_len, tag, tag_len, out);

    if (valid) {
        if (seal == AEAD_IV_REFUSED && open == AEAD_IV_REFUSED && wc->is_gcm &&
            iv_len > GCM_MAX_IVLEN) {
            wc->iv_refused_skips++;
            outcome = WP_SKIP;
        } else if (sealed_match && open == AEAD_OK && memcmp(out, msg, msg_len) == 0) {
            outcome = WP_PASS;
        }
    } else {
        /* Invalid: must not open, and sealing msg must not reproduce ct||tag. */
        if (open != AEAD_OK && !sealed_match)
            outcome = WP_PASS;
    }
done:
    free(key);
    free(iv);
    free(aad);
    free(msg);
    free(ct);
    free(tag);
    free(out);
    return outcome;
}

typedef struct {
    const char *name;
    const EVP_CIPHER *(*cipher)(void);
    const char *key, *iv, *aad, *pt, *ct, *tag;
} kat;

/* GCM spec (McGrew & Viega) test cases 2, 3, 4 and RFC 8439 section 2.8.2. */
static const kat kats[] = {
    {"GCM spec case 2", EVP_aes_128_gcm, "00000000000000000000000000000000",
     "000000000000000000000000", "", "00000000000000000000000000000000",
     "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"},
    {"GCM spec case 3", EVP_aes_128_gcm, "feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"GCM spec case 4", EVP_aes_128_gcm, "feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"RFC 8439 2.8.2", EVP_chacha20_poly1305,
     "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
     "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
     /* "Ladies and Gentlemen of the class of '99: If I could offer you only
      * one tip for the future, sunscreen would be it." */
     "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
     "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
     "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
     "637265656e20776f756c642062652069742e",
     "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
     "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
     "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
     "3ff4def08e4b7a9de576d26586cec64b6116",
     "1ae10b594f09e26a7e902ecbd0600691"},
};

static void run_kat(const kat *k)
{
    size_t key_len, iv_len, aad_len, pt_len, ct_len, tag_len;
    uint8_t *key = test_unhex_alloc(k->key, &key_len);
    uint8_t *iv = test_unhex_alloc(k->iv, &iv_len);
    uint8_t *aad = test_unhex_alloc(k->aad, &aad_len);
    uint8_t *pt = test_unhex_alloc(k->pt, &pt_len);
    uint8_t *ct = test_unhex_alloc(k->ct, &ct_len);
    uint8_t *tag = test_unhex_alloc(k->tag, &tag_len);
    uint8_t out[256], mytag[AEAD_TAGLEN];
    const EVP_CIPHER *cipher = k->cipher();

    printf("  %s\n", k->name);
    if (!CHECK(key && iv && aad && pt && ct && tag && pt_len <= sizeof(out) &&
               pt_len == ct_len && tag_len == AEAD_TAGLEN))
        goto done;
    CHECK(aead_seal(cipher, key, iv, iv_len, aad, aad_len, pt, pt_len, out, mytag,
                    tag_len) == AEAD_OK);
    CHECK_MEM(out, ct, ct_len, k->name);
    CHECK_MEM(mytag, tag, tag_len, k->name);
    memset(out, 0, sizeof(out));
    CHECK(aead_open(cipher, key, iv, iv_len, aad, aad_len, ct, ct_len, tag, tag_len, out) ==
          AEAD_OK);
    CHECK_MEM(out, pt, pt_len, k->name);
    /* The last tag byte flipped must be refused. */
    tag[tag_len - 1] ^= 0x80;
    CHECK(aead_open(cipher, key, iv, iv_len, aad, aad_len, ct, ct_len, tag, tag_len, out) ==
          AEAD_FAIL);
done:
    free(key);
    free(iv);
    free(aad);
    free(pt);
    free(ct);
    free(tag);
}

int main(void)
{
    wp_ctx gcm = {1, 0}, chacha = {0, 0};
    wycheproof_run("aes_gcm_test.json", "(EVP aes-128/256-gcm)", aead_case, &gcm);
    if (gcm.iv_refused_skips)
        printf("  (%lu valid GCM cases skipped: IV longer than %d bytes)\n",
               gcm.iv_refused_skips, GCM_MAX_IVLEN);
    wycheproof_run("chacha20_poly1305_test.json", "(EVP chacha20-poly1305)", aead_case,
                   &chacha);
    printf("known answers:\n");
    for (size_t i = 0; i < sizeof(kats) / sizeof(kats[0]); i++)
        run_kat(&kats[i]);
    return test_summary();
}
