/*
 * The record layer (src/record.c, src/record_tls13_aead.c): every alert
 * the reader can ask for (RFC 8446 5, 5.1, 5.2, 5.4, 6), input arriving a
 * byte at a time, record size limits, sequence numbers and nonces, and the
 * writer. Protected records are also built here straight from EVP, so the
 * reader is checked against an independent sealer.
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "test.h"

#define BUF (MINTLS_RECORD_READ_BUF + 64)

static uint8_t key[32], iv[12];

static void setup(const EVP_CIPHER *aead, mintls_record_dir *w, mintls_record_dir *r)
{
    mintls_record_dir_init(w);
    mintls_record_dir_init(r);
    size_t kl = (size_t)EVP_CIPHER_get_key_length(aead);
    CHECK(mintls_record_dir_set_tls13_aead(w, aead, key, kl, iv, 12, 1));
    CHECK(mintls_record_dir_set_tls13_aead(r, aead, key, kl, iv, 12, 0));
    r->version = 0x0303;
}

static void teardown(mintls_record_dir *w, mintls_record_dir *r)
{
    mintls_record_dir_clear(w);
    mintls_record_dir_clear(r);
}

/* A TLS 1.3 record sealed with EVP directly: the inner plaintext is taken
 * as given (content, type and padding all up to the caller). */
static size_t raw_seal(const EVP_CIPHER *aead, uint64_t seq, const uint8_t *inner,
                       size_t inner_len, uint8_t *out)
{
    uint8_t nonce[12];
    memcpy(nonce, iv, 12);
    for (int i = 0; i < 8; i++)
        nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
    size_t body = inner_len + 16;
    out[0] = 23, out[1] = 3, out[2] = 3, out[3] = (uint8_t)(body >> 8), out[4] = (uint8_t)body;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int outl = 0;
    CHECK(EVP_EncryptInit_ex(c, aead, NULL, key, nonce));
    CHECK(EVP_EncryptUpdate(c, NULL, &outl, out, 5));
    CHECK(EVP_EncryptUpdate(c, out + 5, &outl, inner, (int)inner_len));
    CHECK(EVP_EncryptFinal_ex(c, out + 5 + inner_len, &outl));
    CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, out + 5 + inner_len) > 0);
    EVP_CIPHER_CTX_free(c);
    return 5 + body;
}

static mintls_record_result read1(mintls_record_dir *r, uint8_t *buf, size_t len,
                                  mintls_record *rec)
{
    return mintls_record_read(r, buf, len, rec);
}

/* Expects SEND_ALERT with the given description. */
static void expect_alert(mintls_record_dir *r, uint8_t *buf, size_t len, uint8_t alert,
                         const char *what)
{
    mintls_record rec;
    mintls_record_result res = read1(r, buf, len, &rec);
    if (!CHECK(res == MINTLS_RECORD_SEND_ALERT && rec.alert == alert))
        fprintf(stderr, "  %s: result %d alert %u, want alert %u\n", what, (int)res,
                rec.alert, alert);
}

static size_t plain_record(uint8_t *out, uint8_t type, uint16_t version, const uint8_t *data,
                           size_t len)
{
    out[0] = type, out[1] = (uint8_t)(version >> 8), out[2] = (uint8_t)version;
    out[3] = (uint8_t)(len >> 8), out[4] = (uint8_t)len;
    if (len != 0)
        memcpy(out + 5, data, len);
    return 5 + len;
}

static uint8_t buf[BUF], buf2[BUF];

/* ---- unprotected records ------------------------------------------------------ */

