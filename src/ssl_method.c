/*
 * SSL_METHODs: which versions a context may negotiate and which side it
 * plays. mintls speaks TLS 1.2 and 1.3; the version-flexible methods cover
 * both, the TLSv1_2 ones pin the version.
 */
#include "ssl_local.h"

static const SSL_METHOD tls_any = {TLS_ANY_VERSION, TLS1_2_VERSION, TLS1_3_VERSION,
                                   MINTLS_ROLE_EITHER};
static const SSL_METHOD tls_client = {TLS_ANY_VERSION, TLS1_2_VERSION, TLS1_3_VERSION,
                                      MINTLS_ROLE_CLIENT};
static const SSL_METHOD tls_server = {TLS_ANY_VERSION, TLS1_2_VERSION, TLS1_3_VERSION,
                                      MINTLS_ROLE_SERVER};
static const SSL_METHOD tls12_any = {TLS1_2_VERSION, TLS1_2_VERSION, TLS1_2_VERSION,
                                     MINTLS_ROLE_EITHER};
static const SSL_METHOD tls12_client = {TLS1_2_VERSION, TLS1_2_VERSION, TLS1_2_VERSION,
                                        MINTLS_ROLE_CLIENT};
static const SSL_METHOD tls12_server = {TLS1_2_VERSION, TLS1_2_VERSION, TLS1_2_VERSION,
                                        MINTLS_ROLE_SERVER};

const SSL_METHOD *TLS_method(void) { return &tls_any; }
const SSL_METHOD *TLS_client_method(void) { return &tls_client; }
const SSL_METHOD *TLS_server_method(void) { return &tls_server; }
const SSL_METHOD *TLSv1_2_method(void) { return &tls12_any; }
const SSL_METHOD *TLSv1_2_client_method(void) { return &tls12_client; }
const SSL_METHOD *TLSv1_2_server_method(void) { return &tls12_server; }
