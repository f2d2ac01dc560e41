/*
 * EVP_PKEY_CTX: the context every public-key operation runs in. This file
 * makes, copies and frees contexts and routes the parameter calls
 * (EVP_PKEY_CTX_set_rsa_padding, set_signature_md, set_group_name, ...)
 * through one ctrl switch, so that the generic EVP_PKEY_CTX_ctrl and the
 * named setters check operation and key type in the same place, with
 * OpenSSL's return values: -2 for a command the algorithm does not have,
 * -1 for a context in the wrong state, 0 for a value that is refused.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rsa.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal/evp_md.h"
#include "internal/evp_pkey.h"

static const struct {
    int type;
    const char *name;
} ctx_types[] = {
    {EVP_PKEY_RSA, "RSA"},         {EVP_PKEY_RSA, "rsaEncryption"},
    {EVP_PKEY_RSA_PSS, "RSA-PSS"}, {EVP_PKEY_RSA_PSS, "RSASSA-PSS"},
    {EVP_PKEY_EC, "EC"},           {EVP_PKEY_X25519, "X25519"},
    {EVP_PKEY_ED25519, "ED25519"}, {EVP_PKEY_HKDF, "HKDF"},
};
#define N_CTX_TYPES (sizeof(ctx_types) / sizeof(ctx_types[0]))

static int type_supported(int type)
{
    for (size_t i = 0; i < N_CTX_TYPES; i++)
        if (ctx_types[i].type == type)
            return 1;
    return 0;
}

/* pkey (may be NULL) gains a reference held by the new context. */
static EVP_PKEY_CTX *ctx_alloc(int type, EVP_PKEY *pkey)
{
    if (!type_supported(type)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
        return NULL;
    }
    EVP_PKEY_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    ctx->type = type;
    if (pkey != NULL) {
        EVP_PKEY_up_ref(pkey);
        ctx->pkey = pkey;
        if (pkey->type == EVP_PKEY_EC)
            ctx->curve_nid = pkey->curve_nid;
    }
    mintls_pkey_ctx_begin(ctx, EVP_PKEY_OP_UNDEFINED);
    return ctx;
}

EVP_PKEY_CTX *EVP_PKEY_CTX_new(EVP_PKEY *pkey, ENGINE *e)
{
    (void)e;
    if (pkey == NULL || pkey->type == EVP_PKEY_NONE) {
        ERR_raise(ERR_LIB_EVP, pkey == NULL ? ERR_R_PASSED_NULL_PARAMETER : EVP_R_NO_KEY_SET);
        return NULL;
    }
    return ctx_alloc(pkey->type, pkey);
}

EVP_PKEY_CTX *EVP_PKEY_CTX_new_from_pkey(OSSL_LIB_CTX *libctx, EVP_PKEY *pkey,
                                         const char *propquery)
{
    (void)libctx;
    (void)propquery;
    return EVP_PKEY_CTX_new(pkey, NULL);
}

EVP_PKEY_CTX *EVP_PKEY_CTX_new_id(int id, ENGINE *e)
{
    (void)e;
    return ctx_alloc(id, NULL);
}

EVP_PKEY_CTX *EVP_PKEY_CTX_new_from_name(OSSL_LIB_CTX *libctx, const char *name,
                                         const char *propquery)
{
    (void)libctx;
    (void)propquery;
    if (name == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    for (size_t i = 0; i < N_CTX_TYPES; i++)
        if (strcasecmp(ctx_types[i].name, name) == 0)
            return ctx_alloc(ctx_types[i].type, NULL);
    ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "%s", name);
    return NULL;
}

