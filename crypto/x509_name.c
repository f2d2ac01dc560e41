/*
 * X509_NAME and X509_NAME_ENTRY: building from DER, lookup, comparison,
 * hashing and the one-line / print_ex text forms.
 *
 * A name keeps its own DER (the whole Name TLV) next to the entries, so
 * i2d and X509_NAME_get0_der are copies of bytes we already hold. The
 * canonical form used by X509_NAME_cmp and X509_NAME_hash is built on
 * demand (see canon_encode) since most names are never compared.
 */
#include "internal/x509_obj.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "internal/asn1_obj.h"
#include "internal/digest.h"

/* Largest X509_NAME_oneline result we produce, as OpenSSL limits it. */
#define NAME_ONELINE_MAX (1024 * 1024)

/* ---- construction ------------------------------------------------------ */

void X509_NAME_ENTRY_free(X509_NAME_ENTRY *a)
{
    if (a == NULL)
        return;
    ASN1_OBJECT_free(a->object);
    ASN1_STRING_free(a->value);
    free(a);
}

X509_NAME_ENTRY *X509_NAME_ENTRY_dup(const X509_NAME_ENTRY *ne)
{
    if (ne == NULL)
        return NULL;
    X509_NAME_ENTRY *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    r->set = ne->set;
    r->der_tag = ne->der_tag;
    r->object = OBJ_dup(ne->object);
    r->value = ASN1_STRING_dup(ne->value);
    if (r->object == NULL || r->value == NULL) {
        X509_NAME_ENTRY_free(r);
        return NULL;
    }
    return r;
}

void X509_NAME_free(X509_NAME *a)
{
    if (a == NULL)
        return;
    for (int i = 0; i < a->count; i++)
        X509_NAME_ENTRY_free(a->entries[i]);
    free(a->entries);
    free(a->der);
    free(a);
}

/* A name holding only `der` (no entries yet). */
static X509_NAME *name_with_der(const uint8_t *der, size_t len)
{
    X509_NAME *n = calloc(1, sizeof(*n));
    if (n == NULL)
        return NULL;
    n->der = malloc(len ? len : 1);
    if (n->der == NULL) {
        free(n);
        return NULL;
    }
    memcpy(n->der, der, len);
    n->der_len = len;
    return n;
}

X509_NAME *X509_NAME_new(void)
{
    static const uint8_t empty[2] = {0x30, 0x00};
    X509_NAME *n = name_with_der(empty, sizeof(empty));
    if (n == NULL)
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    return n;
}

/*
 * The ASN1_STRING for an attribute value. Universal primitive values keep
 * their tag as the string type (the V_ASN1_* numbers are the tag numbers);
 * anything else is kept with its tag so it can be re-encoded.
 */
static ASN1_STRING *value_from_attr(const x509_name_attr *a)
{
    int type = (a->tag & 0xe0u) == 0 ? (int)a->tag : V_ASN1_OTHER;
    if ((a->tag & 0xc0u) == 0 && (a->tag & DER_CONSTRUCTED))
        type = (int)(a->tag & 0x1fu); /* SEQUENCE / SET values */
    return mintls_asn1_string_from_span(type, a->value);
}

X509_NAME *mintls_x509_name_from_parsed(const x509_name *pn)
{
    X509_NAME *n = name_with_der(pn->der.p, pn->der.len);
    if (n == NULL)
        goto nomem;
    if (pn->count > 0) {
        if (pn->count > 0x100000)
            goto nomem;
        n->entries = calloc(pn->count, sizeof(*n->entries));
        if (n->entries == NULL)
            goto nomem;
    }
    for (size_t i = 0; i < pn->count; i++) {
        const x509_name_attr *a = &pn->attrs[i];
        X509_NAME_ENTRY *e = calloc(1, sizeof(*e));
        if (e == NULL)
            goto nomem;
        n->entries[n->count++] = e;
        e->set = (int)a->rdn;
        e->der_tag = a->tag;
        e->object = mintls_obj_from_der(a->oid.p, a->oid.len);
        e->value = value_from_attr(a);
        if (e->object == NULL || e->value == NULL)
            goto nomem;
    }
    return n;
nomem:
    ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    X509_NAME_free(n);
    return NULL;
}

