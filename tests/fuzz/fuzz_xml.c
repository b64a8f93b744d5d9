/* Fuzz target: the safe XML layer - sc_xml_parse (byte checks, limits, no
 * DTD) then sc_xml_check_ids, and the helpers every check uses on each
 * element (location path, D4 strict text). */
#include "fuzz.h"
#include "xml/xml.h"
#include <stdlib.h>
#include <libxml/tree.h>

static void walk(const xmlNode *n, unsigned depth)
{
    /* sc_xml_parse bounds depth and element count, so this terminates;
     * the depth guard is only a second line of defence. */
    for (const xmlNode *c = sc_xml_first_elem(n); c && depth < 256; c = sc_xml_next_elem(c)) {
        char *path = sc_xml_path(c), *text = NULL, *first = NULL;
        int ambiguous = 0;
        (void)sc_xml_text(&text, c, &ambiguous, &first);
        (void)sc_xml_line(c);
        free(path);
        free(text);
        free(first);
        walk(c, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report *r = NULL;
    xmlDocPtr doc = NULL;
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    if (samlcheck_report_new(&r, "fuzz", "response") != 0)
        return 0;
    /* Alternate the kind on the first byte so both BOM sub-cases run. */
    const char *kind = size && (data[0] & 1) ? "metadata" : "response";
    if (sc_xml_parse(&doc, data, size, kind, &lim, NULL, r) == 0 && doc) {
        (void)sc_xml_check_ids(doc, r);
        walk((const xmlNode *)doc, 0);
        xmlFreeDoc(doc);
    }
    samlcheck_report_free(r);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