EVP_PKEY_CTX *EVP_PKEY_CTX_dup(const EVP_PKEY_CTX *src)
{
    if (src == NULL)
        return NULL;
    EVP_PKEY_CTX *ctx = malloc(sizeof(*ctx));
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    memcpy(ctx, src, sizeof(*ctx));
    ctx->hkdf_salt = ctx->hkdf_key = NULL;
    if (ctx->pkey != NULL)
        EVP_PKEY_up_ref(ctx->pkey);
    if (ctx->peer != NULL)
        EVP_PKEY_up_ref(ctx->peer);
    if (!mintls_hkdf_ctx_copy(ctx, src)) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

void EVP_PKEY_CTX_free(EVP_PKEY_CTX *ctx)
{
    if (ctx == NULL)
        return;
    EVP_PKEY_free(ctx->pkey);
    EVP_PKEY_free(ctx->peer);
    mintls_hkdf_ctx_clear(ctx);
    OPENSSL_cleanse(ctx, sizeof(*ctx));
    free(ctx);
}

int EVP_PKEY_CTX_is_a(EVP_PKEY_CTX *ctx, const char *keytype)
{
    if (ctx == NULL || keytype == NULL)
        return 0;
    for (size_t i = 0; i < N_CTX_TYPES; i++)
        if (ctx_types[i].type == ctx->type && strcasecmp(ctx_types[i].name, keytype) == 0)
            return 1;
    return 0;
}

int EVP_PKEY_CTX_get_operation(EVP_PKEY_CTX *ctx)
{
    return ctx != NULL ? ctx->operation : EVP_PKEY_OP_UNDEFINED;
}

EVP_PKEY *EVP_PKEY_CTX_get0_pkey(EVP_PKEY_CTX *ctx)
{
    return ctx != NULL ? ctx->pkey : NULL;
}

EVP_PKEY *EVP_PKEY_CTX_get0_peerkey(EVP_PKEY_CTX *ctx)
{
    return ctx != NULL ? ctx->peer : NULL;
}

int mintls_pkey_ctx_check_op(const EVP_PKEY_CTX *ctx, int op_mask)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((ctx->operation & op_mask) == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED);
        return 0;
    }
    return 1;
}

void mintls_pkey_ctx_begin(EVP_PKEY_CTX *ctx, int op)
{
    ctx->operation = op;
    ctx->md = NULL;
    ctx->mgf1_md = NULL;
    ctx->rsa_padding = ctx->type == EVP_PKEY_RSA_PSS ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING;
    /* OpenSSL 3.0: signing takes the largest salt, verifying accepts any. */
    ctx->pss_saltlen = RSA_PSS_SALTLEN_AUTO;
    if (ctx->type == EVP_PKEY_HKDF)
        mintls_hkdf_ctx_clear(ctx);
}

/* ---- the ctrl switch ---------------------------------------------------- */

static int is_rsa(const EVP_PKEY_CTX *ctx)
{
    return ctx->type == EVP_PKEY_RSA || ctx->type == EVP_PKEY_RSA_PSS;
}

static int curve_supported(int nid)
{
    return nid == NID_X9_62_prime256v1 || nid == NID_secp384r1;
}

static int set_signature_md(EVP_PKEY_CTX *ctx, const EVP_MD *md)
{
    const mintls_hash *h = mintls_evp_md_hash(md);
    if (h == NULL || ctx->type == EVP_PKEY_ED25519 ||
        (is_rsa(ctx) && ctx->rsa_padding == RSA_PKCS1_PSS_PADDING && h == &mintls_hash_md5)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
        return 0;
    }
    ctx->md = h;
    return 1;
}

