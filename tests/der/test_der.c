/* DER reader/writer, OID table and PEM tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/der.h"
#include "internal/oid.h"
#include "internal/pem.h"
#include "test.h"
#include <openssl/obj_mac.h>

static der_cursor cur_hex(const char *hex, uint8_t *buf) {
  der_cursor c;
  long n = test_unhex(hex, buf, 256);
  mintls_der_init(&c, buf, n < 0 ? 0 : (size_t)n);
  return c;
}

/* Reads one element with `kind` and checks that it consumed everything. */
static int read_kind(const char *kind, const char *hex) {
  uint8_t buf[256];
  der_cursor c = cur_hex(hex, buf), sub;
  der_span s;
  unsigned u, tag;
  int b;
  uint64_t x;
  int64_t t;
  int ok;
  if (!strcmp(kind, "tlv"))
    ok = mintls_der_read_tlv(&c, &tag, &s, NULL);
  else if (!strcmp(kind, "seq"))
    ok = mintls_der_read_sequence(&c, &sub);
  else if (!strcmp(kind, "int"))
    ok = mintls_der_read_integer(&c, &s);
  else if (!strcmp(kind, "uint"))
    ok = mintls_der_read_small_uint(&c, &x);
  else if (!strcmp(kind, "bool"))
    ok = mintls_der_read_bool(&c, &b);
  else if (!strcmp(kind, "null"))
    ok = mintls_der_read_null(&c);
  else if (!strcmp(kind, "oid"))
    ok = mintls_der_read_oid(&c, &s);
  else if (!strcmp(kind, "bits"))
    ok = mintls_der_read_bit_string(&c, &s, &u);
  else if (!strcmp(kind, "str"))
    ok = mintls_der_read_string(&c, &tag, &s);
  else if (!strcmp(kind, "time"))
    ok = mintls_der_read_time(&c, &t);
  else
    ok = 0;
  return ok && mintls_der_expect_end(&c);
}

static const struct {
  const char *kind, *hex;
  int ok;
} kTable[] = {
    {"tlv", "0400", 1},
    {"tlv", "0401aa", 1},
    {"tlv", "0402aa", 0},           /* length past the end */
    {"tlv", "0480", 0},             /* indefinite */
    {"tlv", "048101aa", 0},         /* long form for < 128 */
    {"tlv", "04820001aa", 0},       /* leading zero length octet */
    {"tlv", "1f0100", 0},           /* high tag number */
    {"tlv", "04", 0},               /* truncated header */
    {"tlv", "0485ffffffffff", 0},   /* 5 length octets */
    {"tlv", "2400", 0},             /* constructed OCTET STRING */
    {"tlv", "1000", 0},             /* primitive SEQUENCE */
    {"seq", "3000", 1},
    {"seq", "30020500", 1},
    {"seq", "3004020100", 0},       /* contents past the end */
    {"int", "020100", 1},
    {"int", "02017f", 1},
    {"int", "020180", 1},
    {"int", "02020080", 1},
    {"int", "0202007f", 0},         /* non-minimal */
    {"int", "0202ff80", 0},         /* non-minimal negative */
    {"int", "0202ff7f", 1},
    {"int", "0200", 0},             /* empty */
    {"uint", "020100", 1},
    {"uint", "0201ff", 0},          /* negative */
    {"uint", "0209010000000000000000", 0},
    {"uint", "02087fffffffffffffff", 1},
    {"bool", "0101ff", 1},
    {"bool", "010100", 1},
    {"bool", "010101", 0},
    {"bool", "01020000", 0},
    {"null", "0500", 1},
    {"null", "050100", 0},
    {"oid", "06022a86", 0},         /* ends in a continuation octet */
    {"oid", "06062a864886f70d", 1},
    {"oid", "0603808001", 0},       /* leading 0x80 */
    {"oid", "0603550403", 1},
    {"oid", "06035580 03", 0},
    {"oid", "0600", 0},
    {"bits", "030100", 1},
    {"bits", "030107", 0},          /* unused bits with no content */
    {"bits", "030208ff", 0},        /* unused > 7 */
    {"bits", "030201fe", 1},
    {"bits", "030201ff", 0},        /* non-zero unused bit */
    {"bits", "0300", 0},
    {"str", "130341422d", 1},
    {"str", "1301 2a", 0},
    {"str", "13012a", 0},           /* '*' not printable */
    {"str", "130140", 0},           /* '@' not printable */
    {"str", "16034142ff", 0},       /* IA5 8-bit */
    {"str", "1603412e40", 1},
    {"str", "1e020041", 1},
    {"str", "1e0141", 0},           /* odd BMPString */
    {"str", "1c0400000041", 1},
    {"str", "1c03000041", 0},
    {"str", "0c03e282ac", 1},
    {"str", "140141", 1},
    {"str", "040141", 0},           /* not a string type */
    {"time", "170d3530303130313030303030305a", 1},
    {"time", "170d3530303130313030303030", 0},
};

