/*
 * The record layer's framing: parsing and checking record headers, handing
 * protected bodies to the direction's protection, and checking what comes
 * out; writing headers and sealing. Cryptography lives in the protection
 * implementations (record_tls13_aead.c, ...).
 */
#include "record.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/sslerr.h>
#include <string.h>

void mintls_record_dir_init(mintls_record_dir *d)
{
    memset(d, 0, sizeof(*d));
}

void mintls_record_dir_clear(mintls_record_dir *d)
{
    EVP_CIPHER_CTX_free(d->prot.aead);
    OPENSSL_cleanse(&d->prot, sizeof(d->prot));
    d->prot.ops = NULL;
    d->prot.aead = NULL;
    d->seq = 0;
}

/* ---- reading --------------------------------------------------------------- */

static mintls_record_result send_alert(mintls_record *out, uint8_t alert, int reason)
{
    out->alert = alert;
    out->reason = reason;
    return MINTLS_RECORD_SEND_ALERT;
}

/*
 * OpenSSL 3.0's reasons for a record that is too long, which tell the
 * peer's mistake by how far over it is: past its read buffer (whose body
 * room is 16707 bytes), past the largest ciphertext (2^14 + 320 in the
 * clear, 2^14 + 256 under TLS 1.3 protection), or, in the clear, just
 * past 2^14 bytes of plaintext.
 */
#define OPENSSL_READ_BUF_BODY 16707
#define OPENSSL_MAX_ENCRYPTED_LENGTH (MINTLS_RECORD_MAX_PLAINTEXT + 320)

static int overflow_reason(size_t body_len, int protected_record)
{
    if (body_len > OPENSSL_READ_BUF_BODY)
        return SSL_R_PACKET_LENGTH_TOO_LONG;
    if (protected_record || body_len > OPENSSL_MAX_ENCRYPTED_LENGTH)
        return SSL_R_ENCRYPTED_LENGTH_TOO_LONG;
    return SSL_R_DATA_LENGTH_TOO_LONG;
}

static int known_type(uint8_t type)
{
    return type == MINTLS_CT_CHANGE_CIPHER_SPEC || type == MINTLS_CT_ALERT ||
           type == MINTLS_CT_HANDSHAKE || type == MINTLS_CT_APPLICATION_DATA;
}

/* RFC 8446 5 / RFC 5246 7.1: the only change_cipher_spec is the byte 1. */
static int valid_ccs(const uint8_t *data, size_t len)
{
    return len == 1 && data[0] == 1;
}

/* Checks the plaintext of one record, whatever its protection was. */
static mintls_record_result check_content(mintls_record *out)
{
    switch (out->type) {
    case MINTLS_CT_ALERT:
        /* RFC 8446 5.1: alerts are never fragmented nor coalesced. */
        if (out->len != 2)
            return send_alert(out, MINTLS_ALERT_DECODE_ERROR, SSL_R_INVALID_ALERT);
        if (out->data[0] != MINTLS_ALERT_LEVEL_WARNING &&
            out->data[0] != MINTLS_ALERT_LEVEL_FATAL)
            return send_alert(out, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_UNKNOWN_ALERT_TYPE);
        out->alert_level = out->data[0];
        out->alert = out->data[1];
        return out->alert == MINTLS_ALERT_CLOSE_NOTIFY ? MINTLS_RECORD_CLOSE_NOTIFY
                                                       : MINTLS_RECORD_PEER_ALERT;
    case MINTLS_CT_HANDSHAKE:
        /* RFC 8446 5.1: zero-length handshake fragments must not be sent. */
        if (out->len == 0)
            return send_alert(out, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_RECORD);
        return MINTLS_RECORD_OK;
    case MINTLS_CT_CHANGE_CIPHER_SPEC:
        /* OpenSSL 3.0 answers a wrong body with illegal_parameter (RFC 8446
           5 says unexpected_message): the drop-in behaviour wins. */
        if (!valid_ccs(out->data, out->len))
            return send_alert(out, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_INVALID_CCS_MESSAGE);
        return MINTLS_RECORD_OK;
    case MINTLS_CT_APPLICATION_DATA:
        return MINTLS_RECORD_OK;
    default:
        /* Only an inner (TLS 1.3) type gets here: outer ones were checked. */
        return send_alert(out, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE);
    }
}

