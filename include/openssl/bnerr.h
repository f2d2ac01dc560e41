/* mintls: BN library reason codes (OpenSSL 3.0 values). */
#ifndef OPENSSL_BNERR_H
#define OPENSSL_BNERR_H

#define BN_R_BIGNUM_TOO_LONG 114
#define BN_R_INVALID_LENGTH 106
#define BN_R_NOT_INITIALIZED 107
#define BN_R_TOO_MANY_ITERATIONS 113

#endif
