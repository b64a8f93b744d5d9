/* AWS partitions and SAML sign-in (ACS) endpoints, RULES.md D1. All
 * comparisons are exact: https only, lower-case host, case-sensitive path,
 * no query, no fragment, no trailing slash, no port (not even :443). Each
 * defect is a bit of its own so that response/recipient can report them
 * separately. */
#include "aws_endpoint.h"
#include "../base/base.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* D1: the regional hosts of aws-cn use cn-... region codes and those of
 * aws-us-gov us-gov-... codes, so us-east-1.signin.amazonaws.cn is no AWS
 * host (docs/architecture.md, Decisions). */
static const sc_aws_partition partitions[] = {
    {"aws", "signin.aws.amazon.com", NULL},
    {"aws-cn", "signin.amazonaws.cn", "cn-"},
    {"aws-us-gov", "signin.amazonaws-us-gov.com", "us-gov-"},
};
#define N_PARTITIONS (sizeof partitions / sizeof partitions[0])

const sc_aws_partition *sc_aws_partition_find(const char *name, size_t len)
{
    for (size_t i = 0; name && i < N_PARTITIONS; i++)
        if (strlen(partitions[i].name) == len && memcmp(partitions[i].name, name, len) == 0)
            return &partitions[i];
    return NULL;
}

const char *sc_aws_signin_host(const char *name)
{
    const sc_aws_partition *p = name ? sc_aws_partition_find(name, strlen(name)) : NULL;
    return (p ? p : &partitions[0])->signin_host;
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static int is_alnum(char c)
{
    return is_lower(c) || is_digit(c) || (c >= 'A' && c <= 'Z');
}

/* [a-z]{2}(-[a-z]+)+-[0-9]{1,2} over s[0..n) */
int sc_aws_region_valid(const char *s, size_t n)
{
    size_t i = 0, groups = 0;
    if (n < 2 || !is_lower(s[0]) || !is_lower(s[1]))
        return 0;
    i = 2;
    for (;;) {
        if (i >= n || s[i] != '-')
            return 0;
        i++;
        size_t start = i;
        while (i < n && is_lower(s[i]))
            i++;
        if (i > start) {
            groups++;
            continue;
        }
        /* the final group must be 1-2 digits, after at least one word */
        while (i < n && is_digit(s[i]))
            i++;
        return groups > 0 && i == n && i - start >= 1 && i - start <= 2;
    }
}

/* @p host (lower-cased) is a partition's global host, or <region>.<host>
 * with a region code of that partition. */
static void match_host(sc_acs *out, const char *host)
{
    size_t hl = strlen(host);
    for (size_t i = 0; i < N_PARTITIONS; i++) {
        const sc_aws_partition *p = &partitions[i];
        size_t bl = strlen(p->signin_host), rl = hl - bl - 1;
        if (hl == bl && memcmp(host, p->signin_host, bl) == 0) {
            snprintf(out->partition, sizeof out->partition, "%s", p->name);
            return;
        }
        if (hl > bl + 1 && host[rl] == '.' && memcmp(host + rl + 1, p->signin_host, bl) == 0 &&
            sc_aws_region_valid(host, rl) &&
            (!p->region_prefix || sc_str_starts(host, p->region_prefix)) &&
            rl < sizeof out->region) {
            snprintf(out->partition, sizeof out->partition, "%s", p->name);
            memcpy(out->region, host, rl);
            out->region[rl] = '\0';
            return;
        }
    }
    out->defects |= SC_ACS_FOREIGN_HOST;
}

/* D3: any whitespace or invisible character is a defect of its own; the
 * rest of the grammar is judged on the value as written. */
static unsigned whitespace_defect(const char *url)
{
    const unsigned char *u = (const unsigned char *)url;
    size_t len = strlen(url);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = sc_utf8_decode(u + i, len - i, &cp);
        if (n == 0) {
            i++;
            continue;
        }
        if (sc_is_unicode_space(cp) || cp < 0x20 || cp == 0x7F)
            return SC_ACS_WHITESPACE;
        i += n;
    }
    return 0;
}

/* The scheme before "://" at @p p: https, or http (a defect); 0 when it is
 * neither (NOT_URL set). */
static int scheme_ok(sc_acs *out, const char *url, const char *p)
{
    size_t sl = (size_t)(p - url);
    if (sl == 5 && sc_str_casestarts(url, "https")) {
        if (memcmp(url, "https", 5) != 0)
            out->defects |= SC_ACS_UPPER_SCHEME;
    } else if (sl == 4 && sc_str_casestarts(url, "http")) {
        out->defects |= SC_ACS_NOT_HTTPS;
        if (memcmp(url, "http", 4) != 0)
            out->defects |= SC_ACS_UPPER_SCHEME;
    } else {
        out->defects |= SC_ACS_NOT_URL;
        return 0;
    }
    return 1;
}

/* The authority h[0..hl): userinfo and a port are defects; the host is
 * copied lower-cased and matched against the partitions. */
