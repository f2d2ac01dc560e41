/*
 * EVP_PKEY loading and the key queries, written against the OpenSSL API
 * only: the same source runs on the system OpenSSL (proving the expected
 * values) and on mintls. Fixtures: the PKCS#8 keys in tests/data/x509 and
 * tests/data/keys/ (made by tests/evp_pkey/make_keys.sh).
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

typedef struct {
    const char *path; /* under DATA_DIR */
    const char *pub;  /* matching public key file, or NULL */
    int id, bits, size, sec;
} key_case;

#define RSA2048(...) {__VA_ARGS__, EVP_PKEY_RSA, 2048, 256, 112}
#define P256(...) {__VA_ARGS__, EVP_PKEY_EC, 256, 72, 128}
#define P384(...) {__VA_ARGS__, EVP_PKEY_EC, 384, 104, 192}
#define ED(...) {__VA_ARGS__, EVP_PKEY_ED25519, 256, 64, 128}
#define X(n) "x509/" n ".key", "keys/" n ".pub"

static const key_case cases[] = {
    RSA2048(X("badsig-leaf")), RSA2048(X("chain-int1")), P256(X("chain-int2")),
    P256(X("chain-leaf")), P256(X("client-leaf")), P256(X("cn-ignored-leaf")),
    P256(X("cn-only-leaf")), P256(X("critext-leaf")), P256(X("ec-int")), P256(X("ec-leaf")),
    P384(X("ec-root")), ED(X("ed-int")), ED(X("ed-leaf")), ED(X("ed-root")),
    P256(X("expired-leaf")), P256(X("ip-only-leaf")), P256(X("nc-dns-excluded-leaf")),
    P256(X("nc-dns-permitted-leaf")), P256(X("nc-int")), P256(X("nc-ip-excluded-leaf")),
    P256(X("nc-ip-permitted-leaf")), P256(X("nc-ok-leaf")), P256(X("nocertsign-int")),
    P256(X("nocertsign-leaf")), P256(X("notca-int")), P256(X("notca-leaf")),
    P256(X("notyet-leaf")), P256(X("pathlen0-int")), P256(X("pathlen0-leaf")),
    P256(X("pathlen0-sub")), RSA2048(X("rsa-int")), RSA2048(X("rsa-leaf")),
    RSA2048(X("rsa-root")), P256(X("self-leaf")), P256(X("wild-leaf")),
    {"keys/rsa3072.key", NULL, EVP_PKEY_RSA, 3072, 384, 128},
    {"keys/rsa3072-pkcs1.key", NULL, EVP_PKEY_RSA, 3072, 384, 128},
    {"keys/rsa4096.key", NULL, EVP_PKEY_RSA, 4096, 512, 152},
    {"keys/rsa1024.key", NULL, EVP_PKEY_RSA, 1024, 128, 80},
    P256("keys/p256-sec1.key", NULL),
    P384("keys/p384-sec1.key", NULL),
    {"keys/x25519.key", "keys/x25519.pub", EVP_PKEY_X25519, 253, 32, 128},
    {"keys/rsapss.key", "keys/rsapss.pub", EVP_PKEY_RSA_PSS, 2048, 256, 112},
};

static BIO *open_bio(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", DATA_DIR, rel);
    BIO *b = BIO_new_file(path, "r");
    if (b == NULL)
        printf("cannot open %s\n", path);
    return b;
}

static EVP_PKEY *load_private(const char *rel)
{
    BIO *b = open_bio(rel);
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return k;
}

static EVP_PKEY *load_public(const char *rel)
{
    BIO *b = open_bio(rel);
    EVP_PKEY *k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return k;
}

/*
 * What OpenSSL 3.0 leaves last on the queue when the input holds no key
 * block: its decoder layer's "unsupported" (1.1 said PEM_R_NO_START_LINE).
 */
static int no_key_error(unsigned long err)
{
    return ERR_GET_LIB(err) == ERR_LIB_OSSL_DECODER && ERR_GET_REASON(err) == ERR_R_UNSUPPORTED;
}

static void check_props(const EVP_PKEY *k, const key_case *c)
{
    int ok = CHECK(EVP_PKEY_get_id(k) == c->id) & CHECK(EVP_PKEY_id(k) == c->id) &
             CHECK(EVP_PKEY_get_base_id(k) == c->id) & CHECK(EVP_PKEY_get_bits(k) == c->bits) &
             CHECK(EVP_PKEY_bits(k) == c->bits) & CHECK(EVP_PKEY_get_size(k) == c->size) &
             CHECK(EVP_PKEY_get_security_bits(k) == c->sec);
    if (!ok)
        printf("  %s: id %d bits %d size %d sec %d\n", c->path, EVP_PKEY_get_id(k),
               EVP_PKEY_get_bits(k), EVP_PKEY_get_size(k), EVP_PKEY_get_security_bits(k));
}

