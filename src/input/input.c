/* Input decoding entry point (RULES.md section 4): detect what the user
 * captured and unwrap it into response documents, in the order of
 * input/undecodable: form body -> SAMLResponse percent-decoded; spaces ->
 * '+'; XML whitespace removed; strict base64 (RFC 4648 section 4); the
 * result must start, after an optional BOM and XML whitespace, with '<'.
 * Every failure is a finding; a negative return only means out of memory. */
#include "input.h"
#include "../base/base.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parameters kept from one form body. */
#define MAX_FORM_PARAMS 1000
/* Labels listed in the input/multiple-saml message. */
#define MAX_LISTED 20

static const char hint_deflate[] =
    "The decoded bytes look like raw DEFLATE: that is the HTTP-Redirect binding (SAML 2.0 "
    "Bindings, section 3.4.4), which deflates the message before base64-encoding it. AWS uses the "
    "HTTP-POST "
    "binding, whose SAMLResponse is the plain base64 of the XML: capture the POST to "
    "https://signin.aws.amazon.com/saml instead (the AWS guide \"View a SAML response in "
    "your browser\" shows how).";
static const char hint_xml_value[] =
    "The SAMLResponse value is already XML. The HTTP-POST binding sends the base64 of the "
    "XML: pass the XML file itself, or the value exactly as the browser posted it.";
static const char hint_urlsafe[] =
    "The value uses the URL-safe base64 alphabet ('-' and '_'). AWS expects the standard "
    "alphabet ('+' and '/') of RFC 4648 section 4: copy the SAMLResponse exactly as the "
    "browser posted it.";
static const char hint_pem[] =
    "This is a PEM block, not a SAML response. Check a private key with `samlcheck key`, "
    "and pass IdP metadata with `samlcheck metadata` or --metadata.";
static const char hint_capture[] =
    "Pass the SAMLResponse the browser posted to https://signin.aws.amazon.com/saml: as "
    "raw XML, its base64, the form body (SAMLResponse=...), a HAR export (DevTools, "
    "Network, \"Save all as HAR\") or a SAML-tracer export (the AWS guide \"View a SAML "
    "response in your browser\" shows how).";
static const char hint_request[] =
    "This is the SAMLRequest (AuthnRequest) leg. Capture the POST that carries the "
    "SAMLResponse to https://signin.aws.amazon.com/saml (the AWS guide \"View a SAML "
    "response in your browser\" shows how).";

/* The outcome of unwrapping one value. */
typedef struct unwrapped {
    unsigned char *xml; /* owned */
    size_t xml_len;
    size_t encoded_len;
    int unpadded;     /* on success: the final '=' padding was missing (count) */
    sc_rule_id rule;  /* on failure: INPUT_UNDECODABLE or INPUT_TOO_LARGE */
    char msg[512];    /* on failure */
    const char *hint; /* on failure: static, or NULL for the rule's */
} unwrapped;

typedef struct dctx {
    sc_input_list *out;
    size_t cap;
    const char *name;
    const samlcheck_options *o;
    samlcheck_report *r;
    size_t dropped;      /* responses beyond SC_INPUT_MAX_ITEMS */
    size_t failures;     /* input/... findings added */
    size_t same_request; /* requests / form bodies carrying more than one SAMLResponse */
} dctx;

static void describe_start(const unsigned char *d, size_t len, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < len && i < 8 && n + 6 < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%02X", i ? " " : "", d[i]);
}

/* Percent-decode a HAR value into *dec; *val and *len then describe it.
 * 0, 1 (u->msg set: a malformed escape) or ENOMEM. */
static int percent_decode(unwrapped *u, const char **val, size_t *len, char **dec)
{
    size_t dlen = 0, bad = 0;
    int rc = sc_form_unescape(dec, &dlen, *val, *len, &bad);
    if (rc == SAMLCHECK_EINVAL) {
        char frag[4] = {0};
        memcpy(frag, *val + bad, *len - bad < 3 ? *len - bad : 3);
        char *e = sc_str_escape(frag, 0);
        snprintf(u->msg, sizeof u->msg,
                 "the SAMLResponse value has a malformed percent-escape '%s' at offset %zu "
                 "(expected '%%' followed by two hex digits)",
                 e ? e : "%", bad);
        free(e);
        return 1;
    }
    if (rc)
        return rc;
    *val = *dec;
    *len = dlen;
    return 0;
}

