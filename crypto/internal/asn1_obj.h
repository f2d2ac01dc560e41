/*
 * The ASN1_OBJECT behind the OBJ_* API and helpers that turn parsed DER
 * pieces into ASN1_STRING / ASN1_INTEGER / ASN1_TIME objects.
 */
#ifndef MINTLS_INTERNAL_ASN1_OBJ_H
#define MINTLS_INTERNAL_ASN1_OBJ_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/asn1.h>

#include "internal/der.h"

/*
 * Objects from the OID table are static (OBJ_nid2obj hands them out, and
 * ASN1_OBJECT_free ignores them); others are allocated and own `der`.
 */
struct asn1_object_st {
    int nid;
    const char *sn, *ln;
    size_t len;
    unsigned char *der; /* contents octets */
    int dynamic;
};

/* The static table object for nid, or NULL. */
const ASN1_OBJECT *mintls_obj_static(int nid);
/* The table object for OID contents when known, else a new dynamic object. */
ASN1_OBJECT *mintls_obj_from_der(const uint8_t *der, size_t len);

/* A new string of `type` holding a copy of v. */
ASN1_STRING *mintls_asn1_string_from_span(int type, der_span v);
/* An ASN1_INTEGER (magnitude + V_ASN1_NEG_INTEGER) from two's-complement contents. */
ASN1_INTEGER *mintls_asn1_integer_from_der(der_span v);
/* An ASN1_TIME (UTCTime before 2050, GeneralizedTime from 2050) for epoch seconds. */
ASN1_TIME *mintls_asn1_time_from_epoch(ASN1_TIME *reuse, int64_t t);
/* Seconds since 1970 for an ASN1_TIME; 1 on success. */
int mintls_asn1_time_to_epoch(const ASN1_TIME *t, int64_t *out);
/* An ASN1_BIT_STRING from BIT STRING contents (unused-bits octet first). */
ASN1_BIT_STRING *mintls_asn1_bit_string_from_der(der_span v);

/*
 * Writes the string with the ASN1_STRFLGS_* escaping into out (may be NULL
 * to count). Returns the number of characters, or -1.
 */
int mintls_asn1_string_escape(BIO *out, const ASN1_STRING *str, unsigned long flags);

/*
 * Hands an encoding out by OpenSSL's i2d convention (length only, a new
 * OPENSSL_malloc'd copy, or written at *out which then advances). Returns
 * the length or -1; an allocation failure is raised under err_lib.
 */
int mintls_i2d_output(const uint8_t *der, size_t len, unsigned char **out, int err_lib);

#endif
