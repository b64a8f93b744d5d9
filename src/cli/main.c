/* samlcheck: tells, before AWS does, why a SAML federation with AWS IAM
 * will fail. Each subcommand is a cmd_<name>() in this table. */
#include "cli.h"
#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
} command;

static const command commands[] = {
    {"metadata", cmd_metadata},
    {"response", cmd_response},
    {"key", cmd_key},
    {"show", cmd_show},
    {"explain", cmd_explain},
    {"list-rules", cmd_list_rules},
    {"--list-rules", cmd_list_rules},
    {"policy", cmd_policy},
    {"config", cmd_config},
    {"__complete", cmd_complete},
};

/* `samlcheck COMMAND ... --help` (or -h) anywhere before "--". */
static int wants_help(int argc, char **argv)
{
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        (!strcmp(argv[1], "help") && argc == 2)) {
        cli_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("samlcheck %s\n", samlcheck_version());
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "help")) {
        if (cli_command_help(stdout, argv[2]) == 0)
            return 0;
        fprintf(stderr, "samlcheck help: no command '%s'\n", argv[2]);
        cli_did_you_mean(stderr, argv[2], CLI_WORDS_COMMANDS);
        return 2;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            if (wants_help(argc, argv) && cli_command_help(stdout, argv[1]) == 0)
                return 0;
            {
                int rc = commands[i].fn(argc - 1, argv + 1);
                return rc < 0 || rc > 2 ? 2 : rc; /* exit statuses are 0, 1 and 2 only */
            }
        }
    cli_err_line("samlcheck: unknown %s '%s'", argv[1][0] == '-' ? "option" : "command", argv[1]);
    cli_did_you_mean(stderr, argv[1], argv[1][0] == '-' ? CLI_WORDS_OPTIONS : CLI_WORDS_COMMANDS);
    fputs("Try 'samlcheck --help'.\n", stderr);
    return 2;
}
