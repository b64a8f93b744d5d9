/* samlcheck response (STUB). */
#include "samlcheck/check.h"
#include "../xml/xml.h"
#include <stdlib.h>

int samlcheck_check_response(samlcheck_report *r, const unsigned char *xml, size_t len,
                             size_t encoded_len, const samlcheck_options *opts,
                             samlcheck_error *err)
{
    (void)encoded_len;
    (void)err;
    xmlDocPtr doc = NULL;
    int rc = sc_xml_parse(&doc, xml, len, "response", &opts->limits, NULL, r);
    if (rc || !doc)
        return rc;
    rc = sc_xml_check_ids(doc, r);
    xmlFreeDoc(doc);
    return rc;
}

