/*
 * AES-CBC (SP 800-38A section 6.2) behind EVP_aes_{128,192,256}_cbc, with
 * PKCS#7 padding, buffering as OpenSSL 3.0 does it:
 *  - Update processes whole blocks and keeps a partial one; when decrypting
 *    with padding it also keeps back the last whole block, which Final
 *    decrypts and unpads.
 *  - Final with padding off succeeds only on a block boundary.
 *  - Errors carry OpenSSL 3.0's provider reasons (ERR_LIB_PROV), which is
 *    what its CBC ciphers raise; "bad decrypt" has the same number (100) in
 *    both the EVP and the provider lists.
 *  - After Final the context goes on with the chain where it stopped; any
 *    Init restarts from the IV last given.
 * The block functions are the AES ones chosen per key from the CPU
 * (internal/aes_cbc.h, internal/gcm.h); with AES-NI, whole runs of blocks
 * go to aes_cbc_ni.c instead. Portable decryption gets whole runs too
 * (mintls_aes_cbc_decrypt), which the bitsliced cipher takes eight at a time.
 */
#include "internal/evp_cbc.h"

#include <openssl/err.h>

#include <string.h>

#include "internal/ct.h"
#include "internal/gcm_impl.h"

/* OpenSSL 3.0's provider reason codes (PROV_R_*), as its CBC ciphers use them. */
#define CBC_R_BAD_DECRYPT 100
#define CBC_R_WRONG_FINAL_BLOCK_LENGTH 107
#define CBC_R_NO_KEY_SET 114

static void expand(mintls_evp_cbc *c, int enc)
{
    size_t len = (size_t)c->key_len;
    /* key_len comes from the static cipher table (16, 24 or 32): cannot fail. */
    if (enc)
        mintls_aes_set_encrypt_key(&c->ks.enc, c->key, len);
    else
        mintls_aes_set_decrypt_key(&c->ks.dec, c->key, len);
    c->ks_enc = enc;
}

void mintls_evp_cbc_init(mintls_evp_cbc *c, int key_len, const uint8_t *key,
                         const uint8_t *iv, int enc)
{
    c->key_len = key_len;
    if (key != NULL) {
        memcpy(c->key, key, (size_t)key_len);
        c->key_set = 1;
        expand(c, enc);
    } else if (c->key_set && c->ks_enc != enc) {
        expand(c, enc);
    }
    if (iv != NULL)
        memcpy(c->oiv, iv, 16);
    memcpy(c->iv, c->oiv, 16);
    ct_wipe(c->buf, sizeof(c->buf));
    c->buf_len = 0;
}

/* Whole blocks, len a multiple of 16; out == in or out before in is fine. */
static void do_blocks(mintls_evp_cbc *c, int enc, const uint8_t *in, uint8_t *out, size_t len)
{
    if (len == 0)
        return;
    if (enc && c->ks.enc.impl == GCM_IMPL_AESNI) {
        const aes_key_layout *l = (const aes_key_layout *)(const void *)c->ks.enc.opaque;
        mintls_aesni_cbc_encrypt((const uint8_t(*)[16])l->rk, c->ks.enc.rounds, c->iv, in, out,
                                 len);
    } else if (enc) {
        mintls_aes_cbc_encrypt(&c->ks.enc, c->iv, in, out, len);
        memcpy(c->iv, out + len - 16, 16);
    } else if (c->ks.dec.impl == MINTLS_AES_DEC_NI) {
        mintls_aesni_cbc_decrypt((const uint8_t(*)[16])c->ks.dec.rk, c->ks.dec.rounds, c->iv,
                                 in, out, len);
    } else {
        uint8_t next[16];
        memcpy(next, in + len - 16, 16); /* in may be overwritten */
        mintls_aes_cbc_decrypt(&c->ks.dec, c->iv, in, out, len);
        memcpy(c->iv, next, 16);
    }
}

