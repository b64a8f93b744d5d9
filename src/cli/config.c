/* The configuration file, .samlcheck.yml (docs/ci.md): found by walking up
 * from the working directory (or named with --config FILE; --no-config
 * skips it). Every top-level key is a long option whose value becomes the
 * default the command line overrides ("fail-on: warning" = --fail-on
 * warning; a list repeats the option; "strict: true" = --strict); relative
 * paths are relative to the file's directory. `ignore` takes entries of
 * rule-ID globs with optional path globs and a mandatory reason.
 * The file is untrusted input too: at most 64 KiB, 4096 nodes, nesting 6
 * deep, one document, and no aliases (no alias bombs). */
#include "cli.h"
#include "../base/base.h"
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define CFG_MAX_BYTES (64 * 1024)
#define CFG_MAX_NODES 4096
#define CFG_MAX_DEPTH 6

typedef struct ynode {
    char type; /* 'm' mapping (kids: key, value, ...), 's' sequence, 'v' scalar */
    int plain; /* scalar: plain style (so true/false are booleans) */
    int line;  /* 1-based */
    char *val; /* scalar text */
    struct ynode **kids;
    size_t n;
} ynode;

typedef struct cfg {
    const char *file;
    yaml_parser_t p;
    size_t nodes;
    char err[256];
    int err_line;
} cfg;

static void node_free(ynode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++)
        node_free(n->kids[i]);
    free(n->kids);
    free(n->val);
    free(n);
}

static int fail(cfg *c, int line, const char *msg)
{
    if (!c->err[0]) {
        snprintf(c->err, sizeof c->err, "%s", msg);
        c->err_line = line;
    }
    return -1;
}

/* Read the node that starts with event @p ev (consumed). */
static ynode *parse_node(cfg *c, yaml_event_t *ev, int depth)
{
    int line = (int)ev->start_mark.line + 1;
    if (++c->nodes > CFG_MAX_NODES) {
        fail(c, line, "too many entries (at most 4096)");
        return NULL;
    }
    if (ev->type == YAML_ALIAS_EVENT) {
        fail(c, line, "aliases (*name) are not supported");
        return NULL;
    }
    ynode *n = calloc(1, sizeof *n);
    if (!n) {
        fail(c, line, "out of memory");
        return NULL;
    }
    n->line = line;
    if (ev->type == YAML_SCALAR_EVENT) {
        n->type = 'v';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        n->val = sc_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        if (!n->val || strlen(n->val) != ev->data.scalar.length) {
            fail(c, line, n->val ? "a value holds a NUL character" : "out of memory");
            node_free(n);
            return NULL;
        }
        return n;
    }
    if (ev->type != YAML_MAPPING_START_EVENT && ev->type != YAML_SEQUENCE_START_EVENT) {
        fail(c, line, "unexpected YAML structure");
        node_free(n);
        return NULL;
    }
    if (depth >= CFG_MAX_DEPTH) {
        fail(c, line, "nested too deep (at most 6 levels)");
        node_free(n);
        return NULL;
    }
    n->type = ev->type == YAML_MAPPING_START_EVENT ? 'm' : 's';
    yaml_event_type_t end = n->type == 'm' ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&c->p, &e)) {
            fail(c, (int)c->p.problem_mark.line + 1,
                 c->p.problem ? c->p.problem : "not valid YAML");
            node_free(n);
            return NULL;
        }
        if (e.type == end) {
            yaml_event_delete(&e);
            break;
        }
        ynode *k = parse_node(c, &e, depth + 1);
        yaml_event_delete(&e);
        ynode **nk = k ? realloc(n->kids, (n->n + 1) * sizeof *nk) : NULL;
        if (!nk) {
            if (k)
                fail(c, line, "out of memory");
            node_free(k);
            node_free(n);
            return NULL;
        }
        n->kids = nk;
        n->kids[n->n++] = k;
    }
    if (n->type == 'm')
        for (size_t i = 0; i < n->n; i += 2)
            if (n->kids[i]->type != 'v') {
                fail(c, n->kids[i]->line, "a key must be a plain name");
                node_free(n);
                return NULL;
            }
    return n;
}

/* The whole document; NULL with c->err set. An empty file is an empty
 * mapping. */
