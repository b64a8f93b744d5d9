/* Unit tests of crypto/verify.c: XML-DSig verification with the
 * signature-wrapping defence, on the committed signature fixtures
 * (testdata/responses/sig/, made by testdata/gen/make-signature-fixtures.sh). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include "samlcheck/samlcheck.h"
#include "report/sc_report.h"
#include "base/base.h"
#include "xml/xml.h"
#include "xml/metadata.h"
#include "crypto/crypto.h"

typedef struct fixture {
    xmlDocPtr doc;
    xmlNode *R, *A;
    samlcheck_report *r;
    json_t *summary;
    sc_sig_outcome out;
    struct samlcheck_metadata md;
    int have_md;
} fixture;

static char *read_fixture(const char *name, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char *path = sc_asprintf("%s/testdata/responses/sig/%s", top ? top : "../..", name);
    assert_non_null(path);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    free(path);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static xmlDocPtr parse_fixture(const char *name, samlcheck_report *r)
{
    size_t len = 0;
    char *data = read_fixture(name, &len);
    xmlDocPtr doc = NULL;
    samlcheck_limits lim = SAMLCHECK_LIMITS_INIT;
    assert_int_equal(sc_xml_parse(&doc, (unsigned char *)data, len, "response", &lim, NULL, r), 0);
    free(data);
    assert_non_null(doc);
    return doc;
}

/* Every signing X509Certificate of a metadata fixture, as DER. */
static void load_metadata(struct samlcheck_metadata *md, const char *name)
{
    samlcheck_report *tmp = NULL;
    assert_int_equal(samlcheck_report_new(&tmp, name, "metadata"), 0);
    xmlDocPtr doc = parse_fixture(name, tmp);
    samlcheck_report_free(tmp);
    memset(md, 0, sizeof *md);
    md->doc = doc;
    md->certs = calloc(8, sizeof *md->certs);
    assert_non_null(md->certs);
    xmlNode *idp = sc_xml_child(xmlDocGetRootElement(doc), SC_NS_MD, "IDPSSODescriptor");
    for (xmlNode *kd = sc_xml_child(idp, SC_NS_MD, "KeyDescriptor"); kd && md->n_certs < 8;
         kd = sc_xml_next(kd, SC_NS_MD, "KeyDescriptor")) {
        xmlNode *ki = sc_xml_child(kd, SC_NS_DS, "KeyInfo");
        xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data");
        xmlNode *xc = sc_xml_child(xd, SC_NS_DS, "X509Certificate");
        char *text = NULL;
        assert_int_equal(sc_xml_text(&text, xc, NULL, NULL), 0);
        size_t n = strlen(text), m = 0;
        unsigned char *clean = malloc(n + 1), *der = malloc(n + 1);
        assert_true(clean && der);
        for (size_t i = 0; i < n; i++)
            if (text[i] != ' ' && text[i] != '\n' && text[i] != '\r' && text[i] != '\t')
                clean[m++] = (unsigned char)text[i];
        int dl = EVP_DecodeBlock(der, clean, (int)m);
        assert_true(dl > 0);
        dl -= (clean[m - 1] == '=') + (clean[m - 2] == '=');
        free(clean);
        free(text);
        sc_md_cert *c = &md->certs[md->n_certs++];
        c->der = der;
        c->der_len = (size_t)dl;
        c->node = xc;
        c->signing = 1;
    }
    assert_int_equal(sc_keys_build_md(md), 0);
}

static void free_metadata(struct samlcheck_metadata *md)
{
    if (md->keys_free)
        md->keys_free(md->keys);
    for (size_t i = 0; i < md->n_certs; i++)
        free(md->certs[i].der);
    free(md->certs);
    xmlFreeDoc(md->doc);
    memset(md, 0, sizeof *md);
}

/* Parse a response fixture, find R and A as check_response.c does (A: the
 * single Assertion/EncryptedAssertion child of R, or NULL when the document
 * holds another count), and run sc_verify_response. */
static void run(fixture *fx, const char *name, const char *mdname)
{
    memset(fx, 0, sizeof *fx);
    assert_int_equal(samlcheck_report_new(&fx->r, name, "response"), 0);
    fx->doc = parse_fixture(name, fx->r);
    assert_int_equal(sc_xml_check_ids(fx->doc, fx->r), 0);
    fx->R = xmlDocGetRootElement(fx->doc);
    size_t total = 0;
    for (xmlNode *n = fx->R; n;) {
        if (sc_xml_is(n, SC_NS_SAML, "Assertion") || sc_xml_is(n, SC_NS_SAML, "EncryptedAssertion"))
            total++;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != fx->R && !n->next)
            n = n->parent;
        n = (n && n != fx->R) ? n->next : NULL;
    }
    xmlNode *a = sc_xml_child(fx->R, SC_NS_SAML, "Assertion");
    /* assertions inside the Advice of the one assertion do not count
     * (RULES.md response/assertion-count info sub-case) */
    size_t in_advice = 0;
    xmlNode *adv = a ? sc_xml_child(a, SC_NS_SAML, "Advice") : NULL;
    for (xmlNode *n = adv; n;) {
        if (sc_xml_is(n, SC_NS_SAML, "Assertion"))
            in_advice++;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != adv && !n->next)
            n = n->parent;
        n = (n && n != adv) ? n->next : NULL;
    }
    fx->A = total - in_advice == 1 ? a : NULL;
    fx->summary = json_object();
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    if (mdname) {
        load_metadata(&fx->md, mdname);
        fx->have_md = 1;
        opts.metadata = &fx->md;
    }
    assert_int_equal(sc_verify_response(&fx->out, fx->doc, fx->R, fx->A, &opts, fx->r, fx->summary),
                     0);
}

