/* Text for error codes: library names and reason strings. */
#ifndef MINTLS_INTERNAL_ERR_STRINGS_H
#define MINTLS_INTERNAL_ERR_STRINGS_H

#include <openssl/err.h>

const char *mintls_err_lib_string(int lib);
const char *mintls_err_reason_string(int lib, int reason);
/* Adds caller strings (ERR_load_strings); lib 0 means each code packs its own. */
int mintls_err_load_strings(int lib, const ERR_STRING_DATA *str);
int mintls_err_next_library(void);

#endif
