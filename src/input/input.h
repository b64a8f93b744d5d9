#ifndef SC_INPUT_H
#define SC_INPUT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The input layer: turns what the user captured (raw XML, base64, a form
 * body, a HAR export, a SAML-tracer export) into response documents. */

#include <stddef.h>
#include "samlcheck/check.h"
#include "../report/sc_report.h"

typedef struct sc_input_item {
    char *label;            /* owned: "capture.har#3 (POST https://...)" or the input name */
    unsigned char *xml;     /* owned: the decoded document bytes (NUL-terminated) */
    size_t xml_len;
    size_t encoded_len;     /* length of the base64 SAMLResponse as it would be sent to
                               AssumeRoleWithSAML; 0 when the input was raw XML */
    char *post_url;         /* owned or NULL: where the capture posted it */
    char *relay_state;      /* owned or NULL */
} sc_input_item;

typedef struct sc_input_list {
    sc_input_item *items;   /* owned */
    size_t n;
} sc_input_list;

/* Decode one input into response documents. Input-level findings
 * (input/undecodable, input/har-no-saml, input/too-large,
 * input/multiple-saml) go to @p r; when nothing could be decoded the report
 * is marked fatal and out->n is 0. Returns 0 or a negative code. */
int sc_input_decode(sc_input_list *out, const char *name, const unsigned char *data, size_t len,
                    const samlcheck_options *opts, samlcheck_report *r);
void sc_input_list_free(sc_input_list *l);

#endif
