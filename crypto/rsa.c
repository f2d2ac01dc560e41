/*
 * RSA keys and the raw operations (RFC 8017 sections 3 and 5).
 *
 * Private operation, for input c < n:
 *   for each prime p (and q): with a random blinding value s mod p,
 *     m_p = (c * s^e)^dp * s^-1 mod p      (e dp = 1 mod p-1, so (s^e)^dp = s)
 *   The pair (s^e, s^-1) is kept in the key and squared after each use, so
 *   a fresh s (and its inversion) is needed only every MINTLS_RSA_BLIND_USES
 *   operations; see mintls_rsa_blinding.
 *   Garner: m = m_q + q * (qinv (m_p - m_q) mod p)
 *   and m is released only if m^e mod n == c (a fault in the CRT halves
 *   would otherwise hand out a multiple of one prime).
 * Everything after the input check runs in time that depends only on the
 * key's public sizes: blinding hides the input from the exponentiation, and
 * the exponentiation hides the exponent.
 */
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "internal/ct.h"
#include "internal/rsa.h"

typedef unsigned __int128 u128;

/* Skips leading zero bytes of a public big-endian integer. */
static void strip(const uint8_t **p, size_t *len)
{
    while (*len > 0 && **p == 0) {
        (*p)++;
        (*len)--;
    }
}

int mintls_rsa_public_from_be(mintls_rsa_public *out, const uint8_t *n, size_t n_len,
                              const uint8_t *e, size_t e_len)
{
    uint64_t tmp[MINTLS_BN_MAX_LIMBS];
    memset(out, 0, sizeof(*out));
    strip(&n, &n_len);
    strip(&e, &e_len);
    if (n_len == 0 || n_len > MINTLS_RSA_MAX_BYTES || e_len == 0 || e_len > MINTLS_RSA_MAX_BYTES)
        return 0;
    size_t nl = (n_len + 7) / 8;
    if (!mintls_bn_from_be(tmp, nl, n, n_len))
        return 0;
    size_t bits = mintls_bn_bits_vartime(tmp, nl);
    if (bits < MINTLS_RSA_MIN_BITS || bits > MINTLS_RSA_MAX_BITS)
        return 0;
    if (!mintls_bn_mont_init(&out->n, tmp, nl))
        return 0;
    out->bits = bits;
    out->len = (bits + 7) / 8;
    out->e_limbs = (e_len + 7) / 8;
    if (!mintls_bn_from_be(out->e, out->e_limbs, e, e_len))
        return 0;
    /* e must be odd and at least 3, and below n. */
    if ((out->e[0] & 1) == 0 || (out->e_limbs == 1 && out->e[0] < 3) || out->e_limbs > nl)
        return 0;
    if (out->e_limbs == nl && !mintls_bn_lt_mask(out->e, out->n.m, nl))
        return 0;
    return 1;
}

size_t mintls_rsa_size(const mintls_rsa_public *k)
{
    return k->len;
}

void mintls_rsa_private_wipe(mintls_rsa_private *k)
{
    /* Wiping twice is harmless: a zeroed mutex destroys cleanly. */
    pthread_mutex_destroy(&k->blind.lock);
    ct_wipe(k, sizeof(*k));
}

/* Imports a secret big-endian integer into limbs; fails if it needs more than n limbs. */
static int secret_from_be(uint64_t *out, size_t n, const uint8_t *in, size_t len)
{
    return mintls_bn_from_be(out, n, in, len);
}

