/*
 * The internal verifier and identity checks against the case tables of
 * tests/x509/test_x509_verify.c (copied into cases.inc): the same X509_V_*
 * codes, error depths, callback sequences and host/IP results as OpenSSL 3.0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal/pem.h"
#include "internal/x509_cert.h"
#include "internal/x509_verify.h"
#include "test.h"

#ifndef DATA_DIR
#error DATA_DIR must be defined
#endif

typedef struct {
  uint8_t *der;
  x509_cert cert;
} loaded;

static loaded *load_cert(const char *name) {
  char path[512];
  size_t n, len;
  char *text;
  pem_iter it;
  pem_block b;
  loaded *l = calloc(1, sizeof(*l));
  snprintf(path, sizeof(path), "%s/x509/%s.pem", DATA_DIR, name);
  text = test_read_file(path, &n);
  if (text == NULL || l == NULL) {
    fprintf(stderr, "cannot read %s\n", path);
    free(text);
    free(l);
    return NULL;
  }
  mintls_pem_iter_init(&it, text, n);
  if (mintls_pem_next_alloc(&it, &b, &l->der, &len) != PEM_OK ||
      !mintls_x509_cert_parse(&l->cert, l->der, len)) {
    fprintf(stderr, "cannot parse %s\n", path);
    free(l->der);
    free(l);
    l = NULL;
  }
  free(text);
  return l;
}

static void free_cert(loaded *l) {
  if (l == NULL)
    return;
  mintls_x509_cert_cleanup(&l->cert);
  free(l->der);
  free(l);
}

/* ---- verify callback log ---- */
#define MAX_LOG 32
static int log_n;
static int log_depth[MAX_LOG], log_err[MAX_LOG], log_ok[MAX_LOG];
static int cb_continue;

static int verify_cb(void *arg, int ok, mintls_x509_verify_ctx *ctx) {
  (void)arg;
  if (log_n < MAX_LOG) {
    log_ok[log_n] = ok;
    log_err[log_n] = ctx->error;
    log_depth[log_n] = ctx->error_depth;
    log_n++;
  }
  return cb_continue ? 1 : ok;
}

/* The strength hook (params.check_strength) the next run_case installs. */
static size_t (*case_strength)(void *, const mintls_x509_verify_ctx *, size_t, int[2]);

/* Flags chain[1]'s key and signature, as an auth level would. */
static size_t weak_depth1(void *arg, const mintls_x509_verify_ctx *ctx, size_t depth,
                          int errs[2]) {
  (void)arg;
  if (depth != 1 || ctx->chain_len < 3)
    return 0;
  errs[0] = 67; /* X509_V_ERR_CA_KEY_TOO_SMALL */
  errs[1] = 68; /* X509_V_ERR_CA_MD_TOO_WEAK */
  return 2;
}

static int sig_calls;
static int sigcheck(void *arg, const x509_cert *issuer, const x509_cert *subject) {
  (void)arg;
  sig_calls++;
  return mintls_x509_check_signature(issuer, subject);
}

#define T_2020_06_01 ((time_t)1590969600)
#define T_2023_06_01 ((time_t)1685577600)
#define T_2101_01_01 ((time_t)4133980800LL)
#define T_2125_01_01 ((time_t)4891363200LL)
#define X509_V_FLAG_PARTIAL_CHAIN MINTLS_X509_V_FLAG_PARTIAL_CHAIN

struct vcase {
  const char *name;
  const char *leaf;
  const char *untrusted[6];
  const char *trusted[4];
  int purpose;
  const char *host;
  const char *ip;
  time_t at;
  int depth;
  unsigned long flags;
  int err;
  int err_depth;
  int chain_len;
};

#define SRV MINTLS_X509_PURPOSE_SSL_SERVER
#define CLI MINTLS_X509_PURPOSE_SSL_CLIENT

struct hcase {
  const char *cert;
  const char *name;
  unsigned int flags;
  int want;
};

struct icase {
  const char *cert;
  const char *ip;
  int want;
};

#include "cases.inc"

#define NCASES (sizeof(cases) / sizeof(cases[0]))

struct result {
  int ret, err, depth, chain_len;
  mintls_x509_verify_ctx ctx;
  loaded *leaf, *untrusted[6], *trusted[4];
};

