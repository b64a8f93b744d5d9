/* The shared driver: read each input with the size cap, run the check of
 * the command's kind, apply --ignore, render, and compute the exit status
 * (the highest of all inputs). */
#include "cli.h"
#include "../report/sc_report.h"
#include "../base/base.h"
#include <fnmatch.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
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
    samlcheck_report **nv = sc_grow(l->v, l->n, &l->cap, sizeof *nv, 8);
    if (!nv)
        return SAMLCHECK_ENOMEM;
    l->v = nv;
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

/* --baseline-write: today's findings, one entry per finding in input
 * order, streamed as the inputs complete into a temporary file next to
 * FILE, renamed over it at the end of a run that got through every input
 * (never a truncated baseline). */
typedef struct baseline_out {
    FILE *fp;
    char *tmp; /* the temporary file's name */
    cli_jarray arr;
} baseline_out;

static int baseline_begin(const cli_opts *o, baseline_out *b)
{
    b->tmp = sc_asprintf("%s.XXXXXX", o->baseline_write);
    int fd = b->tmp ? mkstemp(b->tmp) : -1;
    mode_t um = umask(0); /* before the worker threads */
    umask(um);
    if (fd >= 0) /* mkstemp() makes it 0600; a baseline is shared (committed) */
        (void)fchmod(fd, 0666 & ~um);
    if (fd < 0 || !(b->fp = fdopen(fd, "w"))) {
        if (fd >= 0) {
            close(fd);
            unlink(b->tmp);
        }
        free(b->tmp);
        b->tmp = NULL;
        cli_err_line("samlcheck: cannot write the baseline %s", o->baseline_write);
        return 2;
    }
    json_t *doc = json_pack("{s:s,s:s,s:i,s:[]}", "tool", "samlcheck", "version",
                            samlcheck_version(), "format", 1, "fingerprints");
    int rc = doc ? cli_jarray_begin(&b->arr, b->fp, doc, "\"fingerprints\": [", 0) : 2;
    json_decref(doc);
    if (rc)
        cli_err_line("samlcheck: cannot write the baseline %s", o->baseline_write);
    return rc ? 2 : 0;
}

static int baseline_add(const cli_opts *o, baseline_out *b, samlcheck_report *const *rs, size_t n)
{
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        char *ident = sc_input_relpath(sc_report_source(rs[i]), o->sarif_root);
        rc = ident ? 0 : 2;
        for (size_t j = 0; ident && j < samlcheck_report_count(rs[i]) && !rc; j++) {
            char fp[SC_FINGERPRINT_LEN + 1];
            if (sc_finding_fingerprint(rs[i], j, ident, fp) != 0)
                continue;
            json_t *e = json_pack("{s:s,s:s,s:s}", "fingerprint", fp, "rule",
                                  samlcheck_report_at(rs[i], j)->rule, "input", ident);
            rc = e ? cli_jarray_item(&b->arr, e) : 2;
            json_decref(e);
        }
        free(ident);
    }
    if (rc)
        cli_err_line("samlcheck: cannot write the baseline %s", o->baseline_write);
    return rc ? 2 : 0;
}

/* @p keep: the run got through; else the temporary file is removed. */
static int baseline_end(const cli_opts *o, baseline_out *b, int keep)
{
    if (!b->tmp)
        return 0;
    int rc = keep ? cli_jarray_end(&b->arr, NULL) : 0;
    if (fclose(b->fp) != 0)
        rc = SAMLCHECK_EIO;
    if (keep && !rc && rename(b->tmp, o->baseline_write) != 0)
        rc = SAMLCHECK_EIO;
    if (!keep || rc)
        unlink(b->tmp);
    if (keep && rc)
        cli_err_line("samlcheck: cannot write the baseline %s", o->baseline_write);
    cli_jarray_free(&b->arr);
    free(b->tmp);
    b->tmp = NULL;
    return rc ? 2 : 0;
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
    int threshold;    /* sc_render_threshold() of the render options */
    cli_stream *st;   /* render each input at once */
    baseline_out *bl; /* --baseline-write, or NULL */
} settle_ctx;

