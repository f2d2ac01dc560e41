/*
 * The extension side of the X509 API: lookup by NID / OBJ / criticality,
 * X509_EXTENSION accessors, and X509V3_EXT_d2i / X509_get_ext_d2i, which
 * decode an extension's value into OpenSSL's public structs
 * (GENERAL_NAMES, BASIC_CONSTRAINTS, ASN1_BIT_STRING, EXTENDED_KEY_USAGE,
 * ASN1_OCTET_STRING, AUTHORITY_KEYID). Also X509_get_extension_flags and
 * friends, which read the parsed certificate.
 */
#include "internal/x509_obj.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/x509v3.h>

#include "internal/asn1_obj.h"

/* ---- lookup -------------------------------------------------------------- */

int X509_get_ext_count(const X509 *x)
{
    return x == NULL ? 0 : x->ext_count;
}

X509_EXTENSION *X509_get_ext(const X509 *x, int loc)
{
    if (x == NULL || loc < 0 || loc >= x->ext_count)
        return NULL;
    return x->exts[loc];
}

int X509_get_ext_by_OBJ(const X509 *x, const ASN1_OBJECT *obj, int lastpos)
{
    if (x == NULL)
        return -1;
    if (lastpos < 0)
        lastpos = -1;
    for (int i = lastpos + 1; i < x->ext_count; i++)
        if (OBJ_cmp(x->exts[i]->object, obj) == 0)
            return i;
    return -1;
}

int X509_get_ext_by_NID(const X509 *x, int nid, int lastpos)
{
    const ASN1_OBJECT *obj = OBJ_nid2obj(nid);
    if (obj == NULL)
        return -2;
    return X509_get_ext_by_OBJ(x, obj, lastpos);
}

int X509_get_ext_by_critical(const X509 *x, int crit, int lastpos)
{
    if (x == NULL)
        return -1;
    if (lastpos < 0)
        lastpos = -1;
    for (int i = lastpos + 1; i < x->ext_count; i++)
        if ((x->exts[i]->critical != 0) == (crit != 0))
            return i;
    return -1;
}

ASN1_OBJECT *X509_EXTENSION_get_object(X509_EXTENSION *ex)
{
    return ex == NULL ? NULL : ex->object;
}

ASN1_OCTET_STRING *X509_EXTENSION_get_data(X509_EXTENSION *ne)
{
    return ne == NULL ? NULL : ne->value;
}

int X509_EXTENSION_get_critical(const X509_EXTENSION *ex)
{
    return ex == NULL ? 0 : ex->critical != 0;
}

/* ---- GENERAL_NAME ---------------------------------------------------------- */

GENERAL_NAME *GENERAL_NAME_new(void)
{
    GENERAL_NAME *g = calloc(1, sizeof(*g));
    if (g == NULL)
        ERR_raise(ERR_LIB_X509V3, ERR_R_MALLOC_FAILURE);
    return g;
}

OTHERNAME *OTHERNAME_new(void)
{
    OTHERNAME *o = calloc(1, sizeof(*o));
    if (o == NULL)
        ERR_raise(ERR_LIB_X509V3, ERR_R_MALLOC_FAILURE);
    return o;
}

void OTHERNAME_free(OTHERNAME *a)
{
    if (a == NULL)
        return;
    ASN1_OBJECT_free(a->type_id);
    ASN1_TYPE_free(a->value);
    free(a);
}

EDIPARTYNAME *EDIPARTYNAME_new(void)
{
    EDIPARTYNAME *e = calloc(1, sizeof(*e));
    if (e == NULL)
        ERR_raise(ERR_LIB_X509V3, ERR_R_MALLOC_FAILURE);
    return e;
}

void EDIPARTYNAME_free(EDIPARTYNAME *a)
{
    if (a == NULL)
        return;
    ASN1_STRING_free(a->nameAssigner);
    ASN1_STRING_free(a->partyName);
    free(a);
}

