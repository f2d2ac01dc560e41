/*
 * The ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8): block 0 of the
 * keystream keys Poly1305, the data uses blocks 1.., and the MAC covers
 *   aad | pad16 | ciphertext | pad16 | le64(aad_len) | le64(ct_len).
 * Bulk data goes through the stitched loops (Poly1305 interleaved with the
 * ChaCha20 rounds, see chacha20_avx2.c / chacha20.c) a few KB at a time, so
 * the MAC reads data still in L1; short runs are enciphered, then MACed, in
 * one pass each. The AVX-512 path does not stitch: its IFMA Poly1305 is
 * cheap next to ChaCha20, so bulk data goes a chunk at a time through the
 * 16-block ChaCha20 and then the 16-lane Poly1305 (both vector code).
 * Keystream made but not used (a partial last block) stays in the state for
 * the next call, so calls may split the data anywhere.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#include <string.h>

/* Unstitched runs: bytes enciphered before they are MACed (a multiple of 64). */
#define AEAD_CHUNK 2048
/* Groups (512 or 256 bytes) per stitched call. */
#define AEAD_STITCH_GROUPS 16
#define AEAD_STITCH_MIN_GROUPS 2

typedef struct __attribute__((may_alias)) aead_state {
    uint32_t chacha[16]; /* word 12 is the next block's counter */
    mintls_poly1305_impl poly;
    uint8_t ks[128];     /* keystream made but not yet used: ks[ks_pos..ks_len) */
    uint64_t aad_len, data_len;
    uint32_t ks_pos, ks_len;
    uint32_t in_data;    /* 1 once the AAD has been padded */
    int path;
} aead_state;

_Static_assert(sizeof(aead_state) <= sizeof(mintls_chacha_poly_state),
               "mintls_chacha_poly_state too small");

static const uint8_t zeros16[16];

void mintls_chacha_poly_start(mintls_chacha_poly_state *s_, const uint8_t key[32],
                              const uint8_t nonce[12])
{
    aead_state *s = (aead_state *)s_;

    /*
     * On the vector path blocks 0 and 1 come from one short-latency call:
     * block 0 keys Poly1305, block 1 is kept for the first data bytes. The
     * scalar path makes block 0 only.
     */
    s->path = mintls_chacha_poly_path();
    mintls_chacha20_setup(s->chacha, key, 0, nonce);
    if (s->path != MINTLS_CP_PATH_PORTABLE) {
        mintls_chacha20_keystream2(s->path, s->chacha, s->ks);
        s->chacha[12] = 2;
        s->ks_len = 128;
    } else {
        mintls_chacha20_block(s->chacha, s->ks);
        s->chacha[12] = 1;
        s->ks_len = 64;
    }
    mintls_poly1305_impl_init(&s->poly, s->ks, s->path);
    ct_wipe(s->ks, 64);
    s->ks_pos = 64;
    s->aad_len = 0;
    s->data_len = 0;
    s->in_data = 0;
}

void mintls_chacha_poly_aad(mintls_chacha_poly_state *s_, const uint8_t *aad, size_t len)
{
    aead_state *s = (aead_state *)s_;
    mintls_poly1305_impl_update(&s->poly, aad, len);
    s->aad_len += len;
}

static void enter_data(aead_state *s)
{
    if (s->in_data)
        return;
    mintls_poly1305_impl_update(&s->poly, zeros16, (16 - (s->aad_len & 15)) & 15);
    s->in_data = 1;
}

/* Keystream into out, and the ciphertext (out when encrypting, in when
 * decrypting) into Poly1305. */
