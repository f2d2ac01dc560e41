/*
 * The running handshake transcript hash (RFC 8446 4.4.1).
 *
 * A client sends its ClientHello before it knows the cipher suite, and so
 * before it knows which hash the transcript uses: until
 * mintls_transcript_set_hash() the transcript keeps the handshake bytes
 * themselves (a ClientHello, rarely more), then hashes them and from then
 * on keeps only the hash state (an EVP_MD_CTX).
 *
 * Snapshots (the hash "up to here") copy the state with EVP_MD_CTX_copy_ex
 * and finish the copy, so the running hash is never disturbed.
 */
#ifndef MINTLS_TRANSCRIPT_H
#define MINTLS_TRANSCRIPT_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

/* Handshake type of the synthetic message that replaces ClientHello1 after
 * a HelloRetryRequest (RFC 8446 4.4.1). */
#define MINTLS_HS_MESSAGE_HASH 254

typedef struct {
    EVP_MD_CTX *md_ctx;  /* NULL until the hash is known */
    uint8_t *buf;        /* handshake bytes kept until then */
    size_t buf_len, buf_cap;
} mintls_transcript;

/* Empty, no hash chosen, nothing allocated. */
void mintls_transcript_init(mintls_transcript *t);
/* Frees everything (and wipes the kept bytes). */
void mintls_transcript_clear(mintls_transcript *t);

/* Adds whole handshake messages (header included). Kept as bytes until a
 * hash is chosen, hashed afterwards. */
int mintls_transcript_update(mintls_transcript *t, const uint8_t *msg, size_t len);
/* Chooses the hash (once): hashes the kept bytes and frees them. */
int mintls_transcript_set_hash(mintls_transcript *t, const EVP_MD *md);
/* The chosen hash, or NULL. */
const EVP_MD *mintls_transcript_md(const mintls_transcript *t);

/* Transcript-Hash of everything added so far; out has EVP_MAX_MD_SIZE room.
 * Needs a hash chosen. The running hash goes on unchanged. */
int mintls_transcript_hash(const mintls_transcript *t, uint8_t *out, size_t *out_len);
/*
 * The hash, under md, of everything added so far followed by extra (not
 * added): for PSK binders, which cover a ClientHello truncated before the
 * binders, whether or not the transcript's own hash is chosen yet (with one
 * chosen, md must be it).
 */
int mintls_transcript_hash_with(const mintls_transcript *t, const EVP_MD *md,
                                const uint8_t *extra, size_t extra_len, uint8_t *out,
                                size_t *out_len);

/*
 * After a HelloRetryRequest: replaces the transcript so far (which must be
 * ClientHello1 alone) with
 *     message_hash (254) || 00 00 Hash.length || Hash(ClientHello1)
 * and goes on from there (the HelloRetryRequest is added next). Needs a
 * hash chosen.
 */
int mintls_transcript_hello_retry(mintls_transcript *t);

#endif
