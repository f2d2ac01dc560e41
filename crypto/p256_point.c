/*
 * P-256 group operations in Jacobian coordinates (a = -3) and the three
 * scalar multiplications:
 *
 *  - k * G, constant time: a comb over a table of 37 x 64 affine multiples
 *    of G (entry [i][j] = (j+1) 2^(7i) G), signed 7-bit Booth digits, one
 *    constant-time table scan and one mixed addition per digit, no doubling.
 *    The table (148 KB) is computed once, at first use, under pthread_once.
 *  - k * P, constant time: signed 5-bit Booth digits over a 16-entry table,
 *    five doublings and one complete (exception-handling) addition per digit.
 *  - u1 * G + u2 * P for verification, variable time: the same comb for G
 *    indexed directly, and width-5 wNAF for P.
 */
#include <pthread.h>
#include <string.h>

#include "internal/ct.h"
#include "internal/p256.h"

/* Curve constant b, plain (not Montgomery). */
static const p256_fe B_PLAIN = {0x3bce3c3e27d2604bULL, 0x651d06b0cc53b0f6ULL,
                                0xb3ebbd55769886bcULL, 0x5ac635d8aa3a93e7ULL};
static const p256_fe GX_PLAIN = {0xf4a13945d898c296ULL, 0x77037d812deb33a0ULL,
                                 0xf8bce6e563a440f2ULL, 0x6b17d1f2e12c4247ULL};
static const p256_fe GY_PLAIN = {0xcbb6406837bf51f5ULL, 0x2bce33576b315eceULL,
                                 0x8ee7eb4a7c0f9e16ULL, 0x4fe342e2fe1a7f9bULL};

#define COMB_WINDOWS 37
#define COMB_POINTS 64

static p256_affine comb[COMB_WINDOWS][COMB_POINTS];
static pthread_once_t comb_once = PTHREAD_ONCE_INIT;

static void fe_copy(p256_fe out, const p256_fe a)
{
    memcpy(out, a, sizeof(p256_fe));
}

static void fe_cmov(p256_fe out, const p256_fe a, uint64_t mask)
{
    for (int i = 0; i < 4; i++)
        out[i] = ct_select_u64(mask, a[i], out[i]);
}

/* dbl-2001-b: 3M + 5S. Infinity (z = 0) maps to itself. */
static void point_dbl(p256_point *r, const p256_point *p)
{
    p256_fe delta, gamma, beta, alpha, t, t2;
    mintls_p256_fe_sqr(delta, p->z);
    mintls_p256_fe_sqr(gamma, p->y);
    mintls_p256_fe_mul(beta, p->x, gamma);
    p256_fe_sub(t, p->x, delta);
    p256_fe_add(t2, p->x, delta);
    mintls_p256_fe_mul(alpha, t, t2);
    p256_fe_add(t, alpha, alpha);
    p256_fe_add(alpha, alpha, t); /* 3 (x - delta)(x + delta) */
    p256_fe_add(t, p->y, p->z);
    mintls_p256_fe_sqr(t, t);
    p256_fe_sub(t, t, gamma);
    p256_fe_sub(r->z, t, delta);
    p256_fe_add(beta, beta, beta);
    p256_fe_add(beta, beta, beta); /* 4 beta */
    mintls_p256_fe_sqr(t, alpha);
    p256_fe_add(t2, beta, beta);
    p256_fe_sub(r->x, t, t2);
    p256_fe_sub(t, beta, r->x);
    mintls_p256_fe_mul(t, t, alpha);
    mintls_p256_fe_sqr(gamma, gamma);
    p256_fe_add(gamma, gamma, gamma);
    p256_fe_add(gamma, gamma, gamma);
    p256_fe_add(gamma, gamma, gamma); /* 8 gamma^2 */
    p256_fe_sub(r->y, t, gamma);
}

