/*
 * The TLS record layer (RFC 8446 section 5; RFC 5246 section 6.2).
 *
 * Reading is a pure function over bytes the caller has buffered:
 * mintls_record_read() looks at the front of the buffer and says one of
 *   - here is a complete record (protected ones decrypted in place, inside
 *     the caller's buffer: no copy),
 *   - need more bytes (and how many in all),
 *   - send this fatal alert (the input is bad),
 *   - the peer sent close_notify, or another alert.
 * It does no I/O and keeps no bytes of its own, so a non-blocking caller
 * simply appends what the BIO gave and calls again.
 *
 * Writing seals one record in the caller's output buffer: header, then the
 * protected body. mintls_record_write_offset() tells where plaintext must sit
 * for sealing in place, so application data can be copied once, straight
 * from the user's buffer into the record.
 *
 * Buffers belong to the caller. The connection allocates its read buffer
 * (MINTLS_RECORD_READ_BUF bytes) when a read needs one and frees it as soon
 * as it holds no unread bytes, and the same for the write buffer once a
 * record is flushed: an idle connection holds no record buffers.
 *
 * Protection is a small interface (mintls_record_protection_ops: seal/open
 * with the sequence number and the record header), one implementation per
 * family. record_tls13_aead.c is TLS 1.3 (AES-GCM and ChaCha20-Poly1305);
 * record_tls12_aead.c is TLS 1.2's explicit-nonce GCM (RFC 5288) and its
 * ChaCha20-Poly1305 (RFC 7905). Installing a direction's keys picks the
 * version's implementation; the framing code here is shared.
 */
#ifndef MINTLS_RECORD_H
#define MINTLS_RECORD_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

/* ---- sizes --------------------------------------------------------------- */

#define MINTLS_RECORD_HEADER_LEN 5
#define MINTLS_RECORD_MAX_PLAINTEXT 16384                     /* 2^14 */
#define MINTLS_TLS13_MAX_CIPHERTEXT (MINTLS_RECORD_MAX_PLAINTEXT + 256)
#define MINTLS_TLS12_MAX_CIPHERTEXT (MINTLS_RECORD_MAX_PLAINTEXT + 2048)
/* A read buffer that holds any one record of either version. */
#define MINTLS_RECORD_READ_BUF (MINTLS_RECORD_HEADER_LEN + MINTLS_TLS12_MAX_CIPHERTEXT)
#define MINTLS_RECORD_MAX_IV 12
#define MINTLS_TLS13_IV_LEN 12
#define MINTLS_RECORD_AEAD_TAG 16

/* ---- content types and alerts (RFC 8446 5.1, 6) -------------------------- */

typedef enum {
    MINTLS_CT_CHANGE_CIPHER_SPEC = 20,
    MINTLS_CT_ALERT = 21,
    MINTLS_CT_HANDSHAKE = 22,
    MINTLS_CT_APPLICATION_DATA = 23,
} mintls_content_type;

#define MINTLS_ALERT_LEVEL_WARNING 1
#define MINTLS_ALERT_LEVEL_FATAL 2

/* AlertDescription values (RFC 8446 6; the same numbers as OpenSSL's SSL_AD_*). */
typedef enum {
    MINTLS_ALERT_CLOSE_NOTIFY = 0,
    MINTLS_ALERT_UNEXPECTED_MESSAGE = 10,
    MINTLS_ALERT_BAD_RECORD_MAC = 20,
    MINTLS_ALERT_RECORD_OVERFLOW = 22,
    MINTLS_ALERT_HANDSHAKE_FAILURE = 40,
    MINTLS_ALERT_BAD_CERTIFICATE = 42,
    MINTLS_ALERT_UNSUPPORTED_CERTIFICATE = 43,
    MINTLS_ALERT_CERTIFICATE_REVOKED = 44,
    MINTLS_ALERT_CERTIFICATE_EXPIRED = 45,
    MINTLS_ALERT_CERTIFICATE_UNKNOWN = 46,
    MINTLS_ALERT_ILLEGAL_PARAMETER = 47,
    MINTLS_ALERT_UNKNOWN_CA = 48,
    MINTLS_ALERT_ACCESS_DENIED = 49,
    MINTLS_ALERT_DECODE_ERROR = 50,
    MINTLS_ALERT_DECRYPT_ERROR = 51,
    MINTLS_ALERT_PROTOCOL_VERSION = 70,
    MINTLS_ALERT_INSUFFICIENT_SECURITY = 71,
    MINTLS_ALERT_INTERNAL_ERROR = 80,
    MINTLS_ALERT_INAPPROPRIATE_FALLBACK = 86,
    MINTLS_ALERT_USER_CANCELED = 90,
    MINTLS_ALERT_NO_RENEGOTIATION = 100,
    MINTLS_ALERT_MISSING_EXTENSION = 109,
    MINTLS_ALERT_UNSUPPORTED_EXTENSION = 110,
    MINTLS_ALERT_UNRECOGNIZED_NAME = 112,
    MINTLS_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE = 113,
    MINTLS_ALERT_UNKNOWN_PSK_IDENTITY = 115,
    MINTLS_ALERT_CERTIFICATE_REQUIRED = 116,
    MINTLS_ALERT_NO_APPLICATION_PROTOCOL = 120,
} mintls_alert;

