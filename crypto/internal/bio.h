/* mintls: the BIO object and method tables shared by crypto/bio_*.c. */
#ifndef MINTLS_INTERNAL_BIO_H
#define MINTLS_INTERNAL_BIO_H

#include <openssl/bio.h>
#include <stdatomic.h>
#include <stdint.h>

struct bio_method_st {
    int type;
    char *name;
    /* The size_t forms are what BIO_read/BIO_write call; an int-style
       callback set with BIO_meth_set_read/write is reached through an
       adapter and kept in the *_old slot so the getters return it. */
    int (*bwrite)(BIO *, const char *, size_t, size_t *);
    int (*bwrite_old)(BIO *, const char *, int);
    int (*bread)(BIO *, char *, size_t, size_t *);
    int (*bread_old)(BIO *, char *, int);
    int (*bputs)(BIO *, const char *);
    int (*bgets)(BIO *, char *, int);
    long (*ctrl)(BIO *, int, long, void *);
    int (*create)(BIO *);
    int (*destroy)(BIO *);
    long (*callback_ctrl)(BIO *, int, BIO_info_cb *);
};

struct bio_st {
    const BIO_METHOD *method;
    int init;
    int shutdown;
    int flags;
    int retry_reason;
    int num;
    void *ptr;
    BIO *next_bio;
    BIO *prev_bio;
    atomic_int references;
    uint64_t num_read;
    uint64_t num_write;
};

/* Adapters for built-in methods written with int-style callbacks. */
int mintls_bio_read_adapter(BIO *b, char *data, size_t len, size_t *out_read);
int mintls_bio_write_adapter(BIO *b, const char *data, size_t len, size_t *out_written);

/* Reads / writes b->num (a socket: send without SIGPIPE; else write) and
   sets b's retry flags as OpenSSL's socket and fd BIOs do (bio_sock.c). */
int mintls_bio_fd_read(BIO *b, char *out, int outl);
int mintls_bio_fd_write(BIO *b, const char *in, int inl, int is_socket);

#endif
