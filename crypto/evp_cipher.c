/*
 * EVP_CIPHER for the AEADs: AES-128/256-GCM and ChaCha20-Poly1305, over the
 * internal streaming interfaces in internal/gcm.h and internal/chacha_poly.h,
 * and for AES-CBC, whose padding and buffering live in evp_cbc.c.
 *
 * A context holds the expanded key (kept across EVP_*Init_ex calls that pass
 * only a new IV, so a record layer pays the key schedule once) and the state
 * of the current message. Calls out of order fail with an error on the queue.
 *
 * Key and message state live in one block allocated when a key is set, sized
 * for the cipher and for the GCM implementation this CPU runs (its tables
 * differ by an order of magnitude between them): a record layer keeps two
 * contexts per connection for the connection's life, so their size counts.
 */
#include <openssl/err.h>
#include <openssl/evp.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal/chacha_poly.h"
#include "internal/ct.h"
#include "internal/evp_cbc.h"
#include "internal/gcm.h"

enum cipher_kind { AEAD_GCM, AEAD_CHACHA, CIPHER_CBC };

/* SP 800-38D allows longer GCM IVs; OpenSSL's limit is 128 bytes. */
#define GCM_MAX_IV 128
#define CHACHA_IV 12
#define AEAD_TAG 16

struct evp_cipher_st {
    int nid;
    const char *name;
    const char *alias;
    const char *oid; /* dotted text, also accepted by name; NULL if none */
    enum cipher_kind kind;
    int key_len;
    int iv_len;
    int block_size;
    unsigned long flags;
};

#define AEAD_FLAGS                                                            \
    (EVP_CIPH_FLAG_AEAD_CIPHER | EVP_CIPH_CUSTOM_IV | EVP_CIPH_ALWAYS_CALL_INIT | \
     EVP_CIPH_CTRL_INIT | EVP_CIPH_CUSTOM_COPY | EVP_CIPH_FLAG_CUSTOM_CIPHER | \
     EVP_CIPH_CUSTOM_IV_LENGTH)

static const EVP_CIPHER aes_128_gcm = {NID_aes_128_gcm, "AES-128-GCM", SN_aes_128_gcm, NULL,
                                       AEAD_GCM, 16, 12, 1, AEAD_FLAGS | EVP_CIPH_GCM_MODE};
static const EVP_CIPHER aes_256_gcm = {NID_aes_256_gcm, "AES-256-GCM", SN_aes_256_gcm, NULL,
                                       AEAD_GCM, 32, 12, 1, AEAD_FLAGS | EVP_CIPH_GCM_MODE};
static const EVP_CIPHER chacha20_poly1305 = {
    NID_chacha20_poly1305, "ChaCha20-Poly1305", LN_chacha20_poly1305, NULL, AEAD_CHACHA, 32, 12,
    1, AEAD_FLAGS | EVP_CIPH_STREAM_CIPHER};
/* CBC: OpenSSL's names are AES-128-CBC, alias AES128, and the OID. */
static const EVP_CIPHER aes_128_cbc = {NID_aes_128_cbc, SN_aes_128_cbc, "AES128",
                                       "2.16.840.1.101.3.4.1.2", CIPHER_CBC, 16, 16, 16,
                                       EVP_CIPH_CBC_MODE};
static const EVP_CIPHER aes_192_cbc = {NID_aes_192_cbc, SN_aes_192_cbc, "AES192",
                                       "2.16.840.1.101.3.4.1.22", CIPHER_CBC, 24, 16, 16,
                                       EVP_CIPH_CBC_MODE};
static const EVP_CIPHER aes_256_cbc = {NID_aes_256_cbc, SN_aes_256_cbc, "AES256",
                                       "2.16.840.1.101.3.4.1.42", CIPHER_CBC, 32, 16, 16,
                                       EVP_CIPH_CBC_MODE};

static const EVP_CIPHER *const all_ciphers[] = {&aes_128_gcm, &aes_256_gcm, &chacha20_poly1305,
                                                &aes_128_cbc, &aes_192_cbc, &aes_256_cbc};

/*
 * The allocated part of a context, made when a key or an IV is first set.
 * An IV is only needed until the message starts, and the message state only
 * after, so the two share storage. GCM: the key is the last member and only
 * mintls_gcm_key_size() bytes of it exist.
 */
typedef struct {
    union {
        mintls_gcm_state st;
        uint8_t iv[GCM_MAX_IV];
    } msg;
    mintls_gcm_key key;
} gcm_block;

