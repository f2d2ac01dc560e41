/*
 * The TLS 1.2 key schedule (src/tls12_key_schedule.c): the PRF against
 * published vectors and against libcrypto's own internal PRF, and master
 * secret / extended master secret / key block / Finished against values
 * the system OpenSSL computed (see the comment above each table).
 */
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/digest.h"
#include "test.h"
#include "tls12_key_schedule.h"

static void unhex(const char *hex, uint8_t *out, size_t len)
{
    size_t n = 0;
    uint8_t *p = test_unhex_or_exit(hex, &n);
    if (n != len) {
        fprintf(stderr, "test bug: hex of %zu bytes, want %zu\n", n, len);
        exit(2);
    }
    memcpy(out, p, n);
    free(p);
}

/*
 * The P_SHA256 / P_SHA384 vectors with label "test label" posted to the
 * IETF TLS list (https://www.ietf.org/mail-archive/web/tls/current/msg03416.html),
 * re-checked with `openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt hexsecret:...
 * -kdfopt seed:"test label" -kdfopt hexseed:... TLS1-PRF`.
 */
static void test_prf_vectors(void)
{
    uint8_t secret[16], seed[16], want[148], out[148];

    unhex("9bbe436ba940f017b17652849a71db35", secret, 16);
    unhex("a0ba9f936cda311827a6f796ffd5198c", seed, 16);
    unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
          "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
          "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
          "87347b66",
          want, 100);
    CHECK(mintls_tls12_prf_md(EVP_sha256(), secret, 16, "test label", seed, 16, NULL, 0, out, 100));
    CHECK_MEM(out, want, 100, "P_SHA256 test vector");
    /* The seed split in two anywhere gives the same bytes. */
    for (size_t cut = 0; cut <= 16; cut++) {
        memset(out, 0, sizeof(out));
        CHECK(mintls_tls12_prf_md(EVP_sha256(), secret, 16, "test label", seed, cut, seed + cut,
                                  16 - cut, out, 100));
        CHECK(memcmp(out, want, 100) == 0);
    }
    /* Shorter outputs are prefixes (1, a block less one, a block, a block plus one). */
    static const size_t lens[] = {1, 31, 32, 33, 64, 99};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        memset(out, 0xee, sizeof(out));
        CHECK(mintls_tls12_prf_md(EVP_sha256(), secret, 16, "test label", seed, 16, NULL, 0, out,
                                  lens[i]));
        CHECK(memcmp(out, want, lens[i]) == 0 && out[lens[i]] == 0xee);
    }

    unhex("b80b733d6ceefcdc71566ea48e5567df", secret, 16);
    unhex("cd665cf6a8447dd6ff8b27555edb7465", seed, 16);
    unhex("7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
          "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
          "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
          "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
          "91c8f3a26854308d5eaa3be85e0990703d73e56f",
          want, 148);
    CHECK(mintls_tls12_prf_md(EVP_sha384(), secret, 16, "test label", seed, 16, NULL, 0, out, 148));
    CHECK_MEM(out, want, 148, "P_SHA384 test vector");
}

/*
 * An independent computation: libcrypto's internal PRF (crypto/tls12_prf.c,
 * on the internal hash, not HMAC_CTX) for secrets of many lengths (empty,
 * longer than a hash block) and outputs of many lengths.
 */
