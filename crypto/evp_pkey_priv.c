/*
 * Private keys from DER: PKCS#8 PrivateKeyInfo / OneAsymmetricKey
 * (RFC 5208, RFC 5958), PKCS#1 RSAPrivateKey (RFC 8017 appendix A.1.2) and
 * SEC1 ECPrivateKey (RFC 5915). Ed25519 and X25519 keys follow RFC 8410
 * section 7 (a CurvePrivateKey OCTET STRING inside the privateKey OCTET STRING).
 */
#include "internal/evp_pkey.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "internal/der.h"
#include "internal/ed25519.h"
#include "internal/oid.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/x25519.h"

static void decode_error(void)
{
    ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
}

/*
 * RSAPrivateKey ::= SEQUENCE { version (0: two primes), modulus, publicExponent,
 *     privateExponent, prime1, prime2, exponent1, exponent2, coefficient }
 */
static int parse_rsa_private(EVP_PKEY *key, int type, const uint8_t *der, size_t len)
{
    der_cursor c, seq;
    der_span f[8];
    uint64_t version;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_small_uint(&seq, &version)) {
        decode_error();
        return 0;
    }
    if (version != 0) { /* multi-prime keys are not supported */
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_SIZE);
        return 0;
    }
    for (size_t i = 0; i < 8; i++) {
        if (!mintls_der_read_unsigned_integer(&seq, &f[i])) {
            decode_error();
            return 0;
        }
    }
    if (!mintls_der_expect_end(&seq)) {
        decode_error();
        return 0;
    }
    mintls_rsa_private *priv = malloc(sizeof(*priv));
    if (priv == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (!mintls_rsa_private_from_be(priv, f[0].p, f[0].len, f[1].p, f[1].len, f[2].p, f[2].len,
                                    f[3].p, f[3].len, f[4].p, f[4].len, f[5].p, f[5].len,
                                    f[6].p, f[6].len, f[7].p, f[7].len)) {
        mintls_rsa_private_wipe(priv);
        free(priv);
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY);
        return 0;
    }
    if (!mintls_evp_pkey_set_rsa(key, type, f[0].p, f[0].len, f[1].p, f[1].len, priv)) {
        if (key->rsa_priv != priv) {
            mintls_rsa_private_wipe(priv);
            free(priv);
        }
        return 0;
    }
    return 1;
}

/* The public key for scalar d on the curve; 0 if d is out of range. */
static int ec_public_from_private(int curve_nid, const uint8_t *d, uint8_t *out_pub,
                                  size_t *out_len)
{
    if (curve_nid == NID_X9_62_prime256v1) {
        *out_len = 65;
        return mintls_p256_public_from_private(out_pub, d);
    }
    *out_len = MINTLS_P384_PUB_BYTES;
    return mintls_p384_public_from_private(out_pub, d);
}

/*
 * ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING,
 *     parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * curve_nid is the curve the PKCS#8 wrapper named, or NID_undef.
 */
static int parse_ec_private(EVP_PKEY *key, int curve_nid, const uint8_t *der, size_t len)
{
    der_cursor c, seq, inner;
    der_span d, pub = {NULL, 0};
    uint64_t version;
    int present;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_small_uint(&seq, &version) || version != 1 ||
        !mintls_der_read_octet_string(&seq, &d)) {
        decode_error();
        return 0;
    }
    if (!mintls_der_read_optional_explicit(&seq, 0, &inner, &present)) {
        decode_error();
        return 0;
    }
    if (present) {
        int inner_nid = NID_undef;
        if (!mintls_evp_pkey_ec_curve_from_params(inner.p, inner.len, &inner_nid))
            return 0;
        if (curve_nid != NID_undef && inner_nid != curve_nid) {
            ERR_raise(ERR_LIB_EVP, EVP_R_DIFFERENT_PARAMETERS);
            return 0;
        }
        curve_nid = inner_nid;
    }
    if (!mintls_der_read_optional_explicit(&seq, 1, &inner, &present)) {
        decode_error();
        return 0;
    }
    if (present) {
        unsigned unused;
        if (!mintls_der_read_bit_string(&inner, &pub, &unused) || unused != 0 ||
            !mintls_der_expect_end(&inner)) {
            decode_error();
            return 0;
        }
    }
    if (!mintls_der_expect_end(&seq)) {
        decode_error();
        return 0;
    }
    if (curve_nid == NID_undef) {
        ERR_raise(ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS);
        return 0;
    }
    if (curve_nid != NID_X9_62_prime256v1 && curve_nid != NID_secp384r1) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return 0;
    }
    size_t n = curve_nid == NID_secp384r1 ? 48 : 32;
    if (d.len == 0 || d.len > n) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY);
        return 0;
    }
    uint8_t scalar[48] = {0};
    uint8_t derived[97];
    size_t derived_len;
    memcpy(scalar + (n - d.len), d.p, d.len);
    int ok = ec_public_from_private(curve_nid, scalar, derived, &derived_len);
    if (ok && pub.len != 0)
        ok = pub.len == derived_len && memcmp(pub.p, derived, derived_len) == 0;
    if (!ok || !mintls_evp_pkey_set_ec_public(key, curve_nid, derived, derived_len)) {
        OPENSSL_cleanse(scalar, sizeof(scalar));
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY);
        return 0;
    }
    memcpy(key->priv, scalar, n);
    key->priv_len = n;
    key->has_private = 1;
    OPENSSL_cleanse(scalar, sizeof(scalar));
    return 1;
}

