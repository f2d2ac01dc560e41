/*
 * Bignum checks against a deliberately simple reference (bit-serial long
 * division): Montgomery multiplication and squaring in both strategies,
 * R^2, wide reduction, the inverse, and both exponentiations, on random
 * and edge-case operands of many limb counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/bn.h"
#include "test.h"

#define MAXL MINTLS_BN_MAX_LIMBS

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd64(void)
{
    /* xorshift64*: reproducible test data */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* r (n limbs) = x (xl limbs) mod m (n limbs), bit by bit. */
static void ref_mod(uint64_t *r, const uint64_t *x, size_t xl, const uint64_t *m, size_t n)
{
    uint64_t acc[MAXL + 1], d[MAXL + 1], mm[MAXL + 1];
    memset(acc, 0, sizeof(acc));
    memcpy(mm, m, n * 8);
    mm[n] = 0;
    for (size_t bit = 64 * xl; bit-- > 0;) {
        uint64_t top = 0;
        for (size_t i = 0; i <= n; i++) {
            uint64_t nt = acc[i] >> 63;
            acc[i] = (acc[i] << 1) | top;
            top = nt;
        }
        acc[0] |= (x[bit / 64] >> (bit % 64)) & 1;
        if (!mintls_bn_sub(d, acc, mm, n + 1))
            memcpy(acc, d, (n + 1) * 8);
    }
    memcpy(r, acc, n * 8);
}

static void ref_modmul(uint64_t *r, const uint64_t *a, const uint64_t *b, const uint64_t *m, size_t n)
{
    uint64_t t[2 * MAXL];
    mintls_bn_mul(t, a, b, n);
    ref_mod(r, t, 2 * n, m, n);
}

/* a * R mod m */
static void ref_to_mont(uint64_t *r, const uint64_t *a, const uint64_t *m, size_t n)
{
    uint64_t t[2 * MAXL];
    memset(t, 0, n * 8);
    memcpy(t + n, a, n * 8);
    ref_mod(r, t, 2 * n, m, n);
}

static void random_below(uint64_t *a, const uint64_t *m, size_t n)
{
    uint64_t t[2 * MAXL];
    for (size_t i = 0; i < 2 * n; i++)
        t[i] = rnd64();
    ref_mod(a, t, 2 * n, m, n);
}

static void make_modulus(uint64_t *m, size_t n, int kind)
{
    for (size_t i = 0; i < n; i++)
        m[i] = rnd64();
    if (kind == 1)
        m[n - 1] |= 1ull << 63; /* full width */
    if (kind == 2)
        for (size_t i = 0; i < n; i++)
            m[i] = ~0ull; /* 2^(64n) - 1 */
    if (kind == 3 && n > 1)
        m[n - 1] = 1; /* short top limb */
    m[0] |= 1;
}

