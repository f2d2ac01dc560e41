/*
 * ECDSA over P-384 (FIPS 186-4 6.4 / SEC 1 4.1) with nonces from RFC 6979's
 * HMAC-SHA-384 DRBG, hedged with fresh randomness (RFC 6979 3.6) so that a
 * fault or a broken RNG alone does not expose the key.
 */
#include "internal/p384.h"

#include <openssl/rand.h>

#include <string.h>

#include "internal/ct.h"
#include "internal/ecdsa_util.h"

int mintls_p384_ecdsa_sign_with_extra(uint8_t out_r[48], uint8_t out_s[48],
                                      const uint8_t priv[48], const uint8_t *digest,
                                      size_t digest_len, const uint8_t *extra,
                                      size_t extra_len)
{
    uint64_t d[6], e[6], k[6], r[6], s[6], t[6], dm[6], em[6], rm[6], km[6];
    uint8_t h1[48], kb[48], xb[48];
    p384_point R;
    mintls_rfc6979 drbg;
    int ret = 0;

    uint64_t d_ok = mintls_p384_scalar_from_bytes(d, priv);
    if (!mintls_ct_declassify(d_ok))
        goto out;
    mintls_p384_scalar_from_digest(e, digest, digest_len);
    /* h1 = bits2octets(H(m)) = int2octets(bits2int(H(m)) mod n). */
    mintls_p384_limbs_to_be(h1, e);
    mintls_rfc6979_init(&drbg, &mintls_hash_sha384, priv, h1, 48, extra, extra_len);
    mintls_p384_scalar_to_mont(dm, d);
    mintls_p384_scalar_to_mont(em, e);

    for (int tries = 0; tries < 64; tries++) {
        /* qlen = hlen = 384 bits: bits2int(T) is T itself. */
        mintls_rfc6979_next(&drbg, kb, 48);
        uint64_t ok = mintls_p384_scalar_from_bytes(k, kb);
        mintls_p384_point_mul_base(&R, k);
        ok &= mintls_p384_point_to_affine(xb, NULL, &R);
        mintls_p384_limbs_from_be(t, xb);
        mintls_p384_scalar_reduce_once(r, t);
        ok &= ~mintls_p384_fe_is_zero(r);
        /* s = k^-1 (e + r d) mod n, all in Montgomery form. */
        mintls_p384_scalar_to_mont(rm, r);
        mintls_p384_scalar_to_mont(km, k);
        mintls_p384_scalar_inv(km, km);
        mintls_p384_scalar_mul(t, rm, dm);
        mintls_p384_scalar_add(t, t, em);
        mintls_p384_scalar_mul(t, t, km);
        mintls_p384_scalar_from_mont(s, t);
        ok &= ~mintls_p384_fe_is_zero(s);
        /* A rejected candidate (probability ~2^-190) is all that leaks. */
        if (mintls_ct_declassify(ok)) {
            mintls_p384_limbs_to_be(out_r, r);
            mintls_p384_limbs_to_be(out_s, s);
            ret = 1;
            break;
        }
    }
out:
    mintls_rfc6979_wipe(&drbg);
    ct_wipe(d, sizeof(d));
    ct_wipe(dm, sizeof(dm));
    ct_wipe(k, sizeof(k));
    ct_wipe(km, sizeof(km));
    ct_wipe(kb, sizeof(kb));
    ct_wipe(t, sizeof(t));
    ct_wipe(&R, sizeof(R));
    return ret;
}

int mintls_p384_ecdsa_sign(uint8_t out_r[48], uint8_t out_s[48], const uint8_t priv[48],
                           const uint8_t *digest, size_t digest_len)
{
    uint8_t extra[48];
    if (RAND_bytes(extra, sizeof(extra)) != 1)
        return 0;
    int ok = mintls_p384_ecdsa_sign_with_extra(out_r, out_s, priv, digest, digest_len, extra,
                                               sizeof(extra));
    ct_wipe(extra, sizeof(extra));
    return ok;
}

int mintls_p384_ecdsa_verify(const uint8_t r[48], const uint8_t s[48], const uint8_t *digest,
                             size_t digest_len, const uint8_t *pub, size_t pub_len)
{
    uint64_t ri[6], si[6], e[6], w[6], u1[6], u2[6], x[6];
    p384_point q, R;
    /* Everything here is public: early exits are fine. */
    if (!mintls_p384_scalar_from_bytes(ri, r) || !mintls_p384_scalar_from_bytes(si, s))
        return 0;
    if (!mintls_p384_point_from_bytes(&q, pub, pub_len))
        return 0;
    mintls_p384_scalar_from_digest(e, digest, digest_len);
    mintls_p384_scalar_to_mont(w, si);
    mintls_p384_scalar_inv(w, w);
    /* A plain value times a Montgomery one gives a plain product. */
    mintls_p384_scalar_mul(u1, e, w);
    mintls_p384_scalar_mul(u2, ri, w);
    mintls_p384_point_mul_double_vartime(&R, u1, u2, &q);
    if (mintls_p384_fe_is_zero(R.z))
        return 0;
    /*
     * Accept iff x(R) mod n == r without inverting Z: x = X/Z, and as
     * n < x < p is possible, x mod n == r means x == r or x == r + n
     * (the latter only when r + n < p). Check X == r Z for each candidate.
     */
    uint8_t cand_b[48];
    p384_fe cand, rz;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            uint64_t carry = 0;
            for (int j = 0; j < 6; j++) {
                unsigned __int128 z = (unsigned __int128)ri[j] + mintls_p384_n[j] + carry;
                x[j] = (uint64_t)z;
                carry = (uint64_t)(z >> 64);
            }
            if (carry || !mintls_p384_lt_mask(x, mintls_p384_p))
                return 0;
        } else {
            memcpy(x, ri, sizeof(x));
        }
        mintls_p384_limbs_to_be(cand_b, x);
        if (!mintls_p384_fe_from_bytes(cand, cand_b))
            return 0;
        mintls_p384_fe_mul(rz, cand, R.z);
        if (memcmp(rz, R.x, sizeof(rz)) == 0)
            return 1;
    }
    return 0;
}

int mintls_p384_ecdsa_sign_der(uint8_t *out_der, size_t *out_der_len, const uint8_t priv[48],
                               const uint8_t *digest, size_t digest_len)
{
    uint8_t r[48], s[48];
    if (!mintls_p384_ecdsa_sign(r, s, priv, digest, digest_len))
        return 0;
    *out_der_len = mintls_ecdsa_sig_to_der(r, s, 48, out_der);
    return *out_der_len != 0;
}

int mintls_p384_ecdsa_verify_der(const uint8_t *der, size_t der_len, const uint8_t *digest,
                                 size_t digest_len, const uint8_t *pub, size_t pub_len)
{
    uint8_t r[48], s[48];
    if (!mintls_ecdsa_sig_from_der(der, der_len, 48, r, s))
        return 0;
    return mintls_p384_ecdsa_verify(r, s, digest, digest_len, pub, pub_len);
}
