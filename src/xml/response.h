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
#include "../report/sc_report.h"

/* One <AttributeValue>. */
typedef struct sc_attr_value {
    char *text;          /* owned: D4 strict text (all text + CDATA) */
    char *first_text;    /* owned: first text node only, when ambiguous; else NULL */
    int ambiguous;       /* a comment, PI or child element is inside */
    int nil;             /* xsi:nil="true" */
    const xmlNode *node; /* borrowed */
    int name_id;         /* the value is that of a sole saml:NameID child (the
                            eduPersonTargetedID encoding); text is the NameID's */
} sc_attr_value;

/* One <saml:Attribute>, in document order across every AttributeStatement. */
typedef struct sc_attr {
    char *name;            /* owned; NULL when the Name attribute is absent */
    char *name_format;     /* owned or NULL */
    char *friendly_name;   /* owned or NULL */
    sc_attr_value *values; /* owned array */
    size_t n_values;
    const xmlNode *node; /* borrowed */
} sc_attr;

typedef struct sc_attrs {
    sc_attr *v; /* owned array */
    size_t n;
} sc_attrs;

/* Build the attribute list of @p assertion (every AttributeStatement child,
 * in document order) with the default limits. Returns 0 or ENOMEM. Free
 * with sc_attrs_clear(). */
int sc_attrs_from_assertion(sc_attrs *out, const xmlNode *assertion);

/* The same, bounded by @p lim (attributes per assertion, values per
 * attribute; NULL = defaults). When a limit is exceeded, sec/limits is
 * appended to @p r (when not NULL), *over is set and *out is left empty.
 * Returns 0 or ENOMEM. */
int sc_attrs_build(sc_attrs *out, const xmlNode *assertion, const samlcheck_limits *lim,
                   samlcheck_report *r, int *over);
void sc_attrs_clear(sc_attrs *a);

/* ---- the rest of the model ---- */

/* A value read with D4 from an element (Issuer, NameID, Audience). */
typedef struct sc_value {
    char *text;       /* owned; NULL when the element is absent */
    char *first_text; /* owned when ambiguous, else NULL */
    int ambiguous;
    const xmlNode *node; /* borrowed; NULL when the element is absent */
} sc_value;

/* An xs:dateTime XML attribute (D5). */
typedef struct sc_instant {
    char *raw;      /* owned; NULL when the attribute is absent */
    long long t;    /* Unix seconds (UTC) when ok */
    int ok;         /* parsed */
    int had_offset; /* a zone other than Z was converted */
    int no_zone;    /* no zone: read as UTC */
} sc_instant;

typedef struct sc_subject_confirmation {
    const xmlNode *node; /* borrowed <saml:SubjectConfirmation> */
    char *method;        /* owned or NULL */
    size_t n_data;       /* SubjectConfirmationData children */
    const xmlNode *data; /* borrowed first SubjectConfirmationData, or NULL */
    char *recipient;     /* owned or NULL (absent) */
    sc_instant not_on_or_after;
    sc_instant not_before;
} sc_subject_confirmation;

typedef struct sc_audience_restriction {
    const xmlNode *node; /* borrowed */
    sc_value *audiences; /* owned array */
    size_t n;
} sc_audience_restriction;

/* The Assertion: everything the subject/conditions/time rules read. */
typedef struct sc_assertion {
    const xmlNode *node; /* borrowed <saml:Assertion> */
    char *id;            /* owned or NULL */
    char *version;       /* owned or NULL */
    sc_instant issue_instant;
    size_t n_issuers;               /* direct-child Issuer elements */
    sc_value issuer;                /* the first one */
    char *issuer_format;            /* owned or NULL */
    const xmlNode *subject;         /* borrowed or NULL */
    sc_value name_id;               /* first NameID of the Subject */
    char *name_id_format;           /* owned or NULL */
    char *name_qualifier;           /* owned or NULL */
    char *sp_name_qualifier;        /* owned or NULL */
    const xmlNode *base_id;         /* borrowed or NULL */
    const xmlNode *encrypted_id;    /* borrowed or NULL */
    sc_subject_confirmation *confs; /* owned array */
    size_t n_confs;
    const xmlNode *conditions; /* borrowed or NULL */
    sc_instant cond_not_before;
    sc_instant cond_not_on_or_after;
    sc_audience_restriction *restrictions; /* owned array */
    size_t n_restrictions;
    const xmlNode *authn; /* borrowed first AuthnStatement or NULL */
    sc_instant session_not_on_or_after;
} sc_assertion;

/* Build the model of @p A (a saml:Assertion). Returns 0 or ENOMEM; free
 * with sc_assertion_clear() in both cases. */
int sc_assertion_build(sc_assertion *out, const xmlNode *A);
void sc_assertion_clear(sc_assertion *a);

/* The root Response: what response/root, status, issuer-inconsistent and
 * destination read. */
typedef struct sc_response {
    const xmlNode *node; /* borrowed root */
    char *id;            /* owned or NULL */
    char *version;       /* owned or NULL */
    char *destination;   /* owned or NULL (absent) */
    sc_instant issue_instant;
    sc_value issuer;       /* optional Response-level Issuer */
    const xmlNode *status; /* borrowed or NULL */
    char *status_code;     /* owned: top-level StatusCode/@Value, or NULL */
    char *sub_status_code; /* owned: nested StatusCode/@Value, or NULL */
    sc_value status_message;
} sc_response;

int sc_response_build(sc_response *out, const xmlNode *R);
void sc_response_clear(sc_response *resp);

/* Read an xs:dateTime attribute @p name of @p n into @p out. ENOMEM only. */
int sc_instant_read(sc_instant *out, const xmlNode *n, const char *name);
void sc_instant_clear(sc_instant *i);

#endif
