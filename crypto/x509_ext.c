/* X.509 v3 extensions (RFC 5280 section 4.2). */
#include <stdlib.h>
#include <string.h>

#include "internal/oid.h"
#include "internal/x509_cert.h"
#include <openssl/obj_mac.h>

static der_cursor sub_cursor(der_span v, unsigned depth) {
  der_cursor c;
  mintls_der_init(&c, v.p, v.len);
  c.depth = depth;
  return c;
}

/*
 * RFC 5280 4.2.1.6:
 *   GeneralName ::= CHOICE {
 *        otherName                 [0]  OtherName,
 *        rfc822Name                [1]  IA5String,
 *        dNSName                   [2]  IA5String,
 *        x400Address               [3]  ORAddress,
 *        directoryName             [4]  Name,
 *        ediPartyName              [5]  EDIPartyName,
 *        uniformResourceIdentifier [6]  IA5String,
 *        iPAddress                 [7]  OCTET STRING,
 *        registeredID              [8]  OBJECT IDENTIFIER }
 * In name constraints (4.2.1.10) iPAddress carries address and mask.
 */
static int parse_general_name(der_cursor *c, x509_general_name *out, int in_nc) {
  unsigned tag, num;
  der_span v;
  if (!mintls_der_read_tlv(c, &tag, &v, NULL) || (tag & 0xc0u) != DER_CLASS_CONTEXT)
    return 0;
  num = tag & 0x1fu;
  switch (num) {
  case X509_GN_EMAIL:
  case X509_GN_DNS:
  case X509_GN_URI:
    if (tag != DER_CONTEXT(num) || !mintls_der_string_valid(DER_TAG_IA5_STRING, v))
      return 0;
    break;
  case X509_GN_IP:
    if (tag != DER_CONTEXT(num))
      return 0;
    if (in_nc ? (v.len != 8 && v.len != 32) : (v.len != 4 && v.len != 16))
      return 0;
    break;
  case X509_GN_RID: {
    if (tag != DER_CONTEXT(num) || !mintls_der_oid_valid(v))
      return 0;
    break;
  }
  case X509_GN_OTHER_NAME:
  case X509_GN_X400:
  case X509_GN_DIRNAME:
  case X509_GN_EDI_PARTY:
    if (tag != DER_CONTEXT_CONS(num))
      return 0;
    break;
  default:
    return 0;
  }
  out->type = num;
  out->value = v;
  return 1;
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName (contents in c). */
int mintls_x509_parse_general_names(der_cursor *c, x509_general_names *out_names, int in_nc) {
  der_cursor probe = *c;
  size_t n = 0, i;
  x509_general_name tmp;
  while (!mintls_der_expect_end(&probe)) {
    if (!parse_general_name(&probe, &tmp, in_nc))
      return 0;
    n++;
  }
  if (n == 0)
    return 0;
  out_names->items = calloc(n, sizeof(*out_names->items));
  if (out_names->items == NULL)
    return 0;
  out_names->count = n;
  for (i = 0; i < n; i++)
    if (!parse_general_name(c, &out_names->items[i], in_nc))
      return 0;
  return 1;
}

/*
 * BasicConstraints ::= SEQUENCE {
 *      cA                      BOOLEAN DEFAULT FALSE,
 *      pathLenConstraint       INTEGER (0..MAX) OPTIONAL }
 */
static int parse_basic_constraints(der_cursor *c, x509_cert *cert) {
  der_cursor seq;
  unsigned tag;
  if (!mintls_der_read_sequence(c, &seq))
    return 0;
  cert->ca = 0;
  if (mintls_der_peek_tag(&seq, &tag) && tag == DER_TAG_BOOLEAN && !mintls_der_read_bool(&seq, &cert->ca))
    return 0;
  if (mintls_der_peek_tag(&seq, &tag) && tag == DER_TAG_INTEGER) {
    uint64_t v;
    if (!mintls_der_read_small_uint(&seq, &v) || v > 0x7fffffff)
      return 0;
    cert->path_len = (long)v;
  }
  return mintls_der_expect_end(&seq);
}

/* KeyUsage ::= BIT STRING; kept as OpenSSL lays it out (first octet, then 0x8000). */
static int parse_key_usage(der_cursor *c, x509_cert *cert) {
  der_span bits;
  unsigned unused;
  if (!mintls_der_read_bit_string(c, &bits, &unused))
    return 0;
  cert->key_usage = 0;
  if (bits.len > 0)
    cert->key_usage = bits.p[0];
  if (bits.len > 1)
    cert->key_usage |= (unsigned)bits.p[1] << 8;
  return 1;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static int parse_eku(der_cursor *c, x509_cert *cert) {
  der_cursor seq, probe;
  der_span oid;
  size_t n = 0, i;
  if (!mintls_der_read_sequence(c, &seq))
    return 0;
  probe = seq;
  while (!mintls_der_expect_end(&probe)) {
    if (!mintls_der_read_oid(&probe, &oid))
      return 0;
    n++;
  }
  if (n == 0)
    return 0;
  cert->eku_nids = calloc(n, sizeof(int));
  if (cert->eku_nids == NULL)
    return 0;
  cert->eku_count = n;
  for (i = 0; i < n; i++) {
    int nid;
    if (!mintls_der_read_oid(&seq, &oid))
      return 0;
    nid = mintls_oid_nid_from_der(oid.p, oid.len);
    cert->eku_nids[i] = nid;
    switch (nid) {
    case NID_server_auth:
      cert->xku |= X509_XKU_SSL_SERVER;
      break;
    case NID_client_auth:
      cert->xku |= X509_XKU_SSL_CLIENT;
      break;
    case NID_email_protect:
      cert->xku |= X509_XKU_SMIME;
      break;
    case NID_code_sign:
      cert->xku |= X509_XKU_CODE_SIGN;
      break;
    case NID_OCSP_sign:
      cert->xku |= X509_XKU_OCSP_SIGN;
      break;
    case NID_time_stamp:
      cert->xku |= X509_XKU_TIMESTAMP;
      break;
    case NID_anyExtendedKeyUsage:
      cert->xku |= X509_XKU_ANYEKU;
      break;
    default:
      break;
    }
  }
  return 1;
}

/*
 * NameConstraints ::= SEQUENCE {
 *      permittedSubtrees       [0]     GeneralSubtrees OPTIONAL,
 *      excludedSubtrees        [1]     GeneralSubtrees OPTIONAL }
 * GeneralSubtree ::= SEQUENCE {
 *      base                    GeneralName,
 *      minimum         [0]     BaseDistance DEFAULT 0,
 *      maximum         [1]     BaseDistance OPTIONAL }
 * (minimum must be 0 and maximum absent in this profile; we keep the bases.)
 */
static int parse_subtrees(der_cursor *c, x509_general_names *out) {
  der_cursor probe = *c, st;
  size_t n = 0, i;
  for (int pass = 0; pass < 2; pass++) {
    der_cursor *cur = pass == 0 ? &probe : c;
    if (pass == 1) {
      if (n == 0)
        return 0;
      out->items = calloc(n, sizeof(*out->items));
      if (out->items == NULL)
        return 0;
      out->count = n;
    }
    for (i = 0; !mintls_der_expect_end(cur); i++) {
      x509_general_name gn;
      der_span v;
      int present;
      if (!mintls_der_read_sequence(cur, &st) || !parse_general_name(&st, &gn, 1))
        return 0;
      if (!mintls_der_read_optional_tag(&st, DER_CONTEXT(0), &v, &present) ||
          (present && !mintls_der_integer_valid(v)))
        return 0;
      if (!mintls_der_read_optional_tag(&st, DER_CONTEXT(1), &v, &present) ||
          (present && !mintls_der_integer_valid(v)) || !mintls_der_expect_end(&st))
        return 0;
      if (pass == 1)
        out->items[i] = gn;
    }
    if (pass == 0)
      n = i;
  }
  return 1;
}

static int parse_name_constraints(der_cursor *c, x509_cert *cert) {
  der_cursor seq, sub;
  int present, any = 0;
  if (!mintls_der_read_sequence(c, &seq))
    return 0;
  if (!mintls_der_read_optional_explicit(&seq, 0, &sub, &present))
    return 0;
  if (present && (any = 1) && !parse_subtrees(&sub, &cert->nc_permitted))
    return 0;
  if (!mintls_der_read_optional_explicit(&seq, 1, &sub, &present))
    return 0;
  if (present && (any = 1) && !parse_subtrees(&sub, &cert->nc_excluded))
    return 0;
  /* RFC 5280 4.2.1.10: an empty NameConstraints is not allowed. */
  return any && mintls_der_expect_end(&seq);
}

/*
 * AuthorityKeyIdentifier ::= SEQUENCE {
 *    keyIdentifier             [0] KeyIdentifier           OPTIONAL,
 *    authorityCertIssuer       [1] GeneralNames            OPTIONAL,
 *    authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL  }
 */
static int parse_akid(der_cursor *c, x509_cert *cert) {
  der_cursor seq, names;
  der_span v;
  int present;
  x509_general_names tmp = {NULL, 0};
  if (!mintls_der_read_sequence(c, &seq))
    return 0;
  if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT(0), &cert->akid_keyid, &present))
    return 0;
  if (!mintls_der_read_optional_explicit(&seq, 1, &names, &present))
    return 0;
  if (present) {
    int ok = mintls_x509_parse_general_names(&names, &tmp, 0) && mintls_der_expect_end(&names);
    free(tmp.items);
    if (!ok)
      return 0;
  }
  if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT(2), &v, &present) ||
      (present && !mintls_der_integer_valid(v)))
    return 0;
  return mintls_der_expect_end(&seq);
}

