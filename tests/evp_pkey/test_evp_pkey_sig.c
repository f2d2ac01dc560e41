/*
 * mintls_evp_pkey_verify_sig against real certificates: every fixture in
 * tests/data/x509 (RSA PKCS#1, ECDSA P-256/P-384, Ed25519) and the RSA-PSS
 * ones in tests/data/keys, each checked with its issuer's key. The
 * bad-signature fixture must fail; so must any altered input.
 */
#include <dirent.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/evp_pkey.h"
#include "internal/pem.h"
#include "internal/x509_cert.h"
#include <openssl/bio.h>
#include <openssl/pem.h>
#include "test.h"

#define DATA_DIR VECTORS_DIR "/../data"
#define MAX_CERTS 64

typedef struct {
    char name[300];
    uint8_t *der;
    size_t len;
    x509_cert cert;
    EVP_PKEY *key;
} fixture;

static fixture certs[MAX_CERTS];
static size_t ncerts;

static void load_dir(const char *sub)
{
    char dir[512], path[1024];
    snprintf(dir, sizeof(dir), "%s/%s", DATA_DIR, sub);
    DIR *d = opendir(dir);
    if (!CHECK(d != NULL))
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && ncerts < MAX_CERTS) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".pem") != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        size_t len;
        char *text = test_read_file(path, &len);
        if (!CHECK(text != NULL))
            continue;
        fixture *f = &certs[ncerts];
        pem_iter it;
        pem_block b;
        mintls_pem_iter_init(&it, text, len);
        if (CHECK(mintls_pem_next_alloc(&it, &b, &f->der, &f->len) == PEM_OK) &&
            CHECK(mintls_x509_cert_parse(&f->cert, f->der, f->len))) {
            snprintf(f->name, sizeof(f->name), "%s/%s", sub, e->d_name);
            f->key = mintls_evp_pkey_from_spki(f->cert.spki.p, f->cert.spki.len);
            if (!CHECK(f->key != NULL))
                printf("  no key from %s\n", f->name);
            ncerts++;
        }
        free(text);
    }
    closedir(d);
}

static int verify_with(const fixture *leaf, const fixture *issuer)
{
    const x509_cert *c = &leaf->cert;
    return mintls_evp_pkey_verify_sig(issuer->key, c->outer_sig_nid, c->outer_sig_params.p,
                                      c->outer_sig_params.len, c->tbs.p, c->tbs.len,
                                      c->signature.p, c->signature.len);
}

static void test_fixtures(void)
{
    size_t verified = 0, pss = 0;
    for (size_t i = 0; i < ncerts; i++) {
        fixture *f = &certs[i];
        const fixture *issuer = NULL;
        int ok = 0;
        for (size_t j = 0; j < ncerts && !ok; j++) {
            const x509_name *subj = &certs[j].cert.subject, *iss = &f->cert.issuer;
            if (subj->der.len != iss->der.len || memcmp(subj->der.p, iss->der.p, iss->der.len) != 0)
                continue;
            if (certs[j].key == NULL)
                continue;
            issuer = &certs[j];
            ok = verify_with(f, issuer);
        }
        ERR_clear_error();
        int expect = strstr(f->name, "badsig") == NULL;
        if (!CHECK(issuer != NULL) || !CHECK(ok == expect)) {
            printf("  %s: issuer %s, verify %d\n", f->name, issuer ? issuer->name : "none", ok);
            continue;
        }
        if (!ok)
            continue;
        verified++;
        if (f->cert.outer_sig_nid == NID_rsassaPss)
            pss++;
        /* Any change to what was signed, or to the signature, must fail. */
        const x509_cert *c = &f->cert;
        uint8_t *tbs = malloc(c->tbs.len), *sig = malloc(c->signature.len);
        if (!CHECK(tbs && sig))
            return;
        memcpy(tbs, c->tbs.p, c->tbs.len);
        tbs[c->tbs.len / 2] ^= 0x01;
        CHECK(!mintls_evp_pkey_verify_sig(issuer->key, c->outer_sig_nid, c->outer_sig_params.p,
                                          c->outer_sig_params.len, tbs, c->tbs.len,
                                          c->signature.p, c->signature.len));
        memcpy(sig, c->signature.p, c->signature.len);
        sig[c->signature.len - 1] ^= 0x80;
        CHECK(!mintls_evp_pkey_verify_sig(issuer->key, c->outer_sig_nid, c->outer_sig_params.p,
                                          c->outer_sig_params.len, c->tbs.p, c->tbs.len, sig,
                                          c->signature.len));
        CHECK(!mintls_evp_pkey_verify_sig(issuer->key, c->outer_sig_nid, c->outer_sig_params.p,
                                          c->outer_sig_params.len, c->tbs.p, c->tbs.len,
                                          c->signature.p, c->signature.len - 1));
        free(tbs);
        free(sig);
        ERR_clear_error();
    }
    printf("verified %zu certificates (%zu RSA-PSS)\n", verified, pss);
    CHECK(verified + 1 == ncerts);
    CHECK(pss == 2);
}