static ynode *parse_doc(cfg *c, const unsigned char *data, size_t len)
{
    ynode *root = NULL;
    int docs = 0;
    if (!yaml_parser_initialize(&c->p)) {
        fail(c, 0, "out of memory");
        return NULL;
    }
    yaml_parser_set_input_string(&c->p, data, len);
    for (;;) {
        yaml_event_t e;
        if (!yaml_parser_parse(&c->p, &e)) {
            fail(c, (int)c->p.problem_mark.line + 1,
                 c->p.problem ? c->p.problem : "not valid YAML");
            break;
        }
        yaml_event_type_t t = e.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&e);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
            fail(c, (int)e.start_mark.line + 1, "more than one YAML document");
            yaml_event_delete(&e);
            break;
        }
        if (t == YAML_MAPPING_START_EVENT || t == YAML_SEQUENCE_START_EVENT ||
            t == YAML_SCALAR_EVENT || t == YAML_ALIAS_EVENT) {
            ynode *n = parse_node(c, &e, 0);
            yaml_event_delete(&e);
            if (!n)
                break;
            if (n->type != 'm' && !(n->type == 'v' && n->val[0] == '\0')) {
                fail(c, n->line, "the file must be a mapping of option names to values");
                node_free(n);
                break;
            }
            node_free(root);
            root = n;
            continue;
        }
        yaml_event_delete(&e);
    }
    yaml_parser_delete(&c->p);
    if (c->err[0]) {
        node_free(root);
        return NULL;
    }
    if (root && root->type == 'v') { /* an empty document */
        root->type = 'm';
    }
    if (!root && !(root = calloc(1, sizeof *root)))
        fail(c, 0, "out of memory");
    else
        root->type = 'm';
    return root;
}

static int is_bool(const ynode *v, int *out)
{
    static const char *const t[] = {"true", "yes", "on"}, *const f[] = {"false", "no", "off"};
    if (v->type != 'v' || !v->plain)
        return 0;
    for (int i = 0; i < 3; i++) {
        if (sc_str_ieq(v->val, t[i]))
            return *out = 1, 1;
        if (sc_str_ieq(v->val, f[i]))
            return *out = 0, 1;
    }
    return 0;
}

static int path_key(const char *k)
{
    static const char *const keys[] = {
        "metadata", "key",    "trust-policy", "metadata-signer", "encryption-cert",
        "cert",     "output", "baseline",     "baseline-write",  "sarif-root"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(k, keys[i]))
            return 1;
    return 0;
}

/* Join @p p to the configuration's directory unless absolute. Owned. */
static const char *rel(cli_opts *o, const char *dir, const char *p)
{
    if (p[0] == '/' || !dir || !strcmp(dir, "."))
        return cli_own(o, sc_strdup(p));
    return cli_own(o, sc_asprintf("%s/%s", dir, p));
}

static int where(cfg *c, int line)
{
    cli_err_line("samlcheck: %s:%d: %s", c->file, line, c->err);
    return 2;
}

/* One option from the file: "--key" or "--key=value". */
static int apply_opt(cli_opts *o, cfg *c, const char *dir, const char *key, const ynode *v,
                     const char *cmd)
{
    int b;
    char *arg;
    if (v->type != 'v') {
        snprintf(c->err, sizeof c->err, "'%s' takes a value or a list of values", key);
        return where(c, v->line);
    }
    if (!v->val[0]) {
        snprintf(c->err, sizeof c->err, "'%s' needs a value", key);
        return where(c, v->line);
    }
    if (is_bool(v, &b)) {
        if (!b && strcmp(key, "color"))
            return 0;
        arg = sc_asprintf("--%s%s", b ? "" : "no-", key);
    } else {
        const char *val = path_key(key) ? rel(o, dir, v->val) : v->val;
        arg = val ? sc_asprintf("--%s=%s", key, val) : NULL;
    }
    if (!cli_own(o, arg)) {
        fprintf(stderr, "samlcheck: out of memory\n");
        return 2;
    }
    o->in_config = 1;
    int rc = cli_parse_args(o, 1, &arg, cmd);
    o->in_config = 0;
    if (rc) {
        snprintf(c->err, sizeof c->err, "in option '%s' of the configuration file", key);
        return where(c, v->line);
    }
    return 0;
}

static int rule_glob_ok(const char *g)
{
    for (size_t k = 0; k < samlcheck_rules_count(); k++)
        if (fnmatch(g, samlcheck_rules_at(k)->id, 0) == 0)
            return 1;
    return 0;
}

