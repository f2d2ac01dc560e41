/*
 * X509_print_ex / X509_print / X509_print_fp: the "Certificate:" text that
 * `openssl x509 -text` shows. The header lines follow OpenSSL's layout;
 * the public key and the extensions we know are printed in OpenSSL's form,
 * other extensions as their raw value.
 */
#include "internal/x509_obj.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/x509v3.h>

#include "internal/asn1_obj.h"

/* X509_print_ex cflag bits: which parts to leave out (OpenSSL's values). */
#define SKIP_HEADER 1L
#define SKIP_VERSION (1L << 1)
#define SKIP_SERIAL (1L << 2)
#define SKIP_SIGNAME (1L << 3)
#define SKIP_ISSUER (1L << 4)
#define SKIP_VALIDITY (1L << 5)
#define SKIP_SUBJECT (1L << 6)
#define SKIP_PUBKEY (1L << 7)
#define SKIP_EXTENSIONS (1L << 8)
#define SKIP_SIGDUMP (1L << 9)

typedef struct {
    BIO *bp;
    int ok;
} out;

static void puts_(out *o, const char *s)
{
    if (o->ok && BIO_puts(o->bp, s) < 0)
        o->ok = 0;
}

#define PRINTF(o, ...)                                                                           \
    do {                                                                                         \
        if ((o)->ok && BIO_printf((o)->bp, __VA_ARGS__) < 0)                                     \
            (o)->ok = 0;                                                                         \
    } while (0)

/* Colon-separated hex, `per_line` octets a line, each line indented. */
static void hex_block(out *o, const uint8_t *p, size_t n, int indent, int per_line, int lead_zero)
{
    size_t total = n + (lead_zero ? 1 : 0);
    for (size_t i = 0; i < total; i++) {
        uint8_t b = (lead_zero && i == 0) ? 0 : p[i - (lead_zero ? 1 : 0)];
        if (i % (size_t)per_line == 0)
            PRINTF(o, "%s%*s", i > 0 ? "\n" : "", indent, "");
        PRINTF(o, "%02x%s", b, i + 1 == total ? "" : ":");
    }
    puts_(o, "\n");
}

static const char *obj_long_name(int nid, der_span oid, char *tmp, size_t cap)
{
    const char *s = nid != NID_undef ? OBJ_nid2ln(nid) : NULL;
    if (s == NULL && mintls_der_oid_to_text(oid, tmp, cap))
        s = tmp;
    return s != NULL ? s : "UNKNOWN";
}

static void print_name(out *o, const X509_NAME *n, unsigned long nmflags)
{
    if (!o->ok)
        return;
    if (nmflags == XN_FLAG_COMPAT) {
        if (!X509_NAME_print(o->bp, n, 16))
            o->ok = 0;
    } else if (X509_NAME_print_ex(o->bp, n, 0, nmflags) < 0) {
        o->ok = 0;
    }
}

static void print_serial(out *o, const ASN1_INTEGER *s)
{
    int64_t v;
    puts_(o, "        Serial Number:");
    if (s->length <= 8 && ASN1_INTEGER_get_int64(&v, s)) {
        const char *neg = v < 0 ? "-" : "";
        uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
        PRINTF(o, " %s%llu (%s0x%llx)\n", neg, (unsigned long long)u, neg, (unsigned long long)u);
        return;
    }
    PRINTF(o, "\n%12s%s", "", s->type == V_ASN1_NEG_INTEGER ? " (Negative)" : "");
    for (int i = 0; i < s->length; i++)
        PRINTF(o, "%02x%c", s->data[i], i + 1 == s->length ? '\n' : ':');
}

