/*
 * The handshake message layer against RFC 8448: every handshake message of
 * sections 3, 5 and 6 (and section 4's ClientHello with pre_shared_key) is
 * parsed, its fields checked against the trace, written back from the
 * parsed struct and compared byte for byte. Then malformed input: every
 * message truncated at every byte, extended by a byte, with length
 * prefixes off by one, every byte changed, and the specific protocol
 * violations, each with its RFC 8446 alert.
 */
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "rfc8448_trace.h"
#include "test.h"
#include "tls13_hello.h"
#include "tls13_msgs.h"
#include "tls_cursor.h"
#include "tls_extensions.h"
#include "tls_handshake_msg.h"

#define BIG 4096
#define OK 0xff /* "parsed" in place of an alert */

typedef struct {
    uint8_t b[BIG];
    size_t n;
} val;

static trace_section s3, s4, s5, s6;

static val get(trace_section sec, const char *step, int nth, const char *label)
{
    val v;
    long n = trace_get(sec, step, nth, label, v.b, sizeof(v.b));
    v.n = n < 0 ? 0 : (size_t)n;
    return v;
}

static val msg(trace_section sec, const char *name, int nth)
{
    char step[128];
    const char *article = (name[0] == 'E') ? "an" : "a";
    snprintf(step, sizeof(step), "construct %s %s handshake message:", article, name);
    return get(sec, step, nth, name);
}

/* Compares what the writer holds with want. */
static void check_written(mintls_writer *w, const val *want, const char *what)
{
    uint8_t *out = NULL;
    size_t out_len = 0;
    if (!CHECK(mintls_writer_finish(w, &out, &out_len))) {
        fprintf(stderr, "  %s: writer failed\n", what);
        return;
    }
    if (CHECK(out_len == want->n))
        CHECK_MEM(out, want->b, want->n, what);
    else
        fprintf(stderr, "  %s: wrote %zu bytes, want %zu\n", what, out_len, want->n);
    OPENSSL_free(out);
}

/* ---- one parser behind one signature, for the malformed-input loops ------------ */

typedef enum { P_CH, P_SH, P_EE, P_CR, P_CT, P_CV, P_FIN, P_NST, P_KU, P_EOED } parser_kind;

/* Frames the body, splits it again, parses; returns OK or the alert. */
static uint8_t parse_as(parser_kind k, const uint8_t *body, size_t len)
{
    uint8_t alert = OK;
    int ok = 0;
    static mintls_client_hello ch;
    static mintls_server_hello sh;
    static mintls_encrypted_extensions ee;
    static mintls_certificate_request cr;
    static mintls_certificate ct;
    static mintls_new_session_ticket nst;
    mintls_certificate_verify cv;
    mintls_finished fin;
    uint8_t ku;
    /* A copy of exactly len bytes, so ASan and valgrind see any over-read. */
    uint8_t *copy = malloc(len ? len : 1);
    if (len)
        memcpy(copy, body, len);
    switch (k) {
    case P_CH: ok = mintls_client_hello_parse(copy, len, &ch, &alert); break;
    case P_SH: ok = mintls_server_hello_parse(copy, len, MINTLS_EXT_ANY_REQUESTED, &sh, &alert); break;
    case P_EE: ok = mintls_encrypted_extensions_parse(copy, len, MINTLS_EXT_ANY_REQUESTED, &ee, &alert); break;
    case P_CR: ok = mintls_certificate_request_parse(copy, len, &cr, &alert); break;
    case P_CT: ok = mintls_certificate_parse(copy, len, 1, MINTLS_EXT_ANY_REQUESTED, &ct, &alert); break;
    case P_CV: ok = mintls_certificate_verify_parse(copy, len, &cv, &alert); break;
    case P_FIN: ok = mintls_finished_parse(copy, len, 32, &fin, &alert); break;
    case P_NST: ok = mintls_new_session_ticket_parse(copy, len, &nst, &alert); break;
    case P_KU: ok = mintls_key_update_parse(copy, len, &ku, &alert); break;
    case P_EOED: ok = mintls_end_of_early_data_parse(copy, len, &alert); break;
    }
    free(copy);
    if (ok)
        return OK;
    if (alert == OK) /* a failure must always say why */
        return 0;
    return alert;
}

static int known_alert(uint8_t a)
{
    return a == OK || a == MINTLS_ALERT_DECODE_ERROR || a == MINTLS_ALERT_ILLEGAL_PARAMETER ||
           a == MINTLS_ALERT_UNSUPPORTED_EXTENSION || a == MINTLS_ALERT_MISSING_EXTENSION ||
           a == MINTLS_ALERT_UNRECOGNIZED_NAME;
}

/*
 * m is a whole message (header included). Every truncation of the body is
 * decode_error (except at ok_cut, where a hello without extensions ends);
 * one extra byte is decode_error; every byte changed to a few values
 * yields OK or a known alert, never a crash.
 */
