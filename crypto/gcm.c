/*
 * AES-GCM (NIST SP 800-38D): the mode around the block cipher and GHASH,
 * and the choice of implementation when a key is set.
 *
 * Whole blocks go straight to the chosen strategy's CTR+GHASH loop; a block
 * split across calls is finished byte by byte from a saved keystream block.
 */
#include <stddef.h>
#include <string.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/gcm_impl.h"

static gcm_key_layout *key_layout(mintls_gcm_key *k)
{
    return (gcm_key_layout *)(void *)k->opaque;
}

static const gcm_key_layout *ckey_layout(const mintls_gcm_key *k)
{
    return (const gcm_key_layout *)(const void *)k->opaque;
}

static gcm_state_layout *state_layout(mintls_gcm_state *s)
{
    return (gcm_state_layout *)(void *)s->opaque;
}

static int rounds_of(const mintls_gcm_key *k)
{
    return k->key_bytes == 16 ? 10 : 14;
}

/* What each accelerated strategy needs (the wider ones fall back to the narrower for tails). */
#define GCM_NEEDS_NI (MINTLS_CPU_AESNI | MINTLS_CPU_PCLMUL | MINTLS_CPU_SSSE3)
#define GCM_NEEDS_VAES (GCM_NEEDS_NI | MINTLS_CPU_VAES | MINTLS_CPU_VPCLMULQDQ | MINTLS_CPU_AVX2)
#define GCM_NEEDS_VAES512 (GCM_NEEDS_VAES | MINTLS_CPU_AVX512)

static int pick_impl(void)
{
    uint32_t caps = mintls_cpu_caps();
    uint32_t wide = GCM_NEEDS_VAES;
    uint32_t ni = GCM_NEEDS_NI;
    if ((caps & GCM_NEEDS_VAES512) == GCM_NEEDS_VAES512)
        return GCM_IMPL_VAES512;
    if ((caps & wide) == wide)
        return GCM_IMPL_VAES;
    if ((caps & ni) == ni)
        return GCM_IMPL_AESNI;
    return GCM_IMPL_CT64;
}

/* The part of a CLMUL strategy's key the AES-NI code reads. */
static const gcm_key_ni *ni_part(const mintls_gcm_key *k)
{
    const gcm_key_layout *l = ckey_layout(k);
    switch (k->impl) {
    case GCM_IMPL_VAES512:
        return &l->vaes512.ni;
    case GCM_IMPL_VAES:
        return &l->vaes.ni;
    default:
        return &l->ni;
    }
}

static void block_encrypt(const mintls_gcm_key *k, const uint8_t in[16], uint8_t out[16])
{
    const gcm_key_layout *l = ckey_layout(k);
    if (k->impl == GCM_IMPL_CT64)
        mintls_aes_ct64_encrypt_block(l->ct.sk, rounds_of(k), in, out);
    else
        mintls_aesni_encrypt_block(ni_part(k)->rk, rounds_of(k), in, out);
}

static void ghash(const mintls_gcm_key *k, uint8_t xi[16], const uint8_t *data, size_t nblocks)
{
    const gcm_key_layout *l = ckey_layout(k);
    if (k->impl == GCM_IMPL_CT64)
        mintls_ghash_ct_blocks(l->ct.hpow[0], xi, data, nblocks);
    else
        mintls_ghash_clmul_blocks(ni_part(k), xi, data, nblocks);
}

/* CTR over nblocks whole blocks and GHASH of the ciphertext. */
static void bulk(const mintls_gcm_key *k, uint8_t ctr[16], uint8_t xi[16],
                 const uint8_t *in, uint8_t *out, size_t nblocks, int enc)
{
    const gcm_key_layout *l = ckey_layout(k);
    switch (k->impl) {
    case GCM_IMPL_VAES512:
        mintls_vaes512_gcm_blocks(&l->vaes512, rounds_of(k), ctr, xi, in, out, nblocks, enc);
        break;
    case GCM_IMPL_VAES:
        mintls_vaes_gcm_blocks(&l->vaes, rounds_of(k), ctr, xi, in, out, nblocks, enc);
        break;
    case GCM_IMPL_AESNI:
        mintls_aesni_gcm_blocks(&l->ni, rounds_of(k), ctr, xi, in, out, nblocks, enc);
        break;
    default:
        mintls_aes_ct64_gcm_blocks(&l->ct, rounds_of(k), ctr, xi, in, out, nblocks, enc);
        break;
    }
}

