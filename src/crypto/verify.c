/* XML-DSig verification (RULES.md 7.2 and 11), the cryptographic half:
 * sigstruct.c first judges the structure of every ds:Signature (the
 * wrapping defence: position, sec/reference-uri, sec/transforms, no
 * ds:Object / Manifest / RetrievalMethod); only applicable signatures are
 * verified here. The key-independent stages (values, digest by xmlsec's
 * reference processing restricted to same-document references and the
 * allowed transforms, canonical SignedInfo) run once per signature; the
 * SignatureValue is then checked with OpenSSL against the bare public keys
 * of the metadata's candidate certificates, decoded once when the metadata
 * was loaded (keys.c). The KeyInfo of the message is never trusted, only
 * used as a hint for which key to try first. IDs are registered for the
 * SAML ID of R and A only, so a Reference can resolve to nothing else. */
#include "sig.h"
#include "../xml/metadata.h"
#include "../base/base.h"
#include <libxml/valid.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/transforms.h>
#include <xmlsec/keys.h>
#include <xmlsec/crypto.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/rsa.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <xmlsec/nodeset.h>
#include <xmlsec/buffer.h>
#include <stdlib.h>
#include <string.h>

static const alg_info sig_algs[] = {
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "RSA-SHA256", 0, "SHA256", EVP_PKEY_RSA},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "RSA-SHA384", 0, "SHA384", EVP_PKEY_RSA},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "RSA-SHA512", 0, "SHA512", EVP_PKEY_RSA},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha224", "RSA-SHA224", 0, "SHA224", EVP_PKEY_RSA},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "ECDSA-SHA256", 0, "SHA256",
     EVP_PKEY_EC},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "ECDSA-SHA384", 0, "SHA384",
     EVP_PKEY_EC},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "ECDSA-SHA512", 0, "SHA512",
     EVP_PKEY_EC},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224", "ECDSA-SHA224", 0, "SHA224",
     EVP_PKEY_EC},
    {"http://www.w3.org/2009/xmldsig11#dsa-sha256", "DSA-SHA256", 0, "SHA256", EVP_PKEY_DSA},
    {"http://www.w3.org/2000/09/xmldsig#rsa-sha1", "RSA-SHA1", 1, "SHA1", EVP_PKEY_RSA},
    {"http://www.w3.org/2000/09/xmldsig#dsa-sha1", "DSA-SHA1", 1, "SHA1", EVP_PKEY_DSA},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", "ECDSA-SHA1", 1, "SHA1", EVP_PKEY_EC},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-md5", "RSA-MD5", 1, "MD5", EVP_PKEY_RSA},
};