static void malformed_sweep(parser_kind k, const val *m, size_t ok_cut, const char *what)
{
    const uint8_t *body = m->b + 4;
    size_t len = m->n - 4;
    unsigned bad = 0;
    CHECK(parse_as(k, body, len) == OK);
    for (size_t cut = 0; cut < len; cut++) {
        uint8_t a = parse_as(k, body, cut);
        uint8_t want = cut == ok_cut ? OK : MINTLS_ALERT_DECODE_ERROR;
        if (a != want) {
            if (bad++ < 3)
                fprintf(stderr, "  %s cut at %zu: alert %u\n", what, cut, a);
        }
    }
    CHECK(bad == 0);
    uint8_t longer[BIG + 1];
    memcpy(longer, body, len);
    longer[len] = 0;
    CHECK(parse_as(k, longer, len + 1) == MINTLS_ALERT_DECODE_ERROR);

    /* The outer length off by one either way. */
    mintls_hs_msg hm;
    uint8_t alert = 0;
    uint8_t framed[BIG + 1];
    memcpy(framed, m->b, m->n);
    CHECK(mintls_hs_msg_split(framed, m->n, &hm, &alert) && hm.body_len == len);
    framed[3]++;
    CHECK(!mintls_hs_msg_split(framed, m->n, &hm, &alert) && alert == MINTLS_ALERT_DECODE_ERROR);
    framed[3] -= 2;
    CHECK(!mintls_hs_msg_split(framed, m->n, &hm, &alert) && alert == MINTLS_ALERT_DECODE_ERROR);

    /* Every byte changed: no crash, and only an alert we know. */
    static const uint8_t deltas[] = {1, 0xff, 0x80};
    unsigned unknown = 0;
    for (size_t i = 0; i < len; i++)
        for (size_t d = 0; d < sizeof(deltas); d++) {
            memcpy(longer, body, len);
            longer[i] = (uint8_t)(longer[i] + deltas[d]);
            if (!known_alert(parse_as(k, longer, len)))
                unknown++;
        }
    CHECK(unknown == 0);
}

/* Finds the offset of the extension of this type in a message (4-byte
 * header included), pointing at its type field; 0 if absent. */
static size_t find_ext(const val *m, size_t ext_block_at, uint16_t type)
{
    size_t p = ext_block_at + 2;
    while (p + 4 <= m->n) {
        uint16_t t = (uint16_t)(m->b[p] << 8 | m->b[p + 1]);
        size_t l = (size_t)(m->b[p + 2] << 8 | m->b[p + 3]);
        if (t == type)
            return p;
        p += 4 + l;
    }
    return 0;
}

/* Offset of a ClientHello's extension block length. */
static size_t ch_ext_block(const val *m)
{
    size_t p = 4 + 2 + 32;
    p += 1 + m->b[p];
    p += 2 + (size_t)(m->b[p] << 8 | m->b[p + 1]);
    p += 1 + m->b[p];
    return p;
}

static size_t sh_ext_block(const val *m)
{
    size_t p = 4 + 2 + 32;
    p += 1 + m->b[p];
    return p + 3;
}

/* A copy of m with bytes [at, at+n) replaced by ins (ins_len bytes), and the
 * handshake length and the u16 length at each of fix[] adjusted. */
static val splice(const val *m, size_t at, size_t n, const uint8_t *ins, size_t ins_len,
                  const size_t *fix, size_t nfix)
{
    val v;
    memcpy(v.b, m->b, at);
    if (ins_len != 0)
        memcpy(v.b + at, ins, ins_len);
    memcpy(v.b + at + ins_len, m->b + at + n, m->n - at - n);
    v.n = m->n - n + ins_len;
    long delta = (long)ins_len - (long)n;
    size_t hl = (size_t)((long)(v.b[1] << 16 | v.b[2] << 8 | v.b[3]) + delta);
    v.b[1] = (uint8_t)(hl >> 16), v.b[2] = (uint8_t)(hl >> 8), v.b[3] = (uint8_t)hl;
    for (size_t i = 0; i < nfix; i++) {
        size_t l = (size_t)((long)(v.b[fix[i]] << 8 | v.b[fix[i] + 1]) + delta);
        v.b[fix[i]] = (uint8_t)(l >> 8), v.b[fix[i] + 1] = (uint8_t)l;
    }
    return v;
}

/* Parses m (whole message) as a ClientHello, returns OK or the alert. */
static uint8_t ch_alert(const val *m)
{
    return parse_as(P_CH, m->b + 4, m->n - 4);
}

/* ---- section 3 ------------------------------------------------------------------ */

