#ifndef SC_CHECK_OPTIONS_H
#define SC_CHECK_OPTIONS_H
/* Argument checks shared by the public check entry points. */
#include "samlcheck/check.h"

/* 0 when @p opts is usable by this library (not NULL, a known version),
 * else SAMLCHECK_EINVAL with a message in @p err (which may be NULL). */
int sc_options_check(const samlcheck_options *opts, samlcheck_error *err);

/* SAMLCHECK_EINVAL with "@p what is NULL" in @p err. */
int sc_arg_null(samlcheck_error *err, const char *what);

#endif