static void print_pubkey(out *o, const X509 *x)
{
    const x509_cert *c = &x->cert;
    char tmp[80];
    PRINTF(o, "%12sPublic Key Algorithm: %s\n", "",
           c->key_nid == NID_undef ? "UNKNOWN" : OBJ_nid2sn(c->key_nid));
    EVP_PKEY *k = X509_get0_pubkey(x);
    switch (c->key_nid) {
    case NID_rsaEncryption:
        PRINTF(o, "%16sPublic-Key: (%d bit)\n", "", k != NULL ? EVP_PKEY_get_bits(k) : 0);
        PRINTF(o, "%16sModulus:\n", "");
        hex_block(o, c->rsa_n.p, c->rsa_n.len, 20, 15, c->rsa_n.len > 0 && (c->rsa_n.p[0] & 0x80));
        if (c->rsa_e.len <= 8) {
            uint64_t e = 0;
            for (size_t i = 0; i < c->rsa_e.len; i++)
                e = (e << 8) | c->rsa_e.p[i];
            PRINTF(o, "%16sExponent: %llu (0x%llx)\n", "", (unsigned long long)e,
                   (unsigned long long)e);
        } else {
            PRINTF(o, "%16sExponent:\n", "");
            hex_block(o, c->rsa_e.p, c->rsa_e.len, 20, 15, 0);
        }
        break;
    case NID_X9_62_id_ecPublicKey:
        PRINTF(o, "%16sPublic-Key: (%d bit)\n", "", k != NULL ? EVP_PKEY_get_bits(k) : 0);
        PRINTF(o, "%16spub:\n", "");
        hex_block(o, c->key_bits.p, c->key_bits.len, 20, 15, 0);
        if (c->curve_nid != NID_undef) {
            PRINTF(o, "%16sASN1 OID: %s\n", "", OBJ_nid2sn(c->curve_nid));
            if (c->curve_nid == NID_X9_62_prime256v1)
                PRINTF(o, "%16sNIST CURVE: P-256\n", "");
            else if (c->curve_nid == NID_secp384r1)
                PRINTF(o, "%16sNIST CURVE: P-384\n", "");
        }
        break;
    case NID_ED25519:
        PRINTF(o, "%16sED25519 Public-Key:\n%16spub:\n", "", "");
        hex_block(o, c->key_bits.p, c->key_bits.len, 20, 15, 0);
        break;
    default:
        PRINTF(o, "%16sUnable to load Public Key (%s)\n", "",
               obj_long_name(c->key_nid, (der_span){NULL, 0}, tmp, sizeof(tmp)));
        break;
    }
}

/* "DNS:a, IP Address:192.0.2.1, ..." as OpenSSL's i2v_GENERAL_NAMES prints. */
static void print_general_names(out *o, const GENERAL_NAMES *gens)
{
    for (int i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
        if (i > 0)
            puts_(o, ", ");
        switch (g->type) {
        case GEN_DNS:
        case GEN_EMAIL:
        case GEN_URI: {
            const char *tag = g->type == GEN_DNS ? "DNS" : g->type == GEN_EMAIL ? "email" : "URI";
            PRINTF(o, "%s:%.*s", tag, g->d.ia5->length, (const char *)g->d.ia5->data);
            break;
        }
        case GEN_IPADD: {
            const unsigned char *p = g->d.ip->data;
            if (g->d.ip->length == 4) {
                PRINTF(o, "IP Address:%d.%d.%d.%d", p[0], p[1], p[2], p[3]);
            } else if (g->d.ip->length == 16) {
                puts_(o, "IP Address:");
                for (int j = 0; j < 16; j += 2)
                    PRINTF(o, "%X%s", (p[j] << 8) | p[j + 1], j < 14 ? ":" : "");
            } else {
                puts_(o, "IP Address:<invalid>");
            }
            break;
        }
        case GEN_DIRNAME: {
            /* OpenSSL shows directory names in the slash form here. */
            char *s = X509_NAME_oneline(g->d.dirn, NULL, 0);
            PRINTF(o, "DirName:%s", s != NULL ? s : "");
            OPENSSL_free(s);
            break;
        }
        case GEN_RID: {
            char t[80];
            OBJ_obj2txt(t, sizeof(t), g->d.rid, 0);
            PRINTF(o, "Registered ID:%s", t);
            break;
        }
        case GEN_OTHERNAME:
            puts_(o, "othername:<unsupported>");
            break;
        case GEN_X400:
            puts_(o, "X400Name:<unsupported>");
            break;
        default:
            puts_(o, "EdiPartyName:<unsupported>");
            break;
        }
    }
}

