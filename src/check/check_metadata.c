/* samlcheck metadata: every xml and metadata rule of RULES.md (sections
 * 5 and 6) plus sec/no-external-fetch, for IdP metadata as it would be
 * uploaded with CreateSAMLProvider / UpdateSAMLProvider, and the loader of
 * --metadata (the trust anchor of the response checks).
 *
 * Order: byte checks and parse (xml/bom, xml/not-utf8, xml/malformed,
 * xml/dtd, sec/limits), metadata/size, IDs, external fetches, the root, the
 * selected entities, their IDPSSODescriptors and certificates, and finally
 * the enveloped metadata signature (verify.c). One root cause gives one
 * finding: an unparsable certificate gets no key or date findings, an entity
 * without IDPSSODescriptor no protocol or certificate findings. */
#include "samlcheck/check.h"
#include "aws_endpoint.h"
#include "../xml/xml.h"
#include "../xml/metadata.h"
#include "../crypto/crypto.h"
#include "../base/base.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

#define MD_MIN_CHARS 1000u     /* SAMLMetadataDocumentType min */
#define MD_MAX_CHARS 10000000u /* SAMLMetadataDocumentType max */
#define MD_MAX_IDP_ENTITIES 10 /* DOC-QUOTAS: IdPs per SAML provider */
#define MD_MAX_KEYS 10         /* DOC-QUOTAS: keys per SAML provider */
/* sec/limits: X.509 certificates parsed per document (fixed). OpenSSL 3
 * takes ~0.12 ms per certificate, so 9,000 distinct ones in 10 MB took over
 * a second; IAM keeps 10 signing keys of at most 10 IdPs, and a document AWS
 * accepts has a few dozen at most. */
#define MD_MAX_CERTS 1000
#define ENTITY_ID_MAX 1024 /* SAML-META 2.3.2 */
#define SAML2_PROTOCOL "urn:oasis:names:tc:SAML:2.0:protocol"
#define SHOW 200 /* characters of an untrusted value shown */

typedef struct cert_slot {
    size_t der1; /* index + 1 of the first certificate with this DER; 0 = empty */
    size_t idx1; /* index + 1 of the first one that parsed; 0 = none yet */
    int signing; /* one of those that parsed is a signing certificate */
    json_t *row; /* borrowed: the first parsed one's summary row */
} cert_slot;

typedef struct cert_seen_set {
    cert_slot *slot;
    size_t mask;
    unsigned char salt[16];
    size_t *at; /* the slot of each certificate with DER (decode_ders) */
} cert_seen_set;

typedef struct ctx {
    samlcheck_report *r;
    const samlcheck_options *opts;
    samlcheck_metadata *md;
    json_t *sum;        /* borrowed from the report */
    cert_seen_set seen; /* the certificates by DER (decode_ders) */
} ctx;

/* ---------- small helpers ---------- */

/* Length in characters "after UTF-8 decoding, as sent": a byte that is not
 * valid UTF-8 counts as one character (xml/not-utf8 reports it); UTF-16/32
 * input is counted in code units. */
static size_t count_chars(const unsigned char *d, size_t len)
{
    if (len >= 4 && (!memcmp(d, "\x00\x00\xFE\xFF", 4) || !memcmp(d, "\xFF\xFE\x00\x00", 4)))
        return len / 4;
    if (len >= 2 && (!memcmp(d, "\xFE\xFF", 2) || !memcmp(d, "\xFF\xFE", 2) ||
                     (len >= 4 && ((d[0] == 0 && d[1] == '<') || (d[0] == '<' && d[1] == 0)))))
        return len / 2;
    size_t i = 0, n = 0;
    while (i < len) {
        if (d[i] < 0x80) { /* ASCII fast path, as sc_utf8_decode */
            i++;
            n++;
            continue;
        }
        uint32_t cp;
        size_t k = sc_utf8_decode(d + i, len - i, &cp);
        i += k ? k : 1;
        n++;
    }
    return n;
}

/* Escaped copy of an untrusted value for a message (never NULL: "" on ENOMEM). */
static char *show(const char *s)
{
    char *e = sc_str_escape(s ? s : "", SHOW);
    return e ? e : sc_strdup("");
}

static int ascii_ieqn(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

static char *attr(const xmlNode *n, const char *name)
{
    return sc_xml_attr(n, name);
}

static const char *binding_short(const char *b)
{
    static const char pfx[] = "urn:oasis:names:tc:SAML:2.0:bindings:";
    return b && sc_str_starts(b, pfx) ? b + sizeof pfx - 1 : (b ? b : "");
}

/* ---------- document-level rules ---------- */

static int check_size(ctx *c, size_t chars)
{
    if (chars < MD_MIN_CHARS)
        return sc_report_add(c->r, SC_RULE_METADATA_SIZE, SC_POS_LINE(1),
                             "the document is %zu characters long; IAM requires between %u and "
                             "%u characters (a complete metadata file is rarely under 1000)",
                             chars, MD_MIN_CHARS, MD_MAX_CHARS);
    if (chars > MD_MAX_CHARS)
        return sc_report_add(c->r, SC_RULE_METADATA_SIZE, SC_POS_LINE(1),
                             "the document is %zu characters long; IAM accepts at most %u "
                             "characters",
                             chars, MD_MAX_CHARS);
    return 0;
}

/* sec/no-external-fetch: xi:include, ds:RetrievalMethod, and ds:Reference
 * URIs that are not same-document outside the root's own signature (that
 * one is judged by verify.c under sec/reference-uri). Nothing is fetched. */
static int check_fetch(ctx *c, const xmlNode *n, const xmlNode *root_sig)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int rc = 0;
        if (sc_xml_is(n, SC_NS_XI, NULL)) {
            char *href = attr(n, "href"), *h = show(href);
            rc = sc_xml_report(c->r, SC_RULE_SEC_NO_EXTERNAL_FETCH, n,
                               "an XInclude element <xi:%s href=\"%s\"> would make a consumer "
                               "load another resource; it was not followed",
                               (const char *)n->name, h);
            free(href);
            free(h);
        } else if (sc_xml_is(n, SC_NS_DS, "RetrievalMethod")) {
            char *uri = attr(n, "URI"), *u = show(uri);
            rc = sc_xml_report(c->r, SC_RULE_SEC_NO_EXTERNAL_FETCH, n,
                               "a ds:RetrievalMethod (URI \"%s\") asks the consumer to fetch key "
                               "material; it was not followed",
                               u);
            free(uri);
            free(u);
        } else if (sc_xml_is(n, SC_NS_DS, "Reference") && n->parent &&
                   n->parent->parent != root_sig) {
            char *uri = attr(n, "URI");
            if (uri && *uri && uri[0] != '#') {
                char *u = show(uri);
                rc = sc_xml_report(c->r, SC_RULE_SEC_NO_EXTERNAL_FETCH, n,
                                   "a ds:Reference points outside the document (URI \"%s\"); "
                                   "it was not fetched",
                                   u);
                free(u);
            }
            free(uri);
        }
        if (rc)
            return rc;
        if (n->children && (rc = check_fetch(c, n->children, root_sig)))
            return rc;
    }
    return 0;
}