static int rsa_ctrl(EVP_PKEY_CTX *ctx, int cmd, int p1, void *p2)
{
    switch (cmd) {
    case EVP_PKEY_CTRL_RSA_PADDING:
        if (p1 == RSA_PKCS1_PSS_PADDING ||
            (p1 == RSA_PKCS1_PADDING && ctx->type == EVP_PKEY_RSA)) {
            ctx->rsa_padding = p1;
            return 1;
        }
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return 0;
    case EVP_PKEY_CTRL_GET_RSA_PADDING:
        *(int *)p2 = ctx->rsa_padding;
        return 1;
    case EVP_PKEY_CTRL_RSA_PSS_SALTLEN:
        if (ctx->rsa_padding != RSA_PKCS1_PSS_PADDING || p1 < RSA_PSS_SALTLEN_MAX) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_SALT_LENGTH);
            return 0;
        }
        ctx->pss_saltlen = p1;
        return 1;
    case EVP_PKEY_CTRL_GET_RSA_PSS_SALTLEN:
        if (ctx->rsa_padding != RSA_PKCS1_PSS_PADDING) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
            return 0;
        }
        *(int *)p2 = ctx->pss_saltlen;
        return 1;
    case EVP_PKEY_CTRL_RSA_MGF1_MD: {
        const mintls_hash *h = mintls_evp_md_hash(p2);
        if (h == NULL || ctx->rsa_padding != RSA_PKCS1_PSS_PADDING) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_DIGEST);
            return 0;
        }
        ctx->mgf1_md = h;
        return 1;
    }
    case EVP_PKEY_CTRL_GET_RSA_MGF1_MD: {
        const mintls_hash *h = ctx->mgf1_md != NULL ? ctx->mgf1_md : ctx->md;
        *(const EVP_MD **)p2 = mintls_evp_md_from_hash(h != NULL ? h : &mintls_hash_sha256);
        return 1;
    }
    case EVP_PKEY_CTRL_RSA_KEYGEN_BITS:
        if (p1 < 512) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
            return 0;
        }
        return 1; /* remembered nowhere: EVP_PKEY_keygen refuses RSA */
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
}

static int ec_ctrl(EVP_PKEY_CTX *ctx, int cmd, int p1, void *p2)
{
    (void)p2;
    switch (cmd) {
    case EVP_PKEY_CTRL_EC_PARAMGEN_CURVE_NID:
        if (!curve_supported(p1)) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
            return 0;
        }
        ctx->curve_nid = p1;
        return 1;
    case EVP_PKEY_CTRL_EC_PARAM_ENC:
        if (p1 != OPENSSL_EC_NAMED_CURVE) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM);
            return 0;
        }
        return 1;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
}

/* Which operations each algorithm-specific command belongs to. */
static int alg_ctrl_ops(int type, int cmd)
{
    if (type == EVP_PKEY_HKDF)
        return EVP_PKEY_OP_DERIVE;
    if (type == EVP_PKEY_EC)
        return EVP_PKEY_OP_TYPE_GEN;
    if (cmd == EVP_PKEY_CTRL_RSA_KEYGEN_BITS)
        return EVP_PKEY_OP_KEYGEN;
    return EVP_PKEY_OP_TYPE_SIG;
}

int EVP_PKEY_CTX_ctrl(EVP_PKEY_CTX *ctx, int keytype, int optype, int cmd, int p1, void *p2)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
    if (keytype != -1 && keytype != ctx->type) {
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -1;
    }
    if (ctx->operation == EVP_PKEY_OP_UNDEFINED) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_OPERATION_SET);
        return -1;
    }
    if (optype != -1 && (ctx->operation & optype) == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return -1;
    }
    if (cmd == EVP_PKEY_CTRL_MD || cmd == EVP_PKEY_CTRL_GET_MD) {
        if ((ctx->operation & EVP_PKEY_OP_TYPE_SIG) == 0 || ctx->type == EVP_PKEY_HKDF) {
            ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
            return -2;
        }
        if (cmd == EVP_PKEY_CTRL_MD)
            return set_signature_md(ctx, p2);
        *(const EVP_MD **)p2 = mintls_evp_md_from_hash(ctx->md);
        return 1;
    }
    if (cmd < EVP_PKEY_ALG_CTRL || ctx->type == EVP_PKEY_X25519 ||
        ctx->type == EVP_PKEY_ED25519) {
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
    if ((ctx->operation & alg_ctrl_ops(ctx->type, cmd)) == 0) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return -1;
    }
    if (ctx->type == EVP_PKEY_HKDF)
        return mintls_hkdf_ctrl(ctx, cmd, p1, p2);
    if (ctx->type == EVP_PKEY_EC)
        return ec_ctrl(ctx, cmd, p1, p2);
    return rsa_ctrl(ctx, cmd, p1, p2);
}

/* ---- named setters ------------------------------------------------------ */