static void print_hex_upper(out *o, const ASN1_STRING *s)
{
    for (int i = 0; i < s->length; i++)
        PRINTF(o, "%02X%s", s->data[i], i + 1 == s->length ? "" : ":");
}

/* The value of one extension, indented; 0 when we have no printer for it. */
static int print_ext_value(out *o, X509_EXTENSION *ex, int indent)
{
    static const char *const ku_names[] = {"Digital Signature", "Non Repudiation",
                                           "Key Encipherment",  "Data Encipherment",
                                           "Key Agreement",     "Certificate Sign",
                                           "CRL Sign",          "Encipher Only",
                                           "Decipher Only"};
    int nid = OBJ_obj2nid(ex->object);
    void *v = X509V3_EXT_d2i(ex);
    if (v == NULL) {
        ERR_clear_error();
        return 0;
    }
    PRINTF(o, "%*s", indent, "");
    switch (nid) {
    case NID_basic_constraints: {
        BASIC_CONSTRAINTS *bc = v;
        puts_(o, bc->ca ? "CA:TRUE" : "CA:FALSE");
        if (bc->pathlen != NULL)
            PRINTF(o, ", pathlen:%ld", ASN1_INTEGER_get(bc->pathlen));
        BASIC_CONSTRAINTS_free(bc);
        break;
    }
    case NID_key_usage: {
        int first = 1;
        for (int i = 0; i < 9; i++) {
            if (ASN1_BIT_STRING_get_bit(v, i)) {
                PRINTF(o, "%s%s", first ? "" : ", ", ku_names[i]);
                first = 0;
            }
        }
        ASN1_BIT_STRING_free(v);
        break;
    }
    case NID_ext_key_usage: {
        EXTENDED_KEY_USAGE *eku = v;
        for (int i = 0; i < sk_ASN1_OBJECT_num(eku); i++) {
            char t[80];
            OBJ_obj2txt(t, sizeof(t), sk_ASN1_OBJECT_value(eku, i), 0);
            PRINTF(o, "%s%s", i > 0 ? ", " : "", t);
        }
        EXTENDED_KEY_USAGE_free(eku);
        break;
    }
    case NID_subject_key_identifier:
        print_hex_upper(o, v);
        ASN1_OCTET_STRING_free(v);
        break;
    case NID_authority_key_identifier: {
        AUTHORITY_KEYID *a = v;
        int more = 0;
        if (a->keyid != NULL) {
            print_hex_upper(o, a->keyid);
            more = 1;
        }
        if (a->issuer != NULL) {
            if (more)
                PRINTF(o, "\n%*s", indent, "");
            print_general_names(o, a->issuer);
            more = 1;
        }
        if (a->serial != NULL) {
            if (more)
                PRINTF(o, "\n%*s", indent, "");
            puts_(o, "serial:");
            print_hex_upper(o, a->serial);
        }
        AUTHORITY_KEYID_free(a);
        break;
    }
    default: /* subjectAltName / issuerAltName */
        print_general_names(o, v);
        GENERAL_NAMES_free(v);
        break;
    }
    puts_(o, "\n");
    return 1;
}