static void test_simple_1rtt(void)
{
    uint8_t alert = 0;
    mintls_writer w;
    mintls_writer_init(&w);

    /* ClientHello */
    val m = msg(s3, "ClientHello", 0);
    val cpub = get(s3, "{client}  create an ephemeral x25519 key pair:", 0, "public key");
    mintls_client_hello ch;
    CHECK(m.n == 196);
    CHECK(mintls_client_hello_parse(m.b + 4, m.n - 4, &ch, &alert));
    CHECK(ch.legacy_version == 0x0303 && ch.session_id_len == 0);
    CHECK(ch.cipher_suites.count == 3 && mintls_u16_list_at(ch.cipher_suites, 0) == 0x1301 &&
          mintls_u16_list_at(ch.cipher_suites, 1) == 0x1303 &&
          mintls_u16_list_at(ch.cipher_suites, 2) == 0x1302);
    CHECK(ch.compression_methods.len == 1 && ch.compression_methods.p[0] == 0);
    CHECK(ch.ext.server_name.len == 6 && memcmp(ch.ext.server_name.p, "server", 6) == 0);
    CHECK(ch.ext.supported_groups.count == 9 &&
          mintls_u16_list_at(ch.ext.supported_groups, 0) == 0x001d &&
          mintls_u16_list_at(ch.ext.supported_groups, 8) == 0x0104);
    mintls_span key;
    CHECK(mintls_key_share_find(ch.ext.key_shares, 0x001d, &key) && key.len == 32 &&
          cpub.n == 32 && memcmp(key.p, cpub.b, 32) == 0);
    CHECK(!mintls_key_share_find(ch.ext.key_shares, 0x0017, &key));
    CHECK(ch.ext.versions.count == 1 && mintls_u16_list_at(ch.ext.versions, 0) == 0x0304);
    CHECK(mintls_client_hello_offers_tls13(&ch));
    CHECK(ch.ext.sig_algs.count == 15 && mintls_u16_list_at(ch.ext.sig_algs, 0) == 0x0403 &&
          mintls_u16_list_has(ch.ext.sig_algs, 0x0804));
    CHECK(ch.ext.psk_modes.len == 1 && ch.ext.psk_modes.p[0] == 1);
    CHECK(ch.ext.present & MINTLS_XBIT(MINTLS_X_RECORD_SIZE_LIMIT));
    CHECK(ch.ext.other_count == 3); /* renegotiation_info, session_ticket, record_size_limit */
    CHECK(mintls_tls13_check_client_hello(&ch, &alert));
    CHECK(mintls_client_hello_write(&w, &ch));
    check_written(&w, &m, "ClientHello");
    malformed_sweep(P_CH, &m, ch_ext_block(&m) - 4, "ClientHello");

    /* ServerHello */
    val ms = msg(s3, "ServerHello", 0);
    val spub = get(s3, "{server}  create an ephemeral x25519 key pair:", 0, "public key");
    mintls_server_hello sh;
    CHECK(mintls_server_hello_parse(ms.b + 4, ms.n - 4, ch.ext.present, &sh, &alert));
    CHECK(!sh.is_hrr && sh.cipher_suite == 0x1301 && sh.session_id_len == 0);
    CHECK(memcmp(sh.random, ms.b + 6, 32) == 0);
    CHECK(sh.ext.selected_version == 0x0304 && sh.ext.key_share_group == 0x001d);
    CHECK(sh.ext.key_share_key.len == 32 && memcmp(sh.ext.key_share_key.p, spub.b, 32) == 0);
    CHECK(mintls_hello_downgrade_sentinel(sh.random) == 0);
    CHECK(mintls_tls13_check_server_hello(&ch, &sh, &alert));
    CHECK(mintls_server_hello_write(&w, &sh));
    check_written(&w, &ms, "ServerHello");
    malformed_sweep(P_SH, &ms, sh_ext_block(&ms) - 4, "ServerHello");

    /* EncryptedExtensions: supported_groups, record_size_limit, server_name */
    val me = msg(s3, "EncryptedExtensions", 0);
    mintls_encrypted_extensions ee;
    CHECK(mintls_encrypted_extensions_parse(me.b + 4, me.n - 4, ch.ext.present, &ee, &alert));
    CHECK(ee.ext.supported_groups.count == 9);
    CHECK(ee.ext.present & MINTLS_XBIT(MINTLS_X_SERVER_NAME));
    CHECK(mintls_encrypted_extensions_write(&w, &ee));
    check_written(&w, &me, "EncryptedExtensions");
    malformed_sweep(P_EE, &me, (size_t)-1, "EncryptedExtensions");
    /* Not requested: unsupported_extension (4.2). */
    mintls_encrypted_extensions ee2;
    CHECK(!mintls_encrypted_extensions_parse(me.b + 4, me.n - 4,
                                             MINTLS_XBIT(MINTLS_X_SUPPORTED_GROUPS), &ee2,
                                             &alert) &&
          alert == MINTLS_ALERT_UNSUPPORTED_EXTENSION);

    /* Certificate */
    val mc = msg(s3, "Certificate", 0);
    mintls_certificate ct;
    CHECK(mintls_certificate_parse(mc.b + 4, mc.n - 4, 1, ch.ext.present, &ct, &alert));
    CHECK(ct.context.len == 0 && ct.count == 1);
    mintls_cursor cc;
    mintls_span der, ext;
    mintls_cursor_init(&cc, ct.list.p, ct.list.len);
    CHECK(mintls_certificate_entry_next(&cc, &der, &ext) && der.len == 432 && ext.len == 0);
    CHECK(der.p[0] == 0x30 && der.p[1] == 0x82);
    CHECK(!mintls_certificate_entry_next(&cc, &der, &ext));
    CHECK(mintls_certificate_write(&w, &ct));
    check_written(&w, &mc, "Certificate");
    mintls_cursor_init(&cc, ct.list.p, ct.list.len);
    CHECK(mintls_certificate_entry_next(&cc, &der, &ext));
    CHECK(mintls_certificate_write_chain(&w, ct.context, &der, 1));
    check_written(&w, &mc, "Certificate (from a chain)");
    malformed_sweep(P_CT, &mc, (size_t)-1, "Certificate");

    /* CertificateVerify */
    val mv = msg(s3, "CertificateVerify", 0);
    mintls_certificate_verify cv;
    CHECK(mintls_certificate_verify_parse(mv.b + 4, mv.n - 4, &cv, &alert));
    CHECK(cv.scheme == 0x0804 && cv.signature.len == 128);
    CHECK(mintls_certificate_verify_write(&w, &cv));
    check_written(&w, &mv, "CertificateVerify");
    malformed_sweep(P_CV, &mv, (size_t)-1, "CertificateVerify");

    /* Finished x2 */
    for (int side = 0; side < 2; side++) {
        val mf = side == 0 ? get(s3, "{server}  construct a Finished handshake message:", 0, "Finished")
                           : get(s3, "{client}  construct a Finished handshake message:", 0, "Finished");
        val vd = get(s3, side == 0 ? "{server}  calculate finished \"tls13 finished\":"
                                   : "{client}  calculate finished \"tls13 finished\":",
                     0, "finished");
        mintls_finished fin;
        CHECK(mintls_finished_parse(mf.b + 4, mf.n - 4, 32, &fin, &alert));
        CHECK(fin.verify_data.len == 32 && memcmp(fin.verify_data.p, vd.b, 32) == 0);
        CHECK(!mintls_finished_parse(mf.b + 4, mf.n - 4, 48, &fin, &alert) &&
              alert == MINTLS_ALERT_DECODE_ERROR);
        CHECK(mintls_finished_write(&w, fin.verify_data.p, fin.verify_data.len));
        check_written(&w, &mf, "Finished");
        malformed_sweep(P_FIN, &mf, (size_t)-1, "Finished");
    }

    /* NewSessionTicket */
    val mn = msg(s3, "NewSessionTicket", 0);
    mintls_new_session_ticket nst;
    CHECK(mintls_new_session_ticket_parse(mn.b + 4, mn.n - 4, &nst, &alert));
    CHECK(nst.lifetime == 30 && nst.age_add == 0xfad6aac5);
    CHECK(nst.nonce.len == 2 && nst.nonce.p[0] == 0 && nst.nonce.p[1] == 0);
    CHECK(nst.ticket.len == 178);
    CHECK((nst.ext.present & MINTLS_XBIT(MINTLS_X_EARLY_DATA)) && nst.ext.max_early_data == 1024);
    CHECK(mintls_new_session_ticket_write(&w, &nst));
    check_written(&w, &mn, "NewSessionTicket");
    malformed_sweep(P_NST, &mn, (size_t)-1, "NewSessionTicket");

    /* ---- specific violations, on this ClientHello and ServerHello -------------- */
    size_t eb = ch_ext_block(&m);
    size_t fix[1] = {eb};
    /* A duplicate extension (psk_key_exchange_modes twice). */
    size_t at = find_ext(&m, eb, MINTLS_EXT_PSK_KEY_EXCHANGE_MODES);
    CHECK(at != 0);
    val dup = splice(&m, at, 0, m.b + at, 6, fix, 1);
    CHECK(ch_alert(&dup) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* A repeated unknown (GREASE) extension; a single one is ignored. */
    static const uint8_t grease[] = {0x0a, 0x0a, 0x00, 0x00};
    val g1 = splice(&m, eb + 2, 0, grease, 4, fix, 1);
    CHECK(ch_alert(&g1) == OK);
    val g2 = splice(&g1, eb + 2, 0, grease, 4, fix, 1);
    CHECK(ch_alert(&g2) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* An extension the ClientHello may not carry (oid_filters: CR only). */
    static const uint8_t oidf[] = {0x00, 0x30, 0x00, 0x02, 0x00, 0x00};
    val wrong = splice(&m, eb + 2, 0, oidf, 6, fix, 1);
    CHECK(ch_alert(&wrong) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* Session id of 33 bytes; 32 is fine. */
    uint8_t sid[34];
    memset(sid, 0x5a, sizeof(sid));
    sid[0] = 33;
    val s33 = splice(&m, 4 + 34, 1, sid, 34, NULL, 0);
    CHECK(ch_alert(&s33) == MINTLS_ALERT_DECODE_ERROR);
    sid[1] = 32;
    val s32 = splice(&m, 4 + 34, 1, sid + 1, 33, NULL, 0);
    CHECK(ch_alert(&s32) == OK);
    /* Empty and odd cipher_suites. */
    size_t cs = 4 + 35;
    static const uint8_t none[] = {0x00, 0x00};
    val nocs = splice(&m, cs, 8, none, 2, NULL, 0);
    CHECK(ch_alert(&nocs) == MINTLS_ALERT_DECODE_ERROR);
    static const uint8_t odd[] = {0x00, 0x03, 0x13, 0x01, 0x13};
    val oddcs = splice(&m, cs, 8, odd, 5, NULL, 0);
    CHECK(ch_alert(&oddcs) == MINTLS_ALERT_DECODE_ERROR);
    /* Compression [1, 0]: a TLS 1.2 client may, a TLS 1.3 one may not; [1] never. */
    size_t cm = cs + 8;
    static const uint8_t c10[] = {0x02, 0x01, 0x00}, c1[] = {0x01, 0x01};
    val comp = splice(&m, cm, 2, c10, 3, NULL, 0);
    mintls_client_hello bad;
    CHECK(mintls_client_hello_parse(comp.b + 4, comp.n - 4, &bad, &alert));
    CHECK(!mintls_tls13_check_client_hello(&bad, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    val comp1 = splice(&m, cm, 2, c1, 2, NULL, 0);
    CHECK(ch_alert(&comp1) == MINTLS_ALERT_DECODE_ERROR);
    /* Without signature_algorithms: missing_extension. */
    at = find_ext(&m, eb, MINTLS_EXT_SIGNATURE_ALGORITHMS);
    val nosig = splice(&m, at, 4 + 32, NULL, 0, fix, 1);
    CHECK(mintls_client_hello_parse(nosig.b + 4, nosig.n - 4, &bad, &alert));
    CHECK(!mintls_tls13_check_client_hello(&bad, &alert) &&
          alert == MINTLS_ALERT_MISSING_EXTENSION);
    /* Two key shares for one group. */
    at = find_ext(&m, eb, MINTLS_EXT_KEY_SHARE);
    size_t fix2[3] = {eb, at + 2, at + 4};
    val twoks = splice(&m, at + 6, 0, m.b + at + 6, 36, fix2, 3);
    CHECK(ch_alert(&twoks) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* A share for a group not in supported_groups (0x0a0a) is illegal_parameter. */
    val other = splice(&m, at + 6, 2, grease, 2, NULL, 0);
    CHECK(mintls_client_hello_parse(other.b + 4, other.n - 4, &bad, &alert));
    CHECK(!mintls_tls13_check_client_hello(&bad, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);

    /* ServerHello: wrong things against our ClientHello. */
    size_t seb = sh_ext_block(&ms);
    size_t sfix[1] = {seb};
    size_t ksat = find_ext(&ms, seb, MINTLS_EXT_KEY_SHARE);
    val unk = splice(&ms, ksat + 4, 2, (const uint8_t[]){0x00, 0x17}, 2, NULL, 0);
    CHECK(parse_as(P_SH, unk.b + 4, unk.n - 4) == OK);
    mintls_server_hello bsh;
    CHECK(mintls_server_hello_parse(unk.b + 4, unk.n - 4, ch.ext.present, &bsh, &alert));
    CHECK(!mintls_tls13_check_server_hello(&ch, &bsh, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    val badcs = splice(&ms, 4 + 35, 2, (const uint8_t[]){0x13, 0x05}, 2, NULL, 0);
    CHECK(mintls_server_hello_parse(badcs.b + 4, badcs.n - 4, ch.ext.present, &bsh, &alert));
    CHECK(!mintls_tls13_check_server_hello(&ch, &bsh, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    val comps = splice(&ms, 4 + 37, 1, (const uint8_t[]){0x01}, 1, NULL, 0);
    CHECK(parse_as(P_SH, comps.b + 4, comps.n - 4) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* An extension a ServerHello may not carry (server_name), and an unknown one. */
    static const uint8_t sni_empty[] = {0x00, 0x00, 0x00, 0x00};
    val shsni = splice(&ms, seb + 2, 0, sni_empty, 4, sfix, 1);
    CHECK(parse_as(P_SH, shsni.b + 4, shsni.n - 4) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    val shunk = splice(&ms, seb + 2, 0, grease, 4, sfix, 1);
    CHECK(parse_as(P_SH, shunk.b + 4, shunk.n - 4) == MINTLS_ALERT_UNSUPPORTED_EXTENSION);
    /* A duplicate in the ServerHello. */
    val shdup = splice(&ms, seb + 2, 0, ms.b + ksat, 4 + 36, sfix, 1);
    CHECK(parse_as(P_SH, shdup.b + 4, shdup.n - 4) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* A key_share in EncryptedExtensions. */
    size_t efix[1] = {4};
    val eeks = splice(&me, 6, 0, ms.b + ksat, 4 + 36, efix, 1);
    CHECK(parse_as(P_EE, eeks.b + 4, eeks.n - 4) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* A Certificate with an entry extension we did not ask for. */
    mintls_certificate bct;
    CHECK(mintls_certificate_parse(mc.b + 4, mc.n - 4, 1, 0, &bct, &alert));
    /* A server's empty Certificate and one with a context. */
    static const uint8_t empty_ct[] = {0x00, 0x00, 0x00, 0x00};
    CHECK(parse_as(P_CT, empty_ct, 4) == MINTLS_ALERT_DECODE_ERROR);
    CHECK(mintls_certificate_parse(empty_ct, 4, 0, 0, &bct, &alert) && bct.count == 0);
    /* Downgrade sentinels. */
    uint8_t rnd[32] = {0};
    memcpy(rnd + 24, mintls_downgrade_tls12, 8);
    CHECK(mintls_hello_downgrade_sentinel(rnd) == 0x0303);
    memcpy(rnd + 24, mintls_downgrade_tls11, 8);
    CHECK(mintls_hello_downgrade_sentinel(rnd) == 0x0302);

    mintls_writer_clear(&w);
}

/* ---- section 4: ClientHello with early_data and pre_shared_key ----------------- */

static void test_resumed(void)
{
    uint8_t alert = 0;
    mintls_writer w;
    mintls_writer_init(&w);
    /* The trace's "ClientHello (477 octets)" stops before the binders; the
     * record it sends holds the whole 512-byte message. */
    val m = get(s4, "{client}  send handshake record:", 0, "payload");
    val binder = get(s4, "{client}  calculate PSK binder:", 0, "binder hash");
    val partial = msg(s4, "ClientHello", 0);
    mintls_client_hello ch;
    CHECK(mintls_client_hello_parse(m.b + 4, m.n - 4, &ch, &alert));
    CHECK(ch.ext.present & MINTLS_XBIT(MINTLS_X_EARLY_DATA));
    CHECK(ch.ext.psk_identity_count == 1);
    mintls_cursor c;
    mintls_span id, b;
    uint32_t age;
    mintls_cursor_init(&c, ch.ext.psk_identities.p, ch.ext.psk_identities.len);
    CHECK(mintls_psk_identity_next(&c, &id, &age) && id.len == 178 && age == 0xfad6aacb);
    mintls_cursor_init(&c, ch.ext.psk_binders.p, ch.ext.psk_binders.len);
    CHECK(mintls_psk_binder_next(&c, &b) && b.len == 32);
    CHECK(mintls_psk_binders_tail(&ch.ext) == 35);
    CHECK(m.n == 512 && partial.n == 477 && memcmp(m.b, partial.b, 477) == 0);
    CHECK(m.n - mintls_psk_binders_tail(&ch.ext) == partial.n);
    CHECK(binder.n == 32);
    CHECK(mintls_tls13_check_client_hello(&ch, &alert));
    CHECK(mintls_client_hello_write(&w, &ch));
    check_written(&w, &m, "ClientHello (resumption)");
    malformed_sweep(P_CH, &m, ch_ext_block(&m) - 4, "ClientHello (resumption)");
    /* pre_shared_key not last: move a GREASE extension after it. */
    size_t eb = ch_ext_block(&m);
    size_t fix[1] = {eb};
    static const uint8_t grease[] = {0x1a, 0x1a, 0x00, 0x00};
    val after = splice(&m, m.n, 0, grease, 4, fix, 1);
    CHECK(ch_alert(&after) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* Binder count not matching identities. */
    size_t at = find_ext(&m, eb, MINTLS_EXT_PRE_SHARED_KEY);
    CHECK(at != 0);
    size_t fix3[3] = {eb, at + 2, m.n - 35};
    val twob = splice(&m, m.n, 0, m.b + m.n - 33, 33, fix3, 3);
    CHECK(ch_alert(&twob) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* pre_shared_key without psk_key_exchange_modes: missing_extension. */
    size_t pm = find_ext(&m, eb, MINTLS_EXT_PSK_KEY_EXCHANGE_MODES);
    val nomodes = splice(&m, pm, 4 + 2, NULL, 0, fix, 1);
    mintls_client_hello bad;
    CHECK(mintls_client_hello_parse(nomodes.b + 4, nomodes.n - 4, &bad, &alert));
    CHECK(!mintls_tls13_check_client_hello(&bad, &alert) &&
          alert == MINTLS_ALERT_MISSING_EXTENSION);
    mintls_writer_clear(&w);
}

/* ---- section 5: HelloRetryRequest ------------------------------------------------ */

static void test_hrr(void)
{
    uint8_t alert = 0;
    mintls_writer w;
    mintls_writer_init(&w);
    val m1 = msg(s5, "ClientHello", 0);
    val hrr = msg(s5, "ServerHello", 0);
    val m2 = msg(s5, "ClientHello", 1);
    val sh2 = msg(s5, "ServerHello", 1);
    mintls_client_hello ch1, ch2;
    mintls_server_hello h, s;
    CHECK(mintls_client_hello_parse(m1.b + 4, m1.n - 4, &ch1, &alert));
    CHECK(mintls_u16_list_has(ch1.ext.supported_groups, 0x0017));
    mintls_span k;
    CHECK(mintls_key_share_find(ch1.ext.key_shares, 0x001d, &k) && k.len == 32);
    CHECK(mintls_client_hello_write(&w, &ch1));
    check_written(&w, &m1, "ClientHello1");

    CHECK(mintls_server_hello_parse(hrr.b + 4, hrr.n - 4, ch1.ext.present, &h, &alert));
    CHECK(h.is_hrr && h.cipher_suite == 0x1301);
    CHECK(h.ext.key_share_group == 0x0017 && h.ext.selected_version == 0x0304);
    CHECK(h.ext.cookie.len == 0x72);
    CHECK(mintls_tls13_check_server_hello(&ch1, &h, &alert));
    CHECK(mintls_server_hello_write(&w, &h));
    check_written(&w, &hrr, "HelloRetryRequest");
    malformed_sweep(P_SH, &hrr, sh_ext_block(&hrr) - 4, "HelloRetryRequest");

    CHECK(mintls_client_hello_parse(m2.b + 4, m2.n - 4, &ch2, &alert));
    CHECK(ch2.ext.cookie.len == 0x72 && memcmp(ch2.ext.cookie.p, h.ext.cookie.p, 0x72) == 0);
    CHECK(mintls_key_share_find(ch2.ext.key_shares, 0x0017, &k) && k.len == 65 && k.p[0] == 4);
    CHECK(mintls_tls13_check_client_hello(&ch2, &alert));
    CHECK(mintls_client_hello_write(&w, &ch2));
    check_written(&w, &m2, "ClientHello2");
    malformed_sweep(P_CH, &m2, ch_ext_block(&m2) - 4, "ClientHello2");

    CHECK(mintls_server_hello_parse(sh2.b + 4, sh2.n - 4, ch2.ext.present, &s, &alert));
    CHECK(!s.is_hrr && s.ext.key_share_group == 0x0017 && s.ext.key_share_key.len == 65);
    CHECK(mintls_tls13_check_server_hello(&ch2, &s, &alert));
    CHECK(mintls_server_hello_write(&w, &s));
    check_written(&w, &sh2, "ServerHello after HRR");

    /* An HRR for a group the client already sent a share for (x25519), or
     * one it did not offer at all: illegal_parameter. */
    size_t eb = sh_ext_block(&hrr);
    size_t at = find_ext(&hrr, eb, MINTLS_EXT_KEY_SHARE);
    val x = splice(&hrr, at + 4, 2, (const uint8_t[]){0x00, 0x1d}, 2, NULL, 0);
    mintls_server_hello bad;
    CHECK(mintls_server_hello_parse(x.b + 4, x.n - 4, ch1.ext.present, &bad, &alert));
    CHECK(!mintls_tls13_check_server_hello(&ch1, &bad, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    val y = splice(&hrr, at + 4, 2, (const uint8_t[]){0x00, 0x1e}, 2, NULL, 0);
    CHECK(mintls_server_hello_parse(y.b + 4, y.n - 4, ch1.ext.present, &bad, &alert));
    CHECK(!mintls_tls13_check_server_hello(&ch1, &bad, &alert) &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    /* A cookie in a ServerHello (not HRR): illegal_parameter. */
    size_t ck = find_ext(&hrr, eb, MINTLS_EXT_COOKIE);
    size_t seb = sh_ext_block(&sh2);
    size_t sfix[1] = {seb};
    val shck = splice(&sh2, seb + 2, 0, hrr.b + ck, 4 + 2 + 0x72, sfix, 1);
    CHECK(parse_as(P_SH, shck.b + 4, shck.n - 4) == MINTLS_ALERT_ILLEGAL_PARAMETER);
    mintls_writer_clear(&w);
}

/* ---- section 6: CertificateRequest, client Certificate/CertificateVerify --------- */

static void test_client_auth(void)
{
    uint8_t alert = 0;
    mintls_writer w;
    mintls_writer_init(&w);
    val mr = msg(s6, "CertificateRequest", 0);
    mintls_certificate_request cr;
    CHECK(mintls_certificate_request_parse(mr.b + 4, mr.n - 4, &cr, &alert));
    CHECK(cr.context.len == 0 && cr.ext.sig_algs.count == 15);
    CHECK(mintls_certificate_request_write(&w, &cr));
    check_written(&w, &mr, "CertificateRequest");
    malformed_sweep(P_CR, &mr, (size_t)-1, "CertificateRequest");
    /* Without signature_algorithms: missing_extension. */
    static const uint8_t nosig[] = {0x00, 0x00, 0x00};
    CHECK(parse_as(P_CR, nosig, 3) == MINTLS_ALERT_MISSING_EXTENSION);

    val mc = get(s6, "{client}  construct a Certificate handshake message:", 0, "Certificate");
    mintls_certificate ct;
    CHECK(mintls_certificate_parse(mc.b + 4, mc.n - 4, 0, cr.ext.present, &ct, &alert));
    CHECK(ct.count == 1);
    CHECK(mintls_certificate_write(&w, &ct));
    check_written(&w, &mc, "client Certificate");
    val mv = get(s6, "{server}  construct a CertificateVerify handshake message:", 0,
                 "CertificateVerify");
    mintls_certificate_verify cv;
    CHECK(mintls_certificate_verify_parse(mv.b + 4, mv.n - 4, &cv, &alert) && cv.scheme == 0x0403);
    CHECK(mintls_certificate_verify_write(&w, &cv));
    check_written(&w, &mv, "CertificateVerify (ECDSA)");
    mintls_writer_clear(&w);
}

/* ---- cursor, writer, framing, small messages -------------------------------------- */

static void test_pieces(void)
{
    static const uint8_t d[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x02, 0xaa, 0xbb, 0x00};
    mintls_cursor c, sub;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    mintls_cursor_init(&c, d, sizeof(d));
    CHECK(mintls_cursor_get_u24(&c, &u32) && u32 == 0x010203);
    CHECK(mintls_cursor_get_u16(&c, &u16) && u16 == 0x0405);
    CHECK(mintls_cursor_get_u8_prefixed(&c, &sub) && sub.len == 2 && sub.p[0] == 0xaa);
    CHECK(!mintls_cursor_get_u16(&c, &u16) && mintls_cursor_remaining(&c) == 1);
    CHECK(mintls_cursor_get_u8(&c, &u8) && u8 == 0 && mintls_cursor_is_empty(&c));
    CHECK(!mintls_cursor_get_u8(&c, &u8));
    mintls_cursor_init(&c, d, 4);
    CHECK(mintls_cursor_get_u32(&c, &u32) && u32 == 0x01020304);
    mintls_cursor_init(&c, d + 5, 2); /* prefix 2, only 1 byte follows */
    CHECK(!mintls_cursor_get_u8_prefixed(&c, &sub) && mintls_cursor_remaining(&c) == 2);

    mintls_writer w;
    uint8_t *out;
    size_t n;
    mintls_writer_init(&w);
    CHECK(mintls_writer_open(&w, 3) && mintls_writer_open(&w, 1) && mintls_writer_put_u16(&w, 7) &&
          mintls_writer_close(&w) && mintls_writer_put_u24(&w, 0x0a0b0c) &&
          mintls_writer_close(&w));
    static const uint8_t want[] = {0, 0, 6, 2, 0, 7, 0x0a, 0x0b, 0x0c};
    CHECK(mintls_writer_finish(&w, &out, &n) && n == sizeof(want) && memcmp(out, want, n) == 0);
    OPENSSL_free(out);
    /* 256 bytes do not fit a u8 prefix; an open prefix cannot be finished. */
    uint8_t big[300] = {0};
    CHECK(!mintls_writer_put_prefixed(&w, 1, big, 256) && !mintls_writer_ok(&w));
    CHECK(!mintls_writer_finish(&w, &out, &n));
    CHECK(mintls_writer_open(&w, 2) && !mintls_writer_finish(&w, &out, &n));
    /* A long message grows the buffer. */
    for (int i = 0; i < 1000; i++)
        mintls_writer_put_bytes(&w, big, sizeof(big));
    CHECK(mintls_writer_finish(&w, &out, &n) && n == 300000);
    OPENSSL_free(out);

    /* KeyUpdate and EndOfEarlyData */
    uint8_t alert = 0, req = 9;
    uint8_t ku[] = {0x01};
    CHECK(mintls_key_update_parse(ku, 1, &req, &alert) && req == 1);
    ku[0] = 2;
    CHECK(!mintls_key_update_parse(ku, 1, &req, &alert) && alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    CHECK(parse_as(P_KU, ku, 0) == MINTLS_ALERT_DECODE_ERROR);
    CHECK(parse_as(P_KU, d, 2) == MINTLS_ALERT_DECODE_ERROR);
    CHECK(mintls_key_update_write(&w, 0));
    static const uint8_t ku_msg[] = {24, 0, 0, 1, 0};
    CHECK(mintls_writer_finish(&w, &out, &n) && n == 5 && memcmp(out, ku_msg, 5) == 0);
    OPENSSL_free(out);
    CHECK(!mintls_key_update_write(&w, 2));
    mintls_writer_clear(&w);
    CHECK(parse_as(P_EOED, d, 0) == OK && parse_as(P_EOED, d, 1) == MINTLS_ALERT_DECODE_ERROR);
    CHECK(mintls_end_of_early_data_write(&w));
    static const uint8_t eoed[] = {5, 0, 0, 0};
    CHECK(mintls_writer_finish(&w, &out, &n) && n == 4 && memcmp(out, eoed, 4) == 0);
    OPENSSL_free(out);

    /* The CertificateVerify content (RFC 8446 4.4.3's example shape). */
    uint8_t hash[32], content[MINTLS_CERT_VERIFY_CONTENT_MAX];
    memset(hash, 0x01, 32);
    CHECK(mintls_certificate_verify_content(1, hash, 32, content, &n) && n == 130);
    CHECK(content[0] == 0x20 && content[63] == 0x20 &&
          memcmp(content + 64, "TLS 1.3, server CertificateVerify", 33) == 0 &&
          content[97] == 0 && content[98] == 1 && content[129] == 1);
    CHECK(mintls_certificate_verify_content(0, hash, 32, content, &n) &&
          memcmp(content + 64, "TLS 1.3, client CertificateVerify", 33) == 0);
    CHECK(!mintls_certificate_verify_content(0, hash, 65, content, &n));
}

/* Reassembly: the server's flight of section 3 fed in every split. */
static void test_reassembly(void)
{
    val parts[5] = {msg(s3, "EncryptedExtensions", 0), msg(s3, "Certificate", 0),
                    msg(s3, "CertificateVerify", 0),
                    get(s3, "{server}  construct a Finished handshake message:", 0, "Finished"),
                    msg(s3, "NewSessionTicket", 0)};
    static uint8_t all[BIG];
    size_t total = 0;
    for (int i = 0; i < 5; i++) {
        memcpy(all + total, parts[i].b, parts[i].n);
        total += parts[i].n;
    }
    size_t steps[] = {1, 3, 7, 100, 1000, total};
    for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
        mintls_hs_reader r;
        mintls_hs_msg m;
        uint8_t alert = 0;
        int got = 0, bad = 0;
        mintls_hs_reader_init(&r, 0);
        for (size_t off = 0; off < total; off += steps[s]) {
            size_t n = total - off < steps[s] ? total - off : steps[s];
            CHECK(mintls_hs_reader_add(&r, all + off, n, &alert));
            mintls_hs_read_result res;
            while ((res = mintls_hs_reader_next(&r, &m, &alert)) == MINTLS_HS_READ_MSG) {
                if (got >= 5 || m.msg_len != parts[got].n ||
                    memcmp(m.msg, parts[got].b, m.msg_len) != 0 || m.type != parts[got].b[0])
                    bad++;
                got++;
            }
            CHECK(res == MINTLS_HS_READ_NEED_MORE);
        }
        CHECK(got == 5 && bad == 0);
        CHECK(mintls_hs_reader_is_empty(&r) && r.buf == NULL);
        mintls_hs_reader_clear(&r);
    }
    /* Half a message left at a key change; an oversized length. */
    mintls_hs_reader r;
    mintls_hs_msg m;
    uint8_t alert = 0;
    mintls_hs_reader_init(&r, 1000);
    CHECK(mintls_hs_reader_add(&r, all, 10, &alert));
    CHECK(mintls_hs_reader_next(&r, &m, &alert) == MINTLS_HS_READ_NEED_MORE);
    CHECK(!mintls_hs_reader_is_empty(&r));
    mintls_hs_reader_clear(&r);
    static const uint8_t huge[] = {11, 0x00, 0x03, 0xe9};
    CHECK(mintls_hs_reader_add(&r, huge, 4, &alert));
    CHECK(mintls_hs_reader_next(&r, &m, &alert) == MINTLS_HS_READ_ALERT &&
          alert == MINTLS_ALERT_ILLEGAL_PARAMETER);
    mintls_hs_reader_clear(&r);
}

int main(void)
{
    char *doc = trace_load(TRACE_FILE);
    s3 = trace_find_section(doc, "3.  Simple 1-RTT Handshake", "4.  Resumed 0-RTT Handshake");
    s4 = trace_find_section(doc, "4.  Resumed 0-RTT Handshake", "5.  HelloRetryRequest");
    s5 = trace_find_section(doc, "5.  HelloRetryRequest", "6.  Client Authentication");
    s6 = trace_find_section(doc, "6.  Client Authentication", "7.  Compatibility Mode");
    test_pieces();
    test_simple_1rtt();
    test_resumed();
    test_hrr();
    test_client_auth();
    test_reassembly();
    free(doc);
    return test_summary();
}