void GENERAL_NAME_free(GENERAL_NAME *a)
{
    if (a == NULL)
        return;
    switch (a->type) {
    case GEN_OTHERNAME:
        OTHERNAME_free(a->d.otherName);
        break;
    case GEN_DIRNAME:
        X509_NAME_free(a->d.directoryName);
        break;
    case GEN_EDIPARTY:
        EDIPARTYNAME_free(a->d.ediPartyName);
        break;
    case GEN_RID:
        ASN1_OBJECT_free(a->d.registeredID);
        break;
    default: /* the string choices */
        ASN1_STRING_free((ASN1_STRING *)a->d.ptr);
        break;
    }
    free(a);
}

GENERAL_NAMES *GENERAL_NAMES_new(void)
{
    return sk_GENERAL_NAME_new_null();
}

void GENERAL_NAMES_free(GENERAL_NAMES *a)
{
    sk_GENERAL_NAME_pop_free(a, GENERAL_NAME_free);
}

void *GENERAL_NAME_get0_value(const GENERAL_NAME *a, int *ptype)
{
    if (ptype != NULL)
        *ptype = a->type;
    return a->d.ptr;
}

/* An ASN1_TYPE for one TLV (an otherName value). */
static ASN1_TYPE *type_from_tlv(unsigned tag, der_span v, der_span whole)
{
    ASN1_TYPE *t = ASN1_TYPE_new();
    if (t == NULL)
        return NULL;
    if (tag == DER_TAG_OID) {
        t->value.object = mintls_obj_from_der(v.p, v.len);
        t->type = V_ASN1_OBJECT;
        if (t->value.object == NULL)
            goto fail;
    } else if (tag == DER_TAG_BOOLEAN && v.len == 1) {
        t->type = V_ASN1_BOOLEAN;
        t->value.boolean = v.p[0] ? 0xff : 0;
    } else if (tag == DER_TAG_NULL && v.len == 0) {
        t->type = V_ASN1_NULL;
    } else if ((tag & 0xe0u) == 0) {
        /* Universal primitive: the contents, typed by the tag. */
        t->type = (int)tag;
        t->value.asn1_string = mintls_asn1_string_from_span((int)tag, v);
        if (t->value.asn1_string == NULL)
            goto fail;
    } else {
        /* Constructed or tagged values keep their whole encoding. */
        t->type = (tag == DER_TAG_SEQUENCE || tag == DER_TAG_SET) ? (int)(tag & 0x1fu)
                                                                   : V_ASN1_OTHER;
        t->value.asn1_string = mintls_asn1_string_from_span(t->type, whole);
        if (t->value.asn1_string == NULL)
            goto fail;
    }
    return t;
fail:
    ASN1_TYPE_free(t);
    return NULL;
}

/* OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY } */
static OTHERNAME *othername_from(der_span contents)
{
    der_cursor c, inner;
    der_span oid, v, whole;
    unsigned tag;
    int present;
    mintls_der_init(&c, contents.p, contents.len);
    if (!mintls_der_read_oid(&c, &oid) || !mintls_der_read_optional_explicit(&c, 0, &inner, &present) ||
        !present || !mintls_der_expect_end(&c) || !mintls_der_read_tlv(&inner, &tag, &v, &whole) ||
        !mintls_der_expect_end(&inner))
        return NULL;
    OTHERNAME *o = OTHERNAME_new();
    if (o == NULL)
        return NULL;
    o->type_id = mintls_obj_from_der(oid.p, oid.len);
    o->value = type_from_tlv(tag, v, whole);
    if (o->type_id == NULL || o->value == NULL) {
        OTHERNAME_free(o);
        return NULL;
    }
    return o;
}

/* One DirectoryString inside an explicit [n]. */
static ASN1_STRING *dirstring_from(der_cursor *inner)
{
    unsigned tag;
    der_span v;
    if (!mintls_der_read_string(inner, &tag, &v) || !mintls_der_expect_end(inner))
        return NULL;
    return mintls_asn1_string_from_span((int)tag, v);
}