int mintls_rsa_private_from_be(mintls_rsa_private *out, const uint8_t *n, size_t n_len,
                               const uint8_t *e, size_t e_len, const uint8_t *d, size_t d_len,
                               const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len,
                               const uint8_t *dp, size_t dp_len, const uint8_t *dq, size_t dq_len,
                               const uint8_t *qinv, size_t qinv_len)
{
    uint64_t a[MINTLS_BN_MAX_LIMBS], b[MINTLS_BN_MAX_LIMBS], t[2 * MINTLS_BN_MAX_LIMBS];
    int ok = 0;
    memset(out, 0, sizeof(*out));
    pthread_mutex_init(&out->blind.lock, NULL);
    if (!mintls_rsa_public_from_be(&out->pub, n, n_len, e, e_len))
        goto done;
    size_t nl = out->pub.n.n;
    /* The primes' lengths are public (they follow from the modulus size). */
    strip(&p, &p_len);
    strip(&q, &q_len);
    size_t pl = (p_len + 7) / 8, ql = (q_len + 7) / 8;
    size_t h = pl > ql ? pl : ql;
    if (h == 0 || h > MINTLS_BN_CT_MAX_LIMBS || nl > 2 * h)
        goto done;
    if (!secret_from_be(a, h, p, p_len) || !secret_from_be(b, h, q, q_len))
        goto done;
    if (!mintls_bn_mont_init(&out->p, a, h) || !mintls_bn_mont_init(&out->q, b, h))
        goto done;
    out->half = h;
    out->p_bits = mintls_bn_bits_vartime(a, h);
    out->q_bits = mintls_bn_bits_vartime(b, h);
    memcpy(out->q_plain, b, h * sizeof(uint64_t));
    /* n = p q (a key check, not secret-dependent in outcome for a valid key). */
    mintls_bn_mul(t, a, b, h);
    memset(a, 0, sizeof(a));
    memcpy(a, out->pub.n.m, nl * sizeof(uint64_t));
    if (!ct_memeq(t, a, 2 * h * sizeof(uint64_t)))
        goto done;
    if (!secret_from_be(out->d, nl, d, d_len) || !secret_from_be(out->dp, h, dp, dp_len) ||
        !secret_from_be(out->dq, h, dq, dq_len) || !secret_from_be(a, h, qinv, qinv_len))
        goto done;
    if (!mintls_bn_lt_mask(out->dp, out->p.m, h) || !mintls_bn_lt_mask(out->dq, out->q.m, h) ||
        !mintls_bn_lt_mask(a, out->p.m, h))
        goto done;
    mintls_bn_to_mont(out->qinv_mont, a, &out->p);
    ok = 1;
done:
    ct_wipe(a, sizeof(a));
    ct_wipe(b, sizeof(b));
    ct_wipe(t, sizeof(t));
    if (!ok)
        mintls_rsa_private_wipe(out);
    return ok;
}

int mintls_rsa_public_raw(const mintls_rsa_public *k, const uint8_t *in, uint8_t *out)
{
    uint64_t x[MINTLS_BN_MAX_LIMBS];
    const mintls_bn_mont *n = &k->n;
    if (!mintls_bn_from_be(x, n->n, in, k->len) || !mintls_bn_lt_mask(x, n->m, n->n))
        return 0;
    mintls_bn_to_mont(x, x, n);
    mintls_bn_modexp_public(x, x, k->e, k->e_limbs, n);
    mintls_bn_from_mont(x, x, n);
    mintls_bn_to_be(out, k->len, x, n->n);
    return 1;
}

/*
 * A fresh blinding pair for prime m from h limbs of rnd: a = s^e R and
 * ai = s^-1 R. A random t < R reduces to t / R mod m, a uniform s (an s of
 * 0 becomes 1, under a mask). Returns the inverse's all-ones success mask;
 * for a prime m it cannot fail, and a wrong pair (composite "prime") would
 * anyway be caught by the check before release.
 */
static uint64_t blind_fresh(uint64_t *a, uint64_t *ai, const mintls_bn_mont *m,
                            const mintls_rsa_public *pub, const uint8_t *rnd)
{
    size_t h = m->n;
    uint64_t s[MINTLS_BN_CT_MAX_LIMBS], t[2 * MINTLS_BN_CT_MAX_LIMBS];
    mintls_bn_from_be(t, h, rnd, 8 * h);
    memset(t + h, 0, h * sizeof(uint64_t));
    mintls_bn_mont_reduce(s, t, m);                          /* s */
    uint64_t any = 0;
    for (size_t i = 0; i < h; i++)
        any |= s[i];
    s[0] |= ct_mask_zero_u64(any) & 1;
    mintls_bn_to_mont(t, s, m);                              /* s R */
    mintls_bn_modexp_public(a, t, pub->e, pub->e_limbs, m);  /* s^e R */
    uint64_t ok = mintls_bn_mod_inverse(ai, s, m);           /* s^-1 */
    mintls_bn_to_mont(ai, ai, m);                            /* s^-1 R */
    ct_wipe(s, sizeof(s));
    ct_wipe(t, sizeof(t));
    return ok;
}

/* One CRT half before the exponentiation: x = c s^e R mod m for c of 2h limbs (c < n <= m R). */
static void crt_blind(uint64_t *x, const uint64_t *c, const mintls_bn_mont *m, const uint64_t *a)
{
    mintls_bn_mod_wide(x, c, m);
    mintls_bn_to_mont(x, x, m);     /* c R */
    mintls_bn_mont_mul(x, x, a, m); /* c s^e R */
}