static void test_plaintext(void)
{
    mintls_record_dir r;
    mintls_record_dir_init(&r);
    mintls_record rec;
    uint8_t data[100];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i + 1);

    /* One byte at a time: "need more" until the record is complete. */
    size_t n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0301, data, sizeof(data));
    for (size_t i = 0; i < n; i++) {
        mintls_record_result res = read1(&r, buf, i, &rec);
        CHECK(res == MINTLS_RECORD_NEED_MORE);
        CHECK(rec.needed == (i < 5 ? 5 : n));
    }
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_HANDSHAKE && rec.len == 100 && rec.consumed == n);
    CHECK(rec.data == buf + 5 && memcmp(rec.data, data, 100) == 0);
    CHECK(r.seq == 0); /* plaintext records carry no sequence number */

    /* Two records back to back: the first is returned, consumed says where
     * the next starts. */
    size_t m = plain_record(buf + n, MINTLS_CT_APPLICATION_DATA, 0x0303, data, 7);
    CHECK(read1(&r, buf, n + m, &rec) == MINTLS_RECORD_OK && rec.consumed == n);
    CHECK(read1(&r, buf + n, m, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_APPLICATION_DATA && rec.len == 7);

    /* Content types other than the four of RFC 8446 5.1. */
    static const uint8_t bad_types[] = {0, 19, 24, 25, 255};
    for (size_t i = 0; i < sizeof(bad_types); i++) {
        n = plain_record(buf, bad_types[i], 0x0303, data, 4);
        expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "unknown type");
        /* Decided from the header alone. */
        expect_alert(&r, buf, 5, MINTLS_ALERT_UNEXPECTED_MESSAGE, "unknown type, header");
    }

    /* legacy_record_version: any 0x03XX until a version is set, then exact. */
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0200, data, 4);
    expect_alert(&r, buf, n, MINTLS_ALERT_PROTOCOL_VERSION, "SSL 2 version");
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x1603, data, 4);
    expect_alert(&r, buf, n, MINTLS_ALERT_PROTOCOL_VERSION, "not TLS");
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0300, data, 4);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    r.version = 0x0303;
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0301, data, 4);
    expect_alert(&r, buf, n, MINTLS_ALERT_PROTOCOL_VERSION, "0x0301 after negotiation");
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0303, data, 4);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);

    /* Plaintext over 2^14 (RFC 8446 5.1): rejected once the header is in. */
    static uint8_t big[MINTLS_RECORD_MAX_PLAINTEXT + 1];
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0303, big, sizeof(big));
    expect_alert(&r, buf, 5, MINTLS_ALERT_RECORD_OVERFLOW, "plaintext 2^14+1, header");
    expect_alert(&r, buf, n, MINTLS_ALERT_RECORD_OVERFLOW, "plaintext 2^14+1");
    n = plain_record(buf, MINTLS_CT_APPLICATION_DATA, 0x0303, big, sizeof(big) - 1);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 16384);

    /* Empty records: application data may be empty, handshake may not. */
    n = plain_record(buf, MINTLS_CT_APPLICATION_DATA, 0x0303, NULL, 0);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 0);
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0303, NULL, 0);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "empty handshake");

    /* Alerts: exactly two bytes, a known level. */
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){1, 0}, 2);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_CLOSE_NOTIFY);
    CHECK(rec.alert_level == 1 && rec.alert == 0 && rec.consumed == n);
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){2, 40}, 2);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_PEER_ALERT);
    CHECK(rec.alert_level == 2 && rec.alert == MINTLS_ALERT_HANDSHAKE_FAILURE);
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){1, 90}, 2);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_PEER_ALERT);
    CHECK(rec.alert_level == 1 && rec.alert == MINTLS_ALERT_USER_CANCELED);
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){2}, 1);
    expect_alert(&r, buf, n, MINTLS_ALERT_DECODE_ERROR, "1-byte alert");
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){2, 40, 2, 40}, 4);
    expect_alert(&r, buf, n, MINTLS_ALERT_DECODE_ERROR, "two alerts in a record");
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, NULL, 0);
    expect_alert(&r, buf, n, MINTLS_ALERT_DECODE_ERROR, "empty alert");
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){3, 0}, 2);
    expect_alert(&r, buf, n, MINTLS_ALERT_ILLEGAL_PARAMETER, "alert level 3");

    /* change_cipher_spec: only the single byte 1. */
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, (const uint8_t[]){1}, 1);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_CHANGE_CIPHER_SPEC && rec.len == 1);
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, (const uint8_t[]){2}, 1);
    expect_alert(&r, buf, n, MINTLS_ALERT_ILLEGAL_PARAMETER, "CCS 0x02");
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, (const uint8_t[]){1, 1}, 2);
    expect_alert(&r, buf, n, MINTLS_ALERT_ILLEGAL_PARAMETER, "CCS 2 bytes");
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, NULL, 0);
    expect_alert(&r, buf, n, MINTLS_ALERT_ILLEGAL_PARAMETER, "CCS empty");
    mintls_record_dir_clear(&r);
}

