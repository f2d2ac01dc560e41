/* Built against an installed mintls by check_install.sh: SHA-256("abc"). */
#include <openssl/evp.h>
#include <stdio.h>

int main(void)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest("abc", 3, md, &len, EVP_sha256(), NULL))
        return 1;
    for (unsigned int i = 0; i < len; i++)
        printf("%02x", md[i]);
    printf("\n");
    return 0;
}
