/*
 * Constant-time check of the RSA private operation under valgrind memcheck:
 * d, p, q, dp, dq, qinv (and the Montgomery constants derived from the
 * primes) and the blinding randomness are marked undefined, so any branch or
 * memory index that depends on them is reported and fails the run through
 * --error-exitcode. One 2048-bit operation with caller randomness, then two
 * with the key's blinding state (a refresh, then a stored pair): valgrind is
 * slow. Valgrind cannot run AVX-512, so these runs pin MINTLS_CPU below it.
 */
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "internal/rsa.h"
#include "rsa_test_keys.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static mintls_rsa_private k;

static void mark_mont_secret(mintls_bn_mont *m)
{
    SECRET(m->m, sizeof(m->m));
    SECRET(&m->m0inv, sizeof(m->m0inv));
    SECRET(m->rr, sizeof(m->rr));
}

int main(void)
{
    uint8_t *b[8];
    size_t l[8];
    for (int i = 0; i < 8; i++)
        b[i] = test_unhex_alloc(key2048[i], &l[i]);
    int ok = mintls_rsa_private_from_be(&k, b[0], l[0], b[1], l[1], b[2], l[2], b[3], l[3], b[4], l[4],
                                        b[5], l[5], b[6], l[6], b[7], l[7]);
    CHECK(ok);
    for (int i = 0; i < 8; i++)
        free(b[i]);
    if (!ok)
        return test_summary();

    uint8_t in[256], out[256], rnd[16 * MINTLS_BN_CT_MAX_LIMBS];
    for (size_t i = 0; i < sizeof(in); i++)
        in[i] = (uint8_t)(i * 7 + 1);
    in[0] = 0x01;
    for (size_t i = 0; i < sizeof(rnd); i++)
        rnd[i] = (uint8_t)(i * 131 + 17);

    SECRET(k.d, sizeof(k.d));
    SECRET(k.dp, sizeof(k.dp));
    SECRET(k.dq, sizeof(k.dq));
    SECRET(k.qinv_mont, sizeof(k.qinv_mont));
    SECRET(k.q_plain, sizeof(k.q_plain));
    mark_mont_secret(&k.p);
    mark_mont_secret(&k.q);
    SECRET(rnd, sizeof(rnd));

    int r = mintls_rsa_private_raw_rand(&k, in, out, rnd);
    /* The outcome and the signature are public once computed. */
    PUBLIC(&r, sizeof(r));
    PUBLIC(out, sizeof(out));
    CHECK(r == 1);
    uint8_t back[256];
    CHECK(mintls_rsa_public_raw(&k.pub, out, back));
    CHECK_MEM(back, in, sizeof(in), "private then public");

    /* The key's own blinding: a fresh pair (with the inversions), then a stored one. */
    for (int i = 0; i < 2; i++) {
        r = mintls_rsa_private_raw(&k, in, out);
        PUBLIC(&r, sizeof(r));
        PUBLIC(out, sizeof(out));
        CHECK(r == 1);
        CHECK(mintls_rsa_public_raw(&k.pub, out, back));
        CHECK_MEM(back, in, sizeof(in), "private (key blinding) then public");
    }
    return test_summary();
}
