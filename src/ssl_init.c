/* libssl initialisation: the SSL reason strings, then libcrypto's own. */
#include <openssl/ssl.h>

#include "ssl_local.h"

int OPENSSL_init_ssl(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
{
    if (!(opts & OPENSSL_INIT_NO_LOAD_SSL_STRINGS))
        mintls_ssl_load_strings();
    return OPENSSL_init_crypto(opts & ~(uint64_t)(OPENSSL_INIT_LOAD_SSL_STRINGS |
                                                  OPENSSL_INIT_NO_LOAD_SSL_STRINGS),
                               settings);
}
