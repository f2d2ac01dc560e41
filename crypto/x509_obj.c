/*
 * X509 objects: construction from DER, reference counting and release.
 * See crypto/internal/x509_obj.h for what an X509 holds.
 */
#include "internal/x509_obj.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "internal/asn1_obj.h"
#include "internal/digest.h"

X509 *X509_new(void)
{
    X509 *x = calloc(1, sizeof(*x));
    if (x == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&x->references, 1);
    atomic_init(&x->pkey, NULL);
    return x;
}

X509 *X509_new_ex(OSSL_LIB_CTX *libctx, const char *propq)
{
    (void)libctx;
    (void)propq;
    return X509_new();
}

static void free_contents(X509 *x)
{
    X509_NAME_free(x->subject);
    X509_NAME_free(x->issuer);
    ASN1_INTEGER_free(x->serial);
    ASN1_TIME_free(x->not_before);
    ASN1_TIME_free(x->not_after);
    for (int i = 0; i < x->ext_count; i++)
        X509_EXTENSION_free(x->exts[i]);
    free(x->exts);
    ASN1_OCTET_STRING_free(x->skid);
    ASN1_OCTET_STRING_free(x->akid);
    GENERAL_NAMES_free(x->akid_issuer);
    ASN1_INTEGER_free(x->akid_serial);
    EVP_PKEY_free(atomic_load(&x->pkey));
    if (x->parsed)
        mintls_x509_cert_cleanup(&x->cert);
    free(x->der);
}

void X509_free(X509 *a)
{
    if (a == NULL)
        return;
    if (atomic_fetch_sub(&a->references, 1) != 1)
        return;
    free_contents(a);
    free(a);
}

int X509_up_ref(X509 *x)
{
    if (x == NULL)
        return 0;
    atomic_fetch_add(&x->references, 1);
    return 1;
}

const x509_cert *mintls_x509_parsed(const X509 *x)
{
    return (x != NULL && x->parsed) ? &x->cert : NULL;
}

static X509_EXTENSION *ext_from_parsed(const x509_extension *e)
{
    X509_EXTENSION *ex = calloc(1, sizeof(*ex));
    if (ex == NULL)
        return NULL;
    ex->critical = e->critical;
    ex->object = mintls_obj_from_der(e->oid.p, e->oid.len);
    ex->value = mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, e->value);
    if (ex->object == NULL || ex->value == NULL) {
        X509_EXTENSION_free(ex);
        return NULL;
    }
    return ex;
}

void X509_EXTENSION_free(X509_EXTENSION *a)
{
    if (a == NULL)
        return;
    ASN1_OBJECT_free(a->object);
    ASN1_OCTET_STRING_free(a->value);
    free(a);
}

X509_EXTENSION *X509_EXTENSION_dup(const X509_EXTENSION *ex)
{
    if (ex == NULL)
        return NULL;
    X509_EXTENSION *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    r->critical = ex->critical;
    r->object = OBJ_dup(ex->object);
    r->value = ASN1_STRING_dup(ex->value);
    if (r->object == NULL || r->value == NULL) {
        X509_EXTENSION_free(r);
        return NULL;
    }
    return r;
}

/*
 * The validity times as encoded (RFC 5280 4.1: tbsCertificate = version,
 * serialNumber, signature, issuer, validity, ...), so that the ASN1_TIME
 * keeps the certificate's own UTCTime/GeneralizedTime choice.
 */
static void read_validity(X509 *x)
{
    der_cursor c, tbs, val;
    der_span v[2];
    unsigned tag[2];
    int present;
    mintls_der_init(&c, x->cert.tbs.p, x->cert.tbs.len);
    if (mintls_der_read_sequence(&c, &tbs) &&
        mintls_der_read_optional_explicit(&tbs, 0, &val, &present) && mintls_der_skip(&tbs) &&
        mintls_der_skip(&tbs) && mintls_der_skip(&tbs) && mintls_der_read_sequence(&tbs, &val) &&
        mintls_der_read_tlv(&val, &tag[0], &v[0], NULL) &&
        mintls_der_read_tlv(&val, &tag[1], &v[1], NULL)) {
        x->not_before = mintls_asn1_string_from_span((int)tag[0], v[0]);
        x->not_after = mintls_asn1_string_from_span((int)tag[1], v[1]);
        return;
    }
    x->not_before = mintls_asn1_time_from_epoch(NULL, x->cert.not_before);
    x->not_after = mintls_asn1_time_from_epoch(NULL, x->cert.not_after);
}

/* Builds everything the getters return from the parsed certificate. */
static int build_objects(X509 *x)
{
    const x509_cert *c = &x->cert;
    x->subject = mintls_x509_name_from_parsed(&c->subject);
    x->issuer = mintls_x509_name_from_parsed(&c->issuer);
    x->serial = mintls_asn1_integer_from_der(c->serial);
    read_validity(x);
    if (x->subject == NULL || x->issuer == NULL || x->serial == NULL ||
        x->not_before == NULL || x->not_after == NULL)
        return 0;
    if (c->ext_count > 0) {
        if (c->ext_count > 0x10000)
            return 0;
        x->exts = calloc(c->ext_count, sizeof(*x->exts));
        if (x->exts == NULL)
            return 0;
        for (size_t i = 0; i < c->ext_count; i++) {
            x->exts[i] = ext_from_parsed(&c->exts[i]);
            if (x->exts[i] == NULL)
                return 0;
            x->ext_count++;
        }
    }
    if (c->has & X509_HAS_SKID) {
        x->skid = mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, c->skid);
        if (x->skid == NULL)
            return 0;
    }
    if (c->akid_keyid.len > 0) {
        x->akid = mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, c->akid_keyid);
        if (x->akid == NULL)
            return 0;
    }
    return mintls_x509_load_akid(x);
}

X509 *mintls_x509_from_der(const uint8_t *der, size_t len)
{
    X509 *x = X509_new();
    if (x == NULL)
        return NULL;
    x->der = malloc(len ? len : 1);
    if (x->der == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        X509_free(x);
        return NULL;
    }
    memcpy(x->der, der, len);
    x->der_len = len;
    if (!mintls_x509_cert_parse(&x->cert, x->der, len)) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
        X509_free(x);
        return NULL;
    }
    x->parsed = 1;
    mintls_hash_oneshot(&mintls_hash_sha1, x->der, len, x->sha1);
    if (!build_objects(x)) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        X509_free(x);
        return NULL;
    }
    return x;
}

void mintls_x509_move_into(X509 *dst, X509 *src)
{
    int refs = atomic_load(&dst->references);
    free_contents(dst);
    EVP_PKEY *k = atomic_load(&src->pkey);
    memcpy((char *)dst, (const char *)src, sizeof(*dst));
    atomic_init(&dst->references, refs);
    atomic_init(&dst->pkey, k);
    free(src);
}
