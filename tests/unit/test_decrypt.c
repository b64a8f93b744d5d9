/* Unit tests of EncryptedAssertion decryption (src/crypto/decrypt.c) over
 * the committed fixtures in testdata/responses/enc/. */
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
#include "xml/xml.h"
#include "crypto/crypto.h"
#include "base/base.h"

#define ASSERTION_ID "_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809"

static char *path_of(const char *rel)
{
    const char *top = getenv("top_srcdir");
    return sc_asprintf("%s/%s", top && *top ? top : "..", rel);
}

static unsigned char *slurp(const char *rel, size_t *len)
{
    char *p = path_of(rel);
    unsigned char *data = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = samlcheck_input_read_file(&data, len, p, 16u * 1024 * 1024, &err);
    free(p);
    assert_int_equal(rc, 0);
    return data;
}

static samlcheck_keyset *keyset_of(const char *name)
{
    samlcheck_keyset *ks = NULL;
    assert_int_equal(samlcheck_keyset_new(&ks), 0);
    if (name) {
        char rel[256];
        snprintf(rel, sizeof rel, "testdata/keys/%s", name);
        size_t len = 0;
        unsigned char *pem = slurp(rel, &len);
        samlcheck_error err;
        samlcheck_error_clear(&err);
        assert_int_equal(samlcheck_keyset_add_pem(ks, pem, len, name, &err), 0);
        free(pem);
    }
    return ks;
}

typedef struct outcome {
    samlcheck_report *r;
    json_t *summary;
    xmlDocPtr plain;
    xmlNode *assertion;
    char *id;
} outcome;

static unsigned char *fixture(const char *name, size_t *len)
{
    char rel[256];
    snprintf(rel, sizeof rel, "testdata/responses/enc/%s.xml", name);
    return slurp(rel, len);
}

/* Decrypt the response text @p data with the key (or none). */
static void run_text(outcome *o, const char *name, unsigned char *data, size_t len, const char *key)
{
    xmlDocPtr doc = NULL;
    samlcheck_options opts = SAMLCHECK_OPTIONS_INIT;
    samlcheck_keyset *ks = keyset_of(key);

    memset(o, 0, sizeof *o);
    assert_int_equal(samlcheck_report_new(&o->r, name, "response"), 0);
    assert_int_equal(sc_xml_parse(&doc, data, len, "response", NULL, NULL, o->r), 0);
    assert_non_null(doc);
    xmlNode *enc = sc_xml_child(xmlDocGetRootElement(doc), SC_NS_SAML, "EncryptedAssertion");
    assert_non_null(enc);
    opts.keys = key ? ks : NULL;
    o->summary = json_object();
    assert_int_equal(sc_decrypt_assertion(&o->plain, &o->assertion, enc, &opts, o->r, o->summary),
                     0);
    if (o->assertion)
        o->id = sc_xml_attr(o->assertion, "ID");
    xmlFreeDoc(doc);
    samlcheck_keyset_free(ks);
}

/* Decrypt testdata/responses/enc/<name>.xml with the key (or none). */
static void run(outcome *o, const char *name, const char *key)
{
    size_t len = 0;
    unsigned char *data = fixture(name, &len);
    run_text(o, name, data, len, key);
    free(data);
}

/* Replace the first occurrence of @p from (after @p after) in @p s. */
static unsigned char *edit(const unsigned char *s, const char *after, const char *from,
                           const char *to, size_t *len)
{
    const char *a = strstr((const char *)s, after);
    assert_non_null(a);
    const char *f = strstr(a, from);
    assert_non_null(f);
    char *out =
        sc_asprintf("%.*s%s%s", (int)(f - (const char *)s), (const char *)s, to, f + strlen(from));
    *len = strlen(out);
    return (unsigned char *)out;
}

static void done(outcome *o)
{
    samlcheck_report_free(o->r);
    json_decref(o->summary);
    xmlFreeDoc(o->plain);
    free(o->id);
}

static size_t count(const outcome *o, const char *rule, samlcheck_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(o->r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(o->r, i);
        if (strcmp(f->rule, rule) == 0 && f->severity == sev)
            n++;
    }
    return n;
}

static const char *enc_field(const outcome *o, const char *k)
{
    json_t *e = json_object_get(o->summary, "encryption");
    return json_string_value(json_object_get(e, k));
}

