/*
 * mintls: certificate verification - X509_STORE (trust anchors),
 * X509_STORE_CTX (one verification), X509_VERIFY_PARAM (its settings) and
 * the X509_V_* result codes, numbered as in OpenSSL 3.0 so that programs
 * compare them unchanged.
 */
#ifndef OPENSSL_X509_VFY_H
#define OPENSSL_X509_VFY_H
#define HEADER_X509_VFY_H

#include <time.h>
#include <openssl/e_os2.h>
#include <openssl/types.h>
#include <openssl/safestack.h>
#include <openssl/x509.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

/* Results of X509_verify_cert (X509_STORE_CTX_get_error). */
#define X509_V_OK                                            0
#define X509_V_ERR_UNSPECIFIED                               1
#define X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT                 2
#define X509_V_ERR_UNABLE_TO_GET_CRL                         3
#define X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE          4
#define X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE           5
#define X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY        6
#define X509_V_ERR_CERT_SIGNATURE_FAILURE                    7
#define X509_V_ERR_CRL_SIGNATURE_FAILURE                     8
#define X509_V_ERR_CERT_NOT_YET_VALID                        9
#define X509_V_ERR_CERT_HAS_EXPIRED                          10
#define X509_V_ERR_CRL_NOT_YET_VALID                         11
#define X509_V_ERR_CRL_HAS_EXPIRED                           12
#define X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD            13
#define X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD             14
#define X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD            15
#define X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD            16
#define X509_V_ERR_OUT_OF_MEM                                17
#define X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT               18
#define X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN                 19
#define X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY         20
#define X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE           21
#define X509_V_ERR_CERT_CHAIN_TOO_LONG                       22
#define X509_V_ERR_CERT_REVOKED                              23
#define X509_V_ERR_NO_ISSUER_PUBLIC_KEY                      24
#define X509_V_ERR_PATH_LENGTH_EXCEEDED                      25
#define X509_V_ERR_INVALID_PURPOSE                           26
#define X509_V_ERR_CERT_UNTRUSTED                            27
#define X509_V_ERR_CERT_REJECTED                             28
#define X509_V_ERR_SUBJECT_ISSUER_MISMATCH                   29
#define X509_V_ERR_AKID_SKID_MISMATCH                        30
#define X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH               31
#define X509_V_ERR_KEYUSAGE_NO_CERTSIGN                      32
#define X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER                  33
#define X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION              34
#define X509_V_ERR_KEYUSAGE_NO_CRL_SIGN                      35
#define X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION          36
#define X509_V_ERR_INVALID_NON_CA                            37
#define X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED                38
#define X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE             39
#define X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED            40
#define X509_V_ERR_INVALID_EXTENSION                         41
#define X509_V_ERR_INVALID_POLICY_EXTENSION                  42
#define X509_V_ERR_NO_EXPLICIT_POLICY                        43
#define X509_V_ERR_DIFFERENT_CRL_SCOPE                       44
#define X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE             45
#define X509_V_ERR_UNNESTED_RESOURCE                         46
#define X509_V_ERR_PERMITTED_VIOLATION                       47
#define X509_V_ERR_EXCLUDED_VIOLATION                        48
#define X509_V_ERR_SUBTREE_MINMAX                            49
#define X509_V_ERR_APPLICATION_VERIFICATION                  50
#define X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE               51
#define X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX             52
#define X509_V_ERR_UNSUPPORTED_NAME_SYNTAX                   53
#define X509_V_ERR_CRL_PATH_VALIDATION_ERROR                 54
#define X509_V_ERR_PATH_LOOP                                 55
#define X509_V_ERR_SUITE_B_INVALID_VERSION                   56
#define X509_V_ERR_SUITE_B_INVALID_ALGORITHM                 57
#define X509_V_ERR_SUITE_B_INVALID_CURVE                     58
#define X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM       59
#define X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED                   60
#define X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256      61
#define X509_V_ERR_HOSTNAME_MISMATCH                         62
#define X509_V_ERR_EMAIL_MISMATCH                            63
#define X509_V_ERR_IP_ADDRESS_MISMATCH                       64
#define X509_V_ERR_DANE_NO_MATCH                             65
#define X509_V_ERR_EE_KEY_TOO_SMALL                          66
#define X509_V_ERR_CA_KEY_TOO_SMALL                          67
#define X509_V_ERR_CA_MD_TOO_WEAK                            68
#define X509_V_ERR_INVALID_CALL                              69
#define X509_V_ERR_STORE_LOOKUP                              70
#define X509_V_ERR_NO_VALID_SCTS                             71
#define X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION              72
#define X509_V_ERR_OCSP_VERIFY_NEEDED                        73
#define X509_V_ERR_OCSP_VERIFY_FAILED                        74
#define X509_V_ERR_OCSP_CERT_UNKNOWN                         75
#define X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM           76
#define X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH              77
#define X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY         78
#define X509_V_ERR_INVALID_CA                                79
#define X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA                80
#define X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN          81
#define X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA       82
#define X509_V_ERR_ISSUER_NAME_EMPTY                         83
#define X509_V_ERR_SUBJECT_NAME_EMPTY                        84
#define X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER          85
#define X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER            86
#define X509_V_ERR_EMPTY_SUBJECT_ALT_NAME                    87
#define X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL            88
#define X509_V_ERR_CA_BCONS_NOT_CRITICAL                     89
#define X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL         90
#define X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL           91
#define X509_V_ERR_CA_CERT_MISSING_KEY_USAGE                 92
#define X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3              93
#define X509_V_ERR_EC_KEY_EXPLICIT_PARAMS                    94

