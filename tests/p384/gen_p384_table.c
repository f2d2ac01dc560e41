/*
 * Generates crypto/p384_table.c: multiples of the P-384 generator G as
 * affine (x, y) in Montgomery form (value * 2^384 mod p), six 64-bit limbs,
 * least significant first.
 *
 * It shares no code with the library: a field element is six limbs, a
 * product is computed bit by bit with modular doubling and addition, an
 * inverse with the binary extended Euclidean algorithm, and points are
 * added in plain affine coordinates (SEC 1 2.2.1) with one inversion each.
 * Slow, but simple enough to check by eye. As a self-check it verifies
 * that G is on the curve, that every inverse is one, that every printed
 * point is on the curve, and that (n - 1) G = -G.
 *
 *   gcc -O2 tests/p384/gen_p384_table.c -o gen && ./gen > crypto/p384_table.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NL 6 /* limbs */

typedef uint64_t fe[NL];

typedef struct {
    fe x, y;
} affine;

/* Curve constants, SEC 2 section 2.5.1 (FIPS 186-4 D.1.2.4). */
static const char *P_HEX = "ffffffffffffffffffffffffffffffffffffffffffffffff"
                           "fffffffffffffffeffffffff0000000000000000ffffffff";
static const char *B_HEX = "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe814112"
                           "0314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef";
static const char *N_HEX = "ffffffffffffffffffffffffffffffffffffffffffffffff"
                           "c7634d81f4372ddf581a0db248b0a77aecec196accc52973";
static const char *GX_HEX = "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b98"
                            "59f741e082542a385502f25dbf55296c3a545e3872760ab7";
static const char *GY_HEX = "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147c"
                            "e9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f";

static fe p, b;

static void fail(const char *what)
{
    fprintf(stderr, "gen_p384_table: self-check failed: %s\n", what);
    exit(1);
}

/* 96 hex digits, most significant first. */
static void from_hex(fe r, const char *hex)
{
    if (strlen(hex) != 16 * NL)
        fail("hex constant length");
    for (int i = 0; i < NL; i++) {
        uint64_t v = 0;
        for (int j = 0; j < 16; j++) {
            char c = hex[16 * (NL - 1 - i) + j];
            unsigned d = c <= '9' ? (unsigned)(c - '0') : (unsigned)(c - 'a' + 10);
            v = v << 4 | d;
        }
        r[i] = v;
    }
}

/* -1, 0, 1 as a <, =, > b. */
static int cmp(const fe a, const fe c)
{
    for (int i = NL - 1; i >= 0; i--) {
        if (a[i] != c[i])
            return a[i] < c[i] ? -1 : 1;
    }
    return 0;
}

static int is_zero(const fe a)
{
    uint64_t t = 0;
    for (int i = 0; i < NL; i++)
        t |= a[i];
    return t == 0;
}

static void set_u64(fe r, uint64_t v)
{
    memset(r, 0, sizeof(fe));
    r[0] = v;
}

/* r = a + c, returns the carry out. */
static uint64_t add_raw(fe r, const fe a, const fe c)
{
    uint64_t carry = 0;
    for (int i = 0; i < NL; i++) {
        uint64_t s = a[i] + c[i];
        uint64_t c1 = s < a[i];
        uint64_t s2 = s + carry;
        uint64_t c2 = s2 < s;
        r[i] = s2;
        carry = c1 | c2;
    }
    return carry;
}

/* r = a - c, returns the borrow out. */
static uint64_t sub_raw(fe r, const fe a, const fe c)
{
    uint64_t borrow = 0;
    for (int i = 0; i < NL; i++) {
        uint64_t d = a[i] - c[i];
        uint64_t b1 = a[i] < c[i];
        uint64_t d2 = d - borrow;
        uint64_t b2 = d < borrow;
        r[i] = d2;
        borrow = b1 | b2;
    }
    return borrow;
}

/* Field arithmetic mod p on fully reduced inputs. */
static void fadd(fe r, const fe a, const fe c)
{
    uint64_t carry = add_raw(r, a, c);
    if (carry || cmp(r, p) >= 0)
        sub_raw(r, r, p);
}

