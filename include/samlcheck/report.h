#ifndef SAMLCHECK_REPORT_H
#define SAMLCHECK_REPORT_H

/**
 * @file report.h
 * A report collects the findings about one input (a file, or one SAML
 * response out of a HAR capture) and a structured summary of what the
 * input says. Renderers turn a set of reports into text, JSON or SARIF.
 */

#include <stdio.h>
#include <stddef.h>
#include "rules.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One finding: a fact about the user's input. Strings are owned by the report. */
typedef struct samlcheck_finding {
    const char *rule;            /**< rule ID (static) */
    samlcheck_severity severity; /**< severity of this finding (may be a sub-case) */
    const char *message;         /**< what was expected and what was found */
    const char *aws_error;       /**< exact AWS error text, or NULL */
    const char *hint;            /**< how to fix it */
    const char *location;        /**< XPath-like location, or NULL */
    int line;                    /**< 1-based, 0 when no position applies */
    int column;                  /**< 1-based, 0 when unknown */
    int untrusted;               /**< set when a security rule failed for this input */
} samlcheck_finding;

typedef struct samlcheck_report samlcheck_report;

/**
 * Create an empty report.
 * @param[out] out the new report; free with samlcheck_report_free(). NULL on failure.
 * @param input the input's display name (copied)
 * @param kind "response", "metadata", "key", "policy" or "config" (copied)
 * @return 0 or SAMLCHECK_ENOMEM.
 */
int samlcheck_report_new(samlcheck_report **out, const char *input, const char *kind);

/** Free a report and everything it owns. NULL is a no-op. */
void samlcheck_report_free(samlcheck_report *r);

/**
 * Free an array of @p n reports as returned by
 * samlcheck_check_response_input() and samlcheck_check_config(): each
 * report, then the array. NULL is a no-op.
 */
void samlcheck_reports_free(samlcheck_report **reports, size_t n);

/** @return the input name (borrowed, valid while @p r lives). */
const char *samlcheck_report_input(const samlcheck_report *r);
/** @return the input kind (borrowed). */
const char *samlcheck_report_kind(const samlcheck_report *r);
/** @return the number of findings. */
size_t samlcheck_report_count(const samlcheck_report *r);
/** @return finding @p i (borrowed, valid while @p r lives), or NULL. */
const samlcheck_finding *samlcheck_report_at(const samlcheck_report *r, size_t i);

/**
 * The summary of what the input says (issuer, roles, times, ...): the JSON
 * object that the JSON renderer emits as extra fields of the result, as
 * compact JSON text with sorted keys (UTF-8).
 * @param[out] out the text; free with samlcheck_free(). NULL on failure.
 * @return 0, SAMLCHECK_EINVAL (NULL argument) or SAMLCHECK_ENOMEM.
 */
int samlcheck_report_summary_json(const samlcheck_report *r, char **out);

/**
 * Replace the personal values in @p r with short stable hashes
 * ("[redacted:1a2b3c4d]"), for reports that are shared: the NameID,
 * RoleSessionName, SourceIdentity and PrincipalTag values, the query
 * strings of a capture's URL and RelayState, and e-mail-like words, in the
 * findings' messages, the summary and the input name. Certificates, ARNs
 * and rule findings stay as they are. The same value always gives the same
 * hash; the hash hides a value from a reader, not from someone who guesses
 * it. Call it before rendering; every format then shows the redacted text.
 * @return 0 or SAMLCHECK_ENOMEM.
 */
int samlcheck_report_redact(samlcheck_report *r);

/** True when the input could not be read or decoded at all (exit status 2). */
int samlcheck_report_is_fatal(const samlcheck_report *r);

/** Drop every finding of rule @p id (the --ignore option). */
void samlcheck_report_drop_rule(samlcheck_report *r, const char *id);

/**
 * The exit status the report calls for: 2 if fatal, 1 if any error finding
 * (or, with @p strict, any warning), else 0; SAMLCHECK_EINVAL for a NULL
 * report. The accessors above return NULL or 0 for a NULL report.
 */
int samlcheck_report_exit_status(const samlcheck_report *r, int strict);

/** Rendering options. */
typedef struct samlcheck_render_options {
    int color;  /**< ANSI colours (text only) */
    int quiet;  /**< text: diagnostics only, no summary */
    int strict; /**< warnings count as errors (text footer only) */
    /** Which findings count for the exit status: 0 = errors (and warnings
     * with @c strict), 1 = info and up, 2 = warnings and up, 3 = errors,
     * 4 = none (never fail on findings). */
    int fail_on;
    int exit_status;           /**< the run's exit status for SARIF invocations; -1 = unknown */
    const char *root;          /**< CI paths and URIs are relative to it; NULL = working dir */
    const char *help_uri_base; /**< SARIF rules[].helpUri = base#anchor; NULL = no helpUri */
    const char *automation_id; /**< SARIF runs[].automationDetails.id, or NULL */
} samlcheck_render_options;
#define SAMLCHECK_RENDER_OPTIONS_INIT                                                              \
    {                                                                                              \
        0, 0, 0, 0, -1, NULL, NULL, NULL                                                           \
    }

/** Write the reports as text for people. @return 0 or SAMLCHECK_EIO. */
int samlcheck_render_text(FILE *fp, samlcheck_report *const *reports, size_t n,
                          const samlcheck_render_options *opts);
/** Write the reports as one JSON document (CLI.md). @return 0 or an error code. */
int samlcheck_render_json(FILE *fp, samlcheck_report *const *reports, size_t n,
                          const samlcheck_render_options *opts);
/** Write the reports as one SARIF 2.1.0 log. @return 0 or an error code. */
int samlcheck_render_sarif(FILE *fp, samlcheck_report *const *reports, size_t n,
                           const samlcheck_render_options *opts);

#ifdef __cplusplus
}
#endif
#endif
