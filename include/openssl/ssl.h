/*
 * mintls: libssl's public API, OpenSSL 3.0-compatible. So far: library
 * initialisation, the SSL_CTX and SSL objects, their certificate, key and
 * verification settings. The handshake and I/O functions (SSL_connect,
 * SSL_read, ...) are not declared yet, so a program that needs them fails
 * to build rather than failing at run time.
 */
#ifndef OPENSSL_SSL_H
#define OPENSSL_SSL_H
#define HEADER_SSL_H

#include <stdint.h>
#include <openssl/e_os2.h>
#include <openssl/types.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/sslerr.h>
#include <openssl/tls1.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ssl_method_st SSL_METHOD;
typedef struct ssl_session_st SSL_SESSION;
typedef struct ssl_cipher_st SSL_CIPHER;

#pragma GCC visibility push(default)

/* ---- library initialisation ---------------------------------------------- */

#define OPENSSL_INIT_NO_LOAD_SSL_STRINGS 0x00100000L
#define OPENSSL_INIT_LOAD_SSL_STRINGS 0x00200000L
#define OPENSSL_INIT_SSL_DEFAULT                                              \
    (OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS)

int OPENSSL_init_ssl(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings);
#define SSL_library_init() OPENSSL_init_ssl(0, NULL)
#define SSL_load_error_strings()                                              \
    OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL)
#define OpenSSL_add_ssl_algorithms() SSL_library_init()
#define SSLeay_add_ssl_algorithms() SSL_library_init()

/* ---- constants ------------------------------------------------------------- */

/* SSL_CTX_set_verify / SSL_set_verify modes (bit flags). */
#define SSL_VERIFY_NONE 0x00
#define SSL_VERIFY_PEER 0x01
#define SSL_VERIFY_FAIL_IF_NO_PEER_CERT 0x02
#define SSL_VERIFY_CLIENT_ONCE 0x04
#define SSL_VERIFY_POST_HANDSHAKE 0x08

/* Encodings of certificate and key files. */
#define SSL_FILETYPE_ASN1 X509_FILETYPE_ASN1
#define SSL_FILETYPE_PEM X509_FILETYPE_PEM

/* SSL_get_error results. */
#define SSL_ERROR_NONE 0
#define SSL_ERROR_SSL 1
#define SSL_ERROR_WANT_READ 2
#define SSL_ERROR_WANT_WRITE 3
#define SSL_ERROR_WANT_X509_LOOKUP 4
#define SSL_ERROR_SYSCALL 5
#define SSL_ERROR_ZERO_RETURN 6
#define SSL_ERROR_WANT_CONNECT 7
#define SSL_ERROR_WANT_ACCEPT 8
#define SSL_ERROR_WANT_ASYNC 9
#define SSL_ERROR_WANT_ASYNC_JOB 10
#define SSL_ERROR_WANT_CLIENT_HELLO_CB 11
#define SSL_ERROR_WANT_RETRY_VERIFY 12

/* ctrl commands: the numbers compiled into programs by the macros below. */
#define SSL_CTRL_EXTRA_CHAIN_CERT 14
#define SSL_CTRL_GET_EXTRA_CHAIN_CERTS 82
#define SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS 83
#define SSL_CTRL_CHAIN 88
#define SSL_CTRL_CHAIN_CERT 89
#define SSL_CTRL_GET_CHAIN_CERTS 115

typedef int (*SSL_verify_cb)(int preverify_ok, X509_STORE_CTX *x509_ctx);

/* ---- methods --------------------------------------------------------------- */

const SSL_METHOD *TLS_method(void);
const SSL_METHOD *TLS_server_method(void);
const SSL_METHOD *TLS_client_method(void);
const SSL_METHOD *TLSv1_2_method(void);
const SSL_METHOD *TLSv1_2_server_method(void);
const SSL_METHOD *TLSv1_2_client_method(void);
#define SSLv23_method TLS_method
#define SSLv23_server_method TLS_server_method
#define SSLv23_client_method TLS_client_method

/* ---- SSL_CTX ------------------------------------------------------------- */

SSL_CTX *SSL_CTX_new(const SSL_METHOD *meth);
SSL_CTX *SSL_CTX_new_ex(OSSL_LIB_CTX *libctx, const char *propq, const SSL_METHOD *meth);
int SSL_CTX_up_ref(SSL_CTX *ctx);
void SSL_CTX_free(SSL_CTX *ctx);
const SSL_METHOD *SSL_CTX_get_ssl_method(const SSL_CTX *ctx);
long SSL_CTX_ctrl(SSL_CTX *ctx, int cmd, long larg, void *parg);

