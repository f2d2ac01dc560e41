/*
 * Ed25519 (RFC 8032 section 5.1) on the twisted Edwards curve
 * -x^2 + y^2 = 1 + d x^2 y^2 over GF(2^255 - 19).
 *
 * Points use the extended coordinates of Hisil-Wong-Carter-Dawson:
 *   p2:   (X : Y : Z)              x = X/Z, y = Y/Z
 *   p3:   (X : Y : Z : T)          plus T = XY/Z
 *   p1p1: (E, F, G, H) "completed", the state between an addition or a
 *         doubling and the next: p3 = (EF, GH, FG, EH), p2 drops EH.
 *   cached: (Y + X, Y - X, Z, 2 d T), a p3 prepared for repeated addition.
 * Keeping the completed form lets a doubling that follows a doubling skip
 * the T multiplication.
 *
 * Signing and key derivation are constant time in the secret scalar (fixed
 * base comb with full-row masked lookups, masked scalar arithmetic);
 * verification only handles public data and uses variable-time wNAF.
 */
#include <string.h>

#include "internal/ct.h"
#include "internal/digest.h"
#include "internal/ed25519.h"

typedef struct { fe25519 X, Y, Z; } ge_p2;
typedef struct { fe25519 X, Y, Z, T; } ge_p3;
typedef struct { fe25519 E, F, G, H; } ge_p1p1;
typedef struct { fe25519 YplusX, YminusX, Z, T2d; } ge_cached;

/* 2d and sqrt(-1) in radix 2^51 (d = -121665/121666). */
static const fe25519 fe_d = {{0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029,
                              0x739c663a03cbb, 0x52036cee2b6ff}};
static const fe25519 fe_d2 = {{0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052,
                               0x6738cc7407977, 0x2406d9dc56dff}};
static const fe25519 fe_sqrtm1 = {{0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60,
                                   0x78595a6804c9e, 0x2b8324804fc1d}};

/* ---- group operations -------------------------------------------------- */

static void p1p1_to_p2(ge_p2 *r, const ge_p1p1 *p)
{
    fe_mul(&r->X, &p->E, &p->F);
    fe_mul(&r->Y, &p->G, &p->H);
    fe_mul(&r->Z, &p->F, &p->G);
}

static void p1p1_to_p3(ge_p3 *r, const ge_p1p1 *p)
{
    fe_mul(&r->X, &p->E, &p->F);
    fe_mul(&r->Y, &p->G, &p->H);
    fe_mul(&r->Z, &p->F, &p->G);
    fe_mul(&r->T, &p->E, &p->H);
}

static void p3_to_cached(ge_cached *r, const ge_p3 *p)
{
    fe_add(&r->YplusX, &p->Y, &p->X);
    fe_sub(&r->YminusX, &p->Y, &p->X);
    r->Z = p->Z;
    fe_mul(&r->T2d, &p->T, &fe_d2);
}

static void p3_0(ge_p3 *r)
{
    fe_0(&r->X);
    fe_1(&r->Y);
    fe_1(&r->Z);
    fe_0(&r->T);
}

/* "dbl-2008-hwcd" with a = -1. */
static void ge_dbl(ge_p1p1 *r, const ge_p2 *p)
{
    fe25519 a, b, c, t;
    fe_sq(&a, &p->X);
    fe_sq(&b, &p->Y);
    fe_sq(&c, &p->Z);
    fe_add(&c, &c, &c);
    fe_add(&t, &p->X, &p->Y);
    fe_sq(&t, &t);
    fe_add(&r->H, &a, &b);       /* A + B (negated below) */
    fe_sub(&r->E, &t, &r->H);    /* E = (X+Y)^2 - A - B */
    fe_sub(&r->G, &b, &a);       /* G = B - A */
    fe_sub(&r->F, &r->G, &c);    /* F = G - C */
    fe_neg(&r->H, &r->H);        /* H = -A - B */
}

