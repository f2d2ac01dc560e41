/*
 * P-384 key generation and ECDH (SEC 1 3.3.1, NIST SP 800-56A 5.7.1.2).
 * The peer's point is validated in full before use (uncompressed encoding,
 * coordinates < p, on the curve); since the curve has prime order and
 * cofactor 1, a valid point times a scalar in [1, n-1] is never infinity,
 * but the result is checked anyway.
 */
#include "internal/p384.h"

#include <openssl/rand.h>

#include "internal/ct.h"

int mintls_p384_public_from_private(uint8_t out_pub[97], const uint8_t priv[48])
{
    uint64_t k[6];
    p384_point r;
    uint64_t ok = mintls_p384_scalar_from_bytes(k, priv);
    mintls_p384_point_mul_base(&r, k);
    out_pub[0] = 0x04;
    ok &= mintls_p384_point_to_affine(out_pub + 1, out_pub + 49, &r);
    ct_wipe(k, sizeof(k));
    ct_wipe(&r, sizeof(r));
    /* Whether the key was in range is an error the caller learns anyway. */
    if (!mintls_ct_declassify(ok)) {
        ct_wipe(out_pub, 97);
        return 0;
    }
    return 1;
}

int mintls_p384_keygen(uint8_t out_priv[48], uint8_t out_pub[97])
{
    uint64_t k[6];
    /*
     * Rejection sampling (FIPS 186-4 B.4.2): n is within 2^-190 of 2^384,
     * so a retry is all but impossible; only its occurrence becomes public.
     */
    for (int tries = 0; tries < 64; tries++) {
        if (RAND_bytes(out_priv, 48) != 1)
            break;
        uint64_t ok = mintls_p384_scalar_from_bytes(k, out_priv);
        ct_wipe(k, sizeof(k));
        if (mintls_ct_declassify(ok))
            return mintls_p384_public_from_private(out_pub, out_priv);
    }
    ct_wipe(out_priv, 48);
    return 0;
}

int mintls_p384_ecdh(uint8_t out_shared_x[48], const uint8_t priv[48],
                     const uint8_t *peer_pub, size_t peer_len)
{
    p384_point q, r;
    uint64_t k[6];
    if (!mintls_p384_point_from_bytes(&q, peer_pub, peer_len))
        return 0;
    uint64_t ok = mintls_p384_scalar_from_bytes(k, priv);
    mintls_p384_point_mul(&r, k, &q);
    ok &= mintls_p384_point_to_affine(out_shared_x, NULL, &r);
    ct_wipe(k, sizeof(k));
    ct_wipe(&r, sizeof(r));
    if (!mintls_ct_declassify(ok)) {
        ct_wipe(out_shared_x, 48);
        return 0;
    }
    return 1;
}
