/* Unit tests of src/check/aws_endpoint.c: the D1 sign-in endpoint grammar
 * over every partition and region form, valid and invalid (RULES.md D1),
 * the partition table and the response/audience value classes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/aws_endpoint.h"

/* One row: a URL and what the grammar must say about it. */
typedef struct row {
    const char *url;
    unsigned defects;
    const char *partition; /* expected sc_acs.partition */
    const char *region;    /* expected sc_acs.region */
    const char *idp_id;    /* expected sc_acs.idp_id */
} row;

static void run_rows(const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        sc_acs a;
        sc_aws_acs_parse(&a, r->url);
        if (a.defects != r->defects)
            fail_msg("\"%s\": defects 0x%x, expected 0x%x", r->url ? r->url : "(null)", a.defects,
                     r->defects);
        if (strcmp(a.partition, r->partition) != 0)
            fail_msg("\"%s\": partition \"%s\", expected \"%s\"", r->url, a.partition,
                     r->partition);
        if (strcmp(a.region, r->region) != 0)
            fail_msg("\"%s\": region \"%s\", expected \"%s\"", r->url, a.region, r->region);
        if (strcmp(a.idp_id, r->idp_id) != 0)
            fail_msg("\"%s\": IdP-ID \"%s\", expected \"%s\"", r->url, a.idp_id, r->idp_id);
        if (sc_aws_acs_is_endpoint(r->url) != (r->defects == 0))
            fail_msg("\"%s\": sc_aws_acs_is_endpoint disagrees with the defects", r->url);
    }
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Every partition, global and regional host, both ACS paths. */
static void acs_parse__every_partition_and_region_form__accepted(void **state)
{
    (void)state;
    static const row rows[] = {
        {"https://signin.aws.amazon.com/saml", 0, "aws", "", ""},
        {"https://us-east-1.signin.aws.amazon.com/saml", 0, "aws", "us-east-1", ""},
        {"https://us-west-2.signin.aws.amazon.com/saml", 0, "aws", "us-west-2", ""},
        {"https://eu-central-1.signin.aws.amazon.com/saml", 0, "aws", "eu-central-1", ""},
        {"https://ap-southeast-1.signin.aws.amazon.com/saml/acs/SAMLSPABC123", 0, "aws",
         "ap-southeast-1", "SAMLSPABC123"},
        {"https://ap-northeast-3.signin.aws.amazon.com/saml", 0, "aws", "ap-northeast-3", ""},
        {"https://me-central-1.signin.aws.amazon.com/saml", 0, "aws", "me-central-1", ""},
        {"https://il-central-1.signin.aws.amazon.com/saml", 0, "aws", "il-central-1", ""},
        {"https://signin.aws.amazon.com/saml/acs/abc", 0, "aws", "", "abc"},
        {"https://signin.amazonaws.cn/saml", 0, "aws-cn", "", ""},
        {"https://cn-north-1.signin.amazonaws.cn/saml", 0, "aws-cn", "cn-north-1", ""},
        {"https://cn-northwest-1.signin.amazonaws.cn/saml", 0, "aws-cn", "cn-northwest-1", ""},
        {"https://cn-northwest-1.signin.amazonaws.cn/saml/acs/SAMLSP1", 0, "aws-cn",
         "cn-northwest-1", "SAMLSP1"},
        {"https://signin.amazonaws.cn/saml/acs/X", 0, "aws-cn", "", "X"},
        {"https://signin.amazonaws-us-gov.com/saml", 0, "aws-us-gov", "", ""},
        {"https://us-gov-west-1.signin.amazonaws-us-gov.com/saml", 0, "aws-us-gov", "us-gov-west-1",
         ""},
        {"https://us-gov-east-1.signin.amazonaws-us-gov.com/saml/acs/Ab9", 0, "aws-us-gov",
         "us-gov-east-1", "Ab9"},
        /* two-digit region numbers are in the grammar */
        {"https://ap-southeast-12.signin.aws.amazon.com/saml", 0, "aws", "ap-southeast-12", ""},
    };
    run_rows(rows, N(rows));
}

