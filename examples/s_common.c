/*
 * Flag parsing, error reporting, the shared TLS settings, certificate
 * loading and the -brief summary for s_client and s_server.
 */
#include "s_common.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

const char *s_prog = "s_tool";

void s_print_errors(void)
{
    ERR_print_errors_fp(stderr);
}

void s_error(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", s_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    s_print_errors();
    fflush(stderr);
}

const char *s_flag_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        s_error("%s needs a value", argv[*i]);
        return NULL;
    }
    *i += 1;
    return argv[*i];
}

int s_parse_int(const char *flag, const char *text, int min, int max, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v < min || v > max) {
        s_error("%s: \"%s\" is not a number from %d to %d", flag, text, min, max);
        return 0;
    }
    *out = (int)v;
    return 1;
}

int s_split_host_port(const char *spec, const char *default_host,
                      char *host, size_t host_len, char *port, size_t port_len)
{
    const char *h = default_host, *p = spec;
    size_t hl = strlen(default_host);

    if (spec[0] == '[') {                      /* [v6 address]:port */
        const char *close = strchr(spec, ']');
        if (close == NULL || close[1] != ':')
            return 0;
        h = spec + 1;
        hl = (size_t)(close - h);
        p = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (colon != NULL) {
            if (strchr(spec, ':') != colon)    /* a bare v6 address is ambiguous */
                return 0;
            if (colon != spec) {
                h = spec;
                hl = (size_t)(colon - spec);
            }
            p = colon + 1;
        }
    }
    if (*p == '\0' || strlen(p) >= port_len || hl >= host_len)
        return 0;
    for (const char *c = p; *c != '\0'; c++)
        if (*c < '0' || *c > '9')
            return 0;
    memcpy(host, h, hl);
    host[hl] = '\0';
    strcpy(port, p);
    return 1;
}

/* A -tls1_x flag pins both ends of the version range to x. */
static int version_flag(struct s_tls_opts *o, const char *flag, int version)
{
#ifdef OPENSSL_NO_TLS1_2
    if (version == TLS1_2_VERSION) {
        s_error("%s: TLS 1.2 is not supported by this build (TLS 1.3 only for now)", flag);
        return -1;
    }
#endif
    (void)flag;
    o->min_version = o->max_version = version;
    return 1;
}

int s_tls_opts_flag(struct s_tls_opts *o, int argc, char **argv, int *i)
{
    const char *f = argv[*i];
    const char **slot = NULL;

    if (strcmp(f, "-tls1_3") == 0)
        return version_flag(o, f, TLS1_3_VERSION);
    if (strcmp(f, "-tls1_2") == 0)
        return version_flag(o, f, TLS1_2_VERSION);
    if (strcmp(f, "-tls1_1") == 0 || strcmp(f, "-tls1") == 0 || strcmp(f, "-ssl3") == 0) {
        s_error("%s: protocol versions before TLS 1.2 are not supported", f);
        return -1;
    }
    if (strcmp(f, "-sess_out") == 0 || strcmp(f, "-sess_in") == 0) {
        if (s_flag_value(argc, argv, i) == NULL)
            return -1;
        o->sess_flag = f;
        return 1;
    }
    if (strcmp(f, "-reconnect") == 0) {
        o->sess_flag = f;
        return 1;
    }
    if (strcmp(f, "-ciphersuites") == 0)
        slot = &o->ciphersuites;
    else if (strcmp(f, "-cipher") == 0)
        slot = &o->cipher;
    else if (strcmp(f, "-groups") == 0 || strcmp(f, "-curves") == 0)
        slot = &o->groups;
    else if (strcmp(f, "-alpn") == 0)
        slot = &o->alpn;
    else if (strcmp(f, "-keylogfile") == 0)
        slot = &o->keylog;
    else
        return 0;
    if ((*slot = s_flag_value(argc, argv, i)) == NULL)
        return -1;
    return 1;
}

int s_tls_opts_apply(SSL_CTX *ctx, const struct s_tls_opts *o)
{
    if (o->sess_flag != NULL) {
        /* Resumption is not in the library yet; saying so beats ignoring it. */
        s_error("%s: session resumption is not supported yet", o->sess_flag);
        return 0;
    }
    if (o->min_version != 0 && !SSL_CTX_set_min_proto_version(ctx, o->min_version)) {
        s_error("cannot set the minimum protocol version");
        return 0;
    }
    if (o->max_version != 0 && !SSL_CTX_set_max_proto_version(ctx, o->max_version)) {
        s_error("cannot set the maximum protocol version");
        return 0;
    }
    if (o->ciphersuites != NULL && !SSL_CTX_set_ciphersuites(ctx, o->ciphersuites)) {
        s_error("-ciphersuites: no usable TLS 1.3 cipher suite in \"%s\"", o->ciphersuites);
        return 0;
    }
    if (o->cipher != NULL && !SSL_CTX_set_cipher_list(ctx, o->cipher)) {
        s_error("-cipher: no usable cipher in \"%s\"", o->cipher);
        return 0;
    }
    if (o->groups != NULL && !SSL_CTX_set1_groups_list(ctx, o->groups)) {
        s_error("-groups: cannot use the group list \"%s\"", o->groups);
        return 0;
    }
    if (o->keylog != NULL && !s_keylog_start(ctx, o->keylog))
        return 0;
    return 1;
}

