/*
 * X509_VERIFY_PARAM: the settings of a verification (purpose, depth, time,
 * flags, expected host / email / IP), the named parameter sets "default",
 * "ssl_client" and "ssl_server", and the inherit rules that combine a
 * store's settings with a context's (X509_VERIFY_PARAM_inherit's contract
 * in OpenSSL 3.0's man page: a field is copied when the source has it set
 * and the destination does not, or always with X509_VP_FLAG_DEFAULT /
 * X509_VP_FLAG_OVERWRITE).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "internal/x509_store.h"

/* X509_TRUST_* ids that X509_VERIFY_PARAM_set_trust accepts (OpenSSL's 1..8). */
#define TRUST_MIN 1
#define TRUST_MAX 8

X509_VERIFY_PARAM *X509_VERIFY_PARAM_new(void)
{
    X509_VERIFY_PARAM *p = calloc(1, sizeof(*p));
    if (p == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    p->depth = -1;
    p->auth_level = -1;
    return p;
}

static void clear_hosts(X509_VERIFY_PARAM *p)
{
    for (size_t i = 0; i < p->host_count; i++)
        free(p->hosts[i]);
    free(p->hosts);
    p->hosts = NULL;
    p->host_count = 0;
}

void X509_VERIFY_PARAM_free(X509_VERIFY_PARAM *p)
{
    if (p == NULL)
        return;
    clear_hosts(p);
    free(p->name);
    free(p->peername);
    free(p->email);
    free(p->ip);
    free(p);
}

/* ---- the named sets --------------------------------------------------------- */

/* OpenSSL's built-in table, restricted to the purposes mintls checks. */
static const X509_VERIFY_PARAM named_params[] = {
    { .name = (char *)"default", .flags = X509_V_FLAG_TRUSTED_FIRST, .depth = 100,
      .auth_level = -1 },
    { .name = (char *)"ssl_client", .purpose = X509_PURPOSE_SSL_CLIENT, .trust = 2, .depth = -1,
      .auth_level = -1 },
    { .name = (char *)"ssl_server", .purpose = X509_PURPOSE_SSL_SERVER, .trust = 3, .depth = -1,
      .auth_level = -1 },
};

const X509_VERIFY_PARAM *X509_VERIFY_PARAM_lookup(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof(named_params) / sizeof(named_params[0]); i++)
        if (strcmp(named_params[i].name, name) == 0)
            return &named_params[i];
    return NULL;
}

const char *X509_VERIFY_PARAM_get0_name(const X509_VERIFY_PARAM *p)
{
    return p->name;
}

