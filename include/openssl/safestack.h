/*
 * mintls: typed stacks. STACK_OF(T) is an incomplete struct type; the
 * sk_T_* names are macros that check the argument types through small
 * static inline helpers and call the OPENSSL_sk_* functions, so a compiled
 * program only ever imports OPENSSL_sk_*.
 */
#ifndef OPENSSL_SAFESTACK_H
#define OPENSSL_SAFESTACK_H

#include <openssl/stack.h>
#include <openssl/e_os2.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STACK_OF(type) struct stack_st_##type

#if defined(__GNUC__) || defined(__clang__)
#define MINTLS_SK_UNUSED __attribute__((unused))
#else
#define MINTLS_SK_UNUSED
#endif

/*
 * Declares STACK_OF(name) for elements of type `type` and the inline
 * type-check helpers the sk_name_* macros go through. `base` is `type`
 * without a const qualifier: the compare, free and copy callbacks take it
 * (for a stack of `const char *` they see `char`).
 */
#define MINTLS_STACK_HELPERS_BASE(name, type, base)                                              \
    STACK_OF(name);                                                                              \
    typedef int (*sk_##name##_compfunc)(const base *const *a, const base *const *b);            \
    typedef void (*sk_##name##_freefunc)(base * a);                                              \
    typedef base *(*sk_##name##_copyfunc)(const base *a);                                        \
    static MINTLS_SK_UNUSED inline type *ossl_check_##name##_type(type *p) { return p; }         \
    static MINTLS_SK_UNUSED inline const OPENSSL_STACK *ossl_check_const_##name##_sk_type(       \
        const STACK_OF(name) *sk) { return (const OPENSSL_STACK *)sk; }                          \
    static MINTLS_SK_UNUSED inline OPENSSL_STACK *ossl_check_##name##_sk_type(                   \
        STACK_OF(name) *sk) { return (OPENSSL_STACK *)sk; }                                      \
    static MINTLS_SK_UNUSED inline OPENSSL_sk_compfunc ossl_check_##name##_compfunc_type(        \
        sk_##name##_compfunc f) { return (OPENSSL_sk_compfunc)f; }                               \
    static MINTLS_SK_UNUSED inline OPENSSL_sk_copyfunc ossl_check_##name##_copyfunc_type(        \
        sk_##name##_copyfunc f) { return (OPENSSL_sk_copyfunc)f; }                               \
    static MINTLS_SK_UNUSED inline OPENSSL_sk_freefunc ossl_check_##name##_freefunc_type(        \
        sk_##name##_freefunc f) { return (OPENSSL_sk_freefunc)f; }
#define MINTLS_STACK_HELPERS(name, type) MINTLS_STACK_HELPERS_BASE(name, type, type)

/* OpenSSL's own spelling of the same thing, for headers that use it. */
#define SKM_DEFINE_STACK_OF_INTERNAL(t1, t2, t3) MINTLS_STACK_HELPERS_BASE(t1, t2, t3)

/*
 * DEFINE_STACK_OF(T) for a program's own types: inline sk_T_* functions
 * over OPENSSL_sk_*.
 */
#define MINTLS_STACK_INLINES(name, type)                                                         \
    STACK_OF(name);                                                                              \
    typedef int (*sk_##name##_compfunc)(const type *const *a, const type *const *b);            \
    typedef void (*sk_##name##_freefunc)(type * a);                                              \
    typedef type *(*sk_##name##_copyfunc)(const type *a);                                        \
    static MINTLS_SK_UNUSED inline int sk_##name##_num(const STACK_OF(name) *sk)                 \
    { return OPENSSL_sk_num((const OPENSSL_STACK *)sk); }                                        \
    static MINTLS_SK_UNUSED inline type *sk_##name##_value(const STACK_OF(name) *sk, int i)      \
    { return (type *)OPENSSL_sk_value((const OPENSSL_STACK *)sk, i); }                           \
    static MINTLS_SK_UNUSED inline STACK_OF(name) *sk_##name##_new(sk_##name##_compfunc cmp)     \
    { return (STACK_OF(name) *)OPENSSL_sk_new((OPENSSL_sk_compfunc)cmp); }                       \
    static MINTLS_SK_UNUSED inline STACK_OF(name) *sk_##name##_new_null(void)                    \
    { return (STACK_OF(name) *)OPENSSL_sk_new_null(); }                                          \
    static MINTLS_SK_UNUSED inline STACK_OF(name) *sk_##name##_new_reserve(                      \
        sk_##name##_compfunc cmp, int n)                                                         \
    { return (STACK_OF(name) *)OPENSSL_sk_new_reserve((OPENSSL_sk_compfunc)cmp, n); }            \
    static MINTLS_SK_UNUSED inline int sk_##name##_reserve(STACK_OF(name) *sk, int n)            \
    { return OPENSSL_sk_reserve((OPENSSL_STACK *)sk, n); }                                       \
    static MINTLS_SK_UNUSED inline void sk_##name##_free(STACK_OF(name) *sk)                     \
    { OPENSSL_sk_free((OPENSSL_STACK *)sk); }                                                    \
    static MINTLS_SK_UNUSED inline void sk_##name##_zero(STACK_OF(name) *sk)                     \
    { OPENSSL_sk_zero((OPENSSL_STACK *)sk); }                                                    \
    static MINTLS_SK_UNUSED inline type *sk_##name##_delete(STACK_OF(name) *sk, int i)           \
    { return (type *)OPENSSL_sk_delete((OPENSSL_STACK *)sk, i); }                                \
    static MINTLS_SK_UNUSED inline type *sk_##name##_delete_ptr(STACK_OF(name) *sk, type *p)     \
    { return (type *)OPENSSL_sk_delete_ptr((OPENSSL_STACK *)sk, (const void *)p); }              \
    static MINTLS_SK_UNUSED inline int sk_##name##_push(STACK_OF(name) *sk, type *p)             \
    { return OPENSSL_sk_push((OPENSSL_STACK *)sk, (const void *)p); }                            \
    static MINTLS_SK_UNUSED inline int sk_##name##_unshift(STACK_OF(name) *sk, type *p)          \
    { return OPENSSL_sk_unshift((OPENSSL_STACK *)sk, (const void *)p); }                         \
    static MINTLS_SK_UNUSED inline type *sk_##name##_pop(STACK_OF(name) *sk)                     \
    { return (type *)OPENSSL_sk_pop((OPENSSL_STACK *)sk); }                                      \
    static MINTLS_SK_UNUSED inline type *sk_##name##_shift(STACK_OF(name) *sk)                   \
    { return (type *)OPENSSL_sk_shift((OPENSSL_STACK *)sk); }                                    \
    static MINTLS_SK_UNUSED inline void sk_##name##_pop_free(STACK_OF(name) *sk,                 \
                                                             sk_##name##_freefunc f)             \
    { OPENSSL_sk_pop_free((OPENSSL_STACK *)sk, (OPENSSL_sk_freefunc)f); }                        \
    static MINTLS_SK_UNUSED inline int sk_##name##_insert(STACK_OF(name) *sk, type *p, int i)    \
    { return OPENSSL_sk_insert((OPENSSL_STACK *)sk, (const void *)p, i); }                       \
    static MINTLS_SK_UNUSED inline type *sk_##name##_set(STACK_OF(name) *sk, int i, type *p)     \
    { return (type *)OPENSSL_sk_set((OPENSSL_STACK *)sk, i, (const void *)p); }                  \
    static MINTLS_SK_UNUSED inline int sk_##name##_find(STACK_OF(name) *sk, type *p)             \
    { return OPENSSL_sk_find((OPENSSL_STACK *)sk, (const void *)p); }                            \
    static MINTLS_SK_UNUSED inline int sk_##name##_find_ex(STACK_OF(name) *sk, type *p)          \
    { return OPENSSL_sk_find_ex((OPENSSL_STACK *)sk, (const void *)p); }                         \
    static MINTLS_SK_UNUSED inline void sk_##name##_sort(STACK_OF(name) *sk)                     \
    { OPENSSL_sk_sort((OPENSSL_STACK *)sk); }                                                    \
    static MINTLS_SK_UNUSED inline int sk_##name##_is_sorted(const STACK_OF(name) *sk)           \
    { return OPENSSL_sk_is_sorted((const OPENSSL_STACK *)sk); }                                  \
    static MINTLS_SK_UNUSED inline STACK_OF(name) *sk_##name##_dup(const STACK_OF(name) *sk)     \
    { return (STACK_OF(name) *)OPENSSL_sk_dup((const OPENSSL_STACK *)sk); }                      \
    static MINTLS_SK_UNUSED inline STACK_OF(name) *sk_##name##_deep_copy(                        \
        const STACK_OF(name) *sk, sk_##name##_copyfunc c, sk_##name##_freefunc f)                \
    { return (STACK_OF(name) *)OPENSSL_sk_deep_copy((const OPENSSL_STACK *)sk,                   \
          (OPENSSL_sk_copyfunc)c, (OPENSSL_sk_freefunc)f); }                                     \
    static MINTLS_SK_UNUSED inline sk_##name##_compfunc sk_##name##_set_cmp_func(                \
        STACK_OF(name) *sk, sk_##name##_compfunc cmp)                                            \
    { return (sk_##name##_compfunc)OPENSSL_sk_set_cmp_func((OPENSSL_STACK *)sk,                  \
          (OPENSSL_sk_compfunc)cmp); }

#define DEFINE_STACK_OF(t) MINTLS_STACK_INLINES(t, t)
#define DEFINE_STACK_OF_CONST(t) MINTLS_STACK_INLINES(t, const t)
#define DEFINE_SPECIAL_STACK_OF(t1, t2) MINTLS_STACK_INLINES(t1, t2)
#define DEFINE_SPECIAL_STACK_OF_CONST(t1, t2) MINTLS_STACK_INLINES(t1, const t2)

/* Stacks of C strings. */
typedef char *OPENSSL_STRING;
typedef const char *OPENSSL_CSTRING;
typedef void *OPENSSL_BLOCK;

MINTLS_STACK_HELPERS(OPENSSL_STRING, char)
#define sk_OPENSSL_STRING_num(sk) OPENSSL_sk_num(ossl_check_const_OPENSSL_STRING_sk_type(sk))
#define sk_OPENSSL_STRING_value(sk, idx) ((char *)OPENSSL_sk_value(ossl_check_const_OPENSSL_STRING_sk_type(sk), (idx)))
#define sk_OPENSSL_STRING_new(cmp) ((STACK_OF(OPENSSL_STRING) *)OPENSSL_sk_new(ossl_check_OPENSSL_STRING_compfunc_type(cmp)))
#define sk_OPENSSL_STRING_new_null() ((STACK_OF(OPENSSL_STRING) *)OPENSSL_sk_new_null())
#define sk_OPENSSL_STRING_new_reserve(cmp, n) ((STACK_OF(OPENSSL_STRING) *)OPENSSL_sk_new_reserve(ossl_check_OPENSSL_STRING_compfunc_type(cmp), (n)))
#define sk_OPENSSL_STRING_reserve(sk, n) OPENSSL_sk_reserve(ossl_check_OPENSSL_STRING_sk_type(sk), (n))
#define sk_OPENSSL_STRING_free(sk) OPENSSL_sk_free(ossl_check_OPENSSL_STRING_sk_type(sk))
#define sk_OPENSSL_STRING_zero(sk) OPENSSL_sk_zero(ossl_check_OPENSSL_STRING_sk_type(sk))
#define sk_OPENSSL_STRING_delete(sk, i) ((char *)OPENSSL_sk_delete(ossl_check_OPENSSL_STRING_sk_type(sk), (i)))
#define sk_OPENSSL_STRING_delete_ptr(sk, ptr) ((char *)OPENSSL_sk_delete_ptr(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr)))
#define sk_OPENSSL_STRING_push(sk, ptr) OPENSSL_sk_push(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr))
#define sk_OPENSSL_STRING_unshift(sk, ptr) OPENSSL_sk_unshift(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr))
#define sk_OPENSSL_STRING_pop(sk) ((char *)OPENSSL_sk_pop(ossl_check_OPENSSL_STRING_sk_type(sk)))
#define sk_OPENSSL_STRING_shift(sk) ((char *)OPENSSL_sk_shift(ossl_check_OPENSSL_STRING_sk_type(sk)))
#define sk_OPENSSL_STRING_pop_free(sk, freefunc) OPENSSL_sk_pop_free(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_freefunc_type(freefunc))
#define sk_OPENSSL_STRING_insert(sk, ptr, idx) OPENSSL_sk_insert(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr), (idx))
#define sk_OPENSSL_STRING_set(sk, idx, ptr) ((char *)OPENSSL_sk_set(ossl_check_OPENSSL_STRING_sk_type(sk), (idx), ossl_check_OPENSSL_STRING_type(ptr)))
#define sk_OPENSSL_STRING_find(sk, ptr) OPENSSL_sk_find(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr))
#define sk_OPENSSL_STRING_find_ex(sk, ptr) OPENSSL_sk_find_ex(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr))
#define sk_OPENSSL_STRING_find_all(sk, ptr, pnum) OPENSSL_sk_find_all(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_type(ptr), pnum)
#define sk_OPENSSL_STRING_sort(sk) OPENSSL_sk_sort(ossl_check_OPENSSL_STRING_sk_type(sk))
#define sk_OPENSSL_STRING_is_sorted(sk) OPENSSL_sk_is_sorted(ossl_check_const_OPENSSL_STRING_sk_type(sk))
#define sk_OPENSSL_STRING_dup(sk) ((STACK_OF(OPENSSL_STRING) *)OPENSSL_sk_dup(ossl_check_const_OPENSSL_STRING_sk_type(sk)))
#define sk_OPENSSL_STRING_deep_copy(sk, copyfunc, freefunc) ((STACK_OF(OPENSSL_STRING) *)OPENSSL_sk_deep_copy(ossl_check_const_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_copyfunc_type(copyfunc), ossl_check_OPENSSL_STRING_freefunc_type(freefunc)))
#define sk_OPENSSL_STRING_set_cmp_func(sk, cmp) ((sk_OPENSSL_STRING_compfunc)OPENSSL_sk_set_cmp_func(ossl_check_OPENSSL_STRING_sk_type(sk), ossl_check_OPENSSL_STRING_compfunc_type(cmp)))

MINTLS_STACK_HELPERS_BASE(OPENSSL_CSTRING, const char, char)
#define sk_OPENSSL_CSTRING_num(sk) OPENSSL_sk_num(ossl_check_const_OPENSSL_CSTRING_sk_type(sk))
#define sk_OPENSSL_CSTRING_value(sk, idx) ((const char *)OPENSSL_sk_value(ossl_check_const_OPENSSL_CSTRING_sk_type(sk), (idx)))
#define sk_OPENSSL_CSTRING_new(cmp) ((STACK_OF(OPENSSL_CSTRING) *)OPENSSL_sk_new(ossl_check_OPENSSL_CSTRING_compfunc_type(cmp)))
#define sk_OPENSSL_CSTRING_new_null() ((STACK_OF(OPENSSL_CSTRING) *)OPENSSL_sk_new_null())
#define sk_OPENSSL_CSTRING_new_reserve(cmp, n) ((STACK_OF(OPENSSL_CSTRING) *)OPENSSL_sk_new_reserve(ossl_check_OPENSSL_CSTRING_compfunc_type(cmp), (n)))
#define sk_OPENSSL_CSTRING_reserve(sk, n) OPENSSL_sk_reserve(ossl_check_OPENSSL_CSTRING_sk_type(sk), (n))
#define sk_OPENSSL_CSTRING_free(sk) OPENSSL_sk_free(ossl_check_OPENSSL_CSTRING_sk_type(sk))
#define sk_OPENSSL_CSTRING_zero(sk) OPENSSL_sk_zero(ossl_check_OPENSSL_CSTRING_sk_type(sk))
#define sk_OPENSSL_CSTRING_delete(sk, i) ((const char *)OPENSSL_sk_delete(ossl_check_OPENSSL_CSTRING_sk_type(sk), (i)))
#define sk_OPENSSL_CSTRING_delete_ptr(sk, ptr) ((const char *)OPENSSL_sk_delete_ptr(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr)))
#define sk_OPENSSL_CSTRING_push(sk, ptr) OPENSSL_sk_push(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr))
#define sk_OPENSSL_CSTRING_unshift(sk, ptr) OPENSSL_sk_unshift(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr))
#define sk_OPENSSL_CSTRING_pop(sk) ((const char *)OPENSSL_sk_pop(ossl_check_OPENSSL_CSTRING_sk_type(sk)))
#define sk_OPENSSL_CSTRING_shift(sk) ((const char *)OPENSSL_sk_shift(ossl_check_OPENSSL_CSTRING_sk_type(sk)))
#define sk_OPENSSL_CSTRING_pop_free(sk, freefunc) OPENSSL_sk_pop_free(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_freefunc_type(freefunc))
#define sk_OPENSSL_CSTRING_insert(sk, ptr, idx) OPENSSL_sk_insert(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr), (idx))
#define sk_OPENSSL_CSTRING_set(sk, idx, ptr) ((const char *)OPENSSL_sk_set(ossl_check_OPENSSL_CSTRING_sk_type(sk), (idx), ossl_check_OPENSSL_CSTRING_type(ptr)))
#define sk_OPENSSL_CSTRING_find(sk, ptr) OPENSSL_sk_find(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr))
#define sk_OPENSSL_CSTRING_find_ex(sk, ptr) OPENSSL_sk_find_ex(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr))
#define sk_OPENSSL_CSTRING_find_all(sk, ptr, pnum) OPENSSL_sk_find_all(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_type(ptr), pnum)
#define sk_OPENSSL_CSTRING_sort(sk) OPENSSL_sk_sort(ossl_check_OPENSSL_CSTRING_sk_type(sk))
#define sk_OPENSSL_CSTRING_is_sorted(sk) OPENSSL_sk_is_sorted(ossl_check_const_OPENSSL_CSTRING_sk_type(sk))
#define sk_OPENSSL_CSTRING_dup(sk) ((STACK_OF(OPENSSL_CSTRING) *)OPENSSL_sk_dup(ossl_check_const_OPENSSL_CSTRING_sk_type(sk)))
#define sk_OPENSSL_CSTRING_deep_copy(sk, copyfunc, freefunc) ((STACK_OF(OPENSSL_CSTRING) *)OPENSSL_sk_deep_copy(ossl_check_const_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_copyfunc_type(copyfunc), ossl_check_OPENSSL_CSTRING_freefunc_type(freefunc)))
#define sk_OPENSSL_CSTRING_set_cmp_func(sk, cmp) ((sk_OPENSSL_CSTRING_compfunc)OPENSSL_sk_set_cmp_func(ossl_check_OPENSSL_CSTRING_sk_type(sk), ossl_check_OPENSSL_CSTRING_compfunc_type(cmp)))

MINTLS_STACK_HELPERS(OPENSSL_BLOCK, void)
#define sk_OPENSSL_BLOCK_num(sk) OPENSSL_sk_num(ossl_check_const_OPENSSL_BLOCK_sk_type(sk))
#define sk_OPENSSL_BLOCK_value(sk, idx) ((void *)OPENSSL_sk_value(ossl_check_const_OPENSSL_BLOCK_sk_type(sk), (idx)))
#define sk_OPENSSL_BLOCK_new(cmp) ((STACK_OF(OPENSSL_BLOCK) *)OPENSSL_sk_new(ossl_check_OPENSSL_BLOCK_compfunc_type(cmp)))
#define sk_OPENSSL_BLOCK_new_null() ((STACK_OF(OPENSSL_BLOCK) *)OPENSSL_sk_new_null())
#define sk_OPENSSL_BLOCK_new_reserve(cmp, n) ((STACK_OF(OPENSSL_BLOCK) *)OPENSSL_sk_new_reserve(ossl_check_OPENSSL_BLOCK_compfunc_type(cmp), (n)))
#define sk_OPENSSL_BLOCK_reserve(sk, n) OPENSSL_sk_reserve(ossl_check_OPENSSL_BLOCK_sk_type(sk), (n))
#define sk_OPENSSL_BLOCK_free(sk) OPENSSL_sk_free(ossl_check_OPENSSL_BLOCK_sk_type(sk))
#define sk_OPENSSL_BLOCK_zero(sk) OPENSSL_sk_zero(ossl_check_OPENSSL_BLOCK_sk_type(sk))
#define sk_OPENSSL_BLOCK_delete(sk, i) ((void *)OPENSSL_sk_delete(ossl_check_OPENSSL_BLOCK_sk_type(sk), (i)))
#define sk_OPENSSL_BLOCK_delete_ptr(sk, ptr) ((void *)OPENSSL_sk_delete_ptr(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr)))
#define sk_OPENSSL_BLOCK_push(sk, ptr) OPENSSL_sk_push(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr))
#define sk_OPENSSL_BLOCK_unshift(sk, ptr) OPENSSL_sk_unshift(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr))
#define sk_OPENSSL_BLOCK_pop(sk) ((void *)OPENSSL_sk_pop(ossl_check_OPENSSL_BLOCK_sk_type(sk)))
#define sk_OPENSSL_BLOCK_shift(sk) ((void *)OPENSSL_sk_shift(ossl_check_OPENSSL_BLOCK_sk_type(sk)))
#define sk_OPENSSL_BLOCK_pop_free(sk, freefunc) OPENSSL_sk_pop_free(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_freefunc_type(freefunc))
#define sk_OPENSSL_BLOCK_insert(sk, ptr, idx) OPENSSL_sk_insert(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr), (idx))
#define sk_OPENSSL_BLOCK_set(sk, idx, ptr) ((void *)OPENSSL_sk_set(ossl_check_OPENSSL_BLOCK_sk_type(sk), (idx), ossl_check_OPENSSL_BLOCK_type(ptr)))
#define sk_OPENSSL_BLOCK_find(sk, ptr) OPENSSL_sk_find(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr))
#define sk_OPENSSL_BLOCK_find_ex(sk, ptr) OPENSSL_sk_find_ex(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr))
#define sk_OPENSSL_BLOCK_find_all(sk, ptr, pnum) OPENSSL_sk_find_all(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_type(ptr), pnum)
#define sk_OPENSSL_BLOCK_sort(sk) OPENSSL_sk_sort(ossl_check_OPENSSL_BLOCK_sk_type(sk))
#define sk_OPENSSL_BLOCK_is_sorted(sk) OPENSSL_sk_is_sorted(ossl_check_const_OPENSSL_BLOCK_sk_type(sk))
#define sk_OPENSSL_BLOCK_dup(sk) ((STACK_OF(OPENSSL_BLOCK) *)OPENSSL_sk_dup(ossl_check_const_OPENSSL_BLOCK_sk_type(sk)))
#define sk_OPENSSL_BLOCK_deep_copy(sk, copyfunc, freefunc) ((STACK_OF(OPENSSL_BLOCK) *)OPENSSL_sk_deep_copy(ossl_check_const_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_copyfunc_type(copyfunc), ossl_check_OPENSSL_BLOCK_freefunc_type(freefunc)))
#define sk_OPENSSL_BLOCK_set_cmp_func(sk, cmp) ((sk_OPENSSL_BLOCK_compfunc)OPENSSL_sk_set_cmp_func(ossl_check_OPENSSL_BLOCK_sk_type(sk), ossl_check_OPENSSL_BLOCK_compfunc_type(cmp)))

#ifdef __cplusplus
}
#endif

#endif
