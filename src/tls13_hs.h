/*
 * What the TLS 1.3 client and server state machines share: the handshake
 * state (s->hs while a handshake runs) and the steps both sides take the
 * same way -- taking the next handshake message out of the records,
 * sending one, deriving and installing keys, Finished values.
 */
#ifndef MINTLS_TLS13_HS_H
#define MINTLS_TLS13_HS_H

#include "ssl_local.h"
#include "tls13_hello.h"
#include "tls13_key_schedule.h"
#include "tls13_msgs.h"
#include "tls13_suites.h"
#include "tls_handshake_msg.h"
#include "transcript.h"

typedef struct {
    int state; /* the role's own enum */
    mintls_hs_reader reader;
    mintls_transcript transcript;
    mintls_tls13_schedule ks;
    const mintls_tls13_suite *suite;
    uint16_t group;
    EVP_PKEY *kex_key;   /* our ephemeral key */
    uint8_t client_hs_secret[MINTLS_TLS13_MAX_HASH];
    uint8_t server_hs_secret[MINTLS_TLS13_MAX_HASH];
    uint8_t client_ap_secret[MINTLS_TLS13_MAX_HASH];
    uint8_t server_ap_secret[MINTLS_TLS13_MAX_HASH];
    int ccs_allowed;     /* a compatibility change_cipher_spec may come now */

    int hrr_seen;        /* a HelloRetryRequest came (or, server: was sent) */
    int ccs_sent;        /* our compatibility change_cipher_spec is out */

    /* Client: the ClientHello we sent (the parsed view points into ch_msg),
       and what a second one repeats or echoes. */
    uint8_t *cookie;
    size_t cookie_len;
    uint8_t *ch_msg;
    size_t ch_msg_len;
    mintls_client_hello ch;
    EVP_PKEY *peer_key;  /* the server certificate's key */

    /* Server: the client's signature_algorithms and session id. */
    uint8_t peer_sigalgs[2 * 64];
    size_t peer_sigalg_count;
    uint8_t session_id[MINTLS_MAX_SESSION_ID];
    size_t session_id_len;

    /* Certificate authentication of the client (4.3.2): the client keeps
       the request's context (its sigalgs go in peer_sigalgs); the server
       remembers it asked and the schemes it offered. */
    int cert_requested;
    uint8_t cr_context[255];
    size_t cr_context_len;
    uint8_t our_sigalgs[2 * 64];
    size_t our_sigalg_count;
    int sni_ack;         /* server: answer the client's server_name in EncryptedExtensions */
} mintls_tls13_hs;

/* The mintls_hs_ops start / cleanup of both roles: s->hs made and freed. */
int mintls_tls13_hs_start(SSL *s);
void mintls_tls13_hs_cleanup(SSL *s);

/*
 * The next handshake message: 1 with *out (valid until the next call);
 * 0 when a record must be read first (return MINTLS_STEP_READ); -1 after
 * a fatal alert. The whole current record is taken before 0 is returned.
 */
int mintls_tls13_next_msg(SSL *s, mintls_tls13_hs *hs, mintls_hs_msg *out);
/* Adds a message we received to the transcript (1, or 0 after a fatal alert). */
int mintls_tls13_hs_absorb(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m);
/* Takes w's message: transcript, then queued as a handshake record. 1 / 0. */
int mintls_tls13_send(SSL *s, mintls_tls13_hs *hs, mintls_writer *w);
/* Queues the compatibility change_cipher_spec. */
int mintls_tls13_send_ccs(SSL *s);
/* The transcript hash so far. */
int mintls_tls13_hs_hash(SSL *s, mintls_tls13_hs *hs, uint8_t *out, size_t *out_len);

