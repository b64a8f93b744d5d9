/* Role trust policies: `samlcheck policy` (the rules that need only the
 * policy, in src/policy/model.c) and the cross-check of `samlcheck response
 * --trust-policy` (RULES.md section 9): the response's D7 context is
 * evaluated for sts:AssumeRoleWithSAML, and for sts:TagSession /
 * sts:SetSourceIdentity when the response sends tags / a SourceIdentity,
 * for each role pair the policy input describes. Findings name the
 * statement, the element, the operator, the key, the expected values, the
 * actual value and the fix; the summary carries the evaluation trace and
 * what STS would return. */
#include "samlcheck/check.h"
#include "sts_context.h"
#include "arn.h"
#include "../policy/policy.h"
#include "../base/base.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

#define SHOW 120

struct samlcheck_policy {
    sc_policy_set set;
    char *name; /* the input's display name */
    int unusable;
};

int samlcheck_check_policy(samlcheck_report *r, const unsigned char *data, size_t len,
                           const samlcheck_options *opts, samlcheck_error *err)
{
    sc_policy_set set;
    if (!r || !data)
        return sc_arg_null(err, !r ? "r" : "data");
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    int rc = sc_policy_read(&set, (const char *)data, len, opts->trust_policy_quota, r,
                            sc_report_summary(r));
    sc_policy_set_free(&set);
    if (rc && err && err->code == 0)
        sc_error_set(err, rc, "policy", "cannot check the policy (out of memory)");
    return rc;
}

int samlcheck_policy_load(samlcheck_policy **out, const unsigned char *data, size_t len,
                          samlcheck_report *r, const samlcheck_options *opts, samlcheck_error *err)
{
    samlcheck_report *tmp = NULL;
    int rc = 0;
    if (!out || !data)
        return sc_arg_null(err, !out ? "out" : "data");
    *out = NULL;
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    *out = calloc(1, sizeof **out);
    if (!*out)
        return SAMLCHECK_ENOMEM;
    if (!r) {
        if ((rc = samlcheck_report_new(&tmp, "trust-policy", "policy")))
            goto out;
        r = tmp;
    }
    if (!((*out)->name = sc_strdup(samlcheck_report_input(r)))) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    rc = sc_policy_read(&(*out)->set, (const char *)data, len, opts->trust_policy_quota, r,
                        sc_report_summary(r));
out:
    samlcheck_report_free(tmp);
    if (rc) {
        samlcheck_policy_free(*out);
        *out = NULL;
        if (err && err->code == 0)
            sc_error_set(err, rc, "policy", "cannot read the trust policy (out of memory)");
    }
    return rc;
}

void samlcheck_policy_free(samlcheck_policy *p)
{
    if (!p)
        return;
    sc_policy_set_free(&p->set);
    free(p->name);
    free(p);
}

/* ---- the cross-check ---- */

typedef struct xctx {
    samlcheck_report *r;
    const samlcheck_policy *pol;
    const sc_policy_ctx *ctx;
    const char *role;     /* the role ARN evaluated (or NULL) */
    const char *provider; /* the principal */
    int vars;             /* Version 2012-10-17: policy variables substituted */
    sc_buf msg;
    int rc;
} xctx;

static void put(xctx *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void put(xctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!x->rc && sc_buf_vprintf(&x->msg, fmt, ap))
        x->rc = SAMLCHECK_ENOMEM;
    va_end(ap);
}

static void put_str(xctx *x, const char *s)
{
    char *e = sc_str_escape(s, SHOW);
    put(x, "\"%s\"", e ? e : "?");
    free(e);
}

static void put_values(xctx *x, const char *const *v, size_t n, int one_of)
{
    if (n > 1 && one_of)
        put(x, "one of ");
    for (size_t i = 0; i < n && i < 8; i++) {
        if (i)
            put(x, ", ");
        put_str(x, v[i]);
    }
    if (n > 8)
        put(x, ", ... (%zu values)", n);
}

