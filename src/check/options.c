/* samlcheck_options: the versioned initialiser (libgit2's
 * git_*_options_init pattern) and the argument check every public check
 * runs first, so a NULL or mismatched options struct is an error, not a
 * crash or a read of another layout. */
#include "check/options.h"
#include "base/base.h"

int samlcheck_options_init(samlcheck_options *opts, unsigned int version)
{
    const samlcheck_options dflt = SAMLCHECK_OPTIONS_INIT;
    if (!opts || version != SAMLCHECK_OPTIONS_VERSION)
        return SAMLCHECK_EINVAL;
    *opts = dflt;
    return 0;
}

int sc_arg_null(samlcheck_error *err, const char *what)
{
    return sc_error_set(err, SAMLCHECK_EINVAL, "", "invalid argument: %s is NULL", what);
}

int sc_options_check(const samlcheck_options *opts, samlcheck_error *err)
{
    if (!opts)
        return sc_arg_null(err, "opts");
    if (opts->version != SAMLCHECK_OPTIONS_VERSION)
        return sc_error_set(err, SAMLCHECK_EINVAL, "",
                            "invalid argument: opts->version is %u, this library knows %u "
                            "(initialise with SAMLCHECK_OPTIONS_INIT or samlcheck_options_init())",
                            opts->version, (unsigned)SAMLCHECK_OPTIONS_VERSION);
    return 0;
}