static void expect_ok(const char *name, samlcheck_severity weak_sev, size_t n_weak)
{
    outcome o;
    run(&o, name, "sp-encryption.key");
    assert_non_null(o.id);
    assert_string_equal(o.id, ASSERTION_ID);
    assert_true(sc_xml_is(o.assertion, SC_NS_SAML, "Assertion"));
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 0);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 0);
    assert_int_equal(count(&o, "sec/encryption-algorithm-weak", weak_sev), n_weak);
    assert_true(
        json_is_true(json_object_get(json_object_get(o.summary, "encryption"), "decrypted")));
    assert_string_equal(enc_field(&o, "key_file"), "sp-encryption.key");
    done(&o);
}

static void gcm_oaep__decrypts_without_findings(void **state)
{
    (void)state;
    outcome o;
    run(&o, "aes256-gcm-oaep", "sp-encryption.key");
    assert_string_equal(o.id, ASSERTION_ID);
    assert_int_equal(samlcheck_report_count(o.r), 0);
    assert_string_equal(enc_field(&o, "data_algorithm"),
                        "http://www.w3.org/2009/xmlenc11#aes256-gcm");
    assert_string_equal(enc_field(&o, "key_transport"),
                        "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p");
    assert_string_equal(enc_field(&o, "encrypted_key"), "inline");
    done(&o);
}

static void every_aes_pairing__decrypts_to_the_assertion(void **state)
{
    (void)state;
    static const char *gcm[] = {"aes128-gcm-oaep", "aes128-gcm-oaep11", "aes256-gcm-oaep11"};
    static const char *cbc[] = {"aes128-cbc-oaep", "aes128-cbc-oaep11", "aes256-cbc-oaep",
                                "aes256-cbc-oaep11"};
    for (size_t i = 0; i < sizeof gcm / sizeof gcm[0]; i++)
        expect_ok(gcm[i], SAMLCHECK_SEV_WARNING, 0);
    for (size_t i = 0; i < sizeof cbc / sizeof cbc[0]; i++)
        expect_ok(cbc[i], SAMLCHECK_SEV_INFO, 1);
}

static void rsa15_transport__decrypts_with_weak_warning(void **state)
{
    (void)state;
    expect_ok("aes128-gcm-rsa15", SAMLCHECK_SEV_WARNING, 1);
    expect_ok("aes256-gcm-rsa15", SAMLCHECK_SEV_WARNING, 1);
    expect_ok("aes128-cbc-rsa15", SAMLCHECK_SEV_WARNING, 1);
    expect_ok("aes256-cbc-rsa15", SAMLCHECK_SEV_INFO, 1);
}

static void xmlenc11_oaep__summary_names_transport(void **state)
{
    (void)state;
    outcome o;
    run(&o, "aes256-gcm-oaep11", "sp-encryption.key");
    assert_string_equal(enc_field(&o, "key_transport"), "http://www.w3.org/2009/xmlenc11#rsa-oaep");
    assert_string_equal(enc_field(&o, "key_transport_digest"), "SHA256");
    assert_string_equal(enc_field(&o, "key_transport_mgf1"), "SHA256");
    done(&o);
}

static void sibling_encrypted_key__found_by_retrieval_method_or_reference_list(void **state)
{
    (void)state;
    outcome o;
    run(&o, "sibling-retrieval", "sp-encryption.key");
    assert_string_equal(o.id, ASSERTION_ID);
    assert_string_equal(enc_field(&o, "encrypted_key"), "sibling");
    done(&o);
    run(&o, "sibling-reflist", "sp-encryption.key");
    assert_string_equal(o.id, ASSERTION_ID);
    assert_string_equal(enc_field(&o, "encrypted_key"), "sibling");
    done(&o);
}

static void tripledes__decrypt_failed_and_weak(void **state)
{
    (void)state;
    outcome o;
    run(&o, "tripledes-cbc-oaep", "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(count(&o, "sec/encryption-algorithm-weak", SAMLCHECK_SEV_WARNING), 1);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 0);
    assert_non_null(strstr(samlcheck_report_at(o.r, 1)->message, "tripledes-cbc"));
    done(&o);
}

static void wrong_key__decrypt_failed_and_mismatch_names_certificate(void **state)
{
    (void)state;
    outcome o;
    run(&o, "wrong-key", "sp-encryption.key");
    assert_null(o.plain);
    assert_null(o.assertion);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 1);
    const samlcheck_finding *f = samlcheck_report_at(o.r, 0);
    assert_string_equal(f->rule, "key/mismatch");
    assert_non_null(strstr(f->message, "sp-encryption.key"));
    assert_non_null(strstr(f->message, "SHA-1"));
    done(&o);
}

