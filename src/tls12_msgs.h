/*
 * The TLS 1.2 handshake messages TLS 1.3 does not share (RFC 5246 7.4,
 * RFC 8422 5): ServerHello with its TLS 1.2 extensions, Certificate,
 * ServerKeyExchange (ECDHE), CertificateRequest, ServerHelloDone and
 * ClientKeyExchange; parse and write, no state. CertificateVerify and
 * Finished have TLS 1.3's layout (tls13_msgs.h). Spans point into the body.
 * Every parse returns 1, or 0 with the alert (decode_error unless noted).
 */
#ifndef MINTLS_TLS12_MSGS_H
#define MINTLS_TLS12_MSGS_H

#include "tls13_hello.h"
#include "tls_handshake_msg.h"

/* Extension code points only TLS 1.2 uses. */
#define MINTLS_EXT_EC_POINT_FORMATS 11
#define MINTLS_EXT_EXTENDED_MASTER_SECRET 23
#define MINTLS_EXT_SESSION_TICKET 35
#define MINTLS_EXT_RENEGOTIATION_INFO 0xff01
/* Signalling cipher suite values. */
#define MINTLS_SCSV_RENEGOTIATION 0x00ff
#define MINTLS_SCSV_FALLBACK 0x5600
/* ECCurveType named_curve (RFC 8422 5.4). */
#define MINTLS_EC_NAMED_CURVE 3

/* Which extensions a TLS 1.2 ServerHello carries (or may, as a request mask). */
enum {
    MINTLS_SH12_SERVER_NAME = 1 << 0,
    MINTLS_SH12_ALPN = 1 << 1,
    MINTLS_SH12_EC_POINT_FORMATS = 1 << 2,
    MINTLS_SH12_EMS = 1 << 3,
    MINTLS_SH12_RENEGOTIATION_INFO = 1 << 4,
};

typedef struct {
    uint16_t version;
    uint8_t random[MINTLS_HELLO_RANDOM_LEN];
    uint8_t session_id[MINTLS_MAX_SESSION_ID];
    size_t session_id_len;
    uint16_t cipher_suite;
    unsigned present;          /* MINTLS_SH12_* */
    mintls_span alpn;          /* the one ProtocolName */
    mintls_span point_formats; /* ECPointFormat list */
    mintls_span reneg_info;    /* renegotiated_connection */
} mintls_tls12_server_hello;

/* requested: the MINTLS_SH12_* bits the ClientHello asked for; anything
   else (or unknown) is unsupported_extension, a repeat illegal_parameter. */
int mintls_tls12_server_hello_parse(const uint8_t *body, size_t len, unsigned requested,
                                    mintls_tls12_server_hello *out, uint8_t *out_alert);
int mintls_tls12_server_hello_write(mintls_writer *w, const mintls_tls12_server_hello *sh);

/* Whether a ServerHello body is one that chose TLS 1.2 or older: well
   framed up to its extensions, and no supported_versions among them. */
int mintls_server_hello_is_tls12(const uint8_t *body, size_t len);

/* Certificate: ASN.1Cert certificate_list<0..2^24-1>. */
typedef struct {
    mintls_span list; /* contents; walk with mintls_tls12_certificate_next */
    size_t count;
} mintls_tls12_certificate;
int mintls_tls12_certificate_parse(const uint8_t *body, size_t len,
                                   mintls_tls12_certificate *out, uint8_t *out_alert);
int mintls_tls12_certificate_next(mintls_cursor *c, mintls_span *out_der);
int mintls_tls12_certificate_write(mintls_writer *w, const mintls_span *ders, size_t n);

/* ServerKeyExchange for ECDHE: ServerECDHParams, then a signature. */
typedef struct {
    uint16_t group;
    mintls_span point;
    mintls_span params; /* the signed ServerECDHParams bytes */
    uint16_t scheme;
    mintls_span signature;
} mintls_tls12_server_key_exchange;
/* A curve_type other than named_curve is handshake_failure. */
int mintls_tls12_server_key_exchange_parse(const uint8_t *body, size_t len,
                                           mintls_tls12_server_key_exchange *out,
                                           uint8_t *out_alert);
/* ServerECDHParams alone (what is signed), into *out (OPENSSL_free). */
int mintls_tls12_ecdh_params(uint16_t group, const uint8_t *point, size_t point_len,
                             uint8_t **out, size_t *out_len);
int mintls_tls12_server_key_exchange_write(mintls_writer *w, const uint8_t *params,
                                           size_t params_len, uint16_t scheme,
                                           const uint8_t *sig, size_t sig_len);

/* CertificateRequest (RFC 5246 7.4.4). cas: the DistinguishedName list
   with its u16 length (what mintls_client_ca_decode reads). */
typedef struct {
    mintls_span cert_types;
    mintls_u16_list sig_algs;
    mintls_span cas;
} mintls_tls12_certificate_request;
int mintls_tls12_certificate_request_parse(const uint8_t *body, size_t len,
                                           mintls_tls12_certificate_request *out,
                                           uint8_t *out_alert);
/* cas NULL: an empty list. */
int mintls_tls12_certificate_request_write(mintls_writer *w, mintls_u16_list sig_algs,
                                           const uint8_t *cas, size_t cas_len);

int mintls_tls12_server_hello_done_parse(const uint8_t *body, size_t len, uint8_t *out_alert);
int mintls_tls12_server_hello_done_write(mintls_writer *w);

/* ClientKeyExchange for ECDHE: ECPoint ecdh_Yc<1..2^8-1>. */
int mintls_tls12_client_key_exchange_parse(const uint8_t *body, size_t len, mintls_span *out_point,
                                           uint8_t *out_alert);
int mintls_tls12_client_key_exchange_write(mintls_writer *w, const uint8_t *point, size_t len);

#endif