/* Trust anchors and verification settings. */
X509_STORE *SSL_CTX_get_cert_store(const SSL_CTX *ctx);
void SSL_CTX_set_cert_store(SSL_CTX *ctx, X509_STORE *store);
void SSL_CTX_set1_cert_store(SSL_CTX *ctx, X509_STORE *store);
int SSL_CTX_load_verify_locations(SSL_CTX *ctx, const char *CAfile, const char *CApath);
int SSL_CTX_load_verify_file(SSL_CTX *ctx, const char *CAfile);
int SSL_CTX_load_verify_dir(SSL_CTX *ctx, const char *CApath);
int SSL_CTX_set_default_verify_paths(SSL_CTX *ctx);
int SSL_CTX_set_default_verify_file(SSL_CTX *ctx);
int SSL_CTX_set_default_verify_dir(SSL_CTX *ctx);
void SSL_CTX_set_verify(SSL_CTX *ctx, int mode, SSL_verify_cb callback);
void SSL_CTX_set_verify_depth(SSL_CTX *ctx, int depth);
int SSL_CTX_get_verify_mode(const SSL_CTX *ctx);
int SSL_CTX_get_verify_depth(const SSL_CTX *ctx);
SSL_verify_cb SSL_CTX_get_verify_callback(const SSL_CTX *ctx);
X509_VERIFY_PARAM *SSL_CTX_get0_param(SSL_CTX *ctx);
int SSL_CTX_set1_param(SSL_CTX *ctx, X509_VERIFY_PARAM *vpm);

/* The passphrase callback used when reading encrypted keys. */
void SSL_CTX_set_default_passwd_cb(SSL_CTX *ctx, pem_password_cb *cb);
void SSL_CTX_set_default_passwd_cb_userdata(SSL_CTX *ctx, void *u);
pem_password_cb *SSL_CTX_get_default_passwd_cb(SSL_CTX *ctx);
void *SSL_CTX_get_default_passwd_cb_userdata(SSL_CTX *ctx);

/* Our certificate, its chain and its private key. */
int SSL_CTX_use_certificate(SSL_CTX *ctx, X509 *x);
int SSL_CTX_use_certificate_ASN1(SSL_CTX *ctx, int len, const unsigned char *d);
int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type);
int SSL_CTX_use_certificate_chain_file(SSL_CTX *ctx, const char *file);
int SSL_CTX_use_PrivateKey(SSL_CTX *ctx, EVP_PKEY *pkey);
int SSL_CTX_use_PrivateKey_ASN1(int pk, SSL_CTX *ctx, const unsigned char *d, long len);
int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type);
int SSL_CTX_check_private_key(const SSL_CTX *ctx);
X509 *SSL_CTX_get0_certificate(const SSL_CTX *ctx);
EVP_PKEY *SSL_CTX_get0_privatekey(const SSL_CTX *ctx);

#define SSL_CTX_add_extra_chain_cert(ctx, x509)                               \
    SSL_CTX_ctrl(ctx, SSL_CTRL_EXTRA_CHAIN_CERT, 0, (char *)(x509))
#define SSL_CTX_get_extra_chain_certs(ctx, px509)                             \
    SSL_CTX_ctrl(ctx, SSL_CTRL_GET_EXTRA_CHAIN_CERTS, 0, px509)
#define SSL_CTX_get_extra_chain_certs_only(ctx, px509)                        \
    SSL_CTX_ctrl(ctx, SSL_CTRL_GET_EXTRA_CHAIN_CERTS, 1, px509)
#define SSL_CTX_clear_extra_chain_certs(ctx)                                  \
    SSL_CTX_ctrl(ctx, SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS, 0, NULL)
#define SSL_CTX_set0_chain(ctx, sk) SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN, 0, (char *)(sk))
#define SSL_CTX_set1_chain(ctx, sk) SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN, 1, (char *)(sk))
#define SSL_CTX_add0_chain_cert(ctx, x509)                                    \
    SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 0, (char *)(x509))
#define SSL_CTX_add1_chain_cert(ctx, x509)                                    \
    SSL_CTX_ctrl(ctx, SSL_CTRL_CHAIN_CERT, 1, (char *)(x509))
#define SSL_CTX_get0_chain_certs(ctx, px509)                                  \
    SSL_CTX_ctrl(ctx, SSL_CTRL_GET_CHAIN_CERTS, 0, px509)
#define SSL_CTX_clear_chain_certs(ctx) SSL_CTX_set0_chain(ctx, NULL)

