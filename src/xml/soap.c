/* SOAP containers (RULES.md input/undecodable, 0.2): a SOAP 1.1 or 1.2
 * envelope from the ECP profile (soap:Body > samlp:Response) or the
 * artifact resolution protocol (soap:Body > samlp:ArtifactResponse >
 * samlp:Response). The Response element is then checked as the document:
 * it is copied into a document of its own, with every namespace in scope
 * at it declared on it (so that exclusive and inclusive C14N of the
 * Response give the same octets as in the envelope), and serialized. The
 * envelope is parsed by sc_xml_parse (same limits, no DTD, no network);
 * when it does not parse, the bytes are left alone and the checks report
 * on them as they are. */
#include "xml.h"
#include "../input/input.h"
#include "../base/base.h"
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS_SOAP11 "http://schemas.xmlsoap.org/soap/envelope/"
#define NS_SOAP12 "http://www.w3.org/2003/05/soap-envelope"

/* Lexical sniff: the first start tag's local name is Envelope. */
static int root_is_envelope(const unsigned char *x, size_t len)
{
    size_t lim = len < 65536 ? len : 65536, i = 0;
    while (i < lim) {
        const unsigned char *lt = memchr(x + i, '<', lim - i);
        if (!lt)
            return 0;
        i = (size_t)(lt - x) + 1;
        if (i < lim && (x[i] == '?' || x[i] == '!'))
            continue;
        size_t colon = i;
        while (i < lim && x[i] != '>' && x[i] != '/' && !sc_is_xml_space(x[i])) {
            if (x[i] == ':')
                colon = i + 1;
            i++;
        }
        return i - colon == 8 && memcmp(x + colon, "Envelope", 8) == 0;
    }
    return 0;
}

static int is_soap(const xmlNode *n, const char *local)
{
    return sc_xml_is(n, NS_SOAP11, local) || sc_xml_is(n, NS_SOAP12, local);
}

/* The Responses the Body holds: direct children (ECP) and children of an
 * ArtifactResponse. Stores the first in *first and returns how many. */
static size_t body_responses(const xmlNode *body, xmlNode **first, int *artifact)
{
    size_t n = 0;
    *first = NULL;
    for (xmlNode *c = sc_xml_first_elem(body); c; c = sc_xml_next_elem(c)) {
        if (sc_xml_is(c, SC_NS_SAMLP, "Response")) {
            if (!n++)
                *first = c;
        } else if (sc_xml_is(c, SC_NS_SAMLP, "ArtifactResponse")) {
            for (xmlNode *r = sc_xml_first_elem(c); r; r = sc_xml_next_elem(r))
                if (sc_xml_is(r, SC_NS_SAMLP, "Response") && !n++) {
                    *first = r;
                    *artifact = 1;
                }
        }
    }
    return n;
}

/* The Response as a document of its own, serialized (UTF-8). */
static int extract(unsigned char **out, size_t *out_len, xmlNode *resp)
{
    int rc = SAMLCHECK_ENOMEM;
    xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
    xmlNsPtr *scope = NULL;
    xmlChar *mem = NULL;
    int mlen = 0;
    if (!d)
        return rc;
    xmlNode *copy = xmlDocCopyNode(resp, d, 1);
    if (!copy)
        goto out;
    xmlDocSetRootElement(d, copy);
    /* every namespace in scope at the Response, declared on the copy
     * unless the copy already declares that prefix */
    scope = xmlGetNsList(resp->doc, resp);
    for (size_t i = 0; scope && scope[i]; i++) {
        int have = 0;
        for (xmlNs *ns = copy->nsDef; ns && !have; ns = ns->next)
            have = (ns->prefix == NULL && scope[i]->prefix == NULL) ||
                   (ns->prefix && scope[i]->prefix && xmlStrEqual(ns->prefix, scope[i]->prefix));
        if (!have && !xmlNewNs(copy, scope[i]->href, scope[i]->prefix))
            goto out;
    }
    xmlDocDumpMemoryEnc(d, &mem, &mlen, "UTF-8");
    if (!mem || mlen <= 0)
        goto out;
    *out = malloc((size_t)mlen + 1);
    if (!*out)
        goto out;
    memcpy(*out, mem, (size_t)mlen);
    (*out)[mlen] = '\0';
    *out_len = (size_t)mlen;
    rc = 0;
out:
    xmlFree(mem);
    xmlFree(scope);
    xmlFreeDoc(d);
    return rc;
}

int sc_xml_unwrap_soap(sc_input_list *l, const samlcheck_limits *lim, samlcheck_report *r)
{
    int rc = 0;
    size_t kept = 0, had = l->n;
    for (size_t i = 0; i < l->n; i++) {
        sc_input_item *it = &l->items[i];
        int drop = 0;
        if (rc == 0 && root_is_envelope(it->xml, it->xml_len)) {
            samlcheck_report *scratch = NULL;
            xmlDocPtr doc = NULL;
            rc = samlcheck_report_new(&scratch, it->label, "response");
            if (rc == 0)
                rc = sc_xml_parse(&doc, it->xml, it->xml_len, "response", lim, NULL, scratch);
            samlcheck_report_free(scratch);
            xmlNode *env = doc ? xmlDocGetRootElement(doc) : NULL;
            if (rc == 0 && env && is_soap(env, "Envelope")) {
                const char *ver = sc_xml_is(env, NS_SOAP11, "Envelope") ? "1.1" : "1.2";
                xmlNode *body = NULL, *resp = NULL;
                for (xmlNode *c = sc_xml_first_elem(env); c && !body; c = sc_xml_next_elem(c))
                    if (is_soap(c, "Body"))
                        body = c;
                int artifact = 0;
                size_t n = body ? body_responses(body, &resp, &artifact) : 0;
                if (n != 1) {
                    rc = sc_report_add(r, SC_RULE_INPUT_UNDECODABLE, SC_POS_NONE,
                                       "%s%sthe input is a SOAP %s envelope whose Body holds %s "
                                       "samlp:Response (directly or in a samlp:ArtifactResponse); "
                                       "expected exactly one",
                                       had > 1 ? it->label : "", had > 1 ? ": " : "", ver,
                                       n ? "more than one" : "no");
                    drop = 1;
                } else {
                    unsigned char *x = NULL;
                    size_t xl = 0;
                    rc = extract(&x, &xl, resp);
                    if (rc == 0) {
                        long line = xmlGetLineNo(resp);
                        rc = sc_report_addx(
                            r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL,
                            "none needed: this finding records how the input was read", SC_POS_NONE,
                            "%s%sunwrapped from a SOAP %s envelope (%s): the samlp:Response at "
                            "line %ld is checked as the document; line numbers below refer to "
                            "it as extracted",
                            had > 1 ? it->label : "", had > 1 ? ": " : "", ver,
                            artifact ? "soap:Body > samlp:ArtifactResponse, artifact resolution"
                                     : "soap:Body, ECP",
                            line > 0 ? line : 0L);
                        free(it->xml);
                        it->xml = x;
                        it->xml_len = xl;
                        it->encoded_len = sc_b64_encoded_len(xl);
                        if (!it->encoding || strcmp(it->encoding, "xml") == 0)
                            it->encoding = "soap-envelope";
                    }
                }
            }
            xmlFreeDoc(doc);
        }
        if (drop) {
            free(it->label);
            free(it->xml);
            free(it->post_url);
            free(it->relay_state);
        } else {
            l->items[kept++] = *it;
        }
    }
    l->n = kept;
    if (rc == 0 && had && kept == 0)
        sc_report_set_fatal(r);
    return rc;
}
