/*
 * mintls: the accept BIO (BIO_s_accept(3)). The first BIO_do_accept looks
 * the name up, binds and listens; each later one accepts a connection and
 * chains a socket BIO after the accept BIO (behind a copy of the
 * BIO_set_accept_bios chain, if one was given). BIO_pop then hands the
 * connection to the program and leaves the accept BIO ready for the next.
 */
#include "internal/bio.h"
#include "internal/bio_addr.h"

#include <string.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/err.h>

enum acpt_state {
    ACPT_BEFORE = 1,
    ACPT_GET_ADDR = 2,
    ACPT_CREATE_SOCKET = 3,
    ACPT_LISTEN = 4,
    ACPT_ACCEPT = 5,
    ACPT_OK = 6,
};

typedef struct {
    enum acpt_state state;
    int accept_family; /* BIO_FAMILY_* */
    int bind_mode;     /* BIO_SOCK_* for BIO_listen (incl. a non-blocking listener) */
    int accepted_mode; /* BIO_SOCK_* for each accepted socket */
    char *param_addr;
    char *param_serv;
    BIO_ADDRINFO *addr_first;
    /* Strings the getters return, kept so the pointers stay valid. */
    char *local_name, *local_serv;
    char *peer_name, *peer_serv;
    BIO *bio_chain; /* template copied in front of each new connection */
} acpt_data;

static void close_listener(BIO *b)
{
    if (b->num < 0)
        return;
    shutdown(b->num, SHUT_RDWR);
    close(b->num);
    b->num = -1;
}

static void replace_owned(char **slot, char *value)
{
    OPENSSL_free(*slot);
    *slot = value;
}

/* --- the state machine ------------------------------------------------ */

static int do_listen(BIO *b, acpt_data *a)
{
    const BIO_ADDR *addr = BIO_ADDRINFO_address(a->addr_first);
    BIO_ADDR local;
    union BIO_sock_info_u info;

    if (!BIO_listen(b->num, addr, a->bind_mode)) {
        close_listener(b);
        return 0;
    }
    /* Ask the socket what it got: port 0 means the system picked one, and
       BIO_get_accept_port is how the program learns it. */
    info.addr = &local;
    if (!BIO_sock_info(b->num, BIO_SOCK_INFO_ADDRESS, &info))
        return 0;
    replace_owned(&a->local_name, BIO_ADDR_hostname_string(&local, 1));
    replace_owned(&a->local_serv, BIO_ADDR_service_string(&local, 1));
    return a->local_name != NULL && a->local_serv != NULL;
}

/* Accepts one connection and pushes its chain after b. Returns 1, or -1
   with the retry flags (BIO_RR_ACCEPT) when none is waiting on a
   non-blocking listener, or -1 on error. */
static int do_accept(BIO *b, acpt_data *a)
{
    BIO_ADDR peer;
    BIO *conn, *chain;
    int sock;

    BIO_clear_retry_flags(b);
    b->retry_reason = 0;
    sock = BIO_accept_ex(b->num, &peer, a->accepted_mode);
    if (sock < 0) {
        if (BIO_sock_should_retry(sock)) {
            BIO_set_retry_special(b);
            b->retry_reason = BIO_RR_ACCEPT;
        }
        return -1;
    }
    conn = BIO_new_socket(sock, BIO_CLOSE);
    if (conn == NULL) {
        close(sock);
        return -1;
    }
    chain = conn;
    if (a->bio_chain != NULL) {
        chain = BIO_dup_chain(a->bio_chain);
        if (chain == NULL) {
            BIO_free(conn);
            return -1;
        }
        BIO_push(chain, conn);
    }
    BIO_push(b, chain);
    replace_owned(&a->peer_name, BIO_ADDR_hostname_string(&peer, 1));
    replace_owned(&a->peer_serv, BIO_ADDR_service_string(&peer, 1));
    return 1;
}

