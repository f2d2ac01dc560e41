/*
 * The record layer under TLS 1.2 AEAD protection (src/record.c,
 * src/record_tls12_aead.c) for the six suites: round trips, the
 * explicit-nonce layout (RFC 5288 3), records compared with ones sealed
 * here straight from EVP with the additional data built by the test
 * (RFC 5246 6.2.3.3), tampering, truncation, size limits with OpenSSL's
 * reasons, sequence numbers, and input arriving one byte at a time.
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sslerr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "test.h"

#define BUF (MINTLS_RECORD_READ_BUF + 64)

typedef struct {
    const char *name;
    const EVP_CIPHER *(*aead)(void);
    size_t key_len, iv_len, explicit_len;
} suite;

/* The six suites by their record protection (the hash does not matter here;
 * the key schedule test derives keys for each). */
static const suite suites[6] = {
    {"ECDHE-ECDSA-AES128-GCM-SHA256", EVP_aes_128_gcm, 16, 4, 8},
    {"ECDHE-RSA-AES128-GCM-SHA256", EVP_aes_128_gcm, 16, 4, 8},
    {"ECDHE-ECDSA-AES256-GCM-SHA384", EVP_aes_256_gcm, 32, 4, 8},
    {"ECDHE-RSA-AES256-GCM-SHA384", EVP_aes_256_gcm, 32, 4, 8},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", EVP_chacha20_poly1305, 32, 12, 0},
    {"ECDHE-RSA-CHACHA20-POLY1305", EVP_chacha20_poly1305, 32, 12, 0},
};

static uint8_t key[32], iv[12];
static uint8_t buf[BUF], buf2[BUF], data[MINTLS_RECORD_MAX_PLAINTEXT + 64];

static void setup(const suite *s, mintls_record_dir *w, mintls_record_dir *r)
{
    mintls_record_dir_init(w);
    mintls_record_dir_init(r);
    CHECK(mintls_record_dir_set_tls12_aead(w, s->aead(), key, s->key_len, iv, s->iv_len, 1));
    CHECK(mintls_record_dir_set_tls12_aead(r, s->aead(), key, s->key_len, iv, s->iv_len, 0));
    w->version = 0x0303;
    r->version = 0x0303;
}

/*
 * An independent sealer: the nonce and the additional data
 * seq_num || type || version || length are built here from the RFCs, and
 * the record sealed with a fresh EVP context. explicit_nonce is what a GCM
 * record carries (ignored for ChaCha20-Poly1305).
 */
static size_t raw_seal(const suite *s, uint64_t seq, uint8_t type, uint16_t version,
                       uint64_t explicit_nonce, const uint8_t *plain, size_t len, uint8_t *out)
{
    uint8_t nonce[12], aad[13];
    if (s->explicit_len) {
        memcpy(nonce, iv, 4);
        for (int i = 0; i < 8; i++)
            nonce[4 + i] = (uint8_t)(explicit_nonce >> (56 - 8 * i));
    } else {
        memcpy(nonce, iv, 12);
        for (int i = 0; i < 8; i++)
            nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
    }
    for (int i = 0; i < 8; i++)
        aad[i] = (uint8_t)(seq >> (56 - 8 * i));
    aad[8] = type, aad[9] = (uint8_t)(version >> 8), aad[10] = (uint8_t)version;
    aad[11] = (uint8_t)(len >> 8), aad[12] = (uint8_t)len;

    size_t body = s->explicit_len + len + 16;
    out[0] = type, out[1] = (uint8_t)(version >> 8), out[2] = (uint8_t)version;
    out[3] = (uint8_t)(body >> 8), out[4] = (uint8_t)body;
    uint8_t *text = out + 5 + s->explicit_len;
    if (s->explicit_len)
        memcpy(out + 5, nonce + 4, 8);
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int outl = 0;
    CHECK(EVP_EncryptInit_ex(c, s->aead(), NULL, key, nonce));
    CHECK(EVP_EncryptUpdate(c, NULL, &outl, aad, 13));
    if (len != 0)
        CHECK(EVP_EncryptUpdate(c, text, &outl, plain, (int)len));
    CHECK(EVP_EncryptFinal_ex(c, text + len, &outl));
    CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, text + len) > 0);
    EVP_CIPHER_CTX_free(c);
    return 5 + body;
}

