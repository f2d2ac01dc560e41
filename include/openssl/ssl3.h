/* mintls: SSL 3.0 protocol constants still referred to by TLS programs. */
#ifndef OPENSSL_SSL3_H
#define OPENSSL_SSL3_H
#define HEADER_SSL3_H

/* Wire version numbers (the record and ClientHello version field). */
#define SSL3_VERSION 0x0300
#define SSL3_VERSION_MAJOR 0x03
#define SSL3_VERSION_MINOR 0x00

#endif
