/*
 * Key generation, TLS key_share encodings and key agreement through
 * EVP_PKEY_CTX (X25519, ECDH on P-256/P-384), written against the OpenSSL
 * API only so the same expectations run on the system OpenSSL.
 */
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

/* Both sides' secrets, each from its own private key and the other's public key. */
static int derive(EVP_PKEY *mine, EVP_PKEY *peer, unsigned char *out, size_t *out_len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(mine, NULL);
    int ok = ctx != NULL && EVP_PKEY_derive_init(ctx) == 1 &&
             EVP_PKEY_derive_set_peer(ctx, peer) == 1 && EVP_PKEY_derive(ctx, out, out_len) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/*
 * A peer's key as libssl builds it from a key_share: a parameters-only key
 * of the right group, then the wire bytes.
 */
static EVP_PKEY *peer_from_share(const char *alg, const char *group, const unsigned char *share,
                                 size_t len)
{
    EVP_PKEY *params = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
    if (ctx == NULL || EVP_PKEY_paramgen_init(ctx) != 1 ||
        EVP_PKEY_CTX_set_group_name(ctx, group) != 1 || EVP_PKEY_paramgen(ctx, &params) != 1) {
        EVP_PKEY_CTX_free(ctx);
        return NULL;
    }
    EVP_PKEY_CTX_free(ctx);
    if (EVP_PKEY_set1_encoded_public_key(params, share, len) != 1) {
        EVP_PKEY_free(params);
        return NULL;
    }
    return params;
}

static EVP_PKEY *keygen(const char *alg, const char *group)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, alg, NULL);
    if (ctx != NULL && EVP_PKEY_keygen_init(ctx) == 1 &&
        (group == NULL || EVP_PKEY_CTX_set_group_name(ctx, group) == 1))
        EVP_PKEY_keygen(ctx, &k);
    EVP_PKEY_CTX_free(ctx);
    return k;
}

static void test_agreement(const char *alg, const char *group, int id, size_t share_len,
                           size_t secret_len)
{
    printf("# %s %s\n", alg, group);
    EVP_PKEY *a = keygen(alg, group), *b = keygen(alg, group);
    CHECK(a != NULL && b != NULL);
    if (a == NULL || b == NULL) {
        EVP_PKEY_free(a);
        EVP_PKEY_free(b);
        return;
    }
    CHECK(EVP_PKEY_get_id(a) == id);

    unsigned char *sa = NULL, *sb = NULL;
    size_t la = EVP_PKEY_get1_encoded_public_key(a, &sa);
    size_t lb = EVP_PKEY_get1_encoded_public_key(b, &sb);
    CHECK(la == share_len && lb == share_len);
    if (id == EVP_PKEY_EC)
        CHECK(sa != NULL && sa[0] == 0x04); /* uncompressed point, as TLS 1.3 requires */

    EVP_PKEY *pa = peer_from_share(alg, group, sa, la), *pb = peer_from_share(alg, group, sb, lb);
    CHECK(pa != NULL && pb != NULL);

    unsigned char s1[64], s2[64], s3[64];
    size_t n1 = sizeof(s1), n2 = sizeof(s2), n3 = sizeof(s3);
    CHECK(derive(a, pb, s1, &n1));
    CHECK(derive(b, pa, s2, &n2));
    CHECK(n1 == secret_len && n2 == secret_len);
    CHECK_MEM(s1, s2, secret_len, "both sides derive the same secret");
    /* The full key works as a peer too. */
    CHECK(derive(a, b, s3, &n3) && n3 == secret_len);
    CHECK_MEM(s1, s3, secret_len, "peer as full key");

    /* Size query, then a buffer that is too small. */
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(a, NULL);
    size_t q = 0;
    CHECK(EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, pb) == 1);
    CHECK(EVP_PKEY_derive(ctx, NULL, &q) == 1 && q == secret_len);
    /* A short buffer: X25519 refuses, ECDH gives the secret's first bytes. */
    q = secret_len - 1;
    if (id == EVP_PKEY_X25519) {
        CHECK(EVP_PKEY_derive(ctx, s3, &q) <= 0);
    } else {
        CHECK(EVP_PKEY_derive(ctx, s3, &q) == 1 && q == secret_len - 1);
        CHECK_MEM(s3, s1, secret_len - 1, "truncated ECDH secret");
    }
    ERR_clear_error();
    EVP_PKEY_CTX_free(ctx);

    /* A broken share is refused: truncated, or (EC) a point off the curve. */
    EVP_PKEY *bad = peer_from_share(alg, group, sa, la - 1);
    CHECK(bad == NULL);
    EVP_PKEY_free(bad);
    if (id == EVP_PKEY_EC) {
        sa[la - 1] ^= 1;
        bad = peer_from_share(alg, group, sa, la);
        CHECK(bad == NULL);
        EVP_PKEY_free(bad);
    }
    ERR_clear_error();

    OPENSSL_free(sa);
    OPENSSL_free(sb);
    EVP_PKEY_free(pa);
    EVP_PKEY_free(pb);
    EVP_PKEY_free(a);
    EVP_PKEY_free(b);
}

