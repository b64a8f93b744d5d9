/* X.509 inspection for IdP metadata (RULES.md metadata/cert-*): strict
 * decoding of <ds:X509Certificate> text, key type and size, validity as Unix
 * seconds (our own civil-date arithmetic, no libc time conversion), repeated extensions and
 * fingerprints. The OpenSSL error queue is drained before returning so that
 * nothing leaks into the next caller. */
#include "crypto.h"
#include "../base/base.h"
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

/* An <X509Certificate> is at most one text value (sec/limits caps it at
 * 1 MiB); certificates are a few KiB. */
#define CERT_MAX_B64 (1024u * 1024u)
#define CERT_MAX_EXTS 1000
#define LONG_MAX_DER (16L * 1024 * 1024)

/* The one decoder (src/base/base64.c) over line-wrapped element content,
 * with a reason for people when it fails. */
static int b64_decode_strict(unsigned char **out, size_t *out_len, const char *s, size_t n,
                             const char **why)
{
    sc_b64_error e;
    int rc = sc_b64_decode(out, out_len, s, n, SC_B64_XML_WS, &e);
    if (rc != SAMLCHECK_EINVAL)
        return rc;
    switch (e.status) {
    case SC_B64_URLSAFE: *why = "the base64 text uses the URL-safe alphabet ('-' or '_')"; break;
    case SC_B64_BAD_LENGTH:
        *why = "the base64 text length is not a multiple of 4 (truncated, or bad padding)";
        break;
    case SC_B64_BAD_PADDING: *why = "'=' padding appears before the end of the base64 text"; break;
    case SC_B64_NONZERO_BITS:
        *why = "the last base64 character before the padding sets bits that a correct encoder "
               "leaves zero (the text was altered or cut short)";
        break;
    case SC_B64_EMPTY: *why = "the element is empty"; break;
    default: *why = "the base64 text contains a character outside the standard alphabet"; break;
    }
    return rc;
}

int sc_cert_decode_b64(unsigned char **der_out, size_t *der_len, const char *text, const char **why)
{
    return sc_cert_decode_b64_x509(der_out, der_len, NULL, text, why);
}

int sc_cert_b64_to_der(unsigned char **der_out, size_t *der_len, const char *text, const char **why)
{
    unsigned char *der = NULL;
    size_t dlen = 0;
    int rc = SAMLCHECK_EINVAL;

    *der_out = NULL;
    *der_len = 0;
    *why = NULL;
    if (!text) {
        *why = "the element is empty";
        goto out;
    }
    if (strstr(text, "-----BEGIN") || strstr(text, "-----END")) {
        *why = "the element contains PEM armour (-----BEGIN CERTIFICATE-----); only the "
               "base64 body belongs there";
        goto out;
    }
    size_t tl = strlen(text);
    if (tl > CERT_MAX_B64) {
        *why = "the base64 text is larger than 1 MiB";
        goto out;
    }
    rc = b64_decode_strict(&der, &dlen, text, tl, why);
    if (rc)
        goto out;
    rc = SAMLCHECK_EINVAL;
    if (dlen == 0 || dlen > (size_t)LONG_MAX_DER) {
        *why = "the base64 text decodes to nothing";
        goto out;
    }
    *der_out = der;
    *der_len = dlen;
    der = NULL;
    rc = 0;
out:
    free(der);
    return rc;
}

int sc_cert_der_to_x509(X509 **x_out, const unsigned char *der, size_t dlen, const char **why)
{
    int rc = SAMLCHECK_EINVAL;
    *x_out = NULL;
    *why = NULL;
    if (!der || dlen == 0 || dlen > (size_t)LONG_MAX_DER) {
        *why = "the base64 text decodes to nothing";
        return rc;
    }
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)dlen);
    if (!x) {
        *why = "the decoded bytes are not a DER X.509 certificate";
        goto out;
    }
    size_t used = (size_t)(p - der);
    if (used != dlen) {
        const unsigned char *q = p;
        X509 *second = d2i_X509(NULL, &q, (long)(dlen - used));
        *why = second ? "two certificates are concatenated in one element"
                      : "there are trailing bytes after the DER certificate";
        X509_free(second);
        goto out;
    }
    *x_out = x;
    x = NULL;
    rc = 0;