/* After ServerHello: the handshake secrets from the shared secret. */
int mintls_tls13_derive_handshake(SSL *s, mintls_tls13_hs *hs, const uint8_t *dhe, size_t len);
/* After the server Finished: the application secrets (transcript up to it). */
int mintls_tls13_derive_application(SSL *s, mintls_tls13_hs *hs);
int mintls_tls13_install(SSL *s, mintls_tls13_hs *hs, const uint8_t *secret, int write);
/* Finished's verify_data from base_key over the transcript so far. */
int mintls_tls13_finished_value(SSL *s, mintls_tls13_hs *hs, const uint8_t *base_key,
                                uint8_t *out);
/* Client, after its Finished: the resumption_master_secret its tickets'
   PSKs derive from, kept on s. 1, or 0 (internal error). */
int mintls_tls13_keep_resumption_secret(SSL *s, mintls_tls13_hs *hs);
/* Post-handshake messages (tls13_post_handshake.c): the handshake bytes of
   the current record (consumed; 1, or -1 after a fatal alert); our KeyUpdate
   queued and the write key moved on (1 / 0); a split message's buffer freed. */
int mintls_tls13_post_handshake(SSL *s, const uint8_t *data, size_t len);
int mintls_tls13_queue_key_update(SSL *s, uint8_t request);
/* Application data arrived while a message is in pieces: the fatal alert
   (unexpected_message); returns -1. */
int mintls_tls13_post_hs_interrupted(SSL *s);
/* Checks the peer's Finished against base_key (its handshake traffic
   secret) and keeps it for SSL_get_peer_finished: 1, or 0 after a fatal
   alert (decrypt_error for a wrong value). */
int mintls_tls13_check_finished(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m,
                                const uint8_t *base_key);
/* Remembers the suite and application secrets on s for after the handshake. */
void mintls_tls13_hs_finish(SSL *s, mintls_tls13_hs *hs, int server);

/* The suites s may use, in its preference order (SSL_set_ciphersuites or ours). */
size_t mintls_tls13_enabled_suites(const SSL *s, const mintls_tls13_suite *out[4]);

/* Fails with an alert (see mintls_conn_fatal) and returns MINTLS_STEP_ERROR. */
mintls_step_result mintls_tls13_fail(SSL *s, int alert, int reason);

/* Authentication (tls13_auth.c). The certificate slot whose key can sign
   with one of the peer's schemes (*out_scheme), or NULL. */
const mintls_cert_pkey *mintls_tls13_choose_cert(SSL *s, const uint8_t *peer_sigalgs,
                                                 size_t count, uint16_t *out_scheme);
/* cp's certificate and chain (its own, else the SSL_CTX's extra
   certificates) as DER, leaf first; cp NULL: none. *out is freed with
   mintls_chain_der_free. 1, or 0 (malloc or encoding). Both versions'
   Certificate messages are built from it. */
int mintls_chain_der(SSL *s, const mintls_cert_pkey *cp, mintls_span **out, size_t *out_n);
void mintls_chain_der_free(mintls_span *ders, size_t n);
/* Sends Certificate with cp's chain (cp NULL: an empty list). 1 / 0. */
int mintls_tls13_write_certificate(SSL *s, mintls_tls13_hs *hs, const mintls_cert_pkey *cp,
                                   mintls_span context);
int mintls_tls13_write_certificate_verify(SSL *s, mintls_tls13_hs *hs, EVP_PKEY *key,
                                          uint16_t scheme, int from_server);
/* Decodes a non-empty peer chain, verifies it (purpose by our role) into
   s->verify_result, keeps it as the peer's, and sets hs->peer_key. Fails
   the connection under SSL_VERIFY_PEER. 1, or 0 after a fatal alert. */
int mintls_tls13_process_peer_chain(SSL *s, mintls_tls13_hs *hs, const mintls_certificate *cert);
/* Checks the peer's CertificateVerify (scheme among offered, signature
   over the transcript) and absorbs it. 1, or 0 after a fatal alert. */
int mintls_tls13_check_certificate_verify(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m,
                                          mintls_u16_list offered, int from_server);

const mintls_hs_ops *mintls_tls13_client_ops(void);
const mintls_hs_ops *mintls_tls13_server_ops(void);

#endif