/* Expects SEND_ALERT with the given description and OpenSSL reason. */
static void expect_alert(mintls_record_dir *r, uint8_t *in, size_t len, uint8_t alert, int reason,
                         const char *what)
{
    mintls_record rec;
    mintls_record_result res = mintls_record_read(r, in, len, &rec);
    if (!CHECK(res == MINTLS_RECORD_SEND_ALERT && rec.alert == alert && rec.reason == reason))
        fprintf(stderr, "  %s: result %d alert %u reason %d, want alert %u reason %d\n", what,
                (int)res, rec.alert, rec.reason, alert, reason);
}

static void expect_bad_mac(mintls_record_dir *r, uint8_t *in, size_t len, const char *what)
{
    expect_alert(r, in, len, MINTLS_ALERT_BAD_RECORD_MAC,
                 SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, what);
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static void test_round_trips(const suite *s)
{
    mintls_record_dir w, r;
    setup(s, &w, &r);
    mintls_record rec;
    size_t n = 0, x = s->explicit_len;
    static const size_t sizes[] = {0, 1, 15, 16, 17, 300, 4096, MINTLS_RECORD_MAX_PLAINTEXT};
    static const uint8_t types[] = {MINTLS_CT_APPLICATION_DATA, MINTLS_CT_HANDSHAKE};
    uint64_t seq = 0;
    for (size_t t = 0; t < 2; t++)
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            size_t len = sizes[i];
            if (len == 0 && types[t] == MINTLS_CT_HANDSHAKE)
                continue;
            test_rand_bytes(data, len);
            CHECK(mintls_record_write_offset(&w) == 5 + x);
            CHECK(mintls_record_write_size(&w, len, 0) == 5 + x + len + 16);
            CHECK(mintls_record_write(&w, types[t], data, len, 0, buf, sizeof(buf), &n));
            CHECK(n == 5 + x + len + 16 && w.seq == seq + 1);
            /* Header: the real type, 0x0303, the body length. */
            CHECK(buf[0] == types[t] && buf[1] == 3 && buf[2] == 3 &&
                  (size_t)(buf[3] << 8 | buf[4]) == n - 5);
            /* GCM: the explicit nonce is the sequence number, big-endian. */
            for (size_t k = 0; k < x; k++)
                CHECK(buf[5 + k] == (uint8_t)(seq >> (56 - 8 * k)));
            /* Byte for byte what the independent sealer makes. */
            size_t m = raw_seal(s, seq, types[t], 0x0303, seq, data, len, buf2);
            CHECK(m == n);
            CHECK_MEM(buf, buf2, n, "writer vs EVP");
            CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_OK);
            CHECK(rec.type == types[t] && rec.len == len && rec.consumed == n);
            CHECK(rec.data == buf + 5 + x && memcmp(rec.data, data, len) == 0);
            CHECK(r.seq == seq + 1);
            seq++;
        }

    /* Alerts and change_cipher_spec under protection. */
    CHECK(mintls_record_write(&w, MINTLS_CT_ALERT, (const uint8_t *)"\x01\x00", 2, 0, buf,
                              sizeof(buf), &n));
    CHECK(n == 5 + x + 2 + 16 && buf[0] == MINTLS_CT_ALERT);
    CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_CLOSE_NOTIFY);
    CHECK(rec.alert_level == 1 && rec.alert == 0);
    CHECK(mintls_record_write(&w, MINTLS_CT_ALERT, (const uint8_t *)"\x02\x28", 2, 0, buf,
                              sizeof(buf), &n));
    CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_PEER_ALERT);
    CHECK(rec.alert_level == 2 && rec.alert == MINTLS_ALERT_HANDSHAKE_FAILURE);
    uint64_t ccs_seq = w.seq;
    CHECK(mintls_record_write(&w, MINTLS_CT_CHANGE_CIPHER_SPEC, (const uint8_t *)"\x01", 1, 0, buf,
                              sizeof(buf), &n));
    CHECK(n == 5 + x + 1 + 16 && w.seq == ccs_seq + 1); /* sealed, unlike TLS 1.3's */
    CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.type == MINTLS_CT_CHANGE_CIPHER_SPEC && rec.len == 1 && rec.data[0] == 1);
    /* Content checks after decryption are the shared ones. */
    n = raw_seal(s, r.seq, MINTLS_CT_ALERT, 0x0303, r.seq, (const uint8_t *)"\x02\x28\x00", 3, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_DECODE_ERROR, SSL_R_INVALID_ALERT, "3-byte alert");
    r.seq--;
    n = raw_seal(s, r.seq, MINTLS_CT_HANDSHAKE, 0x0303, r.seq, data, 0, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_RECORD,
                 "empty handshake");
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
}

