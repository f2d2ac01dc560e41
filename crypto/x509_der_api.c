/*
 * DER in and out of X509 objects: d2i_X509 / i2d_X509 with OpenSSL's
 * pointer conventions, their BIO and FILE forms, and X509_dup.
 */
#include "internal/asn1_obj.h"
#include "internal/x509_obj.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

/* Certificates larger than this are refused when read from a stream. */
#define X509_MAX_STREAM_DER (16u * 1024u * 1024u)

/*
 * The length of the DER TLV at the start of p (header + contents), or 0 if
 * the header is malformed or the element runs past len.
 */
static size_t tlv_total(const uint8_t *p, size_t len)
{
    der_cursor c;
    unsigned tag;
    der_span v, whole;
    mintls_der_init(&c, p, len);
    if (!mintls_der_read_tlv(&c, &tag, &v, &whole))
        return 0;
    return whole.len;
}

/* Puts a decoded certificate where d2i's `a` argument asks for it. */
static X509 *deliver(X509 **a, X509 *x)
{
    if (a == NULL)
        return x;
    if (*a == NULL) {
        *a = x;
        return x;
    }
    mintls_x509_move_into(*a, x);
    return *a;
}

static void fail_reuse(X509 **a)
{
    if (a != NULL) {
        X509_free(*a);
        *a = NULL;
    }
}

X509 *d2i_X509(X509 **a, const unsigned char **in, long len)
{
    if (in == NULL || *in == NULL || len <= 0) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        fail_reuse(a);
        return NULL;
    }
    size_t n = tlv_total(*in, (size_t)len);
    if (n == 0) {
        /* A header that does not fit, or contents longer than the input. */
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        fail_reuse(a);
        return NULL;
    }
    X509 *x = mintls_x509_from_der(*in, n);
    if (x == NULL) {
        fail_reuse(a);
        return NULL;
    }
    *in += n;
    return deliver(a, x);
}

int i2d_X509(const X509 *a, unsigned char **out)
{
    if (a == NULL || !a->parsed || a->der_len > 0x7fffffff) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    return mintls_i2d_output(a->der, a->der_len, out, ERR_LIB_ASN1);
}

X509 *X509_dup(const X509 *x)
{
    if (x == NULL)
        return NULL;
    if (!x->parsed)
        return X509_new();
    return mintls_x509_from_der(x->der, x->der_len);
}

/* Reads exactly n bytes; 1 on success. */
static int read_full(BIO *bp, uint8_t *p, size_t n)
{
    while (n > 0) {
        int chunk = n > 0x10000 ? 0x10000 : (int)n;
        int r = BIO_read(bp, p, chunk);
        if (r <= 0)
            return 0;
        p += r;
        n -= (size_t)r;
    }
    return 1;
}

/*
 * One DER element from a stream: the identifier and length octets first,
 * then exactly the contents, so whatever follows stays in the BIO.
 */
static uint8_t *read_der_element(BIO *bp, size_t *out_len)
{
    uint8_t hdr[6];
    size_t hl = 2, body;
    if (!read_full(bp, hdr, 2)) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
        return NULL;
    }
    if (hdr[1] < 0x80) {
        body = hdr[1];
    } else {
        unsigned k = hdr[1] & 0x7fu;
        if (k == 0 || k > 4 || !read_full(bp, hdr + 2, k)) {
            ERR_raise(ERR_LIB_ASN1, ASN1_R_HEADER_TOO_LONG);
            return NULL;
        }
        body = 0;
        for (unsigned i = 0; i < k; i++)
            body = (body << 8) | hdr[2 + i];
        hl += k;
    }
    if (body > X509_MAX_STREAM_DER) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_TOO_LONG);
        return NULL;
    }
    uint8_t *buf = malloc(hl + body);
    if (buf == NULL) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    memcpy(buf, hdr, hl);
    if (!read_full(bp, buf + hl, body)) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_NOT_ENOUGH_DATA);
        free(buf);
        return NULL;
    }
    *out_len = hl + body;
    return buf;
}

X509 *d2i_X509_bio(BIO *bp, X509 **x509)
{
    size_t len;
    uint8_t *der = bp == NULL ? NULL : read_der_element(bp, &len);
    if (der == NULL) {
        fail_reuse(x509);
        return NULL;
    }
    const unsigned char *p = der;
    X509 *x = d2i_X509(x509, &p, (long)len);
    free(der);
    return x;
}

int i2d_X509_bio(BIO *bp, const X509 *x509)
{
    if (bp == NULL || x509 == NULL || !x509->parsed) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (x509->der_len > 0x7fffffff ||
        BIO_write(bp, x509->der, (int)x509->der_len) != (int)x509->der_len) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_BUF_LIB);
        return 0;
    }
    return 1;
}

X509 *d2i_X509_fp(FILE *fp, X509 **x509)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL) {
        fail_reuse(x509);
        return NULL;
    }
    X509 *x = d2i_X509_bio(b, x509);
    BIO_free(b);
    return x;
}

int i2d_X509_fp(FILE *fp, const X509 *x509)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL)
        return 0;
    int r = i2d_X509_bio(b, x509);
    BIO_free(b);
    return r;
}