/* ignore: [{rule: GLOB|[GLOB...], path(s): GLOB|[GLOB...], reason: TEXT}] */
static int apply_ignore(cli_opts *o, cfg *c, const char *dir, const ynode *list)
{
    if (list->type != 's') {
        snprintf(c->err, sizeof c->err,
                 "'ignore' is a list of entries {rule: GLOB, path: GLOB, reason: TEXT}");
        return where(c, list->line);
    }
    for (size_t i = 0; i < list->n; i++) {
        const ynode *e = list->kids[i], *rules = NULL, *paths = NULL, *reason = NULL;
        if (e->type != 'm') {
            snprintf(c->err, sizeof c->err,
                     "an ignore entry is {rule: GLOB, path: GLOB, reason: TEXT}; the reason is "
                     "mandatory");
            return where(c, e->line);
        }
        for (size_t k = 0; k < e->n; k += 2) {
            const char *kn = e->kids[k]->val;
            const ynode *kv = e->kids[k + 1];
            if (!strcmp(kn, "rule") || !strcmp(kn, "rules"))
                rules = kv;
            else if (!strcmp(kn, "path") || !strcmp(kn, "paths"))
                paths = kv;
            else if (!strcmp(kn, "reason"))
                reason = kv;
            else {
                snprintf(c->err, sizeof c->err, "unknown key '%.64s' in an ignore entry", kn);
                return where(c, e->kids[k]->line);
            }
        }
        if (!rules || !reason || reason->type != 'v' || !reason->val[0]) {
            snprintf(c->err, sizeof c->err, "an ignore entry needs %s",
                     !rules ? "'rule'" : "a non-empty 'reason'");
            return where(c, e->line);
        }
        size_t nr = rules->type == 'v' ? 1 : rules->n;
        size_t np = !paths ? 1 : paths->type == 'v' ? 1 : paths->n;
        for (size_t r = 0; r < nr; r++) {
            const ynode *rv = rules->type == 'v' ? rules : rules->kids[r];
            if (rv->type != 'v' || !rule_glob_ok(rv->val)) {
                snprintf(c->err, sizeof c->err, "ignore: '%.64s' names no rule",
                         rv->type == 'v' ? rv->val : "(a list)");
                return where(c, rv->line);
            }
            for (size_t q = 0; q < np; q++) {
                const ynode *pv = !paths ? NULL : paths->type == 'v' ? paths : paths->kids[q];
                if (pv && pv->type != 'v') {
                    snprintf(c->err, sizeof c->err, "ignore: a path is a glob string");
                    return where(c, pv->line);
                }
                if (o->n_cfg_ignore >= CLI_MAX_IGNORE) {
                    snprintf(c->err, sizeof c->err, "more than %d ignore rules", CLI_MAX_IGNORE);
                    return where(c, e->line);
                }
                cli_ignore *ig = &o->cfg_ignore[o->n_cfg_ignore++];
                ig->rule = cli_own(o, sc_strdup(rv->val));
                ig->path = pv ? cli_own(o, sc_strdup(pv->val)) : NULL;
                ig->reason = cli_own(o, sc_strdup(reason->val));
                ig->base = cli_own(o, sc_strdup(dir ? dir : "."));
                if (!ig->rule || (pv && !ig->path) || !ig->reason || !ig->base) {
                    fprintf(stderr, "samlcheck: out of memory\n");
                    return 2;
                }
            }
        }
    }
    return 0;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Walk up from the working directory. Owned path or NULL. */
static char *find_config(cli_opts *o)
{
    char *dir = getcwd(NULL, 0);
    while (dir) {
        static const char *const names[] = {".samlcheck.yml", ".samlcheck.yaml"};
        for (int i = 0; i < 2; i++) {
            char *p = sc_asprintf("%s%s%s", dir, strcmp(dir, "/") ? "/" : "", names[i]);
            if (p && is_file(p)) {
                free(dir);
                return cli_own(o, p);
            }
            free(p);
        }
        char *slash = strrchr(dir, '/');
        if (!slash || !strcmp(dir, "/"))
            break;
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    free(dir);
    return NULL;
}

int cli_config_apply(cli_opts *o, const char *path, const char *cmd)
{
    cfg c;
    memset(&c, 0, sizeof c);
    if (!path && !(path = find_config(o)))
        return 0;
    c.file = path;
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, &len, path, CFG_MAX_BYTES, &err)) {
        cli_err_line("samlcheck: configuration %s: %s", path,
                     err.message[0] ? err.message : "cannot read");
        return 2;
    }
    ynode *root = parse_doc(&c, data, len);
    free(data);
    if (!root)
        return where(&c, c.err_line);
    o->config_file = path;
    const char *slash = strrchr(path, '/');
    const char *dir =
        slash ? cli_own(o, sc_strndup(path, slash == path ? 1 : (size_t)(slash - path))) : ".";
    int rc = dir ? 0 : 2;
    for (size_t i = 0; i < root->n && !rc; i += 2) {
        const char *key = root->kids[i]->val;
        const ynode *v = root->kids[i + 1];
        int ok = key[0] != '\0';
        for (const char *k = key; *k && ok; k++)
            ok = (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') || *k == '-';
        if (!ok || !strcmp(key, "config") || !strcmp(key, "no-config")) {
            snprintf(c.err, sizeof c.err, "'%.64s' is not a configuration key", key);
            rc = where(&c, root->kids[i]->line);
        } else if (!strcmp(key, "ignore"))
            rc = apply_ignore(o, &c, dir, v);
        else if (v->type == 's')
            for (size_t k = 0; k < v->n && !rc; k++)
                rc = apply_opt(o, &c, dir, key, v->kids[k], cmd);
        else
            rc = apply_opt(o, &c, dir, key, v, cmd);
    }
    node_free(root);
    return rc;
}