/* Where a context key comes from, for the reader. */
static const char *key_source(const char *key)
{
    static const struct {
        const char *key, *src;
    } t[] = {
        {"saml:aud", "SubjectConfirmationData/@Recipient"},
        {"saml:iss", "the assertion's Issuer"},
        {"saml:sub", "the NameID"},
        {"saml:sub_type", "the NameID Format"},
        {"saml:doc", "the provider ARN"},
        {"saml:namequalifier", "base64(SHA1(Issuer + account + \"/\" + provider name))"},
        {"aws:currenttime", "--now"},
        {"aws:epochtime", "--now"},
        {"aws:tagkeys", "the PrincipalTag attributes"},
        {"sts:transitivetagkeys", "the TransitiveTagKeys attribute"},
        {"sts:sourceidentity", "the SourceIdentity attribute"},
        {"sts:rolesessionname", "the RoleSessionName attribute"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (sc_str_ieq(key, t[i].key))
            return t[i].src;
    if (sc_str_casestarts(key, "aws:requesttag/"))
        return "a PrincipalTag attribute";
    if (sc_str_casestarts(key, "saml:"))
        return "a mapped SAML attribute";
    return NULL;
}

static void put_actual(xctx *x, const char *key)
{
    const sc_ctx_entry *e = sc_policy_ctx_get(x->ctx, key);
    const char *src = key_source(key);
    if (!e || e->n == 0) {
        put(x, "no value for it");
    } else if (e->n == 1) {
        put_str(x, e->values[0]);
    } else {
        put(x, "the values ");
        put_values(x, (const char *const *)e->values, e->n, 0);
    }
    if (src && e && e->n)
        put(x, " (from %s)", src);
}

static void stmt_name(const sc_pol_stmt *s, char *buf, size_t size)
{
    sc_policy_stmt_name(s, buf, size);
}

static void put_where(xctx *x, const sc_pol_stmt *s)
{
    put(x, "statement %zu (", s->index + 1);
    if (s->sid && *s->sid) {
        put(x, "Sid ");
        put_str(x, s->sid);
        put(x, ", ");
    }
    put(x, "%s, line %d)", s->deny ? "Deny" : "Allow", s->line);
}

static const char *for_role(const xctx *x)
{
    return x->role ? x->role : "the role";
}

static sc_pos policy_pos(xctx *x, int line, int col, char *buf, size_t size)
{
    if (line > 0)
        snprintf(buf, size, "trust policy %s line %d, column %d", x->pol->name ? x->pol->name : "",
                 line, col);
    else
        snprintf(buf, size, "trust policy %s", x->pol->name ? x->pol->name : "");
    return (sc_pos){0, 0, buf};
}

/* Append the finding built in x->msg; @p hint (malloc'ed or NULL) is
 * handed to the report. */
static int emit(xctx *x, sc_rule_id rule, samlcheck_severity sev, char *hint, int line, int col)
{
    char loc[600];
    const char *h = hint ? sc_report_keep(x->r, hint) : NULL;
    if (x->rc) {
        sc_buf_free(&x->msg);
        return x->rc;
    }
    int rc = sc_report_addx(x->r, rule, sev, SC_AWS_DEFAULT, h,
                            policy_pos(x, line, col, loc, sizeof loc), "%s",
                            x->msg.data ? x->msg.data : "");
    sc_buf_free(&x->msg);
    return rc;
}

static int is_positive_string(sc_pol_op op)
{
    return op == SC_OP_STRING_EQUALS || op == SC_OP_STRING_EQUALS_IC || op == SC_OP_STRING_LIKE;
}

/* A condition that decided a statement: the operator, key, expected
 * values, actual value and the reason. */
static void put_condition(xctx *x, const sc_stmt_trace *t)
{
    const sc_pol_cond *c = t->cond;
    put(x, "Condition \"%s\" on \"%s\" expects ", c->op_name, c->key);
    put_values(x, c->values, c->n_values, 1);
    for (size_t i = 0; x->vars && i < c->n_values; i++) {
        char *sub = NULL;
        sc_tri st;
        if (!strstr(c->values[i], "${"))
            continue;
        if (sc_policy_subst(&sub, &st, c->values[i], x->ctx, 0)) {
            x->rc = SAMLCHECK_ENOMEM;
            return;
        }
        put(x, " (%s = ", c->values[i]);
        if (st == SC_TRUE)
            put_str(x, sub);
        else
            put(x, "%s", st == SC_FALSE ? "a key the request does not have" : "unknown");
        put(x, ")");
        free(sub);
    }
    put(x, "; the request has ");
    put_actual(x, c->key);
    put(x, ": %s", t->outcome.why);
}

static char *condition_hint(xctx *x, const sc_stmt_trace *t)
{
    const sc_pol_cond *c = t->cond;
    const sc_ctx_entry *e = sc_policy_ctx_get(x->ctx, c->key);
    char sn[120];
    stmt_name(t->stmt, sn, sizeof sn);
    if (e && e->n == 1 && is_positive_string(c->op) && !sc_str_ieq(c->key, "aws:currenttime")) {
        char *v = sc_str_escape(e->values[0], SHOW);
        char *h = sc_asprintf("add \"%s\" to the values of \"%s\" under \"%s\" in %s, or make the "
                              "IdP send one of the listed values",
                              v ? v : "", c->key, c->op_name, sn);
        free(v);
        return h;
    }
    if (c->op >= SC_OP_DATE_EQUALS && c->op <= SC_OP_DATE_GE)
        return sc_asprintf("the date condition on \"%s\" in %s excludes the sign-in time; update "
                           "the dates if the window is meant to be open",
                           c->key, sn);
    return NULL;
}

static const char *action_short(const char *action)
{
    return action + 4; /* "sts:" */
}

/* One evaluation trace row per statement, for the summary. */
static json_t *trace_rows(xctx *x, const sc_policy_result *res, const char *action)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < res->n_trace && i < 50; i++) {
        const sc_stmt_trace *t = &res->trace[i];
        char sn[120];
        stmt_name(t->stmt, sn, sizeof sn);
        put(x, "%s: %s %s: ", action_short(action), sn, t->stmt->deny ? "Deny" : "Allow");
        switch (t->verdict) {
        case SC_ST_NOT_APPLICABLE:
            if (t->stage == SC_STAGE_ACTION)
                put(x,
                    t->stmt->not_action ? "not applicable (NotAction lists %s)"
                                        : "not applicable (Action does not name %s)",
                    action);
            else
                put(x,
                    t->stmt->not_principal ? "not applicable (NotPrincipal lists %s)"
                                           : "not applicable (Principal does not name %s)",
                    x->provider ? x->provider : "the provider");
            break;
        case SC_ST_ALLOW: put(x, "allows"); break;
        case SC_ST_DENY: put(x, "denies (explicit deny)"); break;
        case SC_ST_CONDITION_FALSE:
            put(x, "does not apply, condition false: %s on %s (%s)", t->cond->op_name, t->cond->key,
                t->outcome.why);
            break;
        case SC_ST_UNKNOWN:
            put(x, "unknown, condition unevaluable: %s on %s (%s)", t->cond->op_name, t->cond->key,
                t->outcome.why);
            break;
        }
        json_t *row = json_object();
        if (!x->rc && row && json_object_set_new(row, "text", json_string(x->msg.data)) == 0)
            json_array_append_new(arr, row);
        else
            json_decref(row);
        sc_buf_free(&x->msg);
    }
    if (res->n_trace > 50 && arr) {
        json_t *row = json_object();
        char tmp[80];
        snprintf(tmp, sizeof tmp, "... %zu more statements", res->n_trace - 50);
        json_object_set_new(row, "text", json_string(tmp));
        json_array_append_new(arr, row);
    }
    return arr;
}

