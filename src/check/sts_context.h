#ifndef SC_STS_CONTEXT_H
#define SC_STS_CONTEXT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The request context STS builds from a SAML response for
 * AssumeRoleWithSAML (RULES.md D7), and what STS would return for the
 * sign-in. Used by the trust-policy cross-check (check_policy.c). */

#include <jansson.h>
#include "samlcheck/check.h"
#include "../policy/policy.h"
#include "../xml/response.h"

/* One Role attribute pair (D2 split), both parts owned. */
typedef struct sc_role_pair {
    char *role;
    char *provider;
} sc_role_pair;

/* The valid role/provider pairs of the Role attribute, in order. Returns 0
 * or ENOMEM; free with sc_role_pairs_free(). */
int sc_role_pairs(sc_role_pair **out, size_t *n, const sc_attrs *attrs);
void sc_role_pairs_free(sc_role_pair *p, size_t n);

/* What the response checks need from the attributes besides the attribute
 * rules themselves, read once per assertion (sc_aws_claims_read) and passed
 * to the Recipient check and the trust-policy cross-check. */
typedef struct sc_aws_claims {
    char partition[16];      /* the one partition of the role ARNs in the Role
                            values (D2 split, every part judged as a role ARN),
                            "" when none parses or when they disagree */
    int partition_mixed;     /* they disagree */
    int has_tags;            /* a PrincipalTag:* or TransitiveTagKeys attribute */
    int has_source_identity; /* a SourceIdentity attribute */
} sc_aws_claims;

/* Read @p attrs (NULL: none) into @p out. Pure: no report, never fails. */
void sc_aws_claims_read(sc_aws_claims *out, const sc_attrs *attrs);

/* Fill @p ctx with the D7 keys of assertion @p a / @p attrs for a sign-in
 * through @p provider_arn (NULL: saml:doc and saml:namequalifier unknown),
 * then apply opts->context. When @p sts is not NULL, *sts receives a new
 * object with what STS would return (Subject, SubjectType, Issuer,
 * Audience, NameQualifier, SourceIdentity, session tags, transitive tag
 * keys, the session duration granted). @p max_session is the role's
 * MaxSessionDuration or -1. Returns 0, ENOMEM, or EINVAL for a malformed
 * --context string. */
int sc_sts_context(sc_policy_ctx *ctx, json_t **sts, const sc_assertion *a, const sc_attrs *attrs,
                   const char *provider_arn, long max_session, const samlcheck_options *opts);

/* D7 saml:namequalifier: base64(SHA1(issuer + account + "/" + name)) into
 * @p out (at least 29 bytes). Returns 0 or -1. */
int sc_sts_name_qualifier(char *out, size_t size, const char *issuer, const char *account,
                          const char *provider_name);

/* check_policy.c: the --trust-policy cross-check of one response. Reports
 * policy/no-saml-action, principal-mismatch, tag-session-missing,
 * set-source-identity-missing, condition-unmet, explicit-deny and
 * condition-unevaluable (and response/role-not-offered for a get-role
 * input whose role the response does not offer) into @p r; adds
 * "trust_policy" (trace, decision, what STS would return) to @p summary.
 * No-op without opts->trust_policy. Returns 0 or a negative code. */
int sc_check_trust_policy(const sc_assertion *a, const sc_attrs *attrs, const sc_aws_claims *claims,
                          const samlcheck_options *opts, samlcheck_report *r, json_t *summary);

/* With --trust-policy, record in @p summary why nothing was evaluated (no
 * readable assertion). Returns 0 or ENOMEM. */
int sc_trust_policy_skipped(const samlcheck_options *opts, json_t *summary, const char *why);

#endif
