/* Memory helpers of the public API: thin wrappers over libc, and wiping. */
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <stdlib.h>
#include <string.h>

#include "internal/ct.h"

void *CRYPTO_malloc(size_t num, const char *file, int line)
{
    (void)file;
    (void)line;
    if (num == 0)
        return NULL;
    void *p = malloc(num);
    if (p == NULL)
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
    return p;
}

void *CRYPTO_zalloc(size_t num, const char *file, int line)
{
    void *p = CRYPTO_malloc(num, file, line);
    if (p != NULL)
        memset(p, 0, num);
    return p;
}

void *CRYPTO_realloc(void *addr, size_t num, const char *file, int line)
{
    if (addr == NULL)
        return CRYPTO_malloc(num, file, line);
    if (num == 0) {
        free(addr);
        return NULL;
    }
    void *p = realloc(addr, num);
    if (p == NULL)
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
    return p;
}

void *CRYPTO_memdup(const void *data, size_t siz, const char *file, int line)
{
    if (data == NULL || siz >= INT32_MAX)
        return NULL;
    void *p = CRYPTO_malloc(siz ? siz : 1, file, line);
    if (p != NULL)
        memcpy(p, data, siz);
    return p;
}

char *CRYPTO_strdup(const char *str, const char *file, int line)
{
    return str ? CRYPTO_memdup(str, strlen(str) + 1, file, line) : NULL;
}

char *CRYPTO_strndup(const char *str, size_t s, const char *file, int line)
{
    if (str == NULL)
        return NULL;
    size_t n = strnlen(str, s);
    char *p = CRYPTO_malloc(n + 1, file, line);
    if (p != NULL) {
        memcpy(p, str, n);
        p[n] = '\0';
    }
    return p;
}

void CRYPTO_free(void *ptr, const char *file, int line)
{
    (void)file;
    (void)line;
    free(ptr);
}

void CRYPTO_clear_free(void *ptr, size_t num, const char *file, int line)
{
    if (ptr == NULL)
        return;
    ct_wipe(ptr, num);
    CRYPTO_free(ptr, file, line);
}

void OPENSSL_cleanse(void *ptr, size_t len)
{
    ct_wipe(ptr, len);
}

int CRYPTO_memcmp(const void *in_a, const void *in_b, size_t len)
{
    return ct_memeq(in_a, in_b, len) ? 0 : 1;
}
