/* The structural signature-wrapping defence (RULES.md 7.2 and 11): which
 * ds:Signature elements apply (the one enveloped signature of the root
 * Response and of the single Assertion, at its position), what their
 * Reference may point at (sec/reference-uri, exactly the parent's ID,
 * resolved through the IDs registered for R and A only), which transforms
 * and canonicalisations they may use (sec/transforms), no ds:Object,
 * Manifest or external RetrievalMethod (sec/no-external-fetch), and the
 * verdict on every other signature. No cryptography here: verify.c
 * verifies the applicable signatures with xmlsec and OpenSSL. */
#include "sig.h"
#include "../base/base.h"
#include <libxml/valid.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIGS_REPORTED 16

char *sc_sig_esc(const char *s)
{
    return sc_str_escape(s ? s : "", 200);
}

/* ---- reporting helpers ---- */

const char *sc_sig_elem_name(const xmlNode *n)
{
    return n && n->name ? (const char *)n->name : "?";
}

/* A section-11 (sec rule) finding about a signature's structure.
 * @p sev is the sub-case severity (error by default); on metadata nothing
 * is more than a warning, as IAM does not check metadata signatures
 * (RULES.md sec/reference-uri, sec/transforms). Only errors make the
 * content untrusted. */
int sc_sig_report_sec(vctx *v, sc_rule_id rule, samlcheck_severity sev, const xmlNode *n,
                      const char *fmt, ...)
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
    if (v->metadata_mode && sev == SAMLCHECK_SEV_ERROR &&
        (rule == SC_RULE_SEC_REFERENCE_URI || rule == SC_RULE_SEC_TRANSFORMS))
        sev = SAMLCHECK_SEV_WARNING;
    if (sev == SAMLCHECK_SEV_ERROR)
        v->security_error = 1;
    rc = sc_xml_reportx(v->r, rule, sev, SC_AWS_DEFAULT, NULL, n, "%s%s", b.data ? b.data : "",
                        v->metadata_mode ? " (IAM does not check metadata signatures: a warning "
                                           "at most)"
                                         : "");
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
int sc_sig_scan(vctx *v, xmlNode *root, xmlNode **sigs, size_t max, size_t *nsig)
{
    size_t reported = 0;
    int rc = 0;
    *nsig = 0;
    for (xmlNode *n = root; n; n = sc_xml_walk_next(n, root, 1)) {
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
                /* in a signature's KeyInfo a same-document one is ignored
                 * like the rest of KeyInfo (check_structure, info); the
                 * same-document EncryptedKey layout is followed (decrypt.c) */
                uri = sc_xml_attr(n, "URI");
                int in_sig_keyinfo = n->parent && sc_xml_is(n->parent, SC_NS_DS, "KeyInfo") &&
                                     n->parent->parent &&
                                     sc_xml_is(n->parent->parent, SC_NS_DS, "Signature");
                if (in_sig_keyinfo && uri && !has_uri_external(uri))
                    ;
                else if (!sc_decrypt_retrieval_target(n))
                    what = uri && uri[0] == '#'
                               ? "a ds:RetrievalMethod that does not name an xenc:EncryptedKey of "
                                 "its own EncryptedAssertion"
                               : "a ds:RetrievalMethod";
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
                u = uri ? sc_sig_esc(uri) : NULL;
                /* the ds: descriptions name their element already */
                int named = sc_xml_is(n, SC_NS_DS, NULL);
                rc = report_sec(v, SC_RULE_SEC_NO_EXTERNAL_FETCH, n,
                                "%s%s%s%s%s%s%s was found; the tool never fetches it, and a "
                                "genuine SAML document never needs one",
                                what, named ? "" : " <", named ? "" : sc_sig_elem_name(n),
                                named ? "" : ">", u ? " (URI \"" : "", u ? u : "", u ? "\")" : "");
                free(u);
            }
            free(uri);
            if (rc)
                return rc;
        }
    }
    return 0;
}

/* Register the SAML ID attribute of @p elem as an XML ID (and nothing else). */
void sc_sig_register_id(xmlDocPtr doc, const xmlNode *elem)
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
int sc_sig_at_schema_position(const xmlNode *sig, const xmlNode *parent, int metadata)
{
    xmlNode *first = sc_xml_first_elem(parent);
    if (metadata)
        return sig->parent == parent;
    if (first && sc_xml_is(first, SC_NS_SAML, "Issuer"))
        first = sc_xml_next_elem(first);
    return first == sig;
}

