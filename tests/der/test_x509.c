/* X.509 parser tests: sample certificates, the system CA bundle, robustness. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/oid.h"
#include "internal/pem.h"
#include "internal/x509_cert.h"
#include "test.h"
#include <openssl/obj_mac.h>

#define CERT_DIR SOURCE_DIR "/../data/certs/"

static uint8_t *load_der(const char *name, size_t *out_len) {
  char path[512];
  size_t n;
  char *text;
  pem_iter it;
  pem_block b;
  uint8_t *der = NULL;
  snprintf(path, sizeof(path), CERT_DIR "%s", name);
  text = test_read_file(path, &n);
  if (text == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    return NULL;
  }
  mintls_pem_iter_init(&it, text, n);
  if (mintls_pem_next_alloc(&it, &b, &der, out_len) != PEM_OK)
    der = NULL;
  free(text);
  return der;
}

static int span_is(der_span s, const char *hex) {
  uint8_t buf[64];
  long n = test_unhex(hex, buf, sizeof(buf));
  return n >= 0 && s.len == (size_t)n && memcmp(s.p, buf, s.len) == 0;
}

static int span_str(der_span s, const char *str) {
  return s.len == strlen(str) && memcmp(s.p, str, s.len) == 0;
}

static void robustness(const uint8_t *der, size_t len) {
  uint8_t *buf = malloc(len);
  x509_cert c;
  size_t i;
  int ok_count = 0;
  /* Every truncation: exact-size heap buffers so ASan sees any overread. */
  for (i = 0; i < len; i++) {
    uint8_t *t = malloc(i ? i : 1);
    memcpy(t, der, i);
    CHECK(!mintls_x509_cert_parse(&c, t, i));
    free(t);
  }
  for (i = 0; i < 3000; i++) {
    memcpy(buf, der, len);
    buf[test_rand_below(len)] ^= (uint8_t)(1 + test_rand_below(255));
    if (mintls_x509_cert_parse(&c, buf, len)) {
      ok_count++;
      mintls_x509_cert_cleanup(&c);
    }
  }
  CHECK(mintls_x509_cert_parse(&c, der, len));
  mintls_x509_cert_cleanup(&c);
  printf("  mutations: %d of 3000 still parse\n", ok_count);
  free(buf);
}

static void test_rsa(void) {
  size_t n;
  uint8_t *der = load_der("rsa.pem", &n);
  x509_cert c;
  if (!CHECK(der != NULL))
    return;
  CHECK(mintls_x509_cert_parse(&c, der, n));
  CHECK(c.version == 2);
  CHECK(span_is(c.serial, "0102030405"));
  CHECK(c.sig_nid == NID_sha256WithRSAEncryption && c.outer_sig_nid == c.sig_nid);
  CHECK(c.key_nid == NID_rsaEncryption && c.rsa_n.len == 256 && span_is(c.rsa_e, "010001"));
  CHECK(c.issuer.count == 3 && c.subject.count == 3);
  CHECK(c.subject.attrs[0].nid == NID_countryName && span_str(c.subject.attrs[0].value, "US"));
  CHECK(c.subject.attrs[2].nid == NID_commonName &&
        span_str(c.subject.attrs[2].value, "Mintls RSA Root"));
  CHECK(c.issuer.der.len == c.subject.der.len &&
        !memcmp(c.issuer.der.p, c.subject.der.p, c.issuer.der.len));
  CHECK(c.not_after - c.not_before == 3650LL * 86400);
  CHECK((c.has & X509_HAS_BASIC_CONSTRAINTS) && c.ca == 1 && c.path_len == 3);
  CHECK((c.has & X509_HAS_KEY_USAGE) && c.key_usage == (0x80 | 0x04 | 0x02));
  CHECK((c.has & X509_HAS_SKID) && c.skid.len == 20);
  CHECK(c.has & X509_HAS_NAME_CONSTRAINTS);
  CHECK(c.nc_permitted.count == 2 && c.nc_excluded.count == 1);
  if (c.nc_permitted.count == 2) {
    CHECK(c.nc_permitted.items[0].type == X509_GN_DNS &&
          span_str(c.nc_permitted.items[0].value, "example.com"));
    CHECK(c.nc_permitted.items[1].type == X509_GN_IP &&
          span_is(c.nc_permitted.items[1].value, "0a000000ff000000"));
  }
  if (c.nc_excluded.count == 1)
    CHECK(c.nc_excluded.items[0].type == X509_GN_EMAIL &&
          span_str(c.nc_excluded.items[0].value, "bad.example.com"));
  CHECK(!c.unhandled_critical);
  CHECK(c.signature.len == 256);
  CHECK(c.tbs.p == der + 4 && c.tbs.len + 4 + 15 + 5 + 256 == n);
  mintls_x509_cert_cleanup(&c);
  robustness(der, n);
  free(der);
}

