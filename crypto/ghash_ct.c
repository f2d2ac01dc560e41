/*
 * Portable constant-time GHASH (SP 800-38D, section 6.4); the arithmetic is in
 * internal/ghash_ct_inl.h.
 */
#include "internal/ct.h"
#include "internal/gcm_impl.h"
#include "internal/ghash_ct_inl.h"

void mintls_ghash_ct_init(uint64_t h[2], const uint8_t hbytes[16])
{
    h[0] = load_be64(hbytes);
    h[1] = load_be64(hbytes + 8);
}

void mintls_ghash_ct_powers(uint64_t hpow[8][2], const uint64_t h[2])
{
    y5 hs[3] = {split5(h[1]), split5(h[0]), split5(h[0] ^ h[1])};
    uint64_t p1 = h[0], p0 = h[1];
    for (int i = 0; i < 8; i++) {
        if (i > 0)
            gf128_mul(&p1, &p0, hs);
        hpow[i][0] = p1;
        hpow[i][1] = p0;
    }
    ct_wipe(hs, sizeof(hs));
}

void mintls_ghash_ct_blocks(const uint64_t h[2], uint8_t xi[16], const uint8_t *data, size_t nblocks)
{
    uint64_t x1 = load_be64(xi), x0 = load_be64(xi + 8);
    y5 hs[3] = {split5(h[1]), split5(h[0]), split5(h[0] ^ h[1])};
    for (size_t i = 0; i < nblocks; i++) {
        x1 ^= load_be64(data);
        x0 ^= load_be64(data + 8);
        gf128_mul(&x1, &x0, hs);
        data += 16;
    }
    store_be64(xi, x1);
    store_be64(xi + 8, x0);
    ct_wipe(hs, sizeof(hs));
}
