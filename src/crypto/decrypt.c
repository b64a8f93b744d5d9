/* EncryptedAssertion decryption (RULES.md response/encrypted-no-key,
 * response/decrypt-failed, key/mismatch case (a), sec/encryption-algorithm-weak).
 *
 * Division of labour: the session key is unwrapped here with OpenSSL's
 * EVP_PKEY_decrypt (RSA-OAEP-MGF1P, XML Enc 1.1 RSA-OAEP with its
 * DigestMethod / MGF / OAEPparams, and RSA-1_5), because xmlsec 1.2.37 lacks
 * the XML Enc 1.1 form and because the EncryptedKey must be resolved inside
 * the EncryptedAssertion only (inline in EncryptedData/KeyInfo, or a sibling
 * named by ds:RetrievalMethod / xenc:ReferenceList) without handing xmlsec a
 * KeyInfo it might try to follow. The EncryptedData itself (AES-CBC and
 * AES-GCM) is decrypted by xmlsec with the unwrapped key preset, so xmlsec
 * never reads its KeyInfo. A CipherReference is refused before xmlsec sees
 * the node: nothing is ever fetched.
 *
 * Decryption oracles: every failure of the content decryption (CBC padding,
 * GCM tag, length) yields the same message, and every unwrap failure the
 * same message. No key material is ever put into a message or the summary. */
#include "crypto.h"
#include "../base/base.h"
#include "../xml/xml.h"
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/keys.h>
#include <xmlsec/xmlenc.h>
#include <xmlsec/crypto.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENCRYPTED_KEYS 16
#define MAX_KEY_CT (64u * 1024u)

typedef enum kt_kind { KT_UNSUPPORTED, KT_OAEP_MGF1P, KT_OAEP11, KT_RSA15 } kt_kind;

typedef struct data_alg {
    const char *uri;
    const char *name;
    size_t key_len;
    int aes; /* AWS decrypts only AES-CBC and AES-GCM */
    int cbc;
} data_alg;

static const data_alg data_algs[] = {
    {SC_NS_XENC "aes128-cbc", "AES-128-CBC", 16, 1, 1},
    {SC_NS_XENC "aes192-cbc", "AES-192-CBC", 24, 1, 1},
    {SC_NS_XENC "aes256-cbc", "AES-256-CBC", 32, 1, 1},
    {SC_NS_XENC11 "aes128-gcm", "AES-128-GCM", 16, 1, 0},
    {SC_NS_XENC11 "aes192-gcm", "AES-192-GCM", 24, 1, 0},
    {SC_NS_XENC11 "aes256-gcm", "AES-256-GCM", 32, 1, 0},
    {SC_NS_XENC "tripledes-cbc", "3DES-CBC", 24, 0, 1},
};

typedef struct enc_key {
    xmlNode *node;   /* the xenc:EncryptedKey (borrowed) */
    xmlNode *method; /* its xenc:EncryptionMethod, or NULL */
    char *alg;       /* owned Algorithm URI, or NULL */
    kt_kind kind;
    const char *why;      /* static: why the transport is unsupported */
    const EVP_MD *md;     /* OAEP digest */
    const EVP_MD *mgf1;   /* OAEP MGF1 digest */
    unsigned char *label; /* owned OAEPparams, or NULL */
    size_t label_len;
    unsigned char *ct; /* owned wrapped key, NULL when absent/invalid */
    size_t ct_len;
    X509 *cert;     /* owned: certificate in its KeyInfo, or NULL */
    char *key_name; /* owned ds:KeyName text, or NULL */
    int sibling;
} enc_key;

static void enc_key_clear(enc_key *k)
{
    free(k->alg);
    free(k->label);
    free(k->ct);
    X509_free(k->cert);
    free(k->key_name);
    memset(k, 0, sizeof *k);
}

static const data_alg *find_data_alg(const char *uri)
{
    for (size_t i = 0; uri && i < sizeof data_algs / sizeof data_algs[0]; i++)
        if (strcmp(uri, data_algs[i].uri) == 0)
            return &data_algs[i];
    return NULL;
}

static const EVP_MD *digest_of(const char *uri)
{
    static const struct {
        const char *uri;
        const char *md;
    } t[] = {
        {SC_NS_DS "sha1", "SHA1"},
        {"http://www.w3.org/2001/04/xmldsig-more#sha224", "SHA224"},
        {SC_NS_XENC "sha256", "SHA256"},
        {"http://www.w3.org/2001/04/xmldsig-more#sha384", "SHA384"},
        {SC_NS_XENC "sha512", "SHA512"},
    };
    for (size_t i = 0; uri && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(uri, t[i].uri) == 0)
            return EVP_get_digestbyname(t[i].md);
    return NULL;
}

static const EVP_MD *mgf_of(const char *uri)
{
    static const struct {
        const char *uri;
        const char *md;
    } t[] = {
        {SC_NS_XENC11 "mgf1sha1", "SHA1"},     {SC_NS_XENC11 "mgf1sha224", "SHA224"},
        {SC_NS_XENC11 "mgf1sha256", "SHA256"}, {SC_NS_XENC11 "mgf1sha384", "SHA384"},
        {SC_NS_XENC11 "mgf1sha512", "SHA512"},
    };
    for (size_t i = 0; uri && i < sizeof t / sizeof t[0]; i++)
        if (strcmp(uri, t[i].uri) == 0)
            return EVP_get_digestbyname(t[i].md);
    return NULL;
}

