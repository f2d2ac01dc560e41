/* Strict DER reader and writer (ITU-T X.690, DER rules of section 10). */
#include "internal/der.h"

#include <stdlib.h>
#include <string.h>

void mintls_der_init(der_cursor *c, const uint8_t *p, size_t len) {
  c->p = p;
  c->len = p != NULL ? len : 0;
  c->depth = 0;
}

size_t mintls_der_remaining(const der_cursor *c) { return c->len; }

int mintls_der_expect_end(const der_cursor *c) { return c->len == 0; }

int mintls_der_peek_tag(const der_cursor *c, unsigned *out_tag) {
  if (c->len == 0)
    return 0;
  *out_tag = c->p[0];
  return 1;
}

/*
 * X.690 8.1.2: identifier octets; 8.1.3 + 10.1: the length in the definite
 * form, in the fewest octets. The only place that checks bounds.
 */
int mintls_der_read_tlv(der_cursor *c, unsigned *out_tag, der_span *out_value, der_span *out_whole) {
  size_t hdr, len, i, nbytes;
  unsigned tag;

  if (c->len < 2)
    return 0;
  tag = c->p[0];
  if ((tag & 0x1fu) == 0x1fu)
    return 0; /* high tag numbers are not used by anything we parse */
  if (c->p[1] < 0x80) {
    len = c->p[1];
    hdr = 2;
  } else {
    nbytes = c->p[1] & 0x7fu;
    if (nbytes == 0 || nbytes > sizeof(size_t) || nbytes > 4)
      return 0; /* 0x80 is the indefinite form; over 4 GB is never valid here */
    if (c->len - 2 < nbytes)
      return 0;
    if (c->p[2] == 0)
      return 0; /* leading zero length octet */
    len = 0;
    for (i = 0; i < nbytes; i++)
      len = (len << 8) | c->p[2 + i];
    if (len < 0x80)
      return 0; /* long form for a short length */
    hdr = 2 + nbytes;
  }
  if (c->len - hdr < len)
    return 0;
  /* Universal constructed-ness must match the type (no constructed strings). */
  if ((tag & 0xc0u) == 0) {
    unsigned num = tag & 0x1fu;
    int cons = (tag & DER_CONSTRUCTED) != 0;
    if ((num == 0x10 || num == 0x11) != cons)
      return 0;
  }
  *out_tag = tag;
  out_value->p = c->p + hdr;
  out_value->len = len;
  if (out_whole != NULL) {
    out_whole->p = c->p;
    out_whole->len = hdr + len;
  }
  c->p += hdr + len;
  c->len -= hdr + len;
  return 1;
}

int mintls_der_read_tag_whole(der_cursor *c, unsigned tag, der_span *out_value, der_span *out_whole) {
  der_cursor save = *c;
  unsigned got;
  if (!mintls_der_read_tlv(c, &got, out_value, out_whole))
    return 0;
  if (got != tag) {
    *c = save;
    return 0;
  }
  return 1;
}

int mintls_der_read_tag(der_cursor *c, unsigned tag, der_span *out_value) {
  return mintls_der_read_tag_whole(c, tag, out_value, NULL);
}

int mintls_der_read_constructed(der_cursor *c, unsigned tag, der_cursor *out_sub) {
  der_span v;
  if ((tag & DER_CONSTRUCTED) == 0 || c->depth + 1 > DER_MAX_DEPTH)
    return 0;
  if (!mintls_der_read_tag(c, tag, &v))
    return 0;
  out_sub->p = v.p;
  out_sub->len = v.len;
  out_sub->depth = c->depth + 1;
  return 1;
}

int mintls_der_read_sequence(der_cursor *c, der_cursor *out_sub) {
  return mintls_der_read_constructed(c, DER_TAG_SEQUENCE, out_sub);
}

int mintls_der_read_set(der_cursor *c, der_cursor *out_sub) {
  return mintls_der_read_constructed(c, DER_TAG_SET, out_sub);
}

int mintls_der_skip(der_cursor *c) {
  unsigned tag;
  der_span v;
  return mintls_der_read_tlv(c, &tag, &v, NULL);
}

/* X.690 8.3.2: the first nine bits of an INTEGER are never all 0 or all 1. */
int mintls_der_integer_valid(der_span v) {
  if (v.len == 0)
    return 0;
  if (v.len > 1) {
    if (v.p[0] == 0x00 && (v.p[1] & 0x80) == 0)
      return 0;
    if (v.p[0] == 0xff && (v.p[1] & 0x80) != 0)
      return 0;
  }
  return 1;
}

