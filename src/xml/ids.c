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
    int decrypted; /* from the decrypted assertion (sc_xml_check_ids_decrypted) */
} id_entry;

/* What a collection pass reads and reports. */
typedef struct id_pass {
    const xmlNode *skip; /* subtree left out (the EncryptedAssertion), or NULL */
    int decrypted;       /* entries are from the decrypted assertion */
    const char *prefix;  /* message prefix ("" or "in the decrypted assertion: ") */
    int syntax;          /* report xml/id-syntax */
} id_pass;

static int cmp_entry(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int c = strcmp(x->value, y->value);
    if (c)
        return c;
    if (x->decrypted != y->decrypted) /* the document's before the plaintext's */
        return x->decrypted - y->decrypted;
    long lx = xmlGetLineNo(x->elem), ly = xmlGetLineNo(y->elem);
    return (lx > ly) - (lx < ly);
}

static int collect(const xmlNode *n, id_entry **arr, size_t *len, size_t *cap, samlcheck_report *r,
                   const id_pass *pass)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || n == pass->skip)
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
            (*arr)[(*len)++] = (id_entry){v, n, pass->decrypted};
            /* xml/id-syntax: only the SAML ID attribute (xs:ID) is judged. */
            if (pass->syntax && strcmp((const char *)a->name, "ID") == 0 && !a->ns &&
                !sc_xml_is_ncname(v)) {
                char *esc = sc_str_escape(v, 80);
                int rc = sc_xml_report(r, SC_RULE_XML_ID_SYNTAX, n,
                                       "%sID \"%s\" on <%s> is not a valid xs:ID (NCName): it "
                                       "must start with a letter or '_' and contain no ':' or "
                                       "spaces",
                                       pass->prefix, esc ? esc : "?", (const char *)n->name);
                free(esc);
                if (rc)
                    return rc;
            }
        }
        int rc = collect(n->children, arr, len, cap, r, pass);
        if (rc)
            return rc;
    }
    return 0;
}

/* Sort @p arr and report each value that occurs more than once; with
 * @p only_decrypted, only groups that hold an entry of the decrypted
 * assertion (the others were reported on the document). */
static int report_duplicates(id_entry *arr, size_t len, int only_decrypted, const char *prefix,
                             samlcheck_report *r)
{
    int rc = 0;
    if (len > 1) /* qsort(NULL, 0, ...) is undefined behaviour (UBSan nonnull) */
        qsort(arr, len, sizeof *arr, cmp_entry);
    for (size_t i = 0; i < len && !rc;) {
        size_t j = i + 1, dec = arr[i].decrypted ? i : len;
        while (j < len && strcmp(arr[i].value, arr[j].value) == 0) {
            if (arr[j].decrypted && dec == len)
                dec = j;
            j++;
        }
        if (j - i > 1 && (!only_decrypted || dec < len)) {
            /* positioned at the second occurrence (the decrypted one, if any) */
            const id_entry *at = only_decrypted && dec > i ? &arr[dec] : &arr[i + 1];
            const id_entry *first = at == &arr[i] ? &arr[i + 1] : &arr[i];
            char *esc = sc_str_escape(arr[i].value, 80);
            rc = sc_xml_report(r, SC_RULE_XML_DUPLICATE_ID, at->elem,
                               "%sthe ID \"%s\" occurs %zu times (first on <%s> at line %d%s, "
                               "again on <%s> at line %d%s)",
                               prefix, esc ? esc : "?", j - i, (const char *)first->elem->name,
                               sc_xml_line(first->elem),
                               first->decrypted ? " of the decrypted assertion" : "",
                               (const char *)at->elem->name, sc_xml_line(at->elem),
                               at->decrypted ? " of the decrypted assertion" : "");
            free(esc);
        }
        i = j;
    }
    return rc;
}

int sc_xml_check_ids(xmlDocPtr doc, samlcheck_report *r)
{
    id_entry *arr = NULL;
    size_t len = 0, cap = 0;
    id_pass all = {NULL, 0, "", 1};
    int rc = collect(doc->children, &arr, &len, &cap, r, &all);
    if (!rc)
        rc = report_duplicates(arr, len, 0, "", r);
    free(arr);
    return rc;
}

int sc_xml_check_ids_decrypted(const xmlNode *root, const xmlNode *enc, const xmlNode *dec,
                               samlcheck_report *r)
{
    static const char prefix[] = "in the decrypted assertion: ";
    id_entry *arr = NULL;
    size_t len = 0, cap = 0;
    id_pass outer = {enc, 0, prefix, 0}, plain = {NULL, 1, prefix, 1};
    int rc = collect(root, &arr, &len, &cap, r, &outer);
    if (!rc)
        rc = collect(dec, &arr, &len, &cap, r, &plain);
    if (!rc)
        rc = report_duplicates(arr, len, 1, prefix, r);
    free(arr);
    return rc;
}
