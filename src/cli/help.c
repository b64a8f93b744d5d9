/* Help that meets people where they are (issue 12): `samlcheck COMMAND
 * --help` with the command's options and examples, "did you mean" for a
 * misspelt command, option or rule ID (a weighted Damerau-Levenshtein
 * distance as git's help.c uses for commands), and the word lists the
 * shell completions ask for (`samlcheck __complete commands|options|formats|rules`).
 * The option list is read from the global usage text (cli_usage), so an
 * option documented there is suggested and completed with no second list
 * to keep in step. */
#include "cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cmd_help {
    const char *name;
    const char *usage;
    const char *what;
    const char *const *options; /* NULL-terminated names looked up in cli_usage */
    const char *examples;
} cmd_help;

#define COMMON                                                                                     \
    "--ignore", "--strict", "--format", "-o", "-q", "--wide", "--color", "--redact",               \
        "--max-input-bytes", "--limit-depth", "--fail-on", "--config", "--no-config",              \
        "--baseline", "--baseline-write", "--sarif-root", "--help-uri-base", "--automation-id"

static const char *const opt_metadata[] = {
    "--now", "--clock-skew", "--cert-warn-days", "--metadata-signer", COMMON, NULL};
static const char *const opt_response[] = {"--metadata",
                                           "--context",
                                           "--key",
                                           "--provider-arn",
                                           "--role-arn",
                                           "--trust-policy",
                                           "--context",
                                           "--trust-policy-quota",
                                           "--max-session-duration",
                                           "--duration",
                                           "--now",
                                           "--clock-skew",
                                           "--input-format",
                                           "--har-entry",
                                           "--aws-sp-entity-id",
                                           "--encryption-mode",
                                           "--provider-uuid",
                                           COMMON,
                                           NULL};
static const char *const opt_key[] = {"--encryption-cert", "--metadata", COMMON, NULL};
static const char *const opt_show[] = {
    "--input-format", "--har-entry", "--key", "--redact", "-o", "--max-input-bytes", NULL};
/* policy: no --limit-depth (COMMON has it; the policy reader has its own bound) */
static const char *const opt_policy[] = {"--trust-policy-quota",
                                         "--now",
                                         "--ignore",
                                         "--strict",
                                         "--format",
                                         "-o",
                                         "-q",
                                         "--color",
                                         "--redact",
                                         "--max-input-bytes",
                                         NULL};
static const char *const opt_config[] = {"--provider-arn",   "--role-arn", "--key",
                                         "--context",        "--now",      "--clock-skew",
                                         "--cert-warn-days", COMMON,       NULL};
static const char *const opt_none[] = {NULL};

