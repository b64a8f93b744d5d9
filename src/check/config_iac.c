/* CloudFormation templates for `samlcheck config` (see config_iac.h).
 *
 * Intrinsic functions are resolved only where the template itself (or
 * --context) says what they are: Ref / Fn::GetAtt / Fn::Sub / Fn::Join over
 * AWS::IAM::SAMLProvider and AWS::IAM::Role resources of the same template
 * and the pseudo parameters AWS::AccountId (--context AWS::AccountId=..., else
 * the placeholder 000000000000, reported) and AWS::Partition (--context, else
 * "aws"). Anything else (parameters, imports, conditions, other resources'
 * attributes) is an info finding and an unknown value: it is never guessed. */
#include "config_iac.h"
#include "../report/sc_report.h"
#include "../base/base.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CFN_PLACEHOLDER_ACCOUNT "000000000000"
#define CFN_MAX_DEPTH 16

static const char unknown_mark[] = "(unknown)";

int sc_iac_unknown(const sc_pj *n)
{
    return n && n->type == SC_PJ_NULL && n->s == unknown_mark;
}

typedef struct cfn {
    sc_pj_doc *doc;
    const sc_pj *resources, *params;
    samlcheck_report *r;
    const samlcheck_options *o;
    const char *account, *partition;
    int placeholder_reported;
    int rc;
} cfn;

static sc_pos pos_of(const sc_pj *n)
{
    sc_pos p = {n ? n->line : 0, n ? n->col : 0, NULL};
    return p;
}

static const char *context_value(const samlcheck_options *o, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; o && i < o->n_context; i++) {
        const char *c = o->context[i];
        if (c && !strncmp(c, key, kl) && c[kl] == '=')
            return c + kl + 1;
    }
    return NULL;
}

static sc_pj *node(cfn *x, const sc_pj *like, sc_pj_type t)
{
    sc_pj *n = sc_pj_alloc(x->doc, sizeof *n);
    if (!n) {
        x->rc = SAMLCHECK_ENOMEM;
        return NULL;
    }
    memset(n, 0, sizeof *n);
    if (like) {
        n->line = like->line;
        n->col = like->col;
        n->off = like->off;
        n->end = like->end;
        n->key = like->key;
        n->kline = like->kline;
        n->kcol = like->kcol;
    }
    n->type = t;
    return n;
}

static sc_pj *str_node(cfn *x, const sc_pj *like, const char *s, size_t len)
{
    sc_pj *n = node(x, like, SC_PJ_STR);
    char *c = n ? sc_pj_alloc(x->doc, len + 1) : NULL;
    if (!c) {
        x->rc = SAMLCHECK_ENOMEM;
        return NULL;
    }
    memcpy(c, s, len);
    c[len] = '\0';
    n->s = c;
    n->slen = len;
    return n;
}

