/*
 * The public X509_check_* functions and X509_verify_cert_error_string: thin
 * wrappers over the verifier's checks (internal/x509_verify.h) so that a
 * certificate is judged the same way alone as inside X509_verify_cert.
 */
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "internal/x509_obj.h"
#include "internal/x509_verify.h"

int X509_check_host(X509 *x, const char *chk, size_t chklen, unsigned int flags, char **peername)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (peername != NULL)
        *peername = NULL;
    if (c == NULL || chk == NULL)
        return -2;
    return mintls_x509_check_host(c, chk, chklen, flags, peername);
}

int X509_check_email(X509 *x, const char *chk, size_t chklen, unsigned int flags)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (c == NULL || chk == NULL)
        return -2;
    return mintls_x509_check_email(c, chk, chklen, flags);
}

int X509_check_ip(X509 *x, const unsigned char *chk, size_t chklen, unsigned int flags)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (c == NULL || chk == NULL)
        return -2;
    return mintls_x509_check_ip(c, chk, chklen, flags);
}

int X509_check_ip_asc(X509 *x, const char *ipasc, unsigned int flags)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (c == NULL || ipasc == NULL)
        return -2;
    return mintls_x509_check_ip_asc(c, ipasc, flags);
}

/* 0 not a CA; 1 CA by basicConstraints; 3 v1 self-signed root; 4 keyCertSign only. */
int X509_check_ca(X509 *x)
{
    const x509_cert *c = mintls_x509_parsed(x);
    return c != NULL ? mintls_x509_check_ca(c) : 0;
}

/*
 * 1 if x suits purpose `id` (as a CA when ca != 0; then the X509_check_ca
 * value is returned), 0 if not, -1 for a purpose mintls does not check
 * (S/MIME, CRL signing, OCSP, timestamping). id -1 asks nothing: 1.
 */
int X509_check_purpose(X509 *x, int id, int ca)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (id == -1)
        return 1;
    if (c == NULL)
        return -1;
    switch (id) {
    case X509_PURPOSE_ANY:
        return 1;
    case X509_PURPOSE_SSL_CLIENT:
    case X509_PURPOSE_SSL_SERVER:
    case X509_PURPOSE_NS_SSL_SERVER:
        if (!mintls_x509_check_purpose(c, id, ca))
            return 0;
        return ca ? mintls_x509_check_ca(c) : 1;
    default:
        ERR_raise(ERR_LIB_X509V3, X509V3_R_INVALID_PURPOSE);
        return -1;
    }
}

/* X509_V_OK if `issuer` issued `subject` (names, key identifiers, key type
 * vs. signature algorithm, and the issuer's keyUsage), else why not. */
int X509_check_issued(X509 *issuer, X509 *subject)
{
    const x509_cert *i = mintls_x509_parsed(issuer), *s = mintls_x509_parsed(subject);
    if (i == NULL || s == NULL)
        return X509_V_ERR_UNSPECIFIED;
    int r = mintls_x509_likely_issued(i, s);
    if (r != X509_V_OK)
        return r;
    if ((i->has & X509_HAS_KEY_USAGE) && !(i->key_usage & KU_KEY_CERT_SIGN))
        return X509_V_ERR_KEYUSAGE_NO_CERTSIGN;
    return X509_V_OK;
}

const char *X509_verify_cert_error_string(long n)
{
    if (n < 0 || n > 0x7fffffff)
        return mintls_x509_verify_error_string(-1);
    return mintls_x509_verify_error_string((int)n);
}
