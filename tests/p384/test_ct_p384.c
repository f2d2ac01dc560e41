/*
 * Constant-time check of the P-384 secret paths under valgrind memcheck
 * (ctgrind): the private scalar is marked undefined, so any branch or memory
 * index that depends on it is reported and fails the run through
 * --error-exitcode. The only sanctioned exception is mintls_ct_declassify
 * (suppressed by ct_p384.supp): a yes/no that becomes public anyway.
 * Outside valgrind the operations simply run.
 */
#include <string.h>
#include <valgrind/memcheck.h>

#include "internal/digest.h"
#include "internal/p384.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static const char *priv_hex =
    "68eec9c8c31f09a4ce51f4c3bae5f15ede170fbb6a0da9f5828fc15a1cec1682c108addec1a54c57c32a18a3da350a2e";
static const char *peer_hex =
    "0458d05cdfc9445200f241359875b957117d9515fb6aefd4395cd3316fada92d55040911a34d4f233beb7de9a87533ad9d"
    "f963cafc86b964450b0aadfae619fa627a789bbe2e8e1944b8bf7418dd60fa1949dc17ffb8fe42872ea424ffe1089a3a";

int main(void)
{
    uint8_t priv[48], peer[97], pub[97], shared[48], r[48], s[48], h[48];
    test_unhex(priv_hex, priv, sizeof(priv));
    test_unhex(peer_hex, peer, sizeof(peer));
    mintls_hash_oneshot(&mintls_hash_sha384, "ct", 2, h);

    /* ECDH: the scalar multiplication with a secret scalar. */
    SECRET(priv, sizeof(priv));
    int ok = mintls_p384_ecdh(shared, priv, peer, sizeof(peer));
    PUBLIC(shared, sizeof(shared));
    CHECK(ok);

    /* Fixed-base multiplication for the public key. */
    SECRET(priv, sizeof(priv));
    ok = mintls_p384_public_from_private(pub, priv);
    PUBLIC(pub, sizeof(pub));
    CHECK(ok);

    /* ECDSA signing: key and nonce (derived from it) secret; r, s become public. */
    SECRET(priv, sizeof(priv));
    ok = mintls_p384_ecdsa_sign(r, s, priv, h, sizeof(h));
    PUBLIC(r, sizeof(r));
    PUBLIC(s, sizeof(s));
    PUBLIC(priv, sizeof(priv));
    CHECK(ok);
    CHECK(mintls_p384_ecdsa_verify(r, s, h, sizeof(h), pub, sizeof(pub)));
    return test_summary();
}
