/* The shared driver: read each input with the size cap, run the check of
 * the command's kind, apply --ignore, render, and compute the exit status
 * (the highest of all inputs). */
#include "cli.h"
#include "../report/sc_report.h"
#include "../base/base.h"
#include <fnmatch.h>
#include <stdarg.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

void cli_err_line(const char *fmt, ...)
{
    sc_buf b = SC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *e = rc ? NULL : sc_str_escape(b.data ? b.data : "", 0);
    fprintf(stderr, "%s\n", e ? e : "samlcheck: out of memory");
    free(e);
    sc_buf_free(&b);
}

typedef struct report_list {
    samlcheck_report **v;
    size_t n, cap;
} report_list;

static int push(report_list *l, samlcheck_report *r)
{
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 8;
        samlcheck_report **nv = realloc(l->v, c * sizeof *nv);
        if (!nv)
            return SAMLCHECK_ENOMEM;
        l->v = nv;
        l->cap = c;
    }
    l->v[l->n++] = r;
    return 0;
}

/* A report for an input that could not be read: input/unreadable or
 * input/too-large, fatal (exit 2). */
static samlcheck_report *read_failure(const char *path, const char *kind, int code,
                                      const samlcheck_error *err)
{
    samlcheck_report *r = NULL;
    if (samlcheck_report_new(&r, path, kind))
        return NULL;
    sc_report_add(
        r, code == SAMLCHECK_READ_TOO_LARGE ? SC_RULE_INPUT_TOO_LARGE : SC_RULE_INPUT_UNREADABLE,
        SC_POS_NONE, "%s", err->message);
    sc_report_set_fatal(r);
    return r;
}

static int load_metadata(cli_opts *o, samlcheck_metadata **md)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    samlcheck_report *r = NULL;
    samlcheck_error_clear(&err);
    int rc = samlcheck_input_read_file(&data, &len, o->metadata, o->check.max_input_bytes, &err);
    if (rc) {
        cli_err_line("samlcheck: --metadata: %s", err.message[0] ? err.message : "cannot read");
        return 2;
    }
    rc = samlcheck_report_new(&r, o->metadata, "metadata");
    if (!rc)
        rc = samlcheck_metadata_load(md, data, len, o->metadata, r, &o->check, &err);
    free(data);
    if (rc || !*md) {
        cli_err_line("samlcheck: --metadata %s cannot be used as trust anchor%s%s", o->metadata,
                     err.message[0] ? ": " : "", err.message);
        for (size_t i = 0; r && i < samlcheck_report_count(r); i++) {
            const samlcheck_finding *f = samlcheck_report_at(r, i);
            if (f->severity == SAMLCHECK_SEV_ERROR)
                cli_err_line("  %s: [%s] %s", o->metadata, f->rule, f->message);
        }
        samlcheck_report_free(r);
        return 2;
    }
    samlcheck_report_free(r);
    return 0;
}

int cli_load_keys(cli_opts *o, samlcheck_keyset **ks)
{
    if (samlcheck_keyset_new(ks))
        return 2;
    for (size_t i = 0; i < o->n_keys; i++) {
        unsigned char *data = NULL;
        size_t len = 0;
        samlcheck_error err;
        samlcheck_error_clear(&err);
        int rc = samlcheck_input_read_file(&data, &len, o->keys[i], 1024 * 1024, &err);
        if (!rc)
            rc = samlcheck_keyset_add_pem(*ks, data, len, o->keys[i], &err);
        free(data);
        if (rc) {
            cli_err_line("samlcheck: --key %s: %s", o->keys[i],
                         err.message[0] ? err.message : "cannot be used");
            return 2;
        }
    }
    return 0;
}

/* --trust-policy: read it (exit 2 when it cannot be read, like
 * --metadata), report its own policy findings in a "policy" report that
 * joins the output, and hand the model to the response checks. */
static int load_trust_policy(cli_opts *o, samlcheck_policy **pol, report_list *l)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    samlcheck_report *r = NULL;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, &len, o->trust_policy, o->check.max_input_bytes, &err)) {
        fprintf(stderr, "samlcheck: --trust-policy: %s\n",
                err.message[0] ? err.message : "cannot read");
        return 2;
    }
    int rc = samlcheck_report_new(&r, o->trust_policy, "policy");
    if (!rc)
        rc = samlcheck_policy_load(pol, data, len, r, &o->check, &err);
    free(data);
    if (!rc)
        rc = push(l, r);
    if (rc) {
        samlcheck_report_free(r);
        fprintf(stderr, "samlcheck: --trust-policy %s: %s\n", o->trust_policy,
                err.message[0] ? err.message : "out of memory");
        return 2;
    }
    o->check.trust_policy = *pol;
    return 0;
}

