/*
 * The bridge between the public EVP_MD objects and the internal mintls_hash
 * vtables, for HMAC_CTX, signatures and the TLS layers.
 */
#ifndef MINTLS_INTERNAL_EVP_MD_H
#define MINTLS_INTERNAL_EVP_MD_H

#include <openssl/types.h>

#include "internal/digest.h"

/* The hash behind an EVP_MD, or NULL (md NULL or not one of ours). */
const mintls_hash *mintls_evp_md_hash(const EVP_MD *md);
/* The legacy EVP_MD (EVP_sha256() etc.) for a hash, or NULL. */
const EVP_MD *mintls_evp_md_from_hash(const mintls_hash *h);

#endif