/* ---- record protection --------------------------------------------------- */

typedef struct mintls_record_protection mintls_record_protection;

/*
 * One protection family. The record buffer given to seal/open starts at
 * the 5-byte header; the body follows it.
 *
 * seal: the plaintext (content only) sits at record + 5 + prefix_len, len
 * bytes; seal writes the header (outer type, version, length) and the body
 * around and over it, and says the whole record's length. padding is the
 * number of zero bytes to add (TLS 1.3 only; others must pass 0).
 * The buffer must have room for mintls_record_protection_max_overhead().
 *
 * open: record_len is header plus body, the header already checked for
 * type, version and length. Decrypts in place and returns the plaintext
 * span and the real content type, or an alert (bad_record_mac,
 * unexpected_message for a TLS 1.3 record without a content type, ...).
 */
typedef struct {
    const char *name;
    /* TLS 1.3 framing: outer type application_data, real type inside, padding. */
    int inner_content_type;
    size_t max_ciphertext; /* body limit the reader enforces (record_overflow) */
    int (*seal)(mintls_record_protection *p, uint64_t seq, uint8_t type, uint16_t version,
                uint8_t *record, size_t len, size_t padding, size_t *out_record_len);
    int (*open)(mintls_record_protection *p, uint64_t seq, uint8_t *record, size_t record_len,
                uint8_t *out_type, uint8_t **out_data, size_t *out_len, uint8_t *out_alert);
} mintls_record_protection_ops;

struct mintls_record_protection {
    const mintls_record_protection_ops *ops; /* NULL: records go unprotected */
    EVP_CIPHER_CTX *aead;                    /* key expanded once, at install */
    uint8_t iv[MINTLS_RECORD_MAX_IV];        /* TLS 1.3 static IV / TLS 1.2 salt */
    size_t iv_len;
    size_t tag_len;
    size_t prefix_len; /* body bytes before the plaintext (TLS 1.2 explicit nonce) */
    size_t suffix_len; /* body bytes after it, padding aside (TLS 1.3: type + tag) */
};

/* ---- one direction --------------------------------------------------------- */

/*
 * The state of one direction of a connection: its protection and its
 * 64-bit sequence number (RFC 8446 5.3), which restarts at 0 with every
 * key change.
 *
 * version: for writing, the legacy_record_version to put in unprotected
 * records (0x0301 for an initial ClientHello, else 0x0303). For reading,
 * the only version accepted, or 0 while it is not yet known (then any
 * 0x03XX is accepted, as before version negotiation).
 */
typedef struct {
    mintls_record_protection prot;
    uint64_t seq;
    uint16_t version;
} mintls_record_dir;

/* Unprotected, sequence 0, version 0 (reading) -- set .version for writing. */
void mintls_record_dir_init(mintls_record_dir *d);
/* Frees the cipher context and wipes keys; leaves an unprotected direction. */
void mintls_record_dir_clear(mintls_record_dir *d);
/*
 * Installs TLS 1.3 AEAD protection (record_tls13_aead.c) with the given
 * key and 12-byte IV; the sequence number restarts at 0. aead is
 * EVP_aes_128_gcm, EVP_aes_256_gcm or EVP_chacha20_poly1305. Wipes and
 * replaces any previous protection; the caller wipes its key and IV copies.
 */
int mintls_record_dir_set_tls13_aead(mintls_record_dir *d, const EVP_CIPHER *aead,
                                     const uint8_t *key, size_t key_len, const uint8_t *iv,
                                     size_t iv_len, int encrypt);

/*
 * Installs TLS 1.2 AEAD protection (record_tls12_aead.c): aead is
 * EVP_aes_128_gcm / EVP_aes_256_gcm with the 4-byte implicit salt as iv
 * (RFC 5288), or EVP_chacha20_poly1305 with the 12-byte IV (RFC 7905).
 * Records are sealed with d->version in the header and the additional data
 * (set it to 0x0303 for writing). The sequence number restarts at 0; any
 * previous protection is wiped; the caller wipes its key and IV copies.
 */
