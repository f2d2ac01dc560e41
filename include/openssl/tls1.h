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

#endif
