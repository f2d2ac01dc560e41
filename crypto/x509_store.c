/*
 * X509_STORE: the trust anchors one or many verifications share, with
 * their default verification settings and callback, and X509_OBJECT, the
 * store's entries. See internal/x509_store.h for the locking.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "internal/x509_obj.h"
#include "internal/x509_store.h"

X509 *mintls_x509_of_cert(const x509_cert *c)
{
    if (c == NULL)
        return NULL;
    /* mintls_x509_parsed() hands out &x->cert: walk back to the X509. */
    return (X509 *)((char *)(uintptr_t)c - offsetof(struct x509_st, cert));
}

/* ---- X509_OBJECT ---------------------------------------------------------------- */

X509_OBJECT *X509_OBJECT_new(void)
{
    X509_OBJECT *o = calloc(1, sizeof(*o));
    if (o == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    o->type = X509_LU_NONE;
    return o;
}

void X509_OBJECT_free(X509_OBJECT *a)
{
    if (a == NULL)
        return;
    X509_free(a->x509);
    free(a);
}

X509_LOOKUP_TYPE X509_OBJECT_get_type(const X509_OBJECT *a)
{
    return a != NULL ? a->type : X509_LU_NONE;
}

X509 *X509_OBJECT_get0_X509(const X509_OBJECT *a)
{
    if (a == NULL || a->type != X509_LU_X509)
        return NULL;
    return a->x509;
}

/* ---- X509_STORE ----------------------------------------------------------------- */

X509_STORE *X509_STORE_new(void)
{
    X509_STORE *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    s->objs = sk_X509_OBJECT_new_null();
    s->lookups = sk_X509_LOOKUP_new_null();
    s->param = X509_VERIFY_PARAM_new();
    if (s->objs == NULL || s->lookups == NULL || s->param == NULL ||
        pthread_mutex_init(&s->lock, NULL) != 0) {
        sk_X509_OBJECT_free(s->objs);
        sk_X509_LOOKUP_free(s->lookups);
        X509_VERIFY_PARAM_free(s->param);
        free(s);
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    atomic_init(&s->references, 1);
    if (!CRYPTO_new_ex_data(CRYPTO_EX_INDEX_X509_STORE, s, &s->ex_data)) {
        X509_STORE_free(s);
        return NULL;
    }
    return s;
}

static void lookup_free(X509_LOOKUP *l)
{
    for (size_t i = 0; i < l->dir_count; i++)
        free(l->dirs[i].path);
    free(l->dirs);
    free(l);
}

void X509_STORE_free(X509_STORE *s)
{
    if (s == NULL || atomic_fetch_sub(&s->references, 1) != 1)
        return;
    CRYPTO_free_ex_data(CRYPTO_EX_INDEX_X509_STORE, s, &s->ex_data);
    sk_X509_OBJECT_pop_free(s->objs, X509_OBJECT_free);
    sk_X509_LOOKUP_pop_free(s->lookups, lookup_free);
    X509_VERIFY_PARAM_free(s->param);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int X509_STORE_up_ref(X509_STORE *s)
{
    if (s == NULL)
        return 0;
    atomic_fetch_add(&s->references, 1);
    return 1;
}

int X509_STORE_set_ex_data(X509_STORE *s, int idx, void *data)
{
    return CRYPTO_set_ex_data(&s->ex_data, idx, data);
}

void *X509_STORE_get_ex_data(const X509_STORE *s, int idx)
{
    return CRYPTO_get_ex_data(&s->ex_data, idx);
}

int X509_STORE_lock(X509_STORE *s)
{
    return s != NULL && pthread_mutex_lock(&s->lock) == 0;
}

int X509_STORE_unlock(X509_STORE *s)
{
    return s != NULL && pthread_mutex_unlock(&s->lock) == 0;
}

static int same_der(const X509 *a, const X509 *b)
{
    const x509_cert *ca = mintls_x509_parsed(a), *cb = mintls_x509_parsed(b);
    if (ca == NULL || cb == NULL)
        return a == b;
    return ca->der.len == cb->der.len && memcmp(ca->der.p, cb->der.p, ca->der.len) == 0;
}

/* Caller holds the lock. */
static int has_cert_locked(const X509_STORE *s, const X509 *x)
{
    for (int i = 0; i < sk_X509_OBJECT_num(s->objs); i++) {
        const X509_OBJECT *o = sk_X509_OBJECT_value(s->objs, i);
        if (o->type == X509_LU_X509 && same_der(o->x509, x))
            return 1;
    }
    return 0;
}

int mintls_x509_store_add(X509_STORE *s, X509 *x, int *out_added)
{
    if (out_added != NULL)
        *out_added = 0;
    if (s == NULL || x == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (mintls_x509_parsed(x) == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    X509_OBJECT *o = X509_OBJECT_new();
    if (o == NULL)
        return 0;
    X509_up_ref(x);
    o->type = X509_LU_X509;
    o->x509 = x;
    int ret = 1;
    pthread_mutex_lock(&s->lock);
    /* A certificate already present is not an error (OpenSSL 1.1.1+). */
    if (has_cert_locked(s, x)) {
        X509_OBJECT_free(o);
    } else if (!sk_X509_OBJECT_push(s->objs, o)) {
        X509_OBJECT_free(o);
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        ret = 0;
    } else if (out_added != NULL) {
        *out_added = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return ret;
}

int X509_STORE_add_cert(X509_STORE *s, X509 *x)
{
    return mintls_x509_store_add(s, x, NULL);
}

int X509_STORE_set_flags(X509_STORE *s, unsigned long flags)
{
    return X509_VERIFY_PARAM_set_flags(s->param, flags);
}

int X509_STORE_set_purpose(X509_STORE *s, int purpose)
{
    return X509_VERIFY_PARAM_set_purpose(s->param, purpose);
}

int X509_STORE_set_depth(X509_STORE *s, int depth)
{
    X509_VERIFY_PARAM_set_depth(s->param, depth);
    return 1;
}

int X509_STORE_set1_param(X509_STORE *s, const X509_VERIFY_PARAM *pm)
{
    return X509_VERIFY_PARAM_set1(s->param, pm);
}

X509_VERIFY_PARAM *X509_STORE_get0_param(const X509_STORE *s)
{
    return s->param;
}

void X509_STORE_set_verify_cb(X509_STORE *s, X509_STORE_CTX_verify_cb verify_cb)
{
    s->verify_cb = verify_cb;
}

X509_STORE_CTX_verify_cb X509_STORE_get_verify_cb(const X509_STORE *s)
{
    return s->verify_cb;
}

STACK_OF(X509_OBJECT) *X509_STORE_get0_objects(const X509_STORE *s)
{
    return s->objs;
}

STACK_OF(X509) *X509_STORE_get1_all_certs(X509_STORE *s)
{
    if (s == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    STACK_OF(X509) *sk = sk_X509_new_null();
    if (sk == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < sk_X509_OBJECT_num(s->objs); i++) {
        X509_OBJECT *o = sk_X509_OBJECT_value(s->objs, i);
        if (o->type != X509_LU_X509)
            continue;
        if (!sk_X509_push(sk, o->x509)) {
            pthread_mutex_unlock(&s->lock);
            sk_X509_pop_free(sk, X509_free);
            ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
            return NULL;
        }
        X509_up_ref(o->x509);
    }
    pthread_mutex_unlock(&s->lock);
    return sk;
}

/* ---- what X509_verify_cert needs -------------------------------------------------- */

void mintls_x509_list_free(X509 **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        X509_free(list[i]);
    free(list);
}

int mintls_x509_store_snapshot(X509_STORE *s, X509 ***out_list, size_t *out_count)
{
    *out_list = NULL;
    *out_count = 0;
    pthread_mutex_lock(&s->lock);
    int n = sk_X509_OBJECT_num(s->objs);
    X509 **list = malloc((n > 0 ? (size_t)n : 1) * sizeof(*list));
    if (list == NULL) {
        pthread_mutex_unlock(&s->lock);
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    size_t count = 0;
    for (int i = 0; i < n; i++) {
        X509_OBJECT *o = sk_X509_OBJECT_value(s->objs, i);
        if (o->type == X509_LU_X509) {
            X509_up_ref(o->x509);
            list[count++] = o->x509;
        }
    }
    pthread_mutex_unlock(&s->lock);
    *out_list = list;
    *out_count = count;
    return 1;
}

int mintls_x509_store_has_subject(X509_STORE *s, const x509_name *name)
{
    int found = 0;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < sk_X509_OBJECT_num(s->objs) && !found; i++) {
        X509_OBJECT *o = sk_X509_OBJECT_value(s->objs, i);
        const x509_cert *c = o->type == X509_LU_X509 ? mintls_x509_parsed(o->x509) : NULL;
        found = c != NULL && mintls_x509_name_equal(&c->subject, name);
    }
    pthread_mutex_unlock(&s->lock);
    return found;
}

int mintls_x509_store_has_dirs(X509_STORE *s)
{
    int found = 0;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < sk_X509_LOOKUP_num(s->lookups) && !found; i++)
        found = sk_X509_LOOKUP_value(s->lookups, i)->dir_count > 0;
    pthread_mutex_unlock(&s->lock);
    return found;
}