static void ge_dbl_p3(ge_p1p1 *r, const ge_p3 *p)
{
    ge_p2 q = {p->X, p->Y, p->Z};
    ge_dbl(r, &q);
}

/* "add-2008-hwcd-3": p + q, q cached. */
static void ge_add(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q)
{
    fe25519 a, b, c, dd, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->YminusX);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->YplusX);
    fe_mul(&c, &p->T, &q->T2d);
    fe_mul(&dd, &p->Z, &q->Z);
    fe_add(&dd, &dd, &dd);
    fe_sub(&r->E, &b, &a);
    fe_sub(&r->F, &dd, &c);
    fe_add(&r->G, &dd, &c);
    fe_add(&r->H, &b, &a);
}

/* p - q, q cached: -q swaps Y+X with Y-X and negates T. */
static void ge_sub(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q)
{
    fe25519 a, b, c, dd, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->YplusX);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->YminusX);
    fe_mul(&c, &p->T, &q->T2d);
    fe_mul(&dd, &p->Z, &q->Z);
    fe_add(&dd, &dd, &dd);
    fe_sub(&r->E, &b, &a);
    fe_add(&r->F, &dd, &c);
    fe_sub(&r->G, &dd, &c);
    fe_add(&r->H, &b, &a);
}

/* p + q, q affine (Z = 1): saves a multiplication. */
static void ge_madd(ge_p1p1 *r, const ge_p3 *p, const ge25519_niels *q)
{
    fe25519 a, b, c, dd, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->yminusx);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->yplusx);
    fe_mul(&c, &p->T, &q->xy2d);
    fe_add(&dd, &p->Z, &p->Z);
    fe_sub(&r->E, &b, &a);
    fe_sub(&r->F, &dd, &c);
    fe_add(&r->G, &dd, &c);
    fe_add(&r->H, &b, &a);
}

static void ge_msub(ge_p1p1 *r, const ge_p3 *p, const ge25519_niels *q)
{
    fe25519 a, b, c, dd, t;
    fe_sub(&t, &p->Y, &p->X);
    fe_mul(&a, &t, &q->yplusx);
    fe_add(&t, &p->Y, &p->X);
    fe_mul(&b, &t, &q->yminusx);
    fe_mul(&c, &p->T, &q->xy2d);
    fe_add(&dd, &p->Z, &p->Z);
    fe_sub(&r->E, &b, &a);
    fe_add(&r->F, &dd, &c);
    fe_sub(&r->G, &dd, &c);
    fe_add(&r->H, &b, &a);
}

/* RFC 8032 section 5.1.2: y with the sign of x in bit 255. */
static void ge_encode(uint8_t out[32], const fe25519 *X, const fe25519 *Y, const fe25519 *Z)
{
    fe25519 zi, x, y;
    fe_invert(&zi, Z);
    fe_mul(&x, X, &zi);
    fe_mul(&y, Y, &zi);
    fe_tobytes(out, &y);
    out[31] |= (uint8_t)(fe_isnegative(&x) << 7);
}

/*
 * RFC 8032 section 5.1.3, strict: fails on y >= p, on points off the curve
 * and on x = 0 with the sign bit set. Public input, so it may branch.
 */
