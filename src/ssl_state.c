/*
 * Where a handshake is, in OpenSSL's terms: SSL_get_state, the short and
 * long state strings, and the info callback that hears of each step,
 * alert and handshake start/end. The state machines call mintls_hs_enter
 * at the points OpenSSL's would change state, so programs that print
 * SSL_state_string_long from an info callback see the same story.
 */
#include "ssl_local.h"

typedef struct {
    const char *code; /* SSL_state_string */
    const char *text; /* SSL_state_string_long */
} state_names;

/* Indexed by OSSL_HANDSHAKE_STATE. */
static const state_names names[] = {
    [TLS_ST_BEFORE] = {"PINIT", "before SSL initialization"},
    [TLS_ST_OK] = {"SSLOK", "SSL negotiation finished successfully"},
    [DTLS_ST_CR_HELLO_VERIFY_REQUEST] = {"DRCHV", "DTLS1 read hello verify request"},
    [TLS_ST_CR_SRVR_HELLO] = {"TRSH", "SSLv3/TLS read server hello"},
    [TLS_ST_CR_CERT] = {"TRSC", "SSLv3/TLS read server certificate"},
    [TLS_ST_CR_CERT_STATUS] = {"TRCS", "SSLv3/TLS read certificate status"},
    [TLS_ST_CR_KEY_EXCH] = {"TRSKE", "SSLv3/TLS read server key exchange"},
    [TLS_ST_CR_CERT_REQ] = {"TRCR", "SSLv3/TLS read server certificate request"},
    [TLS_ST_CR_SRVR_DONE] = {"TRSD", "SSLv3/TLS read server done"},
    [TLS_ST_CR_SESSION_TICKET] = {"TRST", "SSLv3/TLS read server session ticket"},
    [TLS_ST_CR_CHANGE] = {"TRCCS", "SSLv3/TLS read change cipher spec"},
    [TLS_ST_CR_FINISHED] = {"TRFIN", "SSLv3/TLS read finished"},
    [TLS_ST_CW_CLNT_HELLO] = {"TWCH", "SSLv3/TLS write client hello"},
    [TLS_ST_CW_CERT] = {"TWCC", "SSLv3/TLS write client certificate"},
    [TLS_ST_CW_KEY_EXCH] = {"TWCKE", "SSLv3/TLS write client key exchange"},
    [TLS_ST_CW_CERT_VRFY] = {"TWCV", "SSLv3/TLS write certificate verify"},
    [TLS_ST_CW_CHANGE] = {"TWCCS", "SSLv3/TLS write change cipher spec"},
    [TLS_ST_CW_NEXT_PROTO] = {"TWNP", "SSLv3/TLS write next proto"},
    [TLS_ST_CW_FINISHED] = {"TWFIN", "SSLv3/TLS write finished"},
    [TLS_ST_SW_HELLO_REQ] = {"TWHR", "SSLv3/TLS write hello request"},
    [TLS_ST_SR_CLNT_HELLO] = {"TRCH", "SSLv3/TLS read client hello"},
    [DTLS_ST_SW_HELLO_VERIFY_REQUEST] = {"DWCHV", "DTLS1 write hello verify request"},
    [TLS_ST_SW_SRVR_HELLO] = {"TWSH", "SSLv3/TLS write server hello"},
    [TLS_ST_SW_CERT] = {"TWSC", "SSLv3/TLS write certificate"},
    [TLS_ST_SW_KEY_EXCH] = {"TWSKE", "SSLv3/TLS write key exchange"},
    [TLS_ST_SW_CERT_REQ] = {"TWCR", "SSLv3/TLS write certificate request"},
    [TLS_ST_SW_SRVR_DONE] = {"TWSD", "SSLv3/TLS write server done"},
    [TLS_ST_SR_CERT] = {"TRCC", "SSLv3/TLS read client certificate"},
    [TLS_ST_SR_KEY_EXCH] = {"TRCKE", "SSLv3/TLS read client key exchange"},
    [TLS_ST_SR_CERT_VRFY] = {"TRCV", "SSLv3/TLS read certificate verify"},
    [TLS_ST_SR_NEXT_PROTO] = {"TRNP", "SSLv3/TLS read next proto"},
    [TLS_ST_SR_CHANGE] = {"TRCCS", "SSLv3/TLS read change cipher spec"},
    [TLS_ST_SR_FINISHED] = {"TRFIN", "SSLv3/TLS read finished"},
    [TLS_ST_SW_SESSION_TICKET] = {"TWST", "SSLv3/TLS write session ticket"},
    [TLS_ST_SW_CERT_STATUS] = {"TWCS", "SSLv3/TLS write certificate status"},
    [TLS_ST_SW_CHANGE] = {"TWCCS", "SSLv3/TLS write change cipher spec"},
    [TLS_ST_SW_FINISHED] = {"TWFIN", "SSLv3/TLS write finished"},
    [TLS_ST_SW_ENCRYPTED_EXTENSIONS] = {"TWEE", "TLSv1.3 write encrypted extensions"},
    [TLS_ST_CR_ENCRYPTED_EXTENSIONS] = {"TREE", "TLSv1.3 read encrypted extensions"},
    [TLS_ST_CR_CERT_VRFY] = {"TRSCV", "TLSv1.3 read server certificate verify"},
    [TLS_ST_SW_CERT_VRFY] = {"TWSCV", "TLSv1.3 write server certificate verify"},
    [TLS_ST_CR_HELLO_REQ] = {"TRHR", "SSLv3/TLS read hello request"},
    [TLS_ST_SW_KEY_UPDATE] = {"TWSKU", "TLSv1.3 write server key update"},
    [TLS_ST_CW_KEY_UPDATE] = {"TWCKU", "TLSv1.3 write client key update"},
    [TLS_ST_SR_KEY_UPDATE] = {"TRCKU", "TLSv1.3 read client key update"},
    [TLS_ST_CR_KEY_UPDATE] = {"TRSKU", "TLSv1.3 read server key update"},
    [TLS_ST_EARLY_DATA] = {"TED", "TLSv1.3 early data"},
    [TLS_ST_PENDING_EARLY_DATA_END] = {"TPEDE", "TLSv1.3 pending early data end"},
    [TLS_ST_CW_END_OF_EARLY_DATA] = {"TWEOED", "TLSv1.3 write end of early data"},
    [TLS_ST_SR_END_OF_EARLY_DATA] = {"TREOED", "TLSv1.3 read end of early data"},
};

