/* SARIF 2.1.0 renderer, for code scanning (GitHub) and SARIF viewers.
 * - rules[] is the whole registry (stable ruleIndex), each with a readable
 *   name derived from the ID ("response/role-whitespace" = RoleWhitespace),
 *   the descriptions and help (AWS error, fix) of the registry, tags and,
 *   for the security rules, properties.security-severity. helpUri only when
 *   the user gave a documentation base (--help-uri-base).
 * - artifactLocation.uri is the path the user gave, relative to the root
 *   (--sarif-root, else the working directory) and percent-encoded; the HAR
 *   entry / SAML-tracer request goes to logicalLocations, the message and
 *   properties. region is the position in the file on disk: a decoded
 *   document (base64, form body, HAR, ...) is line 1, with the position in
 *   the decoded XML in properties.decodedRegion.
 * - partialFingerprints["samlcheck/v1"] is sc_finding_fingerprint().
 * - invocations[0] carries the exit status and the inputs that could not
 *   be read (toolExecutionNotifications). */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *level(samlcheck_severity s)
{
    return s == SAMLCHECK_SEV_ERROR ? "error" : s == SAMLCHECK_SEV_WARNING ? "warning" : "note";
}

/* GitHub-style markdown anchor of a rule heading in docs/rules.md:
 * "xml/bom" -> "xmlbom". */
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

/* "role-whitespace" -> "RoleWhitespace" appended to @p b. */
static int camel(sc_buf *b, const char *s, size_t len)
{
    int up = 1, rc = 0;
    for (size_t i = 0; i < len && !rc; i++) {
        char c = s[i];
        if (!isalnum((unsigned char)c)) {
            up = 1;
            continue;
        }
        rc = sc_buf_putc(b, up ? (char)toupper((unsigned char)c) : c);
        up = 0;
    }
    return rc;
}

/* The readable name of a rule: the CamelCase of the part after the '/',
 * prefixed with the category's when another rule has the same short name
 * ("input/too-large" = InputTooLarge, "response/too-large" =
 * ResponseTooLarge). Malloc'd. */
