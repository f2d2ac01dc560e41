/*
 * libssl's object layouts: SSL_METHOD, SSL_CTX and SSL, and the certificate
 * configuration they share. Only src/ sees these.
 *
 * Shape, and where later work plugs in:
 *  - SSL_CTX holds everything configured once and shared by its
 *    connections (trust store, verification settings, our certificates and
 *    keys). Its fields are written while the program sets it up and only
 *    read once connections exist, so it has no lock; its reference count is
 *    atomic because connections on many threads hold it.
 *  - SSL starts as a copy of its SSL_CTX's per-connection settings (verify
 *    mode, depth, callback, X509_VERIFY_PARAM, certificate slots) and holds
 *    a reference on the SSL_CTX. Certificates and keys are shared by
 *    reference, never copied.
 *  - The handshake, record layer, BIOs and session are separate members the
 *    later issues added; the handshake state is a
 *    pointer allocated for the handshake and freed after it, so an idle
 *    connection carries none of it.
 */
#ifndef MINTLS_SSL_LOCAL_H
#define MINTLS_SSL_LOCAL_H

#include <openssl/ssl.h>
#include <stdatomic.h>
#include <stdint.h>

#include "internal/ex_data.h"
#include "record.h"

/* ---- methods ------------------------------------------------------------ */

/* Which side a method can play before SSL_set_connect/accept_state. */
typedef enum {
    MINTLS_ROLE_EITHER = 0, /* TLS_method: decided by connect/accept */
    MINTLS_ROLE_CLIENT,
    MINTLS_ROLE_SERVER,
} mintls_role;

struct ssl_method_st {
    int version;      /* TLS_ANY_VERSION, or the one version a fixed method speaks */
    int min_version;  /* the range the method allows (before SSL_CTX limits) */
    int max_version;
    mintls_role role;
};

/* ---- our certificates ----------------------------------------------------- */

/*
 * One slot per kind of key, as in OpenSSL: a server may hold an RSA and an
 * ECDSA certificate at once and pick per handshake. The slot a certificate
 * or key goes to follows from its public key type.
 */
typedef enum {
    MINTLS_CERT_RSA = 0,
    MINTLS_CERT_RSA_PSS,
    MINTLS_CERT_ECDSA, /* every named curve shares one slot, as in OpenSSL */
    MINTLS_CERT_ED25519,
    MINTLS_CERT_ED448,
    MINTLS_CERT_SLOTS
} mintls_cert_slot;

typedef struct {
    X509 *x509;              /* owned reference, or NULL */
    EVP_PKEY *privatekey;    /* owned reference, or NULL */
    STACK_OF(X509) *chain;   /* this certificate's own chain (set1_chain), or NULL */
} mintls_cert_pkey;

typedef struct mintls_ssl_cert {
    mintls_cert_pkey slots[MINTLS_CERT_SLOTS];
    mintls_cert_pkey *current; /* the slot last configured; the one checks apply to */
} mintls_ssl_cert;

/* ---- settings an SSL copies from its SSL_CTX ----------------------------- */

#define MINTLS_MAX_GROUPS 8
#define MINTLS_MAX_TLS12_SUITES 8

/* Options, modes and version limits: set on either object, with OpenSSL's values. */
typedef struct {
    uint64_t options;  /* SSL_OP_* */
    uint32_t mode;     /* SSL_MODE_* */
    int min_version;   /* 0: no lower limit beyond the method's */
    int max_version;   /* 0: no upper limit beyond the method's */
    /* SSL_CTX_set_ciphersuites: TLS 1.3 suite ids in order (count 0: the default). */
    uint16_t tls13_suites[4];
    size_t tls13_suite_count;
    int tls13_disabled; /* SSL_CTX_set_ciphersuites(""): no TLS 1.3 suite at all */
    int quiet_shutdown; /* SSL_shutdown sends nothing and reports both sides closed */
    int read_ahead;     /* accepted and reported; mintls always reads whole records */
    /* SSL_CTX_set1_groups_list: group ids in order (count 0: the default). */
    uint16_t groups[MINTLS_MAX_GROUPS];
    size_t group_count;
    /* SSL_CTX_set_cipher_list: TLS 1.2 suite ids in order (ssl_cipher_list.c). */
    uint16_t tls12_suites[MINTLS_MAX_TLS12_SUITES];
    size_t tls12_suite_count;
} mintls_ssl_settings;

