/*
 * A small JSON reader and a walker for Wycheproof test files, libc only, so
 * that the same test source builds against mintls and the system OpenSSL.
 */
#ifndef MINTLS_TEST_WYCHEPROOF_H
#define MINTLS_TEST_WYCHEPROOF_H

#include <stddef.h>
#include <stdint.h>

typedef struct json json;

/* Parses a whole document; NULL on malformed input. Free with json_free. */
json *json_parse(const char *text);
void json_free(json *j);

/* Object member by key, or NULL (also NULL if obj is not an object). */
const json *json_get(const json *obj, const char *key);
/* Number of elements of an array or members of an object; 0 otherwise. */
size_t json_len(const json *j);
/* Element i of an array, or NULL. */
const json *json_at(const json *arr, size_t i);
/* The string's text (NUL-terminated, escapes decoded), or NULL. */
const char *json_str(const json *j);
/* The number's value, or 0. */
double json_num(const json *j);
/* Convenience: json_str(json_get(obj, key)), or "" when absent. */
const char *json_get_str(const json *obj, const char *key);
/* Convenience: member key of obj decoded from hex into a malloc'd buffer. */
uint8_t *json_get_hex(const json *obj, const char *key, size_t *out_len);
/* 1 if the array member "flags" of a test contains flag. */
int json_has_flag(const json *test, const char *flag);

/*
 * Outcome of one Wycheproof case, as the case function judged it against the
 * file's "result" ("valid", "invalid", "acceptable").
 */
enum { WP_FAIL = 0, WP_PASS = 1, WP_SKIP = 2 };
typedef int (*wp_case_fn)(const json *group, const json *test, void *arg);

/*
 * Runs fn on every test of every group of VECTORS_DIR/file, counts each
 * outcome into the harness (test.h) and prints
 *   "<file> [label]: N passed, N failed, N skipped"
 * A failing case prints its tcId and comment. Returns the number of failures
 * (a missing or malformed file counts as one).
 */
int wycheproof_run(const char *file, const char *label, wp_case_fn fn, void *arg);

#endif
