/*
 * The objects behind X509, X509_NAME, X509_NAME_ENTRY and X509_EXTENSION.
 *
 * An X509 owns a copy of its DER and the parsed x509_cert (whose spans point
 * into that copy). Everything the getters hand out (names, serial, times,
 * extensions) is built when the certificate is decoded, so the getters are
 * plain reads and an X509 may be shared between threads once made; only the
 * public key is made on first use (with an atomic exchange).
 */
#ifndef MINTLS_INTERNAL_X509_OBJ_H
#define MINTLS_INTERNAL_X509_OBJ_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "internal/x509_cert.h"

struct X509_name_entry_st {
    ASN1_OBJECT *object;
    ASN1_STRING *value;
    int set; /* index of the RelativeDistinguishedName */
    unsigned der_tag; /* the value's identifier octet, to re-encode non-string values */
};

struct X509_name_st {
    X509_NAME_ENTRY **entries;
    int count;
    uint8_t *der; /* the whole Name TLV */
    size_t der_len;
};

struct X509_extension_st {
    ASN1_OBJECT *object;
    int critical;
    ASN1_OCTET_STRING *value;
};

struct x509_st {
    atomic_int references;
    uint8_t *der;
    size_t der_len;
    int parsed; /* 0 for an empty X509_new() object */
    x509_cert cert;
    X509_NAME *subject, *issuer;
    ASN1_INTEGER *serial;
    ASN1_TIME *not_before, *not_after;
    X509_EXTENSION **exts;
    int ext_count;
    ASN1_OCTET_STRING *skid, *akid; /* NULL when absent */
    GENERAL_NAMES *akid_issuer;       /* authorityCertIssuer, NULL when absent */
    ASN1_INTEGER *akid_serial;        /* authorityCertSerialNumber, NULL when absent */
    uint8_t sha1[20]; /* of der: X509_cmp orders by it, as OpenSSL does */
    _Atomic(EVP_PKEY *) pkey;
};

/* The parsed certificate (NULL for an empty X509). */
const x509_cert *mintls_x509_parsed(const X509 *x);
/* A new X509 from exactly one DER Certificate; NULL (with an error) if malformed. */
X509 *mintls_x509_from_der(const uint8_t *der, size_t len);

/*
 * Moves everything src holds into dst (an existing object that callers
 * keep pointers to, as d2i's reuse of *a needs), then frees src.
 */
void mintls_x509_move_into(X509 *dst, X509 *src);

/* Fills akid_issuer / akid_serial from the authorityKeyIdentifier; 0 if it does not decode. */
int mintls_x509_load_akid(X509 *x);

/* X509_NAME from a parsed Name (its der span must be the whole TLV). */
X509_NAME *mintls_x509_name_from_parsed(const x509_name *n);
/* X509_NAME from a whole Name TLV. */
X509_NAME *mintls_x509_name_from_der(const uint8_t *der, size_t len);

#endif