static int ge_decode(ge_p3 *r, const uint8_t s[32])
{
    fe25519 u, v, v3, vxx, check, one;
    uint8_t canon[32];
    int sign = s[31] >> 7;

    fe_frombytes(&r->Y, s);
    fe_tobytes(canon, &r->Y);
    canon[31] |= (uint8_t)(sign << 7);
    if (memcmp(canon, s, 32) != 0)
        return 0;
    fe_1(&r->Z);
    fe_1(&one);
    fe_sq(&u, &r->Y);
    fe_mul(&v, &u, &fe_d);
    fe_sub(&u, &u, &one);        /* u = y^2 - 1 */
    fe_add(&v, &v, &one);        /* v = d y^2 + 1 */
    fe_carry(&v);

    /* x = u v^3 (u v^7)^((p-5)/8) */
    fe_sq(&v3, &v);
    fe_mul(&v3, &v3, &v);
    fe_sq(&r->X, &v3);
    fe_mul(&r->X, &r->X, &v);
    fe_mul(&r->X, &r->X, &u);
    fe_pow22523(&r->X, &r->X);
    fe_mul(&r->X, &r->X, &v3);
    fe_mul(&r->X, &r->X, &u);

    fe_sq(&vxx, &r->X);
    fe_mul(&vxx, &vxx, &v);
    fe_sub(&check, &vxx, &u);
    if (!fe_iszero(&check)) {
        fe_add(&check, &vxx, &u);
        fe_carry(&check);
        if (!fe_iszero(&check))
            return 0;
        fe_mul(&r->X, &r->X, &fe_sqrtm1);
    }
    if (fe_iszero(&r->X) && sign)
        return 0;
    if (fe_isnegative(&r->X) != sign)
        fe_neg(&r->X, &r->X);
    fe_mul(&r->T, &r->X, &r->Y);
    return 1;
}

/* ---- fixed-base multiplication ----------------------------------------- */

/* out = table[|digit| - 1] negated if digit < 0, or the identity for 0. */
static void select_niels(ge25519_niels *out, const ge25519_niels row[8], int8_t digit)
{
    uint32_t neg = (uint32_t)0 - ((uint32_t)(uint8_t)digit >> 7);
    uint32_t abs = ((uint32_t)(int32_t)digit ^ neg) - neg;
    fe_1(&out->yplusx);
    fe_1(&out->yminusx);
    fe_0(&out->xy2d);
    for (uint32_t j = 0; j < 8; j++) {
        uint64_t m = (uint64_t)(int64_t)(int32_t)ct_mask_eq_u32(abs & 0xff, j + 1);
        fe_cmov(&out->yplusx, &row[j].yplusx, m);
        fe_cmov(&out->yminusx, &row[j].yminusx, m);
        fe_cmov(&out->xy2d, &row[j].xy2d, m);
    }
    /* Negation: swap y+x and y-x, negate 2dxy. */
    uint64_t nm = (uint64_t)(int64_t)(int32_t)neg;
    fe25519 negxy;
    fe_neg(&negxy, &out->xy2d);
    fe_cswap(&out->yplusx, &out->yminusx, nm);
    fe_cmov(&out->xy2d, &negxy, nm);
}

void mintls_ed25519_scalarmult_base(fe25519 *out_x, fe25519 *out_y, fe25519 *out_z,
                                    const uint8_t scalar[32])
{
    int8_t e[64];
    int8_t carry = 0;
    ge_p1p1 r;
    ge_p2 s;
    ge_p3 h;
    ge25519_niels t;

    /* Signed radix 16: e[i] in [-8, 8), the last in [0, 8]. */
    for (int i = 0; i < 32; i++) {
        e[2 * i] = (int8_t)(scalar[i] & 15);
        e[2 * i + 1] = (int8_t)(scalar[i] >> 4);
    }
    for (int i = 0; i < 63; i++) {
        e[i] = (int8_t)(e[i] + carry);
        carry = (int8_t)((e[i] + 8) >> 4);
        e[i] = (int8_t)(e[i] - (carry << 4));
    }
    e[63] = (int8_t)(e[63] + carry);

    /* Odd digits first (they need the extra factor 16), then the even ones. */
    p3_0(&h);
    for (int i = 1; i < 64; i += 2) {
        select_niels(&t, mintls_ed25519_base_comb[i / 2], e[i]);
        ge_madd(&r, &h, &t);
        p1p1_to_p3(&h, &r);
    }
    ge_dbl_p3(&r, &h);
    p1p1_to_p2(&s, &r);
    ge_dbl(&r, &s);
    p1p1_to_p2(&s, &r);
    ge_dbl(&r, &s);
    p1p1_to_p2(&s, &r);
    ge_dbl(&r, &s);
    p1p1_to_p3(&h, &r);
    for (int i = 0; i < 64; i += 2) {
        select_niels(&t, mintls_ed25519_base_comb[i / 2], e[i]);
        ge_madd(&r, &h, &t);
        p1p1_to_p3(&h, &r);
    }
    *out_x = h.X;
    *out_y = h.Y;
    *out_z = h.Z;
    ct_wipe(e, sizeof(e));
    ct_wipe(&h, sizeof(h));
    ct_wipe(&r, sizeof(r));
    ct_wipe(&s, sizeof(s));
    ct_wipe(&t, sizeof(t));
}