static const alg_info digest_algs[] = {
    {"http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256", 0, "SHA256", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384", 0, "SHA384", 0},
    {"http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512", 0, "SHA512", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#sha224", "SHA-224", 0, "SHA224", 0},
    {"http://www.w3.org/2000/09/xmldsig#sha1", "SHA-1", 1, "SHA1", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#md5", "MD5", 1, "MD5", 0},
};

static const alg_info *alg_find(const alg_info *tab, size_t n, const char *href)
{
    for (size_t i = 0; href && i < n; i++)
        if (strcmp(tab[i].href, href) == 0)
            return &tab[i];
    return NULL;
}

const alg_info *sc_sig_find_alg(int digest, const char *href)
{
    return digest ? alg_find(digest_algs, sizeof digest_algs / sizeof *digest_algs, href)
                  : alg_find(sig_algs, sizeof sig_algs / sizeof *sig_algs, href);
}

static const char *result_name(int res)
{
    switch (res) {
    case RES_VALID: return "valid";
    case RES_MALFORMED: return "malformed";
    case RES_DIGEST: return "digest-mismatch";
    case RES_SIGNATURE: return "signature-mismatch";
    case RES_UNSUPPORTED: return "unsupported-algorithm";
    case RES_NO_KEY: return "no-key";
    case RES_DEGENERATE: return "degenerate-key";
    default: return "not-checked";
    }
}

static void sig_check_clear(sig_check *sc)
{
    free(sc->sig_href);
    free(sc->dig_href);
    free(sc->c14n_href);
    free(sc->si_buf);
    free(sc->sv);
    X509_free(sc->hint);
    X509_free(sc->verified_by);
    memset(sc, 0, sizeof *sc);
}

/* ---- certificates ---- */

static X509 *x509_from_der(const unsigned char *der, size_t len)
{
    if (!der || len == 0 || len > 1024 * 1024)
        return NULL;
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    if (x && p != der + len) {
        X509_free(x);
        return NULL;
    }
    return x;
}

/* Base64 text of a KeyInfo <ds:X509Certificate> (XML whitespace allowed)
 * to DER: the one place the verifier decodes that base64 (*der malloc'd).
 * 0, or -1 when it is not base64 or too large. */
static int hint_cert_der(const char *text, unsigned char **der, size_t *der_len)
{
    size_t n = strlen(text);
    unsigned char *out = NULL;
    *der = NULL;
    *der_len = 0;
    if (n > 1024 * 1024)
        return -1;
    /* the one strict decoder (src/base/base64.c), not OpenSSL's lenient
     * EVP_DecodeBlock */
    if (sc_crypto_b64_decode(&out, der_len, text, n) != 0) {
        free(out);
        *der_len = 0;
        return -1;
    }
    *der = out;
    return 0;
}

/* AA:BB:... fingerprint of a certificate (of its DER encoding). */
static void fingerprint(const X509 *x, const EVP_MD *md, char *out, size_t size)
{
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dl = 0;
    out[0] = '\0';
    if (X509_digest(x, md, d, &dl))
        sc_hex_colon(out, size, d, dl);
}

static char *subject_of(const X509 *x)
{
    return sc_cert_name_oneline(X509_get_subject_name(x));
}

static json_t *cert_json(const X509 *x, const char *source)
{
    char sha1[64], sha256[100];
    fingerprint(x, EVP_sha1(), sha1, sizeof sha1);
    fingerprint(x, EVP_sha256(), sha256, sizeof sha256);
    char *subj = subject_of(x);
    json_t *o = json_pack("{s:s?, s:s, s:s, s:s}", "subject", subj, "sha1", sha1, "sha256", sha256,
                          "source", source);
    free(subj);
    return o;
}

static int rsa_bits(const X509 *x)
{
    EVP_PKEY *k = X509_get0_pubkey(x);
    if (!k || EVP_PKEY_base_id(k) != EVP_PKEY_RSA)
        return 0;
    return EVP_PKEY_bits(k);
}

/* ---- cryptographic verification ----
 *
 * Work per signature does not multiply with the number of keys (RULES.md
 * sec/limits): the key-independent stages run once per signature, by
 * prepare_signature():
 *   1. malformed: DigestValue and SignatureValue are strict base64, the
 *      DigestValue has the size of its DigestMethod, the SignatureValue is
 *      not empty;
 *   2. digest: the Reference is dereferenced, transformed and digested once
 *      (xmlsec's reference processing, restricted to same-document URIs and
 *      the transforms sec/transforms allows);
 *   3. the SignedInfo is canonicalised once (xmlsec's C14N transforms).
 * Then only the SignatureValue is checked per candidate key, with OpenSSL
 * (sigvalue_verify), over at most SC_KEYS_MAX_CANDIDATES metadata keys, decoded once when
 * the metadata was loaded (crypto/keys.c). */

static int add_enabled(xmlSecPtrListPtr list, const char *href, xmlSecTransformUsage usage)
{
    xmlSecTransformId id =
        xmlSecTransformIdListFindByHref(xmlSecTransformIdsGet(), (const xmlChar *)href, usage);
    if (id == xmlSecTransformIdUnknown)
        return 0;
    return xmlSecPtrListAdd(list, (void *)id) < 0 ? -1 : 0;
}

static const char *const c14n_all[] = {ALG_EXC_C14N, ALG_EXC_C14N_C, ALG_C14N10,
                                       ALG_C14N10_C, ALG_C14N11,     ALG_C14N11_C};

/* The C14N methods this signature may use: exclusive always, inclusive
 * only when the structure check accepted it (the warning sub-case). */
static int add_c14n(xmlSecPtrListPtr list, const sig_check *sc, xmlSecTransformUsage usage)
{
    size_t n = sc->c14n_inclusive ? sizeof c14n_all / sizeof *c14n_all : 2;
    for (size_t i = 0; i < n; i++)
        if (add_enabled(list, c14n_all[i], usage))
            return -1;
    return 0;
}

/* Strict base64 of an element's text (XML whitespace allowed). 0 and a
 * malloc'd buffer, 1 when not base64 (or ambiguous text), or ENOMEM. */
static int b64_of(const xmlNode *n, unsigned char **out, size_t *len)
{
    char *t = NULL;
    int amb = 0;
    *out = NULL;
    *len = 0;
    if (!n)
        return 1;
    if (sc_xml_text(&t, n, &amb, NULL))
        return SAMLCHECK_ENOMEM;
    int rc = 1;
    size_t k = 0;
    while (sc_is_xml_space(t[k]))
        k++;
    if (!amb && !t[k]) {
        rc = 0; /* empty: *len stays 0 */
    } else if (!amb) {
        int d = sc_crypto_b64_decode(out, len, t, strlen(t));
        rc = d == 0 ? 0 : d == SAMLCHECK_ENOMEM ? SAMLCHECK_ENOMEM : 1;
    }
    free(t);
    return rc;
}

/* Can a key of type @p pkey produce a SignatureValue of @p n bytes? RSA:
 * the modulus size (512 to 16384 bits); ECDSA: r || s over P-224, P-256,
 * P-384 or P-521; DSA: r || s with q of 160, 224 or 256 bits. A key-
 * independent check: junk of another size fails whatever key IAM holds. */
static int sigvalue_size_ok(int pkey, size_t n)
{
    switch (pkey) {
    case EVP_PKEY_RSA: return n >= 64 && n <= 2048;
    case EVP_PKEY_EC: return n == 56 || n == 64 || n == 96 || n == 132;
    case EVP_PKEY_DSA: return n == 40 || n == 56 || n == 64;
    default: return 1;
    }
}

/* Stage 1: malformed values. Returns 0 (sc->result set to RES_MALFORMED
 * with sc->detail when malformed) or ENOMEM. Keeps the SignatureValue. */
static int check_values(sig_check *sc)
{
    unsigned char *dv = NULL;
    size_t dl = 0;
    xmlNode *dvn = sc->ref ? sc_xml_child(sc->ref, SC_NS_DS, "DigestValue") : NULL;
    xmlNode *svn = sc_xml_child(sc->sig, SC_NS_DS, "SignatureValue");
    int rc = b64_of(dvn, &dv, &dl);
    if (rc < 0)
        return rc;
    const EVP_MD *md = EVP_get_digestbyname(sc->dig_alg->md);
    int want = md ? EVP_MD_get_size(md) : 0;
    free(dv);
    if (rc == 1 || dl == 0 || (want > 0 && dl != (size_t)want)) {
        sc->result = RES_MALFORMED;
        snprintf(sc->detail, sizeof sc->detail, "the DigestValue is %s",
                 !dvn      ? "missing"
                 : rc == 1 ? "not valid base64"
                 : dl == 0 ? "empty"
                           : "not the size of its DigestMethod's digest");
        if (rc == 0 && dl != 0 && want > 0)
            snprintf(sc->detail + strlen(sc->detail), sizeof sc->detail - strlen(sc->detail),
                     " (%zu bytes, %s gives %d)", dl, sc->dig_alg->name, want);
        return 0;
    }
    rc = b64_of(svn, &sc->sv, &sc->sv_len);
    if (rc < 0)
        return rc;
    if (rc == 1 || sc->sv_len == 0) {
        sc->result = RES_MALFORMED;
        snprintf(sc->detail, sizeof sc->detail, "the SignatureValue is %s",
                 !svn      ? "missing"
                 : rc == 1 ? "not valid base64"
                           : "empty");
    } else if (!sigvalue_size_ok(sc->sig_alg->pkey, sc->sv_len)) {
        sc->result = RES_MALFORMED;
        snprintf(sc->detail, sizeof sc->detail,
                 "the SignatureValue is %zu bytes, a size that no key for %s produces", sc->sv_len,
                 sc->sig_alg->name);
    }
    return 0;
}

/* Stage 2: the Reference digest, once. Sets sc->result to RES_DIGEST or
 * RES_MALFORMED on failure; sc->digest_ok on success. */
static int check_digest(sig_check *sc)
{
    int rc = 0;
    xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(NULL);
    xmlSecPtrListPtr reftr = xmlSecPtrListCreate(xmlSecTransformIdListId);
    xmlSecDSigReferenceCtxPtr ref = NULL;
    if (!ctx || !reftr) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    ctx->operation = xmlSecTransformOperationVerify;
    ctx->enabledReferenceUris =
        xmlSecTransformUriTypeSameDocument | (sc->uri_empty ? xmlSecTransformUriTypeEmpty : 0);
    ctx->enabledReferenceTransforms = reftr;
    if (add_enabled(reftr, ALG_ENVELOPED, xmlSecTransformUsageDSigTransform) ||
        add_c14n(reftr, sc, xmlSecTransformUsageDSigTransform)) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < sizeof digest_algs / sizeof *digest_algs; i++)
        if (add_enabled(reftr, digest_algs[i].href, xmlSecTransformUsageDigestMethod)) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
    ref = xmlSecDSigReferenceCtxCreate(ctx, xmlSecDSigReferenceOriginSignedInfo);
    if (!ref) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    sc_liberr_begin();
    if (xmlSecDSigReferenceCtxProcessNode(ref, sc->ref) < 0) {
        char cause[200];
        sc->result = RES_MALFORMED;
        sc_liberr_cause(cause, sizeof cause, 0);
        snprintf(sc->detail, sizeof sc->detail,
                 "the referenced content could not be canonicalised and digested%s%s%s",
                 cause[0] ? " (" : "", cause, cause[0] ? ")" : "");
    } else if (ref->status == xmlSecDSigStatusSucceeded) {
        sc->digest_ok = 1;
    } else {
        sc->result = RES_DIGEST;
    }
out:
    if (ref)
        xmlSecDSigReferenceCtxDestroy(ref);
    if (ctx)
        xmlSecDSigCtxDestroy(ctx); /* also destroys enabledReferenceTransforms */
    else if (reftr)
        xmlSecPtrListDestroy(reftr);
    return rc;
}

/* Stage 3: the canonical SignedInfo, once, into sc->si / sc->si_len. */
static int canon_signed_info(sig_check *sc)
{
    int rc = 0;
    xmlSecNodeSetPtr nodes = NULL;
    xmlSecTransformCtxPtr t = xmlSecTransformCtxCreate();
    if (!t)
        return SAMLCHECK_ENOMEM;
    if (add_c14n(&t->enabledTransforms, sc, xmlSecTransformUsageC14NMethod)) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    sc_liberr_begin();
    if (!xmlSecTransformCtxNodeRead(t, sc->cm, xmlSecTransformUsageC14NMethod) ||
        !(nodes = xmlSecNodeSetGetChildren(sc->si->doc, sc->si, 1, 0)) ||
        xmlSecTransformCtxXmlExecute(t, nodes) < 0 || !t->result) {
        char cause[200];
        sc->result = RES_MALFORMED;
        sc_liberr_cause(cause, sizeof cause, 0);
        snprintf(sc->detail, sizeof sc->detail, "the SignedInfo could not be canonicalised%s%s%s",
                 cause[0] ? " (" : "", cause, cause[0] ? ")" : "");
        goto out;
    }
    xmlSecSize n = xmlSecBufferGetSize(t->result);
    const xmlSecByte *d = xmlSecBufferGetData(t->result);
    sc->si_buf = malloc(n ? n : 1);
    if (!sc->si_buf) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (n)
        memcpy(sc->si_buf, d, n);
    sc->si_len = n;
out:
    if (nodes)
        xmlSecNodeSetDestroy(nodes);
    xmlSecTransformCtxDestroy(t);
    return rc;
}

/* The key-independent stages. Leaves sc->result RES_NOT_CHECKED when they
 * all passed (sc->si_buf and sc->sv ready), else the failed stage. */
static int prepare_signature(sig_check *sc)
{
    int rc = check_values(sc);
    if (rc || sc->result)
        return rc;
    if ((rc = check_digest(sc)) || sc->result)
        return rc;
    return canon_signed_info(sc);
}

/* Does the SignatureValue verify over the canonical SignedInfo with @p pk?
 * 1 yes, 0 no (also: a key of another type than the SignatureMethod's),
 * or ENOMEM. */
static int sigvalue_verify(const sig_check *sc, EVP_PKEY *pk)
{
    if (!pk || EVP_PKEY_base_id(pk) != sc->sig_alg->pkey)
        return 0;
    const EVP_MD *md = EVP_get_digestbyname(sc->sig_alg->md);
    if (!md)
        return 0;
    const unsigned char *sig = sc->sv;
    size_t slen = sc->sv_len;
    unsigned char *der = NULL;
    int rc = 0;
    if (sc->sig_alg->pkey != EVP_PKEY_RSA) {
        /* XML-DSig (EC)DSA values are r || s; OpenSSL wants DER. (EC)DSA
         * signatures share the DER form SEQUENCE { r, s }. */
        if (slen == 0 || slen % 2 || slen > 1024)
            return 0;
        ECDSA_SIG *es = ECDSA_SIG_new();
        BIGNUM *r = BN_bin2bn(sig, (int)(slen / 2), NULL);
        BIGNUM *s = BN_bin2bn(sig + slen / 2, (int)(slen / 2), NULL);
        if (!es || !r || !s || ECDSA_SIG_set0(es, r, s) != 1) {
            BN_free(r);
            BN_free(s);
            ECDSA_SIG_free(es);
            return SAMLCHECK_ENOMEM;
        }
        int dl = i2d_ECDSA_SIG(es, &der);
        ECDSA_SIG_free(es);
        if (dl <= 0)
            return SAMLCHECK_ENOMEM;
        sig = der;
        slen = (size_t)dl;
    }
    EVP_MD_CTX *mc = EVP_MD_CTX_new();
    if (!mc)
        rc = SAMLCHECK_ENOMEM;
    else
        rc = EVP_DigestVerifyInit(mc, NULL, md, NULL, pk) == 1 &&
             EVP_DigestVerify(mc, sig, slen, sc->si_buf, sc->si_len) == 1;
    EVP_MD_CTX_free(mc);
    OPENSSL_free(der);
    ERR_clear_error();
    return rc;
}

/* Check the SignatureValue with @p pk, the key of @p x; on success
 * remember @p x (up-referenced) as the verifying certificate. */
static int try_key(sig_check *sc, X509 *x, EVP_PKEY *pk, const char *source, int *res)
{
    int ok = sigvalue_verify(sc, pk);
    if (ok < 0)
        return ok;
    *res = ok ? RES_VALID : RES_SIGNATURE;
    if (ok && X509_up_ref(x) == 1) {
        X509_free(sc->verified_by);
        sc->verified_by = x;
        sc->verified_source = source;
    }
    return 0;
}

static int try_cert(sig_check *sc, X509 *x, const char *source, int *res)
{
    return try_key(sc, x, X509_get0_pubkey(x), source, res);
}

/* ---- KeyInfo hints (never trusted: they only order the candidates) ---- */

/* The text of @p n when it is plain text, else NULL (malloc'd). */
static char *plain_text(const xmlNode *n)
{
    char *t = NULL;
    int amb = 0;
    if (!n || sc_xml_text(&t, n, &amb, NULL))
        return NULL;
    if (amb) {
        free(t);
        return NULL;
    }
    return t;
}

/* Hash a hint of kind @p by into sc->hint_h. */
static void hint_set(sig_check *sc, int by, int ok)
{
    if (ok)
        sc->hint_have |= 1u << by;
}

/* XML whitespace trimmed in place. */
static char *trim(char *t)
{
    if (!t)
        return NULL;
    while (sc_is_xml_space((unsigned char)*t))
        t++;
    size_t n = strlen(t);
    while (n && sc_is_xml_space((unsigned char)t[n - 1]))
        t[--n] = '\0';
    return t;
}

/* X509IssuerSerial, X509SKI and KeyValue/RSAKeyValue hints. */
static void read_other_hints(sig_check *sc, const xmlNode *ki)
{
    const xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data");
    const xmlNode *is = xd ? sc_xml_child(xd, SC_NS_DS, "X509IssuerSerial") : NULL;
    if (is) {
        char *iname = plain_text(sc_xml_child(is, SC_NS_DS, "X509IssuerName"));
        char *ser = plain_text(sc_xml_child(is, SC_NS_DS, "X509SerialNumber"));
        char *a = trim(iname), *b = trim(ser);
        if (a && b && *b)
            hint_set(sc, SC_KEY_BY_ISSUER_SERIAL,
                     sc_keys_issuer_serial_hash(sc->hint_h[SC_KEY_BY_ISSUER_SERIAL], a, b) == 0);
        free(iname);
        free(ser);
    }
    const xmlNode *ski = xd ? sc_xml_child(xd, SC_NS_DS, "X509SKI") : NULL;
    unsigned char *d = NULL, *e = NULL;
    size_t dl = 0, el = 0;
    if (ski && b64_of(ski, &d, &dl) == 0 && dl)
        hint_set(sc, SC_KEY_BY_SKI, sc_keys_hash(sc->hint_h[SC_KEY_BY_SKI], d, dl) == 0);
    free(d);
    d = NULL;
    const xmlNode *kv = sc_xml_child(ki, SC_NS_DS, "KeyValue");
    const xmlNode *rsa = kv ? sc_xml_child(kv, SC_NS_DS, "RSAKeyValue") : NULL;
    if (rsa && b64_of(sc_xml_child(rsa, SC_NS_DS, "Modulus"), &d, &dl) == 0 &&
        b64_of(sc_xml_child(rsa, SC_NS_DS, "Exponent"), &e, &el) == 0)
        hint_set(sc, SC_KEY_BY_RSA, sc_keys_rsa_hash(sc->hint_h[SC_KEY_BY_RSA], d, dl, e, el) == 0);
    free(d);
    free(e);
}

/* Read the KeyInfo hints. The embedded certificate (sc->hint, shown in the
 * summary and judged by response/signature-cert-unknown) is taken from the
 * trust material when it is one of its certificates (no decoding), else
 * parsed. */
static void read_hint(sig_check *sc, const sc_keys *keys)
{
    xmlNode *ki = sc_xml_child(sc->sig, SC_NS_DS, "KeyInfo");
    xmlNode *xd = ki ? sc_xml_child(ki, SC_NS_DS, "X509Data") : NULL;
    xmlNode *xc = xd ? sc_xml_child(xd, SC_NS_DS, "X509Certificate") : NULL;
    if (ki && keys)
        read_other_hints(sc, ki);
    char *t = xc ? plain_text(xc) : NULL;
    unsigned char *der = NULL;
    size_t dl = 0;
    if (!t || hint_cert_der(t, &der, &dl)) {
        free(t);
        return;
    }
    free(t);
    const sc_trust_key *known = NULL;
    if (sc_keys_hash(sc->hint_h[SC_KEY_BY_DER], der, dl) == 0) {
        known = sc_keys_find(keys, SC_KEY_BY_DER, sc->hint_h[SC_KEY_BY_DER]);
        if (known && (known->der_len != dl || memcmp(known->der, der, dl) != 0))
            known = NULL;
    }
    if (known && X509_up_ref(known->x509) == 1) {
        sc->hint = known->x509;
        memcpy(sc->hint_h[SC_KEY_BY_SPKI], known->h[SC_KEY_BY_SPKI], SC_KEY_HASH_LEN);
        sc->hint_have |= known->have & ((1u << SC_KEY_BY_DER) | (1u << SC_KEY_BY_SPKI));
    } else {
        sc->hint = x509_from_der(der, dl);
        unsigned char *sp = NULL;
        int sl = sc->hint ? i2d_X509_PUBKEY(X509_get_X509_PUBKEY(sc->hint), &sp) : 0;
        if (sc->hint)
            sc->hint_have |= 1u << SC_KEY_BY_DER;
        if (sl > 0)
            hint_set(sc, SC_KEY_BY_SPKI,
                     sc_keys_hash(sc->hint_h[SC_KEY_BY_SPKI], sp, (size_t)sl) == 0);
        OPENSSL_free(sp);
        ERR_clear_error();
    }
    free(der);
}

/* Does key @p t carry one of the hints of kinds @p mask? */
static int hint_names(const sig_check *sc, const sc_trust_key *t, unsigned mask)
{
    unsigned both = sc->hint_have & t->have & mask;
    for (int by = 0; by < SC_KEY_BY_N; by++)
        if ((both & (1u << by)) && memcmp(sc->hint_h[by], t->h[by], SC_KEY_HASH_LEN) == 0)
            return 1;
    return 0;
}

#define HINT_CERT ((1u << SC_KEY_BY_DER) | (1u << SC_KEY_BY_SPKI))

/* The candidates: the first SC_KEYS_MAX_CANDIDATES distinct signing
 * certificates of the metadata (what IAM keeps), decoded once when the
 * metadata was loaded; the one the KeyInfo names first (its certificate or
 * that certificate's key; else its issuer and serial, subject key
 * identifier or RSA key value). Sets sc->hint_known and sc->capped.
 * Returns the count; no certificate is decoded here. */
static size_t candidates(const samlcheck_metadata *md, sig_check *sc, const sc_trust_key **cand,
                         int *hinted)
{
    const sc_trust_key *const *all = NULL;
    size_t nc = md ? sc_keys_candidates(md->keys, &all, &sc->capped) : 0;
    for (size_t i = 0; i < nc; i++)
        cand[i] = all[i];
    size_t at = nc;
    for (size_t i = 0; sc->hint && i < nc && at == nc; i++)
        if (hint_names(sc, cand[i], HINT_CERT))
            at = i;
    /* the same key encoded otherwise in the KeyInfo certificate (as
     * OpenSSL compares keys): no decoding, at most 10 comparisons, and
     * only for a certificate the index does not hold */
    EVP_PKEY *hk = sc->hint && at == nc ? X509_get0_pubkey(sc->hint) : NULL;
    for (size_t i = 0; hk && i < nc && at == nc; i++)
        if (cand[i]->pkey && EVP_PKEY_eq(cand[i]->pkey, hk) == 1)
            at = i;
    ERR_clear_error();
    if (at < nc)
        sc->hint_known = 1;
    for (size_t i = 0; at == nc && i < nc; i++)
        if (hint_names(sc, cand[i], ~HINT_CERT))
            at = i;
    *hinted = at < nc;
    if (at < nc) {
        const sc_trust_key *t = cand[0];
        cand[0] = cand[at];
        cand[at] = t;
    }
    if (sc->hint && !sc->hint_known && sc->capped) {
        /* beyond the candidates: known by DER (one lookup), never tried */
        const sc_trust_key *t = sc_keys_find(md->keys, SC_KEY_BY_DER, sc->hint_h[SC_KEY_BY_DER]);
        sc->hint_known = t && t->signing;
    }
    return nc;
}

const sc_trust_key *sc_verify_hinted_key(xmlNode *sig, const samlcheck_metadata *md,
                                         int *hint_known)
{
    sig_check sc;
    const sc_trust_key *cand[SC_KEYS_MAX_CANDIDATES];
    int hinted = 0;
    memset(&sc, 0, sizeof sc);
    sc.sig = sig;
    read_hint(&sc, md ? md->keys : NULL);
    size_t nc = candidates(md, &sc, cand, &hinted);
    if (hint_known)
        *hint_known = sc.hint_known;
    sig_check_clear(&sc);
    return hinted && nc ? cand[0] : NULL;
}

static int verify_with_keys(vctx *v, sig_check *sc)
{
    int rc = 0, res = RES_NO_KEY;
    read_hint(sc, v->metadata_mode || !v->md ? NULL : v->md->keys);
    if (v->metadata_mode || !v->md) {
        if ((rc = prepare_signature(sc)) || sc->result)
            return rc;
        X509 *signer = v->signer_der ? x509_from_der(v->signer_der, v->signer_len) : NULL;
        int use_signer = v->metadata_mode && v->signer_der;
        X509 *k = use_signer ? signer : sc->hint;
        if (k)
            rc = try_cert(sc, k, use_signer ? "metadata-signer" : "embedded", &res);
        X509_free(signer);
        sc->result = res;
        return rc;
    }
    const sc_trust_key *cand[SC_KEYS_MAX_CANDIDATES];
    int hinted = 0;
    size_t nc = candidates(v->md, sc, cand, &hinted);
    if (!(rc = prepare_signature(sc)) && !sc->result) {
        for (size_t i = 0; i < nc && res != RES_VALID && !rc; i++) {
            rc = try_key(sc, cand[i]->x509, cand[i]->pkey, "metadata", &res);
            if (!rc && res == RES_VALID)
                sc->verified_key = cand[i];
        }
        sc->result = res;
    }
    return rc;
}

static const char *stage_text(const sig_check *sc, int have_md)
{
    switch (sc->result) {
    case RES_MALFORMED: return "malformed signature";
    case RES_DIGEST:
        return sc->reindented
                   ? "digest mismatch: the document was re-indented after signing"
                   : "digest mismatch: the signed content was changed after signing (for "
                     "example re-indented, re-encoded or edited by a proxy)";
    case RES_SIGNATURE:
        return have_md ? "signature mismatch: the SignatureValue does not verify with the key of "
                         "any metadata signing certificate"
                       : "signature mismatch: the SignatureValue does not verify with the "
                         "certificate embedded in the signature (an IdP that embeds an old "
                         "certificate is judged by the key in its metadata: check with "
                         "--metadata)";
    case RES_UNSUPPORTED: return "unsupported algorithm";
    default: return "no key to verify with";
    }
}

/* The verdict on a metadata signature (metadata/signature-invalid). */
static int report_metadata_verdict(vctx *v, const sig_check *sc, const char *detail)
{
    if (sc->result == RES_VALID)
        return 0;
    const char *why = stage_text(sc, 0);
    if (sc->result == RES_SIGNATURE)
        why = "signature mismatch: the SignatureValue does not verify with that key";
    if (sc->result == RES_NO_KEY)
        why = v->signer_der ? "the --metadata-signer certificate cannot be used"
                            : "the signature carries no X509Certificate in its KeyInfo and "
                              "no --metadata-signer was given";
    return sc_xml_report(v->r, SC_RULE_METADATA_SIGNATURE_INVALID, sc->sig,
                         "the metadata signature does not verify against %s: %s%s%s",
                         v->signer_der ? "the --metadata-signer certificate"
                                       : "the certificate in its own KeyInfo",
                         why, detail ? ": " : "", detail ? detail : "");
}

/* response/signature-cert-unknown: the embedded certificate is not a
 * metadata certificate (a warning when a metadata key verifies anyway). */
static int report_cert_unknown(vctx *v, const sig_check *sc, const char *pname)
{
    char sha1[64] = "", sha256[100] = "";
    fingerprint(sc->hint, EVP_sha1(), sha1, sizeof sha1);
    fingerprint(sc->hint, EVP_sha256(), sha256, sizeof sha256);
    char *subj = subject_of(sc->hint);
    char *es = sc_sig_esc(subj);
    int valid = sc->result == RES_VALID;
    const char *tail =
        valid ? "; a metadata key verifies the signature, and AWS verifies with its own keys, "
                "so this is accepted: the IdP sends a stale or unrelated certificate"
        : sc->result == RES_DEGENERATE ? "; it verifies only with a degenerate metadata key (see "
                                         "metadata/cert-key-degenerate)"
        : sc->result == RES_SIGNATURE || sc->result == RES_NO_KEY
            ? "; no metadata key verifies the signature (IdP certificate rollover? IAM "
              "still holds the old certificate)"
            : "; the signature fails before any key is used (see "
              "response/signature-invalid)";
    if (!valid)
        v->security_error = 1;
    int rc = sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_CERT_UNKNOWN,
                            valid ? SAMLCHECK_SEV_WARNING : SAMLCHECK_SEV_ERROR,
                            valid ? NULL : SC_AWS_DEFAULT,
                            valid ? "configure the IdP to embed its current signing certificate "
                                    "(or none); AWS needs nothing"
                                  : NULL,
                            sc->sig,
                            "the signature on <%s> carries a certificate (subject \"%s\", SHA-1 "
                            "%s, SHA-256 %s) that is not among the signing certificates of the "
                            "metadata%s",
                            pname, es ? es : "?", sha1, sha256, tail);
    free(subj);
    free(es);
    return rc;
}

/* Report the verdict of one applicable, cryptographically checked signature. */
static int report_verdict(vctx *v, sig_check *sc)
{
    int rc = 0;
    const char *pname = sc_sig_elem_name(sc->parent);
    const char *detail = sc->detail[0] ? sc->detail : NULL;
    if (v->metadata_mode)
        return report_metadata_verdict(v, sc, detail);
    if (v->md && sc->hint && !sc->hint_known) {
        if ((rc = report_cert_unknown(v, sc, pname)))
            return rc;
        if (sc->result == RES_SIGNATURE || sc->result == RES_NO_KEY)
            return 0; /* one root cause: the unknown certificate */
    }
    if (sc->result == RES_VALID || sc->result == RES_DEGENERATE)
        return 0;
    if (!v->md && sc->result == RES_NO_KEY)
        return 0; /* only the cert-unknown warning: nothing to verify with */
    v->security_error = 1;
    if (v->md && sc->result == RES_NO_KEY)
        return sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_INVALID, sc->sig,
                             "the signature on <%s> cannot be verified: the metadata holds no "
                             "usable signing certificate",
                             pname);
    const char *scope = sc->result == RES_MALFORMED || sc->result == RES_DIGEST
                            ? "; this fails whatever key IAM holds"
                        : sc->capped ? "; only the first 10 distinct signing certificates of the "
                                       "metadata were tried, as IAM keeps at most 10 "
                                       "(metadata/too-many-keys)"
                                     : "";
    return sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_INVALID, sc->sig,
                         "the signature on <%s> does not verify: %s%s%s%s", pname,
                         stage_text(sc, v->md != NULL), detail ? ": " : "", detail ? detail : "",
                         scope);
}

