/* Reading a trust-policy input into the model, with every rule of
 * RULES.md section 9 that needs only the policy: json-invalid, version,
 * statement-invalid, size, wildcard-principal, aud-condition-missing and
 * unknown-action. The input is a bare policy, `aws iam get-role` output
 * (Role.AssumeRolePolicyDocument as an object, or as the URL-encoded
 * string the raw API returns) or `aws iam list-roles` output (every role). */
#include "policy.h"
#include "../base/base.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOW 80

/* Where findings of one policy document go. An embedded string document
 * (URL-encoded get-role form) has its own line numbers: findings then point
 * at the string in the file and name the inner position in the text. */
/* At most this many findings of one rule per input; the rest are counted
 * and summarised in one finding (10,000 statements must not mean 10,000
 * lines). */
#define PER_RULE_MAX 20

typedef struct lcount {
    size_t shown[SC_RULE__COUNT];
    size_t hidden[SC_RULE__COUNT];
} lcount;

typedef struct lctx {
    samlcheck_report *r;
    lcount *count;
    const char *where; /* "Role", "Roles[2] (name)" or NULL */
    int embedded;
    int eline, ecol;
    char locbuf[200];
    int rc;
} lctx;

static sc_pos at(lctx *c, int line, int col)
{
    const char *w = c->where;
    if (c->embedded) {
        snprintf(c->locbuf, sizeof c->locbuf,
                 "%s.AssumeRolePolicyDocument (decoded) line %d, column %d", w ? w : "Role", line,
                 col);
        return (sc_pos){c->eline, c->ecol, c->locbuf};
    }
    if (w) {
        snprintf(c->locbuf, sizeof c->locbuf, "%s.AssumeRolePolicyDocument", w);
        return (sc_pos){line, col, c->locbuf};
    }
    return (sc_pos){line, col, NULL};
}

static int room(lctx *c, sc_rule_id rule)
{
    if (c->rc)
        return 0;
    if (c->count->shown[rule] >= PER_RULE_MAX) {
        c->count->hidden[rule]++;
        return 0;
    }
    c->count->shown[rule]++;
    return 1;
}

#define ADD(c, rule, pos, ...)                                                                     \
    do {                                                                                           \
        if (room(c, rule))                                                                         \
            (c)->rc = sc_report_add((c)->r, rule, pos, __VA_ARGS__);                               \
    } while (0)
#define ADDH(c, rule, sev, aws, hint, pos, ...)                                                    \
    do {                                                                                           \
        if (room(c, rule))                                                                         \
            (c)->rc = sc_report_addx((c)->r, rule, sev, aws, hint, pos, __VA_ARGS__);              \
    } while (0)
#define ADDX(c, rule, sev, aws, pos, ...)                                                          \
    do {                                                                                           \
        if (room(c, rule))                                                                         \
            (c)->rc = sc_report_addx((c)->r, rule, sev, aws, NULL, pos, __VA_ARGS__);              \
    } while (0)

static const char MALFORMED[] = "MalformedPolicyDocument";
static const char STMT_HINT[] =
    "give each statement \"Effect\": \"Allow\" or \"Deny\", exactly one of Action / NotAction, "
    "exactly one of Principal / NotPrincipal (for SAML: {\"Federated\": \"<provider ARN>\"}), and "
    "a Condition of operator -> key -> value(s); IAM rejects the whole policy otherwise.";

/* ---- names: operators, wildcards, edit distance ---- */

static const struct {
    const char *name;
    sc_pol_op op;
} op_names[] = {
    {"StringEquals", SC_OP_STRING_EQUALS},
    {"StringNotEquals", SC_OP_STRING_NOT_EQUALS},
    {"StringEqualsIgnoreCase", SC_OP_STRING_EQUALS_IC},
    {"StringNotEqualsIgnoreCase", SC_OP_STRING_NOT_EQUALS_IC},
    {"StringLike", SC_OP_STRING_LIKE},
    {"StringNotLike", SC_OP_STRING_NOT_LIKE},
    {"NumericEquals", SC_OP_NUMERIC_EQUALS},
    {"NumericNotEquals", SC_OP_NUMERIC_NOT_EQUALS},
    {"NumericLessThan", SC_OP_NUMERIC_LT},
    {"NumericLessThanEquals", SC_OP_NUMERIC_LE},
    {"NumericGreaterThan", SC_OP_NUMERIC_GT},
    {"NumericGreaterThanEquals", SC_OP_NUMERIC_GE},
    {"DateEquals", SC_OP_DATE_EQUALS},
    {"DateNotEquals", SC_OP_DATE_NOT_EQUALS},
    {"DateLessThan", SC_OP_DATE_LT},
    {"DateLessThanEquals", SC_OP_DATE_LE},
    {"DateGreaterThan", SC_OP_DATE_GT},
    {"DateGreaterThanEquals", SC_OP_DATE_GE},
    {"Bool", SC_OP_BOOL},
    {"Null", SC_OP_NULL},
};

/* Operator names are matched as IAM documents them (case-sensitive);
 * the ForAnyValue:/ForAllValues: qualifiers likewise. */
