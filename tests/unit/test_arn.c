/* Unit tests of src/check/arn.c (RULES.md D2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/arn.h"

static sc_arn parse(const char *s, sc_arn_kind expect)
{
    sc_arn a;
    sc_arn_parse(&a, s, strlen(s), expect);
    return a;
}

/* "x" repeated n times, in a static buffer */
static const char *rep(char c, size_t n)
{
    static char buf[4096];
    assert_true(n < sizeof buf);
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

static void arn_parse__role_all_three_partitions__accepts(void **state)
{
    (void)state;
    const char *v[] = {"arn:aws:iam::123456789012:role/Developer",
                       "arn:aws-cn:iam::123456789012:role/Developer",
                       "arn:aws-us-gov:iam::123456789012:role/Developer"};
    const char *p[] = {"aws", "aws-cn", "aws-us-gov"};
    for (size_t i = 0; i < 3; i++) {
        sc_arn a = parse(v[i], SC_ARN_KIND_ROLE);
        assert_int_equal(a.defects, 0);
        assert_int_equal(a.kind, SC_ARN_KIND_ROLE);
        assert_true(a.partition_known);
        char buf[16];
        assert_string_equal(sc_arn_partition(&a, buf, sizeof buf), p[i]);
        assert_string_equal(sc_arn_account(&a, buf, sizeof buf), "123456789012");
        assert_true(sc_arn_ok(&a));
    }
}

static void arn_parse__role_with_path__accepts(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:role/teams/dev:ops/Admin", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, 0);
    assert_int_equal(a.path_len, strlen("/teams/dev:ops/"));
    assert_memory_equal(a.path, "/teams/dev:ops/", a.path_len);
    assert_int_equal(a.name_len, 5);
    assert_memory_equal(a.name, "Admin", 5);
}

static void arn_parse__role_path_empty_segment__rejects(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:role/teams//Admin", SC_ARN_KIND_ROLE);
    assert_true(a.defects & SC_ARN_E_PATH);
    assert_false(sc_arn_ok(&a));
}

static void arn_parse__role_path_512_ok_513_rejected(void **state)
{
    (void)state;
    char buf[4200];
    /* path "/" + 510 x + "/" = 512 characters */
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/%s/R", rep('x', 510));
    sc_arn a = parse(buf, SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, 0);
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/%s/R", rep('x', 511));
    a = parse(buf, SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_PATH_LEN);
}

static void arn_parse__role_name_64_ok_65_rejected(void **state)
{
    (void)state;
    char buf[4200];
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/%s", rep('a', 64));
    assert_int_equal(parse(buf, SC_ARN_KIND_ROLE).defects, 0);
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/%s", rep('a', 65));
    assert_int_equal(parse(buf, SC_ARN_KIND_ROLE).defects, SC_ARN_E_NAME_LEN);
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/a");
    assert_int_equal(parse(buf, SC_ARN_KIND_ROLE).defects, 0);
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/");
    assert_int_equal(parse(buf, SC_ARN_KIND_ROLE).defects, SC_ARN_E_NAME_LEN);
}

static void arn_parse__role_name_specials__accepts(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:role/a_b+c=d.e@f-g", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, 0);
}

static void arn_parse__role_name_bad_char__rejects_with_offset(void **state)
{
    (void)state;
    const char *s = "arn:aws:iam::123456789012:role/Dev*Ops";
    sc_arn a = parse(s, SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_NAME_CHARS);
    assert_int_equal(a.bad_offset, strlen("arn:aws:iam::123456789012:role/Dev"));
}

static void arn_parse__role_name_comma__warning_only(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:role/Dev,Ops", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_W_NAME_COMMA);
    assert_true(sc_arn_ok(&a));
}

static void arn_parse__reserved_sso_role__rejects(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/"
                     "AWSReservedSSO_Admin_0123456789abcdef",
                     SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_RESERVED_SSO);
    assert_false(sc_arn_ok(&a));
}

static void arn_parse__unknown_aws_partition__warning(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws-iso:iam::123456789012:role/R", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_W_PARTITION);
    assert_true(sc_arn_ok(&a));
    assert_false(a.partition_known);
    a = parse("arn:azure:iam::123456789012:role/R", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_PARTITION);
    a = parse("arn:AWS:iam::123456789012:role/R", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_PARTITION);
    a = parse("arn:aws-:iam::123456789012:role/R", SC_ARN_KIND_ROLE);
    assert_int_equal(a.defects, SC_ARN_E_PARTITION);
}

