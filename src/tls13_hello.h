/*
 * ClientHello, ServerHello and HelloRetryRequest (RFC 8446 4.1.2-4.1.4):
 * parse and write, plus the checks a TLS 1.3 peer makes on a hello before
 * acting on it. No I/O, no state: the state machines call these.
 */
#ifndef MINTLS_TLS13_HELLO_H
#define MINTLS_TLS13_HELLO_H

#include <stddef.h>
#include <stdint.h>

#include "tls_cursor.h"
#include "tls_extensions.h"

#define MINTLS_HELLO_RANDOM_LEN 32
#define MINTLS_MAX_SESSION_ID 32
#define MINTLS_VERSION_TLS12 0x0303
#define MINTLS_VERSION_TLS13 0x0304

/* SHA-256("HelloRetryRequest"): a ServerHello with this random is an HRR (4.1.3). */
extern const uint8_t mintls_hrr_random[MINTLS_HELLO_RANDOM_LEN];
/* The last 8 bytes of a TLS 1.3 server's random when it negotiates TLS 1.2
 * (..01) or TLS 1.1 and below (..00) (4.1.3). */
extern const uint8_t mintls_downgrade_tls12[8];
extern const uint8_t mintls_downgrade_tls11[8];

typedef struct {
    uint16_t legacy_version;
    uint8_t random[MINTLS_HELLO_RANDOM_LEN];
    uint8_t session_id[MINTLS_MAX_SESSION_ID];
    size_t session_id_len;
    mintls_u16_list cipher_suites;   /* at least one */
    mintls_span compression_methods; /* contains 0 (TLS 1.3: exactly [0]) */
    int has_extensions;              /* a TLS 1.2 ClientHello may end after compression */
    mintls_extensions ext;
} mintls_client_hello;

typedef struct {
    uint16_t legacy_version;
    uint8_t random[MINTLS_HELLO_RANDOM_LEN];
    int is_hrr; /* random == mintls_hrr_random; ext parsed under HRR rules */
    uint8_t session_id[MINTLS_MAX_SESSION_ID];
    size_t session_id_len;
    uint16_t cipher_suite;
    uint8_t compression_method; /* always 0 */
    int has_extensions;
    mintls_extensions ext;
    int parse_reason; /* when parsing failed: OpenSSL's SSL_R_* for the flaw */
} mintls_server_hello;

/*
 * Parses a ClientHello body (after the 4-byte header). Spans point into
 * body. Alerts: decode_error for anything malformed (session id over 32
 * bytes, empty or odd cipher_suites, no null compression, trailing bytes),
 * the extension alerts of tls_extensions.h.
 */
int mintls_client_hello_parse(const uint8_t *body, size_t len, mintls_client_hello *out,
                              uint8_t *out_alert);
/* Writes the whole message (header included). */
int mintls_client_hello_write(mintls_writer *w, const mintls_client_hello *ch);

/*
 * Parses a ServerHello body; with the HRR random, as a HelloRetryRequest.
 * requested: present bits of the ClientHello we sent (ch->ext.present).
 * A compression_method other than 0 is illegal_parameter. On failure
 * out->parse_reason is OpenSSL's reason: LENGTH_MISMATCH for the fixed
 * fields, BAD_LENGTH for a bad extensions block or bytes after it,
 * INVALID_COMPRESSION_ALGORITHM, or the extension's (mintls_hello_parse_reason).
 */
int mintls_server_hello_parse(const uint8_t *body, size_t len, uint32_t requested,
                              mintls_server_hello *out, uint8_t *out_alert);
/* Writes the whole message; is_hrr writes mintls_hrr_random as the random. */
int mintls_server_hello_write(mintls_writer *w, const mintls_server_hello *sh);

/* 0x0303 / 0x0302 if the random ends in the TLS 1.2 / 1.1 sentinel, else 0. */
uint16_t mintls_hello_downgrade_sentinel(const uint8_t random[MINTLS_HELLO_RANDOM_LEN]);
/* 1 if the ClientHello's supported_versions offers TLS 1.3. */
int mintls_client_hello_offers_tls13(const mintls_client_hello *ch);

/*
 * Server side, for a ClientHello that offers TLS 1.3 (RFC 8446 4.1.2, 4.2,
 * 9.2), in the order OpenSSL 3.0 finds the flaws: key_share needs
 * supported_groups (missing_extension) and every share's group is in it
 * (illegal_parameter); without pre_shared_key, signature_algorithms must
 * be there (missing_extension); pre_shared_key needs
 * psk_key_exchange_modes (missing_extension); supported_groups needs
 * key_share, and without pre_shared_key both must be there
 * (missing_extension); compression exactly [0] (illegal_parameter).
 */
int mintls_tls13_check_client_hello(const mintls_client_hello *ch, uint8_t *out_alert);
/* OpenSSL's SSL_R_* reason for the flaw mintls_tls13_check_client_hello
   failed on (0 if it passes). */
int mintls_tls13_client_hello_reason(const mintls_client_hello *ch);

/*
 * Client side, for a ServerHello or HelloRetryRequest that selected TLS 1.3,
 * against the ClientHello we sent (4.1.3, 4.1.4, 4.2.8, 4.2.11):
 * supported_versions is 0x0304 and was offered, legacy_version 0x0303,
 * the session id echoes ours, the cipher suite was offered (all
 * illegal_parameter). ServerHello: key_share for a group we sent a share
 * for (illegal_parameter), key_share or pre_shared_key present
 * (missing_extension), selected_identity within our identities
 * (illegal_parameter). HelloRetryRequest: selected_group offered in
 * supported_groups and not already shared, and the HRR changes something
 * (illegal_parameter). Call it on the second ClientHello's answer too, with
 * that ClientHello.
 */
int mintls_tls13_check_server_hello(const mintls_client_hello *sent,
                                    const mintls_server_hello *sh, uint8_t *out_alert);

/* OpenSSL's SSL_R_* reason for the check mintls_tls13_check_server_hello
   failed on. */
int mintls_tls13_server_hello_reason(const mintls_client_hello *sent,
                                     const mintls_server_hello *sh);
/* OpenSSL's reason for a hello or extensions block rejected with alert. */
int mintls_hello_parse_reason(uint8_t alert);

#endif
