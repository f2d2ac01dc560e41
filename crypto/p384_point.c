/*
 * P-384 group law and scalar multiplication.
 *
 * Addition and doubling are the complete projective formulas for a = -3
 * (Renes, Costello, Batina, "Complete addition formulas for prime order
 * elliptic curves", 2016, algorithms 4 and 6). Being complete, they give the
 * right answer for P + P, P + (-P) and anything involving infinity (0:1:0),
 * so neither the fixed-window ladder nor the verifier needs special cases.
 *
 * Secret scalars: 4-bit fixed windows, 4 doublings (in Jacobian form, which
 * is cheaper and exception-free for doubling) and one complete addition per
 * window, the table entry chosen by scanning all 16 entries with masks. The
 * generator uses a comb over a static table instead (p384_table.c).
 * Public scalars (verification): Straus with a width-7 NAF over a static
 * table for G and a width-5 NAF for the key, in Jacobian coordinates with
 * branches for the exceptional cases; variable time.
 */
#include "internal/p384.h"

#include <string.h>

#include "internal/ct.h"

static const p384_fe gx_m = {
    0x3dd0756649c0b528ULL, 0x20e378e2a0d6ce38ULL, 0x879c3afc541b4d6eULL,
    0x6454868459a30effULL, 0x812ff723614ede2bULL, 0x4d3aadc2299e1513ULL,
};
static const p384_fe gy_m = {
    0x23043dad4b03a4feULL, 0xa1bfa8bf7bb4a9acULL, 0x8bade7562e83b050ULL,
    0xc6c3521968f4ffd9ULL, 0xdd8002263969a840ULL, 0x2b78abc25a15c5e9ULL,
};

#define fmul mintls_p384_fe_mul
#define fsqr mintls_p384_fe_sqr
#define fadd mintls_p384_fe_add
#define fsub mintls_p384_fe_sub


static void point_set_infinity(p384_point *p)
{
    memset(p, 0, sizeof(*p));
    memcpy(p->y, mintls_p384_fe_one, sizeof(p384_fe));
}

void mintls_p384_point_generator(p384_point *out)
{
    memcpy(out->x, gx_m, sizeof(p384_fe));
    memcpy(out->y, gy_m, sizeof(p384_fe));
    memcpy(out->z, mintls_p384_fe_one, sizeof(p384_fe));
}

/* RCB algorithm 4: complete addition, a = -3. out may alias a or b. */
void mintls_p384_point_add(p384_point *out, const p384_point *a, const p384_point *b)
{
    const uint64_t *B = mintls_p384_fe_b;
    p384_fe t0, t1, t2, t3, t4, X3, Y3, Z3;
    fmul(t0, a->x, b->x);
    fmul(t1, a->y, b->y);
    fmul(t2, a->z, b->z);
    fadd(t3, a->x, a->y);
    fadd(t4, b->x, b->y);
    fmul(t3, t3, t4);
    fadd(t4, t0, t1);
    fsub(t3, t3, t4);
    fadd(t4, a->y, a->z);
    fadd(X3, b->y, b->z);
    fmul(t4, t4, X3);
    fadd(X3, t1, t2);
    fsub(t4, t4, X3);
    fadd(X3, a->x, a->z);
    fadd(Y3, b->x, b->z);
    fmul(X3, X3, Y3);
    fadd(Y3, t0, t2);
    fsub(Y3, X3, Y3);
    fmul(Z3, B, t2);
    fsub(X3, Y3, Z3);
    fadd(Z3, X3, X3);
    fadd(X3, X3, Z3);
    fsub(Z3, t1, X3);
    fadd(X3, t1, X3);
    fmul(Y3, B, Y3);
    fadd(t1, t2, t2);
    fadd(t2, t1, t2);
    fsub(Y3, Y3, t2);
    fsub(Y3, Y3, t0);
    fadd(t1, Y3, Y3);
    fadd(Y3, t1, Y3);
    fadd(t1, t0, t0);
    fadd(t0, t1, t0);
    fsub(t0, t0, t2);
    fmul(t1, t4, Y3);
    fmul(t2, t0, Y3);
    fmul(Y3, X3, Z3);
    fadd(Y3, Y3, t2);
    fmul(X3, t3, X3);
    fsub(X3, X3, t1);
    fmul(Z3, t4, Z3);
    fmul(t1, t3, t0);
    fadd(Z3, Z3, t1);
    memcpy(out->x, X3, sizeof(p384_fe));
    memcpy(out->y, Y3, sizeof(p384_fe));
    memcpy(out->z, Z3, sizeof(p384_fe));
}