/* EDIPartyName ::= SEQUENCE { nameAssigner [0] DirectoryString OPTIONAL, partyName [1] DirectoryString } */
static EDIPARTYNAME *ediparty_from(der_span contents)
{
    der_cursor c, inner;
    int present;
    EDIPARTYNAME *e = EDIPARTYNAME_new();
    if (e == NULL)
        return NULL;
    mintls_der_init(&c, contents.p, contents.len);
    if (!mintls_der_read_optional_explicit(&c, 0, &inner, &present))
        goto fail;
    if (present && (e->nameAssigner = dirstring_from(&inner)) == NULL)
        goto fail;
    if (!mintls_der_read_optional_explicit(&c, 1, &inner, &present) || !present ||
        (e->partyName = dirstring_from(&inner)) == NULL || !mintls_der_expect_end(&c))
        goto fail;
    return e;
fail:
    EDIPARTYNAME_free(e);
    return NULL;
}

/*
 * RFC 5280 4.2.1.6:
 *   GeneralName ::= CHOICE {
 *        otherName [0] OtherName, rfc822Name [1] IA5String, dNSName [2] IA5String,
 *        x400Address [3] ORAddress, directoryName [4] Name, ediPartyName [5] EDIPartyName,
 *        uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING,
 *        registeredID [8] OBJECT IDENTIFIER }
 */
static GENERAL_NAME *general_name_read(der_cursor *c)
{
    unsigned tag;
    der_span v, whole;
    if (!mintls_der_read_tlv(c, &tag, &v, &whole) || (tag & 0xc0u) != DER_CLASS_CONTEXT)
        return NULL;
    unsigned choice = tag & 0x1fu;
    int constructed = (tag & DER_CONSTRUCTED) != 0;
    GENERAL_NAME *g = GENERAL_NAME_new();
    if (g == NULL)
        return NULL;
    g->type = (int)choice;
    switch (choice) {
    case GEN_EMAIL:
    case GEN_DNS:
    case GEN_URI:
        if (constructed || !mintls_der_string_valid(DER_TAG_IA5_STRING, v))
            goto fail;
        g->d.ia5 = mintls_asn1_string_from_span(V_ASN1_IA5STRING, v);
        break;
    case GEN_IPADD:
        if (constructed)
            goto fail;
        g->d.ip = mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, v);
        break;
    case GEN_RID:
        if (constructed || !mintls_der_oid_valid(v))
            goto fail;
        g->d.rid = mintls_obj_from_der(v.p, v.len);
        break;
    case GEN_DIRNAME:
        if (!constructed)
            goto fail;
        g->d.dirn = mintls_x509_name_from_der(v.p, v.len);
        break;
    case GEN_OTHERNAME:
        if (!constructed)
            goto fail;
        g->d.otherName = othername_from(v);
        break;
    case GEN_EDIPARTY:
        if (!constructed)
            goto fail;
        g->d.ediPartyName = ediparty_from(v);
        break;
    case GEN_X400:
        if (!constructed)
            goto fail;
        /* ORAddress is kept as its encoded SEQUENCE, as OpenSSL does. */
        g->d.x400Address = mintls_asn1_string_from_span(V_ASN1_SEQUENCE, whole);
        break;
    default:
        goto fail;
    }
    if (g->d.ptr == NULL)
        goto fail;
    return g;
fail:
    GENERAL_NAME_free(g);
    return NULL;
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, over the sequence's contents. */
static GENERAL_NAMES *general_names_read(der_cursor *seq)
{
    GENERAL_NAMES *gens = GENERAL_NAMES_new();
    if (gens == NULL)
        return NULL;
    while (!mintls_der_expect_end(seq)) {
        GENERAL_NAME *g = general_name_read(seq);
        if (g == NULL || !sk_GENERAL_NAME_push(gens, g)) {
            GENERAL_NAME_free(g);
            GENERAL_NAMES_free(gens);
            return NULL;
        }
    }
    return gens;
}

