/* Unit tests of `samlcheck key` (src/check/check_key.c) over in-memory PEMs,
 * and of the key set behind --key (src/crypto/key.c). */
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
#include "base/base.h"

static char *slurp(const char *rel, size_t *len)
{
    const char *top = getenv("top_srcdir");
    char *p = sc_asprintf("%s/%s", top && *top ? top : "..", rel);
    unsigned char *data = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    assert_int_equal(samlcheck_input_read_file(&data, len, p, 1024 * 1024, &err), 0);
    free(p);
    return (char *)data;
}

static samlcheck_report *check(const char *data, size_t len, const samlcheck_options *o)
{
    samlcheck_report *r = NULL;
    samlcheck_options dflt = SAMLCHECK_OPTIONS_INIT;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    assert_int_equal(samlcheck_report_new(&r, "k.pem", "key"), 0);
    assert_int_equal(samlcheck_check_key(r, (const unsigned char *)data, len, o ? o : &dflt, &err),
                     0);
    return r;
}

static size_t count(samlcheck_report *r, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < samlcheck_report_count(r); i++)
        n += strcmp(samlcheck_report_at(r, i)->rule, rule) == 0;
    return n;
}

/* The only finding is @p rule (or none when NULL). */
static void expect_only(const char *data, size_t len, const char *rule)
{
    samlcheck_report *r = check(data, len, NULL);
    if (!rule) {
        assert_int_equal(samlcheck_report_count(r), 0);
    } else {
        assert_int_equal(samlcheck_report_count(r), 1);
        assert_string_equal(samlcheck_report_at(r, 0)->rule, rule);
    }
    samlcheck_report_free(r);
}

static void pkcs8_rsa2048__clean_with_summary_and_no_key_material(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs8.pem", &len);
    samlcheck_report *r = check(pem, len, NULL);
    assert_int_equal(samlcheck_report_count(r), 0);
    json_t *s = sc_report_summary(r);
    assert_string_equal(json_string_value(json_object_get(s, "format")), "PKCS#8");
    assert_string_equal(json_string_value(json_object_get(s, "type")), "RSA");
    assert_int_equal(json_integer_value(json_object_get(s, "bits")), 2048);
    assert_int_equal(strlen(json_string_value(json_object_get(s, "public_key_sha256"))), 95);
    char *dump = json_dumps(s, 0);
    assert_null(strstr(dump, "MII")); /* no base64 DER of the key */
    free(dump);
    samlcheck_report_free(r);
    free(pem);
}

static void pkcs1_and_pkcs8__same_public_fingerprint(void **state)
{
    (void)state;
    size_t l1, l8;
    char *p1 = slurp("testdata/keys/sp-encryption.pkcs1.pem", &l1);
    char *p8 = slurp("testdata/keys/sp-encryption.pkcs8.pem", &l8);
    samlcheck_report *r1 = check(p1, l1, NULL), *r8 = check(p8, l8, NULL);
    assert_string_equal(json_string_value(json_object_get(sc_report_summary(r1), "format")),
                        "PKCS#1");
    assert_string_equal(
        json_string_value(json_object_get(sc_report_summary(r1), "public_key_sha256")),
        json_string_value(json_object_get(sc_report_summary(r8), "public_key_sha256")));
    samlcheck_report_free(r1);
    samlcheck_report_free(r8);
    free(p1);
    free(p8);
}

static void size__over_16384_characters__key_size(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs8.pem", &len);
    size_t big = 16385;
    char *buf = malloc(big + 1);
    memcpy(buf, pem, len);
    memset(buf + len, '\n', big - len);
    buf[big] = 0;
    expect_only(buf, big, "key/size");
    expect_only(buf, 16384, NULL); /* exactly at the limit */
    free(buf);
    free(pem);
}

