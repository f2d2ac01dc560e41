/* libssl initialisation: nothing global to set up beyond libcrypto's. */
#include <openssl/ssl.h>

int OPENSSL_init_ssl(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
{
    return OPENSSL_init_crypto(opts & ~(uint64_t)(OPENSSL_INIT_LOAD_SSL_STRINGS |
                                                  OPENSSL_INIT_NO_LOAD_SSL_STRINGS),
                               settings);
}
