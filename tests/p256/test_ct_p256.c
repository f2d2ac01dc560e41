/*
 * Constant-time check of P-256 (the ctgrind method): under valgrind's
 * memcheck, the private scalar and the nonce are marked undefined, so any
 * branch or memory index that depends on them is reported and the run fails
 * through --error-exitcode. Outputs are declassified before the test looks
 * at them; the library's own declassification (mintls_ct_declassify) is
 * suppressed by tests/ct/declassify.supp. Outside valgrind it only runs the operations.
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "internal/p256.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

int main(void)
{
    uint8_t priv[32], pub[65], peer_priv[32], peer_pub[65], shared[32], k[32], r[32], s[32];
    uint8_t digest[32];
    memset(digest, 0xa5, sizeof(digest));
    /* Key pairs made with ordinary (defined) data. */
    CHECK(mintls_p256_keygen(priv, pub));
    CHECK(mintls_p256_keygen(peer_priv, peer_pub));

    for (int round = 0; round < 2; round++) {
        uint8_t pub2[65];
        SECRET(priv, sizeof(priv));
        int ok = mintls_p256_public_from_private(pub2, priv);
        PUBLIC(&ok, sizeof(ok));
        PUBLIC(pub2, sizeof(pub2));
        PUBLIC(priv, sizeof(priv));
        CHECK(ok);
        CHECK_MEM(pub2, pub, 65, "public_from_private");

        SECRET(priv, sizeof(priv));
        ok = mintls_p256_ecdh(shared, priv, peer_pub, 65);
        PUBLIC(&ok, sizeof(ok));
        PUBLIC(shared, sizeof(shared));
        PUBLIC(priv, sizeof(priv));
        CHECK(ok);

        /* Signing core: private key and nonce (the generator's output) secret. */
        memset(k, 0x3c + round, sizeof(k));
        SECRET(priv, sizeof(priv));
        SECRET(k, sizeof(k));
        uint64_t m = mintls_p256_ecdsa_sign_with_nonce(r, s, priv, digest, 32, k);
        PUBLIC(&m, sizeof(m));
        PUBLIC(r, sizeof(r));
        PUBLIC(s, sizeof(s));
        PUBLIC(priv, sizeof(priv));
        CHECK(m != 0);
        CHECK(mintls_p256_ecdsa_verify(r, s, digest, 32, pub, 65));

        /* The whole signing path: RFC 6979 nonce from the secret key, hedged
         * with extra input, and the retry decision (declassified on purpose). */
        static const uint8_t extra[32] = { 7 };
        SECRET(priv, sizeof(priv));
        ok = mintls_p256_ecdsa_sign_extra(r, s, priv, digest, 32, extra, sizeof(extra));
        PUBLIC(&ok, sizeof(ok));
        PUBLIC(r, sizeof(r));
        PUBLIC(s, sizeof(s));
        PUBLIC(priv, sizeof(priv));
        CHECK(ok);
        CHECK(mintls_p256_ecdsa_verify(r, s, digest, 32, pub, 65));
    }
    return test_summary();
}