/* X509_VERIFY_PARAM_set_flags / X509_STORE_set_flags. */
#define X509_V_FLAG_CB_ISSUER_CHECK              0x0
#define X509_V_FLAG_USE_CHECK_TIME               0x2
#define X509_V_FLAG_CRL_CHECK                    0x4
#define X509_V_FLAG_CRL_CHECK_ALL                0x8
#define X509_V_FLAG_IGNORE_CRITICAL              0x10
#define X509_V_FLAG_X509_STRICT                  0x20
#define X509_V_FLAG_ALLOW_PROXY_CERTS            0x40
#define X509_V_FLAG_POLICY_CHECK                 0x80
#define X509_V_FLAG_EXPLICIT_POLICY              0x100
#define X509_V_FLAG_INHIBIT_ANY                  0x200
#define X509_V_FLAG_INHIBIT_MAP                  0x400
#define X509_V_FLAG_NOTIFY_POLICY                0x800
#define X509_V_FLAG_EXTENDED_CRL_SUPPORT         0x1000
#define X509_V_FLAG_USE_DELTAS                   0x2000
#define X509_V_FLAG_CHECK_SS_SIGNATURE           0x4000
#define X509_V_FLAG_TRUSTED_FIRST                0x8000
#define X509_V_FLAG_SUITEB_128_LOS_ONLY          0x10000
#define X509_V_FLAG_SUITEB_192_LOS               0x20000
#define X509_V_FLAG_SUITEB_128_LOS               0x30000
#define X509_V_FLAG_PARTIAL_CHAIN                0x80000
#define X509_V_FLAG_NO_ALT_CHAINS                0x100000
#define X509_V_FLAG_NO_CHECK_TIME                0x200000
#define X509_V_FLAG_POLICY_MASK \
    (X509_V_FLAG_POLICY_CHECK | X509_V_FLAG_EXPLICIT_POLICY | \
     X509_V_FLAG_INHIBIT_ANY | X509_V_FLAG_INHIBIT_MAP)

/* What a lookup or a store object holds. */
typedef enum { X509_LU_NONE = 0, X509_LU_X509, X509_LU_CRL } X509_LOOKUP_TYPE;
#define X509_LU_RETRY -1
#define X509_LU_FAIL 0