out:
    X509_free(x);
    ERR_clear_error();
    return rc;
}

int sc_cert_decode_b64_x509(unsigned char **der_out, size_t *der_len, X509 **x_out,
                            const char *text, const char **why)
{
    X509 *x = NULL;
    if (x_out)
        *x_out = NULL;
    int rc = sc_cert_b64_to_der(der_out, der_len, text, why);
    if (!rc)
        rc = sc_cert_der_to_x509(&x, *der_out, *der_len, why);
    if (rc) {
        free(*der_out);
        *der_out = NULL;
        *der_len = 0;
    } else if (x_out) {
        *x_out = x;
        x = NULL;
    }
    X509_free(x);
    ERR_clear_error();
    return rc;
}

static int asn1_to_unix(const ASN1_TIME *t, long long *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return -1;
    *out = sc_time_from_civil((long long)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1,
                              (unsigned)tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return 0;
}

char *sc_cert_name_oneline(const X509_NAME *nm)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *s = NULL;
    if (!b)
        return NULL;
    if (X509_NAME_print_ex(b, nm, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
        char *p = NULL;
        long n = BIO_get_mem_data(b, &p);
        s = n >= 0 ? sc_strndup(p ? p : "", (size_t)n) : NULL;
    }
    BIO_free(b);
    return s;
}

int sc_cert_fingerprint(char *buf, size_t size, const EVP_MD *md, const unsigned char *der,
                        size_t len)
{
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int hl = 0;
    if (!EVP_Digest(der, len, h, &hl, md, NULL) || (size_t)hl * 3 > size)
        return -1;
    sc_hex_colon(buf, size, h, hl);
    return 0;
}

static const char *key_type_name(int id)
{
    switch (id) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_DSA: return "DSA";
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_DH: return "DH";
    default: return "unknown";
    }
}

/* The first extension OID that occurs twice, as "2.5.29.14 (subjectKeyIdentifier)". */
static int find_dup_ext(char **out, const X509 *x)
{
    int n = X509_get_ext_count(x);
    *out = NULL;
    if (n > CERT_MAX_EXTS)
        n = CERT_MAX_EXTS;
    for (int i = 1; i < n; i++) {
        const ASN1_OBJECT *oi = X509_EXTENSION_get_object(X509_get_ext(x, i));
        for (int j = 0; j < i; j++) {
            const ASN1_OBJECT *oj = X509_EXTENSION_get_object(X509_get_ext(x, j));
            if (!oi || !oj || OBJ_cmp(oi, oj) != 0)
                continue;
            char num[128];
            int nid = OBJ_obj2nid(oi);
            if (OBJ_obj2txt(num, sizeof num, oi, 1) <= 0)
                snprintf(num, sizeof num, "?");
            *out = nid != NID_undef ? sc_asprintf("%s (%s)", num, OBJ_nid2sn(nid)) : sc_strdup(num);
            return *out ? 0 : SAMLCHECK_ENOMEM;
        }
    }
    return 0;
}

/* ---- metadata/cert-key-degenerate ---- */

static int say(char *why, size_t size, const char *text)
{
    if (why && size)
        snprintf(why, size, "%s", text);
    return 1;
}

static int rsa_degenerate(const EVP_PKEY *pk, char *why, size_t size)
{
    BIGNUM *n = NULL, *e = NULL;
    int bad = 0;
    if (!EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_N, &n) ||
        !EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_E, &e))
        bad = say(why, size, "its RSA modulus and exponent cannot be read");
    else if (BN_is_negative(n) || BN_is_negative(e))
        bad = say(why, size, "its RSA modulus or public exponent is negative");
    else if (BN_is_zero(e))
        bad = say(why, size, "its RSA public exponent is 0");
    else if (BN_is_one(e))
        bad = say(why, size,
                  "its RSA public exponent is 1, so every padded digest is its own valid "
                  "signature");
    else if (!BN_is_odd(e))
        bad = say(why, size,
                  BN_is_word(e, 2) ? "its RSA public exponent is 2 (even: not an RSA key)"
                                   : "its RSA public exponent is even (not an RSA key)");
    else if (BN_cmp(e, n) >= 0)
        bad = say(why, size, "its RSA public exponent is not smaller than the modulus");
    else if (!BN_is_odd(n))
        bad = say(why, size, "its RSA modulus is even (not a product of two large primes)");
    BN_free(n);
    BN_free(e);
    return bad;
}

