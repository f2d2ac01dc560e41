/*
 * The X509 object API beyond tests/x509/test_x509_accessors.c, written
 * against the OpenSSL API only: X509_NAME_print_ex flag sets, one-line
 * forms, canonical comparison and hashes (checked against the c_rehash
 * links in /etc/ssl/certs), d2i/i2d conventions, PEM with several blocks,
 * TRUSTED CERTIFICATE, and malformed input (NULL plus an error, never a
 * crash). The expected strings were produced by the system OpenSSL 3.0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bio.h>
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

#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
#define CA_DIR "/etc/ssl/certs"

static X509 *load(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    return x;
}

static char *file_text(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s", DATA_DIR, name);
    return test_read_file(path, NULL);
}

static X509_NAME *name_from_hex(const char *hex)
{
    size_t len;
    uint8_t *der = test_unhex_alloc(hex, &len);
    const unsigned char *p = der;
    X509_NAME *n = der ? d2i_X509_NAME(NULL, &p, (long)len) : NULL;
    CHECK(n != NULL && p == der + len);
    free(der);
    return n;
}

/* ---- X509_NAME text forms ----------------------------------------------- */

/* C=DE, O="  Müller   &  Söhne, GmbH ", OU=Unit+One + CN=#hash "q" <x>;y\z,
   1.2.3.4.5=unknown, emailAddress (IA5), CN as BMPString "Ωmega", L as T61String. */
static const char NAME1[] =
    "3081b9310b300906035504061302444531253023060355040a0c1c20204dc3bc6c6c657220202026202053c3b6686e"
    "652c20476d624820312b300f060355040b1308556e69742b4f6e65301806035504030c11236861736820227122203c"
    "783e3b795c7a3111300f06042a0304050c07756e6b6e6f776e311d301b06092a864886f70d010901160e4140457861"
    "6d706c652e544553543113301106035504031e0a03a9006d006500670061310f300d06035504071406636166e90958";
/* O=a/B=c/CN=d, CN=x+y + serialNumber=42, CN="  Mixed   CASE\tText " */
static const char NAME2[] =
    "304d31133011060355040a130a612f423d632f434e3d643117300a06035504030c03782b7930090603550405130234"
    "32311d301b06035504030c1420204d6978656420202043415345095465787420";
/* NAME2 in other case, spacing, string types and SET order: equal to it canonically. */
static const char NAME3[] =
    "304831133011060355040a0c0a412f623d432f636e3d4431173009060355040513023432300a06035504030c03582b"
    "59311830160603550403130f6d6978656420636173652074657874";
/* NAME3 with one character less: different. */
static const char NAME4[] =
    "304731133011060355040a0c0a412f623d432f636e3d4431173009060355040513023432300a06035504030c03582b"
    "59311730150603550403130e6d69786564206361736520746578";

struct print_case {
    unsigned long flags;
    int indent, ret;
    const char *want;
};

static const struct print_case NAME1_PRINT[] = {
    { 0x82031fUL, 0, 185, "C = DE, O = \"  M\\C3\\BCller   &  S\\C3\\B6hne, GmbH \", OU = \"Unit+One\" + CN = \"#hash \\\"q\\\" <x>;y\\\\z\", 1.2.3.4.5 = unknown, emailAddress = A@Example.TEST, CN = \\CE\\A9mega, L = caf\\C3\\A9\\09X" },
    { 0x1110317UL, 0, 175, "L=caf\\C3\\A9\\09X,CN=\\CE\\A9mega,emailAddress=A@Example.TEST,1.2.3.4.5=#0C07756E6B6E6F776E,CN=\\#hash \\\"q\\\" \\<x\\>\\;y\\\\z+OU=Unit\\+One,O=\\  M\\C3\\BCller   &  S\\C3\\B6hne\\, GmbH\\ ,C=DE" },
    { 0x20000UL, 0, 143, "C=DE, O=  M\xfc""ller   &  S\xf6""hne, GmbH , OU=Unit+One + CN=#hash \"q\" <x>;y\\z, 1.2.3.4.5=unknown, emailAddress=A@Example.TEST, CN=\\U03A9mega, L=caf\xe9""\x09""X" },
    { 0x2a40006UL, 2, 330, "  countryName               = DE\n  organizationName          =   M\\FCller   &  S\\F6hne, GmbH \n  organizationalUnitName    = Unit+One + commonName                = #hash \"q\" <x>;y\\\\z\n  1.2.3.4.5 = unknown\n  emailAddress              = A@Example.TEST\n  commonName                = \\U03A9mega\n  localityName              = caf\\E9\\09X" },
    { 0UL, 0, 1, "C=DE, O=  M\\xC3\\xBCller   &  S\\xC3\\xB6hne, GmbH , OU=Unit\\+One+CN=#hash \"q\" <x>;y\\z/1.2.3.4.5=unknown/emailAddress=A@Example.TEST, CN=\\x03\\xA9\\x00m\\x00e\\x00g\\x00a, L=caf\\xE9\\x09X" },
    { 0x230004UL, 0, 222, "countryName=DE; organizationName=  M\\FCller   &  S\\F6hne, GmbH ; organizationalUnitName=Unit+One + commonName=#hash \"q\" <x>;y\\\\z; 1.2.3.4.5=unknown; emailAddress=A@Example.TEST; commonName=\\U03A9mega; localityName=caf\\E9\x09""X" },
    { 0x410011UL, 0, 188, "2.5.4.6=DE,2.5.4.10=\\  M\xc3""\xbc""ller   &  S\xc3""\xb6""hne\\, GmbH\\ ,2.5.4.11=Unit\\+One+2.5.4.3=\\#hash \\\"q\\\" \\<x\\>\\;y\\\\z,1.2.3.4.5=unknown,1.2.840.113549.1.9.1=A@Example.TEST,2.5.4.3=\xce""\xa9""mega,2.5.4.7=caf\xc3""\xa9""\x09""X" },
    { 0x620280UL, 0, 239, "#13024445, #0C1C20204DC3BC6C6C657220202026202053C3B6686E652C20476D624820, #1308556E69742B4F6E65 + #0C11236861736820227122203C783E3B795C7A, #0C07756E6B6E6F776E, #160E41404578616D706C652E54455354, #1E0A03A9006D006500670061, #1406636166E90958" },
    { 0x82031bUL, 0, 169, "C = DE, O = \"  M\xc3""\xbc""ller   &  S\xc3""\xb6""hne, GmbH \", OU = \"Unit+One\" + CN = \"#hash \\\"q\\\" <x>;y\\\\z\", 1.2.3.4.5 = unknown, emailAddress = A@Example.TEST, CN = \xce""\xa9""mega, L = caf\xc3""\xa9""\\09X" },
    { 0x1110357UL, 0, 270, "L=T61STRING:caf\\C3\\A9\\09X,CN=BMPSTRING:\\CE\\A9mega,emailAddress=IA5STRING:A@Example.TEST,1.2.3.4.5=UTF8STRING:#0C07756E6B6E6F776E,CN=UTF8STRING:\\#hash \\\"q\\\" \\<x\\>\\;y\\\\z+OU=PRINTABLESTRING:Unit\\+One,O=UTF8STRING:\\  M\\C3\\BCller   &  S\\C3\\B6hne\\, GmbH\\ ,C=PRINTABLESTRING:DE" },
};

