#ifndef SC_INPUT_H
#define SC_INPUT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
/* The string member @p key of JSON object @p o (borrowed) and its length,
 * or NULL when absent or not a string (har.c; used by tracer.c too). */
#include <jansson.h>
const char *sc_json_str(const json_t *o, const char *key, size_t *len);

#endif

/* The input layer: turns what the user captured (raw XML, base64, a form
 * body, a HAR export, a SAML-tracer export) into response documents
 * (RULES.md section 4, input/...). */

#include <stddef.h>
#include "samlcheck/check.h"
#include "../report/sc_report.h"

typedef struct sc_input_item {
    char *label;        /* owned: "capture.har#3 (POST https://...)" or the input name */
    unsigned char *xml; /* owned: the decoded document bytes (NUL-terminated) */
    size_t xml_len;
    size_t encoded_len;   /* length of the base64 SAMLResponse as it would be sent to
                               AssumeRoleWithSAML (for raw XML: the length its base64
                               encoding would have) */
    char *post_url;       /* owned or NULL: where the capture posted it */
    char *relay_state;    /* owned or NULL */
    const char *encoding; /* static: which decoder produced it ("xml", "base64", ...) */
    int entry;            /* HAR entry / SAML-tracer request index (1-based), 0 = none */
    long long when;       /* when when_kind: the capture's time (Unix seconds) */
    int when_kind;        /* 0 unknown, 1 request time, 2 export time (an upper bound) */
} sc_input_item;

typedef struct sc_input_list {
    sc_input_item *items; /* owned */
    size_t n;
} sc_input_list;

/* At most this many responses are taken from one capture. */
#define SC_INPUT_MAX_ITEMS 256

/* Decode one input into response documents. Input-level findings
 * (input/unreadable for an empty input, input/undecodable,
 * input/har-no-saml, input/too-large, input/multiple-saml) go to @p r; when
 * nothing could be decoded the report is marked fatal and out->n is 0.
 * Returns 0 or a negative code (out is then empty). */
int sc_input_decode(sc_input_list *out, const char *name, const unsigned char *data, size_t len,
                    const samlcheck_options *opts, samlcheck_report *r);
void sc_input_list_free(sc_input_list *l);

/* ---- form.c: application/x-www-form-urlencoded ---- */
/* Steps 2-3 of input/undecodable, before sc_b64_decode (src/base): spaces
 * become '+' (a '+' that went through form decoding), other XML whitespace
 * (TAB, CR, LF) is removed. *out is malloc'd and NUL-terminated. */
int sc_b64_normalise(char **out, size_t *out_len, const char *in, size_t len);
typedef struct sc_form_param {
    char *name;  /* owned, decoded */
    char *value; /* owned, decoded (NUL-terminated); raw text when malformed */
    size_t value_len;
    int malformed;     /* a bad %-escape: name/value are kept undecoded */
    size_t bad_offset; /* then: offset of the bad '%' in the body */
} sc_form_param;

typedef struct sc_form {
    sc_form_param *p; /* owned */
    size_t n;
} sc_form;

/* Percent- and plus-decode one component ('+' becomes a space). Returns 0,
 * SAMLCHECK_EINVAL (*bad_off = offset of the bad '%'), or ENOMEM. */
int sc_form_unescape(char **out, size_t *out_len, const char *in, size_t len, size_t *bad_off);
/* Split and decode a form body. At most @p max_params parameters are kept.
 * A malformed escape flags that parameter only. Returns 0 or ENOMEM. */
int sc_form_parse(sc_form *out, const char *body, size_t len, size_t max_params);
void sc_form_free(sc_form *f);
/* The @p idx-th (0-based) parameter called @p name, or NULL. */
const sc_form_param *sc_form_get(const sc_form *f, const char *name, size_t idx);
size_t sc_form_count(const sc_form *f, const char *name);
/* The raw (still encoded) value of the first parameter called @p name in
 * an undecoded body, borrowed from @p body; NULL when absent. */
const char *sc_form_find_raw(const char *body, size_t len, const char *name, size_t *vlen);
/* The same for the @p idx-th (0-based) parameter called @p name. */
const char *sc_form_find_raw_nth(const char *body, size_t len, const char *name, size_t idx,
                                 size_t *vlen);
/* True when @p s looks like a form body carrying SAML parameters. */
int sc_form_sniff(const char *s, size_t len);

/* ---- detect.c ---- */
typedef enum sc_input_kind {
    SC_INPUT_KIND_EMPTY, /* only whitespace */
    SC_INPUT_KIND_XML,
    SC_INPUT_KIND_JSON,
    SC_INPUT_KIND_PEM,
    SC_INPUT_KIND_FORM,
    SC_INPUT_KIND_BASE64, /* anything else is tried as base64 */
    SC_INPUT_KIND_BINARY  /* NUL or other control bytes: not text */
} sc_input_kind;

/* Guess what the input is from its first bytes. */
sc_input_kind sc_input_detect(const unsigned char *d, size_t len);
/* Offset of the first byte after an optional UTF-8 BOM and XML whitespace. */
size_t sc_input_skip_ws(const unsigned char *d, size_t len);
/* True when decoded bytes start, after an optional BOM and XML whitespace,
 * with '<' (a UTF-16 BOM counts: the XML layer reports the encoding). */