OSSL_HANDSHAKE_STATE SSL_get_state(const SSL *ssl)
{
    return ssl->hs_state;
}

/* A connection that failed during its handshake reports "error", as OpenSSL's does. */
static const state_names *current(const SSL *s)
{
    static const state_names failed = {"SSLERR", "error"};
    static const state_names unknown = {"UNKWN ", "unknown state"};
    if (s->io.dead && s->hs_phase != MINTLS_PHASE_FINISHED)
        return &failed;
    if ((size_t)s->hs_state >= sizeof(names) / sizeof(names[0]) || names[s->hs_state].code == NULL)
        return &unknown;
    return &names[s->hs_state];
}

const char *SSL_state_string(const SSL *s)
{
    return current(s)->code;
}

const char *SSL_state_string_long(const SSL *s)
{
    return current(s)->text;
}

void SSL_CTX_set_info_callback(SSL_CTX *ctx, void (*cb)(const SSL *ssl, int type, int val))
{
    ctx->info_callback = cb;
}

void (*SSL_CTX_get_info_callback(SSL_CTX *ctx))(const SSL *ssl, int type, int val)
{
    return ctx->info_callback;
}

void SSL_set_info_callback(SSL *ssl, void (*cb)(const SSL *ssl, int type, int val))
{
    ssl->info_callback = cb;
}

void (*SSL_get_info_callback(const SSL *ssl))(const SSL *ssl, int type, int val)
{
    return ssl->info_callback;
}

void mintls_info(const SSL *s, int where, int ret)
{
    void (*cb)(const SSL *, int, int) =
        s->info_callback != NULL ? s->info_callback : s->ctx->info_callback;
    if (cb != NULL)
        cb(s, where, ret);
}

void mintls_hs_enter(SSL *s, OSSL_HANDSHAKE_STATE st)
{
    s->hs_state = st;
    mintls_info(s, (s->server ? SSL_ST_ACCEPT : SSL_ST_CONNECT) | SSL_CB_LOOP, 1);
}

