/*
 * The per-connection state machine of s_server (see s_server_conn.h).
 */
#include "s_server_conn.h"
#include "s_common.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

/* How long a client may take over its handshake or (-www/-WWW) request. */
#define HANDSHAKE_SECONDS 30
#define REQUEST_SECONDS 30
/* How long we wait for the client's EOF after our close_notify. */
#define DRAIN_SECONDS 5

struct conn *conn_new(int fd, SSL *ssl, int id, const char *peer)
{
    struct conn *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->fd = fd;
    c->ssl = ssl;
    c->id = id;
    snprintf(c->peer, sizeof(c->peer), "%s", peer);
    c->state = CONN_HANDSHAKE;
    c->hs_events = POLLIN;
    c->deadline = time(NULL) + HANDSHAKE_SECONDS;
    return c;
}

void conn_free(struct conn *c)
{
    if (c == NULL)
        return;
    www_free(&c->www);
    SSL_free(c->ssl);
    close(c->fd);
    free(c);
}

short conn_events(const struct conn *c)
{
    switch (c->state) {
    case CONN_HANDSHAKE:
        return c->hs_events;
    case CONN_OPEN:
        if (c->peer_closed)
            return POLLOUT;
        return POLLIN | (c->read_wants_write || c->write_wants_write ? POLLOUT : 0);
    case CONN_DRAIN:
        return POLLIN;
    default:
        return 0;
    }
}

static void fail(struct conn *c, const char *what)
{
    s_error("connection %d from %s: %s", c->id, c->peer, what);
    c->state = CONN_DONE;
}

/* Sends close_notify, half-closes the socket, then waits for the client's
   EOF so our last bytes are not lost to a reset. */
static void start_close(struct conn *c, time_t now)
{
    SSL_shutdown(c->ssl);
    ERR_clear_error();
    shutdown(c->fd, SHUT_WR);
    c->state = CONN_DRAIN;
    c->deadline = now + DRAIN_SECONDS;
}

static void announce(struct conn *c, const struct server_cfg *cfg)
{
    const SSL_CIPHER *cipher = SSL_get_current_cipher(c->ssl);

    if (cfg->brief) {
        fprintf(stderr, "connection %d from %s:\n", c->id, c->peer);
        s_print_brief(stderr, c->ssl, 0);
    } else if (!cfg->quiet) {
        fprintf(stderr, "%s: connection %d from %s: %s, %s\n", s_prog, c->id, c->peer,
                SSL_get_version(c->ssl), cipher != NULL ? SSL_CIPHER_get_name(cipher) : "?");
    }
    fflush(stderr);
}

static void handshake(struct conn *c, const struct server_cfg *cfg, time_t now)
{
    int r = SSL_accept(c->ssl);

    if (r == 1) {
        if (!s_version_ok(c->ssl, cfg->tls)) {
            fail(c, "refused");
            return;
        }
        c->state = CONN_OPEN;
        c->deadline = cfg->www != WWW_OFF ? now + REQUEST_SECONDS : 0;
        announce(c, cfg);
        return;
    }
    switch (SSL_get_error(c->ssl, r)) {
    case SSL_ERROR_WANT_READ:
        c->hs_events = POLLIN;
        break;
    case SSL_ERROR_WANT_WRITE:
        c->hs_events = POLLOUT;
        break;
    case SSL_ERROR_SYSCALL:
        if (ERR_peek_error() == 0) {
            fail(c, errno != 0 && errno != EAGAIN
                        ? "client closed the connection during the handshake (reset)"
                        : "client closed the connection during the handshake");
            break;
        }
        /* fall through */
    default:
        fail(c, "TLS handshake failed");
        break;
    }
}

