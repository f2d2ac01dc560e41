/*
 * Our own certificates and private keys: the per-key-type slots shared by
 * SSL_CTX and SSL, and the SSL_CTX_use_* / SSL_use_* functions that fill
 * them from objects, DER buffers and files.
 *
 * A certificate and a key meet in the slot of their key type. Installing a
 * certificate drops a key in its slot that does not match it; installing a
 * key that does not match the slot's certificate fails (the mismatch error
 * from X509_check_private_key stays on the queue). This is OpenSSL's order
 * of rules, which programs rely on when they load certificate then key.
 */
#include "ssl_local.h"

#include <openssl/bio.h>
#include <openssl/pem.h>

void mintls_ssl_cert_init(mintls_ssl_cert *c)
{
    for (int i = 0; i < MINTLS_CERT_SLOTS; i++)
        c->slots[i] = (mintls_cert_pkey){NULL, NULL, NULL};
    c->current = &c->slots[MINTLS_CERT_RSA];
}

void mintls_ssl_cert_clear(mintls_ssl_cert *c)
{
    for (int i = 0; i < MINTLS_CERT_SLOTS; i++) {
        X509_free(c->slots[i].x509);
        EVP_PKEY_free(c->slots[i].privatekey);
        sk_X509_pop_free(c->slots[i].chain, X509_free);
    }
    mintls_ssl_cert_init(c);
}

/* A new stack holding a reference on each certificate of sk. */
static STACK_OF(X509) *chain_up_ref(STACK_OF(X509) *sk)
{
    STACK_OF(X509) *out = sk_X509_dup(sk);
    if (out == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    for (int i = 0; i < sk_X509_num(out); i++)
        X509_up_ref(sk_X509_value(out, i));
    return out;
}

int mintls_ssl_cert_copy(mintls_ssl_cert *dst, const mintls_ssl_cert *src)
{
    for (int i = 0; i < MINTLS_CERT_SLOTS; i++) {
        const mintls_cert_pkey *s = &src->slots[i];
        mintls_cert_pkey *d = &dst->slots[i];
        if (s->chain != NULL && (d->chain = chain_up_ref(s->chain)) == NULL) {
            mintls_ssl_cert_clear(dst);
            return 0;
        }
        if (s->x509 != NULL && X509_up_ref(s->x509))
            d->x509 = s->x509;
        if (s->privatekey != NULL && EVP_PKEY_up_ref(s->privatekey))
            d->privatekey = s->privatekey;
    }
    dst->current = &dst->slots[src->current - src->slots];
    return 1;
}

/* The slot for a key of this type, or -1 for a type TLS cannot sign with. */
static int slot_for_key(const EVP_PKEY *pkey)
{
    switch (EVP_PKEY_get_base_id(pkey)) {
    case EVP_PKEY_RSA:
        return MINTLS_CERT_RSA;
    case EVP_PKEY_RSA_PSS:
        return MINTLS_CERT_RSA_PSS;
    case EVP_PKEY_EC:
        return MINTLS_CERT_ECDSA;
    case EVP_PKEY_ED25519:
        return MINTLS_CERT_ED25519;
    case NID_ED448:
        return MINTLS_CERT_ED448;
    default:
        return -1;
    }
}

int mintls_ssl_cert_use_certificate(mintls_ssl_cert *c, X509 *x)
{
    if (x == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    EVP_PKEY *pub = X509_get0_pubkey(x);
    if (pub == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_X509_LIB);
        return 0;
    }
    int i = slot_for_key(pub);
    if (i < 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_UNKNOWN_CERTIFICATE_TYPE);
        return 0;
    }
    mintls_cert_pkey *slot = &c->slots[i];
    if (slot->privatekey != NULL) {
        /* A key loaded earlier that this certificate does not match is
           dropped silently: the program is replacing the pair. */
        ERR_set_mark();
        if (!X509_check_private_key(x, slot->privatekey)) {
            EVP_PKEY_free(slot->privatekey);
            slot->privatekey = NULL;
        }
        ERR_pop_to_mark();
    }
    if (!X509_up_ref(x))
        return 0;
    X509_free(slot->x509);
    slot->x509 = x;
    c->current = slot;
    return 1;
}

