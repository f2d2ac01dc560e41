/* Hex values out of RFC 8448's text; see rfc8448_trace.h. */
#include "rfc8448_trace.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

char *trace_load(const char *path)
{
    size_t len = 0;
    char *doc = test_read_file(path, &len);
    if (doc == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    return doc;
}

/* First occurrence of needle in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p != NULL && p + n <= end; p++)
        if (memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

trace_section trace_find_section(const char *doc, const char *heading, const char *next_heading)
{
    trace_section s = {NULL, NULL};
    const char *end = doc + strlen(doc);
    char want[128];
    /* A heading is a whole line; the table of contents has dot leaders after it. */
    snprintf(want, sizeof(want), "\n%s\n", heading);
    s.start = find(doc, end, want);
    snprintf(want, sizeof(want), "\n%s\n", next_heading);
    s.end = s.start != NULL ? find(s.start, end, want) : NULL;
    if (s.start == NULL || s.end == NULL) {
        fprintf(stderr, "RFC 8448 section \"%s\" not found\n", heading);
        exit(2);
    }
    return s;
}

static int is_hex_pair(const char *p, size_t n)
{
    return n == 2 && isxdigit((unsigned char)p[0]) && isxdigit((unsigned char)p[1]);
}

static int hexval(char c)
{
    return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

long trace_get(trace_section sec, const char *step, int nth, const char *label, uint8_t *out,
               size_t cap)
{
    const char *p = sec.start;
    for (int i = 0; i <= nth; i++) {
        p = find(p, sec.end, step);
        if (p == NULL) {
            fprintf(stderr, "step \"%s\" #%d not found\n", step, nth);
            CHECK(0);
            return -1;
        }
        p += strlen(step);
    }
    /* The step's values run until the next step line. */
    const char *stop = sec.end;
    const char *c = find(p, sec.end, "\n   {client}");
    const char *s = find(p, sec.end, "\n   {server}");
    if (c != NULL && c < stop)
        stop = c;
    if (s != NULL && s < stop)
        stop = s;

    char want[128];
    snprintf(want, sizeof(want), "\n      %s (", label);
    const char *v = find(p, stop, want);
    if (v == NULL) {
        fprintf(stderr, "label \"%s\" not in step \"%s\"\n", label, step);
        CHECK(0);
        return -1;
    }
    v += strlen(want);
    char *after = NULL;
    unsigned long n = strtoul(v, &after, 10);
    if (after == NULL || strncmp(after, " octets):", 9) != 0 || n > cap) {
        fprintf(stderr, "bad length for \"%s\" in \"%s\"\n", label, step);
        CHECK(0);
        return -1;
    }
    v = after + 9;
    /* Take two-hex-digit tokens; page footers and headers have none. */
    size_t got = 0;
    while (got < n && v < sec.end) {
        while (v < sec.end && isspace((unsigned char)*v))
            v++;
        const char *t = v;
        while (v < sec.end && !isspace((unsigned char)*v))
            v++;
        if (is_hex_pair(t, (size_t)(v - t)))
            out[got++] = (uint8_t)(hexval(t[0]) << 4 | hexval(t[1]));
    }
    if (got != n) {
        fprintf(stderr, "short value for \"%s\" in \"%s\"\n", label, step);
        CHECK(0);
        return -1;
    }
    return (long)n;
}
