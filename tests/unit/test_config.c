/* samlcheck_check_config: the federation model from AWS CLI JSON. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"

typedef struct run {
    samlcheck_report **rs;
    size_t n;
} run;

static int check(run *out, const char *const *texts, size_t n)
{
    const char *names[8];
    const unsigned char *datas[8];
    size_t lens[8];
    for (size_t i = 0; i < n; i++) {
        names[i] = i == 0 ? "a.json" : "b.json";
        datas[i] = (const unsigned char *)texts[i];
        lens[i] = strlen(texts[i]);
    }
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    o.now = 1748779200; /* 2025-06-01T12:00:00Z */
    samlcheck_error err;
    samlcheck_error_clear(&err);
    return samlcheck_check_config(&out->rs, &out->n, names, datas, lens, n, &o, &err);
}

static void done(run *r)
{
    samlcheck_reports_free(r->rs, r->n);
}

/* the findings of rule @p id in all reports */
static size_t count(const run *r, const char *id, samlcheck_severity sev, int *line)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++)
        for (size_t j = 0; j < samlcheck_report_count(r->rs[i]); j++) {
            const samlcheck_finding *f = samlcheck_report_at(r->rs[i], j);
            if (!strcmp(f->rule, id) && f->severity == sev) {
                k++;
                if (line)
                    *line = f->line;
            }
        }
    return k;
}

static void config__null_arguments__einval(void **state)
{
    (void)state;
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    assert_int_equal(samlcheck_check_config(&rs, &n, NULL, NULL, NULL, 1, &o, NULL),
                     SAMLCHECK_EINVAL);
    const char *nm = "x";
    const unsigned char *d = (const unsigned char *)"{}";
    size_t l = 2;
    assert_int_equal(samlcheck_check_config(&rs, &n, &nm, &d, &l, 0, &o, NULL), SAMLCHECK_EINVAL);
    assert_int_equal(samlcheck_check_config(&rs, &n, &nm, &d, &l, 1, NULL, NULL), SAMLCHECK_EINVAL);
}

static void config__update_with_nothing__update_empty_at_its_line(void **state)
{
    (void)state;
    const char *t[] = {"{\n  \"SAMLProviderArn\": "
                       "\"arn:aws:iam::123456789012:saml-provider/IdP\",\n"
                       "  \"AssertionEncryptionMode\": \"\"\n}\n"};
    run r;
    assert_int_equal(check(&r, t, 1), 0);
    int line = 0;
    assert_int_equal(count(&r, "config/update-empty", SAMLCHECK_SEV_ERROR, &line), 1);
    assert_int_equal(line, 1);
    /* an empty mode counts as absent, not as a wrong value */
    assert_int_equal(count(&r, "config/encryption-mode-value", SAMLCHECK_SEV_ERROR, NULL), 0);
    done(&r);
}

static void config__remove_only_key_when_required__error_allowed_passes(void **state)
{
    (void)state;
#define CURRENT(mode)                                                                              \
    "{\"SAMLMetadataDocument\": \"\", \"AssertionEncryptionMode\": \"" mode "\", "                 \
    "\"PrivateKeyList\": [{\"KeyId\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAA1\"}]}"
    const char *req = CURRENT("Required"), *al = CURRENT("Allowed");
    const char *upd = "{\"SAMLProviderArn\": \"arn:aws:iam::123456789012:saml-provider/IdP\", "
                      "\"RemovePrivateKey\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAA1\"}";
    const char *t1[] = {req, upd}, *t2[] = {al, upd};
    run r;
    assert_int_equal(check(&r, t1, 2), 0);
    assert_int_equal(count(&r, "config/remove-only-key", SAMLCHECK_SEV_ERROR, NULL), 1);
    assert_int_equal(count(&r, "config/remove-unknown-key-id", SAMLCHECK_SEV_ERROR, NULL), 0);
    done(&r);
    assert_int_equal(check(&r, t2, 2), 0);
    assert_int_equal(count(&r, "config/remove-only-key", SAMLCHECK_SEV_ERROR, NULL), 0);
    done(&r);
}

static void config__names__pattern_error_and_prose_warning(void **state)
{
    (void)state;
    const char *bad[] = {"{\"Name\": \"my idp\", \"SAMLMetadataDocument\": \"\"}"};
    const char *prose[] = {"{\"Name\": \"idp@corp\", \"SAMLMetadataDocument\": \"\"}"};
    const char *ok[] = {"{\"Name\": \"Corp_IdP-1.0\", \"SAMLMetadataDocument\": \"\"}"};
    run r;
    assert_int_equal(check(&r, bad, 1), 0);
    assert_int_equal(count(&r, "config/provider-name", SAMLCHECK_SEV_ERROR, NULL), 1);
    done(&r);
    assert_int_equal(check(&r, prose, 1), 0);
    assert_int_equal(count(&r, "config/provider-name", SAMLCHECK_SEV_WARNING, NULL), 1);
    done(&r);
    assert_int_equal(check(&r, ok, 1), 0);
    assert_int_equal(count(&r, "config/provider-name", SAMLCHECK_SEV_ERROR, NULL) +
                         count(&r, "config/provider-name", SAMLCHECK_SEV_WARNING, NULL),
                     0);
    done(&r);
}

static void config__not_json_or_unknown__fatal(void **state)
{
    (void)state;
    const char *broken[] = {"{\n  \"Name\": \n"};
    const char *unknown[] = {"{\"Hello\": 1}"};
    run r;
    int line = 0;
    assert_int_equal(check(&r, broken, 1), 0);
    assert_int_equal(count(&r, "input/undecodable", SAMLCHECK_SEV_ERROR, &line), 1);
    assert_true(line >= 2);
    assert_true(samlcheck_report_is_fatal(r.rs[0]));
    done(&r);
    assert_int_equal(check(&r, unknown, 1), 0);
    assert_int_equal(count(&r, "input/undecodable", SAMLCHECK_SEV_ERROR, NULL), 1);
    assert_true(samlcheck_report_is_fatal(r.rs[0]));
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(config__null_arguments__einval),
        cmocka_unit_test(config__update_with_nothing__update_empty_at_its_line),
        cmocka_unit_test(config__remove_only_key_when_required__error_allowed_passes),
        cmocka_unit_test(config__names__pattern_error_and_prose_warning),
        cmocka_unit_test(config__not_json_or_unknown__fatal),
    };
    assert_int_equal(samlcheck_global_init(), 0);
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    samlcheck_global_cleanup();
    return rc;
}
