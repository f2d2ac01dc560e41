/*
 * The extension table and the per-extension parsers and writers (see
 * tls_extensions.h). Each parser gets a cursor over exactly the
 * extension's body; the caller checks the body was consumed.
 */
#include "tls_extensions.h"

#include <string.h>

#include "record.h"

#define CH MINTLS_EXT_IN_CH
#define SH MINTLS_EXT_IN_SH
#define HRR MINTLS_EXT_IN_HRR
#define EE MINTLS_EXT_IN_EE
#define CT MINTLS_EXT_IN_CT
#define CR MINTLS_EXT_IN_CR
#define NST MINTLS_EXT_IN_NST
/* The messages that answer something we sent. */
#define RESPONSES (SH | HRR | EE | CT)

uint16_t mintls_u16_list_at(mintls_u16_list l, size_t i)
{
    return (uint16_t)(l.p[2 * i] << 8 | l.p[2 * i + 1]);
}

int mintls_u16_list_has(mintls_u16_list l, uint16_t v)
{
    for (size_t i = 0; i < l.count; i++)
        if (mintls_u16_list_at(l, i) == v)
            return 1;
    return 0;
}

/* ---- helpers ---------------------------------------------------------------- */

/* A u16- (or u8-) prefixed list of u16 values, at least one. */
static int get_u16_list(mintls_cursor *c, int prefix_width, mintls_u16_list *out)
{
    mintls_cursor l;
    int ok = prefix_width == 1 ? mintls_cursor_get_u8_prefixed(c, &l)
                               : mintls_cursor_get_u16_prefixed(c, &l);
    if (!ok || l.len == 0 || l.len % 2 != 0)
        return 0;
    out->p = l.p;
    out->count = l.len / 2;
    return 1;
}

static int put_u16_list(mintls_writer *w, int prefix_width, mintls_u16_list l)
{
    return mintls_writer_put_prefixed(w, prefix_width, l.p, 2 * l.count);
}

/* Every parser returns 1, or 0 with *alert set (decode_error by default). */

/* ---- server_name (RFC 6066 3) ------------------------------------------------ */
/* struct { NameType name_type; select (name_type) { case host_name: HostName; } }
 * ServerName; struct { ServerName server_name_list<1..2^16-1> } ServerNameList; */
static int parse_server_name(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    if (msg == EE)
        return 1; /* the server's empty acknowledgement */
    mintls_cursor list, name;
    int have_host = 0;
    if (!mintls_cursor_get_u16_prefixed(b, &list) || list.len == 0)
        return 0;
    while (!mintls_cursor_is_empty(&list)) {
        uint8_t type;
        if (!mintls_cursor_get_u8(&list, &type) || !mintls_cursor_get_u16_prefixed(&list, &name) ||
            name.len == 0)
            return 0;
        if (type != 0)
            continue; /* only host_name is defined; others are skipped */
        if (have_host) {
            *alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
            return 0;
        }
        if (memchr(name.p, 0, name.len) != NULL) {
            *alert = MINTLS_ALERT_UNRECOGNIZED_NAME;
            return 0;
        }
        have_host = 1;
        e->server_name = mintls_cursor_span(&name);
    }
    if (!have_host)
        *alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
    return have_host;
}

static int write_server_name(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    if (msg == EE)
        return 1;
    return mintls_writer_open(w, 2) && mintls_writer_put_u8(w, 0) &&
           mintls_writer_put_prefixed(w, 2, e->server_name.p, e->server_name.len) &&
           mintls_writer_close(w);
}

/* ---- supported_groups, signature_algorithms(_cert) (RFC 8446 4.2.7, 4.2.3) -- */
/* NamedGroup named_group_list<2..2^16-1>; SignatureScheme supported_signature_algorithms<2..2^16-2> */
static int parse_groups(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    (void)msg, (void)alert;
    return get_u16_list(b, 2, &e->supported_groups);
}
static int write_groups(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return put_u16_list(w, 2, e->supported_groups);
}
static int parse_sig_algs(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    (void)msg, (void)alert;
    return get_u16_list(b, 2, &e->sig_algs);
}
static int write_sig_algs(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return put_u16_list(w, 2, e->sig_algs);
}
static int parse_sig_algs_cert(mintls_cursor *b, unsigned msg, mintls_extensions *e,
                               uint8_t *alert)
{
    (void)msg, (void)alert;
    return get_u16_list(b, 2, &e->sig_algs_cert);
}
static int write_sig_algs_cert(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return put_u16_list(w, 2, e->sig_algs_cert);
}