X509_NAME *mintls_x509_name_from_der(const uint8_t *der, size_t len)
{
    der_cursor c;
    x509_name pn;
    mintls_der_init(&c, der, len);
    if (!mintls_x509_parse_name(&c, &pn) || !mintls_der_expect_end(&c)) {
        free(pn.attrs);
        ERR_raise(ERR_LIB_ASN1, ERR_R_NESTED_ASN1_ERROR);
        return NULL;
    }
    X509_NAME *n = mintls_x509_name_from_parsed(&pn);
    free(pn.attrs);
    return n;
}

X509_NAME *X509_NAME_dup(const X509_NAME *xn)
{
    if (xn == NULL)
        return NULL;
    X509_NAME *n = name_with_der(xn->der, xn->der_len);
    if (n == NULL)
        goto nomem;
    if (xn->count > 0) {
        n->entries = calloc((size_t)xn->count, sizeof(*n->entries));
        if (n->entries == NULL)
            goto nomem;
    }
    for (int i = 0; i < xn->count; i++) {
        n->entries[i] = X509_NAME_ENTRY_dup(xn->entries[i]);
        if (n->entries[i] == NULL)
            goto nomem;
        n->count++;
    }
    return n;
nomem:
    ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    X509_NAME_free(n);
    return NULL;
}

/* ---- DER in and out ---------------------------------------------------- */

/* The length of the TLV at the start of p, or 0 if it does not fit in len. */
static size_t tlv_length(const uint8_t *p, size_t len)
{
    der_cursor c;
    unsigned tag;
    der_span v, whole;
    mintls_der_init(&c, p, len);
    if (!mintls_der_read_tlv(&c, &tag, &v, &whole))
        return 0;
    return whole.len;
}

X509_NAME *d2i_X509_NAME(X509_NAME **a, const unsigned char **in, long len)
{
    if (in == NULL || *in == NULL || len <= 0) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        return NULL;
    }
    size_t n = tlv_length(*in, (size_t)len);
    if (n == 0) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        return NULL;
    }
    X509_NAME *r = mintls_x509_name_from_der(*in, n);
    if (r == NULL)
        return NULL;
    *in += n;
    if (a != NULL) {
        X509_NAME_free(*a);
        *a = r;
    }
    return r;
}

int i2d_X509_NAME(const X509_NAME *a, unsigned char **out)
{
    if (a == NULL)
        return -1;
    return mintls_i2d_output(a->der, a->der_len, out, ERR_LIB_ASN1);
}

int X509_NAME_get0_der(const X509_NAME *nm, const unsigned char **pder, size_t *pderlen)
{
    if (nm == NULL)
        return 0;
    if (pder != NULL)
        *pder = nm->der;
    if (pderlen != NULL)
        *pderlen = nm->der_len;
    return 1;
}

/* ---- entries -------------------------------------------------------------- */

int X509_NAME_entry_count(const X509_NAME *name)
{
    return name == NULL ? 0 : name->count;
}

X509_NAME_ENTRY *X509_NAME_get_entry(const X509_NAME *name, int loc)
{
    if (name == NULL || loc < 0 || loc >= name->count)
        return NULL;
    return name->entries[loc];
}

int X509_NAME_get_index_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj, int lastpos)
{
    if (name == NULL)
        return -1;
    if (lastpos < 0)
        lastpos = -1;
    for (int i = lastpos + 1; i < name->count; i++)
        if (OBJ_cmp(name->entries[i]->object, obj) == 0)
            return i;
    return -1;
}

int X509_NAME_get_index_by_NID(const X509_NAME *name, int nid, int lastpos)
{
    const ASN1_OBJECT *obj = OBJ_nid2obj(nid);
    if (obj == NULL)
        return -2;
    return X509_NAME_get_index_by_OBJ(name, obj, lastpos);
}

int X509_NAME_get_text_by_OBJ(const X509_NAME *name, const ASN1_OBJECT *obj, char *buf, int len)
{
    int i = X509_NAME_get_index_by_OBJ(name, obj, -1);
    if (i < 0)
        return -1;
    const ASN1_STRING *d = name->entries[i]->value;
    if (buf == NULL)
        return d->length;
    if (len <= 0)
        return 0;
    int n = d->length > len - 1 ? len - 1 : d->length;
    memcpy(buf, d->data, (size_t)n);
    buf[n] = '\0';
    return n;
}

