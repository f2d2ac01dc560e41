/*
 * The TLS 1.2 key schedule (RFC 5246 5, 6.3, 7.4.9, 8.1; RFC 7627 4) over
 * libcrypto's public HMAC_CTX.
 *
 * P_hash(secret, seed) = HMAC(secret, A(1) || seed) || HMAC(secret, A(2) || seed) || ...
 *   A(0) = seed, A(i) = HMAC(secret, A(i-1)), seed = label || seed1 || seed2
 *
 * The secret is keyed into one HMAC_CTX once; every HMAC after that starts
 * from a copy of it. Derivations happen a handful of times per handshake,
 * never per record.
 */
#include "tls12_key_schedule.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <string.h>

static int md_len(const EVP_MD *md, size_t *out)
{
    int n = md != NULL ? EVP_MD_get_size(md) : 0;
    /* TLS 1.2 AEAD suites use SHA-256 or SHA-384; nothing else is a PRF hash here. */
    if (n != 32 && n != 48) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    *out = (size_t)n;
    return 1;
}

/* One HMAC from the keyed base context over up to four parts. */
static int hmac_parts(HMAC_CTX *base, HMAC_CTX *c, const uint8_t *p1, size_t l1,
                      const uint8_t *p2, size_t l2, const uint8_t *p3, size_t l3,
                      const uint8_t *p4, size_t l4, uint8_t *out)
{
    unsigned int outl = 0;
    return HMAC_CTX_copy(c, base) && HMAC_Update(c, p1, l1) &&
           (l2 == 0 || HMAC_Update(c, p2, l2)) &&
           (l3 == 0 || HMAC_Update(c, p3, l3)) && (l4 == 0 || HMAC_Update(c, p4, l4)) &&
           HMAC_Final(c, out, &outl);
}

