/*
 * The error queue: one ring of ERR_NUM_ERRORS entries per thread, allocated
 * on a thread's first error and freed when the thread exits. The oldest
 * entry is overwritten when the ring is full, as in OpenSSL.
 */
#include <openssl/err.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/err_strings.h"

typedef struct {
    unsigned long code;
    const char *file;
    int line;
    const char *func;
    char *data;     /* owned, or NULL */
    int data_flags; /* ERR_TXT_* as the caller sees them */
    int mark;
} err_entry;

typedef struct {
    err_entry e[ERR_NUM_ERRORS];
    int top, bottom; /* bottom is one before the oldest; empty when equal */
} err_state;

static pthread_key_t g_key;
static pthread_once_t g_key_once = PTHREAD_ONCE_INIT;

static void clear_entry(err_entry *e)
{
    free(e->data);
    memset(e, 0, sizeof(*e));
}

static void state_free(void *p)
{
    err_state *s = p;
    if (s == NULL)
        return;
    for (int i = 0; i < ERR_NUM_ERRORS; i++)
        free(s->e[i].data);
    free(s);
}

static void make_key(void)
{
    (void)pthread_key_create(&g_key, state_free);
}

/* The calling thread's queue; created only when create is set. */
static err_state *get_state(int create)
{
    pthread_once(&g_key_once, make_key);
    err_state *s = pthread_getspecific(g_key);
    if (s == NULL && create) {
        s = calloc(1, sizeof(*s));
        if (s != NULL && pthread_setspecific(g_key, s) != 0) {
            free(s);
            s = NULL;
        }
    }
    return s;
}

void ERR_new(void)
{
    err_state *s = get_state(1);
    if (s == NULL)
        return;
    s->top = (s->top + 1) % ERR_NUM_ERRORS;
    if (s->top == s->bottom)
        s->bottom = (s->bottom + 1) % ERR_NUM_ERRORS;
    clear_entry(&s->e[s->top]);
}

void ERR_set_debug(const char *file, int line, const char *func)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom)
        return;
    s->e[s->top].file = file;
    s->e[s->top].line = line;
    s->e[s->top].func = func;
}

void ERR_vset_error(int lib, int reason, const char *fmt, va_list args)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom)
        return;
    err_entry *e = &s->e[s->top];
    if (lib == ERR_LIB_SYS)
        e->code = ERR_SYSTEM_FLAG | ((unsigned long)reason & ERR_SYSTEM_MASK);
    else
        e->code = ERR_PACK(lib, 0, reason);
    free(e->data);
    e->data = NULL;
    e->data_flags = 0;
    if (fmt != NULL) {
        char *buf = malloc(ERR_MAX_DATA_SIZE);
        if (buf != NULL) {
            vsnprintf(buf, ERR_MAX_DATA_SIZE, fmt, args);
            e->data = buf;
            e->data_flags = ERR_TXT_STRING | ERR_TXT_MALLOCED;
        }
    }
}

void ERR_set_error(int lib, int reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ERR_vset_error(lib, reason, fmt, ap);
    va_end(ap);
}

/* Takes ownership of data when ERR_TXT_MALLOCED is set, as OpenSSL does. */
void ERR_set_error_data(char *data, int flags)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom) {
        if (flags & ERR_TXT_MALLOCED)
            free(data);
        return;
    }
    err_entry *e = &s->e[s->top];
    free(e->data);
    e->data = NULL;
    e->data_flags = 0;
    if (data == NULL)
        return;
    if (flags & ERR_TXT_MALLOCED) {
        e->data = data;
    } else {
        e->data = strdup(data);
        if (e->data == NULL)
            return;
    }
    e->data_flags = ERR_TXT_STRING | ERR_TXT_MALLOCED;
}

void ERR_add_error_txt(const char *sep, const char *txt)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom || txt == NULL)
        return;
    err_entry *e = &s->e[s->top];
    size_t old = e->data ? strlen(e->data) : 0;
    size_t seplen = (old && sep) ? strlen(sep) : 0;
    char *buf = realloc(e->data, old + seplen + strlen(txt) + 1);
    if (buf == NULL)
        return;
    buf[old] = '\0';
    if (seplen)
        strcat(buf, sep);
    strcat(buf, txt);
    e->data = buf;
    e->data_flags = ERR_TXT_STRING | ERR_TXT_MALLOCED;
}

void ERR_add_error_vdata(int num, va_list args)
{
    for (int i = 0; i < num; i++) {
        const char *a = va_arg(args, const char *);
        if (a != NULL)
            ERR_add_error_txt(NULL, a);
    }
}