static void free_result(struct result *r) {
  int i;
  free_cert(r->leaf);
  for (i = 0; i < 6; i++)
    free_cert(r->untrusted[i]);
  for (i = 0; i < 4; i++)
    free_cert(r->trusted[i]);
}

static int run_case(const struct vcase *c, struct result *r) {
  const x509_cert *u[6], *t[4];
  size_t nu = 0, nt = 0;
  mintls_x509_verify_params p;
  uint8_t ip[16];
  size_t host_len;
  int i;

  memset(r, 0, sizeof(*r));
  r->leaf = load_cert(c->leaf);
  if (r->leaf == NULL)
    return 0;
  for (i = 0; i < 4 && c->trusted[i] != NULL; i++) {
    if ((r->trusted[i] = load_cert(c->trusted[i])) == NULL)
      return 0;
    t[nt++] = &r->trusted[i]->cert;
  }
  for (i = 0; i < 6 && c->untrusted[i] != NULL; i++) {
    if ((r->untrusted[i] = load_cert(c->untrusted[i])) == NULL)
      return 0;
    u[nu++] = &r->untrusted[i]->cert;
  }
  mintls_x509_verify_params_init(&p);
  p.purpose = c->purpose;
  if (c->host != NULL) {
    host_len = strlen(c->host);
    p.hosts = &c->host;
    p.host_lens = &host_len;
    p.host_count = 1;
  }
  if (c->ip != NULL) {
    p.ip_len = mintls_x509_ip_from_text(ip, c->ip);
    if (p.ip_len == 0)
      return 0;
    p.ip = ip;
  }
  if (c->at != 0) {
    p.have_time = 1;
    p.time = (int64_t)c->at;
  }
  p.depth = c->depth;
  p.flags = c->flags;
  p.verify_cb = verify_cb;
  p.check_sig = sigcheck;
  p.check_strength = case_strength;
  log_n = 0;
  r->ret = mintls_x509_verify(&r->ctx, &p, &r->leaf->cert, u, nu, t, nt);
  r->err = r->ctx.error;
  r->depth = r->ctx.error_depth;
  r->chain_len = (int)r->ctx.chain_len;
  return 1;
}

static unsigned table_match;

static void test_table(void) {
  size_t i;
  for (i = 0; i < NCASES; i++) {
    const struct vcase *c = &cases[i];
    struct result r;
    int ok, k;
    cb_continue = 0;
    if (!CHECK(run_case(c, &r))) {
      fprintf(stderr, "  case \"%s\": setup failed\n", c->name);
      free_result(&r);
      continue;
    }
    ok = CHECK(r.err == c->err);
    ok &= CHECK(r.ret == (c->err == MINTLS_X509_V_OK ? 1 : 0));
    if (c->err != MINTLS_X509_V_OK)
      ok &= CHECK(r.depth == c->err_depth);
    else
      ok &= CHECK(r.chain_len == c->chain_len);
    if (c->err != MINTLS_X509_V_OK) {
      ok &= CHECK(log_n > 0 && log_ok[log_n - 1] == 0 && log_err[log_n - 1] == c->err &&
                  log_depth[log_n - 1] == c->err_depth);
    } else {
      int any_fail = 0;
      for (k = 0; k < log_n; k++)
        any_fail |= !log_ok[k] || log_err[k] != MINTLS_X509_V_OK;
      ok &= CHECK(!any_fail);
    }
    if (ok)
      table_match++;
    else {
      fprintf(stderr, "  case \"%s\": ret %d err %d (%s) depth %d chain %d; callback:", c->name,
              r.ret, r.err, mintls_x509_verify_error_string(r.err), r.depth, r.chain_len);
      for (k = 0; k < log_n; k++)
        fprintf(stderr, " (%d,%d,%d)", log_ok[k], log_depth[k], log_err[k]);
      fprintf(stderr, "\n");
    }
    free_result(&r);
  }
  printf("verify table: %u of %u cases match OpenSSL\n", table_match, (unsigned)NCASES);
}

static const struct vcase *find_case(const char *name) {
  size_t i;
  for (i = 0; i < NCASES; i++)
    if (strcmp(cases[i].name, name) == 0)
      return &cases[i];
  return NULL;
}

