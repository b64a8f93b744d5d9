/* The AWS attributes of the trusted assertion (RULES.md D2, D3, D6, D7 and
 * sections 7.5-7.8), plus config/duration-out-of-range for --duration.
 *
 * Values are never trimmed (D3). A value that a comment, PI or child
 * element splits (D4 "ambiguous") is reported once as
 * response/nameid-comment and not used by any other check. A Role value
 * with whitespace gets only response/role-whitespace (one root cause, one
 * finding). */
#include "attributes.h"
#include "arn.h"
#include "../base/base.h"
#include "../xml/xml.h"
#include <stdlib.h>
#include <string.h>

#define AWS_ATTR "https://aws.amazon.com/SAML/Attributes/"
#define NAME_ROLE AWS_ATTR "Role"
#define NAME_RSN AWS_ATTR "RoleSessionName"
#define NAME_SD AWS_ATTR "SessionDuration"
#define NAME_SI AWS_ATTR "SourceIdentity"
#define NAME_TTK AWS_ATTR "TransitiveTagKeys"
#define NAME_TAG AWS_ATTR "PrincipalTag:"

#define DURATION_MIN 900
#define DURATION_MAX 43200
#define DEFAULT_MAX_SESSION 3600
#define TAG_MAX 50
#define TAG_KEY_MAX 128
#define TAG_VALUE_MAX 256
#define TAG_PACKED_HEURISTIC 4096
#define ID_MIN 2 /* roleSessionNameType / sourceIdentityType 2..64 */
#define ID_MAX 64
#define SHOW 200 /* characters of a value shown in a message */

typedef struct ctx {
    const sc_attrs *attrs;
    const samlcheck_options *opts;
    samlcheck_report *r;
    sc_aws_claims *out;
    long long snooa;
    json_t *roles; /* summary rows (owned until moved into the summary) */
    json_t *tags;
    int role_pair_ok; /* a pair names --role-arn with --provider-arn exactly */
} ctx;

static const char *vtext(const sc_attr_value *v)
{
    return v->text ? v->text : "";
}

static const xmlNode *vnode(const sc_attr *a, const sc_attr_value *v)
{
    return v->node ? v->node : a->node;
}

static int is_tag_name(const char *name)
{
    return name && sc_str_starts(name, NAME_TAG);
}

/* D6 names other than PrincipalTag:*. */
static int is_d6_plain(const char *name)
{
    return name && (!strcmp(name, NAME_ROLE) || !strcmp(name, NAME_RSN) || !strcmp(name, NAME_SD) ||
                    !strcmp(name, NAME_SI) || !strcmp(name, NAME_TTK));
}

/* ---- D7: attributes that map to trust-policy context keys ----
 * The table of DOC-ASSERT "Mapping SAML attributes to AWS trust policy
 * context keys". X.500 OIDs are listed as the page prints them (bare, and
 * with the typos 2.4.5.42 and 0.9.2342.19200300.100.1.45) and also in their
 * correct and urn:oid: forms, since IdPs send those. */
static const struct {
    const char *name;
    const char *key;
} d7_map[] = {
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "edupersonaffiliation"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.2", "edupersonnickname"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.3", "edupersonorgdn"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.4", "edupersonorgunitdn"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.5", "edupersonprimaryaffiliation"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "edupersonprincipalname"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "edupersonentitlement"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.8", "edupersonprimaryorgunitdn"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "edupersonscopedaffiliation"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.10", "edupersontargetedid"},
    {"urn:oid:1.3.6.1.4.1.5923.1.1.1.11", "edupersonassurance"},
    {"urn:oid:1.3.6.1.4.1.5923.1.2.1.2", "eduorghomepageuri"},
    {"urn:oid:1.3.6.1.4.1.5923.1.2.1.3", "eduorgidentityauthnpolicyuri"},
    {"urn:oid:1.3.6.1.4.1.5923.1.2.1.4", "eduorglegalname"},
    {"urn:oid:1.3.6.1.4.1.5923.1.2.1.5", "eduorgsuperioruri"},
    {"urn:oid:1.3.6.1.4.1.5923.1.2.1.6", "eduorgwhitepagesuri"},
    {"urn:oid:2.5.4.3", "cn"},
    {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name"},
    {"http://schemas.xmlsoap.org/claims/CommonName", "commonName"},
    {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "givenName"},
    {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "surname"},
    {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "mail"},
    {"http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", "uid"},
    {"2.5.4.3", "commonName"},
    {"2.5.4.4", "surname"},
    {"urn:oid:2.5.4.4", "surname"},
    {"2.4.5.42", "givenName"},
    {"2.5.4.42", "givenName"},
    {"urn:oid:2.5.4.42", "givenName"},
    {"2.5.4.45", "x500UniqueIdentifier"},
    {"urn:oid:2.5.4.45", "x500UniqueIdentifier"},
    {"0.9.2342.19200300100.1.1", "uid"},
    {"urn:oid:0.9.2342.19200300100.1.1", "uid"},
    {"0.9.2342.19200300100.1.3", "mail"},
    {"urn:oid:0.9.2342.19200300100.1.3", "mail"},
    {"0.9.2342.19200300.100.1.45", "organizationStatus"},
    {"0.9.2342.19200300100.1.45", "organizationStatus"},
    {"urn:oid:0.9.2342.19200300100.1.45", "organizationStatus"},
};

const char *sc_attr_context_key(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof d7_map / sizeof d7_map[0]; i++)
        if (!strcmp(name, d7_map[i].name))
            return d7_map[i].key;
    return NULL;
}

/* ---- Unicode categories for the tag patterns ----
 * \p{L}\p{Z}\p{N} approximated by ranges: exact for ASCII and Latin-1
 * (U+0000-U+00FF); for other scripts whole letter/digit blocks are taken
 * (Latin Extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic,
 * Devanagari, Thai, Georgian, Hangul, kana, CJK ideographs, fullwidth
 * forms), leaving out the punctuation, symbols and combining marks those
 * blocks are known to hold at their edges. Characters outside the table
 * count as "not L/Z/N", so the approximation can only be stricter than
 * AWS for rare scripts. */
static const uint32_t lzn_ranges[][2] = {
    {0x0030, 0x0039}, {0x0041, 0x005A},   {0x0061, 0x007A}, {0x0020, 0x0020}, {0x00A0, 0x00A0},
    {0x00AA, 0x00AA}, {0x00B2, 0x00B3},   {0x00B5, 0x00B5}, {0x00B9, 0x00BA}, {0x00BC, 0x00BE},
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6},   {0x00F8, 0x02C1}, {0x02C6, 0x02D1}, {0x02E0, 0x02E4},
    {0x02EC, 0x02EC}, {0x02EE, 0x02EE},   {0x0370, 0x0374}, {0x0376, 0x0377}, {0x037A, 0x037D},
    {0x037F, 0x037F}, {0x0386, 0x0386},   {0x0388, 0x03F5}, {0x03F7, 0x0481}, {0x048A, 0x052F},
    {0x0531, 0x0556}, {0x0559, 0x0559},   {0x0560, 0x0588}, {0x05D0, 0x05EA}, {0x05EF, 0x05F2},
    {0x0620, 0x064A}, {0x0660, 0x0669},   {0x066E, 0x066F}, {0x0671, 0x06D3}, {0x06D5, 0x06D5},
    {0x06F0, 0x06FC}, {0x0904, 0x0939},   {0x093D, 0x093D}, {0x0950, 0x0950}, {0x0958, 0x0961},
    {0x0966, 0x096F}, {0x0971, 0x0980},   {0x0E01, 0x0E30}, {0x0E32, 0x0E33}, {0x0E40, 0x0E46},
    {0x0E50, 0x0E59}, {0x10A0, 0x10C5},   {0x10D0, 0x10FA}, {0x10FC, 0x10FF}, {0x1100, 0x11FF},
    {0x1680, 0x1680}, {0x1E00, 0x1F15},   {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D},
    {0x1F50, 0x1F57}, {0x1F59, 0x1F7D},   {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FC2, 0x1FC4},
    {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},   {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4},
    {0x1FF6, 0x1FFC}, {0x2000, 0x200A},   {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x2070, 0x2071}, {0x2074, 0x2079},   {0x207F, 0x2089}, {0x2090, 0x209C}, {0x2150, 0x2189},
    {0x2460, 0x249B}, {0x24EA, 0x24FF},   {0x3000, 0x3000}, {0x3005, 0x3007}, {0x3021, 0x3029},
    {0x3031, 0x3035}, {0x3038, 0x303C},   {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA},
    {0x30FC, 0x30FF}, {0x3105, 0x312F},   {0x3131, 0x318E}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xAC00, 0xD7A3}, {0xF900, 0xFA6D},   {0xFF10, 0xFF19}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A},
    {0xFF66, 0xFFBE}, {0x20000, 0x2A6DF},
};

