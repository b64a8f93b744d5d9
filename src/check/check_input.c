/* samlcheck_check_response_input: decode a captured input into response
 * documents (src/input/) and check each one (check_response.c). A capture
 * with several SAMLResponses gives one report per response. */
#include "samlcheck/check.h"
#include "../input/input.h"
#include <stdlib.h>

int samlcheck_check_response_input(samlcheck_report ***out, size_t *n_out, const char *name,
                                   const unsigned char *data, size_t len,
                                   const samlcheck_options *opts, samlcheck_error *err)
{
    samlcheck_report *r = NULL;
    *out = NULL;
    *n_out = 0;
    int rc = samlcheck_report_new(&r, name, "response");
    if (rc)
        return rc;
    rc = samlcheck_check_response(r, data, len, 0, opts, err);
    samlcheck_report **arr = malloc(sizeof *arr);
    if (rc || !arr) {
        free(arr);
        samlcheck_report_free(r);
        return rc ? rc : SAMLCHECK_ENOMEM;
    }
    arr[0] = r;
    *out = arr;
    *n_out = 1;
    return 0;
}
