/*
 * The connection's I/O: records in from rbio, records out to wbio, alerts.
 *
 * The record layer (record.c) is pure; this file owns the bytes around it
 * and the BIO conventions:
 *   - reading fills the input buffer only up to what the record layer says
 *     it needs (no read-ahead), so the BIO keeps whatever follows the
 *     records we use;
 *   - a BIO that asks to retry becomes rwstate SSL_READING / SSL_WRITING and
 *     -1, and the same call later continues from the bytes already held:
 *     input is never dropped, output never re-sent;
 *   - buffers exist only while they hold bytes (DESIGN.md, record layer).
 *
 * End of input without close_notify is a fatal error, as in OpenSSL 3.0
 * (SSL_R_UNEXPECTED_EOF_WHILE_READING, and a decode_error alert), unless
 * SSL_OP_IGNORE_UNEXPECTED_EOF makes it a clean close.
 */
#include "ssl_local.h"

#include <stdlib.h>
#include <string.h>

/* Room for one full-size record under any protection; a longer flight
   grows the queue as needed. */
#define OUT_BUF_INITIAL (MINTLS_RECORD_HEADER_LEN + MINTLS_TLS12_MAX_CIPHERTEXT)

void mintls_conn_init(SSL *s)
{
    memset(&s->io, 0, sizeof(s->io));
    mintls_record_dir_init(&s->io.read_dir);
    mintls_record_dir_init(&s->io.write_dir);
    /* The first ClientHello goes out as 0x0301 (RFC 8446 5.1); the state
       machine sets what it wants before queuing anything. */
    s->io.write_dir.version = 0x0303;
}

static void free_in(mintls_conn_io *io)
{
    if (io->in_buf != NULL)
        OPENSSL_cleanse(io->in_buf, MINTLS_RECORD_READ_BUF);
    free(io->in_buf);
    io->in_buf = NULL;
    io->in_start = io->in_end = 0;
    io->have_rec = 0;
}

static void free_out(mintls_conn_io *io)
{
    if (io->out_buf != NULL)
        OPENSSL_cleanse(io->out_buf, io->out_cap);
    free(io->out_buf);
    io->out_buf = NULL;
    io->out_cap = io->out_start = io->out_end = 0;
}

void mintls_conn_free(SSL *s)
{
    free_in(&s->io);
    free_out(&s->io);
    mintls_record_dir_clear(&s->io.read_dir);
    mintls_record_dir_clear(&s->io.write_dir);
}

int mintls_conn_buffers_allocated(const SSL *s, int *out_in, int *out_out)
{
    *out_in = s->io.in_buf != NULL;
    *out_out = s->io.out_buf != NULL;
    return *out_in || *out_out;
}

/* ---- output ------------------------------------------------------------------ */

size_t mintls_conn_queued(const SSL *s)
{
    return s->io.out_end - s->io.out_start;
}

/* Makes room for need more bytes at out_end. */
static int out_reserve(mintls_conn_io *io, size_t need)
{
    if (io->out_start > 0 && io->out_start == io->out_end)
        io->out_start = io->out_end = 0;
    if (io->out_cap - io->out_end >= need)
        return 1;
    /* Slide the unsent bytes to the front before growing. */
    if (io->out_start > 0) {
        memmove(io->out_buf, io->out_buf + io->out_start, io->out_end - io->out_start);
        io->out_end -= io->out_start;
        io->out_start = 0;
        if (io->out_cap - io->out_end >= need)
            return 1;
    }
    size_t cap = io->out_cap != 0 ? io->out_cap : OUT_BUF_INITIAL;
    while (cap - io->out_end < need)
        cap *= 2;
    uint8_t *p = malloc(cap);
    if (p == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    /* A fresh block rather than realloc, so the old one can be wiped. */
    if (io->out_buf != NULL) {
        memcpy(p, io->out_buf, io->out_end);
        OPENSSL_cleanse(io->out_buf, io->out_cap);
        free(io->out_buf);
    }
    io->out_buf = p;
    io->out_cap = cap;
    return 1;
}

int mintls_conn_queue(SSL *s, uint8_t type, const uint8_t *data, size_t len)
{
    mintls_conn_io *io = &s->io;
    do {
        size_t n = len < MINTLS_RECORD_MAX_PLAINTEXT ? len : MINTLS_RECORD_MAX_PLAINTEXT;
        size_t need = mintls_record_write_size(&io->write_dir, n, 0);
        if (!out_reserve(io, need))
            return 0;
        size_t written;
        if (!mintls_record_write(&io->write_dir, type, data, n, 0, io->out_buf + io->out_end,
                                 io->out_cap - io->out_end, &written))
            return 0;
        io->out_end += written;
        data += n;
        len -= n;
    } while (len > 0);
    return 1;
}

int mintls_conn_flush(SSL *s)
{
    mintls_conn_io *io = &s->io;
    if (io->out_start == io->out_end) {
        free_out(io);
        return 1;
    }
    if (s->wbio == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BIO_NOT_SET);
        return -1;
    }
    while (io->out_start < io->out_end) {
        size_t left = io->out_end - io->out_start;
        int chunk = left > 0x40000000 ? 0x40000000 : (int)left;
        s->rwstate = SSL_WRITING;
        int n = BIO_write(s->wbio, io->out_buf + io->out_start, chunk);
        if (n <= 0)
            return -1; /* rwstate stays SSL_WRITING: SSL_get_error asks the BIO why */
        io->out_start += (size_t)n;
    }
    free_out(io);
    s->rwstate = SSL_WRITING;
    if (BIO_flush(s->wbio) <= 0 && BIO_should_retry(s->wbio))
        return -1;
    s->rwstate = SSL_NOTHING;
    return 1;
}

