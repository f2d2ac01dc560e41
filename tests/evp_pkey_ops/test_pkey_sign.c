/*
 * EVP_DigestSign / EVP_DigestVerify and EVP_PKEY_sign / EVP_PKEY_verify
 * for RSA (PKCS#1 v1.5 and PSS with OpenSSL's salt-length codes), ECDSA
 * P-256/P-384 and Ed25519, written against the OpenSSL API only so the
 * same expectations run on the system OpenSSL. Private keys come from the
 * PEM fixtures, public keys from the matching certificates; known-good
 * signatures come from Wycheproof (ECDSA P-256 DER, RSA-PSS, RSA PKCS#1)
 * and RFC 8032.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "wycheproof.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

static const unsigned char msg[] = "mintls signs this message through EVP_DigestSign";
#define MSG_LEN (sizeof(msg) - 1)

static EVP_PKEY *load_private(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", DATA_DIR, rel);
    BIO *b = BIO_new_file(path, "r");
    EVP_PKEY *k = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (k == NULL)
        printf("cannot load %s\n", path);
    return k;
}

/* The public key of a certificate, or of a PEM SubjectPublicKeyInfo file. */
static EVP_PKEY *load_public(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", DATA_DIR, rel);
    BIO *b = BIO_new_file(path, "r");
    EVP_PKEY *k = NULL;
    if (b != NULL && strstr(rel, ".pem") != NULL) {
        X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
        k = x != NULL ? X509_get_pubkey(x) : NULL;
        X509_free(x);
    } else if (b != NULL) {
        k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
    }
    BIO_free(b);
    if (k == NULL)
        printf("cannot load %s\n", path);
    return k;
}

/* Padding and salt applied to a freshly initialised RSA context (0: leave). */
typedef struct {
    int pss;
    int saltlen_set, saltlen;
    const EVP_MD *mgf1;
} rsa_opts;

static int apply(EVP_PKEY_CTX *pctx, const rsa_opts *o)
{
    if (o == NULL)
        return 1;
    if (o->pss && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1)
        return 0;
    if (o->saltlen_set && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, o->saltlen) != 1)
        return 0;
    if (o->mgf1 != NULL && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, o->mgf1) != 1)
        return 0;
    return 1;
}

/* One-shot sign; returns the signature length or 0. */
static size_t sign(EVP_PKEY *key, const EVP_MD *md, const rsa_opts *o, const unsigned char *m,
                   size_t mlen, unsigned char *sig, size_t cap)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    size_t len = 0, q = 0;
    int ok = EVP_DigestSignInit(ctx, &pctx, md, NULL, key) == 1 && pctx != NULL &&
             apply(pctx, o) && EVP_DigestSign(ctx, NULL, &q, m, mlen) == 1 && q <= cap;
    len = cap;
    ok = ok && EVP_DigestSign(ctx, sig, &len, m, mlen) == 1 && len <= q;
    EVP_MD_CTX_free(ctx);
    return ok ? len : 0;
}

/* 1 valid, anything else not. */
static int verify(EVP_PKEY *key, const EVP_MD *md, const rsa_opts *o, const unsigned char *m,
                  size_t mlen, const unsigned char *sig, size_t slen)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    int r = -100;
    if (EVP_DigestVerifyInit(ctx, &pctx, md, NULL, key) == 1 && apply(pctx, o))
        r = EVP_DigestVerify(ctx, sig, slen, m, mlen);
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return r;
}

