#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "samlcheck/samlcheck.h"
#include "xml/xml.h"
#include "base/base.h"

typedef struct fx {
    samlcheck_report *r;
    xmlDocPtr doc;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_int_equal(samlcheck_global_init(), 0);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    xmlFreeDoc(f->doc);
    samlcheck_report_free(f->r);
    free(f);
    samlcheck_global_cleanup();
    return 0;
}

static int parse(fx *f, const char *s, const char *kind)
{
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    return sc_xml_parse(&f->doc, (const unsigned char *)s, strlen(s), kind, &lim, NULL, f->r);
}

static int has(fx *f, const char *rule)
{
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++)
        if (strcmp(samlcheck_report_at(f->r, i)->rule, rule) == 0)
            return 1;
    return 0;
}

static void parse__utf8_bom_metadata__error_and_still_parsed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "\xEF\xBB\xBF<a/>", "metadata"), 0);
    assert_non_null(f->doc);
    assert_true(has(f, "xml/bom"));
    assert_int_equal(samlcheck_report_at(f->r, 0)->severity, SAMLCHECK_SEV_ERROR);
    /* issue 7 item 10: Entra ID / Azure AD downloads carry this BOM */
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->message, "Entra ID / Azure AD"));
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->hint, "Microsoft Entra ID (Azure AD)"));
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->hint, "without BOM"));
}

static void parse__bom_in_response__warning_subcase(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "\xEF\xBB\xBF<a/>", "response"), 0);
    assert_int_equal(samlcheck_report_at(f->r, 0)->severity, SAMLCHECK_SEV_WARNING);
    assert_null(samlcheck_report_at(f->r, 0)->aws_error);
    /* the Entra note is about metadata downloads, not responses */
    assert_null(strstr(samlcheck_report_at(f->r, 0)->message, "Entra"));
    assert_null(strstr(samlcheck_report_at(f->r, 0)->hint, "Entra"));
}

static void parse__invalid_utf8__offset_reported_once(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a>\n b\xFF</a>", "metadata"), 0);
    assert_true(has(f, "xml/not-utf8"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
    assert_int_equal(samlcheck_report_at(f->r, 0)->line, 2);
    assert_non_null(strstr(samlcheck_report_at(f->r, 0)->message, "offset 6"));
}

static void parse__latin1_declaration__not_utf8(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<?xml version=\"1.0\" encoding='ISO-8859-1'?><a/>", "metadata"), 0);
    assert_true(has(f, "xml/not-utf8"));
}

