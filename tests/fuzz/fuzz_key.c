/* Fuzz target: private keys as uploaded to IAM - samlcheck_check_key and
 * samlcheck_keyset_add_pem (the --key path). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report *r = NULL;
    samlcheck_keyset *ks = NULL;
    samlcheck_error err;
    samlcheck_options o;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    o = sc_fuzz_options();
    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "fuzz.pem", "key") != 0)
        return 0;
    (void)samlcheck_check_key(r, data, size, &o, &err);
    samlcheck_report_free(r);

    if (samlcheck_keyset_new(&ks) != 0)
        return 0;
    samlcheck_error_clear(&err);
    (void)samlcheck_keyset_add_pem(ks, data, size, "fuzz.pem", &err);
    (void)samlcheck_keyset_count(ks);
    samlcheck_keyset_free(ks);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
