/* Fuzz target: the input layer (sc_input_decode) - raw XML, base64, form
 * bodies, HAR and SAML-tracer exports, HTML auto-post pages, auto-detected -
 * then the SOAP unwrapping (sc_xml_unwrap_soap). */
#include "fuzz.h"
#include "input/input.h"
#include "xml/xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report *r = NULL;
    sc_input_list l = {NULL, 0};
    samlcheck_options o;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    o = sc_fuzz_options();
    if (samlcheck_report_new(&r, "fuzz", "response") != 0)
        return 0;
    if (sc_input_decode(&l, "fuzz", data, size, &o, r) == 0)
        (void)sc_xml_unwrap_soap(&l, &o.limits, r); /* SOAP envelopes, as the CLI does */
    /* Decoded items must be what they claim: NUL-terminated, in bounds. */
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].xml && l.items[i].xml[l.items[i].xml_len] != '\0')
            __builtin_trap();
    sc_input_list_free(&l);
    samlcheck_report_free(r);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