static int report_weak(vctx *v, sig_check *sc)
{
    int rc = 0;
    if (v->metadata_mode)
        return 0;
    const char *pname = sc_sig_elem_name(sc->parent);
    if (sc->sig_alg && sc->sig_alg->weak) {
        char *e = sc_sig_esc(sc->sig_href);
        rc = sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_ALGORITHM_WEAK, sc->sig,
                           "the signature on <%s> uses SignatureMethod %s (\"%s\"); expected "
                           "RSA-SHA256 (http://www.w3.org/2001/04/xmldsig-more#rsa-sha256) or "
                           "stronger",
                           pname, sc->sig_alg->name, e);
        free(e);
    } else if (sc->dig_alg && sc->dig_alg->weak) {
        char *e = sc_sig_esc(sc->dig_href);
        rc = sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_ALGORITHM_WEAK, sc->sig,
                           "the signature on <%s> uses DigestMethod %s (\"%s\"); expected "
                           "SHA-256 (http://www.w3.org/2001/04/xmlenc#sha256) or stronger",
                           pname, sc->dig_alg->name, e);
        free(e);
    } else {
        X509 *k = sc->verified_by ? sc->verified_by : (!v->md ? sc->hint : NULL);
        int bits = k ? rsa_bits(k) : 0;
        if (bits > 0 && bits < 2048)
            rc = sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_ALGORITHM_WEAK, sc->sig,
                               "the signature on <%s> is verified by an RSA key of %d bits; "
                               "expected at least 2048",
                               pname, bits);
    }
    return rc;
}