/* ---- application_layer_protocol_negotiation (RFC 7301 3.1) ------------------ */
/* opaque ProtocolName<1..2^8-1>; ProtocolName protocol_name_list<2..2^16-1>;
 * the server's answer holds exactly one name. */
static int parse_alpn(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    mintls_cursor list, name;
    size_t n = 0;
    (void)alert;
    if (!mintls_cursor_get_u16_prefixed(b, &list) || list.len == 0)
        return 0;
    e->alpn = mintls_cursor_span(&list);
    while (!mintls_cursor_is_empty(&list)) {
        if (!mintls_cursor_get_u8_prefixed(&list, &name) || name.len == 0)
            return 0;
        n++;
    }
    if (msg == EE && n != 1)
        return 0;
    return 1;
}
static int write_alpn(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return mintls_writer_put_prefixed(w, 2, e->alpn.p, e->alpn.len);
}

/* ---- supported_versions (RFC 8446 4.2.1) ------------------------------------- */
/* CH: ProtocolVersion versions<2..254>; SH, HRR: ProtocolVersion selected_version */
static int parse_versions(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    (void)alert;
    if (msg == CH)
        return get_u16_list(b, 1, &e->versions);
    return mintls_cursor_get_u16(b, &e->selected_version);
}
static int write_versions(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    if (msg == CH)
        return put_u16_list(w, 1, e->versions);
    return mintls_writer_put_u16(w, e->selected_version);
}

/* ---- key_share (RFC 8446 4.2.8) ---------------------------------------------- */
/* struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
 * CH: KeyShareEntry client_shares<0..2^16-1>; SH: KeyShareEntry server_share;
 * HRR: NamedGroup selected_group. */
static int get_key_share_entry(mintls_cursor *c, uint16_t *group, mintls_span *key)
{
    mintls_cursor k;
    if (!mintls_cursor_get_u16(c, group) || !mintls_cursor_get_u16_prefixed(c, &k) || k.len == 0)
        return 0;
    *key = mintls_cursor_span(&k);
    return 1;
}

int mintls_key_share_next(mintls_cursor *c, uint16_t *out_group, mintls_span *out_key)
{
    return get_key_share_entry(c, out_group, out_key);
}

int mintls_key_share_find(mintls_span key_shares, uint16_t group, mintls_span *out_key)
{
    mintls_cursor c;
    uint16_t g;
    mintls_span k;
    mintls_cursor_init(&c, key_shares.p, key_shares.len);
    while (mintls_key_share_next(&c, &g, &k))
        if (g == group) {
            *out_key = k;
            return 1;
        }
    return 0;
}

int mintls_key_share_put(mintls_writer *w, uint16_t group, const uint8_t *key, size_t key_len)
{
    return mintls_writer_put_u16(w, group) && mintls_writer_put_prefixed(w, 2, key, key_len);
}

static int parse_key_share(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    if (msg == HRR)
        return mintls_cursor_get_u16(b, &e->key_share_group);
    if (msg == SH)
        return get_key_share_entry(b, &e->key_share_group, &e->key_share_key);
    mintls_cursor list, walk;
    if (!mintls_cursor_get_u16_prefixed(b, &list))
        return 0;
    e->key_shares = mintls_cursor_span(&list);
    walk = list;
    while (!mintls_cursor_is_empty(&walk)) {
        uint16_t g, seen;
        mintls_span k, ks;
        mintls_cursor before;
        if (!get_key_share_entry(&walk, &g, &k))
            return 0;
        /* Clients MUST NOT offer two shares for one group (4.2.8). */
        mintls_cursor_init(&before, list.p, (size_t)(k.p - list.p) - 4);
        while (mintls_key_share_next(&before, &seen, &ks))
            if (seen == g) {
                *alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
                return 0;
            }
    }
    return 1;
}

static int write_key_share(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    if (msg == HRR)
        return mintls_writer_put_u16(w, e->key_share_group);
    if (msg == SH)
        return mintls_key_share_put(w, e->key_share_group, e->key_share_key.p,
                                    e->key_share_key.len);
    return mintls_writer_put_prefixed(w, 2, e->key_shares.p, e->key_shares.len);
}

/* ---- psk_key_exchange_modes (4.2.9): PskKeyExchangeMode ke_modes<1..255> ------ */
static int parse_psk_modes(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    mintls_cursor l;
    (void)msg, (void)alert;
    if (!mintls_cursor_get_u8_prefixed(b, &l) || l.len == 0)
        return 0;
    e->psk_modes = mintls_cursor_span(&l);
    return 1;
}
static int write_psk_modes(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return mintls_writer_put_prefixed(w, 1, e->psk_modes.p, e->psk_modes.len);
}

