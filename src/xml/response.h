#ifndef SC_RESPONSE_H
#define SC_RESPONSE_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The response model. Claims are read only from the node handle of the
 * Assertion that the signature check trusted (RULES.md
 * response/signature-wrapping step 6): the model is built from that node,
 * never by searching the whole document. Values are read strictly (D4).
 * Node pointers are borrowed from the document that owns them. */

#include <libxml/tree.h>
#include "samlcheck/check.h"

/* One <AttributeValue>. */
typedef struct sc_attr_value {
    char *text;              /* owned: D4 strict text (all text + CDATA) */
    char *first_text;        /* owned: first text node only, when ambiguous; else NULL */
    int ambiguous;           /* a comment, PI or child element is inside */
    int nil;                 /* xsi:nil="true" */
    const xmlNode *node;     /* borrowed */
} sc_attr_value;

/* One <saml:Attribute>, in document order across every AttributeStatement. */
typedef struct sc_attr {
    char *name;              /* owned; NULL when the Name attribute is absent */
    char *name_format;       /* owned or NULL */
    char *friendly_name;     /* owned or NULL */
    sc_attr_value *values;   /* owned array */
    size_t n_values;
    const xmlNode *node;     /* borrowed */
} sc_attr;

typedef struct sc_attrs {
    sc_attr *v;              /* owned array */
    size_t n;
} sc_attrs;

/* Build the attribute list of @p assertion (every AttributeStatement child,
 * in document order). Returns 0 or ENOMEM. Free with sc_attrs_clear(). */
int sc_attrs_from_assertion(sc_attrs *out, const xmlNode *assertion);
void sc_attrs_clear(sc_attrs *a);

#endif
