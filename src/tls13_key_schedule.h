/*
 * The TLS 1.3 key schedule (RFC 8446 section 7): HKDF-Expand-Label and
 * Derive-Secret, the early -> handshake -> master secret chain, the traffic
 * secrets taken from transcript hashes, traffic keys and IVs (7.3), Finished
 * (4.4.4), KeyUpdate (7.2), exporters (7.5) and resumption (4.6.1).
 *
 * Everything goes through libcrypto's public API (EVP_PKEY_HKDF, HMAC,
 * EVP_Digest), as OpenSSL's own libssl does: in the shared build libcrypto
 * exports nothing else.
 *
 * The per-connection state is one small struct with no pointers to free:
 * it holds only the current stage's secret (early, then handshake, then
 * master). Each step that moves to the next stage wipes the previous one.
 * Traffic secrets are handed to the caller, who keeps what it still needs
 * (the application traffic secrets, for KeyUpdate) and wipes the rest.
 *
 * Transcript hashes are passed in as the hash's output (see transcript.h);
 * every one is hash_len bytes, the length of the suite's hash.
 */
#ifndef MINTLS_TLS13_KEY_SCHEDULE_H
#define MINTLS_TLS13_KEY_SCHEDULE_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

/* SHA-384 is the longest hash a TLS 1.3 suite uses. */
#define MINTLS_TLS13_MAX_HASH 48

typedef enum {
    MINTLS_TLS13_STAGE_NONE = 0,
    MINTLS_TLS13_STAGE_EARLY,
    MINTLS_TLS13_STAGE_HANDSHAKE,
    MINTLS_TLS13_STAGE_MASTER,
} mintls_tls13_stage;

typedef struct {
    const EVP_MD *md;     /* the suite's hash: SHA-256 or SHA-384 */
    size_t hash_len;
    mintls_tls13_stage stage;
    uint8_t secret[MINTLS_TLS13_MAX_HASH]; /* the current stage's secret */
} mintls_tls13_schedule;

/* ---- the RFC 8446 7.1 primitives ----------------------------------------- */

/* HKDF-Extract(salt, ikm) into out_prk (hash_len bytes). A NULL or empty
 * salt or ikm means hash_len zero bytes, as the key schedule wants. */
int mintls_tls13_hkdf_extract(const EVP_MD *md, const uint8_t *salt, size_t salt_len,
                              const uint8_t *ikm, size_t ikm_len, uint8_t *out_prk);

/* HKDF-Expand-Label(secret, label, context, out_len): label without the
 * "tls13 " prefix (at most 249 bytes), context at most 255 bytes. */
int mintls_tls13_hkdf_expand_label(const EVP_MD *md, const uint8_t *secret,
                                   size_t secret_len, const char *label, size_t label_len,
                                   const uint8_t *context, size_t context_len,
                                   uint8_t *out, size_t out_len);

/* Derive-Secret(secret, label, messages) with the messages already hashed:
 * transcript_hash is hash_len bytes, or NULL for the hash of no messages. */
int mintls_tls13_derive_secret(const EVP_MD *md, const uint8_t *secret, const char *label,
                               const uint8_t *transcript_hash, uint8_t *out);

/* ---- the secret chain ---------------------------------------------------- */

/* Starts a schedule for md (no secret yet). Fails for a hash TLS 1.3 has no suite for. */
int mintls_tls13_schedule_init(mintls_tls13_schedule *ks, const EVP_MD *md);
/* Wipes the struct. */
void mintls_tls13_schedule_clear(mintls_tls13_schedule *ks);

/* Early Secret = HKDF-Extract(0, PSK); psk NULL/0 for a full handshake. */
int mintls_tls13_schedule_early(mintls_tls13_schedule *ks, const uint8_t *psk, size_t psk_len);
/* In the early stage: binder_key ("ext binder" or "res binder"), and from
 * the ClientHello hash the client_early_traffic_secret and the
 * early_exporter_master_secret. Each out_* may be NULL. */