static void right_key_for_other_fixture__decrypts(void **state)
{
    (void)state;
    outcome o;
    run(&o, "wrong-key", "sp-encryption-other.key");
    assert_string_equal(o.id, ASSERTION_ID);
    done(&o);
}

static void tampered_gcm_tag__decrypt_failed_without_mismatch(void **state)
{
    (void)state;
    outcome o;
    run(&o, "bad-gcm-tag", "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 0);
    assert_non_null(strstr(samlcheck_report_at(o.r, 0)->message, "authentication tag"));
    done(&o);
}

static void plaintext_not_one_assertion__decrypt_failed(void **state)
{
    (void)state;
    outcome o;
    run(&o, "not-assertion", "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_non_null(strstr(samlcheck_report_at(o.r, 0)->message, "Advice"));
    done(&o);
    run(&o, "two-assertions", "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(samlcheck_report_count(o.r), 1);
    done(&o);
}

static void plaintext_using_inherited_prefix__parsed_in_context(void **state)
{
    (void)state;
    outcome o;
    run(&o, "inherited-ns", "sp-encryption.key");
    assert_non_null(o.plain);
    assert_string_equal(o.id, ASSERTION_ID);
    assert_true(sc_xml_is(o.assertion, SC_NS_SAML, "Assertion"));
    assert_ptr_equal(xmlDocGetRootElement(o.plain), o.assertion);
    assert_int_equal(samlcheck_report_count(o.r), 0);
    done(&o);
}

static void encrypted_key_not_base64__decrypt_failed_not_hard_error(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *src = fixture("aes256-gcm-oaep", &len);
    unsigned char *bad =
        edit(src, "<xenc:EncryptedKey", "<xenc:CipherValue>", "<xenc:CipherValue>@@", &n);
    outcome o;
    run_text(&o, "bad-ek", bad, n, "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_non_null(strstr(samlcheck_report_at(o.r, 0)->message, "base64"));
    done(&o);
    free(bad);
    free(src);
}

static void cipher_reference__refused_never_fetched(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *src = fixture("aes256-gcm-oaep", &len);
    unsigned char *bad =
        edit(src, "</xenc:EncryptedKey></ds:KeyInfo>", "<xenc:CipherValue>",
             "<xenc:CipherReference URI=\"http://127.0.0.1:9/x\"/><xenc:CipherValue>", &n);
    outcome o;
    run_text(&o, "cref", bad, n, "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_non_null(strstr(samlcheck_report_at(o.r, 0)->message, "CipherReference"));
    done(&o);
    free(bad);
    free(src);
}

static void unsupported_key_transport__decrypt_failed_names_it(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *src = fixture("aes256-gcm-oaep", &len);
    unsigned char *bad = edit(src, "<xenc:EncryptedKey", "rsa-oaep-mgf1p", "kw-aes256", &n);
    outcome o;
    run_text(&o, "kw", bad, n, "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(samlcheck_report_count(o.r), 1);
    assert_non_null(strstr(samlcheck_report_at(o.r, 0)->message, "kw-aes256"));
    done(&o);
    free(bad);
    free(src);
}

static void corrupt_wrapped_key_for_matching_cert__decrypt_failed_not_mismatch(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *src = fixture("aes256-gcm-oaep", &len);
    /* a different, valid base64 wrapped key: 256 zero bytes */
    char zeros[345];
    memset(zeros, 'A', 344);
    zeros[344] = 0;
    const char *a =
        strstr((const char *)src, "</ds:X509Data></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>");
    assert_non_null(a);
    const char *v = strstr(a, "<xenc:CipherValue>") + strlen("<xenc:CipherValue>");
    const char *e = strstr(v, "</xenc:CipherValue>");
    char *bad = sc_asprintf("%.*s%s%s", (int)(v - (const char *)src), (const char *)src, zeros, e);
    n = strlen(bad);
    outcome o;
    run_text(&o, "corrupt-ek", (unsigned char *)bad, n, "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 0);
    assert_non_null(
        strstr(samlcheck_report_at(o.r, 0)->message, "belongs to key sp-encryption.key"));
    /* with OpenSSL's reason for the failed unwrap, not only the guess */
    const char *why = strstr(samlcheck_report_at(o.r, 0)->message, "does not unwrap with it (");
    assert_non_null(why);
    assert_true(why[strlen("does not unwrap with it (")] != ')');
    done(&o);
    free(bad);
    free(src);
}

static void wrong_key_without_certificate_hint__mismatch_says_no_key_unwraps(void **state)
{
    (void)state;
    size_t len, n;
    unsigned char *src = fixture("wrong-key", &len);
    unsigned char *bad = edit(src, "<xenc:EncryptedKey", "<ds:X509Data>",
                              "<ds:KeyName>enc-2024</ds:KeyName><ds:X509Data>", &n);
    unsigned char *bad2 = edit(bad, "<ds:KeyName>", "<ds:X509Certificate>",
                               "<ds:X509SubjectName>CN=x</ds:X509SubjectName><ds:Foo>", &n);
    unsigned char *bad3 = edit(bad2, "<ds:Foo>", "</ds:X509Certificate>", "</ds:Foo>", &n);
    outcome o;
    run_text(&o, "no-cert", bad3, n, "sp-encryption.key");
    assert_null(o.plain);
    assert_int_equal(count(&o, "key/mismatch", SAMLCHECK_SEV_ERROR), 1);
    assert_int_equal(count(&o, "response/decrypt-failed", SAMLCHECK_SEV_ERROR), 1);
    const samlcheck_finding *f = samlcheck_report_at(o.r, 0);
    assert_string_equal(f->rule, "key/mismatch");
    assert_non_null(strstr(f->message, "no supplied key (sp-encryption.key)"));
    assert_non_null(strstr(f->message, "enc-2024"));
    done(&o);
    free(bad);
    free(bad2);
    free(bad3);
    free(src);
}

static void no_key__encrypted_no_key_warning_lists_skipped_rules(void **state)
{
    (void)state;
    outcome o;
    run(&o, "aes256-gcm-oaep", NULL);
    assert_null(o.plain);
    assert_int_equal(samlcheck_report_count(o.r), 1);
    const samlcheck_finding *f = samlcheck_report_at(o.r, 0);
    assert_string_equal(f->rule, "response/encrypted-no-key");
    assert_int_equal(f->severity, SAMLCHECK_SEV_WARNING);
    assert_non_null(strstr(f->message, "response/role-*"));
    assert_true(
        json_is_false(json_object_get(json_object_get(o.summary, "encryption"), "decrypted")));
    done(&o);
}

static void b64_decode__strict_padding_and_whitespace(void **state)
{
    (void)state;
    unsigned char *out = NULL;
    size_t n = 0;
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "aGV s\nbG8=", 10), 0);
    assert_int_equal(n, 5);
    assert_memory_equal(out, "hello", 5);
    free(out);
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "aGk=", 4), 0);
    assert_int_equal(n, 2);
    free(out);
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "aGVsbG8", 7), SAMLCHECK_EINVAL);
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "aGVsbG9=", 8), SAMLCHECK_EINVAL);
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "aG=k", 4), SAMLCHECK_EINVAL);
    assert_int_equal(sc_crypto_b64_decode(&out, &n, "a!==", 4), SAMLCHECK_EINVAL);
    assert_null(out);
}

