/* HTML containers (RULES.md input/undecodable, 0.2): the IdP's auto-post
 * page, or the page source a user saved, whose form holds
 * <input name="SAMLResponse" value="...">. The page is parsed with
 * libxml2's HTML parser (the only HTML parse call): network off
 * (HTML_PARSE_NONET; the entity loader installed by samlcheck_global_init
 * refuses everything anyway), no default DTD, errors silenced (an HTML page
 * is allowed to be sloppy). HTML has no entity declarations: the parser
 * decodes character references (&#43;) and the predefined HTML entities
 * (&amp;) in the value, nothing else.
 *
 * Limits: before the parser runs, a linear lexical pre-scan counts start
 * tags and the attributes of each (skipping comments and script/style
 * content as an HTML tokenizer does): libxml2's HTML parser checks
 * duplicate attributes quadratically, so a tag with more than
 * limits.attrs_per_elem attributes, more than limits.elements tags, or
 * more than HTML_MAX_ATTRS attributes in all is refused before any parser
 * work. libxml2 itself stops at a nesting depth of 256. The tree is walked
 * iteratively. */
#include "input.h"
#include "../base/base.h"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNIFF_MAX 65536
/* Attributes in the whole page: the HTML parser's duplicate check costs
 * the square of each tag's attribute count, so 50,000 tags of 64
 * attributes would take seconds; 200,000 in all keeps the worst case
 * near 0.4 s (3,125 tags of 64). An IdP's auto-post page has a few dozen. */
#define HTML_MAX_ATTRS 200000u

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ci_starts(const unsigned char *d, size_t len, const char *s)
{
    size_t n = strlen(s);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = d[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)s[i])
            return 0;
    }
    return 1;
}

/* Offset just after the first occurrence of @p end at or after @p i, or
 * @p len when there is none. @p ci: compare case-insensitively. */
static size_t skip_past(const unsigned char *d, size_t len, size_t i, const char *end, int ci)
{
    size_t n = strlen(end);
    for (; i + n <= len; i++)
        if (ci ? ci_starts(d + i, len - i, end) : memcmp(d + i, end, n) == 0)
            return i + n;
    return len;
}

int sc_input_looks_html(const unsigned char *d, size_t len)
{
    static const char *const roots[] = {"html",  "head",   "body",  "form", "meta",
                                        "title", "script", "input", "div",  "noscript"};
    size_t lim = len < SNIFF_MAX ? len : SNIFF_MAX;
    size_t i = sc_input_skip_ws(d, lim);
    while (i < lim) {
        while (i < lim && is_ws(d[i]))
            i++;
        if (i >= lim || d[i] != '<')
            return 0;
        if (ci_starts(d + i, lim - i, "<?")) {
            i = skip_past(d, lim, i, "?>", 0);
        } else if (ci_starts(d + i, lim - i, "<!--")) {
            i = skip_past(d, lim, i + 4, "-->", 0);
        } else if (ci_starts(d + i, lim - i, "<!doctype")) {
            size_t k = i + 9;
            while (k < lim && is_ws(d[k]))
                k++;
            return ci_starts(d + k, lim - k, "html") &&
                   (k + 4 >= lim || !is_alpha(d[k + 4]) || d[k + 4] == ':');
        } else {
            size_t k = i + 1, s = k;
            while (k < lim && (is_alpha(d[k]) || (k > s && d[k] >= '0' && d[k] <= '9')))
                k++;
            if (k == s || (k < lim && d[k] == ':'))
                return 0; /* a prefixed name is XML (soap:Envelope, samlp:Response) */
            if (k < lim && !is_ws(d[k]) && d[k] != '>' && d[k] != '/')
                return 0;
            for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++)
                if (strlen(roots[r]) == k - s && ci_starts(d + s, k - s, roots[r]))
                    return 1;
            return 0;
        }
    }
    return 0;
}

/* Count the attributes of the start tag at byte @p tag, from @p *k (just
 * after its name) to its '>' (left in @p *k, or len): an attribute is a
 * name starting after whitespace, outside quotes. Returns 1 with
 * @p problem set when the page's count (@p *total) or this tag's passes
 * its bound, else 0. */
