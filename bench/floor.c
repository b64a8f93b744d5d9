/*
 * bench/floor.c: the floor samlcheck is compared against (issue 14 item 4).
 *
 * Does only what any SAML consumer must do, with libxml2 and xmlsec:
 * parse a response, (with --key) decrypt its EncryptedAssertion with the
 * private key, and verify the Response's and the Assertion's enveloped
 * signatures with the bare public key of the metadata's signing
 * certificate, decoded once and held in an xmlsec keys manager. No other
 * check: no issuer, audience, time, role or schema rule.
 *
 *   floor [-n REPEAT] [--key SP.key] [-f LIST] METADATA [RESPONSE...]
 *
 * METADATA: IdP metadata; its first ds:X509Certificate outside an
 * encryption KeyDescriptor is the signing key. -f LIST: more response
 * file names, one a line. Every response is checked REPEAT times
 * (default 1) in this one process.
 *
 * Each response must carry a signed Assertion (plain, or encrypted with
 * --key) whose signature verifies; a signature on the Response, when
 * present, must verify too. Prints "floor: D documents, S signatures
 * verified" and exits 0 when every document passed, 1 when one failed
 * (named on stderr), 2 on a usage or set-up error.
 *
 * Built by bench/compare.sh with `pkg-config xmlsec1-openssl`; not part of
 * `make`.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <xmlsec/base64.h>
#include <xmlsec/keys.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <xmlsec/openssl/evp.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlenc.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

static const xmlChar NS_SAMLP[] = "urn:oasis:names:tc:SAML:2.0:protocol";
static const xmlChar NS_SAML[] = "urn:oasis:names:tc:SAML:2.0:assertion";
static const xmlChar NS_MD[] = "urn:oasis:names:tc:SAML:2.0:metadata";

static int is_el(const xmlNode *n, const xmlChar *ns, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
           xmlStrEqual(n->ns->href, ns) && xmlStrEqual(n->name, BAD_CAST name);
}

static xmlNode *child(xmlNode *parent, const xmlChar *ns, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
        if (is_el(c, ns, name))
            return c;
    return NULL;
}

/* The first ds:X509Certificate of the document outside an
 * md:KeyDescriptor use="encryption". */
static xmlNode *find_signing_cert(xmlNode *n)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(n, NS_MD, "KeyDescriptor")) {
            xmlChar *use = xmlGetProp(n, BAD_CAST "use");
            int enc = use != NULL && xmlStrEqual(use, BAD_CAST "encryption");
            xmlFree(use);
            if (enc)
                continue;
        }
        if (is_el(n, xmlSecDSigNs, "X509Certificate"))
            return n;
        xmlNode *found = find_signing_cert(n->children);
        if (found != NULL)
            return found;
    }
    return NULL;
}

/* The signing certificate's public key as a bare xmlsec key. */
static xmlSecKeyPtr load_metadata_key(const char *path)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (doc == NULL) {
        fprintf(stderr, "floor: cannot parse %s\n", path);
        return NULL;
    }
    xmlNode *cert = find_signing_cert(xmlDocGetRootElement(doc));
    xmlChar *b64 = cert ? xmlNodeGetContent(cert) : NULL;
    xmlSecKeyPtr key = NULL;
    if (b64 != NULL) {
        /* xmlSecBase64Decode skips whitespace; the DER is shorter than the text */
        xmlSecSize cap = (xmlSecSize)xmlStrlen(b64), len = 0;
        unsigned char *der = malloc(cap + 1);
        if (der != NULL && xmlSecBase64Decode_ex(b64, der, cap, &len) < 0)
            len = 0;
        const unsigned char *p = der;
        X509 *x = len > 0 ? d2i_X509(NULL, &p, (long)len) : NULL;
        EVP_PKEY *pk = x ? X509_get_pubkey(x) : NULL;
        xmlSecKeyDataPtr data = pk ? xmlSecOpenSSLEvpKeyAdopt(pk) : NULL;
        if (data == NULL && pk != NULL)
            EVP_PKEY_free(pk);
        if (data != NULL) {
            key = xmlSecKeyCreate();
            if (key == NULL || xmlSecKeySetValue(key, data) < 0) {
                xmlSecKeyDataDestroy(data);
                if (key)
                    xmlSecKeyDestroy(key);
                key = NULL;
            }
        }
        X509_free(x);
        free(der);
        xmlFree(b64);
    }
    xmlFreeDoc(doc);
    if (key == NULL)
        fprintf(stderr, "floor: no usable signing certificate in %s\n", path);
    return key;
}