/* And after it: y = c^d s R (e d = 1 mod m-1) becomes out = c^d in normal form. */
static void crt_unblind(uint64_t *out, uint64_t *y, const mintls_bn_mont *m, const uint64_t *ai)
{
    mintls_bn_mont_mul(y, y, ai, m); /* c^d R */
    mintls_bn_from_mont(out, y, m);  /* c^d */
}

/* The blinding pairs of one operation: p's then q's, each a = s^e R, ai = s^-1 R. */
typedef struct blind_pairs {
    uint64_t a_p[MINTLS_BN_CT_MAX_LIMBS], ai_p[MINTLS_BN_CT_MAX_LIMBS];
    uint64_t a_q[MINTLS_BN_CT_MAX_LIMBS], ai_q[MINTLS_BN_CT_MAX_LIMBS];
} blind_pairs;

/* Fresh pairs for both primes from MINTLS_RSA_BLIND_BYTES(k) bytes of rnd. */
static uint64_t blind_pairs_fresh(blind_pairs *bp, const mintls_rsa_private *k, const uint8_t *rnd)
{
    uint64_t ok = blind_fresh(bp->a_p, bp->ai_p, &k->p, &k->pub, rnd);
    ok &= blind_fresh(bp->a_q, bp->ai_q, &k->q, &k->pub, rnd + 8 * k->half);
    return ok;
}

