/*
 * RFC 8448 replayed through the TLS 1.3 key schedule, transcript and record
 * layer: section 3 (Simple 1-RTT Handshake) and section 5
 * (HelloRetryRequest). Every value is read from the RFC's text
 * (rfc8448.txt) and compared byte for byte.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "rfc8448_trace.h"
#include "test.h"
#include "tls13_key_schedule.h"
#include "transcript.h"

#define BIG 4096

typedef struct {
    uint8_t b[BIG];
    size_t n;
} val;

static trace_section sec;

static val get(const char *step, int nth, const char *label)
{
    val v;
    long n = trace_get(sec, step, nth, label, v.b, sizeof(v.b));
    v.n = n < 0 ? 0 : (size_t)n;
    return v;
}

static void check_val(const uint8_t *got, size_t got_len, const val *want, const char *what)
{
    if (!CHECK(want->n != 0 && got_len == want->n))
        fprintf(stderr, "  %s: length %zu, want %zu\n", what, got_len, want->n);
    else
        CHECK_MEM(got, want->b, want->n, what);
}

/* ---- records ----------------------------------------------------------------- */

/*
 * Seals payload as one record of the given type with dir and compares with
 * the trace's complete record; then opens it with a reader holding the same
 * keys and checks the plaintext and type come back.
 */
static void seal_and_open(mintls_record_dir *wr, mintls_record_dir *rd, uint8_t type,
                          const char *step, int nth, const char *what)
{
    static uint8_t out[BIG + 64];
    val payload = get(step, nth, "payload");
    val record = get(step, nth, "complete record");
    size_t out_len = 0;
    uint64_t wseq = wr->seq, rseq = rd->seq;
    CHECK(mintls_record_write(wr, type, payload.b, payload.n, 0, out, sizeof(out), &out_len));
    check_val(out, out_len, &record, what);
    CHECK(wr->seq == wseq + (wr->prot.ops != NULL ? 1 : 0));

    mintls_record rec;
    mintls_record_result r = mintls_record_read(rd, out, out_len, &rec);
    if (type == MINTLS_CT_ALERT) {
        CHECK(r == MINTLS_RECORD_CLOSE_NOTIFY);
        CHECK(rec.alert == MINTLS_ALERT_CLOSE_NOTIFY && rec.alert_level == 1);
    } else {
        CHECK(r == MINTLS_RECORD_OK);
    }
    CHECK(rec.type == type);
    CHECK(rec.consumed == record.n);
    CHECK(rec.len == payload.n);
    if (rec.len == payload.n)
        CHECK_MEM(rec.data, payload.b, payload.n, what);
    CHECK(rd->seq == rseq + (rd->prot.ops != NULL ? 1 : 0));

    /* The reader also accepts the trace's own bytes (not only ours). */
    if (rd->prot.ops != NULL) {
        mintls_record_dir copy = *rd;
        copy.seq = rseq;
        memcpy(out, record.b, record.n);
        r = mintls_record_read(&copy, out, record.n, &rec);
        CHECK(r == (type == MINTLS_CT_ALERT ? MINTLS_RECORD_CLOSE_NOTIFY : MINTLS_RECORD_OK));
        CHECK(rec.len == payload.n && memcmp(rec.data, payload.b, payload.n) == 0);
    }
}

static void check_traffic_keys(const uint8_t *secret, const char *step)
{
    val key = get(step, 0, "key expanded"), iv = get(step, 0, "iv expanded");
    uint8_t k[32], i[12];
    CHECK(mintls_tls13_traffic_key_iv(EVP_sha256(), secret, k, 16, i, 12));
    check_val(k, 16, &key, step);
    check_val(i, 12, &iv, step);
}

static void transcript_hash(const mintls_transcript *t, uint8_t *out)
{
    size_t n = 0;
    CHECK(mintls_transcript_hash(t, out, &n) && n == 32);
}

/* ---- section 3 ----------------------------------------------------------------- */