/* Stray whitespace around a pasted value. */
static void trim_pasted(const char **val, size_t *len)
{
    while (*len && sc_is_xml_space((*val)[0])) {
        (*val)++;
        (*len)--;
    }
    while (*len && sc_is_xml_space((*val)[*len - 1]))
        (*len)--;
}

/* Strict base64 of @p val, normalised into *norm (*nlen characters) and
 * decoded into u->xml. 0, 1 (u->msg set) or ENOMEM. */
static int decode_value(unwrapped *u, const char *val, size_t len, char **norm, size_t *nlen)
{
    sc_b64_error be;
    char tmp[320];
    int rc;
    if ((rc = sc_b64_normalise(norm, nlen, val, len)))
        return rc;
    /* RULES.md 0.2 input/undecodable: final padding missing (no '=' at all,
     * length 2 or 3 mod 4) is decoded, with an info finding; Java's
     * decoders, which AWS's sign-in runs on, accept it. A length of 1 mod 4
     * cannot be base64 and stays an error. */
    rc = sc_b64_decode(&u->xml, &u->xml_len, *norm, *nlen, SC_B64_UNPADDED, &be);
    if (rc == 0)
        u->unpadded = be.unpadded;
    if (rc != SAMLCHECK_EINVAL)
        return rc;
    size_t skip = sc_input_skip_ws((const unsigned char *)val, len);
    if (skip < len && val[skip] == '<') {
        snprintf(u->msg, sizeof u->msg,
                 "the SAMLResponse value is raw XML where base64 was expected");
        u->hint = hint_xml_value;
    } else {
        snprintf(u->msg, sizeof u->msg, "the SAMLResponse is not valid base64: %s",
                 sc_b64_describe(&be, tmp, sizeof tmp));
        if (be.status == SC_B64_URLSAFE)
            u->hint = hint_urlsafe;
    }
    return 1;
}

/* The decoded bytes: within --max-input-bytes, and XML. 0, or 1 with
 * u->rule and u->msg set. */
static int check_decoded(unwrapped *u, const samlcheck_options *o)
{
    char tmp[320];
    if (o->max_input_bytes && u->xml_len > o->max_input_bytes) {
        u->rule = SC_RULE_INPUT_TOO_LARGE;
        snprintf(u->msg, sizeof u->msg,
                 "the decoded document is %zu bytes, more than the input cap of %zu bytes "
                 "(--max-input-bytes)",
                 u->xml_len, o->max_input_bytes);
        return 1;
    }
    if (!sc_input_starts_xml(u->xml, u->xml_len)) {
        describe_start(u->xml, u->xml_len, tmp, sizeof tmp);
        if (u->xml_len == 0)
            snprintf(u->msg, sizeof u->msg, "the base64 decodes to nothing");
        else
            snprintf(u->msg, sizeof u->msg,
                     "the base64 decodes to %zu bytes of %s, not XML: a SAML response starts "
                     "with '<' (found bytes %s)",
                     u->xml_len, sc_input_describe(u->xml, u->xml_len), tmp);
        if (sc_input_looks_deflate(u->xml, u->xml_len))
            u->hint = hint_deflate;
        return 1;
    }
    return 0;
}

/* Unwrap one SAMLResponse value. @p percent: still needs percent-decoding
 * (HAR); @p form_value: went through form decoding, so a space may be a
 * '+' (never trimmed). Returns 0 (u->xml set), 1 (u->msg set), or ENOMEM. */
static int unwrap(unwrapped *u, const char *val, size_t len, int percent, int form_value,
                  const samlcheck_options *o)
{
    char *dec = NULL, *norm = NULL;
    size_t nlen = 0;
    int rc = 0;

    memset(u, 0, sizeof *u);
    u->rule = SC_RULE_INPUT_UNDECODABLE;
    if (percent && (rc = percent_decode(u, &val, &len, &dec)))
        goto out;
    if (!form_value)
        trim_pasted(&val, &len);
    if ((rc = decode_value(u, val, len, &norm, &nlen)) || (rc = check_decoded(u, o)))
        goto out;
    u->encoded_len = nlen;
out:
    if (rc) {
        free(u->xml);
        u->xml = NULL;
        u->xml_len = 0;
    }
    free(dec);
    free(norm);
    return rc;
}

