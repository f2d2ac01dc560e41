/*
 * mintls: BIO_lookup / BIO_lookup_ex and the BIO_ADDRINFO list they return.
 * Names go through the C library's getaddrinfo, so /etc/hosts, nsswitch
 * and /etc/services apply exactly as they do for OpenSSL.
 */
#include "internal/bio_addr.h"

#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

/* --- the list --------------------------------------------------------- */

const BIO_ADDRINFO *BIO_ADDRINFO_next(const BIO_ADDRINFO *bai)
{
    return bai != NULL ? bai->next : NULL;
}

int BIO_ADDRINFO_family(const BIO_ADDRINFO *bai)
{
    return bai != NULL ? bai->family : 0;
}

int BIO_ADDRINFO_socktype(const BIO_ADDRINFO *bai)
{
    return bai != NULL ? bai->socktype : 0;
}

int BIO_ADDRINFO_protocol(const BIO_ADDRINFO *bai)
{
    if (bai == NULL)
        return 0;
    if (bai->protocol != 0)
        return bai->protocol;
    /* A Unix socket has no protocol number; say what the type implies for
       the IP families, as the man page promises a TCP/UDP constant. */
    if (bai->family == AF_INET || bai->family == AF_INET6) {
        if (bai->socktype == SOCK_STREAM)
            return IPPROTO_TCP;
        if (bai->socktype == SOCK_DGRAM)
            return IPPROTO_UDP;
    }
    return 0;
}

const BIO_ADDR *BIO_ADDRINFO_address(const BIO_ADDRINFO *bai)
{
    return bai != NULL ? &bai->addr : NULL;
}

void BIO_ADDRINFO_free(BIO_ADDRINFO *bai)
{
    while (bai != NULL) {
        BIO_ADDRINFO *next = bai->next;
        OPENSSL_free(bai);
        bai = next;
    }
}

/* --- lookups ---------------------------------------------------------- */

/* A Unix "lookup" is the path itself; the service has no meaning there. */
static int lookup_unix(const char *path, int socktype, BIO_ADDRINFO **res)
{
    BIO_ADDRINFO *bai;
    if (path == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    bai = OPENSSL_zalloc(sizeof(*bai));
    if (bai == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    bai->family = AF_UNIX;
    bai->socktype = socktype;
    if (!BIO_ADDR_rawmake(&bai->addr, AF_UNIX, path, strlen(path), 0)) {
        OPENSSL_free(bai);
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT);
        return 0;
    }
    *res = bai;
    return 1;
}

/* Copies getaddrinfo's list into ours, in the same order (the order is the
   system's preference and the connect BIO tries them in turn). */
static int copy_addrinfo(const struct addrinfo *ai, BIO_ADDRINFO **res)
{
    BIO_ADDRINFO *head = NULL, **tail = &head;
    for (; ai != NULL; ai = ai->ai_next) {
        BIO_ADDRINFO *bai = OPENSSL_zalloc(sizeof(*bai));
        if (bai == NULL) {
            BIO_ADDRINFO_free(head);
            ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        if (ai->ai_addr == NULL
            || !mintls_bio_addr_from_sockaddr(&bai->addr, ai->ai_addr, ai->ai_addrlen)) {
            OPENSSL_free(bai); /* a family we do not speak: leave it out */
            continue;
        }
        bai->family = ai->ai_family;
        bai->socktype = ai->ai_socktype;
        bai->protocol = ai->ai_protocol;
        *tail = bai;
        tail = &bai->next;
    }
    *res = head;
    return 1;
}

static void raise_gai_error(int gai_ret)
{
    if (gai_ret == EAI_SYSTEM) {
        ERR_raise_data(ERR_LIB_SYS, errno, "calling getaddrinfo()");
        ERR_raise(ERR_LIB_BIO, ERR_R_SYS_LIB);
    } else if (gai_ret == EAI_MEMORY) {
        ERR_raise_data(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE, "%s", gai_strerror(gai_ret));
    } else {
        ERR_raise_data(ERR_LIB_BIO, ERR_R_SYS_LIB, "%s", gai_strerror(gai_ret));
    }
}

int BIO_lookup_ex(const char *host, const char *service, int lookup_type, int family,
                  int socktype, int protocol, BIO_ADDRINFO **res)
{
    struct addrinfo hints, *ai = NULL;
    int gai_ret, first_ret, ok;

    if (res == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    *res = NULL;
    switch (family) {
    case AF_INET:
    case AF_INET6:
    case AF_UNSPEC:
        break;
    case AF_UNIX:
        return lookup_unix(host, socktype, res);
    default:
        ERR_raise(ERR_LIB_BIO, BIO_R_UNSUPPORTED_PROTOCOL_FAMILY);
        return 0;
    }

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    /* For a name with either family allowed, prefer families this host can
       actually reach (as OpenSSL does); a server with no host listens on
       the wildcard address. */
    if (host != NULL && family == AF_UNSPEC)
        hints.ai_flags |= AI_ADDRCONFIG;
    if (lookup_type == BIO_LOOKUP_SERVER)
        hints.ai_flags |= AI_PASSIVE;

    gai_ret = getaddrinfo(host, service, &hints, &ai);
    first_ret = gai_ret;
    /* AI_ADDRCONFIG hides ::1 on a host whose only IPv6 address is the
       loopback; a numeric address must still resolve, so try once more
       without it, for numeric hosts only. */
    if (gai_ret != 0 && gai_ret != EAI_SYSTEM && gai_ret != EAI_MEMORY
        && (hints.ai_flags & AI_ADDRCONFIG) != 0) {
        hints.ai_flags &= ~AI_ADDRCONFIG;
        hints.ai_flags |= AI_NUMERICHOST;
        gai_ret = getaddrinfo(host, service, &hints, &ai);
    }
    if (gai_ret != 0) {
        /* The first failure says why the name itself did not resolve. */
        raise_gai_error(gai_ret == EAI_NONAME ? first_ret : gai_ret);
        return 0;
    }
    ok = copy_addrinfo(ai, res);
    freeaddrinfo(ai);
    return ok;
}

int BIO_lookup(const char *host, const char *service, enum BIO_lookup_type lookup_type,
               int family, int socktype, BIO_ADDRINFO **res)
{
    return BIO_lookup_ex(host, service, (int)lookup_type, family, socktype, 0, res);
}