/* ---- TLS 1.3 protected records ------------------------------------------------- */

static void test_protected(const EVP_CIPHER *aead, const char *name)
{
    fprintf(stderr, "-- %s\n", name);
    mintls_record_dir w, r;
    setup(aead, &w, &r);
    mintls_record rec;
    size_t n = 0;
    uint8_t data[300];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 3);

    /* Sealed by the writer, arriving one byte at a time. */
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, sizeof(data), 0, buf,
                              sizeof(buf), &n));
    CHECK(n == 5 + 300 + 1 + 16);
    CHECK(buf[0] == 23 && buf[1] == 3 && buf[2] == 3 && (size_t)(buf[3] << 8 | buf[4]) == n - 5);
    CHECK(w.seq == 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(buf2, buf, i);
        CHECK(read1(&r, buf2, i, &rec) == MINTLS_RECORD_NEED_MORE);
        CHECK(rec.needed == (i < 5 ? 5 : n));
    }
    CHECK(r.seq == 0);
    memcpy(buf2, buf, n);
    CHECK(read1(&r, buf2, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_APPLICATION_DATA && rec.len == 300 && rec.consumed == n);
    CHECK(rec.data == buf2 + 5 && memcmp(rec.data, data, 300) == 0);
    CHECK(r.seq == 1);

    /* The writer's record equals one sealed straight with EVP (seq 1). */
    uint8_t inner[400];
    memcpy(inner, data, 300);
    inner[300] = MINTLS_CT_HANDSHAKE;
    memset(inner + 301, 0, 20);
    size_t m = raw_seal(aead, 1, inner, 321, buf2);
    CHECK(mintls_record_write(&w, MINTLS_CT_HANDSHAKE, data, 300, 20, buf, sizeof(buf), &n));
    CHECK(n == m);
    CHECK_MEM(buf, buf2, m, "writer vs EVP, with padding");
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_HANDSHAKE && rec.len == 300 && memcmp(rec.data, data, 300) == 0);
    CHECK(w.seq == 2 && r.seq == 2);

    /* Sequence numbers: the nonce is iv XOR seq over all 64 bits. */
    r.seq = 0x0102030405060708ULL;
    inner[0] = 'x', inner[1] = MINTLS_CT_APPLICATION_DATA;
    n = raw_seal(aead, 0x0102030405060708ULL, inner, 2, buf);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 1 && rec.data[0] == 'x');
    CHECK(r.seq == 0x0102030405060709ULL);
    n = raw_seal(aead, 0x0102030405060708ULL, inner, 2, buf); /* replayed */
    expect_alert(&r, buf, n, MINTLS_ALERT_BAD_RECORD_MAC, "replayed record");

    /* In order, five records; out of order fails. */
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
    setup(aead, &w, &r);
    size_t off[6] = {0};
    for (int i = 0; i < 5; i++) {
        data[0] = (uint8_t)i;
        CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf + off[i],
                                  sizeof(buf) - off[i], &n));
        off[i + 1] = off[i] + n;
        CHECK(w.seq == (uint64_t)i + 1);
    }
    memcpy(buf2, buf, off[5]);
    expect_alert(&r, buf2 + off[1], off[2] - off[1], MINTLS_ALERT_BAD_RECORD_MAC,
                 "skipped a record");
    r.seq = 0;
    size_t at = 0;
    for (int i = 0; i < 5; i++) {
        CHECK(read1(&r, buf + at, off[5] - at, &rec) == MINTLS_RECORD_OK);
        CHECK(rec.len == 10 && rec.data[0] == (uint8_t)i && r.seq == (uint64_t)i + 1);
        at += rec.consumed;
    }
    CHECK(at == off[5]);

    /* Tampering: ciphertext, tag and header (the additional data). */
    r.seq = 0;
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 50, 0, buf, sizeof(buf),
                              &n));
    CHECK(w.seq == 6); /* that record was sealed with seq 5 */
    static const size_t flips[] = {5, 30, 5 + 50, 5 + 51 + 15};
    for (size_t i = 0; i < sizeof(flips) / sizeof(flips[0]); i++) {
        memcpy(buf2, buf, n);
        buf2[flips[i]] ^= 0x01;
        r.seq = 5;
        expect_alert(&r, buf2, n, MINTLS_ALERT_BAD_RECORD_MAC, "flipped bit");
        /* No unauthenticated plaintext is left behind. */
        uint8_t zeros[80] = {0};
        CHECK(memcmp(buf2 + 5, zeros, n - 5) == 0);
    }
    r.version = 0;
    memcpy(buf2, buf, n);
    buf2[2] = 0x01; /* 0x0301: accepted as a version, but it is authenticated */
    r.seq = 5;
    expect_alert(&r, buf2, n, MINTLS_ALERT_BAD_RECORD_MAC, "header changed");
    memcpy(buf2, buf, n);
    r.seq = 5;
    CHECK(read1(&r, buf2, n, &rec) == MINTLS_RECORD_OK && rec.len == 50);
    r.version = 0x0303;
    memcpy(buf2, buf, n);
    buf2[2] = 0x01;
    expect_alert(&r, buf2, n, MINTLS_ALERT_PROTOCOL_VERSION, "0x0301 under protection");

    /* Bodies too short to hold a tag. */
    for (size_t len = 0; len <= 16; len++) {
        memset(buf, 0, 5 + len);
        buf[0] = 23, buf[1] = 3, buf[2] = 3, buf[3] = 0, buf[4] = (uint8_t)len;
        expect_alert(&r, buf, 5 + len, MINTLS_ALERT_BAD_RECORD_MAC, "short body");
    }

    /* Under TLS 1.3 protection, only application_data and a plain CCS. */
    r.seq = 0;
    n = plain_record(buf, MINTLS_CT_HANDSHAKE, 0x0303, data, 10);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "plaintext handshake");
    n = plain_record(buf, MINTLS_CT_ALERT, 0x0303, (const uint8_t[]){2, 40}, 2);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "plaintext alert");
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, (const uint8_t[]){1}, 1);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_CHANGE_CIPHER_SPEC && r.seq == 0);
    n = plain_record(buf, MINTLS_CT_CHANGE_CIPHER_SPEC, 0x0303, (const uint8_t[]){0}, 1);
    expect_alert(&r, buf, n, MINTLS_ALERT_ILLEGAL_PARAMETER, "plaintext CCS 0");

    /* Inner plaintexts (RFC 8446 5.2, 5.4). */
    memset(inner, 0, sizeof(inner));
    r.seq = 0;
    n = raw_seal(aead, 0, inner, 40, buf); /* all zeros: no content type */
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "all-zero inner plaintext");
    r.seq = 0;
    inner[0] = 1, inner[1] = MINTLS_CT_CHANGE_CIPHER_SPEC;
    n = raw_seal(aead, 0, inner, 2, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "protected CCS");
    r.seq = 0;
    inner[1] = 24;
    n = raw_seal(aead, 0, inner, 2, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "inner type 24");
    r.seq = 0;
    inner[0] = MINTLS_CT_HANDSHAKE;
    n = raw_seal(aead, 0, inner, 1, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, "empty protected handshake");
    r.seq = 0;
    inner[0] = MINTLS_CT_APPLICATION_DATA;
    n = raw_seal(aead, 0, inner, 1, buf);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 0);
    r.seq = 0;
    inner[0] = 2, inner[1] = 40, inner[2] = MINTLS_CT_ALERT; /* + 30 bytes padding */
    memset(inner + 3, 0, 30);
    n = raw_seal(aead, 0, inner, 33, buf);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_PEER_ALERT);
    CHECK(rec.alert_level == 2 && rec.alert == 40 && rec.len == 2);
    r.seq = 0;
    inner[0] = 1, inner[1] = 0, inner[2] = 0, inner[3] = MINTLS_CT_ALERT;
    n = raw_seal(aead, 0, inner, 4, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_DECODE_ERROR, "3-byte protected alert");

    /* Size limits: ciphertext 2^14+256 is the most; plaintext 2^14. */
    static uint8_t big_inner[MINTLS_RECORD_MAX_PLAINTEXT + 256];
    memset(big_inner, 'a', sizeof(big_inner));
    r.seq = 0;
    big_inner[16384] = MINTLS_CT_APPLICATION_DATA; /* 2^14 content, no padding */
    n = raw_seal(aead, 0, big_inner, 16385, buf);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 16384);
    r.seq = 0;
    memset(big_inner, 'a', sizeof(big_inner));
    big_inner[16385] = MINTLS_CT_APPLICATION_DATA; /* 2^14 + 1 content */
    n = raw_seal(aead, 0, big_inner, 16386, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_RECORD_OVERFLOW, "plaintext 2^14+1");
    r.seq = 0;
    memset(big_inner, 0, sizeof(big_inner));
    big_inner[0] = MINTLS_CT_APPLICATION_DATA; /* 1 byte + padding up to the limit */
    n = raw_seal(aead, 0, big_inner, 16384 + 256 - 16, buf);
    CHECK(n == 5 + 16384 + 256);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 0);
    /* A 2^14+257-byte ciphertext: rejected from its header, and in full. */
    r.seq = 0;
    n = raw_seal(aead, 0, big_inner, 16384 + 257 - 16, buf);
    CHECK(n == 5 + 16384 + 257);
    expect_alert(&r, buf, 5, MINTLS_ALERT_RECORD_OVERFLOW, "2^14+257 header");
    expect_alert(&r, buf, n, MINTLS_ALERT_RECORD_OVERFLOW, "2^14+257 record");
    buf[3] = 0x41, buf[4] = 0x00; /* 2^14 + 256 */
    CHECK(read1(&r, buf, 5, &rec) == MINTLS_RECORD_NEED_MORE && rec.needed == 5 + 16384 + 256);

    /* The writer's limits. */
    memset(big_inner, 'b', sizeof(big_inner));
    w.seq = 0, r.seq = 0;
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, big_inner, 16384, 0, buf,
                              sizeof(buf), &n));
    CHECK(n == 5 + 16384 + 17);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 16384);
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, big_inner, 16300, 84, buf,
                              sizeof(buf), &n));
    CHECK(n == 5 + 16384 + 17);
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 16300);
    ERR_clear_error();
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, big_inner, 16300, 85, buf,
                               sizeof(buf), &n));
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, big_inner, 16385, 0, buf,
                               sizeof(buf), &n));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(!mintls_record_write(&w, 24, data, 10, 0, buf, sizeof(buf), &n));
    CHECK(mintls_record_write_size(&w, 10, 3) == 5 + 10 + 1 + 3 + 16);
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 3, buf,
                               5 + 10 + 1 + 3 + 15, &n));
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 3, buf,
                              5 + 10 + 1 + 3 + 16, &n));
    CHECK(n == 5 + 10 + 1 + 3 + 16);
    ERR_clear_error();

    /* In place: plaintext already at the write offset. */
    CHECK(mintls_record_write_offset(&w) == 5);
    uint64_t seq = w.seq;
    memcpy(buf + 5, data, 100);
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, buf + 5, 100, 0, buf,
                              sizeof(buf), &n));
    r.seq = seq;
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 100 &&
          memcmp(rec.data, data, 100) == 0);

    /* The compatibility change_cipher_spec goes out in the clear. */
    seq = w.seq;
    CHECK(mintls_record_write(&w, MINTLS_CT_CHANGE_CIPHER_SPEC, (const uint8_t *)"\x01", 1, 0,
                              buf, sizeof(buf), &n));
    CHECK(n == 6 && w.seq == seq);
    CHECK_MEM(buf, "\x14\x03\x03\x00\x01\x01", 6, "plaintext CCS under keys");
    CHECK(read1(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.type == MINTLS_CT_CHANGE_CIPHER_SPEC);
    CHECK(!mintls_record_write(&w, MINTLS_CT_CHANGE_CIPHER_SPEC, (const uint8_t *)"\x01", 1, 1,
                               buf, sizeof(buf), &n));
    ERR_clear_error();

    /* A sequence number must never wrap (RFC 8446 5.3). */
    w.seq = UINT64_MAX;
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf, sizeof(buf),
                               &n));
    ERR_clear_error();
    w.seq = UINT64_MAX - 1;
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf, sizeof(buf),
                              &n));
    CHECK(w.seq == UINT64_MAX);
    r.seq = UINT64_MAX - 1;
    memcpy(buf2, buf, n);
    CHECK(read1(&r, buf2, n, &rec) == MINTLS_RECORD_OK && r.seq == UINT64_MAX);
    expect_alert(&r, buf, n, MINTLS_ALERT_INTERNAL_ERROR, "sequence exhausted");

    teardown(&w, &r);
}

