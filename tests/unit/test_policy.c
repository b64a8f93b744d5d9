/* Unit tests of src/policy/ (RULES.md section 9): the JSON reader, the
 * condition operators and their IfExists / ForAnyValue / ForAllValues forms
 * on missing, single and multivalued keys, wildcards, policy variables,
 * and the evaluator's decision. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "policy/policy.h"
#include "check/sts_context.h"

/* ---- helpers ---- */

static sc_pol_cond cond_of(const char *op, const char *key, const char **values, size_t n)
{
    sc_pol_cond c;
    memset(&c, 0, sizeof c);
    c.op_name = op;
    c.op = sc_policy_op_parse(op, &c.set, &c.if_exists);
    c.key = key;
    c.values = values;
    c.n_values = n;
    return c;
}

static const char *const absent[] = {"saml:aud", "sts:sourceidentity", "aws:tagkeys", NULL};
static const char *const absent_prefix[] = {"aws:requesttag/", NULL};

/* A context like one built from a response: saml:sub, saml:aud, one
 * multivalued attribute key with two values and aws:TagKeys with one. */
static void ctx_make(sc_policy_ctx *c)
{
    sc_policy_ctx_init(c);
    c->absent = absent;
    c->absent_prefix = absent_prefix;
    c->saml_attrs_known = 1;
    assert_int_equal(sc_policy_ctx_add(c, "saml:sub", "jdoe", 0), 0);
    assert_int_equal(sc_policy_ctx_add(c, "SAML:edupersonaffiliation", "member", 1), 0);
    assert_int_equal(sc_policy_ctx_add(c, "saml:edupersonaffiliation", "staff", 1), 0);
    assert_int_equal(sc_policy_ctx_add(c, "aws:TagKeys", "Department", 1), 0);
    assert_int_equal(sc_policy_ctx_add(c, "aws:CurrentTime", "2025-06-01T12:00:00Z", 0), 0);
    assert_int_equal(sc_policy_ctx_add(c, "aws:EpochTime", "1748779200", 0), 0);
    assert_int_equal(sc_policy_ctx_add(c, "saml:count", "42", 0), 0);
    assert_int_equal(sc_policy_ctx_add(c, "aws:ViaAWSService", "false", 0), 0);
}

static sc_tri eval1(const sc_policy_ctx *ctx, const char *op, const char *key, const char *v)
{
    const char *vals[] = {v};
    sc_pol_cond c = cond_of(op, key, vals, 1);
    sc_cond_outcome o;
    assert_int_equal(sc_policy_cond_eval(&o, &c, ctx, 1), 0);
    return o.result;
}

static sc_tri evaln(const sc_policy_ctx *ctx, const char *op, const char *key, const char **v,
                    size_t n)
{
    sc_pol_cond c = cond_of(op, key, v, n);
    sc_cond_outcome o;
    assert_int_equal(sc_policy_cond_eval(&o, &c, ctx, 1), 0);
    return o.result;
}

/* ---- JSON reader ---- */

static sc_pj_result parse(const char *text, sc_pj_doc **doc)
{
    sc_pj_result r;
    assert_int_equal(sc_pj_parse(doc, &r, text, strlen(text)), 0);
    return r;
}

static void pj__valid_document__tree_with_positions(void **state)
{
    (void)state;
    sc_pj_doc *d;
    sc_pj_result r = parse("{\n  \"a\": [1, \"x\\u00e9\", true],\n  \"b\": {\"c\": null}\n}", &d);
    assert_non_null(r.root);
    assert_false(r.syntax_error);
    const sc_pj *a = sc_pj_get(r.root, "a");
    assert_non_null(a);
    assert_int_equal(a->type, SC_PJ_ARR);
    assert_int_equal(a->n, 3);
    assert_int_equal(a->kline, 2);
    assert_int_equal(a->kcol, 3);
    assert_string_equal(a->first->next->s, "x\xc3\xa9");
    const sc_pj *b = sc_pj_get(r.root, "b");
    assert_int_equal(b->line, 3);
    assert_int_equal(b->col, 8);
    sc_pj_free(d);
}

