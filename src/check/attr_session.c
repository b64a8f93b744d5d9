/* RULES.md 7.6: RoleSessionName (response/session-name-missing,
 * session-name-invalid), SourceIdentity (source-identity-invalid) and
 * SessionDuration (session-duration, duration-exceeds-max), plus
 * config/duration-out-of-range for --duration (DurationSeconds). */
#include "attr_ctx.h"
#include <string.h>

#define DURATION_MIN SC_AWS_DURATION_MIN
#define DURATION_MAX SC_AWS_DURATION_MAX
#define DEFAULT_MAX_SESSION 3600
#define ID_MIN 2 /* roleSessionNameType / sourceIdentityType 2..64 */
#define ID_MAX 64

/* [A-Za-z0-9_+=,.@-] (roleSessionNameType, sourceIdentityType) */
static int is_id_char(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           cp == '_' || cp == '+' || cp == '=' || cp == ',' || cp == '.' || cp == '@' || cp == '-';
}

/* ^[A-Za-z0-9_+=,.@-]{2,64}$ on a D4 value, not trimmed. Returns 1 when
 * the value matches, 0 with the reason in @p why, or a negative code. */
static int id_valid(const char *s, sc_buf *why)
{
    size_t n = 0, off = 0;
    uint32_t cp = 0;
    int chars_ok = sc_attr_scan(s, is_id_char, &n, &cp, &off);
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
            rc = sc_report_summary_set(summary, summary_key, json_string(s));
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
    return check_identifier(c, NAME_SI, "SourceIdentity", SC_RULE_RESPONSE_SOURCE_IDENTITY_INVALID,
                            1, "source_identity", summary);
}

static long max_session(const ctx *c)
{
    return c->opts && c->opts->max_session_duration >= 0 ? c->opts->max_session_duration
                                                         : DEFAULT_MAX_SESSION;
}

/* One SessionDuration attribute: exactly one value, a whole number of
 * seconds in 900-43200 (response/session-duration); its summary entry. The
 * first valid value becomes c->session_duration, at *at. */
static int check_duration_value(ctx *c, const sc_attr *a, json_t *summary, const xmlNode **at)
{
    int rc = 0;
    if (a->n_values != 1)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_SESSION_DURATION, a->node,
                             "SessionDuration has %zu AttributeValues; expected exactly one",
                             a->n_values);
    const sc_attr_value *v = &a->values[0];
    if (v->ambiguous)
        return 0;
    const char *s = v->nil ? "" : vtext(v);
    size_t len = strlen(s), digits = 0;
    while (digits < len && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (len == 0 || digits != len) {
        REPORT_ESC(rc, c, SC_RULE_RESPONSE_SESSION_DURATION, SAMLCHECK_SEV_ERROR, vnode(a, v), s,
                   "SessionDuration \"%s\" is not a whole number of seconds "
                   "(^[0-9]+$: no sign, decimals or whitespace)%s",
                   "");
        return rc ? rc : sc_report_summary_set(summary, "session_duration", json_string(s));
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
        REPORT_ESC(rc, c, SC_RULE_RESPONSE_SESSION_DURATION, SAMLCHECK_SEV_ERROR, vnode(a, v), s,
                   "SessionDuration %s is outside 900-43200 seconds (15 minutes to 12 "
                   "hours)%s",
                   "");
        return rc ? rc
                  : sc_report_summary_set(summary, "session_duration",
                                          big ? json_string(s) : json_integer(val));
    }
    if (c->session_duration < 0) {
        c->session_duration = val;
        *at = vnode(a, v);
    }
    return sc_report_summary_set(summary, "session_duration", json_integer(val));
}

/* response/duration-exceeds-max for the valid SessionDuration (at @p at):
 * over the role's MaxSessionDuration (for the role that will be assumed),
 * or, info, cut short by AuthnStatement/@SessionNotOnOrAfter. */
static int check_duration_limits(ctx *c, const xmlNode *at)
{
    int rc = 0;
    long sd = c->session_duration;
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

static int check_session_duration(ctx *c, json_t *summary)
{
    int rc = 0;
    const xmlNode *at = NULL;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (a->name && !strcmp(a->name, NAME_SD))
            rc = check_duration_value(c, a, summary, &at);
    }
    if (rc || c->session_duration < 0)
        return rc;
    return check_duration_limits(c, at);
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

int sc_attr_check_session(ctx *c, json_t *summary)
{
    int rc;
    if ((rc = check_session_name(c, summary)) || (rc = check_source_identity(c, summary)) ||
        (rc = check_session_duration(c, summary)) || (rc = check_requested_duration(c)))
        return rc;
    return 0;
}
