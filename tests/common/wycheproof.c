/*
 * A small recursive-descent JSON reader (enough for Wycheproof files) and
 * the walker over their testGroups/tests. Depth is bounded; every read is
 * checked against the end of the text.
 */
#include "wycheproof.h"

#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum json_kind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct json {
    enum json_kind kind;
    double num;
    char *str;        /* J_STR value */
    char **keys;      /* J_OBJ member names */
    struct json **items;
    size_t n, cap;
};

typedef struct {
    const char *p, *end;
    int depth;
} reader;

#define JSON_MAX_DEPTH 64

static void skip_ws(reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static json *new_node(enum json_kind k)
{
    json *j = calloc(1, sizeof(*j));
    if (j)
        j->kind = k;
    return j;
}

static int push(json *parent, char *key, json *child)
{
    if (parent->n == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        json **items = realloc(parent->items, cap * sizeof(*items));
        if (!items)
            return 0;
        parent->items = items;
        if (parent->kind == J_OBJ) {
            char **keys = realloc(parent->keys, cap * sizeof(*keys));
            if (!keys)
                return 0;
            parent->keys = keys;
        }
        parent->cap = cap;
    }
    if (parent->kind == J_OBJ)
        parent->keys[parent->n] = key;
    parent->items[parent->n++] = child;
    return 1;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Reads a string literal (r->p at the opening quote) into a fresh buffer. */
static char *parse_string(reader *r)
{
    if (r->p >= r->end || *r->p != '"')
        return NULL;
    r->p++;
    /* The decoded text is never longer than the raw literal. */
    const char *q = r->p;
    while (q < r->end && *q != '"')
        q += (*q == '\\' && q + 1 < r->end) ? 2 : 1;
    size_t cap = (size_t)(q - r->p) + 1;
    char *out = malloc(cap);
    size_t n = 0;
    if (!out)
        return NULL;
    while (r->p < r->end && *r->p != '"') {
        char c = *r->p++;
        if (c == '\\') {
            if (r->p >= r->end)
                break;
            char e = *r->p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                unsigned cp;
                if (r->end - r->p < 4 || !hex4(r->p, &cp)) {
                    free(out);
                    return NULL;
                }
                r->p += 4;
                /* Wycheproof comments only; keep ASCII, replace the rest. */
                c = cp < 0x80 ? (char)cp : '?';
                break;
            }
            default: c = e; break;
            }
        }
        if (n + 1 >= cap) {
            free(out);
            return NULL;
        }
        out[n++] = c;
    }
    if (r->p >= r->end) {
        free(out);
        return NULL;
    }
    r->p++; /* closing quote */
    out[n] = '\0';
    return out;
}

static json *parse_value(reader *r);

static json *parse_container(reader *r, int is_obj)
{
    json *j = new_node(is_obj ? J_OBJ : J_ARR);
    if (!j)
        return NULL;
    r->p++; /* [ or { */
    skip_ws(r);
    char close = is_obj ? '}' : ']';
    if (r->p < r->end && *r->p == close) {
        r->p++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(r);
        if (is_obj) {
            key = parse_string(r);
            skip_ws(r);
            if (!key || r->p >= r->end || *r->p != ':') {
                free(key);
                json_free(j);
                return NULL;
            }
            r->p++;
        }
        json *child = parse_value(r);
        if (!child || !push(j, key, child)) {
            free(key);
            json_free(child);
            json_free(j);
            return NULL;
        }
        skip_ws(r);
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == close) {
            r->p++;
            return j;
        }
        json_free(j);
        return NULL;
    }
}