static int acpt_state_machine(BIO *b, acpt_data *a)
{
    int af, sock;

    for (;;) {
        switch (a->state) {
        case ACPT_BEFORE:
            if (a->param_addr == NULL && a->param_serv == NULL) {
                ERR_raise_data(ERR_LIB_BIO, BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED,
                               "hostname=<NULL>, service=<NULL>");
                return -1;
            }
            a->state = ACPT_GET_ADDR;
            break;

        case ACPT_GET_ADDR:
            if (!mintls_bio_family_to_af(a->accept_family, &af))
                return -1;
            BIO_ADDRINFO_free(a->addr_first);
            a->addr_first = NULL;
            if (!BIO_lookup(a->param_addr, a->param_serv, BIO_LOOKUP_SERVER, af,
                            SOCK_STREAM, &a->addr_first))
                return -1;
            if (a->addr_first == NULL) {
                ERR_raise(ERR_LIB_BIO, BIO_R_LOOKUP_RETURNED_NOTHING);
                return -1;
            }
            a->state = ACPT_CREATE_SOCKET;
            break;

        case ACPT_CREATE_SOCKET:
            close_listener(b);
            sock = BIO_socket(BIO_ADDRINFO_family(a->addr_first),
                              BIO_ADDRINFO_socktype(a->addr_first),
                              BIO_ADDRINFO_protocol(a->addr_first), 0);
            if (sock == -1) {
                ERR_add_error_data(4, "hostname=", a->param_addr != NULL ? a->param_addr : "",
                                   " service=", a->param_serv != NULL ? a->param_serv : "");
                return -1;
            }
            b->num = sock;
            a->state = ACPT_LISTEN;
            break;

        case ACPT_LISTEN:
            if (!do_listen(b, a))
                return -1;
            /* Listening is the whole of the first BIO_do_accept. */
            a->state = ACPT_ACCEPT;
            return 1;

        case ACPT_ACCEPT:
            if (b->next_bio != NULL) { /* a connection not yet popped */
                a->state = ACPT_OK;
                break;
            }
            if (do_accept(b, a) <= 0)
                return -1;
            a->state = ACPT_OK;
            return 1;

        case ACPT_OK:
            if (b->next_bio == NULL) { /* popped: wait for the next one */
                a->state = ACPT_ACCEPT;
                break;
            }
            return 1;
        }
    }
}

/* --- the method ------------------------------------------------------- */

static int acpt_new(BIO *b)
{
    acpt_data *a = OPENSSL_zalloc(sizeof(*a));
    if (a == NULL) {
        ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
        return 0;
    }
    a->state = ACPT_BEFORE;
    a->accept_family = BIO_FAMILY_IPANY;
    b->ptr = a;
    b->num = -1;
    b->init = 0;
    b->shutdown = 1;
    return 1;
}

static int acpt_free(BIO *b)
{
    acpt_data *a = b->ptr;
    if (a == NULL)
        return 0;
    if (b->shutdown)
        close_listener(b);
    OPENSSL_free(a->param_addr);
    OPENSSL_free(a->param_serv);
    OPENSSL_free(a->local_name);
    OPENSSL_free(a->local_serv);
    OPENSSL_free(a->peer_name);
    OPENSSL_free(a->peer_serv);
    BIO_ADDRINFO_free(a->addr_first);
    BIO_free_all(a->bio_chain);
    OPENSSL_free(a);
    b->ptr = NULL;
    b->init = 0;
    b->flags = 0;
    return 1;
}

/* Waits for (or, non-blocking, asks for) a connection, then does I/O on
   the chain behind the accept BIO. */
static int acpt_ready(BIO *b)
{
    while (b->next_bio == NULL) {
        int ret = acpt_state_machine(b, b->ptr);
        if (ret <= 0)
            return ret;
    }
    return 1;
}

static int acpt_read(BIO *b, char *out, int outl)
{
    int ret = acpt_ready(b);
    if (ret <= 0)
        return ret;
    ret = BIO_read(b->next_bio, out, outl);
    BIO_clear_retry_flags(b);
    BIO_copy_next_retry(b);
    return ret;
}

static int acpt_write(BIO *b, const char *in, int inl)
{
    int ret = acpt_ready(b);
    if (ret <= 0)
        return ret;
    ret = BIO_write(b->next_bio, in, inl);
    BIO_clear_retry_flags(b);
    BIO_copy_next_retry(b);
    return ret;
}

static int acpt_puts(BIO *b, const char *str)
{
    size_t n = strlen(str);
    return acpt_write(b, str, n > 0x7fffffff ? 0x7fffffff : (int)n);
}

