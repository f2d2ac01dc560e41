/*
 * SSL_CTX_set_cipher_list: OpenSSL's cipher-string language over the TLS
 * 1.2 suites mintls will speak (ECDHE with an AEAD only, issue 7). The
 * TLS 1.3 suites are SSL_CTX_set_ciphersuites' business, as in OpenSSL.
 *
 * A string is a list of elements separated by ':', ',' or spaces. An
 * element is a cipher name or aliases joined by '+' (all must match),
 * optionally prefixed: none adds the matching suites not yet listed, '-'
 * removes them (they may come back), '!' removes them for good, '+' moves
 * them to the end. "@STRENGTH" sorts by key size; "@SECLEVEL=n" is
 * accepted (every suite here is above any level). Unknown names match
 * nothing; a string that leaves no suite fails with SSL_R_NO_CIPHER_MATCH,
 * as OpenSSL's does. Names of suites mintls does not implement (CBC, RSA
 * key exchange, ...) are unknown here, so a list of only those fails
 * where OpenSSL's would succeed.
 */
#include "ssl_local.h"

#include <string.h>

enum {
    A_ECDSA = 1 << 0,
    A_RSA = 1 << 1,
    E_AES128GCM = 1 << 2,
    E_AES256GCM = 1 << 3,
    E_CHACHA20 = 1 << 4,
    H_SHA256 = 1 << 5,
    H_SHA384 = 1 << 6,
};

typedef struct {
    const char *name; /* OpenSSL's name */
    uint16_t id;
    unsigned bits;    /* A_*, E_*, H_* */
    int strength;     /* key bits */
} tls12_suite;

/* In OpenSSL's default preference order. */
static const tls12_suite suites[] = {
    {"ECDHE-ECDSA-AES256-GCM-SHA384", 0xC02C, A_ECDSA | E_AES256GCM | H_SHA384, 256},
    {"ECDHE-RSA-AES256-GCM-SHA384", 0xC030, A_RSA | E_AES256GCM | H_SHA384, 256},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", 0xCCA9, A_ECDSA | E_CHACHA20 | H_SHA256, 256},
    {"ECDHE-RSA-CHACHA20-POLY1305", 0xCCA8, A_RSA | E_CHACHA20 | H_SHA256, 256},
    {"ECDHE-ECDSA-AES128-GCM-SHA256", 0xC02B, A_ECDSA | E_AES128GCM | H_SHA256, 128},
    {"ECDHE-RSA-AES128-GCM-SHA256", 0xC02F, A_RSA | E_AES128GCM | H_SHA256, 128},
};
#define N_SUITES (sizeof(suites) / sizeof(suites[0]))
#define ALL_SUITES ((1u << N_SUITES) - 1)

/* The suites (a bit per table row) an alias or name selects. */
static unsigned select_word(const char *w, size_t len)
{
    static const struct {
        const char *alias;
        unsigned bits; /* 0: every suite */
    } aliases[] = {
        {"ALL", 0},        {"DEFAULT", 0},       {"HIGH", 0},         {"ECDHE", 0},
        {"EECDH", 0},      {"kECDHE", 0},        {"kEECDH", 0},       {"ECDH", 0},
        {"TLSv1.2", 0},    {"AESGCM", E_AES128GCM | E_AES256GCM},    {"AES", E_AES128GCM | E_AES256GCM},
        {"AES128", E_AES128GCM}, {"AES256", E_AES256GCM}, {"CHACHA20", E_CHACHA20},
        {"aECDSA", A_ECDSA}, {"ECDSA", A_ECDSA},  {"aRSA", A_RSA},     {"SHA256", H_SHA256},
        {"SHA384", H_SHA384},
    };
    unsigned out = 0;
    for (size_t i = 0; i < N_SUITES; i++)
        if (strlen(suites[i].name) == len && memcmp(suites[i].name, w, len) == 0)
            out |= 1u << i;
    for (size_t a = 0; a < sizeof(aliases) / sizeof(aliases[0]); a++) {
        if (strlen(aliases[a].alias) != len || memcmp(aliases[a].alias, w, len) != 0)
            continue;
        for (size_t i = 0; i < N_SUITES; i++)
            if (aliases[a].bits == 0 || (suites[i].bits & aliases[a].bits))
                out |= 1u << i;
    }
    return out;
}

