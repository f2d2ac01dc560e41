/*
 * X509_STORE_CTX: one verification. X509_verify_cert gathers the trust
 * anchors (the store's certificates, after looking up missing issuers in its
 * hashed directories, or the stack given to set0_trusted_stack) and the
 * untrusted certificates, hands their parsed forms to mintls_x509_verify,
 * and shows the verifier's state through the OpenSSL getters, both to the
 * application's verify callback while it runs and afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/x509.h>

#include "internal/x509_obj.h"
#include "internal/x509_store.h"

X509_STORE_CTX *X509_STORE_CTX_new(void)
{
    X509_STORE_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL)
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    return ctx;
}

X509_STORE_CTX *X509_STORE_CTX_new_ex(OSSL_LIB_CTX *libctx, const char *propq)
{
    (void)libctx;
    (void)propq;
    return X509_STORE_CTX_new();
}

void X509_STORE_CTX_cleanup(X509_STORE_CTX *ctx)
{
    if (ctx == NULL)
        return;
    X509_VERIFY_PARAM_free(ctx->param);
    ctx->param = NULL;
    sk_X509_pop_free(ctx->chain, X509_free);
    ctx->chain = NULL;
    ctx->current_cert = ctx->current_issuer = NULL;
    if (ctx->ex_data_live) {
        CRYPTO_free_ex_data(CRYPTO_EX_INDEX_X509_STORE_CTX, ctx, &ctx->ex_data);
        ctx->ex_data_live = 0;
    } else {
        free(ctx->ex_data.slots);
        ctx->ex_data.slots = NULL;
        ctx->ex_data.count = 0;
    }
}

void X509_STORE_CTX_free(X509_STORE_CTX *ctx)
{
    if (ctx == NULL)
        return;
    X509_STORE_CTX_cleanup(ctx);
    free(ctx);
}

/*
 * The context's settings start from the store's (when given) and then take
 * whatever is still unset from the "default" set, as in OpenSSL.
 */
int X509_STORE_CTX_init(X509_STORE_CTX *ctx, X509_STORE *store, X509 *x509,
                        STACK_OF(X509) *chain)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    X509_STORE_CTX_cleanup(ctx);
    ctx->store = store;
    ctx->cert = x509;
    ctx->untrusted = chain;
    ctx->trusted = NULL;
    ctx->error = X509_V_OK;
    ctx->error_depth = 0;
    ctx->num_untrusted = 0;
    ctx->verify_cb = store != NULL ? store->verify_cb : NULL;
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_X509_STORE_CTX, ctx, &ctx->ex_data))
        return 0;
    ctx->ex_data_live = 1;
    ctx->param = X509_VERIFY_PARAM_new();
    if (ctx->param == NULL) {
        X509_STORE_CTX_cleanup(ctx);
        return 0;
    }
    int ok;
    if (store != NULL) {
        ok = X509_VERIFY_PARAM_inherit(ctx->param, store->param);
    } else {
        ctx->param->inh_flags |= X509_VP_FLAG_DEFAULT | X509_VP_FLAG_ONCE;
        ok = 1;
    }
    if (ok)
        ok = X509_VERIFY_PARAM_inherit(ctx->param, X509_VERIFY_PARAM_lookup("default"));
    if (!ok) {
        X509_STORE_CTX_cleanup(ctx);
        return 0;
    }
    return 1;
}

/* ---- getters and setters ---------------------------------------------------------- */

