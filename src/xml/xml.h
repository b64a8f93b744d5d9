#ifndef SC_XML_H
#define SC_XML_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The safe XML layer: byte-level checks, the only libxml2 parse call (no
 * DTD, no entity expansion, no network, bounded), and namespace-aware
 * helpers that find SAML elements whatever their prefix. */

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

/* libxml2 2.12 made the structured error callbacks take a const xmlError. */
#if LIBXML_VERSION >= 21200
#define SC_XML_ERROR_CONST const
#else
#define SC_XML_ERROR_CONST
#endif
#include "samlcheck/check.h"
#include "../report/sc_report.h"

#define SC_NS_SAMLP "urn:oasis:names:tc:SAML:2.0:protocol"
#define SC_NS_SAML "urn:oasis:names:tc:SAML:2.0:assertion"
#define SC_NS_MD "urn:oasis:names:tc:SAML:2.0:metadata"
#define SC_NS_DS "http://www.w3.org/2000/09/xmldsig#"
#define SC_NS_XENC "http://www.w3.org/2001/04/xmlenc#"
#define SC_NS_XENC11 "http://www.w3.org/2009/xmlenc11#"
#define SC_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define SC_NS_XI "http://www.w3.org/2001/XInclude"
#define SC_NS_SAML1P "urn:oasis:names:tc:SAML:1.0:protocol"
#define SC_NS_SAML1 "urn:oasis:names:tc:SAML:1.0:assertion"
#define SC_NS_WSU                                                                                  \
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"

/* What the byte-level checks saw. */
typedef struct sc_xml_bytes {
    int bom;        /* a BOM was found (and reported) */
    int not_utf8;   /* an xml/not-utf8 defect was found (reported, or pending) */
    size_t bom_len; /* bytes of a UTF-8 BOM to skip */
    size_t chars;   /* length in characters when valid UTF-8 */
    /* For a response the xml/not-utf8 finding waits for the parse: it is a
     * warning when the document still parses and an error when it does not
     * (RULES.md xml/not-utf8, "never fail open"). sc_xml_parse reports it. */
    int pending;
    /* the XML declaration names a 2- or 4-byte encoding (UTF-16, UCS-4,
     * ...) of a document written in single bytes: libxml2 reads everything
     * after the declaration as that encoding, so any parse failure is the
     * label's (2.9 says so with an encoding error; 2.13 and later decode the
     * bytes as UTF-16 and fail on the garbage with a syntax error) */
    int wide_label;
    int line, col;
    char msg[192];
} sc_xml_bytes;

/* Byte checks before parsing (xml/bom, xml/not-utf8). @p kind is "metadata"
 * (errors, reported here) or "response" (xml/bom is a warning reported here;
 * an xml/not-utf8 defect is left pending in @p out for sc_xml_parse, whose
 * outcome decides its severity). Appends findings to @p r. */
int sc_xml_bytecheck(sc_xml_bytes *out, const unsigned char *data, size_t len, const char *kind,
                     samlcheck_report *r);

/* libxml2 reports some allocation failures (xmlNewNs, xmlStrdup in tree
 * building) only to the thread's global error handler, then goes on with a
 * partial tree. samlcheck_global_init's handler passes every error here;
 * sc_xml_parse turns one seen during its parse into SAMLCHECK_ENOMEM. */
void sc_xml_note_global_error(const xmlError *e);

/* Parse untrusted bytes. Runs sc_xml_bytecheck first unless @p bytes is
 * given (already done). On success *out is the document (caller frees with
 * xmlFreeDoc); when the document cannot be used (xml/malformed, xml/dtd,
 * sec/limits, xml/not-utf8) *out is NULL and findings say why. A pending
 * xml/not-utf8 of a response (see sc_xml_bytes) is reported here: a warning
 * when the document parsed, else an error. Returns 0 or ENOMEM. */
int sc_xml_parse(xmlDocPtr *out, const unsigned char *data, size_t len, const char *kind,
                 const samlcheck_limits *lim, const sc_xml_bytes *bytes, samlcheck_report *r);

/* What kind of error made a parse fail, from libxml2's xmlError domain and
 * code (never from its message text, which libxml2 rewords between
 * releases). */
