/*
 * Keys from PEM and DER: PEM_read_bio_PrivateKey / PEM_read_bio_PUBKEY and
 * their FILE forms, PEM_def_callback, d2i_PrivateKey, d2i_AutoPrivateKey,
 * d2i_PUBKEY, d2i_PrivateKey_bio.
 *
 * PEM labels (RFC 7468): "PRIVATE KEY" (PKCS#8), "ENCRYPTED PRIVATE KEY"
 * (PKCS#8 with PBES2, decrypted with the password the callback gives),
 * "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1), "PUBLIC KEY"
 * (SubjectPublicKeyInfo). The legacy "Proc-Type: 4,ENCRYPTED" form fails
 * with PEM_R_UNSUPPORTED_ENCRYPTION. When no key block is found, or its
 * contents do not decode, the last error is the one OpenSSL 3.0's decoder
 * layer leaves: ERR_LIB_OSSL_DECODER / ERR_R_UNSUPPORTED. Blocks with other
 * labels are skipped, as OpenSSL does, so a key can follow a certificate in
 * one file.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pemerr.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal/der.h"
#include "internal/evp_pkey.h"
#include "internal/pem.h"

enum want { WANT_PRIVATE, WANT_PUBLIC };

/*
 * The password for an encrypted key: cb's answer, or PEM_def_callback's
 * (u as a NUL-terminated string) when cb is NULL. OpenSSL treats a
 * callback's 0 as an empty password and a negative answer as a failure.
 */
static int get_password(pem_password_cb *cb, void *u, char *buf, int size)
{
    int n = cb != NULL ? cb(buf, size, 0, u) : PEM_def_callback(buf, size, 0, u);
    if (n < 0) {
        ERR_raise(ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ);
        return -1;
    }
    return n > size ? size : n;
}

/* PKCS#12's "decode error": what OpenSSL reports when decrypted bytes are not a key. */
#define MINTLS_PKCS12_R_DECODE_ERROR 101

static EVP_PKEY *key_from_encrypted(const uint8_t *der, size_t len, pem_password_cb *cb, void *u)
{
    char pass[PEM_BUFSIZE];
    uint8_t *plain = NULL;
    size_t plain_len = 0;
    EVP_PKEY *key = NULL;
    int n = get_password(cb, u, pass, (int)sizeof(pass));
    if (n >= 0 && mintls_pkcs8_decrypt(der, len, (const uint8_t *)pass, (size_t)n, &plain,
                                       &plain_len)) {
        key = mintls_evp_pkey_from_private_der(MINTLS_PKEY_DER_PKCS8, plain, plain_len);
        if (key == NULL)
            ERR_raise(ERR_LIB_PKCS12, MINTLS_PKCS12_R_DECODE_ERROR);
        OPENSSL_cleanse(plain, plain_len);
        free(plain);
    }
    OPENSSL_cleanse(pass, sizeof(pass));
    return key;
}

static EVP_PKEY *key_from_block(const pem_block *b, const uint8_t *der, size_t len,
                                enum want want, pem_password_cb *cb, void *u)
{
    if (mintls_pem_label_is(b, "ENCRYPTED PRIVATE KEY"))
        return key_from_encrypted(der, len, cb, u);
    if (want == WANT_PUBLIC)
        return mintls_evp_pkey_from_spki(der, len);
    if (mintls_pem_label_is(b, "PRIVATE KEY"))
        return mintls_evp_pkey_from_private_der(MINTLS_PKEY_DER_PKCS8, der, len);
    if (mintls_pem_label_is(b, "RSA PRIVATE KEY"))
        return mintls_evp_pkey_from_private_der(MINTLS_PKEY_DER_RSA, der, len);
    return mintls_evp_pkey_from_private_der(MINTLS_PKEY_DER_EC, der, len);
}

/*
 * The label of the block mintls_pem_bio_read_block() left in text ("-----BEGIN <label>-----"
 * on its first line). The PEM parser only reports it for a well-formed
 * block, and an encrypted or damaged key block must still be recognised.
 */
static int block_label(const char *text, size_t len, pem_block *out)
{
    const char *nl = memchr(text, '\n', len);
    size_t line = nl != NULL ? (size_t)(nl - text) : len;
    while (line > 0 && (text[line - 1] == '\r' || text[line - 1] == ' ' || text[line - 1] == '\t'))
        line--;
    if (line < 16 || memcmp(text, "-----BEGIN ", 11) != 0 || memcmp(text + line - 5, "-----", 5) != 0)
        return 0;
    memset(out, 0, sizeof(*out));
    out->label = text + 11;
    out->label_len = line - 16;
    return 1;
}

static int label_wanted(const pem_block *b, enum want want)
{
    if (want == WANT_PUBLIC)
        return mintls_pem_label_is(b, "PUBLIC KEY");
    return mintls_pem_label_is(b, "PRIVATE KEY") || mintls_pem_label_is(b, "RSA PRIVATE KEY") ||
           mintls_pem_label_is(b, "EC PRIVATE KEY") ||
           mintls_pem_label_is(b, "ENCRYPTED PRIVATE KEY");
}