/*
 * add-2007-bl: 11M + 5S, valid when neither input is infinity and p != q.
 * Also returns H = U2 - U1 and R = S2 - S1 (for the exception checks):
 * H = 0 means equal x, and then R = 0 means p == q, else p == -q (in which
 * case the formulas already yield z = 0).
 */
static void point_add_raw(p256_point *r, const p256_point *p, const p256_point *q,
                          p256_fe out_h, p256_fe out_r)
{
    p256_fe z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
    mintls_p256_fe_sqr(z1z1, p->z);
    mintls_p256_fe_sqr(z2z2, q->z);
    mintls_p256_fe_mul(u1, p->x, z2z2);
    mintls_p256_fe_mul(u2, q->x, z1z1);
    mintls_p256_fe_mul(s1, p->y, q->z);
    mintls_p256_fe_mul(s1, s1, z2z2);
    mintls_p256_fe_mul(s2, q->y, p->z);
    mintls_p256_fe_mul(s2, s2, z1z1);
    p256_fe_sub(h, u2, u1);
    p256_fe_sub(rr, s2, s1);
    fe_copy(out_h, h);
    fe_copy(out_r, rr);
    p256_fe_add(i, h, h);
    mintls_p256_fe_sqr(i, i);
    mintls_p256_fe_mul(j, h, i);
    p256_fe_add(rr, rr, rr);
    mintls_p256_fe_mul(v, u1, i);
    p256_fe_add(t, p->z, q->z);
    mintls_p256_fe_sqr(t, t);
    p256_fe_sub(t, t, z1z1);
    p256_fe_sub(t, t, z2z2);
    mintls_p256_fe_mul(r->z, t, h);
    mintls_p256_fe_sqr(t, rr);
    p256_fe_sub(t, t, j);
    p256_fe_sub(t, t, v);
    p256_fe_sub(r->x, t, v);
    p256_fe_sub(t, v, r->x);
    mintls_p256_fe_mul(t, t, rr);
    mintls_p256_fe_mul(s1, s1, j);
    p256_fe_add(s1, s1, s1);
    p256_fe_sub(r->y, t, s1);
}

/*
 * madd-2007-bl: 7M + 4S, p Jacobian, q affine; same H/R convention.
 */
static void point_madd_raw(p256_point *r, const p256_point *p, const p256_affine *q,
                           p256_fe out_h, p256_fe out_r)
{
    p256_fe z1z1, u2, s2, h, hh, i, j, rr, v, t;
    mintls_p256_fe_sqr(z1z1, p->z);
    mintls_p256_fe_mul(u2, q->x, z1z1);
    mintls_p256_fe_mul(s2, q->y, p->z);
    mintls_p256_fe_mul(s2, s2, z1z1);
    p256_fe_sub(h, u2, p->x);
    p256_fe_sub(rr, s2, p->y);
    fe_copy(out_h, h);
    fe_copy(out_r, rr);
    mintls_p256_fe_sqr(hh, h);
    p256_fe_add(i, hh, hh);
    p256_fe_add(i, i, i);
    mintls_p256_fe_mul(j, h, i);
    p256_fe_add(rr, rr, rr);
    mintls_p256_fe_mul(v, p->x, i);
    p256_fe_add(t, p->z, h);
    mintls_p256_fe_sqr(t, t);
    p256_fe_sub(t, t, z1z1);
    p256_fe_sub(r->z, t, hh);
    mintls_p256_fe_sqr(t, rr);
    p256_fe_sub(t, t, j);
    p256_fe_sub(t, t, v);
    p256_fe_sub(r->x, t, v);
    p256_fe_sub(t, v, r->x);
    mintls_p256_fe_mul(t, t, rr);
    mintls_p256_fe_mul(j, p->y, j);
    p256_fe_add(j, j, j);
    p256_fe_sub(r->y, t, j);
}

