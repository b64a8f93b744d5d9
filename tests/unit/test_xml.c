#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "xml/xml.h"

typedef struct fx {
    samlcheck_report *r;
    xmlDocPtr doc;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_int_equal(samlcheck_global_init(), 0);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    xmlFreeDoc(f->doc);
    samlcheck_report_free(f->r);
    free(f);
    samlcheck_global_cleanup();
    return 0;
}

static int parse(fx *f, const char *s, const char *kind)
{
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    return sc_xml_parse(&f->doc, (const unsigned char *)s, strlen(s), kind, &lim, NULL, f->r);
}

static int has(fx *f, const char *rule)
{
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++)
        if (strcmp(samlcheck_report_at(f->r, i)->rule, rule) == 0)
            return 1;
    return 0;
}

static void parse__utf8_bom_metadata__error_and_still_parsed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "\xEF\xBB\xBF<a/>", "metadata"), 0);
    assert_non_null(f->doc);
    assert_true(has(f, "xml/bom"));
    assert_int_equal(samlcheck_report_at(f->r, 0)->severity, SAMLCHECK_SEV_ERROR);
    /* issue 7 item 10: Entra ID / Azure AD downloads carry this BOM */
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->message, "Entra ID / Azure AD"));
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->hint, "Microsoft Entra ID (Azure AD)"));
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->hint, "without BOM"));
}

static void parse__bom_in_response__warning_subcase(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "\xEF\xBB\xBF<a/>", "response"), 0);
    assert_int_equal(samlcheck_report_at(f->r, 0)->severity, SAMLCHECK_SEV_WARNING);
    assert_null(samlcheck_report_at(f->r, 0)->aws_error);
    /* the Entra note is about metadata downloads, not responses */
    assert_null(strstr(samlcheck_report_at(f->r, 0)->message, "Entra"));
    assert_null(strstr(samlcheck_report_at(f->r, 0)->hint, "Entra"));
}

static void parse__invalid_utf8__offset_reported_once(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a>\n b\xFF</a>", "metadata"), 0);
    assert_true(has(f, "xml/not-utf8"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
    assert_int_equal(samlcheck_report_at(f->r, 0)->line, 2);
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->message, "offset 6"));
}

static void parse__latin1_declaration__not_utf8(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<?xml version=\"1.0\" encoding='ISO-8859-1'?><a/>", "metadata"), 0);
    assert_true(has(f, "xml/not-utf8"));
}

static void parse__billion_laughs__dtd_refused_fast(void **state)
{
    fx *f = *state;
    const char *s = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                    "<lolz>&lol3;</lolz>";
    assert_int_equal(parse(f, s, "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/dtd"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void parse__external_entity__never_read(void **state)
{
    fx *f = *state;
    const char *s = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
    assert_int_equal(parse(f, s, "response"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/dtd"));
}

static void parse__undefined_entity__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<x>&e;</x>", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
}

static void parse__truncated__malformed_with_line(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a>\n<b>\n", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
    assert_true(samlcheck_report_at(f->r, 0)->line >= 2);
}

static void parse__undeclared_prefix__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<md:EntityDescriptor/>", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
}

static void parse__xml11__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<?xml version=\"1.1\"?><a/>", "metadata"), 0);
    assert_true(has(f, "xml/malformed"));
}

static void parse__deep_nesting__sec_limits(void **state)
{
    fx *f = *state;
    size_t n = 10000;
    char *s = malloc(n * 7 + 1), *p = s;
    for (size_t i = 0; i < n; i++, p += 3)
        memcpy(p, "<a>", 3);
    for (size_t i = 0; i < n; i++, p += 4)
        memcpy(p, "</a>", 4);
    *p = '\0';
    assert_int_equal(parse(f, s, "metadata"), 0);
    free(s);
    assert_null(f->doc);
    assert_true(has(f, "sec/limits"));
    assert_false(has(f, "xml/malformed"));
}

static void parse__many_attributes__sec_limits(void **state)
{
    fx *f = *state;
    char s[4096], *p = s;
    p += snprintf(p, 10, "<a ");
    for (int i = 0; i < 70; i++)
        p += snprintf(p, 20, "a%d='x' ", i);
    snprintf(p, 4, "/>");
    assert_int_equal(parse(f, s, "metadata"), 0);
    assert_true(has(f, "sec/limits"));
}

static void text__comment_inside__ambiguous_with_both_readings(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<n>user@example.com<!---->.evil.com</n>", "response"), 0);
    assert_non_null(f->doc);
    char *all = NULL, *first = NULL;
    int amb = 0;
    assert_int_equal(sc_xml_text(&all, xmlDocGetRootElement(f->doc), &amb, &first), 0);
    assert_true(amb);
    assert_string_equal(all, "user@example.com.evil.com");
    assert_string_equal(first, "user@example.com");
    free(all);
    free(first);
}

static void text__cdata_and_char_refs__concatenated(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<n>a&amp;<![CDATA[b<c]]>&#x41;</n>", "response"), 0);
    char *all = NULL;
    int amb = 1;
    assert_int_equal(sc_xml_text(&all, xmlDocGetRootElement(f->doc), &amb, NULL), 0);
    assert_false(amb);
    assert_string_equal(all, "a&b<cA");
    free(all);
}

static void helpers__namespace_not_prefix__matched(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f,
                           "<x:Response xmlns:x='" SC_NS_SAMLP "'><y:Issuer xmlns:y='" SC_NS_SAML
                           "'>i</y:Issuer><Issuer>no</Issuer></x:Response>",
                           "response"),
                     0);
    xmlNode *root = xmlDocGetRootElement(f->doc);
    assert_true(sc_xml_is(root, SC_NS_SAMLP, "Response"));
    assert_int_equal(sc_xml_count(root, SC_NS_SAML, "Issuer"), 1);
    char *path = sc_xml_path(sc_xml_child(root, SC_NS_SAML, "Issuer"));
    assert_string_equal(path, "/Response/Issuer[1]");
    free(path);
}

static void ids__duplicate_and_bad_syntax__reported(void **state)
{
    fx *f = *state;
    assert_int_equal(
        parse(f, "<a ID='_x'><b ID='_x'/><c ID='1abc'/><d Id='_y'/><e id='_y'/></a>", "response"),
        0);
    assert_int_equal(sc_xml_check_ids(f->doc, f->r), 0);
    size_t dup = 0, syn = 0;
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++) {
        const char *rule = samlcheck_report_at(f->r, i)->rule;
        dup += strcmp(rule, "xml/duplicate-id") == 0;
        syn += strcmp(rule, "xml/id-syntax") == 0;
    }
    assert_int_equal(dup, 2);
    assert_int_equal(syn, 1);
}

int main(void)
{
#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(parse__utf8_bom_metadata__error_and_still_parsed),
        T(parse__bom_in_response__warning_subcase),
        T(parse__invalid_utf8__offset_reported_once),
        T(parse__latin1_declaration__not_utf8),
        T(parse__billion_laughs__dtd_refused_fast),
        T(parse__external_entity__never_read),
        T(parse__undefined_entity__malformed),
        T(parse__truncated__malformed_with_line),
        T(parse__undeclared_prefix__malformed),
        T(parse__xml11__malformed),
        T(parse__deep_nesting__sec_limits),
        T(parse__many_attributes__sec_limits),
        T(text__comment_inside__ambiguous_with_both_readings),
        T(text__cdata_and_char_refs__concatenated),
        T(helpers__namespace_not_prefix__matched),
        T(ids__duplicate_and_bad_syntax__reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