static void arn_parse__service_region_account__each_rejected(void **state)
{
    (void)state;
    assert_int_equal(parse("arn:aws:sts::123456789012:role/R", SC_ARN_KIND_ROLE).defects,
                     SC_ARN_E_SERVICE);
    assert_int_equal(parse("arn:aws:iam:us-east-1:123456789012:role/R", SC_ARN_KIND_ROLE).defects,
                     SC_ARN_E_REGION);
    assert_int_equal(parse("arn:aws:iam::12345678901:role/Rx", SC_ARN_KIND_ROLE).defects,
                     SC_ARN_E_ACCOUNT);
    assert_int_equal(parse("arn:aws:iam::1234567890123:role/R", SC_ARN_KIND_ROLE).defects,
                     SC_ARN_E_ACCOUNT);
    assert_int_equal(parse("arn:aws:iam::12345678901a:role/R", SC_ARN_KIND_ROLE).defects,
                     SC_ARN_E_ACCOUNT);
}

static void arn_parse__not_an_arn__rejects(void **state)
{
    (void)state;
    sc_arn a = parse("role/Developer-at-account-1", SC_ARN_KIND_ROLE);
    assert_true(a.defects & SC_ARN_E_NOT_ARN);
    assert_int_equal(a.kind, SC_ARN_KIND_OTHER);
    a = parse("arn:aws:iam:123456789012", SC_ARN_KIND_ROLE);
    assert_true(a.defects & SC_ARN_E_FIELDS);
    a = parse("", SC_ARN_KIND_OTHER);
    assert_true(a.defects & SC_ARN_E_LENGTH);
    assert_true(a.defects & SC_ARN_E_NOT_ARN);
}

static void arn_parse__total_length_bounds(void **state)
{
    (void)state;
    /* shortest valid-looking role ARN is 33 characters; cut the account
     * check out of the picture by testing length on a short string */
    sc_arn a = parse("arn:aws:iam::1:r/x", SC_ARN_KIND_OTHER); /* 18 characters */
    assert_true(a.defects & SC_ARN_E_LENGTH);
    char buf[2200];
    /* 2049 characters: a path long enough to exceed arnType */
    int n = snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:role/");
    while (n < 2049 - 2) {
        buf[n++] = 'p';
        if (n % 100 == 0)
            buf[n++] = '/';
    }
    buf[n++] = '/';
    buf[n++] = 'R';
    buf[n] = '\0';
    a = parse(buf, SC_ARN_KIND_ROLE);
    assert_true(a.defects & SC_ARN_E_LENGTH);
}

static void arn_parse__wrong_type__rejects(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:saml-provider/ExampleIdP", SC_ARN_KIND_ROLE);
    assert_int_equal(a.kind, SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, SC_ARN_E_TYPE);
    a = parse("arn:aws:iam::123456789012:Role/Dev", SC_ARN_KIND_OTHER);
    assert_int_equal(a.kind, SC_ARN_KIND_OTHER);
    assert_int_equal(a.defects, SC_ARN_E_TYPE);
    a = parse("arn:aws:iam::123456789012:user/bob", SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, SC_ARN_E_TYPE);
}

static void arn_parse__provider__accepts_and_classifies(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:saml-provider/Example_IdP.v2-x", SC_ARN_KIND_OTHER);
    assert_int_equal(a.kind, SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, 0);
    a = parse("arn:aws-us-gov:iam::123456789012:saml-provider/Okta", SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, 0);
    a = parse("arn:aws-cn:iam::123456789012:saml-provider/Okta", SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, 0);
}

static void arn_parse__provider_name_128_ok_129_rejected(void **state)
{
    (void)state;
    char buf[4200];
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:saml-provider/%s", rep('p', 128));
    assert_int_equal(parse(buf, SC_ARN_KIND_PROVIDER).defects, 0);
    snprintf(buf, sizeof buf, "arn:aws:iam::123456789012:saml-provider/%s", rep('p', 129));
    assert_int_equal(parse(buf, SC_ARN_KIND_PROVIDER).defects, SC_ARN_E_NAME_LEN);
    assert_int_equal(
        parse("arn:aws:iam::123456789012:saml-provider/", SC_ARN_KIND_PROVIDER).defects,
        SC_ARN_E_NAME_LEN);
}