static void pj__syntax_errors__line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *words;
    } cases[] = {
        {"{\n  // Action Name\n}", 2, 3, "comment"},
        {"{\"a\": [1, 2,]}", 1, 13, "trailing comma"},
        {"{'a': 1}", 1, 2, "single quote"},
        {"{\"a\": 1}{\"b\": 2}", 1, 9, "More than one JSON policy object"},
        {"{\"a\": 1} x", 1, 10, "trailing text"},
        {"{\"a\": \"x\n\"}", 1, 9, "control character"},
        {"{\"a\": 01}", 1, 8, "expected ','"},
        {"{\"a\" 1}", 1, 6, "expected ':'"},
        {"", 1, 1, "end of the document"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_pj_doc *d;
        sc_pj_result r = parse(cases[i].text, &d);
        assert_null(r.root);
        assert_true(r.syntax_error);
        if (r.syntax.line != cases[i].line || r.syntax.col != cases[i].col ||
            !strstr(r.syntax.msg, cases[i].words))
            fail_msg("case %zu: %d:%d %s", i, r.syntax.line, r.syntax.col, r.syntax.msg);
        sc_pj_free(d);
    }
}

static void pj__duplicate_keys_at_any_depth__each_reported(void **state)
{
    (void)state;
    sc_pj_doc *d;
    sc_pj_result r = parse("{\"S\": {\"E\": 1, \"x\": {\"k\": 1, \"k\": 2, \"k\": 3}, \"E\": 2}, "
                           "\"S2\": [{\"a\": 1, \"a\": 1}]}",
                           &d);
    assert_non_null(r.root);
    assert_int_equal(r.n_dups, 4); /* k twice, E once, a once */
    int saw_e = 0;
    for (size_t i = 0; i < r.n_dups; i++)
        saw_e |= strstr(r.dups[i].msg, "\"E\" (first at line 1, column 8)") != NULL;
    assert_true(saw_e);
    sc_pj_free(d);
}

static void pj__characters_outside_iam_set__positions(void **state)
{
    (void)state;
    sc_pj_doc *d;
    /* BOM, then a typographic quote inside a string; Latin-1 is allowed */
    sc_pj_result r = parse("\xef\xbb\xbf{\"a\": \"caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d\"}", &d);
    assert_non_null(r.root); /* valid JSON once the BOM is skipped */
    assert_true(r.bom);
    assert_int_equal(r.n_chars, 3);
    assert_int_equal(r.chars[0].col, 1);
    assert_non_null(strstr(r.chars[0].msg, "U+FEFF"));
    assert_int_equal(r.chars[1].col, 14);
    assert_non_null(strstr(r.chars[1].msg, "U+201C"));
    sc_pj_free(d);
}

static void pj__depth_and_size_limits__finding_not_crash(void **state)
{
    (void)state;
    size_t n = 100000;
    char *t = malloc(2 * n + 1);
    memset(t, '[', n);
    memset(t + n, ']', n);
    t[2 * n] = '\0';
    sc_pj_doc *d;
    sc_pj_result r = parse(t, &d);
    assert_true(r.syntax_error);
    assert_non_null(strstr(r.syntax.msg, "nesting deeper than 64"));
    sc_pj_free(d);
    /* more values than the tree budget: valid JSON, no tree */
    size_t m = SC_PJ_MAX_NODES + 10;
    char *u = malloc(2 * m + 3);
    size_t k = 0;
    u[k++] = '[';
    for (size_t i = 0; i < m; i++) {
        u[k++] = '0';
        u[k++] = ',';
    }
    u[k - 1] = ']';
    u[k] = '\0';
    r = parse(u, &d);
    assert_false(r.syntax_error);
    assert_true(r.too_many_nodes);
    assert_null(r.root);
    sc_pj_free(d);
    free(t);
    free(u);
}

/* ---- wildcards, names ---- */

static void glob__iam_wildcards(void **state)
{
    (void)state;
    assert_true(sc_policy_glob("sts:*", "sts:AssumeRoleWithSAML", 1));
    assert_true(sc_policy_glob("*", "sts:AssumeRoleWithSAML", 1));
    assert_true(sc_policy_glob("sts:AssumeRole*", "sts:AssumeRoleWithSAML", 1));
    assert_true(sc_policy_glob("STS:assumerolewithsaml", "sts:AssumeRoleWithSAML", 1));
    assert_false(sc_policy_glob("STS:assumerolewithsaml", "sts:AssumeRoleWithSAML", 0));
    assert_true(sc_policy_glob("sts:?agSession", "sts:TagSession", 1));
    assert_false(sc_policy_glob("sts:AssumeRole", "sts:AssumeRoleWithSAML", 1));
    assert_false(sc_policy_glob("sts:*SAML?", "sts:AssumeRoleWithSAML", 1));
    assert_true(sc_policy_glob("a*b*c", "aXbYbZc", 0));
    assert_false(sc_policy_glob("a*b*c", "aXbYbZ", 0));
    assert_true(sc_policy_glob("", "", 0));
    assert_false(sc_policy_glob("", "x", 0));
}