static const fixture *find(const char *name)
{
    for (size_t i = 0; i < ncerts; i++)
        if (strcmp(certs[i].name, name) == 0)
            return &certs[i];
    printf("  missing fixture %s\n", name);
    return NULL;
}

/* Algorithm, key and parameter mismatches are refused, with an error. */
static void test_mismatches(void)
{
    const fixture *rsa = find("x509/rsa-leaf.pem"), *rsa_int = find("x509/rsa-int.pem");
    const fixture *ec = find("x509/ec-leaf.pem"), *ec_int = find("x509/ec-int.pem");
    const fixture *ed = find("x509/ed-leaf.pem"), *ed_int = find("x509/ed-int.pem");
    const fixture *pss = find("keys/pss-leaf.pem"), *rsa_root = find("x509/rsa-root.pem");
    if (!CHECK(rsa && rsa_int && ec && ec_int && ed && ed_int && pss && rsa_root))
        return;
    const x509_cert *c = &rsa->cert;
    /* Right key, wrong hash. */
    CHECK(c->outer_sig_nid == NID_sha256WithRSAEncryption);
    CHECK(!mintls_evp_pkey_verify_sig(rsa_int->key, NID_sha384WithRSAEncryption, NULL, 0,
                                      c->tbs.p, c->tbs.len, c->signature.p, c->signature.len));
    /* Right data, key of another type. */
    ERR_clear_error();
    CHECK(!mintls_evp_pkey_verify_sig(ec_int->key, c->outer_sig_nid, NULL, 0, c->tbs.p,
                                      c->tbs.len, c->signature.p, c->signature.len));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* Unknown algorithm. */
    CHECK(!mintls_evp_pkey_verify_sig(rsa_int->key, NID_undef, NULL, 0, c->tbs.p, c->tbs.len,
                                      c->signature.p, c->signature.len));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* ECDSA with parameters present. */
    const x509_cert *e = &ec->cert;
    static const uint8_t null_params[] = {0x05, 0x00};
    CHECK(mintls_evp_pkey_verify_sig(ec_int->key, e->outer_sig_nid, NULL, 0, e->tbs.p,
                                     e->tbs.len, e->signature.p, e->signature.len));
    CHECK(!mintls_evp_pkey_verify_sig(ec_int->key, e->outer_sig_nid, null_params, 2, e->tbs.p,
                                      e->tbs.len, e->signature.p, e->signature.len));
    /* Ed25519 over a different message. */
    const x509_cert *d = &ed->cert;
    CHECK(!mintls_evp_pkey_verify_sig(ed_int->key, NID_ED25519, NULL, 0, d->tbs.p,
                                      d->tbs.len - 1, d->signature.p, d->signature.len));
    /* PSS: absent parameters, or a different salt length, fail. */
    const x509_cert *p = &pss->cert;
    CHECK(!mintls_evp_pkey_verify_sig(rsa_root->key, NID_rsassaPss, NULL, 0, p->tbs.p,
                                      p->tbs.len, p->signature.p, p->signature.len));
    uint8_t params[64];
    if (CHECK(p->outer_sig_params.len <= sizeof(params))) {
        memcpy(params, p->outer_sig_params.p, p->outer_sig_params.len);
        /* The salt length is the last INTEGER: 32 (0x20) -> 33. */
        uint8_t *s = NULL;
        for (size_t i = 0; i + 4 < p->outer_sig_params.len; i++)
            if (params[i] == 0xa2 && params[i + 1] == 3 && params[i + 2] == 2 && params[i + 3] == 1)
                s = &params[i + 4];
        if (CHECK(s != NULL && *s == 0x20)) {
            CHECK(mintls_evp_pkey_verify_sig(rsa_root->key, NID_rsassaPss, params,
                                             p->outer_sig_params.len, p->tbs.p, p->tbs.len,
                                             p->signature.p, p->signature.len));
            *s = 0x21;
            CHECK(!mintls_evp_pkey_verify_sig(rsa_root->key, NID_rsassaPss, params,
                                              p->outer_sig_params.len, p->tbs.p, p->tbs.len,
                                              p->signature.p, p->signature.len));
        }
    }
    ERR_clear_error();
}