static const struct print_case NAME2_PRINT[] = {
    { 0x82031fUL, 0, 77, "O = a/B=c/CN=d, CN = \"x+y\" + serialNumber = 42, CN = \"  Mixed   CASE\\09Text \"" },
    { 0x1110317UL, 0, 64, "CN=\\  Mixed   CASE\\09Text\\ ,serialNumber=42+CN=x\\+y,O=a/B=c/CN=d" },
    { 0x20000UL, 0, 63, "O=a/B=c/CN=d, CN=x+y + serialNumber=42, CN=  Mixed   CASE\x09""Text " },
    { 0x2a40006UL, 2, 160, "  organizationName          = a/B=c/CN=d\n  commonName                = x+y + serialNumber              = 42\n  commonName                =   Mixed   CASE\\09Text " },
    { 0UL, 0, 1, "O=a\\, B=c\\, CN=d, CN=x\\+y+serialNumber=42, CN=  Mixed   CASE\\x09Text " },
    { 0x230004UL, 0, 94, "organizationName=a/B=c/CN=d; commonName=x+y + serialNumber=42; commonName=  Mixed   CASE\x09""Text " },
    { 0x410011UL, 0, 74, "2.5.4.10=a/B=c/CN=d,2.5.4.3=x\\+y+2.5.4.5=42,2.5.4.3=\\  Mixed   CASE\x09""Text\\ " },
    { 0x620280UL, 0, 97, "#130A612F423D632F434E3D64, #0C03782B79 + #13023432, #0C1420204D6978656420202043415345095465787420" },
    { 0x82031bUL, 0, 77, "O = a/B=c/CN=d, CN = \"x+y\" + serialNumber = 42, CN = \"  Mixed   CASE\\09Text \"" },
    { 0x1110357UL, 0, 118, "CN=UTF8STRING:\\  Mixed   CASE\\09Text\\ ,serialNumber=PRINTABLESTRING:42+CN=UTF8STRING:x\\+y,O=PRINTABLESTRING:a/B=c/CN=d" },
};

static void check_prints(const X509_NAME *n, const struct print_case *c, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        BIO *m = BIO_new(BIO_s_mem());
        int r = X509_NAME_print_ex(m, n, c[i].indent, c[i].flags);
        char *d = NULL;
        long l = BIO_get_mem_data(m, &d);
        int same = l == (long)strlen(c[i].want) && memcmp(d, c[i].want, (size_t)l) == 0;
        if (!CHECK(r == c[i].ret && same))
            fprintf(stderr, "  flags %#lx: ret %d (want %d) \"%.*s\"\n", c[i].flags, r, c[i].ret,
                    (int)l, d);
        BIO_free(m);
    }
}