int X509_VERIFY_PARAM_set1_name(X509_VERIFY_PARAM *p, const char *name)
{
    char *copy = NULL;
    if (name != NULL && (copy = strdup(name)) == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    free(p->name);
    p->name = copy;
    return 1;
}

/* ---- flags, purpose, depth, time ------------------------------------------------ */

int X509_VERIFY_PARAM_set_flags(X509_VERIFY_PARAM *p, unsigned long flags)
{
    p->flags |= flags;
    /* Any policy option switches policy checking on, as in OpenSSL. */
    if (flags & X509_V_FLAG_POLICY_MASK)
        p->flags |= X509_V_FLAG_POLICY_CHECK;
    return 1;
}

int X509_VERIFY_PARAM_clear_flags(X509_VERIFY_PARAM *p, unsigned long flags)
{
    p->flags &= ~flags;
    return 1;
}

unsigned long X509_VERIFY_PARAM_get_flags(const X509_VERIFY_PARAM *p)
{
    return p->flags;
}

int X509_VERIFY_PARAM_set_inh_flags(X509_VERIFY_PARAM *p, uint32_t flags)
{
    p->inh_flags = flags;
    return 1;
}

uint32_t X509_VERIFY_PARAM_get_inh_flags(const X509_VERIFY_PARAM *p)
{
    return p->inh_flags;
}

/* The purposes the verifier implements; the S/MIME, CRL, OCSP and timestamp
 * ones fail here rather than verify without their checks. */
static int purpose_supported(int purpose)
{
    return purpose == X509_PURPOSE_SSL_CLIENT || purpose == X509_PURPOSE_SSL_SERVER ||
           purpose == X509_PURPOSE_NS_SSL_SERVER || purpose == X509_PURPOSE_ANY;
}

int X509_VERIFY_PARAM_set_purpose(X509_VERIFY_PARAM *p, int purpose)
{
    if (!purpose_supported(purpose)) {
        ERR_raise(ERR_LIB_X509V3, X509V3_R_INVALID_PURPOSE);
        return 0;
    }
    p->purpose = purpose;
    return 1;
}

int X509_VERIFY_PARAM_set_trust(X509_VERIFY_PARAM *p, int trust)
{
    if (trust < TRUST_MIN || trust > TRUST_MAX) {
        ERR_raise(ERR_LIB_X509, X509_R_INVALID_TRUST);
        return 0;
    }
    p->trust = trust;
    return 1;
}

void X509_VERIFY_PARAM_set_depth(X509_VERIFY_PARAM *p, int depth)
{
    p->depth = depth;
}

int X509_VERIFY_PARAM_get_depth(const X509_VERIFY_PARAM *p)
{
    return p->depth;
}

void X509_VERIFY_PARAM_set_auth_level(X509_VERIFY_PARAM *p, int auth_level)
{
    p->auth_level = auth_level;
}

int X509_VERIFY_PARAM_get_auth_level(const X509_VERIFY_PARAM *p)
{
    return p->auth_level;
}

time_t X509_VERIFY_PARAM_get_time(const X509_VERIFY_PARAM *p)
{
    return p->check_time;
}

void X509_VERIFY_PARAM_set_time(X509_VERIFY_PARAM *p, time_t t)
{
    p->check_time = t;
    p->flags |= X509_V_FLAG_USE_CHECK_TIME;
}

/* ---- expected identity -------------------------------------------------------- */

/*
 * OpenSSL's rules for a host argument: namelen 0 means strlen; a NUL is
 * refused except as the very last byte (which is dropped); NULL or "" with
 * set1 just clears the list.
 */
static int set_host(X509_VERIFY_PARAM *p, int replace, const char *name, size_t namelen)
{
    if (name != NULL && namelen == 0)
        namelen = strlen(name);
    else if (name != NULL && memchr(name, '\0', namelen > 1 ? namelen - 1 : namelen) != NULL)
        return 0;
    if (name != NULL && namelen > 0 && name[namelen - 1] == '\0')
        namelen--;
    if (replace)
        clear_hosts(p);
    if (name == NULL || namelen == 0)
        return 1;
    char *copy = malloc(namelen + 1);
    char **grown = realloc(p->hosts, (p->host_count + 1) * sizeof(*grown));
    if (grown != NULL)
        p->hosts = grown;
    if (copy == NULL || grown == NULL) {
        free(copy);
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memcpy(copy, name, namelen);
    copy[namelen] = '\0';
    p->hosts[p->host_count++] = copy;
    return 1;
}

int X509_VERIFY_PARAM_set1_host(X509_VERIFY_PARAM *p, const char *name, size_t namelen)
{
    return set_host(p, 1, name, namelen);
}

int X509_VERIFY_PARAM_add1_host(X509_VERIFY_PARAM *p, const char *name, size_t namelen)
{
    return set_host(p, 0, name, namelen);
}

void X509_VERIFY_PARAM_set_hostflags(X509_VERIFY_PARAM *p, unsigned int flags)
{
    p->hostflags = flags;
}

unsigned int X509_VERIFY_PARAM_get_hostflags(const X509_VERIFY_PARAM *p)
{
    return p->hostflags;
}

char *X509_VERIFY_PARAM_get0_host(X509_VERIFY_PARAM *p, int idx)
{
    if (idx < 0 || (size_t)idx >= p->host_count)
        return NULL;
    return p->hosts[idx];
}

char *X509_VERIFY_PARAM_get0_peername(const X509_VERIFY_PARAM *p)
{
    return p->peername;
}

void mintls_x509_vpm_set_peername(X509_VERIFY_PARAM *p, char *peername)
{
    free(p->peername);
    p->peername = peername;
}

/* Hands from's peer name to `to` (from may be NULL: to's is cleared). */
void X509_VERIFY_PARAM_move_peername(X509_VERIFY_PARAM *to, X509_VERIFY_PARAM *from)
{
    char *peername = from != NULL ? from->peername : NULL;
    if (to->peername != peername) {
        free(to->peername);
        to->peername = peername;
    }
    if (from != NULL)
        from->peername = NULL;
}

/* Replaces *dst with a NUL-terminated copy of src (len 0: strlen; NULL clears). */
static int set_bytes(char **dst, size_t *dst_len, const char *src, size_t len)
{
    char *copy = NULL;
    if (src != NULL) {
        if (len == 0)
            len = strlen(src);
        copy = malloc(len + 1);
        if (copy == NULL) {
            ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        memcpy(copy, src, len);
        copy[len] = '\0';
    } else {
        len = 0;
    }
    free(*dst);
    *dst = copy;
    *dst_len = len;
    return 1;
}

int X509_VERIFY_PARAM_set1_email(X509_VERIFY_PARAM *p, const char *email, size_t emaillen)
{
    return set_bytes(&p->email, &p->email_len, email, emaillen);
}

char *X509_VERIFY_PARAM_get0_email(X509_VERIFY_PARAM *p)
{
    return p->email;
}

int X509_VERIFY_PARAM_set1_ip(X509_VERIFY_PARAM *p, const unsigned char *ip, size_t iplen)
{
    if (iplen != 0 && iplen != 4 && iplen != 16) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    if (ip == NULL || iplen == 0) {
        free(p->ip);
        p->ip = NULL;
        p->ip_len = 0;
        return 1;
    }
    unsigned char *copy = malloc(iplen);
    if (copy == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    memcpy(copy, ip, iplen);
    free(p->ip);
    p->ip = copy;
    p->ip_len = iplen;
    return 1;
}

int X509_VERIFY_PARAM_set1_ip_asc(X509_VERIFY_PARAM *p, const char *ipasc)
{
    uint8_t ip[16];
    size_t len = ipasc != NULL ? mintls_x509_ip_from_text(ip, ipasc) : 0;
    if (len == 0) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    return X509_VERIFY_PARAM_set1_ip(p, ip, len);
}

/* OpenSSL's text form: dotted quad, or eight upper-case hex groups, uncompressed. */
char *X509_VERIFY_PARAM_get1_ip_asc(X509_VERIFY_PARAM *p)
{
    char buf[48];
    const unsigned char *a = p->ip;
    if (a == NULL)
        return NULL;
    if (p->ip_len == 4) {
        snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    } else if (p->ip_len == 16) {
        size_t off = 0;
        for (int i = 0; i < 8; i++)
            off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%X%s",
                                    (unsigned)(a[2 * i] << 8 | a[2 * i + 1]), i == 7 ? "" : ":");
    } else {
        return NULL;
    }
    char *out = strdup(buf);
    if (out == NULL)
        ERR_raise(ERR_LIB_X509, ERR_R_MALLOC_FAILURE);
    return out;
}

/* ---- inherit ------------------------------------------------------------------ */

int X509_VERIFY_PARAM_inherit(X509_VERIFY_PARAM *dest, const X509_VERIFY_PARAM *src)
{
    if (src == NULL)
        return 1;
    uint32_t inh = dest->inh_flags | src->inh_flags;
    if (inh & X509_VP_FLAG_ONCE)
        dest->inh_flags = 0;
    if (inh & X509_VP_FLAG_LOCKED)
        return 1;
    int to_default = (inh & X509_VP_FLAG_DEFAULT) != 0;
    int overwrite = (inh & X509_VP_FLAG_OVERWRITE) != 0;
/* Copy when overwriting, or when src has a value and dest has none (or defaults yield). */
#define SHOULD_COPY(field, unset) \
    (overwrite || (src->field != (unset) && (to_default || dest->field == (unset))))

    if (SHOULD_COPY(purpose, 0))
        dest->purpose = src->purpose;
    if (SHOULD_COPY(trust, 0))
        dest->trust = src->trust;
    if (SHOULD_COPY(depth, -1))
        dest->depth = src->depth;
    if (SHOULD_COPY(auth_level, -1))
        dest->auth_level = src->auth_level;
    /* A check time of dest's own wins unless overwriting; the flag comes below. */
    if (overwrite || !(dest->flags & X509_V_FLAG_USE_CHECK_TIME)) {
        dest->check_time = src->check_time;
        dest->flags &= ~(unsigned long)X509_V_FLAG_USE_CHECK_TIME;
    }
    if (inh & X509_VP_FLAG_RESET_FLAGS)
        dest->flags = 0;
    dest->flags |= src->flags;
    if (SHOULD_COPY(hostflags, 0))
        dest->hostflags = src->hostflags;
    if (SHOULD_COPY(hosts, NULL)) {
        clear_hosts(dest);
        for (size_t i = 0; i < src->host_count; i++)
            if (!set_host(dest, 0, src->hosts[i], 0))
                return 0;
    }
    if (SHOULD_COPY(email, NULL) &&
        !X509_VERIFY_PARAM_set1_email(dest, src->email, src->email_len))
        return 0;
    if (SHOULD_COPY(ip, NULL) && !X509_VERIFY_PARAM_set1_ip(dest, src->ip, src->ip_len))
        return 0;
#undef SHOULD_COPY
    return 1;
}

int X509_VERIFY_PARAM_set1(X509_VERIFY_PARAM *to, const X509_VERIFY_PARAM *from)
{
    uint32_t saved = to->inh_flags;
    to->inh_flags |= X509_VP_FLAG_DEFAULT;
    int ret = X509_VERIFY_PARAM_inherit(to, from);
    to->inh_flags = saved;
    return ret;
}

/* ---- to the internal verifier ---------------------------------------------------- */

void mintls_x509_vpm_to_params(const X509_VERIFY_PARAM *p, mintls_x509_verify_params *out)
{
    mintls_x509_verify_params_init(out);
    out->purpose = p->purpose;
    out->flags = p->flags;
    out->depth = p->depth;
    if (p->flags & X509_V_FLAG_USE_CHECK_TIME) {
        out->have_time = 1;
        out->time = (int64_t)p->check_time;
    }
    out->hosts = (const char *const *)p->hosts;
    out->host_count = p->host_count;
    out->host_flags = p->hostflags;
    out->email = p->email;
    out->email_len = p->email_len;
    out->ip = p->ip;
    out->ip_len = p->ip_len;
}
