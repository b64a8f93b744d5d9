/* GitLab Code Quality report: a JSON array of issues, each with
 * description, check_name, fingerprint, severity (info, minor, major,
 * critical, blocker) and location.path / location.lines.begin. The path is
 * relative to the root (--sarif-root, else the working directory), the line
 * the position in the file on disk (1 when there is none: GitLab needs
 * one), the fingerprint the one of SARIF and the baseline. */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

static const char *severity(const samlcheck_finding *f)
{
    if (f->severity == SAMLCHECK_SEV_ERROR)
        return sc_str_starts(f->rule, "sec/") || strstr(f->rule, "signature") ||
                       strcmp(f->rule, "response/unsigned") == 0
                   ? "critical"
                   : "major";
    return f->severity == SAMLCHECK_SEV_WARNING ? "minor" : "info";
}

int sc_gitlab_add(json_t *arr, samlcheck_report *r, const char *root)
{
    char *raw = sc_input_relpath(sc_report_source(r), root);
    char *path = raw ? sc_str_utf8_clean(raw) : NULL; /* json_pack needs UTF-8 */
    free(raw);
    if (!path)
        return SAMLCHECK_ENOMEM;
    const char *what;
    int entry = sc_report_entry(r, &what);
    for (size_t j = 0; j < samlcheck_report_count(r); j++) {
        const samlcheck_finding *f = samlcheck_report_at(r, j);
        char fpr[SC_FINGERPRINT_LEN + 1];
        int col, decoded;
        int line = sc_finding_disk_line(r, f, &col, &decoded);
        if (sc_finding_fingerprint(r, j, path, fpr))
            continue;
        char *m = sc_str_utf8_clean(f->message);
        char *desc = !m      ? NULL
                     : entry ? sc_asprintf("%s: %s (%s %d)", f->rule, m, what, entry)
                             : sc_asprintf("%s: %s", f->rule, m);
        free(m);
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:s,s:s,s:{s:s,s:{s:i}}}", "type", "issue", "description",
                      desc ? desc : f->rule, "check_name", f->rule, "fingerprint", fpr, "severity",
                      severity(f), "location", "path", path, "lines", "begin", line > 0 ? line : 1);
        free(desc);
        if (o)
            json_array_append_new(arr, o);
    }
    free(path);
    return 0;
}

int sc_render_gitlab(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts)
{
    const char *root = opts ? opts->root : NULL;
    json_t *arr = json_array();
    if (!arr)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        if (sc_gitlab_add(arr, reports[i], root)) {
            json_decref(arr);
            return SAMLCHECK_ENOMEM;
        }
    }
    int rc = json_dumpf(arr, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII);
    json_decref(arr);
    if (rc != 0 || fputc('\n', fp) == EOF)
        return SAMLCHECK_EIO;
    return 0;
}
