/*
 * Certificate path building and validation (RFC 5280 section 6), with the
 * order of checks, error codes, error depths and callback calls of OpenSSL
 * 3.0's X509_verify_cert (see internal/x509_verify.h for the outline).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/obj_mac.h>

#include "internal/x509_verify.h"

/* OpenSSL KU_* bits as x509_cert.key_usage holds them. */
#define KU_DIGITAL_SIGNATURE 0x80u
#define KU_KEY_ENCIPHERMENT 0x20u
#define KU_KEY_AGREEMENT 0x08u
#define KU_KEY_CERT_SIGN 0x04u
#define XKU_SGC 0x10u

void mintls_x509_verify_params_init(mintls_x509_verify_params *p) {
  memset(p, 0, sizeof(*p));
  p->depth = -1;
}

static int span_equal(der_span a, der_span b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

int mintls_x509_name_equal(const x509_name *a, const x509_name *b) {
  return span_equal(a->der, b->der);
}

static int same_cert(const x509_cert *a, const x509_cert *b) {
  return a == b || span_equal(a->der, b->der);
}

static int ku_reject(const x509_cert *x, unsigned usage) {
  return (x->has & X509_HAS_KEY_USAGE) && !(x->key_usage & usage);
}

static int xku_reject(const x509_cert *x, unsigned usage) {
  return (x->has & X509_HAS_EXT_KEY_USAGE) && !(x->xku & usage);
}

/* The key type a signature algorithm needs; NID_undef if unknown. */
static int sig_key_type(int sig_nid) {
  switch (sig_nid) {
  case NID_md5WithRSAEncryption:
  case NID_sha1WithRSAEncryption:
  case NID_sha224WithRSAEncryption:
  case NID_sha256WithRSAEncryption:
  case NID_sha384WithRSAEncryption:
  case NID_sha512WithRSAEncryption:
  case NID_rsassaPss:
    return NID_rsaEncryption;
  case NID_ecdsa_with_SHA1:
  case NID_ecdsa_with_SHA224:
  case NID_ecdsa_with_SHA256:
  case NID_ecdsa_with_SHA384:
  case NID_ecdsa_with_SHA512:
    return NID_X9_62_id_ecPublicKey;
  case NID_ED25519:
    return NID_ED25519;
  case NID_ED448:
    return NID_ED448;
  default:
    return NID_undef;
  }
}

int mintls_x509_likely_issued(const x509_cert *issuer, const x509_cert *subject) {
  int want;
  if (!mintls_x509_name_equal(&issuer->subject, &subject->issuer))
    return MINTLS_X509_V_ERR_SUBJECT_ISSUER_MISMATCH;
  /* RFC 5280 4.2.1.1: the AKID keyIdentifier names the issuer's SKID. */
  if (subject->akid_keyid.len != 0 && issuer->skid.len != 0 &&
      !span_equal(subject->akid_keyid, issuer->skid))
    return MINTLS_X509_V_ERR_AKID_SKID_MISMATCH;
  want = sig_key_type(subject->sig_nid);
  if (want == NID_undef)
    return MINTLS_X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM;
  if (issuer->key_nid != want && !(want == NID_rsaEncryption && issuer->key_nid == NID_rsassaPss))
    return MINTLS_X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH;
  return MINTLS_X509_V_OK;
}

int mintls_x509_self_signed(const x509_cert *cert) {
  return mintls_x509_likely_issued(cert, cert) == MINTLS_X509_V_OK;
}

static int self_issued(const x509_cert *cert) {
  return mintls_x509_name_equal(&cert->subject, &cert->issuer);
}

int mintls_x509_check_ca(const x509_cert *x) {
  if (ku_reject(x, KU_KEY_CERT_SIGN))
    return 0;
  if (x->has & X509_HAS_BASIC_CONSTRAINTS)
    return x->ca ? 1 : 0;
  /* v1 self-signed roots are still accepted as CAs. */
  if (x->version == 0 && mintls_x509_self_signed(x))
    return 3;
  if (x->has & X509_HAS_KEY_USAGE)
    return 4;
  return 0;
}

int mintls_x509_check_purpose(const x509_cert *x, int purpose, int require_ca) {
  switch (purpose) {
  case MINTLS_X509_PURPOSE_SSL_SERVER:
  case MINTLS_X509_PURPOSE_NS_SSL_SERVER:
    if (xku_reject(x, X509_XKU_SSL_SERVER | XKU_SGC))
      return 0;
    if (require_ca)
      return mintls_x509_check_ca(x) != 0;
    if (purpose == MINTLS_X509_PURPOSE_NS_SSL_SERVER)
      return !ku_reject(x, KU_KEY_ENCIPHERMENT);
    return !ku_reject(x, KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT);
  case MINTLS_X509_PURPOSE_SSL_CLIENT:
    if (xku_reject(x, X509_XKU_SSL_CLIENT))
      return 0;
    if (require_ca)
      return mintls_x509_check_ca(x) != 0;
    return !ku_reject(x, KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT);
  default:
    return 1;
  }
}

/* ---- the callback --------------------------------------------------------- */

static int call_cb(mintls_x509_verify_ctx *ctx, int ok) {
  const mintls_x509_verify_params *p = ctx->param;
  return p->verify_cb != NULL ? p->verify_cb(p->cb_arg, ok, ctx) : ok;
}

/* OpenSSL's verify_cb_cert: raise `err` at `depth` and ask the callback. */
static int fail(mintls_x509_verify_ctx *ctx, const x509_cert *x, int depth, int err) {
  ctx->error_depth = depth;
  ctx->current_cert = x != NULL ? x : ctx->chain[depth];
  ctx->error = err;
  return call_cb(ctx, 0);
}

/* ---- chain building -------------------------------------------------------- */

static int valid_at(const mintls_x509_verify_ctx *ctx, const x509_cert *x) {
  if (ctx->param->flags & MINTLS_X509_V_FLAG_NO_CHECK_TIME)
    return 1;
  return x->not_before <= ctx->now && x->not_after > ctx->now;
}

static int in_chain(const mintls_x509_verify_ctx *ctx, const x509_cert *x) {
  size_t i;
  for (i = 0; i < ctx->chain_len; i++)
    if (same_cert(ctx->chain[i], x))
      return 1;
  return 0;
}

/*
 * The issuer of x among `set`: the first plausible issuer valid now, else
 * the one that expires last. Certificates already in the chain are skipped
 * (no loops), except a self-issued leaf's own issuer.
 */
static const x509_cert *find_issuer(const mintls_x509_verify_ctx *ctx,
                                    const x509_cert *const *set, size_t n, const uint8_t *used,
                                    const x509_cert *x, size_t *out_index) {
  const x509_cert *best = NULL;
  size_t i;
  for (i = 0; i < n; i++) {
    const x509_cert *c = set[i];
    if (c == NULL || (used != NULL && used[i]))
      continue;
    if (mintls_x509_likely_issued(c, x) != MINTLS_X509_V_OK)
      continue;
    if (!(self_issued(x) && ctx->chain_len == 1) && in_chain(ctx, c))
      continue;
    if (valid_at(ctx, c)) {
      *out_index = i;
      return c;
    }
    if (best == NULL || c->not_after > best->not_after) {
      best = c;
      *out_index = i;
    }
  }
  return best;
}

enum { TRUST_TRUSTED = 1, TRUST_UNTRUSTED = 3 };

/* A trusted certificate anchors the chain if self-signed, or any with PARTIAL_CHAIN. */
static int check_trust(const mintls_x509_verify_ctx *ctx) {
  size_t i;
  for (i = ctx->num_untrusted; i < ctx->chain_len; i++)
    if (mintls_x509_self_signed(ctx->chain[i]))
      return TRUST_TRUSTED;
  if (ctx->num_untrusted < ctx->chain_len &&
      (ctx->param->flags & MINTLS_X509_V_FLAG_PARTIAL_CHAIN))
    return TRUST_TRUSTED;
  return TRUST_UNTRUSTED;
}

/* 1 trusted chain, 0 failed (callback said stop), -1 out of memory. */
static int build_chain(mintls_x509_verify_ctx *ctx, const x509_cert *const *untrusted,
                       size_t untrusted_count, const x509_cert *const *trusted,
                       size_t trusted_count, int depth) {
  size_t max_depth = (size_t)depth + 1;
  uint8_t *used = NULL;
  int search_trusted = trusted_count > 0, search_untrusted = untrusted_count > 0;
  int trust = TRUST_UNTRUSTED;
  size_t idx;

  if (untrusted_count > 0) {
    used = calloc(untrusted_count, 1);
    if (used == NULL)
      return -1;
  }
  while (search_trusted || search_untrusted) {
    const x509_cert *top = ctx->chain[ctx->chain_len - 1];
    int ss = mintls_x509_self_signed(top);
    if (search_trusted) {
      const x509_cert *t = NULL;
      if (ctx->chain_len <= max_depth && ctx->chain_len < MINTLS_X509_VERIFY_MAX_CHAIN)
        t = find_issuer(ctx, trusted, trusted_count, NULL, top, &idx);
      if (ss && t != NULL && ctx->chain_len == ctx->num_untrusted) {
        /* A self-signed untrusted certificate stands for a trust anchor only
         * if it is the very same certificate. */
        if (same_cert(t, top)) {
          ctx->chain[--ctx->num_untrusted] = t;
          trust = check_trust(ctx);
          break;
        }
        t = NULL;
      } else if (ss) {
        t = NULL;
      }
      if (t != NULL) {
        ctx->chain[ctx->chain_len++] = t;
        search_untrusted = 0;
        trust = check_trust(ctx);
        if (trust == TRUST_TRUSTED)
          break;
        continue; /* look for the trusted certificate's own issuer */
      }
      search_trusted = 0;
    }
    if (search_untrusted) {
      const x509_cert *u = NULL;
      if (!ss && ctx->chain_len <= max_depth && ctx->chain_len < MINTLS_X509_VERIFY_MAX_CHAIN)
        u = find_issuer(ctx, untrusted, untrusted_count, used, top, &idx);
      if (u == NULL) {
        search_untrusted = 0;
        continue;
      }
      used[idx] = 1;
      ctx->chain[ctx->chain_len++] = u;
      ctx->num_untrusted++;
      search_trusted = trusted_count > 0; /* trusted first, after every step */
    }
  }
  free(used);

  if (trust != TRUST_TRUSTED && ctx->chain_len <= max_depth &&
      ctx->num_untrusted == ctx->chain_len)
    trust = check_trust(ctx);
  if (trust == TRUST_TRUSTED)
    return 1;

  {
    size_t num = ctx->chain_len;
    int d = (int)num - 1;
    if (num > max_depth)
      return fail(ctx, NULL, d, MINTLS_X509_V_ERR_CERT_CHAIN_TOO_LONG);
    if (mintls_x509_self_signed(ctx->chain[num - 1]))
      return fail(ctx, NULL, d,
                  num == 1 ? MINTLS_X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
                           : MINTLS_X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN);
    return fail(ctx, NULL, d,
                ctx->num_untrusted < num ? MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
                                         : MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
  }
}

/* ---- per-certificate checks, leaf up ---------------------------------------- */

static int check_extensions(mintls_x509_verify_ctx *ctx) {
  const mintls_x509_verify_params *p = ctx->param;
  int num = (int)ctx->chain_len;
  int must_be_ca = -1;
  long plen = 0;
  int i;

  for (i = 0; i < num; i++) {
    const x509_cert *x = ctx->chain[i];
    int ret;
    if (!(p->flags & MINTLS_X509_V_FLAG_IGNORE_CRITICAL) && x->unhandled_critical &&
        !fail(ctx, x, i, MINTLS_X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION))
      return 0;
    ret = mintls_x509_check_ca(x);
    if (must_be_ca < 0) {
      if ((p->flags & MINTLS_X509_V_FLAG_X509_STRICT) && ret != 1 && ret != 0 &&
          !fail(ctx, x, i, MINTLS_X509_V_ERR_INVALID_CA))
        return 0;
    } else {
      /* Intermediates must be CAs by basicConstraints; the anchor may be any CA. */
      if ((ret == 0 || ((i + 1 < num || (p->flags & MINTLS_X509_V_FLAG_X509_STRICT)) && ret != 1)) &&
          !fail(ctx, x, i, MINTLS_X509_V_ERR_INVALID_CA))
        return 0;
    }
    if (p->purpose > 0 && !mintls_x509_check_purpose(x, p->purpose, must_be_ca > 0) &&
        !fail(ctx, x, i, MINTLS_X509_V_ERR_INVALID_PURPOSE))
      return 0;
    if (i > 1 && x->path_len >= 0 && plen > x->path_len &&
        !fail(ctx, x, i, MINTLS_X509_V_ERR_PATH_LENGTH_EXCEEDED))
      return 0;
    if (i > 0 && !self_issued(x))
      plen++;
    must_be_ca = 1;
  }
  return 1;
}

static int check_hosts(const mintls_x509_verify_ctx *ctx, const x509_cert *leaf) {
  const mintls_x509_verify_params *p = ctx->param;
  size_t i;
  for (i = 0; i < p->host_count; i++) {
    size_t len = p->host_lens != NULL ? p->host_lens[i] : strlen(p->hosts[i]);
    if (mintls_x509_check_host(leaf, p->hosts[i], len, p->host_flags, NULL) > 0)
      return 1;
  }
  return 0;
}

static int id_error(mintls_x509_verify_ctx *ctx, int err) {
  return fail(ctx, ctx->chain[0], 0, err);
}

static int check_id(mintls_x509_verify_ctx *ctx) {
  const mintls_x509_verify_params *p = ctx->param;
  const x509_cert *leaf = ctx->chain[0];
  if (p->host_count > 0 && !check_hosts(ctx, leaf) &&
      !id_error(ctx, MINTLS_X509_V_ERR_HOSTNAME_MISMATCH))
    return 0;
  if (p->email != NULL && mintls_x509_check_email(leaf, p->email, p->email_len, 0) <= 0 &&
      !id_error(ctx, MINTLS_X509_V_ERR_EMAIL_MISMATCH))
    return 0;
  if (p->ip != NULL && mintls_x509_check_ip(leaf, p->ip, p->ip_len, 0) <= 0 &&
      !id_error(ctx, MINTLS_X509_V_ERR_IP_ADDRESS_MISMATCH))
    return 0;
  return 1;
}

/* ---- signatures and validity, anchor down ------------------------------------ */

static int check_time(mintls_x509_verify_ctx *ctx, const x509_cert *x, int depth) {
  if (ctx->param->flags & MINTLS_X509_V_FLAG_NO_CHECK_TIME)
    return 1;
  if (x->not_before > ctx->now && !fail(ctx, x, depth, MINTLS_X509_V_ERR_CERT_NOT_YET_VALID))
    return 0;
  if (x->not_after <= ctx->now && !fail(ctx, x, depth, MINTLS_X509_V_ERR_CERT_HAS_EXPIRED))
    return 0;
  return 1;
}

static int check_sig(const mintls_x509_verify_ctx *ctx, const x509_cert *issuer,
                     const x509_cert *subject) {
  const mintls_x509_verify_params *p = ctx->param;
  if (p->check_sig != NULL)
    return p->check_sig(p->sig_arg, issuer, subject) == 1;
  return mintls_x509_check_signature(issuer, subject);
}

static int internal_verify(mintls_x509_verify_ctx *ctx) {
  int n = (int)ctx->chain_len - 1;
  const x509_cert *xi = ctx->chain[n];
  const x509_cert *xs;
  int skip_sig = 0;

  if (mintls_x509_self_signed(xi)) {
    xs = xi;
  } else if (ctx->param->flags & MINTLS_X509_V_FLAG_PARTIAL_CHAIN) {
    xs = xi;
    skip_sig = 1;
  } else if (n <= 0) {
    if (!fail(ctx, xi, 0, MINTLS_X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE))
      return 0;
    xs = xi;
    skip_sig = 1;
  } else {
    n--;
    ctx->error_depth = n;
    xs = ctx->chain[n];
  }

  while (n >= 0) {
    if (!skip_sig &&
        (xs != xi || (ctx->param->flags & MINTLS_X509_V_FLAG_CHECK_SS_SIGNATURE))) {
      int issuer_depth = n + (xs == xi ? 0 : 1);
      /* RFC 5280 4.2.1.3: the issuer's key must be allowed to sign certificates. */
      if (ku_reject(xi, KU_KEY_CERT_SIGN) &&
          !fail(ctx, xi, issuer_depth, MINTLS_X509_V_ERR_KEYUSAGE_NO_CERTSIGN))
        return 0;
      if (!check_sig(ctx, xi, xs) && !fail(ctx, xs, n, MINTLS_X509_V_ERR_CERT_SIGNATURE_FAILURE))
        return 0;
    }
    skip_sig = 0;
    if (!check_time(ctx, xs, n))
      return 0;
    /* Success at this depth; an earlier (accepted) error stays set. */
    ctx->current_issuer = xi;
    ctx->current_cert = xs;
    ctx->error_depth = n;
    if (!call_cb(ctx, 1))
      return 0;
    if (--n >= 0) {
      xi = xs;
      xs = ctx->chain[n];
    }
  }
  return 1;
}

/* ---- name constraints (RFC 5280 4.2.1.10) --------------------------------------- */

static int ia5_ncasecmp(const uint8_t *a, const uint8_t *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    uint8_t x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z')
      x = (uint8_t)(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z')
      y = (uint8_t)(y - 'A' + 'a');
    if (x != y)
      return 1;
  }
  return 0;
}

/* dNSName: the base, or the base with labels added on the left. */
static int nc_dns(der_span dns, der_span base) {
  const uint8_t *d = dns.p;
  if (base.len == 0)
    return MINTLS_X509_V_OK;
  if (dns.len < base.len)
    return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  if (dns.len > base.len) {
    d += dns.len - base.len;
    if (base.p[0] != '.' && d[-1] != '.')
      return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  }
  return ia5_ncasecmp(base.p, d, base.len) ? MINTLS_X509_V_ERR_PERMITTED_VIOLATION
                                           : MINTLS_X509_V_OK;
}

static const uint8_t *last_at(der_span s) {
  size_t i = s.len;
  while (i > 0)
    if (s.p[--i] == '@')
      return s.p + i;
  return NULL;
}

/* rfc822Name: a mailbox, a host ("example.test") or a domain (".example.test"). */
static int nc_email(der_span eml, der_span base) {
  const uint8_t *bp = base.p, *ep = eml.p;
  const uint8_t *bat = last_at(base), *eat = last_at(eml);
  size_t bhost, ehost;
  if (eat == NULL)
    return MINTLS_X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
  if (bat == NULL && base.len > 0 && bp[0] == '.') {
    if (eml.len > base.len && !ia5_ncasecmp(bp, ep + eml.len - base.len, base.len))
      return MINTLS_X509_V_OK;
    return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  }
  if (bat != NULL) {
    if (bat != bp) {
      if (bat - bp != eat - ep || memcmp(bp, ep, (size_t)(eat - ep)) != 0)
        return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
    }
    bp = bat + 1;
  }
  ep = eat + 1;
  bhost = base.len - (size_t)(bp - base.p);
  ehost = eml.len - (size_t)(ep - eml.p);
  if (bhost != ehost || ia5_ncasecmp(bp, ep, ehost))
    return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  return MINTLS_X509_V_OK;
}

/* iPAddress: address under mask (8 or 32 bytes of base). */
static int nc_ip(der_span ip, der_span base) {
  size_t i, n = ip.len;
  if ((n != 4 && n != 16) || (base.len != 8 && base.len != 32))
    return MINTLS_X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE;
  if (n * 2 != base.len)
    return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  for (i = 0; i < n; i++)
    if ((ip.p[i] & base.p[n + i]) != base.p[i])
      return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  return MINTLS_X509_V_OK;
}

static int nc_match_single(unsigned type, der_span name, der_span base) {
  switch (type) {
  case X509_GN_DNS:
    return nc_dns(name, base);
  case X509_GN_EMAIL:
    return nc_email(name, base);
  case X509_GN_IP:
    return nc_ip(name, base);
  default:
    return MINTLS_X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE;
  }
}

static int nc_match(unsigned type, der_span name, const x509_cert *nc) {
  int match = 0, r;
  size_t i;
  for (i = 0; i < nc->nc_permitted.count; i++) {
    const x509_general_name *b = &nc->nc_permitted.items[i];
    if (b->type != type || match == 2)
      continue;
    match = 1;
    r = nc_match_single(type, name, b->value);
    if (r == MINTLS_X509_V_OK)
      match = 2;
    else if (r != MINTLS_X509_V_ERR_PERMITTED_VIOLATION)
      return r;
  }
  if (match == 1)
    return MINTLS_X509_V_ERR_PERMITTED_VIOLATION;
  for (i = 0; i < nc->nc_excluded.count; i++) {
    const x509_general_name *b = &nc->nc_excluded.items[i];
    if (b->type != type)
      continue;
    r = nc_match_single(type, name, b->value);
    if (r == MINTLS_X509_V_OK)
      return MINTLS_X509_V_ERR_EXCLUDED_VIOLATION;
    if (r != MINTLS_X509_V_ERR_PERMITTED_VIOLATION)
      return r;
  }
  return MINTLS_X509_V_OK;
}

/* OpenSSL checks a CN against DNS constraints only if it looks like a host name. */
static int cn_is_dns(der_span v) {
  size_t i;
  int dot = 0;
  if (v.len == 0)
    return 0;
  for (i = 0; i < v.len; i++) {
    uint8_t c = v.p[i];
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || (i > 0 && i + 1 < v.len && c == '-');
    if (c == '.' && i > 0 && i + 1 < v.len && v.p[i - 1] != '.') {
      dot = 1;
      continue;
    }
    if (!ok)
      return 0;
  }
  return dot;
}

int mintls_x509_name_constraints_check(const x509_cert *x, const x509_cert *nc, int check_cn) {
  size_t i;
  int r;
  /* emailAddress attributes of the subject count as rfc822Names. */
  for (i = 0; i < x->subject.count; i++) {
    if (x->subject.attrs[i].nid != NID_pkcs9_emailAddress)
      continue;
    r = nc_match(X509_GN_EMAIL, x->subject.attrs[i].value, nc);
    if (r != MINTLS_X509_V_OK)
      return r;
  }
  for (i = 0; i < x->san.count; i++) {
    const x509_general_name *g = &x->san.items[i];
    if (g->type != X509_GN_DNS && g->type != X509_GN_EMAIL && g->type != X509_GN_IP)
      continue; /* TODO: directoryName and URI constraints */
    r = nc_match(g->type, g->value, nc);
    if (r != MINTLS_X509_V_OK)
      return r;
  }
  if (check_cn) {
    for (i = 0; i < x->subject.count; i++) {
      const x509_name_attr *a = &x->subject.attrs[i];
      if (a->nid != NID_commonName || !cn_is_dns(a->value))
        continue;
      r = nc_match(X509_GN_DNS, a->value, nc);
      if (r != MINTLS_X509_V_OK)
        return r;
    }
  }
  return MINTLS_X509_V_OK;
}

static int has_dns_san(const x509_cert *x) {
  size_t i;
  for (i = 0; i < x->san.count; i++)
    if (x->san.items[i].type == X509_GN_DNS)
      return 1;
  return 0;
}

static int check_name_constraints(mintls_x509_verify_ctx *ctx) {
  int num = (int)ctx->chain_len;
  unsigned hf = ctx->param->host_flags;
  int i, j;
  for (i = num - 1; i >= 0; i--) {
    const x509_cert *x = ctx->chain[i];
    if (i != 0 && self_issued(x))
      continue;
    for (j = num - 1; j > i; j--) {
      const x509_cert *ca = ctx->chain[j];
      int check_cn, rv;
      if (!(ca->has & X509_HAS_NAME_CONSTRAINTS))
        continue;
      check_cn = i == 0 && !(hf & MINTLS_X509_CHECK_FLAG_NEVER_CHECK_SUBJECT) &&
                 ((hf & MINTLS_X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT) || !has_dns_san(x));
      rv = mintls_x509_name_constraints_check(x, ca, check_cn);
      if (rv != MINTLS_X509_V_OK && !fail(ctx, x, i, rv))
        return 0;
    }
  }
  return 1;
}

/* ---- the whole verification -------------------------------------------------- */

int mintls_x509_verify(mintls_x509_verify_ctx *ctx, const mintls_x509_verify_params *param,
                       const x509_cert *leaf, const x509_cert *const *untrusted,
                       size_t untrusted_count, const x509_cert *const *trusted,
                       size_t trusted_count) {
  int depth, ok;

  if (ctx == NULL || param == NULL || leaf == NULL)
    return -1;
  memset(ctx, 0, sizeof(*ctx));
  ctx->param = param;
  ctx->now = param->have_time ? param->time : (int64_t)time(NULL);
  ctx->chain[0] = leaf;
  ctx->chain_len = 1;
  ctx->num_untrusted = 1;
  ctx->current_cert = leaf;
  depth = param->depth < 0 ? MINTLS_X509_VERIFY_DEFAULT_DEPTH : param->depth;
  if (depth > MINTLS_X509_VERIFY_MAX_DEPTH)
    depth = MINTLS_X509_VERIFY_MAX_DEPTH;

  ok = build_chain(ctx, untrusted, untrusted_count, trusted, trusted_count, depth);
  if (ok <= 0) {
    if (ok < 0)
      ctx->error = MINTLS_X509_V_ERR_OUT_OF_MEM;
    return ok;
  }
  if (!check_extensions(ctx) || !check_id(ctx) || !internal_verify(ctx) ||
      !check_name_constraints(ctx))
    return 0;
  return 1;
}

const char *mintls_x509_verify_error_string(int err) {
  switch (err) {
  case 0: return "ok";
  case 1: return "unspecified certificate verification error";
  case 2: return "unable to get issuer certificate";
  case 3: return "unable to get certificate CRL";
  case 4: return "unable to decrypt certificate's signature";
  case 5: return "unable to decrypt CRL's signature";
  case 6: return "unable to decode issuer public key";
  case 7: return "certificate signature failure";
  case 8: return "CRL signature failure";
  case 9: return "certificate is not yet valid";
  case 10: return "certificate has expired";
  case 11: return "CRL is not yet valid";
  case 12: return "CRL has expired";
  case 13: return "format error in certificate's notBefore field";
  case 14: return "format error in certificate's notAfter field";
  case 15: return "format error in CRL's lastUpdate field";
  case 16: return "format error in CRL's nextUpdate field";
  case 17: return "out of memory";
  case 18: return "self-signed certificate";
  case 19: return "self-signed certificate in certificate chain";
  case 20: return "unable to get local issuer certificate";
  case 21: return "unable to verify the first certificate";
  case 22: return "certificate chain too long";
  case 23: return "certificate revoked";
  case 24: return "issuer certificate lookup error";
  case 25: return "path length constraint exceeded";
  case 26: return "unsuitable certificate purpose";
  case 27: return "certificate not trusted";
  case 28: return "certificate rejected";
  case 29: return "subject issuer mismatch";
  case 30: return "authority and subject key identifier mismatch";
  case 31: return "authority and issuer serial number mismatch";
  case 32: return "key usage does not include certificate signing";
  case 33: return "unable to get CRL issuer certificate";
  case 34: return "unhandled critical extension";
  case 35: return "key usage does not include CRL signing";
  case 36: return "unhandled critical CRL extension";
  case 37: return "invalid non-CA certificate (has CA markings)";
  case 38: return "proxy path length constraint exceeded";
  case 39: return "key usage does not include digital signature";
  case 40: return "proxy certificates not allowed, please set the appropriate flag";
  case 41: return "invalid or inconsistent certificate extension";
  case 42: return "invalid or inconsistent certificate policy extension";
  case 43: return "no explicit policy";
  case 44: return "Different CRL scope";
  case 45: return "Unsupported extension feature";
  case 46: return "RFC 3779 resource not subset of parent's resources";
  case 47: return "permitted subtree violation";
  case 48: return "excluded subtree violation";
  case 49: return "name constraints minimum and maximum not supported";
  case 50: return "application verification failure";
  case 51: return "unsupported name constraint type";
  case 52: return "unsupported or invalid name constraint syntax";
  case 53: return "unsupported or invalid name syntax";
  case 54: return "CRL path validation error";
  case 55: return "path loop";
  case 62: return "hostname mismatch";
  case 63: return "email address mismatch";
  case 64: return "IP address mismatch";
  case 65: return "no matching DANE TLSA records";
  case 66: return "EE certificate key too weak";
  case 67: return "CA certificate key too weak";
  case 68: return "CA signature digest algorithm too weak";
  case 69: return "invalid certificate verification context";
  case 70: return "issuer certificate lookup error";
  case 76: return "unsupported signature algorithm";
  case 77: return "subject signature algorithm and issuer public key algorithm mismatch";
  case 79: return "invalid CA certificate";
  case 94: return "Certificate public key has explicit ECC parameters";
  default: return "unknown certificate verification error";
  }
}
