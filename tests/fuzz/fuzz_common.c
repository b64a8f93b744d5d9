/* Helpers shared by every fuzz target (see fuzz.h). */
#include "fuzz.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SC_FUZZ_SRCDIR
#define SC_FUZZ_SRCDIR "."
#endif

void sc_fuzz_init(void)
{
    static int done;
    if (done)
        return;
    if (samlcheck_global_init() != 0) {
        fputs("fuzz: samlcheck_global_init failed\n", stderr);
        abort();
    }
    done = 1;
}

samlcheck_options sc_fuzz_options(void)
{
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    o.now = SC_FUZZ_NOW;
    o.max_input_bytes = SC_FUZZ_MAX_INPUT;
    return o;
}

const char *sc_fuzz_srcdir(void)
{
    const char *s = getenv("top_srcdir");
    return s && *s ? s : SC_FUZZ_SRCDIR;
}

unsigned char *sc_fuzz_read_src(const char *path, size_t *len)
{
    char full[4096];
    unsigned char *data = NULL;
    samlcheck_error err;
    int n = snprintf(full, sizeof full, "%s/%s", sc_fuzz_srcdir(), path);
    if (n < 0 || (size_t)n >= sizeof full)
        abort();
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, len, full, 1024 * 1024, &err) != 0) {
        fprintf(stderr, "fuzz: cannot read %s: %s\n", full, err.message);
        abort();
    }
    return data;
}
