/* X.509 v3 certificate parser: the certificate frame, Names and keys. */
#include "internal/x509_cert.h"

#include <stdlib.h>
#include <string.h>

#include "internal/oid.h"
#include <openssl/obj_mac.h>

/* The largest serial we accept; RFC 5280 allows 20 octets, CAs send 21 with the sign octet. */
#define X509_MAX_SERIAL_LEN 64

/*
 * RFC 5280 4.1.1.2:
 *   AlgorithmIdentifier ::= SEQUENCE {
 *        algorithm               OBJECT IDENTIFIER,
 *        parameters              ANY DEFINED BY algorithm OPTIONAL }
 */
static int parse_algorithm(der_cursor *c, der_span *out_oid, der_span *out_params,
                           int *out_nid) {
  der_cursor seq;
  der_span v;
  unsigned tag;
  if (!mintls_der_read_sequence(c, &seq) || !mintls_der_read_oid(&seq, out_oid))
    return 0;
  out_params->p = NULL;
  out_params->len = 0;
  if (!mintls_der_expect_end(&seq) && !mintls_der_read_tlv(&seq, &tag, &v, out_params))
    return 0;
  *out_nid = mintls_oid_nid_from_der(out_oid->p, out_oid->len);
  return mintls_der_expect_end(&seq);
}

/*
 * RFC 5280 4.1.2.4:
 *   Name ::= CHOICE { rdnSequence  RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 * Called twice: once to count (out == NULL), once to fill.
 */
static int walk_name(der_cursor seq, x509_name_attr *out, size_t *out_count) {
  size_t n = 0, rdn = 0;
  while (!mintls_der_expect_end(&seq)) {
    der_cursor set;
    if (!mintls_der_read_set(&seq, &set) || mintls_der_expect_end(&set))
      return 0;
    while (!mintls_der_expect_end(&set)) {
      der_cursor atv;
      der_span oid, value;
      unsigned tag;
      if (!mintls_der_read_sequence(&set, &atv) || !mintls_der_read_oid(&atv, &oid) ||
          !mintls_der_read_tlv(&atv, &tag, &value, NULL) || !mintls_der_expect_end(&atv))
        return 0;
      if (mintls_der_is_string_tag(tag) && !mintls_der_string_valid(tag, value))
        return 0;
      if (out != NULL) {
        out[n].oid = oid;
        out[n].nid = mintls_oid_nid_from_der(oid.p, oid.len);
        out[n].tag = tag;
        out[n].value = value;
        out[n].rdn = rdn;
      }
      n++;
    }
    rdn++;
  }
  *out_count = n;
  return 1;
}

int mintls_x509_parse_name(der_cursor *c, x509_name *out_name) {
  der_cursor seq;
  size_t n;
  der_span v;
  memset(out_name, 0, sizeof(*out_name));
  if (!mintls_der_read_tag_whole(c, DER_TAG_SEQUENCE, &v, &out_name->der))
    return 0;
  mintls_der_init(&seq, v.p, v.len);
  seq.depth = c->depth + 1;
  if (!walk_name(seq, NULL, &n))
    return 0;
  if (n == 0)
    return 1;
  out_name->attrs = calloc(n, sizeof(*out_name->attrs));
  if (out_name->attrs == NULL)
    return 0;
  out_name->count = n;
  return walk_name(seq, out_name->attrs, &n);
}

