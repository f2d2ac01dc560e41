/*
 * The TLS 1.3 algorithm tables and the crypto behind them (see
 * tls13_suites.h). Key shares, signatures and their checks go through
 * libcrypto's public EVP API only.
 */
#include "tls13_suites.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <string.h>

/* ---- cipher suites (RFC 8446 B.4) -------------------------------------------- */

static const mintls_tls13_suite suites[MINTLS_TLS13_SUITE_COUNT] = {
    {0x1302, "TLS_AES_256_GCM_SHA384", EVP_aes_256_gcm, EVP_sha384, 256, NULL, 0},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256", EVP_chacha20_poly1305, EVP_sha256, 256, NULL, 0},
    {0x1301, "TLS_AES_128_GCM_SHA256", EVP_aes_128_gcm, EVP_sha256, 128, NULL, 0},
};

const mintls_tls13_suite *mintls_tls13_suite_at(size_t i)
{
    return i < MINTLS_TLS13_SUITE_COUNT ? &suites[i] : NULL;
}

const mintls_tls13_suite *mintls_tls13_suite_by_id(uint16_t id)
{
    for (size_t i = 0; i < MINTLS_TLS13_SUITE_COUNT; i++)
        if (suites[i].id == id)
            return &suites[i];
    return NULL;
}

/* ---- groups (RFC 8446 4.2.7, 4.2.8.2) ---------------------------------------- */

static const uint16_t groups[MINTLS_TLS13_GROUP_COUNT] = {
    MINTLS_GROUP_X25519, MINTLS_GROUP_SECP256R1, MINTLS_GROUP_SECP384R1};

uint16_t mintls_tls13_group_at(size_t i)
{
    return i < MINTLS_TLS13_GROUP_COUNT ? groups[i] : 0;
}

static int curve_nid(uint16_t group)
{
    switch (group) {
    case MINTLS_GROUP_SECP256R1:
        return NID_X9_62_prime256v1;
    case MINTLS_GROUP_SECP384R1:
        return NID_secp384r1;
    default:
        return NID_undef;
    }
}

int mintls_tls13_group_supported(uint16_t group)
{
    return group == MINTLS_GROUP_X25519 || curve_nid(group) != NID_undef;
}

/* An EC key that only names the curve: the template a peer's point goes into. */
static EVP_PKEY *ec_params(int nid)
{
    EVP_PKEY *params = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
    if (pctx == NULL || EVP_PKEY_paramgen_init(pctx) <= 0 ||
        EVP_PKEY_CTX_set_ec_paramgen_curve_nid(pctx, nid) <= 0 ||
        EVP_PKEY_paramgen(pctx, &params) <= 0)
        params = NULL;
    EVP_PKEY_CTX_free(pctx);
    return params;
}

int mintls_tls13_group_keygen(uint16_t group, EVP_PKEY **out_key, uint8_t **out_pub,
                              size_t *out_pub_len)
{
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *kctx = NULL;
    *out_key = NULL;
    *out_pub = NULL;
    if (group == MINTLS_GROUP_X25519) {
        kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, NULL);
        if (kctx == NULL || EVP_PKEY_keygen_init(kctx) <= 0 || EVP_PKEY_keygen(kctx, &key) <= 0)
            goto err;
    } else if (curve_nid(group) != NID_undef) {
        kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
        if (kctx == NULL || EVP_PKEY_keygen_init(kctx) <= 0 ||
            EVP_PKEY_CTX_set_ec_paramgen_curve_nid(kctx, curve_nid(group)) <= 0 ||
            EVP_PKEY_keygen(kctx, &key) <= 0)
            goto err;
    } else {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        goto err;
    }
    *out_pub_len = EVP_PKEY_get1_encoded_public_key(key, out_pub);
    if (*out_pub_len == 0)
        goto err;
    EVP_PKEY_CTX_free(kctx);
    *out_key = key;
    return 1;
err:
    EVP_PKEY_CTX_free(kctx);
    EVP_PKEY_free(key);
    return 0;
}

int mintls_tls13_group_derive(uint16_t group, EVP_PKEY *ours, const uint8_t *peer,
                              size_t peer_len, uint8_t *out, size_t *out_len)
{
    EVP_PKEY *peer_key = NULL;
    EVP_PKEY_CTX *dctx = NULL;
    int ok = 0;
    if (group == MINTLS_GROUP_X25519) {
        if (peer_len != 32)
            return 0;
        peer_key = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer, peer_len);
    } else if (curve_nid(group) != NID_undef) {
        /* RFC 8446 4.2.8.2: uncompressed points only. */
        if (peer_len == 0 || peer[0] != 0x04)
            return 0;
        peer_key = ec_params(curve_nid(group));
        if (peer_key != NULL && !EVP_PKEY_set1_encoded_public_key(peer_key, peer, peer_len)) {
            EVP_PKEY_free(peer_key);
            peer_key = NULL;
        }
    }
    if (peer_key == NULL)
        return 0;
    size_t len = 48;
    dctx = EVP_PKEY_CTX_new(ours, NULL);
    if (dctx != NULL && EVP_PKEY_derive_init(dctx) > 0 &&
        EVP_PKEY_derive_set_peer(dctx, peer_key) > 0 && EVP_PKEY_derive(dctx, out, &len) > 0) {
        *out_len = len;
        ok = 1;
    }
    EVP_PKEY_CTX_free(dctx);
    EVP_PKEY_free(peer_key);
    return ok;
}

