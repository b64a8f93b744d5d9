/* Statement evaluation and the decision, as IAM evaluates a role trust
 * policy for one action by one principal: a statement applies when its
 * Action/NotAction names the action, its Principal/NotPrincipal names the
 * principal and every condition holds (operators ANDed, keys under one
 * operator ANDed, values of one key ORed). An applicable Deny wins over
 * any Allow; no applicable Allow is an implicit deny. Conditions the
 * inputs cannot decide make a statement UNKNOWN: it proves nothing. */
#include "policy.h"
#include "../base/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 when @p s names @p principal; sets the near-miss fields of @p t. */
static int principal_matches(const sc_pol_stmt *s, const char *principal, sc_stmt_trace *t)
{
    int listed = 0;
    for (size_t i = 0; i < s->n_principals; i++) {
        const sc_pol_principal *p = &s->principals[i];
        if (p->type == SC_PRIN_STAR || (p->type == SC_PRIN_AWS && strcmp(p->value, "*") == 0) ||
            (p->type == SC_PRIN_FEDERATED && strcmp(p->value, "*") == 0)) {
            listed = 1;
            break;
        }
        if (p->type != SC_PRIN_FEDERATED || !principal)
            continue;
        if (strcmp(p->value, principal) == 0) {
            listed = 1;
            break;
        }
        if (sc_str_ieq(p->value, principal)) {
            t->principal_case_only = 1;
            t->near_principal = p->value;
        } else if (!t->near_principal && strstr(p->value, ":saml-provider/")) {
            t->near_principal = p->value;
        }
    }
    return s->not_principal ? !listed : listed;
}

int sc_policy_stmt_conditions(sc_tri *out, const sc_pol_cond **which, sc_cond_outcome *why,
                              const sc_pol_stmt *s, const sc_policy_ctx *ctx, int vars)
{
    *out = SC_TRUE;
    *which = NULL;
    memset(why, 0, sizeof *why);
    for (size_t k = 0; k < s->n_conds; k++) {
        sc_cond_outcome o;
        int rc = sc_policy_cond_eval(&o, &s->conds[k], ctx, vars);
        if (rc)
            return rc;
        if (o.result == SC_FALSE) {
            *out = SC_FALSE;
            *which = &s->conds[k];
            *why = o;
            return 0;
        }
        if (o.result == SC_UNKNOWN && *out == SC_TRUE) {
            *out = SC_UNKNOWN;
            *which = &s->conds[k];
            *why = o;
        }
    }
    return 0;
}

int sc_policy_evaluate(sc_policy_result *out, const sc_policy_doc *doc, const sc_policy_ctx *ctx,
                       const char *action, const char *principal)
{
    memset(out, 0, sizeof *out);
    if (!doc || doc->n_stmts == 0)
        return 0;
    out->trace = calloc(doc->n_stmts, sizeof *out->trace);
    if (!out->trace)
        return SAMLCHECK_ENOMEM;
    out->n_trace = doc->n_stmts;
    int any_allow = 0, any_deny = 0, allow_unknown = 0;
    for (size_t i = 0; i < doc->n_stmts; i++) {
        const sc_pol_stmt *s = &doc->stmts[i];
        sc_stmt_trace *t = &out->trace[i];
        t->stmt = s;
        t->verdict = SC_ST_NOT_APPLICABLE;
        t->stage = SC_STAGE_ACTION;
        if (!sc_policy_stmt_action(s, action))
            continue;
        if (!s->deny)
            out->action_seen = 1;
        t->stage = SC_STAGE_PRINCIPAL;
        if (!principal_matches(s, principal, t))
            continue;
        if (!s->deny)
            out->principal_seen = 1;
        t->stage = SC_STAGE_CONDITION;
        sc_tri all;
        int rc = sc_policy_stmt_conditions(&all, &t->cond, &t->outcome, s, ctx, doc->version_2012);
        if (rc)
            return rc;
        if (all == SC_FALSE) {
            t->verdict = SC_ST_CONDITION_FALSE;
        } else if (all == SC_UNKNOWN) {
            t->verdict = SC_ST_UNKNOWN;
            if (s->deny)
                out->deny_unknown = 1;
            else
                allow_unknown = 1;
        } else {
            t->stage = SC_STAGE_MATCHED;
            t->verdict = s->deny ? SC_ST_DENY : SC_ST_ALLOW;
            if (s->deny)
                any_deny = 1;
            else
                any_allow = 1;
        }
    }
    out->decision = any_deny        ? SC_DEC_EXPLICIT_DENY
                    : any_allow     ? SC_DEC_ALLOW
                    : allow_unknown ? SC_DEC_UNKNOWN
                                    : SC_DEC_IMPLICIT_DENY;
    return 0;
}

void sc_policy_result_clear(sc_policy_result *r)
{
    free(r->trace);
    memset(r, 0, sizeof *r);
}
