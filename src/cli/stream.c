/* Streamed rendering (issue 14): each input's reports are written as soon
 * as the input is checked, then freed, so memory stays flat in the number
 * of inputs, in every format. Text renders part by part and ends with the
 * totals line; ndjson and github lines are per report anyway. The JSON
 * document is the renderer's own output, split at their "results" array:
 * the document for no report is written up to the array's '[', each part's
 * array items follow (taken from the renderer's document for that part, at
 * the same indentation), then the rest; the bytes are the same as rendering
 * every report at once.
 * SARIF, GitLab Code Quality and the --baseline-write file stream a JSON
 * array the same way (cli_jarray: each item dumped alone and indented to
 * its depth, which is what jansson writes for the whole document). SARIF's
 * run has its "results" before "invocations" (member order means nothing
 * in JSON; the exit status and the unreadable inputs are known only at the
 * end), so its only growing state is the notifications of unreadable
 * inputs. JUnit writes one <testsuite> per input (docs/ci.md). */
#include "cli.h"
#include "../report/sc_report.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

#define DUMP_FLAGS (JSON_INDENT(2) | JSON_ENSURE_ASCII)

static int render_doc(cli_stream *s, samlcheck_report *const *r, size_t n, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *m = open_memstream(out, len);
    if (!m)
        return SAMLCHECK_ENOMEM;
    int rc = samlcheck_render_json(m, r, n, &s->ro);
    if (fclose(m) != 0 && !rc)
        rc = SAMLCHECK_ENOMEM;
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* ---- a JSON array written item by item ---- */

/* @p doc dumped (plus a newline when @p nl); *split just after the '[' of
 * its empty array @p key ("\"results\": [", or NULL for a top-level
 * array), *indent that array's indentation. */
static char *jarray_skel(json_t *doc, const char *key, int nl, size_t *split, size_t *indent)
{
    char *d = doc ? json_dumps(doc, DUMP_FLAGS) : NULL;
    char *t = d && nl ? sc_asprintf("%s\n", d) : d;
    if (t != d)
        free(d);
    if (!t)
        return NULL;
    char *k = key ? strstr(t, key) : t;
    size_t kl = key ? strlen(key) : 1;
    if (!k || k[kl - 1] != '[' || k[kl] != ']') {
        free(t);
        return NULL;
    }
    char *line = k;
    while (line > t && line[-1] == ' ')
        line--;
    *indent = (size_t)(k - line);
    *split = (size_t)(k - t) + kl;
    return t;
}

int cli_jarray_begin(cli_jarray *a, FILE *fp, json_t *doc, const char *key, int nl)
{
    memset(a, 0, sizeof *a);
    a->fp = fp;
    a->key = key;
    a->nl = nl;
    a->skel = jarray_skel(doc, key, nl, &a->split, &a->indent);
    if (!a->skel)
        return SAMLCHECK_ENOMEM;
    return fwrite(a->skel, 1, a->split, fp) == a->split ? 0 : SAMLCHECK_EIO;
}

static int pad(FILE *fp, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fputc(' ', fp) == EOF)
            return SAMLCHECK_EIO;
    return 0;
}

int cli_jarray_item(cli_jarray *a, json_t *item)
{
    char *t = json_dumps(item, DUMP_FLAGS);
    if (!t)
        return SAMLCHECK_ENOMEM;
    int rc = (a->any && fputc(',', a->fp) == EOF) || fputc('\n', a->fp) == EOF ||
             pad(a->fp, a->indent + 2);
    /* the item's own lines, one level deeper than the array (a JSON string
     * never holds a raw newline) */
    for (const char *p = t; *p && !rc; p++)
        rc = fputc(*p, a->fp) == EOF || (*p == '\n' && pad(a->fp, a->indent + 2));
    free(t);
    a->any = 1;
    return rc ? SAMLCHECK_EIO : 0;
}

int cli_jarray_end(cli_jarray *a, json_t *doc)
{
    int rc = a->any && (fputc('\n', a->fp) == EOF || pad(a->fp, a->indent));
    if (rc)
        return SAMLCHECK_EIO;
    char *t = a->skel;
    size_t split = a->split, indent;
    if (doc && !(t = jarray_skel(doc, a->key, a->nl, &split, &indent)))
        return SAMLCHECK_ENOMEM;
    size_t l = strlen(t + split);
    rc = fwrite(t + split, 1, l, a->fp) != l || ferror(a->fp);
    if (t != a->skel)
        free(t);
    return rc ? SAMLCHECK_EIO : 0;
}

void cli_jarray_free(cli_jarray *a)
{
    free(a->skel);
    a->skel = NULL;
}

/* ---- the formats ---- */

static const char KEY[] = "\"results\": [";