typedef struct x509_lookup_st X509_LOOKUP;
typedef struct x509_lookup_method_st X509_LOOKUP_METHOD;
typedef struct x509_object_st X509_OBJECT;
SKM_DEFINE_STACK_OF_INTERNAL(X509_LOOKUP, X509_LOOKUP, X509_LOOKUP)
#define sk_X509_LOOKUP_num(sk) OPENSSL_sk_num(ossl_check_const_X509_LOOKUP_sk_type(sk))
#define sk_X509_LOOKUP_value(sk, idx) ((X509_LOOKUP *)OPENSSL_sk_value(ossl_check_const_X509_LOOKUP_sk_type(sk), (idx)))
#define sk_X509_LOOKUP_new(cmp) ((STACK_OF(X509_LOOKUP) *)OPENSSL_sk_new(ossl_check_X509_LOOKUP_compfunc_type(cmp)))
#define sk_X509_LOOKUP_new_null() ((STACK_OF(X509_LOOKUP) *)OPENSSL_sk_new_null())
#define sk_X509_LOOKUP_new_reserve(cmp, n) ((STACK_OF(X509_LOOKUP) *)OPENSSL_sk_new_reserve(ossl_check_X509_LOOKUP_compfunc_type(cmp), (n)))
#define sk_X509_LOOKUP_reserve(sk, n) OPENSSL_sk_reserve(ossl_check_X509_LOOKUP_sk_type(sk), (n))
#define sk_X509_LOOKUP_free(sk) OPENSSL_sk_free(ossl_check_X509_LOOKUP_sk_type(sk))
#define sk_X509_LOOKUP_zero(sk) OPENSSL_sk_zero(ossl_check_X509_LOOKUP_sk_type(sk))
#define sk_X509_LOOKUP_delete(sk, i) ((X509_LOOKUP *)OPENSSL_sk_delete(ossl_check_X509_LOOKUP_sk_type(sk), (i)))
#define sk_X509_LOOKUP_delete_ptr(sk, ptr) ((X509_LOOKUP *)OPENSSL_sk_delete_ptr(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr)))
#define sk_X509_LOOKUP_push(sk, ptr) OPENSSL_sk_push(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr))
#define sk_X509_LOOKUP_unshift(sk, ptr) OPENSSL_sk_unshift(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr))
#define sk_X509_LOOKUP_pop(sk) ((X509_LOOKUP *)OPENSSL_sk_pop(ossl_check_X509_LOOKUP_sk_type(sk)))
#define sk_X509_LOOKUP_shift(sk) ((X509_LOOKUP *)OPENSSL_sk_shift(ossl_check_X509_LOOKUP_sk_type(sk)))
#define sk_X509_LOOKUP_pop_free(sk, freefunc) OPENSSL_sk_pop_free(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_freefunc_type(freefunc))
#define sk_X509_LOOKUP_insert(sk, ptr, idx) OPENSSL_sk_insert(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr), (idx))
#define sk_X509_LOOKUP_set(sk, idx, ptr) ((X509_LOOKUP *)OPENSSL_sk_set(ossl_check_X509_LOOKUP_sk_type(sk), (idx), ossl_check_X509_LOOKUP_type(ptr)))
#define sk_X509_LOOKUP_find(sk, ptr) OPENSSL_sk_find(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr))
#define sk_X509_LOOKUP_find_ex(sk, ptr) OPENSSL_sk_find_ex(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr))
#define sk_X509_LOOKUP_find_all(sk, ptr, pnum) OPENSSL_sk_find_all(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_type(ptr), pnum)
#define sk_X509_LOOKUP_sort(sk) OPENSSL_sk_sort(ossl_check_X509_LOOKUP_sk_type(sk))
#define sk_X509_LOOKUP_is_sorted(sk) OPENSSL_sk_is_sorted(ossl_check_const_X509_LOOKUP_sk_type(sk))
#define sk_X509_LOOKUP_dup(sk) ((STACK_OF(X509_LOOKUP) *)OPENSSL_sk_dup(ossl_check_const_X509_LOOKUP_sk_type(sk)))
#define sk_X509_LOOKUP_deep_copy(sk, copyfunc, freefunc) ((STACK_OF(X509_LOOKUP) *)OPENSSL_sk_deep_copy(ossl_check_const_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_copyfunc_type(copyfunc), ossl_check_X509_LOOKUP_freefunc_type(freefunc)))
#define sk_X509_LOOKUP_set_cmp_func(sk, cmp) ((sk_X509_LOOKUP_compfunc)OPENSSL_sk_set_cmp_func(ossl_check_X509_LOOKUP_sk_type(sk), ossl_check_X509_LOOKUP_compfunc_type(cmp)))
SKM_DEFINE_STACK_OF_INTERNAL(X509_OBJECT, X509_OBJECT, X509_OBJECT)
#define sk_X509_OBJECT_num(sk) OPENSSL_sk_num(ossl_check_const_X509_OBJECT_sk_type(sk))
#define sk_X509_OBJECT_value(sk, idx) ((X509_OBJECT *)OPENSSL_sk_value(ossl_check_const_X509_OBJECT_sk_type(sk), (idx)))
#define sk_X509_OBJECT_new(cmp) ((STACK_OF(X509_OBJECT) *)OPENSSL_sk_new(ossl_check_X509_OBJECT_compfunc_type(cmp)))
#define sk_X509_OBJECT_new_null() ((STACK_OF(X509_OBJECT) *)OPENSSL_sk_new_null())
#define sk_X509_OBJECT_new_reserve(cmp, n) ((STACK_OF(X509_OBJECT) *)OPENSSL_sk_new_reserve(ossl_check_X509_OBJECT_compfunc_type(cmp), (n)))
#define sk_X509_OBJECT_reserve(sk, n) OPENSSL_sk_reserve(ossl_check_X509_OBJECT_sk_type(sk), (n))
#define sk_X509_OBJECT_free(sk) OPENSSL_sk_free(ossl_check_X509_OBJECT_sk_type(sk))
#define sk_X509_OBJECT_zero(sk) OPENSSL_sk_zero(ossl_check_X509_OBJECT_sk_type(sk))
#define sk_X509_OBJECT_delete(sk, i) ((X509_OBJECT *)OPENSSL_sk_delete(ossl_check_X509_OBJECT_sk_type(sk), (i)))
#define sk_X509_OBJECT_delete_ptr(sk, ptr) ((X509_OBJECT *)OPENSSL_sk_delete_ptr(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr)))
#define sk_X509_OBJECT_push(sk, ptr) OPENSSL_sk_push(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr))
#define sk_X509_OBJECT_unshift(sk, ptr) OPENSSL_sk_unshift(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr))
#define sk_X509_OBJECT_pop(sk) ((X509_OBJECT *)OPENSSL_sk_pop(ossl_check_X509_OBJECT_sk_type(sk)))
#define sk_X509_OBJECT_shift(sk) ((X509_OBJECT *)OPENSSL_sk_shift(ossl_check_X509_OBJECT_sk_type(sk)))
#define sk_X509_OBJECT_pop_free(sk, freefunc) OPENSSL_sk_pop_free(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_freefunc_type(freefunc))
#define sk_X509_OBJECT_insert(sk, ptr, idx) OPENSSL_sk_insert(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr), (idx))
#define sk_X509_OBJECT_set(sk, idx, ptr) ((X509_OBJECT *)OPENSSL_sk_set(ossl_check_X509_OBJECT_sk_type(sk), (idx), ossl_check_X509_OBJECT_type(ptr)))
#define sk_X509_OBJECT_find(sk, ptr) OPENSSL_sk_find(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr))
#define sk_X509_OBJECT_find_ex(sk, ptr) OPENSSL_sk_find_ex(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr))
#define sk_X509_OBJECT_find_all(sk, ptr, pnum) OPENSSL_sk_find_all(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_type(ptr), pnum)
#define sk_X509_OBJECT_sort(sk) OPENSSL_sk_sort(ossl_check_X509_OBJECT_sk_type(sk))
#define sk_X509_OBJECT_is_sorted(sk) OPENSSL_sk_is_sorted(ossl_check_const_X509_OBJECT_sk_type(sk))
#define sk_X509_OBJECT_dup(sk) ((STACK_OF(X509_OBJECT) *)OPENSSL_sk_dup(ossl_check_const_X509_OBJECT_sk_type(sk)))
#define sk_X509_OBJECT_deep_copy(sk, copyfunc, freefunc) ((STACK_OF(X509_OBJECT) *)OPENSSL_sk_deep_copy(ossl_check_const_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_copyfunc_type(copyfunc), ossl_check_X509_OBJECT_freefunc_type(freefunc)))
#define sk_X509_OBJECT_set_cmp_func(sk, cmp) ((sk_X509_OBJECT_compfunc)OPENSSL_sk_set_cmp_func(ossl_check_X509_OBJECT_sk_type(sk), ossl_check_X509_OBJECT_compfunc_type(cmp)))