static void fsub(fe r, const fe a, const fe c)
{
    if (sub_raw(r, a, c))
        add_raw(r, r, p);
}

/* Left to right over the bits of c: acc = 2 acc (+ a). */
static void fmul(fe r, const fe a, const fe c)
{
    fe acc, aa, cc;
    memcpy(aa, a, sizeof(fe));
    memcpy(cc, c, sizeof(fe));
    memset(acc, 0, sizeof(fe));
    for (int i = 64 * NL - 1; i >= 0; i--) {
        fadd(acc, acc, acc);
        if ((cc[i / 64] >> (i % 64)) & 1)
            fadd(acc, acc, aa);
    }
    memcpy(r, acc, sizeof(fe));
}

/* r = a / 2 mod p for a < p: add p first when a is odd (p is odd). */
static void fhalf(fe r, const fe a)
{
    fe t;
    uint64_t top = 0;
    memcpy(t, a, sizeof(fe));
    if (t[0] & 1)
        top = add_raw(t, t, p);
    for (int i = 0; i < NL - 1; i++)
        r[i] = t[i] >> 1 | t[i + 1] << 63;
    r[NL - 1] = t[NL - 1] >> 1 | top << 63;
}

static void shr1(fe a)
{
    for (int i = 0; i < NL - 1; i++)
        a[i] = a[i] >> 1 | a[i + 1] << 63;
    a[NL - 1] >>= 1;
}

/*
 * Binary extended Euclid (Hankerson, Menezes, Vanstone, Algorithm 2.22):
 * invariants x1 a = u and x2 a = v (mod p).
 */
static void finv(fe r, const fe a)
{
    fe u, v, x1, x2, one, check, inv;
    if (is_zero(a))
        fail("inverse of zero");
    memcpy(u, a, sizeof(fe)); /* r may alias a */
    memcpy(v, p, sizeof(fe));
    set_u64(x1, 1);
    set_u64(x2, 0);
    set_u64(one, 1);
    while (cmp(u, one) != 0 && cmp(v, one) != 0) {
        while ((u[0] & 1) == 0) {
            shr1(u);
            fhalf(x1, x1);
        }
        while ((v[0] & 1) == 0) {
            shr1(v);
            fhalf(x2, x2);
        }
        if (cmp(u, v) >= 0) {
            sub_raw(u, u, v);
            fsub(x1, x1, x2);
        } else {
            sub_raw(v, v, u);
            fsub(x2, x2, x1);
        }
    }
    memcpy(inv, cmp(u, one) == 0 ? x1 : x2, sizeof(fe));
    fmul(check, inv, a);
    if (cmp(check, one) != 0)
        fail("inverse");
    memcpy(r, inv, sizeof(fe));
}

static int on_curve(const affine *pt)
{
    fe lhs, rhs, t;
    fmul(lhs, pt->y, pt->y);
    fmul(rhs, pt->x, pt->x);
    fmul(rhs, rhs, pt->x);
    fadd(t, pt->x, pt->x);
    fadd(t, t, pt->x);
    fsub(rhs, rhs, t);
    fadd(rhs, rhs, b);
    return cmp(lhs, rhs) == 0;
}

/*
 * r = s + q in affine coordinates (a = -3), doubling when s = q. The table
 * never needs the point at infinity, so s = -q is an error.
 */
static void add(affine *r, const affine *s, const affine *q)
{
    fe lambda, num, den, t;
    affine out;
    if (cmp(s->x, q->x) == 0) {
        if (cmp(s->y, q->y) != 0 || is_zero(s->y))
            fail("sum is the point at infinity");
        /* lambda = (3 x^2 - 3) / (2 y) */
        fmul(num, s->x, s->x);
        fadd(t, num, num);
        fadd(num, t, num);
        set_u64(t, 3);
        fsub(num, num, t);
        fadd(den, s->y, s->y);
    } else {
        /* lambda = (y2 - y1) / (x2 - x1) */
        fsub(num, q->y, s->y);
        fsub(den, q->x, s->x);
    }
    finv(den, den);
    fmul(lambda, num, den);
    /* x3 = lambda^2 - x1 - x2, y3 = lambda (x1 - x3) - y1 */
    fmul(out.x, lambda, lambda);
    fsub(out.x, out.x, s->x);
    fsub(out.x, out.x, q->x);
    fsub(t, s->x, out.x);
    fmul(out.y, lambda, t);
    fsub(out.y, out.y, s->y);
    *r = out;
}