/* --context @FILE: KEY=VALUE lines (blank lines and # comments skipped)
 * join the --context values. *buf keeps the text alive. */
static int load_context_file(cli_opts *o, char **buf)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, &len, o->context_file, 1024 * 1024, &err)) {
        fprintf(stderr, "samlcheck: --context @%s: %s\n", o->context_file,
                err.message[0] ? err.message : "cannot read");
        return 2;
    }
    char *t = realloc(data, len + 1);
    if (!t) {
        free(data);
        return 2;
    }
    t[len] = '\0';
    *buf = t;
    int line = 0;
    for (char *p = t; p && *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r')
            p[--l] = '\0';
        if (l && p[0] != '#') {
            char *eq = strchr(p, '=');
            if (!eq || eq == p || !strchr(p, ':') || strchr(p, ':') > eq) {
                fprintf(stderr,
                        "samlcheck: --context @%s line %d: expected KEY=VALUE with a "
                        "service:key name\n",
                        o->context_file, line);
                return 2;
            }
            if (o->n_context >= CLI_MAX_LIST) {
                fprintf(stderr, "samlcheck: --context @%s: more than %d keys\n", o->context_file,
                        CLI_MAX_LIST);
                return 2;
            }
            o->context[o->n_context++] = p;
        }
        p = nl ? nl + 1 : NULL;
    }
    return 0;
}

/* ---- --ignore, the configuration's ignore entries, the baseline ---- */

typedef struct filter_ctx {
    const cli_opts *o;
    const char *ident; /* the input's path relative to the root (fingerprints) */
    char **baseline;   /* sorted fingerprints, or NULL */
    size_t n_baseline;
    size_t dropped;
} filter_ctx;