/* ---- one message signed with every hash (tests/evp_pkey/make_sigs.sh) ---- */

static EVP_PKEY *load_key(const char *rel)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", DATA_DIR, rel);
    BIO *b = BIO_new_file(path, "r");
    EVP_PKEY *k = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (k == NULL)
        printf("  cannot load %s\n", path);
    return k;
}

static uint8_t *load_sig(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/keys/sigs/%s", DATA_DIR, name);
    return (uint8_t *)test_read_file(path, len);
}

/*
 * RSASSA-PSS-params (RFC 4055 3.1) for hash h with MGF1-h and salt = hash
 * length; hash_oid is the last byte of the NIST hash OID (sha256 = 1, ...).
 */
static size_t pss_params(uint8_t out[64], uint8_t hash_oid, uint8_t salt)
{
    static const uint8_t nist_hash[] = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};
    static const uint8_t mgf1[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
    uint8_t alg[15];
    size_t n = 0;
    alg[0] = 0x30;
    alg[1] = 13;
    memcpy(alg + 2, nist_hash, sizeof(nist_hash));
    alg[12] = hash_oid;
    alg[13] = 0x05;
    alg[14] = 0x00;
    out[n++] = 0x30;
    out[n++] = 52;
    out[n++] = 0xa0;
    out[n++] = 15;
    memcpy(out + n, alg, 15);
    n += 15;
    out[n++] = 0xa1;
    out[n++] = 28;
    out[n++] = 0x30;
    out[n++] = 26;
    memcpy(out + n, mgf1, sizeof(mgf1));
    n += sizeof(mgf1);
    memcpy(out + n, alg, 15);
    n += 15;
    out[n++] = 0xa2;
    out[n++] = 3;
    out[n++] = 0x02;
    out[n++] = 1;
    out[n++] = salt;
    return n;
}

static void check_sig(const char *what, const EVP_PKEY *key, int nid, const uint8_t *params,
                      size_t params_len, const char *sig_file)
{
    size_t msg_len, sig_len;
    uint8_t *msg = load_sig("msg.txt", &msg_len);
    uint8_t *sig = load_sig(sig_file, &sig_len);
    if (CHECK(msg && sig)) {
        if (!CHECK(mintls_evp_pkey_verify_sig(key, nid, params, params_len, msg, msg_len, sig,
                                              sig_len) == 1))
            printf("  %s: valid signature refused\n", what);
        msg[0] ^= 1;
        CHECK(mintls_evp_pkey_verify_sig(key, nid, params, params_len, msg, msg_len, sig,
                                         sig_len) == 0);
        msg[0] ^= 1;
        sig[sig_len / 2] ^= 0x10;
        CHECK(mintls_evp_pkey_verify_sig(key, nid, params, params_len, msg, msg_len, sig,
                                         sig_len) == 0);
        /* Truncated signatures never verify (nor crash). */
        for (size_t cut = 0; cut < sig_len; cut += 13)
            CHECK(mintls_evp_pkey_verify_sig(key, nid, params, params_len, msg, msg_len, sig,
                                             cut) == 0);
    }
    ERR_clear_error();
    free(msg);
    free(sig);
}

