/* XML-DSig verification with the signature-wrapping defence (RULES.md 7.2
 * and 11). The structure of every ds:Signature is judged first (position,
 * sec/reference-uri, sec/transforms, no ds:Object / Manifest /
 * RetrievalMethod); only applicable signatures are verified, by xmlsec with
 * the key preset per candidate certificate (the KeyInfo of the message is
 * never trusted, only used as a hint), and with xmlsec itself restricted to
 * same-document references and the allowed transforms. IDs are registered
 * for the SAML ID of R and A only, so a Reference can resolve to nothing
 * else. */
#include "crypto.h"
#include "../xml/xml.h"
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
#include <stdlib.h>
#include <string.h>

#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_EXC_C14N_C "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define TYPE_MANIFEST "http://www.w3.org/2000/09/xmldsig#Manifest"
#define MAX_SIGS_REPORTED 16

typedef struct alg_info {
    const char *href;
    const char *name;
    int weak; /* SHA-1 / MD5: response/signature-algorithm-weak */
} alg_info;

static const alg_info sig_algs[] = {
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "RSA-SHA256", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "RSA-SHA384", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "RSA-SHA512", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-sha224", "RSA-SHA224", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "ECDSA-SHA256", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "ECDSA-SHA384", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "ECDSA-SHA512", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha224", "ECDSA-SHA224", 0},
    {"http://www.w3.org/2009/xmldsig11#dsa-sha256", "DSA-SHA256", 0},
    {"http://www.w3.org/2000/09/xmldsig#rsa-sha1", "RSA-SHA1", 1},
    {"http://www.w3.org/2000/09/xmldsig#dsa-sha1", "DSA-SHA1", 1},
    {"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1", "ECDSA-SHA1", 1},
    {"http://www.w3.org/2001/04/xmldsig-more#rsa-md5", "RSA-MD5", 1},
};

