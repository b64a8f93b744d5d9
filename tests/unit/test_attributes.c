/* Unit tests of src/check/attributes.c (RULES.md D6, D7, 7.5-7.8 and
 * config/duration-out-of-range). The attribute list is built by hand with
 * NULL nodes, as the builder in src/xml/response.c would fill it. */
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
#include "check/attributes.h"
#include "check/sts_context.h"

#define A "https://aws.amazon.com/SAML/Attributes/"
#define ROLE1 "arn:aws:iam::123456789012:role/Developer"
#define ROLE2 "arn:aws:iam::123456789012:role/ReadOnly"
#define PROV "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
#define NOW 1748779200LL /* 2025-06-01T12:00:00Z */

#define MAXA 64
#define MAXV 64

typedef struct bld {
    sc_attr a[MAXA];
    sc_attr_value v[MAXA][MAXV];
    sc_attrs attrs;
    char *owned[512];
    size_t nowned;
    samlcheck_options opts;
    samlcheck_report *r;
    json_t *summary;
    sc_aws_claims claims;  /* sc_aws_claims_read of the same attributes */
    int n_roles;           /* summary rows with status "ok" */
    long session_duration; /* the summary's valid SessionDuration, or -1 */
} bld;

static int setup(void **state)
{
    bld *b = calloc(1, sizeof *b);
    assert_non_null(b);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    b->opts = o;
    b->opts.now = NOW;
    b->attrs.v = b->a;
    *state = b;
    return 0;
}

static int teardown(void **state)
{
    bld *b = *state;
    for (size_t i = 0; i < b->nowned; i++)
        free(b->owned[i]);
    samlcheck_report_free(b->r);
    json_decref(b->summary);
    free(b);
    return 0;
}

static const char *own(bld *b, char *s)
{
    assert_non_null(s);
    assert_true(b->nowned < 512);
    b->owned[b->nowned++] = s;
    return s;
}

/* c repeated n times */
static const char *rep(bld *b, char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return own(b, s);
}

static const char *cat(bld *b, const char *x, const char *y)
{
    size_t n = strlen(x) + strlen(y) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s", x, y);
    return own(b, s);
}

/* Add an attribute with the given values (NULL-terminated list). */
static sc_attr *add(bld *b, const char *name, ...)
{
    assert_true(b->attrs.n < MAXA);
    size_t i = b->attrs.n++;
    sc_attr *a = &b->a[i];
    memset(a, 0, sizeof *a);
    a->name = (char *)name;
    a->values = b->v[i];
    va_list ap;
    va_start(ap, name);
    const char *s;
    while ((s = va_arg(ap, const char *)) != NULL) {
        assert_true(a->n_values < MAXV);
        sc_attr_value *v = &a->values[a->n_values++];
        memset(v, 0, sizeof *v);
        v->text = (char *)s;
    }
    va_end(ap);
    return a;
}

static void base_ok(bld *b)
{
    add(b, A "Role", ROLE1 "," PROV, ROLE2 "," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    add(b, A "SessionDuration", "3600", NULL);
}

static void run(bld *b, long long snooa)
{
    samlcheck_report_free(b->r);
    json_decref(b->summary);
    assert_int_equal(samlcheck_report_new(&b->r, "t.xml", "response"), 0);
    b->summary = json_object();
    assert_int_equal(sc_check_aws_attributes(&b->attrs, snooa, &b->opts, b->r, b->summary), 0);
    sc_aws_claims_read(&b->claims, &b->attrs);
    b->n_roles = 0;
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(b->summary, "roles"), i, row)
    {
        const char *st = json_string_value(json_object_get(row, "status"));
        b->n_roles += st && strcmp(st, "ok") == 0;
    }
    json_t *sd = json_object_get(b->summary, "session_duration");
    b->session_duration =
        json_is_integer(sd) && json_integer_value(sd) >= 900 && json_integer_value(sd) <= 43200
            ? (long)json_integer_value(sd)
            : -1;
}