static const char *decision_text(const sc_policy_result *res)
{
    switch (res->decision) {
    case SC_DEC_ALLOW:
        return res->deny_unknown ? "allowed (unless an unevaluable Deny applies)" : "allowed";
    case SC_DEC_EXPLICIT_DENY: return "denied (explicit Deny)";
    case SC_DEC_UNKNOWN: return "unknown (a condition cannot be evaluated from the inputs)";
    default: return "denied (no Allow applies)";
    }
}

static int report_unevaluable(xctx *x, const sc_policy_result *res, const char *action)
{
    for (size_t i = 0; i < res->n_trace && !x->rc; i++) {
        const sc_stmt_trace *t = &res->trace[i];
        if (t->verdict != SC_ST_UNKNOWN || t->stmt->deny)
            continue;
        put_where(x, t->stmt);
        put(x, ": the tool cannot tell whether it allows %s for %s: ", action, for_role(x));
        put_condition(x, t);
        int rc = emit(x, SC_RULE_POLICY_CONDITION_UNEVALUABLE, SAMLCHECK_SEV_INFO, NULL,
                      t->cond->line, t->cond->col);
        if (rc)
            return rc;
    }
    return x->rc;
}

static int report_denies(xctx *x, const sc_policy_result *res, const char *action)
{
    for (size_t i = 0; i < res->n_trace && !x->rc; i++) {
        const sc_stmt_trace *t = &res->trace[i];
        if (!t->stmt->deny || (t->verdict != SC_ST_DENY && t->verdict != SC_ST_UNKNOWN))
            continue;
        put_where(x, t->stmt);
        if (t->verdict == SC_ST_DENY) {
            put(x, " denies %s for %s by %s", action, for_role(x),
                x->provider ? x->provider : "this provider");
            if (t->stmt->n_conds) {
                put(x, "; its conditions hold (for example \"%s\" on \"%s\", the request has ",
                    t->stmt->conds[0].op_name, t->stmt->conds[0].key);
                put_actual(x, t->stmt->conds[0].key);
                put(x, ")");
            }
            put(x, ". An explicit Deny overrides every Allow");
        } else {
            put(x, " may deny %s for %s: ", action, for_role(x));
            put_condition(x, t);
        }
        int rc = emit(x, SC_RULE_POLICY_EXPLICIT_DENY,
                      t->verdict == SC_ST_DENY ? SAMLCHECK_SEV_ERROR : SAMLCHECK_SEV_WARNING, NULL,
                      t->stmt->line, t->stmt->col);
        if (rc)
            return rc;
    }
    return x->rc;
}

