/*
 * Key and parameter generation through EVP_PKEY_CTX: X25519, Ed25519 and
 * EC keys on P-256/P-384. "Parameters" are a key with a type and a curve
 * but no material, which is what libssl makes before it fills in a peer's
 * key_share with EVP_PKEY_set1_encoded_public_key. mintls generates no RSA
 * keys: EVP_PKEY_keygen fails cleanly for them.
 */
#include "internal/evp_pkey_ctx.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdarg.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/ed25519.h"
#include "internal/evp_pkey.h"
#include "internal/p256.h"
#include "internal/p384.h"
#include "internal/x25519.h"

static int gen_init(EVP_PKEY_CTX *ctx, int op)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -2;
    }
    int t = ctx->type;
    int ok = t == EVP_PKEY_EC || t == EVP_PKEY_X25519 || t == EVP_PKEY_ED25519 ||
             (op == EVP_PKEY_OP_KEYGEN && (t == EVP_PKEY_RSA || t == EVP_PKEY_RSA_PSS));
    if (!ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE);
        ctx->operation = EVP_PKEY_OP_UNDEFINED;
        return -2;
    }
    mintls_pkey_ctx_begin(ctx, op);
    return 1;
}

int EVP_PKEY_paramgen_init(EVP_PKEY_CTX *ctx)
{
    return gen_init(ctx, EVP_PKEY_OP_PARAMGEN);
}

int EVP_PKEY_keygen_init(EVP_PKEY_CTX *ctx)
{
    return gen_init(ctx, EVP_PKEY_OP_KEYGEN);
}

/* Fills key (type already set) with fresh material. */
static int generate_material(EVP_PKEY_CTX *ctx, EVP_PKEY *key)
{
    int ok = 0;
    switch (ctx->type) {
    case EVP_PKEY_X25519:
        ok = mintls_x25519_keygen(key->pub, key->priv);
        key->pub_len = key->priv_len = 32;
        break;
    case EVP_PKEY_ED25519:
        ok = RAND_bytes(key->priv, 32) == 1;
        if (ok)
            mintls_ed25519_public_from_seed(key->pub, key->priv);
        key->pub_len = key->priv_len = 32;
        break;
    case EVP_PKEY_EC:
        if (ctx->curve_nid == NID_secp384r1) {
            ok = mintls_p384_keygen(key->priv, key->pub);
            key->priv_len = 48;
            key->pub_len = 97;
        } else {
            ok = mintls_p256_keygen(key->priv, key->pub);
            key->priv_len = 32;
            key->pub_len = 65;
        }
        key->curve_nid = ctx->curve_nid;
        break;
    default:
        ERR_raise_data(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
                       "mintls does not generate RSA keys");
        return 0;
    }
    if (!ok) {
        ERR_raise(ERR_LIB_EVP, EVP_R_KEY_SETUP_FAILED);
        return 0;
    }
    key->has_private = 1;
    return 1;
}

/*
 * Hands fresh (a new key) to the caller: as *ppkey when that is NULL,
 * otherwise by moving its contents into the caller's object, whose old
 * material is released (the caller keeps its pointer and references).
 */
static void deliver(EVP_PKEY *fresh, EVP_PKEY **ppkey)
{
    if (*ppkey == NULL) {
        *ppkey = fresh;
        return;
    }
    EVP_PKEY tmp;
    int refs_old = atomic_load(&(*ppkey)->references);
    memcpy(&tmp, *ppkey, sizeof(tmp));
    memcpy(*ppkey, fresh, sizeof(tmp));
    memcpy(fresh, &tmp, sizeof(tmp));
    atomic_store(&(*ppkey)->references, refs_old);
    atomic_store(&fresh->references, 1);
    ct_wipe(&tmp, sizeof(tmp));
    EVP_PKEY_free(fresh);
}

static int generate(EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey, int op)
{
    if (ppkey == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (!mintls_pkey_ctx_check_op(ctx, op))
        return -1;
    if (ctx->type == EVP_PKEY_EC && ctx->curve_nid == NID_undef) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS, "no curve set");
        return 0;
    }
    if (ctx->type == EVP_PKEY_RSA || ctx->type == EVP_PKEY_RSA_PSS) {
        ERR_raise_data(ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE,
                       "mintls does not generate RSA keys");
        return 0;
    }
    EVP_PKEY *fresh = mintls_evp_pkey_alloc(ctx->type);
    if (fresh == NULL)
        return 0;
    if (op == EVP_PKEY_OP_PARAMGEN) {
        fresh->curve_nid = ctx->type == EVP_PKEY_EC ? ctx->curve_nid : NID_undef;
    } else if (!generate_material(ctx, fresh)) {
        EVP_PKEY_free(fresh);
        return 0;
    }
    deliver(fresh, ppkey);
    return 1;
}

int EVP_PKEY_paramgen(EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey)
{
    return generate(ctx, ppkey, EVP_PKEY_OP_PARAMGEN);
}

int EVP_PKEY_keygen(EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey)
{
    return generate(ctx, ppkey, EVP_PKEY_OP_KEYGEN);
}

int EVP_PKEY_generate(EVP_PKEY_CTX *ctx, EVP_PKEY **ppkey)
{
    if (ctx != NULL && ctx->operation == EVP_PKEY_OP_PARAMGEN)
        return generate(ctx, ppkey, EVP_PKEY_OP_PARAMGEN);
    return generate(ctx, ppkey, EVP_PKEY_OP_KEYGEN);
}

/*
 * The quick form: "X25519" and "ED25519" take no further argument, "EC" a
 * curve name (char *), "RSA" a size_t bit count (and then fails: no RSA
 * key generation here).
 */
EVP_PKEY *EVP_PKEY_Q_keygen(OSSL_LIB_CTX *libctx, const char *propq, const char *type, ...)
{
    EVP_PKEY *key = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(libctx, type, propq);
    if (ctx == NULL)
        return NULL;
    int ok = EVP_PKEY_keygen_init(ctx) > 0;
    if (ok && ctx->type == EVP_PKEY_EC) {
        va_list ap;
        va_start(ap, type);
        const char *curve = va_arg(ap, const char *);
        va_end(ap);
        ok = EVP_PKEY_CTX_set_group_name(ctx, curve) > 0;
    }
    if (ok && EVP_PKEY_keygen(ctx, &key) <= 0)
        key = NULL;
    EVP_PKEY_CTX_free(ctx);
    return key;
}
