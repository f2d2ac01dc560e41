/*
 * ALPN settings and results (RFC 7301): the client's offered list, the
 * server's selection callback, the negotiated protocol, and
 * SSL_select_next_proto, the helper callbacks use to pick one. The
 * handshake (tls13_client.c / tls13_server.c) sends and checks the
 * extension.
 */
#include "ssl_local.h"

#include <string.h>

/* A wire-form list: one or more names, each 1..255 bytes after its length. */
static int alpn_list_valid(const uint8_t *p, size_t len)
{
    if (p == NULL || len == 0)
        return 0;
    for (size_t i = 0; i < len; i += 1 + (size_t)p[i])
        if (p[i] == 0 || len - i - 1 < p[i])
            return 0;
    return 1;
}

int mintls_alpn_set_list(uint8_t **dst, size_t *dst_len, const uint8_t *p, size_t len)
{
    uint8_t *copy = NULL;
    /* OpenSSL: NULL or an empty list clears the setting. */
    if (p != NULL && len > 0) {
        /* OpenSSL 3.0 refuses a malformed list without a word on the
           error queue (only the return value says so): so do we. */
        if (!alpn_list_valid(p, len))
            return 0;
        if ((copy = OPENSSL_memdup(p, len)) == NULL)
            return 0;
    }
    OPENSSL_free(*dst);
    *dst = copy;
    *dst_len = copy != NULL ? len : 0;
    return 1;
}

int mintls_alpn_set_selected(SSL *s, const uint8_t *p, size_t len)
{
    uint8_t *copy = OPENSSL_memdup(p, len);
    if (copy == NULL)
        return 0;
    OPENSSL_free(s->alpn_selected);
    s->alpn_selected = copy;
    s->alpn_selected_len = len;
    return 1;
}

/* 0 on success, 1 on failure: OpenSSL's convention for these two. */
int SSL_CTX_set_alpn_protos(SSL_CTX *ctx, const unsigned char *protos, unsigned int protos_len)
{
    return mintls_alpn_set_list(&ctx->alpn_protos, &ctx->alpn_protos_len, protos, protos_len)
               ? 0
               : 1;
}

int SSL_set_alpn_protos(SSL *ssl, const unsigned char *protos, unsigned int protos_len)
{
    return mintls_alpn_set_list(&ssl->alpn_protos, &ssl->alpn_protos_len, protos, protos_len)
               ? 0
               : 1;
}

void SSL_CTX_set_alpn_select_cb(SSL_CTX *ctx, SSL_CTX_alpn_select_cb_func cb, void *arg)
{
    ctx->alpn_select_cb = cb;
    ctx->alpn_select_arg = arg;
}

void SSL_get0_alpn_selected(const SSL *ssl, const unsigned char **data, unsigned int *len)
{
    *data = ssl->alpn_selected;
    *len = (unsigned int)ssl->alpn_selected_len;
}

/*
 * The first of the server's protocols (its preference order) that the
 * client also lists: *out points into server. With no overlap, the
 * client's first protocol (so an NPN client has something to ask for),
 * and OPENSSL_NPN_NO_OVERLAP; an invalid or empty client list gives
 * NULL/0.
 */
int SSL_select_next_proto(unsigned char **out, unsigned char *outlen,
                          const unsigned char *server, unsigned int server_len,
                          const unsigned char *client, unsigned int client_len)
{
    int client_ok = alpn_list_valid(client, client_len);
    if (client_ok && alpn_list_valid(server, server_len)) {
        for (size_t i = 0; i < server_len; i += 1 + (size_t)server[i])
            for (size_t j = 0; j < client_len; j += 1 + (size_t)client[j])
                if (server[i] == client[j] && memcmp(server + i + 1, client + j + 1, server[i]) == 0) {
                    *out = (unsigned char *)server + i + 1;
                    *outlen = server[i];
                    return OPENSSL_NPN_NEGOTIATED;
                }
    }
    if (client_ok) {
        *out = (unsigned char *)client + 1;
        *outlen = client[0];
    } else {
        *out = NULL;
        *outlen = 0;
    }
    return OPENSSL_NPN_NO_OVERLAP;
}
