/*
 * HMAC (RFC 2104) over any mintls_hash. The keyed inner and outer states are
 * computed once at init, so callers that MAC many messages under one key
 * (TLS 1.2 PRF, HKDF-Expand, HMAC_CTX reuse) copy a prepared context instead
 * of rehashing the padded key.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/digest.h"

void mintls_hmac_init(mintls_hmac_ctx *c, const mintls_hash *h, const uint8_t *key, size_t key_len)
{
    uint8_t k0[MINTLS_MAX_BLOCK];
    size_t bl = h->block_len;

    memset(k0, 0, sizeof(k0));
    c->h = h;
    /* RFC 2104 section 2: keys longer than the block are hashed first */
    if (key_len > bl) {
        h->init(&c->inner);
        h->update(&c->inner, key, key_len);
        h->final(&c->inner, k0);
    } else if (key_len > 0) {
        memcpy(k0, key, key_len);
    }
    for (size_t i = 0; i < bl; i++)
        k0[i] ^= 0x36;
    h->init(&c->inner);
    h->update(&c->inner, k0, bl);
    for (size_t i = 0; i < bl; i++)
        k0[i] ^= 0x36 ^ 0x5c;
    h->init(&c->outer);
    h->update(&c->outer, k0, bl);
    ct_wipe(k0, sizeof(k0));
}

void mintls_hmac_update(mintls_hmac_ctx *c, const uint8_t *data, size_t len)
{
    c->h->update(&c->inner, data, len);
}

void mintls_hmac_final(mintls_hmac_ctx *c, uint8_t *out)
{
    uint8_t ih[MINTLS_MAX_DIGEST];
    const mintls_hash *h = c->h;

    h->final(&c->inner, ih);
    h->update(&c->outer, ih, h->digest_len);
    h->final(&c->outer, out);
    ct_wipe(ih, sizeof(ih));
    ct_wipe(c, sizeof(*c));
}

void mintls_hmac(const mintls_hash *h, const uint8_t *key, size_t key_len,
                 const uint8_t *data, size_t len, uint8_t *out)
{
    mintls_hmac_ctx c;
    mintls_hmac_init(&c, h, key, key_len);
    mintls_hmac_update(&c, data, len);
    mintls_hmac_final(&c, out);
}

void mintls_hash_oneshot(const mintls_hash *h, const void *data, size_t len, uint8_t *out)
{
    mintls_hash_ctx c;
    h->init(&c);
    h->update(&c, data, len);
    h->final(&c, out);
}

static const mintls_hash *const all_hashes[] = {
    &mintls_hash_md5,    &mintls_hash_sha1,   &mintls_hash_sha224,
    &mintls_hash_sha256, &mintls_hash_sha384, &mintls_hash_sha512,
};

const mintls_hash *mintls_hash_by_nid(int nid)
{
    for (size_t i = 0; i < sizeof(all_hashes) / sizeof(all_hashes[0]); i++)
        if (all_hashes[i]->nid == nid)
            return all_hashes[i];
    return NULL;
}

static int lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static int name_eq(const char *a, const char *b)
{
    while (*a != '\0' && lower((unsigned char)*a) == lower((unsigned char)*b)) {
        a++;
        b++;
    }
    return *a == '\0' && *b == '\0';
}

/* The names OpenSSL 3.0 answers to for these digests (case-insensitive). */
static const struct {
    const char *name;
    const mintls_hash *h;
} hash_names[] = {
    {"MD5", &mintls_hash_md5},          {"ssl3-md5", &mintls_hash_md5},
    {"1.2.840.113549.2.5", &mintls_hash_md5},
    {"SHA1", &mintls_hash_sha1},        {"SHA-1", &mintls_hash_sha1},
    {"ssl3-sha1", &mintls_hash_sha1},   {"1.3.14.3.2.26", &mintls_hash_sha1},
    {"SHA224", &mintls_hash_sha224},    {"SHA2-224", &mintls_hash_sha224},
    {"SHA-224", &mintls_hash_sha224},   {"2.16.840.1.101.3.4.2.4", &mintls_hash_sha224},
    {"SHA256", &mintls_hash_sha256},    {"SHA2-256", &mintls_hash_sha256},
    {"SHA-256", &mintls_hash_sha256},   {"2.16.840.1.101.3.4.2.1", &mintls_hash_sha256},
    {"SHA384", &mintls_hash_sha384},    {"SHA2-384", &mintls_hash_sha384},
    {"SHA-384", &mintls_hash_sha384},   {"2.16.840.1.101.3.4.2.2", &mintls_hash_sha384},
    {"SHA512", &mintls_hash_sha512},    {"SHA2-512", &mintls_hash_sha512},
    {"SHA-512", &mintls_hash_sha512},   {"2.16.840.1.101.3.4.2.3", &mintls_hash_sha512},
};

const mintls_hash *mintls_hash_by_name(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(hash_names) / sizeof(hash_names[0]); i++)
        if (name_eq(name, hash_names[i].name))
            return hash_names[i].h;
    return NULL;
}