static void test_one_byte_feeding(const suite *s)
{
    mintls_record_dir w, r;
    setup(s, &w, &r);
    mintls_record rec;
    size_t n = 0;
    test_rand_bytes(data, 200);
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 200, 0, buf, sizeof(buf), &n));
    int need_ok = 1;
    for (size_t i = 0; i < n; i++) {
        memcpy(buf2, buf, i);
        mintls_record_result res = mintls_record_read(&r, buf2, i, &rec);
        need_ok &= res == MINTLS_RECORD_NEED_MORE && rec.needed == (i < 5 ? 5 : n);
    }
    CHECK(need_ok);
    CHECK(r.seq == 0);
    memcpy(buf2, buf, n);
    CHECK(mintls_record_read(&r, buf2, n, &rec) == MINTLS_RECORD_OK);
    CHECK(rec.len == 200 && memcmp(rec.data, data, 200) == 0 && r.seq == 1);
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
}

static void test_sequence(const suite *s)
{
    mintls_record_dir w, r;
    setup(s, &w, &r);
    mintls_record rec;
    size_t n = 0, off[6] = {0};
    for (int i = 0; i < 5; i++) {
        data[0] = (uint8_t)i;
        CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf + off[i],
                                  sizeof(buf) - off[i], &n));
        off[i + 1] = off[i] + n;
    }
    CHECK(w.seq == 5);
    /* Skipping or replaying fails: seq is in the additional data (and, for
     * ChaCha20-Poly1305, the nonce), whatever the explicit nonce says. */
    memcpy(buf2, buf, off[5]);
    expect_bad_mac(&r, buf2 + off[1], off[2] - off[1], "skipped a record");
    r.seq = 0;
    size_t at = 0;
    for (int i = 0; i < 5; i++) {
        CHECK(mintls_record_read(&r, buf + at, off[5] - at, &rec) == MINTLS_RECORD_OK);
        CHECK(rec.len == 10 && rec.data[0] == (uint8_t)i && r.seq == (uint64_t)i + 1);
        at += rec.consumed;
    }
    CHECK(at == off[5]);
    memcpy(buf, buf2, off[1]);
    expect_bad_mac(&r, buf, off[1], "replayed record");

    /* The reader uses the explicit nonce the record carries (RFC 5288 3
     * lets the sender choose it), with its own sequence number in the AAD. */
    r.seq = 0x0102030405060708ULL;
    data[0] = 'x';
    n = raw_seal(s, r.seq, MINTLS_CT_APPLICATION_DATA, 0x0303, 0xfedcba9876543210ULL, data, 1, buf);
    CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 1 &&
          rec.data[0] == 'x');
    CHECK(r.seq == 0x0102030405060709ULL);
    /* A high sequence number on the writer: all 64 bits reach the record. */
    w.seq = 0x8899aabbccddeeffULL;
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 3, 0, buf, sizeof(buf), &n));
    n = raw_seal(s, 0x8899aabbccddeeffULL, MINTLS_CT_APPLICATION_DATA, 0x0303,
                 0x8899aabbccddeeffULL, data, 3, buf2);
    CHECK_MEM(buf, buf2, n, "writer at a high sequence number");

    /* Never wraps. */
    w.seq = UINT64_MAX;
    ERR_clear_error();
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 3, 0, buf, sizeof(buf), &n));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    r.seq = UINT64_MAX;
    n = raw_seal(s, UINT64_MAX, MINTLS_CT_APPLICATION_DATA, 0x0303, 0, data, 3, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR, "seq exhausted");
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
}