static void test_name_print(void)
{
    X509_NAME *n1 = name_from_hex(NAME1), *n2 = name_from_hex(NAME2);
    if (n1 == NULL || n2 == NULL) {
        X509_NAME_free(n1);
        X509_NAME_free(n2);
        return;
    }
    check_prints(n1, NAME1_PRINT, sizeof(NAME1_PRINT) / sizeof(NAME1_PRINT[0]));
    check_prints(n2, NAME2_PRINT, sizeof(NAME2_PRINT) / sizeof(NAME2_PRINT[0]));

    char buf[512];
    CHECK(X509_NAME_oneline(n1, buf, sizeof(buf)) == buf);
    CHECK(strcmp(buf, "/C=DE/O=  M\\xC3\\xBCller   &  S\\xC3\\xB6hne, GmbH /OU=Unit\\+One+CN=#hash "
                      "\"q\" <x>;y\\z/1.2.3.4.5=unknown/emailAddress=A@Example.TEST/CN=\\x03\\xA9"
                      "\\x00m\\x00e\\x00g\\x00a/L=caf\\xE9\\x09X") == 0);
    /* A short buffer holds whole entries only. */
    CHECK(X509_NAME_oneline(n1, buf, 40) == buf && strcmp(buf, "/C=DE") == 0);
    CHECK(X509_NAME_oneline(n2, buf, 40) == buf &&
          strcmp(buf, "/O=a\\/B=c\\/CN=d/CN=x\\+y+serialNumber=42") == 0);
    char *dyn = X509_NAME_oneline(n2, NULL, 0);
    CHECK(dyn != NULL &&
          strcmp(dyn, "/O=a\\/B=c\\/CN=d/CN=x\\+y+serialNumber=42/CN=  Mixed   CASE\\x09Text ") == 0);
    OPENSSL_free(dyn);

    /* Entries, RDN sets, types. */
    CHECK(X509_NAME_entry_count(n1) == 8);
    CHECK(X509_NAME_ENTRY_set(X509_NAME_get_entry(n1, 2)) == 2);
    CHECK(X509_NAME_ENTRY_set(X509_NAME_get_entry(n1, 3)) == 2);
    CHECK(X509_NAME_ENTRY_set(X509_NAME_get_entry(n1, 4)) == 3);
    CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n1, 6))) == V_ASN1_BMPSTRING);
    CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n1, 7))) == V_ASN1_T61STRING);
    CHECK(OBJ_obj2nid(X509_NAME_ENTRY_get_object(X509_NAME_get_entry(n1, 4))) == NID_undef);
    CHECK(X509_NAME_get_index_by_NID(n1, NID_commonName, -1) == 3);
    CHECK(X509_NAME_get_index_by_NID(n1, NID_commonName, 3) == 6);
    CHECK(X509_NAME_get_index_by_NID(n1, NID_commonName, 6) == -1);
    ASN1_OBJECT *unk = OBJ_txt2obj("1.2.3.4.5", 1);
    CHECK(unk != NULL && X509_NAME_get_index_by_OBJ(n1, unk, -1) == 4);
    CHECK(unk != NULL && X509_NAME_get_text_by_OBJ(n1, unk, buf, 4) == 3 && strcmp(buf, "unk") == 0);
    ASN1_OBJECT_free(unk);

    /* X509_NAME_print_ex_fp writes the same bytes as the BIO form. */
    FILE *f = tmpfile();
    if (CHECK(f != NULL)) {
        CHECK(X509_NAME_print_ex_fp(f, n2, 0, XN_FLAG_ONELINE) == NAME2_PRINT[0].ret);
        rewind(f);
        size_t got = fread(buf, 1, sizeof(buf) - 1, f);
        buf[got] = '\0';
        CHECK(strcmp(buf, NAME2_PRINT[0].want) == 0);
        fclose(f);
    }
    X509_NAME_free(n1);
    X509_NAME_free(n2);
}

/* ---- comparison, hashes, DER -------------------------------------------- */

