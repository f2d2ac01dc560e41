/* The TLS 1.2-only handshake messages (see tls12_msgs.h). */
#include "tls12_msgs.h"

#include <openssl/crypto.h>
#include <string.h>

#include "record.h"

static int fail(uint8_t *out_alert, uint8_t alert)
{
    *out_alert = alert;
    return 0;
}

/* ---- ServerHello (RFC 5246 7.4.1.3) ------------------------------------------ */

/* One extension of a TLS 1.2 ServerHello: which bit it is, its body checked. */
static int sh12_extension(uint16_t type, mintls_cursor *body, mintls_tls12_server_hello *out,
                          unsigned *bit, uint8_t *out_alert)
{
    mintls_cursor l, name;
    switch (type) {
    case MINTLS_EXT_SERVER_NAME: /* RFC 6066 3: empty */
        *bit = MINTLS_SH12_SERVER_NAME;
        return mintls_cursor_is_empty(body) || fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    case MINTLS_EXT_ALPN: /* RFC 7301 3.1: exactly one name */
        *bit = MINTLS_SH12_ALPN;
        if (!mintls_cursor_get_u16_prefixed(body, &l) ||
            !mintls_cursor_get_u8_prefixed(&l, &name) || name.len == 0 ||
            !mintls_cursor_is_empty(&l) || !mintls_cursor_is_empty(body))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        out->alpn = mintls_cursor_span(&name);
        return 1;
    case MINTLS_EXT_EC_POINT_FORMATS: /* RFC 8422 5.2 */
        *bit = MINTLS_SH12_EC_POINT_FORMATS;
        if (!mintls_cursor_get_u8_prefixed(body, &l) || l.len == 0 ||
            !mintls_cursor_is_empty(body))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        out->point_formats = mintls_cursor_span(&l);
        return 1;
    case MINTLS_EXT_EXTENDED_MASTER_SECRET: /* RFC 7627 5.1: empty */
        *bit = MINTLS_SH12_EMS;
        return mintls_cursor_is_empty(body) || fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    case MINTLS_EXT_RENEGOTIATION_INFO: /* RFC 5746 3.2 */
        *bit = MINTLS_SH12_RENEGOTIATION_INFO;
        if (!mintls_cursor_get_u8_prefixed(body, &l) || !mintls_cursor_is_empty(body))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        out->reneg_info = mintls_cursor_span(&l);
        return 1;
    default:
        return fail(out_alert, MINTLS_ALERT_UNSUPPORTED_EXTENSION);
    }
}

int mintls_tls12_server_hello_parse(const uint8_t *body, size_t len, unsigned requested,
                                    mintls_tls12_server_hello *out, uint8_t *out_alert)
{
    mintls_cursor c, sid, block;
    uint8_t comp;
    memset(out, 0, sizeof(*out));
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u16(&c, &out->version) ||
        !mintls_cursor_copy(&c, out->random, MINTLS_HELLO_RANDOM_LEN) ||
        !mintls_cursor_get_u8_prefixed(&c, &sid) || sid.len > MINTLS_MAX_SESSION_ID ||
        !mintls_cursor_copy(&sid, out->session_id, out->session_id_len = sid.len) ||
        !mintls_cursor_get_u16(&c, &out->cipher_suite) || !mintls_cursor_get_u8(&c, &comp))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    if (comp != 0)
        return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
    if (mintls_cursor_is_empty(&c))
        return 1;
    if (!mintls_cursor_get_u16_prefixed(&c, &block) || !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    while (!mintls_cursor_is_empty(&block)) {
        uint16_t type;
        mintls_cursor ext;
        unsigned bit = 0;
        if (!mintls_cursor_get_u16(&block, &type) || !mintls_cursor_get_u16_prefixed(&block, &ext))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        if (!sh12_extension(type, &ext, out, &bit, out_alert))
            return 0;
        if (out->present & bit)
            return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
        if (!(requested & bit))
            return fail(out_alert, MINTLS_ALERT_UNSUPPORTED_EXTENSION);
        out->present |= bit;
    }
    return 1;
}

int mintls_server_hello_is_tls12(const uint8_t *body, size_t len)
{
    mintls_cursor c, sid, block, ext;
    uint16_t version, suite, type;
    uint8_t comp;
    mintls_span random;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u16(&c, &version) ||
        !mintls_cursor_get_span(&c, MINTLS_HELLO_RANDOM_LEN, &random) ||
        !mintls_cursor_get_u8_prefixed(&c, &sid) || !mintls_cursor_get_u16(&c, &suite) ||
        !mintls_cursor_get_u8(&c, &comp))
        return 0;
    if (mintls_cursor_is_empty(&c))
        return 1;
    if (!mintls_cursor_get_u16_prefixed(&c, &block))
        return 0;
    while (mintls_cursor_get_u16(&block, &type) && mintls_cursor_get_u16_prefixed(&block, &ext))
        if (type == MINTLS_EXT_SUPPORTED_VERSIONS)
            return 0;
    return 1;
}