/* metadata/root with a recognised-type hint. */
static int check_root(ctx *c)
{
    const xmlNode *root = c->md->root;
    const char *ns = root && root->ns && root->ns->href ? (const char *)root->ns->href : "";
    const char *name = root ? (const char *)root->name : "";
    const char *what = NULL, *hint = NULL;

    if (sc_str_ieq(name, "html")) {
        what = "an HTML page";
        hint = "this is a web page (often the IdP's login page saved by mistake), not metadata. "
               "Download the SAML 2.0 IdP metadata XML from the IdP's admin console or its "
               "metadata URL.";
    } else if (sc_xml_is(root, SC_NS_SAMLP, "Response") ||
               sc_xml_is(root, SC_NS_SAML, "Assertion")) {
        what = "a SAML 2.0 response or assertion";
        hint = "this is a SAML message, not metadata: check it with `samlcheck response`, and "
               "upload the IdP's SAML 2.0 metadata to IAM instead.";
    } else if (!strcmp(ns, SC_NS_SAML1P) || !strcmp(ns, SC_NS_SAML1) ||
               !strcmp(ns, "urn:mace:shibboleth:metadata:1.0") ||
               !strcmp(ns, "urn:oasis:names:tc:SAML:1.0:metadata") ||
               ((!strcmp(name, "EntityDescriptor") || !strcmp(name, "EntitiesDescriptor")) &&
                strcmp(ns, SC_NS_MD) != 0)) {
        what = "SAML 1.x or pre-standard metadata (the element is not in the SAML 2.0 metadata "
               "namespace)";
        hint = "IAM needs SAML 2.0 metadata: the root must be md:EntityDescriptor in namespace "
               "urn:oasis:names:tc:SAML:2.0:metadata. Export SAML 2.0 metadata from the IdP.";
    } else if (sc_xml_is(root, SC_NS_DS, "X509Certificate") ||
               sc_xml_is(root, SC_NS_DS, "KeyInfo") || sc_xml_is(root, SC_NS_DS, "X509Data")) {
        what = "a bare certificate / KeyInfo";
        hint = "IAM needs the whole IdP metadata document, not only its signing certificate. "
               "Download the SAML 2.0 metadata XML from the IdP.";
    } else if (sc_str_starts(ns, "http://docs.oasis-open.org/wsfed/") ||
               sc_str_starts(ns, "http://schemas.xmlsoap.org/ws/2006/12/federation") ||
               !strcmp(name, "FederationMetadata")) {
        what = "WS-Federation metadata";
        hint = "this is WS-Federation metadata; IAM needs SAML 2.0 metadata with an "
               "md:IDPSSODescriptor (ADFS publishes both in FederationMetadata.xml; use that "
               "file, not the WS-Fed-only one).";
    }
    char *n = show(name), *s = show(ns);
    int rc =
        sc_xml_reportx(c->r, SC_RULE_METADATA_ROOT, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT, hint, root,
                       "expected the root element md:EntityDescriptor or "
                       "md:EntitiesDescriptor in namespace %s; found <%s>%s%s%s%s%s",
                       SC_NS_MD, n, *ns ? " in namespace " : " without a namespace", s,
                       what ? " (" : "", what ? what : "", what ? ")" : "");
    free(n);
    free(s);
    return rc;
}

/* metadata/valid-until-passed for one element (D5 timestamps). */
static int check_valid_until(ctx *c, const xmlNode *n)
{
    char *v = attr(n, "validUntil");
    long long t = 0;
    int off = 0, nozone = 0, rc = 0;
    char now[32], when[32];
    if (!v)
        return 0;
    char *s = show(v);
    sc_time_format(c->opts->now, now, sizeof now);
    if (sc_time_parse(v, &t, &off, &nozone) != 0) {
        rc = sc_xml_reportx(c->r, SC_RULE_METADATA_VALID_UNTIL_PASSED, SAMLCHECK_SEV_ERROR, NULL,
                            NULL, n,
                            "validUntil=\"%s\" on <%s> is not a valid xs:dateTime "
                            "(expected YYYY-MM-DDThh:mm:ssZ)",
                            s, (const char *)n->name);
        goto out;
    }
    sc_time_format(t, when, sizeof when);
    const char *note = off      ? " (converted from a non-UTC offset; SAML requires Z)"
                       : nozone ? " (no time zone given; read as UTC)"
                                : "";
    if (t < c->opts->now - c->opts->clock_skew)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_VALID_UNTIL_PASSED, n,
                           "validUntil on <%s> is %s%s, which is before now (%s): the metadata "
                           "has expired",
                           (const char *)n->name, when, note, now);
    else
        rc = sc_xml_reportx(c->r, SC_RULE_METADATA_VALID_UNTIL_PASSED, SAMLCHECK_SEV_INFO,
                            SC_AWS_DEFAULT, NULL, n,
                            "validUntil on <%s> is %s%s (still in the future as of %s); the "
                            "metadata expires then",
                            (const char *)n->name, when, note, now);
