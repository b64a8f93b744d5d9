/* Unit tests of the response model (src/xml/response.c) and of
 * samlcheck_check_response (src/check/check_response.c): attribute order,
 * values, xsi:nil and ambiguity; the rest of the model; xs:dateTime edge
 * cases as the time rules use them; the D1 Recipient grammar; audience
 * values. */
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
#include "base/base.h"
#include "xml/xml.h"
#include "xml/response.h"
#include "check/verdict.h"

#define NS_DECL                                                                                    \
    "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "                                        \
    "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" "                                        \
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""

/* ---- helpers ---- */

typedef struct parsed {
    samlcheck_report *r;
    xmlDocPtr doc;
    xmlNode *root;
} parsed;

static void parse(parsed *p, const char *xml)
{
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    assert_int_equal(samlcheck_report_new(&p->r, "unit", "response"), 0);
    assert_int_equal(sc_xml_parse(&p->doc, (const unsigned char *)xml, strlen(xml), "response",
                                  &lim, NULL, p->r),
                     0);
    assert_non_null(p->doc);
    p->root = xmlDocGetRootElement(p->doc);
}

static void parsed_free(parsed *p)
{
    xmlFreeDoc(p->doc);
    samlcheck_report_free(p->r);
}

static size_t count_rule(const samlcheck_report *r, const char *rule, samlcheck_severity *sev)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (strcmp(f->rule, rule) == 0) {
            if (sev)
                *sev = f->severity;
            n++;
        }
    }
    return n;
}

/* NameID value used by check() (tests may swap it). */
static const char *g_nameid = "u-1";

/* An unsigned response with the times given; roles in partition @p part. */
static samlcheck_report *check(const char *resp_ii, const char *asrt_ii, const char *nb,
                               const char *noa, const char *recipient, const char *part,
                               const char *now, long skew)
{
    char xml[8192];
    snprintf(
        xml, sizeof xml,
        "<samlp:Response " NS_DECL " ID=\"_r1\" Version=\"2.0\" IssueInstant=\"%s\">"
        "<saml:Issuer>https://idp.example.com/saml</saml:Issuer>"
        "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>"
        "</samlp:Status>"
        "<saml:Assertion ID=\"_a1\" Version=\"2.0\" IssueInstant=\"%s\">"
        "<saml:Issuer>https://idp.example.com/saml</saml:Issuer>"
        "<saml:Subject><saml:NameID "
        "Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">"
        "%s</saml:NameID><saml:SubjectConfirmation "
        "Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
        "<saml:SubjectConfirmationData NotOnOrAfter=\"%s\" Recipient=\"%s\"/>"
        "</saml:SubjectConfirmation></saml:Subject>"
        "<saml:Conditions NotBefore=\"%s\" NotOnOrAfter=\"%s\"><saml:AudienceRestriction>"
        "<saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction>"
        "</saml:Conditions>"
        "<saml:AttributeStatement>"
        "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\"><saml:AttributeValue>"
        "arn:%s:iam::123456789012:role/Dev,arn:%s:iam::123456789012:saml-provider/Idp"
        "</saml:AttributeValue></saml:Attribute>"
        "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\">"
        "<saml:AttributeValue>jdoe</saml:AttributeValue></saml:Attribute>"
        "</saml:AttributeStatement></saml:Assertion></samlp:Response>",
        resp_ii, asrt_ii, g_nameid, noa, recipient, nb, noa, part, part);
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    int had = 0, nz = 0;
    assert_int_equal(sc_time_parse(now, &opts.now, &had, &nz), 0);
    opts.clock_skew = skew;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "unit", "response"), 0);
    samlcheck_error err;
    samlcheck_error_clear(&err);
    assert_int_equal(
        samlcheck_check_response(r, (const unsigned char *)xml, strlen(xml), 0, &opts, &err), 0);
    return r;
}

#define T0 "2025-06-01T12:00:00Z"
#define II "2025-06-01T11:59:30Z"
#define NB "2025-06-01T11:59:00Z"
#define NOA "2025-06-01T12:04:30Z"
#define ACS "https://signin.aws.amazon.com/saml"