static void done(fixture *fx)
{
    samlcheck_report_free(fx->r);
    json_decref(fx->summary);
    xmlFreeDoc(fx->doc);
    if (fx->have_md)
        free_metadata(&fx->md);
}

/* The findings of rule @p id with severity @p sev ("any" for any). */
static size_t count(const fixture *fx, const char *id, samlcheck_severity sev, int any)
{
    size_t c = 0;
    for (size_t i = 0; i < samlcheck_report_count(fx->r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(fx->r, i);
        if (strcmp(f->rule, id) == 0 && (any || f->severity == sev))
            c++;
    }
    return c;
}

static const char *message_of(const fixture *fx, const char *id)
{
    for (size_t i = 0; i < samlcheck_report_count(fx->r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(fx->r, i);
        if (strcmp(f->rule, id) == 0)
            return f->message;
    }
    return "";
}

static const char *verdict(const fixture *fx)
{
    json_t *s = json_object_get(fx->summary, "signature");
    return json_string_value(json_object_get(s, "verdict"));
}

#define NO_FINDINGS(fx) assert_int_equal(samlcheck_report_count((fx)->r), 0)
#define HAS(fx, id) assert_int_equal(count((fx), (id), 0, 1), 1)
#define HAS_SEV(fx, id, sev) assert_int_equal(count((fx), (id), (sev), 0), 1)
#define LACKS(fx, id) assert_int_equal(count((fx), (id), 0, 1), 0)

static void verify__assertion_signed_with_metadata_key__trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "assert-signed.xml", "metadata.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.assertion_signed && fx.out.assertion_valid && fx.out.trusted);
    assert_false(fx.out.response_signed);
    assert_false(fx.out.security_error);
    assert_string_equal(verdict(&fx), "trusted");
    json_t *sig =
        json_array_get(json_object_get(json_object_get(fx.summary, "signature"), "signatures"), 0);
    assert_string_equal(json_string_value(json_object_get(sig, "signature_algorithm")),
                        "RSA-SHA256");
    json_t *by = json_object_get(sig, "verified_by");
    assert_string_equal(json_string_value(json_object_get(by, "source")), "metadata");
    assert_non_null(strstr(json_string_value(json_object_get(by, "subject")), "idp.example.com"));
    assert_int_equal(strlen(json_string_value(json_object_get(by, "sha1"))), 59);
    done(&fx);
}

static void verify__response_and_both_signed__trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "resp-signed.xml", "metadata.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.response_valid && fx.out.trusted);
    done(&fx);
    run(&fx, "both-signed.xml", "metadata.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.response_valid && fx.out.assertion_valid && fx.out.trusted);
    done(&fx);
}

static void verify__content_changed_after_signing__digest_stage(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "tampered.xml", "metadata.xml");
    HAS(&fx, "response/signature-invalid");
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "digest mismatch"));
    assert_false(fx.out.trusted);
    assert_false(fx.out.assertion_valid);
    done(&fx);
    run(&fx, "reindented.xml", "metadata.xml");
    HAS(&fx, "response/signature-invalid");
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "digest mismatch"));
    done(&fx);
}

static void verify__metadata_holds_other_key__signature_stage(void **state)
{
    (void)state;
    fixture fx;
    /* signed by idp-signing; the metadata only knows the EC key: the
     * embedded certificate is unknown to the metadata */
    run(&fx, "no-keyinfo.xml", "metadata-ec.xml");
    HAS(&fx, "response/signature-invalid");
    LACKS(&fx, "response/signature-cert-unknown");
    const char *m = message_of(&fx, "response/signature-invalid");
    assert_true(strstr(m, "signature mismatch") || strstr(m, "unsupported"));
    assert_false(fx.out.trusted);
    done(&fx);
    run(&fx, "no-keyinfo.xml", "metadata-rsa1024.xml");
    HAS(&fx, "response/signature-invalid");
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "signature mismatch"));
    done(&fx);
}

static void verify__keyinfo_cert_not_in_metadata__cert_unknown_error(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "rotated.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-cert-unknown", SAMLCHECK_SEV_ERROR);
    LACKS(&fx, "response/signature-invalid");
    const char *m = message_of(&fx, "response/signature-cert-unknown");
    assert_non_null(strstr(m, "SHA-1"));
    assert_non_null(strstr(m, "SHA-256"));
    assert_false(fx.out.trusted);
    assert_true(fx.out.security_error);
    done(&fx);
}

static void verify__rotated_key_in_metadata__hint_picks_second_cert(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "rotated.xml", "metadata-two.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.trusted);
    done(&fx);
}

static void verify__no_metadata__cert_unknown_warning(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "assert-signed.xml", NULL);
    HAS_SEV(&fx, "response/signature-cert-unknown", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.assertion_valid);
    assert_false(fx.out.trusted);
    assert_string_equal(verdict(&fx), "verified-with-embedded-certificate");
    done(&fx);
    /* a signature that fails whatever key IAM holds is an error without
     * metadata too, and the "not verified against IAM's keys" warning is
     * not added on top (one root cause) */
    run(&fx, "tampered.xml", NULL);
    LACKS(&fx, "response/signature-cert-unknown");
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "digest mismatch"));
    assert_true(fx.out.security_error);
    done(&fx);
}

static void verify__reference_to_other_element__reference_uri(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "uri-other.xml", "metadata.xml");
    HAS(&fx, "sec/reference-uri");
    LACKS(&fx, "response/signature-invalid");
    assert_false(fx.out.trusted);
    assert_true(fx.out.security_error);
    done(&fx);
    const char *bad[] = {"uri-empty.xml", "uri-absent.xml", "uri-xpointer.xml"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        run(&fx, bad[i], "metadata.xml");
        HAS(&fx, "sec/reference-uri");
        assert_false(fx.out.trusted);
        done(&fx);
    }
}