/* Base64 text of a child element (ns, local) of @p parent, decoded. 0 when
 * present and valid, 1 when absent, 2 when invalid, or ENOMEM. */
static int child_b64(unsigned char **out, size_t *len, const xmlNode *parent, const char *ns,
                     const char *local, size_t max)
{
    xmlNode *c = sc_xml_child(parent, ns, local);
    char *text = NULL;
    int amb = 0, rc;
    *out = NULL;
    *len = 0;
    if (!c)
        return 1;
    if ((rc = sc_xml_text(&text, c, &amb, NULL)))
        return rc;
    if (amb || strlen(text) > max * 2) {
        free(text);
        return 2;
    }
    rc = sc_crypto_b64_decode(out, len, text, strlen(text));
    free(text);
    return rc == SAMLCHECK_ENOMEM ? rc : (rc ? 2 : 0);
}

/* Read what an EncryptedKey says: transport algorithm and parameters, the
 * wrapped key, and the certificate / key name it was encrypted to. */
static int read_enc_key(enc_key *k, xmlNode *node, int sibling)
{
    int rc = 0;
    memset(k, 0, sizeof *k);
    k->node = node;
    k->sibling = sibling;
    k->method = sc_xml_child(node, SC_NS_XENC, "EncryptionMethod");
    k->alg = k->method ? sc_xml_attr(k->method, "Algorithm") : NULL;
    k->kind = KT_UNSUPPORTED;
    k->why = "unsupported key transport algorithm";
    if (!k->alg) {
        k->why = "the EncryptedKey has no EncryptionMethod Algorithm";
    } else if (strcmp(k->alg, SC_NS_XENC "rsa-1_5") == 0) {
        k->kind = KT_RSA15;
    } else if (strcmp(k->alg, SC_NS_XENC "rsa-oaep-mgf1p") == 0 ||
               strcmp(k->alg, SC_NS_XENC11 "rsa-oaep") == 0) {
        int v11 = strcmp(k->alg, SC_NS_XENC11 "rsa-oaep") == 0;
        xmlNode *dm = sc_xml_child(k->method, SC_NS_DS, "DigestMethod");
        char *dalg = dm ? sc_xml_attr(dm, "Algorithm") : NULL;
        k->md = dm ? digest_of(dalg) : EVP_sha1();
        free(dalg);
        k->mgf1 = EVP_sha1();
        if (v11) {
            xmlNode *mgf = sc_xml_child(k->method, SC_NS_XENC11, "MGF");
            char *malg = mgf ? sc_xml_attr(mgf, "Algorithm") : NULL;
            if (mgf)
                k->mgf1 = mgf_of(malg);
            free(malg);
        }
        rc = child_b64(&k->label, &k->label_len, k->method, SC_NS_XENC, "OAEPparams", 4096);
        if (rc == SAMLCHECK_ENOMEM)
            return rc;
        if (!k->md)
            k->why = "unsupported OAEP DigestMethod";
        else if (!k->mgf1)
            k->why = "unsupported OAEP MGF algorithm";
        else if (rc == 2)
            k->why = "OAEPparams is not valid base64";
        else
            k->kind = v11 ? KT_OAEP11 : KT_OAEP_MGF1P;
    }
    xmlNode *cd = sc_xml_child(node, SC_NS_XENC, "CipherData");
    if (cd) {
        rc = child_b64(&k->ct, &k->ct_len, cd, SC_NS_XENC, "CipherValue", MAX_KEY_CT);
        if (rc == SAMLCHECK_ENOMEM)
            return rc;
    }
    xmlNode *ki = sc_xml_child(node, SC_NS_DS, "KeyInfo");
    rc = 0;
    if (ki) {
        xmlNode *kn = sc_xml_child(ki, SC_NS_DS, "KeyName");
        int amb = 0;
        if (kn && (rc = sc_xml_text(&k->key_name, kn, &amb, NULL)))
            return rc;
        xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data");
        xmlNode *xc = xd ? sc_xml_child(xd, SC_NS_DS, "X509Certificate") : NULL;
        char *text = NULL;
        if (xc && (rc = sc_xml_text(&text, xc, &amb, NULL)) == 0 && !amb) {
            unsigned char *der = NULL;
            size_t der_len = 0;
            const char *why = NULL;
            sc_cert_decode_b64_x509(&der, &der_len, &k->cert, text, &why);
            free(der);
        }
        free(text);
        if (rc)
            return rc;
    }
    ERR_clear_error();
    return 0;
}

/* Unwrap the session key with one private key. 0 on success (*out owned),
 * 1 when it does not unwrap (OpenSSL's reason in @p cause when given and
 * known), ENOMEM. */