int X509_STORE_CTX_get_error(const X509_STORE_CTX *ctx) { return ctx->error; }
void X509_STORE_CTX_set_error(X509_STORE_CTX *ctx, int s) { ctx->error = s; }
int X509_STORE_CTX_get_error_depth(const X509_STORE_CTX *ctx) { return ctx->error_depth; }
void X509_STORE_CTX_set_error_depth(X509_STORE_CTX *ctx, int depth) { ctx->error_depth = depth; }
X509 *X509_STORE_CTX_get_current_cert(const X509_STORE_CTX *ctx) { return ctx->current_cert; }
void X509_STORE_CTX_set_current_cert(X509_STORE_CTX *ctx, X509 *x) { ctx->current_cert = x; }
X509 *X509_STORE_CTX_get0_current_issuer(const X509_STORE_CTX *ctx) { return ctx->current_issuer; }
X509 *X509_STORE_CTX_get0_cert(const X509_STORE_CTX *ctx) { return ctx->cert; }
void X509_STORE_CTX_set_cert(X509_STORE_CTX *ctx, X509 *target) { ctx->cert = target; }
STACK_OF(X509) *X509_STORE_CTX_get0_chain(const X509_STORE_CTX *ctx) { return ctx->chain; }
STACK_OF(X509) *X509_STORE_CTX_get0_untrusted(const X509_STORE_CTX *ctx) { return ctx->untrusted; }
X509_STORE *X509_STORE_CTX_get0_store(const X509_STORE_CTX *ctx) { return ctx->store; }
int X509_STORE_CTX_get_num_untrusted(const X509_STORE_CTX *ctx) { return ctx->num_untrusted; }
X509_VERIFY_PARAM *X509_STORE_CTX_get0_param(const X509_STORE_CTX *ctx) { return ctx->param; }

void X509_STORE_CTX_set_verify_cb(X509_STORE_CTX *ctx, X509_STORE_CTX_verify_cb verify)
{
    ctx->verify_cb = verify;
}

X509_STORE_CTX_verify_cb X509_STORE_CTX_get_verify_cb(const X509_STORE_CTX *ctx)
{
    return ctx->verify_cb;
}