static void test_name_cmp_hash(void)
{
    X509_NAME *n1 = name_from_hex(NAME1), *n2 = name_from_hex(NAME2), *n3 = name_from_hex(NAME3),
              *n4 = name_from_hex(NAME4);
    if (n1 && n2 && n3 && n4) {
        CHECK(X509_NAME_hash(n1) == 0x7427122aUL);
        CHECK(X509_NAME_hash_old(n1) == 0x398740cbUL);
        CHECK(X509_NAME_hash(n2) == 0x932d284cUL);
        CHECK(X509_NAME_hash_old(n2) == 0x2a0c318fUL);
        int ok = 0;
        CHECK(X509_NAME_hash_ex(n2, NULL, NULL, &ok) == 0x932d284cUL && ok == 1);
        /* Case, spacing, string type and SET order do not matter... */
        CHECK(X509_NAME_cmp(n2, n3) == 0 && X509_NAME_cmp(n3, n2) == 0);
        CHECK(X509_NAME_hash(n3) == X509_NAME_hash(n2));
        CHECK(X509_NAME_hash_old(n3) != X509_NAME_hash_old(n2));
        /* ...but content does, and the order is antisymmetric. */
        int c = X509_NAME_cmp(n3, n4);
        CHECK(c != 0 && X509_NAME_cmp(n4, n3) == -c);
        CHECK(X509_NAME_cmp(n1, n2) != 0);
        CHECK(X509_NAME_cmp(n1, n1) == 0);
        CHECK(X509_NAME_cmp(NULL, n1) < 0 && X509_NAME_cmp(n1, NULL) > 0);

        /* DER out, dup, get0_der. */
        size_t len;
        uint8_t *want = test_unhex_alloc(NAME1, &len);
        unsigned char *der = NULL;
        CHECK(i2d_X509_NAME(n1, NULL) == (int)len);
        CHECK(i2d_X509_NAME(n1, &der) == (int)len && der != NULL && memcmp(der, want, len) == 0);
        OPENSSL_free(der);
        const unsigned char *p0 = NULL;
        size_t l0 = 0;
        CHECK(X509_NAME_get0_der(n1, &p0, &l0) == 1 && l0 == len && memcmp(p0, want, len) == 0);
        X509_NAME *d = X509_NAME_dup(n1);
        CHECK(d != NULL && d != n1 && X509_NAME_cmp(d, n1) == 0 && X509_NAME_entry_count(d) == 8);
        X509_NAME_free(d);
        X509_NAME_ENTRY *e = X509_NAME_ENTRY_dup(X509_NAME_get_entry(n1, 1));
        CHECK(e != NULL && ASN1_STRING_length(X509_NAME_ENTRY_get_data(e)) == 28);
        X509_NAME_ENTRY_free(e);
        free(want);

        /* Truncated and trailing-garbage names fail. */
        want = test_unhex_alloc(NAME2, &len);
        for (size_t cut = 0; cut < len; cut++) {
            const unsigned char *q = want;
            X509_NAME *t = d2i_X509_NAME(NULL, &q, (long)cut);
            CHECK(t == NULL && ERR_peek_error() != 0);
            X509_NAME_free(t);
            ERR_clear_error();
        }
        free(want);
    }
    X509_NAME *empty = X509_NAME_new();
    CHECK(empty != NULL && X509_NAME_entry_count(empty) == 0);
    CHECK(empty != NULL && i2d_X509_NAME(empty, NULL) == 2);
    CHECK(empty != NULL && X509_NAME_hash(empty) == 0xeea339daUL); /* SHA-1 of nothing */
    X509_NAME_free(empty);
    X509_NAME_free(n1);
    X509_NAME_free(n2);
    X509_NAME_free(n3);
    X509_NAME_free(n4);
}

/* Every bundle certificate is reachable as /etc/ssl/certs/<subject hash>.N (c_rehash). */
static void test_rehash_links(void)
{
    FILE *f = fopen(CA_BUNDLE, "r");
    if (f == NULL || access(CA_DIR, R_OK) != 0) {
        printf("%s not found: hash links skipped\n", CA_BUNDLE);
        if (f != NULL)
            fclose(f);
        return;
    }
    X509 *x;
    int n = 0, found = 0, linked = 0;
    while ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        n++;
        unsigned long h = X509_NAME_hash(X509_get_subject_name(x));
        CHECK(h == X509_subject_name_hash(x));
        char path[256];
        snprintf(path, sizeof(path), "%s/%08lx.0", CA_DIR, h);
        if (access(path, R_OK) == 0)
            linked++;
        for (int i = 0; i < 10; i++) {
            snprintf(path, sizeof(path), "%s/%08lx.%d", CA_DIR, h, i);
            FILE *g = fopen(path, "r");
            if (g == NULL)
                break;
            X509 *y = PEM_read_X509(g, NULL, NULL, NULL);
            fclose(g);
            int same = y != NULL && X509_cmp(x, y) == 0;
            X509_free(y);
            if (same) {
                found++;
                break;
            }
        }
        X509_free(x);
    }
    fclose(f);
    unsigned long e = ERR_peek_last_error();
    CHECK(ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE);
    ERR_clear_error();
    if (!CHECK(n > 0 && found == n && linked == n))
        fprintf(stderr, "  %d certificates, %d with a <hash>.0 link, %d found by hash\n", n,
                linked, found);
}

/* ---- d2i / i2d ------------------------------------------------------------- */

