/* The checking commands: metadata, response, key. */
#include "cli.h"
#include <stdio.h>

static int run(int argc, char **argv, const char *kind)
{
    cli_opts o;
    int rc = cli_parse(&o, argc - 1, argv + 1, kind);
    if (!rc)
        rc = cli_run_checks(&o, kind);
    cli_opts_free(&o);
    return rc;
}

int cmd_metadata(int argc, char **argv)
{
    return run(argc, argv, "metadata");
}

int cmd_response(int argc, char **argv)
{
    return run(argc, argv, "response");
}

int cmd_key(int argc, char **argv)
{
    return run(argc, argv, "key");
}

int cmd_policy(int argc, char **argv)
{
    return run(argc, argv, "policy");
}

int cmd_config(int argc, char **argv)
{
    return run(argc, argv, "config");
}
