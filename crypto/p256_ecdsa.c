/*
 * ECDSA over P-256 (FIPS 186-4 section 6.4), with RFC 6979 nonces hedged by
 * fresh randomness (RFC 6979 section 3.6) from the shared generator in
 * ecdsa_util.c.
 */
#include <openssl/rand.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/ecdsa_util.h"
#include "internal/p256.h"

/*
 * bits2int (RFC 6979 section 2.3.2, FIPS 186-4 section 6.4): the leftmost
 * 256 bits of the digest, a shorter digest read as a smaller integer; then
 * reduced mod n, which one subtraction does as the value is below 2^256 < 2n.
 */
static void digest_to_scalar(p256_sc out, const uint8_t *digest, size_t digest_len)
{
    uint8_t buf[32] = {0};
    size_t len = digest_len < 32 ? digest_len : 32;
    if (len > 0)
        memcpy(buf + 32 - len, digest, len);
    p256_sc t;
    mintls_p256_sc_from_bytes(t, buf);
    mintls_p256_sc_reduce_once(out, t);
}

uint64_t mintls_p256_ecdsa_sign_with_nonce(uint8_t out_r[32], uint8_t out_s[32],
                                           const uint8_t priv[32], const uint8_t *digest,
                                           size_t digest_len, const uint8_t k_bytes[32])
{
    p256_sc d, k, e, r, s, t;
    p256_point kg;
    p256_affine a;
    p256_fe x;
    uint64_t ok = mintls_p256_sc_from_bytes(d, priv) & ~mintls_p256_sc_is_zero(d);
    ok &= mintls_p256_sc_from_bytes(k, k_bytes) & ~mintls_p256_sc_is_zero(k);
    digest_to_scalar(e, digest, digest_len);

    /* r = x(kG) mod n */
    mintls_p256_point_mul_base(&kg, k);
    ok &= mintls_p256_point_to_affine(&a, &kg);
    mintls_p256_fe_from_mont(x, a.x);
    mintls_p256_sc_reduce_once(r, x); /* x < p < 2n */
    ok &= ~mintls_p256_sc_is_zero(r);

    /* s = k^-1 (e + r d) mod n, in the Montgomery domain where it helps. */
    mintls_p256_sc_to_mont(t, r);
    mintls_p256_sc_mont_mul(t, t, d);       /* r d */
    mintls_p256_sc_add(t, t, e);            /* e + r d */
    mintls_p256_sc_to_mont(k, k);
    mintls_p256_sc_inv_mont(k, k);          /* k^-1, Montgomery form */
    mintls_p256_sc_mont_mul(s, k, t);       /* k^-1 (e + r d) */
    ok &= ~mintls_p256_sc_is_zero(s);

    mintls_p256_sc_to_bytes(out_r, r);
    mintls_p256_sc_to_bytes(out_s, s);
    ct_wipe(d, sizeof(d));
    ct_wipe(k, sizeof(k));
    ct_wipe(t, sizeof(t));
    ct_wipe(&kg, sizeof(kg));
    ct_wipe(&a, sizeof(a));
    ct_wipe(x, sizeof(x));
    return ok;
}

int mintls_p256_ecdsa_sign_extra(uint8_t out_r[32], uint8_t out_s[32], const uint8_t priv[32],
                                 const uint8_t *digest, size_t digest_len,
                                 const uint8_t *extra, size_t extra_len)
{
    p256_sc d, e;
    uint8_t h1[32], k[32];
    mintls_rfc6979 drbg;
    int ret = 0;
    /* A bad key is rejected up front: its validity is not worth hiding. */
    if (!mintls_ct_declassify(mintls_p256_sc_from_bytes(d, priv) & ~mintls_p256_sc_is_zero(d))) {
        ct_wipe(d, sizeof(d));
        return 0;
    }
    digest_to_scalar(e, digest, digest_len);
    mintls_p256_sc_to_bytes(h1, e); /* bits2octets(H(m)) */
    mintls_rfc6979_init(&drbg, &mintls_hash_sha256, priv, h1, 32, extra, extra_len);
    /*
     * A candidate is rejected (k >= n, or r or s zero) with probability
     * about 2^-32; the loop bound only guards against a broken generator.
     */
    for (int tries = 0; tries < 64 && !ret; tries++) {
        mintls_rfc6979_next(&drbg, k, 32);
        /* Whether a candidate was rejected is public; the nonce stays secret. */
        ret = mintls_ct_declassify(
            mintls_p256_ecdsa_sign_with_nonce(out_r, out_s, priv, digest, digest_len, k));
    }
    mintls_rfc6979_wipe(&drbg);
    ct_wipe(k, sizeof(k));
    ct_wipe(d, sizeof(d));
    return ret;
}