static const cmd_help helps[] = {
    {"metadata", "samlcheck metadata [OPTIONS] [FILE...]",
     "Check IdP metadata as it would be uploaded to IAM (CreateSAMLProvider,\n"
     "UpdateSAMLProvider): structure, signing certificates, validUntil, limits.\n"
     "With no FILE, standard input is read.",
     opt_metadata,
     "  samlcheck metadata idp-metadata.xml\n"
     "  samlcheck metadata --cert-warn-days 60 --format json idp-metadata.xml\n"
     "  curl -s https://idp.example.com/metadata | samlcheck metadata\n"},
    {"response", "samlcheck response [OPTIONS] [INPUT...]",
     "Check a SAML response as AWS sign-in and AssumeRoleWithSAML would: raw XML,\n"
     "its base64, the POST body (SAMLResponse=...), a HAR capture (DevTools, Network,\n"
     "\"Save all as HAR\") or a SAML-tracer export. A capture is judged as of its\n"
     "capture time, anything else as of now (see --now). With no INPUT, standard\n"
     "input is read (on a terminal: paste, then Ctrl-D).",
     opt_response,
     "  samlcheck response --metadata idp-metadata.xml capture.har\n"
     "  pbpaste | samlcheck response --metadata idp-metadata.xml\n"
     "  samlcheck response --metadata idp-metadata.xml --key sp.key \\\n"
     "      --role-arn arn:aws:iam::123456789012:role/Developer response.xml\n"
     "  samlcheck response --now 2025-06-01T12:00:00Z --redact --format sarif saved.b64\n"},
    {"key", "samlcheck key [OPTIONS] [PEM...]",
     "Check private decryption keys as they would be uploaded to IAM (AddPrivateKey):\n"
     "PEM form, key type and size, at most two per provider, and with\n"
     "--encryption-cert or --metadata that the key matches the certificate.",
     opt_key,
     "  samlcheck key sp-private.pem\n"
     "  samlcheck key --encryption-cert sp-encryption.crt sp-private.pem\n"
     "  samlcheck key --metadata idp-metadata.xml old.pem new.pem\n"},
    {"show", "samlcheck show [OPTIONS] [INPUT...]",
     "Decode a response input (any form `response` takes) and print the XML with\n"
     "line numbers, the numbers findings on decoded input refer to. No verdict.\n"
     "With --key, an EncryptedAssertion is printed decrypted.",
     opt_show,
     "  samlcheck show capture.har\n"
     "  pbpaste | samlcheck show\n"
     "  samlcheck show --key sp.key --redact encrypted.b64\n"},
    {"explain", "samlcheck explain [--format json] RULE | TEXT... | -",
     "Describe a rule (what is checked, the AWS error it causes, how to fix it), or,\n"
     "given the text of an AWS error (- reads it from standard input), the rules that\n"
     "cause it, most likely first, with the command that confirms each.",
     opt_none,
     "  samlcheck explain response/role-missing\n"
     "  samlcheck explain \"Response signature invalid\"\n"
     "  pbpaste | samlcheck explain -\n"},
    {"list-rules", "samlcheck --list-rules [--format markdown|json|troubleshooting]",
     "List every rule ID with its default severity and title.", opt_none,
     "  samlcheck --list-rules\n"
     "  samlcheck --list-rules --format markdown > rules.md\n"},
    {"policy", "samlcheck policy [OPTIONS] [JSON...]",
     "Check a role trust policy: the policy document, or what `aws iam get-role` or\n"
     "`aws iam list-roles` prints (every role). Invalid JSON with line and column,\n"
     "duplicate keys, characters IAM refuses, Version, malformed statements, size,\n"
     "wildcard principals, a missing SAML:aud condition, misspelt actions. To evaluate\n"
     "it against a sign-in as STS does: samlcheck response --trust-policy FILE.",
     opt_policy,
     "  samlcheck policy trust-policy.json\n"
     "  aws iam get-role --role-name Developer | samlcheck policy\n"
     "  samlcheck response --metadata idp.xml --trust-policy get-role.json capture.har\n"},
    {"config", "samlcheck config [OPTIONS] FILE...",
     "Check a whole federation as one model: AWS CLI output (get-saml-provider,\n"
     "list-saml-providers, get-role, list-roles), request documents\n"
     "(create-/update-saml-provider, create-/update-role, assume-role-with-saml),\n"
     "IdP metadata, PEM keys and sample responses. Planned changes are compared with\n"
     "the current state, embedded documents are checked by their own commands, and\n"
     "every sample response is checked against the provider as it will be and every\n"
     "role it offers that the configuration describes.",
     opt_config,
     "  samlcheck config provider.json update.json role.json sample.b64\n"
     "  samlcheck config --format sarif -o config.sarif ci/federation/*.json\n"},
};

/* The global usage text, captured once (freed at exit by the OS). */
static const char *usage_text(void)
{
    static char *text;
    if (!text) {
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m)
            return "";
        cli_usage(m);
        fclose(m);
    }
    return text ? text : "";
}

/* The option names a usage line documents: "  --opt ARG  text",
 * "  -q, --quiet  text", "  --a N, --b N,". Up to @p max names are stored
 * as (start, length) pairs; returns their number. */
static size_t line_options(const char *line, size_t ll, const char **nm, size_t *nl, size_t max)
{
    const char *p = line + 2, *end = line + ll;
    size_t k = 0;
    if (ll < 4 || strncmp(line, "  -", 3) != 0)
        return 0;
    while (p < end && *p == '-' && k < max) {
        const char *st = p;
        while (p < end && *p != ' ' && *p != ',')
            p++;
        nm[k] = st;
        nl[k++] = (size_t)(p - st);
        /* skip the argument word, up to ", " or the two spaces before the text */
        while (p < end && *p != ',' && !(p[0] == ' ' && p + 1 < end && p[1] == ' '))
            p++;
        if (p >= end || *p != ',')
            break;
        p++;
        while (p < end && *p == ' ')
            p++;
    }
    return k;
}