int s_version_ok(SSL *ssl, const struct s_tls_opts *o)
{
    const char *want = o->max_version == TLS1_3_VERSION ? "TLSv1.3"
                       : o->max_version == TLS1_2_VERSION ? "TLSv1.2" : NULL;
    const char *got = SSL_get_version(ssl);

    if (want == NULL || strcmp(want, got) == 0)
        return 1;
    /* A library that cannot speak the pinned version must not quietly
       speak another one; refuse the connection instead. */
    s_error("%s was asked for but %s was negotiated: %s is not supported by this "
            "TLS library yet", want, got, want);
    return 0;
}

unsigned char *s_alpn_wire(const char *list, unsigned int *out_len)
{
    size_t n = strlen(list);
    unsigned char *wire = malloc(n + 1);
    size_t at = 0;
    const char *p = list;

    if (wire == NULL)
        return NULL;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len == 0 || len > 255) {
            s_error("-alpn: \"%s\" is not a comma-separated list of protocol names", list);
            free(wire);
            return NULL;
        }
        wire[at++] = (unsigned char)len;
        memcpy(wire + at, p, len);
        at += len;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    *out_len = (unsigned int)at;
    return wire;
}

int s_load_cert_key(SSL_CTX *ctx, const char *cert, const char *key)
{
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
        s_error("cannot load certificate from %s", cert);
        return 0;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key != NULL ? key : cert, SSL_FILETYPE_PEM) != 1) {
        s_error("cannot load private key from %s", key != NULL ? key : cert);
        return 0;
    }
    if (SSL_CTX_check_private_key(ctx) != 1) {
        s_error("the private key in %s does not match the certificate in %s",
                key != NULL ? key : cert, cert);
        return 0;
    }
    return 1;
}

int s_load_trust(SSL_CTX *ctx, const char *ca_file, const char *ca_path)
{
    if (ca_file == NULL && ca_path == NULL) {
        if (!SSL_CTX_set_default_verify_paths(ctx))
            ERR_clear_error(); /* no system store is not an error */
        return 1;
    }
    if (SSL_CTX_load_verify_locations(ctx, ca_file, ca_path) != 1) {
        s_error("cannot load trust anchors from %s", ca_file != NULL ? ca_file : ca_path);
        return 0;
    }
    return 1;
}

const char *s_group_description(SSL *ssl, char *buf, size_t len)
{
    int nid = (int)SSL_get_negotiated_group(ssl);
    const char *sn;

    switch (nid) {
    case NID_X25519:
        return "X25519, 253 bits";
    case NID_X448:
        return "X448, 448 bits";
    case NID_X9_62_prime256v1:
        return "ECDH, prime256v1, 256 bits";
    case NID_secp384r1:
        return "ECDH, secp384r1, 384 bits";
    case NID_secp521r1:
        return "ECDH, secp521r1, 521 bits";
    default:
        break;
    }
    if (nid <= 0)
        return NULL;
    sn = OBJ_nid2sn(nid);
    snprintf(buf, len, "%s", sn != NULL ? sn : "unknown group");
    return buf;
}

void s_print_brief(FILE *out, SSL *ssl, int is_client)
{
    const SSL_CIPHER *cipher = SSL_get_current_cipher(ssl);
    X509 *peer = SSL_get1_peer_certificate(ssl);
    const unsigned char *alpn = NULL;
    unsigned int alpn_len = 0;
    char buf[64];
    const char *group;

    fprintf(out, "CONNECTION ESTABLISHED\n");
    fprintf(out, "Protocol version: %s\n", SSL_get_version(ssl));
    fprintf(out, "Ciphersuite: %s\n", cipher != NULL ? SSL_CIPHER_get_name(cipher) : "(NONE)");
    if (peer != NULL) {
        fprintf(out, "Peer certificate: ");
        fflush(out);
        X509_NAME_print_ex_fp(out, X509_get_subject_name(peer), 0, XN_FLAG_ONELINE);
        fprintf(out, "\n");
        X509_free(peer);
    } else {
        fprintf(out, "No peer certificate\n");
    }
    if (peer != NULL || is_client) {
        long v = SSL_get_verify_result(ssl);
        if (v == X509_V_OK)
            fprintf(out, "Verification: OK\n");
        else
            fprintf(out, "Verification error: %s\n", X509_verify_cert_error_string(v));
    }
    group = s_group_description(ssl, buf, sizeof(buf));
    if (group != NULL)
        fprintf(out, "%s: %s\n", is_client ? "Server Temp Key" : "Negotiated group", group);
    SSL_get0_alpn_selected(ssl, &alpn, &alpn_len);
    if (alpn_len > 0)
        fprintf(out, "ALPN protocol: %.*s\n", (int)alpn_len, (const char *)alpn);
    fflush(out);
}
