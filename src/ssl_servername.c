/*
 * Server Name Indication on the server (RFC 6066 3): the servername
 * callback and its argument, the name a connection carries
 * (SSL_get_servername), and SSL_set_SSL_CTX, which a callback uses to
 * serve the name from another context's certificates.
 */
#include "ssl_local.h"

#include <stdlib.h>
#include <string.h>

typedef int (*servername_fn)(SSL *s, int *alert, void *arg);

long SSL_CTX_callback_ctrl(SSL_CTX *ctx, int cmd, void (*fp)(void))
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (cmd == SSL_CTRL_SET_TLSEXT_SERVERNAME_CB) {
        ctx->servername_cb = (servername_fn)fp;
        return 1;
    }
    ERR_raise(ERR_LIB_SSL, SSL_R_INVALID_COMMAND);
    return 0;
}

/* No per-connection callbacks yet: every command is unknown. */
long SSL_callback_ctrl(SSL *ssl, int cmd, void (*fp)(void))
{
    (void)ssl;
    (void)cmd;
    (void)fp;
    ERR_raise(ERR_LIB_SSL, SSL_R_INVALID_COMMAND);
    return 0;
}

long mintls_servername_ctx_ctrl(SSL_CTX *ctx, int cmd, void *parg, int *handled)
{
    *handled = cmd == SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG;
    if (!*handled)
        return 0;
    ctx->servername_arg = parg;
    return 1;
}

const char *SSL_get_servername(const SSL *s, const int type)
{
    return type == TLSEXT_NAMETYPE_host_name ? s->tlsext_hostname : NULL;
}

int SSL_get_servername_type(const SSL *s)
{
    return s->tlsext_hostname != NULL ? TLSEXT_NAMETYPE_host_name : -1;
}

/*
 * As in OpenSSL: the connection takes the new context's certificates and
 * keys (and, through ssl->ctx, its callbacks and extra chain); verification
 * settings and options already on the connection stay. NULL keeps the
 * current context.
 */
SSL_CTX *SSL_set_SSL_CTX(SSL *ssl, SSL_CTX *ctx)
{
    if (ctx == NULL)
        ctx = ssl->ctx;
    if (ctx == ssl->ctx)
        return ssl->ctx;
    mintls_ssl_cert fresh;
    mintls_ssl_cert_init(&fresh);
    if (!mintls_ssl_cert_copy(&fresh, &ctx->cert)) {
        mintls_ssl_cert_clear(&fresh);
        return NULL;
    }
    mintls_ssl_cert_clear(&ssl->cert);
    ssl->cert = fresh;
    /* current points into the slots: re-aim it at the moved copy. */
    if (fresh.current != NULL)
        ssl->cert.current = &ssl->cert.slots[fresh.current - fresh.slots];
    SSL_CTX_up_ref(ctx);
    SSL_CTX_free(ssl->ctx);
    ssl->ctx = ctx;
    return ctx;
}

int mintls_servername_on_hello(SSL *s, const uint8_t *name, size_t len, int *ack)
{
    *ack = 0;
    if (name != NULL) {
        /* A host name with a NUL in it could never match: OpenSSL refuses it. */
        if (len == 0 || len > 255 || memchr(name, 0, len) != NULL) {
            mintls_conn_fatal(s, MINTLS_ALERT_UNRECOGNIZED_NAME, SSL_R_BAD_EXTENSION);
            return 0;
        }
        char *copy = malloc(len + 1);
        if (copy == NULL) {
            mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        memcpy(copy, name, len);
        copy[len] = '\0';
        free(s->tlsext_hostname);
        s->tlsext_hostname = copy;
    }
    int result = SSL_TLSEXT_ERR_OK;
    int alert = MINTLS_ALERT_UNRECOGNIZED_NAME;
    if (s->ctx->servername_cb != NULL)
        result = s->ctx->servername_cb(s, &alert, s->ctx->servername_arg);
    switch (result) {
    case SSL_TLSEXT_ERR_OK:
        *ack = name != NULL;
        return 1;
    case SSL_TLSEXT_ERR_ALERT_FATAL:
        mintls_conn_fatal(s, alert, SSL_R_CALLBACK_FAILED);
        return 0;
    default: /* NOACK; ALERT_WARNING, which TLS 1.3 has no alert for */
        return 1;
    }
}