static void edit_distance__bounded(void **state)
{
    (void)state;
    assert_int_equal(sc_policy_edit_distance("AsumeRole", "AssumeRole", 2), 1);
    assert_int_equal(sc_policy_edit_distance("assumerole", "AssumeRole", 2), 0);
    assert_int_equal(sc_policy_edit_distance("GetCallerIdentity", "TagSession", 2), 3);
}

static void op_parse__forms(void **state)
{
    (void)state;
    sc_pol_set set;
    int ie;
    assert_int_equal(sc_policy_op_parse("StringEquals", &set, &ie), SC_OP_STRING_EQUALS);
    assert_int_equal(set, SC_SET_NONE);
    assert_int_equal(ie, 0);
    assert_int_equal(sc_policy_op_parse("ForAnyValue:StringLikeIfExists", &set, &ie),
                     SC_OP_STRING_LIKE);
    assert_int_equal(set, SC_SET_ANY);
    assert_int_equal(ie, 1);
    assert_int_equal(sc_policy_op_parse("ForAllValues:StringNotEqualsIgnoreCase", &set, &ie),
                     SC_OP_STRING_NOT_EQUALS_IC);
    assert_int_equal(set, SC_SET_ALL);
    assert_int_equal(sc_policy_op_parse("NullIfExists", &set, &ie), SC_OP_UNKNOWN);
    assert_int_equal(sc_policy_op_parse("IpAddress", &set, &ie), SC_OP_UNKNOWN);
    assert_int_equal(sc_policy_op_parse("stringequals", &set, &ie), SC_OP_UNKNOWN);
}

/* ---- operators on single-valued keys ---- */

