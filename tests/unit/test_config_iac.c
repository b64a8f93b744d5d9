/* The infrastructure-as-code readers of `samlcheck config`: YAML to the
 * position-keeping tree (short tags, bounds) and CloudFormation intrinsic
 * resolution (resolved only from the template and --context). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "check/config_iac.h"

static sc_pj_doc *g_doc;

static const sc_pj *yaml(const char *text, sc_pj_result *pr)
{
    sc_pj_free(g_doc);
    g_doc = NULL;
    assert_int_equal(sc_yaml_parse(&g_doc, pr, text, strlen(text)), 0);
    return pr->root;
}

static void yaml__short_tags__long_forms_at_their_positions(void **state)
{
    (void)state;
    sc_pj_result pr;
    const sc_pj *r = yaml("Resources:\n  R:\n    V: !Ref X\n    S: !Sub [\"a${b}\", {b: 1}]\n"
                          "    N: 3600\n    Q: \"3600\"\n    T: true\n",
                          &pr);
    assert_non_null(r);
    const sc_pj *res = sc_pj_get(sc_pj_get(r, "Resources"), "R");
    const sc_pj *v = sc_pj_get(res, "V");
    assert_int_equal(v->type, SC_PJ_OBJ);
    assert_int_equal(v->line, 3);
    assert_int_equal(v->col, 8);
    assert_string_equal(sc_pj_get(v, "Ref")->s, "X");
    const sc_pj *s = sc_pj_get(sc_pj_get(res, "S"), "Fn::Sub");
    assert_non_null(s);
    assert_int_equal(s->type, SC_PJ_ARR);
    assert_int_equal(s->n, 2);
    assert_int_equal(sc_pj_get(res, "N")->type, SC_PJ_NUM);
    assert_int_equal(sc_pj_get(res, "Q")->type, SC_PJ_STR); /* quoted stays a string */
    assert_int_equal(sc_pj_get(res, "T")->type, SC_PJ_TRUE);
}

static void yaml__alias__refused_anchor_alone_read(void **state)
{
    (void)state;
    sc_pj_result pr;
    assert_non_null(yaml("a: &x 1\nb: 2\n", &pr));
    assert_null(yaml("a: &x 1\nb: *x\n", &pr));
    assert_true(pr.syntax_error);
    assert_int_equal(pr.syntax.line, 2);
    assert_int_equal(pr.syntax.col, 4);
    assert_non_null(strstr(pr.syntax.msg, "alias"));
}

static void yaml__bounds__depth_and_node_count(void **state)
{
    (void)state;
    sc_pj_result pr;
    char deep[2 * (SC_PJ_MAX_DEPTH + 2) + 1];
    memset(deep, '[', SC_PJ_MAX_DEPTH + 1);
    memset(deep + SC_PJ_MAX_DEPTH + 1, ']', SC_PJ_MAX_DEPTH + 1);
    deep[2 * (SC_PJ_MAX_DEPTH + 1)] = '\0';
    assert_null(yaml(deep, &pr));
    assert_non_null(strstr(pr.syntax.msg, "nested deeper"));
    /* exactly the limit is read */
    deep[SC_PJ_MAX_DEPTH] = ' ';
    deep[SC_PJ_MAX_DEPTH + 1] = ' ';
    assert_non_null(yaml(deep, &pr));
    size_t n = SC_PJ_MAX_NODES + 10;
    char *many = malloc(2 * n + 3);
    assert_non_null(many);
    many[0] = '[';
    for (size_t i = 0; i < n; i++) {
        many[1 + 2 * i] = '0';
        many[2 + 2 * i] = ',';
    }
    many[2 * n] = ']';
    many[2 * n + 1] = '\0';
    assert_null(yaml(many, &pr));
    assert_non_null(strstr(pr.syntax.msg, "nodes"));
    free(many);
}

static void yaml__malformed__line_and_column(void **state)
{
    (void)state;
    sc_pj_result pr;
    assert_null(yaml("Resources:\n  R: [a, b\n  S: 1\n", &pr));
    assert_true(pr.syntax_error);
    assert_int_equal(pr.syntax.line, 3);
}

/* Resolve a JSON template with the given --context; the role's props. */
static const sc_pj *role_props(const char *tmpl, const char *ctx, samlcheck_report **r,
                               sc_iac_model *m)
{
    sc_pj_result pr;
    sc_pj_free(g_doc);
    g_doc = NULL;
    assert_int_equal(sc_pj_parse(&g_doc, &pr, tmpl, strlen(tmpl)), 0);
    assert_non_null(pr.root);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    const char *const c[] = {ctx};
    o.context = c;
    o.n_context = ctx ? 1 : 0;
    assert_int_equal(samlcheck_report_new(r, "t.json", "config"), 0);
    assert_int_equal(sc_cfn_read(m, g_doc, pr.root, *r, &o), 0);
    for (size_t i = 0; i < m->n; i++)
        if (m->res[i].kind == SC_IAC_ROLE)
            return m->res[i].props;
    fail();
    return NULL;
}