static int only_other_assume(const sc_policy_doc *d, const char **which)
{
    int other = 0;
    for (size_t i = 0; i < d->n_stmts; i++) {
        const sc_pol_stmt *s = &d->stmts[i];
        if (s->deny || s->not_action)
            continue;
        for (size_t k = 0; k < s->n_actions; k++)
            if (sc_str_ieq(s->actions[k], "sts:AssumeRole") ||
                sc_str_ieq(s->actions[k], "sts:AssumeRoleWithWebIdentity")) {
                other = 1;
                *which = s->actions[k];
            }
    }
    return other;
}

/* Federated principals listed by the statements that name @p action. */
static void put_listed_principals(xctx *x, const sc_policy_doc *d, const char *action)
{
    int n = 0;
    for (size_t i = 0; i < d->n_stmts; i++) {
        const sc_pol_stmt *s = &d->stmts[i];
        if (s->deny || !sc_policy_stmt_action(s, action))
            continue;
        for (size_t k = 0; k < s->n_principals && n < 6; k++) {
            static const char *const tn[] = {"*",       "AWS",           "Federated",
                                             "Service", "CanonicalUser", "?"};
            put(x, "%s%s%s ", n ? ", " : "", s->not_principal ? "NotPrincipal " : "",
                tn[s->principals[k].type]);
            put_str(x, s->principals[k].value);
            n++;
        }
    }
    if (!n)
        put(x, "nothing");
}

/* No Allow statement names @p action (rule @p own). */
static int report_action_missing(xctx *x, const sc_policy_doc *d, const char *action,
                                 sc_rule_id own, const char *why_needed, int saml)
{
    put(x, "no Allow statement of the trust policy names %s%s, so STS refuses the sign-in to %s",
        action, why_needed, for_role(x));
    if (d->n_stmts < d->n_stmts_total)
        put(x,
            " (%zu malformed statement(s) could not be evaluated: see "
            "policy/statement-invalid)",
            d->n_stmts_total - d->n_stmts);
    const char *which = NULL;
    char *hint = NULL;
    if (saml && only_other_assume(d, &which)) {
        char *w = sc_str_escape(which, 60);
        put(x, "; the policy allows \"%s\", which does not cover SAML federation", w ? w : "");
        hint = sc_asprintf("replace \"%s\" by \"sts:AssumeRoleWithSAML\" in the statement "
                           "that trusts the SAML provider (a copy-paste from another role?)",
                           w ? w : "");
        free(w);
    }
    return emit(x, own, SAMLCHECK_SEV_ERROR, hint, d->n_stmts ? d->stmts[0].aline : 0,
                d->n_stmts ? d->stmts[0].acol : 0);
}

/* The statements that allow @p action name another principal; with
 * sts:AssumeRoleWithSAML, also the conditions that would still fail. */
