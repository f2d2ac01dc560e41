/*
 * X509_STORE, X509_LOOKUP (file and hashed directory), default verify paths,
 * X509_STORE_CTX getters and X509_VERIFY_PARAM, written against the OpenSSL
 * API only; every expectation holds for the system OpenSSL 3.0 too.
 * Fixtures: tests/data/x509 (see tests/x509/README.md). Bundles and hashed
 * directories are made at run time in a temporary directory.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "test.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

#define T_2125_01_01 ((time_t)4891363200LL)

static char tmpdir[256];

static void fixture_path(char *out, size_t cap, const char *name, const char *ext)
{
    snprintf(out, cap, "%s/x509/%s.%s", DATA_DIR, name, ext);
}

static X509 *load_cert(const char *name)
{
    char path[512];
    fixture_path(path, sizeof(path), name, "pem");
    BIO *b = BIO_new_file(path, "r");
    X509 *x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (x == NULL)
        fprintf(stderr, "cannot load %s\n", path);
    return x;
}

/* A fixture kept for the whole run (freed at exit). */
static X509 *kept[16];
static int n_kept;

static X509 *load_cert_once(const char *name)
{
    X509 *x = load_cert(name);
    if (x != NULL && n_kept < 16)
        kept[n_kept++] = x;
    return x;
}

/* Writes the concatenation of fixture files (name.ext pairs) to tmpdir/out. */
static int write_bundle(const char *out, const char *const *parts, size_t n, char *path_out,
                        size_t cap)
{
    snprintf(path_out, cap, "%s/%s", tmpdir, out);
    FILE *f = fopen(path_out, "w");
    if (f == NULL)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char src[512];
        snprintf(src, sizeof(src), "%s/x509/%s", DATA_DIR, parts[i]);
        size_t len;
        char *text = test_read_file(src, &len);
        if (text == NULL) {
            fclose(f);
            return 0;
        }
        fwrite(text, 1, len, f);
        free(text);
    }
    return fclose(f) == 0;
}

/* A hashed directory: each fixture linked as <subject hash>.<n>. */
static int make_hash_dir(const char *dirname, const char *const *names, const int *suffixes,
                         const char *const *hash_of, size_t n, char *dir_out, size_t cap)
{
    snprintf(dir_out, cap, "%s/%s", tmpdir, dirname);
    if (mkdir(dir_out, 0700) != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        /* The file is named after hash_of[i]'s subject (usually its own). */
        X509 *h = load_cert(hash_of[i] != NULL ? hash_of[i] : names[i]);
        if (h == NULL)
            return 0;
        unsigned long hash = X509_NAME_hash(X509_get_subject_name(h));
        X509_free(h);
        char src[512], dst[512];
        fixture_path(src, sizeof(src), names[i], "pem");
        snprintf(dst, sizeof(dst), "%s/%08lx.%d", dir_out, hash, suffixes[i]);
        if (symlink(src, dst) != 0)
            return 0;
    }
    return 1;
}

static int count_objects(X509_STORE *s)
{
    return sk_X509_OBJECT_num(X509_STORE_get0_objects(s));
}

/* Verifies leaf (+ untrusted fixtures) against store; returns the error code,
 * and X509_verify_cert's result in *ret. */
static int verify_with(X509_STORE *store, const char *leaf_name, const char *const *untrusted,
                       int *ret, int *depth)
{
    X509 *leaf = load_cert(leaf_name);
    STACK_OF(X509) *sk = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int err = -1;
    *ret = -99;
    if (leaf == NULL || sk == NULL || ctx == NULL)
        goto out;
    for (size_t i = 0; untrusted != NULL && untrusted[i] != NULL; i++) {
        X509 *x = load_cert(untrusted[i]);
        if (x == NULL || !sk_X509_push(sk, x))
            goto out;
    }
    if (!X509_STORE_CTX_init(ctx, store, leaf, sk))
        goto out;
    *ret = X509_verify_cert(ctx);
    err = X509_STORE_CTX_get_error(ctx);
    if (depth != NULL)
        *depth = X509_STORE_CTX_get_error_depth(ctx);
out:
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(sk, X509_free);
    X509_free(leaf);
    return err;
}

static const char *const rsa_int_only[] = { "rsa-int", NULL };

/* ---- X509_STORE basics ------------------------------------------------------ */