struct cb_step {
  int ok, depth, err;
};

static void check_sequence(const char *name, int cont, const struct cb_step *want, int n,
                           int final_ret, int final_err) {
  const struct vcase *c = find_case(name);
  struct result r;
  int ok, k;
  if (!CHECK(c != NULL))
    return;
  cb_continue = cont;
  if (!CHECK(run_case(c, &r))) {
    free_result(&r);
    return;
  }
  ok = CHECK(log_n == n);
  for (k = 0; k < n && k < log_n; k++)
    ok &= CHECK(log_ok[k] == want[k].ok && log_depth[k] == want[k].depth &&
                log_err[k] == want[k].err);
  ok &= CHECK(r.ret == final_ret && r.err == final_err);
  if (!ok) {
    fprintf(stderr, "  sequence \"%s\"%s: ret %d err %d; callback:", name,
            cont ? " (continuing)" : "", r.ret, r.err);
    for (k = 0; k < log_n; k++)
      fprintf(stderr, " (%d,%d,%d)", log_ok[k], log_depth[k], log_err[k]);
    fprintf(stderr, "\n");
  }
  cb_continue = 0;
  free_result(&r);
}

#define E(x) MINTLS_X509_V_ERR_##x
static void test_callbacks(void) {
  static const struct cb_step ok3[] = {{1, 2, 0}, {1, 1, 0}, {1, 0, 0}};
  static const struct cb_step ok4[] = {{1, 3, 0}, {1, 2, 0}, {1, 1, 0}, {1, 0, 0}};
  static const struct cb_step exp_stop[] = {{1, 2, 0}, {1, 1, 0}, {0, 0, E(CERT_HAS_EXPIRED)}};
  static const struct cb_step exp_cont[] = {
      {1, 2, 0}, {1, 1, 0}, {0, 0, E(CERT_HAS_EXPIRED)}, {1, 0, E(CERT_HAS_EXPIRED)}};
  static const struct cb_step host_cont[] = {{0, 0, E(HOSTNAME_MISMATCH)},
                                             {1, 2, E(HOSTNAME_MISMATCH)},
                                             {1, 1, E(HOSTNAME_MISMATCH)},
                                             {1, 0, E(HOSTNAME_MISMATCH)}};
  static const struct cb_step time_cont[] = {
      {0, 2, E(CERT_NOT_YET_VALID)}, {1, 2, E(CERT_NOT_YET_VALID)},
      {0, 1, E(CERT_NOT_YET_VALID)}, {1, 1, E(CERT_NOT_YET_VALID)},
      {0, 0, E(CERT_NOT_YET_VALID)}, {1, 0, E(CERT_NOT_YET_VALID)}};
  static const struct cb_step miss_stop[] = {{0, 0, E(UNABLE_TO_GET_ISSUER_CERT_LOCALLY)}};
  static const struct cb_step nc_stop[] = {
      {1, 2, 0}, {1, 1, 0}, {1, 0, 0}, {0, 0, E(PERMITTED_VIOLATION)}};
  static const struct cb_step depth_stop[] = {{0, 2, E(CERT_CHAIN_TOO_LONG)}};

  check_sequence("rsa ok", 0, ok3, 3, 1, 0);
  check_sequence("3-level with unrelated extras", 0, ok4, 4, 1, 0);
  check_sequence("expired leaf", 0, exp_stop, 3, 0, E(CERT_HAS_EXPIRED));
  check_sequence("expired leaf", 1, exp_cont, 4, 1, E(CERT_HAS_EXPIRED));
  check_sequence("wrong host", 1, host_cont, 4, 1, E(HOSTNAME_MISMATCH));
  check_sequence("whole chain at 2023", 1, time_cont, 6, 1, E(CERT_NOT_YET_VALID));
  check_sequence("missing intermediate", 0, miss_stop, 1, 0, E(UNABLE_TO_GET_ISSUER_CERT_LOCALLY));
  check_sequence("nc DNS not permitted", 0, nc_stop, 4, 0, E(PERMITTED_VIOLATION));
  check_sequence("3-level depth limit 1", 0, depth_stop, 1, 0, E(CERT_CHAIN_TOO_LONG));

  /* The strength hook's errors come after the extension checks and before
   * the host check, key before signature. */
  {
    static const struct cb_step weak_cont[] = {
        {0, 1, 67}, {0, 1, 68}, {0, 0, E(HOSTNAME_MISMATCH)}, {1, 2, E(HOSTNAME_MISMATCH)},
        {1, 1, E(HOSTNAME_MISMATCH)}, {1, 0, E(HOSTNAME_MISMATCH)}};
    static const struct cb_step weak_stop[] = {{0, 1, 67}};
    case_strength = weak_depth1;
    check_sequence("wrong host", 1, weak_cont, 6, 1, E(HOSTNAME_MISMATCH));
    check_sequence("wrong host", 0, weak_stop, 1, 0, 67);
    case_strength = NULL;
  }
}