int X509_NAME_get_text_by_NID(const X509_NAME *name, int nid, char *buf, int len)
{
    const ASN1_OBJECT *obj = OBJ_nid2obj(nid);
    if (obj == NULL)
        return -1;
    return X509_NAME_get_text_by_OBJ(name, obj, buf, len);
}

ASN1_OBJECT *X509_NAME_ENTRY_get_object(const X509_NAME_ENTRY *ne)
{
    return ne == NULL ? NULL : ne->object;
}

ASN1_STRING *X509_NAME_ENTRY_get_data(const X509_NAME_ENTRY *ne)
{
    return ne == NULL ? NULL : ne->value;
}

int X509_NAME_ENTRY_set(const X509_NAME_ENTRY *ne)
{
    return ne->set;
}

/* ---- canonical form, comparison and hashes ---------------------------- */

/* The string types OpenSSL folds (to lower-case UTF-8) in the canonical form. */
static int canon_folds(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_T61STRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_VISIBLESTRING:
        return 1;
    default:
        return 0;
    }
}

static int ascii_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * A text value folded for comparison: as UTF-8, without leading and
 * trailing white space, inner runs of white space as one space, ASCII
 * letters in lower case (other octets kept). 1 on success.
 */
static int fold_value(const ASN1_STRING *v, unsigned char **out, size_t *out_len)
{
    unsigned char *u = NULL;
    int n = ASN1_STRING_to_UTF8(&u, v);
    if (n < 0)
        return 0;
    size_t s = 0, e = (size_t)n, o = 0;
    while (s < e && ascii_space(u[s]))
        s++;
    while (e > s && ascii_space(u[e - 1]))
        e--;
    for (size_t i = s; i < e;) {
        unsigned char c = u[i];
        if (c >= 0x80) {
            u[o++] = c;
            i++;
        } else if (ascii_space(c)) {
            u[o++] = ' ';
            while (i < e && ascii_space(u[i]))
                i++;
        } else {
            u[o++] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
            i++;
        }
    }
    *out = u;
    *out_len = o;
    return 1;
}

/* One AttributeTypeAndValue in canonical form, appended to w. */
static int canon_entry(der_writer *w, const X509_NAME_ENTRY *e)
{
    size_t mark;
    mintls_der_begin(w, DER_TAG_SEQUENCE, &mark);
    mintls_der_add_oid(w, e->object->der, e->object->len);
    if (canon_folds(e->value->type)) {
        unsigned char *u;
        size_t ulen;
        if (!fold_value(e->value, &u, &ulen))
            return 0;
        mintls_der_add_tlv(w, DER_TAG_UTF8_STRING, u, ulen);
        free(u);
    } else {
        mintls_der_add_tlv(w, e->der_tag, e->value->data, (size_t)e->value->length);
    }
    mintls_der_end(w, mark);
    return mintls_der_writer_ok(w);
}

typedef struct {
    uint8_t *p;
    size_t len;
} owned_span;

/* DER SET OF order (X.690 11.6): by encoding, shorter first on a tie. */
static int cmp_encodings(const void *a, const void *b)
{
    const owned_span *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = memcmp(x->p, y->p, n);
    if (r != 0)
        return r;
    return (x->len > y->len) - (x->len < y->len);
}

/* Appends the RDN made of entries [from, to) as a sorted SET. */
static int canon_rdn(der_writer *w, const X509_NAME *nm, int from, int to)
{
    int n = to - from, ok = 1;
    owned_span *items = calloc((size_t)n, sizeof(*items));
    if (items == NULL)
        return 0;
    for (int i = 0; i < n && ok; i++) {
        der_writer ew;
        mintls_der_writer_init_alloc(&ew);
        ok = canon_entry(&ew, nm->entries[from + i]) &&
             mintls_der_writer_finish(&ew, &items[i].p, &items[i].len);
        if (!ok)
            mintls_der_writer_cleanup(&ew);
    }
    if (ok) {
        size_t mark;
        qsort(items, (size_t)n, sizeof(*items), cmp_encodings);
        mintls_der_begin(w, DER_TAG_SET, &mark);
        for (int i = 0; i < n; i++)
            mintls_der_add_raw(w, items[i].p, items[i].len);
        mintls_der_end(w, mark);
        ok = mintls_der_writer_ok(w);
    }
    for (int i = 0; i < n; i++)
        free(items[i].p);
    free(items);
    return ok;
}

