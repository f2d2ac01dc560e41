/*
 * s_client: a TLS client in the manner of `openssl s_client`. It connects,
 * runs the handshake, prints what was negotiated, then copies standard
 * input to the server and the server's data to standard output.
 * Written against the OpenSSL API only (built against mintls and, as
 * s_client_openssl, against the system OpenSSL).
 */
#include "s_common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509.h>

struct client_args {
    const char *connect;       /* host:port */
    const char *servername;    /* SNI to send; NULL: the host unless an address */
    int noservername;
    const char *ca_file, *ca_path;
    int verify_return_error;
    const char *verify_hostname;
    const char *cert, *key;
    int brief, quiet, ign_eof, nocommands;
    struct s_tls_opts tls;
};

static struct client_args args;

static void usage(void)
{
    fprintf(stderr,
        "usage: %s [options]\n"
        " -connect host:port     server to connect to (default localhost:4433)\n"
        " -servername name       SNI name to send (default: the host name)\n"
        " -noservername          send no SNI\n"
        " -CAfile file, -CApath dir   trust anchors\n"
        " -verify_return_error   abort the handshake when verification fails\n"
        " -verify_hostname name  check the certificate matches name\n"
        " -cert file, -key file  client certificate and key (mutual TLS)\n"
        " -tls1_3, -tls1_2       use only that protocol version\n"
        " -ciphersuites list     TLS 1.3 cipher suites\n"
        " -cipher list           TLS 1.2 ciphers\n"
        " -groups list           key exchange groups, preferred first\n"
        " -alpn list             comma-separated ALPN protocols to offer\n"
        " -keylogfile file       append NSS key log lines to file\n"
        " -brief                 print only a short connection summary\n"
        " -quiet                 print no summary (implies -ign_eof)\n"
        " -ign_eof               keep reading after end of standard input\n"
        " -nocommands            do not treat Q / k / K input lines as commands\n"
        " -sess_out, -sess_in, -reconnect   not supported yet (need resumption)\n",
        s_prog);
}

static int parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        const char **slot = NULL;
        int r = s_tls_opts_flag(&args.tls, argc, argv, &i);

        if (r < 0)
            return 0;
        if (r > 0)
            continue;
        if (strcmp(f, "-connect") == 0)
            slot = &args.connect;
        else if (strcmp(f, "-servername") == 0)
            slot = &args.servername;
        else if (strcmp(f, "-CAfile") == 0)
            slot = &args.ca_file;
        else if (strcmp(f, "-CApath") == 0)
            slot = &args.ca_path;
        else if (strcmp(f, "-verify_hostname") == 0)
            slot = &args.verify_hostname;
        else if (strcmp(f, "-cert") == 0)
            slot = &args.cert;
        else if (strcmp(f, "-key") == 0)
            slot = &args.key;
        else if (strcmp(f, "-noservername") == 0)
            args.noservername = 1;
        else if (strcmp(f, "-verify_return_error") == 0)
            args.verify_return_error = 1;
        else if (strcmp(f, "-brief") == 0)
            args.brief = 1;
        else if (strcmp(f, "-quiet") == 0)
            args.quiet = args.ign_eof = 1;
        else if (strcmp(f, "-ign_eof") == 0)
            args.ign_eof = 1;
        else if (strcmp(f, "-no_ign_eof") == 0)
            args.ign_eof = 0;
        else if (strcmp(f, "-nocommands") == 0)
            args.nocommands = 1;
        else if (strcmp(f, "-help") == 0 || strcmp(f, "-h") == 0) {
            usage();
            exit(0);
        } else {
            s_error("unknown option %s (try -help)", f);
            return 0;
        }
        if (slot != NULL && (*slot = s_flag_value(argc, argv, &i)) == NULL)
            return 0;
    }
    if (args.servername != NULL && args.noservername) {
        s_error("-servername and -noservername cannot be used together");
        return 0;
    }
    if (args.key != NULL && args.cert == NULL) {
        s_error("-key needs -cert");
        return 0;
    }
    return 1;
}

/* Runs the verification callback: logs each step like openssl does and
   lets the handshake go on unless -verify_return_error was given. */
static int verify_cb(int ok, X509_STORE_CTX *store)
{
    if (!args.quiet && !args.brief) {
        X509 *cert = X509_STORE_CTX_get_current_cert(store);
        fprintf(stderr, "depth=%d ", X509_STORE_CTX_get_error_depth(store));
        if (cert != NULL) {
            fflush(stderr);
            X509_NAME_print_ex_fp(stderr, X509_get_subject_name(cert), 0, XN_FLAG_ONELINE);
        }
        fprintf(stderr, "\n");
        if (!ok) {
            int err = X509_STORE_CTX_get_error(store);
            fprintf(stderr, "verify error:num=%d:%s\n", err, X509_verify_cert_error_string(err));
        }
        fprintf(stderr, "verify return:%d\n", ok || !args.verify_return_error);
    }
    return ok || !args.verify_return_error;
}

