/* mintls: version numbers. mintls implements the OpenSSL 3.0 API and ABI. */
#ifndef OPENSSL_OPENSSLV_H
#define OPENSSL_OPENSSLV_H

#define OPENSSL_VERSION_MAJOR 3
#define OPENSSL_VERSION_MINOR 0
#define OPENSSL_VERSION_PATCH 0
#define OPENSSL_VERSION_PRE_RELEASE ""
#define OPENSSL_VERSION_BUILD_METADATA "+mintls"
#define OPENSSL_SHLIB_VERSION 3
#define OPENSSL_VERSION_STR "3.0.0"
#define OPENSSL_FULL_VERSION_STR "3.0.0+mintls"
#define OPENSSL_RELEASE_DATE "25 Nov 2026"
#define OPENSSL_VERSION_TEXT "OpenSSL 3.0.0+mintls 25 Nov 2026 (mintls 0.1.0)"
/* Layout 0xMNN00PP0L, as OpenSSL 3 defines it. */
#define OPENSSL_VERSION_NUMBER                                                \
    ((OPENSSL_VERSION_MAJOR << 28) | (OPENSSL_VERSION_MINOR << 20) |          \
     (OPENSSL_VERSION_PATCH << 4) | 0x0L)
#define OPENSSL_VERSION_PREREQ(maj, min)                                      \
    ((OPENSSL_VERSION_MAJOR << 16) + OPENSSL_VERSION_MINOR >= ((maj) << 16) + (min))

#endif