/* X509_LOOKUP_ctrl commands and the file/dir convenience macros. */
#define X509_L_FILE_LOAD 1
#define X509_L_ADD_DIR 2
#define X509_LOOKUP_load_file(x, name, type) \
    X509_LOOKUP_ctrl((x), X509_L_FILE_LOAD, (name), (long)(type), NULL)
#define X509_LOOKUP_add_dir(x, name, type) \
    X509_LOOKUP_ctrl((x), X509_L_ADD_DIR, (name), (long)(type), NULL)

typedef int (*X509_STORE_CTX_verify_cb)(int ok, X509_STORE_CTX *ctx);

/* Application data (crypto.h's CRYPTO_get_ex_new_index classes); slot 0 is
 * the app data of an X509_STORE_CTX. */
#define X509_STORE_CTX_get_ex_new_index(l, p, newf, dupf, freef) \
    CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_X509_STORE_CTX, (l), (p), (newf), (dupf), (freef))
#define X509_STORE_get_ex_new_index(l, p, newf, dupf, freef) \
    CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_X509_STORE, (l), (p), (newf), (dupf), (freef))
#define X509_STORE_CTX_set_app_data(ctx, data) X509_STORE_CTX_set_ex_data((ctx), 0, (data))
#define X509_STORE_CTX_get_app_data(ctx) X509_STORE_CTX_get_ex_data((ctx), 0)