/* Append an item; takes ownership of @p xml and @p label. */
static int add_item_take(dctx *c, char *label, unsigned char *xml, size_t xml_len,
                         size_t encoded_len, const char *encoding)
{
    sc_input_item *it;
    if (c->out->n >= SC_INPUT_MAX_ITEMS) {
        c->dropped++;
        free(label);
        free(xml);
        return 0;
    }
    if (c->out->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 4;
        sc_input_item *ni = realloc(c->out->items, nc * sizeof *ni);
        if (!ni) {
            free(label);
            free(xml);
            return SAMLCHECK_ENOMEM;
        }
        c->out->items = ni;
        c->cap = nc;
    }
    it = &c->out->items[c->out->n++];
    memset(it, 0, sizeof *it);
    it->label = label;
    it->xml = xml;
    it->xml_len = xml_len;
    it->encoded_len = encoded_len;
    it->encoding = encoding;
    return 0;
}

static int fail(dctx *c, sc_rule_id rule, const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int fail(dctx *c, sc_rule_id rule, const char *hint, const char *fmt, ...)
{
    va_list ap;
    c->failures++;
    va_start(ap, fmt);
    int rc = sc_report_vaddx(c->r, rule, sc_rule(rule)->severity, SC_AWS_DEFAULT, hint, SC_POS_NONE,
                             fmt, ap);
    va_end(ap);
    return rc;
}

/* An info finding saying what was unwrapped (RULES.md input/undecodable:
 * HTML page, SOAP envelope, base64 without its final padding). */
static int note(dctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int note(dctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_report_vaddx(c->r, SC_RULE_INPUT_UNDECODABLE, SAMLCHECK_SEV_INFO, NULL,
                             "none needed: this finding records how the input was read",
                             SC_POS_NONE, fmt, ap);
    va_end(ap);
    return rc;
}

static int note_unpadded(dctx *c, const char *label, int add)
{
    return note(c,
                "%s%sthe base64 lacks its final padding (%d '=' missing); decoded as Java's "
                "decoders, which AWS's sign-in runs on, accept it",
                label ? label : "", label ? ": " : "", add);
}

/* One value from a plain input (base64 file, form parameter). */
static int take_value(dctx *c, const char *label, const char *val, size_t len, int percent,
                      int form_value, const char *encoding, const char *relay)
{
    unwrapped u;
    int rc = unwrap(&u, val, len, percent, form_value, c->o);
    if (rc == 1)
        return fail(c, u.rule, u.hint, "%s%s%s", label ? label : "", label ? ": " : "", u.msg);
    if (rc)
        return rc;
    char *l = sc_strdup(label ? label : c->name);
    if (!l) {
        free(u.xml);
        return SAMLCHECK_ENOMEM;
    }
    size_t before = c->out->n;
    rc = add_item_take(c, l, u.xml, u.xml_len, u.encoded_len, encoding);
    if (!rc && relay && c->out->n > before &&
        !(c->out->items[before].relay_state = sc_str_escape(relay, 0)))
        rc = SAMLCHECK_ENOMEM;
    if (!rc && u.unpadded)
        rc = note_unpadded(c, label, u.unpadded);
    return rc;
}

/* A bare SAMLResponse value still URL-encoded (%2B, %2F, %3D) and
 * otherwise base64: step 1 of the unwrapping applies to it too. */
static int percent_encoded(const unsigned char *d, size_t len)
{
    int seen = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = d[i];
        if (ch == '%') {
            if (i + 2 >= len)
                return 0;
            char h[3] = {(char)d[i + 1], (char)(d[i + 2] | 0x20), 0};
            seen |= !strcmp(h, "2b") || !strcmp(h, "2f") || !strcmp(h, "3d");
            continue;
        }
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == '+' || ch == '/' || ch == '=' || sc_is_xml_space(ch)))
            return 0;
    }
    return seen;
}