sc_pol_op sc_policy_op_parse(const char *name, sc_pol_set *set, int *if_exists)
{
    *set = SC_SET_NONE;
    *if_exists = 0;
    if (sc_str_starts(name, "ForAnyValue:")) {
        *set = SC_SET_ANY;
        name += strlen("ForAnyValue:");
    } else if (sc_str_starts(name, "ForAllValues:")) {
        *set = SC_SET_ALL;
        name += strlen("ForAllValues:");
    }
    size_t l = strlen(name);
    const size_t ie = strlen("IfExists");
    if (l > ie && strcmp(name + l - ie, "IfExists") == 0) {
        *if_exists = 1;
        l -= ie;
    }
    for (size_t i = 0; i < sizeof op_names / sizeof op_names[0]; i++)
        if (strlen(op_names[i].name) == l && strncmp(op_names[i].name, name, l) == 0) {
            if (op_names[i].op == SC_OP_NULL && (*if_exists || *set))
                return SC_OP_UNKNOWN; /* NullIfExists does not exist */
            return op_names[i].op;
        }
    return SC_OP_UNKNOWN;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Iterative glob with single backtrack point: linear in practice,
 * O(n*m) at worst, never exponential. Works on bytes; `?` matches one
 * UTF-8 character. */
int sc_policy_glob(const char *pat, const char *s, int ic)
{
    return sc_policy_glob_ex(pat, s, ic ? SC_POLICY_GLOB_ICASE : 0);
}

int sc_policy_glob_ex(const char *pat, const char *s, int flags)
{
    const int ic = flags & SC_POLICY_GLOB_ICASE, lit = flags & SC_POLICY_GLOB_LITERALS;
    const char *star = NULL, *ss = NULL;
    while (*s) {
        if (*pat == '*') {
            star = pat++;
            ss = s;
            continue;
        }
        if (*pat == '?') {
            pat++;
            s++;
            while ((*s & 0xC0) == 0x80)
                s++;
            continue;
        }
        char pc = !lit                               ? *pat
                  : *pat == SC_POLICY_GLOB_LIT_STAR  ? '*'
                  : *pat == SC_POLICY_GLOB_LIT_QMARK ? '?'
                                                     : *pat;
        if (*pat && (ic ? lower((unsigned char)pc) == lower((unsigned char)*s) : pc == *s)) {
            pat++;
            s++;
            continue;
        }
        if (star) {
            pat = star + 1;
            s = ++ss;
            continue;
        }
        return 0;
    }
    while (*pat == '*')
        pat++;
    return *pat == '\0';
}

size_t sc_policy_edit_distance(const char *a, const char *b, size_t max)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 128 || lb > 128)
        return max + 1;
    if ((la > lb ? la - lb : lb - la) > max)
        return max + 1;
    size_t prev[130], cur[130];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            cur[j] = v;
        }
        memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
    }
    return prev[lb] > max ? max + 1 : prev[lb];
}

/* ---- statements ---- */

static char *show(const char *s)
{
    return sc_str_escape(s, SHOW);
}

void sc_policy_stmt_name(const sc_pol_stmt *s, char *buf, size_t size)
{
    if (s->sid && *s->sid) {
        char *e = sc_str_escape(s->sid, 40);
        snprintf(buf, size, "statement %zu (Sid \"%s\")", s->index + 1, e ? e : "?");
        free(e);
    } else {
        snprintf(buf, size, "statement %zu", s->index + 1);
    }
}

/* A string or a non-empty array of strings. Returns the count (0 = bad). */
static size_t string_list(const sc_pj *v, int allow_scalars)
{
    if (!v)
        return 0;
    if (v->type == SC_PJ_STR)
        return 1;
    if (allow_scalars && (v->type == SC_PJ_NUM || v->type == SC_PJ_TRUE || v->type == SC_PJ_FALSE))
        return 1;
    if (v->type != SC_PJ_ARR || v->n == 0)
        return 0;
    for (const sc_pj *e = v->first; e; e = e->next)
        if (!(e->type == SC_PJ_STR ||
              (allow_scalars &&
               (e->type == SC_PJ_NUM || e->type == SC_PJ_TRUE || e->type == SC_PJ_FALSE))))
            return 0;
    return v->n;
}

static const char *scalar_text(const sc_pj *e)
{
    return e->type == SC_PJ_TRUE ? "true" : e->type == SC_PJ_FALSE ? "false" : e->s;
}

/* Copy a string list into an arena array. */
static const char **list_copy(sc_pj_doc *d, const sc_pj *v, size_t n)
{
    const char **out = sc_pj_alloc(d, (n ? n : 1) * sizeof *out);
    if (!out)
        return NULL;
    if (v->type != SC_PJ_ARR) {
        out[0] = scalar_text(v);
        return out;
    }
    size_t i = 0;
    for (const sc_pj *e = v->first; e; e = e->next)
        out[i++] = scalar_text(e);
    return out;
}

static const char *const stmt_members[] = {"Sid",          "Effect",      "Principal",
                                           "NotPrincipal", "Action",      "NotAction",
                                           "Resource",     "NotResource", "Condition"};