static int sig_json(vctx *v, const sig_check *sc)
{
    json_t *o = json_pack("{s:s, s:i, s:b, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "element",
                          sc_sig_elem_name(sc->parent), "line", sc_xml_line(sc->sig), "applicable",
                          sc->applicable, "signature_method", sc->sig_href, "signature_algorithm",
                          sc->sig_alg ? sc->sig_alg->name : NULL, "digest_method", sc->dig_href,
                          "digest_algorithm", sc->dig_alg ? sc->dig_alg->name : NULL,
                          "canonicalization", sc->c14n_href, "result", result_name(sc->result));
    if (!o)
        return SAMLCHECK_ENOMEM;
    /* One line for people (the text renderer prints it instead of a table). */
    const char *c14n = !sc->c14n_href                           ? "no c14n"
                       : !strcmp(sc->c14n_href, ALG_EXC_C14N)   ? "exclusive C14N"
                       : !strcmp(sc->c14n_href, ALG_EXC_C14N_C) ? "exclusive C14N with comments"
                                                                : sc->c14n_href;
    char *by = NULL;
    if (sc->verified_by) {
        char sha1[64];
        char *subj = subject_of(sc->verified_by);
        fingerprint(sc->verified_by, EVP_sha1(), sha1, sizeof sha1);
        by = sc_asprintf(", verified by the %s certificate %s (SHA-1 %s)",
                         sc->verified_source ? sc->verified_source : "", subj ? subj : "?", sha1);
        free(subj);
    }
    const char *c14n_show = !strcmp(c14n, ALG_C14N10)     ? "inclusive C14N 1.0"
                            : !strcmp(c14n, ALG_C14N10_C) ? "inclusive C14N 1.0 with comments"
                            : !strcmp(c14n, ALG_C14N11)   ? "inclusive C14N 1.1"
                            : !strcmp(c14n, ALG_C14N11_C) ? "inclusive C14N 1.1 with comments"
                                                          : c14n;
    char *ec14n = sc_sig_esc(c14n_show);
    char *line = sc_asprintf(
        "%s (line %d): %s / %s, %s: %s%s%s%s%s", sc_sig_elem_name(sc->parent), sc_xml_line(sc->sig),
        sc->sig_alg ? sc->sig_alg->name : (sc->sig_href ? "unsupported SignatureMethod" : "?"),
        sc->dig_alg ? sc->dig_alg->name : (sc->dig_href ? "unsupported DigestMethod" : "?"),
        ec14n ? ec14n : "?", sc->applicable ? result_name(sc->result) : "not applicable",
        !sc->applicable && sc->reason ? " (" : "", !sc->applicable && sc->reason ? sc->reason : "",
        !sc->applicable && sc->reason ? ")" : "", by ? by : "");
    free(ec14n);
    free(by);
    if (line && sc->position_odd &&
        json_object_set_new(o, "position", json_string("not after Issuer"))) {
        free(line);
        line = NULL;
    }
    if (line && !sc->applicable && sc->reason &&
        json_object_set_new(o, "reason", json_string(sc->reason))) {
        free(line);
        line = NULL;
    }
    if (!line || json_object_set_new(o, "text", json_string(line))) {
        free(line);
        json_decref(o);
        return SAMLCHECK_ENOMEM;
    }
    free(line);
    if (sc->verified_by) {
        json_t *c = cert_json(sc->verified_by, sc->verified_source);
        if (!c || json_object_set_new(o, "verified_by", c)) {
            json_decref(o);
            return SAMLCHECK_ENOMEM;
        }
    }
    if (sc->hint) {
        json_t *c = cert_json(sc->hint, "embedded");
        if (!c || json_object_set_new(o, "embedded_certificate", c)) {
            json_decref(o);
            return SAMLCHECK_ENOMEM;
        }
        if (v->md && !v->metadata_mode)
            json_object_set_new(c, "in_metadata", json_boolean(sc->hint_known));
    }
    return json_array_append_new(v->sigs, o) ? SAMLCHECK_ENOMEM : 0;
}