static int is_exc_c14n(const char *a)
{
    return a && (strcmp(a, ALG_EXC_C14N) == 0 || strcmp(a, ALG_EXC_C14N_C) == 0);
}

/* Inclusive C14N 1.0 / 1.1, with or without comments: the warning sub-case
 * of sec/transforms. */
static int is_incl_c14n(const char *a)
{
    return a && (strcmp(a, ALG_C14N10) == 0 || strcmp(a, ALG_C14N10_C) == 0 ||
                 strcmp(a, ALG_C14N11) == 0 || strcmp(a, ALG_C14N11_C) == 0);
}

static int check_transforms(vctx *v, sig_check *sc, xmlNode *ref, int *incl)
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
             (!is_exc_c14n(a2) && !is_incl_c14n(a2)))
        why = "the second transform is not exclusive C14N";
    else if (t3)
        why = "there are more than two transforms";
    else if (is_incl_c14n(a2)) {
        if (sc_xml_first_elem(t2))
            why = "the inclusive C14N transform has child elements";
        else
            *incl = 1;
    } else {
        /* at most one ec:InclusiveNamespaces child, with PrefixList */
        size_t k = 0;
        for (xmlNode *c = sc_xml_first_elem(t2); c; c = sc_xml_next_elem(c)) {
            if (++k > 1 || strcmp(sc_sig_elem_name(c), "InclusiveNamespaces") != 0 || !c->ns ||
                !c->ns->href || strcmp((const char *)c->ns->href, ALG_EXC_C14N) != 0 ||
                !sc_xml_has_attr(c, "PrefixList")) {
                why = "the exclusive C14N transform has content other than one "
                      "ec:InclusiveNamespaces PrefixList";
                break;
            }
        }
    }
    if (why) {
        char *e1 = sc_sig_esc(a1), *e2 = sc_sig_esc(a2);
        rc = report_sec(v, SC_RULE_SEC_TRANSFORMS, tr ? tr : ref,
                        "the signature on <%s> is not used for trust: %s; expected exactly "
                        "enveloped-signature followed by exclusive C14N, found \"%s\"%s%s%s%s",
                        sc_sig_elem_name(sc->parent), why, a1 ? e1 : "(none)", a2 ? ", \"" : "",
                        a2 ? e2 : "", a2 ? "\"" : "", t3 ? ", ..." : "");
        free(e1);
        free(e2);
        sc->applicable = 0;
        sc->reason = "its transforms are not allowed, see sec/transforms";
    }
    free(a1);
    free(a2);
    return rc;
}

/* Does an ID-like attribute with value @p id occur more than once in the
 * document (xml/duplicate-id reports it; the reference is then refused)?
 * One iterative walk, bounded by the parser's element limit. */
static int id_repeated(xmlNode *root, const char *id)
{
    size_t n = 0;
    for (xmlNode *cur = root; cur; cur = sc_xml_walk_next(cur, root, 1)) {
        if (cur->type == XML_ELEMENT_NODE) {
            for (xmlAttr *a = cur->properties; a; a = a->next)
                if (sc_xml_is_id_attr(a) && a->children && a->children->content &&
                    strcmp((const char *)a->children->content, id) == 0 && ++n > 1)
                    return 1;
        }
    }
    return 0;
}

