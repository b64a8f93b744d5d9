#ifndef SC_ATTRIBUTES_H
#define SC_ATTRIBUTES_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The AWS attributes of an assertion (RULES.md D6, 7.5-7.8): Role,
 * RoleSessionName, SourceIdentity, SessionDuration, PrincipalTag:*,
 * TransitiveTagKeys; near-miss and duplicate names; comment injection in
 * their values. */

#include <stdint.h>
#include <jansson.h>
#include "samlcheck/check.h"
#include "../report/sc_report.h"
#include "../xml/response.h"

/* RULES.md D6: the AWS attribute names (exact, case-sensitive), and the
 * SessionDuration bounds (seconds, RULES.md 7.8). */
#define SC_AWS_ATTR "https://aws.amazon.com/SAML/Attributes/"
#define SC_AWS_ATTR_ROLE SC_AWS_ATTR "Role"
#define SC_AWS_ATTR_RSN SC_AWS_ATTR "RoleSessionName"
#define SC_AWS_ATTR_SD SC_AWS_ATTR "SessionDuration"
#define SC_AWS_ATTR_SI SC_AWS_ATTR "SourceIdentity"
#define SC_AWS_ATTR_TTK SC_AWS_ATTR "TransitiveTagKeys"
#define SC_AWS_ATTR_TAG SC_AWS_ATTR "PrincipalTag:"
#define SC_AWS_DURATION_MIN 900
#define SC_AWS_DURATION_MAX 43200

/* Info findings for what a careless reader would take that samlcheck does
 * not (lookalike.c): elements named Assertion outside the SAML 2.0
 * namespace (response/assertion-count, info) and values split by CDATA
 * sections (response/nameid-comment, info), in the subtree @p top. */
int sc_check_lookalikes(samlcheck_report *r, const xmlNode *top);

/* Run every attribute rule over @p attrs (rules response/role-*,
 * provider-*, session-*, source-identity-invalid, session-duration,
 * duration-exceeds-max, principal-tags, transitive-tag-keys,
 * attribute-near-miss, attribute-duplicate, and response/nameid-comment for
 * AWS attribute values), plus config/duration-out-of-range for
 * opts->duration. @p session_not_on_or_after is
 * AuthnStatement/@SessionNotOnOrAfter (Unix seconds) or 0 when absent.
 * Adds "roles", "session_name", "source_identity", "session_duration" and
 * "tags" to @p summary (when not NULL). Returns 0 or a negative code. */
int sc_check_aws_attributes(const sc_attrs *attrs, long long session_not_on_or_after,
                            const samlcheck_options *opts, samlcheck_report *r, json_t *summary);

/* The trust-policy context key (D7, without the "saml:" prefix) that the
 * attribute Name @p name maps to, or NULL when it maps to none
 * (attr_names.c). */
const char *sc_attr_context_key(const char *name);

/* True when @p cp is in \p{L}, \p{Z} or \p{N} (approximation: exact for
 * ASCII and Latin-1, block ranges for common scripts; see attr_tags.c). */
int sc_attr_is_lzn(uint32_t cp);

#endif
