/* RULES.md 7.5: the Role attribute. Each value is a role/provider pair
 * (D2); the checks: response/role-missing, role-format, role-whitespace,
 * role-arn-invalid, provider-arn-invalid, provider-mismatch against
 * --provider-arn, role-not-offered against --role-arn (with the near
 * misses: the role offered with another provider, or differing only in
 * letter case), and the summary's Roles table. A Role value with
 * whitespace gets only response/role-whitespace (one root cause, one
 * finding). */
#include "attr_ctx.h"
#include "arn.h"
#include <string.h>

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

/* The role (@p is_role) or provider part of @p p, escaped for a message:
 * malloc'd, NULL when out of memory. */
static char *shown_part(const pair *p, int is_role)
{
    char *raw = is_role ? dup_part(p->text, p->role_off, p->role_len)
                        : dup_part(p->text, p->prov_off, p->prov_len);
    char *e = raw ? sc_str_escape(raw, SHOW) : NULL;
    free(raw);
    return e;
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
    char *e = NULL;
    sc_buf b = SC_BUF_INIT;
    if (!err && !warn)
        return 0;
    if (!(e = shown_part(p, is_role))) {
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
    char *eo = NULL;
    if (!er || !ep) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (same_role) {
        if (!(eo = shown_part(same_role, 0))) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        rc =
            sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_NOT_OFFERED, same_role->node,
                          "role \"%s\" is offered only with provider \"%s\", not with the expected "
                          "provider \"%s\"",
                          er, eo, ep);
    } else if (case_role) {
        if (!(eo = shown_part(case_role, 1))) {
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
            char *e = shown_part(ps[i], 1);
            rc = !e || sc_buf_printf(&off, "%s\"%s\"", i ? ", " : "", e) ? SAMLCHECK_ENOMEM : 0;
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

/* response/role-missing: no Role attribute, or Role attributes without a
 * value. */
static int report_role_missing(ctx *c, int have_attr)
{
    const sc_attr *a = NULL;
    for (size_t i = 0; i < c->attrs->n && !a; i++)
        if (c->attrs->v[i].name && !strcmp(c->attrs->v[i].name, NAME_ROLE))
            a = &c->attrs->v[i];
    if (have_attr)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_ROLE_MISSING, a->node,
                             "the Role attribute \"%s\" has no AttributeValue; expected at least "
                             "one \"role-ARN,provider-ARN\" value",
                             NAME_ROLE);
    return sc_report_add(c->r, SC_RULE_RESPONSE_ROLE_MISSING, SC_POS_NONE,
                         "no Attribute has Name \"%s\" (exact, case-sensitive); found %zu "
                         "other attribute%s",
                         NAME_ROLE, c->attrs->n, c->attrs->n == 1 ? "" : "s");
}

/* The number of Role AttributeValues; *have_attr when a Role attribute
 * exists at all. */
static size_t count_role_values(const ctx *c, int *have_attr)
{
    size_t nvals = 0;
    *have_attr = 0;
    for (size_t i = 0; i < c->attrs->n; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (a->name && !strcmp(a->name, NAME_ROLE)) {
            *have_attr = 1;
            nvals += a->n_values;
        }
    }
    return nvals;
}

/* Every Role value in document order: report what is wrong with it, add
 * its row to the summary's Roles table, and append it to @p pairs
 * (*np of them) when it is a usable role/provider pair. */
static int read_role_values(ctx *c, pair *pairs, size_t *np)
{
    int rc = 0;
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
            if (ws < 0)
                return ws;
            if (ws) {
                rc = summary_raw(c, v, "whitespace");
                continue;
            }
            int got = role_value(c, a, v, idx, &pairs[*np]);
            if (got < 0)
                return got;
            if (got) {
                pairs[*np].index = *np;
                rc = summary_role(c, &pairs[*np]);
                (*np)++;
            } else {
                rc = summary_raw(c, v, v->nil ? "nil" : "malformed");
            }
        }
    }
    return rc;
}

/* response/role-format, warning sub-case: a pair offered twice, whatever
 * the order of the values. Sorts @p ps. */