static void aead_crypt(aead_state *s, const uint8_t *in, uint8_t *out, size_t len,
                       int encrypt)
{
    enter_data(s);
    /*
     * A long first call drops block 1's unused keystream and starts there
     * again, so that the bulk code works on whole 512-byte groups.
     */
    if (s->data_len == 0 && s->ks_pos == 64 && s->ks_len == 128 && len >= 512) {
        s->chacha[12] = 1;
        s->ks_pos = s->ks_len;
    }
    s->data_len += len;

    if (s->ks_pos < s->ks_len && len > 0) {
        size_t n = s->ks_len - s->ks_pos;
        if (n > len)
            n = len;
        if (!encrypt)
            mintls_poly1305_impl_update(&s->poly, in, n);
        mintls_xor_bytes(out, in, s->ks + s->ks_pos, n);
        if (encrypt)
            mintls_poly1305_impl_update(&s->poly, out, n);
        s->ks_pos += (uint32_t)n;
        in += n;
        out += n;
        len -= n;
    }

    /*
     * Whole groups with Poly1305 stitched into the ChaCha20 rounds, when the
     * MAC is at a block boundary (it is unless earlier calls left a partial
     * 16-byte block).
     */
    while (s->path != MINTLS_CP_PATH_AVX512 /* unstitched: see the top */ &&
           s->poly.buflen == 0 && len >= 256) {
        size_t group = s->path == MINTLS_CP_PATH_AVX2 ? 512 : 256;
        size_t ngroups = len / group;
        /* Bounded so that a huge call MACs data still in L1. */
        if (ngroups > AEAD_STITCH_GROUPS)
            ngroups = AEAD_STITCH_GROUPS;
        /* Short runs do better with one cipher pass and one vector MAC pass. */
        if (ngroups >= AEAD_STITCH_MIN_GROUPS) {
#if defined(__x86_64__)
            if (s->path == MINTLS_CP_PATH_AVX2)
                mintls_chacha20_poly1305_stitched_avx2(s->chacha, &s->poly, in, out,
                                                       ngroups, encrypt);
            else
#endif
                mintls_chacha20_poly1305_stitched_portable(s->chacha, &s->poly, in, out,
                                                           ngroups, encrypt);
            in += ngroups * group;
            out += ngroups * group;
            len -= ngroups * group;
        } else {
            break;
        }
    }

    while (len >= 64) {
        size_t n = len >= AEAD_CHUNK ? AEAD_CHUNK : (len & ~(size_t)63);
        if (!encrypt)
            mintls_poly1305_impl_update(&s->poly, in, n);
        mintls_chacha20_blocks(s->path, s->chacha, in, out, n / 64);
        if (encrypt)
            mintls_poly1305_impl_update(&s->poly, out, n);
        in += n;
        out += n;
        len -= n;
    }

    if (len > 0) {
        s->ks_len = (uint32_t)mintls_chacha20_keystream_tail(s->path, s->chacha, s->ks);
        if (!encrypt)
            mintls_poly1305_impl_update(&s->poly, in, len);
        mintls_xor_bytes(out, in, s->ks, len);
        if (encrypt)
            mintls_poly1305_impl_update(&s->poly, out, len);
        s->ks_pos = (uint32_t)len;
    }
}

void mintls_chacha_poly_encrypt(mintls_chacha_poly_state *s, const uint8_t *in,
                                uint8_t *out, size_t len)
{
    aead_crypt((aead_state *)s, in, out, len, 1);
}

void mintls_chacha_poly_decrypt(mintls_chacha_poly_state *s, const uint8_t *in,
                                uint8_t *out, size_t len)
{
    aead_crypt((aead_state *)s, in, out, len, 0);
}

void mintls_chacha_poly_finish(mintls_chacha_poly_state *s_, uint8_t tag[16])
{
    aead_state *s = (aead_state *)s_;
    uint8_t lens[16];

    enter_data(s);
    mintls_poly1305_impl_update(&s->poly, zeros16, (16 - (s->data_len & 15)) & 15);
    for (int i = 0; i < 8; i++) {
        lens[i] = (uint8_t)(s->aad_len >> (8 * i));
        lens[8 + i] = (uint8_t)(s->data_len >> (8 * i));
    }
    mintls_poly1305_impl_update(&s->poly, lens, sizeof(lens));
    mintls_poly1305_impl_final(&s->poly, tag);
    ct_wipe(s_, sizeof(*s_));
}

void mintls_chacha_poly_seal(const uint8_t key[32], const uint8_t nonce[12],
                             const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out,
                             uint8_t tag[16])
{
    mintls_chacha_poly_state s;
    mintls_chacha_poly_start(&s, key, nonce);
    mintls_chacha_poly_aad(&s, aad, aad_len);
    mintls_chacha_poly_encrypt(&s, in, out, len);
    mintls_chacha_poly_finish(&s, tag);
}

int mintls_chacha_poly_open(const uint8_t key[32], const uint8_t nonce[12],
                            const uint8_t *aad, size_t aad_len,
                            const uint8_t *in, size_t len, uint8_t *out,
                            const uint8_t tag[16])
{
    mintls_chacha_poly_state s;
    uint8_t computed[16];

    mintls_chacha_poly_start(&s, key, nonce);
    mintls_chacha_poly_aad(&s, aad, aad_len);
    mintls_chacha_poly_decrypt(&s, in, out, len);
    mintls_chacha_poly_finish(&s, computed);
    int ok = ct_memeq(computed, tag, sizeof(computed));
    ct_wipe(computed, sizeof(computed));
    /* Whether the tag matched is public; the plaintext is not released. */
    if (!ok)
        ct_wipe(out, len);
    return ok;
}
