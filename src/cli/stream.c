/* Streamed rendering (issue 14): each input's reports are written as soon
 * as the input is checked, then freed, so memory stays flat in the number
 * of inputs. Text renders part by part and ends with the totals line;
 * ndjson and github lines are per report anyway. The JSON document is the
 * renderer's own output, split at their
 * "results" array: the document for no report is written up to the
 * array's '[', each part's array items follow (taken from the renderer's
 * document for that part, at the same indentation), then the rest. The
 * bytes are the same as rendering every report at once. */
#include "cli.h"
#include "../report/sc_report.h"
#include <stdlib.h>
#include <string.h>

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

static const char KEY[] = "\"results\": [";

int cli_stream_begin(cli_stream *s, FILE *fp, const cli_opts *o, const samlcheck_render_options *ro)
{
    memset(s, 0, sizeof *s);
    s->fp = fp;
    s->format = o->format;
    s->ro = *ro;
    s->width = o->wide ? 0 : SC_TEXT_WIDTH;
    if (s->format == CLI_FMT_TEXT || s->format == CLI_FMT_NDJSON || s->format == CLI_FMT_GITHUB)
        return 0;
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

int cli_stream_end(cli_stream *s)
{
    if (s->format == CLI_FMT_TEXT)
        return sc_render_text_totals(s->fp, s->tot, s->n_reports);
    if (s->format == CLI_FMT_NDJSON || s->format == CLI_FMT_GITHUB)
        return ferror(s->fp) ? SAMLCHECK_EIO : 0;
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
}
