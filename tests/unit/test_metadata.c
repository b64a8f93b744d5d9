/* Unit tests of the metadata model (xml/metadata.c) and the metadata rules
 * (check/check_metadata.c) over small inline documents. */
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
#include "xml/metadata.h"
#include "base/base.h"
#include "crypto/crypto.h"
#include <openssl/evp.h>
#include <openssl/x509.h>

#define NOW 1748779200LL /* 2025-06-01T12:00:00Z, the fixture clock */

typedef struct fx {
    samlcheck_report *r;
    samlcheck_options o;
    char *cert;     /* base64 of testdata/keys/idp-signing.crt */
    char *expiring; /* base64 of testdata/keys/expiring.crt */
    char *doc;
} fx;

static char *slurp_key(const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/testdata/keys/%s", top ? top : "..", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 8192);
    size_t n = fread(buf, 1, 8191, f);
    fclose(f);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = '\0';
    return buf;
}

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    assert_int_equal(samlcheck_global_init(), 0);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    f->o = o;
    f->o.now = NOW;
    f->cert = slurp_key("idp-signing.b64");
    f->expiring = slurp_key("expiring.b64");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    samlcheck_report_free(f->r);
    free(f->cert);
    free(f->expiring);
    free(f->doc);
    free(f);
    samlcheck_global_cleanup();
    return 0;
}

#define MD_NS                                                                                      \
    "xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "                                           \
    "xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
#define PROTO "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\""
#define SSO                                                                                        \
    "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" "          \
    "Location=\"https://idp.example.com/sso\"/>"

/* A signing KeyDescriptor (use may be NULL for "no use attribute"). */
static char *kd(const char *use, const char *b64)
{
    char *s = sc_asprintf("<md:KeyDescriptor%s%s%s><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s"
                          "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>",
                          use ? " use=\"" : "", use ? use : "", use ? "\"" : "", b64);
    assert_non_null(s);
    return s;
}

/* An IdP EntityDescriptor; @p extra_root goes on the root tag, @p sso_attrs
 * on IDPSSODescriptor, @p inner inside it. */
static char *entity(const char *eid_attr, const char *sso_attrs, const char *inner)
{
    char *s =
        sc_asprintf("<md:EntityDescriptor %s %s><md:IDPSSODescriptor %s>%s</md:IDPSSODescriptor>"
                    "</md:EntityDescriptor>",
                    MD_NS, eid_attr, sso_attrs, inner);
    assert_non_null(s);
    return s;
}

static int check(fx *f, const char *doc)
{
    return samlcheck_check_metadata(f->r, (const unsigned char *)doc, strlen(doc), &f->o, NULL);
}

static size_t count(fx *f, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++)
        if (strcmp(samlcheck_report_at(f->r, i)->rule, rule) == 0)
            n++;
    return n;
}

static const samlcheck_finding *find(fx *f, const char *rule)
{
    for (size_t i = 0; i < samlcheck_report_count(f->r); i++)
        if (strcmp(samlcheck_report_at(f->r, i)->rule, rule) == 0)
            return samlcheck_report_at(f->r, i);
    return NULL;
}

static char *clean_doc(fx *f)
{
    char *k = kd("signing", f->cert);
    char *inner = sc_asprintf("%s%s", k, SSO);
    char *d = entity("entityID=\"https://idp.example.com/saml\"", PROTO, inner);
    free(k);
    free(inner);
    return d;
}

static void check__clean_idp__no_findings_and_summary(void **state)
{
    fx *f = *state;
    f->doc = clean_doc(f);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(samlcheck_report_count(f->r), 0);
    json_t *sum = sc_report_summary(f->r);
    assert_string_equal(json_string_value(json_object_get(sum, "entity_id")),
                        "https://idp.example.com/saml");
    json_t *certs = json_object_get(sum, "certificates");
    assert_int_equal(json_array_size(certs), 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(certs, 0), "key")),
                        "RSA 2048");
    json_t *eps = json_object_get(sum, "sso_endpoints");
    assert_string_equal(json_string_value(json_object_get(json_array_get(eps, 0), "binding")),
                        "HTTP-POST");
}

/* A certificate-free IdP document padded with a comment of @p pad copies of
 * "é" (2 bytes, 1 character) to exactly @p chars characters. */