static const char tmpl[] =
    "{\"Parameters\": {\"P\": {\"Type\": \"String\", \"Default\": \"d\"}},"
    " \"Resources\": {"
    "  \"Idp\": {\"Type\": \"AWS::IAM::SAMLProvider\", \"Properties\": {\"Name\": \"Corp\"}},"
    "  \"B\": {\"Type\": \"AWS::S3::Bucket\"},"
    "  \"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {"
    "   \"RoleName\": {\"Fn::Sub\": \"dev-${AWS::Partition}-${!Lit}\"},"
    "   \"Path\": {\"Ref\": \"P\"},"
    "   \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Principal\": {\"Federated\":"
    "     {\"Fn::GetAtt\": [\"Idp\", \"Arn\"]}}}]}}}}}";

static void cfn__resolution__context_account_and_unknown_parameter(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    sc_iac_model m;
    const sc_pj *p = role_props(tmpl, "AWS::AccountId=123456789012", &r, &m);
    assert_int_equal(m.ignored, 1);
    assert_string_equal(sc_pj_get(p, "RoleName")->s, "dev-aws-${Lit}");
    assert_null(sc_pj_get(p, "Path")); /* a parameter: unknown, never its Default */
    const sc_pj *d = sc_pj_get(p, "AssumeRolePolicyDocument");
    assert_int_equal(d->type, SC_PJ_STR);
    assert_non_null(strstr(d->s, "\"arn:aws:iam::123456789012:saml-provider/Corp\""));
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "input/undecodable");
    assert_int_equal(samlcheck_report_at(r, 0)->severity, SAMLCHECK_SEV_INFO);
    assert_false(m.placeholder);
    sc_iac_model_free(&m);
    samlcheck_report_free(r);
    /* without the account: the placeholder, reported once */
    p = role_props(tmpl, NULL, &r, &m);
    d = sc_pj_get(p, "AssumeRolePolicyDocument");
    assert_non_null(strstr(d->s, "000000000000"));
    assert_true(m.placeholder);
    assert_int_equal(samlcheck_report_count(r), 2);
    sc_iac_model_free(&m);
    samlcheck_report_free(r);
}

static void cfn__unknown_inside_trust_policy__not_evaluated(void **state)
{
    (void)state;
    static const char t[] =
        "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {"
        "\"RoleName\": \"x\", \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Principal\":"
        " {\"Federated\": {\"Fn::ImportValue\": \"idp\"}}}]}}}}}";
    samlcheck_report *r = NULL;
    sc_iac_model m;
    const sc_pj *p = role_props(t, "AWS::AccountId=123456789012", &r, &m);
    assert_null(sc_pj_get(p, "AssumeRolePolicyDocument"));
    assert_int_equal(samlcheck_report_count(r), 2);
    sc_iac_model_free(&m);
    samlcheck_report_free(r);
}

/* A huge Terraform state: bounded, and said so (not "unrecognised"). */
static void config__too_many_values__says_so(void **state)
{
    (void)state;
    size_t n = SC_PJ_MAX_NODES + 10;
    const char head[] = "{\"format_version\": \"1.0\", \"values\": [";
    char *t = malloc(sizeof head + 2 * n + 4);
    assert_non_null(t);
    memcpy(t, head, sizeof head - 1);
    char *p = t + sizeof head - 1;
    for (size_t i = 0; i < n; i++) {
        *p++ = '0';
        *p++ = i + 1 < n ? ',' : ']';
    }
    *p++ = '}';
    *p = '\0';
    const char *names[] = {"state.json"};
    const unsigned char *datas[] = {(const unsigned char *)t};
    size_t lens[] = {strlen(t)};
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    samlcheck_report **rs = NULL;
    size_t nr = 0;
    assert_int_equal(samlcheck_check_config(&rs, &nr, names, datas, lens, 1, &o, &err), 0);
    assert_int_equal(nr, 1);
    assert_int_equal(samlcheck_report_count(rs[0]), 1);
    assert_non_null(strstr(samlcheck_report_at(rs[0], 0)->message, "JSON values"));
    samlcheck_report_free(rs[0]);
    free(rs);
    free(t);
}

static int teardown(void **state)
{
    (void)state;
    sc_pj_free(g_doc);
    g_doc = NULL;
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yaml__short_tags__long_forms_at_their_positions),
        cmocka_unit_test(yaml__alias__refused_anchor_alone_read),
        cmocka_unit_test(yaml__bounds__depth_and_node_count),
        cmocka_unit_test(yaml__malformed__line_and_column),
        cmocka_unit_test(cfn__resolution__context_account_and_unknown_parameter),
        cmocka_unit_test(cfn__unknown_inside_trust_policy__not_evaluated),
        cmocka_unit_test(config__too_many_values__says_so),
    };
    return cmocka_run_group_tests(tests, NULL, teardown);
}
