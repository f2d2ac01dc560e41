/*
 * BIO layer, against the OpenSSL API only: memory, file, print, chains,
 * custom methods, pairs, sockets and ERR_print_errors. Every expectation
 * was first observed on the system OpenSSL 3.0.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/buffer.h>
#include <openssl/err.h>

#include "test.h"

static void test_mem(void)
{
    char buf[64];
    BIO *b = BIO_new(BIO_s_mem());
    char *p = NULL;
    BUF_MEM *bm = NULL;

    CHECK(b != NULL);
    CHECK(BIO_method_type(b) == BIO_TYPE_MEM);
    CHECK(BIO_pending(b) == 0);
    CHECK(BIO_eof(b) == 1);
    /* Empty: -1 and "retry read" by default. */
    CHECK(BIO_read(b, buf, sizeof(buf)) == -1);
    CHECK(BIO_should_retry(b));
    CHECK(BIO_should_read(b));
    CHECK(!BIO_should_write(b));

    CHECK(BIO_write(b, "hello\nworld\n", 12) == 12);
    CHECK(!BIO_should_retry(b));
    CHECK(BIO_pending(b) == 12);
    CHECK(BIO_ctrl_pending(b) == 12);
    CHECK(BIO_wpending(b) == 0);
    CHECK(BIO_eof(b) == 0);
    CHECK(BIO_puts(b, "tail") == 4);
    CHECK(BIO_get_mem_data(b, &p) == 16);
    CHECK(p != NULL && memcmp(p, "hello\nworld\ntail", 16) == 0);

    CHECK(BIO_gets(b, buf, sizeof(buf)) == 6);
    CHECK(strcmp(buf, "hello\n") == 0);
    /* A short buffer stops at size - 1 bytes. */
    CHECK(BIO_gets(b, buf, 4) == 3);
    CHECK(strcmp(buf, "wor") == 0);
    CHECK(BIO_read(b, buf, 3) == 3);
    CHECK(memcmp(buf, "ld\n", 3) == 0);
    CHECK(BIO_gets(b, buf, sizeof(buf)) == 4);
    CHECK(strcmp(buf, "tail") == 0);
    CHECK(BIO_gets(b, buf, sizeof(buf)) == 0);
    CHECK(BIO_pending(b) == 0);

    /* Writes after a partial read, then BIO_get_mem_ptr sees only unread. */
    CHECK(BIO_write(b, "abcdef", 6) == 6);
    CHECK(BIO_read(b, buf, 2) == 2);
    CHECK(BIO_write(b, "gh", 2) == 2);
    CHECK(BIO_get_mem_ptr(b, &bm) == 1);
    CHECK(bm != NULL && bm->length == 6 && memcmp(bm->data, "cdefgh", 6) == 0);

    /* Reset empties a writable BIO. */
    CHECK(BIO_reset(b) == 1);
    CHECK(BIO_pending(b) == 0);

    /* After set_mem_eof_return(0) an empty read is EOF, no retry. */
    CHECK(BIO_set_mem_eof_return(b, 0) == 1);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 0);
    CHECK(!BIO_should_retry(b));
    CHECK(BIO_set_mem_eof_return(b, -7) == 1);
    CHECK(BIO_read(b, buf, sizeof(buf)) == -7);
    CHECK(BIO_should_retry(b));

    /* Growth well past any initial size. */
    {
        static char big[100000];
        size_t i, n = 0;
        int ok = 1;
        for (i = 0; i < sizeof(big); i++)
            big[i] = (char)(i * 7);
        CHECK(BIO_write(b, big, (int)sizeof(big)) == (int)sizeof(big));
        CHECK(BIO_pending(b) == (int)sizeof(big));
        while (n < sizeof(big)) {
            int r = BIO_read(b, buf, sizeof(buf));
            if (r <= 0 || memcmp(buf, big + n, (size_t)r) != 0) {
                ok = 0;
                break;
            }
            n += (size_t)r;
        }
        CHECK(ok && n == sizeof(big));
    }

    CHECK(BIO_get_close(b) == BIO_CLOSE);
    CHECK(BIO_free(b) == 1);
    CHECK(BIO_free(NULL) == 0);
}

