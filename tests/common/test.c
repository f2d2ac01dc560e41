#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned long test_passed, test_failed;

int test_check(int ok, const char *expr, const char *file, int line)
{
    if (ok) {
        test_passed++;
        return 1;
    }
    test_failed++;
    fprintf(stderr, "FAIL %s:%d: %s\n", file, line, expr);
    return 0;
}

int test_check_mem(const void *a, const void *b, size_t len, const char *what,
                   const char *file, int line)
{
    if (memcmp(a, b, len) == 0) {
        test_passed++;
        return 1;
    }
    test_failed++;
    fprintf(stderr, "FAIL %s:%d: %s differs\n  got:  ", file, line, what);
    for (size_t i = 0; i < len && i < 64; i++)
        fprintf(stderr, "%02x", ((const uint8_t *)a)[i]);
    fprintf(stderr, "\n  want: ");
    for (size_t i = 0; i < len && i < 64; i++)
        fprintf(stderr, "%02x", ((const uint8_t *)b)[i]);
    fprintf(stderr, "\n");
    return 0;
}

int test_summary(void)
{
    printf("%lu passed, %lu failed\n", test_passed, test_failed);
    return test_failed == 0 && test_passed > 0 ? 0 : 1;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long test_unhex(const char *hex, uint8_t *out, size_t out_cap)
{
    size_t n = strlen(hex);
    if (n % 2 != 0 || n / 2 > out_cap)
        return -1;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(n / 2);
}

uint8_t *test_unhex_alloc(const char *hex, size_t *out_len)
{
    size_t cap = strlen(hex) / 2 + 1;
    uint8_t *buf = malloc(cap);
    if (buf == NULL)
        return NULL;
    long n = test_unhex(hex, buf, cap);
    if (n < 0) {
        free(buf);
        return NULL;
    }
    *out_len = (size_t)n;
    return buf;
}

uint8_t *test_unhex_or_exit(const char *hex, size_t *len)
{
    size_t n = 0;
    uint8_t *p = test_unhex_alloc(hex, &n);
    if (p == NULL) {
        fprintf(stderr, "bad hex in test\n");
        exit(2);
    }
    if (len != NULL)
        *len = n;
    return p;
}

char *test_read_file(const char *path, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) != 0) {
        fclose(f);
        return NULL;
    }
    long sz = ftell(f);
    rewind(f);
    char *buf = sz >= 0 ? malloc((size_t)sz + 1) : NULL;
    if (buf == NULL || fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[sz] = '\0';
    if (out_len)
        *out_len = (size_t)sz;
    return buf;
}

static uint64_t rand_state = 0x243f6a8885a308d3ULL;

void test_rand_seed(uint64_t seed)
{
    rand_state = seed != 0 ? seed : 0x243f6a8885a308d3ULL;
}

uint64_t test_rand_u64(void)
{
    uint64_t x = rand_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    rand_state = x;
    return x;
}

size_t test_rand_below(size_t n)
{
    return n == 0 ? 0 : (size_t)(test_rand_u64() % n);
}

void test_rand_bytes(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)test_rand_u64();
}