static void parse__billion_laughs__dtd_refused_fast(void **state)
{
    fx *f = *state;
    const char *s = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                    "<lolz>&lol3;</lolz>";
    assert_int_equal(parse(f, s, "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/dtd"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void parse__external_entity__never_read(void **state)
{
    fx *f = *state;
    const char *s = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
    assert_int_equal(parse(f, s, "response"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/dtd"));
}

static void parse__undefined_entity__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<x>&e;</x>", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
}

static void parse__truncated__malformed_with_line(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a>\n<b>\n", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
    assert_true(samlcheck_report_at(f->r, 0)->line >= 2);
}

static void parse__undeclared_prefix__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<md:EntityDescriptor/>", "metadata"), 0);
    assert_null(f->doc);
    assert_true(has(f, "xml/malformed"));
}

static void parse__xml11__malformed(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<?xml version=\"1.1\"?><a/>", "metadata"), 0);
    assert_true(has(f, "xml/malformed"));
}

static void parse__deep_nesting__sec_limits(void **state)
{
    fx *f = *state;
    size_t n = 10000;
    char *s = malloc(n * 7 + 1), *p = s;
    for (size_t i = 0; i < n; i++, p += 3)
        memcpy(p, "<a>", 3);
    for (size_t i = 0; i < n; i++, p += 4)
        memcpy(p, "</a>", 4);
    *p = '\0';
    assert_int_equal(parse(f, s, "metadata"), 0);
    free(s);
    assert_null(f->doc);
    assert_true(has(f, "sec/limits"));
    assert_false(has(f, "xml/malformed"));
}

static void parse__many_attributes__sec_limits(void **state)
{
    fx *f = *state;
    char s[4096], *p = s;
    p += snprintf(p, 10, "<a ");
    for (int i = 0; i < 70; i++)
        p += snprintf(p, 20, "a%d='x' ", i);
    snprintf(p, 4, "/>");
    assert_int_equal(parse(f, s, "metadata"), 0);
    assert_true(has(f, "sec/limits"));
}

static void text__comment_inside__ambiguous_with_both_readings(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<n>user@example.com<!---->.evil.com</n>", "response"), 0);
    assert_non_null(f->doc);
    char *all = NULL, *first = NULL;
    int amb = 0;
    assert_int_equal(sc_xml_text(&all, xmlDocGetRootElement(f->doc), &amb, &first), 0);
    assert_true(amb);
    assert_string_equal(all, "user@example.com.evil.com");
    assert_string_equal(first, "user@example.com");
    free(all);
    free(first);
}

static void text__cdata_and_char_refs__concatenated(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<n>a&amp;<![CDATA[b<c]]>&#x41;</n>", "response"), 0);
    char *all = NULL;
    int amb = 1;
    assert_int_equal(sc_xml_text(&all, xmlDocGetRootElement(f->doc), &amb, NULL), 0);
    assert_false(amb);
    assert_string_equal(all, "a&b<cA");
    free(all);
}

static void helpers__namespace_not_prefix__matched(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f,
                           "<x:Response xmlns:x='" SC_NS_SAMLP "'><y:Issuer xmlns:y='" SC_NS_SAML
                           "'>i</y:Issuer><Issuer>no</Issuer></x:Response>",
                           "response"),
                     0);
    xmlNode *root = xmlDocGetRootElement(f->doc);
    assert_true(sc_xml_is(root, SC_NS_SAMLP, "Response"));
    assert_int_equal(sc_xml_count(root, SC_NS_SAML, "Issuer"), 1);
    char *path = sc_xml_path(sc_xml_child(root, SC_NS_SAML, "Issuer"));
    assert_string_equal(path, "/Response/Issuer[1]");
    free(path);
}

/* The names met by a pre-order walk of @p root's subtree; with @p skip,
 * elements of that name are not descended into. */
static void walk_names(const xmlNode *root, const char *skip, char *out, size_t cap)
{
    out[0] = '\0';
    for (const xmlNode *n = root; n;) {
        const char *name = n->type == XML_TEXT_NODE ? "#" : (const char *)n->name;
        strncat(out, name, cap - strlen(out) - 1);
        strncat(out, " ", cap - strlen(out) - 1);
        n = sc_xml_walk_next(n, root, !skip || strcmp((const char *)n->name, skip) != 0);
    }
}

static void walk__preorder_within_root_and_skip__in_order(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<r><a><b/><c>t<e/></c></a><d><g/></d></r>", "metadata"), 0);
    xmlNode *r = xmlDocGetRootElement(f->doc);
    char got[128];
    walk_names(r, NULL, got, sizeof got);
    assert_string_equal(got, "r a b c # e d g ");
    /* a subtree: never its following siblings nor its parent */
    walk_names(r->children, NULL, got, sizeof got);
    assert_string_equal(got, "a b c # e ");
    walk_names(r->children->children->next, NULL, got, sizeof got);
    assert_string_equal(got, "c # e ");
    /* skip a subtree */
    walk_names(r, "a", got, sizeof got);
    assert_string_equal(got, "r a d g ");
    /* a leaf, and a root not descended into: the walk ends at once */
    assert_null(sc_xml_walk_next(r->children->children, r->children->children, 1));
    assert_null(sc_xml_walk_next(r, r, 0));
    assert_null(sc_xml_walk_next(NULL, r, 1));
}

static void walk__deep_chain__iterative(void **state)
{
    (void)state;
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNode *root = xmlNewDocNode(doc, NULL, (const xmlChar *)"r", NULL), *cur = root;
    xmlDocSetRootElement(doc, root);
    for (int i = 0; i < 10000; i++)
        cur = xmlNewChild(cur, NULL, (const xmlChar *)"x", NULL);
    xmlNewChild(root, NULL, (const xmlChar *)"y", NULL);
    size_t n = 0, y = 0;
    for (xmlNode *w = root; w; w = sc_xml_walk_next(w, root, 1)) {
        n++;
        y += strcmp((const char *)w->name, "y") == 0;
    }
    assert_int_equal(n, 10002);
    assert_int_equal(y, 1);
    /* from the deepest node, the climb stops at the subtree root */
    assert_null(sc_xml_walk_next(cur, root->children, 1));
    xmlFreeDoc(doc);
}