static void test_cases(void)
{
    EVP_PKEY *prev = NULL;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const key_case *c = &cases[i];
        EVP_PKEY *k = load_private(c->path);
        if (!CHECK(k != NULL)) {
            printf("  could not load %s\n", c->path);
            ERR_print_errors_fp(stdout);
            continue;
        }
        check_props(k, c);
        if (c->pub != NULL) {
            EVP_PKEY *p = load_public(c->pub);
            if (CHECK(p != NULL)) {
                check_props(p, c);
                CHECK(EVP_PKEY_eq(k, p) == 1);
                CHECK(EVP_PKEY_eq(p, k) == 1);
            } else {
                printf("  could not load %s\n", c->pub);
            }
            EVP_PKEY_free(p);
        }
        CHECK(EVP_PKEY_eq(k, k) == 1);
        if (prev != NULL) {
            int r = EVP_PKEY_eq(prev, k);
            if (strstr(c->path, "rsa3072-pkcs1") != NULL)
                CHECK(r == 1); /* the same key as the previous row, as PKCS#1 */
            else if (EVP_PKEY_get_id(prev) == EVP_PKEY_get_id(k))
                CHECK(r == 0);
            else
                CHECK(r == -1);
        }
        EVP_PKEY_free(prev);
        prev = k;
    }
    EVP_PKEY_free(prev);
}

static void test_is_a_and_refs(void)
{
    EVP_PKEY *r = load_private("x509/rsa-leaf.key");
    EVP_PKEY *e = load_private("x509/ec-leaf.key");
    EVP_PKEY *d = load_private("x509/ed-leaf.key");
    if (!CHECK(r && e && d))
        goto done;
    CHECK(EVP_PKEY_is_a(r, "RSA"));
    CHECK(!EVP_PKEY_is_a(r, "EC"));
    CHECK(EVP_PKEY_is_a(e, "EC"));
    CHECK(EVP_PKEY_is_a(d, "ED25519"));
    CHECK(strcmp(EVP_PKEY_get0_type_name(r), "RSA") == 0);
    CHECK(strcmp(EVP_PKEY_get0_type_name(e), "EC") == 0);
    CHECK(strcmp(EVP_PKEY_get0_type_name(d), "ED25519") == 0);
    CHECK(EVP_PKEY_up_ref(r) == 1);
    EVP_PKEY_free(r); /* one reference left */
    CHECK(EVP_PKEY_get_bits(r) == 2048);
    /* The *x out-parameter receives the key and the old one is freed. */
    {
        BIO *b = open_bio("x509/ec-leaf.key");
        EVP_PKEY *x = EVP_PKEY_new();
        EVP_PKEY *got = b ? PEM_read_bio_PrivateKey(b, &x, NULL, NULL) : NULL;
        CHECK(got != NULL && got == x);
        CHECK(got != NULL && EVP_PKEY_eq(got, e) == 1);
        EVP_PKEY_free(x);
        BIO_free(b);
    }
done:
    EVP_PKEY_free(r);
    EVP_PKEY_free(e);
    EVP_PKEY_free(d);
    {
        EVP_PKEY *empty = EVP_PKEY_new();
        CHECK(empty != NULL);
        CHECK(empty != NULL && EVP_PKEY_get_id(empty) == EVP_PKEY_NONE);
        EVP_PKEY_free(empty);
        EVP_PKEY_free(NULL);
    }
}

/* A key after a certificate in the same input, then a second key. */
static void test_concatenated(void)
{
    char path[512];
    size_t a_len, b_len, c_len;
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.pem", DATA_DIR);
    char *cert = test_read_file(path, &a_len);
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.key", DATA_DIR);
    char *k1 = test_read_file(path, &b_len);
    snprintf(path, sizeof(path), "%s/keys/p384-sec1.key", DATA_DIR);
    char *k2 = test_read_file(path, &c_len);
    if (!CHECK(cert && k1 && k2))
        goto done;
    BIO *b = BIO_new(BIO_s_mem());
    BIO_write(b, cert, (int)a_len);
    BIO_write(b, k1, (int)b_len);
    BIO_write(b, k2, (int)c_len);
    EVP_PKEY *x = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    EVP_PKEY *y = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    CHECK(x != NULL && EVP_PKEY_get_bits(x) == 256);
    CHECK(y != NULL && EVP_PKEY_get_bits(y) == 384);
    ERR_clear_error();
    EVP_PKEY *z = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
    CHECK(z == NULL);
    unsigned long err = ERR_peek_last_error();
    CHECK(no_key_error(err));
    EVP_PKEY_free(x);
    EVP_PKEY_free(y);
    BIO_free(b);
done:
    free(cert);
    free(k1);
    free(k2);
}