/* RCB algorithm 6: doubling, a = -3. out may alias a. */
void mintls_p384_point_dbl(p384_point *out, const p384_point *a)
{
    const uint64_t *B = mintls_p384_fe_b;
    p384_fe t0, t1, t2, t3, X3, Y3, Z3;
    fsqr(t0, a->x);
    fsqr(t1, a->y);
    fsqr(t2, a->z);
    fmul(t3, a->x, a->y);
    fadd(t3, t3, t3);
    fmul(Z3, a->x, a->z);
    fadd(Z3, Z3, Z3);
    fmul(Y3, B, t2);
    fsub(Y3, Y3, Z3);
    fadd(X3, Y3, Y3);
    fadd(Y3, X3, Y3);
    fsub(X3, t1, Y3);
    fadd(Y3, t1, Y3);
    fmul(Y3, X3, Y3);
    fmul(X3, X3, t3);
    fadd(t3, t2, t2);
    fadd(t2, t2, t3);
    fmul(Z3, B, Z3);
    fsub(Z3, Z3, t2);
    fsub(Z3, Z3, t0);
    fadd(t3, Z3, Z3);
    fadd(Z3, Z3, t3);
    fadd(t3, t0, t0);
    fadd(t0, t3, t0);
    fsub(t0, t0, t2);
    fmul(t0, t0, Z3);
    fadd(Y3, Y3, t0);
    fmul(t0, a->y, a->z);
    fadd(t0, t0, t0);
    fmul(Z3, t0, Z3);
    fsub(X3, X3, Z3);
    fmul(Z3, t0, t1);
    fadd(Z3, Z3, Z3);
    fadd(Z3, Z3, Z3);
    memcpy(out->x, X3, sizeof(p384_fe));
    memcpy(out->y, Y3, sizeof(p384_fe));
    memcpy(out->z, Z3, sizeof(p384_fe));
}

int mintls_p384_point_from_bytes(p384_point *out, const uint8_t *in, size_t len)
{
    /* SEC 1 2.3.4 for the uncompressed form only; TLS never sends others. */
    if (in == NULL || len != MINTLS_P384_PUB_BYTES || in[0] != 0x04)
        return 0;
    p384_fe x, y, lhs, rhs, t;
    if (!mintls_p384_fe_from_bytes(x, in + 1) || !mintls_p384_fe_from_bytes(y, in + 49))
        return 0;
    /* y^2 == x^3 - 3x + b (SEC 1 3.2.2.1 step 3); infinity has no encoding here. */
    fsqr(lhs, y);
    fsqr(rhs, x);
    fmul(rhs, rhs, x);
    fadd(t, x, x);
    fadd(t, t, x);
    fsub(rhs, rhs, t);
    fadd(rhs, rhs, mintls_p384_fe_b);
    if (memcmp(lhs, rhs, sizeof(p384_fe)) != 0)
        return 0;
    memcpy(out->x, x, sizeof(p384_fe));
    memcpy(out->y, y, sizeof(p384_fe));
    memcpy(out->z, mintls_p384_fe_one, sizeof(p384_fe));
    return 1;
}

uint64_t mintls_p384_point_to_affine(uint8_t out_x[48], uint8_t out_y[48],
                                     const p384_point *p)
{
    p384_fe zinv, t;
    mintls_p384_fe_inv(zinv, p->z);
    if (out_x != NULL) {
        fmul(t, p->x, zinv);
        mintls_p384_fe_to_bytes(out_x, t);
    }
    if (out_y != NULL) {
        fmul(t, p->y, zinv);
        mintls_p384_fe_to_bytes(out_y, t);
    }
    uint64_t ok = ~mintls_p384_fe_is_zero(p->z);
    ct_wipe(zinv, sizeof(zinv));
    ct_wipe(t, sizeof(t));
    return ok;
}

/*
 * Doubling in Jacobian coordinates (X/Z^2, Y/Z^3), a = -3 ("dbl-2001-b",
 * 3M + 5S against 8M + 3S + 2 b-multiplications for the complete formula).
 * Doubling has no exceptional case on a curve of odd order: infinity
 * (Z = 0, Y != 0) stays infinity. Runs of doublings use it and convert to
 * and from projective around each complete addition.
 */
