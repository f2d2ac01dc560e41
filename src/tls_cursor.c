/* TLS vector cursors: the only place that checks bounds (see tls_cursor.h). */
#include "tls_cursor.h"

#include <openssl/crypto.h>
#include <string.h>

void mintls_cursor_init(mintls_cursor *c, const uint8_t *p, size_t len)
{
    c->p = p;
    c->len = p != NULL ? len : 0;
}

size_t mintls_cursor_remaining(const mintls_cursor *c)
{
    return c->len;
}

mintls_span mintls_cursor_span(const mintls_cursor *c)
{
    mintls_span s = {c->p, c->len};
    return s;
}

/* Big-endian integer of n (1..4) bytes. */
static int get_be(mintls_cursor *c, size_t n, uint32_t *out)
{
    uint32_t v = 0;
    if (c->len < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | c->p[i];
    c->p += n;
    c->len -= n;
    *out = v;
    return 1;
}

int mintls_cursor_get_u8(mintls_cursor *c, uint8_t *out)
{
    uint32_t v;
    if (!get_be(c, 1, &v))
        return 0;
    *out = (uint8_t)v;
    return 1;
}

int mintls_cursor_get_u16(mintls_cursor *c, uint16_t *out)
{
    uint32_t v;
    if (!get_be(c, 2, &v))
        return 0;
    *out = (uint16_t)v;
    return 1;
}

int mintls_cursor_get_u24(mintls_cursor *c, uint32_t *out)
{
    return get_be(c, 3, out);
}

int mintls_cursor_get_u32(mintls_cursor *c, uint32_t *out)
{
    return get_be(c, 4, out);
}

int mintls_cursor_get_span(mintls_cursor *c, size_t n, mintls_span *out)
{
    if (c->len < n)
        return 0;
    out->p = c->p;
    out->len = n;
    c->p += n;
    c->len -= n;
    return 1;
}

int mintls_cursor_copy(mintls_cursor *c, uint8_t *out, size_t n)
{
    mintls_span s;
    if (!mintls_cursor_get_span(c, n, &s))
        return 0;
    if (n != 0)
        memcpy(out, s.p, n);
    return 1;
}

static int get_prefixed(mintls_cursor *c, size_t width, mintls_cursor *out_sub)
{
    mintls_cursor save = *c;
    uint32_t n;
    mintls_span s;
    if (!get_be(c, width, &n) || !mintls_cursor_get_span(c, n, &s)) {
        *c = save;
        return 0;
    }
    out_sub->p = s.p;
    out_sub->len = s.len;
    return 1;
}

int mintls_cursor_get_u8_prefixed(mintls_cursor *c, mintls_cursor *out_sub)
{
    return get_prefixed(c, 1, out_sub);
}

int mintls_cursor_get_u16_prefixed(mintls_cursor *c, mintls_cursor *out_sub)
{
    return get_prefixed(c, 2, out_sub);
}

int mintls_cursor_get_u24_prefixed(mintls_cursor *c, mintls_cursor *out_sub)
{
    return get_prefixed(c, 3, out_sub);
}

int mintls_cursor_is_empty(const mintls_cursor *c)
{
    return c->len == 0;
}

/* ---- writing ------------------------------------------------------------ */

void mintls_writer_init(mintls_writer *w)
{
    memset(w, 0, sizeof(*w));
}

void mintls_writer_clear(mintls_writer *w)
{
    if (w->buf != NULL)
        OPENSSL_clear_free(w->buf, w->cap);
    mintls_writer_init(w);
}

int mintls_writer_ok(const mintls_writer *w)
{
    return !w->failed;
}

/* Room for n more bytes; the only place the buffer grows. */
static int reserve(mintls_writer *w, size_t n)
{
    if (w->failed)
        return 0;
    if (w->cap - w->len >= n)
        return 1;
    size_t cap = w->cap != 0 ? w->cap : 256;
    while (cap - w->len < n) {
        if (cap > ((size_t)-1) / 2) {
            w->failed = 1;
            return 0;
        }
        cap *= 2;
    }
    /* Not realloc: the old bytes may be key material and are wiped on free. */
    uint8_t *nb = OPENSSL_malloc(cap);
    if (nb == NULL) {
        w->failed = 1;
        return 0;
    }
    if (w->len != 0)
        memcpy(nb, w->buf, w->len);
    if (w->buf != NULL)
        OPENSSL_clear_free(w->buf, w->cap);
    w->buf = nb;
    w->cap = cap;
    return 1;
}

static int put_be(mintls_writer *w, uint32_t v, size_t n)
{
    if (!reserve(w, n))
        return 0;
    for (size_t i = 0; i < n; i++)
        w->buf[w->len + i] = (uint8_t)(v >> (8 * (n - 1 - i)));
    w->len += n;
    return 1;
}

int mintls_writer_put_u8(mintls_writer *w, uint8_t v)
{
    return put_be(w, v, 1);
}

int mintls_writer_put_u16(mintls_writer *w, uint16_t v)
{
    return put_be(w, v, 2);
}

int mintls_writer_put_u24(mintls_writer *w, uint32_t v)
{
    if (v > 0xffffff) {
        w->failed = 1;
        return 0;
    }
    return put_be(w, v, 3);
}

int mintls_writer_put_u32(mintls_writer *w, uint32_t v)
{
    return put_be(w, v, 4);
}

int mintls_writer_put_bytes(mintls_writer *w, const uint8_t *p, size_t n)
{
    if (!reserve(w, n))
        return 0;
    if (n != 0)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
    return 1;
}

int mintls_writer_open(mintls_writer *w, int width)
{
    if (w->failed || width < 1 || width > 3 || w->depth == MINTLS_WRITER_MAX_DEPTH) {
        w->failed = 1;
        return 0;
    }
    size_t at = w->len;
    if (!put_be(w, 0, (size_t)width))
        return 0;
    w->open_at[w->depth] = at;
    w->open_width[w->depth] = (uint8_t)width;
    w->depth++;
    return 1;
}

int mintls_writer_close(mintls_writer *w)
{
    if (w->failed || w->depth == 0) {
        w->failed = 1;
        return 0;
    }
    w->depth--;
    size_t at = w->open_at[w->depth], width = w->open_width[w->depth];
    size_t n = w->len - at - width;
    if (n >> (8 * width) != 0) {
        w->failed = 1; /* longer than the prefix can say */
        return 0;
    }
    for (size_t i = 0; i < width; i++)
        w->buf[at + i] = (uint8_t)(n >> (8 * (width - 1 - i)));
    return 1;
}

int mintls_writer_put_prefixed(mintls_writer *w, int width, const uint8_t *p, size_t n)
{
    return mintls_writer_open(w, width) && mintls_writer_put_bytes(w, p, n) &&
           mintls_writer_close(w);
}

int mintls_writer_finish(mintls_writer *w, uint8_t **out, size_t *out_len)
{
    if (w->failed || w->depth != 0) {
        mintls_writer_clear(w);
        return 0;
    }
    if (!reserve(w, 1)) { /* never hand out NULL, even for nothing */
        mintls_writer_clear(w);
        return 0;
    }
    *out = w->buf;
    *out_len = w->len;
    w->buf = NULL;
    mintls_writer_init(w);
    return 1;
}
