/*
 * The TLS 1.3 key schedule (RFC 8446 section 7) over libcrypto's public
 * HKDF (EVP_PKEY_HKDF in extract-only / expand-only mode) and HMAC.
 *
 * Every TLS 1.3 derivation is one HKDF step on at most 64 bytes, so the
 * temporary buffers live on the stack and are wiped before returning. The
 * EVP_PKEY_CTX each HKDF call needs is allocated by libcrypto; derivations
 * happen a handful of times per handshake (and per KeyUpdate), never per
 * record, so that cost stays out of the data path.
 */
#include "tls13_key_schedule.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <string.h>

/* "tls13 " is prepended to every label (RFC 8446 7.1). */
static const char label_prefix[] = "tls13 ";
#define LABEL_PREFIX_LEN (sizeof(label_prefix) - 1)

static int md_len(const EVP_MD *md, size_t *out)
{
    int n = md != NULL ? EVP_MD_get_size(md) : 0;
    if (n <= 0 || n > MINTLS_TLS13_MAX_HASH) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    *out = (size_t)n;
    return 1;
}

/* One EVP_PKEY_HKDF derivation in the given mode. */
static int hkdf(const EVP_MD *md, int mode, const uint8_t *salt, size_t salt_len,
                const uint8_t *key, size_t key_len, const uint8_t *info, size_t info_len,
                uint8_t *out, size_t out_len)
{
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    size_t got = out_len;
    int ok = pctx != NULL && EVP_PKEY_derive_init(pctx) > 0 &&
             EVP_PKEY_CTX_set_hkdf_mode(pctx, mode) > 0 &&
             EVP_PKEY_CTX_set_hkdf_md(pctx, md) > 0 &&
             EVP_PKEY_CTX_set1_hkdf_key(pctx, key, (int)key_len) > 0;
    if (ok && mode != EVP_KDF_HKDF_MODE_EXPAND_ONLY)
        ok = EVP_PKEY_CTX_set1_hkdf_salt(pctx, salt, (int)salt_len) > 0;
    if (ok && mode != EVP_KDF_HKDF_MODE_EXTRACT_ONLY)
        ok = EVP_PKEY_CTX_add1_hkdf_info(pctx, info, (int)info_len) > 0;
    ok = ok && EVP_PKEY_derive(pctx, out, &got) > 0 && got == out_len;
    EVP_PKEY_CTX_free(pctx);
    if (!ok) {
        OPENSSL_cleanse(out, out_len);
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    }
    return ok;
}

int mintls_tls13_hkdf_extract(const EVP_MD *md, const uint8_t *salt, size_t salt_len,
                              const uint8_t *ikm, size_t ikm_len, uint8_t *out_prk)
{
    static const uint8_t zeros[MINTLS_TLS13_MAX_HASH];
    size_t hl;
    if (!md_len(md, &hl))
        return 0;
    if (salt == NULL || salt_len == 0) {
        salt = zeros;
        salt_len = hl;
    }
    if (ikm == NULL || ikm_len == 0) {
        ikm = zeros;
        ikm_len = hl;
    }
    return hkdf(md, EVP_KDF_HKDF_MODE_EXTRACT_ONLY, salt, salt_len, ikm, ikm_len, NULL, 0,
                out_prk, hl);
}

int mintls_tls13_hkdf_expand_label(const EVP_MD *md, const uint8_t *secret,
                                   size_t secret_len, const char *label, size_t label_len,
                                   const uint8_t *context, size_t context_len,
                                   uint8_t *out, size_t out_len)
{
    /*
     * struct {
     *     uint16 length = Length;
     *     opaque label<7..255> = "tls13 " + Label;
     *     opaque context<0..255> = Context;
     * } HkdfLabel;
     */
    uint8_t info[2 + 1 + 255 + 1 + 255];
    if (label_len + LABEL_PREFIX_LEN > 255 || context_len > 255 || out_len > 0xffff ||
        (context_len != 0 && context == NULL)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    size_t n = 0;
    info[n++] = (uint8_t)(out_len >> 8);
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)(LABEL_PREFIX_LEN + label_len);
    memcpy(info + n, label_prefix, LABEL_PREFIX_LEN);
    n += LABEL_PREFIX_LEN;
    memcpy(info + n, label, label_len);
    n += label_len;
    info[n++] = (uint8_t)context_len;
    if (context_len != 0)
        memcpy(info + n, context, context_len);
    n += context_len;
    int ok = hkdf(md, EVP_KDF_HKDF_MODE_EXPAND_ONLY, NULL, 0, secret, secret_len, info, n, out,
                  out_len);
    OPENSSL_cleanse(info, n); /* a transcript hash is not secret, but cheap to wipe */
    return ok;
}

