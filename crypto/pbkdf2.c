/*
 * PBKDF2 (RFC 8018 section 5.2) and its OpenSSL entry points
 * PKCS5_PBKDF2_HMAC / PKCS5_PBKDF2_HMAC_SHA1.
 */
#include "internal/pbkdf2.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/evp_md.h"

int mintls_pbkdf2(const mintls_hash *h, const uint8_t *pass, size_t pass_len,
                  const uint8_t *salt, size_t salt_len, uint64_t iterations,
                  uint8_t *out, size_t out_len)
{
    if (iterations == 0 || out_len == 0)
        return 0;
    /* The keyed HMAC state is computed once and copied for every block and round. */
    mintls_hmac_ctx keyed, c;
    uint8_t u[MINTLS_MAX_DIGEST], t[MINTLS_MAX_DIGEST], be[4];
    size_t dlen = h->digest_len;
    mintls_hmac_init(&keyed, h, pass, pass_len);
    for (uint32_t block = 1; out_len > 0; block++) {
        be[0] = (uint8_t)(block >> 24);
        be[1] = (uint8_t)(block >> 16);
        be[2] = (uint8_t)(block >> 8);
        be[3] = (uint8_t)block;
        /* U_1 = PRF(P, S || INT(i)); T_i = U_1 ^ U_2 ^ ... ^ U_c */
        c = keyed;
        mintls_hmac_update(&c, salt, salt_len);
        mintls_hmac_update(&c, be, 4);
        mintls_hmac_final(&c, u);
        memcpy(t, u, dlen);
        for (uint64_t j = 1; j < iterations; j++) {
            c = keyed;
            mintls_hmac_update(&c, u, dlen);
            mintls_hmac_final(&c, u);
            for (size_t k = 0; k < dlen; k++)
                t[k] ^= u[k];
        }
        size_t n = out_len < dlen ? out_len : dlen;
        memcpy(out, t, n);
        out += n;
        out_len -= n;
    }
    ct_wipe(&keyed, sizeof(keyed));
    ct_wipe(&c, sizeof(c));
    ct_wipe(u, sizeof(u));
    ct_wipe(t, sizeof(t));
    return 1;
}

int PKCS5_PBKDF2_HMAC(const char *pass, int passlen, const unsigned char *salt, int saltlen,
                      int iter, const EVP_MD *digest, int keylen, unsigned char *out)
{
    static const char empty[1] = "";
    const mintls_hash *h = mintls_evp_md_hash(digest);
    if (h == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return 0;
    }
    if (pass == NULL) {
        pass = empty;
        passlen = 0;
    } else if (passlen == -1) {
        passlen = (int)strlen(pass);
    }
    if (passlen < 0 || saltlen < 0 || (salt == NULL && saltlen > 0) || iter < 1 || keylen <= 0 ||
        out == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    if (!mintls_pbkdf2(h, (const uint8_t *)pass, (size_t)passlen, salt, (size_t)saltlen,
                       (uint64_t)iter, out, (size_t)keylen)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_PBKDF2_ERROR);
        return 0;
    }
    return 1;
}

int PKCS5_PBKDF2_HMAC_SHA1(const char *pass, int passlen, const unsigned char *salt,
                           int saltlen, int iter, int keylen, unsigned char *out)
{
    return PKCS5_PBKDF2_HMAC(pass, passlen, salt, saltlen, iter, EVP_sha1(), keylen, out);
}
