/*
 * Library initialisation and version queries. mintls has no global state
 * to set up front (tables are static; lazily-built state uses pthread_once),
 * so the init calls only record that they were made.
 */
#include <openssl/crypto.h>
#include <openssl/err.h>

#include <stdlib.h>

#include "internal/cpu.h"

struct ossl_init_settings_st {
    int unused;
};

int OPENSSL_init_crypto(uint64_t opts, const OPENSSL_INIT_SETTINGS *settings)
{
    (void)opts;
    (void)settings;
    (void)mintls_cpu_caps();
    return 1;
}

void OPENSSL_cleanup(void)
{
}

OPENSSL_INIT_SETTINGS *OPENSSL_INIT_new(void)
{
    OPENSSL_INIT_SETTINGS *s = calloc(1, sizeof(*s));
    if (s == NULL)
        ERR_raise(ERR_LIB_CRYPTO, ERR_R_MALLOC_FAILURE);
    return s;
}

void OPENSSL_INIT_free(OPENSSL_INIT_SETTINGS *settings)
{
    free(settings);
}

int OPENSSL_INIT_set_config_appname(OPENSSL_INIT_SETTINGS *settings, const char *name)
{
    (void)name;
    return settings != NULL;
}

unsigned long OpenSSL_version_num(void)
{
    return OPENSSL_VERSION_NUMBER;
}

unsigned int OPENSSL_version_major(void)
{
    return OPENSSL_VERSION_MAJOR;
}

unsigned int OPENSSL_version_minor(void)
{
    return OPENSSL_VERSION_MINOR;
}

unsigned int OPENSSL_version_patch(void)
{
    return OPENSSL_VERSION_PATCH;
}

const char *OPENSSL_version_pre_release(void)
{
    return OPENSSL_VERSION_PRE_RELEASE;
}

const char *OPENSSL_version_build_metadata(void)
{
    return OPENSSL_VERSION_BUILD_METADATA;
}

const char *OpenSSL_version(int type)
{
    switch (type) {
    case OPENSSL_VERSION:
        return OPENSSL_VERSION_TEXT;
    case OPENSSL_VERSION_STRING:
        return OPENSSL_VERSION_STR;
    case OPENSSL_FULL_VERSION_STRING:
        return OPENSSL_FULL_VERSION_STR;
    case OPENSSL_CFLAGS:
        return "compiler: mintls build";
    case OPENSSL_BUILT_ON:
        return "built on: mintls";
    case OPENSSL_PLATFORM:
        return "platform: linux-x86_64";
    case OPENSSL_DIR:
        return "OPENSSLDIR: \"/usr/lib/ssl\"";
    case OPENSSL_ENGINES_DIR:
        return "ENGINESDIR: \"\"";
    case OPENSSL_MODULES_DIR:
        return "MODULESDIR: \"\"";
    case OPENSSL_CPU_INFO:
        return mintls_cpu_describe();
    default:
        return "not available";
    }
}