static const alg_info digest_algs[] = {
    {"http://www.w3.org/2001/04/xmlenc#sha256", "SHA-256", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA-384", 0},
    {"http://www.w3.org/2001/04/xmlenc#sha512", "SHA-512", 0},
    {"http://www.w3.org/2001/04/xmldsig-more#sha224", "SHA-224", 0},
    {"http://www.w3.org/2000/09/xmldsig#sha1", "SHA-1", 1},
    {"http://www.w3.org/2001/04/xmldsig-more#md5", "MD5", 1},
};

static const alg_info *alg_find(const alg_info *tab, size_t n, const char *href)
{
    for (size_t i = 0; href && i < n; i++)
        if (strcmp(tab[i].href, href) == 0)
            return &tab[i];
    return NULL;
}

/* Outcome of one signature. */
enum sig_result {
    RES_NOT_CHECKED = 0, /* not applicable: structure rejected */
    RES_VALID,
    RES_DIGEST,      /* digest mismatch: content changed after signing */
    RES_SIGNATURE,   /* SignatureValue does not verify with the key */
    RES_UNSUPPORTED, /* algorithm unknown or unusable */
    RES_NO_KEY,      /* nothing to verify with */
    RES_DEGENERATE   /* verifies only with a degenerate key: proves nothing */
};

static const char *result_name(int res)
{
    switch (res) {
    case RES_VALID: return "valid";
    case RES_DIGEST: return "digest-mismatch";
    case RES_SIGNATURE: return "signature-mismatch";
    case RES_UNSUPPORTED: return "unsupported-algorithm";
    case RES_NO_KEY: return "no-key";
    case RES_DEGENERATE: return "degenerate-key";
    default: return "not-checked";
    }
}

typedef struct vctx {
    xmlDocPtr doc;
    const xmlNode *R; /* root (response or metadata) */
    const xmlNode *A; /* the Assertion, or NULL */
    const samlcheck_metadata *md;
    int metadata_mode; /* checking IdP metadata (warnings, own KeyInfo) */
    const unsigned char *signer_der;
    size_t signer_len;
    samlcheck_report *r;
    int security_error;
    json_t *sigs; /* summary array, borrowed */
} vctx;

typedef struct sig_check {
    xmlNode *sig;
    xmlNode *parent;
    const alg_info *sig_alg, *dig_alg;
    char *sig_href, *dig_href, *c14n_href; /* owned */
    int applicable;
    int result;
    X509 *hint;                  /* owned: embedded KeyInfo certificate */
    int hint_known;              /* the hint is among the metadata certificates */
    X509 *verified_by;           /* owned: the certificate whose key verified */
    const char *verified_source; /* "metadata", "embedded", "metadata-signer" */
    char detail[200];            /* why an algorithm was unsupported */
} sig_check;

static void sig_check_clear(sig_check *sc)
{
    free(sc->sig_href);
    free(sc->dig_href);
    free(sc->c14n_href);
    X509_free(sc->hint);
    X509_free(sc->verified_by);
    memset(sc, 0, sizeof *sc);
}

static char *esc(const char *s)
{
    return sc_str_escape(s ? s : "", 200);
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

/* Base64 text of <ds:X509Certificate> (XML whitespace allowed) to X509. */
static X509 *x509_from_b64(const char *text)
{
    X509 *x = NULL;
    size_t n = strlen(text);
    if (n > 1024 * 1024)
        return NULL;
    unsigned char *clean = malloc(n + 1), *der = malloc(n + 1);
    if (!clean || !der)
        goto out;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        clean[m++] = (unsigned char)c;
    }
    if (m == 0 || m % 4 != 0 || m > 0x7fffffff)
        goto out;
    int dl = EVP_DecodeBlock(der, clean, (int)m);
    if (dl < 0)
        goto out;
    size_t pad = (clean[m - 1] == '=') + (clean[m - 2] == '=');
    x = x509_from_der(der, (size_t)dl - pad);
out:
    free(clean);
    free(der);
    return x;
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

/* Is @p x among the metadata signing certificates (by DER or public key)? */
static int md_has_cert(const samlcheck_metadata *md, X509 *x)
{
    unsigned char *der = NULL;
    int dl = i2d_X509(x, &der);
    int found = 0;
    for (size_t i = 0; md && i < md->n_certs && !found; i++) {
        const sc_md_cert *c = &md->certs[i];
        if (!c->der || !c->signing)
            continue;
        if (dl > 0 && (size_t)dl == c->der_len && memcmp(der, c->der, c->der_len) == 0) {
            found = 1;
            break;
        }
        X509 *mx = x509_from_der(c->der, c->der_len);
        if (mx) {
            EVP_PKEY *a = X509_get0_pubkey(mx), *b = X509_get0_pubkey(x);
            if (a && b && EVP_PKEY_eq(a, b) == 1)
                found = 1;
            X509_free(mx);
        }
    }
    OPENSSL_free(der);
    return found;
}

/* ---- reporting helpers ---- */

static const char *elem_name(const xmlNode *n)
{
    return n && n->name ? (const char *)n->name : "?";
}

static int report_sec(vctx *v, sc_rule_id rule, const xmlNode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int report_sec(vctx *v, sc_rule_id rule, const xmlNode *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_buf b = SC_BUF_INIT;
    int rc = sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (rc) {
        sc_buf_free(&b);
        return SAMLCHECK_ENOMEM;
    }
    v->security_error = 1;
    rc = sc_xml_report(v->r, rule, n, "%s", b.data ? b.data : "");
    sc_buf_free(&b);
    return rc;
}

/* Structural defects other than the sec rules: wrapping in a response; for
 * metadata, a signature that cannot be accepted. */
static sc_rule_id wrap_rule(const vctx *v)
{
    return v->metadata_mode ? SC_RULE_METADATA_SIGNATURE_INVALID
                            : SC_RULE_RESPONSE_SIGNATURE_WRAPPING;
}

/* ---- document scan: limits, external fetches, every ds:Signature ---- */

static int has_uri_external(const char *uri)
{
    return uri && *uri && uri[0] != '#';
}

/* Collect every ds:Signature (up to @p max + 1) and report sec/no-external-fetch
 * constructs. Iterative walk: bounded by the parser's element limit. */
static int scan_document(vctx *v, xmlNode *root, xmlNode **sigs, size_t max, size_t *nsig)
{
    size_t reported = 0;
    int rc = 0;
    *nsig = 0;
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *what = NULL;
            char *uri = NULL;
            if (sc_xml_is(n, SC_NS_DS, "Signature")) {
                if (*nsig <= max)
                    sigs[*nsig] = n;
                (*nsig)++;
            } else if (sc_xml_is(n, SC_NS_XI, NULL)) {
                what = "an XInclude element";
            } else if (sc_xml_is(n, SC_NS_DS, "RetrievalMethod")) {
                what = "a ds:RetrievalMethod";
            } else if (sc_xml_is(n, SC_NS_DS, "Reference")) {
                uri = sc_xml_attr(n, "URI");
                if (has_uri_external(uri))
                    what = "a ds:Reference to a URI outside the document";
            }
            if (what && reported++ < MAX_SIGS_REPORTED) {
                char *u = NULL;
                if (!uri)
                    uri = sc_xml_attr(n, "URI");
                if (!uri)
                    uri = sc_xml_attr(n, "href");
                u = uri ? esc(uri) : NULL;
                rc =
                    report_sec(v, SC_RULE_SEC_NO_EXTERNAL_FETCH, n,
                               "%s <%s>%s%s%s was found; the tool never fetches it, and a "
                               "genuine SAML document never needs one",
                               what, elem_name(n), u ? " (URI \"" : "", u ? u : "", u ? "\")" : "");
                free(u);
            }
            free(uri);
            if (rc)
                return rc;
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n && n != root && !n->next)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
    return 0;
}

/* Register the SAML ID attribute of @p elem as an XML ID (and nothing else). */
static void register_id(xmlDocPtr doc, const xmlNode *elem)
{
    if (!elem)
        return;
    xmlAttr *a = xmlHasNsProp(elem, (const xmlChar *)"ID", NULL);
    if (!a || a->atype == XML_ATTRIBUTE_ID || !a->children || !a->children->content)
        return;
    /* A second registration of the same value fails, so a duplicate can never
     * make the lookup return another element. */
    xmlAddID(NULL, doc, a->children->content, a);
}

/* ---- structure of one signature ---- */

/* The element a signature must be at: right after the parent's Issuer, or
 * (no Issuer: Response and metadata) the first element child. */
static int at_schema_position(const xmlNode *sig, const xmlNode *parent, int metadata)
{
    xmlNode *first = sc_xml_first_elem(parent);
    if (metadata)
        return sig->parent == parent;
    if (first && sc_xml_is(first, SC_NS_SAML, "Issuer"))
        first = sc_xml_next_elem(first);
    return first == sig;
}

static int check_transforms(vctx *v, sig_check *sc, xmlNode *ref)
{
    xmlNode *tr = sc_xml_child(ref, SC_NS_DS, "Transforms");
    xmlNode *t1 = tr ? sc_xml_first_elem(tr) : NULL;
    xmlNode *t2 = t1 ? sc_xml_next_elem(t1) : NULL;
    xmlNode *t3 = t2 ? sc_xml_next_elem(t2) : NULL;
    char *a1 = t1 ? sc_xml_attr(t1, "Algorithm") : NULL;
    char *a2 = t2 ? sc_xml_attr(t2, "Algorithm") : NULL;
    const char *why = NULL;
    int rc = 0;
    if (!tr || !t1)
        why = "the Reference has no Transforms (the enveloped-signature transform is missing)";
    else if (!sc_xml_is(t1, SC_NS_DS, "Transform") || !a1 || strcmp(a1, ALG_ENVELOPED) != 0)
        why = "the first transform is not enveloped-signature";
    else if (!t2)
        why = "the exclusive C14N transform after enveloped-signature is missing";
    else if (!sc_xml_is(t2, SC_NS_DS, "Transform") || !a2 ||
             (strcmp(a2, ALG_EXC_C14N) != 0 && strcmp(a2, ALG_EXC_C14N_C) != 0))
        why = "the second transform is not exclusive C14N";
    else if (t3)
        why = "there are more than two transforms";
    else {
        /* at most one ec:InclusiveNamespaces child, with PrefixList */
        size_t k = 0;
        for (xmlNode *c = sc_xml_first_elem(t2); c; c = sc_xml_next_elem(c)) {
            if (++k > 1 || strcmp(elem_name(c), "InclusiveNamespaces") != 0 || !c->ns ||
                !c->ns->href || strcmp((const char *)c->ns->href, ALG_EXC_C14N) != 0 ||
                !sc_xml_has_attr(c, "PrefixList")) {
                why = "the exclusive C14N transform has content other than one "
                      "ec:InclusiveNamespaces PrefixList";
                break;
            }
        }
    }
    if (why) {
        char *e1 = esc(a1), *e2 = esc(a2);
        rc = report_sec(v, SC_RULE_SEC_TRANSFORMS, tr ? tr : ref,
                        "the signature on <%s> is not used for trust: %s; expected exactly "
                        "enveloped-signature followed by exclusive C14N, found \"%s\"%s%s%s%s",
                        elem_name(sc->parent), why, a1 ? e1 : "(none)", a2 ? ", \"" : "",
                        a2 ? e2 : "", a2 ? "\"" : "", t3 ? ", ..." : "");
        free(e1);
        free(e2);
        sc->applicable = 0;
    }
    free(a1);
    free(a2);
    return rc;
}

static int check_reference(vctx *v, sig_check *sc, xmlNode *si)
{
    size_t nref = sc_xml_count(si, SC_NS_DS, "Reference");
    xmlNode *ref = sc_xml_child(si, SC_NS_DS, "Reference");
    int rc = 0;
    if (nref != 1) {
        sc->applicable = 0;
        return report_sec(v, SC_RULE_SEC_REFERENCE_URI, si,
                          "the SignedInfo of the signature on <%s> has %zu ds:Reference "
                          "elements; exactly one, pointing at <%s>, is required",
                          elem_name(sc->parent), nref, elem_name(sc->parent));
    }
    char *type = sc_xml_attr(ref, "Type");
    if (type && strcmp(type, TYPE_MANIFEST) == 0) {
        sc->applicable = 0;
        v->security_error = 1;
        rc = sc_xml_report(v->r, wrap_rule(v), ref,
                           "the signature on <%s> references a ds:Manifest; a Manifest lets "
                           "the signed content differ from the element that is read",
                           elem_name(sc->parent));
        free(type);
        return rc;
    }
    free(type);
    char *uri = sc_xml_attr(ref, "URI");
    char *id = sc_xml_attr(sc->parent, "ID");
    const char *why = NULL;
    if (!uri)
        why = "the URI attribute is absent (whole document)";
    else if (!*uri)
        why = "URI=\"\" signs the whole document, not the element";
    else if (uri[0] != '#')
        why = "the URI points outside the document";
    else if (strncmp(uri, "#xpointer(", 10) == 0)
        why = "XPointer references are not accepted";
    else if (!sc_xml_is_ncname(uri + 1))
        why = "the fragment is not an NCName";
    else if (!id || !*id)
        why = "the signed element has no ID attribute";
    else if (strcmp(uri + 1, id) != 0)
        why = "it names another element than the signature's parent";
    else {
        xmlAttr *a = xmlGetID(v->doc, (const xmlChar *)(uri + 1));
        if (!a || a->parent != sc->parent)
            why = "the ID does not resolve to the signature's parent (duplicate ID)";
    }
    if (why) {
        char *eu = esc(uri), *ei = esc(id);
        sc->applicable = 0;
        rc = report_sec(v, SC_RULE_SEC_REFERENCE_URI, ref,
                        "the signature on <%s> is not used for trust: Reference URI %s%s%s: "
                        "%s; expected \"#%s\" (the ID of <%s>)",
                        elem_name(sc->parent), uri ? "\"" : "", uri ? eu : "(absent)",
                        uri ? "\"" : "", why, id ? ei : "", elem_name(sc->parent));
        free(eu);
        free(ei);
    }
    free(uri);
    free(id);
    if (rc)
        return rc;
    rc = check_transforms(v, sc, ref);
    if (rc)
        return rc;
    xmlNode *dm = sc_xml_child(ref, SC_NS_DS, "DigestMethod");
    sc->dig_href = dm ? sc_xml_attr(dm, "Algorithm") : NULL;
    sc->dig_alg = alg_find(digest_algs, sizeof digest_algs / sizeof *digest_algs, sc->dig_href);
    return 0;
}

/* Judge everything that does not need a key. Sets sc->applicable. */
static int check_structure(vctx *v, sig_check *sc)
{
    int rc = 0;
    xmlNode *s = sc->sig;
    sc->applicable = 1;
    /* children: SignedInfo, SignatureValue, optional KeyInfo; nothing else */
    xmlNode *si = NULL;
    size_t k = 0;
    for (xmlNode *c = sc_xml_first_elem(s); c; c = sc_xml_next_elem(c), k++) {
        const char *bad = NULL;
        if (k == 0 && sc_xml_is(c, SC_NS_DS, "SignedInfo"))
            si = c;
        else if (k == 1 && sc_xml_is(c, SC_NS_DS, "SignatureValue"))
            ;
        else if (k == 2 && sc_xml_is(c, SC_NS_DS, "KeyInfo"))
            ;
        else if (sc_xml_is(c, SC_NS_DS, "Object"))
            bad = "a ds:Object (content that can hide the signed element)";
        else
            bad = "an element that does not belong in a ds:Signature";
        if (bad) {
            sc->applicable = 0;
            v->security_error = 1;
            return sc_xml_report(v->r, wrap_rule(v), c,
                                 "the signature on <%s> contains <%s>, %s; only SignedInfo, "
                                 "SignatureValue and KeyInfo are allowed",
                                 elem_name(sc->parent), elem_name(c), bad);
        }
    }
    if (!si) {
        sc->applicable = 0;
        sc->result = RES_UNSUPPORTED;
        snprintf(sc->detail, sizeof sc->detail, "the ds:Signature has no SignedInfo");
        return 0;
    }
    for (xmlNode *c = sc_xml_first_elem(s); c; c = sc_xml_next_elem(c)) {
        if (sc_xml_is(c, SC_NS_DS, "KeyInfo") &&
            sc_xml_child(c, SC_NS_DS, "RetrievalMethod")) /* reported by the scan */
            sc->applicable = 0;
    }
    xmlNode *cm = sc_xml_child(si, SC_NS_DS, "CanonicalizationMethod");
    xmlNode *sm = sc_xml_child(si, SC_NS_DS, "SignatureMethod");
    sc->c14n_href = cm ? sc_xml_attr(cm, "Algorithm") : NULL;
    sc->sig_href = sm ? sc_xml_attr(sm, "Algorithm") : NULL;
    sc->sig_alg = alg_find(sig_algs, sizeof sig_algs / sizeof *sig_algs, sc->sig_href);
    if (!sc->c14n_href ||
        (strcmp(sc->c14n_href, ALG_EXC_C14N) != 0 && strcmp(sc->c14n_href, ALG_EXC_C14N_C) != 0)) {
        char *e = esc(sc->c14n_href);
        sc->applicable = 0;
        rc = report_sec(v, SC_RULE_SEC_TRANSFORMS, cm ? cm : si,
                        "the signature on <%s> is not used for trust: SignedInfo "
                        "CanonicalizationMethod is \"%s\"; expected exclusive C14N (%s)",
                        elem_name(sc->parent), sc->c14n_href ? e : "(none)", ALG_EXC_C14N);
        free(e);
        if (rc)
            return rc;
    }
    return check_reference(v, sc, si);
}

/* ---- cryptographic verification ---- */

static int add_enabled(xmlSecPtrListPtr list, const char *href, xmlSecTransformUsage usage)
{
    xmlSecTransformId id =
        xmlSecTransformIdListFindByHref(xmlSecTransformIdsGet(), (const xmlChar *)href, usage);
    if (id == xmlSecTransformIdUnknown)
        return 0;
    return xmlSecPtrListAdd(list, (void *)id) < 0 ? -1 : 0;
}

/* Verify @p sig with the key of the certificate @p der. Returns 0 and a
 * RES_* code in *res, or a negative code. */
static int xmlsec_verify(xmlNode *sig, const unsigned char *der, size_t len, int *res, char *detail,
                         size_t dsize)
{
    xmlSecDSigCtxPtr ctx = NULL;
    xmlSecPtrListPtr reftr = NULL;
    xmlSecKeyPtr key = NULL;
    int rc = 0;
    *res = RES_UNSUPPORTED;
    if (len > 0x7fffffff)
        goto out;
    key = xmlSecCryptoAppKeyLoadMemory(der, (xmlSecSize)len, xmlSecKeyDataFormatCertDer, NULL, NULL,
                                       NULL);
    if (!key) {
        *res = RES_NO_KEY;
        snprintf(detail, dsize, "the certificate's key cannot be used by XML-DSig");
        goto out;
    }
    ctx = xmlSecDSigCtxCreate(NULL);
    if (!ctx) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    reftr = xmlSecPtrListCreate(xmlSecTransformIdListId);
    if (!reftr) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
    ctx->enabledReferenceTransforms = reftr;
    if (add_enabled(reftr, ALG_ENVELOPED, xmlSecTransformUsageDSigTransform) ||
        add_enabled(reftr, ALG_EXC_C14N, xmlSecTransformUsageDSigTransform) ||
        add_enabled(reftr, ALG_EXC_C14N_C, xmlSecTransformUsageDSigTransform) ||
        add_enabled(&ctx->transformCtx.enabledTransforms, ALG_EXC_C14N,
                    xmlSecTransformUsageC14NMethod) ||
        add_enabled(&ctx->transformCtx.enabledTransforms, ALG_EXC_C14N_C,
                    xmlSecTransformUsageC14NMethod)) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < sizeof digest_algs / sizeof *digest_algs; i++)
        if (add_enabled(reftr, digest_algs[i].href, xmlSecTransformUsageDigestMethod)) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
    for (size_t i = 0; i < sizeof sig_algs / sizeof *sig_algs; i++)
        if (add_enabled(&ctx->transformCtx.enabledTransforms, sig_algs[i].href,
                        xmlSecTransformUsageSignatureMethod)) {
            rc = SAMLCHECK_ENOMEM;
            goto out;
        }
    ctx->signKey = key; /* owned by ctx from here */
    key = NULL;
    if (xmlSecDSigCtxVerify(ctx, sig) < 0) {
        /* references are processed first: a failed digest is still visible */
        *res = RES_UNSUPPORTED;
        snprintf(detail, dsize,
                 "xmlsec could not process the signature (unknown or unusable "
                 "algorithm, or a key that does not fit the SignatureMethod)");
    } else if (ctx->status == xmlSecDSigStatusSucceeded) {
        *res = RES_VALID;
    } else {
        *res = RES_SIGNATURE;
    }
    if (*res != RES_VALID) {
        xmlSecSize n = xmlSecPtrListGetSize(&ctx->signedInfoReferences);
        for (xmlSecSize i = 0; i < n; i++) {
            xmlSecDSigReferenceCtxPtr ref = xmlSecPtrListGetItem(&ctx->signedInfoReferences, i);
            if (ref && ref->status == xmlSecDSigStatusInvalid)
                *res = RES_DIGEST;
        }
    }
out:
    if (key)
        xmlSecKeyDestroy(key);
    if (ctx)
        xmlSecDSigCtxDestroy(ctx); /* also destroys enabledReferenceTransforms */
    else if (reftr)
        xmlSecPtrListDestroy(reftr);
    return rc;
}

static int try_cert(sig_check *sc, const unsigned char *der, size_t len, const char *source,
                    int *res)
{
    char detail[200] = "";
    /* a key of another type than the SignatureMethod needs is the wrong key */
    X509 *x = x509_from_der(der, len);
    EVP_PKEY *pk = x ? X509_get0_pubkey(x) : NULL;
    int type = pk ? EVP_PKEY_base_id(pk) : EVP_PKEY_NONE;
    X509_free(x);
    if (sc->sig_alg && type != EVP_PKEY_NONE) {
        const char *n = sc->sig_alg->name;
        int want = strncmp(n, "RSA", 3) == 0     ? EVP_PKEY_RSA
                   : strncmp(n, "ECDSA", 5) == 0 ? EVP_PKEY_EC
                                                 : EVP_PKEY_DSA;
        if (type != want) {
            *res = RES_SIGNATURE;
            return 0;
        }
    }
    int rc = xmlsec_verify(sc->sig, der, len, res, detail, sizeof detail);
    if (rc)
        return rc;
    if (*res == RES_VALID) {
        X509_free(sc->verified_by);
        sc->verified_by = x509_from_der(der, len);
        sc->verified_source = source;
    } else if (detail[0] && !sc->detail[0]) {
        snprintf(sc->detail, sizeof sc->detail, "%s", detail);
    }
    return 0;
}

/* Pick the best outcome: valid > digest > signature > unsupported > no key. */
static int better(int a, int b)
{
    static const int rank[] = {[RES_NOT_CHECKED] = 0, [RES_NO_KEY] = 1, [RES_UNSUPPORTED] = 2,
                               [RES_SIGNATURE] = 3,   [RES_DIGEST] = 4, [RES_VALID] = 5};
    return rank[a] >= rank[b] ? a : b;
}

/* Find the embedded certificate (hint only). */
static void read_hint(sig_check *sc)
{
    xmlNode *ki = sc_xml_child(sc->sig, SC_NS_DS, "KeyInfo");
    xmlNode *xd = ki ? sc_xml_child(ki, SC_NS_DS, "X509Data") : NULL;
    xmlNode *xc = xd ? sc_xml_child(xd, SC_NS_DS, "X509Certificate") : NULL;
    if (!xc)
        return;
    char *t = NULL;
    int amb = 0;
    if (sc_xml_text(&t, xc, &amb, NULL) == 0 && !amb)
        sc->hint = x509_from_b64(t);
    free(t);
}

static int verify_with_keys(vctx *v, sig_check *sc)
{
    int rc = 0, res = RES_NO_KEY;
    read_hint(sc);
    if (v->metadata_mode) {
        if (v->signer_der) {
            rc = try_cert(sc, v->signer_der, v->signer_len, "metadata-signer", &res);
        } else if (sc->hint) {
            unsigned char *der = NULL;
            int dl = i2d_X509(sc->hint, &der);
            if (dl > 0)
                rc = try_cert(sc, der, (size_t)dl, "embedded", &res);
            OPENSSL_free(der);
        }
        sc->result = res;
        return rc;
    }
    if (!v->md) {
        if (sc->hint) {
            unsigned char *der = NULL;
            int dl = i2d_X509(sc->hint, &der);
            if (dl > 0)
                rc = try_cert(sc, der, (size_t)dl, "embedded", &res);
            OPENSSL_free(der);
        }
        sc->result = res;
        return rc;
    }
    sc->hint_known = sc->hint ? md_has_cert(v->md, sc->hint) : 0;
    /* metadata signing certificates; the hinted one first */
    int best = RES_NO_KEY;
    for (int pass = 0; pass < 2 && best != RES_VALID; pass++) {
        for (size_t i = 0; i < v->md->n_certs && best != RES_VALID; i++) {
            const sc_md_cert *c = &v->md->certs[i];
            if (!c->der || !c->signing)
                continue;
            int match = 0;
            if (sc->hint) {
                X509 *mx = x509_from_der(c->der, c->der_len);
                EVP_PKEY *a = mx ? X509_get0_pubkey(mx) : NULL, *b = X509_get0_pubkey(sc->hint);
                match = a && b && EVP_PKEY_eq(a, b) == 1;
                X509_free(mx);
            }
            if ((pass == 0) != (match != 0))
                continue;
            rc = try_cert(sc, c->der, c->der_len, "metadata", &res);
            if (rc)
                return rc;
            best = better(best, res);
        }
    }
    sc->result = best;
    return 0;
}

static const char *stage_text(const sig_check *sc)
{
    switch (sc->result) {
    case RES_DIGEST:
        return "digest mismatch: the signed content was changed after signing (for example "
               "re-indented, re-encoded or edited by a proxy)";
    case RES_SIGNATURE:
        return "signature mismatch: the SignatureValue does not verify with the key";
    case RES_UNSUPPORTED: return "unsupported algorithm";
    default: return "no key to verify with";
    }
}

/* Report the verdict of one applicable, cryptographically checked signature. */
static int report_verdict(vctx *v, sig_check *sc)
{
    int rc = 0;
    const char *pname = elem_name(sc->parent);
    char sha1[64] = "", sha256[100] = "";
    if (sc->hint) {
        fingerprint(sc->hint, EVP_sha1(), sha1, sizeof sha1);
        fingerprint(sc->hint, EVP_sha256(), sha256, sizeof sha256);
    }
    if (v->metadata_mode) {
        if (sc->result == RES_VALID)
            return 0;
        const char *why = stage_text(sc);
        if (sc->result == RES_NO_KEY)
            why = v->signer_der ? "the --metadata-signer certificate cannot be used"
                                : "the signature carries no X509Certificate in its KeyInfo and "
                                  "no --metadata-signer was given";
        return sc_xml_report(v->r, SC_RULE_METADATA_SIGNATURE_INVALID, sc->sig,
                             "the metadata signature does not verify against %s: %s%s%s",
                             v->signer_der ? "the --metadata-signer certificate"
                                           : "the certificate in its own KeyInfo",
                             why, sc->detail[0] && sc->result == RES_UNSUPPORTED ? ": " : "",
                             sc->result == RES_UNSUPPORTED ? sc->detail : "");
    }
    /* cert-unknown: the embedded certificate is not a metadata certificate */
    if (v->md && sc->hint && !sc->hint_known) {
        char *subj = subject_of(sc->hint);
        char *es = esc(subj);
        v->security_error = 1;
        rc = sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_CERT_UNKNOWN, sc->sig,
                           "the signature on <%s> carries a certificate (subject \"%s\", SHA-1 "
                           "%s, SHA-256 %s) that is not among the signing certificates of the "
                           "metadata; %s (IdP certificate rollover?)",
                           pname, es ? es : "?", sha1, sha256,
                           sc->result == RES_VALID ? "a metadata key still verifies it"
                                                   : "no metadata key verifies it");
        free(subj);
        free(es);
        if (rc)
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
    return sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_INVALID, sc->sig,
                         "the signature on <%s> does not verify (%s): %s%s%s", pname,
                         v->md ? "against the metadata signing certificates"
                               : "against its embedded certificate",
                         stage_text(sc), sc->result == RES_UNSUPPORTED && sc->detail[0] ? ": " : "",
                         sc->result == RES_UNSUPPORTED ? sc->detail : "");
}

