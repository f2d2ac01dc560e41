/*
 * X509 parsing and accessors, written against the OpenSSL API only. The
 * expected values come from tests/x509/make_fixtures.sh (subjects, serials,
 * dates, SANs, key types) and were checked against the system OpenSSL 3.0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "test.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

static void fixture_path(char *buf, size_t cap, const char *name, const char *ext)
{
    snprintf(buf, cap, "%s/x509/%s.%s", DATA_DIR, name, ext);
}

static X509 *load_bio(const char *name)
{
    char path[512];
    fixture_path(path, sizeof(path), name, "pem");
    BIO *b = BIO_new_file(path, "r");
    if (b == NULL)
        return NULL;
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    return x;
}

static X509 *load_fp(const char *name)
{
    char path[512];
    fixture_path(path, sizeof(path), name, "pem");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    X509 *x = PEM_read_X509(f, NULL, NULL, NULL);
    fclose(f);
    return x;
}

/* ---- PEM / DER ------------------------------------------------------------ */

static void test_pem_der(void)
{
    static const char *names[] = { "rsa-root", "rsa-int", "rsa-leaf", "ec-root", "ec-int",
                                   "ec-leaf", "ed-root", "ed-int", "ed-leaf", "wild-leaf",
                                   "critext-leaf", "nc-int", "badsig-leaf", "self-leaf" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        X509 *a = load_bio(names[i]);
        X509 *b = load_fp(names[i]);
        if (!CHECK(a != NULL && b != NULL)) {
            fprintf(stderr, "  cannot load %s\n", names[i]);
            X509_free(a);
            X509_free(b);
            continue;
        }
        CHECK(X509_cmp(a, b) == 0);

        /* i2d with a NULL buffer gives the length; with *pp it advances. */
        int len = i2d_X509(a, NULL);
        CHECK(len > 100);
        unsigned char *der = malloc((size_t)len), *p = der;
        CHECK(der != NULL && i2d_X509(a, &p) == len && p == der + len);

        /* i2d allocating its own buffer. */
        unsigned char *der2 = NULL;
        CHECK(i2d_X509(a, &der2) == len && der2 != NULL && memcmp(der, der2, (size_t)len) == 0);
        OPENSSL_free(der2);

        /* d2i advances the input and re-encodes to the same bytes. */
        const unsigned char *q = der;
        X509 *c = d2i_X509(NULL, &q, len);
        CHECK(c != NULL && q == der + len);
        if (c != NULL) {
            unsigned char *der3 = NULL;
            CHECK(i2d_X509(c, &der3) == len && memcmp(der, der3, (size_t)len) == 0);
            OPENSSL_free(der3);
            CHECK(X509_cmp(a, c) == 0);
        }
        X509_free(c);

        /* Truncated DER fails. */
        q = der;
        X509 *t = d2i_X509(NULL, &q, len - 1);
        CHECK(t == NULL);
        X509_free(t);
        ERR_clear_error();

        /* PEM write and read back through a memory BIO. */
        BIO *m = BIO_new(BIO_s_mem());
        CHECK(m != NULL && PEM_write_bio_X509(m, a) == 1);
        X509 *d = m ? PEM_read_bio_X509(m, NULL, NULL, NULL) : NULL;
        CHECK(d != NULL && X509_cmp(a, d) == 0);
        X509_free(d);
        BIO_free(m);

        free(der);
        X509_free(a);
        X509_free(b);
    }

    /* A file that is not PEM: NULL, no crash. */
    BIO *m = BIO_new_mem_buf("not a certificate\n", -1);
    X509 *x = PEM_read_bio_X509(m, NULL, NULL, NULL);
    CHECK(x == NULL);
    BIO_free(m);
    ERR_clear_error();
}

/* ---- names ------------------------------------------------------------------ */