int EVP_PKEY_CTX_set_signature_md(EVP_PKEY_CTX *ctx, const EVP_MD *md)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_MD, 0, (void *)md);
}

int EVP_PKEY_CTX_get_signature_md(EVP_PKEY_CTX *ctx, const EVP_MD **md)
{
    return EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_GET_MD, 0, (void *)md);
}

/* RSA commands refuse a context of another key type with -1, as OpenSSL does. */
static int rsa_only(EVP_PKEY_CTX *ctx, int optype, int cmd, int p1, void *p2)
{
    if (ctx != NULL && !is_rsa(ctx)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_EXPECTING_AN_RSA_KEY);
        return -1;
    }
    return EVP_PKEY_CTX_ctrl(ctx, -1, optype, cmd, p1, p2);
}

int EVP_PKEY_CTX_set_rsa_padding(EVP_PKEY_CTX *ctx, int pad_mode)
{
    return rsa_only(ctx, -1, EVP_PKEY_CTRL_RSA_PADDING, pad_mode, NULL);
}

int EVP_PKEY_CTX_get_rsa_padding(EVP_PKEY_CTX *ctx, int *pad_mode)
{
    return rsa_only(ctx, -1, EVP_PKEY_CTRL_GET_RSA_PADDING, 0, pad_mode);
}

int EVP_PKEY_CTX_set_rsa_pss_saltlen(EVP_PKEY_CTX *ctx, int saltlen)
{
    return rsa_only(ctx, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_RSA_PSS_SALTLEN, saltlen, NULL);
}

int EVP_PKEY_CTX_get_rsa_pss_saltlen(EVP_PKEY_CTX *ctx, int *saltlen)
{
    return rsa_only(ctx, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_GET_RSA_PSS_SALTLEN, 0, saltlen);
}

int EVP_PKEY_CTX_set_rsa_mgf1_md(EVP_PKEY_CTX *ctx, const EVP_MD *md)
{
    return rsa_only(ctx, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_RSA_MGF1_MD, 0, (void *)md);
}

int EVP_PKEY_CTX_get_rsa_mgf1_md(EVP_PKEY_CTX *ctx, const EVP_MD **md)
{
    return rsa_only(ctx, EVP_PKEY_OP_TYPE_SIG, EVP_PKEY_CTRL_GET_RSA_MGF1_MD, 0, (void *)md);
}

int EVP_PKEY_CTX_set_rsa_keygen_bits(EVP_PKEY_CTX *ctx, int bits)
{
    return rsa_only(ctx, EVP_PKEY_OP_KEYGEN, EVP_PKEY_CTRL_RSA_KEYGEN_BITS, bits, NULL);
}

int EVP_PKEY_CTX_set_ec_paramgen_curve_nid(EVP_PKEY_CTX *ctx, int nid)
{
    return EVP_PKEY_CTX_ctrl(ctx, EVP_PKEY_EC, EVP_PKEY_OP_TYPE_GEN,
                             EVP_PKEY_CTRL_EC_PARAMGEN_CURVE_NID, nid, NULL);
}

int EVP_PKEY_CTX_set_ec_param_enc(EVP_PKEY_CTX *ctx, int param_enc)
{
    return EVP_PKEY_CTX_ctrl(ctx, EVP_PKEY_EC, EVP_PKEY_OP_TYPE_GEN, EVP_PKEY_CTRL_EC_PARAM_ENC,
                             param_enc, NULL);
}

static const struct {
    int nid;
    const char *name;
} curve_names[] = {
    {NID_X9_62_prime256v1, "P-256"},     {NID_X9_62_prime256v1, "prime256v1"},
    {NID_X9_62_prime256v1, "secp256r1"}, {NID_secp384r1, "P-384"},
    {NID_secp384r1, "secp384r1"},
};

static int curve_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof(curve_names) / sizeof(curve_names[0]); i++)
        if (strcasecmp(curve_names[i].name, name) == 0)
            return curve_names[i].nid;
    return NID_undef;
}

/*
 * EC: the curve to generate on. X25519/Ed25519 have one group, named like
 * the algorithm; libssl names it when it makes a key_share template.
 */