static void simple_1rtt(const char *doc)
{
    sec = trace_find_section(doc, "3.  Simple 1-RTT Handshake", "4.  Resumed 0-RTT Handshake");
    const EVP_MD *md = EVP_sha256();
    val ch = get("{client}  construct a ClientHello handshake message:", 0, "ClientHello");
    val sh = get("{server}  construct a ServerHello handshake message:", 0, "ServerHello");
    val ee = get("{server}  construct an EncryptedExtensions handshake message:", 0,
                 "EncryptedExtensions");
    val cert = get("{server}  construct a Certificate handshake message:", 0, "Certificate");
    val cv = get("{server}  construct a CertificateVerify handshake message:", 0,
                 "CertificateVerify");
    val sfin = get("{server}  construct a Finished handshake message:", 0, "Finished");
    val cfin = get("{client}  construct a Finished handshake message:", 0, "Finished");
    val ecdhe = get("{server}  extract secret \"handshake\":", 0, "IKM");

    /* The transcript: the ClientHello is kept as bytes until the suite
     * (TLS_AES_128_GCM_SHA256) is known from the ServerHello. */
    mintls_transcript t;
    mintls_transcript_init(&t);
    CHECK(mintls_transcript_md(&t) == NULL);
    CHECK(mintls_transcript_update(&t, ch.b, ch.n));
    uint8_t h[EVP_MAX_MD_SIZE], h2[EVP_MAX_MD_SIZE];
    size_t hn = 0;
    CHECK(!mintls_transcript_hash(&t, h, &hn)); /* no hash chosen yet */
    CHECK(mintls_transcript_set_hash(&t, md));
    CHECK(mintls_transcript_update(&t, sh.b, sh.n));
    uint8_t hash_ch_sh[32], hash_ch_cv[32], hash_ch_sf[32], hash_ch_cf[32];
    transcript_hash(&t, hash_ch_sh);
    val want = get("{server}  derive secret \"tls13 c hs traffic\":", 0, "hash");
    check_val(hash_ch_sh, 32, &want, "transcript CH..SH");
    /* A snapshot leaves the running hash alone. */
    transcript_hash(&t, h2);
    CHECK_MEM(h2, hash_ch_sh, 32, "second snapshot");

    /* The secret chain. */
    mintls_tls13_schedule ks;
    CHECK(mintls_tls13_schedule_init(&ks, md));
    CHECK(mintls_tls13_schedule_early(&ks, NULL, 0));
    want = get("{server}  extract secret \"early\":", 0, "secret");
    check_val(ks.secret, ks.hash_len, &want, "early secret");
    CHECK(mintls_tls13_schedule_handshake(&ks, ecdhe.b, ecdhe.n));
    want = get("{server}  extract secret \"handshake\":", 0, "secret");
    check_val(ks.secret, ks.hash_len, &want, "handshake secret");
    /* Out of order: the application secrets need the master stage. */
    uint8_t c_hs[32], s_hs[32], c_ap[32], s_ap[32], exp_master[32], res_master[32];
    CHECK(!mintls_tls13_application_traffic(&ks, hash_ch_sh, c_ap, s_ap, NULL));
    CHECK(mintls_tls13_handshake_traffic(&ks, hash_ch_sh, c_hs, s_hs));
    want = get("{server}  derive secret \"tls13 c hs traffic\":", 0, "expanded");
    check_val(c_hs, 32, &want, "c hs traffic");
    want = get("{server}  derive secret \"tls13 s hs traffic\":", 0, "expanded");
    check_val(s_hs, 32, &want, "s hs traffic");
    CHECK(mintls_tls13_schedule_master(&ks));
    want = get("{server}  extract secret \"master\":", 0, "secret");
    check_val(ks.secret, ks.hash_len, &want, "master secret");

    /* Derive-Secret(., "derived", "") against the trace's own step. */
    uint8_t derived[32];
    val prk = get("{server}  derive secret for handshake \"tls13 derived\":", 0, "PRK");
    CHECK(mintls_tls13_derive_secret(md, prk.b, "derived", NULL, derived));
    want = get("{server}  derive secret for handshake \"tls13 derived\":", 0, "expanded");
    check_val(derived, 32, &want, "derived");

    check_traffic_keys(s_hs, "{server}  derive write traffic keys for handshake data:");
    check_traffic_keys(c_hs, "{server}  derive read traffic keys for handshake data:");

    /* Server Finished covers ClientHello..CertificateVerify. */
    CHECK(mintls_transcript_update(&t, ee.b, ee.n));
    CHECK(mintls_transcript_update(&t, cert.b, cert.n));
    CHECK(mintls_transcript_update(&t, cv.b, cv.n));
    transcript_hash(&t, hash_ch_cv);
    uint8_t fkey[32], verify[32];
    CHECK(mintls_tls13_finished_key(md, s_hs, fkey));
    want = get("{server}  calculate finished \"tls13 finished\":", 0, "expanded");
    check_val(fkey, 32, &want, "server finished_key");
    CHECK(mintls_tls13_finished_verify_data(md, s_hs, hash_ch_cv, verify));
    want = get("{server}  calculate finished \"tls13 finished\":", 0, "finished");
    check_val(verify, 32, &want, "server verify_data");
    CHECK(sfin.n == 36 && memcmp(sfin.b + 4, verify, 32) == 0);

    CHECK(mintls_transcript_update(&t, sfin.b, sfin.n));
    transcript_hash(&t, hash_ch_sf);
    want = get("{server}  derive secret \"tls13 c ap traffic\":", 0, "hash");
    check_val(hash_ch_sf, 32, &want, "transcript CH..server Finished");
    CHECK(mintls_tls13_application_traffic(&ks, hash_ch_sf, c_ap, s_ap, exp_master));
    want = get("{server}  derive secret \"tls13 c ap traffic\":", 0, "expanded");
    check_val(c_ap, 32, &want, "c ap traffic");
    want = get("{server}  derive secret \"tls13 s ap traffic\":", 0, "expanded");
    check_val(s_ap, 32, &want, "s ap traffic");
    want = get("{server}  derive secret \"tls13 exp master\":", 0, "expanded");
    check_val(exp_master, 32, &want, "exp master");
    check_traffic_keys(s_ap, "{server}  derive write traffic keys for application data:");
    check_traffic_keys(c_ap, "{client}  derive write traffic keys for application data:");

    /* Client Finished covers ClientHello..server Finished. */
    CHECK(mintls_tls13_finished_key(md, c_hs, fkey));
    want = get("{client}  calculate finished \"tls13 finished\":", 0, "expanded");
    check_val(fkey, 32, &want, "client finished_key");
    CHECK(mintls_tls13_finished_verify_data(md, c_hs, hash_ch_sf, verify));
    want = get("{client}  calculate finished \"tls13 finished\":", 0, "finished");
    check_val(verify, 32, &want, "client verify_data");
    CHECK(cfin.n == 36 && memcmp(cfin.b + 4, verify, 32) == 0);

    CHECK(mintls_transcript_update(&t, cfin.b, cfin.n));
    transcript_hash(&t, hash_ch_cf);
    want = get("{client}  derive secret \"tls13 res master\":", 0, "hash");
    check_val(hash_ch_cf, 32, &want, "transcript CH..client Finished");
    CHECK(mintls_tls13_resumption_master(&ks, hash_ch_cf, res_master));
    want = get("{client}  derive secret \"tls13 res master\":", 0, "expanded");
    check_val(res_master, 32, &want, "res master");
    val nonce = get("{server}  generate resumption secret \"tls13 resumption\":", 0, "hash");
    uint8_t psk[32];
    CHECK(mintls_tls13_resumption_psk(md, res_master, nonce.b, nonce.n, psk));
    want = get("{server}  generate resumption secret \"tls13 resumption\":", 0, "expanded");
    check_val(psk, 32, &want, "resumption PSK");

    /* ---- records ---- */
    mintls_record_dir cw, cr, sw, sr;
    mintls_record_dir_init(&cw);
    mintls_record_dir_init(&cr);
    mintls_record_dir_init(&sw);
    mintls_record_dir_init(&sr);
    /* The initial ClientHello goes out as TLS 1.0 on the record layer. */
    cw.version = 0x0301;
    sw.version = 0x0303;
    seal_and_open(&cw, &sr, MINTLS_CT_HANDSHAKE, "{client}  send handshake record:", 0,
                  "ClientHello record");
    seal_and_open(&sw, &cr, MINTLS_CT_HANDSHAKE, "{server}  send handshake record:", 0,
                  "ServerHello record");
    const EVP_CIPHER *gcm = EVP_aes_128_gcm();
    CHECK(mintls_tls13_install_traffic_secret(&sw, md, gcm, s_hs, 1));
    CHECK(mintls_tls13_install_traffic_secret(&cr, md, gcm, s_hs, 0));
    cr.version = 0x0303;
    seal_and_open(&sw, &cr, MINTLS_CT_HANDSHAKE, "{server}  send handshake record:", 1,
                  "EncryptedExtensions..Finished record");
    CHECK(mintls_tls13_install_traffic_secret(&cw, md, gcm, c_hs, 1));
    CHECK(mintls_tls13_install_traffic_secret(&sr, md, gcm, c_hs, 0));
    seal_and_open(&cw, &sr, MINTLS_CT_HANDSHAKE, "{client}  send handshake record:", 1,
                  "client Finished record");
    CHECK(mintls_tls13_install_traffic_secret(&sw, md, gcm, s_ap, 1));
    CHECK(mintls_tls13_install_traffic_secret(&cr, md, gcm, s_ap, 0));
    CHECK(mintls_tls13_install_traffic_secret(&cw, md, gcm, c_ap, 1));
    CHECK(mintls_tls13_install_traffic_secret(&sr, md, gcm, c_ap, 0));
    CHECK(sw.seq == 0 && cw.seq == 0);
    seal_and_open(&sw, &cr, MINTLS_CT_HANDSHAKE, "{server}  send handshake record:", 2,
                  "NewSessionTicket record");
    seal_and_open(&cw, &sr, MINTLS_CT_APPLICATION_DATA,
                  "{client}  send application_data record:", 0, "client application data");
    seal_and_open(&sw, &cr, MINTLS_CT_APPLICATION_DATA,
                  "{server}  send application_data record:", 0, "server application data");
    seal_and_open(&cw, &sr, MINTLS_CT_ALERT, "{client}  send alert record:", 0,
                  "client close_notify");
    seal_and_open(&sw, &cr, MINTLS_CT_ALERT, "{server}  send alert record:", 0,
                  "server close_notify");
    CHECK(sw.seq == 3 && cr.seq == 3 && cw.seq == 2 && sr.seq == 2);

    mintls_record_dir_clear(&cw);
    mintls_record_dir_clear(&cr);
    mintls_record_dir_clear(&sw);
    mintls_record_dir_clear(&sr);
    CHECK(cw.prot.aead == NULL && cw.prot.ops == NULL);
    mintls_tls13_schedule_clear(&ks);
    CHECK(ks.stage == MINTLS_TLS13_STAGE_NONE && ks.md == NULL);
    mintls_transcript_clear(&t);
}