/* Print the usage lines that document @p opt: its own line and the
 * continuation lines (indented deeper) after it. */
static void print_option(FILE *fp, const char *opt)
{
    const char *p = usage_text();
    size_t ol = strlen(opt);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t ll = e ? (size_t)(e - p) : strlen(p), n, i;
        const char *nm[8];
        size_t nl[8];
        n = line_options(p, ll, nm, nl, 8);
        for (i = 0; i < n && !(nl[i] == ol && !strncmp(nm[i], opt, ol)); i++)
            ;
        p = e ? e + 1 : p + ll;
        if (i == n)
            continue;
        fprintf(fp, "%.*s\n", (int)ll, p - ll - (e ? 1 : 0));
        while (*p && strncmp(p, "          ", 10) == 0) {
            e = strchr(p, '\n');
            ll = e ? (size_t)(e - p) : strlen(p);
            fprintf(fp, "%.*s\n", (int)ll, p);
            p = e ? e + 1 : p + ll;
        }
        return;
    }
}

int cli_command_help(FILE *fp, const char *cmd)
{
    if (!strcmp(cmd, "--list-rules"))
        cmd = "list-rules";
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
        const cmd_help *h = &helps[i];
        if (strcmp(h->name, cmd) != 0)
            continue;
        fprintf(fp, "usage: %s\n\n%s\n", h->usage, h->what);
        if (h->options[0]) {
            fputs("\nOptions:\n", fp);
            for (size_t k = 0; h->options[k]; k++)
                print_option(fp, h->options[k]);
        }
        if (h->examples[0])
            fprintf(fp, "\nExamples:\n%s", h->examples);
        fputs("\nExit status: 0 no error finding, 1 error findings, 2 usage error or an input\n"
              "that cannot be read or decoded. All commands and options: samlcheck --help\n",
              fp);
        return 0;
    }
    return -1;
}

/* ---- word lists ---- */

static int add_word(const char ***w, size_t *n, size_t *cap, const char *s, size_t l)
{
    for (size_t k = 0; k < *n; k++)
        if (strlen((*w)[k]) == l && !strncmp((*w)[k], s, l))
            return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        const char **nw = realloc(*w, c * sizeof *nw);
        if (!nw)
            return -1;
        *w = nw;
        *cap = c;
    }
    char *d = malloc(l + 1);
    if (!d)
        return -1;
    memcpy(d, s, l);
    d[l] = '\0';
    (*w)[(*n)++] = d;
    return 0;
}

/* Every option named in the usage text, plus --help (kept for the
 * process's life). */
static size_t option_words(const char ***out)
{
    static const char **words;
    static size_t n, cap;
    if (!words) {
        const char *p = usage_text(); /* Commands: has --list-rules, --version */
        while (p && *p) {
            const char *e = strchr(p, '\n'), *nm[8];
            size_t ll = e ? (size_t)(e - p) : strlen(p), nl[8];
            size_t k = line_options(p, ll, nm, nl, 8);
            for (size_t i = 0; i < k; i++)
                if (add_word(&words, &n, &cap, nm[i], nl[i]))
                    break;
            p = e ? e + 1 : NULL;
        }
        add_word(&words, &n, &cap, "--help", 6);
    }
    *out = words;
    return n;
}

static const char *const command_words[] = {"metadata",   "response", "key",    "show", "explain",
                                            "list-rules", "policy",   "config", "help", "version"};

/* ---- "did you mean" ---- */

/* Weighted optimal-string-alignment distance: a swap of two neighbours costs
 * @p w, a substitution @p s, an insertion @p a, a deletion @p d (git uses
 * 0, 2, 1, 3 for commands: typing too little is more common than too
 * much). Words longer than 64 bytes are not compared. */
