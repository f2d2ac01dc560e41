/*
 * The block buffering shared by MD5, SHA-1 and SHA-2 over OpenSSL's context
 * layouts: the partial block carried in the context, whole blocks handed
 * straight to the compression function, and the final padding (0x80, zeros,
 * the encoded bit length). Each hash keeps only its compression dispatch,
 * its initial values and its length encoding.
 *
 * The functions are static inline and take the block function as an
 * argument: each call site passes a constant, so the compiler calls (and
 * usually inlines) the compression directly.
 */
#ifndef MINTLS_INTERNAL_MD_BUFFER_H
#define MINTLS_INTERNAL_MD_BUFFER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Compresses nblocks whole blocks at p into the hash context ctx. */
typedef void md_blocks_fn(void *ctx, const uint8_t *p, size_t nblocks);

/* Adds len bytes to a bit count kept as two 32-bit words (MD5, SHA-1, SHA-256). */
static inline void md_count_add32(unsigned int *lo, unsigned int *hi, size_t len)
{
    uint64_t bits = (((uint64_t)*hi << 32) | *lo) + ((uint64_t)len << 3);
    *lo = (uint32_t)bits;
    *hi = (uint32_t)(bits >> 32);
}

/* Absorbs len bytes of data: tops up the partial block buf (holding *num of
 * block_len bytes), then compresses whole blocks in place and keeps the
 * rest in buf. */
static inline void md_buffer_update(void *ctx, md_blocks_fn *blocks, uint8_t *buf,
                                    unsigned int *num, size_t block_len,
                                    const void *data, size_t len)
{
    const uint8_t *p = data;

    if (len == 0)
        return;
    if (*num != 0) {
        size_t take = block_len - *num;
        if (take > len)
            take = len;
        memcpy(buf + *num, p, take);
        *num += (unsigned int)take;
        p += take;
        len -= take;
        if (*num < block_len)
            return;
        blocks(ctx, buf, 1);
        *num = 0;
    }
    if (len >= block_len) {
        size_t n = len / block_len;
        blocks(ctx, p, n);
        p += n * block_len;
        len -= n * block_len;
    }
    if (len != 0) {
        memcpy(buf, p, len);
        *num = (unsigned int)len;
    }
}

/* Pads the partial block buf (num bytes) with 0x80 and zeros, ends it with
 * the length_size bytes at length (the encoded bit count), and compresses
 * the one or two blocks that makes. */
static inline void md_buffer_final(void *ctx, md_blocks_fn *blocks, uint8_t *buf,
                                   unsigned int num, size_t block_len,
                                   const uint8_t *length, size_t length_size)
{
    size_t n = num;

    buf[n++] = 0x80;
    if (n > block_len - length_size) {
        memset(buf + n, 0, block_len - n);
        blocks(ctx, buf, 1);
        n = 0;
    }
    memset(buf + n, 0, block_len - length_size - n);
    memcpy(buf + block_len - length_size, length, length_size);
    blocks(ctx, buf, 1);
}

#endif