static int invalid(lctx *c, const sc_pj *n, const char *stname, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int invalid(lctx *c, const sc_pj *n, const char *stname, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ADDH(c, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, MALFORMED, STMT_HINT,
         at(c, n->line, n->col), "%s: %s", stname, msg);
    return 1;
}

static int read_principal(lctx *c, sc_pj_doc *d, sc_pol_stmt *st, const sc_pj *p,
                          const char *stname, const char *elem)
{
    if (p->type == SC_PJ_STR) {
        if (strcmp(p->s, "*") != 0)
            return invalid(c, p, stname,
                           "%s must be \"*\" or an object such as {\"Federated\": \"arn:...\"}, "
                           "not the string \"%s\"",
                           elem, p->s);
        st->principals = sc_pj_alloc(d, sizeof *st->principals);
        if (!st->principals)
            return c->rc = SAMLCHECK_ENOMEM;
        st->principals[0].type = SC_PRIN_STAR;
        st->principals[0].value = "*";
        st->n_principals = 1;
        return 0;
    }
    if (p->type != SC_PJ_OBJ || p->n == 0)
        return invalid(c, p, stname, "%s must be \"*\" or a non-empty object, not %s", elem,
                       sc_pj_type_name(p->type));
    size_t total = 0;
    for (const sc_pj *m = p->first; m; m = m->next) {
        size_t k = string_list(m, 0);
        if (!k)
            return invalid(c, m, stname, "%s.%s must be a string or a non-empty array of strings",
                           elem, m->key);
        if (strcmp(m->key, "AWS") && strcmp(m->key, "Federated") && strcmp(m->key, "Service") &&
            strcmp(m->key, "CanonicalUser"))
            return invalid(c, m, stname,
                           "%s has an unknown principal type \"%s\" (AWS, Federated, Service or "
                           "CanonicalUser)",
                           elem, m->key);
        total += k;
    }
    st->principals = sc_pj_alloc(d, total * sizeof *st->principals);
    if (!st->principals)
        return c->rc = SAMLCHECK_ENOMEM;
    for (const sc_pj *m = p->first; m; m = m->next) {
        sc_pol_ptype t = !strcmp(m->key, "AWS")         ? SC_PRIN_AWS
                         : !strcmp(m->key, "Federated") ? SC_PRIN_FEDERATED
                         : !strcmp(m->key, "Service")   ? SC_PRIN_SERVICE
                                                        : SC_PRIN_CANONICAL;
        if (m->type == SC_PJ_STR) {
            st->principals[st->n_principals].type = t;
            st->principals[st->n_principals++].value = m->s;
        } else {
            for (const sc_pj *e = m->first; e; e = e->next) {
                st->principals[st->n_principals].type = t;
                st->principals[st->n_principals++].value = e->s;
            }
        }
    }
    return 0;
}

/* Every operator IAM accepts (the evaluable ones plus IP, ARN and
 * binary), with the ForAnyValue:/ForAllValues: and IfExists forms. */
static int iam_operator(const char *name)
{
    sc_pol_set set;
    int ie;
    if (sc_policy_op_parse(name, &set, &ie) != SC_OP_UNKNOWN)
        return 1;
    static const char *const other[] = {"IpAddress",    "NotIpAddress", "ArnEquals",   "ArnLike",
                                        "ArnNotEquals", "ArnNotLike",   "BinaryEquals"};
    if (sc_str_starts(name, "ForAnyValue:"))
        name += strlen("ForAnyValue:");
    else if (sc_str_starts(name, "ForAllValues:"))
        name += strlen("ForAllValues:");
    size_t l = strlen(name);
    if (l > 8 && strcmp(name + l - 8, "IfExists") == 0)
        l -= 8;
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
        if (strlen(other[i]) == l && strncmp(other[i], name, l) == 0)
            return 1;
    return 0;
}

static int read_conditions(lctx *c, sc_pj_doc *d, sc_pol_stmt *st, const sc_pj *cond,
                           const char *stname)
{
    if (cond->type != SC_PJ_OBJ)
        return invalid(c, cond, stname, "Condition must be an object of operators, not %s",
                       sc_pj_type_name(cond->type));
    size_t total = 0;
    int bad_op = 0;
    for (const sc_pj *op = cond->first; op; op = op->next) {
        if (!iam_operator(op->key)) {
            /* IAM rejects the policy; the condition stays in the model as
             * an operator the tool cannot evaluate */
            char *e = show(op->key);
            invalid(c, op, stname,
                    "\"%s\" is not an IAM condition operator (IAM: Invalid Condition type)",
                    e ? e : "?");
            free(e);
            bad_op = 2;
        }
        if (op->type != SC_PJ_OBJ || op->n == 0)
            return invalid(c, op, stname,
                           "Condition operator \"%s\" must map to a non-empty object of "
                           "condition keys, not %s",
                           op->key, sc_pj_type_name(op->type));
        for (const sc_pj *k = op->first; k; k = k->next)
            if (!string_list(k, 1))
                return invalid(c, k, stname,
                               "the value of condition key \"%s\" must be a string, number, "
                               "boolean or a non-empty array of them (found %s)",
                               k->key, sc_pj_type_name(k->type));
        total += op->n;
    }
    st->conds = sc_pj_alloc(d, (total ? total : 1) * sizeof *st->conds);
    if (!st->conds)
        return c->rc = SAMLCHECK_ENOMEM;
    for (const sc_pj *op = cond->first; op; op = op->next) {
        sc_pol_set set;
        int ie;
        sc_pol_op o = sc_policy_op_parse(op->key, &set, &ie);
        for (const sc_pj *k = op->first; k; k = k->next) {
            sc_pol_cond *x = &st->conds[st->n_conds++];
            memset(x, 0, sizeof *x);
            x->op_name = op->key;
            x->op = o;
            x->set = set;
            x->if_exists = ie;
            x->key = k->key;
            x->n_values = string_list(k, 1);
            x->values = list_copy(d, k, x->n_values);
            x->line = k->kline;
            x->col = k->kcol;
            if (!x->values)
                return c->rc = SAMLCHECK_ENOMEM;
        }
    }
    return c->rc ? c->rc : bad_op;
}

/* Every member of statement @p s is one IAM knows. Returns 1 when one is
 * not (each reported). */
static int check_members(lctx *c, const sc_pj *s, const char *stname)
{
    int bad = 0;
    for (const sc_pj *m = s->first; m; m = m->next) {
        int known = 0;
        for (size_t i = 0; i < sizeof stmt_members / sizeof stmt_members[0]; i++)
            known |= strcmp(m->key, stmt_members[i]) == 0;
        if (!known) {
            char *k = show(m->key);
            bad |= invalid(c, m, stname, "unknown element \"%s\"", k ? k : "?");
            free(k);
        }
    }
    return bad;
}

/* Effect: exactly "Allow" or "Deny". */
static int read_effect(lctx *c, sc_pol_stmt *st, const sc_pj *s, const char *stname)
{
    const sc_pj *eff = sc_pj_get(s, "Effect");
    if (!eff)
        return invalid(c, s, stname, "Effect is missing (\"Allow\" or \"Deny\")");
    if (eff->type != SC_PJ_STR || (strcmp(eff->s, "Allow") && strcmp(eff->s, "Deny"))) {
        char *e = eff->type == SC_PJ_STR ? show(eff->s) : NULL;
        int bad =
            invalid(c, eff, stname,
                    "Effect must be exactly \"Allow\" or \"Deny\" (case-sensitive), not %s%s%s",
                    e ? "\"" : sc_pj_type_name(eff->type), e ? e : "", e ? "\"" : "");
        free(e);
        return bad;
    }
    st->deny = strcmp(eff->s, "Deny") == 0;
    st->effect_ok = 1;
    return 0;
}

/* A trust policy statement has no Resource / NotResource (IAM's own error
 * text, without the statement hint). */
static int refuse_resource(lctx *c, const sc_pj *s, const char *stname)
{
    const sc_pj *res = sc_pj_get(s, "Resource"), *nres = sc_pj_get(s, "NotResource");
    if (!res && !nres)
        return 0;
    const sc_pj *x = res ? res : nres;
    ADDX(c, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT,
         at(c, x->kline, x->kcol),
         "%s: a trust policy statement has no %s element (IAM: \"Has prohibited field %s\")",
         stname, x->key, x->key);
    return 1;
}

/* Exactly one of Action / NotAction, a string list; copied into @p st.
 * Returns 1 when invalid, SAMLCHECK_ENOMEM (also in c->rc) when out of
 * memory. */
static int read_actions(lctx *c, sc_pj_doc *d, sc_pol_stmt *st, const sc_pj *s, const char *stname)
{
    const sc_pj *act = sc_pj_get(s, "Action"), *nact = sc_pj_get(s, "NotAction");
    if (act && nact)
        return invalid(c, nact, stname,
                       "Action and NotAction are both present (exactly one is allowed)");
    if (!act && !nact)
        return invalid(c, s, stname, "Action is missing (a statement has Action or NotAction)");
    const sc_pj *a = act ? act : nact;
    size_t n = string_list(a, 0);
    if (!n)
        return invalid(c, a, stname, "%s must be a string or a non-empty array of strings", a->key);
    st->not_action = !act;
    st->n_actions = n;
    st->aline = a->line;
    st->acol = a->col;
    st->actions = list_copy(d, a, n);
    if (!st->actions)
        return c->rc = SAMLCHECK_ENOMEM;
    return 0;
}

/* Exactly one of Principal / NotPrincipal, read by read_principal. */
static int read_principals(lctx *c, sc_pj_doc *d, sc_pol_stmt *st, const sc_pj *s,
                           const char *stname)
{
    const sc_pj *pr = sc_pj_get(s, "Principal"), *npr = sc_pj_get(s, "NotPrincipal");
    if (pr && npr)
        return invalid(c, npr, stname,
                       "Principal and NotPrincipal are both present (exactly one is allowed)");
    if (!pr && !npr)
        return invalid(
            c, s, stname,
            "Principal is missing: a trust policy must name who may assume the role, "
            "for example {\"Federated\": \"arn:aws:iam::<account>:saml-provider/<name>\"}");
    st->not_principal = !pr;
    st->pline = (pr ? pr : npr)->line;
    st->pcol = (pr ? pr : npr)->col;
    return read_principal(c, d, st, pr ? pr : npr, stname, pr ? "Principal" : "NotPrincipal");
}

/* Read one statement; returns 0 when it is valid (and fills @p st). Every
 * element is checked, in this order, so one statement reports all its
 * problems. */
static int read_statement(lctx *c, sc_pj_doc *d, sc_pol_stmt *st, const sc_pj *s, size_t index)
{
    char stname[120];
    memset(st, 0, sizeof *st);
    st->index = index;
    st->line = s->line;
    st->col = s->col;
    const sc_pj *sid = sc_pj_get(s, "Sid");
    if (sid && sid->type == SC_PJ_STR)
        st->sid = sid->s;
    sc_policy_stmt_name(st, stname, sizeof stname);
    if (s->type != SC_PJ_OBJ)
        return invalid(c, s, stname, "a statement must be an object, not %s",
                       sc_pj_type_name(s->type));
    int bad = check_members(c, s, stname);
    if (sid && sid->type != SC_PJ_STR)
        bad |= invalid(c, sid, stname, "Sid must be a string, not %s", sc_pj_type_name(sid->type));
    bad |= read_effect(c, st, s, stname);
    bad |= refuse_resource(c, s, stname);
    int ar = read_actions(c, d, st, s, stname);
    if (ar < 0)
        return ar;
    bad |= ar;
    bad |= read_principals(c, d, st, s, stname);
    const sc_pj *cond = sc_pj_get(s, "Condition");
    int cr = cond ? read_conditions(c, d, st, cond, stname) : 0;
    if (cr)
        bad = 1;
    if (cr == 1)
        st->cond_invalid = 1; /* 2: only an unknown operator name */
    return c->rc ? c->rc : bad;
}

/* ---- unknown-action ---- */

static const char *const sts_actions[] = {
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithWebIdentity",
    "AssumeRoot",
    "DecodeAuthorizationMessage",
    "GetAccessKeyInfo",
    "GetCallerIdentity",
    "GetFederationToken",
    "GetServiceBearerToken",
    "GetSessionToken",
    "SetContext",
    "SetSourceIdentity",
    "TagSession",
};
#define N_STS (sizeof sts_actions / sizeof sts_actions[0])

static int action_syntax_ok(const char *a)
{
    if (strcmp(a, "*") == 0)
        return 1;
    const char *colon = strchr(a, ':');
    if (!colon || colon == a || colon[1] == '\0')
        return 0;
    for (const char *p = a; p < colon; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '-'))
            return 0;
    for (const char *p = colon + 1; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '*' || *p == '?'))
            return 0;
    return 1;
}