/* ---- SSL_CTX ------------------------------------------------------------ */

struct ssl_ctx_st {
    atomic_int references;
    const SSL_METHOD *method;
    OSSL_LIB_CTX *libctx; /* not owned: mintls has one library context */
    char *propq;

    /* Verifying the peer. */
    X509_STORE *cert_store;
    X509_VERIFY_PARAM *param;
    int verify_mode;
    SSL_verify_cb verify_callback;

    /* Our side. */
    mintls_ssl_cert cert;
    STACK_OF(X509) *extra_certs; /* sent when the certificate has no chain of its own */
    pem_password_cb *passwd_cb;
    void *passwd_userdata;

    CRYPTO_EX_DATA ex_data;

    mintls_ssl_settings settings;

    /* ALPN (ssl_alpn.c): the client's offer in wire form (owned, or NULL),
       and the server's choice. */
    uint8_t *alpn_protos;
    size_t alpn_protos_len;
    SSL_CTX_alpn_select_cb_func alpn_select_cb;
    void *alpn_select_arg;

    /* certificate_authorities for CertificateRequest (ssl_client_ca.c). */
    STACK_OF(X509_NAME) *client_ca_names;

    /* SNI on the server (ssl_servername.c). */
    int (*servername_cb)(SSL *s, int *alert, void *arg);
    void *servername_arg;

    /* Callbacks (ssl_state.c, ssl_keylog.c, tls13_client.c). */
    void (*info_callback)(const SSL *ssl, int type, int val);
    SSL_CTX_keylog_cb_func keylog_callback;
    int (*client_cert_cb)(SSL *ssl, X509 **x509, EVP_PKEY **pkey);
    /* SSL_CTX_set_cert_verify_callback: replaces X509_verify_cert for peers. */
    int (*app_verify_callback)(X509_STORE_CTX *, void *);
    void *app_verify_arg;

    /* The session cache's settings and counters (ssl_session.c). mintls
       keeps no server-side cache yet, so sessions are counted, not stored. */
    long session_cache_mode;
    long session_cache_size;
    long session_timeout; /* seconds */
    uint8_t sid_ctx[SSL_MAX_SID_CTX_LENGTH];
    size_t sid_ctx_len;
    int (*new_session_cb)(SSL *, SSL_SESSION *);
    void (*remove_session_cb)(SSL_CTX *, SSL_SESSION *);
    SSL_SESSION *(*get_session_cb)(SSL *, const unsigned char *, int, int *);
    atomic_long stats_connect, stats_connect_good, stats_accept, stats_accept_good;
};

/* ---- the connection's I/O (ssl_conn_io.c) -------------------------------- */

/*
 * Bytes between the BIOs and the record layer. Both buffers are allocated
 * when first needed and freed as soon as they are empty, so an idle
 * connection holds neither.
 *
 * Input: in_buf[in_start, in_end) holds bytes read from rbio and not yet
 * consumed. The record the last read returned (rec) lives inside it,
 * decrypted in place; rec_off/rec_left track how much of its plaintext the
 * caller has consumed. It is dropped from the buffer when fully consumed.
 *
 * Output: out_buf[out_start, out_end) holds sealed records queued for wbio;
 * a partial BIO write advances out_start, so nothing is sent twice.
 */
typedef struct {
    mintls_record_dir read_dir;
    mintls_record_dir write_dir;

    uint8_t *in_buf;   /* MINTLS_RECORD_READ_BUF bytes, or NULL */
    size_t in_start, in_end;
    int have_rec;      /* rec is valid and not fully consumed */
    mintls_record rec;
    size_t rec_off;    /* plaintext bytes of rec already consumed */

    uint8_t *out_buf;  /* out_cap bytes, or NULL */
    size_t out_cap, out_start, out_end;

    int dead;          /* a fatal alert was sent or received: no more I/O */
    uint8_t last_alert_received; /* the peer's last alert description */
    int close_notify_received;   /* the peer sent close_notify (or SSL_OP_IGNORE_UNEXPECTED_EOF) */
} mintls_conn_io;

