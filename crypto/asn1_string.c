/*
 * ASN1_STRING and its typed aliases (INTEGER, OCTET STRING, BIT STRING,
 * IA5String, ...): a length, a type and a NUL-terminated copy of the
 * contents. INTEGERs keep the magnitude and say the sign in the type
 * (V_ASN1_NEG_INTEGER), as OpenSSL does.
 */
#include "internal/asn1_obj.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

ASN1_STRING *ASN1_STRING_type_new(int type)
{
    ASN1_STRING *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    s->type = type;
    return s;
}

ASN1_STRING *ASN1_STRING_new(void) { return ASN1_STRING_type_new(V_ASN1_OCTET_STRING); }

void ASN1_STRING_free(ASN1_STRING *a)
{
    if (a == NULL)
        return;
    free(a->data);
    free(a);
}

void ASN1_STRING_clear_free(ASN1_STRING *a)
{
    if (a == NULL)
        return;
    if (a->data != NULL)
        OPENSSL_cleanse(a->data, (size_t)a->length);
    ASN1_STRING_free(a);
}

int ASN1_STRING_set(ASN1_STRING *str, const void *data, int len)
{
    if (str == NULL)
        return 0;
    if (len < 0) {
        if (data == NULL)
            return 0;
        size_t n = strlen(data);
        if (n > INT_MAX - 1) {
            ERR_raise(ERR_LIB_ASN1, ASN1_R_STRING_TOO_LONG);
            return 0;
        }
        len = (int)n;
    }
    if (len == INT_MAX) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_STRING_TOO_LONG);
        return 0;
    }
    unsigned char *d = malloc((size_t)len + 1);
    if (d == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (data != NULL && len > 0)
        memcpy(d, data, (size_t)len);
    d[len] = '\0';
    free(str->data);
    str->data = d;
    str->length = len;
    return 1;
}

void ASN1_STRING_set0(ASN1_STRING *str, void *data, int len)
{
    free(str->data);
    str->data = data;
    str->length = len;
}

int ASN1_STRING_copy(ASN1_STRING *dst, const ASN1_STRING *str)
{
    if (dst == NULL || str == NULL)
        return 0;
    if (!ASN1_STRING_set(dst, str->data, str->length))
        return 0;
    dst->type = str->type;
    dst->flags = str->flags & ~(long)ASN1_STRING_FLAG_EMBED;
    return 1;
}

ASN1_STRING *ASN1_STRING_dup(const ASN1_STRING *a)
{
    if (a == NULL)
        return NULL;
    ASN1_STRING *r = ASN1_STRING_type_new(a->type);
    if (r == NULL)
        return NULL;
    if (!ASN1_STRING_copy(r, a)) {
        ASN1_STRING_free(r);
        return NULL;
    }
    return r;
}

int ASN1_STRING_cmp(const ASN1_STRING *a, const ASN1_STRING *b)
{
    if (a->length != b->length)
        return a->length - b->length;
    int c = a->length > 0 ? memcmp(a->data, b->data, (size_t)a->length) : 0;
    if (c != 0)
        return c;
    return a->type - b->type;
}

int ASN1_STRING_length(const ASN1_STRING *x) { return x->length; }
void ASN1_STRING_length_set(ASN1_STRING *x, int n) { x->length = n; }
int ASN1_STRING_type(const ASN1_STRING *x) { return x->type; }
unsigned char *ASN1_STRING_data(ASN1_STRING *x) { return x->data; }
const unsigned char *ASN1_STRING_get0_data(const ASN1_STRING *x) { return x->data; }

ASN1_STRING *mintls_asn1_string_from_span(int type, der_span v)
{
    if (v.len > INT_MAX - 1)
        return NULL;
    ASN1_STRING *s = ASN1_STRING_type_new(type);
    if (s == NULL || !ASN1_STRING_set(s, v.p, (int)v.len)) {
        ASN1_STRING_free(s);
        return NULL;
    }
    return s;
}

/* ---- typed constructors ------------------------------------------------- */

#define MINTLS_TYPED_STRING(T, tag)                                   \
    T *T##_new(void) { return ASN1_STRING_type_new(tag); }            \
    void T##_free(T *a) { ASN1_STRING_free(a); }

