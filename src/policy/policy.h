#ifndef SC_POLICY_H
#define SC_POLICY_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* IAM role trust policies (RULES.md section 9): a JSON reader that keeps
 * line and column of every value and reports duplicate keys at any depth
 * (json.c), the policy model and its static rules (model.c), the request
 * context (context.c), the condition operators (cond.c) and the evaluator
 * (eval.c). Depends on base and report only, so that `samlcheck response
 * --trust-policy` and a later `samlcheck config` share it.
 *
 * Evaluator API in one sentence: sc_policy_evaluate(policy, ctx, action,
 * principal) -> sc_policy_result (decision + one trace row per statement). */

#include <stddef.h>
#include <jansson.h>
#include "../report/sc_report.h"

/* ------------------------------------------------------------------ */
/* json.c: position-keeping JSON tree                                  */
/* ------------------------------------------------------------------ */

typedef enum sc_pj_type {
    SC_PJ_NULL,
    SC_PJ_FALSE,
    SC_PJ_TRUE,
    SC_PJ_NUM,
    SC_PJ_STR,
    SC_PJ_ARR,
    SC_PJ_OBJ
} sc_pj_type;

typedef struct sc_pj sc_pj;
struct sc_pj {
    sc_pj_type type;
    int line, col;   /* 1-based position of the value's first character */
    size_t off, end; /* byte span of the value in the text */
    const char *s;   /* STR: decoded UTF-8 (NUL-terminated); NUM: raw text */
    size_t slen;     /* bytes in s */
    const char *key; /* member name when this node is an object member */
    int kline, kcol; /* position of the member name */
    sc_pj *first;    /* ARR / OBJ: first child */
    sc_pj *next;     /* next sibling */
    size_t n;        /* ARR / OBJ: number of children */
};

/* Limits of the reader (beyond them: a json-invalid finding, or for the
 * node budget a tree that is not built). */
#define SC_PJ_MAX_DEPTH 64
#define SC_PJ_MAX_NODES 200000

typedef struct sc_pj_doc sc_pj_doc;

/* What the reader found wrong: at most SC_PJ_MAX_PROBLEMS are kept. */
typedef struct sc_pj_problem {
    int line, col;
    char msg[200];
} sc_pj_problem;
#define SC_PJ_MAX_PROBLEMS 8

typedef struct sc_pj_result {
    sc_pj *root;          /* NULL when the syntax is invalid or too many nodes */
    int syntax_error;     /* problems[] holds it */
    int too_many_nodes;   /* valid JSON, tree not built */
    sc_pj_problem syntax; /* the first syntax error */
    sc_pj_problem dups[SC_PJ_MAX_PROBLEMS];
    size_t n_dups; /* total duplicate members (may exceed the array) */
    sc_pj_problem chars[SC_PJ_MAX_PROBLEMS];
    size_t n_chars;     /* characters outside TAB/LF/CR/U+0020-U+00FF */
    size_t chars_no_ws; /* characters excluding JSON whitespace */
    size_t chars_total; /* characters including whitespace */
    int bom;            /* the text began with U+FEFF (skipped for the parse) */
} sc_pj_result;

/* Parse @p len bytes. Never fails on bad input (problems are in @p out);
 * returns 0 or SAMLCHECK_ENOMEM. Free with sc_pj_free() in both cases. */
int sc_pj_parse(sc_pj_doc **doc, sc_pj_result *out, const char *text, size_t len);
void sc_pj_free(sc_pj_doc *doc);
sc_pj_doc *sc_pj_new(void); /* an empty arena */

/* Member @p key of object @p o (exact, case-sensitive), or NULL. */
const sc_pj *sc_pj_get(const sc_pj *o, const char *key);
/* Allocate @p n bytes in the document's arena (freed with it), or NULL. */
void *sc_pj_alloc(sc_pj_doc *doc, size_t n);
const char *sc_pj_type_name(sc_pj_type t);

/* ------------------------------------------------------------------ */
/* model.c: the policy model and the policy-only rules                 */
/* ------------------------------------------------------------------ */