/* Extensions OpenSSL 3.0 knows how to process (X509_supported_extension). */
static int is_supported(int nid) {
  switch (nid) {
  case NID_key_usage:
  case NID_subject_alt_name:
  case NID_basic_constraints:
  case NID_certificate_policies:
  case NID_crl_distribution_points:
  case NID_ext_key_usage:
  case NID_policy_constraints:
  case NID_name_constraints:
  case NID_policy_mappings:
  case NID_inhibit_any_policy:
    return 1;
  default:
    return 0;
  }
}

static int parse_one(x509_cert *cert, const x509_extension *ext, unsigned depth) {
  der_cursor c = sub_cursor(ext->value, depth), seq;
  unsigned bit = 0;
  int ok = 1;
  switch (ext->nid) {
  case NID_basic_constraints:
    bit = X509_HAS_BASIC_CONSTRAINTS;
    ok = parse_basic_constraints(&c, cert);
    break;
  case NID_key_usage:
    bit = X509_HAS_KEY_USAGE;
    ok = parse_key_usage(&c, cert);
    break;
  case NID_ext_key_usage:
    bit = X509_HAS_EXT_KEY_USAGE;
    ok = parse_eku(&c, cert);
    break;
  case NID_subject_alt_name:
    bit = X509_HAS_SAN;
    ok = mintls_der_read_sequence(&c, &seq) && mintls_x509_parse_general_names(&seq, &cert->san, 0);
    break;
  case NID_name_constraints:
    bit = X509_HAS_NAME_CONSTRAINTS;
    ok = parse_name_constraints(&c, cert);
    break;
  case NID_subject_key_identifier:
    bit = X509_HAS_SKID;
    ok = mintls_der_read_octet_string(&c, &cert->skid);
    break;
  case NID_authority_key_identifier:
    bit = X509_HAS_AKID;
    ok = parse_akid(&c, cert);
    break;
  default:
    return 1; /* kept unparsed */
  }
  cert->has |= bit;
  return ok && mintls_der_expect_end(&c);
}

