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

/* ---- D1: AWS SAML sign-in (ACS) endpoints ---- */
enum {
    SC_ACS_NOT_HTTPS = 1u << 0, /* http:// */
    SC_ACS_TRAILING_SLASH = 1u << 1,
    SC_ACS_QUERY = 1u << 2,
    SC_ACS_FRAGMENT = 1u << 3,
    SC_ACS_UPPER_HOST = 1u << 4,
    SC_ACS_PORT = 1u << 5,         /* an explicit port (":443" included) */
    SC_ACS_FOREIGN_HOST = 1u << 6, /* not an AWS sign-in host */
    SC_ACS_BAD_PATH = 1u << 7,     /* not /saml or /saml/acs/<IdP-ID> */
    SC_ACS_STATIC = 1u << 8,       /* /static/saml (warning sub-case) */
    SC_ACS_NOT_URL = 1u << 9,      /* no scheme://host at all */
    SC_ACS_WHITESPACE = 1u << 10,  /* D3 characters anywhere */
    SC_ACS_UPPER_SCHEME = 1u << 11
};

typedef struct sc_acs {
    unsigned defects;   /* SC_ACS_* bits; 0 = a D1 endpoint */
    char partition[16]; /* "aws", "aws-cn", "aws-us-gov"; "" for a foreign host */
    char region[32];    /* "" for the global host */
    char idp_id[64];    /* the <IdP-ID> of /saml/acs/<IdP-ID>, or "" */
    char host[256];     /* lower-cased host as written (truncated) */
} sc_acs;

/* Judge @p url against the D1 grammar (all partitions). Never fails. */
void sc_acs_parse(sc_acs *out, const char *url);

/* ---- response/audience values ---- */
typedef enum sc_audience_kind {
    SC_AUD_OTHER = 0,
    SC_AUD_DOCUMENTED, /* https://signin.aws.amazon.com/saml, urn:amazon:webservices,
                                or the configured SP entity ID */
    SC_AUD_PLAUSIBLE   /* undocumented but plausible AWS value (info sub-case) */
} sc_audience_kind;

sc_audience_kind sc_audience_classify(const char *value, const char *sp_entity_id);

#endif