static char *doc_of_chars(size_t chars)
{
    const char *head = "<md:EntityDescriptor " MD_NS " entityID=\"https://idp.example.com/saml\">"
                       "<md:IDPSSODescriptor " PROTO ">" SSO "</md:IDPSSODescriptor><!--";
    const char *tail = "--></md:EntityDescriptor>";
    size_t fixed = strlen(head) + strlen(tail);
    assert_true(chars > fixed);
    size_t pad = chars - fixed;
    char *d = malloc(fixed + pad * 2 + 1);
    memcpy(d, head, strlen(head));
    char *p = d + strlen(head);
    for (size_t i = 0; i < pad; i++) {
        *p++ = '\xC3';
        *p++ = '\xA9';
    }
    memcpy(p, tail, strlen(tail) + 1);
    return d;
}

static void check__size_counts_characters_not_bytes(void **state)
{
    fx *f = *state;
    f->doc = doc_of_chars(999); /* about 1,400 bytes */
    assert_true(strlen(f->doc) > 1000);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/size"), 1);
    assert_non_null(strstr(find(f, "metadata/size")->message, "999 characters"));
    free(f->doc);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    f->doc = doc_of_chars(1000);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/size"), 0);
}

/* The parser's size cap for metadata is IAM's (metadata/size): 10,000,000
 * characters parse, one more is metadata/size + sec/limits and not parsed. */
static void check__over_iam_size__not_parsed(void **state)
{
    fx *f = *state;
    f->doc = doc_of_chars(10000000);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/size"), 0);
    assert_int_equal(count(f, "sec/limits"), 0);
    free(f->doc);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    f->doc = doc_of_chars(10000001);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/size"), 1);
    assert_int_equal(count(f, "sec/limits"), 1);
    assert_int_equal(count(f, "metadata/no-signing-cert"), 0); /* nothing else ran */
}

/* sec/limits: at most 1,000 certificates are parsed per document (OpenSSL
 * parses each in ~0.12 ms: 9,000 in a 10 MB document took over a second);
 * the limit itself is checked, and no trust anchor comes from beyond it. */
/* Base64 of a fresh self-signed certificate with serial @p serial, all of
 * them under one EC key (cheap to make, distinct DER). */
static char *fresh_cert_b64(EVP_PKEY *k, long serial)
{
    X509 *x = X509_new();
    assert_non_null(x);
    ASN1_INTEGER_set(X509_get_serialNumber(x), serial);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_NAME *nm = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(nm, "CN", MBSTRING_ASC, (const unsigned char *)"n", -1, -1, 0);
    X509_set_issuer_name(x, nm);
    X509_set_pubkey(x, k);
    assert_true(X509_sign(x, k, EVP_sha256()) > 0);
    unsigned char *der = NULL;
    int dl = i2d_X509(x, &der);
    assert_true(dl > 0);
    char *b = calloc(1, (size_t)dl * 2 + 8);
    assert_non_null(b);
    EVP_EncodeBlock((unsigned char *)b, der, dl);
    OPENSSL_free(der);
    X509_free(x);
    return b;
}

/* docs/performance.md: at most 1,000 distinct certificates are parsed per
 * document (sec/limits above, no model); a repeated certificate is parsed
 * once, so 1,001 copies of one certificate are a usable trust anchor. */
static void check__certificates_over_limit__sec_limits_no_model(void **state)
{
    fx *f = *state;
    EVP_PKEY *key = EVP_EC_gen("P-256");
    assert_non_null(key);
    for (int kind = 0; kind < 3; kind++) {
        /* 0: 1,000 distinct; 1: 1,001 distinct; 2: 1,001 copies of one */
        int n = kind == 0 ? 1000 : 1001;
        sc_buf b = SC_BUF_INIT;
        for (int i = 0; i < n; i++) {
            char *c = kind == 2 ? NULL : fresh_cert_b64(key, 1000 + i);
            char *k = kd("signing", c ? c : f->cert);
            assert_int_equal(sc_buf_puts(&b, k), 0);
            free(k);
            free(c);
        }
        assert_int_equal(sc_buf_puts(&b, SSO), 0);
        char *d = entity("entityID=\"https://idp.example.com/saml\"", PROTO, b.data);
        sc_buf_free(&b);
        samlcheck_metadata *md = NULL;
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
        assert_int_equal(samlcheck_metadata_load(&md, (const unsigned char *)d, strlen(d), "t.xml",
                                                 f->r, &f->o, NULL),
                         0);
        free(d);
        assert_int_equal(count(f, "sec/limits"), kind == 1 ? 1u : 0u);
        if (kind == 1) {
            assert_null(md);
        } else {
            assert_non_null(md);
            assert_int_equal(sc_keys_count(md->keys), kind == 2 ? 1u : 1000u);
        }
        samlcheck_metadata_free(md);
    }
    EVP_PKEY_free(key);
}

