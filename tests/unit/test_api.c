/* The public API's shape (issue 10): versioned options, SAMLCHECK_EINVAL on
 * NULL or mismatched arguments at every entry point, never a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"

static const unsigned char doc[] = "<x/>";

static void options__init__matches_static_initialiser(void **state)
{
    (void)state;
    samlcheck_options want = SAMLCHECK_OPTIONS_INIT, got;
    memset(&got, 0xa5, sizeof got);
    assert_int_equal(samlcheck_options_init(&got, SAMLCHECK_OPTIONS_VERSION), 0);
    assert_int_equal(got.version, SAMLCHECK_OPTIONS_VERSION);
    assert_int_equal(want.version, SAMLCHECK_OPTIONS_VERSION);
    assert_int_equal(got.cert_warn_days, want.cert_warn_days);
    assert_int_equal(got.duration, -1);
    assert_int_equal(got.max_input_bytes, want.max_input_bytes);
    assert_int_equal(got.limits.depth, want.limits.depth);
    assert_null(got.metadata);
    assert_int_equal(samlcheck_options_init(NULL, SAMLCHECK_OPTIONS_VERSION), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_options_init(&got, SAMLCHECK_OPTIONS_VERSION + 1), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_options_init(&got, 0), SAMLCHECK_EINVAL);
}

/* Every check refuses NULL options and options of another version
 * (zeroed memory: version 0) with SAMLCHECK_EINVAL and a message. */
static void options__null_or_wrong_version__einval_everywhere(void **state)
{
    (void)state;
    samlcheck_options zero, good = SAMLCHECK_OPTIONS_INIT;
    memset(&zero, 0, sizeof zero);
    const samlcheck_options *bad[] = {NULL, &zero};
    for (size_t b = 0; b < 2; b++) {
        const samlcheck_options *o = bad[b];
        samlcheck_report *r = NULL;
        samlcheck_error err;
        assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
        samlcheck_error_clear(&err);
        assert_int_equal(samlcheck_check_response(r, doc, 4, 0, o, &err), SAMLCHECK_EINVAL);
        assert_int_equal(err.code, SAMLCHECK_EINVAL);
        assert_non_null(strstr(err.message, "invalid argument"));
        assert_int_equal(samlcheck_check_metadata(r, doc, 4, o, NULL), SAMLCHECK_EINVAL);
        assert_int_equal(samlcheck_check_policy(r, doc, 4, o, NULL), SAMLCHECK_EINVAL);
        assert_int_equal(samlcheck_check_key(r, doc, 4, o, NULL), SAMLCHECK_EINVAL);
        assert_int_equal(samlcheck_report_count(r), 0); /* nothing was checked */
        samlcheck_report_free(r);

        samlcheck_report **rs = (samlcheck_report **)&r;
        size_t n = 7;
        assert_int_equal(samlcheck_check_response_input(&rs, &n, "t", doc, 4, o, NULL),
                         SAMLCHECK_EINVAL);
        assert_null(rs);
        assert_int_equal(n, 0);
        const char *nm = "t";
        const unsigned char *d = doc;
        size_t l = 4;
        assert_int_equal(samlcheck_check_config(&rs, &n, &nm, &d, &l, 1, o, NULL),
                         SAMLCHECK_EINVAL);
        samlcheck_metadata *md = (samlcheck_metadata *)&r;
        assert_int_equal(samlcheck_metadata_load(&md, doc, 4, "t", NULL, o, NULL),
                         SAMLCHECK_EINVAL);
        assert_null(md);
        samlcheck_policy *pol = (samlcheck_policy *)&r;
        assert_int_equal(samlcheck_policy_load(&pol, doc, 4, NULL, o, NULL), SAMLCHECK_EINVAL);
        assert_null(pol);
    }
    /* the legitimate twin: the same calls with good options succeed */
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
    assert_int_equal(samlcheck_check_response(r, doc, 4, 0, &good, NULL), 0);
    assert_true(samlcheck_report_count(r) > 0);
    samlcheck_report_free(r);
}

/* NULL required arguments: SAMLCHECK_EINVAL (or an empty answer for the
 * accessors), never a crash. */
