/*
 * Does a certificate name the peer we meant to reach? The identity checks
 * behind X509_check_host / _email / _ip / _ip_asc and the host, e-mail and
 * IP settings of X509_VERIFY_PARAM, after RFC 9525 and X509_check_host(3).
 *
 * Terms: the *reference* is the name the application asks for; a
 * *presented* name is one the certificate carries (a subjectAltName entry
 * or, as a fallback, a subject attribute).
 *
 * DNS names compare case-insensitively (ASCII only: internationalised names
 * must be given as A-labels). A presented name may carry one wildcard, and
 * only as the whole left-most label followed by at least two labels
 * ("*.example.com", never "*.com"); it stands for exactly one non-empty
 * label (any number with X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS). Partial
 * wildcards ("w*.example.com") match nothing: RFC 9525 section 6.3 drops
 * them, and mintls follows it where OpenSSL 3.0 still accepts them (see the
 * README). A reference that starts with a dot (".example.com") asks for any
 * name strictly below it, and takes the presented names literally.
 *
 * The subject's commonName (for hosts) or emailAddress (for e-mail) is used
 * only when the certificate has no subjectAltName entry of that kind,
 * unless X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT / _NEVER_CHECK_SUBJECT say
 * otherwise. IP addresses match only iPAddress entries, byte for byte.
 */
#include <openssl/asn1.h>
#include <openssl/crypto.h>
#include <openssl/obj_mac.h>

#include <stdlib.h>
#include <string.h>

#include "internal/x509_verify.h"

/* ---- reference names ----------------------------------------------------- */

/*
 * The reference as (p, len): len 0 means strlen; one trailing NUL counted in
 * len is forgiven (callers pass sizeof of a literal). Any other NUL makes
 * the name malformed: 0 returned.
 */
static int reference_span(const char *name, size_t len, const uint8_t **p, size_t *out_len)
{
    if (name == NULL)
        return 0;
    if (len == 0)
        len = strlen(name);
    else if (name[len - 1] == '\0')
        len--;
    if (memchr(name, '\0', len) != NULL)
        return 0;
    *p = (const uint8_t *)name;
    *out_len = len;
    return 1;
}

/* ---- DNS name comparison -------------------------------------------------- */

static uint8_t ascii_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

static int same_text_nocase(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return 0;
    return 1;
}

static int is_ldh(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-';
}

/*
 * Counts the labels of a host name made of non-empty letter-digit-hyphen
 * labels; 0 when it is not such a name.
 */
static size_t count_labels(const uint8_t *p, size_t len)
{
    size_t labels = 1, run = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '.') {
            if (run == 0)
                return 0;
            labels++;
            run = 0;
        } else if (is_ldh(p[i])) {
            run++;
        } else {
            return 0;
        }
    }
    return run == 0 ? 0 : labels;
}

/*
 * The part a presented wildcard name requires after its "*." label, or
 * NULL when `pattern` is not a wildcard mintls honours.
 */
static const uint8_t *wildcard_base(const uint8_t *pattern, size_t len, size_t *base_len)
{
    if (len < 2 || pattern[0] != '*' || pattern[1] != '.')
        return NULL;
    const uint8_t *base = pattern + 2;
    size_t n = len - 2;
    if (count_labels(base, n) < 2) /* "*.com" and malformed bases */
        return NULL;
    *base_len = n;
    return base;
}

/* Does reference `ref` fall under the wildcard pattern's base? */
static int wildcard_matches(const uint8_t *base, size_t base_len, const uint8_t *ref,
                            size_t ref_len, unsigned flags)
{
    if (ref_len < base_len + 2) /* at least one character and a dot */
        return 0;
    size_t head = ref_len - base_len - 1;
    if (ref[head] != '.' || !same_text_nocase(ref + head + 1, base, base_len))
        return 0;
    /* What the '*' covers: one label, or several when the flag allows. */
    size_t labels = count_labels(ref, head);
    if (labels == 0)
        return 0;
    return labels == 1 || (flags & MINTLS_X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS) != 0;
}

/* Is presented name `pn` strictly below the dotted reference ".suffix"? */
static int below_suffix(const uint8_t *pn, size_t pn_len, const uint8_t *suffix,
                        size_t suffix_len, unsigned flags)
{
    if (pn_len <= suffix_len)
        return 0;
    size_t head = pn_len - suffix_len;
    if (!same_text_nocase(pn + head, suffix, suffix_len))
        return 0;
    if (flags & MINTLS_X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS)
        return memchr(pn, '.', head) == NULL;
    return 1;
}

