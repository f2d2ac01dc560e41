/*
 * A small TLS 1.3 peer for the interop test, written against the OpenSSL
 * API only and linked against mintls:
 *   tls13_peer client PORT ROOT HOST    connects to 127.0.0.1:PORT,
 *       verifies the server for HOST, sends a line, prints the answer,
 *       its key log lines ("KEYLOG ...") and whether it kept a ticket;
 *   tls13_peer server PORTFILE CERT KEY CHAIN   listens on a free port of
 *       127.0.0.1 (written to PORTFILE), accepts one client, answers the
 *       line it reads with "mintls heard: <line>", closes.
 * Exit status 0 only when the whole exchange worked.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what)
{
    fprintf(stderr, "tls13_peer: %s failed\n", what);
    ERR_print_errors_fp(stderr);
    return 1;
}

/* Reads up to a newline (or close). Returns the length, or -1. */
static int read_line(SSL *s, char *buf, int cap)
{
    int n = 0;
    while (n < cap - 1) {
        int r = SSL_read(s, buf + n, cap - 1 - n);
        if (r <= 0)
            return n > 0 ? n : -1;
        n += r;
        if (memchr(buf, '\n', (size_t)n) != NULL)
            break;
    }
    buf[n] = '\0';
    return n;
}

static void print_keylog(const SSL *s, const char *line)
{
    (void)s;
    printf("KEYLOG %s\n", line);
}

static int run_client(int port, const char *root, const char *host)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL || SSL_CTX_load_verify_locations(ctx, root, NULL) != 1)
        return fail("client setup");
    SSL_CTX_set_keylog_callback(ctx, print_keylog);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
        return fail("connect");
    SSL *s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    SSL_set1_host(s, host);
    SSL_set_tlsext_host_name(s, host);
    if (SSL_connect(s) != 1)
        return fail("SSL_connect");
    if (SSL_get_verify_result(s) != X509_V_OK)
        return fail("verification");
    printf("cipher %s\n", SSL_CIPHER_get_name(SSL_get_current_cipher(s)));
    static const char line[] = "hello from mintls\n";
    if (SSL_write(s, line, (int)strlen(line)) != (int)strlen(line))
        return fail("SSL_write");
    char buf[256];
    if (read_line(s, buf, sizeof(buf)) <= 0)
        return fail("SSL_read");
    printf("got %s", buf);
    /* The tickets the server sent before its answer are kept on the session. */
    SSL_SESSION *sess = SSL_get_session(s);
    printf("ticket %d lifetime %lu\n", sess != NULL && SSL_SESSION_has_ticket(sess),
           sess != NULL ? SSL_SESSION_get_ticket_lifetime_hint(sess) : 0UL);
    SSL_shutdown(s);
    SSL_free(s);
    close(fd);
    SSL_CTX_free(ctx);
    return 0;
}

static int run_server(const char *portfile, const char *cert, const char *key, const char *chain)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL || SSL_CTX_use_certificate_file(ctx, cert, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        return fail("server setup");
    FILE *f = fopen(chain, "r");
    X509 *in = f != NULL ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    if (f != NULL)
        fclose(f);
    if (in == NULL || SSL_CTX_add_extra_chain_cert(ctx, in) != 1)
        return fail("chain");
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(lfd, 1) != 0 ||
        getsockname(lfd, (struct sockaddr *)&sa, &len) != 0)
        return fail("listen");
    char tmp[512];
    snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
    f = fopen(tmp, "w");
    if (f == NULL)
        return fail("port file");
    fprintf(f, "%d\n", ntohs(sa.sin_port));
    fclose(f);
    rename(tmp, portfile);
    int fd = accept(lfd, NULL, NULL);
    if (fd < 0)
        return fail("accept");
    SSL *s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    if (SSL_accept(s) != 1)
        return fail("SSL_accept");
    char buf[256], out[300];
    if (read_line(s, buf, sizeof(buf)) <= 0)
        return fail("SSL_read");
    snprintf(out, sizeof(out), "mintls heard: %s", buf);
    if (SSL_write(s, out, (int)strlen(out)) != (int)strlen(out))
        return fail("SSL_write");
    /* Both phases: ours, then the client's close_notify. */
    int r = SSL_shutdown(s);
    if (r == 0)
        r = SSL_shutdown(s);
    printf("server done, shutdown %d\n", r);
    SSL_free(s);
    close(fd);
    close(lfd);
    SSL_CTX_free(ctx);
    return 0;
}

int main(int argc, char **argv)
{
    alarm(30); /* a peer that stops answering ends this process, not the test run */
    if (argc == 5 && strcmp(argv[1], "client") == 0)
        return run_client(atoi(argv[2]), argv[3], argv[4]);
    if (argc == 6 && strcmp(argv[1], "server") == 0)
        return run_server(argv[2], argv[3], argv[4], argv[5]);
    fprintf(stderr, "usage: tls13_peer client PORT ROOT HOST | server PORTFILE CERT KEY CHAIN\n");
    return 2;
}
