/* The scripted hostile peer (see hostile_peer.h). */
#include "hostile_peer.h"

#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

#include "tls_handshake_msg.h"

int hp_init(hostile_peer *p, SSL_CTX *ctx, int mintls_is_server)
{
    memset(p, 0, sizeof(*p));
    mintls_record_dir_init(&p->rd);
    mintls_record_dir_init(&p->wr);
    p->wr.version = 0x0303;
    mintls_transcript_init(&p->tr);
    p->ssl = SSL_new(ctx);
    p->to_ssl = BIO_new(BIO_s_mem());
    p->from_ssl = BIO_new(BIO_s_mem());
    if (p->ssl == NULL || p->to_ssl == NULL || p->from_ssl == NULL)
        return 0;
    /* An empty input is "try again", not end of file. */
    BIO_set_mem_eof_return(p->to_ssl, -1);
    SSL_set_bio(p->ssl, p->to_ssl, p->from_ssl);
    if (mintls_is_server)
        SSL_set_accept_state(p->ssl);
    else
        SSL_set_connect_state(p->ssl);
    p->suite = mintls_tls13_suite_by_id(0x1301);
    uint8_t *pub = NULL;
    size_t pub_len = 0;
    int ok = mintls_tls13_group_keygen(MINTLS_GROUP_X25519, &p->kex, &pub, &pub_len) &&
             pub_len == sizeof(p->pub);
    if (ok)
        memcpy(p->pub, pub, pub_len);
    OPENSSL_free(pub);
    return ok;
}

static void clear_records(hostile_peer *p)
{
    for (size_t i = 0; i < p->nrecs; i++)
        free(p->recs[i].data);
    p->nrecs = 0;
}

void hp_free(hostile_peer *p)
{
    clear_records(p);
    SSL_free(p->ssl); /* frees both BIOs */
    mintls_record_dir_clear(&p->rd);
    mintls_record_dir_clear(&p->wr);
    mintls_transcript_clear(&p->tr);
    mintls_tls13_schedule_clear(&p->ks);
    EVP_PKEY_free(p->kex);
    free(p->hello);
    memset(p, 0, sizeof(*p));
}

size_t hp_receive(hostile_peer *p)
{
    clear_records(p);
    p->bad_record = 0;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    int r;
    while (buf != NULL && (r = BIO_read(p->from_ssl, buf + n, (int)(cap - n))) > 0) {
        n += (size_t)r;
        if (n == cap) {
            uint8_t *b = realloc(buf, cap * 2);
            if (b == NULL)
                break;
            buf = b;
            cap *= 2;
        }
    }
    size_t off = 0;
    mintls_record_dir plain;
    mintls_record_dir_init(&plain);
    while (buf != NULL && off < n && p->nrecs < HP_MAX_RECORDS) {
        /* Protected records are application_data outside; the rest is clear. */
        int enc = buf[off] == MINTLS_CT_APPLICATION_DATA && p->rd.prot.ops != NULL;
        mintls_record rec;
        mintls_record_result res = mintls_record_read(enc ? &p->rd : &plain, buf + off, n - off,
                                                      &rec);
        if (res == MINTLS_RECORD_NEED_MORE || res == MINTLS_RECORD_SEND_ALERT) {
            p->bad_record = 1;
            break;
        }
        hp_record *h = &p->recs[p->nrecs++];
        h->type = rec.type;
        if (res == MINTLS_RECORD_CLOSE_NOTIFY || res == MINTLS_RECORD_PEER_ALERT)
            h->type = MINTLS_CT_ALERT;
        h->encrypted = enc;
        h->len = rec.len;
        h->data = malloc(rec.len ? rec.len : 1);
        if (h->data != NULL && rec.len)
            memcpy(h->data, rec.data, rec.len);
        off += rec.consumed;
        if (p->on_record != NULL && !p->on_record(p, h))
            p->bad_record = 1;
    }
    free(buf);
    return p->nrecs;
}

/* The received handshake bytes, concatenated (malloc'd). */
static uint8_t *hs_bytes(const hostile_peer *p, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < p->nrecs; i++)
        if (p->recs[i].type == MINTLS_CT_HANDSHAKE)
            total += p->recs[i].len;
    uint8_t *b = malloc(total ? total : 1);
    *len = 0;
    for (size_t i = 0; b != NULL && i < p->nrecs; i++)
        if (p->recs[i].type == MINTLS_CT_HANDSHAKE) {
            memcpy(b + *len, p->recs[i].data, p->recs[i].len);
            *len += p->recs[i].len;
        }
    return b;
}

int hp_find_hs(const hostile_peer *p, uint8_t type, const uint8_t **msg, size_t *len)
{
    /* Points into the record copies: only single-record messages. */
    for (size_t i = 0; i < p->nrecs; i++) {
        if (p->recs[i].type != MINTLS_CT_HANDSHAKE)
            continue;
        size_t off = 0;
        while (off + 4 <= p->recs[i].len) {
            const uint8_t *m = p->recs[i].data + off;
            size_t l = 4 + ((size_t)m[1] << 16 | (size_t)m[2] << 8 | m[3]);
            if (off + l > p->recs[i].len)
                break;
            if (m[0] == type) {
                *msg = m;
                *len = l;
                return 1;
            }
            off += l;
        }
    }
    return 0;
}