static int private_op(const mintls_rsa_private *k, const uint8_t *in, uint8_t *out,
                      const blind_pairs *bp, uint64_t ok)
{
    const mintls_rsa_public *pub = &k->pub;
    size_t nl = pub->n.n, h = k->half;
    uint64_t c[2 * MINTLS_BN_CT_MAX_LIMBS], mp[MINTLS_BN_CT_MAX_LIMBS], mq[MINTLS_BN_CT_MAX_LIMBS],
        t[2 * MINTLS_BN_CT_MAX_LIMBS], u[2 * MINTLS_BN_CT_MAX_LIMBS], v[MINTLS_BN_MAX_LIMBS],
        xp[MINTLS_BN_CT_MAX_LIMBS], xq[MINTLS_BN_CT_MAX_LIMBS], yp[MINTLS_BN_CT_MAX_LIMBS],
        yq[MINTLS_BN_CT_MAX_LIMBS];
    mintls_bn_modexp_ws ws;

    /* The input is public: a plain range check. */
    memset(c, 0, sizeof(c));
    if (!mintls_bn_from_be(c, nl, in, pub->len) || !mintls_bn_lt_mask(c, pub->n.m, nl))
        return 0;

    /* Both halves' exponentiations together: interleaved where the CPU allows. */
    crt_blind(xp, c, &k->p, bp->a_p);
    crt_blind(xq, c, &k->q, bp->a_q);
    ok &= (uint64_t)0 - (uint64_t)mintls_bn_modexp_ct2(yp, xp, k->dp, k->p_bits, &k->p, yq, xq, k->dq,
                                                         k->q_bits, &k->q, &ws);
    crt_unblind(mp, yp, &k->p, bp->ai_p);
    crt_unblind(mq, yq, &k->q, bp->ai_q);

    /* Garner: m = mq + q * ((mp - mq) qinv mod p). mq < q < R, so mq mod p is a wide reduction. */
    memcpy(t, mq, h * sizeof(uint64_t));
    memset(t + h, 0, h * sizeof(uint64_t));
    mintls_bn_mod_wide(u, t, &k->p);
    uint64_t borrow = mintls_bn_sub(u, mp, u, h);
    uint64_t addp = (uint64_t)0 - borrow, carry = 0;
    for (size_t i = 0; i < h; i++) {
        u128 s = (u128)u[i] + (k->p.m[i] & addp) + carry;
        u[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }
    mintls_bn_mont_mul(u, u, k->qinv_mont, &k->p);
    mintls_bn_mul(t, u, k->q_plain, h);
    carry = 0;
    for (size_t i = 0; i < 2 * h; i++) {
        u128 s = (u128)t[i] + (i < h ? mq[i] : 0) + carry;
        t[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }

    /* Verify before release: t^e mod n must give back c. */
    mintls_bn_to_mont(v, t, &pub->n);
    mintls_bn_modexp_public(v, v, pub->e, pub->e_limbs, &pub->n);
    mintls_bn_from_mont(v, v, &pub->n);
    uint64_t diff = 0;
    for (size_t i = 0; i < nl; i++)
        diff |= v[i] ^ c[i];
    for (size_t i = nl; i < 2 * h; i++)
        diff |= t[i]; /* the result must fit the modulus' limbs */
    ok &= ct_mask_zero_u64(diff);
    for (size_t i = 0; i < nl; i++)
        t[i] &= ok;
    mintls_bn_to_be(out, pub->len, t, nl);

    ct_wipe(mp, sizeof(mp));
    ct_wipe(mq, sizeof(mq));
    ct_wipe(t, sizeof(t));
    ct_wipe(u, sizeof(u));
    ct_wipe(v, sizeof(v));
    ct_wipe(xp, sizeof(xp));
    ct_wipe(xq, sizeof(xq));
    ct_wipe(yp, sizeof(yp));
    ct_wipe(yq, sizeof(yq));
    return (int)(ok & 1);
}

int mintls_rsa_private_raw_rand(const mintls_rsa_private *k, const uint8_t *in, uint8_t *out,
                                const uint8_t *blind_rand)
{
    blind_pairs bp;
    if (k->half == 0 || blind_rand == NULL)
        return 0;
    uint64_t ok = blind_pairs_fresh(&bp, k, blind_rand);
    int r = private_op(k, in, out, &bp, ok);
    ct_wipe(&bp, sizeof(bp));
    return r;
}

/* Squares every stored value in place: s -> s^2 keeps the pairs' relation. */
static void blind_advance(mintls_rsa_blinding *b, const mintls_rsa_private *k)
{
    mintls_bn_mont_sqr(b->a_p, b->a_p, &k->p);
    mintls_bn_mont_sqr(b->ai_p, b->ai_p, &k->p);
    mintls_bn_mont_sqr(b->a_q, b->a_q, &k->q);
    mintls_bn_mont_sqr(b->ai_q, b->ai_q, &k->q);
}

/*
 * Takes this operation's pairs from the key: the stored ones, advanced for
 * the next caller, or, when they are used up, fresh ones (one inversion per
 * prime, done outside the lock) whose squares are then stored. While one
 * thread draws a fresh s the others keep using the old sequence rather than
 * all inverting at once.
 */
static int blind_take(blind_pairs *bp, uint64_t *ok_mask, const mintls_rsa_private *k)
{
    /* The key is const to its users; its blinding state is the one mutable part. */
    mintls_rsa_blinding *b = (mintls_rsa_blinding *)&k->blind;
    size_t bytes = MINTLS_RSA_BLIND_BYTES(k);
    pid_t pid = getpid();
    int have = 0;

    pthread_mutex_lock(&b->lock);
    if (b->ready && b->pid == pid && (b->uses_left > 0 || b->refreshing)) {
        memcpy(bp->a_p, b->a_p, sizeof(bp->a_p));
        memcpy(bp->ai_p, b->ai_p, sizeof(bp->ai_p));
        memcpy(bp->a_q, b->a_q, sizeof(bp->a_q));
        memcpy(bp->ai_q, b->ai_q, sizeof(bp->ai_q));
        blind_advance(b, k);
        if (b->uses_left > 0)
            b->uses_left--;
        have = 1;
    } else {
        b->refreshing = 1;
    }
    pthread_mutex_unlock(&b->lock);
    if (have) {
        *ok_mask = ~(uint64_t)0;
        return 1;
    }

    uint8_t rnd[16 * MINTLS_BN_CT_MAX_LIMBS];
    int have_rnd = RAND_bytes(rnd, (int)bytes) == 1;
    *ok_mask = have_rnd ? blind_pairs_fresh(bp, k, rnd) : 0;
    ct_wipe(rnd, sizeof(rnd));
    pthread_mutex_lock(&b->lock);
    if (have_rnd) {
        /* Stored whatever the inversions' mask says, so nothing branches on it
         * (for a prime it cannot fail; a bad pair would fail the final check). */
        memcpy(b->a_p, bp->a_p, sizeof(b->a_p));
        memcpy(b->ai_p, bp->ai_p, sizeof(b->ai_p));
        memcpy(b->a_q, bp->a_q, sizeof(b->a_q));
        memcpy(b->ai_q, bp->ai_q, sizeof(b->ai_q));
        blind_advance(b, k);
        b->uses_left = MINTLS_RSA_BLIND_USES - 1;
        b->pid = pid;
        b->ready = 1;
    }
    b->refreshing = 0;
    pthread_mutex_unlock(&b->lock);
    return have_rnd;
}

int mintls_rsa_private_raw(const mintls_rsa_private *k, const uint8_t *in, uint8_t *out)
{
    blind_pairs bp;
    if (k->half == 0)
        return 0;
    uint64_t ok;
    if (!blind_take(&bp, &ok, k))
        return 0; /* no randomness */
    int r = private_op(k, in, out, &bp, ok);
    ct_wipe(&bp, sizeof(bp));
    return r;
}