static int decode_xml(dctx *c, const unsigned char *data, size_t len)
{
    unsigned char *x = (unsigned char *)sc_strndup((const char *)data, len);
    char *l = sc_strdup(c->name);
    if (!x || !l) {
        free(x);
        free(l);
        return SAMLCHECK_ENOMEM;
    }
    /* sc_strndup stops at a NUL; keep every byte (UTF-16 has NULs). */
    memcpy(x, data, len);
    return add_item_take(c, l, x, len, sc_b64_encoded_len(len), "xml");
}

static int decode_form(dctx *c, const unsigned char *data, size_t len)
{
    sc_form f;
    char *label = NULL;
    int rc;
    /* a trailing newline from a text editor or `echo` is not part of the body */
    while (len && sc_is_xml_space(data[len - 1]))
        len--;
    size_t skip = sc_input_skip_ws(data, len);
    rc = sc_form_parse(&f, (const char *)data + skip, len - skip, MAX_FORM_PARAMS);
    if (rc)
        return rc;
    size_t n = sc_form_count(&f, "SAMLResponse");
    const sc_form_param *relay = sc_form_get(&f, "RelayState", 0);
    if (n == 0) {
        if (sc_form_get(&f, "SAMLRequest", 0))
            rc = fail(c, SC_RULE_INPUT_UNDECODABLE, hint_request,
                      "the form body carries a SAMLRequest (an AuthnRequest) but no SAMLResponse "
                      "parameter");
        else
            rc = fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                      "the form body has %zu parameter%s but no SAMLResponse parameter", f.n,
                      f.n == 1 ? "" : "s");
        goto out;
    }
    if (n > 1)
        c->same_request++;
    for (size_t k = 0; k < n && rc == 0; k++) {
        const sc_form_param *p = sc_form_get(&f, "SAMLResponse", k);
        free(label);
        label = n > 1 ? sc_asprintf("%s (SAMLResponse #%zu)", c->name, k + 1) : NULL;
        if (n > 1 && !label) {
            rc = SAMLCHECK_ENOMEM;
            break;
        }
        if (p->malformed) {
            rc = fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                      "%s%sthe SAMLResponse value has a malformed percent-escape at offset %zu of "
                      "the body (expected '%%' followed by two hex digits)",
                      label ? label : "", label ? ": " : "", p->bad_offset + skip);
            continue;
        }
        rc = take_value(c, label, p->value, p->value_len, 0, 1, "form-urlencoded",
                        relay ? relay->value : NULL);
    }
out:
    free(label);
    sc_form_free(&f);
    return rc;
}

/* ---- an HTML page (the IdP's auto-post page, a saved page source) ---- */

static const char hint_html[] =
    "Pass the IdP's auto-post page (the HTML whose form holds <input name=\"SAMLResponse\" "
    "value=\"...\">), the SAMLResponse value itself, or a HAR export of the sign-in "
    "(the AWS guide \"View a SAML response in your browser\" shows how).";

static int decode_html(dctx *c, const unsigned char *data, size_t len)
{
    sc_html_scan s;
    char *label = NULL;
    int rc = sc_html_extract(&s, data, len, &c->o->limits);
    if (rc == SAMLCHECK_EINVAL)
        return fail(c, SC_RULE_INPUT_UNDECODABLE, hint_html,
                    "the input is an HTML page that cannot be read: %s", s.problem);
    if (rc)
        return rc;
    if (s.n == 0) {
        if (s.requests)
            rc = fail(c, SC_RULE_INPUT_UNDECODABLE, hint_request,
                      "the input is an HTML page whose form posts a SAMLRequest (an "
                      "AuthnRequest), not a SAMLResponse");
        else
            rc = fail(c, SC_RULE_INPUT_UNDECODABLE, hint_html,
                      "the input is an HTML page with no <input name=\"SAMLResponse\"> (%zu "
                      "form%s found%s%s)",
                      s.forms, s.forms == 1 ? "" : "s",
                      s.stopped[0] ? "; the HTML parser stopped early: " : "", s.stopped);
        goto out;
    }
    for (size_t k = 0; k < s.n && rc == 0; k++) {
        const sc_html_post *p = &s.posts[k];
        free(label);
        label = s.n > 1 ? sc_asprintf("%s (SAMLResponse #%zu)", c->name, k + 1) : NULL;
        if (s.n > 1 && !label) {
            rc = SAMLCHECK_ENOMEM;
            break;
        }
        size_t before = c->out->n, failures = c->failures;
        rc = take_value(c, label, p->value, p->value_len, 0, 0, "html-form", p->relay);
        if (rc)
            break;
        if (c->out->n > before) {
            sc_input_item *it = &c->out->items[before];
            if (p->action && !(it->post_url = sc_strdup(p->action))) {
                rc = SAMLCHECK_ENOMEM;
                break;
            }
        }
        if (c->out->n > before || c->failures > failures) {
            char *act = p->action ? sc_str_escape(p->action, 200) : NULL;
            rc = note(c,
                      "%s%sunwrapped from an HTML page: the value of <input "
                      "name=\"SAMLResponse\"> at line %d%s%s%s, character references decoded",
                      label ? label : "", label ? ": " : "", p->line,
                      act ? " of the form posting to \"" : "", act ? act : "", act ? "\"" : "");
            free(act);
        }
    }
    c->dropped += s.dropped;
out:
    free(label);
    sc_html_scan_free(&s);
    return rc;
}