GENERAL_NAME *GENERAL_NAME_dup(const GENERAL_NAME *a)
{
    if (a == NULL)
        return NULL;
    GENERAL_NAME *g = GENERAL_NAME_new();
    if (g == NULL)
        return NULL;
    g->type = a->type;
    switch (a->type) {
    case GEN_OTHERNAME: {
        OTHERNAME *o = OTHERNAME_new();
        g->d.otherName = o;
        if (o == NULL)
            break;
        o->type_id = OBJ_dup(a->d.otherName->type_id);
        o->value = ASN1_TYPE_new();
        if (o->type_id == NULL || o->value == NULL) {
            g->d.otherName = NULL;
            OTHERNAME_free(o);
            break;
        }
        const ASN1_TYPE *src = a->d.otherName->value;
        o->value->type = src->type;
        if (src->type == V_ASN1_OBJECT)
            o->value->value.object = OBJ_dup(src->value.object);
        else if (src->type == V_ASN1_BOOLEAN)
            o->value->value.boolean = src->value.boolean;
        else if (src->type != V_ASN1_NULL && src->type != V_ASN1_UNDEF)
            o->value->value.asn1_string = ASN1_STRING_dup(src->value.asn1_string);
        if (src->value.ptr != NULL && src->type != V_ASN1_BOOLEAN && o->value->value.ptr == NULL) {
            g->d.otherName = NULL;
            OTHERNAME_free(o);
        }
        break;
    }
    case GEN_DIRNAME:
        g->d.dirn = X509_NAME_dup(a->d.dirn);
        break;
    case GEN_EDIPARTY: {
        EDIPARTYNAME *e = EDIPARTYNAME_new();
        g->d.ediPartyName = e;
        if (e == NULL)
            break;
        if (a->d.ediPartyName->nameAssigner != NULL)
            e->nameAssigner = ASN1_STRING_dup(a->d.ediPartyName->nameAssigner);
        e->partyName = ASN1_STRING_dup(a->d.ediPartyName->partyName);
        if (e->partyName == NULL ||
            (a->d.ediPartyName->nameAssigner != NULL && e->nameAssigner == NULL)) {
            g->d.ediPartyName = NULL;
            EDIPARTYNAME_free(e);
        }
        break;
    }
    case GEN_RID:
        g->d.rid = OBJ_dup(a->d.rid);
        break;
    default:
        g->d.ptr = (char *)ASN1_STRING_dup((const ASN1_STRING *)a->d.ptr);
        break;
    }
    if (g->d.ptr == NULL) {
        GENERAL_NAME_free(g);
        return NULL;
    }
    return g;
}

/* ---- the other structs ------------------------------------------------------ */

BASIC_CONSTRAINTS *BASIC_CONSTRAINTS_new(void)
{
    BASIC_CONSTRAINTS *b = calloc(1, sizeof(*b));
    if (b == NULL)
        ERR_raise(ERR_LIB_X509V3, ERR_R_MALLOC_FAILURE);
    return b;
}

void BASIC_CONSTRAINTS_free(BASIC_CONSTRAINTS *a)
{
    if (a == NULL)
        return;
    ASN1_INTEGER_free(a->pathlen);
    free(a);
}

AUTHORITY_KEYID *AUTHORITY_KEYID_new(void)
{
    AUTHORITY_KEYID *a = calloc(1, sizeof(*a));
    if (a == NULL)
        ERR_raise(ERR_LIB_X509V3, ERR_R_MALLOC_FAILURE);
    return a;
}

void AUTHORITY_KEYID_free(AUTHORITY_KEYID *a)
{
    if (a == NULL)
        return;
    ASN1_OCTET_STRING_free(a->keyid);
    GENERAL_NAMES_free(a->issuer);
    ASN1_INTEGER_free(a->serial);
    free(a);
}

EXTENDED_KEY_USAGE *EXTENDED_KEY_USAGE_new(void)
{
    return sk_ASN1_OBJECT_new_null();
}

void EXTENDED_KEY_USAGE_free(EXTENDED_KEY_USAGE *a)
{
    sk_ASN1_OBJECT_pop_free(a, ASN1_OBJECT_free);
}

/* ---- decoders: each takes the extnValue contents --------------------------- */

