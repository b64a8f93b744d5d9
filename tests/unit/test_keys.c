/* Unit tests of the trust material's key index (crypto/keys.c): each
 * certificate decoded once, found by every kind of hint, duplicates merged,
 * the 10 candidates IAM keeps. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include "samlcheck/samlcheck.h"
#include "crypto/crypto.h"
#include "xml/metadata.h"

/* Certificates of testdata/keys/, all distinct. */
static const char *const names[] = {
    "idp-signing",      "idp-rotated",   "sp-encryption", "sp-encryption-other",
    "expired",          "expiring",      "rsa1024",       "rsa512",
    "ec-p256",          "dup-extension", "degenerate-e1", "degenerate-e2",
    "degenerate-n-even"};
#define N_NAMES (sizeof names / sizeof *names)

typedef struct cert {
    unsigned char *der;
    size_t len;
    X509 *x;
} cert;

static cert certs[N_NAMES];

static void load(cert *c, const char *name)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/testdata/keys/%s.b64", top ? top : "..", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *why = NULL;
    assert_int_equal(sc_cert_decode_b64_x509(&c->der, &c->len, &c->x, buf, &why), 0);
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(samlcheck_global_init(), 0);
    for (size_t i = 0; i < N_NAMES; i++)
        load(&certs[i], names[i]);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_NAMES; i++) {
        free(certs[i].der);
        X509_free(certs[i].x);
    }
    samlcheck_global_cleanup();
    return 0;
}

/* An index of certs[0..n) in order, all signing. */
static sc_keys *index_of(size_t n)
{
    sc_keys *k = NULL;
    assert_int_equal(sc_keys_new(&k, n), 0);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(sc_keys_add(k, i, certs[i].der, certs[i].len, certs[i].x, 1, ""), 0);
    assert_int_equal(sc_keys_finish(k), 0);
    return k;
}

static void h_der(unsigned char *h, const cert *c)
{
    assert_int_equal(sc_keys_hash(h, c->der, c->len), 0);
}

static void h_spki(unsigned char *h, const cert *c)
{
    unsigned char *d = NULL;
    int dl = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(c->x), &d);
    assert_true(dl > 0);
    assert_int_equal(sc_keys_hash(h, d, (size_t)dl), 0);
    OPENSSL_free(d);
}

static void h_issuer_serial(unsigned char *h, const cert *c)
{
    char *is = sc_cert_name_oneline(X509_get_issuer_name(c->x));
    BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(c->x), NULL);
    char *dec = BN_bn2dec(bn);
    assert_true(is && dec);
    assert_int_equal(sc_keys_issuer_serial_hash(h, is, dec), 0);
    free(is);
    OPENSSL_free(dec);
    BN_free(bn);
}

static void h_rsa(unsigned char *h, const cert *c)
{
    BIGNUM *n = NULL, *e = NULL;
    EVP_PKEY *pk = X509_get0_pubkey(c->x);
    assert_int_equal(EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_N, &n), 1);
    assert_int_equal(EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_E, &e), 1);
    /* with a leading zero byte, as a DER INTEGER would carry it */
    unsigned char nb[1 + 2048], eb[16];
    int nl = BN_bn2bin(n, nb + 1), el = BN_bn2bin(e, eb);
    nb[0] = 0;
    assert_int_equal(sc_keys_rsa_hash(h, nb, (size_t)nl + 1, eb, (size_t)el), 0);
    BN_free(n);
    BN_free(e);
}

static int h_ski(unsigned char *h, const cert *c)
{
    const ASN1_OCTET_STRING *s = X509_get0_subject_key_id(c->x);
    if (!s)
        return 0;
    assert_int_equal(sc_keys_hash(h, ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s)), 0);
    return 1;
}

static void keys__each_hint_kind__finds_its_certificate(void **state)
{
    (void)state;
    sc_keys *k = index_of(4); /* idp-signing, idp-rotated, sp-encryption(-other) */
    unsigned char h[SC_KEY_HASH_LEN];
    for (size_t i = 0; i < 4; i++) {
        const sc_trust_key *t;
        h_der(h, &certs[i]);
        t = sc_keys_find(k, SC_KEY_BY_DER, h);
        assert_non_null(t);
        assert_int_equal(t->cert, i);
        /* the bare key is the certificate's, decoded once */
        assert_ptr_equal(t->pkey, X509_get0_pubkey(t->x509));
        assert_int_equal(EVP_PKEY_eq(t->pkey, X509_get0_pubkey(certs[i].x)), 1);
        h_spki(h, &certs[i]);
        t = sc_keys_find(k, SC_KEY_BY_SPKI, h);
        assert_non_null(t);
        assert_int_equal(t->cert, i);
        h_issuer_serial(h, &certs[i]);
        t = sc_keys_find(k, SC_KEY_BY_ISSUER_SERIAL, h);
        assert_non_null(t);
        assert_int_equal(t->cert, i);
        h_rsa(h, &certs[i]);
        t = sc_keys_find(k, SC_KEY_BY_RSA, h);
        assert_non_null(t);
        assert_int_equal(t->cert, i);
        if (h_ski(h, &certs[i])) {
            t = sc_keys_find(k, SC_KEY_BY_SKI, h);
            assert_non_null(t);
            assert_int_equal(t->cert, i);
        }
    }
    sc_keys_free(k);
}