int mintls_tls12_server_hello_write(mintls_writer *w, const mintls_tls12_server_hello *sh)
{
    static const uint8_t uncompressed[] = {0};
    int ok = mintls_hs_begin(w, MINTLS_HS_SERVER_HELLO) && mintls_writer_put_u16(w, sh->version) &&
             mintls_writer_put_bytes(w, sh->random, MINTLS_HELLO_RANDOM_LEN) &&
             mintls_writer_put_prefixed(w, 1, sh->session_id, sh->session_id_len) &&
             mintls_writer_put_u16(w, sh->cipher_suite) && mintls_writer_put_u8(w, 0) &&
             mintls_writer_open(w, 2);
    if (ok && (sh->present & MINTLS_SH12_RENEGOTIATION_INFO))
        ok = mintls_writer_put_u16(w, MINTLS_EXT_RENEGOTIATION_INFO) &&
             mintls_writer_put_u16(w, 1) && mintls_writer_put_u8(w, 0);
    if (ok && (sh->present & MINTLS_SH12_SERVER_NAME))
        ok = mintls_writer_put_u16(w, MINTLS_EXT_SERVER_NAME) && mintls_writer_put_u16(w, 0);
    if (ok && (sh->present & MINTLS_SH12_EC_POINT_FORMATS))
        ok = mintls_writer_put_u16(w, MINTLS_EXT_EC_POINT_FORMATS) && mintls_writer_open(w, 2) &&
             mintls_writer_put_prefixed(w, 1, uncompressed, 1) && mintls_writer_close(w);
    if (ok && (sh->present & MINTLS_SH12_EMS))
        ok = mintls_writer_put_u16(w, MINTLS_EXT_EXTENDED_MASTER_SECRET) &&
             mintls_writer_put_u16(w, 0);
    if (ok && (sh->present & MINTLS_SH12_ALPN))
        ok = mintls_writer_put_u16(w, MINTLS_EXT_ALPN) && mintls_writer_open(w, 2) &&
             mintls_writer_open(w, 2) &&
             mintls_writer_put_prefixed(w, 1, sh->alpn.p, sh->alpn.len) &&
             mintls_writer_close(w) && mintls_writer_close(w);
    ok = ok && mintls_writer_close(w) && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* ---- Certificate (RFC 5246 7.4.2) ----------------------------------------------- */

int mintls_tls12_certificate_next(mintls_cursor *c, mintls_span *out_der)
{
    mintls_cursor der;
    if (!mintls_cursor_get_u24_prefixed(c, &der) || der.len == 0)
        return 0;
    *out_der = mintls_cursor_span(&der);
    return 1;
}

int mintls_tls12_certificate_parse(const uint8_t *body, size_t len,
                                   mintls_tls12_certificate *out, uint8_t *out_alert)
{
    mintls_cursor c, list;
    mintls_span der;
    mintls_cursor_init(&c, body, len);
    memset(out, 0, sizeof(*out));
    if (!mintls_cursor_get_u24_prefixed(&c, &list) || !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->list = mintls_cursor_span(&list);
    while (!mintls_cursor_is_empty(&list)) {
        if (!mintls_tls12_certificate_next(&list, &der))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        out->count++;
    }
    return 1;
}

int mintls_tls12_certificate_write(mintls_writer *w, const mintls_span *ders, size_t n)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_CERTIFICATE) && mintls_writer_open(w, 3);
    for (size_t i = 0; ok && i < n; i++)
        ok = mintls_writer_put_prefixed(w, 3, ders[i].p, ders[i].len);
    ok = ok && mintls_writer_close(w) && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* ---- ServerKeyExchange (RFC 8422 5.4) -------------------------------------------- */
/* struct { ECCurveType curve_type; NamedCurve namedcurve; } ECParameters;
 * struct { ECParameters curve_params; ECPoint public; } ServerECDHParams;
 * struct { ServerECDHParams params; digitally-signed ... signed_params; } */
int mintls_tls12_server_key_exchange_parse(const uint8_t *body, size_t len,
                                           mintls_tls12_server_key_exchange *out,
                                           uint8_t *out_alert)
{
    mintls_cursor c, point, sig;
    uint8_t curve_type;
    memset(out, 0, sizeof(*out));
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u8(&c, &curve_type))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    if (curve_type != MINTLS_EC_NAMED_CURVE)
        return fail(out_alert, MINTLS_ALERT_HANDSHAKE_FAILURE);
    if (!mintls_cursor_get_u16(&c, &out->group) || !mintls_cursor_get_u8_prefixed(&c, &point) ||
        point.len == 0)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->point = mintls_cursor_span(&point);
    out->params.p = body;
    out->params.len = len - mintls_cursor_remaining(&c);
    if (!mintls_cursor_get_u16(&c, &out->scheme) || !mintls_cursor_get_u16_prefixed(&c, &sig) ||
        sig.len == 0 || !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->signature = mintls_cursor_span(&sig);
    return 1;
}

int mintls_tls12_ecdh_params(uint16_t group, const uint8_t *point, size_t point_len,
                             uint8_t **out, size_t *out_len)
{
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_writer_put_u8(&w, MINTLS_EC_NAMED_CURVE) && mintls_writer_put_u16(&w, group) &&
             mintls_writer_put_prefixed(&w, 1, point, point_len) &&
             mintls_writer_finish(&w, out, out_len);
    mintls_writer_clear(&w);
    return ok;
}

int mintls_tls12_server_key_exchange_write(mintls_writer *w, const uint8_t *params,
                                           size_t params_len, uint16_t scheme,
                                           const uint8_t *sig, size_t sig_len)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_SERVER_KEY_EXCHANGE) &&
             mintls_writer_put_bytes(w, params, params_len) && mintls_writer_put_u16(w, scheme) &&
             mintls_writer_put_prefixed(w, 2, sig, sig_len) && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* ---- CertificateRequest (RFC 5246 7.4.4) ------------------------------------------ */
