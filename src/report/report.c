#include "sc_report.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

struct samlcheck_report {
    char *input;                 /* owned: display label */
    char *source;                /* owned: the path the user gave (never relabelled) */
    char *kind;                  /* owned */
    samlcheck_finding *findings; /* owned array; strings inside owned */
    size_t n, cap;
    size_t *ord; /* owned, parallel to findings: ordinal among same rule + location */
    int fatal;
    int origin_line; /* line of the file where a decoded document's encoding starts */
    json_t *summary; /* owned reference */
    char **kept;     /* strings handed over with sc_report_keep() */
    size_t n_kept;
};

int samlcheck_report_new(samlcheck_report **out, const char *input, const char *kind)
{
    if (!out)
        return SAMLCHECK_EINVAL;
    *out = NULL;
    samlcheck_report *r = calloc(1, sizeof *r);
    if (!r)
        return SAMLCHECK_ENOMEM;
    r->input = sc_strdup(input ? input : "-");
    r->source = sc_strdup(input ? input : "-");
    r->kind = sc_strdup(kind ? kind : "");
    r->summary = json_object();
    if (!r->input || !r->source || !r->kind || !r->summary) {
        samlcheck_report_free(r);
        return SAMLCHECK_ENOMEM;
    }
    *out = r;
    return 0;
}

static void finding_clear(samlcheck_finding *f)
{
    free((char *)f->message);
    free((char *)f->location);
}

void samlcheck_report_free(samlcheck_report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        finding_clear(&r->findings[i]);
    free(r->findings);
    free(r->ord);
    for (size_t i = 0; i < r->n_kept; i++)
        free(r->kept[i]);
    free(r->kept);
    free(r->input);
    free(r->source);
    free(r->kind);
    json_decref(r->summary);
    free(r);
}

void samlcheck_reports_free(samlcheck_report **reports, size_t n)
{
    if (!reports)
        return;
    for (size_t i = 0; i < n; i++)
        samlcheck_report_free(reports[i]);
    free(reports);
}

const char *sc_report_keep(samlcheck_report *r, char *s)
{
    if (!s)
        return NULL;
    char **nk = realloc(r->kept, (r->n_kept + 1) * sizeof *nk);
    if (!nk) {
        free(s);
        return NULL;
    }
    r->kept = nk;
    r->kept[r->n_kept++] = s;
    return s;
}

int sc_report_set_input(samlcheck_report *r, const char *input)
{
    char *d = sc_strdup(input);
    if (!d)
        return SAMLCHECK_ENOMEM;
    free(r->input);
    r->input = d;
    return 0;
}

void sc_report_set_origin_line(samlcheck_report *r, int line)
{
    r->origin_line = line > 0 ? line : 0;
}

int sc_report_origin_line(const samlcheck_report *r)
{
    return r->origin_line;
}

const char *sc_report_source(const samlcheck_report *r)
{
    return r->source;
}

void sc_report_filter(samlcheck_report *r, int (*keep)(const samlcheck_report *, size_t, void *),
                      void *ctx)
{
    size_t w = 0;
    unsigned char *k = r->n ? malloc(r->n) : NULL;
    if (r->n && !k)
        return; /* out of memory: keep every finding (never drop silently) */
    /* decide on the unfiltered list first: keep() may look at neighbours
     * (fingerprint ordinals) */
    for (size_t i = 0; i < r->n; i++)
        k[i] = (unsigned char)(keep(r, i, ctx) != 0);
    for (size_t i = 0; i < r->n; i++) {
        if (!k[i])
            finding_clear(&r->findings[i]);
        else {
            r->ord[w] = r->ord[i];
            r->findings[w++] = r->findings[i];
        }
    }
    r->n = w;
    free(k);
}

int sc_report_exit_status_at(const samlcheck_report *r, int fail_on)
{
    if (r->fatal)
        return 2;
    if (fail_on > SAMLCHECK_SEV_ERROR)
        return 0;
    for (size_t i = 0; i < r->n; i++)
        if ((int)r->findings[i].severity >= fail_on)
            return 1;
    return 0;
}

const char *samlcheck_report_input(const samlcheck_report *r)
{
    return r ? r->input : NULL;
}

const char *samlcheck_report_kind(const samlcheck_report *r)
{
    return r ? r->kind : NULL;
}

size_t samlcheck_report_count(const samlcheck_report *r)
{
    return r ? r->n : 0;
}

const samlcheck_finding *samlcheck_report_at(const samlcheck_report *r, size_t i)
{
    return r && i < r->n ? &r->findings[i] : NULL;
}

samlcheck_finding *sc_report_finding_mut(samlcheck_report *r, size_t i)
{
    return i < r->n ? &r->findings[i] : NULL;
}

json_t *sc_report_summary(samlcheck_report *r)
{
    return r->summary;
}

int sc_report_summary_set(json_t *summary, const char *key, json_t *val)
{
    if (!val)
        return SAMLCHECK_ENOMEM;
    json_t *old = summary ? json_object_get(summary, key) : NULL;
    if (!summary || (old && !json_is_null(old))) {
        json_decref(val);
        return 0;
    }
    return json_object_set_new(summary, key, val) ? SAMLCHECK_ENOMEM : 0;
}

int sc_report_summary_set_str(json_t *summary, const char *key, const char *val)
{
    return val ? sc_report_summary_set(summary, key, json_string(val)) : 0;
}

