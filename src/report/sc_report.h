#ifndef SC_REPORT_H
#define SC_REPORT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

#include <stdarg.h>
#include "samlcheck/report.h"
#include "samlcheck/rules.h"

/* Rule enum generated from rules.def (the one registry). */
typedef enum sc_rule_id {
#define RULE(e, id, sev, st, ap, aws, an, ti, ch, fx, so, im, fxs) e,
#include "rules.def"
#undef RULE
    SC_RULE__COUNT
} sc_rule_id;

const samlcheck_rule *sc_rule(sc_rule_id id);

/* Marker for "use the rule's default AWS error text". */
extern const char sc_aws_default[];
#define SC_AWS_DEFAULT sc_aws_default

/* Position and location of a finding. line/col 0 = none. */
typedef struct sc_pos {
    int line;
    int column;
    const char *location; /* XPath-like, copied; may be NULL */
} sc_pos;
#define SC_POS_NONE ((sc_pos){0, 0, NULL})
#define SC_POS_LINE(l) ((sc_pos){(l), 0, NULL})

/* Append a finding with the rule's default severity and AWS text.
 * Returns 0 or SAMLCHECK_ENOMEM. */
int sc_report_add(samlcheck_report *r, sc_rule_id rule, sc_pos pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Append a finding with an explicit severity (a sub-case), AWS text
 * (SC_AWS_DEFAULT, NULL for none, or a string) and hint (NULL = the rule's). */
int sc_report_addx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                   const char *aws_error, const char *hint, sc_pos pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
int sc_report_vaddx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                    const char *aws_error, const char *hint, sc_pos pos, const char *fmt,
                    va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 0)))
#endif
    ;

/* Mark the report fatal: the input could not be read or decoded (exit 2). */
void sc_report_set_fatal(samlcheck_report *r);
/* Number of findings of @p rule so far. */
size_t sc_report_count_rule(const samlcheck_report *r, sc_rule_id rule);
/* Mark every finding from index @p from on as untrusted-content. */
void sc_report_mark_untrusted(samlcheck_report *r, size_t from);
/* Hand @p s (malloc'ed) to the report, which frees it with itself; for a
 * hint built at run time (sc_report_addx borrows its hint). Returns @p s,
 * or NULL (and frees it) on ENOMEM or when @p s is NULL. */
const char *sc_report_keep(samlcheck_report *r, char *s);
/* Set the report's display name (copied). */
int sc_report_set_input(samlcheck_report *r, const char *input);
/* redact.c (--redact): @p s with e-mail-like words and URL query strings
 * replaced by tags, malloc'd (NULL and *rc set on ENOMEM); the tag of a
 * whole value ("[redacted:1a2b3c4d]"). */
#define SC_REDACT_TAG_LEN 19
char *sc_redact_text(const char *s, int *rc);
void sc_redact_tag(const char *s, size_t n, char out[SC_REDACT_TAG_LEN + 1]);
/* The text renderer with a column limit (0 = none, --wide);
 * samlcheck_render_text() fits SC_TEXT_WIDTH columns. */
#define SC_TEXT_WIDTH 100
int sc_render_text_width(FILE *fp, samlcheck_report *const *reports, size_t n,
                         const samlcheck_render_options *opts, size_t width);
/* A batch, part by part: the reports without the totals line, their
 * counts added to @p tot[severity]; then the totals line over n reports. */
int sc_render_text_part(FILE *fp, samlcheck_report *const *reports, size_t n,
                        const samlcheck_render_options *opts, size_t width, size_t tot[3]);
int sc_render_text_totals(FILE *fp, const size_t tot[3], size_t n);
/* Finding @p i, writable (redact.c rewrites messages it owns). */
samlcheck_finding *sc_report_finding_mut(samlcheck_report *r, size_t i);

#endif
