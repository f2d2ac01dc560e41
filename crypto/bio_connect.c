/*
 * mintls: the connect BIO (BIO_s_connect(3)). The first read, write or
 * BIO_do_connect runs a small state machine: look the name up, then for
 * each address in turn create a socket and connect. In non-blocking mode a
 * connect that is still in progress returns -1 with the retry flags and
 * BIO_RR_CONNECT, and the next call asks the socket how it ended.
 */
#include "internal/bio.h"
#include "internal/bio_addr.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

/* State numbers are OpenSSL's: an info callback receives them. */
enum conn_state {
    CONN_BEFORE = 1,
    CONN_GET_ADDR = 2,
    CONN_CREATE_SOCKET = 3,
    CONN_CONNECT = 4,
    CONN_OK = 5,
    CONN_BLOCKED_CONNECT = 6,
    CONN_CONNECT_ERROR = 7,
};

typedef struct {
    enum conn_state state;
    int connect_family; /* BIO_FAMILY_* */
    int connect_mode;   /* BIO_SOCK_* options for BIO_connect */
    char *hostname;
    char *service;
    BIO_ADDRINFO *addr_first;
    const BIO_ADDRINFO *addr_iter; /* the address being tried */
    BIO_info_cb *info_callback;
} conn_data;

static void close_socket(BIO *b, conn_data *c)
{
    if (b->num < 0)
        return;
    if (c->state == CONN_OK)
        shutdown(b->num, SHUT_RDWR);
    close(b->num);
    b->num = -1;
}

/* --- the state machine ------------------------------------------------ */

/* Takes the next address after a failed one; 0 when none is left. The
   failed socket is closed either way. */
static int try_next_address(BIO *b, conn_data *c)
{
    close_socket(b, c);
    c->addr_iter = BIO_ADDRINFO_next(c->addr_iter);
    if (c->addr_iter == NULL)
        return 0;
    c->state = CONN_CREATE_SOCKET;
    return 1;
}

/* One step; returns 1 to keep going, else stops with *out_ret set. */
static int conn_step(BIO *b, conn_data *c, int *out_ret)
{
    int af, sock, err;

    switch (c->state) {
    case CONN_BEFORE:
        if (c->hostname == NULL && c->service == NULL) {
            ERR_raise_data(ERR_LIB_BIO, BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED,
                           "hostname=<NULL> service=<NULL>");
            return 0;
        }
        c->state = CONN_GET_ADDR;
        return 1;

    case CONN_GET_ADDR:
        if (!mintls_bio_family_to_af(c->connect_family, &af))
            return 0;
        BIO_ADDRINFO_free(c->addr_first);
        c->addr_first = NULL;
        if (!BIO_lookup(c->hostname, c->service, BIO_LOOKUP_CLIENT, af, SOCK_STREAM,
                        &c->addr_first))
            return 0;
        if (c->addr_first == NULL) {
            ERR_raise(ERR_LIB_BIO, BIO_R_LOOKUP_RETURNED_NOTHING);
            return 0;
        }
        c->addr_iter = c->addr_first;
        c->state = CONN_CREATE_SOCKET;
        return 1;

    case CONN_CREATE_SOCKET:
        sock = BIO_socket(BIO_ADDRINFO_family(c->addr_iter),
                          BIO_ADDRINFO_socktype(c->addr_iter),
                          BIO_ADDRINFO_protocol(c->addr_iter), 0);
        if (sock == -1) {
            ERR_add_error_data(4, "hostname=", c->hostname != NULL ? c->hostname : "",
                               " service=", c->service != NULL ? c->service : "");
            return 0;
        }
        b->num = sock;
        c->state = CONN_CONNECT;
        return 1;

    case CONN_CONNECT:
        BIO_clear_retry_flags(b);
        b->retry_reason = 0;
        /* A failure that another address may cure leaves no error behind. */
        ERR_set_mark();
        if (BIO_connect(b->num, BIO_ADDRINFO_address(c->addr_iter),
                        BIO_SOCK_KEEPALIVE | c->connect_mode)) {
            ERR_clear_last_mark();
            c->state = CONN_OK;
            return 1;
        }
        err = errno;
        if (BIO_sock_non_fatal_error(err)) {
            ERR_pop_to_mark();
            BIO_set_retry_special(b);
            b->retry_reason = BIO_RR_CONNECT;
            c->state = CONN_BLOCKED_CONNECT;
            *out_ret = -1;
            return 0;
        }
        if (try_next_address(b, c)) {
            ERR_pop_to_mark();
            return 1;
        }
        ERR_clear_last_mark();
        ERR_raise_data(ERR_LIB_SYS, err, "calling connect(%s, %s)",
                       c->hostname != NULL ? c->hostname : "",
                       c->service != NULL ? c->service : "");
        c->state = CONN_CONNECT_ERROR;
        return 1;

    case CONN_BLOCKED_CONNECT:
        /* How the in-progress connect ended; 0 also while it is still in
           flight, which the next read or write then reports as a retry. */
        err = BIO_sock_error(b->num);
        if (err == 0) {
            c->state = CONN_OK;
            return 1;
        }
        BIO_clear_retry_flags(b);
        if (try_next_address(b, c))
            return 1;
        ERR_raise_data(ERR_LIB_SYS, err, "calling connect(%s, %s)",
                       c->hostname != NULL ? c->hostname : "",
                       c->service != NULL ? c->service : "");
        ERR_raise(ERR_LIB_BIO, BIO_R_NBIO_CONNECT_ERROR);
        c->state = CONN_CONNECT_ERROR;
        *out_ret = 0;
        return 0;

    case CONN_CONNECT_ERROR:
        ERR_raise(ERR_LIB_BIO, BIO_R_CONNECT_ERROR);
        *out_ret = 0;
        return 0;

    case CONN_OK:
        *out_ret = 1;
        return 0;
    }
    ERR_raise(ERR_LIB_BIO, ERR_R_INTERNAL_ERROR);
    return 0;
}

