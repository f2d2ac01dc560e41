/*
 * P-256 key generation and ECDH (SEC 1 section 3.3.1: the shared secret is
 * the x-coordinate of priv * peer). The private scalar only meets
 * constant-time code; validity is tracked as a mask and turned into the
 * return value at the very end.
 */
#include <openssl/rand.h>

#include "internal/ct.h"
#include "internal/p256.h"

/*
 * Parses priv; an all-ones mask if it is in [1, n-1]. An invalid scalar is
 * replaced by 1 so the computation that follows still runs (and the caller
 * reports failure), without a branch on the secret.
 */
static uint64_t load_priv(p256_sc out, const uint8_t priv[32])
{
    uint64_t ok = mintls_p256_sc_from_bytes(out, priv);
    ok &= ~mintls_p256_sc_is_zero(out);
    out[0] = ct_select_u64(ok, out[0], 1);
    for (int i = 1; i < 4; i++)
        out[i] = ct_select_u64(ok, out[i], 0);
    return ok;
}

int mintls_p256_public_from_private(uint8_t out_pub[65], const uint8_t priv[32])
{
    p256_sc k;
    p256_point q;
    p256_affine a;
    uint64_t ok = load_priv(k, priv);
    mintls_p256_point_mul_base(&q, k);
    ok &= mintls_p256_point_to_affine(&a, &q);
    mintls_p256_point_to_bytes(out_pub, &a);
    ct_wipe(k, sizeof(k));
    ct_wipe(&q, sizeof(q));
    return (int)(ok & 1);
}

int mintls_p256_keygen(uint8_t out_priv[32], uint8_t out_pub[65])
{
    /* Rejection sampling: a 256-bit draw is >= n with probability < 2^-32. */
    for (int tries = 0; tries < 64; tries++) {
        if (RAND_bytes(out_priv, 32) != 1)
            break;
        if (mintls_p256_public_from_private(out_pub, out_priv))
            return 1;
    }
    ct_wipe(out_priv, 32);
    return 0;
}

int mintls_p256_ecdh(uint8_t out_shared_x[32], const uint8_t priv[32],
                     const uint8_t *peer_pub, size_t peer_len)
{
    p256_affine peer, a;
    p256_sc k;
    p256_point q;
    p256_fe x;
    /* The peer's point is public: rejecting it early leaks nothing. */
    if (!mintls_p256_point_from_bytes(&peer, peer_pub, peer_len))
        return 0;
    uint64_t ok = load_priv(k, priv);
    mintls_p256_point_mul(&q, &peer, k);
    ok &= mintls_p256_point_to_affine(&a, &q);
    mintls_p256_fe_from_mont(x, a.x);
    mintls_p256_fe_to_bytes(out_shared_x, x);
    /* Never hand out a value from a failed computation. */
    uint8_t keep = (uint8_t)ok;
    for (int i = 0; i < 32; i++)
        out_shared_x[i] &= keep;
    ct_wipe(k, sizeof(k));
    ct_wipe(&q, sizeof(q));
    ct_wipe(&a, sizeof(a));
    ct_wipe(x, sizeof(x));
    return (int)(ok & 1);
}
