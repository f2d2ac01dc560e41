/*
 * RSASSA-PSS (RFC 8017 sections 8.1 and 9.1) with MGF1 (appendix B.2.1).
 * emBits = modBits - 1, so when modBits - 1 is a multiple of 8 the encoded
 * message is one byte shorter than the modulus and the signature
 * representative's top byte must be zero.
 */
#include <string.h>

#include <openssl/rand.h>

#include "internal/ct.h"
#include "internal/rsa.h"

/* mask ^= MGF1(seed, len) */
static void mgf1_xor(const mintls_hash *h, const uint8_t *seed, size_t seed_len, uint8_t *mask, size_t len)
{
    uint8_t out[MINTLS_MAX_DIGEST];
    mintls_hash_ctx c;
    for (uint32_t counter = 0; len > 0; counter++) {
        uint8_t cb[4] = {(uint8_t)(counter >> 24), (uint8_t)(counter >> 16), (uint8_t)(counter >> 8),
                         (uint8_t)counter};
        h->init(&c);
        h->update(&c, seed, seed_len);
        h->update(&c, cb, 4);
        h->final(&c, out);
        size_t n = len < h->digest_len ? len : h->digest_len;
        for (size_t i = 0; i < n; i++)
            mask[i] ^= out[i];
        mask += n;
        len -= n;
    }
    ct_wipe(out, sizeof(out));
}

/* H = Hash(0x00 * 8 || mHash || salt) */
static void pss_hash(const mintls_hash *h, const uint8_t *digest, const uint8_t *salt, size_t salt_len,
                     uint8_t *out)
{
    static const uint8_t zeros[8];
    mintls_hash_ctx c;
    h->init(&c);
    h->update(&c, zeros, 8);
    h->update(&c, digest, h->digest_len);
    h->update(&c, salt, salt_len);
    h->final(&c, out);
}

int mintls_rsa_verify_pss(const mintls_rsa_public *k, const mintls_hash *h, const mintls_hash *mgf1_hash,
                          int salt_len, const uint8_t *digest, const uint8_t *sig, size_t sig_len)
{
    uint8_t m[MINTLS_RSA_MAX_BYTES], hh[MINTLS_MAX_DIGEST];
    size_t em_bits = k->bits - 1, em_len = (em_bits + 7) / 8, h_len = h->digest_len;
    if (sig_len != k->len || salt_len < -1)
        return 0;
    if (!mintls_rsa_public_raw(k, sig, m))
        return 0;
    /* m has k->len bytes; EM is its last em_len bytes, anything before must be zero. */
    if (em_len < k->len && m[0] != 0)
        return 0;
    uint8_t *em = m + (k->len - em_len);
    if (em_len < h_len + 2 || (salt_len >= 0 && em_len < h_len + (size_t)salt_len + 2))
        return 0;
    if (em[em_len - 1] != 0xbc)
        return 0;
    size_t db_len = em_len - h_len - 1;
    uint8_t *db = em, *H = em + db_len;
    uint8_t top_mask = (uint8_t)(0xff >> (8 * em_len - em_bits));
    if (db[0] & ~top_mask)
        return 0;
    mgf1_xor(mgf1_hash, H, h_len, db, db_len);
    db[0] &= top_mask;
    size_t i = 0;
    while (i < db_len && db[i] == 0)
        i++;
    if (i == db_len || db[i] != 0x01)
        return 0;
    size_t s_len = db_len - i - 1;
    if (salt_len >= 0 && s_len != (size_t)salt_len)
        return 0;
    pss_hash(h, digest, db + i + 1, s_len, hh);
    return memcmp(hh, H, h_len) == 0;
}

int mintls_rsa_sign_pss_salt(const mintls_rsa_private *k, const mintls_hash *h, const mintls_hash *mgf1_hash,
                             const uint8_t *digest, const uint8_t *salt, size_t salt_len,
                             uint8_t *out_sig, size_t *out_len)
{
    uint8_t m[MINTLS_RSA_MAX_BYTES];
    const mintls_rsa_public *pub = &k->pub;
    size_t em_bits = pub->bits - 1, em_len = (em_bits + 7) / 8, h_len = h->digest_len;
    if (em_len < h_len + salt_len + 2)
        return 0;
    /* The representative is k->len bytes with EM right-aligned (a leading zero if shorter). */
    memset(m, 0, pub->len);
    uint8_t *em = m + (pub->len - em_len);
    size_t db_len = em_len - h_len - 1;
    uint8_t *db = em, *H = em + db_len;
    pss_hash(h, digest, salt, salt_len, H);
    /* DB = PS || 0x01 || salt */
    db[db_len - salt_len - 1] = 0x01;
    if (salt_len > 0) /* salt may be NULL when empty */
        memcpy(db + db_len - salt_len, salt, salt_len);
    mgf1_xor(mgf1_hash, H, h_len, db, db_len);
    db[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
    em[em_len - 1] = 0xbc;
    int ok = mintls_rsa_private_raw(k, m, out_sig);
    ct_wipe(m, pub->len);
    if (ok && out_len != NULL)
        *out_len = pub->len;
    return ok;
}

int mintls_rsa_sign_pss(const mintls_rsa_private *k, const mintls_hash *h, const uint8_t *digest,
                        uint8_t *out_sig, size_t *out_len)
{
    uint8_t salt[MINTLS_MAX_DIGEST];
    if (RAND_bytes(salt, (int)h->digest_len) != 1)
        return 0;
    int ok = mintls_rsa_sign_pss_salt(k, h, h, digest, salt, h->digest_len, out_sig, out_len);
    ct_wipe(salt, sizeof(salt));
    return ok;
}