int sc_attr_is_lzn(uint32_t cp)
{
    for (size_t i = 0; i < sizeof lzn_ranges / sizeof lzn_ranges[0]; i++)
        if (cp >= lzn_ranges[i][0] && cp <= lzn_ranges[i][1])
            return 1;
    return 0;
}

/* [\p{L}\p{Z}\p{N}_.:/=+\-@] */
static int is_tag_char(uint32_t cp)
{
    return sc_attr_is_lzn(cp) || cp == '_' || cp == '.' || cp == ':' || cp == '/' || cp == '=' ||
           cp == '+' || cp == '-' || cp == '@';
}

/* [A-Za-z0-9_+=,.@-] (roleSessionNameType, sourceIdentityType) */
static int is_id_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '_' || cp == '+' || cp == '=' || cp == ',' || cp == '.' || cp == '@' || cp == '-';
}

/* Scan a UTF-8 value: its length in characters, and the first character
 * @p ok rejects (code point and character offset). Invalid UTF-8 bytes are
 * rejected as U+FFFD. Returns 1 when every character is accepted. */
static int scan(const char *s, int (*ok)(uint32_t), size_t *nchars, uint32_t *bad_cp,
                size_t *bad_off)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, k = 0;
    int good = 1;
    while (i < len) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (good && (n == 1 && p[i] >= 0x80 ? 1 : !ok(cp))) {
            good = 0;
            *bad_cp = cp;
            *bad_off = k;
        }
        i += n;
        k++;
    }
    *nchars = k;
    return good;
}

/* D3 whitespace/invisible, or a C0/C1 control character. */
static int is_space_or_control(uint32_t cp)
{
    return sc_is_unicode_space(cp) || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

static int enomem_if(int failed)
{
    return failed ? SAMLCHECK_ENOMEM : 0;
}

/* ---- response/nameid-comment for AWS and D7 attribute values ---- */
static int check_ambiguous(ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!is_d6_plain(a->name) && !is_tag_name(a->name) && !sc_attr_context_key(a->name))
            continue;
        for (size_t j = 0; j < a->n_values && rc == 0; j++) {
            const sc_attr_value *v = &a->values[j];
            if (!v->ambiguous)
                continue;
            char *name = sc_str_escape(a->name, SHOW);
            char *first = sc_str_escape(v->first_text ? v->first_text : "", SHOW);
            char *all = sc_str_escape(vtext(v), SHOW);
            if (name && first && all && strcmp(first, all) != 0)
                rc =
                    sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_COMMENT, vnode(a, v),
                                  "AttributeValue %zu of %s contains a comment, processing "
                                  "instruction or child element, so parsers disagree on its value: "
                                  "first text node only \"%s\", all text \"%s\"; the value is not "
                                  "used by the other checks",
                                  j + 1, name, first, all);
            else if (name && first && all)
                rc = sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_COMMENT, vnode(a, v),
                                   "AttributeValue %zu of %s contains a comment, processing "
                                   "instruction or child element; both readings give \"%s\" "
                                   "here, but the value is ambiguous and not used by the other "
                                   "checks",
                                   j + 1, name, all);
            else
                rc = SAMLCHECK_ENOMEM;
            free(name);
            free(first);
            free(all);
        }
    }
    return rc;
}

/* ---- response/attribute-near-miss ---- */
static const char *const short_names[] = {"Role", "RoleSessionName", "SessionDuration",
                                          "SourceIdentity", "TransitiveTagKeys"};

static size_t ci_prefix(const char *s, const char *pre)
{
    size_t n = strlen(pre);
    return sc_str_casestarts(s, pre) ? n : 0;
}

/* If @p name differs from a D6 name only in the documented ways, write the
 * intended D6 name into @p want and the differences into @p why and return
 * 1. */
static int near_miss(const char *name, sc_buf *want, sc_buf *why)
{
    const unsigned char *p = (const unsigned char *)name;
    size_t len = strlen(name), lo = 0, hi = len;
    int ws = 0, http = 0, www = 0, slash = 0, seg = 0, kase = 0;
    /* surrounding D3 whitespace */
    for (;;) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + lo, hi - lo, &cp);
        if (n == 0 || !sc_is_unicode_space(cp))
            break;
        lo += n;
        ws = 1;
    }
    while (hi > lo) {
        size_t b = hi - 1;
        while (b > lo && (p[b] & 0xC0) == 0x80)
            b--;
        uint32_t cp;
        size_t n = sc_utf8_decode(p + b, hi - b, &cp);
        if (n == 0 || !sc_is_unicode_space(cp))
            break;
        hi = b;
        ws = 1;
    }
    while (hi > lo && p[hi - 1] == '/') {
        hi--;
        slash = 1;
    }
    char *s = sc_strndup(name + lo, hi - lo);
    if (!s)
        return SAMLCHECK_ENOMEM;
    const char *q = s;
    size_t k;
    if ((k = ci_prefix(q, "https://"))) {
        kase |= strncmp(q, "https://", k) != 0;
    } else if ((k = ci_prefix(q, "http://"))) {
        http = 1;
    } else {
        free(s);
        return 0;
    }
    q += k;
    if ((k = ci_prefix(q, "www."))) {
        www = 1;
        q += k;
    }
    if (!(k = ci_prefix(q, "aws.amazon.com/"))) {
        free(s);
        return 0;
    }
    kase |= strncmp(q, "aws.amazon.com/", k) != 0;
    q += k;
    if ((k = ci_prefix(q, "SAML/Attributes/"))) {
        kase |= strncmp(q, "SAML/Attributes/", k) != 0;
    } else if ((k = ci_prefix(q, "SAML/"))) {
        seg = 1;
    } else if ((k = ci_prefix(q, "Attributes/"))) {
        seg = 1;
    } else {
        seg = 1;
    }
    q += k;
    int found = 0;
    if ((k = ci_prefix(q, "PrincipalTag:"))) {
        kase |= strncmp(q, "PrincipalTag:", k) != 0;
        found = !sc_buf_puts(want, NAME_TAG) && !sc_buf_puts(want, q + k) ? 1 : -1;
    } else {
        for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++) {
            if (sc_str_ieq(q, short_names[i])) {
                kase |= strcmp(q, short_names[i]) != 0;
                found = !sc_buf_puts(want, AWS_ATTR) && !sc_buf_puts(want, short_names[i]) ? 1 : -1;
                break;
            }
        }
    }
    free(s);
    if (found < 0)
        return SAMLCHECK_ENOMEM;
    if (!found || !(ws | http | www | slash | seg | kase))
        return 0;
    int rc = 0;
    const char *sep = "";
#define WHY(flag, text)                                                                            \
    if (flag && rc == 0) {                                                                         \
        rc = sc_buf_printf(why, "%s%s", sep, text);                                                \
        sep = ", ";                                                                                \
    }
    WHY(ws, "surrounding whitespace")
    WHY(http, "http:// instead of https://")
    WHY(www, "a www. host")
    WHY(slash, "a trailing '/'")
    WHY(seg, "a missing /SAML/Attributes/ segment")
    WHY(kase, "letter case")
#undef WHY
    return rc ? SAMLCHECK_ENOMEM : 1;
}