/*
 * OpenSSL's canonical encoding of a name: the RDN SETs with folded values,
 * concatenated without the outer SEQUENCE. An empty name encodes as
 * nothing. *out is malloc'd (NULL when empty). 1 on success.
 */
static int canon_encode(const X509_NAME *nm, uint8_t **out, size_t *out_len)
{
    der_writer w;
    *out = NULL;
    *out_len = 0;
    if (nm->count == 0)
        return 1;
    mintls_der_writer_init_alloc(&w);
    for (int i = 0; i < nm->count;) {
        int j = i + 1;
        while (j < nm->count && nm->entries[j]->set == nm->entries[i]->set)
            j++;
        if (!canon_rdn(&w, nm, i, j)) {
            mintls_der_writer_cleanup(&w);
            return 0;
        }
        i = j;
    }
    if (!mintls_der_writer_finish(&w, out, out_len)) {
        mintls_der_writer_cleanup(&w);
        return 0;
    }
    return 1;
}

int X509_NAME_cmp(const X509_NAME *a, const X509_NAME *b)
{
    if (b == NULL)
        return a != NULL;
    if (a == NULL)
        return -1;
    uint8_t *ca, *cb;
    size_t la, lb;
    if (!canon_encode(a, &ca, &la))
        return -2;
    if (!canon_encode(b, &cb, &lb)) {
        free(ca);
        return -2;
    }
    int r;
    if (la != lb)
        r = la < lb ? -1 : 1;
    else
        r = la == 0 ? 0 : memcmp(ca, cb, la);
    free(ca);
    free(cb);
    return r < 0 ? -1 : r > 0;
}

/* The first four digest octets, little-endian: how OpenSSL names hash files. */
static unsigned long hash_prefix(const uint8_t *md)
{
    return ((unsigned long)md[0] | ((unsigned long)md[1] << 8) | ((unsigned long)md[2] << 16) |
            ((unsigned long)md[3] << 24)) &
           0xffffffffUL;
}

static void digest(const mintls_hash *h, const uint8_t *p, size_t len, uint8_t *md)
{
    mintls_hash_ctx c;
    h->init(&c);
    h->update(&c, p, len);
    h->final(&c, md);
}

unsigned long X509_NAME_hash_ex(const X509_NAME *x, OSSL_LIB_CTX *libctx, const char *propq,
                                int *ok)
{
    (void)libctx;
    (void)propq;
    uint8_t *canon, md[MINTLS_MAX_DIGEST];
    size_t len;
    if (ok != NULL)
        *ok = 0;
    if (x == NULL || !canon_encode(x, &canon, &len)) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    digest(&mintls_hash_sha1, canon, len, md);
    free(canon);
    if (ok != NULL)
        *ok = 1;
    return hash_prefix(md);
}

unsigned long X509_NAME_hash_old(const X509_NAME *x)
{
    uint8_t md[MINTLS_MAX_DIGEST];
    if (x == NULL)
        return 0;
    digest(&mintls_hash_md5, x->der, x->der_len, md);
    return hash_prefix(md);
}

/* ---- text forms ---------------------------------------------------------- */

/* The short name of an attribute type, or its dotted OID when unknown. */
static const char *field_name(const ASN1_OBJECT *o, char *tmp, int tmp_len, int want_long)
{
    int nid = OBJ_obj2nid(o);
    const char *s = NULL;
    if (nid != NID_undef)
        s = want_long ? OBJ_nid2ln(nid) : OBJ_nid2sn(nid);
    if (s == NULL) {
        OBJ_obj2txt(tmp, tmp_len, o, 1);
        s = tmp;
    }
    return s;
}

/*
 * Which value octets X509_NAME_oneline shows: for a GeneralString made of
 * 4-octet characters whose upper three octets are all zero, only every
 * fourth octet (as OpenSSL does).
 */
static int oneline_shows(const ASN1_STRING *v, int j)
{
    if (v->type != V_ASN1_GENERALSTRING || v->length % 4 != 0)
        return 1;
    for (int k = 0; k < v->length; k++)
        if (v->data[k] != 0 && (k & 3) != 3)
            return 1;
    return (j & 3) == 3;
}

