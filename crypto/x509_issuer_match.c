/*
 * Could this certificate have issued that one? The cheap tests chain
 * building uses to pick candidates (and X509_check_issued reports): the
 * names link up, the key identifiers do not contradict each other, and the
 * issuer holds the kind of key the subject's signature algorithm needs.
 * Whether the signature really verifies is x509_chain_signatures.c's job.
 */
#include <string.h>

#include <openssl/obj_mac.h>

#include "internal/x509_verify_steps.h"

static int same_bytes(der_span a, der_span b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* Names are compared as encoded; DER leaves one encoding per name in practice. */
int mintls_x509_name_equal(const x509_name *a, const x509_name *b)
{
    return same_bytes(a->der, b->der);
}

int mintls_x509_self_issued(const x509_cert *cert)
{
    return mintls_x509_name_equal(&cert->subject, &cert->issuer);
}

/*
 * The key algorithm a signature algorithm is made with, NID_undef when
 * mintls does not know the algorithm. RSA-PSS signatures come from either
 * kind of RSA key; the rest name exactly one key type.
 */
static int key_type_for_signature(int sig_nid)
{
    switch (sig_nid) {
    case NID_md5WithRSAEncryption:
    case NID_sha1WithRSAEncryption:
    case NID_sha224WithRSAEncryption:
    case NID_sha256WithRSAEncryption:
    case NID_sha384WithRSAEncryption:
    case NID_sha512WithRSAEncryption:
        return NID_rsaEncryption;
    case NID_rsassaPss:
        return NID_rsassaPss;
    case NID_ecdsa_with_SHA1:
    case NID_ecdsa_with_SHA224:
    case NID_ecdsa_with_SHA256:
    case NID_ecdsa_with_SHA384:
    case NID_ecdsa_with_SHA512:
        return NID_X9_62_id_ecPublicKey;
    case NID_ED25519:
        return NID_ED25519;
    case NID_ED448:
        return NID_ED448;
    default:
        return NID_undef;
    }
}

static int key_fits_signature(int key_nid, int needed)
{
    if (needed == NID_rsassaPss)
        return key_nid == NID_rsaEncryption || key_nid == NID_rsassaPss;
    return key_nid == needed;
}

int mintls_x509_likely_issued(const x509_cert *issuer, const x509_cert *subject)
{
    if (!mintls_x509_name_equal(&issuer->subject, &subject->issuer))
        return MINTLS_X509_V_ERR_SUBJECT_ISSUER_MISMATCH;
    /* RFC 5280 4.2.1.1: when both are present, the authority key identifier
     * names the issuer's subject key identifier. */
    if (subject->akid_keyid.len > 0 && issuer->skid.len > 0 &&
        !same_bytes(subject->akid_keyid, issuer->skid))
        return MINTLS_X509_V_ERR_AKID_SKID_MISMATCH;
    int needed = key_type_for_signature(subject->sig_nid);
    if (needed == NID_undef)
        return MINTLS_X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM;
    if (!key_fits_signature(issuer->key_nid, needed))
        return MINTLS_X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH;
    return MINTLS_X509_V_OK;
}

/* Self-signed in OpenSSL's sense: it would pass as its own issuer (the
 * signature itself is only checked on request, by the signature walk). */
int mintls_x509_self_signed(const x509_cert *cert)
{
    return mintls_x509_likely_issued(cert, cert) == MINTLS_X509_V_OK;
}