static void test_store_basics(void)
{
    X509_STORE *s = X509_STORE_new();
    X509 *root = load_cert("rsa-root");
    if (!CHECK(s != NULL && root != NULL))
        goto out;
    CHECK(count_objects(s) == 0);
    CHECK(X509_STORE_add_cert(s, root) == 1);
    CHECK(X509_STORE_add_cert(s, root) == 1); /* a duplicate is fine ... */
    CHECK(count_objects(s) == 1);             /* ... and not added twice */
    X509_OBJECT *o = sk_X509_OBJECT_value(X509_STORE_get0_objects(s), 0);
    CHECK(X509_OBJECT_get_type(o) == X509_LU_X509);
    CHECK(X509_cmp(X509_OBJECT_get0_X509(o), root) == 0);
    STACK_OF(X509) *all = X509_STORE_get1_all_certs(s);
    CHECK(all != NULL && sk_X509_num(all) == 1 && X509_cmp(sk_X509_value(all, 0), root) == 0);
    sk_X509_pop_free(all, X509_free);

    /* up_ref: two frees needed */
    CHECK(X509_STORE_up_ref(s) == 1);
    X509_STORE_free(s);
    CHECK(count_objects(s) == 1);

    /* Settings on the store reach the contexts made from it. */
    CHECK(X509_STORE_set_depth(s, 0) == 1);
    int ret, depth;
    int err = verify_with(s, "rsa-leaf", rsa_int_only, &ret, &depth);
    CHECK(ret == 0 && err == X509_V_ERR_CERT_CHAIN_TOO_LONG && depth == 1);
    CHECK(X509_VERIFY_PARAM_get_depth(X509_STORE_get0_param(s)) == 0);
    X509_STORE_set_depth(s, 5);
    CHECK(X509_STORE_set_flags(s, X509_V_FLAG_PARTIAL_CHAIN) == 1);
    CHECK((X509_VERIFY_PARAM_get_flags(X509_STORE_get0_param(s)) & X509_V_FLAG_PARTIAL_CHAIN) != 0);
    CHECK(X509_STORE_set_purpose(s, X509_PURPOSE_SSL_SERVER) == 1);
    err = verify_with(s, "client-leaf", rsa_int_only, &ret, &depth);
    CHECK(ret == 0 && err == X509_V_ERR_INVALID_PURPOSE && depth == 0);
    err = verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL);
    CHECK(ret == 1 && err == X509_V_OK);
out:
    X509_free(root);
    X509_STORE_free(s);
}

/* ---- X509_STORE_load_locations with a file ------------------------------------ */

static void test_load_file(void)
{
    char bundle[512], mixed[512], keyonly[512];
    static const char *const roots[] = { "rsa-root.pem", "ec-root.pem" };
    static const char *const with_key[] = { "rsa-root.key", "ed-root.pem", "ed-int.key" };
    static const char *const only_key[] = { "rsa-root.key" };
    if (!CHECK(write_bundle("roots.pem", roots, 2, bundle, sizeof(bundle))) ||
        !CHECK(write_bundle("mixed.pem", with_key, 3, mixed, sizeof(mixed))) ||
        !CHECK(write_bundle("keyonly.pem", only_key, 1, keyonly, sizeof(keyonly))))
        return;

    X509_STORE *s = X509_STORE_new();
    CHECK(X509_STORE_load_locations(s, bundle, NULL) == 1);
    CHECK(count_objects(s) == 2);
    int ret, depth;
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL) == X509_V_OK && ret == 1);
    static const char *const ec_int[] = { "ec-int", NULL };
    CHECK(verify_with(s, "ec-leaf", ec_int, &ret, NULL) == X509_V_OK && ret == 1);
    static const char *const ed_int[] = { "ed-int", NULL };
    CHECK(verify_with(s, "ed-leaf", ed_int, &ret, &depth) ==
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY && ret == 0 && depth == 1);
    /* Loading the same file again adds nothing. */
    CHECK(X509_STORE_load_file(s, bundle) == 1);
    CHECK(count_objects(s) == 2);
    /* Keys between certificates are skipped. */
    CHECK(X509_STORE_load_file(s, mixed) == 1);
    CHECK(count_objects(s) == 3);
    CHECK(verify_with(s, "ed-leaf", ed_int, &ret, NULL) == X509_V_OK && ret == 1);
    X509_STORE_free(s);

    /* A DER file through X509_LOOKUP_file. */
    s = X509_STORE_new();
    X509 *root = load_cert("rsa-root");
    char der_path[512];
    snprintf(der_path, sizeof(der_path), "%s/root.der", tmpdir);
    BIO *b = BIO_new_file(der_path, "wb");
    CHECK(b != NULL && i2d_X509_bio(b, root) == 1);
    BIO_free(b);
    X509_LOOKUP *lk = X509_STORE_add_lookup(s, X509_LOOKUP_file());
    CHECK(lk != NULL && lk == X509_STORE_add_lookup(s, X509_LOOKUP_file()));
    CHECK(X509_LOOKUP_load_file(lk, der_path, X509_FILETYPE_ASN1) == 1);
    CHECK(count_objects(s) == 1);
    CHECK(X509_load_cert_file(lk, bundle, X509_FILETYPE_PEM) == 2);
    CHECK(count_objects(s) == 2);
    X509_free(root);

    /* Errors: missing file, no certificate, nothing asked. */
    ERR_clear_error();
    CHECK(X509_STORE_load_locations(s, "/nonexistent/mintls/none.pem", NULL) == 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(X509_STORE_load_file(s, keyonly) == 0);
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();
    CHECK(X509_STORE_load_locations(s, NULL, NULL) == 0);
    CHECK(count_objects(s) == 2);
    ERR_clear_error();
    X509_STORE_free(s);
}

/* ---- hashed directories ------------------------------------------------------------ */

