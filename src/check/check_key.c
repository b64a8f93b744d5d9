/* samlcheck key (STUB until the key work lands). */
#include "samlcheck/check.h"

int samlcheck_check_key(samlcheck_report *r, const unsigned char *data, size_t len,
                        const samlcheck_options *opts, samlcheck_error *err)
{
    (void)r; (void)data; (void)len; (void)opts; (void)err;
    return 0;
}