/* The hash of no messages, for Derive-Secret(., "derived", "") and exporters. */
static int empty_hash(const EVP_MD *md, uint8_t *out)
{
    unsigned int n = 0;
    if (!EVP_Digest("", 0, out, &n, md, NULL)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_derive_secret(const EVP_MD *md, const uint8_t *secret, const char *label,
                               const uint8_t *transcript_hash, uint8_t *out)
{
    uint8_t empty[MINTLS_TLS13_MAX_HASH];
    size_t hl;
    if (!md_len(md, &hl))
        return 0;
    if (transcript_hash == NULL) {
        if (!empty_hash(md, empty))
            return 0;
        transcript_hash = empty;
    }
    return mintls_tls13_hkdf_expand_label(md, secret, hl, label, strlen(label), transcript_hash,
                                          hl, out, hl);
}

/* ---- the secret chain ---------------------------------------------------- */

int mintls_tls13_schedule_init(mintls_tls13_schedule *ks, const EVP_MD *md)
{
    memset(ks, 0, sizeof(*ks));
    int nid = md != NULL ? EVP_MD_get_type(md) : 0;
    /* RFC 8446 B.4: every defined suite hashes with SHA-256 or SHA-384. */
    if (nid != NID_sha256 && nid != NID_sha384) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    ks->md = md;
    ks->hash_len = (size_t)EVP_MD_get_size(md);
    ks->stage = MINTLS_TLS13_STAGE_NONE;
    return 1;
}

void mintls_tls13_schedule_clear(mintls_tls13_schedule *ks)
{
    OPENSSL_cleanse(ks, sizeof(*ks));
}

static int in_stage(const mintls_tls13_schedule *ks, mintls_tls13_stage stage)
{
    if (ks->md == NULL || ks->stage != stage) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    return 1;
}

int mintls_tls13_schedule_early(mintls_tls13_schedule *ks, const uint8_t *psk, size_t psk_len)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_NONE))
        return 0;
    if (!mintls_tls13_hkdf_extract(ks->md, NULL, 0, psk, psk_len, ks->secret))
        return 0;
    ks->stage = MINTLS_TLS13_STAGE_EARLY;
    return 1;
}

int mintls_tls13_early_binder_key(const mintls_tls13_schedule *ks, int external_psk,
                                  uint8_t *out_binder_key)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_EARLY))
        return 0;
    return mintls_tls13_derive_secret(ks->md, ks->secret,
                                      external_psk ? "ext binder" : "res binder", NULL,
                                      out_binder_key);
}

int mintls_tls13_early_traffic(const mintls_tls13_schedule *ks, const uint8_t *ch_hash,
                               uint8_t *out_client_early_traffic,
                               uint8_t *out_early_exporter_master)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_EARLY))
        return 0;
    if (out_client_early_traffic != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "c e traffic", ch_hash,
                                    out_client_early_traffic))
        return 0;
    if (out_early_exporter_master != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "e exp master", ch_hash,
                                    out_early_exporter_master))
        return 0;
    return 1;
}

/* secret <- HKDF-Extract(Derive-Secret(secret, "derived", ""), ikm), old one wiped. */
static int advance(mintls_tls13_schedule *ks, const uint8_t *ikm, size_t ikm_len,
                   mintls_tls13_stage next)
{
    uint8_t salt[MINTLS_TLS13_MAX_HASH];
    int ok = mintls_tls13_derive_secret(ks->md, ks->secret, "derived", NULL, salt) &&
             mintls_tls13_hkdf_extract(ks->md, salt, ks->hash_len, ikm, ikm_len, ks->secret);
    OPENSSL_cleanse(salt, sizeof(salt));
    if (!ok) {
        OPENSSL_cleanse(ks->secret, sizeof(ks->secret));
        ks->stage = MINTLS_TLS13_STAGE_NONE;
        return 0;
    }
    ks->stage = next;
    return 1;
}

