/*
 * X.509 v3 certificate parsing (RFC 5280 section 4) into spans over the DER
 * input. The input buffer must outlive the x509_cert; lists (name
 * attributes, general names, extensions) are malloc'd and released by
 * mintls_x509_cert_cleanup().
 */
#ifndef MINTLS_X509_CERT_H
#define MINTLS_X509_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "internal/der.h"

/* GeneralName CHOICE tag numbers (RFC 5280 4.2.1.6). */
enum {
  X509_GN_OTHER_NAME = 0,
  X509_GN_EMAIL = 1,
  X509_GN_DNS = 2,
  X509_GN_X400 = 3,
  X509_GN_DIRNAME = 4,
  X509_GN_EDI_PARTY = 5,
  X509_GN_URI = 6,
  X509_GN_IP = 7,
  X509_GN_RID = 8
};

typedef struct {
  unsigned type;  /* X509_GN_* */
  der_span value; /* IA5 text for EMAIL/DNS/URI, address (4/16 bytes, or 8/32
                     with the mask in name constraints) for IP, the encoded
                     contents otherwise */
} x509_general_name;

typedef struct {
  x509_general_name *items;
  size_t count;
} x509_general_names;

typedef struct {
  int nid;        /* NID_undef when the attribute type is not in the OID table */
  der_span oid;   /* attribute type contents */
  unsigned tag;   /* string type of the value (DER_TAG_*) */
  der_span value; /* value contents */
  size_t rdn;     /* index of the RelativeDistinguishedName it belongs to */
} x509_name_attr;

typedef struct {
  der_span der; /* the whole Name TLV, for comparisons and hashing */
  x509_name_attr *attrs;
  size_t count;
} x509_name;

typedef struct {
  der_span oid; /* extnID contents */
  int nid;
  int critical;
  der_span value; /* extnValue OCTET STRING contents */
} x509_extension;

/* Extended key usage flags, same values as OpenSSL's XKU_*. */
#define X509_XKU_SSL_SERVER 0x1u
#define X509_XKU_SSL_CLIENT 0x2u
#define X509_XKU_SMIME 0x4u
#define X509_XKU_CODE_SIGN 0x8u
#define X509_XKU_OCSP_SIGN 0x20u
#define X509_XKU_TIMESTAMP 0x40u
#define X509_XKU_ANYEKU 0x100u

/* Which extensions were present. */
#define X509_HAS_BASIC_CONSTRAINTS 0x1u
#define X509_HAS_KEY_USAGE 0x2u
#define X509_HAS_EXT_KEY_USAGE 0x4u
#define X509_HAS_SAN 0x8u
#define X509_HAS_NAME_CONSTRAINTS 0x10u
#define X509_HAS_AKID 0x20u
#define X509_HAS_SKID 0x40u

typedef struct {
  der_span der; /* the whole Certificate */
  der_span tbs; /* the whole tbsCertificate TLV: what the signature covers */
  int version;  /* 0 = v1, 1 = v2, 2 = v3 (the encoded value) */
  der_span serial; /* INTEGER contents (two's complement) */

  int sig_nid;        /* tbsCertificate.signature algorithm */
  der_span sig_oid;
  der_span sig_params; /* whole parameters TLV, empty when absent */

  x509_name issuer, subject;
  int64_t not_before, not_after;

  /* SubjectPublicKeyInfo */
  der_span spki;       /* whole SPKI TLV */
  int key_nid;         /* rsaEncryption, id-ecPublicKey, ED25519, ... */
  der_span key_params; /* whole parameters TLV, empty when absent */
  int curve_nid;       /* EC named curve, NID_undef otherwise */
  der_span key_bits;   /* subjectPublicKey BIT STRING contents (no unused octet) */
  der_span rsa_n, rsa_e; /* RSA magnitudes */

  x509_extension *exts;
  size_t ext_count;
  unsigned has; /* X509_HAS_* */
  int unhandled_critical;
  int ca;
  long path_len; /* -1 when absent */
  unsigned key_usage; /* OpenSSL KU_* layout: first octet, decipherOnly = 0x8000 */
  unsigned xku;       /* X509_XKU_* */
  int *eku_nids;      /* KeyPurposeIds in order; NID_undef for unknown ones */
  size_t eku_count;
  x509_general_names san;
  x509_general_names nc_permitted, nc_excluded;
  der_span skid;      /* subjectKeyIdentifier contents */
  der_span akid_keyid; /* authorityKeyIdentifier keyIdentifier, empty if absent */

  /* Outer signature */
  int outer_sig_nid;
  der_span outer_sig_oid, outer_sig_params;
  der_span signature; /* BIT STRING contents without the unused octet */
} x509_cert;

/* Parses `der` (exactly one Certificate, no trailing bytes). 1 on success. */
int mintls_x509_cert_parse(x509_cert *out_cert, const uint8_t *der, size_t len);
void mintls_x509_cert_cleanup(x509_cert *cert);

/* Internal pieces shared by x509_parse.c and x509_ext.c. */
int mintls_x509_parse_name(der_cursor *c, x509_name *out_name);
int mintls_x509_parse_general_names(der_cursor *c, x509_general_names *out_names, int in_nc);
int mintls_x509_parse_extensions(der_cursor *c, x509_cert *cert);

#endif