static void test_tamper(const suite *s)
{
    mintls_record_dir w, r;
    setup(s, &w, &r);
    mintls_record rec;
    size_t n = 0, x = s->explicit_len;
    test_rand_bytes(data, 50);
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 50, 0, buf, sizeof(buf), &n));
    /* Every byte of the body: explicit nonce, ciphertext, tag. */
    int all_rejected = 1, all_wiped = 1;
    for (size_t at = 5; at < n; at++) {
        memcpy(buf2, buf, n);
        buf2[at] ^= 0x80;
        r.seq = 0;
        mintls_record_result res = mintls_record_read(&r, buf2, n, &rec);
        all_rejected &= res == MINTLS_RECORD_SEND_ALERT && rec.alert == MINTLS_ALERT_BAD_RECORD_MAC &&
                        rec.reason == SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC && r.seq == 0;
        /* No unauthenticated plaintext is left behind. */
        all_wiped &= all_zero(buf2 + 5, n - 5);
    }
    CHECK(all_rejected);
    CHECK(all_wiped);
    /* The header's type and version are authenticated. */
    memcpy(buf2, buf, n);
    buf2[0] = MINTLS_CT_HANDSHAKE;
    r.seq = 0;
    expect_bad_mac(&r, buf2, n, "type changed");
    r.version = 0; /* any 0x03XX gets through the header check */
    memcpy(buf2, buf, n);
    buf2[2] = 0x01;
    r.seq = 0;
    expect_bad_mac(&r, buf2, n, "version changed");
    r.version = 0x0303;
    memcpy(buf2, buf, n);
    buf2[2] = 0x01;
    expect_alert(&r, buf2, n, MINTLS_ALERT_PROTOCOL_VERSION, SSL_R_WRONG_VERSION_NUMBER,
                 "0x0301 after negotiation");
    /* Truncated by one byte (header length fixed up), or extended by one. */
    memcpy(buf2, buf, n);
    buf2[3] = (uint8_t)((n - 6) >> 8), buf2[4] = (uint8_t)(n - 6);
    r.seq = 0;
    expect_bad_mac(&r, buf2, n - 1, "truncated");
    memcpy(buf2, buf, n);
    buf2[n] = 0;
    buf2[3] = (uint8_t)((n - 4) >> 8), buf2[4] = (uint8_t)(n - 4);
    r.seq = 0;
    expect_bad_mac(&r, buf2, n + 1, "extended");
    /* Bodies too short for the explicit nonce and a tag. */
    for (size_t len = 0; len < x + 16; len++) {
        memset(buf2, 0xab, 5 + len);
        buf2[0] = 23, buf2[1] = 3, buf2[2] = 3, buf2[3] = 0, buf2[4] = (uint8_t)len;
        r.seq = 0;
        expect_bad_mac(&r, buf2, 5 + len, "short body");
    }
    /* The shortest valid body: an empty record is explicit nonce + tag. */
    r.seq = 0;
    n = raw_seal(s, 0, MINTLS_CT_APPLICATION_DATA, 0x0303, 77, data, 0, buf2);
    CHECK(n == 5 + x + 16);
    CHECK(mintls_record_read(&r, buf2, n, &rec) == MINTLS_RECORD_OK && rec.len == 0);
    /* Under TLS 1.2 keys a record in the clear is just a bad record. */
    r.seq = 0;
    memcpy(buf2, "\x16\x03\x03\x00\x20", 5);
    memset(buf2 + 5, 1, 32);
    expect_bad_mac(&r, buf2, 37, "plaintext handshake under keys");
    r.seq = 0;
    memcpy(buf2, "\x14\x03\x03\x00\x01\x01", 6);
    expect_bad_mac(&r, buf2, 6, "plaintext CCS under keys");
    /* A different key does not open it. */
    mintls_record_dir other;
    mintls_record_dir_init(&other);
    key[0] ^= 1;
    CHECK(mintls_record_dir_set_tls12_aead(&other, s->aead(), key, s->key_len, iv, s->iv_len, 0));
    key[0] ^= 1;
    n = raw_seal(s, 0, MINTLS_CT_APPLICATION_DATA, 0x0303, 0, data, 20, buf2);
    expect_bad_mac(&other, buf2, n, "wrong key");
    mintls_record_dir_clear(&other);
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
}

