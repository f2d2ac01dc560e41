/*
 * Application data on objects: CRYPTO_get_ex_new_index hands out indexes
 * per object class (with optional new/dup/free callbacks), and each object
 * carries a CRYPTO_EX_DATA, a growable array of pointers indexed by them.
 *
 * Index 0 of every class is reserved, as in OpenSSL, because the
 * SSL_set_app_data / SSL_CTX_set_app_data macros use it without asking for
 * an index; the first index handed out is therefore 1.
 */
#include "internal/ex_data.h"

#include <openssl/err.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int in_use; /* 0 after CRYPTO_free_ex_index: callbacks no longer run */
    long argl;
    void *argp;
    CRYPTO_EX_new *new_func;
    CRYPTO_EX_dup *dup_func;
    CRYPTO_EX_free *free_func;
} ex_callbacks;

typedef struct {
    ex_callbacks *meths; /* meths[idx]; meths[0] is the reserved app_data slot */
    int count;
    int cap;
} ex_class;

static pthread_mutex_t g_ex_lock = PTHREAD_MUTEX_INITIALIZER;
static ex_class g_classes[CRYPTO_EX_INDEX__COUNT];

static int valid_class(int class_index)
{
    if (class_index < 0 || class_index >= CRYPTO_EX_INDEX__COUNT) {
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return 1;
}

int CRYPTO_get_ex_new_index(int class_index, long argl, void *argp, CRYPTO_EX_new *new_func,
                            CRYPTO_EX_dup *dup_func, CRYPTO_EX_free *free_func)
{
    if (!valid_class(class_index))
        return -1;
    int idx = -1;
    pthread_mutex_lock(&g_ex_lock);
    ex_class *c = &g_classes[class_index];
    int need = c->count == 0 ? 2 : c->count + 1; /* slot 0 is reserved */
    if (need > c->cap) {
        int cap = c->cap ? c->cap * 2 : 8;
        ex_callbacks *m = realloc(c->meths, (size_t)cap * sizeof(*m));
        if (m == NULL) {
            pthread_mutex_unlock(&g_ex_lock);
            ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
            return -1;
        }
        c->meths = m;
        c->cap = cap;
    }
    if (c->count == 0) {
        memset(&c->meths[0], 0, sizeof(c->meths[0]));
        c->count = 1;
    }
    idx = c->count++;
    c->meths[idx] = (ex_callbacks){1, argl, argp, new_func, dup_func, free_func};
    pthread_mutex_unlock(&g_ex_lock);
    return idx;
}

int CRYPTO_free_ex_index(int class_index, int idx)
{
    if (!valid_class(class_index))
        return 0;
    int ok = 0;
    pthread_mutex_lock(&g_ex_lock);
    ex_class *c = &g_classes[class_index];
    if (idx > 0 && idx < c->count) {
        c->meths[idx].in_use = 0;
        ok = 1;
    }
    pthread_mutex_unlock(&g_ex_lock);
    return ok;
}

/* A copy of a class's callbacks, so none runs under the lock. */
static int snapshot(int class_index, ex_callbacks **out, int *out_n)
{
    *out = NULL;
    *out_n = 0;
    pthread_mutex_lock(&g_ex_lock);
    ex_class *c = &g_classes[class_index];
    int ok = 1;
    if (c->count > 0) {
        *out = malloc((size_t)c->count * sizeof(**out));
        if (*out == NULL)
            ok = 0;
        else {
            memcpy(*out, c->meths, (size_t)c->count * sizeof(**out));
            *out_n = c->count;
        }
    }
    pthread_mutex_unlock(&g_ex_lock);
    if (!ok)
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
    return ok;
}

int CRYPTO_new_ex_data(int class_index, void *obj, CRYPTO_EX_DATA *ad)
{
    if (ad == NULL || !valid_class(class_index))
        return 0;
    ad->slots = NULL;
    ad->count = 0;
    ex_callbacks *m;
    int n;
    if (!snapshot(class_index, &m, &n))
        return 0;
    for (int i = 1; i < n; i++)
        if (m[i].in_use && m[i].new_func != NULL)
            m[i].new_func(obj, NULL, ad, i, m[i].argl, m[i].argp);
    free(m);
    return 1;
}

int CRYPTO_dup_ex_data(int class_index, CRYPTO_EX_DATA *to, const CRYPTO_EX_DATA *from)
{
    if (to == NULL || from == NULL || !valid_class(class_index))
        return 0;
    if (from->count == 0)
        return 1;
    ex_callbacks *m;
    int n;
    if (!snapshot(class_index, &m, &n))
        return 0;
    int ok = 1;
    for (int i = 0; i < from->count && ok; i++) {
        void *ptr = from->slots[i];
        if (i > 0 && i < n && m[i].in_use && m[i].dup_func != NULL &&
            !m[i].dup_func(to, from, &ptr, i, m[i].argl, m[i].argp))
            ok = 0;
        else if (!CRYPTO_set_ex_data(to, i, ptr))
            ok = 0;
    }
    free(m);
    return ok;
}

void CRYPTO_free_ex_data(int class_index, void *obj, CRYPTO_EX_DATA *ad)
{
    if (ad == NULL || class_index < 0 || class_index >= CRYPTO_EX_INDEX__COUNT)
        return;
    ex_callbacks *m;
    int n;
    if (snapshot(class_index, &m, &n)) {
        for (int i = 1; i < n; i++)
            if (m[i].in_use && m[i].free_func != NULL)
                m[i].free_func(obj, CRYPTO_get_ex_data(ad, i), ad, i, m[i].argl, m[i].argp);
        free(m);
    }
    free(ad->slots);
    ad->slots = NULL;
    ad->count = 0;
}

int CRYPTO_set_ex_data(CRYPTO_EX_DATA *ad, int idx, void *val)
{
    if (ad == NULL || idx < 0) {
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    if (idx >= ad->count) {
        int count = idx + 1;
        void **slots = realloc(ad->slots, (size_t)count * sizeof(*slots));
        if (slots == NULL) {
            ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        for (int i = ad->count; i < count; i++)
            slots[i] = NULL;
        ad->slots = slots;
        ad->count = count;
    }
    ad->slots[idx] = val;
    return 1;
}

void *CRYPTO_get_ex_data(const CRYPTO_EX_DATA *ad, int idx)
{
    if (ad == NULL || idx < 0 || idx >= ad->count)
        return NULL;
    return ad->slots[idx];
}
