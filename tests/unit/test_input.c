/* Unit tests of the input layer (src/input/): strict base64, form
 * decoding, detection, HAR and SAML-tracer exports, and sc_input_decode
 * over the fixtures of testdata/input/ (testdata/gen/make-input-fixtures.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"
#include "input/input.h"
#include "xml/xml.h"
#include "base/base.h"

typedef struct fx {
    samlcheck_report *r;
    samlcheck_options o;
    sc_input_list l;
    unsigned char *tpl; /* testdata/gen/templates/response-ok.xml */
    size_t tpl_len;
} fx;

static unsigned char *slurp(const char *rel, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", top ? top : "..", rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    unsigned char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    assert_non_null(f);
    assert_int_equal(samlcheck_report_new(&f->r, "t", "response"), 0);
    f->o = o;
    f->o.now = 1748779200LL; /* 2025-06-01T12:00:00Z */
    f->tpl = slurp("testdata/gen/templates/response-ok.xml", &f->tpl_len);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    sc_input_list_free(&f->l);
    samlcheck_report_free(f->r);
    free(f->tpl);
    free(f);
    return 0;
}

static size_t count_rule(const samlcheck_report *r, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(r); i++)
        n += strcmp(samlcheck_report_at(r, i)->rule, id) == 0;
    return n;
}

static const samlcheck_finding *first_of(const samlcheck_report *r, const char *id)
{
    for (size_t i = 0; i < samlcheck_report_count(r); i++)
        if (strcmp(samlcheck_report_at(r, i)->rule, id) == 0)
            return samlcheck_report_at(r, i);
    return NULL;
}

static void decode_mem(fx *f, const char *name, const void *data, size_t len)
{
    assert_int_equal(sc_input_decode(&f->l, name, data, len, &f->o, f->r), 0);
}

static void decode_file(fx *f, const char *name)
{
    char rel[256];
    size_t len;
    snprintf(rel, sizeof rel, "testdata/input/%s", name);
    unsigned char *d = slurp(rel, &len);
    decode_mem(f, name, d, len);
    free(d);
}

/* The decoded document is the template, byte for byte. */
static void assert_is_template(const fx *f, size_t i)
{
    assert_true(i < f->l.n);
    assert_int_equal(f->l.items[i].xml_len, f->tpl_len);
    assert_memory_equal(f->l.items[i].xml, f->tpl, f->tpl_len);
    assert_int_equal(f->l.items[i].xml[f->tpl_len], '\0');
}

static void assert_fatal_with(const fx *f, const char *rule)
{
    assert_int_equal(f->l.n, 0);
    assert_true(samlcheck_report_is_fatal(f->r));
    assert_int_equal(samlcheck_report_count(f->r), 1);
    assert_int_equal(count_rule(f->r, rule), 1);
}

/* ---------------- base64 ---------------- */

static int b64(const char *in, char *out, size_t size, sc_b64_error *e)
{
    char *norm = NULL;
    size_t nlen = 0, dlen = 0;
    unsigned char *d = NULL;
    assert_int_equal(sc_b64_normalise(&norm, &nlen, in, strlen(in)), 0);
    int rc = sc_b64_decode(&d, &dlen, norm, nlen, 0, e);
    if (rc == 0) {
        assert_true(dlen < size);
        memcpy(out, d, dlen);
        out[dlen] = '\0';
    }
    free(d);
    free(norm);
    return rc;
}

static void b64_decode__padded_quanta__decodes(void **state)
{
    (void)state;
    char out[64];
    sc_b64_error e;
    assert_int_equal(b64("TWFu", out, sizeof out, &e), 0);
    assert_string_equal(out, "Man");
    assert_int_equal(b64("TWE=", out, sizeof out, &e), 0);
    assert_string_equal(out, "Ma");
    assert_int_equal(b64("TQ==", out, sizeof out, &e), 0);
    assert_string_equal(out, "M");
    assert_int_equal(b64("PHNhbWxwOlJlc3BvbnNlLz4=", out, sizeof out, &e), 0);
    assert_string_equal(out, "<samlp:Response/>");
}

static void b64_decode__line_breaks_lf_crlf_tab__ignored(void **state)
{
    (void)state;
    char out[64];
    sc_b64_error e;
    assert_int_equal(b64("PHNhbWxw\nOlJlc3Bv\r\nbnNlLz4=\r\n", out, sizeof out, &e), 0);
    assert_string_equal(out, "<samlp:Response/>");
    assert_int_equal(b64("\tTW\tFu", out, sizeof out, &e), 0);
    assert_string_equal(out, "Man");
}

static void b64_normalise__space__becomes_plus(void **state)
{
    (void)state;
    char *n = NULL;
    size_t len = 0;
    assert_int_equal(sc_b64_normalise(&n, &len, "ab c\r\nd e", 9), 0);
    assert_string_equal(n, "ab+cd+e");
    assert_int_equal(len, 7);
    free(n);
}

