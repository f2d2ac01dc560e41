/*
 * Encrypted PKCS#8 private keys (RFC 5958 section 3):
 *
 *   EncryptedPrivateKeyInfo ::= SEQUENCE {
 *       encryptionAlgorithm  AlgorithmIdentifier,   -- PBES2 here
 *       encryptedData        OCTET STRING }
 *
 * Only PBES2 (RFC 8018 section 6.2) with PBKDF2 (HMAC-SHA-1/224/256/384/512
 * as PRF) and AES-128/192/256-CBC is supported: what `openssl pkcs8 -topk8`
 * and `openssl genpkey -aes*` write by default since OpenSSL 1.1. PBES1,
 * PKCS#12 PBEs, scrypt and DES ciphers fail with an error naming the part
 * that is not supported.
 */
#include "internal/evp_pkey.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "internal/aes_cbc.h"
#include "internal/ct.h"
#include "internal/der.h"
#include "internal/pbkdf2.h"

/*
 * OpenSSL 3.0 reports a bad padding after decryption from its provider
 * (PROV_R_BAD_DECRYPT) and then from the PKCS#12 PBE code
 * (PKCS12_R_PKCS12_CIPHERFINAL_ERROR); programs that look for either see
 * the same here. Our public headers do not carry proverr.h/pkcs12err.h.
 */
#define MINTLS_PROV_R_BAD_DECRYPT 100
#define MINTLS_PKCS12_R_PKCS12_CIPHERFINAL_ERROR 116
#define MINTLS_PKCS12_R_DECODE_ERROR 101

/*
 * Iteration counts above this are refused: a key file is data, and an
 * absurd count would make loading it hang. OpenSSL's default is 2048 and
 * the largest counts in use today are around a million.
 */
#define PBKDF2_MAX_ITERATIONS 100000000u

static const uint8_t oid_pbes2[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d};
static const uint8_t oid_pbkdf2[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c};

/* hmacWithSHA* are 1.2.840.113549.2.{7,8,9,10,11}. */
static const uint8_t oid_rsadsi_digest[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02};
/* aes = 2.16.840.1.101.3.4.1; CBC modes are .2, .22, .42. */
static const uint8_t oid_aes[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};

static int oid_is(const der_span *oid, const uint8_t *want, size_t want_len)
{
    return oid->len == want_len && memcmp(oid->p, want, want_len) == 0;
}

/* The PRF's hash from its AlgorithmIdentifier (parameters NULL or absent), or NULL. */
static const mintls_hash *prf_hash(der_cursor *alg)
{
    der_span oid, v, whole = {NULL, 0};
    unsigned tag;
    if (!mintls_der_read_oid(alg, &oid))
        return NULL;
    if (mintls_der_remaining(alg) > 0 &&
        (!mintls_der_read_tlv(alg, &tag, &v, &whole) || tag != DER_TAG_NULL || v.len != 0))
        return NULL;
    if (!mintls_der_expect_end(alg) || oid.len != sizeof(oid_rsadsi_digest) + 1 ||
        memcmp(oid.p, oid_rsadsi_digest, sizeof(oid_rsadsi_digest)) != 0)
        return NULL;
    switch (oid.p[oid.len - 1]) {
    case 7: return &mintls_hash_sha1;
    case 8: return &mintls_hash_sha224;
    case 9: return &mintls_hash_sha256;
    case 10: return &mintls_hash_sha384;
    case 11: return &mintls_hash_sha512;
    default: return NULL;
    }
}

typedef struct {
    der_span salt;
    uint64_t iterations;
    const mintls_hash *prf;
    size_t key_len;
    der_span iv;
} pbes2_params;

/*
 * PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
 *                             encryptionScheme AlgorithmIdentifier }
 * PBKDF2-params ::= SEQUENCE { salt OCTET STRING (the "specified" choice),
 *     iterationCount INTEGER, keyLength INTEGER OPTIONAL,
 *     prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
 * AES-CBC parameters: the 16-byte IV as an OCTET STRING (RFC 3565).
 */