static void test_names(void)
{
    X509 *x = load_bio("rsa-leaf");
    if (!CHECK(x != NULL))
        return;
    X509_NAME *subj = X509_get_subject_name(x);
    X509_NAME *iss = X509_get_issuer_name(x);
    CHECK(subj != NULL && iss != NULL);

    char buf[256];
    CHECK(X509_NAME_oneline(subj, buf, sizeof(buf)) == buf);
    if (!CHECK(strcmp(buf, "/C=XX/O=mintls test/CN=www.example.test") == 0))
        fprintf(stderr, "  subject oneline \"%s\"\n", buf);
    CHECK(X509_NAME_oneline(iss, buf, sizeof(buf)) == buf);
    if (!CHECK(strcmp(buf, "/C=XX/O=mintls test/CN=mintls RSA Intermediate") == 0))
        fprintf(stderr, "  issuer oneline \"%s\"\n", buf);
    char *dyn = X509_NAME_oneline(subj, NULL, 0);
    CHECK(dyn != NULL && strcmp(dyn, "/C=XX/O=mintls test/CN=www.example.test") == 0);
    OPENSSL_free(dyn);

    CHECK(X509_NAME_entry_count(subj) == 3);
    CHECK(X509_NAME_get_index_by_NID(subj, NID_countryName, -1) == 0);
    CHECK(X509_NAME_get_index_by_NID(subj, NID_organizationName, -1) == 1);
    int cn = X509_NAME_get_index_by_NID(subj, NID_commonName, -1);
    CHECK(cn == 2);
    CHECK(X509_NAME_get_index_by_NID(subj, NID_commonName, cn) == -1);
    CHECK(X509_NAME_get_index_by_NID(subj, NID_organizationalUnitName, -1) == -1);

    X509_NAME_ENTRY *e = X509_NAME_get_entry(subj, cn);
    CHECK(e != NULL);
    if (e != NULL) {
        CHECK(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) == NID_commonName);
        ASN1_STRING *d = X509_NAME_ENTRY_get_data(e);
        CHECK(d != NULL && ASN1_STRING_length(d) == 16 &&
              memcmp(ASN1_STRING_get0_data(d), "www.example.test", 16) == 0);
        CHECK(d != NULL && ASN1_STRING_type(d) == V_ASN1_UTF8STRING);
    }
    CHECK(X509_NAME_get_entry(subj, 3) == NULL);
    CHECK(X509_NAME_get_entry(subj, -1) == NULL);

    CHECK(X509_NAME_get_text_by_NID(subj, NID_commonName, buf, sizeof(buf)) == 16);
    CHECK(strcmp(buf, "www.example.test") == 0);
    CHECK(X509_NAME_get_text_by_NID(subj, NID_organizationName, buf, sizeof(buf)) == 11);
    CHECK(strcmp(buf, "mintls test") == 0);
    CHECK(X509_NAME_get_text_by_NID(subj, NID_countryName, NULL, 0) == 2);
    CHECK(X509_NAME_get_text_by_NID(subj, NID_organizationalUnitName, buf, sizeof(buf)) == -1);
    CHECK(X509_NAME_get_text_by_NID(iss, NID_commonName, buf, sizeof(buf)) > 0 &&
          strcmp(buf, "mintls RSA Intermediate") == 0);

    /* The issuer of the leaf is the intermediate's subject. */
    X509 *ca = load_bio("rsa-int");
    CHECK(ca != NULL && X509_NAME_cmp(iss, X509_get_subject_name(ca)) == 0);
    CHECK(ca != NULL && X509_NAME_cmp(subj, X509_get_subject_name(ca)) != 0);
    CHECK(ca != NULL && X509_check_issued(ca, x) == X509_V_OK);
    X509_free(ca);

    /* A root names itself. */
    X509 *root = load_bio("ec-root");
    CHECK(root != NULL && X509_NAME_cmp(X509_get_subject_name(root), X509_get_issuer_name(root)) == 0);
    CHECK(root != NULL && X509_NAME_oneline(X509_get_subject_name(root), buf, sizeof(buf)) &&
          strcmp(buf, "/O=mintls test/CN=mintls EC P-384 Root") == 0);
    CHECK(root != NULL && X509_NAME_entry_count(X509_get_subject_name(root)) == 2);
    X509_free(root);
    X509_free(x);
}

/* ---- serial, version, validity -------------------------------------------- */

static void check_serial(const char *name, long want)
{
    X509 *x = load_bio(name);
    if (!CHECK(x != NULL))
        return;
    const ASN1_INTEGER *s = X509_get0_serialNumber(x);
    CHECK(s != NULL && ASN1_INTEGER_get(s) == want);
    CHECK(X509_get_serialNumber(x) != NULL && ASN1_INTEGER_get(X509_get_serialNumber(x)) == want);
    BIGNUM *bn = s ? ASN1_INTEGER_to_BN(s, NULL) : NULL;
    CHECK(bn != NULL && BN_get_word(bn) == (BN_ULONG)want);
    BN_free(bn);
    CHECK(X509_get_version(x) == 2); /* v3 */
    X509_free(x);
}

