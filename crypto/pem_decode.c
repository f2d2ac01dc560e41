/* PEM blocks (RFC 7468) and strict base64 (RFC 4648 section 4). */
#include "internal/pem.h"

#include <stdlib.h>
#include <string.h>

static const char kBegin[] = "-----BEGIN ";
static const char kEnd[] = "-----END ";
static const char kDashes[] = "-----";

void mintls_pem_iter_init(pem_iter *it, const char *text, size_t len) {
  it->text = text;
  it->len = text != NULL ? len : 0;
  it->pos = 0;
}

static int starts_with(const char *p, size_t len, const char *s) {
  size_t n = strlen(s);
  return len >= n && memcmp(p, s, n) == 0;
}

/* End of the line starting at `pos` (index of '\n' or len). */
static size_t line_end(const char *t, size_t len, size_t pos) {
  while (pos < len && t[pos] != '\n')
    pos++;
  return pos;
}

/* Trims trailing CR/space/tab from [b, e). */
static size_t trim_end(const char *t, size_t b, size_t e) {
  while (e > b && (t[e - 1] == '\r' || t[e - 1] == ' ' || t[e - 1] == '\t'))
    e--;
  return e;
}

/* RFC 7468 section 3: label = printable, no '-' at the ends. */
static int label_ok(const char *p, size_t n) {
  size_t i;
  if (n > 0 && (p[0] == '-' || p[n - 1] == '-'))
    return 0;
  for (i = 0; i < n; i++)
    if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
      return 0;
  return 1;
}

pem_status mintls_pem_next(pem_iter *it, pem_block *out_block) {
  const char *t = it->text;
  size_t len = it->len, pos = it->pos, le, lab, lab_end, body, e;

  /* Find a line that begins with "-----BEGIN ". */
  for (;;) {
    if (pos >= len) {
      it->pos = len;
      return PEM_ERR_NO_START_LINE;
    }
    le = line_end(t, len, pos);
    if (starts_with(t + pos, le - pos, kBegin))
      break;
    pos = le + 1;
  }
  it->pos = le < len ? le + 1 : len;
  e = trim_end(t, pos, le);
  lab = pos + sizeof(kBegin) - 1;
  if (e < lab + 5 || memcmp(t + e - 5, kDashes, 5) != 0)
    return PEM_ERR_BAD_HEADER;
  lab_end = e - 5;
  if (!label_ok(t + lab, lab_end - lab))
    return PEM_ERR_BAD_HEADER;
  body = it->pos;

  /* RFC 1421 legacy headers: "Name: value" lines, then an empty line. */
  {
    size_t p = body, l = line_end(t, len, p);
    if (p < len && memchr(t + p, ':', l - p) != NULL) {
      int encrypted = 0;
      while (p < len) {
        l = line_end(t, len, p);
        if (trim_end(t, p, l) == p)
          break; /* blank line ends the headers */
        if (starts_with(t + p, l - p, kEnd))
          return PEM_ERR_BAD_HEADER;
        if (starts_with(t + p, l - p, "Proc-Type:")) {
          size_t q;
          for (q = p; q + 9 <= l; q++)
            if (memcmp(t + q, "ENCRYPTED", 9) == 0)
              encrypted = 1;
        }
        p = l + 1;
      }
      if (encrypted)
        return PEM_ERR_ENCRYPTED;
      if (p >= len)
        return PEM_ERR_NO_END_LINE;
      body = p;
    }
  }

  /* Find "-----END <same label>-----". */
  pos = body;
  while (pos < len) {
    le = line_end(t, len, pos);
    if (starts_with(t + pos, le - pos, kEnd)) {
      size_t ee = trim_end(t, pos, le), elab = pos + sizeof(kEnd) - 1;
      if (ee < elab || ee - elab != (lab_end - lab) + 5 || memcmp(t + elab, t + lab, lab_end - lab) != 0 ||
          memcmp(t + ee - 5, kDashes, 5) != 0)
        return PEM_ERR_NO_END_LINE; /* END with another label */
      out_block->label = t + lab;
      out_block->label_len = lab_end - lab;
      out_block->b64 = t + body;
      out_block->b64_len = pos - body;
      it->pos = le < len ? le + 1 : len;
      return PEM_OK;
    }
    if (starts_with(t + pos, le - pos, kBegin))
      return PEM_ERR_NO_END_LINE;
    pos = le + 1;
  }
  return PEM_ERR_NO_END_LINE;
}