static int report_principal_mismatch(xctx *x, const sc_policy_doc *d, const sc_policy_result *res,
                                     const char *action, sc_rule_id own, const char *why_needed,
                                     int saml)
{
    sc_rule_id rule = saml ? SC_RULE_POLICY_PRINCIPAL_MISMATCH : own;
    const sc_stmt_trace *near = NULL;
    for (size_t i = 0; i < res->n_trace; i++)
        if (res->trace[i].near_principal && !near)
            near = &res->trace[i];
    for (size_t i = 0; i < res->n_trace; i++)
        if (res->trace[i].principal_case_only)
            near = &res->trace[i];
    put(x, "the statements that allow %s%s name ", action, why_needed);
    put_listed_principals(x, d, action);
    put(x, ", not the provider ");
    put_str(x, x->provider ? x->provider : "?");
    put(x, " that %s is assumed through", for_role(x));
    if (near && near->principal_case_only)
        put(x, "; the names differ only in letter case, and provider names are compared "
               "exactly");
    char *hint = NULL;
    if (saml) {
        char *e = sc_str_escape(x->provider ? x->provider : "", SHOW);
        hint = sc_asprintf("set \"Principal\": {\"Federated\": \"%s\"} (the provider's exact "
                           "ARN)",
                           e ? e : "");
        free(e);
    }
    const sc_pol_stmt *s = near ? near->stmt : d->n_stmts ? &d->stmts[0] : NULL;
    int rc = emit(x, rule, SAMLCHECK_SEV_ERROR, hint, s ? s->pline : 0, s ? s->pcol : 0);
    /* what IAM checks next, once the Principal is fixed: the conditions
         * of the statements that name the action for another principal */
    for (size_t i = 0; saml && i < res->n_trace && !rc; i++) {
        sc_stmt_trace t = res->trace[i];
        if (t.stmt->deny || t.stage != SC_STAGE_PRINCIPAL)
            continue;
        sc_tri all;
        if ((rc = sc_policy_stmt_conditions(&all, &t.cond, &t.outcome, t.stmt, x->ctx, x->vars)) ||
            all != SC_FALSE)
            continue;
        put_where(x, t.stmt);
        put(x, " names another principal, and once it names the provider its condition "
               "still fails: ");
        put_condition(x, &t);
        rc = emit(x, SC_RULE_POLICY_CONDITION_UNMET, SAMLCHECK_SEV_ERROR, condition_hint(x, &t),
                  t.cond->line, t.cond->col);
    }
    return rc;
}

/* Action and principal match somewhere, and every such Allow has a false
 * condition. */
static int report_conditions_unmet(xctx *x, const sc_policy_result *res, const char *action,
                                   sc_rule_id own, int saml)
{
    /* action and principal match somewhere, and every such Allow has a
     * false condition */
    for (size_t i = 0; i < res->n_trace && !x->rc; i++) {
        const sc_stmt_trace *t = &res->trace[i];
        if (t->verdict != SC_ST_CONDITION_FALSE || t->stmt->deny)
            continue;
        put_where(x, t->stmt);
        put(x, " would allow %s for %s, but ", action, for_role(x));
        put_condition(x, t);
        char *hint = condition_hint(x, t);
        int rc = emit(x, saml ? SC_RULE_POLICY_CONDITION_UNMET : own, SAMLCHECK_SEV_ERROR, hint,
                      t->cond->line, t->cond->col);
        if (rc)
            return rc;
    }
    return x->rc;
}

static int report_implicit(xctx *x, const sc_policy_doc *d, const sc_policy_result *res,
                           const char *action)
{
    int saml = strcmp(action, "sts:AssumeRoleWithSAML") == 0;
    sc_rule_id own = saml ? SC_RULE_POLICY_NO_SAML_ACTION
                     : strcmp(action, "sts:TagSession") == 0
                         ? SC_RULE_POLICY_TAG_SESSION_MISSING
                         : SC_RULE_POLICY_SET_SOURCE_IDENTITY_MISSING;
    const char *why_needed = saml ? ""
                             : own == SC_RULE_POLICY_TAG_SESSION_MISSING
                                 ? " (the response sends PrincipalTag or TransitiveTagKeys "
                                   "attributes)"
                                 : " (the response sends a SourceIdentity attribute)";
    if (!res->action_seen)
        return report_action_missing(x, d, action, own, why_needed, saml);
    if (!res->principal_seen)
        return report_principal_mismatch(x, d, res, action, own, why_needed, saml);
    return report_conditions_unmet(x, res, action, own, saml);
}

