/* The library version, from the generated include/samlcheck/version.h
 * (configure.ac's AC_INIT is the one place it is written). In base so that
 * every layer, the renderers included, can name it without reaching up. */
#include "base.h"
#include "samlcheck/samlcheck.h"

const char *samlcheck_version(void)
{
    return SAMLCHECK_VERSION;
}