/* Sign, verify, and check that tampering and the wrong key are caught. */
static void round_trip(const char *what, EVP_PKEY *priv, EVP_PKEY *pub, EVP_PKEY *other,
                       const EVP_MD *md, const rsa_opts *o)
{
    unsigned char sig[1024];
    printf("# %s\n", what);
    size_t n = sign(priv, md, o, msg, MSG_LEN, sig, sizeof(sig));
    CHECK(n > 0);
    if (n == 0) {
        ERR_print_errors_fp(stdout);
        return;
    }
    CHECK(verify(pub, md, o, msg, MSG_LEN, sig, n) == 1);
    CHECK(verify(priv, md, o, msg, MSG_LEN, sig, n) == 1); /* a private key verifies too */
    CHECK(verify(pub, md, o, msg, MSG_LEN - 1, sig, n) != 1);
    sig[n / 2] ^= 0x10;
    CHECK(verify(pub, md, o, msg, MSG_LEN, sig, n) != 1);
    sig[n / 2] ^= 0x10;
    CHECK(verify(pub, md, o, msg, MSG_LEN, sig, n - 1) != 1);
    if (other != NULL)
        CHECK(verify(other, md, o, msg, MSG_LEN, sig, n) != 1);

    if (EVP_PKEY_get_id(priv) == EVP_PKEY_ED25519)
        return;
    /* Streaming in pieces, with a size query before the real Final. */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    size_t q = 0, len;
    CHECK(EVP_DigestSignInit(ctx, &pctx, md, NULL, priv) == 1 && apply(pctx, o));
    CHECK(EVP_DigestSignUpdate(ctx, msg, 10) == 1);
    CHECK(EVP_DigestSignUpdate(ctx, msg + 10, MSG_LEN - 10) == 1);
    CHECK(EVP_DigestSignFinal(ctx, NULL, &q) == 1 && q == (size_t)EVP_PKEY_get_size(priv));
    len = q;
    CHECK(EVP_DigestSignFinal(ctx, sig, &len) == 1 && len <= q);
    EVP_MD_CTX_free(ctx);
    ctx = EVP_MD_CTX_new();
    CHECK(EVP_DigestVerifyInit(ctx, &pctx, md, NULL, pub) == 1 && apply(pctx, o));
    CHECK(EVP_DigestVerifyUpdate(ctx, msg, 7) == 1);
    CHECK(EVP_DigestVerifyUpdate(ctx, msg + 7, MSG_LEN - 7) == 1);
    CHECK(EVP_DigestVerifyFinal(ctx, sig, len) == 1);
    EVP_MD_CTX_free(ctx);

    /* A buffer smaller than EVP_PKEY_get_size is refused. */
    len = 8;
    ctx = EVP_MD_CTX_new();
    CHECK(EVP_DigestSignInit(ctx, &pctx, md, NULL, priv) == 1 && apply(pctx, o));
    CHECK(EVP_DigestSign(ctx, sig, &len, msg, MSG_LEN) != 1);
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);

    /* The same over a precomputed digest: EVP_PKEY_sign, then DigestVerify. */
    const EVP_MD *dmd = md != NULL ? md : EVP_sha256();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen;
    CHECK(EVP_Digest(msg, MSG_LEN, digest, &dlen, dmd, NULL) == 1);
    pctx = EVP_PKEY_CTX_new(priv, NULL);
    CHECK(EVP_PKEY_sign_init(pctx) == 1 && apply(pctx, o));
    CHECK(EVP_PKEY_CTX_set_signature_md(pctx, dmd) == 1);
    q = 0;
    CHECK(EVP_PKEY_sign(pctx, NULL, &q, digest, dlen) == 1 && q >= 64);
    len = sizeof(sig);
    CHECK(EVP_PKEY_sign(pctx, sig, &len, digest, dlen) == 1 && len <= q);
    EVP_PKEY_CTX_free(pctx);
    CHECK(verify(pub, dmd, o, msg, MSG_LEN, sig, len) == 1);
    pctx = EVP_PKEY_CTX_new(pub, NULL);
    CHECK(EVP_PKEY_verify_init(pctx) == 1 && apply(pctx, o));
    CHECK(EVP_PKEY_CTX_set_signature_md(pctx, dmd) == 1);
    CHECK(EVP_PKEY_verify(pctx, sig, len, digest, dlen) == 1);
    digest[0] ^= 1;
    CHECK(EVP_PKEY_verify(pctx, sig, len, digest, dlen) != 1);
    ERR_clear_error();
    EVP_PKEY_CTX_free(pctx);
}

#define SALT(v) {1, 1, (v), NULL}