static void *decode_general_names(der_cursor *c)
{
    der_cursor seq;
    if (!mintls_der_read_sequence(c, &seq) || mintls_der_expect_end(&seq))
        return NULL;
    return general_names_read(&seq);
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
static void *decode_basic_constraints(der_cursor *c)
{
    der_cursor seq;
    unsigned tag;
    if (!mintls_der_read_sequence(c, &seq))
        return NULL;
    BASIC_CONSTRAINTS *b = BASIC_CONSTRAINTS_new();
    if (b == NULL)
        return NULL;
    if (mintls_der_peek_tag(&seq, &tag) && tag == DER_TAG_BOOLEAN) {
        int v;
        if (!mintls_der_read_bool(&seq, &v))
            goto fail;
        b->ca = v ? 0xff : 0; /* the decoded octet, as OpenSSL keeps it */
    }
    if (mintls_der_peek_tag(&seq, &tag) && tag == DER_TAG_INTEGER) {
        der_span v;
        if (!mintls_der_read_integer(&seq, &v) || (b->pathlen = mintls_asn1_integer_from_der(v)) == NULL)
            goto fail;
    }
    if (!mintls_der_expect_end(&seq))
        goto fail;
    return b;
fail:
    BASIC_CONSTRAINTS_free(b);
    return NULL;
}

/* KeyUsage ::= BIT STRING */
static void *decode_key_usage(der_cursor *c)
{
    der_span v;
    if (!mintls_der_read_tag(c, DER_TAG_BIT_STRING, &v))
        return NULL;
    return mintls_asn1_bit_string_from_der(v);
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static void *decode_eku(der_cursor *c)
{
    der_cursor seq;
    if (!mintls_der_read_sequence(c, &seq) || mintls_der_expect_end(&seq))
        return NULL;
    EXTENDED_KEY_USAGE *eku = EXTENDED_KEY_USAGE_new();
    if (eku == NULL)
        return NULL;
    while (!mintls_der_expect_end(&seq)) {
        der_span oid;
        ASN1_OBJECT *o = NULL;
        if (!mintls_der_read_oid(&seq, &oid) || (o = mintls_obj_from_der(oid.p, oid.len)) == NULL ||
            !sk_ASN1_OBJECT_push(eku, o)) {
            ASN1_OBJECT_free(o);
            EXTENDED_KEY_USAGE_free(eku);
            return NULL;
        }
    }
    return eku;
}

/* SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING) */
static void *decode_octet_string(der_cursor *c)
{
    der_span v;
    if (!mintls_der_read_octet_string(c, &v))
        return NULL;
    return mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, v);
}

/*
 * AuthorityKeyIdentifier ::= SEQUENCE {
 *     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
 *     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
 */
static void *decode_akid(der_cursor *c)
{
    der_cursor seq;
    der_span v;
    int present;
    if (!mintls_der_read_sequence(c, &seq))
        return NULL;
    AUTHORITY_KEYID *a = AUTHORITY_KEYID_new();
    if (a == NULL)
        return NULL;
    if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT(0), &v, &present))
        goto fail;
    if (present && (a->keyid = mintls_asn1_string_from_span(V_ASN1_OCTET_STRING, v)) == NULL)
        goto fail;
    if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT_CONS(1), &v, &present))
        goto fail;
    if (present) {
        der_cursor gc;
        mintls_der_init(&gc, v.p, v.len);
        gc.depth = seq.depth + 1;
        if (mintls_der_expect_end(&gc) || (a->issuer = general_names_read(&gc)) == NULL)
            goto fail;
    }
    if (!mintls_der_read_optional_tag(&seq, DER_CONTEXT(2), &v, &present))
        goto fail;
    if (present && (!mintls_der_integer_valid(v) ||
                    (a->serial = mintls_asn1_integer_from_der(v)) == NULL))
        goto fail;
    if (!mintls_der_expect_end(&seq))
        goto fail;
    return a;
fail:
    AUTHORITY_KEYID_free(a);
    return NULL;
}