/* ---- section 5 ----------------------------------------------------------------- */

static void hello_retry(const char *doc)
{
    sec = trace_find_section(doc, "5.  HelloRetryRequest", "6.  Client Authentication");
    const EVP_MD *md = EVP_sha256();
    const char *ch_step = "{client}  construct a ClientHello handshake message:";
    const char *sh_step = "{server}  construct a ServerHello handshake message:";
    val ch1 = get(ch_step, 0, "ClientHello");
    val hrr = get(sh_step, 0, "ServerHello"); /* the HelloRetryRequest */
    val ch2 = get(ch_step, 1, "ClientHello");
    val sh = get(sh_step, 1, "ServerHello");
    val ee = get("{server}  construct an EncryptedExtensions handshake message:", 0,
                 "EncryptedExtensions");
    val cert = get("{server}  construct a Certificate handshake message:", 0, "Certificate");
    val cv = get("{server}  construct a CertificateVerify handshake message:", 0,
                 "CertificateVerify");
    val sfin = get("{server}  construct a Finished handshake message:", 0, "Finished");
    val cfin = get("{client}  construct a Finished handshake message:", 0, "Finished");
    val ecdhe = get("{server}  extract secret \"handshake\":", 0, "IKM");

    /* The client learns the hash from the HelloRetryRequest; ClientHello1
     * becomes message_hash(Hash(ClientHello1)). */
    mintls_transcript t;
    mintls_transcript_init(&t);
    CHECK(mintls_transcript_update(&t, ch1.b, ch1.n));
    CHECK(!mintls_transcript_hello_retry(&t)); /* needs the hash */
    CHECK(mintls_transcript_set_hash(&t, md));
    CHECK(!mintls_transcript_set_hash(&t, md)); /* only once */
    CHECK(mintls_transcript_hello_retry(&t));
    /* The same, built by hand. */
    uint8_t mh[4 + 32];
    unsigned int mhn = 0;
    mh[0] = 254, mh[1] = 0, mh[2] = 0, mh[3] = 32;
    CHECK(EVP_Digest(ch1.b, ch1.n, mh + 4, &mhn, md, NULL) && mhn == 32);
    mintls_transcript byhand;
    mintls_transcript_init(&byhand);
    CHECK(mintls_transcript_update(&byhand, mh, sizeof(mh)));
    CHECK(mintls_transcript_set_hash(&byhand, md));

    CHECK(mintls_transcript_update(&t, hrr.b, hrr.n));
    CHECK(mintls_transcript_update(&t, ch2.b, ch2.n));
    CHECK(mintls_transcript_update(&t, sh.b, sh.n));
    CHECK(mintls_transcript_update(&byhand, hrr.b, hrr.n));
    CHECK(mintls_transcript_update(&byhand, ch2.b, ch2.n));
    CHECK(mintls_transcript_update(&byhand, sh.b, sh.n));
    uint8_t hash_sh[32], hash_hand[32], hash_cv[32], hash_sf[32], hash_cf[32];
    transcript_hash(&t, hash_sh);
    transcript_hash(&byhand, hash_hand);
    CHECK_MEM(hash_sh, hash_hand, 32, "message_hash by hand");
    val want = get("{server}  derive secret \"tls13 c hs traffic\":", 0, "hash");
    check_val(hash_sh, 32, &want, "HRR transcript CH1..SH");

    mintls_tls13_schedule ks;
    CHECK(mintls_tls13_schedule_init(&ks, md));
    /* No early stage asked for: the handshake step runs it (no PSK). */
    CHECK(mintls_tls13_schedule_handshake(&ks, ecdhe.b, ecdhe.n));
    want = get("{server}  extract secret \"handshake\":", 0, "secret");
    check_val(ks.secret, 32, &want, "HRR handshake secret");
    uint8_t c_hs[32], s_hs[32], c_ap[32], s_ap[32], exp_master[32], res_master[32];
    CHECK(mintls_tls13_handshake_traffic(&ks, hash_sh, c_hs, s_hs));
    want = get("{server}  derive secret \"tls13 c hs traffic\":", 0, "expanded");
    check_val(c_hs, 32, &want, "HRR c hs traffic");
    want = get("{server}  derive secret \"tls13 s hs traffic\":", 0, "expanded");
    check_val(s_hs, 32, &want, "HRR s hs traffic");
    CHECK(mintls_tls13_schedule_master(&ks));
    want = get("{server}  extract secret \"master\":", 0, "secret");
    check_val(ks.secret, 32, &want, "HRR master secret");
    check_traffic_keys(s_hs, "{server}  derive write traffic keys for handshake data:");
    check_traffic_keys(c_hs, "{server}  derive read traffic keys for handshake data:");

    CHECK(mintls_transcript_update(&t, ee.b, ee.n));
    CHECK(mintls_transcript_update(&t, cert.b, cert.n));
    CHECK(mintls_transcript_update(&t, cv.b, cv.n));
    transcript_hash(&t, hash_cv);
    uint8_t verify[32];
    CHECK(mintls_tls13_finished_verify_data(md, s_hs, hash_cv, verify));
    want = get("{server}  calculate finished \"tls13 finished\":", 0, "finished");
    check_val(verify, 32, &want, "HRR server verify_data");
    CHECK(mintls_transcript_update(&t, sfin.b, sfin.n));
    transcript_hash(&t, hash_sf);
    want = get("{server}  derive secret \"tls13 c ap traffic\":", 0, "hash");
    check_val(hash_sf, 32, &want, "HRR transcript ..server Finished");
    CHECK(mintls_tls13_application_traffic(&ks, hash_sf, c_ap, s_ap, exp_master));
    want = get("{server}  derive secret \"tls13 c ap traffic\":", 0, "expanded");
    check_val(c_ap, 32, &want, "HRR c ap traffic");
    want = get("{server}  derive secret \"tls13 s ap traffic\":", 0, "expanded");
    check_val(s_ap, 32, &want, "HRR s ap traffic");
    want = get("{server}  derive secret \"tls13 exp master\":", 0, "expanded");
    check_val(exp_master, 32, &want, "HRR exp master");
    CHECK(mintls_tls13_finished_verify_data(md, c_hs, hash_sf, verify));
    want = get("{client}  calculate finished \"tls13 finished\":", 0, "finished");
    check_val(verify, 32, &want, "HRR client verify_data");
    CHECK(mintls_transcript_update(&t, cfin.b, cfin.n));
    transcript_hash(&t, hash_cf);
    CHECK(mintls_tls13_resumption_master(&ks, hash_cf, res_master));
    want = get("{client}  derive secret \"tls13 res master\":", 0, "expanded");
    check_val(res_master, 32, &want, "HRR res master");

    /* The protected server flight and client Finished. */
    mintls_record_dir sw, cr, cw, sr;
    mintls_record_dir_init(&sw);
    mintls_record_dir_init(&cr);
    mintls_record_dir_init(&cw);
    mintls_record_dir_init(&sr);
    const EVP_CIPHER *gcm = EVP_aes_128_gcm();
    CHECK(mintls_tls13_install_traffic_secret(&sw, md, gcm, s_hs, 1));
    CHECK(mintls_tls13_install_traffic_secret(&cr, md, gcm, s_hs, 0));
    CHECK(mintls_tls13_install_traffic_secret(&cw, md, gcm, c_hs, 1));
    CHECK(mintls_tls13_install_traffic_secret(&sr, md, gcm, c_hs, 0));
    /* Records #0 and #1 of each side are the plaintext hellos. */
    seal_and_open(&sw, &cr, MINTLS_CT_HANDSHAKE, "{server}  send handshake record:", 2,
                  "HRR EncryptedExtensions..Finished record");
    seal_and_open(&cw, &sr, MINTLS_CT_HANDSHAKE, "{client}  send handshake record:", 2,
                  "HRR client Finished record");
    mintls_record_dir_clear(&sw);
    mintls_record_dir_clear(&cr);
    mintls_record_dir_clear(&cw);
    mintls_record_dir_clear(&sr);
    mintls_tls13_schedule_clear(&ks);
    mintls_transcript_clear(&t);
    mintls_transcript_clear(&byhand);
}

