/* The CI support of the report layer (locate.c, the CI formatters,
 * fmt_sarif.c's rule names): paths, URIs, fingerprints, thresholds and the
 * escaping of the GitHub and JUnit formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"

static void relpath__normalised_relative_outside_and_stdin(void **state)
{
    (void)state;
    struct {
        const char *path, *root, *want;
    } t[] = {
        {"/r/a/./b/../c.xml", "/r", "a/c.xml"},
        {"/r/a//c.xml", "/r/", "a/c.xml"},
        {"/rx/c.xml", "/r", "/rx/c.xml"}, /* a sibling with the root as prefix */
        {"/x/y.xml", "/r", "/x/y.xml"},
        {"/r/a.xml", "/", "r/a.xml"},
        {"-", "/r", "stdin"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *p = sc_input_relpath(t[i].path, t[i].root);
        assert_non_null(p);
        assert_string_equal(p, t[i].want);
        free(p);
    }
}

static void uri__percent_encoded_or_file_uri(void **state)
{
    (void)state;
    char *u = sc_input_uri("/r/dir with space/a,b%:\xc3\xa9#.xml", "/r");
    assert_string_equal(u, "dir%20with%20space/a%2Cb%25%3A%C3%A9%23.xml");
    free(u);
    u = sc_input_uri("/x/y z.xml", "/r");
    assert_string_equal(u, "file:///x/y%20z.xml");
    free(u);
}