out:
    free(v);
    free(s);
    return rc;
}

static int valid_until_containers(ctx *c, const xmlNode *n, int depth)
{
    int rc = check_valid_until(c, n);
    if (rc || depth > 64)
        return rc;
    for (xmlNode *k = sc_xml_child(n, SC_NS_MD, "EntitiesDescriptor"); k && !rc;
         k = sc_xml_next(k, SC_NS_MD, "EntitiesDescriptor"))
        rc = valid_until_containers(c, k, depth + 1);
    return rc;
}

/* metadata/multiple-entities (root EntitiesDescriptor). */
static int check_multiple(ctx *c)
{
    samlcheck_metadata *md = c->md;
    sc_buf ids = SC_BUF_INIT;
    int rc = 0;
    if (md->root_kind != SC_MD_ROOT_ENTITIES || md->n_sel == 0)
        return 0;
    for (size_t i = 0; i < md->n_sel && i < 20 && !rc; i++) {
        char *s = show(md->sel[i].entity_id ? md->sel[i].entity_id : "(no entityID)");
        rc = sc_buf_printf(&ids, "%s\"%s\"", i ? ", " : "", s);
        free(s);
    }
    if (!rc && md->n_sel > 20)
        rc = sc_buf_printf(&ids, ", ... (%zu more)", md->n_sel - 20);
    if (rc)
        goto out;
    if (md->n_sel == 1)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_MULTIPLE_ENTITIES, md->root,
                           "the root is md:EntitiesDescriptor wrapping one IdP entity (%s); "
                           "expected a single md:EntityDescriptor root (IAM's acceptance of the "
                           "wrapper is undocumented)",
                           ids.data);
    else if (md->n_sel <= MD_MAX_IDP_ENTITIES)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_MULTIPLE_ENTITIES, md->root,
                           "the document holds %zu IdP entities: %s; every response's Issuer "
                           "must match one of them",
                           md->n_sel, ids.data);
    else
        rc = sc_xml_reportx(c->r, SC_RULE_METADATA_MULTIPLE_ENTITIES, SAMLCHECK_SEV_ERROR,
                            SC_AWS_DEFAULT, NULL, md->root,
                            "the document holds %zu IdP entities; IAM allows at most %d per "
                            "SAML provider: %s",
                            md->n_sel, MD_MAX_IDP_ENTITIES, ids.data);
out:
    sc_buf_free(&ids);
    return rc;
}

/* ---------- per-entity rules ---------- */

static int check_entity_id(ctx *c, const sc_md_entity *e)
{
    char *v = attr(e->node, "entityID");
    sc_buf why = SC_BUF_INIT;
    int rc = 0;
    size_t chars = 0, spaces = 0;
    int lead = 0, trail = 0;
    if (v) {
        const unsigned char *p = (const unsigned char *)v;
        size_t len = strlen(v), i = 0;
        while (i < len) {
            uint32_t cp = 0;
            size_t k = sc_utf8_decode(p + i, len - i, &cp);
            if (!k)
                k = 1;
            int sp = sc_is_unicode_space(cp);
            if (sp) {
                spaces++;
                if (i == 0)
                    lead = 1;
                if (i + k == len)
                    trail = 1;
            }
            i += k;
            chars++;
        }
    }
    if (!v || chars == spaces) {
        rc = sc_xml_report(c->r, SC_RULE_METADATA_ENTITY_ID_MISSING, e->node,
                           "the md:EntityDescriptor %s; expected the IdP's entity identifier "
                           "(the Issuer of its responses)",
                           !v      ? "has no entityID attribute"
                           : chars ? "has an entityID made only of whitespace"
                                   : "has an empty entityID");
        goto out;
    }
    if (chars > ENTITY_ID_MAX)
        rc = sc_buf_printf(&why, "%s%zu characters long (the maximum is %d)", why.len ? "; " : "",
                           chars, ENTITY_ID_MAX);
    if (!rc && spaces)
        rc = sc_buf_printf(&why, "%scontains %s whitespace or invisible characters",
                           why.len ? "; " : "",
                           lead    ? "leading"
                           : trail ? "trailing"
                                   : "inner");
    size_t sl = 0;
    while (((v[sl] >= 'a' && v[sl] <= 'z') || (v[sl] >= 'A' && v[sl] <= 'Z') ||
            (sl > 0 &&
             ((v[sl] >= '0' && v[sl] <= '9') || v[sl] == '+' || v[sl] == '-' || v[sl] == '.'))))
        sl++;
    if (!rc && (sl == 0 || v[sl] != ':'))
        rc = sc_buf_printf(&why, "%sis not an absolute URI (no \"scheme:\" prefix)",
                           why.len ? "; " : "");
    if (!rc && why.len) {
        char *s = show(v);
        rc = sc_xml_report(c->r, SC_RULE_METADATA_ENTITY_ID_INVALID, e->node,
                           "entityID \"%s\" %s; responses are matched against it byte for byte", s,
                           why.data);
        free(s);
    }
out:
    sc_buf_free(&why);
    free(v);
    return rc;
}

/* The metadata/no-idpsso hint: what the entity is instead. */
static const char *idpsso_hint(const xmlNode *ed, int *aws_sp)
{
    *aws_sp = 0;
    xmlNode *sp = sc_xml_child(ed, SC_NS_MD, "SPSSODescriptor");
    char *eid = sc_xml_attr(ed, "entityID");
    int aws = eid && strcmp(eid, "urn:amazon:webservices") == 0;
    free(eid);
    for (xmlNode *acs = sc_xml_child(sp, SC_NS_MD, "AssertionConsumerService"); acs && !aws;
         acs = sc_xml_next(acs, SC_NS_MD, "AssertionConsumerService")) {
        char *loc = sc_xml_attr(acs, "Location");
        aws = sc_aws_acs_is_endpoint(loc);
        free(loc);
    }
    if (sp && aws) {
        *aws_sp = 1;
        return "this is AWS's own SP metadata (https://signin.aws.amazon.com/static/"
               "saml-metadata.xml); it goes into the IdP's configuration. Upload the identity "
               "provider's metadata to IAM instead.";
    }
    if (sp)
        return "the entity describes a service provider (md:SPSSODescriptor), not an identity "
               "provider. Upload the identity provider's metadata.";
    if (sc_xml_child(ed, SC_NS_MD, "RoleDescriptor"))
        return "the entity only has WS-Federation role descriptors (md:RoleDescriptor); enable "
               "SAML 2.0 for the relying party in the IdP and export its SAML 2.0 metadata.";
    return NULL;
}

