/*
 * The TLS 1.2 PRF (RFC 5246 section 5):
 *   PRF(secret, label, seed) = P_hash(secret, label || seed)
 *   P_hash = HMAC(secret, A(1) || label || seed) || HMAC(secret, A(2) || ...)
 *   A(0) = label || seed, A(i) = HMAC(secret, A(i-1))
 * The HMAC key is prepared once and the context copied for every call.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/digest.h"

int mintls_tls12_prf(const mintls_hash *h, const uint8_t *secret, size_t secret_len,
                     const char *label, const uint8_t *seed, size_t seed_len,
                     uint8_t *out, size_t out_len)
{
    mintls_hmac_ctx keyed, c;
    uint8_t a[MINTLS_MAX_DIGEST], block[MINTLS_MAX_DIGEST];
    size_t dl, label_len, done = 0;

    if (h == NULL || (out == NULL && out_len != 0))
        return 0;
    dl = h->digest_len;
    label_len = label != NULL ? strlen(label) : 0;
    mintls_hmac_init(&keyed, h, secret, secret_len);

    /* A(1) = HMAC(secret, label || seed) */
    c = keyed;
    mintls_hmac_update(&c, (const uint8_t *)label, label_len);
    mintls_hmac_update(&c, seed, seed_len);
    mintls_hmac_final(&c, a);

    while (done < out_len) {
        size_t n = out_len - done < dl ? out_len - done : dl;
        c = keyed;
        mintls_hmac_update(&c, a, dl);
        mintls_hmac_update(&c, (const uint8_t *)label, label_len);
        mintls_hmac_update(&c, seed, seed_len);
        mintls_hmac_final(&c, block);
        memcpy(out + done, block, n);
        done += n;
        if (done < out_len) {
            c = keyed;
            mintls_hmac_update(&c, a, dl);
            mintls_hmac_final(&c, a);
        }
    }
    ct_wipe(a, sizeof(a));
    ct_wipe(block, sizeof(block));
    ct_wipe(&keyed, sizeof(keyed));
    return 1;
}
