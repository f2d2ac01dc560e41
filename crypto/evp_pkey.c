/*
 * EVP_PKEY: a reference-counted public or private key (RSA, RSA-PSS, EC on
 * P-256/P-384, Ed25519, X25519) and the questions programs ask of it.
 */
#include "internal/evp_pkey.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal/ct.h"

EVP_PKEY *mintls_evp_pkey_alloc(int type)
{
    EVP_PKEY *k = calloc(1, sizeof(*k));
    if (k == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&k->references, 1);
    k->type = type;
    return k;
}

static uint8_t *dup_magnitude(const uint8_t *p, size_t len, size_t *out_len)
{
    while (len > 0 && p[0] == 0) {
        p++;
        len--;
    }
    uint8_t *r = malloc(len ? len : 1);
    if (r == NULL)
        return NULL;
    if (len > 0)
        memcpy(r, p, len);
    *out_len = len;
    return r;
}

int mintls_evp_pkey_set_rsa(EVP_PKEY *key, int type, const uint8_t *n, size_t n_len,
                            const uint8_t *e, size_t e_len, mintls_rsa_private *priv)
{
    key->type = type;
    key->rsa_n = dup_magnitude(n, n_len, &key->rsa_n_len);
    key->rsa_e = dup_magnitude(e, e_len, &key->rsa_e_len);
    if (key->rsa_n == NULL || key->rsa_e == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (priv != NULL) {
        key->rsa_priv = priv;
        key->rsa_pub = &priv->pub;
        key->has_private = 1;
        return 1;
    }
    key->rsa_pub = malloc(sizeof(*key->rsa_pub));
    if (key->rsa_pub == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    if (!mintls_rsa_public_from_be(key->rsa_pub, n, n_len, e, e_len)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_DECODE_ERROR);
        return 0;
    }
    return 1;
}

int mintls_evp_pkey_set_pss_params(EVP_PKEY *key, const uint8_t *p, size_t len)
{
    if (len == 0)
        return 1;
    key->pss_params = malloc(len);
    if (key->pss_params == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memcpy(key->pss_params, p, len);
    key->pss_params_len = len;
    return 1;
}

EVP_PKEY *EVP_PKEY_new(void)
{
    return mintls_evp_pkey_alloc(EVP_PKEY_NONE);
}

int EVP_PKEY_up_ref(EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return 0;
    atomic_fetch_add_explicit(&pkey->references, 1, memory_order_relaxed);
    return 1;
}

void EVP_PKEY_free(EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return;
    if (atomic_fetch_sub_explicit(&pkey->references, 1, memory_order_acq_rel) != 1)
        return;
    if (pkey->rsa_priv != NULL) {
        mintls_rsa_private_wipe(pkey->rsa_priv);
        free(pkey->rsa_priv);
    } else {
        free(pkey->rsa_pub);
    }
    free(pkey->rsa_n);
    free(pkey->rsa_e);
    free(pkey->pss_params);
    OPENSSL_cleanse(pkey, sizeof(*pkey));
    free(pkey);
}

int EVP_PKEY_get_id(const EVP_PKEY *pkey)
{
    return pkey == NULL ? EVP_PKEY_NONE : pkey->type;
}

int EVP_PKEY_get_base_id(const EVP_PKEY *pkey)
{
    /* Every type mintls knows is its own base type. */
    return EVP_PKEY_get_id(pkey);
}

static int rsa_bits(const EVP_PKEY *k)
{
    if (k->rsa_n_len == 0)
        return 0;
    int bits = (int)k->rsa_n_len * 8;
    for (uint8_t top = k->rsa_n[0]; (top & 0x80) == 0; top = (uint8_t)(top << 1))
        bits--;
    return bits;
}

int EVP_PKEY_get_bits(const EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return 0;
    switch (pkey->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return rsa_bits(pkey);
    case EVP_PKEY_EC:
        return pkey->curve_nid == NID_secp384r1 ? 384 : 256;
    case EVP_PKEY_ED25519:
        return 256; /* OpenSSL counts the encoding, X25519 the scalar */
    case EVP_PKEY_X25519:
        return 253;
    default:
        return 0;
    }
}

/*
 * RSA strength as OpenSSL 3.0 rates it: the canonical values of SP 800-56B
 * rev 2 appendix D for the usual sizes, and otherwise that appendix's
 * formula E = (1.923 * cbrt(n ln 2 * (ln(n ln 2))^2) - 4.69) / ln 2, rounded
 * to a multiple of 8 and capped. The formula is evaluated in fixed point
 * with 18 fractional bits, so that every size gives OpenSSL's number (a
 * double-precision evaluation differs by 8 near the rounding points).
 */
#define FX_ONE (UINT64_C(1) << 18)
#define FX_LN2 UINT64_C(0x2c5c8)   /* ln 2 */
#define FX_LOG2E UINT64_C(0x5c551) /* log2 e */
#define FX_C1 UINT64_C(0x7b126)    /* 1.923 */
#define FX_C2 UINT64_C(0x12c28f)   /* 4.690 */

static uint64_t fx_mul(uint64_t a, uint64_t b)
{
    return a * b / FX_ONE;
}

/* The cube root of a fixed-point value: floor(cbrt(v)) is cbrt(x) * 2^6. */
static uint64_t fx_cbrt(uint64_t v)
{
    uint64_t lo = 0, hi = 2642245; /* the largest cube below 2^64 */
    while (lo < hi) {
        uint64_t mid = (lo + hi + 1) / 2;
        if (mid * mid * mid <= v)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo << 12;
}

/* ln of a fixed-point value above 1: log2 by repeated squaring, then / log2 e. */
static uint64_t fx_ln(uint64_t v)
{
    uint64_t r = 0;
    while (v >= 2 * FX_ONE) {
        v >>= 1;
        r += FX_ONE;
    }
    for (uint64_t bit = FX_ONE / 2; bit != 0; bit >>= 1) {
        v = fx_mul(v, v);
        if (v >= 2 * FX_ONE) {
            v >>= 1;
            r += bit;
        }
    }
    return r * FX_ONE / FX_LOG2E;
}

static int rsa_security_bits(int bits)
{
    switch (bits) {
    case 2048: return 112;
    case 3072: return 128;
    case 4096: return 152;
    case 6144: return 176;
    case 7680: return 192;
    case 8192: return 200;
    case 15360: return 256;
    default: break;
    }
    if (bits >= 687737)
        return 1200;
    if (bits < 8)
        return 0;
    /* The formula overshoots the canonical values just below them: cap it. */
    int cap = bits <= 7680 ? 192 : bits <= 15360 ? 256 : 1200;
    uint64_t x = (uint64_t)bits * FX_LN2, lx = fx_ln(x);
    uint64_t e = (fx_mul(FX_C1, fx_cbrt(fx_mul(fx_mul(x, lx), lx))) - FX_C2) / FX_LN2;
    int y = ((int)(uint16_t)e + 4) & ~7;
    return y > cap ? cap : y;
}

int EVP_PKEY_get_security_bits(const EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return 0;
    switch (pkey->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return rsa_security_bits(rsa_bits(pkey));
    case EVP_PKEY_EC:
        return pkey->curve_nid == NID_secp384r1 ? 192 : 128;
    case EVP_PKEY_ED25519:
    case EVP_PKEY_X25519:
        return 128;
    default:
        return 0;
    }
}

int EVP_PKEY_get_size(const EVP_PKEY *pkey)
{
    if (pkey == NULL)
        return 0;
    switch (pkey->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return (rsa_bits(pkey) + 7) / 8;
    case EVP_PKEY_EC:
        /* The longest DER ECDSA signature: SEQUENCE of two INTEGERs. */
        return pkey->curve_nid == NID_secp384r1 ? 104 : 72;
    case EVP_PKEY_ED25519:
        return 64;
    case EVP_PKEY_X25519:
        return 32;
    default:
        return 0;
    }
}

static const struct {
    int type;
    const char *names[3];
} type_names[] = {
    {EVP_PKEY_RSA, {"RSA", "rsaEncryption", "1.2.840.113549.1.1.1"}},
    {EVP_PKEY_RSA_PSS, {"RSA-PSS", "RSASSA-PSS", "1.2.840.113549.1.1.10"}},
    {EVP_PKEY_EC, {"EC", "id-ecPublicKey", "1.2.840.10045.2.1"}},
    {EVP_PKEY_ED25519, {"ED25519", "1.3.101.112", NULL}},
    {EVP_PKEY_X25519, {"X25519", "1.3.101.110", NULL}},
};

const char *EVP_PKEY_get0_type_name(const EVP_PKEY *key)
{
    if (key == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
        if (type_names[i].type == key->type)
            return type_names[i].names[0];
    return NULL;
}

int EVP_PKEY_is_a(const EVP_PKEY *pkey, const char *name)
{
    if (pkey == NULL || name == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
        if (type_names[i].type != pkey->type)
            continue;
        for (size_t j = 0; j < 3 && type_names[i].names[j] != NULL; j++)
            if (strcasecmp(type_names[i].names[j], name) == 0)
                return 1;
    }
    return 0;
}

int EVP_PKEY_eq(const EVP_PKEY *a, const EVP_PKEY *b)
{
    if (a == NULL || b == NULL)
        return 0;
    if (a->type != b->type)
        return -1;
    switch (a->type) {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
        return a->rsa_n_len == b->rsa_n_len && a->rsa_e_len == b->rsa_e_len &&
               memcmp(a->rsa_n, b->rsa_n, a->rsa_n_len) == 0 &&
               memcmp(a->rsa_e, b->rsa_e, a->rsa_e_len) == 0;
    case EVP_PKEY_EC:
        if (a->curve_nid != b->curve_nid)
            return 0; /* OpenSSL: same type, different parameters -> not equal */
        /* fall through */
    case EVP_PKEY_ED25519:
    case EVP_PKEY_X25519:
        return a->pub_len == b->pub_len && memcmp(a->pub, b->pub, a->pub_len) == 0;
    default:
        return -2;
    }
}