static void jac_dbl(p384_point *r)
{
    p384_fe delta, gamma, beta, alpha, t, u;
    fsqr(delta, r->z);
    fsqr(gamma, r->y);
    fmul(beta, r->x, gamma);
    fsub(t, r->x, delta);
    fadd(u, r->x, delta);
    fmul(alpha, t, u);
    fadd(t, alpha, alpha);
    fadd(alpha, alpha, t);
    /* Z3 = (Y + Z)^2 - gamma - delta, before Y and Z are overwritten. */
    fadd(t, r->y, r->z);
    fsqr(t, t);
    fsub(t, t, gamma);
    fsub(r->z, t, delta);
    /* X3 = alpha^2 - 8 beta */
    fadd(beta, beta, beta);
    fadd(beta, beta, beta); /* 4 beta */
    fsqr(t, alpha);
    fadd(u, beta, beta);
    fsub(r->x, t, u);
    /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
    fsub(t, beta, r->x);
    fmul(t, alpha, t);
    fsqr(u, gamma);
    fadd(u, u, u);
    fadd(u, u, u);
    fadd(u, u, u);
    fsub(r->y, t, u);
}

/* Projective (X:Y:Z) -> Jacobian (XZ, YZ^2, Z); infinity -> (0, 1, 0). */
static void proj_to_jac(p384_point *p)
{
    p384_fe z2;
    fsqr(z2, p->z);
    fmul(p->x, p->x, p->z);
    fmul(p->y, p->y, z2);
    mintls_p384_fe_cmov(p->y, mintls_p384_fe_one, mintls_p384_fe_is_zero(p->z));
}

/* Jacobian (X, Y, Z) -> projective (XZ : Y : Z^3). */
static void jac_to_proj(p384_point *p)
{
    p384_fe z3;
    fsqr(z3, p->z);
    fmul(z3, z3, p->z);
    fmul(p->x, p->x, p->z);
    memcpy(p->z, z3, sizeof(p384_fe));
}

/*
 * RCB algorithm 5: mixed addition, b = (x2, y2) affine (Z2 = 1), a = -3.
 * Complete except that b cannot be infinity; callers mask that case.
 */
static void point_add_affine(p384_point *out, const p384_point *a, const p384_fe x2,
                             const p384_fe y2)
{
    const uint64_t *B = mintls_p384_fe_b;
    p384_fe t0, t1, t2, t3, t4, X3, Y3, Z3;
    fmul(t0, a->x, x2);
    fmul(t1, a->y, y2);
    fadd(t3, x2, y2);
    fadd(t4, a->x, a->y);
    fmul(t3, t3, t4);
    fadd(t4, t0, t1);
    fsub(t3, t3, t4);
    fmul(t4, y2, a->z);
    fadd(t4, t4, a->y);
    fmul(Y3, x2, a->z);
    fadd(Y3, Y3, a->x);
    fmul(Z3, B, a->z);
    fsub(X3, Y3, Z3);
    fadd(Z3, X3, X3);
    fadd(X3, X3, Z3);
    fsub(Z3, t1, X3);
    fadd(X3, t1, X3);
    fmul(Y3, B, Y3);
    fadd(t1, a->z, a->z);
    fadd(t2, t1, a->z);
    fsub(Y3, Y3, t2);
    fsub(Y3, Y3, t0);
    fadd(t1, Y3, Y3);
    fadd(Y3, t1, Y3);
    fadd(t1, t0, t0);
    fadd(t0, t1, t0);
    fsub(t0, t0, t2);
    fmul(t1, t4, Y3);
    fmul(t2, t0, Y3);
    fmul(Y3, X3, Z3);
    fadd(Y3, Y3, t2);
    fmul(X3, t3, X3);
    fsub(X3, X3, t1);
    fmul(Z3, t4, Z3);
    fmul(t1, t3, t0);
    fadd(Z3, Z3, t1);
    memcpy(out->x, X3, sizeof(p384_fe));
    memcpy(out->y, Y3, sizeof(p384_fe));
    memcpy(out->z, Z3, sizeof(p384_fe));
}

/* out = tab[idx] for secret idx: every entry is read, one is kept. */
static void table_lookup(p384_point *out, const p384_point tab[16], uint64_t idx)
{
    point_set_infinity(out);
    for (uint64_t i = 0; i < 16; i++) {
        uint64_t m = ct_mask_zero_u64(i ^ idx);
        mintls_p384_fe_cmov(out->x, tab[i].x, m);
        mintls_p384_fe_cmov(out->y, tab[i].y, m);
        mintls_p384_fe_cmov(out->z, tab[i].z, m);
    }
}