static json *parse_value(reader *r)
{
    skip_ws(r);
    if (r->p >= r->end || r->depth > JSON_MAX_DEPTH)
        return NULL;
    char c = *r->p;
    json *j = NULL;
    if (c == '{' || c == '[') {
        r->depth++;
        j = parse_container(r, c == '{');
        r->depth--;
    } else if (c == '"') {
        char *s = parse_string(r);
        if (s && (j = new_node(J_STR)) != NULL)
            j->str = s;
        else
            free(s);
    } else if (c == 't' && r->end - r->p >= 4 && memcmp(r->p, "true", 4) == 0) {
        r->p += 4;
        if ((j = new_node(J_BOOL)) != NULL)
            j->num = 1;
    } else if (c == 'f' && r->end - r->p >= 5 && memcmp(r->p, "false", 5) == 0) {
        r->p += 5;
        j = new_node(J_BOOL);
    } else if (c == 'n' && r->end - r->p >= 4 && memcmp(r->p, "null", 4) == 0) {
        r->p += 4;
        j = new_node(J_NULL);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        char *endp;
        double v = strtod(r->p, &endp);
        if (endp > r->p && endp <= r->end && (j = new_node(J_NUM)) != NULL) {
            j->num = v;
            r->p = endp;
        }
    }
    return j;
}

json *json_parse(const char *text)
{
    reader r = {text, text + strlen(text), 0};
    json *j = parse_value(&r);
    skip_ws(&r);
    if (j && r.p != r.end) {
        json_free(j);
        return NULL;
    }
    return j;
}

void json_free(json *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->n; i++) {
        json_free(j->items[i]);
        if (j->keys)
            free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->str);
    free(j);
}

const json *json_get(const json *obj, const char *key)
{
    if (!obj || obj->kind != J_OBJ)
        return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (strcmp(obj->keys[i], key) == 0)
            return obj->items[i];
    return NULL;
}

size_t json_len(const json *j)
{
    return j && (j->kind == J_ARR || j->kind == J_OBJ) ? j->n : 0;
}

const json *json_at(const json *arr, size_t i)
{
    return arr && arr->kind == J_ARR && i < arr->n ? arr->items[i] : NULL;
}

const char *json_str(const json *j)
{
    return j && j->kind == J_STR ? j->str : NULL;
}

double json_num(const json *j)
{
    return j && (j->kind == J_NUM || j->kind == J_BOOL) ? j->num : 0;
}

const char *json_get_str(const json *obj, const char *key)
{
    const char *s = json_str(json_get(obj, key));
    return s ? s : "";
}

uint8_t *json_get_hex(const json *obj, const char *key, size_t *out_len)
{
    return test_unhex_alloc(json_get_str(obj, key), out_len);
}

int json_has_flag(const json *test, const char *flag)
{
    const json *flags = json_get(test, "flags");
    for (size_t i = 0; i < json_len(flags); i++) {
        const char *f = json_str(json_at(flags, i));
        if (f && strcmp(f, flag) == 0)
            return 1;
    }
    return 0;
}

int wycheproof_run(const char *file, const char *label, wp_case_fn fn, void *arg)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", VECTORS_DIR, file);
    char *text = test_read_file(path, NULL);
    json *doc = text ? json_parse(text) : NULL;
    free(text);
    if (!doc) {
        fprintf(stderr, "FAIL cannot read or parse %s\n", path);
        test_failed++;
        return 1;
    }
    unsigned long pass = 0, fail = 0, skip = 0;
    const json *groups = json_get(doc, "testGroups");
    for (size_t g = 0; g < json_len(groups); g++) {
        const json *group = json_at(groups, g);
        const json *tests = json_get(group, "tests");
        for (size_t t = 0; t < json_len(tests); t++) {
            const json *tc = json_at(tests, t);
            int r = fn(group, tc, arg);
            if (r == WP_PASS) {
                pass++;
            } else if (r == WP_SKIP) {
                skip++;
            } else {
                fail++;
                fprintf(stderr, "FAIL %s tcId %d (%s): %s\n", file,
                        (int)json_num(json_get(tc, "tcId")), json_get_str(tc, "result"),
                        json_get_str(tc, "comment"));
            }
        }
    }
    json_free(doc);
    if (pass + fail == 0) {
        fprintf(stderr, "FAIL %s: no case ran\n", file);
        fail++;
    }
    test_passed += pass;
    test_failed += fail;
    printf("%s%s%s: %lu passed, %lu failed, %lu skipped\n", file, label ? " " : "",
           label ? label : "", pass, fail, skip);
    return (int)fail;
}