int mintls_der_read_integer(der_cursor *c, der_span *out_value) {
  der_cursor save = *c;
  if (!mintls_der_read_tag(c, DER_TAG_INTEGER, out_value))
    return 0;
  if (!mintls_der_integer_valid(*out_value)) {
    *c = save;
    return 0;
  }
  return 1;
}

int mintls_der_read_unsigned_integer(der_cursor *c, der_span *out_magnitude) {
  der_cursor save = *c;
  der_span v;
  if (!mintls_der_read_integer(c, &v))
    return 0;
  if (v.p[0] & 0x80) {
    *c = save;
    return 0;
  }
  if (v.len > 1 && v.p[0] == 0) {
    v.p++;
    v.len--;
  }
  *out_magnitude = v;
  return 1;
}

int mintls_der_read_small_uint(der_cursor *c, uint64_t *out_value) {
  der_cursor save = *c;
  der_span v;
  uint64_t x = 0;
  size_t i;
  if (!mintls_der_read_unsigned_integer(c, &v))
    return 0;
  if (v.len > 8 || (v.len == 8 && (v.p[0] & 0x80))) {
    *c = save;
    return 0;
  }
  for (i = 0; i < v.len; i++)
    x = (x << 8) | v.p[i];
  *out_value = x;
  return 1;
}

/* X.690 11.1: DER encodes TRUE as 0xFF. */
int mintls_der_read_bool(der_cursor *c, int *out_value) {
  der_cursor save = *c;
  der_span v;
  if (!mintls_der_read_tag(c, DER_TAG_BOOLEAN, &v))
    return 0;
  if (v.len != 1 || (v.p[0] != 0x00 && v.p[0] != 0xff)) {
    *c = save;
    return 0;
  }
  *out_value = v.p[0] != 0;
  return 1;
}

int mintls_der_read_null(der_cursor *c) {
  der_cursor save = *c;
  der_span v;
  if (!mintls_der_read_tag(c, DER_TAG_NULL, &v))
    return 0;
  if (v.len != 0) {
    *c = save;
    return 0;
  }
  return 1;
}

/* X.690 8.19.2: subidentifiers in base 128, no leading 0x80 octets. */
int mintls_der_oid_valid(der_span oid) {
  size_t i;
  if (oid.len == 0 || (oid.p[oid.len - 1] & 0x80))
    return 0;
  for (i = 0; i < oid.len; i++) {
    if (oid.p[i] == 0x80 && (i == 0 || (oid.p[i - 1] & 0x80) == 0))
      return 0;
  }
  return 1;
}

int mintls_der_read_oid(der_cursor *c, der_span *out_oid) {
  der_cursor save = *c;
  if (!mintls_der_read_tag(c, DER_TAG_OID, out_oid))
    return 0;
  if (!mintls_der_oid_valid(*out_oid)) {
    *c = save;
    return 0;
  }
  return 1;
}

/* X.690 8.6.2 + 11.2: unused bits 0..7, zero when empty, and zero-valued. */
int mintls_der_bit_string_valid(der_span v, der_span *out_bits, unsigned *out_unused) {
  unsigned unused;
  if (v.len == 0)
    return 0;
  unused = v.p[0];
  if (unused > 7 || (v.len == 1 && unused != 0))
    return 0;
  if (unused != 0 && (v.p[v.len - 1] & ((1u << unused) - 1)) != 0)
    return 0;
  out_bits->p = v.p + 1;
  out_bits->len = v.len - 1;
  *out_unused = unused;
  return 1;
}

int mintls_der_read_bit_string(der_cursor *c, der_span *out_bits, unsigned *out_unused) {
  der_cursor save = *c;
  der_span v;
  if (!mintls_der_read_tag(c, DER_TAG_BIT_STRING, &v))
    return 0;
  if (!mintls_der_bit_string_valid(v, out_bits, out_unused)) {
    *c = save;
    return 0;
  }
  return 1;
}

int mintls_der_read_octet_string(der_cursor *c, der_span *out_value) {
  return mintls_der_read_tag(c, DER_TAG_OCTET_STRING, out_value);
}