/* ---- captures (HAR, SAML-tracer) ---- */

typedef struct capctx {
    dctx *c;
    const char *encoding;
} capctx;

static char *decode_relay(const sc_capture_post *p)
{
    char *dec = NULL, *esc;
    size_t dl, bad;
    if (!p->relay)
        return NULL;
    if (!p->relay_form_encoded || sc_form_unescape(&dec, &dl, p->relay, p->relay_len, &bad))
        dec = sc_strndup(p->relay, p->relay_len);
    esc = dec ? sc_str_escape(dec, 0) : NULL;
    free(dec);
    return esc;
}

static int on_post(const sc_capture_post *p, void *payload)
{
    capctx *cc = payload;
    dctx *c = cc->c;
    char *url = sc_str_escape(p->url ? p->url : "(no URL)", 300);
    char *label = !url ? NULL
                  : p->value_count > 1
                      ? sc_asprintf("%s#%d (%s %s, SAMLResponse #%zu of %zu)", c->name, p->entry,
                                    p->method, url, p->value_index, p->value_count)
                      : sc_asprintf("%s#%d (%s %s)", c->name, p->entry, p->method, url);
    unwrapped u;
    int rc = 0;

    memset(&u, 0, sizeof u);
    if (!label) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    const char *encoding = cc->encoding;
    if (p->value_count > 1 && p->value_index == 1)
        c->same_request++;
    rc = p->value ? unwrap(&u, p->value, p->value_len, p->form_encoded, p->form_encoded, c->o) : 1;
    if (rc == 1 && p->saml) {
        /* SAML-tracer: the POST value was filtered, use the decoded message */
        if (c->o->max_input_bytes && p->saml_len > c->o->max_input_bytes) {
            rc = fail(c, SC_RULE_INPUT_TOO_LARGE, NULL,
                      "%s: the decoded document is %zu bytes, more than the input cap of %zu "
                      "bytes (--max-input-bytes)",
                      label, p->saml_len, c->o->max_input_bytes);
            goto out;
        }
        u.xml = malloc(p->saml_len + 1);
        if (!u.xml) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
        memcpy(u.xml, p->saml, p->saml_len);
        u.xml[p->saml_len] = '\0';
        u.xml_len = p->saml_len;
        u.encoded_len = sc_b64_encoded_len(p->saml_len);
        encoding = "saml-tracer-decoded";
        rc = 0;
    } else if (rc == 1) {
        rc = fail(c, u.rule, u.hint, "%s: %s", label, u.msg);
        goto out;
    }
    if (rc)
        goto out;
    size_t before = c->out->n;
    if (u.unpadded && (rc = note_unpadded(c, label, u.unpadded)))
        goto out;
    rc = add_item_take(c, label, u.xml, u.xml_len, u.encoded_len, encoding);
    label = NULL;
    u.xml = NULL;
    if (!rc && c->out->n > before) {
        sc_input_item *it = &c->out->items[before];
        it->entry = p->entry;
        it->when = p->when;
        it->when_kind = p->when_kind;
        it->post_url = p->url ? sc_strdup(p->url) : NULL;
        it->relay_state = decode_relay(p);
        if ((p->url && !it->post_url) || (p->relay && !it->relay_state))
            rc = SAMLCHECK_ENOMEM;
    }
out:
    free(u.xml);
    free(label);
    free(url);
    return rc;
}