static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, err = 0, gai;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0) {
        s_error("cannot resolve %s: %s", host, gai_strerror(gai));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            /* Each write is a whole TLS record or flight: send it now rather
               than wait for the peer's delayed ACK (Nagle). */
            int one = 1;
            (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        s_error("cannot connect to %s:%s: %s", host, port, strerror(err));
    return fd;
}

/* Waits until the socket can do what the last SSL call wanted. */
static int wait_for(int fd, SSL *ssl, int ret)
{
    struct pollfd p = {fd, 0, 0};
    int e = SSL_get_error(ssl, ret);

    if (e == SSL_ERROR_WANT_READ)
        p.events = POLLIN;
    else if (e == SSL_ERROR_WANT_WRITE)
        p.events = POLLOUT;
    else
        return e;
    while (poll(&p, 1, -1) < 0)
        if (errno != EINTR)
            return SSL_ERROR_SYSCALL;
    return SSL_ERROR_NONE;
}

static int is_ip_literal(const char *host)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

static void print_session(SSL *ssl)
{
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    X509 *peer = SSL_get1_peer_certificate(ssl);
    const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
    const unsigned char *alpn = NULL;
    unsigned int alpn_len = 0;
    char buf[64];
    const char *group = s_group_description(ssl, buf, sizeof(buf));
    long v = SSL_get_verify_result(ssl);

    printf("---\nCertificate chain\n");
    for (int i = 0; chain != NULL && i < sk_X509_num(chain); i++) {
        X509 *x = sk_X509_value(chain, i);
        printf("%2d s:", i);
        fflush(stdout);
        X509_NAME_print_ex_fp(stdout, X509_get_subject_name(x), 0, XN_FLAG_ONELINE);
        printf("\n   i:");
        fflush(stdout);
        X509_NAME_print_ex_fp(stdout, X509_get_issuer_name(x), 0, XN_FLAG_ONELINE);
        printf("\n");
    }
    printf("---\n");
    if (peer != NULL) {
        EVP_PKEY *pk = X509_get0_pubkey(peer);
        if (pk != NULL)
            printf("Server public key is %d bit\n", EVP_PKEY_get_bits(pk));
        X509_free(peer);
    }
    printf("New, %s, Cipher is %s\n", SSL_get_version(ssl),
           c != NULL ? SSL_CIPHER_get_name(c) : "(NONE)");
    if (group != NULL)
        printf("Server Temp Key: %s\n", group);
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    if (alpn_len > 0)
        printf("ALPN protocol: %.*s\n", (int)alpn_len, (const char *)alpn);
    else
        printf("No ALPN negotiated\n");
    printf("Verify return code: %ld (%s)\n---\n", v, X509_verify_cert_error_string(v));
    fflush(stdout);
}

/* Writes all of buf, waiting on the socket as the library asks. */
static int write_all(int fd, SSL *ssl, const char *buf, size_t len)
{
    while (len > 0) {
        size_t done = 0;
        int r = SSL_write_ex(ssl, buf, len, &done);
        if (r > 0) {
            buf += done;
            len -= done;
            continue;
        }
        if (wait_for(fd, ssl, r) != SSL_ERROR_NONE) {
            s_error("write to the server failed");
            return 0;
        }
    }
    return 1;
}

/* Drains whatever the library can read now; -1 error, 0 closed, 1 open. */
static int drain_reads(SSL *ssl)
{
    char buf[16384];

    for (;;) {
        size_t n = 0;
        int r = SSL_read_ex(ssl, buf, sizeof(buf), &n);
        if (r > 0) {
            if (fwrite(buf, 1, n, stdout) != n)
                return -1;
            fflush(stdout);
            continue;
        }
        switch (SSL_get_error(ssl, r)) {
        case SSL_ERROR_WANT_READ:
        case SSL_ERROR_WANT_WRITE:
            return 1;
        case SSL_ERROR_ZERO_RETURN:
            if (!args.quiet)
                fprintf(stderr, "closed\n");
            return 0;
        case SSL_ERROR_SYSCALL:
            if (ERR_peek_error() == 0) {
                s_error("the server closed the connection without close_notify%s%s",
                        errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
                return -1;
            }
            /* fall through */
        default:
            s_error("read from the server failed");
            return -1;
        }
    }
}

/* Copies stdin to the server and the server to stdout until one ends. */
static int relay(int fd, SSL *ssl)
{
    int stdin_open = 1;

    for (;;) {
        struct pollfd p[2] = {{fd, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        int r;

        if (SSL_pending(ssl) > 0 || SSL_has_pending(ssl))
            p[0].revents = POLLIN;
        else if (poll(p, stdin_open ? 2 : 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            s_error("poll: %s", strerror(errno));
            return 1;
        }
        if (p[0].revents != 0) {
            r = drain_reads(ssl);
            if (r <= 0)
                return r < 0;
        }
        if (stdin_open && p[1].revents != 0) {
            char buf[16384];
            ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                if (args.ign_eof) {
                    stdin_open = 0;
                    continue;
                }
                if (!args.quiet)
                    fprintf(stderr, "DONE\n");
                SSL_shutdown(ssl);
                return 0;
            }
            if (!args.nocommands && !args.ign_eof && n == 2 && buf[1] == '\n') {
                if (buf[0] == 'Q') {
                    fprintf(stderr, "DONE\n");
                    SSL_shutdown(ssl);
                    return 0;
                }
                if (buf[0] == 'k' || buf[0] == 'K') {
                    fprintf(stderr, "KEYUPDATE\n");
                    if (!SSL_key_update(ssl, buf[0] == 'K' ? SSL_KEY_UPDATE_REQUESTED
                                                           : SSL_KEY_UPDATE_NOT_REQUESTED))
                        s_print_errors();
                    /* Sends the KeyUpdate now rather than with the next data. */
                    if (SSL_do_handshake(ssl) != 1)
                        s_print_errors();
                    continue;
                }
            }
            if (!write_all(fd, ssl, buf, (size_t)n))
                return 1;
        }
    }
}

static SSL_CTX *make_ctx(void)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());

    if (ctx == NULL) {
        s_error("cannot create a TLS context");
        return NULL;
    }
    if (!s_tls_opts_apply(ctx, &args.tls) || !s_load_trust(ctx, args.ca_file, args.ca_path)
        || (args.cert != NULL && !s_load_cert_key(ctx, args.cert, args.key))) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    if (args.tls.alpn != NULL) {
        unsigned int len;
        unsigned char *wire = s_alpn_wire(args.tls.alpn, &len);
        int bad = wire == NULL || SSL_CTX_set_alpn_protos(ctx, wire, len) != 0;
        free(wire);
        if (bad) {
            s_error("-alpn: cannot offer \"%s\"", args.tls.alpn);
            SSL_CTX_free(ctx);
            return NULL;
        }
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
    return ctx;
}

static int handshake(int fd, SSL *ssl, const char *host, const char *port)
{
    for (;;) {
        int r = SSL_connect(ssl);
        int e;
        if (r == 1)
            return 1;
        e = wait_for(fd, ssl, r);
        if (e == SSL_ERROR_NONE)
            continue;
        {
            long v = SSL_get_verify_result(ssl);
            if (v != X509_V_OK)
                fprintf(stderr, "%s: certificate verification failed: %s\n", s_prog,
                        X509_verify_cert_error_string(v));
        }
        if (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)
            s_error("TLS handshake with %s:%s failed: the server closed the connection%s%s",
                    host, port, errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
        else
            s_error("TLS handshake with %s:%s failed", host, port);
        return 0;
    }
}

int main(int argc, char **argv)
{
    char host[256], port[16];
    const char *sni;
    SSL_CTX *ctx;
    SSL *ssl;
    int fd, rc = 1;

    s_prog = "s_client";
    signal(SIGPIPE, SIG_IGN);
    if (!parse_args(argc, argv))
        return 1;
    if (!s_split_host_port(args.connect != NULL ? args.connect : "localhost:4433", "localhost",
                           host, sizeof(host), port, sizeof(port))) {
        s_error("-connect: \"%s\" is not host:port", args.connect);
        return 1;
    }
    if ((ctx = make_ctx()) == NULL)
        return 1;
    if ((fd = tcp_connect(host, port)) < 0) {
        SSL_CTX_free(ctx);
        return 1;
    }
    if (!args.quiet && !args.brief)
        printf("CONNECTED(%08X)\n", (unsigned)fd);
    fflush(stdout);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    ssl = SSL_new(ctx);
    if (ssl == NULL || !SSL_set_fd(ssl, fd)) {
        s_error("cannot create the connection");
        goto done;
    }
    sni = args.servername;
    if (sni == NULL && !args.noservername && !is_ip_literal(host))
        sni = host;
    if (sni != NULL && !SSL_set_tlsext_host_name(ssl, sni)) {
        s_error("-servername: cannot send \"%s\"", sni);
        goto done;
    }
    if (args.verify_hostname != NULL && !SSL_set1_host(ssl, args.verify_hostname)) {
        s_error("-verify_hostname: cannot check \"%s\"", args.verify_hostname);
        goto done;
    }
    if (!handshake(fd, ssl, host, port))
        goto done;
    if (!s_version_ok(ssl, &args.tls)) {
        SSL_shutdown(ssl);
        goto done;
    }
    if (args.brief)
        s_print_brief(stderr, ssl, 1);
    else if (!args.quiet)
        print_session(ssl);
    rc = relay(fd, ssl);
done:
    SSL_free(ssl);
    close(fd);
    SSL_CTX_free(ctx);
    return rc;
}