/* Queues one alert record; the record layer seals it under the current keys. */
static int queue_alert(SSL *s, uint8_t level, uint8_t desc)
{
    uint8_t alert[2] = {level, desc};
    if (!mintls_conn_queue(s, MINTLS_CT_ALERT, alert, sizeof(alert)))
        return 0;
    mintls_info(s, SSL_CB_WRITE_ALERT, level << 8 | desc);
    return 1;
}

int mintls_conn_queue_close_notify(SSL *s)
{
    if (!queue_alert(s, MINTLS_ALERT_LEVEL_WARNING, MINTLS_ALERT_CLOSE_NOTIFY))
        return 0;
    s->shutdown |= SSL_SENT_SHUTDOWN;
    return 1;
}

void mintls_conn_fatal(SSL *s, int alert, int reason)
{
    if (reason != 0)
        ERR_raise(ERR_LIB_SSL, reason);
    if (s->io.dead)
        return;
    s->io.dead = 1;
    free_in(&s->io);
    if (alert >= 0 && s->wbio != NULL && queue_alert(s, MINTLS_ALERT_LEVEL_FATAL, (uint8_t)alert)) {
        /* Best effort: a BIO that cannot take the alert now does not
           change the outcome, and its own errors must not hide ours. */
        ERR_set_mark();
        (void)mintls_conn_flush(s);
        ERR_pop_to_mark();
    }
    s->rwstate = SSL_NOTHING;
}

/* ---- input ------------------------------------------------------------------- */

/* Drops the current record's bytes from the input; frees the buffer when empty. */
static void drop_record(mintls_conn_io *io)
{
    if (io->have_rec) {
        io->in_start += io->rec.consumed;
        io->have_rec = 0;
    }
    if (io->in_start == io->in_end)
        free_in(io);
}

/* Reads into the input buffer until it holds `needed` bytes. 1, 0 (clean EOF) or -1. */
static int fill_input(SSL *s, size_t needed)
{
    mintls_conn_io *io = &s->io;
    if (s->rbio == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_READ_BIO_NOT_SET);
        return -1;
    }
    if (io->in_buf == NULL) {
        if ((io->in_buf = malloc(MINTLS_RECORD_READ_BUF)) == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return -1;
        }
        io->in_start = io->in_end = 0;
    }
    /* The record layer never asks for more than one record's worth. */
    if (io->in_start > 0 && io->in_start + needed > MINTLS_RECORD_READ_BUF) {
        memmove(io->in_buf, io->in_buf + io->in_start, io->in_end - io->in_start);
        io->in_end -= io->in_start;
        io->in_start = 0;
    }
    if (io->in_start + needed > MINTLS_RECORD_READ_BUF) {
        mintls_conn_fatal(s, MINTLS_ALERT_RECORD_OVERFLOW, SSL_R_PACKET_LENGTH_TOO_LONG);
        return -1;
    }
    while (io->in_end - io->in_start < needed) {
        s->rwstate = SSL_READING;
        int want = (int)(needed - (io->in_end - io->in_start));
        int n = BIO_read(s->rbio, io->in_buf + io->in_end, want);
        if (n > 0) {
            io->in_end += (size_t)n;
            continue;
        }
        if (io->in_start == io->in_end)
            free_in(io); /* waiting with nothing buffered holds no buffer */
        if (BIO_should_retry(s->rbio))
            return -1;
        s->rwstate = SSL_NOTHING;
        if (!BIO_eof(s->rbio))
            return -1; /* a transport error: SSL_get_error says SYSCALL (or the BIO's error) */
        if (s->settings.options & SSL_OP_IGNORE_UNEXPECTED_EOF) {
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            io->close_notify_received = 1;
            free_in(io);
            return 0;
        }
        mintls_conn_fatal(s, MINTLS_ALERT_DECODE_ERROR, SSL_R_UNEXPECTED_EOF_WHILE_READING);
        return -1;
    }
    s->rwstate = SSL_NOTHING;
    return 1;
}