/* ---- the attribute model ---- */

static const char attrs_doc[] =
    "<saml:Assertion " NS_DECL " ID=\"_a\">"
    "<saml:AttributeStatement>"
    "<saml:Attribute Name=\"first\" NameFormat=\"urn:f\" FriendlyName=\"F\">"
    "<saml:AttributeValue>one</saml:AttributeValue>"
    "<saml:AttributeValue xsi:nil=\"true\"/>"
    "<saml:AttributeValue>a<!-- c -->b</saml:AttributeValue>"
    "</saml:Attribute>"
    "<saml:Attribute><saml:AttributeValue><![CDATA[x&y]]>z</saml:AttributeValue></saml:Attribute>"
    "</saml:AttributeStatement>"
    "<saml:Subject/>"
    "<saml:AttributeStatement>"
    "<saml:Attribute Name=\"third\"/>"
    "</saml:AttributeStatement>"
    "</saml:Assertion>";

static void attrs_build__two_statements__document_order_values_nil_ambiguous(void **state)
{
    (void)state;
    parsed p;
    parse(&p, attrs_doc);
    sc_attrs a;
    assert_int_equal(sc_attrs_from_assertion(&a, p.root), 0);
    assert_int_equal(a.n, 3);
    assert_string_equal(a.v[0].name, "first");
    assert_string_equal(a.v[0].name_format, "urn:f");
    assert_string_equal(a.v[0].friendly_name, "F");
    assert_int_equal(a.v[0].n_values, 3);
    assert_string_equal(a.v[0].values[0].text, "one");
    assert_false(a.v[0].values[0].nil);
    assert_false(a.v[0].values[0].ambiguous);
    assert_null(a.v[0].values[0].first_text);
    assert_true(a.v[0].values[1].nil);
    assert_string_equal(a.v[0].values[1].text, "");
    assert_true(a.v[0].values[2].ambiguous);
    assert_string_equal(a.v[0].values[2].text, "ab");
    assert_string_equal(a.v[0].values[2].first_text, "a");
    assert_null(a.v[1].name);
    assert_string_equal(a.v[1].values[0].text, "x&yz");
    assert_false(a.v[1].values[0].ambiguous);
    assert_string_equal(a.v[2].name, "third");
    assert_int_equal(a.v[2].n_values, 0);
    assert_ptr_equal(a.v[2].node->parent->parent, p.root);
    sc_attrs_clear(&a);
    assert_int_equal(a.n, 0);
    parsed_free(&p);
}

static void attrs_build__too_many_attributes__sec_limits_and_empty(void **state)
{
    (void)state;
    parsed p;
    parse(&p, attrs_doc);
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    lim.attributes = 2;
    sc_attrs a;
    int over = 0;
    assert_int_equal(sc_attrs_build(&a, p.root, &lim, p.r, &over), 0);
    assert_true(over);
    assert_int_equal(a.n, 0);
    assert_int_equal(count_rule(p.r, "sec/limits", NULL), 1);
    parsed_free(&p);
}

static void attrs_build__too_many_values__sec_limits(void **state)
{
    (void)state;
    parsed p;
    parse(&p, attrs_doc);
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    lim.values_per_attr = 2;
    sc_attrs a;
    int over = 0;
    assert_int_equal(sc_attrs_build(&a, p.root, &lim, p.r, &over), 0);
    assert_true(over);
    assert_int_equal(count_rule(p.r, "sec/limits", NULL), 1);
    lim.values_per_attr = 3;
    over = 0;
    assert_int_equal(sc_attrs_build(&a, p.root, &lim, p.r, &over), 0);
    assert_false(over);
    assert_int_equal(a.n, 3);
    sc_attrs_clear(&a);
    parsed_free(&p);
}

/* ---- the rest of the model ---- */

