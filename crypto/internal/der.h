/*
 * Strict DER (X.690) reading and writing.
 *
 * A der_cursor is a view over a byte span. Every bound check lives in
 * mintls_der_read_tlv(); the typed readers only look at a value span it has already
 * checked. Readers return 1 on success and 0 on any malformed input, and on
 * failure leave the cursor where it was.
 *
 * Tags are single identifier octets (class | constructed | number < 31);
 * high tag numbers are rejected.
 */
#ifndef MINTLS_DER_H
#define MINTLS_DER_H

#include <stddef.h>
#include <stdint.h>

#define DER_MAX_DEPTH 32

/* Identifier octets. */
#define DER_TAG_BOOLEAN 0x01u
#define DER_TAG_INTEGER 0x02u
#define DER_TAG_BIT_STRING 0x03u
#define DER_TAG_OCTET_STRING 0x04u
#define DER_TAG_NULL 0x05u
#define DER_TAG_OID 0x06u
#define DER_TAG_UTF8_STRING 0x0cu
#define DER_TAG_PRINTABLE_STRING 0x13u
#define DER_TAG_T61_STRING 0x14u
#define DER_TAG_IA5_STRING 0x16u
#define DER_TAG_UTC_TIME 0x17u
#define DER_TAG_GENERALIZED_TIME 0x18u
#define DER_TAG_UNIVERSAL_STRING 0x1cu
#define DER_TAG_BMP_STRING 0x1eu
#define DER_TAG_SEQUENCE 0x30u
#define DER_TAG_SET 0x31u
#define DER_CONSTRUCTED 0x20u
#define DER_CLASS_CONTEXT 0x80u
/* [n] IMPLICIT primitive / [n] constructed (EXPLICIT or implicit SEQUENCE). */
#define DER_CONTEXT(n) (DER_CLASS_CONTEXT | (unsigned)(n))
#define DER_CONTEXT_CONS(n) (DER_CLASS_CONTEXT | DER_CONSTRUCTED | (unsigned)(n))

typedef struct {
  const uint8_t *p;
  size_t len;
} der_span;

typedef struct {
  const uint8_t *p;
  size_t len;
  unsigned depth; /* nesting level of this cursor; sub-cursors add one */
} der_cursor;

void mintls_der_init(der_cursor *c, const uint8_t *p, size_t len);
size_t mintls_der_remaining(const der_cursor *c);
/* 1 if no bytes are left. */
int mintls_der_expect_end(const der_cursor *c);
/* The next identifier octet, without consuming; 0 at the end. */
int mintls_der_peek_tag(const der_cursor *c, unsigned *out_tag);

/* Reads any TLV. out_value is the contents; out_whole (may be NULL) the whole TLV. */
int mintls_der_read_tlv(der_cursor *c, unsigned *out_tag, der_span *out_value, der_span *out_whole);
/* Reads a TLV that must carry exactly `tag`. */
int mintls_der_read_tag(der_cursor *c, unsigned tag, der_span *out_value);
/* Like mintls_der_read_tag but also returns the whole TLV span. */
int mintls_der_read_tag_whole(der_cursor *c, unsigned tag, der_span *out_value, der_span *out_whole);
/* Reads a constructed TLV with `tag` and returns a cursor over its contents. */
int mintls_der_read_constructed(der_cursor *c, unsigned tag, der_cursor *out_sub);
int mintls_der_read_sequence(der_cursor *c, der_cursor *out_sub);
int mintls_der_read_set(der_cursor *c, der_cursor *out_sub);
/* Skips one TLV of any tag. */
int mintls_der_skip(der_cursor *c);

