/*
 * mintls demo, part one: a known-answer self-test of the symmetric crypto
 * through the OpenSSL API (it builds against OpenSSL too). The TLS work
 * turns the demo into a loopback s_server / s_client session.
 */
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>

static int failures;

static void report(const char *name, int ok)
{
    printf("  %-28s %s\n", name, ok ? "ok" : "FAILED");
    if (!ok) {
        failures++;
        ERR_print_errors_fp(stderr);
    }
}

static int hex_eq(const unsigned char *b, size_t len, const char *hex)
{
    char buf[2 * 128 + 1];
    if (len * 2 >= sizeof(buf))
        return 0;
    for (size_t i = 0; i < len; i++)
        snprintf(buf + 2 * i, 3, "%02x", b[i]);
    return strcmp(buf, hex) == 0;
}

static int digest_kat(const EVP_MD *md, const char *msg, const char *want)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    return EVP_Digest(msg, strlen(msg), out, &len, md, NULL) && hex_eq(out, len, want);
}

/* Seals pt, checks ct || tag, then opens it again and checks a bad tag fails. */
static int aead_kat(const EVP_CIPHER *c, const unsigned char *key, const unsigned char *iv,
                    const unsigned char *aad, int aad_len, const unsigned char *pt, int len,
                    const char *want_ct, const char *want_tag)
{
    unsigned char ct[128], tag[16], back[128];
    int n = 0, ok = 1;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    ok &= ctx != NULL && EVP_EncryptInit_ex(ctx, c, NULL, key, iv);
    ok &= aad_len == 0 || EVP_EncryptUpdate(ctx, NULL, &n, aad, aad_len);
    ok &= EVP_EncryptUpdate(ctx, ct, &n, pt, len) && EVP_EncryptFinal_ex(ctx, ct + n, &n);
    ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag);
    ok &= hex_eq(ct, (size_t)len, want_ct) && hex_eq(tag, 16, want_tag);
    ok &= EVP_DecryptInit_ex(ctx, c, NULL, key, iv);
    ok &= aad_len == 0 || EVP_DecryptUpdate(ctx, NULL, &n, aad, aad_len);
    ok &= EVP_DecryptUpdate(ctx, back, &n, ct, len);
    ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag);
    ok &= EVP_DecryptFinal_ex(ctx, back + n, &n) == 1 && memcmp(back, pt, (size_t)len) == 0;
    tag[0] ^= 1;
    ok &= EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, iv);
    ok &= EVP_DecryptUpdate(ctx, back, &n, ct, len);
    ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag);
    ok &= EVP_DecryptFinal_ex(ctx, back + n, &n) == 0;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

int main(void)
{
    printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
    printf("self-test of the symmetric crypto:\n");
    report("SHA-256", digest_kat(EVP_sha256(), "abc",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    report("SHA-384", digest_kat(EVP_sha384(), "abc",
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
        "8086072ba1e7cc2358baeca134c825a7"));
    report("SHA-1", digest_kat(EVP_sha1(), "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"));
    report("MD5", digest_kat(EVP_md5(), "abc", "900150983cd24fb0d6963f7d28e17f72"));

    /* RFC 4231 test case 2. */
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    const char *data = "what do ya want for nothing?";
    int ok = HMAC(EVP_sha256(), "Jefe", 4, (const unsigned char *)data, strlen(data), mac,
                  &mac_len) != NULL;
    report("HMAC-SHA-256", ok && hex_eq(mac, mac_len,
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));

    /* GCM specification test case 2: zero key, zero IV, one zero block. */
    static const unsigned char zero[32];
    report("AES-128-GCM", aead_kat(EVP_aes_128_gcm(), zero, zero, NULL, 0, zero, 16,
        "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf"));

    /* RFC 8439 section 2.8.2. */
    static const char *sunscreen = "Ladies and Gentlemen of the class of '99: If I could "
                                   "offer you only one tip for the future, sunscreen would be it.";
    unsigned char key[32], iv[12] = {7, 0, 0, 0, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47};
    unsigned char aad[12] = {0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7};
    for (int i = 0; i < 32; i++)
        key[i] = (unsigned char)(0x80 + i);
    report("ChaCha20-Poly1305", aead_kat(EVP_chacha20_poly1305(), key, iv, aad, 12,
        (const unsigned char *)sunscreen, (int)strlen(sunscreen),
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fa"
        "fb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4"
        "fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
        "1ae10b594f09e26a7e902ecbd0600691"));

    unsigned char r1[32], r2[32];
    report("RAND_bytes", RAND_status() == 1 && RAND_bytes(r1, 32) == 1 &&
                             RAND_bytes(r2, 32) == 1 && memcmp(r1, r2, 32) != 0);
    printf(failures ? "self-test FAILED\n" : "self-test passed\n");
    return failures ? 1 : 0;
}
