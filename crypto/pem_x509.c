/*
 * Certificates in PEM (RFC 7468 section 5): PEM_read_bio_X509,
 * PEM_read_bio_X509_AUX, PEM_write_bio_X509 and their FILE forms.
 *
 * Reading skips text and blocks with other labels (a key may come first in
 * a file) and stops right after the END line of the block it used, so a
 * program can call it in a loop over a bundle; at the end of the input the
 * error is PEM_R_NO_START_LINE, which such loops test for.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "internal/der.h"
#include "internal/pem.h"
#include "internal/x509_obj.h"

/* Which labels a read accepts: "CERTIFICATE" and the old "X509 CERTIFICATE", plus "TRUSTED CERTIFICATE" for _AUX. */
static int label_ok(const pem_block *b, int aux)
{
    return mintls_pem_label_is(b, "CERTIFICATE") || mintls_pem_label_is(b, "X509 CERTIFICATE") ||
           (aux && mintls_pem_label_is(b, "TRUSTED CERTIFICATE"));
}

/*
 * The certificate at the start of der. A TRUSTED CERTIFICATE carries an
 * X509_CERT_AUX SEQUENCE after it: it must be one well-formed element, but
 * its trust settings are not kept.
 */
static X509 *cert_from_block(const uint8_t *der, size_t len, int trusted)
{
    der_cursor c;
    unsigned tag;
    der_span v, whole;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_tlv(&c, &tag, &v, &whole)) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        return NULL;
    }
    if (trusted && !mintls_der_expect_end(&c) &&
        (!mintls_der_read_tag(&c, DER_TAG_SEQUENCE, &v) || !mintls_der_expect_end(&c))) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_WRONG_TAG);
        return NULL;
    }
    if (!trusted && !mintls_der_expect_end(&c)) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_WRONG_TAG);
        return NULL;
    }
    return mintls_x509_from_der(whole.p, whole.len);
}

static X509 *read_cert(BIO *bp, X509 **x, int aux)
{
    mintls_text_buf t = {NULL, 0, 0};
    X509 *res = NULL;
    if (bp == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    for (;;) {
        int r = mintls_pem_bio_read_block(bp, &t);
        if (r < 0) {
            ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
            break;
        }
        if (r == 0) {
            ERR_raise(ERR_LIB_PEM, PEM_R_NO_START_LINE);
            break;
        }
        pem_iter it;
        pem_block b;
        uint8_t *der = NULL;
        size_t der_len = 0;
        mintls_pem_iter_init(&it, t.p, t.len);
        pem_status st = mintls_pem_next_alloc(&it, &b, &der, &der_len);
        if (st == PEM_ERR_NO_START_LINE || st == PEM_ERR_BAD_HEADER) {
            /* A BEGIN line that is not a block (or has no END): look further. */
            free(der);
            continue;
        }
        if (st == PEM_OK && !label_ok(&b, aux)) {
            free(der);
            continue;
        }
        if (st != PEM_OK) {
            free(der);
            if (st == PEM_ERR_NOMEM)
                ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
            else if (st == PEM_ERR_NO_END_LINE)
                ERR_raise(ERR_LIB_PEM, PEM_R_BAD_END_LINE);
            else if (st == PEM_ERR_ENCRYPTED)
                ERR_raise(ERR_LIB_PEM, PEM_R_UNSUPPORTED_ENCRYPTION);
            else
                ERR_raise(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE);
            break;
        }
        res = cert_from_block(der, der_len, mintls_pem_label_is(&b, "TRUSTED CERTIFICATE"));
        free(der);
        if (res == NULL)
            ERR_raise(ERR_LIB_PEM, ERR_R_ASN1_LIB);
        break;
    }
    mintls_text_buf_free(&t);
    if (res != NULL && x != NULL) {
        X509_free(*x);
        *x = res;
    }
    return res;
}

X509 *PEM_read_bio_X509(BIO *bp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_cert(bp, x, 0);
}

X509 *PEM_read_bio_X509_AUX(BIO *bp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_cert(bp, x, 1);
}

static X509 *read_fp(FILE *fp, X509 **x, int aux)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_BUF_LIB);
        return NULL;
    }
    X509 *r = read_cert(b, x, aux);
    BIO_free(b);
    return r;
}

X509 *PEM_read_X509(FILE *fp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_fp(fp, x, 0);
}

X509 *PEM_read_X509_AUX(FILE *fp, X509 **x, pem_password_cb *cb, void *u)
{
    (void)cb;
    (void)u;
    return read_fp(fp, x, 1);
}

/* ---- writing ---------------------------------------------------------------- */

/* RFC 4648 base64 of p, 64 characters a line, each line ending in '\n'. */
static char *base64_lines(const uint8_t *p, size_t len, size_t *out_len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t chars = (len + 2) / 3 * 4;
    char *out = malloc(chars + chars / 64 + 2);
    if (out == NULL)
        return NULL;
    size_t o = 0, col = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)p[i + 1] << 8;
        if (i + 2 < len)
            v |= p[i + 2];
        char q[4] = {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63],
                     i + 1 < len ? alphabet[(v >> 6) & 63] : '=',
                     i + 2 < len ? alphabet[v & 63] : '='};
        for (int k = 0; k < 4; k++) {
            out[o++] = q[k];
            if (++col == 64) {
                out[o++] = '\n';
                col = 0;
            }
        }
    }
    if (col != 0)
        out[o++] = '\n';
    *out_len = o;
    return out;
}

int PEM_write_bio_X509(BIO *bp, X509 *x)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----\n";
    static const char end[] = "-----END CERTIFICATE-----\n";
    unsigned char *der = NULL;
    if (bp == NULL || x == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    int len = i2d_X509(x, &der);
    if (len < 0) {
        ERR_raise(ERR_LIB_PEM, ERR_R_ASN1_LIB);
        return 0;
    }
    size_t b64_len;
    char *b64 = base64_lines(der, (size_t)len, &b64_len);
    free(der);
    if (b64 == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    int ok = BIO_write(bp, begin, (int)sizeof(begin) - 1) == (int)sizeof(begin) - 1 &&
             BIO_write(bp, b64, (int)b64_len) == (int)b64_len &&
             BIO_write(bp, end, (int)sizeof(end) - 1) == (int)sizeof(end) - 1;
    free(b64);
    if (!ok)
        ERR_raise(ERR_LIB_PEM, ERR_R_BUF_LIB);
    return ok;
}

int PEM_write_X509(FILE *fp, X509 *x)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL) {
        ERR_raise(ERR_LIB_PEM, ERR_R_BUF_LIB);
        return 0;
    }
    int r = PEM_write_bio_X509(b, x);
    BIO_free(b);
    return r;
}