static int conn_state_machine(BIO *b, conn_data *c)
{
    for (;;) {
        int ret = -1;
        int go_on = conn_step(b, c, &ret);
        /* The callback sees each state reached and may stop the machine
           by returning 0 (or change the result it returns). */
        if (c->info_callback != NULL) {
            ret = c->info_callback(b, (int)c->state, go_on ? 1 : ret);
            if (ret == 0 || !go_on)
                return ret;
            continue;
        }
        if (!go_on)
            return ret;
    }
}

/* --- the method ------------------------------------------------------- */

static int conn_new(BIO *b)
{
    conn_data *c = OPENSSL_zalloc(sizeof(*c));
    if (c == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    c->state = CONN_BEFORE;
    c->connect_family = BIO_FAMILY_IPANY;
    b->ptr = c;
    b->num = -1;
    b->init = 0;
    b->flags = 0;
    return 1;
}

static int conn_free(BIO *b)
{
    conn_data *c = b->ptr;
    if (c == NULL)
        return 0;
    if (b->shutdown)
        close_socket(b, c);
    OPENSSL_free(c->hostname);
    OPENSSL_free(c->service);
    BIO_ADDRINFO_free(c->addr_first);
    OPENSSL_free(c);
    b->ptr = NULL;
    b->flags = 0;
    b->init = 0;
    return 1;
}

/* Connects first when needed; 1 when the socket is ready for I/O. */
static int conn_ready(BIO *b, int *out_ret)
{
    conn_data *c = b->ptr;
    if (c->state == CONN_OK)
        return 1;
    *out_ret = conn_state_machine(b, c);
    return *out_ret > 0;
}

static int conn_read(BIO *b, char *out, int outl)
{
    int ret;
    if (!conn_ready(b, &ret))
        return ret;
    return mintls_bio_fd_read(b, out, outl);
}

static int conn_write(BIO *b, const char *in, int inl)
{
    int ret;
    if (!conn_ready(b, &ret))
        return ret;
    return mintls_bio_fd_write(b, in, inl, 1);
}

static int conn_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return conn_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

/* Replaces one owned string with a copy of another (NULL allowed). */
static int replace_string(char **slot, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = OPENSSL_strdup(value)) == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    OPENSSL_free(*slot);
    *slot = copy;
    return 1;
}

/* BIO_set_conn_address: the address becomes numeric host and port
   strings, looked up again on connect like any other name. */
static long set_conn_address(conn_data *c, const BIO_ADDR *addr)
{
    char *host = BIO_ADDR_hostname_string(addr, 1);
    char *serv = BIO_ADDR_service_string(addr, 1);
    if (host == NULL || serv == NULL) {
        OPENSSL_free(host);
        OPENSSL_free(serv);
        return 0;
    }
    OPENSSL_free(c->hostname);
    OPENSSL_free(c->service);
    c->hostname = host;
    c->service = serv;
    BIO_ADDRINFO_free(c->addr_first);
    c->addr_first = NULL;
    c->addr_iter = NULL;
    return 1;
}