static void check_tm(const ASN1_TIME *t, int year, int mon, int mday)
{
    struct tm tm;
    memset(&tm, 0xff, sizeof(tm));
    CHECK(t != NULL && ASN1_TIME_to_tm(t, &tm) == 1);
    if (!CHECK(tm.tm_year == year - 1900 && tm.tm_mon == mon - 1 && tm.tm_mday == mday &&
               tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0))
        fprintf(stderr, "  got %d-%d-%d %d:%d:%d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void check_print(const ASN1_TIME *t, const char *want)
{
    BIO *m = BIO_new(BIO_s_mem());
    char buf[64] = "";
    CHECK(m != NULL && ASN1_TIME_print(m, t) == 1);
    int n = m ? BIO_read(m, buf, sizeof(buf) - 1) : 0;
    buf[n > 0 ? n : 0] = '\0';
    if (!CHECK(strcmp(buf, want) == 0))
        fprintf(stderr, "  ASN1_TIME_print \"%s\", want \"%s\"\n", buf, want);
    BIO_free(m);
}

static void test_serial_time(void)
{
    check_serial("rsa-root", 0x1001);
    check_serial("rsa-leaf", 0x1003);
    check_serial("ec-leaf", 0x2003);
    check_serial("ed-root", 0x3001);
    check_serial("chain-leaf", 0x9003);

    X509 *x = load_bio("rsa-leaf");
    if (CHECK(x != NULL)) {
        const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
        check_tm(nb, 2024, 1, 1);
        check_tm(na, 2124, 1, 1);
        /* Before 2050 UTCTime, from 2050 GeneralizedTime (RFC 5280 4.1.2.5). */
        CHECK(ASN1_STRING_type(nb) == V_ASN1_UTCTIME);
        CHECK(ASN1_STRING_type(na) == V_ASN1_GENERALIZEDTIME);
        CHECK(ASN1_STRING_length(nb) == 13 && memcmp(ASN1_STRING_get0_data(nb), "240101000000Z", 13) == 0);
        CHECK(ASN1_STRING_length(na) == 15 &&
              memcmp(ASN1_STRING_get0_data(na), "21240101000000Z", 15) == 0);
        check_print(nb, "Jan  1 00:00:00 2024 GMT");
        check_print(na, "Jan  1 00:00:00 2124 GMT");
        time_t t2050 = (time_t)2524608000LL; /* 2050-01-01 */
        CHECK(X509_cmp_time(nb, &t2050) == -1);
        CHECK(X509_cmp_time(na, &t2050) == 1);
        X509_free(x);
    }
    x = load_bio("expired-leaf");
    if (CHECK(x != NULL)) {
        check_tm(X509_get0_notBefore(x), 2020, 1, 1);
        check_tm(X509_get0_notAfter(x), 2021, 1, 1);
        CHECK(X509_cmp_current_time(X509_get0_notAfter(x)) < 0);
        X509_free(x);
    }
    x = load_bio("notyet-leaf");
    if (CHECK(x != NULL)) {
        check_tm(X509_get0_notBefore(x), 2100, 1, 1);
        check_print(X509_get0_notBefore(x), "Jan  1 00:00:00 2100 GMT");
        CHECK(X509_cmp_current_time(X509_get0_notBefore(x)) > 0);
        X509_free(x);
    }
}

/* ---- public keys ---------------------------------------------------------- */

static void check_key(const char *name, int id, int bits, int sig_nid)
{
    X509 *x = load_bio(name);
    if (!CHECK(x != NULL))
        return;
    EVP_PKEY *k = X509_get_pubkey(x);
    CHECK(k != NULL);
    if (k != NULL) {
        if (!CHECK(EVP_PKEY_get_id(k) == id && EVP_PKEY_get_bits(k) == bits))
            fprintf(stderr, "  %s: id %d bits %d\n", name, EVP_PKEY_get_id(k), EVP_PKEY_get_bits(k));
        CHECK(EVP_PKEY_get_base_id(k) == id);
    }
    CHECK(X509_get0_pubkey(x) == k); /* the same object, no new reference */
    CHECK(X509_get_signature_nid(x) == sig_nid);
    EVP_PKEY_free(k);

    /* The private key in the fixture matches the certificate. */
    char path[512];
    fixture_path(path, sizeof(path), name, "key");
    BIO *b = BIO_new_file(path, "r");
    EVP_PKEY *priv = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    CHECK(priv != NULL && EVP_PKEY_get_id(priv) == id && EVP_PKEY_get_bits(priv) == bits);
    CHECK(priv != NULL && X509_check_private_key(x, priv) == 1);
    CHECK(priv != NULL && EVP_PKEY_eq(priv, X509_get0_pubkey(x)) == 1);
    EVP_PKEY_free(priv);
    X509_free(x);
}

static void test_keys(void)
{
    check_key("rsa-root", EVP_PKEY_RSA, 2048, NID_sha256WithRSAEncryption);
    check_key("rsa-leaf", EVP_PKEY_RSA, 2048, NID_sha256WithRSAEncryption);
    check_key("ec-root", EVP_PKEY_EC, 384, NID_ecdsa_with_SHA256);
    check_key("ec-int", EVP_PKEY_EC, 256, NID_ecdsa_with_SHA384);
    check_key("ec-leaf", EVP_PKEY_EC, 256, NID_ecdsa_with_SHA256);
    check_key("ed-root", EVP_PKEY_ED25519, 256, NID_ED25519);
    check_key("ed-leaf", EVP_PKEY_ED25519, 256, NID_ED25519);
    check_key("chain-int2", EVP_PKEY_EC, 256, NID_sha256WithRSAEncryption);

    /* A key that does not belong to the certificate. */
    X509 *x = load_bio("rsa-leaf");
    char path[512];
    fixture_path(path, sizeof(path), "rsa-int", "key");
    BIO *b = BIO_new_file(path, "r");
    EVP_PKEY *other = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    CHECK(x != NULL && other != NULL && X509_check_private_key(x, other) == 0);
    /* ...but it is the one that signed it. */
    CHECK(x != NULL && other != NULL && X509_verify(x, other) == 1);
    X509 *bad = load_bio("badsig-leaf");
    CHECK(bad != NULL && other != NULL && X509_verify(bad, other) <= 0);
    EVP_PKEY_free(other);
    X509_free(bad);
    X509_free(x);
    ERR_clear_error();
}

/* ---- extensions ------------------------------------------------------------ */

static void test_san(void)
{
    X509 *x = load_bio("rsa-leaf");
    if (!CHECK(x != NULL))
        return;
    int crit = -2;
    GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL);
    CHECK(gens != NULL && crit == 0);
    CHECK(gens != NULL && sk_GENERAL_NAME_num(gens) == 5);
    for (int i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
        const unsigned char *d;
        int len;
        switch (i) {
        case 0:
        case 1: {
            const char *want = i == 0 ? "www.example.test" : "example.test";
            CHECK(g->type == GEN_DNS);
            d = ASN1_STRING_get0_data(g->d.dNSName);
            len = ASN1_STRING_length(g->d.dNSName);
            CHECK(len == (int)strlen(want) && memcmp(d, want, (size_t)len) == 0);
            CHECK(ASN1_STRING_type(g->d.dNSName) == V_ASN1_IA5STRING);
            break;
        }
        case 2: {
            static const unsigned char v4[4] = { 192, 0, 2, 1 };
            CHECK(g->type == GEN_IPADD);
            CHECK(ASN1_STRING_length(g->d.iPAddress) == 4 &&
                  memcmp(ASN1_STRING_get0_data(g->d.iPAddress), v4, 4) == 0);
            break;
        }
        case 3: {
            static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                                  0,    0,    0,    0,    0, 0, 0, 1 };
            CHECK(g->type == GEN_IPADD);
            CHECK(ASN1_STRING_length(g->d.iPAddress) == 16 &&
                  memcmp(ASN1_STRING_get0_data(g->d.iPAddress), v6, 16) == 0);
            break;
        }
        case 4:
            CHECK(g->type == GEN_EMAIL);
            CHECK(ASN1_STRING_length(g->d.rfc822Name) == 18 &&
                  memcmp(ASN1_STRING_get0_data(g->d.rfc822Name), "admin@example.test", 18) == 0);
            break;
        }
    }
    GENERAL_NAMES_free(gens);
    X509_free(x);

    /* No SAN: NULL, and crit says "not found" (-1). */
    x = load_bio("cn-only-leaf");
    if (CHECK(x != NULL)) {
        crit = -2;
        CHECK(X509_get_ext_d2i(x, NID_subject_alt_name, &crit, NULL) == NULL && crit == -1);
        X509_free(x);
    }

    /* The wildcard leaf's names, in order. */
    x = load_bio("wild-leaf");
    if (CHECK(x != NULL)) {
        static const char *want[] = { "*.example.test", "*.test", "f*.partial.test",
                                      "xn--*.idn.test", "xn--bcher-kva.example2.test",
                                      "*.xn--bcher-kva.test" };
        gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
        CHECK(gens != NULL && sk_GENERAL_NAME_num(gens) == 6);
        for (int i = 0; gens != NULL && i < 6 && i < sk_GENERAL_NAME_num(gens); i++) {
            const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
            CHECK(g->type == GEN_DNS &&
                  ASN1_STRING_length(g->d.dNSName) == (int)strlen(want[i]) &&
                  memcmp(ASN1_STRING_get0_data(g->d.dNSName), want[i], strlen(want[i])) == 0);
        }
        GENERAL_NAMES_free(gens);
        X509_free(x);
    }
}

