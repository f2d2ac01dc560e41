/*
 * The parts of the TLS 1.2 handshake both roles share (see tls12_hs.h).
 */
#include "tls12_hs.h"

#include <stdlib.h>
#include <string.h>

void mintls_tls12_hs_cleanup(SSL *s)
{
    mintls_tls12_hs *hs = s->hs;
    if (hs == NULL)
        return;
    OPENSSL_cleanse(hs->master, sizeof(hs->master));
    mintls_tls12_key_block_clear(&hs->kb);
    /* The TLS 1.3 cleanup frees the rest, and hs itself (base is first). */
    mintls_tls13_hs_cleanup(s);
}

int mintls_tls12_hs_start(SSL *s)
{
    /* A TLS 1.2 machine never starts a handshake: it takes one over from
       the TLS 1.3 machine that sent or read the ClientHello. */
    (void)s;
    ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    return 0;
}

mintls_tls12_hs *mintls_tls12_hs_adopt(SSL *s, const mintls_hs_ops *ops)
{
    mintls_tls12_hs *hs = calloc(1, sizeof(*hs));
    if (hs == NULL) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    /* The TLS 1.3 state's owned pointers move with it; the old block goes. */
    mintls_tls13_hs *old = s->hs;
    memcpy(&hs->base, old, sizeof(*old));
    OPENSSL_cleanse(old, sizeof(*old));
    free(old);
    s->hs = hs;
    mintls_hs_set_ops(s, ops);
    return hs;
}

int mintls_tls12_next_msg(SSL *s, mintls_tls12_hs *hs, mintls_hs_msg *out)
{
    for (;;) {
        uint8_t alert = MINTLS_ALERT_INTERNAL_ERROR;
        mintls_hs_read_result r = mintls_hs_reader_next(&hs->base.reader, out, &alert);
        if (r == MINTLS_HS_READ_MSG) {
            /* RFC 5246 7.4.1.1: a HelloRequest during a handshake is
               ignored, and never enters the transcript. */
            if (!s->server && out->type == MINTLS_HS_HELLO_REQUEST && out->body_len == 0)
                continue;
            /* After the peer's CCS only its Finished may come. */
            if (hs->ccs_received && out->type != MINTLS_HS_FINISHED) {
                mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
                return -1;
            }
            return 1;
        }
        if (r == MINTLS_HS_READ_ALERT) {
            mintls_conn_fatal(s, alert, alert == MINTLS_ALERT_DECODE_ERROR ? SSL_R_LENGTH_MISMATCH
                                                                          : SSL_R_SSL_HANDSHAKE_FAILURE);
            return -1;
        }
        uint8_t type;
        size_t len;
        const uint8_t *data = mintls_conn_record_data(s, &type, &len);
        if (data == NULL)
            return 0;
        if (type == MINTLS_CT_CHANGE_CIPHER_SPEC) {
            /* RFC 5246 7.1: the CCS comes right before the Finished, on a
               message boundary; anywhere else it is unexpected. */
            if (!hs->ccs_expected || hs->ccs_received) {
                mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_CCS_RECEIVED_EARLY);
                return -1;
            }
            if (!mintls_hs_reader_is_empty(&hs->base.reader)) {
                mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE,
                                  SSL_R_NOT_ON_RECORD_BOUNDARY);
                return -1;
            }
            mintls_conn_consume(s, len);
            if (!mintls_tls12_install_keys(&s->io.read_dir, &hs->kb, s->server, 0)) {
                mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
                return -1;
            }
            hs->ccs_received = 1;
            mintls_hs_enter(s, s->server ? TLS_ST_SR_CHANGE : TLS_ST_CR_CHANGE);
            continue;
        }
        if (type != MINTLS_CT_HANDSHAKE) {
            mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_RECORD);
            return -1;
        }
        if (!mintls_hs_reader_add(&hs->base.reader, data, len, &alert)) {
            mintls_conn_fatal(s, alert, ERR_R_INTERNAL_ERROR);
            return -1;
        }
        mintls_conn_consume(s, len);
    }
}