/* ---- independent checks for what RFC 8448 has no vector for ---------------------- */

/* HKDF-Expand-Label by hand: RFC 5869 expand as T(i) = HMAC(PRK, T(i-1) || info || i). */
static void ref_expand_label(const EVP_MD *md, const uint8_t *secret, const char *label,
                             const uint8_t *ctx, size_t ctx_len, uint8_t *out, size_t out_len)
{
    uint8_t info[600], block[EVP_MAX_MD_SIZE + 600], t[EVP_MAX_MD_SIZE];
    size_t n = 0, ll = strlen(label), hl = (size_t)EVP_MD_get_size(md), tlen = 0;
    unsigned int tl = 0;
    info[n++] = (uint8_t)(out_len >> 8);
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)(6 + ll);
    memcpy(info + n, "tls13 ", 6);
    n += 6;
    memcpy(info + n, label, ll);
    n += ll;
    info[n++] = (uint8_t)ctx_len;
    if (ctx_len != 0)
        memcpy(info + n, ctx, ctx_len);
    n += ctx_len;
    for (uint8_t i = 1; out_len > 0; i++) {
        memcpy(block, t, tlen);
        memcpy(block + tlen, info, n);
        block[tlen + n] = i;
        HMAC(md, secret, (int)hl, block, tlen + n + 1, t, &tl);
        tlen = tl;
        size_t take = out_len < tlen ? out_len : tlen;
        memcpy(out, t, take);
        out += take;
        out_len -= take;
    }
}