MINTLS_TYPED_STRING(ASN1_INTEGER, V_ASN1_INTEGER)
MINTLS_TYPED_STRING(ASN1_BIT_STRING, V_ASN1_BIT_STRING)
MINTLS_TYPED_STRING(ASN1_OCTET_STRING, V_ASN1_OCTET_STRING)
MINTLS_TYPED_STRING(ASN1_IA5STRING, V_ASN1_IA5STRING)
MINTLS_TYPED_STRING(ASN1_UTF8STRING, V_ASN1_UTF8STRING)
MINTLS_TYPED_STRING(ASN1_PRINTABLESTRING, V_ASN1_PRINTABLESTRING)
MINTLS_TYPED_STRING(ASN1_UTCTIME, V_ASN1_UTCTIME)
MINTLS_TYPED_STRING(ASN1_GENERALIZEDTIME, V_ASN1_GENERALIZEDTIME)

ASN1_TIME *ASN1_TIME_new(void) { return ASN1_STRING_type_new(V_ASN1_UTCTIME); }
void ASN1_TIME_free(ASN1_TIME *a) { ASN1_STRING_free(a); }
ASN1_TIME *ASN1_TIME_dup(const ASN1_TIME *a) { return ASN1_STRING_dup(a); }

ASN1_OCTET_STRING *ASN1_OCTET_STRING_dup(const ASN1_OCTET_STRING *a) { return ASN1_STRING_dup(a); }
int ASN1_OCTET_STRING_cmp(const ASN1_OCTET_STRING *a, const ASN1_OCTET_STRING *b)
{
    return ASN1_STRING_cmp(a, b);
}
int ASN1_OCTET_STRING_set(ASN1_OCTET_STRING *str, const unsigned char *data, int len)
{
    return ASN1_STRING_set(str, data, len);
}

/* ---- INTEGER ------------------------------------------------------------ */

ASN1_INTEGER *ASN1_INTEGER_dup(const ASN1_INTEGER *x) { return ASN1_STRING_dup(x); }

int ASN1_INTEGER_cmp(const ASN1_INTEGER *x, const ASN1_INTEGER *y)
{
    int nx = x->type & V_ASN1_NEG, ny = y->type & V_ASN1_NEG;
    if (nx != ny)
        return nx ? -1 : 1;
    /* Same sign: compare magnitudes (stored without leading zeros). */
    int c;
    if (x->length != y->length)
        c = x->length < y->length ? -1 : 1;
    else
        c = x->length > 0 ? memcmp(x->data, y->data, (size_t)x->length) : 0;
    return nx ? -c : c;
}

ASN1_INTEGER *mintls_asn1_integer_from_der(der_span v)
{
    if (v.len == 0 || v.len > INT_MAX - 2)
        return NULL;
    ASN1_INTEGER *a = ASN1_STRING_type_new(V_ASN1_INTEGER);
    if (a == NULL)
        return NULL;
    uint8_t *mag = malloc(v.len + 1);
    if (mag == NULL) {
        ASN1_STRING_free(a);
        return NULL;
    }
    size_t n = v.len;
    if (v.p[0] & 0x80) {
        /* Negative: the magnitude is the two's complement. */
        int borrow = 1;
        for (size_t i = n; i-- > 0;) {
            unsigned b = (unsigned)(uint8_t)~v.p[i] + (unsigned)borrow;
            mag[i] = (uint8_t)b;
            borrow = b >> 8;
        }
        a->type = V_ASN1_NEG_INTEGER;
    } else {
        memcpy(mag, v.p, n);
    }
    size_t skip = 0;
    while (skip + 1 < n && mag[skip] == 0)
        skip++;
    if (n - skip == 1 && mag[skip] == 0)
        skip = n; /* zero: empty magnitude, as OpenSSL keeps a single 0 byte */
    if (skip == n) {
        mag[0] = 0;
        n = 1;
        skip = 0;
    }
    memmove(mag, mag + skip, n - skip);
    n -= skip;
    mag[n] = '\0';
    a->data = mag;
    a->length = (int)n;
    return a;
}