STACK_OF(X509) *X509_STORE_CTX_get1_chain(const X509_STORE_CTX *ctx)
{
    if (ctx->chain == NULL)
        return NULL;
    STACK_OF(X509) *sk = sk_X509_dup(ctx->chain);
    if (sk == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    for (int i = 0; i < sk_X509_num(sk); i++)
        X509_up_ref(sk_X509_value(sk, i));
    return sk;
}

int X509_STORE_CTX_set_ex_data(X509_STORE_CTX *ctx, int idx, void *data)
{
    return CRYPTO_set_ex_data(&ctx->ex_data, idx, data);
}

void *X509_STORE_CTX_get_ex_data(const X509_STORE_CTX *ctx, int idx)
{
    return CRYPTO_get_ex_data(&ctx->ex_data, idx);
}

void X509_STORE_CTX_set0_param(X509_STORE_CTX *ctx, X509_VERIFY_PARAM *param)
{
    X509_VERIFY_PARAM_free(ctx->param);
    ctx->param = param;
}

void X509_STORE_CTX_set_flags(X509_STORE_CTX *ctx, unsigned long flags)
{
    X509_VERIFY_PARAM_set_flags(ctx->param, flags);
}

void X509_STORE_CTX_set_time(X509_STORE_CTX *ctx, unsigned long flags, time_t t)
{
    (void)flags;
    X509_VERIFY_PARAM_set_time(ctx->param, t);
}

void X509_STORE_CTX_set_depth(X509_STORE_CTX *ctx, int depth)
{
    X509_VERIFY_PARAM_set_depth(ctx->param, depth);
}

/* As OpenSSL's X509_STORE_CTX_purpose_inherit: only fills an unset purpose. */
int X509_STORE_CTX_set_purpose(X509_STORE_CTX *ctx, int purpose)
{
    if (purpose == 0)
        return 1;
    /* The purposes the verifier checks (see X509_VERIFY_PARAM_set_purpose). */
    if (purpose != X509_PURPOSE_SSL_CLIENT && purpose != X509_PURPOSE_SSL_SERVER &&
        purpose != X509_PURPOSE_NS_SSL_SERVER && purpose != X509_PURPOSE_ANY) {
        ERR_raise(ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID);
        return 0;
    }
    if (ctx->param->purpose == 0)
        ctx->param->purpose = purpose;
    return 1;
}

int X509_STORE_CTX_set_default(X509_STORE_CTX *ctx, const char *name)
{
    const X509_VERIFY_PARAM *p = X509_VERIFY_PARAM_lookup(name);
    if (p == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return X509_VERIFY_PARAM_inherit(ctx->param, p);
}

void X509_STORE_CTX_set0_trusted_stack(X509_STORE_CTX *ctx, STACK_OF(X509) *sk)
{
    ctx->trusted = sk;
}

void X509_STORE_CTX_set0_untrusted(X509_STORE_CTX *ctx, STACK_OF(X509) *sk)
{
    ctx->untrusted = sk;
}

/* ---- gathering the certificates ------------------------------------------------------ */

typedef struct {
    const x509_name **items;
    size_t count;
} name_list;

static int name_seen(const name_list *l, const x509_name *n)
{
    for (size_t i = 0; i < l->count; i++)
        if (mintls_x509_name_equal(l->items[i], n))
            return 1;
    return 0;
}

/* Looks up x's issuer in the store's directories unless the store has one
 * with that subject already (or it was tried this time). */
static void lookup_issuer(X509_STORE *store, X509 *x, name_list *tried)
{
    const x509_cert *c = mintls_x509_parsed(x);
    if (c == NULL || name_seen(tried, &c->issuer) ||
        mintls_x509_store_has_subject(store, &c->issuer))
        return;
    const x509_name **grown = realloc(tried->items, (tried->count + 1) * sizeof(*grown));
    if (grown == NULL)
        return;
    tried->items = grown;
    tried->items[tried->count++] = &c->issuer;
    mintls_x509_store_load_by_subject(store, X509_get_issuer_name(x));
}

/*
 * Fills the store from its hashed directories with the issuers this
 * verification may need: those of the target and the untrusted
 * certificates, then those of whatever that added, round after round.
 */
static void load_needed_issuers(X509_STORE_CTX *ctx)
{
    X509_STORE *store = ctx->store;
    name_list tried = { NULL, 0 };
    X509 **snap = NULL;
    size_t n = 0, seen;

    /* The store only grows: what lies past `seen` was added by lookups. */
    if (!mintls_x509_store_snapshot(store, &snap, &n))
        return;
    mintls_x509_list_free(snap, n);
    seen = n;
    lookup_issuer(store, ctx->cert, &tried);
    for (int i = 0; i < sk_X509_num(ctx->untrusted); i++)
        lookup_issuer(store, sk_X509_value(ctx->untrusted, i), &tried);
    for (int round = 0; round < MINTLS_X509_VERIFY_MAX_CHAIN; round++) {
        if (!mintls_x509_store_snapshot(store, &snap, &n))
            break;
        for (size_t i = seen; i < n; i++)
            lookup_issuer(store, snap[i], &tried);
        mintls_x509_list_free(snap, n);
        if (n == seen)
            break;
        seen = n;
    }
    free(tried.items);
}

/* Up-ref'd trust anchors: the set0_trusted_stack stack, else the store's. */
static int gather_trusted(X509_STORE_CTX *ctx, X509 ***out, size_t *out_n)
{
    *out = NULL;
    *out_n = 0;
    if (ctx->trusted != NULL) {
        int n = sk_X509_num(ctx->trusted);
        X509 **list = malloc((n > 0 ? (size_t)n : 1) * sizeof(*list));
        if (list == NULL)
            return 0;
        for (int i = 0; i < n; i++) {
            list[i] = sk_X509_value(ctx->trusted, i);
            X509_up_ref(list[i]);
        }
        *out = list;
        *out_n = (size_t)n;
        return 1;
    }
    if (ctx->store == NULL)
        return 1;
    if (mintls_x509_store_has_dirs(ctx->store))
        load_needed_issuers(ctx);
    return mintls_x509_store_snapshot(ctx->store, out, out_n);
}

/* The parsed forms of a list (unparsed, empty X509s are left out). */
static const x509_cert **parsed_list(X509 *const *xs, size_t n, size_t *out_n)
{
    const x509_cert **out = malloc((n > 0 ? n : 1) * sizeof(*out));
    size_t k = 0;
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (mintls_x509_parsed(xs[i]) != NULL)
            out[k++] = mintls_x509_parsed(xs[i]);
    *out_n = k;
    return out;
}

/* ---- the verifier's state, as the getters show it ------------------------------------- */

/* Makes ctx->chain the verifier's current chain (up-ref'd X509s). */
static void sync_chain(X509_STORE_CTX *ctx, const mintls_x509_verify_ctx *v)
{
    int same = ctx->chain != NULL && (size_t)sk_X509_num(ctx->chain) == v->chain_len;
    for (size_t i = 0; same && i < v->chain_len; i++)
        same = sk_X509_value(ctx->chain, (int)i) == mintls_x509_of_cert(v->chain[i]);
    if (same)
        return;
    STACK_OF(X509) *sk = sk_X509_new_reserve(NULL, (int)v->chain_len);
    if (sk == NULL)
        return;
    for (size_t i = 0; i < v->chain_len; i++) {
        X509 *x = mintls_x509_of_cert(v->chain[i]);
        if (!sk_X509_push(sk, x)) {
            sk_X509_pop_free(sk, X509_free);
            return;
        }
        X509_up_ref(x);
    }
    sk_X509_pop_free(ctx->chain, X509_free);
    ctx->chain = sk;
}

static void sync_state(X509_STORE_CTX *ctx, const mintls_x509_verify_ctx *v)
{
    ctx->error = v->error;
    ctx->error_depth = v->error_depth;
    ctx->current_cert = mintls_x509_of_cert(v->current_cert);
    ctx->current_issuer = mintls_x509_of_cert(v->current_issuer);
    ctx->num_untrusted = (int)v->num_untrusted;
    sync_chain(ctx, v);
}

/* The verifier's callback: show its state, ask the application, and keep
 * whatever error the application left (it may clear or change it). */
static int callback_adapter(void *arg, int ok, mintls_x509_verify_ctx *v)
{
    X509_STORE_CTX *ctx = arg;
    if (v->error == X509_V_OK)
        v->error = ctx->pending_error;
    sync_state(ctx, v);
    if (ctx->verify_cb != NULL)
        ok = ctx->verify_cb(ok, ctx);
    v->error = ctx->error;
    return ok;
}

/* ---- security level (X509_VERIFY_PARAM_set_auth_level) ------------------------- */

/* Minimum security bits for auth levels 1..5 (OpenSSL's SSL security levels). */
static const int level_min_bits[] = { 80, 112, 128, 192, 256 };

static int min_bits(int level)
{
    if (level > 5)
        level = 5;
    return level_min_bits[level - 1];
}

/* Security bits of a certificate's public key, as EVP_PKEY_get_security_bits. */
static int key_security_bits(const x509_cert *c)
{
    if (c->key_nid == NID_rsaEncryption || c->key_nid == NID_rsassaPss) {
        size_t i = 0, bits;
        while (i < c->rsa_n.len && c->rsa_n.p[i] == 0)
            i++;
        if (i == c->rsa_n.len)
            return 0;
        bits = (c->rsa_n.len - i - 1) * 8;
        for (unsigned b = c->rsa_n.p[i]; b != 0; b >>= 1)
            bits++;
        return bits >= 15360 ? 256 : bits >= 7680 ? 192 : bits >= 3072 ? 128 : bits >= 2048 ? 112
               : bits >= 1024 ? 80 : 0;
    }
    if (c->key_nid == NID_X9_62_id_ecPublicKey) {
        switch (c->curve_nid) {
        case NID_X9_62_prime256v1: return 128;
        case NID_secp384r1: return 192;
        case NID_secp521r1: return 256;
        default: return 0;
        }
    }
    if (c->key_nid == NID_ED25519)
        return 128;
    if (c->key_nid == NID_ED448)
        return 224;
    return 0; /* unknown keys meet no level */
}

/* Security bits of a certificate's signature (OpenSSL 3.0: SHA-1 63, MD5 39). */
static int sig_security_bits(const x509_cert *c)
{
    switch (c->outer_sig_nid) {
    case NID_md5WithRSAEncryption: return 39;
    case NID_sha1WithRSAEncryption:
    case NID_ecdsa_with_SHA1: return 63;
    case NID_sha224WithRSAEncryption:
    case NID_ecdsa_with_SHA224: return 112;
    case NID_sha256WithRSAEncryption:
    case NID_ecdsa_with_SHA256:
    case NID_ED25519: return 128;
    case NID_sha384WithRSAEncryption:
    case NID_ecdsa_with_SHA384: return 192;
    case NID_sha512WithRSAEncryption:
    case NID_ecdsa_with_SHA512: return 256;
    case NID_ED448: return 224;
    default: return 0;
    }
}

/*
 * The verifier's strength check (params.check_strength), asked for each
 * certificate between the extension and identity checks, where OpenSSL
 * applies the auth level: issuer keys (every certificate above the target)
 * and the signatures below the chain's end. The target's own key was
 * checked before the chain was built (check_leaf_key).
 */
static size_t check_auth_level(void *arg, const mintls_x509_verify_ctx *v, size_t depth,
                               int errs[2])
{
    const X509_STORE_CTX *ctx = arg;
    int level = ctx->param->auth_level;
    size_t n = 0;
    if (level <= 0)
        return 0;
    if (depth > 0 && key_security_bits(v->chain[depth]) < min_bits(level))
        errs[n++] = X509_V_ERR_CA_KEY_TOO_SMALL;
    if (depth + 1 < v->chain_len && sig_security_bits(v->chain[depth]) < min_bits(level))
        errs[n++] = X509_V_ERR_CA_MD_TOO_WEAK;
    return n;
}

/* The target's own key, checked first of all, as OpenSSL does. 1 to go on. */
static int check_leaf_key(X509_STORE_CTX *ctx, const x509_cert *leaf)
{
    int level = ctx->param->auth_level;
    if (level <= 0 || key_security_bits(leaf) >= min_bits(level))
        return 1;
    STACK_OF(X509) *sk = sk_X509_new_null();
    if (sk != NULL && sk_X509_push(sk, ctx->cert))
        X509_up_ref(ctx->cert);
    sk_X509_pop_free(ctx->chain, X509_free);
    ctx->chain = sk;
    ctx->num_untrusted = 1;
    ctx->error = X509_V_ERR_EE_KEY_TOO_SMALL;
    ctx->error_depth = 0;
    ctx->current_cert = ctx->cert;
    int ok = ctx->verify_cb != NULL ? ctx->verify_cb(0, ctx) : 0;
    ctx->pending_error = ctx->error;
    return ok;
}

/* Checks the verifier does not have: fail closed, through the callback. */
static int unsupported_checks(X509_STORE_CTX *ctx, mintls_x509_verify_ctx *v)
{
    unsigned long flags = ctx->param->flags;
    int err = X509_V_OK;
    if (flags & (X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL))
        err = X509_V_ERR_UNABLE_TO_GET_CRL; /* mintls holds no CRLs */
    else if (flags & X509_V_FLAG_EXPLICIT_POLICY)
        err = X509_V_ERR_NO_EXPLICIT_POLICY; /* no policy processing */
    if (err == X509_V_OK)
        return 1;
    v->error = err;
    v->error_depth = 0;
    v->current_cert = v->chain[0];
    return callback_adapter(ctx, 0, v);
}

/* OpenSSL records which of the expected host names matched. */
static void record_peername(X509_STORE_CTX *ctx, const x509_cert *leaf)
{
    X509_VERIFY_PARAM *p = ctx->param;
    mintls_x509_vpm_set_peername(p, NULL);
    for (size_t i = 0; i < p->host_count; i++) {
        char *peer = NULL;
        if (mintls_x509_check_host(leaf, p->hosts[i], strlen(p->hosts[i]), p->hostflags, &peer) >
            0) {
            mintls_x509_vpm_set_peername(p, peer);
            return;
        }
        free(peer);
    }
}

int X509_verify_cert(X509_STORE_CTX *ctx)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (ctx->cert == NULL || ctx->param == NULL) {
        ERR_raise(ERR_LIB_X509, X509_R_NO_CERT_SET_FOR_US_TO_VERIFY);
        ctx->error = X509_V_ERR_INVALID_CALL;
        return -1;
    }
    if (ctx->chain != NULL) {
        /* A context verifies once; X509_STORE_CTX_init starts over. */
        ERR_raise(ERR_LIB_X509, ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED);
        ctx->error = X509_V_ERR_INVALID_CALL;
        return -1;
    }
    const x509_cert *leaf = mintls_x509_parsed(ctx->cert);
    if (leaf == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
        ctx->error = X509_V_ERR_INVALID_CALL;
        return -1;
    }
    /* A target key too weak for the auth level is reported before anything else. */
    ctx->pending_error = X509_V_OK;
    if (!check_leaf_key(ctx, leaf))
        return 0;
    sk_X509_pop_free(ctx->chain, X509_free);
    ctx->chain = NULL;

    X509 **trusted_x = NULL;
    size_t n_trusted_x = 0, n_trusted = 0, n_untrusted = 0;
    const x509_cert **trusted = NULL, **untrusted = NULL;
    int n_u = sk_X509_num(ctx->untrusted);
    X509 **untrusted_x = n_u > 0 ? malloc((size_t)n_u * sizeof(*untrusted_x)) : NULL;
    for (int i = 0; untrusted_x != NULL && i < n_u; i++)
        untrusted_x[i] = sk_X509_value(ctx->untrusted, i);
    int ret = -1;
    if ((n_u > 0 && untrusted_x == NULL) || !gather_trusted(ctx, &trusted_x, &n_trusted_x))
        goto oom;
    trusted = parsed_list(trusted_x, n_trusted_x, &n_trusted);
    untrusted = parsed_list(untrusted_x, n_u > 0 ? (size_t)n_u : 0, &n_untrusted);
    if (trusted == NULL || untrusted == NULL)
        goto oom;


    mintls_x509_verify_params vp;
    mintls_x509_vpm_to_params(ctx->param, &vp);
    vp.verify_cb = callback_adapter;
    vp.cb_arg = ctx;
    vp.check_strength = check_auth_level;
    vp.strength_arg = ctx;
    mintls_x509_verify_ctx *v = malloc(sizeof(*v));
    if (v == NULL)
        goto oom;
    ret = mintls_x509_verify(v, &vp, leaf, untrusted, n_untrusted, trusted, n_trusted);
    if (ret == 1)
        ret = unsupported_checks(ctx, v) ? 1 : 0;
    if (v->error == X509_V_OK)
        v->error = ctx->pending_error;
    sync_state(ctx, v);
    /* A failure must say why, even when only the callback said no. */
    if (ret == 0 && ctx->error == X509_V_OK)
        ctx->error = X509_V_ERR_UNSPECIFIED;
    free(v);
    if (ctx->param->host_count > 0)
        record_peername(ctx, leaf);
    if (ret < 0)
        goto oom;
    goto done;

oom:
    ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    ctx->error = X509_V_ERR_OUT_OF_MEM;
    ret = -1;
done:
    free(trusted);
    free(untrusted);
    free(untrusted_x);
    mintls_x509_list_free(trusted_x, n_trusted_x);
    return ret;
}

/* X509_verify_cert, with the first untrusted certificate as the target if none was set. */
int X509_STORE_CTX_verify(X509_STORE_CTX *ctx)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (ctx->cert == NULL && sk_X509_num(ctx->untrusted) >= 1)
        ctx->cert = sk_X509_value(ctx->untrusted, 0);
    return X509_verify_cert(ctx);
}