int sc_input_starts_xml(const unsigned char *d, size_t len);
/* True when bytes look like a raw DEFLATE stream (HTTP-Redirect binding). */
int sc_input_looks_deflate(const unsigned char *d, size_t len);
/* A short description of what undecodable bytes look like (for hints). */
const char *sc_input_describe(const unsigned char *d, size_t len);
/* True when the XML text's root element is named Response (any prefix):
 * a lexical sniff, not a parse. */
int sc_input_root_is_response(const char *xml, size_t len);

/* ---- html.c: an IdP's auto-post page or a saved page source ---- */
/* True when the text starts (after a BOM, whitespace, an XML declaration
 * and comments) with an HTML doctype or an HTML element (html, head, body,
 * form, ...): not XML such as a SAML or SOAP document. */
int sc_input_looks_html(const unsigned char *d, size_t len);

/* One <input name="SAMLResponse"> of a page. */
typedef struct sc_html_post {
    char *value; /* owned: the value, character references decoded */
    size_t value_len;
    char *action; /* owned or NULL: the enclosing form's action */
    char *relay;  /* owned or NULL: the RelayState input's value */
    int line;     /* line of the input element, 0 when unknown */
} sc_html_post;

typedef struct sc_html_scan {
    sc_html_post *posts; /* owned; document order */
    size_t n;
    size_t dropped;  /* SAMLResponse inputs beyond SC_INPUT_MAX_ITEMS */
    size_t forms;    /* <form> elements */
    size_t requests; /* <input name="SAMLRequest"> elements */
    char problem[160];
    char stopped[160]; /* the parser's fatal error when it stopped early, or "" */
} sc_html_scan;

/* Parse an HTML page (libxml2 HTML parser, no network, after a linear
 * pre-scan enforcing @p lim on tags and attributes per tag) and collect
 * its SAMLResponse inputs. Returns 0 (possibly with n == 0),
 * SAMLCHECK_EINVAL with s->problem set, or SAMLCHECK_ENOMEM. */
int sc_html_extract(sc_html_scan *s, const unsigned char *d, size_t len,
                    const samlcheck_limits *lim);
void sc_html_scan_free(sc_html_scan *s);
/* 1 when libxml2's error (xmlError domain and code) is the HTML parser's
 * nesting depth limit, which ends the parse (classified by code, never by
 * libxml2's wording). */
int sc_html_error_is_depth(int domain, int code);

/* ---- har.c / tracer.c: captures holding several requests ---- */
/* One POST that carries a SAMLResponse, as found in a capture. */
typedef struct sc_capture_post {
    int entry;          /* 1-based index in log.entries / requests */
    const char *method; /* borrowed from the JSON */
    const char *url;    /* borrowed, may be NULL */
    const char *value;  /* borrowed: the SAMLResponse value */
    size_t value_len;
    int form_encoded;  /* value still needs percent-decoding */
    const char *relay; /* borrowed or NULL */
    size_t relay_len;
    int relay_form_encoded;
    const char *saml; /* SAML-tracer: the decoded "saml" field, or NULL */
    size_t saml_len;
    long long when; /* as sc_input_item.when / when_kind */
    int when_kind;
    size_t value_index; /* 1-based: which SAMLResponse parameter of this request */
    size_t value_count; /* how many SAMLResponse parameters this request carries */
} sc_capture_post;

/* Called for each POST with a SAMLResponse. Returning non-zero stops. */
typedef int (*sc_capture_cb)(const sc_capture_post *p, void *payload);

typedef struct sc_capture_stats {
    size_t total;            /* entries / requests in the capture */
    size_t entries;          /* entries / requests looked at */
    size_t posts;            /* POST requests */
    size_t saml_requests;    /* POSTs that carried only a SAMLRequest */
    int first_request_entry; /* first such entry */
    size_t get_responses;    /* GET requests with SAMLResponse in the query */
    int first_get_entry;
    char problem[160]; /* structural problem ("log.entries is not an array") */
} sc_capture_stats;

/* Walk a parsed HAR (json_t *, passed as void * to keep jansson out of
 * this header). @p only_entry: 0 = all. Returns 0, the callback's non-zero
 * value, or SAMLCHECK_EINVAL when the document is not a HAR (stats->problem). */
int sc_har_walk(const void *root, int only_entry, sc_capture_cb cb, void *payload,
                sc_capture_stats *stats);
/* The same for a SAML-tracer export ({"requests":[...]}). */
int sc_tracer_walk(const void *root, int only_entry, sc_capture_cb cb, void *payload,
                   sc_capture_stats *stats);

/* The string member @p key of JSON object @p o (borrowed) and its length,
 * or NULL when absent or not a string (har.c; used by tracer.c too). */
#include <jansson.h>
const char *sc_json_str(const json_t *o, const char *key, size_t *len);
/* A capture's timestamp member @p key of @p o: an RFC 3339 string or a
 * number of milliseconds since the epoch. Returns 1 with *t set, else 0. */
int sc_json_time(const json_t *o, const char *key, long long *t);

#endif