/* The peer's alert (RFC 8446 6). Returns 1 to read on, 0 closed, -1 failed. */
static int peer_alert(SSL *s, const mintls_record *rec)
{
    mintls_conn_io *io = &s->io;
    io->last_alert_received = rec->alert;
    mintls_info(s, SSL_CB_READ_ALERT, rec->alert_level << 8 | rec->alert);
    /* RFC 8446 6.1: user_canceled is the one warning that does not end the
       connection by itself; every other alert but close_notify is fatal. */
    if (rec->alert == MINTLS_ALERT_USER_CANCELED && rec->alert_level == MINTLS_ALERT_LEVEL_WARNING)
        return 1;
    /* RFC 5246 7.2: under TLS 1.2 a warning (no_renegotiation, say) leaves
       the connection open, as OpenSSL takes it. */
    if (s->tls12_suite != NULL && rec->alert_level == MINTLS_ALERT_LEVEL_WARNING)
        return 1;
    s->shutdown |= SSL_RECEIVED_SHUTDOWN;
    io->dead = 1;
    free_in(io);
    ERR_raise(ERR_LIB_SSL, SSL_AD_REASON_OFFSET + rec->alert);
    return -1;
}

int mintls_conn_read_record(SSL *s)
{
    mintls_conn_io *io = &s->io;
    if (io->dead) {
        s->rwstate = SSL_NOTHING;
        return -1;
    }
    if (io->close_notify_received) {
        s->rwstate = SSL_NOTHING;
        return 0;
    }
    if (io->have_rec && io->rec_off < io->rec.len)
        return 1;
    drop_record(io);
    for (;;) {
        size_t have = io->in_end - io->in_start;
        mintls_record rec;
        mintls_record_result r;
        if (have == 0) {
            r = MINTLS_RECORD_NEED_MORE;
            rec.needed = MINTLS_RECORD_HEADER_LEN;
        } else {
            r = mintls_record_read(&io->read_dir, io->in_buf + io->in_start, have, &rec);
        }
        switch (r) {
        case MINTLS_RECORD_NEED_MORE: {
            int f = fill_input(s, rec.needed);
            if (f <= 0)
                return f;
            continue;
        }
        case MINTLS_RECORD_OK:
            io->rec = rec;
            io->rec_off = 0;
            io->have_rec = 1;
            /* An empty record (TLS 1.3 application data may be empty) carries nothing: skip it. */
            if (rec.len == 0) {
                drop_record(io);
                continue;
            }
            return 1;
        case MINTLS_RECORD_CLOSE_NOTIFY:
            io->in_start += rec.consumed;
            io->last_alert_received = MINTLS_ALERT_CLOSE_NOTIFY;
            io->close_notify_received = 1;
            mintls_info(s, SSL_CB_READ_ALERT, MINTLS_ALERT_LEVEL_WARNING << 8 | MINTLS_ALERT_CLOSE_NOTIFY);
            s->shutdown |= SSL_RECEIVED_SHUTDOWN;
            free_in(io); /* nothing after close_notify is read (RFC 8446 6.1) */
            s->rwstate = SSL_NOTHING;
            return 0;
        case MINTLS_RECORD_PEER_ALERT: {
            io->in_start += rec.consumed;
            int a = peer_alert(s, &rec);
            if (a < 0)
                return a;
            drop_record(io);
            continue;
        }
        case MINTLS_RECORD_SEND_ALERT:
        default:
            /* The record layer names OpenSSL's reason for each rejection. */
            mintls_conn_fatal(s, rec.alert, rec.reason != 0 ? rec.reason : ERR_R_INTERNAL_ERROR);
            return -1;
        }
    }
}

const uint8_t *mintls_conn_record_data(const SSL *s, uint8_t *out_type, size_t *out_len)
{
    const mintls_conn_io *io = &s->io;
    if (!io->have_rec || io->rec_off >= io->rec.len) {
        *out_type = 0;
        *out_len = 0;
        return NULL;
    }
    *out_type = io->rec.type;
    *out_len = io->rec.len - io->rec_off;
    return io->rec.data + io->rec_off;
}

void mintls_conn_consume(SSL *s, size_t n)
{
    mintls_conn_io *io = &s->io;
    if (!io->have_rec)
        return;
    size_t left = io->rec.len - io->rec_off;
    io->rec_off += n < left ? n : left;
    if (io->rec_off == io->rec.len)
        drop_record(io);
}

/* ---- pending input ------------------------------------------------------------ */

int SSL_pending(const SSL *s)
{
    const mintls_conn_io *io = &s->io;
    if (!io->have_rec || io->rec.type != MINTLS_CT_APPLICATION_DATA)
        return 0;
    size_t left = io->rec.len - io->rec_off;
    return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

int SSL_has_pending(const SSL *s)
{
    const mintls_conn_io *io = &s->io;
    if (SSL_pending(s) > 0)
        return 1;
    /* Bytes buffered beyond the current record (a record not yet processed). */
    size_t rest = io->in_end - io->in_start - (io->have_rec ? io->rec.consumed : 0);
    return rest > 0;
}
