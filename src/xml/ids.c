/* ID-like attributes (RULES.md xml/duplicate-id): ID on SAML protocol,
 * assertion and metadata elements; Id on ds:* and xenc:*; wsu:Id; and any
 * unqualified ID, Id or id. Duplicate values are the basis of signature
 * wrapping, so every one is reported. */
#include "xml.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

int sc_xml_is_id_attr(const xmlAttr *a)
{
    const char *name = (const char *)a->name;
    if (a->ns) {
        return a->ns->href && strcmp((const char *)a->ns->href, SC_NS_WSU) == 0 &&
               strcmp(name, "Id") == 0;
    }
    return strcmp(name, "ID") == 0 || strcmp(name, "Id") == 0 || strcmp(name, "id") == 0;
}

int sc_xml_is_ncname(const char *s)
{
    if (!s || !*s)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        c = *p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c >= 0x80))
            return 0;
    }
    return 1;
}

typedef struct id_entry {
    const char *value; /* borrowed from the document */
    const xmlNode *elem;
} id_entry;

static int cmp_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->value, y->value);
    if (c)
        return c;
    long lx = xmlGetLineNo(x->elem), ly = xmlGetLineNo(y->elem);
    return (lx > ly) - (lx < ly);
}

static int collect(const xmlNode *n, id_entry **arr, size_t *len, size_t *cap, samlcheck_report *r)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (const xmlAttr *a = n->properties; a; a = a->next) {
            if (!sc_xml_is_id_attr(a) || !a->children || !a->children->content)
                continue;
            const char *v = (const char *)a->children->content;
            if (*len == *cap) {
                size_t nc = *cap ? *cap * 2 : 16;
                id_entry *na = realloc(*arr, nc * sizeof *na);
                if (!na)
                    return SAMLCHECK_ENOMEM;
                *arr = na;
                *cap = nc;
            }
            (*arr)[(*len)++] = (id_entry){v, n};
            /* xml/id-syntax: only the SAML ID attribute (xs:ID) is judged. */
            if (strcmp((const char *)a->name, "ID") == 0 && !a->ns && !sc_xml_is_ncname(v)) {
                char *esc = sc_str_escape(v, 80);
                int rc = sc_xml_report(r, SC_RULE_XML_ID_SYNTAX, n,
                                       "ID \"%s\" on <%s> is not a valid xs:ID (NCName): it must "
                                       "start with a letter or '_' and contain no ':' or spaces",
                                       esc ? esc : "?", (const char *)n->name);
                free(esc);
                if (rc)
                    return rc;
            }
        }
        int rc = collect(n->children, arr, len, cap, r);
        if (rc)
            return rc;
    }
    return 0;
}

int sc_xml_check_ids(xmlDocPtr doc, samlcheck_report *r)
{
    id_entry *arr = NULL;
    size_t len = 0, cap = 0;
    int rc = collect(doc->children, &arr, &len, &cap, r);
    if (rc)
        goto out;
    if (len > 1) /* qsort(NULL, 0, ...) is undefined behaviour (UBSan nonnull) */
        qsort(arr, len, sizeof *arr, cmp_entry);
    for (size_t i = 0; i < len;) {
        size_t j = i + 1;
        while (j < len && strcmp(arr[i].value, arr[j].value) == 0)
            j++;
        if (j - i > 1) {
            char *esc = sc_str_escape(arr[i].value, 80);
            rc = sc_xml_report(r, SC_RULE_XML_DUPLICATE_ID, arr[i + 1].elem,
                               "the ID \"%s\" occurs %zu times (first on <%s> at line %d, again "
                               "on <%s> at line %d)",
                               esc ? esc : "?", j - i, (const char *)arr[i].elem->name,
                               sc_xml_line(arr[i].elem), (const char *)arr[i + 1].elem->name,
                               sc_xml_line(arr[i + 1].elem));
            free(esc);
            if (rc)
                goto out;
        }
        i = j;
    }
out:
    free(arr);
    return rc;
}
