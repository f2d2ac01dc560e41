/*
 * The OpenSSL side of the public-key benchmark: the same operations, named
 * as mintls's bench_pk_* programs name them, through OpenSSL 3.0's EVP_PKEY
 * API (what its TLS layer calls). Built only against the system OpenSSL.
 * Prints "<name> <operations per second>", best of 3 slices after a warm-up.
 */
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double slice_seconds = 0.5;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef int (*op_fn)(void *arg);

/* Runs op for a warm-up, then 3 slices; prints the best rate. */
static void bench(const char *name, op_fn op, void *arg)
{
    double t0 = now();
    while (now() - t0 < slice_seconds / 5)
        if (!op(arg)) {
            fprintf(stderr, "%s: operation failed\n", name);
            exit(1);
        }
    double best = 0;
    for (int s = 0; s < 3; s++) {
        long n = 0;
        double start = now(), el;
        do {
            op(arg);
            n++;
            el = now() - start;
        } while (el < slice_seconds / 3);
        if (n / el > best)
            best = n / el;
    }
    printf("%s %.1f\n", name, best);
    fflush(stdout);
}

static EVP_PKEY *keygen_named(const char *alg, const char *group, int bits)
{
    EVP_PKEY *pkey = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
    if (ctx == NULL || EVP_PKEY_keygen_init(ctx) <= 0)
        goto done;
    if (group && EVP_PKEY_CTX_set_group_name(ctx, group) <= 0)
        goto done;
    if (bits && EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) <= 0)
        goto done;
    EVP_PKEY_keygen(ctx, &pkey);
done:
    EVP_PKEY_CTX_free(ctx);
    return pkey;
}

struct kg {
    const char *alg, *group;
};
static int op_keygen(void *arg)
{
    struct kg *k = arg;
    EVP_PKEY *p = keygen_named(k->alg, k->group, 0);
    EVP_PKEY_free(p);
    return p != NULL;
}

