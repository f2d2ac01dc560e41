/*
 * The object behind EVP_PKEY_CTX: one algorithm (the key's type, or HKDF),
 * the operation it was last initialised for, its key and peer key, and the
 * parameters programs set with the EVP_PKEY_CTX_set_* calls. Shared by
 * crypto/evp_pkey_ctx.c, evp_pkey_keygen.c, evp_pkey_derive.c,
 * evp_pkey_sign.c, evp_digestsign.c and evp_hkdf.c.
 */
#ifndef MINTLS_INTERNAL_EVP_PKEY_CTX_H
#define MINTLS_INTERNAL_EVP_PKEY_CTX_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/types.h>

#include "internal/digest.h"

#define MINTLS_HKDF_MAX_INFO 1024

struct evp_pkey_ctx_st {
    int type;       /* EVP_PKEY_RSA, _RSA_PSS, _EC, _X25519, _ED25519 or _HKDF */
    int operation;  /* EVP_PKEY_OP_*, EVP_PKEY_OP_UNDEFINED until an *_init */
    EVP_PKEY *pkey; /* a reference we own, or NULL */
    EVP_PKEY *peer; /* derive: the peer's public key (owned reference) */

    int curve_nid; /* EC paramgen/keygen: NID_undef until chosen */

    /* Signatures. md NULL: the key type's default (SHA-256 for RSA and EC). */
    const mintls_hash *md;
    const mintls_hash *mgf1_md; /* NULL: the same as md */
    int rsa_padding;            /* RSA_PKCS1_PADDING or RSA_PKCS1_PSS_PADDING */
    int pss_saltlen;            /* RSA_PSS_SALTLEN_* or a byte count */

    /* HKDF (RFC 5869); salt and key are wiped when freed or replaced. */
    int hkdf_mode;
    const mintls_hash *hkdf_md;
    uint8_t *hkdf_salt, *hkdf_key;
    size_t hkdf_salt_len, hkdf_key_len;
    uint8_t hkdf_info[MINTLS_HKDF_MAX_INFO];
    size_t hkdf_info_len;
};

/* Checks ctx was initialised for one of the operations in op_mask (error queued if not). */
int mintls_pkey_ctx_check_op(const EVP_PKEY_CTX *ctx, int op_mask);
/* Starts operation op on ctx: forgets the previous operation's parameters. */
void mintls_pkey_ctx_begin(EVP_PKEY_CTX *ctx, int op);

/* HKDF ctrls and derivation (crypto/evp_hkdf.c). */
int mintls_hkdf_ctrl(EVP_PKEY_CTX *ctx, int cmd, int p1, void *p2);
int mintls_hkdf_derive(EVP_PKEY_CTX *ctx, uint8_t *out, size_t *out_len);
void mintls_hkdf_ctx_clear(EVP_PKEY_CTX *ctx);
int mintls_hkdf_ctx_copy(EVP_PKEY_CTX *dst, const EVP_PKEY_CTX *src);

/*
 * Sign / verify a digest of hash h (crypto/evp_pkey_sign.c) with ctx's key
 * and RSA parameters: RSA PKCS#1 v1.5 or PSS, ECDSA (DER). sign with
 * out_sig NULL reports the largest signature size. verify returns 1 valid,
 * 0 invalid (no error queued for a plain mismatch), -1 on misuse.
 */
int mintls_pkey_sign_digest(EVP_PKEY_CTX *ctx, const mintls_hash *h, const uint8_t *digest,
                            size_t digest_len, uint8_t *out_sig, size_t *sig_len);
int mintls_pkey_verify_digest(EVP_PKEY_CTX *ctx, const mintls_hash *h, const uint8_t *digest,
                              size_t digest_len, const uint8_t *sig, size_t sig_len);

/*
 * The EVP_PKEY_CTX an EVP_MD_CTX signs or verifies with (crypto/evp_digest.c
 * keeps the pointer; EVP_MD_CTX_reset/free release it unless it is borrowed,
 * as after EVP_MD_CTX_set_pkey_ctx).
 */
EVP_PKEY_CTX *mintls_evp_md_ctx_pkey_ctx(const EVP_MD_CTX *ctx);
void mintls_evp_md_ctx_set_pkey_ctx(EVP_MD_CTX *ctx, EVP_PKEY_CTX *pctx, int borrowed);

#endif
