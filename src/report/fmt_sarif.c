/* SARIF 2.1.0 renderer. The rules array is the whole registry, so rule
 * indexes are stable; helpUri points at docs/rules.md. */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

#define SC_DOCS_URI "https://github.com/samlcheck/samlcheck/blob/main/docs/rules.md"

static const char *level(samlcheck_severity s)
{
    return s == SAMLCHECK_SEV_ERROR ? "error" : s == SAMLCHECK_SEV_WARNING ? "warning" : "note";
}

/* GitHub-style markdown anchor of a rule heading: "xml/bom" -> "xmlbom". */
static char *anchor(const char *id)
{
    char *a = sc_strdup(id);
    if (!a)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; a[i]; i++)
        if (a[i] != '/')
            a[w++] = a[i];
    a[w] = '\0';
    return a;
}

static json_t *text(const char *s)
{
    return json_pack("{s:s}", "text", s ? s : "");
}

int samlcheck_render_sarif(FILE *fp, samlcheck_report *const *reports, size_t n,
                           const samlcheck_render_options *opts)
{
    (void)opts;
    if (!fp || (!reports && n))
        return SAMLCHECK_EINVAL;
    json_t *rules = json_array();
    json_t *results = json_array();
    json_t *doc = NULL;
    int rc = SAMLCHECK_ENOMEM;
    if (!rules || !results)
        goto out;
    for (size_t i = 0; i < samlcheck_rules_count(); i++) {
        const samlcheck_rule *d = samlcheck_rules_at(i);
        char *a = anchor(d->id);
        char *uri = a ? sc_asprintf("%s#%s", SC_DOCS_URI, a) : NULL;
        json_t *o = json_object();
        if (o && uri) {
            json_object_set_new(o, "id", json_string(d->id));
            json_object_set_new(o, "name", json_string(d->id));
            json_object_set_new(o, "shortDescription", text(d->title));
            json_object_set_new(o, "fullDescription", text(d->check));
            json_object_set_new(o, "help", text(d->fix));
            json_object_set_new(o, "helpUri", json_string(uri));
            json_object_set_new(o, "defaultConfiguration",
                                json_pack("{s:s}", "level", level(d->severity)));
            json_object_set_new(
                o, "properties",
                json_pack("{s:s?,s:s}", "aws_error", d->aws_error, "applies", d->applies));
            json_array_append_new(rules, o);
        } else {
            json_decref(o);
        }
        free(a);
        free(uri);
    }
    for (size_t i = 0; i < n; i++) {
        samlcheck_report *r = reports[i];
        for (size_t j = 0; j < samlcheck_report_count(r); j++) {
            const samlcheck_finding *f = samlcheck_report_at(r, j);
            size_t idx = 0;
            for (size_t k = 0; k < samlcheck_rules_count(); k++)
                if (samlcheck_rules_at(k)->id == f->rule ||
                    !strcmp(samlcheck_rules_at(k)->id, f->rule))
                    idx = k;
            json_t *region = json_object();
            if (f->line > 0)
                json_object_set_new(region, "startLine", json_integer(f->line));
            if (f->column > 0)
                json_object_set_new(region, "startColumn", json_integer(f->column));
            /* json_pack refuses invalid UTF-8 and would drop the result */
            char *uri = sc_str_utf8_clean(samlcheck_report_input(r));
            char *msg = sc_str_utf8_clean(f->message);
            char *where = f->location ? sc_str_utf8_clean(f->location) : NULL;
            char *hint = f->hint ? sc_str_utf8_clean(f->hint) : NULL;
            json_t *phys = uri ? json_pack("{s:{s:s}}", "artifactLocation", "uri", uri) : NULL;
            if (phys && json_object_size(region) > 0)
                json_object_set(phys, "region", region);
            json_decref(region);
            json_t *loc = json_pack("{s:o?}", "physicalLocation", phys);
            if (loc && where)
                json_object_set_new(loc, "logicalLocations",
                                    json_pack("[{s:s}]", "fullyQualifiedName", where));
            json_t *res = json_pack(
                "{s:s,s:i,s:s,s:{s:s},s:[o?],s:{s:s?,s:s?,s:s,s:b}}", "ruleId", f->rule,
                "ruleIndex", (int)idx, "level", level(f->severity), "message", "text",
                msg ? msg : "?", "locations", loc, "properties", "aws_error", f->aws_error, "hint",
                hint, "severity", samlcheck_severity_name(f->severity), "untrusted", f->untrusted);
            free(uri);
            free(msg);
            free(where);
            free(hint);
            if (res)
                json_array_append_new(results, res);
        }
    }
    doc = json_pack("{s:s,s:s,s:[{s:{s:{s:s,s:s,s:s,s:O}},s:O}]}", "$schema",
                    "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0", "runs",
                    "tool", "driver", "name", "samlcheck", "version", samlcheck_version(),
                    "informationUri", SC_DOCS_URI, "rules", rules, "results", results);
    if (!doc)
        goto out;
    rc = SAMLCHECK_EIO;
    if (json_dumpf(doc, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII) == 0 && fputc('\n', fp) != EOF)
        rc = 0;
out:
    json_decref(doc);
    json_decref(rules);
    json_decref(results);
    return rc;
}