int ASN1_INTEGER_get_uint64(uint64_t *pr, const ASN1_INTEGER *a)
{
    if (a == NULL || pr == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((a->type & ~V_ASN1_NEG) != V_ASN1_INTEGER) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_WRONG_INTEGER_TYPE);
        return 0;
    }
    if (a->type & V_ASN1_NEG) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_ILLEGAL_NEGATIVE_VALUE);
        return 0;
    }
    if (a->length > 8) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_TOO_LARGE);
        return 0;
    }
    uint64_t r = 0;
    for (int i = 0; i < a->length; i++)
        r = (r << 8) | a->data[i];
    *pr = r;
    return 1;
}

int ASN1_INTEGER_get_int64(int64_t *pr, const ASN1_INTEGER *a)
{
    if (a == NULL || pr == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((a->type & ~V_ASN1_NEG) != V_ASN1_INTEGER) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_WRONG_INTEGER_TYPE);
        return 0;
    }
    if (a->length > 8) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_TOO_LARGE);
        return 0;
    }
    uint64_t r = 0;
    for (int i = 0; i < a->length; i++)
        r = (r << 8) | a->data[i];
    if (a->type & V_ASN1_NEG) {
        if (r > (uint64_t)INT64_MAX + 1) {
            ERR_raise(ERR_LIB_ASN1, ASN1_R_TOO_SMALL);
            return 0;
        }
        *pr = r == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)r;
    } else {
        if (r > (uint64_t)INT64_MAX) {
            ERR_raise(ERR_LIB_ASN1, ASN1_R_TOO_LARGE);
            return 0;
        }
        *pr = (int64_t)r;
    }
    return 1;
}

static int integer_set_mag(ASN1_INTEGER *a, uint64_t mag, int neg)
{
    uint8_t buf[8];
    int n = 0;
    for (int i = 7; i >= 0; i--) {
        uint8_t b = (uint8_t)(mag >> (8 * i));
        if (b != 0 || n > 0 || i == 0)
            buf[n++] = b;
    }
    if (!ASN1_STRING_set(a, buf, n))
        return 0;
    a->type = neg ? V_ASN1_NEG_INTEGER : V_ASN1_INTEGER;
    return 1;
}

int ASN1_INTEGER_set_uint64(ASN1_INTEGER *a, uint64_t r)
{
    return a != NULL && integer_set_mag(a, r, 0);
}

int ASN1_INTEGER_set_int64(ASN1_INTEGER *a, int64_t r)
{
    if (a == NULL)
        return 0;
    if (r < 0)
        return integer_set_mag(a, (uint64_t)0 - (uint64_t)r, 1);
    return integer_set_mag(a, (uint64_t)r, 0);
}

int ASN1_INTEGER_set(ASN1_INTEGER *a, long v) { return ASN1_INTEGER_set_int64(a, v); }

long ASN1_INTEGER_get(const ASN1_INTEGER *a)
{
    int64_t r;
    if (a == NULL)
        return 0;
    if (!ASN1_INTEGER_get_int64(&r, a))
        return -1;
    if (r > LONG_MAX || r < LONG_MIN)
        return -1;
    return (long)r;
}

/* ---- BIT STRING ---------------------------------------------------------- */

ASN1_BIT_STRING *mintls_asn1_bit_string_from_der(der_span v)
{
    der_span bits;
    unsigned unused;
    if (!mintls_der_bit_string_valid(v, &bits, &unused))
        return NULL;
    /* OpenSSL drops trailing zero octets and keeps the unused count in flags. */
    while (bits.len > 0 && bits.p[bits.len - 1] == 0) {
        bits.len--;
        unused = 0;
    }
    ASN1_BIT_STRING *s = mintls_asn1_string_from_span(V_ASN1_BIT_STRING, bits);
    if (s != NULL)
        s->flags = (long)(ASN1_STRING_FLAG_BITS_LEFT | (unused & 7));
    return s;
}

int ASN1_BIT_STRING_get_bit(const ASN1_BIT_STRING *a, int n)
{
    if (a == NULL || n < 0)
        return 0;
    int i = n / 8;
    if (i >= a->length)
        return 0;
    return (a->data[i] >> (7 - n % 8)) & 1;
}

