#ifndef SC_VERDICT_H
#define SC_VERDICT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The trust verdict of a response (RULES.md 11): derived once, after every
 * check ran, from the final finding list and the signature outcome. */

#include <jansson.h>
#include "samlcheck/report.h"
#include "../crypto/crypto.h"

/* True when an error of a section-11 rule is in @p r: any sec rule,
 * xml/dtd, xml/not-utf8 (a document that could not be checked),
 * xml/duplicate-id, response/assertion-count, response/signature-wrapping,
 * response/signature-invalid, response/signature-cert-unknown or
 * response/nameid-comment, whichever layer raised it (the plaintext, the
 * decrypted assertion, the signature code or the claim readers). */
int sc_verdict_security_failed(const samlcheck_report *r);

/* Set summary.signature.verdict and summary.signature.trusted from the
 * final findings in @p r and the signature outcome @p sig (after
 * decryption: the outcome that includes the decrypted assertion's own
 * signature). "trusted" is true only when a metadata key verified an
 * applicable signature AND no section-11 error was reported anywhere;
 * verdict "rejected" always comes with trusted false. @p have_metadata:
 * --metadata was given. No-op when the summary has no "signature" object
 * (the document did not get that far). Returns 0 or ENOMEM. */
int sc_verdict_apply(json_t *summary, const samlcheck_report *r, const sc_sig_outcome *sig,
                     int have_metadata);

#endif