static void test_mem_rdonly(void)
{
    static const char data[] = "line one\nline two\n";
    char buf[64];
    char *p = NULL;
    BIO *b = BIO_new_mem_buf(data, -1);

    CHECK(b != NULL);
    CHECK(BIO_pending(b) == (int)strlen(data));
    CHECK(BIO_test_flags(b, BIO_FLAGS_MEM_RDONLY) != 0);
    ERR_clear_error();
    CHECK(BIO_write(b, "x", 1) <= 0);
    CHECK(ERR_GET_LIB(ERR_peek_error()) == ERR_LIB_BIO);
    CHECK(ERR_GET_REASON(ERR_get_error()) == BIO_R_WRITE_TO_READ_ONLY_BIO);

    CHECK(BIO_gets(b, buf, sizeof(buf)) == 9);
    CHECK(strcmp(buf, "line one\n") == 0);
    CHECK(BIO_get_mem_data(b, &p) == 9);
    CHECK(p == data + 9);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 9);
    /* The end of fixed data is EOF: 0 and no retry. */
    CHECK(BIO_read(b, buf, sizeof(buf)) == 0);
    CHECK(!BIO_should_retry(b));
    CHECK(BIO_eof(b) == 1);
    /* Reset rewinds to the start of the caller's bytes. */
    CHECK(BIO_reset(b) == 1);
    CHECK(BIO_pending(b) == (int)strlen(data));
    CHECK(BIO_read(b, buf, 4) == 4 && memcmp(buf, "line", 4) == 0);
    BIO_free(b);

    b = BIO_new_mem_buf("abc", 2);
    CHECK(b != NULL && BIO_pending(b) == 2);
    BIO_free(b);

    ERR_clear_error();
    CHECK(BIO_new_mem_buf(NULL, 3) == NULL);
    CHECK(ERR_GET_LIB(ERR_get_error()) == ERR_LIB_BIO);
    ERR_clear_error();
}

static void test_file(void)
{
    char buf[64];
    FILE *fp = tmpfile(), *got = NULL;
    BIO *b;
    char path[] = "/tmp/mintls_bio_XXXXXX";
    int fd;

    CHECK(fp != NULL);
    b = BIO_new_fp(fp, BIO_NOCLOSE);
    CHECK(b != NULL);
    CHECK(BIO_method_type(b) == BIO_TYPE_FILE);
    CHECK(BIO_get_fp(b, &got) == 1 && got == fp);
    CHECK(BIO_get_close(b) == BIO_NOCLOSE);
    CHECK(BIO_write(b, "first\n", 6) == 6);
    CHECK(BIO_puts(b, "second\n") == 7);
    CHECK(BIO_printf(b, "%d-%s\n", 3, "third") == 8);
    CHECK(BIO_flush(b) == 1);
    CHECK(BIO_tell(b) == 21);
    CHECK(BIO_reset(b) == 0); /* fseek's 0 */
    CHECK(BIO_gets(b, buf, sizeof(buf)) == 6 && strcmp(buf, "first\n") == 0);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 15);
    CHECK(memcmp(buf, "second\n3-third\n", 15) == 0);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 0);
    CHECK(!BIO_should_retry(b));
    CHECK(BIO_eof(b) != 0);
    BIO_free(b);
    fclose(fp);

    fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    b = BIO_new_file(path, "w");
    CHECK(b != NULL);
    CHECK(BIO_puts(b, "written\n") == 8);
    BIO_free(b);
    b = BIO_new(BIO_s_file());
    CHECK(b != NULL);
    CHECK(BIO_append_filename(b, path) == 1);
    CHECK(BIO_puts(b, "appended\n") == 9);
    BIO_free(b);
    b = BIO_new(BIO_s_file());
    CHECK(BIO_read_filename(b, path) == 1);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 17);
    CHECK(memcmp(buf, "written\nappended\n", 17) == 0);
    BIO_free(b);
    unlink(path);

    ERR_clear_error();
    CHECK(BIO_new_file("/nonexistent/dir/file", "r") == NULL);
    {
        int saw_bio = 0;
        unsigned long e;
        while ((e = ERR_get_error()) != 0)
            if (ERR_GET_LIB(e) == ERR_LIB_BIO && ERR_GET_REASON(e) == BIO_R_NO_SUCH_FILE)
                saw_bio = 1;
        CHECK(saw_bio);
    }
    b = BIO_new(BIO_s_file());
    CHECK(BIO_read_filename(b, "/nonexistent/dir/file") == 0);
    BIO_free(b);
    ERR_clear_error();
}