static void keys__hint_matching_nothing__null(void **state)
{
    (void)state;
    sc_keys *k = index_of(2);
    unsigned char h[SC_KEY_HASH_LEN];
    const cert *other = &certs[2]; /* sp-encryption: not in this index */
    h_der(h, other);
    assert_null(sc_keys_find(k, SC_KEY_BY_DER, h));
    h_spki(h, other);
    assert_null(sc_keys_find(k, SC_KEY_BY_SPKI, h));
    h_issuer_serial(h, other);
    assert_null(sc_keys_find(k, SC_KEY_BY_ISSUER_SERIAL, h));
    h_rsa(h, other);
    assert_null(sc_keys_find(k, SC_KEY_BY_RSA, h));
    if (h_ski(h, other))
        assert_null(sc_keys_find(k, SC_KEY_BY_SKI, h));
    /* a hash of one kind never matches a key by another kind */
    h_der(h, &certs[0]);
    assert_null(sc_keys_find(k, SC_KEY_BY_SPKI, h));
    assert_null(sc_keys_find(k, SC_KEY_BY_DER, NULL));
    assert_null(sc_keys_find(NULL, SC_KEY_BY_DER, h));
    assert_null(sc_keys_find(k, SC_KEY_BY_N, h));
    sc_keys_free(k);
}

/* The same certificate listed again (as encryption first, then signing,
 * then signing again) is one key, kept at its first position; it becomes a
 * candidate where it is first listed for signing. */
static void keys__duplicates__one_key_use_merged(void **state)
{
    (void)state;
    sc_keys *k = NULL;
    assert_int_equal(sc_keys_new(&k, 5), 0);
    assert_int_equal(sc_keys_add(k, 0, certs[0].der, certs[0].len, certs[0].x, 0, ""), 0);
    assert_int_equal(sc_keys_add(k, 1, certs[1].der, certs[1].len, certs[1].x, 1, ""), 0);
    assert_int_equal(sc_keys_add(k, 2, certs[0].der, certs[0].len, certs[0].x, 1, ""), 0);
    assert_int_equal(sc_keys_add(k, 3, certs[0].der, certs[0].len, certs[0].x, 1, ""), 0);
    assert_int_equal(sc_keys_add(k, 4, certs[1].der, certs[1].len, certs[1].x, 0, ""), 0);
    assert_int_equal(sc_keys_finish(k), 0);
    assert_int_equal(sc_keys_count(k), 2);
    unsigned char h[SC_KEY_HASH_LEN];
    h_der(h, &certs[0]);
    const sc_trust_key *t = sc_keys_find(k, SC_KEY_BY_DER, h);
    assert_non_null(t);
    assert_int_equal(t->cert, 0);
    assert_true(t->signing);
    const sc_trust_key *const *cand = NULL;
    int capped = -1;
    assert_int_equal(sc_keys_candidates(k, &cand, &capped), 2);
    assert_int_equal(capped, 0);
    assert_int_equal(cand[0]->cert, 1); /* idp-rotated is listed for signing first */
    assert_int_equal(cand[1]->cert, 0);
    sc_keys_free(k);
}

