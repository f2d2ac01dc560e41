/*
 * Attaching the transport: SSL_set_bio and friends, and the file
 * descriptor shortcuts that wrap a socket BIO.
 *
 * Ownership follows OpenSSL: s->rbio and s->wbio each own one reference,
 * also when they are the same BIO (then the SSL holds two). SSL_set0_rbio
 * and SSL_set0_wbio take over the caller's reference; SSL_set_bio takes
 * one reference per distinct BIO it is given, with the special cases
 * documented in SSL_set_bio(3) for an unchanged side.
 */
#include "ssl_local.h"

void SSL_set0_rbio(SSL *s, BIO *rbio)
{
    BIO_free_all(s->rbio);
    s->rbio = rbio;
}

void SSL_set0_wbio(SSL *s, BIO *wbio)
{
    BIO_free_all(s->wbio);
    s->wbio = wbio;
}

void SSL_set_bio(SSL *s, BIO *rbio, BIO *wbio)
{
    /* The caller hands over one reference per distinct BIO; when both
       sides are the same BIO we need one more to own it twice. */
    if (rbio != NULL && rbio == wbio)
        BIO_up_ref(rbio);

    /* The read side stays: only the write side changes hands. */
    if (rbio == s->rbio) {
        SSL_set0_wbio(s, wbio);
        return;
    }
    /* The write side stays (and is not also the read side): the caller
       gave only one reference, for the new read side. */
    if (wbio == s->wbio && s->rbio != s->wbio) {
        SSL_set0_rbio(s, rbio);
        return;
    }
    SSL_set0_rbio(s, rbio);
    SSL_set0_wbio(s, wbio);
}

BIO *SSL_get_rbio(const SSL *s)
{
    return s->rbio;
}

BIO *SSL_get_wbio(const SSL *s)
{
    return s->wbio;
}

/* The descriptor under a BIO chain, or -1 (BIO_find_type reports a NULL chain). */
static int bio_fd(BIO *b)
{
    int fd = -1;
    BIO *d = BIO_find_type(b, BIO_TYPE_DESCRIPTOR);
    if (d != NULL)
        BIO_get_fd(d, &fd);
    return fd;
}

int SSL_get_rfd(const SSL *s)
{
    return bio_fd(s->rbio);
}

int SSL_get_wfd(const SSL *s)
{
    return bio_fd(s->wbio);
}

int SSL_get_fd(const SSL *s)
{
    return SSL_get_rfd(s);
}

/* A socket BIO on fd that does not close it: the program owns its descriptors. */
static BIO *socket_bio(int fd)
{
    BIO *b = BIO_new(BIO_s_socket());
    if (b == NULL) {
        ERR_raise(ERR_LIB_SSL, ERR_R_BUF_LIB);
        return NULL;
    }
    BIO_set_fd(b, fd, BIO_NOCLOSE);
    return b;
}

int SSL_set_fd(SSL *s, int fd)
{
    BIO *b = socket_bio(fd);
    if (b == NULL)
        return 0;
    SSL_set_bio(s, b, b);
    return 1;
}

/* The side not being set may already be a plain socket BIO on this fd: share it. */
static int is_socket_on(BIO *b, int fd)
{
    return b != NULL && BIO_method_type(b) == BIO_TYPE_SOCKET && bio_fd(b) == fd;
}

int SSL_set_rfd(SSL *s, int fd)
{
    if (is_socket_on(s->wbio, fd)) {
        BIO_up_ref(s->wbio);
        SSL_set0_rbio(s, s->wbio);
        return 1;
    }
    BIO *b = socket_bio(fd);
    if (b == NULL)
        return 0;
    SSL_set0_rbio(s, b);
    return 1;
}

int SSL_set_wfd(SSL *s, int fd)
{
    if (is_socket_on(s->rbio, fd)) {
        BIO_up_ref(s->rbio);
        SSL_set0_wbio(s, s->rbio);
        return 1;
    }
    BIO *b = socket_bio(fd);
    if (b == NULL)
        return 0;
    SSL_set0_wbio(s, b);
    return 1;
}
