#ifndef SAMLCHECK_CHECK_H
#define SAMLCHECK_CHECK_H

/**
 * @file check.h
 * Options shared by every check, and one entry point per input kind.
 * A check that *finds* problems succeeds: it appends findings to the report
 * and returns 0. A negative return is a hard error (see error.h): every
 * function here returns SAMLCHECK_EINVAL (message in @p err when given) for
 * a NULL report, output pointer or data, and for options that are NULL or
 * not initialised by SAMLCHECK_OPTIONS_INIT / samlcheck_options_init().
 * @p err may always be NULL.
 */

#include <stddef.h>
#include "error.h"
#include "report.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Parsed IdP metadata used as the trust anchor for responses (opaque). */
typedef struct samlcheck_metadata samlcheck_metadata;
/** A set of private keys for EncryptedAssertion (opaque). */
typedef struct samlcheck_keyset samlcheck_keyset;
/** A parsed role trust-policy input: a bare policy, `aws iam get-role` or
 *  `aws iam list-roles` output (opaque). */
typedef struct samlcheck_policy samlcheck_policy;

/** Resource limits (RULES.md sec/limits). */
typedef struct samlcheck_limits {
    unsigned depth;           /**< element nesting depth (64) */
    unsigned elements;        /**< total elements (50,000) */
    unsigned attrs_per_elem;  /**< attributes per element (64) */
    size_t value_bytes;       /**< one text or attribute value (1 MiB) */
    unsigned signatures;      /**< ds:Signature per document (4) */
    unsigned attributes;      /**< saml:Attribute per assertion (1,000) */
    unsigned values_per_attr; /**< AttributeValue per Attribute (5,000) */
    size_t response_bytes;    /**< decoded XML of one response (1 MiB; AWS takes ~73 KiB) */
} samlcheck_limits;
#define SAMLCHECK_LIMITS_INIT                                                                      \
    {                                                                                              \
        64, 50000, 64, 1048576, 4, 1000, 5000, 1048576                                             \
    }

/** How a response input is encoded; AUTO detects it. */
typedef enum samlcheck_input_format {
    SAMLCHECK_INPUT_AUTO = 0,
    SAMLCHECK_INPUT_XML,
    SAMLCHECK_INPUT_BASE64,
    SAMLCHECK_INPUT_FORM,
    SAMLCHECK_INPUT_HAR,
    SAMLCHECK_INPUT_TRACER
} samlcheck_input_format;

/** The version of samlcheck_options this header describes (see below). */
#define SAMLCHECK_OPTIONS_VERSION 1

/**
 * Options for every check. Initialise with SAMLCHECK_OPTIONS_INIT or
 * samlcheck_options_init(); either sets @c version, which every check
 * verifies (SAMLCHECK_EINVAL when it is not SAMLCHECK_OPTIONS_VERSION), so a
 * program built against other headers fails cleanly instead of reading a
 * struct of another layout. New members are only ever appended.
 */