/* Application data. Index 0 is the one the *_app_data macros use. */
int SSL_CTX_set_ex_data(SSL_CTX *ctx, int idx, void *data);
void *SSL_CTX_get_ex_data(const SSL_CTX *ctx, int idx);
#define SSL_CTX_get_ex_new_index(l, p, newf, dupf, freef)                     \
    CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_CTX, l, p, newf, dupf, freef)
#define SSL_CTX_get_app_data(ctx) (SSL_CTX_get_ex_data(ctx, 0))
#define SSL_CTX_set_app_data(ctx, arg) (SSL_CTX_set_ex_data(ctx, 0, (char *)(arg)))

/* ---- SSL: one connection ------------------------------------------------- */

SSL *SSL_new(SSL_CTX *ctx);
int SSL_up_ref(SSL *s);
void SSL_free(SSL *ssl);
SSL_CTX *SSL_get_SSL_CTX(const SSL *ssl);
const SSL_METHOD *SSL_get_ssl_method(const SSL *s);
int SSL_is_server(const SSL *s);
long SSL_ctrl(SSL *ssl, int cmd, long larg, void *parg);

/* Verification of the peer. */
void SSL_set_verify(SSL *s, int mode, SSL_verify_cb callback);
void SSL_set_verify_depth(SSL *s, int depth);
int SSL_get_verify_mode(const SSL *s);
int SSL_get_verify_depth(const SSL *s);
SSL_verify_cb SSL_get_verify_callback(const SSL *s);
void SSL_set_verify_result(SSL *ssl, long v);
long SSL_get_verify_result(const SSL *ssl);
X509_VERIFY_PARAM *SSL_get0_param(SSL *ssl);
int SSL_set1_param(SSL *ssl, X509_VERIFY_PARAM *vpm);
int SSL_set1_host(SSL *s, const char *hostname);
int SSL_add1_host(SSL *s, const char *hostname);
void SSL_set_hostflags(SSL *s, unsigned int flags);
const char *SSL_get0_peername(SSL *s);
/* The X509_STORE_CTX ex_data index under which verification finds its SSL. */
int SSL_get_ex_data_X509_STORE_CTX_idx(void);

/* Our certificate and key for this connection (a copy of the SSL_CTX's). */
void SSL_set_default_passwd_cb(SSL *s, pem_password_cb *cb);
void SSL_set_default_passwd_cb_userdata(SSL *s, void *u);
pem_password_cb *SSL_get_default_passwd_cb(SSL *s);
void *SSL_get_default_passwd_cb_userdata(SSL *s);
int SSL_use_certificate(SSL *ssl, X509 *x);
int SSL_use_certificate_ASN1(SSL *ssl, const unsigned char *d, int len);
int SSL_use_certificate_file(SSL *ssl, const char *file, int type);
int SSL_use_certificate_chain_file(SSL *ssl, const char *file);
int SSL_use_PrivateKey(SSL *ssl, EVP_PKEY *pkey);
int SSL_use_PrivateKey_ASN1(int pk, SSL *ssl, const unsigned char *d, long len);
int SSL_use_PrivateKey_file(SSL *ssl, const char *file, int type);
int SSL_check_private_key(const SSL *ssl);
X509 *SSL_get_certificate(const SSL *ssl);
EVP_PKEY *SSL_get_privatekey(const SSL *ssl);

#define SSL_set0_chain(s, sk) SSL_ctrl(s, SSL_CTRL_CHAIN, 0, (char *)(sk))
#define SSL_set1_chain(s, sk) SSL_ctrl(s, SSL_CTRL_CHAIN, 1, (char *)(sk))
#define SSL_add0_chain_cert(s, x509) SSL_ctrl(s, SSL_CTRL_CHAIN_CERT, 0, (char *)(x509))
#define SSL_add1_chain_cert(s, x509) SSL_ctrl(s, SSL_CTRL_CHAIN_CERT, 1, (char *)(x509))
#define SSL_get0_chain_certs(s, px509) SSL_ctrl(s, SSL_CTRL_GET_CHAIN_CERTS, 0, px509)
#define SSL_clear_chain_certs(s) SSL_set0_chain(s, NULL)

int SSL_set_ex_data(SSL *ssl, int idx, void *data);
void *SSL_get_ex_data(const SSL *ssl, int idx);
#define SSL_get_ex_new_index(l, p, newf, dupf, freef)                         \
    CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL, l, p, newf, dupf, freef)
#define SSL_set_app_data(s, arg) (SSL_set_ex_data(s, 0, (char *)(arg)))
#define SSL_get_app_data(s) (SSL_get_ex_data(s, 0))

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