static int no_saml(dctx *c, const sc_capture_stats *st, const char *what)
{
    int only = c->o->har_entry;
    if (only && st->entries == 0)
        return fail(c, SC_RULE_INPUT_HAR_NO_SAML, NULL,
                    "--har-entry %d asks for an entry the %s does not have (it has %zu)", only,
                    what, st->total);
    if (st->saml_requests)
        return fail(c, SC_RULE_INPUT_HAR_NO_SAML, hint_request,
                    "no POST in the %s carries a SAMLResponse: it holds only the SAMLRequest "
                    "(AuthnRequest) leg (%zu POST%s, the first at entry #%d)",
                    what, st->saml_requests, st->saml_requests == 1 ? "" : "s",
                    st->first_request_entry);
    if (st->get_responses)
        return fail(c, SC_RULE_INPUT_HAR_NO_SAML, NULL,
                    "no POST in the %s carries a SAMLResponse; entry #%d sends one in a GET "
                    "query (HTTP-Redirect binding), which AWS does not accept",
                    what, st->first_get_entry);
    if (only)
        return fail(c, SC_RULE_INPUT_HAR_NO_SAML, NULL,
                    "entry #%d of the %s is not a POST with a SAMLResponse form parameter", only,
                    what);
    return fail(c, SC_RULE_INPUT_HAR_NO_SAML, NULL,
                "none of the %zu entries of the %s (%zu POST request%s) carries a SAMLResponse "
                "form parameter",
                st->entries, what, st->posts, st->posts == 1 ? "" : "s");
}

static const char *json_looks_like(const json_t *root)
{
    if (json_is_object(root)) {
        if (json_object_get(root, "Statement") || json_object_get(root, "Version"))
            return " (it looks like an IAM policy: use `samlcheck policy`)";
        if (json_object_get(root, "AssumeRolePolicyDocument") ||
            json_object_get(root, "SAMLMetadataDocument") || json_object_get(root, "Role") ||
            json_object_get(root, "SAMLProviderArn"))
            return " (it looks like AWS configuration: use `samlcheck config`)";
        if (json_object_get(root, "SAMLResponse") || json_object_get(root, "SAMLAssertion"))
            return " (it holds a SAML field: pass its value alone)";
    }
    return "";
}

static int decode_json(dctx *c, const unsigned char *data, size_t len, samlcheck_input_format fmt)
{
    json_error_t je;
    size_t skip = sc_input_skip_ws(data, len); /* a UTF-8 BOM trips jansson */
    json_t *root = json_loadb((const char *)data + skip, len - skip, 0, &je);
    sc_capture_stats st;
    capctx cc = {c, NULL};
    int rc = 0, har;

    if (!root) {
        char *e = sc_str_escape(je.text, 200);
        rc = fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                  "the input starts like JSON (a HAR or SAML-tracer export) but does not parse: "
                  "line %d, column %d: %s",
                  je.line, je.column, e ? e : "syntax error");
        free(e);
        return rc;
    }
    if (fmt == SAMLCHECK_INPUT_HAR)
        har = 1;
    else if (fmt == SAMLCHECK_INPUT_TRACER)
        har = 0;
    else if (json_is_object(root) && json_object_get(root, "log"))
        har = 1;
    else if (json_is_object(root) && json_object_get(root, "requests"))
        har = 0;
    else {
        rc = fail(c, SC_RULE_INPUT_UNDECODABLE, hint_capture,
                  "the input is a JSON document but neither a HAR 1.2 export (log.entries) nor a "
                  "SAML-tracer export (requests)%s",
                  json_looks_like(root));
        goto out;
    }
    cc.encoding = har ? "har" : "saml-tracer";
    rc = har ? sc_har_walk(root, c->o->har_entry, on_post, &cc, &st)
             : sc_tracer_walk(root, c->o->har_entry, on_post, &cc, &st);
    if (rc == SAMLCHECK_EINVAL) {
        rc = fail(c, SC_RULE_INPUT_UNDECODABLE, NULL, "the input is not a %s: %s",
                  har ? "HAR 1.2 export" : "SAML-tracer export", st.problem);
        goto out;
    }
    if (rc)
        goto out;
    if (c->out->n == 0 && c->failures == 0)
        rc = no_saml(c, &st, har ? "HAR" : "SAML-tracer export");