/* Bytes of mintls_gcm_key (header included) that impl uses for this many rounds. */
static size_t key_size(int impl, int rounds)
{
    size_t layout;
    switch (impl) {
    case GCM_IMPL_CT64:
        layout = offsetof(gcm_key_ct64, sk) + sizeof(uint64_t) * 8 * (size_t)(rounds + 1);
        break;
    case GCM_IMPL_AESNI:
        layout = offsetof(gcm_key_ni, rk) + 16 * (size_t)(rounds + 1);
        break;
    case GCM_IMPL_VAES:
        layout = offsetof(gcm_key_vaes, ni.rk) + 16 * (size_t)(rounds + 1);
        break;
    default:
        layout = offsetof(gcm_key_vaes512, ni.rk) + 16 * (size_t)(rounds + 1);
        break;
    }
    return offsetof(mintls_gcm_key, opaque) + layout;
}

static int set_key_impl(mintls_gcm_key *k, size_t avail, const uint8_t *key, size_t key_len,
                        int impl)
{
    uint8_t rk[AES_MAX_ROUNDS + 1][16];
    static const uint8_t zero[16];
    uint8_t h[16];

    if (key_len != 16 && key_len != 32)
        return 0;
    int rounds = key_len == 16 ? 10 : 14;
    size_t size = key_size(impl, rounds);
    if (size > avail)
        return 0;
    memset(k, 0, size);
    rounds = mintls_aes_ct64_expand_key(rk, key, key_len);
    gcm_key_layout *l = key_layout(k);
    k->impl = impl;
    k->key_bytes = (int)key_len;
    k->size = (uint32_t)size;
    if (impl == GCM_IMPL_CT64) {
        uint64_t hw[2];
        mintls_aes_ct64_bitslice_keys(l->ct.sk, (const uint8_t(*)[16])rk, rounds);
        mintls_aes_ct64_encrypt_block(l->ct.sk, rounds, zero, h);
        mintls_ghash_ct_init(hw, h);
        mintls_ghash_ct_powers(l->ct.hpow, hw);
        ct_wipe(hw, sizeof(hw));
    } else {
        gcm_key_ni *ni = impl == GCM_IMPL_VAES512 ? &l->vaes512.ni
                         : impl == GCM_IMPL_VAES  ? &l->vaes.ni
                                                  : &l->ni;
        int npow = impl == GCM_IMPL_VAES512 ? 32 : impl == GCM_IMPL_VAES ? 16 : 8;
        memcpy(ni->rk, rk, 16 * (size_t)(rounds + 1));
        mintls_aesni_encrypt_block(ni->rk, rounds, zero, h);
        mintls_ghash_clmul_init(ni, npow, h);
    }
    ct_wipe(rk, sizeof(rk));
    ct_wipe(h, sizeof(h));
    return 1;
}

int mintls_gcm_set_key(mintls_gcm_key *k, const uint8_t *key, size_t key_len)
{
    return set_key_impl(k, sizeof(*k), key, key_len, pick_impl());
}

size_t mintls_gcm_key_size(size_t key_len)
{
    if (key_len != 16 && key_len != 32)
        return 0;
    return key_size(pick_impl(), key_len == 16 ? 10 : 14);
}

int mintls_gcm_set_key_sized(mintls_gcm_key *k, size_t avail, const uint8_t *key,
                             size_t key_len)
{
    return set_key_impl(k, avail, key, key_len, pick_impl());
}

int mintls_gcm_set_key_impl(mintls_gcm_key *k, const uint8_t *key, size_t key_len,
                            const char *impl_name)
{
    uint32_t caps = mintls_cpu_caps();
    uint32_t ni = GCM_NEEDS_NI;
    uint32_t wide = GCM_NEEDS_VAES;
    int impl;
    if (strcmp(impl_name, "ct64") == 0)
        impl = GCM_IMPL_CT64;
    else if (strcmp(impl_name, "aesni-clmul") == 0 && (caps & ni) == ni)
        impl = GCM_IMPL_AESNI;
    else if (strcmp(impl_name, "vaes-vpclmul") == 0 && (caps & wide) == wide)
        impl = GCM_IMPL_VAES;
    else if (strcmp(impl_name, "vaes512-vpclmul") == 0 &&
             (caps & GCM_NEEDS_VAES512) == GCM_NEEDS_VAES512)
        impl = GCM_IMPL_VAES512;
    else
        return 0;
    return set_key_impl(k, sizeof(*k), key, key_len, impl);
}

void mintls_gcm_key_wipe(mintls_gcm_key *k)
{
    ct_wipe(k, sizeof(*k));
}

