/*
 * HKDF (RFC 5869): Extract is one HMAC keyed by the salt; Expand chains
 * T(i) = HMAC(PRK, T(i-1) || info || i) from a context keyed once.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/digest.h"

void mintls_hkdf_extract(const mintls_hash *h, const uint8_t *salt, size_t salt_len,
                         const uint8_t *ikm, size_t ikm_len, uint8_t *out_prk)
{
    /* RFC 5869 section 2.2: an absent salt is HashLen zeros, which HMAC's
     * zero padding makes identical to an empty key. */
    mintls_hmac(h, salt_len ? salt : NULL, salt_len, ikm, ikm_len, out_prk);
}

int mintls_hkdf_expand(const mintls_hash *h, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
    mintls_hmac_ctx keyed, c;
    uint8_t t[MINTLS_MAX_DIGEST];
    size_t dl = h->digest_len, done = 0;
    uint8_t counter = 0;

    if (out_len > 255 * dl)
        return 0;
    mintls_hmac_init(&keyed, h, prk, prk_len);
    while (done < out_len) {
        size_t n = out_len - done < dl ? out_len - done : dl;
        c = keyed;
        if (counter != 0)
            mintls_hmac_update(&c, t, dl);
        if (info_len != 0)
            mintls_hmac_update(&c, info, info_len);
        counter++;
        mintls_hmac_update(&c, &counter, 1);
        mintls_hmac_final(&c, t);
        memcpy(out + done, t, n);
        done += n;
    }
    ct_wipe(t, sizeof(t));
    ct_wipe(&keyed, sizeof(keyed));
    return 1;
}