static int check_no_idpsso(ctx *c)
{
    samlcheck_metadata *md = c->md;
    int aws = 0;
    if (md->root_kind == SC_MD_ROOT_ENTITY) {
        if (md->sel[0].idpsso)
            return 0;
        const char *hint = idpsso_hint(md->root, &aws);
        return sc_xml_reportx(c->r, SC_RULE_METADATA_NO_IDPSSO, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT,
                              hint, md->root,
                              "expected an md:IDPSSODescriptor in the md:EntityDescriptor; found "
                              "none%s",
                              aws ? " (this is AWS's own SP metadata)" : "");
    }
    if (md->n_sel)
        return 0;
    /* An EntitiesDescriptor with no IdP entity: look for AWS's SP metadata. */
    const char *hint = NULL;
    xmlNode *stack[66];
    size_t sp = 0;
    stack[sp++] = md->root;
    while (sp && !aws) {
        xmlNode *p = stack[--sp];
        for (xmlNode *k = sc_xml_first_elem(p); k && !aws; k = sc_xml_next_elem(k)) {
            if (sc_xml_is(k, SC_NS_MD, "EntityDescriptor")) {
                const char *h = idpsso_hint(k, &aws);
                if (!hint || aws)
                    hint = h;
            } else if (sc_xml_is(k, SC_NS_MD, "EntitiesDescriptor") && sp < 66) {
                stack[sp++] = k;
            }
        }
    }
    return sc_xml_reportx(c->r, SC_RULE_METADATA_NO_IDPSSO, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT,
                          hint, md->root,
                          "expected an md:EntityDescriptor with an md:IDPSSODescriptor; the "
                          "md:EntitiesDescriptor holds %zu entit%s and none is an identity "
                          "provider%s",
                          md->n_nested, md->n_nested == 1 ? "y" : "ies",
                          aws ? " (one is AWS's own SP metadata)" : "");
}

static int check_protocol(ctx *c, const xmlNode *sso)
{
    char *v = attr(sso, "protocolSupportEnumeration");
    int rc = 0, found = 0, saml11 = 0, wsfed = 0, near = 0;
    if (!v) {
        rc = sc_xml_report(c->r, SC_RULE_METADATA_PROTOCOL_SUPPORT, sso,
                           "the md:IDPSSODescriptor has no protocolSupportEnumeration; expected "
                           "it to list %s",
                           SAML2_PROTOCOL);
        goto out;
    }
    for (char *p = v; *p;) {
        while (*p && sc_is_xml_space(*p))
            p++;
        char *s = p;
        while (*p && !sc_is_xml_space(*p))
            p++;
        size_t n = (size_t)(p - s);
        if (!n)
            continue;
        if (n == strlen(SAML2_PROTOCOL) && !memcmp(s, SAML2_PROTOCOL, n))
            found = 1;
        else if (n == strlen(SAML2_PROTOCOL) && ascii_ieqn(s, SAML2_PROTOCOL, n))
            near = 1;
        else if (n >= 26 && !memcmp(s, "urn:oasis:names:tc:SAML:1.", 26))
            saml11 = 1;
        else if (strstr(s, "wsfed") || strstr(s, "ws-fed") || strstr(s, "/ws/"))
            wsfed = 1;
    }
    if (!found) {
        char *s = show(v);
        rc = sc_xml_report(c->r, SC_RULE_METADATA_PROTOCOL_SUPPORT, sso,
                           "protocolSupportEnumeration is \"%s\"%s; expected it to contain the "
                           "token %s (case-sensitive)",
                           s,
                           near     ? " (the SAML 2.0 token differs in letter case)"
                           : saml11 ? " (SAML 1.x only)"
                           : wsfed  ? " (WS-Federation only)"
                                    : "",
                           SAML2_PROTOCOL);
        free(s);
    }
out:
    free(v);
    return rc;
}

/* metadata/no-signing-cert for one IDPSSODescriptor. */
static int check_signing_cert(ctx *c, const xmlNode *sso)
{
    size_t enc = 0, bare = 0, kds = 0;
    for (xmlNode *kd = sc_xml_child(sso, SC_NS_MD, "KeyDescriptor"); kd;
         kd = sc_xml_next(kd, SC_NS_MD, "KeyDescriptor")) {
        kds++;
        char *use = attr(kd, "use");
        int signing = !use || strcmp(use, "signing") == 0;
        free(use);
        xmlNode *ki = sc_xml_child(kd, SC_NS_DS, "KeyInfo");
        int has_cert = 0;
        for (xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data"); xd && !has_cert;
             xd = sc_xml_next(xd, SC_NS_DS, "X509Data"))
            has_cert = sc_xml_child(xd, SC_NS_DS, "X509Certificate") != NULL;
        if (signing && has_cert)
            return 0;
        if (!signing)
            enc++;
        else
            bare++;
    }
    return sc_xml_report(c->r, SC_RULE_METADATA_NO_SIGNING_CERT, sso,
                         "expected an md:KeyDescriptor (use=\"signing\" or no use) with "
                         "ds:KeyInfo/ds:X509Data/ds:X509Certificate; found %zu KeyDescriptor(s): "
                         "%zu not for signing, %zu for signing without an X.509 certificate",
                         kds, enc, bare);
}