static int64_t time_of(const char *s, unsigned tag, int *ok) {
  der_span v = {(const uint8_t *)s, strlen(s)};
  int64_t t = -1;
  *ok = mintls_der_parse_time(tag, v, &t);
  return t;
}

static void test_times(void) {
  int ok;
  CHECK(time_of("700101000000Z", DER_TAG_UTC_TIME, &ok) == 0 && ok);
  CHECK(time_of("491231235959Z", DER_TAG_UTC_TIME, &ok) == 2524607999LL && ok);
  CHECK(time_of("500101000000Z", DER_TAG_UTC_TIME, &ok) == -631152000LL && ok);
  CHECK(time_of("20000229120000Z", DER_TAG_GENERALIZED_TIME, &ok) == 951825600LL && ok);
  CHECK(time_of("99991231235959Z", DER_TAG_GENERALIZED_TIME, &ok) == 253402300799LL && ok);
  CHECK(time_of("19000101000000Z", DER_TAG_GENERALIZED_TIME, &ok) == -2208988800LL && ok);
  time_of("19000229000000Z", DER_TAG_GENERALIZED_TIME, &ok); /* 1900 not leap */
  CHECK(!ok);
  time_of("21000229000000Z", DER_TAG_GENERALIZED_TIME, &ok);
  CHECK(!ok);
  time_of("240229000000Z", DER_TAG_UTC_TIME, &ok);
  CHECK(ok);
  time_of("230229000000Z", DER_TAG_UTC_TIME, &ok);
  CHECK(!ok);
  static const char *const bad_utc[] = {
      "7001010000Z", "700101000000", "700101000000+0000", "701301000000Z", "700001000000Z",
      "700132000000Z", "700431000000Z", "700101240000Z", "700101006000Z", "700101000060Z",
      "7001010000 0Z", "700101000000z", "-70101000000Z",
  };
  for (size_t i = 0; i < sizeof(bad_utc) / sizeof(bad_utc[0]); i++) {
    time_of(bad_utc[i], DER_TAG_UTC_TIME, &ok);
    CHECK(!ok);
  }
  time_of("20200101000000.5Z", DER_TAG_GENERALIZED_TIME, &ok);
  CHECK(!ok);
  time_of("202001010000Z", DER_TAG_GENERALIZED_TIME, &ok);
  CHECK(!ok);
  time_of("20200101000000Z", DER_TAG_UTC_TIME, &ok);
  CHECK(!ok);
}

static void test_nesting(void) {
  uint8_t buf[200];
  der_cursor c, sub;
  int depth, ok = 1;
  for (size_t n = 30; n <= 34; n++) {
    /* n nested empty-ending SEQUENCEs: 30 (2n-2) 30 ... 30 00 */
    for (size_t i = 0; i < n; i++) {
      buf[2 * i] = 0x30;
      buf[2 * i + 1] = (uint8_t)(2 * (n - 1 - i));
    }
    mintls_der_init(&c, buf, 2 * n);
    ok = 1;
    for (depth = 0; ok && depth < (int)n; depth++) {
      ok = mintls_der_read_sequence(&c, &sub);
      c = sub;
    }
    CHECK(ok == (n <= DER_MAX_DEPTH));
  }
}

