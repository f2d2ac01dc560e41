/*
 * ECDSA helpers shared by the curves: the strict DER signature codec and
 * the RFC 6979 nonce generator.
 */
#include "internal/ecdsa_util.h"

#include <string.h>

#include "internal/ct.h"

/*
 * X9.62: Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. Reads one
 * INTEGER at *pos; only the short length form can occur for values that fit
 * a scalar, so the long form is rejected as non-minimal or too large.
 */
static int read_integer(const uint8_t *der, size_t end, size_t *pos, size_t scalar_len,
                        uint8_t *out)
{
    size_t p = *pos;
    if (end - p < 2 || der[p] != 0x02)
        return 0;
    size_t len = der[p + 1];
    p += 2;
    if (len == 0 || len >= 0x80 || end - p < len)
        return 0;
    const uint8_t *v = der + p;
    if (v[0] & 0x80)
        return 0; /* negative */
    if (v[0] == 0x00 && len > 1) {
        if (!(v[1] & 0x80))
            return 0; /* a leading zero that is not needed */
        v++;
        len--;
    }
    if (len > scalar_len)
        return 0;
    memset(out, 0, scalar_len - len);
    memcpy(out + scalar_len - len, v, len);
    *pos = (size_t)(v - der) + len;
    return 1;
}

int mintls_ecdsa_sig_from_der(const uint8_t *der, size_t der_len, size_t scalar_len,
                              uint8_t *out_r, uint8_t *out_s)
{
    if (der == NULL || der_len < 2 || der[0] != 0x30)
        return 0;
    size_t content, pos;
    if (der[1] < 0x80) {
        content = der[1];
        pos = 2;
    } else if (der[1] == 0x81 && der_len >= 3 && der[2] >= 0x80) {
        content = der[2];
        pos = 3;
    } else {
        return 0; /* indefinite, non-minimal or implausibly long */
    }
    if (der_len - pos != content)
        return 0; /* short, or trailing bytes */
    if (!read_integer(der, der_len, &pos, scalar_len, out_r) ||
        !read_integer(der, der_len, &pos, scalar_len, out_s))
        return 0;
    return pos == der_len;
}

/* Writes INTEGER for a big-endian unsigned value; returns bytes written. */
static size_t write_integer(const uint8_t *v, size_t len, uint8_t *out)
{
    while (len > 1 && v[0] == 0) {
        v++;
        len--;
    }
    size_t pad = (v[0] & 0x80) ? 1 : 0;
    out[0] = 0x02;
    out[1] = (uint8_t)(len + pad);
    out[2] = 0;
    memcpy(out + 2 + pad, v, len);
    return 2 + pad + len;
}

size_t mintls_ecdsa_sig_to_der(const uint8_t *r, const uint8_t *s, size_t scalar_len,
                               uint8_t *out)
{
    uint8_t body[MINTLS_ECDSA_DER_MAX(62)];
    size_t n = write_integer(r, scalar_len, body);
    n += write_integer(s, scalar_len, body + n);
    size_t hdr;
    out[0] = 0x30;
    if (n < 0x80) {
        out[1] = (uint8_t)n;
        hdr = 2;
    } else {
        out[1] = 0x81;
        out[2] = (uint8_t)n;
        hdr = 3;
    }
    memcpy(out + hdr, body, n);
    return hdr + n;
}

/* K = HMAC_K(V || sep || x || h1 || extra); V = HMAC_K(V)  (RFC 6979 3.2 d-g). */
static void reseed(mintls_rfc6979 *d, uint8_t sep, const uint8_t *x, const uint8_t *h1,
                   size_t qlen, const uint8_t *extra, size_t extra_len)
{
    size_t hl = d->h->digest_len;
    mintls_hmac_ctx c;
    mintls_hmac_init(&c, d->h, d->k, hl);
    mintls_hmac_update(&c, d->v, hl);
    mintls_hmac_update(&c, &sep, 1);
    if (x != NULL) {
        mintls_hmac_update(&c, x, qlen);
        mintls_hmac_update(&c, h1, qlen);
        if (extra_len > 0)
            mintls_hmac_update(&c, extra, extra_len);
    }
    mintls_hmac_final(&c, d->k);
    mintls_hmac(d->h, d->k, hl, d->v, hl, d->v);
}

void mintls_rfc6979_init(mintls_rfc6979 *d, const mintls_hash *h, const uint8_t *x,
                         const uint8_t *h1, size_t qlen, const uint8_t *extra,
                         size_t extra_len)
{
    d->h = h;
    d->used = 0;
    memset(d->v, 0x01, h->digest_len);
    memset(d->k, 0x00, h->digest_len);
    reseed(d, 0x00, x, h1, qlen, extra, extra_len);
    reseed(d, 0x01, x, h1, qlen, extra, extra_len);
}

void mintls_rfc6979_next(mintls_rfc6979 *d, uint8_t *out, size_t qlen)
{
    size_t hl = d->h->digest_len;
    /* A rejected candidate: K = HMAC_K(V || 0x00), V = HMAC_K(V) (3.2 h.3). */
    if (d->used)
        reseed(d, 0x00, NULL, NULL, 0, NULL, 0);
    d->used = 1;
    size_t done = 0;
    while (done < qlen) {
        mintls_hmac(d->h, d->k, hl, d->v, hl, d->v);
        size_t n = qlen - done < hl ? qlen - done : hl;
        memcpy(out + done, d->v, n);
        done += n;
    }
}

void mintls_rfc6979_wipe(mintls_rfc6979 *d)
{
    ct_wipe(d, sizeof(*d));
}