static void test_hash_dir(void)
{
    char dir1[512], dir2[512];
    /* dir1: the RSA root under its own hash. */
    static const char *const n1[] = { "rsa-root" };
    static const int s1[] = { 0 };
    static const char *const h1[] = { NULL };
    /* dir2: a collision: the EC root filed as <rsa-root hash>.0 and the RSA
     * intermediate and root after it, plus the EC root under its own hash. */
    static const char *const n2[] = { "ec-root", "rsa-root", "rsa-int", "ec-root" };
    static const int s2[] = { 0, 1, 0, 0 };
    static const char *const h2[] = { "rsa-root", NULL, NULL, NULL };
    if (!CHECK(make_hash_dir("hash1", n1, s1, h1, 1, dir1, sizeof(dir1))) ||
        !CHECK(make_hash_dir("hash2", n2, s2, h2, 4, dir2, sizeof(dir2))))
        return;

    X509_STORE *s = X509_STORE_new();
    CHECK(X509_STORE_load_locations(s, NULL, dir1) == 1);
    CHECK(count_objects(s) == 0); /* nothing is read until needed */
    int ret, depth;
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL) == X509_V_OK && ret == 1);
    CHECK(count_objects(s) == 1); /* the root found is kept */
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL) == X509_V_OK && ret == 1);
    CHECK(count_objects(s) == 1);
    static const char *const ec_int[] = { "ec-int", NULL };
    CHECK(verify_with(s, "ec-leaf", ec_int, &ret, &depth) ==
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY && ret == 0 && depth == 1);
    X509_STORE_free(s);

    /* Intermediate and root both from the directory, through a hash collision. */
    s = X509_STORE_new();
    CHECK(X509_STORE_load_path(s, dir2) == 1);
    CHECK(verify_with(s, "rsa-leaf", NULL, &ret, NULL) == X509_V_OK && ret == 1);
    CHECK(count_objects(s) >= 2);
    CHECK(verify_with(s, "ec-leaf", ec_int, &ret, NULL) == X509_V_OK && ret == 1);
    X509_STORE_free(s);

    /* Issuer and subject queries go through the directory too. */
    s = X509_STORE_new();
    CHECK(X509_STORE_load_path(s, dir2) == 1);
    X509 *inter = load_cert("rsa-int"), *root = load_cert("rsa-root");
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (CHECK(inter != NULL && root != NULL && ctx != NULL) &&
        CHECK(X509_STORE_CTX_init(ctx, s, NULL, NULL) == 1)) {
        X509 *issuer = NULL;
        CHECK(X509_STORE_CTX_get1_issuer(&issuer, ctx, inter) == 1);
        CHECK(issuer != NULL && X509_cmp(issuer, root) == 0);
        X509_free(issuer);
        issuer = NULL;
        CHECK(X509_STORE_CTX_get1_issuer(&issuer, ctx, load_cert_once("ec-int")) == 1);
        X509_free(issuer);
        STACK_OF(X509) *found = X509_STORE_CTX_get1_certs(ctx, X509_get_subject_name(root));
        CHECK(found != NULL && sk_X509_num(found) == 1 && X509_cmp(sk_X509_value(found, 0), root) == 0);
        sk_X509_pop_free(found, X509_free);
        found = X509_STORE_CTX_get1_certs(ctx, X509_get_subject_name(load_cert_once("ed-root")));
        CHECK(found == NULL);
        sk_X509_pop_free(found, X509_free);
    }
    X509_STORE_CTX_free(ctx);
    X509_free(inter);
    X509_free(root);
    X509_STORE_free(s);

    /* Several directories, ':'-separated, through the lookup itself. */
    s = X509_STORE_new();
    X509_LOOKUP *lk = X509_STORE_add_lookup(s, X509_LOOKUP_hash_dir());
    char both[1100];
    snprintf(both, sizeof(both), "/nonexistent/mintls:%s", dir1);
    CHECK(lk != NULL && X509_LOOKUP_add_dir(lk, both, X509_FILETYPE_PEM) == 1);
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL) == X509_V_OK && ret == 1);
    X509_STORE_free(s);
}

/* ---- one store shared by several threads ------------------------------------------ */

#define N_THREADS 4
#define N_ROUNDS 25

static X509_STORE *shared_store;
static X509 *shared_root;

static void *verify_many(void *arg)
{
    int *failures = arg;
    for (int i = 0; i < N_ROUNDS; i++) {
        int ret;
        if (verify_with(shared_store, "rsa-leaf", rsa_int_only, &ret, NULL) != X509_V_OK ||
            ret != 1)
            (*failures)++;
        if (X509_STORE_add_cert(shared_store, shared_root) != 1)
            (*failures)++;
    }
    return NULL;
}

static void test_threads(void)
{
    char dir[512];
    static const char *const n[] = { "rsa-root" };
    static const int sfx[] = { 0 };
    static const char *const h[] = { NULL };
    if (!CHECK(make_hash_dir("threads", n, sfx, h, 1, dir, sizeof(dir))))
        return;
    shared_store = X509_STORE_new();
    shared_root = load_cert("rsa-root");
    CHECK(X509_STORE_load_path(shared_store, dir) == 1);
    pthread_t th[N_THREADS];
    int failures[N_THREADS] = { 0 };
    int started = 0;
    for (int i = 0; i < N_THREADS; i++)
        if (pthread_create(&th[i], NULL, verify_many, &failures[i]) == 0)
            started++;
        else
            break;
    CHECK(started == N_THREADS);
    for (int i = 0; i < started; i++) {
        pthread_join(th[i], NULL);
        CHECK(failures[i] == 0);
    }
    CHECK(count_objects(shared_store) == 1);
    X509_free(shared_root);
    X509_STORE_free(shared_store);
}

/* ---- default paths ------------------------------------------------------------------- */

