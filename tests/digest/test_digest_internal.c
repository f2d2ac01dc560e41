/*
 * Known answers for the hashes, HMAC, HKDF and the TLS 1.2 PRF through the
 * internal interface (crypto/internal/digest.h). Run once per CPU path
 * (MINTLS_CPU), so SHA-NI and the portable code both meet every vector; the
 * block functions of each strategy are also compared with each other here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/md5.h>
#include <openssl/sha.h>

#include "internal/cpu.h"
#include "internal/digest.h"
#include "test.h"
#include "wycheproof.h"

#include "digest_kat.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const mintls_hash *const hashes[] = {
    &mintls_hash_md5,    &mintls_hash_sha1,   &mintls_hash_sha224,
    &mintls_hash_sha256, &mintls_hash_sha384, &mintls_hash_sha512,
};

static void unhex_must(const char *hex, uint8_t *out, size_t cap, size_t *out_len)
{
    long n = test_unhex(hex, out, cap);
    if (!CHECK(n >= 0))
        n = 0;
    *out_len = (size_t)n;
}

static void test_hash_kats(void)
{
    for (size_t i = 0; i < N(hash_kats); i++) {
        const struct hash_kat *k = &hash_kats[i];
        mintls_hash_ctx c;
        uint8_t got[MINTLS_MAX_DIGEST], want[MINTLS_MAX_DIGEST];
        size_t want_len, len = strlen(k->msg);
        unhex_must(k->md, want, sizeof(want), &want_len);
        CHECK(want_len == k->h->digest_len);
        k->h->init(&c);
        for (unsigned r = 0; r < k->repeat; r++)
            k->h->update(&c, k->msg, len);
        k->h->final(&c, got);
        if (!CHECK_MEM(got, want, want_len, k->h->name))
            fprintf(stderr, "  message \"%.20s\" x %u\n", k->msg, k->repeat);
        if (k->repeat == 1) {
            mintls_hash_oneshot(k->h, k->msg, len, got);
            CHECK_MEM(got, want, want_len, "one-shot");
        }
    }
}

/* Every length 0..300, one shot against random chunks, and the digest of all
 * the digests against a known answer. */
static void test_hash_lengths(void)
{
    uint8_t msg[300];
    for (size_t i = 0; i < sizeof(msg); i++)
        msg[i] = (uint8_t)(i * 31 + 7);
    for (size_t hi = 0; hi < N(hashes); hi++) {
        const mintls_hash *h = hashes[hi];
        mintls_hash_ctx acc;
        uint8_t want[MINTLS_MAX_DIGEST], got[MINTLS_MAX_DIGEST];
        size_t want_len;
        unsigned mismatches = 0;

        h->init(&acc);
        for (size_t n = 0; n <= sizeof(msg); n++) {
            uint8_t one[MINTLS_MAX_DIGEST], split[MINTLS_MAX_DIGEST];
            mintls_hash_ctx c;
            mintls_hash_oneshot(h, msg, n, one);
            h->update(&acc, one, h->digest_len);
            for (int trial = 0; trial < 4; trial++) {
                size_t off = 0;
                h->init(&c);
                while (off < n) {
                    size_t step = test_rand_below(trial == 0 ? 3 : trial == 1 ? 70 : 200);
                    if (step > n - off)
                        step = n - off;
                    h->update(&c, msg + off, step); /* includes zero-length updates */
                    off += step;
                }
                h->final(&c, split);
                mismatches += memcmp(one, split, h->digest_len) != 0;
            }
        }
        h->final(&acc, got);
        unhex_must(hash_of_lengths[hi], want, sizeof(want), &want_len);
        CHECK_MEM(got, want, want_len, h->name);
        if (!CHECK(mismatches == 0))
            fprintf(stderr, "  %s: %u streaming/one-shot mismatches\n", h->name, mismatches);
    }
}

/* The strategies behind the dispatching block functions agree. */
static void test_block_paths(void)
{
    static uint8_t buf[128 * 40];
    test_rand_bytes(buf, sizeof(buf));
#if defined(__x86_64__) || defined(__i386__)
    if (mintls_cpu_has(MINTLS_CPU_AVX2 | MINTLS_CPU_BMI2)) {
        printf("AVX2+BMI2 in use: comparing SHA-512 AVX2 and portable block functions\n");
        for (size_t n = 0; n <= 40; n++) {
            uint64_t a[8], b[8];
            for (int i = 0; i < 8; i++)
                a[i] = b[i] = test_rand_u64();
            mintls_sha512_blocks_portable(a, buf, n);
            mintls_sha512_blocks_avx2(b, buf, n);
            CHECK_MEM(a, b, sizeof(a), "sha512 avx2 vs portable");
        }
    } else {
        printf("SHA-512: portable path only (%s)\n", mintls_cpu_describe());
    }
#endif
    if (!mintls_cpu_has(MINTLS_CPU_SHANI)) {
        printf("SHA-NI not in use (%s): portable path only\n", mintls_cpu_describe());
        CHECK(1);
        return;
    }
#if defined(__x86_64__) || defined(__i386__)
    printf("SHA-NI in use: comparing SHA-NI and portable block functions\n");
    for (size_t n = 0; n <= 40; n++) {
        uint32_t a[8], b[8], c[5], d[5];
        for (int i = 0; i < 8; i++)
            a[i] = b[i] = (uint32_t)test_rand_u64();
        for (int i = 0; i < 5; i++)
            c[i] = d[i] = (uint32_t)test_rand_u64();
        mintls_sha256_blocks_portable(a, buf, n);
        mintls_sha256_blocks_shani(b, buf, n);
        CHECK_MEM(a, b, sizeof(a), "sha256 shani vs portable");
        mintls_sha1_blocks_portable(c, buf, n);
        mintls_sha1_blocks_shani(d, buf, n);
        CHECK_MEM(c, d, sizeof(c), "sha1 shani vs portable");
    }
#endif
}