static void assertion_build__full__reads_every_piece(void **state)
{
    (void)state;
    parsed p;
    parse(&p,
          "<saml:Assertion " NS_DECL " ID=\"_a\" Version=\"2.0\" "
          "IssueInstant=\"2025-06-01T13:59:30+02:00\">"
          "<saml:Issuer Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:entity\">I</saml:Issuer>"
          "<saml:Subject><saml:NameID Format=\"F\" NameQualifier=\"NQ\" SPNameQualifier=\"SPQ\">"
          "n<!---->m</saml:NameID>"
          "<saml:SubjectConfirmation Method=\"M\"><saml:SubjectConfirmationData "
          "NotBefore=\"2025-06-01T11:00:00.999Z\" NotOnOrAfter=\"bad\" Recipient=\"R\"/>"
          "</saml:SubjectConfirmation><saml:SubjectConfirmation/></saml:Subject>"
          "<saml:Conditions NotOnOrAfter=\"2025-06-01T12:05:00\"><saml:AudienceRestriction>"
          "<saml:Audience>A1</saml:Audience><saml:Audience>A2</saml:Audience>"
          "</saml:AudienceRestriction><saml:AudienceRestriction/></saml:Conditions>"
          "<saml:AuthnStatement SessionNotOnOrAfter=\"2025-06-01T20:00:00Z\"/>"
          "</saml:Assertion>");
    sc_assertion a;
    assert_int_equal(sc_assertion_build(&a, p.root), 0);
    assert_string_equal(a.id, "_a");
    assert_string_equal(a.version, "2.0");
    assert_true(a.issue_instant.ok);
    assert_true(a.issue_instant.had_offset);
    assert_int_equal(a.n_issuers, 1);
    assert_string_equal(a.issuer.text, "I");
    assert_string_equal(a.issuer_format, "urn:oasis:names:tc:SAML:2.0:nameid-format:entity");
    assert_true(a.name_id.ambiguous);
    assert_string_equal(a.name_id.text, "nm");
    assert_string_equal(a.name_id.first_text, "n");
    assert_string_equal(a.name_id_format, "F");
    assert_string_equal(a.name_qualifier, "NQ");
    assert_string_equal(a.sp_name_qualifier, "SPQ");
    assert_int_equal(a.n_confs, 2);
    assert_string_equal(a.confs[0].method, "M");
    assert_string_equal(a.confs[0].recipient, "R");
    assert_non_null(a.confs[0].not_on_or_after.raw);
    assert_false(a.confs[0].not_on_or_after.ok);
    assert_true(a.confs[0].not_before.ok);
    assert_null(a.confs[1].method);
    assert_null(a.confs[1].data);
    assert_int_equal(a.confs[1].n_data, 0);
    assert_true(a.cond_not_on_or_after.ok);
    assert_true(a.cond_not_on_or_after.no_zone);
    assert_null(a.cond_not_before.raw);
    assert_int_equal(a.n_restrictions, 2);
    assert_int_equal(a.restrictions[0].n, 2);
    assert_string_equal(a.restrictions[0].audiences[1].text, "A2");
    assert_int_equal(a.restrictions[1].n, 0);
    assert_true(a.session_not_on_or_after.ok);
    sc_assertion_clear(&a);
    parsed_free(&p);
}

static void assertion_build__empty_assertion__everything_absent(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "<saml:Assertion " NS_DECL "/>");
    sc_assertion a;
    assert_int_equal(sc_assertion_build(&a, p.root), 0);
    assert_null(a.id);
    assert_null(a.issue_instant.raw);
    assert_int_equal(a.n_issuers, 0);
    assert_null(a.issuer.node);
    assert_null(a.subject);
    assert_null(a.name_id.node);
    assert_int_equal(a.n_confs, 0);
    assert_null(a.conditions);
    assert_null(a.authn);
    sc_assertion_clear(&a);
    assert_int_equal(sc_assertion_build(&a, NULL), 0);
    sc_assertion_clear(&a);
    parsed_free(&p);
}