typedef struct {
    union {
        mintls_chacha_poly_state st;
        uint8_t iv[CHACHA_IV];
    } msg;
    uint8_t key[32];
} chacha_block;

struct evp_cipher_ctx_st {
    union {
        gcm_block *gcm;
        chacha_block *chacha;
        mintls_evp_cbc *cbc;
        void *any;
    } blk;          /* NULL until a key or an IV is set */
    size_t blk_size;
    const EVP_CIPHER *cipher;
    int encrypt;
    int key_set;
    int iv_set;      /* the block holds an IV, not yet used to start a message */
    int started;     /* msg holds a live message (key and IV both given) */
    int in_data;     /* plaintext/ciphertext seen: no more AAD */
    int tag_len;     /* decrypt: length of the expected tag; encrypt: after Final */
    int iv_len;
    int no_padding;  /* CBC; as in OpenSSL it outlives Init, until reset */
    uint8_t tag[AEAD_TAG];
};

const EVP_CIPHER *EVP_aes_128_gcm(void)
{
    return &aes_128_gcm;
}

const EVP_CIPHER *EVP_aes_256_gcm(void)
{
    return &aes_256_gcm;
}

const EVP_CIPHER *EVP_chacha20_poly1305(void)
{
    return &chacha20_poly1305;
}

const EVP_CIPHER *EVP_aes_128_cbc(void)
{
    return &aes_128_cbc;
}

const EVP_CIPHER *EVP_aes_192_cbc(void)
{
    return &aes_192_cbc;
}

const EVP_CIPHER *EVP_aes_256_cbc(void)
{
    return &aes_256_cbc;
}

const EVP_CIPHER *EVP_get_cipherbyname(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(all_ciphers) / sizeof(all_ciphers[0]); i++)
        if (strcasecmp(name, all_ciphers[i]->name) == 0 ||
            strcasecmp(name, all_ciphers[i]->alias) == 0 ||
            (all_ciphers[i]->oid != NULL && strcmp(name, all_ciphers[i]->oid) == 0))
            return all_ciphers[i];
    return NULL;
}

/* The built-in ciphers are static: fetch hands them out, free ignores them. */
EVP_CIPHER *EVP_CIPHER_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)
{
    (void)ctx;
    (void)properties;
    const EVP_CIPHER *c = EVP_get_cipherbyname(algorithm);
    if (c == NULL)
        ERR_raise_data(ERR_LIB_EVP, ERR_R_FETCH_FAILED, "unsupported algorithm: %s",
                       algorithm ? algorithm : "(null)");
    return (EVP_CIPHER *)c;
}

int EVP_CIPHER_up_ref(EVP_CIPHER *cipher)
{
    return cipher != NULL;
}

void EVP_CIPHER_free(EVP_CIPHER *cipher)
{
    (void)cipher;
}

int EVP_CIPHER_get_nid(const EVP_CIPHER *c)
{
    return c ? c->nid : NID_undef;
}

int EVP_CIPHER_get_type(const EVP_CIPHER *c)
{
    return EVP_CIPHER_get_nid(c);
}

const char *EVP_CIPHER_get0_name(const EVP_CIPHER *c)
{
    return c ? c->name : NULL;
}

int EVP_CIPHER_get_block_size(const EVP_CIPHER *c)
{
    return c ? c->block_size : 0;
}

int EVP_CIPHER_get_key_length(const EVP_CIPHER *c)
{
    return c ? c->key_len : 0;
}

int EVP_CIPHER_get_iv_length(const EVP_CIPHER *c)
{
    return c ? c->iv_len : 0;
}

unsigned long EVP_CIPHER_get_flags(const EVP_CIPHER *c)
{
    return c ? c->flags : 0;
}

int EVP_CIPHER_get_mode(const EVP_CIPHER *c)
{
    return c ? (int)(c->flags & EVP_CIPH_MODE) : 0;
}

/* ---- context lifecycle ------------------------------------------------- */

EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void)
{
    EVP_CIPHER_CTX *ctx = calloc(1, sizeof(*ctx));
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    return ctx;
}

/* Wipes and frees the key and message block. */
static void free_block(EVP_CIPHER_CTX *ctx)
{
    if (ctx->blk.any != NULL) {
        ct_wipe(ctx->blk.any, ctx->blk_size);
        free(ctx->blk.any);
    }
    ctx->blk.any = NULL;
    ctx->blk_size = 0;
}