static int cn_is(const x509_cert *x, const char *want) {
  size_t i;
  for (i = 0; i < x->subject.count; i++)
    if (x->subject.attrs[i].nid == 13 /* commonName */)
      return x->subject.attrs[i].value.len == strlen(want) &&
             memcmp(x->subject.attrs[i].value.p, want, strlen(want)) == 0;
  return 0;
}

static void test_built_chain(void) {
  static const char *want[] = {"leaf.example.test", "mintls Chain Intermediate 2",
                               "mintls Chain Intermediate 1", "mintls RSA Root"};
  const struct vcase *c = find_case("3-level with unrelated extras");
  struct result r;
  int i;
  if (!CHECK(c != NULL) || !CHECK(run_case(c, &r)))
    return;
  CHECK(r.ctx.chain_len == 4);
  for (i = 0; i < 4 && i < (int)r.ctx.chain_len; i++)
    if (!CHECK(cn_is(r.ctx.chain[i], want[i])))
      fprintf(stderr, "  chain[%d] wrong\n", i);
  CHECK(r.ctx.chain[0] == &r.leaf->cert);
  CHECK(r.ctx.num_untrusted == 3);
  free_result(&r);
}

static void test_default_sigcheck(void) {
  /* NULL check_sig uses mintls_x509_check_signature; each key type verifies. */
  static const char *chains[][3] = {{"rsa-leaf", "rsa-int", "rsa-root"},
                                    {"ec-leaf", "ec-int", "ec-root"},
                                    {"ed-leaf", "ed-int", "ed-root"}};
  size_t i;
  for (i = 0; i < 3; i++) {
    loaded *l = load_cert(chains[i][0]), *m = load_cert(chains[i][1]), *t = load_cert(chains[i][2]);
    if (CHECK(l && m && t)) {
      const x509_cert *u[1] = {&m->cert}, *tr[1] = {&t->cert};
      mintls_x509_verify_params p;
      mintls_x509_verify_ctx ctx;
      mintls_x509_verify_params_init(&p);
      CHECK(mintls_x509_check_signature(&m->cert, &l->cert) == 1);
      CHECK(mintls_x509_check_signature(&t->cert, &m->cert) == 1);
      CHECK(mintls_x509_check_signature(&t->cert, &t->cert) == 1);
      CHECK(mintls_x509_check_signature(&t->cert, &l->cert) == 0);
      CHECK(mintls_x509_verify(&ctx, &p, &l->cert, u, 1, tr, 1) == 1 && ctx.error == 0);
    }
    free_cert(l);
    free_cert(m);
    free_cert(t);
  }
}

static void test_error_strings(void) {
  CHECK(strcmp(mintls_x509_verify_error_string(0), "ok") == 0);
  CHECK(strcmp(mintls_x509_verify_error_string(20), "unable to get local issuer certificate") == 0);
  CHECK(strcmp(mintls_x509_verify_error_string(79), "invalid CA certificate") == 0);
  CHECK(mintls_x509_verify_error_string(9999) != NULL);
}

