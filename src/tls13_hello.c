/* ClientHello, ServerHello, HelloRetryRequest (see tls13_hello.h). */
#include "tls13_hello.h"

#include <string.h>

#include <openssl/ssl.h>

#include "record.h"
#include "tls_handshake_msg.h"

const uint8_t mintls_hrr_random[MINTLS_HELLO_RANDOM_LEN] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};
/* "DOWNGRD" followed by 01 or 00. */
const uint8_t mintls_downgrade_tls12[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01};
const uint8_t mintls_downgrade_tls11[8] = {0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00};

static int fail(uint8_t *out_alert, uint8_t alert)
{
    *out_alert = alert;
    return 0;
}

/* A ServerHello parse failure, with OpenSSL's reason for it. */
static int sh_fail(mintls_server_hello *out, uint8_t *out_alert, uint8_t alert, int reason)
{
    out->parse_reason = reason;
    return fail(out_alert, alert);
}

/* opaque legacy_session_id<0..32> */
static int get_session_id(mintls_cursor *c, uint8_t *out, size_t *out_len)
{
    mintls_cursor sid;
    if (!mintls_cursor_get_u8_prefixed(c, &sid) || sid.len > MINTLS_MAX_SESSION_ID)
        return 0;
    *out_len = sid.len;
    return mintls_cursor_copy(&sid, out, sid.len);
}

/*
 * The optional extensions block that ends a hello; nothing may follow it.
 * *out_bad_block says whether a failure was the block's framing (OpenSSL
 * has its own reason for that) rather than an extension in it.
 */
static int get_extensions(mintls_cursor *c, unsigned msg, uint32_t requested, int *out_has,
                          mintls_extensions *out, uint8_t *out_alert, int *out_bad_block)
{
    mintls_cursor block;
    mintls_extensions_init(out);
    *out_bad_block = 0;
    *out_has = !mintls_cursor_is_empty(c);
    if (!*out_has)
        return 1;
    if (!mintls_cursor_get_u16_prefixed(c, &block) || !mintls_cursor_is_empty(c)) {
        *out_bad_block = 1;
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    }
    return mintls_extensions_parse(&block, msg, requested, out, out_alert);
}

/*
 * RFC 8446 4.1.2:
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id<0..32>;
 *     CipherSuite cipher_suites<2..2^16-2>;
 *     opaque legacy_compression_methods<1..2^8-1>;
 *     Extension extensions<8..2^16-1>;
 * } ClientHello;
 */
int mintls_client_hello_parse(const uint8_t *body, size_t len, mintls_client_hello *out,
                              uint8_t *out_alert)
{
    mintls_cursor c, suites, comp;
    mintls_cursor_init(&c, body, len);
    memset(out, 0, sizeof(*out));
    if (!mintls_cursor_get_u16(&c, &out->legacy_version) ||
        !mintls_cursor_copy(&c, out->random, MINTLS_HELLO_RANDOM_LEN) ||
        !get_session_id(&c, out->session_id, &out->session_id_len) ||
        !mintls_cursor_get_u16_prefixed(&c, &suites) || suites.len == 0 || suites.len % 2 != 0 ||
        !mintls_cursor_get_u8_prefixed(&c, &comp) || comp.len == 0)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->cipher_suites.p = suites.p;
    out->cipher_suites.count = suites.len / 2;
    out->compression_methods = mintls_cursor_span(&comp);
    /* Every client must offer the null method (RFC 5246 7.4.1.2). */
    if (memchr(comp.p, 0, comp.len) == NULL)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    int bad_block;
    return get_extensions(&c, MINTLS_EXT_IN_CH, 0, &out->has_extensions, &out->ext, out_alert,
                          &bad_block);
}

int mintls_client_hello_write(mintls_writer *w, const mintls_client_hello *ch)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_CLIENT_HELLO) &&
             mintls_writer_put_u16(w, ch->legacy_version) &&
             mintls_writer_put_bytes(w, ch->random, MINTLS_HELLO_RANDOM_LEN) &&
             ch->session_id_len <= MINTLS_MAX_SESSION_ID &&
             mintls_writer_put_prefixed(w, 1, ch->session_id, ch->session_id_len) &&
             mintls_writer_put_prefixed(w, 2, ch->cipher_suites.p, 2 * ch->cipher_suites.count) &&
             mintls_writer_put_prefixed(w, 1, ch->compression_methods.p,
                                        ch->compression_methods.len);
    if (ok && ch->has_extensions)
        ok = mintls_extensions_write(w, MINTLS_EXT_IN_CH, &ch->ext);
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/*
 * RFC 8446 4.1.3:
 * struct {
 *     ProtocolVersion legacy_version = 0x0303;
 *     Random random;
 *     opaque legacy_session_id_echo<0..32>;
 *     CipherSuite cipher_suite;
 *     uint8 legacy_compression_method = 0;
 *     Extension extensions<6..2^16-1>;
 * } ServerHello;
 */
