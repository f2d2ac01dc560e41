/* PBKDF2 (RFC 8018 section 5.2) with HMAC over any mintls_hash. */
#ifndef MINTLS_INTERNAL_PBKDF2_H
#define MINTLS_INTERNAL_PBKDF2_H

#include <stddef.h>
#include <stdint.h>

#include "internal/digest.h"

/* Returns 1, or 0 when iterations is 0 or out_len is 0. */
int mintls_pbkdf2(const mintls_hash *h, const uint8_t *pass, size_t pass_len,
                  const uint8_t *salt, size_t salt_len, uint64_t iterations,
                  uint8_t *out, size_t out_len);

#endif