static void test_der(void)
{
    X509 *a = load("rsa-leaf"), *b = load("ec-int");
    if (!CHECK(a != NULL && b != NULL)) {
        X509_free(a);
        X509_free(b);
        return;
    }
    int la = i2d_X509(a, NULL), lb = i2d_X509(b, NULL);
    CHECK(la > 0 && lb > 0);
    unsigned char *buf = malloc((size_t)(la + lb)), *w = buf;
    CHECK(i2d_X509(a, &w) == la && i2d_X509(b, &w) == lb && w == buf + la + lb);

    /* Two certificates back to back: each d2i moves past one. */
    const unsigned char *p = buf;
    X509 *a2 = d2i_X509(NULL, &p, la + lb);
    CHECK(a2 != NULL && p == buf + la && X509_cmp(a, a2) == 0);
    X509 *b2 = d2i_X509(NULL, &p, lb);
    CHECK(b2 != NULL && p == buf + la + lb && X509_cmp(b, b2) == 0);
    CHECK(X509_cmp(a, b) != 0 && X509_cmp(a, b) == -X509_cmp(b, a));

    /* Reuse of a fresh object through *a. */
    X509 *fresh = X509_new();
    X509 *keep = fresh;
    p = buf;
    CHECK(d2i_X509(&fresh, &p, la) == keep && fresh == keep && X509_cmp(fresh, a) == 0);
    CHECK(X509_NAME_cmp(X509_get_subject_name(fresh), X509_get_subject_name(a)) == 0);
    X509_free(fresh);

    /* On failure *a is freed and set to NULL. */
    X509 *victim = X509_new();
    p = buf;
    CHECK(d2i_X509(&victim, &p, la - 1) == NULL && victim == NULL && p == buf);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();

    /* X509_dup is a separate, equal object. */
    X509 *d = X509_dup(a);
    CHECK(d != NULL && d != a && X509_cmp(d, a) == 0);
    X509_free(d);

    /* Through a memory BIO. */
    BIO *m = BIO_new(BIO_s_mem());
    CHECK(i2d_X509_bio(m, a) == 1 && i2d_X509_bio(m, b) == 1);
    X509 *ra = d2i_X509_bio(m, NULL), *rb = NULL;
    CHECK(ra != NULL && X509_cmp(ra, a) == 0);
    CHECK(d2i_X509_bio(m, &rb) == rb && rb != NULL && X509_cmp(rb, b) == 0);
    CHECK(d2i_X509_bio(m, NULL) == NULL && ERR_peek_error() != 0);
    ERR_clear_error();
    BIO_free(m);
    X509_free(ra);
    X509_free(rb);

    /* An overlong length, and every truncation: NULL with an error, never a crash. */
    unsigned char *bad = malloc((size_t)la);
    memcpy(bad, buf, (size_t)la);
    bad[2] = (unsigned char)(bad[2] + 1); /* outer length one more than there is */
    p = bad;
    CHECK(d2i_X509(NULL, &p, la) == NULL && ERR_peek_error() != 0);
    ERR_clear_error();
    for (int cut = 0; cut < la; cut += (cut < 64 ? 1 : 37)) {
        p = buf;
        X509 *t = d2i_X509(NULL, &p, cut);
        if (!CHECK(t == NULL && ERR_peek_error() != 0))
            fprintf(stderr, "  truncated to %d accepted\n", cut);
        X509_free(t);
        ERR_clear_error();
    }

    /* Random bytes, and random corruptions of a valid certificate. */
    test_rand_seed(4242);
    int accepted = 0;
    for (int i = 0; i < 2000; i++) {
        unsigned char junk[600];
        size_t n = test_rand_below(sizeof(junk)) + 1;
        if (i < 1000) {
            test_rand_bytes(junk, n);
            if (i & 1)
                junk[0] = 0x30;
        } else {
            n = (size_t)la < sizeof(junk) ? (size_t)la : sizeof(junk);
            memcpy(bad, buf, (size_t)la);
            for (int k = 0; k < 1 + (int)test_rand_below(4); k++)
                bad[test_rand_below((size_t)la)] ^= (unsigned char)(1 + test_rand_below(255));
            p = bad;
            X509 *t = d2i_X509(NULL, &p, la);
            if (t == NULL)
                CHECK(ERR_peek_error() != 0);
            else
                accepted++;
            X509_free(t);
            ERR_clear_error();
            continue;
        }
        p = junk;
        X509 *t = d2i_X509(NULL, &p, (long)n);
        CHECK(t == NULL && ERR_peek_error() != 0);
        X509_free(t);
        ERR_clear_error();
    }
    printf("corrupted certificates still accepted: %d of 1000\n", accepted);
    free(bad);
    free(buf);
    X509_free(a2);
    X509_free(b2);
    X509_free(a);
    X509_free(b);
}

/* ---- PEM -------------------------------------------------------------------- */

static const char TRUSTED_EC_LEAF[] =
    "-----BEGIN TRUSTED CERTIFICATE-----\n"
    "MIIB/DCCAaKgAwIBAgICIAMwCgYIKoZIzj0EAwIwPTEUMBIGA1UECgwLbWludGxz\n"
    "IHRlc3QxJTAjBgNVBAMMHG1pbnRscyBFQyBQLTI1NiBJbnRlcm1lZGlhdGUwIBcN\n"
    "MjQwMTAxMDAwMDAwWhgPMjEyNDAxMDEwMDAwMDBaMDAxFDASBgNVBAoMC21pbnRs\n"
    "cyB0ZXN0MRgwFgYDVQQDDA9lYy5leGFtcGxlLnRlc3QwWTATBgcqhkjOPQIBBggq\n"
    "hkjOPQMBBwNCAARKhcAba+WnnPomzVdYmWSvX3LvfFDVFGTa+HTmJAzXcszf/9y7\n"
    "IpE1qk6BMZ7Tp3/m2VjV8D/Kt2p6Psxy2Ct9o4GcMIGZMAwGA1UdEwEB/wQCMAAw\n"
    "DgYDVR0PAQH/BAQDAgeAMB0GA1UdJQQWMBQGCCsGAQUFBwMBBggrBgEFBQcDAjAd\n"
    "BgNVHQ4EFgQUxxRFY9npPESZrE36JfvoHokDN4swHwYDVR0jBBgwFoAUNez9vFJk\n"
    "cuJMUCSxLab36Ve/EE4wGgYDVR0RBBMwEYIPZWMuZXhhbXBsZS50ZXN0MAoGCCqG\n"
    "SM49BAMCA0gAMEUCIB8k1MhFj8AD9VFAwFdisn9A4Js2SBUe13TfRlcpT/1EAiEA\n"
    "nWY+6hn5FHx6pIU58mwWGkvICdzx6zVJ/5Fs6Z90yxYwDDAKBggrBgEFBQcDAQ==\n"
    "-----END TRUSTED CERTIFICATE-----\n";

