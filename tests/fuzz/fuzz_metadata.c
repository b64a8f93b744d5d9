/* Fuzz target: IdP metadata - samlcheck_check_metadata (every metadata
 * rule) and samlcheck_metadata_load (the trust-anchor path). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report *r = NULL;
    samlcheck_metadata *md = NULL;
    samlcheck_error err;
    samlcheck_options o;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    o = sc_fuzz_options();
    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "fuzz.xml", "metadata") != 0)
        return 0;
    (void)samlcheck_check_metadata(r, data, size, &o, &err);
    (void)samlcheck_report_exit_status(r, 1);
    samlcheck_report_free(r);
    r = NULL;

    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "fuzz.xml", "metadata") != 0)
        return 0;
    (void)samlcheck_metadata_load(&md, data, size, "fuzz.xml", r, &o, &err);
    samlcheck_metadata_free(md);
    samlcheck_report_free(r);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