/* A keys manager with a simple keys store holding only key (no X.509
 * store: xmlSecOpenSSLAppDefaultKeysMngrInit would load the system CA
 * bundle, about 190 M instructions, which no SAML consumer needs). */
static xmlSecKeysMngrPtr mngr_with(xmlSecKeyPtr key)
{
    xmlSecKeysMngrPtr m = xmlSecKeysMngrCreate();
    xmlSecKeyStorePtr store = xmlSecKeyStoreCreate(xmlSecSimpleKeysStoreId);
    if (m == NULL || store == NULL || xmlSecKeysMngrAdoptKeysStore(m, store) < 0) {
        if (store)
            xmlSecKeyStoreDestroy(store);
        goto fail;
    }
    if (xmlSecSimpleKeysStoreAdoptKey(store, key) < 0)
        goto fail;
    m->getKey = xmlSecKeysMngrGetKey;
    return m;
fail:
    if (m)
        xmlSecKeysMngrDestroy(m);
    xmlSecKeyDestroy(key);
    return NULL;
}

static int add_id(xmlDocPtr doc, xmlNode *el)
{
    xmlAttrPtr a = xmlHasProp(el, BAD_CAST "ID");
    if (a == NULL)
        return -1;
    xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
    int ok = v != NULL && xmlGetID(doc, v) == NULL && xmlAddID(NULL, doc, v, a) != NULL;
    xmlFree(v);
    return ok ? 0 : -1;
}

/* Verify the enveloped signature that is a child of el: 1 verified,
 * 0 no signature, -1 failed. Only the keys manager's key is used (the
 * KeyInfo's X509Data is not read: KeyName is the only key data enabled). */
static int verify_child_sig(xmlSecKeysMngrPtr mngr, xmlNode *el)
{
    xmlNode *sig = child(el, xmlSecDSigNs, "Signature");
    if (sig == NULL)
        return 0;
    xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(mngr);
    if (ctx == NULL)
        return -1;
    int rc = -1;
    ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
    if (xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData, BAD_CAST xmlSecKeyDataNameId) >= 0 &&
        xmlSecDSigCtxVerify(ctx, sig) >= 0 && ctx->status == xmlSecDSigStatusSucceeded)
        rc = 1;
    xmlSecDSigCtxDestroy(ctx);
    return rc;
}

/* One response: 0 passed, -1 failed. *sigs += signatures verified. */
static int check(const char *path, xmlSecKeysMngrPtr vmngr, xmlSecKeysMngrPtr dmngr, long *sigs)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (doc == NULL)
        return -1;
    int rc = -1;
    xmlNode *resp = xmlDocGetRootElement(doc);
    if (!is_el(resp, NS_SAMLP, "Response") || add_id(doc, resp) < 0)
        goto out;
    xmlNode *as = child(resp, NS_SAML, "Assertion");
    if (as == NULL && dmngr != NULL) {
        xmlNode *ea = child(resp, NS_SAML, "EncryptedAssertion");
        xmlNode *ed = child(ea, xmlSecEncNs, "EncryptedData");
        if (ed == NULL)
            goto out;
        xmlSecEncCtxPtr ectx = xmlSecEncCtxCreate(dmngr);
        if (ectx == NULL)
            goto out;
        /* the session key comes from the EncryptedKey, decrypted with the
         * keys manager's private key (the KeyInfo's X509Data is not read);
         * decrypting replaces EncryptedData with the plaintext element */
        int d = -1;
        if (xmlSecPtrListAdd(&ectx->keyInfoReadCtx.enabledKeyData,
                             BAD_CAST xmlSecKeyDataEncryptedKeyId) >= 0 &&
            xmlSecPtrListAdd(&ectx->keyInfoReadCtx.enabledKeyData, BAD_CAST xmlSecKeyDataNameId) >=
                0)
            d = xmlSecEncCtxDecrypt(ectx, ed);
        int replaced = d >= 0 && ectx->resultReplaced;
        xmlSecEncCtxDestroy(ectx);
        if (!replaced)
            goto out;
        as = child(ea, NS_SAML, "Assertion");
    }
    if (as == NULL || add_id(doc, as) < 0)
        goto out;
    int r = verify_child_sig(vmngr, resp);
    if (r < 0)
        goto out;
    *sigs += r;
    r = verify_child_sig(vmngr, as);
    if (r <= 0) /* the Assertion's signature is required */
        goto out;
    *sigs += r;
    rc = 0;