static void response_build__nested_status__reads_codes_and_message(void **state)
{
    (void)state;
    parsed p;
    parse(&p,
          "<samlp:Response " NS_DECL " ID=\"_r\" Destination=\"D\">"
          "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\">"
          "<samlp:StatusCode "
          "Value=\"urn:oasis:names:tc:SAML:2.0:status:NoPassive\"/></samlp:StatusCode>"
          "<samlp:StatusMessage>no</samlp:StatusMessage></samlp:Status></samlp:Response>");
    sc_response s;
    assert_int_equal(sc_response_build(&s, p.root), 0);
    assert_string_equal(s.id, "_r");
    assert_null(s.version);
    assert_string_equal(s.destination, "D");
    assert_null(s.issuer.node);
    assert_string_equal(s.status_code, "urn:oasis:names:tc:SAML:2.0:status:Responder");
    assert_string_equal(s.sub_status_code, "urn:oasis:names:tc:SAML:2.0:status:NoPassive");
    assert_string_equal(s.status_message.text, "no");
    sc_response_clear(&s);
    parsed_free(&p);
}

/* ---- xs:dateTime as the time rules read it ---- */

static void instant__fraction_offset_zone__parsed_and_noted(void **state)
{
    (void)state;
    parsed p;
    parse(&p,
          "<x a=\"2025-06-01T12:00:00.999999Z\" b=\"2025-06-01T14:00:00+02:00\" "
          "c=\"2025-06-01T07:00:00-05:00\" d=\"2025-06-01T12:00:00\" e=\"2025-06-01 12:00:00Z\" "
          "f=\"2025-06-01T12:00:00.Z\" g=\" 2025-06-01T12:00:00Z\"/>");
    sc_instant i;
    long long t0 = 0;
    assert_int_equal(sc_time_parse(T0, &t0, NULL, NULL), 0);
    assert_int_equal(sc_instant_read(&i, p.root, "a"), 0);
    assert_true(i.ok);
    assert_int_equal(i.t, t0); /* fractions truncate */
    assert_false(i.had_offset);
    sc_instant_clear(&i);
    assert_int_equal(sc_instant_read(&i, p.root, "b"), 0);
    assert_true(i.ok && i.had_offset);
    assert_int_equal(i.t, t0);
    sc_instant_clear(&i);
    assert_int_equal(sc_instant_read(&i, p.root, "c"), 0);
    assert_true(i.ok && i.had_offset);
    assert_int_equal(i.t, t0);
    sc_instant_clear(&i);
    assert_int_equal(sc_instant_read(&i, p.root, "d"), 0);
    assert_true(i.ok && i.no_zone);
    assert_int_equal(i.t, t0);
    sc_instant_clear(&i);
    for (const char *bad = "efg"; *bad; bad++) {
        char n[2] = {*bad, 0};
        assert_int_equal(sc_instant_read(&i, p.root, n), 0);
        assert_non_null(i.raw);
        assert_false(i.ok);
        sc_instant_clear(&i);
    }
    assert_int_equal(sc_instant_read(&i, p.root, "absent"), 0);
    assert_null(i.raw);
    assert_false(i.ok);
    parsed_free(&p);
}

static void check__clean_response__no_time_or_recipient_findings(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, II, NB, NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/expired", NULL), 0);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 0);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 0);
    assert_int_equal(count_rule(r, "response/recipient", NULL), 0);
    assert_int_equal(count_rule(r, "response/audience", NULL), 0);
    assert_int_equal(count_rule(r, "response/unsigned", NULL), 1);
    json_t *s = sc_report_summary(r);
    assert_string_equal(json_string_value(json_object_get(s, "issuer")),
                        "https://idp.example.com/saml");
    assert_string_equal(json_string_value(json_object_get(s, "recipient")), ACS);
    assert_non_null(
        strstr(json_string_value(json_object_get(s, "valid_until")), "expires in 4m 30s"));
    assert_null(json_object_get(s, "destination")); /* reserved, never set: dropped */
    samlcheck_report_free(r);
}

static void check__issue_instant_300s_old__not_stale_301s__stale(void **state)
{
    (void)state;
    samlcheck_report *r =
        check("2025-06-01T11:55:00Z", "2025-06-01T11:55:00Z", NB, NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 0);
    samlcheck_report_free(r);
    r = check("2025-06-01T11:54:59Z", II, NB, NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 1);
    samlcheck_report_free(r);
    /* the same instant written with an offset, and a skew that absorbs it */
    r = check("2025-06-01T13:54:59.9+02:00", II, NB, NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 1);
    samlcheck_report_free(r);
    r = check("2025-06-01T11:54:59Z", II, NB, NOA, ACS, "aws", T0, 1);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 0);
    samlcheck_report_free(r);
}

