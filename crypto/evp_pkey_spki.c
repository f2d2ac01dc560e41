/*
 * SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) -> EVP_PKEY.
 *
 *   SubjectPublicKeyInfo ::= SEQUENCE {
 *       algorithm         AlgorithmIdentifier,
 *       subjectPublicKey  BIT STRING }
 *
 * RSA (RFC 3279 2.3.1: NULL parameters, RSAPublicKey in the BIT STRING),
 * RSASSA-PSS keys (RFC 4055 section 1.2: parameters absent or
 * RSASSA-PSS-params), EC (RFC 5480: namedCurve P-256 or P-384, an
 * uncompressed point), Ed25519 and X25519 (RFC 8410: no parameters, 32 bytes).
 */
#include "internal/asn1_obj.h"
#include "internal/evp_pkey.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "internal/der.h"
#include "internal/oid.h"
#include "internal/p256.h"
#include "internal/p384.h"

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static int rsa_from_bits(EVP_PKEY *key, int type, const der_span *bits)
{
    der_cursor c, seq;
    der_span n, e;
    mintls_der_init(&c, bits->p, bits->len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_unsigned_integer(&seq, &n) ||
        !mintls_der_read_unsigned_integer(&seq, &e) || !mintls_der_expect_end(&seq)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return 0;
    }
    return mintls_evp_pkey_set_rsa(key, type, n.p, n.len, e.p, e.len, NULL);
}

int mintls_evp_pkey_set_ec_public(EVP_PKEY *key, int curve_nid, const uint8_t *pt, size_t len)
{
    int ok = 0;
    if (curve_nid == NID_X9_62_prime256v1 && len == 65) {
        p256_affine a;
        ok = mintls_p256_point_from_bytes(&a, pt, len);
    } else if (curve_nid == NID_secp384r1 && len == MINTLS_P384_PUB_BYTES) {
        p384_point p;
        ok = mintls_p384_point_from_bytes(&p, pt, len);
    } else if (curve_nid != NID_X9_62_prime256v1 && curve_nid != NID_secp384r1) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return 0;
    }
    if (!ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY);
        return 0;
    }
    key->type = EVP_PKEY_EC;
    key->curve_nid = curve_nid;
    memcpy(key->pub, pt, len);
    key->pub_len = len;
    return 1;
}

/* Parameters for id-ecPublicKey: ECParameters CHOICE, only namedCurve accepted. */
static int ec_curve_from_params(const der_span *params, int *out_nid)
{
    der_cursor c;
    der_span oid;
    mintls_der_init(&c, params->p, params->len);
    if (!mintls_der_read_oid(&c, &oid) || !mintls_der_expect_end(&c)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return 0;
    }
    *out_nid = mintls_oid_nid_from_der(oid.p, oid.len);
    return 1;
}

int mintls_evp_pkey_ec_curve_from_params(const uint8_t *p, size_t len, int *out_nid)
{
    der_span s = {p, len};
    return ec_curve_from_params(&s, out_nid);
}

EVP_PKEY *mintls_evp_pkey_from_spki(const uint8_t *der, size_t len)
{
    der_cursor c, spki, alg;
    der_span oid, params = {NULL, 0}, bits;
    unsigned unused, tag;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_sequence(&c, &spki) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_sequence(&spki, &alg) || !mintls_der_read_oid(&alg, &oid)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return NULL;
    }
    if (mintls_der_remaining(&alg) > 0 &&
        !mintls_der_read_tlv(&alg, &tag, &(der_span){0}, &params)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return NULL;
    }
    if (!mintls_der_expect_end(&alg) || !mintls_der_read_bit_string(&spki, &bits, &unused) ||
        unused != 0 || !mintls_der_expect_end(&spki)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return NULL;
    }
    int alg_nid = mintls_oid_nid_from_der(oid.p, oid.len);
    EVP_PKEY *key = mintls_evp_pkey_alloc(EVP_PKEY_NONE);
    if (key == NULL)
        return NULL;
    int ok = 0;
    switch (alg_nid) {
    case NID_rsaEncryption:
        /* RFC 3279 requires NULL; OpenSSL also tolerates absent parameters. */
        if (params.len != 0 && !(params.len == 2 && params.p[0] == DER_TAG_NULL && params.p[1] == 0)) {
            ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
            break;
        }
        ok = rsa_from_bits(key, EVP_PKEY_RSA, &bits);
        break;
    case NID_rsassaPss:
        /* Parameters, when present, restrict later use; verification re-reads them. */
        if (params.len != 0 && params.p[0] != DER_TAG_SEQUENCE) {
            ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
            break;
        }
        ok = rsa_from_bits(key, EVP_PKEY_RSA_PSS, &bits) &&
             mintls_evp_pkey_set_pss_params(key, params.p, params.len);
        break;
    case NID_X9_62_id_ecPublicKey: {
        int curve = 0;
        if (params.len == 0) {
            ERR_raise(ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS);
            break;
        }
        ok = ec_curve_from_params(&params, &curve) &&
             mintls_evp_pkey_set_ec_public(key, curve, bits.p, bits.len);
        break;
    }
    case NID_ED25519:
    case NID_X25519:
        if (params.len != 0 || bits.len != 32) {
            ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
            break;
        }
        key->type = alg_nid;
        memcpy(key->pub, bits.p, 32);
        key->pub_len = 32;
        ok = 1;
        break;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        break;
    }
    if (!ok) {
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}

