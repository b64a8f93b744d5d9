#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"

/* Every rules.def entry is in the table, none of the 111 rules of 0.2 is
 * gone (IDs are public: never deleted), and the IDs are unique. The count is
 * not pinned, so that adding a rule does not touch this test. */
static void registry__has_every_rule_with_unique_ids(void **state)
{
    (void)state;
    assert_int_equal(samlcheck_rules_count(), SC_RULE__COUNT);
    assert_true(samlcheck_rules_count() >= 111);
    for (size_t i = 0; i < samlcheck_rules_count(); i++)
        for (size_t j = i + 1; j < samlcheck_rules_count(); j++)
            assert_string_not_equal(samlcheck_rules_at(i)->id, samlcheck_rules_at(j)->id);
}

static void registry__find_known_rule__has_exact_aws_text(void **state)
{
    (void)state;
    const samlcheck_rule *d = samlcheck_rules_find("response/session-name-invalid");
    assert_non_null(d);
    assert_int_equal(d->severity, SAMLCHECK_SEV_ERROR);
    assert_string_equal(d->aws_error,
                        "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64} "
                        "(service: AWSSecurityTokenService; status code: 400; error code: "
                        "InvalidIdentityToken)");
    assert_null(samlcheck_rules_find("response/nope"));
    assert_null(samlcheck_rules_find("metadata/cert-expired")->aws_error);
    assert_int_equal(samlcheck_rules_find("metadata/cert-expiring")->severity, SAMLCHECK_SEV_INFO);
}

static void registry__enum_matches_table(void **state)
{
    (void)state;
    assert_string_equal(sc_rule(SC_RULE_XML_BOM)->id, "xml/bom");
    assert_string_equal(sc_rule(SC_RULE_SEC_ENCRYPTION_ALGORITHM_WEAK)->id,
                        "sec/encryption-algorithm-weak");
}

static void report__error_finding__exit_1_and_ignore_drops_it(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "in.xml", "metadata"), 0);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 0);
    assert_int_equal(sc_report_add(r, SC_RULE_METADATA_CERT_EXPIRED, SC_POS_LINE(3), "x %d", 1), 0);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 0);
    assert_int_equal(samlcheck_report_exit_status(r, 1), 1);
    assert_int_equal(sc_report_add(r, SC_RULE_METADATA_ROOT, SC_POS_NONE, "bad root"), 0);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 1);
    const samlcheck_finding *f = samlcheck_report_at(r, 1);
    assert_string_equal(f->rule, "metadata/root");
    assert_string_equal(f->aws_error, "Could not parse metadata.");
    assert_string_equal(f->message, "bad root");
    samlcheck_report_drop_rule(r, "metadata/root");
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 0);
    sc_report_set_fatal(r);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 2);
    samlcheck_report_free(r);
}

static void report__subcase__overrides_severity_and_aws(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "-", "response"), 0);
    assert_int_equal(sc_report_addx(r, SC_RULE_XML_BOM, SAMLCHECK_SEV_WARNING, NULL, NULL,
                                    SC_POS_LINE(1), "bom"),
                     0);
    const samlcheck_finding *f = samlcheck_report_at(r, 0);
    assert_int_equal(f->severity, SAMLCHECK_SEV_WARNING);
    assert_null(f->aws_error);
    assert_non_null(f->hint);
    samlcheck_report_free(r);
}

static void render_json__contract_fields_present(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "md.xml", "metadata"), 0);
    sc_report_add(r, SC_RULE_METADATA_ROOT, (sc_pos){4, 2, "/html"}, "root is <html>");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(samlcheck_render_json(fp, &r, 1, NULL), 0);
    fclose(fp);
    json_error_t e;
    json_t *doc = json_loads(buf, 0, &e);
    assert_non_null(doc);
    assert_string_equal(json_string_value(json_object_get(doc, "tool")), "samlcheck");
    json_t *res = json_array_get(json_object_get(doc, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(res, "kind")), "metadata");
    json_t *f = json_array_get(json_object_get(res, "findings"), 0);
    assert_string_equal(json_string_value(json_object_get(f, "rule")), "metadata/root");
    assert_string_equal(json_string_value(json_object_get(f, "severity")), "error");
    assert_int_equal(json_integer_value(json_object_get(f, "line")), 4);
    assert_int_equal(json_integer_value(json_object_get(f, "column")), 2);
    assert_string_equal(json_string_value(json_object_get(f, "aws_error")),
                        "Could not parse metadata.");
    assert_true(json_is_string(json_object_get(f, "hint")));
    json_decref(doc);
    free(buf);
    samlcheck_report_free(r);
}