int mintls_tls12_hs_hash(SSL *s, mintls_tls12_hs *hs, uint8_t *out, size_t *out_len)
{
    if (!mintls_transcript_hash_with(&hs->base.transcript, hs->suite->cipher.md(), NULL, 0, out,
                                     out_len)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls12_derive(SSL *s, mintls_tls12_hs *hs, const uint8_t *pms, size_t pms_len)
{
    const EVP_MD *md = hs->suite->cipher.md();
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    int ok;
    if (hs->ems)
        ok = mintls_tls12_hs_hash(s, hs, hash, &hash_len) &&
             mintls_tls12_extended_master_secret(md, pms, pms_len, hash, hash_len, hs->master);
    else
        ok = mintls_tls12_master_secret(md, pms, pms_len, s->client_random, s->server_random,
                                        hs->master);
    ok = ok && mintls_tls12_derive_key_block(md, hs->suite->cipher.aead(), hs->master,
                                             s->client_random, s->server_random, &hs->kb);
    if (!ok) {
        if (!s->io.dead)
            mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    mintls_keylog(s, "CLIENT_RANDOM", hs->master, sizeof(hs->master));
    return 1;
}

int mintls_tls12_send_ccs(SSL *s, mintls_tls12_hs *hs)
{
    static const uint8_t ccs = 1;
    mintls_hs_enter(s, s->server ? TLS_ST_SW_CHANGE : TLS_ST_CW_CHANGE);
    if (!mintls_conn_queue(s, MINTLS_CT_CHANGE_CIPHER_SPEC, &ccs, 1) ||
        !mintls_tls12_install_keys(&s->io.write_dir, &hs->kb, !s->server, 1)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

static int finished_value(SSL *s, mintls_tls12_hs *hs, int from_server, uint8_t *out)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len;
    if (!mintls_tls12_hs_hash(s, hs, hash, &hash_len))
        return 0;
    if (!mintls_tls12_finished(hs->suite->cipher.md(), hs->master, from_server, hash, hash_len,
                               out)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls12_send_finished(SSL *s, mintls_tls12_hs *hs)
{
    uint8_t vd[MINTLS_TLS12_FINISHED_LEN];
    mintls_hs_enter(s, s->server ? TLS_ST_SW_FINISHED : TLS_ST_CW_FINISHED);
    if (!finished_value(s, hs, s->server, vd))
        return 0;
    mintls_keep_finished(s, vd, sizeof(vd), 0);
    mintls_writer w;
    mintls_writer_init(&w);
    if (!mintls_finished_write(&w, vd, sizeof(vd))) {
        mintls_writer_clear(&w);
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return mintls_tls13_send(s, &hs->base, &w);
}

int mintls_tls12_check_finished(SSL *s, mintls_tls12_hs *hs, const mintls_hs_msg *m)
{
    uint8_t expected[MINTLS_TLS12_FINISHED_LEN], alert;
    mintls_finished fin;
    if (!hs->ccs_received) {
        mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
        return 0;
    }
    if (!mintls_finished_parse(m->body, m->body_len, sizeof(expected), &fin, &alert)) {
        mintls_conn_fatal(s, alert, SSL_R_LENGTH_MISMATCH);
        return 0;
    }
    if (!finished_value(s, hs, !s->server, expected))
        return 0;
    if (CRYPTO_memcmp(expected, fin.verify_data.p, sizeof(expected)) != 0) {
        mintls_conn_fatal(s, MINTLS_ALERT_DECRYPT_ERROR, SSL_R_DIGEST_CHECK_FAILED);
        return 0;
    }
    if (!mintls_hs_reader_is_empty(&hs->base.reader)) {
        mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_NOT_ON_RECORD_BOUNDARY);
        return 0;
    }
    mintls_keep_finished(s, expected, sizeof(expected), 1);
    mintls_hs_enter(s, s->server ? TLS_ST_SR_FINISHED : TLS_ST_CR_FINISHED);
    return mintls_tls13_hs_absorb(s, &hs->base, m);
}

int mintls_tls12_write_certificate(SSL *s, mintls_tls12_hs *hs, const mintls_cert_pkey *cp)
{
    mintls_span *ders = NULL;
    size_t n = 0;
    int ok = mintls_chain_der(s, cp, &ders, &n);
    mintls_writer w;
    mintls_writer_init(&w);
    ok = ok && mintls_tls12_certificate_write(&w, ders, n);
    mintls_chain_der_free(ders, n);
    if (!ok) {
        mintls_writer_clear(&w);
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return mintls_tls13_send(s, &hs->base, &w);
}

int mintls_tls12_process_peer_chain(SSL *s, mintls_tls12_hs *hs, const mintls_tls12_certificate *c)
{
    /* The shared checker reads TLS 1.3 entries (cert, then extensions):
       give it the same certificates with empty extension blocks. */
    mintls_writer w;
    mintls_writer_init(&w);
    mintls_cursor cur;
    mintls_span der;
    mintls_cursor_init(&cur, c->list.p, c->list.len);
    int ok = 1;
    while (ok && mintls_tls12_certificate_next(&cur, &der))
        ok = mintls_writer_put_prefixed(&w, 3, der.p, der.len) && mintls_writer_put_u16(&w, 0);
    uint8_t *list = NULL;
    size_t list_len = 0;
    if (!ok || !mintls_writer_finish(&w, &list, &list_len)) {
        mintls_writer_clear(&w);
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    mintls_writer_clear(&w);
    mintls_certificate cert;
    memset(&cert, 0, sizeof(cert));
    cert.list.p = list;
    cert.list.len = list_len;
    cert.count = c->count;
    ok = mintls_tls13_process_peer_chain(s, &hs->base, &cert);
    OPENSSL_free(list);
    return ok;
}

int mintls_tls12_ske_content(SSL *s, mintls_span params, uint8_t **out, size_t *out_len)
{
    size_t n = 64 + params.len;
    uint8_t *p = OPENSSL_malloc(n);
    if (p == NULL) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memcpy(p, s->client_random, 32);
    memcpy(p + 32, s->server_random, 32);
    memcpy(p + 64, params.p, params.len);
    *out = p;
    *out_len = n;
    return 1;
}

void mintls_tls12_hs_finish(SSL *s, mintls_tls12_hs *hs)
{
    s->tls12_suite = &hs->suite->cipher;
    memcpy(s->tls12_master, hs->master, sizeof(s->tls12_master));
    mintls_tls12_key_block_clear(&hs->kb);
}

size_t mintls_tls12_groups(const SSL *s, uint16_t out[MINTLS_MAX_GROUPS])
{
    uint16_t all[MINTLS_MAX_GROUPS];
    size_t n = mintls_enabled_groups(s, all), k = 0;
    for (size_t i = 0; i < n; i++)
        if (all[i] == MINTLS_GROUP_X25519 || all[i] == MINTLS_GROUP_SECP256R1)
            out[k++] = all[i];
    return k;
}

uint16_t mintls_tls12_key_group(const EVP_PKEY *key)
{
    if (key == NULL || EVP_PKEY_get_base_id(key) != EVP_PKEY_EC)
        return 0;
    switch (EVP_PKEY_get_bits(key)) {
    case 256:
        return MINTLS_GROUP_SECP256R1;
    case 384:
        return MINTLS_GROUP_SECP384R1;
    default:
        return 0;
    }
}

int mintls_tls12_choose_alpn(SSL *s, const mintls_client_hello *ch, uint8_t *buf, size_t *out_len)
{
    SSL_CTX *ctx = s->ctx;
    *out_len = 0;
    if (!(ch->ext.present & MINTLS_XBIT(MINTLS_X_ALPN)) || ctx->alpn_select_cb == NULL)
        return 1;
    const unsigned char *sel = NULL;
    unsigned char sel_len = 0;
    int r = ctx->alpn_select_cb(s, &sel, &sel_len, ch->ext.alpn.p, (unsigned)ch->ext.alpn.len,
                                ctx->alpn_select_arg);
    if (r == SSL_TLSEXT_ERR_NOACK)
        return 1;
    if (r != SSL_TLSEXT_ERR_OK || sel == NULL || sel_len == 0) {
        mintls_conn_fatal(s, MINTLS_ALERT_NO_APPLICATION_PROTOCOL, SSL_R_NO_APPLICATION_PROTOCOL);
        return 0;
    }
    memcpy(buf, sel, sel_len);
    *out_len = sel_len;
    if (!mintls_alpn_set_selected(s, sel, sel_len)) {
        mintls_conn_fatal(s, MINTLS_ALERT_INTERNAL_ERROR, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    return 1;
}

int mintls_tls12_post_handshake(SSL *s, const uint8_t *data, size_t len)
{
    /* RFC 5746 / issue 7: no renegotiation. A client ignores HelloRequest;
       a server answers a new ClientHello with a no_renegotiation warning
       and carries on. Anything else is unexpected. */
    static const uint8_t hello_request[4] = {MINTLS_HS_HELLO_REQUEST, 0, 0, 0};
    if (!s->server && len % 4 == 0 && len > 0) {
        int all = 1;
        for (size_t i = 0; i < len; i += 4)
            all = all && memcmp(data + i, hello_request, 4) == 0;
        if (all) {
            mintls_conn_consume(s, len);
            return 1;
        }
    }
    if (s->server && data[0] == MINTLS_HS_CLIENT_HELLO) {
        static const uint8_t warning[2] = {MINTLS_ALERT_LEVEL_WARNING,
                                           MINTLS_ALERT_NO_RENEGOTIATION};
        mintls_conn_consume(s, len);
        if (!mintls_conn_queue(s, MINTLS_CT_ALERT, warning, sizeof(warning)))
            return -1;
        /* Best effort now; a later write sends what is left. */
        (void)mintls_conn_flush(s);
        ERR_clear_error();
        s->rwstate = SSL_NOTHING;
        return 1;
    }
    mintls_conn_fatal(s, MINTLS_ALERT_UNEXPECTED_MESSAGE, SSL_R_UNEXPECTED_MESSAGE);
    return -1;
}

int mintls_tls12_export(const SSL *s, uint8_t *out, size_t olen, const char *label, size_t llen,
                        const uint8_t *context, size_t contextlen, int use_context)
{
    /* RFC 5705 4: PRF(master_secret, label, client_random + server_random
       [+ context_value_length + context_value]). */
    if (contextlen > 0xffff || llen > 1024) {
        ERR_raise(ERR_LIB_SSL, SSL_R_BAD_LENGTH);
        return 0;
    }
    char *lab = OPENSSL_malloc(llen + 1);
    size_t seed2_len = use_context ? 2 + contextlen : 0;
    uint8_t *seed2 = OPENSSL_malloc(seed2_len + 1);
    uint8_t randoms[64];
    int ok = 0;
    if (lab != NULL && seed2 != NULL) {
        memcpy(lab, label, llen);
        lab[llen] = 0;
        if (use_context) {
            seed2[0] = (uint8_t)(contextlen >> 8);
            seed2[1] = (uint8_t)contextlen;
            if (contextlen > 0)
                memcpy(seed2 + 2, context, contextlen);
        }
        memcpy(randoms, s->client_random, 32);
        memcpy(randoms + 32, s->server_random, 32);
        ok = mintls_tls12_prf_md(s->tls12_suite->md(), s->tls12_master, 48, lab, randoms, 64,
                                 seed2_len > 0 ? seed2 : NULL, seed2_len, out, olen);
    }
    OPENSSL_free(lab);
    OPENSSL_free(seed2);
    if (!ok)
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    return ok;
}