typedef enum sc_pol_set { SC_SET_NONE = 0, SC_SET_ANY, SC_SET_ALL } sc_pol_set;

/* The base operators the tool evaluates (RULES.md policy/condition-unmet). */
typedef enum sc_pol_op {
    SC_OP_UNKNOWN = 0,
    SC_OP_STRING_EQUALS,
    SC_OP_STRING_NOT_EQUALS,
    SC_OP_STRING_EQUALS_IC,
    SC_OP_STRING_NOT_EQUALS_IC,
    SC_OP_STRING_LIKE,
    SC_OP_STRING_NOT_LIKE,
    SC_OP_NUMERIC_EQUALS,
    SC_OP_NUMERIC_NOT_EQUALS,
    SC_OP_NUMERIC_LT,
    SC_OP_NUMERIC_LE,
    SC_OP_NUMERIC_GT,
    SC_OP_NUMERIC_GE,
    SC_OP_DATE_EQUALS,
    SC_OP_DATE_NOT_EQUALS,
    SC_OP_DATE_LT,
    SC_OP_DATE_LE,
    SC_OP_DATE_GT,
    SC_OP_DATE_GE,
    SC_OP_BOOL,
    SC_OP_NULL
} sc_pol_op;

/* One condition key under one operator: "Op": {"key": [values]}. */
typedef struct sc_pol_cond {
    const char *op_name; /* as written, e.g. "ForAnyValue:StringLikeIfExists" */
    sc_pol_op op;        /* SC_OP_UNKNOWN: not a supported operator */
    sc_pol_set set;
    int if_exists;
    const char *key; /* as written */
    const char **values;
    size_t n_values;
    int line, col; /* of the key */
} sc_pol_cond;

typedef enum sc_pol_ptype {
    SC_PRIN_STAR = 0, /* "Principal": "*" */
    SC_PRIN_AWS,
    SC_PRIN_FEDERATED,
    SC_PRIN_SERVICE,
    SC_PRIN_CANONICAL,
    SC_PRIN_OTHER
} sc_pol_ptype;

typedef struct sc_pol_principal {
    sc_pol_ptype type;
    const char *value; /* "*" for SC_PRIN_STAR */
} sc_pol_principal;

typedef struct sc_pol_stmt {
    size_t index;    /* 0-based position in Statement */
    const char *sid; /* or NULL */
    int deny;        /* Effect Deny */
    int effect_ok;   /* Effect is "Allow" or "Deny" */
    int not_action;
    const char **actions;
    size_t n_actions;
    int not_principal;
    sc_pol_principal *principals;
    size_t n_principals;
    sc_pol_cond *conds;
    size_t n_conds;
    int cond_invalid; /* the Condition element is malformed (not read) */
    int aline, acol;  /* position of the Action / NotAction value */
    int pline, pcol;  /* position of the Principal / NotPrincipal value */
    int line, col;
} sc_pol_stmt;

typedef struct sc_policy_doc {
    sc_pj_doc *json; /* owns everything below */
    int version_2012;
    sc_pol_stmt *stmts; /* only statements that passed statement-invalid */
    size_t n_stmts;
    size_t n_stmts_total;
    int usable; /* the document was read and has a valid Statement element */
} sc_policy_doc;

/* One role described by a policy input: a bare policy (no role), one
 * `aws iam get-role` document or one role of `aws iam list-roles`. */
typedef struct sc_policy_role {
    char *role_arn;            /* owned, or NULL */
    char *role_name;           /* owned, or NULL */
    long max_session_duration; /* -1 when unknown */
    char *where;               /* owned: "Role", "Roles[2]" or NULL for a bare policy */
    sc_policy_doc *doc;        /* owned, NULL when the document is unusable */
} sc_policy_role;

typedef struct sc_policy_set {
    sc_policy_role *roles;
    size_t n_roles;
    const char *shape; /* "policy", "get-role", "list-roles" */
    sc_pj_doc *outer;  /* the input's tree: inline policies borrow from it */
} sc_policy_set;