static void point_cmov(p256_point *r, const p256_point *a, uint64_t mask)
{
    fe_cmov(r->x, a->x, mask);
    fe_cmov(r->y, a->y, mask);
    fe_cmov(r->z, a->z, mask);
}

/*
 * Complete addition in constant time: the generic sum, the doubling, and
 * both inputs are all at hand, and masks pick the right one.
 */
static void point_add_ct(p256_point *r, const p256_point *p, const p256_point *q)
{
    p256_point sum, dbl;
    p256_fe h, rr;
    point_add_raw(&sum, p, q, h, rr);
    point_dbl(&dbl, p);
    uint64_t p_inf = mintls_p256_fe_is_zero(p->z), q_inf = mintls_p256_fe_is_zero(q->z);
    uint64_t same = mintls_p256_fe_is_zero(h) & mintls_p256_fe_is_zero(rr) & ~p_inf & ~q_inf;
    point_cmov(&sum, &dbl, same);
    point_cmov(&sum, q, p_inf);
    point_cmov(&sum, p, q_inf);
    *r = sum;
}

/*
 * Addition handling infinity on either side but not p == q: for callers
 * that have proved the doubling case cannot arise.
 */
static void point_add_nodbl_ct(p256_point *r, const p256_point *p, const p256_point *q)
{
    p256_point sum;
    p256_fe h, rr;
    point_add_raw(&sum, p, q, h, rr);
    uint64_t p_inf = mintls_p256_fe_is_zero(p->z), q_inf = mintls_p256_fe_is_zero(q->z);
    point_cmov(&sum, q, p_inf);
    point_cmov(&sum, p, q_inf);
    *r = sum;
}

static void affine_to_point(p256_point *r, const p256_affine *a)
{
    fe_copy(r->x, a->x);
    fe_copy(r->y, a->y);
    fe_copy(r->z, mintls_p256_fe_one_mont);
}

uint64_t mintls_p256_point_to_affine(p256_affine *out, const p256_point *p)
{
    p256_fe zi, zi2;
    mintls_p256_fe_inv(zi, p->z);
    mintls_p256_fe_sqr(zi2, zi);
    mintls_p256_fe_mul(out->x, p->x, zi2);
    mintls_p256_fe_mul(zi2, zi2, zi);
    mintls_p256_fe_mul(out->y, p->y, zi2);
    return ~mintls_p256_fe_is_zero(p->z);
}

/* Converts n points (none infinity) to affine with one inversion. */
static void batch_to_affine(p256_affine *out, const p256_point *in, size_t n, p256_fe *scratch)
{
    fe_copy(scratch[0], in[0].z);
    for (size_t i = 1; i < n; i++)
        mintls_p256_fe_mul(scratch[i], scratch[i - 1], in[i].z);
    p256_fe inv, zi, zi2;
    mintls_p256_fe_inv(inv, scratch[n - 1]);
    for (size_t i = n; i-- > 0;) {
        if (i > 0) {
            mintls_p256_fe_mul(zi, inv, scratch[i - 1]);
            mintls_p256_fe_mul(inv, inv, in[i].z);
        } else {
            fe_copy(zi, inv);
        }
        mintls_p256_fe_sqr(zi2, zi);
        mintls_p256_fe_mul(out[i].x, in[i].x, zi2);
        mintls_p256_fe_mul(zi2, zi2, zi);
        mintls_p256_fe_mul(out[i].y, in[i].y, zi2);
    }
}

static void base_point(p256_point *g)
{
    mintls_p256_fe_to_mont(g->x, GX_PLAIN);
    mintls_p256_fe_to_mont(g->y, GY_PLAIN);
    fe_copy(g->z, mintls_p256_fe_one_mont);
}