/* ---- signature schemes (RFC 8446 4.2.3) ---------------------------------------- */

typedef struct {
    uint16_t id;
    int key_type; /* EVP_PKEY_* base id */
    int ec_bits;  /* ECDSA: the curve size the scheme names */
    const EVP_MD *(*md)(void); /* NULL: Ed25519 signs the message itself */
    int pss;
} sigscheme;

static const sigscheme schemes[MINTLS_SIGSCHEME_COUNT] = {
    {0x0403, EVP_PKEY_EC, 256, EVP_sha256, 0},   /* ecdsa_secp256r1_sha256 */
    {0x0503, EVP_PKEY_EC, 384, EVP_sha384, 0},   /* ecdsa_secp384r1_sha384 */
    {0x0807, EVP_PKEY_ED25519, 0, NULL, 0},      /* ed25519 */
    {0x0804, EVP_PKEY_RSA, 0, EVP_sha256, 1},    /* rsa_pss_rsae_sha256 */
    {0x0805, EVP_PKEY_RSA, 0, EVP_sha384, 1},    /* rsa_pss_rsae_sha384 */
    {0x0806, EVP_PKEY_RSA, 0, EVP_sha512, 1},    /* rsa_pss_rsae_sha512 */
    {0x0809, EVP_PKEY_RSA_PSS, 0, EVP_sha256, 1}, /* rsa_pss_pss_sha256 */
    {0x080a, EVP_PKEY_RSA_PSS, 0, EVP_sha384, 1}, /* rsa_pss_pss_sha384 */
    {0x080b, EVP_PKEY_RSA_PSS, 0, EVP_sha512, 1}, /* rsa_pss_pss_sha512 */
};

uint16_t mintls_sigscheme_at(size_t i)
{
    return i < MINTLS_SIGSCHEME_COUNT ? schemes[i].id : 0;
}

static const sigscheme *find_scheme(uint16_t id)
{
    for (size_t i = 0; i < MINTLS_SIGSCHEME_COUNT; i++)
        if (schemes[i].id == id)
            return &schemes[i];
    return NULL;
}

int mintls_sigscheme_fits_key(uint16_t id, const EVP_PKEY *key)
{
    const sigscheme *sc = find_scheme(id);
    if (sc == NULL || key == NULL || EVP_PKEY_get_base_id(key) != sc->key_type)
        return 0;
    /* TLS 1.3 ties each ECDSA scheme to one curve. */
    if (sc->key_type == EVP_PKEY_EC && EVP_PKEY_get_bits(key) != sc->ec_bits)
        return 0;
    return 1;
}

uint16_t mintls_sigscheme_choose(const EVP_PKEY *key, const uint8_t *peer_list, size_t count)
{
    for (size_t i = 0; i < MINTLS_SIGSCHEME_COUNT; i++) {
        if (!mintls_sigscheme_fits_key(schemes[i].id, key))
            continue;
        for (size_t j = 0; j < count; j++)
            if ((uint16_t)(peer_list[2 * j] << 8 | peer_list[2 * j + 1]) == schemes[i].id)
                return schemes[i].id;
    }
    return 0;
}

/* Starts a sign or verify operation with the scheme's hash and padding. */
static EVP_MD_CTX *scheme_ctx(const sigscheme *sc, EVP_PKEY *key, int sign)
{
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    const EVP_MD *md = sc->md != NULL ? sc->md() : NULL;
    if (mctx == NULL)
        return NULL;
    int r = sign ? EVP_DigestSignInit(mctx, &pctx, md, NULL, key)
                 : EVP_DigestVerifyInit(mctx, &pctx, md, NULL, key);
    if (r <= 0)
        goto err;
    if (sc->pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
                    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0))
        goto err;
    return mctx;
err:
    EVP_MD_CTX_free(mctx);
    return NULL;
}

int mintls_sigscheme_sign(uint16_t id, EVP_PKEY *key, const uint8_t *msg, size_t msg_len,
                          uint8_t **out_sig, size_t *out_sig_len)
{
    const sigscheme *sc = find_scheme(id);
    *out_sig = NULL;
    if (sc == NULL || !mintls_sigscheme_fits_key(id, key)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    EVP_MD_CTX *mctx = scheme_ctx(sc, key, 1);
    size_t len = 0;
    uint8_t *sig = NULL;
    if (mctx == NULL || EVP_DigestSign(mctx, NULL, &len, msg, msg_len) <= 0 ||
        (sig = OPENSSL_malloc(len)) == NULL || EVP_DigestSign(mctx, sig, &len, msg, msg_len) <= 0) {
        OPENSSL_free(sig);
        EVP_MD_CTX_free(mctx);
        return 0;
    }
    EVP_MD_CTX_free(mctx);
    *out_sig = sig;
    *out_sig_len = len;
    return 1;
}

int mintls_sigscheme_verify(uint16_t id, EVP_PKEY *key, const uint8_t *msg, size_t msg_len,
                            const uint8_t *sig, size_t sig_len)
{
    const sigscheme *sc = find_scheme(id);
    if (sc == NULL || !mintls_sigscheme_fits_key(id, key))
        return 0;
    EVP_MD_CTX *mctx = scheme_ctx(sc, key, 0);
    int ok = mctx != NULL && EVP_DigestVerify(mctx, sig, sig_len, msg, msg_len) == 1;
    EVP_MD_CTX_free(mctx);
    return ok;
}
