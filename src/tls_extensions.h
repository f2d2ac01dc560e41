/*
 * TLS extensions (RFC 8446 4.2) as a table: code point, the messages that
 * may carry it, and its parse and write functions (tls_extensions.c).
 *
 * Parsing a block checks the RFC 8446 4.2 rules for every message:
 *  - a second extension of any one type: illegal_parameter;
 *  - a recognised extension in a message it is not defined for:
 *    illegal_parameter;
 *  - in a response (ServerHello, HelloRetryRequest, EncryptedExtensions,
 *    Certificate) an extension we did not request (not in `requested`, the
 *    bits of what we sent), and any unknown extension: unsupported_extension
 *    -- except cookie in a HelloRetryRequest, which is never requested;
 *  - in ClientHello, CertificateRequest and NewSessionTicket unknown
 *    extensions (GREASE among them) are ignored;
 *  - pre_shared_key must be the last extension of a ClientHello:
 *    illegal_parameter;
 *  - a body that does not parse exactly: decode_error.
 *
 * The parsed values are spans into the message: valid while it is.
 * Extensions mintls recognises but does not act on (status_request,
 * record_size_limit, ...) and unknown ones are kept raw in `other`, and the
 * order of the block in `order`, so a parsed block can be written back
 * byte for byte; a block built from scratch may leave order_count 0 to get
 * table order.
 */
#ifndef MINTLS_TLS_EXTENSIONS_H
#define MINTLS_TLS_EXTENSIONS_H

#include <stddef.h>
#include <stdint.h>

#include "tls_cursor.h"

/* ExtensionType code points (RFC 8446 4.2 and the RFCs it cites). */
enum {
    MINTLS_EXT_SERVER_NAME = 0,
    MINTLS_EXT_MAX_FRAGMENT_LENGTH = 1,
    MINTLS_EXT_STATUS_REQUEST = 5,
    MINTLS_EXT_SUPPORTED_GROUPS = 10,
    MINTLS_EXT_SIGNATURE_ALGORITHMS = 13,
    MINTLS_EXT_USE_SRTP = 14,
    MINTLS_EXT_HEARTBEAT = 15,
    MINTLS_EXT_ALPN = 16,
    MINTLS_EXT_SCT = 18,
    MINTLS_EXT_CLIENT_CERTIFICATE_TYPE = 19,
    MINTLS_EXT_SERVER_CERTIFICATE_TYPE = 20,
    MINTLS_EXT_PADDING = 21,
    MINTLS_EXT_RECORD_SIZE_LIMIT = 28,
    MINTLS_EXT_PRE_SHARED_KEY = 41,
    MINTLS_EXT_EARLY_DATA = 42,
    MINTLS_EXT_SUPPORTED_VERSIONS = 43,
    MINTLS_EXT_COOKIE = 44,
    MINTLS_EXT_PSK_KEY_EXCHANGE_MODES = 45,
    MINTLS_EXT_CERTIFICATE_AUTHORITIES = 47,
    MINTLS_EXT_OID_FILTERS = 48,
    MINTLS_EXT_POST_HANDSHAKE_AUTH = 49,
    MINTLS_EXT_SIGNATURE_ALGORITHMS_CERT = 50,
    MINTLS_EXT_KEY_SHARE = 51,
};

/* The messages that carry extensions, as bits (a context and a mask). */
enum {
    MINTLS_EXT_IN_CH = 1 << 0,
    MINTLS_EXT_IN_SH = 1 << 1,
    MINTLS_EXT_IN_HRR = 1 << 2,
    MINTLS_EXT_IN_EE = 1 << 3,
    MINTLS_EXT_IN_CT = 1 << 4,
    MINTLS_EXT_IN_CR = 1 << 5,
    MINTLS_EXT_IN_NST = 1 << 6,
};

/* Bit numbers in mintls_extensions.present, one per recognised extension. */
typedef enum {
    MINTLS_X_SERVER_NAME = 0,
    MINTLS_X_MAX_FRAGMENT_LENGTH,
    MINTLS_X_STATUS_REQUEST,
    MINTLS_X_SUPPORTED_GROUPS,
    MINTLS_X_SIGNATURE_ALGORITHMS,
    MINTLS_X_USE_SRTP,
    MINTLS_X_HEARTBEAT,
    MINTLS_X_ALPN,
    MINTLS_X_SCT,
    MINTLS_X_CLIENT_CERTIFICATE_TYPE,
    MINTLS_X_SERVER_CERTIFICATE_TYPE,
    MINTLS_X_PADDING,
    MINTLS_X_RECORD_SIZE_LIMIT,
    MINTLS_X_PRE_SHARED_KEY,
    MINTLS_X_EARLY_DATA,
    MINTLS_X_SUPPORTED_VERSIONS,
    MINTLS_X_COOKIE,
    MINTLS_X_PSK_KEY_EXCHANGE_MODES,
    MINTLS_X_CERTIFICATE_AUTHORITIES,
    MINTLS_X_OID_FILTERS,
    MINTLS_X_POST_HANDSHAKE_AUTH,
    MINTLS_X_SIGNATURE_ALGORITHMS_CERT,
    MINTLS_X_KEY_SHARE,
    MINTLS_X_COUNT
} mintls_ext_index;

