/*
 * CPU feature detection, done once. The OS must also have enabled the wide
 * register state (XCR0) before AVX/AVX-512 instructions may be used.
 */
#include "internal/cpu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define MINTLS_X86 1
#endif

static uint32_t g_caps;
static char g_desc[200];
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static const struct {
    const char *name;
    uint32_t bit;
} feature_names[] = {
    {"aesni", MINTLS_CPU_AESNI},     {"pclmul", MINTLS_CPU_PCLMUL},
    {"ssse3", MINTLS_CPU_SSSE3},     {"avx2", MINTLS_CPU_AVX2},
    {"bmi2", MINTLS_CPU_BMI2},       {"adx", MINTLS_CPU_ADX},
    {"shani", MINTLS_CPU_SHANI},     {"vaes", MINTLS_CPU_VAES},
    {"vpclmulqdq", MINTLS_CPU_VPCLMULQDQ},
    {"avx512f", MINTLS_CPU_AVX512F}, {"avx512vl", MINTLS_CPU_AVX512VL},
    {"avx512bw", MINTLS_CPU_AVX512BW},
    {"avx512ifma", MINTLS_CPU_AVX512IFMA},
};

#ifdef MINTLS_X86
static uint64_t read_xcr0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static uint32_t detect(void)
{
    unsigned a, b, c, d;
    uint32_t caps = 0;

    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (c & bit_SSSE3)
        caps |= MINTLS_CPU_SSSE3;
    if (c & bit_AES)
        caps |= MINTLS_CPU_AESNI;
    if (c & bit_PCLMUL)
        caps |= MINTLS_CPU_PCLMUL;

    int osxsave = (c & bit_OSXSAVE) != 0;
    int avx = (c & bit_AVX) != 0;
    uint64_t xcr0 = osxsave ? read_xcr0() : 0;
    int ymm_ok = avx && (xcr0 & 0x6) == 0x6;
    int zmm_ok = ymm_ok && (xcr0 & 0xe0) == 0xe0;

    if (__get_cpuid_max(0, NULL) < 7)
        return caps;
    __cpuid_count(7, 0, a, b, c, d);
    if ((b & bit_AVX2) && ymm_ok)
        caps |= MINTLS_CPU_AVX2;
    if (b & bit_BMI2)
        caps |= MINTLS_CPU_BMI2;
    if (b & bit_ADX)
        caps |= MINTLS_CPU_ADX;
    if (b & bit_SHA)
        caps |= MINTLS_CPU_SHANI;
    if (ymm_ok && (c & bit_VAES))
        caps |= MINTLS_CPU_VAES;
    if (ymm_ok && (c & bit_VPCLMULQDQ))
        caps |= MINTLS_CPU_VPCLMULQDQ;
    if (zmm_ok) {
        if (b & bit_AVX512F)
            caps |= MINTLS_CPU_AVX512F;
        if (b & bit_AVX512VL)
            caps |= MINTLS_CPU_AVX512VL;
        if (b & bit_AVX512BW)
            caps |= MINTLS_CPU_AVX512BW;
        if (b & bit_AVX512IFMA)
            caps |= MINTLS_CPU_AVX512IFMA;
    }
    return caps;
}
#else
static uint32_t detect(void)
{
    return 0;
}
#endif

/* MINTLS_CPU keeps only the named features; "portable" keeps none. */
static uint32_t apply_env(uint32_t caps)
{
    const char *env = getenv("MINTLS_CPU");
    if (env == NULL || *env == '\0')
        return caps;
    uint32_t allowed = 0;
    char buf[256];
    strncpy(buf, env, sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", ", &save); tok != NULL;
         tok = strtok_r(NULL, ", ", &save)) {
        for (size_t i = 0; i < sizeof(feature_names) / sizeof(feature_names[0]); i++)
            if (strcmp(tok, feature_names[i].name) == 0)
                allowed |= feature_names[i].bit;
        /* A family name: allows all of it (the 512-bit paths need all three). */
        if (strcmp(tok, "avx512") == 0)
            allowed |= MINTLS_CPU_AVX512;
    }
    return caps & allowed;
}

static void init_caps(void)
{
    g_caps = apply_env(detect());
    size_t off = 0;
    g_desc[0] = '\0';
    for (size_t i = 0; i < sizeof(feature_names) / sizeof(feature_names[0]); i++) {
        if (!(g_caps & feature_names[i].bit))
            continue;
        size_t n = strlen(feature_names[i].name);
        if (off + n + 2 >= sizeof(g_desc))
            break;
        if (off > 0)
            g_desc[off++] = ',';
        memcpy(g_desc + off, feature_names[i].name, n + 1);
        off += n;
    }
    if (off == 0)
        strcpy(g_desc, "portable");
}

uint32_t mintls_cpu_caps(void)
{
    pthread_once(&g_once, init_caps);
    return g_caps;
}

const char *mintls_cpu_describe(void)
{
    pthread_once(&g_once, init_caps);
    return g_desc;
}
