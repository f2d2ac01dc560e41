/*
 * Authentication messages both TLS 1.3 roles send and check the same way
 * (RFC 8446 4.4.2, 4.4.3): our Certificate and CertificateVerify, and the
 * peer's chain decoded and verified with the SSL's settings. The server
 * uses them for the client certificates a CertificateRequest asks for.
 */
#include "tls13_hs.h"

#include <string.h>

/* The certificate slot to authenticate with, given the peer's schemes. */
const mintls_cert_pkey *mintls_tls13_choose_cert(SSL *s, const uint8_t *peer_sigalgs,
                                                 size_t count, uint16_t *out_scheme)
{
    static const mintls_cert_slot order[] = {MINTLS_CERT_ECDSA, MINTLS_CERT_ED25519,
                                             MINTLS_CERT_RSA_PSS, MINTLS_CERT_RSA};
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        const mintls_cert_pkey *cp = &s->cert.slots[order[i]];
        if (cp->x509 == NULL || cp->privatekey == NULL)
            continue;
        uint16_t scheme = mintls_sigscheme_choose(cp->privatekey, peer_sigalgs, count);
        if (scheme != 0) {
            *out_scheme = scheme;
            return cp;
        }
    }
    return NULL;
}

int mintls_chain_der(SSL *s, const mintls_cert_pkey *cp, mintls_span **out, size_t *out_n)
{
    STACK_OF(X509) *extra = NULL;
    size_t n = 0;
    if (cp != NULL) {
        extra = cp->chain != NULL ? cp->chain : s->ctx->extra_certs;
        n = 1 + (extra != NULL ? (size_t)sk_X509_num(extra) : 0);
    }
    mintls_span *ders = n > 0 ? OPENSSL_zalloc(n * sizeof(*ders)) : NULL;
    int ok = n == 0 || ders != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        X509 *x = i == 0 ? cp->x509 : sk_X509_value(extra, (int)i - 1);
        unsigned char *der = NULL;
        int len = i2d_X509(x, &der);
        ders[i].p = der;
        ders[i].len = len > 0 ? (size_t)len : 0;
        ok = len > 0;
    }
    if (!ok) {
        mintls_chain_der_free(ders, n);
        return 0;
    }
    *out = ders;
    *out_n = n;
    return 1;
}

void mintls_chain_der_free(mintls_span *ders, size_t n)
{
    for (size_t i = 0; ders != NULL && i < n; i++)
        OPENSSL_free((void *)ders[i].p);
    OPENSSL_free(ders);
}

int mintls_tls13_write_certificate(SSL *s, mintls_tls13_hs *hs, const mintls_cert_pkey *cp,
                                   mintls_span context)
{
    mintls_span *ders = NULL;
    size_t n = 0;
    int ok = mintls_chain_der(s, cp, &ders, &n);
    mintls_writer w;
    mintls_writer_init(&w);
    ok = ok && mintls_certificate_write_chain(&w, context, ders, n);
    mintls_chain_der_free(ders, n);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, hs, &w);
}

int mintls_tls13_write_certificate_verify(SSL *s, mintls_tls13_hs *hs, EVP_PKEY *key,
                                          uint16_t scheme, int from_server)
{
    uint8_t hash[EVP_MAX_MD_SIZE], content[MINTLS_CERT_VERIFY_CONTENT_MAX];
    size_t hash_len, content_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len) ||
        !mintls_certificate_verify_content(from_server, hash, hash_len, content, &content_len))
        return 0;
    mintls_certificate_verify cv;
    uint8_t *sig = NULL;
    size_t sig_len = 0;
    if (!mintls_sigscheme_sign(scheme, key, content, content_len, &sig, &sig_len))
        return 0;
    cv.scheme = scheme;
    cv.signature.p = sig;
    cv.signature.len = sig_len;
    mintls_writer w;
    mintls_writer_init(&w);
    int ok = mintls_certificate_verify_write(&w, &cv);
    OPENSSL_free(sig);
    if (!ok) {
        mintls_writer_clear(&w);
        return 0;
    }
    return mintls_tls13_send(s, hs, &w);
}

/* OpenSSL's alert for a certificate that failed verification. */
static int verify_error_alert(long err)
{
    switch (err) {
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
        return MINTLS_ALERT_UNKNOWN_CA;
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return MINTLS_ALERT_CERTIFICATE_EXPIRED;
    case X509_V_ERR_CERT_REVOKED:
        return MINTLS_ALERT_CERTIFICATE_REVOKED;
    case X509_V_ERR_INVALID_PURPOSE:
        return MINTLS_ALERT_UNSUPPORTED_CERTIFICATE;
    case X509_V_ERR_OUT_OF_MEM:
        return MINTLS_ALERT_INTERNAL_ERROR;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_CERT_CHAIN_TOO_LONG:
        return MINTLS_ALERT_BAD_CERTIFICATE;
    default:
        return MINTLS_ALERT_CERTIFICATE_UNKNOWN;
    }
}