static int dns_name_matches(const uint8_t *pn, size_t pn_len, const uint8_t *ref,
                            size_t ref_len, unsigned flags)
{
    if (ref_len > 1 && ref[0] == '.')
        return below_suffix(pn, pn_len, ref, ref_len, flags);
    if (!(flags & MINTLS_X509_CHECK_FLAG_NO_WILDCARDS)) {
        size_t base_len;
        const uint8_t *base = wildcard_base(pn, pn_len, &base_len);
        if (base != NULL)
            return wildcard_matches(base, base_len, ref, ref_len, flags);
    }
    return pn_len == ref_len && same_text_nocase(pn, ref, ref_len);
}

/* ---- e-mail comparison ---------------------------------------------------- */

/* Local parts compare exactly, domains without regard to case. */
static int email_matches(const uint8_t *pn, size_t pn_len, const uint8_t *ref, size_t ref_len,
                         unsigned flags)
{
    (void)flags;
    if (pn_len != ref_len)
        return 0;
    size_t at = ref_len;
    while (at > 0 && ref[at - 1] != '@')
        at--;
    if (at == 0 || pn[at - 1] != '@') /* no '@' in the reference, or elsewhere */
        return memcmp(pn, ref, ref_len) == 0;
    return memcmp(pn, ref, at) == 0 && same_text_nocase(pn + at, ref + at, ref_len - at);
}

static int ip_matches(const uint8_t *pn, size_t pn_len, const uint8_t *ref, size_t ref_len,
                      unsigned flags)
{
    (void)flags;
    return pn_len == ref_len && memcmp(pn, ref, ref_len) == 0;
}

/* ---- the walk over a certificate's names ------------------------------------ */

typedef int (*name_matcher)(const uint8_t *pn, size_t pn_len, const uint8_t *ref, size_t ref_len,
                            unsigned flags);

typedef struct {
    unsigned san_type; /* X509_GN_* to look at */
    int subject_nid;   /* subject attribute fallback, NID_undef for none */
    name_matcher match;
} identity_kind;

static const identity_kind kHost = { X509_GN_DNS, NID_commonName, dns_name_matches };
static const identity_kind kEmail = { X509_GN_EMAIL, NID_pkcs9_emailAddress, email_matches };
static const identity_kind kIp = { X509_GN_IP, NID_undef, ip_matches };

static int copy_peername(char **peername, const uint8_t *p, size_t len)
{
    if (peername == NULL)
        return 1;
    char *s = malloc(len + 1);
    if (s == NULL)
        return -1;
    memcpy(s, p, len);
    s[len] = '\0';
    free(*peername);
    *peername = s;
    return 1;
}

/* A subject attribute value as UTF-8 (BMP, Universal, Teletex converted). */
static int attribute_matches(const identity_kind *kind, const x509_name_attr *a,
                             const uint8_t *ref, size_t ref_len, unsigned flags,
                             char **peername)
{
    /* The universal string tags are OpenSSL's V_ASN1_* string types. */
    ASN1_STRING s = { (int)a->value.len, (int)a->tag, (unsigned char *)a->value.p, 0 };
    unsigned char *utf8 = NULL;
    int n = ASN1_STRING_to_UTF8(&utf8, &s);
    if (n < 0)
        return -1;
    int r = kind->match(utf8, (size_t)n, ref, ref_len, flags);
    if (r == 1)
        r = copy_peername(peername, utf8, (size_t)n);
    OPENSSL_free(utf8);
    return r;
}

static int check_identity(const x509_cert *cert, const identity_kind *kind, const uint8_t *ref,
                          size_t ref_len, unsigned flags, char **peername)
{
    int have_san = 0;
    for (size_t i = 0; i < cert->san.count; i++) {
        const x509_general_name *gn = &cert->san.items[i];
        if (gn->type != kind->san_type)
            continue;
        have_san = 1;
        if (kind->match(gn->value.p, gn->value.len, ref, ref_len, flags))
            return copy_peername(peername, gn->value.p, gn->value.len);
    }
    if (kind->subject_nid == NID_undef || (flags & MINTLS_X509_CHECK_FLAG_NEVER_CHECK_SUBJECT) ||
        (have_san && !(flags & MINTLS_X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT)))
        return 0;
    for (size_t i = 0; i < cert->subject.count; i++) {
        const x509_name_attr *a = &cert->subject.attrs[i];
        if (a->nid != kind->subject_nid)
            continue;
        int r = attribute_matches(kind, a, ref, ref_len, flags, peername);
        if (r != 0)
            return r;
    }
    return 0;
}

