/* Command-line options shared by every command (CLI.md). */
#include "cli.h"
#include "../base/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fnmatch.h>

void cli_usage(FILE *fp)
{
    fputs("usage: samlcheck COMMAND [OPTIONS] INPUT...\n"
          "\n"
          "Commands:\n"
          "  metadata FILE...        IdP metadata as it would be uploaded to IAM\n"
          "  response INPUT...       a SAML response: raw XML, base64, URL-encoded POST body,\n"
          "                          a HAR capture or a SAML-tracer export ('-' = stdin)\n"
          "  key PEM...              private decryption key(s) as uploaded to IAM\n"
          "  policy JSON...          a role trust policy, or aws iam get-role / list-roles output\n"
          "  show INPUT              decode and print a response, lines numbered (no verdict)\n"
          "  explain RULE|TEXT       a rule, or the rules behind an AWS error message\n"
          "  --list-rules            list every rule ID with its severity\n"
          "  --version               print the version\n"
          "\n"
          "Options:\n"
          "  --metadata FILE         IdP metadata the response is checked against\n"
          "  --key PEM               private key for EncryptedAssertion (repeatable)\n"
          "  --provider-arn ARN      the IAM SAML provider the response is posted for\n"
          "  --role-arn ARN          the role the user picks\n"
          "  --trust-policy FILE     the chosen role's trust policy (or get-role / list-roles\n"
          "                          output), evaluated against the response as STS does\n"
          "  --context KEY=VALUE     a condition key the inputs cannot supply (repeatable;\n"
          "                          @FILE reads KEY=VALUE lines)\n"
          "  --trust-policy-quota N  the account's role trust policy length quota\n"
          "  --metadata-signer PEM   certificate that must verify the metadata's signature\n"
          "  --max-session-duration S  the chosen role's MaxSessionDuration\n"
          "  --duration S            requested DurationSeconds\n"
          "  --now TIME              judge times as of this instant (RFC 3339); default: a HAR\n"
          "                          response at its request time, anything else at the clock\n"
          "  --clock-skew S          tolerance for time checks in seconds (default 0)\n"
          "  --cert-warn-days N      metadata/cert-expiring window (default 30)\n"
          "  --input-format F        auto|xml|base64|form|har|tracer (default auto)\n"
          "  --har-entry N           check only HAR entry N (1-based)\n"
          "  --aws-sp-entity-id ID   an extra accepted Audience value\n"
          "  --encryption-mode M     the provider's AssertionEncryptionMode (Required|Allowed)\n"
          "  --provider-uuid ID      the provider's SAMLProviderUUID (the IdP-ID of /saml/acs/)\n"
          "  --encryption-cert PEM   the certificate the IdP encrypts to (key command)\n"
          "  --max-input-bytes N     input size cap (default 16777216)\n"
          "  --limit-depth N, --limit-elements N, --limit-attributes N, --limit-value-bytes N,\n"
          "  --limit-signatures N, --limit-saml-attributes N, --limit-values N,\n"
          "  --limit-response-bytes N\n"
          "  --ignore RULES          drop findings: rule IDs or globs, comma-separated\n"
          "  --strict                warnings count as errors (= --fail-on warning)\n"
          "  --fail-on LEVEL         error|warning|info|never: what makes the exit status 1\n"
          "  --format text|json|sarif|github|gitlab|junit|ndjson  output format (default text)\n"
          "  --config FILE, --no-config  the configuration file (default: .samlcheck.yml,\n"
          "                          found walking up from the working directory)\n"
          "  --baseline FILE         report only findings not recorded in FILE\n"
          "  --baseline-write FILE   record today's findings in FILE (exit 0)\n"
          "  --sarif-root DIR        CI paths are relative to DIR (default: working dir)\n"
          "  --help-uri-base URL     SARIF helpUri of each rule: URL#anchor\n"
          "  --automation-id ID      SARIF runs[].automationDetails.id\n"
          "  -o FILE                 write the report to FILE\n"
          "  -r, --recursive         a directory names every file under it (sorted)\n"
          "  --include GLOB          -r: only files whose name matches (repeatable)\n"
          "  --exclude GLOB          -r: skip files and directories that match (repeatable)\n"
          "  --files-from FILE       read input names from FILE, one a line ('-' = stdin)\n"
          "  -0, --null              --files-from names are NUL-separated\n"
          "  -j, --jobs N            check on N threads (0 = the cores; default: the cores\n"
          "                          from 8 inputs on, else 1); output order unchanged\n"
          "  --progress, --no-progress  text: a progress line on stderr for runs over a\n"
          "                          second (default: when stderr is a terminal)\n"
          "  -q, --quiet             text: diagnostics and the totals line only\n"
          "  --wide                  text: tables as wide as they need (default: fit 100 columns)\n"
          "  --redact                replace personal values (NameID, session name, e-mail,\n"
          "                          tags, capture query strings) with short stable hashes\n"
          "  --color, --no-color     force colours on or off (NO_COLOR is honoured)\n"
          "\n"
          "Exit status: 0 no error findings, 1 error findings, 2 usage error or an\n"
          "input that cannot be read or decoded.\n",
          fp);
}