/* mintls runs no nested (CRL path) verifications. */
X509_STORE_CTX *X509_STORE_CTX_get0_parent_ctx(const X509_STORE_CTX *ctx)
{
    (void)ctx;
    return NULL;
}

void X509_STORE_CTX_set0_verified_chain(X509_STORE_CTX *ctx, STACK_OF(X509) *sk)
{
    sk_X509_pop_free(ctx->chain, X509_free);
    ctx->chain = sk;
}

/* Every store certificate with subject nm (after the directory lookups); NULL if none. */
STACK_OF(X509) *X509_STORE_CTX_get1_certs(X509_STORE_CTX *ctx, const X509_NAME *nm)
{
    const unsigned char *der;
    size_t der_len;
    if (ctx == NULL || ctx->store == NULL || nm == NULL || !X509_NAME_get0_der(nm, &der, &der_len))
        return NULL;
    x509_name want;
    memset(&want, 0, sizeof(want));
    want.der.p = der;
    want.der.len = der_len;
    if (mintls_x509_store_has_dirs(ctx->store) && !mintls_x509_store_has_subject(ctx->store, &want))
        mintls_x509_store_load_by_subject(ctx->store, nm);
    X509 **list = NULL;
    size_t n = 0;
    if (!mintls_x509_store_snapshot(ctx->store, &list, &n))
        return NULL;
    STACK_OF(X509) *sk = NULL;
    for (size_t i = 0; i < n; i++) {
        const x509_cert *c = mintls_x509_parsed(list[i]);
        if (c == NULL || !mintls_x509_name_equal(&c->subject, &want))
            continue;
        if (sk == NULL && (sk = sk_X509_new_null()) == NULL)
            break;
        if (!sk_X509_push(sk, list[i])) {
            sk_X509_pop_free(sk, X509_free);
            sk = NULL;
            break;
        }
        X509_up_ref(list[i]);
    }
    mintls_x509_list_free(list, n);
    return sk;
}

