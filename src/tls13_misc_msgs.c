/* Finished, KeyUpdate, EndOfEarlyData (see tls13_msgs.h). */
#include "tls13_msgs.h"

#include "record.h"
#include "tls_handshake_msg.h"

static int end(mintls_writer *w, int ok)
{
    ok = ok && mintls_hs_end(w);
    if (!ok)
        w->failed = 1;
    return ok;
}

/* struct { opaque verify_data[Hash.length]; } Finished; */
int mintls_finished_parse(const uint8_t *body, size_t len, size_t hash_len, mintls_finished *out,
                          uint8_t *out_alert)
{
    mintls_cursor c;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_span(&c, hash_len, &out->verify_data) || !mintls_cursor_is_empty(&c)) {
        *out_alert = MINTLS_ALERT_DECODE_ERROR;
        return 0;
    }
    return 1;
}

int mintls_finished_write(mintls_writer *w, const uint8_t *verify_data, size_t len)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_FINISHED) &&
                      mintls_writer_put_bytes(w, verify_data, len));
}

/* enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 * struct { KeyUpdateRequest request_update; } KeyUpdate; */
int mintls_key_update_parse(const uint8_t *body, size_t len, uint8_t *out_request_update,
                            uint8_t *out_alert)
{
    mintls_cursor c;
    mintls_cursor_init(&c, body, len);
    if (!mintls_cursor_get_u8(&c, out_request_update) || !mintls_cursor_is_empty(&c)) {
        *out_alert = MINTLS_ALERT_DECODE_ERROR;
        return 0;
    }
    /* 4.6.3: any other value is illegal_parameter. */
    if (*out_request_update > MINTLS_KEY_UPDATE_REQUESTED) {
        *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
        return 0;
    }
    return 1;
}

int mintls_key_update_write(mintls_writer *w, uint8_t request_update)
{
    return end(w, request_update <= MINTLS_KEY_UPDATE_REQUESTED &&
                      mintls_hs_begin(w, MINTLS_HS_KEY_UPDATE) &&
                      mintls_writer_put_u8(w, request_update));
}

/* struct {} EndOfEarlyData; */
int mintls_end_of_early_data_parse(const uint8_t *body, size_t len, uint8_t *out_alert)
{
    (void)body;
    if (len != 0) {
        *out_alert = MINTLS_ALERT_DECODE_ERROR;
        return 0;
    }
    return 1;
}

int mintls_end_of_early_data_write(mintls_writer *w)
{
    return end(w, mintls_hs_begin(w, MINTLS_HS_END_OF_EARLY_DATA));
}