int mintls_ssl_cert_use_private_key(mintls_ssl_cert *c, EVP_PKEY *pkey)
{
    if (pkey == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    int i = slot_for_key(pkey);
    if (i < 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_UNKNOWN_CERTIFICATE_TYPE);
        return 0;
    }
    mintls_cert_pkey *slot = &c->slots[i];
    /* X509_check_private_key leaves X509_R_KEY_VALUES_MISMATCH (or
       X509_R_KEY_TYPE_MISMATCH) on the queue, which is what callers test. */
    if (slot->x509 != NULL && !X509_check_private_key(slot->x509, pkey))
        return 0;
    if (!EVP_PKEY_up_ref(pkey))
        return 0;
    EVP_PKEY_free(slot->privatekey);
    slot->privatekey = pkey;
    c->current = slot;
    return 1;
}

int mintls_ssl_cert_check_private_key(const mintls_ssl_cert *c)
{
    if (c->current->x509 == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NO_CERTIFICATE_ASSIGNED);
        return 0;
    }
    if (c->current->privatekey == NULL) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NO_PRIVATE_KEY_ASSIGNED);
        return 0;
    }
    return X509_check_private_key(c->current->x509, c->current->privatekey);
}

/* ---- reading files ------------------------------------------------------- */

static BIO *open_file(const char *file)
{
    BIO *in = BIO_new(BIO_s_file());
    if (in == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_BUF_LIB);
        return NULL;
    }
    if (file == NULL || BIO_read_filename(in, file) <= 0) {
        ERR_raise(ERR_LIB_SSL, ERR_R_SYS_LIB);
        BIO_free(in);
        return NULL;
    }
    return in;
}

X509 *mintls_ssl_read_certificate_file(const char *file, int type, pem_password_cb *cb, void *u)
{
    if (type != SSL_FILETYPE_PEM && type != SSL_FILETYPE_ASN1) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_SSL_FILETYPE);
        return NULL;
    }
    BIO *in = open_file(file);
    if (in == NULL)
        return NULL;
    X509 *x;
    if (type == SSL_FILETYPE_ASN1)
        x = d2i_X509_bio(in, NULL);
    else
        x = PEM_read_bio_X509(in, NULL, cb, u);
    if (x == NULL)
        ERR_raise(ERR_LIB_SSL, type == SSL_FILETYPE_ASN1 ? ERR_R_ASN1_LIB : ERR_R_PEM_LIB);
    BIO_free(in);
    return x;
}

EVP_PKEY *mintls_ssl_read_private_key_file(const char *file, int type, pem_password_cb *cb,
                                           void *u)
{
    if (type != SSL_FILETYPE_PEM && type != SSL_FILETYPE_ASN1) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_SSL_FILETYPE);
        return NULL;
    }
    BIO *in = open_file(file);
    if (in == NULL)
        return NULL;
    EVP_PKEY *pkey;
    if (type == SSL_FILETYPE_ASN1)
        pkey = d2i_PrivateKey_bio(in, NULL);
    else
        pkey = PEM_read_bio_PrivateKey(in, NULL, cb, u);
    if (pkey == NULL)
        ERR_raise(ERR_LIB_SSL, type == SSL_FILETYPE_ASN1 ? ERR_R_ASN1_LIB : ERR_R_PEM_LIB);
    BIO_free(in);
    return pkey;
}

/*
 * The first certificate in the file is ours; every one after it replaces
 * the chain of its slot. Reading stops at the end of the file, which the
 * PEM reader reports as PEM_R_NO_START_LINE: that error is expected and
 * cleared, any other fails the call.
 */
int mintls_ssl_cert_use_chain_file(mintls_ssl_cert *c, const char *file, pem_password_cb *cb,
                                   void *u)
{
    ERR_clear_error();
    BIO *in = open_file(file);
    if (in == NULL)
        return 0;
    int ret = 0;
    X509 *x = PEM_read_bio_X509(in, NULL, cb, u);
    if (x == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PEM_LIB);
        goto end;
    }
    ret = mintls_ssl_cert_use_certificate(c, x);
    if (ERR_peek_error() != 0)
        ret = 0;
    if (ret) {
        sk_X509_pop_free(c->current->chain, X509_free);
        c->current->chain = NULL;
        X509 *ca;
        while ((ca = PEM_read_bio_X509(in, NULL, cb, u)) != NULL) {
            if (c->current->chain == NULL)
                c->current->chain = sk_X509_new_null();
            if (c->current->chain == NULL || !sk_X509_push(c->current->chain, ca)) {
                X509_free(ca);
                ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
                ret = 0;
                goto end;
            }
        }
        unsigned long err = ERR_peek_last_error();
        if (ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE)
            ERR_clear_error();
        else
            ret = 0;
    }
