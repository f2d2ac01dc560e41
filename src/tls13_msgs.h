/*
 * The TLS 1.3 handshake messages after the hellos (RFC 8446 4.3-4.6):
 * EncryptedExtensions, CertificateRequest, NewSessionTicket
 * (tls13_server_msgs.c); Certificate and CertificateVerify
 * (tls13_cert_msgs.c); Finished, KeyUpdate, EndOfEarlyData
 * (tls13_misc_msgs.c).
 *
 * Parsers take the body (after the 4-byte header; see tls_handshake_msg.h)
 * and fill a struct of spans into it; they return 1, or 0 with the alert.
 * Writers append the whole message, header included, to a writer (which
 * goes sticky-failed on error: internal_error).
 */
#ifndef MINTLS_TLS13_MSGS_H
#define MINTLS_TLS13_MSGS_H

#include <stddef.h>
#include <stdint.h>

#include "tls_cursor.h"
#include "tls_extensions.h"

/* ---- EncryptedExtensions (4.3.1): Extension extensions<0..2^16-1> ---------- */
typedef struct {
    mintls_extensions ext;
} mintls_encrypted_extensions;

/* requested: the present bits of our ClientHello's extensions. */
int mintls_encrypted_extensions_parse(const uint8_t *body, size_t len, uint32_t requested,
                                      mintls_encrypted_extensions *out, uint8_t *out_alert);
int mintls_encrypted_extensions_write(mintls_writer *w, const mintls_encrypted_extensions *ee);

/* ---- CertificateRequest (4.3.2) --------------------------------------------- */
typedef struct {
    mintls_span context; /* certificate_request_context<0..2^8-1> */
    mintls_extensions ext; /* signature_algorithms is required: missing_extension */
} mintls_certificate_request;

int mintls_certificate_request_parse(const uint8_t *body, size_t len,
                                     mintls_certificate_request *out, uint8_t *out_alert);
int mintls_certificate_request_write(mintls_writer *w, const mintls_certificate_request *cr);

/* ---- Certificate (4.4.2) ------------------------------------------------------ */
typedef struct {
    mintls_span context; /* certificate_request_context */
    mintls_span list;    /* certificate_list contents; walk with mintls_certificate_entry_next */
    size_t count;        /* entries; the first is the end-entity certificate */
} mintls_certificate;

/*
 * from_server: a server's Certificate has an empty context
 * (illegal_parameter) and at least one entry (decode_error, 4.4.2.4).
 * requested: the present bits of the extensions that solicited entry
 * extensions (our ClientHello or CertificateRequest); each entry's
 * extensions are checked as a Certificate's. Certificate bytes are not
 * decoded here (d2i_X509 on the span does that).
 */
int mintls_certificate_parse(const uint8_t *body, size_t len, int from_server, uint32_t requested,
                             mintls_certificate *out, uint8_t *out_alert);
/* The next entry of a parsed list: its DER bytes and its extension block
 * contents (parse them again with mintls_extensions_parse if needed). */
int mintls_certificate_entry_next(mintls_cursor *c, mintls_span *out_der,
                                  mintls_span *out_extensions);
/* Writes back a parsed (or hand-built) context and list. */
int mintls_certificate_write(mintls_writer *w, const mintls_certificate *cert);
/* Writes a chain of DER certificates, each with no extensions. */
int mintls_certificate_write_chain(mintls_writer *w, mintls_span context, const mintls_span *ders,
                                   size_t n);

/* ---- CertificateVerify (4.4.3) -------------------------------------------------- */
typedef struct {
    uint16_t scheme;
    mintls_span signature; /* <0..2^16-1>; an empty one is decode_error here */
} mintls_certificate_verify;

int mintls_certificate_verify_parse(const uint8_t *body, size_t len,
                                    mintls_certificate_verify *out, uint8_t *out_alert);
int mintls_certificate_verify_write(mintls_writer *w, const mintls_certificate_verify *cv);

/* 64 spaces, the 33-byte context string, a 0 byte, and up to a 64-byte hash. */
#define MINTLS_CERT_VERIFY_CONTENT_MAX (64 + 33 + 1 + 64)
/*
 * The content a CertificateVerify signs: 64 x 0x20, "TLS 1.3, server
 * CertificateVerify" (or client), 0x00, transcript hash. out has
 * MINTLS_CERT_VERIFY_CONTENT_MAX room. Returns 1, or 0 if hash_len > 64.
 */
int mintls_certificate_verify_content(int from_server, const uint8_t *hash, size_t hash_len,
                                      uint8_t *out, size_t *out_len);

/* ---- Finished (4.4.4): opaque verify_data[Hash.length] --------------------------- */
typedef struct {
    mintls_span verify_data;
} mintls_finished;

/* A body of any length other than hash_len is decode_error. Comparing the
 * value (CRYPTO_memcmp, decrypt_error) is the caller's. */
int mintls_finished_parse(const uint8_t *body, size_t len, size_t hash_len, mintls_finished *out,
                          uint8_t *out_alert);
int mintls_finished_write(mintls_writer *w, const uint8_t *verify_data, size_t len);

/* ---- NewSessionTicket (4.6.1) ---------------------------------------------------- */
typedef struct {
    uint32_t lifetime;
    uint32_t age_add;
    mintls_span nonce;  /* <0..255> */
    mintls_span ticket; /* <1..2^16-1> */
    mintls_extensions ext; /* early_data: ext.max_early_data */
} mintls_new_session_ticket;

int mintls_new_session_ticket_parse(const uint8_t *body, size_t len,
                                    mintls_new_session_ticket *out, uint8_t *out_alert);
int mintls_new_session_ticket_write(mintls_writer *w, const mintls_new_session_ticket *nst);

/* ---- KeyUpdate (4.6.3) and EndOfEarlyData (4.5) ----------------------------------- */
#define MINTLS_KEY_UPDATE_NOT_REQUESTED 0
#define MINTLS_KEY_UPDATE_REQUESTED 1

/* request_update other than 0 or 1 is illegal_parameter. */
int mintls_key_update_parse(const uint8_t *body, size_t len, uint8_t *out_request_update,
                            uint8_t *out_alert);
int mintls_key_update_write(mintls_writer *w, uint8_t request_update);
/* The body must be empty (decode_error). */
int mintls_end_of_early_data_parse(const uint8_t *body, size_t len, uint8_t *out_alert);
int mintls_end_of_early_data_write(mintls_writer *w);

#endif