static void test_default_paths(void)
{
    char dir[512], rsa_root[512];
    static const char *const n[] = { "ec-root" };
    static const int sfx[] = { 0 };
    static const char *const h[] = { NULL };
    if (!CHECK(make_hash_dir("defdir", n, sfx, h, 1, dir, sizeof(dir))))
        return;
    fixture_path(rsa_root, sizeof(rsa_root), "rsa-root", "pem");
    CHECK(strcmp(X509_get_default_cert_file_env(), "SSL_CERT_FILE") == 0);
    CHECK(strcmp(X509_get_default_cert_dir_env(), "SSL_CERT_DIR") == 0);
    CHECK(strcmp(X509_get_default_cert_file(), "/usr/lib/ssl/cert.pem") == 0);
    CHECK(strcmp(X509_get_default_cert_dir(), "/usr/lib/ssl/certs") == 0);

    setenv("SSL_CERT_FILE", rsa_root, 1);
    setenv("SSL_CERT_DIR", dir, 1);
    X509_STORE *s = X509_STORE_new();
    CHECK(X509_STORE_set_default_paths(s) == 1);
    CHECK(count_objects(s) == 1);
    int ret, depth;
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, NULL) == X509_V_OK && ret == 1);
    static const char *const ec_int[] = { "ec-int", NULL };
    CHECK(verify_with(s, "ec-leaf", ec_int, &ret, NULL) == X509_V_OK && ret == 1);
    X509_STORE_free(s);

    /* Missing defaults are not an error, and leave the queue clean. */
    setenv("SSL_CERT_FILE", "/nonexistent/mintls/cert.pem", 1);
    setenv("SSL_CERT_DIR", "/nonexistent/mintls/certs", 1);
    s = X509_STORE_new();
    CHECK(X509_STORE_set_default_paths(s) == 1);
    CHECK(ERR_peek_error() == 0);
    CHECK(count_objects(s) == 0);
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, &depth) ==
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY && ret == 0 && depth == 1);
    X509_STORE_free(s);

    /* The system defaults load, and trust none of the test roots. */
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    s = X509_STORE_new();
    CHECK(X509_STORE_set_default_paths(s) == 1);
    CHECK(ERR_peek_error() == 0);
    CHECK(verify_with(s, "rsa-leaf", rsa_int_only, &ret, &depth) ==
              X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY && ret == 0 && depth == 1);
    CHECK(verify_with(s, "self-leaf", NULL, &ret, &depth) ==
              X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT && ret == 0 && depth == 0);
    X509_STORE_free(s);
}

/* ---- X509_STORE_CTX ---------------------------------------------------------------- */

static int cb_calls, cb_clear;
static X509_STORE_CTX *cb_ctx_seen;
static int cb_chain_len_at_leaf;

static int accept_all(int ok, X509_STORE_CTX *ctx)
{
    cb_calls++;
    cb_ctx_seen = ctx;
    if (X509_STORE_CTX_get_error_depth(ctx) == 0 && X509_STORE_CTX_get0_chain(ctx) != NULL)
        cb_chain_len_at_leaf = sk_X509_num(X509_STORE_CTX_get0_chain(ctx));
    if (!ok && cb_clear)
        X509_STORE_CTX_set_error(ctx, X509_V_OK);
    return 1;
}

static int reject_all(int ok, X509_STORE_CTX *ctx)
{
    (void)ok;
    (void)ctx;
    cb_calls++;
    return 0;
}

