/*
 * The error queue and the random generator through the public API. Errors are
 * produced by EVP calls that OpenSSL 3.0 documents to fail; only the parts of
 * the text that are stable across OpenSSL versions are checked.
 * Written against the OpenSSL API only; built against mintls and OpenSSL.
 */
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* An EVP library error: Update on a context with no cipher (OpenSSL: one entry). */
static int fail_update(void)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t buf[16] = {0};
    int n = 0;
    int r = EVP_EncryptUpdate(ctx, buf, &n, buf, sizeof(buf));
    EVP_CIPHER_CTX_free(ctx);
    return r;
}

/* Another EVP library error: key-only Init with no cipher ever set. */
static int fail_init(void)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    uint8_t key[32] = {0}, iv[12] = {0};
    int r = EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv);
    EVP_CIPHER_CTX_free(ctx);
    return r;
}

static int queue_len(void)
{
    int n = 0;
    while (ERR_get_error() != 0)
        n++;
    return n;
}

static unsigned long code_update, code_init;

static void test_queue_order(void)
{
    ERR_clear_error();
    CHECK(ERR_peek_error() == 0);
    CHECK(ERR_peek_last_error() == 0);
    CHECK(ERR_get_error() == 0);

    /* Each failing call leaves exactly one entry. */
    CHECK(fail_update() == 0);
    code_update = ERR_peek_error();
    CHECK(queue_len() == 1);
    CHECK(fail_init() == 0);
    code_init = ERR_peek_error();
    CHECK(queue_len() == 1);
    CHECK(code_update != 0 && code_init != 0);
    CHECK(code_update != code_init);
    CHECK(ERR_GET_LIB(code_update) == ERR_LIB_EVP);
    CHECK(ERR_GET_LIB(code_init) == ERR_LIB_EVP);
    CHECK(ERR_GET_REASON(code_update) != 0);
    CHECK(ERR_GET_REASON(code_init) != 0);

    /* peek: oldest, peek_last: newest, get: oldest and removes it. */
    CHECK(fail_update() == 0);
    CHECK(fail_init() == 0);
    CHECK(ERR_peek_error() == code_update);
    CHECK(ERR_peek_last_error() == code_init);
    CHECK(ERR_peek_error() == code_update); /* peeking removes nothing */
    CHECK(ERR_get_error() == code_update);
    CHECK(ERR_peek_error() == code_init);
    CHECK(ERR_peek_last_error() == code_init);
    CHECK(ERR_get_error() == code_init);
    CHECK(ERR_get_error() == 0);
    CHECK(ERR_peek_error() == 0);

    /* clear empties a full queue. */
    for (int i = 0; i < 5; i++)
        fail_update();
    CHECK(ERR_peek_error() == code_update);
    ERR_clear_error();
    CHECK(ERR_peek_error() == 0);
    CHECK(ERR_peek_last_error() == 0);
    CHECK(ERR_get_error() == 0);
}

static void test_codes(void)
{
    /* The packing macros work on plain numbers as in OpenSSL 3.0. */
    unsigned long e = ERR_PACK(ERR_LIB_EVP, 0, EVP_R_NO_CIPHER_SET);
    CHECK(ERR_GET_LIB(e) == ERR_LIB_EVP);
    CHECK(ERR_GET_REASON(e) == EVP_R_NO_CIPHER_SET);
    CHECK(ERR_GET_LIB(0x03000094UL) == 6);
    CHECK(ERR_GET_REASON(0x03000094UL) == 0x94);
    CHECK(ERR_GET_LIB(0x1C80006EUL) == 57);
    CHECK(ERR_GET_REASON(0x1C80006EUL) == 0x6E);
    CHECK(ERR_LIB_EVP == 6 && ERR_LIB_SSL == 20 && ERR_LIB_X509 == 11 && ERR_LIB_PEM == 9);

    CHECK(ERR_lib_error_string(code_update) != NULL);
    CHECK(ERR_reason_error_string(code_update) != NULL);
    CHECK(ERR_reason_error_string(code_init) != NULL);
    CHECK(ERR_lib_error_string(0) == NULL);
    CHECK(ERR_reason_error_string(0) == NULL);
    CHECK(ERR_reason_error_string(ERR_PACK(ERR_LIB_EVP, 0, 999)) == NULL);
    if (ERR_reason_error_string(code_update) && ERR_reason_error_string(code_init))
        CHECK(strcmp(ERR_reason_error_string(code_update),
                     ERR_reason_error_string(code_init)) != 0);
}