/* ---- the handshake driver (handshake.c) ----------------------------------- */

struct mintls_hs_ops;

typedef enum {
    MINTLS_PHASE_BEFORE = 0, /* no handshake step has run (SSL_in_before) */
    MINTLS_PHASE_RUNNING,    /* started, not finished (SSL_in_init) */
    MINTLS_PHASE_FINISHED,   /* SSL_is_init_finished */
} mintls_hs_phase;

/* The I/O the last step asked for that has not completed yet. */
typedef enum {
    MINTLS_HS_WAIT_NONE = 0,
    MINTLS_HS_WAIT_READ,  /* a record for the step */
    MINTLS_HS_WAIT_FLUSH, /* the output queue to reach the BIO, then the step again */
    MINTLS_HS_WAIT_DONE,  /* the output queue to reach the BIO, then finish */
} mintls_hs_wait;

/* ---- SSL ---------------------------------------------------------------- */

struct ssl_st {
    atomic_int references;
    SSL_CTX *ctx;  /* holds a reference */
    const SSL_METHOD *method;
    int server;    /* which side this connection plays (OpenSSL's SSL_is_server) */

    /* Verifying the peer: inherited from the SSL_CTX at SSL_new. */
    X509_VERIFY_PARAM *param;
    int verify_mode;
    SSL_verify_cb verify_callback;
    long verify_result; /* X509_V_OK until a handshake verifies something */

    /* Our side: the SSL_CTX's certificate slots, shared by reference. */
    mintls_ssl_cert cert;
    pem_password_cb *passwd_cb;
    void *passwd_userdata;

    CRYPTO_EX_DATA ex_data;

    mintls_ssl_settings settings; /* copied from the SSL_CTX at SSL_new */

    /*
     * The transport. Each pointer owns one reference; when rbio == wbio the
     * SSL owns two references on the one BIO, as in OpenSSL, so that
     * SSL_set0_rbio / SSL_set0_wbio can replace either side alone.
     */
    BIO *rbio;
    BIO *wbio;
    mintls_conn_io io;

    int shutdown; /* SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN */
    int rwstate;  /* SSL_NOTHING / SSL_READING / SSL_WRITING: what SSL_want reports */

    /* The handshake: ops chosen by connect/accept state; hs is the state
       machine's own state, allocated by ops->start and freed when the
       handshake ends, so an established connection carries none of it. */
    const struct mintls_hs_ops *hs_ops;
    void *hs;
    mintls_hs_phase hs_phase;
    mintls_hs_wait hs_wait;

    /*
     * TLS 1.3 once keys are agreed (tls13_*.c, ssl_app_data.c): the suite,
     * and the application traffic secrets a KeyUpdate advances.
     */
    const struct ssl_cipher_st *tls13_suite; /* NULL until the handshake has one */
    uint8_t tls13_read_secret[48];
    uint8_t tls13_write_secret[48];
    size_t tls13_write_pending; /* SSL_write bytes queued, not yet taken by the BIO */
    char *tlsext_hostname;    /* SSL_set_tlsext_host_name: our server_name (owned) */
    X509 *peer_cert;          /* the peer's end-entity certificate (owned), or NULL */
    STACK_OF(X509) *peer_chain; /* the chain it sent, leaf first (owned), or NULL */
    STACK_OF(X509) *verified_chain; /* the chain verification built to a root (owned), or NULL */
    uint8_t *alpn_protos;     /* ALPN offer (copied from the SSL_CTX at SSL_new; owned) */
    size_t alpn_protos_len;
    uint16_t tls13_group;     /* the key exchange group agreed (either version), or 0 */
    /* TLS 1.2 once negotiated (tls12_*.c): the suite (NULL under TLS 1.3)
       and the master secret the exporter needs. */
    const struct ssl_cipher_st *tls12_suite;
    uint8_t tls12_master[48];
    STACK_OF(X509_NAME) *peer_ca_names; /* client: the CertificateRequest's CA names */
    uint8_t *alpn_selected;   /* the negotiated protocol (owned), or NULL */
    size_t alpn_selected_len;

