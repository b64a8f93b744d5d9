/* Input the way people have it (issue 12): with no input named, read
 * standard input; on a terminal, prompt for a paste first and, after it,
 * recognise a paste the terminal cut. A terminal in canonical mode keeps at
 * most 4,095 characters of one line (Linux N_TTY_BUF_SIZE 4096 less the
 * newline; macOS/BSD MAX_CANON 1,024) and silently drops the rest, so a
 * one-line base64 response longer than that arrives cut at exactly that
 * length and fails to decode for a reason the decoder cannot see. */
#include "cli.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cli_default_input(cli_opts *o, const char *cmd)
{
    if (o->n_inputs > 0) { /* an explicit "-" on a terminal is a paste too */
        for (size_t i = 0; i < o->n_inputs; i++)
            if (!strcmp(o->inputs[i], "-") && isatty(0))
                o->from_tty = 1;
        return 0;
    }
    if (cli_add_input(o, "-"))
        return 2;
    if (!isatty(0))
        return 0;
    o->from_tty = 1;
    fprintf(stderr,
            "samlcheck %s: no input named: paste it here, then press Ctrl-D on a new line\n"
            "(or give a file, or pipe it in: pbpaste | samlcheck %s)\n",
            cmd, cmd);
    return 0;
}

int cli_paste_check(const cli_opts *o, const char *cmd, const unsigned char *d, size_t len)
{
    if (!o->from_tty)
        return 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && d[i] != '\n')
            continue;
        size_t n = i - start;
        if (n > 0 && d[i - 1] == '\r')
            n--;
        if (n == 4095 || n == 4096 || n == 1023 || n == 1024) {
            fprintf(stderr,
                    "samlcheck %s: the pasted text has a line of exactly %zu characters: the "
                    "terminal keeps at most %s characters of one line (its line limit) and drops "
                    "the rest, so the paste arrived cut.\n"
                    "Pass it without the terminal instead:\n"
                    "  pbpaste | samlcheck %s                       (macOS)\n"
                    "  xclip -o -selection clipboard | samlcheck %s (Linux, X11; "
                    "wl-paste | ... on Wayland)\n"
                    "  Get-Clipboard | samlcheck %s                 (Windows PowerShell)\n"
                    "  samlcheck %s FILE                            (save the paste to a file)\n",
                    cmd, n, n >= 4095 ? "4,095" : "1,024", cmd, cmd, cmd, cmd);
            return 2;
        }
        start = i + 1;
    }
    return 0;
}