int mintls_tls13_schedule_handshake(mintls_tls13_schedule *ks, const uint8_t *dhe,
                                    size_t dhe_len)
{
    if (ks->md != NULL && ks->stage == MINTLS_TLS13_STAGE_NONE &&
        !mintls_tls13_schedule_early(ks, NULL, 0))
        return 0;
    if (!in_stage(ks, MINTLS_TLS13_STAGE_EARLY))
        return 0;
    /* psk_ke (no (EC)DHE) extracts from zeros: NULL/0 means that. */
    return advance(ks, dhe, dhe_len, MINTLS_TLS13_STAGE_HANDSHAKE);
}

int mintls_tls13_handshake_traffic(const mintls_tls13_schedule *ks, const uint8_t *ch_sh_hash,
                                   uint8_t *out_client_hs_traffic,
                                   uint8_t *out_server_hs_traffic)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_HANDSHAKE) || ch_sh_hash == NULL)
        return 0;
    if (out_client_hs_traffic != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "c hs traffic", ch_sh_hash,
                                    out_client_hs_traffic))
        return 0;
    if (out_server_hs_traffic != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "s hs traffic", ch_sh_hash,
                                    out_server_hs_traffic))
        return 0;
    return 1;
}

int mintls_tls13_schedule_master(mintls_tls13_schedule *ks)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_HANDSHAKE))
        return 0;
    return advance(ks, NULL, 0, MINTLS_TLS13_STAGE_MASTER);
}

int mintls_tls13_application_traffic(const mintls_tls13_schedule *ks,
                                     const uint8_t *ch_sf_hash,
                                     uint8_t *out_client_ap_traffic,
                                     uint8_t *out_server_ap_traffic,
                                     uint8_t *out_exporter_master)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_MASTER) || ch_sf_hash == NULL)
        return 0;
    if (out_client_ap_traffic != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "c ap traffic", ch_sf_hash,
                                    out_client_ap_traffic))
        return 0;
    if (out_server_ap_traffic != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "s ap traffic", ch_sf_hash,
                                    out_server_ap_traffic))
        return 0;
    if (out_exporter_master != NULL &&
        !mintls_tls13_derive_secret(ks->md, ks->secret, "exp master", ch_sf_hash,
                                    out_exporter_master))
        return 0;
    return 1;
}

int mintls_tls13_resumption_master(const mintls_tls13_schedule *ks, const uint8_t *ch_cf_hash,
                                   uint8_t *out_resumption_master)
{
    if (!in_stage(ks, MINTLS_TLS13_STAGE_MASTER) || ch_cf_hash == NULL)
        return 0;
    return mintls_tls13_derive_secret(ks->md, ks->secret, "res master", ch_cf_hash,
                                      out_resumption_master);
}

/* ---- from a secret --------------------------------------------------------- */

int mintls_tls13_traffic_key_iv(const EVP_MD *md, const uint8_t *traffic_secret,
                                uint8_t *out_key, size_t key_len, uint8_t *out_iv,
                                size_t iv_len)
{
    size_t hl;
    if (!md_len(md, &hl))
        return 0;
    if (!mintls_tls13_hkdf_expand_label(md, traffic_secret, hl, "key", 3, NULL, 0, out_key,
                                        key_len))
        return 0;
    if (!mintls_tls13_hkdf_expand_label(md, traffic_secret, hl, "iv", 2, NULL, 0, out_iv,
                                        iv_len)) {
        OPENSSL_cleanse(out_key, key_len);
        return 0;
    }
    return 1;
}

int mintls_tls13_finished_key(const EVP_MD *md, const uint8_t *base_key, uint8_t *out_key)
{
    size_t hl;
    if (!md_len(md, &hl))
        return 0;
    return mintls_tls13_hkdf_expand_label(md, base_key, hl, "finished", 8, NULL, 0, out_key, hl);
}

