/*
 * The key-exchange groups a connection uses (SSL_CTX_set1_groups_list(3)):
 * the client offers them in this order and shares a key for the first;
 * the server accepts only these. Names are matched as OpenSSL 3.0 matches
 * them (case-sensitive; TLS, NIST and OpenSSL spellings). Groups OpenSSL
 * knows but mintls cannot do (X448, P-521, the FFDHE groups) are skipped;
 * a name nobody knows fails, as does a list with nothing we can use, a
 * duplicate or an empty element (OpenSSL queues no error for those last two).
 */
#include "ssl_local.h"
#include "tls13_suites.h"

#include <string.h>

typedef struct {
    const char *name;
    uint16_t id;  /* 0: known to OpenSSL, not supported here */
    int nid;
} group_name;

static const group_name group_names[] = {
    {"x25519", MINTLS_GROUP_X25519, NID_X25519},
    {"X25519", MINTLS_GROUP_X25519, NID_X25519},
    {"secp256r1", MINTLS_GROUP_SECP256R1, NID_X9_62_prime256v1},
    {"prime256v1", MINTLS_GROUP_SECP256R1, NID_X9_62_prime256v1},
    {"P-256", MINTLS_GROUP_SECP256R1, NID_X9_62_prime256v1},
    {"secp384r1", MINTLS_GROUP_SECP384R1, NID_secp384r1},
    {"P-384", MINTLS_GROUP_SECP384R1, NID_secp384r1},
    {"secp521r1", 0, NID_secp521r1},
    {"P-521", 0, NID_secp521r1},
    {"x448", 0, NID_X448},
    {"X448", 0, NID_X448},
    {"ffdhe2048", 0, 0},
    {"ffdhe3072", 0, 0},
    {"ffdhe4096", 0, 0},
    {"ffdhe6144", 0, 0},
    {"ffdhe8192", 0, 0},
};
#define GROUP_NAME_COUNT (sizeof(group_names) / sizeof(group_names[0]))

static const group_name *by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < GROUP_NAME_COUNT; i++)
        if (strlen(group_names[i].name) == len && memcmp(group_names[i].name, name, len) == 0)
            return &group_names[i];
    return NULL;
}

static const group_name *by_nid(int nid)
{
    for (size_t i = 0; i < GROUP_NAME_COUNT; i++)
        if (nid != 0 && group_names[i].nid == nid)
            return &group_names[i];
    return NULL;
}

/* Adds g to the list; 0 for a group already named (by any spelling). */
static int add_group(const group_name *g, int *seen_nids, size_t *seen, uint16_t *out,
                     size_t *count)
{
    int key = g->nid != 0 ? g->nid : -(int)(g - group_names) - 1;
    for (size_t i = 0; i < *seen; i++)
        if (seen_nids[i] == key)
            return 0;
    seen_nids[(*seen)++] = key;
    if (g->id != 0 && *count < MINTLS_MAX_GROUPS)
        out[(*count)++] = g->id;
    return 1;
}

static int finish(mintls_ssl_settings *st, const uint16_t *ids, size_t count)
{
    if (count == 0) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    memcpy(st->groups, ids, count * sizeof(ids[0]));
    st->group_count = count;
    return 1;
}

static int set_groups_list(mintls_ssl_settings *st, const char *str)
{
    uint16_t ids[MINTLS_MAX_GROUPS];
    int seen_nids[GROUP_NAME_COUNT];
    size_t count = 0, seen = 0;
    if (str == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    for (const char *p = str;;) {
        const char *end = strchr(p, ':');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        if (len == 0)
            return 0;
        const group_name *g = by_name(p, len);
        if (g == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
            return 0;
        }
        if (!add_group(g, seen_nids, &seen, ids, &count))
            return 0;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return finish(st, ids, count);
}

static int set_groups(mintls_ssl_settings *st, const int *nids, long n)
{
    uint16_t ids[MINTLS_MAX_GROUPS];
    int seen_nids[GROUP_NAME_COUNT];
    size_t count = 0, seen = 0;
    if (nids == NULL || n <= 0) {
        ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
        return 0;
    }
    for (long i = 0; i < n; i++) {
        const group_name *g = by_nid(nids[i]);
        if (g == NULL) {
            ERR_raise(ERR_LIB_SSL, ERR_R_PASSED_INVALID_ARGUMENT);
            return 0;
        }
        if (!add_group(g, seen_nids, &seen, ids, &count))
            return 0;
    }
    return finish(st, ids, count);
}

long mintls_groups_ctrl(mintls_ssl_settings *st, int cmd, long larg, void *parg, int *handled)
{
    *handled = 1;
    switch (cmd) {
    case SSL_CTRL_SET_GROUPS_LIST:
        return set_groups_list(st, parg);
    case SSL_CTRL_SET_GROUPS:
        return set_groups(st, parg, larg);
    default:
        *handled = 0;
        return 0;
    }
}

size_t mintls_enabled_groups(const SSL *s, uint16_t out[MINTLS_MAX_GROUPS])
{
    if (s->settings.group_count > 0) {
        memcpy(out, s->settings.groups, s->settings.group_count * sizeof(out[0]));
        return s->settings.group_count;
    }
    for (size_t i = 0; i < MINTLS_TLS13_GROUP_COUNT; i++)
        out[i] = mintls_tls13_group_at(i);
    return MINTLS_TLS13_GROUP_COUNT;
}

int mintls_group_nid(uint16_t id)
{
    for (size_t i = 0; i < GROUP_NAME_COUNT; i++)
        if (id != 0 && group_names[i].id == id)
            return group_names[i].nid;
    return 0;
}
