/*
 * OBJ_*: ASN1_OBJECTs over the OID table (crypto/oid_table.c). Table
 * objects are built once and never freed; objects for OIDs outside the
 * table (from OBJ_txt2obj or a certificate) are allocated and carry NID_undef.
 */
#include "internal/asn1_obj.h"
#include "internal/oid.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/objects.h>

static ASN1_OBJECT *g_objs;
static size_t g_nobjs;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static const ASN1_OBJECT g_undef = {NID_undef, SN_undef, LN_undef, 0, NULL, 0};

static void build_table(void)
{
    size_t n = mintls_oid_table_size();
    ASN1_OBJECT *o = calloc(n ? n : 1, sizeof(*o));
    if (o == NULL)
        return;
    for (size_t i = 0; i < n; i++) {
        const oid_entry *e = mintls_oid_table_at(i);
        o[i].nid = e->nid;
        o[i].sn = e->sn;
        o[i].ln = e->ln;
        o[i].len = e->der_len;
        o[i].der = (unsigned char *)(uintptr_t)e->der;
    }
    g_objs = o;
    g_nobjs = n;
}

static const ASN1_OBJECT *table_obj(const oid_entry *e)
{
    if (e == NULL)
        return NULL;
    pthread_once(&g_once, build_table);
    size_t i = (size_t)(e - mintls_oid_table_at(0));
    return i < g_nobjs ? &g_objs[i] : NULL;
}

const ASN1_OBJECT *mintls_obj_static(int nid)
{
    if (nid == NID_undef)
        return &g_undef;
    return table_obj(mintls_oid_by_nid(nid));
}

static ASN1_OBJECT *new_dynamic(const uint8_t *der, size_t len)
{
    ASN1_OBJECT *o = calloc(1, sizeof(*o));
    if (o == NULL || (o->der = malloc(len ? len : 1)) == NULL) {
        free(o);
        ERR_raise(ERR_LIB_OBJ, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    memcpy(o->der, der, len);
    o->len = len;
    o->dynamic = 1;
    return o;
}

ASN1_OBJECT *mintls_obj_from_der(const uint8_t *der, size_t len)
{
    const ASN1_OBJECT *t = table_obj(mintls_oid_by_der(der, len));
    if (t != NULL)
        return (ASN1_OBJECT *)t;
    return new_dynamic(der, len);
}

ASN1_OBJECT *ASN1_OBJECT_new(void)
{
    ASN1_OBJECT *o = calloc(1, sizeof(*o));
    if (o == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    o->dynamic = 1;
    return o;
}

void ASN1_OBJECT_free(ASN1_OBJECT *a)
{
    if (a == NULL || !a->dynamic)
        return;
    free(a->der);
    free(a);
}

ASN1_OBJECT *OBJ_nid2obj(int n)
{
    const ASN1_OBJECT *o = mintls_obj_static(n);
    if (o == NULL)
        ERR_raise(ERR_LIB_OBJ, OBJ_R_UNKNOWN_NID);
    return (ASN1_OBJECT *)o;
}

const char *OBJ_nid2sn(int n)
{
    const ASN1_OBJECT *o = OBJ_nid2obj(n);
    return o != NULL ? o->sn : NULL;
}

const char *OBJ_nid2ln(int n)
{
    const ASN1_OBJECT *o = OBJ_nid2obj(n);
    return o != NULL ? o->ln : NULL;
}

int OBJ_obj2nid(const ASN1_OBJECT *o)
{
    if (o == NULL)
        return NID_undef;
    if (o->nid != NID_undef || o->len == 0)
        return o->nid;
    return mintls_oid_nid_from_der(o->der, o->len);
}

int OBJ_sn2nid(const char *s)
{
    const oid_entry *e = s != NULL ? mintls_oid_by_sn(s) : NULL;
    if (e == NULL && s != NULL && strcmp(s, SN_undef) == 0)
        return NID_undef;
    return e != NULL ? e->nid : NID_undef;
}

int OBJ_ln2nid(const char *s)
{
    const oid_entry *e = s != NULL ? mintls_oid_by_ln(s) : NULL;
    return e != NULL ? e->nid : NID_undef;
}

ASN1_OBJECT *OBJ_txt2obj(const char *s, int no_name)
{
    if (s == NULL)
        return NULL;
    if (!no_name) {
        const oid_entry *e = mintls_oid_by_sn(s);
        if (e == NULL)
            e = mintls_oid_by_ln(s);
        if (e != NULL)
            return (ASN1_OBJECT *)table_obj(e);
    }
    uint8_t der[128];
    size_t len;
    if (!mintls_der_oid_from_text(s, der, sizeof(der), &len)) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_INVALID_OBJECT_ENCODING);
        return NULL;
    }
    const ASN1_OBJECT *t = table_obj(mintls_oid_by_der(der, len));
    if (t != NULL)
        return (ASN1_OBJECT *)t;
    return new_dynamic(der, len);
}

int OBJ_txt2nid(const char *s)
{
    ASN1_OBJECT *o = OBJ_txt2obj(s, 0);
    int nid = OBJ_obj2nid(o);
    ASN1_OBJECT_free(o);
    return nid;
}

int OBJ_obj2txt(char *buf, int buf_len, const ASN1_OBJECT *a, int no_name)
{
    char tmp[512];
    const char *text = NULL;
    if (buf != NULL && buf_len > 0)
        buf[0] = '\0';
    if (a == NULL)
        return 0;
    int nid = OBJ_obj2nid(a);
    if (!no_name && nid != NID_undef) {
        const ASN1_OBJECT *t = mintls_obj_static(nid);
        if (t != NULL)
            text = t->ln != NULL ? t->ln : t->sn;
    }
    if (text == NULL) {
        if (a->len == 0)
            return 0;
        der_span sp = {a->der, a->len};
        if (!mintls_der_oid_to_text(sp, tmp, sizeof(tmp)))
            return -1;
        text = tmp;
    }
    size_t n = strlen(text);
    if (buf != NULL && buf_len > 0) {
        size_t c = n < (size_t)buf_len - 1 ? n : (size_t)buf_len - 1;
        memcpy(buf, text, c);
        buf[c] = '\0';
    }
    return (int)n;
}

int OBJ_cmp(const ASN1_OBJECT *a, const ASN1_OBJECT *b)
{
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->len > 0 ? memcmp(a->der, b->der, a->len) : 0;
}

ASN1_OBJECT *OBJ_dup(const ASN1_OBJECT *a)
{
    if (a == NULL)
        return NULL;
    if (!a->dynamic)
        return (ASN1_OBJECT *)a;
    ASN1_OBJECT *o = new_dynamic(a->der, a->len);
    if (o != NULL) {
        o->nid = a->nid;
    }
    return o;
}

size_t OBJ_length(const ASN1_OBJECT *obj) { return obj != NULL ? obj->len : 0; }

const unsigned char *OBJ_get0_data(const ASN1_OBJECT *obj)
{
    return obj != NULL ? obj->der : NULL;
}