struct derive {
    EVP_PKEY *mine, *peer;
};
static int op_derive(void *arg)
{
    struct derive *d = arg;
    unsigned char out[128];
    size_t len = sizeof(out);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(d->mine, NULL);
    int ok = ctx && EVP_PKEY_derive_init(ctx) > 0 && EVP_PKEY_derive_set_peer(ctx, d->peer) > 0 &&
             EVP_PKEY_derive(ctx, out, &len) > 0;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/* Sign or verify a 32/48-byte digest with the key's natural scheme. */
struct sig {
    EVP_PKEY *key;
    const EVP_MD *md;
    int rsa;
    unsigned char digest[64];
    size_t dlen;
    unsigned char sig[1024];
    size_t slen;
};
static int op_sign(void *arg)
{
    struct sig *s = arg;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(s->key, NULL);
    s->slen = sizeof(s->sig);
    int ok = ctx && EVP_PKEY_sign_init(ctx) > 0 &&
             (!s->rsa || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0) &&
             EVP_PKEY_CTX_set_signature_md(ctx, s->md) > 0 &&
             EVP_PKEY_sign(ctx, s->sig, &s->slen, s->digest, s->dlen) > 0;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}
static int op_verify(void *arg)
{
    struct sig *s = arg;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(s->key, NULL);
    int ok = ctx && EVP_PKEY_verify_init(ctx) > 0 &&
             (!s->rsa || EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0) &&
             EVP_PKEY_CTX_set_signature_md(ctx, s->md) > 0 &&
             EVP_PKEY_verify(ctx, s->sig, s->slen, s->digest, s->dlen) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/* Ed25519 signs the message itself (one-shot EVP_DigestSign). */
static int op_ed_sign(void *arg)
{
    struct sig *s = arg;
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    s->slen = sizeof(s->sig);
    int ok = m && EVP_DigestSignInit(m, NULL, NULL, NULL, s->key) > 0 &&
             EVP_DigestSign(m, s->sig, &s->slen, s->digest, s->dlen) > 0;
    EVP_MD_CTX_free(m);
    return ok;
}
static int op_ed_verify(void *arg)
{
    struct sig *s = arg;
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    int ok = m && EVP_DigestVerifyInit(m, NULL, NULL, NULL, s->key) > 0 &&
             EVP_DigestVerify(m, s->sig, s->slen, s->digest, s->dlen) == 1;
    EVP_MD_CTX_free(m);
    return ok;
}

static int wanted(int argc, char **argv, const char *name)
{
    if (argc < 2)
        return 1;
    for (int i = 1; i < argc; i++)
        if (strstr(name, argv[i]))
            return 1;
    return 0;
}

static void run_sig(int argc, char **argv, const char *sign_name, const char *verify_name,
                    EVP_PKEY *key, const EVP_MD *md, int rsa)
{
    struct sig s = {.key = key, .md = md, .rsa = rsa, .dlen = (size_t)EVP_MD_get_size(md)};
    memset(s.digest, 0x5a, sizeof(s.digest));
    if (!op_sign(&s)) {
        fprintf(stderr, "%s: setup failed\n", verify_name);
        exit(1);
    }
    if (sign_name && wanted(argc, argv, sign_name))
        bench(sign_name, op_sign, &s);
    if (wanted(argc, argv, verify_name))
        bench(verify_name, op_verify, &s);
}

int main(int argc, char **argv)
{
    const char *env = getenv("MINTLS_BENCH_SECONDS");
    if (env && atof(env) > 0)
        slice_seconds = atof(env);

    struct kg x = {"X25519", NULL}, e = {"ED25519", NULL}, p = {"EC", "P-256"};
    if (wanted(argc, argv, "x25519_keygen"))
        bench("x25519_keygen", op_keygen, &x);
    struct derive dx = {keygen_named("X25519", NULL, 0), keygen_named("X25519", NULL, 0)};
    if (wanted(argc, argv, "x25519_derive"))
        bench("x25519_derive", op_derive, &dx);

    if (wanted(argc, argv, "ed25519_keygen"))
        bench("ed25519_keygen", op_keygen, &e);
    struct sig ed = {.key = keygen_named("ED25519", NULL, 0), .dlen = 32};
    memset(ed.digest, 0x5a, sizeof(ed.digest));
    op_ed_sign(&ed);
    if (wanted(argc, argv, "ed25519_sign"))
        bench("ed25519_sign", op_ed_sign, &ed);
    if (wanted(argc, argv, "ed25519_verify"))
        bench("ed25519_verify", op_ed_verify, &ed);

    if (wanted(argc, argv, "p256_keygen"))
        bench("p256_keygen", op_keygen, &p);
    struct derive d256 = {keygen_named("EC", "P-256", 0), keygen_named("EC", "P-256", 0)};
    if (wanted(argc, argv, "p256_ecdh"))
        bench("p256_ecdh", op_derive, &d256);
    run_sig(argc, argv, "p256_sign", "p256_verify", d256.mine, EVP_sha256(), 0);

    struct derive d384 = {keygen_named("EC", "P-384", 0), keygen_named("EC", "P-384", 0)};
    if (wanted(argc, argv, "p384_ecdh"))
        bench("p384_ecdh", op_derive, &d384);
    run_sig(argc, argv, "p384_sign", "p384_verify", d384.mine, EVP_sha384(), 0);

    static const int sizes[] = {2048, 3072, 4096};
    for (int i = 0; i < 3; i++) {
        char sn[32], vn[32];
        snprintf(sn, sizeof(sn), "rsa%d_sign", sizes[i]);
        snprintf(vn, sizeof(vn), "rsa%d_verify", sizes[i]);
        if (!(sizes[i] != 3072 && wanted(argc, argv, sn)) && !wanted(argc, argv, vn))
            continue;
        EVP_PKEY *k = keygen_named("RSA", NULL, sizes[i]);
        run_sig(argc, argv, sizes[i] == 3072 ? NULL : sn, vn, k, EVP_sha256(), 1);
        EVP_PKEY_free(k);
    }
    return 0;
}
