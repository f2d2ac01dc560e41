/*
 * X509_check_private_key: does a private key belong to a certificate? It
 * compares the certificate's public key with the key's public half, and
 * says why not with OpenSSL's reasons (programs and SSL_CTX_use_* report
 * them).
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

int X509_check_private_key(const X509 *x509, const EVP_PKEY *pkey)
{
    const EVP_PKEY *xk = X509_get0_pubkey(x509);
    int r = xk != NULL ? EVP_PKEY_eq(xk, pkey) : -2;
    switch (r) {
    case 1:
        return 1;
    case 0:
        ERR_raise(ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH);
        break;
    case -1:
        ERR_raise(ERR_LIB_X509, X509_R_KEY_TYPE_MISMATCH);
        break;
    default:
        ERR_raise(ERR_LIB_X509, X509_R_UNKNOWN_KEY_TYPE);
        break;
    }
    return 0;
}