static int distance(const char *x, const char *y, int w, int s, int a, int d)
{
    size_t lx = strlen(x), ly = strlen(y);
    int row0[65], row1[65], row2[65];
    int *pp = row0, *p = row1, *c = row2;
    if (lx > 64 || ly > 64)
        return 1000;
    for (size_t j = 0; j <= ly; j++)
        p[j] = (int)j * a;
    for (size_t i = 0; i < lx; i++) {
        c[0] = (int)(i + 1) * d;
        for (size_t j = 0; j < ly; j++) {
            int v = p[j] + (x[i] != y[j]) * s;
            if (i > 0 && j > 0 && x[i - 1] == y[j] && x[i] == y[j - 1] && pp[j - 1] + w < v)
                v = pp[j - 1] + w;
            if (p[j + 1] + d < v)
                v = p[j + 1] + d;
            if (c[j] + a < v)
                v = c[j] + a;
            c[j + 1] = v;
        }
        int *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[ly];
}

/* Print "Did you mean ...?" with the closest words (ties all listed, at
 * most 5); nothing when none is close enough. */
static void suggest(FILE *fp, const char *word, const char *const *cands, size_t n)
{
    enum { FLOOR = 7, MAX = 5 };
    int best = 1000;
    int *score = calloc(n ? n : 1, sizeof *score);
    if (!score)
        return;
    for (size_t i = 0; i < n; i++) {
        /* a word the candidate starts with (a prefix) is a near miss too */
        score[i] = strncmp(cands[i], word, strlen(word)) == 0 && strlen(word) >= 3
                       ? 0
                       : distance(word, cands[i], 0, 2, 1, 3) + 1;
        if (score[i] < best)
            best = score[i];
    }
    if (best < FLOOR && best <= (int)strlen(word) + 1) {
        size_t shown = 0;
        for (size_t i = 0; i < n && shown < MAX; i++)
            if (score[i] == best)
                fprintf(fp, "%s'%s'", shown++ ? ", " : "Did you mean ", cands[i]);
        if (shown)
            fputs("?\n", fp);
    }
    free(score);
}

void cli_did_you_mean(FILE *fp, const char *word, cli_words kind)
{
    if (kind == CLI_WORDS_COMMANDS) {
        suggest(fp, word, command_words, sizeof command_words / sizeof command_words[0]);
    } else if (kind == CLI_WORDS_OPTIONS) {
        const char **w;
        size_t n = option_words(&w);
        char name[80];
        const char *eq = strchr(word, '=');
        if (eq && (size_t)(eq - word) < sizeof name) { /* --opt=value: the name only */
            memcpy(name, word, (size_t)(eq - word));
            name[eq - word] = '\0';
            word = name;
        }
        suggest(fp, word, w, n);
    } else {
        size_t n = samlcheck_rules_count();
        const char **ids = malloc((n ? n : 1) * sizeof *ids);
        if (!ids)
            return;
        for (size_t i = 0; i < n; i++)
            ids[i] = samlcheck_rules_at(i)->id;
        suggest(fp, word, ids, n);
        free(ids);
    }
}

/* `samlcheck __complete commands|options|rules`: the words the bash and
 * zsh completions (contrib/completion/) offer, one a line. */
int cmd_complete(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "commands")) {
        for (size_t i = 0; i < 8; i++) /* not "help"/"version": they are options */
            puts(command_words[i]);
    } else if (!strcmp(what, "options")) {
        const char **w;
        size_t n = option_words(&w);
        for (size_t i = 0; i < n; i++)
            puts(w[i]);
    } else if (!strcmp(what, "formats")) { /* from "--format a|b|c" in the usage */
        const char *f = strstr(usage_text(), "--format ");
        for (f = f ? f + 9 : ""; *f && *f != ' ' && *f != '\n'; f++)
            putchar(*f == '|' ? '\n' : *f);
        putchar('\n');
    } else if (!strcmp(what, "rules")) {
        for (size_t i = 0; i < samlcheck_rules_count(); i++)
            puts(samlcheck_rules_at(i)->id);
    } else {
        fprintf(stderr, "usage: samlcheck __complete commands|options|formats|rules\n");
        return 2;
    }
    return 0;
}
