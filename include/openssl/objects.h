/* mintls: object identifiers by NID, short name, long name or dotted text (OpenSSL 3.0 API). */
#ifndef OPENSSL_OBJECTS_H
#define OPENSSL_OBJECTS_H

#include <openssl/obj_mac.h>
#include <openssl/asn1.h>
#include <openssl/objectserr.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define SN_undef "UNDEF"
#define LN_undef "undefined"

const char *OBJ_nid2sn(int n);
const char *OBJ_nid2ln(int n);
ASN1_OBJECT *OBJ_nid2obj(int n);
int OBJ_obj2nid(const ASN1_OBJECT *o);
int OBJ_sn2nid(const char *s);
int OBJ_ln2nid(const char *s);
int OBJ_txt2nid(const char *s);
ASN1_OBJECT *OBJ_txt2obj(const char *s, int no_name);
int OBJ_obj2txt(char *buf, int buf_len, const ASN1_OBJECT *a, int no_name);
int OBJ_cmp(const ASN1_OBJECT *a, const ASN1_OBJECT *b);
ASN1_OBJECT *OBJ_dup(const ASN1_OBJECT *a);
size_t OBJ_length(const ASN1_OBJECT *obj);
const unsigned char *OBJ_get0_data(const ASN1_OBJECT *obj);

#define OBJ_create_objects(in) 0
#define OBJ_cleanup() while (0) continue

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