/* struct { ClientCertificateType certificate_types<1..2^8-1>;
 *          SignatureAndHashAlgorithm supported_signature_algorithms<2..2^16-2>;
 *          DistinguishedName certificate_authorities<0..2^16-1>; } */
int mintls_tls12_certificate_request_parse(const uint8_t *body, size_t len,
                                           mintls_tls12_certificate_request *out,
                                           uint8_t *out_alert)
{
    mintls_cursor c, types, algs, cas;
    memset(out, 0, sizeof(*out));
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u8_prefixed(&c, &types) || types.len == 0 ||
        !mintls_cursor_get_u16_prefixed(&c, &algs) || algs.len == 0 || algs.len % 2 != 0)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    const uint8_t *cas_start = c.p;
    if (!mintls_cursor_get_u16_prefixed(&c, &cas) || !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->cert_types = mintls_cursor_span(&types);
    out->sig_algs.p = algs.p;
    out->sig_algs.count = algs.len / 2;
    out->cas.p = cas_start;
    out->cas.len = 2 + cas.len;
    return 1;
}

int mintls_tls12_certificate_request_write(mintls_writer *w, mintls_u16_list sig_algs,
                                           const uint8_t *cas, size_t cas_len)
{
    /* rsa_sign (1), ecdsa_sign (64) */
    static const uint8_t types[] = {1, 64};
    int ok = mintls_hs_begin(w, MINTLS_HS_CERTIFICATE_REQUEST) &&
             mintls_writer_put_prefixed(w, 1, types, sizeof(types)) &&
             mintls_writer_put_prefixed(w, 2, sig_algs.p, 2 * sig_algs.count);
    if (ok && cas != NULL)
        ok = mintls_writer_put_bytes(w, cas, cas_len);
    else if (ok)
        ok = mintls_writer_put_u16(w, 0);
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* ---- ServerHelloDone, ClientKeyExchange -------------------------------------------- */

int mintls_tls12_server_hello_done_parse(const uint8_t *body, size_t len, uint8_t *out_alert)
{
    (void)body;
    return len == 0 || fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
}

int mintls_tls12_server_hello_done_write(mintls_writer *w)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_SERVER_HELLO_DONE) && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

int mintls_tls12_client_key_exchange_parse(const uint8_t *body, size_t len, mintls_span *out_point,
                                           uint8_t *out_alert)
{
    mintls_cursor c, point;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u8_prefixed(&c, &point) || point.len == 0 ||
        !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    *out_point = mintls_cursor_span(&point);
    return 1;
}

int mintls_tls12_client_key_exchange_write(mintls_writer *w, const uint8_t *point, size_t len)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_CLIENT_KEY_EXCHANGE) &&
             mintls_writer_put_prefixed(w, 1, point, len) && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}