static void test_ctx(void)
{
    X509_STORE *s = X509_STORE_new();
    X509 *root = load_cert("rsa-root"), *inter = load_cert("rsa-int");
    X509 *leaf = load_cert("rsa-leaf"), *expired = load_cert("expired-leaf");
    STACK_OF(X509) *unt = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (!CHECK(s && root && inter && leaf && expired && unt && ctx))
        goto out;
    X509_STORE_add_cert(s, root);
    sk_X509_push(unt, inter);
    X509_up_ref(inter);

    /* The built chain, and what the getters say. */
    CHECK(X509_STORE_CTX_init(ctx, s, leaf, unt) == 1);
    CHECK(X509_STORE_CTX_get0_store(ctx) == s);
    CHECK(X509_STORE_CTX_get0_cert(ctx) == leaf);
    CHECK(X509_STORE_CTX_get0_untrusted(ctx) == unt);
    CHECK(X509_STORE_CTX_get0_chain(ctx) == NULL);
    CHECK(X509_STORE_CTX_get_ex_data(ctx, 0) == NULL);
    CHECK(X509_STORE_CTX_set_app_data(ctx, &cb_calls) == 1);
    CHECK(X509_STORE_CTX_get_app_data(ctx) == &cb_calls);
    CHECK(X509_verify_cert(ctx) == 1);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_OK);
    CHECK(X509_STORE_CTX_get_num_untrusted(ctx) == 2);
    STACK_OF(X509) *chain = X509_STORE_CTX_get1_chain(ctx);
    if (CHECK(chain != NULL && sk_X509_num(chain) == 3)) {
        CHECK(X509_cmp(sk_X509_value(chain, 0), leaf) == 0);
        CHECK(X509_cmp(sk_X509_value(chain, 1), inter) == 0);
        CHECK(X509_cmp(sk_X509_value(chain, 2), root) == 0);
        CHECK(sk_X509_value(X509_STORE_CTX_get0_chain(ctx), 2) == sk_X509_value(chain, 2));
    }
    CHECK(X509_STORE_CTX_get_current_cert(ctx) == leaf);
    /* A context verifies once. */
    CHECK(X509_verify_cert(ctx) == -1);
    ERR_clear_error();
    X509_STORE_CTX_cleanup(ctx);
    /* The chain we hold outlives the context's. */
    if (chain != NULL) {
        char cn[64] = "";
        X509_NAME_get_text_by_NID(X509_get_subject_name(sk_X509_value(chain, 2)), NID_commonName,
                                  cn, sizeof(cn));
        CHECK(strcmp(cn, "mintls RSA Root") == 0);
    }
    sk_X509_pop_free(chain, X509_free);

    /* A context callback overrides the store's; accepting an error keeps it. */
    X509_STORE_set_verify_cb(s, reject_all);
    CHECK(X509_STORE_get_verify_cb(s) == reject_all);
    CHECK(X509_STORE_CTX_init(ctx, s, expired, unt) == 1);
    CHECK(X509_STORE_CTX_get_verify_cb(ctx) == reject_all);
    X509_STORE_CTX_set_verify_cb(ctx, accept_all);
    cb_calls = 0;
    cb_clear = 0;
    cb_chain_len_at_leaf = 0;
    CHECK(X509_verify_cert(ctx) == 1);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(cb_calls == 4 && cb_ctx_seen == ctx && cb_chain_len_at_leaf == 3);
    /* ... and a callback may clear it. */
    CHECK(X509_STORE_CTX_init(ctx, s, expired, unt) == 1);
    X509_STORE_CTX_set_verify_cb(ctx, accept_all);
    cb_clear = 1;
    CHECK(X509_verify_cert(ctx) == 1);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_OK);
    cb_clear = 0;
    /* The store's rejecting callback fails even a good chain. */
    CHECK(X509_STORE_CTX_init(ctx, s, leaf, unt) == 1);
    cb_calls = 0;
    CHECK(X509_verify_cert(ctx) == 0);
    /* A failure with no error recorded reports "unspecified". */
    CHECK(cb_calls == 1 && X509_STORE_CTX_get_error(ctx) == X509_V_ERR_UNSPECIFIED);
    CHECK(X509_STORE_CTX_get_error_depth(ctx) == 2);
    X509_STORE_set_verify_cb(s, NULL);

    /* Time: set on the context, or on the store's parameters. */
    CHECK(X509_STORE_CTX_init(ctx, s, leaf, unt) == 1);
    X509_STORE_CTX_set_time(ctx, 0, T_2125_01_01);
    CHECK(X509_VERIFY_PARAM_get_time(X509_STORE_CTX_get0_param(ctx)) == T_2125_01_01);
    CHECK(X509_verify_cert(ctx) == 0);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED);
    CHECK(X509_STORE_CTX_get_error_depth(ctx) == 2);
    CHECK(X509_cmp(X509_STORE_CTX_get_current_cert(ctx), root) == 0);
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(s), T_2125_01_01);
    CHECK(X509_STORE_CTX_init(ctx, s, leaf, unt) == 1);
    CHECK(X509_verify_cert(ctx) == 0);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_ERR_CERT_HAS_EXPIRED);
    X509_VERIFY_PARAM_clear_flags(X509_STORE_get0_param(s), X509_V_FLAG_USE_CHECK_TIME);
    CHECK(X509_STORE_CTX_init(ctx, s, expired, unt) == 1);
    X509_STORE_CTX_set_flags(ctx, X509_V_FLAG_NO_CHECK_TIME);
    CHECK(X509_verify_cert(ctx) == 1);

    /* Named defaults: ssl_server needs serverAuth; ssl_client does not. */
    X509 *client = load_cert("client-leaf");
    CHECK(X509_STORE_CTX_init(ctx, s, client, unt) == 1);
    CHECK(X509_STORE_CTX_set_default(ctx, "ssl_server") == 1);
    CHECK(X509_VERIFY_PARAM_get_depth(X509_STORE_CTX_get0_param(ctx)) == 100);
    CHECK(X509_verify_cert(ctx) == 0);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_ERR_INVALID_PURPOSE);
    CHECK(X509_STORE_CTX_init(ctx, s, client, unt) == 1);
    CHECK(X509_STORE_CTX_set_default(ctx, "ssl_client") == 1);
    CHECK(X509_verify_cert(ctx) == 1);
    CHECK(X509_STORE_CTX_init(ctx, s, client, unt) == 1);
    CHECK(X509_STORE_CTX_set_default(ctx, "no such name") == 0);
    ERR_clear_error();
    /* set_purpose only fills an unset purpose. */
    CHECK(X509_STORE_CTX_init(ctx, s, client, unt) == 1);
    CHECK(X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT) == 1);
    CHECK(X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER) == 1);
    CHECK(X509_verify_cert(ctx) == 1);
    X509_free(client);

    /* A trusted stack instead of a store. */
    STACK_OF(X509) *anchors = sk_X509_new_null();
    sk_X509_push(anchors, root);
    CHECK(X509_STORE_CTX_init(ctx, NULL, leaf, unt) == 1);
    X509_STORE_CTX_set0_trusted_stack(ctx, anchors);
    CHECK(X509_verify_cert(ctx) == 1);
    CHECK(X509_STORE_CTX_init(ctx, NULL, leaf, NULL) == 1);
    X509_STORE_CTX_set0_trusted_stack(ctx, anchors);
    X509_STORE_CTX_set0_untrusted(ctx, unt);
    CHECK(X509_verify_cert(ctx) == 1);
    sk_X509_free(anchors);

    /* X509_STORE_CTX_verify takes the first untrusted certificate as the target. */
    STACK_OF(X509) *peer_chain = sk_X509_new_null();
    sk_X509_push(peer_chain, leaf);
    sk_X509_push(peer_chain, inter);
    CHECK(X509_STORE_CTX_init(ctx, s, NULL, peer_chain) == 1);
    CHECK(X509_STORE_CTX_get0_parent_ctx(ctx) == NULL);
    CHECK(X509_STORE_CTX_verify(ctx) == 1);
    CHECK(X509_STORE_CTX_get0_cert(ctx) == leaf);
    CHECK(sk_X509_num(X509_STORE_CTX_get0_chain(ctx)) == 3);
    sk_X509_free(peer_chain);

    /* No certificate to verify. */
    CHECK(X509_STORE_CTX_init(ctx, s, NULL, unt) == 1);
    CHECK(X509_verify_cert(ctx) == -1);
    CHECK(X509_STORE_CTX_get_error(ctx) == X509_V_ERR_INVALID_CALL);
    ERR_clear_error();