static void rule_names__readable_unique_and_not_the_id(void **state)
{
    (void)state;
    char *n = sc_sarif_rule_name("response/role-whitespace");
    assert_string_equal(n, "RoleWhitespace");
    free(n);
    n = sc_sarif_rule_name("input/too-large");
    assert_string_equal(n, "InputTooLarge");
    free(n);
    size_t count = samlcheck_rules_count();
    char **names = calloc(count, sizeof *names);
    assert_non_null(names);
    for (size_t i = 0; i < count; i++) {
        names[i] = sc_sarif_rule_name(samlcheck_rules_at(i)->id);
        assert_non_null(names[i]);
        assert_true(names[i][0] >= 'A' && names[i][0] <= 'Z');
        assert_string_not_equal(names[i], samlcheck_rules_at(i)->id);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(names[i], names[k]);
    }
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static int drop_first(const samlcheck_report *r, size_t i, void *ctx)
{
    (void)r;
    (void)ctx;
    return i != 0;
}

static void fingerprint__ignores_lines_keeps_ordinals(void **state)
{
    (void)state;
    samlcheck_report *a, *b;
    char f1[SC_FINGERPRINT_LEN + 1], f2[SC_FINGERPRINT_LEN + 1], g[SC_FINGERPRINT_LEN + 1];
    assert_int_equal(samlcheck_report_new(&a, "x.xml", "response"), 0);
    assert_int_equal(samlcheck_report_new(&b, "x.xml", "response"), 0);
    sc_pos p = {10, 3, "/Response/Attribute[1]"};
    sc_pos q = {13, 1, "/Response/Attribute[1]"};
    assert_int_equal(sc_report_add(a, SC_RULE_RESPONSE_ROLE_WHITESPACE, p, "one"), 0);
    assert_int_equal(sc_report_add(a, SC_RULE_RESPONSE_ROLE_WHITESPACE, p, "two"), 0);
    assert_int_equal(sc_report_add(b, SC_RULE_RESPONSE_ROLE_WHITESPACE, q, "moved"), 0);
    assert_int_equal(sc_finding_fingerprint(a, 0, "x.xml", f1), 0);
    assert_int_equal(sc_finding_fingerprint(a, 1, "x.xml", f2), 0);
    assert_int_equal(strlen(f1), SC_FINGERPRINT_LEN);
    assert_string_not_equal(f1, f2); /* same rule and location: the ordinal */
    assert_int_equal(sc_finding_fingerprint(b, 0, "x.xml", g), 0);
    assert_string_equal(f1, g); /* another line, another message: same identity */
    assert_int_equal(sc_finding_fingerprint(b, 0, "y.xml", g), 0);
    assert_string_not_equal(f1, g); /* another input */
    sc_report_filter(a, drop_first, NULL);
    assert_int_equal(samlcheck_report_count(a), 1);
    assert_int_equal(sc_finding_fingerprint(a, 0, "x.xml", g), 0);
    assert_string_equal(f2, g); /* filtering does not renumber */
    samlcheck_report_free(a);
    samlcheck_report_free(b);
}

static void exit_status__thresholds(void **state)
{
    (void)state;
    samlcheck_report *r;
    assert_int_equal(samlcheck_report_new(&r, "m.xml", "metadata"), 0);
    assert_int_equal(sc_report_add(r, SC_RULE_METADATA_CERT_EXPIRED, SC_POS_NONE, "w"), 0);
    assert_int_equal(sc_report_exit_status_at(r, SAMLCHECK_SEV_ERROR), 0);
    assert_int_equal(sc_report_exit_status_at(r, SAMLCHECK_SEV_WARNING), 1);
    assert_int_equal(sc_report_exit_status_at(r, SAMLCHECK_SEV_INFO), 1);
    assert_int_equal(sc_report_exit_status_at(r, SC_FAIL_NEVER), 0);
    samlcheck_render_options o = SAMLCHECK_RENDER_OPTIONS_INIT;
    assert_int_equal(sc_render_threshold(&o), SAMLCHECK_SEV_ERROR);
    o.strict = 1;
    assert_int_equal(sc_render_threshold(&o), SAMLCHECK_SEV_WARNING);
    o.fail_on = 4;
    assert_int_equal(sc_render_threshold(&o), SC_FAIL_NEVER);
    sc_report_set_fatal(r);
    assert_int_equal(sc_report_exit_status_at(r, SC_FAIL_NEVER), 2);
    samlcheck_report_free(r);
}

static void disk_line__decoded_documents_are_line_1(void **state)
{
    (void)state;
    samlcheck_report *r;
    int col, dec;
    assert_int_equal(samlcheck_report_new(&r, "r.b64", "response"), 0);
    assert_int_equal(sc_report_add(r, SC_RULE_XML_DUPLICATE_ID, ((sc_pos){26, 4, NULL}), "d"), 0);
    assert_int_equal(sc_finding_disk_line(r, samlcheck_report_at(r, 0), &col, &dec), 26);
    assert_int_equal(col, 4);
    assert_false(dec);
    json_object_set_new(sc_report_summary(r), "encoding", json_string("base64"));
    assert_int_equal(sc_finding_disk_line(r, samlcheck_report_at(r, 0), &col, &dec), 1);
    assert_int_equal(col, 0);
    assert_true(dec);
    samlcheck_report_free(r);
}

static int sc_locate_encoded_fresh(const unsigned char *d, size_t len, const unsigned char *x,
                                   size_t xl)
{
    sc_locate_cursor cur = {0, 0, 0, 0};
    return sc_locate_encoded(d, len, &cur, x, xl);
}

static void locate_encoded__plain_percent_json_wrapped(void **state)
{
    (void)state;
    /* base64 of this is "PD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpams/PC9yPg==" */
    const char *xml = "<?xml version=\"1.0\"?><r>abcdefghijk?</r>";
    size_t xl = strlen(xml);
    const char *plain = "x\ny\nPD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpams/PC9yPg==\n";
    const char *pct =
        "{\n\"a\": 1,\n\n\"text\": \"SAMLResponse=PD94bWwgdmVyc2lvbj0iMS4wIj8%2BPHI%2BYWJj"
        "ZGVmZ2hpams%2FPC9yPg%3D%3D\"}";
    const char *json = "\n\"PD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpams\\/PC9yPg==\"";
    const char *wrapped = "PD94bWwgdmVyc2lvbj0i\r\nMS4wIj8+PHI+YWJjZGVmZ2hpams/PC9yPg==";
    const char *other = "PD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpXXX/PC9yPg==";
    assert_int_equal(sc_locate_encoded_fresh((const unsigned char *)plain, strlen(plain),
                                             (const unsigned char *)xml, xl),
                     3);
    assert_int_equal(sc_locate_encoded_fresh((const unsigned char *)pct, strlen(pct),
                                             (const unsigned char *)xml, xl),
                     4);
    assert_int_equal(sc_locate_encoded_fresh((const unsigned char *)json, strlen(json),
                                             (const unsigned char *)xml, xl),
                     2);
    assert_int_equal(sc_locate_encoded_fresh((const unsigned char *)wrapped, strlen(wrapped),
                                             (const unsigned char *)xml, xl),
                     1);
    assert_int_equal(sc_locate_encoded_fresh((const unsigned char *)other, strlen(other),
                                             (const unsigned char *)xml, xl),
                     0);
    /* a cursor: two copies found in order, then spent after a miss */
    sc_locate_cursor cur = {0, 0, 0, 0};
    const char *two = "PD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpams/PC9yPg==\n"
                      "\nPD94bWwgdmVyc2lvbj0iMS4wIj8+PHI+YWJjZGVmZ2hpams/PC9yPg==";
    assert_int_equal(sc_locate_encoded((const unsigned char *)two, strlen(two), &cur,
                                       (const unsigned char *)xml, xl),
                     1);
    assert_int_equal(sc_locate_encoded((const unsigned char *)two, strlen(two), &cur,
                                       (const unsigned char *)xml, xl),
                     3);
    assert_int_equal(sc_locate_encoded((const unsigned char *)two, strlen(two), &cur,
                                       (const unsigned char *)xml, xl),
                     0);
    assert_true(cur.spent);
}

static char *render(int (*fn)(FILE *, samlcheck_report *const *, size_t,
                              const samlcheck_render_options *),
                    samlcheck_report *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    samlcheck_render_options o = SAMLCHECK_RENDER_OPTIONS_INIT;
    o.root = "/r";
    assert_int_equal(fn(fp, &r, 1, &o), 0);
    fclose(fp);
    return buf;
}

static void github__escapes_data_and_properties(void **state)
{
    (void)state;
    samlcheck_report *r;
    assert_int_equal(samlcheck_report_new(&r, "/r/a,b:c%.xml", "response"), 0);
    assert_int_equal(sc_report_addx(r, SC_RULE_RESPONSE_ROLE_WHITESPACE, SAMLCHECK_SEV_ERROR, NULL,
                                    NULL, ((sc_pos){7, 2, NULL}), "50%% done\r\nnext: a,b"),
                     0);
    char *out = render(sc_render_github, r);
    assert_non_null(strstr(out,
                           "::error file=a%2Cb%3Ac%25.xml,line=7,col=2,"
                           "title=samlcheck response/role-whitespace::50%25 done%0D%0Anext: a,b"));
    assert_int_equal(fnmatch("*\n*\n*", out, 0), FNM_NOMATCH); /* a single line */
    free(out);
    samlcheck_report_free(r);
}

static void junit__escapes_xml(void **state)
{
    (void)state;
    samlcheck_report *r;
    assert_int_equal(samlcheck_report_new(&r, "/r/a<&>.xml", "response"), 0);
    assert_int_equal(sc_report_add(r, SC_RULE_RESPONSE_ROLE_MISSING, SC_POS_NONE, "x <\"&\x01"), 0);
    char *out = render(sc_render_junit, r);
    assert_non_null(strstr(out, "name=\"/r/a&lt;&amp;&gt;.xml\""));
    assert_non_null(strstr(out, "message=\"x &lt;&quot;&amp;?\""));
    assert_non_null(strstr(out, "failures=\"1\""));
    assert_null(strchr(out, '\x01'));
    free(out);
    samlcheck_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(relpath__normalised_relative_outside_and_stdin),
        cmocka_unit_test(uri__percent_encoded_or_file_uri),
        cmocka_unit_test(rule_names__readable_unique_and_not_the_id),
        cmocka_unit_test(fingerprint__ignores_lines_keeps_ordinals),
        cmocka_unit_test(exit_status__thresholds),
        cmocka_unit_test(disk_line__decoded_documents_are_line_1),
        cmocka_unit_test(locate_encoded__plain_percent_json_wrapped),
        cmocka_unit_test(github__escapes_data_and_properties),
        cmocka_unit_test(junit__escapes_xml),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
