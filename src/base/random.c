/* Salts for the hash tables that index untrusted input (metadata
 * certificates by DER hash, the key index), so that crafted input cannot
 * choose colliding keys. They need unpredictability, not a DRBG: they come
 * straight from the kernel (getrandom, which never blocks once the pool is
 * initialised at boot). OpenSSL's RAND_bytes was used before; its first
 * call instantiates and seeds the DRBG, which made a whole `samlcheck
 * response` process 4 million instructions (16 %) longer
 * (docs/performance.md). */
#include "base.h"
#include <errno.h>
#include <sys/random.h>

int sc_random_salt(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0) {
        ssize_t got = getrandom(p, n, GRND_NONBLOCK);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}