static void size__characters_outside_latin1__key_size(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs8.pem", &len);
    /* UTF-8 U+0100 (outside U+0020-U+00FF) in explanatory text */
    char *t = sc_asprintf("note \xc4\x80\n%s", pem);
    expect_only(t, strlen(t), "key/size");
    free(t);
    /* UTF-8 U+00E9 is inside the range */
    t = sc_asprintf("note \xc3\xa9\n%s", pem);
    expect_only(t, strlen(t), NULL);
    free(t);
    /* invalid UTF-8: bytes count as Latin-1, 0xE9 alone is fine */
    t = sc_asprintf("note \xe9\n%s", pem);
    expect_only(t, strlen(t), NULL);
    free(t);
    /* a control character */
    t = sc_asprintf("note \x01\n%s", pem);
    samlcheck_report *r = check(t, strlen(t), NULL);
    assert_int_equal(count(r, "key/size"), 1);
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "U+0001"));
    samlcheck_report_free(r);
    free(t);
    free(pem);
}

static void bom_and_crlf__armour_still_read(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs1.pem", &len);
    char *t = sc_asprintf("\xef\xbb\xbf%s", pem);
    samlcheck_report *r = check(t, strlen(t), NULL);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "key/size");
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "U+FEFF"));
    assert_string_equal(json_string_value(json_object_get(sc_report_summary(r), "format")),
                        "PKCS#1");
    samlcheck_report_free(r);
    free(t);
    sc_buf b = SC_BUF_INIT;
    for (size_t i = 0; i < len; i++) {
        if (pem[i] == '\n')
            sc_buf_putc(&b, '\r');
        sc_buf_putc(&b, pem[i]);
    }
    expect_only(b.data, b.len, NULL);
    sc_buf_free(&b);
    free(pem);
}

static void empty__not_pem_and_size(void **state)
{
    (void)state;
    samlcheck_report *r = check("", 0, NULL);
    assert_int_equal(count(r, "key/not-pem"), 1);
    assert_int_equal(count(r, "key/size"), 1);
    samlcheck_report_free(r);
    r = check("\n  \n", 4, NULL);
    assert_int_equal(count(r, "key/not-pem"), 1);
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "empty"));
    samlcheck_report_free(r);
}

static void armour_problems__not_pem_with_specific_hint(void **state)
{
    (void)state;
    static const struct {
        const char *pem;
        const char *hint;
    } t[] = {
        {"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n",
         "OpenSSH"},
        {"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "certificate"},
        {"-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", "public key"},
        {"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n", "differ"},
        {"-----BEGIN PRIVATE KEY-----\nMIIB\n", "no matching"},
        {"-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n", "base64"},
        {"-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n", "PKCS#8"},
        {"-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n", "PKCS#1"},
        {"ssh-rsa AAAAB3NzaC1yc2E user@host\n", "OpenSSH public key"},
        {"just some text\n", "no -----BEGIN"},
        {"-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n"
         "-----BEGIN CERTIFICATE-----\nMAMCAQA=\n-----END CERTIFICATE-----\n",
         "2 PEM blocks"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        samlcheck_report *r = check(t[i].pem, strlen(t[i].pem), NULL);
        assert_int_equal(samlcheck_report_count(r), 1);
        assert_string_equal(samlcheck_report_at(r, 0)->rule, "key/not-pem");
        if (!strstr(samlcheck_report_at(r, 0)->message, t[i].hint))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, samlcheck_report_at(r, 0)->message,
                     t[i].hint);
        assert_string_equal(samlcheck_report_at(r, 0)->aws_error, "Invalid private key.");
        samlcheck_report_free(r);
    }
}

static void binary_der__not_pem_only(void **state)
{
    (void)state;
    static const char der[] = "\x30\x82\x01\x02\x02\x01\x00\x30\x0d\x06\x09\x2a";
    samlcheck_report *r = check(der, sizeof der - 1, NULL);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "key/not-pem");
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "DER"));
    samlcheck_report_free(r);
}

static void encrypted_forms__key_encrypted_not_not_pem(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.enc.pem", &len);
    expect_only(pem, len, "key/encrypted");
    free(pem);
    pem = slurp("testdata/keys/sp-encryption.pkcs1-enc.pem", &len);
    expect_only(pem, len, "key/encrypted");
    free(pem);
}

static void ec_key__unsupported_type_warning(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/ec-p256.key", &len);
    samlcheck_report *r = check(pem, len, NULL);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "key/unsupported-type");
    assert_int_equal(samlcheck_report_at(r, 0)->severity, SAMLCHECK_SEV_WARNING);
    assert_int_equal(samlcheck_report_exit_status(r, 0), 0);
    samlcheck_report_free(r);
    free(pem);
}