static void check_bc(const char *name, int ca, long pathlen)
{
    X509 *x = load_bio(name);
    if (!CHECK(x != NULL))
        return;
    int crit = -2;
    BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, NULL);
    CHECK(bc != NULL && crit == 1);
    if (bc != NULL) {
        CHECK((bc->ca != 0) == ca);
        if (pathlen < 0)
            CHECK(bc->pathlen == NULL);
        else
            CHECK(bc->pathlen != NULL && ASN1_INTEGER_get(bc->pathlen) == pathlen);
    }
    BASIC_CONSTRAINTS_free(bc);
    CHECK(X509_check_ca(x) == (ca ? 1 : 0));
    X509_free(x);
}

static void test_extensions(void)
{
    check_bc("rsa-root", 1, -1);
    check_bc("rsa-int", 1, -1);
    check_bc("pathlen0-int", 1, 0);
    check_bc("rsa-leaf", 0, -1);
    check_bc("notca-int", 0, -1);

    X509 *x = load_bio("rsa-leaf");
    if (CHECK(x != NULL)) {
        CHECK(X509_get_ext_count(x) == 6);
        CHECK(X509_get_ext_by_NID(x, NID_basic_constraints, -1) == 0);
        CHECK(X509_get_ext_by_NID(x, NID_subject_alt_name, -1) == 5);
        CHECK(X509_get_ext_by_NID(x, NID_name_constraints, -1) == -1);
        X509_EXTENSION *e = X509_get_ext(x, 0);
        CHECK(e != NULL && X509_EXTENSION_get_critical(e) == 1 &&
              OBJ_obj2nid(X509_EXTENSION_get_object(e)) == NID_basic_constraints);
        CHECK(X509_get_key_usage(x) == (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
        CHECK(X509_get_extended_key_usage(x) == (XKU_SSL_SERVER | XKU_SSL_CLIENT));
        const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(x);
        CHECK(ski != NULL && ASN1_STRING_length(ski) == 20);
        X509 *ca = load_bio("rsa-int");
        const ASN1_OCTET_STRING *aki = X509_get0_authority_key_id(x);
        CHECK(ca != NULL && aki != NULL && ASN1_OCTET_STRING_cmp(aki, X509_get0_subject_key_id(ca)) == 0);
        X509_free(ca);
        X509_free(x);
    }
    x = load_bio("client-leaf");
    CHECK(x != NULL && X509_get_extended_key_usage(x) == XKU_SSL_CLIENT);
    X509_free(x);

    /* The unknown critical extension is present and critical. */
    x = load_bio("critext-leaf");
    if (CHECK(x != NULL)) {
        ASN1_OBJECT *oid = OBJ_txt2obj("1.3.6.1.4.1.55555.1.1", 1);
        int idx = oid ? X509_get_ext_by_OBJ(x, oid, -1) : -1;
        CHECK(idx >= 0);
        X509_EXTENSION *e = idx >= 0 ? X509_get_ext(x, idx) : NULL;
        CHECK(e != NULL && X509_EXTENSION_get_critical(e) == 1);
        CHECK(X509_get_ext_by_critical(x, 1, -1) >= 0);
        ASN1_OBJECT_free(oid);
        X509_free(x);
    }
}

/* ---- digests ---------------------------------------------------------------- */

static void check_digest(const char *name)
{
    X509 *x = load_bio(name);
    if (!CHECK(x != NULL))
        return;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    CHECK(X509_digest(x, EVP_sha256(), md, &mdlen) == 1 && mdlen == 32);

    /* Against the fingerprint openssl wrote next to the fixture. */
    char path[512], *hex;
    fixture_path(path, sizeof(path), name, "sha256");
    hex = test_read_file(path, NULL);
    CHECK(hex != NULL);
    if (hex != NULL) {
        uint8_t want[32];
        hex[64] = '\0';
        CHECK(test_unhex(hex, want, sizeof(want)) == 32);
        CHECK_MEM(md, want, 32, name);
        free(hex);
    }

    /* And against SHA-256 of the DER encoding. */
    unsigned char *der = NULL, md2[32];
    int len = i2d_X509(x, &der);
    unsigned int md2len = 0;
    CHECK(len > 0 && EVP_Digest(der, (size_t)len, md2, &md2len, EVP_sha256(), NULL) == 1);
    CHECK_MEM(md, md2, 32, "X509_digest vs EVP_Digest");
    OPENSSL_free(der);

    CHECK(X509_digest(x, EVP_sha1(), md, &mdlen) == 1 && mdlen == 20);
    X509_free(x);
}

static void test_digest(void)
{
    check_digest("rsa-leaf");
    check_digest("ec-leaf");
    check_digest("ed-leaf");
}

/* ---- OBJ ---------------------------------------------------------------------- */

static void test_obj(void)
{
    static const struct { int nid; const char *sn, *ln, *oid; } o[] = {
        { NID_commonName, "CN", "commonName", "2.5.4.3" },
        { NID_countryName, "C", "countryName", "2.5.4.6" },
        { NID_organizationName, "O", "organizationName", "2.5.4.10" },
        { NID_subject_alt_name, "subjectAltName", "X509v3 Subject Alternative Name", "2.5.29.17" },
        { NID_basic_constraints, "basicConstraints", "X509v3 Basic Constraints", "2.5.29.19" },
        { NID_key_usage, "keyUsage", "X509v3 Key Usage", "2.5.29.15" },
        { NID_ext_key_usage, "extendedKeyUsage", "X509v3 Extended Key Usage", "2.5.29.37" },
        { NID_name_constraints, "nameConstraints", "X509v3 Name Constraints", "2.5.29.30" },
        { NID_server_auth, "serverAuth", "TLS Web Server Authentication", "1.3.6.1.5.5.7.3.1" },
        { NID_client_auth, "clientAuth", "TLS Web Client Authentication", "1.3.6.1.5.5.7.3.2" },
        { NID_sha256WithRSAEncryption, "RSA-SHA256", "sha256WithRSAEncryption", "1.2.840.113549.1.1.11" },
        { NID_ecdsa_with_SHA256, "ecdsa-with-SHA256", "ecdsa-with-SHA256", "1.2.840.10045.4.3.2" },
        { NID_ED25519, "ED25519", "ED25519", "1.3.101.112" },
        { NID_rsaEncryption, "rsaEncryption", "rsaEncryption", "1.2.840.113549.1.1.1" },
        { NID_X9_62_id_ecPublicKey, "id-ecPublicKey", "id-ecPublicKey", "1.2.840.10045.2.1" },
    };
    for (size_t i = 0; i < sizeof(o) / sizeof(o[0]); i++) {
        const char *sn = OBJ_nid2sn(o[i].nid), *ln = OBJ_nid2ln(o[i].nid);
        if (!CHECK(sn != NULL && ln != NULL && strcmp(sn, o[i].sn) == 0 && strcmp(ln, o[i].ln) == 0))
            fprintf(stderr, "  nid %d: sn \"%s\" ln \"%s\"\n", o[i].nid, sn ? sn : "(null)",
                    ln ? ln : "(null)");
        CHECK(OBJ_txt2nid(o[i].sn) == o[i].nid);
        CHECK(OBJ_txt2nid(o[i].ln) == o[i].nid);
        CHECK(OBJ_txt2nid(o[i].oid) == o[i].nid);
        CHECK(OBJ_sn2nid(o[i].sn) == o[i].nid);
        CHECK(OBJ_ln2nid(o[i].ln) == o[i].nid);
        ASN1_OBJECT *obj = OBJ_nid2obj(o[i].nid);
        char buf[80];
        CHECK(obj != NULL && OBJ_obj2txt(buf, sizeof(buf), obj, 1) > 0 && strcmp(buf, o[i].oid) == 0);
    }
    CHECK(OBJ_txt2nid("1.3.6.1.4.1.55555.1.1") == NID_undef);
    CHECK(OBJ_txt2nid("no such object") == NID_undef);
    ERR_clear_error();
}

int main(void)
{
    test_pem_der();
    test_names();
    test_serial_time();
    test_keys();
    test_san();
    test_extensions();
    test_digest();
    test_obj();
    ERR_clear_error();
    return test_summary();
}
