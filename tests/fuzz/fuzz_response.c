/* Fuzz target: a whole response input - samlcheck_check_response_input
 * (decoding, parsing, signature verification, decryption, every response
 * rule) with the fixture clock, the IdP metadata of the base templates
 * (testdata/gen/templates/metadata-ok.xml filled with idp-signing) as trust
 * anchor, IAM's decryption key, and a provider and role ARN. */
#include "fuzz.h"
#include "report/sc_report.h"
#include <stdlib.h>
#include <string.h>

static samlcheck_metadata *g_md;
static samlcheck_keyset *g_keys;

/* The template with @CERT:idp-signing@ replaced (what fill.sh does). */
static unsigned char *fill_metadata(size_t *len)
{
    static const char ph[] = "@CERT:idp-signing@";
    size_t tlen = 0, clen = 0;
    unsigned char *tpl = sc_fuzz_read_src("testdata/gen/templates/metadata-ok.xml", &tlen);
    unsigned char *cert = sc_fuzz_read_src("testdata/keys/idp-signing.b64", &clen);
    while (clen && (cert[clen - 1] == '\n' || cert[clen - 1] == '\r'))
        clen--;
    char *at = strstr((char *)tpl, ph);
    if (!at)
        abort();
    size_t pre = (size_t)((unsigned char *)at - tpl), post = tlen - pre - (sizeof ph - 1);
    unsigned char *out = malloc(pre + clen + post + 1);
    if (!out)
        abort();
    memcpy(out, tpl, pre);
    memcpy(out + pre, cert, clen);
    memcpy(out + pre + clen, at + sizeof ph - 1, post);
    out[pre + clen + post] = '\0';
    *len = pre + clen + post;
    free(tpl);
    free(cert);
    return out;
}

static void setup(void)
{
    size_t len = 0;
    unsigned char *md = NULL, *key = NULL;
    samlcheck_error err;
    samlcheck_report *r = NULL;
    samlcheck_options o = sc_fuzz_options();

    sc_fuzz_init();
    md = fill_metadata(&len);
    samlcheck_error_clear(&err);
    if (samlcheck_report_new(&r, "idp-metadata.xml", "metadata") != 0)
        abort();
    /* A stubbed loader may leave g_md NULL: the target still runs. */
    (void)samlcheck_metadata_load(&g_md, md, len, "idp-metadata.xml", r, &o, &err);
    samlcheck_report_free(r);
    free(md);

    key = sc_fuzz_read_src("testdata/keys/sp-encryption.key", &len);
    if (samlcheck_keyset_new(&g_keys) != 0)
        abort();
    samlcheck_error_clear(&err);
    (void)samlcheck_keyset_add_pem(g_keys, key, len, "sp-encryption.key", &err);
    free(key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_error err;
    samlcheck_options o;

    if (size > SC_FUZZ_MAX_INPUT)
        return 0;
    if (!g_keys)
        setup();
    o = sc_fuzz_options();
    o.metadata = g_md;
    o.keys = g_keys;
    o.provider_arn = "arn:aws:iam::123456789012:saml-provider/ExampleIdP";
    o.role_arn = "arn:aws:iam::123456789012:role/ReadOnly";
    o.duration = 3600;
    o.max_session_duration = 43200;
    samlcheck_error_clear(&err);
    if (samlcheck_check_response_input(&rs, &n, "fuzz", data, size, &o, &err) == 0) {
        for (size_t i = 0; i < n; i++) {
            (void)samlcheck_report_exit_status(rs[i], 0);
            (void)sc_report_summary(rs[i]);
        }
    }
    samlcheck_reports_free(rs, n);
    return 0;
}

void sc_fuzz_target_cleanup(void)
{
    samlcheck_metadata_free(g_md);
    samlcheck_keyset_free(g_keys);
    g_md = NULL;
    g_keys = NULL;
}
