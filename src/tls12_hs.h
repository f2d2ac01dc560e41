/*
 * What the TLS 1.2 client and server state machines share (RFC 5246 with
 * RFC 8422 ECDHE, RFC 7627 extended master secret, RFC 5746 renegotiation
 * indication): the handshake state, the suites, signatures, key
 * derivation and the ChangeCipherSpec / Finished steps.
 *
 * A TLS 1.2 handshake starts as a TLS 1.3 one (one ClientHello offers
 * both), so its state begins with the TLS 1.3 state (base) and the TLS 1.3
 * helpers that read and send messages, verify the peer's chain and pick a
 * certificate work on it unchanged. The transcript never chooses a hash:
 * it keeps the handshake bytes, because a TLS 1.2 CertificateVerify signs
 * the messages themselves under its own scheme's hash, and the PRF hash,
 * EMS and Finished hashes come from the same bytes.
 */
#ifndef MINTLS_TLS12_HS_H
#define MINTLS_TLS12_HS_H

#include "tls12_key_schedule.h"
#include "tls12_msgs.h"
#include "tls13_hs.h"

#define MINTLS_TLS12_SUITE_COUNT 6

typedef struct {
    SSL_CIPHER cipher;  /* what SSL_get_current_cipher shows; id, AEAD, PRF hash */
    mintls_cert_slot auth; /* MINTLS_CERT_ECDSA or MINTLS_CERT_RSA */
} mintls_tls12_suite;

const mintls_tls12_suite *mintls_tls12_suite_by_id(uint16_t id);
const mintls_tls12_suite *mintls_tls12_suite_of(const SSL_CIPHER *c);
/* s's suites in its SSL_set_cipher_list order. */
size_t mintls_tls12_enabled_suites(const SSL *s,
                                   const mintls_tls12_suite *out[MINTLS_TLS12_SUITE_COUNT]);

typedef struct {
    mintls_tls13_hs base; /* first: the TLS 1.3 helpers take &hs->base */
    int state;
    const mintls_tls12_suite *suite;
    int ems;              /* extended master secret agreed */
    int ccs_expected;     /* the peer's ChangeCipherSpec may come now */
    int ccs_received;
    uint8_t master[MINTLS_TLS12_MASTER_SECRET_LEN];
    mintls_tls12_key_block kb;
    /* Client: the server's ECDHE share; the key that signs our CertificateVerify. */
    uint8_t peer_point[133];
    size_t peer_point_len;
    const mintls_cert_pkey *client_cp;
    uint16_t client_scheme;
    int client_cert_sent; /* server: a non-empty client Certificate came */
} mintls_tls12_hs;

/* ---- hand-over from the TLS 1.3 machines (hs is s->hs) ------------------- */

/* Client: the ServerHello m chose TLS 1.2; switches s to the TLS 1.2 client
   and processes it. */
mintls_step_result mintls_tls12_client_take_over(SSL *s, const mintls_hs_msg *m);
/* Server: the ClientHello m is to be answered with TLS 1.2. */
mintls_step_result mintls_tls12_server_take_over(SSL *s, const mintls_hs_msg *m);
/* The version a server answers ch with (TLS1_2_VERSION / TLS1_3_VERSION),
   0 when none both speak (protocol_version). */
int mintls_server_choose_version(const SSL *s, const mintls_client_hello *ch);
/* Moves the TLS 1.3 state into a new TLS 1.2 state and installs ops. NULL on malloc failure. */
mintls_tls12_hs *mintls_tls12_hs_adopt(SSL *s, const mintls_hs_ops *ops);
void mintls_tls12_hs_cleanup(SSL *s);
/* The ops' start: always fails (the machines only take over). */
int mintls_tls12_hs_start(SSL *s);
const mintls_hs_ops *mintls_tls12_client_ops(void);
const mintls_hs_ops *mintls_tls12_server_ops(void);

/* ---- signatures (tls12_sig.c) --------------------------------------------- */