out:
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(unt, X509_free);
    X509_free(root);
    X509_free(inter);
    X509_free(leaf);
    X509_free(expired);
    X509_STORE_free(s);
}

/* ---- X509_VERIFY_PARAM ------------------------------------------------------------- */

static int verify_host(const char *leaf, const char *host, const char *host2, unsigned flags,
                       char *peer, size_t peer_cap)
{
    X509_STORE *s = X509_STORE_new();
    X509 *root = load_cert("rsa-root"), *x = load_cert(leaf);
    STACK_OF(X509) *unt = sk_X509_new_null();
    sk_X509_push(unt, load_cert("rsa-int"));
    X509_STORE_add_cert(s, root);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, s, x, unt);
    X509_VERIFY_PARAM *p = X509_STORE_CTX_get0_param(ctx);
    X509_VERIFY_PARAM_set1_host(p, host, 0);
    if (host2 != NULL)
        X509_VERIFY_PARAM_add1_host(p, host2, strlen(host2));
    X509_VERIFY_PARAM_set_hostflags(p, flags);
    int ret = X509_verify_cert(ctx);
    int err = X509_STORE_CTX_get_error(ctx);
    if (peer != NULL) {
        const char *pn = X509_VERIFY_PARAM_get0_peername(p);
        snprintf(peer, peer_cap, "%s", pn != NULL ? pn : "");
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(unt, X509_free);
    X509_free(root);
    X509_free(x);
    X509_STORE_free(s);
    return ret == 1 ? err : (err == X509_V_OK ? -1 : err);
}

