/*
 * Reading PEM text from a BIO, one block at a time, for every PEM_read_bio_*
 * function: the BIO is left just after the block's END line, so a program
 * can read several objects from one BIO in turn.
 */
#include <openssl/bio.h>
#include <openssl/crypto.h>

#include <stdlib.h>
#include <string.h>

#include "internal/pem.h"

int mintls_text_buf_append(mintls_text_buf *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        while (cap < t->len + n + 1)
            cap *= 2;
        /* Not realloc: the old buffer may hold key material and is wiped. */
        char *np = malloc(cap);
        if (np == NULL)
            return 0;
        if (t->p != NULL) {
            memcpy(np, t->p, t->len);
            OPENSSL_cleanse(t->p, t->cap);
            free(t->p);
        }
        t->p = np;
        t->cap = cap;
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
    return 1;
}

void mintls_text_buf_free(mintls_text_buf *t)
{
    if (t->p != NULL) {
        OPENSSL_cleanse(t->p, t->cap);
        free(t->p);
    }
    t->p = NULL;
    t->len = t->cap = 0;
}

int mintls_pem_bio_read_block(BIO *bp, mintls_text_buf *t)
{
    char line[1024];
    int in_block = 0, at_line_start = 1, result = 0;
    t->len = 0;
    for (;;) {
        int n = BIO_gets(bp, line, (int)sizeof(line));
        if (n <= 0)
            break;
        size_t len = (size_t)n;
        /* A line longer than the buffer arrives in pieces: only a piece that
         * starts a line can be a BEGIN or END line. */
        int starts = at_line_start;
        at_line_start = line[len - 1] == '\n';
        if (!in_block) {
            if (!(starts && len >= 11 && memcmp(line, "-----BEGIN ", 11) == 0))
                continue;
            in_block = 1;
        }
        if (!mintls_text_buf_append(t, line, len)) {
            result = -1;
            break;
        }
        if (starts && len >= 9 && memcmp(line, "-----END ", 9) == 0) {
            result = at_line_start || mintls_text_buf_append(t, "\n", 1) ? 1 : -1;
            break;
        }
    }
    OPENSSL_cleanse(line, sizeof(line));
    return result;
}
