/*
 * Certificate path validation and host/address checks, written against the
 * OpenSSL API only. Every expected X509_V_* code, error depth and callback
 * sequence below was checked against the system OpenSSL 3.0: mintls must give
 * the same. Fixtures: tests/data/x509 (see tests/x509/README.md).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

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

static X509 *load_cert(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, name);
    BIO *b = BIO_new_file(path, "r");
    if (b == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
    BIO_free(b);
    if (x == NULL)
        fprintf(stderr, "cannot parse %s\n", path);
    return x;
}

/* ---- verify callback log ------------------------------------------------ */

#define MAX_LOG 32
static int log_n;
static int log_depth[MAX_LOG], log_err[MAX_LOG], log_ok[MAX_LOG];
static int cb_continue; /* 1: the callback accepts every error */

static int verify_cb(int ok, X509_STORE_CTX *ctx)
{
    if (log_n < MAX_LOG) {
        log_ok[log_n] = ok;
        log_err[log_n] = X509_STORE_CTX_get_error(ctx);
        log_depth[log_n] = X509_STORE_CTX_get_error_depth(ctx);
        log_n++;
    }
    return cb_continue ? 1 : ok;
}

/* ---- the verification table --------------------------------------------- */

#define T_2020_06_01 ((time_t)1590969600)
#define T_2023_06_01 ((time_t)1685577600)
#define T_2101_01_01 ((time_t)4133980800LL)
#define T_2125_01_01 ((time_t)4891363200LL)

struct vcase {
    const char *name;
    const char *leaf;
    const char *untrusted[6]; /* in the order the peer sent them */
    const char *trusted[4];
    int purpose;              /* X509_PURPOSE_*, 0 for none */
    const char *host;
    const char *ip;
    time_t at;                /* 0: now */
    int depth;                /* -1: default */
    unsigned long flags;      /* X509_V_FLAG_* */
    int err;                  /* expected X509_V_* */
    int err_depth;
    int chain_len;            /* on success: certificates in the built chain */
};

#define SRV X509_PURPOSE_SSL_SERVER
#define CLI X509_PURPOSE_SSL_CLIENT

