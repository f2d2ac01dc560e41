/*
 * mintls: socket and file-descriptor BIOs. A call that would block sets the
 * retry flag for its direction; a read of 0 from the peer marks end of file.
 */
#include "internal/bio.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <openssl/err.h>

int BIO_sock_non_fatal_error(int err)
{
    switch (err) {
    case EWOULDBLOCK:
#if EAGAIN != EWOULDBLOCK
    case EAGAIN:
#endif
    case EINTR:
    case EPROTO:
    case EINPROGRESS:
    case EALREADY:
    case ENOTCONN:
        return 1;
    default:
        return 0;
    }
}

int BIO_sock_should_retry(int i)
{
    if (i == 0 || i == -1)
        return BIO_sock_non_fatal_error(errno);
    return 0;
}

int BIO_fd_non_fatal_error(int err)
{
    return BIO_sock_non_fatal_error(err);
}

int BIO_fd_should_retry(int i)
{
    return BIO_sock_should_retry(i);
}

int BIO_sock_init(void)
{
    return 1;
}

int BIO_socket_nbio(int fd, int mode)
{
    int fl = fcntl(fd, F_GETFL, 0);
    if (fl == -1) {
        ERR_raise_data(ERR_LIB_SYS, errno, "calling fcntl()");
        return 0;
    }
    fl = mode ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    if (fcntl(fd, F_SETFL, fl) == -1) {
        ERR_raise_data(ERR_LIB_SYS, errno, "calling fcntl()");
        return 0;
    }
    return 1;
}

int BIO_closesocket(int sock)
{
    if (sock < 0 || close(sock) < 0)
        return 0;
    return 1;
}

int BIO_socket(int domain, int socktype, int protocol, int options)
{
    int s;
    (void)options; /* as in OpenSSL 3.0, applied by connect/listen instead */
    s = socket(domain, socktype, protocol);
    if (s == -1) {
        ERR_raise_data(ERR_LIB_SYS, errno, "calling socket()");
        ERR_raise(ERR_LIB_BIO, BIO_R_UNABLE_TO_CREATE_SOCKET);
        return -1;
    }
    return s;
}

/* --- shared by both methods ------------------------------------------- */

static int desc_new(BIO *b)
{
    b->init = 0;
    b->num = -1;
    b->ptr = NULL;
    b->flags = 0;
    return 1;
}

static int desc_free(BIO *b)
{
    if (b->shutdown && b->init && b->num >= 0)
        close(b->num);
    b->init = 0;
    b->num = -1;
    b->flags = 0;
    return 1;
}

int mintls_bio_fd_read(BIO *b, char *out, int outl)
{
    ssize_t n;
    if (out == NULL || outl <= 0)
        return 0;
    errno = 0;
    n = read(b->num, out, (size_t)outl);
    BIO_clear_retry_flags(b);
    if (n <= 0) {
        if (BIO_sock_should_retry((int)n))
            BIO_set_retry_read(b);
        else if (n == 0)
            b->flags |= BIO_FLAGS_IN_EOF;
    }
    return (int)n;
}

int mintls_bio_fd_write(BIO *b, const char *in, int inl, int is_socket)
{
    ssize_t n;
    if (in == NULL || inl <= 0)
        return 0;
    errno = 0;
    /* A peer gone away is an error return, not a SIGPIPE. */
    if (is_socket)
        n = send(b->num, in, (size_t)inl, MSG_NOSIGNAL);
    else
        n = write(b->num, in, (size_t)inl);
    BIO_clear_retry_flags(b);
    if (n <= 0 && BIO_sock_should_retry((int)n))
        BIO_set_retry_write(b);
    return (int)n;
}

static int desc_read(BIO *b, char *out, int outl)
{
    return mintls_bio_fd_read(b, out, outl);
}

static int desc_write(BIO *b, const char *in, int inl)
{
    return mintls_bio_fd_write(b, in, inl, b->method->type == BIO_TYPE_SOCKET);
}

static int desc_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return desc_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

static long desc_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    switch (cmd) {
    case BIO_C_SET_FD:
        desc_free(b);
        b->num = *(int *)ptr;
        b->shutdown = (int)num;
        b->init = 1;
        return 1;
    case BIO_C_GET_FD:
        if (!b->init)
            return -1;
        if (ptr != NULL)
            *(int *)ptr = b->num;
        return b->num;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)num;
        return 1;
    case BIO_CTRL_DUP:
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_EOF:
        return (b->flags & BIO_FLAGS_IN_EOF) != 0;
    case BIO_CTRL_RESET:
        if (b->method->type == BIO_TYPE_FD)
            return (long)lseek(b->num, num, SEEK_SET);
        return 0;
    default:
        return 0;
    }
}

static const BIO_METHOD socket_method = {
    .type = BIO_TYPE_SOCKET,
    .name = "socket",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = desc_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = desc_read,
    .bputs = desc_puts,
    .ctrl = desc_ctrl,
    .create = desc_new,
    .destroy = desc_free,
};

static const BIO_METHOD fd_method = {
    .type = BIO_TYPE_FD,
    .name = "file descriptor",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = desc_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = desc_read,
    .bputs = desc_puts,
    .ctrl = desc_ctrl,
    .create = desc_new,
    .destroy = desc_free,
};

const BIO_METHOD *BIO_s_socket(void)
{
    return &socket_method;
}

const BIO_METHOD *BIO_s_fd(void)
{
    return &fd_method;
}

static BIO *desc_bio(const BIO_METHOD *m, int fd, int close_flag)
{
    BIO *b = BIO_new(m);
    if (b == NULL)
        return NULL;
    BIO_set_fd(b, fd, close_flag);
    return b;
}

BIO *BIO_new_socket(int sock, int close_flag)
{
    return desc_bio(&socket_method, sock, close_flag);
}

BIO *BIO_new_fd(int fd, int close_flag)
{
    return desc_bio(&fd_method, fd, close_flag);
}