static void verify__duplicate_ids__never_apply_signature_elsewhere(void **state)
{
    (void)state;
    fixture fx;
    /* the Response carries the Assertion's ID: the lookup of #ID can only
     * return the first registered element, never the signature's parent */
    run(&fx, "dup-id.xml", "metadata.xml");
    HAS(&fx, "xml/duplicate-id");
    HAS(&fx, "sec/reference-uri");
    assert_false(fx.out.assertion_valid);
    assert_false(fx.out.trusted);
    done(&fx);
}

static void verify__non_exclusive_transforms__sec_transforms(void **state)
{
    (void)state;
    const char *bad[] = {"xpath-transform.xml", "no-enveloped.xml"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        fixture fx;
        run(&fx, bad[i], "metadata.xml");
        assert_true(count(&fx, "sec/transforms", 0, 1) >= 1);
        LACKS(&fx, "response/signature-invalid");
        assert_false(fx.out.trusted);
        done(&fx);
    }
}

/* RULES.md 0.2 sec/transforms sub-case: inclusive C14N 1.0 (as
 * saml.oktadev.com signs) is a warning and the signature is used. */
static void verify__inclusive_c14n__warning_and_trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "inclusive-c14n.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/transforms", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.assertion_valid && fx.out.trusted);
    assert_false(fx.out.security_error);
    done(&fx);
}

static void verify__object_in_signature__wrapping(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "object.xml", "metadata.xml");
    HAS(&fx, "response/signature-wrapping");
    assert_false(fx.out.trusted);
    done(&fx);
}

static void verify__external_reference__no_external_fetch(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "external-uri.xml", "metadata.xml");
    HAS(&fx, "sec/no-external-fetch");
    HAS(&fx, "sec/reference-uri");
    assert_true(fx.out.security_error);
    done(&fx);
}

static void verify__unsigned__reports_unsigned(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "unsigned.xml", "metadata.xml");
    HAS(&fx, "response/unsigned");
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_false(fx.out.trusted);
    done(&fx);
}

static void verify__sha1_and_small_key__algorithm_weak(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "sha1.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-algorithm-weak", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.trusted);
    done(&fx);
    run(&fx, "rsa1024.xml", "metadata-rsa1024.xml");
    HAS_SEV(&fx, "response/signature-algorithm-weak", SAMLCHECK_SEV_WARNING);
    assert_non_null(strstr(message_of(&fx, "response/signature-algorithm-weak"), "1024"));
    done(&fx);
}

static void verify__sha512_and_ecdsa__accepted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "sha512.xml", "metadata.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.trusted);
    done(&fx);
    run(&fx, "ecdsa.xml", "metadata-ec.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.trusted);
    done(&fx);
}

static void verify__comment_injected_after_signing__still_verifies(void **state)
{
    (void)state;
    fixture fx;
    /* exclusive C14N drops comments: the signature holds; the value check
     * (response/nameid-comment) is what rejects it */
    run(&fx, "comment-nameid.xml", "metadata.xml");
    NO_FINDINGS(&fx);
    assert_true(fx.out.trusted);
    done(&fx);
}

static void verify__xsw_variants__never_trusted(void **state)
{
    (void)state;
    for (int n = 1; n <= 8; n++) {
        for (int lvl = 0; lvl < 2; lvl++) {
            char name[64];
            snprintf(name, sizeof name, "xsw%d-%s.xml", n, lvl ? "assertion" : "response");
            fixture fx;
            run(&fx, name, "metadata.xml");
            if (fx.out.trusted || !fx.out.security_error)
                fail_msg("%s: trusted=%d security_error=%d", name, fx.out.trusted,
                         fx.out.security_error);
            done(&fx);
        }
    }
}

static void verify__too_many_signatures__limits(void **state)
{
    (void)state;
    fixture fx;
    memset(&fx, 0, sizeof fx);
    assert_int_equal(samlcheck_report_new(&fx.r, "x", "response"), 0);
    fx.doc = parse_fixture("both-signed.xml", fx.r);
    fx.R = xmlDocGetRootElement(fx.doc);
    fx.A = sc_xml_child(fx.R, SC_NS_SAML, "Assertion");
    fx.summary = json_object();
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    opts.limits.signatures = 1;
    assert_int_equal(sc_verify_response(&fx.out, fx.doc, fx.R, fx.A, &opts, fx.r, fx.summary), 0);
    HAS(&fx, "sec/limits");
    assert_true(fx.out.security_error);
    assert_false(fx.out.trusted);
    done(&fx);
}

static void verify_decrypted__unsigned_inner_and_outer__decrypted_unsigned(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "x", "response"), 0);
    xmlDocPtr doc = parse_fixture("unsigned.xml", r);
    xmlNode *a = sc_xml_child(xmlDocGetRootElement(doc), SC_NS_SAML, "Assertion");
    xmlDocPtr adoc = xmlNewDoc((const xmlChar *)"1.0");
    xmlDocSetRootElement(adoc, xmlDocCopyNode(a, adoc, 1));
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    struct samlcheck_metadata md;
    load_metadata(&md, "metadata.xml");
    opts.metadata = &md;
    sc_sig_outcome outer, out;
    memset(&outer, 0, sizeof outer);
    assert_int_equal(
        sc_verify_decrypted(&out, &outer, adoc, xmlDocGetRootElement(adoc), &opts, r, NULL), 0);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "sec/decrypted-unsigned");
    /* a valid outer Response signature covers the EncryptedAssertion */
    samlcheck_report_free(r);
    assert_int_equal(samlcheck_report_new(&r, "x", "response"), 0);
    outer.response_signed = outer.response_valid = outer.trusted = 1;
    assert_int_equal(
        sc_verify_decrypted(&out, &outer, adoc, xmlDocGetRootElement(adoc), &opts, r, NULL), 0);
    assert_int_equal(samlcheck_report_count(r), 0);
    assert_true(out.trusted);
    samlcheck_report_free(r);
    xmlFreeDoc(adoc);
    xmlFreeDoc(doc);
    free_metadata(&md);
}

