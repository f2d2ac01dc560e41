/*
 * s_server: a TLS server in the manner of `openssl s_server`, serving many
 * clients at once from one poll() loop over non-blocking sockets. Without
 * -www/-WWW, what clients send goes to standard output and standard input
 * goes to every connected client. Written against the OpenSSL API only
 * (built against mintls and, as s_server_openssl, the system OpenSSL).
 */
#include "s_common.h"
#include "s_server_conn.h"

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
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#define MAX_CONNS 1000

struct server_args {
    const char *accept;           /* [host:]port */
    const char *cert, *key;
    const char *servername;       /* -servername: the SNI name that selects cert2 */
    const char *cert2, *key2;
    const char *ca_file, *ca_path;
    int verify_mode, verify_depth;
    int naccept;                  /* -1: forever */
    struct s_tls_opts tls;
    struct server_cfg cfg;
};

static struct server_args args = {.naccept = -1, .verify_mode = SSL_VERIFY_NONE};
static unsigned char *alpn_wire;
static unsigned int alpn_wire_len;
static SSL_CTX *sni_ctx;

static void usage(void)
{
    fprintf(stderr,
        "usage: %s [options]\n"
        " -accept [host:]port    where to listen (default 4433)\n"
        " -cert file, -key file  server certificate chain and key (default server.pem)\n"
        " -servername name       with -cert2/-key2: the SNI name that selects them\n"
        " -cert2 file, -key2 file  the certificate used for -servername\n"
        " -CAfile file, -CApath dir  trust anchors for client certificates\n"
        " -verify n              ask for a client certificate (depth n)\n"
        " -Verify n              require a client certificate (depth n)\n"
        " -www                   answer GET with a status page\n"
        " -WWW                   serve files under the current directory\n"
        " -tls1_3, -tls1_2       use only that protocol version\n"
        " -ciphersuites list     TLS 1.3 cipher suites\n"
        " -cipher list           TLS 1.2 ciphers\n"
        " -groups list           key exchange groups, preferred first\n"
        " -alpn list             comma-separated ALPN protocols to accept\n"
        " -naccept n             exit after n connections\n"
        " -keylogfile file       append NSS key log lines to file\n"
        " -brief                 print a short summary of each connection\n"
        " -quiet                 print no connection messages\n",
        s_prog);
}

static int parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i], *v;
        const char **slot = NULL;
        int r = s_tls_opts_flag(&args.tls, argc, argv, &i);

        if (r < 0)
            return 0;
        if (r > 0)
            continue;
        if (strcmp(f, "-accept") == 0 || strcmp(f, "-port") == 0)
            slot = &args.accept;
        else if (strcmp(f, "-cert") == 0)
            slot = &args.cert;
        else if (strcmp(f, "-key") == 0)
            slot = &args.key;
        else if (strcmp(f, "-servername") == 0)
            slot = &args.servername;
        else if (strcmp(f, "-cert2") == 0)
            slot = &args.cert2;
        else if (strcmp(f, "-key2") == 0)
            slot = &args.key2;
        else if (strcmp(f, "-CAfile") == 0)
            slot = &args.ca_file;
        else if (strcmp(f, "-CApath") == 0)
            slot = &args.ca_path;
        else if (strcmp(f, "-verify") == 0 || strcmp(f, "-Verify") == 0) {
            if ((v = s_flag_value(argc, argv, &i)) == NULL
                || !s_parse_int(f, v, 0, 100, &args.verify_depth))
                return 0;
            args.verify_mode = SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE;
            if (f[1] == 'V')
                args.verify_mode |= SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
        } else if (strcmp(f, "-naccept") == 0) {
            if ((v = s_flag_value(argc, argv, &i)) == NULL
                || !s_parse_int(f, v, 1, 1000000000, &args.naccept))
                return 0;
        } else if (strcmp(f, "-www") == 0)
            args.cfg.www = WWW_STATUS;
        else if (strcmp(f, "-WWW") == 0)
            args.cfg.www = WWW_FILES;
        else if (strcmp(f, "-brief") == 0)
            args.cfg.brief = 1;
        else if (strcmp(f, "-quiet") == 0)
            args.cfg.quiet = 1;
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
    if ((args.cert2 != NULL) != (args.servername != NULL)) {
        s_error("-servername and -cert2 go together");
        return 0;
    }
    return 1;
}