static int setup(void **state)
{
    (void)state;
    return samlcheck_global_init() ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    samlcheck_global_cleanup();
    return 0;
}

/* sec/no-external-fetch (RULES.md 0.2): only a RetrievalMethod "#id" of
 * Type EncryptedKey inside an EncryptedAssertion whose only element with
 * that ID is an EncryptedKey child of it is followed. */
static xmlNode *retrieval_in(xmlDocPtr *doc, const char *enc_inner, const char *rm_attrs,
                             const char *outside)
{
    char *xml =
        sc_asprintf("<r xmlns:saml='urn:oasis:names:tc:SAML:2.0:assertion' "
                    "xmlns:xenc='http://www.w3.org/2001/04/xmlenc#' "
                    "xmlns:ds='http://www.w3.org/2000/09/xmldsig#'>%s<saml:EncryptedAssertion>"
                    "<xenc:EncryptedData Id='_ed'><ds:KeyInfo><ds:RetrievalMethod %s/></ds:KeyInfo>"
                    "</xenc:EncryptedData>%s</saml:EncryptedAssertion></r>",
                    outside, rm_attrs, enc_inner);
    assert_non_null(xml);
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "t", "response"), 0);
    assert_int_equal(
        sc_xml_parse(doc, (const unsigned char *)xml, strlen(xml), "response", NULL, NULL, r), 0);
    free(xml);
    samlcheck_report_free(r);
    assert_non_null(*doc);
    xmlNode *enc = sc_xml_child(xmlDocGetRootElement(*doc), SC_NS_SAML, "EncryptedAssertion");
    xmlNode *ed = sc_xml_child(enc, SC_NS_XENC, "EncryptedData");
    return sc_xml_child(sc_xml_child(ed, SC_NS_DS, "KeyInfo"), SC_NS_DS, "RetrievalMethod");
}