static int unwrap(unsigned char **out, size_t *out_len, const enc_key *k, EVP_PKEY *pk, char *cause,
                  size_t cause_size)
{
    EVP_PKEY_CTX *pc = NULL;
    unsigned char *buf = NULL;
    size_t len = 0;
    int rc = 1;

    *out = NULL;
    *out_len = 0;
    if (!k->ct || k->kind == KT_UNSUPPORTED || EVP_PKEY_get_base_id(pk) != EVP_PKEY_RSA)
        return 1;
    sc_liberr_begin();
    pc = EVP_PKEY_CTX_new(pk, NULL);
    if (!pc)
        return SAMLCHECK_ENOMEM;
    if (EVP_PKEY_decrypt_init(pc) <= 0)
        goto out;
    if (k->kind == KT_RSA15) {
        if (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PADDING) <= 0)
            goto out;
        /* OpenSSL >= 3.2 would return a random key instead of failing; an
         * offline checker wants the failure (absent in 3.0: ignored). */
        EVP_PKEY_CTX_ctrl_str(pc, "rsa_pkcs1_implicit_rejection", "0");
    } else {
        if (EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_OAEP_PADDING) <= 0 ||
            EVP_PKEY_CTX_set_rsa_oaep_md(pc, k->md) <= 0 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(pc, k->mgf1) <= 0)
            goto out;
        if (k->label_len) {
            unsigned char *l = OPENSSL_memdup(k->label, k->label_len);
            if (!l) {
                rc = SAMLCHECK_ENOMEM;
                goto out;
            }
            if (EVP_PKEY_CTX_set0_rsa_oaep_label(pc, l, (int)k->label_len) <= 0) {
                OPENSSL_free(l);
                goto out;
            }
        }
    }
    if (EVP_PKEY_decrypt(pc, NULL, &len, k->ct, k->ct_len) <= 0 || len == 0 || len > MAX_KEY_CT)
        goto out;
    buf = OPENSSL_malloc(len);
    if (!buf) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (EVP_PKEY_decrypt(pc, buf, &len, k->ct, k->ct_len) <= 0 || len == 0)
        goto out;
    *out = buf;
    *out_len = len;
    buf = NULL;
    rc = 0;
out:
    if (buf)
        OPENSSL_clear_free(buf, len);
    EVP_PKEY_CTX_free(pc);
    if (rc == 1 && cause)
        sc_liberr_cause(cause, cause_size, 0);
    ERR_clear_error();
    return rc;
}

/* Decrypt the EncryptedData with a preset AES key through xmlsec. 0 and the
 * plaintext (*out malloc'd), 1 when the ciphertext or tag is invalid (the
 * library's reason in @p cause, "" when none), or a negative code. */
static int decrypt_data(unsigned char **out, size_t *out_len, xmlNode *ed, const unsigned char *key,
                        size_t key_len, char *cause, size_t cause_size)
{
    xmlSecEncCtxPtr ctx = NULL;
    xmlSecKeyPtr k = NULL;
    int rc = 1;

    *out = NULL;
    *out_len = 0;
    k = xmlSecKeyReadMemory(xmlSecKeyDataAesId, key, (xmlSecSize)key_len);
    if (!k) {
        rc = SAMLCHECK_ECRYPTO;
        goto out;
    }
    ctx = xmlSecEncCtxCreate(NULL);
    if (!ctx) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    ctx->encKey = k;
    k = NULL;
    sc_liberr_begin();
    if (xmlSecEncCtxDecryptToBuffer(ctx, ed) == NULL || !ctx->result) {
        sc_liberr_cause(cause, cause_size, 1);
        goto out;
    }
    xmlSecByte *p = xmlSecBufferGetData(ctx->result);
    xmlSecSize n = xmlSecBufferGetSize(ctx->result);
    *out = malloc((size_t)n + 1);
    if (!*out) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if (n)
        memcpy(*out, p, (size_t)n);
    (*out)[n] = 0;
    *out_len = (size_t)n;
    rc = 0;
out:
    if (ctx)
        xmlSecEncCtxDestroy(ctx);
    if (k)
        xmlSecKeyDestroy(k);
    ERR_clear_error();
    return rc;
}

static sc_rule_id rule_by_id(const char *id)
{
    for (int i = 0; i < SC_RULE__COUNT; i++)
        if (strcmp(sc_rule((sc_rule_id)i)->id, id) == 0)
            return (sc_rule_id)i;
    return SC_RULE__COUNT;
}

/* Parse the plaintext with the one parse call; it must be exactly one
 * saml:Assertion. Returns 0 with *doc_out set, 1 with *why (malloc'd) when
 * it is not, or a negative code. Findings of the parse that do not stop it
 * (for example xml/id-syntax-like byte notes) are copied into @p r. */
/* XML Encryption decrypts an Element "in context": the plaintext may use
 * prefixes declared on the EncryptedAssertion's ancestors. Wrap it in an
 * element declaring every namespace in scope at @p context (on the same
 * line, so line numbers hold), parse that with the one parse call, and lift
 * the single child element out as the new root with its namespaces
 * re-declared. Returns 0 with *doc_out (or NULL when this does not help) or
 * ENOMEM. */
