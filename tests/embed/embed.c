/* A program embedding libsamlcheck as a user would: the installed headers,
 * pkg-config, SAMLCHECK_OPTIONS_INIT and nothing else (no `now`: the
 * options' 0 means the system clock). Prints one line per finding:
 * "rule severity". Usage: embed RESPONSE.xml */
#include <samlcheck/samlcheck.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    samlcheck_report *r = NULL;
    samlcheck_error err;
    unsigned char *data = NULL;
    size_t len = 0;
    if (argc != 2 || samlcheck_global_init() != 0)
        return 2;
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, &len, argv[1], opts.max_input_bytes, &err) != 0 ||
        samlcheck_report_new(&r, argv[1], "response") != 0 ||
        samlcheck_check_response(r, data, len, 0, &opts, &err) != 0) {
        fprintf(stderr, "embed: %s\n", err.message);
        return 2;
    }
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        printf("%s %s\n", f->rule, samlcheck_severity_name(f->severity));
    }
    samlcheck_report_free(r);
    samlcheck_free(data);
    samlcheck_global_cleanup();
    return 0;
}
