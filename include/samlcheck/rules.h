#ifndef SAMLCHECK_RULES_H
#define SAMLCHECK_RULES_H

/**
 * @file rules.h
 * The rule registry: every rule of the specification with its stable ID,
 * default severity, the exact AWS error text, and the fix. Rule IDs are
 * public API and never change.
 */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a finding; ordered so that a larger value is worse. */
typedef enum samlcheck_severity {
    SAMLCHECK_SEV_INFO = 0,
    SAMLCHECK_SEV_WARNING = 1,
    SAMLCHECK_SEV_ERROR = 2
} samlcheck_severity;

/** One rule descriptor. All strings are static and never NULL unless noted. */
typedef struct samlcheck_rule {
    const char *id;              /**< stable ID, e.g. "response/role-missing" */
    samlcheck_severity severity; /**< default severity */
    const char *severity_text;   /**< severity with its sub-cases, as specified */
    const char *applies;         /**< input kinds the rule applies to */
    const char *aws_error;       /**< exact AWS error text, or NULL if none */
    const char *aws_note;        /**< the specification's note on the AWS error */
    const char *title;           /**< one-line summary */
    const char *check;           /**< what is checked */
    const char *fix;             /**< how to fix it */
    const char *source;          /**< where the rule comes from (titles and URLs) */
    int implemented;             /**< 0: no command of this version checks the rule yet */
    const char *fix_subcase;     /**< the fix for a finding at the sub-case severity, or NULL
                                      when @c fix covers every case */
} samlcheck_rule;

/** @return the number of rules in the registry. */
size_t samlcheck_rules_count(void);

/**
 * @param i index, 0 <= i < samlcheck_rules_count()
 * @return the rule at @p i (borrowed, static), or NULL when out of range.
 */
const samlcheck_rule *samlcheck_rules_at(size_t i);

/**
 * @param id a rule ID such as "xml/bom"
 * @return the rule (borrowed, static), or NULL if no rule has that ID.
 */
const samlcheck_rule *samlcheck_rules_find(const char *id);

/** @return "error", "warning" or "info". */
const char *samlcheck_severity_name(samlcheck_severity sev);

#ifdef __cplusplus
}
#endif
#endif