/*
 * Cache-line aligned, size rounded up to whole lines (as C11's aligned_alloc
 * asks): the portable GCM path ran 4-6% slower on 1 KB records from a block
 * that was only 16-byte aligned, or one sized to 16 bytes.
 */
static void *alloc_block(size_t size)
{
    return aligned_alloc(64, (size + 63) & ~(size_t)63);
}

int EVP_CIPHER_CTX_reset(EVP_CIPHER_CTX *ctx)
{
    if (ctx != NULL) {
        free_block(ctx);
        ct_wipe(ctx, sizeof(*ctx));
    }
    return 1;
}

void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx)
{
    if (ctx == NULL)
        return;
    EVP_CIPHER_CTX_reset(ctx);
    free(ctx);
}

int EVP_CIPHER_CTX_copy(EVP_CIPHER_CTX *out, const EVP_CIPHER_CTX *in)
{
    if (out == NULL || in == NULL || in->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INPUT_NOT_INITIALIZED);
        return 0;
    }
    if (out == in)
        return 1;
    void *blk = NULL;
    if (in->blk.any != NULL) {
        blk = alloc_block(in->blk_size);
        if (blk == NULL) {
            ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        memcpy(blk, in->blk.any, in->blk_size);
    }
    EVP_CIPHER_CTX_reset(out);
    memcpy(out, in, sizeof(*out));
    out->blk.any = blk;
    /* The GCM message state points at its key: re-point it at the copy's. */
    if (out->cipher->kind == AEAD_GCM && out->started)
        out->blk.gcm->msg.st.key = &out->blk.gcm->key;
    return 1;
}

/*
 * Makes sure a block of the size this cipher's key needs exists (the same
 * one is reused on re-keying). Returns 0 with an error on the queue.
 */
static int ensure_block(EVP_CIPHER_CTX *ctx)
{
    size_t size;
    /* The size depends only on the cipher (a new one frees the block). */
    if (ctx->blk.any != NULL)
        return 1;
    if (ctx->cipher->kind == AEAD_GCM)
        size = offsetof(gcm_block, key) + mintls_gcm_key_size((size_t)ctx->cipher->key_len);
    else if (ctx->cipher->kind == CIPHER_CBC)
        size = sizeof(mintls_evp_cbc);
    else
        size = sizeof(chacha_block);
    ctx->started = 0;
    ctx->iv_set = 0;
    ctx->blk.any = alloc_block(size);
    if (ctx->blk.any == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memset(ctx->blk.any, 0, size);
    ctx->blk_size = size;
    return 1;
}

/* Starts a message once both a key and an IV are known; the IV is used up. */
static void maybe_start(EVP_CIPHER_CTX *ctx)
{
    uint8_t iv[GCM_MAX_IV];
    if (!ctx->key_set || !ctx->iv_set)
        return;
    /* The message state overwrites the IV it starts from. */
    if (ctx->cipher->kind == AEAD_GCM) {
        gcm_block *b = ctx->blk.gcm;
        /* The usual 12 bytes as a constant-size copy (no library call per record). */
        if (ctx->iv_len == 12)
            memcpy(iv, b->msg.iv, 12);
        else
            memcpy(iv, b->msg.iv, (size_t)ctx->iv_len);
        mintls_gcm_start(&b->msg.st, &b->key, iv, (size_t)ctx->iv_len);
    } else {
        chacha_block *b = ctx->blk.chacha;
        memcpy(iv, b->msg.iv, CHACHA_IV);
        mintls_chacha_poly_start(&b->msg.st, b->key, iv);
    }
    if (ctx->iv_len == 12)
        ct_wipe(iv, 12);
    else
        ct_wipe(iv, (size_t)ctx->iv_len);
    ctx->iv_set = 0;
    ctx->started = 1;
    ctx->in_data = 0;
    ctx->tag_len = 0;
}

int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                      const unsigned char *key, const unsigned char *iv, int enc)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (impl != NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INITIALIZATION_ERROR);
        return 0;
    }
    if (cipher != NULL && cipher != ctx->cipher) {
        int known = 0;
        for (size_t i = 0; i < sizeof(all_ciphers) / sizeof(all_ciphers[0]); i++)
            known |= all_ciphers[i] == cipher;
        if (!known) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UNSUPPORTED_CIPHER);
            return 0;
        }
        int no_padding = ctx->no_padding;
        EVP_CIPHER_CTX_reset(ctx);
        ctx->no_padding = no_padding;
        ctx->cipher = cipher;
        ctx->iv_len = cipher->iv_len;
    }
    if (ctx->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET);
        return 0;
    }
    if (enc != -1)
        ctx->encrypt = enc ? 1 : 0;
    if (ctx->cipher->kind == CIPHER_CBC) {
        /* Every Init restarts the message (from the IV last given). */
        if (key == NULL && iv == NULL && ctx->blk.any == NULL)
            return 1;
        if (!ensure_block(ctx))
            return 0;
        mintls_evp_cbc_init(ctx->blk.cbc, ctx->cipher->key_len, key, iv, ctx->encrypt);
        ctx->key_set |= key != NULL;
        return 1;
    }
    if ((key != NULL || iv != NULL) && !ensure_block(ctx))
        return 0;
    if (key != NULL) {
        /* A message under the old key cannot go on: it needs a new IV. */
        ctx->started = 0;
        if (ctx->cipher->kind == AEAD_GCM) {
            gcm_block *b = ctx->blk.gcm;
            size_t avail = ctx->blk_size - offsetof(gcm_block, key);
            if (!mintls_gcm_set_key_sized(&b->key, avail, key, (size_t)ctx->cipher->key_len)) {
                ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
                return 0;
            }
        } else {
            memcpy(ctx->blk.chacha->key, key, 32);
        }
        ctx->key_set = 1;
    }
    if (iv != NULL) {
        /* Any message in progress is abandoned: its state holds the IV now. */
        ctx->started = 0;
        if (ctx->cipher->kind == AEAD_GCM && ctx->iv_len == 12)
            memcpy(ctx->blk.gcm->msg.iv, iv, 12);
        else if (ctx->cipher->kind == AEAD_GCM)
            memcpy(ctx->blk.gcm->msg.iv, iv, (size_t)ctx->iv_len);
        else
            memcpy(ctx->blk.chacha->msg.iv, iv, CHACHA_IV);
        ctx->iv_set = 1;
    }
    if (key != NULL || iv != NULL)
        maybe_start(ctx);
    return 1;
}