/* RULES.md metadata/cert-key-degenerate on a response: a signature that
 * verifies only with a degenerate key (RSA e = 1: the padded digest is its
 * own signature) proves nothing, so it never counts as valid, and the key
 * is named on the response. */
static int reject_degenerate_key(vctx *v, sig_check *sc)
{
    char why[160];
    if (v->metadata_mode || sc->result != RES_VALID || !sc->verified_by)
        return 0;
    if (sc->verified_key) /* judged once, when the metadata was loaded */
        snprintf(why, sizeof why, "%s", sc->verified_key->degenerate);
    else if (!sc_cert_key_degenerate(sc->verified_by, why, sizeof why))
        why[0] = '\0';
    if (!why[0])
        return 0;
    sc->result = RES_DEGENERATE;
    sc->digest_ok = 0; /* what it covers is not known to be the IdP's */
    v->security_error = 1;
    char sha1[64];
    char *subj = subject_of(sc->verified_by), *es = sc_sig_esc(subj);
    fingerprint(sc->verified_by, EVP_sha1(), sha1, sizeof sha1);
    int rc =
        sc_xml_report(v->r, SC_RULE_METADATA_CERT_KEY_DEGENERATE, sc->sig,
                      "the signature on <%s> verifies only with the %s certificate \"%s\" "
                      "(SHA-1 %s), whose key is degenerate: %s; anyone can compute such a "
                      "signature without the private key, so it proves nothing",
                      sc_sig_elem_name(sc->parent), sc->verified_source ? sc->verified_source : "",
                      es ? es : "?", sha1, why);
    free(subj);
    free(es);
    return rc;
}

