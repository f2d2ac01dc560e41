/*
 * Throughput of the record ciphers and hashes a TLS connection uses, written
 * against the OpenSSL EVP API only so that the same source builds against
 * mintls (bench_crypto) and the system OpenSSL (bench_crypto_openssl).
 *
 * Each benchmark seals TLS-shaped records: the key is set once, then per
 * record a fresh 12-byte nonce, 13 bytes of AAD, one data update, Final and
 * GET_TAG. Hashes run Init/Update/Final over one buffer. AES-CBC rows
 * (-enc/-dec) restart the message with an IV-only Init, then one Update and
 * Final over the buffer, padding off (the bulk rate, no padding block).
 *
 * Output, one line per benchmark (MB = 10^6 bytes):
 *   <name> <bytes per operation> <MB/s>
 *
 * Usage: bench_crypto [-t seconds] [name-substring...]
 * The run time per benchmark (default 0.5 s, after a warm-up of a tenth of
 * that) also comes from MINTLS_BENCH_SECONDS; -t wins. The figure printed is
 * the best of five equal slices of that time (see best_run).
 */
#include <openssl/evp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RECORD 16384
#define TAGLEN 16
#define AADLEN 13
/* Operations between clock reads: keeps timing overhead out of small sizes. */
#define BATCH 8

static uint8_t in_buf[MAX_RECORD], out_buf[MAX_RECORD + 64], cbc_ct[MAX_RECORD];

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct {
    EVP_CIPHER_CTX *cctx;
    EVP_MD_CTX *mctx;
    const EVP_MD *md;
    size_t len;
    uint64_t seq;
    uint8_t iv[12], aad[AADLEN], tag[TAGLEN];
} bench_state;

/* One TLS-style record: nonce = base IV xor sequence number, as in TLS 1.3. */
static int seal_record(bench_state *s)
{
    uint8_t nonce[12];
    int n = 0, fin = 0;
    memcpy(nonce, s->iv, sizeof(nonce));
    for (int i = 0; i < 8; i++)
        nonce[11 - i] ^= (uint8_t)(s->seq >> (8 * i));
    s->aad[11] = (uint8_t)(s->len >> 8);
    s->aad[12] = (uint8_t)s->len;
    s->seq++;
    return EVP_EncryptInit_ex(s->cctx, NULL, NULL, NULL, nonce) == 1 &&
           EVP_EncryptUpdate(s->cctx, NULL, &n, s->aad, AADLEN) == 1 &&
           EVP_EncryptUpdate(s->cctx, out_buf, &n, in_buf, (int)s->len) == 1 &&
           (size_t)n == s->len && EVP_EncryptFinal_ex(s->cctx, out_buf + n, &fin) == 1 &&
           EVP_CIPHER_CTX_ctrl(s->cctx, EVP_CTRL_AEAD_GET_TAG, TAGLEN, s->tag) == 1;
}

/* Opens the record just sealed, so a broken fast path cannot report a speed. */
static int open_last_record(bench_state *s, const EVP_CIPHER *cipher, const uint8_t *key)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t nonce[12];
    uint64_t seq = s->seq - 1;
    int n = 0, fin = 0, ok;
    memcpy(nonce, s->iv, sizeof(nonce));
    for (int i = 0; i < 8; i++)
        nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
    ok = ctx != NULL && EVP_DecryptInit_ex(ctx, cipher, NULL, key, nonce) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, TAGLEN, s->tag) == 1 &&
         EVP_DecryptUpdate(ctx, NULL, &n, s->aad, AADLEN) == 1 &&
         EVP_DecryptUpdate(ctx, out_buf, &n, out_buf, (int)s->len) == 1 &&
         EVP_DecryptFinal_ex(ctx, out_buf + n, &fin) == 1 &&
         memcmp(out_buf, in_buf, s->len) == 0;
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