/* RFC 8410 3 / RFC 5480 2.2 / RFC 8017 A.1.1: key sizes and shapes per type. */
static int parse_spki(der_cursor *c, x509_cert *cert) {
  der_cursor seq, spki_c;
  der_span oid, v;
  unsigned unused;

  if (!mintls_der_read_tag_whole(c, DER_TAG_SEQUENCE, &v, &cert->spki))
    return 0;
  mintls_der_init(&seq, v.p, v.len);
  seq.depth = c->depth + 1;
  if (!parse_algorithm(&seq, &oid, &cert->key_params, &cert->key_nid) ||
      !mintls_der_read_bit_string(&seq, &cert->key_bits, &unused) || !mintls_der_expect_end(&seq))
    return 0;
  switch (cert->key_nid) {
  case NID_rsaEncryption: {
    der_cursor kc, rsa;
    /* RFC 3279 2.3.1: parameters are NULL. */
    if (cert->key_params.len != 2 || cert->key_params.p[0] != DER_TAG_NULL ||
        cert->key_params.p[1] != 0 || unused != 0)
      return 0;
    mintls_der_init(&kc, cert->key_bits.p, cert->key_bits.len);
    kc.depth = seq.depth;
    if (!mintls_der_read_sequence(&kc, &rsa) || !mintls_der_expect_end(&kc) ||
        !mintls_der_read_unsigned_integer(&rsa, &cert->rsa_n) ||
        !mintls_der_read_unsigned_integer(&rsa, &cert->rsa_e) || !mintls_der_expect_end(&rsa))
      return 0;
    if (cert->rsa_n.p[0] == 0 || cert->rsa_e.p[0] == 0)
      return 0;
    break;
  }
  case NID_X9_62_id_ecPublicKey: {
    der_span curve;
    /* RFC 5480 2.1.1: namedCurve only. */
    if (unused != 0 || cert->key_params.len == 0)
      return 0;
    mintls_der_init(&spki_c, cert->key_params.p, cert->key_params.len);
    if (!mintls_der_read_oid(&spki_c, &curve) || !mintls_der_expect_end(&spki_c))
      return 0;
    cert->curve_nid = mintls_oid_nid_from_der(curve.p, curve.len);
    if (cert->key_bits.len == 0)
      return 0;
    break;
  }
  case NID_ED25519:
  case NID_X25519:
  case NID_ED448:
  case NID_X448: {
    size_t want = cert->key_nid == NID_ED25519 || cert->key_nid == NID_X25519 ? 32
                  : cert->key_nid == NID_ED448                                ? 57
                                                                              : 56;
    /* RFC 8410 3: parameters MUST be absent. */
    if (cert->key_params.len != 0 || unused != 0 || cert->key_bits.len != want)
      return 0;
    break;
  }
  default:
    break; /* unknown key types are kept as spans */
  }
  return 1;
}

/*
 * RFC 5280 4.1:
 *   Certificate  ::=  SEQUENCE  {
 *        tbsCertificate       TBSCertificate,
 *        signatureAlgorithm   AlgorithmIdentifier,
 *        signatureValue       BIT STRING  }
 *   TBSCertificate  ::=  SEQUENCE  {
 *        version         [0]  EXPLICIT Version DEFAULT v1,
 *        serialNumber         CertificateSerialNumber,
 *        signature            AlgorithmIdentifier,
 *        issuer               Name,
 *        validity             Validity,
 *        subject              Name,
 *        subjectPublicKeyInfo SubjectPublicKeyInfo,
 *        issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *        subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *        extensions      [3]  EXPLICIT Extensions OPTIONAL }
 */