static int no_password(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return 0;
}

static void expect_failure(const char *what, const char *text, size_t len, int want_no_key)
{
    BIO *b = BIO_new_mem_buf(text, (int)len);
    ERR_clear_error();
    EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, no_password, NULL);
    int ok = CHECK(k == NULL);
    unsigned long err = ERR_peek_last_error();
    ok &= CHECK(err != 0);
    if (want_no_key)
        ok &= CHECK(no_key_error(err));
    if (!ok)
        printf("  case %s: lib %d reason %d\n", what, ERR_GET_LIB(err), ERR_GET_REASON(err));
    EVP_PKEY_free(k);
    BIO_free(b);
    ERR_clear_error();
}

static void test_bad_input(void)
{
    static const char garbage[] = "this is not a key\nat all\n";
    expect_failure("empty", "", 0, 1);
    expect_failure("garbage", garbage, sizeof(garbage) - 1, 1);

    char path[512];
    size_t len;
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.key", DATA_DIR);
    char *key = test_read_file(path, &len);
    if (CHECK(key != NULL)) {
        /* Cut off before the END line. */
        expect_failure("truncated", key, len / 2, 0);
        /* Corrupt DER inside valid base64: flip a character in the body. */
        char *body = strchr(key, '\n');
        if (CHECK(body != NULL && len > 40)) {
            body[5] = body[5] == 'A' ? 'B' : 'A';
            expect_failure("corrupt", key, len, 0);
        }
        free(key);
    }
    snprintf(path, sizeof(path), "%s/keys/enc-pkcs8.key", DATA_DIR);
    key = test_read_file(path, &len);
    if (CHECK(key != NULL)) {
        expect_failure("encrypted pkcs8", key, len, 0);
        free(key);
    }
    snprintf(path, sizeof(path), "%s/keys/enc-legacy.key", DATA_DIR);
    key = test_read_file(path, &len);
    if (CHECK(key != NULL)) {
        expect_failure("legacy encrypted", key, len, 0);
        free(key);
    }
    /* A public key is not a private key, and vice versa. */
    snprintf(path, sizeof(path), "%s/keys/ec-leaf.pub", DATA_DIR);
    key = test_read_file(path, &len);
    if (CHECK(key != NULL)) {
        expect_failure("public as private", key, len, 1);
        free(key);
    }
    {
        BIO *b = open_bio("x509/ec-leaf.key");
        ERR_clear_error();
        EVP_PKEY *k = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
        CHECK(k == NULL);
        unsigned long err = ERR_peek_last_error();
        CHECK(no_key_error(err));
        EVP_PKEY_free(k);
        BIO_free(b);
        ERR_clear_error();
    }
}