static void verify_decrypted__signed_inner__trusted(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "x", "response"), 0);
    xmlDocPtr doc = parse_fixture("assert-signed.xml", r);
    xmlNode *a = sc_xml_child(xmlDocGetRootElement(doc), SC_NS_SAML, "Assertion");
    xmlDocPtr adoc = xmlNewDoc((const xmlChar *)"1.0");
    xmlDocSetRootElement(adoc, xmlDocCopyNode(a, adoc, 1));
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    struct samlcheck_metadata md;
    load_metadata(&md, "metadata.xml");
    opts.metadata = &md;
    sc_sig_outcome outer, out;
    memset(&outer, 0, sizeof outer);
    json_t *summary = json_object();
    assert_int_equal(
        sc_verify_decrypted(&out, &outer, adoc, xmlDocGetRootElement(adoc), &opts, r, summary), 0);
    assert_int_equal(samlcheck_report_count(r), 0);
    assert_true(out.assertion_valid && out.trusted);
    json_decref(summary);
    samlcheck_report_free(r);
    xmlFreeDoc(adoc);
    xmlFreeDoc(doc);
    free_metadata(&md);
}

/* The JSON entry of signature @p i in the summary. */
static json_t *sig_entry(const fixture *fx, size_t i)
{
    return json_array_get(json_object_get(json_object_get(fx->summary, "signature"), "signatures"),
                          i);
}

static int summary_flag(const fixture *fx, const char *key)
{
    return json_is_true(json_object_get(json_object_get(fx->summary, "signature"), key));
}

/* No message may say expected "X" where X is the actual value, nor
 * expected "#" for an element without ID. */
static void no_self_expectation(const fixture *fx)
{
    for (size_t i = 0; i < samlcheck_report_count(fx->r); i++) {
        const char *m = samlcheck_report_at(fx->r, i)->message;
        assert_null(strstr(m, "expected \"#\""));
        const char *u = strstr(m, "Reference URI \"");
        const char *e = strstr(m, "expected \"");
        if (u && e) {
            u += strlen("Reference URI \"");
            e += strlen("expected \"");
            size_t ul = strcspn(u, "\""), el = strcspn(e, "\"");
            assert_false(ul == el && strncmp(u, e, ul) == 0);
        }
    }
}

/* Issue 7 item 4: a GUID ID (starts with a digit) resolving to the parent:
 * warning sub-case, signature used; the same GUID twice: error. */
static void verify__guid_id_resolving_to_parent__warning_and_trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "guid-id.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/reference-uri", SAMLCHECK_SEV_WARNING);
    HAS_SEV(&fx, "xml/id-syntax", SAMLCHECK_SEV_WARNING);
    LACKS(&fx, "response/signature-invalid");
    assert_true(fx.out.assertion_valid && fx.out.trusted);
    assert_false(fx.out.security_error);
    no_self_expectation(&fx);
    done(&fx);
    run(&fx, "guid-id-duplicate.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/reference-uri", SAMLCHECK_SEV_ERROR);
    assert_false(fx.out.trusted);
    assert_true(fx.out.security_error);
    no_self_expectation(&fx);
    done(&fx);
}

/* Issue 7 item 5: the Response signature after the Assertion (old Auth0):
 * applicable, verified, warning; moved out of its parent: error. */
static void verify__signature_after_assertion__verified_with_warning(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "resp-sig-last.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-wrapping", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.response_valid && fx.out.trusted);
    assert_false(fx.out.security_error);
    assert_true(summary_flag(&fx, "response_signed"));
    done(&fx);
    run(&fx, "resp-sig-moved-out.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-wrapping", SAMLCHECK_SEV_ERROR);
    HAS(&fx, "response/unsigned");
    assert_false(fx.out.trusted);
    assert_true(fx.out.security_error);
    /* the summary still lists it, with the reason */
    json_t *e = sig_entry(&fx, 0);
    assert_false(json_is_true(json_object_get(e, "applicable")));
    assert_non_null(strstr(json_string_value(json_object_get(e, "reason")), "neither"));
    done(&fx);
}

/* Issue 7 item 12: a present but inapplicable Response signature is never
 * "Response signed: no". */
static void verify__inapplicable_response_signature__shown_with_reason(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "xsw2-response.xml", "metadata.xml");
    assert_false(fx.out.trusted);
    assert_true(summary_flag(&fx, "response_signed"));
    json_t *e = sig_entry(&fx, 0);
    assert_string_equal(json_string_value(json_object_get(e, "element")), "Response");
    assert_false(json_is_true(json_object_get(e, "applicable")));
    assert_non_null(json_string_value(json_object_get(e, "reason")));
    assert_non_null(strstr(json_string_value(json_object_get(e, "text")), "not applicable"));
    done(&fx);
}

/* Issue 7 item 6: a signed assertion in the signed assertion's own Advice:
 * the nested signature is ignored (info); outside the signed assertion, or
 * in the Advice of a forged unsigned assertion: errors. */
static void verify__signature_inside_signed_advice__ignored(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "advice-signed.xml", "metadata.xml");
    assert_non_null(fx.A);
    HAS_SEV(&fx, "response/signature-wrapping", SAMLCHECK_SEV_INFO);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.assertion_valid && fx.out.trusted);
    assert_false(fx.out.security_error);
    done(&fx);
    run(&fx, "advice-outside.xml", "metadata.xml");
    assert_null(fx.A);
    assert_true(count(&fx, "response/signature-wrapping", SAMLCHECK_SEV_ERROR, 0) >= 1);
    assert_false(fx.out.trusted);
    done(&fx);
    run(&fx, "advice-hides-original.xml", "metadata.xml");
    assert_non_null(fx.A);
    HAS_SEV(&fx, "response/signature-wrapping", SAMLCHECK_SEV_ERROR);
    HAS(&fx, "response/unsigned");
    assert_false(fx.out.trusted);
    assert_true(fx.out.security_error);
    done(&fx);
}