end:
    X509_free(x);
    BIO_free(in);
    return ret;
}

/* ---- chain ctrls ------------------------------------------------------------ */

long mintls_ssl_cert_ctrl(mintls_ssl_cert *c, int cmd, long larg, void *parg, int *handled)
{
    mintls_cert_pkey *cur = c->current;
    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_CHAIN: { /* larg: 0 takes sk over, 1 copies it */
        STACK_OF(X509) *sk = parg;
        STACK_OF(X509) *chain = NULL;
        if (sk != NULL) {
            chain = larg ? chain_up_ref(sk) : sk;
            if (chain == NULL)
                return 0;
        }
        sk_X509_pop_free(cur->chain, X509_free);
        cur->chain = chain;
        return 1;
    }
    case SSL_CTRL_CHAIN_CERT: { /* larg: 0 takes the reference, 1 adds one */
        X509 *x = parg;
        if (x == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
            return 0;
        }
        if (cur->chain == NULL && (cur->chain = sk_X509_new_null()) == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        if (larg && !X509_up_ref(x))
            return 0;
        if (!sk_X509_push(cur->chain, x)) {
            if (larg)
                X509_free(x);
            ERR_raise(ERR_LIB_SSL, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        return 1;
    }
    case SSL_CTRL_GET_CHAIN_CERTS:
        if (parg == NULL)
            return 0;
        *(STACK_OF(X509) **)parg = cur->chain;
        return 1;
    default:
        *handled = 0;
        return 0;
    }
}

/* ---- the public functions ---------------------------------------------------- */

int SSL_CTX_use_certificate(SSL_CTX *ctx, X509 *x)
{
    return mintls_ssl_cert_use_certificate(&ctx->cert, x);
}

int SSL_use_certificate(SSL *ssl, X509 *x)
{
    return mintls_ssl_cert_use_certificate(&ssl->cert, x);
}

int SSL_CTX_use_certificate_ASN1(SSL_CTX *ctx, int len, const unsigned char *d)
{
    const unsigned char *p = d;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    if (x == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_ASN1_LIB);
        return 0;
    }
    int ret = SSL_CTX_use_certificate(ctx, x);
    X509_free(x);
    return ret;
}

int SSL_use_certificate_ASN1(SSL *ssl, const unsigned char *d, int len)
{
    const unsigned char *p = d;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    if (x == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_ASN1_LIB);
        return 0;
    }
    int ret = SSL_use_certificate(ssl, x);
    X509_free(x);
    return ret;
}

int SSL_CTX_use_certificate_file(SSL_CTX *ctx, const char *file, int type)
{
    X509 *x = mintls_ssl_read_certificate_file(file, type, ctx->passwd_cb, ctx->passwd_userdata);
    if (x == NULL)
        return 0;
    int ret = SSL_CTX_use_certificate(ctx, x);
    X509_free(x);
    return ret;
}

int SSL_use_certificate_file(SSL *ssl, const char *file, int type)
{
    X509 *x = mintls_ssl_read_certificate_file(file, type, ssl->passwd_cb, ssl->passwd_userdata);
    if (x == NULL)
        return 0;
    int ret = SSL_use_certificate(ssl, x);
    X509_free(x);
    return ret;
}

int SSL_CTX_use_certificate_chain_file(SSL_CTX *ctx, const char *file)
{
    return mintls_ssl_cert_use_chain_file(&ctx->cert, file, ctx->passwd_cb, ctx->passwd_userdata);
}

int SSL_use_certificate_chain_file(SSL *ssl, const char *file)
{
    return mintls_ssl_cert_use_chain_file(&ssl->cert, file, ssl->passwd_cb, ssl->passwd_userdata);
}

int SSL_CTX_use_PrivateKey(SSL_CTX *ctx, EVP_PKEY *pkey)
{
    return mintls_ssl_cert_use_private_key(&ctx->cert, pkey);
}