/* ---- arithmetic modulo L = 2^252 + 27742317777372353535851937790883648493 */

static const uint64_t sc_L[4] = {0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000};
/* mu = floor(2^512 / L), for Barrett reduction. */
static const uint64_t sc_mu[5] = {0xed9ce5a30a2c131b, 0x2106215d086329a7, 0xffffffffffffffeb,
                                  0xffffffffffffffff, 0xf};

static void load64_le(uint64_t *out, const uint8_t *in, size_t nwords)
{
    for (size_t i = 0; i < nwords; i++) {
        uint64_t x = 0;
        for (int j = 7; j >= 0; j--)
            x = (x << 8) | in[8 * i + j];
        out[i] = x;
    }
}

/* r (5 words) -= L when r >= L, in constant time. */
static void sc_cond_sub_L(uint64_t r[5])
{
    uint64_t t[5], borrow = 0;
    for (int i = 0; i < 5; i++) {
        uint64_t l = i < 4 ? sc_L[i] : 0;
        fe_u128 d = (fe_u128)r[i] - l - borrow;
        t[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    /* borrow = 1 means r < L: keep r. */
    uint64_t keep = (uint64_t)0 - borrow;
    for (int i = 0; i < 5; i++)
        r[i] = ct_select_u64(keep, r[i], t[i]);
}

/*
 * out = x mod L for x < 2^512 (8 words), Barrett reduction with b = 2^64,
 * k = 4 (Handbook of Applied Cryptography 14.42): at most two subtractions
 * of L remain, both done unconditionally with masks.
 */
static void sc_reduce512(uint8_t out[32], const uint64_t x[8])
{
    uint64_t q[10] = {0}, r[5], qL[5] = {0};

    /* q2 = (x >> 192) * mu; only words 5.. (q3 = q2 >> 320) are needed,
     * but the full product is cheap and keeps the carries simple. */
    for (int i = 0; i < 5; i++) {
        uint64_t c = 0;
        for (int j = 0; j < 5; j++) {
            fe_u128 t = (fe_u128)x[3 + i] * sc_mu[j] + q[i + j] + c;
            q[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        q[i + 5] = c;
    }
    /* q3 = q + 5 (5 words, < 2^261). r2 = q3 * L mod 2^320. */
    const uint64_t *q3 = q + 5;
    for (int i = 0; i < 5; i++) {
        uint64_t c = 0;
        for (int j = 0; j < 4 && i + j < 5; j++) {
            fe_u128 t = (fe_u128)q3[i] * sc_L[j] + qL[i + j] + c;
            qL[i + j] = (uint64_t)t;
            c = (uint64_t)(t >> 64);
        }
        if (i + 4 < 5)
            qL[i + 4] = c;
    }
    /* r = (x mod 2^320) - r2 mod 2^320: the true remainder is below 3L. */
    uint64_t borrow = 0;
    for (int i = 0; i < 5; i++) {
        fe_u128 d = (fe_u128)x[i] - qL[i] - borrow;
        r[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) & 1;
    }
    sc_cond_sub_L(r);
    sc_cond_sub_L(r);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 8; j++)
            out[8 * i + j] = (uint8_t)(r[i] >> (8 * j));
    ct_wipe(q, sizeof(q));
    ct_wipe(r, sizeof(r));
    ct_wipe(qL, sizeof(qL));
}

/* out = 64-byte little-endian value mod L. */
static void sc_reduce(uint8_t out[32], const uint8_t in[64])
{
    uint64_t x[8];
    load64_le(x, in, 8);
    sc_reduce512(out, x);
    ct_wipe(x, sizeof(x));
}

/* out = (a * b + c) mod L, a, b, c 32 bytes each (a*b + c < 2^512). */
static void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                      const uint8_t c[32])
{
    uint64_t x[4], y[4], z[4], p[8] = {0};
    load64_le(x, a, 4);
    load64_le(y, b, 4);
    load64_le(z, c, 4);
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; j++) {
            fe_u128 t = (fe_u128)x[i] * y[j] + p[i + j] + carry;
            p[i + j] = (uint64_t)t;
            carry = (uint64_t)(t >> 64);
        }
        p[i + 4] = carry;
    }
    uint64_t carry = 0;
    for (int i = 0; i < 8; i++) {
        fe_u128 t = (fe_u128)p[i] + (i < 4 ? z[i] : 0) + carry;
        p[i] = (uint64_t)t;
        carry = (uint64_t)(t >> 64);
    }
    sc_reduce512(out, p);
    ct_wipe(x, sizeof(x));
    ct_wipe(y, sizeof(y));
    ct_wipe(z, sizeof(z));
    ct_wipe(p, sizeof(p));
}

