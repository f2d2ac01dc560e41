/*
 * Reason and library strings. A reason's text is its name in lower case
 * with spaces, as OpenSSL prints it ("bad decrypt"). Strings that programs
 * add with ERR_load_strings are kept in a small list under a lock.
 */
#include "internal/err_strings.h"

#include <openssl/bioerr.h>
#include <openssl/evp.h>
#include <openssl/pemerr.h>
#include <openssl/x509err.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <stdlib.h>

typedef struct {
    int lib;
    int reason;
    const char *text;
} reason_text;

static const struct {
    int lib;
    const char *text;
} lib_names[] = {
    {ERR_LIB_NONE, "unknown library"},
    {ERR_LIB_SYS, "system library"},
    {ERR_LIB_BN, "bignum routines"},
    {ERR_LIB_RSA, "rsa routines"},
    {ERR_LIB_DH, "Diffie-Hellman routines"},
    {ERR_LIB_EVP, "digital envelope routines"},
    {ERR_LIB_BUF, "memory buffer routines"},
    {ERR_LIB_OBJ, "object identifier routines"},
    {ERR_LIB_PEM, "PEM routines"},
    {ERR_LIB_X509, "x509 certificate routines"},
    {ERR_LIB_ASN1, "asn1 encoding routines"},
    {ERR_LIB_CONF, "configuration file routines"},
    {ERR_LIB_CRYPTO, "common libcrypto routines"},
    {ERR_LIB_EC, "elliptic curve routines"},
    {ERR_LIB_SSL, "SSL routines"},
    {ERR_LIB_BIO, "BIO routines"},
    {ERR_LIB_X509V3, "X509 V3 routines"},
    {ERR_LIB_RAND, "random number generator"},
    {ERR_LIB_ECDSA, "ECDSA routines"},
    {ERR_LIB_HMAC, "HMAC routines"},
    {ERR_LIB_KDF, "KDF routines"},
    {ERR_LIB_PROV, "Provider routines"},
    {ERR_LIB_USER, "user library"},
    {ERR_LIB_OSSL_DECODER, "DECODER routines"},
    {ERR_LIB_PKCS12, "PKCS12 routines"},
};

/* Reasons any library may raise (they carry ERR_RFLAG_COMMON). */
static const reason_text common_reasons[] = {
    {0, ERR_R_MALLOC_FAILURE, "malloc failure"},
    {0, ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED, "called a function you should not call"},
    {0, ERR_R_PASSED_NULL_PARAMETER, "passed a null parameter"},
    {0, ERR_R_INTERNAL_ERROR, "internal error"},
    {0, ERR_R_DISABLED, "called a function that was disabled at compile-time"},
    {0, ERR_R_INIT_FAIL, "init fail"},
    {0, ERR_R_PASSED_INVALID_ARGUMENT, "passed invalid argument"},
    {0, ERR_R_OPERATION_FAIL, "operation fail"},
    {0, ERR_R_UNSUPPORTED, "unsupported"},
    {0, ERR_R_FETCH_FAILED, "fetch failed"},
    {0, ERR_R_EVP_LIB, "EVP lib"},
    {0, ERR_R_SYS_LIB, "system lib"},
    {0, ERR_R_BUF_LIB, "BUF lib"},
    {0, ERR_R_ASN1_LIB, "ASN1 lib"},
    {0, ERR_R_X509_LIB, "X509 lib"},
    {0, ERR_R_PEM_LIB, "PEM lib"},
    {0, ERR_R_BIO_LIB, "BIO lib"},
    {0, ERR_R_RAND_LIB, "RAND lib"},
};