/* INTEGER: contents in minimal two's complement (a span, sign bit included). */
int mintls_der_read_integer(der_cursor *c, der_span *out_value);
/* Checks the minimal-encoding rule on an INTEGER contents span (implicit tags). */
int mintls_der_integer_valid(der_span v);
/* A non-negative INTEGER that fits in 63 bits. */
int mintls_der_read_small_uint(der_cursor *c, uint64_t *out_value);
/* A non-negative INTEGER magnitude without the sign-padding zero. */
int mintls_der_read_unsigned_integer(der_cursor *c, der_span *out_magnitude);
int mintls_der_read_bool(der_cursor *c, int *out_value);
int mintls_der_read_null(der_cursor *c);
int mintls_der_read_oid(der_cursor *c, der_span *out_oid);
/* Checks base-128 minimal encoding of OID contents. */
int mintls_der_oid_valid(der_span oid);
/* BIT STRING: out_bits excludes the unused-bits octet. */
int mintls_der_read_bit_string(der_cursor *c, der_span *out_bits, unsigned *out_unused);
int mintls_der_bit_string_valid(der_span v, der_span *out_bits, unsigned *out_unused);
int mintls_der_read_octet_string(der_cursor *c, der_span *out_value);

/* 1 if `tag` is one of the supported string types. */
int mintls_der_is_string_tag(unsigned tag);
/* Checks the character-set rules of a string type on contents `v`. */
int mintls_der_string_valid(unsigned tag, der_span v);
/* Any of the supported string types, validated; out_tag says which. */
int mintls_der_read_string(der_cursor *c, unsigned *out_tag, der_span *out_value);

/* UTCTime or GeneralizedTime, strict DER form, as seconds since 1970. */
int mintls_der_read_time(der_cursor *c, int64_t *out_time);
int mintls_der_parse_time(unsigned tag, der_span v, int64_t *out_time);

/*
 * [n] EXPLICIT: if the next element is [n] constructed, reads it and returns
 * a cursor over its contents with *out_present = 1; if the next element has
 * any other tag (or the cursor is at the end), *out_present = 0 and nothing
 * is consumed.
 */
int mintls_der_read_optional_explicit(der_cursor *c, unsigned n, der_cursor *out_inner,
                               int *out_present);
/* Same for an implicitly tagged element with the full identifier `tag`. */
int mintls_der_read_optional_tag(der_cursor *c, unsigned tag, der_span *out_value,
                          int *out_present);

/* OID contents <-> dotted text ("1.2.840.113549"). */
int mintls_der_oid_to_text(der_span oid, char *out, size_t out_cap);
int mintls_der_oid_from_text(const char *text, uint8_t *out, size_t out_cap, size_t *out_len);

/*
 * Writer. A writer appends to a caller buffer (fixed capacity) or to a
 * growing malloc'd buffer. Any failure (overflow, allocation) sticks: later
 * calls do nothing and mintls_der_writer_ok() returns 0.
 *
 * Nested elements: mintls_der_begin() writes the tag and reserves one length octet;
 * mintls_der_end() fills the length in and, when the contents are 128 bytes or more,
 * moves them up to make room for the long form.
 */
typedef struct {
  uint8_t *buf;
  size_t cap;
  size_t len;
  int growable;
  int failed;
} der_writer;

void mintls_der_writer_init(der_writer *w, uint8_t *buf, size_t cap);
void mintls_der_writer_init_alloc(der_writer *w);
int mintls_der_writer_ok(const der_writer *w);
/* Growable writers: hands the buffer to the caller (free() it). */
int mintls_der_writer_finish(der_writer *w, uint8_t **out_buf, size_t *out_len);
void mintls_der_writer_cleanup(der_writer *w);

int mintls_der_begin(der_writer *w, unsigned tag, size_t *out_mark);
int mintls_der_end(der_writer *w, size_t mark);
int mintls_der_add_tlv(der_writer *w, unsigned tag, const uint8_t *value, size_t len);
int mintls_der_add_raw(der_writer *w, const uint8_t *p, size_t len);
/* INTEGER from a big-endian unsigned magnitude (leading zeros stripped). */
int mintls_der_add_uint_bytes(der_writer *w, const uint8_t *mag, size_t len);
int mintls_der_add_uint64(der_writer *w, uint64_t v);
int mintls_der_add_oid(der_writer *w, const uint8_t *oid, size_t len);
int mintls_der_add_octet_string(der_writer *w, const uint8_t *p, size_t len);
int mintls_der_add_bit_string(der_writer *w, const uint8_t *p, size_t len, unsigned unused);
int mintls_der_add_null(der_writer *w);
int mintls_der_add_bool(der_writer *w, int v);

#endif