int mintls_p256_ecdsa_sign(uint8_t out_r[32], uint8_t out_s[32], const uint8_t priv[32],
                           const uint8_t *digest, size_t digest_len)
{
    uint8_t extra[32];
    if (RAND_bytes(extra, sizeof(extra)) != 1)
        return 0;
    int ret = mintls_p256_ecdsa_sign_extra(out_r, out_s, priv, digest, digest_len, extra,
                                           sizeof(extra));
    ct_wipe(extra, sizeof(extra));
    return ret;
}

int mintls_p256_ecdsa_verify(const uint8_t r_bytes[32], const uint8_t s_bytes[32],
                             const uint8_t *digest, size_t digest_len,
                             const uint8_t *pub, size_t pub_len)
{
    p256_sc r, s, e, w, u1, u2;
    p256_affine q;
    p256_point sum;
    /* Everything here is public: early exits are fine. */
    if (!mintls_p256_sc_from_bytes(r, r_bytes) || mintls_p256_sc_is_zero(r))
        return 0;
    if (!mintls_p256_sc_from_bytes(s, s_bytes) || mintls_p256_sc_is_zero(s))
        return 0;
    if (!mintls_p256_point_from_bytes(&q, pub, pub_len))
        return 0;
    digest_to_scalar(e, digest, digest_len);
    mintls_p256_sc_to_mont(w, s);
    mintls_p256_sc_inv_mont(w, w);      /* s^-1, Montgomery form */
    mintls_p256_sc_mont_mul(u1, w, e);  /* e s^-1 */
    mintls_p256_sc_mont_mul(u2, w, r);  /* r s^-1 */
    mintls_p256_point_mul_double_vartime(&sum, u1, &q, u2);
    if (mintls_p256_fe_is_zero(sum.z))
        return 0;
    /*
     * Accept when x(sum) mod n == r without leaving Jacobian coordinates:
     * X == x Z^2 for x = r, or x = r + n when that is still below p.
     */
    p256_fe z2, rx, t;
    mintls_p256_fe_sqr(z2, sum.z);
    mintls_p256_fe_to_mont(rx, r);
    mintls_p256_fe_mul(t, rx, z2);
    if (memcmp(t, sum.x, sizeof(t)) == 0)
        return 1;
    static const p256_fe p_minus_n = {0x0c46353d039cdaaeULL, 0x4319055358e8617bULL, 0, 0};
    /* r < p - n  <=>  r + n < p */
    int small = r[3] == 0 && r[2] == 0 &&
                (r[1] < p_minus_n[1] || (r[1] == p_minus_n[1] && r[0] < p_minus_n[0]));
    if (!small)
        return 0;
    p256_fe rn;
    /* rn = r + n, no reduction: it is below p by the test above. */
    unsigned __int128 c = 0;
    for (int i = 0; i < 4; i++) {
        c += (unsigned __int128)r[i] + mintls_p256_order[i];
        rn[i] = (uint64_t)c;
        c >>= 64;
    }
    mintls_p256_fe_to_mont(rx, rn);
    mintls_p256_fe_mul(t, rx, z2);
    return memcmp(t, sum.x, sizeof(t)) == 0;
}

int mintls_p256_ecdsa_sign_der(uint8_t *out_der, size_t *out_der_len, const uint8_t priv[32],
                               const uint8_t *digest, size_t digest_len)
{
    uint8_t r[32], s[32];
    if (!mintls_p256_ecdsa_sign(r, s, priv, digest, digest_len))
        return 0;
    *out_der_len = mintls_ecdsa_sig_to_der(r, s, 32, out_der);
    return 1;
}

int mintls_p256_ecdsa_verify_der(const uint8_t *der, size_t der_len,
                                 const uint8_t *digest, size_t digest_len,
                                 const uint8_t *pub, size_t pub_len)
{
    uint8_t r[32], s[32];
    if (!mintls_ecdsa_sig_from_der(der, der_len, 32, r, s))
        return 0;
    return mintls_p256_ecdsa_verify(r, s, digest, digest_len, pub, pub_len);
}
