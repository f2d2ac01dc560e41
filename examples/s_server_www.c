/*
 * s_server -www / -WWW: request collection, the status page and file
 * serving (see s_server_www.h).
 */
#include "s_server_www.h"
#include "s_common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int set_head(struct www_state *w, const char *text, size_t len)
{
    free(w->head);
    w->head = malloc(len + 1);
    if (w->head == NULL)
        return -1;
    memcpy(w->head, text, len);
    w->head[len] = '\0';
    w->head_len = len;
    w->head_off = 0;
    w->replying = 1;
    return 1;
}

static int error_reply(struct www_state *w, const char *status)
{
    char page[256];
    int n = snprintf(page, sizeof(page),
                     "HTTP/1.0 %s\r\nContent-type: text/plain\r\n\r\n%s\r\n", status, status);
    return set_head(w, page, (size_t)n);
}

/* Copies text into f with the three HTML metacharacters escaped. */
static void put_escaped(FILE *f, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (text[i]) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        default: fputc(text[i], f); break;
        }
    }
}

/* The -www page: the connection summary, the SNI name and the request. */
static int status_reply(struct www_state *w, SSL *ssl, size_t line_len)
{
    char *summary = NULL, *page = NULL;
    size_t summary_len = 0, page_len = 0;
    FILE *f = open_memstream(&summary, &summary_len);
    const char *sni;
    int r;

    if (f == NULL)
        return -1;
    s_print_brief(f, ssl, 0);
    sni = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
    fprintf(f, "Server name: %s\n", sni != NULL ? sni : "(none sent)");
    fprintf(f, "Request: %.*s\n", (int)line_len, w->request);
    fclose(f);

    f = open_memstream(&page, &page_len);
    if (f == NULL) {
        free(summary);
        return -1;
    }
    fputs("HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n"
          "<HTML><BODY BGCOLOR=\"#ffffff\">\n<pre>\n\ns_server -www\n", f);
    put_escaped(f, summary, summary_len);
    fputs("</pre>\n</BODY></HTML>\r\n", f);
    fclose(f);
    free(summary);
    r = page != NULL ? set_head(w, page, page_len) : -1;
    free(page);
    return r;
}

/*
 * Accepts only plain relative paths: letters, digits, '.', '-', '_' and
 * '/', with no empty component and no component starting with '.', so
 * neither ".." nor hidden files are reachable. (A symbolic link inside
 * the directory is still followed; serve a directory you trust.)
 */
static int path_is_safe(const char *p, size_t len)
{
    size_t comp = 0;

    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '/') {
            if (comp == 0)
                return 0;
            comp = 0;
            continue;
        }
        if (comp == 0 && c == '.')
            return 0;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '.' || c == '-' || c == '_'))
            return 0;
        comp++;
    }
    return comp > 0;
}

static int file_reply(struct www_state *w, const char *path, size_t path_len)
{
    char name[1024], head[256];
    struct stat st;
    int fd, n;
    const char *dot;

    if (!path_is_safe(path, path_len) || path_len >= sizeof(name))
        return error_reply(w, "404 Not Found");
    memcpy(name, path, path_len);
    name[path_len] = '\0';
    fd = open(name, O_RDONLY | O_NOFOLLOW);
    if (fd < 0)
        return error_reply(w, "404 Not Found");
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (w->file = fdopen(fd, "rb")) == NULL) {
        close(fd);
        return error_reply(w, "404 Not Found");
    }
    dot = strrchr(name, '.');
    n = snprintf(head, sizeof(head),
                 "HTTP/1.0 200 ok\r\nContent-type: %s\r\nContent-Length: %lld\r\n\r\n",
                 dot != NULL && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0)
                     ? "text/html" : "text/plain",
                 (long long)st.st_size);
    return set_head(w, head, (size_t)n);
}

/* Where the header block ends, or NULL while it is incomplete. */
static const char *headers_end(const char *buf, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (buf[i] == '\n' && buf[i + 1] == '\n')
            return buf + i + 2;
        if (i + 3 < len && memcmp(buf + i, "\r\n\r\n", 4) == 0)
            return buf + i + 4;
    }
    return NULL;
}

int www_feed(struct www_state *w, enum www_mode mode, SSL *ssl, const char *data, size_t len)
{
    const char *eol, *path, *sp;
    size_t line_len;

    if (w->replying)
        return 1;  /* one request per connection (HTTP/1.0); the rest is ignored */
    if (len > sizeof(w->request) - w->request_len)
        return error_reply(w, "431 Request Header Fields Too Large");
    memcpy(w->request + w->request_len, data, len);
    w->request_len += len;
    if (headers_end(w->request, w->request_len) == NULL)
        return 0;

    eol = memchr(w->request, '\n', w->request_len);
    line_len = (size_t)(eol - w->request);
    if (line_len > 0 && w->request[line_len - 1] == '\r')
        line_len--;
    if (line_len < 4 || memcmp(w->request, "GET ", 4) != 0)
        return error_reply(w, "400 Bad Request");
    if (mode == WWW_STATUS)
        return status_reply(w, ssl, line_len);

    path = w->request + 4;
    sp = memchr(path, ' ', line_len - 4);
    if (sp == NULL)
        sp = w->request + line_len;  /* an HTTP/0.9 style "GET /file" */
    if (path == sp || *path != '/')
        return error_reply(w, "400 Bad Request");
    {
        const char *q = memchr(path, '?', (size_t)(sp - path));
        if (q != NULL)
            sp = q;
    }
    return file_reply(w, path + 1, (size_t)(sp - path - 1));
}

size_t www_next(struct www_state *w, char *buf, size_t cap)
{
    if (w->head_off < w->head_len) {
        size_t n = w->head_len - w->head_off;
        if (n > cap)
            n = cap;
        memcpy(buf, w->head + w->head_off, n);
        w->head_off += n;
        return n;
    }
    if (w->file != NULL) {
        size_t n = fread(buf, 1, cap, w->file);
        if (n > 0)
            return n;
        fclose(w->file);
        w->file = NULL;
    }
    return 0;
}

void www_free(struct www_state *w)
{
    free(w->head);
    w->head = NULL;
    if (w->file != NULL)
        fclose(w->file);
    w->file = NULL;
}