/* A region code must fit the grammar and the partition. */
static void acs_parse__region_of_another_partition_or_malformed__foreign(void **state)
{
    (void)state;
    static const row rows[] = {
        /* D1: aws-cn regional hosts use cn-... codes, aws-us-gov us-gov-...
         * (the copies of the grammar disagreed here before) */
        {"https://us-east-1.signin.amazonaws.cn/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://eu-west-1.signin.amazonaws.cn/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-east-1.signin.amazonaws-us-gov.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://cn-north-1.signin.amazonaws-us-gov.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-gov-west-1.signin.amazonaws.cn/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        /* the grammar itself */
        {"https://useast1.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-east-123.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-1.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://u-east-1.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-east-.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-east-1a.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://a.b.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://us-east-1.us-east-1.signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
    };
    run_rows(rows, N(rows));
}

/* Hosts that look like a sign-in host and are not. */
static void acs_parse__lookalike_hosts__foreign(void **state)
{
    (void)state;
    static const row rows[] = {
        {"https://signin.aws.amazon.com.evil.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin.aws.amazon.com.evil.example/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://evilsignin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin-aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin.aws.amazon.co/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin.amazonaws.cn.evil.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin.amazonaws-us-gov.com.evil.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://idp.example.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        /* a trailing dot is another string (the comparison is exact) */
        {"https://signin.aws.amazon.com./saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        /* percent-encoding is not decoded into a host or a path */
        {"https://signin%2eaws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin%2Eaws.amazon.com/saml", SC_ACS_FOREIGN_HOST | SC_ACS_UPPER_HOST, "", "",
         ""},
        {"https://signin.aws.amazon.com/%73aml", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml%2Facs%2Fx", SC_ACS_BAD_PATH, "aws", "", ""},
        /* the sign-in host in the path or the fragment of another host */
        {"https://evil.com/signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST | SC_ACS_BAD_PATH, "",
         "", ""},
        {"https://evil.com#@signin.aws.amazon.com/saml",
         SC_ACS_FOREIGN_HOST | SC_ACS_BAD_PATH | SC_ACS_FRAGMENT, "", "", ""},
    };
    run_rows(rows, N(rows));
}

/* userinfo, ports, http, upper case: a defect each, partition still known
 * where the host itself is a sign-in host. */
static void acs_parse__each_defect__reported_separately(void **state)
{
    (void)state;
    static const row rows[] = {
        {"http://signin.aws.amazon.com/saml", SC_ACS_NOT_HTTPS, "aws", "", ""},
        {"http://cn-north-1.signin.amazonaws.cn/saml", SC_ACS_NOT_HTTPS, "aws-cn", "cn-north-1",
         ""},
        {"HTTPS://signin.aws.amazon.com/saml", SC_ACS_UPPER_SCHEME, "aws", "", ""},
        {"HTTP://signin.aws.amazon.com/saml", SC_ACS_NOT_HTTPS | SC_ACS_UPPER_SCHEME, "aws", "",
         ""},
        {"https://signin.aws.amazon.com/saml/", SC_ACS_TRAILING_SLASH, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml?x=1", SC_ACS_QUERY, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml#x", SC_ACS_FRAGMENT, "aws", "", ""},
        {"https://SIGNIN.aws.amazon.com/saml", SC_ACS_UPPER_HOST, "aws", "", ""},
        {"https://Signin.AmazonAWS.cn/saml", SC_ACS_UPPER_HOST, "aws-cn", "", ""},
        {"https://US-GOV-WEST-1.signin.amazonaws-us-gov.com/saml", SC_ACS_UPPER_HOST, "aws-us-gov",
         "us-gov-west-1", ""},
        {"https://signin.aws.amazon.com:443/saml", SC_ACS_PORT, "aws", "", ""},
        {"https://signin.amazonaws.cn:8443/saml", SC_ACS_PORT, "aws-cn", "", ""},
        {"https://signin.aws.amazon.com:/saml", SC_ACS_PORT, "aws", "", ""},
        /* userinfo: never an AWS endpoint, whatever follows the '@' */
        {"https://user@signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://signin.aws.amazon.com@evil.com/saml", SC_ACS_FOREIGN_HOST, "", "", ""},
        {"https://user:pw@signin.aws.amazon.com/saml", SC_ACS_FOREIGN_HOST | SC_ACS_PORT, "", "",
         ""},
        {"https://signin.aws.amazon.com/SAML", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml/acs/", SC_ACS_TRAILING_SLASH | SC_ACS_BAD_PATH, "aws",
         "", ""},
        {"https://signin.aws.amazon.com/saml/acs/a-b", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml/acs/a/b", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/saml/ACS/x", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/", SC_ACS_BAD_PATH, "aws", "", ""},
        {"https://signin.aws.amazon.com/static/saml", SC_ACS_STATIC, "aws", "", ""},
        {" https://signin.aws.amazon.com/saml", SC_ACS_WHITESPACE | SC_ACS_NOT_URL, "", "", ""},
        {"https://signin.aws.amazon.com/saml\xc2\xa0", SC_ACS_WHITESPACE | SC_ACS_BAD_PATH, "aws",
         "", ""},
        {"https://signin.aws.amazon.com/saml\t", SC_ACS_WHITESPACE | SC_ACS_BAD_PATH, "aws", "",
         ""},
        {"http://signin.aws.amazon.com/saml/?a",
         SC_ACS_NOT_HTTPS | SC_ACS_TRAILING_SLASH | SC_ACS_QUERY, "aws", "", ""},
        {"signin.aws.amazon.com/saml", SC_ACS_NOT_URL, "", "", ""},
        {"//signin.aws.amazon.com/saml", SC_ACS_NOT_URL, "", "", ""},
        {"ftp://signin.aws.amazon.com/saml", SC_ACS_NOT_URL, "", "", ""},
        {"", SC_ACS_NOT_URL, "", "", ""},
        {NULL, SC_ACS_NOT_URL, "", "", ""},
    };
    run_rows(rows, N(rows));
}

/* The same mutations applied to every partition's global and regional
 * host: the partition survives only where the host is untouched. */
static void acs_parse__mutations_over_every_partition(void **state)
{
    (void)state;
    static const struct {
        const char *host, *partition, *region;
    } hosts[] = {
        {"signin.aws.amazon.com", "aws", ""},
        {"eu-west-3.signin.aws.amazon.com", "aws", "eu-west-3"},
        {"signin.amazonaws.cn", "aws-cn", ""},
        {"cn-north-1.signin.amazonaws.cn", "aws-cn", "cn-north-1"},
        {"signin.amazonaws-us-gov.com", "aws-us-gov", ""},
        {"us-gov-west-1.signin.amazonaws-us-gov.com", "aws-us-gov", "us-gov-west-1"},
    };
    static const struct {
        const char *pre, *post; /* around the host */
        unsigned defects;
        int keeps_partition;
    } muts[] = {
        {"https://", "/saml", 0, 1},
        {"https://", "/saml/acs/SAMLSP9", 0, 1},
        {"http://", "/saml", SC_ACS_NOT_HTTPS, 1},
        {"https://", ":443/saml", SC_ACS_PORT, 1},
        {"https://", "/saml/", SC_ACS_TRAILING_SLASH, 1},
        {"https://", "/saml?RelayState=x", SC_ACS_QUERY, 1},
        {"https://", "/saml#f", SC_ACS_FRAGMENT, 1},
        {"https://", "/static/saml", SC_ACS_STATIC, 1},
        {"https://", "/saml/acs/a_b", SC_ACS_BAD_PATH, 1},
        {"https://", "./saml", SC_ACS_FOREIGN_HOST, 0},
        {"https://", ".evil.com/saml", SC_ACS_FOREIGN_HOST, 0},
        {"https://x", "/saml", SC_ACS_FOREIGN_HOST, 0},
        {"https://evil.", "/saml", SC_ACS_FOREIGN_HOST, 0},
        {"https://u@", "/saml", SC_ACS_FOREIGN_HOST, 0},
    };
    for (size_t h = 0; h < N(hosts); h++)
        for (size_t m = 0; m < N(muts); m++) {
            char url[256];
            snprintf(url, sizeof url, "%s%s%s", muts[m].pre, hosts[h].host, muts[m].post);
            int acs_form = strcmp(muts[m].post, "/saml/acs/SAMLSP9") == 0;
            row r = {url, muts[m].defects, muts[m].keeps_partition ? hosts[h].partition : "",
                     muts[m].keeps_partition ? hosts[h].region : "", acs_form ? "SAMLSP9" : ""};
            run_rows(&r, 1);
        }
}

static void acs_parse__upper_case_host__partition_of_the_lower_cased_host(void **state)
{
    (void)state;
    sc_acs a;
    sc_aws_acs_parse(&a, "https://SIGNIN.aws.amazon.com/saml");
    assert_string_equal(a.host, "signin.aws.amazon.com");
    assert_string_equal(a.partition, "aws");
}

/* An IdP-ID longer than the field is still the /saml/acs/ form (before,
 * the field stayed empty and a Required provider's Recipient read as
 * lacking the IdP-ID). */
static void acs_parse__long_idp_id__kept_truncated(void **state)
{
    (void)state;
    char url[256], id[101];
    memset(id, 'A', 100);
    id[100] = '\0';
    snprintf(url, sizeof url, "https://us-east-1.signin.aws.amazon.com/saml/acs/%s", id);
    sc_acs a;
    sc_aws_acs_parse(&a, url);
    assert_int_equal(a.defects, 0);
    assert_int_equal(strlen(a.idp_id), sizeof a.idp_id - 1);
    assert_memory_equal(a.idp_id, id, sizeof a.idp_id - 1);
}

static void partition_table__names_hosts_and_unknowns(void **state)
{
    (void)state;
    const sc_aws_partition *p = sc_aws_partition_find("aws-cn", 6);
    assert_non_null(p);
    assert_string_equal(p->signin_host, "signin.amazonaws.cn");
    assert_non_null(sc_aws_partition_find("aws", 3));
    assert_non_null(sc_aws_partition_find("aws-us-gov", 10));
    /* length-bounded: a prefix of a longer string */
    assert_non_null(sc_aws_partition_find("aws-cn:iam", 6));
    assert_null(sc_aws_partition_find("aws-cn", 5));
    assert_null(sc_aws_partition_find("AWS", 3));
    assert_null(sc_aws_partition_find("aws-iso", 7));
    assert_null(sc_aws_partition_find(NULL, 0));
    assert_string_equal(sc_aws_signin_host("aws"), "signin.aws.amazon.com");
    assert_string_equal(sc_aws_signin_host("aws-cn"), "signin.amazonaws.cn");
    assert_string_equal(sc_aws_signin_host("aws-us-gov"), "signin.amazonaws-us-gov.com");
    assert_string_equal(sc_aws_signin_host("aws-iso"), "signin.aws.amazon.com");
    assert_string_equal(sc_aws_signin_host(NULL), "signin.aws.amazon.com");
}

static void region_valid__grammar(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
    } cases[] = {
        {"us-east-1", 1},      {"us-gov-west-1", 1},
        {"cn-northwest-1", 1}, {"ap-south-12", 1},
        {"us-east-123", 0},    {"us-1", 0},
        {"useast1", 0},        {"US-east-1", 0},
        {"us-east-1-", 0},     {"us--east-1", 0},
        {"u-east-1", 0},       {"us-east", 0},
        {"us-east-1 ", 0},     {"", 0},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (sc_aws_region_valid(cases[i].s, strlen(cases[i].s)) != cases[i].ok)
            fail_msg("region \"%s\": expected %d", cases[i].s, cases[i].ok);
}

static void audience_classify__documented_plausible_other(void **state)
{
    (void)state;
    static const struct {
        const char *v, *sp;
        sc_audience_kind k;
    } cases[] = {
        {"urn:amazon:webservices", NULL, SC_AUD_DOCUMENTED},
        {"https://signin.aws.amazon.com/saml", NULL, SC_AUD_DOCUMENTED},
        {"urn:example:sp", "urn:example:sp", SC_AUD_DOCUMENTED},
        {"urn:example:sp", "", SC_AUD_OTHER},
        {"https://eu-central-1.signin.aws.amazon.com/saml", NULL, SC_AUD_PLAUSIBLE},
        {"https://signin.amazonaws.cn/saml", NULL, SC_AUD_PLAUSIBLE},
        {"urn:amazon:webservices:cn-north-1", NULL, SC_AUD_PLAUSIBLE},
        {"https://signin.amazonaws-us-gov.com/saml", NULL, SC_AUD_PLAUSIBLE},
        {"urn:amazon:webservices:govcloud-us", NULL, SC_AUD_PLAUSIBLE},
        /* exact: no trimming, no case folding, no trailing slash */
        {"urn:amazon:webservices ", NULL, SC_AUD_OTHER},
        {"URN:amazon:webservices", NULL, SC_AUD_OTHER},
        {"https://signin.aws.amazon.com/saml/", NULL, SC_AUD_OTHER},
        {"https://evil.signin.aws.amazon.com/saml", NULL, SC_AUD_OTHER},
        {"https://.signin.aws.amazon.com/saml", NULL, SC_AUD_OTHER},
        {"https://signin.aws.amazon.com.evil.com/saml", NULL, SC_AUD_OTHER},
        {"http://signin.aws.amazon.com/saml", NULL, SC_AUD_OTHER},
        {"https://signin.aws.amazon.com/saml/acs/X", NULL, SC_AUD_OTHER},
        /* RULES.md lists the regional form of the aws partition only */
        {"https://cn-north-1.signin.amazonaws.cn/saml", NULL, SC_AUD_OTHER},
        {"https://xsignin.amazonaws.cn/saml", NULL, SC_AUD_OTHER},
        {NULL, NULL, SC_AUD_OTHER},
    };
    for (size_t i = 0; i < N(cases); i++)
        if (sc_aws_audience_classify(cases[i].v, cases[i].sp) != cases[i].k)
            fail_msg("audience \"%s\": expected class %d", cases[i].v ? cases[i].v : "(null)",
                     (int)cases[i].k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(acs_parse__every_partition_and_region_form__accepted),
        cmocka_unit_test(acs_parse__region_of_another_partition_or_malformed__foreign),
        cmocka_unit_test(acs_parse__lookalike_hosts__foreign),
        cmocka_unit_test(acs_parse__each_defect__reported_separately),
        cmocka_unit_test(acs_parse__mutations_over_every_partition),
        cmocka_unit_test(acs_parse__upper_case_host__partition_of_the_lower_cased_host),
        cmocka_unit_test(acs_parse__long_idp_id__kept_truncated),
        cmocka_unit_test(partition_table__names_hosts_and_unknowns),
        cmocka_unit_test(region_valid__grammar),
        cmocka_unit_test(audience_classify__documented_plausible_other),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
