/*
 * mintls: SHA-1 and SHA-2 low-level interface, compatible with OpenSSL 3.0
 * (same names, prototypes, constants and context layouts). New code should
 * prefer the EVP digest interface in <openssl/evp.h>.
 */
#ifndef OPENSSL_SHA_H
#define OPENSSL_SHA_H
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define SHA_DIGEST_LENGTH 20
#define SHA224_DIGEST_LENGTH 28
#define SHA256_DIGEST_LENGTH 32
#define SHA384_DIGEST_LENGTH 48
#define SHA512_DIGEST_LENGTH 64

/* A 32-bit word of the SHA-1/SHA-256 state. */
#define SHA_LONG unsigned int
/* 64-bit word of the SHA-512 state. */
#define SHA_LONG64 unsigned long long

#define SHA_LBLOCK 16
/* Bytes per block: 64 for SHA-1 and SHA-256, 128 for SHA-512. */
#define SHA_CBLOCK (SHA_LBLOCK * 4)
#define SHA_LAST_BLOCK (SHA_CBLOCK - 8)
#define SHA256_CBLOCK (SHA_LBLOCK * 4)
#define SHA512_CBLOCK (SHA_LBLOCK * 8)

/* Contexts are plain structs so that programs can keep them on the stack;
 * the field order and sizes are OpenSSL's (96, 112 and 216 bytes). */
typedef struct SHAstate_st {
    SHA_LONG h0, h1, h2, h3, h4;
    SHA_LONG Nl, Nh;              /* bit count, low and high words */
    SHA_LONG data[SHA_LBLOCK];    /* pending partial block */
    unsigned int num;             /* bytes pending in data */
} SHA_CTX;

typedef struct SHA256state_st {
    SHA_LONG h[8];
    SHA_LONG Nl, Nh;
    SHA_LONG data[SHA_LBLOCK];
    unsigned int num, md_len;
} SHA256_CTX;

typedef struct SHA512state_st {
    SHA_LONG64 h[8];
    SHA_LONG64 Nl, Nh;            /* 128-bit bit count */
    union {
        SHA_LONG64 d[SHA_LBLOCK];
        unsigned char p[SHA512_CBLOCK];
    } u;
    unsigned int num, md_len;
} SHA512_CTX;

int SHA1_Init(SHA_CTX *c);
int SHA1_Update(SHA_CTX *c, const void *data, size_t len);
int SHA1_Final(unsigned char *md, SHA_CTX *c);
void SHA1_Transform(SHA_CTX *c, const unsigned char *data);
unsigned char *SHA1(const unsigned char *d, size_t n, unsigned char *md);

int SHA224_Init(SHA256_CTX *c);
int SHA224_Update(SHA256_CTX *c, const void *data, size_t len);
int SHA224_Final(unsigned char *md, SHA256_CTX *c);
int SHA256_Init(SHA256_CTX *c);
int SHA256_Update(SHA256_CTX *c, const void *data, size_t len);
int SHA256_Final(unsigned char *md, SHA256_CTX *c);
void SHA256_Transform(SHA256_CTX *c, const unsigned char *data);
unsigned char *SHA224(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *SHA256(const unsigned char *d, size_t n, unsigned char *md);

int SHA384_Init(SHA512_CTX *c);
int SHA384_Update(SHA512_CTX *c, const void *data, size_t len);
int SHA384_Final(unsigned char *md, SHA512_CTX *c);
int SHA512_Init(SHA512_CTX *c);
int SHA512_Update(SHA512_CTX *c, const void *data, size_t len);
int SHA512_Final(unsigned char *md, SHA512_CTX *c);
void SHA512_Transform(SHA512_CTX *c, const unsigned char *data);
unsigned char *SHA384(const unsigned char *d, size_t n, unsigned char *md);
unsigned char *SHA512(const unsigned char *d, size_t n, unsigned char *md);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
