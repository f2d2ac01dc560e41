/*
 * RSASSA-PKCS1-v1_5 (RFC 8017 sections 8.2 and 9.2). Verification re-encodes
 * the expected block and compares all of it: no parsing, so no leniency in
 * the padding or the DigestInfo (a missing NULL parameter is rejected).
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/rsa.h"

/* DigestInfo prefixes from RFC 8017 section 9.2, note 1. */
static const uint8_t di_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a,
                                  0x05, 0x00, 0x04, 0x14};
static const uint8_t di_sha224[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c};
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

static const uint8_t *digest_info(const mintls_hash *h, size_t *out_len)
{
    const uint8_t *p = NULL;
    size_t len = 0;
    if (h == &mintls_hash_sha1) {
        p = di_sha1;
        len = sizeof(di_sha1);
    } else if (h == &mintls_hash_sha224) {
        p = di_sha224;
        len = sizeof(di_sha224);
    } else if (h == &mintls_hash_sha256) {
        p = di_sha256;
        len = sizeof(di_sha256);
    } else if (h == &mintls_hash_sha384) {
        p = di_sha384;
        len = sizeof(di_sha384);
    } else if (h == &mintls_hash_sha512) {
        p = di_sha512;
        len = sizeof(di_sha512);
    }
    *out_len = len;
    return p;
}

/* EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || DigestInfo || H (section 9.2). */
int mintls_rsa_emsa_pkcs1_encode(const mintls_hash *h, const uint8_t *digest, uint8_t *em, size_t em_len)
{
    size_t di_len;
    const uint8_t *di = digest_info(h, &di_len);
    if (di == NULL)
        return 0;
    size_t t_len = di_len + h->digest_len;
    if (em_len < t_len + 11)
        return 0;
    size_t ps_len = em_len - t_len - 3;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, ps_len);
    em[2 + ps_len] = 0x00;
    memcpy(em + 3 + ps_len, di, di_len);
    memcpy(em + 3 + ps_len + di_len, digest, h->digest_len);
    return 1;
}

int mintls_rsa_verify_pkcs1(const mintls_rsa_public *k, const mintls_hash *h, const uint8_t *digest,
                            const uint8_t *sig, size_t sig_len)
{
    uint8_t em[MINTLS_RSA_MAX_BYTES], expect[MINTLS_RSA_MAX_BYTES];
    if (sig_len != k->len)
        return 0;
    if (!mintls_rsa_emsa_pkcs1_encode(h, digest, expect, k->len))
        return 0;
    if (!mintls_rsa_public_raw(k, sig, em))
        return 0;
    return memcmp(em, expect, k->len) == 0;
}

int mintls_rsa_sign_pkcs1(const mintls_rsa_private *k, const mintls_hash *h, const uint8_t *digest,
                          uint8_t *out_sig, size_t *out_len)
{
    uint8_t em[MINTLS_RSA_MAX_BYTES];
    size_t len = k->pub.len;
    if (!mintls_rsa_emsa_pkcs1_encode(h, digest, em, len))
        return 0;
    int ok = mintls_rsa_private_raw(k, em, out_sig);
    ct_wipe(em, len);
    if (ok && out_len != NULL)
        *out_len = len;
    return ok;
}
