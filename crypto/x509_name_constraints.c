/*
 * Name constraints (RFC 5280 4.2.1.10): a CA's permitted and excluded
 * subtrees, applied to the names of a certificate below it. A name of a
 * given form must fall inside some permitted subtree of that form when the
 * CA lists any, and inside no excluded one. The forms mintls understands:
 * dNSName, rfc822Name, uniformResourceIdentifier, iPAddress and
 * directoryName; a name whose form the CA constrains in a way mintls cannot
 * evaluate fails closed (UNSUPPORTED_CONSTRAINT_TYPE), as does a name too
 * malformed to compare (UNSUPPORTED_NAME_SYNTAX).
 *
 * The names of a certificate: its subject (as a directoryName), any
 * emailAddress attributes of the subject (as rfc822Names), its
 * subjectAltName entries and, when the caller asks (a leaf without DNS
 * names), each subject CN that reads as a host name, as a dNSName.
 */
#include <string.h>

#include <openssl/obj_mac.h>

#include "internal/x509_verify.h"

/* How one name relates to one subtree. */
enum {
    NAME_OUTSIDE = 0,
    NAME_INSIDE = 1,
    NAME_MALFORMED = -1, /* the name (or the subtree) cannot be compared */
    FORM_UNSUPPORTED = -2,
};

static int lower_ascii(uint8_t ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

static int equal_nocase(const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower_ascii(a[i]) != lower_ascii(b[i]))
            return 0;
    return 1;
}

static der_span span_of(const uint8_t *p, size_t len)
{
    der_span s = { p, len };
    return s;
}

static int spans_equal_nocase(der_span a, der_span b)
{
    return a.len == b.len && equal_nocase(a.p, b.p, a.len);
}

/* `name` ends with `tail` (ignoring case) and is longer than it. */
static int proper_suffix_nocase(der_span name, der_span tail)
{
    return name.len > tail.len && equal_nocase(name.p + name.len - tail.len, tail.p, tail.len);
}

/*
 * A host-name subtree covers the host itself and every name made by adding
 * labels on the left; one written with a leading dot covers only the
 * latter. An empty subtree covers everything.
 */
static int host_within(der_span host, der_span base, int base_without_dot_is_exact)
{
    if (base.len == 0)
        return NAME_INSIDE;
    if (base.p[0] == '.')
        return proper_suffix_nocase(host, base) ? NAME_INSIDE : NAME_OUTSIDE;
    if (spans_equal_nocase(host, base))
        return NAME_INSIDE;
    if (base_without_dot_is_exact)
        return NAME_OUTSIDE;
    return proper_suffix_nocase(host, base) && host.p[host.len - base.len - 1] == '.'
               ? NAME_INSIDE
               : NAME_OUTSIDE;
}

static int dns_within(der_span name, der_span base)
{
    return host_within(name, base, 0);
}

static const uint8_t *find_byte(der_span s, uint8_t ch)
{
    return s.len > 0 ? memchr(s.p, ch, s.len) : NULL;
}

/*
 * A mailbox subtree is either a whole mailbox (local part compared
 * exactly, domain without regard to case), a host (mailboxes at exactly that
 * host), or ".domain" (mailboxes at any host under it).
 */
static int email_within(der_span mailbox, der_span base)
{
    const uint8_t *at = find_byte(mailbox, '@');
    if (at == NULL || at == mailbox.p || at == mailbox.p + mailbox.len - 1)
        return NAME_MALFORMED;
    if (base.len == 0)
        return NAME_INSIDE;
    der_span domain = span_of(at + 1, (size_t)(mailbox.p + mailbox.len - at - 1));
    const uint8_t *base_at = find_byte(base, '@');
    if (base_at != NULL) {
        size_t local_len = (size_t)(base_at - base.p);
        if (local_len != (size_t)(at - mailbox.p) || memcmp(base.p, mailbox.p, local_len) != 0)
            return NAME_OUTSIDE;
        der_span base_domain = span_of(base_at + 1, base.len - local_len - 1);
        return spans_equal_nocase(domain, base_domain) ? NAME_INSIDE : NAME_OUTSIDE;
    }
    return host_within(domain, base, 1);
}

/* The host of scheme://[userinfo@]host[:port][/...]; 0 if there is none. */
static int uri_host(der_span uri, der_span *host)
{
    size_t i = 0;
    while (i + 2 < uri.len && !(uri.p[i] == ':' && uri.p[i + 1] == '/' && uri.p[i + 2] == '/'))
        i++;
    if (i + 2 >= uri.len || i == 0)
        return 0;
    size_t start = i + 3, end = start;
    while (end < uri.len && uri.p[end] != '/' && uri.p[end] != '?' && uri.p[end] != '#')
        end++;
    der_span authority = span_of(uri.p + start, end - start);
    const uint8_t *at = find_byte(authority, '@');
    if (at != NULL)
        authority = span_of(at + 1, (size_t)(authority.p + authority.len - at - 1));
    const uint8_t *colon = find_byte(authority, ':');
    if (colon != NULL)
        authority.len = (size_t)(colon - authority.p);
    if (authority.len == 0)
        return 0;
    *host = authority;
    return 1;
}

/* For URIs a subtree without a leading dot names one host exactly. */
static int uri_within(der_span uri, der_span base)
{
    der_span host;
    if (!uri_host(uri, &host))
        return NAME_MALFORMED;
    return host_within(host, base, 1);
}