/* AES-CBC over one buffer: in_buf -> out_buf, or cbc_ct -> out_buf. */
static int cbc_once(bench_state *s, int enc)
{
    int n = 0, fin = 0;
    return EVP_CipherInit_ex(s->cctx, NULL, NULL, NULL, s->tag, enc) == 1 &&
           EVP_CipherUpdate(s->cctx, out_buf, &n, enc ? in_buf : cbc_ct, (int)s->len) == 1 &&
           (size_t)n == s->len && EVP_CipherFinal_ex(s->cctx, out_buf + n, &fin) == 1 &&
           fin == 0;
}

static int cbc_encrypt_once(bench_state *s)
{
    return cbc_once(s, 1);
}

static int cbc_decrypt_once(bench_state *s)
{
    return cbc_once(s, 0);
}

static int hash_once(bench_state *s)
{
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    return EVP_DigestInit_ex(s->mctx, s->md, NULL) == 1 &&
           EVP_DigestUpdate(s->mctx, in_buf, s->len) == 1 &&
           EVP_DigestFinal_ex(s->mctx, md, &md_len) == 1 &&
           md_len == (unsigned int)EVP_MD_get_size(s->md);
}

/* Runs op for `seconds`; returns MB/s, or a negative value if op failed. */
static double timed_run(int (*op)(bench_state *), bench_state *s, double seconds)
{
    double start = now_seconds(), end = start + seconds, t = start;
    uint64_t ops = 0;
    do {
        for (int i = 0; i < BATCH; i++) {
            if (!op(s))
                return -1.0;
        }
        ops += BATCH;
        t = now_seconds();
    } while (t < end);
    return (double)ops * (double)s->len / (t - start) / 1e6;
}

/*
 * The machine may be shared: the run is cut into SLICES windows and the
 * fastest one is reported, which is what the code can do when it has a core.
 */
#define SLICES 5
static double best_run(int (*op)(bench_state *), bench_state *s, double seconds)
{
    double best = timed_run(op, s, seconds / 10); /* warm-up, not reported */
    if (best < 0)
        return best;
    best = 0;
    for (int i = 0; i < SLICES; i++) {
        double mbs = timed_run(op, s, seconds / SLICES);
        if (mbs < 0)
            return mbs;
        if (mbs > best)
            best = mbs;
    }
    return best;
}

typedef struct {
    const char *name;
    const EVP_CIPHER *(*cipher)(void);
    const EVP_MD *(*md)(void);
    size_t len;
    int cbc; /* 0: AEAD record or hash; 1: CBC encrypt; 2: CBC decrypt */
} bench_def;

static const bench_def benches[] = {
    {"aes-128-gcm", EVP_aes_128_gcm, NULL, 16384, 0},
    {"aes-128-gcm", EVP_aes_128_gcm, NULL, 1024, 0},
    {"aes-256-gcm", EVP_aes_256_gcm, NULL, 16384, 0},
    {"aes-256-gcm", EVP_aes_256_gcm, NULL, 1024, 0},
    {"chacha20-poly1305", EVP_chacha20_poly1305, NULL, 16384, 0},
    {"chacha20-poly1305", EVP_chacha20_poly1305, NULL, 1024, 0},
    {"sha256", NULL, EVP_sha256, 16384, 0},
    {"sha384", NULL, EVP_sha384, 16384, 0},
    {"aes-128-cbc-enc", EVP_aes_128_cbc, NULL, 16384, 1},
    {"aes-128-cbc-enc", EVP_aes_128_cbc, NULL, 1024, 1},
    {"aes-128-cbc-dec", EVP_aes_128_cbc, NULL, 16384, 2},
    {"aes-128-cbc-dec", EVP_aes_128_cbc, NULL, 1024, 2},
};

static int selected(const char *name, int argc, char **argv, int first)
{
    if (first >= argc)
        return 1;
    for (int i = first; i < argc; i++) {
        if (strstr(name, argv[i]) != NULL)
            return 1;
    }
    return 0;
}

