/*
 * Byte cursors for TLS's big-endian, length-prefixed vectors (RFC 8446 3).
 *
 * Reading: a mintls_cursor is a span of bytes still to read. Every bounds
 * check lives in the get_* functions below; a parser only chains them and
 * turns a 0 into a decode_error alert. Nothing is copied: spans and
 * sub-cursors point into the caller's buffer.
 *
 * Writing: a mintls_writer appends to a growable buffer. A length prefix is
 * opened (its bytes reserved) and closed once the contents are written,
 * when its value is filled in; prefixes nest. Errors are sticky: after an
 * allocation failure or a vector too long for its prefix every call fails,
 * so a writer can chain puts and check once (mintls_writer_ok / _finish).
 * Either failure is internal_error: we never build a message we cannot
 * send.
 */
#ifndef MINTLS_TLS_CURSOR_H
#define MINTLS_TLS_CURSOR_H

#include <stddef.h>
#include <stdint.h>

/* A borrowed run of bytes (into a message or the caller's configuration). */
typedef struct {
    const uint8_t *p;
    size_t len;
} mintls_span;

/* ---- reading ------------------------------------------------------------ */

typedef struct {
    const uint8_t *p;
    size_t len; /* bytes left */
} mintls_cursor;

void mintls_cursor_init(mintls_cursor *c, const uint8_t *p, size_t len);
size_t mintls_cursor_remaining(const mintls_cursor *c);
/* The unread bytes, as a span (the cursor is not moved). */
mintls_span mintls_cursor_span(const mintls_cursor *c);

/* Each returns 1, or 0 when too few bytes are left (the cursor is unmoved). */
int mintls_cursor_get_u8(mintls_cursor *c, uint8_t *out);
int mintls_cursor_get_u16(mintls_cursor *c, uint16_t *out);
int mintls_cursor_get_u24(mintls_cursor *c, uint32_t *out);
int mintls_cursor_get_u32(mintls_cursor *c, uint32_t *out);
/* n bytes, borrowed. */
int mintls_cursor_get_span(mintls_cursor *c, size_t n, mintls_span *out);
/* n bytes, copied into out. */
int mintls_cursor_copy(mintls_cursor *c, uint8_t *out, size_t n);
/* A vector with a 1/2/3-byte length prefix, as a cursor over its contents. */
int mintls_cursor_get_u8_prefixed(mintls_cursor *c, mintls_cursor *out_sub);
int mintls_cursor_get_u16_prefixed(mintls_cursor *c, mintls_cursor *out_sub);
int mintls_cursor_get_u24_prefixed(mintls_cursor *c, mintls_cursor *out_sub);
/* 1 when nothing is left: a message or vector must end exactly. */
int mintls_cursor_is_empty(const mintls_cursor *c);

/* ---- writing ------------------------------------------------------------ */

#define MINTLS_WRITER_MAX_DEPTH 8

typedef struct {
    uint8_t *buf;
    size_t len, cap;
    size_t open_at[MINTLS_WRITER_MAX_DEPTH]; /* offset of each open prefix */
    uint8_t open_width[MINTLS_WRITER_MAX_DEPTH];
    int depth;
    int failed;
} mintls_writer;

/* Empty; allocates on the first write. */
void mintls_writer_init(mintls_writer *w);
/* Frees (and wipes) the buffer. */
void mintls_writer_clear(mintls_writer *w);
/* 1 while no write has failed. */
int mintls_writer_ok(const mintls_writer *w);

int mintls_writer_put_u8(mintls_writer *w, uint8_t v);
int mintls_writer_put_u16(mintls_writer *w, uint16_t v);
int mintls_writer_put_u24(mintls_writer *w, uint32_t v);
int mintls_writer_put_u32(mintls_writer *w, uint32_t v);
int mintls_writer_put_bytes(mintls_writer *w, const uint8_t *p, size_t n);
/* Reserves a length prefix of width 1, 2 or 3 bytes. */
int mintls_writer_open(mintls_writer *w, int width);
/* Fills the innermost open prefix; fails if the contents do not fit it. */
int mintls_writer_close(mintls_writer *w);
/* A whole vector at once: prefix of the given width, then p. */
int mintls_writer_put_prefixed(mintls_writer *w, int width, const uint8_t *p, size_t n);
/*
 * Hands over the bytes (the caller frees them with OPENSSL_free) and leaves
 * the writer empty. Fails if a write failed or a prefix is still open.
 */
int mintls_writer_finish(mintls_writer *w, uint8_t **out, size_t *out_len);

#endif