const char *mintls_gcm_impl_name(const mintls_gcm_key *k)
{
    switch (k->impl) {
    case GCM_IMPL_VAES512:
        return "vaes512-vpclmul";
    case GCM_IMPL_VAES:
        return "vaes-vpclmul";
    case GCM_IMPL_AESNI:
        return "aesni-clmul";
    case GCM_IMPL_CT64:
        return "ct64";
    default:
        return "none";
    }
}

static void store_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

static void inc32(uint8_t ctr[16])
{
    uint32_t c = (uint32_t)ctr[12] << 24 | (uint32_t)ctr[13] << 16 |
                 (uint32_t)ctr[14] << 8 | ctr[15];
    c++;
    ctr[12] = (uint8_t)(c >> 24);
    ctr[13] = (uint8_t)(c >> 16);
    ctr[14] = (uint8_t)(c >> 8);
    ctr[15] = (uint8_t)c;
}

void mintls_gcm_start(mintls_gcm_state *s, const mintls_gcm_key *k,
                      const uint8_t *iv, size_t iv_len)
{
    gcm_state_layout *st = state_layout(s);
    /* Only the used prefix of the opaque area: this is per record. */
    memset(st, 0, sizeof(*st));
    s->key = k;
    if (iv_len == 12) {
        memcpy(st->ctr, iv, 12);
        st->ctr[15] = 1;
    } else {
        /* J0 = GHASH(IV || 0^s || 0^64 || [len(IV)]_64) */
        uint8_t last[16] = {0};
        size_t full = iv_len / 16, rem = iv_len % 16;
        ghash(k, st->ctr, iv, full);
        if (rem > 0) {
            memcpy(last, iv + 16 * full, rem);
            ghash(k, st->ctr, last, 1);
            memset(last, 0, sizeof(last));
        }
        store_be64(last + 8, (uint64_t)iv_len * 8);
        ghash(k, st->ctr, last, 1);
    }
    block_encrypt(k, st->ctr, st->ekj0);
    inc32(st->ctr);
}

/*
 * Hashes the pending partial block (AAD or data), zero-padded: buf is zero
 * past buf_len (it is cleared whenever it is emptied), which spares a
 * variable-length memset on every record.
 */
static void flush_partial(const mintls_gcm_key *k, gcm_state_layout *st)
{
    if (st->buf_len > 0) {
        ghash(k, st->xi, st->buf, 1);
        memset(st->buf, 0, sizeof(st->buf));
        st->buf_len = 0;
    }
}

void mintls_gcm_aad(mintls_gcm_state *s, const uint8_t *aad, size_t len)
{
    gcm_state_layout *st = state_layout(s);
    const mintls_gcm_key *k = s->key;
    if (st->in_data || len == 0)
        return;
    st->aad_len += len;
    if (st->buf_len > 0) {
        size_t n = 16 - st->buf_len;
        if (n > len)
            n = len;
        memcpy(st->buf + st->buf_len, aad, n);
        st->buf_len += (uint32_t)n;
        aad += n;
        len -= n;
        if (st->buf_len < 16)
            return;
        ghash(k, st->xi, st->buf, 1);
        memset(st->buf, 0, sizeof(st->buf));
        st->buf_len = 0;
    }
    ghash(k, st->xi, aad, len / 16);
    aad += len & ~(size_t)15;
    len &= 15;
    memcpy(st->buf, aad, len);
    st->buf_len = (uint32_t)len;
}

static void gcm_crypt(mintls_gcm_state *s, const uint8_t *in, uint8_t *out, size_t len, int enc)
{
    gcm_state_layout *st = state_layout(s);
    const mintls_gcm_key *k = s->key;
    if (!st->in_data) {
        flush_partial(k, st);
        st->in_data = 1;
    }
    st->data_len += len;
    if (st->buf_len > 0) {
        while (len > 0 && st->buf_len < 16) {
            uint8_t c = *in++;
            uint8_t o = (uint8_t)(c ^ st->ks[st->buf_len]);
            st->buf[st->buf_len++] = enc ? o : c;
            *out++ = o;
            len--;
        }
        if (st->buf_len < 16)
            return;
        ghash(k, st->xi, st->buf, 1);
        memset(st->buf, 0, sizeof(st->buf));
        st->buf_len = 0;
    }
    size_t nblocks = len / 16;
    if (nblocks > 0) {
        bulk(k, st->ctr, st->xi, in, out, nblocks, enc);
        in += 16 * nblocks;
        out += 16 * nblocks;
        len -= 16 * nblocks;
    }
    if (len > 0) {
        block_encrypt(k, st->ctr, st->ks);
        inc32(st->ctr);
        for (size_t i = 0; i < len; i++) {
            uint8_t c = in[i];
            uint8_t o = (uint8_t)(c ^ st->ks[i]);
            st->buf[i] = enc ? o : c;
            out[i] = o;
        }
        st->buf_len = (uint32_t)len;
    }
}

