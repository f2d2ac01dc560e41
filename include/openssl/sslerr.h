/*
 * mintls: libssl's error reasons (ERR_LIB_SSL), with OpenSSL 3.0's values so
 * that programs comparing ERR_GET_REASON() results keep working. Only the
 * reasons mintls raises are listed; more arrive with the handshake.
 */
#ifndef OPENSSL_SSLERR_H
#define OPENSSL_SSLERR_H
#define HEADER_SSLERR_H

#include <openssl/err.h>

#define SSL_R_BAD_SSL_FILETYPE 124
#define SSL_R_BAD_VALUE 384
#define SSL_R_CERTIFICATE_VERIFY_FAILED 134
#define SSL_R_INVALID_COMMAND 280
#define SSL_R_NO_CERTIFICATE_ASSIGNED 177
#define SSL_R_NO_CERTIFICATE_SET 179
#define SSL_R_NO_METHOD_SPECIFIED 188
#define SSL_R_NO_PRIVATE_KEY_ASSIGNED 190
#define SSL_R_NULL_SSL_CTX 195
#define SSL_R_NULL_SSL_METHOD_PASSED 196
#define SSL_R_UNINITIALIZED 276
#define SSL_R_UNKNOWN_CERTIFICATE_TYPE 247
#define SSL_R_UNKNOWN_CMD_NAME 386
#define SSL_R_UNKNOWN_PKEY_TYPE 251
#define SSL_R_UNSUPPORTED_SSL_VERSION 259
#define SSL_R_WRONG_VERSION_NUMBER 267
#define SSL_R_X509_LIB 268

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

int ERR_load_SSL_strings(void);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