int mintls_der_is_string_tag(unsigned tag) {
  switch (tag) {
  case DER_TAG_UTF8_STRING:
  case DER_TAG_PRINTABLE_STRING:
  case DER_TAG_T61_STRING:
  case DER_TAG_IA5_STRING:
  case DER_TAG_UNIVERSAL_STRING:
  case DER_TAG_BMP_STRING:
    return 1;
  default:
    return 0;
  }
}

/* X.680 41.4: PrintableString's character set. */
static int printable_char(uint8_t ch) {
  if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
    return 1;
  return strchr(" '()+,-./:=?", ch) != NULL && ch != 0;
}

int mintls_der_string_valid(unsigned tag, der_span v) {
  size_t i;
  switch (tag) {
  case DER_TAG_PRINTABLE_STRING:
    for (i = 0; i < v.len; i++)
      if (!printable_char(v.p[i]))
        return 0;
    return 1;
  case DER_TAG_IA5_STRING:
    for (i = 0; i < v.len; i++)
      if (v.p[i] & 0x80)
        return 0;
    return 1;
  case DER_TAG_BMP_STRING:
    return (v.len & 1) == 0;
  case DER_TAG_UNIVERSAL_STRING:
    return (v.len & 3) == 0;
  case DER_TAG_UTF8_STRING:
  case DER_TAG_T61_STRING:
    return 1;
  default:
    return 0;
  }
}

int mintls_der_read_string(der_cursor *c, unsigned *out_tag, der_span *out_value) {
  der_cursor save = *c;
  unsigned tag;
  if (!mintls_der_read_tlv(c, &tag, out_value, NULL))
    return 0;
  if (!mintls_der_is_string_tag(tag) || !mintls_der_string_valid(tag, *out_value)) {
    *c = save;
    return 0;
  }
  *out_tag = tag;
  return 1;
}

static int digits(const uint8_t *p, size_t n, unsigned *out) {
  unsigned v = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9')
      return 0;
    v = v * 10 + (unsigned)(p[i] - '0');
  }
  *out = v;
  return 1;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  int64_t era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static unsigned days_in_month(unsigned y, unsigned m) {
  static const uint8_t dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return dim[m - 1];
}

/*
 * RFC 5280 4.1.2.5.1 / 4.1.2.5.2 (X.690 11.7-11.8): UTCTime YYMMDDHHMMSSZ with
 * YY >= 50 meaning 19YY, GeneralizedTime YYYYMMDDHHMMSSZ; seconds present, no
 * fraction, no offset.
 */
int mintls_der_parse_time(unsigned tag, der_span v, int64_t *out_time) {
  unsigned y, mo, d, h, mi, s;
  const uint8_t *p = v.p;
  size_t ylen;

  if (tag == DER_TAG_UTC_TIME)
    ylen = 2;
  else if (tag == DER_TAG_GENERALIZED_TIME)
    ylen = 4;
  else
    return 0;
  if (v.len != ylen + 11 || p[v.len - 1] != 'Z')
    return 0;
  if (!digits(p, ylen, &y) || !digits(p + ylen, 2, &mo) || !digits(p + ylen + 2, 2, &d) ||
      !digits(p + ylen + 4, 2, &h) || !digits(p + ylen + 6, 2, &mi) ||
      !digits(p + ylen + 8, 2, &s))
    return 0;
  if (ylen == 2)
    y += y >= 50 ? 1900 : 2000;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 59)
    return 0;
  *out_time = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + mi * 60 + s;
  return 1;
}

int mintls_der_read_time(der_cursor *c, int64_t *out_time) {
  der_cursor save = *c;
  unsigned tag;
  der_span v;
  if (!mintls_der_read_tlv(c, &tag, &v, NULL))
    return 0;
  if (!mintls_der_parse_time(tag, v, out_time)) {
    *c = save;
    return 0;
  }
  return 1;
}

int mintls_der_read_optional_explicit(der_cursor *c, unsigned n, der_cursor *out_inner,
                               int *out_present) {
  unsigned tag;
  *out_present = 0;
  if (!mintls_der_peek_tag(c, &tag) || tag != DER_CONTEXT_CONS(n))
    return 1;
  if (!mintls_der_read_constructed(c, DER_CONTEXT_CONS(n), out_inner))
    return 0;
  *out_present = 1;
  return 1;
}

int mintls_der_read_optional_tag(der_cursor *c, unsigned tag, der_span *out_value,
                          int *out_present) {
  unsigned got;
  *out_present = 0;
  if (!mintls_der_peek_tag(c, &got) || got != tag)
    return 1;
  if (!mintls_der_read_tag(c, tag, out_value))
    return 0;
  *out_present = 1;
  return 1;
}

