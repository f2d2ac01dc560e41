/*
 * The object identifiers the certificate and TLS layers use, numbered and
 * named as OpenSSL 3.0 does (NID, short name, long name; see obj_mac.h).
 */
#ifndef MINTLS_OID_H
#define MINTLS_OID_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  int nid;
  const char *sn;
  const char *ln;
  uint8_t der_len;
  const uint8_t *der; /* OID contents octets (no tag or length) */
} oid_entry;

/* Lookups return NULL when the object is not in the table. */
const oid_entry *mintls_oid_by_der(const uint8_t *der, size_t len);
const oid_entry *mintls_oid_by_nid(int nid);
const oid_entry *mintls_oid_by_sn(const char *sn);
const oid_entry *mintls_oid_by_ln(const char *ln);
/* NID for OID contents; NID_undef (0) when unknown. */
int mintls_oid_nid_from_der(const uint8_t *der, size_t len);
size_t mintls_oid_table_size(void);
const oid_entry *mintls_oid_table_at(size_t i);

#endif