static void test_param(void)
{
    char peer[128];
    CHECK(verify_host("wild-leaf", "foo.example.test", NULL, 0, peer, sizeof(peer)) == X509_V_OK);
    CHECK(strcmp(peer, "*.example.test") == 0);
    CHECK(verify_host("wild-leaf", "foo.example.test", NULL, X509_CHECK_FLAG_NO_WILDCARDS, NULL,
                      0) == X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(verify_host("cn-ignored-leaf", "cn.example.test", NULL, 0, NULL, 0) ==
          X509_V_ERR_HOSTNAME_MISMATCH);
    CHECK(verify_host("cn-ignored-leaf", "cn.example.test", NULL,
                      X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT, NULL, 0) == X509_V_OK);
    /* Several names: any may match. */
    CHECK(verify_host("rsa-leaf", "nomatch.test", "example.test", 0, peer, sizeof(peer)) ==
          X509_V_OK);
    CHECK(strcmp(peer, "example.test") == 0);

    X509_VERIFY_PARAM *p = X509_VERIFY_PARAM_new();
    if (!CHECK(p != NULL))
        return;
    CHECK(X509_VERIFY_PARAM_get_depth(p) == -1);
    CHECK(X509_VERIFY_PARAM_get_flags(p) == 0);
    CHECK(X509_VERIFY_PARAM_set1_host(p, "a.example", 0) == 1);
    CHECK(X509_VERIFY_PARAM_add1_host(p, "b.example", 0) == 1);
    CHECK(strcmp(X509_VERIFY_PARAM_get0_host(p, 1), "b.example") == 0);
    CHECK(X509_VERIFY_PARAM_get0_host(p, 2) == NULL);
    CHECK(X509_VERIFY_PARAM_set1_host(p, "c.example\0", 10) == 1); /* a final NUL is allowed */
    CHECK(strcmp(X509_VERIFY_PARAM_get0_host(p, 0), "c.example") == 0);
    CHECK(X509_VERIFY_PARAM_get0_host(p, 1) == NULL);
    CHECK(X509_VERIFY_PARAM_set1_host(p, "c\0example", 9) == 0); /* an inner one is not */
    CHECK(X509_VERIFY_PARAM_set1_host(p, NULL, 0) == 1);
    CHECK(X509_VERIFY_PARAM_get0_host(p, 0) == NULL);
    CHECK(X509_VERIFY_PARAM_set1_ip_asc(p, "2001:db8::1") == 1);
    char *ip = X509_VERIFY_PARAM_get1_ip_asc(p);
    CHECK(ip != NULL && strcmp(ip, "2001:DB8:0:0:0:0:0:1") == 0);
    OPENSSL_free(ip);
    CHECK(X509_VERIFY_PARAM_set1_ip_asc(p, "192.0.2.300") == 0);
    ERR_clear_error();
    CHECK(X509_VERIFY_PARAM_set1_email(p, "admin@example.test", 0) == 1);
    CHECK(strcmp(X509_VERIFY_PARAM_get0_email(p), "admin@example.test") == 0);
    CHECK(X509_VERIFY_PARAM_set_purpose(p, X509_PURPOSE_SSL_CLIENT) == 1);
    CHECK(X509_VERIFY_PARAM_set_purpose(p, 0) == 0);
    CHECK(X509_VERIFY_PARAM_set_purpose(p, 999) == 0);
    ERR_clear_error();
    CHECK(X509_VERIFY_PARAM_set1_name(p, "mine") == 1);
    CHECK(strcmp(X509_VERIFY_PARAM_get0_name(p), "mine") == 0);
    X509_VERIFY_PARAM_set_time(p, 12345);
    CHECK((X509_VERIFY_PARAM_get_flags(p) & X509_V_FLAG_USE_CHECK_TIME) != 0);

    /* inherit fills only what is unset; set1 overwrites what the source has. */
    X509_VERIFY_PARAM *q = X509_VERIFY_PARAM_new();
    X509_VERIFY_PARAM_set_depth(q, 3);
    X509_VERIFY_PARAM_set_depth(p, 7);
    CHECK(X509_VERIFY_PARAM_inherit(q, p) == 1);
    CHECK(X509_VERIFY_PARAM_get_depth(q) == 3);
    CHECK(strcmp(X509_VERIFY_PARAM_get0_email(q), "admin@example.test") == 0);
    CHECK(X509_VERIFY_PARAM_get_time(q) == 12345);
    CHECK(X509_VERIFY_PARAM_set1(q, p) == 1);
    CHECK(X509_VERIFY_PARAM_get_depth(q) == 7);
    CHECK(X509_VERIFY_PARAM_get0_name(q) == NULL); /* the name is not copied */
    X509_VERIFY_PARAM_free(q);
    X509_VERIFY_PARAM_free(p);

    /* The matched name moves between parameter sets. */
    X509_STORE *s = X509_STORE_new();
    X509 *root = load_cert("rsa-root"), *leaf = load_cert("wild-leaf");
    STACK_OF(X509) *unt = sk_X509_new_null();
    sk_X509_push(unt, load_cert("rsa-int"));
    X509_STORE_add_cert(s, root);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, s, leaf, unt);
    X509_VERIFY_PARAM_set1_host(X509_STORE_CTX_get0_param(ctx), "bar.example.test", 0);
    CHECK(X509_verify_cert(ctx) == 1);
    X509_VERIFY_PARAM *keep = X509_VERIFY_PARAM_new();
    X509_VERIFY_PARAM_move_peername(keep, X509_STORE_CTX_get0_param(ctx));
    CHECK(X509_VERIFY_PARAM_get0_peername(X509_STORE_CTX_get0_param(ctx)) == NULL);
    CHECK(X509_VERIFY_PARAM_get0_peername(keep) != NULL &&
          strcmp(X509_VERIFY_PARAM_get0_peername(keep), "*.example.test") == 0);
    X509_VERIFY_PARAM_move_peername(keep, NULL);
    CHECK(X509_VERIFY_PARAM_get0_peername(keep) == NULL);
    X509_VERIFY_PARAM_free(keep);
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(unt, X509_free);
    X509_free(root);
    X509_free(leaf);
    X509_STORE_free(s);

    const X509_VERIFY_PARAM *d = X509_VERIFY_PARAM_lookup("default");
    CHECK(d != NULL && X509_VERIFY_PARAM_get_depth(d) == 100);
    CHECK(d != NULL && (X509_VERIFY_PARAM_get_flags(d) & X509_V_FLAG_TRUSTED_FIRST) != 0);
    const X509_VERIFY_PARAM *srv = X509_VERIFY_PARAM_lookup("ssl_server");
    CHECK(srv != NULL && strcmp(X509_VERIFY_PARAM_get0_name(srv), "ssl_server") == 0);
    CHECK(X509_VERIFY_PARAM_lookup("no such name") == NULL);
}

/* ---- auth level (the SSL security level of the verification) -------------------- */

static int verify_level(const char *leaf_name, const char *const *untrusted, const char *root,
                        int level, int accept, int *ret, int *depth, int *chain_len)
{
    X509_STORE *s = X509_STORE_new();
    X509 *r = load_cert(root), *leaf = load_cert(leaf_name);
    STACK_OF(X509) *sk = sk_X509_new_null();
    for (size_t i = 0; untrusted[i] != NULL; i++)
        sk_X509_push(sk, load_cert(untrusted[i]));
    X509_STORE_add_cert(s, r);
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, s, leaf, sk);
    X509_VERIFY_PARAM_set_auth_level(X509_STORE_CTX_get0_param(ctx), level);
    if (accept)
        X509_STORE_CTX_set_verify_cb(ctx, accept_all);
    *ret = X509_verify_cert(ctx);
    int err = X509_STORE_CTX_get_error(ctx);
    *depth = X509_STORE_CTX_get_error_depth(ctx);
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(ctx);
    *chain_len = chain != NULL ? sk_X509_num(chain) : -1;
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(sk, X509_free);
    X509_free(r);
    X509_free(leaf);
    X509_STORE_free(s);
    return err;
}