static void rsa1024__too_small_warning(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/rsa1024.key", &len);
    samlcheck_report *r = check(pem, len, NULL);
    assert_int_equal(count(r, "key/too-small"), 1);
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "1024"));
    samlcheck_report_free(r);
    free(pem);
}

static void encryption_cert__mismatch_and_match(void **state)
{
    (void)state;
    size_t len, cl, ol;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs8.pem", &len);
    char *crt = slurp("testdata/keys/sp-encryption.crt", &cl);
    char *other = slurp("testdata/keys/sp-encryption-other.crt", &ol);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    o.encryption_cert = (const unsigned char *)other;
    o.encryption_cert_len = ol;
    o.encryption_cert_name = "other.crt";
    samlcheck_report *r = check(pem, len, &o);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "key/mismatch");
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "other.crt"));
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "aws-saml-encryption-old"));
    samlcheck_report_free(r);
    size_t bl;
    char *b64 = slurp("testdata/keys/sp-encryption.b64", &bl);
    o.encryption_cert = (const unsigned char *)b64;
    o.encryption_cert_len = bl;
    r = check(pem, len, &o);
    assert_int_equal(samlcheck_report_count(r), 0); /* bare base64 body accepted */
    samlcheck_report_free(r);
    free(b64);
    o.encryption_cert = (const unsigned char *)crt;
    o.encryption_cert_len = cl;
    r = check(pem, len, &o);
    assert_int_equal(samlcheck_report_count(r), 0);
    json_t *m = json_object_get(sc_report_summary(r), "matches_certificate");
    assert_non_null(
        strstr(json_string_value(json_object_get(m, "subject")), "aws-saml-encryption"));
    assert_int_equal(strlen(json_string_value(json_object_get(m, "sha1"))), 59);
    samlcheck_report_free(r);
    free(pem);
    free(crt);
    free(other);
}

static void encryption_cert_not_a_certificate__hard_error(void **state)
{
    (void)state;
    size_t len;
    char *pem = slurp("testdata/keys/sp-encryption.pkcs8.pem", &len);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    samlcheck_report *r = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    o.encryption_cert = (const unsigned char *)"nope";
    o.encryption_cert_len = 4;
    assert_int_equal(samlcheck_report_new(&r, "k.pem", "key"), 0);
    assert_int_equal(samlcheck_check_key(r, (const unsigned char *)pem, len, &o, &err),
                     SAMLCHECK_EINVAL);
    assert_non_null(strstr(err.message, "certificate"));
    samlcheck_report_free(r);
    free(pem);
}

static void key_count__third_key_reports_too_many(void **state)
{
    (void)state;
    samlcheck_report *r = NULL;
    assert_int_equal(samlcheck_report_new(&r, "k.pem", "key"), 0);
    assert_int_equal(samlcheck_check_key_count(r, 1, 2), 0);
    assert_int_equal(samlcheck_report_count(r), 0);
    assert_int_equal(samlcheck_check_key_count(r, 1, 3), 0);
    assert_int_equal(samlcheck_report_count(r), 0);
    assert_int_equal(samlcheck_check_key_count(r, 2, 3), 0);
    assert_int_equal(samlcheck_report_count(r), 1);
    assert_string_equal(samlcheck_report_at(r, 0)->rule, "config/too-many-keys");
    assert_string_equal(samlcheck_report_at(r, 0)->aws_error, "Private key limit of 2 is reached.");
    samlcheck_report_free(r);
}