/* Judge the Reference URI (sec/reference-uri). */
static int check_uri(vctx *v, sig_check *sc, xmlNode *ref)
{
    char *uri = sc_xml_attr(ref, "URI");
    char *id = sc_xml_attr(sc->parent, "ID");
    const char *why = NULL, *warn = NULL;
    int rc = 0, root = xmlDocGetRootElement(v->doc) == sc->parent;
    if (!uri)
        why = "the URI attribute is absent (whole document)";
    else if (!*uri) {
        if (root)
            warn = "URI=\"\" signs the whole document; the signature's parent is the document "
                   "element, so the signed node is still exactly that element, but SAML 2.0 "
                   "Core (section 5.4.2) prescribes a reference to its ID, and AWS's handling of "
                   "URI=\"\" is "
                   "undocumented";
        else
            why = "URI=\"\" signs the whole document, not the signature's parent";
    } else if (uri[0] != '#')
        why = "the URI points outside the document";
    else if (strncmp(uri, "#xpointer(", 10) == 0)
        why = "XPointer references are not accepted";
    else if (!id || !*id)
        why = "the signed element has no ID attribute";
    else if (strcmp(uri + 1, id) != 0)
        why = "it names another element than the signature's parent";
    else {
        xmlAttr *a = xmlGetID(v->doc, (const xmlChar *)(uri + 1));
        if (!a || a->parent != sc->parent || id_repeated(xmlDocGetRootElement(v->doc), id))
            why = "the ID occurs more than once in the document (xml/duplicate-id), so it "
                  "does not name exactly the signature's parent";
        else if (!sc_xml_is_ncname(uri + 1))
            warn = "the ID is not an NCName (schema-invalid, see xml/id-syntax), but it "
                   "resolves through the ID attribute to exactly the signature's parent; "
                   "some libraries cannot find such an ID, and AWS's handling of it is "
                   "undocumented";
    }
    char *eu = sc_sig_esc(uri), *ei = sc_sig_esc(id);
    if (why) {
        sc->applicable = 0;
        sc->reason = "its Reference does not point at its parent, see sec/reference-uri";
        /* "expected" only when there is something to expect that differs */
        int differs = id && *id && (!uri || uri[0] != '#' || strcmp(uri + 1, id) != 0);
        char *expect = differs ? sc_asprintf("; expected \"#%s\" (the ID of <%s>)", ei ? ei : "",
                                             sc_sig_elem_name(sc->parent))
                               : NULL;
        if (differs && !expect)
            rc = SAMLCHECK_ENOMEM;
        else
            rc = report_sec(v, SC_RULE_SEC_REFERENCE_URI, ref,
                            "the signature on <%s> is not used for trust: Reference URI %s%s%s: "
                            "%s%s",
                            sc_sig_elem_name(sc->parent), uri ? "\"" : "", uri ? eu : "(absent)",
                            uri ? "\"" : "", why, expect ? expect : "");
        free(expect);
    } else if (warn) {
        if (uri && !*uri)
            sc->uri_empty = 1;
        rc = sc_sig_report_sec(v, SC_RULE_SEC_REFERENCE_URI, SAMLCHECK_SEV_WARNING, ref,
                               "the signature on <%s> uses Reference URI \"%s\": %s; the "
                               "signature is used",
                               sc_sig_elem_name(sc->parent), eu ? eu : "", warn);
    }
    free(eu);
    free(ei);
    free(uri);
    free(id);
    return rc;
}

static int check_reference(vctx *v, sig_check *sc, xmlNode *si, int *incl)
{
    size_t nref = sc_xml_count(si, SC_NS_DS, "Reference");
    xmlNode *ref = sc_xml_child(si, SC_NS_DS, "Reference");
    int rc = 0;
    if (nref != 1) {
        sc->applicable = 0;
        sc->reason = "its SignedInfo does not hold exactly one Reference, see sec/reference-uri";
        return report_sec(v, SC_RULE_SEC_REFERENCE_URI, si,
                          "the SignedInfo of the signature on <%s> has %zu ds:Reference "
                          "elements; exactly one, pointing at <%s>, is required",
                          sc_sig_elem_name(sc->parent), nref, sc_sig_elem_name(sc->parent));
    }
    sc->ref = ref;
    char *type = sc_xml_attr(ref, "Type");
    if (type && strcmp(type, TYPE_MANIFEST) == 0) {
        sc->applicable = 0;
        sc->reason = "it references a ds:Manifest";
        v->security_error = 1;
        rc = sc_xml_report(v->r, wrap_rule(v), ref,
                           "the signature on <%s> references a ds:Manifest; a Manifest lets "
                           "the signed content differ from the element that is read",
                           sc_sig_elem_name(sc->parent));
        free(type);
        return rc;
    }
    free(type);
    if ((rc = check_uri(v, sc, ref)))
        return rc;
    if ((rc = check_transforms(v, sc, ref, incl)))
        return rc;
    xmlNode *dm = sc_xml_child(ref, SC_NS_DS, "DigestMethod");
    sc->dig_href = dm ? sc_xml_attr(dm, "Algorithm") : NULL;
    sc->dig_alg = sc_sig_find_alg(1, sc->dig_href);
    return 0;
}

/* Step 1: the children are SignedInfo, SignatureValue and an optional
 * KeyInfo, nothing else (a ds:Object can hide the signed element). Sets
 * *si_out to the SignedInfo, or reports and makes @p sc not applicable. */