/* Our schemes for TLS 1.2, in preference order (PSS before PKCS#1 v1.5). */
#define MINTLS_TLS12_SIGSCHEME_COUNT 8
uint16_t mintls_tls12_sigscheme_at(size_t i);
/* The TLS 1.2 reading of a scheme: ECDSA schemes name only the hash. */
int mintls_tls12_sigscheme_fits_key(uint16_t scheme, const EVP_PKEY *key);
uint16_t mintls_tls12_sigscheme_choose(const EVP_PKEY *key, mintls_u16_list peer);
int mintls_tls12_sign(uint16_t scheme, EVP_PKEY *key, const uint8_t *msg, size_t len,
                      uint8_t **out_sig, size_t *out_sig_len);
int mintls_tls12_verify(uint16_t scheme, EVP_PKEY *key, const uint8_t *msg, size_t len,
                        const uint8_t *sig, size_t sig_len);
/* The certificate slot (ECDSA or RSA) for a suite's authentication, with a
   scheme from peer; NULL when we have none. */
const mintls_cert_pkey *mintls_tls12_choose_cert(SSL *s, mintls_cert_slot slot,
                                                 mintls_u16_list peer, uint16_t *out_scheme);

/* ---- shared steps (tls12_hs.c) --------------------------------------------- */

/* As mintls_tls13_next_msg, but a ChangeCipherSpec installs the read keys
   when expected (hs->ccs_expected) and is unexpected_message otherwise. */
int mintls_tls12_next_msg(SSL *s, mintls_tls12_hs *hs, mintls_hs_msg *out);
/* Hash of the handshake so far under the PRF hash. */
int mintls_tls12_hs_hash(SSL *s, mintls_tls12_hs *hs, uint8_t *out, size_t *out_len);
/* From the ECDHE shared secret: master secret (EMS when agreed; call after
   ClientKeyExchange is in the transcript), key block, key log line. */
int mintls_tls12_derive(SSL *s, mintls_tls12_hs *hs, const uint8_t *pms, size_t pms_len);
/* Our ChangeCipherSpec, then our write keys. */
int mintls_tls12_send_ccs(SSL *s, mintls_tls12_hs *hs);
/* Our Finished (label by role), kept for SSL_get_finished. */
int mintls_tls12_send_finished(SSL *s, mintls_tls12_hs *hs);
/* Checks the peer's Finished (decrypt_error when wrong) and absorbs it. 1 / 0. */
int mintls_tls12_check_finished(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m);
/* Sends a TLS 1.2 Certificate with cp's chain (NULL: empty). */
int mintls_tls12_write_certificate(SSL *s, mintls_tls12_hs *hs, const mintls_cert_pkey *cp);
/* Decodes and verifies the peer's non-empty chain (see mintls_tls13_process_peer_chain). */
int mintls_tls12_process_peer_chain(SSL *s, mintls_tls12_hs *hs, const mintls_tls12_certificate *c);
/* The bytes a ServerKeyExchange signs: both randoms and the params. */
int mintls_tls12_ske_content(SSL *s, mintls_span params, uint8_t **out, size_t *out_len);
/* Records what a finished handshake leaves on s. */
void mintls_tls12_hs_finish(SSL *s, mintls_tls12_hs *hs);
/* The groups a TLS 1.2 server offers ECDHE over (X25519 and P-256), in our order. */
size_t mintls_tls12_groups(const SSL *s, uint16_t out[MINTLS_MAX_GROUPS]);
/* An EC certificate key's curve as a group id (0 if none we know). */
uint16_t mintls_tls12_key_group(const EVP_PKEY *key);
/* ALPN on the server (RFC 7301): 1 with *out set (len 0: none), 0 after an alert. */
int mintls_tls12_choose_alpn(SSL *s, const mintls_client_hello *ch, uint8_t *buf, size_t *out_len);

/* Post-handshake handshake records under TLS 1.2 (renegotiation refused). 1 / -1. */
int mintls_tls12_post_handshake(SSL *s, const uint8_t *data, size_t len);
/* RFC 5705 exporter with the TLS 1.2 PRF. 1 / 0. */
int mintls_tls12_export(const SSL *s, uint8_t *out, size_t olen, const char *label, size_t llen,
                        const uint8_t *context, size_t contextlen, int use_context);

#endif
