/*
 * Handshake message framing (RFC 8446 4: msg_type u8, length u24, body)
 * and reassembly: records of type handshake go in, whole messages come
 * out, whether a message spans several records or a record holds several
 * messages.
 */
#ifndef MINTLS_TLS_HANDSHAKE_MSG_H
#define MINTLS_TLS_HANDSHAKE_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "tls_cursor.h"

/* HandshakeType (RFC 8446 4). */
enum {
    MINTLS_HS_HELLO_REQUEST = 0, /* TLS 1.2 */
    MINTLS_HS_CLIENT_HELLO = 1,
    MINTLS_HS_SERVER_HELLO = 2,
    MINTLS_HS_NEW_SESSION_TICKET = 4,
    MINTLS_HS_END_OF_EARLY_DATA = 5,
    MINTLS_HS_ENCRYPTED_EXTENSIONS = 8,
    MINTLS_HS_CERTIFICATE = 11,
    MINTLS_HS_SERVER_KEY_EXCHANGE = 12, /* TLS 1.2 */
    MINTLS_HS_CERTIFICATE_REQUEST = 13,
    MINTLS_HS_SERVER_HELLO_DONE = 14, /* TLS 1.2 */
    MINTLS_HS_CERTIFICATE_VERIFY = 15,
    MINTLS_HS_CLIENT_KEY_EXCHANGE = 16, /* TLS 1.2 */
    MINTLS_HS_FINISHED = 20,
    MINTLS_HS_KEY_UPDATE = 24,
    /* MINTLS_HS_MESSAGE_HASH (254) is in transcript.h */
};

#define MINTLS_HS_HEADER_LEN 4
/* Largest message we accept unless told otherwise: a certificate chain fits. */
#define MINTLS_HS_DEFAULT_MAX 102400

/* One whole message: msg/msg_len include the header (for the transcript). */
typedef struct {
    uint8_t type;
    const uint8_t *body;
    size_t body_len;
    const uint8_t *msg;
    size_t msg_len;
} mintls_hs_msg;

/*
 * Splits a buffer that holds exactly one message into header and body.
 * Returns 1, or 0 with decode_error when the length does not match.
 */
int mintls_hs_msg_split(const uint8_t *msg, size_t len, mintls_hs_msg *out, uint8_t *out_alert);

/* Writing: the header, then the body, then end (fills the u24 length). */
int mintls_hs_begin(mintls_writer *w, uint8_t type);
int mintls_hs_end(mintls_writer *w);

/* ---- reassembly ------------------------------------------------------------ */

/*
 * Keeps only the bytes of messages not yet handed out; the buffer is freed
 * whenever it is empty, so an idle connection holds none.
 */
typedef struct {
    uint8_t *buf;
    size_t len, cap;
    size_t start;   /* first byte not yet handed out */
    size_t max_msg; /* largest body accepted */
} mintls_hs_reader;

typedef enum {
    MINTLS_HS_READ_MSG = 0,   /* *out holds a message */
    MINTLS_HS_READ_NEED_MORE, /* feed the next handshake record */
    MINTLS_HS_READ_ALERT,     /* fatal: *out_alert */
} mintls_hs_read_result;

/* max_msg 0 means MINTLS_HS_DEFAULT_MAX. */
void mintls_hs_reader_init(mintls_hs_reader *r, size_t max_msg);
void mintls_hs_reader_clear(mintls_hs_reader *r);
/*
 * Appends the content of one handshake record. Returns 1, or 0 with
 * internal_error (allocation) in *out_alert. Invalidates the last message
 * handed out.
 */
int mintls_hs_reader_add(mintls_hs_reader *r, const uint8_t *data, size_t len, uint8_t *out_alert);
/*
 * The next whole message, valid until the next call on the reader. A
 * declared length over max_msg is illegal_parameter as soon as the header
 * is in (as OpenSSL's excessive message size).
 */
mintls_hs_read_result mintls_hs_reader_next(mintls_hs_reader *r, mintls_hs_msg *out,
                                            uint8_t *out_alert);
/*
 * 1 when no partial message is buffered. RFC 8446 5.1: a message must not
 * span a key change, so at every key change the caller checks this and
 * sends unexpected_message otherwise.
 */
int mintls_hs_reader_is_empty(const mintls_hs_reader *r);

#endif