    /* A post-handshake message split across records, while incomplete
       (tls13_post_handshake.c); NULL otherwise. */
    struct mintls_post_hs *post_hs;

    /* Where the handshake is (SSL_get_state) and who hears of it (ssl_state.c). */
    OSSL_HANDSHAKE_STATE hs_state;
    void (*info_callback)(const SSL *ssl, int type, int val);

    /* Both hellos' randoms (keylog lines, SSL_get_client_random) and the
       exporter secret (SSL_export_keying_material). */
    uint8_t client_random[32];
    uint8_t server_random[32];
    uint8_t exporter_secret[48];
    int have_exporter;
    /* Both Finished messages' verify_data (SSL_get_finished, SSL_get_peer_finished). */
    uint8_t finished[48], peer_finished[48];
    size_t finished_len, peer_finished_len;

    /* The session this connection established (ssl_session.c): created
       when the handshake completes; on a client it keeps the tickets. */
    SSL_SESSION *session;
    uint8_t tls13_resumption_secret[48]; /* client: what its tickets' PSKs come from */
    uint8_t sid_ctx[SSL_MAX_SID_CTX_LENGTH];
    size_t sid_ctx_len;
};

/* ---- shared between the files of src/ ----------------------------------- */

/* Registers the SSL reason strings with the error queue (once). */
void mintls_ssl_load_strings(void);

/* Certificate slots (ssl_cert.c). */
void mintls_ssl_cert_init(mintls_ssl_cert *c);
void mintls_ssl_cert_clear(mintls_ssl_cert *c);
/* Makes dst (initialised, empty) share src's certificates, keys and chains. */
int mintls_ssl_cert_copy(mintls_ssl_cert *dst, const mintls_ssl_cert *src);
int mintls_ssl_cert_use_certificate(mintls_ssl_cert *c, X509 *x);
int mintls_ssl_cert_use_private_key(mintls_ssl_cert *c, EVP_PKEY *pkey);
int mintls_ssl_cert_check_private_key(const mintls_ssl_cert *c);
/* Reads certificates and keys from files for SSL_CTX_use_* and SSL_use_*. */
X509 *mintls_ssl_read_certificate_file(const char *file, int type, pem_password_cb *cb, void *u);
EVP_PKEY *mintls_ssl_read_private_key_file(const char *file, int type, pem_password_cb *cb,
                                           void *u);
int mintls_ssl_cert_use_chain_file(mintls_ssl_cert *c, const char *file, pem_password_cb *cb,
                                   void *u);
/* The chain ctrls shared by SSL_CTX_ctrl and SSL_ctrl; *handled = 0 for others. */
long mintls_ssl_cert_ctrl(mintls_ssl_cert *c, int cmd, long larg, void *parg, int *handled);

/* ALPN (ssl_alpn.c): a copy of a wire-form list (NULL/0 for an empty one)
   into *dst; 1, or 0 with an error queued (an invalid list). */
int mintls_alpn_set_list(uint8_t **dst, size_t *dst_len, const uint8_t *p, size_t len);
/* Records the negotiated protocol on s. 1 / 0 (malloc). */
int mintls_alpn_set_selected(SSL *s, const uint8_t *p, size_t len);

/* Groups (ssl_groups.c): SSL_CTRL_SET_GROUPS(_LIST) for both ctrls
   (*handled = 0 for others); s's groups in order (configured or default);
   a group id's NID (0 if unknown). */
long mintls_groups_ctrl(mintls_ssl_settings *st, int cmd, long larg, void *parg, int *handled);
size_t mintls_enabled_groups(const SSL *s, uint16_t out[MINTLS_MAX_GROUPS]);
int mintls_group_nid(uint16_t id);

/* Client CA names (ssl_client_ca.c): the certificate_authorities body the
   server sends (*out allocated; 1 / 0), and the client's decoding of one
   into s->peer_ca_names (0: malformed). */
