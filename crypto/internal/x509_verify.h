/*
 * Certificate path validation (RFC 5280 section 6, as the Web PKI and
 * OpenSSL 3.0's X509_verify_cert apply it) and the host / IP / email
 * identity checks of X509_check_host and friends, over parsed x509_certs.
 *
 * The results reproduce OpenSSL's: the same X509_V_* codes (same numbers),
 * the same error depth, the same order of checks and the same sequence of
 * verify-callback calls:
 *   1. chain building (issuer lookup, trust, depth limit),
 *   2. per-certificate extension checks from the leaf up (critical
 *      extensions, CA bit / keyCertSign, purpose, pathLenConstraint),
 *      then the caller's strength check (params.check_strength),
 *   3. host, email and IP checks on the leaf,
 *   4. signatures and validity periods from the trust anchor down, with a
 *      callback(ok = 1) after each certificate,
 *   5. name constraints.
 * An error is "sticky": a callback that accepts an error lets verification
 * go on, but the error stays set and later ok-calls still report it.
 */
#ifndef MINTLS_X509_VERIFY_H
#define MINTLS_X509_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "internal/x509_cert.h"

/* Error codes: OpenSSL's X509_V_* values. */
#define MINTLS_X509_V_OK 0
#define MINTLS_X509_V_ERR_UNSPECIFIED 1
#define MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT 2
#define MINTLS_X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY 6
#define MINTLS_X509_V_ERR_CERT_SIGNATURE_FAILURE 7
#define MINTLS_X509_V_ERR_CERT_NOT_YET_VALID 9
#define MINTLS_X509_V_ERR_CERT_HAS_EXPIRED 10
#define MINTLS_X509_V_ERR_OUT_OF_MEM 17
#define MINTLS_X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT 18
#define MINTLS_X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN 19
#define MINTLS_X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY 20
#define MINTLS_X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE 21
#define MINTLS_X509_V_ERR_CERT_CHAIN_TOO_LONG 22
#define MINTLS_X509_V_ERR_PATH_LENGTH_EXCEEDED 25
#define MINTLS_X509_V_ERR_INVALID_PURPOSE 26
#define MINTLS_X509_V_ERR_SUBJECT_ISSUER_MISMATCH 29
#define MINTLS_X509_V_ERR_AKID_SKID_MISMATCH 30
#define MINTLS_X509_V_ERR_KEYUSAGE_NO_CERTSIGN 32
#define MINTLS_X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION 34
#define MINTLS_X509_V_ERR_PERMITTED_VIOLATION 47
#define MINTLS_X509_V_ERR_EXCLUDED_VIOLATION 48
#define MINTLS_X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE 51
#define MINTLS_X509_V_ERR_UNSUPPORTED_NAME_SYNTAX 53
#define MINTLS_X509_V_ERR_HOSTNAME_MISMATCH 62
#define MINTLS_X509_V_ERR_EMAIL_MISMATCH 63
#define MINTLS_X509_V_ERR_IP_ADDRESS_MISMATCH 64
#define MINTLS_X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM 76
#define MINTLS_X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH 77
#define MINTLS_X509_V_ERR_INVALID_CA 79

/* Verification flags: OpenSSL's X509_V_FLAG_* values (the ones honoured). */
#define MINTLS_X509_V_FLAG_USE_CHECK_TIME 0x2ul
#define MINTLS_X509_V_FLAG_IGNORE_CRITICAL 0x10ul
#define MINTLS_X509_V_FLAG_X509_STRICT 0x20ul
#define MINTLS_X509_V_FLAG_CHECK_SS_SIGNATURE 0x4000ul
#define MINTLS_X509_V_FLAG_PARTIAL_CHAIN 0x80000ul
#define MINTLS_X509_V_FLAG_NO_CHECK_TIME 0x200000ul

/* Purposes: OpenSSL's X509_PURPOSE_* ids (0: no purpose check). */
#define MINTLS_X509_PURPOSE_SSL_CLIENT 1
#define MINTLS_X509_PURPOSE_SSL_SERVER 2
#define MINTLS_X509_PURPOSE_NS_SSL_SERVER 3
#define MINTLS_X509_PURPOSE_ANY 7

/* Host check flags: OpenSSL's X509_CHECK_FLAG_* values. */
#define MINTLS_X509_CHECK_FLAG_ALWAYS_CHECK_SUBJECT 0x1u
#define MINTLS_X509_CHECK_FLAG_NO_WILDCARDS 0x2u
#define MINTLS_X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS 0x4u
#define MINTLS_X509_CHECK_FLAG_MULTI_LABEL_WILDCARDS 0x8u
#define MINTLS_X509_CHECK_FLAG_SINGLE_LABEL_SUBDOMAINS 0x10u
#define MINTLS_X509_CHECK_FLAG_NEVER_CHECK_SUBJECT 0x20u

/* OpenSSL's default verification depth; the chain holds at most depth + 2. */
#define MINTLS_X509_VERIFY_DEFAULT_DEPTH 100
#define MINTLS_X509_VERIFY_MAX_DEPTH 100
#define MINTLS_X509_VERIFY_MAX_CHAIN (MINTLS_X509_VERIFY_MAX_DEPTH + 2)

typedef struct mintls_x509_verify_ctx mintls_x509_verify_ctx;