static int scan_attributes(const unsigned char *d, size_t len, size_t tag, size_t *k,
                           const samlcheck_limits *lim, size_t *total, char *problem, size_t psize)
{
    size_t attrs = 0;
    unsigned char quote = 0;
    int after_space = 0;
    for (; *k < len; (*k)++) {
        unsigned char c = d[*k];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '>')
            break;
        if (c == '"' || c == '\'') {
            quote = c;
            after_space = 0;
        } else if (is_ws(c) || c == '/') {
            after_space = 1;
        } else if (c == '=') {
            after_space = 0;
            while (*k + 1 < len && is_ws(d[*k + 1]))
                (*k)++;
        } else if (after_space) {
            after_space = 0;
            if (++*total > HTML_MAX_ATTRS) {
                snprintf(problem, psize,
                         "the page has more than %u attributes in all (an IdP's auto-post "
                         "page has a few dozen)",
                         HTML_MAX_ATTRS);
                return 1;
            }
            if (lim->attrs_per_elem && ++attrs > lim->attrs_per_elem) {
                snprintf(problem, psize,
                         "a tag at byte %zu has more than %u attributes (sec/limits "
                         "attributes per element)",
                         tag, lim->attrs_per_elem);
                return 1;
            }
        }
    }
    return 0;
}

/* The lexical pre-scan. Returns 0, or 1 with @p problem set. */
static int prescan(const unsigned char *d, size_t len, const samlcheck_limits *lim, char *problem,
                   size_t psize)
{
    size_t tags = 0, total = 0, markup = 0;
    /* every node the parser makes costs memory and time: end tags,
     * comments, PIs and declarations count too (a page of 3 million
     * "<?x?>" took 1.4 s and 670 MB) */
    size_t max_markup = lim->elements ? 2 * (size_t)lim->elements : 0;
    for (size_t i = 0; i < len;) {
        if (d[i] != '<') {
            const unsigned char *lt = memchr(d + i, '<', len - i);
            if (!lt)
                break;
            i = (size_t)(lt - d);
            continue;
        }
        if (i + 1 < len &&
            (is_alpha(d[i + 1]) || d[i + 1] == '/' || d[i + 1] == '!' || d[i + 1] == '?')) {
            if (max_markup && ++markup > max_markup) {
                snprintf(problem, psize,
                         "the page has more than %zu tags, comments and other markup "
                         "(twice sec/limits elements)",
                         max_markup);
                return 1;
            }
        }
        if (ci_starts(d + i, len - i, "<!--")) {
            i = skip_past(d, len, i + 4, "-->", 0);
            continue;
        }
        if (i + 1 >= len || !is_alpha(d[i + 1])) {
            i++;
            continue;
        }
        size_t name = i + 1, k = name;
        while (k < len && !is_ws(d[k]) && d[k] != '>' && d[k] != '/')
            k++;
        int raw = (k - name == 6 && ci_starts(d + name, 6, "script")) ||
                  (k - name == 5 && ci_starts(d + name, 5, "style"));
        if (lim->elements && ++tags > lim->elements) {
            snprintf(problem, psize, "the page has more than %u tags (sec/limits elements)",
                     lim->elements);
            return 1;
        }
        if (scan_attributes(d, len, i, &k, lim, &total, problem, psize))
            return 1;
        i = k < len ? k + 1 : len;
        if (raw) /* script and style content is raw text up to its end tag */
            i = skip_past(d, len, i, (k - name == 6) ? "</script" : "</style", 1);
    }
    return 0;
}

static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *c = sc_strdup((const char *)v);
    xmlFree(v);
    return c;
}

static int named(const xmlNode *n, const char *elem, const char *name)
{
    if (n->type != XML_ELEMENT_NODE || !n->name || strcmp((const char *)n->name, elem) != 0)
        return 0;
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)"name");
    int eq = v && strcmp((const char *)v, name) == 0;
    xmlFree(v);
    return eq;
}