static EVP_PKEY *read_key_bio(BIO *bp, EVP_PKEY **x, enum want want, pem_password_cb *cb,
                              void *u)
{
    mintls_text_buf t = {NULL, 0, 0};
    EVP_PKEY *key = NULL;
    if (bp == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    for (;;) {
        int got = mintls_pem_bio_read_block(bp, &t);
        if (got < 0) {
            ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
            break;
        }
        if (!got) {
            /*
             * No key block (a BEGIN line without its END counts as none).
             * OpenSSL 3.0 reports this from its decoder layer, not as
             * PEM_R_NO_START_LINE; programs see the same code here.
             */
            ERR_raise(ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
            break;
        }
        pem_iter it;
        pem_block b, named;
        uint8_t *der = NULL;
        size_t der_len = 0;
        if (!block_label(t.p, t.len, &named)) {
            /* Not a block we can even name: keep looking, as for other labels. */
            continue;
        }
        mintls_pem_iter_init(&it, t.p, t.len);
        pem_status st = mintls_pem_next_alloc(&it, &b, &der, &der_len);
        if (st == PEM_ERR_NO_START_LINE || st == PEM_ERR_BAD_HEADER || !label_wanted(&named, want)) {
            if (der != NULL) {
                OPENSSL_cleanse(der, der_len);
                free(der);
            }
            continue;
        }
        if (st == PEM_ERR_ENCRYPTED) {
            ERR_raise_data(ERR_LIB_PEM, PEM_R_UNSUPPORTED_ENCRYPTION,
                           "legacy PEM encryption (Proc-Type: 4,ENCRYPTED) is not supported; "
                           "convert the key with openssl pkcs8 -topk8");
        } else if (st == PEM_ERR_BAD_BASE64) {
            ERR_raise(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE);
            ERR_raise(ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
        } else if (st == PEM_ERR_NOMEM) {
            ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
        } else if (st != PEM_OK) {
            ERR_raise(ERR_LIB_PEM, PEM_R_BAD_END_LINE);
        } else {
            key = key_from_block(&b, der, der_len, want, cb, u);
            /* An encrypted key's failure (e.g. a wrong password) stays last, as in OpenSSL. */
            if (key == NULL && !mintls_pem_label_is(&named, "ENCRYPTED PRIVATE KEY"))
                ERR_raise(ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
        }
        if (der != NULL) {
            OPENSSL_cleanse(der, der_len);
            free(der);
        }
        break;
    }
    mintls_text_buf_free(&t);
    if (key != NULL && x != NULL) {
        EVP_PKEY_free(*x);
        *x = key;
    }
    return key;
}

/*
 * OpenSSL's default callback prompts on the terminal when userdata is NULL;
 * mintls has no terminal input, so that case fails as OpenSSL's does when no
 * terminal is there.
 */
int PEM_def_callback(char *buf, int num, int rwflag, void *userdata)
{
    (void)rwflag;
    if (buf == NULL || num < 0) {
        ERR_raise(ERR_LIB_PEM, ERR_R_PASSED_INVALID_ARGUMENT);
        return -1;
    }
    if (userdata == NULL) {
        ERR_raise_data(ERR_LIB_PEM, PEM_R_PROBLEMS_GETTING_PASSWORD,
                       "no password callback or password given");
        return -1;
    }
    size_t len = strlen((const char *)userdata);
    if (len > (size_t)num)
        len = (size_t)num;
    memcpy(buf, userdata, len);
    return (int)len;
}

EVP_PKEY *PEM_read_bio_PrivateKey(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    return read_key_bio(bp, x, WANT_PRIVATE, cb, u);
}

EVP_PKEY *PEM_read_bio_PUBKEY(BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    /* Public keys are never encrypted; cb and u are accepted for the signature's sake. */
    (void)cb;
    (void)u;
    return read_key_bio(bp, x, WANT_PUBLIC, NULL, NULL);
}

static EVP_PKEY *read_key_fp(FILE *fp, EVP_PKEY **x, enum want want, pem_password_cb *cb,
                             void *u)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_BUF_LIB);
        return NULL;
    }
    EVP_PKEY *key = read_key_bio(b, x, want, cb, u);
    BIO_free(b);
    return key;
}

EVP_PKEY *PEM_read_PrivateKey(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    return read_key_fp(fp, x, WANT_PRIVATE, cb, u);
}

EVP_PKEY *PEM_read_PUBKEY(FILE *fp, EVP_PKEY **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_key_fp(fp, x, WANT_PUBLIC, NULL, NULL);
}

/* Length of the first TLV at p (bounded by len), or 0 if there is none. */
static size_t first_tlv_len(const uint8_t *p, size_t len)
{
    der_cursor c;
    der_span v, whole;
    unsigned tag;
    mintls_der_init(&c, p, len);
    if (!mintls_der_read_tlv(&c, &tag, &v, &whole) || tag != DER_TAG_SEQUENCE)
        return 0;
    return whole.len;
}

/*
 * Which private-key syntax a DER SEQUENCE holds, from its first two fields:
 * PKCS#8 has version then an AlgorithmIdentifier SEQUENCE; PKCS#1 has
 * version 0 then the modulus; SEC1 has version 1 then an OCTET STRING.
 */
static int guess_private_kind(const uint8_t *p, size_t len, enum mintls_pkey_der_kind *out)
{
    der_cursor c, seq;
    unsigned tag;
    uint64_t version;
    mintls_der_init(&c, p, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_read_small_uint(&seq, &version) ||
        !mintls_der_peek_tag(&seq, &tag))
        return 0;
    if (tag == DER_TAG_SEQUENCE)
        *out = MINTLS_PKEY_DER_PKCS8;
    else if (tag == DER_TAG_INTEGER && version == 0)
        *out = MINTLS_PKEY_DER_RSA;
    else if (tag == DER_TAG_OCTET_STRING && version == 1)
        *out = MINTLS_PKEY_DER_EC;
    else
        return 0;
    return 1;
}

/*
 * One DER private key at *pp (PKCS#8, PKCS#1 or SEC1, told apart by their
 * first fields); want_type EVP_PKEY_NONE takes any type. As OpenSSL 3.0,
 * a failure ends with the decoder layer's "unsupported" and leaves *pp.
 */
static EVP_PKEY *d2i_private(EVP_PKEY **a, const unsigned char **pp, long length, int want_type)
{
    if (pp == NULL || *pp == NULL || length <= 0) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    size_t n = first_tlv_len(*pp, (size_t)length);
    enum mintls_pkey_der_kind kind;
    EVP_PKEY *key = NULL;
    if (n == 0 || !guess_private_kind(*pp, n, &kind))
        ERR_raise(ERR_LIB_ASN1, ERR_R_ASN1_LIB);
    else
        key = mintls_evp_pkey_from_private_der(kind, *pp, n);
    if (key != NULL && want_type != EVP_PKEY_NONE && EVP_PKEY_get_id(key) != want_type) {
        EVP_PKEY_free(key);
        key = NULL;
    }
    if (key == NULL) {
        ERR_raise(ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
        return NULL;
    }
    *pp += n;
    if (a != NULL) {
        EVP_PKEY_free(*a);
        *a = key;
    }
    return key;
}

EVP_PKEY *d2i_AutoPrivateKey(EVP_PKEY **a, const unsigned char **pp, long length)
{
    return d2i_private(a, pp, length, EVP_PKEY_NONE);
}

EVP_PKEY *d2i_PrivateKey(int type, EVP_PKEY **a, const unsigned char **pp, long length)
{
    if (type == EVP_PKEY_NONE) {
        ERR_raise(ERR_LIB_OSSL_DECODER, ERR_R_UNSUPPORTED);
        return NULL;
    }
    return d2i_private(a, pp, length, type);
}

EVP_PKEY *d2i_PUBKEY(EVP_PKEY **a, const unsigned char **pp, long length)
{
    if (pp == NULL || *pp == NULL || length <= 0) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    size_t n = first_tlv_len(*pp, (size_t)length);
    if (n == 0) {
        ERR_raise(ERR_LIB_X509, ERR_R_ASN1_LIB);
        return NULL;
    }
    EVP_PKEY *key = mintls_evp_pkey_from_spki(*pp, n);
    if (key == NULL)
        return NULL;
    *pp += n;
    if (a != NULL) {
        EVP_PKEY_free(*a);
        *a = key;
    }
    return key;
}

EVP_PKEY *d2i_PrivateKey_bio(BIO *bp, EVP_PKEY **a)
{
    mintls_text_buf t = {NULL, 0, 0};
    char chunk[4096];
    int n;
    if (bp == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    while ((n = BIO_read(bp, chunk, (int)sizeof(chunk))) > 0) {
        if (t.len + (size_t)n > (size_t)LONG_MAX / 2 || !mintls_text_buf_append(&t, chunk, (size_t)n)) {
            ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
            mintls_text_buf_free(&t);
            OPENSSL_cleanse(chunk, sizeof(chunk));
            return NULL;
        }
    }
    OPENSSL_cleanse(chunk, sizeof(chunk));
    const unsigned char *p = (const unsigned char *)t.p;
    EVP_PKEY *key = t.len > 0 ? d2i_AutoPrivateKey(a, &p, (long)t.len) : NULL;
    if (t.len == 0)
        ERR_raise(ERR_LIB_ASN1, ERR_R_ASN1_LIB);
    mintls_text_buf_free(&t);
    return key;
}