static void test_hmac_kats(void)
{
    for (size_t i = 0; i < N(hmac_kats); i++) {
        const struct hmac_kat *k = &hmac_kats[i];
        uint8_t key[200], data[200], want[64], got[64];
        size_t key_len, data_len, want_len;
        unhex_must(k->key, key, sizeof(key), &key_len);
        unhex_must(k->data, data, sizeof(data), &data_len);
        unhex_must(k->tag, want, sizeof(want), &want_len);
        mintls_hmac(k->h, key, key_len, data, data_len, got);
        CHECK_MEM(got, want, k->tag_len, k->h->name);

        /* streaming, one byte at a time */
        mintls_hmac_ctx c;
        mintls_hmac_init(&c, k->h, key, key_len);
        for (size_t j = 0; j < data_len; j++)
            mintls_hmac_update(&c, data + j, 1);
        mintls_hmac_final(&c, got);
        CHECK_MEM(got, want, k->tag_len, "streaming hmac");
    }
}

static void test_hkdf_kats(void)
{
    for (size_t i = 0; i < N(hkdf_kats); i++) {
        const struct hkdf_kat *k = &hkdf_kats[i];
        uint8_t ikm[100], salt[100], info[100], prk[32], okm[100], got_prk[32], got[100];
        size_t ikm_len, salt_len, info_len, prk_len, okm_len;
        unhex_must(k->ikm, ikm, sizeof(ikm), &ikm_len);
        unhex_must(k->salt, salt, sizeof(salt), &salt_len);
        unhex_must(k->info, info, sizeof(info), &info_len);
        unhex_must(k->prk, prk, sizeof(prk), &prk_len);
        unhex_must(k->okm, okm, sizeof(okm), &okm_len);
        mintls_hkdf_extract(&mintls_hash_sha256, salt, salt_len, ikm, ikm_len, got_prk);
        CHECK_MEM(got_prk, prk, prk_len, "HKDF PRK");
        CHECK(mintls_hkdf_expand(&mintls_hash_sha256, got_prk, 32, info, info_len, got, k->len));
        CHECK_MEM(got, okm, okm_len, "HKDF OKM");
    }
    uint8_t prk[32] = {0}, big[255 * 32 + 1];
    CHECK(mintls_hkdf_expand(&mintls_hash_sha256, prk, 32, NULL, 0, big, 255 * 32) == 1);
    CHECK(mintls_hkdf_expand(&mintls_hash_sha256, prk, 32, NULL, 0, big, 255 * 32 + 1) == 0);
}

static const mintls_hash *hash_for_wp(const json *root)
{
    const char *alg = json_get_str(root, "algorithm");
    if (strcmp(alg, "HKDF-SHA-256") == 0)
        return &mintls_hash_sha256;
    if (strcmp(alg, "HKDF-SHA-384") == 0)
        return &mintls_hash_sha384;
    return NULL;
}

static int hkdf_case(const json *group, const json *test, void *arg)
{
    const mintls_hash *h = arg;
    size_t ikm_len, salt_len, info_len, okm_len;
    uint8_t *ikm = json_get_hex(test, "ikm", &ikm_len);
    uint8_t *salt = json_get_hex(test, "salt", &salt_len);
    uint8_t *info = json_get_hex(test, "info", &info_len);
    uint8_t *okm = json_get_hex(test, "okm", &okm_len);
    size_t size = (size_t)json_num(json_get(test, "size"));
    const char *result = json_get_str(test, "result");
    uint8_t prk[MINTLS_MAX_DIGEST];
    uint8_t *out = malloc(size ? size : 1);
    int verdict = WP_FAIL;

    (void)group;
    if (ikm == NULL || salt == NULL || info == NULL || okm == NULL || out == NULL)
        goto done;
    mintls_hkdf_extract(h, salt, salt_len, ikm, ikm_len, prk);
    int ok = mintls_hkdf_expand(h, prk, h->digest_len, info, info_len, out, size);
    if (strcmp(result, "valid") == 0)
        verdict = ok && okm_len == size && memcmp(out, okm, size) == 0 ? WP_PASS : WP_FAIL;
    else /* invalid: only SizeTooLarge in these files */
        verdict = !ok ? WP_PASS : WP_FAIL;
done:
    free(ikm);
    free(salt);
    free(info);
    free(okm);
    free(out);
    return verdict;
}