typedef struct samlcheck_options {
    /** SAMLCHECK_OPTIONS_VERSION; set by SAMLCHECK_OPTIONS_INIT */
    unsigned int version;
    /** the instant (Unix seconds) all time checks use; 0 (the default)
     *  means the system clock at the time of the check, and then each
     *  response found in a HAR or SAML-tracer capture is judged as of its
     *  own capture time (see samlcheck_check_response_input()) */
    long long now;
    long clock_skew;        /**< seconds of tolerance (default 0) */
    int cert_warn_days;     /**< metadata/cert-expiring window (30) */
    size_t max_input_bytes; /**< input/too-large cap (16 MiB) */
    samlcheck_input_format input_format;
    int har_entry;                      /**< only this HAR entry (1-based), 0 = all */
    const char *provider_arn;           /**< --provider-arn, or NULL */
    const char *role_arn;               /**< --role-arn, or NULL */
    long duration;                      /**< --duration seconds, -1 when not given */
    long max_session_duration;          /**< --max-session-duration, -1 when not given */
    const char *aws_sp_entity_id;       /**< extra accepted Audience, or NULL */
    const samlcheck_metadata *metadata; /**< borrowed; trust anchors, or NULL */
    const samlcheck_keyset *keys;       /**< borrowed; decryption keys, or NULL */
    samlcheck_limits limits;
    /** --encryption-cert: the certificate the IdP encrypts to, PEM or DER
     *  bytes (borrowed), checked against `samlcheck key` (key/mismatch), or NULL */
    const unsigned char *encryption_cert;
    size_t encryption_cert_len;
    const char *encryption_cert_name; /**< its display name, or NULL */
    /** --encryption-mode: the IAM provider's AssertionEncryptionMode
     *  ("Required" or "Allowed"), or NULL when unknown */
    const char *encryption_mode;
    /** --provider-uuid: the provider's SAMLProviderUUID (the <IdP-ID> of
     *  /saml/acs/<IdP-ID>), or NULL */
    const char *provider_uuid;
    /** --trust-policy: the role trust policy the response is cross-checked
     *  against (borrowed), or NULL */
    const samlcheck_policy *trust_policy;
    /** --context: "KEY=VALUE" strings for condition keys the inputs cannot
     *  supply (a repeated key is multivalued), borrowed */
    const char *const *context;
    size_t n_context;
    /** --trust-policy-quota: the account's role trust policy length quota
     *  (characters without whitespace), 0 = the default 2048 (warning only) */
    long trust_policy_quota;
    /** --metadata-signer: the certificate (PEM, DER or bare base64 bytes,
     *  borrowed) that must verify the metadata's own signature, or NULL */
    const unsigned char *metadata_signer;
    size_t metadata_signer_len;
    const char *metadata_signer_name; /**< its display name, or NULL */
    /** 1 when the configuration shows that the IAM provider holds no
     *  private key (an empty PrivateKeyList of `aws iam get-saml-provider`;
     *  set by samlcheck_check_config()): response/encrypted-no-key is then
     *  an error. 0 (the default) when unknown or when it holds keys. */
    int provider_no_private_keys;
} samlcheck_options;
#define SAMLCHECK_OPTIONS_INIT                                                                     \
    {                                                                                              \
        SAMLCHECK_OPTIONS_VERSION, 0, 0, 30, 16u * 1024u * 1024u, SAMLCHECK_INPUT_AUTO, 0, NULL,   \
            NULL, -1, -1, NULL, NULL, NULL, SAMLCHECK_LIMITS_INIT, NULL, 0, NULL, NULL, NULL,      \
            NULL, NULL, 0, 0, NULL, 0, NULL, 0                                                     \
    }

/**
 * Initialise @p opts to the defaults (the same as SAMLCHECK_OPTIONS_INIT),
 * for callers that cannot use a static initialiser.
 * @param version SAMLCHECK_OPTIONS_VERSION
 * @return 0, or SAMLCHECK_EINVAL when @p opts is NULL or @p version is not
 *         one this library knows.
 */
int samlcheck_options_init(samlcheck_options *opts, unsigned int version);

/**
 * Check IdP metadata as it would be uploaded to IAM.
 * @param r report to append findings and the summary to
 * @param data the raw bytes of the file
 * @return 0 (findings in @p r) or a negative SAMLCHECK_E* code.
 */
int samlcheck_check_metadata(samlcheck_report *r, const unsigned char *data, size_t len,
                             const samlcheck_options *opts, samlcheck_error *err);

/**
 * Parse IdP metadata for use as trust anchor (--metadata). Problems in the
 * metadata itself are appended to @p r when it is not NULL.
 * @param[out] out parsed metadata; free with samlcheck_metadata_free(). NULL when
 *             the document is unusable (findings explain why).
 * @return 0 or a negative SAMLCHECK_E* code.
 */
int samlcheck_metadata_load(samlcheck_metadata **out, const unsigned char *data, size_t len,
                            const char *name, samlcheck_report *r, const samlcheck_options *opts,
                            samlcheck_error *err);
/** Free parsed metadata. NULL is a no-op. */
void samlcheck_metadata_free(samlcheck_metadata *md);

/**
 * Check one response input: raw XML, base64, a form body, a HAR or a
 * SAML-tracer export. A capture may hold several responses, so this creates
 * one report per response found. When opts->now is 0, each response of a
 * HAR is judged as of its request time (startedDateTime), one of a
 * SAML-tracer export as of the export time, and any other response as of
 * the system clock; a response judged at a clock later than its capture
 * that is past its validity gets one response/expired (or
 * issue-instant-stale) finding stating its age instead of one per limit.
 * @param[out] out array of new reports (free them with
 *             samlcheck_reports_free()); at least one.
 * @param[out] n_out number of reports
 * @param name display name of the input
 * @return 0 or a negative SAMLCHECK_E* code.
 */