static int parse_cert(x509_cert *cert, const uint8_t *der, size_t len) {
  der_cursor top, outer, tbs, inner;
  der_span v, uid;
  int present;
  unsigned unused;

  mintls_der_init(&top, der, len);
  if (!mintls_der_read_tag_whole(&top, DER_TAG_SEQUENCE, &v, &cert->der) || !mintls_der_expect_end(&top))
    return 0;
  mintls_der_init(&outer, v.p, v.len);
  outer.depth = 1;
  if (!mintls_der_read_tag_whole(&outer, DER_TAG_SEQUENCE, &v, &cert->tbs))
    return 0;
  mintls_der_init(&tbs, v.p, v.len);
  tbs.depth = 2;

  /* version: v1 (0) may be omitted; real CAs sometimes encode it anyway. */
  cert->version = 0;
  if (!mintls_der_read_optional_explicit(&tbs, 0, &inner, &present))
    return 0;
  if (present) {
    uint64_t ver;
    if (!mintls_der_read_small_uint(&inner, &ver) || !mintls_der_expect_end(&inner) || ver > 2)
      return 0;
    cert->version = (int)ver;
  }
  /* RFC 5280 4.1.2.2: positive, at most 20 octets; accept what CAs really issue. */
  if (!mintls_der_read_integer(&tbs, &cert->serial) || cert->serial.len > X509_MAX_SERIAL_LEN)
    return 0;
  if (!parse_algorithm(&tbs, &cert->sig_oid, &cert->sig_params, &cert->sig_nid))
    return 0;
  if (!mintls_x509_parse_name(&tbs, &cert->issuer))
    return 0;
  /* Validity ::= SEQUENCE { notBefore Time, notAfter Time } */
  if (!mintls_der_read_sequence(&tbs, &inner) || !mintls_der_read_time(&inner, &cert->not_before) ||
      !mintls_der_read_time(&inner, &cert->not_after) || !mintls_der_expect_end(&inner))
    return 0;
  if (!mintls_x509_parse_name(&tbs, &cert->subject))
    return 0;
  if (!parse_spki(&tbs, cert))
    return 0;
  /* Unique identifiers: v2 and v3 only, skipped. */
  if (!mintls_der_read_optional_tag(&tbs, DER_CONTEXT(1), &uid, &present))
    return 0;
  if (present && (cert->version < 1 || !mintls_der_bit_string_valid(uid, &v, &unused)))
    return 0;
  if (!mintls_der_read_optional_tag(&tbs, DER_CONTEXT(2), &uid, &present))
    return 0;
  if (present && (cert->version < 1 || !mintls_der_bit_string_valid(uid, &v, &unused)))
    return 0;
  if (!mintls_der_read_optional_explicit(&tbs, 3, &inner, &present))
    return 0;
  if (present) {
    if (cert->version != 2 || !mintls_x509_parse_extensions(&inner, cert) || !mintls_der_expect_end(&inner))
      return 0;
  }
  if (!mintls_der_expect_end(&tbs))
    return 0;

  if (!parse_algorithm(&outer, &cert->outer_sig_oid, &cert->outer_sig_params,
                       &cert->outer_sig_nid))
    return 0;
  /* RFC 5280 4.1.1.2: must be the same algorithm as tbsCertificate.signature. */
  if (cert->outer_sig_oid.len != cert->sig_oid.len ||
      memcmp(cert->outer_sig_oid.p, cert->sig_oid.p, cert->sig_oid.len) != 0 ||
      cert->outer_sig_params.len != cert->sig_params.len ||
      (cert->sig_params.len != 0 &&
       memcmp(cert->outer_sig_params.p, cert->sig_params.p, cert->sig_params.len) != 0))
    return 0;
  if (!mintls_der_read_bit_string(&outer, &cert->signature, &unused) || unused != 0 ||
      !mintls_der_expect_end(&outer))
    return 0;
  return 1;
}

int mintls_x509_cert_parse(x509_cert *out_cert, const uint8_t *der, size_t len) {
  memset(out_cert, 0, sizeof(*out_cert));
  out_cert->path_len = -1;
  if (der == NULL || !parse_cert(out_cert, der, len)) {
    mintls_x509_cert_cleanup(out_cert);
    return 0;
  }
  return 1;
}

void mintls_x509_cert_cleanup(x509_cert *cert) {
  free(cert->issuer.attrs);
  free(cert->subject.attrs);
  free(cert->exts);
  free(cert->eku_nids);
  free(cert->san.items);
  free(cert->nc_permitted.items);
  free(cert->nc_excluded.items);
  memset(cert, 0, sizeof(*cert));
  cert->path_len = -1;
}
