/* mintls: portability macros programs expect from OpenSSL's e_os2.h. */
#ifndef OPENSSL_E_OS2_H
#define OPENSSL_E_OS2_H

#include <inttypes.h>
#include <stdint.h>
#include <openssl/opensslconf.h>

#define OPENSSL_SYS_UNIX
#define ossl_inline inline
#define ossl_noreturn _Noreturn
#define ossl_ssize_t ssize_t
#define OSSL_SSIZE_MAX SSIZE_MAX
#define OPENSSL_EXPORT extern
#define OPENSSL_EXTERN extern
#define ossl_unused __attribute__((unused))

#endif