out:
    json_decref(root);
    return rc;
}

static int multiple(dctx *c)
{
    sc_buf b = SC_BUF_INIT;
    size_t n = c->out->n;
    int rc = sc_buf_printf(
        &b, "%zu SAML responses found, each checked as its own result: ", n + c->dropped);
    for (size_t i = 0; i < n && i < MAX_LISTED && !rc; i++)
        rc = sc_buf_printf(&b, "%s%s", i ? "; " : "", c->out->items[i].label);
    if (!rc && n > MAX_LISTED)
        rc = sc_buf_printf(&b, "; and %zu more", n - MAX_LISTED);
    if (!rc && c->dropped)
        rc = sc_buf_printf(&b, " (%zu beyond the first %d were skipped)", c->dropped,
                           SC_INPUT_MAX_ITEMS);
    if (!rc && c->same_request)
        rc = sc_buf_printf(&b,
                           ". %zu request%s carr%s more than one SAMLResponse parameter in one "
                           "body: AWS reads one of them, and which one is undocumented",
                           c->same_request, c->same_request == 1 ? "" : "s",
                           c->same_request == 1 ? "ies" : "y");
    if (!rc)
        rc = sc_report_add(c->r, SC_RULE_INPUT_MULTIPLE_SAML, SC_POS_NONE, "%s", b.data);
    sc_buf_free(&b);
    return rc;
}

static const char *fmt_name(samlcheck_input_format f)
{
    switch (f) {
    case SAMLCHECK_INPUT_XML: return "xml";
    case SAMLCHECK_INPUT_BASE64: return "base64";
    case SAMLCHECK_INPUT_FORM: return "form";
    case SAMLCHECK_INPUT_HAR: return "har";
    case SAMLCHECK_INPUT_TRACER: return "tracer";
    default: return "auto";
    }
}

/* --input-format names the format: the input must be of it. */
static int decode_as(dctx *c, const unsigned char *data, size_t len, samlcheck_input_format fmt,
                     sc_input_kind kind, const char *looks)
{
    switch (fmt) {
    case SAMLCHECK_INPUT_XML:
        if (kind == SC_INPUT_KIND_XML)
            return decode_xml(c, data, len);
        return fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                    "--input-format xml, but the input does not start with '<' (it looks like "
                    "%s)",
                    looks);
    case SAMLCHECK_INPUT_BASE64:
        return take_value(c, NULL, (const char *)data, len, 0, 0, "base64", NULL);
    case SAMLCHECK_INPUT_FORM:
        if (kind == SC_INPUT_KIND_XML || kind == SC_INPUT_KIND_JSON || kind == SC_INPUT_KIND_PEM ||
            !memchr(data, '=', len))
            return fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                        "--input-format form, but the input is not a form body "
                        "(SAMLResponse=...&RelayState=...; it looks like %s)",
                        kind == SC_INPUT_KIND_XML ? "XML" : looks);
        return decode_form(c, data, len);
    default: /* SAMLCHECK_INPUT_HAR, SAMLCHECK_INPUT_TRACER */
        if (kind == SC_INPUT_KIND_JSON)
            return decode_json(c, data, len, fmt);
        return fail(c, SC_RULE_INPUT_UNDECODABLE, NULL,
                    "--input-format %s, but the input is not JSON (it looks like %s)",
                    fmt_name(fmt), kind == SC_INPUT_KIND_XML ? "XML" : looks);
    }
}

/* Text that is no container: a bare SAMLResponse value, percent-encoded
 * (copied as sent) or not. */
