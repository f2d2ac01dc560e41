/*
 * Signature verification through an EVP_PKEY, for certificates and the
 * chain verifier: RSA PKCS#1 v1.5 (RFC 8017 8.2), RSASSA-PSS (RFC 8017 8.1
 * with the RFC 4055 parameters), ECDSA on P-256/P-384 (X9.62 DER
 * signatures) and Ed25519 (RFC 8032).
 */
#include "internal/evp_pkey.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include "internal/der.h"
#include "internal/digest.h"
#include "internal/ed25519.h"
#include "internal/oid.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/rsa.h"

enum sig_family { SIG_RSA_PKCS1, SIG_RSA_PSS, SIG_ECDSA, SIG_ED25519 };

static const struct {
    int sig_nid;
    enum sig_family family;
    const mintls_hash *hash;
} sig_algs[] = {
    {NID_sha1WithRSAEncryption, SIG_RSA_PKCS1, &mintls_hash_sha1},
    {NID_sha224WithRSAEncryption, SIG_RSA_PKCS1, &mintls_hash_sha224},
    {NID_sha256WithRSAEncryption, SIG_RSA_PKCS1, &mintls_hash_sha256},
    {NID_sha384WithRSAEncryption, SIG_RSA_PKCS1, &mintls_hash_sha384},
    {NID_sha512WithRSAEncryption, SIG_RSA_PKCS1, &mintls_hash_sha512},
    {NID_ecdsa_with_SHA1, SIG_ECDSA, &mintls_hash_sha1},
    {NID_ecdsa_with_SHA224, SIG_ECDSA, &mintls_hash_sha224},
    {NID_ecdsa_with_SHA256, SIG_ECDSA, &mintls_hash_sha256},
    {NID_ecdsa_with_SHA384, SIG_ECDSA, &mintls_hash_sha384},
    {NID_ecdsa_with_SHA512, SIG_ECDSA, &mintls_hash_sha512},
    {NID_rsassaPss, SIG_RSA_PSS, NULL},
    {NID_ED25519, SIG_ED25519, NULL},
};

/* Absent, or NULL: what RFC 3279 / RFC 4055 allow for hash-with-RSA parameters. */
static int params_absent_or_null(const uint8_t *p, size_t len)
{
    return len == 0 || (len == 2 && p[0] == DER_TAG_NULL && p[1] == 0);
}

/* HashAlgorithm ::= AlgorithmIdentifier { SHA-1/224/256/384/512, NULL or absent } */
static const mintls_hash *parse_hash_alg(der_cursor *c)
{
    der_cursor alg;
    der_span oid, v, whole = {NULL, 0};
    unsigned tag;
    if (!mintls_der_read_sequence(c, &alg) || !mintls_der_read_oid(&alg, &oid))
        return NULL;
    if (mintls_der_remaining(&alg) > 0 && !mintls_der_read_tlv(&alg, &tag, &v, &whole))
        return NULL;
    if (!mintls_der_expect_end(&alg) || !params_absent_or_null(whole.p, whole.len))
        return NULL;
    const mintls_hash *h = mintls_hash_by_nid(mintls_oid_nid_from_der(oid.p, oid.len));
    if (h == NULL || h == &mintls_hash_md5)
        return NULL;
    return h;
}

/*
 * RSASSA-PSS-params ::= SEQUENCE {
 *     hashAlgorithm    [0] HashAlgorithm    DEFAULT sha1,
 *     maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
 *     saltLength       [2] INTEGER          DEFAULT 20,
 *     trailerField     [3] TrailerField     DEFAULT trailerFieldBC }
 * (RFC 4055 section 3.1). The trailer field must be 1.
 */
