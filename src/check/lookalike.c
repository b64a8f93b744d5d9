/* Things a careless reader would take that samlcheck does not (issue 8
 * item 10: nothing is dropped silently). Both are info findings: the
 * checked reading is the right one, but another consumer might differ.
 *
 * - response/assertion-count (info): an element called Assertion or
 *   EncryptedAssertion (any letter case) that is not in the SAML 2.0
 *   assertion namespace: not counted as an assertion and not read; a reader
 *   that matches on the local name would take it.
 * - response/nameid-comment (info): a NameID, Issuer, Audience or
 *   AttributeValue whose text is split by CDATA sections. D4 reads all text
 *   and CDATA as one value, so there is no ambiguity for samlcheck or AWS's
 *   parser, but a reader that takes the first text node sees only a part.
 *   Values that a comment, PI or child element splits are errors reported
 *   elsewhere and are skipped here. */
#include "attributes.h"
#include "../xml/xml.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 10

static int ieq(const xmlChar *a, const char *b)
{
    return a && sc_str_ieq((const char *)a, b);
}

static int is_lookalike(const xmlNode *n)
{
    if (!ieq(n->name, "Assertion") && !ieq(n->name, "EncryptedAssertion"))
        return 0;
    return !sc_xml_is(n, SC_NS_SAML, "Assertion") &&
           !sc_xml_is(n, SC_NS_SAML, "EncryptedAssertion");
}

static int is_value_elem(const xmlNode *n)
{
    return sc_xml_is(n, SC_NS_SAML, "NameID") || sc_xml_is(n, SC_NS_SAML, "Issuer") ||
           sc_xml_is(n, SC_NS_SAML, "Audience") || sc_xml_is(n, SC_NS_SAML, "AttributeValue");
}

/* Text pieces of a value; 0 when something other than text/CDATA splits
 * it (reported as an error elsewhere) or when no CDATA is involved. */
static size_t cdata_pieces(const xmlNode *n, const char **first)
{
    size_t pieces = 0, cdata = 0;
    *first = NULL;
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!pieces)
                *first = (const char *)c->content;
            pieces++;
            cdata += c->type == XML_CDATA_SECTION_NODE;
        } else if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE ||
                   c->type == XML_PI_NODE || c->type == XML_ENTITY_REF_NODE) {
            return 0;
        }
    }
    return cdata && pieces > 1 ? pieces : 0;
}

static int report_lookalike(samlcheck_report *r, const xmlNode *n)
{
    const char *ns = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
    char *e = sc_str_escape(ns ? ns : "", 200);
    char *p = sc_xml_path(n);
    int rc = SAMLCHECK_ENOMEM;
    if (e && p)
        rc = sc_xml_reportx(r, SC_RULE_RESPONSE_ASSERTION_COUNT, SAMLCHECK_SEV_INFO, NULL, NULL, n,
                            "%s (line %d) is %s%s%s, not a SAML 2.0 assertion (namespace %s): it "
                            "is not counted and not read; a reader that matches on the local "
                            "name only would take it",
                            p, sc_xml_line(n), ns ? "in namespace \"" : "in no namespace",
                            ns ? e : "", ns ? "\"" : "", SC_NS_SAML);
    free(e);
    free(p);
    return rc;
}

static int report_cdata(samlcheck_report *r, const xmlNode *n, size_t pieces, const char *first)
{
    char *all = NULL;
    int amb = 0, rc = sc_xml_text(&all, n, &amb, NULL);
    if (rc)
        return rc;
    char *ea = sc_str_escape(all, 200), *ef = sc_str_escape(first ? first : "", 200);
    rc = SAMLCHECK_ENOMEM;
    if (ea && ef)
        rc = sc_xml_reportx(
            r, SC_RULE_RESPONSE_NAMEID_COMMENT, SAMLCHECK_SEV_INFO, NULL,
            "no action needed for AWS; an IdP rarely emits CDATA, so check what "
            "produced it",
            n,
            "the value of %s is split by CDATA sections into %zu pieces; it is "
            "read as one value \"%s\" (all its text, as AWS's XML parser reads it), while a "
            "reader that takes the first text node only would see \"%s\"",
            (const char *)n->name, pieces, ea, ef);
    free(all);
    free(ea);
    free(ef);
    return rc;
}

int sc_check_lookalikes(samlcheck_report *r, const xmlNode *top)
{
    size_t looks = 0, splits = 0;
    int rc = 0;
    for (const xmlNode *cur = top; cur && rc == 0; cur = sc_xml_walk_next(cur, top, 1)) {
        if (cur->type == XML_ELEMENT_NODE) {
            const char *first;
            size_t pieces;
            if (is_lookalike(cur) && looks++ < MAX_REPORTED)
                rc = report_lookalike(r, cur);
            else if (is_value_elem(cur) && (pieces = cdata_pieces(cur, &first)) &&
                     splits++ < MAX_REPORTED)
                rc = report_cdata(r, cur, pieces, first);
        }
    }
    return rc;
}
