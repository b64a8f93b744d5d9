/* The response model (STUB until the response work lands). */
#include "response.h"
#include <string.h>

int sc_attrs_from_assertion(sc_attrs *out, const xmlNode *assertion)
{
    (void)assertion;
    memset(out, 0, sizeof *out);
    return 0;
}

void sc_attrs_clear(sc_attrs *a)
{
    (void)a;
}
