/*
 * libssl's object layouts: SSL_METHOD, SSL_CTX and SSL, and the certificate
 * configuration they share. Only src/ sees these.
 *
 * Shape, and where later work plugs in:
 *  - SSL_CTX holds everything configured once and shared by its
 *    connections (trust store, verification settings, our certificates and
 *    keys). Its fields are written while the program sets it up and only
 *    read once connections exist, so it has no lock; its reference count is
 *    atomic because connections on many threads hold it.
 *  - SSL starts as a copy of its SSL_CTX's per-connection settings (verify
 *    mode, depth, callback, X509_VERIFY_PARAM, certificate slots) and holds
 *    a reference on the SSL_CTX. Certificates and keys are shared by
 *    reference, never copied.
 *  - The handshake, record layer, BIOs and session are separate members the
 *    later issues add (see the "later" markers); the handshake state is a
 *    pointer allocated for the handshake and freed after it, so an idle
 *    connection carries none of it.
 */
#ifndef MINTLS_SSL_LOCAL_H
#define MINTLS_SSL_LOCAL_H

#include <openssl/ssl.h>
#include <stdatomic.h>

#include "internal/ex_data.h"

/* ---- methods ------------------------------------------------------------ */

/* Which side a method can play before SSL_set_connect/accept_state. */
typedef enum {
    MINTLS_ROLE_EITHER = 0, /* TLS_method: decided by connect/accept */
    MINTLS_ROLE_CLIENT,
    MINTLS_ROLE_SERVER,
} mintls_role;

struct ssl_method_st {
    int version;      /* TLS_ANY_VERSION, or the one version a fixed method speaks */
    int min_version;  /* the range the method allows (before SSL_CTX limits) */
    int max_version;
    mintls_role role;
};

/* ---- our certificates ----------------------------------------------------- */

/*
 * One slot per kind of key, as in OpenSSL: a server may hold an RSA and an
 * ECDSA certificate at once and pick per handshake. The slot a certificate
 * or key goes to follows from its public key type.
 */
typedef enum {
    MINTLS_CERT_RSA = 0,
    MINTLS_CERT_RSA_PSS,
    MINTLS_CERT_ECDSA, /* every named curve shares one slot, as in OpenSSL */
    MINTLS_CERT_ED25519,
    MINTLS_CERT_ED448,
    MINTLS_CERT_SLOTS
} mintls_cert_slot;

typedef struct {
    X509 *x509;              /* owned reference, or NULL */
    EVP_PKEY *privatekey;    /* owned reference, or NULL */
    STACK_OF(X509) *chain;   /* this certificate's own chain (set1_chain), or NULL */
} mintls_cert_pkey;

typedef struct mintls_ssl_cert {
    mintls_cert_pkey slots[MINTLS_CERT_SLOTS];
    mintls_cert_pkey *current; /* the slot last configured; the one checks apply to */
} mintls_ssl_cert;

/* ---- SSL_CTX ------------------------------------------------------------ */

struct ssl_ctx_st {
    atomic_int references;
    const SSL_METHOD *method;
    OSSL_LIB_CTX *libctx; /* not owned: mintls has one library context */
    char *propq;

    /* Verifying the peer. */
    X509_STORE *cert_store;
    X509_VERIFY_PARAM *param;
    int verify_mode;
    SSL_verify_cb verify_callback;

    /* Our side. */
    mintls_ssl_cert cert;
    STACK_OF(X509) *extra_certs; /* sent when the certificate has no chain of its own */
    pem_password_cb *passwd_cb;
    void *passwd_userdata;

    CRYPTO_EX_DATA ex_data;

    /*
     * Later: options, mode, protocol version limits, cipher suites and
     * groups, ALPN, SNI / info / msg / keylog callbacks, session cache.
     */
};

/* ---- SSL ---------------------------------------------------------------- */

struct ssl_st {
    atomic_int references;
    SSL_CTX *ctx;  /* holds a reference */
    const SSL_METHOD *method;
    int server;    /* which side this connection plays (OpenSSL's SSL_is_server) */

    /* Verifying the peer: inherited from the SSL_CTX at SSL_new. */
    X509_VERIFY_PARAM *param;
    int verify_mode;
    SSL_verify_cb verify_callback;
    long verify_result; /* X509_V_OK until a handshake verifies something */

    /* Our side: the SSL_CTX's certificate slots, shared by reference. */
    mintls_ssl_cert cert;
    pem_password_cb *passwd_cb;
    void *passwd_userdata;

    CRYPTO_EX_DATA ex_data;

    /*
     * Later: rbio/wbio, record layer state (buffers allocated only while in
     * use), the handshake state pointer (NULL outside a handshake), the
     * negotiated session, peer certificate and verified chain.
     */
};

/* ---- shared between the files of src/ ----------------------------------- */

/* Registers the SSL reason strings with the error queue (once). */
void mintls_ssl_load_strings(void);

/* Certificate slots (ssl_cert.c). */
void mintls_ssl_cert_init(mintls_ssl_cert *c);
void mintls_ssl_cert_clear(mintls_ssl_cert *c);
/* Makes dst (initialised, empty) share src's certificates, keys and chains. */
int mintls_ssl_cert_copy(mintls_ssl_cert *dst, const mintls_ssl_cert *src);
int mintls_ssl_cert_use_certificate(mintls_ssl_cert *c, X509 *x);
int mintls_ssl_cert_use_private_key(mintls_ssl_cert *c, EVP_PKEY *pkey);
int mintls_ssl_cert_check_private_key(const mintls_ssl_cert *c);
/* Reads certificates and keys from files for SSL_CTX_use_* and SSL_use_*. */
X509 *mintls_ssl_read_certificate_file(const char *file, int type, pem_password_cb *cb, void *u);
EVP_PKEY *mintls_ssl_read_private_key_file(const char *file, int type, pem_password_cb *cb,
                                           void *u);
int mintls_ssl_cert_use_chain_file(mintls_ssl_cert *c, const char *file, pem_password_cb *cb,
                                   void *u);
/* The chain ctrls shared by SSL_CTX_ctrl and SSL_ctrl; *handled = 0 for others. */
long mintls_ssl_cert_ctrl(mintls_ssl_cert *c, int cmd, long larg, void *parg, int *handled);

#endif
