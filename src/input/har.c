/* HAR 1.2 exports (Chrome "WebInspector", Firefox, Safari "WebKit Web
 * Inspector"): every POST in log.entries whose form body carries a
 * SAMLResponse, from postData.params[] or, failing that, postData.text.
 * Browsers keep param values URL-encoded as sent (Firefox, Chrome), so
 * values are handed on as form-encoded; percent-decoding a base64 value
 * that a browser had already decoded is harmless (base64 has no '%', and
 * a '+' turned into a space is restored by the next unwrapping step). */
#include "input.h"
#include "../base/base.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

const char *sc_json_str(const json_t *o, const char *key, size_t *len)
{
    const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    if (!json_is_string(v)) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

int sc_json_time(const json_t *o, const char *key, long long *t)
{
    const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    int off, nz;
    if (json_is_string(v))
        return sc_time_parse(json_string_value(v), t, &off, &nz) == 0;
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        *t = (long long)(json_integer_value(v) / 1000);
        return 1;
    }
    if (json_is_real(v) && json_real_value(v) > 0 && json_real_value(v) < 1e16) {
        *t = (long long)(json_real_value(v) / 1000);
        return 1;
    }
    return 0;
}

/* Look for the @p idx-th (0-based) @p name in postData.params[]
 * ({"name":..,"value":..}). */
static const char *param_value(const json_t *params, const char *name, size_t idx, size_t *len)
{
    size_t i;
    const json_t *p;
    if (!json_is_array(params))
        return NULL;
    json_array_foreach(params, i, p)
    {
        const char *n = sc_json_str(p, "name", NULL);
        if (n && strcmp(n, name) == 0 && idx-- == 0) {
            const char *v = sc_json_str(p, "value", len);
            if (v)
                return v;
            *len = 0;
            return ""; /* Firefox omits "value" when it is empty */
        }
    }
    return NULL;
}

/* The @p idx-th SAML parameter @p name of a POST body: from params when
 * they hold the name at all, else from text (never a mix of the two, which
 * describe the same body). */
static const char *post_param_nth(const json_t *post, const char *name, size_t idx, size_t *len)
{
    size_t l0;
    const json_t *params = json_object_get(post, "params");
    if (param_value(params, name, 0, &l0))
        return param_value(params, name, idx, len);
    size_t tlen = 0;
    const char *text = sc_json_str(post, "text", &tlen);
    return text ? sc_form_find_raw_nth(text, tlen, name, idx, len) : NULL;
}

static const char *post_param(const json_t *post, const char *name, size_t *len)
{
    return post_param_nth(post, name, 0, len);
}

/* How many parameters @p name the body carries (bounded). */
static size_t post_param_count(const json_t *post, const char *name)
{
    size_t n = 0, l;
    while (n < SC_INPUT_MAX_ITEMS && post_param_nth(post, name, n, &l))
        n++;
    return n;
}

static int url_has_param(const char *url, const char *name)
{
    const char *q = url ? strchr(url, '?') : NULL;
    if (!q)
        return 0;
    q++;
    size_t vlen;
    return sc_form_find_raw(q, strlen(q), name, &vlen) != NULL;
}

int sc_har_walk(const void *root_, int only_entry, sc_capture_cb cb, void *payload,
                sc_capture_stats *st)
{
    const json_t *root = root_;
    const json_t *log = json_is_object(root) ? json_object_get(root, "log") : NULL;
    const json_t *entries = json_is_object(log) ? json_object_get(log, "entries") : NULL;
    size_t i;
    const json_t *e;

    memset(st, 0, sizeof *st);
    if (!json_is_object(log)) {
        snprintf(st->problem, sizeof st->problem, "it has no \"log\" object");
        return SAMLCHECK_EINVAL;
    }
    if (!json_is_array(entries)) {
        snprintf(st->problem, sizeof st->problem, "\"log.entries\" is %s, not an array",
                 entries ? "of the wrong type" : "missing");
        return SAMLCHECK_EINVAL;
    }
    st->total = json_array_size(entries);
    json_array_foreach(entries, i, e)
    {
        int idx = i < 0x7FFFFFFF ? (int)i + 1 : 0x7FFFFFFF;
        if (only_entry && idx != only_entry)
            continue;
        st->entries++;
        const json_t *req = json_is_object(e) ? json_object_get(e, "request") : NULL;
        const char *method = sc_json_str(req, "method", NULL);
        const char *url = sc_json_str(req, "url", NULL);
        if (!method)
            continue;
        if (!sc_str_ieq(method, "POST")) {
            if (url_has_param(url, "SAMLResponse") && st->get_responses++ == 0)
                st->first_get_entry = idx;
            continue;
        }
        st->posts++;
        const json_t *post = json_object_get(req, "postData");
        if (!json_is_object(post))
            continue;
        sc_capture_post p;
        memset(&p, 0, sizeof p);
        p.value = post_param(post, "SAMLResponse", &p.value_len);
        if (!p.value) {
            size_t l;
            if (post_param(post, "SAMLRequest", &l) && st->saml_requests++ == 0)
                st->first_request_entry = idx;
            continue;
        }
        p.entry = idx;
        p.method = method;
        p.url = url;
        p.when_kind = sc_json_time(e, "startedDateTime", &p.when);
        p.form_encoded = 1;
        p.relay = post_param(post, "RelayState", &p.relay_len);
        p.relay_form_encoded = 1;
        /* every SAMLResponse of the body, never silently only the first */
        p.value_count = post_param_count(post, "SAMLResponse");
        for (size_t k = 0; k < p.value_count; k++) {
            p.value_index = k + 1;
            if (k && !(p.value = post_param_nth(post, "SAMLResponse", k, &p.value_len)))
                break;
            int rc = cb(&p, payload);
            if (rc)
                return rc;
        }
    }
    return 0;
}