/* 1 if s < L (public input). */
static int sc_is_canonical(const uint8_t s[32])
{
    uint64_t w[4];
    load64_le(w, s, 4);
    for (int i = 3; i >= 0; i--) {
        if (w[i] < sc_L[i])
            return 1;
        if (w[i] > sc_L[i])
            return 0;
    }
    return 0;
}

/* ---- Ed25519 ------------------------------------------------------------ */

/* RFC 8032 section 5.1.5: SHA-512 of the seed, the low half clamped. */
static void expand_seed(uint8_t out_h[64], const uint8_t seed[32])
{
    mintls_hash_oneshot(&mintls_hash_sha512, seed, 32, out_h);
    out_h[0] &= 248;
    out_h[31] &= 127;
    out_h[31] |= 64;
}

static void scalarmult_base_encode(uint8_t out[32], const uint8_t scalar[32])
{
    fe25519 x, y, z;
    mintls_ed25519_scalarmult_base(&x, &y, &z, scalar);
    ge_encode(out, &x, &y, &z);
    ct_wipe(&x, sizeof(x));
    ct_wipe(&y, sizeof(y));
    ct_wipe(&z, sizeof(z));
}

void mintls_ed25519_public_from_seed(uint8_t out_public[32], const uint8_t seed[32])
{
    uint8_t h[64];
    expand_seed(h, seed);
    scalarmult_base_encode(out_public, h);
    ct_wipe(h, sizeof(h));
}

void mintls_ed25519_sign(uint8_t out_sig[64], const uint8_t *msg, size_t len,
                         const uint8_t seed[32], const uint8_t public_key[32])
{
    uint8_t h[64], nonce[64], r[32], k[64], kr[32];
    mintls_hash_ctx c;
    const mintls_hash *sha = &mintls_hash_sha512;

    expand_seed(h, seed);
    /* r = SHA-512(prefix || M) mod L; R = [r]B */
    sha->init(&c);
    sha->update(&c, h + 32, 32);
    sha->update(&c, msg, len);
    sha->final(&c, nonce);
    sc_reduce(r, nonce);
    scalarmult_base_encode(out_sig, r);

    /* k = SHA-512(R || A || M) mod L; S = r + k s mod L */
    sha->init(&c);
    sha->update(&c, out_sig, 32);
    sha->update(&c, public_key, 32);
    sha->update(&c, msg, len);
    sha->final(&c, k);
    sc_reduce(kr, k);
    sc_muladd(out_sig + 32, kr, h, r);

    ct_wipe(h, sizeof(h));
    ct_wipe(nonce, sizeof(nonce));
    ct_wipe(r, sizeof(r));
}