/* An AlgorithmIdentifier from the OID of nid, with params_der (a whole TLV, may be empty). */
static void add_alg(der_writer *w, int nid, const uint8_t *params_der, size_t params_len)
{
    size_t mark;
    const oid_entry *o = mintls_oid_by_nid(nid);
    mintls_der_begin(w, DER_TAG_SEQUENCE, &mark);
    if (o == NULL)
        w->failed = 1;
    else
        mintls_der_add_oid(w, o->der, o->der_len);
    if (params_len > 0)
        mintls_der_add_raw(w, params_der, params_len);
    mintls_der_end(w, mark);
}

int mintls_evp_pkey_to_spki(const EVP_PKEY *key, uint8_t **out_der, size_t *out_len)
{
    static const uint8_t der_null[] = {DER_TAG_NULL, 0};
    der_writer w, inner;
    size_t mark;
    uint8_t *bits = NULL;
    size_t bits_len = 0;
    mintls_der_writer_init_alloc(&w);
    mintls_der_begin(&w, DER_TAG_SEQUENCE, &mark);
    switch (key->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: {
        size_t m;
        if (key->type == EVP_PKEY_RSA)
            add_alg(&w, NID_rsaEncryption, der_null, sizeof(der_null));
        else
            add_alg(&w, NID_rsassaPss, key->pss_params, key->pss_params_len);
        /* RSAPublicKey ::= SEQUENCE { modulus, publicExponent } */
        mintls_der_writer_init_alloc(&inner);
        mintls_der_begin(&inner, DER_TAG_SEQUENCE, &m);
        mintls_der_add_uint_bytes(&inner, key->rsa_n, key->rsa_n_len);
        mintls_der_add_uint_bytes(&inner, key->rsa_e, key->rsa_e_len);
        mintls_der_end(&inner, m);
        if (!mintls_der_writer_finish(&inner, &bits, &bits_len))
            w.failed = 1;
        else
            mintls_der_add_bit_string(&w, bits, bits_len, 0);
        free(bits);
        break;
    }
    case EVP_PKEY_EC: {
        const oid_entry *curve = mintls_oid_by_nid(key->curve_nid);
        uint8_t params[16];
        if (curve == NULL || curve->der_len + 2u > sizeof(params)) {
            w.failed = 1;
            break;
        }
        params[0] = DER_TAG_OID;
        params[1] = curve->der_len;
        memcpy(params + 2, curve->der, curve->der_len);
        add_alg(&w, NID_X9_62_id_ecPublicKey, params, curve->der_len + 2u);
        mintls_der_add_bit_string(&w, key->pub, key->pub_len, 0);
        break;
    }
    case EVP_PKEY_ED25519:
    case EVP_PKEY_X25519:
        add_alg(&w, key->type, NULL, 0);
        mintls_der_add_bit_string(&w, key->pub, key->pub_len, 0);
        break;
    default:
        mintls_der_writer_cleanup(&w);
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_TYPE);
        return 0;
    }
    mintls_der_end(&w, mark);
    if (!mintls_der_writer_finish(&w, out_der, out_len)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    return 1;
}

int i2d_PUBKEY(const EVP_PKEY *a, unsigned char **pp)
{
    uint8_t *der;
    size_t len;
    if (a == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (!mintls_evp_pkey_to_spki(a, &der, &len))
        return -1;
    int n = mintls_i2d_output(der, len, pp, ERR_LIB_X509);
    free(der);
    return n;
}
