/*
 * The public BIGNUM: a sign and a big-endian magnitude without leading zero
 * bytes. It only carries numbers between the certificate/key layer and the
 * program (serial numbers, moduli), so it stores bytes, not limbs, and has
 * no arithmetic; the constant-time fixed-width bignum the crypto uses lives
 * in crypto/bn.c and never meets this one.
 *
 * Conversions follow OpenSSL 3.0's conventions: BN_bn2hex writes whole bytes
 * in upper case ("01", "-0A", and "0" for zero), BN_hex2bn / BN_dec2bn return
 * how many digits they consumed (0 on error), BN_get_word saturates to
 * all ones when the value does not fit.
 */
#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bignum_st {
    uint8_t *mag; /* big-endian, mag[0] != 0 unless len == 0 */
    size_t len;
    int neg;
};

/* Replaces a's magnitude with a copy of p (leading zeros dropped). */
static int set_magnitude(BIGNUM *a, const uint8_t *p, size_t len)
{
    while (len > 0 && p[0] == 0) {
        p++;
        len--;
    }
    uint8_t *m = NULL;
    if (len > 0) {
        m = malloc(len);
        if (m == NULL) {
            ERR_raise(ERR_LIB_BN, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        memcpy(m, p, len);
    }
    if (a->mag != NULL) {
        OPENSSL_cleanse(a->mag, a->len);
        free(a->mag);
    }
    a->mag = m;
    a->len = len;
    if (len == 0)
        a->neg = 0;
    return 1;
}

BIGNUM *BN_new(void)
{
    BIGNUM *a = calloc(1, sizeof(*a));
    if (a == NULL)
        ERR_raise(ERR_LIB_BN, ERR_R_MALLOC_FAILURE);
    return a;
}

void BN_clear_free(BIGNUM *a)
{
    if (a == NULL)
        return;
    if (a->mag != NULL) {
        OPENSSL_cleanse(a->mag, a->len);
        free(a->mag);
    }
    free(a);
}

/* Numbers may come from private keys: always wiped. */
void BN_free(BIGNUM *a)
{
    BN_clear_free(a);
}

BIGNUM *BN_copy(BIGNUM *a, const BIGNUM *b)
{
    if (a == b)
        return a;
    if (!set_magnitude(a, b->mag, b->len))
        return NULL;
    a->neg = b->neg;
    return a;
}

BIGNUM *BN_dup(const BIGNUM *a)
{
    if (a == NULL)
        return NULL;
    BIGNUM *r = BN_new();
    if (r != NULL && BN_copy(r, a) == NULL) {
        BN_free(r);
        r = NULL;
    }
    return r;
}

BIGNUM *BN_bin2bn(const unsigned char *s, int len, BIGNUM *ret)
{
    if (len < 0)
        return NULL;
    BIGNUM *r = ret != NULL ? ret : BN_new();
    if (r == NULL)
        return NULL;
    if (!set_magnitude(r, s, (size_t)len)) {
        if (ret == NULL)
            BN_free(r);
        return NULL;
    }
    r->neg = 0;
    return r;
}

int BN_bn2bin(const BIGNUM *a, unsigned char *to)
{
    if (a->len > 0)
        memcpy(to, a->mag, a->len);
    return (int)a->len;
}

int BN_bn2binpad(const BIGNUM *a, unsigned char *to, int tolen)
{
    if (tolen < 0 || (size_t)tolen < a->len)
        return -1;
    size_t pad = (size_t)tolen - a->len;
    memset(to, 0, pad);
    if (a->len > 0)
        memcpy(to + pad, a->mag, a->len);
    return tolen;
}

int BN_num_bits(const BIGNUM *a)
{
    if (a->len == 0)
        return 0;
    int top = 0;
    for (unsigned v = a->mag[0]; v != 0; v >>= 1)
        top++;
    return (int)((a->len - 1) * 8) + top;
}

int BN_is_zero(const BIGNUM *a)
{
    return a->len == 0;
}

int BN_is_one(const BIGNUM *a)
{
    return a->len == 1 && a->mag[0] == 1 && !a->neg;
}

int BN_is_odd(const BIGNUM *a)
{
    return a->len > 0 && (a->mag[a->len - 1] & 1);
}

int BN_is_negative(const BIGNUM *b)
{
    return b->neg;
}

void BN_set_negative(BIGNUM *b, int n)
{
    b->neg = n != 0 && b->len > 0;
}

int BN_set_word(BIGNUM *a, BN_ULONG w)
{
    uint8_t buf[sizeof(BN_ULONG)];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[sizeof(buf) - 1 - i] = (uint8_t)(w >> (8 * i));
    if (!set_magnitude(a, buf, sizeof(buf)))
        return 0;
    a->neg = 0;
    return 1;
}

void BN_zero_ex(BIGNUM *a)
{
    if (a->mag != NULL) {
        OPENSSL_cleanse(a->mag, a->len);
        free(a->mag);
    }
    a->mag = NULL;
    a->len = 0;
    a->neg = 0;
}

BN_ULONG BN_get_word(const BIGNUM *a)
{
    if (a->len > sizeof(BN_ULONG))
        return ~(BN_ULONG)0;
    BN_ULONG w = 0;
    for (size_t i = 0; i < a->len; i++)
        w = (w << 8) | a->mag[i];
    return w;
}

int BN_ucmp(const BIGNUM *a, const BIGNUM *b)
{
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    int c = a->len > 0 ? memcmp(a->mag, b->mag, a->len) : 0;
    return (c > 0) - (c < 0);
}

int BN_cmp(const BIGNUM *a, const BIGNUM *b)
{
    if (a == NULL || b == NULL) /* OpenSSL orders NULL after any number */
        return a != NULL ? -1 : (b != NULL ? 1 : 0);
    if (a->neg != b->neg)
        return a->neg ? -1 : 1;
    return a->neg ? -BN_ucmp(a, b) : BN_ucmp(a, b);
}

char *BN_bn2hex(const BIGNUM *a)
{
    static const char digits[] = "0123456789ABCDEF";
    size_t n = a->len == 0 ? 1 : 2 * a->len;
    char *s = malloc(n + 2), *p = s;
    if (s == NULL) {
        ERR_raise(ERR_LIB_BN, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    if (a->neg)
        *p++ = '-';
    if (a->len == 0)
        *p++ = '0';
    for (size_t i = 0; i < a->len; i++) {
        *p++ = digits[a->mag[i] >> 4];
        *p++ = digits[a->mag[i] & 15];
    }
    *p = '\0';
    return s;
}

char *BN_bn2dec(const BIGNUM *a)
{
    /* Repeated division of a scratch copy by 10; 2.41 digits per byte. */
    size_t cap = a->len * 241 / 100 + 3;
    char *s = malloc(cap + 1);
    uint8_t *t = a->len > 0 ? malloc(a->len) : NULL;
    if (s == NULL || (a->len > 0 && t == NULL)) {
        free(s);
        free(t);
        ERR_raise(ERR_LIB_BN, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    if (a->len > 0)
        memcpy(t, a->mag, a->len);
    size_t nd = 0, start = 0;
    do {
        unsigned rem = 0;
        for (size_t i = start; i < a->len; i++) {
            unsigned cur = (rem << 8) | t[i];
            t[i] = (uint8_t)(cur / 10);
            rem = cur % 10;
        }
        while (start < a->len && t[start] == 0)
            start++;
        s[nd++] = (char)('0' + rem);
    } while (start < a->len);
    if (a->neg)
        s[nd++] = '-';
    for (size_t i = 0; i < nd / 2; i++) {
        char c = s[i];
        s[i] = s[nd - 1 - i];
        s[nd - 1 - i] = c;
    }
    s[nd] = '\0';
    if (t != NULL) {
        OPENSSL_cleanse(t, a->len);
        free(t);
    }
    return s;
}

/* Shared by the hex and decimal parsers: digits of `base` after a '-'. */
static int text2bn(BIGNUM **out, const char *str, unsigned base)
{
    if (str == NULL || *str == '\0')
        return 0;
    int neg = *str == '-';
    const char *d = str + neg;
    size_t n = 0;
    for (;;) {
        char c = d[n];
        int ok = base == 16 ? ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
                               (c >= 'A' && c <= 'F'))
                            : (c >= '0' && c <= '9');
        if (!ok)
            break;
        if (++n > INT_MAX / 4 - 2) {
            ERR_raise(ERR_LIB_BN, BN_R_BIGNUM_TOO_LONG);
            return 0;
        }
    }
    if (n == 0)
        return 0;
    if (out == NULL) /* OpenSSL: only measure */
        return (int)(n + (size_t)neg);
    /* Accumulate into a big-endian buffer: value = value * base + digit. */
    size_t cap = n / 2 + 1;
    uint8_t *buf = calloc(cap, 1);
    if (buf == NULL) {
        ERR_raise(ERR_LIB_BN, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = d[i];
        unsigned carry = (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        for (size_t j = cap; j-- > 0;) {
            unsigned v = buf[j] * base + carry;
            buf[j] = (uint8_t)v;
            carry = v >> 8;
        }
    }
    BIGNUM *r = *out != NULL ? *out : BN_new();
    int ok = r != NULL && set_magnitude(r, buf, cap);
    OPENSSL_cleanse(buf, cap);
    free(buf);
    if (!ok) {
        if (*out == NULL)
            BN_free(r);
        return 0;
    }
    BN_set_negative(r, neg);
    *out = r;
    return (int)(n + (size_t)neg);
}

int BN_hex2bn(BIGNUM **a, const char *str)
{
    return text2bn(a, str, 16);
}

int BN_dec2bn(BIGNUM **a, const char *str)
{
    return text2bn(a, str, 10);
}

BIGNUM *ASN1_INTEGER_to_BN(const ASN1_INTEGER *ai, BIGNUM *bn)
{
    if (ai == NULL || ai->length < 0) {
        ERR_raise(ERR_LIB_ASN1, ERR_R_PASSED_INVALID_ARGUMENT);
        return NULL;
    }
    BIGNUM *r = BN_bin2bn(ai->data, ai->length, bn);
    if (r == NULL) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_BN_LIB);
        return NULL;
    }
    BN_set_negative(r, (ai->type & V_ASN1_NEG) != 0);
    return r;
}

ASN1_INTEGER *BN_to_ASN1_INTEGER(const BIGNUM *bn, ASN1_INTEGER *ai)
{
    ASN1_INTEGER *r = ai != NULL ? ai : ASN1_STRING_type_new(V_ASN1_INTEGER);
    if (r == NULL)
        return NULL;
    /* An ASN1_INTEGER holds the magnitude; zero is one 0x00 byte. */
    static const uint8_t zero = 0;
    if (!ASN1_STRING_set(r, bn->len > 0 ? bn->mag : &zero, bn->len > 0 ? (int)bn->len : 1)) {
        if (ai == NULL)
            ASN1_STRING_free(r);
        return NULL;
    }
    r->type = bn->neg ? V_ASN1_NEG_INTEGER : V_ASN1_INTEGER;
    return r;
}
