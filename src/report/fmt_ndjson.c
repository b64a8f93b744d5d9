/* NDJSON renderer: one line per result as soon as its input is checked
 * (the CLI calls it after each input), each line the object of the JSON
 * format's results[] plus "tool" and "version". */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"

int sc_render_ndjson(FILE *fp, samlcheck_report *const *reports, size_t n,
                     const samlcheck_render_options *opts)
{
    int threshold = sc_render_threshold(opts);
    for (size_t i = 0; i < n; i++) {
        json_t *o = sc_json_result(reports[i], threshold);
        if (!o)
            return SAMLCHECK_ENOMEM;
        json_object_set_new(o, "tool", json_string("samlcheck"));
        json_object_set_new(o, "version", json_string(samlcheck_version()));
        int rc = json_dumpf(o, fp, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
        json_decref(o);
        if (rc != 0 || fputc('\n', fp) == EOF || fflush(fp) != 0)
            return SAMLCHECK_EIO;
    }
    return 0;
}