static void test_prf_cross_check(void)
{
    static uint8_t secret[200], seed[80], a[300], b[300];
    const EVP_MD *mds[2] = {EVP_sha256(), EVP_sha384()};
    const mintls_hash *hs[2] = {&mintls_hash_sha256, &mintls_hash_sha384};
    static const size_t secret_lens[] = {0, 1, 32, 48, 64, 65, 128, 129, 200};
    test_rand_bytes(secret, sizeof(secret));
    test_rand_bytes(seed, sizeof(seed));
    int mismatches = 0, runs = 0;
    for (int h = 0; h < 2; h++)
        for (size_t s = 0; s < sizeof(secret_lens) / sizeof(secret_lens[0]); s++)
            for (size_t out_len = 0; out_len <= 300; out_len += 13) {
                size_t seed_len = (out_len * 7) % sizeof(seed);
                memset(a, 0, sizeof(a));
                memset(b, 0, sizeof(b));
                int ok1 = mintls_tls12_prf_md(mds[h], secret, secret_lens[s], "cross check", seed,
                                              seed_len / 2, seed + seed_len / 2,
                                              seed_len - seed_len / 2, a, out_len);
                int ok2 = mintls_tls12_prf(hs[h], secret, secret_lens[s], "cross check", seed,
                                           seed_len, b, out_len);
                runs++;
                if (!ok1 || !ok2 || memcmp(a, b, sizeof(a)) != 0)
                    mismatches++;
            }
    CHECK(runs == 2 * 9 * 24);
    CHECK(mismatches == 0);
}

/*
 * Master secret, extended master secret, key block and Finished, computed
 * by the system OpenSSL 3.0 with `openssl kdf ... TLS1-PRF` from:
 *   pre_master     = 40 41 42 ... 5f (32 bytes)
 *   client_random  = 80 + 3i, server_random = c0 + 5i (32 bytes each, mod 256)
 *   session_hash / handshake hash = 01 + 0x11 i (SHA-256, 32 bytes),
 *                                   02 + 0x13 i (SHA-384, 48 bytes)
 *   key block: 88 bytes of PRF(ms, "key expansion", server_random + client_random)
 *   (the RFC 5246 master secret's; shorter blocks are prefixes).
 */
typedef struct {
    const char *ms, *ems, *kb, *cf, *sf;
} schedule_vector;

static const schedule_vector vec_sha256 = {
    "73d09ae09324fd0d92e84fe17b9dba7d70c17e0cfd5ec53d70c1860790b9d65941721eb6b9ef9dc221d417093396ca09",
    "49da1ee2f355684b43ae34767a829dc931503a0c03c09a6cbba211e5a7847e8cdb9d22584db3e3aca3c553c04b89bc88",
    "7d617d9ab3644c87ae860c44f3e471c1f7effeacd62bbcbae9decac7e0990f9822b2b3692698738aa3d23852139e2618"
    "f731536cf4e49b586b30f32cb3351d014fd665ac753d0a16f27b53d88795485ebef103edba9b26ba",
    "00a501888e695e4f61bd30ae",
    "4ff537fb78500a4da0dc8957",
};
static const schedule_vector vec_sha384 = {
    "cbd9d28e2c77eaeb84032efcceb9e2d3b1932e1c7199799021162d2cd5f1bacab81f097232c5c57b193cc2957e41a580",
    "f1f5cf59b69154ae628218b7a160ac8e23db4179879e88345bd9082ef508971fb6b82bc06c25af1f78c41cefcbb2aee8",
    "49435afa3b749b03c2dfbb06ce955ae995d5bb6f94e90fe5e523e3885c663425f49e399179a37c6492cd6585d727dbd0"
    "9c9ac00942fb1597f8f9ec41c622a5fe4e7402c050300a9de14d316838fb88462b56dc2381ba246a",
    "8f1924955a2cc26bafffb78d",
    "c8abfec1e3d74f389df1e9e3",
};

static uint8_t pms[32], cr[32], sr[32], sh256[32], sh384[48];

static void make_inputs(void)
{
    for (int i = 0; i < 32; i++) {
        pms[i] = (uint8_t)(0x40 + i);
        cr[i] = (uint8_t)(0x80 + 3 * i);
        sr[i] = (uint8_t)(0xc0 + 5 * i);
        sh256[i] = (uint8_t)(0x11 * i + 1);
    }
    for (int i = 0; i < 48; i++)
        sh384[i] = (uint8_t)(0x13 * i + 2);
}