static void check__offset_time__finding_notes_conversion(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, "2025-06-01T13:50:00+02:00", NB, NOA, ACS, "aws", T0, 0);
    int found = 0;
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (strcmp(f->rule, "response/issue-instant-stale") == 0)
            found = strstr(f->message, "converted to 2025-06-01T11:50:00Z") != NULL;
    }
    assert_true(found);
    samlcheck_report_free(r);
}

static void check__now_equals_not_on_or_after__expired(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, II, NB, "2025-06-01T12:00:00Z", ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/expired", NULL), 2); /* SCD and Conditions */
    samlcheck_report_free(r);
    r = check(II, II, NB, "2025-06-01T12:00:01Z", ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/expired", NULL), 0);
    samlcheck_report_free(r);
    r = check(II, II, NB, "2025-06-01T11:59:59Z", ACS, "aws", T0, 2);
    assert_int_equal(count_rule(r, "response/expired", NULL), 0);
    samlcheck_report_free(r);
}

static void check__not_before_in_future__not_yet_valid_unless_skew(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, II, "2025-06-01T12:00:01Z", NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 1);
    samlcheck_report_free(r);
    r = check(II, II, "2025-06-01T12:00:00Z", NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 0);
    samlcheck_report_free(r);
    r = check(II, II, "2025-06-01T12:00:30Z", NOA, ACS, "aws", T0, 30);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 0);
    samlcheck_report_free(r);
    r = check("2025-06-01T12:00:05Z", II, NB, NOA, ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 1);
    samlcheck_report_free(r);
}

static void check__unparseable_times__reported_under_reading_rule(void **state)
{
    (void)state;
    samlcheck_report *r = check("yesterday", "2025-13-01T00:00:00Z", "2025-06-01T12:00:00+25:00",
                                "2025-02-29T00:00:00Z", ACS, "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/root", NULL), 1);
    assert_int_equal(count_rule(r, "response/issue-instant-stale", NULL), 1);
    assert_int_equal(count_rule(r, "response/not-yet-valid", NULL), 1);
    assert_int_equal(count_rule(r, "response/subject-confirmation", NULL), 1);
    assert_int_equal(count_rule(r, "response/expired", NULL), 1); /* Conditions */
    samlcheck_report_free(r);
}

static size_t count_untrusted(const samlcheck_report *r)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(r); i++)
        n += samlcheck_report_at(r, i)->untrusted != 0;
    return n;
}

static void check__nameid_comment__claim_findings_untrusted(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, II, NB, NOA, "http://signin.aws.amazon.com/saml", "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/recipient", NULL), 1);
    assert_int_equal(count_untrusted(r), 0); /* unsigned alone is not a section-11 error */
    samlcheck_report_free(r);
    g_nameid = "u-1<!---->.evil";
    r = check(II, II, NB, NOA, "http://signin.aws.amazon.com/saml", "aws", T0, 0);
    g_nameid = "u-1";
    assert_int_equal(count_rule(r, "response/nameid-comment", NULL), 1);
    assert_int_equal(count_rule(r, "response/recipient", NULL), 1);
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (strcmp(f->rule, "response/recipient") == 0)
            assert_true(f->untrusted);
        if (strcmp(f->rule, "response/unsigned") == 0)
            assert_false(f->untrusted);
    }
    samlcheck_report_free(r);
}

static void check__nameid_values__pii_heuristics(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        size_t pii;
    } cases[] = {
        {"jdoe@example.com", 1}, {"a@.b.c", 1},  {"Jane Doe", 1},     {"Doe, Jane", 1},
        {"jdoe@localhost", 0},   {"a@b.", 0},    {"@example.com", 0}, {"a@b@c.d", 0},
        {"u-7d3f9a2c", 0},       {"jdoe 42", 0}, {"DOMAIN\\jdoe", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        g_nameid = cases[i].v;
        samlcheck_report *r = check(II, II, NB, NOA, ACS, "aws", T0, 0);
        if (count_rule(r, "response/nameid-pii", NULL) != cases[i].pii)
            fail_msg("NameID \"%s\": expected %zu nameid-pii finding(s)", cases[i].v, cases[i].pii);
        samlcheck_report_free(r);
    }
    g_nameid = "u-1";
}

