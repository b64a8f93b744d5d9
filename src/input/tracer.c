/* SAML-tracer exports (the browser extension's "Export" JSON):
 *   {"requests":[{"method":"POST","url":...,"post":[["SAMLResponse","..."],...],
 *                 "saml":"<samlp:Response ...>", "requestHeaders":[...], ...}],
 *    "timestamp":"..."}
 * "post" holds form-decoded values (the extension decodes them as the
 * browser's webRequest formData does). With the export filters that hash or
 * obfuscate POST values, "post" is useless but "saml", the decoded message,
 * is still there: it is then used instead. */
#include "input.h"
#include "../base/base.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* "post"/"get" are arrays of [name, value] pairs; tolerate {"name","value"}
 * objects too. */
static const char *pair_value_nth(const json_t *pairs, const char *name, size_t idx, size_t *len);

static const char *pair_value(const json_t *pairs, const char *name, size_t *len)
{
    return pair_value_nth(pairs, name, 0, len);
}

static const char *pair_value_nth(const json_t *pairs, const char *name, size_t idx, size_t *len)
{
    size_t i;
    const json_t *p;
    if (!json_is_array(pairs))
        return NULL;
    json_array_foreach(pairs, i, p)
    {
        const json_t *n = NULL, *v = NULL;
        if (json_is_array(p)) {
            n = json_array_get(p, 0);
            v = json_array_get(p, 1);
        } else if (json_is_object(p)) {
            n = json_object_get(p, "name");
            v = json_object_get(p, "value");
        }
        if (json_is_string(n) && strcmp(json_string_value(n), name) == 0 && idx-- == 0) {
            if (json_is_string(v)) {
                *len = json_string_length(v);
                return json_string_value(v);
            }
            *len = 0;
            return "";
        }
    }
    return NULL;
}

int sc_tracer_walk(const void *root_, int only_entry, sc_capture_cb cb, void *payload,
                   sc_capture_stats *st)
{
    const json_t *root = root_;
    const json_t *reqs = json_is_object(root) ? json_object_get(root, "requests") : NULL;
    size_t i;
    const json_t *q;

    memset(st, 0, sizeof *st);
    if (!json_is_array(reqs)) {
        snprintf(st->problem, sizeof st->problem, "\"requests\" is %s, not an array",
                 reqs ? "of the wrong type" : "missing");
        return SAMLCHECK_EINVAL;
    }
    st->total = json_array_size(reqs);
    json_array_foreach(reqs, i, q)
    {
        int idx = i < 0x7FFFFFFF ? (int)i + 1 : 0x7FFFFFFF;
        if (only_entry && idx != only_entry)
            continue;
        st->entries++;
        const char *method = sc_json_str(q, "method", NULL);
        const char *url = sc_json_str(q, "url", NULL);
        if (!method)
            continue;
        const json_t *post = json_object_get(q, "post");
        sc_capture_post p;
        size_t l;
        memset(&p, 0, sizeof p);
        if (!sc_str_ieq(method, "POST")) {
            if (pair_value(json_object_get(q, "get"), "SAMLResponse", &l) &&
                st->get_responses++ == 0)
                st->first_get_entry = idx;
            continue;
        }
        st->posts++;
        p.value = pair_value(post, "SAMLResponse", &p.value_len);
        p.saml = sc_json_str(q, "saml", &p.saml_len);
        if (p.saml && (p.saml_len == 0 || !sc_input_root_is_response(p.saml, p.saml_len))) {
            /* the decoded message of this POST is not a Response */
            p.saml = NULL;
            p.saml_len = 0;
        }
        if (!p.value && !p.saml) {
            if (pair_value(post, "SAMLRequest", &l) && st->saml_requests++ == 0)
                st->first_request_entry = idx;
            continue;
        }
        p.entry = idx;
        p.method = method;
        p.url = url;
        /* exports carry only the export time; a request time is taken
         * when a request has one */
        if (sc_json_time(q, "timestamp", &p.when) || sc_json_time(q, "timeStamp", &p.when))
            p.when_kind = 1;
        else if (sc_json_time(root, "timestamp", &p.when))
            p.when_kind = 2;
        p.form_encoded = 0;
        p.relay = pair_value(post, "RelayState", &p.relay_len);
        p.relay_form_encoded = 0;
        size_t l2;
        p.value_count = 1;
        while (p.value && p.value_count < SC_INPUT_MAX_ITEMS &&
               pair_value_nth(post, "SAMLResponse", p.value_count, &l2))
            p.value_count++;
        for (size_t k = 0; k < p.value_count; k++) {
            p.value_index = k + 1;
            if (k) { /* a second value: the decoded "saml" field is the first's */
                p.value = pair_value_nth(post, "SAMLResponse", k, &p.value_len);
                p.saml = NULL;
                p.saml_len = 0;
            }
            int rc = cb(&p, payload);
            if (rc)
                return rc;
        }
    }
    return 0;
}
