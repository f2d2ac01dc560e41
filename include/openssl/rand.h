/*
 * mintls: the random generator. A per-thread ChaCha20 generator seeded from
 * getrandom(), re-seeded after fork() and periodically.
 */
#ifndef OPENSSL_RAND_H
#define OPENSSL_RAND_H

#include <stddef.h>
#include <openssl/e_os2.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

#define RAND_R_ARGUMENT_OUT_OF_RANGE 105
#define RAND_R_ERROR_RETRIEVING_ENTROPY 110
#define RAND_R_NOT_INSTANTIATED 115

int RAND_bytes(unsigned char *buf, int num);
int RAND_priv_bytes(unsigned char *buf, int num);
int RAND_bytes_ex(OSSL_LIB_CTX *ctx, unsigned char *buf, size_t num,
                  unsigned int strength);
int RAND_priv_bytes_ex(OSSL_LIB_CTX *ctx, unsigned char *buf, size_t num,
                       unsigned int strength);
int RAND_pseudo_bytes(unsigned char *buf, int num);
int RAND_status(void);
/* Mixes caller-supplied data into the generator (never replaces the seed). */
void RAND_seed(const void *buf, int num);
void RAND_add(const void *buf, int num, double randomness);
int RAND_poll(void);
void RAND_keep_random_devices_open(int keep);
#define RAND_cleanup() while (0) continue

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