void mintls_p384_point_mul(p384_point *out, const uint64_t k[6], const p384_point *p)
{
    p384_point tab[16], acc, t;
    point_set_infinity(&tab[0]);
    tab[1] = *p;
    for (int i = 2; i < 16; i++) {
        if (i & 1)
            mintls_p384_point_add(&tab[i], &tab[i - 1], p);
        else
            mintls_p384_point_dbl(&tab[i], &tab[i / 2]);
    }
    table_lookup(&acc, tab, k[5] >> 60);
    for (int i = 94; i >= 0; i--) {
        proj_to_jac(&acc);
        for (int d = 0; d < 4; d++)
            jac_dbl(&acc);
        jac_to_proj(&acc);
        table_lookup(&t, tab, (k[i / 16] >> ((i % 16) * 4)) & 15);
        mintls_p384_point_add(&acc, &acc, &t);
    }
    *out = acc;
    ct_wipe(tab, sizeof(tab));
    ct_wipe(&acc, sizeof(acc));
    ct_wipe(&t, sizeof(t));
}

/*
 * Fixed-base comb: with nibbles k = sum n_j 16^j and j = 4i + r,
 * k G = sum_r 16^r sum_i n_(4i+r) (2^(16 i) G), so 24 tables of 15 affine
 * points give k G in 12 doublings and 96 mixed additions. Each entry is
 * found by scanning its whole row; a zero nibble keeps the accumulator.
 */
void mintls_p384_point_mul_base(p384_point *out, const uint64_t k[6])
{
    p384_point acc, sum;
    p384_fe x, y;
    point_set_infinity(&acc);
    for (int r = 3; r >= 0; r--) {
        if (r != 3) {
            proj_to_jac(&acc);
            for (int d = 0; d < 4; d++)
                jac_dbl(&acc);
            jac_to_proj(&acc);
        }
        for (int i = 0; i < 24; i++) {
            int j = 4 * i + r;
            uint64_t nib = (k[j / 16] >> ((j % 16) * 4)) & 15;
            memset(x, 0, sizeof(x));
            memset(y, 0, sizeof(y));
            for (uint64_t d = 1; d < 16; d++) {
                uint64_t m = ct_mask_zero_u64(d ^ nib);
                mintls_p384_fe_cmov(x, mintls_p384_base_table[i][d - 1][0], m);
                mintls_p384_fe_cmov(y, mintls_p384_base_table[i][d - 1][1], m);
            }
            point_add_affine(&sum, &acc, x, y);
            uint64_t take = ct_mask_nonzero_u64(nib);
            mintls_p384_fe_cmov(acc.x, sum.x, take);
            mintls_p384_fe_cmov(acc.y, sum.y, take);
            mintls_p384_fe_cmov(acc.z, sum.z, take);
        }
    }
    *out = acc;
    ct_wipe(&acc, sizeof(acc));
    ct_wipe(&sum, sizeof(sum));
    ct_wipe(x, sizeof(x));
    ct_wipe(y, sizeof(y));
}

/*
 * Width-w NAF of a public 384-bit scalar: odd digits in (-2^(w-1), 2^(w-1)),
 * at most one non-zero in any w consecutive positions; 385 digits suffice.
 */
#define WNAF_LEN 386
static void wnaf(int8_t out[WNAF_LEN], const uint64_t k[6], int w)
{
    uint64_t d[7];
    memcpy(d, k, 6 * sizeof(uint64_t));
    d[6] = 0;
    memset(out, 0, WNAF_LEN);
    for (int i = 0; i < WNAF_LEN; i++) {
        if (d[0] & 1) {
            int v = (int)(d[0] & ((1u << w) - 1));
            if (v >= 1 << (w - 1))
                v -= 1 << w;
            out[i] = (int8_t)v;
            if (v > 0) {
                d[0] -= (uint64_t)v; /* only clears low bits: no borrow */
            } else {
                uint64_t add = (uint64_t)(-v);
                for (int j = 0; j < 7 && add; j++) {
                    d[j] += add;
                    add = d[j] < add;
                }
            }
        }
        for (int j = 0; j < 6; j++)
            d[j] = (d[j] >> 1) | (d[j + 1] << 63);
        d[6] >>= 1;
    }
}

/*
 * Variable-time Jacobian addition for the verifier (public data only, so
 * the exceptional cases are plain branches): r += (x2, y2, z2), where
 * z2 == NULL means z2 = 1 (a mixed addition, 8M + 3S; else 12M + 4S).
 * Infinity is Z = 0. "add-1998-cmo-2" / "madd" shapes from the EFD.
 */