static void check__partition_mismatch__one_recipient_finding(void **state)
{
    (void)state;
    samlcheck_report *r = check(II, II, NB, NOA, ACS, "aws-us-gov", T0, 0);
    samlcheck_severity sev = SAMLCHECK_SEV_INFO;
    assert_int_equal(count_rule(r, "response/recipient", &sev), 1);
    assert_int_equal(sev, SAMLCHECK_SEV_ERROR);
    samlcheck_report_free(r);
    r = check(II, II, NB, NOA, "https://signin.amazonaws-us-gov.com/saml", "aws-us-gov", T0, 0);
    assert_int_equal(count_rule(r, "response/recipient", NULL), 0);
    samlcheck_report_free(r);
    r = check(II, II, NB, NOA, "http://signin.aws.amazon.com/saml/?q", "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/recipient", NULL), 3);
    samlcheck_report_free(r);
    r = check(II, II, NB, NOA, "https://signin.aws.amazon.com/static/saml", "aws", T0, 0);
    assert_int_equal(count_rule(r, "response/recipient", &sev), 1);
    assert_int_equal(sev, SAMLCHECK_SEV_WARNING);
    samlcheck_report_free(r);
}

static int setup(void **state)
{
    (void)state;
    return samlcheck_global_init() == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    samlcheck_global_cleanup();
    return 0;
}

/* ---- the trust verdict (check/verdict.c) ---- */

static json_t *sig_summary(void)
{
    json_t *sum = json_object(), *s = json_object();
    assert_non_null(sum);
    assert_non_null(s);
    assert_int_equal(json_object_set_new(s, "signatures", json_array()), 0);
    assert_int_equal(json_object_set_new(s, "verdict", json_string("trusted")), 0);
    assert_int_equal(json_object_set_new(s, "trusted", json_true()), 0);
    assert_int_equal(json_object_set_new(sum, "signature", s), 0);
    return sum;
}

static const char *verdict_of(json_t *sum, int *trusted)
{
    json_t *s = json_object_get(sum, "signature");
    *trusted = json_is_true(json_object_get(s, "trusted"));
    return json_string_value(json_object_get(s, "verdict"));
}

/* A valid metadata signature is trusted only while no section-11 error is
 * in the final findings, whatever layer reported it; warnings and AWS
 * errors do not change it. */
static void verdict__section11_error_anywhere__never_trusted(void **state)
{
    (void)state;
    static const sc_rule_id security[] = {
        SC_RULE_RESPONSE_ASSERTION_COUNT, SC_RULE_RESPONSE_NAMEID_COMMENT,
        SC_RULE_XML_DUPLICATE_ID,         SC_RULE_RESPONSE_SIGNATURE_INVALID,
        SC_RULE_SEC_DECRYPTED_UNSIGNED,   SC_RULE_SEC_LIMITS,
    };
    sc_sig_outcome o;
    memset(&o, 0, sizeof o);
    o.response_signed = o.response_valid = o.trusted = 1;
    for (size_t i = 0; i <= sizeof security / sizeof security[0]; i++) {
        samlcheck_report *r = NULL;
        json_t *sum = sig_summary();
        int trusted = -1;
        assert_int_equal(samlcheck_report_new(&r, "t.xml", "response"), 0);
        /* legitimate twin first: an AWS error and a warning only */
        assert_int_equal(sc_report_add(r, SC_RULE_RESPONSE_EXPIRED, SC_POS_NONE, "x"), 0);
        assert_int_equal(sc_report_addx(r, SC_RULE_RESPONSE_NAMEID_COMMENT, SAMLCHECK_SEV_WARNING,
                                        NULL, NULL, SC_POS_NONE, "not an error"),
                         0);
        if (i > 0)
            assert_int_equal(sc_report_add(r, security[i - 1], SC_POS_NONE, "x"), 0);
        assert_int_equal(sc_verdict_apply(sum, r, &o, 1), 0);
        const char *v = verdict_of(sum, &trusted);
        assert_string_equal(v, i == 0 ? "trusted" : "rejected");
        assert_int_equal(trusted, i == 0);
        /* without metadata nothing is trusted */
        assert_int_equal(sc_verdict_apply(sum, r, &o, 0), 0);
        verdict_of(sum, &trusted);
        assert_int_equal(trusted, 0);
        json_decref(sum);
        samlcheck_report_free(r);
    }
}