/* Two certificates for one key: the key hashes find the first. */
static void keys__two_certificates_one_key__first_found(void **state)
{
    (void)state;
    X509 *x2 = X509_dup(certs[0].x);
    assert_non_null(x2);
    ASN1_INTEGER_set(X509_get_serialNumber(x2), 4242);
    assert_true(i2d_re_X509_tbs(x2, NULL) > 0); /* re-encode the changed TBS */
    unsigned char *der = NULL;
    int dl = i2d_X509(x2, &der); /* re-encoded: another DER, the same key */
    assert_true(dl > 0);
    X509_free(x2);
    const unsigned char *p = der;
    x2 = d2i_X509(NULL, &p, dl);
    assert_non_null(x2);
    sc_keys *k = NULL;
    assert_int_equal(sc_keys_new(&k, 3), 0);
    assert_int_equal(sc_keys_add(k, 0, certs[1].der, certs[1].len, certs[1].x, 1, ""), 0);
    assert_int_equal(sc_keys_add(k, 1, der, (size_t)dl, x2, 1, ""), 0);
    assert_int_equal(sc_keys_add(k, 2, certs[0].der, certs[0].len, certs[0].x, 1, ""), 0);
    assert_int_equal(sc_keys_finish(k), 0);
    assert_int_equal(sc_keys_count(k), 3);
    unsigned char h[SC_KEY_HASH_LEN];
    h_spki(h, &certs[0]);
    const sc_trust_key *t = sc_keys_find(k, SC_KEY_BY_SPKI, h);
    assert_non_null(t);
    assert_int_equal(t->cert, 1);
    h_der(h, &certs[0]);
    t = sc_keys_find(k, SC_KEY_BY_DER, h);
    assert_non_null(t);
    assert_int_equal(t->cert, 2);
    sc_keys_free(k);
    X509_free(x2);
    OPENSSL_free(der);
}

/* IAM keeps 10 signing keys: 13 distinct signing certificates give 10
 * candidates in document order and "capped"; the later ones are still
 * found by hash (known, never tried). */
static void keys__more_than_ten_signing__ten_candidates_capped(void **state)
{
    (void)state;
    sc_keys *k = index_of(N_NAMES);
    const sc_trust_key *const *cand = NULL;
    int capped = 0;
    assert_int_equal(sc_keys_candidates(k, &cand, &capped), SC_KEYS_MAX_CANDIDATES);
    assert_int_equal(capped, 1);
    for (size_t i = 0; i < SC_KEYS_MAX_CANDIDATES; i++)
        assert_int_equal(cand[i]->cert, i);
    unsigned char h[SC_KEY_HASH_LEN];
    h_der(h, &certs[N_NAMES - 1]);
    const sc_trust_key *t = sc_keys_find(k, SC_KEY_BY_DER, h);
    assert_non_null(t);
    assert_int_equal(t->cert, N_NAMES - 1);
    /* the degenerate reason given at load is kept */
    sc_keys_free(k);
    k = NULL;
    assert_int_equal(sc_keys_new(&k, 1), 0);
    assert_int_equal(sc_keys_add(k, 0, certs[10].der, certs[10].len, certs[10].x, 1, "e = 1"), 0);
    assert_int_equal(sc_keys_finish(k), 0);
    assert_string_equal(sc_keys_at(k, 0)->degenerate, "e = 1");
    assert_null(sc_keys_at(k, 1));
    sc_keys_free(k);
    /* ten exactly: not capped */
    k = index_of(SC_KEYS_MAX_CANDIDATES);
    assert_int_equal(sc_keys_candidates(k, &cand, &capped), SC_KEYS_MAX_CANDIDATES);
    assert_int_equal(capped, 0);
    sc_keys_free(k);
}

/* Metadata loaded through the public API carries the index, built from
 * the certificates the metadata checks parsed. */
static void keys__metadata_load__index_built(void **state)
{
    (void)state;
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/testdata/responses/sig/metadata-two.xml", top ? top : "..");
    unsigned char *d = NULL;
    size_t len = 0;
    assert_int_equal(samlcheck_input_read_file(&d, &len, path, 1 << 20, NULL), 0);
    samlcheck_options o = SAMLCHECK_OPTIONS_INIT;
    o.now = 1748779200LL;
    samlcheck_metadata *md = NULL;
    assert_int_equal(samlcheck_metadata_load(&md, d, len, "m.xml", NULL, &o, NULL), 0);
    assert_non_null(md);
    assert_int_equal(sc_keys_count(md->keys), 2);
    const sc_trust_key *const *cand = NULL;
    int capped = -1;
    assert_int_equal(sc_keys_candidates(md->keys, &cand, &capped), 2);
    assert_int_equal(capped, 0);
    assert_int_equal(cand[0]->cert, 0);
    assert_int_equal(cand[1]->cert, 1);
    assert_non_null(cand[1]->pkey);
    samlcheck_metadata_free(md);
    free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keys__each_hint_kind__finds_its_certificate),
        cmocka_unit_test(keys__hint_matching_nothing__null),
        cmocka_unit_test(keys__duplicates__one_key_use_merged),
        cmocka_unit_test(keys__two_certificates_one_key__first_found),
        cmocka_unit_test(keys__more_than_ten_signing__ten_candidates_capped),
        cmocka_unit_test(keys__metadata_load__index_built),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
