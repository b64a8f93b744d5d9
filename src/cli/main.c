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
    {"policy", cmd_unimplemented},
    {"config", cmd_unimplemented},
};

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        cli_usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("samlcheck %s\n", samlcheck_version());
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    cli_err_line("samlcheck: unknown command '%s'", argv[1]);
    fputs("Try 'samlcheck --help'.\n", stderr);
    return 2;
}