static void test_hkdf_wycheproof(void)
{
    static const struct {
        const char *file;
        const mintls_hash *h;
    } files[] = {
        {"hkdf_sha256_test.json", &mintls_hash_sha256},
        {"hkdf_sha384_test.json", &mintls_hash_sha384},
    };
    for (size_t i = 0; i < N(files); i++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", VECTORS_DIR, files[i].file);
        char *text = test_read_file(path, NULL);
        json *root = text != NULL ? json_parse(text) : NULL;
        CHECK(root != NULL && hash_for_wp(root) == files[i].h);
        json_free(root);
        free(text);
        wycheproof_run(files[i].file, files[i].h->name, hkdf_case, (void *)files[i].h);
    }
}

static void test_prf_kats(void)
{
    for (size_t i = 0; i < N(prf_kats); i++) {
        const struct prf_kat *k = &prf_kats[i];
        uint8_t secret[256], seed[128], want[256], got[256];
        size_t secret_len, seed_len, want_len;
        unhex_must(k->secret, secret, sizeof(secret), &secret_len);
        unhex_must(k->seed, seed, sizeof(seed), &seed_len);
        unhex_must(k->out, want, sizeof(want), &want_len);
        CHECK(want_len == k->len);
        CHECK(mintls_tls12_prf(k->h, secret, secret_len, k->label, seed, seed_len, got, k->len));
        if (!CHECK_MEM(got, want, k->len, "TLS 1.2 PRF"))
            fprintf(stderr, "  %s label \"%s\"\n", k->h->name, k->label);
    }
}

static void test_lookup(void)
{
    CHECK(mintls_hash_by_name("sha-256") == &mintls_hash_sha256);
    CHECK(mintls_hash_by_name("SHA2-384") == &mintls_hash_sha384);
    CHECK(mintls_hash_by_name("md5") == &mintls_hash_md5);
    CHECK(mintls_hash_by_name("sha3-256") == NULL);
    CHECK(mintls_hash_by_name(NULL) == NULL);
    CHECK(mintls_hash_by_nid(672) == &mintls_hash_sha256);
    CHECK(mintls_hash_by_nid(64) == &mintls_hash_sha1);
    CHECK(mintls_hash_by_nid(0) == NULL);
    for (size_t i = 0; i < N(hashes); i++)
        CHECK(hashes[i]->digest_len <= MINTLS_MAX_DIGEST && hashes[i]->block_len <= MINTLS_MAX_BLOCK);
}

static int all_zero(const void *p, size_t n)
{
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= ((const unsigned char *)p)[i];
    return acc == 0;
}

/* Every Final wipes the whole context, partial block and bit count included. */
static void test_final_wipes(void)
{
    static const unsigned char msg[100] = {1};
    unsigned char md[64];
    MD5_CTX m5;
    SHA_CTX s1;
    SHA256_CTX s224, s256;
    SHA512_CTX s384, s512;

    MD5_Init(&m5);
    MD5_Update(&m5, msg, sizeof(msg));
    MD5_Final(md, &m5);
    CHECK(all_zero(&m5, sizeof(m5)));
    SHA1_Init(&s1);
    SHA1_Update(&s1, msg, sizeof(msg));
    SHA1_Final(md, &s1);
    CHECK(all_zero(&s1, sizeof(s1)));
    SHA224_Init(&s224);
    SHA224_Update(&s224, msg, sizeof(msg));
    SHA224_Final(md, &s224);
    CHECK(all_zero(&s224, sizeof(s224)));
    SHA256_Init(&s256);
    SHA256_Update(&s256, msg, sizeof(msg));
    SHA256_Final(md, &s256);
    CHECK(all_zero(&s256, sizeof(s256)));
    SHA384_Init(&s384);
    SHA384_Update(&s384, msg, sizeof(msg));
    SHA384_Final(md, &s384);
    CHECK(all_zero(&s384, sizeof(s384)));
    SHA512_Init(&s512);
    SHA512_Update(&s512, msg, sizeof(msg));
    SHA512_Final(md, &s512);
    CHECK(all_zero(&s512, sizeof(s512)));

    for (size_t hi = 0; hi < N(hashes); hi++) {
        mintls_hash_ctx c;
        memset(&c, 0, sizeof(c));
        hashes[hi]->init(&c);
        hashes[hi]->update(&c, msg, sizeof(msg));
        hashes[hi]->final(&c, md);
        if (!CHECK(all_zero(&c, sizeof(c))))
            fprintf(stderr, "  %s: context not wiped\n", hashes[hi]->name);
    }
}

int main(void)
{
    printf("CPU: %s\n", mintls_cpu_describe());
    test_rand_seed(0x12345678);
    test_hash_kats();
    test_hash_lengths();
    test_final_wipes();
    test_block_paths();
    test_hmac_kats();
    test_hkdf_kats();
    test_hkdf_wycheproof();
    test_prf_kats();
    test_lookup();
    return test_summary();
}