static int decode_text(dctx *c, const unsigned char *data, size_t len, const char *looks)
{
    if (strcmp(looks, "plain text") == 0) {
        unwrapped u;
        int rc = unwrap(&u, (const char *)data, len, 0, 0, c->o);
        if (rc == 1)
            return fail(c, SC_RULE_INPUT_UNDECODABLE, hint_capture,
                        "the input looks like plain text, not a SAML response (raw XML, "
                        "base64, a form body, a HAR or a SAML-tracer export): %s",
                        u.msg);
        if (rc)
            return rc;
        free(u.xml); /* decodable after all: take it the normal way */
    }
    if (percent_encoded(data, len)) /* a SAMLResponse value copied as sent */
        return take_value(c, NULL, (const char *)data, len, 1, 1, "url-encoded-base64", NULL);
    return take_value(c, NULL, (const char *)data, len, 0, 0, "base64", NULL);
}

/* --input-format auto: by what the input looks like. */
static int decode_detected(dctx *c, const unsigned char *data, size_t len, sc_input_kind kind,
                           const char *looks)
{
    switch (kind) {
    case SC_INPUT_KIND_XML:
        return sc_input_looks_html(data, len) ? decode_html(c, data, len)
                                              : decode_xml(c, data, len);
    case SC_INPUT_KIND_JSON: return decode_json(c, data, len, SAMLCHECK_INPUT_AUTO);
    case SC_INPUT_KIND_FORM: return decode_form(c, data, len);
    case SC_INPUT_KIND_PEM:
        return fail(c, SC_RULE_INPUT_UNDECODABLE, hint_pem,
                    "the input is a PEM block, not a SAML response (raw XML, base64, a form "
                    "body, a HAR or a SAML-tracer export)");
    case SC_INPUT_KIND_EMPTY:
        return fail(c, SC_RULE_INPUT_UNDECODABLE, NULL, "the input holds only whitespace");
    case SC_INPUT_KIND_BINARY: {
        char start[64];
        describe_start(data, len, start, sizeof start);
        return fail(c, SC_RULE_INPUT_UNDECODABLE,
                    sc_input_looks_deflate(data, len) ? hint_deflate : hint_capture,
                    "the input is %s, not a SAML response (it starts with bytes %s)", looks, start);
    }
    default: return decode_text(c, data, len, looks);
    }
}

int sc_input_decode(sc_input_list *out, const char *name, const unsigned char *data, size_t len,
                    const samlcheck_options *opts, samlcheck_report *r)
{
    dctx c;
    int rc = 0;
    samlcheck_input_format fmt = opts->input_format;

    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.out = out;
    c.name = name ? name : "input";
    c.o = opts;
    c.r = r;

    if (len == 0) {
        rc = fail(&c, SC_RULE_INPUT_UNREADABLE, NULL, "%s is empty", c.name);
        goto out;
    }
    if (opts->max_input_bytes && len > opts->max_input_bytes) {
        rc = fail(&c, SC_RULE_INPUT_TOO_LARGE, NULL,
                  "%s is %zu bytes, more than the input cap of %zu bytes (--max-input-bytes)",
                  c.name, len, opts->max_input_bytes);
        goto out;
    }
    sc_input_kind kind = sc_input_detect(data, len);
    const char *looks = sc_input_describe(data, len);
    switch (fmt) {
    case SAMLCHECK_INPUT_XML:
    case SAMLCHECK_INPUT_BASE64:
    case SAMLCHECK_INPUT_FORM:
    case SAMLCHECK_INPUT_HAR:
    case SAMLCHECK_INPUT_TRACER: rc = decode_as(&c, data, len, fmt, kind, looks); break;
    default: rc = decode_detected(&c, data, len, kind, looks); break;
    }
    if (rc)
        goto out;
    if (out->n > 1 || c.dropped)
        rc = multiple(&c);
out:
    if (rc) {
        sc_input_list_free(out);
        return rc;
    }
    if (out->n == 0) {
        if (c.failures == 0)
            rc = fail(&c, SC_RULE_INPUT_UNDECODABLE, NULL, "no SAML response found in the input");
        sc_report_set_fatal(r);
    }
    return rc;
}

void sc_input_list_free(sc_input_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].label);
        free(l->items[i].xml);
        free(l->items[i].post_url);
        free(l->items[i].relay_state);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