static int friendly_near_miss(const sc_attr *a, const char **want_out)
{
    if (!a->friendly_name)
        return 0;
    if (sc_str_casestarts(a->friendly_name, "PrincipalTag:")) {
        *want_out = NAME_TAG "...";
        return !is_tag_name(a->name);
    }
    static const char *const full[] = {NAME_ROLE, NAME_RSN, NAME_SD, NAME_SI, NAME_TTK};
    for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++) {
        if (sc_str_ieq(a->friendly_name, short_names[i])) {
            *want_out = full[i];
            return !a->name || strcmp(a->name, full[i]) != 0;
        }
    }
    return 0;
}

static int check_near_miss(ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (is_d6_plain(a->name) || is_tag_name(a->name))
            continue;
        sc_buf want = SC_BUF_INIT, why = SC_BUF_INIT;
        int hit = a->name ? near_miss(a->name, &want, &why) : 0;
        if (hit < 0) {
            rc = hit;
        } else if (hit) {
            char *n = sc_str_escape(a->name, SHOW);
            char *w = sc_str_escape(want.data, SHOW);
            if (n && w)
                rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ATTRIBUTE_NEAR_MISS, a->node,
                                   "Attribute Name \"%s\" is not the AWS name \"%s\" (differs in: "
                                   "%s); AWS matches Name exactly and ignores this attribute",
                                   n, w, why.data);
            else
                rc = SAMLCHECK_ENOMEM;
            free(n);
            free(w);
        } else {
            const char *target = NULL;
            if (friendly_near_miss(a, &target)) {
                char *n = sc_str_escape(a->name ? a->name : "(none)", SHOW);
                char *f = sc_str_escape(a->friendly_name, SHOW);
                if (n && f)
                    rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ATTRIBUTE_NEAR_MISS, a->node,
                                       "Attribute FriendlyName \"%s\" is an AWS attribute name but "
                                       "its Name is \"%s\", not \"%s\"; AWS matches Name exactly "
                                       "and ignores this attribute",
                                       f, n, target);
                else
                    rc = SAMLCHECK_ENOMEM;
                free(n);
                free(f);
            }
        }
        sc_buf_free(&want);
        sc_buf_free(&why);
    }
    return rc;
}

/* ---- response/attribute-duplicate ----
 * D6 names other than PrincipalTag:* (a repeated tag key is
 * response/principal-tags check 7, the more specific rule), and D7
 * context keys (case-insensitive, as condition keys are). */
static int check_duplicates(ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        const char *key = sc_attr_context_key(a->name);
        if (!is_d6_plain(a->name) && !key)
            continue;
        size_t first = i, count = 0;
        int earlier = 0;
        for (size_t j = 0; j < c->attrs->n; j++) {
            const sc_attr *b = &c->attrs->v[j];
            if (!b->name)
                continue;
            int same = key ? (sc_attr_context_key(b->name) &&
                              sc_str_ieq(key, sc_attr_context_key(b->name)))
                           : !strcmp(a->name, b->name);
            if (!same)
                continue;
            if (j < i)
                earlier = 1;
            if (count == 0)
                first = j;
            count++;
        }
        if (earlier || count < 2)
            continue; /* reported once, at the first occurrence */
        const sc_attr *second = NULL;
        for (size_t j = first + 1; j < c->attrs->n && !second; j++) {
            const sc_attr *b = &c->attrs->v[j];
            if (b->name && (key ? (sc_attr_context_key(b->name) &&
                                   sc_str_ieq(key, sc_attr_context_key(b->name)))
                                : !strcmp(a->name, b->name)))
                second = b;
        }
        char *n = sc_str_escape(a->name, SHOW);
        if (!n)
            return SAMLCHECK_ENOMEM;
        if (key)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ATTRIBUTE_DUPLICATE,
                               second ? second->node : a->node,
                               "%zu Attribute elements map to the context key saml:%s (first: "
                               "\"%s\", line %d); AWS maps only one of them, and which one is "
                               "undocumented",
                               count, key, n, sc_xml_line(a->node));
        else
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ATTRIBUTE_DUPLICATE,
                               second ? second->node : a->node,
                               "Attribute \"%s\" occurs in %zu Attribute elements (first at line "
                               "%d); expected one element, with several AttributeValues if needed",
                               n, count, sc_xml_line(a->node));
        free(n);
    }
    return rc;
}

/* ---- 7.5 The Role attribute ---- */
typedef struct pair {
    const char *text; /* the whole value (borrowed) */
    size_t role_off, role_len, prov_off, prov_len;
    sc_arn role, prov;
    const xmlNode *node;
    size_t index; /* document order */
} pair;

static char *dup_part(const char *s, size_t off, size_t len)
{
    return sc_strndup(s + off, len);
}

/* Describe every defect bit in @p bits, "; "-separated. */
static int defects_text(sc_buf *b, unsigned bits)
{
    int rc = 0;
    const char *sep = "";
    for (unsigned bit = 1; bit && rc == 0; bit <<= 1) {
        if (!(bits & bit))
            continue;
        rc = sc_buf_printf(b, "%s%s", sep, sc_arn_defect_text(bit));
        sep = "; ";
    }
    return rc;
}

static int report_arn(ctx *c, const pair *p, int is_role)
{
    const sc_arn *a = is_role ? &p->role : &p->prov;
    sc_rule_id rule =
        is_role ? SC_RULE_RESPONSE_ROLE_ARN_INVALID : SC_RULE_RESPONSE_PROVIDER_ARN_INVALID;
    const char *what = is_role ? "role" : "SAML provider";
    unsigned err = a->defects & ~(unsigned)SC_ARN_WARNINGS, warn = a->defects & SC_ARN_WARNINGS;
    int rc = 0;
    char *arn = NULL, *e = NULL;
    sc_buf b = SC_BUF_INIT;
    if (!err && !warn)
        return 0;
    arn =
        dup_part(p->text, is_role ? p->role_off : p->prov_off, is_role ? p->role_len : p->prov_len);
    e = arn ? sc_str_escape(arn, SHOW) : NULL;
    if (!e) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (err) {
        if ((rc = defects_text(&b, err)))
            goto out;
        const char *expect = is_role
                                 ? "arn:<partition>:iam::<12-digit account>:role/<path/><name>"
                                 : "arn:<partition>:iam::<12-digit account>:saml-provider/<name>";
        if (a->defects & (SC_ARN_E_PATH | SC_ARN_E_NAME_CHARS))
            rc = sc_xml_report(c->r, rule, p->node,
                               "%s ARN \"%s\" is invalid: %s (first bad character at offset %zu); "
                               "expected %s",
                               what, e, b.data, a->bad_offset, expect);
        else
            rc = sc_xml_report(c->r, rule, p->node, "%s ARN \"%s\" is invalid: %s; expected %s",
                               what, e, b.data, expect);
        if (rc)
            goto out;
        sc_buf_free(&b);
    }
    if (warn) {
        if ((rc = defects_text(&b, warn)))
            goto out;
        rc = sc_xml_reportx(c->r, rule, SAMLCHECK_SEV_WARNING, SC_AWS_DEFAULT, NULL, p->node,
                            "%s ARN \"%s\": %s", what, e, b.data);
    }
out:
    sc_buf_free(&b);
    free(arn);
    free(e);
    return rc;
}

/* Whitespace or control characters in a Role value: one finding listing
 * up to five code points with their character offsets. Returns 1 when
 * found (after reporting), 0 when clean, or a negative code. */
static int role_whitespace(ctx *c, const sc_attr *a, const sc_attr_value *v, size_t idx)
{
    const char *s = vtext(v);
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, k = 0, hits = 0;
    sc_buf list = SC_BUF_INIT;
    int rc = 0;
    while (i < len && rc == 0) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            n = 1;
            cp = 0xFFFD;
        } else if (is_space_or_control(cp)) {
            if (hits < 5)
                rc = sc_buf_printf(&list, "%sU+%04X at offset %zu", hits ? ", " : "", (unsigned)cp,
                                   k);
            hits++;
        }
        i += n;
        k++;
    }
    if (rc == 0 && hits) {
        char *e = sc_str_escape(s, SHOW);
        if (!e)
            rc = SAMLCHECK_ENOMEM;
        else
            rc = sc_xml_report(
                c->r, SC_RULE_RESPONSE_ROLE_WHITESPACE, vnode(a, v),
                "Role value %zu \"%s\" contains %zu whitespace, invisible or control "
                "character%s (%s%s); expected \"role-ARN,provider-ARN\" with no "
                "whitespace anywhere",
                idx, e, hits, hits == 1 ? "" : "s", list.data, hits > 5 ? ", ..." : "");
        free(e);
    }
    sc_buf_free(&list);
    return rc ? rc : hits > 0;
}

