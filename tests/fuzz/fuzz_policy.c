/* Fuzz target: role trust policies - samlcheck_check_policy (the JSON
 * reader, the input shapes, every policy-only rule) and, for inputs that
 * load, the --trust-policy cross-check of a fixed signed response that
 * sends tags, a SourceIdentity and a multivalued eduPerson attribute
 * (testdata/responses/policy/tags.xml against its metadata), so the
 * context builder, every condition operator and the evaluator run on the
 * fuzzed policy. */
#include "fuzz.h"
#include <stdlib.h>

static samlcheck_metadata *g_md;
static unsigned char *g_resp;
static size_t g_resp_len;

static void setup(void)
{
    size_t len = 0;
    samlcheck_error err;
    samlcheck_report *r = NULL;
    samlcheck_options o = sc_fuzz_options();

    sc_fuzz_init();
    unsigned char *md = sc_fuzz_read_src("testdata/responses/policy/metadata.xml", &len);
    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "metadata.xml", "metadata") != 0)
        abort();
    (void)samlcheck_metadata_load(&g_md, md, len, "metadata.xml", r, &o, &err);
    samlcheck_report_free(r);
    free(md);
    g_resp = sc_fuzz_read_src("testdata/responses/policy/tags.xml", &g_resp_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report *r = NULL;
    samlcheck_policy *pol = NULL;
    samlcheck_error err;
    samlcheck_options o;
    static const char *const context[] = {"aws:SourceIp=192.0.2.1",
                                          "aws:MultiFactorAuthPresent=true"};

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    if (!g_resp)
        setup();
    o = sc_fuzz_options();
    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "fuzz.json", "policy") != 0)
        return 0;
    (void)samlcheck_check_policy(r, data, size, &o, &err);
    samlcheck_report_free(r);

    if (samlcheck_report_new(&r, "fuzz.json", "policy") != 0)
        return 0;
    samlcheck_error_clear(&err);
    if (samlcheck_policy_load(&pol, data, size, r, &o, &err) == 0) {
        samlcheck_report *rr = NULL;
        o.metadata = g_md;
        o.trust_policy = pol;
        o.context = context;
        o.n_context = 2;
        if (samlcheck_report_new(&rr, "tags.xml", "response") == 0) {
            samlcheck_error_clear(&err);
            (void)samlcheck_check_response(rr, g_resp, g_resp_len, 0, &o, &err);
            samlcheck_report_free(rr);
        }
    }
    samlcheck_policy_free(pol);
    samlcheck_report_free(r);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
    samlcheck_metadata_free(g_md);
    free(g_resp);
    g_md = NULL;
    g_resp = NULL;
}