/* Issue 7 item 7: C14N 1.1 and URI="" on the root: warnings, trusted;
 * URI="" on the Assertion and XPath transforms stay errors. */
static void verify__c14n11_and_uri_empty_on_root__warnings_and_trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "c14n11.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/transforms", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.trusted);
    done(&fx);
    run(&fx, "uri-empty-root.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/reference-uri", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.response_valid && fx.out.trusted);
    done(&fx);
    run(&fx, "uri-empty-root-tampered.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    assert_false(fx.out.trusted);
    done(&fx);
    run(&fx, "uri-empty.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/reference-uri", SAMLCHECK_SEV_ERROR);
    assert_false(fx.out.trusted);
    done(&fx);
}

/* Issue 7 item 8: a stale certificate in KeyInfo while a metadata key
 * verifies: warning, trusted (AWS uses its own key). */
static void verify__stale_keyinfo_metadata_key_verifies__warning_and_trusted(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "stale-keyinfo.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-cert-unknown", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.trusted);
    assert_false(fx.out.security_error);
    done(&fx);
    /* without metadata the embedded certificate is all there is: its
     * failure is an error */
    run(&fx, "stale-keyinfo.xml", NULL);
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "signature mismatch"));
    done(&fx);
}

/* Issue 7 item 9 / issue 8 item 4: key-independent failures are errors
 * without metadata; the stage is named; never "unsupported" for
 * RSA-SHA256; never the library. */
static void verify__broken_signature_without_metadata__error_naming_the_stage(void **state)
{
    (void)state;
    static const struct {
        const char *file, *stage;
    } cases[] = {
        {"junk-digest.xml", "malformed signature: the DigestValue is not valid base64"},
        {"empty-digest-no-keyinfo.xml", "malformed signature: the DigestValue is empty"},
        {"junk-sigvalue-no-keyinfo.xml", "malformed signature: the SignatureValue is not valid"},
        {"short-sigvalue-no-keyinfo.xml", "malformed signature: the SignatureValue is 3 bytes"},
        {"tampered-no-keyinfo.xml", "digest mismatch"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int md = 0; md < 2; md++) {
            fixture fx;
            run(&fx, cases[i].file, md ? "metadata.xml" : NULL);
            HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
            const char *m = message_of(&fx, "response/signature-invalid");
            if (!strstr(m, cases[i].stage))
                fail_msg("%s: %s", cases[i].file, m);
            assert_null(strstr(m, "unsupported"));
            assert_null(strstr(m, "xmlsec"));
            assert_null(strstr(m, "OpenSSL"));
            assert_false(fx.out.assertion_valid);
            assert_true(fx.out.security_error);
            assert_int_equal(samlcheck_report_exit_status(fx.r, 0), 1);
            done(&fx);
        }
    }
    /* the legitimate twin: an intact signature without KeyInfo, no
     * metadata: only the warning, exit 0 */
    fixture fx;
    run(&fx, "no-keyinfo.xml", NULL);
    HAS_SEV(&fx, "response/signature-cert-unknown", SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_non_null(strstr(message_of(&fx, "response/signature-cert-unknown"), "no key"));
    assert_string_equal(verdict(&fx), "not-verified");
    assert_int_equal(samlcheck_report_exit_status(fx.r, 0), 0);
    done(&fx);
}

/* A document re-indented after signing: one finding that says so. */
static void verify__reindented_values__one_finding_and_values_restored(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "reindented-values.xml", "metadata.xml");
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "re-indented"));
    assert_true(fx.out.reindented);
    xmlNode *iss = sc_xml_child(fx.A, SC_NS_SAML, "Issuer");
    char *t = NULL;
    assert_int_equal(sc_xml_text(&t, iss, NULL, NULL), 0);
    assert_string_equal(t, "https://idp.example.com/saml");
    free(t);
    done(&fx);
    /* both signatures fail for the one cause: the second finding refers to
     * the first instead of repeating it */
    run(&fx, "reindented-values-both.xml", "metadata.xml");
    assert_int_equal(count(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR, 0), 2);
    assert_int_equal(samlcheck_report_count(fx.r), 2);
    assert_non_null(strstr(samlcheck_report_at(fx.r, 1)->message, "the same re-indenting"));
    done(&fx);
    /* only whitespace between elements changed: a digest mismatch, not
     * called re-indenting of values */
    run(&fx, "tampered.xml", "metadata.xml");
    assert_false(fx.out.reindented);
    done(&fx);
}

/* Issue 7 item 10: metadata signatures: the sec rules are warnings at most;
 * an inclusive-C14N, URI="" aggregate verifies. */
static void verify_metadata__aggregate_inclusive_uri_empty__warnings_only(void **state)
{
    (void)state;
    const char *files[] = {"metadata-aggregate-signed.xml", "metadata-signed-no-id.xml"};
    for (int i = 0; i < 2; i++) {
        samlcheck_report *r = NULL;
        assert_int_equal(samlcheck_report_new(&r, "x", "metadata"), 0);
        xmlDocPtr doc = parse_fixture(files[i], r);
        json_t *summary = json_object();
        assert_int_equal(
            sc_verify_metadata_signature(doc, xmlDocGetRootElement(doc), NULL, 0, r, summary), 0);
        assert_true(samlcheck_report_count(r) >= 1);
        for (size_t k = 0; k < samlcheck_report_count(r); k++) {
            const samlcheck_finding *f = samlcheck_report_at(r, k);
            assert_int_not_equal(f->severity, SAMLCHECK_SEV_ERROR);
            assert_null(strstr(f->message, "expected \"#\""));
        }
        const char *v =
            json_string_value(json_object_get(json_object_get(summary, "signature"), "verdict"));
        assert_string_equal(v, i == 0 ? "valid" : "rejected");
        json_decref(summary);
        samlcheck_report_free(r);
        xmlFreeDoc(doc);
    }
}