int samlcheck_check_response_input(samlcheck_report ***out, size_t *n_out, const char *name,
                                   const unsigned char *data, size_t len,
                                   const samlcheck_options *opts, samlcheck_error *err);

/**
 * Check one decoded response document (XML bytes). opts->now 0 means the
 * system clock (an old response then gets one age finding, see above).
 * @param encoded_len length of the base64 SAMLResponse as it would be sent to
 *        AssumeRoleWithSAML, or 0 to compute it from @p len
 */
int samlcheck_check_response(samlcheck_report *r, const unsigned char *xml, size_t len,
                             size_t encoded_len, const samlcheck_options *opts,
                             samlcheck_error *err);

/**
 * Check a role trust policy input (`samlcheck policy`): a bare policy
 * document, `aws iam get-role` output (AssumeRolePolicyDocument as an object
 * or URL-encoded string) or `aws iam list-roles` output. Reports every
 * `policy` rule (RULES.md section 9) that needs only the policy.
 */
int samlcheck_check_policy(samlcheck_report *r, const unsigned char *data, size_t len,
                           const samlcheck_options *opts, samlcheck_error *err);

/**
 * Parse a trust-policy input for `--trust-policy` (opts->trust_policy).
 * Problems in the policy itself are appended to @p r (kind "policy") when it
 * is not NULL; a document that cannot be read as JSON still yields a policy
 * object that evaluates nothing (a policy/json-invalid finding explains why).
 * @param[out] out free with samlcheck_policy_free()
 * @return 0 or a negative SAMLCHECK_E* code.
 */
int samlcheck_policy_load(samlcheck_policy **out, const unsigned char *data, size_t len,
                          samlcheck_report *r, const samlcheck_options *opts, samlcheck_error *err);
/** Free a policy. NULL is a no-op. */
void samlcheck_policy_free(samlcheck_policy *p);

/**
 * Check a whole federation configuration (`samlcheck config`): every file
 * given, whatever its form (AWS CLI output of get-saml-provider,
 * list-saml-providers, get-role, list-roles; the request documents of
 * create-saml-provider, update-saml-provider, create-role, update-role,
 * assume-role-with-saml; IdP metadata; PEM keys; SAML responses in any
 * `samlcheck response` form), checked as one model (RULES.md section 10).
 * @param[out] out array of new reports: one per file (kind "config",
 *             "metadata" or "key"), one per embedded document, one per
 *             sample response and role checked; free them with
 *             samlcheck_reports_free().
 * @param names, datas, lens the @p n files (borrowed)
 * @return 0 or a negative SAMLCHECK_E* code (SAMLCHECK_EINVAL on NULL
 *         arguments or n == 0).
 */
int samlcheck_check_config(samlcheck_report ***out, size_t *n_out, const char *const *names,
                           const unsigned char *const *datas, const size_t *lens, size_t n,
                           const samlcheck_options *opts, samlcheck_error *err);

/** Check a PEM private key as it would be uploaded to IAM (AddPrivateKey). */
int samlcheck_check_key(samlcheck_report *r, const unsigned char *data, size_t len,
                        const samlcheck_options *opts, samlcheck_error *err);

/**
 * "More keys than IAM keeps": IAM holds at most 2 private keys per SAML
 * provider. For the key file at 0-based @p position of @p total key files
 * checked together, reports config/too-many-keys from the third file on.
 * @return 0 or SAMLCHECK_ENOMEM.
 */
int samlcheck_check_key_count(samlcheck_report *r, size_t position, size_t total);

/** Create an empty key set. @param[out] out free with samlcheck_keyset_free(). */
int samlcheck_keyset_new(samlcheck_keyset **out);
/**
 * Add a PEM private key to the set.
 * @return 0, or SAMLCHECK_EINVAL when the PEM holds no usable private key
 *         (message in @p err).
 */
int samlcheck_keyset_add_pem(samlcheck_keyset *ks, const unsigned char *pem, size_t len,
                             const char *name, samlcheck_error *err);
/** @return the number of keys in the set. */
size_t samlcheck_keyset_count(const samlcheck_keyset *ks);
/** Free a key set. NULL is a no-op. */
void samlcheck_keyset_free(samlcheck_keyset *ks);

#ifdef __cplusplus
}
#endif
#endif