/* Re-indented after signing: values (elements holding text only) that
 * begin or end with a line break plus indentation, the mark of a
 * pretty-printer. Counts them in @p top's subtree (ds:Signature elements
 * aside, whose base64 values wrap lines legitimately) and keeps the first.
 * With @p fix, removes those runs (see sc_verify_response). */
static size_t reindented_values(xmlNode *top, const xmlNode **first, int fix)
{
    size_t n = 0;
    *first = NULL;
    for (xmlNode *cur = top->children, *next; cur; cur = next) {
        int descend = 0;
        if (cur->type == XML_ELEMENT_NODE && !sc_xml_is(cur, SC_NS_DS, "Signature")) {
            xmlNode *c = cur->children;
            int text_only = c != NULL, has_nonws = 0;
            for (; c && text_only; c = c->next) {
                if (c->type != XML_TEXT_NODE)
                    text_only = 0;
                else
                    for (const xmlChar *p = c->content; p && *p && !has_nonws; p++)
                        has_nonws = !sc_is_xml_space(*p);
            }
            if (text_only && has_nonws) {
                xmlNode *ft = cur->children, *lt = cur->last;
                const char *a = (const char *)ft->content, *b = (const char *)lt->content;
                size_t lead = 0, bl = b ? strlen(b) : 0, tail = bl;
                if (a && a[0] == '\n')
                    while (sc_is_xml_space(a[lead]))
                        lead++;
                int trail = 0;
                while (tail > 0 && sc_is_xml_space(b[tail - 1]))
                    trail |= b[--tail] == '\n';
                if (lead || trail) {
                    if (!n)
                        *first = cur;
                    n++;
                    if (fix && trail) {
                        char *t = sc_strndup(b, tail);
                        if (t)
                            xmlNodeSetContent(lt, (const xmlChar *)t);
                        free(t);
                    }
                    if (fix && lead) {
                        char *t = sc_strndup((const char *)ft->content + lead,
                                             strlen((const char *)ft->content) - lead);
                        if (t)
                            xmlNodeSetContent(ft, (const xmlChar *)t);
                        free(t);
                    }
                }
            } else {
                descend = 1;
            }
        }
        next = sc_xml_walk_next(cur, top, descend);
    }
    return n;
}

/* Two values re-indented are enough to name the cause. */
#define REINDENT_MIN 2

/* A SignatureMethod or DigestMethod the tool has no entry for: absent or
 * empty is a malformed signature, anything else an unsupported algorithm
 * named by its URI. */