static void ids__duplicate_and_bad_syntax__reported(void **state)
{
    fx *f = *state;
    assert_int_equal(
        parse(f, "<a ID='_x'><b ID='_x'/><c ID='1abc'/><d Id='_y'/><e id='_y'/></a>", "response"),
        0);
    assert_int_equal(sc_xml_check_ids(f->doc, f->r), 0);
    size_t dup = 0, syn = 0;
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++) {
        const char *rule = samlcheck_report_at(f->r, i)->rule;
        dup += strcmp(rule, "xml/duplicate-id") == 0;
        syn += strcmp(rule, "xml/id-syntax") == 0;
    }
    assert_int_equal(dup, 2);
    assert_int_equal(syn, 1);
}

static const samlcheck_finding *find(fx *f, const char *rule)
{
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++)
        if (strcmp(samlcheck_report_at(f->r, i)->rule, rule) == 0)
            return samlcheck_report_at(f->r, i);
    return NULL;
}

/* Attack: one invalid byte in a comment stops libxml2; before the fix a
 * response got only the xml/not-utf8 warning and exit 0 with no check run. */
static void parse__response_invalid_byte_in_comment__error_not_fail_open(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a><!-- \xFF --><b/></a>", "response"), 0);
    assert_null(f->doc);
    const samlcheck_finding *x = find(f, "xml/not-utf8");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_ERROR);
    assert_null(find(f, "xml/malformed")); /* one root cause */
}

static void parse__response_surrogate__error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<a>\xED\xA0\x80</a>", "response"), 0);
    assert_null(f->doc);
    const samlcheck_finding *x = find(f, "xml/not-utf8");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_ERROR);
    assert_non_null(strstr(x->message, "surrogate"));
}

static void parse__response_bogus_or_utf16_label__error(void **state)
{
    fx *f = *state;
    assert_int_equal(parse(f, "<?xml version='1.0' encoding='x-bogus'?><a/>", "response"), 0);
    assert_null(f->doc);
    assert_int_equal(find(f, "xml/not-utf8")->severity, SAMLCHECK_SEV_ERROR);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "response"), 0);
    assert_int_equal(parse(f, "<?xml version='1.0' encoding='UTF-16'?><a/>", "response"), 0);
    assert_null(f->doc);
    assert_int_equal(find(f, "xml/not-utf8")->severity, SAMLCHECK_SEV_ERROR);
    /* one root cause: libxml2 >= 2.13 reads the bytes after the label as
     * UTF-16 and fails with a syntax error (2.9: an encoding error) */
    assert_null(find(f, "xml/malformed"));
}

/* Legitimate twin: a declared single-byte encoding that still parses is the
 * warning sub-case, and the document is checked. */
static void parse__response_latin1_that_parses__warning_and_document(void **state)
{
    fx *f = *state;
    assert_int_equal(
        parse(f, "<?xml version='1.0' encoding='ISO-8859-1'?><a><!-- r\xE9sum\xE9 --></a>",
              "response"),
        0);
    assert_non_null(f->doc);
    const samlcheck_finding *x = find(f, "xml/not-utf8");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static int parse_n(fx *f, const char *s, size_t n, const char *kind)
{
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    return sc_xml_parse(&f->doc, (const unsigned char *)s, n, kind, &lim, NULL, f->r);
}

/* "<x a0='' a1='' ... />" with @p n attributes, optionally as UTF-16LE. */
static char *many_attrs(size_t n, const char *decl, int utf16, size_t *len)
{
    size_t cap = n * 16 + 256, k = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    k += (size_t)snprintf(s, cap, "%s<x ", decl);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k, "a%zu='' ", i);
    k += (size_t)snprintf(s + k, cap - k, "/>");
    if (!utf16) {
        *len = k;
        return s;
    }
    char *w = malloc(2 * k + 2);
    assert_non_null(w);
    w[0] = '\xFF';
    w[1] = '\xFE';
    for (size_t i = 0; i < k; i++) {
        w[2 + 2 * i] = s[i];
        w[3 + 2 * i] = 0;
    }
    free(s);
    *len = 2 * k + 2;
    return w;
}

