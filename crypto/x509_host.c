/*
 * Identity checks on a certificate (RFC 6125 as OpenSSL 3.0's
 * X509_check_host / X509_check_email / X509_check_ip implement it):
 * subjectAltName entries of the wanted type first; the subject CN (or
 * emailAddress) only when no SAN of that type exists, unless the flags say
 * otherwise. Same return values as OpenSSL: 1 match, 0 none, -1 error,
 * -2 malformed input.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/obj_mac.h>

#include "internal/x509_verify.h"

/* OpenSSL's internal flag: the name asked for starts with '.' (any subdomain). */
#define DOT_SUBDOMAINS 0x8000u

typedef int (*equal_fn)(const uint8_t *pattern, size_t pattern_len, const uint8_t *subject,
                        size_t subject_len, unsigned flags);

static uint8_t lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? (uint8_t)(c - 'A' + 'a') : c; }

static int is_alnum(uint8_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int prefix_nocase(const uint8_t *p, size_t len, const char *pre) {
  size_t n = strlen(pre);
  size_t i;
  if (len < n)
    return 0;
  for (i = 0; i < n; i++)
    if (lower(p[i]) != (uint8_t)pre[i])
      return 0;
  return 1;
}

/*
 * With a leading-dot name (".example.test"), a longer certificate name may
 * drop labels on its left so that the rest equals the name.
 */
static void skip_prefix(const uint8_t **pattern, size_t *pattern_len, size_t subject_len,
                        unsigned flags) {
  const uint8_t *p = *pattern;
  size_t len = *pattern_len;
  if ((flags & DOT_SUBDOMAINS) == 0)
    return;
  while (len > subject_len && *p != 0) {
    if ((flags & MINTLS_X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS) && *p == '.')
      break;
    p++;
    len--;
  }
  if (len == subject_len) {
    *pattern = p;
    *pattern_len = len;
  }
}

static int equal_nocase(const uint8_t *pattern, size_t pattern_len, const uint8_t *subject,
                        size_t subject_len, unsigned flags) {
  size_t i;
  skip_prefix(&pattern, &pattern_len, subject_len, flags);
  if (pattern_len != subject_len)
    return 0;
  for (i = 0; i < pattern_len; i++) {
    if (pattern[i] == 0)
      return 0;
    if (lower(pattern[i]) != lower(subject[i]))
      return 0;
  }
  return 1;
}

static int equal_case(const uint8_t *pattern, size_t pattern_len, const uint8_t *subject,
                      size_t subject_len, unsigned flags) {
  skip_prefix(&pattern, &pattern_len, subject_len, flags);
  if (pattern_len != subject_len)
    return 0;
  return pattern_len == 0 || memcmp(pattern, subject, pattern_len) == 0;
}

/* Local part case-sensitive, domain (from the last '@') case-insensitive. */
static int equal_email(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                       unsigned flags) {
  size_t i = a_len;
  (void)flags;
  if (a_len != b_len)
    return 0;
  while (i > 0) {
    --i;
    if (a[i] == '@' || b[i] == '@') {
      if (!equal_nocase(a + i, a_len - i, b + i, a_len - i, 0))
        return 0;
      break;
    }
  }
  if (i == 0)
    i = a_len;
  return equal_case(a, i, b, i, 0);
}

#define LABEL_START 1
#define LABEL_IDNA 2
#define LABEL_HYPHEN 4

/*
 * The one wildcard a pattern may carry: in the first label, at its start or
 * its end, not in an A-label ("xn--"), with at least two more labels.
 */
static const uint8_t *valid_star(const uint8_t *p, size_t len, unsigned flags) {
  const uint8_t *star = NULL;
  int state = LABEL_START;
  int dots = 0;
  size_t i;
  for (i = 0; i < len; i++) {
    if (p[i] == '*') {
      int atstart = (state & LABEL_START) != 0;
      int atend = i == len - 1 || p[i + 1] == '.';
      if (star != NULL || (state & LABEL_IDNA) != 0 || dots)
        return NULL;
      if ((flags & MINTLS_X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS) && (!atstart || !atend))
        return NULL;
      if (!atstart && !atend)
        return NULL;
      star = &p[i];
      state &= ~LABEL_START;
    } else if (is_alnum(p[i])) {
      if ((state & LABEL_START) != 0 && prefix_nocase(p + i, len - i, "xn--"))
        state |= LABEL_IDNA;
      state &= ~(LABEL_HYPHEN | LABEL_START);
    } else if (p[i] == '.') {
      if ((state & (LABEL_HYPHEN | LABEL_START)) != 0)
        return NULL;
      state = LABEL_START;
      ++dots;
    } else if (p[i] == '-') {
      if ((state & LABEL_START) != 0)
        return NULL;
      state |= LABEL_HYPHEN;
    } else {
      return NULL;
    }
  }
  if ((state & (LABEL_START | LABEL_HYPHEN)) != 0 || dots < 2)
    return NULL;
  return star;
}

static int wildcard_match(const uint8_t *prefix, size_t prefix_len, const uint8_t *suffix,
                          size_t suffix_len, const uint8_t *subject, size_t subject_len,
                          unsigned flags) {
  const uint8_t *start, *end, *p;
  int allow_multi = 0, allow_idna = 0;
  if (subject_len < prefix_len + suffix_len)
    return 0;
  if (!equal_nocase(prefix, prefix_len, subject, prefix_len, flags))
    return 0;
  start = subject + prefix_len;
  end = subject + (subject_len - suffix_len);
  if (!equal_nocase(end, suffix_len, suffix, suffix_len, flags))
    return 0;
  /* A whole-label '*' must match at least one character. */
  if (prefix_len == 0 && suffix_len > 0 && *suffix == '.') {
    if (start == end)
      return 0;
    allow_idna = 1;
    if (flags & MINTLS_X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS)
      allow_multi = 1;
  }
  /* A partial wildcard never matches an A-label. */
  if (!allow_idna && prefix_nocase(subject, subject_len, "xn--"))
    return 0;
  if (end == start + 1 && *start == '*')
    return 1;
  for (p = start; p != end; ++p)
    if (!(is_alnum(*p) || *p == '-' || (allow_multi && *p == '.')))
      return 0;
  return 1;
}

static int equal_wildcard(const uint8_t *pattern, size_t pattern_len, const uint8_t *subject,
                          size_t subject_len, unsigned flags) {
  const uint8_t *star = NULL;
  /* A leading-dot name matches wildcards only through the suffix rule. */
  if (!(subject_len > 1 && subject[0] == '.'))
    star = valid_star(pattern, pattern_len, flags);
  if (star == NULL)
    return equal_nocase(pattern, pattern_len, subject, subject_len, flags);
  return wildcard_match(pattern, (size_t)(star - pattern), star + 1,
                        (size_t)((pattern + pattern_len) - star - 1), subject, subject_len, flags);
}

static void put_utf8(uint8_t *out, size_t *n, uint32_t c) {
  if (c < 0x80) {
    out[(*n)++] = (uint8_t)c;
  } else if (c < 0x800) {
    out[(*n)++] = (uint8_t)(0xc0 | (c >> 6));
    out[(*n)++] = (uint8_t)(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    out[(*n)++] = (uint8_t)(0xe0 | (c >> 12));
    out[(*n)++] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
    out[(*n)++] = (uint8_t)(0x80 | (c & 0x3f));
  } else {
    out[(*n)++] = (uint8_t)(0xf0 | (c >> 18));
    out[(*n)++] = (uint8_t)(0x80 | ((c >> 12) & 0x3f));
    out[(*n)++] = (uint8_t)(0x80 | ((c >> 6) & 0x3f));
    out[(*n)++] = (uint8_t)(0x80 | (c & 0x3f));
  }
}

/* ASN1_STRING_to_UTF8 for the directory string types: malloc'd, or NULL. */
static uint8_t *string_to_utf8(unsigned tag, der_span v, size_t *out_len) {
  uint8_t *out = malloc(v.len * 4 + 1);
  size_t n = 0, i;
  if (out == NULL)
    return NULL;
  switch (tag) {
  case DER_TAG_BMP_STRING:
    if (v.len % 2) {
      free(out);
      return NULL;
    }
    for (i = 0; i < v.len; i += 2)
      put_utf8(out, &n, (uint32_t)v.p[i] << 8 | v.p[i + 1]);
    break;
  case DER_TAG_UNIVERSAL_STRING:
    if (v.len % 4) {
      free(out);
      return NULL;
    }
    for (i = 0; i < v.len; i += 4)
      put_utf8(out, &n,
               (uint32_t)v.p[i] << 24 | (uint32_t)v.p[i + 1] << 16 | (uint32_t)v.p[i + 2] << 8 |
                   v.p[i + 3]);
    break;
  case DER_TAG_T61_STRING: /* OpenSSL reads T61String as Latin-1 */
    for (i = 0; i < v.len; i++)
      put_utf8(out, &n, v.p[i]);
    break;
  default:
    if (v.len)
      memcpy(out, v.p, v.len);
    n = v.len;
    break;
  }
  out[n] = 0;
  *out_len = n;
  return out;
}

static int set_peername(char **peername, const uint8_t *p, size_t len) {
  char *s;
  if (peername == NULL)
    return 1;
  s = malloc(len + 1);
  if (s == NULL)
    return -1;
  if (len)
    memcpy(s, p, len);
  s[len] = 0;
  free(*peername);
  *peername = s;
  return 1;
}

/* The common walk of X509_check_host / _email / _ip. */
static int do_check(const x509_cert *cert, const uint8_t *chk, size_t chklen, unsigned flags,
                    unsigned type, char **peername) {
  equal_fn equal;
  int cnid = NID_undef;
  int san_present = 0;
  size_t i;

  flags &= ~DOT_SUBDOMAINS;
  if (type == X509_GN_EMAIL) {
    cnid = NID_pkcs9_emailAddress;
    equal = equal_email;
  } else if (type == X509_GN_DNS) {
    cnid = NID_commonName;
    if (chklen > 1 && chk[0] == '.')
      flags |= DOT_SUBDOMAINS;
    equal = (flags & MINTLS_X509_CHECK_FLAG_NO_WILDCARDS) ? equal_nocase : equal_wildcard;
  } else {
    equal = equal_case;
  }

  if (cert->has & X509_HAS_SAN) {
    for (i = 0; i < cert->san.count; i++) {
      const x509_general_name *g = &cert->san.items[i];
      int rv;
      if (g->type != type)
        continue;
      san_present = 1;
      if (g->value.len == 0)
        continue;
      if (type == X509_GN_IP)
        rv = g->value.len == chklen && memcmp(g->value.p, chk, chklen) == 0;
      else
        rv = equal(g->value.p, g->value.len, chk, chklen, flags);
      if (rv > 0)
        return set_peername(peername, g->value.p, g->value.len);
    }
    if (san_present && !(flags & MINTLS_X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT))
      return 0;
  }
  if (cnid == NID_undef || (flags & MINTLS_X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
    return 0;
  for (i = 0; i < cert->subject.count; i++) {
    const x509_name_attr *a = &cert->subject.attrs[i];
    size_t len;
    uint8_t *s;
    int rv;
    if (a->nid != cnid || a->value.len == 0)
      continue;
    s = string_to_utf8(a->tag, a->value, &len);
    if (s == NULL)
      return -1;
    rv = equal(s, len, chk, chklen, flags);
    if (rv > 0)
      rv = set_peername(peername, s, len);
    free(s);
    if (rv != 0)
      return rv;
  }
  return 0;
}

/* Embedded NULs are refused, except one final NUL counted in the length. */
static int trim_name(const char *name, size_t *len) {
  if (*len == 0)
    *len = strlen(name);
  else if (memchr(name, 0, *len > 1 ? *len - 1 : *len) != NULL)
    return 0;
  if (*len > 1 && name[*len - 1] == 0)
    --*len;
  return 1;
}

int mintls_x509_check_host(const x509_cert *cert, const char *name, size_t name_len,
                           unsigned flags, char **peername) {
  if (peername != NULL)
    *peername = NULL;
  if (cert == NULL || name == NULL)
    return -2;
  if (!trim_name(name, &name_len))
    return -2;
  return do_check(cert, (const uint8_t *)name, name_len, flags, X509_GN_DNS, peername);
}

int mintls_x509_check_email(const x509_cert *cert, const char *email, size_t email_len,
                            unsigned flags) {
  if (cert == NULL || email == NULL)
    return -2;
  if (!trim_name(email, &email_len))
    return -2;
  return do_check(cert, (const uint8_t *)email, email_len, flags, X509_GN_EMAIL, NULL);
}

int mintls_x509_check_ip(const x509_cert *cert, const uint8_t *ip, size_t ip_len,
                         unsigned flags) {
  if (cert == NULL || ip == NULL)
    return -2;
  return do_check(cert, ip, ip_len, flags, X509_GN_IP, NULL);
}

int mintls_x509_check_ip_asc(const x509_cert *cert, const char *ipasc, unsigned flags) {
  uint8_t ip[16];
  size_t len;
  if (cert == NULL || ipasc == NULL)
    return -2;
  len = mintls_x509_ip_from_text(ip, ipasc);
  if (len == 0)
    return -2;
  return do_check(cert, ip, len, flags, X509_GN_IP, NULL);
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Dotted quad: four decimal numbers 0..255, then the end (or white space). */
static int ipv4_from_text(uint8_t out[4], const char *s, const char **out_end) {
  int part;
  for (part = 0; part < 4; part++) {
    unsigned v = 0;
    int digits = 0;
    if (part > 0) {
      if (*s != '.')
        return 0;
      s++;
    }
    while (*s >= '0' && *s <= '9') {
      v = v * 10 + (unsigned)(*s - '0');
      if (v > 255)
        return 0;
      s++;
      digits++;
    }
    if (digits == 0)
      return 0;
    out[part] = (uint8_t)v;
  }
  *out_end = s;
  return 1;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* RFC 4291 2.2: hex groups, at most one "::", an optional final dotted quad. */
static int ipv6_from_text(uint8_t out[16], const char *s) {
  uint8_t head[16], tail[16];
  size_t nhead = 0, ntail = 0;
  int have_gap = 0;
  uint8_t *cur = head;
  size_t *ncur = &nhead;

  if (s[0] == ':') {
    if (s[1] != ':')
      return 0;
    have_gap = 1;
    cur = tail;
    ncur = &ntail;
    s += 2;
    if (*s == 0)
      goto done;
  }
  for (;;) {
    const char *end;
    unsigned v = 0;
    int digits = 0;
    /* A dotted quad may end the address. */
    if (nhead + ntail <= 12 && ipv4_from_text(cur + *ncur, s, &end) && *end == 0) {
      *ncur += 4;
      break;
    }
    while (hexval(*s) >= 0) {
      v = v << 4 | (unsigned)hexval(*s);
      s++;
      if (++digits > 4)
        return 0;
    }
    if (digits == 0 || nhead + ntail + 2 > 16)
      return 0;
    cur[(*ncur)++] = (uint8_t)(v >> 8);
    cur[(*ncur)++] = (uint8_t)v;
    if (*s == 0)
      break;
    if (*s != ':')
      return 0;
    s++;
    if (*s == ':') {
      if (have_gap)
        return 0;
      have_gap = 1;
      cur = tail;
      ncur = &ntail;
      s++;
      if (*s == 0)
        break;
    }
  }
done:
  if (have_gap) {
    if (nhead + ntail > 14)
      return 0;
  } else if (nhead != 16) {
    return 0;
  }
  memset(out, 0, 16);
  memcpy(out, head, nhead);
  memcpy(out + 16 - ntail, tail, ntail);
  return 1;
}

size_t mintls_x509_ip_from_text(uint8_t out[16], const char *text) {
  const char *end;
  if (text == NULL)
    return 0;
  if (strchr(text, ':') != NULL)
    return ipv6_from_text(out, text) ? 16 : 0;
  if (!ipv4_from_text(out, text, &end) || !(*end == 0 || is_space(*end)))
    return 0;
  return 4;
}