int samlcheck_report_summary_json(const samlcheck_report *r, char **out)
{
    if (!out)
        return SAMLCHECK_EINVAL;
    *out = NULL;
    if (!r)
        return SAMLCHECK_EINVAL;
    /* json_dumpb into our own malloc'd buffer, not json_dumps: the text is
     * freed with samlcheck_free() (free()), whatever allocator the embedding
     * program gave jansson with json_set_alloc_funcs(). */
    const size_t flags = JSON_COMPACT | JSON_SORT_KEYS;
    size_t n = json_dumpb(r->summary, NULL, 0, flags);
    if (n == 0 || !(*out = malloc(n + 1)))
        return SAMLCHECK_ENOMEM;
    if (json_dumpb(r->summary, *out, n, flags) != n) {
        free(*out);
        *out = NULL;
        return SAMLCHECK_ENOMEM;
    }
    (*out)[n] = '\0';
    return 0;
}

int samlcheck_report_is_fatal(const samlcheck_report *r)
{
    return r ? r->fatal : 0;
}

void sc_report_set_fatal(samlcheck_report *r)
{
    r->fatal = 1;
}

size_t sc_report_count_rule(const samlcheck_report *r, sc_rule_id rule)
{
    const samlcheck_rule *d = sc_rule(rule);
    size_t c = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->findings[i].rule == d->id)
            c++;
    return c;
}

void sc_report_mark_untrusted(samlcheck_report *r, size_t from)
{
    for (size_t i = from; i < r->n; i++)
        r->findings[i].untrusted = 1;
}

void samlcheck_report_drop_rule(samlcheck_report *r, const char *id)
{
    size_t w = 0;
    if (!r || !id)
        return;
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->findings[i].rule, id) == 0)
            finding_clear(&r->findings[i]);
        else {
            r->ord[w] = r->ord[i];
            r->findings[w++] = r->findings[i];
        }
    }
    r->n = w;
}

int samlcheck_report_exit_status(const samlcheck_report *r, int strict)
{
    if (!r)
        return SAMLCHECK_EINVAL;
    if (r->fatal)
        return 2;
    for (size_t i = 0; i < r->n; i++) {
        if (r->findings[i].severity == SAMLCHECK_SEV_ERROR)
            return 1;
        if (strict && r->findings[i].severity == SAMLCHECK_SEV_WARNING)
            return 1;
    }
    return 0;
}

int sc_report_vaddx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                    const char *aws_error, const char *hint, sc_pos pos, const char *fmt,
                    va_list ap)
{
    const samlcheck_rule *d = sc_rule(rule);
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        samlcheck_finding *nf = realloc(r->findings, cap * sizeof *nf);
        if (!nf)
            return SAMLCHECK_ENOMEM;
        r->findings = nf;
        size_t *no = realloc(r->ord, cap * sizeof *no);
        if (!no)
            return SAMLCHECK_ENOMEM;
        r->ord = no;
        r->cap = cap;
    }
    sc_buf b = SC_BUF_INIT;
    if (sc_buf_vprintf(&b, fmt, ap)) {
        sc_buf_free(&b);
        return SAMLCHECK_ENOMEM;
    }
    samlcheck_finding *f = &r->findings[r->n];
    memset(f, 0, sizeof *f);
    f->rule = d->id;
    f->severity = sev;
    f->message = sc_buf_detach(&b);
    f->aws_error = aws_error == SC_AWS_DEFAULT ? d->aws_error : aws_error;
    f->hint = hint ? hint : (sev != d->severity && d->fix_subcase ? d->fix_subcase : d->fix);
    f->line = pos.line;
    f->column = pos.column;
    if (pos.location) {
        f->location = sc_strdup(pos.location);
        if (!f->location) {
            free((char *)f->message);
            return SAMLCHECK_ENOMEM;
        }
    }
    if (!f->message) {
        free((char *)f->location);
        return SAMLCHECK_ENOMEM;
    }
    size_t ord = 0;
    for (size_t i = 0; i < r->n; i++) {
        const samlcheck_finding *g = &r->findings[i];
        if (g->rule == f->rule &&
            ((!g->location && !f->location) ||
             (g->location && f->location && !strcmp(g->location, f->location))))
            ord++;
    }
    r->ord[r->n] = ord;
    r->n++;
    return 0;
}

size_t sc_report_ordinal(const samlcheck_report *r, size_t i)
{
    return i < r->n ? r->ord[i] : 0;
}

int sc_report_addx(samlcheck_report *r, sc_rule_id rule, samlcheck_severity sev,
                   const char *aws_error, const char *hint, sc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_report_vaddx(r, rule, sev, aws_error, hint, pos, fmt, ap);
    va_end(ap);
    return rc;
}

int sc_report_add(samlcheck_report *r, sc_rule_id rule, sc_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_report_vaddx(r, rule, sc_rule(rule)->severity, SC_AWS_DEFAULT, NULL, pos, fmt, ap);
    va_end(ap);
    return rc;
}

int sc_render_threshold(const samlcheck_render_options *o)
{
    if (!o)
        return SAMLCHECK_SEV_ERROR;
    switch (o->fail_on) {
    case 1: return SAMLCHECK_SEV_INFO;
    case 2: return SAMLCHECK_SEV_WARNING;
    case 3: return SAMLCHECK_SEV_ERROR;
    case 4: return SC_FAIL_NEVER;
    default: return o->strict ? SAMLCHECK_SEV_WARNING : SAMLCHECK_SEV_ERROR;
    }
}