/* Characters the one-line form of a value takes ("\\xHH" for non-printables, "\\/" and "\\+"). */
static size_t oneline_value_len(const ASN1_STRING *v)
{
    size_t l = 0;
    for (int j = 0; j < v->length; j++) {
        unsigned char c = v->data[j];
        if (!oneline_shows(v, j))
            continue;
        l += (c < ' ' || c > '~') ? 4 : (c == '/' || c == '+') ? 2 : 1;
    }
    return l;
}

char *X509_NAME_oneline(const X509_NAME *a, char *buf, int size)
{
    static const char hex[] = "0123456789ABCDEF";
    if (buf != NULL && size <= 0)
        return NULL;
    if (a == NULL) {
        if (buf == NULL) {
            size = 200;
            buf = malloc((size_t)size);
            if (buf == NULL) {
                ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
                return NULL;
            }
        }
        strncpy(buf, "NO X509_NAME", (size_t)size);
        buf[size - 1] = '\0';
        return buf;
    }
    /* Measure the whole line first, then fill what fits. */
    size_t total = 0;
    char tmp[80];
    for (int i = 0; i < a->count; i++) {
        const X509_NAME_ENTRY *e = a->entries[i];
        total += 2 + strlen(field_name(e->object, tmp, sizeof(tmp), 0)) + oneline_value_len(e->value);
        if (total > NAME_ONELINE_MAX) {
            ERR_raise(ERR_LIB_X509, X509_R_NAME_TOO_LONG);
            return NULL;
        }
    }
    char *out = buf;
    size_t cap = (size_t)size - 1;
    if (buf == NULL) {
        out = malloc(total + 1);
        if (out == NULL) {
            ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
            return NULL;
        }
        cap = total;
    }
    size_t pos = 0;
    out[0] = '\0';
    for (int i = 0; i < a->count; i++) {
        const X509_NAME_ENTRY *e = a->entries[i];
        const char *fn = field_name(e->object, tmp, sizeof(tmp), 0);
        size_t l = 2 + strlen(fn) + oneline_value_len(e->value);
        /* A caller's buffer gets whole entries only. */
        if (pos + l > cap)
            break;
        char *p = out + pos;
        /* Entries of one multi-valued RDN are joined with '+'. */
        *p++ = (i > 0 && a->entries[i - 1]->set == e->set) ? '+' : '/';
        memcpy(p, fn, strlen(fn));
        p += strlen(fn);
        *p++ = '=';
        for (int j = 0; j < e->value->length; j++) {
            unsigned char c = e->value->data[j];
            if (!oneline_shows(e->value, j))
                continue;
            if (c < ' ' || c > '~') {
                *p++ = '\\';
                *p++ = 'x';
                *p++ = hex[c >> 4];
                *p++ = hex[c & 15];
            } else {
                if (c == '/' || c == '+')
                    *p++ = '\\';
                *p++ = (char)c;
            }
        }
        pos += l;
        out[pos] = '\0';
    }
    return out;
}

/*
 * X509_NAME_print: the one-line form with the slashes before each
 * "/XX=" or "/X=" field turned into ", " (values may contain slashes).
 */
int X509_NAME_print(BIO *bp, const X509_NAME *name, int obase)
{
    (void)obase;
    char *b = X509_NAME_oneline(name, NULL, 0);
    if (b == NULL)
        return 0;
    if (*b == '\0') {
        free(b);
        return 1;
    }
    char *s = b + 1, *c = s;
    int ok = 1;
    for (;;) {
        int at_field = *s == '/' && s[1] >= 'A' && s[1] <= 'Z' &&
                       (s[2] == '=' || (s[2] >= 'A' && s[2] <= 'Z' && s[3] == '='));
        if (at_field || *s == '\0') {
            int n = (int)(s - c);
            if (BIO_write(bp, c, n) != n) {
                ok = 0;
                break;
            }
            c = s + 1;
            if (*s != '\0' && BIO_write(bp, ", ", 2) != 2) {
                ok = 0;
                break;
            }
        }
        if (*s == '\0')
            break;
        s++;
    }
    free(b);
    if (!ok)
        ERR_raise(ERR_LIB_X509, ERR_R_BUF_LIB);
    return ok;
}