/*
 * Size limits, as the system OpenSSL 3.0 answers records injected into a
 * TLS 1.2 connection. It (without compression) refuses a ciphertext
 * over 2^14 + 320 bytes with ENCRYPTED_LENGTH_TOO_LONG, one over its read
 * buffer (16707 bytes of body) with PACKET_LENGTH_TOO_LONG, both
 * record_overflow and both from the header alone; a plaintext over 2^14
 * with DATA_LENGTH_TOO_LONG.
 */
static void test_limits(const suite *s)
{
    mintls_record_dir w, r;
    setup(s, &w, &r);
    mintls_record rec;
    size_t n = 0, x = s->explicit_len;
    memset(data, 'q', sizeof(data));

    /* 2^14 + 1 bytes of plaintext (a ciphertext of 2^14 + 1 + x + 16). */
    n = raw_seal(s, 0, MINTLS_CT_APPLICATION_DATA, 0x0303, 0, data, 16385, buf);
    expect_alert(&r, buf, n, MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_DATA_LENGTH_TOO_LONG,
                 "plaintext 2^14+1");
    r.seq = 0;
    n = raw_seal(s, 0, MINTLS_CT_APPLICATION_DATA, 0x0303, 0, data, 16384, buf);
    CHECK(mintls_record_read(&r, buf, n, &rec) == MINTLS_RECORD_OK && rec.len == 16384);

    /* Header-only decisions on the ciphertext length. */
    static const struct {
        size_t body;
        int reason; /* 0: accepted (need the rest) */
    } lens[] = {
        {16384 + 320, 0},
        {16384 + 321, SSL_R_ENCRYPTED_LENGTH_TOO_LONG},
        {16707, SSL_R_ENCRYPTED_LENGTH_TOO_LONG},
        {16708, SSL_R_PACKET_LENGTH_TOO_LONG},
        {16384 + 2048, SSL_R_PACKET_LENGTH_TOO_LONG},
        {65535, SSL_R_PACKET_LENGTH_TOO_LONG},
    };
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        buf[0] = 23, buf[1] = 3, buf[2] = 3;
        buf[3] = (uint8_t)(lens[i].body >> 8), buf[4] = (uint8_t)lens[i].body;
        if (lens[i].reason == 0) {
            CHECK(mintls_record_read(&r, buf, 5, &rec) == MINTLS_RECORD_NEED_MORE &&
                  rec.needed == 5 + lens[i].body);
        } else {
            expect_alert(&r, buf, 5, MINTLS_ALERT_RECORD_OVERFLOW, lens[i].reason,
                         "ciphertext too long");
        }
    }
    /* A full 2^14 + 320 body that does not authenticate: bad_record_mac. */
    memset(buf + 5, 0x5a, 16384 + 320);
    buf[3] = 0x41, buf[4] = 0x40;
    expect_bad_mac(&r, buf, 5 + 16384 + 320, "longest ciphertext, garbage");

    /* The writer: 2^14 is the most, no padding, room checked. */
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 16384, 0, buf, sizeof(buf), &n));
    CHECK(n == 5 + x + 16384 + 16 && n <= MINTLS_RECORD_READ_BUF);
    ERR_clear_error();
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 16385, 0, buf, sizeof(buf), &n));
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 1, buf, sizeof(buf), &n));
    CHECK(!mintls_record_write(&w, 24, data, 10, 0, buf, sizeof(buf), &n));
    CHECK(!mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf, 5 + x + 10 + 15,
                               &n));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    uint64_t seq = w.seq;
    CHECK(seq == 1); /* refusals use no sequence number */
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, data, 10, 0, buf, 5 + x + 10 + 16,
                              &n));
    CHECK(n == 5 + x + 10 + 16);
    /* In place: the plaintext already at the write offset. */
    test_rand_bytes(data, 100);
    memcpy(buf + mintls_record_write_offset(&w), data, 100);
    CHECK(mintls_record_write(&w, MINTLS_CT_APPLICATION_DATA, buf + mintls_record_write_offset(&w),
                              100, 0, buf, sizeof(buf), &n));
    size_t m = raw_seal(s, seq + 1, MINTLS_CT_APPLICATION_DATA, 0x0303, seq + 1, data, 100, buf2);
    CHECK(m == n);
    CHECK_MEM(buf, buf2, n, "sealed in place");
    mintls_record_dir_clear(&w);
    mintls_record_dir_clear(&r);
}