/* ---- cookie (4.2.2): opaque cookie<1..2^16-1> -------------------------------- */
static int parse_cookie(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    mintls_cursor l;
    (void)msg, (void)alert;
    if (!mintls_cursor_get_u16_prefixed(b, &l) || l.len == 0)
        return 0;
    e->cookie = mintls_cursor_span(&l);
    return 1;
}
static int write_cookie(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    return mintls_writer_put_prefixed(w, 2, e->cookie.p, e->cookie.len);
}

/* ---- early_data (4.2.10): NST: uint32 max_early_data_size; CH, EE: empty ------ */
static int parse_early_data(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    (void)alert;
    if (msg == NST)
        return mintls_cursor_get_u32(b, &e->max_early_data);
    return 1;
}
static int write_early_data(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    if (msg == NST)
        return mintls_writer_put_u32(w, e->max_early_data);
    return 1;
}

/* ---- pre_shared_key (4.2.11) ------------------------------------------------- */
/* struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
 * opaque PskBinderEntry<32..255>;
 * CH: PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>;
 * SH: uint16 selected_identity. */
int mintls_psk_identity_next(mintls_cursor *c, mintls_span *out_identity,
                             uint32_t *out_obfuscated_age)
{
    mintls_cursor id;
    if (!mintls_cursor_get_u16_prefixed(c, &id) || id.len == 0 ||
        !mintls_cursor_get_u32(c, out_obfuscated_age))
        return 0;
    *out_identity = mintls_cursor_span(&id);
    return 1;
}

int mintls_psk_binder_next(mintls_cursor *c, mintls_span *out_binder)
{
    mintls_cursor b;
    if (!mintls_cursor_get_u8_prefixed(c, &b) || b.len < 32)
        return 0;
    *out_binder = mintls_cursor_span(&b);
    return 1;
}

static int parse_psk(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    if (msg == SH)
        return mintls_cursor_get_u16(b, &e->psk_selected);
    mintls_cursor ids, binders;
    mintls_span s;
    uint32_t age;
    size_t n_ids = 0, n_binders = 0;
    if (!mintls_cursor_get_u16_prefixed(b, &ids) || ids.len == 0 ||
        !mintls_cursor_get_u16_prefixed(b, &binders) || binders.len == 0)
        return 0;
    e->psk_identities = mintls_cursor_span(&ids);
    e->psk_binders = mintls_cursor_span(&binders);
    while (!mintls_cursor_is_empty(&ids)) {
        if (!mintls_psk_identity_next(&ids, &s, &age))
            return 0;
        n_ids++;
    }
    while (!mintls_cursor_is_empty(&binders)) {
        if (!mintls_psk_binder_next(&binders, &s))
            return 0;
        n_binders++;
    }
    if (n_ids != n_binders) {
        *alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
        return 0;
    }
    e->psk_identity_count = n_ids;
    return 1;
}

static int write_psk(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    if (msg == SH)
        return mintls_writer_put_u16(w, e->psk_selected);
    return mintls_writer_put_prefixed(w, 2, e->psk_identities.p, e->psk_identities.len) &&
           mintls_writer_put_prefixed(w, 2, e->psk_binders.p, e->psk_binders.len);
}

size_t mintls_psk_binders_tail(const mintls_extensions *e)
{
    return 2 + e->psk_binders.len;
}

int mintls_alpn_next(mintls_cursor *c, mintls_span *out_name)
{
    mintls_cursor n;
    if (!mintls_cursor_get_u8_prefixed(c, &n) || n.len == 0)
        return 0;
    *out_name = mintls_cursor_span(&n);
    return 1;
}

/* ---- padding (RFC 7685): any number of zero bytes ----------------------------- */
static int parse_padding(mintls_cursor *b, unsigned msg, mintls_extensions *e, uint8_t *alert)
{
    mintls_span s;
    (void)msg, (void)alert;
    e->padding_len = mintls_cursor_remaining(b);
    return mintls_cursor_get_span(b, e->padding_len, &s);
}
static int write_padding(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    (void)msg;
    for (size_t i = 0; i < e->padding_len; i++)
        if (!mintls_writer_put_u8(w, 0))
            return 0;
    return 1;
}

/* ---- the table ----------------------------------------------------------------- */

typedef struct {
    uint16_t type;
    uint8_t index;
    uint8_t allowed; /* MINTLS_EXT_IN_* bits (RFC 8446 4.2's table) */
    /* NULL: recognised but not acted on; the body is kept raw. */
    int (*parse)(mintls_cursor *body, unsigned msg, mintls_extensions *e, uint8_t *alert);
    int (*write)(mintls_writer *w, unsigned msg, const mintls_extensions *e);
} ext_def;