static int parse_in_context(xmlDocPtr *doc_out, const unsigned char *pt, size_t len,
                            const xmlNode *context, const samlcheck_options *opts)
{
    sc_buf w = SC_BUF_INIT;
    samlcheck_report *scratch = NULL;
    xmlDocPtr doc = NULL;
    xmlNsPtr *nss = NULL;
    int rc = 0;

    *doc_out = NULL;
    if (len >= 5 && memcmp(pt, "<?xml", 5) == 0)
        return 0; /* a declaration cannot be wrapped */
    w.max = len + 65536;
    nss = xmlGetNsList(context->doc, context);
    rc = sc_buf_puts(&w, "<sc-context");
    for (size_t i = 0; !rc && nss && nss[i] && i < 256; i++) {
        const char *href = (const char *)nss[i]->href;
        rc = nss[i]->prefix ? sc_buf_printf(&w, " xmlns:%s=\"", (const char *)nss[i]->prefix)
                            : sc_buf_puts(&w, " xmlns=\"");
        for (const char *c = href ? href : ""; !rc && *c; c++)
            rc = *c == '"'   ? sc_buf_puts(&w, "&quot;")
                 : *c == '&' ? sc_buf_puts(&w, "&amp;")
                 : *c == '<' ? sc_buf_puts(&w, "&lt;")
                             : sc_buf_putc(&w, *c);
        if (!rc)
            rc = sc_buf_putc(&w, '"');
    }
    if (!rc)
        rc = sc_buf_putc(&w, '>');
    if (!rc)
        rc = sc_buf_append(&w, pt, len);
    if (!rc)
        rc = sc_buf_puts(&w, "</sc-context>");
    if (rc) {
        rc = rc == SAMLCHECK_ENOMEM ? rc : 0;
        goto out;
    }
    if ((rc = samlcheck_report_new(&scratch, "decrypted assertion", "response")))
        goto out;
    if ((rc = sc_xml_parse(&doc, (const unsigned char *)w.data, w.len, "response",
                           opts ? &opts->limits : NULL, NULL, scratch)) ||
        !doc)
        goto out;
    xmlNode *wrap = xmlDocGetRootElement(doc), *only = NULL;
    for (xmlNode *c = wrap ? wrap->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (only)
                goto out; /* several elements: not a single Assertion */
            only = c;
        } else if (c->type != XML_TEXT_NODE || !xmlIsBlankNode(c)) {
            goto out;
        }
    }
    if (!only)
        goto out;
    xmlUnlinkNode(only);
    if (xmlReconciliateNs(doc, only) < 0) {
        xmlFreeNode(only);
        goto out;
    }
    xmlFreeNode(xmlDocSetRootElement(doc, only));
    *doc_out = doc;
    doc = NULL;
out:
    xmlFreeDoc(doc);
    xmlFree(nss);
    sc_buf_free(&w);
    samlcheck_report_free(scratch);
    return rc;
}

static int parse_plaintext(xmlDocPtr *doc_out, char **why, const unsigned char *pt, size_t len,
                           const xmlNode *context, const samlcheck_options *opts,
                           samlcheck_report *r)
{
    samlcheck_report *scratch = NULL;
    xmlDocPtr doc = NULL;
    sc_xml_err_class cls = SC_XML_ERR_OTHER;
    int rc;

    *doc_out = NULL;
    *why = NULL;
    if ((rc = samlcheck_report_new(&scratch, "decrypted assertion", "response")))
        return rc;
    if ((rc = sc_xml_parse_ex(&doc, pt, len, "response", opts ? &opts->limits : NULL, NULL, scratch,
                              &cls)))
        goto out;
    /* only a namespace error (a prefix the plaintext borrows from the
     * envelope) is retried in the EncryptedData's namespace context */
    if (!doc && cls == SC_XML_ERR_NAMESPACE && samlcheck_report_count(scratch) == 1 &&
        strcmp(samlcheck_report_at(scratch, 0)->rule, "xml/malformed") == 0) {
        if ((rc = parse_in_context(&doc, pt, len, context, opts)))
            goto out;
        if (doc) {
            samlcheck_report_free(scratch);
            if ((rc = samlcheck_report_new(&scratch, "decrypted assertion", "response")))
                goto out;
        }
    }
    if (!doc) {
        const samlcheck_finding *f = samlcheck_report_at(
            scratch, samlcheck_report_count(scratch) ? samlcheck_report_count(scratch) - 1 : 0);
        *why = sc_asprintf("the decrypted plaintext is not a single well-formed saml:Assertion "
                           "(%s: %s)",
                           f ? f->rule : "xml/malformed", f ? f->message : "not well-formed");
        rc = *why ? 1 : SAMLCHECK_ENOMEM;
        goto out;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !sc_xml_is(root, SC_NS_SAML, "Assertion")) {
        char *name = sc_str_escape(root ? (const char *)root->name : "(none)", 80);
        *why = sc_asprintf("the decrypted plaintext is a <%s> element%s%s, not a saml:Assertion",
                           name ? name : "?", root && root->ns ? " in namespace " : "",
                           root && root->ns ? (const char *)root->ns->href : "");
        free(name);
        rc = *why ? 1 : SAMLCHECK_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < samlcheck_report_count(scratch); i++) {
        const samlcheck_finding *f = samlcheck_report_at(scratch, i);
        sc_rule_id id = rule_by_id(f->rule);
        if (id == SC_RULE__COUNT)
            continue;
        if ((rc = sc_report_addx(r, id, f->severity, f->aws_error, f->hint,
                                 (sc_pos){f->line, f->column, f->location},
                                 "in the decrypted assertion: %s", f->message)))
            goto out;
    }
    *doc_out = doc;
    doc = NULL;
    rc = 0;
out:
    xmlFreeDoc(doc);
    samlcheck_report_free(scratch);
    return rc;
}