static void test_rsa(void)
{
    EVP_PKEY *priv = load_private("x509/rsa-leaf.key"), *pub = load_public("x509/rsa-leaf.pem");
    EVP_PKEY *other = load_public("x509/rsa-root.pem");
    CHECK(priv != NULL && pub != NULL && other != NULL);
    if (priv == NULL || pub == NULL || other == NULL)
        goto out;
    round_trip("RSA PKCS#1 v1.5 SHA-256", priv, pub, other, EVP_sha256(), NULL);
    round_trip("RSA PKCS#1 v1.5 default digest", priv, pub, other, NULL, NULL);
    round_trip("RSA PKCS#1 v1.5 SHA-512", priv, pub, other, EVP_sha512(), NULL);
    rsa_opts pss = {1, 0, 0, NULL}, digest = SALT(RSA_PSS_SALTLEN_DIGEST);
    rsa_opts max = SALT(RSA_PSS_SALTLEN_MAX), autos = SALT(RSA_PSS_SALTLEN_AUTO);
    rsa_opts s0 = SALT(0), s20 = SALT(20), s32 = SALT(32), s500 = SALT(500);
    rsa_opts mgf1 = {1, 1, RSA_PSS_SALTLEN_DIGEST, EVP_sha1()};
    rsa_opts pkcs1 = {0, 0, 0, NULL};
    round_trip("RSA-PSS SHA-256, salt = digest (TLS 1.3)", priv, pub, other, EVP_sha256(),
               &digest);
    round_trip("RSA-PSS SHA-384, salt = digest", priv, pub, other, EVP_sha384(), &digest);
    round_trip("RSA-PSS SHA-256, default salt", priv, pub, other, EVP_sha256(), &pss);
    round_trip("RSA-PSS SHA-256, salt max", priv, pub, other, EVP_sha256(), &max);
    round_trip("RSA-PSS SHA-256, salt 0", priv, pub, other, EVP_sha256(), &s0);
    round_trip("RSA-PSS SHA-256, MGF1-SHA1", priv, pub, other, EVP_sha256(), &mgf1);

    printf("# RSA-PSS salt lengths on verify\n");
    unsigned char sig[512];
    size_t n = sign(priv, EVP_sha256(), &digest, msg, MSG_LEN, sig, sizeof(sig));
    CHECK(n == 256);
    CHECK(verify(pub, EVP_sha256(), &autos, msg, MSG_LEN, sig, n) == 1);
    CHECK(verify(pub, EVP_sha256(), &pss, msg, MSG_LEN, sig, n) == 1);
    CHECK(verify(pub, EVP_sha256(), &s32, msg, MSG_LEN, sig, n) == 1);
    CHECK(verify(pub, EVP_sha256(), &s20, msg, MSG_LEN, sig, n) != 1);
    CHECK(verify(pub, EVP_sha256(), &max, msg, MSG_LEN, sig, n) != 1);
    CHECK(verify(pub, EVP_sha256(), &pkcs1, msg, MSG_LEN, sig, n) != 1); /* wrong scheme */
    CHECK(verify(pub, EVP_sha256(), &mgf1, msg, MSG_LEN, sig, n) != 1);  /* wrong MGF1 */
    n = sign(priv, EVP_sha256(), &pss, msg, MSG_LEN, sig, sizeof(sig));
    /* OpenSSL 3.0 signs with the largest salt by default. */
    CHECK(n == 256 && verify(pub, EVP_sha256(), &max, msg, MSG_LEN, sig, n) == 1);
    CHECK(verify(pub, EVP_sha256(), &digest, msg, MSG_LEN, sig, n) != 1);
    /* A salt that cannot fit is refused when signing. */
    CHECK(sign(priv, EVP_sha256(), &s500, msg, MSG_LEN, sig, sizeof(sig)) == 0);
    ERR_clear_error();

    /* Salt length without PSS padding is refused. */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    CHECK(EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, priv) == 1);
    int pad = 0;
    CHECK(EVP_PKEY_CTX_get_rsa_padding(pctx, &pad) > 0 && pad == RSA_PKCS1_PADDING);
    CHECK(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 32) <= 0);
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
out:
    EVP_PKEY_free(priv);
    EVP_PKEY_free(pub);
    EVP_PKEY_free(other);
}