static int count_certs(const char *text, int aux, unsigned long *out_last_err)
{
    BIO *m = BIO_new_mem_buf(text, -1);
    X509 *x;
    int n = 0;
    while ((x = aux ? PEM_read_bio_X509_AUX(m, NULL, NULL, NULL)
                    : PEM_read_bio_X509(m, NULL, NULL, NULL)) != NULL) {
        n++;
        X509_free(x);
    }
    *out_last_err = ERR_peek_last_error();
    ERR_clear_error();
    BIO_free(m);
    return n;
}

static int is_no_start_line(unsigned long e)
{
    return ERR_GET_LIB(e) == ERR_LIB_PEM && ERR_GET_REASON(e) == PEM_R_NO_START_LINE;
}

static void test_pem(void)
{
    char *root = file_text("rsa-root.pem"), *leaf = file_text("ec-leaf.pem"),
         *key = file_text("rsa-leaf.key");
    if (!CHECK(root != NULL && leaf != NULL && key != NULL)) {
        free(root);
        free(leaf);
        free(key);
        return;
    }
    /* Blocks with text, a key block and blank lines between them. */
    size_t cap = strlen(root) + strlen(leaf) + strlen(key) + strlen(TRUSTED_EC_LEAF) + 256;
    char *all = malloc(cap);
    snprintf(all, cap, "leading text\nSubject: whatever\n\n%s\n# a comment line\n%s%s\n%s\ntrailing text\n",
             root, key, leaf, TRUSTED_EC_LEAF);
    unsigned long e;
    CHECK(count_certs(all, 0, &e) == 2 && is_no_start_line(e));
    CHECK(count_certs(all, 1, &e) == 3 && is_no_start_line(e));
    CHECK(count_certs(TRUSTED_EC_LEAF, 0, &e) == 0 && is_no_start_line(e));
    CHECK(count_certs("", 0, &e) == 0 && is_no_start_line(e));

    /* The trusted form carries the same certificate. */
    BIO *m = BIO_new_mem_buf(TRUSTED_EC_LEAF, -1);
    X509 *t = PEM_read_bio_X509_AUX(m, NULL, NULL, NULL);
    BIO_free(m);
    m = BIO_new_mem_buf(leaf, -1);
    X509 *l = NULL;
    CHECK(PEM_read_bio_X509(m, &l, NULL, NULL) == l && l != NULL);
    BIO_free(m);
    CHECK(t != NULL && l != NULL && X509_cmp(t, l) == 0);
    X509_free(t);

    /* PEM_write_bio_X509 output reads back and is the canonical 64-column form. */
    m = BIO_new(BIO_s_mem());
    CHECK(l != NULL && PEM_write_bio_X509(m, l) == 1);
    char *d = NULL;
    long dl = BIO_get_mem_data(m, &d);
    CHECK(dl == (long)strlen(leaf) && memcmp(d, leaf, (size_t)dl) == 0);
    BIO_free(m);
    FILE *f = tmpfile();
    if (CHECK(f != NULL)) {
        CHECK(PEM_write_X509(f, l) == 1);
        rewind(f);
        X509 *back = PEM_read_X509(f, NULL, NULL, NULL);
        CHECK(back != NULL && X509_cmp(back, l) == 0);
        X509_free(back);
        CHECK(PEM_read_X509(f, NULL, NULL, NULL) == NULL && is_no_start_line(ERR_peek_last_error()));
        ERR_clear_error();
        fclose(f);
    }
    X509_free(l);

    /* Cut the block anywhere, or break its base64: NULL and an error. */
    size_t ll = strlen(leaf);
    char *cut = malloc(ll + 1);
    for (size_t n = 0; n < ll; n += 7) {
        memcpy(cut, leaf, n);
        cut[n] = '\0';
        m = BIO_new_mem_buf(cut, (int)n);
        X509 *x = PEM_read_bio_X509(m, NULL, NULL, NULL);
        if (!CHECK(x == NULL && ERR_peek_error() != 0))
            fprintf(stderr, "  PEM cut at %zu accepted\n", n);
        X509_free(x);
        ERR_clear_error();
        BIO_free(m);
    }
    memcpy(cut, leaf, ll + 1);
    cut[100] = '*';
    m = BIO_new_mem_buf(cut, -1);
    CHECK(PEM_read_bio_X509(m, NULL, NULL, NULL) == NULL && ERR_peek_error() != 0);
    ERR_clear_error();
    BIO_free(m);
    /* Valid base64 of something that is not a certificate. */
    m = BIO_new_mem_buf("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n", -1);
    CHECK(PEM_read_bio_X509(m, NULL, NULL, NULL) == NULL && ERR_peek_error() != 0);
    ERR_clear_error();
    BIO_free(m);
    free(cut);
    free(all);
    free(root);
    free(leaf);
    free(key);
}