static const char *closest_sts(const char *name, size_t *dist)
{
    const char *best = NULL;
    size_t bd = 3;
    for (size_t i = 0; i < N_STS; i++) {
        size_t dd = sc_policy_edit_distance(name, sts_actions[i], 2);
        if (dd < bd) {
            bd = dd;
            best = sts_actions[i];
        }
    }
    *dist = bd;
    return best;
}

/* Action @p a is not of the form service:Action: suggest the fix when
 * dropping whitespace or turning a '.' (or nothing) after "sts" into the
 * colon makes it one. @p e is @p a escaped for the message. */
static void report_action_syntax(lctx *c, const char *a, const char *e, const sc_pj *node,
                                 const char *stname)
{
    /* near misses: whitespace, a '.' or missing colon */
    char fixed[160];
    size_t k = 0;
    int ws = 0, dot = 0;
    for (const char *p = a; *p && k + 1 < sizeof fixed; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            ws = 1;
            continue;
        }
        fixed[k++] = *p;
    }
    fixed[k] = '\0';
    if (!strchr(fixed, ':')) {
        char *dotp = strchr(fixed, '.');
        if (dotp) {
            *dotp = ':';
            dot = 1;
        } else if (sc_str_casestarts(fixed, "sts") && fixed[3]) {
            memmove(fixed + 4, fixed + 3, strlen(fixed + 3) + 1);
            fixed[3] = ':';
            dot = 1;
        }
    }
    if ((ws || dot) && action_syntax_ok(fixed))
        ADD(c, SC_RULE_POLICY_UNKNOWN_ACTION, at(c, node->line, node->col),
            "%s: action \"%s\" is not of the form service:Action (%s); did you mean \"%s\"?",
            stname, e,
            ws ? "it contains whitespace" : "the ':' between service and action is missing", fixed);
    else
        ADD(c, SC_RULE_POLICY_UNKNOWN_ACTION, at(c, node->line, node->col),
            "%s: action \"%s\" is not of the form service:Action "
            "([A-Za-z0-9-]+:[A-Za-z0-9*?]+) or \"*\"",
            stname, e);
}

/* An sts: action @p name (after the colon) that names no STS action: the
 * closest one, if any is near. */