static int bad(const char *cmd, const char *msg, const char *arg)
{
    cli_err_line("samlcheck %s: %s%s%s", cmd, msg, arg ? ": " : "", arg ? arg : "");
    if (arg && !strcmp(msg, "unknown option"))
        cli_did_you_mean(stderr, arg, CLI_WORDS_OPTIONS);
    else if (arg && !strcmp(msg, "--ignore names no rule"))
        cli_did_you_mean(stderr, arg, CLI_WORDS_RULES);
    fprintf(stderr, "Try 'samlcheck %s --help'.\n", cmd);
    return 2;
}

/* Which commands use each option (CLI.md: every option a command accepts
 * is used by it; any other is refused with exit 2). The common output
 * options and --now are accepted by every checking command. */
#define CHECKING "metadata response key policy config"
static const struct {
    const char *opt;
    const char *cmds;
} option_use[] = {
    {"--format", CHECKING},
    {"--ignore", CHECKING},
    {"--strict", CHECKING},
    {"-q", CHECKING},
    {"--quiet", CHECKING},
    {"--color", CHECKING},
    {"--colour", CHECKING},
    {"--no-color", CHECKING},
    {"--no-colour", CHECKING},
    {"--now", CHECKING},
    {"-o", CHECKING " show"},
    {"--output", CHECKING " show"},
    {"--max-input-bytes", CHECKING " show"},
    {"-r", CHECKING},
    {"--recursive", CHECKING},
    {"--include", CHECKING},
    {"--exclude", CHECKING},
    {"--files-from", CHECKING},
    {"-0", CHECKING},
    {"--null", CHECKING},
    {"-j", "metadata response key policy"}, /* config: one model, one thread */
    {"--jobs", "metadata response key policy"},
    {"--progress", CHECKING},
    {"--no-progress", CHECKING},
    {"--metadata", "response key"},
    {"--key", "response show config"},
    {"--redact", CHECKING " show"},
    {"--wide", CHECKING},
    {"--trust-policy", "response"},
    {"--context", "response config"},
    {"--trust-policy-quota", "response policy config"},
    {"--metadata-signer", "metadata"},
    {"--encryption-cert", "key"},
    {"--cert", "key"},
    {"--provider-arn", "response config"},
    {"--role-arn", "response config"},
    {"--encryption-mode", "response"},
    {"--provider-uuid", "response"},
    {"--aws-sp-entity-id", "response config"},
    {"--clock-skew", "metadata response config"},
    {"--cert-warn-days", "metadata config"},
    {"--max-session-duration", "response"},
    {"--duration", "response"},
    {"--har-entry", "response show"},
    {"--input-format", "response show"},
    {"--limit-depth", "metadata response show config"},
    {"--limit-elements", "metadata response show config"},
    {"--limit-attributes", "metadata response show config"},
    {"--limit-value-bytes", "metadata response show config"},
    {"--limit-signatures", "metadata response config"},
    {"--limit-saml-attributes", "response config"},
    {"--limit-values", "response config"},
    {"--limit-response-bytes", "response config"},
    {"--fail-on", CHECKING},
    {"--config", CHECKING},
    {"--no-config", CHECKING},
    {"--baseline", CHECKING},
    {"--baseline-write", CHECKING},
    {"--sarif-root", CHECKING},
    {"--help-uri-base", CHECKING},
    {"--automation-id", CHECKING},
};

/* NULL when @p cmd uses option @p opt (or the option is unknown: the
 * parser reports that), else the usage message. */