static void judge_algorithms(sig_check *sc)
{
    int sig_bad = !sc->sig_alg;
    const char *href = sig_bad ? sc->sig_href : sc->dig_href;
    const char *what = sig_bad ? "SignatureMethod" : "DigestMethod";
    if (!href || !*href) {
        sc->result = RES_MALFORMED;
        snprintf(sc->detail, sizeof sc->detail, "the %s (or its Algorithm) is missing", what);
        return;
    }
    char *e = sc_sig_esc(href);
    sc->result = RES_UNSUPPORTED;
    snprintf(sc->detail, sizeof sc->detail, "%s \"%.150s\" is not one the tool can verify", what,
             e ? e : "?");
    free(e);
}

/* Judge, verify and report one signature whose parent is R or A. *covers
 * is set when its digest matched: the content it covers is exactly what
 * was signed (nested signatures there cannot have been moved). */
static int process_signature(vctx *v, xmlNode *sig, int position_odd, int *signed_out,
                             int *valid_out, int *covers)
{
    sig_check sc;
    memset(&sc, 0, sizeof sc);
    sc.sig = sig;
    sc.parent = sig->parent;
    int rc = sc_sig_check_structure(v, &sc);
    if (rc)
        goto out;
    *signed_out = 1;
    if (sc.applicable && position_odd) {
        char *path = sc_xml_path(sig);
        rc = sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, SAMLCHECK_SEV_WARNING, NULL,
                            "configure (or upgrade) the IdP to place the signature right after "
                            "the Issuer, where the SAML schema puts it",
                            sig,
                            "the signature of <%s> is at %s, not at the schema position right "
                            "after its <Issuer>; it is still the parent's own enveloped "
                            "signature and is verified, but AWS's handling of the position is "
                            "undocumented",
                            sc_sig_elem_name(sc.parent), path ? path : sc_sig_elem_name(sig));
        free(path);
        if (rc)
            goto out;
        sc.position_odd = 1;
    }
    if (sc.applicable) {
        if (!sc.sig_alg || !sc.dig_alg) {
            judge_algorithms(&sc);
        } else if ((rc = verify_with_keys(v, &sc)) || (rc = reject_degenerate_key(v, &sc))) {
            goto out;
        }
        if (sc.result == RES_DIGEST) {
            const xmlNode *first = NULL;
            size_t n = reindented_values(sc.parent, &first, 0);
            if (n >= REINDENT_MIN && first && v->reindented) {
                /* the other signature's finding already explains it */
                sc.reindented = 1;
                snprintf(sc.detail, sizeof sc.detail,
                         "the same re-indenting (see the finding on the other signature)");
            } else if (n >= REINDENT_MIN && first) {
                sc.reindented = 1;
                v->reindented = 1;
                /* a pretty-printer re-indents the whole document */
                v->reindented_top = xmlDocGetRootElement(v->doc);
                snprintf(sc.detail, sizeof sc.detail,
                         "%zu values in <%.40s> begin or end with a line break and indentation "
                         "(the first: <%.40s> at line %d), which a pretty-printer adds; send "
                         "the response exactly as the IdP produced it",
                         n, sc_sig_elem_name(sc.parent), sc_sig_elem_name(first),
                         sc_xml_line(first));
            }
        }
        if ((rc = report_verdict(v, &sc)) || (rc = report_weak(v, &sc)))
            goto out;
        /* with metadata: a metadata key verified (cert-unknown is reported
         * separately); without: the embedded certificate verified */
        if (sc.result == RES_VALID)
            *valid_out = 1;
        /* a degenerate key proves nothing: it covers nothing either */
        *covers = sc.digest_ok && sc.result != RES_DEGENERATE;
        if (sc.result == RES_NO_KEY && !v->md)
            v->no_key = 1;
        if (sc.result == RES_NO_KEY || sc.result == RES_VALID)
            v->unverified = 1;
    }
    rc = v->sigs ? sig_json(v, &sc) : 0;
out:
    sig_check_clear(&sc);
    return rc;
}

/* The shared part of sc_verify_response / sc_verify_decrypted: scan, register
 * IDs, judge every signature. */
static int verify_doc(vctx *v, xmlNode *R, xmlNode *A, const samlcheck_options *opts,
                      sc_sig_outcome *out, int *nsig_out)
{
    unsigned max = opts->limits.signatures ? opts->limits.signatures : 4;
    if (max > 64)
        max = 64;
    xmlNode *sigs[65];
    size_t nsig = 0;
    int rc = sc_sig_scan(v, R, sigs, max, &nsig);
    if (rc)
        return rc;
    *nsig_out = (int)(nsig > 1000 ? 1000 : nsig);
    if (nsig > max) {
        return report_sec(v, SC_RULE_SEC_LIMITS, sigs[max],
                          "the document contains %zu ds:Signature elements, more than the limit "
                          "of %u; its signatures are not checked",
                          nsig, max);
    }
    sc_sig_register_id(v->doc, R);
    int a_plain = A && sc_xml_is(A, SC_NS_SAML, "Assertion");
    if (a_plain)
        sc_sig_register_id(v->doc, A);
    /* step 3: the applicable candidates first, so that signatures inside
     * the content they cover can be told apart from wrapping */
    xmlNode *sR = sc_sig_pick(sigs, nsig, R), *sA = a_plain ? sc_sig_pick(sigs, nsig, A) : NULL;
    int covR = 0, covA = 0;
    if (sR && (rc = process_signature(v, sR, !sc_sig_at_schema_position(sR, R, 0),
                                      &out->response_signed, &out->response_valid, &covR)))
        return rc;
    if (sA && (rc = process_signature(v, sA, !sc_sig_at_schema_position(sA, A, 0),
                                      &out->assertion_signed, &out->assertion_valid, &covA)))
        return rc;
    return sc_sig_judge_others(v, sigs, nsig, R, A, sR, sA, covR, covA);
}

static json_t *summary_sig(json_t *summary, int *created)
{
    json_t *s = summary ? json_object_get(summary, "signature") : NULL;
    *created = 0;
    if (s && json_is_object(s))
        return s;
    if (!summary)
        return NULL;
    s = json_object();
    if (!s || json_object_set_new(summary, "signature", s))
        return NULL;
    json_t *arr = json_array();
    if (!arr || json_object_set_new(s, "signatures", arr))
        return NULL;
    *created = 1;
    return s;
}

/* One root cause, one finding (RULES.md response/signature-invalid): when a
 * digest mismatch came from re-indenting, the values read afterwards are
 * read without the line breaks and indentation the pretty-printer added,
 * so that they are not reported once more each. The content is untrusted
 * anyway (the signature failed). */
static void undo_reindent(vctx *v)
{
    const xmlNode *first = NULL;
    if (v->reindented_top)
        reindented_values(v->reindented_top, &first, 1);
}

/* @p r_present / @p a_present: a ds:Signature is a direct child of R / A,
 * applicable or not (the summary never says "not signed" when one is
 * present; the signatures list gives the reason when it is not used). */
static int summary_verdict(json_t *s, const sc_sig_outcome *o, int have_md, int nsig, int unchecked,
                           int r_present, int a_present)
{
    if (!s)
        return 0;
    const char *verdict;
    if (o->security_error)
        verdict = "rejected";
    else if (o->trusted)
        verdict = "trusted";
    else if ((o->response_valid || o->assertion_valid) && !have_md)
        verdict = "verified-with-embedded-certificate";
    else if (!o->response_signed && !o->assertion_signed)
        verdict = nsig ? "no-applicable-signature" : "unsigned";
    else if (!have_md && unchecked)
        verdict = "not-verified"; /* no certificate and no metadata: no key at all */
    else
        verdict = "invalid";
    if (json_object_set_new(s, "verdict", json_string(verdict)) ||
        json_object_set_new(s, "trusted", json_boolean(o->trusted)) ||
        json_object_set_new(s, "checked_against",
                            json_string(have_md ? "metadata" : "embedded certificate")) ||
        json_object_set_new(s, "response_signed", json_boolean(o->response_signed || r_present)) ||
        json_object_set_new(s, "assertion_signed", json_boolean(o->assertion_signed || a_present)))
        return SAMLCHECK_ENOMEM;
    return 0;
}