static void test_auth_level(void)
{
    static const char *const rsa_u[] = { "rsa-int", NULL };
    static const char *const ec_u[] = { "ec-int", NULL };
    static const char *const ed_u[] = { "ed-int", NULL };
    static const char *const chain_u[] = { "chain-int2", "chain-int1", NULL };
    int ret, depth, len;
    /* RSA-2048 is 112 bits: enough for level 2, not for level 3. */
    CHECK(verify_level("rsa-leaf", rsa_u, "rsa-root", 2, 0, &ret, &depth, &len) == X509_V_OK &&
          ret == 1 && len == 3);
    CHECK(verify_level("rsa-leaf", rsa_u, "rsa-root", 3, 0, &ret, &depth, &len) ==
              X509_V_ERR_EE_KEY_TOO_SMALL && ret == 0 && depth == 0 && len == 1);
    /* P-256 leaf and intermediate, P-384 root, SHA-256/384 signatures: 128 bits. */
    CHECK(verify_level("ec-leaf", ec_u, "ec-root", 3, 0, &ret, &depth, &len) == X509_V_OK &&
          ret == 1);
    CHECK(verify_level("ec-leaf", ec_u, "ec-root", 4, 0, &ret, &depth, &len) ==
              X509_V_ERR_EE_KEY_TOO_SMALL && ret == 0 && depth == 0);
    CHECK(verify_level("ed-leaf", ed_u, "ed-root", 3, 0, &ret, &depth, &len) == X509_V_OK &&
          ret == 1);
    /* A P-256 leaf under an RSA-2048 intermediate. */
    CHECK(verify_level("chain-leaf", chain_u, "rsa-root", 3, 0, &ret, &depth, &len) ==
              X509_V_ERR_CA_KEY_TOO_SMALL && ret == 0 && depth == 2);
    CHECK(verify_level("chain-leaf", chain_u, "rsa-root", 2, 0, &ret, &depth, &len) == X509_V_OK &&
          ret == 1 && len == 4);
    /* Accepted, the errors stay reported. */
    CHECK(verify_level("rsa-leaf", rsa_u, "rsa-root", 3, 1, &ret, &depth, &len) ==
              X509_V_ERR_CA_KEY_TOO_SMALL && ret == 1 && len == 3);
    /* (P-256 under level 4: the leaf key, then the intermediate's.) */
    CHECK(verify_level("ec-leaf", ec_u, "ec-root", 4, 1, &ret, &depth, &len) ==
              X509_V_ERR_CA_KEY_TOO_SMALL && ret == 1 && len == 3);
}

/* ---- X509_check_* ------------------------------------------------------------------ */

static void test_check_api(void)
{
    X509 *root = load_cert("rsa-root"), *inter = load_cert("rsa-int");
    X509 *leaf = load_cert("rsa-leaf"), *client = load_cert("client-leaf");
    X509 *ecroot = load_cert("ec-root"), *nocs = load_cert("nocertsign-int");
    X509 *nocs_leaf = load_cert("nocertsign-leaf");
    if (!CHECK(root && inter && leaf && client && ecroot && nocs && nocs_leaf))
        goto out;
    CHECK(X509_check_issued(inter, leaf) == X509_V_OK);
    CHECK(X509_check_issued(root, inter) == X509_V_OK);
    CHECK(X509_check_issued(root, root) == X509_V_OK);
    CHECK(X509_check_issued(root, leaf) == X509_V_ERR_SUBJECT_ISSUER_MISMATCH);
    CHECK(X509_check_issued(ecroot, inter) == X509_V_ERR_SUBJECT_ISSUER_MISMATCH);
    CHECK(X509_check_issued(nocs, nocs_leaf) == X509_V_ERR_KEYUSAGE_NO_CERTSIGN);
    CHECK(X509_check_ca(root) == 1);
    CHECK(X509_check_ca(inter) == 1);
    CHECK(X509_check_ca(leaf) == 0);
    CHECK(X509_check_ca(nocs) == 0);
    CHECK(X509_check_purpose(leaf, X509_PURPOSE_SSL_SERVER, 0) == 1);
    CHECK(X509_check_purpose(leaf, X509_PURPOSE_SSL_CLIENT, 0) == 1);
    CHECK(X509_check_purpose(client, X509_PURPOSE_SSL_SERVER, 0) == 0);
    CHECK(X509_check_purpose(client, X509_PURPOSE_SSL_CLIENT, 0) == 1);
    CHECK(X509_check_purpose(inter, X509_PURPOSE_SSL_SERVER, 1) == 1);
    CHECK(X509_check_purpose(leaf, X509_PURPOSE_SSL_SERVER, 1) == 0);
    CHECK(X509_check_purpose(leaf, X509_PURPOSE_ANY, 0) == 1);
    CHECK(X509_check_purpose(leaf, -1, 0) == 1);
    CHECK(X509_check_purpose(leaf, 12345, 0) == -1);
    ERR_clear_error();
    CHECK(strcmp(X509_verify_cert_error_string(X509_V_ERR_INVALID_CALL),
                 "invalid certificate verification context") == 0);
out:
    X509_free(root);
    X509_free(inter);
    X509_free(leaf);
    X509_free(client);
    X509_free(ecroot);
    X509_free(nocs);
    X509_free(nocs_leaf);
}

/* Removes what the tests made in tmpdir (two levels). */
static void remove_tmpdir(void)
{
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof(tmpdir), "%s/mintls_store_XXXXXX", base != NULL ? base : "/tmp");
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    test_store_basics();
    test_load_file();
    test_hash_dir();
    test_threads();
    test_default_paths();
    test_ctx();
    test_param();
    test_auth_level();
    test_check_api();
    remove_tmpdir();
    for (int i = 0; i < n_kept; i++)
        X509_free(kept[i]);
    ERR_clear_error();
    return test_summary();
}