/* The six suites: name, hash, AEAD. */
typedef struct {
    const char *name;
    const EVP_MD *(*md)(void);
    const EVP_CIPHER *(*aead)(void);
    size_t key_len, iv_len;
} suite;

static const suite suites[6] = {
    {"ECDHE-ECDSA-AES128-GCM-SHA256", EVP_sha256, EVP_aes_128_gcm, 16, 4},
    {"ECDHE-RSA-AES128-GCM-SHA256", EVP_sha256, EVP_aes_128_gcm, 16, 4},
    {"ECDHE-ECDSA-AES256-GCM-SHA384", EVP_sha384, EVP_aes_256_gcm, 32, 4},
    {"ECDHE-RSA-AES256-GCM-SHA384", EVP_sha384, EVP_aes_256_gcm, 32, 4},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", EVP_sha256, EVP_chacha20_poly1305, 32, 12},
    {"ECDHE-RSA-CHACHA20-POLY1305", EVP_sha256, EVP_chacha20_poly1305, 32, 12},
};

static void test_schedule(const EVP_MD *md, const uint8_t *sh, size_t hl, const schedule_vector *v,
                          const char *name)
{
    fprintf(stderr, "-- schedule %s\n", name);
    uint8_t want[88], ms[48], ems[48], fin[12];
    unhex(v->ms, want, 48);
    CHECK(mintls_tls12_master_secret(md, pms, 32, cr, sr, ms));
    CHECK_MEM(ms, want, 48, "master secret");
    unhex(v->ems, want, 48);
    CHECK(mintls_tls12_extended_master_secret(md, pms, 32, sh, hl, ems));
    CHECK_MEM(ems, want, 48, "extended master secret");
    CHECK(memcmp(ms, ems, 48) != 0);
    unhex(v->cf, want, 12);
    CHECK(mintls_tls12_finished(md, ms, 0, sh, hl, fin));
    CHECK_MEM(fin, want, 12, "client finished");
    unhex(v->sf, want, 12);
    CHECK(mintls_tls12_finished(md, ms, 1, sh, hl, fin));
    CHECK_MEM(fin, want, 12, "server finished");

    /* The key block, split for each suite on this hash. */
    unhex(v->kb, want, 88);
    for (size_t i = 0; i < 6; i++) {
        if (suites[i].md() != md)
            continue;
        mintls_tls12_key_block kb;
        size_t kl = suites[i].key_len, il = suites[i].iv_len;
        CHECK(mintls_tls12_aead_fixed_iv_len(suites[i].aead()) == il);
        CHECK(mintls_tls12_derive_key_block(md, suites[i].aead(), ms, cr, sr, &kb));
        CHECK(kb.key_len == kl && kb.iv_len == il && kb.aead == suites[i].aead());
        CHECK_MEM(kb.client_key, want, kl, "client_write_key");
        CHECK_MEM(kb.server_key, want + kl, kl, "server_write_key");
        CHECK_MEM(kb.client_iv, want + 2 * kl, il, "client_write_IV");
        CHECK_MEM(kb.server_iv, want + 2 * kl + il, il, "server_write_IV");
        mintls_tls12_key_block_clear(&kb);
        static const uint8_t zero[sizeof(kb)];
        CHECK(memcmp(&kb, zero, sizeof(kb)) == 0);
    }

    /* The independent PRF agrees on the key block too (with the randoms
     * concatenated server first, as RFC 5246 6.3 says). */
    uint8_t seed[64], ref[88];
    memcpy(seed, sr, 32);
    memcpy(seed + 32, cr, 32);
    CHECK(mintls_tls12_prf(hl == 32 ? &mintls_hash_sha256 : &mintls_hash_sha384, ms, 48,
                           "key expansion", seed, 64, ref, 88));
    CHECK_MEM(ref, want, 88, "key block, internal PRF");
}

