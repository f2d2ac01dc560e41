/*
 * Certificate signature checks straight on the primitives (RFC 5280 4.1.1.3):
 * the signature over tbsCertificate under the issuer's subjectPublicKey.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/obj_mac.h>

#include "internal/digest.h"
#include "internal/ed25519.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/rsa.h"
#include "internal/x509_verify.h"

static int span_equal(der_span a, der_span b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* RFC 4055 / RFC 5758: absent and NULL parameters mean the same for RSA. */
static int rsa_params_ok(der_span p) {
  return p.len == 0 || (p.len == 2 && p.p[0] == 0x05 && p.p[1] == 0x00);
}

static int verify_rsa(const x509_cert *issuer, const mintls_hash *h, const x509_cert *subject) {
  uint8_t digest[MINTLS_MAX_DIGEST];
  mintls_rsa_public *k;
  int ok = 0;

  if (issuer->key_nid != NID_rsaEncryption || !rsa_params_ok(subject->sig_params))
    return 0;
  k = malloc(sizeof(*k));
  if (k == NULL)
    return 0;
  if (mintls_rsa_public_from_be(k, issuer->rsa_n.p, issuer->rsa_n.len, issuer->rsa_e.p,
                                issuer->rsa_e.len)) {
    mintls_hash_oneshot(h, subject->tbs.p, subject->tbs.len, digest);
    ok = mintls_rsa_verify_pkcs1(k, h, digest, subject->signature.p, subject->signature.len) == 1;
  }
  free(k);
  return ok;
}

static int verify_ecdsa(const x509_cert *issuer, const mintls_hash *h, const x509_cert *subject) {
  uint8_t digest[MINTLS_MAX_DIGEST];

  /* RFC 5758 3.2: ecdsa-with-SHA* parameters are absent. */
  if (issuer->key_nid != NID_X9_62_id_ecPublicKey || subject->sig_params.len != 0)
    return 0;
  mintls_hash_oneshot(h, subject->tbs.p, subject->tbs.len, digest);
  switch (issuer->curve_nid) {
  case NID_X9_62_prime256v1:
    return mintls_p256_ecdsa_verify_der(subject->signature.p, subject->signature.len, digest,
                                        h->digest_len, issuer->key_bits.p,
                                        issuer->key_bits.len) == 1;
  case NID_secp384r1:
    return mintls_p384_ecdsa_verify_der(subject->signature.p, subject->signature.len, digest,
                                        h->digest_len, issuer->key_bits.p,
                                        issuer->key_bits.len) == 1;
  default:
    return 0;
  }
}

int mintls_x509_check_signature(const x509_cert *issuer, const x509_cert *subject) {
  const mintls_hash *h = NULL;

  if (issuer == NULL || subject == NULL)
    return 0;
  /* RFC 5280 4.1.1.2: signatureAlgorithm MUST equal tbsCertificate.signature. */
  if (!span_equal(subject->sig_oid, subject->outer_sig_oid) ||
      !span_equal(subject->sig_params, subject->outer_sig_params))
    return 0;
  switch (subject->sig_nid) {
  case NID_sha1WithRSAEncryption:
    return verify_rsa(issuer, &mintls_hash_sha1, subject);
  case NID_sha224WithRSAEncryption:
    return verify_rsa(issuer, &mintls_hash_sha224, subject);
  case NID_sha256WithRSAEncryption:
    return verify_rsa(issuer, &mintls_hash_sha256, subject);
  case NID_sha384WithRSAEncryption:
    return verify_rsa(issuer, &mintls_hash_sha384, subject);
  case NID_sha512WithRSAEncryption:
    return verify_rsa(issuer, &mintls_hash_sha512, subject);
  case NID_ecdsa_with_SHA1:
    h = &mintls_hash_sha1;
    break;
  case NID_ecdsa_with_SHA224:
    h = &mintls_hash_sha224;
    break;
  case NID_ecdsa_with_SHA256:
    h = &mintls_hash_sha256;
    break;
  case NID_ecdsa_with_SHA384:
    h = &mintls_hash_sha384;
    break;
  case NID_ecdsa_with_SHA512:
    h = &mintls_hash_sha512;
    break;
  case NID_ED25519:
    /* RFC 8410 3: no parameters. */
    if (issuer->key_nid != NID_ED25519 || issuer->key_bits.len != 32 ||
        subject->sig_params.len != 0 || subject->signature.len != 64)
      return 0;
    return mintls_ed25519_verify(subject->signature.p, subject->tbs.p, subject->tbs.len,
                                 issuer->key_bits.p) == 1;
  default:
    return 0; /* RSA-PSS and the rest: not supported here */
  }
  return verify_ecdsa(issuer, h, subject);
}
