/*
 * Where a store's certificates come from: X509_LOOKUP_file (a PEM bundle or
 * one DER certificate, loaded at once) and X509_LOOKUP_hash_dir (directories
 * of files named <subject hash>.<n>, as `openssl rehash` makes them, read
 * when a verification needs an issuer the store does not have yet), plus
 * the X509_STORE_load_* conveniences and OpenSSL's default locations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pemerr.h>
#include <openssl/x509.h>

#include "internal/der.h"
#include "internal/pem.h"
#include "internal/x509_obj.h"
#include "internal/x509_store.h"

/* Debian's OpenSSL 3.0 (OPENSSLDIR /usr/lib/ssl). */
#define DEFAULT_CERT_FILE "/usr/lib/ssl/cert.pem"
#define DEFAULT_CERT_DIR "/usr/lib/ssl/certs"
#define CERT_FILE_ENV "SSL_CERT_FILE"
#define CERT_DIR_ENV "SSL_CERT_DIR"

const char *X509_get_default_cert_file(void) { return DEFAULT_CERT_FILE; }
const char *X509_get_default_cert_dir(void) { return DEFAULT_CERT_DIR; }
const char *X509_get_default_cert_file_env(void) { return CERT_FILE_ENV; }
const char *X509_get_default_cert_dir_env(void) { return CERT_DIR_ENV; }

static const X509_LOOKUP_METHOD file_method = { "Load file into cache", MINTLS_LOOKUP_FILE };
static const X509_LOOKUP_METHOD dir_method = { "Load certs from files in a directory",
                                               MINTLS_LOOKUP_HASH_DIR };

X509_LOOKUP_METHOD *X509_LOOKUP_file(void)
{
    return (X509_LOOKUP_METHOD *)&file_method;
}

X509_LOOKUP_METHOD *X509_LOOKUP_hash_dir(void)
{
    return (X509_LOOKUP_METHOD *)&dir_method;
}