/* The FILE forms and the DER readers. */
static void test_fp_and_der(void)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/keys/rsa3072-pkcs1.key", DATA_DIR);
    FILE *f = fopen(path, "r");
    EVP_PKEY *k = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    CHECK(k != NULL && EVP_PKEY_get_bits(k) == 3072);
    if (f)
        fclose(f);
    snprintf(path, sizeof(path), "%s/keys/rsa3072.key", DATA_DIR);
    f = fopen(path, "r");
    EVP_PKEY *k2 = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;
    CHECK(k2 != NULL && k != NULL && EVP_PKEY_eq(k, k2) == 1);
    if (f)
        fclose(f);
    snprintf(path, sizeof(path), "%s/keys/x25519.pub", DATA_DIR);
    f = fopen(path, "r");
    EVP_PKEY *p = f ? PEM_read_PUBKEY(f, NULL, NULL, NULL) : NULL;
    CHECK(p != NULL && EVP_PKEY_get_id(p) == EVP_PKEY_X25519);
    if (f)
        fclose(f);
    EVP_PKEY_free(k);
    EVP_PKEY_free(k2);
    EVP_PKEY_free(p);

    /* RFC 8410 section 10.3's Ed25519 private key, and its public key. */
    static const unsigned char ed_priv[] = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
        0x04, 0x20, 0xd4, 0xee, 0x72, 0xdb, 0xf9, 0x13, 0x58, 0x4a, 0xd5, 0xb6, 0xd8, 0xf1,
        0xf7, 0x69, 0xf8, 0xad, 0x3a, 0xfe, 0x7c, 0x28, 0xcb, 0xf1, 0xd4, 0xfb, 0xe0, 0x97,
        0xa8, 0x8f, 0x44, 0x75, 0x58, 0x42};
    static const unsigned char ed_pub[] = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00, 0x19, 0xbf,
        0x44, 0x09, 0x69, 0x84, 0xcd, 0xfe, 0x85, 0x41, 0xba, 0xc1, 0x67, 0xdc, 0x3b, 0x96,
        0xc8, 0x50, 0x86, 0xaa, 0x30, 0xb6, 0xb6, 0xcb, 0x0c, 0x5c, 0x38, 0xad, 0x70, 0x31,
        0x66, 0xe1};
    const unsigned char *q = ed_priv;
    EVP_PKEY *a = d2i_AutoPrivateKey(NULL, &q, sizeof(ed_priv));
    CHECK(a != NULL && q == ed_priv + sizeof(ed_priv));
    q = ed_pub;
    EVP_PKEY *b = NULL;
    EVP_PKEY *r = d2i_PUBKEY(&b, &q, sizeof(ed_pub));
    CHECK(r != NULL && r == b && q == ed_pub + sizeof(ed_pub));
    CHECK(a != NULL && b != NULL && EVP_PKEY_eq(a, b) == 1);
    BIO *mem = BIO_new_mem_buf(ed_priv, sizeof(ed_priv));
    EVP_PKEY *c = d2i_PrivateKey_bio(mem, NULL);
    CHECK(c != NULL && a != NULL && EVP_PKEY_eq(a, c) == 1);
    BIO_free(mem);
    /* A flipped public-key byte: parses, but no longer matches. */
    unsigned char bad[sizeof(ed_pub)];
    memcpy(bad, ed_pub, sizeof(bad));
    bad[20] ^= 1;
    q = bad;
    EVP_PKEY *d = d2i_PUBKEY(NULL, &q, sizeof(bad));
    CHECK(d != NULL && a != NULL && EVP_PKEY_eq(a, d) == 0);
    /* Truncated DER fails. */
    q = ed_priv;
    ERR_clear_error();
    CHECK(d2i_AutoPrivateKey(NULL, &q, sizeof(ed_priv) - 1) == NULL);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    EVP_PKEY_free(a);
    EVP_PKEY_free(b);
    EVP_PKEY_free(c);
    EVP_PKEY_free(d);
}

/* ---- encrypted PKCS#8 (PBES2) ------------------------------------------- */

typedef struct {
    const char *path;  /* ENCRYPTED PRIVATE KEY, under DATA_DIR */
    const char *plain; /* the same key unencrypted */
    const char *password;
} enc_case;

static const enc_case enc_cases[] = {
    {"keys/enc-pkcs8.key", "x509/ec-leaf.key", "x"},                    /* AES-256, SHA-256 */
    {"keys/enc-aes128-sha256.key", "x509/rsa-leaf.key", "secret"},      /* AES-128, SHA-256 */
    {"keys/enc-aes256-sha1.key", "x509/ed-leaf.key", "secret"},         /* AES-256, SHA-1 */
    {"keys/enc-aes192-sha512.key", "keys/p384-sec1.key", "secret"},     /* AES-192, SHA-512 */
    {"keys/enc-aes128-sha1-x25519.key", "keys/x25519.key", "secret"},   /* 1 iteration */
};

typedef struct {
    const char *password;
    int calls, last_rwflag, last_size;
} pw_state;

static int give_password(char *buf, int size, int rwflag, void *u)
{
    pw_state *st = u;
    st->calls++;
    st->last_rwflag = rwflag;
    st->last_size = size;
    int n = (int)strlen(st->password);
    if (n > size)
        n = size;
    memcpy(buf, st->password, (size_t)n);
    return n;
}

static int refuse_password(char *buf, int size, int rwflag, void *u)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return -1;
}

/* OpenSSL 3.0 reports a wrong password's bad padding as the provider's "bad decrypt". */
static int queue_has_bad_decrypt(void)
{
    unsigned long e;
    int found = 0;
    while ((e = ERR_get_error()) != 0)
        if (ERR_GET_LIB(e) == ERR_LIB_PROV && ERR_GET_REASON(e) == 100 /* PROV_R_BAD_DECRYPT */)
            found = 1;
    return found;
}

