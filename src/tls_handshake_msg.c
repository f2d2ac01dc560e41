/* Handshake message framing and reassembly (see tls_handshake_msg.h). */
#include "tls_handshake_msg.h"

#include <openssl/crypto.h>
#include <string.h>

#include "record.h"

int mintls_hs_msg_split(const uint8_t *msg, size_t len, mintls_hs_msg *out, uint8_t *out_alert)
{
    mintls_cursor c, body;
    mintls_cursor_init(&c, msg, len);
    if (!mintls_cursor_get_u8(&c, &out->type) || !mintls_cursor_get_u24_prefixed(&c, &body) ||
        !mintls_cursor_is_empty(&c)) {
        *out_alert = MINTLS_ALERT_DECODE_ERROR;
        return 0;
    }
    out->body = body.p;
    out->body_len = body.len;
    out->msg = msg;
    out->msg_len = len;
    return 1;
}

int mintls_hs_begin(mintls_writer *w, uint8_t type)
{
    return mintls_writer_put_u8(w, type) && mintls_writer_open(w, 3);
}

int mintls_hs_end(mintls_writer *w)
{
    return mintls_writer_close(w);
}

/* ---- reassembly ------------------------------------------------------------ */

void mintls_hs_reader_init(mintls_hs_reader *r, size_t max_msg)
{
    memset(r, 0, sizeof(*r));
    r->max_msg = max_msg != 0 ? max_msg : MINTLS_HS_DEFAULT_MAX;
}

void mintls_hs_reader_clear(mintls_hs_reader *r)
{
    size_t max = r->max_msg;
    if (r->buf != NULL)
        OPENSSL_clear_free(r->buf, r->cap);
    mintls_hs_reader_init(r, max);
}

/* Drops the bytes already handed out; frees the buffer once it is empty. */
static void compact(mintls_hs_reader *r)
{
    if (r->start == 0)
        return;
    if (r->start == r->len) {
        mintls_hs_reader_clear(r);
        return;
    }
    memmove(r->buf, r->buf + r->start, r->len - r->start);
    r->len -= r->start;
    r->start = 0;
}

int mintls_hs_reader_add(mintls_hs_reader *r, const uint8_t *data, size_t len, uint8_t *out_alert)
{
    compact(r);
    if (len == 0)
        return 1;
    if (r->cap - r->len < len) {
        size_t need = r->len + len;
        size_t cap = r->cap < 512 ? 1024 : r->cap * 2;
        if (need < len || cap < r->cap) { /* overflow */
            *out_alert = MINTLS_ALERT_INTERNAL_ERROR;
            return 0;
        }
        if (cap < need)
            cap = need;
        uint8_t *nb = OPENSSL_malloc(cap);
        if (nb == NULL) {
            *out_alert = MINTLS_ALERT_INTERNAL_ERROR;
            return 0;
        }
        if (r->len != 0)
            memcpy(nb, r->buf, r->len);
        if (r->buf != NULL)
            OPENSSL_clear_free(r->buf, r->cap);
        r->buf = nb;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, data, len);
    r->len += len;
    return 1;
}

mintls_hs_read_result mintls_hs_reader_next(mintls_hs_reader *r, mintls_hs_msg *out,
                                            uint8_t *out_alert)
{
    compact(r);
    mintls_cursor c;
    uint8_t type;
    uint32_t body_len;
    mintls_cursor_init(&c, r->buf, r->len);
    if (!mintls_cursor_get_u8(&c, &type) || !mintls_cursor_get_u24(&c, &body_len))
        return MINTLS_HS_READ_NEED_MORE;
    if (body_len > r->max_msg) {
        *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
        return MINTLS_HS_READ_ALERT;
    }
    if (mintls_cursor_remaining(&c) < body_len)
        return MINTLS_HS_READ_NEED_MORE;
    out->type = type;
    out->msg = r->buf;
    out->msg_len = MINTLS_HS_HEADER_LEN + (size_t)body_len;
    out->body = r->buf + MINTLS_HS_HEADER_LEN;
    out->body_len = body_len;
    r->start = out->msg_len;
    return MINTLS_HS_READ_MSG;
}

int mintls_hs_reader_is_empty(const mintls_hs_reader *r)
{
    return r->len == r->start;
}