/* Evaluate one action and report what keeps STS from allowing it. */
static int check_action(xctx *x, const sc_policy_doc *d, const char *action, json_t *row)
{
    sc_policy_result res;
    int rc = sc_policy_evaluate(&res, d, x->ctx, action, x->provider);
    if (rc)
        return rc;
    if (res.decision == SC_DEC_EXPLICIT_DENY || res.deny_unknown)
        rc = report_denies(x, &res, action);
    if (!rc && res.decision == SC_DEC_IMPLICIT_DENY)
        rc = report_implicit(x, d, &res, action);
    if (!rc && res.decision == SC_DEC_UNKNOWN)
        rc = report_unevaluable(x, &res, action);
    if (!rc && row) {
        json_t *a = json_object();
        json_t *tr = trace_rows(x, &res, action);
        json_t *all = json_object_get(row, "trace");
        if (!a || !tr || json_object_set_new(a, "action", json_string(action)) ||
            json_object_set_new(a, "decision", json_string(decision_text(&res)))) {
            json_decref(a);
            rc = SAMLCHECK_ENOMEM;
        } else if (json_array_append_new(json_object_get(row, "actions"), a) ||
                   json_array_extend(all, tr)) {
            rc = SAMLCHECK_ENOMEM;
        }
        json_decref(tr);
    }
    sc_policy_result_clear(&res);
    return rc ? rc : x->rc;
}

static int evaluate_target(const samlcheck_policy *pol, const sc_policy_role *pr, const char *role,
                           const char *provider, const sc_assertion *a, const sc_attrs *attrs,
                           int has_tags, int has_si, const samlcheck_options *opts,
                           samlcheck_report *r, json_t *rows)
{
    sc_policy_ctx ctx;
    json_t *sts = NULL;
    sc_policy_ctx_init(&ctx);
    long msd =
        pr->max_session_duration >= 0 ? pr->max_session_duration : opts->max_session_duration;
    int rc = sc_sts_context(&ctx, &sts, a, attrs, provider, msd, opts);
    xctx x = {r, pol, &ctx, role, provider, pr->doc->version_2012, SC_BUF_INIT, 0};
    json_t *row = json_object();
    if (!rc &&
        (!row || json_object_set_new(row, "role", role ? json_string(role) : json_null()) ||
         json_object_set_new(row, "provider", provider ? json_string(provider) : json_null()) ||
         json_object_set_new(row, "decision", json_null()) ||
         json_object_set_new(row, "actions", json_array()) ||
         json_object_set_new(row, "trace", json_array())))
        rc = SAMLCHECK_ENOMEM;
    if (!rc)
        rc = check_action(&x, pr->doc, "sts:AssumeRoleWithSAML", row);
    if (!rc && has_tags)
        rc = check_action(&x, pr->doc, "sts:TagSession", row);
    if (!rc && has_si)
        rc = check_action(&x, pr->doc, "sts:SetSourceIdentity", row);
    if (!rc) {
        /* the sign-in succeeds only when every action it needs is allowed */
        const char *overall = "allowed";
        size_t i;
        json_t *act;
        json_array_foreach(json_object_get(row, "actions"), i, act)
        {
            const char *dtext = json_string_value(json_object_get(act, "decision"));
            if (dtext && sc_str_starts(dtext, "denied"))
                overall = "denied: STS answers \"Not authorized to perform "
                          "sts:AssumeRoleWithSAML\"";
            else if (dtext && sc_str_starts(dtext, "unknown") && !strcmp(overall, "allowed"))
                overall = "unknown: a condition cannot be evaluated from the inputs";
        }
        if (json_object_set_new(row, "decision", json_string(overall)))
            rc = SAMLCHECK_ENOMEM;
    }
    if (!rc && pr->doc->n_stmts < pr->doc->n_stmts_total) {
        char t[160];
        snprintf(t, sizeof t,
                 "%zu malformed statement(s) not evaluated (see policy/statement-invalid)",
                 pr->doc->n_stmts_total - pr->doc->n_stmts);
        json_t *o = json_object();
        if (!o || json_object_set_new(o, "text", json_string(t)) ||
            json_array_append_new(json_object_get(row, "trace"), o))
            rc = SAMLCHECK_ENOMEM;
    }
    if (!rc && sts && json_object_set_new(row, "sts_would_return", json_incref(sts)))
        rc = SAMLCHECK_ENOMEM;
    if (!rc && json_array_append(rows, row))
        rc = SAMLCHECK_ENOMEM;
    json_decref(row);
    json_decref(sts);
    sc_buf_free(&x.msg);
    sc_policy_ctx_clear(&ctx);
    return rc;
}