static void expect_prescan_limit(fx *f, const char *what)
{
    const samlcheck_finding *x = find(f, "sec/limits");
    assert_null(f->doc);
    assert_non_null(x);
    assert_non_null(strstr(x->message, what));
    assert_non_null(strstr(x->message, "not parsed")); /* stopped before libxml2 */
}

/* Attack (issue 8 item 6): 1.5 million attributes on one element (11.8 MB)
 * hung libxml2 2.9's quadratic duplicate-attribute check for minutes before
 * the SAX hook ran; the pre-scan stops it before the parser starts. */
static void parse__million_attributes__stopped_before_parser(void **state)
{
    fx *f = *state;
    size_t len;
    char *s = many_attrs(1500000, "", 0, &len);
    assert_int_equal(parse_n(f, s, len, "response"), 0);
    free(s);
    expect_prescan_limit(f, "attributes per element");
}

/* The same attack in encodings the parser decodes first (UTF-16 with a BOM,
 * a declared UTF-7): the pre-scan reads what libxml2 reads. */
static void parse__many_attributes_utf16_utf7__stopped_before_parser(void **state)
{
    fx *f = *state;
    size_t len;
    char *s = many_attrs(200000, "", 1, &len);
    assert_int_equal(parse_n(f, s, len, "response"), 0);
    free(s);
    expect_prescan_limit(f, "attributes per element");
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "response"), 0);
    /* UTF-7: "<" is "+ADw-", "=" is "+AD0-", "'" is "+ACc-" */
    size_t n = 100000, cap = n * 32 + 128, k = 0;
    char *u = malloc(cap);
    assert_non_null(u);
    k += (size_t)snprintf(u, cap, "<?xml version='1.0' encoding='UTF-7'?>+ADw-x ");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(u + k, cap - k, "a%zu+AD0AJwAn- ", i);
    k += (size_t)snprintf(u + k, cap - k, "/+AD4-");
    assert_int_equal(parse_n(f, u, k, "response"), 0);
    free(u);
    expect_prescan_limit(f, "attributes per element");
}

/* Legitimate twins: the limit itself parses; '=' and '>' inside quoted
 * values, comments, CDATA and processing instructions are not attributes. */
static void parse__at_the_limits_and_markup_lookalikes__parsed(void **state)
{
    fx *f = *state;
    size_t len;
    char *s = many_attrs(64, "", 0, &len);
    assert_int_equal(parse_n(f, s, len, "response"), 0);
    free(s);
    assert_non_null(f->doc);
    xmlFreeDoc(f->doc);
    f->doc = NULL;
    sc_buf b = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&b, "<r a='x=y>z' b=\"=--&gt;=/>\"><!--"), 0);
    for (int i = 0; i < 200; i++)
        assert_int_equal(sc_buf_puts(&b, " p='' "), 0);
    assert_int_equal(sc_buf_puts(&b, "--><![CDATA[<c a='' b=''>]]><?pi x='' y=''?>"), 0);
    for (int i = 0; i < 64; i++) /* nesting exactly at the depth limit */
        assert_int_equal(sc_buf_puts(&b, "<d>"), 0);
    for (int i = 0; i < 64; i++)
        assert_int_equal(sc_buf_puts(&b, "</d>"), 0);
    assert_int_equal(sc_buf_puts(&b, "</r>"), 0);
    /* root + 64 nested = 65 levels: one over; drop one level */
    char *doc = strdup(b.data);
    sc_buf_free(&b);
    char *first = strstr(doc, "<d>");
    memmove(first, first + 3, strlen(first + 3) + 1);
    char *last = strstr(doc, "</d></r>");
    memmove(last, last + 4, strlen(last + 4) + 1);
    assert_int_equal(parse(f, doc, "response"), 0);
    free(doc);
    assert_non_null(f->doc);
    assert_int_equal(samlcheck_report_count(f->r), 0);
}

/* Namespace declarations in scope are bounded (64): libxml2 looks every
 * prefix up through all of them. 64 parse, 65 are stopped before parsing. */