static void test_print(void)
{
    char buf[32], *p = NULL;
    BIO *b = BIO_new(BIO_s_mem());
    long n;

    CHECK(BIO_printf(b, "%s|%5d|%-3s|%x|%lu|%c|%%", "ab", 42, "z", 255u, 12345678901UL, 'Q') == 31);
    n = BIO_get_mem_data(b, &p);
    CHECK(n == 31 && memcmp(p, "ab|   42|z  |ff|12345678901|Q|%", 31) == 0);
    CHECK(BIO_reset(b) == 1);
    CHECK(BIO_printf(b, "%.3f %05.1f", 3.14159, 2.5) == 11);
    n = BIO_get_mem_data(b, &p);
    CHECK(n == 11 && memcmp(p, "3.142 002.5", 11) == 0);
    CHECK(BIO_reset(b) == 1);
    {
        char longs[2000];
        memset(longs, 'x', sizeof(longs) - 1);
        longs[sizeof(longs) - 1] = 0;
        CHECK(BIO_printf(b, "<%s>", longs) == 2001);
        CHECK(BIO_pending(b) == 2001);
    }
    CHECK(BIO_printf(b, "%s", "") == 0);
    BIO_free(b);

    CHECK(BIO_snprintf(buf, sizeof(buf), "%d:%s", 7, "ok") == 4);
    CHECK(strcmp(buf, "7:ok") == 0);
    /* Truncation is reported as -1, unlike snprintf. */
    CHECK(BIO_snprintf(buf, 4, "%s", "toolong") == -1);
}

static void test_chain(void)
{
    BIO *a = BIO_new(BIO_s_mem());
    BIO *n = BIO_new(BIO_s_null());
    BIO *c = BIO_new(BIO_s_mem());
    BIO *top;

    CHECK(BIO_method_type(n) == BIO_TYPE_NULL);
    CHECK(BIO_write(n, "abc", 3) == 3);
    top = BIO_push(a, n);
    CHECK(top == a);
    CHECK(BIO_push(a, c) == a);
    CHECK(BIO_next(a) == n && BIO_next(n) == c && BIO_next(c) == NULL);
    CHECK(BIO_find_type(a, BIO_TYPE_NULL) == n);
    CHECK(BIO_find_type(a, BIO_TYPE_MEM) == a);
    CHECK(BIO_find_type(n, BIO_TYPE_MEM) == c);
    CHECK(BIO_find_type(a, BIO_TYPE_SOURCE_SINK) == a);
    CHECK(BIO_find_type(a, BIO_TYPE_FILE) == NULL);
    CHECK(BIO_find_type(a, BIO_TYPE_FILTER) == NULL);
    /* Pop the middle: the chain closes over it. */
    CHECK(BIO_pop(n) == c);
    CHECK(BIO_next(a) == c && BIO_next(n) == NULL);
    BIO_free(n);
    /* free_all stops at a BIO someone else holds. */
    CHECK(BIO_up_ref(c) == 1);
    BIO_free_all(a);
    CHECK(BIO_write(c, "still", 5) == 5);
    CHECK(BIO_pending(c) == 5);
    BIO_free(c);
    CHECK(BIO_push(NULL, NULL) == NULL);
}

/* A custom BIO that hands out at most 3 bytes per read and asks for a retry
   on every other call. */
typedef struct {
    int calls;
    char store[64];
    int len;
} custom_state;

static int custom_create(BIO *b)
{
    BIO_set_data(b, NULL);
    BIO_set_init(b, 0);
    return 1;
}

static int custom_write(BIO *b, const char *in, int inl)
{
    custom_state *st = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (inl > (int)sizeof(st->store) - st->len) {
        BIO_set_retry_write(b);
        return -1;
    }
    memcpy(st->store + st->len, in, (size_t)inl);
    st->len += inl;
    return inl;
}

