/*
 * Constant-time check of the symmetric primitives (the ctgrind method): run
 * under valgrind's memcheck with every secret (keys, nonces' secret parts,
 * plaintext) marked undefined. memcheck then reports any branch or memory
 * index that depends on a secret as a use of uninitialised data, and the
 * test fails through --error-exitcode. Outside valgrind it only runs the
 * operations.
 *
 * Only sealing is checked for the AEADs: opening ends in a branch on
 * whether the tag matched, which is public by design. AES-CBC decryption
 * (no tag) is checked with key and ciphertext secret.
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "internal/aes_cbc.h"
#include "internal/chacha_poly.h"
#include "internal/digest.h"
#include "internal/gcm.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
/* Results are public once computed; declassify before the test looks at them. */
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static uint8_t key[32], nonce[12], aad[29], msg[1000], out[1000], tag[16];

static void check_gcm(size_t key_len, size_t len)
{
    mintls_gcm_key k;
    SECRET(key, sizeof(key));
    SECRET(msg, sizeof(msg));
    CHECK(mintls_gcm_set_key(&k, key, key_len));
    mintls_gcm_seal(&k, nonce, aad, sizeof(aad), msg, len, out, tag);
    /* Streaming, with an odd split, goes through the partial-block code. */
    mintls_gcm_state s;
    mintls_gcm_start(&s, &k, nonce, sizeof(nonce));
    mintls_gcm_aad(&s, aad, 7);
    mintls_gcm_aad(&s, aad + 7, sizeof(aad) - 7);
    mintls_gcm_encrypt(&s, msg, out, 13);
    mintls_gcm_encrypt(&s, msg + 13, out + 13, len - 13);
    mintls_gcm_finish(&s, tag);
    mintls_gcm_key_wipe(&k);
    PUBLIC(out, sizeof(out));
    PUBLIC(tag, sizeof(tag));
    CHECK(1);
}

static void check_chacha_poly(size_t len)
{
    SECRET(key, sizeof(key));
    SECRET(msg, sizeof(msg));
    mintls_chacha_poly_seal(key, nonce, aad, sizeof(aad), msg, len, out, tag);
    mintls_chacha_poly_state s;
    mintls_chacha_poly_start(&s, key, nonce);
    mintls_chacha_poly_aad(&s, aad, sizeof(aad));
    mintls_chacha_poly_encrypt(&s, msg, out, 13);
    mintls_chacha_poly_encrypt(&s, msg + 13, out + 13, len - 13);
    mintls_chacha_poly_finish(&s, tag);
    PUBLIC(out, sizeof(out));
    PUBLIC(tag, sizeof(tag));
    CHECK(1);
}

/* Key schedule, single blocks and CBC runs (eight-block passes and a tail). */
static void check_aes_decrypt(size_t key_len, size_t len)
{
    mintls_aes_dec_key k;
    uint8_t iv[16];
    memcpy(iv, nonce, 12);
    memcpy(iv + 12, aad, 4);
    len &= ~(size_t)15;
    SECRET(key, sizeof(key));
    SECRET(msg, sizeof(msg));
    CHECK(mintls_aes_set_decrypt_key(&k, key, key_len));
    mintls_aes_decrypt_block(&k, msg, out);
    mintls_aes_cbc_decrypt(&k, iv, msg, out, len);
    memcpy(out, msg, len);
    mintls_aes_cbc_decrypt(&k, iv, out, out, len); /* in place */
    mintls_aes_dec_key_wipe(&k);
    PUBLIC(out, sizeof(out));
    CHECK(1);
}

static void check_hashes(void)
{
    const mintls_hash *hs[] = {&mintls_hash_sha1, &mintls_hash_sha256, &mintls_hash_sha384,
                               &mintls_hash_sha512, &mintls_hash_md5};
    uint8_t md[MINTLS_MAX_DIGEST], prk[MINTLS_MAX_DIGEST], okm[100];
    for (size_t i = 0; i < sizeof(hs) / sizeof(hs[0]); i++) {
        SECRET(key, sizeof(key));
        SECRET(msg, sizeof(msg));
        mintls_hmac(hs[i], key, sizeof(key), msg, 300, md);
        PUBLIC(md, sizeof(md));
        CHECK(1);
    }
    SECRET(key, sizeof(key));
    mintls_hkdf_extract(&mintls_hash_sha256, aad, sizeof(aad), key, sizeof(key), prk);
    CHECK(mintls_hkdf_expand(&mintls_hash_sha256, prk, 32, aad, 10, okm, sizeof(okm)));
    CHECK(mintls_tls12_prf(&mintls_hash_sha384, key, sizeof(key), "master secret", aad,
                           sizeof(aad), okm, 48));
    PUBLIC(okm, sizeof(okm));
}

int main(void)
{
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (uint8_t)(i * 7);
    for (size_t i = 0; i < sizeof(key); i++)
        key[i] = (uint8_t)(i + 1);
    for (size_t len = 16; len <= sizeof(msg); len += 329) {
        check_gcm(16, len);
        check_gcm(32, len);
        check_chacha_poly(len);
        for (size_t kl = 16; kl <= 32; kl += 8)
            check_aes_decrypt(kl, len);
    }
    check_hashes();
    return test_summary();
}