/* An unknown value, with the info finding that says why. */
static sc_pj *unknown(cfn *x, const sc_pj *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static sc_pj *unknown(cfn *x, const sc_pj *at, const char *fmt, ...)
{
    if (!x->rc) {
        va_list ap;
        va_start(ap, fmt);
        x->rc = sc_report_vaddx(x->r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL,
                                "pass the value with --context NAME=VALUE where it is a pseudo "
                                "parameter; otherwise the checks that need it are skipped",
                                pos_of(at), fmt, ap);
        va_end(ap);
    }
    sc_pj *n = node(x, at, SC_PJ_NULL);
    if (n)
        n->s = unknown_mark;
    return n;
}

static const sc_pj *resource(cfn *x, const char *id, const char **type)
{
    const sc_pj *r = x->resources ? sc_pj_get(x->resources, id) : NULL;
    const sc_pj *t = r ? sc_pj_get(r, "Type") : NULL;
    *type = t && t->type == SC_PJ_STR ? t->s : "";
    return r && r->type == SC_PJ_OBJ ? r : NULL;
}

static sc_pj *resolve(cfn *x, const sc_pj *n, int depth);

static const char *account(cfn *x, const sc_pj *at)
{
    if (x->account)
        return x->account;
    if (!x->placeholder_reported && !x->rc) {
        x->placeholder_reported = 1;
        x->rc = sc_report_addx(x->r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL,
                               "pass --context AWS::AccountId=123456789012 to check ARNs against "
                               "responses and roles of the real account",
                               pos_of(at),
                               "AWS::AccountId is not known: ARNs built from this template use "
                               "the placeholder account " CFN_PLACEHOLDER_ACCOUNT);
    }
    return CFN_PLACEHOLDER_ACCOUNT;
}

/* A property of resource @p res as a resolved string, or NULL. */
static const char *prop_str(cfn *x, const sc_pj *res, const char *key, int depth)
{
    const sc_pj *p = sc_pj_get(res, "Properties");
    const sc_pj *v = p ? sc_pj_get(p, key) : NULL;
    if (!v)
        return NULL;
    sc_pj *rv = resolve(x, v, depth + 1);
    return rv && rv->type == SC_PJ_STR ? rv->s : NULL;
}

/* The ARN of a provider or role resource, or NULL (malloc'd). */
static char *resource_arn(cfn *x, const sc_pj *res, const char *type, const sc_pj *at, int depth)
{
    int role = !strcmp(type, "AWS::IAM::Role");
    const char *name = prop_str(x, res, role ? "RoleName" : "Name", depth);
    if (!name)
        return NULL;
    const char *path = role ? prop_str(x, res, "Path", depth) : NULL;
    const char *acct = account(x, at);
    return sc_asprintf("arn:%s:iam::%s:%s%s%s", x->partition, acct, role ? "role" : "saml-provider",
                       role ? (path ? path : "/") : "/", name);
}

static sc_pj *ref(cfn *x, const sc_pj *at, const char *id, int depth)
{
    if (!strncmp(id, "AWS::", 5)) {
        const char *v = !strcmp(id, "AWS::AccountId")   ? account(x, at)
                        : !strcmp(id, "AWS::Partition") ? x->partition
                                                        : context_value(x->o, id);
        if (v)
            return str_node(x, at, v, strlen(v));
        return unknown(x, at, "Ref %s is not known offline: the value is treated as unknown", id);
    }
    const char *type;
    const sc_pj *res = resource(x, id, &type);
    if (!res)
        return unknown(x, at, "Ref %s names %s: the value is treated as unknown", id,
                       x->params && sc_pj_get(x->params, id)
                           ? "a template parameter (its Default is not assumed)"
                           : "nothing this template defines");
    if (!strcmp(type, "AWS::IAM::Role")) {
        const char *n = prop_str(x, res, "RoleName", depth);
        if (n)
            return str_node(x, at, n, strlen(n));
    } else if (!strcmp(type, "AWS::IAM::SAMLProvider")) {
        char *arn = resource_arn(x, res, type, at, depth);
        if (arn) {
            sc_pj *s = str_node(x, at, arn, strlen(arn));
            free(arn);
            return s;
        }
    }
    return unknown(x, at,
                   "Ref %s (%s) has a value CloudFormation makes at deploy time: treated as "
                   "unknown",
                   id, type);
}

static sc_pj *getatt(cfn *x, const sc_pj *at, const char *id, const char *attr, int depth)
{
    const char *type;
    const sc_pj *res = resource(x, id, &type);
    if (res && !strcmp(attr, "Arn") &&
        (!strcmp(type, "AWS::IAM::Role") || !strcmp(type, "AWS::IAM::SAMLProvider"))) {
        char *arn = resource_arn(x, res, type, at, depth);
        if (arn) {
            sc_pj *s = str_node(x, at, arn, strlen(arn));
            free(arn);
            return s;
        }
    }
    char *what = sc_asprintf("%s.%s", id, attr);
    sc_pj *u = unknown(x, at, "Fn::GetAtt %s cannot be resolved offline: treated as unknown",
                       what ? what : id);
    free(what);
    return u;
}

static sc_pj *sub(cfn *x, const sc_pj *at, const sc_pj *arg, int depth)
{
    const sc_pj *tmpl = arg, *vars = NULL;
    if (arg->type == SC_PJ_ARR && arg->n == 2) {
        tmpl = arg->first;
        vars = arg->first->next;
    }
    if (!tmpl || tmpl->type != SC_PJ_STR)
        return unknown(x, at, "Fn::Sub has an unexpected shape: treated as unknown");
    sc_buf b = SC_BUF_INIT;
    const char *s = tmpl->s;
    sc_pj *out = NULL;
    while (*s && !x->rc) {
        const char *d = strstr(s, "${");
        if (!d) {
            if (sc_buf_puts(&b, s))
                x->rc = SAMLCHECK_ENOMEM;
            break;
        }
        if (sc_buf_append(&b, s, (size_t)(d - s)))
            x->rc = SAMLCHECK_ENOMEM;
        if (d[2] == '!') { /* ${!Literal} */
            if (sc_buf_puts(&b, "${"))
                x->rc = SAMLCHECK_ENOMEM;
            s = d + 3;
            continue;
        }
        const char *e = strchr(d, '}');
        if (!e) {
            if (sc_buf_puts(&b, d))
                x->rc = SAMLCHECK_ENOMEM;
            break;
        }
        char *name = sc_strndup(d + 2, (size_t)(e - d - 2));
        if (!name) {
            x->rc = SAMLCHECK_ENOMEM;
            break;
        }
        const sc_pj *v = vars && vars->type == SC_PJ_OBJ ? sc_pj_get(vars, name) : NULL;
        sc_pj *rv;
        char *dot = strchr(name, '.');
        if (v)
            rv = resolve(x, v, depth + 1);
        else if (dot && strncmp(name, "AWS::", 5)) {
            *dot = '\0';
            rv = getatt(x, at, name, dot + 1, depth + 1);
        } else
            rv = ref(x, at, name, depth + 1);
        free(name);
        if (!rv || rv->type != SC_PJ_STR) {
            sc_buf_free(&b);
            return rv && sc_iac_unknown(rv)
                       ? rv
                       : unknown(x, at, "Fn::Sub: a part is not known: treated as unknown");
        }
        if (sc_buf_puts(&b, rv->s))
            x->rc = SAMLCHECK_ENOMEM;
        s = e + 1;
    }
    if (!x->rc)
        out = str_node(x, at, b.data ? b.data : "", b.len);
    sc_buf_free(&b);
    return out;
}

static sc_pj *join(cfn *x, const sc_pj *at, const sc_pj *arg, int depth)
{
    if (arg->type != SC_PJ_ARR || arg->n != 2 || arg->first->type != SC_PJ_STR)
        return unknown(x, at, "Fn::Join has an unexpected shape: treated as unknown");
    sc_pj *list = resolve(x, arg->first->next, depth + 1);
    if (!list || list->type != SC_PJ_ARR)
        return list && sc_iac_unknown(list)
                   ? list
                   : unknown(x, at, "Fn::Join has no list: treated as unknown");
    sc_buf b = SC_BUF_INIT;
    for (const sc_pj *e = list->first; e; e = e->next) {
        if (e->type != SC_PJ_STR) {
            sc_buf_free(&b);
            return unknown(x, at, "Fn::Join has a part that is not known: treated as unknown");
        }
        if (e != list->first)
            if (sc_buf_puts(&b, arg->first->s))
                x->rc = SAMLCHECK_ENOMEM;
        if (sc_buf_puts(&b, e->s))
            x->rc = SAMLCHECK_ENOMEM;
    }
    sc_pj *out = str_node(x, at, b.data ? b.data : "", b.len);
    sc_buf_free(&b);
    return out;
}

/* A resolved copy of @p n (the children too), or an unknown node. */
static sc_pj *resolve(cfn *x, const sc_pj *n, int depth)
{
    if (x->rc)
        return NULL;
    if (depth > CFN_MAX_DEPTH)
        return unknown(x, n,
                       "intrinsic functions nested or referring to each other too deeply: "
                       "treated as unknown");
    if (n->type == SC_PJ_OBJ && n->n == 1 &&
        (!strcmp(n->first->key, "Ref") || !strncmp(n->first->key, "Fn::", 4))) {
        const sc_pj *a = n->first;
        const char *fn = a->key;
        if (!strcmp(fn, "Ref") && a->type == SC_PJ_STR)
            return ref(x, n, a->s, depth);
        if (!strcmp(fn, "Fn::GetAtt")) {
            if (a->type == SC_PJ_ARR && a->n == 2 && a->first->type == SC_PJ_STR &&
                a->first->next->type == SC_PJ_STR)
                return getatt(x, n, a->first->s, a->first->next->s, depth);
            if (a->type == SC_PJ_STR && strchr(a->s, '.')) {
                char *id = sc_strdup(a->s);
                if (!id) {
                    x->rc = SAMLCHECK_ENOMEM;
                    return NULL;
                }
                char *dot = strchr(id, '.');
                *dot = '\0';
                sc_pj *v = getatt(x, n, id, dot + 1, depth);
                free(id);
                return v;
            }
        }
        if (!strcmp(fn, "Fn::Sub"))
            return sub(x, n, a, depth);
        if (!strcmp(fn, "Fn::Join"))
            return join(x, n, a, depth);
        return unknown(x, n, "%s cannot be resolved offline: the value is treated as unknown", fn);
    }
    sc_pj *c = node(x, n, n->type);
    if (!c)
        return NULL;
    c->s = n->s;
    c->slen = n->slen;
    sc_pj **tail = &c->first;
    for (const sc_pj *k = n->first; k && !x->rc; k = k->next) {
        sc_pj *rk = resolve(x, k, depth);
        if (!rk)
            return NULL;
        rk->key = k->key;
        rk->kline = k->kline;
        rk->kcol = k->kcol;
        *tail = rk;
        tail = &rk->next;
        c->n++;
    }
    return x->rc ? NULL : c;
}

int sc_cfn_is_template(const sc_pj *root)
{
    const sc_pj *r = root && root->type == SC_PJ_OBJ ? sc_pj_get(root, "Resources") : NULL;
    return r && r->type == SC_PJ_OBJ;
}

static int write_json(sc_buf *b, const sc_pj *n, int *unk)
{
    switch (n->type) {
    case SC_PJ_NULL:
        if (sc_iac_unknown(n))
            *unk = 1;
        return sc_buf_puts(b, "null");
    case SC_PJ_TRUE: return sc_buf_puts(b, "true");
    case SC_PJ_FALSE: return sc_buf_puts(b, "false");
    case SC_PJ_NUM: return sc_buf_puts(b, n->s);
    case SC_PJ_STR: {
        int rc = sc_buf_putc(b, '"');
        for (size_t i = 0; i < n->slen && !rc; i++) {
            unsigned char ch = (unsigned char)n->s[i];
            if (ch == '"' || ch == '\\') {
                rc = sc_buf_putc(b, '\\');
                if (!rc)
                    rc = sc_buf_putc(b, (char)ch);
            } else if (ch < 0x20)
                rc = sc_buf_printf(b, "\\u%04x", ch);
            else
                rc = sc_buf_putc(b, (char)ch);
        }
        return rc ? rc : sc_buf_putc(b, '"');
    }
    case SC_PJ_ARR:
    case SC_PJ_OBJ: {
        int obj = n->type == SC_PJ_OBJ, rc = sc_buf_putc(b, obj ? '{' : '[');
        for (const sc_pj *k = n->first; k && !rc; k = k->next) {
            if (k != n->first)
                rc = sc_buf_putc(b, ',');
            if (!rc && obj) {
                sc_pj key;
                memset(&key, 0, sizeof key);
                key.type = SC_PJ_STR;
                key.s = k->key ? k->key : "";
                key.slen = strlen(key.s);
                rc = write_json(b, &key, unk);
                if (!rc)
                    rc = sc_buf_putc(b, ':');
            }
            if (!rc)
                rc = write_json(b, k, unk);
        }
        return rc ? rc : sc_buf_putc(b, obj ? '}' : ']');
    }
    }
    return 0;
}

char *sc_pj_to_json(const sc_pj *n, int *unknown_inside)
{
    sc_buf b = SC_BUF_INIT;
    int unk = 0;
    int rc = write_json(&b, n, &unk);
    if (unknown_inside)
        *unknown_inside = unk;
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

/* The resolved Properties as a request-shaped object. */
static sc_pj *request_shape(cfn *x, const sc_pj *props, sc_iac_kind kind, const char *id)
{
    sc_pj *o = node(x, props, SC_PJ_OBJ);
    if (!o || !props || props->type != SC_PJ_OBJ)
        return o;
    sc_pj *rp = resolve(x, props, 0);
    if (!rp)
        return NULL;
    sc_pj **tail = &o->first;
    for (sc_pj *k = rp->first, *next; k; k = next) {
        next = k->next;
        k->next = NULL;
        if (sc_iac_unknown(k))
            continue;
        if (kind == SC_IAC_PROVIDER && !strcmp(k->key, "SamlMetadataDocument"))
            k->key = "SAMLMetadataDocument";
        if (kind == SC_IAC_ROLE && !strcmp(k->key, "MaxSessionDuration") && k->type == SC_PJ_STR) {
            long long v; /* CloudFormation takes "3600" for 3600 */
            if (!sc_str_to_ll(k->s, &v))
                k->type = SC_PJ_NUM;
        }
        if (kind == SC_IAC_ROLE && !strcmp(k->key, "AssumeRolePolicyDocument") &&
            k->type != SC_PJ_STR) {
            int unk = 0;
            char *text = sc_pj_to_json(k, &unk);
            if (!text) {
                x->rc = SAMLCHECK_ENOMEM;
                return NULL;
            }
            if (unk) {
                free(text);
                if (!x->rc)
                    x->rc = sc_report_addx(
                        x->r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL, NULL, pos_of(k),
                        "the AssumeRolePolicyDocument of %s holds a value not known offline: its "
                        "trust policy is not checked",
                        id);
                continue;
            }
            sc_pj *s = str_node(x, k, text, strlen(text));
            free(text);
            if (!s)
                return NULL;
            s->key = k->key;
            k = s;
        }
        *tail = k;
        tail = &k->next;
        o->n++;
    }
    return o;
}

void sc_iac_model_free(sc_iac_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++)
        free(m->res[i].arn);
    free(m->res);
    memset(m, 0, sizeof *m);
}

int sc_cfn_read(sc_iac_model *m, sc_pj_doc *doc, const sc_pj *root, samlcheck_report *r,
                const samlcheck_options *o)
{
    memset(m, 0, sizeof *m);
    cfn x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.r = r;
    x.o = o;
    x.resources = sc_pj_get(root, "Resources");
    x.params = sc_pj_get(root, "Parameters");
    x.account = context_value(o, "AWS::AccountId");
    x.partition = context_value(o, "AWS::Partition");
    if (!x.partition)
        x.partition = "aws";
    size_t cap = 0;
    for (const sc_pj *res = x.resources->first; res && !x.rc; res = res->next) {
        const char *type;
        (void)resource(&x, res->key, &type);
        sc_iac_kind kind = !strcmp(type, "AWS::IAM::SAMLProvider") ? SC_IAC_PROVIDER
                           : !strcmp(type, "AWS::IAM::Role")       ? SC_IAC_ROLE
                                                                   : 0;
        if (!kind) {
            m->ignored++;
            continue;
        }
        if (m->n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            sc_iac_res *v = realloc(m->res, nc * sizeof *v);
            if (!v) {
                x.rc = SAMLCHECK_ENOMEM;
                break;
            }
            m->res = v;
            cap = nc;
        }
        sc_iac_res *e = &m->res[m->n];
        memset(e, 0, sizeof *e);
        e->kind = kind;
        e->id = res->key;
        e->props = request_shape(&x, sc_pj_get(res, "Properties"), kind, res->key);
        if (!e->props) {
            if (!x.rc)
                x.rc = SAMLCHECK_ENOMEM;
            break;
        }
        if (!e->props->line) {
            e->props->line = res->line;
            e->props->col = res->col;
        }
        const sc_pj *nm = sc_pj_get(e->props, kind == SC_IAC_ROLE ? "RoleName" : "Name");
        const sc_pj *path = kind == SC_IAC_ROLE ? sc_pj_get(e->props, "Path") : NULL;
        if (nm && nm->type == SC_PJ_STR) {
            e->arn = sc_asprintf("arn:%s:iam::%s:%s%s%s", x.partition, account(&x, res),
                                 kind == SC_IAC_ROLE ? "role" : "saml-provider",
                                 path && path->type == SC_PJ_STR ? path->s : "/", nm->s);
            if (!e->arn)
                x.rc = SAMLCHECK_ENOMEM;
        }
        m->n++;
    }
    m->placeholder = x.placeholder_reported;
    if (x.rc) {
        sc_iac_model_free(m);
        return x.rc;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Terraform: `terraform show -json` of a plan or a state              */
/* ------------------------------------------------------------------ */

int sc_tf_is_show_json(const sc_pj *root)
{
    if (!root || root->type != SC_PJ_OBJ || !sc_pj_get(root, "format_version"))
        return 0;
    return sc_pj_get(root, "planned_values") || sc_pj_get(root, "values") ||
           sc_pj_get(root, "resource_changes");
}

typedef struct tf {
    cfn x; /* the helpers: arena, report, options, account */
    const sc_pj *changes;
    sc_iac_model *m;
    size_t cap;
} tf;

/* change.after_unknown of the resource at @p addr, or NULL. */
static const sc_pj *after_unknown(const tf *t, const char *addr)
{
    if (!t->changes || t->changes->type != SC_PJ_ARR)
        return NULL;
    for (const sc_pj *c = t->changes->first; c; c = c->next) {
        const sc_pj *a = sc_pj_get(c, "address");
        if (a && a->type == SC_PJ_STR && !strcmp(a->s, addr)) {
            const sc_pj *ch = sc_pj_get(c, "change");
            return ch ? sc_pj_get(ch, "after_unknown") : NULL;
        }
    }
    return NULL;
}

/* Copy member @p from of @p values as @p to into @p o (unless unknown). */
static void tf_member(tf *t, sc_pj *o, sc_pj ***tail, const sc_pj *values, const sc_pj *unk,
                      const char *addr, const char *from, const char *to)
{
    cfn *x = &t->x;
    const sc_pj *u = unk ? sc_pj_get(unk, from) : NULL;
    const sc_pj *v = sc_pj_get(values, from);
    if (x->rc)
        return;
    if (u && u->type == SC_PJ_TRUE) {
        x->rc = sc_report_addx(x->r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL,
                               "the checks that need it are skipped; run them again on the state "
                               "after apply (terraform show -json)",
                               pos_of(u), "%s of %s is known only after apply: treated as unknown",
                               from, addr);
        return;
    }
    if (!v || v->type == SC_PJ_NULL)
        return;
    sc_pj *c = NULL;
    if (!strcmp(from, "tags") && v->type == SC_PJ_OBJ) {
        /* a map {"k": "v"} becomes [{"Key": "k", "Value": "v"}] */
        c = node(x, v, SC_PJ_ARR);
        sc_pj **lt = c ? &c->first : NULL;
        for (const sc_pj *k = v->first; k && c && !x->rc; k = k->next) {
            sc_pj *e = node(x, k, SC_PJ_OBJ), *key = str_node(x, k, k->key, strlen(k->key));
            sc_pj *val = node(x, k, k->type);
            if (!e || !key || !val)
                return;
            val->s = k->s;
            val->slen = k->slen;
            key->key = "Key";
            val->key = "Value";
            key->next = val;
            e->first = key;
            e->n = 2;
            e->key = NULL;
            *lt = e;
            lt = &e->next;
            c->n++;
        }
    } else {
        c = node(x, v, v->type);
        if (c) {
            c->s = v->s;
            c->slen = v->slen;
            c->first = v->first;
            c->n = v->n;
        }
    }
    if (!c)
        return;
    c->key = to;
    c->next = NULL;
    **tail = c;
    *tail = &c->next;
    o->n++;
}

static void tf_resource(tf *t, const sc_pj *res)
{
    cfn *x = &t->x;
    const sc_pj *type = sc_pj_get(res, "type"), *mode = sc_pj_get(res, "mode");
    const sc_pj *addr = sc_pj_get(res, "address"), *values = sc_pj_get(res, "values");
    if (!type || type->type != SC_PJ_STR ||
        (mode && mode->type == SC_PJ_STR && strcmp(mode->s, "managed") != 0))
        return;
    sc_iac_kind kind = !strcmp(type->s, "aws_iam_saml_provider") ? SC_IAC_PROVIDER
                       : !strcmp(type->s, "aws_iam_role")        ? SC_IAC_ROLE
                                                                 : 0;
    if (!kind || !values || values->type != SC_PJ_OBJ) {
        t->m->ignored++;
        return;
    }
    const char *a = addr && addr->type == SC_PJ_STR ? addr->s : type->s;
    if (t->m->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 8;
        sc_iac_res *v = realloc(t->m->res, nc * sizeof *v);
        if (!v) {
            x->rc = SAMLCHECK_ENOMEM;
            return;
        }
        t->m->res = v;
        t->cap = nc;
    }
    const sc_pj *unk = after_unknown(t, a);
    sc_pj *o = node(x, values, SC_PJ_OBJ);
    if (!o)
        return;
    sc_pj **tail = &o->first;
    if (kind == SC_IAC_PROVIDER) {
        tf_member(t, o, &tail, values, unk, a, "name", "Name");
        tf_member(t, o, &tail, values, unk, a, "saml_metadata_document", "SAMLMetadataDocument");
        tf_member(t, o, &tail, values, unk, a, "tags", "Tags");
    } else {
        tf_member(t, o, &tail, values, unk, a, "name", "RoleName");
        tf_member(t, o, &tail, values, unk, a, "path", "Path");
        tf_member(t, o, &tail, values, unk, a, "assume_role_policy", "AssumeRolePolicyDocument");
        tf_member(t, o, &tail, values, unk, a, "max_session_duration", "MaxSessionDuration");
    }
    if (x->rc)
        return;
    sc_iac_res *e = &t->m->res[t->m->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->id = a;
    e->props = o;
    const sc_pj *arn = sc_pj_get(values, "arn");
    const sc_pj *nm = sc_pj_get(o, kind == SC_IAC_ROLE ? "RoleName" : "Name");
    const sc_pj *path = kind == SC_IAC_ROLE ? sc_pj_get(o, "Path") : NULL;
    if (arn && arn->type == SC_PJ_STR && arn->slen)
        e->arn = sc_strdup(arn->s); /* a state knows it */
    else if (x->account && nm && nm->type == SC_PJ_STR)
        e->arn = sc_asprintf("arn:%s:iam::%s:%s%s%s", x->partition, x->account,
                             kind == SC_IAC_ROLE ? "role" : "saml-provider",
                             path && path->type == SC_PJ_STR ? path->s : "/", nm->s);
    else
        return;
    if (!e->arn)
        x->rc = SAMLCHECK_ENOMEM;
}

static void tf_module(tf *t, const sc_pj *mod, int depth)
{
    if (!mod || mod->type != SC_PJ_OBJ || depth > 32 || t->x.rc)
        return;
    const sc_pj *rs = sc_pj_get(mod, "resources"), *kids = sc_pj_get(mod, "child_modules");
    for (const sc_pj *r = rs && rs->type == SC_PJ_ARR ? rs->first : NULL; r && !t->x.rc;
         r = r->next)
        tf_resource(t, r);
    for (const sc_pj *k = kids && kids->type == SC_PJ_ARR ? kids->first : NULL; k && !t->x.rc;
         k = k->next)
        tf_module(t, k, depth + 1);
}

int sc_tf_read(sc_iac_model *m, sc_pj_doc *doc, const sc_pj *root, samlcheck_report *r,
               const samlcheck_options *o)
{
    memset(m, 0, sizeof *m);
    tf t;
    memset(&t, 0, sizeof t);
    t.x.doc = doc;
    t.x.r = r;
    t.x.o = o;
    t.x.account = context_value(o, "AWS::AccountId");
    t.x.partition = context_value(o, "AWS::Partition");
    if (!t.x.partition)
        t.x.partition = "aws";
    t.m = m;
    t.changes = sc_pj_get(root, "resource_changes");
    const sc_pj *pv = sc_pj_get(root, "planned_values");
    const sc_pj *vals = pv ? pv : sc_pj_get(root, "values");
    tf_module(&t, vals ? sc_pj_get(vals, "root_module") : NULL, 0);
    if (t.x.rc) {
        sc_iac_model_free(m);
        return t.x.rc;
    }
    return 0;
}