/* The rule areas that cannot run without the plaintext assertion. */
static const char skipped_rules[] =
    "response/issuer-inconsistent, response/nameid-*, response/subject-confirmation, "
    "response/recipient, response/audience, response/expired, response/not-yet-valid, "
    "response/issue-instant-stale (assertion), response/role-*, response/provider-*, "
    "response/session-*, response/source-identity-invalid, response/duration-exceeds-max, "
    "response/principal-tags, response/transitive-tag-keys, response/attribute-*, "
    "the assertion's signature (response/signature-*, sec/decrypted-unsigned) and policy/*";

static int json_set_str(json_t *o, const char *k, const char *v)
{
    if (!o)
        return 0;
    return json_object_set_new(o, k, v ? json_string(v) : json_null()) ? SAMLCHECK_ENOMEM : 0;
}

/* Summary: the key transport of @p k (NULL: none found). */
static int describe_transport(json_t *js, const enc_key *k)
{
    if (!js)
        return 0;
    int oaep = k && (k->kind == KT_OAEP_MGF1P || k->kind == KT_OAEP11);
    if (json_set_str(js, "key_transport", k ? k->alg : NULL) ||
        json_set_str(js, "key_transport_digest", oaep ? EVP_MD_get0_name(k->md) : NULL) ||
        json_set_str(js, "key_transport_mgf1", oaep ? EVP_MD_get0_name(k->mgf1) : NULL) ||
        json_set_str(js, "encrypted_key", k ? (k->sibling ? "sibling" : "inline") : NULL))
        return SAMLCHECK_ENOMEM;
    return 0;
}

/* Inspect the certificate an EncryptedKey names, into @p ci (cleared by
 * the caller either way). Returns 0, or -1 when it cannot be read. */
static int inspect_named_cert(sc_cert_info *ci, X509 *cert)
{
    const char *why = NULL;
    unsigned char *der = NULL;
    int der_len = i2d_X509(cert, &der);
    int bad = der_len <= 0 || sc_cert_inspect(ci, der, (size_t)der_len, &why) != 0;
    OPENSSL_free(der);
    return bad ? -1 : 0;
}

/* The supplied key whose public key is the one of the certificate
 * @p named names (*owner, NULL when none), and OpenSSL's reason why the
 * session key does not unwrap with it (@p lib). Returns 0 or a negative
 * error code. */
static int find_owner(const enc_key *named, const samlcheck_keyset *ks, const char **owner,
                      char *lib, size_t lib_size)
{
    EVP_PKEY *pub = X509_get0_pubkey(named->cert);
    for (size_t j = 0; pub && j < ks->n && !*owner; j++)
        if (EVP_PKEY_eq(pub, ks->keys[j]) == 1) {
            *owner = ks->names[j];
            /* again, for OpenSSL's reason (the first try kept none) */
            unsigned char *sk = NULL;
            size_t sk_len = 0;
            int rc = unwrap(&sk, &sk_len, named, ks->keys[j], lib, lib_size);
            if (rc == 0)
                OPENSSL_clear_free(sk, sk_len);
            if (rc < 0)
                return rc;
        }
    ERR_clear_error();
    return 0;
}

/* The IdP names the certificate it encrypted to: decrypt-failed when a
 * supplied key is its key (@p owner), key/mismatch (a) otherwise. */
static int report_named_cert(samlcheck_report *r, const enc_key *named, const sc_cert_info *ci,
                             const char *owner, const char *lib, const char *names)
{
    int rc;
    char *subj = sc_str_escape(ci->subject ? ci->subject : "", 300);
    if (owner)
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, named->node,
                           "the EncryptedKey names certificate \"%s\" (SHA-1 %s), which "
                           "belongs to key %s, but the session key does not unwrap with "
                           "it%s%s%s: the EncryptedKey is corrupt or its parameters are "
                           "wrong",
                           subj ? subj : "", ci->sha1, owner, lib[0] ? " (" : "", lib,
                           lib[0] ? ")" : "");
    else
        rc = sc_xml_report(r, SC_RULE_KEY_MISMATCH, named->node,
                           "the IdP encrypted the session key to certificate \"%s\" "
                           "(SHA-1 %s), whose public key matches none of the supplied "
                           "keys (%s); expected the certificate of one of them",
                           subj ? subj : "", ci->sha1, names);
    if (!rc && !owner)
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, named->node,
                           "the EncryptedKey cannot be unwrapped with any supplied key "
                           "(%s): see key/mismatch",
                           names);
    free(subj);
    return rc;
}

/* No readable certificate named: key/mismatch (a) with the KeyName the IdP
 * gives, if any, then decrypt-failed. */
static int report_unnamed(samlcheck_report *r, const enc_key *eks, size_t n, const char *names)
{
    const char *kn = NULL;
    for (size_t i = 0; i < n && !kn; i++)
        kn = eks[i].key_name;
    char *kne = kn ? sc_str_escape(kn, 200) : NULL;
    int rc =
        sc_xml_report(r, SC_RULE_KEY_MISMATCH, eks[0].node,
                      "no supplied key (%s) unwraps the EncryptedKey%s%s%s; expected the "
                      "private key of the certificate the IdP encrypts to",
                      names, kne ? " (the IdP names key \"" : "", kne ? kne : "", kne ? "\")" : "");
    free(kne);
    if (!rc)
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, eks[0].node,
                           "the EncryptedKey cannot be unwrapped with any supplied key (%s): "
                           "see key/mismatch",
                           names);
    return rc;
}