static const reason_text lib_reasons[] = {
    {ERR_LIB_EVP, EVP_R_BAD_DECRYPT, "bad decrypt"},
    {ERR_LIB_EVP, EVP_R_DIFFERENT_KEY_TYPES, "different key types"},
    {ERR_LIB_EVP, EVP_R_MISSING_PARAMETERS, "missing parameters"},
    {ERR_LIB_EVP, EVP_R_PUBLIC_KEY_NOT_RSA, "public key not rsa"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_CIPHER, "unsupported cipher"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_SIZE, "unsupported key size"},
    {ERR_LIB_EVP, EVP_R_WRONG_FINAL_BLOCK_LENGTH, "wrong final block length"},
    {ERR_LIB_EVP, EVP_R_INPUT_NOT_INITIALIZED, "input not initialized"},
    {ERR_LIB_EVP, EVP_R_DECODE_ERROR, "decode error"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRIVATE_KEY_ALGORITHM, "unsupported private key algorithm"},
    {ERR_LIB_EVP, EVP_R_UNKNOWN_PBE_ALGORITHM, "unknown pbe algorithm"},
    {ERR_LIB_EVP, EVP_R_CIPHER_PARAMETER_ERROR, "cipher parameter error"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEYLENGTH, "unsupported keylength"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_DERIVATION_FUNCTION, "unsupported key derivation function"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_PRF, "unsupported prf"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_SALT_TYPE, "unsupported salt type"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_AN_RSA_KEY, "expecting an rsa key"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_DH_KEY, "expecting a dh key"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_DSA_KEY, "expecting a dsa key"},
    {ERR_LIB_EVP, EVP_R_INVALID_KEY_LENGTH, "invalid key length"},
    {ERR_LIB_EVP, EVP_R_NO_CIPHER_SET, "no cipher set"},
    {ERR_LIB_EVP, EVP_R_CTRL_NOT_IMPLEMENTED, "ctrl not implemented"},
    {ERR_LIB_EVP, EVP_R_CTRL_OPERATION_NOT_IMPLEMENTED, "ctrl operation not implemented"},
    {ERR_LIB_EVP, EVP_R_INITIALIZATION_ERROR, "initialization error"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_NUMBER_OF_ROUNDS, "unsupported number of rounds"},
    {ERR_LIB_EVP, EVP_R_DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH, "data not multiple of block length"},
    {ERR_LIB_EVP, EVP_R_NO_DIGEST_SET, "no digest set"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_EC_KEY, "expecting a ec key"},
    {ERR_LIB_EVP, EVP_R_AES_KEY_SETUP_FAILED, "aes key setup failed"},
    {ERR_LIB_EVP, EVP_R_METHOD_NOT_SUPPORTED, "method not supported"},
    {ERR_LIB_EVP, EVP_R_PRIVATE_KEY_DECODE_ERROR, "private key decode error"},
    {ERR_LIB_EVP, EVP_R_PRIVATE_KEY_ENCODE_ERROR, "private key encode error"},
    {ERR_LIB_EVP, EVP_R_COMMAND_NOT_SUPPORTED, "command not supported"},
    {ERR_LIB_EVP, EVP_R_INVALID_OPERATION, "invalid operation"},
    {ERR_LIB_EVP, EVP_R_NO_OPERATION_SET, "no operation set"},
    {ERR_LIB_EVP, EVP_R_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE, "operation not supported for this keytype"},
    {ERR_LIB_EVP, EVP_R_OPERATION_NOT_INITIALIZED, "operation not initialized"},
    {ERR_LIB_EVP, EVP_R_INVALID_DIGEST, "invalid digest"},
    {ERR_LIB_EVP, EVP_R_DIFFERENT_PARAMETERS, "different parameters"},
    {ERR_LIB_EVP, EVP_R_NO_KEY_SET, "no key set"},
    {ERR_LIB_EVP, EVP_R_BUFFER_TOO_SMALL, "buffer too small"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_ALGORITHM, "unsupported algorithm"},
    {ERR_LIB_EVP, EVP_R_CAMELLIA_KEY_SETUP_FAILED, "camellia key setup failed"},
    {ERR_LIB_EVP, EVP_R_NO_DEFAULT_DIGEST, "no default digest"},
    {ERR_LIB_EVP, EVP_R_MESSAGE_DIGEST_IS_NULL, "message digest is null"},
    {ERR_LIB_EVP, EVP_R_UNKNOWN_CIPHER, "unknown cipher"},
    {ERR_LIB_EVP, EVP_R_UNKNOWN_DIGEST, "unknown digest"},
    {ERR_LIB_EVP, EVP_R_PARTIALLY_OVERLAPPING, "partially overlapping"},
    {ERR_LIB_EVP, EVP_R_INVALID_KEY, "invalid key"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_POLY1305_KEY, "expecting a poly1305 key"},
    {ERR_LIB_EVP, EVP_R_ERROR_LOADING_SECTION, "error loading section"},
    {ERR_LIB_EVP, EVP_R_UNKNOWN_OPTION, "unknown option"},
    {ERR_LIB_EVP, EVP_R_WRAP_MODE_NOT_ALLOWED, "wrap mode not allowed"},
    {ERR_LIB_EVP, EVP_R_ILLEGAL_SCRYPT_PARAMETERS, "illegal scrypt parameters"},
    {ERR_LIB_EVP, EVP_R_MEMORY_LIMIT_EXCEEDED, "memory limit exceeded"},
    {ERR_LIB_EVP, EVP_R_COPY_ERROR, "copy error"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_AN_HMAC_KEY, "expecting an hmac key"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_SIPHASH_KEY, "expecting a siphash key"},
    {ERR_LIB_EVP, EVP_R_ARIA_KEY_SETUP_FAILED, "aria key setup failed"},
    {ERR_LIB_EVP, EVP_R_ONLY_ONESHOT_SUPPORTED, "only oneshot supported"},
    {ERR_LIB_EVP, EVP_R_NOT_XOF_OR_INVALID_LENGTH, "not xof or invalid length"},
    {ERR_LIB_EVP, EVP_R_PKEY_APPLICATION_ASN1_METHOD_ALREADY_REGISTERED, "pkey application asn1 method already registered"},
    {ERR_LIB_EVP, EVP_R_KEY_SETUP_FAILED, "key setup failed"},
    {ERR_LIB_EVP, EVP_R_PBKDF2_ERROR, "pbkdf2 error"},
    {ERR_LIB_EVP, EVP_R_GET_RAW_KEY_FAILED, "get raw key failed"},
    {ERR_LIB_EVP, EVP_R_TOO_MANY_RECORDS, "too many records"},
    {ERR_LIB_EVP, EVP_R_CIPHER_NOT_GCM_MODE, "cipher not gcm mode"},
    {ERR_LIB_EVP, EVP_R_INVALID_CUSTOM_LENGTH, "invalid custom length"},
    {ERR_LIB_EVP, EVP_R_INVALID_SALT_LENGTH, "invalid salt length"},
    {ERR_LIB_EVP, EVP_R_PARAMETER_TOO_LARGE, "parameter too large"},
    {ERR_LIB_EVP, EVP_R_FINAL_ERROR, "final error"},
    {ERR_LIB_EVP, EVP_R_UPDATE_ERROR, "update error"},
    {ERR_LIB_EVP, EVP_R_NOT_ABLE_TO_COPY_CTX, "not able to copy ctx"},
    {ERR_LIB_EVP, EVP_R_XTS_DATA_UNIT_IS_TOO_LARGE, "xts data unit is too large"},
    {ERR_LIB_EVP, EVP_R_XTS_DUPLICATED_KEYS, "xts duplicated keys"},
    {ERR_LIB_EVP, EVP_R_INVALID_PROVIDER_FUNCTIONS, "invalid provider functions"},
    {ERR_LIB_EVP, EVP_R_INVALID_IV_LENGTH, "invalid iv length"},
    {ERR_LIB_EVP, EVP_R_BAD_KEY_LENGTH, "bad key length"},
    {ERR_LIB_EVP, EVP_R_NO_KEYMGMT_PRESENT, "no keymgmt present"},
    {ERR_LIB_EVP, EVP_R_CANNOT_GET_PARAMETERS, "cannot get parameters"},
    {ERR_LIB_EVP, EVP_R_CANNOT_SET_PARAMETERS, "cannot set parameters"},
    {ERR_LIB_EVP, EVP_R_NO_KEYMGMT_AVAILABLE, "no keymgmt available"},
    {ERR_LIB_EVP, EVP_R_BAD_ALGORITHM_NAME, "bad algorithm name"},
    {ERR_LIB_EVP, EVP_R_CONFLICTING_ALGORITHM_NAME, "conflicting algorithm name"},
    {ERR_LIB_EVP, EVP_R_OUTPUT_WOULD_OVERFLOW, "output would overflow"},
    {ERR_LIB_EVP, EVP_R_INACCESSIBLE_KEY, "inaccessible key"},
    {ERR_LIB_EVP, EVP_R_INACCESSIBLE_DOMAIN_PARAMETERS, "inaccessible domain parameters"},
    {ERR_LIB_EVP, EVP_R_KEYMGMT_EXPORT_FAILURE, "keymgmt export failure"},
    {ERR_LIB_EVP, EVP_R_NO_IMPORT_FUNCTION, "no import function"},
    {ERR_LIB_EVP, EVP_R_UNKNOWN_KEY_TYPE, "unknown key type"},
    {ERR_LIB_EVP, EVP_R_NULL_MAC_PKEY_CTX, "null mac pkey ctx"},
    {ERR_LIB_EVP, EVP_R_SET_DEFAULT_PROPERTY_FAILURE, "set default property failure"},
    {ERR_LIB_EVP, EVP_R_DEFAULT_QUERY_PARSE_ERROR, "default query parse error"},
    {ERR_LIB_EVP, EVP_R_UNABLE_TO_LOCK_CONTEXT, "unable to lock context"},
    {ERR_LIB_EVP, EVP_R_UNABLE_TO_ENABLE_LOCKING, "unable to enable locking"},
    {ERR_LIB_EVP, EVP_R_LOCKING_NOT_SUPPORTED, "locking not supported"},
    {ERR_LIB_EVP, EVP_R_GENERATE_ERROR, "generate error"},
    {ERR_LIB_EVP, EVP_R_UNABLE_TO_GET_MAXIMUM_REQUEST_SIZE, "unable to get maximum request size"},
    {ERR_LIB_EVP, EVP_R_UNABLE_TO_GET_RANDOM_STRENGTH, "unable to get random strength"},
    {ERR_LIB_EVP, EVP_R_UNABLE_TO_SET_CALLBACKS, "unable to set callbacks"},
    {ERR_LIB_EVP, EVP_R_INVALID_NULL_ALGORITHM, "invalid null algorithm"},
    {ERR_LIB_EVP, EVP_R_EXPECTING_A_ECX_KEY, "expecting a ecx key"},
    {ERR_LIB_EVP, EVP_R_INVALID_SEED_LENGTH, "invalid seed length"},
    {ERR_LIB_EVP, EVP_R_INVALID_LENGTH, "invalid length"},
    {ERR_LIB_EVP, EVP_R_INVALID_VALUE, "invalid value"},
    {ERR_LIB_EVP, EVP_R_INVALID_SECRET_LENGTH, "invalid secret length"},
    {ERR_LIB_EVP, EVP_R_UNSUPPORTED_KEY_TYPE, "unsupported key type"},
    {ERR_LIB_EVP, EVP_R_CACHE_CONSTANTS_FAILED, "cache constants failed"},
    {ERR_LIB_EVP, EVP_R_SETTING_XOF_FAILED, "setting xof failed"},
    {ERR_LIB_RAND, RAND_R_ERROR_RETRIEVING_ENTROPY, "error retrieving entropy"},
    {ERR_LIB_RAND, RAND_R_ARGUMENT_OUT_OF_RANGE, "argument out of range"},
    /* BIO reasons (include/openssl/bioerr.h). */
    {ERR_LIB_BIO, BIO_R_BAD_FOPEN_MODE, "bad fopen mode"},
    {ERR_LIB_BIO, BIO_R_NULL_PARAMETER, "null parameter"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_CREATE_SOCKET, "unable to create socket"},
    {ERR_LIB_BIO, BIO_R_UNINITIALIZED, "uninitialized"},
    {ERR_LIB_BIO, BIO_R_UNSUPPORTED_METHOD, "unsupported method"},
    {ERR_LIB_BIO, BIO_R_IN_USE, "in use"},
    {ERR_LIB_BIO, BIO_R_BROKEN_PIPE, "broken pipe"},
    {ERR_LIB_BIO, BIO_R_INVALID_ARGUMENT, "invalid argument"},
    {ERR_LIB_BIO, BIO_R_WRITE_TO_READ_ONLY_BIO, "write to read only BIO"},
    {ERR_LIB_BIO, BIO_R_NO_SUCH_FILE, "no such file"},
    /* BIO socket and address reasons (crypto/bio_addr.c ... bio_accept.c). */
    {ERR_LIB_BIO, BIO_R_ACCEPT_ERROR, "accept error"},
    {ERR_LIB_BIO, BIO_R_CONNECT_ERROR, "connect error"},
    {ERR_LIB_BIO, BIO_R_NBIO_CONNECT_ERROR, "nbio connect error"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_BIND_SOCKET, "unable to bind socket"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_LISTEN_SOCKET, "unable to listen socket"},
    {ERR_LIB_BIO, BIO_R_AMBIGUOUS_HOST_OR_SERVICE, "ambiguous host or service"},
    {ERR_LIB_BIO, BIO_R_MALFORMED_HOST_OR_SERVICE, "malformed host or service"},
    {ERR_LIB_BIO, BIO_R_UNSUPPORTED_PROTOCOL_FAMILY, "unsupported protocol family"},
    {ERR_LIB_BIO, BIO_R_GETSOCKNAME_ERROR, "getsockname error"},
    {ERR_LIB_BIO, BIO_R_GETSOCKNAME_TRUNCATED_ADDRESS, "getsockname truncated address"},
    {ERR_LIB_BIO, BIO_R_GETTING_SOCKTYPE, "getting socktype"},
    {ERR_LIB_BIO, BIO_R_INVALID_SOCKET, "invalid socket"},
    {ERR_LIB_BIO, BIO_R_LISTEN_V6_ONLY, "listen v6 only"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_KEEPALIVE, "unable to keepalive"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_NODELAY, "unable to nodelay"},
    {ERR_LIB_BIO, BIO_R_UNABLE_TO_REUSEADDR, "unable to reuseaddr"},
    {ERR_LIB_BIO, BIO_R_UNKNOWN_INFO_TYPE, "unknown info type"},
    {ERR_LIB_BIO, BIO_R_LOOKUP_RETURNED_NOTHING, "lookup returned nothing"},
    {ERR_LIB_BIO, BIO_R_NO_ACCEPT_ADDR_OR_SERVICE_SPECIFIED, "no accept addr or service specified"},
    {ERR_LIB_BIO, BIO_R_NO_HOSTNAME_OR_SERVICE_SPECIFIED, "no hostname or service specified"},
    {ERR_LIB_BIO, BIO_R_UNSUPPORTED_IP_FAMILY, "unsupported ip family"},
    {ERR_LIB_BIO, BIO_R_UNAVAILABLE_IP_FAMILY, "unavailable ip family"},
    {ERR_LIB_BIO, BIO_R_CONNECT_TIMEOUT, "connect timeout"},
    {ERR_LIB_BIO, BIO_R_NO_PORT_DEFINED, "no port defined"},
    /* PEM reasons the key readers raise (crypto/pem_pkey.c). */
    {ERR_LIB_PEM, PEM_R_NO_START_LINE, "no start line"},
    {ERR_LIB_PEM, PEM_R_BAD_END_LINE, "bad end line"},
    {ERR_LIB_PEM, PEM_R_BAD_BASE64_DECODE, "bad base64 decode"},
    {ERR_LIB_PEM, PEM_R_UNSUPPORTED_ENCRYPTION, "unsupported encryption"},
    {ERR_LIB_PEM, PEM_R_BAD_PASSWORD_READ, "bad password read"},
    {ERR_LIB_PEM, PEM_R_PROBLEMS_GETTING_PASSWORD, "problems getting password"},
    /* Encrypted PKCS#8 (crypto/pkcs8_pbes2.c), as OpenSSL 3.0 words them. */
    {ERR_LIB_PROV, 100 /* PROV_R_BAD_DECRYPT */, "bad decrypt"},
    /* AES-CBC through EVP (crypto/evp_cbc.c), as OpenSSL 3.0's provider words them. */
    {ERR_LIB_PROV, 107 /* PROV_R_WRONG_FINAL_BLOCK_LENGTH */, "wrong final block length"},
    {ERR_LIB_PROV, 114 /* PROV_R_NO_KEY_SET */, "no key set"},
    {ERR_LIB_PKCS12, 101 /* PKCS12_R_DECODE_ERROR */, "decode error"},
    {ERR_LIB_PKCS12, 116 /* PKCS12_R_PKCS12_CIPHERFINAL_ERROR */, "pkcs12 cipherfinal error"},
    /* X509_check_private_key (crypto/x509_check_key.c). */
    {ERR_LIB_X509, X509_R_KEY_TYPE_MISMATCH, "key type mismatch"},
    {ERR_LIB_X509, X509_R_KEY_VALUES_MISMATCH, "key values mismatch"},
    {ERR_LIB_X509, X509_R_UNKNOWN_KEY_TYPE, "unknown key type"},
    /* Stores, lookups and verification (crypto/x509_lookup.c, x509_store_ctx.c, x509_vpm.c). */
    {ERR_LIB_X509, X509_R_BAD_X509_FILETYPE, "bad x509 filetype"},
    {ERR_LIB_X509, X509_R_INVALID_DIRECTORY, "invalid directory"},
    {ERR_LIB_X509, X509_R_INVALID_TRUST, "invalid trust"},
    {ERR_LIB_X509, X509_R_LOADING_DEFAULTS, "loading defaults"},
    {ERR_LIB_X509, X509_R_METHOD_NOT_SUPPORTED, "method not supported"},
    {ERR_LIB_X509, X509_R_NO_CERTIFICATE_FOUND, "no certificate found"},
    {ERR_LIB_X509, X509_R_NO_CERTIFICATE_OR_CRL_FOUND, "no certificate or crl found"},
    {ERR_LIB_X509, X509_R_NO_CERT_SET_FOR_US_TO_VERIFY, "no cert set for us to verify"},
    {ERR_LIB_X509, X509_R_UNKNOWN_PURPOSE_ID, "unknown purpose id"},
    {ERR_LIB_X509V3, 146 /* X509V3_R_INVALID_PURPOSE */, "invalid purpose"},
};