/* (n - 1) G by double-and-add must be -G = (Gx, p - Gy). */
static void check_order(const affine *g)
{
    fe n, negy;
    affine acc;
    from_hex(n, N_HEX);
    n[0] -= 1; /* n is odd */
    int top = 64 * NL - 1;
    while (!((n[top / 64] >> (top % 64)) & 1))
        top--;
    acc = *g;
    for (int i = top - 1; i >= 0; i--) {
        add(&acc, &acc, &acc);
        if ((n[i / 64] >> (i % 64)) & 1)
            add(&acc, &acc, g);
    }
    fsub(negy, p, g->y);
    if (cmp(acc.x, g->x) != 0 || cmp(acc.y, negy) != 0)
        fail("(n - 1) G != -G");
}

static void print_fe(const fe a)
{
    fe m;
    /* Montgomery form: a 2^384 mod p, by 384 modular doublings. */
    memcpy(m, a, sizeof(fe));
    for (int i = 0; i < 64 * NL; i++)
        fadd(m, m, m);
    printf("{");
    for (int i = 0; i < NL; i++)
        printf("%s0x%016llxULL", i ? ", " : "", (unsigned long long)m[i]);
    printf("}");
}

static void print_point(const affine *pt, const char *indent)
{
    if (!on_curve(pt))
        fail("point not on the curve");
    printf("%s{", indent);
    print_fe(pt->x);
    printf(",\n%s ", indent);
    print_fe(pt->y);
    printf("},\n");
}

int main(void)
{
    affine g, row, acc, two_g;
    from_hex(p, P_HEX);
    from_hex(b, B_HEX);
    from_hex(g.x, GX_HEX);
    from_hex(g.y, GY_HEX);
    if (!on_curve(&g))
        fail("G not on the curve");
    check_order(&g);

    printf("/*\n"
           " * Precomputed multiples of the P-384 generator for the fixed-base comb in\n"
           " * p384_point.c: entry [i][d - 1] is d * 2^(16 i) * G for d = 1..15, as\n"
           " * affine (x, y) in Montgomery form (value * 2^384 mod p). GENERATED by\n"
           " * tests/p384/gen_p384_table.c from the curve constants (SEC 2 2.5.1),\n"
           " * affine double-and-add; do not edit. Checked by the unit tests through\n"
           " * every sign and keygen, and against the generator by the ctest\n"
           " * p384_base_table_fresh.\n"
           " */\n");
    printf("#include \"internal/p384.h\"\n\n");
    printf("const uint64_t mintls_p384_base_table[24][15][2][6] = {\n");
    row = g;
    for (int i = 0; i < 24; i++) {
        printf("    {\n");
        acc = row;
        for (int d = 1; d <= 15; d++) {
            print_point(&acc, "        ");
            if (d < 15)
                add(&acc, &acc, &row);
        }
        printf("    },\n");
        /* next row: 2^16 row */
        for (int k = 0; k < 16; k++)
            add(&row, &row, &row);
    }
    printf("};\n\n");

    printf("/*\n"
           " * Odd multiples (2j + 1) G, j = 0..31, affine Montgomery (x, y): the\n"
           " * generator's digits in the verifier's width-7 NAF.\n"
           " */\n");
    printf("const uint64_t mintls_p384_g_odd[32][2][6] = {\n");
    add(&two_g, &g, &g);
    acc = g;
    for (int j = 0; j < 32; j++) {
        print_point(&acc, "    ");
        if (j < 31)
            add(&acc, &acc, &two_g);
    }
    printf("};\n");
    return 0;
}