/* An element's aliases joined by '+': the suites every one selects. */
static unsigned select_element(const char *p, size_t len)
{
    unsigned sel = ALL_SUITES;
    while (len > 0) {
        const char *plus = memchr(p, '+', len);
        size_t n = plus != NULL ? (size_t)(plus - p) : len;
        sel &= select_word(p, n);
        len -= n + (plus != NULL);
        p += n + (plus != NULL);
    }
    return sel;
}

static int is_separator(char c)
{
    return c == ':' || c == ',' || c == ' ';
}

static int parse_cipher_list(mintls_ssl_settings *st, const char *str)
{
    uint8_t order[N_SUITES]; /* table rows, in list order */
    size_t n = 0;
    unsigned killed = 0;
    const char *p = str;
    while (*p != '\0') {
        while (is_separator(*p))
            p++;
        size_t len = 0;
        while (p[len] != '\0' && !is_separator(p[len]))
            len++;
        if (len == 0)
            break;
        char op = 0;
        const char *w = p;
        size_t wlen = len;
        if (*w == '!' || *w == '-' || *w == '+') {
            op = *w;
            w++;
            wlen--;
        }
        p += len;
        if (wlen > 0 && *w == '@') {
            if (wlen == 9 && memcmp(w, "@STRENGTH", 9) == 0) {
                /* Stable sort by strength, strongest first. */
                for (size_t i = 1; i < n; i++)
                    for (size_t j = i; j > 0 && suites[order[j]].strength >
                                                    suites[order[j - 1]].strength; j--) {
                        uint8_t t = order[j];
                        order[j] = order[j - 1];
                        order[j - 1] = t;
                    }
            }
            continue; /* @SECLEVEL=n and other commands: nothing to do here */
        }
        unsigned sel = select_element(w, wlen);
        if (op == 0) {
            for (size_t i = 0; i < N_SUITES; i++) {
                int listed = 0;
                for (size_t j = 0; j < n; j++)
                    listed |= order[j] == i;
                if ((sel >> i & 1) && !(killed >> i & 1) && !listed)
                    order[n++] = (uint8_t)i;
            }
        } else if (op == '+') {
            uint8_t moved[N_SUITES];
            size_t m = 0, k = 0;
            for (size_t j = 0; j < n; j++) {
                if (sel >> order[j] & 1)
                    moved[m++] = order[j];
                else
                    order[k++] = order[j];
            }
            memcpy(order + k, moved, m);
        } else {
            size_t k = 0;
            for (size_t j = 0; j < n; j++)
                if (!(sel >> order[j] & 1))
                    order[k++] = order[j];
            n = k;
            if (op == '!')
                killed |= sel;
        }
    }
    if (n == 0) {
        ERR_raise(ERR_LIB_SSL, SSL_R_NO_CIPHER_MATCH);
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        st->tls12_suites[i] = suites[order[i]].id;
    st->tls12_suite_count = n;
    return 1;
}

void mintls_cipher_list_default(mintls_ssl_settings *st)
{
    for (size_t i = 0; i < N_SUITES; i++)
        st->tls12_suites[i] = suites[i].id;
    st->tls12_suite_count = N_SUITES;
}

int SSL_CTX_set_cipher_list(SSL_CTX *ctx, const char *str)
{
    return parse_cipher_list(&ctx->settings, str);
}

int SSL_set_cipher_list(SSL *s, const char *str)
{
    return parse_cipher_list(&s->settings, str);
}