/* Settle the reports in @p l: --ignore, the configuration's ignore
 * entries, the baseline, --redact; raise *status to their exit status;
 * render them, record them in --baseline-write and free them (l is empty
 * after). 0, or 2 after a message. */
static int flush(cli_opts *o, report_list *l, settle_ctx *x, int *status)
{
    int rc = 0;
    for (size_t i = 0; i < l->n && !rc; i++) {
        samlcheck_report *r = l->v[i];
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
    if (!rc && l->n && cli_stream_add(x->st, l->v, l->n)) {
        fprintf(stderr, "samlcheck: cannot write the report\n");
        rc = 2;
    }
    if (!rc && x->bl)
        rc = baseline_add(o, x->bl, l->v, l->n);
    for (size_t i = 0; i < l->n; i++)
        samlcheck_report_free(l->v[i]);
    l->n = 0;
    return rc;
}

/* What checking one input gives (check_input), on whichever thread
 * checked it, until the writer emits it in input order. */
typedef struct input_slot {
    report_list l; /* its reports */
    int rc;        /* 0, or the exit status that stops the run */
    char *msg;     /* printed before stopping (malloc'd), or NULL */
} input_slot;

/* Stop with exit status 2 and a message (formatted like cli_err_line()). */
static void slot_fail(input_slot *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void slot_fail(input_slot *s, const char *fmt, ...)
{
    sc_buf b = SC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    s->rc = 2;
    s->msg = rc ? NULL : sc_buf_detach(&b);
    sc_buf_free(&b);
    if (!s->msg)
        s->msg = sc_strdup("samlcheck: out of memory");
}

static void slot_clear(input_slot *s)
{
    samlcheck_reports_free(s->l.v, s->l.n);
    free(s->msg);
    memset(s, 0, sizeof *s);
}

/* Check one kind of document (not response, not config) into @p l. */
static int check_one(const cli_opts *o, const char *kind, size_t i, const unsigned char *data,
                     size_t len, report_list *l, samlcheck_error *err)
{
    samlcheck_report *r = NULL;
    int rc = samlcheck_report_new(&r, o->inputs[i], kind);
    if (!rc) {
        if (strcmp(kind, "metadata") == 0)
            rc = samlcheck_check_metadata(r, data, len, &o->check, err);
        else if (strcmp(kind, "policy") == 0)
            rc = samlcheck_check_policy(r, data, len, &o->check, err);
        else if ((rc = samlcheck_check_key(r, data, len, &o->check, err)) == 0)
            rc = samlcheck_check_key_count(r, i, o->n_inputs);
    }
    if (!rc)
        rc = push(l, r);
    if (rc)
        samlcheck_report_free(r);
    return rc;
}

/* Read and check input @p i into @p s (a config input joins @p cfg
 * instead). Thread-safe for every kind but config and standard input
 * (which run on the calling thread): it reads @p o and writes only @p s. */
static void check_input(const cli_opts *o, const char *kind, size_t i, input_slot *s,
                        cfg_batch *cfg)
{
    const char *path = o->inputs[i];
    unsigned char *data = NULL;
    size_t len = 0;
    int rc;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    rc = samlcheck_input_read_file(&data, &len, path, o->check.max_input_bytes, &err);
    if (rc == SAMLCHECK_READ_UNREADABLE || rc == SAMLCHECK_READ_TOO_LARGE) {
        samlcheck_report *r = read_failure(path, kind, rc, &err);
        if (!r || push(&s->l, r)) {
            samlcheck_report_free(r);
            slot_fail(s, "samlcheck: out of memory");
        }
        return;
    } else if (rc) {
        slot_fail(s, "samlcheck: out of memory");
        return;
    }
    if (strcmp(path, "-") == 0 && (s->rc = cli_paste_check(o, kind, data, len)) != 0) {
        free(data);
        return;
    }
    if (strcmp(kind, "config") == 0) {
        /* one model from every file: checked together after the loop */
        cfg->names[cfg->n] = path;
        cfg->datas[cfg->n] = data;
        cfg->lens[cfg->n++] = len;
        return;
    } else if (strcmp(kind, "response") == 0) {
        samlcheck_report **rs = NULL;
        size_t n = 0;
        rc = samlcheck_check_response_input(&rs, &n, path, data, len, &o->check, &err);
        /* a report that cannot be kept is an error, never a silent
         * drop (which left "results": [] and exit 0) */
        for (size_t j = 0; j < n && !rc; j++)
            if ((rc = push(&s->l, rs[j])) == 0)
                rs[j] = NULL;
        if (rc == SAMLCHECK_ENOMEM && !err.message[0])
            snprintf(err.message, sizeof err.message, "out of memory");
        samlcheck_reports_free(rs, n);
    } else {
        rc = check_one(o, kind, i, data, len, &s->l, &err);
    }
    free(data);
    if (rc)
        slot_fail(s, "samlcheck: %s: %s", path, err.message[0] ? err.message : "internal error");
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

/* One run of cli_run_checks(): what its steps share. */
typedef struct run_ctx {
    cli_opts *o;
    const char *kind;
    samlcheck_render_options ro;
    char **baseline;
    size_t n_baseline;
    samlcheck_metadata *md;
    samlcheck_keyset *ks;
    samlcheck_policy *pol;
    char *context_buf;
    unsigned char *signer, *enc_cert;
    cfg_batch cfg;
    report_list l; /* reports waiting for flush() */
    settle_ctx fx;
    cli_stream st;
    baseline_out bl;
    int streaming, inited, began;
    FILE *out;
    int status;
    double started;
    int shown; /* the progress line is on the terminal */
} run_ctx;

/* Default input, the config batch, the library, the render options. */
static int run_init(run_ctx *c)
{
    cli_opts *o = c->o;
    if (cli_default_input(o, c->kind))
        return 2;
    if (strcmp(c->kind, "config") == 0) {
        /* `samlcheck config`: every file, read first (freed by run_free) */
        size_t n = o->n_inputs ? o->n_inputs : 1;
        c->cfg.names = calloc(n, sizeof *c->cfg.names);
        c->cfg.datas = calloc(n, sizeof *c->cfg.datas);
        c->cfg.lens = calloc(n, sizeof *c->cfg.lens);
        if (!c->cfg.names || !c->cfg.datas || !c->cfg.lens) {
            fprintf(stderr, "samlcheck: out of memory\n");
            return 2;
        }
    }
    if (samlcheck_global_init()) {
        fprintf(stderr, "samlcheck: cannot initialise libxml2/xmlsec/OpenSSL\n");
        return 2;
    }
    c->inited = 1;
    samlcheck_render_options ro = SAMLCHECK_RENDER_OPTIONS_INIT;
    ro.color = o->color;
    ro.quiet = o->quiet;
    ro.strict = o->strict;
    ro.fail_on = o->fail_on;
    ro.root = o->sarif_root;
    ro.help_uri_base = o->help_uri_base;
    ro.automation_id = o->automation_id;
    c->ro = ro;
    return 0;
}

/* Read a small file named by an option (--metadata-signer,
 * --encryption-cert) whole. */
static int load_small(const char *opt, const char *path, unsigned char **data, size_t *len)
{
    samlcheck_error err;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(data, len, path, 1024 * 1024, &err)) {
        cli_err_line("samlcheck: %s: %s", opt, err.message[0] ? err.message : "cannot read");
        return 2;
    }
    return 0;
}

/* The material every input is checked with, loaded once and shared
 * read-only by the worker threads: the baseline, the context, the trust
 * policy, the metadata, the keys, the signer and encryption certificates. */
static int load_trust(run_ctx *c)
{
    cli_opts *o = c->o;
    int rc;
    if (o->baseline && (rc = load_baseline(o->baseline, &c->baseline, &c->n_baseline)))
        return rc;
    if (o->context_file && (rc = load_context_file(o, &c->context_buf)))
        return rc;
    o->check.context = o->context;
    o->check.n_context = o->n_context;
    if (o->trust_policy && (rc = load_trust_policy(o, &c->pol, &c->l)))
        return rc;
    if (o->metadata && (rc = load_metadata(o, &c->md)))
        return rc;
    if (o->n_keys && (rc = cli_load_keys(o, &c->ks)))
        return rc;
    o->check.metadata = c->md;
    o->check.keys = c->ks;
    if (o->metadata_signer) {
        if (load_small("--metadata-signer", o->metadata_signer, &c->signer,
                       &o->check.metadata_signer_len))
            return 2;
        o->check.metadata_signer = c->signer;
        o->check.metadata_signer_name = o->metadata_signer;
    }
    if (o->encryption_cert) {
        if (load_small("--encryption-cert", o->encryption_cert, &c->enc_cert,
                       &o->check.encryption_cert_len))
            return 2;
        o->check.encryption_cert = c->enc_cert;
        o->check.encryption_cert_name = o->encryption_cert;
    }
    return 0;
}

/* Every format streams: each input rendered as soon as it is checked, in
 * input order (stream.c), so the output file is opened first. */
static int open_output(run_ctx *c)
{
    cli_opts *o = c->o;
    if (o->output && !(c->out = fopen(o->output, "w"))) {
        c->out = stdout;
        cli_err_line("samlcheck: cannot write %s", o->output);
        return 2;
    }
    c->streaming = 1;
    if (cli_stream_begin(&c->st, c->out, o, &c->ro)) {
        fprintf(stderr, "samlcheck: cannot write the report\n");
        return 2;
    }
    c->began = 1;
    if (o->baseline_write && baseline_begin(o, &c->bl))
        return 2;
    settle_ctx fx = {c->baseline, c->n_baseline,
                     0,           sc_render_threshold(&c->ro),
                     &c->st,      o->baseline_write ? &c->bl : NULL};
    c->fx = fx;
    return flush(o, &c->l, &c->fx, &c->status); /* the trust policy's report */
}

/* -j: the worker threads for this run. Without -j, the online cores from
 * CLI_JOBS_AUTO_MIN inputs on, else 1; -j 0 = the online cores; never more
 * than the inputs. config (one model of every input) and standard input
 * (a paste on a terminal talks to the user) run on one thread. */
static unsigned pick_jobs(const cli_opts *o, const char *kind)
{
    if (strcmp(kind, "config") == 0)
        return 1;
    for (size_t i = 0; i < o->n_inputs; i++)
        if (strcmp(o->inputs[i], "-") == 0)
            return 1;
    long j = o->jobs;
    if (j < 0)
        j = o->n_inputs >= CLI_JOBS_AUTO_MIN ? cli_online_cores() : 1;
    else if (j == 0)
        j = cli_online_cores();
    if ((size_t)j > o->n_inputs)
        j = (long)o->n_inputs;
    return j < 1 ? 1u : (unsigned)j;
}

static void work_input(void *vc, size_t i, void *slot)
{
    run_ctx *c = vc;
    check_input(c->o, c->kind, i, slot, &c->cfg);
}

/* On the calling thread, in input order: print the input's message, settle
 * and render its reports. */
static int emit_input(void *vc, size_t i, void *vslot)
{
    run_ctx *c = vc;
    input_slot *s = vslot;
    progress(c->o, (size_t)-1, c->started, &c->shown); /* the report never follows the line */
    if (s->msg)
        cli_err_line("%s", s->msg);
    int rc = s->rc;
    for (size_t j = 0; j < s->l.n && !rc; j++)
        if ((rc = push(&c->l, s->l.v[j])) == 0)
            s->l.v[j] = NULL;
    if (!s->rc && rc) {
        fprintf(stderr, "samlcheck: out of memory\n");
        rc = 2; /* an exit status, not the library's SAMLCHECK_ENOMEM */
    }
    slot_clear(s);
    if (rc || (rc = flush(c->o, &c->l, &c->fx, &c->status)) != 0)
        return rc;
    fflush(c->out);
    progress(c->o, i + 1, c->started, &c->shown);
    return 0;
}

static void drop_input(void *vc, void *slot)
{
    (void)vc;
    slot_clear(slot);
}

/* Check every input (on pick_jobs() threads) and emit each in order. */
static int check_all(run_ctx *c)
{
    c->started = now_ms();
    c->shown = 0;
    int rc = cli_pool_run(c->o->n_inputs, pick_jobs(c->o, c->kind), sizeof(input_slot), work_input,
                          emit_input, drop_input, c);
    progress(c->o, (size_t)-1, c->started, &c->shown);
    return rc;
}

/* `samlcheck config`: the files read by check_all(), checked as one model. */
static int check_config(run_ctx *c)
{
    if (!c->cfg.n)
        return 0;
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc =
        samlcheck_check_config(&rs, &n, c->cfg.names, (const unsigned char *const *)c->cfg.datas,
                               c->cfg.lens, c->cfg.n, &c->o->check, &err);
    for (size_t j = 0; j < n; j++)
        if (!rc && push(&c->l, rs[j]) == 0)
            rs[j] = NULL;
    samlcheck_reports_free(rs, n);
    if (rc) {
        cli_err_line("samlcheck config: %s", err.message[0] ? err.message : "internal error");
        return 2;
    }
    return flush(c->o, &c->l, &c->fx, &c->status);
}

/* The end of the output: the baseline, then the streamed document's end
 * (SARIF's carries the exit status). */
static int finish(run_ctx *c)
{
    cli_opts *o = c->o;
    if (c->fx.dropped)
        cli_err_line("samlcheck: %zu finding%s in the baseline %s not reported", c->fx.dropped,
                     c->fx.dropped == 1 ? "" : "s", o->baseline);
    if (o->baseline_write) {
        /* recording today's findings accepts them: exit 0 unless an input
         * could not be read (2) or the file cannot be written (2) */
        if (baseline_end(o, &c->bl, 1))
            c->status = 2;
        else if (c->status == 1)
            c->status = 0;
    }
    int rc = cli_stream_end(&c->st, c->status);
    if (c->out != stdout && fclose(c->out) != 0)
        rc = SAMLCHECK_EIO;
    c->out = stdout;
    if (rc) {
        fprintf(stderr, "samlcheck: cannot write the report\n");
        return 2;
    }
    return c->status;
}

static void run_free(run_ctx *c)
{
    baseline_end(c->o, &c->bl, 0);
    if (c->streaming)
        cli_stream_free(&c->st);
    if (c->out && c->out != stdout)
        fclose(c->out);
    free_baseline(c->baseline, c->n_baseline);
    for (size_t i = 0; i < c->cfg.n; i++)
        free(c->cfg.datas[i]);
    free(c->cfg.names);
    free(c->cfg.datas);
    free(c->cfg.lens);
    samlcheck_reports_free(c->l.v, c->l.n);
    samlcheck_metadata_free(c->md);
    samlcheck_keyset_free(c->ks);
    samlcheck_policy_free(c->pol);
    free(c->context_buf);
    free(c->signer);
    free(c->enc_cert);
    if (c->inited)
        samlcheck_global_cleanup();
}

int cli_run_checks(cli_opts *o, const char *kind)
{
    run_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    c.kind = kind;
    c.out = stdout;
    int rc = run_init(&c);
    if (!rc)
        rc = load_trust(&c);
    if (!rc)
        rc = open_output(&c);
    if (!rc)
        rc = check_all(&c);
    if (!rc)
        rc = check_config(&c);
    if (!rc) {
        rc = finish(&c);
    } else {
        c.status = rc;
        /* a run stopped after some inputs: their reports in a document
         * that is still whole (the exit status 2 in SARIF's invocation);
         * text ends without the totals line */
        if (c.began && o->format != CLI_FMT_TEXT)
            (void)cli_stream_end(&c.st, rc);
    }
    run_free(&c);
    return rc ? rc : c.status;
}