int mintls_evp_cbc_update(mintls_evp_cbc *c, int enc, int pad, uint8_t *out, int *outl,
                          const uint8_t *in, int inl)
{
    *outl = 0;
    if (!c->key_set) {
        ERR_raise(ERR_LIB_PROV, CBC_R_NO_KEY_SET);
        return 0;
    }
    if (inl == 0)
        return 1;
    if (out == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    size_t have = (size_t)c->buf_len, left = (size_t)inl;
    size_t total = have + left;
    size_t hold = total % 16;
    if (!enc && pad && hold == 0)
        hold = 16; /* Final needs the last block to check the padding */
    if (total <= hold) {
        memcpy(c->buf + have, in, left);
        c->buf_len = (int)total;
        return 1;
    }
    size_t done = 0;
    if (have > 0) {
        size_t fill = 16 - have;
        memcpy(c->buf + have, in, fill);
        in += fill;
        left -= fill;
        do_blocks(c, enc, c->buf, out, 16);
        done = 16;
    }
    size_t bulk = left - hold;
    do_blocks(c, enc, in, out + done, bulk);
    done += bulk;
    memmove(c->buf, in + bulk, hold);
    c->buf_len = (int)hold;
    *outl = (int)done;
    return 1;
}

/* Decrypt Final with padding: c->buf holds the last block. */
static int unpad_final(mintls_evp_cbc *c, uint8_t *out, int *outl)
{
    uint8_t blk[16];
    /* A copy, so that a failed Final leaves the context as it was. */
    uint8_t iv[16];
    memcpy(iv, c->iv, 16);
    mintls_aes_cbc_decrypt(&c->ks.dec, iv, c->buf, blk, 16);
    /* Valid: 1 <= p <= 16 and the last p bytes all equal p; no branch on them. */
    uint32_t p = blk[15];
    uint32_t bad = ct_mask_zero_u32(p) | ~ct_mask_lt_u32(p, 17);
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t in_pad = ct_mask_lt_u32(15 - i, p);
        bad |= in_pad & ct_mask_nonzero_u32((uint32_t)blk[i] ^ p);
    }
    int ok = mintls_ct_declassify(~bad & 1);
    if (ok) {
        /* Success makes the length public: the caller is told it. */
        size_t n = 16 - (size_t)(p & 0x1f);
        memcpy(out, blk, n);
        *outl = (int)n;
        memcpy(c->iv, c->buf, 16);
        ct_wipe(c->buf, sizeof(c->buf));
        c->buf_len = 0;
    } else {
        ERR_raise(ERR_LIB_PROV, CBC_R_BAD_DECRYPT);
    }
    ct_wipe(blk, sizeof(blk));
    ct_wipe(&p, sizeof(p));
    return ok;
}

int mintls_evp_cbc_final(mintls_evp_cbc *c, int enc, int pad, uint8_t *out, int *outl)
{
    *outl = 0;
    if (!c->key_set) {
        ERR_raise(ERR_LIB_PROV, CBC_R_NO_KEY_SET);
        return 0;
    }
    if (!pad) {
        if (c->buf_len != 0) {
            ERR_raise(ERR_LIB_PROV, CBC_R_WRONG_FINAL_BLOCK_LENGTH);
            return 0;
        }
        return 1;
    }
    if (out == NULL) {
        ERR_raise(ERR_LIB_EVP, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (enc) {
        /* PKCS#7: n bytes of value n, 1 <= n <= 16 (a whole block if aligned). */
        uint8_t n = (uint8_t)(16 - c->buf_len);
        memset(c->buf + c->buf_len, n, n);
        do_blocks(c, 1, c->buf, out, 16);
        ct_wipe(c->buf, sizeof(c->buf));
        c->buf_len = 0;
        *outl = 16;
        return 1;
    }
    if (c->buf_len != 16) {
        ERR_raise(ERR_LIB_PROV, CBC_R_WRONG_FINAL_BLOCK_LENGTH);
        return 0;
    }
    return unpad_final(c, out, outl);
}