int ASN1_BIT_STRING_set_bit(ASN1_BIT_STRING *a, int n, int value)
{
    if (a == NULL || n < 0)
        return 0;
    int i = n / 8;
    if (i >= a->length) {
        if (!value)
            return 1;
        unsigned char *d = realloc(a->data, (size_t)i + 2);
        if (d == NULL) {
            ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        memset(d + a->length, 0, (size_t)(i + 2 - a->length));
        a->data = d;
        a->length = i + 1;
    }
    unsigned char m = (unsigned char)(0x80 >> (n % 8));
    if (value)
        a->data[i] |= m;
    else
        a->data[i] &= (unsigned char)~m;
    a->flags &= ~(long)0x07;
    while (a->length > 0 && a->data[a->length - 1] == 0)
        a->length--;
    return 1;
}

/* ---- characters: decoding by string type, UTF-8 output --------------------- */

/* Next code point of s at *pos; -1 on a malformed string. */
static long next_char(const ASN1_STRING *s, int *pos)
{
    const unsigned char *p = s->data + *pos;
    int left = s->length - *pos;
    switch (s->type) {
    case V_ASN1_BMPSTRING:
        if (left < 2)
            return -1;
        *pos += 2;
        return ((long)p[0] << 8) | p[1];
    case V_ASN1_UNIVERSALSTRING:
        if (left < 4)
            return -1;
        *pos += 4;
        return (long)(((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) |
                      ((unsigned long)p[2] << 8) | p[3]);
    case V_ASN1_UTF8STRING: {
        unsigned c = p[0];
        int n;
        long v;
        if (c < 0x80) {
            *pos += 1;
            return c;
        }
        if ((c & 0xe0) == 0xc0) {
            n = 2;
            v = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            n = 3;
            v = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            n = 4;
            v = c & 0x07;
        } else {
            return -1;
        }
        if (left < n)
            return -1;
        for (int i = 1; i < n; i++) {
            if ((p[i] & 0xc0) != 0x80)
                return -1;
            v = (v << 6) | (p[i] & 0x3f);
        }
        *pos += n;
        return v;
    }
    default:
        /* One octet per character (Latin-1 for T61 and the like). */
        *pos += 1;
        return p[0];
    }
}

static int put_utf8(unsigned char *out, unsigned long c)
{
    if (c < 0x80) {
        if (out)
            out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        if (out) {
            out[0] = (unsigned char)(0xc0 | (c >> 6));
            out[1] = (unsigned char)(0x80 | (c & 0x3f));
        }
        return 2;
    }
    if (c < 0x10000) {
        if (out) {
            out[0] = (unsigned char)(0xe0 | (c >> 12));
            out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
            out[2] = (unsigned char)(0x80 | (c & 0x3f));
        }
        return 3;
    }
    if (c < 0x110000) {
        if (out) {
            out[0] = (unsigned char)(0xf0 | (c >> 18));
            out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
            out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
            out[3] = (unsigned char)(0x80 | (c & 0x3f));
        }
        return 4;
    }
    return -1;
}

int ASN1_STRING_to_UTF8(unsigned char **out, const ASN1_STRING *in)
{
    if (out == NULL || in == NULL || in->length < 0)
        return -1;
    /* Two passes: size, then write. */
    size_t total = 0;
    for (int pos = 0; pos < in->length;) {
        long c = next_char(in, &pos);
        int n = c < 0 ? -1 : put_utf8(NULL, (unsigned long)c);
        if (n < 0) {
            ERR_raise(ERR_LIB_ASN1, ASN1_R_INVALID_UTF8STRING);
            return -1;
        }
        total += (size_t)n;
    }
    if (total > INT_MAX - 1)
        return -1;
    unsigned char *buf = OPENSSL_malloc(total + 1);
    if (buf == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return -1;
    }
    size_t off = 0;
    for (int pos = 0; pos < in->length;)
        off += (size_t)put_utf8(buf + off, (unsigned long)next_char(in, &pos));
    buf[off] = '\0';
    *out = buf;
    return (int)off;
}

int ASN1_STRING_print(BIO *bp, const ASN1_STRING *v)
{
    char buf[80];
    int n = 0;
    if (v == NULL)
        return 0;
    for (int i = 0; i < v->length; i++) {
        unsigned char c = v->data[i];
        if ((c > '~' || c < ' ') && c != '\n' && c != '\r')
            c = '.';
        buf[n++] = (char)c;
        if (n == (int)sizeof(buf)) {
            if (BIO_write(bp, buf, n) != n)
                return 0;
            n = 0;
        }
    }
    if (n > 0 && BIO_write(bp, buf, n) != n)
        return 0;
    return 1;
}

/* ---- RFC 2253 style escaping (ASN1_STRING_print_ex, X509_NAME_print_ex) ---- */

static const char *type_name(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING: return "UTF8STRING";
    case V_ASN1_PRINTABLESTRING: return "PRINTABLESTRING";
    case V_ASN1_T61STRING: return "T61STRING";
    case V_ASN1_IA5STRING: return "IA5STRING";
    case V_ASN1_BMPSTRING: return "BMPSTRING";
    case V_ASN1_UNIVERSALSTRING: return "UNIVERSALSTRING";
    case V_ASN1_NUMERICSTRING: return "NUMERICSTRING";
    case V_ASN1_VISIBLESTRING: return "VISIBLESTRING";
    case V_ASN1_GENERALSTRING: return "GENERALSTRING";
    case V_ASN1_OCTET_STRING: return "OCTET STRING";
    case V_ASN1_BIT_STRING: return "BIT STRING";
    case V_ASN1_INTEGER: return "INTEGER";
    case V_ASN1_UTCTIME: return "UTCTIME";
    case V_ASN1_GENERALIZEDTIME: return "GENERALIZEDTIME";
    default: return "UNKNOWN";
    }
}

static int is_text_type(int type)
{
    switch (type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_T61STRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_BMPSTRING:
    case V_ASN1_UNIVERSALSTRING:
    case V_ASN1_NUMERICSTRING:
    case V_ASN1_VISIBLESTRING:
    case V_ASN1_GENERALSTRING:
    case V_ASN1_UTCTIME:
    case V_ASN1_GENERALIZEDTIME:
        return 1;
    default:
        return 0;
    }
}

typedef struct {
    BIO *out;
    int count;
    int failed;
} esc_sink;

static void sink_put(esc_sink *s, const char *p, int n)
{
    if (s->out != NULL && !s->failed && BIO_write(s->out, p, n) != n)
        s->failed = 1;
    s->count += n;
}

static void sink_hex(esc_sink *s, unsigned b)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[3] = {'\\', hex[(b >> 4) & 15], hex[b & 15]};
    sink_put(s, t, 3);
}