static void check_sts_action(lctx *c, const char *name, const char *e, const sc_pj *node,
                             const char *stname)
{
    for (size_t i = 0; i < N_STS; i++)
        if (sc_policy_glob(name, sts_actions[i], 1))
            return;
    size_t dist;
    const char *best = closest_sts(name, &dist);
    if (best)
        ADD(c, SC_RULE_POLICY_UNKNOWN_ACTION, at(c, node->line, node->col),
            "%s: \"%s\" is not an STS action; did you mean \"sts:%s\"?", stname, e, best);
    else
        ADD(c, SC_RULE_POLICY_UNKNOWN_ACTION, at(c, node->line, node->col),
            "%s: \"%s\" matches no known STS action (AssumeRoleWithSAML, TagSession, "
            "SetSourceIdentity, ...)",
            stname, e);
}

/* A known STS action under another service prefix (the @p plen bytes
 * before the colon of @p a). */
static void check_misplaced_sts_action(lctx *c, const char *a, size_t plen, const char *name,
                                       const char *e, const sc_pj *node, const char *stname)
{
    for (size_t i = 0; i < N_STS; i++)
        if (sc_str_ieq(name, sts_actions[i])) {
            char pre[64];
            snprintf(pre, sizeof pre, "%.*s", (int)(plen < 60 ? plen : 60), a);
            ADD(c, SC_RULE_POLICY_UNKNOWN_ACTION, at(c, node->line, node->col),
                "%s: \"%s\" uses the service prefix \"%s\", but %s is an STS action; did "
                "you mean \"sts:%s\"?",
                stname, e, pre, sts_actions[i], sts_actions[i]);
            break;
        }
}

static void check_action(lctx *c, const char *a, const sc_pj *node, const char *stname)
{
    char *e = show(a);
    if (!e) {
        c->rc = SAMLCHECK_ENOMEM;
        return;
    }
    const char *colon = strchr(a, ':');
    if (!action_syntax_ok(a))
        report_action_syntax(c, a, e, node, stname);
    else if (colon) {
        const char *name = colon + 1;
        size_t plen = (size_t)(colon - a);
        if (plen == 3 && sc_str_casestarts(a, "sts"))
            check_sts_action(c, name, e, node, stname);
        else
            check_misplaced_sts_action(c, a, plen, name, e, node, stname);
    }
    free(e);
}

/* ---- the policy-only rules over valid statements ---- */

int sc_policy_stmt_action(const sc_pol_stmt *s, const char *action)
{
    int any = 0;
    for (size_t i = 0; i < s->n_actions && !any; i++)
        any = sc_policy_glob(s->actions[i], action, 1);
    return s->not_action ? !any : any;
}

static int could_be_saml_principal(const sc_pol_stmt *s)
{
    if (s->not_principal)
        return 1;
    for (size_t i = 0; i < s->n_principals; i++) {
        const sc_pol_principal *p = &s->principals[i];
        if (p->type == SC_PRIN_STAR || (p->type == SC_PRIN_AWS && !strcmp(p->value, "*")))
            return 1;
        if (p->type == SC_PRIN_FEDERATED &&
            (!strcmp(p->value, "*") || strstr(p->value, ":saml-provider/")))
            return 1;
    }
    return 0;
}

static void static_rules(lctx *c, const sc_pol_stmt *s)
{
    static const char *const sensitive[] = {"sts:AssumeRoleWithSAML", "sts:TagSession",
                                            "sts:SetSourceIdentity"};
    char stname[120];
    do {
        if (s->deny || !s->effect_ok || !s->n_actions || (!s->n_principals && !s->not_principal))
            break;
        sc_policy_stmt_name(s, stname, sizeof stname);
        const char *hit = NULL;
        for (size_t k = 0; k < 3 && !hit; k++)
            if (sc_policy_stmt_action(s, sensitive[k]))
                hit = sensitive[k];
        if (hit) {
            const char *wild = NULL;
            if (s->not_principal)
                wild = "NotPrincipal with Allow (everyone except the listed principals)";
            for (size_t k = 0; k < s->n_principals && !wild; k++) {
                const sc_pol_principal *p = &s->principals[k];
                if (p->type == SC_PRIN_STAR)
                    wild = "\"Principal\": \"*\"";
                else if (p->type == SC_PRIN_AWS && !strcmp(p->value, "*"))
                    wild = "{\"AWS\": \"*\"}";
                else if (p->type == SC_PRIN_FEDERATED && !strcmp(p->value, "*"))
                    wild = "{\"Federated\": \"*\"}";
            }
            if (wild)
                ADD(c, SC_RULE_POLICY_WILDCARD_PRINCIPAL, at(c, s->line, s->col),
                    "%s allows %s to %s: any identity provider's users could assume the role "
                    "unless the conditions stop them",
                    stname, hit, wild);
        }
        if (sc_policy_stmt_action(s, "sts:AssumeRoleWithSAML") && could_be_saml_principal(s) &&
            !s->cond_invalid) {
            int aud = 0;
            for (size_t k = 0; k < s->n_conds && !aud; k++)
                aud = sc_str_ieq(s->conds[k].key, "saml:aud") &&
                      ((s->conds[k].op >= SC_OP_STRING_EQUALS &&
                        s->conds[k].op <= SC_OP_STRING_NOT_LIKE) ||
                       s->conds[k].op == SC_OP_UNKNOWN); /* a misspelt operator:
                                                            statement-invalid says so */
            if (!aud)
                ADD(c, SC_RULE_POLICY_AUD_CONDITION_MISSING, at(c, s->line, s->col),
                    "%s allows sts:AssumeRoleWithSAML without a condition on SAML:aud, so a "
                    "response for any AWS sign-in endpoint is accepted; roles the console creates "
                    "carry \"StringEquals\": {\"SAML:aud\": "
                    "\"https://signin.aws.amazon.com/saml\"}",
                    stname);
        }
    } while (0);
}

/* ---- one policy document ---- */

static int count_dollar_brace(const char *t, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if (t[i] == '$' && t[i + 1] == '{')
            return 1;
    return 0;
}

