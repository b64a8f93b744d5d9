/* Allocation-failure test mode (configure --enable-alloc-fail; never in a
 * release build), after jansson's test_chaos: with SAMLCHECK_ALLOC_FAIL=N
 * in the environment the Nth allocation of the process fails (returns
 * NULL) and every other one succeeds, so each error path can be driven
 * one at a time (tests/alloc-fail.sh iterates N). Counted and failed:
 *   - our own malloc/calloc/realloc (the link wraps them with
 *     -Wl,--wrap=malloc,... so no source file changes);
 *   - libxml2 (and xmlsec, which allocates through it) via xmlMemSetup;
 *   - jansson via json_set_alloc_funcs;
 *   - OpenSSL via CRYPTO_set_mem_functions, only with
 *     SAMLCHECK_ALLOC_FAIL_OPENSSL=1: OpenSSL 3.0 itself leaks and even
 *     crashes on some of its own allocation failures (a NULL lock in
 *     OSSL_DECODER_CTX_new_for_pkey), which we cannot fix; without it
 *     OpenSSL's allocations are neither counted nor failed.
 * SAMLCHECK_ALLOC_COUNT_FILE=path writes the number of allocations counted
 * and whether the Nth was reached, at exit. Every hook forwards to the C
 * library, so memory from any of them may be freed by any other. */
#include "crypto.h"

#ifdef SC_ALLOC_FAIL
#include <libxml/xmlmemory.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static unsigned long long count, fail_at;
static int started, failed, with_openssl;

static void report_count(void)
{
    const char *path = getenv("SAMLCHECK_ALLOC_COUNT_FILE");
    if (!path || !*path)
        return;
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "%llu %d\n", count, failed);
    fclose(f);
}

static void start(void)
{
    if (started)
        return;
    const char *s = getenv("SAMLCHECK_ALLOC_FAIL");
    const char *o = getenv("SAMLCHECK_ALLOC_FAIL_OPENSSL");
    started = 1;
    fail_at = s ? strtoull(s, NULL, 10) : 0;
    with_openssl = o && !strcmp(o, "1");
    atexit(report_count);
}

static int fail_now(void)
{
    start();
    if (++count != fail_at)
        return 0;
    failed = 1;
    return 1;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    return fail_now() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

/* libxml2 2.9 seeds its dictionaries and hash tables with rand_r() from
 * the time of day; which names collide, and so how many hash entries get
 * allocated, then changes from run to run (the count of a case varied by
 * up to 6, so "the Nth allocation" was not the same call twice and a leak
 * seen in CI could not be reproduced). This test build defines rand_r as a
 * fixed sequence: the executable's definition interposes the C library's
 * for libxml2, which makes every run of a case allocate the same way.
 * samlcheck itself never calls rand_r. */
int rand_r(unsigned int *seed)
{
    static unsigned int state = 0x5eed;
    (void)seed;
    state = state * 1103515245u + 12345u;
    return (int)((state >> 16) & 0x7fff);
}

static char *xml_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = __wrap_malloc(n);
    return d ? memcpy(d, s, n) : NULL;
}

static void xml_free(void *p)
{
    free(p);
}

static void *ossl_malloc(size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return with_openssl ? __wrap_malloc(n) : __real_malloc(n);
}

static void *ossl_realloc(void *p, size_t n, const char *file, int line)
{
    (void)file;
    (void)line;
    return with_openssl ? __wrap_realloc(p, n) : __real_realloc(p, n);
}

static void ossl_free(void *p, const char *file, int line)
{
    (void)file;
    (void)line;
    free(p);
}

void sc_alloc_fail_install(void)
{
    static int done;
    if (done++)
        return;
    start();
    /* OpenSSL first: it refuses once it has allocated anything. */
    (void)CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free);
    (void)xmlMemSetup(xml_free, __wrap_malloc, __wrap_realloc, xml_strdup);
    json_set_alloc_funcs(__wrap_malloc, free);
}
#else
void sc_alloc_fail_install(void)
{
}
#endif