/* Field-name column widths for XN_FLAG_FN_ALIGN. */
#define FN_WIDTH_LN 25
#define FN_WIDTH_SN 10

static int put(BIO *out, const char *p, int n)
{
    return n == 0 || (out != NULL && BIO_write(out, p, n) == n);
}

static int put_spaces(BIO *out, int n)
{
    for (; n > 0; n--)
        if (!put(out, " ", 1))
            return 0;
    return 1;
}

/* OpenSSL's name printer for one flag set; returns characters written or -1. */
static int name_print(BIO *out, const X509_NAME *nm, int indent, unsigned long flags)
{
    const char *sep_dn, *sep_mv, *sep_eq;
    if (indent < 0)
        indent = 0;
    int outlen = indent;
    if (!put_spaces(out, indent))
        return -1;
    switch (flags & XN_FLAG_SEP_MASK) {
    case XN_FLAG_SEP_MULTILINE:
        sep_dn = "\n";
        sep_mv = " + ";
        break;
    case XN_FLAG_SEP_COMMA_PLUS:
        sep_dn = ",";
        sep_mv = "+";
        indent = 0;
        break;
    case XN_FLAG_SEP_CPLUS_SPC:
        sep_dn = ", ";
        sep_mv = " + ";
        indent = 0;
        break;
    case XN_FLAG_SEP_SPLUS_SPC:
        sep_dn = "; ";
        sep_mv = " + ";
        indent = 0;
        break;
    default:
        return -1;
    }
    sep_eq = (flags & XN_FLAG_SPC_EQ) ? " = " : "=";
    unsigned long fn_opt = flags & XN_FLAG_FN_MASK;
    int prev = -1, cnt = X509_NAME_entry_count(nm);
    for (int i = 0; i < cnt; i++) {
        const X509_NAME_ENTRY *e = nm->entries[(flags & XN_FLAG_DN_REV) ? cnt - i - 1 : i];
        if (prev != -1) {
            const char *sep = prev == e->set ? sep_mv : sep_dn;
            int l = (int)strlen(sep);
            if (!put(out, sep, l))
                return -1;
            outlen += l;
            if (prev != e->set) {
                if (!put_spaces(out, indent))
                    return -1;
                outlen += indent;
            }
        }
        prev = e->set;
        int nid = OBJ_obj2nid(e->object);
        if (fn_opt != XN_FLAG_FN_NONE) {
            char tmp[80];
            const char *fn;
            int width = 0;
            if (fn_opt == XN_FLAG_FN_OID || nid == NID_undef) {
                OBJ_obj2txt(tmp, sizeof(tmp), e->object, 1);
                fn = tmp;
            } else if (fn_opt == XN_FLAG_FN_SN) {
                width = FN_WIDTH_SN;
                fn = OBJ_nid2sn(nid);
            } else {
                width = FN_WIDTH_LN;
                fn = OBJ_nid2ln(nid);
            }
            if (fn == NULL)
                fn = "";
            int fl = (int)strlen(fn), el = (int)strlen(sep_eq);
            if (!put(out, fn, fl))
                return -1;
            if (fl < width && (flags & XN_FLAG_FN_ALIGN)) {
                if (!put_spaces(out, width - fl))
                    return -1;
                outlen += width - fl;
            }
            if (!put(out, sep_eq, el))
                return -1;
            outlen += fl + el;
        }
        unsigned long vflags = flags & 0xffffUL;
        if (nid == NID_undef && (flags & XN_FLAG_DUMP_UNKNOWN_FIELDS))
            vflags |= ASN1_STRFLGS_DUMP_ALL;
        int l = mintls_asn1_string_escape(out, e->value, vflags);
        if (l < 0)
            return -1;
        outlen += l;
    }
    return outlen;
}

int X509_NAME_print_ex(BIO *out, const X509_NAME *nm, int indent, unsigned long flags)
{
    if (flags == XN_FLAG_COMPAT)
        return X509_NAME_print(out, nm, indent);
    return name_print(out, nm, indent, flags);
}

int X509_NAME_print_ex_fp(FILE *fp, const X509_NAME *nm, int indent, unsigned long flags)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL)
        return -1;
    int r = X509_NAME_print_ex(b, nm, indent, flags);
    BIO_free(b);
    return r;
}