/* ---- extensions --------------------------------------------------------------- */

static void test_ext(void)
{
    X509 *x = load("rsa-leaf"), *ca = load("rsa-int");
    if (!CHECK(x != NULL && ca != NULL)) {
        X509_free(x);
        X509_free(ca);
        return;
    }
    /* idx walks the matches. */
    int idx = -1, crit = -5;
    BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(x, NID_basic_constraints, &crit, &idx);
    CHECK(bc != NULL && idx == 0 && crit == 1 && bc->ca == 0 && bc->pathlen == NULL);
    BASIC_CONSTRAINTS_free(bc);
    CHECK(X509_get_ext_d2i(x, NID_basic_constraints, &crit, &idx) == NULL && idx == -1 && crit == -1);

    ASN1_BIT_STRING *ku = X509_get_ext_d2i(x, NID_key_usage, &crit, NULL);
    CHECK(ku != NULL && crit == 1 && ASN1_BIT_STRING_get_bit(ku, 0) == 1 &&
          ASN1_BIT_STRING_get_bit(ku, 1) == 0 && ASN1_BIT_STRING_get_bit(ku, 2) == 1);
    ASN1_BIT_STRING_free(ku);

    EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i(x, NID_ext_key_usage, &crit, NULL);
    CHECK(eku != NULL && crit == 0 && sk_ASN1_OBJECT_num(eku) == 2 &&
          OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)) == NID_server_auth &&
          OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 1)) == NID_client_auth);
    EXTENDED_KEY_USAGE_free(eku);

    ASN1_OCTET_STRING *skid = X509_get_ext_d2i(x, NID_subject_key_identifier, NULL, NULL);
    CHECK(skid != NULL && ASN1_OCTET_STRING_cmp(skid, X509_get0_subject_key_id(x)) == 0);
    /* The key id is the SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 (1)). */
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    CHECK(X509_pubkey_digest(x, EVP_sha1(), md, &mdlen) == 1 && mdlen == 20);
    CHECK(skid != NULL && ASN1_STRING_length(skid) == 20 &&
          memcmp(ASN1_STRING_get0_data(skid), md, 20) == 0);
    ASN1_OCTET_STRING_free(skid);

    AUTHORITY_KEYID *akid = X509_get_ext_d2i(x, NID_authority_key_identifier, &crit, NULL);
    CHECK(akid != NULL && crit == 0 && akid->keyid != NULL && akid->issuer == NULL &&
          akid->serial == NULL);
    CHECK(akid != NULL && ASN1_OCTET_STRING_cmp(akid->keyid, X509_get0_subject_key_id(ca)) == 0);
    AUTHORITY_KEYID_free(akid);
    CHECK(X509_get0_authority_issuer(x) == NULL && X509_get0_authority_serial(x) == NULL);

    /* GENERAL_NAME helpers. */
    GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    CHECK(gens != NULL && sk_GENERAL_NAME_num(gens) == 5);
    if (gens != NULL && sk_GENERAL_NAME_num(gens) == 5) {
        for (int i = 0; i < 5; i++) {
            GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i), *c = GENERAL_NAME_dup(g);
            int t1 = -1, t2 = -2;
            ASN1_STRING *v1 = GENERAL_NAME_get0_value(g, &t1), *v2 = GENERAL_NAME_get0_value(c, &t2);
            CHECK(c != NULL && t1 == g->type && t2 == t1 && v1 != v2 && ASN1_STRING_cmp(v1, v2) == 0);
            GENERAL_NAME_free(c);
        }
    }
    GENERAL_NAMES_free(gens);

    /* X509V3_EXT_d2i on the extension object itself, and an unknown extension. */
    X509_EXTENSION *ext = X509_get_ext(x, X509_get_ext_by_NID(x, NID_subject_alt_name, -1));
    gens = X509V3_EXT_d2i(ext);
    CHECK(gens != NULL && sk_GENERAL_NAME_num(gens) == 5);
    GENERAL_NAMES_free(gens);
    CHECK(ext != NULL && ASN1_STRING_length(X509_EXTENSION_get_data(ext)) > 10);
    X509 *crit_leaf = load("critext-leaf");
    if (CHECK(crit_leaf != NULL)) {
        int i = X509_get_ext_by_critical(crit_leaf, 1, -1), unknown = -1;
        for (; i >= 0; i = X509_get_ext_by_critical(crit_leaf, 1, i))
            if (OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(crit_leaf, i))) == NID_undef)
                unknown = i;
        CHECK(unknown >= 0 && X509V3_EXT_d2i(X509_get_ext(crit_leaf, unknown)) == NULL);
        CHECK(X509_get_extension_flags(crit_leaf) & EXFLAG_CRITICAL);
        ERR_clear_error();
        X509_free(crit_leaf);
    }
    CHECK(X509_get_ext(x, -1) == NULL && X509_get_ext(x, X509_get_ext_count(x)) == NULL);

    /* Flags as OpenSSL caches them. */
    X509 *root = load("rsa-root");
    CHECK(root != NULL && X509_get_extension_flags(root) == 0x12133);
    CHECK(X509_get_extension_flags(ca) == 0x10113);
    CHECK(X509_get_extension_flags(x) == 0x10107);
    X509 *self = load("self-leaf");
    CHECK(self != NULL && X509_get_extension_flags(self) == 0x12127);
    CHECK(root != NULL && X509_get_extended_key_usage(root) == UINT32_MAX);
    CHECK(root != NULL && X509_get_key_usage(root) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
    CHECK(root != NULL && X509_subject_name_cmp(root, root) == 0 && X509_issuer_name_cmp(ca, x) != 0);
    CHECK(root != NULL && X509_issuer_name_hash(ca) == X509_subject_name_hash(root));
    X509_free(self);
    X509_free(root);
    X509_free(ca);
    X509_free(x);
}

