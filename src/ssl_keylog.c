/*
 * SSL_CTX_set_keylog_callback: each traffic secret as one line of the NSS
 * key log format ("LABEL <client random hex> <secret hex>"), which
 * Wireshark and friends read to decrypt a capture. The line holds a
 * secret, so it is wiped once the callback has seen it.
 */
#include "ssl_local.h"

#include <string.h>

void SSL_CTX_set_keylog_callback(SSL_CTX *ctx, SSL_CTX_keylog_cb_func cb)
{
    ctx->keylog_callback = cb;
}

SSL_CTX_keylog_cb_func SSL_CTX_get_keylog_callback(const SSL_CTX *ctx)
{
    return ctx->keylog_callback;
}

static char *put_hex(char *p, const uint8_t *b, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        *p++ = digits[b[i] >> 4];
        *p++ = digits[b[i] & 15];
    }
    return p;
}

void mintls_keylog(const SSL *s, const char *label, const uint8_t *secret, size_t len)
{
    SSL_CTX_keylog_cb_func cb = s->ctx->keylog_callback;
    if (cb == NULL || len > 64)
        return;
    /* label, space, 64 hex digits, space, up to 128 hex digits, NUL */
    char line[48 + 1 + 64 + 1 + 128 + 1];
    size_t label_len = strlen(label);
    if (label_len > 48)
        return;
    memcpy(line, label, label_len);
    char *p = line + label_len;
    *p++ = ' ';
    p = put_hex(p, s->client_random, sizeof(s->client_random));
    *p++ = ' ';
    p = put_hex(p, secret, len);
    *p = '\0';
    cb(s, line);
    OPENSSL_cleanse(line, sizeof(line));
}