/* key/mismatch (a) or, when the certificate the IdP names matches a key
 * that still failed to unwrap, decrypt-failed with that cause. */
static int report_no_unwrap(const enc_key *eks, size_t n, const samlcheck_keyset *ks,
                            samlcheck_report *r)
{
    sc_buf names = SC_BUF_INIT;
    sc_cert_info ci;
    const enc_key *named = NULL;
    int rc = 0;

    memset(&ci, 0, sizeof ci);
    names.max = 4096;
    for (size_t i = 0; i < ks->n; i++)
        sc_buf_printf(&names, "%s%s", i ? ", " : "", ks->names[i]);
    const char *list = names.data ? names.data : "";
    for (size_t i = 0; i < n && !named; i++)
        if (eks[i].cert)
            named = &eks[i];
    if (named && inspect_named_cert(&ci, named->cert) == 0) {
        const char *owner = NULL;
        char lib[200] = "";
        rc = find_owner(named, ks, &owner, lib, sizeof lib);
        if (rc >= 0)
            rc = report_named_cert(r, named, &ci, owner, lib, list);
    } else {
        rc = report_unnamed(r, eks, n, list);
    }
    sc_cert_info_clear(&ci);
    sc_buf_free(&names);
    return rc;
}

xmlNode *sc_decrypt_retrieval_target(const xmlNode *rm)
{
    xmlNode *enc = NULL, *found = NULL;
    size_t matches = 0;
    if (!sc_xml_is(rm, SC_NS_DS, "RetrievalMethod"))
        return NULL;
    for (xmlNode *p = rm->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (sc_xml_is(p, SC_NS_SAML, "EncryptedAssertion")) {
            enc = p;
            break;
        }
    char *uri = sc_xml_attr(rm, "URI"), *type = sc_xml_attr(rm, "Type");
    int ok = enc && uri && uri[0] == '#' && uri[1] && sc_xml_is_ncname(uri + 1) && type &&
             strcmp(type, SC_NS_XENC "EncryptedKey") == 0;
    /* every element of this EncryptedAssertion with an ID-like attribute of
     * that value (iterative walk, bounded by the parser's element limit) */
    for (xmlNode *n = ok ? enc : NULL; n; n = sc_xml_walk_next(n, enc, 1)) {
        if (n->type == XML_ELEMENT_NODE) {
            for (const xmlAttr *a = n->properties; a; a = a->next)
                if (sc_xml_is_id_attr(a) && a->children && a->children->content &&
                    strcmp((const char *)a->children->content, uri + 1) == 0) {
                    found = n;
                    matches++;
                    break;
                }
        }
    }
    free(uri);
    free(type);
    if (matches != 1 || !sc_xml_is(found, SC_NS_XENC, "EncryptedKey") || found->parent != enc)
        return NULL;
    return found;
}

/* Collect the EncryptedKeys of this EncryptedAssertion: inline in
 * EncryptedData/KeyInfo first, then siblings (the one a RetrievalMethod
 * names first). Nothing outside @p enc is ever looked at. */
static int collect_keys(enc_key *eks, size_t *n, xmlNode *enc, xmlNode *ed)
{
    xmlNode *ki = sc_xml_child(ed, SC_NS_DS, "KeyInfo");
    char *want = NULL;
    int rc = 0;

    *n = 0;
    for (xmlNode *c = ki ? sc_xml_first_elem(ki) : NULL; c && *n < MAX_ENCRYPTED_KEYS;
         c = sc_xml_next_elem(c)) {
        if (sc_xml_is(c, SC_NS_XENC, "EncryptedKey")) {
            if ((rc = read_enc_key(&eks[*n], c, 0))) {
                enc_key_clear(&eks[*n]);
                goto out;
            }
            (*n)++;
        } else if (sc_xml_is(c, SC_NS_DS, "RetrievalMethod") && !want &&
                   sc_decrypt_retrieval_target(c)) {
            /* only the sec/no-external-fetch layout is followed */
            char *uri = sc_xml_attr(c, "URI");
            if (uri && uri[0] == '#' && !(want = sc_strdup(uri + 1))) {
                free(uri);
                return SAMLCHECK_ENOMEM;
            }
            free(uri);
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (xmlNode *c = sc_xml_first_elem(enc); c && *n < MAX_ENCRYPTED_KEYS;
             c = sc_xml_next_elem(c)) {
            if (!sc_xml_is(c, SC_NS_XENC, "EncryptedKey"))
                continue;
            char *id = sc_xml_attr(c, "Id");
            int named = want && id && strcmp(id, want) == 0;
            free(id);
            if ((pass == 0) != named)
                continue;
            if ((rc = read_enc_key(&eks[*n], c, 1))) {
                enc_key_clear(&eks[*n]);
                goto out;
            }
            (*n)++;
        }
    }
out:
    free(want);
    return rc;
}

/* summary.encryption, "decrypted": false until it is; *js stays NULL
 * without a summary. */
static int start_summary(json_t *summary, json_t **js)
{
    *js = NULL;
    if (!summary)
        return 0;
    *js = json_object();
    if (!*js || json_object_set_new(summary, "encryption", *js))
        return SAMLCHECK_ENOMEM;
    return json_object_set_new(*js, "decrypted", json_false()) ? SAMLCHECK_ENOMEM : 0;
}

/* sec/encryption-algorithm-weak: judged on the EncryptionMethods alone
 * (content encryption @p da at @p em, then the first RSA PKCS#1 v1.5 key
 * transport). */
static int report_weak_algorithms(samlcheck_report *r, const data_alg *da, xmlNode *em,
                                  const enc_key *eks, size_t n_eks)
{
    int rc = 0;
    if (da && !da->aes)
        rc = sc_xml_report(r, SC_RULE_SEC_ENCRYPTION_ALGORITHM_WEAK, em,
                           "content encryption is %s (%s); expected AES-GCM "
                           "(http://www.w3.org/2009/xmlenc11#aes256-gcm)",
                           da->name, da->uri);
    else if (da && da->cbc)
        rc = sc_xml_reportx(r, SC_RULE_SEC_ENCRYPTION_ALGORITHM_WEAK, SAMLCHECK_SEV_INFO, NULL,
                            NULL, em,
                            "content encryption is %s (%s): accepted by AWS, but CBC in XML "
                            "Encryption is exposed to padding-oracle attacks; AES-GCM "
                            "(http://www.w3.org/2009/xmlenc11#aes256-gcm) is recommended",
                            da->name, da->uri);
    if (rc)
        return rc;
    for (size_t i = 0; i < n_eks; i++)
        if (eks[i].kind == KT_RSA15)
            return sc_xml_report(r, SC_RULE_SEC_ENCRYPTION_ALGORITHM_WEAK, eks[i].method,
                                 "key transport is RSA PKCS#1 v1.5 (%s); expected RSA-OAEP "
                                 "(http://www.w3.org/2009/xmlenc11#rsa-oaep or "
                                 "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p)",
                                 eks[i].alg);
    return 0;
}

/* What stops decryption before any key is tried: no key (encrypted-no-key),
 * or an EncryptedAssertion that cannot be decrypted as sent
 * (decrypt-failed). 1 when one was reported, 0 when keys can be tried, or
 * a negative code. */
static int report_not_decryptable(xmlNode *enc, xmlNode *ed, xmlNode *em, const char *data_uri,
                                  const data_alg *da, size_t n_eks, const samlcheck_options *opts,
                                  samlcheck_report *r)
{
    const samlcheck_keyset *ks = opts ? opts->keys : NULL;
    int rc;
    if ((!ks || ks->n == 0) && opts && opts->provider_no_private_keys) {
        /* the config shows the IAM provider holds no private key: AWS
         * cannot decrypt the assertion either (the error sub-case) */
        rc = sc_xml_reportx(r, SC_RULE_RESPONSE_ENCRYPTED_NO_KEY, SAMLCHECK_SEV_ERROR,
                            SC_AWS_DEFAULT, NULL, enc,
                            "the response carries an EncryptedAssertion and the IAM provider "
                            "holds no private key (PrivateKeyList is empty): AWS cannot decrypt "
                            "it; the assertion's content was not checked; skipped: %s",
                            skipped_rules);
    } else if (!ks || ks->n == 0) {
        rc = sc_xml_report(r, SC_RULE_RESPONSE_ENCRYPTED_NO_KEY, enc,
                           "the response carries an EncryptedAssertion and no decryption key "
                           "was given (--key): the assertion's content was not checked; "
                           "skipped: %s",
                           skipped_rules);
    } else if (!ed) {
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, enc,
                           "the EncryptedAssertion has no xenc:EncryptedData child");
    } else if (!da || !da->aes) {
        char *u = sc_str_escape(data_uri ? data_uri : "(none)", 200);
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, em ? em : ed,
                           "the data encryption algorithm is %s; AWS decrypts only AES-GCM "
                           "(xmlenc11#aes128-gcm, #aes192-gcm, #aes256-gcm) or AES-CBC "
                           "(xmlenc#aes128-cbc, #aes192-cbc, #aes256-cbc)",
                           u ? u : "?");
        free(u);
    } else {
        xmlNode *cd = sc_xml_child(ed, SC_NS_XENC, "CipherData");
        if (!cd || !sc_xml_child(cd, SC_NS_XENC, "CipherValue") ||
            sc_xml_child(cd, SC_NS_XENC, "CipherReference"))
            rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, ed,
                               "the EncryptedData has no inline xenc:CipherData/CipherValue "
                               "(a CipherReference is never fetched)");
        else if (n_eks == 0)
            rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, ed,
                               "no xenc:EncryptedKey found in the EncryptedData's KeyInfo or "
                               "beside it in the EncryptedAssertion; nothing outside it is "
                               "fetched");
        else
            return 0;
    }
    return rc ? rc : 1;
}

