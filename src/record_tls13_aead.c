/*
 * TLS 1.3 record protection (RFC 8446 5.2-5.4) with the AEADs of the TLS 1.3
 * suites: AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305, through
 * libcrypto's EVP_CIPHER interface.
 *
 *   nonce            = write_iv XOR (64-bit sequence number, left-padded)
 *   additional_data  = the record header (opaque_type, legacy_record_version,
 *                      length of the ciphertext)
 *   TLSInnerPlaintext = content || ContentType || zeros (padding)
 *
 * The key is expanded once when installed; each record only sets the nonce,
 * so sealing and opening allocate nothing.
 */
#include "record.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <string.h>

static void make_nonce(const mintls_record_protection *p, uint64_t seq, uint8_t *nonce)
{
    memcpy(nonce, p->iv, p->iv_len);
    for (size_t i = 0; i < 8; i++)
        nonce[p->iv_len - 1 - i] ^= (uint8_t)(seq >> (8 * i));
}

static int tls13_seal(mintls_record_protection *p, uint64_t seq, uint8_t type,
                      uint16_t version, uint8_t *record, size_t len, size_t padding,
                      size_t *out_record_len)
{
    (void)version; /* TLS 1.3 always writes 0x0303 on protected records */
    uint8_t nonce[MINTLS_RECORD_MAX_IV];
    uint8_t *body = record + MINTLS_RECORD_HEADER_LEN;
    size_t inner_len = len + 1 + padding;
    size_t body_len = inner_len + p->tag_len;
    int outl = 0;

    body[len] = type;
    memset(body + len + 1, 0, padding);
    record[0] = MINTLS_CT_APPLICATION_DATA;
    record[1] = 0x03;
    record[2] = 0x03;
    record[3] = (uint8_t)(body_len >> 8);
    record[4] = (uint8_t)body_len;

    make_nonce(p, seq, nonce);
    int ok = EVP_CipherInit_ex(p->aead, NULL, NULL, NULL, nonce, 1) &&
             EVP_EncryptUpdate(p->aead, NULL, &outl, record, MINTLS_RECORD_HEADER_LEN) &&
             EVP_EncryptUpdate(p->aead, body, &outl, body, (int)inner_len) &&
             EVP_EncryptFinal_ex(p->aead, body + inner_len, &outl) &&
             EVP_CIPHER_CTX_ctrl(p->aead, EVP_CTRL_AEAD_GET_TAG, (int)p->tag_len,
                                 body + inner_len) > 0;
    if (ok)
        *out_record_len = MINTLS_RECORD_HEADER_LEN + body_len;
    return ok;
}

static int tls13_open(mintls_record_protection *p, uint64_t seq, uint8_t *record,
                      size_t record_len, uint8_t *out_type, uint8_t **out_data, size_t *out_len,
                      uint8_t *out_alert)
{
    uint8_t nonce[MINTLS_RECORD_MAX_IV];
    uint8_t *body = record + MINTLS_RECORD_HEADER_LEN;
    size_t body_len = record_len - MINTLS_RECORD_HEADER_LEN;
    int outl = 0;

    *out_alert = MINTLS_ALERT_BAD_RECORD_MAC;
    /* Too short to hold a tag: it cannot authenticate. */
    if (body_len < p->tag_len)
        return 0;
    size_t inner_len = body_len - p->tag_len;
    make_nonce(p, seq, nonce);
    int ok = EVP_CipherInit_ex(p->aead, NULL, NULL, NULL, nonce, 0) &&
             EVP_CIPHER_CTX_ctrl(p->aead, EVP_CTRL_AEAD_SET_TAG, (int)p->tag_len,
                                 body + inner_len) > 0 &&
             EVP_DecryptUpdate(p->aead, NULL, &outl, record, MINTLS_RECORD_HEADER_LEN) &&
             EVP_DecryptUpdate(p->aead, body, &outl, body, (int)inner_len) &&
             EVP_DecryptFinal_ex(p->aead, body + inner_len, &outl) > 0;
    if (!ok) {
        /* Never leave unauthenticated plaintext in the caller's buffer. */
        OPENSSL_cleanse(body, body_len);
        return 0;
    }

    /* RFC 8446 5.4: the content type is the last non-zero byte. Padding
     * length is public (it is in the record length), so scanning is fine. */
    size_t n = inner_len;
    while (n > 0 && body[n - 1] == 0)
        n--;
    if (n == 0) {
        *out_alert = MINTLS_ALERT_UNEXPECTED_MESSAGE;
        return 0;
    }
    *out_type = body[n - 1];
    *out_data = body;
    *out_len = n - 1;
    return 1;
}

static const mintls_record_protection_ops tls13_aead_ops = {
    .name = "TLS 1.3 AEAD",
    .inner_content_type = 1,
    .max_ciphertext = MINTLS_TLS13_MAX_CIPHERTEXT,
    .seal = tls13_seal,
    .open = tls13_open,
};

int mintls_record_dir_set_tls13_aead(mintls_record_dir *d, const EVP_CIPHER *aead,
                                     const uint8_t *key, size_t key_len, const uint8_t *iv,
                                     size_t iv_len, int encrypt)
{
    int nid = aead != NULL ? EVP_CIPHER_get_nid(aead) : 0;
    mintls_record_dir_clear(d);
    if ((nid != NID_aes_128_gcm && nid != NID_aes_256_gcm && nid != NID_chacha20_poly1305) ||
        iv_len != MINTLS_TLS13_IV_LEN || key == NULL || iv == NULL ||
        (int)key_len != EVP_CIPHER_get_key_length(aead)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL ||
        !EVP_CipherInit_ex(ctx, aead, NULL, NULL, NULL, encrypt ? 1 : 0) ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)iv_len, NULL) <= 0 ||
        !EVP_CipherInit_ex(ctx, NULL, NULL, key, NULL, encrypt ? 1 : 0)) {
        EVP_CIPHER_CTX_free(ctx);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    d->prot.ops = &tls13_aead_ops;
    d->prot.aead = ctx;
    memcpy(d->prot.iv, iv, iv_len);
    d->prot.iv_len = iv_len;
    d->prot.tag_len = MINTLS_RECORD_AEAD_TAG;
    d->prot.prefix_len = 0;
    d->prot.suffix_len = 1 + MINTLS_RECORD_AEAD_TAG;
    d->seq = 0;
    return 1;
}