/* CurvePrivateKey ::= OCTET STRING (32 bytes), RFC 8410 section 7. */
static int parse_raw_private(EVP_PKEY *key, int type, const der_span *priv, const der_span *pub)
{
    der_cursor c;
    der_span k;
    mintls_der_init(&c, priv->p, priv->len);
    if (!mintls_der_read_octet_string(&c, &k) || !mintls_der_expect_end(&c) || k.len != 32) {
        decode_error();
        return 0;
    }
    key->type = type;
    memcpy(key->priv, k.p, 32);
    key->priv_len = 32;
    if (type == EVP_PKEY_ED25519)
        mintls_ed25519_public_from_seed(key->pub, key->priv);
    else
        mintls_x25519_public_from_private(key->pub, key->priv);
    key->pub_len = 32;
    if (pub->p != NULL && (pub->len != 32 || memcmp(pub->p, key->pub, 32) != 0)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY);
        return 0;
    }
    key->has_private = 1;
    return 1;
}

/*
 * OneAsymmetricKey ::= SEQUENCE { version (0 or 1), privateKeyAlgorithm,
 *     privateKey OCTET STRING, attributes [0] IMPLICIT OPTIONAL,
 *     publicKey [1] IMPLICIT BIT STRING OPTIONAL (version 1 only) }
 */
static int parse_pkcs8(EVP_PKEY *key, const uint8_t *der, size_t len)
{
    der_cursor c, seq, alg;
    der_span oid, params = {NULL, 0}, priv, v, pub = {NULL, 0};
    uint64_t version;
    unsigned tag;
    int present;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_small_uint(&seq, &version) || version > 1 ||
        !mintls_der_read_sequence(&seq, &alg) || !mintls_der_read_oid(&alg, &oid)) {
        decode_error();
        return 0;
    }
    if (mintls_der_remaining(&alg) > 0 && !mintls_der_read_tlv(&alg, &tag, &v, &params)) {
        decode_error();
        return 0;
    }
    if (!mintls_der_expect_end(&alg) || !mintls_der_read_octet_string(&seq, &priv) ||
        !mintls_der_read_optional_tag(&seq, DER_CONTEXT_CONS(0), &v, &present)) {
        decode_error();
        return 0;
    }
    if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT(1), &v, &present)) {
        decode_error();
        return 0;
    }
    if (present) {
        unsigned unused;
        if (version != 1 || !mintls_der_bit_string_valid(v, &pub, &unused) || unused != 0) {
            decode_error();
            return 0;
        }
    }
    if (!mintls_der_expect_end(&seq)) {
        decode_error();
        return 0;
    }
    int nid = mintls_oid_nid_from_der(oid.p, oid.len);
    switch (nid) {
    case NID_rsaEncryption:
        if (params.len != 0 && !(params.len == 2 && params.p[0] == DER_TAG_NULL && params.p[1] == 0)) {
            decode_error();
            return 0;
        }
        return parse_rsa_private(key, EVP_PKEY_RSA, priv.p, priv.len);
    case NID_rsassaPss:
        if (params.len != 0 && params.p[0] != DER_TAG_SEQUENCE) {
            decode_error();
            return 0;
        }
        return parse_rsa_private(key, EVP_PKEY_RSA_PSS, priv.p, priv.len) &&
               mintls_evp_pkey_set_pss_params(key, params.p, params.len);
    case NID_X9_62_id_ecPublicKey: {
        int curve = NID_undef;
        if (params.len == 0) {
            ERR_raise(ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS);
            return 0;
        }
        if (!mintls_evp_pkey_ec_curve_from_params(params.p, params.len, &curve))
            return 0;
        if (curve == NID_undef) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
            return 0;
        }
        return parse_ec_private(key, curve, priv.p, priv.len);
    }
    case NID_ED25519:
    case NID_X25519:
        if (params.len != 0) {
            decode_error();
            return 0;
        }
        return parse_raw_private(key, nid, &priv, &pub);
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM);
        return 0;
    }
}

EVP_PKEY *mintls_evp_pkey_from_private_der(enum mintls_pkey_der_kind kind,
                                           const uint8_t *der, size_t len)
{
    EVP_PKEY *key = mintls_evp_pkey_alloc(EVP_PKEY_NONE);
    if (key == NULL)
        return NULL;
    int ok;
    switch (kind) {
    case MINTLS_PKEY_DER_PKCS8:
        ok = parse_pkcs8(key, der, len);
        break;
    case MINTLS_PKEY_DER_RSA:
        ok = parse_rsa_private(key, EVP_PKEY_RSA, der, len);
        break;
    case MINTLS_PKEY_DER_EC:
        ok = parse_ec_private(key, NID_undef, der, len);
        break;
    default:
        ok = 0;
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT);
        break;
    }
    if (!ok) {
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}