static int check_entity(ctx *c, const sc_md_entity *e)
{
    int rc;
    if ((rc = check_entity_id(c, e)) || (rc = check_valid_until(c, e->node)))
        return rc;
    for (xmlNode *sso = sc_xml_child(e->node, SC_NS_MD, "IDPSSODescriptor"); sso;
         sso = sc_xml_next(sso, SC_NS_MD, "IDPSSODescriptor")) {
        if ((rc = check_valid_until(c, sso)) || (rc = check_protocol(c, sso)))
            return rc;
        if (!sc_xml_child(sso, SC_NS_MD, "SingleSignOnService") &&
            (rc = sc_xml_report(c->r, SC_RULE_METADATA_NO_SSO_SERVICE, sso,
                                "the md:IDPSSODescriptor has no md:SingleSignOnService; the "
                                "schema requires at least one")))
            return rc;
        if ((rc = check_signing_cert(c, sso)))
            return rc;
    }
    return 0;
}

/* ---------- certificates ---------- */

static int same_der(const sc_md_cert *a, const sc_md_cert *b)
{
    return a->der && b->der && a->der_len == b->der_len && !memcmp(a->der, b->der, a->der_len);
}

static const char *use_text(const sc_md_cert *mc)
{
    return mc->signing && mc->encryption ? "signing+encryption"
           : mc->signing                 ? "signing"
           : mc->encryption              ? "encryption"
                                         : "other";
}

static int cert_row(ctx *c, json_t *tab, const sc_md_cert *mc, const sc_cert_info *ci)
{
    char key[64], na[32];
    if (ci) {
        snprintf(key, sizeof key, "%s %d", ci->key_type, ci->key_bits);
        sc_time_format(ci->not_after, na, sizeof na);
    }
    (void)c;
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "use", use_text(mc), "subject",
                            ci ? ci->subject : "(unparsable)", "issuer", ci ? ci->issuer : "-",
                            "key", ci ? key : "-", "not_after", ci ? na : "-", "sha1",
                            ci ? ci->sha1 : "-", "sha256", ci ? ci->sha256 : "-");
    if (!row || json_array_append_new(tab, row))
        return SAMLCHECK_ENOMEM;
    return 0;
}

/* Key size / type and validity findings of one signing certificate. */
static int check_signing_props(ctx *c, const sc_md_cert *mc, const sc_cert_info *ci)
{
    int rc = 0;
    const xmlNode *n = mc->node;
    char *subj = show(ci->subject);
    if (!strcmp(ci->key_type, "RSA") || !strcmp(ci->key_type, "RSA-PSS")) {
        if (ci->key_bits < 1024)
            rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_KEY_TOO_SMALL, n,
                               "the signing certificate \"%s\" has a %d-bit RSA key; IAM "
                               "requires at least 1024 bits",
                               subj, ci->key_bits);
        else if (ci->key_bits < 2048)
            rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_KEY_WEAK, n,
                               "the signing certificate \"%s\" has a %d-bit RSA key; expected "
                               "2048 bits or more",
                               subj, ci->key_bits);
    } else {
        rc = sc_xml_report(
            c->r, SC_RULE_METADATA_CERT_KEY_TYPE, n,
            "the signing certificate \"%s\" has a key of type %s (%d bits); AWS documents "
            "RSA signing keys only",
            subj, ci->key_type, ci->key_bits);
    }
    if (rc)
        goto out;
    char now[32], na[32], nb[32];
    long long now_t = c->opts->now, skew = c->opts->clock_skew;
    sc_time_format(now_t, now, sizeof now);
    sc_time_format(ci->not_after, na, sizeof na);
    sc_time_format(ci->not_before, nb, sizeof nb);
    if (ci->not_after < now_t - skew)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_EXPIRED, n,
                           "the signing certificate \"%s\" expired on %s (notAfter), before now "
                           "(%s)",
                           subj, na, now);
    else if (ci->not_before > now_t + skew)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_EXPIRED, n,
                           "the signing certificate \"%s\" is not valid yet: notBefore is %s, "
                           "after now (%s)",
                           subj, nb, now);
    else if (c->opts->cert_warn_days > 0 &&
             ci->not_after <= now_t + (long long)c->opts->cert_warn_days * 86400) {
        long long days = (ci->not_after - now_t) / 86400;
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_EXPIRING, n,
                           "the signing certificate \"%s\" expires on %s, in %lld day%s (within "
                           "the %d-day warning window)",
                           subj, na, days, days == 1 ? "" : "s", c->opts->cert_warn_days);
    }
out:
    free(subj);
    return rc;
}

/* The certificates seen so far, to give a repeated one no second set of
 * findings in linear time (comparing each with every earlier one was
 * quadratic: 5,000 copies in a 10 MB aggregate took over a second). Open
 * addressing on a salted SHA-256 of the DER, so that crafted certificates
 * cannot pile up in one chain; equality is the DER itself. */
static int cert_seen_init(cert_seen_set *set, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n && cap < ((size_t)1 << 40))
        cap <<= 1;
    memset(set, 0, sizeof *set);
    set->slot = calloc(cap, sizeof *set->slot);
    set->at = calloc(n ? n : 1, sizeof *set->at);
    if (!set->slot || !set->at) {
        free(set->slot);
        free(set->at);
        set->slot = NULL;
        set->at = NULL;
        return SAMLCHECK_ENOMEM;
    }
    set->mask = cap - 1;
    if (sc_random_salt(set->salt, sizeof set->salt) != 0)
        memset(set->salt, 0x5a, sizeof set->salt); /* still linear for honest input */
    return 0;
}

static void cert_seen_free(cert_seen_set *set)
{
    free(set->slot);
    free(set->at);
    memset(set, 0, sizeof *set);
}

/* The slot of @p mc's DER (the empty slot where it goes when new). */
static size_t cert_seen_find(cert_seen_set *set, const sc_md_cert *certs, const sc_md_cert *mc)
{
    unsigned char h[32];
    unsigned int hl = 0;
    size_t k = 0;
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    if (m && EVP_DigestInit_ex(m, EVP_sha256(), NULL) == 1 &&
        EVP_DigestUpdate(m, set->salt, sizeof set->salt) == 1 &&
        EVP_DigestUpdate(m, mc->der, mc->der_len) == 1 && EVP_DigestFinal_ex(m, h, &hl) == 1)
        memcpy(&k, h, sizeof k);
    EVP_MD_CTX_free(m);
    for (k &= set->mask;; k = (k + 1) & set->mask) {
        cert_slot *sl = &set->slot[k];
        if (!sl->der1 || same_der(&certs[sl->der1 - 1], mc))
            return k;
    }
}

