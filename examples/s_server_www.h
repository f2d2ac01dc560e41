/*
 * The HTTP side of s_server -www / -WWW: collects a request from the
 * decrypted stream, then hands out the reply a piece at a time so the
 * poll loop never blocks on a slow client or a large file.
 *   -www  answers any GET with "HTTP/1.0 200 ok" and a status page
 *         describing the TLS connection.
 *   -WWW  serves the file named by the request path, relative to the
 *         current directory; paths that could leave it are refused.
 */
#ifndef S_SERVER_WWW_H
#define S_SERVER_WWW_H

#include <stddef.h>
#include <stdio.h>
#include <openssl/ssl.h>

enum www_mode { WWW_OFF, WWW_STATUS, WWW_FILES };

#define WWW_MAX_REQUEST 8192

struct www_state {
    char request[WWW_MAX_REQUEST];
    size_t request_len;
    int replying;      /* the request is complete and a reply is queued */
    char *head;        /* headers (and the whole body for -www); malloc'd */
    size_t head_len, head_off;
    FILE *file;        /* -WWW: the body, still to be read */
};

/*
 * Feeds decrypted request bytes. Returns 1 once the request is complete
 * (or hopeless: then the reply is an error page) and a reply is queued,
 * 0 while more is needed, -1 when out of memory.
 */
int www_feed(struct www_state *w, enum www_mode mode, SSL *ssl,
             const char *data, size_t len);
/* Copies up to cap bytes of the queued reply into buf; 0 once it is all out. */
size_t www_next(struct www_state *w, char *buf, size_t cap);
void www_free(struct www_state *w);

#endif