static void test_every_hash(void)
{
    EVP_PKEY *rsa = load_key("x509/rsa-leaf.key"), *p256 = load_key("x509/ec-leaf.key");
    EVP_PKEY *p384 = load_key("x509/ec-root.key"), *ed = load_key("x509/ed-leaf.key");
    EVP_PKEY *pss_key = load_key("keys/rsapss.key");
    if (!CHECK(rsa && p256 && p384 && ed && pss_key))
        goto done;
    static const struct {
        const char *name;
        int rsa_nid, ecdsa_nid;
    } hashes[] = {
        {"sha1", NID_sha1WithRSAEncryption, NID_ecdsa_with_SHA1},
        {"sha224", NID_sha224WithRSAEncryption, NID_ecdsa_with_SHA224},
        {"sha256", NID_sha256WithRSAEncryption, NID_ecdsa_with_SHA256},
        {"sha384", NID_sha384WithRSAEncryption, NID_ecdsa_with_SHA384},
        {"sha512", NID_sha512WithRSAEncryption, NID_ecdsa_with_SHA512},
    };
    static const uint8_t null_params[] = {0x05, 0x00};
    char file[64];
    for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
        snprintf(file, sizeof(file), "rsa-pkcs1-%s.sig", hashes[i].name);
        check_sig(file, rsa, hashes[i].rsa_nid, null_params, 2, file);
        check_sig(file, rsa, hashes[i].rsa_nid, NULL, 0, file);
        snprintf(file, sizeof(file), "p256-%s.sig", hashes[i].name);
        check_sig(file, p256, hashes[i].ecdsa_nid, NULL, 0, file);
        snprintf(file, sizeof(file), "p384-%s.sig", hashes[i].name);
        check_sig(file, p384, hashes[i].ecdsa_nid, NULL, 0, file);
    }
    /* PSS with SHA-1: every field at its default, so an empty SEQUENCE. */
    static const uint8_t pss_defaults[] = {0x30, 0x00};
    check_sig("pss sha1", rsa, NID_rsassaPss, pss_defaults, 2, "rsa-pss-sha1.sig");
    uint8_t params[64];
    size_t n = pss_params(params, 1, 32);
    check_sig("pss sha256", rsa, NID_rsassaPss, params, n, "rsa-pss-sha256.sig");
    check_sig("pss key sha256", pss_key, NID_rsassaPss, params, n, "rsapss-key-sha256.sig");
    n = pss_params(params, 2, 48);
    check_sig("pss sha384", rsa, NID_rsassaPss, params, n, "rsa-pss-sha384.sig");
    n = pss_params(params, 3, 64);
    check_sig("pss sha512", rsa, NID_rsassaPss, params, n, "rsa-pss-sha512.sig");
    check_sig("ed25519", ed, NID_ED25519, NULL, 0, "ed25519.sig");

    /* A PKCS#1 signature does not pass as PSS, nor ECDSA P-256 under the P-384 key. */
    size_t ml, sl;
    uint8_t *msg = load_sig("msg.txt", &ml), *sig = load_sig("rsa-pkcs1-sha256.sig", &sl);
    n = pss_params(params, 1, 32);
    CHECK(msg && sig &&
          mintls_evp_pkey_verify_sig(rsa, NID_rsassaPss, params, n, msg, ml, sig, sl) == 0);
    /* PKCS#1 v1.5 is not allowed with an id-RSASSA-PSS key. */
    free(sig);
    sig = load_sig("rsapss-key-sha256.sig", &sl);
    CHECK(msg && sig &&
          mintls_evp_pkey_verify_sig(pss_key, NID_sha256WithRSAEncryption, NULL, 0, msg, ml,
                                     sig, sl) == 0);
    free(sig);
    sig = load_sig("p256-sha256.sig", &sl);
    CHECK(msg && sig &&
          mintls_evp_pkey_verify_sig(p384, NID_ecdsa_with_SHA256, NULL, 0, msg, ml, sig, sl) == 0);
    free(sig);
    free(msg);
    ERR_clear_error();
done:
    EVP_PKEY_free(rsa);
    EVP_PKEY_free(p256);
    EVP_PKEY_free(p384);
    EVP_PKEY_free(ed);
    EVP_PKEY_free(pss_key);
}

int main(void)
{
    load_dir("x509");
    load_dir("keys");
    CHECK(ncerts >= 30);
    test_fixtures();
    test_mismatches();
    test_every_hash();
    for (size_t i = 0; i < ncerts; i++) {
        EVP_PKEY_free(certs[i].key);
        mintls_x509_cert_cleanup(&certs[i].cert);
        free(certs[i].der);
    }
    return test_summary();
}
