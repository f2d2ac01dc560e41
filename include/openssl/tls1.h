/* mintls: TLS protocol version constants, valued as on the wire (RFC 8446 4.1.2). */
#ifndef OPENSSL_TLS1_H
#define OPENSSL_TLS1_H
#define HEADER_TLS1_H

#include <openssl/ssl3.h>

#define TLS1_VERSION 0x0301
#define TLS1_1_VERSION 0x0302
#define TLS1_2_VERSION 0x0303
#define TLS1_3_VERSION 0x0304
#define TLS_MAX_VERSION TLS1_3_VERSION
/* Not a wire value: a method that negotiates any version it supports. */
#define TLS_ANY_VERSION 0x10000

#define TLS1_VERSION_MAJOR 0x03
#define TLS1_VERSION_MINOR 0x01
#define TLS1_1_VERSION_MAJOR 0x03
#define TLS1_1_VERSION_MINOR 0x02
#define TLS1_2_VERSION_MAJOR 0x03
#define TLS1_2_VERSION_MINOR 0x03

/* server_name (RFC 6066 3): the one name type, and the client's setting. */
#define TLSEXT_NAMETYPE_host_name 0
#define SSL_CTRL_SET_TLSEXT_HOSTNAME 55
#define SSL_set_tlsext_host_name(s, name)                                     \
    SSL_ctrl(s, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)(name))

/* The server's side: a callback that sees the client's name (and may switch
   the connection to another SSL_CTX with SSL_set_SSL_CTX), and its argument. */
#define SSL_CTRL_SET_TLSEXT_SERVERNAME_CB 53
#define SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG 54
#define SSL_CTX_set_tlsext_servername_callback(ctx, cb)                       \
    SSL_CTX_callback_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, (void (*)(void))(cb))
#define SSL_CTX_set_tlsext_servername_arg(ctx, arg)                           \
    SSL_CTX_ctrl(ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, 0, arg)

/* What servername and ALPN selection callbacks return. */
#define SSL_TLSEXT_ERR_OK 0
#define SSL_TLSEXT_ERR_ALERT_WARNING 1
#define SSL_TLSEXT_ERR_ALERT_FATAL 2
#define SSL_TLSEXT_ERR_NOACK 3

#endif
