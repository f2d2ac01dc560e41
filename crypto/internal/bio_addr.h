/*
 * mintls: the socket address behind BIO_ADDR, shared by the address,
 * socket-call, connect and accept BIO files. BIO_ADDR is opaque to
 * programs, so its shape is ours: a union big enough for every family we
 * speak, read through its sockaddr header.
 */
#ifndef MINTLS_INTERNAL_BIO_ADDR_H
#define MINTLS_INTERNAL_BIO_ADDR_H

#include <openssl/bio.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

union bio_addr_st {
    struct sockaddr sa;
    struct sockaddr_in s_in;
    struct sockaddr_in6 s_in6;
    struct sockaddr_un s_un;
};

/* One lookup result; our own copy of getaddrinfo's list, so freeing it
   never depends on how libc allocated it. */
struct bio_addrinfo_st {
    int family;
    int socktype;
    int protocol;
    BIO_ADDR addr;
    struct bio_addrinfo_st *next;
};

/* The address as the socket calls want it, and its length for its family
   (0 for an unset address). */
const struct sockaddr *mintls_bio_addr_sockaddr(const BIO_ADDR *ap);
socklen_t mintls_bio_addr_sockaddr_size(const BIO_ADDR *ap);

/* Fills ap from a sockaddr of length len; 0 if the family is not one we
   hold or len is too short for it. */
int mintls_bio_addr_from_sockaddr(BIO_ADDR *ap, const struct sockaddr *sa, socklen_t len);

/* Maps BIO_FAMILY_* to an AF_* value for a lookup; 0 with
   BIO_R_UNSUPPORTED_IP_FAMILY raised for anything else. */
int mintls_bio_family_to_af(int bio_family, int *out_af);

#endif