static void jac_add_vartime(p384_point *r, const p384_fe x2, const p384_fe y2,
                            const p384_fe z2)
{
    p384_fe z1z1, u1, u2, s1, s2, h, rr, hh, hhh, v, t;
    if (mintls_p384_fe_is_zero(r->z)) {
        memcpy(r->x, x2, sizeof(p384_fe));
        memcpy(r->y, y2, sizeof(p384_fe));
        memcpy(r->z, z2 != NULL ? z2 : mintls_p384_fe_one, sizeof(p384_fe));
        return;
    }
    fsqr(z1z1, r->z);
    if (z2 != NULL) {
        p384_fe z2z2;
        fsqr(z2z2, z2);
        fmul(u1, r->x, z2z2);
        fmul(s1, r->y, z2);
        fmul(s1, s1, z2z2);
    } else {
        memcpy(u1, r->x, sizeof(p384_fe));
        memcpy(s1, r->y, sizeof(p384_fe));
    }
    fmul(u2, x2, z1z1);
    fmul(s2, y2, r->z);
    fmul(s2, s2, z1z1);
    fsub(h, u2, u1);
    fsub(rr, s2, s1);
    if (mintls_p384_fe_is_zero(h)) {
        if (mintls_p384_fe_is_zero(rr)) {
            jac_dbl(r); /* same point */
        } else {
            memset(r, 0, sizeof(*r)); /* P + (-P) */
            memcpy(r->y, mintls_p384_fe_one, sizeof(p384_fe));
        }
        return;
    }
    fsqr(hh, h);
    fmul(hhh, h, hh);
    fmul(v, u1, hh);
    /* X3 = r^2 - H^3 - 2V */
    fsqr(t, rr);
    fsub(t, t, hhh);
    fsub(t, t, v);
    fsub(r->x, t, v);
    /* Y3 = r (V - X3) - S1 H^3 */
    fsub(t, v, r->x);
    fmul(t, rr, t);
    fmul(s1, s1, hhh);
    fsub(r->y, t, s1);
    /* Z3 = Z1 Z2 H */
    if (z2 != NULL)
        fmul(r->z, r->z, z2);
    fmul(r->z, r->z, h);
}

/*
 * Straus: one chain of Jacobian doublings, digits of a from a width-7 NAF
 * over the static affine table of odd multiples of G, digits of b from a
 * width-5 NAF over 8 Jacobian odd multiples of p computed here.
 */
void mintls_p384_point_mul_double_vartime(p384_point *out, const uint64_t a[6],
                                          const uint64_t b[6], const p384_point *p)
{
    int8_t na[WNAF_LEN], nb[WNAF_LEN];
    p384_point tp[8], p2, acc;
    wnaf(na, a, 7);
    wnaf(nb, b, 5);

    /* p is projective; (XZ, YZ^2, Z) is the same point in Jacobian form. */
    tp[0] = *p;
    proj_to_jac(&tp[0]);
    p2 = tp[0];
    jac_dbl(&p2);
    for (int i = 1; i < 8; i++) {
        tp[i] = tp[i - 1];
        jac_add_vartime(&tp[i], p2.x, p2.y, p2.z);
    }

    memset(&acc, 0, sizeof(acc));
    memcpy(acc.y, mintls_p384_fe_one, sizeof(p384_fe));
    int started = 0;
    p384_fe negy;
    for (int i = WNAF_LEN - 1; i >= 0; i--) {
        if (started)
            jac_dbl(&acc);
        int da = na[i], db = nb[i];
        if (da > 0) {
            jac_add_vartime(&acc, mintls_p384_g_odd[da >> 1][0], mintls_p384_g_odd[da >> 1][1],
                            NULL);
        } else if (da < 0) {
            mintls_p384_fe_neg(negy, mintls_p384_g_odd[(-da) >> 1][1]);
            jac_add_vartime(&acc, mintls_p384_g_odd[(-da) >> 1][0], negy, NULL);
        }
        if (db > 0) {
            jac_add_vartime(&acc, tp[db >> 1].x, tp[db >> 1].y, tp[db >> 1].z);
        } else if (db < 0) {
            mintls_p384_fe_neg(negy, tp[(-db) >> 1].y);
            jac_add_vartime(&acc, tp[(-db) >> 1].x, negy, tp[(-db) >> 1].z);
        }
        if (da || db)
            started = 1;
    }
    jac_to_proj(&acc);
    *out = acc;
}