int SSL_use_PrivateKey(SSL *ssl, EVP_PKEY *pkey)
{
    return mintls_ssl_cert_use_private_key(&ssl->cert, pkey);
}

/* A DER private key that must be of type pk (EVP_PKEY_RSA, EVP_PKEY_EC, ...). */
static EVP_PKEY *decode_private_key(int pk, const unsigned char *d, long len)
{
    const unsigned char *p = d;
    EVP_PKEY *pkey = d2i_AutoPrivateKey(NULL, &p, len);
    if (pkey != NULL && EVP_PKEY_get_base_id(pkey) != pk) {
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    if (pkey == NULL)
        ERR_raise(ERR_LIB_SSL, ERR_R_ASN1_LIB);
    return pkey;
}

int SSL_CTX_use_PrivateKey_ASN1(int pk, SSL_CTX *ctx, const unsigned char *d, long len)
{
    EVP_PKEY *pkey = decode_private_key(pk, d, len);
    if (pkey == NULL)
        return 0;
    int ret = SSL_CTX_use_PrivateKey(ctx, pkey);
    EVP_PKEY_free(pkey);
    return ret;
}

int SSL_use_PrivateKey_ASN1(int pk, SSL *ssl, const unsigned char *d, long len)
{
    EVP_PKEY *pkey = decode_private_key(pk, d, len);
    if (pkey == NULL)
        return 0;
    int ret = SSL_use_PrivateKey(ssl, pkey);
    EVP_PKEY_free(pkey);
    return ret;
}

int SSL_CTX_use_PrivateKey_file(SSL_CTX *ctx, const char *file, int type)
{
    EVP_PKEY *pkey =
        mintls_ssl_read_private_key_file(file, type, ctx->passwd_cb, ctx->passwd_userdata);
    if (pkey == NULL)
        return 0;
    int ret = SSL_CTX_use_PrivateKey(ctx, pkey);
    EVP_PKEY_free(pkey);
    return ret;
}

int SSL_use_PrivateKey_file(SSL *ssl, const char *file, int type)
{
    EVP_PKEY *pkey =
        mintls_ssl_read_private_key_file(file, type, ssl->passwd_cb, ssl->passwd_userdata);
    if (pkey == NULL)
        return 0;
    int ret = SSL_use_PrivateKey(ssl, pkey);
    EVP_PKEY_free(pkey);
    return ret;
}

int SSL_CTX_check_private_key(const SSL_CTX *ctx)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return mintls_ssl_cert_check_private_key(&ctx->cert);
}

int SSL_check_private_key(const SSL *ssl)
{
    if (ssl == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return mintls_ssl_cert_check_private_key(&ssl->cert);
}

X509 *SSL_CTX_get0_certificate(const SSL_CTX *ctx)
{
    return ctx->cert.current->x509;
}

EVP_PKEY *SSL_CTX_get0_privatekey(const SSL_CTX *ctx)
{
    return ctx->cert.current->privatekey;
}

X509 *SSL_get_certificate(const SSL *ssl)
{
    return ssl->cert.current->x509;
}

EVP_PKEY *SSL_get_privatekey(const SSL *ssl)
{
    return ssl->cert.current->privatekey;
}

/* ---- passphrases ----------------------------------------------------------- */

void SSL_CTX_set_default_passwd_cb(SSL_CTX *ctx, pem_password_cb *cb) { ctx->passwd_cb = cb; }
void SSL_CTX_set_default_passwd_cb_userdata(SSL_CTX *ctx, void *u) { ctx->passwd_userdata = u; }
pem_password_cb *SSL_CTX_get_default_passwd_cb(SSL_CTX *ctx) { return ctx->passwd_cb; }
void *SSL_CTX_get_default_passwd_cb_userdata(SSL_CTX *ctx) { return ctx->passwd_userdata; }
void SSL_set_default_passwd_cb(SSL *s, pem_password_cb *cb) { s->passwd_cb = cb; }
void SSL_set_default_passwd_cb_userdata(SSL *s, void *u) { s->passwd_userdata = u; }
pem_password_cb *SSL_get_default_passwd_cb(SSL *s) { return s->passwd_cb; }
void *SSL_get_default_passwd_cb_userdata(SSL *s) { return s->passwd_userdata; }