static int parse_pbes2(der_cursor *params, pbes2_params *out)
{
    der_cursor seq, kdf, kdf_params, enc;
    der_span oid;
    uint64_t key_length = 0;
    unsigned tag;
    if (!mintls_der_read_sequence(params, &seq) || !mintls_der_expect_end(params) ||
        !mintls_der_read_sequence(&seq, &kdf) || !mintls_der_read_oid(&kdf, &oid))
        goto decode;
    if (!oid_is(&oid, oid_pbkdf2, sizeof(oid_pbkdf2))) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION,
                       "only PBKDF2 is supported");
        return 0;
    }
    if (!mintls_der_read_sequence(&kdf, &kdf_params) || !mintls_der_expect_end(&kdf))
        goto decode;
    if (!mintls_der_peek_tag(&kdf_params, &tag) || tag != DER_TAG_OCTET_STRING) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_SALT_TYPE);
        return 0;
    }
    if (!mintls_der_read_octet_string(&kdf_params, &out->salt) ||
        !mintls_der_read_small_uint(&kdf_params, &out->iterations) || out->iterations == 0)
        goto decode;
    if (out->iterations > PBKDF2_MAX_ITERATIONS) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_PBKDF2_ERROR, "iteration count too large");
        return 0;
    }
    if (mintls_der_peek_tag(&kdf_params, &tag) && tag == DER_TAG_INTEGER &&
        (!mintls_der_read_small_uint(&kdf_params, &key_length) || key_length == 0))
        goto decode;
    out->prf = &mintls_hash_sha1;
    if (mintls_der_remaining(&kdf_params) > 0) {
        der_cursor prf;
        if (!mintls_der_read_sequence(&kdf_params, &prf))
            goto decode;
        if ((out->prf = prf_hash(&prf)) == NULL) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRF);
            return 0;
        }
    }
    if (!mintls_der_expect_end(&kdf_params))
        goto decode;

    if (!mintls_der_read_sequence(&seq, &enc) || !mintls_der_expect_end(&seq) ||
        !mintls_der_read_oid(&enc, &oid))
        goto decode;
    if (oid.len != sizeof(oid_aes) + 1 || memcmp(oid.p, oid_aes, sizeof(oid_aes)) != 0 ||
        (oid.p[oid.len - 1] != 2 && oid.p[oid.len - 1] != 22 && oid.p[oid.len - 1] != 42)) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_CIPHER,
                       "only AES-128/192/256-CBC is supported");
        return 0;
    }
    out->key_len = oid.p[oid.len - 1] == 2 ? 16 : oid.p[oid.len - 1] == 22 ? 24 : 32;
    if (!mintls_der_read_octet_string(&enc, &out->iv) || !mintls_der_expect_end(&enc) ||
        out->iv.len != MINTLS_AES_BLOCK) {
        ERR_raise(ERR_LIB_EVP, EVP_R_CIPHER_PARAMETER_ERROR);
        return 0;
    }
    if (key_length != 0 && key_length != out->key_len) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEYLENGTH);
        return 0;
    }
    return 1;
decode:
    ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
    return 0;
}

/*
 * PKCS#7 padding (RFC 8018 section 6.1.1 step 4): 1..16 bytes of the pad
 * length. Checked without a data-dependent branch on the plaintext.
 * Returns the unpadded length, or 0 with *out_ok = 0.
 */
static size_t unpad(const uint8_t *p, size_t len, int *out_ok)
{
    uint32_t pad = p[len - 1];
    uint32_t bad = ct_mask_zero_u32(pad) | ct_mask_lt_u32(MINTLS_AES_BLOCK, pad);
    for (uint32_t i = 1; i <= MINTLS_AES_BLOCK; i++) {
        uint32_t in_pad = ct_mask_lt_u32(i - 1, pad); /* i <= pad */
        bad |= in_pad & ct_mask_nonzero_u32(p[len - i] ^ pad);
    }
    *out_ok = (int)(ct_barrier_u32(bad) == 0);
    return *out_ok ? len - pad : 0;
}

int mintls_pkcs8_is_encrypted_der(const uint8_t *der, size_t len)
{
    der_cursor c, seq, alg;
    der_span oid;
    unsigned tag;
    mintls_der_init(&c, der, len);
    return mintls_der_read_sequence(&c, &seq) && mintls_der_read_sequence(&seq, &alg) &&
           mintls_der_read_oid(&alg, &oid) && mintls_der_peek_tag(&seq, &tag) &&
           tag == DER_TAG_OCTET_STRING;
}

int mintls_pkcs8_decrypt(const uint8_t *der, size_t len, const uint8_t *pass, size_t pass_len,
                         uint8_t **out_der, size_t *out_len)
{
    der_cursor c, seq, alg;
    der_span oid, data;
    pbes2_params pp;
    *out_der = NULL;
    *out_len = 0;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_sequence(&c, &seq) || !mintls_der_expect_end(&c) ||
        !mintls_der_read_sequence(&seq, &alg) || !mintls_der_read_oid(&alg, &oid) ||
        !mintls_der_read_octet_string(&seq, &data) || !mintls_der_expect_end(&seq)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return 0;
    }
    if (!oid_is(&oid, oid_pbes2, sizeof(oid_pbes2))) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_UNKNOWN_PBE_ALGORITHM,
                       "only PBES2 (PKCS#5 v2.0) encryption is supported");
        return 0;
    }
    if (!parse_pbes2(&alg, &pp))
        return 0;
    if (data.len == 0 || data.len % MINTLS_AES_BLOCK != 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH);
        return 0;
    }
    uint8_t key[32];
    mintls_aes_dec_key k;
    uint8_t *plain = malloc(data.len);
    if (plain == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    mintls_pbkdf2(pp.prf, pass, pass_len, pp.salt.p, pp.salt.len, pp.iterations, key,
                  pp.key_len);
    mintls_aes_set_decrypt_key(&k, key, pp.key_len);
    mintls_aes_cbc_decrypt(&k, pp.iv.p, data.p, plain, data.len);
    mintls_aes_dec_key_wipe(&k);
    ct_wipe(key, sizeof(key));
    int ok;
    size_t n = unpad(plain, data.len, &ok);
    if (!ok) {
        /* Almost always a wrong password. */
        ERR_raise(ERR_LIB_PROV, MINTLS_PROV_R_BAD_DECRYPT);
        ERR_raise(ERR_LIB_PKCS12, MINTLS_PKCS12_R_PKCS12_CIPHERFINAL_ERROR);
        OPENSSL_cleanse(plain, data.len);
        free(plain);
        return 0;
    }
    *out_der = plain;
    *out_len = n;
    return 1;
}
