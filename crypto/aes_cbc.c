/*
 * AES decryption keys (strategy chosen once per key from the CPU features)
 * and CBC mode, SP 800-38A section 6.2. Used to decrypt PKCS#8 keys.
 */
#include "internal/aes_cbc.h"

#include <string.h>

#include "internal/cpu.h"
#include "internal/ct.h"
#include "internal/gcm_impl.h"

static int set_key(mintls_aes_dec_key *k, const uint8_t *key, size_t key_len, int impl)
{
    uint8_t rk[AES_MAX_ROUNDS + 1][16];
    memset(k, 0, sizeof(*k));
    int rounds = mintls_aes_ct64_expand_key(rk, key, key_len);
    if (rounds == 0)
        return 0;
    k->rounds = rounds;
    k->impl = impl;
    if (impl == MINTLS_AES_DEC_NI)
        mintls_aesni_decrypt_schedule(k->rk, (const uint8_t(*)[16])rk, rounds);
    else
        mintls_aes_ct64_bitslice_keys(k->sk, (const uint8_t(*)[16])rk, rounds);
    ct_wipe(rk, sizeof(rk));
    return 1;
}

int mintls_aes_set_decrypt_key(mintls_aes_dec_key *k, const uint8_t *key, size_t key_len)
{
    int impl = mintls_cpu_has(MINTLS_CPU_AESNI) ? MINTLS_AES_DEC_NI : MINTLS_AES_DEC_CT;
    return set_key(k, key, key_len, impl);
}

int mintls_aes_set_decrypt_key_impl(mintls_aes_dec_key *k, const uint8_t *key, size_t key_len,
                                    const char *impl_name)
{
    if (strcmp(impl_name, "ct") == 0)
        return set_key(k, key, key_len, MINTLS_AES_DEC_CT);
    if (strcmp(impl_name, "aesni") == 0 && mintls_cpu_has(MINTLS_CPU_AESNI))
        return set_key(k, key, key_len, MINTLS_AES_DEC_NI);
    return 0;
}

void mintls_aes_decrypt_block(const mintls_aes_dec_key *k, const uint8_t in[16], uint8_t out[16])
{
    if (k->impl == MINTLS_AES_DEC_NI)
        mintls_aesni_decrypt_block((const uint8_t(*)[16])k->rk, k->rounds, in, out);
    else
        mintls_aes_ct_decrypt_blocks(k->sk, k->rounds, in, out, 1);
}

void mintls_aes_dec_key_wipe(mintls_aes_dec_key *k)
{
    ct_wipe(k, sizeof(*k));
}

/*
 * Each plaintext block needs only its own ciphertext block and the one
 * before it, so the bitsliced strategy gets up to eight blocks per call (it
 * decrypts eight at once whatever it is given); AES-NI goes block by block
 * here (evp_cbc.c sends bulk data to aes_cbc_ni.c instead).
 */
void mintls_aes_cbc_decrypt(const mintls_aes_dec_key *k, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    enum { RUN = 8 };
    /* chain: the block before the run; ct: the run's ciphertext, kept
     * because in may be out; pt: the run's raw decryption. */
    uint8_t chain[16], ct[16 * RUN], pt[16 * RUN];
    memcpy(chain, iv, 16);
    size_t nblocks = len / 16;
    while (nblocks > 0) {
        size_t n = k->impl == MINTLS_AES_DEC_NI ? 1 : (nblocks < RUN ? nblocks : RUN);
        memcpy(ct, in, 16 * n);
        if (n == 1)
            mintls_aes_decrypt_block(k, ct, pt);
        else
            mintls_aes_ct_decrypt_blocks(k->sk, k->rounds, ct, pt, n);
        for (size_t i = 0; i < 16; i++)
            out[i] = pt[i] ^ chain[i];
        for (size_t i = 16; i < 16 * n; i++)
            out[i] = pt[i] ^ ct[i - 16];
        memcpy(chain, ct + 16 * (n - 1), 16);
        in += 16 * n;
        out += 16 * n;
        nblocks -= n;
    }
    ct_wipe(pt, sizeof(pt));
}

void mintls_aes_cbc_encrypt(const mintls_aes_key *k, const uint8_t iv[16],
                            const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t chain[16];
    memcpy(chain, iv, 16);
    for (size_t off = 0; off + 16 <= len; off += 16) {
        for (int i = 0; i < 16; i++)
            chain[i] ^= in[off + (size_t)i];
        mintls_aes_encrypt_block(k, chain, chain);
        memcpy(out + off, chain, 16);
    }
    ct_wipe(chain, sizeof(chain));
}