static void test_rsa_pss_key(void)
{
    EVP_PKEY *priv = load_private("keys/rsapss.key"), *pub = load_public("keys/rsapss.pub");
    EVP_PKEY *other = load_public("x509/rsa-leaf.pem");
    CHECK(priv != NULL && pub != NULL && EVP_PKEY_get_id(priv) == EVP_PKEY_RSA_PSS);
    if (priv == NULL || pub == NULL)
        goto out;
    rsa_opts digest = {0, 1, RSA_PSS_SALTLEN_DIGEST, NULL};
    round_trip("RSA-PSS key, SHA-256, salt = digest", priv, pub, other, EVP_sha256(), &digest);
    round_trip("RSA-PSS key, defaults", priv, pub, other, NULL, NULL);

    /* An RSA-PSS key signs with PSS only. */
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    int pad = 0;
    CHECK(EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, priv) == 1);
    CHECK(EVP_PKEY_CTX_get_rsa_padding(pctx, &pad) > 0 && pad == RSA_PKCS1_PSS_PADDING);
    CHECK(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) <= 0);
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
out:
    EVP_PKEY_free(priv);
    EVP_PKEY_free(pub);
    EVP_PKEY_free(other);
}

static void test_ec(void)
{
    EVP_PKEY *p256 = load_private("x509/ec-leaf.key"), *p256pub = load_public("x509/ec-leaf.pem");
    EVP_PKEY *p384 = load_private("x509/ec-root.key"), *p384pub = load_public("x509/ec-root.pem");
    EVP_PKEY *other = load_public("x509/ec-int.pem");
    CHECK(p256 != NULL && p256pub != NULL && p384 != NULL && p384pub != NULL && other != NULL);
    if (p256 == NULL || p256pub == NULL || p384 == NULL || p384pub == NULL || other == NULL)
        goto out;
    round_trip("ECDSA P-256 SHA-256", p256, p256pub, other, EVP_sha256(), NULL);
    round_trip("ECDSA P-256 default digest", p256, p256pub, other, NULL, NULL);
    round_trip("ECDSA P-256 SHA-384", p256, p256pub, other, EVP_sha384(), NULL);
    round_trip("ECDSA P-384 SHA-384", p384, p384pub, p256pub, EVP_sha384(), NULL);
    round_trip("ECDSA P-384 SHA-256", p384, p384pub, NULL, EVP_sha256(), NULL);

    /* Two signatures of one message differ (hedged nonces) and both verify. */
    unsigned char s1[128], s2[128];
    size_t n1 = sign(p256, EVP_sha256(), NULL, msg, MSG_LEN, s1, sizeof(s1));
    size_t n2 = sign(p256, EVP_sha256(), NULL, msg, MSG_LEN, s2, sizeof(s2));
    CHECK(n1 > 0 && n2 > 0 && (n1 != n2 || memcmp(s1, s2, n1) != 0));
    CHECK(verify(p256pub, EVP_sha256(), NULL, msg, MSG_LEN, s2, n2) == 1);
    /* A signature made with SHA-256 does not verify as SHA-384. */
    CHECK(verify(p256pub, EVP_sha384(), NULL, msg, MSG_LEN, s1, n1) != 1);
    /* A public key cannot sign. */
    CHECK(sign(p256pub, EVP_sha256(), NULL, msg, MSG_LEN, s1, sizeof(s1)) == 0);
    ERR_clear_error();
out:
    EVP_PKEY_free(p256);
    EVP_PKEY_free(p256pub);
    EVP_PKEY_free(p384);
    EVP_PKEY_free(p384pub);
    EVP_PKEY_free(other);
}

static void test_ed25519(void)
{
    EVP_PKEY *priv = load_private("x509/ed-leaf.key"), *pub = load_public("x509/ed-leaf.pem");
    EVP_PKEY *other = load_public("x509/ed-root.pem");
    CHECK(priv != NULL && pub != NULL && other != NULL);
    if (priv != NULL && pub != NULL && other != NULL)
        round_trip("Ed25519", priv, pub, other, NULL, NULL);

    /* RFC 8032 7.1 TEST 1 (empty message), through a raw key. */
    printf("# Ed25519 RFC 8032 test 1\n");
    unsigned char seed[32], want[64], sig[64];
    test_unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed, 32);
    test_unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
               "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
               want, 64);
    EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t n = sizeof(sig);
    CHECK(k != NULL && EVP_DigestSignInit(ctx, NULL, NULL, NULL, k) == 1);
    CHECK(EVP_DigestSign(ctx, sig, &n, (const unsigned char *)"", 0) == 1 && n == 64);
    CHECK_MEM(sig, want, 64, "RFC 8032 signature");
    EVP_MD_CTX_free(ctx);
    CHECK(verify(k, NULL, NULL, (const unsigned char *)"", 0, want, 64) == 1);
    want[63] ^= 0x40;
    CHECK(verify(k, NULL, NULL, (const unsigned char *)"", 0, want, 64) != 1);

    /* Ed25519 takes no digest. */
    ctx = EVP_MD_CTX_new();
    CHECK(EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, k) != 1);
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(k);
    EVP_PKEY_free(priv);
    EVP_PKEY_free(pub);
    EVP_PKEY_free(other);
}

