/* Older name of <openssl/types.h>, kept for programs that include it. */
#include <openssl/types.h>
