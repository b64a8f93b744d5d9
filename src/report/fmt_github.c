/* GitHub Actions workflow commands: one annotation per finding,
 *   ::error file=PATH,line=N,col=N,title=TITLE::MESSAGE
 * (warning and notice for the other severities). GitHub's escaping: in the
 * message % CR LF become %25 %0D %0A; in property values ':' and ',' too.
 * PATH is relative to the root (--sarif-root, else the working directory),
 * as GitHub resolves it against the checkout. */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

static int put_escaped(FILE *fp, const char *s, int property)
{
    for (; s && *s; s++) {
        int rc;
        switch (*s) {
        case '%': rc = fputs("%25", fp); break;
        case '\r': rc = fputs("%0D", fp); break;
        case '\n': rc = fputs("%0A", fp); break;
        case ':': rc = property ? fputs("%3A", fp) : fputc(':', fp); break;
        case ',': rc = property ? fputs("%2C", fp) : fputc(',', fp); break;
        default: rc = fputc(*s, fp);
        }
        if (rc == EOF)
            return SAMLCHECK_EIO;
    }
    return 0;
}

int sc_render_github(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts)
{
    const char *root = opts ? opts->root : NULL;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        samlcheck_report *r = reports[i];
        char *path = sc_input_relpath(sc_report_source(r), root);
        if (!path)
            return SAMLCHECK_ENOMEM;
        const char *what;
        int entry = sc_report_entry(r, &what);
        for (size_t j = 0; j < samlcheck_report_count(r) && !rc; j++) {
            const samlcheck_finding *f = samlcheck_report_at(r, j);
            int col, decoded;
            int line = sc_finding_disk_line(r, f, &col, &decoded);
            const char *cmd = f->severity == SAMLCHECK_SEV_ERROR     ? "error"
                              : f->severity == SAMLCHECK_SEV_WARNING ? "warning"
                                                                     : "notice";
            char *title = sc_asprintf("samlcheck %s", f->rule);
            sc_buf m = SC_BUF_INIT;
            int e = sc_buf_puts(&m, f->message);
            if (!e && entry)
                e = sc_buf_printf(&m, " (%s %d)", what, entry);
            if (!e && decoded && f->line > 0)
                e = sc_buf_printf(&m, " (line %d of the decoded XML)", f->line);
            if (!e && f->aws_error)
                e = sc_buf_printf(&m, "\nAWS error: %s", f->aws_error);
            if (!e && f->hint)
                e = sc_buf_printf(&m, "\nFix: %s", f->hint);
            if (e || !title) {
                free(title);
                sc_buf_free(&m);
                rc = SAMLCHECK_ENOMEM;
                break;
            }
            if (fprintf(fp, "::%s file=", cmd) < 0)
                rc = SAMLCHECK_EIO;
            if (!rc)
                rc = put_escaped(fp, path, 1);
            if (!rc && line > 0 && fprintf(fp, ",line=%d", line) < 0)
                rc = SAMLCHECK_EIO;
            if (!rc && line > 0 && col > 0 && fprintf(fp, ",col=%d", col) < 0)
                rc = SAMLCHECK_EIO;
            if (!rc && fputs(",title=", fp) == EOF)
                rc = SAMLCHECK_EIO;
            if (!rc)
                rc = put_escaped(fp, title, 1);
            if (!rc && fputs("::", fp) == EOF)
                rc = SAMLCHECK_EIO;
            if (!rc)
                rc = put_escaped(fp, m.data, 0);
            if (!rc && fputc('\n', fp) == EOF)
                rc = SAMLCHECK_EIO;
            free(title);
            sc_buf_free(&m);
        }
        free(path);
    }
    return rc;
}