static void check_size(size_t n, int kind)
{
    static mintls_bn_mont m;
    uint64_t mod[MAXL] = {0}, a[MAXL], b[MAXL], am[MAXL], bm[MAXL], r1[MAXL], r2[MAXL], r3[MAXL], r4[MAXL],
        e1[MAXL], t[2 * MAXL];
    char what[64];
    make_modulus(mod, n, kind);
    CHECK(mintls_bn_mont_init(&m, mod, n));
    /* R^2 mod m */
    uint64_t one[MAXL] = {1};
    ref_to_mont(r1, one, mod, n);
    ref_to_mont(r2, r1, mod, n);
    snprintf(what, sizeof(what), "rr n=%zu kind=%d", n, kind);
    CHECK_MEM(m.rr, r2, n * 8, what);

    for (int iter = 0; iter < 6; iter++) {
        random_below(a, mod, n);
        random_below(b, mod, n);
        if (iter == 1) { /* largest operands */
            memcpy(a, mod, n * 8);
            a[0] -= 1;
            memcpy(b, a, n * 8);
        }
        if (iter == 2) {
            memset(a, 0, n * 8);
        }
        ref_to_mont(am, a, mod, n);
        ref_to_mont(bm, b, mod, n);
        ref_modmul(e1, a, b, mod, n);
        ref_to_mont(e1, e1, mod, n); /* abR */
        mintls_bn_mont_mul_portable(r1, am, bm, &m);
        mintls_bn_mont_mul_adx(r2, am, bm, &m);
        snprintf(what, sizeof(what), "mul n=%zu kind=%d", n, kind);
        CHECK_MEM(r1, e1, n * 8, what);
        CHECK_MEM(r2, e1, n * 8, what);
        /* Squaring */
        ref_modmul(e1, a, a, mod, n);
        ref_to_mont(e1, e1, mod, n);
        mintls_bn_mont_sqr_portable(r3, am, &m);
        mintls_bn_mont_sqr_adx(r4, am, &m);
        snprintf(what, sizeof(what), "sqr n=%zu kind=%d", n, kind);
        CHECK_MEM(r3, e1, n * 8, what);
        CHECK_MEM(r4, e1, n * 8, what);
        /* In place through the dispatcher */
        memcpy(r1, am, n * 8);
        mintls_bn_mont_mul(r1, r1, bm, &m);
        mintls_bn_mont_sqr(r2, am, &m);
        CHECK_MEM(r2, r4, n * 8, "dispatch sqr");
        /* Raw mul inputs that are not reduced Montgomery forms behave the same. */
        mintls_bn_mont_mul(r1, a, b, &m); /* ab / R */
        mintls_bn_to_mont(r2, r1, &m);    /* ab */
        ref_modmul(e1, a, b, mod, n);
        CHECK_MEM(r2, e1, n * 8, "to_mont");
        mintls_bn_from_mont(r3, e1, &m);
        CHECK_MEM(r3, r1, n * 8, "from_mont");
        /* Wide reduction of any t < m R */
        for (size_t i = 0; i < n; i++)
            t[i] = rnd64();
        memcpy(t + n, a, n * 8);
        ref_mod(e1, t, 2 * n, mod, n);
        mintls_bn_mod_wide(r1, t, &m);
        CHECK_MEM(r1, e1, n * 8, "mod_wide");
        /* Inverse: a a^-1 = 1 when gcd is 1 (almost always for random a). */
        if (iter != 2) {
            uint64_t ok = mintls_bn_mod_inverse(r1, a, &m);
            ref_modmul(e1, r1, a, mod, n);
            uint64_t want[MAXL] = {1};
            /* Random moduli are composite: a shared factor is possible, then no inverse. */
            if (ok)
                CHECK_MEM(e1, want, n * 8, "inverse");
        } else {
            CHECK(mintls_bn_mod_inverse(r1, a, &m) == 0); /* 0 has no inverse */
        }
    }
}

static void check_modexp(size_t n, size_t exp_bits)
{
    static mintls_bn_mont m;
    static mintls_bn_modexp_ws ws;
    uint64_t mod[MAXL] = {0}, a[MAXL], am[MAXL], e[MAXL], r1[MAXL], r2[MAXL], acc[MAXL];
    if (exp_bits > 64 * n)
        return;
    make_modulus(mod, n, 1);
    CHECK(mintls_bn_mont_init(&m, mod, n));
    random_below(a, mod, n);
    memset(e, 0, sizeof(e));
    for (size_t i = 0; i < (exp_bits + 63) / 64; i++)
        e[i] = rnd64();
    if (exp_bits % 64)
        e[exp_bits / 64] &= (1ull << (exp_bits % 64)) - 1;
    mintls_bn_to_mont(am, a, &m);
    CHECK(mintls_bn_modexp_ct(r1, am, e, exp_bits, &m, &ws));
    mintls_bn_modexp_public(r2, am, e, n, &m);
    char what[64];
    snprintf(what, sizeof(what), "modexp ct/public n=%zu bits=%zu", n, exp_bits);
    CHECK_MEM(r1, r2, n * 8, what);
    if (exp_bits <= 200) {
        /* Reference square-and-multiply on plain residues */
        uint64_t one[MAXL] = {1};
        memcpy(acc, one, n * 8);
        for (size_t i = exp_bits; i-- > 0;) {
            ref_modmul(acc, acc, acc, mod, n);
            if ((e[i / 64] >> (i % 64)) & 1)
                ref_modmul(acc, acc, a, mod, n);
        }
        mintls_bn_from_mont(r2, r1, &m);
        CHECK_MEM(r2, acc, n * 8, "modexp reference");
    }
}