static const char *kind_name(sc_arn_kind k)
{
    return k == SC_ARN_KIND_ROLE ? "role" : k == SC_ARN_KIND_PROVIDER ? "saml-provider" : "other";
}

/* Split one Role value into a pair. Returns 1 with *p filled, 0 when the
 * value was reported as malformed, or a negative code. */
static int role_value(ctx *c, const sc_attr *a, const sc_attr_value *v, size_t idx, pair *p)
{
    const char *s = vtext(v);
    size_t len = strlen(s);
    const xmlNode *node = vnode(a, v);
    size_t at[3];
    if (v->nil)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, node,
                             "Role value %zu is xsi:nil; expected \"role-ARN,provider-ARN\"", idx);
    if (len == 0)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, node,
                             "Role value %zu is empty; expected \"role-ARN,provider-ARN\"", idx);
    size_t n = sc_arn_split(s, len, at, 3);
    if (n != 1) {
        char *e = sc_str_escape(s, SHOW);
        if (!e)
            return SAMLCHECK_ENOMEM;
        int rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, node,
                               n == 0 ? "Role value %zu \"%s\" holds a single ARN (no ',arn:' "
                                        "separator); expected exactly one role ARN and one SAML "
                                        "provider ARN separated by ','%s"
                                      : "Role value %zu \"%s\" holds three or more ARNs; expected "
                                        "exactly one role ARN and one SAML provider ARN%s",
                               idx, e, "");
        free(e);
        return rc;
    }
    sc_arn x, y;
    sc_arn_parse(&x, s, at[0], SC_ARN_KIND_OTHER);
    sc_arn_parse(&y, s + at[0] + 1, len - at[0] - 1, SC_ARN_KIND_OTHER);
    int role_first;
    if (x.kind == y.kind || (x.kind == SC_ARN_KIND_OTHER && y.kind == SC_ARN_KIND_OTHER)) {
        char *e = sc_str_escape(s, SHOW);
        if (!e)
            return SAMLCHECK_ENOMEM;
        int rc;
        if (x.kind == SC_ARN_KIND_OTHER)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, node,
                               "Role value %zu \"%s\": neither part is a role ARN or a SAML "
                               "provider ARN; expected one of each",
                               idx, e);
        else
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, node,
                               "Role value %zu \"%s\" holds two %s ARNs; expected one role ARN and "
                               "one SAML provider ARN",
                               idx, e, kind_name(x.kind));
        free(e);
        return rc;
    }
    /* One part names its type; the other is taken as the missing one. */
    if (x.kind == SC_ARN_KIND_ROLE || y.kind == SC_ARN_KIND_PROVIDER)
        role_first = 1;
    else
        role_first = 0;
    memset(p, 0, sizeof *p);
    p->text = s;
    p->node = node;
    if (role_first) {
        p->role_off = 0;
        p->role_len = at[0];
        p->prov_off = at[0] + 1;
        p->prov_len = len - at[0] - 1;
    } else {
        p->prov_off = 0;
        p->prov_len = at[0];
        p->role_off = at[0] + 1;
        p->role_len = len - at[0] - 1;
    }
    sc_arn_parse(&p->role, s + p->role_off, p->role_len, SC_ARN_KIND_ROLE);
    sc_arn_parse(&p->prov, s + p->prov_off, p->prov_len, SC_ARN_KIND_PROVIDER);
    int rc = report_arn(c, p, 1);
    if (rc == 0)
        rc = report_arn(c, p, 0);
    return rc ? rc : 1;
}

static int part_eq(const pair *p, int role, const char *s)
{
    size_t off = role ? p->role_off : p->prov_off, len = role ? p->role_len : p->prov_len;
    return strlen(s) == len && memcmp(p->text + off, s, len) == 0;
}

static int part_ieq(const pair *p, int role, const char *s)
{
    size_t off = role ? p->role_off : p->prov_off, len = role ? p->role_len : p->prov_len;
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char x = (unsigned char)p->text[off + i], y = (unsigned char)s[i];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

static int part_cmp(const pair *a, const pair *b, int role)
{
    size_t ao = role ? a->role_off : a->prov_off, al = role ? a->role_len : a->prov_len;
    size_t bo = role ? b->role_off : b->prov_off, bl = role ? b->role_len : b->prov_len;
    int d = memcmp(a->text + ao, b->text + bo, al < bl ? al : bl);
    if (d)
        return d;
    return al < bl ? -1 : al > bl;
}

static int pair_cmp(const void *x, const void *y)
{
    const pair *a = *(const pair *const *)x, *b = *(const pair *const *)y;
    int d = part_cmp(a, b, 1);
    if (!d)
        d = part_cmp(a, b, 0);
    if (!d)
        d = a->index < b->index ? -1 : a->index > b->index;
    return d;
}

/* response/provider-mismatch (a), RULES.md 0.2: with --provider-arn, only
 * the pairs that can be posted to that provider are compared with it: the
 * pair of --role-arn when that is given, otherwise every pair whose role is
 * in the provider's account. A multi-account Role claim (each account with
 * its own saml-provider/<same-name>) is normal: pairs for other accounts
 * belong to other providers. An unparseable --provider-arn account compares
 * every pair. */
static int postable_to_provider(const ctx *c, const pair *p)
{
    const char *want = c->opts ? c->opts->provider_arn : NULL;
    const char *role = c->opts ? c->opts->role_arn : NULL;
    if (!want)
        return 0;
    if (role) /* the pair that would be posted; none other once it exists */
        return !c->role_pair_ok && part_eq(p, 1, role);
    sc_arn w;
    char wa[16], ra[16];
    sc_arn_parse(&w, want, strlen(want), SC_ARN_KIND_PROVIDER);
    if (!w.account || (w.defects & SC_ARN_E_ACCOUNT))
        return 1;
    if (!p->role.account || (p->role.defects & SC_ARN_E_ACCOUNT))
        return 1; /* no usable account: cannot rule it out */
    return strcmp(sc_arn_account(&w, wa, sizeof wa), sc_arn_account(&p->role, ra, sizeof ra)) == 0;
}

static int check_pair_mismatch(ctx *c, const pair *p)
{
    int rc = 0;
    const sc_arn *ro = &p->role, *pv = &p->prov;
    const char *want = c->opts ? c->opts->provider_arn : NULL;
    char *prov = NULL, *ep = NULL, *ew = NULL;
    if (want && sc_arn_ok(pv) && postable_to_provider(c, p) && !part_eq(p, 0, want)) {
        prov = dup_part(p->text, p->prov_off, p->prov_len);
        ep = prov ? sc_str_escape(prov, SHOW) : NULL;
        ew = sc_str_escape(want, SHOW);
        if (!ep || !ew) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PROVIDER_MISMATCH, p->node,
                           "provider ARN \"%s\" is not the expected provider \"%s\"%s", ep, ew,
                           part_ieq(p, 0, want) ? " (they differ only in letter case; the "
                                                  "comparison is case-sensitive)"
                                                : "");
        if (rc)
            goto out;
    }
    /* (b), (c): only when both ARNs got as far as their fields */
    const unsigned nofields = SC_ARN_E_NOT_ARN | SC_ARN_E_FIELDS | SC_ARN_E_PARTITION;
    if ((ro->defects & nofields) || (pv->defects & nofields))
        goto out;
    char rp[32], pp[32], ra[16], pa[16];
    sc_arn_partition(ro, rp, sizeof rp);
    sc_arn_partition(pv, pp, sizeof pp);
    if (strcmp(rp, pp) != 0) {
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PROVIDER_MISMATCH, p->node,
                           "the role ARN is in partition \"%s\" but the provider ARN is in "
                           "partition \"%s\"; both must be in the same partition",
                           rp, pp);
        if (rc)
            goto out;
    }
    if (!(ro->defects & SC_ARN_E_ACCOUNT) && !(pv->defects & SC_ARN_E_ACCOUNT) &&
        strcmp(sc_arn_account(ro, ra, sizeof ra), sc_arn_account(pv, pa, sizeof pa)) != 0)
        rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_PROVIDER_MISMATCH, SAMLCHECK_SEV_WARNING,
                            SC_AWS_DEFAULT, NULL, p->node,
                            "the role is in account %s but the SAML provider is in account %s; "
                            "cross-account providers are undocumented",
                            ra, pa);