static void test_x25519_cannot_sign(void)
{
    printf("# X25519 cannot sign\n");
    EVP_PKEY *x = load_private("keys/x25519.key");
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    CHECK(x != NULL && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, x) != 1);
    ERR_clear_error();
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(x);
}

/* ---- Wycheproof ---------------------------------------------------------- */

static const EVP_MD *md_by_wp_name(const char *name)
{
    if (strcmp(name, "SHA-1") == 0)
        return EVP_sha1();
    if (strcmp(name, "SHA-256") == 0)
        return EVP_sha256();
    if (strcmp(name, "SHA-384") == 0)
        return EVP_sha384();
    if (strcmp(name, "SHA-512") == 0)
        return EVP_sha512();
    return NULL;
}

typedef struct {
    int pss; /* RSA-PSS parameters from the group */
} wp_kind;

static int wp_verify_case(const json *group, const json *test, void *arg)
{
    const wp_kind *kind = arg;
    const char *result = json_get_str(test, "result");
    if (strcmp(result, "acceptable") == 0)
        return WP_SKIP;
    const EVP_MD *md = md_by_wp_name(json_get_str(group, "sha"));
    if (md == NULL)
        return WP_SKIP;
    size_t key_len, msg_len, sig_len;
    uint8_t *key = json_get_hex(group, "publicKeyDer", &key_len);
    uint8_t *m = json_get_hex(test, "msg", &msg_len);
    uint8_t *sig = json_get_hex(test, "sig", &sig_len);
    const unsigned char *p = key;
    EVP_PKEY *pub = key != NULL ? d2i_PUBKEY(NULL, &p, (long)key_len) : NULL;
    int outcome = WP_FAIL;
    if (pub != NULL && m != NULL && sig != NULL) {
        rsa_opts o = {0, 0, 0, NULL};
        if (kind->pss) {
            o.pss = 1;
            o.saltlen_set = 1;
            o.saltlen = (int)json_num(json_get(group, "sLen"));
            o.mgf1 = md_by_wp_name(json_get_str(group, "mgfSha"));
        }
        int r = verify(pub, md, kind->pss ? &o : NULL, m, msg_len, sig, sig_len);
        int want = strcmp(result, "valid") == 0;
        outcome = (r == 1) == want ? WP_PASS : WP_FAIL;
    }
    EVP_PKEY_free(pub);
    free(key);
    free(m);
    free(sig);
    ERR_clear_error();
    return outcome;
}

static void test_wycheproof(void)
{
    wp_kind ecdsa = {0}, pkcs1 = {0}, pss = {1};
    wycheproof_run("ecdsa_secp256r1_sha256_test.json", "(EVP_DigestVerify ECDSA P-256)",
                   wp_verify_case, &ecdsa);
    wycheproof_run("ecdsa_secp384r1_sha384_test.json", "(EVP_DigestVerify ECDSA P-384)",
                   wp_verify_case, &ecdsa);
    wycheproof_run("rsa_pss_2048_sha256_mgf1_32_test.json", "(EVP_DigestVerify RSA-PSS)",
                   wp_verify_case, &pss);
    wycheproof_run("rsa_pss_3072_sha256_mgf1_32_test.json", "(EVP_DigestVerify RSA-PSS)",
                   wp_verify_case, &pss);
    wycheproof_run("rsa_pss_2048_sha384_mgf1_48_test.json", "(EVP_DigestVerify RSA-PSS)",
                   wp_verify_case, &pss);
    wycheproof_run("rsa_signature_2048_sha256_test.json", "(EVP_DigestVerify RSA PKCS#1)",
                   wp_verify_case, &pkcs1);
}

int main(void)
{
    test_rsa();
    test_rsa_pss_key();
    test_ec();
    test_ed25519();
    test_x25519_cannot_sign();
    test_wycheproof();
    return test_summary();
}