/* ---- SARIF ----
 * The notifications of unreadable inputs (invocations[0].
 * toolExecutionNotifications) go to a temporary file as they come, already
 * indented, and are copied into the run's end: memory stays flat even when
 * every input is unreadable. */
static const char NOTES_KEY[] = "\"toolExecutionNotifications\": [";

/* The document around no result: with @p placeholder, one null
 * notification marks where the notifications go. Dumped, newline ended. */
static char *sarif_skel(cli_stream *s, int placeholder)
{
    json_t *res = json_array(), *notes = json_array();
    if (notes && placeholder)
        json_array_append_new(notes, json_null());
    json_t *doc = res && notes ? sc_sarif_document(res, notes, &s->ro, 1) : NULL;
    char *d = doc ? json_dumps(doc, DUMP_FLAGS) : NULL;
    char *t = d ? sc_asprintf("%s\n", d) : NULL;
    free(d);
    json_decref(doc);
    json_decref(res);
    json_decref(notes);
    return t;
}

static int sarif_begin(cli_stream *s)
{
    char *t = sarif_skel(s, 1);
    char *k = t ? strstr(t, NOTES_KEY) : NULL;
    if (!k) {
        free(t);
        return SAMLCHECK_ENOMEM;
    }
    char *line = k;
    while (line > t && line[-1] == ' ')
        line--;
    s->notes.indent = (size_t)(k - line); /* the notifications array's */
    free(t);
    json_t *res = json_array(), *notes = json_array();
    json_t *doc = res && notes ? sc_sarif_document(res, notes, &s->ro, 1) : NULL;
    int rc = doc ? cli_jarray_begin(&s->arr, s->fp, doc, KEY, 1) : SAMLCHECK_ENOMEM;
    json_decref(doc);
    json_decref(res);
    json_decref(notes);
    return rc;
}

static int sarif_add(cli_stream *s, json_t *items, samlcheck_report *r)
{
    json_t *notes = json_array();
    int rc = notes ? sc_sarif_add(items, notes, r, s->ro.root) : SAMLCHECK_ENOMEM;
    if (!rc && json_array_size(notes) && !s->notes.fp && !(s->notes.fp = tmpfile()))
        rc = SAMLCHECK_EIO;
    for (size_t i = 0; i < json_array_size(notes) && !rc; i++)
        rc = cli_jarray_item(&s->notes, json_array_get(notes, i));
    json_decref(notes);
    return rc;
}

static int sarif_end(cli_stream *s)
{
    if (!s->notes.any) {
        json_t *res = json_array(), *notes = json_array();
        json_t *doc = res && notes ? sc_sarif_document(res, notes, &s->ro, 1) : NULL;
        int rc = doc ? cli_jarray_end(&s->arr, doc) : SAMLCHECK_ENOMEM;
        json_decref(doc);
        json_decref(res);
        json_decref(notes);
        return rc;
    }
    /* the end of the results array, the document up to the notifications
     * array's '[', the notifications, then what follows the placeholder */
    char *t = sarif_skel(s, 1);
    char *k = t ? strstr(t, KEY) : NULL;
    char *nk = k ? strstr(k, NOTES_KEY) : NULL;
    char *nul = nk ? strstr(nk, "null") : NULL;
    int rc = nul ? 0 : SAMLCHECK_ENOMEM;
    if (!rc && s->arr.any)
        rc = fputc('\n', s->fp) == EOF || pad(s->fp, s->arr.indent) ? SAMLCHECK_EIO : 0;
    if (!rc) {
        char *from = k + sizeof KEY - 1, *to = nk + sizeof NOTES_KEY - 1;
        rc = fwrite(from, 1, (size_t)(to - from), s->fp) != (size_t)(to - from);
    }
    if (!rc) {
        char buf[8192];
        size_t got;
        rc = fflush(s->notes.fp) != 0 || fseek(s->notes.fp, 0, SEEK_SET) != 0;
        while (!rc && (got = fread(buf, 1, sizeof buf, s->notes.fp)) > 0)
            rc = fwrite(buf, 1, got, s->fp) != got;
        rc = rc || ferror(s->notes.fp);
    }
    if (!rc) {
        size_t l = strlen(nul + 4);
        rc = fwrite(nul + 4, 1, l, s->fp) != l || ferror(s->fp);
    }
    free(t);
    return rc ? SAMLCHECK_EIO : 0;
}