int mintls_pem_label_is(const pem_block *b, const char *label) {
  size_t n = strlen(label);
  return b->label_len == n && memcmp(b->label, label, n) == 0;
}

size_t mintls_pem_decoded_max(size_t b64_len) { return b64_len / 4 * 3 + 3; }

static int b64_value(unsigned char ch) {
  if (ch >= 'A' && ch <= 'Z')
    return ch - 'A';
  if (ch >= 'a' && ch <= 'z')
    return ch - 'a' + 26;
  if (ch >= '0' && ch <= '9')
    return ch - '0' + 52;
  if (ch == '+')
    return 62;
  if (ch == '/')
    return 63;
  return -1;
}

static int is_space(unsigned char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

pem_status mintls_pem_base64_decode(const char *b64, size_t b64_len, uint8_t *out, size_t out_cap,
                             size_t *out_len) {
  uint32_t acc = 0;
  size_t i, n = 0, quad = 0, pad = 0;

  for (i = 0; i < b64_len; i++) {
    unsigned char ch = (unsigned char)b64[i];
    int v;
    if (is_space(ch))
      continue;
    if (ch == '=') {
      /* Padding only in the last two places of the last quantum. */
      if (quad < 2 || pad + quad >= 4)
        return PEM_ERR_BAD_BASE64;
      pad++;
      if (quad + pad == 4)
        break;
      continue;
    }
    if (pad != 0)
      return PEM_ERR_BAD_BASE64;
    v = b64_value(ch);
    if (v < 0)
      return PEM_ERR_BAD_BASE64;
    acc = (acc << 6) | (uint32_t)v;
    if (++quad == 4) {
      if (out_cap - n < 3)
        return PEM_ERR_TOO_SMALL;
      out[n++] = (uint8_t)(acc >> 16);
      out[n++] = (uint8_t)(acc >> 8);
      out[n++] = (uint8_t)acc;
      quad = 0;
      acc = 0;
    }
  }
  if (pad != 0) {
    /* Nothing but whitespace may follow the padding. */
    for (i++; i < b64_len; i++)
      if (!is_space((unsigned char)b64[i]))
        return PEM_ERR_BAD_BASE64;
    if (quad + pad != 4)
      return PEM_ERR_BAD_BASE64;
    if (quad == 2) {
      if (acc & 0xf)
        return PEM_ERR_BAD_BASE64; /* non-zero pad bits */
      if (out_cap - n < 1)
        return PEM_ERR_TOO_SMALL;
      out[n++] = (uint8_t)(acc >> 4);
    } else {
      if (acc & 0x3)
        return PEM_ERR_BAD_BASE64;
      if (out_cap - n < 2)
        return PEM_ERR_TOO_SMALL;
      out[n++] = (uint8_t)(acc >> 10);
      out[n++] = (uint8_t)(acc >> 2);
    }
  } else if (quad != 0) {
    return PEM_ERR_BAD_BASE64; /* unpadded tail */
  }
  *out_len = n;
  return PEM_OK;
}

pem_status mintls_pem_next_alloc(pem_iter *it, pem_block *out_block, uint8_t **out_der,
                          size_t *out_len) {
  pem_status st = mintls_pem_next(it, out_block);
  uint8_t *buf;
  if (st != PEM_OK)
    return st;
  buf = malloc(mintls_pem_decoded_max(out_block->b64_len));
  if (buf == NULL)
    return PEM_ERR_NOMEM;
  st = mintls_pem_base64_decode(out_block->b64, out_block->b64_len, buf,
                         mintls_pem_decoded_max(out_block->b64_len), out_len);
  if (st != PEM_OK) {
    free(buf);
    return st;
  }
  *out_der = buf;
  return PEM_OK;
}
