/* Fuzz target: `samlcheck config` over one fuzzed file - the form
 * detection, the JSON and YAML (libyaml) readers, CloudFormation intrinsic
 * resolution and the Terraform reader, every config rule, and the embedded
 * documents' checks. Seeds: testdata/corpus/config/ (copies of the
 * CloudFormation and Terraform fixtures of make-config-fixtures.py). */
#include "fuzz.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const context[] = {"AWS::AccountId=123456789012"};
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_error err;
    samlcheck_options o;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    o = sc_fuzz_options();
    o.context = context;
    o.n_context = 1;
    const char *names[] = {"fuzz"};
    const unsigned char *datas[] = {data};
    size_t lens[] = {size};
    samlcheck_error_clear(&err);
    if (samlcheck_check_config(&rs, &n, names, datas, lens, 1, &o, &err) == 0) {
        for (size_t i = 0; i < n; i++)
            samlcheck_report_free(rs[i]);
        free(rs);
    }
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