/* Builds comb[i][j] = (j+1) 2^(7i) G. Public data: variable time is fine. */
static void comb_init(void)
{
    static p256_point row[COMB_POINTS];
    static p256_fe scratch[COMB_POINTS];
    p256_point base;
    p256_fe h, rr;
    base_point(&base);
    for (int i = 0; i < COMB_WINDOWS; i++) {
        row[0] = base;
        point_dbl(&row[1], &base);
        for (int j = 2; j < COMB_POINTS; j++)
            point_add_raw(&row[j], &row[j - 1], &base, h, rr);
        batch_to_affine(comb[i], row, COMB_POINTS, scratch);
        point_dbl(&base, &row[COMB_POINTS - 1]); /* 128 * base = 2^7 base */
    }
}

static const p256_affine (*comb_table(void))[COMB_POINTS]
{
    pthread_once(&comb_once, comb_init);
    return (const p256_affine(*)[COMB_POINTS])comb;
}

/*
 * Signed Booth digit of width w at window i: bits [w i - 1, w i + w - 1] of
 * k read as b_{-1} + sum b_j 2^j - 2^w b_{w-1}, in [-2^(w-1), 2^(w-1)].
 * Returns the magnitude and sets *out_neg to an all-ones mask if negative.
 * Branch-free in k.
 */
static uint32_t booth_digit(const p256_sc k, int w, int i, uint64_t *out_neg)
{
    int start = w * i - 1; /* position of the low (borrow) bit */
    uint64_t bits = 0;
    /* Gather w + 1 bits starting at `start`; positions are public. */
    for (int b = 0; b <= w; b++) {
        int pos = start + b;
        if (pos < 0 || pos >= 256)
            continue;
        bits |= ((k[pos >> 6] >> (pos & 63)) & 1) << b;
    }
    uint64_t v = (bits + 1) >> 1;          /* b_{-1} + sum_{j<w} b_j 2^j */
    uint64_t top = (bits >> w) & 1;        /* b_{w-1} */
    int64_t d = (int64_t)v - (int64_t)(top << w);
    uint64_t neg = (uint64_t)(d >> 63);
    neg = ct_barrier_u64(neg);
    *out_neg = neg;
    return (uint32_t)(((uint64_t)d ^ neg) - neg);
}

static void fe_cond_neg(p256_fe y, uint64_t mask)
{
    p256_fe n;
    mintls_p256_fe_neg(n, y);
    fe_cmov(y, n, mask);
}

/*
 * sel = row[mag - 1], or all zeros for mag = 0, reading every entry: the
 * memory touched never depends on the secret digit. One mask per entry and
 * plain AND/OR per limb, which the compiler may vectorize.
 */
static void comb_select(p256_affine *sel, const p256_affine *row, uint32_t mag)
{
    uint64_t acc[8] = {0};
    for (uint32_t j = 0; j < COMB_POINTS; j++) {
        uint64_t m = ct_mask_eq_u32(mag, j + 1);
        m |= m << 32;
        const uint64_t *e = (const uint64_t *)&row[j];
        for (int l = 0; l < 8; l++)
            acc[l] |= e[l] & m;
    }
    memcpy(sel, acc, sizeof(acc));
}

void mintls_p256_point_mul_base(p256_point *out, const p256_sc k)
{
    const p256_affine(*tab)[COMB_POINTS] = comb_table();
    p256_point acc, sum;
    p256_affine sel;
    p256_fe h, rr;
    memset(&acc, 0, sizeof(acc)); /* infinity */
    for (int i = 0; i < COMB_WINDOWS; i++) {
        uint64_t neg;
        uint32_t mag = booth_digit(k, 7, i, &neg);
        /* Scan the whole row: the memory touched never depends on k. */
        comb_select(&sel, tab[i], mag);
        fe_cond_neg(sel.y, neg);
        /*
         * acc holds (sum of lower digits) G; its integer is smaller in size
         * than this digit's, so acc = +-sel only when acc is infinity (the
         * top digit cannot close the gap for k < n). Infinity and the zero
         * digit are handled with masks.
         */
        point_madd_raw(&sum, &acc, &sel, h, rr);
        uint64_t acc_inf = mintls_p256_fe_is_zero(acc.z);
        uint64_t zero_digit = ct_mask_zero_u32(mag);
        zero_digit |= zero_digit << 32;
        p256_point selp;
        affine_to_point(&selp, &sel);
        point_cmov(&sum, &selp, acc_inf);
        point_cmov(&sum, &acc, zero_digit);
        acc = sum;
    }
    *out = acc;
    ct_wipe(&sel, sizeof(sel));
    ct_wipe(&sum, sizeof(sum));
    ct_wipe(&acc, sizeof(acc));
}