static void report_json(lctx *c, const sc_pj_result *res)
{
    for (size_t i = 0; i < res->n_chars && i < SC_PJ_MAX_PROBLEMS; i++)
        ADD(c, SC_RULE_POLICY_JSON_INVALID, at(c, res->chars[i].line, res->chars[i].col),
            "character %s is outside the characters IAM accepts in a policy (TAB, LF, CR, "
            "U+0020-U+00FF)%s",
            res->chars[i].msg,
            i + 1 == SC_PJ_MAX_PROBLEMS && res->n_chars > SC_PJ_MAX_PROBLEMS
                ? "; more such characters follow"
                : "");
    if (res->syntax_error) {
        int same = 0;
        for (size_t i = 0; i < res->n_chars && i < SC_PJ_MAX_PROBLEMS; i++)
            same |= res->chars[i].line == res->syntax.line && res->chars[i].col == res->syntax.col;
        if (!same)
            ADD(c, SC_RULE_POLICY_JSON_INVALID, at(c, res->syntax.line, res->syntax.col),
                "not valid JSON: %s", res->syntax.msg);
    }
    for (size_t i = 0; i < res->n_dups && i < SC_PJ_MAX_PROBLEMS; i++)
        ADD(c, SC_RULE_POLICY_JSON_INVALID, at(c, res->dups[i].line, res->dups[i].col),
            "duplicate member %s in the same object: IAM rejects new or edited policies with "
            "duplicate keys%s",
            res->dups[i].msg,
            i + 1 == SC_PJ_MAX_PROBLEMS && res->n_dups > SC_PJ_MAX_PROBLEMS
                ? "; more duplicates follow"
                : "");
}