static int put_text(char *out, size_t cap, size_t *pos, const char *s) {
  size_t n = strlen(s);
  if (cap - *pos <= n)
    return 0;
  memcpy(out + *pos, s, n + 1);
  *pos += n;
  return 1;
}

static void u64_text(uint64_t v, char buf[24]) {
  char tmp[24];
  size_t n = 0, i;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  buf[n] = 0;
}

int mintls_der_oid_to_text(der_span oid, char *out, size_t out_cap) {
  size_t i, pos = 0;
  uint64_t v = 0;
  int first = 1;
  char num[24];

  if (out_cap == 0 || !mintls_der_oid_valid(oid))
    return 0;
  out[0] = 0;
  for (i = 0; i < oid.len; i++) {
    if (v > (UINT64_MAX >> 7))
      return 0;
    v = (v << 7) | (oid.p[i] & 0x7fu);
    if (oid.p[i] & 0x80)
      continue;
    if (first) {
      /* X.690 8.19.4: the first subidentifier packs the first two arcs. */
      unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
      u64_text(a, num);
      if (!put_text(out, out_cap, &pos, num) || !put_text(out, out_cap, &pos, "."))
        return 0;
      v -= (uint64_t)a * 40;
      first = 0;
    } else if (!put_text(out, out_cap, &pos, ".")) {
      return 0;
    }
    u64_text(v, num);
    if (!put_text(out, out_cap, &pos, num))
      return 0;
    v = 0;
  }
  return 1;
}

int mintls_der_oid_from_text(const char *text, uint8_t *out, size_t out_cap, size_t *out_len) {
  uint64_t arcs0 = 0, v;
  size_t pos = 0, narcs = 0;
  const char *s = text;

  while (1) {
    uint8_t tmp[10];
    size_t n = 0;
    if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9'))
      return 0;
    v = 0;
    while (*s >= '0' && *s <= '9') {
      if (v > (UINT64_MAX - 9) / 10)
        return 0;
      v = v * 10 + (uint64_t)(*s++ - '0');
    }
    narcs++;
    if (narcs == 1) {
      if (v > 2)
        return 0;
      arcs0 = v;
    } else {
      if (narcs == 2) {
        if (arcs0 < 2 && v >= 40)
          return 0;
        if (v > UINT64_MAX - 80)
          return 0;
        v += arcs0 * 40;
      }
      do {
        tmp[n++] = (uint8_t)(v & 0x7f);
        v >>= 7;
      } while (v != 0);
      if (out_cap - pos < n)
        return 0;
      while (n > 0) {
        n--;
        out[pos++] = (uint8_t)(tmp[n] | (n ? 0x80 : 0));
      }
    }
    if (*s == 0)
      break;
    if (*s != '.')
      return 0;
    s++;
  }
  if (narcs < 2)
    return 0;
  *out_len = pos;
  return 1;
}

/* --- writer --- */

void mintls_der_writer_init(der_writer *w, uint8_t *buf, size_t cap) {
  w->buf = buf;
  w->cap = buf != NULL ? cap : 0;
  w->len = 0;
  w->growable = 0;
  w->failed = 0;
}

void mintls_der_writer_init_alloc(der_writer *w) {
  mintls_der_writer_init(w, NULL, 0);
  w->growable = 1;
}

int mintls_der_writer_ok(const der_writer *w) { return !w->failed; }

void mintls_der_writer_cleanup(der_writer *w) {
  if (w->growable)
    free(w->buf);
  w->buf = NULL;
  w->cap = w->len = 0;
}

int mintls_der_writer_finish(der_writer *w, uint8_t **out_buf, size_t *out_len) {
  if (w->failed || !w->growable) {
    mintls_der_writer_cleanup(w);
    return 0;
  }
  if (w->buf == NULL) {
    w->buf = malloc(1);
    if (w->buf == NULL)
      return 0;
  }
  *out_buf = w->buf;
  *out_len = w->len;
  w->buf = NULL;
  w->cap = w->len = 0;
  return 1;
}

/* Makes room for n more bytes. */
static int reserve(der_writer *w, size_t n) {
  size_t ncap;
  uint8_t *nb;
  if (w->failed)
    return 0;
  if (w->cap - w->len >= n)
    return 1;
  if (!w->growable || n > SIZE_MAX / 2 - w->len) {
    w->failed = 1;
    return 0;
  }
  ncap = w->cap ? w->cap : 64;
  while (ncap - w->len < n)
    ncap *= 2;
  nb = realloc(w->buf, ncap);
  if (nb == NULL) {
    w->failed = 1;
    return 0;
  }
  w->buf = nb;
  w->cap = ncap;
  return 1;
}