/* One EncryptedKey @p ek with one private key @p pk: unwrap the session
 * key, decrypt the EncryptedData @p ed, parse the plaintext. 0 with *doc
 * set; 1 when the key does not unwrap it; 2 when it unwraps but decryption
 * or parsing fails (*cause replaced, with the library's reason when there
 * is one); or a negative code. */
static int try_key(xmlDocPtr *doc, char **cause, const enc_key *ek, EVP_PKEY *pk,
                   const char *key_name, const data_alg *da, xmlNode *ed, xmlNode *enc,
                   const samlcheck_options *opts, samlcheck_report *r)
{
    unsigned char *sk = NULL, *pt = NULL;
    size_t sk_len = 0, pt_len = 0;
    char *why = NULL;
    char lib[200]; /* a library's reason for a failed decryption */
    int rc = unwrap(&sk, &sk_len, ek, pk, NULL, 0);
    if (rc)
        return rc; /* 1: not this key, or a negative code */
    if (sk_len != da->key_len) {
        why = sc_asprintf("the session key unwrapped with %s has %zu bytes; %s needs "
                          "%zu",
                          key_name, sk_len, da->name, da->key_len);
        rc = 2;
    } else if ((rc = decrypt_data(&pt, &pt_len, ed, sk, sk_len, lib, sizeof lib)) < 0) {
        goto out;
    } else if (rc == 1) {
        why = sc_asprintf("the ciphertext or its authentication tag is invalid "
                          "(decryption with the unwrapped session key failed%s%s)",
                          lib[0] ? ": " : "", lib);
        rc = why ? 2 : SAMLCHECK_ENOMEM;
    } else if ((rc = parse_plaintext(doc, &why, pt, pt_len, enc, opts, r)) == 1) {
        rc = 2;
    }
    if (rc == 2) {
        free(*cause);
        *cause = why;
    }
out:
    OPENSSL_clear_free(sk, sk_len);
    free(pt);
    return rc;
}

