/* samlcheck_check_response_input: decode a captured input into response
 * documents (src/input/) and check each one (check_response.c). A capture
 * with several SAMLResponses gives one report per response, labelled with
 * its HAR entry and URL; the first report also carries the input-level
 * findings (input/multiple-saml). When nothing can be decoded the result is
 * the single fatal report holding the input/... finding (exit 2). */
#include "samlcheck/check.h"
#include "../input/input.h"
#include "../xml/xml.h"
#include "../base/base.h"
#include "judge.h"
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

/* Record how the document was obtained in the report's summary. */
static int add_summary(samlcheck_report *r, const sc_input_item *it)
{
    json_t *sum = sc_report_summary(r);
    int bad = 0;
    bad |= json_object_set_new(sum, "encoding", json_string(it->encoding ? it->encoding : "xml"));
    if (it->post_url) {
        char *u = sc_str_escape(it->post_url, 0);
        bad |= !u || json_object_set_new(sum, "post_url", json_string(u));
        free(u);
    }
    if (it->relay_state)
        bad |= json_object_set_new(sum, "relay_state", json_string(it->relay_state));
    if (it->entry) /* the 1-based index --har-entry takes */
        bad |= json_object_set_new(sum,
                                   strncmp(it->encoding ? it->encoding : "", "saml-tracer", 11)
                                       ? "har_entry"
                                       : "tracer_request",
                                   json_integer(it->entry));
    return bad ? SAMLCHECK_ENOMEM : 0;
}

int samlcheck_check_response_input(samlcheck_report ***out, size_t *n_out, const char *name,
                                   const unsigned char *data, size_t len,
                                   const samlcheck_options *opts, samlcheck_error *err)
{
    samlcheck_report **arr = NULL;
    sc_input_list l = {NULL, 0};
    size_t n = 0;
    int rc;

    if (!out || !n_out || !data)
        return sc_arg_null(err, !out ? "out" : !n_out ? "n_out" : "data");
    *out = NULL;
    *n_out = 0;
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    arr = calloc(1, sizeof *arr);
    if (!arr)
        return SAMLCHECK_ENOMEM;
    if ((rc = samlcheck_report_new(&arr[0], name, "response")))
        goto out;
    n = 1;
    if ((rc = sc_input_decode(&l, name, data, len, opts, arr[0])) ||
        (rc = sc_xml_unwrap_soap(&l, &opts->limits, arr[0])))
        goto out;
    if (l.n == 0) /* the single fatal report */
        goto done;
    if (l.n > 1) {
        samlcheck_report **na = realloc(arr, l.n * sizeof *na);
        if (!na) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        arr = na;
        for (; n < l.n; n++)
            if ((rc = samlcheck_report_new(&arr[n], name, "response")))
                goto out;
    }
    sc_locate_cursor cur = {0, 0, 0, 0};
    for (size_t i = 0; i < l.n; i++) {
        const sc_input_item *it = &l.items[i];
        if ((rc = sc_report_set_input(arr[i], it->label)) || (rc = add_summary(arr[i], it)))
            goto out;
        if (it->encoding && strcmp(it->encoding, "xml")) /* where it is in the file (CI formats) */
            sc_report_set_origin_line(arr[i],
                                      sc_locate_encoded(data, len, &cur, it->xml, it->xml_len));
        /* the clock (issue 12): --now / opts->now first, then the
         * capture's own time, then the system clock */
        sc_judge j = {opts->now, SC_CLOCK_GIVEN, it->when, it->when_kind,
                      sc_str_starts(it->encoding ? it->encoding : "", "saml-tracer") ? "SAML-tracer"
                                                                                     : "HAR"};
        if (j.now == 0 && it->when_kind) {
            j.now = it->when;
            j.source = it->when_kind == 1 ? SC_CLOCK_CAPTURED : SC_CLOCK_EXPORTED;
        } else if (j.now == 0) {
            j.now = sc_clock_now();
            j.source = SC_CLOCK_WALL;
        }
        rc = sc_check_response_judged(arr[i], it->xml, it->xml_len, it->encoded_len, opts, &j, err);
        if (rc)
            goto out;
    }
done:
    *out = arr;
    *n_out = n;
    arr = NULL;
    n = 0;
out:
    for (size_t i = 0; arr && i < n; i++)
        samlcheck_report_free(arr[i]);
    free(arr);
    sc_input_list_free(&l);
    return rc;
}
