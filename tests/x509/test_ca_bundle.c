/*
 * Parses every certificate of the system CA bundle (Debian's
 * /etc/ssl/certs/ca-certificates.crt) with PEM_read_X509, written against the
 * OpenSSL API only. Skips cleanly when the bundle is missing.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "test.h"

#define CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

/* Counts "-----BEGIN CERTIFICATE-----" lines, independently of the parser. */
static int count_pem_blocks(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int n = 0;
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL)
        if (strncmp(line, "-----BEGIN CERTIFICATE-----", 27) == 0)
            n++;
    fclose(f);
    return n;
}

int main(void)
{
    FILE *f = fopen(CA_BUNDLE, "r");
    if (f == NULL) {
        printf("%s not found: skipped\n", CA_BUNDLE);
        return test_summary();
    }
    int count = 0, rsa = 0, ec = 0, other = 0;
    X509 *x;
    while ((x = PEM_read_X509(f, NULL, NULL, NULL)) != NULL) {
        count++;
        X509_NAME *subj = X509_get_subject_name(x);
        int ok = CHECK(subj != NULL && X509_NAME_entry_count(subj) > 0);
        char *s = subj ? X509_NAME_oneline(subj, NULL, 0) : NULL;
        ok &= CHECK(s != NULL && s[0] == '/');
        EVP_PKEY *k = X509_get_pubkey(x);
        ok &= CHECK(k != NULL && EVP_PKEY_get_bits(k) > 0);
        if (k != NULL) {
            int id = EVP_PKEY_get_id(k);
            if (id == EVP_PKEY_RSA)
                rsa++;
            else if (id == EVP_PKEY_EC)
                ec++;
            else
                other++;
        }
        ok &= CHECK(X509_get0_notBefore(x) != NULL && X509_get0_notAfter(x) != NULL);
        /* DER round trip. */
        unsigned char *der = NULL;
        int len = i2d_X509(x, &der);
        const unsigned char *p = der;
        X509 *y = len > 0 ? d2i_X509(NULL, &p, len) : NULL;
        ok &= CHECK(y != NULL && X509_cmp(x, y) == 0);
        if (!ok)
            fprintf(stderr, "  certificate %d: %s\n", count, s ? s : "(no subject)");
        X509_free(y);
        OPENSSL_free(der);
        OPENSSL_free(s);
        EVP_PKEY_free(k);
        X509_free(x);
    }
    fclose(f);
    ERR_clear_error(); /* PEM_read_X509 leaves "no start line" at the end */
    int blocks = count_pem_blocks(CA_BUNDLE);
    CHECK(count > 0);
    if (!CHECK(count == blocks))
        fprintf(stderr, "  parsed %d certificates of %d PEM blocks\n", count, blocks);
    printf("%s: %d certificates (%d RSA, %d EC, %d other)\n", CA_BUNDLE, count, rsa, ec, other);
    return test_summary();
}
