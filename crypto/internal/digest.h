/*
 * Hash compression functions and the internal digest / MAC / KDF interface
 * that the EVP layer, HMAC, HKDF and the TLS layers share. The block
 * functions dispatch once on mintls_cpu_caps() (SHA-NI where present).
 */
#ifndef MINTLS_INTERNAL_DIGEST_H
#define MINTLS_INTERNAL_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define MINTLS_MAX_DIGEST 64
#define MINTLS_MAX_BLOCK 128

/* Process nblocks full blocks (64 bytes; 128 for SHA-512). */
void mintls_md5_blocks(uint32_t h[4], const uint8_t *p, size_t nblocks);
void mintls_sha1_blocks(uint32_t h[5], const uint8_t *p, size_t nblocks);
void mintls_sha256_blocks(uint32_t h[8], const uint8_t *p, size_t nblocks);
void mintls_sha512_blocks(uint64_t h[8], const uint8_t *p, size_t nblocks);

/* A digest algorithm as a small vtable over a fixed-size context. */
typedef struct mintls_hash_ctx {
    _Alignas(16) uint8_t opaque[224];
} mintls_hash_ctx;

typedef struct mintls_hash {
    int nid;            /* OpenSSL NID */
    const char *name;   /* "SHA256" */
    size_t digest_len;
    size_t block_len;
    void (*init)(mintls_hash_ctx *c);
    void (*update)(mintls_hash_ctx *c, const void *data, size_t len);
    void (*final)(mintls_hash_ctx *c, uint8_t *out); /* wipes c */
} mintls_hash;

extern const mintls_hash mintls_hash_md5, mintls_hash_sha1, mintls_hash_sha224,
    mintls_hash_sha256, mintls_hash_sha384, mintls_hash_sha512;

/* HMAC (RFC 2104) over any mintls_hash. */
typedef struct mintls_hmac_ctx {
    const mintls_hash *h;
    mintls_hash_ctx inner, outer;
} mintls_hmac_ctx;
void mintls_hmac_init(mintls_hmac_ctx *c, const mintls_hash *h, const uint8_t *key, size_t key_len);
void mintls_hmac_update(mintls_hmac_ctx *c, const uint8_t *data, size_t len);
void mintls_hmac_final(mintls_hmac_ctx *c, uint8_t *out); /* wipes c */
void mintls_hmac(const mintls_hash *h, const uint8_t *key, size_t key_len,
                 const uint8_t *data, size_t len, uint8_t *out);

/* HKDF (RFC 5869). expand fails (returns 0) if out_len > 255 * digest_len. */
void mintls_hkdf_extract(const mintls_hash *h, const uint8_t *salt, size_t salt_len,
                         const uint8_t *ikm, size_t ikm_len, uint8_t *out_prk);
int mintls_hkdf_expand(const mintls_hash *h, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len);

/* TLS 1.2 PRF (RFC 5246 section 5): P_hash(secret, label || seed). */
int mintls_tls12_prf(const mintls_hash *h, const uint8_t *secret, size_t secret_len,
                     const char *label, const uint8_t *seed, size_t seed_len,
                     uint8_t *out, size_t out_len);

/*
 * Added by the digest area: the individual strategies behind the dispatching
 * block functions above (tests and benchmarks call each path directly), and
 * lookup helpers shared by the EVP layer.
 */
extern const uint32_t mintls_sha256_k[64];
void mintls_sha256_blocks_portable(uint32_t h[8], const uint8_t *p, size_t nblocks);
void mintls_sha256_blocks_shani(uint32_t h[8], const uint8_t *p, size_t nblocks); /* x86 only */
void mintls_sha1_blocks_portable(uint32_t h[5], const uint8_t *p, size_t nblocks);
void mintls_sha1_blocks_shani(uint32_t h[5], const uint8_t *p, size_t nblocks); /* x86 only */
extern const uint64_t mintls_sha512_k[80];
void mintls_sha512_blocks_portable(uint64_t h[8], const uint8_t *p, size_t nblocks);
void mintls_sha512_blocks_avx2(uint64_t h[8], const uint8_t *p, size_t nblocks); /* x86, AVX2+BMI2 */

/* The mintls_hash for an OpenSSL NID or name ("SHA256", "sha-256", "SHA2-256"), or NULL. */
const mintls_hash *mintls_hash_by_nid(int nid);
const mintls_hash *mintls_hash_by_name(const char *name);

/* One-shot digest: out receives h->digest_len bytes. */
void mintls_hash_oneshot(const mintls_hash *h, const void *data, size_t len, uint8_t *out);

#endif