static int glob_list_match(const char *list, const char *id)
{
    char pat[128];
    for (const char *p = list;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len < sizeof pat) {
            memcpy(pat, p, len);
            pat[len] = '\0';
            if (fnmatch(pat, id, 0) == 0)
                return 1;
        }
        if (!e)
            return 0;
        p = e + 1;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int keep_finding(const samlcheck_report *r, size_t i, void *vctx)
{
    filter_ctx *c = vctx;
    const samlcheck_finding *f = samlcheck_report_at(r, i);
    for (size_t k = 0; k < c->o->n_ignore; k++)
        if (glob_list_match(c->o->ignore[k], f->rule))
            return 0;
    for (size_t k = 0; k < c->o->n_cfg_ignore; k++) {
        const cli_ignore *ig = &c->o->cfg_ignore[k];
        if (fnmatch(ig->rule, f->rule, 0) != 0)
            continue;
        if (!ig->path)
            return 0;
        char *p = sc_input_relpath(sc_report_source(r), ig->base);
        int hit = p && fnmatch(ig->path, p, 0) == 0;
        free(p);
        if (hit)
            return 0;
    }
    if (c->baseline) {
        char fp[SC_FINGERPRINT_LEN + 1], *key = fp;
        if (sc_finding_fingerprint((samlcheck_report *)r, i, c->ident, fp) == 0 &&
            bsearch(&key, c->baseline, c->n_baseline, sizeof *c->baseline, cmp_str)) {
            c->dropped++;
            return 0;
        }
    }
    return 1;
}

static void free_baseline(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Read a baseline file ({"fingerprints": [{"fingerprint": "..."}, ...]}),
 * at most 16 MiB. Returns 0 or 2 (after a message). */
static int load_baseline(const char *path, char ***out, size_t *n_out)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    json_error_t je;
    samlcheck_error_clear(&err);
    *out = NULL;
    *n_out = 0;
    if (samlcheck_input_read_file(&data, &len, path, 16u << 20, &err)) {
        cli_err_line("samlcheck: --baseline %s: %s", path,
                     err.message[0] ? err.message : "cannot read");
        return 2;
    }
    json_t *doc = json_loadb((const char *)data, len, JSON_REJECT_DUPLICATES, &je);
    free(data);
    json_t *arr = json_object_get(doc, "fingerprints");
    if (!json_is_array(arr)) {
        cli_err_line("samlcheck: --baseline %s: not a samlcheck baseline (%s)", path,
                     doc ? "no \"fingerprints\" list" : je.text);
        json_decref(doc);
        return 2;
    }
    size_t n = json_array_size(arr);
    char **v = calloc(n ? n : 1, sizeof *v);
    size_t w = 0;
    for (size_t i = 0; v && i < n; i++) {
        json_t *e = json_array_get(arr, i);
        const char *s =
            json_string_value(json_is_object(e) ? json_object_get(e, "fingerprint") : e);
        if (!s || strlen(s) != SC_FINGERPRINT_LEN) {
            cli_err_line("samlcheck: --baseline %s: entry %zu has no valid fingerprint", path,
                         i + 1);
            free_baseline(v, w);
            json_decref(doc);
            return 2;
        }
        if (!(v[w++] = strdup(s))) {
            free_baseline(v, w);
            v = NULL;
        }
    }
    json_decref(doc);
    if (!v) {
        fprintf(stderr, "samlcheck: out of memory\n");
        return 2;
    }
    qsort(v, w, sizeof *v, cmp_str);
    *out = v;
    *n_out = w;
    return 0;
}

/* Write today's findings as a baseline (sorted, one entry per finding). */
static int write_baseline(const cli_opts *o, samlcheck_report *const *rs, size_t n)
{
    json_t *arr = json_array();
    json_t *doc = json_pack("{s:s,s:s,s:i,s:o?}", "tool", "samlcheck", "version",
                            samlcheck_version(), "format", 1, "fingerprints", arr);
    int rc = doc ? 0 : 2;
    for (size_t i = 0; i < n && !rc; i++) {
        char *ident = sc_input_relpath(sc_report_source(rs[i]), o->sarif_root);
        for (size_t j = 0; ident && j < samlcheck_report_count(rs[i]); j++) {
            char fp[SC_FINGERPRINT_LEN + 1];
            if (sc_finding_fingerprint(rs[i], j, ident, fp) == 0)
                json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "fingerprint", fp, "rule",
                                                     samlcheck_report_at(rs[i], j)->rule, "input",
                                                     ident));
        }
        rc = ident ? 0 : 2;
        free(ident);
    }
    if (!rc && json_dump_file(doc, o->baseline_write, JSON_INDENT(2) | JSON_ENSURE_ASCII) != 0) {
        cli_err_line("samlcheck: cannot write the baseline %s", o->baseline_write);
        rc = 2;
    }
    json_decref(doc);
    return rc;
}

typedef int (*renderer)(FILE *, samlcheck_report *const *, size_t,
                        const samlcheck_render_options *);

static renderer pick(cli_format f)
{
    switch (f) {
    case CLI_FMT_JSON: return samlcheck_render_json;
    case CLI_FMT_SARIF: return samlcheck_render_sarif;
    case CLI_FMT_GITHUB: return sc_render_github;
    case CLI_FMT_GITLAB: return sc_render_gitlab;
    case CLI_FMT_JUNIT: return sc_render_junit;
    case CLI_FMT_NDJSON: return sc_render_ndjson;
    default: return samlcheck_render_text;
    }
}

/* `samlcheck config` reads every input as one model: the inputs are
 * collected here and checked together after the last one. */
typedef struct cfg_batch {
    const char **names;
    unsigned char **datas;
    size_t *lens;
    size_t n;
} cfg_batch;

/* What flush() needs across inputs. */
typedef struct settle_ctx {
    char **baseline;
    size_t n_baseline;
    size_t dropped;
    int threshold;   /* sc_render_threshold() of the render options */
    cli_stream *st;  /* streaming: render each input at once, else NULL */
    size_t filtered; /* collecting: l->v[0..filtered) are settled */
} settle_ctx;

/* Settle the reports in @p l not yet settled: --ignore, the configuration's
 * ignore entries, the baseline, --redact; raise *status to their exit
 * status. Streaming, render them and free them (l is empty after);
 * collecting (--baseline-write, sarif, gitlab, junit), keep them for the
 * end. 0, or 2 after a message. */
