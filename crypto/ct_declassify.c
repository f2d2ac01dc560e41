/*
 * The one sanctioned way to turn a secret-derived yes/no into a public one.
 *
 * Some outcomes computed from secrets become public anyway and are cheaper
 * to act on with a branch: a private key out of range (the call fails), an
 * ECDSA nonce candidate rejected (probability about 2^-32, and the rejected
 * value is never used). Code that branches on such a mask calls this
 * function, and the valgrind constant-time tests suppress exactly this
 * function (tests/ct/declassify.supp), so that every other secret-dependent
 * branch still fails them.
 */
#include "internal/ct.h"

__attribute__((noinline)) int mintls_ct_declassify(uint64_t mask)
{
    /*
     * The empty volatile asm on one side keeps a real conditional branch
     * here (the compiler may not if-convert it), so that valgrind reports
     * the declassification in this function, where the tests suppress it,
     * and the caller only ever sees the constants 0 and 1.
     */
    if (ct_barrier_u64(mask) != 0) {
        __asm__ __volatile__("");
        return 1;
    }
    return 0;
}