static void render_json__no_position__nulls(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "k.pem", "key"), 0);
    sc_report_add(r, SC_RULE_KEY_TOO_SMALL, SC_POS_NONE, "1024 bits");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(samlcheck_render_json(fp, &r, 1, NULL), 0);
    fclose(fp);
    json_t *doc = json_loads(buf, 0, NULL);
    json_t *f = json_array_get(
        json_object_get(json_array_get(json_object_get(doc, "results"), 0), "findings"), 0);
    assert_true(json_is_null(json_object_get(f, "line")));
    assert_true(json_is_null(json_object_get(f, "column")));
    assert_true(json_is_null(json_object_get(f, "aws_error")));
    json_decref(doc);
    free(buf);
    samlcheck_report_free(r);
}

static void render_sarif__rules_and_results(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "resp.xml", "response"), 0);
    sc_report_add(r, SC_RULE_RESPONSE_ROLE_MISSING, SC_POS_LINE(9), "no Role");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(samlcheck_render_sarif(fp, &r, 1, NULL), 0);
    fclose(fp);
    json_t *doc = json_loads(buf, 0, NULL);
    assert_non_null(doc);
    json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
    json_t *rules =
        json_object_get(json_object_get(json_object_get(run, "tool"), "driver"), "rules");
    assert_int_equal(json_array_size(rules), samlcheck_rules_count());
    json_t *res = json_array_get(json_object_get(run, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(res, "ruleId")), "response/role-missing");
    size_t idx = (size_t)json_integer_value(json_object_get(res, "ruleIndex"));
    assert_string_equal(json_string_value(json_object_get(json_array_get(rules, idx), "id")),
                        "response/role-missing");
    assert_string_equal(json_string_value(json_object_get(res, "level")), "error");
    json_decref(doc);
    free(buf);
    samlcheck_report_free(r);
}

static void render_text__compiler_style_line(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "md.xml", "metadata"), 0);
    sc_report_add(r, SC_RULE_METADATA_CERT_KEY_TOO_SMALL, (sc_pos){12, 5, NULL}, "512 bits");
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    samlcheck_render_options o = SAMLCHECK_RENDER_OPTIONS_INIT;
    assert_int_equal(samlcheck_render_text(fp, &r, 1, &o), 0);
    fclose(fp);
    assert_non_null(strstr(buf, "md.xml:12:5: error [metadata/cert-key-too-small] 512 bits\n"));
    assert_non_null(strstr(buf, "AWS says: \"Unable to parse metadata\""));
    assert_null(strstr(buf, "\033["));
    free(buf);
    samlcheck_report_free(r);
}

/* Issue 8 item 9: a file name that is not UTF-8 (Latin-1 "caf\xE9.xml")
 * and a message quoting it: JSON and SARIF keep "input" and the finding
 * (invalid bytes become U+FFFD), text shows \xE9 and escapes bidi
 * controls in the message, location and input name. */