/* One valid and one invalid signature: the verdict is rejected and never
 * comes with trusted: true (the signature code set security_error). */
static void verdict__one_valid_one_invalid__rejected_not_trusted(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    json_t *sum = sig_summary();
    int trusted = -1;
    sc_sig_outcome o;
    memset(&o, 0, sizeof o);
    o.response_signed = o.response_valid = o.assertion_signed = 1;
    o.trusted = o.security_error = 1;
    assert_int_equal(samlcheck_report_new(&r, "t.xml", "response"), 0);
    assert_int_equal(sc_verdict_apply(sum, r, &o, 1), 0);
    assert_string_equal(verdict_of(sum, &trusted), "rejected");
    assert_int_equal(trusted, 0);
    json_decref(sum);
    samlcheck_report_free(r);
}

/* Without metadata, a well-formed signature with no certificate could be
 * checked against no key: not-verified (not invalid, never trusted); a
 * section-11 error still makes it rejected. */
static void verdict__no_metadata_no_certificate__not_verified(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    json_t *sum = sig_summary();
    int trusted = -1;
    sc_sig_outcome o;
    memset(&o, 0, sizeof o);
    o.assertion_signed = o.unchecked = 1;
    assert_int_equal(samlcheck_report_new(&r, "t.xml", "response"), 0);
    assert_int_equal(sc_verdict_apply(sum, r, &o, 0), 0);
    assert_string_equal(verdict_of(sum, &trusted), "not-verified");
    assert_int_equal(trusted, 0);
    assert_int_equal(sc_report_add(r, SC_RULE_RESPONSE_SIGNATURE_INVALID, SC_POS_NONE, "x"), 0);
    assert_int_equal(sc_verdict_apply(sum, r, &o, 0), 0);
    assert_string_equal(verdict_of(sum, &trusted), "rejected");
    json_decref(sum);
    samlcheck_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verdict__no_metadata_no_certificate__not_verified),
        cmocka_unit_test(verdict__section11_error_anywhere__never_trusted),
        cmocka_unit_test(verdict__one_valid_one_invalid__rejected_not_trusted),
        cmocka_unit_test(attrs_build__two_statements__document_order_values_nil_ambiguous),
        cmocka_unit_test(attrs_build__too_many_attributes__sec_limits_and_empty),
        cmocka_unit_test(attrs_build__too_many_values__sec_limits),
        cmocka_unit_test(assertion_build__full__reads_every_piece),
        cmocka_unit_test(assertion_build__empty_assertion__everything_absent),
        cmocka_unit_test(response_build__nested_status__reads_codes_and_message),
        cmocka_unit_test(instant__fraction_offset_zone__parsed_and_noted),
        cmocka_unit_test(check__clean_response__no_time_or_recipient_findings),
        cmocka_unit_test(check__issue_instant_300s_old__not_stale_301s__stale),
        cmocka_unit_test(check__offset_time__finding_notes_conversion),
        cmocka_unit_test(check__now_equals_not_on_or_after__expired),
        cmocka_unit_test(check__not_before_in_future__not_yet_valid_unless_skew),
        cmocka_unit_test(check__unparseable_times__reported_under_reading_rule),
        cmocka_unit_test(check__nameid_comment__claim_findings_untrusted),
        cmocka_unit_test(check__nameid_values__pii_heuristics),
        cmocka_unit_test(check__partition_mismatch__one_recipient_finding),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