int EVP_CipherInit(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                   const unsigned char *key, const unsigned char *iv, int enc)
{
    return EVP_CipherInit_ex(ctx, cipher, NULL, key, iv, enc);
}

int EVP_EncryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, impl, key, iv, 1);
}

int EVP_EncryptInit(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                    const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, NULL, key, iv, 1);
}

int EVP_DecryptInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, ENGINE *impl,
                       const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, impl, key, iv, 0);
}

int EVP_DecryptInit(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher,
                    const unsigned char *key, const unsigned char *iv)
{
    return EVP_CipherInit_ex(ctx, cipher, NULL, key, iv, 0);
}

/* ---- data ----------------------------------------------------------- */

static int overlaps_partially(const unsigned char *out, const unsigned char *in, int len)
{
    uintptr_t o = (uintptr_t)out, i = (uintptr_t)in;
    return len > 0 && o != i && (o < i + (uintptr_t)len && i < o + (uintptr_t)len);
}

/* Shared by both directions: out == NULL means in is AAD. CBC goes on to evp_cbc.c. */
static int aead_update(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
                       const unsigned char *in, int inl, int encrypt)
{
    if (outl != NULL)
        *outl = 0;
    if (ctx == NULL || ctx->cipher == NULL) {
        /* OpenSSL's reason for an update on a context never initialised. */
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return 0;
    }
    if (ctx->encrypt != encrypt) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return 0;
    }
    if (outl == NULL || inl < 0 || (in == NULL && inl > 0)) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    if (ctx->cipher->kind == CIPHER_CBC) {
        if (ctx->blk.any == NULL) {
            ERR_raise(ERR_LIB_PROV, 114 /* PROV_R_NO_KEY_SET, as OpenSSL 3.0 */);
            return 0;
        }
        return mintls_evp_cbc_update(ctx->blk.cbc, encrypt, !ctx->no_padding, out, outl, in,
                                     inl);
    }
    if (!ctx->started) {
        ERR_raise(ERR_LIB_EVP, ctx->key_set ? EVP_R_INPUT_NOT_INITIALIZED : EVP_R_NO_KEY_SET);
        return 0;
    }
    if (inl == 0)
        return 1;
    size_t len = (size_t)inl;
    int gcm = ctx->cipher->kind == AEAD_GCM;
    if (out == NULL) {
        if (ctx->in_data) {
            ERR_raise(ERR_LIB_EVP, EVP_R_UPDATE_ERROR);
            return 0;
        }
        if (gcm)
            mintls_gcm_aad(&ctx->blk.gcm->msg.st, in, len);
        else
            mintls_chacha_poly_aad(&ctx->blk.chacha->msg.st, in, len);
        *outl = inl;
        return 1;
    }
    if (overlaps_partially(out, in, inl)) {
        ERR_raise(ERR_LIB_EVP, EVP_R_PARTIALLY_OVERLAPPING);
        return 0;
    }
    ctx->in_data = 1;
    if (gcm) {
        if (encrypt)
            mintls_gcm_encrypt(&ctx->blk.gcm->msg.st, in, out, len);
        else
            mintls_gcm_decrypt(&ctx->blk.gcm->msg.st, in, out, len);
    } else {
        if (encrypt)
            mintls_chacha_poly_encrypt(&ctx->blk.chacha->msg.st, in, out, len);
        else
            mintls_chacha_poly_decrypt(&ctx->blk.chacha->msg.st, in, out, len);
    }
    *outl = inl;
    return 1;
}

