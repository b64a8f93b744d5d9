/* bench_check: run one check N times over one input through the public
 * API and print the time per run, for bench/run.sh (callgrind counts the
 * instructions of one run; wall time comes from N runs or hyperfine).
 *
 *   bench_check [-n N] [--metadata FILE] [--key PEM] [--now TIME] KIND FILE
 *
 * KIND is metadata, response or key. The input, the metadata and the keys
 * are read and loaded once, outside the timed loop. */
#include "samlcheck/samlcheck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 2025-06-01T12:00:00Z, the fixture clock. */
#define BENCH_NOW 1748779200LL

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    unsigned char *data = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, len, path, 256u * 1024u * 1024u, &err) != 0) {
        fprintf(stderr, "bench_check: %s\n", err.message);
        return NULL;
    }
    return data;
}

/* One check; returns the number of findings, or -1 on a hard error. */
static long run_once(const char *kind, const unsigned char *data, size_t len,
                     const samlcheck_options *o)
{
    samlcheck_error err;
    long found = 0;
    samlcheck_error_clear(&err);
    if (strcmp(kind, "response") == 0) {
        samlcheck_report **rs = NULL;
        size_t n = 0;
        if (samlcheck_check_response_input(&rs, &n, "bench", data, len, o, &err) != 0)
            found = -1;
        for (size_t i = 0; i < n; i++) {
            if (found >= 0)
                found += (long)samlcheck_report_count(rs[i]);
            samlcheck_report_free(rs[i]);
        }
        free(rs);
        return found;
    }
    samlcheck_report *r = NULL;
    if (samlcheck_report_new(&r, "bench", kind) != 0)
        return -1;
    int rc = strcmp(kind, "metadata") == 0 ? samlcheck_check_metadata(r, data, len, o, &err)
                                           : samlcheck_check_key(r, data, len, o, &err);
    found = rc ? -1 : (long)samlcheck_report_count(r);
    samlcheck_report_free(r);
    return found;
}

int main(int argc, char **argv)
{
    long iterations = 1;
    const char *md_path = NULL, *key_path = NULL, *kind = NULL, *path = NULL;
    unsigned char *data = NULL, *md_data = NULL, *key_data = NULL;
    size_t len = 0, md_len = 0, key_len = 0;
    samlcheck_metadata *md = NULL;
    samlcheck_keyset *ks = NULL;
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_error err;
    int status = 1;

    o.now = BENCH_NOW;
    o.max_input_bytes = 256u * 1024u * 1024u;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            iterations = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--metadata") && i + 1 < argc)
            md_path = argv[++i];
        else if (!strcmp(argv[i], "--key") && i + 1 < argc)
            key_path = argv[++i];
        else if (!kind)
            kind = argv[i];
        else if (!path)
            path = argv[i];
        else
            kind = NULL, i = argc;
    }
    if (!kind || !path || iterations < 1 ||
        (strcmp(kind, "metadata") && strcmp(kind, "response") && strcmp(kind, "key"))) {
        fprintf(stderr, "usage: bench_check [-n N] [--metadata FILE] [--key PEM] "
                        "metadata|response|key FILE\n");
        return 2;
    }
    if (samlcheck_global_init() != 0)
        return 2;
    samlcheck_error_clear(&err);
    if (!(data = slurp(path, &len)))
        goto out;
    if (md_path) {
        samlcheck_report *r = NULL;
        if (!(md_data = slurp(md_path, &md_len)) || samlcheck_report_new(&r, md_path, "metadata"))
            goto out;
        samlcheck_metadata_load(&md, md_data, md_len, md_path, r, &o, &err);
        samlcheck_report_free(r);
        if (!md) {
            fprintf(stderr, "bench_check: %s cannot be used as metadata\n", md_path);
            goto out;
        }
        o.metadata = md;
    }
    if (key_path) {
        if (!(key_data = slurp(key_path, &key_len)) || samlcheck_keyset_new(&ks) ||
            samlcheck_keyset_add_pem(ks, key_data, key_len, key_path, &err))
            goto out;
        o.keys = ks;
    }
    long found = 0;
    double t0 = now_seconds();
    for (long i = 0; i < iterations; i++)
        found = run_once(kind, data, len, &o);
    double dt = now_seconds() - t0;
    if (found < 0) {
        fprintf(stderr, "bench_check: the check failed (hard error)\n");
        goto out;
    }
    printf("%s %s: %zu bytes, %ld findings, %ld run(s), %.3f ms/run, %.1f MB/s\n", kind, path, len,
           found, iterations, dt * 1e3 / (double)iterations,
           (double)len * (double)iterations / dt / 1e6);
    status = 0;
out:
    free(data);
    free(md_data);
    free(key_data);
    samlcheck_metadata_free(md);
    samlcheck_keyset_free(ks);
    samlcheck_global_cleanup();
    return status;
}