static void test_encrypted(void)
{
    for (size_t i = 0; i < sizeof(enc_cases) / sizeof(enc_cases[0]); i++) {
        const enc_case *c = &enc_cases[i];
        EVP_PKEY *plain = load_private(c->plain);
        if (!CHECK(plain != NULL))
            continue;

        /* Right password through the callback. */
        pw_state st = {c->password, 0, -1, 0};
        BIO *b = open_bio(c->path);
        EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, give_password, &st) : NULL;
        BIO_free(b);
        if (!CHECK(k != NULL)) {
            printf("  %s: right password refused\n", c->path);
            ERR_print_errors_fp(stdout);
        }
        CHECK(k != NULL && EVP_PKEY_eq(k, plain) == 1);
        CHECK(k != NULL && EVP_PKEY_get_id(k) == EVP_PKEY_get_id(plain));
        CHECK(st.calls >= 1 && st.last_rwflag == 0 && st.last_size >= 1024);
        EVP_PKEY_free(k);

        /* No callback: u is the password (PEM_def_callback). */
        b = open_bio(c->path);
        k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, (void *)c->password) : NULL;
        BIO_free(b);
        CHECK(k != NULL && EVP_PKEY_eq(k, plain) == 1);
        EVP_PKEY_free(k);

        /* Wrong password: NULL and "bad decrypt" on the queue. */
        pw_state bad = {"wrongpw", 0, -1, 0};
        b = open_bio(c->path);
        ERR_clear_error();
        k = b ? PEM_read_bio_PrivateKey(b, NULL, give_password, &bad) : NULL;
        BIO_free(b);
        CHECK(k == NULL);
        unsigned long last = ERR_peek_last_error();
        /* OpenSSL 3.0: PKCS12_R_PKCS12_CIPHERFINAL_ERROR (116) is the last word. */
        CHECK(ERR_GET_LIB(last) == ERR_LIB_PKCS12 && ERR_GET_REASON(last) == 116);
        CHECK(queue_has_bad_decrypt());
        EVP_PKEY_free(k);
        b = open_bio(c->path);
        k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, "wrongpw") : NULL;
        BIO_free(b);
        CHECK(k == NULL);
        CHECK(queue_has_bad_decrypt());
        EVP_PKEY_free(k);
        EVP_PKEY_free(plain);
    }

    /* The FILE form, and a callback that gives up: NULL with an error. */
    char path[512];
    snprintf(path, sizeof(path), "%s/keys/enc-aes128-sha256.key", DATA_DIR);
    FILE *f = fopen(path, "r");
    pw_state st = {"secret", 0, -1, 0};
    EVP_PKEY *k = f ? PEM_read_PrivateKey(f, NULL, give_password, &st) : NULL;
    CHECK(k != NULL && EVP_PKEY_get_bits(k) == 2048);
    EVP_PKEY_free(k);
    if (f != NULL)
        rewind(f);
    ERR_clear_error();
    k = f ? PEM_read_PrivateKey(f, NULL, refuse_password, NULL) : NULL;
    CHECK(k == NULL);
    CHECK(ERR_peek_last_error() != 0);
    ERR_clear_error();
    if (f != NULL)
        fclose(f);

    /* An encrypted key after a certificate, then a plain one. */
    size_t a_len, b_len, c_len;
    snprintf(path, sizeof(path), "%s/x509/rsa-leaf.pem", DATA_DIR);
    char *cert = test_read_file(path, &a_len);
    snprintf(path, sizeof(path), "%s/keys/enc-aes256-sha1.key", DATA_DIR);
    char *enc = test_read_file(path, &b_len);
    snprintf(path, sizeof(path), "%s/x509/ec-leaf.key", DATA_DIR);
    char *plain = test_read_file(path, &c_len);
    if (CHECK(cert && enc && plain)) {
        BIO *m = BIO_new(BIO_s_mem());
        BIO_write(m, "some text\n", 10);
        BIO_write(m, cert, (int)a_len);
        BIO_write(m, enc, (int)b_len);
        BIO_write(m, plain, (int)c_len);
        EVP_PKEY *x = PEM_read_bio_PrivateKey(m, NULL, NULL, "secret");
        EVP_PKEY *y = PEM_read_bio_PrivateKey(m, NULL, NULL, "secret");
        CHECK(x != NULL && EVP_PKEY_get_id(x) == EVP_PKEY_ED25519);
        CHECK(y != NULL && EVP_PKEY_get_id(y) == EVP_PKEY_EC);
        EVP_PKEY_free(x);
        EVP_PKEY_free(y);
        BIO_free(m);
    }
    free(cert);
    free(enc);
    free(plain);

    /* A damaged ciphertext (last block changed): NULL with an error, no crash. */
    snprintf(path, sizeof(path), "%s/keys/enc-pkcs8.key", DATA_DIR);
    size_t len;
    char *text = test_read_file(path, &len);
    if (CHECK(text != NULL)) {
        char *end = strstr(text, "-----END");
        if (CHECK(end != NULL && end - text > 10)) {
            end[-4] = end[-4] == 'A' ? 'B' : 'A';
            BIO *m = BIO_new_mem_buf(text, (int)len);
            ERR_clear_error();
            EVP_PKEY *z = PEM_read_bio_PrivateKey(m, NULL, NULL, "x");
            CHECK(z == NULL);
            CHECK(ERR_peek_last_error() != 0);
            EVP_PKEY_free(z);
            BIO_free(m);
        }
        free(text);
    }
    ERR_clear_error();
}