int mintls_tls13_process_peer_chain(SSL *s, mintls_tls13_hs *hs, const mintls_certificate *cert)
{
    STACK_OF(X509) *chain = sk_X509_new_null();
    if (chain == NULL)
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE), 0;
    mintls_cursor c;
    mintls_cursor_init(&c, cert->list.p, cert->list.len);
    mintls_span der, exts;
    while (mintls_cursor_remaining(&c) > 0 && mintls_certificate_entry_next(&c, &der, &exts)) {
        const unsigned char *p = der.p;
        X509 *x = d2i_X509(NULL, &p, (long)der.len);
        if (x == NULL || p != der.p + der.len || !sk_X509_push(chain, x)) {
            X509_free(x);
            sk_X509_pop_free(chain, X509_free);
            return mintls_tls13_fail(s, MINTLS_ALERT_DECODE_ERROR, ERR_R_ASN1_LIB), 0;
        }
    }
    X509 *leaf = sk_X509_value(chain, 0);
    EVP_PKEY_free(hs->peer_key);
    hs->peer_key = leaf != NULL ? X509_get_pubkey(leaf) : NULL;
    if (hs->peer_key == NULL) {
        sk_X509_pop_free(chain, X509_free);
        return mintls_tls13_fail(s, MINTLS_ALERT_BAD_CERTIFICATE, SSL_R_BAD_SIGNATURE), 0;
    }
    X509_STORE_CTX *vctx = X509_STORE_CTX_new();
    if (vctx == NULL || !X509_STORE_CTX_init(vctx, s->ctx->cert_store, leaf, chain) ||
        !X509_STORE_CTX_set_ex_data(vctx, SSL_get_ex_data_X509_STORE_CTX_idx(), s)) {
        X509_STORE_CTX_free(vctx);
        sk_X509_pop_free(chain, X509_free);
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_X509_LIB), 0;
    }
    /* A client checks a server certificate and a server a client's
       (purpose sslserver / sslclient), with the SSL's parameters. */
    X509_STORE_CTX_set_default(vctx, s->server ? "ssl_client" : "ssl_server");
    X509_VERIFY_PARAM_set1(X509_STORE_CTX_get0_param(vctx), s->param);
    if (s->verify_callback != NULL)
        X509_STORE_CTX_set_verify_cb(vctx, s->verify_callback);
    /* What verification puts on the queue is not ours to report when the
       result alone decides (SSL_VERIFY_NONE, or a callback that overrules). */
    ERR_set_mark();
    int verified = s->ctx->app_verify_callback != NULL
                       ? s->ctx->app_verify_callback(vctx, s->ctx->app_verify_arg) > 0
                       : X509_verify_cert(vctx) > 0;
    ERR_pop_to_mark();
    s->verify_result = X509_STORE_CTX_get_error(vctx);
    sk_X509_pop_free(s->verified_chain, X509_free);
    s->verified_chain = verified ? X509_STORE_CTX_get1_chain(vctx) : NULL;
    X509_STORE_CTX_free(vctx);
    /* Kept for SSL_get0_peer_certificate / SSL_get_peer_cert_chain. */
    X509_free(s->peer_cert);
    sk_X509_pop_free(s->peer_chain, X509_free);
    s->peer_chain = chain;
    s->peer_cert = leaf;
    X509_up_ref(leaf);
    if (!verified && (s->verify_mode & SSL_VERIFY_PEER))
        return mintls_tls13_fail(s, verify_error_alert(s->verify_result),
                                 SSL_R_CERTIFICATE_VERIFY_FAILED), 0;
    return 1;
}

int mintls_tls13_check_certificate_verify(SSL *s, mintls_tls13_hs *hs, const mintls_hs_msg *m,
                                          mintls_u16_list offered, int from_server)
{
    mintls_certificate_verify cv;
    uint8_t alert;
    if (!mintls_certificate_verify_parse(m->body, m->body_len, &cv, &alert))
        return mintls_tls13_fail(s, alert, SSL_R_LENGTH_MISMATCH), 0;
    if (!mintls_u16_list_has(offered, cv.scheme) ||
        !mintls_sigscheme_fits_key(cv.scheme, hs->peer_key))
        return mintls_tls13_fail(s, MINTLS_ALERT_ILLEGAL_PARAMETER, SSL_R_WRONG_SIGNATURE_TYPE), 0;
    uint8_t hash[EVP_MAX_MD_SIZE], content[MINTLS_CERT_VERIFY_CONTENT_MAX];
    size_t hash_len, content_len;
    if (!mintls_tls13_hs_hash(s, hs, hash, &hash_len))
        return 0;
    if (!mintls_certificate_verify_content(from_server, hash, hash_len, content, &content_len))
        return mintls_tls13_fail(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR), 0;
    ERR_set_mark();
    int good = mintls_sigscheme_verify(cv.scheme, hs->peer_key, content, content_len,
                                       cv.signature.p, cv.signature.len);
    ERR_pop_to_mark();
    if (!good)
        return mintls_tls13_fail(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_BAD_SIGNATURE), 0;
    return mintls_tls13_hs_absorb(s, hs, m);
}