static int custom_read(BIO *b, char *out, int outl)
{
    custom_state *st = BIO_get_data(b);
    int n;
    BIO_clear_retry_flags(b);
    if (st->calls++ % 2 == 0) {
        BIO_set_retry_read(b);
        return -1;
    }
    n = outl < 3 ? outl : 3;
    if (n > st->len)
        n = st->len;
    memcpy(out, st->store, (size_t)n);
    memmove(st->store, st->store + n, (size_t)(st->len - n));
    st->len -= n;
    return n;
}

static long custom_ctrl(BIO *b, int cmd, long num, void *ptr)
{
    custom_state *st = BIO_get_data(b);
    (void)num;
    (void)ptr;
    if (cmd == BIO_CTRL_PENDING)
        return st->len;
    if (cmd == BIO_CTRL_FLUSH)
        return 1;
    return 0;
}

static void test_custom(void)
{
    int idx = BIO_get_new_index();
    BIO_METHOD *m;
    BIO *b;
    custom_state st;
    char buf[16];
    size_t got = 0;

    CHECK(idx > BIO_TYPE_START && idx <= 255);
    m = BIO_meth_new(idx | BIO_TYPE_SOURCE_SINK, "custom");
    CHECK(m != NULL);
    CHECK(BIO_meth_set_write(m, custom_write) == 1);
    CHECK(BIO_meth_set_read(m, custom_read) == 1);
    CHECK(BIO_meth_set_ctrl(m, custom_ctrl) == 1);
    CHECK(BIO_meth_set_create(m, custom_create) == 1);
    CHECK(BIO_meth_get_read(m) == custom_read);
    CHECK(BIO_meth_get_write(m) == custom_write);
    CHECK(BIO_meth_get_ctrl(m) == custom_ctrl);
    CHECK(BIO_meth_get_puts(m) == NULL);

    b = BIO_new(m);
    CHECK(b != NULL);
    CHECK(BIO_method_type(b) == (idx | BIO_TYPE_SOURCE_SINK));
    /* Not initialised yet: reads fail without calling the method. */
    ERR_clear_error();
    CHECK(BIO_read(b, buf, sizeof(buf)) < 0);
    ERR_clear_error();
    memset(&st, 0, sizeof(st));
    BIO_set_data(b, &st);
    BIO_set_init(b, 1);
    CHECK(BIO_get_init(b) == 1);
    CHECK(BIO_get_data(b) == &st);

    CHECK(BIO_write(b, "abcdefgh", 8) == 8);
    CHECK(BIO_pending(b) == 8);
    CHECK(BIO_read(b, buf, sizeof(buf)) == -1);
    CHECK(BIO_should_retry(b) && BIO_should_read(b));
    CHECK(BIO_read(b, buf, sizeof(buf)) == 3);
    CHECK(!BIO_should_retry(b));
    CHECK(memcmp(buf, "abc", 3) == 0);
    CHECK(BIO_read_ex(b, buf, sizeof(buf), &got) == 0 && got == 0);
    CHECK(BIO_should_retry(b));
    CHECK(BIO_read_ex(b, buf, sizeof(buf), &got) == 1 && got == 3);
    CHECK(memcmp(buf, "def", 3) == 0);
    CHECK(BIO_write_ex(b, "ij", 2, &got) == 1 && got == 2);
    /* No puts/gets: -2 with an error. */
    ERR_clear_error();
    CHECK(BIO_puts(b, "x") == -2);
    CHECK(ERR_GET_REASON(ERR_get_error()) == BIO_R_UNSUPPORTED_METHOD);
    CHECK(BIO_gets(b, buf, sizeof(buf)) == -2);
    ERR_clear_error();
    CHECK(BIO_flush(b) == 1);
    CHECK(BIO_number_written(b) == 10);
    CHECK(BIO_number_read(b) == 6);

    /* Manual flag helpers. */
    BIO_set_retry_special(b);
    CHECK(BIO_should_io_special(b) && BIO_should_retry(b));
    CHECK(BIO_retry_type(b) == BIO_FLAGS_IO_SPECIAL);
    BIO_clear_retry_flags(b);
    CHECK(BIO_get_retry_flags(b) == 0);
    BIO_set_flags(b, 0x1000);
    CHECK(BIO_test_flags(b, 0x1000) == 0x1000);
    BIO_clear_flags(b, 0x1000);
    CHECK(BIO_test_flags(b, 0x1000) == 0);
    BIO_set_retry_read(b);
    {
        int reason = -1;
        CHECK(BIO_get_retry_BIO(b, &reason) == b);
        CHECK(reason == 0);
    }
    BIO_free(b);
    BIO_meth_free(m);
}