int EVP_PKEY_CTX_set_group_name(EVP_PKEY_CTX *ctx, const char *name)
{
    if (ctx == NULL || name == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (!mintls_pkey_ctx_check_op(ctx, EVP_PKEY_OP_TYPE_GEN))
        return -2;
    if (ctx->type == EVP_PKEY_EC) {
        int nid = curve_by_name(name);
        if (nid == NID_undef) {
            ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "group %s", name);
            return 0;
        }
        ctx->curve_nid = nid;
        return 1;
    }
    if ((ctx->type == EVP_PKEY_X25519 || ctx->type == EVP_PKEY_ED25519) &&
        EVP_PKEY_CTX_is_a(ctx, name))
        return 1;
    ERR_raise_data(ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "group %s", name);
    return 0;
}

/* ---- ctrl_str ----------------------------------------------------------- */

static int str_to_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < -0x7fffffffL || v > 0x7fffffffL)
        return 0;
    *out = (int)v;
    return 1;
}

static int ctrl_str_rsa(EVP_PKEY_CTX *ctx, const char *type, const char *value)
{
    int v;
    if (strcmp(type, "rsa_padding_mode") == 0) {
        if (strcmp(value, "pkcs1") == 0)
            return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
        if (strcmp(value, "pss") == 0)
            return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING);
    } else if (strcmp(type, "rsa_pss_saltlen") == 0) {
        if (strcmp(value, "digest") == 0)
            return EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST);
        if (strcmp(value, "auto") == 0)
            return EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_AUTO);
        if (strcmp(value, "max") == 0)
            return EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_MAX);
        if (str_to_int(value, &v))
            return EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, v);
    } else if (strcmp(type, "rsa_mgf1_md") == 0) {
        return EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_get_digestbyname(value));
    } else {
        ERR_raise(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED);
        return -2;
    }
    ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
    return 0;
}

int EVP_PKEY_CTX_ctrl_str(EVP_PKEY_CTX *ctx, const char *type, const char *value)
{
    if (ctx == NULL || type == NULL || value == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -2;
    }
    if (strcmp(type, "digest") == 0)
        return EVP_PKEY_CTX_set_signature_md(ctx, EVP_get_digestbyname(value));
    if (ctx->type == EVP_PKEY_EC &&
        (strcmp(type, "ec_paramgen_curve") == 0 || strcmp(type, "group") == 0))
        return EVP_PKEY_CTX_set_group_name(ctx, value);
    if (is_rsa(ctx))
        return ctrl_str_rsa(ctx, type, value);
    if (ctx->type == EVP_PKEY_HKDF) {
        const size_t vlen = strlen(value);
        if (vlen > 0x7fffffff)
            return 0;
        if (strcmp(type, "md") == 0)
            return EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_get_digestbyname(value));
        if (strcmp(type, "salt") == 0)
            return EVP_PKEY_CTX_set1_hkdf_salt(ctx, (const unsigned char *)value, (int)vlen);
        if (strcmp(type, "key") == 0)
            return EVP_PKEY_CTX_set1_hkdf_key(ctx, (const unsigned char *)value, (int)vlen);
        if (strcmp(type, "info") == 0)
            return EVP_PKEY_CTX_add1_hkdf_info(ctx, (const unsigned char *)value, (int)vlen);
        if (strcmp(type, "mode") == 0) {
            if (strcmp(value, "EXTRACT_AND_EXPAND") == 0)
                return EVP_PKEY_CTX_set_hkdf_mode(ctx, EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND);
            if (strcmp(value, "EXTRACT_ONLY") == 0)
                return EVP_PKEY_CTX_set_hkdf_mode(ctx, EVP_KDF_HKDF_MODE_EXTRACT_ONLY);
            if (strcmp(value, "EXPAND_ONLY") == 0)
                return EVP_PKEY_CTX_set_hkdf_mode(ctx, EVP_KDF_HKDF_MODE_EXPAND_ONLY);
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
            return 0;
        }
    }
    ERR_raise_data(ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED, "%s", type);
    return -2;
}