static int alpn_select(SSL *ssl, const unsigned char **out, unsigned char *out_len,
                       const unsigned char *in, unsigned int in_len, void *arg)
{
    unsigned char *chosen = NULL;

    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&chosen, out_len, alpn_wire, alpn_wire_len, in, in_len)
        != OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

/* With -servername/-cert2, a matching SNI name switches to the second
   certificate; any name is accepted either way. */
static int servername_cb(SSL *ssl, int *alert, void *arg)
{
    const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);

    (void)alert;
    (void)arg;
    if (name != NULL && sni_ctx != NULL && strcasecmp(name, args.servername) == 0)
        SSL_set_SSL_CTX(ssl, sni_ctx);
    return SSL_TLSEXT_ERR_OK;
}

static SSL_CTX *make_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        s_error("cannot create a TLS context");
        return NULL;
    }
    if (!s_tls_opts_apply(ctx, &args.tls) || !s_load_cert_key(ctx, cert, key))
        goto err;
    if (args.verify_mode != SSL_VERIFY_NONE) {
        if (!s_load_trust(ctx, args.ca_file, args.ca_path))
            goto err;
        if (args.ca_file != NULL) {
            STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(args.ca_file);
            if (names == NULL) {
                s_error("cannot read CA names from %s", args.ca_file);
                goto err;
            }
            SSL_CTX_set_client_CA_list(ctx, names);
        }
        SSL_CTX_set_verify(ctx, args.verify_mode, NULL);
        SSL_CTX_set_verify_depth(ctx, args.verify_depth);
    }
    if (alpn_wire != NULL)
        SSL_CTX_set_alpn_select_cb(ctx, alpn_select, NULL);
    SSL_CTX_set_tlsext_servername_callback(ctx, servername_cb);
    return ctx;
err:
    SSL_CTX_free(ctx);
    return NULL;
}

static int listen_on(const char *spec)
{
    char host[256], port[16];
    struct addrinfo hints, *res, *ai;
    int fd = -1, err = 0, gai, one = 1;

    if (!s_split_host_port(spec, "", host, sizeof(host), port, sizeof(port))) {
        s_error("-accept: \"%s\" is not [host:]port", spec);
        return -1;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    gai = getaddrinfo(host[0] != '\0' ? host : NULL, port, &hints, &res);
    if (gai != 0) {
        s_error("-accept: cannot resolve %s: %s", spec, gai_strerror(gai));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (ai->ai_family == AF_INET6) {
            int zero = 0; /* the wildcard address serves IPv4 as well */
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
        }
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 128) == 0)
            break;
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        s_error("cannot listen on %s: %s", spec, strerror(err));
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

static void peer_name(const struct sockaddr_storage *ss, char *buf, size_t len)
{
    char addr[INET6_ADDRSTRLEN] = "?";
    int port = 0;

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &in->sin_addr, addr, sizeof(addr));
        port = ntohs(in->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &in6->sin6_addr, addr, sizeof(addr));
        port = ntohs(in6->sin6_port);
    }
    snprintf(buf, len, "%s:%d", addr, port);
}

static struct conn *conns[MAX_CONNS];
static int nconns, accepted;

/* Accepts every pending connection; returns 0 once -naccept is reached. */
static int accept_all(int lfd, SSL_CTX *ctx)
{
    while (nconns < MAX_CONNS && (args.naccept < 0 || accepted < args.naccept)) {
        struct sockaddr_storage ss;
        socklen_t sl = sizeof(ss);
        char peer[64];
        SSL *ssl;
        int fd = accept(lfd, (struct sockaddr *)&ss, &sl);

        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
                && errno != ECONNABORTED)
                fprintf(stderr, "%s: accept: %s\n", s_prog, strerror(errno));
            return 1;
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        /* Whole records and flights per write: no Nagle delay (see s_client.c). */
        int one = 1;
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
        peer_name(&ss, peer, sizeof(peer));
        accepted++;
        ssl = SSL_new(ctx);
        if (ssl == NULL || !SSL_set_fd(ssl, fd)) {
            s_error("connection from %s: cannot set up TLS", peer);
            SSL_free(ssl);
            close(fd);
            continue;
        }
        SSL_set_accept_state(ssl);
        conns[nconns] = conn_new(fd, ssl, accepted, peer);
        if (conns[nconns] == NULL) {
            SSL_free(ssl);
            close(fd);
            continue;
        }
        conn_step(conns[nconns], &args.cfg, time(NULL));
        nconns++;
    }
    return args.naccept < 0 || accepted < args.naccept;
}