int mintls_tls13_early_binder_key(const mintls_tls13_schedule *ks, int external_psk,
                                  uint8_t *out_binder_key);
int mintls_tls13_early_traffic(const mintls_tls13_schedule *ks, const uint8_t *ch_hash,
                               uint8_t *out_client_early_traffic,
                               uint8_t *out_early_exporter_master);

/* Handshake Secret = HKDF-Extract(Derive-Secret(Early, "derived", ""), (EC)DHE).
 * Runs the early stage first (no PSK) if the schedule has none. */
int mintls_tls13_schedule_handshake(mintls_tls13_schedule *ks, const uint8_t *dhe,
                                    size_t dhe_len);
/* In the handshake stage, from Transcript-Hash(ClientHello..ServerHello). */
int mintls_tls13_handshake_traffic(const mintls_tls13_schedule *ks, const uint8_t *ch_sh_hash,
                                   uint8_t *out_client_hs_traffic,
                                   uint8_t *out_server_hs_traffic);

/* Master Secret = HKDF-Extract(Derive-Secret(Handshake, "derived", ""), 0). */
int mintls_tls13_schedule_master(mintls_tls13_schedule *ks);
/* In the master stage, from Transcript-Hash(ClientHello..server Finished).
 * out_exporter_master may be NULL. */
int mintls_tls13_application_traffic(const mintls_tls13_schedule *ks,
                                     const uint8_t *ch_sf_hash,
                                     uint8_t *out_client_ap_traffic,
                                     uint8_t *out_server_ap_traffic,
                                     uint8_t *out_exporter_master);
/* In the master stage, from Transcript-Hash(ClientHello..client Finished). */
int mintls_tls13_resumption_master(const mintls_tls13_schedule *ks, const uint8_t *ch_cf_hash,
                                   uint8_t *out_resumption_master);

/* ---- from a secret --------------------------------------------------------- */

/* RFC 8446 7.3: [sender]_write_key and [sender]_write_iv. */
int mintls_tls13_traffic_key_iv(const EVP_MD *md, const uint8_t *traffic_secret,
                                uint8_t *out_key, size_t key_len, uint8_t *out_iv,
                                size_t iv_len);
/* RFC 8446 4.4.4: finished_key from a handshake traffic secret (base_key). */
int mintls_tls13_finished_key(const EVP_MD *md, const uint8_t *base_key, uint8_t *out_key);
/* verify_data = HMAC(finished_key, transcript_hash): hash_len bytes. */
int mintls_tls13_finished_verify_data(const EVP_MD *md, const uint8_t *base_key,
                                      const uint8_t *transcript_hash, uint8_t *out_verify);
/* RFC 8446 7.2: application_traffic_secret_N+1, replacing secret in place. */
int mintls_tls13_next_traffic_secret(const EVP_MD *md, uint8_t *secret);
/* RFC 8446 4.6.1: the PSK for a NewSessionTicket's ticket_nonce. */
int mintls_tls13_resumption_psk(const EVP_MD *md, const uint8_t *resumption_master,
                                const uint8_t *nonce, size_t nonce_len, uint8_t *out_psk);
/* RFC 8446 7.5: TLS-Exporter(label, context, out_len) from the
 * (early_)exporter_master_secret. context NULL with has_context 0 hashes the
 * empty string too (TLS 1.3 makes no difference between them). */
int mintls_tls13_export(const EVP_MD *md, const uint8_t *exporter_master, const char *label,
                        size_t label_len, const uint8_t *context, size_t context_len,
                        uint8_t *out, size_t out_len);

/* Derives key and IV from traffic_secret for aead (EVP_aes_128_gcm,
 * EVP_aes_256_gcm or EVP_chacha20_poly1305), installs them on one direction
 * of the record layer (sequence number back to 0) and wipes the copies. */
int mintls_tls13_install_traffic_secret(mintls_record_dir *dir, const EVP_MD *md,
                                        const EVP_CIPHER *aead,
                                        const uint8_t *traffic_secret, int encrypt);

#endif
