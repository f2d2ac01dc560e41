/* mintls: BUF_MEM, the growable buffer a memory BIO exposes. */
#ifndef OPENSSL_BUFFER_H
#define OPENSSL_BUFFER_H

#include <stddef.h>
#include <openssl/types.h>

#ifdef __cplusplus
extern "C" {
#endif
#pragma GCC visibility push(default)

typedef struct buf_mem_st BUF_MEM;

/* Public layout, as programs read it directly. */
struct buf_mem_st {
    size_t length;
    char *data;
    size_t max;
    unsigned long flags;
};

#define BUF_MEM_FLAG_SECURE 0x01

BUF_MEM *BUF_MEM_new(void);
BUF_MEM *BUF_MEM_new_ex(unsigned long flags);
void BUF_MEM_free(BUF_MEM *a);
size_t BUF_MEM_grow(BUF_MEM *str, size_t len);
size_t BUF_MEM_grow_clean(BUF_MEM *str, size_t len);

#pragma GCC visibility pop
#ifdef __cplusplus
}
#endif

#endif
