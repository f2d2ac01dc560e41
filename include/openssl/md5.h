/*
 * mintls: MD5 (RFC 1321) low-level interface, compatible with OpenSSL 3.0.
 * MD5 is broken for collision resistance; it remains for legacy protocols.
 */
#ifndef OPENSSL_MD5_H
#define OPENSSL_MD5_H
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define MD5_DIGEST_LENGTH 16
#define MD5_LONG unsigned int
#define MD5_CBLOCK 64
#define MD5_LBLOCK (MD5_CBLOCK / 4)

/* OpenSSL's layout (92 bytes), so that programs can keep it on the stack. */
typedef struct MD5state_st {
    MD5_LONG A, B, C, D;
    MD5_LONG Nl, Nh;              /* bit count, low and high words */
    MD5_LONG data[MD5_LBLOCK];    /* pending partial block */
    unsigned int num;             /* bytes pending in data */
} MD5_CTX;

int MD5_Init(MD5_CTX *c);
int MD5_Update(MD5_CTX *c, const void *data, size_t len);
int MD5_Final(unsigned char *md, MD5_CTX *c);
unsigned char *MD5(const unsigned char *d, size_t n, unsigned char *md);
void MD5_Transform(MD5_CTX *c, const unsigned char *b);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