static void test_pbkdf2(void)
{
    /* RFC 6070 (HMAC-SHA-1) and RFC 7914 section 11 (HMAC-SHA-256). */
    static const unsigned char c1[20] = {0x0c, 0x60, 0xc8, 0x0f, 0x96, 0x1f, 0x0e, 0x71, 0xf3, 0xa9,
                                         0xb5, 0x24, 0xaf, 0x60, 0x12, 0x06, 0x2f, 0xe0, 0x37, 0xa6};
    static const unsigned char c4096[25] = {
        0x3d, 0x2e, 0xec, 0x4f, 0xe4, 0x1c, 0x84, 0x9b, 0x80, 0xc8, 0xd8, 0x36, 0x62,
        0xc0, 0xe4, 0x4a, 0x8b, 0x29, 0x1a, 0x96, 0x4c, 0xf2, 0xf0, 0x70, 0x38};
    static const unsigned char s256[16] = {0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f,
                                           0xec, 0x16, 0x91, 0xc2, 0x25, 0x44, 0xb6, 0x05};
    unsigned char out[64];
    CHECK(PKCS5_PBKDF2_HMAC_SHA1("password", -1, (const unsigned char *)"salt", 4, 1, 20, out) == 1);
    CHECK_MEM(out, c1, 20, "PBKDF2-SHA1 c=1");
    CHECK(PKCS5_PBKDF2_HMAC("passwordPASSWORDpassword", 24,
                            (const unsigned char *)"saltSALTsaltSALTsaltSALTsaltSALTsalt", 36,
                            4096, EVP_sha1(), 25, out) == 1);
    CHECK_MEM(out, c4096, 25, "PBKDF2-SHA1 c=4096");
    CHECK(PKCS5_PBKDF2_HMAC("passwd", 6, (const unsigned char *)"salt", 4, 1, EVP_sha256(), 16,
                            out) == 1);
    CHECK_MEM(out, s256, 16, "PBKDF2-SHA256");
}

/* i2d_PUBKEY, d2i_PrivateKey with a type, X509_check_private_key. */
static void test_encode_and_match(void)
{
    static const char *pubs[] = {"keys/rsa-leaf.pub", "keys/ec-leaf.pub", "keys/ec-root.pub",
                                 "keys/ed-leaf.pub", "keys/x25519.pub", "keys/rsapss.pub"};
    for (size_t i = 0; i < sizeof(pubs) / sizeof(pubs[0]); i++) {
        EVP_PKEY *k = load_public(pubs[i]);
        if (!CHECK(k != NULL))
            continue;
        int n = i2d_PUBKEY(k, NULL);
        unsigned char *der = NULL;
        CHECK(n > 0 && i2d_PUBKEY(k, &der) == n && der != NULL);
        const unsigned char *q = der;
        EVP_PKEY *back = der ? d2i_PUBKEY(NULL, &q, n) : NULL;
        CHECK(back != NULL && EVP_PKEY_eq(k, back) == 1 && q == der + n);
        /* Writing into a caller buffer advances the pointer. */
        unsigned char buf[1024], *w = buf;
        CHECK(n <= (int)sizeof(buf) && i2d_PUBKEY(k, &w) == n && w == buf + n);
        CHECK(der != NULL && memcmp(buf, der, (size_t)n) == 0);
        /* The private key's public half encodes the same. */
        OPENSSL_free(der);
        EVP_PKEY_free(back);
        EVP_PKEY_free(k);
    }
    EVP_PKEY *priv = load_private("x509/ec-leaf.key");
    EVP_PKEY *pub = load_public("keys/ec-leaf.pub");
    if (CHECK(priv && pub)) {
        unsigned char *a = NULL, *b = NULL;
        int na = i2d_PUBKEY(priv, &a), nb = i2d_PUBKEY(pub, &b);
        CHECK(na > 0 && na == nb && memcmp(a, b, (size_t)na) == 0);
        OPENSSL_free(a);
        OPENSSL_free(b);
    }
    EVP_PKEY_free(priv);
    EVP_PKEY_free(pub);

    /* d2i_PrivateKey: the type must match; on a mismatch *pp stays. */
    static const unsigned char ed_priv[] = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
        0x04, 0x20, 0xd4, 0xee, 0x72, 0xdb, 0xf9, 0x13, 0x58, 0x4a, 0xd5, 0xb6, 0xd8, 0xf1,
        0xf7, 0x69, 0xf8, 0xad, 0x3a, 0xfe, 0x7c, 0x28, 0xcb, 0xf1, 0xd4, 0xfb, 0xe0, 0x97,
        0xa8, 0x8f, 0x44, 0x75, 0x58, 0x42};
    const unsigned char *q = ed_priv;
    EVP_PKEY *e = d2i_PrivateKey(EVP_PKEY_ED25519, NULL, &q, sizeof(ed_priv));
    CHECK(e != NULL && q == ed_priv + sizeof(ed_priv));
    EVP_PKEY_free(e);
    q = ed_priv;
    ERR_clear_error();
    e = d2i_PrivateKey(EVP_PKEY_RSA, NULL, &q, sizeof(ed_priv));
    CHECK(e == NULL && q == ed_priv);
    CHECK(ERR_peek_last_error() != 0);
    ERR_clear_error();

    /* X509_check_private_key: match, other key of the same type, other type. */
    BIO *cb = open_bio("x509/ec-leaf.pem");
    X509 *cert = cb ? PEM_read_bio_X509(cb, NULL, NULL, NULL) : NULL;
    BIO_free(cb);
    EVP_PKEY *mine = load_private("x509/ec-leaf.key");
    EVP_PKEY *other = load_private("x509/ec-int.key");
    EVP_PKEY *rsa = load_private("x509/rsa-leaf.key");
    if (CHECK(cert && mine && other && rsa)) {
        CHECK(X509_check_private_key(cert, mine) == 1);
        ERR_clear_error();
        CHECK(X509_check_private_key(cert, other) == 0);
        unsigned long err = ERR_peek_last_error();
        CHECK(ERR_GET_LIB(err) == ERR_LIB_X509 && ERR_GET_REASON(err) == X509_R_KEY_VALUES_MISMATCH);
        ERR_clear_error();
        CHECK(X509_check_private_key(cert, rsa) == 0);
        err = ERR_peek_last_error();
        CHECK(ERR_GET_LIB(err) == ERR_LIB_X509 && ERR_GET_REASON(err) == X509_R_KEY_TYPE_MISMATCH);
        ERR_clear_error();
    }
    X509_free(cert);
    EVP_PKEY_free(mine);
    EVP_PKEY_free(other);
    EVP_PKEY_free(rsa);
}

