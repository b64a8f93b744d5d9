/* samlcheck_report_redact (--redact): personal values out, the rest kept. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"

static samlcheck_report *fixture(void)
{
    samlcheck_report *r = NULL;
    assert_int_equal(
        samlcheck_report_new(&r, "c.har#3 (POST https://signin.aws.amazon.com/saml?hint=jane)",
                             "response"),
        0);
    json_t *sum = sc_report_summary(r);
    json_object_set_new(sum, "name_id", json_string("u-12345678"));
    json_object_set_new(sum, "session_name", json_string("jd"));
    json_object_set_new(sum, "subject_copy", json_string("jd"));
    json_object_set_new(sum, "post_url",
                        json_string("https://signin.aws.amazon.com/saml?hint=jane"));
    json_object_set_new(sum, "tags", json_pack("[{s:s,s:s}]", "key", "Dept", "value", "Finance"));
    json_object_set_new(sum, "certificate",
                        json_pack("{s:s}", "subject", "CN=idp,emailAddress=pki@example.com"));
    sc_report_add(r, SC_RULE_RESPONSE_NAMEID_PII, SC_POS_NONE,
                  "the NameID \"u-12345678\" and mail jane.doe@corp.example.com for role "
                  "arn:aws:iam::123456789012:role/jd-admin, session \"jd\", not jd");
    return r;
}

static void redact__personal_values__replaced_by_stable_tags(void **state)
{
    (void)state;
    samlcheck_report *r = fixture(), *r2 = fixture();
    assert_int_equal(samlcheck_report_redact(r), 0);
    assert_int_equal(samlcheck_report_redact(r2), 0);
    const char *m = samlcheck_report_at(r, 0)->message;
    assert_null(strstr(m, "u-12345678"));
    assert_null(strstr(m, "jane.doe"));
    assert_null(strstr(m, "corp.example.com"));
    assert_null(strstr(m, "\"jd\""));
    /* ARNs, rule wording and unquoted short words stay */
    assert_non_null(strstr(m, "arn:aws:iam::123456789012:role/jd-admin"));
    assert_non_null(strstr(m, ", not jd"));
    assert_non_null(strstr(m, "the NameID \"[redacted:"));
    /* the same value gives the same tag, in every report */
    assert_string_equal(m, samlcheck_report_at(r2, 0)->message);
    json_t *sum = sc_report_summary(r);
    char tag[24];
    const char *t = strstr(m, "the NameID \"") + 12;
    memcpy(tag, t, 19);
    tag[19] = '\0';
    assert_string_equal(json_string_value(json_object_get(sum, "name_id")), tag);
    /* exact fields are replaced whatever their length */
    assert_memory_equal(json_string_value(json_object_get(sum, "session_name")), "[redacted:", 10);
    assert_memory_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(sum, "tags"), 0), "value")),
                        "[redacted:", 10);
    /* the capture's query string, in the summary and the input name */
    assert_null(strstr(json_string_value(json_object_get(sum, "post_url")), "jane"));
    assert_null(strstr(samlcheck_report_input(r), "jane"));
    assert_non_null(
        strstr(samlcheck_report_input(r), "https://signin.aws.amazon.com/saml?[redacted:"));
    /* a summary string that is a personal value is replaced whatever its length */
    assert_memory_equal(json_string_value(json_object_get(sum, "subject_copy")), "[redacted:", 10);
    /* certificate fields stay */
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(sum, "certificate"), "subject")),
        "CN=idp,emailAddress=pki@example.com");
    samlcheck_report_free(r);
    samlcheck_report_free(r2);
}

static void redact__relay_state__opaque_whole_url_query_only(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "x.har#1 (POST https://a.example/saml)", "response"),
                     0);
    json_t *sum = sc_report_summary(r);
    json_object_set_new(sum, "relay_state", json_string("rs1"));
    assert_int_equal(samlcheck_report_redact(r), 0);
    assert_memory_equal(json_string_value(json_object_get(sum, "relay_state")), "[redacted:", 10);
    assert_string_equal(samlcheck_report_input(r), "x.har#1 (POST https://a.example/saml)");
    samlcheck_report_free(r);
    assert_int_equal(samlcheck_report_new(&r, "x.har#1", "response"), 0);
    sum = sc_report_summary(r);
    json_object_set_new(sum, "relay_state",
                        json_string("https://console.aws.amazon.com/?acct=42x"));
    assert_int_equal(samlcheck_report_redact(r), 0);
    const char *v = json_string_value(json_object_get(sum, "relay_state"));
    assert_memory_equal(v, "https://console.aws.amazon.com/?[redacted:", 41);
    samlcheck_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redact__personal_values__replaced_by_stable_tags),
        cmocka_unit_test(redact__relay_state__opaque_whole_url_query_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