static const char *refused(const char *cmd, const char *opt)
{
    for (size_t i = 0; i < sizeof option_use / sizeof option_use[0]; i++) {
        if (strcmp(option_use[i].opt, opt) != 0)
            continue;
        size_t l = strlen(cmd);
        for (const char *p = option_use[i].cmds; (p = strstr(p, cmd)) != NULL; p += l)
            if ((p == option_use[i].cmds || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0'))
                return NULL;
        return "this command does not use the option (see 'samlcheck --help')";
    }
    return NULL;
}

static int num(const char *cmd, const char *opt, const char *v, long long lo, long long hi,
               long long *out)
{
    long long x;
    if (sc_str_to_ll(v, &x) || x < lo || x > hi) {
        cli_err_line("samlcheck %s: %s needs a whole number from %lld to %lld, not '%s'", cmd, opt,
                     lo, hi, v);
        return 2;
    }
    *out = x;
    return 0;
}

int cli_add_input(cli_opts *o, const char *path)
{
    if (o->n_inputs == o->cap_inputs) {
        size_t c = o->cap_inputs ? o->cap_inputs * 2 : 16;
        const char **nv = realloc(o->inputs, c * sizeof *nv);
        if (!nv)
            return -1;
        o->inputs = nv;
        o->cap_inputs = c;
    }
    o->inputs[o->n_inputs++] = path;
    return 0;
}

/* Split an --ignore value at commas; every piece must be a rule-ID glob
 * that matches at least one rule. Returns 0 or 2. */
static int check_ignore(const char *cmd, const char *v)
{
    for (const char *p = v;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char pat[128];
        int hit = 0;
        if (len == 0 || len >= sizeof pat)
            return bad(cmd, "--ignore takes rule IDs or globs separated by commas", v);
        memcpy(pat, p, len);
        pat[len] = '\0';
        for (size_t k = 0; k < samlcheck_rules_count() && !hit; k++)
            hit = fnmatch(pat, samlcheck_rules_at(k)->id, 0) == 0;
        if (!hit)
            return bad(cmd, "--ignore names no rule", pat);
        if (!e)
            return 0;
        p = e + 1;
    }
}

void cli_opts_free(cli_opts *o)
{
    for (size_t i = 0; i < o->n_owned; i++)
        free(o->owned[i]);
    free(o->owned);
    free(o->inputs);
    o->owned = NULL;
    o->inputs = NULL;
    o->n_owned = o->cap_owned = o->n_inputs = o->cap_inputs = 0;
}

char *cli_own(cli_opts *o, char *s)
{
    if (!s)
        return NULL;
    if (o->n_owned == o->cap_owned) {
        size_t c = o->cap_owned ? o->cap_owned * 2 : 16;
        char **nv = realloc(o->owned, c * sizeof *nv);
        if (!nv) {
            free(s);
            return NULL;
        }
        o->owned = nv;
        o->cap_owned = c;
    }
    o->owned[o->n_owned++] = s;
    return s;
}

static int parse(cli_opts *o, int argc, char **argv, const char *cmd);

int cli_parse(cli_opts *o, int argc, char **argv, const char *cmd)
{
    int rc = parse(o, argc, argv, cmd);
    if (!rc)
        rc = cli_expand_inputs(o, cmd);
    if (rc)
        cli_opts_free(o);
    return rc;
}

static int parse(cli_opts *o, int argc, char **argv, const char *cmd)
{
    samlcheck_options dflt = SAMLCHECK_OPTIONS_INIT;
    memset(o, 0, sizeof *o);
    o->check = dflt;
    o->color = -1;
    o->jobs = -1; /* automatic (run.c pick_jobs) */
    o->progress = -1;
    /* The configuration file first: its values are defaults that the
     * command line overrides. `show` reads none. */
    const char *cfg = NULL;
    int no_cfg = strcmp(cmd, "show") == 0;
    for (int i = 0; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "--no-config"))
            no_cfg = 1;
        else if (!strcmp(argv[i], "--config") && i + 1 < argc)
            cfg = argv[++i];
        else if (sc_str_starts(argv[i], "--config="))
            cfg = argv[i] + 9;
    }
    if (!no_cfg && cli_config_apply(o, cfg, cmd))
        return 2;
    int rc = cli_parse_args(o, argc, argv, cmd);
    if (rc)
        return rc;
    if (o->progress == 1 && o->format != CLI_FMT_TEXT)
        return bad(cmd, "--progress is for text output (never in a machine format)", NULL);
    if (o->progress < 0)
        o->progress = o->format == CLI_FMT_TEXT && isatty(2) && (o->output || !isatty(1));
    if ((o->n_include || o->n_exclude) && !o->recursive)
        return bad(cmd, "--include and --exclude select files under a directory: add -r", NULL);
    /* without --now, check.now stays 0: the library judges each capture as
     * of its own time and anything else as of the system clock */
    if (o->color < 0) {
        const char *nc = getenv("NO_COLOR");
        o->color = (!nc || !*nc) && !o->output && o->format == CLI_FMT_TEXT && isatty(1);
    }
    return 0;
}