/* The next node of an iterative pre-order walk under @p top. */
static const xmlNode *next_node(const xmlNode *n, const xmlNode *top)
{
    if (n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

static const xmlNode *find_in(const xmlNode *top, const char *elem, const char *name)
{
    for (const xmlNode *n = top ? top->children : NULL; n; n = next_node(n, top))
        if (named(n, elem, name))
            return n;
    return NULL;
}

static int add_post(sc_html_scan *s, const xmlNode *in, const xmlNode *root)
{
    if (s->n >= SC_INPUT_MAX_ITEMS) {
        s->dropped++;
        return 0;
    }
    sc_html_post *p = &s->posts[s->n];
    memset(p, 0, sizeof *p);
    const xmlNode *form = in->parent;
    while (form && !(form->type == XML_ELEMENT_NODE && form->name &&
                     strcmp((const char *)form->name, "form") == 0))
        form = form->parent;
    p->value = prop(in, "value");
    if (!p->value && !(p->value = sc_strdup("")))
        return SAMLCHECK_ENOMEM;
    p->value_len = strlen(p->value);
    if (form && xmlHasProp(form, (const xmlChar *)"action") && !(p->action = prop(form, "action")))
        return SAMLCHECK_ENOMEM;
    const xmlNode *relay = find_in(form ? form : root, "input", "RelayState");
    if (relay && xmlHasProp(relay, (const xmlChar *)"value") && !(p->relay = prop(relay, "value")))
        return SAMLCHECK_ENOMEM;
    p->line = xmlGetLineNo(in) > 0 && xmlGetLineNo(in) < 0x7fffffff ? (int)xmlGetLineNo(in) : 0;
    s->n++;
    return 0;
}

int sc_html_error_is_depth(int domain, int code)
{
    if (domain != XML_FROM_HTML && domain != XML_FROM_PARSER)
        return 0;
#if LIBXML_VERSION >= 21100
    /* 2.11 gave the limits a code of their own; the HTML parser's only one
     * reachable here is the depth (prescan bounds the sizes) */
    return code == XML_ERR_RESOURCE_LIMIT;
#else
    /* before, the depth limit was the HTML parser's fatal "internal error" */
    return code == XML_ERR_INTERNAL_ERROR;
#endif
}

int sc_html_extract(sc_html_scan *s, const unsigned char *d, size_t len,
                    const samlcheck_limits *lim)
{
    samlcheck_limits dflt = SAMLCHECK_LIMITS_INIT;
    int rc = 0;
    memset(s, 0, sizeof *s);
    if (!lim)
        lim = &dflt;
    if (len > (size_t)0x7fffffff) {
        snprintf(s->problem, sizeof s->problem, "the page is too large for the HTML parser");
        return SAMLCHECK_EINVAL;
    }
    if (prescan(d, len, lim, s->problem, sizeof s->problem))
        return SAMLCHECK_EINVAL;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return SAMLCHECK_ENOMEM;
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, (const char *)d, (int)len, NULL, NULL,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD);
    /* a fatal error (libxml2 stops at a nesting depth of 256, for one) ends
     * the parse early: say so when nothing was found */
    const xmlError *fatal = xmlCtxtGetLastError(ctxt);
#if LIBXML_VERSION >= 21400
    int stopped = xmlCtxtIsStopped(ctxt);
#else
    int stopped = ctxt->disableSAX || ctxt->instate == XML_PARSER_EOF;
#endif
    if (stopped && fatal && fatal->level == XML_ERR_FATAL && fatal->message) {
        const char *m = fatal->message;
        if (sc_html_error_is_depth(fatal->domain, fatal->code)) {
            snprintf(s->stopped, sizeof s->stopped, "elements nested deeper than 256 levels");
        } else {
            char raw[120];
            snprintf(raw, sizeof raw, "%s", m);
            size_t n = strlen(raw);
            while (n && (raw[n - 1] == '\n' || raw[n - 1] == ' '))
                raw[--n] = '\0';
            char *e = sc_str_escape(raw, 0);
            snprintf(s->stopped, sizeof s->stopped, "%s", e ? e : "a fatal error");
            free(e);
        }
    }
    htmlFreeParserCtxt(ctxt);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        snprintf(s->problem, sizeof s->problem, "the HTML parser found no document in it");
        xmlFreeDoc(doc);
        return SAMLCHECK_EINVAL;
    }
    s->posts = calloc(SC_INPUT_MAX_ITEMS, sizeof *s->posts);
    if (!s->posts) {
        xmlFreeDoc(doc);
        return SAMLCHECK_ENOMEM;
    }
    /* the walk starts at the document node: the root's siblings count */
    const xmlNode *top = (const xmlNode *)doc;
    for (const xmlNode *n = top->children; n && rc == 0; n = next_node(n, top)) {
        if (n->type != XML_ELEMENT_NODE || !n->name)
            continue;
        if (strcmp((const char *)n->name, "input") == 0) {
            if (named(n, "input", "SAMLResponse"))
                rc = add_post(s, n, root);
            else if (named(n, "input", "SAMLRequest"))
                s->requests++;
        } else if (strcmp((const char *)n->name, "form") == 0) {
            s->forms++;
        }
    }
    xmlFreeDoc(doc);
    if (rc)
        sc_html_scan_free(s);
    return rc;
}

void sc_html_scan_free(sc_html_scan *s)
{
    if (!s)
        return;
    for (size_t i = 0; s->posts && i < s->n; i++) {
        free(s->posts[i].value);
        free(s->posts[i].action);
        free(s->posts[i].relay);
    }
    free(s->posts);
    memset(s, 0, sizeof *s);
}
