/* samlcheck metadata: every xml and metadata rule (STUB: parse only). */
#include "samlcheck/check.h"
#include "../xml/xml.h"
#include <stdlib.h>

struct samlcheck_metadata {
    xmlDocPtr doc; /* owned */
};

int samlcheck_check_metadata(samlcheck_report *r, const unsigned char *data, size_t len,
                             const samlcheck_options *opts, samlcheck_error *err)
{
    (void)err;
    xmlDocPtr doc = NULL;
    int rc = sc_xml_parse(&doc, data, len, "metadata", &opts->limits, NULL, r);
    if (rc || !doc)
        return rc;
    rc = sc_xml_check_ids(doc, r);
    xmlFreeDoc(doc);
    return rc;
}

int samlcheck_metadata_load(samlcheck_metadata **out, const unsigned char *data, size_t len,
                            const char *name, samlcheck_report *r, const samlcheck_options *opts,
                            samlcheck_error *err)
{
    (void)name;
    (void)err;
    *out = NULL;
    xmlDocPtr doc = NULL;
    int rc = sc_xml_parse(&doc, data, len, "metadata", &opts->limits, NULL, r);
    if (rc || !doc)
        return rc;
    samlcheck_metadata *md = calloc(1, sizeof *md);
    if (!md) {
        xmlFreeDoc(doc);
        return SAMLCHECK_ENOMEM;
    }
    md->doc = doc;
    *out = md;
    return 0;
}

void samlcheck_metadata_free(samlcheck_metadata *md)
{
    if (!md)
        return;
    xmlFreeDoc(md->doc);
    free(md);
}