static long acpt_set(BIO *b, acpt_data *a, long which, void *ptr)
{
    char *copy;
    if (ptr == NULL) {
        /* Only the non-blocking switch has a meaning without a value. */
        if (which != 2)
            return 0;
        a->bind_mode &= ~BIO_SOCK_NONBLOCK;
        return 1;
    }
    switch (which) {
    case 0: /* "host:port"; a lone word is a port */
        b->init = 1;
        replace_owned(&a->param_addr, NULL);
        replace_owned(&a->param_serv, NULL);
        return BIO_parse_hostserv(ptr, &a->param_addr, &a->param_serv, BIO_PARSE_PRIO_SERV);
    case 1:
        b->init = 1;
        copy = OPENSSL_strdup(ptr);
        if (copy == NULL) {
            ERR_raise(ERR_LIB_BIO, ERR_R_MALLOC_FAILURE);
            return 0;
        }
        replace_owned(&a->param_serv, copy);
        return 1;
    case 2:
        a->bind_mode |= BIO_SOCK_NONBLOCK;
        return 1;
    case 3: /* the accept BIO now owns this chain */
        if (a->bio_chain != ptr)
            BIO_free_all(a->bio_chain);
        a->bio_chain = ptr;
        return 1;
    case 4:
        a->accept_family = *(int *)ptr;
        return 1;
    default:
        return 0;
    }
}

static long acpt_get(BIO *b, acpt_data *a, long which, void *ptr)
{
    const char *value;
    if (!b->init)
        return -1;
    switch (which) {
    case 0:
        value = a->local_name;
        break;
    case 1:
        value = a->local_serv;
        break;
    case 2:
        value = a->peer_name;
        break;
    case 3:
        value = a->peer_serv;
        break;
    case 4:
        switch (a->accept_family) {
        case BIO_FAMILY_IPV4:
        case BIO_FAMILY_IPV6:
        case BIO_FAMILY_IPANY:
            return a->accept_family;
        default:
            return -1;
        }
    default:
        return -1;
    }
    if (ptr == NULL)
        return -1;
    *(const char **)ptr = value;
    return 1;
}

static long acpt_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    acpt_data *a = b->ptr;
    switch (cmd) {
    case BIO_CTRL_RESET:
        close_listener(b);
        BIO_ADDRINFO_free(a->addr_first);
        a->addr_first = NULL;
        a->state = ACPT_BEFORE;
        b->flags = 0;
        return 0;
    case BIO_C_DO_STATE_MACHINE:
        return acpt_state_machine(b, a);
    case BIO_C_SET_ACCEPT:
        return acpt_set(b, a, num, ptr);
    case BIO_C_GET_ACCEPT:
        return acpt_get(b, a, num, ptr);
    case BIO_C_SET_NBIO:
        if (num != 0)
            a->accepted_mode |= BIO_SOCK_NONBLOCK;
        else
            a->accepted_mode &= ~BIO_SOCK_NONBLOCK;
        return 1;
    case BIO_C_SET_FD:
        /* An already listening socket: go straight to accepting. */
        close_listener(b);
        b->num = *(int *)ptr;
        b->shutdown = (int)num;
        b->init = 1;
        a->state = ACPT_ACCEPT;
        return 1;
    case BIO_C_GET_FD:
        if (!b->init)
            return -1;
        if (ptr != NULL)
            *(int *)ptr = b->num;
        return b->num;
    case BIO_C_SET_BIND_MODE:
        a->bind_mode = (int)num;
        return 1;
    case BIO_C_GET_BIND_MODE:
        return a->bind_mode;
    case BIO_CTRL_GET_CLOSE:
        return b->shutdown;
    case BIO_CTRL_SET_CLOSE:
        b->shutdown = (int)num;
        return 1;
    case BIO_CTRL_PENDING:
    case BIO_CTRL_WPENDING:
        return 0;
    case BIO_CTRL_FLUSH:
    case BIO_CTRL_DUP:
        return 1;
    default:
        return 0;
    }
}

static const BIO_METHOD accept_method = {
    .type = BIO_TYPE_ACCEPT,
    .name = "socket accept",
    .bwrite = mintls_bio_write_adapter,
    .bwrite_old = acpt_write,
    .bread = mintls_bio_read_adapter,
    .bread_old = acpt_read,
    .bputs = acpt_puts,
    .ctrl = acpt_ctrl,
    .create = acpt_new,
    .destroy = acpt_free,
};

const BIO_METHOD *BIO_s_accept(void)
{
    return &accept_method;
}

BIO *BIO_new_accept(const char *host_port)
{
    BIO *b = BIO_new(BIO_s_accept());
    if (b == NULL)
        return NULL;
    if (BIO_set_accept_name(b, host_port) <= 0) {
        BIO_free(b);
        return NULL;
    }
    return b;
}
