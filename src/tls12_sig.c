/*
 * Signatures under TLS 1.2 (RFC 5246 7.4.1.4.1 as RFC 8446 4.2.3 re-reads
 * it): ServerKeyExchange and the client's CertificateVerify. Unlike TLS
 * 1.3, an ECDSA scheme names only the hash (any curve), and RSA may sign
 * with PKCS#1 v1.5 as well as PSS. Through libcrypto's public EVP API.
 */
#include "tls12_hs.h"

#include <openssl/rsa.h>

typedef struct {
    uint16_t id;
    int key_type;
    const EVP_MD *(*md)(void);
    int pss;
} scheme12;

/* Our preference: ECDSA, then RSA-PSS (as OpenSSL 3.0 prefers), then PKCS#1. */
static const scheme12 schemes[MINTLS_TLS12_SIGSCHEME_COUNT] = {
    {0x0403, EVP_PKEY_EC, EVP_sha256, 0},  /* ecdsa_secp256r1_sha256 */
    {0x0503, EVP_PKEY_EC, EVP_sha384, 0},  /* ecdsa_secp384r1_sha384 */
    {0x0804, EVP_PKEY_RSA, EVP_sha256, 1}, /* rsa_pss_rsae_sha256 */
    {0x0805, EVP_PKEY_RSA, EVP_sha384, 1}, /* rsa_pss_rsae_sha384 */
    {0x0806, EVP_PKEY_RSA, EVP_sha512, 1}, /* rsa_pss_rsae_sha512 */
    {0x0401, EVP_PKEY_RSA, EVP_sha256, 0}, /* rsa_pkcs1_sha256 */
    {0x0501, EVP_PKEY_RSA, EVP_sha384, 0}, /* rsa_pkcs1_sha384 */
    {0x0601, EVP_PKEY_RSA, EVP_sha512, 0}, /* rsa_pkcs1_sha512 */
};

uint16_t mintls_tls12_sigscheme_at(size_t i)
{
    return i < MINTLS_TLS12_SIGSCHEME_COUNT ? schemes[i].id : 0;
}

static const scheme12 *find(uint16_t id)
{
    for (size_t i = 0; i < MINTLS_TLS12_SIGSCHEME_COUNT; i++)
        if (schemes[i].id == id)
            return &schemes[i];
    return NULL;
}

int mintls_tls12_sigscheme_fits_key(uint16_t id, const EVP_PKEY *key)
{
    const scheme12 *sc = find(id);
    return sc != NULL && key != NULL && EVP_PKEY_get_base_id(key) == sc->key_type;
}

uint16_t mintls_tls12_sigscheme_choose(const EVP_PKEY *key, mintls_u16_list peer)
{
    for (size_t i = 0; i < MINTLS_TLS12_SIGSCHEME_COUNT; i++)
        if (mintls_tls12_sigscheme_fits_key(schemes[i].id, key) &&
            mintls_u16_list_has(peer, schemes[i].id))
            return schemes[i].id;
    return 0;
}

static EVP_MD_CTX *start(const scheme12 *sc, EVP_PKEY *key, int sign)
{
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    if (mctx == NULL)
        return NULL;
    int r = sign ? EVP_DigestSignInit(mctx, &pctx, sc->md(), NULL, key)
                 : EVP_DigestVerifyInit(mctx, &pctx, sc->md(), NULL, key);
    if (r <= 0 || (sc->pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
                               EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0))) {
        EVP_MD_CTX_free(mctx);
        return NULL;
    }
    return mctx;
}

int mintls_tls12_sign(uint16_t id, EVP_PKEY *key, const uint8_t *msg, size_t len,
                      uint8_t **out_sig, size_t *out_sig_len)
{
    const scheme12 *sc = find(id);
    *out_sig = NULL;
    if (sc == NULL || !mintls_tls12_sigscheme_fits_key(id, key)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    EVP_MD_CTX *mctx = start(sc, key, 1);
    size_t n = 0;
    uint8_t *sig = NULL;
    int ok = mctx != NULL && EVP_DigestSign(mctx, NULL, &n, msg, len) > 0 &&
             (sig = OPENSSL_malloc(n)) != NULL && EVP_DigestSign(mctx, sig, &n, msg, len) > 0;
    EVP_MD_CTX_free(mctx);
    if (!ok) {
        OPENSSL_free(sig);
        return 0;
    }
    *out_sig = sig;
    *out_sig_len = n;
    return 1;
}

int mintls_tls12_verify(uint16_t id, EVP_PKEY *key, const uint8_t *msg, size_t len,
                        const uint8_t *sig, size_t sig_len)
{
    const scheme12 *sc = find(id);
    if (sc == NULL || !mintls_tls12_sigscheme_fits_key(id, key))
        return 0;
    EVP_MD_CTX *mctx = start(sc, key, 0);
    int ok = mctx != NULL && EVP_DigestVerify(mctx, sig, sig_len, msg, len) == 1;
    EVP_MD_CTX_free(mctx);
    return ok;
}

const mintls_cert_pkey *mintls_tls12_choose_cert(SSL *s, mintls_cert_slot slot,
                                                 mintls_u16_list peer, uint16_t *out_scheme)
{
    const mintls_cert_pkey *cp = &s->cert.slots[slot];
    if (cp->x509 == NULL || cp->privatekey == NULL)
        return NULL;
    uint16_t scheme = mintls_tls12_sigscheme_choose(cp->privatekey, peer);
    if (scheme == 0)
        return NULL;
    *out_scheme = scheme;
    return cp;
}
