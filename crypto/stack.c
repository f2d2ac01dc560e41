/*
 * OPENSSL_STACK: a growable array of pointers with an optional comparison
 * function. Find on a stack with a comparison sorts it first (as OpenSSL
 * does) and then searches; without one it compares pointers.
 */
#include <openssl/stack.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

struct stack_st {
    int num;
    int cap;
    const void **data;
    int sorted;
    OPENSSL_sk_compfunc cmp;
};

static int sk_grow(OPENSSL_STACK *st, int need)
{
    if (need <= st->cap)
        return 1;
    if (need > INT_MAX / 2)
        return 0;
    int cap = st->cap < 4 ? 4 : st->cap;
    while (cap < need)
        cap *= 2;
    const void **d = realloc(st->data, (size_t)cap * sizeof(*d));
    if (d == NULL) {
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    st->data = d;
    st->cap = cap;
    return 1;
}

OPENSSL_STACK *OPENSSL_sk_new_reserve(OPENSSL_sk_compfunc c, int n)
{
    OPENSSL_STACK *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    st->cmp = c;
    if (n > 0 && !sk_grow(st, n)) {
        free(st);
        return NULL;
    }
    return st;
}

OPENSSL_STACK *OPENSSL_sk_new(OPENSSL_sk_compfunc cmp) { return OPENSSL_sk_new_reserve(cmp, 0); }

OPENSSL_STACK *OPENSSL_sk_new_null(void) { return OPENSSL_sk_new_reserve(NULL, 0); }

int OPENSSL_sk_reserve(OPENSSL_STACK *st, int n)
{
    if (st == NULL || n < 0)
        return 0;
    return sk_grow(st, n > st->num ? n : st->num);
}

void OPENSSL_sk_free(OPENSSL_STACK *st)
{
    if (st == NULL)
        return;
    free(st->data);
    free(st);
}

void OPENSSL_sk_pop_free(OPENSSL_STACK *st, void (*func)(void *))
{
    if (st == NULL)
        return;
    if (func != NULL)
        for (int i = 0; i < st->num; i++)
            if (st->data[i] != NULL)
                func((void *)st->data[i]);
    OPENSSL_sk_free(st);
}

OPENSSL_STACK *OPENSSL_sk_dup(const OPENSSL_STACK *st)
{
    if (st == NULL)
        return OPENSSL_sk_new_null();
    OPENSSL_STACK *r = OPENSSL_sk_new_reserve(st->cmp, st->num);
    if (r == NULL)
        return NULL;
    if (st->num > 0)
        memcpy(r->data, st->data, (size_t)st->num * sizeof(*r->data));
    r->num = st->num;
    r->sorted = st->sorted;
    return r;
}

OPENSSL_STACK *OPENSSL_sk_deep_copy(const OPENSSL_STACK *st, OPENSSL_sk_copyfunc c,
                                    OPENSSL_sk_freefunc f)
{
    if (st == NULL)
        return OPENSSL_sk_new_null();
    OPENSSL_STACK *r = OPENSSL_sk_new_reserve(st->cmp, st->num);
    if (r == NULL)
        return NULL;
    r->sorted = st->sorted;
    for (int i = 0; i < st->num; i++) {
        if (st->data[i] == NULL) {
            r->data[r->num++] = NULL;
            continue;
        }
        void *copy = c(st->data[i]);
        if (copy == NULL) {
            OPENSSL_sk_pop_free(r, f);
            return NULL;
        }
        r->data[r->num++] = copy;
    }
    return r;
}

int OPENSSL_sk_num(const OPENSSL_STACK *st) { return st == NULL ? -1 : st->num; }

void *OPENSSL_sk_value(const OPENSSL_STACK *st, int i)
{
    if (st == NULL || i < 0 || i >= st->num)
        return NULL;
    return (void *)st->data[i];
}

void *OPENSSL_sk_set(OPENSSL_STACK *st, int i, const void *data)
{
    if (st == NULL || i < 0 || i >= st->num)
        return NULL;
    st->data[i] = data;
    st->sorted = 0;
    return (void *)data;
}

int OPENSSL_sk_insert(OPENSSL_STACK *st, const void *data, int where)
{
    if (st == NULL || st->num == INT_MAX || !sk_grow(st, st->num + 1))
        return 0;
    if (where < 0 || where > st->num)
        where = st->num;
    memmove(&st->data[where + 1], &st->data[where],
            (size_t)(st->num - where) * sizeof(*st->data));
    st->data[where] = data;
    st->num++;
    st->sorted = 0;
    return st->num;
}

void *OPENSSL_sk_delete(OPENSSL_STACK *st, int loc)
{
    if (st == NULL || loc < 0 || loc >= st->num)
        return NULL;
    const void *r = st->data[loc];
    memmove(&st->data[loc], &st->data[loc + 1], (size_t)(st->num - loc - 1) * sizeof(*st->data));
    st->num--;
    return (void *)r;
}

void *OPENSSL_sk_delete_ptr(OPENSSL_STACK *st, const void *p)
{
    if (st == NULL)
        return NULL;
    for (int i = 0; i < st->num; i++)
        if (st->data[i] == p)
            return OPENSSL_sk_delete(st, i);
    return NULL;
}


void OPENSSL_sk_sort(OPENSSL_STACK *st)
{
    if (st == NULL || st->sorted || st->cmp == NULL)
        return;
    /* A stable insertion sort: no shared state, fine for the sizes stacks hold. */
    for (int i = 1; i < st->num; i++) {
        const void *v = st->data[i];
        int j = i;
        while (j > 0 && st->cmp(&st->data[j - 1], &v) > 0) {
            st->data[j] = st->data[j - 1];
            j--;
        }
        st->data[j] = v;
    }
    st->sorted = 1;
}

static int sk_find_impl(OPENSSL_STACK *st, const void *data, int *pnum)
{
    if (st == NULL || st->num == 0)
        return -1;
    if (st->cmp == NULL) {
        for (int i = 0; i < st->num; i++)
            if (st->data[i] == data) {
                if (pnum != NULL)
                    *pnum = 1;
                return i;
            }
        return -1;
    }
    OPENSSL_sk_sort(st);
    int first = -1, count = 0;
    for (int i = 0; i < st->num; i++)
        if (st->cmp(&data, &st->data[i]) == 0) {
            if (first < 0)
                first = i;
            count++;
        }
    if (pnum != NULL)
        *pnum = count;
    return first;
}

int OPENSSL_sk_find(OPENSSL_STACK *st, const void *data) { return sk_find_impl(st, data, NULL); }

int OPENSSL_sk_find_ex(OPENSSL_STACK *st, const void *data)
{
    int r = sk_find_impl(st, data, NULL);
    if (r >= 0 || st == NULL || st->cmp == NULL)
        return r;
    /* Where it would go: the first element greater than data. */
    for (int i = 0; i < st->num; i++)
        if (st->cmp(&data, &st->data[i]) < 0)
            return i;
    return st->num > 0 ? st->num - 1 : -1;
}

int OPENSSL_sk_find_all(OPENSSL_STACK *st, const void *data, int *pnum)
{
    if (pnum != NULL)
        *pnum = 0;
    return sk_find_impl(st, data, pnum);
}

int OPENSSL_sk_push(OPENSSL_STACK *st, const void *data)
{
    return st == NULL ? -1 : OPENSSL_sk_insert(st, data, st->num);
}

int OPENSSL_sk_unshift(OPENSSL_STACK *st, const void *data) { return OPENSSL_sk_insert(st, data, 0); }

void *OPENSSL_sk_shift(OPENSSL_STACK *st)
{
    return (st == NULL || st->num == 0) ? NULL : OPENSSL_sk_delete(st, 0);
}

void *OPENSSL_sk_pop(OPENSSL_STACK *st)
{
    return (st == NULL || st->num == 0) ? NULL : OPENSSL_sk_delete(st, st->num - 1);
}

void OPENSSL_sk_zero(OPENSSL_STACK *st)
{
    if (st == NULL)
        return;
    st->num = 0;
}

OPENSSL_sk_compfunc OPENSSL_sk_set_cmp_func(OPENSSL_STACK *st, OPENSSL_sk_compfunc cmp)
{
    if (st == NULL)
        return NULL;
    OPENSSL_sk_compfunc old = st->cmp;
    if (old != cmp)
        st->sorted = 0;
    st->cmp = cmp;
    return old;
}

int OPENSSL_sk_is_sorted(const OPENSSL_STACK *st)
{
    return st == NULL ? 1 : st->sorted;
}
