/*
 * The TLS 1.2 key schedule for the AEAD suites mintls speaks:
 *   - the PRF (RFC 5246 5) over the suite's hash, SHA-256 or SHA-384;
 *   - master_secret (RFC 5246 8.1) and the extended master secret
 *     (RFC 7627 4), which a connection uses whenever both sides agreed to it;
 *   - the key block (RFC 5246 6.3) split for the six suites:
 *       AES-128-GCM / AES-256-GCM (RFC 5288, 5289): 16/32-byte keys and a
 *         4-byte implicit salt per direction (the rest of the nonce travels
 *         in each record);
 *       ChaCha20-Poly1305 (RFC 7905): 32-byte keys and a 12-byte IV;
 *     no MAC keys, since AEAD suites have none;
 *   - Finished verify_data (RFC 5246 7.4.9), 12 bytes.
 *
 * Like tls13_key_schedule.c, everything goes through libcrypto's public API
 * (HMAC_CTX, EVP_MD): the shared libcrypto exports nothing else. Every
 * function wipes its temporaries; the caller wipes the secrets it is given
 * back (mintls_tls12_key_block_clear for the key block) once installed.
 *
 * Order of use in a handshake (client and server alike):
 *   ms  = extended master secret from Hash(ClientHello..ClientKeyExchange)
 *         (or the RFC 5246 one from the randoms when EMS was not agreed);
 *   kb  = mintls_tls12_derive_key_block(ms, randoms, aead);
 *   install kb's client half on the client's write / server's read side and
 *   the server half the other way (mintls_tls12_install_keys), at the
 *   ChangeCipherSpec of each direction; wipe kb;
 *   Finished = mintls_tls12_finished(ms, sender, Hash(handshake so far)).
 */
#ifndef MINTLS_TLS12_KEY_SCHEDULE_H
#define MINTLS_TLS12_KEY_SCHEDULE_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"

#define MINTLS_TLS12_RANDOM_LEN 32
#define MINTLS_TLS12_MASTER_SECRET_LEN 48
#define MINTLS_TLS12_FINISHED_LEN 12
#define MINTLS_TLS12_MAX_HASH 48     /* SHA-384 */
#define MINTLS_TLS12_MAX_KEY 32
#define MINTLS_TLS12_GCM_SALT_LEN 4  /* RFC 5288 3: GCMNonce.salt */
#define MINTLS_TLS12_GCM_EXPLICIT_LEN 8 /* RFC 5288 3: GCMNonce.nonce_explicit */
#define MINTLS_TLS12_CHACHA_IV_LEN 12 /* RFC 7905 2 */

/*
 * PRF(secret, label, seed1 || seed2)[out_len] (RFC 5246 5) with md
 * (EVP_sha256() or EVP_sha384()). The seed comes in two parts so the
 * randoms need no concatenation; seed2 may be NULL/0. Returns 1, or 0 with
 * an error on the queue and out wiped.
 */
int mintls_tls12_prf_md(const EVP_MD *md, const uint8_t *secret, size_t secret_len,
                        const char *label, const uint8_t *seed1, size_t seed1_len,
                        const uint8_t *seed2, size_t seed2_len, uint8_t *out, size_t out_len);

/* RFC 5246 8.1: PRF(pre_master_secret, "master secret",
 * ClientHello.random + ServerHello.random)[0..47]. */
int mintls_tls12_master_secret(const EVP_MD *md, const uint8_t *pre_master, size_t pre_master_len,
                               const uint8_t *client_random, const uint8_t *server_random,
                               uint8_t *out_master);

/* RFC 7627 4: PRF(pre_master_secret, "extended master secret",
 * session_hash)[0..47]; session_hash is Hash(ClientHello..ClientKeyExchange)
 * with the suite's hash (hash_len bytes, the digest's size). */
int mintls_tls12_extended_master_secret(const EVP_MD *md, const uint8_t *pre_master,
                                        size_t pre_master_len, const uint8_t *session_hash,
                                        size_t hash_len, uint8_t *out_master);

/*
 * The key block (RFC 5246 6.3) for one AEAD suite, already split:
 * client_write_key, server_write_key, client_write_IV, server_write_IV
 * (the IVs are the GCM salts or the ChaCha20-Poly1305 IVs).
 */
typedef struct {
    const EVP_CIPHER *aead;
    size_t key_len; /* 16 or 32 */
    size_t iv_len;  /* 4 (GCM) or 12 (ChaCha20-Poly1305) */
    uint8_t client_key[MINTLS_TLS12_MAX_KEY];
    uint8_t server_key[MINTLS_TLS12_MAX_KEY];
    uint8_t client_iv[MINTLS_RECORD_MAX_IV];
    uint8_t server_iv[MINTLS_RECORD_MAX_IV];
} mintls_tls12_key_block;

/* The fixed (implicit) IV length for aead: 4 for AES-GCM, 12 for
 * ChaCha20-Poly1305, 0 for anything TLS 1.2 mintls does not use. */
size_t mintls_tls12_aead_fixed_iv_len(const EVP_CIPHER *aead);

/* PRF(master_secret, "key expansion", server_random + client_random),
 * split for aead (EVP_aes_128_gcm, EVP_aes_256_gcm, EVP_chacha20_poly1305). */
int mintls_tls12_derive_key_block(const EVP_MD *md, const EVP_CIPHER *aead, const uint8_t *master,
                           const uint8_t *client_random, const uint8_t *server_random,
                           mintls_tls12_key_block *out_kb);
void mintls_tls12_key_block_clear(mintls_tls12_key_block *kb);

/*
 * Installs one side of the key block on one direction of the record layer
 * (sequence number back to 0). client_side: the client's write keys (a
 * client's writer, a server's reader) or the server's. encrypt: the
 * direction writes (1) or reads (0).
 */
int mintls_tls12_install_keys(mintls_record_dir *dir, const mintls_tls12_key_block *kb,
                              int client_side, int encrypt);

/* RFC 5246 7.4.9: PRF(master_secret, "client finished" / "server finished",
 * handshake_hash)[0..11]; from_server picks the label. */
int mintls_tls12_finished(const EVP_MD *md, const uint8_t *master, int from_server,
                          const uint8_t *handshake_hash, size_t hash_len, uint8_t *out_verify);

#endif