static void parse__namespaces_in_scope__bounded(void **state)
{
    fx *f = *state;
    for (int extra = 0; extra < 2; extra++) {
        sc_buf b = SC_BUF_INIT;
        assert_int_equal(sc_buf_puts(&b, "<r"), 0);
        for (int i = 0; i < 32; i++)
            assert_int_equal(sc_buf_printf(&b, " xmlns:a%d='urn:a%d'", i, i), 0);
        assert_int_equal(sc_buf_puts(&b, "><s"), 0);
        for (int i = 0; i < 32 + extra; i++)
            assert_int_equal(sc_buf_printf(&b, " xmlns:b%d='urn:b%d'", i, i), 0);
        assert_int_equal(sc_buf_puts(&b, "><a0:x b0:y=''/></s><t xmlns:c='urn:c'/></r>"), 0);
        assert_int_equal(parse(f, b.data, "response"), 0);
        sc_buf_free(&b);
        if (!extra) {
            assert_non_null(f->doc);
            xmlFreeDoc(f->doc);
            f->doc = NULL;
        } else {
            expect_prescan_limit(f, "namespace declarations in scope");
        }
    }
}

/* After decryption the document is the Response with the EncryptedAssertion
 * replaced by the plaintext: duplicates inside the plaintext and against the
 * rest of the document are reported; the EncryptedAssertion's own IDs and
 * duplicates of the document alone (reported before) are not. */
static void ids_decrypted__plaintext_and_cross_duplicates_only(void **state)
{
    fx *f = *state;
    xmlDocPtr outer = NULL;
    const char *o = "<r ID='_r'><z ID='_z'/><y ID='_z'/><e Id='_ea'><x Id='_ek'/></e></r>";
    assert_int_equal(parse(f, o, "response"), 0);
    outer = f->doc;
    f->doc = NULL;
    assert_int_equal(parse(f,
                           "<a ID='_a'><k Id='_a'/><m id='_r'/><n ID='1x'/><q Id='_ea'/>"
                           "<q2 Id='_ek'/></a>",
                           "response"),
                     0);
    xmlNode *R = xmlDocGetRootElement(outer);
    xmlNode *enc = R->children->next->next;
    assert_string_equal((const char *)enc->name, "e");
    assert_int_equal(sc_xml_check_ids_decrypted(R, enc, xmlDocGetRootElement(f->doc), f->r), 0);
    size_t dup = 0, syn = 0;
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++) {
        const samlcheck_finding *x = samlcheck_report_at(f->r, i);
        dup += strcmp(x->rule, "xml/duplicate-id") == 0;
        syn += strcmp(x->rule, "xml/id-syntax") == 0;
        assert_non_null(strstr(x->message, "in the decrypted assertion"));
        assert_null(strstr(x->message, "_z"));
        assert_null(strstr(x->message, "_e"));
    }
    assert_int_equal(dup, 2); /* _a twice in the plaintext, _r against the Response */
    assert_int_equal(syn, 1);
    xmlFreeDoc(outer);
}

/* A declared single-byte encoding whose characters take three bytes in
 * UTF-8 (windows-1252 0x80 is U+20AC): the transcoding goes on until all
 * of the input is read, so attributes behind a long run are still seen. */