static int note(json_t *rows, const char *text)
{
    json_t *o = json_object();
    if (!o || json_object_set_new(o, "text", json_string(text)) || json_array_append_new(rows, o))
        return SAMLCHECK_ENOMEM;
    return 0;
}

int sc_check_trust_policy(const sc_assertion *a, const sc_attrs *attrs, const sc_aws_claims *claims,
                          const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    const samlcheck_policy *pol = opts->trust_policy;
    if (!pol)
        return 0;
    sc_role_pair *pairs = NULL;
    size_t np = 0;
    int rc = sc_role_pairs(&pairs, &np, attrs);
    json_t *rows = json_array();
    if (!rows)
        rc = SAMLCHECK_ENOMEM;
    int has_tags = claims->has_tags, has_si = claims->has_source_identity;
    size_t evaluated = 0, usable = 0;
    for (size_t i = 0; i < pol->set.n_roles && !rc; i++) {
        const sc_policy_role *pr = &pol->set.roles[i];
        if (!pr->doc)
            continue;
        usable++;
        if (pr->role_arn) {
            if (opts->role_arn && strcmp(opts->role_arn, pr->role_arn) != 0)
                continue;
            size_t k = 0;
            while (k < np && strcmp(pairs[k].role, pr->role_arn) != 0)
                k++;
            if (k == np) {
                if (!strcmp(pol->set.shape, "get-role") && np > 0) {
                    char *e = sc_str_escape(pr->role_arn, SHOW);
                    rc = sc_report_add(r, SC_RULE_RESPONSE_ROLE_NOT_OFFERED, SC_POS_NONE,
                                       "the role of the trust-policy input, %s, is not among the "
                                       "%zu role pair(s) the Role attribute offers, so this "
                                       "response cannot sign in to it",
                                       e ? e : "", np);
                    free(e);
                }
                continue;
            }
            const char *prov = opts->provider_arn ? opts->provider_arn : pairs[k].provider;
            rc = evaluate_target(pol, pr, pr->role_arn, prov, a, attrs, has_tags, has_si, opts, r,
                                 rows);
            evaluated++;
        } else if (opts->role_arn || np <= 1) {
            const char *role = opts->role_arn ? opts->role_arn : np ? pairs[0].role : NULL;
            const char *prov = opts->provider_arn;
            for (size_t k = 0; k < np && !prov; k++)
                if (!role || !strcmp(pairs[k].role, role))
                    prov = pairs[k].provider;
            if (!prov) {
                rc = note(rows, "the trust policy is not evaluated: no role pair names a SAML "
                                "provider for the role (give --provider-arn)");
                continue;
            }
            rc = evaluate_target(pol, pr, role, prov, a, attrs, has_tags, has_si, opts, r, rows);
            evaluated++;
        } else {
            for (size_t k = 0; k < np && !rc; k++, evaluated++)
                rc = evaluate_target(pol, pr, pairs[k].role,
                                     opts->provider_arn ? opts->provider_arn : pairs[k].provider, a,
                                     attrs, has_tags, has_si, opts, r, rows);
        }
    }
    if (!rc && evaluated == 0 && usable > 0 && json_array_size(rows) == 0) {
        char t[200];
        snprintf(t, sizeof t,
                 "the trust policy is not evaluated: none of the %zu role(s) it describes is "
                 "offered by the Role attribute%s",
                 usable, opts->role_arn ? " as --role-arn" : "");
        rc = note(rows, t);
    }
    if (!rc && usable == 0)
        rc = note(rows, "the trust policy is not evaluated: the document is unusable (see its "
                        "policy/* findings)");
    if (!rc && summary && json_object_set_new(summary, "trust_policy", json_incref(rows)))
        rc = SAMLCHECK_ENOMEM;
    json_decref(rows);
    sc_role_pairs_free(pairs, np);
    return rc;
}

int sc_trust_policy_skipped(const samlcheck_options *opts, json_t *summary, const char *why)
{
    if (!opts->trust_policy || !summary || json_object_get(summary, "trust_policy"))
        return 0;
    json_t *rows = json_array();
    char t[300];
    snprintf(t, sizeof t, "the trust policy is not evaluated: %s", why);
    int rc = !rows || note(rows, t) || json_object_set_new(summary, "trust_policy", rows)
                 ? SAMLCHECK_ENOMEM
                 : 0;
    return rc;
}
