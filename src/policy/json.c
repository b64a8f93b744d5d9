/* A small RFC 8259 JSON reader for policies: it keeps the line and column
 * (in characters) of every value and member name, reports every duplicate
 * member name at any depth (jansson's JSON_REJECT_DUPLICATES stops at the
 * first), and checks the IAM policy character set (TAB, LF, CR, U+0020 to
 * U+00FF). Nodes live in one arena freed with the document. Depth and node
 * counts are bounded, so a 10 MB input costs one linear pass. */
#include "policy.h"
#include "../base/base.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    max_align_t data[];
} arena_block;

struct sc_pj_doc {
    arena_block *blocks;
};

void *sc_pj_alloc(sc_pj_doc *doc, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    arena_block *b = doc->blocks;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = doc->blocks;
        b->used = 0;
        b->cap = cap;
        doc->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

sc_pj_doc *sc_pj_new(void)
{
    return calloc(1, sizeof(sc_pj_doc));
}

void sc_pj_free(sc_pj_doc *doc)
{
    if (!doc)
        return;
    arena_block *b = doc->blocks;
    while (b) {
        arena_block *n = b->next;
        free(b);
        b = n;
    }
    free(doc);
}

const char *sc_pj_type_name(sc_pj_type t)
{
    switch (t) {
    case SC_PJ_NULL: return "null";
    case SC_PJ_FALSE:
    case SC_PJ_TRUE: return "a boolean";
    case SC_PJ_NUM: return "a number";
    case SC_PJ_STR: return "a string";
    case SC_PJ_ARR: return "an array";
    case SC_PJ_OBJ: return "an object";
    }
    return "?";
}

const sc_pj *sc_pj_get(const sc_pj *o, const char *key)
{
    if (!o || o->type != SC_PJ_OBJ)
        return NULL;
    for (const sc_pj *m = o->first; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

/* ---- the parser ---- */

typedef struct parser {
    const unsigned char *s;
    size_t len, i;
    int line;
    size_t line_start;
    size_t col_at; /* byte offset whose column is col_val */
    int col_val;
    size_t nodes;
    int build; /* still building the tree (node budget not exceeded) */
    int failed;
    int enomem;
    sc_pj_doc *doc;
    sc_pj_result *res;
    sc_buf tmp;
} parser;

/* Column (in code points, 1-based) of byte offset @p at on the current
 * line; positions are asked for in increasing order, so this is linear. */
static int column_of(parser *p, size_t at)
{
    if (p->col_at < p->line_start || p->col_at > at) {
        p->col_at = p->line_start;
        p->col_val = 1;
    }
    while (p->col_at < at) {
        if ((p->s[p->col_at] & 0xC0) != 0x80)
            p->col_val++;
        p->col_at++;
    }
    return p->col_val;
}

static void fail(parser *p, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void fail(parser *p, size_t at, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->res->syntax_error = 1;
    p->res->syntax.line = p->line;
    p->res->syntax.col = column_of(p, at);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->res->syntax.msg, sizeof p->res->syntax.msg, fmt, ap);
    va_end(ap);
}

static void skip_ws(parser *p)
{
    while (p->i < p->len) {
        unsigned char c = p->s[p->i];
        if (c == '\n') {
            p->line++;
            p->line_start = ++p->i;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            p->i++;
        } else {
            break;
        }
    }
}

static sc_pj *new_node(parser *p, sc_pj_type t, size_t at)
{
    p->nodes++;
    if (!p->build)
        return NULL;
    if (p->nodes > SC_PJ_MAX_NODES) {
        p->build = 0;
        p->res->too_many_nodes = 1;
        return NULL;
    }
    sc_pj *n = sc_pj_alloc(p->doc, sizeof *n);
    if (!n) {
        p->enomem = 1;
        p->failed = 1;
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->type = t;
    n->line = p->line;
    n->col = column_of(p, at);
    n->off = at;
    return n;
}

static const char *what_here(parser *p)
{
    static _Thread_local char buf[32]; /* policies are checked on -j threads */
    if (p->i >= p->len)
        return "the end of the document";
    unsigned char c = p->s[p->i];
    if (c == '/' && p->i + 1 < p->len && (p->s[p->i + 1] == '/' || p->s[p->i + 1] == '*'))
        return "a comment (JSON has no comments)";
    if (c == '\'')
        return "a single quote (JSON strings use \")";
    if (c >= 0x20 && c < 0x7F) {
        snprintf(buf, sizeof buf, "'%c'", c);
        return buf;
    }
    uint32_t cp;
    if (sc_utf8_decode(p->s + p->i, p->len - p->i, &cp)) {
        snprintf(buf, sizeof buf, "U+%04X", (unsigned)cp);
        return buf;
    }
    snprintf(buf, sizeof buf, "byte 0x%02X", c);
    return buf;
}

static int read_hex4(parser *p, size_t at, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = at + (size_t)k < p->len ? sc_hex_val(p->s[at + (size_t)k]) : -1;
        if (h < 0)
            return -1;
        v = v * 16 + (unsigned)h;
    }
    *out = v;
    return 0;
}

static void put_utf8(sc_buf *b, uint32_t cp, int *rc)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    if (!*rc)
        *rc = sc_buf_append(b, u, n);
}

/* A string at p->i (the opening quote). *out gets an arena copy when the
 * tree is being built. */
/* The u escape (backslash, u, four hex digits) at p->i (a surrogate pair read as one character, a
 * lone surrogate as U+FFFD): appended to p->tmp, *@p rc set on ENOMEM.
 * -1 when malformed (reported). */
static int parse_u_escape(parser *p, int *rc)
{
    unsigned u, lo;
    if (read_hex4(p, p->i + 2, &u)) {
        fail(p, p->i, "\\u needs four hexadecimal digits");
        return -1;
    }
    size_t adv = 6;
    uint32_t cp = u;
    if (u >= 0xD800 && u <= 0xDBFF) {
        if (p->i + 7 < p->len && p->s[p->i + 6] == '\\' && p->s[p->i + 7] == 'u' &&
            read_hex4(p, p->i + 8, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
            cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            adv = 12;
        } else {
            cp = 0xFFFD; /* lone surrogate: kept visible, not fatal */
        }
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
        cp = 0xFFFD;
    }
    if (p->build)
        put_utf8(&p->tmp, cp, rc);
    p->i += adv;
    return 0;
}

/* The escape sequence at p->i of the string that begins at @p start:
 * appended to p->tmp, *@p rc set on ENOMEM. -1 when malformed (reported). */
static int parse_escape(parser *p, size_t start, int *rc)
{
    if (p->i + 1 >= p->len) {
        fail(p, start, "unterminated string");
        return -1;
    }
    unsigned char e = p->s[p->i + 1];
    char d = 0;
    switch (e) {
    case '"': d = '"'; break;
    case '\\': d = '\\'; break;
    case '/': d = '/'; break;
    case 'b': d = '\b'; break;
    case 'f': d = '\f'; break;
    case 'n': d = '\n'; break;
    case 'r': d = '\r'; break;
    case 't': d = '\t'; break;
    case 'u': return parse_u_escape(p, rc);
    default: fail(p, p->i, "invalid escape sequence in a string"); return -1;
    }
    if (p->build && !*rc)
        *rc = sc_buf_putc(&p->tmp, d);
    p->i += 2;
    return 0;
}

static int parse_string(parser *p, const char **out, size_t *outlen)
{
    size_t start = p->i;
    int rc = 0;
    p->i++;
    p->tmp.len = 0;
    if (p->tmp.data)
        p->tmp.data[0] = '\0';
    for (;;) {
        if (p->i >= p->len) {
            fail(p, start, "unterminated string");
            return -1;
        }
        unsigned char c = p->s[p->i];
        if (c == '"') {
            p->i++;
            break;
        }
        if (c < 0x20) {
            fail(p, p->i, "a control character (U+%s) inside a string must be escaped",
                 c == '\n'   ? "000A"
                 : c == '\t' ? "0009"
                 : c == '\r' ? "000D"
                             : "00xx");
            return -1;
        }
        if (c == '\\') {
            if (parse_escape(p, start, &rc))
                return -1;
            continue;
        }
        /* a run of plain bytes */
        size_t j = p->i;
        while (j < p->len && p->s[j] != '"' && p->s[j] != '\\' && p->s[j] >= 0x20)
            j++;
        if (p->build && !rc)
            rc = sc_buf_append(&p->tmp, p->s + p->i, j - p->i);
        p->i = j;
    }
    if (rc) {
        p->enomem = 1;
        p->failed = 1;
        return -1;
    }
    if (p->build && out) {
        char *s = sc_pj_alloc(p->doc, p->tmp.len + 1);
        if (!s) {
            p->enomem = 1;
            p->failed = 1;
            return -1;
        }
        memcpy(s, p->tmp.data ? p->tmp.data : "", p->tmp.len);
        s[p->tmp.len] = '\0';
        *out = s;
        *outlen = p->tmp.len;
    }
    return 0;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int parse_number(parser *p, sc_pj *n)
{
    size_t st = p->i;
    if (p->i < p->len && p->s[p->i] == '-')
        p->i++;
    if (p->i >= p->len || !is_digit(p->s[p->i])) {
        fail(p, st, "invalid number");
        return -1;
    }
    if (p->s[p->i] == '0') {
        p->i++;
    } else {
        while (p->i < p->len && is_digit(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->len && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->len || !is_digit(p->s[p->i])) {
            fail(p, st, "invalid number (digits must follow '.')");
            return -1;
        }
        while (p->i < p->len && is_digit(p->s[p->i]))
            p->i++;
    }
    if (p->i < p->len && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->len && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (p->i >= p->len || !is_digit(p->s[p->i])) {
            fail(p, st, "invalid number exponent");
            return -1;
        }
        while (p->i < p->len && is_digit(p->s[p->i]))
            p->i++;
    }
    if (n) {
        size_t l = p->i - st;
        char *s = sc_pj_alloc(p->doc, l + 1);
        if (!s) {
            p->enomem = 1;
            p->failed = 1;
            return -1;
        }
        memcpy(s, p->s + st, l);
        s[l] = '\0';
        n->s = s;
        n->slen = l;
    }
    return 0;
}

static int cmp_members(const void *a, const void *b)
{
    const sc_pj *x = *(const sc_pj *const *)a, *y = *(const sc_pj *const *)b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->kline != y->kline ? (x->kline < y->kline ? -1 : 1)
                                : (x->kcol < y->kcol ? -1 : x->kcol > y->kcol);
}

static int cmp_problems(const void *a, const void *b)
{
    const sc_pj_problem *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* Report every member of @p o whose name an earlier member already used. */
static void find_duplicates(parser *p, sc_pj *o)
{
    if (o->n < 2)
        return;
    sc_pj **v = malloc(o->n * sizeof *v);
    if (!v) {
        p->enomem = 1;
        return;
    }
    size_t k = 0;
    for (sc_pj *m = o->first; m; m = m->next)
        v[k++] = m;
    qsort(v, k, sizeof *v, cmp_members);
    for (size_t i = 1; i < k; i++) {
        if (strcmp(v[i]->key, v[i - 1]->key) != 0)
            continue;
        sc_pj_result *r = p->res;
        if (r->n_dups < SC_PJ_MAX_PROBLEMS) {
            sc_pj_problem *d = &r->dups[r->n_dups];
            size_t j = i;
            while (j > 0 && strcmp(v[j - 1]->key, v[i]->key) == 0)
                j--;
            d->line = v[i]->kline;
            d->col = v[i]->kcol;
            char *name = sc_str_escape(v[i]->key, 60);
            snprintf(d->msg, sizeof d->msg, "\"%s\" (first at line %d, column %d)",
                     name ? name : "?", v[j]->kline, v[j]->kcol);
            free(name);
        }
        r->n_dups++;
    }
    free(v);
}

static sc_pj *parse_value(parser *p, int depth);

static sc_pj *parse_container(parser *p, int depth, int is_obj)
{
    size_t at = p->i;
    sc_pj *n = new_node(p, is_obj ? SC_PJ_OBJ : SC_PJ_ARR, at);
    if (p->failed)
        return NULL;
    if (depth >= SC_PJ_MAX_DEPTH) {
        fail(p, at, "nesting deeper than 64 levels");
        return NULL;
    }
    sc_pj **tail = n ? &n->first : NULL;
    p->i++;
    skip_ws(p);
    char close = is_obj ? '}' : ']';
    if (p->i < p->len && p->s[p->i] == (unsigned char)close) {
        p->i++;
        return n;
    }
    for (;;) {
        const char *key = NULL;
        size_t klen = 0;
        int kline = 0, kcol = 0;
        if (is_obj) {
            skip_ws(p);
            if (p->i >= p->len || p->s[p->i] != '"') {
                fail(p, p->i, "expected a member name in double quotes, found %s", what_here(p));
                return NULL;
            }
            kline = p->line;
            kcol = n ? column_of(p, p->i) : 0;
            if (parse_string(p, n ? &key : NULL, &klen))
                return NULL;
            skip_ws(p);
            if (p->i >= p->len || p->s[p->i] != ':') {
                fail(p, p->i, "expected ':' after the member name, found %s", what_here(p));
                return NULL;
            }
            p->i++;
        }
        skip_ws(p);
        sc_pj *v = parse_value(p, depth + 1);
        if (p->failed)
            return NULL;
        if (n && v && p->build) {
            v->key = key;
            v->kline = kline;
            v->kcol = kcol;
            *tail = v;
            tail = &v->next;
            n->n++;
        }
        skip_ws(p);
        if (p->i < p->len && p->s[p->i] == ',') {
            p->i++;
            skip_ws(p);
            if (p->i < p->len && p->s[p->i] == (unsigned char)close) {
                fail(p, p->i, "a trailing comma before %s", is_obj ? "'}'" : "']'");
                return NULL;
            }
            continue;
        }
        if (p->i < p->len && p->s[p->i] == (unsigned char)close) {
            p->i++;
            break;
        }
        fail(p, p->i,
             is_obj ? "expected ',' or '}' in an object, found %s"
                    : "expected ',' or ']' in an array, found %s",
             what_here(p));
        return NULL;
    }
    if (n && is_obj && p->build)
        find_duplicates(p, n);
    return p->build ? n : NULL;
}

static int literal(parser *p, const char *word)
{
    size_t l = strlen(word);
    if (p->len - p->i >= l && memcmp(p->s + p->i, word, l) == 0) {
        p->i += l;
        return 1;
    }
    return 0;
}

static sc_pj *parse_value1(parser *p, int depth);

static sc_pj *parse_value(parser *p, int depth)
{
    sc_pj *n = parse_value1(p, depth);
    if (n)
        n->end = p->i;
    return n;
}

static sc_pj *parse_value1(parser *p, int depth)
{
    if (p->i >= p->len) {
        fail(p, p->i, "expected a value, found the end of the document");
        return NULL;
    }
    unsigned char c = p->s[p->i];
    size_t at = p->i;
    if (c == '{' || c == '[')
        return parse_container(p, depth, c == '{');
    if (c == '"') {
        sc_pj *n = new_node(p, SC_PJ_STR, at);
        if (p->failed)
            return NULL;
        if (parse_string(p, n ? &n->s : NULL, n ? &n->slen : NULL))
            return NULL;
        return n;
    }
    if (c == '-' || is_digit(c)) {
        sc_pj *n = new_node(p, SC_PJ_NUM, at);
        if (p->failed || parse_number(p, n))
            return NULL;
        return n;
    }
    if (literal(p, "true"))
        return new_node(p, SC_PJ_TRUE, at);
    if (literal(p, "false"))
        return new_node(p, SC_PJ_FALSE, at);
    if (literal(p, "null"))
        return new_node(p, SC_PJ_NULL, at);
    fail(p, at, "expected a value, found %s", what_here(p));
    return NULL;
}

/* The IAM character set and the character counts for policy/size. */
static void scan_chars(parser *p)
{
    sc_pj_result *r = p->res;
    int line = 1, col = 1;
    size_t i = 0;
    while (i < p->len) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p->s + i, p->len - i, &cp);
        if (n == 0) {
            if (r->n_chars < SC_PJ_MAX_PROBLEMS) {
                sc_pj_problem *q = &r->chars[r->n_chars];
                q->line = line;
                q->col = col;
                snprintf(q->msg, sizeof q->msg, "byte 0x%02X is not UTF-8", p->s[i]);
            }
            r->n_chars++;
            n = 1;
            cp = 0xFFFD;
        } else if (!(cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0xFF))) {
            if (r->n_chars < SC_PJ_MAX_PROBLEMS) {
                sc_pj_problem *q = &r->chars[r->n_chars];
                q->line = line;
                q->col = col;
                const char *name = cp == 0xFEFF                   ? " (byte-order mark)"
                                   : cp == 0x201C || cp == 0x201D ? " (typographic double quote)"
                                   : cp == 0x2018 || cp == 0x2019 ? " (typographic single quote)"
                                   : cp == 0x00A0 || cp == 0x200B ? " (invisible space)"
                                                                  : "";
                snprintf(q->msg, sizeof q->msg, "U+%04X%s", (unsigned)cp, name);
            }
            r->n_chars++;
        }
        r->chars_total++;
        if (!(cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r'))
            r->chars_no_ws++;
        if (cp == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i += n;
    }
}

int sc_pj_parse(sc_pj_doc **docp, sc_pj_result *out, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    *docp = calloc(1, sizeof **docp);
    if (!*docp)
        return SAMLCHECK_ENOMEM;
    parser p;
    memset(&p, 0, sizeof p);
    p.s = (const unsigned char *)text;
    p.len = len;
    p.line = 1;
    p.col_val = 1;
    p.build = 1;
    p.doc = *docp;
    p.res = out;
    scan_chars(&p);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        out->bom = 1;
        p.i = 3;
        p.line_start = 3;
        p.col_at = 3;
        p.col_val = 2; /* the BOM is column 1 */
    }
    skip_ws(&p);
    sc_pj *root = parse_value(&p, 0);
    if (!p.failed) {
        skip_ws(&p);
        if (p.i < p.len) {
            if (p.s[p.i] == '{' || p.s[p.i] == '[')
                fail(
                    &p, p.i,
                    "a second JSON value begins here (IAM: \"More than one JSON policy object\")%s",
                    "");
            else
                fail(&p, p.i, "trailing text after the JSON value: %s", what_here(&p));
        }
    }
    sc_buf_free(&p.tmp);
    if (p.enomem)
        return SAMLCHECK_ENOMEM;
    out->root = p.failed || !p.build ? NULL : root;
    /* duplicates were found object by object, inner objects first: report
     * them in document order */
    size_t nd = out->n_dups < SC_PJ_MAX_PROBLEMS ? out->n_dups : SC_PJ_MAX_PROBLEMS;
    qsort(out->dups, nd, sizeof out->dups[0], cmp_problems);
    return 0;
}