int EVP_EncryptUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
                      const unsigned char *in, int inl)
{
    return aead_update(ctx, out, outl, in, inl, 1);
}

int EVP_DecryptUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
                      const unsigned char *in, int inl)
{
    return aead_update(ctx, out, outl, in, inl, 0);
}

int EVP_CipherUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl,
                     const unsigned char *in, int inl)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return aead_update(ctx, out, outl, in, inl, ctx->encrypt);
}

/* Ends the message and leaves its tag in ctx->tag; the state is wiped. */
static void finish_message(EVP_CIPHER_CTX *ctx, uint8_t tag[AEAD_TAG])
{
    if (ctx->cipher->kind == AEAD_GCM)
        mintls_gcm_finish(&ctx->blk.gcm->msg.st, tag);
    else
        mintls_chacha_poly_finish(&ctx->blk.chacha->msg.st, tag);
    ctx->started = 0;
    /* The same IV must not be used again with this key by accident. */
    ctx->iv_set = 0;
}

static int cbc_final(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    if (outl == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (ctx->blk.any == NULL) {
        ERR_raise(ERR_LIB_PROV, 114 /* PROV_R_NO_KEY_SET, as OpenSSL 3.0 */);
        return 0;
    }
    return mintls_evp_cbc_final(ctx->blk.cbc, ctx->encrypt, !ctx->no_padding, out, outl);
}

int EVP_EncryptFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    (void)out;
    if (outl != NULL)
        *outl = 0;
    if (ctx == NULL || ctx->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET);
        return 0;
    }
    if (!ctx->encrypt) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return 0;
    }
    if (ctx->cipher->kind == CIPHER_CBC)
        return cbc_final(ctx, out, outl);
    if (!ctx->started || outl == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_FINAL_ERROR);
        return 0;
    }
    finish_message(ctx, ctx->tag);
    ctx->tag_len = AEAD_TAG;
    return 1;
}

int EVP_EncryptFinal(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    return EVP_EncryptFinal_ex(ctx, out, outl);
}

/* Returns 0, with no plaintext released beyond what Update gave, on a bad tag. */
int EVP_DecryptFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    (void)out;
    if (outl != NULL)
        *outl = 0;
    if (ctx == NULL || ctx->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET);
        return 0;
    }
    if (ctx->encrypt) {
        ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
        return 0;
    }
    if (ctx->cipher->kind == CIPHER_CBC)
        return cbc_final(ctx, out, outl);
    if (!ctx->started || outl == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_FINAL_ERROR);
        return 0;
    }
    uint8_t computed[AEAD_TAG];
    finish_message(ctx, computed);
    int ok = ctx->tag_len > 0 && ct_memeq(computed, ctx->tag, (size_t)ctx->tag_len);
    ct_wipe(computed, sizeof(computed));
    ctx->tag_len = 0;
    return ok;
}

int EVP_DecryptFinal(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    return EVP_DecryptFinal_ex(ctx, out, outl);
}

int EVP_CipherFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return ctx->encrypt ? EVP_EncryptFinal_ex(ctx, out, outl)
                        : EVP_DecryptFinal_ex(ctx, out, outl);
}

int EVP_CipherFinal(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl)
{
    return EVP_CipherFinal_ex(ctx, out, outl);
}

/* ---- parameters ------------------------------------------------------- */

int EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr)
{
    if (ctx == NULL || ctx->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET);
        return 0;
    }
    int gcm = ctx->cipher->kind == AEAD_GCM;
    if (ctx->cipher->kind == CIPHER_CBC && type != EVP_CTRL_INIT) {
        /* CBC has no parameters to set: its IV and key lengths are fixed. */
        ERR_raise(ERR_LIB_EVP, EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED);
        return 0;
    }
    switch (type) {
    case EVP_CTRL_INIT:
        return 1;
    case EVP_CTRL_AEAD_SET_IVLEN:
        if (arg <= 0 || arg > (gcm ? GCM_MAX_IV : CHACHA_IV) || (!gcm && arg != CHACHA_IV)) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_IV_LENGTH);
            return 0;
        }
        ctx->iv_len = arg;
        ctx->iv_set = 0;
        ctx->started = 0;
        return 1;
    case EVP_CTRL_GET_IVLEN:
        if (ptr == NULL)
            return 0;
        *(int *)ptr = ctx->iv_len;
        return 1;
    case EVP_CTRL_AEAD_GET_TAG:
        /*
         * As in OpenSSL: GCM refuses before Final; ChaCha20-Poly1305 answers
         * with whatever tag it holds (none yet: zeros), which is public data.
         */
        if (!ctx->encrypt || arg <= 0 || arg > AEAD_TAG || ptr == NULL ||
            (gcm && ctx->tag_len == 0)) {
            ERR_raise(ERR_LIB_EVP, EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED);
            return 0;
        }
        memcpy(ptr, ctx->tag, (size_t)arg);
        return 1;
    case EVP_CTRL_AEAD_SET_TAG:
        if (arg <= 0 || arg > AEAD_TAG) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_LENGTH);
            return 0;
        }
        if (ptr == NULL) {
            /* Only the length: meaningful before encryption. */
            return 1;
        }
        if (ctx->encrypt) {
            ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_OPERATION);
            return 0;
        }
        memcpy(ctx->tag, ptr, (size_t)arg);
        ctx->tag_len = arg;
        return 1;
    default:
        ERR_raise(ERR_LIB_EVP, EVP_R_CTRL_NOT_IMPLEMENTED);
        return 0;
    }
}

int EVP_CIPHER_CTX_set_key_length(EVP_CIPHER_CTX *ctx, int keylen)
{
    if (ctx == NULL || ctx->cipher == NULL) {
        ERR_raise(ERR_LIB_EVP, EVP_R_NO_CIPHER_SET);
        return 0;
    }
    if (keylen == ctx->cipher->key_len)
        return 1;
    ERR_raise(ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH);
    return 0;
}

/*
 * PKCS#7 padding on (the default) or off, for CBC; the AEADs have none and
 * ignore it. As in OpenSSL the setting outlives Init until a reset, and a
 * context with no cipher yet answers 0 (the setting is still kept).
 */
int EVP_CIPHER_CTX_set_padding(EVP_CIPHER_CTX *ctx, int pad)
{
    if (ctx == NULL)
        return 0;
    ctx->no_padding = pad ? 0 : 1;
    return ctx->cipher != NULL;
}

const EVP_CIPHER *EVP_CIPHER_CTX_get0_cipher(const EVP_CIPHER_CTX *ctx)
{
    return ctx ? ctx->cipher : NULL;
}

const EVP_CIPHER *EVP_CIPHER_CTX_cipher(const EVP_CIPHER_CTX *ctx)
{
    return EVP_CIPHER_CTX_get0_cipher(ctx);
}

int EVP_CIPHER_CTX_is_encrypting(const EVP_CIPHER_CTX *ctx)
{
    return ctx ? ctx->encrypt : 0;
}

int EVP_CIPHER_CTX_get_nid(const EVP_CIPHER_CTX *ctx)
{
    return ctx ? EVP_CIPHER_get_nid(ctx->cipher) : NID_undef;
}

int EVP_CIPHER_CTX_get_block_size(const EVP_CIPHER_CTX *ctx)
{
    return ctx ? EVP_CIPHER_get_block_size(ctx->cipher) : 0;
}

int EVP_CIPHER_CTX_get_key_length(const EVP_CIPHER_CTX *ctx)
{
    return ctx ? EVP_CIPHER_get_key_length(ctx->cipher) : 0;
}

int EVP_CIPHER_CTX_get_iv_length(const EVP_CIPHER_CTX *ctx)
{
    return ctx && ctx->cipher ? ctx->iv_len : 0;
}

int EVP_CIPHER_CTX_get_tag_length(const EVP_CIPHER_CTX *ctx)
{
    return ctx && ctx->cipher && ctx->cipher->kind != CIPHER_CBC ? AEAD_TAG : 0;
}
