/*
 * The AES inverse cipher (FIPS-197 section 5.3) in portable constant time.
 * InvSubBytes computes the inverse affine map and then the GF(2^8) inverse as
 * x^254 with a branch-free multiply, so no table is indexed by a secret. It
 * is slow (hundreds of field multiplications per block), which is fine for
 * its one user: decrypting a private key file once.
 */
#include "internal/aes_cbc.h"

#include "internal/ct.h"

/* x * 2 in GF(2^8) mod x^8 + x^4 + x^3 + x + 1, without a branch. */
static inline uint32_t xtime(uint32_t a)
{
    return ((a << 1) ^ (0x1bu & (0u - ((a >> 7) & 1u)))) & 0xffu;
}

/* a * b for a secret a (and any b): a fixed eight steps, masks not branches. */
static uint32_t gf_mul(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    for (int i = 0; i < 8; i++) {
        r ^= a & (0u - ((b >> i) & 1u));
        a = xtime(a);
    }
    return r;
}

/* x^254 = x^-1 (and 0 -> 0), by a fixed addition chain. */
static uint32_t gf_inv(uint32_t x)
{
    uint32_t z = gf_mul(x, x); /* x^2 */
    for (int i = 0; i < 6; i++) {
        z = gf_mul(z, x);      /* x^3, x^7, x^15, ..., x^127 */
        z = gf_mul(z, z);      /* x^6, x^14, ..., x^254 */
    }
    return ct_barrier_u32(z);
}

static inline uint32_t rotl8(uint32_t b, int n)
{
    return ((b << n) | (b >> (8 - n))) & 0xffu;
}

/* InvSubBytes of one byte: undo the affine map (b' = rotl1 ^ rotl3 ^ rotl6 ^ 0x05), then invert. */
static uint8_t inv_sbox(uint8_t y)
{
    uint32_t b = y;
    b = rotl8(b, 1) ^ rotl8(b, 3) ^ rotl8(b, 6) ^ 0x05u;
    return (uint8_t)gf_inv(b);
}

/* The state as FIPS-197 lays it out: s[r + 4c] is row r, column c. */
static void inv_shift_rows_sub_bytes(uint8_t s[16])
{
    uint8_t t[16];
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++)
            t[r + 4 * ((c + r) & 3)] = inv_sbox(s[r + 4 * c]);
    for (int i = 0; i < 16; i++)
        s[i] = t[i];
    ct_wipe(t, sizeof(t));
}

static void inv_mix_columns(uint8_t s[16])
{
    for (int c = 0; c < 4; c++) {
        uint32_t m9[4], m11[4], m13[4], m14[4];
        for (int r = 0; r < 4; r++) {
            uint32_t x = s[4 * c + r];
            uint32_t x2 = xtime(x), x4 = xtime(x2), x8 = xtime(x4);
            m9[r] = x8 ^ x;
            m11[r] = x8 ^ x2 ^ x;
            m13[r] = x8 ^ x4 ^ x;
            m14[r] = x8 ^ x4 ^ x2;
        }
        for (int r = 0; r < 4; r++)
            s[4 * c + r] = (uint8_t)(m14[r] ^ m11[(r + 1) & 3] ^ m13[(r + 2) & 3] ^ m9[(r + 3) & 3]);
    }
}

static void add_round_key(uint8_t s[16], const uint8_t rk[16])
{
    for (int i = 0; i < 16; i++)
        s[i] ^= rk[i];
}

void mintls_aes_ct_decrypt_block(const uint8_t (*rk)[16], int rounds, const uint8_t in[16],
                                 uint8_t out[16])
{
    uint8_t s[16];
    for (int i = 0; i < 16; i++)
        s[i] = in[i];
    add_round_key(s, rk[rounds]);
    for (int r = rounds - 1; r >= 1; r--) {
        inv_shift_rows_sub_bytes(s);
        add_round_key(s, rk[r]);
        inv_mix_columns(s);
    }
    inv_shift_rows_sub_bytes(s);
    add_round_key(s, rk[0]);
    for (int i = 0; i < 16; i++)
        out[i] = s[i];
    ct_wipe(s, sizeof(s));
}
