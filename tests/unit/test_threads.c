/* The threading contract (docs/api.md): after samlcheck_global_init() in one
 * thread, checks run concurrently in several threads, each on its own
 * report and options (and shared read-only metadata), and give exactly what
 * one thread gives. scripts/test.sh --tsan runs this under ThreadSanitizer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"

#define THREADS 4
#define ROUNDS 8

static unsigned char *g_resp, *g_md;
static size_t g_resp_len, g_md_len;
static samlcheck_metadata *g_anchor; /* shared, read-only after loading */

static unsigned char *slurp(const char *rel, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    unsigned char *d = NULL;
    snprintf(path, sizeof path, "%s/%s", top ? top : "..", rel);
    if (samlcheck_input_read_file(&d, len, path, 1 << 20, NULL) != 0)
        fail_msg("cannot read %s", path);
    return d;
}

/* One check as a thread does it: its own options, report and output.
 * Returns the JSON rendering and the summary text joined (malloc'd). */
static char *one_check(void)
{
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_report *r = NULL;
    char *sum = NULL, *out = NULL, *joined = NULL;
    size_t out_len = 0;
    o.now = 1748779200; /* 2025-06-01T12:00:00Z, the fixture clock */
    o.metadata = g_anchor;
    if (samlcheck_report_new(&r, "ok-base.xml", "response") != 0 ||
        samlcheck_check_response(r, g_resp, g_resp_len, 0, &o, NULL) != 0 ||
        samlcheck_report_summary_json(r, &sum) != 0)
        goto out;
    FILE *fp = open_memstream(&out, &out_len);
    if (!fp)
        goto out;
    samlcheck_render_options ro = SAMLCHECK_RENDER_OPTIONS_INIT;
    int rc = samlcheck_render_json(fp, &r, 1, &ro);
    rc |= samlcheck_render_text(fp, &r, 1, &ro);
    fclose(fp);
    if (rc == 0 && (joined = malloc(out_len + strlen(sum) + 2)))
        sprintf(joined, "%s\n%s", out, sum);
out:
    samlcheck_free(sum);
    free(out);
    samlcheck_report_free(r);
    return joined;
}

typedef struct job {
    const char *want;
    int mismatches;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int i = 0; i < ROUNDS; i++) {
        char *got = one_check();
        if (!got || strcmp(got, j->want) != 0)
            j->mismatches++;
        free(got);
    }
    return NULL;
}

static void threads__concurrent_checks__same_result_as_one_thread(void **state)
{
    (void)state;
    char *want = one_check();
    assert_non_null(want);
    /* the check did real work: the shared anchor verified the signature */
    assert_non_null(strstr(want, "\"verdict\": \"trusted\""));
    pthread_t t[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i].want = want;
        jobs[i].mismatches = 0;
        assert_int_equal(pthread_create(&t[i], NULL, worker, &jobs[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(jobs[i].mismatches, 0);
    }
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(threads__concurrent_checks__same_result_as_one_thread),
    };
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    o.now = 1748779200;
    if (samlcheck_global_init() != 0)
        return 1;
    g_resp = slurp("testdata/responses/ok-base.xml", &g_resp_len);
    g_md = slurp("testdata/responses/idp-metadata.xml", &g_md_len);
    if (samlcheck_metadata_load(&g_anchor, g_md, g_md_len, "md.xml", NULL, &o, NULL) != 0)
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    samlcheck_metadata_free(g_anchor);
    samlcheck_free(g_resp);
    samlcheck_free(g_md);
    samlcheck_global_cleanup();
    return rc;
}