#define T_EK "Type='http://www.w3.org/2001/04/xmlenc#EncryptedKey'"

static void retrieval_target__only_the_same_encrypted_assertion_layout(void **state)
{
    (void)state;
    static const struct {
        const char *inner, *rm, *outside;
        int followed;
    } t[] = {
        /* legitimate: Okta's layout */
        {"<xenc:EncryptedKey Id='_ek'/>", T_EK " URI='#_ek'", "", 1},
        /* another document */
        {"<xenc:EncryptedKey Id='_ek'/>", T_EK " URI='https://x.example/ek'", "", 0},
        /* no or another Type */
        {"<xenc:EncryptedKey Id='_ek'/>", "URI='#_ek'", "", 0},
        {"<xenc:EncryptedKey Id='_ek'/>",
         "Type='http://www.w3.org/2000/09/xmldsig#X509Data' URI='#_ek'", "", 0},
        /* a target that is not an EncryptedKey */
        {"<xenc:EncryptedKey Id='_ek'/>", T_EK " URI='#_ed'", "", 0},
        /* the EncryptedKey is outside the EncryptedAssertion */
        {"", T_EK " URI='#_ek'", "<xenc:EncryptedKey Id='_ek'/>", 0},
        /* two elements of the EncryptedAssertion carry that ID */
        {"<xenc:EncryptedKey Id='_ek'/><xenc:EncryptedKey Id='_ek'/>", T_EK " URI='#_ek'", "", 0},
        /* an EncryptedKey nested deeper than a child of the EncryptedAssertion */
        {"<x><xenc:EncryptedKey Id='_ek'/></x>", T_EK " URI='#_ek'", "", 0},
        /* XPointer */
        {"<xenc:EncryptedKey Id='_ek'/>", T_EK " URI=\"#xpointer(id('_ek'))\"", "", 0},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        xmlDocPtr doc = NULL;
        xmlNode *rm = retrieval_in(&doc, t[i].inner, t[i].rm, t[i].outside);
        assert_non_null(rm);
        xmlNode *ek = sc_decrypt_retrieval_target(rm);
        if (t[i].followed) {
            assert_non_null(ek);
            assert_true(sc_xml_is(ek, SC_NS_XENC, "EncryptedKey"));
        } else {
            assert_null(ek);
        }
        xmlFreeDoc(doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gcm_oaep__decrypts_without_findings),
        cmocka_unit_test(retrieval_target__only_the_same_encrypted_assertion_layout),
        cmocka_unit_test(every_aes_pairing__decrypts_to_the_assertion),
        cmocka_unit_test(rsa15_transport__decrypts_with_weak_warning),
        cmocka_unit_test(xmlenc11_oaep__summary_names_transport),
        cmocka_unit_test(sibling_encrypted_key__found_by_retrieval_method_or_reference_list),
        cmocka_unit_test(tripledes__decrypt_failed_and_weak),
        cmocka_unit_test(wrong_key__decrypt_failed_and_mismatch_names_certificate),
        cmocka_unit_test(right_key_for_other_fixture__decrypts),
        cmocka_unit_test(tampered_gcm_tag__decrypt_failed_without_mismatch),
        cmocka_unit_test(plaintext_not_one_assertion__decrypt_failed),
        cmocka_unit_test(plaintext_using_inherited_prefix__parsed_in_context),
        cmocka_unit_test(encrypted_key_not_base64__decrypt_failed_not_hard_error),
        cmocka_unit_test(cipher_reference__refused_never_fetched),
        cmocka_unit_test(unsupported_key_transport__decrypt_failed_names_it),
        cmocka_unit_test(corrupt_wrapped_key_for_matching_cert__decrypt_failed_not_mismatch),
        cmocka_unit_test(wrong_key_without_certificate_hint__mismatch_says_no_key_unwraps),
        cmocka_unit_test(no_key__encrypted_no_key_warning_lists_skipped_rules),
        cmocka_unit_test(b64_decode__strict_padding_and_whitespace),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