void *X509V3_EXT_d2i(X509_EXTENSION *ext)
{
    void *(*decode)(der_cursor *);
    if (ext == NULL)
        return NULL;
    switch (OBJ_obj2nid(ext->object)) {
    case NID_subject_alt_name:
    case NID_issuer_alt_name:
        decode = decode_general_names;
        break;
    case NID_basic_constraints:
        decode = decode_basic_constraints;
        break;
    case NID_key_usage:
        decode = decode_key_usage;
        break;
    case NID_ext_key_usage:
        decode = decode_eku;
        break;
    case NID_subject_key_identifier:
        decode = decode_octet_string;
        break;
    case NID_authority_key_identifier:
        decode = decode_akid;
        break;
    default:
        /* Not an extension we have a structure for: no error, as in OpenSSL. */
        return NULL;
    }
    der_cursor c;
    mintls_der_init(&c, ext->value->data, (size_t)ext->value->length);
    void *r = decode(&c);
    if (r != NULL && !mintls_der_expect_end(&c)) {
        /* Trailing bytes after the value: free it through a second decode's type. */
        switch (OBJ_obj2nid(ext->object)) {
        case NID_subject_alt_name:
        case NID_issuer_alt_name:
            GENERAL_NAMES_free(r);
            break;
        case NID_basic_constraints:
            BASIC_CONSTRAINTS_free(r);
            break;
        case NID_ext_key_usage:
            EXTENDED_KEY_USAGE_free(r);
            break;
        case NID_authority_key_identifier:
            AUTHORITY_KEYID_free(r);
            break;
        default:
            ASN1_STRING_free(r);
            break;
        }
        r = NULL;
    }
    if (r == NULL)
        ERR_raise(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
    return r;
}

/*
 * crit: -1 not found, -2 more than one (when idx is NULL), else the
 * critical flag. idx: where to start searching (after *idx), set to where
 * it was found or -1.
 */
void *X509_get_ext_d2i(const X509 *x, int nid, int *crit, int *idx)
{
    X509_EXTENSION *found = NULL;
    int start = idx != NULL ? *idx + 1 : 0;
    if (start < 0)
        start = 0;
    for (int i = start; x != NULL && i < x->ext_count; i++) {
        X509_EXTENSION *e = x->exts[i];
        if (OBJ_obj2nid(e->object) != nid)
            continue;
        if (idx != NULL) {
            *idx = i;
            found = e;
            break;
        }
        if (found != NULL) {
            if (crit != NULL)
                *crit = -2;
            return NULL;
        }
        found = e;
    }
    if (found == NULL) {
        if (idx != NULL)
            *idx = -1;
        if (crit != NULL)
            *crit = -1;
        return NULL;
    }
    if (crit != NULL)
        *crit = found->critical != 0;
    return X509V3_EXT_d2i(found);
}

/* ---- cached extension facts ------------------------------------------------- */

/* 1 if x has the Netscape certificate type extension (2.16.840.1.113730.1.1). */
static int has_netscape_cert_type(const X509 *x)
{
    static const uint8_t oid[] = {0x60, 0x86, 0x48, 0x01, 0x86, 0xf8, 0x42, 0x01, 0x01};
    for (size_t i = 0; i < x->cert.ext_count; i++) {
        der_span o = x->cert.exts[i].oid;
        if (o.len == sizeof(oid) && memcmp(o.p, oid, sizeof(oid)) == 0)
            return 1;
    }
    return 0;
}

/* 1 if the signature algorithm can be made by the subject's own key type. */
static int sig_fits_key(const x509_cert *c)
{
    switch (c->outer_sig_nid) {
    case NID_md5WithRSAEncryption:
    case NID_sha1WithRSAEncryption:
    case NID_sha224WithRSAEncryption:
    case NID_sha256WithRSAEncryption:
    case NID_sha384WithRSAEncryption:
    case NID_sha512WithRSAEncryption:
        return c->key_nid == NID_rsaEncryption;
    case NID_rsassaPss:
        return c->key_nid == NID_rsaEncryption || c->key_nid == NID_rsassaPss;
    case NID_ecdsa_with_SHA1:
    case NID_ecdsa_with_SHA224:
    case NID_ecdsa_with_SHA256:
    case NID_ecdsa_with_SHA384:
    case NID_ecdsa_with_SHA512:
        return c->key_nid == NID_X9_62_id_ecPublicKey;
    case NID_ED25519:
        return c->key_nid == NID_ED25519;
    default:
        return 0;
    }
}

static int ext_critical(const X509 *x, int nid)
{
    int i = X509_get_ext_by_NID(x, nid, -1);
    return i >= 0 && x->exts[i]->critical;
}

uint32_t X509_get_extension_flags(X509 *x)
{
    if (x == NULL || !x->parsed)
        return 0;
    const x509_cert *c = &x->cert;
    uint32_t f = EXFLAG_SET;
    if (c->version == 0)
        f |= EXFLAG_V1;
    if (c->has & X509_HAS_BASIC_CONSTRAINTS) {
        f |= EXFLAG_BCONS;
        if (c->ca)
            f |= EXFLAG_CA;
    }
    if (c->has & X509_HAS_KEY_USAGE)
        f |= EXFLAG_KUSAGE;
    if (c->has & X509_HAS_EXT_KEY_USAGE)
        f |= EXFLAG_XKUSAGE;
    if (has_netscape_cert_type(x))
        f |= EXFLAG_NSCERT;
    if (c->unhandled_critical)
        f |= EXFLAG_CRITICAL;
    if (ext_critical(x, NID_basic_constraints))
        f |= EXFLAG_BCONS_CRITICAL;
    if (ext_critical(x, NID_authority_key_identifier))
        f |= EXFLAG_AKID_CRITICAL;
    if (ext_critical(x, NID_subject_key_identifier))
        f |= EXFLAG_SKID_CRITICAL;
    if (ext_critical(x, NID_subject_alt_name))
        f |= EXFLAG_SAN_CRITICAL;
    if (X509_NAME_cmp(x->subject, x->issuer) == 0) {
        f |= EXFLAG_SI;
        /* Self-signed: the key ids do not contradict it and the key type fits. */
        int akid_ok = x->akid == NULL || x->skid == NULL || ASN1_OCTET_STRING_cmp(x->akid, x->skid) == 0;
        if (akid_ok && sig_fits_key(c))
            f |= EXFLAG_SS;
    }
    return f;
}

uint32_t X509_get_key_usage(X509 *x)
{
    if (x == NULL || !x->parsed || !(x->cert.has & X509_HAS_KEY_USAGE))
        return UINT32_MAX;
    return x->cert.key_usage;
}

uint32_t X509_get_extended_key_usage(X509 *x)
{
    if (x == NULL || !x->parsed || !(x->cert.has & X509_HAS_EXT_KEY_USAGE))
        return UINT32_MAX;
    return x->cert.xku;
}

const ASN1_OCTET_STRING *X509_get0_subject_key_id(X509 *x)
{
    return x == NULL ? NULL : x->skid;
}

const ASN1_OCTET_STRING *X509_get0_authority_key_id(X509 *x)
{
    return x == NULL ? NULL : x->akid;
}

const GENERAL_NAMES *X509_get0_authority_issuer(X509 *x)
{
    return x == NULL ? NULL : x->akid_issuer;
}

const ASN1_INTEGER *X509_get0_authority_serial(X509 *x)
{
    return x == NULL ? NULL : x->akid_serial;
}

int mintls_x509_load_akid(X509 *x)
{
    int i = X509_get_ext_by_NID(x, NID_authority_key_identifier, -1);
    if (i < 0)
        return 1;
    AUTHORITY_KEYID *a = X509V3_EXT_d2i(x->exts[i]);
    if (a == NULL)
        return 0;
    x->akid_issuer = a->issuer;
    x->akid_serial = a->serial;
    a->issuer = NULL;
    a->serial = NULL;
    AUTHORITY_KEYID_free(a);
    return 1;
}