/* The key block installed on a client writer and a server reader (and the
 * other way round) carries records; the wrong half does not. */
static void test_install(void)
{
    for (size_t i = 0; i < 6; i++) {
        const EVP_MD *md = suites[i].md();
        uint8_t ms[48];
        mintls_tls12_key_block kb;
        CHECK(mintls_tls12_extended_master_secret(md, pms, 32, md == EVP_sha256() ? sh256 : sh384,
                                                  (size_t)EVP_MD_get_size(md), ms));
        CHECK(mintls_tls12_derive_key_block(md, suites[i].aead(), ms, cr, sr, &kb));
        for (int client = 0; client <= 1; client++) {
            mintls_record_dir w, r, wrong;
            mintls_record_dir_init(&w);
            mintls_record_dir_init(&r);
            mintls_record_dir_init(&wrong);
            CHECK(mintls_tls12_install_keys(&w, &kb, client, 1));
            CHECK(mintls_tls12_install_keys(&r, &kb, client, 0));
            CHECK(mintls_tls12_install_keys(&wrong, &kb, !client, 0));
            w.version = r.version = wrong.version = 0x0303;
            uint8_t rec_buf[200], copy[200];
            size_t n = 0;
            CHECK(mintls_record_write(&w, MINTLS_CT_HANDSHAKE, (const uint8_t *)"finished", 8, 0,
                                      rec_buf, sizeof(rec_buf), &n));
            memcpy(copy, rec_buf, n);
            mintls_record rec;
            CHECK(mintls_record_read(&r, rec_buf, n, &rec) == MINTLS_RECORD_OK);
            CHECK(rec.len == 8 && memcmp(rec.data, "finished", 8) == 0);
            CHECK(mintls_record_read(&wrong, copy, n, &rec) == MINTLS_RECORD_SEND_ALERT &&
                  rec.alert == MINTLS_ALERT_BAD_RECORD_MAC);
            mintls_record_dir_clear(&w);
            mintls_record_dir_clear(&r);
            mintls_record_dir_clear(&wrong);
        }
        mintls_tls12_key_block_clear(&kb);
    }
}

static void test_errors(void)
{
    uint8_t out[48];
    mintls_tls12_key_block kb;
    ERR_clear_error();
    /* Only SHA-256 and SHA-384 are TLS 1.2 AEAD-suite PRF hashes. */
    CHECK(!mintls_tls12_prf_md(EVP_sha1(), pms, 32, "x", cr, 32, NULL, 0, out, 48));
    CHECK(!mintls_tls12_prf_md(NULL, pms, 32, "x", cr, 32, NULL, 0, out, 48));
    CHECK(!mintls_tls12_prf_md(EVP_sha256(), pms, 32, NULL, cr, 32, NULL, 0, out, 48));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    /* The session / handshake hash must be the hash's length. */
    CHECK(!mintls_tls12_extended_master_secret(EVP_sha256(), pms, 32, sh384, 48, out));
    CHECK(!mintls_tls12_extended_master_secret(EVP_sha384(), pms, 32, sh256, 32, out));
    CHECK(!mintls_tls12_finished(EVP_sha256(), pms, 0, sh256, 31, out));
    CHECK(!mintls_tls12_finished(EVP_sha384(), pms, 1, NULL, 48, out));
    /* AEADs only (libcrypto has no other cipher to offer). */
    CHECK(!mintls_tls12_derive_key_block(EVP_sha256(), NULL, pms, cr, sr, &kb));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
}

int main(void)
{
    test_rand_seed(0x1212);
    make_inputs();
    test_prf_vectors();
    test_prf_cross_check();
    test_schedule(EVP_sha256(), sh256, 32, &vec_sha256, "SHA-256");
    test_schedule(EVP_sha384(), sh384, 48, &vec_sha384, "SHA-384");
    test_install();
    test_errors();
    return test_summary();
}