static const char *sev_name(samlcheck_severity s)
{
    return s == SAMLCHECK_SEV_ERROR ? "error" : s == SAMLCHECK_SEV_WARNING ? "warning" : "info";
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The set of "rule severity" lines equals @p want (NULL-terminated). */
static void expect_set(bld *b, ...)
{
    char got[128][96];
    const char *g[128], *w[128];
    size_t ng = 0, nw = 0;
    for (size_t i = 0; i < samlcheck_report_count(b->r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(b->r, i);
        char line[96];
        snprintf(line, sizeof line, "%s %s", f->rule, sev_name(f->severity));
        int dup = 0;
        for (size_t j = 0; j < ng; j++)
            dup |= !strcmp(g[j], line);
        if (!dup && ng < 128) {
            snprintf(got[ng], sizeof got[ng], "%s", line);
            g[ng] = got[ng];
            ng++;
        }
    }
    va_list ap;
    va_start(ap, b);
    const char *s;
    while ((s = va_arg(ap, const char *)) != NULL && nw < 128)
        w[nw++] = s;
    va_end(ap);
    qsort(g, ng, sizeof *g, cmp_str);
    qsort(w, nw, sizeof *w, cmp_str);
    char gs[4096] = "", ws[4096] = "";
    for (size_t i = 0; i < ng; i++)
        snprintf(gs + strlen(gs), sizeof gs - strlen(gs), "%s|", g[i]);
    for (size_t i = 0; i < nw; i++)
        snprintf(ws + strlen(ws), sizeof ws - strlen(ws), "%s|", w[i]);
    if (strcmp(gs, ws) != 0) {
        for (size_t i = 0; i < samlcheck_report_count(b->r); i++)
            print_message("  %s: %s\n", samlcheck_report_at(b->r, i)->rule,
                          samlcheck_report_at(b->r, i)->message);
    }
    assert_string_equal(gs, ws);
}

static size_t count(bld *b, const char *rule, samlcheck_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(b->r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(b->r, i);
        n += !strcmp(f->rule, rule) && f->severity == sev;
    }
    return n;
}

static const char *msg_of(bld *b, const char *rule)
{
    for (size_t i = 0; i < samlcheck_report_count(b->r); i++)
        if (!strcmp(samlcheck_report_at(b->r, i)->rule, rule))
            return samlcheck_report_at(b->r, i)->message;
    fail_msg("no finding %s", rule);
    return "";
}

/* ---- clean input ---- */

static void ok_response__no_findings__summary_and_claims(void **state)
{
    bld *b = *state;
    base_ok(b);
    run(b, 0);
    expect_set(b, NULL);
    assert_string_equal(b->claims.partition, "aws");
    assert_int_equal(b->n_roles, 2);
    assert_int_equal(b->session_duration, 3600);
    assert_false(b->claims.has_tags);
    json_t *roles = json_object_get(b->summary, "roles");
    assert_int_equal(json_array_size(roles), 2);
    json_t *row = json_array_get(roles, 1);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")), ROLE2);
    assert_string_equal(json_string_value(json_object_get(row, "provider_arn")), PROV);
    assert_string_equal(json_string_value(json_object_get(row, "account")), "123456789012");
    const char *k;
    json_t *v;
    const char *order[] = {"role_arn", "provider_arn", "account", "status"};
    size_t i = 0;
    json_object_foreach(row, k, v) assert_string_equal(k, order[i++]);
    assert_string_equal(json_string_value(json_object_get(b->summary, "session_name")), "jdoe");
    assert_int_equal(json_integer_value(json_object_get(b->summary, "session_duration")), 3600);
    assert_null(json_object_get(b->summary, "tags"));
    assert_null(json_object_get(b->summary, "source_identity"));
}

/* sc_aws_claims_read: the partition the Role values share, or none when
 * they disagree (the Recipient check then skips its partition test). */
static void claims_read__partitions_agree_or_mixed(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 "," PROV,
        "arn:aws-cn:iam::123456789012:role/R,"
        "arn:aws-cn:iam::123456789012:saml-provider/P",
        NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    assert_string_equal(b->claims.partition, "");
    assert_true(b->claims.partition_mixed);
    b->attrs.n = 0;
    add(b, A "Role",
        "arn:aws-us-gov:iam::123456789012:saml-provider/P,"
        "arn:aws-us-gov:iam::123456789012:role/R",
        NULL);
    add(b, A "PrincipalTag:team", "x", NULL);
    add(b, A "SourceIdentity", "alice", NULL);
    run(b, 0);
    assert_string_equal(b->claims.partition, "aws-us-gov");
    assert_false(b->claims.partition_mixed);
    assert_true(b->claims.has_tags);
    assert_true(b->claims.has_source_identity);
}

static void null_attrs_and_summary__role_and_session_name_missing(void **state)
{
    bld *b = *state;
    samlcheck_report *r = NULL;
    sc_aws_claims c;
    assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
    assert_int_equal(sc_check_aws_attributes(NULL, 0, &b->opts, r, NULL), 0);
    sc_aws_claims_read(&c, NULL);
    assert_int_equal(samlcheck_report_count(r), 2);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "response/role-missing");
    assert_string_equal(samlcheck_report_at(r, 1)->rule, "response/session-name-missing");
    assert_string_equal(c.partition, "");
    assert_false(c.has_tags || c.has_source_identity || c.partition_mixed);
    samlcheck_report_free(r);
}

/* ---- 7.5 Role ---- */

static void role_missing__no_attribute__error(void **state)
{
    bld *b = *state;
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-missing error", NULL);
    assert_null(json_object_get(b->summary, "roles"));
    assert_string_equal(b->claims.partition, "");
}

static void role_missing__no_values__error(void **state)
{
    bld *b = *state;
    add(b, A "Role", NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-missing error", NULL);
}

static void role_format__provider_first__accepted(void **state)
{
    bld *b = *state;
    add(b, A "Role", PROV "," ROLE1, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, NULL);
    json_t *row = json_array_get(json_object_get(b->summary, "roles"), 0);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")), ROLE1);
    assert_string_equal(json_string_value(json_object_get(row, "provider_arn")), PROV);
    assert_int_equal(b->n_roles, 1);
}

static void role_format__duplicate_pair_either_order__warning(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 "," PROV, PROV "," ROLE1, ROLE2 "," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-format warning", NULL);
    assert_int_equal(count(b, "response/role-format", SAMLCHECK_SEV_WARNING), 1);
}

static void role_format__malformed_values__each_error(void **state)
{
    const char *bad[] = {
        "",        ROLE1,         ROLE1 "," PROV "," ROLE2, ROLE1 "," ROLE2, PROV "," PROV,
        "foo,bar", ROLE1 ";" PROV};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bld *b = *state;
        b->attrs.n = 0;
        add(b, A "Role", bad[i], NULL);
        add(b, A "RoleSessionName", "jdoe", NULL);
        run(b, 0);
        expect_set(b, "response/role-format error", NULL);
        assert_int_equal(b->n_roles, 0);
    }
}

static void role_format__xsi_nil__error(void **state)
{
    bld *b = *state;
    sc_attr *a = add(b, A "Role", "", NULL);
    a->values[0].nil = 1;
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-format error", NULL);
    assert_non_null(strstr(msg_of(b, "response/role-format"), "xsi:nil"));
}

static void role_whitespace__each_invisible__only_role_whitespace(void **state)
{
    const char *bad[] = {
        "\n    " ROLE1 "," PROV "\n",  /* pretty-printed */
        ROLE1 ", " PROV,               /* space after the comma */
        ROLE1 ",\xC2\xA0" PROV,        /* NBSP */
        ROLE1 "\xE2\x80\x8B," PROV,    /* zero-width space */
        "\t" ROLE1 "," PROV,           /* tab */
        ROLE1 "," PROV "\xC2\x85",     /* C1 control NEL */
        ROLE1 "," PROV "\x7F",         /* DEL */
        "\xEF\xBB\xBF" ROLE1 "," PROV, /* BOM inside */
    };
    const char *cp[] = {"U+000A at offset 0",
                        "U+0020 at offset 41",
                        "U+00A0 at offset 41",
                        "U+200B at offset 40",
                        "U+0009 at offset 0",
                        "U+0085",
                        "U+007F",
                        "U+FEFF at offset 0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bld *b = *state;
        b->attrs.n = 0;
        add(b, A "Role", bad[i], NULL);
        add(b, A "RoleSessionName", "jdoe", NULL);
        run(b, 0);
        expect_set(b, "response/role-whitespace error", NULL);
        assert_int_equal(count(b, "response/role-whitespace", SAMLCHECK_SEV_ERROR), 1);
        assert_non_null(strstr(msg_of(b, "response/role-whitespace"), cp[i]));
    }
}

static void role_arn_invalid__comma_in_name__warning_and_split_right(void **state)
{
    bld *b = *state;
    add(b, A "Role", "arn:aws:iam::123456789012:role/Dev,Ops," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-arn-invalid warning", NULL);
    json_t *row = json_array_get(json_object_get(b->summary, "roles"), 0);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")),
                        "arn:aws:iam::123456789012:role/Dev,Ops");
    assert_int_equal(b->n_roles, 1);
}

static void role_arn_invalid__defects__error(void **state)
{
    const char *bad[] = {
        "arn:aws:iam::12345678901:role/Dev",
        "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_abc",
        "arn:aws:iam::123456789012:Role/Dev",
        "arn:aws:iam::123456789012:role/Dev*",
        "arn:aws:iam:us-east-1:123456789012:role/Dev",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bld *b = *state;
        b->attrs.n = 0;
        add(b, A "Role", cat(b, cat(b, bad[i], ","), PROV), NULL);
        add(b, A "RoleSessionName", "jdoe", NULL);
        run(b, 0);
        expect_set(b, "response/role-arn-invalid error", NULL);
        assert_int_equal(b->n_roles, 0);
    }
}

static void role_arn_invalid__unknown_partition__warnings(void **state)
{
    bld *b = *state;
    add(b, A "Role",
        "arn:aws-iso:iam::123456789012:role/Dev,arn:aws-iso:iam::123456789012:saml-provider/P",
        NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-arn-invalid warning", "response/provider-arn-invalid warning",
               NULL);
    assert_string_equal(b->claims.partition, ""); /* not a known partition */
}

static void provider_arn_invalid__prose_chars_warning_path_error(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 ",arn:aws:iam::123456789012:saml-provider/my@idp", NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/provider-arn-invalid warning", NULL);
    b->attrs.n = 0;
    add(b, A "Role", ROLE1 ",arn:aws:iam::123456789012:saml-provider/corp/Okta", NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/provider-arn-invalid error", NULL);
}

static void provider_mismatch__expected_provider_case_only__error_called_out(void **state)
{
    bld *b = *state;
    base_ok(b);
    b->opts.provider_arn = "arn:aws:iam::123456789012:saml-provider/exampleidp";
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", NULL);
    assert_non_null(strstr(msg_of(b, "response/provider-mismatch"), "letter case"));
    b->opts.provider_arn = PROV;
    run(b, 0);
    expect_set(b, NULL);
}

static void provider_mismatch__partition_error_account_warning(void **state)
{
    bld *b = *state;
    add(b, A "Role", "arn:aws-us-gov:iam::123456789012:role/Dev," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", NULL);
    b->attrs.n = 0;
    add(b, A "Role", "arn:aws:iam::210987654321:role/Dev," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/provider-mismatch warning", NULL);
}

static void role_not_offered__exact_case_provider_absent(void **state)
{
    bld *b = *state;
    base_ok(b);
    b->opts.role_arn = ROLE2;
    run(b, 0);
    expect_set(b, NULL);
    b->opts.role_arn = "arn:aws:iam::123456789012:role/readonly";
    run(b, 0);
    expect_set(b, "response/role-not-offered error", NULL);
    assert_non_null(strstr(msg_of(b, "response/role-not-offered"), "letter case"));
    b->opts.role_arn = "arn:aws:iam::123456789012:role/Admin";
    run(b, 0);
    expect_set(b, "response/role-not-offered error", NULL);
    b->opts.role_arn = ROLE1;
    b->opts.provider_arn = "arn:aws:iam::123456789012:saml-provider/Other";
    run(b, 0);
    expect_set(b, "response/role-not-offered error", "response/provider-mismatch error", NULL);
    assert_non_null(strstr(msg_of(b, "response/role-not-offered"), "only with provider"));
}

/* Issue 7 item 1 / RULES.md 0.2 provider-mismatch (a): a Role claim over
 * three accounts, each with its own saml-provider/ExampleIdP. */
#define MA(acct, role)                                                                             \
    "arn:aws:iam::" acct ":role/" role ",arn:aws:iam::" acct ":saml-provider/ExampleIdP"
static void provider_mismatch__multi_account__only_postable_pairs_compared(void **state)
{
    bld *b = *state;
    add(b, A "Role", MA("111111111111", "Admin"), MA("111111111111", "Dev"),
        MA("222222222222", "Admin"), MA("222222222222", "Dev"), MA("123456789012", "Ops"), NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    b->opts.provider_arn = "arn:aws:iam::222222222222:saml-provider/ExampleIdP";
    run(b, 0);
    expect_set(b, NULL);
    b->opts.role_arn = "arn:aws:iam::222222222222:role/Dev";
    run(b, 0);
    expect_set(b, NULL);
    /* a provider in no offered account: nothing can be posted to it */
    b->opts.role_arn = NULL;
    b->opts.provider_arn = "arn:aws:iam::999999999999:saml-provider/ExampleIdP";
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", NULL);
    assert_non_null(strstr(msg_of(b, "response/provider-mismatch"), "none of the 5"));
}

/* The attack twin: a wrong provider in the provider's own account. */
static void provider_mismatch__wrong_provider_same_account__error(void **state)
{
    bld *b = *state;
    add(b, A "Role", MA("111111111111", "Admin"),
        "arn:aws:iam::222222222222:role/Admin,arn:aws:iam::222222222222:saml-provider/Evil",
        MA("222222222222", "Dev"), NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    b->opts.provider_arn = "arn:aws:iam::222222222222:saml-provider/ExampleIdP";
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", NULL);
    assert_int_equal(count(b, "response/provider-mismatch", SAMLCHECK_SEV_ERROR), 1);
    b->opts.role_arn = "arn:aws:iam::222222222222:role/Admin";
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", "response/role-not-offered error", NULL);
    /* --role-arn of a clean pair: only that pair is compared */
    b->opts.role_arn = "arn:aws:iam::222222222222:role/Dev";
    run(b, 0);
    expect_set(b, NULL);
    /* the role offered twice, once with the expected provider: that pair
     * is the one posted, the other is not compared */
    b->attrs.n = 0;
    add(b, A "Role",
        "arn:aws:iam::222222222222:role/Admin,arn:aws:iam::222222222222:saml-provider/Evil",
        MA("222222222222", "Admin"), NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    b->opts.role_arn = "arn:aws:iam::222222222222:role/Admin";
    run(b, 0);
    expect_set(b, NULL);
    /* without --role-arn both are in the provider's account: compared */
    b->opts.role_arn = NULL;
    run(b, 0);
    expect_set(b, "response/provider-mismatch error", NULL);
}

/* Issue 7 item 12: malformed Role values still appear in the Roles table,
 * as sent, with a status saying why they are unusable. */
static void roles_summary__malformed_values__shown_as_sent(void **state)
{
    bld *b = *state;
    add(b, A "Role", "\n  " ROLE1 "," PROV "\n", "\n  " ROLE2 "," PROV "\n", NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    expect_set(b, "response/role-whitespace error", NULL);
    json_t *roles = json_object_get(b->summary, "roles");
    assert_int_equal(json_array_size(roles), 2);
    json_t *row = json_array_get(roles, 1);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")), "\n  " ROLE2);
    assert_string_equal(json_string_value(json_object_get(row, "provider_arn")), PROV "\n");
    assert_string_equal(json_string_value(json_object_get(row, "account")), "123456789012");
    assert_string_equal(json_string_value(json_object_get(row, "status")), "whitespace");

    b->attrs.n = 0;
    add(b, A "Role", PROV "," ROLE1, ROLE1, "arn:aws:iam::12345:role/X," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    run(b, 0);
    roles = json_object_get(b->summary, "roles");
    assert_int_equal(json_array_size(roles), 3);
    row = json_array_get(roles, 0);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")), ROLE1);
    assert_string_equal(json_string_value(json_object_get(row, "status")), "ok");
    row = json_array_get(roles, 1);
    assert_string_equal(json_string_value(json_object_get(row, "role_arn")), ROLE1);
    assert_true(json_is_null(json_object_get(row, "provider_arn")));
    assert_string_equal(json_string_value(json_object_get(row, "status")), "malformed");
    row = json_array_get(roles, 2);
    assert_string_equal(json_string_value(json_object_get(row, "status")), "invalid ARN");
}

/* ---- 7.6 ---- */

static void session_name__valid_and_boundaries(void **state)
{
    bld *b = *state;
    const char *good[] = {"ab", "john.doe@example.com", "a_b+c=d,e.f@g-h", NULL};
    good[3] = rep(b, 'x', 64);
    for (size_t i = 0; i < 4; i++) {
        b->attrs.n = 0;
        add(b, A "Role", ROLE1 "," PROV, NULL);
        add(b, A "RoleSessionName", good[i], NULL);
        run(b, 0);
        expect_set(b, NULL);
    }
}

static void session_name__invalid_values__error(void **state)
{
    bld *b = *state;
    const char *bad[] = {"John Doe", "J\xC3\xBCrgen", "a", "\njdoe\n", "", NULL};
    const char *why[] = {"(a space)", "U+00FC", "1 character", "U+000A", "0 characters", "65"};
    bad[5] = rep(b, 'x', 65);
    for (size_t i = 0; i < 6; i++) {
        b->attrs.n = 0;
        add(b, A "Role", ROLE1 "," PROV, NULL);
        add(b, A "RoleSessionName", bad[i], NULL);
        run(b, 0);
        expect_set(b, "response/session-name-invalid error", NULL);
        assert_non_null(strstr(msg_of(b, "response/session-name-invalid"), why[i]));
    }
    /* Jürgen is 6 characters although 7 bytes: only the character is wrong */
    b->attrs.n = 0;
    add(b, A "Role", ROLE1 "," PROV, NULL);
    add(b, A "RoleSessionName", "J\xC3\xBCrgen", NULL);
    run(b, 0);
    assert_null(strstr(msg_of(b, "response/session-name-invalid"), "long"));
}

static void session_name__two_values__error_and_missing_cases(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 "," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", "jsmith", NULL);
    run(b, 0);
    expect_set(b, "response/session-name-invalid error", NULL);
    b->attrs.n = 0;
    add(b, A "Role", ROLE1 "," PROV, NULL);
    add(b, A "RoleSessionName", NULL);
    run(b, 0);
    expect_set(b, "response/session-name-missing error", NULL);
}

static void source_identity__prefix_pattern_count(void **state)
{
    bld *b = *state;
    const char *vals[] = {"AWS:alice", "John Doe", "alice", "aws:"};
    const char *want[] = {"response/source-identity-invalid error",
                          "response/source-identity-invalid error", NULL,
                          "response/source-identity-invalid error"};
    for (size_t i = 0; i < 4; i++) {
        b->attrs.n = 0;
        base_ok(b);
        add(b, A "SourceIdentity", vals[i], NULL);
        run(b, 0);
        expect_set(b, want[i], NULL);
        assert_true(b->claims.has_source_identity);
    }
    run(b, 0);
    assert_non_null(strstr(msg_of(b, "response/source-identity-invalid"), "reserved prefix"));
    b->attrs.n = 0;
    base_ok(b);
    add(b, A "SourceIdentity", "alice", "bob", NULL);
    run(b, 0);
    expect_set(b, "response/source-identity-invalid error", NULL);
    b->attrs.n = 0;
    base_ok(b);
    add(b, A "SourceIdentity", "alice", NULL);
    run(b, 0);
    assert_string_equal(json_string_value(json_object_get(b->summary, "source_identity")), "alice");
}

static void session_duration__boundaries_and_syntax(void **state)
{
    const char *vals[] = {"900",   "43200", "899",    "43201", "3600 ",
                          "+3600", "1e3",   "3600.0", "",      "99999999999999999999",
                          "0900"};
    const int bad[] = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        bld *b = *state;
        b->attrs.n = 0;
        add(b, A "Role", ROLE1 "," PROV, NULL);
        add(b, A "RoleSessionName", "jdoe", NULL);
        add(b, A "SessionDuration", vals[i], NULL);
        run(b, 0);
        if (bad[i]) {
            expect_set(b, "response/session-duration error", NULL);
            assert_int_equal(b->session_duration, -1);
        } else {
            expect_set(b, NULL);
            assert_true(b->session_duration >= 900);
        }
    }
}

static void session_duration__two_values__error(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 "," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    add(b, A "SessionDuration", "3600", "7200", NULL);
    run(b, 0);
    expect_set(b, "response/session-duration error", NULL);
}

static void duration_exceeds_max__role_default_and_explicit(void **state)
{
    bld *b = *state;
    add(b, A "Role", ROLE1 "," PROV, NULL);
    add(b, A "RoleSessionName", "jdoe", NULL);
    add(b, A "SessionDuration", "7200", NULL);
    run(b, 0);
    expect_set(b, NULL); /* no role chosen: nothing to compare */
    b->opts.role_arn = ROLE1;
    run(b, 0);
    expect_set(b, "response/duration-exceeds-max warning", NULL);
    b->opts.max_session_duration = 7200;
    run(b, 0);
    expect_set(b, NULL);
    b->opts.role_arn = NULL;
    b->opts.max_session_duration = 3600;
    run(b, 0);
    expect_set(b, "response/duration-exceeds-max warning", NULL);
}

static void duration_exceeds_max__session_not_on_or_after_shorter__info(void **state)
{
    bld *b = *state;
    base_ok(b); /* SessionDuration 3600 */
    run(b, NOW + 1800);
    expect_set(b, "response/duration-exceeds-max info", NULL);
    run(b, NOW + 3600);
    expect_set(b, NULL);
    run(b, NOW - 10); /* already past: response/expired's business */
    expect_set(b, NULL);
}

static void config_duration_out_of_range__range_and_max(void **state)
{
    bld *b = *state;
    base_ok(b);
    const long d[] = {899, 900, 3600, 3601, 43200, 43201};
    const long mx[] = {-1, -1, -1, -1, 43200, 43200};
    const int bad[] = {1, 0, 0, 1, 0, 1};
    for (size_t i = 0; i < 6; i++) {
        b->opts.duration = d[i];
        b->opts.max_session_duration = mx[i];
        run(b, 0);
        if (bad[i])
            expect_set(b, "config/duration-out-of-range error", NULL);
        else
            expect_set(b, NULL);
    }
}

/* ---- 7.7 tags ---- */

static void principal_tags__valid_unicode_and_space__accepted(void **state)
{
    bld *b = *state;
    base_ok(b);
    add(b, A "PrincipalTag:Department", "R&D", NULL); /* '&' is not allowed */
    add(b, A "PrincipalTag:Cost Center", "Z\xC3\xBCrich \xE6\x9D\xB1\xE4\xBA\xAC 42", NULL);
    add(b, A "PrincipalTag:team", "", NULL);
    add(b, A "TransitiveTagKeys", "Department", "cost center", NULL);
    run(b, 0);
    expect_set(b, "response/principal-tags error", NULL);
    assert_int_equal(count(b, "response/principal-tags", SAMLCHECK_SEV_ERROR), 1);
    assert_non_null(strstr(msg_of(b, "response/principal-tags"), "U+0026"));
    assert_true(b->claims.has_tags);
    json_t *tags = json_object_get(b->summary, "tags");
    assert_int_equal(json_array_size(tags), 3);
    json_t *t1 = json_array_get(tags, 1);
    assert_string_equal(json_string_value(json_object_get(t1, "key")), "Cost Center");
    assert_true(json_is_true(json_object_get(t1, "transitive")));
    assert_true(json_is_false(json_object_get(json_array_get(tags, 2), "transitive")));
}

static void principal_tags__key_and_value_lengths(void **state)
{
    bld *b = *state;
    base_ok(b);
    add(b, cat(b, A "PrincipalTag:", rep(b, 'k', 128)), rep(b, 'v', 256), NULL);
    run(b, 0);
    expect_set(b, NULL);
    b->attrs.n = 0;
    base_ok(b);
    add(b, cat(b, A "PrincipalTag:", rep(b, 'k', 129)), "v", NULL);
    add(b, A "PrincipalTag:x", rep(b, 'v', 257), NULL);
    run(b, 0);
    expect_set(b, "response/principal-tags error", NULL);
    assert_int_equal(count(b, "response/principal-tags", SAMLCHECK_SEV_ERROR), 2);
}

static void principal_tags__each_check__error(void **state)
{
    bld *b = *state;
    base_ok(b);
    add(b, A "PrincipalTag:", "v", NULL);           /* 1 empty key */
    add(b, A "PrincipalTag:aws:team", "v", NULL);   /* 2 reserved key */
    add(b, A "PrincipalTag:multi", "a", "b", NULL); /* 3 two values */
    add(b, A "PrincipalTag:none", NULL);            /* 3 no value */
    add(b, A "PrincipalTag:tab", "a\tb", NULL);     /* 4 tab */
    add(b, A "PrincipalTag:pfx", "AWS:x", NULL);    /* 5 reserved value */
    add(b, A "PrincipalTag:Dept", "a", NULL);
    add(b, A "PrincipalTag:dept", "b", NULL); /* 7 case-duplicate */
    run(b, 0);
    expect_set(b, "response/principal-tags error", NULL);
    assert_int_equal(count(b, "response/principal-tags", SAMLCHECK_SEV_ERROR), 7);
}

static void principal_tags__50_ok_51_error(void **state)
{
    bld *b = *state;
    base_ok(b);
    char name[80];
    for (int i = 0; i < 50; i++) {
        snprintf(name, sizeof name, A "PrincipalTag:k%d", i);
        add(b, own(b, strdup(name)), "v", NULL);
    }
    run(b, 0);
    expect_set(b, NULL);
    add(b, A "PrincipalTag:k50", "v", NULL);
    run(b, 0);
    expect_set(b, "response/principal-tags error", NULL);
    assert_int_equal(count(b, "response/principal-tags", SAMLCHECK_SEV_ERROR), 1);
}

static void principal_tags__packed_over_4k__info(void **state)
{
    bld *b = *state;
    base_ok(b);
    char name[80];
    for (int i = 0; i < 17; i++) {
        snprintf(name, sizeof name, A "PrincipalTag:k%d", i);
        add(b, own(b, strdup(name)), rep(b, 'v', 250), NULL);
    }
    run(b, 0);
    expect_set(b, "response/principal-tags info", NULL);
}

static void transitive_tag_keys__missing_duplicate_invalid_too_many(void **state)
{
    bld *b = *state;
    base_ok(b);
    add(b, A "PrincipalTag:Dept", "eng", NULL);
    add(b, A "TransitiveTagKeys", "Dept", "Nope", "dept", NULL);
    run(b, 0);
    expect_set(b, "response/transitive-tag-keys warning", NULL);
    assert_int_equal(count(b, "response/transitive-tag-keys", SAMLCHECK_SEV_WARNING), 2);
    b->attrs.n = 0;
    base_ok(b);
    add(b, A "PrincipalTag:Dept", "eng", NULL);
    add(b, A "TransitiveTagKeys", "aws:Dept", "", "a\nb", NULL);
    run(b, 0);
    expect_set(b, "response/transitive-tag-keys error", NULL);
    assert_int_equal(count(b, "response/transitive-tag-keys", SAMLCHECK_SEV_ERROR), 3);
    b->attrs.n = 0;
    base_ok(b);
    add(b, A "PrincipalTag:Dept", "eng", NULL);
    sc_attr *t = add(b, A "TransitiveTagKeys", NULL);
    for (int i = 0; i < 51; i++)
        t->values[t->n_values++] = (sc_attr_value){(char *)"Dept", NULL, 0, 0, NULL, 0};
    run(b, 0);
    assert_int_equal(count(b, "response/transitive-tag-keys", SAMLCHECK_SEV_ERROR), 1);
}

/* ---- 7.8 ---- */

static void attribute_near_miss__each_variant__warning(void **state)
{
    const char *names[] = {
        "https://aws.amazon.com/SAML/Attributes/role",
        "http://aws.amazon.com/SAML/Attributes/Role",
        "https://aws.amazon.com/SAML/Attributes/Role/",
        " https://aws.amazon.com/SAML/Attributes/Role",
        "https://aws.amazon.com/SAML/Attributes/Role\n",
        "https://www.aws.amazon.com/SAML/Attributes/Role",
        "https://aws.amazon.com/Role",
        "https://aws.amazon.com/SAML/Attributes/rolesessionname",
        "https://aws.amazon.com/saml/attributes/PrincipalTag:Dept",
        "HTTPS://AWS.AMAZON.COM/SAML/ATTRIBUTES/SESSIONDURATION",
    };
    const char *why[] = {"letter case", "http://", "trailing",    "whitespace",  "whitespace",
                         "www.",        "segment", "letter case", "letter case", "letter case"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        bld *b = *state;
        b->attrs.n = 0;
        base_ok(b);
        add(b, names[i], "x", NULL);
        run(b, 0);
        expect_set(b, "response/attribute-near-miss warning", NULL);
        assert_non_null(strstr(msg_of(b, "response/attribute-near-miss"), why[i]));
    }
}

static void attribute_near_miss__friendly_name_and_non_matches(void **state)
{
    bld *b = *state;
    base_ok(b);
    sc_attr *a = add(b, "urn:oid:1.2.3.4", "x", NULL);
    a->friendly_name = (char *)"RoleSessionName";
    run(b, 0);
    expect_set(b, "response/attribute-near-miss warning", NULL);
    /* correct Name with matching FriendlyName, and unrelated attributes: nothing */
    b->attrs.n = 0;
    base_ok(b);
    b->a[0].friendly_name = (char *)"Role";
    add(b, "https://aws.amazon.com/SAML/Attributes/Email", "x", NULL);
    add(b, "https://example.com/SAML/Attributes/Role", "x", NULL);
    add(b, "memberOf", "x", NULL);
    run(b, 0);
    expect_set(b, NULL);
    b->a[0].friendly_name = NULL;
}

static void attribute_duplicate__d6_and_d7(void **state)
{
    bld *b = *state;
    base_ok(b);
    add(b, A "Role", ROLE2 "," PROV, NULL); /* second Role element, pair repeated */
    add(b, "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "a@b.c", NULL);
    add(b, "urn:oid:0.9.2342.19200300100.1.3", "a@b.c", NULL); /* also saml:mail */
    add(b, "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "x", NULL);     /* alone: fine */
    run(b, 0);
    expect_set(b, "response/attribute-duplicate warning", "response/role-format warning", NULL);
    assert_int_equal(count(b, "response/attribute-duplicate", SAMLCHECK_SEV_WARNING), 2);
    assert_string_equal(sc_attr_context_key("urn:oid:1.3.6.1.4.1.5923.1.1.1.1"),
                        "edupersonaffiliation");
    assert_null(sc_attr_context_key("memberOf"));
    assert_null(sc_attr_context_key(NULL));
}

static void nameid_comment__ambiguous_values__reported_not_used(void **state)
{
    bld *b = *state;
    sc_attr *role =
        add(b, A "Role", ROLE1 "," PROV, "arn:aws:iam::123456789012:role/Admin," PROV, NULL);
    role->values[1].ambiguous = 1;
    role->values[1].first_text = (char *)"arn:aws:iam::123456789012:role/Admin";
    sc_attr *rsn = add(b, A "RoleSessionName", "jdoe.evil", NULL);
    rsn->values[0].ambiguous = 1;
    rsn->values[0].first_text = (char *)"jdoe";
    sc_attr *mail = add(b, "urn:oid:0.9.2342.19200300100.1.3", "a@b.c", NULL);
    mail->values[0].ambiguous = 1;
    sc_attr *other = add(b, "memberOf", "x", NULL);
    other->values[0].ambiguous = 1; /* not an AWS or D7 attribute */
    b->opts.role_arn = "arn:aws:iam::123456789012:role/Admin";
    run(b, 0);
    expect_set(b, "response/nameid-comment error", "response/role-not-offered error", NULL);
    assert_int_equal(count(b, "response/nameid-comment", SAMLCHECK_SEV_ERROR), 3);
    const char *m = msg_of(b, "response/nameid-comment");
    assert_non_null(strstr(m, "\"arn:aws:iam::123456789012:role/Admin\""));
    assert_non_null(strstr(m, "role/Admin,arn:aws"));
    /* shown in the Roles table, marked unusable (issue 7 item 12) */
    json_t *roles = json_object_get(b->summary, "roles");
    assert_int_equal(json_array_size(roles), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(roles, 0), "status")),
                        "ok");
    assert_string_equal(json_string_value(json_object_get(json_array_get(roles, 1), "status")),
                        "ambiguous");
    assert_int_equal(b->n_roles, 1);
    assert_null(json_object_get(b->summary, "session_name"));
}

static void lzn__ascii_latin1_and_scripts(void **state)
{
    (void)state;
    assert_true(sc_attr_is_lzn('a'));
    assert_true(sc_attr_is_lzn('9'));
    assert_true(sc_attr_is_lzn(' '));
    assert_false(sc_attr_is_lzn('\t'));
    assert_false(sc_attr_is_lzn('&'));
    assert_true(sc_attr_is_lzn(0xA0));    /* NBSP is Zs */
    assert_true(sc_attr_is_lzn(0xE9));    /* é */
    assert_false(sc_attr_is_lzn(0xD7));   /* × */
    assert_false(sc_attr_is_lzn(0xF7));   /* ÷ */
    assert_true(sc_attr_is_lzn(0xB2));    /* ² is No */
    assert_false(sc_attr_is_lzn(0xA9));   /* © */
    assert_true(sc_attr_is_lzn(0x0416));  /* Ж */
    assert_true(sc_attr_is_lzn(0x65E5));  /* 日 */
    assert_true(sc_attr_is_lzn(0x3042));  /* あ */
    assert_false(sc_attr_is_lzn(0x200B)); /* zero-width space is Cf */
    assert_false(sc_attr_is_lzn(0x0301)); /* combining acute is Mn */
    assert_true(sc_attr_is_lzn(0x3000));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(ok_response__no_findings__summary_and_claims),
        T(claims_read__partitions_agree_or_mixed),
        T(null_attrs_and_summary__role_and_session_name_missing),
        T(role_missing__no_attribute__error),
        T(provider_mismatch__multi_account__only_postable_pairs_compared),
        T(provider_mismatch__wrong_provider_same_account__error),
        T(roles_summary__malformed_values__shown_as_sent),
        T(role_missing__no_values__error),
        T(role_format__provider_first__accepted),
        T(role_format__duplicate_pair_either_order__warning),
        T(role_format__malformed_values__each_error),
        T(role_format__xsi_nil__error),
        T(role_whitespace__each_invisible__only_role_whitespace),
        T(role_arn_invalid__comma_in_name__warning_and_split_right),
        T(role_arn_invalid__defects__error),
        T(role_arn_invalid__unknown_partition__warnings),
        T(provider_arn_invalid__prose_chars_warning_path_error),
        T(provider_mismatch__expected_provider_case_only__error_called_out),
        T(provider_mismatch__partition_error_account_warning),
        T(role_not_offered__exact_case_provider_absent),
        T(session_name__valid_and_boundaries),
        T(session_name__invalid_values__error),
        T(session_name__two_values__error_and_missing_cases),
        T(source_identity__prefix_pattern_count),
        T(session_duration__boundaries_and_syntax),
        T(session_duration__two_values__error),
        T(duration_exceeds_max__role_default_and_explicit),
        T(duration_exceeds_max__session_not_on_or_after_shorter__info),
        T(config_duration_out_of_range__range_and_max),
        T(principal_tags__valid_unicode_and_space__accepted),
        T(principal_tags__key_and_value_lengths),
        T(principal_tags__each_check__error),
        T(principal_tags__50_ok_51_error),
        T(principal_tags__packed_over_4k__info),
        T(transitive_tag_keys__missing_duplicate_invalid_too_many),
        T(attribute_near_miss__each_variant__warning),
        T(attribute_near_miss__friendly_name_and_non_matches),
        T(attribute_duplicate__d6_and_d7),
        T(nameid_comment__ambiguous_values__reported_not_used),
        T(lzn__ascii_latin1_and_scripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