static const ext_def ext_table[MINTLS_X_COUNT] = {
    {MINTLS_EXT_SERVER_NAME, MINTLS_X_SERVER_NAME, CH | EE, parse_server_name, write_server_name},
    {MINTLS_EXT_MAX_FRAGMENT_LENGTH, MINTLS_X_MAX_FRAGMENT_LENGTH, CH | EE, NULL, NULL},
    {MINTLS_EXT_STATUS_REQUEST, MINTLS_X_STATUS_REQUEST, CH | CR | CT, NULL, NULL},
    {MINTLS_EXT_SUPPORTED_GROUPS, MINTLS_X_SUPPORTED_GROUPS, CH | EE, parse_groups, write_groups},
    {MINTLS_EXT_SIGNATURE_ALGORITHMS, MINTLS_X_SIGNATURE_ALGORITHMS, CH | CR, parse_sig_algs,
     write_sig_algs},
    {MINTLS_EXT_USE_SRTP, MINTLS_X_USE_SRTP, CH | EE, NULL, NULL},
    {MINTLS_EXT_HEARTBEAT, MINTLS_X_HEARTBEAT, CH | EE, NULL, NULL},
    {MINTLS_EXT_ALPN, MINTLS_X_ALPN, CH | EE, parse_alpn, write_alpn},
    {MINTLS_EXT_SCT, MINTLS_X_SCT, CH | CR | CT, NULL, NULL},
    {MINTLS_EXT_CLIENT_CERTIFICATE_TYPE, MINTLS_X_CLIENT_CERTIFICATE_TYPE, CH | EE, NULL, NULL},
    {MINTLS_EXT_SERVER_CERTIFICATE_TYPE, MINTLS_X_SERVER_CERTIFICATE_TYPE, CH | EE, NULL, NULL},
    {MINTLS_EXT_PADDING, MINTLS_X_PADDING, CH, parse_padding, write_padding},
    /* RFC 8449 4: ClientHello and EncryptedExtensions. */
    {MINTLS_EXT_RECORD_SIZE_LIMIT, MINTLS_X_RECORD_SIZE_LIMIT, CH | EE, NULL, NULL},
    {MINTLS_EXT_PRE_SHARED_KEY, MINTLS_X_PRE_SHARED_KEY, CH | SH, parse_psk, write_psk},
    {MINTLS_EXT_EARLY_DATA, MINTLS_X_EARLY_DATA, CH | EE | NST, parse_early_data,
     write_early_data},
    {MINTLS_EXT_SUPPORTED_VERSIONS, MINTLS_X_SUPPORTED_VERSIONS, CH | SH | HRR, parse_versions,
     write_versions},
    {MINTLS_EXT_COOKIE, MINTLS_X_COOKIE, CH | HRR, parse_cookie, write_cookie},
    {MINTLS_EXT_PSK_KEY_EXCHANGE_MODES, MINTLS_X_PSK_KEY_EXCHANGE_MODES, CH, parse_psk_modes,
     write_psk_modes},
    {MINTLS_EXT_CERTIFICATE_AUTHORITIES, MINTLS_X_CERTIFICATE_AUTHORITIES, CH | CR, NULL, NULL},
    {MINTLS_EXT_OID_FILTERS, MINTLS_X_OID_FILTERS, CR, NULL, NULL},
    {MINTLS_EXT_POST_HANDSHAKE_AUTH, MINTLS_X_POST_HANDSHAKE_AUTH, CH, NULL, NULL},
    {MINTLS_EXT_SIGNATURE_ALGORITHMS_CERT, MINTLS_X_SIGNATURE_ALGORITHMS_CERT, CH | CR,
     parse_sig_algs_cert, write_sig_algs_cert},
    {MINTLS_EXT_KEY_SHARE, MINTLS_X_KEY_SHARE, CH | SH | HRR, parse_key_share, write_key_share},
};

static const ext_def *find_def(uint16_t type)
{
    for (size_t i = 0; i < MINTLS_X_COUNT; i++)
        if (ext_table[i].type == type)
            return &ext_table[i];
    return NULL;
}

int mintls_extension_index(uint16_t type)
{
    const ext_def *d = find_def(type);
    return d != NULL ? d->index : -1;
}

unsigned mintls_extension_allowed_in(uint16_t type)
{
    const ext_def *d = find_def(type);
    return d != NULL ? d->allowed : 0;
}

void mintls_extensions_init(mintls_extensions *e)
{
    memset(e, 0, sizeof(*e));
}

