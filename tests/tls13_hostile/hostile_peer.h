/*
 * The scripted hostile peer of test_tls13_hostile: the other end of a mintls
 * connection, built from mintls's own internals (record layer, key
 * schedule, transcript, message helpers) so that it can say exactly the
 * wrong thing at exactly the wrong moment -- encrypted where that matters --
 * and read back, decrypting if needed, the alert mintls answers with.
 *
 * The mintls endpoint only ever sees its public API: it sits on two memory
 * BIOs, one the peer writes into (its rbio) and one the peer drains (its
 * wbio).
 */
#ifndef HOSTILE_PEER_H
#define HOSTILE_PEER_H

#include <openssl/ssl.h>

#include "record.h"
#include "tls13_hello.h"
#include "tls13_key_schedule.h"
#include "tls13_suites.h"
#include "tls_cursor.h"
#include "transcript.h"

#define HP_MAX_RECORDS 32

/* One record mintls sent, as the peer decoded it. */
typedef struct {
    uint8_t type;     /* the real content type (inner, when it was protected) */
    int encrypted;    /* it came under TLS 1.3 protection */
    uint8_t *data;    /* owned */
    size_t len;
} hp_record;

typedef struct hostile_peer {
    SSL *ssl;
    BIO *to_ssl;   /* mintls's rbio */
    BIO *from_ssl; /* mintls's wbio */
    mintls_record_dir rd, wr; /* the peer's directions: rd reads what mintls writes */
    mintls_transcript tr;
    const mintls_tls13_suite *suite;
    mintls_tls13_schedule ks;
    EVP_PKEY *kex;            /* our X25519 key */
    uint8_t pub[32];
    uint8_t their_pub[133];   /* mintls's share */
    size_t their_pub_len;
    uint8_t c_hs[48], s_hs[48], c_ap[48], s_ap[48];
    hp_record recs[HP_MAX_RECORDS];
    size_t nrecs;
    int bad_record;           /* a record the peer could not decode */
    /* The hello mintls sent (a copy), parsed into ch / sh. */
    uint8_t *hello;
    size_t hello_len;
    mintls_client_hello ch;
    mintls_server_hello sh;
    /* Called on each record as hp_receive decodes it, before the next one:
       lets a script install keys the following records need. */
    int (*on_record)(struct hostile_peer *p, const hp_record *r);
} hostile_peer;

/* Makes the SSL on two memory BIOs (client or server role) and our key. */
int hp_init(hostile_peer *p, SSL_CTX *ctx, int mintls_is_server);
void hp_free(hostile_peer *p);

/* Drains mintls's output into recs (replacing what was there). Returns the count. */
size_t hp_receive(hostile_peer *p);
/* The i-th handshake message in the received handshake records (concatenated). */
int hp_find_hs(const hostile_peer *p, uint8_t type, const uint8_t **msg, size_t *len);
/* Adds every received handshake record's bytes to the transcript. */
int hp_absorb_received(hostile_peer *p);

/* Sends one record through wr (sealed when keys are installed). */
int hp_send(hostile_peer *p, uint8_t type, const uint8_t *data, size_t len);
/* Seals through wr with an explicit inner type, padding and length (may be over 2^14). */
int hp_send_sealed_raw(hostile_peer *p, uint8_t inner_type, const uint8_t *data, size_t len,
                       size_t padding, int flip_tag);
int hp_send_bytes(hostile_peer *p, const uint8_t *bytes, size_t len);
/* Sends a handshake message as one record and adds it to the transcript. */
int hp_send_hs(hostile_peer *p, const uint8_t *msg, size_t len);

/* Key schedule, given the suite: handshake secrets from our key and theirs
   over the transcript so far; application secrets likewise. */
int hp_derive_handshake(hostile_peer *p);
int hp_derive_application(hostile_peer *p);
/* Installs secret on the peer's read (write = 0) or write direction. */
int hp_install(hostile_peer *p, const uint8_t *secret, int write);
/* Finished verify_data with base_key over the transcript so far (hash_len bytes). */
int hp_finished(hostile_peer *p, const uint8_t *base_key, uint8_t *out);

/* A key update on one of the peer's directions (RFC 8446 4.6.3, 7.2):
   secret (one of c_ap / s_ap) moves to its next generation, in place, and
   is installed on the read (write = 0) or write direction. */
int hp_next_key(hostile_peer *p, uint8_t *secret, int write);
/* Takes back everything written to mintls's rbio and not yet read
   (malloc'd, *len bytes), so a script can deliver it at its own pace. */
uint8_t *hp_take_unread(hostile_peer *p, size_t *len);

/* A finished writer's bytes (malloc'd), or NULL. */
uint8_t *hp_take(mintls_writer *w, size_t *len);

#endif