/* Read a policy input (bare policy, get-role output, list-roles output),
 * report every policy-only rule (json-invalid, version, statement-invalid,
 * size, wildcard-principal, aud-condition-missing, unknown-action) into @p r
 * and build the model. @p quota is --trust-policy-quota (0 = not given).
 * Returns 0 or SAMLCHECK_ENOMEM; free with sc_policy_set_free(). */
int sc_policy_read(sc_policy_set *out, const char *text, size_t len, long quota,
                   samlcheck_report *r, json_t *summary);
void sc_policy_set_free(sc_policy_set *s);

/* Parse an operator name ("ForAllValues:StringNotLikeIfExists").
 * Returns SC_OP_UNKNOWN for anything outside the supported list. */
sc_pol_op sc_policy_op_parse(const char *name, sc_pol_set *set, int *if_exists);

/* Case-insensitive IAM wildcard match (`*` any run, `?` one character). */
int sc_policy_glob(const char *pattern, const char *s, int ignore_case);

/* sc_policy_glob with flags: SC_POLICY_GLOB_ICASE, and SC_POLICY_GLOB_LITERALS, under which
 * SC_POLICY_GLOB_LIT_STAR / SC_POLICY_GLOB_LIT_QMARK in the pattern match a literal * and ?
 * (what ${*} and ${?} produce in a StringLike pattern). */
#define SC_POLICY_GLOB_ICASE 1
#define SC_POLICY_GLOB_LITERALS 2
#define SC_POLICY_GLOB_LIT_STAR '\x01'
#define SC_POLICY_GLOB_LIT_QMARK '\x02'
int sc_policy_glob_ex(const char *pattern, const char *s, int flags);

/* Levenshtein distance (bounded at @p max + 1), ASCII case-insensitive. */
size_t sc_policy_edit_distance(const char *a, const char *b, size_t max);

/* ------------------------------------------------------------------ */
/* context.c: the request context                                      */
/* ------------------------------------------------------------------ */

/* How a key stands in the context. */
typedef enum sc_ctx_state {
    SC_CTX_UNKNOWN = 0, /* the inputs cannot tell (aws:SourceIp ...) */
    SC_CTX_PRESENT,
    SC_CTX_ABSENT,     /* the inputs prove the key is absent */
    SC_CTX_ABSENT_ATTR /* a saml: attribute key the response does not send */
} sc_ctx_state;

typedef struct sc_ctx_entry {
    char *key;     /* owned, as given */
    char **values; /* owned */
    size_t n;
    int multi; /* a multivalued key (values are a set even with one) */
} sc_ctx_entry;

typedef struct sc_policy_ctx {
    sc_ctx_entry *v;
    size_t n, cap;
    const char *const *absent;        /* keys proven absent (lower-case), NULL-terminated */
    const char *const *absent_prefix; /* prefixes proven complete (e.g. aws:requesttag/) */
    int saml_attrs_known;             /* saml:<attribute> keys come from a response */
} sc_policy_ctx;

void sc_policy_ctx_init(sc_policy_ctx *c);
void sc_policy_ctx_clear(sc_policy_ctx *c);
/* Add one value to @p key (creating it). @p multi marks a multivalued key.
 * Returns 0 or ENOMEM. */
int sc_policy_ctx_add(sc_policy_ctx *c, const char *key, const char *value, int multi);
/* Replace @p key's values by @p value (a --context override). */
int sc_policy_ctx_set(sc_policy_ctx *c, const char *key, const char *value);
/* The entry for @p key (case-insensitive), or NULL. */
const sc_ctx_entry *sc_policy_ctx_get(const sc_policy_ctx *c, const char *key);
sc_ctx_state sc_policy_ctx_state(const sc_policy_ctx *c, const char *key);
/* Apply --context KEY=VALUE strings (a repeated key becomes multivalued). */
int sc_policy_ctx_apply(sc_policy_ctx *c, const char *const *kv, size_t n);

/* ------------------------------------------------------------------ */
/* cond.c: condition operators                                         */
/* ------------------------------------------------------------------ */

typedef enum sc_tri { SC_FALSE = 0, SC_TRUE = 1, SC_UNKNOWN = 2 } sc_tri;