static void test_pair(void)
{
    BIO *b1 = NULL, *b2 = NULL;
    char buf[256];
    int i, total = 0, r;

    CHECK(BIO_new_bio_pair(&b1, 100, &b2, 50) == 1);
    CHECK(b1 != NULL && b2 != NULL);
    CHECK(BIO_method_type(b1) == BIO_TYPE_BIO);
    CHECK(BIO_ctrl_get_write_guarantee(b1) == 100);
    CHECK(BIO_ctrl_get_write_guarantee(b2) == 50);
    CHECK(BIO_get_write_buf_size(b1, 0) == 100);
    CHECK(BIO_ctrl_get_read_request(b1) == 0);

    /* Reading an empty pair: retry read, and the request is recorded on
       the peer (capped at its buffer size). */
    CHECK(BIO_read(b2, buf, 30) == -1);
    CHECK(BIO_should_retry(b2) && BIO_should_read(b2));
    CHECK(BIO_ctrl_get_read_request(b1) == 30);
    CHECK(BIO_read(b2, buf, 200) == -1);
    CHECK(BIO_ctrl_get_read_request(b1) == 100);
    CHECK(BIO_ctrl_reset_read_request(b1) == 1);
    CHECK(BIO_ctrl_get_read_request(b1) == 0);

    /* Write until full. */
    memset(buf, 'A', sizeof(buf));
    for (i = 0; i < 10; i++) {
        r = BIO_write(b1, buf, 30);
        if (r <= 0)
            break;
        total += r;
    }
    CHECK(total == 100);
    CHECK(r == -1);
    CHECK(BIO_should_retry(b1) && BIO_should_write(b1));
    CHECK(BIO_ctrl_get_write_guarantee(b1) == 0);
    CHECK(BIO_wpending(b1) == 100);
    CHECK(BIO_pending(b2) == 100);
    CHECK(BIO_ctrl_pending(b2) == 100);

    /* Read it back across the ring's wrap point. */
    CHECK(BIO_read(b2, buf, 70) == 70);
    CHECK(BIO_write(b1, "0123456789012345678901234567890123456789", 40) == 40);
    CHECK(BIO_pending(b2) == 70);
    CHECK(BIO_read(b2, buf, 30) == 30);
    CHECK(BIO_read(b2, buf, 100) == 40);
    CHECK(memcmp(buf, "0123456789012345678901234567890123456789", 40) == 0);
    CHECK(BIO_read(b2, buf, 10) == -1);
    CHECK(BIO_should_read(b2));
    CHECK(BIO_eof(b2) == 0);

    /* The other direction. */
    CHECK(BIO_puts(b2, "pong") == 4);
    CHECK(BIO_read(b1, buf, sizeof(buf)) == 4 && memcmp(buf, "pong", 4) == 0);

    /* shutdown_wr: the reader sees EOF once drained; writes are refused. */
    CHECK(BIO_write(b1, "last", 4) == 4);
    CHECK(BIO_shutdown_wr(b1) == 1);
    CHECK(BIO_ctrl_get_write_guarantee(b1) == 0);
    CHECK(BIO_eof(b2) == 0);
    CHECK(BIO_read(b2, buf, sizeof(buf)) == 4);
    CHECK(BIO_eof(b2) == 1);
    CHECK(BIO_read(b2, buf, sizeof(buf)) == 0);
    CHECK(!BIO_should_retry(b2));
    ERR_clear_error();
    CHECK(BIO_write(b1, "x", 1) == -1);
    CHECK(!BIO_should_retry(b1));
    CHECK(ERR_GET_REASON(ERR_get_error()) == BIO_R_BROKEN_PIPE);
    ERR_clear_error();

    BIO_free(b1);
    BIO_free(b2);

    /* Pairs made by hand, with default sizes. */
    b1 = BIO_new(BIO_s_bio());
    b2 = BIO_new(BIO_s_bio());
    CHECK(BIO_set_write_buf_size(b1, 64) == 1);
    CHECK(BIO_make_bio_pair(b1, b2) == 1);
    CHECK(BIO_ctrl_get_write_guarantee(b1) == 64);
    CHECK(BIO_ctrl_get_write_guarantee(b2) == 17 * 1024);
    CHECK(BIO_set_write_buf_size(b1, 32) == 0);
    ERR_clear_error();
    CHECK(BIO_destroy_bio_pair(b1) == 1);
    CHECK(BIO_ctrl_get_write_guarantee(b1) == 0);
    BIO_free(b1);
    BIO_free(b2);
}