/* "error:" + the code as %08lX + ":" ... with the library and reason text. */
static void check_error_text(const char *s, unsigned long e)
{
    char hex[16];
    snprintf(hex, sizeof(hex), "%08lX", e);
    CHECK(strncmp(s, "error:", 6) == 0);
    CHECK(strncmp(s + 6, hex, 8) == 0);
    CHECK(s[14] == ':');
    const char *lib = ERR_lib_error_string(e), *reason = ERR_reason_error_string(e);
    CHECK(lib != NULL && strstr(s + 15, lib) != NULL);
    CHECK(reason != NULL && strstr(s + 15, reason) != NULL);
}

static void test_strings(void)
{
    char buf[256], small[64];

    ERR_error_string_n(code_update, buf, sizeof(buf));
    check_error_text(buf, code_update);
    ERR_error_string_n(code_init, buf, sizeof(buf));
    check_error_text(buf, code_init);

    /* A NULL buffer gives a static one holding the same text. */
    char *s = ERR_error_string(code_update, NULL);
    CHECK(s != NULL);
    ERR_error_string_n(code_update, buf, sizeof(buf));
    if (s != NULL) {
        check_error_text(s, code_update);
        CHECK(strcmp(s, buf) == 0);
    }
    /* A caller's buffer (at least 256 bytes) is filled and returned. */
    char big[256];
    CHECK(ERR_error_string(code_init, big) == big);
    check_error_text(big, code_init);

    /* Short buffers: always NUL-terminated inside the buffer; 0 writes nothing. */
    static const size_t lens[] = {1, 2, 7, 12, 20, 33, 50};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        memset(small, 'Z', sizeof(small));
        ERR_error_string_n(code_update, small, lens[i]);
        CHECK(memchr(small, '\0', lens[i]) != NULL);
        CHECK(small[lens[i]] == 'Z');
    }
    memset(small, 'Z', sizeof(small));
    ERR_error_string_n(code_update, small, 0);
    CHECK(small[0] == 'Z');

    /* An unknown code still prints "error:" and its number. */
    unsigned long odd = ERR_PACK(ERR_LIB_EVP, 0, 999);
    ERR_error_string_n(odd, buf, sizeof(buf));
    CHECK(strncmp(buf, "error:030003E7:", 15) == 0);
}

static void test_print_errors_fp(void)
{
    FILE *f = tmpfile();
    if (!CHECK(f != NULL))
        return;
    ERR_clear_error();
    fail_update();
    fail_init();
    ERR_print_errors_fp(f);
    CHECK(ERR_peek_error() == 0); /* printing consumes the queue */
    ERR_print_errors_fp(f);       /* an empty queue prints nothing */

    char text[2048];
    rewind(f);
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    text[n] = '\0';
    fclose(f);

    /* One line per error, oldest first, each carrying ":error:<code>:". */
    char want1[32], want2[32];
    snprintf(want1, sizeof(want1), ":error:%08lX:", code_update);
    snprintf(want2, sizeof(want2), ":error:%08lX:", code_init);
    char *line2 = strchr(text, '\n');
    CHECK(n > 0 && text[n - 1] == '\n');
    CHECK(line2 != NULL && strchr(line2 + 1, '\n') == text + n - 1);
    if (line2 != NULL) {
        *line2 = '\0';
        CHECK(strstr(text, want1) != NULL);
        CHECK(strstr(text, ERR_reason_error_string(code_update)) != NULL);
        CHECK(strstr(text, ERR_lib_error_string(code_update)) != NULL);
        CHECK(strstr(line2 + 1, want2) != NULL);
        CHECK(strstr(line2 + 1, ERR_reason_error_string(code_init)) != NULL);
    }
}

/* The queue is per thread. */
static void *thread_errors(void *arg)
{
    unsigned long *out = arg;
    out[0] = ERR_peek_error(); /* must not see the main thread's entry */
    fail_init();
    out[1] = ERR_peek_error();
    ERR_clear_error();
    return NULL;
}

