/* Compiled once per public header by tests/headers/check-headers.sh with
 * -std=c99 -pedantic -Werror (and as C++ when a C++ compiler is there):
 * each header must be self-contained, guarded against double inclusion,
 * and free of C11-only or compiler-specific constructs. SC_HEADER is the
 * header under test, e.g. "samlcheck/report.h". */
#ifndef SC_HEADER
#error "define SC_HEADER as the header to test"
#endif
#include SC_HEADER
#include SC_HEADER

#ifdef SC_HEADER_FULL
/* With the umbrella header, the initialiser macros must match their
 * structs exactly (-Wextra warns about missing field initialisers). */
int main(void)
{
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_limits l = SAMLCHECK_LIMITS_INIT;
    samlcheck_render_options ro = SAMLCHECK_RENDER_OPTIONS_INIT;
    samlcheck_error e = {0, {0}, {0}, 0, 0};
    (void)e;
    return o.limits.depth == l.depth && ro.color == 0 && o.duration == -1 ? 0 : 1;
}
#else
int main(void)
{
    return 0;
}
#endif