/* RFC 7748 section 6.1. */
static const char *alice_priv = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
static const char *alice_pub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
static const char *bob_priv = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
static const char *bob_pub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
static const char *shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

static void test_rfc7748(void)
{
    printf("# X25519 RFC 7748 6.1\n");
    unsigned char ap[32], bp[32], apub[32], bpub[32], want[32], got[32], raw[32];
    size_t n = sizeof(got);
    test_unhex(alice_priv, ap, 32);
    test_unhex(bob_priv, bp, 32);
    test_unhex(alice_pub, apub, 32);
    test_unhex(bob_pub, bpub, 32);
    test_unhex(shared, want, 32);

    EVP_PKEY *a = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, ap, 32);
    EVP_PKEY *b = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, bpub, 32);
    CHECK(a != NULL && b != NULL);
    size_t rl = sizeof(raw);
    CHECK(EVP_PKEY_get_raw_public_key(a, raw, &rl) == 1 && rl == 32);
    CHECK_MEM(raw, apub, 32, "public key from RFC private key");
    rl = 0;
    CHECK(EVP_PKEY_get_raw_private_key(a, NULL, &rl) == 1 && rl == 32);
    rl = sizeof(raw);
    CHECK(EVP_PKEY_get_raw_private_key(a, raw, &rl) == 1);
    CHECK_MEM(raw, ap, 32, "raw private key round trip");
    rl = sizeof(raw);
    CHECK(EVP_PKEY_get_raw_private_key(b, raw, &rl) != 1); /* public only */
    ERR_clear_error();

    CHECK(derive(a, b, got, &n) && n == 32);
    CHECK_MEM(got, want, 32, "RFC 7748 shared secret (Alice)");
    EVP_PKEY *bb = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, bp, 32);
    EVP_PKEY *aa = EVP_PKEY_new_raw_public_key_ex(NULL, "X25519", NULL, apub, 32);
    n = sizeof(got);
    CHECK(derive(bb, aa, got, &n) && n == 32);
    CHECK_MEM(got, want, 32, "RFC 7748 shared secret (Bob)");

    /* A small-order peer (u = 0, u = 1) yields all zeros, which is refused. */
    unsigned char zero[32] = {0}, one[32] = {1};
    EVP_PKEY *z = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, zero, 32);
    EVP_PKEY *o = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, one, 32);
    n = sizeof(got);
    CHECK(z != NULL && !derive(a, z, got, &n));
    n = sizeof(got);
    CHECK(o != NULL && !derive(a, o, got, &n));
    CHECK(ERR_peek_error() != 0);
    ERR_clear_error();

    /* Wrong lengths are refused. */
    CHECK(EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, ap, 31) == NULL);
    ERR_clear_error();

    EVP_PKEY_free(z);
    EVP_PKEY_free(o);
    EVP_PKEY_free(aa);
    EVP_PKEY_free(bb);
    EVP_PKEY_free(a);
    EVP_PKEY_free(b);
}