/* A fresh self-signed EC certificate (DER), unrelated to every fixture key. */
static unsigned char *fresh_cert_der(long serial, size_t *len)
{
    EVP_PKEY *k = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    assert_true(k && x);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_NAME *nm = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC, (const unsigned char *)"other", -1, -1, 0);
    X509_set_issuer_name(x, nm);
    X509_set_pubkey(x, k);
    assert_true(X509_sign(x, k, EVP_sha256()) > 0);
    unsigned char *der = NULL;
    int dl = i2d_X509(x, &der);
    assert_true(dl > 0);
    unsigned char *out = malloc((size_t)dl);
    assert_non_null(out);
    memcpy(out, der, (size_t)dl);
    *len = (size_t)dl;
    OPENSSL_free(der);
    X509_free(x);
    EVP_PKEY_free(k);
    return out;
}

/* Issue 14 item 3: every kind of KeyInfo hint finds its metadata key
 * (metadata-two.xml: idp-signing, then idp-rotated, which signed), and a
 * hint naming a key the metadata does not hold names nothing: the attack
 * twin is not verified, whatever its KeyInfo says. */
static void verify__keyinfo_hints__order_candidates_never_add_keys(void **state)
{
    (void)state;
    static const char *const hinted[] = {"rotated.xml", "hint-keyvalue-rotated.xml",
                                         "hint-issuerserial-rotated.xml", "hint-ski-rotated.xml"};
    struct samlcheck_metadata two, one;
    load_metadata(&two, "metadata-two.xml");
    load_metadata(&one, "metadata.xml");
    for (size_t i = 0; i < sizeof hinted / sizeof *hinted; i++) {
        samlcheck_report *r = NULL;
        assert_int_equal(samlcheck_report_new(&r, "x", "response"), 0);
        xmlDocPtr doc = parse_fixture(hinted[i], r);
        xmlNode *R = xmlDocGetRootElement(doc);
        xmlNode *A = sc_xml_child(R, SC_NS_SAML, "Assertion");
        xmlNode *sig = sc_xml_child(A, SC_NS_DS, "Signature");
        assert_non_null(sig);
        int known = -1;
        const sc_trust_key *k = sc_verify_hinted_key(sig, &two, &known);
        assert_non_null(k);
        assert_int_equal(k->cert, 1);    /* the rotated certificate, second in the file */
        assert_int_equal(known, i == 0); /* only an X509Certificate is "known" */
        k = sc_verify_hinted_key(sig, &one, &known);
        assert_null(k);
        assert_int_equal(known, 0);
        xmlFreeDoc(doc);
        samlcheck_report_free(r);
        /* attack twin: signed by a key the metadata lacks, hinted by it */
        fixture fx;
        memset(&fx, 0, sizeof fx);
        run(&fx, hinted[i], "metadata.xml");
        HAS_SEV(&fx, i == 0 ? "response/signature-cert-unknown" : "response/signature-invalid",
                SAMLCHECK_SEV_ERROR);
        assert_false(fx.out.trusted);
        assert_false(fx.out.assertion_valid);
        done(&fx);
        /* legit twin: the same with the key in the metadata */
        memset(&fx, 0, sizeof fx);
        run(&fx, hinted[i], "metadata-two.xml");
        NO_FINDINGS(&fx);
        assert_true(fx.out.trusted);
        done(&fx);
    }
    free_metadata(&two);
    free_metadata(&one);
}

/* Issue 8 item 7: at most the 10 signing keys IAM keeps are candidates;
 * the KeyInfo-matched one is tried first. The signer at position 10 is
 * found; at position 11 it is never tried, and the message says why. */
static void verify__candidates_bounded_to_what_iam_keeps(void **state)
{
    (void)state;
    struct samlcheck_metadata real;
    load_metadata(&real, "metadata.xml");
    for (int pos = 10; pos <= 11; pos++) {
        fixture fx;
        memset(&fx, 0, sizeof fx);
        struct samlcheck_metadata md;
        memset(&md, 0, sizeof md);
        md.certs = calloc(12, sizeof *md.certs);
        assert_non_null(md.certs);
        for (int i = 0; i < 12; i++) {
            sc_md_cert *c = &md.certs[i];
            c->signing = 1;
            if (i == pos - 1) {
                c->der = malloc(real.certs[0].der_len);
                assert_non_null(c->der);
                memcpy(c->der, real.certs[0].der, real.certs[0].der_len);
                c->der_len = real.certs[0].der_len;
            } else {
                c->der = fresh_cert_der(100 + i, &c->der_len);
            }
        }
        md.n_certs = 12;
        assert_int_equal(sc_keys_build_md(&md), 0);
        /* no-keyinfo.xml: no hint, so the order alone decides */
        assert_int_equal(samlcheck_report_new(&fx.r, "x", "response"), 0);
        fx.doc = parse_fixture("no-keyinfo.xml", fx.r);
        fx.R = xmlDocGetRootElement(fx.doc);
        fx.A = sc_xml_child(fx.R, SC_NS_SAML, "Assertion");
        fx.summary = json_object();
        samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
        opts.metadata = &md;
        assert_int_equal(sc_verify_response(&fx.out, fx.doc, fx.R, fx.A, &opts, fx.r, fx.summary),
                         0);
        if (pos == 10) {
            NO_FINDINGS(&fx);
            assert_true(fx.out.trusted);
        } else {
            HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
            assert_non_null(strstr(message_of(&fx, "response/signature-invalid"), "at most 10"));
            assert_false(fx.out.trusted);
        }
        done(&fx);
        /* with the KeyInfo hint (assert-signed.xml embeds the signer) it is
         * tried first when it is a candidate, and known (no cert-unknown)
         * even beyond the cap */
        memset(&fx, 0, sizeof fx);
        assert_int_equal(samlcheck_report_new(&fx.r, "x", "response"), 0);
        fx.doc = parse_fixture("assert-signed.xml", fx.r);
        fx.R = xmlDocGetRootElement(fx.doc);
        fx.A = sc_xml_child(fx.R, SC_NS_SAML, "Assertion");
        fx.summary = json_object();
        assert_int_equal(sc_verify_response(&fx.out, fx.doc, fx.R, fx.A, &opts, fx.r, fx.summary),
                         0);
        LACKS(&fx, "response/signature-cert-unknown");
        assert_int_equal(fx.out.trusted, pos == 10);
        done(&fx);
        sc_keys_free(md.keys);
        for (int i = 0; i < 12; i++)
            free(md.certs[i].der);
        free(md.certs);
    }
    free_metadata(&real);
}

