/*
 * TLS 1.2 AEAD record protection (RFC 5246 6.2.3.3) for the two AEAD
 * families of the TLS 1.2 suites mintls speaks:
 *
 * AES-GCM (RFC 5288 3):
 *   GCMNonce         = salt (4 bytes, from the key block) || nonce_explicit (8)
 *   body             = nonce_explicit || ciphertext || tag
 *   nonce_explicit is the record's sequence number (as BoringSSL and Go
 *   send it): unique per key with no state beyond seq. OpenSSL 3.0 instead
 *   starts from a random value and counts up by one per record (seen on the
 *   wire); RFC 5288 3 leaves the choice to the sender, so a reader takes
 *   whatever 8 bytes the peer sent.
 *
 * ChaCha20-Poly1305 (RFC 7905 2):
 *   nonce            = IV (12 bytes) XOR (64-bit sequence number, left-padded)
 *   body             = ciphertext || tag (no explicit part)
 *
 * Both:
 *   additional_data  = seq_num (8) || type || version (2) || plaintext length (2)
 *
 * As in record_tls13_aead.c the key is expanded once at install; each record
 * only sets the nonce. The content type is the outer one (no inner type, no
 * padding), and the reader's limits are record.c's: ciphertext up to
 * OpenSSL's 2^14 + 320 (not RFC 5246's 2^14 + 2048: no AEAD record is more
 * than 2^14 + 24, and OpenSSL 3.0 without compression refuses longer ones
 * with ENCRYPTED_LENGTH_TOO_LONG, and past 16707 body bytes with
 * PACKET_LENGTH_TOO_LONG), plaintext 2^14. A body too short for the
 * explicit nonce and tag is bad_record_mac, as in OpenSSL 3.0.
 */
#include "record.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <string.h>

#define TLS12_AAD_LEN 13
#define GCM_SALT_LEN 4
#define GCM_EXPLICIT_LEN 8
#define CHACHA_IV_LEN 12
/* OpenSSL 3.0's largest TLS 1.2 ciphertext without compression. */
#define TLS12_READ_MAX_CIPHERTEXT (MINTLS_RECORD_MAX_PLAINTEXT + 320)

static void put_u64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (56 - 8 * i));
}

static void make_aad(uint8_t *aad, uint64_t seq, uint8_t type, uint16_t version, size_t len)
{
    put_u64(aad, seq);
    aad[8] = type;
    aad[9] = (uint8_t)(version >> 8);
    aad[10] = (uint8_t)version;
    aad[11] = (uint8_t)(len >> 8);
    aad[12] = (uint8_t)len;
}

/*
 * The 12-byte nonce: GCM takes the salt and the 8 explicit bytes (which
 * seal has just written, or the peer sent); ChaCha20 XORs seq into its IV.
 */
