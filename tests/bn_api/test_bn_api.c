/*
 * BIGNUM conversions (bytes, hex, decimal, words, ASN1_INTEGER) as programs
 * use them on serial numbers and moduli. Built against mintls and OpenSSL.
 */
#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <string.h>

#include "test.h"

static void check_hex_dec(const char *hex, const char *want_hex, const char *want_dec)
{
    BIGNUM *bn = NULL;
    CHECK(BN_hex2bn(&bn, hex) == (int)strlen(hex));
    if (bn == NULL)
        return;
    char *h = BN_bn2hex(bn), *d = BN_bn2dec(bn);
    CHECK(h != NULL && strcmp(h, want_hex) == 0);
    CHECK(d != NULL && strcmp(d, want_dec) == 0);
    BIGNUM *back = NULL;
    CHECK(BN_dec2bn(&back, want_dec) == (int)strlen(want_dec));
    CHECK(back != NULL && BN_cmp(back, bn) == 0);
    OPENSSL_free(h);
    OPENSSL_free(d);
    BN_free(back);
    BN_free(bn);
}

static void test_text(void)
{
    check_hex_dec("0", "0", "0");
    check_hex_dec("1", "01", "1");
    check_hex_dec("ff", "FF", "255");
    check_hex_dec("100", "0100", "256");
    check_hex_dec("-a", "-0A", "-10");
    check_hex_dec("0000abc", "0ABC", "2748");
    check_hex_dec("123456789abcdef0123456789abcdef", "0123456789ABCDEF0123456789ABCDEF",
                  "1512366075204170929049582354406559215");
    /* A prefix is parsed; the count says how far. */
    BIGNUM *bn = NULL;
    CHECK(BN_hex2bn(&bn, "12xyz") == 2);
    CHECK(bn != NULL && BN_get_word(bn) == 0x12);
    BN_free(bn);
    bn = NULL;
    CHECK(BN_dec2bn(&bn, "") == 0 && bn == NULL);
    CHECK(BN_hex2bn(&bn, "xyz") == 0 && bn == NULL);
    CHECK(BN_hex2bn(NULL, "abc") == 3);
}

static void test_bytes_words(void)
{
    static const unsigned char raw[] = { 0x00, 0x00, 0x01, 0x02, 0x03 };
    BIGNUM *a = BN_bin2bn(raw, sizeof(raw), NULL);
    CHECK(a != NULL);
    if (a == NULL)
        return;
    CHECK(BN_num_bytes(a) == 3);
    CHECK(BN_num_bits(a) == 17);
    unsigned char out[8];
    CHECK(BN_bn2bin(a, out) == 3 && memcmp(out, raw + 2, 3) == 0);
    CHECK(BN_bn2binpad(a, out, 5) == 5 && memcmp(out, raw, 5) == 0);
    CHECK(BN_bn2binpad(a, out, 2) == -1);
    CHECK(BN_get_word(a) == 0x10203);
    CHECK(BN_is_odd(a) && !BN_is_zero(a) && !BN_is_one(a) && !BN_is_negative(a));

    BIGNUM *b = BN_dup(a);
    CHECK(b != NULL && BN_cmp(a, b) == 0);
    CHECK(BN_set_word(b, 5) == 1 && BN_cmp(a, b) > 0 && BN_ucmp(b, a) < 0);
    BN_set_negative(b, 1);
    CHECK(BN_is_negative(b) && BN_cmp(b, a) < 0 && BN_ucmp(b, a) < 0);
    CHECK(BN_one(b) == 1 && BN_is_one(b));
    BN_zero(b);
    CHECK(BN_is_zero(b) && BN_num_bits(b) == 0 && BN_bn2bin(b, out) == 0);
    BN_set_negative(b, 1); /* zero stays non-negative */
    CHECK(!BN_is_negative(b));
    CHECK(BN_copy(b, a) == b && BN_cmp(a, b) == 0);

    static const unsigned char big[9] = { 1, 0, 0, 0, 0, 0, 0, 0, 0 };
    BIGNUM *c = BN_bin2bn(big, sizeof(big), NULL);
    CHECK(c != NULL && BN_get_word(c) == ~(BN_ULONG)0 && BN_num_bits(c) == 65);
    BN_free(a);
    BN_free(b);
    BN_clear_free(c);
}

static void test_asn1_integer(void)
{
    ASN1_INTEGER *ai = ASN1_INTEGER_new();
    CHECK(ai != NULL && ASN1_INTEGER_set_int64(ai, -300) == 1);
    BIGNUM *bn = ASN1_INTEGER_to_BN(ai, NULL);
    char *d = bn != NULL ? BN_bn2dec(bn) : NULL;
    CHECK(d != NULL && strcmp(d, "-300") == 0);
    OPENSSL_free(d);

    BIGNUM *big = NULL;
    CHECK(BN_hex2bn(&big, "80112233445566778899") > 0);
    ASN1_INTEGER *back = BN_to_ASN1_INTEGER(big, NULL);
    CHECK(back != NULL && ASN1_STRING_length(back) == 10 && ASN1_STRING_type(back) == V_ASN1_INTEGER);
    BIGNUM *round = back != NULL ? ASN1_INTEGER_to_BN(back, bn) : NULL;
    CHECK(round == bn && BN_cmp(round, big) == 0);

    BIGNUM *zero = BN_new();
    ASN1_INTEGER *z = zero != NULL ? BN_to_ASN1_INTEGER(zero, NULL) : NULL;
    int64_t v = 99;
    CHECK(z != NULL && ASN1_INTEGER_get_int64(&v, z) == 1 && v == 0);

    ASN1_INTEGER_free(ai);
    ASN1_INTEGER_free(back);
    ASN1_INTEGER_free(z);
    BN_free(bn);
    BN_free(big);
    BN_free(zero);
}

int main(void)
{
    test_text();
    test_bytes_words();
    test_asn1_integer();
    CHECK(ERR_peek_error() == 0);
    return test_summary();
}
