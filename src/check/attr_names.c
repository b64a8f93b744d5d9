/* Which attributes are AWS's, and the mistakes in their names and values
 * that every AWS attribute can have (RULES.md D4, D6, D7):
 * response/nameid-comment for AWS and D7 attribute values,
 * response/attribute-near-miss, response/attribute-duplicate, and the D7
 * table of attribute names that map to trust-policy context keys. */
#include "attr_ctx.h"
#include <string.h>

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

/* How an attribute Name differs from the D6 name it resembles. */
typedef struct name_diff {
    int ws, http, www, slash, seg, kase;
} name_diff;

/* The part of @p name inside surrounding D3 whitespace and trailing '/'
 * characters: [*lo, *hi). */
static void trim_name(const char *name, size_t *lo_out, size_t *hi_out, name_diff *d)
{
    const unsigned char *p = (const unsigned char *)name;
    size_t lo = 0, hi = strlen(name);
    for (;;) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + lo, hi - lo, &cp);
        if (n == 0 || !sc_is_unicode_space(cp))
            break;
        lo += n;
        d->ws = 1;
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
        d->ws = 1;
    }
    while (hi > lo && p[hi - 1] == '/') {
        hi--;
        d->slash = 1;
    }
    *lo_out = lo;
    *hi_out = hi;
}

/* Skip "https://aws.amazon.com/SAML/Attributes/" at *q as far as it is
 * there in a recognisable form (http, www., letter case, a missing
 * segment), noting the differences. 0 when *q is not an AWS URL. */
static int skip_aws_prefix(const char **q, name_diff *d)
{
    size_t k;
    if ((k = ci_prefix(*q, "https://"))) {
        d->kase |= strncmp(*q, "https://", k) != 0;
    } else if ((k = ci_prefix(*q, "http://"))) {
        d->http = 1;
    } else {
        return 0;
    }
    *q += k;
    if ((k = ci_prefix(*q, "www."))) {
        d->www = 1;
        *q += k;
    }
    if (!(k = ci_prefix(*q, "aws.amazon.com/")))
        return 0;
    d->kase |= strncmp(*q, "aws.amazon.com/", k) != 0;
    *q += k;
    if ((k = ci_prefix(*q, "SAML/Attributes/"))) {
        d->kase |= strncmp(*q, "SAML/Attributes/", k) != 0;
    } else if ((k = ci_prefix(*q, "SAML/"))) {
        d->seg = 1;
    } else if ((k = ci_prefix(*q, "Attributes/"))) {
        d->seg = 1;
    } else {
        d->seg = 1;
    }
    *q += k;
    return 1;
}

/* The D6 attribute @p q names after the prefix (case-insensitively),
 * written in full into @p want. 1, 0 when it names none, or ENOMEM. */
static int want_d6_name(const char *q, sc_buf *want, name_diff *d)
{
    size_t k;
    if ((k = ci_prefix(q, "PrincipalTag:"))) {
        d->kase |= strncmp(q, "PrincipalTag:", k) != 0;
        return !sc_buf_puts(want, NAME_TAG) && !sc_buf_puts(want, q + k) ? 1 : SAMLCHECK_ENOMEM;
    }
    for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++) {
        if (sc_str_ieq(q, short_names[i])) {
            d->kase |= strcmp(q, short_names[i]) != 0;
            return !sc_buf_puts(want, AWS_ATTR) && !sc_buf_puts(want, short_names[i])
                       ? 1
                       : SAMLCHECK_ENOMEM;
        }
    }
    return 0;
}

/* The differences, ", "-separated, into @p why. */
static int describe_diff(const name_diff *d, sc_buf *why)
{
    int rc = 0;
    const char *sep = "";
#define WHY(flag, text)                                                                            \
    if (flag && rc == 0) {                                                                         \
        rc = sc_buf_printf(why, "%s%s", sep, text);                                                \
        sep = ", ";                                                                                \
    }
    WHY(d->ws, "surrounding whitespace")
    WHY(d->http, "http:// instead of https://")
    WHY(d->www, "a www. host")
    WHY(d->slash, "a trailing '/'")
    WHY(d->seg, "a missing /SAML/Attributes/ segment")
    WHY(d->kase, "letter case")
#undef WHY
    return rc ? SAMLCHECK_ENOMEM : 0;
}

/* If @p name differs from a D6 name only in the documented ways, write the
 * intended D6 name into @p want and the differences into @p why and return
 * 1. */
static int near_miss(const char *name, sc_buf *want, sc_buf *why)
{
    name_diff d = {0, 0, 0, 0, 0, 0};
    size_t lo, hi;
    trim_name(name, &lo, &hi, &d);
    char *s = sc_strndup(name + lo, hi - lo);
    if (!s)
        return SAMLCHECK_ENOMEM;
    const char *q = s;
    int found = skip_aws_prefix(&q, &d) ? want_d6_name(q, want, &d) : 0;
    free(s);
    if (found <= 0)
        return found;
    if (!(d.ws | d.http | d.www | d.slash | d.seg | d.kase))
        return 0;
    int rc = describe_diff(&d, why);
    return rc ? rc : 1;
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

int sc_attr_check_names(ctx *c)
{
    int rc;
    if ((rc = check_ambiguous(c)) || (rc = check_near_miss(c)) || (rc = check_duplicates(c)))
        return rc;
    return 0;
}