static void make_nonce(const mintls_record_protection *p, uint64_t seq,
                       const uint8_t *explicit_part, uint8_t *nonce)
{
    if (p->prefix_len == GCM_EXPLICIT_LEN) {
        memcpy(nonce, p->iv, GCM_SALT_LEN);
        memcpy(nonce + GCM_SALT_LEN, explicit_part, GCM_EXPLICIT_LEN);
        return;
    }
    memcpy(nonce, p->iv, CHACHA_IV_LEN);
    for (size_t i = 0; i < 8; i++)
        nonce[CHACHA_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
}

static int tls12_seal(mintls_record_protection *p, uint64_t seq, uint8_t type, uint16_t version,
                      uint8_t *record, size_t len, size_t padding, size_t *out_record_len)
{
    uint8_t nonce[MINTLS_RECORD_MAX_IV], aad[TLS12_AAD_LEN];
    uint8_t *body = record + MINTLS_RECORD_HEADER_LEN;
    uint8_t *text = body + p->prefix_len;
    size_t body_len = p->prefix_len + len + p->tag_len;
    int outl = 0;

    if (padding != 0) /* TLS 1.2 has no record padding */
        return 0;
    record[0] = type;
    record[1] = (uint8_t)(version >> 8);
    record[2] = (uint8_t)version;
    record[3] = (uint8_t)(body_len >> 8);
    record[4] = (uint8_t)body_len;
    if (p->prefix_len != 0)
        put_u64(body, seq); /* nonce_explicit */
    make_nonce(p, seq, body, nonce);
    make_aad(aad, seq, type, version, len);
    int ok = EVP_CipherInit_ex(p->aead, NULL, NULL, NULL, nonce, 1) &&
             EVP_EncryptUpdate(p->aead, NULL, &outl, aad, TLS12_AAD_LEN) &&
             EVP_EncryptUpdate(p->aead, text, &outl, text, (int)len) &&
             EVP_EncryptFinal_ex(p->aead, text + len, &outl) &&
             EVP_CIPHER_CTX_ctrl(p->aead, EVP_CTRL_AEAD_GET_TAG, (int)p->tag_len, text + len) > 0;
    OPENSSL_cleanse(nonce, sizeof(nonce));
    if (ok)
        *out_record_len = MINTLS_RECORD_HEADER_LEN + body_len;
    return ok;
}

static int tls12_open(mintls_record_protection *p, uint64_t seq, uint8_t *record,
                      size_t record_len, uint8_t *out_type, uint8_t **out_data, size_t *out_len,
                      uint8_t *out_alert)
{
    uint8_t nonce[MINTLS_RECORD_MAX_IV], aad[TLS12_AAD_LEN];
    uint8_t *body = record + MINTLS_RECORD_HEADER_LEN;
    size_t body_len = record_len - MINTLS_RECORD_HEADER_LEN;
    int outl = 0;

    *out_alert = MINTLS_ALERT_BAD_RECORD_MAC;
    /* Too short for the explicit nonce and a tag: it cannot authenticate. */
    if (body_len < p->prefix_len + p->tag_len) {
        OPENSSL_cleanse(body, body_len);
        return 0;
    }
    size_t len = body_len - p->prefix_len - p->tag_len;
    uint8_t *text = body + p->prefix_len;
    uint8_t type = record[0];
    uint16_t version = (uint16_t)(record[1] << 8 | record[2]);
    make_nonce(p, seq, body, nonce);
    make_aad(aad, seq, type, version, len);
    int ok = EVP_CipherInit_ex(p->aead, NULL, NULL, NULL, nonce, 0) &&
             EVP_CIPHER_CTX_ctrl(p->aead, EVP_CTRL_AEAD_SET_TAG, (int)p->tag_len, text + len) > 0 &&
             EVP_DecryptUpdate(p->aead, NULL, &outl, aad, TLS12_AAD_LEN) &&
             EVP_DecryptUpdate(p->aead, text, &outl, text, (int)len) &&
             EVP_DecryptFinal_ex(p->aead, text + len, &outl) > 0;
    OPENSSL_cleanse(nonce, sizeof(nonce));
    if (!ok) {
        /* Never leave unauthenticated plaintext in the caller's buffer. */
        OPENSSL_cleanse(body, body_len);
        return 0;
    }
    *out_type = type;
    *out_data = text;
    *out_len = len;
    return 1;
}

static const mintls_record_protection_ops tls12_aead_ops = {
    .name = "TLS 1.2 AEAD",
    .inner_content_type = 0,
    .max_ciphertext = TLS12_READ_MAX_CIPHERTEXT,
    .seal = tls12_seal,
    .open = tls12_open,
};

int mintls_record_dir_set_tls12_aead(mintls_record_dir *d, const EVP_CIPHER *aead,
                                     const uint8_t *key, size_t key_len, const uint8_t *iv,
                                     size_t iv_len, int encrypt)
{
    int nid = aead != NULL ? EVP_CIPHER_get_nid(aead) : 0;
    int gcm = nid == NID_aes_128_gcm || nid == NID_aes_256_gcm;
    mintls_record_dir_clear(d);
    if ((!gcm && nid != NID_chacha20_poly1305) ||
        iv_len != (gcm ? GCM_SALT_LEN : CHACHA_IV_LEN) || key == NULL || iv == NULL ||
        (int)key_len != EVP_CIPHER_get_key_length(aead)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL || !EVP_CipherInit_ex(ctx, aead, NULL, NULL, NULL, encrypt ? 1 : 0) ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, NULL) <= 0 ||
        !EVP_CipherInit_ex(ctx, NULL, NULL, key, NULL, encrypt ? 1 : 0)) {
        EVP_CIPHER_CTX_free(ctx);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    d->prot.ops = &tls12_aead_ops;
    d->prot.aead = ctx;
    memcpy(d->prot.iv, iv, iv_len);
    d->prot.iv_len = iv_len;
    d->prot.tag_len = MINTLS_RECORD_AEAD_TAG;
    d->prot.prefix_len = gcm ? GCM_EXPLICIT_LEN : 0;
    d->prot.suffix_len = MINTLS_RECORD_AEAD_TAG;
    d->seq = 0;
    return 1;
}