int mintls_tls13_finished_verify_data(const EVP_MD *md, const uint8_t *base_key,
                                      const uint8_t *transcript_hash, uint8_t *out_verify)
{
    uint8_t finished_key[MINTLS_TLS13_MAX_HASH];
    size_t hl;
    unsigned int n = 0;
    if (!md_len(md, &hl) || !mintls_tls13_finished_key(md, base_key, finished_key))
        return 0;
    int ok = HMAC(md, finished_key, (int)hl, transcript_hash, hl, out_verify, &n) != NULL &&
             n == hl;
    OPENSSL_cleanse(finished_key, sizeof(finished_key));
    if (!ok)
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
    return ok;
}

int mintls_tls13_next_traffic_secret(const EVP_MD *md, uint8_t *secret)
{
    uint8_t next[MINTLS_TLS13_MAX_HASH];
    size_t hl;
    if (!md_len(md, &hl) ||
        !mintls_tls13_hkdf_expand_label(md, secret, hl, "traffic upd", 11, NULL, 0, next, hl))
        return 0;
    memcpy(secret, next, hl);
    OPENSSL_cleanse(next, sizeof(next));
    return 1;
}

int mintls_tls13_resumption_psk(const EVP_MD *md, const uint8_t *resumption_master,
                                const uint8_t *nonce, size_t nonce_len, uint8_t *out_psk)
{
    size_t hl;
    if (!md_len(md, &hl))
        return 0;
    return mintls_tls13_hkdf_expand_label(md, resumption_master, hl, "resumption", 10, nonce,
                                          nonce_len, out_psk, hl);
}

int mintls_tls13_export(const EVP_MD *md, const uint8_t *exporter_master, const char *label,
                        size_t label_len, const uint8_t *context, size_t context_len,
                        uint8_t *out, size_t out_len)
{
    /*
     * TLS-Exporter(label, context_value, key_length) =
     *     HKDF-Expand-Label(Derive-Secret(Secret, label, ""),
     *                       "exporter", Hash(context_value), key_length)
     */
    uint8_t empty[MINTLS_TLS13_MAX_HASH], ctx_hash[MINTLS_TLS13_MAX_HASH];
    uint8_t derived[MINTLS_TLS13_MAX_HASH];
    unsigned int n = 0;
    size_t hl;
    if (!md_len(md, &hl) || !empty_hash(md, empty))
        return 0;
    if (!EVP_Digest(context_len != 0 ? (const void *)context : "", context_len, ctx_hash, &n,
                    md, NULL)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_INTERNAL_ERROR);
        return 0;
    }
    int ok = mintls_tls13_hkdf_expand_label(md, exporter_master, hl, label, label_len, empty,
                                            hl, derived, hl) &&
             mintls_tls13_hkdf_expand_label(md, derived, hl, "exporter", 8, ctx_hash, hl, out,
                                            out_len);
    OPENSSL_cleanse(derived, sizeof(derived));
    return ok;
}

int mintls_tls13_install_traffic_secret(mintls_record_dir *dir, const EVP_MD *md,
                                        const EVP_CIPHER *aead,
                                        const uint8_t *traffic_secret, int encrypt)
{
    uint8_t key[EVP_MAX_KEY_LENGTH], iv[MINTLS_RECORD_MAX_IV];
    int key_len = aead != NULL ? EVP_CIPHER_get_key_length(aead) : 0;
    /* RFC 8446 5.3: iv_length is max(8 bytes, N_MIN) = 12 for every suite. */
    size_t iv_len = MINTLS_TLS13_IV_LEN;
    if (key_len <= 0 || (size_t)key_len > sizeof(key)) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    int ok = mintls_tls13_traffic_key_iv(md, traffic_secret, key, (size_t)key_len, iv, iv_len) &&
             mintls_record_dir_set_tls13_aead(dir, aead, key, (size_t)key_len, iv, iv_len,
                                              encrypt);
    OPENSSL_cleanse(key, sizeof(key));
    OPENSSL_cleanse(iv, sizeof(iv));
    return ok;
}