/* Without -www/-WWW, a chunk of standard input goes to every client; we read
   stdin only when a client is connected and all have taken the last chunk. */
static int stdin_ready_to_read(void)
{
    int open = 0;

    for (int i = 0; i < nconns; i++) {
        if (conns[i]->state == CONN_OPEN && !conn_can_queue(conns[i]))
            return 0;
        open += conns[i]->state == CONN_OPEN;
    }
    return open > 0;  /* input typed before anyone connects waits for them */
}

static int broadcast_stdin(void)
{
    char buf[CONN_OUT_SIZE];
    ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (n <= 0)
        return 0;  /* stdin closed: keep serving, stop reading it */
    for (int i = 0; i < nconns; i++)
        if (conn_can_queue(conns[i]))
            conn_queue(conns[i], &args.cfg, buf, (size_t)n);
    return 1;
}

static void serve(int lfd, SSL_CTX *ctx)
{
    static struct pollfd p[MAX_CONNS + 2];
    int listening = 1, stdin_open = args.cfg.www == WWW_OFF;

    while (listening || nconns > 0) {
        int np = 0, lslot = -1, islot = -1;
        time_t now;

        if (listening && nconns < MAX_CONNS) {
            p[np] = (struct pollfd){lfd, POLLIN, 0};
            lslot = np++;
        }
        if (stdin_open && stdin_ready_to_read()) {
            p[np] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
            islot = np++;
        }
        for (int i = 0; i < nconns; i++)
            p[np++] = (struct pollfd){conns[i]->fd, conn_events(conns[i]), 0};
        if (poll(p, (nfds_t)np, 1000) < 0 && errno != EINTR) {
            s_error("poll: %s", strerror(errno));
            return;
        }
        now = time(NULL);
        for (int i = 0, slot = np - nconns; i < nconns; i++, slot++)
            if (p[slot].revents != 0 || (conns[i]->deadline != 0 && now >= conns[i]->deadline))
                conn_step(conns[i], &args.cfg, now);
        if (islot >= 0 && p[islot].revents != 0)
            stdin_open = broadcast_stdin();
        /* Drop finished connections, keeping the order of the rest. */
        for (int i = 0, j = 0, n = nconns; i < n; i++) {
            if (conns[i]->state == CONN_DONE) {
                conn_free(conns[i]);
                nconns--;
            } else {
                conns[j++] = conns[i];
            }
        }
        if (lslot >= 0 && p[lslot].revents != 0)
            listening = accept_all(lfd, ctx);
        if (!listening && lfd >= 0) {
            close(lfd);
            lfd = -1;
        }
    }
}

int main(int argc, char **argv)
{
    SSL_CTX *ctx;
    int lfd;

    s_prog = "s_server";
    args.cfg.tls = &args.tls;
    signal(SIGPIPE, SIG_IGN);
    if (!parse_args(argc, argv))
        return 1;
    if (args.tls.alpn != NULL && (alpn_wire = s_alpn_wire(args.tls.alpn, &alpn_wire_len)) == NULL)
        return 1;
    ctx = make_ctx(args.cert != NULL ? args.cert : "server.pem", args.key);
    if (ctx == NULL)
        return 1;
    if (args.cert2 != NULL && (sni_ctx = make_ctx(args.cert2, args.key2)) == NULL)
        return 1;
    if ((lfd = listen_on(args.accept != NULL ? args.accept : "4433")) < 0)
        return 1;
    printf("ACCEPT\n");
    fflush(stdout);
    serve(lfd, ctx);
    SSL_CTX_free(sni_ctx);
    SSL_CTX_free(ctx);
    free(alpn_wire);
    return 0;
}