int mintls_record_dir_set_tls12_aead(mintls_record_dir *d, const EVP_CIPHER *aead,
                                     const uint8_t *key, size_t key_len, const uint8_t *iv,
                                     size_t iv_len, int encrypt);

/* ---- reading --------------------------------------------------------------- */

typedef enum {
    MINTLS_RECORD_OK = 0,     /* out->type/data/len hold a record */
    MINTLS_RECORD_NEED_MORE,  /* out->needed: total bytes needed at the buffer's start */
    MINTLS_RECORD_SEND_ALERT, /* fatal: send out->alert and close */
    MINTLS_RECORD_CLOSE_NOTIFY, /* the peer's close_notify */
    MINTLS_RECORD_PEER_ALERT, /* another alert: out->alert_level, out->alert */
} mintls_record_result;

typedef struct {
    uint8_t type;   /* content type (the inner one for TLS 1.3) */
    uint8_t *data;  /* the plaintext, inside the caller's buffer */
    size_t len;
    size_t consumed; /* header + body: where the next record starts */
    size_t needed;   /* NEED_MORE only */
    uint8_t alert;   /* SEND_ALERT, PEER_ALERT (and CLOSE_NOTIFY: 0) */
    uint8_t alert_level; /* PEER_ALERT, CLOSE_NOTIFY */
    /* SEND_ALERT: the SSL_R_* reason OpenSSL 3.0 raises for this rejection
       (several share one alert: the caller cannot tell them apart). */
    int reason;
} mintls_record;

/*
 * Looks at the record at the start of buf (len bytes buffered) and
 * decrypts it in place. Checks, in order: content type (unexpected_message
 * unless change_cipher_spec, alert, handshake or application_data),
 * legacy_record_version (protocol_version), length (record_overflow as soon
 * as the header is in: 2^14 unprotected, the protection's ciphertext limit
 * otherwise), then the body: bad_record_mac, a TLS 1.3 record that is all
 * padding (unexpected_message), plaintext over 2^14 (record_overflow), an
 * empty handshake or alert record or a bad alert (decode_error / as listed).
 *
 * change_cipher_spec: an unprotected record holding the single byte 0x01 is
 * returned as a record of type MINTLS_CT_CHANGE_CIPHER_SPEC and the caller
 * decides whether one is allowed here (TLS 1.3: drop it between the first
 * ClientHello and the peer's Finished, RFC 8446 5); any other content is
 * illegal_parameter (OpenSSL 3.0's answer; the RFC says unexpected_message),
 * a change_cipher_spec under TLS 1.3 protection is unexpected_message.
 * Under TLS 1.3 protection, an unprotected record of any other type is
 * unexpected_message too.
 *
 * Every SEND_ALERT comes with out->reason, the SSL_R_* OpenSSL 3.0 raises
 * for that flaw (e.g. BAD_RECORD_TYPE, ENCRYPTED_LENGTH_TOO_LONG,
 * DATA_LENGTH_TOO_LONG, INVALID_CCS_MESSAGE).
 *
 * The sequence number advances on every record that was opened. After
 * SEND_ALERT the direction is unusable.
 */
mintls_record_result mintls_record_read(mintls_record_dir *d, uint8_t *buf, size_t len,
                                        mintls_record *out);

/* ---- writing --------------------------------------------------------------- */

/* Where the plaintext goes in an output buffer for in-place sealing. */
size_t mintls_record_write_offset(const mintls_record_dir *d);
/* The most bytes a record with len bytes of content and this padding takes. */
size_t mintls_record_write_size(const mintls_record_dir *d, size_t len, size_t padding);
/*
 * Writes one record of the given type into out (out_cap bytes): header and
 * body, sealed when the direction is protected. data (len <= 2^14 bytes)
 * may already sit at out + mintls_record_write_offset(d), or anywhere else.
 * padding: TLS 1.3 zero padding (len + 1 + padding <= 2^14 + 1).
 * Under TLS 1.3 protection a change_cipher_spec is written in the clear
 * (version 0x0303, no sequence number), as RFC 8446 5 wants.
 * Returns 1 and the record's length, or 0 with an error on the queue.
 */
int mintls_record_write(mintls_record_dir *d, uint8_t type, const uint8_t *data, size_t len,
                        size_t padding, uint8_t *out, size_t out_cap, size_t *out_len);

#endif
