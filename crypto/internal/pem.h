/*
 * PEM (RFC 7468) block iteration and strict base64 decoding.
 *
 * mintls_pem_next() finds the next "-----BEGIN <label>-----" line, its matching
 * "-----END <label>-----" line, and returns the label and the base64 text in
 * between; text outside blocks is ignored. pem_decode() turns that text into
 * DER.
 */
#ifndef MINTLS_PEM_H
#define MINTLS_PEM_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
  PEM_OK = 1,
  PEM_ERR_NO_START_LINE = 0, /* no (further) BEGIN line in the input */
  PEM_ERR_NO_END_LINE = -1,  /* BEGIN without a matching END */
  PEM_ERR_BAD_BASE64 = -2,
  PEM_ERR_ENCRYPTED = -3, /* legacy "Proc-Type: 4,ENCRYPTED" block: unsupported */
  PEM_ERR_BAD_HEADER = -4, /* malformed BEGIN/END line or legacy header */
  PEM_ERR_TOO_SMALL = -5,  /* caller buffer too small */
  PEM_ERR_NOMEM = -6
} pem_status;

typedef struct {
  const char *text;
  size_t len;
  size_t pos;
} pem_iter;

typedef struct {
  const char *label; /* points into the input, not NUL-terminated */
  size_t label_len;
  const char *b64; /* base64 body (legacy headers already skipped) */
  size_t b64_len;
} pem_block;

void mintls_pem_iter_init(pem_iter *it, const char *text, size_t len);
/* Finds the next block. On an error the iterator moves past the bad BEGIN line. */
pem_status mintls_pem_next(pem_iter *it, pem_block *out_block);

/* Largest decoded size of b64_len characters of base64. */
size_t mintls_pem_decoded_max(size_t b64_len);
/* Strict base64: whitespace ignored, '=' only as final padding, no stray bits. */
pem_status mintls_pem_base64_decode(const char *b64, size_t b64_len, uint8_t *out, size_t out_cap,
                             size_t *out_len);
/* mintls_pem_next + decode into a malloc'd buffer (free() it). */
pem_status mintls_pem_next_alloc(pem_iter *it, pem_block *out_block, uint8_t **out_der,
                          size_t *out_len);
/* 1 if the block's label equals `label`. */
int mintls_pem_label_is(const pem_block *b, const char *label);

/* ---- reading from a BIO (pem_bio.c) ---- */
#include <openssl/types.h>

/* A growing text buffer; it may hold key material, so it is wiped when freed. */
typedef struct {
    char *p; /* NUL-terminated */
    size_t len, cap;
} mintls_text_buf;

int mintls_text_buf_append(mintls_text_buf *t, const char *s, size_t n);
void mintls_text_buf_free(mintls_text_buf *t);

/*
 * Reads lines from bp up to and including the next "-----END " line that
 * follows a "-----BEGIN " line (text before the block is skipped) and leaves
 * them in t. Returns 1 with a block, 0 at the end of the input (t may then
 * hold an unterminated block), -1 when out of memory.
 */
int mintls_pem_bio_read_block(BIO *bp, mintls_text_buf *t);

#endif