/* The reason an <X509Certificate> has no DER (decode_ders left it NULL):
 * reported as metadata/cert-unparsable, with its summary row. */
static int report_undecodable(ctx *c, json_t *tab, const sc_md_cert *mc)
{
    char *text = NULL;
    int amb = 0, rc;
    const char *why = NULL;
    unsigned char *der = NULL;
    size_t dl = 0;
    if ((rc = sc_xml_text(&text, mc->node, &amb, NULL)))
        return rc;
    if (amb) {
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_UNPARSABLE, mc->node,
                           "the ds:X509Certificate contains a comment, processing "
                           "instruction or child element; expected base64 text only");
    } else {
        rc = sc_cert_b64_to_der(&der, &dl, text, &why);
        free(der);
        if (rc == SAMLCHECK_EINVAL || rc == 0) /* 0: cannot happen, decode_ders said no */
            rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_UNPARSABLE, mc->node,
                               "the ds:X509Certificate (use %s) cannot be read as one base64 "
                               "DER X.509 certificate: %s",
                               use_text(mc), why ? why : "unknown reason");
    }
    free(text);
    return rc ? rc : cert_row(c, tab, mc, NULL);
}

/* The same certificate again, where it needs no findings of its own (not
 * the first signing occurrence): the first one's row with this use, and
 * no second parse. */
static int repeat_row(json_t *tab, const sc_md_cert *mc, const cert_slot *sl)
{
    json_t *row = json_deep_copy(sl->row);
    if (!row || json_object_set_new(row, "use", json_string(use_text(mc))) ||
        json_array_append_new(tab, row)) {
        json_decref(row);
        return SAMLCHECK_ENOMEM;
    }
    return 0;
}

/* One certificate's findings and summary row; parses it unless the same
 * DER was parsed before and this occurrence needs no findings. */
static int check_cert(ctx *c, json_t *tab, sc_keys *keys, size_t i, size_t *distinct)
{
    samlcheck_metadata *md = c->md;
    sc_md_cert *mc = &md->certs[i];
    const char *why = NULL;
    sc_cert_info ci;
    int rc;
    if (!mc->der)
        return report_undecodable(c, tab, mc);
    cert_slot *sl = &c->seen.slot[c->seen.at[i]];
    if (sl->idx1 && sl->row && (sl->signing || !mc->signing))
        return repeat_row(tab, mc, sl);
    memset(&ci, 0, sizeof ci);
    X509 *x = NULL;
    rc = sc_cert_der_to_x509(&x, mc->der, mc->der_len, &why);
    if (rc == 0)
        rc = sc_cert_inspect_take(&ci, x, mc->der, mc->der_len, &why);
    if (rc == SAMLCHECK_EINVAL) {
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_UNPARSABLE, mc->node,
                           "the ds:X509Certificate (use %s) cannot be read as one base64 DER "
                           "X.509 certificate: %s",
                           use_text(mc), why ? why : "unknown reason");
        /* an undecodable certificate is not a usable key */
        free(mc->der);
        mc->der = NULL;
        mc->der_len = 0;
        return rc ? rc : cert_row(c, tab, mc, NULL);
    } else if (rc) {
        return rc;
    }
    /* trust material: the parsed certificate is kept, not decoded again */
    if ((rc = sc_keys_add(keys, i, mc->der, mc->der_len, ci.x509, mc->signing, ci.degenerate)))
        goto out;
    /* The same certificate listed again gets no second set of findings. */
    int seen_any = sl->idx1 != 0, seen_sig = sl->signing;
    if (!sl->idx1)
        sl->idx1 = i + 1;
    sl->signing |= mc->signing;
    if (mc->signing && !seen_sig && ++*distinct == MD_MAX_KEYS + 1)
        rc = sc_xml_report(c->r, SC_RULE_METADATA_TOO_MANY_KEYS, mc->node,
                           "this is signing certificate number %d; IAM allows at most %d "
                           "keys per SAML provider",
                           MD_MAX_KEYS + 1, MD_MAX_KEYS);
    if (!rc && ci.dup_ext_oid && !seen_any) {
        char *subj = show(ci.subject);
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_DUPLICATE_EXTENSION, mc->node,
                           "the certificate \"%s\" repeats the extension %s; each extension "
                           "may appear only once (RFC 5280)",
                           subj, ci.dup_ext_oid);
        free(subj);
    }
    if (!rc && mc->signing && !seen_sig && ci.degenerate[0]) {
        char *subj = show(ci.subject);
        rc = sc_xml_report(c->r, SC_RULE_METADATA_CERT_KEY_DEGENERATE, mc->node,
                           "the signing certificate \"%s\" has a degenerate public key: %s; "
                           "anyone can compute signatures that it accepts, without the "
                           "private key",
                           subj, ci.degenerate);
        free(subj);
    }
    if (!rc && mc->signing && !seen_sig)
        rc = check_signing_props(c, mc, &ci);
    if (!rc)
        rc = cert_row(c, tab, mc, &ci);
    if (!rc && !sl->row)
        sl->row = json_array_get(tab, json_array_size(tab) - 1);
out:
    sc_cert_info_clear(&ci);
    return rc;
}

static int check_certs(ctx *c)
{
    samlcheck_metadata *md = c->md;
    json_t *tab = json_array();
    size_t distinct = 0;
    sc_keys *keys = NULL;
    int rc = 0;
    if (!tab)
        return SAMLCHECK_ENOMEM;
    if ((rc = sc_keys_new(&keys, md->n_certs))) {
        json_decref(tab);
        return rc;
    }
    for (size_t i = 0; i < md->n_certs && !rc; i++)
        rc = check_cert(c, tab, keys, i, &distinct);
    if (!rc && !(rc = sc_keys_finish(keys))) {
        if (md->keys && md->keys_free)
            md->keys_free(md->keys);
        md->keys = keys;
        md->keys_free = sc_keys_free;
        keys = NULL;
    }
    sc_keys_free(keys);
    if (!rc && json_object_set_new(c->sum, "certificates", tab))
        return SAMLCHECK_ENOMEM;
    if (rc)
        json_decref(tab);
    return rc;
}