/*
 * RFC 5280 4.1:
 *   Extensions  ::=  SEQUENCE SIZE (1..MAX) OF Extension
 *   Extension  ::=  SEQUENCE  {
 *        extnID      OBJECT IDENTIFIER,
 *        critical    BOOLEAN DEFAULT FALSE,
 *        extnValue   OCTET STRING }
 * c is the contents of [3] EXPLICIT.
 */
int mintls_x509_parse_extensions(der_cursor *c, x509_cert *cert) {
  der_cursor seq, probe, ext;
  size_t n = 0, i, j;
  if (!mintls_der_read_sequence(c, &seq))
    return 0;
  probe = seq;
  while (!mintls_der_expect_end(&probe)) {
    if (!mintls_der_skip(&probe))
      return 0;
    n++;
  }
  if (n == 0)
    return 0;
  cert->exts = calloc(n, sizeof(*cert->exts));
  if (cert->exts == NULL)
    return 0;
  cert->ext_count = n;
  for (i = 0; i < n; i++) {
    x509_extension *e = &cert->exts[i];
    unsigned tag;
    if (!mintls_der_read_sequence(&seq, &ext) || !mintls_der_read_oid(&ext, &e->oid))
      return 0;
    /* DER says FALSE is omitted; some CAs encode it, OpenSSL accepts that. */
    if (mintls_der_peek_tag(&ext, &tag) && tag == DER_TAG_BOOLEAN && !mintls_der_read_bool(&ext, &e->critical))
      return 0;
    if (!mintls_der_read_octet_string(&ext, &e->value) || !mintls_der_expect_end(&ext))
      return 0;
    e->nid = mintls_oid_nid_from_der(e->oid.p, e->oid.len);
    /* RFC 5280 4.2: a certificate MUST NOT include more than one instance. */
    for (j = 0; j < i; j++)
      if (cert->exts[j].oid.len == e->oid.len &&
          memcmp(cert->exts[j].oid.p, e->oid.p, e->oid.len) == 0)
        return 0;
    if (e->critical && !is_supported(e->nid))
      cert->unhandled_critical = 1;
    if (!parse_one(cert, e, ext.depth + 1))
      return 0;
  }
  return 1;
}