static void test_explicit(void) {
  uint8_t buf[64];
  der_cursor c = cur_hex("a003020102020105", buf), inner;
  int present;
  uint64_t v;
  CHECK(mintls_der_read_optional_explicit(&c, 0, &inner, &present) && present);
  CHECK(mintls_der_read_small_uint(&inner, &v) && v == 2 && mintls_der_expect_end(&inner));
  CHECK(mintls_der_read_optional_explicit(&c, 0, &inner, &present) && !present);
  CHECK(mintls_der_read_small_uint(&c, &v) && v == 5 && mintls_der_expect_end(&c));
  der_span s;
  c = cur_hex("810141", buf);
  CHECK(mintls_der_read_optional_tag(&c, DER_CONTEXT(1), &s, &present) && present && s.len == 1);
  CHECK(!mintls_der_read_integer(&c, &s));
  c = cur_hex("0201", buf); /* failure leaves the cursor unchanged */
  CHECK(!mintls_der_read_integer(&c, &s) && mintls_der_remaining(&c) == 2);
}

static void test_writer(void) {
  uint8_t buf[512], big[300];
  der_writer w;
  size_t seq, seq2, n;
  uint8_t *out;
  memset(big, 0x11, sizeof(big));
  static const uint8_t oid[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
  static const uint8_t mag[] = {0x00, 0x80, 0x01};
  mintls_der_writer_init(&w, buf, sizeof(buf));
  CHECK(mintls_der_begin(&w, DER_TAG_SEQUENCE, &seq));
  CHECK(mintls_der_add_uint_bytes(&w, mag, sizeof(mag)));
  CHECK(mintls_der_add_uint64(&w, 0));
  CHECK(mintls_der_add_oid(&w, oid, sizeof(oid)));
  CHECK(mintls_der_add_null(&w));
  CHECK(mintls_der_add_bool(&w, 1));
  CHECK(mintls_der_end(&w, seq));
  {
    uint8_t exp[64];
    long en = test_unhex("3016" "0203008001" "020100" "06072a8648ce3d0201" "0500" "0101ff", exp,
                         sizeof(exp));
    CHECK(w.len == (size_t)en);
    CHECK_MEM(buf, exp, (size_t)en, "writer small");
  }
  /* Long lengths: a 300-byte octet string inside a bit string inside a SEQUENCE. */
  mintls_der_writer_init_alloc(&w);
  mintls_der_begin(&w, DER_TAG_SEQUENCE, &seq);
  mintls_der_begin(&w, DER_TAG_SEQUENCE, &seq2);
  mintls_der_add_octet_string(&w, big, sizeof(big));
  mintls_der_end(&w, seq2);
  mintls_der_add_bit_string(&w, big, 100, 0);
  mintls_der_end(&w, seq);
  CHECK(mintls_der_writer_finish(&w, &out, &n));
  {
    der_cursor c, s1, s2;
    der_span v;
    unsigned unused;
    mintls_der_init(&c, out, n);
    CHECK(mintls_der_read_sequence(&c, &s1) && mintls_der_expect_end(&c));
    CHECK(mintls_der_read_sequence(&s1, &s2));
    CHECK(mintls_der_read_octet_string(&s2, &v) && v.len == 300 && mintls_der_expect_end(&s2));
    CHECK(mintls_der_read_bit_string(&s1, &v, &unused) && v.len == 100 && unused == 0);
    CHECK(mintls_der_expect_end(&s1));
    CHECK(n == 4 + 4 + 4 + 300 + 2 + 101);
  }
  free(out);
  /* Fixed buffer overflow sticks. */
  mintls_der_writer_init(&w, buf, 10);
  CHECK(!mintls_der_add_octet_string(&w, big, 20));
  CHECK(!mintls_der_writer_ok(&w));
  CHECK(!mintls_der_add_null(&w));
}

static void test_oids(void) {
  const oid_entry *e;
  char text[64];
  uint8_t der[32];
  size_t n, i;
  static const struct {
    const char *dotted;
    int nid;
    const char *sn, *ln;
  } known[] = {
      {"2.5.4.3", 13, "CN", "commonName"},
      {"1.2.840.113549.1.1.1", 6, "rsaEncryption", "rsaEncryption"},
      {"1.2.840.113549.1.1.11", 668, "RSA-SHA256", "sha256WithRSAEncryption"},
      {"1.2.840.10045.4.3.2", 794, "ecdsa-with-SHA256", "ecdsa-with-SHA256"},
      {"1.2.840.10045.3.1.7", 415, "prime256v1", "prime256v1"},
      {"1.3.132.0.34", 715, "secp384r1", "secp384r1"},
      {"1.3.101.112", 1087, "ED25519", "ED25519"},
      {"2.5.29.17", 85, "subjectAltName", "X509v3 Subject Alternative Name"},
      {"1.3.6.1.5.5.7.3.1", 129, "serverAuth", "TLS Web Server Authentication"},
      {"1.2.840.113549.1.9.1", 48, "emailAddress", "emailAddress"},
      {"0.9.2342.19200300.100.1.25", 391, "DC", "domainComponent"},
      {"1.3.6.1.4.1.11129.2.4.2", 951, "ct_precert_scts", "CT Precertificate SCTs"},
      {"1.3.6.1.5.5.7.1.24", 1020, "tlsfeature", "TLS Feature"},
  };
  for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
    der_span s;
    CHECK(mintls_der_oid_from_text(known[i].dotted, der, sizeof(der), &n));
    e = mintls_oid_by_der(der, n);
    CHECK(e != NULL && e->nid == known[i].nid);
    if (e == NULL)
      continue;
    CHECK(!strcmp(e->sn, known[i].sn) && !strcmp(e->ln, known[i].ln));
    CHECK(mintls_oid_by_nid(known[i].nid) == e && mintls_oid_by_sn(known[i].sn) == e);
    CHECK(mintls_oid_by_ln(known[i].ln) == e);
    s.p = e->der;
    s.len = e->der_len;
    CHECK(mintls_der_oid_to_text(s, text, sizeof(text)) && !strcmp(text, known[i].dotted));
  }
  CHECK(NID_commonName == 13 && NID_X9_62_prime256v1 == 415 && NID_ED25519 == 1087);
  /* Every table entry round-trips and is unique. */
  for (i = 0; i < mintls_oid_table_size(); i++) {
    der_span s;
    e = mintls_oid_table_at(i);
    s.p = e->der;
    s.len = e->der_len;
    CHECK(mintls_der_oid_valid(s));
    CHECK(mintls_der_oid_to_text(s, text, sizeof(text)));
    CHECK(mintls_der_oid_from_text(text, der, sizeof(der), &n) && n == e->der_len &&
          !memcmp(der, e->der, n));
    CHECK(mintls_oid_by_der(e->der, e->der_len) == e && mintls_oid_by_nid(e->nid) == e);
  }
  CHECK(mintls_oid_by_nid(99999) == NULL && mintls_oid_by_sn("nope") == NULL);
  CHECK(!mintls_der_oid_from_text("3.1", der, sizeof(der), &n));
  CHECK(!mintls_der_oid_from_text("1.40", der, sizeof(der), &n));
  CHECK(mintls_der_oid_from_text("2.999.3", der, sizeof(der), &n) && n == 3 && der[0] == 0x88 &&
        der[1] == 0x37 && der[2] == 3);
  CHECK(!mintls_der_oid_from_text("1", der, sizeof(der), &n));
  CHECK(!mintls_der_oid_from_text("1.2.", der, sizeof(der), &n));
  CHECK(!mintls_der_oid_from_text("1.02", der, sizeof(der), &n));
  CHECK(!mintls_der_oid_from_text("1.2.840.113549", der, 3, &n));
  {
    der_span s = {der, 0};
    CHECK(mintls_der_oid_from_text("2.999.3", der, sizeof(der), &n));
    s.len = n;
    CHECK(mintls_der_oid_to_text(s, text, sizeof(text)) && !strcmp(text, "2.999.3"));
    CHECK(!mintls_der_oid_to_text(s, text, 5));
  }
}