static int check_children(vctx *v, sig_check *sc, xmlNode **si_out)
{
    xmlNode *si = NULL;
    size_t k = 0;
    *si_out = NULL;
    for (xmlNode *c = sc_xml_first_elem(sc->sig); c; c = sc_xml_next_elem(c), k++) {
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
            sc->reason = sc_xml_is(c, SC_NS_DS, "Object") ? "it contains a ds:Object"
                                                          : "it contains a foreign element";
            v->security_error = 1;
            return sc_xml_report(v->r, wrap_rule(v), c,
                                 "the signature on <%s> contains <%s>, %s; only SignedInfo, "
                                 "SignatureValue and KeyInfo are allowed",
                                 sc_sig_elem_name(sc->parent), sc_sig_elem_name(c), bad);
        }
    }
    if (!si) {
        sc->applicable = 0;
        sc->reason = "it has no SignedInfo";
        sc->result = RES_MALFORMED;
        snprintf(sc->detail, sizeof sc->detail, "the ds:Signature has no SignedInfo");
    }
    *si_out = si;
    return 0;
}

/* Step 2 (RULES.md 11 step 3): a same-document ds:RetrievalMethod in
 * KeyInfo is ignored like the rest of KeyInfo (info); an external or
 * absent URI is sec/no-external-fetch (reported by the scan, which makes
 * the content untrusted). */
static int note_retrieval_method(vctx *v, const sig_check *sc)
{
    int rc = 0;
    xmlNode *ki = sc_xml_child(sc->sig, SC_NS_DS, "KeyInfo");
    xmlNode *rm = ki ? sc_xml_child(ki, SC_NS_DS, "RetrievalMethod") : NULL;
    char *rm_uri = rm ? sc_xml_attr(rm, "URI") : NULL;
    if (rm && rm_uri && !has_uri_external(rm_uri) && !v->metadata_mode)
        rc = sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, SAMLCHECK_SEV_INFO, NULL,
                            "nothing to do: the keys come from the metadata", rm,
                            "the KeyInfo of the signature on <%s> holds a ds:RetrievalMethod; "
                            "it is ignored like the rest of KeyInfo (the verifying key comes "
                            "from the metadata only)",
                            sc_sig_elem_name(sc->parent));
    free(rm_uri);
    return rc;
}

/* Step 3: SignatureMethod and CanonicalizationMethod (exclusive C14N; the
 * inclusive forms are the warning sub-case, *incl). */
static int check_signed_info_methods(vctx *v, sig_check *sc, xmlNode *si, int *incl)
{
    int rc = 0;
    xmlNode *cm = sc_xml_child(si, SC_NS_DS, "CanonicalizationMethod");
    xmlNode *sm = sc_xml_child(si, SC_NS_DS, "SignatureMethod");
    sc->cm = cm;
    sc->c14n_href = cm ? sc_xml_attr(cm, "Algorithm") : NULL;
    sc->sig_href = sm ? sc_xml_attr(sm, "Algorithm") : NULL;
    sc->sig_alg = sc_sig_find_alg(0, sc->sig_href);
    if (is_incl_c14n(sc->c14n_href) && !sc_xml_first_elem(cm)) {
        *incl = 1;
    } else if (!is_exc_c14n(sc->c14n_href)) {
        char *e = sc_sig_esc(sc->c14n_href);
        sc->applicable = 0;
        sc->reason = "its CanonicalizationMethod is not allowed, see sec/transforms";
        rc = report_sec(v, SC_RULE_SEC_TRANSFORMS, cm ? cm : si,
                        "the signature on <%s> is not used for trust: SignedInfo "
                        "CanonicalizationMethod is \"%s\"; expected exclusive C14N (%s)",
                        sc_sig_elem_name(sc->parent), sc->c14n_href ? e : "(none)", ALG_EXC_C14N);
        free(e);
    }
    return rc;
}

/* Step 5: inclusive C14N on a signature that is otherwise used: the
 * warning sub-case of sec/transforms. */
static int warn_inclusive(vctx *v, sig_check *sc, xmlNode *si)
{
    sc->c14n_inclusive = 1;
    return sc_sig_report_sec(
        v, SC_RULE_SEC_TRANSFORMS, SAMLCHECK_SEV_WARNING, sc->cm ? sc->cm : si,
        "the signature on <%s> uses inclusive C14N (%s) instead of "
        "exclusive C14N: safe, and real IdPs sign this way, but SAML 2.0 Core "
        "(section 5.4.3) recommends exclusive C14N and AWS's handling of inclusive "
        "C14N is undocumented; the signature is used",
        sc_sig_elem_name(sc->parent),
        is_incl_c14n(sc->c14n_href) ? sc->c14n_href : "in the transforms");
}

