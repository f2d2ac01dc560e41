/* The shared ECDSA pieces: strict DER signatures and the RFC 6979 generator. */
#include <string.h>

#include "internal/ecdsa_util.h"
#include "test.h"

static int parse_hex(const char *hex, uint8_t *r, uint8_t *s, size_t scalar_len)
{
    uint8_t der[200];
    long n = test_unhex(hex, der, sizeof(der));
    return n >= 0 && mintls_ecdsa_sig_from_der(der, (size_t)n, scalar_len, r, s);
}

static void test_der(void)
{
    uint8_t r[32], s[32], want[32];
    /* Minimal small values. */
    CHECK(parse_hex("3006020101020102", r, s, 32));
    memset(want, 0, 32);
    want[31] = 1;
    CHECK_MEM(r, want, 32, "r");
    want[31] = 2;
    CHECK_MEM(s, want, 32, "s");
    /* A value with the high bit set needs its leading zero. */
    CHECK(parse_hex("3007020200ff020101", r, s, 32));
    CHECK(!parse_hex("3006020181020101", r, s, 32));   /* negative */
    CHECK(!parse_hex("300702020001020101", r, s, 32)); /* non-minimal zero */
    CHECK(parse_hex("3006020100020101", r, s, 32));   /* zero is valid DER; curves reject it */
    CHECK(!parse_hex("300602010102010200", r, s, 32)); /* trailing byte */
    CHECK(!parse_hex("3007020101020102", r, s, 32));   /* declared longer than data */
    CHECK(!parse_hex("308106020101020102", r, s, 32)); /* non-minimal long form */
    CHECK(!parse_hex("3080020101020102", r, s, 32));   /* indefinite length */
    CHECK(!parse_hex("3106020101020102", r, s, 32));   /* SET, not SEQUENCE */
    CHECK(!parse_hex("3006030101020102", r, s, 32));   /* BIT STRING, not INTEGER */
    CHECK(!parse_hex("3005020020101", r, s, 32));      /* odd hex */
    CHECK(!parse_hex("3004020002010102", r, s, 32));   /* empty INTEGER */
    CHECK(!parse_hex("30030201", r, s, 32));           /* truncated */
    CHECK(!parse_hex("", r, s, 32));
    /* 33 significant bytes do not fit a 32-byte scalar. */
    char big[200] = "3026022101";
    for (int i = 0; i < 32; i++)
        strcat(big, "11");
    strcat(big, "020101");
    CHECK(!parse_hex(big, r, s, 32));

    /* Round trips through the encoder, including high-bit and zero values. */
    uint8_t der[MINTLS_ECDSA_DER_MAX(48)], r2[48], s2[48], a[48], b[48];
    for (int t = 0; t < 64; t++) {
        for (int i = 0; i < 48; i++) {
            a[i] = (uint8_t)(t * 37 + i * 11);
            b[i] = (uint8_t)(t * 91 + i * 3);
        }
        if (t % 4 == 1)
            memset(a, 0, 20);
        if (t % 4 == 2)
            a[0] |= 0x80;
        size_t n = mintls_ecdsa_sig_to_der(a, b, 48, der);
        CHECK(n <= sizeof(der));
        CHECK(mintls_ecdsa_sig_from_der(der, n, 48, r2, s2));
        CHECK(memcmp(r2, a, 48) == 0 && memcmp(s2, b, 48) == 0);
    }
}

/* RFC 6979 A.2.5: P-256, SHA-256, message "sample". */
static void test_rfc6979(void)
{
    uint8_t x[32], h1[32], k[32], want[32];
    test_unhex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721", x, 32);
    mintls_hash_oneshot(&mintls_hash_sha256, "sample", 6, h1);
    test_unhex("a6e3c57dd01abe90086538398355dd4c3b17aa873382b0f24d6129493d8aad60", want, 32);
    mintls_rfc6979 d;
    mintls_rfc6979_init(&d, &mintls_hash_sha256, x, h1, 32, NULL, 0);
    mintls_rfc6979_next(&d, k, 32);
    CHECK_MEM(k, want, 32, "RFC 6979 k (P-256, SHA-256, sample)");
    /* A second candidate differs, and extra randomness changes the first. */
    uint8_t k2[32];
    mintls_rfc6979_next(&d, k2, 32);
    CHECK(memcmp(k, k2, 32) != 0);
    uint8_t extra[32] = {1};
    mintls_rfc6979_init(&d, &mintls_hash_sha256, x, h1, 32, extra, sizeof(extra));
    mintls_rfc6979_next(&d, k2, 32);
    CHECK(memcmp(k, k2, 32) != 0);
    mintls_rfc6979_wipe(&d);
}

int main(void)
{
    test_der();
    test_rfc6979();
    return test_summary();
}
