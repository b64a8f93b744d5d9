#ifndef SC_CLI_H
#define SC_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "samlcheck/samlcheck.h"

#define CLI_MAX_LIST 64

typedef enum cli_format {
    CLI_FMT_TEXT,
    CLI_FMT_JSON,
    CLI_FMT_SARIF,
    CLI_FMT_GITHUB,
    CLI_FMT_GITLAB,
    CLI_FMT_JUNIT,
    CLI_FMT_NDJSON
} cli_format;

/* An `ignore` entry of the configuration file (config.c): rule-ID glob,
 * optional path glob (matched against the input path relative to the
 * configuration file's directory, @p base), mandatory reason. */
typedef struct cli_ignore {
    const char *rule;
    const char *path; /* NULL = every input */
    const char *reason;
    const char *base;
} cli_ignore;
#define CLI_MAX_IGNORE 256

typedef struct cli_opts {
    const char **inputs; /* any number (issue 14): argv, -r and --files-from */
    size_t n_inputs, cap_inputs;
    char **owned; /* strings the inputs and options point into (cli_own) */
    size_t n_owned, cap_owned;
    int recursive;                     /* -r: a directory names the files under it */
    const char *include[CLI_MAX_LIST]; /* -r: --include GLOB */
    size_t n_include;
    const char *exclude[CLI_MAX_LIST]; /* -r: --exclude GLOB */
    size_t n_exclude;
    const char *files_from[CLI_MAX_LIST]; /* --files-from FILE ('-' = stdin) */
    size_t n_files_from;
    int null_sep; /* -0: --files-from names are NUL-separated */
    long jobs;    /* -j N (only 1 for now) */
    int progress; /* -1 auto (stderr a terminal), 0 --no-progress, 1 --progress */
    const char *ignore[CLI_MAX_LIST];
    size_t n_ignore;
    const char *keys[CLI_MAX_LIST];
    size_t n_keys;
    const char *context[CLI_MAX_LIST]; /* --context KEY=VALUE */
    size_t n_context;
    const char *context_file; /* --context @FILE */
    const char *metadata;
    const char *trust_policy;
    const char *metadata_signer;
    const char *encryption_cert;
    const char *output;
    cli_format format;
    int strict;
    int quiet;
    int redact; /* --redact: personal values hashed in every output */
    int wide;   /* --wide: text tables and lines as wide as they need */
    int color;  /* -1 auto, 0 never, 1 always */
    int have_now;
    int from_tty; /* the input is a paste into the terminal (paste.c) */
    samlcheck_options check;
    /* CI (docs/ci.md) */
    int fail_on; /* samlcheck_render_options.fail_on */
    const char *sarif_root, *help_uri_base, *automation_id;
    const char *baseline, *baseline_write;
    const char *config_file; /* the configuration in use, or NULL */
    cli_ignore cfg_ignore[CLI_MAX_IGNORE];
    size_t n_cfg_ignore;
    int in_config; /* parsing the configuration file's options */
} cli_opts;

/* Parse argv (after the command word). Returns 0, or 2 after printing a
 * usage error to stderr. */
int cli_parse(cli_opts *o, int argc, char **argv, const char *cmd);
/* Free what cli_parse() allocated (the input list, the configuration's
 * strings); safe after a failed
 * cli_parse() and twice. */
void cli_opts_free(cli_opts *o);
/* Append one input (not copied); 0, or -1 out of memory. */
int cli_add_input(cli_opts *o, const char *path);

/* batch.c: expand directories (-r, --include, --exclude) and read
 * --files-from lists into o->inputs; 0, or 2 after a message. */
int cli_expand_inputs(cli_opts *o, const char *cmd);
void cli_usage(FILE *fp);
/* Parse options and inputs into @p o without resetting it (the
 * configuration file's options go through it too). Returns 0 or 2. */
int cli_parse_args(cli_opts *o, int argc, char **argv, const char *cmd);
/* config.c: find and apply the configuration file (.samlcheck.yml, walking
 * up from the working directory, or @p path). Returns 0 or 2. */
int cli_config_apply(cli_opts *o, const char *path, const char *cmd);
/* Keep @p s (malloc'd) until cli_opts_free(); returns it, or NULL (and
 * frees it) on ENOMEM. */
char *cli_own(cli_opts *o, char *s);

/* paste.c: with no input named, read stdin ("-"), prompting first on a
 * terminal; then, for a terminal paste, exit status 2 (after a message
 * naming the terminal's line limit) when a line was cut by it, else 0. */
int cli_default_input(cli_opts *o, const char *cmd);
int cli_paste_check(const cli_opts *o, const char *cmd, const unsigned char *d, size_t len);

/* help.c: `samlcheck COMMAND --help` (0, or -1 for an unknown command),
 * "did you mean" lines for a misspelt word, and `samlcheck __complete`. */
typedef enum cli_words { CLI_WORDS_COMMANDS, CLI_WORDS_OPTIONS, CLI_WORDS_RULES } cli_words;
int cli_command_help(FILE *fp, const char *cmd);
void cli_did_you_mean(FILE *fp, const char *word, cli_words kind);
int cmd_complete(int argc, char **argv);

/* Load the --key files into a new key set; 0, or 2 after a message. */
int cli_load_keys(cli_opts *o, samlcheck_keyset **ks);

/* stream.c: render a batch input by input (begin, add each input's
 * reports, end) for text, json, ndjson and github; JSON streams its
 * results array and is byte-identical to rendering every report at once.
 * SARIF (whose invocations, before the results, carry the exit status and
 * the unreadable inputs), gitlab, junit and --baseline-write collect every
 * report first (run.c). */
typedef struct cli_stream {
    FILE *fp;
    cli_format format;
    samlcheck_render_options ro;
    size_t width;
    size_t tot[3];    /* text: findings by severity */
    size_t n_reports; /* reports rendered */
    char *skel;       /* JSON/SARIF: the document without results */
    size_t split;     /* just after the results array's '[' */
    size_t indent;    /* the array's indentation */
    int any;          /* an item was written */
} cli_stream;
int cli_stream_begin(cli_stream *s, FILE *fp, const cli_opts *o,
                     const samlcheck_render_options *ro);
int cli_stream_add(cli_stream *s, samlcheck_report *const *r, size_t n);
int cli_stream_end(cli_stream *s);
void cli_stream_free(cli_stream *s);

/* Run the checks of one kind over o->inputs and print the reports.
 * Returns the exit status. */
int cli_run_checks(cli_opts *o, const char *kind);

/* Print one line to stderr: the formatted text (which may quote file names,
 * URLs or document content) with control, invisible and bidi characters
 * shown as <U+XXXX>, then a newline. */
void cli_err_line(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

int cmd_metadata(int argc, char **argv);
int cmd_response(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_list_rules(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_config(int argc, char **argv);

#endif
