/*
 * The objects behind X509_STORE, X509_LOOKUP, X509_OBJECT, X509_STORE_CTX
 * and X509_VERIFY_PARAM.
 *
 * An X509_STORE is shared (an SSL_CTX holds one and many connections verify
 * against it at once), so its certificate list and its lookups' state sit
 * behind one mutex; a verification copies out the certificates it needs
 * (up-ref'd) under the lock and then works without it. Hashed-directory
 * lookups add what they find to the store, as OpenSSL caches them.
 *
 * An X509_STORE_CTX is one verification, used by one thread. Its
 * X509_verify_cert runs mintls_x509_verify (internal/x509_verify.h) over the
 * parsed certificates and mirrors that verifier's state (error, depth,
 * current certificate, chain) into the public getters around each call of
 * the application's verify callback.
 */
#ifndef MINTLS_INTERNAL_X509_STORE_H
#define MINTLS_INTERNAL_X509_STORE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509_vfy.h>

#include "internal/ex_data.h"
#include "internal/x509_verify.h"

struct X509_VERIFY_PARAM_st {
    char *name;
    time_t check_time; /* used with X509_V_FLAG_USE_CHECK_TIME */
    uint32_t inh_flags; /* X509_VP_FLAG_* */
    unsigned long flags; /* X509_V_FLAG_* */
    int purpose;         /* X509_PURPOSE_*, 0: none */
    int trust;           /* X509_TRUST_*, 0: default (kept, not applied) */
    int depth;           /* -1: unset */
    int auth_level;      /* -1: unset */
    char **hosts;        /* NUL-terminated copies; any may match */
    size_t host_count;
    unsigned int hostflags;
    char *peername; /* the name that matched in the last verification */
    char *email;
    size_t email_len;
    unsigned char *ip; /* 4 or 16 bytes */
    size_t ip_len;
};

/* Which kind of X509_LOOKUP_METHOD. */
enum { MINTLS_LOOKUP_FILE = 1, MINTLS_LOOKUP_HASH_DIR = 2 };

struct x509_lookup_method_st {
    const char *name;
    int kind; /* MINTLS_LOOKUP_* */
};

typedef struct {
    char *path;
    int type; /* X509_FILETYPE_PEM or X509_FILETYPE_ASN1 */
} mintls_lookup_dir;

struct x509_lookup_st {
    const X509_LOOKUP_METHOD *method;
    X509_STORE *store; /* not owned: the store owns its lookups */
    mintls_lookup_dir *dirs; /* hash_dir lookups; under the store's lock */
    size_t dir_count;
};

struct x509_object_st {
    X509_LOOKUP_TYPE type;
    X509 *x509; /* owned reference when type is X509_LU_X509 */
};

struct x509_store_st {
    atomic_int references;
    pthread_mutex_t lock;
    STACK_OF(X509_OBJECT) *objs;
    STACK_OF(X509_LOOKUP) *lookups;
    X509_VERIFY_PARAM *param;
    X509_STORE_CTX_verify_cb verify_cb;
    CRYPTO_EX_DATA ex_data;
};

struct x509_store_ctx_st {
    X509_STORE *store;            /* not owned */
    X509 *cert;                   /* the target; not owned */
    STACK_OF(X509) *untrusted;    /* not owned */
    STACK_OF(X509) *trusted;      /* set0_trusted_stack: replaces the store; not owned */
    X509_VERIFY_PARAM *param;     /* owned */
    X509_STORE_CTX_verify_cb verify_cb;
    int error;
    int error_depth;
    X509 *current_cert, *current_issuer; /* borrowed from chain / inputs */
    STACK_OF(X509) *chain;        /* owned, each element up-ref'd */
    int num_untrusted;
    int pending_error; /* an error accepted before the verifier ran: stays set */
    CRYPTO_EX_DATA ex_data;
    int ex_data_live; /* CRYPTO_new_ex_data ran: free callbacks are due */
};

/* ---- x509_vpm.c ---- */
/* The identity and limits of `p` as the internal verifier takes them
 * (pointers into p; valid while p is unchanged). */
void mintls_x509_vpm_to_params(const X509_VERIFY_PARAM *p, mintls_x509_verify_params *out);
/* Stores a malloc'd peer name (takes ownership; NULL clears). */
void mintls_x509_vpm_set_peername(X509_VERIFY_PARAM *p, char *peername);

/* ---- x509_store.c ---- */
/* The X509 that owns a parsed certificate (every x509_cert the verifier sees
 * is the `cert` member of an X509). */
X509 *mintls_x509_of_cert(const x509_cert *c);
/* X509_STORE_add_cert; *out_added (may be NULL) says whether x was new. */
int mintls_x509_store_add(X509_STORE *store, X509 *x, int *out_added);
/* Up-ref'd copies of the store's certificates, for one verification.
 * *out_list is malloc'd (free with mintls_x509_list_free). 1 on success. */
int mintls_x509_store_snapshot(X509_STORE *store, X509 ***out_list, size_t *out_count);
void mintls_x509_list_free(X509 **list, size_t count);
/* 1 if a certificate in the store has this subject (compared as the
 * verifier compares names). */
int mintls_x509_store_has_subject(X509_STORE *store, const x509_name *name);
/* 1 if the store has any hashed-directory lookup with a directory. */
int mintls_x509_store_has_dirs(X509_STORE *store);

/* ---- x509_lookup.c ---- */
/*
 * Hashed-directory lookup: adds to the store every certificate in
 * <dir>/<X509_NAME_hash(name)>.<n> (n = 0, 1, ... until a file is missing),
 * directory by directory until the store holds a certificate with that
 * subject. Returns how many certificates were new.
 */
int mintls_x509_store_load_by_subject(X509_STORE *store, const X509_NAME *name);

#endif