static int report_no_metadata(vctx *v, const sc_sig_outcome *o, const xmlNode *at)
{
    if (v->md || (!o->response_signed && !o->assertion_signed) || !v->unverified)
        return 0; /* a failed signature is already an error: one root cause */
    if (v->no_key)
        return sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_CERT_UNKNOWN, SAMLCHECK_SEV_WARNING,
                              SC_AWS_DEFAULT, NULL, at,
                              "not verified against IAM's keys: no --metadata was given and the "
                              "signature carries no certificate the tool can read, so only its "
                              "form and digest were checked; its SignatureValue was checked "
                              "against no key at all");
    return sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_CERT_UNKNOWN, SAMLCHECK_SEV_WARNING,
                          SC_AWS_DEFAULT, NULL, at,
                          "not verified against IAM's keys: no --metadata was given, so the "
                          "signature could only be checked against the certificate embedded "
                          "in the response itself, which anyone can supply");
}

int sc_verify_response(sc_sig_outcome *out, xmlDocPtr doc, xmlNode *R, xmlNode *A,
                       const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    memset(out, 0, sizeof *out);
    if (!doc || !R)
        return 0;
    int created = 0, nsig = 0;
    json_t *s = summary_sig(summary, &created);
    vctx v = {.doc = doc,
              .R = R,
              .A = A,
              .md = opts->metadata,
              .r = r,
              .sigs = s ? json_object_get(s, "signatures") : NULL};
    int rc = verify_doc(&v, R, A, opts, out, &nsig);
    if (rc)
        return rc;
    int is_enc = A && sc_xml_is(A, SC_NS_SAML, "EncryptedAssertion");
    int r_direct = sc_xml_child(R, SC_NS_DS, "Signature") != NULL;
    int a_direct = A && !is_enc && sc_xml_child(A, SC_NS_DS, "Signature") != NULL;
    if (!r_direct && !a_direct && !is_enc && (A || nsig == 0)) {
        rc = sc_xml_report(r, SC_RULE_RESPONSE_UNSIGNED, R,
                           "neither the Response nor %s carries a ds:Signature as a direct "
                           "child; AWS validates the response with the keys in the metadata",
                           A ? "its Assertion" : "an Assertion");
        if (rc)
            return rc;
    }
    if ((rc = report_no_metadata(&v, out, R)))
        return rc;
    out->security_error = v.security_error;
    /* never trusted next to a section-11 error this layer raised (the
     * caller adds the ones raised elsewhere) */
    out->trusted =
        opts->metadata && (out->response_valid || out->assertion_valid) && !out->security_error;
    out->reindented = v.reindented;
    out->unchecked = v.no_key;
    undo_reindent(&v);
    return summary_verdict(s, out, opts->metadata != NULL, nsig, v.no_key, r_direct, a_direct);
}

int sc_verify_decrypted(sc_sig_outcome *out, const sc_sig_outcome *outer, xmlDocPtr doc, xmlNode *A,
                        const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    memset(out, 0, sizeof *out);
    if (outer) {
        out->response_signed = outer->response_signed;
        out->response_valid = outer->response_valid;
        out->security_error = outer->security_error;
    }
    if (!doc || !A)
        return 0;
    int created = 0, nsig = 0;
    json_t *s = summary_sig(summary, &created);
    vctx v = {.doc = doc,
              .R = A,
              .A = A,
              .md = opts->metadata,
              .r = r,
              .sigs = s ? json_object_get(s, "signatures") : NULL};
    /* A is the root of its own document: its signature is judged as R's
     * would be (parent A, after its Issuer). */
    sc_sig_outcome inner;
    memset(&inner, 0, sizeof inner);
    int rc = verify_doc(&v, A, NULL, opts, &inner, &nsig);
    if (rc)
        return rc;
    out->assertion_signed = inner.response_signed;
    out->assertion_valid = inner.response_valid;
    if (!out->assertion_valid && !out->response_valid) {
        v.security_error = 1;
        rc = sc_xml_report(r, SC_RULE_SEC_DECRYPTED_UNSIGNED, A,
                           "the decrypted Assertion %s, and the Response carries no valid "
                           "signature that covers the EncryptedAssertion; encryption alone "
                           "does not prove who created it",
                           out->assertion_signed ? "has a signature that does not verify"
                                                 : "is not signed");
        if (rc)
            return rc;
    }
    if (!outer || !outer->response_signed)
        if ((rc = report_no_metadata(&v, &inner, A)))
            return rc;
    out->security_error |= v.security_error;
    /* never trusted next to a section-11 error this layer raised (the
     * caller adds the ones raised elsewhere) */
    out->trusted =
        opts->metadata && (out->response_valid || out->assertion_valid) && !out->security_error;
    out->reindented = v.reindented || (outer && outer->reindented);
    out->unchecked = v.no_key || (outer && outer->unchecked);
    undo_reindent(&v);
    return summary_verdict(s, out, opts->metadata != NULL, nsig, v.no_key,
                           outer && outer->response_signed,
                           sc_xml_child(A, SC_NS_DS, "Signature") != NULL);
}

int sc_verify_metadata_signature(xmlDocPtr doc, xmlNode *root, const unsigned char *signer_der,
                                 size_t signer_len, samlcheck_report *r, json_t *summary)
{
    if (!doc || !root)
        return 0;
    xmlNode *sig = sc_xml_child(root, SC_NS_DS, "Signature");
    json_t *s = json_object();
    json_t *arr = json_array();
    int rc = 0;
    if (!s || !arr || json_object_set_new(s, "signatures", arr)) {
        json_decref(s);
        if (!s)
            json_decref(arr);
        return SAMLCHECK_ENOMEM;
    }
    vctx v = {.doc = doc,
              .R = root,
              .metadata_mode = 1,
              .signer_der = signer_der,
              .signer_len = signer_len,
              .r = r,
              .sigs = arr};
    const char *verdict = "unsigned";
    if (sig) {
        sig_check sc;
        memset(&sc, 0, sizeof sc);
        sc.sig = sig;
        sc.parent = root;
        sc_sig_register_id(doc, root);
        rc = sc_sig_check_structure(&v, &sc);
        if (!rc && sc.applicable) {
            if (!sc.sig_alg || !sc.dig_alg) {
                judge_algorithms(&sc);
            } else {
                rc = verify_with_keys(&v, &sc);
            }
            if (!rc)
                rc = report_verdict(&v, &sc);
        }
        verdict = !sc.applicable ? "rejected" : sc.result == RES_VALID ? "valid" : "invalid";
        if (!rc)
            rc = sig_json(&v, &sc);
        sig_check_clear(&sc);
    }
    if (!rc && json_object_set_new(s, "verdict", json_string(verdict)))
        rc = SAMLCHECK_ENOMEM;
    if (!rc && summary) {
        if (json_object_set_new(summary, "signature", s))
            rc = SAMLCHECK_ENOMEM;
        s = NULL;
    }
    json_decref(s);
    return rc;
}