static int ec_degenerate(EVP_PKEY *pk, char *why, size_t size)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pk, NULL);
    int ok = ctx && EVP_PKEY_public_check(ctx) == 1;
    EVP_PKEY_CTX_free(ctx);
    return ok ? 0 : say(why, size, "its EC public key is not a valid point on its curve");
}

int sc_cert_key_degenerate(const X509 *x, char *why, size_t size)
{
    int bad = 0;
    if (why && size)
        why[0] = '\0';
    if (!x)
        return 0;
    EVP_PKEY *pk = X509_get0_pubkey(x);
    if (!pk) {
        /* OpenSSL refuses to decode an EC point that is not on its curve:
         * that is this rule, not an unreadable certificate. */
        ASN1_OBJECT *alg = NULL;
        X509_PUBKEY *spki = X509_get_X509_PUBKEY(x);
        if (spki && X509_PUBKEY_get0_param(&alg, NULL, NULL, NULL, spki) == 1 &&
            OBJ_obj2nid(alg) == NID_X9_62_id_ecPublicKey)
            bad = say(why, size, "its EC public key is not a valid point on its curve");
    } else {
        switch (EVP_PKEY_get_base_id(pk)) {
        case EVP_PKEY_RSA:
        case EVP_PKEY_RSA_PSS: bad = rsa_degenerate(pk, why, size); break;
        case EVP_PKEY_EC: bad = ec_degenerate(pk, why, size); break;
        default: break;
        }
    }
    ERR_clear_error();
    return bad;
}

/* Curve size of an EC key whose point did not decode, from its parameters. */
static int ec_param_bits(const X509 *x)
{
    const void *pval = NULL;
    int ptype = 0;
    X509_ALGOR *palg = NULL;
    X509_PUBKEY *spki = X509_get_X509_PUBKEY(x);
    if (!spki || X509_PUBKEY_get0_param(NULL, NULL, NULL, &palg, spki) != 1 || !palg)
        return 0;
    X509_ALGOR_get0(NULL, &ptype, &pval, palg);
    if (ptype != V_ASN1_OBJECT || !pval)
        return 0;
    EC_GROUP *g = EC_GROUP_new_by_curve_name(OBJ_obj2nid(pval));
    int bits = g ? EC_GROUP_get_degree(g) : 0;
    EC_GROUP_free(g);
    return bits;
}

int sc_cert_inspect(sc_cert_info *out, const unsigned char *der, size_t len, const char **why)
{
    X509 *x = NULL;

    memset(out, 0, sizeof *out);
    *why = NULL;
    if (!der || len == 0 || len > (size_t)LONG_MAX_DER) {
        *why = "no certificate bytes";
        return SAMLCHECK_EINVAL;
    }
    const unsigned char *p = der;
    x = d2i_X509(NULL, &p, (long)len);
    if (!x) {
        *why = "the bytes are not a DER X.509 certificate";
        ERR_clear_error();
        return SAMLCHECK_EINVAL;
    }
    if ((size_t)(p - der) != len) {
        *why = "there are trailing bytes after the DER certificate";
        X509_free(x);
        ERR_clear_error();
        return SAMLCHECK_EINVAL;
    }
    return sc_cert_inspect_take(out, x, der, len, why);
}

