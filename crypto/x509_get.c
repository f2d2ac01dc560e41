/*
 * X509 getters, comparisons, digests, the public key and X509_verify.
 * The objects they return are built when the certificate is decoded
 * (crypto/x509_obj.c), so these are reads.
 */
#include "internal/x509_obj.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/obj_mac.h>

#include "internal/asn1_obj.h"
#include "internal/evp_pkey.h"

long X509_get_version(const X509 *x)
{
    return (x != NULL && x->parsed) ? (long)x->cert.version : 0;
}

X509_NAME *X509_get_subject_name(const X509 *a)
{
    return a == NULL ? NULL : a->subject;
}

X509_NAME *X509_get_issuer_name(const X509 *a)
{
    return a == NULL ? NULL : a->issuer;
}

ASN1_INTEGER *X509_get_serialNumber(X509 *x)
{
    return x == NULL ? NULL : x->serial;
}

const ASN1_INTEGER *X509_get0_serialNumber(const X509 *x)
{
    return x == NULL ? NULL : x->serial;
}

const ASN1_TIME *X509_get0_notBefore(const X509 *x)
{
    return x == NULL ? NULL : x->not_before;
}

const ASN1_TIME *X509_get0_notAfter(const X509 *x)
{
    return x == NULL ? NULL : x->not_after;
}

ASN1_TIME *X509_getm_notBefore(const X509 *x)
{
    return x == NULL ? NULL : x->not_before;
}

ASN1_TIME *X509_getm_notAfter(const X509 *x)
{
    return x == NULL ? NULL : x->not_after;
}

/* The outer signatureAlgorithm, as OpenSSL reports it. */
int X509_get_signature_nid(const X509 *x)
{
    return (x != NULL && x->parsed) ? x->cert.outer_sig_nid : NID_undef;
}

EVP_PKEY *X509_get0_pubkey(const X509 *x)
{
    if (x == NULL || !x->parsed)
        return NULL;
    EVP_PKEY *k = atomic_load(&((X509 *)x)->pkey);
    if (k != NULL)
        return k;
    k = mintls_evp_pkey_from_spki(x->cert.spki.p, x->cert.spki.len);
    if (k == NULL) {
        ERR_raise(ERR_LIB_X509, X509_R_PUBLIC_KEY_DECODE_ERROR);
        return NULL;
    }
    /* Another thread may have made it first: keep theirs. */
    EVP_PKEY *expected = NULL;
    if (!atomic_compare_exchange_strong(&((X509 *)x)->pkey, &expected, k)) {
        EVP_PKEY_free(k);
        k = expected;
    }
    return k;
}

EVP_PKEY *X509_get_pubkey(X509 *x)
{
    EVP_PKEY *k = X509_get0_pubkey(x);
    if (k != NULL && !EVP_PKEY_up_ref(k))
        return NULL;
    return k;
}

/* ---- comparisons ----------------------------------------------------------- */

int X509_cmp(const X509 *a, const X509 *b)
{
    if (a == b)
        return 0;
    if (a == NULL || b == NULL)
        return a == NULL ? -1 : 1;
    if (!a->parsed || !b->parsed)
        return a->parsed - b->parsed;
    int r = memcmp(a->sha1, b->sha1, sizeof(a->sha1));
    if (r == 0) {
        /* Same fingerprint: settle it on the signed part itself. */
        const der_span *ta = &a->cert.tbs, *tb = &b->cert.tbs;
        if (ta->len != tb->len)
            return ta->len < tb->len ? -1 : 1;
        r = memcmp(ta->p, tb->p, ta->len);
    }
    return r < 0 ? -1 : r > 0;
}

int X509_subject_name_cmp(const X509 *a, const X509 *b)
{
    return X509_NAME_cmp(X509_get_subject_name(a), X509_get_subject_name(b));
}

int X509_issuer_name_cmp(const X509 *a, const X509 *b)
{
    return X509_NAME_cmp(X509_get_issuer_name(a), X509_get_issuer_name(b));
}

unsigned long X509_subject_name_hash(X509 *x)
{
    return X509_NAME_hash_ex(X509_get_subject_name(x), NULL, NULL, NULL);
}

unsigned long X509_issuer_name_hash(X509 *x)
{
    return X509_NAME_hash_ex(X509_get_issuer_name(x), NULL, NULL, NULL);
}

/*
 * -1 if s is at or before *t (now when t is NULL), 1 if after, 0 when s is
 * not in the RFC 5280 form (YYMMDDHHMMSSZ / YYYYMMDDHHMMSSZ).
 */
int X509_cmp_time(const ASN1_TIME *s, time_t *t)
{
    if (s == NULL)
        return 0;
    if (!((s->type == V_ASN1_UTCTIME && s->length == 13) ||
          (s->type == V_ASN1_GENERALIZEDTIME && s->length == 15)))
        return 0;
    for (int i = 0; i < s->length - 1; i++)
        if (s->data[i] < '0' || s->data[i] > '9')
            return 0;
    if (s->data[s->length - 1] != 'Z')
        return 0;
    int64_t when;
    if (!mintls_asn1_time_to_epoch(s, &when))
        return 0;
    int64_t ref = t != NULL ? (int64_t)*t : (int64_t)time(NULL);
    return when <= ref ? -1 : 1;
}

int X509_cmp_current_time(const ASN1_TIME *s)
{
    return X509_cmp_time(s, NULL);
}

/* ---- digests ---------------------------------------------------------------- */

int X509_digest(const X509 *data, const EVP_MD *type, unsigned char *md, unsigned int *len)
{
    if (data == NULL || !data->parsed || type == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return EVP_Digest(data->der, data->der_len, md, len, type, NULL);
}

/* The digest of the subjectPublicKey BIT STRING contents (as for key ids). */
int X509_pubkey_digest(const X509 *data, const EVP_MD *type, unsigned char *md,
                       unsigned int *len)
{
    if (data == NULL || !data->parsed || type == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return EVP_Digest(data->cert.key_bits.p, data->cert.key_bits.len, md, len, type, NULL);
}

/* ---- signature -------------------------------------------------------------- */

static int span_eq(der_span a, der_span b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* 1 if the signature verifies under pkey, 0 if not, -1 on bad arguments. */
int X509_verify(X509 *a, EVP_PKEY *r)
{
    if (a == NULL || !a->parsed || r == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    const x509_cert *c = &a->cert;
    /* RFC 5280 4.1.1.2: the inner and outer algorithms must be the same. */
    if (!span_eq(c->sig_oid, c->outer_sig_oid) || !span_eq(c->sig_params, c->outer_sig_params)) {
        ERR_raise(ERR_LIB_X509, X509_R_CERTIFICATE_VERIFICATION_FAILED);
        return 0;
    }
    if (mintls_evp_pkey_verify_sig(r, c->outer_sig_nid, c->outer_sig_params.p,
                                   c->outer_sig_params.len, c->tbs.p, c->tbs.len,
                                   c->signature.p, c->signature.len) == 1)
        return 1;
    ERR_raise(ERR_LIB_ASN1, ERR_R_EVP_LIB);
    return 0;
}