/* ---- entry points --------------------------------------------------------- */

int mintls_x509_check_host(const x509_cert *cert, const char *name, size_t name_len,
                           unsigned flags, char **peername)
{
    const uint8_t *ref;
    size_t len;
    if (!reference_span(name, name_len, &ref, &len))
        return -2;
    if (len == 0)
        return 0;
    return check_identity(cert, &kHost, ref, len, flags, peername);
}

int mintls_x509_check_email(const x509_cert *cert, const char *email, size_t email_len,
                            unsigned flags)
{
    const uint8_t *ref;
    size_t len;
    if (!reference_span(email, email_len, &ref, &len))
        return -2;
    if (len == 0)
        return 0;
    return check_identity(cert, &kEmail, ref, len, flags, NULL);
}

int mintls_x509_check_ip(const x509_cert *cert, const uint8_t *ip, size_t ip_len,
                         unsigned flags)
{
    if (ip == NULL)
        return -2;
    if (ip_len == 0)
        return 0;
    return check_identity(cert, &kIp, ip, ip_len, flags, NULL);
}

int mintls_x509_check_ip_asc(const x509_cert *cert, const char *ipasc, unsigned flags)
{
    uint8_t ip[16];
    size_t n = ipasc != NULL ? mintls_x509_ip_from_text(ip, ipasc) : 0;
    if (n == 0)
        return -2;
    return mintls_x509_check_ip(cert, ip, n, flags);
}

/* ---- textual addresses -------------------------------------------------------
 * Strict forms only: dotted-quad IPv4 (decimal parts 0-255, leading zeros
 * allowed) and RFC 4291 section 2.2 IPv6 (hex groups of 1-4 digits, one "::",
 * an optional dotted-quad tail). No whitespace, signs or zone suffixes.
 */

/* Parses a dotted quad at the start of s, ending at s + len exactly. */
static int parse_ipv4(uint8_t out[4], const char *s, size_t len)
{
    size_t i = 0;
    for (int part = 0; part < 4; part++) {
        if (part > 0 && (i >= len || s[i++] != '.'))
            return 0;
        unsigned v = 0;
        size_t digits = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (unsigned)(s[i++] - '0');
            if (v > 255)
                return 0;
            digits++;
        }
        if (digits == 0)
            return 0;
        out[part] = (uint8_t)v;
    }
    return i == len;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

static int parse_ipv6(uint8_t out[16], const char *s, size_t len)
{
    uint8_t head[16], tail[16];
    size_t nhead = 0, ntail = 0, i = 0;
    int gap = 0; /* seen "::" */
    if (len >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 1;
        i = 2;
    } else if (len >= 1 && s[0] == ':') {
        return 0;
    }
    while (i < len) {
        uint8_t *dst = gap ? tail : head;
        size_t *n = gap ? &ntail : &nhead;
        /* A dotted-quad tail: the last 32 bits. */
        size_t end = i;
        while (end < len && s[end] != ':')
            end++;
        if (end == len && memchr(s + i, '.', len - i) != NULL) {
            if (*n + 4 > 16 || !parse_ipv4(dst + *n, s + i, len - i))
                return 0;
            *n += 4;
            i = len;
            break;
        }
        unsigned v = 0;
        size_t digits = 0;
        for (; i < len && s[i] != ':'; i++) {
            int d = hex_digit(s[i]);
            if (d < 0 || ++digits > 4)
                return 0;
            v = v << 4 | (unsigned)d;
        }
        if (digits == 0 || *n + 2 > 16)
            return 0;
        dst[(*n)++] = (uint8_t)(v >> 8);
        dst[(*n)++] = (uint8_t)v;
        if (i == len)
            break;
        i++; /* the ':' */
        if (i < len && s[i] == ':') {
            if (gap)
                return 0;
            gap = 1;
            i++;
        } else if (i == len) {
            return 0; /* a single trailing ':' */
        }
    }
    size_t total = nhead + ntail;
    if (gap ? total > 14 : total != 16)
        return 0;
    memset(out, 0, 16);
    memcpy(out, head, nhead);
    memcpy(out + 16 - ntail, tail, ntail);
    return 1;
}

size_t mintls_x509_ip_from_text(uint8_t out[16], const char *text)
{
    size_t len = strlen(text);
    if (memchr(text, ':', len) != NULL)
        return parse_ipv6(out, text, len) ? 16 : 0;
    return parse_ipv4(out, text, len) ? 4 : 0;
}
