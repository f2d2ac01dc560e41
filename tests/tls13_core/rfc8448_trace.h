/*
 * Reads hex values out of the RFC 8448 text at test time. A trace is a
 * list of steps ("{server}  derive secret ...:"), each with labelled values
 * ("expanded (32 octets):  b3 ed ..."), possibly running across a page
 * break.
 */
#ifndef MINTLS_RFC8448_TRACE_H
#define MINTLS_RFC8448_TRACE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *start, *end;
} trace_section;

/* Loads the whole RFC text (exits the test on failure); free() it. */
char *trace_load(const char *path);
/* The text between the line "heading" and the line "next_heading". */
trace_section trace_find_section(const char *doc, const char *heading, const char *next_heading);
/*
 * The value labelled "label (N octets):" in the nth (0-based) occurrence of
 * the step line "step" in sec, into out. Returns N, or -1 (and reports a
 * test failure) when the step or label is missing or out is too small.
 */
long trace_get(trace_section sec, const char *step, int nth, const char *label, uint8_t *out,
               size_t cap);

#endif