static int report_repeated_pairs(ctx *c, pair **ps, size_t np)
{
    int rc = 0;
    qsort(ps, np, sizeof *ps, pair_cmp);
    for (size_t i = 1; i < np && rc == 0; i++) {
        if (part_cmp(ps[i - 1], ps[i], 1) || part_cmp(ps[i - 1], ps[i], 0))
            continue;
        char *e = dup_part(ps[i]->text, 0, strlen(ps[i]->text));
        char *x = e ? sc_str_escape(e, SHOW) : NULL;
        if (!x)
            rc = SAMLCHECK_ENOMEM;
        else
            rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_ROLE_FORMAT, SAMLCHECK_SEV_WARNING,
                                SC_AWS_DEFAULT, NULL, ps[i]->node,
                                "Role value \"%s\" repeats a role/provider pair offered earlier "
                                "(line %d)",
                                x, sc_xml_line(ps[i - 1]->node));
        free(e);
        free(x);
    }
    return rc;
}

/* Does a pair name --role-arn with --provider-arn exactly? */
static int role_pair_offered(const ctx *c, const pair *pairs, size_t np)
{
    for (size_t i = 0; i < np && c->opts && c->opts->role_arn && c->opts->provider_arn; i++)
        if (part_eq(&pairs[i], 1, c->opts->role_arn) &&
            part_eq(&pairs[i], 0, c->opts->provider_arn))
            return 1;
    return 0;
}

/* response/provider-mismatch for each pair; *postable counts the pairs
 * that can be posted to --provider-arn. */
static int check_pairs_provider(ctx *c, const pair *pairs, size_t np, size_t *postable)
{
    int rc = 0;
    *postable = 0;
    for (size_t i = 0; i < np && rc == 0; i++) {
        const pair *p = &pairs[i];
        if (c->opts && c->opts->provider_arn &&
            (postable_to_provider(c, p) || part_eq(p, 0, c->opts->provider_arn)))
            (*postable)++;
        rc = check_pair_mismatch(c, p);
    }
    return rc;
}

/* response/provider-mismatch: the provider the user names (without
 * --role-arn) can receive none of the pairs. */
static int report_no_pair_for_provider(ctx *c, const pair *pairs, size_t np)
{
    sc_arn w;
    char wa[16];
    sc_arn_parse(&w, c->opts->provider_arn, strlen(c->opts->provider_arn), SC_ARN_KIND_PROVIDER);
    char *ew = sc_str_escape(c->opts->provider_arn, SHOW);
    int rc = ew ? sc_xml_report(c->r, SC_RULE_RESPONSE_PROVIDER_MISMATCH, pairs[0].node,
                                "none of the %zu role/provider pair%s names the expected provider "
                                "\"%s\" or a role in its account %s; the response cannot be "
                                "used with that provider",
                                np, np == 1 ? "" : "s", ew, sc_arn_account(&w, wa, sizeof wa))
                : SAMLCHECK_ENOMEM;
    free(ew);
    return rc;
}

int sc_attr_check_roles(ctx *c)
{
    int rc = 0, have_attr = 0;
    size_t np = 0, postable = 0;
    size_t nvals = count_role_values(c, &have_attr);
    if (nvals == 0)
        return report_role_missing(c, have_attr);
    pair *pairs = calloc(nvals, sizeof *pairs);
    pair **ps = calloc(nvals, sizeof *ps); /* pointers to pairs, for sorting */
    if (!pairs || !ps) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if ((rc = read_role_values(c, pairs, &np)))
        goto out;
    for (size_t i = 0; i < np; i++)
        ps[i] = &pairs[i];
    if ((rc = report_repeated_pairs(c, ps, np)))
        goto out;
    for (size_t i = 0; i < np; i++) /* back to document order */
        ps[i] = &pairs[i];
    c->role_pair_ok = role_pair_offered(c, pairs, np);
    if ((rc = check_pairs_provider(c, pairs, np, &postable)))
        goto out;
    if (np && !postable && c->opts && c->opts->provider_arn && !c->opts->role_arn &&
        (rc = report_no_pair_for_provider(c, pairs, np)))
        goto out;
    rc = check_not_offered(c, ps, np);
out:
    free(pairs);
    free(ps);
    return rc;
}