out:
    free(prov);
    free(ep);
    free(ew);
    return rc;
}

static int check_not_offered(ctx *c, pair *const *ps, size_t n)
{
    const char *role = c->opts ? c->opts->role_arn : NULL;
    const char *prov = c->opts ? c->opts->provider_arn : NULL;
    if (!role || n == 0)
        return 0;
    const pair *same_role = NULL, *case_role = NULL;
    for (size_t i = 0; i < n; i++) {
        if (part_eq(ps[i], 1, role)) {
            if (!prov || part_eq(ps[i], 0, prov))
                return 0;
            if (!same_role)
                same_role = ps[i];
        } else if (!case_role && part_ieq(ps[i], 1, role)) {
            case_role = ps[i];
        }
    }
    int rc = 0;
    char *er = sc_str_escape(role, SHOW), *ep = sc_str_escape(prov ? prov : "", SHOW);
    char *other = NULL, *eo = NULL;
    if (!er || !ep) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (same_role) {
        other = dup_part(same_role->text, same_role->prov_off, same_role->prov_len);
        eo = other ? sc_str_escape(other, SHOW) : NULL;
        if (!eo) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        rc =
            sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_NOT_OFFERED, same_role->node,
                          "role \"%s\" is offered only with provider \"%s\", not with the expected "
                          "provider \"%s\"",
                          er, eo, ep);
    } else if (case_role) {
        other = dup_part(case_role->text, case_role->role_off, case_role->role_len);
        eo = other ? sc_str_escape(other, SHOW) : NULL;
        if (!eo) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        rc =
            sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_NOT_OFFERED, case_role->node,
                          "role \"%s\" is not offered; \"%s\" differs from it only in letter case, "
                          "and role names are case-sensitive when a role is assumed",
                          er, eo);
    } else {
        /* list what is offered (the first 10 roles), the likely right pick */
        sc_buf off = SC_BUF_INIT;
        for (size_t i = 0; i < n && i < 10 && !rc; i++) {
            char *ro = dup_part(ps[i]->text, ps[i]->role_off, ps[i]->role_len);
            char *e = ro ? sc_str_escape(ro, SHOW) : NULL;
            rc = !e || sc_buf_printf(&off, "%s\"%s\"", i ? ", " : "", e) ? SAMLCHECK_ENOMEM : 0;
            free(ro);
            free(e);
        }
        if (!rc && n > 10)
            rc = sc_buf_printf(&off, " and %zu more", n - 10) ? SAMLCHECK_ENOMEM : 0;
        if (!rc)
            rc = sc_report_add(c->r, SC_RULE_RESPONSE_ROLE_NOT_OFFERED, SC_POS_NONE,
                               "role \"%s\"%s%s%s is not among the %zu role/provider pair%s the "
                               "response offers; offered: %s",
                               er, prov ? " with provider \"" : "", prov ? ep : "",
                               prov ? "\"" : "", n, n == 1 ? "" : "s", off.data ? off.data : "");
        sc_buf_free(&off);
    }
out:
    free(er);
    free(ep);
    free(other);
    free(eo);
    return rc;
}

/* One row of the summary's Roles table, in document order, for every Role
 * value: the pair as sent (escaped by the renderers), its account, and a
 * status: "ok", "invalid ARN" (a part fails its grammar), or for values
 * that are not a usable pair "whitespace", "malformed" or "ambiguous"
 * (issue 7 item 12: the table never disappears because values are bad). */
static int summary_row(ctx *c, const char *role, const char *prov, const char *acct,
                       const char *status)
{
    json_t *row = json_object();
    int rc = 0;
    if (!row || json_object_set_new(row, "role_arn", json_string(role ? role : "")) ||
        json_object_set_new(row, "provider_arn", prov ? json_string(prov) : json_null()) ||
        json_object_set_new(row, "account", json_string(acct ? acct : "")) ||
        json_object_set_new(row, "status", json_string(status)) || json_array_append(c->roles, row))
        rc = SAMLCHECK_ENOMEM;
    json_decref(row);
    return rc;
}

static int summary_role(ctx *c, const pair *p)
{
    char *role = dup_part(p->text, p->role_off, p->role_len);
    char *prov = dup_part(p->text, p->prov_off, p->prov_len);
    char acct[32];
    int rc = SAMLCHECK_ENOMEM;
    sc_arn_account(&p->role, acct, sizeof acct);
    if (role && prov)
        rc = summary_row(c, role, prov, acct,
                         sc_arn_ok(&p->role) && sc_arn_ok(&p->prov) ? "ok" : "invalid ARN");
    free(role);
    free(prov);
    return rc;
}

/* A Role value that gave no pair: shown as sent, split at the D2 point
 * when there is exactly one (role part first as written). */
static int summary_raw(ctx *c, const sc_attr_value *v, const char *status)
{
    const char *s = vtext(v);
    size_t len = strlen(s), at[2];
    if (sc_arn_split(s, len, at, 2) != 1)
        return summary_row(c, s, NULL, "", status);
    char *x = dup_part(s, 0, at[0]), *y = dup_part(s, at[0] + 1, len - at[0] - 1);
    int rc = SAMLCHECK_ENOMEM;
    if (x && y) {
        /* the account of whichever part names a role, trimmed of the
         * whitespace that made it invalid */
        const char *r = strstr(x, ":role/") ? x : strstr(y, ":role/") ? y : NULL;
        char acct[32] = "";
        if (r) {
            const char *p = r;
            while (sc_is_xml_space(*p))
                p++;
            sc_arn a;
            sc_arn_parse(&a, p, strlen(p), SC_ARN_KIND_ROLE);
            sc_arn_account(&a, acct, sizeof acct);
            if (a.defects & SC_ARN_E_ACCOUNT)
                acct[0] = '\0';
        }
        rc = summary_row(c, r == y ? y : x, r == y ? x : y, acct, status);
    }
    free(x);
    free(y);
    return rc;
}