out:
    xmlFreeDoc(doc);
    return rc;
}

static int usage(void)
{
    fputs("usage: floor [-n REPEAT] [--key SP.key] [-f LIST] METADATA [RESPONSE...]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    long repeat = 1;
    const char *keyfile = NULL, *list = NULL;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            repeat = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
            keyfile = argv[++i];
        else if (strcmp(argv[i], "-f") == 0 && i + 1 < argc)
            list = argv[++i];
        else
            return usage();
    }
    if (i >= argc || repeat < 1)
        return usage();
    const char *mdfile = argv[i++];

    /* response names: the arguments, then the list */
    size_t n = 0, cap = (size_t)(argc - i) + 16;
    char **files = malloc(cap * sizeof *files);
    if (files == NULL)
        return 2;
    for (; i < argc; i++)
        files[n++] = argv[i];
    const size_t nargs = n;
    if (list != NULL) {
        FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
        char line[4096];
        if (f == NULL) {
            perror(list);
            return 2;
        }
        while (fgets(line, sizeof line, f) != NULL) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0] == '\0')
                continue;
            if (n == cap) {
                char **nf = realloc(files, (cap *= 2) * sizeof *files);
                if (nf == NULL)
                    return 2;
                files = nf;
            }
            if ((files[n++] = strdup(line)) == NULL)
                return 2;
        }
        if (f != stdin)
            fclose(f);
    }
    if (n == 0)
        return usage();

    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecOpenSSLAppInit(NULL) < 0 || xmlSecOpenSSLInit() < 0) {
        fputs("floor: xmlsec initialisation failed\n", stderr);
        return 2;
    }
    xmlSecKeyPtr vkey = load_metadata_key(mdfile);
    xmlSecKeysMngrPtr vmngr = vkey ? mngr_with(vkey) : NULL;
    xmlSecKeysMngrPtr dmngr = NULL;
    if (vmngr != NULL && keyfile != NULL) {
        xmlSecKeyPtr dkey =
            xmlSecOpenSSLAppKeyLoad(keyfile, xmlSecKeyDataFormatPem, NULL, NULL, NULL);
        dmngr = dkey ? mngr_with(dkey) : NULL;
        if (dmngr == NULL)
            fprintf(stderr, "floor: cannot load %s\n", keyfile);
    }
    if (vmngr == NULL || (keyfile != NULL && dmngr == NULL))
        return 2;

    long docs = 0, sigs = 0, failed = 0;
    for (long r = 0; r < repeat; r++)
        for (size_t k = 0; k < n; k++) {
            if (check(files[k], vmngr, dmngr, &sigs) < 0) {
                fprintf(stderr, "floor: %s: NOT verified\n", files[k]);
                failed++;
            }
            docs++;
        }
    printf("floor: %ld documents, %ld signatures verified, %ld failed\n", docs, sigs, failed);

    xmlSecKeysMngrDestroy(vmngr);
    if (dmngr)
        xmlSecKeysMngrDestroy(dmngr);
    xmlSecOpenSSLShutdown();
    xmlSecOpenSSLAppShutdown();
    xmlSecShutdown();
    xmlCleanupParser();
    for (size_t k = nargs; k < n; k++)
        free(files[k]);
    free(files);
    return failed ? 1 : 0;
}