static void test_socket(void)
{
    int sv[2];
    BIO *a, *b;
    char buf[64];
    int fd = -1, i, r = 0;

    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    a = BIO_new_socket(sv[0], BIO_CLOSE);
    b = BIO_new(BIO_s_socket());
    CHECK(a != NULL && b != NULL);
    CHECK(BIO_get_fd(b, NULL) == -1);
    CHECK(BIO_set_fd(b, sv[1], BIO_NOCLOSE) == 1);
    CHECK(BIO_get_fd(b, &fd) == sv[1] && fd == sv[1]);
    CHECK(BIO_method_type(a) == BIO_TYPE_SOCKET);
    CHECK(BIO_find_type(a, BIO_TYPE_DESCRIPTOR) == a);

    CHECK(BIO_write(a, "ping", 4) == 4);
    CHECK(BIO_read(b, buf, sizeof(buf)) == 4 && memcmp(buf, "ping", 4) == 0);

    /* Non-blocking: nothing to read is EAGAIN, a retry. */
    CHECK(BIO_socket_nbio(sv[1], 1) == 1);
    r = BIO_read(b, buf, sizeof(buf));
    CHECK(r == -1);
    CHECK(BIO_should_retry(b) && BIO_should_read(b));
    CHECK(BIO_sock_should_retry(r));

    /* Fill the socket until the kernel refuses: retry write. */
    CHECK(BIO_socket_nbio(sv[1], 1) == 1);
    memset(buf, 'z', sizeof(buf));
    for (i = 0; i < 1000000; i++) {
        r = BIO_write(b, buf, sizeof(buf));
        if (r <= 0)
            break;
    }
    CHECK(r == -1);
    CHECK(BIO_should_retry(b) && BIO_should_write(b));

    /* Peer closes: read returns 0 once drained, EOF is flagged. */
    CHECK(BIO_socket_nbio(sv[1], 0) == 1);
    BIO_free(b); /* NOCLOSE: sv[1] stays open */
    CHECK(BIO_closesocket(sv[1]) == 1);
    do {
        r = BIO_read(a, buf, sizeof(buf));
    } while (r > 0);
    CHECK(r == 0);
    CHECK(!BIO_should_retry(a));
    CHECK(BIO_eof(a) == 1);
    BIO_free(a); /* closes sv[0] */
    CHECK(BIO_closesocket(-1) == 0);

    fd = BIO_socket(AF_INET, SOCK_STREAM, 0, 0);
    CHECK(fd >= 0);
    CHECK(BIO_closesocket(fd) == 1);
}

static void test_err_print(void)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *p = NULL;
    long n;
    BIO *f;

    ERR_clear_error();
    f = BIO_new_file("/nonexistent/dir/file", "r");
    CHECK(f == NULL);
    CHECK(ERR_peek_error() != 0);
    ERR_print_errors(b);
    CHECK(ERR_peek_error() == 0);
    n = BIO_get_mem_data(b, &p);
    CHECK(n > 0);
    if (n > 0) {
        char text[2048];
        size_t len = (size_t)n < sizeof(text) - 1 ? (size_t)n : sizeof(text) - 1;
        memcpy(text, p, len);
        text[len] = 0;
        CHECK(strstr(text, "no such file") != NULL);
        CHECK(strstr(text, "BIO routines") != NULL);
        CHECK(text[len - 1] == '\n');
    }
    BIO_free(b);
}

int main(void)
{
    test_mem();
    test_mem_rdonly();
    test_file();
    test_print();
    test_chain();
    test_custom();
    test_pair();
    test_socket();
    test_err_print();
    return test_summary();
}