static void arn_parse__provider_prose_chars__warning(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:saml-provider/my+idp@corp", SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, SC_ARN_W_NAME_PROSE);
    assert_true(sc_arn_ok(&a));
    a = parse("arn:aws:iam::123456789012:saml-provider/my idp", SC_ARN_KIND_PROVIDER);
    assert_int_equal(a.defects, SC_ARN_E_NAME_CHARS);
}

static void arn_parse__provider_with_path__rejects(void **state)
{
    (void)state;
    sc_arn a = parse("arn:aws:iam::123456789012:saml-provider/corp/Okta", SC_ARN_KIND_PROVIDER);
    assert_true(a.defects & SC_ARN_E_PATH);
    assert_int_equal(a.name_len, 4);
}

static void arn_split__comma_arn_only__one_point(void **state)
{
    (void)state;
    size_t at[4];
    const char *v = "arn:aws:iam::1:role/a,b,arn:aws:iam::1:saml-provider/P";
    assert_int_equal(sc_arn_split(v, strlen(v), at, 4), 1);
    assert_int_equal(at[0], strlen("arn:aws:iam::1:role/a,b"));
    const char *three = "arn:x,arn:y,arn:z";
    assert_int_equal(sc_arn_split(three, strlen(three), at, 4), 2);
    assert_int_equal(sc_arn_split("arn:x", 5, at, 4), 0);
    assert_int_equal(sc_arn_split("arn:x, arn:y", 12, at, 4), 0);
    assert_int_equal(sc_arn_split("x,arn:", 6, at, 4), 1); /* "arn:" at the very end */
    assert_int_equal(sc_arn_split("x,arn", 5, at, 4), 0);
    /* more points than slots: counted, not stored past max */
    assert_int_equal(sc_arn_split(three, strlen(three), at, 1), 2);
}

static void arn_defect_text__errors_before_warnings(void **state)
{
    (void)state;
    assert_string_equal(sc_arn_defect_text(0), "");
    const char *t = sc_arn_defect_text(SC_ARN_W_NAME_COMMA | SC_ARN_E_ACCOUNT);
    assert_non_null(strstr(t, "12 digits"));
    assert_non_null(strstr(sc_arn_defect_text(SC_ARN_W_NAME_COMMA), ","));
}

static void arn_partition_known__exact(void **state)
{
    (void)state;
    assert_true(sc_arn_partition_known("aws", 3));
    assert_true(sc_arn_partition_known("aws-cn", 6));
    assert_true(sc_arn_partition_known("aws-us-gov", 10));
    assert_false(sc_arn_partition_known("aws-iso", 7));
    assert_false(sc_arn_partition_known("aw", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(arn_parse__role_all_three_partitions__accepts),
        cmocka_unit_test(arn_parse__role_with_path__accepts),
        cmocka_unit_test(arn_parse__role_path_empty_segment__rejects),
        cmocka_unit_test(arn_parse__role_path_512_ok_513_rejected),
        cmocka_unit_test(arn_parse__role_name_64_ok_65_rejected),
        cmocka_unit_test(arn_parse__role_name_specials__accepts),
        cmocka_unit_test(arn_parse__role_name_bad_char__rejects_with_offset),
        cmocka_unit_test(arn_parse__role_name_comma__warning_only),
        cmocka_unit_test(arn_parse__reserved_sso_role__rejects),
        cmocka_unit_test(arn_parse__unknown_aws_partition__warning),
        cmocka_unit_test(arn_parse__service_region_account__each_rejected),
        cmocka_unit_test(arn_parse__not_an_arn__rejects),
        cmocka_unit_test(arn_parse__total_length_bounds),
        cmocka_unit_test(arn_parse__wrong_type__rejects),
        cmocka_unit_test(arn_parse__provider__accepts_and_classifies),
        cmocka_unit_test(arn_parse__provider_name_128_ok_129_rejected),
        cmocka_unit_test(arn_parse__provider_prose_chars__warning),
        cmocka_unit_test(arn_parse__provider_with_path__rejects),
        cmocka_unit_test(arn_split__comma_arn_only__one_point),
        cmocka_unit_test(arn_defect_text__errors_before_warnings),
        cmocka_unit_test(arn_partition_known__exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