static void independent(const EVP_MD *md)
{
    size_t hl = (size_t)EVP_MD_get_size(md);
    uint8_t secret[48], a[48], b[48], empty[48], ctxh[48];
    unsigned int n = 0;
    for (size_t i = 0; i < sizeof(secret); i++)
        secret[i] = (uint8_t)(i * 7 + 1);

    /* KeyUpdate (RFC 8446 7.2). */
    memcpy(a, secret, hl);
    CHECK(mintls_tls13_next_traffic_secret(md, a));
    ref_expand_label(md, secret, "traffic upd", NULL, 0, b, hl);
    CHECK_MEM(a, b, hl, "traffic upd");
    CHECK(memcmp(a, secret, hl) != 0);

    /* Exporter (RFC 8446 7.5). */
    static const uint8_t context[] = {'c', 't', 'x'};
    uint8_t exp[40], want[40], derived[48];
    CHECK(mintls_tls13_export(md, secret, "EXPORTER-test", 13, context, sizeof(context), exp,
                              sizeof(exp)));
    EVP_Digest("", 0, empty, &n, md, NULL);
    EVP_Digest(context, sizeof(context), ctxh, &n, md, NULL);
    ref_expand_label(md, secret, "EXPORTER-test", empty, hl, derived, hl);
    ref_expand_label(md, derived, "exporter", ctxh, hl, want, sizeof(want));
    CHECK_MEM(exp, want, sizeof(want), "exporter");
    /* Label, context and length all change the output. */
    CHECK(mintls_tls13_export(md, secret, "EXPORTER-tesu", 13, context, sizeof(context), a, 40));
    CHECK(memcmp(a, exp, 40) != 0);
    CHECK(mintls_tls13_export(md, secret, "EXPORTER-test", 13, NULL, 0, a, 40));
    CHECK(memcmp(a, exp, 40) != 0);
    CHECK(mintls_tls13_export(md, secret, "EXPORTER-test", 13, context, 3, a, 20));
    CHECK(memcmp(a, exp, 20) != 0);

    /* Binder keys (RFC 8446 7.1). */
    mintls_tls13_schedule ks;
    CHECK(mintls_tls13_schedule_init(&ks, md));
    CHECK(ks.hash_len == hl);
    CHECK(mintls_tls13_schedule_early(&ks, secret, hl));
    CHECK(!mintls_tls13_schedule_early(&ks, secret, hl)); /* once */
    uint8_t early[48], prk[48];
    unsigned int pl = 0;
    HMAC(md, (const uint8_t[48]){0}, (int)hl, secret, hl, prk, &pl); /* Extract(0, PSK) */
    memcpy(early, ks.secret, hl);
    CHECK_MEM(early, prk, hl, "early secret with PSK");
    CHECK(mintls_tls13_early_binder_key(&ks, 1, a));
    ref_expand_label(md, early, "ext binder", empty, hl, b, hl);
    CHECK_MEM(a, b, hl, "ext binder");
    CHECK(mintls_tls13_early_binder_key(&ks, 0, a));
    ref_expand_label(md, early, "res binder", empty, hl, b, hl);
    CHECK_MEM(a, b, hl, "res binder");
    CHECK(mintls_tls13_early_traffic(&ks, ctxh, a, derived));
    ref_expand_label(md, early, "c e traffic", ctxh, hl, b, hl);
    CHECK_MEM(a, b, hl, "c e traffic");
    ref_expand_label(md, early, "e exp master", ctxh, hl, b, hl);
    CHECK_MEM(derived, b, hl, "e exp master");
    /* psk_ke: the handshake secret extracts from zeros. */
    CHECK(mintls_tls13_schedule_handshake(&ks, NULL, 0));
    ref_expand_label(md, early, "derived", empty, hl, b, hl);
    HMAC(md, b, (int)hl, (const uint8_t[48]){0}, hl, prk, &pl);
    CHECK_MEM(ks.secret, prk, hl, "psk_ke handshake secret");
    CHECK(!mintls_tls13_early_binder_key(&ks, 1, a)); /* early stage is gone */
    mintls_tls13_schedule_clear(&ks);

    /* Traffic keys for a 32-byte key (AES-256-GCM / ChaCha20). */
    uint8_t key[32], iv[12];
    CHECK(mintls_tls13_traffic_key_iv(md, secret, key, 32, iv, 12));
    ref_expand_label(md, secret, "key", NULL, 0, b, 32);
    CHECK_MEM(key, b, 32, "32-byte key");
    ref_expand_label(md, secret, "iv", NULL, 0, b, 12);
    CHECK_MEM(iv, b, 12, "iv");

    /* Transcript: hash_with matches before and after the hash is chosen. */
    mintls_transcript t;
    mintls_transcript_init(&t);
    uint8_t big[1500];
    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (uint8_t)i;
    CHECK(mintls_transcript_update(&t, big, 700));
    CHECK(mintls_transcript_update(&t, big + 700, 700)); /* grows the kept bytes */
    size_t l1 = 0, l2 = 0;
    CHECK(mintls_transcript_hash_with(&t, md, big + 1400, 100, a, &l1));
    CHECK(mintls_transcript_set_hash(&t, md));
    CHECK(mintls_transcript_md(&t) == md);
    CHECK(mintls_transcript_hash_with(&t, md, big + 1400, 100, b, &l2));
    CHECK(l1 == hl && l2 == hl);
    CHECK_MEM(a, b, hl, "hash_with before/after set_hash");
    EVP_Digest(big, sizeof(big), ctxh, &n, md, NULL);
    CHECK_MEM(a, ctxh, hl, "hash_with vs one-shot");
    CHECK(mintls_transcript_hash(&t, a, &l1)); /* extra was not added */
    EVP_Digest(big, 1400, ctxh, &n, md, NULL);
    CHECK_MEM(a, ctxh, hl, "transcript unchanged by hash_with");
    CHECK(!mintls_transcript_hash_with(&t, md == EVP_sha256() ? EVP_sha384() : EVP_sha256(),
                                       NULL, 0, a, &l1));
    mintls_transcript_clear(&t);

    /* Argument checks. */
    CHECK(!mintls_tls13_schedule_init(&ks, EVP_sha1()));
    char longlabel[251];
    memset(longlabel, 'a', 250);
    longlabel[250] = 0;
    CHECK(!mintls_tls13_hkdf_expand_label(md, secret, hl, longlabel, 250, NULL, 0, a, 16));
    CHECK(mintls_tls13_hkdf_expand_label(md, secret, hl, longlabel, 249, NULL, 0, a, 16));
}

int main(void)
{
    char *doc = trace_load(TRACE_FILE);
    simple_1rtt(doc);
    hello_retry(doc);
    independent(EVP_sha256());
    independent(EVP_sha384());
    free(doc);
    return test_summary();
}