static const char kPemTwo[] =
    "junk before\n"
    "-----BEGIN CERTIFICATE-----\n"
    "MAMCAQU=\n"
    "-----END CERTIFICATE-----\n"
    "text between\n"
    "-----BEGIN PRIVATE KEY-----\r\n"
    "AQID\r\n BA==\r\n"
    "-----END PRIVATE KEY-----\r\n";

static int pem_one(const char *text, uint8_t *out, size_t *n) {
  pem_iter it;
  pem_block b;
  int st;
  mintls_pem_iter_init(&it, text, strlen(text));
  st = mintls_pem_next(&it, &b);
  if (st != PEM_OK)
    return st;
  return mintls_pem_base64_decode(b.b64, b.b64_len, out, 64, n);
}

static void test_pem(void) {
  pem_iter it;
  pem_block b;
  uint8_t *der, out[64];
  size_t n;
  mintls_pem_iter_init(&it, kPemTwo, strlen(kPemTwo));
  CHECK(mintls_pem_next_alloc(&it, &b, &der, &n) == PEM_OK);
  CHECK(mintls_pem_label_is(&b, "CERTIFICATE") && n == 5 && !memcmp(der, "\x30\x03\x02\x01\x05", 5));
  free(der);
  CHECK(mintls_pem_next_alloc(&it, &b, &der, &n) == PEM_OK);
  CHECK(mintls_pem_label_is(&b, "PRIVATE KEY") && n == 4 && !memcmp(der, "\x01\x02\x03\x04", 4));
  free(der);
  CHECK(mintls_pem_next(&it, &b) == PEM_ERR_NO_START_LINE);
  CHECK(pem_one("nothing here\n", out, &n) == PEM_ERR_NO_START_LINE);
  CHECK(pem_one("", out, &n) == PEM_ERR_NO_START_LINE);
  CHECK(pem_one("-----BEGIN X-----\nAAAA\n", out, &n) == PEM_ERR_NO_END_LINE);
  CHECK(pem_one("-----BEGIN X-----\nAAAA\n-----END Y-----\n", out, &n) ==
        PEM_ERR_NO_END_LINE);
  CHECK(pem_one("-----BEGIN X-----\nAAAA\n-----END X-----", out, &n) == PEM_OK && n == 3);
  CHECK(pem_one("-----BEGIN X-----\n-----END X-----\n", out, &n) == PEM_OK && n == 0);
  CHECK(pem_one("-----BEGIN X-----\nAA=A\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nAAA\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nAB==\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nAQ==\n-----END X-----\n", out, &n) == PEM_OK && n == 1);
  CHECK(pem_one("-----BEGIN X-----\nAQ==AAAA\n-----END X-----\n", out, &n) ==
        PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nA===\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nAA*A\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X-----\nAAE=\n-----END X-----\n", out, &n) == PEM_OK && n == 2);
  CHECK(pem_one("-----BEGIN X-----\nAAF=\n-----END X-----\n", out, &n) == PEM_ERR_BAD_BASE64);
  CHECK(pem_one("-----BEGIN X----\nAAAA\n-----END X-----\n", out, &n) == PEM_ERR_BAD_HEADER);
  CHECK(pem_one("-----BEGIN -----\nAAAA\n-----END -----\n", out, &n) == PEM_OK);
  CHECK(pem_one("-----BEGIN \n", out, &n) == PEM_ERR_BAD_HEADER);
  CHECK(pem_one("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                out, &n) == PEM_ERR_ENCRYPTED);
  CHECK(pem_one("-----BEGIN X-----\nComment: hi\n\nAAAA\n-----END X-----\n", out, &n) ==
        PEM_OK && n == 3);
  /* After an error the iterator moves on to the next block. */
  {
    static const char t[] = "-----BEGIN A-----\n-----BEGIN B-----\nAAAA\n-----END B-----\n";
    mintls_pem_iter_init(&it, t, strlen(t));
    CHECK(mintls_pem_next(&it, &b) == PEM_ERR_NO_END_LINE);
    CHECK(mintls_pem_next(&it, &b) == PEM_OK && mintls_pem_label_is(&b, "B"));
  }
  CHECK(pem_one("-----BEGIN X-----\nAAAA\n-----END X-----\n", out, &n) == PEM_OK);
  {
    uint8_t small[2];
    CHECK(mintls_pem_base64_decode("AAAA", 4, small, 2, &n) == PEM_ERR_TOO_SMALL);
  }
}

int main(void) {
  size_t i;
  for (i = 0; i < sizeof(kTable) / sizeof(kTable[0]); i++) {
    int got = read_kind(kTable[i].kind, kTable[i].hex);
    if (!CHECK(got == kTable[i].ok))
      fprintf(stderr, "  table row %zu: %s %s\n", i, kTable[i].kind, kTable[i].hex);
  }
  test_times();
  test_nesting();
  test_explicit();
  test_writer();
  test_oids();
  test_pem();
  return test_summary();
}