char *sc_sarif_rule_name(const char *id)
{
    const char *slash = strchr(id, '/');
    const char *tail = slash ? slash + 1 : id;
    int clash = 0;
    for (size_t i = 0; i < samlcheck_rules_count() && !clash; i++) {
        const char *o = samlcheck_rules_at(i)->id;
        const char *os = strchr(o, '/');
        clash = strcmp(o, id) != 0 && strcmp(os ? os + 1 : o, tail) == 0;
    }
    sc_buf b = SC_BUF_INIT;
    int rc = 0;
    if (clash && slash)
        rc = camel(&b, id, (size_t)(slash - id));
    if (!rc)
        rc = camel(&b, tail, strlen(tail));
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

/* Rules whose failure means a forged or tampered document would get
 * through, or the tool's own safety: these carry security-severity. */
static const char *security_severity(const samlcheck_rule *d)
{
    static const char *const critical[] = {
        "response/signature-wrapping", "response/nameid-comment",
        "sec/reference-uri",           "sec/transforms",
        "sec/decrypted-unsigned",      "response/signature-cert-unknown"};
    int sec = sc_str_starts(d->id, "sec/") || strstr(d->id, "signature") ||
              strcmp(d->id, "response/unsigned") == 0 ||
              strcmp(d->id, "response/nameid-comment") == 0;
    if (!sec)
        return NULL;
    for (size_t i = 0; i < sizeof critical / sizeof critical[0]; i++)
        if (strcmp(d->id, critical[i]) == 0)
            return "9.1";
    return d->severity == SAMLCHECK_SEV_ERROR     ? "7.5"
           : d->severity == SAMLCHECK_SEV_WARNING ? "5.3"
                                                  : "3.1";
}

static json_t *text(const char *s)
{
    return json_pack("{s:s}", "text", s ? s : "");
}

static json_t *rule_descriptor(const samlcheck_rule *d, const samlcheck_render_options *opts)
{
    char *name = sc_sarif_rule_name(d->id);
    char *cat = sc_strndup(d->id, strchr(d->id, '/') ? (size_t)(strchr(d->id, '/') - d->id)
                                                     : strlen(d->id));
    char *ht = sc_asprintf("%s\n\nAWS error: %s\n\nFix: %s", d->check,
                           d->aws_error ? d->aws_error : "none (the tool reports it)", d->fix);
    char *hm = sc_asprintf("%s\n\n**AWS error:** %s%s\n\n**Fix:** %s\n\n**Source:** %s", d->check,
                           d->aws_error ? "\n\n> " : "", d->aws_error ? d->aws_error : "none",
                           d->fix, d->source);
    json_t *o = NULL;
    if (!name || !cat || !ht || !hm)
        goto out;
    const char *secsev = security_severity(d);
    json_t *tags = json_pack("[s,s,s]", "saml", "aws-iam", cat);
    if (tags && secsev)
        json_array_append_new(tags, json_string("security"));
    json_t *props = json_pack("{s:o?,s:s,s:s,s:s?}", "tags", tags, "applies", d->applies,
                              "precision", "very-high", "aws_error", d->aws_error);
    if (props && secsev)
        json_object_set_new(props, "security-severity", json_string(secsev));
    o = json_pack("{s:s,s:s,s:o,s:o,s:{s:s,s:s},s:{s:s},s:o?}", "id", d->id, "name", name,
                  "shortDescription", text(d->title), "fullDescription", text(d->check), "help",
                  "text", ht, "markdown", hm, "defaultConfiguration", "level", level(d->severity),
                  "properties", props);
    if (o && opts && opts->help_uri_base) {
        char *a = anchor(d->id);
        char *uri = a ? sc_asprintf("%s#%s", opts->help_uri_base, a) : NULL;
        if (uri)
            json_object_set_new(o, "helpUri", json_string(uri));
        free(a);
        free(uri);
    }
out:
    free(name);
    free(cat);
    free(ht);
    free(hm);
    return o;
}

static size_t rule_index(const char *id)
{
    for (size_t k = 0; k < samlcheck_rules_count(); k++)
        if (samlcheck_rules_at(k)->id == id || !strcmp(samlcheck_rules_at(k)->id, id))
            return k;
    return 0;
}

/* The result's location: the file (@p uri) with the line and column on
 * disk, and as logical locations the HAR entry or tracer request
 * (@p entry > 0) and the element path (@p path). */
static json_t *result_location(const char *uri, int line, int col, int entry, const char *what,
                               const char *path)
{
    json_t *phys = json_pack("{s:{s:s}}", "artifactLocation", "uri", uri);
    if (phys && line > 0) {
        json_t *region = json_pack("{s:i}", "startLine", line);
        if (region && col > 0)
            json_object_set_new(region, "startColumn", json_integer(col));
        json_object_set_new(phys, "region", region);
    }
    json_t *logical = json_array();
    if (logical && entry) {
        char *nm = sc_asprintf("%s %d", what, entry);
        char *fq = sc_asprintf("%s[%d]", strcmp(what, "HAR entry") ? "requests" : "log.entries",
                               entry - 1);
        if (nm && fq)
            json_array_append_new(logical, json_pack("{s:s,s:s,s:s}", "name", nm,
                                                     "fullyQualifiedName", fq, "kind", "object"));
        free(nm);
        free(fq);
    }
    if (logical && path)
        json_array_append_new(
            logical, json_pack("{s:s,s:s}", "fullyQualifiedName", path, "kind", "element"));
    json_t *loc = json_pack("{s:o?}", "physicalLocation", phys);
    if (loc && json_array_size(logical))
        json_object_set(loc, "logicalLocations", logical);
    json_decref(logical);
    return loc;
}

/* The result's properties: what SARIF has no field for (severity, AWS
 * error, hint, trust), the position in the decoded document when it is
 * not the file's, and the HAR entry or tracer request. */
static json_t *result_properties(samlcheck_report *r, const samlcheck_finding *f, const char *label,
                                 int decoded, int entry, const char *what)
{
    json_t *props = json_pack("{s:s,s:s?,s:s?,s:b,s:s}", "severity",
                              samlcheck_severity_name(f->severity), "aws_error", f->aws_error,
                              "hint", f->hint, "untrusted", f->untrusted, "input", label);
    if (props && decoded && f->line > 0) {
        json_t *dr = json_pack("{s:i}", "startLine", f->line);
        if (dr && f->column > 0)
            json_object_set_new(dr, "startColumn", json_integer(f->column));
        json_object_set_new(props, "decodedRegion", dr);
        const char *enc = json_string_value(json_object_get(sc_report_summary(r), "encoding"));
        if (enc)
            json_object_set_new(props, "encoding", json_string(enc));
    }
    if (props && entry)
        json_object_set_new(props, strcmp(what, "HAR entry") ? "tracerRequest" : "harEntry",
                            json_integer(entry));
    return props;
}

static json_t *result(samlcheck_report *r, size_t j, const char *uri, const char *ident)
{
    const samlcheck_finding *f0 = samlcheck_report_at(r, j);
    json_t *res = NULL;
    char *msg = NULL;
    /* json_pack refuses invalid UTF-8 and would drop the result: quoted
     * input (a file name from argv, a value) gets U+FFFD instead */
    samlcheck_finding cf = *f0;
    char *msg0 = sc_str_utf8_clean(f0->message);
    char *loc0 = f0->location ? sc_str_utf8_clean(f0->location) : NULL;
    char *hint0 = f0->hint ? sc_str_utf8_clean(f0->hint) : NULL;
    char *label = sc_str_utf8_clean(samlcheck_report_input(r));
    if (!msg0 || (f0->location && !loc0) || (f0->hint && !hint0) || !label)
        goto out;
    cf.message = msg0;
    cf.location = loc0;
    cf.hint = hint0;
    const samlcheck_finding *f = &cf;
    const char *what;
    int entry = sc_report_entry(r, &what);
    int col, decoded;
    int line = sc_finding_disk_line(r, f0, &col, &decoded);
    char fp[SC_FINGERPRINT_LEN + 1];
    if (sc_finding_fingerprint(r, j, ident, fp))
        goto out;
    json_t *loc = result_location(uri, line, col, entry, what, f->location);
    msg = entry ? sc_asprintf("%s (%s %d)", f->message, what, entry) : NULL;
    json_t *props = result_properties(r, f, label, decoded, entry, what);
    res = json_pack("{s:s,s:i,s:s,s:{s:s},s:[o?],s:{s:s},s:o?}", "ruleId", f->rule, "ruleIndex",
                    (int)rule_index(f->rule), "level", level(f->severity), "message", "text",
                    msg ? msg : f->message, "locations", loc, "partialFingerprints", "samlcheck/v1",
                    fp, "properties", props);
out:
    free(msg);
    free(msg0);
    free(loc0);
    free(hint0);
    free(label);
    return res;
}

int sc_sarif_add(json_t *results, json_t *notes, samlcheck_report *r, const char *root)
{
    char *uri = sc_input_uri(sc_report_source(r), root);
    char *ident = sc_input_relpath(sc_report_source(r), root);
    if (!uri || !ident) {
        free(uri);
        free(ident);
        return SAMLCHECK_ENOMEM;
    }
    for (size_t j = 0; j < samlcheck_report_count(r); j++) {
        json_t *res = result(r, j, uri, ident);
        if (res)
            json_array_append_new(results, res);
    }
    if (samlcheck_report_is_fatal(r)) {
        const samlcheck_finding *f = samlcheck_report_at(r, 0);
        char *m = sc_str_utf8_clean(f ? f->message : "the input could not be read");
        json_t *nt =
            json_pack("{s:s,s:{s:s},s:[{s:{s:{s:s}}}]}", "level", "error", "message", "text",
                      m ? m : "?", "locations", "physicalLocation", "artifactLocation", "uri", uri);
        free(m);
        if (nt && f)
            json_object_set_new(nt, "associatedRule", json_pack("{s:s}", "id", f->rule));
        if (nt)
            json_array_append_new(notes, nt);
    }
    free(uri);
    free(ident);
    return 0;
}

json_t *sc_sarif_document(json_t *results, json_t *notes, const samlcheck_render_options *opts,
                          int results_first)
{
    json_t *rules = json_array();
    if (!rules)
        return NULL;
    for (size_t i = 0; i < samlcheck_rules_count(); i++) {
        json_t *o = rule_descriptor(samlcheck_rules_at(i), opts);
        if (!o) {
            json_decref(rules);
            return NULL;
        }
        json_array_append_new(rules, o);
    }
    int status = opts ? opts->exit_status : -1;
    json_t *inv = json_pack("{s:b}", "executionSuccessful", status != 2);
    if (inv && status >= 0)
        json_object_set_new(inv, "exitCode", json_integer(status));
    if (inv && json_array_size(notes))
        json_object_set(inv, "toolExecutionNotifications", notes);
    json_t *driver =
        json_pack("{s:s,s:s,s:s,s:o}", "name", "samlcheck", "version", samlcheck_version(),
                  "semanticVersion", samlcheck_version(), "rules", rules);
    json_t *run = results_first ? json_pack("{s:{s:o?},s:O,s:[o?]}", "tool", "driver", driver,
                                            "results", results, "invocations", inv)
                                : json_pack("{s:{s:o?},s:[o?],s:O}", "tool", "driver", driver,
                                            "invocations", inv, "results", results);
    if (run && opts && opts->automation_id)
        json_object_set_new(run, "automationDetails",
                            json_pack("{s:s}", "id", opts->automation_id));
    return json_pack("{s:s,s:s,s:[o?]}", "$schema", "https://json.schemastore.org/sarif-2.1.0.json",
                     "version", "2.1.0", "runs", run);
}

int samlcheck_render_sarif(FILE *fp, samlcheck_report *const *reports, size_t n,
                           const samlcheck_render_options *opts)
{
    if (!fp || (!reports && n))
        return SAMLCHECK_EINVAL;
    json_t *results = json_array();
    json_t *notes = json_array();
    json_t *doc = NULL;
    int rc = SAMLCHECK_ENOMEM;
    const char *root = opts ? opts->root : NULL;
    if (!results || !notes)
        goto out;
    for (size_t i = 0; i < n; i++)
        if (sc_sarif_add(results, notes, reports[i], root))
            goto out;
    doc = sc_sarif_document(results, notes, opts, 0);
    if (!doc)
        goto out;
    rc = SAMLCHECK_EIO;
    if (json_dumpf(doc, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII) == 0 && fputc('\n', fp) != EOF)
        rc = 0;
out:
    json_decref(doc);
    json_decref(results);
    json_decref(notes);
    return rc;
}