/* The DER of every certificate (base64 only, no parsing; NULL when the
 * text is not one base64 value: check_certs says why), and the number of
 * distinct ones (undecodable ones each count): the work of parsing them
 * is what MD_MAX_CERTS bounds, and a repeated certificate is parsed once. */
static int decode_ders(ctx *c, size_t *distinct, size_t *over)
{
    samlcheck_metadata *md = c->md;
    cert_seen_set *seen = &c->seen;
    int rc = cert_seen_init(seen, md->n_certs);
    *distinct = 0;
    *over = 0;
    for (size_t i = 0; !rc && i < md->n_certs; i++) {
        if (*distinct > MD_MAX_CERTS)
            break; /* over the limit: nothing more is decoded */
        sc_md_cert *mc = &md->certs[i];
        char *text = NULL;
        int amb = 0;
        const char *why = NULL;
        if ((rc = sc_xml_text(&text, mc->node, &amb, NULL)))
            break;
        rc = amb ? SAMLCHECK_EINVAL : sc_cert_b64_to_der(&mc->der, &mc->der_len, text, &why);
        free(text);
        if (rc == SAMLCHECK_EINVAL) {
            rc = 0;
            if (++*distinct == MD_MAX_CERTS + 1)
                *over = i;
            continue;
        }
        if (rc)
            break;
        seen->at[i] = cert_seen_find(seen, md->certs, mc);
        cert_slot *sl = &seen->slot[seen->at[i]];
        if (!sl->der1) {
            sl->der1 = i + 1;
            if (++*distinct == MD_MAX_CERTS + 1)
                *over = i;
        }
    }
    return rc;
}

/* ---------- summary ---------- */

static int summary_head(ctx *c)
{
    samlcheck_metadata *md = c->md;
    json_t *sum = c->sum;
    int rc = 0;
    if (md->n_sel == 1) {
        rc |= json_object_set_new(sum, "entity_id",
                                  md->sel[0].entity_id ? json_string(md->sel[0].entity_id)
                                                       : json_null());
    } else {
        json_t *a = json_array();
        for (size_t i = 0; a && i < md->n_sel; i++)
            if (md->sel[i].entity_id)
                rc |= json_array_append_new(a, json_string(md->sel[i].entity_id));
        rc |= json_object_set_new(sum, "entity_ids", a);
    }
    const xmlNode *sso = md->n_sel ? md->sel[0].idpsso : NULL;
    char *ps = sso ? attr(sso, "protocolSupportEnumeration") : NULL;
    if (sso)
        rc |= json_object_set_new(sum, "protocol_support", ps ? json_string(ps) : json_null());
    free(ps);
    char *vu = attr(md->root, "validUntil");
    if (!vu && md->n_sel)
        vu = attr(md->sel[0].node, "validUntil");
    if (vu)
        rc |= json_object_set_new(sum, "valid_until", json_string(vu));
    free(vu);
    json_t *eps = json_array();
    for (size_t i = 0; eps && i < md->n_sel; i++)
        for (xmlNode *s = sc_xml_child(md->sel[i].node, SC_NS_MD, "IDPSSODescriptor"); s;
             s = sc_xml_next(s, SC_NS_MD, "IDPSSODescriptor"))
            for (xmlNode *e = sc_xml_child(s, SC_NS_MD, "SingleSignOnService");
                 e && json_array_size(eps) < 100;
                 e = sc_xml_next(e, SC_NS_MD, "SingleSignOnService")) {
                char *b = attr(e, "Binding"), *l = attr(e, "Location");
                json_t *row =
                    json_pack("{s:s, s:s}", "binding", binding_short(b), "location", l ? l : "");
                rc |= row ? json_array_append_new(eps, row) : -1;
                free(b);
                free(l);
            }
    if (md->n_sel)
        rc |= json_object_set_new(sum, "sso_endpoints", eps);
    else
        json_decref(eps);
    return rc ? SAMLCHECK_ENOMEM : 0;
}

/* ---------- driver ---------- */

/* The root's signature: with --metadata-signer it must verify with that
 * certificate (unsigned metadata cannot meet the request); otherwise a
 * signature present is verified with the document's own certificates. */
static int check_signature(ctx *c, xmlNode *root, xmlNode *root_sig)
{
    int rc = 0;
    if (c->opts->metadata_signer) {
        /* --metadata-signer: the signature must verify with that
         * certificate; unsigned metadata cannot meet the request */
        unsigned char *der = NULL;
        size_t der_len = 0;
        const char *sname =
            c->opts->metadata_signer_name ? c->opts->metadata_signer_name : "--metadata-signer";
        if ((rc = sc_cert_load_der(&der, &der_len, c->opts->metadata_signer,
                                   c->opts->metadata_signer_len)))
            return rc;
        if (root_sig)
            rc = sc_verify_metadata_signature(c->md->doc, root, der, der_len, c->r, c->sum);
        else
            rc = sc_xml_report(c->r, SC_RULE_METADATA_SIGNATURE_INVALID, root,
                               "the metadata carries no signature on its root element, but "
                               "--metadata-signer %s asks for one that this certificate verifies",
                               sname);
        free(der);
        if (rc)
            return rc;
    } else if (root_sig) {
        json_t *sigsum = c->sum;
        if ((rc = sc_verify_metadata_signature(c->md->doc, root, NULL, 0, c->r, sigsum)))
            return rc;
    }
    return 0;
}

