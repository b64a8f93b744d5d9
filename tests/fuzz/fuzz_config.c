/* Fuzz target: a federation configuration - samlcheck_check_config over one
 * file (AWS CLI JSON of get-saml-provider, get-role, list-roles, the
 * create/update and assume-role-with-saml request documents; metadata, keys
 * and responses are recognised too; CloudFormation templates in JSON and
 * YAML, Terraform `show -json` plans and states, with AWS::AccountId in the
 * context so intrinsic functions resolve), with the fixture clock. */
#include "fuzz.h"
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const context[] = {"AWS::AccountId=123456789012"};
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_error err;
    samlcheck_options o;
    const char *names[1] = {"fuzz.json"};
    const unsigned char *datas[1] = {data};
    size_t lens[1] = {size};

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    sc_fuzz_init();
    o = sc_fuzz_options();
    o.context = context;
    o.n_context = 1;
    samlcheck_error_clear(&err);
    if (samlcheck_check_config(&rs, &n, names, datas, lens, 1, &o, &err) == 0)
        for (size_t i = 0; i < n; i++)
            (void)samlcheck_report_exit_status(rs[i], 0);
    samlcheck_reports_free(rs, n);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
}