/* Reads all the library can give now; the data goes to stdout or -www/-WWW. */
static void read_some(struct conn *c, const struct server_cfg *cfg, time_t now)
{
    char buf[16384];

    c->read_wants_write = 0;
    while (c->state == CONN_OPEN && !c->peer_closed) {
        size_t n = 0;
        int r = SSL_read_ex(c->ssl, buf, sizeof(buf), &n);
        if (r > 0) {
            if (cfg->www == WWW_OFF) {
                fwrite(buf, 1, n, stdout);
                fflush(stdout);
            } else if (www_feed(&c->www, cfg->www, c->ssl, buf, n) < 0) {
                fail(c, "out of memory");
            }
            continue;
        }
        switch (SSL_get_error(c->ssl, r)) {
        case SSL_ERROR_WANT_READ:
            return;
        case SSL_ERROR_WANT_WRITE:
            c->read_wants_write = 1;
            return;
        case SSL_ERROR_ZERO_RETURN:
            if (!cfg->quiet)
                fprintf(stderr, "%s: connection %d from %s: closed by the client\n",
                        s_prog, c->id, c->peer);
            /* A client may close its side right after its request (as
               gnutls-cli does at end of input): answer it first. */
            c->peer_closed = 1;
            if (!c->www.replying)
                start_close(c, now);
            return;
        case SSL_ERROR_SYSCALL:
            if (ERR_peek_error() == 0) {
                fail(c, "client closed the connection without close_notify");
                return;
            }
            /* fall through */
        default:
            fail(c, "read failed");
            return;
        }
    }
}

/* Writes the queued bytes, refilling from the -www/-WWW reply as it goes. */
static void write_some(struct conn *c, const struct server_cfg *cfg, time_t now)
{
    c->write_wants_write = 0;
    while (c->state == CONN_OPEN) {
        size_t done = 0;
        int r;

        if (c->out_off == c->out_len) {
            c->out_off = c->out_len = 0;
            if (cfg->www == WWW_OFF || !c->www.replying)
                return;
            c->out_len = www_next(&c->www, c->out, sizeof(c->out));
            if (c->out_len == 0) {
                start_close(c, now);  /* HTTP/1.0: the reply ends with the connection */
                return;
            }
        }
        r = SSL_write_ex(c->ssl, c->out + c->out_off, c->out_len - c->out_off, &done);
        if (r > 0) {
            c->out_off += done;
            continue;
        }
        switch (SSL_get_error(c->ssl, r)) {
        case SSL_ERROR_WANT_WRITE:
            c->write_wants_write = 1;
            return;
        case SSL_ERROR_WANT_READ:
            return;
        default:
            fail(c, "write failed");
            return;
        }
    }
}

static void drain(struct conn *c)
{
    char buf[4096];

    for (;;) {
        ssize_t n = read(c->fd, buf, sizeof(buf));
        if (n > 0)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        c->state = CONN_DONE;
        return;
    }
}

void conn_step(struct conn *c, const struct server_cfg *cfg, time_t now)
{
    ERR_clear_error();
    errno = 0;
    if (c->deadline != 0 && now >= c->deadline) {
        if (c->state == CONN_DRAIN)
            c->state = CONN_DONE;
        else
            fail(c, c->state == CONN_HANDSHAKE ? "timed out during the handshake"
                                               : "timed out waiting for the request");
        return;
    }
    if (c->state == CONN_HANDSHAKE)
        handshake(c, cfg, now);
    if (c->state == CONN_OPEN) {
        read_some(c, cfg, now);
        write_some(c, cfg, now);
    }
    if (c->state == CONN_DRAIN)
        drain(c);
}

int conn_can_queue(const struct conn *c)
{
    return c->state == CONN_OPEN && c->out_off == c->out_len;
}

void conn_queue(struct conn *c, const struct server_cfg *cfg, const char *data, size_t len)
{
    if (len > sizeof(c->out))
        len = sizeof(c->out);
    memcpy(c->out, data, len);
    c->out_off = 0;
    c->out_len = len;
    write_some(c, cfg, time(NULL));
}
