/*
 * mintls: the socket calls behind the connect and accept BIOs, with
 * OpenSSL's option bits (BIO_SOCK_*) and error reasons: BIO_connect,
 * BIO_bind, BIO_listen, BIO_accept_ex, BIO_sock_info, BIO_sock_error.
 * Every failure leaves the system errno (ERR_LIB_SYS) and a BIO reason.
 */
#include "internal/bio_addr.h"

#include <errno.h>
#include <netinet/tcp.h>
#include <unistd.h>
#include <openssl/err.h>

/* Backlog for BIO_listen; servers built on accept BIOs take one at a time. */
#define LISTEN_BACKLOG 32

/* Queues the system error of a failed call and the BIO reason, keeping
   errno as the call left it: the man page promises it to the caller. The
   entries name the public function (func), not this helper. */
static void raise_sys_in(const char *func, const char *what, int reason)
{
    int err = errno;
    ERR_new();
    ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, func);
    ERR_set_error(ERR_LIB_SYS, err, "calling %s", what);
    ERR_new();
    ERR_set_debug(OPENSSL_FILE, OPENSSL_LINE, func);
    ERR_set_error(ERR_LIB_BIO, reason, NULL);
    errno = err;
}
#define raise_sys(what, reason) raise_sys_in(__func__, (what), (reason))

static int set_int_option(int sock, int level, int name, int value, int reason)
{
    if (setsockopt(sock, level, name, &value, sizeof(value)) != 0) {
        raise_sys("setsockopt()", reason);
        return 0;
    }
    return 1;
}

/* The options BIO_connect and BIO_listen share. */
static int apply_common_options(int sock, int options)
{
    if (!BIO_socket_nbio(sock, (options & BIO_SOCK_NONBLOCK) != 0))
        return 0;
    if ((options & BIO_SOCK_KEEPALIVE) != 0
        && !set_int_option(sock, SOL_SOCKET, SO_KEEPALIVE, 1, BIO_R_UNABLE_TO_KEEPALIVE))
        return 0;
    if ((options & BIO_SOCK_NODELAY) != 0
        && !set_int_option(sock, IPPROTO_TCP, TCP_NODELAY, 1, BIO_R_UNABLE_TO_NODELAY))
        return 0;
    return 1;
}

int BIO_connect(int sock, const BIO_ADDR *addr, int options)
{
    if (sock == -1) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_SOCKET);
        return 0;
    }
    if (addr == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if (!apply_common_options(sock, options))
        return 0;
    if (connect(sock, mintls_bio_addr_sockaddr(addr), mintls_bio_addr_sockaddr_size(addr))
        == -1) {
        /* A non-blocking connect in progress is not an error: the caller
           sees 0 and BIO_sock_should_retry tells it to wait. */
        if (!BIO_sock_should_retry(-1)) {
            raise_sys("connect()", BIO_R_CONNECT_ERROR);
        }
        return 0;
    }
    return 1;
}

int BIO_bind(int sock, const BIO_ADDR *addr, int options)
{
    if (sock == -1) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_SOCKET);
        return 0;
    }
    if (addr == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    if ((options & BIO_SOCK_REUSEADDR) != 0
        && !set_int_option(sock, SOL_SOCKET, SO_REUSEADDR, 1, BIO_R_UNABLE_TO_REUSEADDR))
        return 0;
    if (bind(sock, mintls_bio_addr_sockaddr(addr), mintls_bio_addr_sockaddr_size(addr))
        != 0) {
        raise_sys("bind()", BIO_R_UNABLE_TO_BIND_SOCKET);
        return 0;
    }
    return 1;
}

int BIO_listen(int sock, const BIO_ADDR *addr, int options)
{
    int socktype;
    socklen_t len = sizeof(socktype);

    if (sock == -1) {
        ERR_raise(ERR_LIB_BIO, BIO_R_INVALID_SOCKET);
        return 0;
    }
    if (addr == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    /* A datagram socket is bound but never listens. */
    if (getsockopt(sock, SOL_SOCKET, SO_TYPE, &socktype, &len) != 0
        || len != sizeof(socktype)) {
        raise_sys("getsockopt()", BIO_R_GETTING_SOCKTYPE);
        return 0;
    }
    if (!apply_common_options(sock, options))
        return 0;
    /* Say explicitly whether an IPv6 socket also takes IPv4-mapped peers,
       rather than inherit the system-wide default. */
    if (BIO_ADDR_family(addr) == AF_INET6
        && !set_int_option(sock, IPPROTO_IPV6, IPV6_V6ONLY,
                           (options & BIO_SOCK_V6_ONLY) != 0, BIO_R_LISTEN_V6_ONLY))
        return 0;
    if (!BIO_bind(sock, addr, options))
        return 0;
    if (socktype != SOCK_DGRAM && listen(sock, LISTEN_BACKLOG) == -1) {
        raise_sys("listen()", BIO_R_UNABLE_TO_LISTEN_SOCKET);
        return 0;
    }
    return 1;
}

int BIO_accept_ex(int accept_sock, BIO_ADDR *addr, int options)
{
    BIO_ADDR local;
    BIO_ADDR *peer = addr != NULL ? addr : &local;
    socklen_t len = sizeof(*peer);
    int sock;

    BIO_ADDR_clear(peer);
    sock = accept(accept_sock, &peer->sa, &len);
    if (sock == -1) {
        /* No connection waiting on a non-blocking socket is not an error. */
        if (!BIO_sock_should_retry(sock)) {
            raise_sys("accept()", BIO_R_ACCEPT_ERROR);
        }
        return -1;
    }
    if (!BIO_socket_nbio(sock, (options & BIO_SOCK_NONBLOCK) != 0)) {
        close(sock);
        return -1;
    }
    return sock;
}

int BIO_sock_info(int sock, enum BIO_sock_info_type type, union BIO_sock_info_u *info)
{
    socklen_t len;

    if (type != BIO_SOCK_INFO_ADDRESS) {
        ERR_raise(ERR_LIB_BIO, BIO_R_UNKNOWN_INFO_TYPE);
        return 0;
    }
    if (info == NULL || info->addr == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    len = sizeof(*info->addr);
    BIO_ADDR_clear(info->addr);
    if (getsockname(sock, &info->addr->sa, &len) == -1) {
        raise_sys("getsockname()", BIO_R_GETSOCKNAME_ERROR);
        return 0;
    }
    if (len > sizeof(*info->addr)) {
        ERR_raise(ERR_LIB_BIO, BIO_R_GETSOCKNAME_TRUNCATED_ADDRESS);
        return 0;
    }
    return 1;
}

int BIO_sock_error(int sock)
{
    int err = 0;
    socklen_t len = sizeof(err);
    /* The pending error of a socket, e.g. how a non-blocking connect ended. */
    if (getsockopt(sock, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return errno;
    return err;
}

int BIO_set_tcp_ndelay(int sock, int turn_on)
{
    int on = turn_on != 0;
    return setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) == 0;
}