static void print_extensions(out *o, X509 *x)
{
    if (x->ext_count == 0)
        return;
    PRINTF(o, "%8sX509v3 extensions:\n", "");
    for (int i = 0; i < x->ext_count; i++) {
        X509_EXTENSION *ex = x->exts[i];
        char t[80];
        PRINTF(o, "%12s", "");
        OBJ_obj2txt(t, sizeof(t), ex->object, 0);
        PRINTF(o, "%s: %s\n", t, ex->critical ? "critical" : "");
        if (!print_ext_value(o, ex, 16)) {
            PRINTF(o, "%16s", "");
            if (o->ok && ASN1_STRING_print(o->bp, ex->value) <= 0)
                o->ok = 0;
            puts_(o, "\n");
        }
    }
}

int X509_print_ex(BIO *bp, X509 *x, unsigned long nmflags, unsigned long cflag)
{
    out o = {bp, 1};
    char tmp[80];
    if (bp == NULL || x == NULL || !x->parsed) {
        ERR_raise(ERR_LIB_X509, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    const x509_cert *c = &x->cert;
    char mlch = ' ';
    if ((nmflags & XN_FLAG_SEP_MASK) == XN_FLAG_SEP_MULTILINE)
        mlch = '\n';
    if (!(cflag & SKIP_HEADER))
        puts_(&o, "Certificate:\n    Data:\n");
    if (!(cflag & SKIP_VERSION))
        PRINTF(&o, "%8sVersion: %d (0x%x)\n", "", c->version + 1, (unsigned)c->version);
    if (!(cflag & SKIP_SERIAL))
        print_serial(&o, x->serial);
    if (!(cflag & SKIP_SIGNAME))
        PRINTF(&o, "%8sSignature Algorithm: %s\n", "",
               obj_long_name(c->sig_nid, c->sig_oid, tmp, sizeof(tmp)));
    if (!(cflag & SKIP_ISSUER)) {
        PRINTF(&o, "        Issuer:%c", mlch);
        print_name(&o, x->issuer, nmflags);
        puts_(&o, "\n");
    }
    if (!(cflag & SKIP_VALIDITY)) {
        puts_(&o, "        Validity\n            Not Before: ");
        if (o.ok && !ASN1_TIME_print(bp, x->not_before))
            o.ok = 0;
        puts_(&o, "\n            Not After : ");
        if (o.ok && !ASN1_TIME_print(bp, x->not_after))
            o.ok = 0;
        puts_(&o, "\n");
    }
    if (!(cflag & SKIP_SUBJECT)) {
        PRINTF(&o, "        Subject:%c", mlch);
        print_name(&o, x->subject, nmflags);
        puts_(&o, "\n");
    }
    if (!(cflag & SKIP_PUBKEY)) {
        puts_(&o, "        Subject Public Key Info:\n");
        print_pubkey(&o, x);
    }
    if (!(cflag & SKIP_EXTENSIONS))
        print_extensions(&o, x);
    if (!(cflag & SKIP_SIGDUMP)) {
        PRINTF(&o, "    Signature Algorithm: %s\n    Signature Value:\n",
               obj_long_name(c->outer_sig_nid, c->outer_sig_oid, tmp, sizeof(tmp)));
        hex_block(&o, c->signature.p, c->signature.len, 8, 18, 0);
    }
    if (!o.ok)
        ERR_raise(ERR_LIB_X509, ERR_R_BUF_LIB);
    return o.ok;
}

int X509_print(BIO *bp, X509 *x)
{
    return X509_print_ex(bp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT);
}

int X509_print_ex_fp(FILE *fp, X509 *x, unsigned long nmflag, unsigned long cflag)
{
    BIO *b = BIO_new_fp(fp, BIO_NOCLOSE);
    if (b == NULL) {
        ERR_raise(ERR_LIB_X509, ERR_R_BUF_LIB);
        return 0;
    }
    int r = X509_print_ex(b, x, nmflag, cflag);
    BIO_free(b);
    return r;
}

int X509_print_fp(FILE *fp, X509 *x)
{
    return X509_print_ex_fp(fp, x, XN_FLAG_COMPAT, X509_FLAG_COMPAT);
}