static void render__non_utf8_name_and_bidi__kept_and_escaped(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    const char *name = "caf\xE9\xE2\x80\xAE.xml";
    assert_int_equal(samlcheck_report_new(&r, name, "response"), 0);
    sc_report_add(r, SC_RULE_RESPONSE_ROLE_MISSING, (sc_pos){3, 1, "/Response\xD8\x9C"},
                  "%s: no Role \xE2\x80\xAE"
                  "evil",
                  name);
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(samlcheck_render_json(fp, &r, 1, NULL), 0);
    fclose(fp);
    json_t *doc = json_loads(buf, 0, NULL);
    assert_non_null(doc);
    json_t *res = json_array_get(json_object_get(doc, "results"), 0);
    assert_string_equal(json_string_value(json_object_get(res, "input")),
                        "caf\xEF\xBF\xBD\xE2\x80\xAE.xml");
    json_t *f = json_array_get(json_object_get(res, "findings"), 0);
    assert_non_null(f);
    assert_non_null(strstr(json_string_value(json_object_get(f, "message")), "no Role"));
    json_decref(doc);
    free(buf);

    buf = NULL;
    fp = open_memstream(&buf, &len);
    assert_int_equal(samlcheck_render_sarif(fp, &r, 1, NULL), 0);
    fclose(fp);
    doc = json_loads(buf, 0, NULL);
    assert_non_null(doc);
    json_t *run = json_array_get(json_object_get(doc, "runs"), 0);
    assert_int_equal(json_array_size(json_object_get(run, "results")), 1);
    json_decref(doc);
    free(buf);

    buf = NULL;
    fp = open_memstream(&buf, &len);
    samlcheck_render_options o = SAMLCHECK_RENDER_OPTIONS_INIT;
    assert_int_equal(samlcheck_render_text(fp, &r, 1, &o), 0);
    fclose(fp);
    assert_null(strstr(buf, "\xE2\x80\xAE"));
    assert_null(strstr(buf, "\xD8\x9C"));
    assert_non_null(strstr(buf, "caf\\xE9<U+202E>.xml:3:1:"));
    assert_non_null(strstr(buf, "no Role <U+202E>evil"));
    assert_non_null(strstr(buf, "/Response<U+061C>"));
    free(buf);
    samlcheck_report_free(r);
}

/* The one summary writer: the first value wins, a reserved null is
 * replaced, a NULL summary is nothing to fill, a NULL value is ENOMEM. */
static void summary_set__first_value_wins_reserved_null_replaced(void **state)
{
    (void)state;
    json_t *s = json_object();
    assert_non_null(s);
    assert_int_equal(sc_report_summary_set(s, "k", json_string("first")), 0);
    assert_int_equal(sc_report_summary_set(s, "k", json_string("second")), 0);
    assert_string_equal(json_string_value(json_object_get(s, "k")), "first");
    assert_int_equal(json_object_set_new(s, "r", json_null()), 0);
    assert_int_equal(sc_report_summary_set(s, "r", json_integer(7)), 0);
    assert_int_equal(json_integer_value(json_object_get(s, "r")), 7);
    assert_int_equal(sc_report_summary_set_str(s, "n", NULL), 0);
    assert_null(json_object_get(s, "n"));
    assert_int_equal(sc_report_summary_set_str(s, "n", "v"), 0);
    assert_string_equal(json_string_value(json_object_get(s, "n")), "v");
    assert_int_equal(sc_report_summary_set(s, "x", NULL), SAMLCHECK_ENOMEM);
    assert_int_equal(sc_report_summary_set(NULL, "x", json_string("v")), 0);
    assert_int_equal(json_object_size(s), 3);
    json_decref(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summary_set__first_value_wins_reserved_null_replaced),
        cmocka_unit_test(registry__has_every_rule_with_unique_ids),
        cmocka_unit_test(registry__find_known_rule__has_exact_aws_text),
        cmocka_unit_test(registry__enum_matches_table),
        cmocka_unit_test(report__error_finding__exit_1_and_ignore_drops_it),
        cmocka_unit_test(report__subcase__overrides_severity_and_aws),
        cmocka_unit_test(render_json__contract_fields_present),
        cmocka_unit_test(render_json__no_position__nulls),
        cmocka_unit_test(render_sarif__rules_and_results),
        cmocka_unit_test(render_text__compiler_style_line),
        cmocka_unit_test(render__non_utf8_name_and_bidi__kept_and_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