/* RULES.md 11 step 3: a RetrievalMethod in KeyInfo is ignored like the rest
 * of KeyInfo (info); an external one is sec/no-external-fetch and the
 * response is never trusted next to that error. */
static void verify__keyinfo_retrieval_method__ignored_or_external_error(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "keyinfo-retrieval-local.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-wrapping", SAMLCHECK_SEV_INFO);
    assert_int_equal(samlcheck_report_count(fx.r), 1);
    assert_true(fx.out.trusted);
    done(&fx);
    run(&fx, "keyinfo-retrieval-external.xml", "metadata.xml");
    HAS_SEV(&fx, "sec/no-external-fetch", SAMLCHECK_SEV_ERROR);
    assert_true(fx.out.security_error);
    assert_false(fx.out.trusted);
    assert_false(summary_flag(&fx, "trusted"));
    assert_string_equal(verdict(&fx), "rejected");
    done(&fx);
}

/* Never "unsupported" for a missing SignatureMethod; an unknown one is
 * named by its URI. */
static void verify__missing_or_unknown_signature_method__stage_named(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "no-signature-method.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    const char *m = message_of(&fx, "response/signature-invalid");
    assert_non_null(strstr(m, "malformed signature: the SignatureMethod"));
    assert_null(strstr(m, "unsupported"));
    done(&fx);
    run(&fx, "unknown-signature-method.xml", "metadata.xml");
    HAS_SEV(&fx, "response/signature-invalid", SAMLCHECK_SEV_ERROR);
    m = message_of(&fx, "response/signature-invalid");
    assert_non_null(strstr(m, "unsupported algorithm"));
    assert_non_null(strstr(m, "http://example.com/xmldsig#rsa-sha3-256"));
    done(&fx);
}

static void verify_metadata__signed_and_edited__valid_then_digest(void **state)
{
    (void)state;
    const char *files[] = {"metadata-signed.xml", "metadata-signed-edited.xml"};
    for (int i = 0; i < 2; i++) {
        samlcheck_report *r = NULL;
        assert_int_equal(samlcheck_report_new(&r, "x", "metadata"), 0);
        xmlDocPtr doc = parse_fixture(files[i], r);
        json_t *summary = json_object();
        assert_int_equal(
            sc_verify_metadata_signature(doc, xmlDocGetRootElement(doc), NULL, 0, r, summary), 0);
        const char *v =
            json_string_value(json_object_get(json_object_get(summary, "signature"), "verdict"));
        if (i == 0) {
            assert_int_equal(samlcheck_report_count(r), 0);
            assert_string_equal(v, "valid");
        } else {
            assert_int_equal(samlcheck_report_count(r), 1);
            const samlcheck_finding *f = samlcheck_report_at(r, 0);
            assert_string_equal(f->rule, "metadata/signature-invalid");
            assert_int_equal(f->severity, SAMLCHECK_SEV_WARNING);
            assert_non_null(strstr(f->message, "digest mismatch"));
            assert_string_equal(v, "invalid");
        }
        json_decref(summary);
        samlcheck_report_free(r);
        xmlFreeDoc(doc);
    }
}

static void verify_metadata__wrong_signer__signature_stage(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "x", "metadata"), 0);
    xmlDocPtr doc = parse_fixture("metadata-signed.xml", r);
    struct samlcheck_metadata other;
    load_metadata(&other, "metadata-rsa1024.xml");
    assert_int_equal(sc_verify_metadata_signature(doc, xmlDocGetRootElement(doc),
                                                  other.certs[0].der, other.certs[0].der_len, r,
                                                  NULL),
                     0);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "signature mismatch"));
    free_metadata(&other);
    samlcheck_report_free(r);
    xmlFreeDoc(doc);
}

static int setup(void **state)
{
    (void)state;
    return samlcheck_global_init();
}

static int teardown(void **state)
{
    (void)state;
    samlcheck_global_cleanup();
    return 0;
}

/* The embedded ds:X509Certificate goes through the one strict base64
 * decoder (issue 10; before, OpenSSL's lenient EVP_DecodeBlock): its line
 * wrapping is allowed, junk is not. Without metadata the embedded
 * certificate is what checks the SignatureValue, so junk leaves the
 * signature unchecked instead of verified. KeyInfo is outside what the
 * signature covers, so the edits keep the signature itself valid. */
static xmlNode *find_x509(xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (sc_xml_is(n, SC_NS_DS, "X509Certificate"))
            return n;
        xmlNode *k = find_x509(n->children);
        if (k)
            return k;
    }
    return NULL;
}

