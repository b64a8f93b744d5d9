/* The trust verdict (RULES.md 11): "If any rule in this section reports an
 * error, ... the summary's trust verdict is never 'trusted', whichever
 * layer raised the error." The signature code reports what it saw; the
 * verdict is derived here, once, from the final finding list, so that an
 * error raised after the signatures were verified (an assertion hidden in
 * a signature's KeyInfo, a duplicate ID, a comment in the NameID, a second
 * signature that fails, a rule on the decrypted assertion) can never leave
 * "trusted: true" behind. */
#include "verdict.h"
#include "../base/base.h"
#include <string.h>

static const char *const security_rules[] = {
    "xml/dtd",
    "xml/not-utf8",
    "xml/duplicate-id",
    "response/assertion-count",
    "response/signature-wrapping",
    "response/signature-invalid",
    "response/signature-cert-unknown",
    "response/nameid-comment",
};

int sc_verdict_security_failed(const samlcheck_report *r)
{
    for (size_t i = 0; r && i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (f->severity != SAMLCHECK_SEV_ERROR)
            continue;
        if (sc_str_starts(f->rule, "sec/"))
            return 1;
        for (size_t k = 0; k < sizeof security_rules / sizeof security_rules[0]; k++)
            if (strcmp(f->rule, security_rules[k]) == 0)
                return 1;
    }
    return 0;
}

int sc_verdict_apply(json_t *summary, const samlcheck_report *r, const sc_sig_outcome *sig,
                     int have_metadata)
{
    json_t *s = summary ? json_object_get(summary, "signature") : NULL;
    if (!s || !json_is_object(s) || !sig)
        return 0;
    int failed = sig->security_error || sc_verdict_security_failed(r);
    int valid = sig->response_valid || sig->assertion_valid;
    int trusted = have_metadata && valid && !failed;
    size_t nsig = json_array_size(json_object_get(s, "signatures"));
    const char *verdict;
    if (failed)
        verdict = "rejected";
    else if (trusted)
        verdict = "trusted";
    else if (valid && !have_metadata)
        verdict = "verified-with-embedded-certificate";
    else if (!sig->response_signed && !sig->assertion_signed)
        verdict = nsig ? "no-applicable-signature" : "unsigned";
    else if (!have_metadata && sig->unchecked)
        verdict = "not-verified"; /* no metadata and no certificate: no key at all */
    else
        verdict = "invalid";
    if (json_object_set_new(s, "verdict", json_string(verdict)) ||
        json_object_set_new(s, "trusted", json_boolean(trusted)))
        return SAMLCHECK_ENOMEM;
    return 0;
}