/* One option being parsed: its name (the part before '=' of --opt=value),
 * its value once taken, and where argv is. */
typedef struct opt_arg {
    const char *cmd, *a, *v;
    int argc, *i;
    char **argv;
} opt_arg;

/* Take the option's value (--opt=value, or the next word). 0, or 2 after
 * a message. */
static int value(opt_arg *p)
{
    if (p->v)
        return 0;
    if (*p->i + 1 >= p->argc)
        return bad(p->cmd, "option needs a value", p->a);
    p->v = p->argv[++*p->i];
    return 0;
}

#define FLAG(s) (strcmp(p->a, s) == 0)
#define VALUE()                                                                                    \
    do {                                                                                           \
        if (value(p))                                                                              \
            return 2;                                                                              \
        v = p->v;                                                                                  \
    } while (0)
/* Each parse_* step: 0 = the option was taken, 2 = a usage error (after a
 * message), -1 = not an option of this step. */

/* Output, findings and CI options. */
static int parse_output(cli_opts *o, opt_arg *p)
{
    const char *cmd = p->cmd, *a = p->a, *v = p->v;
    if (FLAG("--strict")) {
        o->strict = 1;
        o->fail_on = 2;
    } else if (FLAG("--fail-on")) {
        VALUE();
        static const char *const lv[] = {"info", "warning", "error", "never"};
        int k = 0;
        while (k < 4 && strcmp(v, lv[k]))
            k++;
        if (k == 4)
            return bad(cmd, "--fail-on is error, warning, info or never", v);
        o->fail_on = k + 1;
        o->strict = k == 1;
    } else if (FLAG("--config") || FLAG("--no-config")) {
        if (o->in_config || !strcmp(cmd, "show"))
            return bad(cmd,
                       o->in_config ? "the configuration file cannot name another"
                                    : "show reads no configuration file",
                       a);
        if (FLAG("--config"))
            VALUE(); /* applied before the other options (cli_parse) */
    } else if (FLAG("--sarif-root") || FLAG("--help-uri-base") || FLAG("--automation-id") ||
               FLAG("--baseline") || FLAG("--baseline-write")) {
        VALUE();
        if (FLAG("--help-uri-base") && !sc_str_starts(v, "https://") &&
            !sc_str_starts(v, "http://"))
            return bad(cmd, "--help-uri-base needs an absolute http(s) URL", v);
        *(FLAG("--sarif-root")      ? &o->sarif_root
          : FLAG("--help-uri-base") ? &o->help_uri_base
          : FLAG("--automation-id") ? &o->automation_id
          : FLAG("--baseline")      ? &o->baseline
                                    : &o->baseline_write) = v;
    } else if (FLAG("-q") || FLAG("--quiet")) {
        o->quiet = 1;
    } else if (FLAG("--redact")) {
        o->redact = 1;
    } else if (FLAG("--wide")) {
        o->wide = 1;
    } else if (FLAG("--color") || FLAG("--colour")) {
        o->color = 1;
    } else if (FLAG("--no-color") || FLAG("--no-colour")) {
        o->color = 0;
    } else if (FLAG("--format")) {
        VALUE();
        static const char *const names[] = {"text",   "json",  "sarif", "github",
                                            "gitlab", "junit", "ndjson"};
        static const cli_format fmts[] = {CLI_FMT_TEXT,   CLI_FMT_JSON,   CLI_FMT_SARIF,
                                          CLI_FMT_GITHUB, CLI_FMT_GITLAB, CLI_FMT_JUNIT,
                                          CLI_FMT_NDJSON};
        size_t k = 0;
        while (k < 7 && strcmp(v, names[k]))
            k++;
        if (k == 7)
            return bad(cmd, "unknown --format (text json sarif github gitlab junit ndjson)", v);
        o->format = fmts[k];
    } else if (FLAG("-o") || FLAG("--output")) {
        VALUE();
        o->output = v;
    } else if (FLAG("--ignore")) {
        VALUE();
        if (check_ignore(cmd, v))
            return 2;
        if (o->n_ignore >= CLI_MAX_LIST)
            return bad(cmd, "too many --ignore", NULL);
        o->ignore[o->n_ignore++] = v;
    } else {
        return -1;
    }
    return 0;
}