static void test_install_errors(void)
{
    mintls_record_dir d;
    mintls_record_dir_init(&d);
    ERR_clear_error();
    CHECK(!mintls_record_dir_set_tls12_aead(&d, EVP_aes_128_gcm(), key, 16, iv, 12, 1));
    CHECK(!mintls_record_dir_set_tls12_aead(&d, EVP_aes_128_gcm(), key, 32, iv, 4, 1));
    CHECK(!mintls_record_dir_set_tls12_aead(&d, EVP_aes_256_gcm(), key, 16, iv, 4, 1));
    CHECK(!mintls_record_dir_set_tls12_aead(&d, EVP_chacha20_poly1305(), key, 32, iv, 4, 1));
    CHECK(!mintls_record_dir_set_tls12_aead(&d, NULL, key, 16, iv, 4, 1));
    CHECK(!mintls_record_dir_set_tls12_aead(&d, EVP_aes_128_gcm(), NULL, 16, iv, 4, 1));
    CHECK(d.prot.ops == NULL && d.prot.aead == NULL);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* Re-installing (either version) replaces the keys and restarts seq. */
    CHECK(mintls_record_dir_set_tls12_aead(&d, EVP_aes_128_gcm(), key, 16, iv, 4, 1));
    CHECK(d.prot.prefix_len == 8 && d.prot.suffix_len == 16 && d.prot.iv_len == 4);
    d.seq = 9;
    CHECK(mintls_record_dir_set_tls12_aead(&d, EVP_chacha20_poly1305(), key, 32, iv, 12, 1));
    CHECK(d.seq == 0 && d.prot.prefix_len == 0 && d.prot.iv_len == 12);
    CHECK(mintls_record_dir_set_tls13_aead(&d, EVP_aes_128_gcm(), key, 16, iv, 12, 1));
    CHECK(d.prot.ops->inner_content_type == 1);
    CHECK(mintls_record_dir_set_tls12_aead(&d, EVP_aes_256_gcm(), key, 32, iv, 4, 0));
    CHECK(d.prot.ops->inner_content_type == 0 && d.prot.ops->max_ciphertext == 16384 + 320);
    mintls_record_dir_clear(&d);
    CHECK(d.prot.ops == NULL && d.prot.aead == NULL && all_zero(d.prot.iv, sizeof(d.prot.iv)));
}

int main(void)
{
    test_rand_seed(0x5288);
    for (size_t i = 0; i < sizeof(key); i++)
        key[i] = (uint8_t)(0x31 + 7 * i);
    for (size_t i = 0; i < sizeof(iv); i++)
        iv[i] = (uint8_t)(0xf0 - 9 * i);
    for (size_t i = 0; i < 6; i++) {
        fprintf(stderr, "-- %s\n", suites[i].name);
        test_round_trips(&suites[i]);
        test_one_byte_feeding(&suites[i]);
        test_sequence(&suites[i]);
        test_tamper(&suites[i]);
        test_limits(&suites[i]);
    }
    test_install_errors();
    return test_summary();
}
