/* Namespace-aware helpers: elements are matched by namespace URI and local
 * name, never by prefix. Values are read strictly (RULES.md D4). */
#include "xml.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

int sc_xml_is(const xmlNode *n, const char *ns, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return 0;
    if (local && strcmp((const char *)n->name, local) != 0)
        return 0;
    if (ns == NULL)
        return 1;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

xmlNode *sc_xml_first_elem(const xmlNode *parent)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

xmlNode *sc_xml_next_elem(const xmlNode *n)
{
    for (xmlNode *c = n ? n->next : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

/* One step of a pre-order walk of @p root's subtree: the first child (with
 * @p descend, of an element), else the next sibling, else the next sibling of
 * the nearest ancestor below @p root that has one; NULL at the end. Never
 * leaves the subtree and never recurses (hostile depth). */
xmlNode *sc_xml_walk_next(const xmlNode *n, const xmlNode *root, int descend)
{
    if (n && descend && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != root && !n->next)
        n = n->parent;
    if (!n || n == root)
        return NULL;
    return n->next;
}

xmlNode *sc_xml_child(const xmlNode *parent, const char *ns, const char *local)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (sc_xml_is(c, ns, local))
            return c;
    return NULL;
}

xmlNode *sc_xml_next(const xmlNode *after, const char *ns, const char *local)
{
    for (xmlNode *c = after ? after->next : NULL; c; c = c->next)
        if (sc_xml_is(c, ns, local))
            return c;
    return NULL;
}

size_t sc_xml_count(const xmlNode *parent, const char *ns, const char *local)
{
    size_t n = 0;
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (sc_xml_is(c, ns, local))
            n++;
    return n;
}

char *sc_xml_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *c = sc_strdup((const char *)v);
    xmlFree(v);
    return c;
}

int sc_xml_has_attr(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlHasNsProp(n, (const xmlChar *)name, NULL);
}

char *sc_xml_attr_ns(const xmlNode *n, const char *ns, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
    if (!v)
        return NULL;
    char *c = sc_strdup((const char *)v);
    xmlFree(v);
    return c;
}

static int collect(sc_buf *b, const xmlNode *n, int *ambiguous, char **first, int *have_first)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        switch (c->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (c->content) {
                if (!*have_first && first) {
                    *first = sc_strdup((const char *)c->content);
                    if (!*first)
                        return SAMLCHECK_ENOMEM;
                }
                *have_first = 1;
                if (sc_buf_puts(b, (const char *)c->content))
                    return SAMLCHECK_ENOMEM;
            }
            break;
        case XML_ENTITY_REF_NODE:
        case XML_COMMENT_NODE:
        case XML_PI_NODE: *ambiguous = 1; break;
        case XML_ELEMENT_NODE:
            *ambiguous = 1;
            if (collect(b, c, ambiguous, first, have_first))
                return SAMLCHECK_ENOMEM;
            break;
        default: break;
        }
    }
    return 0;
}

int sc_xml_text(char **out, const xmlNode *n, int *ambiguous, char **first_text)
{
    sc_buf b = SC_BUF_INIT;
    int amb = 0, have_first = 0;
    char *first = NULL;
    *out = NULL;
    if (first_text)
        *first_text = NULL;
    if (collect(&b, n, &amb, first_text ? &first : NULL, &have_first)) {
        sc_buf_free(&b);
        free(first);
        return SAMLCHECK_ENOMEM;
    }
    *out = sc_buf_detach(&b);
    if (!*out) {
        free(first);
        return SAMLCHECK_ENOMEM;
    }
    if (ambiguous)
        *ambiguous = amb;
    if (first_text) {
        if (amb && !first)
            first = sc_strdup("");
        if (amb)
            *first_text = first;
        else
            free(first);
    }
    return 0;
}

int sc_xml_line(const xmlNode *n)
{
    if (!n)
        return 0;
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

char *sc_xml_path(const xmlNode *n)
{
    const xmlNode *chain[128];
    size_t depth = 0;
    for (const xmlNode *p = n; p && p->type == XML_ELEMENT_NODE && depth < 128; p = p->parent)
        chain[depth++] = p;
    sc_buf b = SC_BUF_INIT;
    int rc = 0;
    while (depth-- > 0 && rc == 0) {
        const xmlNode *e = chain[depth];
        size_t idx = 0, same = 0;
        if (e->parent && e->parent->type == XML_ELEMENT_NODE) {
            for (const xmlNode *s = e->parent->children; s; s = s->next) {
                if (s->type != XML_ELEMENT_NODE ||
                    strcmp((const char *)s->name, (const char *)e->name))
                    continue;
                same++;
                if (s == e)
                    idx = same;
            }
        }
        rc = sc_buf_printf(&b, "/%s", (const char *)e->name);
        if (!rc && same > 1)
            rc = sc_buf_printf(&b, "[%zu]", idx);
    }
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 0)))
#endif
static int
vreport(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev, const char *aws_error,
        const char *hint, const xmlNode *n, const char *fmt, va_list ap)
{
    char *path = n ? sc_xml_path(n) : NULL;
    int rc =
        sc_report_vaddx(r, rule, sev, aws_error, hint, (sc_pos){sc_xml_line(n), 0, path}, fmt, ap);
    free(path);
    return rc;
}

int sc_xml_report(samlcheck_report *r, sc_rule_id rule, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vreport(r, rule, sc_rule(rule)->severity, SC_AWS_DEFAULT, NULL, n, fmt, ap);
    va_end(ap);
    return rc;
}

int sc_xml_reportx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                   const char *aws_error, const char *hint, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vreport(r, rule, sev, aws_error, hint, n, fmt, ap);
    va_end(ap);
    return rc;
}