void mintls_gcm_encrypt(mintls_gcm_state *s, const uint8_t *in, uint8_t *out, size_t len)
{
    gcm_crypt(s, in, out, len, 1);
}

void mintls_gcm_decrypt(mintls_gcm_state *s, const uint8_t *in, uint8_t *out, size_t len)
{
    gcm_crypt(s, in, out, len, 0);
}

void mintls_gcm_finish(mintls_gcm_state *s, uint8_t tag[MINTLS_GCM_TAG_LEN])
{
    gcm_state_layout *st = state_layout(s);
    const mintls_gcm_key *k = s->key;
    uint8_t lens[16];
    flush_partial(k, st);
    store_be64(lens, st->aad_len * 8);
    store_be64(lens + 8, st->data_len * 8);
    ghash(k, st->xi, lens, 1);
    for (int i = 0; i < 16; i++)
        tag[i] = (uint8_t)(st->xi[i] ^ st->ekj0[i]);
    /* Everything secret lives in the layout (the rest of opaque is never written). */
    ct_wipe(st, sizeof(*st));
    s->key = NULL;
}

void mintls_gcm_seal(const mintls_gcm_key *k, const uint8_t nonce[12],
                     const uint8_t *aad, size_t aad_len,
                     const uint8_t *in, size_t len, uint8_t *out,
                     uint8_t tag[MINTLS_GCM_TAG_LEN])
{
    mintls_gcm_state s;
    mintls_gcm_start(&s, k, nonce, 12);
    mintls_gcm_aad(&s, aad, aad_len);
    mintls_gcm_encrypt(&s, in, out, len);
    mintls_gcm_finish(&s, tag);
}

int mintls_gcm_open(const mintls_gcm_key *k, const uint8_t nonce[12],
                    const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, size_t len, uint8_t *out,
                    const uint8_t *tag, size_t tag_len)
{
    mintls_gcm_state s;
    uint8_t want[MINTLS_GCM_TAG_LEN];
    /* Tags shorter than 32 bits are never acceptable (SP 800-38D 5.2.1.2). */
    int len_ok = tag_len >= 4 && tag_len <= MINTLS_GCM_TAG_LEN;
    mintls_gcm_start(&s, k, nonce, 12);
    mintls_gcm_aad(&s, aad, aad_len);
    mintls_gcm_decrypt(&s, in, out, len);
    mintls_gcm_finish(&s, want);
    int ok = len_ok && ct_memeq(want, tag, len_ok ? tag_len : 0);
    uint8_t m = (uint8_t)ct_mask_nonzero_u32((uint32_t)ok);
    for (size_t i = 0; i < len; i++)
        out[i] &= m;
    ct_wipe(want, sizeof(want));
    return ok;
}

/* ---- raw AES ------------------------------------------------------------ */

int mintls_aes_set_encrypt_key(mintls_aes_key *k, const uint8_t *key, size_t key_len)
{
    uint8_t rk[AES_MAX_ROUNDS + 1][16];
    aes_key_layout *l = (aes_key_layout *)(void *)k->opaque;
    memset(k, 0, sizeof(*k));
    int rounds = mintls_aes_ct64_expand_key(rk, key, key_len);
    if (rounds == 0)
        return 0;
    k->rounds = rounds;
    if (mintls_cpu_has(MINTLS_CPU_AESNI | MINTLS_CPU_SSSE3 | MINTLS_CPU_PCLMUL)) {
        k->impl = GCM_IMPL_AESNI;
        memcpy(l->rk, rk, 16 * (size_t)(rounds + 1));
    } else {
        k->impl = GCM_IMPL_CT64;
        mintls_aes_ct64_bitslice_keys(l->sk, (const uint8_t(*)[16])rk, rounds);
    }
    ct_wipe(rk, sizeof(rk));
    return 1;
}

void mintls_aes_encrypt_block(const mintls_aes_key *k, const uint8_t in[16], uint8_t out[16])
{
    const aes_key_layout *l = (const aes_key_layout *)(const void *)k->opaque;
    if (k->impl == GCM_IMPL_AESNI)
        mintls_aesni_encrypt_block((const uint8_t(*)[16])l->rk, k->rounds, in, out);
    else
        mintls_aes_ct64_encrypt_block(l->sk, k->rounds, in, out);
}

void mintls_aes_key_wipe(mintls_aes_key *k)
{
    ct_wipe(k, sizeof(*k));
}