typedef struct {
  int purpose;         /* MINTLS_X509_PURPOSE_*, 0 for none */
  unsigned long flags; /* MINTLS_X509_V_FLAG_* */
  int depth;           /* max intermediates; < 0: the default (100) */
  int have_time;       /* 1: check validity at `time`, else at time(NULL) */
  int64_t time;
  /* Leaf identity; each is skipped when NULL. Several hosts: any may match. */
  const char *const *hosts;
  const size_t *host_lens; /* may be NULL: strlen */
  size_t host_count;
  unsigned host_flags; /* MINTLS_X509_CHECK_FLAG_* */
  const char *email;
  size_t email_len;
  const uint8_t *ip; /* 4 or 16 bytes */
  size_t ip_len;
  /* Signature check of `subject` under `issuer`'s key: 1 good, 0 bad.
   * NULL uses mintls_x509_check_signature(). */
  int (*check_sig)(void *arg, const x509_cert *issuer, const x509_cert *subject);
  void *sig_arg;
  /* OpenSSL's verify callback: sees ctx->error / error_depth / current_cert;
   * returns the (possibly overridden) ok. NULL behaves as `return ok`. */
  int (*verify_cb)(void *arg, int ok, mintls_x509_verify_ctx *ctx);
  void *cb_arg;
  /* Optional security-level check (X509_VERIFY_PARAM_set_auth_level) of
   * ctx->chain[depth], asked for each certificate of the built chain after
   * the extension checks and before the identity checks, where OpenSSL
   * applies it. Writes up to two X509_V_ERR_* codes to errs (key, then
   * signature) and returns how many; each goes through verify_cb. */
  size_t (*check_strength)(void *arg, const mintls_x509_verify_ctx *ctx, size_t depth,
                           int errs[2]);
  void *strength_arg;
} mintls_x509_verify_params;

struct mintls_x509_verify_ctx {
  const mintls_x509_verify_params *param;
  /* The built chain, leaf first; certificates at index >= num_untrusted came
   * from the trusted set. Pointers into the caller's arrays. */
  const x509_cert *chain[MINTLS_X509_VERIFY_MAX_CHAIN];
  size_t chain_len;
  size_t num_untrusted;
  int error;       /* MINTLS_X509_V_*: sticky */
  int error_depth;
  const x509_cert *current_cert;
  const x509_cert *current_issuer;
  int64_t now;
};

/* Default parameters: no purpose, default depth, current time, no identity. */
void mintls_x509_verify_params_init(mintls_x509_verify_params *p);

/*
 * X509_verify_cert: builds a path from `leaf` through `untrusted` (any
 * order, extras and duplicates allowed) to a certificate of `trusted`, then
 * runs the checks. Returns 1 if verification succeeded (or every error was
 * accepted by the callback: ctx->error then still says what went wrong),
 * 0 on failure, -1 on bad arguments / out of memory. ctx is filled either
 * way.
 */
int mintls_x509_verify(mintls_x509_verify_ctx *ctx, const mintls_x509_verify_params *param,
                       const x509_cert *leaf, const x509_cert *const *untrusted,
                       size_t untrusted_count, const x509_cert *const *trusted,
                       size_t trusted_count);

/* OpenSSL's X509_verify_cert_error_string text for a code (never NULL). */
const char *mintls_x509_verify_error_string(int err);

/* Issuer tests used by chain building (and X509_check_issued):
 * X509_V_OK if `issuer` plausibly issued `subject` (names, AKID/SKID,
 * signature algorithm vs key type), else an X509_V_ERR_* reason. */
int mintls_x509_likely_issued(const x509_cert *issuer, const x509_cert *subject);
int mintls_x509_self_signed(const x509_cert *cert);
int mintls_x509_name_equal(const x509_name *a, const x509_name *b);
/* X509_check_ca: 0 not a CA, 1 CA by basicConstraints, 3 v1 self-signed
 * root, 4 keyUsage with keyCertSign but no basicConstraints. */
int mintls_x509_check_ca(const x509_cert *cert);
/* X509_check_purpose(cert, purpose, require_ca): 1 ok, 0 not ok. */
int mintls_x509_check_purpose(const x509_cert *cert, int purpose, int require_ca);

/*
 * Name constraints of `nc_holder` applied to `cert` (X.509 NAME_CONSTRAINTS_check
 * on the SAN entries; with check_cn also the subject CN as a DNS name, as
 * OpenSSL does for the leaf when it has no DNS SAN). X509_V_OK or an error.
 */
int mintls_x509_name_constraints_check(const x509_cert *cert, const x509_cert *nc_holder,
                                       int check_cn);

/* ---- identity checks (x509_host.c) ----------------------------------------
 * Return values as OpenSSL's: 1 match, 0 no match, -1 internal error, -2
 * malformed input. peername (may be NULL) receives a malloc'd copy of the
 * certificate name that matched (free() it). name_len 0: strlen.
 */
int mintls_x509_check_host(const x509_cert *cert, const char *name, size_t name_len,
                           unsigned flags, char **peername);
int mintls_x509_check_email(const x509_cert *cert, const char *email, size_t email_len,
                            unsigned flags);
int mintls_x509_check_ip(const x509_cert *cert, const uint8_t *ip, size_t ip_len,
                         unsigned flags);
int mintls_x509_check_ip_asc(const x509_cert *cert, const char *ipasc, unsigned flags);
/* OpenSSL's a2i_ipadd: text IPv4 / IPv6 -> 4 or 16 bytes; 0 if malformed. */
size_t mintls_x509_ip_from_text(uint8_t out[16], const char *text);

/* ---- signatures (x509_sigcheck.c) -----------------------------------------
 * 1 if `subject`'s signature verifies under `issuer`'s public key: RSA
 * PKCS#1 v1.5 (SHA-1/224/256/384/512), ECDSA P-256/P-384 (SHA-1/224/256/
 * 384/512), Ed25519. Also requires the outer and inner signature algorithm
 * identifiers to agree. 0 otherwise.
 */
int mintls_x509_check_signature(const x509_cert *issuer, const x509_cert *subject);

#endif