/* Judge everything that does not need a key. Sets sc->applicable. */
int sc_sig_check_structure(vctx *v, sig_check *sc)
{
    int rc, incl = 0;
    xmlNode *si = NULL;
    sc->applicable = 1;
    if ((rc = check_children(v, sc, &si)) || !si)
        return rc;
    sc->si = si;
    if ((rc = note_retrieval_method(v, sc)) || (rc = check_signed_info_methods(v, sc, si, &incl)))
        return rc;
    /* step 4: the one Reference, its URI and transforms */
    if ((rc = check_reference(v, sc, si, &incl)))
        return rc;
    if (incl && sc->applicable)
        rc = warn_inclusive(v, sc, si);
    return rc;
}

/* Summary entry of a signature that is not applicable (or ignored). */
int sc_sig_json_na(vctx *v, const xmlNode *sig, const char *reason)
{
    char *path = sc_xml_path(sig->parent);
    char *line = sc_asprintf("%s (line %d): not applicable (%s)",
                             path ? path : sc_sig_elem_name(sig->parent), sc_xml_line(sig), reason);
    json_t *o =
        line ? json_pack("{s:s, s:i, s:b, s:s, s:s, s:s}", "element", sc_sig_elem_name(sig->parent),
                         "line", sc_xml_line(sig), "applicable", 0, "result", "not-checked",
                         "reason", reason, "text", line)
             : NULL;
    free(path);
    free(line);
    if (!o)
        return SAMLCHECK_ENOMEM;
    return json_array_append_new(v->sigs, o) ? SAMLCHECK_ENOMEM : 0;
}

/* The signature among @p sigs that is a direct child of @p p: the one at
 * the schema position, else the first. */
xmlNode *sc_sig_pick(xmlNode **sigs, size_t n, const xmlNode *p)
{
    xmlNode *first = NULL;
    for (size_t i = 0; p && i < n; i++) {
        if (sigs[i]->parent != p)
            continue;
        if (sc_sig_at_schema_position(sigs[i], p, 0))
            return sigs[i];
        if (!first)
            first = sigs[i];
    }
    return first;
}

/* Is @p s inside @p top's content that @p top_sig (an enveloped signature
 * of @p top) covers? */
static int covered_by(const xmlNode *s, const xmlNode *top, const xmlNode *top_sig)
{
    for (const xmlNode *n = s->parent; n; n = n->parent) {
        if (n == top_sig)
            return 0;
        if (n == top)
            return 1;
    }
    return 0;
}

/* RULES.md 11 step 3: every signature other than the applicable ones of R
 * and A. One inside content that a verified signature covers cannot have
 * been moved (info); any other is response/signature-wrapping. */
int sc_sig_judge_others(vctx *v, xmlNode **sigs, size_t nsig, xmlNode *R, xmlNode *A,
                        const xmlNode *sR, const xmlNode *sA, int covR, int covA)
{
    int rc = 0;
    int a_plain = A && sc_xml_is(A, SC_NS_SAML, "Assertion");
    for (size_t i = 0; i < nsig; i++) {
        xmlNode *s = sigs[i];
        xmlNode *p = s->parent;
        if (s == sR || s == sA)
            continue;
        int isR = p == R, isA = a_plain && p == A;
        char *path = sc_xml_path(p);
        if (!path)
            return SAMLCHECK_ENOMEM;
        const xmlNode *by = covR && covered_by(s, R, sR)   ? R
                            : covA && covered_by(s, A, sA) ? A
                                                           : NULL;
        if (by && !isR && !isA) {
            rc = sc_xml_reportx(v->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, SAMLCHECK_SEV_INFO, NULL,
                                "nothing to do: the signed content the IdP sent includes it", s,
                                "a ds:Signature inside %s is ignored: it lies inside the content "
                                "that the signature of <%s> covers, so it cannot have been moved "
                                "without breaking that signature, and nothing is read from it",
                                path, sc_sig_elem_name(by));
            if (!rc && v->sigs)
                rc = sc_sig_json_na(v, s, "inside signed content: ignored");
        } else {
            const char *why =
                (isR || isA) ? "its parent already has a signature"
                : (sc_xml_is(p, SC_NS_SAML, "Assertion") && !A)
                    ? "its Assertion is not the single assertion of the response"
                    : "its parent is neither the root Response nor the single Assertion";
            v->security_error = 1;
            rc = sc_xml_report(
                v->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, s,
                "a ds:Signature inside %s is not applicable: %s; only one signature on the root "
                "Response and one on the single Assertion may be used, so this one can only "
                "serve to confuse which element is signed",
                path, why);
            if (!rc && v->sigs)
                rc = sc_sig_json_na(v, s, why);
        }
        free(path);
        if (rc)
            return rc;
    }
    return 0;
}