int mintls_server_hello_parse(const uint8_t *body, size_t len, uint32_t requested,
                              mintls_server_hello *out, uint8_t *out_alert)
{
    mintls_cursor c;
    mintls_cursor_init(&c, body, len);
    memset(out, 0, sizeof(*out));
    if (!mintls_cursor_get_u16(&c, &out->legacy_version) ||
        !mintls_cursor_copy(&c, out->random, MINTLS_HELLO_RANDOM_LEN) ||
        !get_session_id(&c, out->session_id, &out->session_id_len) ||
        !mintls_cursor_get_u16(&c, &out->cipher_suite) ||
        !mintls_cursor_get_u8(&c, &out->compression_method))
        return sh_fail(out, out_alert, MINTLS_ALERT_DECODE_ERROR, SSL_R_LENGTH_MISMATCH);
    out->is_hrr = memcmp(out->random, mintls_hrr_random, MINTLS_HELLO_RANDOM_LEN) == 0;
    if (out->compression_method != 0)
        return sh_fail(out, out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER,
                       SSL_R_INVALID_COMPRESSION_ALGORITHM);
    int bad_block;
    if (!get_extensions(&c, out->is_hrr ? MINTLS_EXT_IN_HRR : MINTLS_EXT_IN_SH, requested,
                        &out->has_extensions, &out->ext, out_alert, &bad_block))
        return sh_fail(out, out_alert, *out_alert,
                       bad_block ? SSL_R_BAD_LENGTH : mintls_hello_parse_reason(*out_alert));
    return 1;
}

int mintls_server_hello_write(mintls_writer *w, const mintls_server_hello *sh)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_SERVER_HELLO) &&
             mintls_writer_put_u16(w, sh->legacy_version) &&
             mintls_writer_put_bytes(w, sh->is_hrr ? mintls_hrr_random : sh->random,
                                     MINTLS_HELLO_RANDOM_LEN) &&
             sh->session_id_len <= MINTLS_MAX_SESSION_ID &&
             mintls_writer_put_prefixed(w, 1, sh->session_id, sh->session_id_len) &&
             mintls_writer_put_u16(w, sh->cipher_suite) && mintls_writer_put_u8(w, 0);
    if (ok && sh->has_extensions)
        ok = mintls_extensions_write(w, sh->is_hrr ? MINTLS_EXT_IN_HRR : MINTLS_EXT_IN_SH,
                                     &sh->ext);
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

uint16_t mintls_hello_downgrade_sentinel(const uint8_t random[MINTLS_HELLO_RANDOM_LEN])
{
    const uint8_t *tail = random + MINTLS_HELLO_RANDOM_LEN - 8;
    if (memcmp(tail, mintls_downgrade_tls12, 8) == 0)
        return 0x0303;
    if (memcmp(tail, mintls_downgrade_tls11, 8) == 0)
        return 0x0302;
    return 0;
}

static int has(const mintls_extensions *e, mintls_ext_index i)
{
    return (e->present & MINTLS_XBIT(i)) != 0;
}

int mintls_client_hello_offers_tls13(const mintls_client_hello *ch)
{
    return has(&ch->ext, MINTLS_X_SUPPORTED_VERSIONS) &&
           mintls_u16_list_has(ch->ext.versions, MINTLS_VERSION_TLS13);
}

/*
 * The checks of mintls_tls13_check_client_hello in OpenSSL 3.0's order
 * (key_share is judged as it is parsed, the other extensions once all are
 * in, compression last), so that a hello with several flaws gets
 * OpenSSL's alert and reason. Returns the reason, 0 if all is well.
 */
static int check_client_hello(const mintls_client_hello *ch, uint8_t *out_alert)
{
    const mintls_extensions *e = &ch->ext;
    int psk = has(e, MINTLS_X_PRE_SHARED_KEY), groups = has(e, MINTLS_X_SUPPORTED_GROUPS);
    *out_alert = MINTLS_ALERT_MISSING_EXTENSION;
    if (has(e, MINTLS_X_KEY_SHARE)) {
        if (!groups)
            return SSL_R_MISSING_SUPPORTED_GROUPS_EXTENSION;
        mintls_cursor c;
        uint16_t g;
        mintls_span k;
        mintls_cursor_init(&c, e->key_shares.p, e->key_shares.len);
        while (mintls_key_share_next(&c, &g, &k))
            if (!mintls_u16_list_has(e->supported_groups, g)) {
                *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
                return SSL_R_BAD_KEY_SHARE;
            }
    }
    if (!psk && !has(e, MINTLS_X_SIGNATURE_ALGORITHMS))
        return SSL_R_MISSING_SIGALGS_EXTENSION;
    if (psk && !has(e, MINTLS_X_PSK_KEY_EXCHANGE_MODES))
        return SSL_R_MISSING_PSK_KEX_MODES_EXTENSION;
    if ((groups && !has(e, MINTLS_X_KEY_SHARE)) || (!psk && !groups))
        return SSL_R_NO_SUITABLE_KEY_SHARE;
    if (ch->compression_methods.len != 1 || ch->compression_methods.p[0] != 0) {
        *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
        return SSL_R_INVALID_COMPRESSION_ALGORITHM;
    }
    return 0;
}