/* Random and truncated DER must fail cleanly with an error, never crash. */
static void test_fuzzish_der(void)
{
    char path[512];
    size_t len;
    snprintf(path, sizeof(path), "%s/keys/rsa3072.key", DATA_DIR);
    BIO *b = open_bio("keys/rsa3072.key");
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    unsigned char *der = NULL;
    int n = k ? i2d_PUBKEY(k, &der) : -1;
    EVP_PKEY_free(k);
    if (CHECK(n > 0)) {
        int failures = 0, errors = 0;
        for (int cut = 0; cut < n; cut += 7) {
            const unsigned char *q = der;
            ERR_clear_error();
            EVP_PKEY *p = d2i_PUBKEY(NULL, &q, cut);
            failures += p == NULL;
            errors += ERR_peek_error() != 0;
            EVP_PKEY_free(p);
        }
        CHECK(failures == (n + 6) / 7 && errors == failures);
    }
    OPENSSL_free(der);
    test_rand_seed(77);
    int failures = 0, errors = 0;
    for (int i = 0; i < 200; i++) {
        unsigned char junk[300];
        size_t jl = 1 + test_rand_below(sizeof(junk));
        test_rand_bytes(junk, jl);
        if (i % 2)
            junk[0] = 0x30; /* a SEQUENCE, so parsing goes deeper */
        const unsigned char *q = junk;
        ERR_clear_error();
        EVP_PKEY *p = (i % 4 < 2) ? d2i_AutoPrivateKey(NULL, &q, (long)jl)
                                  : d2i_PUBKEY(NULL, &q, (long)jl);
        failures += p == NULL;
        errors += p == NULL && ERR_peek_error() != 0;
        EVP_PKEY_free(p);
    }
    CHECK(failures == 200 && errors == 200);
    ERR_clear_error();

    /*
     * PEM cut anywhere before its END line: NULL with an error. Changed
     * base64 characters: either a key or NULL with an error (a changed
     * RSA private component may still load), never a crash.
     */
    static const char *files[] = {"keys/enc-aes128-sha256.key", "x509/rsa-leaf.key",
                                  "keys/p384-sec1.key"};
    for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
        snprintf(path, sizeof(path), "%s/%s", DATA_DIR, files[f]);
        char *text = test_read_file(path, &len);
        if (!CHECK(text != NULL))
            continue;
        char *end = strstr(text, "-----END");
        size_t end_at = end ? (size_t)(end - text) : len;
        int bad = 0;
        for (size_t cut = 0; cut < end_at; cut += 37) {
            BIO *m = BIO_new_mem_buf(text, (int)cut);
            ERR_clear_error();
            EVP_PKEY *p = PEM_read_bio_PrivateKey(m, NULL, NULL, "secret");
            bad += p != NULL || ERR_peek_last_error() == 0;
            EVP_PKEY_free(p);
            BIO_free(m);
        }
        CHECK(bad == 0);
        bad = 0;
        char *body = strchr(text, '\n');
        for (int i = 0; i < 60 && body != NULL && end_at > 80; i++) {
            char *copy = malloc(len);
            memcpy(copy, text, len);
            size_t at = (size_t)(body - text) + 1 + test_rand_below(end_at - (size_t)(body - text) - 2);
            if (copy[at] != '\n' && copy[at] != '-')
                copy[at] = "AZaz09+/"[test_rand_below(8)];
            BIO *m = BIO_new_mem_buf(copy, (int)len);
            ERR_clear_error();
            EVP_PKEY *p = PEM_read_bio_PrivateKey(m, NULL, NULL, "secret");
            bad += p == NULL && ERR_peek_last_error() == 0;
            EVP_PKEY_free(p);
            BIO_free(m);
            free(copy);
        }
        CHECK(bad == 0);
        free(text);
    }
    ERR_clear_error();
}

