/*
 * One s_server client connection, driven by the poll loop: a small state
 * machine over a non-blocking socket. Every step does only what the
 * socket allows right now, so a client that stalls or sends garbage holds
 * up nothing but itself.
 */
#ifndef S_SERVER_CONN_H
#define S_SERVER_CONN_H

#include <time.h>
#include <openssl/ssl.h>

#include "s_common.h"
#include "s_server_www.h"

struct server_cfg {
    enum www_mode www;
    const struct s_tls_opts *tls;
    int quiet, brief;
};

enum conn_state {
    CONN_HANDSHAKE,  /* SSL_accept not finished */
    CONN_OPEN,       /* exchanging application data */
    CONN_DRAIN,      /* close_notify sent; waiting for the client's EOF */
    CONN_DONE        /* to be closed and freed */
};

#define CONN_OUT_SIZE 16384

struct conn {
    int fd;
    SSL *ssl;
    int id;
    char peer[64];                 /* "address:port", for messages */
    enum conn_state state;
    short hs_events;               /* what the handshake waits for */
    int read_wants_write, write_wants_write;
    int peer_closed;               /* the client's close_notify has arrived */
    time_t deadline;               /* 0: none */
    char out[CONN_OUT_SIZE];       /* bytes being written; stable across retries */
    size_t out_len, out_off;
    struct www_state www;
};

struct conn *conn_new(int fd, SSL *ssl, int id, const char *peer);
void conn_free(struct conn *c);
/* The poll events c waits for. */
short conn_events(const struct conn *c);
/* Advances c as far as its socket allows (also on a timeout). */
void conn_step(struct conn *c, const struct server_cfg *cfg, time_t now);
/* True when c can take more data to send (established, nothing queued). */
int conn_can_queue(const struct conn *c);
/* Queues len (<= CONN_OUT_SIZE) bytes to c and starts sending them. */
void conn_queue(struct conn *c, const struct server_cfg *cfg, const char *data, size_t len);

#endif
