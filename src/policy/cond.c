/* Condition operators with IAM's semantics (IAM User Guide, "Condition
 * operators" and "Single-valued vs. multivalued context keys"):
 *  - a key absent from the request: the operator is false, except the
 *    negated operators (String/Numeric/DateNot*) and ...IfExists, which are
 *    true; ForAllValues is true (an empty set); ForAnyValue is false;
 *  - Null: "true" matches an absent key, "false" a present one;
 *  - the values listed for one key are ORed; a negated operator is true
 *    when none of them matches;
 *  - ForAnyValue: some request value satisfies the operator; ForAllValues:
 *    every request value does;
 *  - a key the inputs cannot supply is UNKNOWN (policy/condition-unevaluable),
 *    never used to prove an Allow or a Deny. So is a saml: attribute key the
 *    response does not send, unless IfExists / Null / ForAllValues make the
 *    absence decide; and a multivalued key with several values under an
 *    operator without a set qualifier (IAM leaves that undefined). */
#include "policy.h"
#include "../base/base.h"
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Markers for the literal * and ? that ${*} and ${?} produce in a
 * StringLike pattern (control characters cannot occur in policy text:
 * json-invalid rejects them before any evaluation). */
#define LIT_STAR SC_POLICY_GLOB_LIT_STAR
#define LIT_QMARK SC_POLICY_GLOB_LIT_QMARK

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* sc_policy_glob with the literal markers */
static int like_match(const char *pat, const char *s)
{
    return sc_policy_glob_ex(pat, s, SC_POLICY_GLOB_LITERALS);
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

/* ---- policy variables ---- */

int sc_policy_subst(char **out, sc_tri *state, const char *value, const sc_policy_ctx *ctx,
                    int for_like)
{
    sc_buf b = SC_BUF_INIT;
    int rc = 0;
    *state = SC_TRUE;
    *out = NULL;
    const char *p = value;
    while (*p && !rc) {
        const char *v = strstr(p, "${");
        if (!v) {
            rc = sc_buf_puts(&b, p);
            break;
        }
        const char *end = strchr(v + 2, '}');
        if (!end) {
            rc = sc_buf_puts(&b, p);
            break;
        }
        rc = sc_buf_append(&b, p, (size_t)(v - p));
        char name[256];
        size_t nl = (size_t)(end - (v + 2));
        if (nl >= sizeof name)
            nl = sizeof name - 1;
        memcpy(name, v + 2, nl);
        name[nl] = '\0';
        p = end + 1;
        if (rc)
            break;
        if (!strcmp(name, "*")) {
            rc = sc_buf_putc(&b, for_like ? LIT_STAR : '*');
            continue;
        }
        if (!strcmp(name, "?")) {
            rc = sc_buf_putc(&b, for_like ? LIT_QMARK : '?');
            continue;
        }
        if (!strcmp(name, "$")) {
            rc = sc_buf_putc(&b, '$');
            continue;
        }
        /* ${key, 'default'} */
        char *comma = strchr(name, ',');
        const char *dflt = NULL;
        if (comma) {
            char *q1 = strchr(comma, '\''), *q2 = q1 ? strrchr(q1 + 1, '\'') : NULL;
            *comma = '\0';
            if (q1 && q2) {
                *q2 = '\0';
                dflt = q1 + 1;
            }
        }
        size_t kl = strlen(name);
        while (kl && name[kl - 1] == ' ')
            name[--kl] = '\0';
        sc_ctx_state st = sc_policy_ctx_state(ctx, name);
        const sc_ctx_entry *e = sc_policy_ctx_get(ctx, name);
        if (st == SC_CTX_PRESENT && e->n == 1 && !e->multi) {
            rc = sc_buf_puts(&b, e->values[0]);
        } else if (st == SC_CTX_PRESENT) {
            *state = SC_UNKNOWN; /* multivalued keys are not policy variables */
        } else if (dflt && st != SC_CTX_UNKNOWN) {
            rc = sc_buf_puts(&b, dflt);
        } else if (st == SC_CTX_UNKNOWN) {
            *state = SC_UNKNOWN;
        } else if (*state == SC_TRUE) {
            *state = SC_FALSE;
        }
    }
    if (!rc && !(*out = sc_buf_detach(&b)))
        rc = SAMLCHECK_ENOMEM;
    sc_buf_free(&b);
    return rc;
}

/* ---- typed comparisons ---- */

static int parse_num(const char *s, double *out)
{
    if (!s || !*s)
        return -1;
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (*end || errno || isnan(d) || isinf(d))
        return -1;
    *out = d;
    return 0;
}

/* ISO 8601 (xs:dateTime, or a date alone) or epoch seconds. */
static int parse_date(const char *s, long long *out)
{
    if (!s || !*s)
        return -1;
    int digits = 1;
    for (const char *p = s; *p; p++)
        if (!(*p >= '0' && *p <= '9'))
            digits = 0;
    if (digits && strlen(s) <= 12) {
        long long v;
        if (sc_str_to_ll(s, &v))
            return -1;
        *out = v;
        return 0;
    }
    int off, nz;
    if (sc_time_parse(s, out, &off, &nz) == 0)
        return 0;
    unsigned y, m, d;
    char tail;
    if (strlen(s) == 10 && sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && m >= 1 &&
        m <= 12 && d >= 1 && d <= 31) {
        *out = sc_time_from_civil(y, m, d, 0, 0, 0);
        return 0;
    }
    return -1;
}

static int is_negated(sc_pol_op op)
{
    return op == SC_OP_STRING_NOT_EQUALS || op == SC_OP_STRING_NOT_EQUALS_IC ||
           op == SC_OP_STRING_NOT_LIKE || op == SC_OP_NUMERIC_NOT_EQUALS ||
           op == SC_OP_DATE_NOT_EQUALS;
}

/* The positive comparison of one request value with one policy value:
 * 1 match, 0 no match, -1 the policy value has the wrong type. */
static int compare(sc_pol_op op, const char *rv, const char *pv)
{
    switch (op) {
    case SC_OP_STRING_EQUALS:
    case SC_OP_STRING_NOT_EQUALS: return strcmp(rv, pv) == 0;
    case SC_OP_STRING_EQUALS_IC:
    case SC_OP_STRING_NOT_EQUALS_IC: return ieq(rv, pv);
    case SC_OP_STRING_LIKE:
    case SC_OP_STRING_NOT_LIKE: return like_match(pv, rv);
    case SC_OP_BOOL:
        if (!ieq(pv, "true") && !ieq(pv, "false"))
            return -1;
        return ieq(rv, pv);
    case SC_OP_NUMERIC_EQUALS:
    case SC_OP_NUMERIC_NOT_EQUALS:
    case SC_OP_NUMERIC_LT:
    case SC_OP_NUMERIC_LE:
    case SC_OP_NUMERIC_GT:
    case SC_OP_NUMERIC_GE: {
        double a, b;
        if (parse_num(pv, &b))
            return -1;
        if (parse_num(rv, &a))
            return 0;
        switch (op) {
        case SC_OP_NUMERIC_LT: return a < b;
        case SC_OP_NUMERIC_LE: return a <= b;
        case SC_OP_NUMERIC_GT: return a > b;
        case SC_OP_NUMERIC_GE: return a >= b;
        default: return a == b;
        }
    }
    case SC_OP_DATE_EQUALS:
    case SC_OP_DATE_NOT_EQUALS:
    case SC_OP_DATE_LT:
    case SC_OP_DATE_LE:
    case SC_OP_DATE_GT:
    case SC_OP_DATE_GE: {
        long long a, b;
        if (parse_date(pv, &b))
            return -1;
        if (parse_date(rv, &a))
            return 0;
        switch (op) {
        case SC_OP_DATE_LT: return a < b;
        case SC_OP_DATE_LE: return a <= b;
        case SC_OP_DATE_GT: return a > b;
        case SC_OP_DATE_GE: return a >= b;
        default: return a == b;
        }
    }
    default: return -1;
    }
}

/* Does request value @p rv satisfy the operator against the policy values
 * (ORed; a negated operator: none matches)? */
static sc_tri one_value(const sc_pol_cond *c, const char *rv, char **pvs, const sc_tri *pst,
                        int *badtype)
{
    int any = 0, unknown = 0;
    for (size_t i = 0; i < c->n_values; i++) {
        if (pst[i] == SC_UNKNOWN) {
            unknown = 1;
            continue;
        }
        if (pst[i] == SC_FALSE)
            continue; /* a variable whose key is absent matches nothing */
        if ((c->op == SC_OP_STRING_LIKE || c->op == SC_OP_STRING_NOT_LIKE) &&
            (double)strlen(pvs[i]) * (double)strlen(rv) > 5e7) {
            unknown = 1; /* a wildcard match this large is not worth the time */
            continue;
        }
        int m = compare(c->op, rv, pvs[i]);
        if (m < 0) {
            *badtype = 1;
            continue;
        }
        if (m)
            any = 1;
    }
    if (any)
        return is_negated(c->op) ? SC_FALSE : SC_TRUE;
    if (unknown)
        return SC_UNKNOWN;
    return is_negated(c->op) ? SC_TRUE : SC_FALSE;
}

static void why(sc_cond_outcome *o, sc_tri r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void why(sc_cond_outcome *o, sc_tri r, const char *fmt, ...)
{
    va_list ap;
    o->result = r;
    va_start(ap, fmt);
    vsnprintf(o->why, sizeof o->why, fmt, ap);
    va_end(ap);
}

/* The outcomes decided without the request's values: an operator the tool
 * does not evaluate, Null, and a key unknown or absent. 1 when decided. */
static int decide_without_values(sc_cond_outcome *out, const sc_pol_cond *c, sc_ctx_state st)
{
    if (c->op == SC_OP_UNKNOWN) {
        why(out, SC_UNKNOWN, "the operator %s is not one the tool evaluates", c->op_name);
        return 1;
    }
    if (c->op == SC_OP_NULL) {
        if (st == SC_CTX_UNKNOWN) {
            why(out, SC_UNKNOWN, "the inputs cannot tell whether %s is present", c->key);
            return 1;
        }
        const char *goal = st == SC_CTX_PRESENT ? "false" : "true";
        for (size_t i = 0; i < c->n_values; i++)
            if (ieq(c->values[i], goal)) {
                why(out, SC_TRUE,
                    st == SC_CTX_PRESENT ? "the key is present" : "the key is absent");
                return 1;
            }
        why(out, SC_FALSE, st == SC_CTX_PRESENT ? "the key is present" : "the key is absent");
        return 1;
    }
    if (st == SC_CTX_UNKNOWN) {
        why(out, SC_UNKNOWN, "the inputs cannot supply %s (give it with --context KEY=VALUE)",
            c->key);
        return 1;
    }
    if (st == SC_CTX_ABSENT_ATTR) {
        if (c->if_exists || c->set == SC_SET_ALL)
            why(out, SC_TRUE, "the response sends no attribute for %s", c->key);
        else
            why(out, SC_UNKNOWN,
                "the response sends no attribute that maps to %s (absent unless the IdP maps "
                "it under another name)",
                c->key);
        return 1;
    }
    if (st == SC_CTX_ABSENT) {
        if (c->set == SC_SET_ALL || c->if_exists)
            why(out, SC_TRUE, "the key is absent from the request");
        else if (c->set == SC_SET_NONE && is_negated(c->op))
            why(out, SC_TRUE, "the key is absent from the request");
        else
            why(out, SC_FALSE, "the key is absent from the request");
        return 1;
    }
    return 0;
}

/* The policy's values with policy variables substituted (@p vars) or
 * copied, and whether each could be resolved. 0 or SAMLCHECK_ENOMEM. */
static int subst_values(char **pvs, sc_tri *pst, const sc_pol_cond *c, const sc_policy_ctx *ctx,
                        int vars)
{
    int rc = 0;
    for (size_t i = 0; i < c->n_values && !rc; i++) {
        int like = c->op == SC_OP_STRING_LIKE || c->op == SC_OP_STRING_NOT_LIKE;
        if (vars)
            rc = sc_policy_subst(&pvs[i], &pst[i], c->values[i], ctx, like);
        else if (!(pvs[i] = sc_strdup(c->values[i])))
            rc = SAMLCHECK_ENOMEM;
        else
            pst[i] = SC_TRUE;
    }
    return rc;
}

/* Every request value of @p e against the substituted policy values. */
static void judge_values(sc_cond_outcome *out, const sc_pol_cond *c, const sc_ctx_entry *e,
                         char **pvs, const sc_tri *pst)
{
    int badtype = 0, n_true = 0, n_false = 0, n_unknown = 0;
    for (size_t i = 0; i < e->n; i++) {
        sc_tri t = one_value(c, e->values[i], pvs, pst, &badtype);
        n_true += t == SC_TRUE;
        n_false += t == SC_FALSE;
        n_unknown += t == SC_UNKNOWN;
    }
    if (badtype && n_true == 0)
        why(out, SC_UNKNOWN, "a value listed is not of the operator's type (%s)",
            c->op >= SC_OP_DATE_EQUALS && c->op <= SC_OP_DATE_GE ? "a date"
            : c->op == SC_OP_BOOL                                ? "true or false"
                                                                 : "a number");
    else if (c->set == SC_SET_ALL)
        why(out,
            n_false     ? SC_FALSE
            : n_unknown ? SC_UNKNOWN
                        : SC_TRUE,
            n_false ? "a request value does not satisfy the operator"
                    : "every request value satisfies the operator");
    else if (n_true)
        why(out, SC_TRUE, "a request value satisfies the operator");
    else if (n_unknown)
        why(out, SC_UNKNOWN, "a policy variable cannot be resolved from the inputs");
    else
        why(out, SC_FALSE,
            is_negated(c->op) ? "the request value is one the operator excludes"
                              : "no listed value matches the request value");
}

int sc_policy_cond_eval(sc_cond_outcome *out, const sc_pol_cond *c, const sc_policy_ctx *ctx,
                        int vars)
{
    memset(out, 0, sizeof *out);
    sc_ctx_state st = sc_policy_ctx_state(ctx, c->key);
    if (decide_without_values(out, c, st))
        return 0;
    const sc_ctx_entry *e = sc_policy_ctx_get(ctx, c->key);
    if (c->set == SC_SET_NONE && e->n > 1) {
        why(out, SC_UNKNOWN,
            "%s has several values; without ForAnyValue:/ForAllValues: IAM's result is not "
            "defined",
            c->key);
        return 0;
    }
    /* substitute policy variables once */
    char **pvs = calloc(c->n_values ? c->n_values : 1, sizeof *pvs);
    sc_tri *pst = calloc(c->n_values ? c->n_values : 1, sizeof *pst);
    int rc = 0;
    if (!pvs || !pst)
        rc = SAMLCHECK_ENOMEM;
    if (!rc)
        rc = subst_values(pvs, pst, c, ctx, vars);
    if (!rc)
        judge_values(out, c, e, pvs, pst);
    for (size_t i = 0; pvs && i < c->n_values; i++)
        free(pvs[i]);
    free(pvs);
    free(pst);
    return rc;
}