/* Appends a DER length (minimal: short, or one or two length bytes). */
static size_t put_len(unsigned char *p, size_t n)
{
    if (n < 128) {
        p[0] = (unsigned char)n;
        return 1;
    }
    if (n < 256) {
        p[0] = 0x81;
        p[1] = (unsigned char)n;
        return 2;
    }
    p[0] = 0x82;
    p[1] = (unsigned char)(n >> 8);
    p[2] = (unsigned char)n;
    return 3;
}

/*
 * RSA security bits for sizes between the canonical ones follow the
 * SP 800-56B formula (OpenSSL 3.0's numbers): public keys with a modulus
 * 2^(bits-1) + 1 built as SubjectPublicKeyInfo.
 */
static void test_rsa_security_bits(void)
{
    static const struct {
        int bits, sec;
    } sizes[] = {{1024, 80}, {1382, 88}, {1536, 96}, {1962, 104}, {2300, 112}, {2560, 120},
                 {2670, 120}, {3074, 128}, {3513, 136}, {7000, 192}, {7679, 192}, {8192, 200}};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        int bits = sizes[i].bits;
        /* Minimal INTEGER: a sign byte only when the top bit is the byte's top bit. */
        size_t lead = bits % 8 == 0 ? 1 : 0;
        size_t nlen = (size_t)(bits + 7) / 8 + lead;
        unsigned char n[1100] = {0};
        n[lead] = (unsigned char)(1u << ((bits - 1) % 8));
        n[nlen - 1] |= 1;
        unsigned char rsapub[1200], bitstr[1200], der[1300];
        size_t r = 0, b = 0, d = 0;
        /* RSAPublicKey ::= SEQUENCE { n, e = 65537 } */
        unsigned char body[1200];
        size_t bl = 0;
        body[bl++] = 0x02;
        bl += put_len(body + bl, nlen);
        memcpy(body + bl, n, nlen);
        bl += nlen;
        memcpy(body + bl, "\x02\x03\x01\x00\x01", 5);
        bl += 5;
        rsapub[r++] = 0x30;
        r += put_len(rsapub + r, bl);
        memcpy(rsapub + r, body, bl);
        r += bl;
        bitstr[b++] = 0x03;
        b += put_len(bitstr + b, r + 1);
        bitstr[b++] = 0;
        memcpy(bitstr + b, rsapub, r);
        b += r;
        static const unsigned char alg[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                            0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        der[d++] = 0x30;
        d += put_len(der + d, sizeof(alg) + b);
        memcpy(der + d, alg, sizeof(alg));
        d += sizeof(alg);
        memcpy(der + d, bitstr, b);
        d += b;
        const unsigned char *q = der;
        EVP_PKEY *k = d2i_PUBKEY(NULL, &q, (long)d);
        if (!CHECK(k != NULL)) {
            printf("  %d bits: not loaded\n", bits);
            ERR_print_errors_fp(stdout);
            continue;
        }
        CHECK(EVP_PKEY_get_bits(k) == bits);
        if (!CHECK(EVP_PKEY_get_security_bits(k) == sizes[i].sec))
            printf("  %d bits: security %d, want %d\n", bits, EVP_PKEY_get_security_bits(k),
                   sizes[i].sec);
        EVP_PKEY_free(k);
    }
}

int main(void)
{
    test_cases();
    test_is_a_and_refs();
    test_concatenated();
    test_bad_input();
    test_fp_and_der();
    test_encrypted();
    test_pbkdf2();
    test_encode_and_match();
    test_fuzzish_der();
    test_rsa_security_bits();
    return test_summary();
}
