/* EncryptedExtensions, CertificateRequest, NewSessionTicket (see tls13_msgs.h). */
#include "tls13_msgs.h"

#include <string.h>

#include "record.h"
#include "tls_handshake_msg.h"

static int fail(uint8_t *out_alert, uint8_t alert)
{
    *out_alert = alert;
    return 0;
}

/* A message that ends with a u16-prefixed extension block, and nothing after. */
static int get_extension_block(mintls_cursor *c, unsigned msg, uint32_t requested,
                               mintls_extensions *out, uint8_t *out_alert)
{
    mintls_cursor block;
    if (!mintls_cursor_get_u16_prefixed(c, &block) || !mintls_cursor_is_empty(c))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    return mintls_extensions_parse(&block, msg, requested, out, out_alert);
}

static int end(mintls_writer *w, int ok)
{
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* struct { Extension extensions<0..2^16-1>; } EncryptedExtensions; */
int mintls_encrypted_extensions_parse(const uint8_t *body, size_t len, uint32_t requested,
                                      mintls_encrypted_extensions *out, uint8_t *out_alert)
{
    mintls_cursor c;
    mintls_cursor_init(&c, body, len);
    return get_extension_block(&c, MINTLS_EXT_IN_EE, requested, &out->ext, out_alert);
}

int mintls_encrypted_extensions_write(mintls_writer *w, const mintls_encrypted_extensions *ee)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_ENCRYPTED_EXTENSIONS) &&
                      mintls_extensions_write(w, MINTLS_EXT_IN_EE, &ee->ext));
}

/*
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     Extension extensions<2..2^16-1>;
 * } CertificateRequest;
 */
int mintls_certificate_request_parse(const uint8_t *body, size_t len,
                                     mintls_certificate_request *out, uint8_t *out_alert)
{
    mintls_cursor c, ctx;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u8_prefixed(&c, &ctx))
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->context = mintls_cursor_span(&ctx);
    if (!get_extension_block(&c, MINTLS_EXT_IN_CR, 0, &out->ext, out_alert))
        return 0;
    /* 4.3.2: "The signature_algorithms extension MUST be specified". */
    if (!(out->ext.present & MINTLS_XBIT(MINTLS_X_SIGNATURE_ALGORITHMS)))
        return fail(out_alert, MINTLS_ALERT_MISSING_EXTENSION);
    return 1;
}

int mintls_certificate_request_write(mintls_writer *w, const mintls_certificate_request *cr)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_CERTIFICATE_REQUEST) &&
                      mintls_writer_put_prefixed(w, 1, cr->context.p, cr->context.len) &&
                      mintls_extensions_write(w, MINTLS_EXT_IN_CR, &cr->ext));
}

/*
 * struct {
 *     uint32 ticket_lifetime;
 *     uint32 ticket_age_add;
 *     opaque ticket_nonce<0..255>;
 *     opaque ticket<1..2^16-1>;
 *     Extension extensions<0..2^16-2>;
 * } NewSessionTicket;
 */
int mintls_new_session_ticket_parse(const uint8_t *body, size_t len,
                                    mintls_new_session_ticket *out, uint8_t *out_alert)
{
    mintls_cursor c, nonce, ticket;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u32(&c, &out->lifetime) || !mintls_cursor_get_u32(&c, &out->age_add) ||
        !mintls_cursor_get_u8_prefixed(&c, &nonce) ||
        !mintls_cursor_get_u16_prefixed(&c, &ticket) || ticket.len == 0)
        return fail(out_alert, MINTLS_ALERT_DECODE_ERROR);
    out->nonce = mintls_cursor_span(&nonce);
    out->ticket = mintls_cursor_span(&ticket);
    return get_extension_block(&c, MINTLS_EXT_IN_NST, 0, &out->ext, out_alert);
}

int mintls_new_session_ticket_write(mintls_writer *w, const mintls_new_session_ticket *nst)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_NEW_SESSION_TICKET) &&
                      mintls_writer_put_u32(w, nst->lifetime) &&
                      mintls_writer_put_u32(w, nst->age_add) &&
                      mintls_writer_put_prefixed(w, 1, nst->nonce.p, nst->nonce.len) &&
                      nst->ticket.len != 0 &&
                      mintls_writer_put_prefixed(w, 2, nst->ticket.p, nst->ticket.len) &&
                      mintls_extensions_write(w, MINTLS_EXT_IN_NST, &nst->ext));
}