static void parse__cp1252_expanding_then_attributes__stopped_before_parser(void **state)
{
    fx *f = *state;
    sc_buf b = SC_BUF_INIT;
    assert_int_equal(sc_buf_puts(&b, "<?xml version='1.0' encoding='windows-1252'?><a>"), 0);
    for (int i = 0; i < 50000; i++)
        assert_int_equal(sc_buf_putc(&b, '\x80'), 0);
    assert_int_equal(sc_buf_puts(&b, "<x"), 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(sc_buf_printf(&b, " a%d=''", i), 0);
    assert_int_equal(sc_buf_puts(&b, "/></a>"), 0);
    assert_int_equal(parse_n(f, b.data, b.len, "response"), 0);
    sc_buf_free(&b);
    expect_prescan_limit(f, "attributes per element");
}

/* EBCDIC (detected from "<?xm" in code page 037): the pre-scan reads the
 * transcoded text, as the parser does. */
static void parse__ebcdic_many_attributes__stopped_before_parser(void **state)
{
    fx *f = *state;
    /* "<?xml version='1.0' encoding='IBM037'?><x a0='' ..." in code page 037 */
    static const unsigned char lt = 0x4C, q = 0x6F, eq = 0x7E, ap = 0x7D, sp = 0x40, sl = 0x61,
                               gt = 0x6E;
    static const char *head = "<?xml version='1.0' encoding='IBM037'?>";
    unsigned char buf[8192];
    size_t k = 0;
    for (const char *p = head; *p; p++) {
        /* letters, digits and punctuation of the declaration in cp037 */
        unsigned char c = (unsigned char)*p;
        unsigned char e = c == '<'                 ? lt
                          : c == '?'               ? q
                          : c == '='               ? eq
                          : c == '\''              ? ap
                          : c == ' '               ? sp
                          : c == '>'               ? gt
                          : c == '.'               ? 0x4B
                          : c == '-'               ? 0x60
                          : (c >= '0' && c <= '9') ? (unsigned char)(0xF0 + c - '0')
                          : (c >= 'a' && c <= 'i') ? (unsigned char)(0x81 + c - 'a')
                          : (c >= 'j' && c <= 'r') ? (unsigned char)(0x91 + c - 'j')
                          : (c >= 's' && c <= 'z') ? (unsigned char)(0xA2 + c - 's')
                          : (c >= 'A' && c <= 'I') ? (unsigned char)(0xC1 + c - 'A')
                          : (c >= 'J' && c <= 'R') ? (unsigned char)(0xD1 + c - 'J')
                                                   : (unsigned char)(0xE2 + c - 'S');
        buf[k++] = e;
    }
    buf[k++] = lt;
    buf[k++] = 0xA7; /* x */
    for (int i = 0; i < 100; i++) {
        buf[k++] = sp;
        buf[k++] = 0x81; /* a */
        buf[k++] = (unsigned char)(0xF0 + i / 10);
        buf[k++] = (unsigned char)(0xF0 + i % 10);
        buf[k++] = eq;
        buf[k++] = ap;
        buf[k++] = ap;
    }
    buf[k++] = sl;
    buf[k++] = gt;
    assert_int_equal(parse_n(f, (const char *)buf, k, "response"), 0);
    assert_null(f->doc);
    const samlcheck_finding *x = find(f, "sec/limits");
    if (x) /* the platform has an EBCDIC converter (glibc iconv does) */
        assert_non_null(strstr(x->message, "not parsed"));
    else /* no converter: the parser stops at the first byte, too */
        assert_int_equal(find(f, "xml/not-utf8")->severity, SAMLCHECK_SEV_ERROR);
}

/* Parse failures are classified by libxml2's error domain and code, not by
 * its message text (which libxml2 rewords between releases). */
static void error_class__by_domain_and_code(void **state)
{
    (void)state;
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_INVALID_CHAR),
                     SC_XML_ERR_ENCODING);
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_UNSUPPORTED_ENCODING),
                     SC_XML_ERR_ENCODING);
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_INVALID_ENCODING),
                     SC_XML_ERR_ENCODING);
    assert_int_equal(sc_xml_error_class(XML_FROM_I18N, XML_I18N_CONV_FAILED), SC_XML_ERR_ENCODING);
    assert_int_equal(sc_xml_error_class(XML_FROM_NAMESPACE, XML_NS_ERR_UNDEFINED_NAMESPACE),
                     SC_XML_ERR_NAMESPACE);
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_GT_REQUIRED), SC_XML_ERR_OTHER);
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_DOCUMENT_END), SC_XML_ERR_OTHER);
    assert_int_equal(sc_xml_error_class(XML_FROM_PARSER, XML_ERR_UNDECLARED_ENTITY),
                     SC_XML_ERR_OTHER);
    assert_int_equal(sc_xml_error_class(XML_FROM_NONE, 0), SC_XML_ERR_OTHER);
}

static sc_xml_err_class parse_class(fx *f, const char *s)
{
    size_t n = strlen(s);
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    sc_xml_err_class c = (sc_xml_err_class)-1;
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "response"), 0);
    xmlFreeDoc(f->doc);
    f->doc = NULL;
    assert_int_equal(
        sc_xml_parse_ex(&f->doc, (const unsigned char *)s, n, "response", &lim, NULL, f->r, &c), 0);
    return c;
}

