/* JSON renderer: the contract of CLI.md (tool, version, results[], each with
 * input, kind, findings[] of rule/severity/message/aws_error/line/column/hint),
 * plus extra fields (location, untrusted, exit_status, summary). */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

/* A JSON string for text that may not be UTF-8 (a file name from argv, a
 * message quoting it): json_string() refuses invalid UTF-8 and a NULL
 * would silently drop the member, so invalid bytes become U+FFFD. */
static json_t *text(const char *s)
{
    json_t *v = json_string(s);
    if (!v && s) {
        char *c = sc_str_utf8_clean(s);
        v = c ? json_string(c) : NULL;
        free(c);
    }
    return v;
}

static json_t *int_or_null(int v)
{
    return v > 0 ? json_integer(v) : json_null();
}

static json_t *str_or_null(const char *s)
{
    return s ? text(s) : json_null();
}

json_t *sc_json_result(samlcheck_report *r, int threshold)
{
    json_t *res = json_object();
    json_t *fs = json_array();
    if (!res || !fs) {
        json_decref(res);
        json_decref(fs);
        return NULL;
    }
    int bad = json_object_set_new(res, "input", text(samlcheck_report_input(r))) |
              json_object_set_new(res, "kind", json_string(samlcheck_report_kind(r))) |
              json_object_set_new(res, "exit_status",
                                  json_integer(sc_report_exit_status_at(r, threshold)));
    for (size_t j = 0; j < samlcheck_report_count(r) && !bad; j++) {
        const samlcheck_finding *f = samlcheck_report_at(r, j);
        json_t *o = json_object();
        if (!o) {
            bad = 1;
            break;
        }
        bad |=
            json_object_set_new(o, "rule", json_string(f->rule)) |
            json_object_set_new(o, "severity", json_string(samlcheck_severity_name(f->severity))) |
            json_object_set_new(o, "message", text(f->message)) |
            json_object_set_new(o, "aws_error", str_or_null(f->aws_error)) |
            json_object_set_new(o, "line", int_or_null(f->line)) |
            json_object_set_new(o, "column", int_or_null(f->column)) |
            json_object_set_new(o, "hint", str_or_null(f->hint)) |
            json_object_set_new(o, "location", str_or_null(f->location)) |
            json_object_set_new(o, "untrusted", json_boolean(f->untrusted));
        bad |= json_array_append_new(fs, o);
    }
    json_t *sum = sc_report_summary(r);
    bad |= json_object_set_new(res, "findings", fs);
    if (sum)
        bad |= json_object_set(res, "summary", sum);
    if (bad) {
        json_decref(res);
        return NULL;
    }
    return res;
}

/* Build the whole document; NULL on ENOMEM (never a document with a
 * finding or field silently missing: tests/alloc-fail.sh). */
static json_t *build(samlcheck_report *const *reports, size_t n, int threshold)
{
    json_t *root = json_object();
    json_t *results = json_array();
    int bad = !root || !results;
    if (!bad)
        bad |= json_object_set_new(root, "tool", json_string("samlcheck")) |
               json_object_set_new(root, "version", json_string(samlcheck_version())) |
               json_object_set(root, "results", results);
    for (size_t i = 0; i < n && !bad; i++) {
        json_t *res = sc_json_result(reports[i], threshold);
        bad |= !res || json_array_append_new(results, res);
    }
    json_decref(results);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int samlcheck_render_json(FILE *fp, samlcheck_report *const *reports, size_t n,
                          const samlcheck_render_options *opts)
{
    if (!fp || (!reports && n))
        return SAMLCHECK_EINVAL;
    json_t *doc = build(reports, n, sc_render_threshold(opts));
    if (!doc)
        return SAMLCHECK_ENOMEM;
    int rc = json_dumpf(doc, fp, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    json_decref(doc);
    if (rc != 0 || fputc('\n', fp) == EOF)
        return SAMLCHECK_EIO;
    return 0;
}