static int flush(cli_opts *o, report_list *l, settle_ctx *x, int *status)
{
    int rc = 0;
    for (; x->filtered < l->n && !rc; x->filtered++) {
        samlcheck_report *r = l->v[x->filtered];
        char *ident = sc_input_relpath(sc_report_source(r), o->sarif_root);
        filter_ctx fc = {o, ident ? ident : "", x->baseline, x->n_baseline, 0};
        sc_report_filter(r, keep_finding, &fc);
        x->dropped += fc.dropped;
        free(ident);
        if (o->redact && samlcheck_report_redact(r)) {
            fprintf(stderr, "samlcheck: out of memory\n");
            rc = 2;
            break;
        }
        int s = sc_report_exit_status_at(r, x->threshold);
        if (s > *status)
            *status = s;
    }
    if (!x->st)
        return rc;
    if (!rc && l->n && cli_stream_add(x->st, l->v, l->n)) {
        fprintf(stderr, "samlcheck: cannot write the report\n");
        rc = 2;
    }
    for (size_t i = 0; i < l->n; i++)
        samlcheck_report_free(l->v[i]);
    l->n = 0;
    x->filtered = 0;
    return rc;
}

/* Read and check input @p i: its reports join @p l (a config input joins
 * @p cfg instead). 0, or 2 after a message. */
static int check_input(cli_opts *o, const char *kind, size_t i, report_list *l, cfg_batch *cfg)
{
    const char *path = o->inputs[i];
    unsigned char *data = NULL;
    size_t len = 0;
    int rc, status;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    rc = samlcheck_input_read_file(&data, &len, path, o->check.max_input_bytes, &err);
    if (rc == SAMLCHECK_READ_UNREADABLE || rc == SAMLCHECK_READ_TOO_LARGE) {
        samlcheck_report *r = read_failure(path, kind, rc, &err);
        if (!r || push(l, r)) {
            samlcheck_report_free(r);
            return 2;
        }
        return 0;
    } else if (rc) {
        fprintf(stderr, "samlcheck: out of memory\n");
        return 2;
    }
    if (strcmp(path, "-") == 0 && (status = cli_paste_check(o, kind, data, len))) {
        free(data);
        return status;
    }
    if (strcmp(kind, "config") == 0) {
        /* one model from every file: checked together after the loop */
        cfg->names[cfg->n] = path;
        cfg->datas[cfg->n] = data;
        cfg->lens[cfg->n++] = len;
        return 0;
    } else if (strcmp(kind, "response") == 0) {
        samlcheck_report **rs = NULL;
        size_t n = 0;
        rc = samlcheck_check_response_input(&rs, &n, path, data, len, &o->check, &err);
        /* a report that cannot be kept is an error, never a silent
         * drop (which left "results": [] and exit 0) */
        for (size_t j = 0; j < n && !rc; j++)
            if ((rc = push(l, rs[j])) == 0)
                rs[j] = NULL;
        if (rc == SAMLCHECK_ENOMEM && !err.message[0])
            snprintf(err.message, sizeof err.message, "out of memory");
        for (size_t j = 0; j < n; j++)
            samlcheck_report_free(rs[j]);
        free(rs);
    } else {
        samlcheck_report *r = NULL;
        rc = samlcheck_report_new(&r, path, kind);
        if (!rc) {
            if (strcmp(kind, "metadata") == 0)
                rc = samlcheck_check_metadata(r, data, len, &o->check, &err);
            else if (strcmp(kind, "policy") == 0)
                rc = samlcheck_check_policy(r, data, len, &o->check, &err);
            else if ((rc = samlcheck_check_key(r, data, len, &o->check, &err)) == 0)
                rc = samlcheck_check_key_count(r, i, o->n_inputs);
        }
        if (!rc)
            rc = push(l, r);
        if (rc)
            samlcheck_report_free(r);
    }
    free(data);
    if (rc) {
        cli_err_line("samlcheck: %s: %s", path, err.message[0] ? err.message : "internal error");
        return 2;
    }
    return 0;
}

