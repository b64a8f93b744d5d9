/* YAML to the position-keeping JSON tree (see config_iac.h). */
#include "config_iac.h"
#include "../base/base.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct ystate {
    sc_pj_doc *doc;
    sc_pj_result *out;
    size_t nodes;
    int enomem;
} ystate;

static void fail(ystate *y, const yaml_mark_t *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void fail(ystate *y, const yaml_mark_t *m, const char *fmt, ...)
{
    if (y->out->syntax_error)
        return;
    y->out->syntax_error = 1;
    y->out->syntax.line = m ? (int)m->line + 1 : 0;
    y->out->syntax.col = m ? (int)m->column + 1 : 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(y->out->syntax.msg, sizeof y->out->syntax.msg, fmt, ap);
    va_end(ap);
}

static sc_pj *mk(ystate *y, sc_pj_type t, const yaml_mark_t *m)
{
    if (++y->nodes > SC_PJ_MAX_NODES) {
        if (!y->out->syntax_error)
            fail(y, m, "more than %d YAML nodes", SC_PJ_MAX_NODES);
        return NULL;
    }
    sc_pj *n = sc_pj_alloc(y->doc, sizeof *n);
    if (!n) {
        y->enomem = 1;
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->type = t;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    n->off = m->index;
    n->end = m->index;
    return n;
}

static char *dup_arena(ystate *y, const char *s, size_t len)
{
    char *c = sc_pj_alloc(y->doc, len + 1);
    if (!c) {
        y->enomem = 1;
        return NULL;
    }
    memcpy(c, s, len);
    c[len] = '\0';
    return c;
}

static int json_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p == '0')
        p++;
    else if (*p >= '1' && *p <= '9')
        while (*p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* The long form of a CloudFormation short tag ("!Ref" -> "Ref",
 * "!GetAtt" -> "Fn::GetAtt"), NULL for a standard or no tag. */
static const char *short_tag(ystate *y, const yaml_char_t *tag)
{
    const char *t = (const char *)tag;
    if (!t || t[0] != '!' || t[1] == '\0' || t[1] == '!')
        return NULL;
    int plain = !strcmp(t, "!Ref") || !strcmp(t, "!Condition");
    size_t n = strlen(t) + 4;
    char *s = sc_pj_alloc(y->doc, n); /* the event's tag is freed with it */
    if (!s) {
        y->enomem = 1;
        return NULL;
    }
    snprintf(s, n, "%s%s", plain ? "" : "Fn::", t + 1);
    return s;
}

static sc_pj *scalar(ystate *y, const yaml_event_t *e)
{
    const char *v = (const char *)e->data.scalar.value;
    size_t len = e->data.scalar.length;
    const char *tag = (const char *)e->data.scalar.tag;
    sc_pj_type t = SC_PJ_STR;
    if (e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && (!tag || !strcmp(tag, "!"))) {
        if (!len || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") ||
            !strcmp(v, "NULL"))
            t = SC_PJ_NULL;
        else if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
            t = SC_PJ_TRUE;
        else if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
            t = SC_PJ_FALSE;
        else if (json_number(v))
            t = SC_PJ_NUM;
    }
    sc_pj *n = mk(y, t, &e->start_mark);
    if (!n)
        return NULL;
    n->end = e->end_mark.index;
    if (t == SC_PJ_STR || t == SC_PJ_NUM) {
        n->s = dup_arena(y, v ? v : "", len);
        n->slen = len;
        if (!n->s)
            return NULL;
    }
    return n;
}

typedef struct frame {
    sc_pj *node;
    sc_pj **tail;
    const char *key; /* a mapping's pending key */
    int kline, kcol;
} frame;

/* Wrap @p n in {fn: n} for a short tag. */
static sc_pj *wrap(ystate *y, sc_pj *n, const char *fn, const yaml_mark_t *m)
{
    sc_pj *o = mk(y, SC_PJ_OBJ, m);
    if (!o)
        return NULL;
    n->key = fn;
    n->kline = o->line;
    n->kcol = o->col;
    o->first = n;
    o->n = 1;
    return o;
}

/* Attach a finished node to the container on top (or make it the root). */
static int attach(ystate *y, frame *st, int depth, sc_pj *n, const yaml_mark_t *m)
{
    if (depth == 0) {
        y->out->root = n;
        return 0;
    }
    frame *f = &st[depth - 1];
    if (f->node->type == SC_PJ_OBJ) {
        if (!f->key) {
            if (n->type != SC_PJ_STR && n->type != SC_PJ_NUM && n->type != SC_PJ_TRUE &&
                n->type != SC_PJ_FALSE) {
                fail(y, m, "a mapping key must be a plain value");
                return -1;
            }
            f->key = n->s ? n->s : n->type == SC_PJ_TRUE ? "true" : "false";
            f->kline = n->line;
            f->kcol = n->col;
            for (const sc_pj *k = f->node->first; k; k = k->next)
                if (!strcmp(k->key, f->key) && y->out->n_dups++ < SC_PJ_MAX_PROBLEMS) {
                    sc_pj_problem *p = &y->out->dups[y->out->n_dups - 1];
                    p->line = n->line;
                    p->col = n->col;
                    snprintf(p->msg, sizeof p->msg, "duplicate key");
                }
            return 0;
        }
        n->key = f->key;
        n->kline = f->kline;
        n->kcol = f->kcol;
        f->key = NULL;
    }
    *f->tail = n;
    f->tail = &n->next;
    f->node->n++;
    return 0;
}

/* The containers open at the current event, outermost first. */
typedef struct ystack {
    frame st[SC_PJ_MAX_DEPTH + 1];
    /* tags of open containers, to wrap them when they close */
    const char *tags[SC_PJ_MAX_DEPTH + 1];
    yaml_mark_t marks[SC_PJ_MAX_DEPTH + 1];
    int depth;
} ystack;

/* libyaml could not produce the next event: out of memory or a syntax
 * error, reported with libyaml's own words and position. */
static void parse_failed(ystate *y, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR)
        y->enomem = 1;
    else
        fail(y, &p->problem_mark, "%s%s%s", p->problem ? p->problem : "syntax error",
             p->context ? " " : "", p->context ? p->context : "");
}

static void on_scalar(ystate *y, ystack *k, const yaml_event_t *e)
{
    sc_pj *n = scalar(y, e);
    const char *fn = n ? short_tag(y, e->data.scalar.tag) : NULL;
    if (n && fn)
        n = wrap(y, n, fn, &e->start_mark);
    if (n)
        attach(y, k->st, k->depth, n, &e->start_mark);
}

/* A sequence or mapping opens: push it (bounded depth). */
static void on_container_start(ystate *y, ystack *k, const yaml_event_t *e)
{
    int depth = k->depth;
    if (depth >= SC_PJ_MAX_DEPTH) {
        fail(y, &e->start_mark, "YAML nested deeper than %d levels", SC_PJ_MAX_DEPTH);
        return;
    }
    int map = e->type == YAML_MAPPING_START_EVENT;
    sc_pj *n = mk(y, map ? SC_PJ_OBJ : SC_PJ_ARR, &e->start_mark);
    if (!n)
        return;
    if (depth > 0 && k->st[depth - 1].node->type == SC_PJ_OBJ && !k->st[depth - 1].key) {
        fail(y, &e->start_mark, "a mapping key must be a plain value");
        return;
    }
    k->tags[depth] = short_tag(y, map ? e->data.mapping_start.tag : e->data.sequence_start.tag);
    k->marks[depth] = e->start_mark;
    k->st[depth].node = n;
    k->st[depth].tail = &n->first;
    k->st[depth].key = NULL;
    k->depth++;
}

/* A sequence or mapping closes: pop it, wrap it for a short tag and attach
 * it to its parent. */
static void on_container_end(ystate *y, ystack *k, const yaml_event_t *e)
{
    if (k->depth == 0)
        return;
    int depth = --k->depth;
    sc_pj *n = k->st[depth].node;
    n->end = e->end_mark.index;
    if (k->tags[depth])
        n = wrap(y, n, k->tags[depth], &k->marks[depth]);
    if (n)
        attach(y, k->st, depth, n, &e->start_mark);
}

int sc_yaml_parse(sc_pj_doc **doc, sc_pj_result *out, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    *doc = sc_pj_new();
    if (!*doc)
        return SAMLCHECK_ENOMEM;
    ystate y;
    memset(&y, 0, sizeof y);
    y.doc = *doc;
    y.out = out;
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return SAMLCHECK_ENOMEM;
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    ystack k;
    k.depth = 0;
    int done = 0, docs = 0;
    while (!done && !y.enomem && !out->syntax_error) {
        yaml_event_t e;
        if (!yaml_parser_parse(&p, &e)) {
            parse_failed(&y, &p);
            break;
        }
        switch (e.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                done = 1; /* the first document only */
            break;
        case YAML_ALIAS_EVENT:
            fail(&y, &e.start_mark,
                 "YAML aliases (*%s) are not read: a template needs none, "
                 "and expanding them is how alias bombs grow",
                 e.data.alias.anchor ? (const char *)e.data.alias.anchor : "");
            break;
        case YAML_SCALAR_EVENT: on_scalar(&y, &k, &e); break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: on_container_start(&y, &k, &e); break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: on_container_end(&y, &k, &e); break;
        default: break;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&p);
    if (y.enomem)
        return SAMLCHECK_ENOMEM;
    if (out->syntax_error)
        out->root = NULL;
    return 0;
}