#define MINTLS_XBIT(i) (UINT32_C(1) << (i))
/* `requested` for a test or a caller that accepts any recognised extension. */
#define MINTLS_EXT_ANY_REQUESTED UINT32_C(0xffffffff)

/* A list of big-endian uint16 values (groups, schemes, suites, versions). */
typedef struct {
    const uint8_t *p; /* 2 * count bytes */
    size_t count;
} mintls_u16_list;

uint16_t mintls_u16_list_at(mintls_u16_list l, size_t i);
int mintls_u16_list_has(mintls_u16_list l, uint16_t v);

#define MINTLS_EXT_MAX_ORDER 40
#define MINTLS_EXT_MAX_OTHER 32 /* browsers send many a TLS 1.2 server must still see */

typedef struct {
    uint32_t present; /* MINTLS_XBIT(mintls_ext_index) */

    mintls_span server_name;        /* CH: the host_name (EE: empty, present = acknowledged) */
    mintls_u16_list supported_groups; /* CH, EE */
    mintls_u16_list sig_algs;       /* signature_algorithms: CH, CR */
    mintls_u16_list sig_algs_cert;  /* signature_algorithms_cert: CH, CR */
    mintls_span alpn;               /* ProtocolNameList contents; EE: exactly one name */
    mintls_u16_list versions;       /* supported_versions in CH */
    uint16_t selected_version;      /* supported_versions in SH, HRR */
    mintls_span key_shares;         /* CH: KeyShareEntry list contents (mintls_key_share_next) */
    uint16_t key_share_group;       /* SH: server_share.group; HRR: selected_group */
    mintls_span key_share_key;      /* SH: server_share.key_exchange */
    mintls_span psk_modes;          /* psk_key_exchange_modes: one byte per mode */
    mintls_span cookie;             /* CH, HRR */
    uint32_t max_early_data;        /* early_data in NST */
    mintls_span psk_identities;     /* CH: PskIdentity list contents (mintls_psk_identity_next) */
    mintls_span psk_binders;        /* CH: binder list contents (mintls_psk_binder_next) */
    size_t psk_identity_count;      /* == number of binders */
    uint16_t psk_selected;          /* SH: selected_identity */
    size_t padding_len;             /* padding: that many zero bytes */

    /* For writing back: the order seen, and the bodies of extensions kept raw. */
    uint16_t order[MINTLS_EXT_MAX_ORDER];
    size_t order_count;
    struct {
        uint16_t type;
        mintls_span body;
    } other[MINTLS_EXT_MAX_OTHER];
    size_t other_count;
} mintls_extensions;

/* Zeroes *e (nothing present). */
void mintls_extensions_init(mintls_extensions *e);
/* The index of a recognised code point, or -1. */
int mintls_extension_index(uint16_t type);
/* The MINTLS_EXT_IN_* messages a recognised code point may appear in, or 0. */
unsigned mintls_extension_allowed_in(uint16_t type);

/*
 * Parses an extension block's contents (after its u16 length) for message
 * msg (one MINTLS_EXT_IN_* bit). requested: the present bits of the
 * extensions we sent, for responses (see above). Returns 1, or 0 with the
 * alert in *out_alert.
 */
int mintls_extensions_parse(mintls_cursor *block, unsigned msg, uint32_t requested,
                            mintls_extensions *out, uint8_t *out_alert);
/*
 * Writes the u16-prefixed block: the extensions in e->order (or, with
 * order_count 0, every present one in table order, then e->other).
 * Fails (internal_error) for an extension not allowed in msg.
 */
int mintls_extensions_write(mintls_writer *w, unsigned msg, const mintls_extensions *e);

/*
 * Walking the lists the parser has already checked: each returns 1 and
 * the next item, or 0 at the end. Init the cursor on the span.
 */
int mintls_key_share_next(mintls_cursor *c, uint16_t *out_group, mintls_span *out_key);
int mintls_psk_identity_next(mintls_cursor *c, mintls_span *out_identity,
                             uint32_t *out_obfuscated_age);
int mintls_psk_binder_next(mintls_cursor *c, mintls_span *out_binder);
int mintls_alpn_next(mintls_cursor *c, mintls_span *out_name);
/* The key_share entry for group in a ClientHello's list. */
int mintls_key_share_find(mintls_span key_shares, uint16_t group, mintls_span *out_key);
/* Appends one KeyShareEntry (for building a ClientHello's key_shares span). */
int mintls_key_share_put(mintls_writer *w, uint16_t group, const uint8_t *key, size_t key_len);
/* Bytes at the end of a ClientHello taken by the binders (u16 length
 * included): the PartialClientHello of RFC 8446 4.2.11.2 is the message
 * without them. */
size_t mintls_psk_binders_tail(const mintls_extensions *e);

#endif