static void judge_authority(sc_acs *out, const char *h, size_t hl)
{
    /* userinfo is never part of an AWS endpoint */
    const char *at = memchr(h, '@', hl);
    if (at)
        out->defects |= SC_ACS_FOREIGN_HOST;
    const char *colon = memchr(h, ':', hl);
    size_t name_len = colon ? (size_t)(colon - h) : hl;
    if (colon)
        out->defects |= SC_ACS_PORT;
    size_t copy = name_len < sizeof out->host - 1 ? name_len : sizeof out->host - 1;
    for (size_t i = 0; i < copy; i++) {
        char c = h[i];
        if (c >= 'A' && c <= 'Z') {
            out->defects |= SC_ACS_UPPER_HOST;
            c = (char)(c - 'A' + 'a');
        }
        out->host[i] = c;
    }
    out->host[copy] = '\0';
    if (!at)
        match_host(out, out->host);
}

/* Path, query and fragment after the authority. */
static void judge_path(sc_acs *out, const char *rest)
{
    size_t pl = strcspn(rest, "?#");
    const char *q = rest + pl;
    if (*q == '?')
        out->defects |= SC_ACS_QUERY;
    if (strchr(q, '#'))
        out->defects |= SC_ACS_FRAGMENT;
    if (pl > 1 && rest[pl - 1] == '/') {
        out->defects |= SC_ACS_TRAILING_SLASH;
        while (pl > 1 && rest[pl - 1] == '/')
            pl--;
    }
    if (pl == 5 && memcmp(rest, "/saml", 5) == 0)
        return;
    if (pl == 12 && memcmp(rest, "/static/saml", 12) == 0) {
        out->defects |= SC_ACS_STATIC;
        return;
    }
    if (pl > 10 && memcmp(rest, "/saml/acs/", 10) == 0) {
        size_t il = pl - 10;
        int ok = 1;
        for (size_t i = 0; i < il; i++)
            ok = ok && is_alnum(rest[10 + i]);
        if (ok) {
            /* an ID longer than the field keeps its first characters: an
             * empty idp_id would read as "not the /acs/ form" */
            size_t keep = il < sizeof out->idp_id ? il : sizeof out->idp_id - 1;
            memcpy(out->idp_id, rest + 10, keep);
            out->idp_id[keep] = '\0';
            return;
        }
    }
    out->defects |= SC_ACS_BAD_PATH;
}

void sc_aws_acs_parse(sc_acs *out, const char *url)
{
    memset(out, 0, sizeof *out);
    if (!url || !*url) {
        out->defects = SC_ACS_NOT_URL;
        return;
    }
    out->defects |= whitespace_defect(url);
    const char *p = strstr(url, "://");
    if (!p) {
        out->defects |= SC_ACS_NOT_URL;
        return;
    }
    if (!scheme_ok(out, url, p))
        return;
    const char *h = p + 3;
    size_t hl = strcspn(h, "/?#");
    judge_authority(out, h, hl);
    judge_path(out, h + hl);
}

int sc_aws_acs_is_endpoint(const char *url)
{
    sc_acs a;
    sc_aws_acs_parse(&a, url);
    return url && a.defects == 0;
}

/* ---- response/audience ---- */

/* @p v is exactly https://<host>/saml, or with @p regional
 * https://<region>.<host>/saml */
static int is_saml_url(const char *v, const char *host, int regional)
{
    static const char pre[] = "https://", post[] = "/saml";
    size_t len = strlen(v), hl = strlen(host), pl = sizeof pre - 1, sl = sizeof post - 1;
    if (len < pl + hl + sl || memcmp(v, pre, pl) != 0 || strcmp(v + len - sl, post) != 0 ||
        memcmp(v + len - sl - hl, host, hl) != 0)
        return 0;
    size_t rl = len - pl - hl - sl; /* the region and its dot */
    if (!regional)
        return rl == 0;
    return rl > 1 && v[pl + rl - 1] == '.' && sc_aws_region_valid(v + pl, rl - 1);
}

sc_audience_kind sc_aws_audience_classify(const char *v, const char *sp_entity_id)
{
    static const char *const plausible_urns[] = {"urn:amazon:webservices:cn-north-1",
                                                 "urn:amazon:webservices:govcloud-us"};
    if (!v)
        return SC_AUD_OTHER;
    if (strcmp(v, "urn:amazon:webservices") == 0 || is_saml_url(v, partitions[0].signin_host, 0))
        return SC_AUD_DOCUMENTED;
    if (sp_entity_id && *sp_entity_id && strcmp(v, sp_entity_id) == 0)
        return SC_AUD_DOCUMENTED;
    /* the other partitions' global sign-in URLs */
    for (size_t i = 1; i < N_PARTITIONS; i++)
        if (is_saml_url(v, partitions[i].signin_host, 0))
            return SC_AUD_PLAUSIBLE;
    for (size_t i = 0; i < sizeof plausible_urns / sizeof plausible_urns[0]; i++)
        if (strcmp(v, plausible_urns[i]) == 0)
            return SC_AUD_PLAUSIBLE;
    /* https://<region>.signin.aws.amazon.com/saml (RULES.md lists the aws
     * partition's regional form only) */
    if (is_saml_url(v, partitions[0].signin_host, 1))
        return SC_AUD_PLAUSIBLE;
    return SC_AUD_OTHER;
}
