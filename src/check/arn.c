/* IAM ARNs for SAML federation (RULES.md D2).
 *
 * Role ARN:     arn:(aws|aws-cn|aws-us-gov):iam::<12 digits>:role<path><name>
 *               path = "/" or "/seg/.../" with seg chars \x21-\x2E\x30-\x7E,
 *               at most 512 characters; name = 1-64 of [A-Za-z0-9_+=,.@-].
 * Provider ARN: arn:(...):iam::<12 digits>:saml-provider/<1-128 [A-Za-z0-9_.-]>
 * Any ARN passed to STS is 20-2048 characters (arnType).
 *
 * The parser reports every defect it sees as a bit so that the caller can
 * emit one finding per ARN with the precise reason. */
#include "arn.h"
#include "aws_endpoint.h"
#include "../base/base.h"
#include <string.h>

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum_(unsigned char c)
{
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

/* roleNameType [\w+=,.@-] */
static int is_role_name_char(unsigned char c)
{
    return is_alnum_(c) || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

/* SAMLProviderNameType [\w._-] */
static int is_provider_name_char(unsigned char c)
{
    return is_alnum_(c) || c == '.' || c == '-';
}

/* Characters in a role path segment: \x21-\x2E and \x30-\x7E (no '/'). */
static int is_path_char(unsigned char c)
{
    return (c >= 0x21 && c <= 0x2E) || (c >= 0x30 && c <= 0x7E);
}

int sc_arn_partition_known(const char *p, size_t len)
{
    return sc_aws_partition_find(p, len) != NULL;
}

static int has_prefix(const char *s, size_t len, const char *pre)
{
    size_t n = strlen(pre);
    return len >= n && memcmp(s, pre, n) == 0;
}

/* Role resource after "role": path + name. */
static void parse_role(sc_arn *a, const char *r, size_t n, size_t base)
{
    size_t last = 0; /* index of the last '/' (r[0] is '/') */
    for (size_t i = 0; i < n; i++)
        if (r[i] == '/')
            last = i;
    a->path = r;
    a->path_len = last + 1;
    a->name = r + last + 1;
    a->name_len = n - last - 1;
    int bad_seen = 0;
    /* path: '/' then segments, each non-empty and followed by '/' */
    size_t seg = 0;
    for (size_t i = 1; i <= last; i++) {
        unsigned char c = (unsigned char)r[i];
        if (c == '/') {
            if (seg == 0 && !bad_seen) {
                a->defects |= SC_ARN_E_PATH;
                a->bad_offset = base + sc_utf8_count(r, i);
                bad_seen = 1;
            }
            seg = 0;
        } else {
            if (!is_path_char(c) && !bad_seen) {
                a->defects |= SC_ARN_E_PATH;
                a->bad_offset = base + sc_utf8_count(r, i);
                bad_seen = 1;
            }
            seg++;
        }
    }
    if (sc_utf8_count(a->path, a->path_len) > SC_ARN_ROLE_PATH_MAX)
        a->defects |= SC_ARN_E_PATH_LEN;
    size_t nl = sc_utf8_count(a->name, a->name_len);
    if (nl < 1 || nl > SC_ARN_ROLE_NAME_MAX)
        a->defects |= SC_ARN_E_NAME_LEN;
    for (size_t i = 0; i < a->name_len; i++) {
        unsigned char c = (unsigned char)a->name[i];
        if (!is_role_name_char(c)) {
            if (!bad_seen) {
                a->bad_offset = base + sc_utf8_count(r, last + 1 + i);
                bad_seen = 1;
            }
            a->defects |= SC_ARN_E_NAME_CHARS;
            break;
        }
        if (c == ',')
            a->defects |= SC_ARN_W_NAME_COMMA;
    }
    if (has_prefix(a->name, a->name_len, "AWSReservedSSO_"))
        a->defects |= SC_ARN_E_RESERVED_SSO;
}

/* Provider resource after "saml-provider/": a name, no path. */
static void parse_provider(sc_arn *a, const char *r, size_t n, size_t base)
{
    size_t last = (size_t)-1;
    for (size_t i = 0; i < n; i++)
        if (r[i] == '/')
            last = i;
    if (last != (size_t)-1) {
        a->defects |= SC_ARN_E_PATH;
        a->path = r;
        a->path_len = last + 1;
        a->bad_offset = base + sc_utf8_count(r, last);
    }
    size_t start = last == (size_t)-1 ? 0 : last + 1;
    a->name = r + start;
    a->name_len = n - start;
    size_t nl = sc_utf8_count(a->name, a->name_len);
    if (nl < 1 || nl > SC_ARN_PROVIDER_NAME_MAX)
        a->defects |= SC_ARN_E_NAME_LEN;
    int bad_seen = (a->defects & SC_ARN_E_PATH) != 0;
    for (size_t i = 0; i < a->name_len; i++) {
        unsigned char c = (unsigned char)a->name[i];
        if (is_provider_name_char(c))
            continue;
        if (c == '+' || c == '=' || c == ',' || c == '@') {
            a->defects |= SC_ARN_W_NAME_PROSE;
            continue;
        }
        if (!bad_seen) {
            a->bad_offset = base + sc_utf8_count(r, start + i);
            bad_seen = 1;
        }
        a->defects |= SC_ARN_E_NAME_CHARS;
    }
}

void sc_arn_parse(sc_arn *out, const char *s, size_t len, sc_arn_kind expect)
{
    memset(out, 0, sizeof *out);
    size_t total = sc_utf8_count(s, len);
    if (total < SC_ARN_MIN_LEN || total > SC_ARN_MAX_LEN)
        out->defects |= SC_ARN_E_LENGTH;
    if (!has_prefix(s, len, "arn:")) {
        out->defects |= SC_ARN_E_NOT_ARN;
        out->kind = SC_ARN_KIND_OTHER;
        return;
    }
    /* fields: arn : partition : service : region : account : resource */
    const char *f[6];
    size_t fl[6];
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len && k < 5; i++) {
        if (i == len || s[i] == ':') {
            f[k] = s + start;
            fl[k] = i - start;
            k++;
            start = i + 1;
        }
    }
    if (k < 5 || start > len) {
        out->defects |= SC_ARN_E_FIELDS;
        if (k >= 2) {
            out->partition = f[1];
            out->partition_len = fl[1];
        }
        return;
    }
    f[5] = s + start;
    fl[5] = len - start;
    out->partition = f[1];
    out->partition_len = fl[1];
    out->account = f[4];
    out->account_len = fl[4];
    out->resource = f[5];
    out->resource_len = fl[5];

    out->partition_known = sc_arn_partition_known(f[1], fl[1]);
    if (!out->partition_known) {
        if (has_prefix(f[1], fl[1], "aws-") && fl[1] > 4)
            out->defects |= SC_ARN_W_PARTITION;
        else
            out->defects |= SC_ARN_E_PARTITION;
    }
    if (fl[2] != 3 || memcmp(f[2], "iam", 3) != 0)
        out->defects |= SC_ARN_E_SERVICE;
    if (fl[3] != 0)
        out->defects |= SC_ARN_E_REGION;
    int acct_ok = fl[4] == 12;
    for (size_t i = 0; acct_ok && i < fl[4]; i++)
        acct_ok = is_digit((unsigned char)f[4][i]);
    if (!acct_ok)
        out->defects |= SC_ARN_E_ACCOUNT;

    const char *r = f[5];
    size_t rn = fl[5];
    size_t base = sc_utf8_count(s, (size_t)(r - s));
    if (has_prefix(r, rn, "role/"))
        out->kind = SC_ARN_KIND_ROLE;
    else if (has_prefix(r, rn, "saml-provider/"))
        out->kind = SC_ARN_KIND_PROVIDER;
    else
        out->kind = SC_ARN_KIND_OTHER;

    sc_arn_kind want = expect == SC_ARN_KIND_OTHER ? out->kind : expect;
    if (want == SC_ARN_KIND_OTHER || out->kind != want) {
        out->defects |= SC_ARN_E_TYPE;
        return;
    }
    if (want == SC_ARN_KIND_ROLE)
        parse_role(out, r + 4, rn - 4, base + 4);
    else
        parse_provider(out, r + 14, rn - 14, base + 14);
}

int sc_arn_ok(const sc_arn *a)
{
    return (a->defects & ~(unsigned)SC_ARN_WARNINGS) == 0;
}

static const char *copy_field(const char *p, size_t n, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (!p)
        n = 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(buf, p, n);
    buf[n] = '\0';
    return buf;
}

const char *sc_arn_partition(const sc_arn *a, char *buf, size_t size)
{
    return copy_field(a->partition, a->partition_len, buf, size);
}

const char *sc_arn_account(const sc_arn *a, char *buf, size_t size)
{
    return copy_field(a->account, a->account_len, buf, size);
}

const char *sc_arn_defect_text(unsigned d)
{
    static const struct {
        unsigned bit;
        const char *text;
    } tab[] = {
        {SC_ARN_E_NOT_ARN, "it does not begin with \"arn:\""},
        {SC_ARN_E_FIELDS, "it does not have the six ':'-separated fields "
                          "arn:partition:service:region:account:resource"},
        {SC_ARN_E_PARTITION, "the partition is not aws, aws-cn or aws-us-gov"},
        {SC_ARN_E_SERVICE, "the service is not \"iam\""},
        {SC_ARN_E_REGION, "the region field is not empty (IAM ARNs have no region)"},
        {SC_ARN_E_ACCOUNT, "the account ID is not 12 digits"},
        {SC_ARN_E_TYPE, "the resource type is not the expected one"},
        {SC_ARN_E_PATH,
         "the path is invalid (a role path is \"/\" or \"/segment/.../\" with characters "
         "U+0021-U+007E and no empty segment; a SAML provider ARN has no path)"},
        {SC_ARN_E_PATH_LEN, "the path is longer than 512 characters"},
        {SC_ARN_E_NAME_LEN, "the name is empty or too long"},
        {SC_ARN_E_NAME_CHARS, "the name contains a character its pattern does not allow"},
        {SC_ARN_E_LENGTH, "the ARN is not 20-2048 characters long"},
        {SC_ARN_E_RESERVED_SSO, "the role name begins with AWSReservedSSO_ (an IAM Identity Center "
                                "role, which cannot be assumed with AssumeRoleWithSAML)"},
        {SC_ARN_W_PARTITION, "the partition is an unknown aws-* partition"},
        {SC_ARN_W_NAME_COMMA,
         "the role name contains ',', which collides with the Role pair separator"},
        {SC_ARN_W_NAME_PROSE, "the provider name uses + = , or @, which the API prose allows but "
                              "the API pattern [\\w._-]+ does not"},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        if (d & tab[i].bit)
            return tab[i].text;
    return "";
}

size_t sc_arn_split(const char *s, size_t len, size_t *at, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i + 4 < len; i++) {
        if (s[i] == ',' && memcmp(s + i + 1, "arn:", 4) == 0) {
            if (n < max)
                at[n] = i;
            n++;
        }
    }
    return n;
}