static void b64_decode__missing_padding__bad_length(void **state)
{
    (void)state;
    char out[64];
    sc_b64_error e;
    assert_int_equal(b64("TWE", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_LENGTH);
    assert_int_equal(e.length, 3);
    assert_int_equal(b64("TQ", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_LENGTH);
}

static void b64_decode__extra_padding__bad_padding(void **state)
{
    (void)state;
    char out[64];
    sc_b64_error e;
    assert_int_equal(b64("TQ===", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING);
    assert_int_equal(b64("TWFu====", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING);
    assert_int_equal(b64("TWE==", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING);
}

static void b64_decode__equals_in_middle__bad_padding_at_offset(void **state)
{
    (void)state;
    char out[64];
    sc_b64_error e;
    assert_int_equal(b64("TQ==TWFu", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING);
    assert_int_equal(e.offset, 2);
    assert_int_equal(b64("TW=u", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING);
}

static void b64_decode__urlsafe_alphabet__rejected(void **state)
{
    (void)state;
    char out[64], msg[256];
    sc_b64_error e;
    assert_int_equal(b64("ab-_", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_URLSAFE);
    assert_int_equal(e.offset, 2);
    assert_int_equal(e.ch, '-');
    assert_non_null(strstr(sc_b64_describe(&e, msg, sizeof msg), "URL-safe"));
    assert_int_equal(b64("abc_", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_URLSAFE);
    assert_int_equal(e.ch, '_');
}

static void b64_decode__non_ascii__bad_char(void **state)
{
    (void)state;
    char out[64], msg[256];
    sc_b64_error e;
    assert_int_equal(b64("TW\xC3\xA9u", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_CHAR);
    assert_int_equal(e.offset, 2);
    assert_int_equal(e.ch, 0xC3);
    assert_non_null(strstr(sc_b64_describe(&e, msg, sizeof msg), "0xC3"));
    assert_int_equal(b64("TW!u", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_CHAR);
}

static void b64_decode__empty__rejected(void **state)
{
    (void)state;
    char out[8];
    sc_b64_error e;
    assert_int_equal(b64("", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_EMPTY);
    assert_int_equal(b64("\r\n\t", out, sizeof out, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_EMPTY);
}

static void b64_encoded_len__rounds_up_to_quanta(void **state)
{
    (void)state;
    assert_int_equal(sc_b64_encoded_len(0), 0);
    assert_int_equal(sc_b64_encoded_len(1), 4);
    assert_int_equal(sc_b64_encoded_len(3), 4);
    assert_int_equal(sc_b64_encoded_len(4), 8);
    assert_int_equal(sc_b64_encoded_len(2679), 3572);
}

/* ---------------- form ---------------- */

static void form_unescape__percent_and_plus__decoded(void **state)
{
    (void)state;
    char *o = NULL;
    size_t n = 0, bad = 0;
    assert_int_equal(sc_form_unescape(&o, &n, "a%2Bb+c%2f%3D", 13, &bad), 0);
    assert_string_equal(o, "a+b c/=");
    free(o);
    /* '+' -> space -> '+' again through base64 normalisation */
    char *norm = NULL;
    assert_int_equal(sc_form_unescape(&o, &n, "ab+c", 4, &bad), 0);
    assert_int_equal(sc_b64_normalise(&norm, &n, o, n), 0);
    assert_string_equal(norm, "ab+c");
    free(o);
    free(norm);
}

static void form_unescape__malformed_escape__einval_at_offset(void **state)
{
    (void)state;
    char *o = NULL;
    size_t n = 0, bad = 99;
    assert_int_equal(sc_form_unescape(&o, &n, "ab%G1", 5, &bad), SAMLCHECK_EINVAL);
    assert_null(o);
    assert_int_equal(bad, 2);
    assert_int_equal(sc_form_unescape(&o, &n, "abc%", 4, &bad), SAMLCHECK_EINVAL);
    assert_int_equal(bad, 3);
    assert_int_equal(sc_form_unescape(&o, &n, "abc%4", 5, &bad), SAMLCHECK_EINVAL);
    assert_int_equal(bad, 3);
}

static void form_parse__several_params__decoded_in_order(void **state)
{
    (void)state;
    sc_form f;
    const char *body =
        "SAMLResponse=PHN%2Bh&RelayState=https%3A%2F%2Fx%2Fy+z&&empty&SAMLResponse=Zm9v";
    assert_int_equal(sc_form_parse(&f, body, strlen(body), 100), 0);
    assert_int_equal(f.n, 4);
    assert_int_equal(sc_form_count(&f, "SAMLResponse"), 2);
    assert_string_equal(sc_form_get(&f, "SAMLResponse", 0)->value, "PHN+h");
    assert_string_equal(sc_form_get(&f, "SAMLResponse", 1)->value, "Zm9v");
    assert_string_equal(sc_form_get(&f, "RelayState", 0)->value, "https://x/y z");
    assert_string_equal(sc_form_get(&f, "empty", 0)->value, "");
    assert_null(sc_form_get(&f, "SAMLRequest", 0));
    sc_form_free(&f);
}

static void form_parse__malformed_relaystate__flags_only_that_param(void **state)
{
    (void)state;
    sc_form f;
    const char *body = "RelayState=%ZZ&SAMLResponse=YQ%3D%3D";
    assert_int_equal(sc_form_parse(&f, body, strlen(body), 100), 0);
    assert_true(sc_form_get(&f, "RelayState", 0)->malformed);
    assert_int_equal(sc_form_get(&f, "RelayState", 0)->bad_offset, 11);
    assert_false(sc_form_get(&f, "SAMLResponse", 0)->malformed);
    assert_string_equal(sc_form_get(&f, "SAMLResponse", 0)->value, "YQ==");
    sc_form_free(&f);
}

static void form_parse__many_params__capped(void **state)
{
    (void)state;
    sc_form f;
    sc_buf b = SC_BUF_INIT;
    for (int i = 0; i < 5000; i++)
        assert_int_equal(sc_buf_printf(&b, "a%d=%d&", i, i), 0);
    assert_int_equal(sc_form_parse(&f, b.data, b.len, 1000), 0);
    assert_int_equal(f.n, 1000);
    sc_form_free(&f);
    sc_buf_free(&b);
}

static void form_sniff__saml_params__recognised(void **state)
{
    (void)state;
    assert_true(sc_form_sniff("SAMLResponse=abc", 16));
    assert_true(sc_form_sniff("RelayState=x&SAMLResponse=abc", 29));
    assert_true(sc_form_sniff("SAMLRequest=abc", 15));
    assert_false(sc_form_sniff("xSAMLResponse=abc", 17));
    assert_false(sc_form_sniff("PHNhbWxw", 8));
    size_t vl;
    const char *v =
        sc_form_find_raw("RelayState=x&SAMLResponse=ab%2B&z=1", 35, "SAMLResponse", &vl);
    assert_non_null(v);
    assert_int_equal(vl, 5);
    assert_memory_equal(v, "ab%2B", 5);
}

/* ---------------- detection ---------------- */

static void detect__each_kind__recognised(void **state)
{
    (void)state;
    const struct {
        const char *s;
        sc_input_kind k;
    } v[] = {
        {"<samlp:Response/>", SC_INPUT_KIND_XML},
        {"\xEF\xBB\xBF \n<?xml version=\"1.0\"?><a/>", SC_INPUT_KIND_XML},
        {"  {\"log\":{}}", SC_INPUT_KIND_JSON},
        {"[1]", SC_INPUT_KIND_JSON},
        {"-----BEGIN PRIVATE KEY-----\n", SC_INPUT_KIND_PEM},
        {"SAMLResponse=abc&RelayState=x", SC_INPUT_KIND_FORM},
        {"RelayState=x&SAMLResponse=abc", SC_INPUT_KIND_FORM},
        {"PHNhbWxwOlJlc3BvbnNl", SC_INPUT_KIND_BASE64},
        {"hello world", SC_INPUT_KIND_BASE64},
        {" \r\n\t", SC_INPUT_KIND_EMPTY},
        {"\x01\x02garbage", SC_INPUT_KIND_BINARY},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        assert_int_equal(sc_input_detect((const unsigned char *)v[i].s, strlen(v[i].s)), v[i].k);
    /* UTF-16 with a BOM is XML (the XML layer reports the encoding) */
    assert_int_equal(sc_input_detect((const unsigned char *)"\xFF\xFE<\0a\0", 6),
                     SC_INPUT_KIND_XML);
}

static void detect__deflate_fixture__looks_deflate(void **state)
{
    (void)state;
    size_t len, dlen, nlen;
    unsigned char *b = slurp("testdata/input/undecodable-deflate.b64", &len), *d = NULL;
    char *norm = NULL;
    sc_b64_error e;
    assert_int_equal(sc_b64_normalise(&norm, &nlen, (char *)b, len), 0);
    assert_int_equal(sc_b64_decode(&d, &dlen, norm, nlen, 0, &e), 0);
    assert_true(sc_input_looks_deflate(d, dlen));
    assert_string_equal(sc_input_describe(d, dlen), "raw DEFLATE data");
    assert_false(sc_input_looks_deflate((const unsigned char *)"<a/>", 4));
    assert_false(sc_input_looks_deflate((const unsigned char *)"plain ascii text here", 21));
    free(b);
    free(d);
    free(norm);
}

static void root_is_response__prefixes_and_prolog__sniffed(void **state)
{
    (void)state;
    const char *a = "<?xml version=\"1.0\"?><!-- c --><samlp:Response ID=\"x\"/>";
    const char *b = "<Response>";
    const char *c = "<samlp:AuthnRequest/>";
    const char *d = "<samlp:ResponseX/>";
    assert_true(sc_input_root_is_response(a, strlen(a)));
    assert_true(sc_input_root_is_response(b, strlen(b)));
    assert_false(sc_input_root_is_response(c, strlen(c)));
    assert_false(sc_input_root_is_response(d, strlen(d)));
}

/* ---------------- sc_input_decode ---------------- */

static void decode__raw_xml__one_item_with_base64_length(void **state)
{
    fx *f = *state;
    decode_mem(f, "r.xml", f->tpl, f->tpl_len);
    assert_int_equal(f->l.n, 1);
    assert_is_template(f, 0);
    assert_string_equal(f->l.items[0].label, "r.xml");
    assert_string_equal(f->l.items[0].encoding, "xml");
    assert_int_equal(f->l.items[0].encoded_len, sc_b64_encoded_len(f->tpl_len));
    assert_int_equal(samlcheck_report_count(f->r), 0);
    assert_false(samlcheck_report_is_fatal(f->r));
}

static void decode__base64_wrapped_crlf_oneline__same_document(void **state)
{
    fx *f = *state;
    const char *files[] = {"response-ok.b64", "response-ok-crlf.b64", "response-ok-oneline.b64"};
    for (size_t i = 0; i < 3; i++) {
        decode_file(f, files[i]);
        assert_int_equal(f->l.n, 1);
        assert_is_template(f, 0);
        assert_string_equal(f->l.items[0].encoding, "base64");
        assert_int_equal(f->l.items[0].encoded_len, sc_b64_encoded_len(f->tpl_len));
        sc_input_list_free(&f->l);
    }
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__base64_with_bom__kept_for_the_xml_layer(void **state)
{
    fx *f = *state;
    decode_file(f, "response-ok-bom.b64");
    assert_int_equal(f->l.n, 1);
    assert_int_equal(f->l.items[0].xml_len, f->tpl_len + 3);
    assert_memory_equal(f->l.items[0].xml, "\xEF\xBB\xBF<", 4);
}

static void decode__form_body__value_and_relay_state(void **state)
{
    fx *f = *state;
    decode_file(f, "response-ok.form");
    assert_int_equal(f->l.n, 1);
    assert_is_template(f, 0);
    assert_string_equal(f->l.items[0].encoding, "form-urlencoded");
    assert_string_equal(f->l.items[0].relay_state,
                        "https://console.aws.amazon.com/console/home?region=us-east-1");
    assert_int_equal(f->l.items[0].encoded_len, sc_b64_encoded_len(f->tpl_len));
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__form_with_raw_plus__plus_restored(void **state)
{
    fx *f = *state;
    /* "<a>?>>" encodes to base64 with '+' and '/', sent unescaped */
    const char *xml = "<a>?>>~~~</a>";
    size_t n = strlen(xml);
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char enc[64], body[128];
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)xml[i] << 16 |
                     (i + 1 < n ? (unsigned char)xml[i + 1] << 8 : 0) |
                     (i + 2 < n ? (unsigned char)xml[i + 2] : 0);
        enc[k++] = tbl[v >> 18 & 63];
        enc[k++] = tbl[v >> 12 & 63];
        enc[k++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
        enc[k++] = i + 2 < n ? tbl[v & 63] : '=';
    }
    enc[k] = '\0';
    assert_non_null(strchr(enc, '+'));
    snprintf(body, sizeof body, "SAMLResponse=%s", enc);
    decode_mem(f, "b.form", body, strlen(body));
    assert_int_equal(f->l.n, 1);
    assert_string_equal((char *)f->l.items[0].xml, xml);
}

static void decode__form_with_two_responses__two_items_and_info(void **state)
{
    fx *f = *state;
    decode_file(f, "response-ok-two.form");
    assert_int_equal(f->l.n, 2);
    assert_is_template(f, 0);
    assert_string_equal(f->l.items[1].label, "response-ok-two.form (SAMLResponse #2)");
    assert_int_equal(count_rule(f->r, "input/multiple-saml"), 1);
    assert_int_equal(first_of(f->r, "input/multiple-saml")->severity, SAMLCHECK_SEV_INFO);
    assert_false(samlcheck_report_is_fatal(f->r));
}

static void decode__browser_hars__entry_labelled_with_url(void **state)
{
    fx *f = *state;
    const char *files[] = {"chrome.har", "firefox.har", "safari.har"};
    for (size_t i = 0; i < 3; i++) {
        char want[128];
        decode_file(f, files[i]);
        assert_int_equal(f->l.n, 1);
        assert_is_template(f, 0);
        snprintf(want, sizeof want, "%s#6 (POST https://signin.aws.amazon.com/saml)", files[i]);
        assert_string_equal(f->l.items[0].label, want);
        assert_string_equal(f->l.items[0].encoding, "har");
        assert_string_equal(f->l.items[0].post_url, "https://signin.aws.amazon.com/saml");
        assert_string_equal(f->l.items[0].relay_state,
                            "https://console.aws.amazon.com/console/home?region=us-east-1");
        assert_int_equal(f->l.items[0].entry, 6);
        assert_int_equal(f->l.items[0].encoded_len, sc_b64_encoded_len(f->tpl_len));
        sc_input_list_free(&f->l);
    }
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__har_two_signins__two_items_listed_in_info(void **state)
{
    fx *f = *state;
    decode_file(f, "chrome-two-signins.har");
    assert_int_equal(f->l.n, 2);
    assert_int_equal(f->l.items[0].entry, 6);
    assert_int_equal(f->l.items[1].entry, 8);
    assert_null(f->l.items[1].relay_state);
    const samlcheck_finding *m = first_of(f->r, "input/multiple-saml");
    assert_non_null(m);
    assert_non_null(
        strstr(m->message, "chrome-two-signins.har#6 (POST https://signin.aws.amazon.com/saml)"));
    assert_non_null(strstr(m->message, "chrome-two-signins.har#8 (POST"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void decode__har_entry_option__only_that_entry(void **state)
{
    fx *f = *state;
    f->o.har_entry = 8;
    decode_file(f, "chrome-two-signins.har");
    assert_int_equal(f->l.n, 1);
    assert_int_equal(f->l.items[0].entry, 8);
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__har_entry_not_a_saml_post__har_no_saml(void **state)
{
    fx *f = *state;
    f->o.har_entry = 3;
    decode_file(f, "chrome.har");
    assert_fatal_with(f, "input/har-no-saml");
    assert_non_null(strstr(first_of(f->r, "input/har-no-saml")->message, "entry #3"));
}

static void decode__har_entry_beyond_the_end__har_no_saml(void **state)
{
    fx *f = *state;
    f->o.har_entry = 99;
    decode_file(f, "chrome.har");
    assert_fatal_with(f, "input/har-no-saml");
    assert_non_null(strstr(first_of(f->r, "input/har-no-saml")->message, "--har-entry 99"));
}

static void decode__har_saml_request_only__har_no_saml(void **state)
{
    fx *f = *state;
    decode_file(f, "har-request-only.har");
    assert_fatal_with(f, "input/har-no-saml");
    assert_non_null(strstr(first_of(f->r, "input/har-no-saml")->message, "SAMLRequest"));
}

static void decode__har_get_entries_only__har_no_saml(void **state)
{
    fx *f = *state;
    decode_file(f, "har-no-saml.har");
    assert_fatal_with(f, "input/har-no-saml");
}

static void decode__har_missing_fields_and_wrong_types__skipped(void **state)
{
    fx *f = *state;
    const char *har =
        "{\"log\":{\"entries\":[1,null,{\"request\":5},{\"request\":{\"method\":7}},"
        "{\"request\":{\"method\":\"POST\",\"postData\":\"x\"}},"
        "{\"request\":{\"method\":\"POST\",\"postData\":{\"params\":\"nope\",\"text\":5}}},"
        "{\"request\":{\"method\":\"POST\",\"postData\":{\"params\":[7,{\"name\":3}]}}},"
        "{\"request\":{\"method\":\"GET\",\"url\":\"https://x/?SAMLResponse=abc\"}}]}}";
    decode_mem(f, "odd.har", har, strlen(har));
    assert_fatal_with(f, "input/har-no-saml");
    /* the GET carrying a SAMLResponse is named */
    assert_non_null(strstr(first_of(f->r, "input/har-no-saml")->message, "GET"));
}

static void decode__har_params_without_saml_but_text__uses_text(void **state)
{
    fx *f = *state;
    const char *har =
        "{\"log\":{\"entries\":[{\"request\":{\"method\":\"POST\",\"url\":\"https://a/b\","
        "\"postData\":{\"params\":[{\"name\":\"x\",\"value\":\"1\"}],"
        "\"text\":\"x=1&SAMLResponse=PGEvPg%3D%3D\"}}}]}}";
    decode_mem(f, "t.har", har, strlen(har));
    assert_int_equal(f->l.n, 1);
    assert_string_equal((char *)f->l.items[0].xml, "<a/>");
    assert_string_equal(f->l.items[0].label, "t.har#1 (POST https://a/b)");
    assert_int_equal(f->l.items[0].encoded_len, 8);
}

static void decode__har_not_a_har__undecodable(void **state)
{
    fx *f = *state;
    decode_file(f, "har-bad-entries.har");
    assert_fatal_with(f, "input/undecodable");
}

static void decode__har_bad_value__undecodable_names_entry(void **state)
{
    fx *f = *state;
    decode_file(f, "har-undecodable.har");
    assert_fatal_with(f, "input/undecodable");
    const samlcheck_finding *u = first_of(f->r, "input/undecodable");
    assert_non_null(strstr(u->message, "har-undecodable.har#6 (POST"));
    assert_non_null(strstr(u->message, "URL-safe"));
}

static void decode__saml_tracer__post_value_used(void **state)
{
    fx *f = *state;
    decode_file(f, "saml-tracer.json");
    assert_int_equal(f->l.n, 1);
    assert_is_template(f, 0);
    assert_string_equal(f->l.items[0].encoding, "saml-tracer");
    assert_string_equal(f->l.items[0].label,
                        "saml-tracer.json#3 (POST https://signin.aws.amazon.com/saml)");
    assert_non_null(f->l.items[0].relay_state);
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__saml_tracer_filtered__decoded_saml_field_used(void **state)
{
    fx *f = *state;
    decode_file(f, "saml-tracer-filtered.json");
    assert_int_equal(f->l.n, 1);
    assert_is_template(f, 0);
    assert_string_equal(f->l.items[0].encoding, "saml-tracer-decoded");
    assert_int_equal(f->l.items[0].encoded_len, sc_b64_encoded_len(f->tpl_len));
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__saml_tracer_request_only__har_no_saml(void **state)
{
    fx *f = *state;
    decode_file(f, "saml-tracer-request-only.json");
    assert_fatal_with(f, "input/har-no-saml");
}

static void decode__deflated_payload__undecodable_with_redirect_hint(void **state)
{
    fx *f = *state;
    decode_file(f, "undecodable-deflate.b64");
    assert_fatal_with(f, "input/undecodable");
    const samlcheck_finding *u = first_of(f->r, "input/undecodable");
    assert_non_null(strstr(u->hint, "HTTP-Redirect"));
}

static void decode__not_text_after_base64__undecodable(void **state)
{
    fx *f = *state;
    decode_file(f, "undecodable-not-xml.b64");
    assert_fatal_with(f, "input/undecodable");
    assert_non_null(strstr(first_of(f->r, "input/undecodable")->message, "not XML"));
}

static void decode__undecodable_fixtures__one_fatal_finding_each(void **state)
{
    fx *f = *state;
    const char *files[] = {
        "undecodable-urlsafe.b64",       "undecodable-padding.b64", "undecodable-mid-padding.b64",
        "undecodable-bad-char.b64",      "undecodable-plain.txt",   "undecodable-policy.json",
        "undecodable-json-syntax.json",  "undecodable-pem.pem",     "undecodable-form-percent.form",
        "undecodable-form-request.form", "undecodable-binary.bin",  "whitespace.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, files[i], "response"), 0);
        decode_file(f, files[i]);
        assert_fatal_with(f, "input/undecodable");
    }
}

static void decode__json_policy__hint_names_policy(void **state)
{
    fx *f = *state;
    decode_file(f, "undecodable-policy.json");
    assert_non_null(strstr(first_of(f->r, "input/undecodable")->message, "policy"));
}

static void decode__forced_format_mismatch__undecodable(void **state)
{
    fx *f = *state;
    const struct {
        samlcheck_input_format fmt;
        const char *file;
    } v[] = {
        {SAMLCHECK_INPUT_XML, "response-ok.b64"},     {SAMLCHECK_INPUT_FORM, "response-ok.b64"},
        {SAMLCHECK_INPUT_BASE64, "response-ok.form"}, {SAMLCHECK_INPUT_HAR, "response-ok.form"},
        {SAMLCHECK_INPUT_HAR, "saml-tracer.json"},    {SAMLCHECK_INPUT_TRACER, "chrome.har"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, v[i].file, "response"), 0);
        f->o.input_format = v[i].fmt;
        decode_file(f, v[i].file);
        assert_fatal_with(f, "input/undecodable");
    }
}

static void decode__forced_format_matching__decodes(void **state)
{
    fx *f = *state;
    f->o.input_format = SAMLCHECK_INPUT_HAR;
    decode_file(f, "firefox.har");
    assert_int_equal(f->l.n, 1);
    sc_input_list_free(&f->l);
    f->o.input_format = SAMLCHECK_INPUT_BASE64;
    decode_file(f, "response-ok.b64");
    assert_int_equal(f->l.n, 1);
    assert_is_template(f, 0);
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

static void decode__over_the_cap__too_large(void **state)
{
    fx *f = *state;
    f->o.max_input_bytes = 1000;
    decode_file(f, "response-ok.b64");
    assert_fatal_with(f, "input/too-large");
}

static void decode__empty_input__unreadable(void **state)
{
    fx *f = *state;
    decode_mem(f, "e", "", 0);
    assert_fatal_with(f, "input/unreadable");
}

static void decode__har_with_thousands_of_entries__bounded(void **state)
{
    fx *f = *state;
    sc_buf b = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&b, "{\"log\":{\"entries\":["), 0);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(
            sc_buf_printf(&b,
                          "%s{\"request\":{\"method\":\"POST\",\"url\":\"https://a/%d\","
                          "\"postData\":{\"text\":\"SAMLResponse=PGEvPg%%3D%%3D\"}}}",
                          i ? "," : "", i),
            0);
    assert_int_equal(sc_buf_puts(&b, "]}}"), 0);
    decode_mem(f, "big.har", b.data, b.len);
    assert_int_equal(f->l.n, SC_INPUT_MAX_ITEMS);
    const samlcheck_finding *m = first_of(f->r, "input/multiple-saml");
    assert_non_null(m);
    assert_non_null(strstr(m->message, "3000 SAML responses"));
    assert_non_null(strstr(m->message, "skipped"));
    sc_buf_free(&b);
}

static void decode__bare_url_encoded_value__percent_decoded(void **state)
{
    fx *f = *state;
    const char *v = "PGEvPg%3D%3D\n";
    decode_mem(f, "v.txt", v, strlen(v));
    assert_int_equal(f->l.n, 1);
    assert_string_equal((char *)f->l.items[0].xml, "<a/>");
    assert_string_equal(f->l.items[0].encoding, "url-encoded-base64");
    assert_int_equal(f->l.items[0].encoded_len, 8);
}

static void decode__har_with_utf8_bom__parsed(void **state)
{
    fx *f = *state;
    const char *har = "\xEF\xBB\xBF{\"log\":{\"entries\":[{\"request\":{\"method\":\"POST\","
                      "\"url\":\"https://a/b\",\"postData\":{\"params\":[{\"name\":"
                      "\"SAMLResponse\",\"value\":\"PGEvPg%3D%3D\"}]}}}]}}";
    decode_mem(f, "bom.har", har, strlen(har));
    assert_int_equal(f->l.n, 1);
    assert_string_equal((char *)f->l.items[0].xml, "<a/>");
}

static void check_response_input__two_signins__one_report_each(void **state)
{
    fx *f = *state;
    size_t len, n = 0;
    samlcheck_report **rs = NULL;
    unsigned char *d = slurp("testdata/input/chrome-two-signins.har", &len);
    assert_int_equal(samlcheck_check_response_input(&rs, &n, "cap.har", d, len, &f->o, NULL), 0);
    assert_int_equal(n, 2);
    assert_string_equal(samlcheck_report_input(rs[0]),
                        "cap.har#6 (POST https://signin.aws.amazon.com/saml)");
    assert_string_equal(samlcheck_report_input(rs[1]),
                        "cap.har#8 (POST https://signin.aws.amazon.com/saml)");
    assert_int_equal(count_rule(rs[0], "input/multiple-saml"), 1);
    assert_int_equal(count_rule(rs[1], "input/multiple-saml"), 0);
    for (size_t i = 0; i < n; i++) {
        json_t *sum = sc_report_summary(rs[i]);
        assert_string_equal(json_string_value(json_object_get(sum, "encoding")), "har");
        assert_string_equal(json_string_value(json_object_get(sum, "post_url")),
                            "https://signin.aws.amazon.com/saml");
        assert_false(samlcheck_report_is_fatal(rs[i]));
    }
    assert_string_equal(json_string_value(json_object_get(sc_report_summary(rs[0]), "relay_state")),
                        "https://console.aws.amazon.com/console/home?region=us-east-1");
    assert_null(json_object_get(sc_report_summary(rs[1]), "relay_state"));
    samlcheck_reports_free(rs, n);
    free(d);
}

static void check_response_input__undecodable__single_fatal_report(void **state)
{
    fx *f = *state;
    size_t len, n = 0;
    samlcheck_report **rs = NULL;
    unsigned char *d = slurp("testdata/input/undecodable-urlsafe.b64", &len);
    assert_int_equal(samlcheck_check_response_input(&rs, &n, "u.b64", d, len, &f->o, NULL), 0);
    assert_int_equal(n, 1);
    assert_true(samlcheck_report_is_fatal(rs[0]));
    assert_int_equal(samlcheck_report_count(rs[0]), 1);
    assert_int_equal(count_rule(rs[0], "input/undecodable"), 1);
    assert_int_equal(samlcheck_report_exit_status(rs[0], 0), 2);
    assert_string_equal(samlcheck_report_input(rs[0]), "u.b64");
    samlcheck_reports_free(rs, n);
    free(d);
}

/* ---- containers (RULES.md 0.2 input/undecodable, issue 7 item 11) ---- */

static void looks_html__pages_not_xml(void **state)
{
    (void)state;
    static const char *const yes[] = {
        "<!DOCTYPE html>\n<html>",
        "<!doctype HTML><title>x</title>",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" \"x\">",
        "\xEF\xBB\xBF  <!-- saved --><HTML lang=en>",
        "<form method=\"post\" action=\"x\">",
        "<body onload=\"document.forms[0].submit()\">"};
    static const char *const no[] = {"<samlp:Response xmlns:samlp=\"x\">",
                                     "<Response>",
                                     "<soap:Envelope>",
                                     "<!DOCTYPE foo>",
                                     "<htmlx>",
                                     "<html:div xmlns:html=\"http://www.w3.org/1999/xhtml\">",
                                     "",
                                     "<!-- only"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        assert_true(sc_input_looks_html((const unsigned char *)yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        assert_false(sc_input_looks_html((const unsigned char *)no[i], strlen(no[i])));
}

static void html_extract__character_references_action_relay(void **state)
{
    (void)state;
    const char *page =
        "<!DOCTYPE html><html><body><!-- <input name=\"SAMLResponse\" value=\"no\"> -->"
        "<script>if (a < b) x();</script>"
        "<form action=\"https&#x3a;&#x2f;&#x2f;signin.aws.amazon.com&#x2f;saml\" method=\"post\">"
        "<input type=\"hidden\" name=\"RelayState\" value=\"a&amp;b\">"
        "<input type=\"hidden\" name=\"SAMLResponse\" value=\"PD9&#43;a&#x2f;b&#61;\">"
        "</form></body></html>";
    sc_html_scan s;
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    assert_int_equal(sc_html_extract(&s, (const unsigned char *)page, strlen(page), &lim), 0);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.posts[0].value, "PD9+a/b=");
    assert_string_equal(s.posts[0].action, "https://signin.aws.amazon.com/saml");
    assert_string_equal(s.posts[0].relay, "a&b");
    assert_int_equal(s.forms, 1);
    sc_html_scan_free(&s);
    /* the pre-scan refuses a tag with more attributes than the limit,
     * before the parser's quadratic duplicate check runs */
    sc_buf b = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&b, "<html><body><input"), 0);
    for (int k = 0; k < 65; k++)
        assert_int_equal(sc_buf_printf(&b, " a%d=1", k), 0);
    assert_int_equal(sc_buf_puts(&b, "></body></html>"), 0);
    assert_int_equal(sc_html_extract(&s, (const unsigned char *)b.data, b.len, &lim),
                     SAMLCHECK_EINVAL);
    assert_non_null(strstr(s.problem, "more than 64 attributes"));
    sc_buf_free(&b);
    /* and more than 200,000 attributes in all (3,200 tags of 63): the sum
     * of the squares is what the parser would spend */
    sc_buf c = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&c, "<html><body>"), 0);
    for (int t = 0; t < 3200; t++) {
        assert_int_equal(sc_buf_puts(&c, "<i"), 0);
        for (int k = 0; k < 63; k++)
            assert_int_equal(sc_buf_printf(&c, " a%d=1", k), 0);
        assert_int_equal(sc_buf_puts(&c, ">"), 0);
    }
    assert_int_equal(sc_html_extract(&s, (const unsigned char *)c.data, c.len, &lim),
                     SAMLCHECK_EINVAL);
    assert_non_null(strstr(s.problem, "attributes in all"));
    sc_buf_free(&c);
    /* and more than 100,000 pieces of markup (PIs here) */
    sc_buf m = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&m, "<html><body>"), 0);
    for (int t = 0; t < 100001; t++)
        assert_int_equal(sc_buf_puts(&m, "<?x?>"), 0);
    assert_int_equal(sc_html_extract(&s, (const unsigned char *)m.data, m.len, &lim),
                     SAMLCHECK_EINVAL);
    assert_non_null(strstr(s.problem, "markup"));
    sc_buf_free(&m);
}

/* libxml2's HTML parser stops at a nesting depth of 256; the stop is
 * recognised by its error code (not its wording) and said in plain words. */
static void html_extract__deep_nesting__stop_named(void **state)
{
    (void)state;
    sc_buf b = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&b, "<html><body>"), 0);
    for (int k = 0; k < 300; k++)
        assert_int_equal(sc_buf_puts(&b, "<div>"), 0);
    assert_int_equal(sc_buf_puts(&b, "x</body></html>"), 0);
    sc_html_scan s;
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    sc_html_extract(&s, (const unsigned char *)b.data, b.len, &lim);
    assert_string_equal(s.stopped, "elements nested deeper than 256 levels");
    sc_html_scan_free(&s);
    sc_buf_free(&b);
#if LIBXML_VERSION >= 21100
    assert_true(sc_html_error_is_depth(XML_FROM_HTML, XML_ERR_RESOURCE_LIMIT));
#else
    assert_true(sc_html_error_is_depth(XML_FROM_PARSER, XML_ERR_INTERNAL_ERROR));
#endif
    assert_false(sc_html_error_is_depth(XML_FROM_HTML, XML_ERR_NAME_REQUIRED));
    assert_false(sc_html_error_is_depth(XML_FROM_IO, XML_ERR_INTERNAL_ERROR));
}

static void decode__html_autopost__unwrapped_with_info(void **state)
{
    fx *f = *state;
    decode_file(f, "html-autopost.html");
    assert_int_equal(f->l.n, 1);
    assert_string_equal(f->l.items[0].encoding, "html-form");
    assert_string_equal(f->l.items[0].post_url, "https://signin.aws.amazon.com/saml");
    assert_non_null(f->l.items[0].relay_state);
    assert_false(samlcheck_report_is_fatal(f->r));
    const samlcheck_finding *n = first_of(f->r, "input/undecodable");
    assert_non_null(n);
    assert_int_equal(n->severity, SAMLCHECK_SEV_INFO);
    assert_non_null(strstr(n->message, "HTML page"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void decode__html_pages_without_response__fatal(void **state)
{
    static const char *const pages[] = {"html-no-saml.html", "html-request.html",
                                        "html-truncated.html", "html-limits.html",
                                        "html-deep.html"};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        fx *f = *state;
        sc_input_list_free(&f->l);
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, "t", "response"), 0);
        decode_file(f, pages[i]);
        assert_fatal_with(f, "input/undecodable");
        assert_int_equal(first_of(f->r, "input/undecodable")->severity, SAMLCHECK_SEV_ERROR);
    }
}

static void decode__unpadded_base64__decoded_with_info(void **state)
{
    fx *f = *state;
    decode_file(f, "response-unpadded-2.b64");
    assert_int_equal(f->l.n, 1);
    const samlcheck_finding *n = first_of(f->r, "input/undecodable");
    assert_non_null(n);
    assert_int_equal(n->severity, SAMLCHECK_SEV_INFO);
    assert_non_null(strstr(n->message, "2 '=' missing"));
    /* length 1 mod 4 can never be base64 */
    sc_input_list_free(&f->l);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t", "response"), 0);
    decode_mem(f, "x", "PD94b", 5);
    assert_fatal_with(f, "input/undecodable");
}

static void decode__two_responses_in_one_har_entry__both_checked(void **state)
{
    static const char *const files[] = {"har-two-in-one-entry.har", "har-two-in-one-entry-text.har",
                                        "saml-tracer-two-in-one.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        fx *f = *state;
        sc_input_list_free(&f->l);
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, "t", "response"), 0);
        decode_file(f, files[i]);
        assert_int_equal(f->l.n, 2);
        assert_non_null(strstr(f->l.items[0].label, "SAMLResponse #1 of 2"));
        assert_non_null(strstr(f->l.items[1].label, "SAMLResponse #2 of 2"));
        assert_int_equal(f->l.items[0].entry, f->l.items[1].entry);
        /* two different documents, not the first one twice */
        assert_true(f->l.items[0].xml_len != f->l.items[1].xml_len ||
                    memcmp(f->l.items[0].xml, f->l.items[1].xml, f->l.items[0].xml_len) != 0);
        const samlcheck_finding *m = first_of(f->r, "input/multiple-saml");
        assert_non_null(m);
        assert_non_null(strstr(m->message, "more than one SAMLResponse parameter in one body"));
    }
}

static void unwrap_soap__artifact_response__response_is_the_document(void **state)
{
    fx *f = *state;
    decode_file(f, "soap-artifact.xml");
    assert_int_equal(f->l.n, 1);
    assert_int_equal(sc_xml_unwrap_soap(&f->l, &f->o.limits, f->r), 0);
    assert_int_equal(f->l.n, 1);
    const char *x = (const char *)f->l.items[0].xml;
    assert_string_equal(f->l.items[0].encoding, "soap-envelope");
    assert_non_null(strstr(x, "<samlp:Response "));
    assert_null(strstr(x, "ArtifactResponse"));
    assert_null(strstr(x, "env:Body"));
    /* the prefix declared on the ArtifactResponse is declared on the Response */
    assert_non_null(strstr(x, "xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""));
    assert_int_equal(first_of(f->r, "input/undecodable")->severity, SAMLCHECK_SEV_INFO);
    /* a Fault: nothing to check, exit 2 */
    sc_input_list_free(&f->l);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t", "response"), 0);
    decode_file(f, "soap-fault.xml");
    assert_int_equal(sc_xml_unwrap_soap(&f->l, &f->o.limits, f->r), 0);
    assert_fatal_with(f, "input/undecodable");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(b64_decode__padded_quanta__decodes),
        cmocka_unit_test(b64_decode__line_breaks_lf_crlf_tab__ignored),
        cmocka_unit_test(b64_normalise__space__becomes_plus),
        cmocka_unit_test(b64_decode__missing_padding__bad_length),
        cmocka_unit_test(looks_html__pages_not_xml),
        cmocka_unit_test(html_extract__character_references_action_relay),
        cmocka_unit_test(html_extract__deep_nesting__stop_named),
        cmocka_unit_test_setup_teardown(decode__html_autopost__unwrapped_with_info, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__html_pages_without_response__fatal, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__unpadded_base64__decoded_with_info, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__two_responses_in_one_har_entry__both_checked, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(unwrap_soap__artifact_response__response_is_the_document,
                                        setup, teardown),
        cmocka_unit_test(b64_decode__extra_padding__bad_padding),
        cmocka_unit_test(b64_decode__equals_in_middle__bad_padding_at_offset),
        cmocka_unit_test(b64_decode__urlsafe_alphabet__rejected),
        cmocka_unit_test(b64_decode__non_ascii__bad_char),
        cmocka_unit_test(b64_decode__empty__rejected),
        cmocka_unit_test(b64_encoded_len__rounds_up_to_quanta),
        cmocka_unit_test(form_unescape__percent_and_plus__decoded),
        cmocka_unit_test(form_unescape__malformed_escape__einval_at_offset),
        cmocka_unit_test(form_parse__several_params__decoded_in_order),
        cmocka_unit_test(form_parse__malformed_relaystate__flags_only_that_param),
        cmocka_unit_test(form_parse__many_params__capped),
        cmocka_unit_test(form_sniff__saml_params__recognised),
        cmocka_unit_test(detect__each_kind__recognised),
        cmocka_unit_test(detect__deflate_fixture__looks_deflate),
        cmocka_unit_test(root_is_response__prefixes_and_prolog__sniffed),
        cmocka_unit_test_setup_teardown(decode__raw_xml__one_item_with_base64_length, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__base64_wrapped_crlf_oneline__same_document, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__base64_with_bom__kept_for_the_xml_layer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__form_body__value_and_relay_state, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__form_with_raw_plus__plus_restored, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__form_with_two_responses__two_items_and_info, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__browser_hars__entry_labelled_with_url, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_two_signins__two_items_listed_in_info, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_entry_option__only_that_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__har_entry_not_a_saml_post__har_no_saml, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_entry_beyond_the_end__har_no_saml, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_saml_request_only__har_no_saml, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_get_entries_only__har_no_saml, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__har_missing_fields_and_wrong_types__skipped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_params_without_saml_but_text__uses_text, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_not_a_har__undecodable, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__har_bad_value__undecodable_names_entry, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__saml_tracer__post_value_used, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__saml_tracer_filtered__decoded_saml_field_used,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(decode__saml_tracer_request_only__har_no_saml, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__deflated_payload__undecodable_with_redirect_hint,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(decode__not_text_after_base64__undecodable, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__undecodable_fixtures__one_fatal_finding_each, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__json_policy__hint_names_policy, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__forced_format_mismatch__undecodable, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__forced_format_matching__decodes, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__over_the_cap__too_large, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__empty_input__unreadable, setup, teardown),
        cmocka_unit_test_setup_teardown(decode__har_with_thousands_of_entries__bounded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__bare_url_encoded_value__percent_decoded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(decode__har_with_utf8_bom__parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(check_response_input__two_signins__one_report_each, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check_response_input__undecodable__single_fatal_report,
                                        setup, teardown),
    };
    assert_int_equal(samlcheck_global_init(), 0);
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    samlcheck_global_cleanup();
    return rc;
}
