/*
 * CPU feature dispatch: the only place that knows what the processor offers.
 * Detection runs once (crypto/cpu.c). MINTLS_CPU in the environment narrows
 * what is used, so tests and benchmarks can run every path on one machine:
 *   MINTLS_CPU=portable          no accelerated path at all
 *   MINTLS_CPU=aesni,pclmul      only the named features (if the CPU has them)
 * Feature names: aesni pclmul ssse3 avx2 bmi2 adx shani vaes vpclmulqdq
 *                avx512f avx512vl avx512bw avx512ifma
 *                avx512 (= avx512f,avx512vl,avx512bw)
 */
#ifndef MINTLS_INTERNAL_CPU_H
#define MINTLS_INTERNAL_CPU_H

#include <stdint.h>

enum {
    MINTLS_CPU_AESNI = 1u << 0,
    MINTLS_CPU_PCLMUL = 1u << 1,
    MINTLS_CPU_SSSE3 = 1u << 2,
    MINTLS_CPU_AVX2 = 1u << 3,
    MINTLS_CPU_BMI2 = 1u << 4,
    MINTLS_CPU_ADX = 1u << 5,
    MINTLS_CPU_SHANI = 1u << 6,
    MINTLS_CPU_VAES = 1u << 7,
    MINTLS_CPU_VPCLMULQDQ = 1u << 8,
    MINTLS_CPU_AVX512F = 1u << 9,
    MINTLS_CPU_AVX512VL = 1u << 10,
    MINTLS_CPU_AVX512BW = 1u << 11,
    MINTLS_CPU_AVX512IFMA = 1u << 12,
};

/*
 * Families: what a class of code paths needs as a whole. MINTLS_CPU also
 * accepts "avx512" for the three AVX-512 subsets below.
 */
#define MINTLS_CPU_AVX512 (MINTLS_CPU_AVX512F | MINTLS_CPU_AVX512VL | MINTLS_CPU_AVX512BW)

/* The features this process may use: detected and allowed by MINTLS_CPU. */
uint32_t mintls_cpu_caps(void);

/* 1 if every feature in mask is usable. */
static inline int mintls_cpu_has(uint32_t mask)
{
    return (mintls_cpu_caps() & mask) == mask;
}

/* A short description of the chosen features, for logs and benchmarks. */
const char *mintls_cpu_describe(void);

#endif
