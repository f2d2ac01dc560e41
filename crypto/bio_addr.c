/*
 * mintls: BIO_ADDR, one socket address (IPv4, IPv6 or a Unix path). The raw
 * forms are in network byte order, as OpenSSL's man page BIO_ADDR(3) says;
 * the string forms come from getnameinfo so names match the system's.
 */
#include "internal/bio_addr.h"

#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

/* --- the sockaddr view, for the socket calls ------------------------- */

const struct sockaddr *mintls_bio_addr_sockaddr(const BIO_ADDR *ap)
{
    return &ap->sa;
}

socklen_t mintls_bio_addr_sockaddr_size(const BIO_ADDR *ap)
{
    switch (ap->sa.sa_family) {
    case AF_INET:
        return sizeof(ap->s_in);
    case AF_INET6:
        return sizeof(ap->s_in6);
    case AF_UNIX:
        return sizeof(ap->s_un);
    default:
        return 0;
    }
}

int mintls_bio_addr_from_sockaddr(BIO_ADDR *ap, const struct sockaddr *sa, socklen_t len)
{
    size_t need;
    if (len < (socklen_t)sizeof(sa->sa_family))
        return 0;
    switch (sa->sa_family) {
    case AF_INET:
        need = sizeof(ap->s_in);
        break;
    case AF_INET6:
        need = sizeof(ap->s_in6);
        break;
    case AF_UNIX:
        /* A Unix address may be shorter than the struct: the path is
           as long as the kernel says. */
        need = sizeof(sa->sa_family);
        break;
    default:
        return 0;
    }
    if ((size_t)len < need || (size_t)len > sizeof(*ap))
        return 0;
    memset(ap, 0, sizeof(*ap));
    memcpy(ap, sa, len);
    return 1;
}

int mintls_bio_family_to_af(int bio_family, int *out_af)
{
    switch (bio_family) {
    case BIO_FAMILY_IPV4:
        *out_af = AF_INET;
        return 1;
    case BIO_FAMILY_IPV6:
        *out_af = AF_INET6;
        return 1;
    case BIO_FAMILY_IPANY:
        *out_af = AF_UNSPEC;
        return 1;
    default:
        ERR_raise(ERR_LIB_BIO, BIO_R_UNSUPPORTED_IP_FAMILY);
        return 0;
    }
}

/* --- objects ---------------------------------------------------------- */

BIO_ADDR *BIO_ADDR_new(void)
{
    BIO_ADDR *ap = OPENSSL_zalloc(sizeof(*ap));
    if (ap == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    ap->sa.sa_family = AF_UNSPEC;
    return ap;
}

void BIO_ADDR_free(BIO_ADDR *ap)
{
    OPENSSL_free(ap);
}

void BIO_ADDR_clear(BIO_ADDR *ap)
{
    if (ap == NULL)
        return;
    memset(ap, 0, sizeof(*ap));
    ap->sa.sa_family = AF_UNSPEC;
}

int BIO_ADDR_rawmake(BIO_ADDR *ap, int family, const void *where, size_t wherelen,
                     unsigned short port)
{
    if (ap == NULL || where == NULL)
        return 0;
    switch (family) {
    case AF_INET:
        if (wherelen != sizeof(struct in_addr))
            return 0;
        memset(ap, 0, sizeof(*ap));
        ap->s_in.sin_family = AF_INET;
        ap->s_in.sin_port = port;
        memcpy(&ap->s_in.sin_addr, where, wherelen);
        return 1;
    case AF_INET6:
        if (wherelen != sizeof(struct in6_addr))
            return 0;
        memset(ap, 0, sizeof(*ap));
        ap->s_in6.sin6_family = AF_INET6;
        ap->s_in6.sin6_port = port;
        memcpy(&ap->s_in6.sin6_addr, where, wherelen);
        return 1;
    case AF_UNIX:
        /* The path must fit with its terminating NUL. */
        if (wherelen + 1 > sizeof(ap->s_un.sun_path))
            return 0;
        memset(ap, 0, sizeof(*ap));
        ap->s_un.sun_family = AF_UNIX;
        memcpy(ap->s_un.sun_path, where, wherelen);
        return 1;
    default:
        return 0;
    }
}

int BIO_ADDR_family(const BIO_ADDR *ap)
{
    return ap != NULL ? ap->sa.sa_family : AF_UNSPEC;
}

int BIO_ADDR_rawaddress(const BIO_ADDR *ap, void *p, size_t *l)
{
    const void *src;
    size_t len;
    if (ap == NULL)
        return 0;
    switch (ap->sa.sa_family) {
    case AF_INET:
        src = &ap->s_in.sin_addr;
        len = sizeof(ap->s_in.sin_addr);
        break;
    case AF_INET6:
        src = &ap->s_in6.sin6_addr;
        len = sizeof(ap->s_in6.sin6_addr);
        break;
    case AF_UNIX:
        src = ap->s_un.sun_path;
        len = strnlen(ap->s_un.sun_path, sizeof(ap->s_un.sun_path));
        break;
    default:
        return 0;
    }
    if (p != NULL)
        memcpy(p, src, len);
    if (l != NULL)
        *l = len;
    return 1;
}

unsigned short BIO_ADDR_rawport(const BIO_ADDR *ap)
{
    if (ap == NULL)
        return 0;
    if (ap->sa.sa_family == AF_INET)
        return ap->s_in.sin_port;
    if (ap->sa.sa_family == AF_INET6)
        return ap->s_in6.sin6_port;
    return 0;
}

/* --- strings ---------------------------------------------------------- */

/* getnameinfo for one half of the address: the host when want_host, else
   the service. Unix and unset addresses fail there with EAI_FAMILY, which
   is the error OpenSSL reports too. */
static char *addr_string(const BIO_ADDR *ap, int numeric, int want_host)
{
    char buf[NI_MAXHOST > NI_MAXSERV ? NI_MAXHOST : NI_MAXSERV];
    int flags = 0, ret;
    char *out;
    if (ap == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return NULL;
    }
    if (numeric)
        flags |= want_host ? NI_NUMERICHOST : NI_NUMERICSERV;
    ret = getnameinfo(&ap->sa, mintls_bio_addr_sockaddr_size(ap),
                      want_host ? buf : NULL, want_host ? sizeof(buf) : 0,
                      want_host ? NULL : buf, want_host ? 0 : sizeof(buf), flags);
    if (ret != 0) {
        if (ret == EAI_SYSTEM) {
            ERR_raise_data(ERR_LIB_SYS, errno, "calling getnameinfo()");
            ERR_raise(ERR_LIB_BIO, ERR_R_SYS_LIB);
        } else {
            ERR_raise_data(ERR_LIB_BIO, ERR_R_SYS_LIB, "%s", gai_strerror(ret));
        }
        return NULL;
    }
    out = OPENSSL_strdup(buf);
    if (out == NULL)
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
    return out;
}

char *BIO_ADDR_hostname_string(const BIO_ADDR *ap, int numeric)
{
    return addr_string(ap, numeric, 1);
}

char *BIO_ADDR_service_string(const BIO_ADDR *ap, int numeric)
{
    return addr_string(ap, numeric, 0);
}

char *BIO_ADDR_path_string(const BIO_ADDR *ap)
{
    char *out;
    if (ap == NULL || ap->sa.sa_family != AF_UNIX)
        return NULL;
    out = OPENSSL_strndup(ap->s_un.sun_path, sizeof(ap->s_un.sun_path));
    if (out == NULL)
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
    return out;
}