/*
 * The AVX-512 IFMA exponentiation against the 64-bit one: random and edge
 * moduli, bases and exponents of 16 and 32 limbs (1024 and 2048 bits).
 */
static int ifma_checks;

static void check_modexp_ifma(size_t n, int kind, size_t exp_bits, int base_kind, int exp_kind)
{
    static mintls_bn_mont m;
    static mintls_bn_modexp_ws ws;
    uint64_t mod[MAXL] = {0}, a[MAXL], am[MAXL], e[MAXL] = {0}, r1[MAXL], r2[MAXL];
    if (!mintls_bn_ifma_supports(n))
        return;
    make_modulus(mod, n, kind);
    CHECK(mintls_bn_mont_init(&m, mod, n));
    random_below(a, mod, n);
    if (base_kind == 1)
        memset(a, 0, sizeof(a));
    if (base_kind == 2) {
        memset(a, 0, sizeof(a));
        a[0] = 1;
    }
    if (base_kind == 3) {
        memcpy(a, mod, n * 8);
        a[0] -= 1; /* m - 1 */
    }
    for (size_t i = 0; i < (exp_bits + 63) / 64; i++)
        e[i] = exp_kind == 1 ? ~0ull : exp_kind == 2 ? 0 : rnd64();
    if (exp_bits % 64)
        e[exp_bits / 64] &= (1ull << (exp_bits % 64)) - 1;
    mintls_bn_to_mont(am, a, &m);
    memset(r1, 0xa5, sizeof(r1));
    CHECK(mintls_bn_modexp_ct_ifma(r1, am, e, exp_bits, &m));
    CHECK(mintls_bn_modexp_ct_words(r2, am, e, exp_bits, &m, &ws));
    char what[96];
    snprintf(what, sizeof(what), "ifma/words n=%zu kind=%d bits=%zu base=%d exp=%d", n, kind, exp_bits,
             base_kind, exp_kind);
    CHECK_MEM(r1, r2, n * 8, what);
    CHECK(mintls_bn_lt_mask(r1, mod, n) != 0);
    ifma_checks++;
}

/* The interleaved pair (two moduli, exponents of different lengths) against two single runs. */
static void check_modexp_pair(size_t n, size_t bits1, size_t bits2)
{
    static mintls_bn_mont m1, m2;
    static mintls_bn_modexp_ws ws;
    uint64_t mod1[MAXL] = {0}, mod2[MAXL] = {0}, a1[MAXL], a2[MAXL], e1[MAXL] = {0}, e2[MAXL] = {0};
    uint64_t r1[MAXL], r2[MAXL], w1[MAXL], w2[MAXL];
    make_modulus(mod1, n, 1);
    make_modulus(mod2, n, 3);
    CHECK(mintls_bn_mont_init(&m1, mod1, n));
    CHECK(mintls_bn_mont_init(&m2, mod2, n));
    random_below(a1, mod1, n);
    random_below(a2, mod2, n);
    for (size_t i = 0; i < n; i++) {
        e1[i] = rnd64();
        e2[i] = rnd64();
    }
    if (bits1 % 64)
        e1[bits1 / 64] &= (1ull << (bits1 % 64)) - 1;
    for (size_t i = (bits1 + 63) / 64; i < n; i++)
        e1[i] = 0;
    if (bits2 % 64)
        e2[bits2 / 64] &= (1ull << (bits2 % 64)) - 1;
    for (size_t i = (bits2 + 63) / 64; i < n; i++)
        e2[i] = 0;
    CHECK(mintls_bn_modexp_ct2(r1, a1, e1, bits1, &m1, r2, a2, e2, bits2, &m2, &ws));
    CHECK(mintls_bn_modexp_ct_words(w1, a1, e1, bits1, &m1, &ws));
    CHECK(mintls_bn_modexp_ct_words(w2, a2, e2, bits2, &m2, &ws));
    CHECK_MEM(r1, w1, n * 8, "modexp pair, first");
    CHECK_MEM(r2, w2, n * 8, "modexp pair, second");
    if (mintls_bn_ifma_supports(n))
        ifma_checks += 2;
}