int mintls_tls12_prf_md(const EVP_MD *md, const uint8_t *secret, size_t secret_len,
                        const char *label, const uint8_t *seed1, size_t seed1_len,
                        const uint8_t *seed2, size_t seed2_len, uint8_t *out, size_t out_len)
{
    uint8_t a[MINTLS_TLS12_MAX_HASH], block[MINTLS_TLS12_MAX_HASH];
    size_t dl, done = 0;
    if (!md_len(md, &dl))
        return 0;
    if (label == NULL || out == NULL || secret_len > INT32_MAX || (secret == NULL && secret_len) ||
        (seed1 == NULL && seed1_len) || (seed2 == NULL && seed2_len)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    const uint8_t *lab = (const uint8_t *)label;
    size_t label_len = strlen(label);
    HMAC_CTX *base = HMAC_CTX_new(), *c = HMAC_CTX_new();
    /* HMAC_Init_ex takes a NULL key as "keep the old one": an empty secret
     * needs a real (empty) buffer. */
    static const uint8_t empty[1];
    int ok = base != NULL && c != NULL &&
             HMAC_Init_ex(base, secret_len ? secret : empty, (int)secret_len, md, NULL) &&
             /* A(1) = HMAC(secret, label || seed) */
             hmac_parts(base, c, lab, label_len, seed1, seed1_len, seed2, seed2_len, NULL, 0, a);
    while (ok && done < out_len) {
        size_t n = out_len - done < dl ? out_len - done : dl;
        ok = hmac_parts(base, c, a, dl, lab, label_len, seed1, seed1_len, seed2, seed2_len, block);
        if (!ok)
            break;
        memcpy(out + done, block, n);
        done += n;
        if (done < out_len) /* A(i+1) = HMAC(secret, A(i)) */
            ok = hmac_parts(base, c, a, dl, NULL, 0, NULL, 0, NULL, 0, a);
    }
    HMAC_CTX_free(base); /* frees wipe the keyed state */
    HMAC_CTX_free(c);
    OPENSSL_cleanse(a, sizeof(a));
    OPENSSL_cleanse(block, sizeof(block));
    if (!ok) {
        OPENSSL_cleanse(out, out_len);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    }
    return ok;
}

int mintls_tls12_master_secret(const EVP_MD *md, const uint8_t *pre_master, size_t pre_master_len,
                               const uint8_t *client_random, const uint8_t *server_random,
                               uint8_t *out_master)
{
    if (client_random == NULL || server_random == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return mintls_tls12_prf_md(md, pre_master, pre_master_len, "master secret", client_random,
                               MINTLS_TLS12_RANDOM_LEN, server_random, MINTLS_TLS12_RANDOM_LEN,
                               out_master, MINTLS_TLS12_MASTER_SECRET_LEN);
}

int mintls_tls12_extended_master_secret(const EVP_MD *md, const uint8_t *pre_master,
                                        size_t pre_master_len, const uint8_t *session_hash,
                                        size_t hash_len, uint8_t *out_master)
{
    size_t dl;
    if (!md_len(md, &dl))
        return 0;
    if (session_hash == NULL || hash_len != dl) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return mintls_tls12_prf_md(md, pre_master, pre_master_len, "extended master secret",
                               session_hash, hash_len, NULL, 0, out_master,
                               MINTLS_TLS12_MASTER_SECRET_LEN);
}

size_t mintls_tls12_aead_fixed_iv_len(const EVP_CIPHER *aead)
{
    switch (aead != NULL ? EVP_CIPHER_get_nid(aead) : 0) {
    case NID_aes_128_gcm:
    case NID_aes_256_gcm:
        return MINTLS_TLS12_GCM_SALT_LEN;
    case NID_chacha20_poly1305:
        return MINTLS_TLS12_CHACHA_IV_LEN;
    default:
        return 0;
    }
}

void mintls_tls12_key_block_clear(mintls_tls12_key_block *kb)
{
    OPENSSL_cleanse(kb, sizeof(*kb));
}

int mintls_tls12_derive_key_block(const EVP_MD *md, const EVP_CIPHER *aead, const uint8_t *master,
                           const uint8_t *client_random, const uint8_t *server_random,
                           mintls_tls12_key_block *out_kb)
{
    /* 2 * (32 + 12): the largest block an AEAD suite needs. */
    uint8_t block[2 * (MINTLS_TLS12_MAX_KEY + MINTLS_RECORD_MAX_IV)];
    size_t iv_len = mintls_tls12_aead_fixed_iv_len(aead);
    int key_len = aead != NULL ? EVP_CIPHER_get_key_length(aead) : 0;

    memset(out_kb, 0, sizeof(*out_kb));
    if (iv_len == 0 || key_len <= 0 || key_len > MINTLS_TLS12_MAX_KEY || master == NULL ||
        client_random == NULL || server_random == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    size_t kl = (size_t)key_len, total = 2 * (kl + iv_len);
    /* RFC 5246 6.3: the seed is server_random + client_random here, the
     * other way round from the master secret. */
    if (!mintls_tls12_prf_md(md, master, MINTLS_TLS12_MASTER_SECRET_LEN, "key expansion",
                             server_random, MINTLS_TLS12_RANDOM_LEN, client_random,
                             MINTLS_TLS12_RANDOM_LEN, block, total))
        return 0;
    /* client_write_MAC_key and server_write_MAC_key are empty for AEADs. */
    memcpy(out_kb->client_key, block, kl);
    memcpy(out_kb->server_key, block + kl, kl);
    memcpy(out_kb->client_iv, block + 2 * kl, iv_len);
    memcpy(out_kb->server_iv, block + 2 * kl + iv_len, iv_len);
    OPENSSL_cleanse(block, sizeof(block));
    out_kb->aead = aead;
    out_kb->key_len = kl;
    out_kb->iv_len = iv_len;
    return 1;
}

int mintls_tls12_install_keys(mintls_record_dir *dir, const mintls_tls12_key_block *kb,
                              int client_side, int encrypt)
{
    return mintls_record_dir_set_tls12_aead(dir, kb->aead,
                                            client_side ? kb->client_key : kb->server_key,
                                            kb->key_len,
                                            client_side ? kb->client_iv : kb->server_iv,
                                            kb->iv_len, encrypt);
}

int mintls_tls12_finished(const EVP_MD *md, const uint8_t *master, int from_server,
                          const uint8_t *handshake_hash, size_t hash_len, uint8_t *out_verify)
{
    size_t dl;
    if (!md_len(md, &dl))
        return 0;
    if (master == NULL || handshake_hash == NULL || hash_len != dl) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return mintls_tls12_prf_md(md, master, MINTLS_TLS12_MASTER_SECRET_LEN,
                               from_server ? "server finished" : "client finished",
                               handshake_hash, hash_len, NULL, 0, out_verify,
                               MINTLS_TLS12_FINISHED_LEN);
}
