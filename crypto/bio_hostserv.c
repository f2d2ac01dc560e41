/*
 * mintls: BIO_parse_hostserv, splitting "host:service" the way OpenSSL's
 * BIO_parse_hostserv(3) documents. An IPv6 host must be bracketed: a bare
 * "a:b:c" could be an address with or without a port, so it is refused as
 * ambiguous rather than guessed.
 */
#include <openssl/bio.h>

#include <string.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

/* A part of the string: where it starts and how long it is. NULL start
   means the input had no such part (the caller's pointer is untouched). */
typedef struct {
    const char *start;
    size_t len;
} span;

/* Empty and "*" both mean "any": the output is NULL. */
static int emit_part(span part, char **out)
{
    if (part.start == NULL || out == NULL)
        return 1;
    if (part.len == 0 || (part.len == 1 && part.start[0] == '*')) {
        *out = NULL;
        return 1;
    }
    *out = OPENSSL_strndup(part.start, part.len);
    if (*out == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    return 1;
}

/* "[v6addr]" optionally followed by ":service". */
static int split_bracketed(const char *s, span *host, span *serv)
{
    const char *close = strchr(s, ']');
    if (close == NULL)
        return 0;
    host->start = s + 1;
    host->len = (size_t)(close - host->start);
    if (close[1] == '\0')
        return 1;
    if (close[1] != ':')
        return 0;
    serv->start = close + 2;
    serv->len = strlen(serv->start);
    return 1;
}

int BIO_parse_hostserv(const char *hostserv, char **host, char **service,
                       enum BIO_hostserv_priorities hostserv_prio)
{
    span h = {NULL, 0}, p = {NULL, 0};
    char *host_out = NULL;

    if (hostserv == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (hostserv[0] == '[') {
        if (!split_bracketed(hostserv, &h, &p))
            goto malformed;
    } else {
        const char *colon = strchr(hostserv, ':');
        if (colon != NULL && strrchr(hostserv, ':') != colon) {
            ERR_raise(ERR_LIB_BIO, BIO_R_AMBIGUOUS_HOST_OR_SERVICE);
            return 0;
        }
        if (colon != NULL) {
            h.start = hostserv;
            h.len = (size_t)(colon - hostserv);
            p.start = colon + 1;
            p.len = strlen(p.start);
        } else if (hostserv_prio == BIO_PARSE_PRIO_HOST) {
            h.start = hostserv;
            h.len = strlen(hostserv);
        } else {
            p.start = hostserv;
            p.len = strlen(hostserv);
        }
    }
    /* A service never holds a colon ("[::1]:a:b" is not a port). */
    if (p.start != NULL && memchr(p.start, ':', p.len) != NULL)
        goto malformed;

    if (!emit_part(h, host != NULL ? &host_out : NULL))
        return 0;
    if (!emit_part(p, service)) {
        OPENSSL_free(host_out);
        return 0;
    }
    if (host != NULL && h.start != NULL)
        *host = host_out;
    return 1;

malformed:
    ERR_raise(ERR_LIB_BIO, BIO_R_MALFORMED_HOST_OR_SERVICE);
    return 0;
}