/* Batch options: which inputs, how many threads, progress. */
static int parse_batch(cli_opts *o, opt_arg *p)
{
    const char *cmd = p->cmd, *a = p->a, *v = p->v;
    long long x;
    if (FLAG("-r") || FLAG("--recursive")) {
        o->recursive = 1;
    } else if (FLAG("--progress")) {
        o->progress = 1;
    } else if (FLAG("--no-progress")) {
        o->progress = 0;
    } else if (FLAG("-0") || FLAG("--null")) {
        o->null_sep = 1;
    } else if (FLAG("--include") || FLAG("--exclude")) {
        VALUE();
        int inc = FLAG("--include");
        size_t *n = inc ? &o->n_include : &o->n_exclude;
        if (!*v)
            return bad(cmd, "an empty glob matches nothing", a);
        if (*n >= CLI_MAX_LIST)
            return bad(cmd, inc ? "too many --include" : "too many --exclude", NULL);
        (inc ? o->include : o->exclude)[(*n)++] = v;
    } else if (FLAG("--files-from")) {
        VALUE();
        if (o->n_files_from >= CLI_MAX_LIST)
            return bad(cmd, "too many --files-from", NULL);
        o->files_from[o->n_files_from++] = v;
    } else if (FLAG("-j") || FLAG("--jobs")) {
        VALUE();
        if (num(cmd, a, v, 0, CLI_JOBS_MAX, &x))
            return 2;
        o->jobs = (long)x;
    } else {
        return -1;
    }
    return 0;
}

/* What the inputs are checked against: trust material, AWS settings. */
static int parse_trust(cli_opts *o, opt_arg *p)
{
    const char *cmd = p->cmd, *v = p->v;
    if (FLAG("--metadata")) {
        VALUE();
        o->metadata = v;
    } else if (FLAG("--key")) {
        VALUE();
        if (o->n_keys >= CLI_MAX_LIST)
            return bad(cmd, "too many --key", NULL);
        o->keys[o->n_keys++] = v;
    } else if (FLAG("--trust-policy")) {
        VALUE();
        o->trust_policy = v;
    } else if (FLAG("--context")) {
        VALUE();
        if (v[0] == '@') {
            o->context_file = v + 1;
        } else {
            const char *q = strchr(v, '=');
            if (!q || q == v || !strchr(v, ':') || strchr(v, ':') > q)
                return bad(cmd,
                           "--context needs KEY=VALUE with a service:key name, such as "
                           "aws:SourceIp=192.0.2.1 (or @FILE)",
                           v);
            if (o->n_context >= CLI_MAX_LIST)
                return bad(cmd, "too many --context", NULL);
            o->context[o->n_context++] = v;
        }
    } else if (FLAG("--metadata-signer")) {
        VALUE();
        o->metadata_signer = v;
    } else if (FLAG("--encryption-cert") || FLAG("--cert")) {
        VALUE();
        o->encryption_cert = v;
    } else if (FLAG("--provider-arn")) {
        VALUE();
        o->check.provider_arn = v;
    } else if (FLAG("--role-arn")) {
        VALUE();
        o->check.role_arn = v;
    } else if (FLAG("--encryption-mode")) {
        VALUE();
        if (strcmp(v, "Required") && strcmp(v, "Allowed"))
            return bad(cmd, "--encryption-mode is Required or Allowed (case-sensitive)", v);
        o->check.encryption_mode = v;
    } else if (FLAG("--provider-uuid")) {
        VALUE();
        o->check.provider_uuid = v;
    } else if (FLAG("--aws-sp-entity-id")) {
        VALUE();
        o->check.aws_sp_entity_id = v;
    } else {
        return -1;
    }
    return 0;
}