void ERR_add_error_data(int num, ...)
{
    va_list ap;
    va_start(ap, num);
    ERR_add_error_vdata(num, ap);
    va_end(ap);
}

/*
 * The common reader: oldest (get/peek) or newest (peek_last) entry, removed
 * only by get. Data and file stay valid until the next call on this thread.
 */
static unsigned long read_entry(int remove, int newest, const char **file, int *line,
                                const char **func, const char **data, int *flags)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom) {
        if (file)
            *file = "";
        if (line)
            *line = 0;
        if (func)
            *func = "";
        if (data)
            *data = "";
        if (flags)
            *flags = 0;
        return 0;
    }
    int i = newest ? s->top : (s->bottom + 1) % ERR_NUM_ERRORS;
    err_entry *e = &s->e[i];
    unsigned long code = e->code;
    if (file)
        *file = e->file ? e->file : "";
    if (line)
        *line = e->line;
    if (func)
        *func = e->func ? e->func : "";
    if (data)
        *data = e->data ? e->data : "";
    if (flags)
        *flags = e->data ? e->data_flags : 0;
    if (remove) {
        /* Keep the removed entry's text alive until the next call by
           parking it in the slot: it is freed when the slot is reused. */
        e->code = 0;
        e->mark = 0;
        s->bottom = i;
    }
    return code;
}

unsigned long ERR_get_error(void)
{
    return read_entry(1, 0, NULL, NULL, NULL, NULL, NULL);
}
unsigned long ERR_get_error_all(const char **file, int *line, const char **func,
                                const char **data, int *flags)
{
    return read_entry(1, 0, file, line, func, data, flags);
}
unsigned long ERR_get_error_line(const char **file, int *line)
{
    return read_entry(1, 0, file, line, NULL, NULL, NULL);
}
unsigned long ERR_get_error_line_data(const char **file, int *line,
                                      const char **data, int *flags)
{
    return read_entry(1, 0, file, line, NULL, data, flags);
}
unsigned long ERR_peek_error(void)
{
    return read_entry(0, 0, NULL, NULL, NULL, NULL, NULL);
}
unsigned long ERR_peek_error_line(const char **file, int *line)
{
    return read_entry(0, 0, file, line, NULL, NULL, NULL);
}
unsigned long ERR_peek_error_func(const char **func)
{
    return read_entry(0, 0, NULL, NULL, func, NULL, NULL);
}
unsigned long ERR_peek_error_data(const char **data, int *flags)
{
    return read_entry(0, 0, NULL, NULL, NULL, data, flags);
}
unsigned long ERR_peek_error_all(const char **file, int *line, const char **func,
                                 const char **data, int *flags)
{
    return read_entry(0, 0, file, line, func, data, flags);
}
unsigned long ERR_peek_error_line_data(const char **file, int *line,
                                       const char **data, int *flags)
{
    return read_entry(0, 0, file, line, NULL, data, flags);
}
unsigned long ERR_peek_last_error(void)
{
    return read_entry(0, 1, NULL, NULL, NULL, NULL, NULL);
}
unsigned long ERR_peek_last_error_line(const char **file, int *line)
{
    return read_entry(0, 1, file, line, NULL, NULL, NULL);
}
unsigned long ERR_peek_last_error_func(const char **func)
{
    return read_entry(0, 1, NULL, NULL, func, NULL, NULL);
}
unsigned long ERR_peek_last_error_data(const char **data, int *flags)
{
    return read_entry(0, 1, NULL, NULL, NULL, data, flags);
}
unsigned long ERR_peek_last_error_all(const char **file, int *line,
                                      const char **func, const char **data,
                                      int *flags)
{
    return read_entry(0, 1, file, line, func, data, flags);
}
unsigned long ERR_peek_last_error_line_data(const char **file, int *line,
                                            const char **data, int *flags)
{
    return read_entry(0, 1, file, line, NULL, data, flags);
}

void ERR_clear_error(void)
{
    err_state *s = get_state(0);
    if (s == NULL)
        return;
    for (int i = 0; i < ERR_NUM_ERRORS; i++)
        clear_entry(&s->e[i]);
    s->top = s->bottom = 0;
}

int ERR_set_mark(void)
{
    err_state *s = get_state(0);
    if (s == NULL || s->top == s->bottom)
        return 0;
    s->e[s->top].mark++;
    return 1;
}