/* A store keeps one lookup per method: asking again returns the same one. */
X509_LOOKUP *X509_STORE_add_lookup(X509_STORE *store, X509_LOOKUP_METHOD *m)
{
    if (store == NULL || m == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    if (m != &file_method && m != &dir_method) {
        ERR_raise(ERR_LIB_X509, X509_R_METHOD_NOT_SUPPORTED);
        return NULL;
    }
    X509_LOOKUP *found = NULL;
    pthread_mutex_lock(&store->lock);
    for (int i = 0; i < sk_X509_LOOKUP_num(store->lookups) && found == NULL; i++) {
        X509_LOOKUP *l = sk_X509_LOOKUP_value(store->lookups, i);
        if (l->method == m)
            found = l;
    }
    if (found == NULL) {
        found = calloc(1, sizeof(*found));
        if (found != NULL) {
            found->method = m;
            found->store = store;
            if (!sk_X509_LOOKUP_push(store->lookups, found)) {
                free(found);
                found = NULL;
            }
        }
        if (found == NULL)
            ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    }
    pthread_mutex_unlock(&store->lock);
    return found;
}

/* ---- reading certificates ---------------------------------------------------- */

/* The whole file; errors (no such file, ...) come from BIO_new_file. */
static int read_file(const char *path, uint8_t **out, size_t *out_len)
{
    BIO *b = BIO_new_file(path, "rb");
    if (b == NULL)
        return 0;
    size_t cap = 8192, len = 0;
    uint8_t *buf = malloc(cap);
    int ok = buf != NULL;
    while (ok) {
        if (cap - len < 4096) {
            uint8_t *grown = realloc(buf, cap * 2);
            if (grown == NULL) {
                ok = 0;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        int n = BIO_read(b, buf + len, (int)(cap - len));
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    BIO_free(b);
    if (!ok) {
        free(buf);
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    *out = buf;
    *out_len = len;
    return 1;
}

/* One Certificate from the start of `der` (a TRUSTED CERTIFICATE carries
 * trust settings after it, which mintls does not apply). */
static X509 *cert_from_der_prefix(const uint8_t *der, size_t len)
{
    der_cursor c;
    der_span v, whole;
    unsigned tag;
    mintls_der_init(&c, der, len);
    if (!mintls_der_read_tlv(&c, &tag, &v, &whole)) {
        ERR_raise(ERR_LIB_X509, ERR_R_ASN1_LIB);
        return NULL;
    }
    return mintls_x509_from_der(whole.p, whole.len);
}

static int is_cert_label(const pem_block *b)
{
    return mintls_pem_label_is(b, "CERTIFICATE") || mintls_pem_label_is(b, "TRUSTED CERTIFICATE") ||
           mintls_pem_label_is(b, "X509 CERTIFICATE");
}

static void raise_pem(pem_status st)
{
    if (st == PEM_ERR_NOMEM)
        ERR_raise(ERR_LIB_PEM, ERR_R_MALLOC_FAILURE);
    else if (st == PEM_ERR_BAD_BASE64)
        ERR_raise(ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE);
    else if (st == PEM_ERR_ENCRYPTED)
        ERR_raise(ERR_LIB_PEM, PEM_R_UNSUPPORTED_ENCRYPTION);
    else
        ERR_raise(ERR_LIB_PEM, PEM_R_BAD_END_LINE);
}

/*
 * Every certificate block of a PEM text, in order. As OpenSSL's
 * PEM_X509_INFO_read_bio, any malformed block fails the whole file
 * (an encrypted block of another kind, e.g. a private key, is skipped).
 * Returns the number of certificates (>= 0) or -1.
 */
static int parse_pem_certs(const char *text, size_t len, X509 ***out)
{
    pem_iter it;
    pem_block blk;
    X509 **list = NULL;
    int n = 0;
    mintls_pem_iter_init(&it, text, len);
    for (;;) {
        uint8_t *der = NULL;
        size_t der_len = 0;
        pem_status st = mintls_pem_next_alloc(&it, &blk, &der, &der_len);
        if (st == PEM_ERR_NO_START_LINE)
            break;
        if (st == PEM_ERR_ENCRYPTED && !is_cert_label(&blk))
            continue;
        if (st != PEM_OK) {
            raise_pem(st);
            goto fail;
        }
        if (!is_cert_label(&blk)) {
            free(der);
            continue;
        }
        X509 *x = cert_from_der_prefix(der, der_len);
        free(der);
        if (x == NULL) {
            ERR_raise(ERR_LIB_PEM, ERR_R_ASN1_LIB);
            goto fail;
        }
        X509 **grown = realloc(list, (size_t)(n + 1) * sizeof(*grown));
        if (grown == NULL) {
            X509_free(x);
            ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
            goto fail;
        }
        list = grown;
        list[n++] = x;
    }
    *out = list;
    return n;
fail:
    mintls_x509_list_free(list, (size_t)n);
    return -1;
}

/* Adds certificates to the store; returns how many were new, -1 on error. */
static int add_all(X509_STORE *store, X509 **list, int n)
{
    int added_total = 0;
    for (int i = 0; i < n; i++) {
        int added;
        if (!mintls_x509_store_add(store, list[i], &added))
            return -1;
        added_total += added;
    }
    return added_total;
}

/* Certificates of a file: all PEM certificate blocks, or one DER certificate. */
static int load_file_certs(const char *file, int type, X509 ***out)
{
    uint8_t *buf;
    size_t len;
    if (type != X509_FILETYPE_PEM && type != X509_FILETYPE_ASN1) {
        ERR_raise(ERR_LIB_X509, X509_R_BAD_X509_FILETYPE);
        return -1;
    }
    if (file == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return -1;
    }
    if (!read_file(file, &buf, &len))
        return -1;
    int n;
    if (type == X509_FILETYPE_PEM) {
        n = parse_pem_certs((const char *)buf, len, out);
    } else {
        X509 *x = cert_from_der_prefix(buf, len);
        *out = x != NULL ? malloc(sizeof(**out)) : NULL;
        if (*out != NULL) {
            (*out)[0] = x;
            n = 1;
        } else {
            if (x != NULL)
                ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
            X509_free(x);
            n = -1;
        }
    }
    free(buf);
    return n;
}

static int load_into_store(X509_STORE *store, const char *file, int type, int reason_if_none)
{
    X509 **list = NULL;
    int n = load_file_certs(file, type, &list);
    if (n < 0)
        return 0;
    int ok = add_all(store, list, n) >= 0;
    mintls_x509_list_free(list, (size_t)n);
    if (!ok)
        return 0;
    if (n == 0) {
        ERR_raise(ERR_LIB_X509, reason_if_none);
        return 0;
    }
    return n;
}

int X509_load_cert_file(X509_LOOKUP *ctx, const char *file, int type)
{
    if (ctx == NULL || ctx->store == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return load_into_store(ctx->store, file, type, X509_R_NO_CERTIFICATE_FOUND);
}

/* CRLs are not supported: CRL blocks are skipped, certificates loaded. */
int X509_load_cert_crl_file(X509_LOOKUP *ctx, const char *file, int type)
{
    if (ctx == NULL || ctx->store == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (type != X509_FILETYPE_PEM)
        return X509_load_cert_file(ctx, file, type);
    return load_into_store(ctx->store, file, type, X509_R_NO_CERTIFICATE_OR_CRL_FOUND);
}

/* ---- hashed directories ------------------------------------------------------- */

static int add_one_dir(X509_LOOKUP *l, const char *path, size_t len, int type)
{
    int ok = 1;
    pthread_mutex_lock(&l->store->lock);
    for (size_t i = 0; i < l->dir_count; i++)
        if (strlen(l->dirs[i].path) == len && memcmp(l->dirs[i].path, path, len) == 0)
            goto done;
    mintls_lookup_dir *grown = realloc(l->dirs, (l->dir_count + 1) * sizeof(*grown));
    char *copy = grown != NULL ? strndup(path, len) : NULL;
    if (grown != NULL)
        l->dirs = grown;
    if (copy == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        ok = 0;
        goto done;
    }
    l->dirs[l->dir_count].path = copy;
    l->dirs[l->dir_count].type = type;
    l->dir_count++;
done:
    pthread_mutex_unlock(&l->store->lock);
    return ok;
}

/* A ':'-separated list, as OpenSSL takes it; the directories need not exist yet. */
static int add_dirs(X509_LOOKUP *l, const char *list, int type)
{
    if (list == NULL || list[0] == '\0') {
        ERR_raise(ERR_LIB_X509, X509_R_INVALID_DIRECTORY);
        return 0;
    }
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len > 0 && !add_one_dir(l, p, len, type))
            return 0;
        if (end == NULL)
            return 1;
        p = end + 1;
    }
}

int mintls_x509_store_load_by_subject(X509_STORE *store, const X509_NAME *name)
{
    int ok = 0;
    x509_name want;
    memset(&want, 0, sizeof(want));
    if (name == NULL || !X509_NAME_get0_der(name, &want.der.p, &want.der.len))
        return 0;
    unsigned long hash = X509_NAME_hash_ex(name, NULL, NULL, &ok);
    if (!ok)
        return 0;

    /* The directory list may grow meanwhile: copy it out under the lock. */
    pthread_mutex_lock(&store->lock);
    size_t ndirs = 0;
    for (int i = 0; i < sk_X509_LOOKUP_num(store->lookups); i++)
        ndirs += sk_X509_LOOKUP_value(store->lookups, i)->dir_count;
    mintls_lookup_dir *dirs = calloc(ndirs ? ndirs : 1, sizeof(*dirs));
    size_t k = 0;
    for (int i = 0; dirs != NULL && i < sk_X509_LOOKUP_num(store->lookups); i++) {
        X509_LOOKUP *l = sk_X509_LOOKUP_value(store->lookups, i);
        for (size_t j = 0; j < l->dir_count; j++) {
            dirs[k].type = l->dirs[j].type;
            dirs[k].path = strdup(l->dirs[j].path);
            if (dirs[k++].path == NULL)
                goto unlock;
        }
    }
unlock:
    pthread_mutex_unlock(&store->lock);
    int added_total = 0;
    if (dirs == NULL || k < ndirs)
        goto out;

    for (size_t d = 0; d < ndirs; d++) {
        for (int n = 0;; n++) {
            char path[4096];
            struct stat st;
            if ((size_t)snprintf(path, sizeof(path), "%s/%08lx.%d", dirs[d].path, hash, n) >=
                sizeof(path))
                break;
            if (stat(path, &st) != 0)
                break;
            /* Silently skip what does not load, as OpenSSL's by_dir does. */
            X509 **list = NULL;
            ERR_set_mark();
            int cnt = load_file_certs(path, dirs[d].type, &list);
            ERR_pop_to_mark();
            if (cnt < 0)
                break;
            int added = add_all(store, list, cnt);
            mintls_x509_list_free(list, (size_t)cnt);
            if (added < 0)
                break;
            added_total += added;
        }
        if (mintls_x509_store_has_subject(store, &want))
            break;
    }
out:
    for (size_t i = 0; dirs != NULL && i < ndirs; i++)
        free(dirs[i].path);
    free(dirs);
    return added_total;
}

/* ---- X509_LOOKUP_ctrl and the store conveniences -------------------------------- */

static const char *env_or(const char *env, const char *fallback)
{
    const char *v = secure_getenv(env);
    return v != NULL ? v : fallback;
}

int X509_LOOKUP_ctrl(X509_LOOKUP *ctx, int cmd, const char *argc, long argl, char **ret)
{
    (void)ret;
    if (ctx == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (ctx->method->kind == MINTLS_LOOKUP_FILE && cmd == X509_L_FILE_LOAD) {
        if (argl == X509_FILETYPE_DEFAULT) {
            const char *file = env_or(CERT_FILE_ENV, DEFAULT_CERT_FILE);
            if (X509_load_cert_crl_file(ctx, file, X509_FILETYPE_PEM) != 0)
                return 1;
            ERR_raise(ERR_LIB_X509, X509_R_LOADING_DEFAULTS);
            return 0;
        }
        if (argl == X509_FILETYPE_PEM)
            return X509_load_cert_crl_file(ctx, argc, X509_FILETYPE_PEM) != 0;
        return X509_load_cert_file(ctx, argc, (int)argl) != 0;
    }
    if (ctx->method->kind == MINTLS_LOOKUP_HASH_DIR && cmd == X509_L_ADD_DIR) {
        if (argl == X509_FILETYPE_DEFAULT)
            return add_dirs(ctx, env_or(CERT_DIR_ENV, DEFAULT_CERT_DIR), X509_FILETYPE_PEM);
        if (argl != X509_FILETYPE_PEM && argl != X509_FILETYPE_ASN1) {
            ERR_raise(ERR_LIB_X509, X509_R_BAD_X509_FILETYPE);
            return 0;
        }
        return add_dirs(ctx, argc, (int)argl);
    }
    ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
    return 0;
}

int X509_STORE_load_file(X509_STORE *store, const char *file)
{
    X509_LOOKUP *l = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    return l != NULL && X509_LOOKUP_load_file(l, file, X509_FILETYPE_PEM) == 1;
}

int X509_STORE_load_path(X509_STORE *store, const char *path)
{
    X509_LOOKUP *l = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
    return l != NULL && X509_LOOKUP_add_dir(l, path, X509_FILETYPE_PEM) == 1;
}

int X509_STORE_load_locations(X509_STORE *store, const char *file, const char *dir)
{
    if (file == NULL && dir == NULL)
        return 0;
    if (file != NULL && !X509_STORE_load_file(store, file))
        return 0;
    if (dir != NULL && !X509_STORE_load_path(store, dir))
        return 0;
    return 1;
}

/*
 * The default file ($SSL_CERT_FILE or /usr/lib/ssl/cert.pem) and directories
 * ($SSL_CERT_DIR or /usr/lib/ssl/certs). As in OpenSSL, a missing default is
 * not an error: the error queue is cleared and 1 returned.
 */
int X509_STORE_set_default_paths(X509_STORE *store)
{
    X509_LOOKUP *l = X509_STORE_add_lookup(store, X509_LOOKUP_file());
    if (l == NULL)
        return 0;
    X509_LOOKUP_load_file(l, NULL, X509_FILETYPE_DEFAULT);
    l = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir());
    if (l == NULL)
        return 0;
    X509_LOOKUP_add_dir(l, NULL, X509_FILETYPE_DEFAULT);
    ERR_clear_error();
    return 1;
}