/* Every check on the parsed model, the signature last. */
static int check_model(ctx *c)
{
    int rc;
    size_t distinct = 0, over = 0;
    if ((rc = decode_ders(c, &distinct, &over)))
        return rc;
    if (distinct > MD_MAX_CERTS) {
        /* checks on this document stop here, and it is no trust anchor */
        rc = sc_xml_report(c->r, SC_RULE_SEC_LIMITS, c->md->certs[over].node,
                           "the document has more than %d distinct X.509 certificates (%zu in "
                           "all), more than the limit; checks on this document stop here",
                           MD_MAX_CERTS, c->md->n_certs);
        sc_md_free(c->md);
        c->md = NULL;
        return rc;
    }
    xmlNode *root = c->md->root;
    xmlNode *root_sig =
        c->md->root_kind != SC_MD_ROOT_OTHER ? sc_xml_child(root, SC_NS_DS, "Signature") : NULL;
    if ((rc = check_fetch(c, root, root_sig)))
        return rc;
    if (c->md->root_kind == SC_MD_ROOT_OTHER) {
        rc = check_root(c);
        return rc;
    }
    if ((rc = check_multiple(c)) || (rc = check_no_idpsso(c)))
        return rc;
    if (c->md->root_kind == SC_MD_ROOT_ENTITIES && (rc = valid_until_containers(c, root, 0)))
        return rc;
    for (size_t i = 0; i < c->md->n_sel; i++) {
        /* Without an IDPSSODescriptor this is the wrong document (often
         * AWS's own SP metadata): metadata/no-idpsso is the one finding. */
        if (!c->md->sel[i].idpsso)
            continue;
        if ((rc = check_entity(c, &c->md->sel[i])))
            return rc;
    }
    if ((rc = summary_head(c)) || (rc = check_certs(c)))
        return rc;
    return check_signature(c, root, root_sig);
}

/* Run every check; on return *model_out holds the model when the document
 * parsed (NULL otherwise). */
static int run(samlcheck_metadata **model_out, samlcheck_report *r, const unsigned char *data,
               size_t len, const char *name, const samlcheck_options *opts)
{
    sc_xml_bytes bytes;
    xmlDocPtr doc = NULL;
    ctx c;
    int rc;

    *model_out = NULL;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.opts = opts;
    c.sum = sc_report_summary(r);
    if ((rc = sc_xml_bytecheck(&bytes, data, len, "metadata", r)))
        return rc;
    /* The parser's size cap for metadata is IAM's own (metadata/size): a
     * larger document is rejected by IAM and is not parsed (sec/limits). */
    size_t chars = count_chars(data, len);
    if (chars > MD_MAX_CHARS) {
        if ((rc = check_size(&c, chars)))
            return rc;
        return sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_NONE,
                             "the document is larger than %u characters, the most IAM accepts "
                             "(metadata/size); it was not parsed and checks on it stop here",
                             MD_MAX_CHARS);
    }
    if ((rc = sc_xml_parse(&doc, data, len, "metadata", &opts->limits, &bytes, r)))
        return rc;
    /* The size is a property of the characters sent, so it is reported even
     * when the XML is broken (a URL or a PEM pasted instead of the file);
     * not after xml/dtd or sec/limits, which stop all checks. */
    if (doc ||
        (!sc_report_count_rule(r, SC_RULE_XML_DTD) && !sc_report_count_rule(r, SC_RULE_SEC_LIMITS)))
        if ((rc = check_size(&c, chars)))
            goto out;
    if (!doc)
        return 0;
    if ((rc = sc_xml_check_ids(doc, r)))
        goto out;
    rc = sc_md_build_take(&c.md, doc, name);
    doc = NULL;
    if (rc)
        goto out;
    rc = check_model(&c);
out:
    cert_seen_free(&c.seen);
    xmlFreeDoc(doc);
    if (rc) {
        sc_md_free(c.md);
        c.md = NULL;
    }
    *model_out = c.md;
    return rc;
}

int samlcheck_check_metadata(samlcheck_report *r, const unsigned char *data, size_t len,
                             const samlcheck_options *opts, samlcheck_error *err)
{
    samlcheck_metadata *md = NULL;
    samlcheck_options o;
    if (!r || !data)
        return sc_arg_null(err, !r ? "r" : "data");
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    o = *opts;
    if (o.now == 0) /* check.h: 0 means the system clock */
        o.now = sc_clock_now();
    int rc = run(&md, r, data, len, samlcheck_report_input(r), &o);
    sc_md_free(md);
    if (rc == SAMLCHECK_ENOMEM)
        sc_error_set(err, rc, samlcheck_report_input(r), "out of memory");
    else if (rc == SAMLCHECK_EINVAL && opts->metadata_signer)
        sc_error_set(err, rc, "--metadata-signer",
                     "%s is not an X.509 certificate (PEM, DER or bare base64)",
                     opts->metadata_signer_name ? opts->metadata_signer_name : "--metadata-signer");
    else if (rc)
        sc_error_set(err, rc, samlcheck_report_input(r), "metadata check failed");
    return rc;
}

int samlcheck_metadata_load(samlcheck_metadata **out, const unsigned char *data, size_t len,
                            const char *name, samlcheck_report *r, const samlcheck_options *opts,
                            samlcheck_error *err)
{
    samlcheck_report *scratch = NULL;
    samlcheck_metadata *md = NULL;
    samlcheck_options o;
    int rc;

    if (!out || !data)
        return sc_arg_null(err, !out ? "out" : "data");
    *out = NULL;
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    o = *opts;
    if (o.now == 0) /* check.h: 0 means the system clock */
        o.now = sc_clock_now();
    opts = &o;
    if (!r) {
        if ((rc = samlcheck_report_new(&scratch, name ? name : "metadata", "metadata")))
            goto out;
        r = scratch;
    }
    if ((rc = run(&md, r, data, len, name, opts)))
        goto out;
    int usable = md && md->root_kind != SC_MD_ROOT_OTHER;
    size_t idp = 0;
    for (size_t i = 0; usable && i < md->n_sel; i++)
        idp += md->sel[i].idpsso != NULL;
    if (usable && idp) {
        *out = md;
        md = NULL;
    }
out:
    if (rc == SAMLCHECK_ENOMEM)
        sc_error_set(err, rc, name ? name : "", "out of memory");
    sc_md_free(md);
    samlcheck_report_free(scratch);
    return rc;
}

void samlcheck_metadata_free(samlcheck_metadata *md)
{
    sc_md_free(md);
}