/* Numbers and times: --now, durations, quotas. */
static int parse_numbers(cli_opts *o, opt_arg *p)
{
    static const struct {
        const char *opt;
        long long lo, hi;
    } range[] = {{"--trust-policy-quota", 1, 131072}, {"--clock-skew", 0, 86400 * 365},
                 {"--cert-warn-days", 0, 36500},      {"--max-session-duration", 0, 1000000000},
                 {"--duration", 0, 1000000000},       {"--har-entry", 1, 1000000},
                 {"--max-input-bytes", 1, 1LL << 40}};
    const char *cmd = p->cmd, *a = p->a, *v = p->v;
    long long x;
    if (FLAG("--now")) {
        VALUE();
        long long t;
        int off, nz;
        if (sc_time_parse(v, &t, &off, &nz) || nz)
            return bad(cmd, "--now needs an RFC 3339 time such as 2024-01-01T00:00:00Z", v);
        o->check.now = t;
        o->have_now = 1;
        return 0;
    }
    size_t k = 0;
    while (k < sizeof range / sizeof range[0] && !FLAG(range[k].opt))
        k++;
    if (k == sizeof range / sizeof range[0])
        return -1;
    VALUE();
    if (num(cmd, a, v, range[k].lo, range[k].hi, &x))
        return 2;
    switch (k) {
    case 0: o->check.trust_policy_quota = (long)x; break;
    case 1: o->check.clock_skew = (long)x; break;
    case 2: o->check.cert_warn_days = (int)x; break;
    case 3: o->check.max_session_duration = (long)x; break;
    case 4: o->check.duration = (long)x; break;
    case 5: o->check.har_entry = (int)x; break;
    default: o->check.max_input_bytes = (size_t)x; break;
    }
    return 0;
}

/* --input-format and the sec/limits bounds. */
static int parse_input(cli_opts *o, opt_arg *p)
{
    const char *cmd = p->cmd, *a = p->a, *v = p->v;
    long long x;
    if (FLAG("--input-format")) {
        VALUE();
        static const char *const names[] = {"auto", "xml",    "base64",     "form",
                                            "har",  "tracer", "saml-tracer"};
        static const samlcheck_input_format fmts[] = {
            SAMLCHECK_INPUT_AUTO,  SAMLCHECK_INPUT_XML, SAMLCHECK_INPUT_BASE64,
            SAMLCHECK_INPUT_FORM,  SAMLCHECK_INPUT_HAR, SAMLCHECK_INPUT_TRACER,
            SAMLCHECK_INPUT_TRACER};
        size_t k = 0;
        while (k < 7 && strcmp(v, names[k]))
            k++;
        if (k == 7)
            return bad(cmd, "unknown --input-format (auto, xml, base64, form, har, tracer)", v);
        o->check.input_format = fmts[k];
        return 0;
    }
    if (!sc_str_starts(a, "--limit-"))
        return -1;
    VALUE();
    if (num(cmd, a, v, 1, 1LL << 31, &x))
        return 2;
    samlcheck_limits *l = &o->check.limits;
    if (FLAG("--limit-depth"))
        l->depth = (unsigned)x;
    else if (FLAG("--limit-elements"))
        l->elements = (unsigned)x;
    else if (FLAG("--limit-attributes"))
        l->attrs_per_elem = (unsigned)x;
    else if (FLAG("--limit-value-bytes"))
        l->value_bytes = (size_t)x;
    else if (FLAG("--limit-signatures"))
        l->signatures = (unsigned)x;
    else if (FLAG("--limit-saml-attributes"))
        l->attributes = (unsigned)x;
    else if (FLAG("--limit-values"))
        l->values_per_attr = (unsigned)x;
    else if (FLAG("--limit-response-bytes"))
        l->response_bytes = (size_t)x;
    else
        return bad(cmd, "unknown option", a);
    return 0;
}
#undef FLAG
#undef VALUE

int cli_parse_args(cli_opts *o, int argc, char **argv, const char *cmd)
{
    int only_inputs = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        char name[64];
        if (only_inputs || a[0] != '-' || strcmp(a, "-") == 0) {
            if (cli_add_input(o, a))
                return bad(cmd, "out of memory", NULL);
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_inputs = 1;
            continue;
        }
        opt_arg p = {cmd, a, NULL, argc, &i, argv};
        /* --opt=value form */
        const char *eq = strchr(a, '=');
        if (eq && a[1] == '-' && (size_t)(eq - a) < sizeof name) {
            memcpy(name, a, (size_t)(eq - a));
            name[eq - a] = '\0';
            p.v = eq + 1;
            p.a = name;
        }
        const char *why_refused = refused(cmd, p.a);
        if (why_refused)
            return bad(cmd, why_refused, p.a);
        int rc = parse_output(o, &p);
        if (rc < 0)
            rc = parse_batch(o, &p);
        if (rc < 0)
            rc = parse_trust(o, &p);
        if (rc < 0)
            rc = parse_numbers(o, &p);
        if (rc < 0)
            rc = parse_input(o, &p);
        if (rc < 0)
            return bad(cmd, "unknown option", p.a);
        if (rc)
            return rc;
    }
    return 0;
}