static void check__malformed__stops_after_xml_findings(void **state)
{
    fx *f = *state;
    char *good = clean_doc(f);
    good[strlen(good) - 30] = '\0'; /* cut the closing tags */
    f->doc = good;
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "xml/malformed"), 1);
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__samlp_response_root__root_error_with_hint(void **state)
{
    fx *f = *state;
    f->doc = sc_asprintf("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                         "ID=\"_r1\" Version=\"2.0\"><!--%0900d--></samlp:Response>",
                         0);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/root");
    assert_non_null(x);
    assert_non_null(strstr(x->message, "SAML 2.0 response"));
    assert_non_null(strstr(x->hint, "samlcheck response"));
    assert_string_equal(x->aws_error, "Could not parse metadata.");
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__nested_entities__counted_recursively_and_named(void **state)
{
    fx *f = *state;
    char *k = kd(NULL, f->cert);
    char *inner = sc_asprintf("%s%s", k, SSO);
    f->doc = sc_asprintf(
        "<md:EntitiesDescriptor %s><md:EntitiesDescriptor>"
        "<md:EntityDescriptor entityID=\"https://a.example.com\"><md:IDPSSODescriptor %s>%s"
        "</md:IDPSSODescriptor></md:EntityDescriptor>"
        "<md:EntityDescriptor entityID=\"https://sp.example.com\"><md:SPSSODescriptor %s/>"
        "</md:EntityDescriptor></md:EntitiesDescriptor>"
        "<md:EntityDescriptor entityID=\"https://b.example.com\"><md:IDPSSODescriptor %s>%s"
        "</md:IDPSSODescriptor></md:EntityDescriptor></md:EntitiesDescriptor>",
        MD_NS, PROTO, inner, PROTO, PROTO, inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/multiple-entities");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_WARNING);
    assert_non_null(strstr(x->message, "2 IdP entities"));
    assert_non_null(strstr(x->message, "https://a.example.com"));
    assert_non_null(strstr(x->message, "https://b.example.com"));
    assert_int_equal(samlcheck_report_count(f->r), 1);

    samlcheck_metadata *md = NULL;
    assert_int_equal(samlcheck_metadata_load(&md, (const unsigned char *)f->doc, strlen(f->doc),
                                             "t.xml", NULL, &f->o, NULL),
                     0);
    assert_non_null(md);
    assert_int_equal(md->n_entities, 2);
    assert_string_equal(md->entity_ids[0], "https://a.example.com");
    assert_string_equal(md->entity_ids[1], "https://b.example.com");
    assert_int_equal(md->n_certs, 2);
    assert_true(md->certs[0].signing && md->certs[0].encryption);
    assert_ptr_equal(md->certs[1].entity_id, md->entity_ids[1]);
    samlcheck_metadata_free(md);
}

static void check__entity_id_trailing_nbsp__invalid_warning(void **state)
{
    fx *f = *state;
    char *k = kd("signing", f->cert);
    char *inner = sc_asprintf("%s%s", k, SSO);
    f->doc = entity("entityID=\"https://idp.example.com/saml\xC2\xA0\"", PROTO, inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/entity-id-invalid");
    assert_non_null(x);
    assert_non_null(strstr(x->message, "U+00A0"));
    assert_non_null(strstr(x->message, "trailing"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__protocol_token_wrong_case__error(void **state)
{
    fx *f = *state;
    char *k = kd("signing", f->cert);
    char *inner = sc_asprintf("%s%s", k, SSO);
    f->doc = entity("entityID=\"https://idp.example.com/saml\"",
                    "protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:Protocol\"", inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/protocol-support");
    assert_non_null(x);
    assert_non_null(strstr(x->message, "letter case"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__keyvalue_only__no_signing_cert(void **state)
{
    fx *f = *state;
    char *enc = kd("encryption", f->cert);
    char *inner = sc_asprintf("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:KeyValue>"
                              "<ds:RSAKeyValue><ds:Modulus>AQAB</ds:Modulus><ds:Exponent>AQAB"
                              "</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>"
                              "</md:KeyDescriptor>%s%s",
                              enc, SSO);
    f->doc = entity("entityID=\"https://idp.example.com/saml\"", PROTO, inner);
    free(enc);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/no-signing-cert"), 1);
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__unparsable_cert__one_finding_at_the_element(void **state)
{
    fx *f = *state;
    char *k = kd("signing", "-----BEGIN CERTIFICATE-----MIIB-----END CERTIFICATE-----");
    char *inner = sc_asprintf("\n%s%s", k, SSO);
    char *d = entity("entityID=\"https://idp.example.com/saml\"", PROTO, inner);
    f->doc = sc_asprintf("%s<!--%01000d-->", d, 0);
    free(d);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/cert-unparsable");
    assert_non_null(x);
    assert_int_equal(x->line, 2);
    assert_non_null(strstr(x->location, "X509Certificate"));
    assert_int_equal(samlcheck_report_count(f->r), 1);
}

static void check__expiring__respects_warn_days(void **state)
{
    fx *f = *state;
    char *k = kd("signing", f->expiring);
    char *inner = sc_asprintf("%s%s", k, SSO);
    f->doc = entity("entityID=\"https://idp.example.com/saml\"", PROTO, inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/cert-expiring"), 1);
    assert_int_equal(find(f, "metadata/cert-expiring")->severity, SAMLCHECK_SEV_INFO);
    samlcheck_report_free(f->r);
    assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
    f->o.cert_warn_days = 13; /* expires 2025-06-15T00:00Z: 13.5 days away */
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/cert-expiring"), 0);
    f->o.now = NOW + 20 * 86400LL; /* after notAfter */
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "metadata/cert-expired"), 1);
}

static void check__valid_until_offset__converted_and_compared(void **state)
{
    fx *f = *state;
    char *k = kd("signing", f->cert);
    char *inner = sc_asprintf("%s%s", k, SSO);
    /* 2025-06-01T13:00:00+02:00 is 11:00Z, one hour before now */
    f->doc = entity("entityID=\"https://idp.example.com/saml\" "
                    "validUntil=\"2025-06-01T13:00:00+02:00\"",
                    PROTO, inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/valid-until-passed");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_WARNING);
    assert_non_null(strstr(x->message, "2025-06-01T11:00:00Z"));
}

static void check__xinclude__no_external_fetch_and_not_followed(void **state)
{
    fx *f = *state;
    char *k = kd("signing", f->cert);
    char *inner = sc_asprintf("%s%s<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                              "href=\"file:///etc/passwd\"/>",
                              k, SSO);
    f->doc = entity("entityID=\"https://idp.example.com/saml\"", PROTO, inner);
    free(k);
    free(inner);
    assert_int_equal(check(f, f->doc), 0);
    assert_int_equal(count(f, "sec/no-external-fetch"), 1);
    assert_null(strstr(find(f, "sec/no-external-fetch")->message, "root:"));
}

/* The AWS-SP hint asks src/check/aws_endpoint.c: an aws-cn regional host
 * needs a cn-... region (RULES.md D1), so us-east-1.signin.amazonaws.cn is
 * no AWS endpoint (the metadata check's own copy of the grammar said it
 * was). */
static void check__sp_metadata_region_of_another_partition__not_aws_sp(void **state)
{
    static const struct {
        const char *location;
        int aws;
    } cases[] = {
        {"https://cn-north-1.signin.amazonaws.cn/saml", 1},
        {"https://us-gov-west-1.signin.amazonaws-us-gov.com/saml/acs/X1", 1},
        {"https://us-east-1.signin.amazonaws.cn/saml", 0},
        {"https://us-east-1.signin.amazonaws-us-gov.com/saml", 0},
        {"https://signin.aws.amazon.com.evil.com/saml", 0},
    };
    fx *f = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        free(f->doc);
        samlcheck_report_free(f->r);
        assert_int_equal(samlcheck_report_new(&f->r, "t.xml", "metadata"), 0);
        f->doc = sc_asprintf("<md:EntityDescriptor %s entityID=\"https://sp.example.com\">"
                             "<md:SPSSODescriptor %s><md:AssertionConsumerService Binding=\"b\" "
                             "Location=\"%s\" index=\"1\"/></md:SPSSODescriptor><!--%01000d-->"
                             "</md:EntityDescriptor>",
                             MD_NS, PROTO, cases[i].location, 0);
        assert_int_equal(check(f, f->doc), 0);
        const samlcheck_finding *x = find(f, "metadata/no-idpsso");
        assert_non_null(x);
        if ((strstr(x->hint, "AWS's own SP metadata") != NULL) != cases[i].aws)
            fail_msg("Location %s: expected the AWS-SP hint %s", cases[i].location,
                     cases[i].aws ? "to be given" : "not to be given");
    }
}

static void check__aws_sp_metadata__no_idpsso_with_hint(void **state)
{
    fx *f = *state;
    f->doc = sc_asprintf("<md:EntityDescriptor %s entityID=\"https://sp.example.com\">"
                         "<md:SPSSODescriptor %s><md:AssertionConsumerService Binding=\"b\" "
                         "Location=\"https://us-east-2.signin.aws.amazon.com/saml/acs/SAMLSPX1\" "
                         "index=\"1\"/></md:SPSSODescriptor><!--%01000d--></md:EntityDescriptor>",
                         MD_NS, PROTO, 0);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/no-idpsso");
    assert_non_null(x);
    assert_non_null(strstr(x->hint, "AWS's own SP metadata"));
    assert_int_equal(samlcheck_report_count(f->r), 1);

    samlcheck_metadata *md = (samlcheck_metadata *)1;
    assert_int_equal(samlcheck_metadata_load(&md, (const unsigned char *)f->doc, strlen(f->doc),
                                             "t.xml", f->r, &f->o, NULL),
                     0);
    assert_null(md);
}

static void check__eleven_idp_entities__error_subcase(void **state)
{
    fx *f = *state;
    sc_buf b = SC_BUF_INIT;
    char *k = kd("signing", f->cert);
    assert_int_equal(sc_buf_printf(&b, "<md:EntitiesDescriptor %s>", MD_NS), 0);
    for (int i = 0; i < 11; i++)
        assert_int_equal(sc_buf_printf(&b,
                                       "<md:EntityDescriptor entityID=\"urn:idp:%d\">"
                                       "<md:IDPSSODescriptor %s>%s%s</md:IDPSSODescriptor>"
                                       "</md:EntityDescriptor>",
                                       i, PROTO, k, SSO),
                         0);
    assert_int_equal(sc_buf_puts(&b, "</md:EntitiesDescriptor>"), 0);
    free(k);
    f->doc = sc_buf_detach(&b);
    assert_int_equal(check(f, f->doc), 0);
    const samlcheck_finding *x = find(f, "metadata/multiple-entities");
    assert_non_null(x);
    assert_int_equal(x->severity, SAMLCHECK_SEV_ERROR);
    assert_int_equal(count(f, "metadata/too-many-keys"), 0); /* one distinct certificate */
}

static void load__clean__model_with_der_and_flags(void **state)
{
    fx *f = *state;
    f->doc = clean_doc(f);
    samlcheck_metadata *md = NULL;
    assert_int_equal(samlcheck_metadata_load(&md, (const unsigned char *)f->doc, strlen(f->doc),
                                             "t.xml", f->r, &f->o, NULL),
                     0);
    assert_non_null(md);
    assert_int_equal(md->n_entities, 1);
    assert_string_equal(md->entity_ids[0], "https://idp.example.com/saml");
    assert_int_equal(md->n_certs, 1);
    assert_non_null(md->certs[0].der);
    assert_true(md->certs[0].der_len > 700);
    assert_true(md->certs[0].signing);
    assert_false(md->certs[0].encryption);
    assert_string_equal(md->name, "t.xml");
    samlcheck_metadata_free(md);
    samlcheck_metadata_free(NULL);
}

static void load__not_xml__null_with_finding(void **state)
{
    fx *f = *state;
    const char *junk = "https://idp.example.com/metadata";
    samlcheck_metadata *md = (samlcheck_metadata *)1;
    assert_int_equal(samlcheck_metadata_load(&md, (const unsigned char *)junk, strlen(junk),
                                             "t.xml", f->r, &f->o, NULL),
                     0);
    assert_null(md);
    assert_int_equal(count(f, "xml/malformed"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check__clean_idp__no_findings_and_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(check__size_counts_characters_not_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(check__certificates_over_limit__sec_limits_no_model, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__over_iam_size__not_parsed, setup, teardown),
        cmocka_unit_test_setup_teardown(check__malformed__stops_after_xml_findings, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__samlp_response_root__root_error_with_hint, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__nested_entities__counted_recursively_and_named,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(check__entity_id_trailing_nbsp__invalid_warning, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__protocol_token_wrong_case__error, setup, teardown),
        cmocka_unit_test_setup_teardown(check__keyvalue_only__no_signing_cert, setup, teardown),
        cmocka_unit_test_setup_teardown(check__unparsable_cert__one_finding_at_the_element, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__expiring__respects_warn_days, setup, teardown),
        cmocka_unit_test_setup_teardown(check__valid_until_offset__converted_and_compared, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__xinclude__no_external_fetch_and_not_followed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__sp_metadata_region_of_another_partition__not_aws_sp,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(check__aws_sp_metadata__no_idpsso_with_hint, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(check__eleven_idp_entities__error_subcase, setup, teardown),
        cmocka_unit_test_setup_teardown(load__clean__model_with_der_and_flags, setup, teardown),
        cmocka_unit_test_setup_teardown(load__not_xml__null_with_finding, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