static int parse_pss_params(const uint8_t *p, size_t len, const mintls_hash **out_hash,
                            const mintls_hash **out_mgf1, int *out_salt)
{
    der_cursor c, seq, inner;
    int present;
    *out_hash = &mintls_hash_sha1;
    *out_mgf1 = &mintls_hash_sha1;
    *out_salt = 20;
    mintls_der_init(&c, p, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c))
        return 0;
    if (!mintls_der_read_optional_explicit(&seq, 0, &inner, &present))
        return 0;
    if (present && ((*out_hash = parse_hash_alg(&inner)) == NULL || !mintls_der_expect_end(&inner)))
        return 0;
    if (!mintls_der_read_optional_explicit(&seq, 1, &inner, &present))
        return 0;
    if (present) {
        der_cursor mgf;
        der_span oid;
        if (!mintls_der_read_sequence(&inner, &mgf) || !mintls_der_expect_end(&inner) ||
            !mintls_der_read_oid(&mgf, &oid) ||
            mintls_oid_nid_from_der(oid.p, oid.len) != NID_mgf1 ||
            (*out_mgf1 = parse_hash_alg(&mgf)) == NULL || !mintls_der_expect_end(&mgf))
            return 0;
    }
    if (!mintls_der_read_optional_explicit(&seq, 2, &inner, &present))
        return 0;
    if (present) {
        uint64_t salt;
        if (!mintls_der_read_small_uint(&inner, &salt) || !mintls_der_expect_end(&inner) ||
            salt > MINTLS_RSA_MAX_BYTES)
            return 0;
        *out_salt = (int)salt;
    }
    if (!mintls_der_read_optional_explicit(&seq, 3, &inner, &present))
        return 0;
    if (present) {
        uint64_t trailer;
        if (!mintls_der_read_small_uint(&inner, &trailer) || !mintls_der_expect_end(&inner) ||
            trailer != 1)
            return 0;
    }
    return mintls_der_expect_end(&seq);
}

int mintls_evp_pkey_verify_sig(const EVP_PKEY *key, int sig_nid, const uint8_t *params,
                               size_t params_len, const uint8_t *tbs, size_t tbs_len,
                               const uint8_t *sig, size_t sig_len)
{
    size_t i, n = sizeof(sig_algs) / sizeof(sig_algs[0]);
    if (key == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_KEY_SET);
        return 0;
    }
    for (i = 0; i < n && sig_algs[i].sig_nid != sig_nid; i++)
        continue;
    if (i == n) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return 0;
    }
    const mintls_hash *h = sig_algs[i].hash, *mgf1 = NULL;
    int salt = 0;
    uint8_t digest[MINTLS_MAX_DIGEST];

    /* Key and algorithm must belong together; parameters must be as the RFCs say. */
    int key_ok = 0, params_ok = 0;
    switch (sig_algs[i].family) {
    case SIG_RSA_PKCS1:
        key_ok = key->type == EVP_PKEY_RSA;
        params_ok = params_absent_or_null(params, params_len);
        break;
    case SIG_RSA_PSS:
        key_ok = key->type == EVP_PKEY_RSA || key->type == EVP_PKEY_RSA_PSS;
        params_ok = params_len != 0 && parse_pss_params(params, params_len, &h, &mgf1, &salt);
        break;
    case SIG_ECDSA:
        key_ok = key->type == EVP_PKEY_EC;
        params_ok = params_len == 0;
        break;
    case SIG_ED25519:
        key_ok = key->type == EVP_PKEY_ED25519;
        params_ok = params_len == 0;
        break;
    }
    if (!key_ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        return 0;
    }
    if (!params_ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return 0;
    }

    if (sig_algs[i].family == SIG_ED25519)
        return sig_len == 64 && mintls_ed25519_verify(sig, tbs, tbs_len, key->pub);

    mintls_hash_oneshot(h, tbs, tbs_len, digest);
    switch (sig_algs[i].family) {
    case SIG_RSA_PKCS1:
        return key->rsa_pub != NULL &&
               mintls_rsa_verify_pkcs1(key->rsa_pub, h, digest, sig, sig_len) == 1;
    case SIG_RSA_PSS:
        return key->rsa_pub != NULL &&
               mintls_rsa_verify_pss(key->rsa_pub, h, mgf1, salt, digest, sig, sig_len) == 1;
    case SIG_ECDSA:
        if (key->curve_nid == NID_secp384r1)
            return mintls_p384_ecdsa_verify_der(sig, sig_len, digest, h->digest_len, key->pub,
                                                key->pub_len) == 1;
        return mintls_p256_ecdsa_verify_der(sig, sig_len, digest, h->digest_len, key->pub,
                                            key->pub_len) == 1;
    default:
        return 0;
    }
}