static void reverify(fixture *fx, const char *cert_text)
{
    xmlNode *xc = find_x509(fx->R);
    assert_non_null(xc);
    xmlNodeSetContent(xc, (const xmlChar *)cert_text);
    samlcheck_report_free(fx->r);
    json_decref(fx->summary);
    assert_int_equal(samlcheck_report_new(&fx->r, "t.xml", "response"), 0);
    fx->summary = json_object();
    memset(&fx->out, 0, sizeof fx->out);
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    assert_int_equal(sc_verify_response(&fx->out, fx->doc, fx->R, fx->A, &opts, fx->r, fx->summary),
                     0);
}

static void verify__embedded_cert_wrapped_or_junk__strict_base64(void **state)
{
    (void)state;
    fixture fx;
    run(&fx, "assert-signed.xml", NULL);
    assert_string_equal(verdict(&fx), "verified-with-embedded-certificate");
    xmlChar *orig = xmlNodeGetContent(find_x509(fx.R));
    size_t n = 0, len = strlen((const char *)orig);
    char *one = malloc(len + 1), *wrapped = malloc(2 * len + 16);
    assert_non_null(one);
    assert_non_null(wrapped);
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\r\n", orig[i]))
            one[n++] = (char)orig[i];
    one[n] = '\0';
    /* one line, then 64 columns with CRLF and indentation */
    reverify(&fx, one);
    assert_string_equal(verdict(&fx), "verified-with-embedded-certificate");
    char *w = wrapped;
    w += sprintf(w, "\r\n        ");
    for (size_t i = 0; i < n; i += 64)
        w += sprintf(w, "%.64s\r\n        ", one + i);
    reverify(&fx, wrapped);
    assert_string_equal(verdict(&fx), "verified-with-embedded-certificate");
    assert_true(fx.out.assertion_valid);
    /* junk: a character outside the alphabet, '=' inside, data after '=' */
    static const char *const junk[] = {"!", "==", "=A"};
    for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++) {
        char *bad = malloc(n + 8);
        assert_non_null(bad);
        memcpy(bad, one, 100);
        strcpy(bad + 100, junk[j]);
        strcat(bad, one + 100 + strlen(junk[j]));
        reverify(&fx, bad);
        if (strcmp(verdict(&fx), "verified-with-embedded-certificate") == 0 ||
            fx.out.assertion_valid)
            fail_msg("junk \"%s\" inside the embedded certificate still verified", junk[j]);
        /* the finding says why: the certificate cannot be read */
        assert_non_null(strstr(message_of(&fx, "response/signature-cert-unknown"),
                               "no certificate the tool can read"));
        free(bad);
    }
    free(one);
    free(wrapped);
    xmlFree(orig);
    done(&fx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(verify__assertion_signed_with_metadata_key__trusted),
        cmocka_unit_test(verify__response_and_both_signed__trusted),
        cmocka_unit_test(verify__content_changed_after_signing__digest_stage),
        cmocka_unit_test(verify__metadata_holds_other_key__signature_stage),
        cmocka_unit_test(verify__keyinfo_cert_not_in_metadata__cert_unknown_error),
        cmocka_unit_test(verify__rotated_key_in_metadata__hint_picks_second_cert),
        cmocka_unit_test(verify__no_metadata__cert_unknown_warning),
        cmocka_unit_test(verify__embedded_cert_wrapped_or_junk__strict_base64),
        cmocka_unit_test(verify__reference_to_other_element__reference_uri),
        cmocka_unit_test(verify__duplicate_ids__never_apply_signature_elsewhere),
        cmocka_unit_test(verify__non_exclusive_transforms__sec_transforms),
        cmocka_unit_test(verify__inclusive_c14n__warning_and_trusted),
        cmocka_unit_test(verify__object_in_signature__wrapping),
        cmocka_unit_test(verify__external_reference__no_external_fetch),
        cmocka_unit_test(verify__unsigned__reports_unsigned),
        cmocka_unit_test(verify__sha1_and_small_key__algorithm_weak),
        cmocka_unit_test(verify__sha512_and_ecdsa__accepted),
        cmocka_unit_test(verify__comment_injected_after_signing__still_verifies),
        cmocka_unit_test(verify__xsw_variants__never_trusted),
        cmocka_unit_test(verify__too_many_signatures__limits),
        cmocka_unit_test(verify_decrypted__unsigned_inner_and_outer__decrypted_unsigned),
        cmocka_unit_test(verify_decrypted__signed_inner__trusted),
        cmocka_unit_test(verify__guid_id_resolving_to_parent__warning_and_trusted),
        cmocka_unit_test(verify__signature_after_assertion__verified_with_warning),
        cmocka_unit_test(verify__inapplicable_response_signature__shown_with_reason),
        cmocka_unit_test(verify__signature_inside_signed_advice__ignored),
        cmocka_unit_test(verify__c14n11_and_uri_empty_on_root__warnings_and_trusted),
        cmocka_unit_test(verify__stale_keyinfo_metadata_key_verifies__warning_and_trusted),
        cmocka_unit_test(verify__broken_signature_without_metadata__error_naming_the_stage),
        cmocka_unit_test(verify__reindented_values__one_finding_and_values_restored),
        cmocka_unit_test(verify_metadata__aggregate_inclusive_uri_empty__warnings_only),
        cmocka_unit_test(verify__candidates_bounded_to_what_iam_keeps),
        cmocka_unit_test(verify__keyinfo_hints__order_candidates_never_add_keys),
        cmocka_unit_test(verify__keyinfo_retrieval_method__ignored_or_external_error),
        cmocka_unit_test(verify__missing_or_unknown_signature_method__stage_named),
        cmocka_unit_test(verify_metadata__signed_and_edited__valid_then_digest),
        cmocka_unit_test(verify_metadata__wrong_signer__signature_stage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