static void test_threads(void)
{
    unsigned long seen[2] = {1, 0};
    pthread_t t;
    ERR_clear_error();
    fail_update();
    CHECK(pthread_create(&t, NULL, thread_errors, seen) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(seen[0] == 0);
    CHECK(seen[1] == code_init);
    CHECK(ERR_peek_error() == code_update);
    CHECK(ERR_peek_last_error() == code_update);
    ERR_clear_error();
}

static int all_zero(const uint8_t *p, size_t n)
{
    uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= p[i];
    return acc == 0;
}

static void test_rand(void)
{
    uint8_t a[64], b[64];
    CHECK(RAND_status() == 1);
    CHECK(RAND_bytes(a, sizeof(a)) == 1);
    CHECK(RAND_bytes(b, sizeof(b)) == 1);
    CHECK(!all_zero(a, sizeof(a)));
    CHECK(memcmp(a, b, sizeof(a)) != 0);
    CHECK(RAND_priv_bytes(a, sizeof(a)) == 1);
    CHECK(RAND_priv_bytes(b, sizeof(b)) == 1);
    CHECK(!all_zero(a, sizeof(a)));
    CHECK(memcmp(a, b, sizeof(a)) != 0);
    CHECK(RAND_bytes(a, 0) == 1);
    CHECK(RAND_bytes(a, -1) == 0);
    CHECK(RAND_priv_bytes(a, -1) == 0);
    ERR_clear_error();

    /* Every length up to 64 fills exactly what was asked. */
    int ok = 1;
    for (int len = 1; len <= 48; len++) {
        memset(a, 0, sizeof(a));
        memset(b, 0xff, sizeof(b));
        ok &= RAND_bytes(a, len) == 1 && RAND_bytes(b, len) == 1;
        /* Two short outputs may be equal by chance (1 in 256 for one byte):
         * only outputs of 8 bytes and more are required to differ. */
        ok &= a[len] == 0 && b[len] == 0xff && (len < 8 || memcmp(a, b, (size_t)len) != 0);
    }
    CHECK(ok);

    /* Large requests work and look uniform (each byte value ~4096 times). */
    size_t big = 1u << 20;
    uint8_t *p = malloc(big);
    if (CHECK(p != NULL)) {
        memset(p, 0, big);
        CHECK(RAND_bytes(p, (int)big) == 1);
        unsigned long count[256] = {0};
        for (size_t i = 0; i < big; i++)
            count[p[i]]++;
        int uniform = 1;
        for (int v = 0; v < 256; v++)
            uniform &= count[v] > 3400 && count[v] < 4800;
        CHECK(uniform);
        CHECK(RAND_priv_bytes(p, (int)big) == 1);
        free(p);
    }

    /* Seeding is accepted and the generator keeps working. */
    memset(a, 0x42, sizeof(a));
    RAND_seed(a, sizeof(a));
    RAND_add(a, sizeof(a), 8.0);
    CHECK(RAND_status() == 1);
    CHECK(RAND_bytes(b, sizeof(b)) == 1);
    CHECK(memcmp(a, b, sizeof(a)) != 0);
}

/*
 * fork(): the child's next output must differ from the parent's next output,
 * for both the public and the private generator.
 */
static void test_fork(void)
{
    for (int priv = 0; priv < 2; priv++) {
        for (int round = 0; round < 3; round++) {
            uint8_t warm[32], mine[32], child[32];
            int fd[2];
            int (*gen)(unsigned char *, int) = priv ? RAND_priv_bytes : RAND_bytes;
            CHECK(gen(warm, sizeof(warm)) == 1); /* the generator is in use before fork */
            if (!CHECK(pipe(fd) == 0))
                return;
            fflush(stdout);
            fflush(stderr);
            pid_t pid = fork();
            if (pid == 0) {
                uint8_t out[32];
                int ok = gen(out, sizeof(out)) == 1;
                ssize_t w = ok ? write(fd[1], out, sizeof(out)) : -1;
                _exit(w == (ssize_t)sizeof(out) ? 0 : 1);
            }
            if (!CHECK(pid > 0))
                return;
            close(fd[1]);
            CHECK(gen(mine, sizeof(mine)) == 1);
            size_t got = 0;
            while (got < sizeof(child)) {
                ssize_t r = read(fd[0], child + got, sizeof(child) - got);
                if (r <= 0)
                    break;
                got += (size_t)r;
            }
            close(fd[0]);
            int status = 0;
            CHECK(waitpid(pid, &status, 0) == pid);
            CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
            CHECK(got == sizeof(child));
            CHECK(memcmp(child, mine, sizeof(mine)) != 0);
            CHECK(memcmp(child, warm, sizeof(warm)) != 0);
        }
    }
}

int main(void)
{
    test_queue_order();
    test_codes();
    test_strings();
    test_print_errors_fp();
    test_threads();
    test_rand();
    test_fork();
    CHECK(ERR_peek_error() == 0);
    return test_summary();
}