void mintls_p256_point_mul(p256_point *out, const p256_affine *p, const p256_sc k)
{
    p256_point tab[16], acc, sel;
    affine_to_point(&tab[0], p);
    point_dbl(&tab[1], &tab[0]);
    /* j P != +-P for 2 <= j <= 16: the group order is a large prime. */
    for (int j = 2; j < 16; j++)
        point_add_nodbl_ct(&tab[j], &tab[j - 1], &tab[0]);
    memset(&acc, 0, sizeof(acc));
    for (int i = 51; i >= 0; i--) {
        for (int d = 0; d < 5 && i < 51; d++)
            point_dbl(&acc, &acc);
        uint64_t neg;
        uint32_t mag = booth_digit(k, 5, i, &neg);
        memset(&sel, 0, sizeof(sel)); /* infinity when the digit is 0 */
        for (uint32_t j = 0; j < 16; j++) {
            uint64_t m = ct_mask_eq_u32(mag, j + 1);
            m |= m << 32;
            point_cmov(&sel, &tab[j], m);
        }
        fe_cond_neg(sel.y, neg);
        /*
         * acc = (32 m) P for the prefix m of higher digits, sel = d P with
         * |d| <= 16. Above the last window |32 m| < n/2, so acc = +-sel only
         * if m = 0 (acc infinity, handled). Only in the last window can
         * 32 m reach n + d; that needs n + d = 0 mod 32, which n = 17 mod 32
         * rules out for |d| <= 16, but one complete addition (one extra
         * doubling) there keeps the proof from resting on that accident.
         */
        if (i > 0)
            point_add_nodbl_ct(&acc, &acc, &sel);
        else
            point_add_ct(&acc, &acc, &sel);
    }
    *out = acc;
    ct_wipe(&acc, sizeof(acc));
    ct_wipe(&sel, sizeof(sel));
}

/* ---- variable time, for verification ---- */

static void point_add_vartime(p256_point *r, const p256_point *p, const p256_point *q)
{
    if (mintls_p256_fe_is_zero(p->z)) {
        *r = *q;
        return;
    }
    if (mintls_p256_fe_is_zero(q->z)) {
        *r = *p;
        return;
    }
    p256_fe h, rr;
    p256_point sum;
    point_add_raw(&sum, p, q, h, rr);
    if (mintls_p256_fe_is_zero(h) && mintls_p256_fe_is_zero(rr))
        point_dbl(&sum, p);
    *r = sum;
}

static void point_madd_vartime(p256_point *r, const p256_point *p, const p256_affine *q)
{
    if (mintls_p256_fe_is_zero(p->z)) {
        affine_to_point(r, q);
        return;
    }
    p256_fe h, rr;
    p256_point sum;
    point_madd_raw(&sum, p, q, h, rr);
    if (mintls_p256_fe_is_zero(h) && mintls_p256_fe_is_zero(rr)) {
        p256_point t;
        affine_to_point(&t, q);
        point_dbl(&sum, &t);
    }
    *r = sum;
}

