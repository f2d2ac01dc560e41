/* mintls: OBJ reason codes, numbered as in OpenSSL 3.0. */
#ifndef OPENSSL_OBJECTSERR_H
#define OPENSSL_OBJECTSERR_H

#define OBJ_R_OID_EXISTS 102
#define OBJ_R_UNKNOWN_NID 101
#define OBJ_R_UNKNOWN_OBJECT_NAME 103

#endif
