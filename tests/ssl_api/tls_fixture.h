/*
 * In-memory TLS connections for API tests (OpenSSL API only): contexts
 * with the fixture certificates, a client and a server joined by a BIO
 * pair, and a loop that runs both handshakes.
 */
#ifndef MINTLS_TEST_TLS_FIXTURE_H
#define MINTLS_TEST_TLS_FIXTURE_H

#include <openssl/ssl.h>

/* A certificate from tests/data/x509 (NULL if it cannot be read). */
X509 *fixture_cert(const char *name);
/* A TLS 1.3 server with the ECDSA leaf (ec.example.test) and its intermediate. */
SSL_CTX *fixture_server_ctx(void);
/* A TLS 1.3 client that verifies against the ECDSA root. */
SSL_CTX *fixture_client_ctx(void);
/* Loads the client certificate and key (client-leaf, under rsa-root) into ctx. */
int fixture_use_client_cert(SSL_CTX *ctx);
/* A client and a server SSL over a BIO pair, in connect / accept state. */
void fixture_pair(SSL_CTX *cctx, SSL_CTX *sctx, SSL **c, SSL **s);
/* Runs both handshakes; 1 when both finished. */
int fixture_handshake(SSL *c, SSL *s);
/* Runs both sides' SSL_shutdown / SSL_read until both have closed. */
void fixture_close(SSL *c, SSL *s);

#endif