static void test_mismatches(void)
{
    printf("# mismatched peers and misuse\n");
    EVP_PKEY *x = keygen("X25519", NULL), *p256 = keygen("EC", "P-256"),
             *p384 = keygen("EC", "P-384"), *ed = keygen("ED25519", NULL);
    CHECK(x != NULL && p256 != NULL && p384 != NULL && ed != NULL);
    CHECK(EVP_PKEY_get_id(ed) == EVP_PKEY_ED25519 && EVP_PKEY_get_bits(p384) == 384);

    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(p256, NULL);
    CHECK(EVP_PKEY_derive_init(ctx) == 1);
    CHECK(EVP_PKEY_derive_set_peer(ctx, x) <= 0);    /* another key type */
    CHECK(EVP_PKEY_derive_set_peer(ctx, p384) <= 0); /* another curve */
    ERR_clear_error();
    EVP_PKEY_CTX_free(ctx);

    /* Deriving before derive_init, and with an Ed25519 key, fails. */
    ctx = EVP_PKEY_CTX_new(x, NULL);
    size_t n = 32;
    unsigned char out[32];
    CHECK(EVP_PKEY_derive(ctx, out, &n) <= 0);
    EVP_PKEY_CTX_free(ctx);
    ctx = EVP_PKEY_CTX_new(ed, NULL);
    CHECK(EVP_PKEY_derive_init(ctx) <= 0);
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();

    /* EC keygen needs a curve; set by NID works as by name. */
    ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
    EVP_PKEY *k = NULL;
    CHECK(EVP_PKEY_keygen_init(ctx) == 1);
    CHECK(EVP_PKEY_keygen(ctx, &k) <= 0 && k == NULL);
    ERR_clear_error();
    CHECK(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(ctx, NID_secp384r1) == 1);
    CHECK(EVP_PKEY_keygen(ctx, &k) == 1 && k != NULL && EVP_PKEY_get_bits(k) == 384);
    EVP_PKEY_free(k);
    EVP_PKEY_CTX_free(ctx);

    /* The quick forms. */
    k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    CHECK(k != NULL && EVP_PKEY_get_bits(k) == 256);
    EVP_PKEY_free(k);
    k = EVP_PKEY_Q_keygen(NULL, NULL, "X25519");
    CHECK(k != NULL && EVP_PKEY_get_id(k) == EVP_PKEY_X25519);
    EVP_PKEY_free(k);

    /* An Ed25519 raw key round trip (RFC 8032 7.1 test 1 public key). */
    unsigned char seed[32], pub[32], want_pub[32], got[32];
    size_t gl = sizeof(got);
    test_unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", seed, 32);
    test_unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", want_pub, 32);
    EVP_PKEY *e = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
    CHECK(e != NULL && EVP_PKEY_get_raw_public_key(e, pub, &gl) == 1);
    CHECK_MEM(pub, want_pub, 32, "Ed25519 public key from seed");
    gl = 16;
    CHECK(EVP_PKEY_get_raw_public_key(e, got, &gl) != 1); /* buffer too small */
    ERR_clear_error();
    gl = sizeof(got);
    CHECK(EVP_PKEY_get_raw_public_key(p256, got, &gl) != 1); /* not a raw-key type */
    ERR_clear_error();
    EVP_PKEY_free(e);

    EVP_PKEY_free(x);
    EVP_PKEY_free(p256);
    EVP_PKEY_free(p384);
    EVP_PKEY_free(ed);
}

int main(void)
{
    test_agreement("X25519", "x25519", EVP_PKEY_X25519, 32, 32);
    test_agreement("EC", "P-256", EVP_PKEY_EC, 65, 32);
    test_agreement("EC", "P-384", EVP_PKEY_EC, 97, 48);
    test_rfc7748();
    test_mismatches();
    return test_summary();
}