static void string_ops__single_value(void **state)
{
    (void)state;
    sc_policy_ctx c;
    ctx_make(&c);
    assert_int_equal(eval1(&c, "StringEquals", "saml:sub", "jdoe"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringEquals", "SAML:SUB", "jdoe"), SC_TRUE);  /* key case */
    assert_int_equal(eval1(&c, "StringEquals", "saml:sub", "JDOE"), SC_FALSE); /* value case */
    assert_int_equal(eval1(&c, "StringNotEquals", "saml:sub", "jdoe"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringNotEquals", "saml:sub", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringEqualsIgnoreCase", "saml:sub", "JDOE"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringNotEqualsIgnoreCase", "saml:sub", "JDOE"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringLike", "saml:sub", "j*"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringLike", "saml:sub", "J*"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringLike", "saml:sub", "j??e"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringNotLike", "saml:sub", "j*"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringNotLike", "saml:sub", "x*"), SC_TRUE);
    /* values for one key are ORed */
    const char *v[] = {"alice", "jdoe"};
    assert_int_equal(evaln(&c, "StringEquals", "saml:sub", v, 2), SC_TRUE);
    assert_int_equal(evaln(&c, "StringNotEquals", "saml:sub", v, 2), SC_FALSE);
    sc_policy_ctx_clear(&c);
}

static void numeric_date_bool_ops__single_value(void **state)
{
    (void)state;
    sc_policy_ctx c;
    ctx_make(&c);
    assert_int_equal(eval1(&c, "NumericEquals", "saml:count", "42"), SC_TRUE);
    assert_int_equal(eval1(&c, "NumericNotEquals", "saml:count", "42"), SC_FALSE);
    assert_int_equal(eval1(&c, "NumericLessThan", "saml:count", "43"), SC_TRUE);
    assert_int_equal(eval1(&c, "NumericLessThanEquals", "saml:count", "42"), SC_TRUE);
    assert_int_equal(eval1(&c, "NumericGreaterThan", "saml:count", "42"), SC_FALSE);
    assert_int_equal(eval1(&c, "NumericGreaterThanEquals", "saml:count", "42.0"), SC_TRUE);
    assert_int_equal(eval1(&c, "NumericEquals", "saml:sub", "1"), SC_FALSE); /* not a number */
    assert_int_equal(eval1(&c, "NumericEquals", "saml:count", "many"), SC_UNKNOWN);
    assert_int_equal(eval1(&c, "DateLessThan", "aws:CurrentTime", "2025-03-31T23:59:59Z"),
                     SC_FALSE);
    assert_int_equal(eval1(&c, "DateGreaterThan", "aws:CurrentTime", "2025-01-01T00:00:00Z"),
                     SC_TRUE);
    assert_int_equal(eval1(&c, "DateGreaterThanEquals", "aws:CurrentTime", "2025-06-01"), SC_TRUE);
    assert_int_equal(eval1(&c, "DateEquals", "aws:CurrentTime", "1748779200"), SC_TRUE);
    assert_int_equal(eval1(&c, "DateNotEquals", "aws:CurrentTime", "1748779200"), SC_FALSE);
    assert_int_equal(eval1(&c, "DateLessThanEquals", "aws:EpochTime", "2025-06-01T12:00:00Z"),
                     SC_TRUE);
    assert_int_equal(eval1(&c, "Bool", "aws:ViaAWSService", "false"), SC_TRUE);
    assert_int_equal(eval1(&c, "Bool", "aws:ViaAWSService", "TRUE"), SC_FALSE);
    sc_policy_ctx_clear(&c);
}

/* ---- missing keys ---- */

static void missing_key__iam_semantics(void **state)
{
    (void)state;
    sc_policy_ctx c;
    ctx_make(&c);
    /* saml:aud is proven absent */
    assert_int_equal(eval1(&c, "StringEquals", "saml:aud", "x"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringEqualsIfExists", "saml:aud", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringNotEquals", "saml:aud", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringLike", "saml:aud", "*"), SC_FALSE);
    assert_int_equal(eval1(&c, "ForAnyValue:StringEquals", "saml:aud", "x"), SC_FALSE);
    assert_int_equal(eval1(&c, "ForAnyValue:StringEqualsIfExists", "saml:aud", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "ForAllValues:StringEquals", "saml:aud", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "Null", "saml:aud", "true"), SC_TRUE);
    assert_int_equal(eval1(&c, "Null", "saml:aud", "false"), SC_FALSE);
    assert_int_equal(eval1(&c, "Null", "saml:sub", "false"), SC_TRUE);
    assert_int_equal(eval1(&c, "Null", "saml:sub", "true"), SC_FALSE);
    /* a tag the response does not send: absent by prefix */
    assert_int_equal(eval1(&c, "StringEquals", "aws:RequestTag/Team", "x"), SC_FALSE);
    /* a saml: attribute key the response does not send: unknown unless
     * IfExists (RULES.md policy/condition-unevaluable) */
    assert_int_equal(eval1(&c, "StringEquals", "saml:cn", "x"), SC_UNKNOWN);
    assert_int_equal(eval1(&c, "StringEqualsIfExists", "saml:cn", "x"), SC_TRUE);
    assert_int_equal(eval1(&c, "Null", "saml:cn", "true"), SC_TRUE);
    /* a key no input can supply */
    assert_int_equal(eval1(&c, "StringEquals", "aws:SourceIp", "x"), SC_UNKNOWN);
    assert_int_equal(eval1(&c, "StringEqualsIfExists", "aws:SourceIp", "x"), SC_UNKNOWN);
    assert_int_equal(eval1(&c, "Null", "aws:SourceIp", "true"), SC_UNKNOWN);
    /* ... until --context gives it */
    const char *kv[] = {"aws:SourceIp=192.0.2.1"};
    assert_int_equal(sc_policy_ctx_apply(&c, kv, 1), 0);
    assert_int_equal(eval1(&c, "StringEquals", "aws:sourceip", "192.0.2.1"), SC_TRUE);
    /* an unsupported operator */
    assert_int_equal(eval1(&c, "IpAddress", "aws:SourceIp", "192.0.2.0/24"), SC_UNKNOWN);
    sc_policy_ctx_clear(&c);
}

/* ---- multivalued keys ---- */

static void multivalued_key__set_operators(void **state)
{
    (void)state;
    sc_policy_ctx c;
    ctx_make(&c);
    const char *k = "saml:edupersonaffiliation"; /* member, staff */
    const char *ms[] = {"member", "staff"};
    const char *m[] = {"member"};
    const char *x[] = {"student"};
    assert_int_equal(evaln(&c, "ForAnyValue:StringEquals", k, m, 1), SC_TRUE);
    assert_int_equal(evaln(&c, "ForAnyValue:StringEquals", k, x, 1), SC_FALSE);
    assert_int_equal(evaln(&c, "ForAllValues:StringEquals", k, m, 1), SC_FALSE);
    assert_int_equal(evaln(&c, "ForAllValues:StringEquals", k, ms, 2), SC_TRUE);
    assert_int_equal(evaln(&c, "ForAllValues:StringNotEquals", k, x, 1), SC_TRUE);
    assert_int_equal(evaln(&c, "ForAnyValue:StringNotEquals", k, m, 1), SC_TRUE);
    assert_int_equal(evaln(&c, "ForAllValues:StringLike", k, (const char *[]){"*"}, 1), SC_TRUE);
    /* several values without a set operator: IAM leaves it undefined */
    assert_int_equal(evaln(&c, "StringEquals", k, m, 1), SC_UNKNOWN);
    /* a multivalued key holding one value behaves as a single value */
    assert_int_equal(eval1(&c, "StringEquals", "aws:TagKeys", "Department"), SC_TRUE);
    assert_int_equal(eval1(&c, "ForAllValues:StringEquals", "aws:TagKeys", "Department"), SC_TRUE);
    assert_int_equal(eval1(&c, "ForAllValues:StringEquals", "aws:TagKeys", "Project"), SC_FALSE);
    /* repeated --context keys build a multivalued key */
    const char *kv[] = {"aws:PrincipalTag/team=a", "aws:PrincipalTag/team=b"};
    assert_int_equal(sc_policy_ctx_apply(&c, kv, 2), 0);
    assert_int_equal(sc_policy_ctx_get(&c, "aws:principaltag/TEAM")->n, 2);
    assert_int_equal(eval1(&c, "ForAnyValue:StringEquals", "aws:PrincipalTag/team", "b"), SC_TRUE);
    sc_policy_ctx_clear(&c);
}

/* Every evaluated operator, plain and in its IfExists / ForAnyValue: /
 * ForAllValues: forms, on a present single value, a proven-absent key and a
 * multivalued key (IAM User Guide, "Condition operators" and
 * "Single-valued vs. multivalued context keys"). */
static void every_operator__forms_on_missing_single_multi(void **state)
{
    (void)state;
    static const struct {
        const char *op;
        int negated;
        const char *single_key, *hit, *miss; /* hit/miss for the single value */
        const char *multi_key, *any_hit;     /* a value matching one of the multi values */
        const char *all_hit;                 /* a value matching every multi value */
    } t[] = {
        {"StringEquals", 0, "saml:sub", "jdoe", "x", "saml:multi", "b", NULL},
        {"StringNotEquals", 1, "saml:sub", "x", "jdoe", "saml:multi", "a", "zzz"},
        {"StringEqualsIgnoreCase", 0, "saml:sub", "JDoe", "x", "saml:multi", "B", NULL},
        {"StringNotEqualsIgnoreCase", 1, "saml:sub", "x", "JDOE", "saml:multi", "A", "zzz"},
        {"StringLike", 0, "saml:sub", "j*e", "x*", "saml:multi", "b*", "*"},
        {"StringNotLike", 1, "saml:sub", "x*", "j*", "saml:multi", "a*", "z*"},
        {"NumericEquals", 0, "saml:count", "42", "41", "saml:levels", "5", NULL},
        {"NumericNotEquals", 1, "saml:count", "41", "42", "saml:levels", "1", "7"},
        {"NumericLessThan", 0, "saml:count", "43", "42", "saml:levels", "2", "6"},
        {"NumericLessThanEquals", 0, "saml:count", "42", "41", "saml:levels", "1", "5"},
        {"NumericGreaterThan", 0, "saml:count", "41", "42", "saml:levels", "4", "0"},
        {"NumericGreaterThanEquals", 0, "saml:count", "42", "43", "saml:levels", "5", "1"},
        {"DateEquals", 0, "aws:CurrentTime", "2025-06-01T12:00:00Z", "2025-06-01T12:00:01Z",
         "saml:dates", "2025-01-01T00:00:00Z", NULL},
        {"DateNotEquals", 1, "aws:CurrentTime", "2020-01-01T00:00:00Z", "2025-06-01T12:00:00Z",
         "saml:dates", "2025-01-01T00:00:00Z", "2020-01-01T00:00:00Z"},
        {"DateLessThan", 0, "aws:CurrentTime", "2025-06-02T00:00:00Z", "2025-06-01T12:00:00Z",
         "saml:dates", "2025-06-01T00:00:00Z", "2026-01-01T00:00:00Z"},
        {"DateLessThanEquals", 0, "aws:CurrentTime", "2025-06-01T12:00:00Z", "2025-06-01T11:59:59Z",
         "saml:dates", "2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z"},
        {"DateGreaterThan", 0, "aws:CurrentTime", "2025-06-01T11:59:59Z", "2025-06-01T12:00:00Z",
         "saml:dates", "2025-06-01T00:00:00Z", "2024-01-01T00:00:00Z"},
        {"DateGreaterThanEquals", 0, "aws:CurrentTime", "2025-06-01T12:00:00Z",
         "2025-06-01T12:00:01Z", "saml:dates", "2025-12-31T00:00:00Z", "2025-01-01T00:00:00Z"},
        {"Bool", 0, "aws:ViaAWSService", "false", "true", "saml:flags", "true", NULL},
    };
    sc_policy_ctx c;
    ctx_make(&c);
    /* multivalued keys: a, b / 1, 5 / two dates / true, false */
    assert_int_equal(sc_policy_ctx_add(&c, "saml:multi", "a", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:multi", "b", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:levels", "1", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:levels", "5", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:dates", "2025-01-01T00:00:00Z", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:dates", "2025-12-31T00:00:00Z", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:flags", "true", 1), 0);
    assert_int_equal(sc_policy_ctx_add(&c, "saml:flags", "false", 1), 0);
    char op[80];
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const char *o = t[i].op;
        /* present, single value */
        if (eval1(&c, o, t[i].single_key, t[i].hit) != SC_TRUE ||
            eval1(&c, o, t[i].single_key, t[i].miss) != SC_FALSE)
            fail_msg("%s on a single value", o);
        snprintf(op, sizeof op, "%sIfExists", o);
        if (eval1(&c, op, t[i].single_key, t[i].hit) != SC_TRUE ||
            eval1(&c, op, t[i].single_key, t[i].miss) != SC_FALSE)
            fail_msg("%s on a single value", op);
        /* proven absent (saml:aud): plain false (negated true), IfExists
         * true, ForAnyValue false, ForAllValues true */
        if (eval1(&c, o, "saml:aud", t[i].hit) != (t[i].negated ? SC_TRUE : SC_FALSE))
            fail_msg("%s on an absent key", o);
        if (eval1(&c, op, "saml:aud", t[i].hit) != SC_TRUE)
            fail_msg("%s on an absent key", op);
        snprintf(op, sizeof op, "ForAnyValue:%s", o);
        if (eval1(&c, op, "saml:aud", t[i].hit) != SC_FALSE)
            fail_msg("%s on an absent key", op);
        if (eval1(&c, op, t[i].multi_key, t[i].any_hit) != SC_TRUE)
            fail_msg("%s on a multivalued key", op);
        snprintf(op, sizeof op, "ForAnyValue:%sIfExists", o);
        if (eval1(&c, op, "saml:aud", t[i].hit) != SC_TRUE)
            fail_msg("%s on an absent key", op);
        snprintf(op, sizeof op, "ForAllValues:%s", o);
        if (eval1(&c, op, "saml:aud", t[i].hit) != SC_TRUE)
            fail_msg("%s on an absent key", op);
        /* every value must satisfy it: one matching value is not enough */
        if (eval1(&c, op, t[i].multi_key, t[i].any_hit) != SC_FALSE && !t[i].negated)
            fail_msg("%s with one of two values matching", op);
        if (t[i].all_hit && eval1(&c, op, t[i].multi_key, t[i].all_hit) != SC_TRUE)
            fail_msg("%s with every value matching", op);
        /* several values without a set operator: unknown */
        if (eval1(&c, o, t[i].multi_key, t[i].any_hit) != SC_UNKNOWN)
            fail_msg("%s on a multivalued key without a set operator", o);
    }
    sc_policy_ctx_clear(&c);
}

/* ---- policy variables ---- */

static void policy_variables__substituted(void **state)
{
    (void)state;
    sc_policy_ctx c;
    ctx_make(&c);
    char *out;
    sc_tri st;
    assert_int_equal(sc_policy_subst(&out, &st, "u-${saml:sub}-x", &c, 0), 0);
    assert_int_equal(st, SC_TRUE);
    assert_string_equal(out, "u-jdoe-x");
    free(out);
    assert_int_equal(sc_policy_subst(&out, &st, "${saml:aud, 'none'}", &c, 0), 0);
    assert_int_equal(st, SC_TRUE);
    assert_string_equal(out, "none");
    free(out);
    assert_int_equal(sc_policy_subst(&out, &st, "${saml:aud}", &c, 0), 0);
    assert_int_equal(st, SC_FALSE);
    free(out);
    assert_int_equal(sc_policy_subst(&out, &st, "${aws:SourceIp}", &c, 0), 0);
    assert_int_equal(st, SC_UNKNOWN);
    free(out);
    assert_int_equal(sc_policy_subst(&out, &st, "${saml:edupersonaffiliation}", &c, 0), 0);
    assert_int_equal(st, SC_UNKNOWN); /* multivalued keys are not variables */
    free(out);
    assert_int_equal(sc_policy_subst(&out, &st, "a${$}b${*}${?}", &c, 0), 0);
    assert_string_equal(out, "a$b*?");
    free(out);
    /* in a condition: ${*} is a literal asterisk for StringLike */
    assert_int_equal(eval1(&c, "StringLike", "saml:sub", "${saml:sub}"), SC_TRUE);
    assert_int_equal(eval1(&c, "StringLike", "saml:sub", "j${*}"), SC_FALSE);
    assert_int_equal(eval1(&c, "StringEquals", "saml:sub", "${SAML:SUB}"), SC_TRUE);
    /* Version 2008-10-17: taken literally */
    const char *v[] = {"${saml:sub}"};
    sc_pol_cond cc = cond_of("StringEquals", "saml:sub", v, 1);
    sc_cond_outcome o;
    assert_int_equal(sc_policy_cond_eval(&o, &cc, &c, 0), 0);
    assert_int_equal(o.result, SC_FALSE);
    sc_policy_ctx_clear(&c);
}

/* ---- the evaluator ---- */

static sc_policy_set read_policy(const char *text, samlcheck_report **r)
{
    sc_policy_set s;
    assert_int_equal(samlcheck_report_new(r, "t.json", "policy"), 0);
    assert_int_equal(sc_policy_read(&s, text, strlen(text), 0, *r, NULL), 0);
    assert_int_equal(s.n_roles, 1);
    assert_non_null(s.roles[0].doc);
    return s;
}

#define PROV "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
#define ALLOW_AUD                                                                                  \
    "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PROV "\"},"                            \
    "\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":{\"saml:sub\":"         \
    "\"jdoe\"}}}"

static sc_decision decide(const char *stmts, const char *action, const char *principal,
                          sc_policy_result *res)
{
    char text[4096];
    snprintf(text, sizeof text, "{\"Version\":\"2012-10-17\",\"Statement\":[%s]}", stmts);
    samlcheck_report *r;
    sc_policy_set s = read_policy(text, &r);
    sc_policy_ctx c;
    ctx_make(&c);
    assert_int_equal(sc_policy_evaluate(res, s.roles[0].doc, &c, action, principal), 0);
    sc_decision d = res->decision;
    /* the trace must not outlive the model: keep only the decision */
    sc_policy_result_clear(res);
    sc_policy_ctx_clear(&c);
    sc_policy_set_free(&s);
    samlcheck_report_free(r);
    return d;
}

static void evaluate__allow_deny_notaction_notprincipal(void **state)
{
    (void)state;
    sc_policy_result res;
    const char *saml = "sts:AssumeRoleWithSAML";
    assert_int_equal(decide(ALLOW_AUD, saml, PROV, &res), SC_DEC_ALLOW);
    /* another provider: implicit deny */
    assert_int_equal(decide(ALLOW_AUD, saml, PROV "2", &res), SC_DEC_IMPLICIT_DENY);
    /* provider names are compared exactly */
    assert_int_equal(
        decide(ALLOW_AUD, saml, "arn:aws:iam::123456789012:saml-provider/exampleidp", &res),
        SC_DEC_IMPLICIT_DENY);
    /* an explicit Deny wins */
    assert_int_equal(decide(ALLOW_AUD
                            ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}",
                            saml, PROV, &res),
                     SC_DEC_EXPLICIT_DENY);
    /* a Deny whose condition is false does not apply */
    assert_int_equal(decide(ALLOW_AUD ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\","
                                      "\"Condition\":{\"StringEquals\":{\"saml:sub\":\"eve\"}}}",
                            saml, PROV, &res),
                     SC_DEC_ALLOW);
    /* NotAction: everything but TagSession */
    const char *na = "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PROV "\"},"
                     "\"NotAction\":\"sts:TagSession\"}";
    assert_int_equal(decide(na, saml, PROV, &res), SC_DEC_ALLOW);
    assert_int_equal(decide(na, "sts:TagSession", PROV, &res), SC_DEC_IMPLICIT_DENY);
    /* NotPrincipal with Allow: everyone except the listed */
    const char *np = "{\"Effect\":\"Allow\",\"NotPrincipal\":{\"Federated\":\"" PROV "\"},"
                     "\"Action\":\"sts:*\"}";
    assert_int_equal(decide(np, saml, PROV, &res), SC_DEC_IMPLICIT_DENY);
    assert_int_equal(decide(np, saml, PROV "2", &res), SC_DEC_ALLOW);
    /* wildcard principal and action */
    assert_int_equal(decide("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\"}",
                            saml, PROV, &res),
                     SC_DEC_ALLOW);
    /* only an unevaluable condition: unknown, never an Allow */
    assert_int_equal(decide("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                            "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}",
                            saml, PROV, &res),
                     SC_DEC_UNKNOWN);
    /* an unevaluable Deny next to an Allow: allowed, flagged */
    char text[1024];
    snprintf(text, sizeof text, "{\"Version\":\"2012-10-17\",\"Statement\":[%s,%s]}", ALLOW_AUD,
             "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\","
             "\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"vpc-1\"}}}");
    samlcheck_report *r;
    sc_policy_set s = read_policy(text, &r);
    sc_policy_ctx c;
    ctx_make(&c);
    assert_int_equal(sc_policy_evaluate(&res, s.roles[0].doc, &c, saml, PROV), 0);
    assert_int_equal(res.decision, SC_DEC_ALLOW);
    assert_true(res.deny_unknown);
    assert_int_equal(res.n_trace, 2);
    assert_int_equal(res.trace[0].verdict, SC_ST_ALLOW);
    assert_int_equal(res.trace[1].verdict, SC_ST_UNKNOWN);
    assert_string_equal(res.trace[1].cond->key, "aws:SourceVpc");
    sc_policy_result_clear(&res);
    sc_policy_ctx_clear(&c);
    sc_policy_set_free(&s);
    samlcheck_report_free(r);
}

static void name_qualifier__d7_formula(void **state)
{
    (void)state;
    char nq[64];
    /* base64(SHA1("https://idp.example.com/saml" "123456789012" "/" "ExampleIdP")),
     * computed independently with Python's hashlib */
    assert_int_equal(sc_sts_name_qualifier(nq, sizeof nq, "https://idp.example.com/saml",
                                           "123456789012", "ExampleIdP"),
                     0);
    assert_string_equal(nq, "gVMfPykcwyJvL8k2pmXetypU/dY=");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pj__valid_document__tree_with_positions),
        cmocka_unit_test(pj__syntax_errors__line_and_column),
        cmocka_unit_test(pj__duplicate_keys_at_any_depth__each_reported),
        cmocka_unit_test(pj__characters_outside_iam_set__positions),
        cmocka_unit_test(pj__depth_and_size_limits__finding_not_crash),
        cmocka_unit_test(glob__iam_wildcards),
        cmocka_unit_test(edit_distance__bounded),
        cmocka_unit_test(op_parse__forms),
        cmocka_unit_test(string_ops__single_value),
        cmocka_unit_test(numeric_date_bool_ops__single_value),
        cmocka_unit_test(missing_key__iam_semantics),
        cmocka_unit_test(multivalued_key__set_operators),
        cmocka_unit_test(every_operator__forms_on_missing_single_multi),
        cmocka_unit_test(policy_variables__substituted),
        cmocka_unit_test(evaluate__allow_deny_notaction_notprincipal),
        cmocka_unit_test(name_qualifier__d7_formula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
