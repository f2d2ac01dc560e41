/*
 * mintls: the BIGNUM subset programs use to read numbers out of certificates
 * and keys (serial numbers, RSA moduli): make, copy, compare, convert to and
 * from bytes, hex and decimal. No arithmetic: mintls's own bignum code is
 * internal and fixed-width (crypto/bn.c).
 */
#ifndef OPENSSL_BN_H
#define OPENSSL_BN_H

#include <stddef.h>

#include <openssl/e_os2.h>
#include <openssl/types.h>
#include <openssl/bnerr.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One machine word, as OpenSSL's 64-bit builds define it. */
#define BN_ULONG unsigned long
#define BN_BYTES 8
#define BN_BITS2 64

#pragma GCC visibility push(default)

BIGNUM *BN_new(void);
void BN_free(BIGNUM *a);
void BN_clear_free(BIGNUM *a);
BIGNUM *BN_dup(const BIGNUM *a);
BIGNUM *BN_copy(BIGNUM *a, const BIGNUM *b);

BIGNUM *BN_bin2bn(const unsigned char *s, int len, BIGNUM *ret);
int BN_bn2bin(const BIGNUM *a, unsigned char *to);
int BN_bn2binpad(const BIGNUM *a, unsigned char *to, int tolen);
char *BN_bn2hex(const BIGNUM *a);
char *BN_bn2dec(const BIGNUM *a);
int BN_hex2bn(BIGNUM **a, const char *str);
int BN_dec2bn(BIGNUM **a, const char *str);

int BN_num_bits(const BIGNUM *a);
#define BN_num_bytes(a) ((BN_num_bits(a) + 7) / 8)
int BN_is_zero(const BIGNUM *a);
int BN_is_one(const BIGNUM *a);
int BN_is_odd(const BIGNUM *a);
int BN_is_negative(const BIGNUM *b);
void BN_set_negative(BIGNUM *b, int n);
int BN_set_word(BIGNUM *a, BN_ULONG w);
BN_ULONG BN_get_word(const BIGNUM *a);
void BN_zero_ex(BIGNUM *a);
#define BN_zero(a) BN_zero_ex(a)
#define BN_one(a) (BN_set_word((a), 1))
int BN_cmp(const BIGNUM *a, const BIGNUM *b);
int BN_ucmp(const BIGNUM *a, const BIGNUM *b);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif
#endif