typedef struct user_string {
    unsigned long code;
    const char *text;
    struct user_string *next;
} user_string;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static user_string *g_user;
static int g_next_lib = ERR_LIB_USER;

const char *mintls_err_lib_string(int lib)
{
    for (size_t i = 0; i < sizeof(lib_names) / sizeof(lib_names[0]); i++)
        if (lib_names[i].lib == lib)
            return lib_names[i].text;
    const char *found = NULL;
    pthread_mutex_lock(&g_lock);
    for (user_string *u = g_user; u != NULL && found == NULL; u = u->next)
        if (u->code == ERR_PACK(lib, 0, 0))
            found = u->text;
    pthread_mutex_unlock(&g_lock);
    return found;
}

const char *mintls_err_reason_string(int lib, int reason)
{
    for (size_t i = 0; i < sizeof(lib_reasons) / sizeof(lib_reasons[0]); i++)
        if (lib_reasons[i].lib == lib && lib_reasons[i].reason == reason)
            return lib_reasons[i].text;
    if (reason & ERR_RFLAG_COMMON)
        for (size_t i = 0; i < sizeof(common_reasons) / sizeof(common_reasons[0]); i++)
            if (common_reasons[i].reason == reason)
                return common_reasons[i].text;
    const char *found = NULL;
    pthread_mutex_lock(&g_lock);
    for (user_string *u = g_user; u != NULL && found == NULL; u = u->next)
        if (u->code == ERR_PACK(lib, 0, reason) && reason != 0)
            found = u->text;
    pthread_mutex_unlock(&g_lock);
    return found;
}

int mintls_err_load_strings(int lib, const ERR_STRING_DATA *str)
{
    if (str == NULL)
        return 0;
    pthread_mutex_lock(&g_lock);
    for (; str->error != 0 || str->string != NULL; str++) {
        user_string *u = malloc(sizeof(*u));
        if (u == NULL)
            break;
        u->code = lib ? (str->error | ERR_PACK(lib, 0, 0)) : str->error;
        u->text = str->string;
        u->next = g_user;
        g_user = u;
    }
    pthread_mutex_unlock(&g_lock);
    return 1;
}

int mintls_err_next_library(void)
{
    pthread_mutex_lock(&g_lock);
    int lib = g_next_lib++;
    pthread_mutex_unlock(&g_lock);
    return lib;
}