/* The store's issuer of x (a currently valid one if there is a choice). */
int X509_STORE_CTX_get1_issuer(X509 **issuer, X509_STORE_CTX *ctx, X509 *x)
{
    const x509_cert *xc = mintls_x509_parsed(x);
    X509 **list = NULL;
    size_t n = 0;
    *issuer = NULL;
    if (xc == NULL || ctx == NULL || ctx->store == NULL)
        return 0;
    if (mintls_x509_store_has_dirs(ctx->store) &&
        !mintls_x509_store_has_subject(ctx->store, &xc->issuer))
        mintls_x509_store_load_by_subject(ctx->store, X509_get_issuer_name(x));
    if (!mintls_x509_store_snapshot(ctx->store, &list, &n))
        return -1;
    int64_t now = (ctx->param != NULL && (ctx->param->flags & X509_V_FLAG_USE_CHECK_TIME))
                      ? (int64_t)ctx->param->check_time
                      : (int64_t)time(NULL);
    X509 *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const x509_cert *c = mintls_x509_parsed(list[i]);
        if (c == NULL || mintls_x509_likely_issued(c, xc) != X509_V_OK)
            continue;
        best = list[i];
        if (c->not_before <= now && now < c->not_after)
            break;
    }
    if (best != NULL) {
        X509_up_ref(best);
        *issuer = best;
    }
    mintls_x509_list_free(list, n);
    return best != NULL;
}
