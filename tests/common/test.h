/*
 * A minimal test harness shared by every test program. It depends on libc
 * only, so the same test source builds against mintls and the system OpenSSL.
 *
 *   CHECK(cond)                 counts a pass or a failure, prints failures
 *   CHECK_MEM(a, b, len, what)  compares two byte spans
 *   test_summary()              prints "N passed, N failed"; returns exit code
 *   test_rand_*()               a seeded, deterministic random generator
 */
#ifndef MINTLS_TEST_H
#define MINTLS_TEST_H

#include <stddef.h>
#include <stdint.h>

extern unsigned long test_passed, test_failed;

int test_check(int ok, const char *expr, const char *file, int line);
int test_check_mem(const void *a, const void *b, size_t len, const char *what,
                   const char *file, int line);
int test_summary(void);

/* Decodes hex (even length, no separators) into out; returns bytes or -1. */
long test_unhex(const char *hex, uint8_t *out, size_t out_cap);
/* Same, into a fresh malloc'd buffer (never NULL on success, even for ""). */
uint8_t *test_unhex_alloc(const char *hex, size_t *out_len);
/* Same, but a test bug: prints a message and exits(2) on bad hex. len may be NULL. */
uint8_t *test_unhex_or_exit(const char *hex, size_t *len);
/* Reads a whole file into a NUL-terminated malloc'd buffer, or NULL. */
char *test_read_file(const char *path, size_t *out_len);

/* Deterministic pseudo-random test inputs (xorshift64). Seed once at the
 * start of main (any non-zero seed) so each run sees the same stream. */
void test_rand_seed(uint64_t seed);
uint64_t test_rand_u64(void);
size_t test_rand_below(size_t n); /* in [0, n); 0 when n == 0 */
void test_rand_bytes(uint8_t *p, size_t n);

#define CHECK(cond) test_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_MEM(a, b, len, what) test_check_mem((a), (b), (len), (what), __FILE__, __LINE__)

#endif
