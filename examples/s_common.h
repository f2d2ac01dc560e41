/*
 * Helpers shared by the s_client and s_server examples: flag parsing,
 * error reporting, the TLS settings both tools take (versions, suites,
 * groups, ALPN, key log), certificate loading and the -brief summary.
 * Written against the OpenSSL API only, so the tools build against the
 * system OpenSSL as well as mintls.
 */
#ifndef S_COMMON_H
#define S_COMMON_H

#include <stdio.h>
#include <openssl/ssl.h>

/* The program name every message starts with ("s_client", "s_server"). */
extern const char *s_prog;

/* Prints "prog: message" on stderr, then the error queue (emptying it). */
void s_error(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints and empties the error queue, OpenSSL-style, on stderr. */
void s_print_errors(void);

/*
 * Flag parsing. s_flag_value() takes the value after argv[*i] (advancing
 * *i) and reports "prog: -flag needs a value" when it is missing.
 */
const char *s_flag_value(int argc, char **argv, int *i);
int s_parse_int(const char *flag, const char *text, int min, int max, int *out);
/*
 * Splits "host:port", "[v6]:port" or a bare "port" into its parts; host
 * is set to default_host when absent. Returns 0 on a malformed spec.
 */
int s_split_host_port(const char *spec, const char *default_host,
                      char *host, size_t host_len, char *port, size_t port_len);

/* The TLS settings both tools accept, as given on the command line. */
struct s_tls_opts {
    int min_version, max_version;  /* 0: the library's default */
    const char *ciphersuites;      /* -ciphersuites (TLS 1.3) */
    const char *cipher;            /* -cipher (TLS 1.2 and older) */
    const char *groups;            /* -groups */
    const char *alpn;              /* -alpn, comma-separated */
    const char *keylog;            /* -keylogfile */
    const char *sess_flag;         /* a session flag we cannot honour yet */
};

/*
 * If argv[*i] is one of the shared TLS flags, records it and returns 1;
 * returns 0 when it is not one, -1 (after a message) when it is malformed.
 */
int s_tls_opts_flag(struct s_tls_opts *o, int argc, char **argv, int *i);
/* Applies the settings to ctx; 0 (after a message) on failure. */
int s_tls_opts_apply(SSL_CTX *ctx, const struct s_tls_opts *o);

/*
 * After a handshake: 1 when the negotiated version is the one -tls1_2 /
 * -tls1_3 pinned (or none was), else 0 after a clear message.
 */
int s_version_ok(SSL *ssl, const struct s_tls_opts *o);

/*
 * Turns "h2,http/1.1" into ALPN wire format (length-prefixed names).
 * Returns a malloc'd buffer, or NULL (after a message) when malformed.
 */
unsigned char *s_alpn_wire(const char *list, unsigned int *out_len);

/*
 * Appends NSS key log lines (SSLKEYLOGFILE format) for every connection
 * made from ctx to the file at path (s_keylog.c).
 */
int s_keylog_start(SSL_CTX *ctx, const char *path);

/* Loads a certificate chain and its key and checks they match. */
int s_load_cert_key(SSL_CTX *ctx, const char *cert, const char *key);
/* Loads trust anchors; with neither given, the default locations. */
int s_load_trust(SSL_CTX *ctx, const char *ca_file, const char *ca_path);

/*
 * The summary -brief prints once a handshake completes, in openssl's
 * words: CONNECTION ESTABLISHED, Protocol version, Ciphersuite, Peer
 * certificate, Verification, Server Temp Key (client) and ALPN.
 */
void s_print_brief(FILE *out, SSL *ssl, int is_client);
/* "X25519, 253 bits" style description of the negotiated group. */
const char *s_group_description(SSL *ssl, char *buf, size_t len);

#endif