/* One output octet (a byte, or one byte of a UTF-8 sequence). */
static void esc_byte(esc_sink *s, unsigned c, unsigned long flags, int first, int last,
                     int *need_quotes)
{
    char ch = (char)c;
    int esc2253 = (flags & ASN1_STRFLGS_ESC_2253) != 0;
    int quote = (flags & ASN1_STRFLGS_ESC_QUOTE) != 0;
    if (esc2253 && (c == ',' || c == '+' || c == '<' || c == '>' || c == ';' ||
                    ((c == ' ' || c == '#') && first) || (c == ' ' && last))) {
        if (quote) {
            if (need_quotes != NULL)
                *need_quotes = 1;
            sink_put(s, &ch, 1);
        } else {
            char t[2] = {'\\', ch};
            sink_put(s, t, 2);
        }
        return;
    }
    if (esc2253 && c == '"') {
        sink_put(s, "\\\"", 2);
        return;
    }
    if (((flags & ASN1_STRFLGS_ESC_CTRL) && (c < 0x20 || c == 0x7f)) ||
        ((flags & ASN1_STRFLGS_ESC_MSB) && c > 0x7f)) {
        sink_hex(s, c);
        return;
    }
    if (c == '\\' && (flags & (ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL |
                               ASN1_STRFLGS_ESC_MSB | ASN1_STRFLGS_ESC_QUOTE))) {
        sink_put(s, "\\\\", 2);
        return;
    }
    sink_put(s, &ch, 1);
}

