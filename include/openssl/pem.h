/*
 * mintls: PEM reading (OpenSSL 3.0 prototypes).
 *
 * This header is shared: each area keeps its declarations in its own
 * clearly marked block below. Add a new block rather than editing another.
 */
#ifndef OPENSSL_PEM_H
#define OPENSSL_PEM_H

#include <stdio.h>
#include <openssl/e_os2.h>
#include <openssl/types.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pemerr.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

/* ---- keys (EVP_PKEY area: crypto/pem_pkey.c) ---------------------------- */

/* Asked for a passphrase; returns its length, or <= 0 to give up. */
typedef int pem_password_cb(char *buf, int size, int rwflag, void *userdata);

#define PEM_STRING_PUBLIC "PUBLIC KEY"
#define PEM_STRING_RSA "RSA PRIVATE KEY"
#define PEM_STRING_ECPRIVATEKEY "EC PRIVATE KEY"
#define PEM_STRING_PKCS8 "ENCRYPTED PRIVATE KEY"
#define PEM_STRING_PKCS8INF "PRIVATE KEY"

#define PEM_BUFSIZE 1024

/*
 * The next private key (PKCS#8, PKCS#1 RSA or SEC1 EC) or public key
 * (SubjectPublicKeyInfo) in the input; blocks with other labels are
 * skipped. An ENCRYPTED PRIVATE KEY (PKCS#8 PBES2: PBKDF2 + AES-CBC) is
 * decrypted with the password from cb, or, when cb is NULL, with u as a
 * NUL-terminated password. Legacy "Proc-Type: 4,ENCRYPTED" PEM fails with
 * PEM_R_UNSUPPORTED_ENCRYPTION. When x is not NULL the key is also stored
 * in *x (freeing what was there).
 */
EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_PrivateKey(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u);
EVP_PKEY *PEM_read_PUBKEY(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u);
/* Copies userdata (a NUL-terminated password) into buf; -1 if it is NULL (no terminal prompt). */
int PEM_def_callback(char *buf, int num, int rwflag, void *userdata);

/* ---- end of keys --------------------------------------------------------- */

/* ---- certificates (X509 area: crypto/pem_x509.c) ------------------------ */

#define PEM_STRING_X509_OLD "X509 CERTIFICATE"
#define PEM_STRING_X509 "CERTIFICATE"
#define PEM_STRING_X509_TRUSTED "TRUSTED CERTIFICATE"

/*
 * The next "CERTIFICATE" (or "X509 CERTIFICATE") block; _AUX also takes
 * "TRUSTED CERTIFICATE" (its trust settings are not kept). Other blocks and
 * text are skipped; at the end of the input: NULL with PEM_R_NO_START_LINE.
 * cb and u are not used (certificates are not encrypted).
 */
X509 *PEM_read_bio_X509(BIO *bp, X509 **x, pem_password_cb *cb, void *u);
X509 *PEM_read_X509(FILE *fp, X509 **x, pem_password_cb *cb, void *u);
X509 *PEM_read_bio_X509_AUX(BIO *bp, X509 **x, pem_password_cb *cb, void *u);
X509 *PEM_read_X509_AUX(FILE *fp, X509 **x, pem_password_cb *cb, void *u);
int PEM_write_bio_X509(BIO *bp, X509 *x);
int PEM_write_X509(FILE *fp, X509 *x);

/* ---- end of certificates ------------------------------------------------- */

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