int sc_decrypt_assertion(xmlDocPtr *doc_out, xmlNode **assertion_out, xmlNode *enc,
                         const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    enc_key eks[MAX_ENCRYPTED_KEYS];
    size_t n_eks = 0;
    json_t *js = NULL;
    char *data_uri = NULL, *cause = NULL;
    const samlcheck_keyset *ks = opts ? opts->keys : NULL;
    int rc = 0;

    *doc_out = NULL;
    *assertion_out = NULL;
    memset(eks, 0, sizeof eks);
    if ((rc = start_summary(summary, &js)))
        return rc;

    xmlNode *ed = sc_xml_child(enc, SC_NS_XENC, "EncryptedData");
    xmlNode *em = ed ? sc_xml_child(ed, SC_NS_XENC, "EncryptionMethod") : NULL;
    data_uri = em ? sc_xml_attr(em, "Algorithm") : NULL;
    const data_alg *da = find_data_alg(data_uri);
    if ((rc = json_set_str(js, "data_algorithm", data_uri)))
        goto out;
    if (ed && (rc = collect_keys(eks, &n_eks, enc, ed)))
        goto out;
    if ((rc = describe_transport(js, n_eks ? &eks[0] : NULL)))
        goto out;
    if ((rc = report_weak_algorithms(r, da, em, eks, n_eks)))
        goto out;
    if ((rc = report_not_decryptable(enc, ed, em, data_uri, da, n_eks, opts, r))) {
        if (rc == 1)
            rc = 0;
        goto out;
    }

    int supported = 0, unwrapped = 0;
    for (size_t i = 0; i < n_eks; i++) {
        if (eks[i].kind == KT_UNSUPPORTED || !eks[i].ct)
            continue;
        supported = 1;
        for (size_t j = 0; j < ks->n; j++) {
            xmlDocPtr doc = NULL;
            rc = try_key(&doc, &cause, &eks[i], ks->keys[j], ks->names[j], da, ed, enc, opts, r);
            if (rc < 0)
                goto out;
            unwrapped |= rc != 1;
            if (rc == 0) { /* decrypted */
                *doc_out = doc;
                *assertion_out = xmlDocGetRootElement(doc);
                if (js &&
                    (json_object_set_new(js, "decrypted", json_true()) ||
                     json_set_str(js, "key_file", ks->names[j]) || describe_transport(js, &eks[i])))
                    rc = SAMLCHECK_ENOMEM;
                goto out;
            }
        }
    }
    if (!supported) {
        char *u = sc_str_escape(eks[0].alg ? eks[0].alg : "(none)", 200);
        rc = sc_xml_report(
            r, SC_RULE_RESPONSE_DECRYPT_FAILED, eks[0].method ? eks[0].method : eks[0].node,
            "the EncryptedKey cannot be used: %s (%s); expected RSA-OAEP "
            "(xmlenc#rsa-oaep-mgf1p or xmlenc11#rsa-oaep) with a base64 "
            "CipherValue",
            eks[0].ct ? eks[0].why : "no valid base64 CipherData/CipherValue", u ? u : "?");
        free(u);
    } else if (!unwrapped) {
        rc = report_no_unwrap(eks, n_eks, ks, r);
    } else {
        rc = sc_xml_report(r, SC_RULE_RESPONSE_DECRYPT_FAILED, ed, "%s",
                           cause ? cause : "decryption failed");
    }
out:
    free(cause);
    free(data_uri);
    for (size_t i = 0; i < n_eks; i++)
        enc_key_clear(&eks[i]);
    ERR_clear_error();
    return rc;
}