int mintls_tls13_check_client_hello(const mintls_client_hello *ch, uint8_t *out_alert)
{
    uint8_t alert;
    if (check_client_hello(ch, &alert) == 0)
        return 1;
    return fail(out_alert, alert);
}

int mintls_tls13_client_hello_reason(const mintls_client_hello *ch)
{
    uint8_t alert;
    return check_client_hello(ch, &alert);
}

int mintls_tls13_check_server_hello(const mintls_client_hello *sent,
                                    const mintls_server_hello *sh, uint8_t *out_alert)
{
    const mintls_extensions *e = &sh->ext, *ce = &sent->ext;
    mintls_span k;
    /* 4.1.3 / D.5: legacy_version 0x0300 (or below) is protocol_version. */
    if (sh->legacy_version <= 0x0300)
        return fail(out_alert, MINTLS_ALERT_PROTOCOL_VERSION);
    if (!has(e, MINTLS_X_SUPPORTED_VERSIONS) || e->selected_version != MINTLS_VERSION_TLS13 ||
        !mintls_client_hello_offers_tls13(sent) || sh->legacy_version != MINTLS_VERSION_TLS12 ||
        sh->session_id_len != sent->session_id_len ||
        memcmp(sh->session_id, sent->session_id, sh->session_id_len) != 0 ||
        !mintls_u16_list_has(sent->cipher_suites, sh->cipher_suite))
        return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
    if (sh->is_hrr) {
        if (has(e, MINTLS_X_KEY_SHARE) &&
            (!mintls_u16_list_has(ce->supported_groups, e->key_share_group) ||
             mintls_key_share_find(ce->key_shares, e->key_share_group, &k)))
            return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
        /* 4.1.4: an HRR that would not change the ClientHello. */
        if (!has(e, MINTLS_X_KEY_SHARE) && !has(e, MINTLS_X_COOKIE))
            return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
        return 1;
    }
    if (has(e, MINTLS_X_KEY_SHARE) && !mintls_key_share_find(ce->key_shares, e->key_share_group, &k))
        return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
    if (!has(e, MINTLS_X_KEY_SHARE) && !has(e, MINTLS_X_PRE_SHARED_KEY))
        return fail(out_alert, MINTLS_ALERT_MISSING_EXTENSION);
    if (has(e, MINTLS_X_PRE_SHARED_KEY) && e->psk_selected >= ce->psk_identity_count)
        return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
    return 1;
}

int mintls_tls13_server_hello_reason(const mintls_client_hello *sent,
                                     const mintls_server_hello *sh)
{
    const mintls_extensions *e = &sh->ext;
    /* The same order as mintls_tls13_check_server_hello. */
    if (sh->legacy_version != MINTLS_VERSION_TLS12)
        return SSL_R_BAD_LEGACY_VERSION;
    if (!has(e, MINTLS_X_SUPPORTED_VERSIONS) || e->selected_version != MINTLS_VERSION_TLS13 ||
        !mintls_client_hello_offers_tls13(sent))
        return SSL_R_BAD_PROTOCOL_VERSION_NUMBER;
    if (sh->session_id_len != sent->session_id_len ||
        memcmp(sh->session_id, sent->session_id, sh->session_id_len) != 0)
        return SSL_R_INVALID_SESSION_ID;
    if (!mintls_u16_list_has(sent->cipher_suites, sh->cipher_suite))
        return SSL_R_WRONG_CIPHER_RETURNED;
    if (sh->is_hrr && !has(e, MINTLS_X_KEY_SHARE) && !has(e, MINTLS_X_COOKIE))
        return SSL_R_NO_CHANGE_FOLLOWING_HRR;
    return SSL_R_BAD_KEY_SHARE;
}

int mintls_hello_parse_reason(uint8_t alert)
{
    switch (alert) {
    case MINTLS_ALERT_DECODE_ERROR:
        return SSL_R_LENGTH_MISMATCH;
    case MINTLS_ALERT_UNSUPPORTED_EXTENSION:
        return SSL_R_UNSOLICITED_EXTENSION;
    default:
        return SSL_R_BAD_EXTENSION; /* repeated, misplaced or malformed */
    }
}