static void test_p256(void) {
  size_t n;
  uint8_t *der = load_der("p256.pem", &n);
  x509_cert c;
  if (!CHECK(der != NULL))
    return;
  CHECK(mintls_x509_cert_parse(&c, der, n));
  CHECK(c.key_nid == NID_X9_62_id_ecPublicKey && c.curve_nid == NID_X9_62_prime256v1);
  CHECK(c.key_bits.len == 65 && c.key_bits.p[0] == 4);
  CHECK(c.sig_nid == NID_ecdsa_with_SHA256);
  CHECK(c.subject.count == 4 && c.subject.attrs[2].rdn == 2 && c.subject.attrs[3].rdn == 2);
  CHECK(c.subject.attrs[3].nid == NID_organizationalUnitName &&
        span_str(c.subject.attrs[3].value, "Second"));
  CHECK(c.san.count == 6);
  if (c.san.count == 6) {
    CHECK(c.san.items[0].type == X509_GN_DNS && span_str(c.san.items[0].value, "www.example.com"));
    CHECK(c.san.items[2].type == X509_GN_IP && span_is(c.san.items[2].value, "c0000201"));
    CHECK(c.san.items[3].type == X509_GN_IP &&
          span_is(c.san.items[3].value, "20010db8000000000000000000000001"));
    CHECK(c.san.items[4].type == X509_GN_EMAIL && span_str(c.san.items[4].value, "a@example.com"));
    CHECK(c.san.items[5].type == X509_GN_URI &&
          span_str(c.san.items[5].value, "https://example.com/"));
  }
  CHECK(c.xku == (X509_XKU_SSL_SERVER | X509_XKU_SSL_CLIENT) && c.eku_count == 2);
  CHECK(c.eku_nids[0] == NID_server_auth && c.eku_nids[1] == NID_client_auth);
  CHECK((c.has & X509_HAS_BASIC_CONSTRAINTS) && !c.ca && c.path_len == -1);
  CHECK(c.key_usage == 0x80);
  CHECK(c.serial.len == 20);
  mintls_x509_cert_cleanup(&c);
  robustness(der, n);
  free(der);
}

static void test_p384_ed25519(void) {
  size_t n;
  uint8_t *der = load_der("p384.pem", &n);
  x509_cert c;
  if (CHECK(der != NULL)) {
    CHECK(mintls_x509_cert_parse(&c, der, n));
    CHECK(c.curve_nid == NID_secp384r1 && c.key_bits.len == 97);
    CHECK(c.sig_nid == NID_ecdsa_with_SHA384);
    mintls_x509_cert_cleanup(&c);
    free(der);
  }
  der = load_der("ed25519_crit.pem", &n);
  if (CHECK(der != NULL)) {
    CHECK(mintls_x509_cert_parse(&c, der, n));
    CHECK(c.key_nid == NID_ED25519 && c.key_bits.len == 32 && c.key_params.len == 0);
    CHECK(c.sig_nid == NID_ED25519 && c.signature.len == 64);
    CHECK(c.unhandled_critical == 1);
    CHECK(c.san.count == 1 && span_str(c.san.items[0].value, "crit.example"));
    mintls_x509_cert_cleanup(&c);
    robustness(der, n);
    free(der);
  }
}

static void test_bundle(void) {
  size_t n, count = 0, bad = 0;
  char *text = test_read_file("/etc/ssl/certs/ca-certificates.crt", &n);
  pem_iter it;
  pem_block b;
  uint8_t *der;
  size_t len;
  int st;
  if (text == NULL) {
    printf("SKIP: /etc/ssl/certs/ca-certificates.crt not found\n");
    return;
  }
  mintls_pem_iter_init(&it, text, n);
  while ((st = mintls_pem_next_alloc(&it, &b, &der, &len)) != PEM_ERR_NO_START_LINE) {
    x509_cert c;
    if (!CHECK(st == PEM_OK))
      continue;
    if (mintls_x509_cert_parse(&c, der, len)) {
      CHECK(c.tbs.len > 0 && c.signature.len > 0);
      mintls_x509_cert_cleanup(&c);
    } else {
      bad++;
      fprintf(stderr, "bundle certificate %zu failed to parse\n", count);
    }
    CHECK(1);
    count++;
    free(der);
  }
  CHECK(bad == 0);
  CHECK(count > 0);
  printf("CA bundle: %zu certificates, %zu failed\n", count, bad);
  free(text);
}

static void test_handmade(void) {
  x509_cert c;
  /* Garbage and empty inputs. */
  CHECK(!mintls_x509_cert_parse(&c, NULL, 0));
  CHECK(!mintls_x509_cert_parse(&c, (const uint8_t *)"\x30\x00", 2));
  CHECK(!mintls_x509_cert_parse(&c, (const uint8_t *)"\x30\x03\x30\x01\x00", 5));
}

int main(void) {
  test_rand_seed(0x5eed);
  test_handmade();
  test_rsa();
  test_p256();
  test_p384_ed25519();
  test_bundle();
  return test_summary();
}
