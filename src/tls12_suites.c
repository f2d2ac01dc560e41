/*
 * The six TLS 1.2 cipher suites mintls speaks (issue 7): ECDHE key
 * exchange, ECDSA or RSA authentication, an AEAD (RFC 5289, RFC 7905).
 * Each is an SSL_CIPHER with OpenSSL's name and the RFC's standard name.
 * The order is OpenSSL 3.0's default preference.
 */
#include "tls12_hs.h"

static const mintls_tls12_suite suites[MINTLS_TLS12_SUITE_COUNT] = {
    {{0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", EVP_aes_256_gcm, EVP_sha384, 256,
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", TLS1_2_VERSION},
     MINTLS_CERT_ECDSA},
    {{0xC030, "ECDHE-RSA-AES256-GCM-SHA384", EVP_aes_256_gcm, EVP_sha384, 256,
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", TLS1_2_VERSION},
     MINTLS_CERT_RSA},
    {{0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", EVP_chacha20_poly1305, EVP_sha256, 256,
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", TLS1_2_VERSION},
     MINTLS_CERT_ECDSA},
    {{0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", EVP_chacha20_poly1305, EVP_sha256, 256,
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", TLS1_2_VERSION},
     MINTLS_CERT_RSA},
    {{0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", EVP_aes_128_gcm, EVP_sha256, 128,
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", TLS1_2_VERSION},
     MINTLS_CERT_ECDSA},
    {{0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", EVP_aes_128_gcm, EVP_sha256, 128,
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TLS1_2_VERSION},
     MINTLS_CERT_RSA},
};

const mintls_tls12_suite *mintls_tls12_suite_by_id(uint16_t id)
{
    for (size_t i = 0; i < MINTLS_TLS12_SUITE_COUNT; i++)
        if (suites[i].cipher.id == id)
            return &suites[i];
    return NULL;
}

const mintls_tls12_suite *mintls_tls12_suite_of(const SSL_CIPHER *c)
{
    return c != NULL ? mintls_tls12_suite_by_id(c->id) : NULL;
}

size_t mintls_tls12_enabled_suites(const SSL *s, const mintls_tls12_suite *out[MINTLS_TLS12_SUITE_COUNT])
{
    size_t n = 0;
    for (size_t i = 0; i < s->settings.tls12_suite_count && n < MINTLS_TLS12_SUITE_COUNT; i++) {
        const mintls_tls12_suite *su = mintls_tls12_suite_by_id(s->settings.tls12_suites[i]);
        if (su != NULL)
            out[n++] = su;
    }
    return n;
}