/* The outcome of one condition, with the words to explain it. */
typedef struct sc_cond_outcome {
    sc_tri result;
    char why[256]; /* "key absent", "no value matched", ... */
} sc_cond_outcome;

/* Evaluate one condition against @p ctx. @p vars_enabled: Version
 * 2012-10-17 (policy variables substituted). Returns 0 or ENOMEM. */
int sc_policy_cond_eval(sc_cond_outcome *out, const sc_pol_cond *c, const sc_policy_ctx *ctx,
                        int vars_enabled);

/* Substitute policy variables in @p value: ${key}, ${key, 'default'},
 * ${*} ${?} ${$}. *out is allocated. *state is SC_TRUE when every variable
 * resolved, SC_FALSE when a key is proven absent (no default), SC_UNKNOWN
 * when a key is unknown or multivalued. @p for_like keeps ${*}/${?} as
 * literal (escaped) characters for StringLike. Returns 0 or ENOMEM. */
int sc_policy_subst(char **out, sc_tri *state, const char *value, const sc_policy_ctx *ctx,
                    int for_like);

/* ------------------------------------------------------------------ */
/* eval.c: statements and the decision                                 */
/* ------------------------------------------------------------------ */

typedef enum sc_stmt_verdict {
    SC_ST_NOT_APPLICABLE = 0, /* action or principal does not match */
    SC_ST_ALLOW,
    SC_ST_DENY,
    SC_ST_CONDITION_FALSE, /* matched, but a condition is false */
    SC_ST_UNKNOWN          /* matched, a condition is unevaluable */
} sc_stmt_verdict;

typedef enum sc_stmt_stage {
    SC_STAGE_ACTION = 0,
    SC_STAGE_PRINCIPAL,
    SC_STAGE_CONDITION,
    SC_STAGE_MATCHED
} sc_stmt_stage;

typedef struct sc_stmt_trace {
    const sc_pol_stmt *stmt;
    sc_stmt_verdict verdict;
    sc_stmt_stage stage;        /* the element that decided */
    const sc_pol_cond *cond;    /* the deciding condition (false or unknown) */
    sc_cond_outcome outcome;    /* its outcome */
    int principal_case_only;    /* principal differs from a listed ARN in case only */
    const char *near_principal; /* that listed ARN, or a Federated ARN of another account */
} sc_stmt_trace;

typedef enum sc_decision {
    SC_DEC_IMPLICIT_DENY = 0,
    SC_DEC_ALLOW,
    SC_DEC_EXPLICIT_DENY,
    SC_DEC_UNKNOWN
} sc_decision;

typedef struct sc_policy_result {
    sc_decision decision;
    int deny_unknown;     /* a Deny matched with unevaluable conditions */
    int action_seen;      /* some Allow statement names the action */
    int principal_seen;   /* some Allow statement names action and principal */
    sc_stmt_trace *trace; /* one per statement (owned) */
    size_t n_trace;
} sc_policy_result;

/* Evaluate @p doc for @p action ("sts:AssumeRoleWithSAML") by @p principal
 * (a SAML provider ARN) in @p ctx, like IAM: an explicit Deny wins, then
 * any Allow, else an implicit deny. Returns 0 or ENOMEM; free the result
 * with sc_policy_result_clear(). */
int sc_policy_evaluate(sc_policy_result *out, const sc_policy_doc *doc, const sc_policy_ctx *ctx,
                       const char *action, const char *principal);
void sc_policy_result_clear(sc_policy_result *r);

/* The conditions of @p s ANDed: *out TRUE, FALSE (the first false one in
 * *which / *why) or UNKNOWN (the first unevaluable one). 0 or ENOMEM. */
int sc_policy_stmt_conditions(sc_tri *out, const sc_pol_cond **which, sc_cond_outcome *why,
                              const sc_pol_stmt *s, const sc_policy_ctx *ctx, int vars);
/* Does statement @p s name @p action (Action/NotAction, wildcards)? */
int sc_policy_stmt_action(const sc_pol_stmt *s, const char *action);
/* The statement's name for messages: "Sid \"X\"" or "#2" (1-based). */
void sc_policy_stmt_name(const sc_pol_stmt *s, char *buf, size_t size);

#endif
