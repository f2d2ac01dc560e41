/*
 * RAND: a per-thread ChaCha20 generator with fast key erasure, seeded from
 * getrandom().
 *
 * Each thread's state lives in its own mmap'd page marked MADV_WIPEONFORK,
 * so a child of fork() finds it zeroed and re-seeds before its first output;
 * a pthread_atfork generation counter covers kernels without that flag. No
 * lock is taken on the output path. Every request re-keys the generator
 * from its own keystream, so earlier output cannot be recomputed from a
 * later memory image.
 */
#include <openssl/err.h>
#include <openssl/rand.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "internal/chacha_poly.h"
#include "internal/ct.h"
#include "internal/digest.h"

/* Re-seed from the kernel after this many output bytes. */
#define RESEED_BYTES (1u << 20)

typedef struct {
    uint8_t key[32];
    uint64_t out_since_seed;
    unsigned long generation;
    int seeded;
} rand_state;

static pthread_key_t g_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static volatile unsigned long g_fork_generation;

static void on_fork_child(void)
{
    g_fork_generation++;
}

static void free_state(void *p)
{
    if (p != NULL) {
        ct_wipe(p, sizeof(rand_state));
        munmap(p, (size_t)sysconf(_SC_PAGESIZE));
    }
}

static void init_once(void)
{
    (void)pthread_key_create(&g_key, free_state);
    (void)pthread_atfork(NULL, NULL, on_fork_child);
}

static rand_state *get_state(void)
{
    pthread_once(&g_once, init_once);
    rand_state *s = pthread_getspecific(g_key);
    if (s != NULL)
        return s;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
#ifdef MADV_WIPEONFORK
    (void)madvise(p, page, MADV_WIPEONFORK);
#endif
    (void)madvise(p, page, MADV_DONTDUMP);
    if (pthread_setspecific(g_key, p) != 0) {
        munmap(p, page);
        return NULL;
    }
    return p;
}

/* Fills buf from the kernel; 1 on success. */
static int os_entropy(uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        buf += n;
        len -= (size_t)n;
    }
    if (len == 0)
        return 1;
    /* Kernels before 3.17 lack getrandom(): fall back to the device. */
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    while (len > 0) {
        ssize_t n = read(fd, buf, len);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            break;
        }
        buf += n;
        len -= (size_t)n;
    }
    close(fd);
    return len == 0;
}

/* Mixes extra into the key: key = HMAC-SHA256(key, extra). */
static void mix(rand_state *s, const uint8_t *extra, size_t len)
{
    uint8_t k[32];
    mintls_hmac(&mintls_hash_sha256, s->key, sizeof(s->key), extra, len, k);
    memcpy(s->key, k, sizeof(k));
    ct_wipe(k, sizeof(k));
}

static int reseed(rand_state *s)
{
    uint8_t seed[48];
    if (!os_entropy(seed, sizeof(seed))) {
        ERR_raise(ERR_LIB_RAND, RAND_R_ERROR_RETRIEVING_ENTROPY);
        return 0;
    }
    if (!s->seeded)
        memset(s->key, 0, sizeof(s->key));
    mix(s, seed, sizeof(seed));
    ct_wipe(seed, sizeof(seed));
    s->out_since_seed = 0;
    s->generation = g_fork_generation;
    s->seeded = 1;
    return 1;
}

static rand_state *ready_state(void)
{
    rand_state *s = get_state();
    if (s == NULL) {
        ERR_raise(ERR_LIB_RAND, ERR_R_MALLOC_FAILURE);
        return NULL;
    }
    if (!s->seeded || s->generation != g_fork_generation ||
        s->out_since_seed >= RESEED_BYTES) {
        if (!reseed(s))
            return NULL;
    }
    return s;
}

/*
 * One request: keystream block 0 becomes the next key, the rest is output.
 * The nonce is zero; the key is never used twice.
 */
static int generate(uint8_t *out, size_t len)
{
    rand_state *s = ready_state();
    if (s == NULL)
        return 0;
    static const uint8_t zero_nonce[12];
    uint8_t first[64];
    memset(first, 0, sizeof(first));
    mintls_chacha20_xor(s->key, 0, zero_nonce, first, first, sizeof(first));
    /* Output from counter 1 on; at most 2^32 - 2 blocks per key. */
    size_t done = 0;
    uint32_t counter = 1;
    uint8_t key[32];
    memcpy(key, first + 32, 32);
    while (done < len) {
        size_t chunk = len - done;
        if (chunk > ((size_t)1 << 30))
            chunk = (size_t)1 << 30;
        memset(out + done, 0, chunk);
        mintls_chacha20_xor(key, counter, zero_nonce, out + done, out + done, chunk);
        counter += (uint32_t)((chunk + 63) / 64);
        done += chunk;
        if (done < len) {
            /* Re-key between gigabyte chunks so the counter never wraps. */
            uint8_t next[32] = {0};
            mintls_chacha20_xor(key, counter, zero_nonce, next, next, sizeof(next));
            memcpy(key, next, sizeof(key));
            ct_wipe(next, sizeof(next));
            counter = 1;
        }
    }
    memcpy(s->key, first, 32);
    s->out_since_seed += len;
    ct_wipe(first, sizeof(first));
    ct_wipe(key, sizeof(key));
    return 1;
}

int RAND_bytes(unsigned char *buf, int num)
{
    if (num < 0) {
        ERR_raise(ERR_LIB_RAND, RAND_R_ARGUMENT_OUT_OF_RANGE);
        return 0;
    }
    if (num == 0)
        return 1;
    if (buf == NULL) {
        ERR_raise(ERR_LIB_RAND, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return generate(buf, (size_t)num);
}

/* One generator serves both: its output never reveals its state. */
int RAND_priv_bytes(unsigned char *buf, int num)
{
    return RAND_bytes(buf, num);
}

int RAND_bytes_ex(OSSL_LIB_CTX *ctx, unsigned char *buf, size_t num, unsigned int strength)
{
    (void)ctx;
    if (strength > 256) {
        ERR_raise(ERR_LIB_RAND, RAND_R_ARGUMENT_OUT_OF_RANGE);
        return 0;
    }
    if (num == 0)
        return 1;
    if (buf == NULL) {
        ERR_raise(ERR_LIB_RAND, ERR_R_PASSED_NULL_PARAMETER);
        return 0;
    }
    return generate(buf, num);
}

int RAND_priv_bytes_ex(OSSL_LIB_CTX *ctx, unsigned char *buf, size_t num,
                       unsigned int strength)
{
    return RAND_bytes_ex(ctx, buf, num, strength);
}

int RAND_pseudo_bytes(unsigned char *buf, int num)
{
    return RAND_bytes(buf, num);
}

int RAND_status(void)
{
    return ready_state() != NULL;
}

/* Caller data is mixed in on top of the kernel seed, never instead of it. */
void RAND_add(const void *buf, int num, double randomness)
{
    (void)randomness;
    rand_state *s = ready_state();
    if (s == NULL || buf == NULL || num <= 0)
        return;
    mix(s, buf, (size_t)num);
}

void RAND_seed(const void *buf, int num)
{
    RAND_add(buf, num, (double)num);
}

int RAND_poll(void)
{
    rand_state *s = get_state();
    return s != NULL && reseed(s);
}

void RAND_keep_random_devices_open(int keep)
{
    (void)keep;
}
