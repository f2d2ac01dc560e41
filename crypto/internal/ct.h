/*
 * Constant-time helpers and secure wipe. Every piece of code that touches a
 * secret uses these; nothing else invents its own masks or comparisons.
 *
 * Masks are all-ones (true) or all-zeros (false). The value barrier hides a
 * value from the optimizer so that it cannot turn mask arithmetic back into
 * a branch.
 */
#ifndef MINTLS_INTERNAL_CT_H
#define MINTLS_INTERNAL_CT_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t ct_barrier_u32(uint32_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

static inline uint64_t ct_barrier_u64(uint64_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

/* 0xFFFFFFFF if x != 0, else 0. */
static inline uint32_t ct_mask_nonzero_u32(uint32_t x)
{
    x = ct_barrier_u32(x);
    return (uint32_t)0 - ((x | ((uint32_t)0 - x)) >> 31);
}

static inline uint32_t ct_mask_zero_u32(uint32_t x)
{
    return ~ct_mask_nonzero_u32(x);
}

static inline uint32_t ct_mask_eq_u32(uint32_t a, uint32_t b)
{
    return ct_mask_zero_u32(a ^ b);
}

/* All-ones if a < b (unsigned). */
static inline uint32_t ct_mask_lt_u32(uint32_t a, uint32_t b)
{
    uint64_t d = (uint64_t)ct_barrier_u32(a) - (uint64_t)b;
    return (uint32_t)0 - (uint32_t)(d >> 63);
}

static inline uint64_t ct_mask_nonzero_u64(uint64_t x)
{
    x = ct_barrier_u64(x);
    return (uint64_t)0 - ((x | ((uint64_t)0 - x)) >> 63);
}

static inline uint64_t ct_mask_zero_u64(uint64_t x)
{
    return ~ct_mask_nonzero_u64(x);
}

/* mask ? a : b, mask all-ones or all-zeros. */
static inline uint32_t ct_select_u32(uint32_t mask, uint32_t a, uint32_t b)
{
    return (ct_barrier_u32(mask) & a) | (~mask & b);
}

static inline uint64_t ct_select_u64(uint64_t mask, uint64_t a, uint64_t b)
{
    return (ct_barrier_u64(mask) & a) | (~mask & b);
}

/* Copy src over dst where mask is all-ones; leave dst where it is zero. */
static inline void ct_cond_copy(uint8_t *dst, const uint8_t *src, size_t len,
                                uint32_t mask)
{
    uint8_t m = (uint8_t)ct_barrier_u32(mask);
    for (size_t i = 0; i < len; i++)
        dst[i] = (uint8_t)((src[i] & m) | (dst[i] & (uint8_t)~m));
}

/* Swap a and b where mask is all-ones. */
static inline void ct_cond_swap_u64(uint64_t *a, uint64_t *b, size_t n,
                                    uint64_t mask)
{
    mask = ct_barrier_u64(mask);
    for (size_t i = 0; i < n; i++) {
        uint64_t t = (a[i] ^ b[i]) & mask;
        a[i] ^= t;
        b[i] ^= t;
    }
}

/* 1 if the two spans are equal, 0 otherwise; time depends only on len. */
static inline int ct_memeq(const void *a, const void *b, size_t len)
{
    const uint8_t *x = a, *y = b;
    uint32_t acc = 0;
    for (size_t i = 0; i < len; i++)
        acc |= (uint32_t)(x[i] ^ y[i]);
    return (int)(ct_mask_zero_u32(acc) & 1);
}

/*
 * Wipe memory in a way the compiler cannot drop as a dead store: the asm
 * statement claims to read the buffer after the memset.
 */
static inline void ct_wipe(void *p, size_t len)
{
    if (p == NULL || len == 0)
        return;
    __builtin_memset(p, 0, len);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

/*
 * 1 if mask is non-zero, else 0, as a public value: the declassification
 * of a secret-derived yes/no that becomes public anyway (crypto/ct_declassify.c
 * says when that is allowed; the valgrind tests suppress only that function).
 */
int mintls_ct_declassify(uint64_t mask);

#endif