static int run_bench(const bench_def *b, double seconds)
{
    bench_state s;
    uint8_t key[32];
    double mbs;
    int ok = 1;

    memset(&s, 0, sizeof(s));
    s.len = b->len;
    for (size_t i = 0; i < sizeof(key); i++)
        key[i] = (uint8_t)(0x40 + i);
    for (size_t i = 0; i < sizeof(s.iv); i++)
        s.iv[i] = (uint8_t)(0xa0 ^ i);
    memcpy(s.aad, "\0\0\0\0\0\0\0\0\x17\x03\x03", 11);

    if (b->cbc) {
        /* s.tag serves as the CBC IV; cbc_ct is in_buf encrypted under it. */
        for (size_t i = 0; i < sizeof(s.tag); i++)
            s.tag[i] = (uint8_t)(0x33 + i);
        s.cctx = EVP_CIPHER_CTX_new();
        ok = s.cctx != NULL && EVP_CipherInit_ex(s.cctx, b->cipher(), NULL, key, s.tag, 1) == 1 &&
             EVP_CIPHER_CTX_set_padding(s.cctx, 0) == 1 && cbc_encrypt_once(&s);
        if (ok)
            memcpy(cbc_ct, out_buf, s.len);
        ok = ok && EVP_CipherInit_ex(s.cctx, NULL, NULL, key, NULL, b->cbc == 1) == 1;
        mbs = ok ? best_run(b->cbc == 1 ? cbc_encrypt_once : cbc_decrypt_once, &s, seconds) : -1;
        ok = mbs >= 0 && (b->cbc == 1 ? memcmp(out_buf, cbc_ct, s.len)
                                      : memcmp(out_buf, in_buf, s.len)) == 0;
        EVP_CIPHER_CTX_free(s.cctx);
    } else if (b->cipher != NULL) {
        const EVP_CIPHER *cipher = b->cipher();
        s.cctx = EVP_CIPHER_CTX_new();
        if (s.cctx == NULL || EVP_EncryptInit_ex(s.cctx, cipher, NULL, key, NULL) != 1) {
            fprintf(stderr, "%s: cannot set key\n", b->name);
            EVP_CIPHER_CTX_free(s.cctx);
            return 0;
        }
        mbs = best_run(seal_record, &s, seconds);
        ok = mbs >= 0 && open_last_record(&s, cipher, key);
        EVP_CIPHER_CTX_free(s.cctx);
    } else {
        s.md = b->md();
        s.mctx = EVP_MD_CTX_new();
        if (s.mctx == NULL) {
            fprintf(stderr, "%s: out of memory\n", b->name);
            return 0;
        }
        mbs = best_run(hash_once, &s, seconds);
        ok = mbs >= 0;
        EVP_MD_CTX_free(s.mctx);
    }
    if (!ok) {
        fprintf(stderr, "%s %zu: operation failed or did not round-trip\n", b->name, b->len);
        return 0;
    }
    printf("%s %zu %.1f\n", b->name, b->len, mbs);
    fflush(stdout);
    return 1;
}

int main(int argc, char **argv)
{
    double seconds = 0.5;
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    int first = 1;
    if (env != NULL && *env != '\0')
        seconds = atof(env);
    if (argc >= 3 && strcmp(argv[1], "-t") == 0) {
        seconds = atof(argv[2]);
        first = 3;
    }
    if (!(seconds > 0 && seconds < 3600)) {
        fprintf(stderr, "usage: %s [-t seconds] [name-substring...]\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < MAX_RECORD; i++)
        in_buf[i] = (uint8_t)(i * 131 + 7);

    int failures = 0, ran = 0;
    for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
        if (selected(benches[i].name, argc, argv, first)) {
            failures += !run_bench(&benches[i], seconds);
            ran++;
        }
    }
    if (ran == 0) {
        fprintf(stderr, "%s: no benchmark matches\n", argv[0]);
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