static void count_span(const char *t, const sc_pj *n, size_t *no_ws, size_t *total)
{
    *no_ws = *total = 0;
    for (size_t i = n->off; i < n->end; i++) {
        unsigned char ch = (unsigned char)t[i];
        if ((ch & 0xC0) == 0x80)
            continue;
        (*total)++;
        if (!(ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'))
            (*no_ws)++;
    }
}

static void check_size(lctx *c, size_t no_ws, size_t total, long quota, int line, int col)
{
    if (total > 131072)
        ADDX(c, SC_RULE_POLICY_SIZE, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT, at(c, line, col),
             "the policy is %zu characters long including whitespace; the IAM API accepts at "
             "most 131,072",
             total);
    else if (quota > 0 && no_ws > (size_t)quota)
        ADDX(c, SC_RULE_POLICY_SIZE, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT, at(c, line, col),
             "the policy is %zu characters long without whitespace; the trust-policy quota given "
             "(--trust-policy-quota) is %ld",
             no_ws, quota);
    else if (quota <= 0 && no_ws > 2048)
        ADD(c, SC_RULE_POLICY_SIZE, at(c, line, col),
            "the policy is %zu characters long without whitespace; the default role trust policy "
            "quota is 2,048 (it can be raised in Service Quotas; pass --trust-policy-quota N to "
            "check against yours)",
            no_ws);
}

/* Version: "2012-10-17"; the old grammar or none is a warning (worse with
 * policy variables), anything else an error. */
static void check_version(lctx *c, sc_policy_doc *pd, const sc_pj *root, const char *text,
                          size_t len)
{
    const sc_pj *ver = sc_pj_get(root, "Version");
    int vars = count_dollar_brace(text, len);
    if (!ver) {
        ADDX(c, SC_RULE_POLICY_VERSION, SAMLCHECK_SEV_WARNING, NULL, at(c, root->line, root->col),
             "Version is missing, so the policy runs under the 2008-10-17 grammar%s",
             vars ? ", and the policy variables (${...}) in it are taken literally: they will "
                    "never match"
                  : "");
    } else if (ver->type == SC_PJ_STR && strcmp(ver->s, "2008-10-17") == 0) {
        ADDX(c, SC_RULE_POLICY_VERSION, SAMLCHECK_SEV_WARNING, NULL, at(c, ver->line, ver->col),
             "Version is \"2008-10-17\", the old grammar%s",
             vars ? ", so the policy variables (${...}) in it are taken literally: they will never "
                    "match"
                  : "");
    } else if (ver->type != SC_PJ_STR || strcmp(ver->s, "2012-10-17") != 0) {
        char *e = ver->type == SC_PJ_STR ? show(ver->s) : NULL;
        ADD(c, SC_RULE_POLICY_VERSION, at(c, ver->line, ver->col),
            "Version must be the string \"2012-10-17\", not %s%s%s", e ? "\"" : "",
            e ? e : sc_pj_type_name(ver->type), e ? "\"" : "");
        free(e);
    } else {
        pd->version_2012 = 1;
    }
}

static void check_top_members(lctx *c, const sc_pj *root)
{
    for (const sc_pj *m = root->first; m; m = m->next)
        if (strcmp(m->key, "Version") && strcmp(m->key, "Id") && strcmp(m->key, "Statement")) {
            char *k = show(m->key);
            ADDX(c, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, MALFORMED,
                 at(c, m->kline, m->kcol),
                 "unknown top-level element \"%s\" (a policy has Version, Id and Statement)",
                 k ? k : "?");
            free(k);
        }
}

/* The Statement element: an object or a non-empty array. NULL (reported)
 * when missing or of another shape. */
static const sc_pj *statement_element(lctx *c, const sc_pj *root)
{
    const sc_pj *st = sc_pj_get(root, "Statement");
    if (!st) {
        ADDH(c, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, MALFORMED, STMT_HINT,
             at(c, root->line, root->col), "the policy has no Statement element");
        return NULL;
    }
    if (!(st->type == SC_PJ_OBJ || (st->type == SC_PJ_ARR && st->n > 0))) {
        ADDH(c, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, MALFORMED, STMT_HINT,
             at(c, st->line, st->col),
             "Statement must be an object or a non-empty array of objects, not %s",
             st->type == SC_PJ_ARR ? "an empty array" : sc_pj_type_name(st->type));
        return NULL;
    }
    return st;
}

/* unknown-action over the Action (or, without one, NotAction) strings of
 * statement @p s as written, whether or not the statement is valid. */
static void check_statement_actions(lctx *c, const sc_pj *s, const char *stname)
{
    const sc_pj *a = s->type == SC_PJ_OBJ ? sc_pj_get(s, "Action") : NULL;
    if (a && sc_pj_get(s, "NotAction"))
        a = NULL;
    if (!a && s->type == SC_PJ_OBJ)
        a = sc_pj_get(s, "NotAction");
    if (a && a->type == SC_PJ_STR)
        check_action(c, a->s, a, stname);
    else if (a && a->type == SC_PJ_ARR)
        for (const sc_pj *e = a->first; e && !c->rc; e = e->next)
            if (e->type == SC_PJ_STR)
                check_action(c, e->s, e, stname);
}

/* Read every statement of Statement element @p st into @p pd and lint it. */
static int read_statements(lctx *c, sc_policy_doc *pd, const sc_pj *st)
{
    sc_pj_doc *d = pd->json;
    size_t n = st->type == SC_PJ_OBJ ? 1 : st->n;
    pd->stmts = sc_pj_alloc(d, n * sizeof *pd->stmts);
    if (!pd->stmts)
        return c->rc = SAMLCHECK_ENOMEM;
    pd->n_stmts_total = n;
    size_t idx = 0;
    for (const sc_pj *s = st->type == SC_PJ_OBJ ? st : st->first; s && !c->rc;
         s = st->type == SC_PJ_OBJ ? NULL : s->next, idx++) {
        /* the lints run on every statement whose parts could be read; only
         * valid statements join the model that is evaluated */
        sc_pol_stmt *x = &pd->stmts[pd->n_stmts];
        int bad = read_statement(c, d, x, s, idx);
        if (c->rc)
            break;
        char stname[120];
        sc_policy_stmt_name(x, stname, sizeof stname);
        check_statement_actions(c, s, stname);
        static_rules(c, x);
        /* a statement whose Effect, Action, Principal and Condition could be
         * read is evaluated even when IAM would also reject it for another
         * element (Resource, an unknown element): that finding is reported
         * on its own */
        (void)bad;
        if (x->effect_ok && x->n_actions && (x->n_principals || x->not_principal) &&
            !x->cond_invalid)
            pd->n_stmts++;
    }
    return c->rc;
}

/* Build the model and run the policy-only rules on policy object @p root
 * of @p text. */
static int read_policy(lctx *c, sc_policy_doc *pd, const sc_pj *root, const char *text, size_t len)
{
    if (root->type != SC_PJ_OBJ) {
        ADD(c, SC_RULE_POLICY_JSON_INVALID, at(c, root->line, root->col),
            "the policy must be one JSON object, not %s", sc_pj_type_name(root->type));
        return c->rc;
    }
    check_version(c, pd, root, text, len);
    check_top_members(c, root);
    const sc_pj *st = statement_element(c, root);
    if (!st)
        return c->rc;
    if (read_statements(c, pd, st))
        return c->rc;
    pd->usable = 1;
    return c->rc;
}

static int hexdig(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)(ch | 32);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Percent-decoding of the raw API's AssumeRolePolicyDocument. */
static char *url_decode(const char *s, size_t len, size_t *outlen)
{
    char *o = malloc(len + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        int h1 = -1, h2 = -1;
        if (s[i] == '%' && i + 2 < len && (h1 = hexdig(s[i + 1])) >= 0 &&
            (h2 = hexdig(s[i + 2])) >= 0) {
            o[k++] = (char)(h1 * 16 + h2);
            i += 2;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    *outlen = k;
    return o;
}

static void doc_free(sc_policy_doc *pd)
{
    if (!pd)
        return;
    sc_pj_free(pd->json);
    free(pd);
}

/* One role's policy: @p pdoc is the AssumeRolePolicyDocument node (object
 * or string) of the outer document, or the outer root itself. */
static int read_role_policy(lctx *c, sc_policy_role *role, sc_pj_doc *outer, const sc_pj *pdoc,
                            const char *text, long quota)
{
    sc_policy_doc *pd = calloc(1, sizeof *pd);
    if (!pd)
        return c->rc = SAMLCHECK_ENOMEM;
    if (pdoc->type == SC_PJ_STR) {
        /* the raw API's URL-encoded JSON text (or plain JSON text) */
        size_t dl = 0;
        char *dec =
            strchr(pdoc->s, '%') ? url_decode(pdoc->s, pdoc->slen, &dl) : sc_strdup(pdoc->s);
        if (!dec) {
            free(pd);
            return c->rc = SAMLCHECK_ENOMEM;
        }
        if (!strchr(pdoc->s, '%'))
            dl = pdoc->slen;
        sc_pj_result res;
        lctx e = *c;
        e.embedded = 1;
        e.eline = pdoc->line;
        e.ecol = pdoc->col;
        int rc = sc_pj_parse(&pd->json, &res, dec, dl);
        if (!rc) {
            report_json(&e, &res);
            check_size(&e, res.chars_no_ws, res.chars_total, quota, 1, 1);
            if (res.root && !e.rc)
                read_policy(&e, pd, res.root, dec, dl);
        }
        free(dec);
        c->rc = rc ? rc : e.rc;
    } else {
        (void)outer;
        size_t no_ws, total;
        count_span(text, pdoc, &no_ws, &total);
        if (c->where)
            check_size(c, no_ws, total, quota, pdoc->line, pdoc->col);
        if (pdoc->type != SC_PJ_OBJ) {
            ADD(c, SC_RULE_POLICY_JSON_INVALID, at(c, pdoc->line, pdoc->col),
                "the policy must be one JSON object, not %s", sc_pj_type_name(pdoc->type));
        } else {
            /* the model borrows from the outer document: give it an empty
             * arena of its own for the statements */
            pd->json = sc_pj_new();
            if (!pd->json)
                c->rc = SAMLCHECK_ENOMEM;
            else
                read_policy(c, pd, pdoc, text + pdoc->off, pdoc->end - pdoc->off);
        }
    }
    if (c->rc || !pd->usable) {
        doc_free(pd);
        return c->rc;
    }
    role->doc = pd;
    return 0;
}

static int role_meta(lctx *c, sc_policy_role *role, const sc_pj *r)
{
    const sc_pj *arn = sc_pj_get(r, "Arn"), *name = sc_pj_get(r, "RoleName"),
                *msd = sc_pj_get(r, "MaxSessionDuration");
    role->max_session_duration = -1;
    if (arn && arn->type == SC_PJ_STR && !(role->role_arn = sc_strdup(arn->s)))
        return c->rc = SAMLCHECK_ENOMEM;
    if (name && name->type == SC_PJ_STR && !(role->role_name = sc_strdup(name->s)))
        return c->rc = SAMLCHECK_ENOMEM;
    if (msd && msd->type == SC_PJ_NUM) {
        long long v;
        if (sc_str_to_ll(msd->s, &v) == 0 && v >= 0 && v <= 1000000000)
            role->max_session_duration = (long)v;
    }
    return 0;
}

void sc_policy_set_free(sc_policy_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_roles; i++) {
        free(s->roles[i].role_arn);
        free(s->roles[i].role_name);
        free(s->roles[i].where);
        doc_free(s->roles[i].doc);
    }
    free(s->roles);
    sc_pj_free(s->outer);
    s->roles = NULL;
    s->outer = NULL;
    s->n_roles = 0;
}

/* Role number @p i of a get-role / list-roles document: its name and
 * metadata, then its trust policy. Sets c->rc on ENOMEM. */
static void read_listed_role(lctx *c, sc_policy_role *ro, const sc_pj *rl, size_t i, int get_role,
                             sc_pj_doc *doc, const char *text, long quota)
{
    if (rl->type != SC_PJ_OBJ) {
        ro->max_session_duration = -1;
        return;
    }
    role_meta(c, ro, rl);
    char w[160];
    if (get_role)
        snprintf(w, sizeof w, "Role");
    else if (ro->role_name) {
        char *e = sc_str_escape(ro->role_name, 64);
        snprintf(w, sizeof w, "Roles[%zu] (%s)", i, e ? e : "?");
        free(e);
    } else
        snprintf(w, sizeof w, "Roles[%zu]", i);
    if (!(ro->where = sc_strdup(w))) {
        c->rc = SAMLCHECK_ENOMEM;
        return;
    }
    const sc_pj *pdoc = sc_pj_get(rl, "AssumeRolePolicyDocument");
    lctx rc2 = *c;
    rc2.where = ro->where;
    if (!pdoc) {
        ADDX(&rc2, SC_RULE_POLICY_STATEMENT_INVALID, SAMLCHECK_SEV_ERROR, MALFORMED,
             at(&rc2, rl->line, rl->col), "%s has no AssumeRolePolicyDocument (the trust policy)",
             ro->where);
    } else {
        read_role_policy(&rc2, ro, doc, pdoc, text, quota);
    }
    c->rc = rc2.rc;
}

/* The summary: the input's shape and one row per role. */
static void summarize_roles(lctx *c, const sc_policy_set *out, json_t *summary)
{
    json_t *arr = json_array();
    int bad = !arr || json_object_set_new(summary, "policy_input", json_string(out->shape));
    for (size_t i = 0; !bad && i < out->n_roles; i++) {
        const sc_policy_role *ro = &out->roles[i];
        json_t *row = json_object();
        if (!row ||
            json_object_set_new(row, "role",
                                json_string(ro->role_arn ? ro->role_arn : "(not named)")) ||
            json_object_set_new(row, "statements",
                                json_integer(ro->doc ? (json_int_t)ro->doc->n_stmts_total : 0)) ||
            json_object_set_new(row, "evaluable", json_boolean(ro->doc != NULL))) {
            json_decref(row);
            bad = 1;
        } else {
            bad = json_array_append_new(arr, row) != 0;
        }
    }
    if (!bad && json_array_size(arr) > 0) {
        bad = json_object_set_new(summary, "roles", arr) != 0;
        arr = NULL;
    }
    json_decref(arr);
    if (bad)
        c->rc = SAMLCHECK_ENOMEM;
}

int sc_policy_read(sc_policy_set *out, const char *text, size_t len, long quota,
                   samlcheck_report *r, json_t *summary)
{
    memset(out, 0, sizeof *out);
    out->shape = "policy";
    sc_pj_doc *doc = NULL;
    sc_pj_result res;
    lctx c;
    lcount *counts = calloc(1, sizeof *counts);
    memset(&c, 0, sizeof c);
    c.r = r;
    c.count = counts;
    if (!counts)
        return SAMLCHECK_ENOMEM;
    int rc = sc_pj_parse(&doc, &res, text, len);
    if (rc) {
        sc_pj_free(doc);
        free(counts);
        return rc;
    }
    report_json(&c, &res);
    const sc_pj *root = res.root;
    const sc_pj *role = root ? sc_pj_get(root, "Role") : NULL;
    const sc_pj *roles = root ? sc_pj_get(root, "Roles") : NULL;
    size_t n = 1;
    if (role && role->type == SC_PJ_OBJ)
        out->shape = "get-role";
    else if (roles && roles->type == SC_PJ_ARR) {
        out->shape = "list-roles";
        n = roles->n;
    }
    if (!strcmp(out->shape, "policy"))
        check_size(&c, res.chars_no_ws, res.chars_total, quota, 1, 1);
    if (res.too_many_nodes)
        ADD(&c, SC_RULE_POLICY_SIZE, SC_POS_NONE,
            "the document holds more than %d JSON values; it is not evaluated further",
            SC_PJ_MAX_NODES);
    out->roles = calloc(n ? n : 1, sizeof *out->roles);
    out->outer = doc;
    if (!out->roles) {
        free(counts);
        return SAMLCHECK_ENOMEM;
    }
    if (root && !c.rc) {
        if (!strcmp(out->shape, "policy")) {
            out->n_roles = 1;
            out->roles[0].max_session_duration = -1;
            read_role_policy(&c, &out->roles[0], doc, root, text, quota);
        } else {
            const sc_pj *rl = !strcmp(out->shape, "get-role") ? role : roles->first;
            size_t i = 0;
            for (; rl && !c.rc; rl = !strcmp(out->shape, "get-role") ? NULL : rl->next, i++) {
                sc_policy_role *ro = &out->roles[out->n_roles++];
                read_listed_role(&c, ro, rl, i, !strcmp(out->shape, "get-role"), doc, text, quota);
            }
        }
    }
    if (summary && !c.rc)
        summarize_roles(&c, out, summary);
    out->outer = doc; /* inline policies borrow their strings from it */
    for (int k = 0; k < SC_RULE__COUNT && !c.rc; k++)
        if (counts->hidden[k])
            c.rc = sc_report_addx(r, (sc_rule_id)k, sc_rule((sc_rule_id)k)->severity, NULL, NULL,
                                  SC_POS_NONE,
                                  "%zu more %s finding(s) of the same kind are not listed",
                                  counts->hidden[k], sc_rule((sc_rule_id)k)->id);
    free(counts);
    return c.rc;
}