/* --progress: "samlcheck: 120/1000 inputs checked" on stderr, rewritten
 * in place, once the run has taken a second (SAMLCHECK_PROGRESS_AFTER_MS
 * overrides the second for tests); cleared at the end. */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void progress(const cli_opts *o, size_t done, double start, int *shown)
{
    if (!o->progress || o->n_inputs < 2)
        return;
    if (done == (size_t)-1) { /* the end */
        if (*shown)
            fputs("\r                                                  \r", stderr);
        *shown = 0;
        return;
    }
    const char *e = getenv("SAMLCHECK_PROGRESS_AFTER_MS");
    double after = e && *e ? atof(e) : 1000.0;
    if (now_ms() - start < after)
        return;
    fprintf(stderr, "\rsamlcheck: %zu/%zu inputs checked", done, o->n_inputs);
    fflush(stderr);
    *shown = 1;
}

int cli_run_checks(cli_opts *o, const char *kind)
{
    char **baseline = NULL;
    size_t n_baseline = 0;
    report_list l = {0};
    samlcheck_metadata *md = NULL;
    samlcheck_keyset *ks = NULL;
    unsigned char *enc_cert = NULL;
    FILE *out = stdout;
    int status = 0, rc;
    samlcheck_policy *pol = NULL;
    char *context_buf = NULL;
    unsigned char *signer = NULL;
    cli_stream st;
    int streaming = 0;
    cfg_batch cfg = {0};

    if (cli_default_input(o, kind))
        return 2;
    if (strcmp(kind, "config") == 0) {
        /* `samlcheck config`: every file, read first (freed at out) */
        cfg.names = calloc(o->n_inputs ? o->n_inputs : 1, sizeof *cfg.names);
        cfg.datas = calloc(o->n_inputs ? o->n_inputs : 1, sizeof *cfg.datas);
        cfg.lens = calloc(o->n_inputs ? o->n_inputs : 1, sizeof *cfg.lens);
        if (!cfg.names || !cfg.datas || !cfg.lens) {
            free(cfg.names);
            free(cfg.datas);
            free(cfg.lens);
            fprintf(stderr, "samlcheck: out of memory\n");
            return 2;
        }
    }
    if (samlcheck_global_init()) {
        fprintf(stderr, "samlcheck: cannot initialise libxml2/xmlsec/OpenSSL\n");
        free(cfg.names);
        free(cfg.datas);
        free(cfg.lens);
        return 2;
    }
    samlcheck_render_options ro = SAMLCHECK_RENDER_OPTIONS_INIT;
    ro.color = o->color;
    ro.quiet = o->quiet;
    ro.strict = o->strict;
    ro.fail_on = o->fail_on;
    ro.root = o->sarif_root;
    ro.help_uri_base = o->help_uri_base;
    ro.automation_id = o->automation_id;
    if (o->baseline && (status = load_baseline(o->baseline, &baseline, &n_baseline)))
        goto out;
    if (o->context_file && (status = load_context_file(o, &context_buf)))
        goto out;
    o->check.context = o->context;
    o->check.n_context = o->n_context;
    if (o->trust_policy && (status = load_trust_policy(o, &pol, &l)))
        goto out;
    if (o->metadata && (status = load_metadata(o, &md)))
        goto out;
    if (o->n_keys && (status = cli_load_keys(o, &ks)))
        goto out;
    o->check.metadata = md;
    o->check.keys = ks;
    if (o->metadata_signer) {
        samlcheck_error err;
        samlcheck_error_clear(&err);
        if (samlcheck_input_read_file(&signer, &o->check.metadata_signer_len, o->metadata_signer,
                                      1024 * 1024, &err)) {
            fprintf(stderr, "samlcheck: --metadata-signer: %s\n",
                    err.message[0] ? err.message : "cannot read");
            status = 2;
            goto out;
        }
        o->check.metadata_signer = signer;
        o->check.metadata_signer_name = o->metadata_signer;
    }
    if (o->encryption_cert) {
        samlcheck_error err;
        samlcheck_error_clear(&err);
        if (samlcheck_input_read_file(&enc_cert, &o->check.encryption_cert_len, o->encryption_cert,
                                      1024 * 1024, &err)) {
            cli_err_line("samlcheck: --encryption-cert: %s",
                         err.message[0] ? err.message : "cannot read");
            status = 2;
            goto out;
        }
        o->check.encryption_cert = enc_cert;
        o->check.encryption_cert_name = o->encryption_cert;
    }

    /* text, json, ndjson and github stream: each input rendered as soon as
     * it is checked, in input order, so their file is opened first. The
     * others (and --baseline-write) need every report: they open the file
     * when there is a report to write (a usage error leaves no empty file). */
    streaming = !o->baseline_write && (o->format == CLI_FMT_TEXT || o->format == CLI_FMT_JSON ||
                                       o->format == CLI_FMT_NDJSON || o->format == CLI_FMT_GITHUB);
    if (o->output && streaming && !(out = fopen(o->output, "w"))) {
        out = stdout;
        streaming = 0;
        cli_err_line("samlcheck: cannot write %s", o->output);
        status = 2;
        goto out;
    }
    if (streaming && cli_stream_begin(&st, out, o, &ro)) {
        cli_stream_free(&st);
        streaming = 0;
        fprintf(stderr, "samlcheck: cannot write the report\n");
        status = 2;
        goto out;
    }
    settle_ctx fx = {baseline, n_baseline, 0, sc_render_threshold(&ro), streaming ? &st : NULL, 0};
    if ((rc = flush(o, &l, &fx, &status)) != 0) {
        status = rc;
        goto out;
    }
    double started = now_ms();
    int shown = 0;
    for (size_t i = 0; i < o->n_inputs; i++) {
        rc = check_input(o, kind, i, &l, &cfg);
        progress(o, (size_t)-1, started, &shown); /* the report never follows the line */
        if (rc || (rc = flush(o, &l, &fx, &status)) != 0) {
            status = rc;
            goto out;
        }
        fflush(out);
        progress(o, i + 1, started, &shown);
    }
    progress(o, (size_t)-1, started, &shown);

    if (cfg.n) {
        samlcheck_report **rs = NULL;
        size_t n = 0;
        samlcheck_error err;
        samlcheck_error_clear(&err);
        rc = samlcheck_check_config(&rs, &n, cfg.names, (const unsigned char *const *)cfg.datas,
                                    cfg.lens, cfg.n, &o->check, &err);
        for (size_t j = 0; j < n; j++)
            if (!rc && push(&l, rs[j]) == 0)
                rs[j] = NULL;
        for (size_t j = 0; j < n; j++)
            samlcheck_report_free(rs[j]);
        free(rs);
        if (rc) {
            cli_err_line("samlcheck config: %s", err.message[0] ? err.message : "internal error");
            status = 2;
            goto out;
        }
        if ((rc = flush(o, &l, &fx, &status)) != 0) {
            status = rc;
            goto out;
        }
    }

    if (fx.dropped)
        cli_err_line("samlcheck: %zu finding%s in the baseline %s not reported", fx.dropped,
                     fx.dropped == 1 ? "" : "s", o->baseline);

    if (streaming) {
        rc = cli_stream_end(&st);
    } else {
        if (o->baseline_write) {
            /* recording today's findings accepts them: exit 0 unless an
             * input could not be read (2) or the file cannot be written (2) */
            if (write_baseline(o, l.v, l.n))
                status = 2;
            else if (status == 1)
                status = 0;
        }
        ro.exit_status = status;
        if (o->output && !(out = fopen(o->output, "w"))) {
            out = stdout;
            cli_err_line("samlcheck: cannot write %s", o->output);
            status = 2;
            goto out;
        }
        if (o->format == CLI_FMT_TEXT)
            rc = sc_render_text_width(out, l.v, l.n, &ro, o->wide ? 0 : SC_TEXT_WIDTH);
        else
            rc = pick(o->format)(out, l.v, l.n, &ro);
    }
    if (out != stdout && fclose(out) != 0)
        rc = SAMLCHECK_EIO;
    out = stdout;
    if (rc) {
        fprintf(stderr, "samlcheck: cannot write the report\n");
        status = 2;
    }
out:
    if (streaming)
        cli_stream_free(&st);
    if (out != stdout)
        fclose(out);
    free_baseline(baseline, n_baseline);
    for (size_t i = 0; i < cfg.n; i++)
        free(cfg.datas[i]);
    free(cfg.names);
    free(cfg.datas);
    free(cfg.lens);
    for (size_t i = 0; i < l.n; i++)
        samlcheck_report_free(l.v[i]);
    free(l.v);
    samlcheck_metadata_free(md);
    samlcheck_keyset_free(ks);
    samlcheck_policy_free(pol);
    free(context_buf);
    free(signer);
    free(enc_cert);
    samlcheck_global_cleanup();
    return status;
}