static int report_weak(vctx *v, sig_check *sc)
{
    int rc = 0;
    if (v->metadata_mode)
        return 0;
    const char *pname = elem_name(sc->parent);
    if (sc->sig_alg && sc->sig_alg->weak) {
        char *e = esc(sc->sig_href);
        rc = sc_xml_report(v->r, SC_RULE_RESPONSE_SIGNATURE_ALGORITHM_WEAK, sc->sig,
                           "the signature on <%s> uses SignatureMethod %s (\"%s\"); expected "
                           "RSA-SHA256 (http://www.w3.org/2001/04/xmldsig-more#rsa-sha256) or "
                           "stronger",
                           pname, sc->sig_alg->name, e);
        free(e);
    } else if (sc->dig_alg && sc->dig_alg->weak) {
        char *e = esc(sc->dig_href);
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
                          elem_name(sc->parent), "line", sc_xml_line(sc->sig), "applicable",
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
    char *line =
        sc_asprintf("%s (line %d): %s / %s, %s: %s%s", elem_name(sc->parent), sc_xml_line(sc->sig),
                    sc->sig_alg ? sc->sig_alg->name : (sc->sig_href ? sc->sig_href : "?"),
                    sc->dig_alg ? sc->dig_alg->name : (sc->dig_href ? sc->dig_href : "?"), c14n,
                    result_name(sc->result), by ? by : "");
    free(by);
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
    if (v->metadata_mode || sc->result != RES_VALID || !sc->verified_by ||
        !sc_cert_key_degenerate(sc->verified_by, why, sizeof why))
        return 0;
    sc->result = RES_DEGENERATE;
    v->security_error = 1;
    char sha1[64];
    char *subj = subject_of(sc->verified_by), *es = esc(subj);
    fingerprint(sc->verified_by, EVP_sha1(), sha1, sizeof sha1);
    int rc = sc_xml_report(v->r, SC_RULE_METADATA_CERT_KEY_DEGENERATE, sc->sig,
                           "the signature on <%s> verifies only with the %s certificate \"%s\" "
                           "(SHA-1 %s), whose key is degenerate: %s; anyone can compute such a "
                           "signature without the private key, so it proves nothing",
                           elem_name(sc->parent), sc->verified_source ? sc->verified_source : "",
                           es ? es : "?", sha1, why);
    free(subj);
    free(es);
    return rc;
}

/* Judge, verify and report one signature whose parent is R or A. */
static int process_signature(vctx *v, xmlNode *sig, int *signed_out, int *valid_out)
{
    sig_check sc;
    memset(&sc, 0, sizeof sc);
    sc.sig = sig;
    sc.parent = sig->parent;
    int rc = check_structure(v, &sc);
    if (rc)
        goto out;
    *signed_out = 1;
    if (sc.applicable) {
        if (!sc.sig_alg) {
            char *e = esc(sc.sig_href);
            sc.result = RES_UNSUPPORTED;
            snprintf(sc.detail, sizeof sc.detail, "SignatureMethod \"%.150s\" is not supported",
                     e ? e : "?");
            free(e);
        } else if (!sc.dig_alg) {
            char *e = esc(sc.dig_href);
            sc.result = RES_UNSUPPORTED;
            snprintf(sc.detail, sizeof sc.detail, "DigestMethod \"%.150s\" is not supported",
                     e ? e : "?");
            free(e);
        } else if ((rc = verify_with_keys(v, &sc)) || (rc = reject_degenerate_key(v, &sc))) {
            goto out;
        }
        if ((rc = report_verdict(v, &sc)) || (rc = report_weak(v, &sc)))
            goto out;
        /* with metadata: a metadata key verified (cert-unknown is reported
         * separately); without: the embedded certificate verified */
        if (sc.result == RES_VALID)
            *valid_out = 1;
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
    int rc = scan_document(v, R, sigs, max, &nsig);
    if (rc)
        return rc;
    *nsig_out = (int)(nsig > 1000 ? 1000 : nsig);
    if (nsig > max) {
        return report_sec(v, SC_RULE_SEC_LIMITS, sigs[max],
                          "the document contains %zu ds:Signature elements, more than the limit "
                          "of %u; its signatures are not checked",
                          nsig, max);
    }
    register_id(v->doc, R);
    if (A && sc_xml_is(A, SC_NS_SAML, "Assertion"))
        register_id(v->doc, A);
    int applicable_seen_R = 0, applicable_seen_A = 0;
    for (size_t i = 0; i < nsig; i++) {
        xmlNode *s = sigs[i];
        xmlNode *p = s->parent;
        int isR = p == R, isA = A && p == A && sc_xml_is(A, SC_NS_SAML, "Assertion");
        int *seen = isR ? &applicable_seen_R : &applicable_seen_A;
        if ((isR || isA) && !*seen && at_schema_position(s, p, 0)) {
            *seen = 1;
            rc = process_signature(v, s, isR ? &out->response_signed : &out->assertion_signed,
                                   isR ? &out->response_valid : &out->assertion_valid);
        } else {
            char *path = sc_xml_path(p);
            v->security_error = 1;
            rc = sc_xml_report(
                v->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, s,
                "a ds:Signature inside %s is not applicable: %s; only one signature, placed "
                "right after the Issuer of the root Response or of the single Assertion, may "
                "be used, so this one can only serve to confuse which element is signed",
                path ? path : elem_name(p),
                (isR || isA) ? (*seen ? "its parent already has a signature"
                                      : "it is not at the schema position after <Issuer>")
                             : (sc_xml_is(p, SC_NS_SAML, "Assertion") && !A
                                    ? "its Assertion is not the single assertion of the response"
                                    : "its parent is neither the root Response nor the single "
                                      "Assertion"));
            free(path);
        }
        if (rc)
            return rc;
    }
    return 0;
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

static int summary_verdict(json_t *s, const sc_sig_outcome *o, int have_md, int nsig)
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
    else
        verdict = "invalid";
    if (json_object_set_new(s, "verdict", json_string(verdict)) ||
        json_object_set_new(s, "trusted", json_boolean(o->trusted)) ||
        json_object_set_new(s, "checked_against",
                            json_string(have_md ? "metadata" : "embedded certificate")) ||
        json_object_set_new(s, "response_signed", json_boolean(o->response_signed)) ||
        json_object_set_new(s, "assertion_signed", json_boolean(o->assertion_signed)))
        return SAMLCHECK_ENOMEM;
    return 0;
}

static int report_no_metadata(vctx *v, const sc_sig_outcome *o, const xmlNode *at)
{
    if (v->md || (!o->response_signed && !o->assertion_signed))
        return 0;
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
    vctx v = {
        doc, R, A, opts->metadata, 0, NULL, 0, r, 0, s ? json_object_get(s, "signatures") : NULL};
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
    out->trusted = opts->metadata && (out->response_valid || out->assertion_valid);
    return summary_verdict(s, out, opts->metadata != NULL, nsig);
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
    vctx v = {
        doc, A, A, opts->metadata, 0, NULL, 0, r, 0, s ? json_object_get(s, "signatures") : NULL};
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
    out->trusted = opts->metadata && (out->response_valid || out->assertion_valid);
    return summary_verdict(s, out, opts->metadata != NULL, nsig);
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
    vctx v = {doc, root, NULL, NULL, 1, signer_der, signer_len, r, 0, arr};
    const char *verdict = "unsigned";
    if (sig) {
        sig_check sc;
        memset(&sc, 0, sizeof sc);
        sc.sig = sig;
        sc.parent = root;
        register_id(doc, root);
        rc = check_structure(&v, &sc);
        if (!rc && sc.applicable) {
            if (!sc.sig_alg || !sc.dig_alg) {
                char *e = esc(!sc.sig_alg ? sc.sig_href : sc.dig_href);
                sc.result = RES_UNSUPPORTED;
                snprintf(sc.detail, sizeof sc.detail, "%s \"%.150s\" is not supported",
                         !sc.sig_alg ? "SignatureMethod" : "DigestMethod", e ? e : "?");
                free(e);
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
