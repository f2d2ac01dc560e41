/* Object identifier table: OpenSSL's NIDs and names with the DER contents. */
#include "internal/oid.h"

#include <string.h>

/* nid, short name, long name, contents length, contents octets; arcs. */
static const oid_entry kOids[] = {
    {   4, "MD5",                               "md5",                                      8, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x02\x05"},  /* 1.2.840.113549.2.5 */
    {  64, "SHA1",                              "sha1",                                     5, (const uint8_t *)"\x2b\x0e\x03\x02\x1a"},  /* 1.3.14.3.2.26 */
    { 675, "SHA224",                            "sha224",                                   9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x02\x04"},  /* 2.16.840.1.101.3.4.2.4 */
    { 672, "SHA256",                            "sha256",                                   9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x02\x01"},  /* 2.16.840.1.101.3.4.2.1 */
    { 673, "SHA384",                            "sha384",                                   9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x02\x02"},  /* 2.16.840.1.101.3.4.2.2 */
    { 674, "SHA512",                            "sha512",                                   9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x02\x03"},  /* 2.16.840.1.101.3.4.2.3 */
    {   8, "RSA-MD5",                           "md5WithRSAEncryption",                     9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x04"},  /* 1.2.840.113549.1.1.4 */
    {  65, "RSA-SHA1",                          "sha1WithRSAEncryption",                    9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x05"},  /* 1.2.840.113549.1.1.5 */
    { 671, "RSA-SHA224",                        "sha224WithRSAEncryption",                  9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0e"},  /* 1.2.840.113549.1.1.14 */
    { 668, "RSA-SHA256",                        "sha256WithRSAEncryption",                  9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b"},  /* 1.2.840.113549.1.1.11 */
    { 669, "RSA-SHA384",                        "sha384WithRSAEncryption",                  9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c"},  /* 1.2.840.113549.1.1.12 */
    { 670, "RSA-SHA512",                        "sha512WithRSAEncryption",                  9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d"},  /* 1.2.840.113549.1.1.13 */
    { 912, "RSASSA-PSS",                        "rsassaPss",                                9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"},  /* 1.2.840.113549.1.1.10 */
    { 416, "ecdsa-with-SHA1",                   "ecdsa-with-SHA1",                          7, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x04\x01"},  /* 1.2.840.10045.4.1 */
    { 793, "ecdsa-with-SHA224",                 "ecdsa-with-SHA224",                        8, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x04\x03\x01"},  /* 1.2.840.10045.4.3.1 */
    { 794, "ecdsa-with-SHA256",                 "ecdsa-with-SHA256",                        8, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x04\x03\x02"},  /* 1.2.840.10045.4.3.2 */
    { 795, "ecdsa-with-SHA384",                 "ecdsa-with-SHA384",                        8, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x04\x03\x03"},  /* 1.2.840.10045.4.3.3 */
    { 796, "ecdsa-with-SHA512",                 "ecdsa-with-SHA512",                        8, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x04\x03\x04"},  /* 1.2.840.10045.4.3.4 */
    {1087, "ED25519",                           "ED25519",                                  3, (const uint8_t *)"\x2b\x65\x70"},  /* 1.3.101.112 */
    {1088, "ED448",                             "ED448",                                    3, (const uint8_t *)"\x2b\x65\x71"},  /* 1.3.101.113 */
    { 419, "AES-128-CBC",                       "aes-128-cbc",                              9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x01\x02"},  /* 2.16.840.1.101.3.4.1.2 */
    { 423, "AES-192-CBC",                       "aes-192-cbc",                              9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x01\x16"},  /* 2.16.840.1.101.3.4.1.22 */
    { 427, "AES-256-CBC",                       "aes-256-cbc",                              9, (const uint8_t *)"\x60\x86\x48\x01\x65\x03\x04\x01\x2a"},  /* 2.16.840.1.101.3.4.1.42 */
    {   6, "rsaEncryption",                     "rsaEncryption",                            9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"},  /* 1.2.840.113549.1.1.1 */
    { 408, "id-ecPublicKey",                    "id-ecPublicKey",                           7, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x02\x01"},  /* 1.2.840.10045.2.1 */
    { 415, "prime256v1",                        "prime256v1",                               8, (const uint8_t *)"\x2a\x86\x48\xce\x3d\x03\x01\x07"},  /* 1.2.840.10045.3.1.7 */
    { 715, "secp384r1",                         "secp384r1",                                5, (const uint8_t *)"\x2b\x81\x04\x00\x22"},  /* 1.3.132.0.34 */
    { 716, "secp521r1",                         "secp521r1",                                5, (const uint8_t *)"\x2b\x81\x04\x00\x23"},  /* 1.3.132.0.35 */
    {1034, "X25519",                            "X25519",                                   3, (const uint8_t *)"\x2b\x65\x6e"},  /* 1.3.101.110 */
    {1035, "X448",                              "X448",                                     3, (const uint8_t *)"\x2b\x65\x6f"},  /* 1.3.101.111 */
    { 911, "MGF1",                              "mgf1",                                     9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08"},  /* 1.2.840.113549.1.1.8 */
    {  13, "CN",                                "commonName",                               3, (const uint8_t *)"\x55\x04\x03"},  /* 2.5.4.3 */
    {  14, "C",                                 "countryName",                              3, (const uint8_t *)"\x55\x04\x06"},  /* 2.5.4.6 */
    {  15, "L",                                 "localityName",                             3, (const uint8_t *)"\x55\x04\x07"},  /* 2.5.4.7 */
    {  16, "ST",                                "stateOrProvinceName",                      3, (const uint8_t *)"\x55\x04\x08"},  /* 2.5.4.8 */
    {  17, "O",                                 "organizationName",                         3, (const uint8_t *)"\x55\x04\x0a"},  /* 2.5.4.10 */
    {1089, "organizationIdentifier",           "organizationIdentifier",                  3, (const uint8_t *)"\x55\x04\x61"},  /* 2.5.4.97 */
    {  84, "privateKeyUsagePeriod",            "X509v3 Private Key Usage Period",         3, (const uint8_t *)"\x55\x1d\x10"},  /* 2.5.29.16 */
    {  71, "nsCertType",                       "Netscape Cert Type",                      9, (const uint8_t *)"\x60\x86\x48\x01\x86\xf8\x42\x01\x01"},  /* 2.16.840.1.113730.1.1 */
    {  78, "nsComment",                        "Netscape Comment",                        9, (const uint8_t *)"\x60\x86\x48\x01\x86\xf8\x42\x01\x0d"},  /* 2.16.840.1.113730.1.13 */
    {  18, "OU",                                "organizationalUnitName",                   3, (const uint8_t *)"\x55\x04\x0b"},  /* 2.5.4.11 */
    { 105, "serialNumber",                      "serialNumber",                             3, (const uint8_t *)"\x55\x04\x05"},  /* 2.5.4.5 */
    {  48, "emailAddress",                      "emailAddress",                             9, (const uint8_t *)"\x2a\x86\x48\x86\xf7\x0d\x01\x09\x01"},  /* 1.2.840.113549.1.9.1 */
    { 391, "DC",                                "domainComponent",                         10, (const uint8_t *)"\x09\x92\x26\x89\x93\xf2\x2c\x64\x01\x19"},  /* 0.9.2342.19200300.100.1.25 */
    {  99, "GN",                                "givenName",                                3, (const uint8_t *)"\x55\x04\x2a"},  /* 2.5.4.42 */
    { 100, "SN",                                "surname",                                  3, (const uint8_t *)"\x55\x04\x04"},  /* 2.5.4.4 */
    { 106, "title",                             "title",                                    3, (const uint8_t *)"\x55\x04\x0c"},  /* 2.5.4.12 */
    { 510, "pseudonym",                         "pseudonym",                                3, (const uint8_t *)"\x55\x04\x41"},  /* 2.5.4.65 */
    { 174, "dnQualifier",                       "dnQualifier",                              3, (const uint8_t *)"\x55\x04\x2e"},  /* 2.5.4.46 */
    { 509, "generationQualifier",               "generationQualifier",                      3, (const uint8_t *)"\x55\x04\x2c"},  /* 2.5.4.44 */
    { 101, "initials",                          "initials",                                 3, (const uint8_t *)"\x55\x04\x2b"},  /* 2.5.4.43 */
    { 173, "name",                              "name",                                     3, (const uint8_t *)"\x55\x04\x29"},  /* 2.5.4.41 */
    { 661, "postalCode",                        "postalCode",                               3, (const uint8_t *)"\x55\x04\x11"},  /* 2.5.4.17 */
    { 660, "street",                            "streetAddress",                            3, (const uint8_t *)"\x55\x04\x09"},  /* 2.5.4.9 */
    { 860, "businessCategory",                  "businessCategory",                         3, (const uint8_t *)"\x55\x04\x0f"},  /* 2.5.4.15 */
    { 957, "jurisdictionC",                     "jurisdictionCountryName",                 11, (const uint8_t *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03"},  /* 1.3.6.1.4.1.311.60.2.1.3 */
    { 956, "jurisdictionST",                    "jurisdictionStateOrProvinceName",         11, (const uint8_t *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x02"},  /* 1.3.6.1.4.1.311.60.2.1.2 */
    { 955, "jurisdictionL",                     "jurisdictionLocalityName",                11, (const uint8_t *)"\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x01"},  /* 1.3.6.1.4.1.311.60.2.1.1 */
    {  87, "basicConstraints",                  "X509v3 Basic Constraints",                 3, (const uint8_t *)"\x55\x1d\x13"},  /* 2.5.29.19 */
    {  83, "keyUsage",                          "X509v3 Key Usage",                         3, (const uint8_t *)"\x55\x1d\x0f"},  /* 2.5.29.15 */
    { 126, "extendedKeyUsage",                  "X509v3 Extended Key Usage",                3, (const uint8_t *)"\x55\x1d\x25"},  /* 2.5.29.37 */
    {  85, "subjectAltName",                    "X509v3 Subject Alternative Name",          3, (const uint8_t *)"\x55\x1d\x11"},  /* 2.5.29.17 */
    {  86, "issuerAltName",                     "X509v3 Issuer Alternative Name",           3, (const uint8_t *)"\x55\x1d\x12"},  /* 2.5.29.18 */
    { 666, "nameConstraints",                   "X509v3 Name Constraints",                  3, (const uint8_t *)"\x55\x1d\x1e"},  /* 2.5.29.30 */
    {  90, "authorityKeyIdentifier",            "X509v3 Authority Key Identifier",          3, (const uint8_t *)"\x55\x1d\x23"},  /* 2.5.29.35 */
    {  82, "subjectKeyIdentifier",              "X509v3 Subject Key Identifier",            3, (const uint8_t *)"\x55\x1d\x0e"},  /* 2.5.29.14 */
    {  89, "certificatePolicies",               "X509v3 Certificate Policies",              3, (const uint8_t *)"\x55\x1d\x20"},  /* 2.5.29.32 */
    { 103, "crlDistributionPoints",             "X509v3 CRL Distribution Points",           3, (const uint8_t *)"\x55\x1d\x1f"},  /* 2.5.29.31 */
    { 177, "authorityInfoAccess",               "Authority Information Access",             8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x01\x01"},  /* 1.3.6.1.5.5.7.1.1 */
    { 401, "policyConstraints",                 "X509v3 Policy Constraints",                3, (const uint8_t *)"\x55\x1d\x24"},  /* 2.5.29.36 */
    { 747, "policyMappings",                    "X509v3 Policy Mappings",                   3, (const uint8_t *)"\x55\x1d\x21"},  /* 2.5.29.33 */
    { 748, "inhibitAnyPolicy",                  "X509v3 Inhibit Any Policy",                3, (const uint8_t *)"\x55\x1d\x36"},  /* 2.5.29.54 */
    { 951, "ct_precert_scts",                   "CT Precertificate SCTs",                  10, (const uint8_t *)"\x2b\x06\x01\x04\x01\xd6\x79\x02\x04\x02"},  /* 1.3.6.1.4.1.11129.2.4.2 */
    { 369, "noCheck",                           "OCSP No Check",                            9, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x30\x01\x05"},  /* 1.3.6.1.5.5.7.48.1.5 */
    {1020, "tlsfeature",                        "TLS Feature",                              8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x01\x18"},  /* 1.3.6.1.5.5.7.1.24 */
    { 746, "anyPolicy",                         "X509v3 Any Policy",                        4, (const uint8_t *)"\x55\x1d\x20\x00"},  /* 2.5.29.32.0 */
    { 129, "serverAuth",                        "TLS Web Server Authentication",            8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x01"},  /* 1.3.6.1.5.5.7.3.1 */
    { 130, "clientAuth",                        "TLS Web Client Authentication",            8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x02"},  /* 1.3.6.1.5.5.7.3.2 */
    { 131, "codeSigning",                       "Code Signing",                             8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x03"},  /* 1.3.6.1.5.5.7.3.3 */
    { 132, "emailProtection",                   "E-mail Protection",                        8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x04"},  /* 1.3.6.1.5.5.7.3.4 */
    { 133, "timeStamping",                      "Time Stamping",                            8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x08"},  /* 1.3.6.1.5.5.7.3.8 */
    { 180, "OCSPSigning",                       "OCSP Signing",                             8, (const uint8_t *)"\x2b\x06\x01\x05\x05\x07\x03\x09"},  /* 1.3.6.1.5.5.7.3.9 */
    { 910, "anyExtendedKeyUsage",               "Any Extended Key Usage",                   4, (const uint8_t *)"\x55\x1d\x25\x00"},  /* 2.5.29.37.0 */
};

#define NOIDS (sizeof(kOids) / sizeof(kOids[0]))

size_t mintls_oid_table_size(void) { return NOIDS; }

const oid_entry *mintls_oid_table_at(size_t i) { return i < NOIDS ? &kOids[i] : NULL; }

const oid_entry *mintls_oid_by_der(const uint8_t *der, size_t len) {
  size_t i;
  for (i = 0; i < NOIDS; i++)
    if (kOids[i].der_len == len && memcmp(kOids[i].der, der, len) == 0)
      return &kOids[i];
  return NULL;
}

int mintls_oid_nid_from_der(const uint8_t *der, size_t len) {
  const oid_entry *e = mintls_oid_by_der(der, len);
  return e != NULL ? e->nid : 0;
}

const oid_entry *mintls_oid_by_nid(int nid) {
  size_t i;
  for (i = 0; i < NOIDS; i++)
    if (kOids[i].nid == nid)
      return &kOids[i];
  return NULL;
}

const oid_entry *mintls_oid_by_sn(const char *sn) {
  size_t i;
  for (i = 0; i < NOIDS; i++)
    if (strcmp(kOids[i].sn, sn) == 0)
      return &kOids[i];
  return NULL;
}

const oid_entry *mintls_oid_by_ln(const char *ln) {
  size_t i;
  for (i = 0; i < NOIDS; i++)
    if (strcmp(kOids[i].ln, ln) == 0)
      return &kOids[i];
  return NULL;
}