/* Width-5 NAF of k (< 2^256): digits odd in [-15, 15] or 0; 257 digits. */
static void wnaf5(int8_t out[257], const p256_sc k)
{
    uint64_t w[5] = {k[0], k[1], k[2], k[3], 0};
    memset(out, 0, 257);
    for (int i = 0; i < 257; i++) {
        if (w[0] & 1) {
            int d = (int)(w[0] & 31);
            if (d >= 16)
                d -= 32;
            out[i] = (int8_t)d;
            /* w -= d */
            if (d > 0) {
                uint64_t b = (uint64_t)d;
                for (int j = 0; j < 5 && b; j++) {
                    uint64_t o = w[j];
                    w[j] = o - b;
                    b = o < b;
                }
            } else {
                uint64_t c = (uint64_t)(-d);
                for (int j = 0; j < 5 && c; j++) {
                    w[j] += c;
                    c = w[j] < c;
                }
            }
        }
        /* w >>= 1 */
        for (int j = 0; j < 4; j++)
            w[j] = (w[j] >> 1) | (w[j + 1] << 63);
        w[4] >>= 1;
    }
}

void mintls_p256_point_mul_double_vartime(p256_point *out, const p256_sc u1,
                                   const p256_affine *p, const p256_sc u2)
{
    const p256_affine(*tab)[COMB_POINTS] = comb_table();
    p256_point odd[8], p2, acc;
    int8_t naf[257];
    affine_to_point(&odd[0], p);
    point_dbl(&p2, &odd[0]);
    for (int j = 1; j < 8; j++)
        point_add_vartime(&odd[j], &odd[j - 1], &p2);
    wnaf5(naf, u2);
    memset(&acc, 0, sizeof(acc));
    int top = 256;
    while (top >= 0 && naf[top] == 0)
        top--;
    for (int i = top; i >= 0; i--) {
        if (i != top)
            point_dbl(&acc, &acc);
        int d = naf[i];
        if (d > 0) {
            point_add_vartime(&acc, &acc, &odd[d >> 1]);
        } else if (d < 0) {
            p256_point t = odd[(-d) >> 1];
            mintls_p256_fe_neg(t.y, t.y);
            point_add_vartime(&acc, &acc, &t);
        }
    }
    for (int i = 0; i < COMB_WINDOWS; i++) {
        uint64_t neg;
        uint32_t mag = booth_digit(u1, 7, i, &neg);
        if (mag == 0)
            continue;
        p256_affine t = tab[i][mag - 1];
        if (neg)
            mintls_p256_fe_neg(t.y, t.y);
        point_madd_vartime(&acc, &acc, &t);
    }
    *out = acc;
}

/* ---- encoding ---- */

int mintls_p256_point_from_bytes(p256_affine *out, const uint8_t *in, size_t len)
{
    p256_fe x, y, lhs, rhs, t, b;
    if (in == NULL || len != 65 || in[0] != 0x04)
        return 0;
    if (!mintls_p256_fe_from_bytes(x, in + 1) || !mintls_p256_fe_from_bytes(y, in + 33))
        return 0;
    mintls_p256_fe_to_mont(out->x, x);
    mintls_p256_fe_to_mont(out->y, y);
    /* y^2 = x^3 - 3x + b */
    mintls_p256_fe_sqr(lhs, out->y);
    mintls_p256_fe_sqr(rhs, out->x);
    mintls_p256_fe_mul(rhs, rhs, out->x);
    p256_fe_add(t, out->x, out->x);
    p256_fe_add(t, t, out->x);
    p256_fe_sub(rhs, rhs, t);
    mintls_p256_fe_to_mont(b, B_PLAIN);
    p256_fe_add(rhs, rhs, b);
    return ct_memeq(lhs, rhs, sizeof(p256_fe));
}

void mintls_p256_point_to_bytes(uint8_t out[65], const p256_affine *p)
{
    p256_fe t;
    out[0] = 0x04;
    mintls_p256_fe_from_mont(t, p->x);
    mintls_p256_fe_to_bytes(out + 1, t);
    mintls_p256_fe_from_mont(t, p->y);
    mintls_p256_fe_to_bytes(out + 33, t);
}