static void keyset__rejects_encrypted_and_counts(void **state)
{
    (void)state;
    size_t len;
    samlcheck_keyset *ks = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    assert_int_equal(samlcheck_keyset_new(&ks), 0);
    char *pem = slurp("testdata/keys/sp-encryption.enc.pem", &len);
    assert_int_equal(samlcheck_keyset_add_pem(ks, (unsigned char *)pem, len, "enc.pem", &err),
                     SAMLCHECK_EINVAL);
    /* the message carries OpenSSL's reason (a failed decryption with the
     * empty passphrase), not only the guess */
    const char *why = strstr(err.message, "(OpenSSL: ");
    assert_non_null(why);
    assert_true(why[strlen("(OpenSSL: ")] != ')');
    free(pem);
    pem = slurp("testdata/keys/sp-encryption.pkcs1.pem", &len);
    assert_int_equal(samlcheck_keyset_add_pem(ks, (unsigned char *)pem, len, "k1.pem", &err), 0);
    free(pem);
    assert_int_equal(samlcheck_keyset_count(ks), 1);
    samlcheck_keyset_free(ks);
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

/* Issue 8 item 8: samlcheck_check_key takes (data, len); the data is not
 * a C string. Each input is copied into a heap block of exactly its length
 * (no NUL after it), so ASan reports any read past the end. The prefixes
 * are cut where a strncmp-style comparison would read on. */
static void short_buffers__never_read_past_len(void **state)
{
    (void)state;
    static const char *const cuts[] = {"s",
                                       "ssh",
                                       "ssh-",
                                       "ecdsa-sha2",
                                       "ecdsa-sha2-",
                                       "PuTTY-User-Key-Fil",
                                       "PuTTY-User-Key-File",
                                       "-----BEGIN",
                                       "-----BEGIN PRIVATE KEY-----",
                                       "\x30",
                                       "\x30\x82",
                                       " \n"};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t len = strlen(cuts[i]);
        char *exact = malloc(len);
        assert_non_null(exact);
        memcpy(exact, cuts[i], len);
        samlcheck_report *r = check(exact, len, NULL);
        assert_int_equal(count(r, "key/not-pem"), 1);
        samlcheck_report_free(r);
        free(exact);
    }
    /* the same bytes followed by garbage instead of a NUL: still judged
     * on the first len bytes only ("ssh" is not "ssh-") */
    char buf[8] = {'s', 's', 'h', '-', 'r', 's', 'a', ' '};
    samlcheck_report *r = check(buf, 3, NULL);
    assert_int_equal(count(r, "key/not-pem"), 1);
    assert_null(strstr(samlcheck_report_at(r, 0)->message, "OpenSSH"));
    samlcheck_report_free(r);
    r = check(buf, 8, NULL);
    assert_non_null(strstr(samlcheck_report_at(r, 0)->message, "OpenSSH"));
    samlcheck_report_free(r);
}

/* keyset_add_pem: an exact-length buffer (no NUL) is read within len. */
static void keyset__exact_length_buffer(void **state)
{
    (void)state;
    size_t len = 0;
    char *pem = slurp("testdata/keys/sp-encryption.key", &len);
    char *exact = malloc(len);
    assert_non_null(exact);
    memcpy(exact, pem, len);
    samlcheck_keyset *ks = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    assert_int_equal(samlcheck_keyset_new(&ks), 0);
    assert_int_equal(samlcheck_keyset_add_pem(ks, (unsigned char *)exact, len, "k.pem", &err), 0);
    assert_int_equal(samlcheck_keyset_add_pem(ks, (unsigned char *)exact, 5, "cut.pem", &err),
                     SAMLCHECK_EINVAL);
    samlcheck_keyset_free(ks);
    free(exact);
    free(pem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pkcs8_rsa2048__clean_with_summary_and_no_key_material),
        cmocka_unit_test(pkcs1_and_pkcs8__same_public_fingerprint),
        cmocka_unit_test(size__over_16384_characters__key_size),
        cmocka_unit_test(size__characters_outside_latin1__key_size),
        cmocka_unit_test(bom_and_crlf__armour_still_read),
        cmocka_unit_test(empty__not_pem_and_size),
        cmocka_unit_test(armour_problems__not_pem_with_specific_hint),
        cmocka_unit_test(binary_der__not_pem_only),
        cmocka_unit_test(encrypted_forms__key_encrypted_not_not_pem),
        cmocka_unit_test(ec_key__unsupported_type_warning),
        cmocka_unit_test(rsa1024__too_small_warning),
        cmocka_unit_test(encryption_cert__mismatch_and_match),
        cmocka_unit_test(encryption_cert_not_a_certificate__hard_error),
        cmocka_unit_test(key_count__third_key_reports_too_many),
        cmocka_unit_test(keyset__rejects_encrypted_and_counts),
        cmocka_unit_test(short_buffers__never_read_past_len),
        cmocka_unit_test(keyset__exact_length_buffer),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