static void check_ifma(void)
{
    for (int i = 0; i < 4; i++) {
        check_modexp_pair(16, 1024, 1024);
        check_modexp_pair(16, 1019, 1024);
        check_modexp_pair(16, 1024, 1000);
        check_modexp_pair(32, 2048, 2041);
        check_modexp_pair(24, 1536, 1530); /* no IFMA size: the fallback */
    }
    static const size_t ns[] = {16, 32};
    for (size_t i = 0; i < 2; i++) {
        size_t n = ns[i];
        if (!mintls_bn_ifma_supports(n)) {
            /* Not offered here (CPU or MINTLS_CPU): the entry point must refuse. */
            static mintls_bn_mont m;
            uint64_t mod[MAXL] = {0}, z[MAXL] = {0}, r[MAXL];
            make_modulus(mod, n, 1);
            CHECK(mintls_bn_mont_init(&m, mod, n));
            CHECK(!mintls_bn_modexp_ct_ifma(r, z, z, 5, &m));
            continue;
        }
        for (int iter = 0; iter < 12; iter++)
            for (int kind = 0; kind < 4; kind++)
                check_modexp_ifma(n, kind, 64 * n, 0, 0);
        for (int kind = 0; kind < 4; kind++)
            for (int bk = 0; bk < 4; bk++)
                for (int ek = 0; ek < 3; ek++)
                    check_modexp_ifma(n, kind, 64 * n, bk, ek);
        static const size_t bits[] = {0, 1, 5, 6, 63, 64, 65, 511, 1000, 1023};
        for (size_t j = 0; j < sizeof(bits) / sizeof(bits[0]); j++)
            check_modexp_ifma(n, 1, bits[j], 0, 0);
    }
    printf("ifma modexp comparisons: %d\n", ifma_checks);
}

/* Inverses modulo Mersenne primes 2^p - 1 always exist. */
static void check_inverse_prime(unsigned p)
{
    static mintls_bn_mont m;
    uint64_t mod[MAXL], a[MAXL], r[MAXL], e1[MAXL], want[MAXL] = {1};
    size_t n = (p + 63) / 64;
    for (size_t i = 0; i < n; i++)
        mod[i] = ~0ull;
    if (p % 64)
        mod[n - 1] = (1ull << (p % 64)) - 1;
    CHECK(mintls_bn_mont_init(&m, mod, n));
    for (int iter = 0; iter < 5; iter++) {
        random_below(a, mod, n);
        if (iter == 0) {
            memset(a, 0, n * 8);
            a[0] = 1;
        }
        if (iter == 1) {
            memcpy(a, mod, n * 8);
            a[0] -= 1;
        }
        CHECK(mintls_bn_mod_inverse(r, a, &m) != 0);
        ref_modmul(e1, r, a, mod, n);
        CHECK_MEM(e1, want, n * 8, "inverse mod prime");
    }
}

int main(void)
{
    static const unsigned mersenne[] = {61, 127, 521, 607, 1279, 2203};
    for (size_t i = 0; i < sizeof(mersenne) / sizeof(mersenne[0]); i++)
        check_inverse_prime(mersenne[i]);
    static const size_t sizes[] = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 23, 24, 31, 32, 33, 48, 64, 65, 128};
    printf("mont path: %s\n", mintls_bn_mont_uses_adx() ? "adx" : "portable");
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        for (int kind = 0; kind < 4; kind++)
            if (sizes[i] <= 64 || kind == 1) /* the reference is slow at the largest sizes */
                check_size(sizes[i], kind);
    static const size_t esizes[] = {1, 16, 24, 32, 64};
    for (size_t i = 0; i < sizeof(esizes) / sizeof(esizes[0]); i++) {
        check_modexp(esizes[i], 1);
        check_modexp(esizes[i], 5);
        check_modexp(esizes[i], 6);
        check_modexp(esizes[i], 77);
        check_modexp(esizes[i], 200);
        check_modexp(esizes[i], 64 * esizes[i]);
    }
    check_ifma();
    return test_summary();
}