int cli_stream_begin(cli_stream *s, FILE *fp, const cli_opts *o, const samlcheck_render_options *ro)
{
    memset(s, 0, sizeof *s);
    s->fp = fp;
    s->format = o->format;
    s->ro = *ro;
    s->width = o->wide ? 0 : SC_TEXT_WIDTH;
    if (s->format == CLI_FMT_TEXT || s->format == CLI_FMT_NDJSON || s->format == CLI_FMT_GITHUB)
        return 0;
    if (s->format == CLI_FMT_JUNIT)
        return sc_junit_head(fp, 0, 0, 0, 0);
    if (s->format == CLI_FMT_GITLAB) {
        json_t *arr = json_array();
        int rc = arr ? cli_jarray_begin(&s->arr, fp, arr, NULL, 1) : SAMLCHECK_ENOMEM;
        json_decref(arr);
        return rc;
    }
    if (s->format == CLI_FMT_SARIF)
        return sarif_begin(s);
    if (s->format != CLI_FMT_JSON)
        return SAMLCHECK_EINVAL;
    size_t len;
    int rc = render_doc(s, NULL, 0, &s->skel, &len);
    if (rc)
        return rc;
    char *k = strstr(s->skel, KEY);
    if (!k || k[sizeof KEY - 1] != ']')
        return SAMLCHECK_EIO;
    char *line = k;
    while (line > s->skel && line[-1] == ' ')
        line--;
    s->indent = (size_t)(k - line);
    s->split = (size_t)(k - s->skel) + sizeof KEY - 1;
    return fwrite(s->skel, 1, s->split, fp) == s->split ? 0 : SAMLCHECK_EIO;
}

int cli_stream_add(cli_stream *s, samlcheck_report *const *r, size_t n)
{
    s->n_reports += n;
    if (s->format == CLI_FMT_TEXT)
        return sc_render_text_part(s->fp, r, n, &s->ro, s->width, s->tot);
    if (s->format == CLI_FMT_NDJSON)
        return sc_render_ndjson(s->fp, r, n, &s->ro);
    if (s->format == CLI_FMT_GITHUB)
        return sc_render_github(s->fp, r, n, &s->ro);
    if (s->format == CLI_FMT_JUNIT)
        return sc_junit_suite(s->fp, r, n, &s->ro);
    if (s->format == CLI_FMT_GITLAB || s->format == CLI_FMT_SARIF) {
        json_t *items = json_array();
        int rc = items ? 0 : SAMLCHECK_ENOMEM;
        for (size_t i = 0; i < n && !rc; i++)
            rc = s->format == CLI_FMT_GITLAB ? sc_gitlab_add(items, r[i], s->ro.root)
                                             : sarif_add(s, items, r[i]);
        for (size_t i = 0; i < json_array_size(items) && !rc; i++)
            rc = cli_jarray_item(&s->arr, json_array_get(items, i));
        json_decref(items);
        return rc;
    }
    char *doc = NULL;
    size_t len;
    int rc = render_doc(s, r, n, &doc, &len);
    if (rc)
        return rc;
    /* the items: after "results": [ and its newline, up to the newline
     * before the ']' at the array's own indentation */
    char close[80];
    rc = SAMLCHECK_EIO;
    char *k = strstr(doc, KEY);
    if (k && s->indent + 3 < sizeof close) {
        k += sizeof KEY - 1;
        if (*k == ']') {
            rc = 0; /* nothing to add (a SARIF part without findings) */
        } else if (*k == '\n') {
            close[0] = '\n';
            memset(close + 1, ' ', s->indent);
            close[s->indent + 1] = ']';
            close[s->indent + 2] = '\0';
            char *e = strstr(k, close);
            if (e) {
                size_t l = (size_t)(e - k);
                rc = (s->any ? fputc(',', s->fp) == EOF : 0) || fwrite(k, 1, l, s->fp) != l
                         ? SAMLCHECK_EIO
                         : 0;
                s->any = 1;
            }
        }
    }
    free(doc);
    return rc;
}

int cli_stream_end(cli_stream *s, int exit_status)
{
    s->ro.exit_status = exit_status;
    if (s->format == CLI_FMT_TEXT)
        return sc_render_text_totals(s->fp, s->tot, s->n_reports);
    if (s->format == CLI_FMT_NDJSON || s->format == CLI_FMT_GITHUB)
        return ferror(s->fp) ? SAMLCHECK_EIO : 0;
    if (s->format == CLI_FMT_JUNIT)
        return sc_junit_tail(s->fp) || ferror(s->fp) ? SAMLCHECK_EIO : 0;
    if (s->format == CLI_FMT_GITLAB)
        return cli_jarray_end(&s->arr, NULL);
    if (s->format == CLI_FMT_SARIF)
        return sarif_end(s);
    if (s->any) {
        fputc('\n', s->fp);
        for (size_t i = 0; i < s->indent; i++)
            fputc(' ', s->fp);
    }
    const char *rest = s->skel + s->split;
    size_t l = strlen(rest);
    return fwrite(rest, 1, l, s->fp) != l || ferror(s->fp) ? SAMLCHECK_EIO : 0;
}

void cli_stream_free(cli_stream *s)
{
    free(s->skel);
    s->skel = NULL;
    cli_jarray_free(&s->arr);
    if (s->notes.fp)
        fclose(s->notes.fp);
    s->notes.fp = NULL;
}