/*
 * Width-w NAF of a 256-bit scalar below 2^255: out[i] is 0 or odd in
 * (-2^(w-1), 2^(w-1)), nonzero digits at least w apart. Variable time:
 * public scalars only.
 */
static void slide(int8_t out[256], const uint8_t s[32], int w)
{
    uint64_t k[4];
    const int64_t full = (int64_t)1 << w, half = full >> 1;
    load64_le(k, s, 4);
    for (int i = 0; i < 256; i++) {
        int64_t d = 0;
        if (k[0] & 1) {
            d = (int64_t)(k[0] & (uint64_t)(full - 1));
            if (d >= half)
                d -= full;
            /* k -= d; k stays non-negative and now ends in w zero bits. */
            if (d > 0) {
                uint64_t borrow = (uint64_t)d;
                for (int j = 0; j < 4 && borrow; j++) {
                    uint64_t old = k[j];
                    k[j] -= borrow;
                    borrow = k[j] > old;
                }
            } else {
                uint64_t carry = (uint64_t)(-d);
                for (int j = 0; j < 4 && carry; j++) {
                    k[j] += carry;
                    carry = k[j] < carry;
                }
            }
        }
        out[i] = (int8_t)d;
        k[0] = (k[0] >> 1) | (k[1] << 63);
        k[1] = (k[1] >> 1) | (k[2] << 63);
        k[2] = (k[2] >> 1) | (k[3] << 63);
        k[3] >>= 1;
    }
}

int mintls_ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len,
                          const uint8_t public_key[32])
{
    ge_p3 a, t3;
    ge_cached ai[8];
    ge_p1p1 t;
    ge_p2 r;
    uint8_t hram[64], k[32], check[32];
    int8_t kslide[256], sslide[256];
    mintls_hash_ctx c;
    const mintls_hash *sha = &mintls_hash_sha512;

    if (!sc_is_canonical(sig + 32))
        return 0;
    if (!ge_decode(&a, public_key))
        return 0;

    sha->init(&c);
    sha->update(&c, sig, 32);
    sha->update(&c, public_key, 32);
    sha->update(&c, msg, len);
    sha->final(&c, hram);
    sc_reduce(k, hram);

    /* [S]B - [k]A, one shared chain of doublings; ai[i] = (2i + 1) A. */
    slide(kslide, k, 5);
    slide(sslide, sig + 32, 8);
    p3_to_cached(&ai[0], &a);
    ge_dbl_p3(&t, &a);
    ge_p3 a2;
    p1p1_to_p3(&a2, &t);
    for (int i = 1; i < 8; i++) {
        ge_add(&t, &a2, &ai[i - 1]);
        p1p1_to_p3(&t3, &t);
        p3_to_cached(&ai[i], &t3);
    }

    int i = 255;
    while (i >= 0 && kslide[i] == 0 && sslide[i] == 0)
        i--;
    fe_0(&r.X);
    fe_1(&r.Y);
    fe_1(&r.Z);
    for (; i >= 0; i--) {
        ge_dbl(&t, &r);
        if (kslide[i] || sslide[i]) {
            p1p1_to_p3(&t3, &t);
            if (kslide[i] > 0)
                ge_sub(&t, &t3, &ai[kslide[i] / 2]);
            else if (kslide[i] < 0)
                ge_add(&t, &t3, &ai[-kslide[i] / 2]);
            if (kslide[i] && sslide[i])
                p1p1_to_p3(&t3, &t);
            if (sslide[i] > 0)
                ge_madd(&t, &t3, &mintls_ed25519_base_odd[sslide[i] / 2]);
            else if (sslide[i] < 0)
                ge_msub(&t, &t3, &mintls_ed25519_base_odd[-sslide[i] / 2]);
        }
        p1p1_to_p2(&r, &t);
    }
    ge_encode(check, &r.X, &r.Y, &r.Z);
    return memcmp(check, sig, 32) == 0;
}