int mintls_client_ca_encode(const SSL *s, uint8_t **out, size_t *out_len);
int mintls_client_ca_decode(SSL *s, const uint8_t *p, size_t len);

/* SNI (ssl_servername.c): the SSL_CTX ctrl for the callback's argument
   (*handled = 0 for others); and the server's handling of the client's name
   (name NULL when none came): records it and runs the callback. Returns 1
   with *ack (send an empty server_name back), or 0 after a fatal alert. */
long mintls_servername_ctx_ctrl(SSL_CTX *ctx, int cmd, void *parg, int *handled);
int mintls_servername_on_hello(SSL *s, const uint8_t *name, size_t len, int *ack);

/* SSL_CTRL_SET_TLSEXT_HOSTNAME for SSL_ctrl (ssl_app_data.c); *handled = 0 for others. */
long mintls_ssl_hostname_ctrl(SSL *s, int cmd, long larg, void *parg, int *handled);

/* Settings (ssl_settings.c): defaults, and the ctrls shared by SSL_CTX_ctrl
   and SSL_ctrl (*handled = 0 for other commands). */
void mintls_ssl_settings_init(mintls_ssl_settings *st);
/* Whether s may speak this protocol version (method, min/max, SSL_OP_NO_*). */
int mintls_version_enabled(const SSL *s, int version);
long mintls_ssl_settings_ctrl(mintls_ssl_settings *st, const SSL_METHOD *method, int cmd,
                              long larg, int *handled);

/* Handshake state and the info callback (ssl_state.c): moves s to st and
   tells the info callback (SSL_CB_CONNECT_LOOP / ACCEPT_LOOP); mintls_info
   calls whichever info callback applies (the SSL's, else its SSL_CTX's). */
void mintls_hs_enter(SSL *s, OSSL_HANDSHAKE_STATE st);
/* Frees a split post-handshake message's buffer (tls13_post_handshake.c). */
void mintls_tls13_post_hs_free(SSL *s);
void mintls_info(const SSL *s, int where, int ret);

/* Key logging (ssl_keylog.c): one NSS key log line for a secret, if the
   SSL_CTX has a keylog callback. */
void mintls_keylog(const SSL *s, const char *label, const uint8_t *secret, size_t len);

/* Sessions (ssl_session.c): the SSL_SESSION a completed handshake leaves
   on s (1 / 0 on malloc failure), a NewSessionTicket a client received
   (kept on that session), and freeing s's. */
int mintls_session_established(SSL *s);
int mintls_session_add_ticket(SSL *s, uint32_t lifetime, uint32_t age_add, const uint8_t *nonce,
                              size_t nonce_len, const uint8_t *ticket, size_t ticket_len);
void mintls_session_release(SSL *s);
/* Asks the SSL_CTX's client certificate callback (set) for a certificate
   and key and installs what it gives (ssl_exporter.c): 1 done (a
   certificate or none), 0 it asked to be called again (rwstate
   SSL_X509_LOOKUP), -1 after a fatal alert. */
int mintls_run_client_cert_cb(SSL *s);
/* Records a Finished value (ours, or the peer's) for SSL_get_(peer_)finished (ssl_exporter.c). */
void mintls_keep_finished(SSL *s, const uint8_t *verify_data, size_t len, int peer);
/* The SSL_CTX's session settings: defaults, and the cache ctrls (*handled = 0 for others). */
void mintls_session_ctx_init(SSL_CTX *ctx);
long mintls_session_ctx_ctrl(SSL_CTX *ctx, int cmd, long larg, int *handled);

/* TLS 1.2 cipher lists (ssl_cipher_list.c): defaults for new settings. */
void mintls_cipher_list_default(mintls_ssl_settings *st);

/* ---- connection I/O (ssl_conn_io.c) ------------------------------------------
 *
 * Return convention of the I/O calls: 1 done; 0 the peer closed cleanly
 * (close_notify, or EOF under SSL_OP_IGNORE_UNEXPECTED_EOF); -1 could not
 * proceed: s->rwstate says SSL_READING / SSL_WRITING when the BIO asked to
 * retry, otherwise the error queue (or a BIO error) says why. Exactly the
 * values SSL_get_error expects.
 */