/* An iPAddress subtree is an address followed by a mask of the same size. */
static int ip_within(der_span addr, der_span base)
{
    if (addr.len != 4 && addr.len != 16)
        return NAME_MALFORMED;
    if (base.len != 8 && base.len != 32)
        return NAME_MALFORMED;
    if (base.len != 2 * addr.len)
        return NAME_OUTSIDE;
    const uint8_t *net = base.p, *mask = base.p + addr.len;
    for (size_t i = 0; i < addr.len; i++)
        if ((addr.p[i] & mask[i]) != (net[i] & mask[i]))
            return NAME_OUTSIDE;
    return NAME_INSIDE;
}

/* A directoryName subtree covers the names that begin with its RDNs. */
static int dirname_within(der_span name, der_span base)
{
    der_cursor nc, bc, name_rdns, base_rdns;
    mintls_der_init(&nc, name.p, name.len);
    mintls_der_init(&bc, base.p, base.len);
    if (!mintls_der_read_sequence(&nc, &name_rdns) || !mintls_der_read_sequence(&bc, &base_rdns))
        return NAME_MALFORMED;
    while (mintls_der_remaining(&base_rdns) > 0) {
        unsigned base_tag, name_tag;
        der_span base_rdn, name_rdn, unused;
        if (!mintls_der_read_tlv(&base_rdns, &base_tag, &unused, &base_rdn))
            return NAME_MALFORMED;
        if (mintls_der_remaining(&name_rdns) == 0)
            return NAME_OUTSIDE;
        if (!mintls_der_read_tlv(&name_rdns, &name_tag, &unused, &name_rdn))
            return NAME_MALFORMED;
        if (base_rdn.len != name_rdn.len || memcmp(base_rdn.p, name_rdn.p, base_rdn.len) != 0)
            return NAME_OUTSIDE;
    }
    return NAME_INSIDE;
}

static int name_within(unsigned form, der_span name, der_span base)
{
    switch (form) {
    case X509_GN_DNS:
        return dns_within(name, base);
    case X509_GN_EMAIL:
        return email_within(name, base);
    case X509_GN_URI:
        return uri_within(name, base);
    case X509_GN_IP:
        return ip_within(name, base);
    case X509_GN_DIRNAME:
        return dirname_within(name, base);
    default:
        return FORM_UNSUPPORTED;
    }
}

static int problem_code(int relation)
{
    return relation == FORM_UNSUPPORTED ? MINTLS_X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE
                                        : MINTLS_X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
}

/* One name of `form` against every subtree of that form `ca` lists. */
static int check_name(const x509_cert *ca, unsigned form, der_span name)
{
    int permitted_listed = 0, permitted_hit = 0;
    for (size_t i = 0; i < ca->nc_permitted.count && !permitted_hit; i++) {
        const x509_general_name *t = &ca->nc_permitted.items[i];
        if (t->type != form)
            continue;
        permitted_listed = 1;
        int r = name_within(form, name, t->value);
        if (r < 0)
            return problem_code(r);
        permitted_hit = r == NAME_INSIDE;
    }
    if (permitted_listed && !permitted_hit)
        return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
    for (size_t i = 0; i < ca->nc_excluded.count; i++) {
        const x509_general_name *t = &ca->nc_excluded.items[i];
        if (t->type != form)
            continue;
        int r = name_within(form, name, t->value);
        if (r < 0)
            return problem_code(r);
        if (r == NAME_INSIDE)
            return MINTLS_X509_V_ERR_EXCLUDED_VIOLATION;
    }
    return MINTLS_X509_V_OK;
}

/* Letters, digits, '-' and '_' in dot-separated labels, at least two of
 * them: a CN that reads as a host name rather than as a person's name. */
static int reads_as_host_name(der_span v)
{
    size_t label = 0, dots = 0;
    for (size_t i = 0; i < v.len; i++) {
        uint8_t ch = v.p[i];
        if (ch == '.') {
            if (label == 0)
                return 0;
            dots++;
            label = 0;
            continue;
        }
        int letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        int digit = ch >= '0' && ch <= '9';
        if (!letter && !digit && ch != '-' && ch != '_')
            return 0;
        label++;
    }
    return dots > 0 && label > 0;
}

int mintls_x509_name_constraints_check(const x509_cert *cert, const x509_cert *nc_holder,
                                       int check_cn)
{
    int err;
    if (cert->subject.count > 0 &&
        (err = check_name(nc_holder, X509_GN_DIRNAME, cert->subject.der)) != MINTLS_X509_V_OK)
        return err;
    for (size_t i = 0; i < cert->subject.count; i++) {
        const x509_name_attr *a = &cert->subject.attrs[i];
        if (a->nid == NID_pkcs9_emailAddress &&
            (err = check_name(nc_holder, X509_GN_EMAIL, a->value)) != MINTLS_X509_V_OK)
            return err;
    }
    for (size_t i = 0; i < cert->san.count; i++) {
        const x509_general_name *g = &cert->san.items[i];
        if ((err = check_name(nc_holder, g->type, g->value)) != MINTLS_X509_V_OK)
            return err;
    }
    for (size_t i = 0; check_cn && i < cert->subject.count; i++) {
        const x509_name_attr *a = &cert->subject.attrs[i];
        if (a->nid == NID_commonName && reads_as_host_name(a->value) &&
            (err = check_name(nc_holder, X509_GN_DNS, a->value)) != MINTLS_X509_V_OK)
            return err;
    }
    return MINTLS_X509_V_OK;
}