/* How X509_VERIFY_PARAM_inherit copies fields (X509_VERIFY_PARAM_set_inh_flags). */
#define X509_VP_FLAG_DEFAULT 0x1
#define X509_VP_FLAG_OVERWRITE 0x2
#define X509_VP_FLAG_RESET_FLAGS 0x4
#define X509_VP_FLAG_LOCKED 0x8
#define X509_VP_FLAG_ONCE 0x10

/* ---- X509_STORE: the trust anchors ---- */
X509_STORE *X509_STORE_new(void);
void X509_STORE_free(X509_STORE *store);
int X509_STORE_up_ref(X509_STORE *store);
int X509_STORE_add_cert(X509_STORE *store, X509 *x);
int X509_STORE_set_flags(X509_STORE *store, unsigned long flags);
int X509_STORE_set_purpose(X509_STORE *store, int purpose);
int X509_STORE_set_depth(X509_STORE *store, int depth);
int X509_STORE_set1_param(X509_STORE *store, const X509_VERIFY_PARAM *pm);
X509_VERIFY_PARAM *X509_STORE_get0_param(const X509_STORE *store);
void X509_STORE_set_verify_cb(X509_STORE *store, X509_STORE_CTX_verify_cb verify_cb);
X509_STORE_CTX_verify_cb X509_STORE_get_verify_cb(const X509_STORE *store);
int X509_STORE_set_ex_data(X509_STORE *store, int idx, void *data);
void *X509_STORE_get_ex_data(const X509_STORE *store, int idx);
int X509_STORE_lock(X509_STORE *store);
int X509_STORE_unlock(X509_STORE *store);
#define X509_STORE_set_verify_cb_func(st, func) X509_STORE_set_verify_cb((st), (func))
STACK_OF(X509_OBJECT) *X509_STORE_get0_objects(const X509_STORE *store);
STACK_OF(X509) *X509_STORE_get1_all_certs(X509_STORE *store);
int X509_STORE_load_file(X509_STORE *store, const char *file);
int X509_STORE_load_path(X509_STORE *store, const char *path);
int X509_STORE_load_locations(X509_STORE *store, const char *file, const char *dir);
int X509_STORE_set_default_paths(X509_STORE *store);
X509_LOOKUP *X509_STORE_add_lookup(X509_STORE *store, X509_LOOKUP_METHOD *m);
X509_LOOKUP_METHOD *X509_LOOKUP_file(void);
X509_LOOKUP_METHOD *X509_LOOKUP_hash_dir(void);
int X509_LOOKUP_ctrl(X509_LOOKUP *ctx, int cmd, const char *argc, long argl, char **ret);
int X509_load_cert_file(X509_LOOKUP *ctx, const char *file, int type);
int X509_load_cert_crl_file(X509_LOOKUP *ctx, const char *file, int type);