static void keep_raw(mintls_extensions *e, uint16_t type, mintls_span body)
{
    if (e->other_count < MINTLS_EXT_MAX_OTHER) {
        e->other[e->other_count].type = type;
        e->other[e->other_count].body = body;
        e->other_count++;
    }
}

int mintls_extensions_parse(mintls_cursor *block, unsigned msg, uint32_t requested,
                            mintls_extensions *out, uint8_t *out_alert)
{
    /* One bit per code point: catches a repeated unknown extension too. */
    uint8_t seen[65536 / 8];
    memset(seen, 0, sizeof(seen));
    mintls_extensions_init(out);
    *out_alert = MINTLS_ALERT_DECODE_ERROR;

    while (!mintls_cursor_is_empty(block)) {
        uint16_t type;
        mintls_cursor body;
        if (!mintls_cursor_get_u16(block, &type) || !mintls_cursor_get_u16_prefixed(block, &body))
            return 0;
        if (seen[type >> 3] & (1u << (type & 7))) {
            *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
            return 0;
        }
        seen[type >> 3] |= (uint8_t)(1u << (type & 7));
        if (out->order_count < MINTLS_EXT_MAX_ORDER)
            out->order[out->order_count++] = type;

        const ext_def *d = find_def(type);
        if (d == NULL) {
            if (msg & RESPONSES) {
                *out_alert = MINTLS_ALERT_UNSUPPORTED_EXTENSION;
                return 0;
            }
            keep_raw(out, type, mintls_cursor_span(&body));
            continue;
        }
        if (!(d->allowed & msg)) {
            *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
            return 0;
        }
        /* 4.2: responses only to what we asked for; HRR's cookie is unasked. */
        if ((msg & RESPONSES) && !(requested & MINTLS_XBIT(d->index)) &&
            !(msg == HRR && d->type == MINTLS_EXT_COOKIE)) {
            *out_alert = MINTLS_ALERT_UNSUPPORTED_EXTENSION;
            return 0;
        }
        out->present |= MINTLS_XBIT(d->index);
        if (d->parse == NULL) {
            keep_raw(out, type, mintls_cursor_span(&body));
            continue;
        }
        if (!d->parse(&body, msg, out, out_alert) || !mintls_cursor_is_empty(&body))
            return 0; /* decode_error unless the parser said otherwise */
        /* 4.2.11: pre_shared_key MUST be the last extension of a ClientHello. */
        if (msg == CH && d->type == MINTLS_EXT_PRE_SHARED_KEY &&
            !mintls_cursor_is_empty(block)) {
            *out_alert = MINTLS_ALERT_ILLEGAL_PARAMETER;
            return 0;
        }
    }
    return 1;
}

static int write_one(mintls_writer *w, unsigned msg, const mintls_extensions *e, uint16_t type)
{
    const ext_def *d = find_def(type);
    if (d != NULL && (!(d->allowed & msg) || !(e->present & MINTLS_XBIT(d->index))))
        return 0;
    if (d != NULL && d->write != NULL) {
        return mintls_writer_put_u16(w, type) && mintls_writer_open(w, 2) &&
               d->write(w, msg, e) && mintls_writer_close(w);
    }
    for (size_t i = 0; i < e->other_count; i++)
        if (e->other[i].type == type)
            return mintls_writer_put_u16(w, type) &&
                   mintls_writer_put_prefixed(w, 2, e->other[i].body.p, e->other[i].body.len);
    return 0;
}

int mintls_extensions_write(mintls_writer *w, unsigned msg, const mintls_extensions *e)
{
    int ok = mintls_writer_open(w, 2);
    if (e->order_count != 0) {
        for (size_t i = 0; ok && i < e->order_count; i++)
            ok = write_one(w, msg, e, e->order[i]);
    } else {
        /* pre_shared_key goes last (4.2.11). */
        for (size_t i = 0; ok && i < MINTLS_X_COUNT; i++)
            if ((e->present & MINTLS_XBIT(ext_table[i].index)) && ext_table[i].write != NULL &&
                ext_table[i].type != MINTLS_EXT_PRE_SHARED_KEY)
                ok = write_one(w, msg, e, ext_table[i].type);
        for (size_t i = 0; ok && i < e->other_count; i++)
            ok = write_one(w, msg, e, e->other[i].type);
        if (ok && (e->present & MINTLS_XBIT(MINTLS_X_PRE_SHARED_KEY)))
            ok = write_one(w, msg, e, MINTLS_EXT_PRE_SHARED_KEY);
    }
    if (!ok)
        w->failed = 1;
    return ok && mintls_writer_close(w);
}