static void test_writer_plaintext(void)
{
    mintls_record_dir w;
    mintls_record_dir_init(&w);
    w.version = 0x0301;
    size_t n = 0;
    CHECK(mintls_record_write_offset(&w) == 5);
    CHECK(mintls_record_write_size(&w, 10, 0) == 15);
    CHECK(mintls_record_write(&w, MINTLS_CT_HANDSHAKE, (const uint8_t *)"0123456789", 10, 0, buf,
                              sizeof(buf), &n));
    CHECK(n == 15);
    CHECK_MEM(buf, "\x16\x03\x01\x00\x0a" "0123456789", 15, "plaintext record");
    CHECK(w.seq == 0);
    /* No padding without TLS 1.3 protection. */
    CHECK(!mintls_record_write(&w, MINTLS_CT_HANDSHAKE, buf, 10, 1, buf2, sizeof(buf2), &n));
    CHECK(!mintls_record_write(&w, MINTLS_CT_HANDSHAKE, buf, 10, 0, buf2, 14, &n));
    ERR_clear_error();
    mintls_record_dir_clear(&w);
}

static void test_install_errors(void)
{
    mintls_record_dir d;
    mintls_record_dir_init(&d);
    CHECK(!mintls_record_dir_set_tls13_aead(&d, EVP_aes_128_gcm(), key, 32, iv, 12, 1));
    CHECK(!mintls_record_dir_set_tls13_aead(&d, EVP_aes_128_gcm(), key, 16, iv, 8, 1));
    CHECK(!mintls_record_dir_set_tls13_aead(&d, NULL, key, 16, iv, 12, 1));
    CHECK(d.prot.ops == NULL && d.prot.aead == NULL);
    ERR_clear_error();
    /* Re-installing replaces the keys and restarts the sequence. */
    CHECK(mintls_record_dir_set_tls13_aead(&d, EVP_aes_128_gcm(), key, 16, iv, 12, 1));
    d.seq = 9;
    CHECK(mintls_record_dir_set_tls13_aead(&d, EVP_chacha20_poly1305(), key, 32, iv, 12, 1));
    CHECK(d.seq == 0 && d.prot.ops != NULL);
    mintls_record_dir_clear(&d);
    CHECK(d.prot.ops == NULL && d.prot.aead == NULL && d.seq == 0);
}

int main(void)
{
    for (size_t i = 0; i < sizeof(key); i++)
        key[i] = (uint8_t)(0xa0 + i);
    for (size_t i = 0; i < sizeof(iv); i++)
        iv[i] = (uint8_t)(0x10 * i + 7);
    test_plaintext();
    test_protected(EVP_aes_128_gcm(), "AES-128-GCM");
    test_protected(EVP_aes_256_gcm(), "AES-256-GCM");
    test_protected(EVP_chacha20_poly1305(), "ChaCha20-Poly1305");
    test_writer_plaintext();
    test_install_errors();
    return test_summary();
}