X509_OBJECT *X509_OBJECT_new(void);
void X509_OBJECT_free(X509_OBJECT *a);
X509_LOOKUP_TYPE X509_OBJECT_get_type(const X509_OBJECT *a);
X509 *X509_OBJECT_get0_X509(const X509_OBJECT *a);

const char *X509_get_default_cert_file(void);
const char *X509_get_default_cert_dir(void);
const char *X509_get_default_cert_file_env(void);
const char *X509_get_default_cert_dir_env(void);

/* ---- X509_STORE_CTX: one verification ---- */
X509_STORE_CTX *X509_STORE_CTX_new(void);
X509_STORE_CTX *X509_STORE_CTX_new_ex(OSSL_LIB_CTX *libctx, const char *propq);
void X509_STORE_CTX_free(X509_STORE_CTX *ctx);
int X509_STORE_CTX_init(X509_STORE_CTX *ctx, X509_STORE *store, X509 *x509,
                        STACK_OF(X509) *chain);
void X509_STORE_CTX_cleanup(X509_STORE_CTX *ctx);
int X509_verify_cert(X509_STORE_CTX *ctx);
const char *X509_verify_cert_error_string(long n);
int X509_STORE_CTX_get_error(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set_error(X509_STORE_CTX *ctx, int s);
int X509_STORE_CTX_get_error_depth(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set_error_depth(X509_STORE_CTX *ctx, int depth);
X509 *X509_STORE_CTX_get_current_cert(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set_current_cert(X509_STORE_CTX *ctx, X509 *x);
X509 *X509_STORE_CTX_get0_current_issuer(const X509_STORE_CTX *ctx);
X509 *X509_STORE_CTX_get0_cert(const X509_STORE_CTX *ctx);
#define X509_STORE_get1_certs X509_STORE_CTX_get1_certs
void X509_STORE_CTX_set_cert(X509_STORE_CTX *ctx, X509 *target);
int X509_STORE_CTX_get1_issuer(X509 **issuer, X509_STORE_CTX *ctx, X509 *x);
STACK_OF(X509) *X509_STORE_CTX_get1_certs(X509_STORE_CTX *ctx, const X509_NAME *nm);
int X509_STORE_CTX_verify(X509_STORE_CTX *ctx);
X509_STORE_CTX *X509_STORE_CTX_get0_parent_ctx(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set0_verified_chain(X509_STORE_CTX *ctx, STACK_OF(X509) *sk);
STACK_OF(X509) *X509_STORE_CTX_get0_chain(const X509_STORE_CTX *ctx);
STACK_OF(X509) *X509_STORE_CTX_get1_chain(const X509_STORE_CTX *ctx);
STACK_OF(X509) *X509_STORE_CTX_get0_untrusted(const X509_STORE_CTX *ctx);
X509_STORE *X509_STORE_CTX_get0_store(const X509_STORE_CTX *ctx);
int X509_STORE_CTX_get_num_untrusted(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set_verify_cb(X509_STORE_CTX *ctx, X509_STORE_CTX_verify_cb verify);
X509_STORE_CTX_verify_cb X509_STORE_CTX_get_verify_cb(const X509_STORE_CTX *ctx);
int X509_STORE_CTX_set_ex_data(X509_STORE_CTX *ctx, int idx, void *data);
void *X509_STORE_CTX_get_ex_data(const X509_STORE_CTX *ctx, int idx);
X509_VERIFY_PARAM *X509_STORE_CTX_get0_param(const X509_STORE_CTX *ctx);
void X509_STORE_CTX_set0_param(X509_STORE_CTX *ctx, X509_VERIFY_PARAM *param);
void X509_STORE_CTX_set_flags(X509_STORE_CTX *ctx, unsigned long flags);
void X509_STORE_CTX_set_time(X509_STORE_CTX *ctx, unsigned long flags, time_t t);
void X509_STORE_CTX_set_depth(X509_STORE_CTX *ctx, int depth);
int X509_STORE_CTX_set_purpose(X509_STORE_CTX *ctx, int purpose);
int X509_STORE_CTX_set_default(X509_STORE_CTX *ctx, const char *name);
void X509_STORE_CTX_set0_trusted_stack(X509_STORE_CTX *ctx, STACK_OF(X509) *sk);
void X509_STORE_CTX_set0_untrusted(X509_STORE_CTX *ctx, STACK_OF(X509) *sk);

/* ---- X509_VERIFY_PARAM: the settings of a verification ---- */
X509_VERIFY_PARAM *X509_VERIFY_PARAM_new(void);
void X509_VERIFY_PARAM_free(X509_VERIFY_PARAM *param);
int X509_VERIFY_PARAM_set1(X509_VERIFY_PARAM *to, const X509_VERIFY_PARAM *from);
int X509_VERIFY_PARAM_inherit(X509_VERIFY_PARAM *to, const X509_VERIFY_PARAM *from);
int X509_VERIFY_PARAM_set1_name(X509_VERIFY_PARAM *param, const char *name);
int X509_VERIFY_PARAM_set_flags(X509_VERIFY_PARAM *param, unsigned long flags);
int X509_VERIFY_PARAM_clear_flags(X509_VERIFY_PARAM *param, unsigned long flags);
unsigned long X509_VERIFY_PARAM_get_flags(const X509_VERIFY_PARAM *param);
int X509_VERIFY_PARAM_set_purpose(X509_VERIFY_PARAM *param, int purpose);
int X509_VERIFY_PARAM_set_trust(X509_VERIFY_PARAM *param, int trust);
void X509_VERIFY_PARAM_set_depth(X509_VERIFY_PARAM *param, int depth);
int X509_VERIFY_PARAM_get_depth(const X509_VERIFY_PARAM *param);
void X509_VERIFY_PARAM_set_auth_level(X509_VERIFY_PARAM *param, int auth_level);
int X509_VERIFY_PARAM_get_auth_level(const X509_VERIFY_PARAM *param);
time_t X509_VERIFY_PARAM_get_time(const X509_VERIFY_PARAM *param);
void X509_VERIFY_PARAM_set_time(X509_VERIFY_PARAM *param, time_t t);
int X509_VERIFY_PARAM_set1_host(X509_VERIFY_PARAM *param, const char *name, size_t namelen);
int X509_VERIFY_PARAM_add1_host(X509_VERIFY_PARAM *param, const char *name, size_t namelen);
void X509_VERIFY_PARAM_set_hostflags(X509_VERIFY_PARAM *param, unsigned int flags);
unsigned int X509_VERIFY_PARAM_get_hostflags(const X509_VERIFY_PARAM *param);
char *X509_VERIFY_PARAM_get0_host(X509_VERIFY_PARAM *param, int idx);
char *X509_VERIFY_PARAM_get0_peername(const X509_VERIFY_PARAM *param);
void X509_VERIFY_PARAM_move_peername(X509_VERIFY_PARAM *to, X509_VERIFY_PARAM *from);
int X509_VERIFY_PARAM_set1_email(X509_VERIFY_PARAM *param, const char *email, size_t emaillen);
int X509_VERIFY_PARAM_set1_ip(X509_VERIFY_PARAM *param, const unsigned char *ip, size_t iplen);
int X509_VERIFY_PARAM_set1_ip_asc(X509_VERIFY_PARAM *param, const char *ipasc);
char *X509_VERIFY_PARAM_get0_email(X509_VERIFY_PARAM *param);
char *X509_VERIFY_PARAM_get1_ip_asc(X509_VERIFY_PARAM *param);
int X509_VERIFY_PARAM_set_inh_flags(X509_VERIFY_PARAM *param, uint32_t flags);
uint32_t X509_VERIFY_PARAM_get_inh_flags(const X509_VERIFY_PARAM *param);
const char *X509_VERIFY_PARAM_get0_name(const X509_VERIFY_PARAM *param);
const X509_VERIFY_PARAM *X509_VERIFY_PARAM_lookup(const char *name);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif
#endif