int mintls_der_add_raw(der_writer *w, const uint8_t *p, size_t len) {
  if (!reserve(w, len))
    return 0;
  if (len)
    memcpy(w->buf + w->len, p, len);
  w->len += len;
  return 1;
}

int mintls_der_begin(der_writer *w, unsigned tag, size_t *out_mark) {
  if ((tag & 0x1fu) == 0x1fu || tag > 0xff || !reserve(w, 2)) {
    w->failed = 1;
    return 0;
  }
  w->buf[w->len++] = (uint8_t)tag;
  w->buf[w->len++] = 0; /* length, filled in by mintls_der_end */
  *out_mark = w->len;
  return 1;
}

int mintls_der_end(der_writer *w, size_t mark) {
  size_t clen, nbytes = 0, t;
  if (w->failed)
    return 0;
  if (mark < 2 || mark > w->len) {
    w->failed = 1;
    return 0;
  }
  clen = w->len - mark;
  if (clen < 0x80) {
    w->buf[mark - 1] = (uint8_t)clen;
    return 1;
  }
  for (t = clen; t != 0; t >>= 8)
    nbytes++;
  if (nbytes > 4 || !reserve(w, nbytes)) {
    w->failed = 1;
    return 0;
  }
  memmove(w->buf + mark + nbytes, w->buf + mark, clen);
  w->buf[mark - 1] = (uint8_t)(0x80 | nbytes);
  for (t = 0; t < nbytes; t++)
    w->buf[mark + t] = (uint8_t)(clen >> (8 * (nbytes - 1 - t)));
  w->len += nbytes;
  return 1;
}

int mintls_der_add_tlv(der_writer *w, unsigned tag, const uint8_t *value, size_t len) {
  size_t mark;
  return mintls_der_begin(w, tag, &mark) && mintls_der_add_raw(w, value, len) && mintls_der_end(w, mark);
}

int mintls_der_add_uint_bytes(der_writer *w, const uint8_t *mag, size_t len) {
  size_t mark;
  static const uint8_t zero = 0;
  while (len > 0 && mag[0] == 0) {
    mag++;
    len--;
  }
  if (!mintls_der_begin(w, DER_TAG_INTEGER, &mark))
    return 0;
  if (len == 0 || (mag[0] & 0x80))
    mintls_der_add_raw(w, &zero, 1);
  mintls_der_add_raw(w, mag, len);
  return mintls_der_end(w, mark);
}

int mintls_der_add_uint64(der_writer *w, uint64_t v) {
  uint8_t b[8];
  int i;
  for (i = 7; i >= 0; i--) {
    b[i] = (uint8_t)v;
    v >>= 8;
  }
  return mintls_der_add_uint_bytes(w, b, 8);
}

int mintls_der_add_oid(der_writer *w, const uint8_t *oid, size_t len) {
  der_span s = {oid, len};
  if (!mintls_der_oid_valid(s)) {
    w->failed = 1;
    return 0;
  }
  return mintls_der_add_tlv(w, DER_TAG_OID, oid, len);
}

int mintls_der_add_octet_string(der_writer *w, const uint8_t *p, size_t len) {
  return mintls_der_add_tlv(w, DER_TAG_OCTET_STRING, p, len);
}

int mintls_der_add_bit_string(der_writer *w, const uint8_t *p, size_t len, unsigned unused) {
  size_t mark;
  uint8_t u = (uint8_t)unused;
  if (unused > 7 || (len == 0 && unused != 0)) {
    w->failed = 1;
    return 0;
  }
  return mintls_der_begin(w, DER_TAG_BIT_STRING, &mark) && mintls_der_add_raw(w, &u, 1) &&
         mintls_der_add_raw(w, p, len) && mintls_der_end(w, mark);
}

int mintls_der_add_null(der_writer *w) { return mintls_der_add_tlv(w, DER_TAG_NULL, NULL, 0); }

int mintls_der_add_bool(der_writer *w, int v) {
  uint8_t b = v ? 0xff : 0x00;
  return mintls_der_add_tlv(w, DER_TAG_BOOLEAN, &b, 1);
}