/* ---- times ---------------------------------------------------------------------- */

static void test_times(void)
{
    ASN1_TIME *t = ASN1_TIME_new();
    time_t ref = (time_t)1704067200; /* 2024-01-01 00:00:00 */
    CHECK(t != NULL && ASN1_TIME_set_string(t, "20240101000000Z") == 1);
    CHECK(X509_cmp_time(t, &ref) == -1); /* equal counts as before */
    ref--;
    CHECK(X509_cmp_time(t, &ref) == 1);
    CHECK(ASN1_TIME_set_string(t, "240101000000Z") == 1 && X509_cmp_time(t, &ref) == 1);
    /* Not the RFC 5280 form: 0. */
    CHECK(ASN1_TIME_set_string(t, "2401010000Z") == 1 && X509_cmp_time(t, &ref) == 0);
    ASN1_TIME_free(t);
    ERR_clear_error();
}

/* ---- X509_print_ex ------------------------------------------------------------ */

static void test_print(void)
{
    static const char head[] =
        "Certificate:\n"
        "    Data:\n"
        "        Version: 3 (0x2)\n"
        "        Serial Number: 4099 (0x1003)\n"
        "        Signature Algorithm: sha256WithRSAEncryption\n"
        "        Issuer: C = XX, O = mintls test, CN = mintls RSA Intermediate\n"
        "        Validity\n"
        "            Not Before: Jan  1 00:00:00 2024 GMT\n"
        "            Not After : Jan  1 00:00:00 2124 GMT\n"
        "        Subject: C = XX, O = mintls test, CN = www.example.test\n"
        "        Subject Public Key Info:\n"
        "            Public Key Algorithm: rsaEncryption\n"
        "                Public-Key: (2048 bit)\n";
    static const char exts[] =
        "        X509v3 extensions:\n"
        "            X509v3 Basic Constraints: critical\n"
        "                CA:FALSE\n"
        "            X509v3 Key Usage: critical\n"
        "                Digital Signature, Key Encipherment\n"
        "            X509v3 Extended Key Usage: \n"
        "                TLS Web Server Authentication, TLS Web Client Authentication\n";
    static const char san[] =
        "            X509v3 Subject Alternative Name: \n"
        "                DNS:www.example.test, DNS:example.test, IP Address:192.0.2.1, "
        "IP Address:2001:DB8:0:0:0:0:0:1, email:admin@example.test\n"
        "    Signature Algorithm: sha256WithRSAEncryption\n"
        "    Signature Value:\n"
        "        6b:78:1d:d0:09:9b:2e:c4:09:c3:bb:21:6e:82:dc:e2:5d:f3:\n";
    X509 *x = load("rsa-leaf");
    if (!CHECK(x != NULL))
        return;
    BIO *m = BIO_new(BIO_s_mem());
    CHECK(X509_print_ex(m, x, XN_FLAG_ONELINE, X509_FLAG_COMPAT) == 1);
    BIO_write(m, "", 1);
    char *d = NULL;
    BIO_get_mem_data(m, &d);
    if (!CHECK(d != NULL && strncmp(d, head, strlen(head)) == 0 && strstr(d, exts) != NULL &&
               strstr(d, san) != NULL))
        fprintf(stderr, "  X509_print_ex:\n%s\n", d ? d : "(null)");
    BIO_free(m);

    /* X509_print uses the compatible name form; the flags leave parts out. */
    m = BIO_new(BIO_s_mem());
    CHECK(X509_print_ex(m, x, XN_FLAG_COMPAT,
                        X509_FLAG_NO_HEADER | X509_FLAG_NO_VERSION | X509_FLAG_NO_SERIAL |
                            X509_FLAG_NO_SIGNAME | X509_FLAG_NO_VALIDITY | X509_FLAG_NO_SUBJECT |
                            X509_FLAG_NO_PUBKEY | X509_FLAG_NO_EXTENSIONS | X509_FLAG_NO_SIGDUMP |
                            X509_FLAG_NO_AUX) == 1);
    BIO_write(m, "", 1);
    BIO_get_mem_data(m, &d);
    CHECK(d != NULL && strcmp(d, "        Issuer: C=XX, O=mintls test, CN=mintls RSA Intermediate\n") == 0);
    BIO_free(m);
    X509_free(x);
}

int main(void)
{
    test_name_print();
    test_name_cmp_hash();
    test_rehash_links();
    test_der();
    test_pem();
    test_ext();
    test_times();
    test_print();
    ERR_clear_error();
    return test_summary();
}
