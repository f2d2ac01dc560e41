/*
 * Constant-time check of X25519 and Ed25519 signing under valgrind's
 * memcheck (the ctgrind method): private scalars and seeds are marked
 * undefined, so any branch or memory index that depends on them is
 * reported and fails the run through --error-exitcode. Results (shared
 * secrets, public keys, signatures) are public once computed and are
 * declassified before the test looks at them. Outside valgrind it only
 * runs the operations.
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "internal/ed25519.h"
#include "internal/x25519.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

int main(void)
{
    uint8_t scalar[32], peer[32], shared[32], pub[32], seed[32], sig[64];
    uint8_t msg[77];
    for (int i = 0; i < 32; i++) {
        scalar[i] = (uint8_t)(i * 37 + 11);
        seed[i] = (uint8_t)(i * 91 + 5);
    }
    memset(msg, 0x5a, sizeof(msg));
    mintls_x25519_public_from_private(peer, seed);

    for (int round = 0; round < 2; round++) {
        scalar[round] ^= 0x80;
        SECRET(scalar, sizeof(scalar));
        int ok = mintls_x25519(shared, scalar, peer);
        PUBLIC(&ok, sizeof(ok));
        PUBLIC(shared, sizeof(shared));
        CHECK(ok == 1);

        SECRET(scalar, sizeof(scalar));
        mintls_x25519_public_from_private(pub, scalar);
        PUBLIC(pub, sizeof(pub));
        CHECK(1);

        /* Ed25519: the seed is secret; its expansion (scalar and nonce
         * prefix) is derived inside and inherits the undefined state. */
        PUBLIC(seed, sizeof(seed));
        mintls_ed25519_public_from_seed(pub, seed);
        SECRET(seed, sizeof(seed));
        mintls_ed25519_public_from_seed(pub, seed);
        PUBLIC(pub, sizeof(pub));
        SECRET(seed, sizeof(seed));
        mintls_ed25519_sign(sig, msg, sizeof(msg) - (size_t)round, seed, pub);
        PUBLIC(sig, sizeof(sig));
        PUBLIC(seed, sizeof(seed));
        CHECK(mintls_ed25519_verify(sig, msg, sizeof(msg) - (size_t)round, pub) == 1);
        PUBLIC(scalar, sizeof(scalar));
    }
    return test_summary();
}