static int check_roles(ctx *c)
{
    int rc = 0, have_attr = 0;
    size_t nvals = 0, np = 0;
    pair *pairs = NULL;
    pair **sorted = NULL;
    for (size_t i = 0; i < c->attrs->n; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (a->name && !strcmp(a->name, NAME_ROLE)) {
            have_attr = 1;
            nvals += a->n_values;
        }
    }
    if (nvals == 0) {
        const sc_attr *a = NULL;
        for (size_t i = 0; i < c->attrs->n && !a; i++)
            if (c->attrs->v[i].name && !strcmp(c->attrs->v[i].name, NAME_ROLE))
                a = &c->attrs->v[i];
        if (have_attr)
            return sc_xml_report(
                c->r, SC_RULE_RESPONSE_ROLE_MISSING, a->node,
                "the Role attribute \"%s\" has no AttributeValue; expected at least "
                "one \"role-ARN,provider-ARN\" value",
                NAME_ROLE);
        return sc_report_add(c->r, SC_RULE_RESPONSE_ROLE_MISSING, SC_POS_NONE,
                             "no Attribute has Name \"%s\" (exact, case-sensitive); found %zu "
                             "other attribute%s",
                             NAME_ROLE, c->attrs->n, c->attrs->n == 1 ? "" : "s");
    }
    pairs = calloc(nvals, sizeof *pairs);
    sorted = calloc(nvals, sizeof *sorted);
    if (!pairs || !sorted) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    size_t idx = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_ROLE) != 0)
            continue;
        for (size_t j = 0; j < a->n_values && rc == 0; j++) {
            const sc_attr_value *v = &a->values[j];
            idx++;
            if (v->ambiguous) { /* reported as response/nameid-comment */
                rc = summary_raw(c, v, "ambiguous");
                continue;
            }
            int ws = v->nil ? 0 : role_whitespace(c, a, v, idx);
            if (ws < 0) {
                rc = ws;
                break;
            }
            if (ws) {
                rc = summary_raw(c, v, "whitespace");
                continue;
            }
            int got = role_value(c, a, v, idx, &pairs[np]);
            if (got < 0) {
                rc = got;
                break;
            }
            if (got) {
                pairs[np].index = np;
                sorted[np] = &pairs[np];
                rc = summary_role(c, &pairs[np]);
                np++;
            } else {
                rc = summary_raw(c, v, v->nil ? "nil" : "malformed");
            }
        }
    }
    if (rc)
        goto out;
    /* duplicate identical pairs (warning sub-case), whatever their order */
    qsort(sorted, np, sizeof *sorted, pair_cmp);
    for (size_t i = 1; i < np && rc == 0; i++) {
        if (part_cmp(sorted[i - 1], sorted[i], 1) || part_cmp(sorted[i - 1], sorted[i], 0))
            continue;
        char *e = dup_part(sorted[i]->text, 0, strlen(sorted[i]->text));
        char *x = e ? sc_str_escape(e, SHOW) : NULL;
        if (!x)
            rc = SAMLCHECK_ENOMEM;
        else
            rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, SAMLCHECK_SEV_WARNING,
                                SC_AWS_DEFAULT, NULL, sorted[i]->node,
                                "Role value \"%s\" repeats a role/provider pair offered earlier "
                                "(line %d)",
                                x, sc_xml_line(sorted[i - 1]->node));
        free(e);
        free(x);
    }
    /* restore document order for the rest */
    for (size_t i = 0; i < np; i++)
        sorted[i] = &pairs[i];
    int part_state = 0; /* 0 none, 1 agreed, 2 disagree */
    size_t postable = 0;
    c->role_pair_ok = 0;
    for (size_t i = 0; i < np && c->opts && c->opts->role_arn && c->opts->provider_arn; i++)
        if (part_eq(&pairs[i], 1, c->opts->role_arn) &&
            part_eq(&pairs[i], 0, c->opts->provider_arn))
            c->role_pair_ok = 1;
    for (size_t i = 0; i < np && rc == 0; i++) {
        pair *p = &pairs[i];
        if (c->opts && c->opts->provider_arn &&
            (postable_to_provider(c, p) || part_eq(p, 0, c->opts->provider_arn)))
            postable++;
        rc = check_pair_mismatch(c, p);
        if (sc_arn_ok(&p->role) && sc_arn_ok(&p->prov))
            c->out->n_roles++;
        if (p->role.partition_known && !(p->role.defects & SC_ARN_E_FIELDS)) {
            char pt[16];
            sc_arn_partition(&p->role, pt, sizeof pt);
            if (part_state == 0) {
                memcpy(c->out->partition, pt, sizeof pt);
                part_state = 1;
            } else if (strcmp(c->out->partition, pt) != 0) {
                part_state = 2;
            }
        }
    }
    if (part_state == 2)
        c->out->partition[0] = '\0';
    if (rc == 0 && np && !postable && c->opts && c->opts->provider_arn && !c->opts->role_arn) {
        /* the provider the user names can receive none of the pairs */
        sc_arn w;
        char wa[16];
        sc_arn_parse(&w, c->opts->provider_arn, strlen(c->opts->provider_arn),
                     SC_ARN_KIND_PROVIDER);
        char *ew = sc_str_escape(c->opts->provider_arn, SHOW);
        rc = ew ? sc_xml_report(c->r, SC_RULE_RESPONSE_PROVIDER_MISMATCH, pairs[0].node,
                                "none of the %zu role/provider pair%s names the expected provider "
                                "\"%s\" or a role in its account %s; the response cannot be "
                                "used with that provider",
                                np, np == 1 ? "" : "s", ew, sc_arn_account(&w, wa, sizeof wa))
                : SAMLCHECK_ENOMEM;
        free(ew);
    }
    if (rc == 0)
        rc = check_not_offered(c, sorted, np);
out:
    free(pairs);
    free(sorted);
    return rc;
}

/* ---- 7.6 RoleSessionName, SourceIdentity, SessionDuration ---- */

/* rc = a finding whose first %s is @p value, escaped; the format stays a
 * literal so that the compiler checks it (at least one more argument). */
#define REPORT_ESC(rc, c, rule, sev, node, value, fmt, ...)                                        \
    do {                                                                                           \
        char *esc_ = sc_str_escape((value), SHOW);                                                 \
        (rc) = esc_ ? sc_xml_reportx((c)->r, (rule), (sev), SC_AWS_DEFAULT, NULL, (node), fmt,     \
                                     esc_, __VA_ARGS__)                                            \
                    : SAMLCHECK_ENOMEM;                                                            \
        free(esc_);                                                                                \
    } while (0)

/* ^[A-Za-z0-9_+=,.@-]{2,64}$ on a D4 value, not trimmed. Returns 1 when
 * the value matches, 0 with the reason in @p why, or a negative code. */
static int id_valid(const char *s, sc_buf *why)
{
    size_t n = 0, off = 0;
    uint32_t cp = 0;
    int chars_ok = scan(s, is_id_char, &n, &cp, &off);
    if (chars_ok && n >= ID_MIN && n <= ID_MAX)
        return 1;
    int rc = 0;
    const char *sep = "";
    if (n < ID_MIN || n > ID_MAX) {
        rc = sc_buf_printf(why, "it is %zu character%s long (2-64 allowed)", n, n == 1 ? "" : "s");
        sep = "; ";
    }
    if (!chars_ok && rc == 0) {
        const char *kind = cp == 0x20                ? " (a space)"
                           : is_space_or_control(cp) ? " (whitespace or a control character)"
                           : cp >= 0x80              ? " (not ASCII)"
                                                     : "";
        rc = sc_buf_printf(why, "%scharacter U+%04X%s at offset %zu is not in [A-Za-z0-9_+=,.@-]",
                           sep, (unsigned)cp, kind, off);
    }
    return rc ? rc : 0;
}

/* The first attribute named exactly @p name; counts them and those with
 * values. */
static const sc_attr *find_named(const ctx *c, const char *name, size_t *count, size_t *with_values)
{
    const sc_attr *first = NULL;
    size_t n = 0, wv = 0;
    for (size_t i = 0; i < c->attrs->n; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (a->name && !strcmp(a->name, name)) {
            if (!first)
                first = a;
            n++;
            if (a->n_values)
                wv++;
        }
    }
    if (count)
        *count = n;
    if (with_values)
        *with_values = wv;
    return first;
}

static int summary_set(json_t *summary, const char *key, json_t *val)
{
    if (!val)
        return SAMLCHECK_ENOMEM;
    if (!summary || json_object_get(summary, key)) {
        json_decref(val);
        return 0;
    }
    return enomem_if(json_object_set_new(summary, key, val) != 0);
}