static void esc_body(esc_sink *s, const ASN1_STRING *str, unsigned long flags, int *need_quotes)
{
    int utf8 = (flags & ASN1_STRFLGS_UTF8_CONVERT) != 0;
    for (int pos = 0; pos < str->length;) {
        int start = pos;
        long c = next_char(str, &pos);
        if (c < 0) {
            /* Malformed multi-byte text: show the rest as raw octets. */
            pos = start + 1;
            c = str->data[start];
        }
        int first = start == 0, last = pos >= str->length;
        if (c > 0xff && !utf8) {
            char t[12];
            int n = c > 0xffff ? BIO_snprintf(t, sizeof(t), "\\W%08lX", (unsigned long)c)
                               : BIO_snprintf(t, sizeof(t), "\\U%04lX", (unsigned long)c);
            sink_put(s, t, n);
        } else if (c > 0x7f && utf8) {
            unsigned char u[4];
            int n = put_utf8(u, (unsigned long)c);
            for (int i = 0; i < n; i++)
                esc_byte(s, u[i], flags, 0, 0, need_quotes);
        } else {
            esc_byte(s, (unsigned)c, flags, first, last, need_quotes);
        }
    }
}

int mintls_asn1_string_escape(BIO *out, const ASN1_STRING *str, unsigned long flags)
{
    esc_sink s = {out, 0, 0};
    if (str == NULL)
        return -1;
    if (flags & ASN1_STRFLGS_SHOW_TYPE) {
        const char *t = type_name(str->type);
        sink_put(&s, t, (int)strlen(t));
        sink_put(&s, ":", 1);
    }
    if ((flags & ASN1_STRFLGS_DUMP_ALL) ||
        ((flags & ASN1_STRFLGS_DUMP_UNKNOWN) && !is_text_type(str->type))) {
        static const char hex[] = "0123456789ABCDEF";
        sink_put(&s, "#", 1);
        uint8_t hdr[6];
        size_t hl = 0;
        if (flags & ASN1_STRFLGS_DUMP_DER) {
            size_t n = (size_t)str->length;
            hdr[hl++] = (uint8_t)(str->type & 0x1f);
            if (n < 128) {
                hdr[hl++] = (uint8_t)n;
            } else {
                int k = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
                hdr[hl++] = (uint8_t)(0x80 | k);
                for (int i = k - 1; i >= 0; i--)
                    hdr[hl++] = (uint8_t)(n >> (8 * i));
            }
        }
        for (size_t i = 0; i < hl + (size_t)str->length; i++) {
            uint8_t b = i < hl ? hdr[i] : str->data[i - hl];
            char t[2] = {hex[b >> 4], hex[b & 15]};
            sink_put(&s, t, 2);
        }
        return s.failed ? -1 : s.count;
    }
    int need_quotes = 0;
    esc_sink probe = {NULL, 0, 0};
    esc_body(&probe, str, flags, &need_quotes);
    if (need_quotes)
        sink_put(&s, "\"", 1);
    esc_body(&s, str, flags, NULL);
    if (need_quotes)
        sink_put(&s, "\"", 1);
    return s.failed ? -1 : s.count;
}

int ASN1_STRING_print_ex(BIO *out, const ASN1_STRING *str, unsigned long flags)
{
    return mintls_asn1_string_escape(out, str, flags);
}

int ASN1_STRING_print_ex_fp(FILE *fp, const ASN1_STRING *str, unsigned long flags)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL)
        return -1;
    int r = mintls_asn1_string_escape(b, str, flags);
    BIO_free(b);
    return r;
}

/* ---- ASN1_TYPE ------------------------------------------------------------ */

ASN1_TYPE *ASN1_TYPE_new(void)
{
    ASN1_TYPE *t = calloc(1, sizeof(*t));
    if (t == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    t->type = V_ASN1_UNDEF;
    return t;
}

void ASN1_TYPE_free(ASN1_TYPE *a)
{
    if (a == NULL)
        return;
    switch (a->type) {
    case V_ASN1_OBJECT:
        ASN1_OBJECT_free(a->value.object);
        break;
    case V_ASN1_BOOLEAN:
    case V_ASN1_NULL:
    case V_ASN1_UNDEF:
        break;
    default:
        ASN1_STRING_free(a->value.asn1_string);
        break;
    }
    free(a);
}

int ASN1_TYPE_get(const ASN1_TYPE *a)
{
    if (a == NULL)
        return 0;
    if (a->type == V_ASN1_BOOLEAN || a->type == V_ASN1_NULL || a->value.ptr != NULL)
        return a->type;
    return 0;
}
