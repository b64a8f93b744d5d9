/* AWS attribute checks (STUB until the attribute work lands). */
#include "attributes.h"
#include <string.h>

int sc_check_aws_attributes(sc_aws_claims *out, const sc_attrs *attrs,
                            long long session_not_on_or_after, const samlcheck_options *opts,
                            samlcheck_report *r, json_t *summary)
{
    (void)attrs; (void)session_not_on_or_after; (void)opts; (void)r; (void)summary;
    memset(out, 0, sizeof *out);
    out->session_duration = -1;
    return 0;
}