/* Removes entries newer than the most recent mark, and that mark. */
int ERR_pop_to_mark(void)
{
    err_state *s = get_state(0);
    if (s == NULL)
        return 0;
    while (s->top != s->bottom && s->e[s->top].mark == 0) {
        clear_entry(&s->e[s->top]);
        s->top = (s->top + ERR_NUM_ERRORS - 1) % ERR_NUM_ERRORS;
    }
    if (s->top == s->bottom)
        return 0;
    s->e[s->top].mark--;
    return 1;
}

int ERR_clear_last_mark(void)
{
    err_state *s = get_state(0);
    if (s == NULL)
        return 0;
    for (int i = s->top; i != s->bottom; i = (i + ERR_NUM_ERRORS - 1) % ERR_NUM_ERRORS) {
        if (s->e[i].mark) {
            s->e[i].mark--;
            return 1;
        }
    }
    return 0;
}

const char *ERR_lib_error_string(unsigned long e)
{
    return mintls_err_lib_string(ERR_GET_LIB(e));
}

const char *ERR_func_error_string(unsigned long e)
{
    (void)e;
    return NULL;
}

const char *ERR_reason_error_string(unsigned long e)
{
    if (ERR_SYSTEM_ERROR(e))
        return strerror(ERR_GET_REASON(e));
    return mintls_err_reason_string(ERR_GET_LIB(e), ERR_GET_REASON(e));
}

void ERR_error_string_n(unsigned long e, char *buf, size_t len)
{
    char libbuf[32], reasonbuf[32];
    if (buf == NULL || len == 0)
        return;
    const char *ls = ERR_lib_error_string(e);
    const char *rs = ERR_reason_error_string(e);
    if (ls == NULL) {
        snprintf(libbuf, sizeof(libbuf), "lib(%d)", ERR_GET_LIB(e));
        ls = libbuf;
    }
    if (rs == NULL) {
        snprintf(reasonbuf, sizeof(reasonbuf), "reason(%d)", ERR_GET_REASON(e));
        rs = reasonbuf;
    }
    snprintf(buf, len, "error:%08lX:%s:%s:%s", e & 0xffffffffUL, ls, "", rs);
}

char *ERR_error_string(unsigned long e, char *buf)
{
    static char shared[256]; /* as documented: not thread-safe with NULL */
    if (buf == NULL)
        buf = shared;
    ERR_error_string_n(e, buf, 256);
    return buf;
}

void ERR_print_errors_cb(int (*cb)(const char *str, size_t len, void *u), void *u)
{
    char line[ERR_MAX_DATA_SIZE + 512], estr[256];
    const char *file, *func, *data;
    int lineno, flags;
    unsigned long code;
    unsigned long tid = (unsigned long)pthread_self();
    while ((code = ERR_get_error_all(&file, &lineno, &func, &data, &flags)) != 0) {
        ERR_error_string_n(code, estr, sizeof(estr));
        /* estr is "error:CODE:lib::reason"; OpenSSL prints the function
           between lib and reason, so rebuild it with func filled in. */
        const char *ls = ERR_lib_error_string(code);
        const char *rs = ERR_reason_error_string(code);
        if (ls != NULL && rs != NULL)
            snprintf(line, sizeof(line), "%lX:error:%08lX:%s:%s:%s:%s:%d:%s\n", tid,
                     code & 0xffffffffUL, ls, func, rs, file, lineno,
                     (flags & ERR_TXT_STRING) ? data : "");
        else
            snprintf(line, sizeof(line), "%lX:%s:%s:%d:%s\n", tid, estr, file, lineno,
                     (flags & ERR_TXT_STRING) ? data : "");
        if (cb(line, strlen(line), u) <= 0)
            break;
    }
}

static int print_fp_cb(const char *str, size_t len, void *u)
{
    return fwrite(str, 1, len, (FILE *)u) == len;
}

void ERR_print_errors_fp(FILE *fp)
{
    ERR_print_errors_cb(print_fp_cb, fp);
}

int ERR_load_strings(int lib, ERR_STRING_DATA *str)
{
    return mintls_err_load_strings(lib, str);
}

int ERR_load_strings_const(const ERR_STRING_DATA *str)
{
    return mintls_err_load_strings(0, str);
}

int ERR_unload_strings(int lib, ERR_STRING_DATA *str)
{
    (void)lib;
    (void)str;
    return 1;
}

int ERR_get_next_error_library(void)
{
    return mintls_err_next_library();
}

int ERR_load_ERR_strings(void)
{
    return 1;
}

void ERR_remove_thread_state(void *unused)
{
    (void)unused;
    ERR_clear_error();
}

void ERR_remove_state(unsigned long pid)
{
    (void)pid;
    ERR_clear_error();
}