static void test_check_host_ip(void) {
  size_t i;
  unsigned hmatch = 0, imatch = 0;
  loaded *w;
  for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
    loaded *x = load_cert(hosts[i].cert);
    int got, got2;
    if (!CHECK(x != NULL))
      continue;
    got = mintls_x509_check_host(&x->cert, hosts[i].name, 0, hosts[i].flags, NULL);
    got2 = mintls_x509_check_host(&x->cert, hosts[i].name, strlen(hosts[i].name), hosts[i].flags,
                                  NULL);
    if (CHECK(got == hosts[i].want && got2 == got))
      hmatch++;
    else
      fprintf(stderr, "  check_host(%s, \"%s\", 0x%x) = %d/%d, want %d\n", hosts[i].cert,
              hosts[i].name, hosts[i].flags, got, got2, hosts[i].want);
    free_cert(x);
  }
  w = load_cert("wild-leaf");
  if (CHECK(w != NULL)) {
    char *peer = NULL;
    CHECK(mintls_x509_check_host(&w->cert, "Foo.Example.Test", 0, 0, &peer) == 1);
    CHECK(peer != NULL && strcmp(peer, "*.example.test") == 0);
    free(peer);
    free_cert(w);
  }
  for (i = 0; i < sizeof(ips) / sizeof(ips[0]); i++) {
    loaded *x = load_cert(ips[i].cert);
    int got;
    if (!CHECK(x != NULL))
      continue;
    got = mintls_x509_check_ip_asc(&x->cert, ips[i].ip, 0);
    if (CHECK(got == ips[i].want))
      imatch++;
    else
      fprintf(stderr, "  check_ip_asc(%s, \"%s\") = %d, want %d\n", ips[i].cert, ips[i].ip, got,
              ips[i].want);
    free_cert(x);
  }
  printf("host table: %u of %u; ip table: %u of %u\n", hmatch,
         (unsigned)(sizeof(hosts) / sizeof(hosts[0])), imatch,
         (unsigned)(sizeof(ips) / sizeof(ips[0])));
  {
    loaded *x = load_cert("rsa-leaf");
    static const uint8_t v4[4] = {192, 0, 2, 1};
    static const uint8_t v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    if (CHECK(x != NULL)) {
      CHECK(mintls_x509_check_ip(&x->cert, v4, 4, 0) == 1);
      CHECK(mintls_x509_check_ip(&x->cert, v6, 16, 0) == 1);
      CHECK(mintls_x509_check_ip(&x->cert, v6, 4, 0) == 0);
      CHECK(mintls_x509_check_email(&x->cert, "admin@example.test", 0, 0) == 1);
      CHECK(mintls_x509_check_email(&x->cert, "admin@EXAMPLE.test", 0, 0) == 1);
      CHECK(mintls_x509_check_email(&x->cert, "Admin@example.test", 0, 0) == 0);
      CHECK(mintls_x509_check_email(&x->cert, "other@example.test", 0, 0) == 0);
    }
    free_cert(x);
  }
}

static void test_ip_text(void) {
  static const struct {
    const char *text;
    size_t len;
    const char *hex;
  } v[] = {
      {"192.0.2.1", 4, "c0000201"},
      {"0.0.0.0", 4, "00000000"},
      {"256.0.0.1", 0, ""},
      {"1.2.3", 0, ""},
      {"1.2.3.4.5", 0, ""},
      {"::", 16, "00000000000000000000000000000000"},
      {"::1", 16, "00000000000000000000000000000001"},
      {"1::", 16, "00010000000000000000000000000000"},
      {"2001:db8::1", 16, "20010db8000000000000000000000001"},
      {"::ffff:192.0.2.1", 16, "00000000000000000000ffffc0000201"},
      {"1:2:3:4:5:6:7:8", 16, "00010002000300040005000600070008"},
      {"1:2:3:4:5:6:7:8:9", 0, ""},
      {"1:2:3:4:5:6:7", 0, ""},
      {"1::2::3", 0, ""},
      {"12345::", 0, ""},
      {":1::", 0, ""},
      {"g::", 0, ""},
  };
  size_t i;
  for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
    uint8_t out[16], want[16];
    size_t n = mintls_x509_ip_from_text(out, v[i].text);
    if (!CHECK(n == v[i].len) ||
        (n != 0 && !CHECK(test_unhex(v[i].hex, want, 16) == (long)n && memcmp(out, want, n) == 0)))
      fprintf(stderr, "  ip text \"%s\" -> %zu\n", v[i].text, n);
  }
}

int main(void) {
  test_table();
  test_callbacks();
  test_built_chain();
  test_default_sigcheck();
  test_error_strings();
  test_check_host_ip();
  test_ip_text();
  CHECK(sig_calls > 0);
  return test_summary();
}
