#ifndef SC_CLI_H
#define SC_CLI_H

#include <stddef.h>
#include "samlcheck/samlcheck.h"

#define CLI_MAX_LIST 64

typedef enum cli_format { CLI_FMT_TEXT, CLI_FMT_JSON, CLI_FMT_SARIF } cli_format;

typedef struct cli_opts {
    const char *inputs[CLI_MAX_LIST];
    size_t n_inputs;
    const char *ignore[CLI_MAX_LIST];
    size_t n_ignore;
    const char *keys[CLI_MAX_LIST];
    size_t n_keys;
    const char *metadata;
    const char *trust_policy;
    const char *metadata_signer;
    const char *encryption_cert;
    const char *output;
    cli_format format;
    int strict;
    int quiet;
    int color; /* -1 auto, 0 never, 1 always */
    int have_now;
    samlcheck_options check;
} cli_opts;

/* Parse argv (after the command word). Returns 0, or 2 after printing a
 * usage error to stderr. */
int cli_parse(cli_opts *o, int argc, char **argv, const char *cmd);
void cli_usage(FILE *fp);

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
int cmd_unimplemented(int argc, char **argv);

#endif