int hp_absorb_received(hostile_peer *p)
{
    size_t len;
    uint8_t *b = hs_bytes(p, &len);
    int ok = b != NULL && mintls_transcript_update(&p->tr, b, len);
    free(b);
    return ok;
}

int hp_send_bytes(hostile_peer *p, const uint8_t *bytes, size_t len)
{
    return BIO_write(p->to_ssl, bytes, (int)len) == (int)len;
}

int hp_send(hostile_peer *p, uint8_t type, const uint8_t *data, size_t len)
{
    size_t cap = mintls_record_write_size(&p->wr, len, 0) + 64, n = 0;
    uint8_t *out = malloc(cap);
    int ok = out != NULL &&
             mintls_record_write(&p->wr, type, data, len, 0, out, cap, &n) &&
             hp_send_bytes(p, out, n);
    free(out);
    return ok;
}

int hp_send_sealed_raw(hostile_peer *p, uint8_t inner_type, const uint8_t *data, size_t len,
                       size_t padding, int flip_tag)
{
    mintls_record_protection *prot = &p->wr.prot;
    if (prot->ops == NULL)
        return 0;
    size_t cap = MINTLS_RECORD_HEADER_LEN + len + 1 + padding + prot->tag_len, n = 0;
    uint8_t *out = malloc(cap);
    if (out == NULL)
        return 0;
    if (len)
        memcpy(out + MINTLS_RECORD_HEADER_LEN, data, len);
    /* Straight to the AEAD: the record layer would refuse these shapes. */
    int ok = prot->ops->seal(prot, p->wr.seq, inner_type, 0x0303, out, len, padding, &n);
    p->wr.seq++;
    if (ok && flip_tag)
        out[n - 1] ^= 0x80;
    ok = ok && hp_send_bytes(p, out, n);
    free(out);
    return ok;
}

int hp_send_hs(hostile_peer *p, const uint8_t *msg, size_t len)
{
    return mintls_transcript_update(&p->tr, msg, len) &&
           hp_send(p, MINTLS_CT_HANDSHAKE, msg, len);
}

int hp_derive_handshake(hostile_peer *p)
{
    uint8_t dhe[48], hash[EVP_MAX_MD_SIZE];
    size_t dhe_len = 0, hash_len = 0;
    const EVP_MD *md = p->suite->md();
    int ok = mintls_tls13_group_derive(MINTLS_GROUP_X25519, p->kex, p->their_pub,
                                       p->their_pub_len, dhe, &dhe_len) &&
             mintls_transcript_hash(&p->tr, hash, &hash_len) &&
             mintls_tls13_schedule_init(&p->ks, md) &&
             mintls_tls13_schedule_early(&p->ks, NULL, 0) &&
             mintls_tls13_schedule_handshake(&p->ks, dhe, dhe_len) &&
             mintls_tls13_handshake_traffic(&p->ks, hash, p->c_hs, p->s_hs);
    OPENSSL_cleanse(dhe, sizeof(dhe));
    return ok;
}

int hp_derive_application(hostile_peer *p)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len = 0;
    return mintls_transcript_hash(&p->tr, hash, &hash_len) &&
           mintls_tls13_schedule_master(&p->ks) &&
           mintls_tls13_application_traffic(&p->ks, hash, p->c_ap, p->s_ap, NULL);
}

int hp_install(hostile_peer *p, const uint8_t *secret, int write)
{
    return mintls_tls13_install_traffic_secret(write ? &p->wr : &p->rd, p->suite->md(),
                                               p->suite->aead(), secret, write);
}

int hp_finished(hostile_peer *p, const uint8_t *base_key, uint8_t *out)
{
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t hash_len = 0;
    return mintls_transcript_hash(&p->tr, hash, &hash_len) &&
           mintls_tls13_finished_verify_data(p->suite->md(), base_key, hash, out);
}

int hp_next_key(hostile_peer *p, uint8_t *secret, int write)
{
    return mintls_tls13_next_traffic_secret(p->suite->md(), secret) &&
           hp_install(p, secret, write);
}

uint8_t *hp_take_unread(hostile_peer *p, size_t *len)
{
    size_t n = BIO_ctrl_pending(p->to_ssl);
    uint8_t *b = malloc(n ? n : 1);
    *len = 0;
    if (b != NULL && n > 0 && BIO_read(p->to_ssl, b, (int)n) == (int)n)
        *len = n;
    return b;
}

uint8_t *hp_take(mintls_writer *w, size_t *len)
{
    uint8_t *msg = NULL;
    *len = 0;
    if (!mintls_writer_finish(w, &msg, len))
        msg = NULL;
    mintls_writer_clear(w);
    return msg;
}