void mintls_conn_init(SSL *s);
/* Frees both buffers and wipes both directions' keys. */
void mintls_conn_free(SSL *s);

/*
 * Makes s->io.rec the next record (unless one is still unconsumed), reading
 * from rbio as needed. Handles the peer's alerts: close_notify -> 0; a
 * fatal alert -> -1 with SSL_R_<alert> on the queue. A record the record
 * layer rejects -> our fatal alert is sent, -1.
 */
int mintls_conn_read_record(SSL *s);
/* The current record's unconsumed plaintext (NULL/0 when there is none). */
const uint8_t *mintls_conn_record_data(const SSL *s, uint8_t *out_type, size_t *out_len);
/* Marks n bytes of the current record consumed; the buffer is released when empty. */
void mintls_conn_consume(SSL *s, size_t n);

/*
 * Seals data as records of the given type (split at 2^14 bytes) and
 * appends them to the output queue; nothing is written to the BIO yet.
 * Returns 1, or 0 with an error on the queue.
 */
int mintls_conn_queue(SSL *s, uint8_t type, const uint8_t *data, size_t len);
/* Writes the output queue to wbio (then BIO_flush). 1, or -1 (see above). */
int mintls_conn_flush(SSL *s);
/* Bytes queued and not yet written to the BIO. */
size_t mintls_conn_queued(const SSL *s);

/*
 * Fails the connection: raises reason (ERR_LIB_SSL) unless 0, queues a
 * fatal alert (unless alert < 0), flushes it best-effort and marks the
 * connection dead. Later I/O calls return -1 without touching the BIOs.
 */
void mintls_conn_fatal(SSL *s, int alert, int reason);
/* Queues close_notify and sets SSL_SENT_SHUTDOWN; the caller flushes. */
int mintls_conn_queue_close_notify(SSL *s);

/* For tests: whether the input / output buffers are allocated. */
int mintls_conn_buffers_allocated(const SSL *s, int *out_in, int *out_out);

/* ---- the handshake driver (handshake.c) --------------------------------- */

typedef enum {
    MINTLS_STEP_CONTINUE, /* made progress; call the next step */
    MINTLS_STEP_READ,     /* needs a record: the driver reads one into s->io.rec */
    MINTLS_STEP_FLUSH,    /* queued output must reach the peer before going on */
    MINTLS_STEP_DONE,     /* handshake complete (the driver flushes the queue first) */
    MINTLS_STEP_ERROR,    /* failed: the step called mintls_conn_fatal */
    MINTLS_STEP_RETRY,    /* an application callback asked to be called again
                             (s->rwstate says which): return -1, then re-run the step */
} mintls_step_result;

/*
 * One role's state machine as the driver sees it. A step does no I/O: it
 * consumes the current record (mintls_conn_record_data / _consume), queues
 * output (mintls_conn_queue) and says why it stopped. The driver calls
 * step again only after the I/O it asked for has completed, so a step is
 * never re-run after a WANT_READ / WANT_WRITE.
 */
typedef struct mintls_hs_ops {
    const char *name;
    /* Allocates s->hs when the first step is about to run. 1 / 0 (error queued). */
    int (*start)(SSL *s);
    mintls_step_result (*step)(SSL *s);
    /* Frees s->hs (after DONE or an error, and from SSL_free); NULL-safe. */
    void (*cleanup)(SSL *s);
} mintls_hs_ops;

/* The state machine each role starts with (handshake.c decides). */
const mintls_hs_ops *mintls_hs_client_ops(void);
const mintls_hs_ops *mintls_hs_server_ops(void);
/* Replaces the running ops (a client switching to TLS 1.2 after ServerHello;
   tests installing a fake state machine). */
void mintls_hs_set_ops(SSL *s, const mintls_hs_ops *ops);
/* Frees the handshake state (SSL_free, SSL_set_*_state). */
void mintls_hs_clear(SSL *s);

#endif