/* ---- alert names -------------------------------------------------------- */

const char *SSL_alert_type_string(int value)
{
    switch (value >> 8) {
    case 1:
        return "W";
    case 2:
        return "F";
    default:
        return "U";
    }
}

const char *SSL_alert_type_string_long(int value)
{
    switch (value >> 8) {
    case 1:
        return "warning";
    case 2:
        return "fatal";
    default:
        return "unknown";
    }
}

typedef struct {
    int desc;
    const char *code, *text;
} alert_names;

static const alert_names alerts[] = {
    {SSL_AD_CLOSE_NOTIFY, "CN", "close notify"},
    {SSL_AD_UNEXPECTED_MESSAGE, "UM", "unexpected_message"},
    {SSL_AD_BAD_RECORD_MAC, "BM", "bad record mac"},
    {SSL_AD_DECRYPTION_FAILED, "DC", "decryption failed"},
    {SSL_AD_RECORD_OVERFLOW, "RO", "record overflow"},
    {SSL_AD_DECOMPRESSION_FAILURE, "DF", "decompression failure"},
    {SSL_AD_HANDSHAKE_FAILURE, "HF", "handshake failure"},
    {SSL_AD_NO_CERTIFICATE, "NC", "no certificate"},
    {SSL_AD_BAD_CERTIFICATE, "BC", "bad certificate"},
    {SSL_AD_UNSUPPORTED_CERTIFICATE, "UC", "unsupported certificate"},
    {SSL_AD_CERTIFICATE_REVOKED, "CR", "certificate revoked"},
    {SSL_AD_CERTIFICATE_EXPIRED, "CE", "certificate expired"},
    {SSL_AD_CERTIFICATE_UNKNOWN, "CU", "certificate unknown"},
    {SSL_AD_ILLEGAL_PARAMETER, "IP", "illegal parameter"},
    {SSL_AD_UNKNOWN_CA, "CA", "unknown CA"},
    {SSL_AD_ACCESS_DENIED, "AD", "access denied"},
    {SSL_AD_DECODE_ERROR, "DE", "decode error"},
    {SSL_AD_DECRYPT_ERROR, "CY", "decrypt error"},
    {SSL_AD_EXPORT_RESTRICTION, "ER", "export restriction"},
    {SSL_AD_PROTOCOL_VERSION, "PV", "protocol version"},
    {SSL_AD_INSUFFICIENT_SECURITY, "IS", "insufficient security"},
    {SSL_AD_INTERNAL_ERROR, "IE", "internal error"},
    {SSL_AD_INAPPROPRIATE_FALLBACK, "IF", "inappropriate fallback"},
    {SSL_AD_USER_CANCELLED, "US", "user canceled"},
    {SSL_AD_NO_RENEGOTIATION, "NR", "no renegotiation"},
    {SSL_AD_MISSING_EXTENSION, "ME", "missing extension"},
    {SSL_AD_UNSUPPORTED_EXTENSION, "UE", "unsupported extension"},
    {SSL_AD_CERTIFICATE_UNOBTAINABLE, "CO", "certificate unobtainable"},
    {SSL_AD_UNRECOGNIZED_NAME, "UN", "unrecognized name"},
    {SSL_AD_BAD_CERTIFICATE_STATUS_RESPONSE, "BR", "bad certificate status response"},
    {SSL_AD_BAD_CERTIFICATE_HASH_VALUE, "BH", "bad certificate hash value"},
    {SSL_AD_UNKNOWN_PSK_IDENTITY, "UP", "unknown PSK identity"},
    {SSL_AD_CERTIFICATE_REQUIRED, "CQ", "certificate required"},
    {SSL_AD_NO_APPLICATION_PROTOCOL, "AP", "no application protocol"},
};

static const alert_names *alert_by_value(int value)
{
    for (size_t i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++)
        if (alerts[i].desc == (value & 0xff))
            return &alerts[i];
    return NULL;
}

const char *SSL_alert_desc_string(int value)
{
    const alert_names *a = alert_by_value(value);
    return a != NULL ? a->code : "UK";
}

const char *SSL_alert_desc_string_long(int value)
{
    const alert_names *a = alert_by_value(value);
    return a != NULL ? a->text : "unknown";
}