static void api__null_arguments__einval_not_crash(void **state)
{
    (void)state;
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_report *r = NULL;
    size_t n = 0;
    samlcheck_report **rs = NULL;
    assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
    assert_int_equal(samlcheck_check_response(NULL, doc, 4, 0, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_response(r, NULL, 4, 0, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_metadata(NULL, doc, 4, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_metadata(r, NULL, 4, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_policy(NULL, doc, 4, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_key(NULL, doc, 4, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_key(r, NULL, 4, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_key_count(NULL, 3, 4), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_response_input(NULL, &n, "t", doc, 4, &o, NULL),
                     SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_response_input(&rs, NULL, "t", doc, 4, &o, NULL),
                     SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_response_input(&rs, &n, "t", NULL, 4, &o, NULL),
                     SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_metadata_load(NULL, doc, 4, "t", NULL, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_policy_load(NULL, doc, 4, NULL, &o, NULL), SAMLCHECK_EINVAL);
    const char *nm = "t";
    const unsigned char *d = NULL;
    size_t l = 4;
    assert_int_equal(samlcheck_check_config(&rs, &n, &nm, &d, &l, 1, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_report_new(NULL, "t", "response"), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_keyset_new(NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_keyset_add_pem(NULL, doc, 4, "k", NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_report_redact(NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_render_text(NULL, &r, 1, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_render_json(NULL, &r, 1, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_render_sarif(NULL, &r, 1, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_render_json(stdout, NULL, 1, NULL), SAMLCHECK_EINVAL);
    unsigned char *buf = NULL;
    assert_int_equal(samlcheck_input_read_file(&buf, &n, NULL, 10, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_input_read_file(NULL, &n, "x", 10, NULL), SAMLCHECK_EINVAL);
    /* accessors: an empty answer */
    assert_null(samlcheck_report_input(NULL));
    assert_null(samlcheck_report_kind(NULL));
    assert_int_equal(samlcheck_report_count(NULL), 0);
    assert_null(samlcheck_report_at(NULL, 0));
    assert_int_equal(samlcheck_report_is_fatal(NULL), 0);
    assert_int_equal(samlcheck_report_exit_status(NULL, 0), SAMLCHECK_EINVAL);
    samlcheck_report_drop_rule(NULL, "xml/bom");
    samlcheck_report_drop_rule(r, NULL);
    samlcheck_report_free(r);
}

/* Every error code is negative, the read failures included (they were 1
 * and 2, which a caller testing rc < 0 took for success). */
static void errors__read_failures__negative_and_distinct(void **state)
{
    (void)state;
    unsigned char *buf = (unsigned char *)"x";
    size_t n = 9;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = samlcheck_input_read_file(&buf, &n, "/nonexistent/samlcheck/x", 10, &err);
    assert_int_equal(rc, SAMLCHECK_READ_UNREADABLE);
    assert_true(rc < 0);
    assert_int_equal(err.code, rc);
    assert_null(buf);
    assert_int_equal(n, 0);
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/configure.ac", top ? top : "..");
    samlcheck_error_clear(&err);
    rc = samlcheck_input_read_file(&buf, &n, path, 10, &err);
    assert_int_equal(rc, SAMLCHECK_READ_TOO_LARGE);
    assert_true(rc < 0);
    assert_true(SAMLCHECK_READ_TOO_LARGE != SAMLCHECK_READ_UNREADABLE);
    /* the legitimate twin: the same file under a large cap is read */
    rc = samlcheck_input_read_file(&buf, &n, path, 1 << 20, NULL);
    assert_int_equal(rc, 0);
    assert_true(n > 10);
    samlcheck_free(buf);
    samlcheck_free(NULL);
    int codes[] = {SAMLCHECK_ENOMEM,        SAMLCHECK_EIO,       SAMLCHECK_EINVAL,
                   SAMLCHECK_ECRYPTO,       SAMLCHECK_ETOOLARGE, SAMLCHECK_READ_UNREADABLE,
                   SAMLCHECK_READ_TOO_LARGE};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        assert_true(codes[i] < 0);
}

/* samlcheck_reports_free frees what the multi-report checks hand out
 * (LeakSanitizer and valgrind prove it frees everything). */
static void reports_free__response_input_array__freed(void **state)
{
    (void)state;
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_report **rs = NULL;
    size_t n = 0;
    assert_int_equal(samlcheck_check_response_input(&rs, &n, "t", doc, 4, &o, NULL), 0);
    assert_true(n >= 1);
    assert_non_null(rs[0]);
    samlcheck_reports_free(rs, n);
    samlcheck_reports_free(NULL, 3);
}

/* The summary leaves the library as JSON text (no jansson type in the
 * public headers), the same object the library holds. */
static void summary_json__text_of_the_summary_object(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    char *s = (char *)"x";
    assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
    assert_int_equal(samlcheck_report_summary_json(r, &s), 0);
    assert_string_equal(s, "{}");
    samlcheck_free(s);
    json_object_set_new(sc_report_summary(r), "z", json_integer(1));
    json_object_set_new(sc_report_summary(r), "issuer", json_string("h\xc3\xa9 \"q\""));
    assert_int_equal(samlcheck_report_summary_json(r, &s), 0);
    assert_string_equal(s, "{\"issuer\":\"h\xc3\xa9 \\\"q\\\"\",\"z\":1}");
    samlcheck_free(s);
    s = (char *)"x";
    assert_int_equal(samlcheck_report_summary_json(NULL, &s), SAMLCHECK_EINVAL);
    assert_null(s);
    assert_int_equal(samlcheck_report_summary_json(r, NULL), SAMLCHECK_EINVAL);
    samlcheck_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options__init__matches_static_initialiser),
        cmocka_unit_test(options__null_or_wrong_version__einval_everywhere),
        cmocka_unit_test(api__null_arguments__einval_not_crash),
        cmocka_unit_test(errors__read_failures__negative_and_distinct),
        cmocka_unit_test(reports_free__response_input_array__freed),
        cmocka_unit_test(summary_json__text_of_the_summary_object),
    };
    if (samlcheck_global_init() != 0)
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    samlcheck_global_cleanup();
    return rc;
}
