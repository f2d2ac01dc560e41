/* Certificate and CertificateVerify (see tls13_msgs.h). */
#include "tls13_msgs.h"

#include <string.h>

#include "record.h"
#include "tls_handshake_msg.h"

static int fail(uint8_t *out_alert, uint8_t alert)
{
    *out_alert = alert;
    return 0;
}

static int end(mintls_writer *w, int ok)
{
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/*
 * struct {
 *     opaque cert_data<1..2^24-1>;      (X509 certificates only: no raw public keys)
 *     Extension extensions<0..2^16-1>;
 * } CertificateEntry;
 */
int mintls_certificate_entry_next(mintls_cursor *c, mintls_span *out_der,
                                  mintls_span *out_extensions)
{
    mintls_cursor der, ext;
    mintls_cursor save = *c;
    if (!mintls_cursor_get_u24_prefixed(c, &der) || der.len == 0 ||
        !mintls_cursor_get_u16_prefixed(c, &ext)) {
        *c = save;
        return 0;
    }
    *out_der = mintls_cursor_span(&der);
    *out_extensions = mintls_cursor_span(&ext);
    return 1;
}

/*
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     CertificateEntry certificate_list<0..2^24-1>;
 * } Certificate;
 */
int mintls_certificate_parse(const uint8_t *body, size_t len, int from_server, uint32_t requested,
                             mintls_certificate *out, uint8_t *out_alert)
{
    mintls_cursor c, ctx, list;
    mintls_cursor_init(&c, body, len);
    memset(out, 0, sizeof(*out));
    if (!mintls_cursor_get_u8_prefixed(&c, &ctx) || !mintls_cursor_get_u24_prefixed(&c, &list) ||
        !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->context = mintls_cursor_span(&ctx);
    out->list = mintls_cursor_span(&list);
    while (!mintls_cursor_is_empty(&list)) {
        mintls_span der, ext;
        mintls_cursor block;
        mintls_extensions parsed;
        if (!mintls_certificate_entry_next(&list, &der, &ext))
            return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
        mintls_cursor_init(&block, ext.p, ext.len);
        if (!mintls_extensions_parse(&block, MINTLS_EXT_IN_CT, requested, &parsed, out_alert))
            return 0;
        out->count++;
    }
    if (from_server && out->context.len != 0)
        return fail(out_alert, MINTLS_ALERT_ILLEGAL_PARAMETER);
    if (from_server && out->count == 0)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    return 1;
}

int mintls_certificate_write(mintls_writer *w, const mintls_certificate *cert)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_CERTIFICATE) &&
                      mintls_writer_put_prefixed(w, 1, cert->context.p, cert->context.len) &&
                      mintls_writer_put_prefixed(w, 3, cert->list.p, cert->list.len));
}

int mintls_certificate_write_chain(mintls_writer *w, mintls_span context, const mintls_span *ders,
                                   size_t n)
{
    int ok = mintls_hs_begin(w, MINTLS_HS_CERTIFICATE) &&
             mintls_writer_put_prefixed(w, 1, context.p, context.len) && mintls_writer_open(w, 3);
    for (size_t i = 0; ok && i < n; i++)
        ok = ders[i].len != 0 && mintls_writer_put_prefixed(w, 3, ders[i].p, ders[i].len) &&
             mintls_writer_put_u16(w, 0);
    return end(w, ok && mintls_writer_close(w));
}

/*
 * struct {
 *     SignatureScheme algorithm;
 *     opaque signature<0..2^16-1>;
 * } CertificateVerify;
 */
int mintls_certificate_verify_parse(const uint8_t *body, size_t len,
                                    mintls_certificate_verify *out, uint8_t *out_alert)
{
    mintls_cursor c, sig;
    mintls_cursor_init(&c, body, len);
    /* No scheme has an empty signature: reject it as malformed. */
    if (!mintls_cursor_get_u16(&c, &out->scheme) || !mintls_cursor_get_u16_prefixed(&c, &sig) ||
        sig.len == 0 || !mintls_cursor_is_empty(&c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->signature = mintls_cursor_span(&sig);
    return 1;
}

int mintls_certificate_verify_write(mintls_writer *w, const mintls_certificate_verify *cv)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_CERTIFICATE_VERIFY) &&
                      mintls_writer_put_u16(w, cv->scheme) &&
                      mintls_writer_put_prefixed(w, 2, cv->signature.p, cv->signature.len));
}

/* RFC 8446 4.4.3: the context strings are 33 bytes each, without the NUL. */
static const char server_context[] = "TLS 1.3, server CertificateVerify";
static const char client_context[] = "TLS 1.3, client CertificateVerify";

int mintls_certificate_verify_content(int from_server, const uint8_t *hash, size_t hash_len,
                                      uint8_t *out, size_t *out_len)
{
    const char *ctx = from_server ? server_context : client_context;
    if (hash_len > 64)
        return 0;
    memset(out, 0x20, 64);
    memcpy(out + 64, ctx, 33);
    out[64 + 33] = 0;
    memcpy(out + 64 + 34, hash, hash_len);
    *out_len = 64 + 34 + hash_len;
    return 1;
}