static const struct vcase cases[] = {
    /* valid chains, one per key type */
    { "rsa ok", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, "www.example.test", NULL, 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "ecdsa ok (P-384 root, P-256 int/leaf)", "ec-leaf", { "ec-int" }, { "ec-root" }, SRV,
      "ec.example.test", NULL, 0, -1, 0, X509_V_OK, 0, 3 },
    { "ed25519 ok", "ed-leaf", { "ed-int" }, { "ed-root" }, SRV, "ed.example.test", NULL, 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "ecdsa ok, several roots in store", "ec-leaf", { "ec-int" }, { "rsa-root", "ed-root", "ec-root" },
      SRV, NULL, NULL, 0, -1, 0, X509_V_OK, 0, 3 },
    { "rsa ok, no purpose", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, 0, NULL, NULL, 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "rsa leaf as client", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, CLI, NULL, NULL, 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "rsa ok, trusted root also sent", "rsa-leaf", { "rsa-root", "rsa-int" }, { "rsa-root" }, SRV,
      NULL, NULL, 0, -1, 0, X509_V_OK, 0, 3 },

    /* issuer problems */
    { "missing intermediate", "rsa-leaf", { NULL }, { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 0, 0 },
    { "wrong trust anchor", "rsa-leaf", { "rsa-int" }, { "ec-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 1, 0 },
    { "root sent but not trusted", "rsa-leaf", { "rsa-int", "rsa-root" }, { NULL }, SRV, NULL, NULL,
      0, -1, 0, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, 2, 0 },
    { "empty store", "rsa-leaf", { "rsa-int" }, { NULL }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 1, 0 },
    { "intermediate trusted, no partial chain", "rsa-leaf", { NULL }, { "rsa-int" }, SRV, NULL, NULL,
      0, -1, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, 1, 0 },
    { "intermediate trusted, partial chain", "rsa-leaf", { NULL }, { "rsa-int" }, SRV, NULL, NULL,
      0, -1, X509_V_FLAG_PARTIAL_CHAIN, X509_V_OK, 0, 2 },
    { "self-signed leaf, untrusted", "self-leaf", { NULL }, { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0, 0 },
    { "self-signed leaf, trusted", "self-leaf", { NULL }, { "self-leaf" }, SRV, "self.example.test",
      NULL, 0, -1, 0, X509_V_OK, 0, 1 },
    { "bad signature on leaf", "badsig-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1,
      0, X509_V_ERR_CERT_SIGNATURE_FAILURE, 0, 0 },

    /* host and address */
    { "wrong host", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, "other.example.test", NULL, 0,
      -1, 0, X509_V_ERR_HOSTNAME_MISMATCH, 0, 0 },
    { "host case-insensitive", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, "WWW.Example.TEST",
      NULL, 0, -1, 0, X509_V_OK, 0, 3 },
    { "ip ok", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, "192.0.2.1", 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "ipv6 ok", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, "2001:db8:0::1", 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "ip mismatch", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, "192.0.2.9", 0, -1, 0,
      X509_V_ERR_IP_ADDRESS_MISMATCH, 0, 0 },
    { "wildcard ok", "wild-leaf", { "rsa-int" }, { "rsa-root" }, SRV, "foo.example.test", NULL, 0,
      -1, 0, X509_V_OK, 0, 3 },
    { "wildcard two labels deep", "wild-leaf", { "rsa-int" }, { "rsa-root" }, SRV,
      "a.b.example.test", NULL, 0, -1, 0, X509_V_ERR_HOSTNAME_MISMATCH, 0, 0 },
    { "wildcard vs bare domain", "wild-leaf", { "rsa-int" }, { "rsa-root" }, SRV, "example.test",
      NULL, 0, -1, 0, X509_V_ERR_HOSTNAME_MISMATCH, 0, 0 },
    { "CN used without DNS SAN", "cn-only-leaf", { "rsa-int" }, { "rsa-root" }, SRV,
      "cnonly.example.test", NULL, 0, -1, 0, X509_V_OK, 0, 3 },
    { "CN ignored with DNS SAN", "cn-ignored-leaf", { "rsa-int" }, { "rsa-root" }, SRV,
      "cn.example.test", NULL, 0, -1, 0, X509_V_ERR_HOSTNAME_MISMATCH, 0, 0 },

    /* validity period */
    { "expired leaf", "expired-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_CERT_HAS_EXPIRED, 0, 0 },
    { "not yet valid leaf", "notyet-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_ERR_CERT_NOT_YET_VALID, 0, 0 },
    { "not yet valid leaf at 2101", "notyet-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL,
      T_2101_01_01, -1, 0, X509_V_OK, 0, 3 },
    { "expired leaf at 2020 (root not yet valid)", "expired-leaf", { "rsa-int" }, { "rsa-root" }, SRV,
      NULL, NULL, T_2020_06_01, -1, 0, X509_V_ERR_CERT_NOT_YET_VALID, 2, 0 },
    { "whole chain at 2023", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL,
      T_2023_06_01, -1, 0, X509_V_ERR_CERT_NOT_YET_VALID, 2, 0 },
    { "whole chain at 2125", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL,
      T_2125_01_01, -1, 0, X509_V_ERR_CERT_HAS_EXPIRED, 2, 0 },

    /* CA constraints */
    { "intermediate not a CA", "notca-leaf", { "notca-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1,
      0, X509_V_ERR_INVALID_CA, 1, 0 },
    { "pathlen 0 exceeded", "pathlen0-leaf", { "pathlen0-sub", "pathlen0-int" }, { "rsa-root" }, SRV,
      NULL, NULL, 0, -1, 0, X509_V_ERR_PATH_LENGTH_EXCEEDED, 2, 0 },
    { "intermediate without keyCertSign", "nocertsign-leaf", { "nocertsign-int" }, { "rsa-root" },
      SRV, NULL, NULL, 0, -1, 0, X509_V_ERR_INVALID_CA, 1, 0 },

    /* leaf problems */
    { "clientAuth-only leaf as server", "client-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL,
      0, -1, 0, X509_V_ERR_INVALID_PURPOSE, 0, 0 },
    { "clientAuth-only leaf as client", "client-leaf", { "rsa-int" }, { "rsa-root" }, CLI, NULL, NULL,
      0, -1, 0, X509_V_OK, 0, 3 },
    { "unknown critical extension", "critext-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL, 0,
      -1, 0, X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, 0, 0 },

    /* name constraints */
    { "name constraints ok", "nc-ok-leaf", { "nc-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0,
      X509_V_OK, 0, 3 },
    { "nc DNS not permitted", "nc-dns-permitted-leaf", { "nc-int" }, { "rsa-root" }, SRV, NULL, NULL,
      0, -1, 0, X509_V_ERR_PERMITTED_VIOLATION, 0, 0 },
    { "nc DNS excluded", "nc-dns-excluded-leaf", { "nc-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1,
      0, X509_V_ERR_EXCLUDED_VIOLATION, 0, 0 },
    { "nc IP not permitted", "nc-ip-permitted-leaf", { "nc-int" }, { "rsa-root" }, SRV, NULL, NULL, 0,
      -1, 0, X509_V_ERR_PERMITTED_VIOLATION, 0, 0 },
    { "nc IP excluded", "nc-ip-excluded-leaf", { "nc-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1,
      0, X509_V_ERR_EXCLUDED_VIOLATION, 0, 0 },

    /* path building through what the peer sent */
    { "3-level in order", "chain-leaf", { "chain-int2", "chain-int1" }, { "rsa-root" }, SRV, NULL,
      NULL, 0, -1, 0, X509_V_OK, 0, 4 },
    { "3-level out of order", "chain-leaf", { "chain-int1", "chain-int2" }, { "rsa-root" }, SRV, NULL,
      NULL, 0, -1, 0, X509_V_OK, 0, 4 },
    { "3-level with unrelated extras", "chain-leaf", { "ec-int", "chain-int2", "rsa-int", "chain-int1" },
      { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0, X509_V_OK, 0, 4 },
    { "3-level with duplicates", "chain-leaf", { "chain-int2", "chain-int2", "chain-int1", "chain-int1" },
      { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0, X509_V_OK, 0, 4 },
    { "3-level, leaf sent again", "chain-leaf", { "chain-leaf", "chain-int1", "chain-int2" },
      { "rsa-root" }, SRV, NULL, NULL, 0, -1, 0, X509_V_OK, 0, 4 },
    { "3-level missing int1", "chain-leaf", { "chain-int2" }, { "rsa-root" }, SRV, NULL, NULL, 0, -1,
      0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, 1, 0 },
    { "3-level depth limit 2", "chain-leaf", { "chain-int2", "chain-int1" }, { "rsa-root" }, SRV,
      NULL, NULL, 0, 2, 0, X509_V_OK, 0, 4 },
    { "3-level depth limit 1", "chain-leaf", { "chain-int2", "chain-int1" }, { "rsa-root" }, SRV,
      NULL, NULL, 0, 1, 0, X509_V_ERR_CERT_CHAIN_TOO_LONG, 2, 0 },
    { "2-level depth limit 0", "rsa-leaf", { "rsa-int" }, { "rsa-root" }, SRV, NULL, NULL, 0, 0, 0,
      X509_V_ERR_CERT_CHAIN_TOO_LONG, 1, 0 },
};

struct result {
    int ret, err, depth, chain_len;
    X509_STORE_CTX *ctx; /* kept for chain inspection; freed by the caller */
    X509_STORE *store;
    STACK_OF(X509) *untrusted;
    X509 *leaf;
};

static void free_result(struct result *r)
{
    X509_STORE_CTX_free(r->ctx);
    X509_STORE_free(r->store);
    sk_X509_pop_free(r->untrusted, X509_free);
    X509_free(r->leaf);
}

static int run_case(const struct vcase *c, struct result *r)
{
    memset(r, 0, sizeof(*r));
    r->store = X509_STORE_new();
    r->untrusted = sk_X509_new_null();
    r->leaf = load_cert(c->leaf);
    if (r->store == NULL || r->untrusted == NULL || r->leaf == NULL)
        return 0;
    for (int i = 0; i < 4 && c->trusted[i] != NULL; i++) {
        X509 *x = load_cert(c->trusted[i]);
        if (x == NULL || !X509_STORE_add_cert(r->store, x))
            return 0;
        X509_free(x); /* the store holds its own reference */
    }
    for (int i = 0; i < 6 && c->untrusted[i] != NULL; i++) {
        X509 *x = load_cert(c->untrusted[i]);
        if (x == NULL || !sk_X509_push(r->untrusted, x))
            return 0;
    }
    X509_STORE_set_verify_cb(r->store, verify_cb);
    r->ctx = X509_STORE_CTX_new();
    if (r->ctx == NULL || !X509_STORE_CTX_init(r->ctx, r->store, r->leaf, r->untrusted))
        return 0;
    X509_VERIFY_PARAM *p = X509_STORE_CTX_get0_param(r->ctx);
    if (c->purpose != 0 && !X509_VERIFY_PARAM_set_purpose(p, c->purpose))
        return 0;
    if (c->host != NULL && !X509_VERIFY_PARAM_set1_host(p, c->host, 0))
        return 0;
    if (c->ip != NULL && !X509_VERIFY_PARAM_set1_ip_asc(p, c->ip))
        return 0;
    if (c->at != 0)
        X509_VERIFY_PARAM_set_time(p, c->at);
    if (c->depth >= 0)
        X509_VERIFY_PARAM_set_depth(p, c->depth);
    if (c->flags != 0)
        X509_VERIFY_PARAM_set_flags(p, c->flags);
    log_n = 0;
    r->ret = X509_verify_cert(r->ctx);
    r->err = X509_STORE_CTX_get_error(r->ctx);
    r->depth = X509_STORE_CTX_get_error_depth(r->ctx);
    STACK_OF(X509) *chain = X509_STORE_CTX_get0_chain(r->ctx);
    r->chain_len = chain != NULL ? sk_X509_num(chain) : -1;
    return 1;
}

static void test_table(void)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct vcase *c = &cases[i];
        struct result r;
        cb_continue = 0;
        if (!CHECK(run_case(c, &r))) {
            fprintf(stderr, "  case \"%s\": setup failed\n", c->name);
            free_result(&r);
            continue;
        }
        int ok = CHECK(r.err == c->err);
        ok &= CHECK(r.ret == (c->err == X509_V_OK ? 1 : 0));
        if (c->err != X509_V_OK)
            ok &= CHECK(r.depth == c->err_depth);
        else
            ok &= CHECK(r.chain_len == c->chain_len);
        const char *s = X509_verify_cert_error_string(r.err);
        ok &= CHECK(s != NULL && s[0] != '\0');
        /* The callback saw the final error (a failing callback stops there). */
        if (c->err != X509_V_OK) {
            ok &= CHECK(log_n > 0 && log_ok[log_n - 1] == 0 && log_err[log_n - 1] == c->err &&
                        log_depth[log_n - 1] == c->err_depth);
        } else {
            int any_fail = 0;
            for (int k = 0; k < log_n; k++)
                any_fail |= !log_ok[k] || log_err[k] != X509_V_OK;
            ok &= CHECK(!any_fail);
        }
        if (!ok) {
            fprintf(stderr, "  case \"%s\": ret %d err %d (%s) depth %d chain %d; callback:",
                    c->name, r.ret, r.err, s ? s : "(null)", r.depth, r.chain_len);
            for (int k = 0; k < log_n; k++)
                fprintf(stderr, " (%d,%d,%d)", log_ok[k], log_depth[k], log_err[k]);
            fprintf(stderr, "\n");
        }
        free_result(&r);
    }
}

/* ---- callback sequences --------------------------------------------------- */

static const struct vcase *find_case(const char *name)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

struct cb_step { int ok, depth, err; };

static void check_sequence(const char *name, int cont, const struct cb_step *want, int n,
                           int final_ret, int final_err)
{
    const struct vcase *c = find_case(name);
    struct result r;
    if (!CHECK(c != NULL))
        return;
    cb_continue = cont;
    if (!CHECK(run_case(c, &r))) {
        free_result(&r);
        return;
    }
    int ok = CHECK(log_n == n);
    for (int k = 0; k < n && k < log_n; k++)
        ok &= CHECK(log_ok[k] == want[k].ok && log_depth[k] == want[k].depth &&
                    log_err[k] == want[k].err);
    ok &= CHECK(r.ret == final_ret && r.err == final_err);
    if (!ok) {
        fprintf(stderr, "  sequence \"%s\"%s: ret %d err %d; callback:", name,
                cont ? " (continuing)" : "", r.ret, r.err);
        for (int k = 0; k < log_n; k++)
            fprintf(stderr, " (%d,%d,%d)", log_ok[k], log_depth[k], log_err[k]);
        fprintf(stderr, "\n");
    }
    cb_continue = 0;
    free_result(&r);
}

static void test_callbacks(void)
{
    /* A good chain: one call per certificate, from the trust anchor down. */
    static const struct cb_step ok3[] = { { 1, 2, 0 }, { 1, 1, 0 }, { 1, 0, 0 } };
    check_sequence("rsa ok", 0, ok3, 3, 1, X509_V_OK);
    static const struct cb_step ok4[] = { { 1, 3, 0 }, { 1, 2, 0 }, { 1, 1, 0 }, { 1, 0, 0 } };
    check_sequence("3-level with unrelated extras", 0, ok4, 4, 1, X509_V_OK);

    /* A failing callback stops at the first error. */
    static const struct cb_step exp_stop[] = { { 1, 2, 0 }, { 1, 1, 0 }, { 0, 0, X509_V_ERR_CERT_HAS_EXPIRED } };
    check_sequence("expired leaf", 0, exp_stop, 3, 0, X509_V_ERR_CERT_HAS_EXPIRED);

    /* An accepting callback sees every error, then the normal per-certificate
     * calls. The error stays set once raised: later ok calls still report it,
     * and X509_verify_cert returns 1 with X509_STORE_CTX_get_error != OK. */
    static const struct cb_step exp_cont[] = {
        { 1, 2, 0 }, { 1, 1, 0 }, { 0, 0, X509_V_ERR_CERT_HAS_EXPIRED },
        { 1, 0, X509_V_ERR_CERT_HAS_EXPIRED } };
    check_sequence("expired leaf", 1, exp_cont, 4, 1, X509_V_ERR_CERT_HAS_EXPIRED);

    /* The host check runs before the per-certificate pass. */
    static const struct cb_step host_cont[] = {
        { 0, 0, X509_V_ERR_HOSTNAME_MISMATCH }, { 1, 2, X509_V_ERR_HOSTNAME_MISMATCH },
        { 1, 1, X509_V_ERR_HOSTNAME_MISMATCH }, { 1, 0, X509_V_ERR_HOSTNAME_MISMATCH } };
    check_sequence("wrong host", 1, host_cont, 4, 1, X509_V_ERR_HOSTNAME_MISMATCH);

    static const struct cb_step time_cont[] = {
        { 0, 2, X509_V_ERR_CERT_NOT_YET_VALID }, { 1, 2, X509_V_ERR_CERT_NOT_YET_VALID },
        { 0, 1, X509_V_ERR_CERT_NOT_YET_VALID }, { 1, 1, X509_V_ERR_CERT_NOT_YET_VALID },
        { 0, 0, X509_V_ERR_CERT_NOT_YET_VALID }, { 1, 0, X509_V_ERR_CERT_NOT_YET_VALID } };
    check_sequence("whole chain at 2023", 1, time_cont, 6, 1, X509_V_ERR_CERT_NOT_YET_VALID);

    static const struct cb_step miss_stop[] = { { 0, 0, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY } };
    check_sequence("missing intermediate", 0, miss_stop, 1, 0,
                   X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);

    /* Name constraints are checked after the per-certificate pass. */
    static const struct cb_step nc_stop[] = {
        { 1, 2, 0 }, { 1, 1, 0 }, { 1, 0, 0 }, { 0, 0, X509_V_ERR_PERMITTED_VIOLATION } };
    check_sequence("nc DNS not permitted", 0, nc_stop, 4, 0, X509_V_ERR_PERMITTED_VIOLATION);

    /* Depth limit: reported once, at the first certificate beyond the limit. */
    static const struct cb_step depth_stop[] = { { 0, 2, X509_V_ERR_CERT_CHAIN_TOO_LONG } };
    check_sequence("3-level depth limit 1", 0, depth_stop, 1, 0, X509_V_ERR_CERT_CHAIN_TOO_LONG);
}

/* ---- auth level: where the CA key check falls in the order ---------------- */

/*
 * weak-int is an RSA-1024 intermediate (80 security bits): fine at auth
 * level 1, CA_KEY_TOO_SMALL from level 2 on. OpenSSL checks CA keys after
 * the extension checks and before the host check, so an accepting callback
 * sees the key error first, then the host mismatch, then the per-certificate
 * calls.
 */
static int run_weak_chain(int level, const char *host, int cont, int *ret, int *err, int *depth)
{
    X509_STORE *s = X509_STORE_new();
    X509 *root = load_cert("rsa-root"), *leaf = load_cert("weak-leaf");
    X509 *inter = load_cert("weak-int");
    STACK_OF(X509) *untrusted = sk_X509_new_null();
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ok = s != NULL && root != NULL && leaf != NULL && inter != NULL && untrusted != NULL &&
             ctx != NULL && X509_STORE_add_cert(s, root) && sk_X509_push(untrusted, inter);
    if (ok)
        inter = NULL; /* the stack owns it */
    ok = ok && X509_STORE_CTX_init(ctx, s, leaf, untrusted);
    if (ok) {
        X509_VERIFY_PARAM *p = X509_STORE_CTX_get0_param(ctx);
        X509_VERIFY_PARAM_set_auth_level(p, level);
        X509_VERIFY_PARAM_set_purpose(p, X509_PURPOSE_SSL_SERVER);
        if (host != NULL)
            ok = X509_VERIFY_PARAM_set1_host(p, host, 0);
    }
    if (ok) {
        X509_STORE_CTX_set_verify_cb(ctx, verify_cb);
        cb_continue = cont;
        log_n = 0;
        *ret = X509_verify_cert(ctx);
        *err = X509_STORE_CTX_get_error(ctx);
        *depth = X509_STORE_CTX_get_error_depth(ctx);
        cb_continue = 0;
    }
    X509_STORE_CTX_free(ctx);
    sk_X509_pop_free(untrusted, X509_free);
    X509_free(inter);
    X509_free(leaf);
    X509_free(root);
    X509_STORE_free(s);
    return ok;
}

static int log_is(const struct cb_step *want, int n)
{
    int ok = log_n == n;
    for (int k = 0; ok && k < n; k++)
        ok = log_ok[k] == want[k].ok && log_depth[k] == want[k].depth && log_err[k] == want[k].err;
    if (!ok) {
        fprintf(stderr, "  callback:");
        for (int k = 0; k < log_n; k++)
            fprintf(stderr, " (%d,%d,%d)", log_ok[k], log_depth[k], log_err[k]);
        fprintf(stderr, "\n");
    }
    return ok;
}

static void test_auth_level_order(void)
{
    int ret = -1, err = -1, depth = -1;
    /* Level 1 asks for 80 bits: RSA-1024 is enough. */
    if (CHECK(run_weak_chain(1, "weak.example.test", 0, &ret, &err, &depth)))
        CHECK(ret == 1 && err == X509_V_OK);
    /* Level 2: the intermediate's key, at depth 1, stops verification ... */
    if (CHECK(run_weak_chain(2, "weak.example.test", 0, &ret, &err, &depth))) {
        static const struct cb_step stop[] = { { 0, 1, X509_V_ERR_CA_KEY_TOO_SMALL } };
        CHECK(ret == 0 && err == X509_V_ERR_CA_KEY_TOO_SMALL && depth == 1);
        CHECK(log_is(stop, 1));
    }
    /* ... and comes before a host mismatch, which is not reached. */
    if (CHECK(run_weak_chain(2, "other.example.test", 0, &ret, &err, &depth)))
        CHECK(ret == 0 && err == X509_V_ERR_CA_KEY_TOO_SMALL && depth == 1);
    /* Accepted, both are reported in that order, then the chain from the top. */
    if (CHECK(run_weak_chain(2, "other.example.test", 1, &ret, &err, &depth))) {
        static const struct cb_step cont[] = {
            { 0, 1, X509_V_ERR_CA_KEY_TOO_SMALL }, { 0, 0, X509_V_ERR_HOSTNAME_MISMATCH },
            { 1, 2, X509_V_ERR_HOSTNAME_MISMATCH }, { 1, 1, X509_V_ERR_HOSTNAME_MISMATCH },
            { 1, 0, X509_V_ERR_HOSTNAME_MISMATCH } };
        CHECK(ret == 1 && err == X509_V_ERR_HOSTNAME_MISMATCH);
        CHECK(log_is(cont, 5));
    }
    /* Level 3 (128 bits): the RSA-2048 root's key is too small as well. */
    if (CHECK(run_weak_chain(3, "other.example.test", 1, &ret, &err, &depth))) {
        static const struct cb_step cont3[] = {
            { 0, 1, X509_V_ERR_CA_KEY_TOO_SMALL }, { 0, 2, X509_V_ERR_CA_KEY_TOO_SMALL },
            { 0, 0, X509_V_ERR_HOSTNAME_MISMATCH }, { 1, 2, X509_V_ERR_HOSTNAME_MISMATCH },
            { 1, 1, X509_V_ERR_HOSTNAME_MISMATCH }, { 1, 0, X509_V_ERR_HOSTNAME_MISMATCH } };
        CHECK(ret == 1 && err == X509_V_ERR_HOSTNAME_MISMATCH);
        CHECK(log_is(cont3, 6));
    }
}

/* The chain OpenSSL builds: leaf first, trust anchor last, extras dropped. */
static void test_built_chain(void)
{
    const struct vcase *c = find_case("3-level with unrelated extras");
    struct result r;
    if (!CHECK(c != NULL) || !CHECK(run_case(c, &r))) {
        if (c != NULL)
            free_result(&r);
        return;
    }
    static const char *want[] = { "leaf.example.test", "mintls Chain Intermediate 2",
                                  "mintls Chain Intermediate 1", "mintls RSA Root" };
    STACK_OF(X509) *chain = X509_STORE_CTX_get1_chain(r.ctx);
    CHECK(chain != NULL && sk_X509_num(chain) == 4);
    for (int i = 0; chain != NULL && i < 4 && i < sk_X509_num(chain); i++) {
        char cn[128] = "";
        X509_NAME_get_text_by_NID(X509_get_subject_name(sk_X509_value(chain, i)), NID_commonName,
                                  cn, sizeof(cn));
        if (!CHECK(strcmp(cn, want[i]) == 0))
            fprintf(stderr, "  chain[%d] = \"%s\"\n", i, cn);
    }
    CHECK(chain != NULL && X509_cmp(sk_X509_value(chain, 0), r.leaf) == 0);
    sk_X509_pop_free(chain, X509_free);
    free_result(&r);
}

static void test_error_strings(void)
{
    static const struct { int code; const char *text; } s[] = {
        { X509_V_OK, "ok" },
        { X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, "unable to get issuer certificate" },
        { X509_V_ERR_CERT_SIGNATURE_FAILURE, "certificate signature failure" },
        { X509_V_ERR_CERT_NOT_YET_VALID, "certificate is not yet valid" },
        { X509_V_ERR_CERT_HAS_EXPIRED, "certificate has expired" },
        { X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "self-signed certificate" },
        { X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, "self-signed certificate in certificate chain" },
        { X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "unable to get local issuer certificate" },
        { X509_V_ERR_CERT_CHAIN_TOO_LONG, "certificate chain too long" },
        { X509_V_ERR_INVALID_CA, "invalid CA certificate" },
        { X509_V_ERR_PATH_LENGTH_EXCEEDED, "path length constraint exceeded" },
        { X509_V_ERR_INVALID_PURPOSE, "unsuitable certificate purpose" },
        { X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION, "unhandled critical extension" },
        { X509_V_ERR_PERMITTED_VIOLATION, "permitted subtree violation" },
        { X509_V_ERR_EXCLUDED_VIOLATION, "excluded subtree violation" },
        { X509_V_ERR_HOSTNAME_MISMATCH, "hostname mismatch" },
        { X509_V_ERR_IP_ADDRESS_MISMATCH, "IP address mismatch" },
    };
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
        const char *t = X509_verify_cert_error_string(s[i].code);
        if (!CHECK(t != NULL && strcmp(t, s[i].text) == 0))
            fprintf(stderr, "  code %d: \"%s\"\n", s[i].code, t ? t : "(null)");
    }
    /* Unknown codes still give a string. */
    CHECK(X509_verify_cert_error_string(9999) != NULL);
}

/* ---- X509_check_host / X509_check_ip_asc ----------------------------------- */

/*
 * A partial wildcard ("f*.partial.test") matches in OpenSSL 3.0 unless
 * X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS is set; mintls never matches one, as
 * RFC 9525 section 6.3 requires (a deliberate difference, in the README).
 * The library is told apart at run time, so the _abi variant (an
 * OpenSSL-built binary on mintls's libraries) expects mintls's answer.
 */
#define PARTIAL_WILDCARD 100

static int running_on_mintls(void)
{
    return strstr(OpenSSL_version(OPENSSL_VERSION), "mintls") != NULL;
}

struct hcase {
    const char *cert;
    const char *name;
    unsigned int flags;
    int want;
};

static const struct hcase hosts[] = {
    /* rsa-leaf: DNS www.example.test, example.test; CN www.example.test */
    { "rsa-leaf", "www.example.test", 0, 1 },
    { "rsa-leaf", "WWW.EXAMPLE.TEST", 0, 1 },
    { "rsa-leaf", "Www.Example.Test", 0, 1 },
    { "rsa-leaf", "example.test", 0, 1 },
    { "rsa-leaf", "other.example.test", 0, 0 },
    { "rsa-leaf", "ww.example.test", 0, 0 },
    { "rsa-leaf", "www.example.tes", 0, 0 },
    { "rsa-leaf", "www.example.test.", 0, 0 },    /* OpenSSL 3.0: a trailing dot never matches */
    { "rsa-leaf", "www.example.test..", 0, 0 },
    { "rsa-leaf", "192.0.2.1", 0, 0 },            /* an IP SAN is no DNS name */
    { "rsa-leaf", "admin@example.test", 0, 0 },
    /* wild-leaf: *.example.test, *.test, f*.partial.test, xn--*.idn.test,
     * xn--bcher-kva.example2.test, *.xn--bcher-kva.test */
    { "wild-leaf", "foo.example.test", 0, 1 },
    { "wild-leaf", "FOO.EXAMPLE.TEST", 0, 1 },
    { "wild-leaf", "a.b.example.test", 0, 0 },
    { "wild-leaf", "example.test", 0, 0 },
    { "wild-leaf", ".example.test", 0, 1 },       /* leading dot: any SAN under example.test */
    { "rsa-leaf", ".example.test", 0, 1 },        /* (www.example.test is under it) */
    { "cn-ignored-leaf", ".other.test", 0, 0 },
    { "wild-leaf", "foo.example.test", X509_CHECK_FLAG_NO_WILDCARDS, 0 },
    { "wild-leaf", "foo.test", 0, 0 },            /* "*.test": too few labels */
    { "wild-leaf", "test", 0, 0 },
    { "wild-leaf", "foo.partial.test", 0, PARTIAL_WILDCARD },
    { "wild-leaf", "f.partial.test", 0, PARTIAL_WILDCARD },
    { "wild-leaf", "bar.partial.test", 0, 0 },
    { "wild-leaf", "foo.partial.test", X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, 0 },
    { "wild-leaf", "xn--abc.idn.test", 0, 0 },    /* no wildcard inside an A-label */
    { "wild-leaf", "xn--abc.example.test", 0, 1 },/* a whole-label * matches an A-label */
    { "wild-leaf", "xn--bcher-kva.example2.test", 0, 1 },
    { "wild-leaf", "XN--BCHER-KVA.example2.test", 0, 1 },
    { "wild-leaf", "xn--bcher-kvb.example2.test", 0, 0 },
    { "wild-leaf", "www.xn--bcher-kva.test", 0, 1 },
    { "wild-leaf", "foo.example.test.", 0, 0 },
    { "wild-leaf", "wildcard", 0, 0 },            /* CN not used: DNS SANs exist */
    /* cn-only-leaf: no SAN, CN cnonly.example.test */
    { "cn-only-leaf", "cnonly.example.test", 0, 1 },
    { "cn-only-leaf", "CNONLY.example.test", 0, 1 },
    { "cn-only-leaf", "cnonly.example.test", X509_CHECK_FLAG_NEVER_CHECK_SUBJECT, 0 },
    { "cn-only-leaf", "x.cnonly.example.test", 0, 0 },
    /* cn-ignored-leaf: DNS san.example.test, IP 198.51.100.7, CN cn.example.test */
    { "cn-ignored-leaf", "san.example.test", 0, 1 },
    { "cn-ignored-leaf", "cn.example.test", 0, 0 },
    { "cn-ignored-leaf", "cn.example.test", X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT, 1 },
    /* ip-only-leaf: only an IP SAN, so the CN is used for names */
    { "ip-only-leaf", "ipcn.example.test", 0, 1 },
    { "ip-only-leaf", "203.0.113.9", 0, 0 },
};

struct icase {
    const char *cert;
    const char *ip;
    int want;
};

static const struct icase ips[] = {
    { "rsa-leaf", "192.0.2.1", 1 },
    { "rsa-leaf", "192.0.2.2", 0 },
    { "rsa-leaf", "192.0.2.10", 0 },
    { "rsa-leaf", "2001:db8::1", 1 },
    { "rsa-leaf", "2001:DB8:0:0:0:0:0:1", 1 },
    { "rsa-leaf", "2001:db8::2", 0 },
    { "rsa-leaf", "::ffff:192.0.2.1", 0 },    /* IPv4-mapped is not the IPv4 SAN */
    { "rsa-leaf", "300.1.1.1", -2 },          /* not an address: -2 */
    { "rsa-leaf", "www.example.test", -2 },
    { "rsa-leaf", "", -2 },
    { "rsa-leaf", "192.0.2.001", 1 },         /* leading zeros are decimal */
    { "rsa-leaf", "2001:0db8::0001", 1 },
    { "rsa-leaf", "2001:db8:0:0::0:1", 1 },
    { "rsa-leaf", "2001:db8::0.0.0.1", 1 },   /* dotted-quad tail */
    { "rsa-leaf", "1.2.3", -2 },
    { "rsa-leaf", "1.2.3.4.5", -2 },
    { "rsa-leaf", "1.2.3.4x", -2 },
    { "rsa-leaf", "1::2::3", -2 },
    { "rsa-leaf", ":::", -2 },
    { "rsa-leaf", "12345::", -2 },
    { "rsa-leaf", "1:2:3:4:5:6:7:8:9", -2 },
    { "rsa-leaf", "1:2:3:4:5:6:7:8::", -2 },
    { "rsa-leaf", "::1.2.3", -2 },
    { "rsa-leaf", "[2001:db8::1]", -2 },
    { "rsa-leaf", "2001:db8::1%eth0", -2 },
    { "ip-only-leaf", "203.0.113.9", 1 },
    { "ip-only-leaf", "203.0.113.90", 0 },
    { "cn-ignored-leaf", "198.51.100.7", 1 },
    { "cn-only-leaf", "192.0.2.1", 0 },
};

static void test_check_host_ip(void)
{
    for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
        X509 *x = load_cert(hosts[i].cert);
        if (!CHECK(x != NULL))
            continue;
        int want = hosts[i].want;
        if (want == PARTIAL_WILDCARD)
            want = running_on_mintls() ? 0 : 1;
        int got = X509_check_host(x, hosts[i].name, 0, hosts[i].flags, NULL);
        /* An explicit length gives the same answer. */
        int got2 = X509_check_host(x, hosts[i].name, strlen(hosts[i].name), hosts[i].flags, NULL);
        if (!CHECK(got == want && got2 == got))
            fprintf(stderr, "  X509_check_host(%s, \"%s\", 0x%x) = %d/%d, want %d\n",
                    hosts[i].cert, hosts[i].name, hosts[i].flags, got, got2, want);
        X509_free(x);
    }
    /* peername: the SAN that matched, as written in the certificate. */
    X509 *w = load_cert("wild-leaf");
    char *peer = NULL;
    if (CHECK(w != NULL)) {
        CHECK(X509_check_host(w, "Foo.Example.Test", 0, 0, &peer) == 1);
        if (!CHECK(peer != NULL && strcmp(peer, "*.example.test") == 0))
            fprintf(stderr, "  peername \"%s\"\n", peer ? peer : "(null)");
        OPENSSL_free(peer);
        X509_free(w);
    }
    /* Lengths: one trailing NUL is forgiven, any other NUL is malformed. */
    X509 *r = load_cert("rsa-leaf");
    if (CHECK(r != NULL)) {
        CHECK(X509_check_host(r, "www.example.test\0", 17, 0, NULL) == 1);
        CHECK(X509_check_host(r, "www.example.test\0\0", 18, 0, NULL) == -2);
        CHECK(X509_check_host(r, "www\0example.test", 16, 0, NULL) == -2);
        CHECK(X509_check_host(r, NULL, 0, 0, NULL) == -2);
        CHECK(X509_check_email(r, "admin@Example.TEST", 0, 0) == 1);
        CHECK(X509_check_email(r, "Admin@example.test", 0, 0) == 0);
        CHECK(X509_check_email(r, "admin@exa\0mple.test", 19, 0) == -2);
        static const unsigned char v4[5] = { 192, 0, 2, 1, 0 };
        CHECK(X509_check_ip(r, v4, 4, 0) == 1);
        CHECK(X509_check_ip(r, v4, 5, 0) == 0);
        X509_free(r);
    }
    for (size_t i = 0; i < sizeof(ips) / sizeof(ips[0]); i++) {
        X509 *x = load_cert(ips[i].cert);
        if (!CHECK(x != NULL))
            continue;
        int got = X509_check_ip_asc(x, ips[i].ip, 0);
        if (!CHECK(got == ips[i].want))
            fprintf(stderr, "  X509_check_ip_asc(%s, \"%s\") = %d, want %d\n", ips[i].cert,
                    ips[i].ip, got, ips[i].want);
        X509_free(x);
    }
    /* X509_check_ip with raw bytes. */
    X509 *x = load_cert("rsa-leaf");
    if (CHECK(x != NULL)) {
        static const unsigned char v4[4] = { 192, 0, 2, 1 };
        static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                              0,    0,    0,    0,    0, 0, 0, 1 };
        CHECK(X509_check_ip(x, v4, 4, 0) == 1);
        CHECK(X509_check_ip(x, v6, 16, 0) == 1);
        CHECK(X509_check_ip(x, v6, 4, 0) == 0);
        CHECK(X509_check_email(x, "admin@example.test", 0, 0) == 1);
        CHECK(X509_check_email(x, "other@example.test", 0, 0) == 0);
        X509_free(x);
    }
}

int main(void)
{
    test_table();
    test_callbacks();
    test_built_chain();
    test_auth_level_order();
    test_error_strings();
    test_check_host_ip();
    ERR_clear_error();
    return test_summary();
}
