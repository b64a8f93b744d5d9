/* JUnit XML, as GitLab and Jenkins read it: one <testsuite> per input kind
 * run, one <testcase> per result (input, or HAR entry), a <failure> per
 * finding that counts for the exit status (errors; with --fail-on warning
 * or --strict warnings too), an <error> when the input could not be read,
 * and the other findings in <system-out>. */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

/* XML-escape @p s for text and attribute values; control characters XML
 * 1.0 cannot carry become '?', invalid UTF-8 U+FFFD. */
static int xml_puts(FILE *fp, const char *s0)
{
    char *s = s0 ? sc_str_utf8_clean(s0) : NULL;
    if (s0 && !s)
        return SAMLCHECK_ENOMEM;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        int rc;
        switch (*p) {
        case '&': rc = fputs("&amp;", fp); break;
        case '<': rc = fputs("&lt;", fp); break;
        case '>': rc = fputs("&gt;", fp); break;
        case '"': rc = fputs("&quot;", fp); break;
        case '\n': rc = fputs("&#10;", fp); break;
        case '\t': rc = fputs("&#9;", fp); break;
        default: rc = fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, fp);
        }
        if (rc == EOF) {
            free(s);
            return SAMLCHECK_EIO;
        }
    }
    free(s);
    return 0;
}

static int finding_text(FILE *fp, const samlcheck_finding *f, int line)
{
    int rc = 0;
    if (line > 0)
        rc = fprintf(fp, "line %d: ", line) < 0;
    rc = rc || xml_puts(fp, f->message);
    if (!rc && f->aws_error)
        rc = fputs("&#10;AWS error: ", fp) == EOF || xml_puts(fp, f->aws_error);
    if (!rc && f->hint)
        rc = fputs("&#10;Fix: ", fp) == EOF || xml_puts(fp, f->hint);
    return rc ? SAMLCHECK_EIO : 0;
}

int sc_junit_head(FILE *fp, size_t tests, size_t failures, size_t errors, int counts)
{
    int rc = fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"samlcheck\"",
                   fp) == EOF;
    if (!rc && counts)
        rc = fprintf(fp, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\"", tests, failures,
                     errors) < 0;
    return rc || fputs(">\n", fp) == EOF ? SAMLCHECK_EIO : 0;
}

int sc_junit_tail(FILE *fp)
{
    return fputs("</testsuites>\n", fp) == EOF ? SAMLCHECK_EIO : 0;
}

static int testcase(FILE *fp, samlcheck_report *r, int threshold)
{
    int fatal = samlcheck_report_is_fatal(r);
    int rc = fputs("    <testcase classname=\"samlcheck.", fp) == EOF ||
             xml_puts(fp, samlcheck_report_kind(r)) || fputs("\" name=\"", fp) == EOF ||
             xml_puts(fp, samlcheck_report_input(r)) || fputs("\" file=\"", fp) == EOF ||
             xml_puts(fp, sc_report_source(r)) || fputs("\">\n", fp) == EOF;
    sc_buf out = SC_BUF_INIT;
    for (size_t j = 0; j < samlcheck_report_count(r) && !rc; j++) {
        const samlcheck_finding *f = samlcheck_report_at(r, j);
        int col, decoded;
        int line = sc_finding_disk_line(r, f, &col, &decoded);
        int counts = fatal ? j == 0 : (int)f->severity >= threshold;
        if (!counts) {
            if (sc_buf_printf(&out, "%s %s: %s\n", samlcheck_severity_name(f->severity), f->rule,
                              f->message))
                rc = SAMLCHECK_ENOMEM;
            continue;
        }
        const char *el = fatal ? "error" : "failure";
        rc = fprintf(fp, "      <%s type=\"%s\" message=\"", el, f->rule) < 0 ||
             xml_puts(fp, f->message) || fputs("\">", fp) == EOF || finding_text(fp, f, line) ||
             fprintf(fp, "</%s>\n", el) < 0;
    }
    if (!rc && out.len)
        rc = fputs("      <system-out>", fp) == EOF || xml_puts(fp, out.data) ||
             fputs("</system-out>\n", fp) == EOF;
    sc_buf_free(&out);
    if (!rc)
        rc = fputs("    </testcase>\n", fp) == EOF;
    return rc ? SAMLCHECK_EIO : 0;
}

/* Reports that fail (exit status 1) and that could not be checked (2). */
static void count_statuses(samlcheck_report *const *reports, size_t n, int threshold,
                           size_t *failures, size_t *errors)
{
    *failures = *errors = 0;
    for (size_t i = 0; i < n; i++) {
        int s = sc_report_exit_status_at(reports[i], threshold);
        *failures += s == 1;
        *errors += s == 2;
    }
}

int sc_junit_suite(FILE *fp, samlcheck_report *const *reports, size_t n,
                   const samlcheck_render_options *opts)
{
    int threshold = sc_render_threshold(opts);
    size_t failures, errors;
    count_statuses(reports, n, threshold, &failures, &errors);
    int rc = fprintf(fp,
                     "  <testsuite name=\"samlcheck\" tests=\"%zu\" failures=\"%zu\" "
                     "errors=\"%zu\">\n",
                     n, failures, errors) < 0;
    for (size_t i = 0; i < n && !rc; i++)
        rc = testcase(fp, reports[i], threshold);
    if (!rc)
        rc = fputs("  </testsuite>\n", fp) == EOF;
    return rc ? SAMLCHECK_EIO : 0;
}

int sc_render_junit(FILE *fp, samlcheck_report *const *reports, size_t n,
                    const samlcheck_render_options *opts)
{
    int threshold = sc_render_threshold(opts);
    size_t failures, errors;
    count_statuses(reports, n, threshold, &failures, &errors);
    int rc = sc_junit_head(fp, n, failures, errors, 1);
    if (!rc)
        rc = sc_junit_suite(fp, reports, n, opts);
    if (!rc)
        rc = sc_junit_tail(fp);
    return rc;
}
