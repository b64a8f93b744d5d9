#ifndef SC_REPORT_H
#define SC_REPORT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

#include <stdarg.h>
#include <jansson.h>
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

/* The report's summary object (borrowed, valid while @p r lives; never
 * NULL). Internal: jansson types stay out of the public headers, which
 * offer samlcheck_report_summary_json() instead. */
json_t *sc_report_summary(samlcheck_report *r);

/* The one summary writer: set @p key of @p summary to @p val (a new
 * reference, always consumed). The first value written wins: a key that
 * already holds a value other than null is left as it is; a null is a
 * place reserved for the key (so that the text renderer keeps an order)
 * and is replaced. NULL @p summary: nothing to fill, 0. NULL @p val (a
 * failed jansson allocation) or a failed set: SAMLCHECK_ENOMEM. */
int sc_report_summary_set(json_t *summary, const char *key, json_t *val);
/* sc_report_summary_set with a string; a NULL @p val sets nothing and is 0. */
int sc_report_summary_set_str(json_t *summary, const char *key, const char *val);

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

/* ---- CI support (report.c, locate.c) ---- */

/* The path the user gave for this report's input ("-" for stdin); unlike
 * samlcheck_report_input() it is never relabelled ("capture.har#3 (...)"). */
const char *sc_report_source(const samlcheck_report *r);
/* The ordinal of finding @p i among the findings of the same rule and
 * location, counted when it was added (stable under filtering). */
size_t sc_report_ordinal(const samlcheck_report *r, size_t i);
/* Keep the findings for which keep(r, index, ctx) is non-zero. keep() sees
 * the unfiltered report (indexes of the original order). */
void sc_report_filter(samlcheck_report *r, int (*keep)(const samlcheck_report *, size_t, void *),
                      void *ctx);
/* Exit status with a threshold: findings of severity >= fail_on count
 * (SAMLCHECK_SEV_*; SC_FAIL_NEVER = none counts). 2 when fatal. */
#define SC_FAIL_NEVER 3
int sc_report_exit_status_at(const samlcheck_report *r, int fail_on);

/* The input's path relative to @p root (NULL = the working directory),
 * lexically normalised ("./a/../b" = "b"), '/'-separated, not encoded;
 * an absolute path when the file lies outside @p root; "stdin" for "-".
 * Malloc'd; NULL on ENOMEM. */
char *sc_input_relpath(const char *path, const char *root);
/* A URI reference for @p path relative to @p root: the relative path with
 * every byte outside [A-Za-z0-9-._~/] percent-encoded, or a file:// URI
 * when outside @p root. Malloc'd; NULL on ENOMEM. */
char *sc_input_uri(const char *path, const char *root);
/* Percent-encode @p s (unreserved and '/' kept). Malloc'd. */
char *sc_uri_encode(const char *s);

/* The line of the input file where a decoded document's encoded text
 * starts (0 = unknown); set by the response check from sc_locate_encoded(). */
void sc_report_set_origin_line(samlcheck_report *r, int line);
int sc_report_origin_line(const samlcheck_report *r);
/* The 1-based line of @p data where the base64 text of @p xml starts, as
 * the file carries it (plain, %-encoded, JSON-escaped, wrapped); 0 when it
 * cannot be found. The search starts at the cursor and moves it past the
 * match (the documents of a capture are in file order), so a capture costs
 * one pass; after a miss the cursor is spent and later searches give 0. */
typedef struct sc_locate_cursor {
    size_t pos;
    int line; /* line at pos (0 = 1) */
    int spent;
    size_t work; /* steps spent so far (bounded by a multiple of len) */
} sc_locate_cursor;
int sc_locate_encoded(const unsigned char *data, size_t len, sc_locate_cursor *cur,
                      const unsigned char *xml, size_t xml_len);
/* Where finding @p f of @p r is in the file as it is on disk. For an input
 * whose document was decoded (base64, form body, HAR, SAML-tracer) the
 * position in the file is the line where the encoded document starts (line
 * 1 when unknown) and *decoded is set: f->line/column then count in the
 * decoded XML. Returns the on-disk line (0 = no position). */
int sc_finding_disk_line(samlcheck_report *r, const samlcheck_finding *f, int *column,
                         int *decoded);
/* The HAR entry / SAML-tracer request the report's document came from
 * (1-based), 0 = none; *what = "HAR entry" or "SAML-tracer request". */
int sc_report_entry(samlcheck_report *r, const char **what);

/* Stable identity of finding @p i: SHA-256 over rule ID, input identity
 * (@p ident: the relative path), HAR entry, location path and the ordinal
 * among findings with the same rule and location; never line numbers.
 * @p out gets 32 lowercase hex digits and a NUL. Returns 0 or an error. */
#define SC_FINGERPRINT_LEN 32
int sc_finding_fingerprint(samlcheck_report *r, size_t i, const char *ident,
                           char out[SC_FINGERPRINT_LEN + 1]);

/* The severity threshold (SAMLCHECK_SEV_* or SC_FAIL_NEVER) that
 * render options call for (fail_on, strict). */
int sc_render_threshold(const samlcheck_render_options *o);

/* ---- the CI formatters (fmt_github.c, fmt_gitlab.c, fmt_junit.c,
 * fmt_ndjson.c); same contract as samlcheck_render_json() ---- */
int sc_render_github(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts);
int sc_render_gitlab(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts);
int sc_render_junit(FILE *fp, samlcheck_report *const *reports, size_t n,
                    const samlcheck_render_options *opts);
/* One line per report (the object of the JSON format's results[]). */
int sc_render_ndjson(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts);
/* The readable SARIF name of a rule ("RoleWhitespace"). Malloc'd. */
char *sc_sarif_rule_name(const char *id);
/* The JSON format's results[] object for one report. NULL on ENOMEM. */
json_t *sc_json_result(samlcheck_report *r, int threshold);

#endif
