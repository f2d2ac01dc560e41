/*
 * What a certificate may be used for: acting as a CA (X509_check_ca) and
 * the TLS purposes (X509_check_purpose), by the rules
 * openssl-verification-options(1) describes under "Certificate Extensions":
 * basicConstraints decides CA-ness where present, a present keyUsage must
 * allow the use, and a present extKeyUsage must name the purpose unless it
 * holds anyExtendedKeyUsage (CA and trust anchor certificates included).
 */
#include "internal/x509_verify.h"

/* keyUsage bits as x509_cert.key_usage holds them (the first octet of the
 * BIT STRING of RFC 5280 4.2.1.3). */
enum {
    USAGE_DIGITAL_SIGNATURE = 0x80,
    USAGE_KEY_ENCIPHERMENT = 0x20,
    USAGE_KEY_AGREEMENT = 0x08,
    USAGE_KEY_CERT_SIGN = 0x04,
};

/* The Server Gated Crypto purposes, which also pass for a TLS server. */
#define EKU_SERVER_GATED_CRYPTO 0x10u

static int key_usage_allows(const x509_cert *c, unsigned any_of)
{
    return !(c->has & X509_HAS_KEY_USAGE) || (c->key_usage & any_of) != 0;
}

static int ext_key_usage_allows(const x509_cert *c, unsigned any_of)
{
    if (!(c->has & X509_HAS_EXT_KEY_USAGE))
        return 1;
    return (c->xku & (any_of | X509_XKU_ANYEKU)) != 0;
}

int mintls_x509_check_ca(const x509_cert *cert)
{
    /* A keyUsage that leaves out keyCertSign rules out signing certificates. */
    if (!key_usage_allows(cert, USAGE_KEY_CERT_SIGN))
        return 0;
    if (cert->has & X509_HAS_BASIC_CONSTRAINTS)
        return cert->ca ? 1 : 0;
    /* No basicConstraints: a v1 root may still act as a CA ... */
    if (cert->version == 0 && mintls_x509_self_signed(cert))
        return 3;
    /* ... and so may a key explicitly allowed to sign certificates. */
    if (cert->has & X509_HAS_KEY_USAGE)
        return 4;
    return 0;
}

/* The key uses a TLS end entity needs, per purpose. */
static unsigned end_entity_usages(int purpose)
{
    switch (purpose) {
    case MINTLS_X509_PURPOSE_SSL_CLIENT:
        return USAGE_DIGITAL_SIGNATURE | USAGE_KEY_AGREEMENT;
    case MINTLS_X509_PURPOSE_NS_SSL_SERVER:
        return USAGE_KEY_ENCIPHERMENT;
    default:
        return USAGE_DIGITAL_SIGNATURE | USAGE_KEY_ENCIPHERMENT | USAGE_KEY_AGREEMENT;
    }
}

int mintls_x509_check_purpose(const x509_cert *cert, int purpose, int require_ca)
{
    unsigned eku;
    switch (purpose) {
    case 0:
    case MINTLS_X509_PURPOSE_ANY:
        return 1;
    case MINTLS_X509_PURPOSE_SSL_CLIENT:
        eku = X509_XKU_SSL_CLIENT;
        break;
    case MINTLS_X509_PURPOSE_SSL_SERVER:
    case MINTLS_X509_PURPOSE_NS_SSL_SERVER:
        eku = X509_XKU_SSL_SERVER | EKU_SERVER_GATED_CRYPTO;
        break;
    default:
        return 0; /* not a purpose mintls checks */
    }
    if (!ext_key_usage_allows(cert, eku))
        return 0;
    if (require_ca)
        return mintls_x509_check_ca(cert) != 0;
    if (purpose == MINTLS_X509_PURPOSE_NS_SSL_SERVER &&
        !key_usage_allows(cert, end_entity_usages(MINTLS_X509_PURPOSE_SSL_SERVER)))
        return 0;
    return key_usage_allows(cert, end_entity_usages(purpose));
}