mintls_record_result mintls_record_read(mintls_record_dir *d, uint8_t *buf, size_t len,
                                        mintls_record *out)
{
    memset(out, 0, sizeof(*out));
    if (len < MINTLS_RECORD_HEADER_LEN) {
        out->needed = MINTLS_RECORD_HEADER_LEN;
        return MINTLS_RECORD_NEED_MORE;
    }

    /*
     * struct {
     *     ContentType type;
     *     ProtocolVersion legacy_record_version;
     *     uint16 length;
     *     opaque fragment[TLSPlaintext.length];
     * } TLSPlaintext;   (TLSCiphertext has the same header)
     */
    uint8_t type = buf[0];
    uint16_t version = (uint16_t)(buf[1] << 8 | buf[2]);
    size_t body_len = (size_t)buf[3] << 8 | buf[4];
    const mintls_record_protection *prot = &d->prot;
    int protected_record = prot->ops != NULL;
    int tls13_keys = protected_record && prot->ops->inner_content_type;

    if (!known_type(type))
        return send_alert(out, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                          tls13_keys ? SSL_R_BAD_RECORD_TYPE : SSL_R_UNEXPECTED_RECORD);
    if ((buf[1] != 0x03) || (d->version != 0 && version != d->version))
        return send_alert(out, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_WRONG_VERSION_NUMBER);

    if (tls13_keys) {
        /*
         * TLS 1.3 (RFC 8446 5): once protection is on, every record is
         * application_data on the outside, except a plaintext
         * change_cipher_spec kept for middlebox compatibility.
         */
        if (type == MINTLS_CT_CHANGE_CIPHER_SPEC)
            protected_record = 0;
        else if (type != MINTLS_CT_APPLICATION_DATA)
            return send_alert(out, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE);
    }
    size_t limit = protected_record ? prot->ops->max_ciphertext : MINTLS_RECORD_MAX_PLAINTEXT;
    if (body_len > limit)
        return send_alert(out, MINTLS_ALERT_RECORD_OVERFLOW,
                          overflow_reason(body_len, protected_record));
    if (len - MINTLS_RECORD_HEADER_LEN < body_len) {
        out->needed = MINTLS_RECORD_HEADER_LEN + body_len;
        return MINTLS_RECORD_NEED_MORE;
    }
    out->consumed = MINTLS_RECORD_HEADER_LEN + body_len;

    if (!protected_record) {
        out->type = type;
        out->data = buf + MINTLS_RECORD_HEADER_LEN;
        out->len = body_len;
        return check_content(out);
    }

    /* RFC 8446 5.3: a sequence number never wraps; rekey or close first. */
    if (d->seq == UINT64_MAX)
        return send_alert(out, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
    uint8_t alert = MINTLS_ALERT_BAD_RECORD_MAC;
    if (!d->prot.ops->open(&d->prot, d->seq, buf, out->consumed, &out->type, &out->data,
                           &out->len, &alert))
        /* open's only other refusal is a TLS 1.3 record with no content type. */
        return send_alert(out, alert,
                          alert == MINTLS_ALERT_BAD_RECORD_MAC
                              ? SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC
                              : SSL_R_BAD_RECORD_TYPE);
    d->seq++;
    if (out->len > MINTLS_RECORD_MAX_PLAINTEXT)
        return send_alert(out, MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_DATA_LENGTH_TOO_LONG);
    /* RFC 8446 5: a protected change_cipher_spec is never acceptable. */
    if (prot->ops->inner_content_type && out->type == MINTLS_CT_CHANGE_CIPHER_SPEC)
        return send_alert(out, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_BAD_RECORD_TYPE);
    return check_content(out);
}

/* ---- writing --------------------------------------------------------------- */

size_t mintls_record_write_offset(const mintls_record_dir *d)
{
    return MINTLS_RECORD_HEADER_LEN + (d->prot.ops != NULL ? d->prot.prefix_len : 0);
}

size_t mintls_record_write_size(const mintls_record_dir *d, size_t len, size_t padding)
{
    size_t n = MINTLS_RECORD_HEADER_LEN + len;
    if (d->prot.ops != NULL)
        n += d->prot.prefix_len + d->prot.suffix_len + padding;
    return n;
}

int mintls_record_write(mintls_record_dir *d, uint8_t type, const uint8_t *data, size_t len,
                        size_t padding, uint8_t *out, size_t out_cap, size_t *out_len)
{
    int protected_record = d->prot.ops != NULL;
    /* RFC 8446 5: the compatibility change_cipher_spec always goes out in
     * the clear, even once handshake keys are in place. */
    if (protected_record && d->prot.ops->inner_content_type &&
        type == MINTLS_CT_CHANGE_CIPHER_SPEC)
        protected_record = 0;
    *out_len = 0;
    if (!known_type(type) || len > MINTLS_RECORD_MAX_PLAINTEXT ||
        (padding != 0 && !(protected_record && d->prot.ops->inner_content_type)) ||
        padding > MINTLS_RECORD_MAX_PLAINTEXT - len ||
        (data == NULL && len != 0)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    size_t need = protected_record ? mintls_record_write_size(d, len, padding)
                                   : MINTLS_RECORD_HEADER_LEN + len;
    if (need > out_cap) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    uint8_t *body = out + (protected_record ? mintls_record_write_offset(d)
                                            : MINTLS_RECORD_HEADER_LEN);
    if (len != 0 && data != body)
        memmove(body, data, len);
    if (!protected_record) {
        /* Under TLS 1.3 keys (the CCS above) the record version is 0x0303. */
        uint16_t version = d->prot.ops != NULL ? 0x0303 : d->version;
        out[0] = type;
        out[1] = (uint8_t)(version >> 8);
        out[2] = (uint8_t)version;
        out[3] = (uint8_t)(len >> 8);
        out[4] = (uint8_t)len;
        *out_len = MINTLS_RECORD_HEADER_LEN + len;
        return 1;
    }
    if (d->seq == UINT64_MAX) {
        /* The caller must have sent a KeyUpdate (or closed) long before. */
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    if (!d->prot.ops->seal(&d->prot, d->seq, type, d->version, out, len, padding, out_len)) {
        OPENSSL_cleanse(out, mintls_record_write_size(d, len, padding));
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    d->seq++;
    return 1;
}