/* RoleSessionName and SourceIdentity share the STS pattern. */
static int check_identifier(ctx *c, const char *name, const char *label, sc_rule_id rule,
                            int check_prefix, const char *summary_key, json_t *summary)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, name) != 0)
            continue;
        if (a->n_values != 1) {
            if (a->n_values == 0 && rule == SC_RULE_RESPONSE_SESSION_NAME_INVALID)
                continue; /* response/session-name-missing */
            rc = sc_xml_report(c->r, rule, a->node,
                               "%s has %zu AttributeValues; expected exactly one", label,
                               a->n_values);
            continue;
        }
        const sc_attr_value *v = &a->values[0];
        if (v->ambiguous)
            continue; /* response/nameid-comment */
        const char *s = v->nil ? "" : vtext(v);
        if (check_prefix && sc_str_casestarts(s, "aws:")) {
            REPORT_ESC(rc, c, rule, SAMLCHECK_SEV_ERROR, vnode(a, v), s,
                       "\"%s\" (%s) begins with the reserved prefix \"aws:\" (checked "
                       "case-insensitively)",
                       label);
        } else {
            sc_buf why = SC_BUF_INIT;
            int ok = id_valid(s, &why);
            if (ok < 0)
                rc = ok;
            else if (!ok)
                REPORT_ESC(rc, c, rule, SAMLCHECK_SEV_ERROR, vnode(a, v), s,
                           "\"%s\" (%s) does not match ^[A-Za-z0-9_+=,.@-]{2,64}$ (the value is "
                           "not trimmed): %s",
                           label, why.data);
            sc_buf_free(&why);
        }
        if (rc == 0)
            rc = summary_set(summary, summary_key, json_string(s));
    }
    return rc;
}

static int check_session_name(ctx *c, json_t *summary)
{
    size_t n = 0, with_values = 0;
    const sc_attr *a = find_named(c, NAME_RSN, &n, &with_values);
    if (with_values == 0) {
        if (n)
            return sc_xml_report(
                c->r, SC_RULE_RESPONSE_SESSION_NAME_MISSING, a->node,
                "the RoleSessionName attribute has no AttributeValue; expected one "
                "value such as a user ID");
        return sc_report_add(c->r, SC_RULE_RESPONSE_SESSION_NAME_MISSING, SC_POS_NONE,
                             "no Attribute has Name \"%s\" (exact, case-sensitive)", NAME_RSN);
    }
    return check_identifier(c, NAME_RSN, "RoleSessionName", SC_RULE_RESPONSE_SESSION_NAME_INVALID,
                            0, "session_name", summary);
}

static int check_source_identity(ctx *c, json_t *summary)
{
    size_t n = 0;
    find_named(c, NAME_SI, &n, NULL);
    if (n == 0)
        return 0;
    c->out->has_source_identity = 1;
    return check_identifier(c, NAME_SI, "SourceIdentity", SC_RULE_RESPONSE_SOURCE_IDENTITY_INVALID,
                            1, "source_identity", summary);
}

static long max_session(const ctx *c)
{
    return c->opts && c->opts->max_session_duration >= 0 ? c->opts->max_session_duration
                                                         : DEFAULT_MAX_SESSION;
}

static int check_session_duration(ctx *c, json_t *summary)
{
    int rc = 0;
    const xmlNode *at = NULL;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_SD) != 0)
            continue;
        if (a->n_values != 1) {
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_SESSION_DURATION, a->node,
                               "SessionDuration has %zu AttributeValues; expected exactly one",
                               a->n_values);
            continue;
        }
        const sc_attr_value *v = &a->values[0];
        if (v->ambiguous)
            continue;
        const char *s = v->nil ? "" : vtext(v);
        size_t len = strlen(s), digits = 0;
        while (digits < len && s[digits] >= '0' && s[digits] <= '9')
            digits++;
        if (len == 0 || digits != len) {
            REPORT_ESC(rc, c, SC_RULE_RESPONSE_SESSION_DURATION, SAMLCHECK_SEV_ERROR, vnode(a, v),
                       s,
                       "SessionDuration \"%s\" is not a whole number of seconds "
                       "(^[0-9]+$: no sign, decimals or whitespace)%s",
                       "");
            if (rc == 0)
                rc = summary_set(summary, "session_duration", json_string(s));
            continue;
        }
        long val = 0;
        int big = 0;
        for (size_t k = 0; k < len; k++) {
            val = val * 10 + (s[k] - '0');
            if (val > 1000000000L) {
                big = 1;
                break;
            }
        }
        if (big || val < DURATION_MIN || val > DURATION_MAX) {
            REPORT_ESC(rc, c, SC_RULE_RESPONSE_SESSION_DURATION, SAMLCHECK_SEV_ERROR, vnode(a, v),
                       s,
                       "SessionDuration %s is outside 900-43200 seconds (15 minutes to 12 "
                       "hours)%s",
                       "");
            if (rc == 0)
                rc = summary_set(summary, "session_duration",
                                 big ? json_string(s) : json_integer(val));
            continue;
        }
        if (c->out->session_duration < 0) {
            c->out->session_duration = val;
            at = vnode(a, v);
        }
        rc = summary_set(summary, "session_duration", json_integer(val));
    }
    if (rc || c->out->session_duration < 0)
        return rc;
    long sd = c->out->session_duration;
    /* duration-exceeds-max: for the role that will be assumed */
    if (c->opts && (c->opts->role_arn || c->opts->max_session_duration >= 0) &&
        sd > max_session(c)) {
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_DURATION_EXCEEDS_MAX, at,
                           "SessionDuration %ld exceeds the role's MaxSessionDuration %ld%s", sd,
                           max_session(c),
                           c->opts->max_session_duration >= 0 ? ""
                                                              : " (the default; pass "
                                                                "--max-session-duration if the "
                                                                "role says otherwise)");
        if (rc)
            return rc;
    }
    /* info sub-case: SessionNotOnOrAfter ends the session earlier */
    long long now = c->opts ? c->opts->now : 0;
    if (c->snooa > now && c->snooa < now + sd) {
        char when[32];
        sc_time_format(c->snooa, when, sizeof when);
        rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_DURATION_EXCEEDS_MAX, SAMLCHECK_SEV_INFO, NULL,
                            NULL, at,
                            "AuthnStatement/@SessionNotOnOrAfter %s ends the session after %lld "
                            "seconds, before SessionDuration %ld; the smaller of the two wins",
                            when, c->snooa - now, sd);
    }
    return rc;
}

/* config/duration-out-of-range for --duration (DurationSeconds). */
static int check_requested_duration(ctx *c)
{
    if (!c->opts || c->opts->duration < 0)
        return 0;
    long d = c->opts->duration;
    if (d < DURATION_MIN || d > DURATION_MAX)
        return sc_report_add(c->r, SC_RULE_CONFIG_DURATION_OUT_OF_RANGE, SC_POS_NONE,
                             "requested DurationSeconds %ld is outside 900-43200", d);
    if (d > max_session(c))
        return sc_report_add(c->r, SC_RULE_CONFIG_DURATION_OUT_OF_RANGE, SC_POS_NONE,
                             "requested DurationSeconds %ld exceeds the role's MaxSessionDuration "
                             "%ld%s",
                             d, max_session(c),
                             c->opts->max_session_duration >= 0 ? "" : " (the default)");
    return 0;
}

/* ---- 7.7 Session tags ---- */

/* Key rules shared by PrincipalTag keys and TransitiveTagKeys values.
 * Reports each defect under @p rule; returns 0 or a negative code; sets
 * *bad when the key is invalid. */
static int check_tag_key(ctx *c, sc_rule_id rule, const xmlNode *n, const char *key,
                         const char *what, int *bad)
{
    size_t len = 0, off = 0;
    uint32_t cp = 0;
    int ok = scan(key, is_tag_char, &len, &cp, &off);
    int rc = 0;
    *bad = 0;
    if (len == 0) {
        *bad = 1;
        return sc_xml_report(c->r, rule, n, "%s: the tag key is empty; expected 1-128 characters",
                             what);
    }
    char *e = sc_str_escape(key, SHOW);
    if (!e)
        return SAMLCHECK_ENOMEM;
    if (len > TAG_KEY_MAX) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" is %zu characters long; at most 128 are allowed",
                           what, e, len);
    }
    if (rc == 0 && !ok) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" has character U+%04X at offset %zu, which "
                           "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@] does not allow",
                           what, e, (unsigned)cp, off);
    }
    if (rc == 0 && sc_str_casestarts(key, "aws:")) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" begins with the reserved prefix \"aws:\"", what, e);
    }
    free(e);
    return rc;
}

typedef struct tag {
    const sc_attr *a;
    const char *key;
} tag;