/* Each class from a real parse, and what the class decides: an encoding
 * error of a document that is not UTF-8 is one root cause (xml/not-utf8
 * only); any other failure of such a document is also xml/malformed. */
static void parse_ex__class_of_the_failure(void **state)
{
    fx *f = *state;
    assert_int_equal(parse_class(f, "<a>ok</a>"), SC_XML_ERR_OTHER);
    assert_non_null(f->doc);
    assert_int_equal(parse_class(f, "<saml:Assertion/>"), SC_XML_ERR_NAMESPACE);
    assert_null(f->doc);
    assert_non_null(find(f, "xml/malformed"));
    assert_int_equal(parse_class(f, "<a>r\xE9sum\xE9</a>"), SC_XML_ERR_ENCODING);
    assert_null(f->doc);
    assert_non_null(find(f, "xml/not-utf8"));
    assert_null(find(f, "xml/malformed"));
    assert_int_equal(parse_class(f, "<a>\xE9<b></a>"), SC_XML_ERR_ENCODING);
    assert_null(find(f, "xml/malformed"));
    /* well-formed up to a truncation, invalid UTF-8 in a comment that
     * libxml2 never reached: two causes, both reported */
    assert_int_equal(parse_class(f, "<a x=1><!-- \xE9 -->"), SC_XML_ERR_OTHER);
    assert_non_null(find(f, "xml/malformed"));
    assert_non_null(find(f, "xml/not-utf8"));
    assert_int_equal(parse_class(f, "<a><b></a>"), SC_XML_ERR_OTHER);
    assert_non_null(find(f, "xml/malformed"));
    assert_null(find(f, "xml/not-utf8"));
    /* a 2-byte encoding named for single bytes: whatever libxml2 says next
     * (2.9 an encoding error, 2.13+ a syntax error) is the label's doing */
    assert_int_equal(parse_class(f, "<?xml version=\"1.0\" encoding=\"utf-16le\"?>\n<a/>"),
                     SC_XML_ERR_ENCODING);
    assert_non_null(find(f, "xml/not-utf8"));
    assert_null(find(f, "xml/malformed"));
    /* a single-byte label of a broken document: two causes, both reported */
    assert_int_equal(parse_class(f, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<a>"),
                     SC_XML_ERR_OTHER);
    assert_non_null(find(f, "xml/not-utf8"));
    assert_non_null(find(f, "xml/malformed"));
}

int main(void)
{
#define T(x) cmocka_unit_test_setup_teardown(x, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(parse__utf8_bom_metadata__error_and_still_parsed),
        T(parse__bom_in_response__warning_subcase),
        T(parse__invalid_utf8__offset_reported_once),
        T(parse__latin1_declaration__not_utf8),
        T(parse__response_invalid_byte_in_comment__error_not_fail_open),
        T(parse__response_surrogate__error),
        T(parse__response_bogus_or_utf16_label__error),
        T(parse__response_latin1_that_parses__warning_and_document),
        T(parse__billion_laughs__dtd_refused_fast),
        T(parse__external_entity__never_read),
        T(parse__undefined_entity__malformed),
        T(parse__truncated__malformed_with_line),
        T(parse__undeclared_prefix__malformed),
        T(parse__xml11__malformed),
        T(parse__deep_nesting__sec_limits),
        T(parse__many_attributes__sec_limits),
        T(parse__million_attributes__stopped_before_parser),
        T(parse__many_attributes_utf16_utf7__stopped_before_parser),
        T(parse__at_the_limits_and_markup_lookalikes__parsed),
        T(parse__namespaces_in_scope__bounded),
        T(parse__cp1252_expanding_then_attributes__stopped_before_parser),
        T(parse__ebcdic_many_attributes__stopped_before_parser),
        T(text__comment_inside__ambiguous_with_both_readings),
        T(text__cdata_and_char_refs__concatenated),
        T(helpers__namespace_not_prefix__matched),
        T(walk__preorder_within_root_and_skip__in_order),
        T(walk__deep_chain__iterative),
        T(ids__duplicate_and_bad_syntax__reported),
        T(ids_decrypted__plaintext_and_cross_duplicates_only),
        T(error_class__by_domain_and_code),
        T(parse_ex__class_of_the_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
