/*
 * The ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8): block 0 of the
 * keystream keys Poly1305, the data uses blocks 1.., and the MAC covers
 *   aad | pad16 | ciphertext | pad16 | le64(aad_len) | le64(ct_len).
 * Bulk data is handled in chunks small enough to stay in L1 between the
 * cipher pass and the MAC pass; a chunk's partial last block leaves its
 * keystream in the state for the next call.
 */
#include "internal/chacha_poly.h"
#include "internal/chacha_poly_impl.h"
#include "internal/ct.h"

#include <string.h>

/* Bytes encrypted before they are MACed (a multiple of 64). */
#define AEAD_CHUNK 2048

typedef struct __attribute__((may_alias)) aead_state {
    uint32_t chacha[16]; /* word 12 is the next block's counter */
    mintls_poly1305_impl poly;
    uint8_t ks[64];      /* keystream of a partly used block */
    uint64_t aad_len, data_len;
    uint32_t ks_pos;     /* next unused byte of ks; 64 = none left */
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
    uint8_t block0[64];

    s->path = mintls_chacha_poly_path();
    mintls_chacha20_setup(s->chacha, key, 0, nonce);
    mintls_chacha20_block(s->chacha, block0);
    mintls_poly1305_impl_init(&s->poly, block0, s->path);
    ct_wipe(block0, sizeof(block0));
    s->chacha[12] = 1;
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
    s->data_len += len;

    if (s->ks_pos < 64 && len > 0) {
        size_t n = 64 - s->ks_pos;
        if (n > len)
            n = len;
        if (!encrypt)
            mintls_poly1305_impl_update(&s->poly, in, n);
        for (size_t i = 0; i < n; i++)
            out[i] = in[i] ^ s->ks[s->ks_pos + i];
        if (encrypt)
            mintls_poly1305_impl_update(&s->poly, out, n);
        s->ks_pos += (uint32_t)n;
        in += n;
        out += n;
        len -= n;
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
        mintls_chacha20_block(s->chacha, s->ks);
        s->chacha[12]++;
        if (!encrypt)
            mintls_poly1305_impl_update(&s->poly, in, len);
        for (size_t i = 0; i < len; i++)
            out[i] = in[i] ^ s->ks[i];
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