static long conn_set(BIO *b, conn_data *c, long which, void *ptr)
{
    char *old_service;
    int ok;
    if (ptr == NULL)
        return 1; /* as OpenSSL: setting nothing changes nothing */
    b->init = 1;
    switch (which) {
    case 0: /* hostname, which may carry ":port" and then overrides it */
        old_service = c->service;
        OPENSSL_free(c->hostname);
        c->hostname = NULL;
        ok = BIO_parse_hostserv(ptr, &c->hostname, &c->service, BIO_PARSE_PRIO_HOST);
        if (c->service != old_service)
            OPENSSL_free(old_service);
        return ok;
    case 1:
        return replace_string(&c->service, ptr);
    case 2:
        return set_conn_address(c, ptr);
    case 3:
        c->connect_family = *(int *)ptr;
        return 1;
    default:
        return 0;
    }
}

static long conn_get(conn_data *c, long which, void *ptr)
{
    const BIO_ADDR *addr;
    /* The family is answered without a pointer: BIO_get_conn_ip_family
       passes none. */
    if (which == 3) {
        switch (BIO_ADDRINFO_family(c->addr_iter)) {
        case AF_INET6:
            return BIO_FAMILY_IPV6;
        case AF_INET:
            return BIO_FAMILY_IPV4;
        case 0:
            return c->connect_family;
        default:
            return -1;
        }
    }
    if (ptr == NULL)
        return 0;
    switch (which) {
    case 0:
        *(const char **)ptr = c->hostname;
        return 1;
    case 1:
        *(const char **)ptr = c->service;
        return 1;
    case 2:
        addr = BIO_ADDRINFO_address(c->addr_iter);
        *(const BIO_ADDR **)ptr = addr;
        return 1;
    default:
        return 0;
    }
}

static long conn_dup(const conn_data *c, BIO *to)
{
    conn_data *d;
    if (to == NULL || to->method != BIO_s_connect())
        return 0;
    d = to->ptr;
    if (!replace_string(&d->hostname, c->hostname)
        || !replace_string(&d->service, c->service))
        return 0;
    d->connect_family = c->connect_family;
    d->connect_mode = c->connect_mode;
    d->info_callback = c->info_callback;
    return 1;
}

static long conn_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    conn_data *c = b->ptr;
    switch (cmd) {
    case BIO_CTRL_RESET:
        close_socket(b, c);
        c->state = CONN_BEFORE;
        BIO_ADDRINFO_free(c->addr_first);
        c->addr_first = NULL;
        c->addr_iter = NULL;
        b->flags = 0;
        return 0;
    case BIO_C_DO_STATE_MACHINE:
        if (c->state == CONN_OK)
            return 1;
        return conn_state_machine(b, c);
    case BIO_C_SET_CONNECT:
        return conn_set(b, c, num, ptr);
    case BIO_C_GET_CONNECT:
        return conn_get(c, num, ptr);
    case BIO_C_SET_NBIO:
        if (num != 0)
            c->connect_mode |= BIO_SOCK_NONBLOCK;
        else
            c->connect_mode &= ~BIO_SOCK_NONBLOCK;
        return 1;
    case BIO_C_SET_CONNECT_MODE:
        c->connect_mode = (int)num;
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
    case BIO_CTRL_PENDING:
    case BIO_CTRL_WPENDING:
        return 0;
    case BIO_CTRL_FLUSH:
        return 1;
    case BIO_CTRL_DUP:
        return conn_dup(c, ptr);
    case BIO_CTRL_GET_CALLBACK:
        if (ptr != NULL)
            *(BIO_info_cb **)ptr = c->info_callback;
        return 1;
    case BIO_CTRL_EOF:
        return (b->flags & BIO_FLAGS_IN_EOF) != 0;
    default:
        return 0;
    }
}

static long conn_callback_ctrl(BIO *b, int cmd, BIO_info_cb *fp)
{
    conn_data *c = b->ptr;
    if (cmd != BIO_CTRL_SET_CALLBACK)
        return 0;
    c->info_callback = fp;
    return 1;
}

static const BIO_METHOD connect_method = {
    .type = BIO_TYPE_CONNECT,
    .name = "socket connect",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = conn_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = conn_read,
    .bputs = conn_puts,
    .ctrl = conn_ctrl,
    .create = conn_new,
    .destroy = conn_free,
    .callback_ctrl = conn_callback_ctrl,
};

const BIO_METHOD *BIO_s_connect(void)
{
    return &connect_method;
}

BIO *BIO_new_connect(const char *host_port)
{
    BIO *b = BIO_new(BIO_s_connect());
    if (b == NULL)
        return NULL;
    if (BIO_set_conn_hostname(b, host_port) <= 0) {
        BIO_free(b);
        return NULL;
    }
    return b;
}
