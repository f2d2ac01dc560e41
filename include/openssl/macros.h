/* mintls: helper macros that OpenSSL's public headers provide. */
#ifndef OPENSSL_MACROS_H
#define OPENSSL_MACROS_H

#include <openssl/opensslv.h>

#define OPENSSL_MSTR_HELPER(x) #x
#define OPENSSL_MSTR(x) OPENSSL_MSTR_HELPER(x)

#define OPENSSL_FILE __FILE__
#define OPENSSL_LINE __LINE__
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define OPENSSL_FUNC __func__
#else
#define OPENSSL_FUNC "(unknown function)"
#endif

/* mintls does not warn about deprecated names: they work as documented. */
#define OSSL_DEPRECATED(since)
#define OSSL_DEPRECATEDIN_3_0
#define OSSL_DEPRECATEDIN_1_1_1
#define OSSL_DEPRECATEDIN_1_1_0
#define OSSL_DEPRECATEDIN_1_0_2
#define OSSL_DEPRECATEDIN_1_0_0
#define OSSL_DEPRECATEDIN_0_9_8
#define OPENSSL_API_LEVEL 30000
#ifndef OPENSSL_API_COMPAT
#define OPENSSL_API_COMPAT 30000
#endif

#define OPENSSL_UNUSED __attribute__((unused))

#endif