static int check_tags(ctx *c)
{
    int rc = 0;
    size_t ntags = 0, packed = 0;
    tag *tags = NULL;
    for (size_t i = 0; i < c->attrs->n; i++)
        if (is_tag_name(c->attrs->v[i].name))
            ntags++;
    if (ntags == 0)
        return 0;
    c->out->has_tags = 1;
    tags = calloc(ntags, sizeof *tags);
    if (!tags)
        return SAMLCHECK_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!is_tag_name(a->name))
            continue;
        const char *key = a->name + strlen(NAME_TAG);
        tags[k].a = a;
        tags[k].key = key;
        k++;
        packed += strlen(key);
        int bad = 0;
        if ((rc = check_tag_key(c, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node, key, "PrincipalTag",
                                &bad)))
            break;
        if (k == TAG_MAX + 1) {
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node,
                               "the assertion has %zu PrincipalTag attributes; at most 50 session "
                               "tags are allowed",
                               ntags);
            if (rc)
                break;
        }
        /* check 7: keys equal case-insensitively (ASCII folding) */
        for (size_t j = 0; j + 1 < k; j++) {
            if (!sc_str_ieq(tags[j].key, key))
                continue;
            char *e1 = sc_str_escape(key, SHOW), *e2 = sc_str_escape(tags[j].key, SHOW);
            if (e1 && e2)
                rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node,
                                   "tag key \"%s\" repeats \"%s\" (line %d); session tag keys are "
                                   "case-insensitive, so each key may be sent once",
                                   e1, e2, sc_xml_line(tags[j].a->node));
            else
                rc = SAMLCHECK_ENOMEM;
            free(e1);
            free(e2);
            break;
        }
        if (rc)
            break;
        for (size_t j = 0; j < a->n_values; j++)
            packed += strlen(vtext(&a->values[j]));
        if (a->n_values != 1) {
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node,
                               "PrincipalTag:%s has %zu AttributeValues; a session tag has exactly "
                               "one value (join several with a separator such as ':')",
                               bad ? "..." : key, a->n_values);
            continue;
        }
        const sc_attr_value *v = &a->values[0];
        if (v->ambiguous)
            continue;
        const char *s = v->nil ? "" : vtext(v);
        size_t len = 0, off = 0;
        uint32_t cp = 0;
        int ok = scan(s, is_tag_char, &len, &cp, &off);
        char *e = sc_str_escape(s, SHOW);
        if (!e) {
            rc = SAMLCHECK_ENOMEM;
            break;
        }
        if (len > TAG_VALUE_MAX)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                               "tag value \"%s\" is %zu characters long; at most 256 are allowed",
                               e, len);
        if (rc == 0 && !ok)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                               "tag value \"%s\" has character U+%04X at offset %zu, which "
                               "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@] does not allow%s",
                               e, (unsigned)cp, off,
                               cp == 0x09 || cp == 0x0A || cp == 0x0D ? " (tabs and newlines are "
                                                                        "not allowed; spaces are)"
                                                                      : "");
        if (rc == 0 && sc_str_casestarts(s, "aws:"))
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                               "tag value \"%s\" begins with the reserved prefix \"aws:\"", e);
        free(e);
    }
    if (rc == 0 && packed > TAG_PACKED_HEURISTIC)
        rc = sc_report_addx(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, SAMLCHECK_SEV_INFO, NULL, NULL,
                            SC_POS_NONE,
                            "the session tag keys and values total %zu bytes of plain text (more "
                            "than 4 KiB); AWS may reject them with PackedPolicyTooLarge (a "
                            "heuristic: the packed size is not computable offline)",
                            packed);
    free(tags);
    return rc;
}

/* Is @p key a PrincipalTag key (case-insensitive)? */
static int tag_exists(const ctx *c, const char *key)
{
    for (size_t i = 0; i < c->attrs->n; i++)
        if (is_tag_name(c->attrs->v[i].name) &&
            sc_str_ieq(c->attrs->v[i].name + strlen(NAME_TAG), key))
            return 1;
    return 0;
}

static int check_transitive(ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_TTK) != 0)
            continue;
        c->out->has_tags = 1;
        if (a->n_values > TAG_MAX) {
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, a->node,
                               "TransitiveTagKeys has %zu values; at most 50 are allowed",
                               a->n_values);
            if (rc)
                break;
        }
        for (size_t j = 0; j < a->n_values && rc == 0; j++) {
            const sc_attr_value *v = &a->values[j];
            if (v->ambiguous)
                continue;
            const char *s = v->nil ? "" : vtext(v);
            int bad = 0;
            if ((rc = check_tag_key(c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, vnode(a, v), s,
                                    "TransitiveTagKeys", &bad)) ||
                bad)
                continue;
            int dup = 0;
            for (size_t m = 0; m < j && !dup; m++)
                dup = !a->values[m].ambiguous && sc_str_ieq(vtext(&a->values[m]), s);
            if (dup)
                REPORT_ESC(rc, c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, SAMLCHECK_SEV_WARNING,
                           vnode(a, v), s, "transitive tag key \"%s\" is listed more than once%s",
                           "");
            else if (!tag_exists(c, s))
                REPORT_ESC(rc, c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, SAMLCHECK_SEV_WARNING,
                           vnode(a, v), s,
                           "transitive tag key \"%s\" names no PrincipalTag attribute in this "
                           "assertion%s",
                           "");
        }
    }
    return rc;
}

static int is_transitive(const ctx *c, const char *key)
{
    for (size_t i = 0; i < c->attrs->n; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_TTK) != 0)
            continue;
        for (size_t j = 0; j < a->n_values; j++)
            if (!a->values[j].ambiguous && sc_str_ieq(vtext(&a->values[j]), key))
                return 1;
    }
    return 0;
}

static int summary_tags(ctx *c, json_t *summary)
{
    if (!summary)
        return 0;
    json_t *arr = json_array();
    if (!arr)
        return SAMLCHECK_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!is_tag_name(a->name))
            continue;
        const char *key = a->name + strlen(NAME_TAG);
        json_t *row = json_object();
        json_t *val = a->n_values == 1 && !a->values[0].ambiguous
                          ? json_string(a->values[0].nil ? "" : vtext(&a->values[0]))
                          : json_null();
        if (!row || !val || json_object_set_new(row, "key", json_string(key)) ||
            json_object_set(row, "value", val) ||
            json_object_set_new(row, "transitive", json_boolean(is_transitive(c, key))) ||
            json_array_append(arr, row))
            rc = SAMLCHECK_ENOMEM;
        json_decref(val);
        json_decref(row);
    }
    if (rc == 0 && json_array_size(arr) > 0) {
        rc = summary_set(summary, "tags", arr);
        arr = NULL;
    }
    json_decref(arr);
    return rc;
}

int sc_check_aws_attributes(sc_aws_claims *out, const sc_attrs *attrs,
                            long long session_not_on_or_after, const samlcheck_options *opts,
                            samlcheck_report *r, json_t *summary)
{
    static const sc_attrs none = {NULL, 0};
    ctx c = {attrs ? attrs : &none, opts, r, out, session_not_on_or_after, NULL, NULL, 0};
    int rc = 0;
    memset(out, 0, sizeof *out);
    out->session_duration = -1;
    c.roles = json_array();
    if (!c.roles) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if ((rc = check_ambiguous(&c)) || (rc = check_near_miss(&c)) || (rc = check_duplicates(&c)) ||
        (rc = check_roles(&c)))
        goto out;
    if (summary && json_array_size(c.roles) > 0) {
        rc = summary_set(summary, "roles", c.roles);
        c.roles = NULL;
        if (rc)
            goto out;
    }
    if ((rc = check_session_name(&c, summary)) || (rc = check_source_identity(&c, summary)) ||
        (rc = check_session_duration(&c, summary)) || (rc = check_requested_duration(&c)) ||
        (rc = check_tags(&c)) || (rc = check_transitive(&c)) || (rc = summary_tags(&c, summary)))
        goto out;
out:
    json_decref(c.roles);
    return rc;
}