typedef enum sc_xml_err_class {
    SC_XML_ERR_OTHER,     /* not well-formed for another reason (or no error) */
    SC_XML_ERR_ENCODING,  /* bytes that are not characters of the encoding, or an
                           * unknown/unsupported/mislabelled encoding */
    SC_XML_ERR_NAMESPACE, /* a namespace error (an undeclared prefix, ...) */
} sc_xml_err_class;
sc_xml_err_class sc_xml_error_class(int domain, int code);

/* sc_xml_parse that also says, in *@p why (may be NULL), the class of the
 * first libxml2 error when the document did not parse (SC_XML_ERR_OTHER
 * when it parsed or was refused for a DTD or a limit). */
int sc_xml_parse_ex(xmlDocPtr *out, const unsigned char *data, size_t len, const char *kind,
                    const samlcheck_limits *lim, const sc_xml_bytes *bytes, samlcheck_report *r,
                    sc_xml_err_class *why);

/* soap.c: replace every decoded item that is a SOAP envelope (ECP,
 * ArtifactResponse) by the samlp:Response its Body holds, as a document of
 * its own, with an info input/undecodable finding in @p r saying so; an
 * envelope without exactly one Response is dropped with an
 * input/undecodable error (the report is fatal when nothing is left).
 * Returns 0 or ENOMEM. */
struct sc_input_list;
int sc_xml_unwrap_soap(struct sc_input_list *l, const samlcheck_limits *lim, samlcheck_report *r);

/* ---- helpers (nodes are borrowed from their document) ---- */
int sc_xml_is(const xmlNode *n, const char *ns, const char *local);
xmlNode *sc_xml_child(const xmlNode *parent, const char *ns, const char *local);
xmlNode *sc_xml_next(const xmlNode *after, const char *ns, const char *local);
xmlNode *sc_xml_first_elem(const xmlNode *parent);
xmlNode *sc_xml_next_elem(const xmlNode *n);
/* Pre-order walk step inside @p root's subtree (see xml/node.c):
 * for (n = root; n; n = sc_xml_walk_next(n, root, 1)) ... */
xmlNode *sc_xml_walk_next(const xmlNode *n, const xmlNode *root, int descend);
size_t sc_xml_count(const xmlNode *parent, const char *ns, const char *local);
/* Unqualified attribute value, malloc'd copy (free()), or NULL if absent. */
char *sc_xml_attr(const xmlNode *n, const char *name);
int sc_xml_has_attr(const xmlNode *n, const char *name);
/* Namespaced attribute value (malloc'd copy) or NULL. */
char *sc_xml_attr_ns(const xmlNode *n, const char *ns, const char *name);
/* D4 strict text: all descendant text and CDATA in document order.
 * *ambiguous is set when a comment, PI or child element is inside; then
 * *first_text (if not NULL) gets the first text node's value (malloc'd).
 * *out is malloc'd. Returns 0 or ENOMEM. */
int sc_xml_text(char **out, const xmlNode *n, int *ambiguous, char **first_text);
int sc_xml_line(const xmlNode *n);
/* XPath-like location: /Response/Assertion/AttributeStatement/Attribute[2]
 * (index shown when the element has same-named siblings). malloc'd. */
char *sc_xml_path(const xmlNode *n);
/* Add a finding positioned at @p n (line + location). */
int sc_xml_report(samlcheck_report *r, sc_rule_id rule, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
int sc_xml_reportx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                   const char *aws_error, const char *hint, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* ---- ids.c ---- */
/* xml/duplicate-id and xml/id-syntax over every ID-like attribute. */
int sc_xml_check_ids(xmlDocPtr doc, samlcheck_report *r);
/* The same rules after decryption (RULES.md sec/decrypted-unsigned): the
 * document is the Response @p root with the EncryptedAssertion @p enc
 * replaced by the decrypted Assertion @p dec (root of its own document).
 * Reports, prefixed "in the decrypted assertion", every duplicate that
 * involves an ID of @p dec (within it, or against the rest of the
 * document) and xml/id-syntax inside @p dec; what the document alone
 * showed was reported by sc_xml_check_ids. */
int sc_xml_check_ids_decrypted(const xmlNode *root, const xmlNode *enc, const xmlNode *dec,
                               samlcheck_report *r);
/* True when attribute @p a is an ID-like attribute as RULES.md defines. */
int sc_xml_is_id_attr(const xmlAttr *a);
/* True when @p s is a valid NCName (ASCII approximation + any non-ASCII). */
int sc_xml_is_ncname(const char *s);

#endif
