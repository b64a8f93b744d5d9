/* `samlcheck show INPUT`: decode and pretty-print (no verdict). */
#include "cli.h"
#include <stdio.h>

int cmd_show(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "samlcheck show: not implemented yet\n");
    return 2;
}