int sc_cert_inspect_take(sc_cert_info *out, X509 *x, const unsigned char *der, size_t len,
                         const char **why)
{
    int rc = SAMLCHECK_EINVAL;

    memset(out, 0, sizeof *out);
    *why = NULL;
    if (!x) {
        *why = "no certificate";
        return SAMLCHECK_EINVAL;
    }
    long v = X509_get_version(x);
    out->version = (int)(v + 1);
    if (v < 0 || v > 2) {
        *why = "the certificate version is not 1, 2 or 3";
        goto out;
    }
    if (v < 2 && X509_get_ext_count(x) > 0) {
        *why = v == 0 ? "a version 1 certificate carries extensions (only version 3 may)"
                      : "a version 2 certificate carries extensions (only version 3 may)";
        goto out;
    }
    EVP_PKEY *pk = X509_get0_pubkey(x);
    (void)sc_cert_key_degenerate(x, out->degenerate, sizeof out->degenerate);
    if (!pk && out->degenerate[0]) {
        /* an EC point off its curve: readable, and reported as degenerate */
        out->key_type = "EC";
        out->key_bits = ec_param_bits(x);
    } else if (!pk) {
        *why = "the certificate's public key cannot be decoded";
        goto out;
    } else {
        out->key_type = key_type_name(EVP_PKEY_get_base_id(pk));
        out->key_bits = EVP_PKEY_get_bits(pk);
    }
    if (asn1_to_unix(X509_get0_notBefore(x), &out->not_before) ||
        asn1_to_unix(X509_get0_notAfter(x), &out->not_after)) {
        *why = "the certificate's validity dates cannot be read";
        goto out;
    }
    if (sc_cert_fingerprint(out->sha1, sizeof out->sha1, EVP_sha1(), der, len) ||
        sc_cert_fingerprint(out->sha256, sizeof out->sha256, EVP_sha256(), der, len)) {
        rc = SAMLCHECK_ECRYPTO;
        *why = "digest failed";
        goto out;
    }
    rc = SAMLCHECK_ENOMEM;
    out->subject = sc_cert_name_oneline(X509_get_subject_name(x));
    out->issuer = sc_cert_name_oneline(X509_get_issuer_name(x));
    if (!out->subject || !out->issuer)
        goto out;
    if (find_dup_ext(&out->dup_ext_oid, x))
        goto out;
    out->x509 = x;
    x = NULL;
    rc = 0;
out:
    X509_free(x);
    if (rc)
        sc_cert_info_clear(out);
    ERR_clear_error();
    return rc;
}

void sc_cert_info_clear(sc_cert_info *ci)
{
    if (!ci)
        return;
    X509_free(ci->x509);
    free(ci->subject);
    free(ci->issuer);
    free(ci->dup_ext_oid);
    memset(ci, 0, sizeof *ci);
}

/* A certificate given on the command line (--metadata-signer,
 * --encryption-cert): PEM, DER or the bare base64 body of a
 * <ds:X509Certificate>. NULL when it is none of them. */
X509 *sc_cert_parse_any(const unsigned char *d, size_t len)
{
    X509 *x = NULL;
    if (len == 0 || len > (size_t)INT32_MAX)
        return NULL;
    int pem = 0;
    for (size_t i = 0; i + 10 <= len && !pem; i++)
        pem = memcmp(d + i, "-----BEGIN", 10) == 0;
    if (pem) {
        BIO *bio = BIO_new_mem_buf(d, (int)len);
        if (bio)
            x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        BIO_free(bio);
    } else {
        const unsigned char *p = d;
        x = d2i_X509(NULL, &p, (long)len);
        if (x && p != d + len) {
            X509_free(x);
            x = NULL;
        }
        if (!x) {
            unsigned char *raw = NULL;
            size_t raw_len = 0;
            if (sc_crypto_b64_decode(&raw, &raw_len, (const char *)d, len) == 0) {
                p = raw;
                x = d2i_X509(NULL, &p, (long)raw_len);
                if (x && p != raw + raw_len) {
                    X509_free(x);
                    x = NULL;
                }
            }
            free(raw);
        }
    }
    ERR_clear_error();
    return x;
}

/* The DER of such a certificate (sc_cert_parse_any), re-encoded. */
int sc_cert_load_der(unsigned char **der_out, size_t *der_len, const unsigned char *d, size_t len)
{
    *der_out = NULL;
    *der_len = 0;
    if (len == 0 || len > (size_t)INT32_MAX)
        return SAMLCHECK_EINVAL;
    X509 *x = sc_cert_parse_any(d, len);
    if (!x)
        return SAMLCHECK_EINVAL;
    unsigned char *der = NULL;
    int n = i2d_X509(x, &der);
    X509_free(x);
    if (n <= 0)
        return SAMLCHECK_EINVAL;
    *der_out = malloc((size_t)n);
    if (!*der_out) {
        OPENSSL_free(der);
        return SAMLCHECK_ENOMEM;
    }
    memcpy(*der_out, der, (size_t)n);
    *der_len = (size_t)n;
    OPENSSL_free(der);
    return 0;
}
