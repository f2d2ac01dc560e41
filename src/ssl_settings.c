/*
 * Options, modes and protocol version limits. An SSL_CTX holds the
 * defaults, SSL_new copies them, and both objects are changed through the
 * same ctrl numbers and the *_options functions, with OpenSSL's values and
 * return conventions (the new mask; 1/0 for a version limit).
 */
#include "ssl_local.h"

#include <openssl/ssl3.h>

void mintls_ssl_settings_init(mintls_ssl_settings *st)
{
    /* OpenSSL 3.0's defaults for a new SSL_CTX. */
    st->options = SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT;
    st->mode = SSL_MODE_AUTO_RETRY;
    st->min_version = 0;
    st->max_version = 0;
    mintls_cipher_list_default(st);
}

/*
 * A version limit is accepted when it names a real TLS or DTLS version
 * (or is 0, "no limit"); only a version-flexible TLS method records it, the
 * fixed-version methods accept and ignore it, as OpenSSL does.
 */
static int set_version_bound(const SSL_METHOD *method, long version, int *bound)
{
    if (version == 0) {
        *bound = 0;
        return 1;
    }
    int tls = version >= SSL3_VERSION && version <= TLS1_3_VERSION;
    /* DTLS numbers count down from 0xFEFF (1.0) past 0xFEFD (1.2, the newest);
       0x0100 is the pre-RFC DTLS. */
    int dtls = version == 0x0100 || (version >= 0xFEFD && version <= 0xFF00);
    if (!tls && !dtls)
        return 0;
    if (tls && method->version == TLS_ANY_VERSION)
        *bound = (int)version;
    return 1;
}

long mintls_ssl_settings_ctrl(mintls_ssl_settings *st, const SSL_METHOD *method, int cmd,
                              long larg, int *handled)
{
    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_MODE:
        st->mode |= (uint32_t)larg;
        return (long)st->mode;
    case SSL_CTRL_CLEAR_MODE:
        st->mode &= ~(uint32_t)larg;
        return (long)st->mode;
    case SSL_CTRL_SET_MIN_PROTO_VERSION:
        return set_version_bound(method, larg, &st->min_version);
    case SSL_CTRL_SET_MAX_PROTO_VERSION:
        return set_version_bound(method, larg, &st->max_version);
    case SSL_CTRL_GET_MIN_PROTO_VERSION:
        return st->min_version;
    case SSL_CTRL_GET_MAX_PROTO_VERSION:
        return st->max_version;
    case SSL_CTRL_GET_READ_AHEAD:
        return st->read_ahead;
    case SSL_CTRL_SET_READ_AHEAD: {
        long old = st->read_ahead;
        st->read_ahead = (int)larg;
        return old;
    }
    case SSL_CTRL_SET_DH_AUTO:
        /* Built-in parameters for finite-field DHE suites: mintls has no
           such suites, so there is nothing to configure. */
        return 1;
    default:
        *handled = 0;
        return 0;
    }
}

int mintls_version_enabled(const SSL *s, int version)
{
    const mintls_ssl_settings *st = &s->settings;
    if (version < s->method->min_version || version > s->method->max_version)
        return 0;
    if ((st->min_version != 0 && version < st->min_version) ||
        (st->max_version != 0 && version > st->max_version))
        return 0;
    if (version == TLS1_3_VERSION && (st->options & SSL_OP_NO_TLSv1_3))
        return 0;
    if (version == TLS1_2_VERSION && (st->options & SSL_OP_NO_TLSv1_2))
        return 0;
    return 1;
}

int SSL_get_read_ahead(const SSL *s)
{
    return s->settings.read_ahead;
}

void SSL_set_read_ahead(SSL *s, int yes)
{
    s->settings.read_ahead = yes;
}

void SSL_CTX_set_quiet_shutdown(SSL_CTX *ctx, int mode)
{
    ctx->settings.quiet_shutdown = mode;
}

int SSL_CTX_get_quiet_shutdown(const SSL_CTX *ctx)
{
    return ctx->settings.quiet_shutdown;
}

void SSL_set_quiet_shutdown(SSL *s, int mode)
{
    s->settings.quiet_shutdown = mode;
}

int SSL_get_quiet_shutdown(const SSL *s)
{
    return s->settings.quiet_shutdown;
}

uint64_t SSL_CTX_get_options(const SSL_CTX *ctx)
{
    return ctx->settings.options;
}

uint64_t SSL_CTX_set_options(SSL_CTX *ctx, uint64_t op)
{
    return ctx->settings.options |= op;
}

uint64_t SSL_CTX_clear_options(SSL_CTX *ctx, uint64_t op)
{
    return ctx->settings.options &= ~op;
}

uint64_t SSL_get_options(const SSL *s)
{
    return s->settings.options;
}

uint64_t SSL_set_options(SSL *s, uint64_t op)
{
    return s->settings.options |= op;
}

uint64_t SSL_clear_options(SSL *s, uint64_t op)
{
    return s->settings.options &= ~op;
}
