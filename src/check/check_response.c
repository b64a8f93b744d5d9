/* samlcheck response: one decoded response document, checked in the order
 * of RULES.md 7 and 11:
 *   1. safe parse (the xml rules, sec/limits) and IDs (xml/duplicate-id, id-syntax);
 *   2. structure: response/root, response/too-large, response/status,
 *      response/assertion-count (which yields the node handle A);
 *   3. signatures (sc_verify_response) and decryption (sc_decrypt_assertion,
 *      sc_verify_decrypted);
 *   4. claims, read only from A: issuer, subject, confirmation, recipient,
 *      destination, audience, time;
 *   5. the AWS attributes (sc_check_aws_attributes).
 * When a rule of RULES.md 11 failed (sc_verdict_security_failed), every
 * finding from step 4 on is flagged untrusted-content, and the trust verdict
 * (summary.signature.verdict / trusted) is derived once at the end from the
 * final findings (sc_verdict_apply, verdict.c). */
#include "samlcheck/check.h"
#include "attributes.h"
#include "verdict.h"
#include "arn.h"
#include "aws_endpoint.h"
#include "judge.h"
#include "sts_context.h"
#include "../xml/xml.h"
#include "../xml/response.h"
#include "../xml/metadata.h"
#include "../crypto/crypto.h"
#include "../base/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

#define SHOW 200                /* characters of a value shown in messages */
#define SAML_MAX_ENCODED 100000 /* SAMLAssertionType max length */
#define SAML_MIN_ENCODED 4
#define STALE_SECONDS 300 /* OBS-5MIN */
#define CAPTURE_SKEW 60   /* seconds allowed for a browser clock (judged at a HAR's time) */
#define MAX_ASSERTIONS_LISTED 4
#define TIME_BOUND 1000000000000LL /* seconds, ~31,700 years */

#define NS_STATUS_SUCCESS "urn:oasis:names:tc:SAML:2.0:status:Success"
#define NS_STATUS_PREFIX "urn:oasis:names:tc:SAML:2.0:status:"
#define NAMEID_PREFIX "urn:oasis:names:tc:SAML:2.0:nameid-format:"
#define NAMEID_ENTITY NAMEID_PREFIX "entity"
#define NAMEID_EMAIL "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
#define NAMEID_UNSPECIFIED "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
#define CM_BEARER "urn:oasis:names:tc:SAML:2.0:cm:bearer"

typedef struct rctx {
    samlcheck_report *r;
    const samlcheck_options *opts;
    json_t *summary;
    long long now;
    long long skew;
    const sc_judge *j;
    int aged; /* the time findings were folded into one age finding */
} rctx;

static char *esc(const char *s)
{
    return sc_str_escape(s ? s : "", SHOW);
}

static int enomem_if(int failed)
{
    return failed ? SAMLCHECK_ENOMEM : 0;
}

/* D5 note appended to time findings. */
static void tnote(const sc_instant *i, char *buf, size_t size)
{
    char t[32];
    buf[0] = '\0';
    if (!i->ok)
        return;
    sc_time_format(i->t, t, sizeof t);
    if (i->had_offset)
        snprintf(buf, size,
                 " (note: given with a UTC offset, not Z as SAML requires; converted "
                 "to %s)",
                 t);
    else if (i->no_zone)
        snprintf(buf, size, " (note: no time zone given, SAML requires Z; read as UTC %s)", t);
}

/* "in 4m 30s" / "4m 30s ago" */
static void rel(long long delta, char *buf, size_t size)
{
    char d[48];
    sc_duration_format(delta, d, sizeof d);
    if (delta >= 0)
        snprintf(buf, size, "in %s", d);
    else
        snprintf(buf, size, "%s ago", d);
}

/* The summary keys this file fills, in the order a developer reads them;
 * reserved (null) up front so that the text renderer keeps this order, and
 * dropped again when they stay null. */
static const char *const summary_keys[] = {"status",
                                           "issuer",
                                           "name_id",
                                           "name_id_format",
                                           "subject_type",
                                           "destination",
                                           "recipient",
                                           "audiences",
                                           "issued",
                                           "captured",
                                           "idp_clock_offset",
                                           "valid_until",
                                           "session_not_on_or_after"};

static int summary_reserve(json_t *summary)
{
    for (size_t i = 0; summary && i < sizeof summary_keys / sizeof summary_keys[0]; i++)
        if (!json_object_get(summary, summary_keys[i]) &&
            json_object_set_new(summary, summary_keys[i], json_null()))
            return SAMLCHECK_ENOMEM;
    return 0;
}

static void summary_drop_unset(json_t *summary)
{
    for (size_t i = 0; summary && i < sizeof summary_keys / sizeof summary_keys[0]; i++)
        if (json_is_null(json_object_get(summary, summary_keys[i])))
            json_object_del(summary, summary_keys[i]);
}

static int summary_str(rctx *c, const char *key, const char *val)
{
    return sc_report_summary_set_str(c->summary, key, val);
}

/* response/nameid-comment for NameID, Issuer and Audience (D4, S11). */
static int report_ambiguous(rctx *c, const sc_value *v, const char *what)
{
    char *first = esc(v->first_text), *all = esc(v->text);
    int rc = enomem_if(!first || !all);
    if (!rc && strcmp(first, all) != 0)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_COMMENT, v->node,
                           "%s contains a comment, processing instruction or child element, so "
                           "parsers disagree on its value: first text node only \"%s\", all text "
                           "\"%s\"; the value is not used by the other checks",
                           what, first, all);
    else if (!rc) /* never claim that equal readings differ */
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_COMMENT, v->node,
                           "%s contains a comment, processing instruction or child element; "
                           "both readings give \"%s\" here, but the value is ambiguous and "
                           "not used by the other checks",
                           what, all);
    free(first);
    free(all);
    return rc;
}

/* ---- response/root ---- */

static int check_root(rctx *c, const xmlNode *R, const sc_response *resp, int *ok)
{
    const char *hint = NULL;
    const char *what = NULL;
    const char *ns = R->ns && R->ns->href ? (const char *)R->ns->href : "";
    const char *local = (const char *)R->name;
    *ok = 0;
    if (sc_xml_is(R, SC_NS_SAMLP, "Response")) {
        *ok = 1;
        int rc = 0;
        if (!resp->version || strcmp(resp->version, "2.0") != 0) {
            char *v = esc(resp->version);
            if (!v)
                return SAMLCHECK_ENOMEM;
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROOT, R,
                               "the Response has Version %s%s%s; SAML 2.0 requires "
                               "Version=\"2.0\"",
                               resp->version ? "\"" : "", resp->version ? v : "(absent)",
                               resp->version ? "\"" : "");
            free(v);
        }
        if (!rc && (!resp->id || !*resp->id))
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROOT, R,
                               "the Response has %s ID attribute; a non-empty ID is required",
                               resp->id ? "an empty" : "no");
        if (!rc && !resp->issue_instant.raw)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROOT, R,
                               "the Response has no IssueInstant attribute; an xs:dateTime in "
                               "UTC is required");
        else if (!rc && !resp->issue_instant.ok) {
            char *v = esc(resp->issue_instant.raw);
            if (!v)
                return SAMLCHECK_ENOMEM;
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ROOT, R,
                               "the Response IssueInstant \"%s\" is not a valid xs:dateTime "
                               "(expected YYYY-MM-DDThh:mm:ssZ)",
                               v);
            free(v);
        }
        return rc;
    }
    if (sc_xml_is(R, SC_NS_SAML, "Assertion") || sc_xml_is(R, SC_NS_SAML, "EncryptedAssertion")) {
        what = "a bare saml:Assertion, not the samlp:Response that carries it";
        hint = "AWS takes the whole SAML response: capture the complete SAMLResponse POST "
               "parameter (browser developer tools, Network tab, the POST to "
               "https://signin.aws.amazon.com/saml), not only the assertion inside it.";
    } else if (sc_xml_is(R, SC_NS_SAMLP, "AuthnRequest")) {
        what = "a samlp:AuthnRequest (the request the service provider sends to the IdP)";
        hint = "This is the SAMLRequest leg. Capture the SAMLResponse that the IdP posts to "
               "https://signin.aws.amazon.com/saml after the sign-in.";
    } else if (sc_xml_is(R, SC_NS_SAMLP, "LogoutResponse") ||
               sc_xml_is(R, SC_NS_SAMLP, "LogoutRequest")) {
        what = "a SAML single-logout message, not an authentication response";
        hint = "Capture the SAMLResponse posted to https://signin.aws.amazon.com/saml during "
               "sign-in, not a logout message.";
    } else if (strcmp(ns, SC_NS_SAML1P) == 0 || strcmp(ns, SC_NS_SAML1) == 0) {
        what = "a SAML 1.x message (namespace urn:oasis:names:tc:SAML:1.0:*)";
        hint = "AWS accepts SAML 2.0 only: configure the IdP's AWS relying party to use the "
               "SAML 2.0 protocol (ADFS: a SAML 2.0 relying-party trust, not WS-Federation).";
    } else if (strcmp(local, "RequestSecurityTokenResponse") == 0 ||
               strcmp(local, "RequestSecurityTokenResponseCollection") == 0) {
        what = "a WS-Federation / WS-Trust RequestSecurityTokenResponse";
        hint = "AWS sign-in uses the SAML 2.0 HTTP-POST binding, not WS-Federation: configure "
               "the IdP's AWS relying party for SAML 2.0 and capture the SAMLResponse parameter.";
    } else {
        what = "not a SAML 2.0 protocol Response";
    }
    char *n = esc(local), *u = esc(ns);
    int rc = enomem_if(!n || !u);
    if (!rc)
        rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_ROOT, SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT, hint,
                            R,
                            "the document element is <%s> in namespace \"%s\": %s; expected "
                            "<samlp:Response> in namespace %s. The response is not checked "
                            "further",
                            n, u, what, SC_NS_SAMLP);
    free(n);
    free(u);
    return rc;
}

/* ---- response/too-large ---- */

static int check_size(rctx *c, size_t len, size_t encoded_len)
{
    size_t enc = encoded_len ? encoded_len : 4 * ((len + 2) / 3);
    if (enc >= SAML_MIN_ENCODED && enc <= SAML_MAX_ENCODED)
        return 0;
    return sc_report_add(c->r, SC_RULE_RESPONSE_TOO_LARGE, SC_POS_NONE,
                         "the base64 SAMLResponse is %zu characters (decoded XML: %zu bytes); "
                         "AssumeRoleWithSAML accepts %d to %d characters",
                         enc, len, SAML_MIN_ENCODED, SAML_MAX_ENCODED);
}

/* ---- response/status ---- */

static const char *short_status(const char *s)
{
    return s && sc_str_starts(s, NS_STATUS_PREFIX) ? s + strlen(NS_STATUS_PREFIX) : s;
}

static int check_status(rctx *c, const sc_response *resp)
{
    int rc = 0;
    if (!resp->status)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_STATUS, resp->node,
                             "the Response has no samlp:Status (it is schema-required; expected "
                             "StatusCode %s)",
                             NS_STATUS_SUCCESS);
    if (!resp->status_code)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_STATUS, resp->status,
                             "samlp:Status has no StatusCode with a Value; expected %s",
                             NS_STATUS_SUCCESS);
    if (strcmp(resp->status_code, NS_STATUS_SUCCESS) == 0)
        return 0;
    char *top = esc(resp->status_code), *sub = esc(resp->sub_status_code),
         *msg = esc(resp->status_message.text);
    if (!top || !sub || !msg)
        rc = SAMLCHECK_ENOMEM;
    else
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_STATUS, resp->status,
                           "the IdP reports failure: StatusCode \"%s\"%s%s%s%s%s%s; expected %s",
                           top, resp->sub_status_code ? ", second-level StatusCode \"" : "",
                           resp->sub_status_code ? sub : "", resp->sub_status_code ? "\"" : "",
                           resp->status_message.node ? ", StatusMessage \"" : "",
                           resp->status_message.node ? msg : "",
                           resp->status_message.node ? "\"" : "", NS_STATUS_SUCCESS);
    if (!rc && c->summary) {
        sc_buf b = SC_BUF_INIT;
        rc = sc_buf_puts(&b, short_status(resp->status_code));
        if (!rc && resp->sub_status_code)
            rc = sc_buf_printf(&b, " / %s", short_status(resp->sub_status_code));
        if (!rc && resp->status_message.text && *resp->status_message.text)
            rc = sc_buf_printf(&b, ": %s", resp->status_message.text);
        if (!rc)
            rc = summary_str(c, "status", b.data ? b.data : "");
        sc_buf_free(&b);
    }
    free(top);
    free(sub);
    free(msg);
    return rc;
}

/* ---- response/assertion-count ---- */

static int is_assertion(const xmlNode *n)
{
    return sc_xml_is(n, SC_NS_SAML, "Assertion") || sc_xml_is(n, SC_NS_SAML, "EncryptedAssertion");
}

/* Is @p n inside the saml:Advice of a saml:Assertion that is a direct
 * child of @p R (the RULES.md response/assertion-count info sub-case)? */
static int in_advice(const xmlNode *n, const xmlNode *R)
{
    for (const xmlNode *p = n->parent; p && p != R; p = p->parent)
        if (sc_xml_is(p, SC_NS_SAML, "Advice") && p->parent && p->parent->parent == R &&
            sc_xml_is(p->parent, SC_NS_SAML, "Assertion"))
            return 1;
    return 0;
}

/* The Assertions / EncryptedAssertions of a tree (S5). */
typedef struct assertion_count {
    xmlNode *found[MAX_ASSERTIONS_LISTED]; /* the first ones, document order */
    size_t n;                              /* all of them */
    xmlNode *main_one, *first_advice;
    size_t n_main, n_advice; /* outside / inside the Advice of an assertion child of R */
} assertion_count;

/* Count every Assertion / EncryptedAssertion at any depth of @p top, @p top
 * included; @p R is the element whose assertion children's Advice is signed
 * content (the Response; for a decrypted assertion, its document node). The
 * tree is bounded by the parser's element limit; the walk is iterative.
 * Shared by the document and the decrypted assertion. */
static void count_assertions(assertion_count *ac, xmlNode *top, const xmlNode *R)
{
    memset(ac, 0, sizeof *ac);
    for (xmlNode *cur = top; cur; cur = sc_xml_walk_next(cur, top, 1)) {
        if (cur->type == XML_ELEMENT_NODE && is_assertion(cur)) {
            if (ac->n < MAX_ASSERTIONS_LISTED)
                ac->found[ac->n] = cur;
            ac->n++;
            if (in_advice(cur, R)) {
                if (!ac->n_advice++)
                    ac->first_advice = cur;
            } else if (!ac->n_main++) {
                ac->main_one = cur;
            }
        }
    }
}

/* The info sub-case: the assertions in the Advice of the one assertion. */
static int report_advice(rctx *c, const assertion_count *ac, const char *prefix)
{
    return sc_xml_reportx(
        c->r, SC_RULE_RESPONSE_ASSERTION_COUNT, SAMLCHECK_SEV_INFO, NULL,
        "nothing to do: the Advice is part of the assertion the IdP signed", ac->first_advice,
        "%s%zu assertion%s inside the saml:Advice of the assertion: %s "
        "never read and not counted; whatever signature covers the "
        "assertion covers %s too",
        prefix, ac->n_advice, ac->n_advice == 1 ? " is" : "s are",
        ac->n_advice == 1 ? "it is" : "they are", ac->n_advice == 1 ? "it" : "them");
}

/* "path (line n), ..." of the assertions found, for a message. */
static int list_assertions(sc_buf *b, const assertion_count *ac)
{
    int rc = 0;
    for (size_t i = 0; i < ac->n && i < MAX_ASSERTIONS_LISTED && !rc; i++) {
        char *p = sc_xml_path(ac->found[i]);
        rc = p ? sc_buf_printf(b, "%s%s (line %d)", i ? ", " : "", p, sc_xml_line(ac->found[i]))
               : SAMLCHECK_ENOMEM;
        free(p);
    }
    return rc;
}

/* Assertions nested in the Advice of the one assertion are its signed
 * content and do not count (info). */
static int check_assertion_count(rctx *c, xmlNode *R, xmlNode **A_out)
{
    assertion_count ac;
    *A_out = NULL;
    count_assertions(&ac, R, R);
    xmlNode **found = ac.found;
    size_t n = ac.n;
    if (ac.n_main == 1 && ac.main_one->parent == R && ac.n_advice > 0 && ac.first_advice->parent &&
        ac.first_advice->parent->parent == ac.main_one) {
        *A_out = ac.main_one;
        return report_advice(c, &ac, "");
    }
    if (n == 1 && found[0]->parent == R) {
        *A_out = found[0];
        return 0;
    }
    if (n == 0)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_ASSERTION_COUNT, R,
                             "the Response contains no saml:Assertion and no "
                             "saml:EncryptedAssertion; exactly one is required");
    if (n == 1) {
        char *p = sc_xml_path(found[0]);
        int rc = enomem_if(!p);
        if (!rc)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ASSERTION_COUNT, found[0],
                               "the only assertion is at %s, not a direct child of the root "
                               "Response; an assertion hidden in a wrapper is a "
                               "signature-wrapping pattern and is not read",
                               p);
        free(p);
        return rc;
    }
    sc_buf b = SC_BUF_INIT;
    int rc = list_assertions(&b, &ac);
    if (!rc)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ASSERTION_COUNT, found[1],
                           "the document contains %zu assertions (Assertion or "
                           "EncryptedAssertion, at any depth): %s%s; exactly one, a direct "
                           "child of the Response, is allowed, and no claim is read",
                           n, b.data ? b.data : "", n > MAX_ASSERTIONS_LISTED ? ", ..." : "");
    sc_buf_free(&b);
    return rc;
}

/* The document rules on the decrypted plaintext (RULES.md
 * sec/decrypted-unsigned): XML Encryption replaces the EncryptedAssertion
 * @p enc with the decrypted Assertion @p dec, so xml/duplicate-id,
 * xml/id-syntax and response/assertion-count are judged on that document,
 * exactly as for a plaintext response. *ok is cleared when the decrypted
 * assertion is not the only one (its claims are then not read). */
static int check_decrypted_document(rctx *c, xmlNode *R, xmlNode *enc, xmlNode *dec, int *ok)
{
    assertion_count ac;
    *ok = 1;
    int rc = sc_xml_check_ids_decrypted(R, enc, dec, c->r);
    if (rc)
        return rc;
    /* dec is the root of its document: the Advice of dec is its signed
     * content, as the Advice of an assertion child of the Response is */
    count_assertions(&ac, dec, dec->parent);
    if (ac.n_main == 1 && ac.n_advice == 0)
        return 0;
    if (ac.n_main == 1 && ac.first_advice->parent && ac.first_advice->parent->parent == dec)
        return report_advice(c, &ac, "in the decrypted assertion: ");
    *ok = 0;
    sc_buf b = SC_BUF_INIT;
    rc = list_assertions(&b, &ac);
    if (!rc)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ASSERTION_COUNT, ac.found[1],
                           "in the decrypted assertion: the document contains %zu assertions "
                           "(the decrypted Assertion and %zu inside it, at any depth): %s%s; "
                           "exactly one, a direct child of the Response, is allowed, and no "
                           "claim is read",
                           ac.n, ac.n - 1, b.data ? b.data : "",
                           ac.n > MAX_ASSERTIONS_LISTED ? ", ..." : "");
    sc_buf_free(&b);
    /* As for a plaintext response without a single assertion, no signature
     * inside it is applicable (response/signature-wrapping step 3). */
    size_t k = 0;
    for (xmlNode *cur = dec; cur && !rc && k < 16; cur = sc_xml_walk_next(cur, dec, 1)) {
        if (cur->type == XML_ELEMENT_NODE && sc_xml_is(cur, SC_NS_DS, "Signature")) {
            char *p = sc_xml_path(cur->parent);
            k++;
            rc = p ? sc_xml_report(c->r, SC_RULE_RESPONSE_SIGNATURE_WRAPPING, cur,
                                   "in the decrypted assertion: a ds:Signature inside %s is not "
                                   "applicable: its Assertion is not the single assertion of "
                                   "the response, so it can only serve to confuse which element "
                                   "is signed",
                                   p)
                   : SAMLCHECK_ENOMEM;
            free(p);
        }
    }
    return rc;
}

/* ---- issuer ---- */

static size_t first_diff(const char *a, const char *b)
{
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    return i;
}

static int check_issuer_mismatch(rctx *c, const sc_value *iss)
{
    const samlcheck_metadata *md = c->opts->metadata;
    if (!md || md->n_entities == 0 || sc_md_has_entity(md, iss->text))
        return 0; /* O(log n): a match is the common case */
    /* no entity matches: the closest one is named (an error, once) */
    size_t best = 0, best_i = 0;
    for (size_t i = 0; i < md->n_entities; i++) {
        if (md->entity_ids[i] && strcmp(md->entity_ids[i], iss->text) == 0)
            return 0;
        size_t d = md->entity_ids[i] ? first_diff(md->entity_ids[i], iss->text) : 0;
        if (d > best || i == 0) {
            best = d;
            best_i = i;
        }
    }
    const char *want = md->entity_ids[best_i] ? md->entity_ids[best_i] : "";
    size_t d = first_diff(want, iss->text);
    char *got = esc(iss->text), *exp = esc(want);
    int rc = enomem_if(!got || !exp);
    if (!rc) {
        /* the first differing character of each, escaped (may be end of string) */
        char wc[16] = "end of string", gc[16] = "end of string";
        uint32_t cp;
        if (want[d] && sc_utf8_decode((const unsigned char *)want + d, strlen(want + d), &cp))
            snprintf(wc, sizeof wc, cp > 0x20 && cp < 0x7F ? "'%c'" : "U+%04X", (unsigned)cp);
        if (iss->text[d] &&
            sc_utf8_decode((const unsigned char *)iss->text + d, strlen(iss->text + d), &cp))
            snprintf(gc, sizeof gc, cp > 0x20 && cp < 0x7F ? "'%c'" : "U+%04X", (unsigned)cp);
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUER_MISMATCH, iss->node,
                           "the assertion Issuer \"%s\" is not the entityID of %s%s (\"%s\"%s); "
                           "they first differ at character %zu: the Issuer has %s, the metadata "
                           "has %s",
                           got, md->n_entities > 1 ? "any entity in " : "",
                           md->name ? md->name : "the metadata", exp,
                           md->n_entities > 1 ? " is the closest" : "", d + 1, gc, wc);
    }
    free(got);
    free(exp);
    return rc;
}

static int check_issuer(rctx *c, const sc_assertion *a, const sc_response *resp)
{
    int rc = 0;
    const char *iss_ok = NULL;
    if (!a->issuer.node) {
        rc = sc_xml_report(
            c->r, SC_RULE_RESPONSE_ISSUER_MISSING, a->node,
            "the Assertion has no saml:Issuer; expected the IdP's entity ID%s",
            c->opts->metadata && c->opts->metadata->n_entities ? " as in the metadata" : "");
    } else if (a->issuer.ambiguous) {
        rc = report_ambiguous(c, &a->issuer, "the assertion Issuer");
    } else if (!a->issuer.text || !*a->issuer.text) {
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUER_MISSING, a->issuer.node,
                           "the assertion Issuer is empty; expected the IdP's entity ID");
    } else {
        iss_ok = a->issuer.text;
    }
    if (!rc && a->issuer.node && a->issuer_format && strcmp(a->issuer_format, NAMEID_ENTITY) != 0) {
        char *f = esc(a->issuer_format);
        rc = f ? sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUER_MISSING, a->issuer.node,
                               "the assertion Issuer has Format \"%s\"; an Issuer Format, when "
                               "present, must be %s",
                               f, NAMEID_ENTITY)
               : SAMLCHECK_ENOMEM;
        free(f);
    }
    if (!rc && iss_ok)
        rc = check_issuer_mismatch(c, &a->issuer);
    if (!rc && resp->issuer.node) {
        if (resp->issuer.ambiguous)
            rc = report_ambiguous(c, &resp->issuer, "the Response Issuer");
        else if (iss_ok && strcmp(resp->issuer.text ? resp->issuer.text : "", iss_ok) != 0) {
            char *r1 = esc(resp->issuer.text), *a1 = esc(iss_ok);
            rc = (r1 && a1)
                     ? sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUER_INCONSISTENT, resp->issuer.node,
                                     "the Response Issuer \"%s\" differs from the "
                                     "assertion Issuer \"%s\"; AWS uses the assertion's",
                                     r1, a1)
                     : SAMLCHECK_ENOMEM;
            free(r1);
            free(a1);
        }
    }
    if (!rc && iss_ok)
        rc = summary_str(c, "issuer", iss_ok);
    return rc;
}

/* ---- subject and NameID ---- */

static const char *const std_formats[] = {
    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
    "urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName",
    "urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos",
    "urn:oasis:names:tc:SAML:2.0:nameid-format:entity",
};

/* D7 saml:sub_type */
static const char *sub_type(const char *format)
{
    return sc_str_starts(format, NAMEID_PREFIX) ? format + strlen(NAMEID_PREFIX) : format;
}

static int looks_like_email(const char *s)
{
    /* ^[^@\s]+@[^@\s]+\.[^@\s]+$: one '@' with something before it, and
     * after it a '.' that has at least one character on each side */
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; *p; p++)
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')
            return 0;
    const char *d = at + 1;
    size_t n = strlen(d);
    for (size_t k = 1; k + 1 < n; k++)
        if (d[k] == '.')
            return 1;
    return 0;
}

/* "John Doe", "Doe, John": letters separated by spaces (and , . ' -), at
 * least two words, starting with a letter. ASCII letters and any non-ASCII
 * byte count as letters. */
static int looks_like_display_name(const char *s)
{
    int words = 0, in_word = 0;
    if (!*s)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int letter = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p >= 0x80;
        if (letter) {
            if (!in_word)
                words++;
            in_word = 1;
        } else if (*p == ' ') {
            in_word = 0;
        } else if (*p == '.' || *p == '\'' || *p == '-' || *p == ',') {
            /* part of a name */
        } else {
            return 0;
        }
    }
    return words >= 2 && strchr(s, ' ') != NULL;
}

static int check_nameid(rctx *c, const sc_assertion *a)
{
    int rc = 0;
    if (!a->subject)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_MISSING, a->node,
                             "the Assertion has no saml:Subject; AWS requires a Subject with a "
                             "NameID");
    if (!a->name_id.node) {
        if (a->encrypted_id)
            return sc_xml_reportx(c->r, SC_RULE_RESPONSE_NAMEID_MISSING, SAMLCHECK_SEV_WARNING,
                                  SC_AWS_DEFAULT, NULL, a->encrypted_id,
                                  "the Subject carries a saml:EncryptedID instead of a NameID; "
                                  "AWS support for encrypted NameIDs is undocumented, and this "
                                  "tool does not decrypt it");
        if (a->base_id)
            return sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_MISSING, a->base_id,
                                 "the Subject carries a saml:BaseID instead of a NameID; AWS "
                                 "requires a NameID");
        return sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_MISSING, a->subject,
                             "the Subject has no saml:NameID");
    }
    if (a->name_id.ambiguous)
        return report_ambiguous(c, &a->name_id, "the NameID");
    const char *v = a->name_id.text ? a->name_id.text : "";
    if (!*v)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_MISSING, a->name_id.node,
                             "the NameID is empty; AWS requires a non-empty NameID");
    const char *fmt = a->name_id_format;
    int standard = 0;
    for (size_t i = 0; fmt && i < sizeof std_formats / sizeof std_formats[0]; i++)
        standard = standard || strcmp(fmt, std_formats[i]) == 0;
    if (!fmt) {
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_FORMAT, a->name_id.node,
                           "the NameID has no Format; SAML's default is %s, so saml:sub_type "
                           "would be \"%s\" (what AWS puts there for an absent Format is "
                           "not documented; do not key trust policies on it)",
                           NAMEID_UNSPECIFIED, NAMEID_UNSPECIFIED);
    } else if (!standard) {
        char *f = esc(fmt), *st = esc(sub_type(fmt));
        rc = (f && st) ? sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_FORMAT, a->name_id.node,
                                       "the NameID Format \"%s\" is not a standard SAML "
                                       "identifier; saml:sub_type will be \"%s\"",
                                       f, st)
                       : SAMLCHECK_ENOMEM;
        free(f);
        free(st);
    }
    if (rc)
        return rc;
    const char *why = NULL;
    if (fmt && strcmp(fmt, NAMEID_EMAIL) == 0)
        why = "its Format is emailAddress";
    else if (looks_like_email(v))
        why = "its value looks like an e-mail address";
    else if (looks_like_display_name(v))
        why = "its value looks like a person's name";
    if (why) {
        char *e = esc(v);
        rc = e ? sc_xml_report(c->r, SC_RULE_RESPONSE_NAMEID_PII, a->name_id.node,
                               "the NameID \"%s\" is personal data (%s); AWS records the NameID "
                               "in CloudTrail for every AssumeRoleWithSAML call",
                               e, why)
               : SAMLCHECK_ENOMEM;
        free(e);
    }
    if (!rc)
        rc = summary_str(c, "name_id", v);
    if (!rc && fmt)
        rc = summary_str(c, "name_id_format", fmt);
    /* saml:sub_type for trust-policy authors (D7) */
    if (!rc)
        rc = summary_str(c, "subject_type", sub_type(fmt ? fmt : NAMEID_UNSPECIFIED));
    return rc;
}

/* ---- subject-confirmation, recipient ---- */

static int check_confirmation(rctx *c, const sc_assertion *a)
{
    int rc = 0;
    if (!a->subject)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION, a->node,
                             "the Assertion has no Subject, so no SubjectConfirmation; AWS "
                             "requires exactly one bearer SubjectConfirmation with a "
                             "SubjectConfirmationData carrying NotOnOrAfter and Recipient");
    if (a->n_confs != 1) {
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION,
                           a->n_confs ? a->confs[1].node : a->subject,
                           "the Subject has %zu SubjectConfirmation elements; AWS requires "
                           "exactly one",
                           a->n_confs);
        if (rc || a->n_confs == 0)
            return rc;
    }
    for (size_t i = 0; i < a->n_confs && !rc; i++) {
        const sc_subject_confirmation *sc = &a->confs[i];
        if (!sc->method || strcmp(sc->method, CM_BEARER) != 0) {
            char *m = esc(sc->method);
            rc = m ? sc_xml_reportx(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION,
                                    SAMLCHECK_SEV_WARNING, SC_AWS_DEFAULT, NULL, sc->node,
                                    "the SubjectConfirmation Method is %s%s%s; expected %s",
                                    sc->method ? "\"" : "", sc->method ? m : "absent",
                                    sc->method ? "\"" : "", CM_BEARER)
                   : SAMLCHECK_ENOMEM;
            free(m);
        }
        if (!rc && sc->n_data != 1)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION, sc->node,
                               "the SubjectConfirmation has %zu SubjectConfirmationData "
                               "elements; exactly one, with NotOnOrAfter and Recipient, is "
                               "required",
                               sc->n_data);
        if (rc || !sc->data)
            continue;
        if (!sc->not_on_or_after.raw)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION, sc->data,
                               "SubjectConfirmationData has no NotOnOrAfter; AWS requires it");
        else if (!sc->not_on_or_after.ok) {
            char *v = esc(sc->not_on_or_after.raw);
            rc = v ? sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION, sc->data,
                                   "SubjectConfirmationData NotOnOrAfter \"%s\" is not a valid "
                                   "xs:dateTime (expected YYYY-MM-DDThh:mm:ssZ)",
                                   v)
                   : SAMLCHECK_ENOMEM;
            free(v);
        }
        if (!rc && !sc->recipient)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION, sc->data,
                               "SubjectConfirmationData has no Recipient; AWS requires it "
                               "(expected https://signin.aws.amazon.com/saml)");
        if (!rc && sc->not_before.raw) {
            char *v = esc(sc->not_before.raw);
            rc = v ? sc_xml_reportx(c->r, SC_RULE_RESPONSE_SUBJECT_CONFIRMATION,
                                    SAMLCHECK_SEV_WARNING, SC_AWS_DEFAULT, NULL, sc->data,
                                    "the bearer SubjectConfirmationData carries NotBefore=\"%s\"; "
                                    "SAML's Web SSO profile says it should not",
                                    v)
                   : SAMLCHECK_ENOMEM;
            free(v);
        }
    }
    return rc;
}

static const struct {
    unsigned bit;
    const char *text;
} acs_defects[] = {
    {SC_ACS_NOT_URL, "it is not an https:// URL"},
    {SC_ACS_NOT_HTTPS, "it uses http:// instead of https://"},
    {SC_ACS_UPPER_SCHEME, "the scheme has upper-case letters (the comparison is exact)"},
    {SC_ACS_WHITESPACE, "it contains whitespace or invisible characters"},
    {SC_ACS_UPPER_HOST, "the host has upper-case letters (the comparison is exact)"},
    {SC_ACS_PORT, "it names a port (no port, not even :443, is part of the endpoint)"},
    {SC_ACS_FOREIGN_HOST, "the host is not an AWS sign-in host"},
    {SC_ACS_BAD_PATH, "the path is neither /saml nor /saml/acs/<IdP-ID>"},
    {SC_ACS_TRAILING_SLASH, "it ends with a trailing '/'"},
    {SC_ACS_QUERY, "it has a query string"},
    {SC_ACS_FRAGMENT, "it has a fragment"},
};

static int check_recipient(rctx *c, const sc_assertion *a, const sc_aws_claims *claims)
{
    int mixed = claims->partition_mixed, rc = 0;
    const char *want = claims->partition[0] ? claims->partition : "aws";
    for (size_t i = 0; i < a->n_confs && !rc; i++) {
        const sc_subject_confirmation *sc = &a->confs[i];
        if (!sc->recipient)
            continue;
        sc_acs acs;
        sc_aws_acs_parse(&acs, sc->recipient);
        char *v = esc(sc->recipient);
        if (!v)
            return SAMLCHECK_ENOMEM;
        for (size_t k = 0; k < sizeof acs_defects / sizeof acs_defects[0] && !rc; k++) {
            if (!(acs.defects & acs_defects[k].bit))
                continue;
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_RECIPIENT, sc->data,
                               "Recipient \"%s\": %s; expected https://%s/saml, a regional "
                               "https://<region>.%s/saml, or .../saml/acs/<IdP-ID>",
                               v, acs_defects[k].text, sc_aws_signin_host(want),
                               sc_aws_signin_host(want));
        }
        if (!rc && (acs.defects & SC_ACS_STATIC))
            rc = sc_xml_reportx(c->r, SC_RULE_RESPONSE_RECIPIENT, SAMLCHECK_SEV_WARNING, NULL, NULL,
                                sc->data,
                                "Recipient \"%s\" uses the /static/saml path, which only one "
                                "version of the AWS documentation mentions; use "
                                "https://%s/saml",
                                v, sc_aws_signin_host(want));
        if (!rc && acs.partition[0] && !mixed && strcmp(acs.partition, want) != 0)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_RECIPIENT, sc->data,
                               "Recipient \"%s\" is a sign-in endpoint of partition %s, but the "
                               "roles in the Role attribute are in partition %s (expected "
                               "https://%s/saml)",
                               v, acs.partition, want, sc_aws_signin_host(want));
        /* With AssertionEncryptionMode Required, AWS requires the per-provider
         * /saml/acs/<IdP-ID> endpoint (DOC-ASSERT), and the IdP-ID is the
         * provider's SAMLProviderUUID when it is known. */
        int required = c->opts->encryption_mode && !strcmp(c->opts->encryption_mode, "Required");
        if (!rc && required && !acs.defects && !acs.idp_id[0])
            rc =
                sc_xml_report(c->r, SC_RULE_RESPONSE_RECIPIENT, sc->data,
                              "Recipient \"%s\" is not the /saml/acs/<IdP-ID> form that a provider "
                              "with AssertionEncryptionMode Required needs; expected "
                              "https://<region>.%s/saml/acs/%s",
                              v, sc_aws_signin_host(want),
                              c->opts->provider_uuid ? c->opts->provider_uuid : "<IdP-ID>");
        else if (!rc && required && acs.idp_id[0] && c->opts->provider_uuid &&
                 strcmp(acs.idp_id, c->opts->provider_uuid) != 0)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_RECIPIENT, sc->data,
                               "Recipient \"%s\" names IdP-ID \"%s\", but the provider's "
                               "SAMLProviderUUID is \"%s\"",
                               v, acs.idp_id, c->opts->provider_uuid);
        free(v);
        if (!rc && i == 0)
            rc = summary_str(c, "recipient", sc->recipient);
    }
    return rc;
}

/* ---- response/destination ---- */

static int check_destination(rctx *c, const sc_response *resp, const sc_assertion *a,
                             const sc_sig_outcome *sig)
{
    int rc = 0;
    if (!resp->destination) {
        if (sig->response_signed)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_DESTINATION, resp->node,
                               "the Response is signed but has no Destination attribute; the "
                               "SAML POST binding requires Destination on signed messages "
                               "(expected the AWS sign-in URL, as in Recipient)");
        return rc;
    }
    sc_acs acs;
    sc_aws_acs_parse(&acs, resp->destination);
    char *d = esc(resp->destination);
    if (!d)
        return SAMLCHECK_ENOMEM;
    const char *recipient = a && a->n_confs ? a->confs[0].recipient : NULL;
    if (acs.defects) {
        sc_buf why = SC_BUF_INIT;
        for (size_t k = 0; k < sizeof acs_defects / sizeof acs_defects[0] && !rc; k++)
            if (acs.defects & acs_defects[k].bit)
                rc = sc_buf_printf(&why, "%s%s", why.len ? "; " : "", acs_defects[k].text);
        if (!rc && (acs.defects & SC_ACS_STATIC))
            rc = sc_buf_printf(&why, "%sit uses the /static/saml path", why.len ? "; " : "");
        if (!rc)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_DESTINATION, resp->node,
                               "Destination \"%s\" is not an AWS SAML sign-in endpoint: %s", d,
                               why.data ? why.data : "");
        sc_buf_free(&why);
    } else if (recipient && strcmp(recipient, resp->destination) != 0) {
        char *rv = esc(recipient);
        rc = rv ? sc_xml_report(c->r, SC_RULE_RESPONSE_DESTINATION, resp->node,
                                "Destination \"%s\" differs from the SubjectConfirmationData "
                                "Recipient \"%s\"; both should name the same AWS endpoint",
                                d, rv)
                : SAMLCHECK_ENOMEM;
        free(rv);
    }
    if (!rc)
        rc = summary_str(c, "destination", resp->destination);
    free(d);
    return rc;
}

/* ---- response/audience ---- */

static int check_audience(rctx *c, const sc_assertion *a)
{
    int rc = 0;
    const char *sp = c->opts->aws_sp_entity_id;
    if (!a->conditions)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_AUDIENCE, a->node,
                             "the Assertion has no saml:Conditions, so no AudienceRestriction; "
                             "expected an Audience of urn:amazon:webservices or "
                             "https://signin.aws.amazon.com/saml");
    if (a->n_restrictions == 0)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_AUDIENCE, a->conditions,
                             "Conditions has no AudienceRestriction; expected an Audience of "
                             "urn:amazon:webservices or https://signin.aws.amazon.com/saml");
    json_t *auds = c->summary ? json_array() : NULL;
    if (c->summary && !auds)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < a->n_restrictions && !rc; i++) {
        const sc_audience_restriction *ar = &a->restrictions[i];
        int documented = 0, plausible = 0, ambiguous = 0;
        const char *plausible_v = NULL;
        sc_buf seen = SC_BUF_INIT;
        for (size_t j = 0; j < ar->n && !rc; j++) {
            const sc_value *v = &ar->audiences[j];
            if (v->ambiguous) {
                ambiguous = 1;
                rc = report_ambiguous(c, v, "an Audience");
                continue;
            }
            sc_audience_kind k = sc_aws_audience_classify(v->text, sp);
            documented |= k == SC_AUD_DOCUMENTED;
            if (k == SC_AUD_PLAUSIBLE && !plausible_v)
                plausible_v = v->text;
            plausible |= k == SC_AUD_PLAUSIBLE;
            char *e = esc(v->text);
            if (!e)
                rc = SAMLCHECK_ENOMEM;
            else
                rc = sc_buf_printf(&seen, "%s\"%s\"", seen.len ? ", " : "", e);
            free(e);
            if (!rc && auds && json_array_append_new(auds, json_string(v->text ? v->text : "")))
                rc = SAMLCHECK_ENOMEM;
        }
        if (!rc && !documented && plausible) {
            char *e = esc(plausible_v);
            rc = e ? sc_xml_reportx(c->r, SC_RULE_RESPONSE_AUDIENCE, SAMLCHECK_SEV_INFO, NULL, NULL,
                                    ar->node,
                                    "the AudienceRestriction's only AWS value is \"%s\", which "
                                    "is plausible but not documented; the documented values are "
                                    "urn:amazon:webservices and https://signin.aws.amazon.com/saml",
                                    e)
                   : SAMLCHECK_ENOMEM;
            free(e);
        } else if (!rc && !documented && !(ambiguous && ar->n == 1)) {
            rc = sc_xml_report(
                c->r, SC_RULE_RESPONSE_AUDIENCE, ar->node,
                "AudienceRestriction %zu of %zu has %s%s; expected "
                "urn:amazon:webservices or https://signin.aws.amazon.com/saml%s%s%s",
                i + 1, a->n_restrictions, ar->n ? "only the Audience values " : "no Audience",
                ar->n ? (seen.data ? seen.data : "") : "",
                sp ? " (or the configured SP entity ID \"" : "", sp ? sp : "", sp ? "\")" : "");
        }
        sc_buf_free(&seen);
    }
    if (!rc && auds && json_array_size(auds) > 0)
        rc = sc_report_summary_set(c->summary, "audiences", json_incref(auds));
    json_decref(auds);
    return rc;
}

/* ---- time: expired, issue-instant-stale, not-yet-valid ---- */

static int time_unparseable(rctx *c, sc_rule_id rule, const xmlNode *n, const char *what,
                            const sc_instant *i)
{
    char *v = esc(i->raw);
    int rc = v ? sc_xml_report(c->r, rule, n,
                               "%s \"%s\" is not a valid xs:dateTime (expected "
                               "YYYY-MM-DDThh:mm:ssZ)",
                               what, v)
               : SAMLCHECK_ENOMEM;
    free(v);
    return rc;
}

/* Judged as of a HAR's request time, "now" is the browser's clock. */
static const char *captured_note(const rctx *c)
{
    return c->j->source == SC_CLOCK_CAPTURED
               ? "; now is the browser's request time from the capture (60s allowed for the "
                 "browser's clock): the summary's IdP clock offset shows how far the IdP clock "
                 "is ahead of the browser's"
               : "";
}

/* expired when now >= t + skew */
static int check_expiry(rctx *c, const xmlNode *n, const char *what, const sc_instant *i,
                        int report_bad)
{
    if (!i->raw)
        return 0;
    if (!i->ok)
        return report_bad ? time_unparseable(c, SC_RULE_RESPONSE_EXPIRED, n, what, i) : 0;
    if (c->now < i->t + c->skew || c->aged)
        return 0;
    char t[32], now[32], ago[64], note[160];
    sc_time_format(i->t, t, sizeof t);
    sc_time_format(c->now, now, sizeof now);
    rel(i->t - c->now, ago, sizeof ago);
    tnote(i, note, sizeof note);
    return sc_xml_report(c->r, SC_RULE_RESPONSE_EXPIRED, n,
                         "%s is %s: it ended %s (now is %s, clock skew %llds)%s", what, t, ago, now,
                         c->skew, note);
}

static int check_not_before(rctx *c, const xmlNode *n, const char *what, const sc_instant *i)
{
    if (!i->raw)
        return 0;
    if (!i->ok)
        return time_unparseable(c, SC_RULE_RESPONSE_NOT_YET_VALID, n, what, i);
    if (c->now >= i->t - c->skew)
        return 0;
    char t[32], now[32], in[64], note[160];
    sc_time_format(i->t, t, sizeof t);
    sc_time_format(c->now, now, sizeof now);
    sc_duration_format(i->t - c->now, in, sizeof in);
    tnote(i, note, sizeof note);
    return sc_xml_report(c->r, SC_RULE_RESPONSE_NOT_YET_VALID, n,
                         "%s is %s, %s from now (%s, clock skew %llds): the response is not "
                         "valid yet, usually because of clock drift%s%s",
                         what, t, in, now, c->skew, note, captured_note(c));
}

static int check_issue_instant(rctx *c, const xmlNode *n, const char *what, const sc_instant *i)
{
    if (!i->ok)
        return 0; /* absent/unparseable: reported by response/root or below */
    char t[32], now[32], d[64], note[160];
    sc_time_format(i->t, t, sizeof t);
    sc_time_format(c->now, now, sizeof now);
    tnote(i, note, sizeof note);
    if (i->t > c->now + c->skew) {
        rel(i->t - c->now, d, sizeof d);
        return sc_xml_report(c->r, SC_RULE_RESPONSE_NOT_YET_VALID, n,
                             "%s %s lies in the future (%s; now is %s, clock skew %llds)%s%s", what,
                             t, d, now, c->skew, note, captured_note(c));
    }
    if (c->now - i->t > STALE_SECONDS + c->skew && !c->aged) {
        rel(i->t - c->now, d, sizeof d);
        return sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUE_INSTANT_STALE, n,
                             "%s %s was %s (now is %s); a response must be redeemed within %d "
                             "seconds of issuance%s",
                             what, t, d, now, STALE_SECONDS, note);
    }
    return 0;
}

/* A limit on the response's age: a NotOnOrAfter, or IssueInstant plus the
 * 300 seconds AWS allows. */
typedef struct age_limit {
    long long at;     /* the first instant it is no longer accepted */
    const char *what; /* "Conditions NotOnOrAfter", ... */
    int stale;        /* an IssueInstant limit (issue-instant-stale) */
} age_limit;

static void earliest_passed(rctx *c, const sc_instant *i, const char *what, int stale,
                            age_limit *best)
{
    if (!i->ok)
        return;
    long long at = stale ? i->t + STALE_SECONDS : i->t;
    int passed = stale ? c->now - i->t > STALE_SECONDS + c->skew : c->now >= i->t + c->skew;
    if (passed && (!best->what || at < best->at)) {
        best->at = at;
        best->what = what;
        best->stale = stale;
    }
}

/* Judged at the wall clock (or at a SAML-tracer export time), a response
 * captured earlier is past every limit: expired and issue-instant-stale
 * would list each one and bury the findings that matter. They are folded
 * into one finding, under the rule of the limit passed first, at its
 * severity (error: AWS would reject the response now), that states the age
 * and how to judge the response as issued (docs/architecture.md). */
static int check_age(rctx *c, const sc_response *resp, const sc_assertion *a)
{
    age_limit best = {0, NULL, 0};
    if (c->j->source != SC_CLOCK_WALL && c->j->source != SC_CLOCK_EXPORTED)
        return 0;
    for (size_t i = 0; i < a->n_confs; i++)
        earliest_passed(c, &a->confs[i].not_on_or_after, "SubjectConfirmationData NotOnOrAfter", 0,
                        &best);
    earliest_passed(c, &a->cond_not_on_or_after, "Conditions NotOnOrAfter", 0, &best);
    earliest_passed(c, &a->session_not_on_or_after, "AuthnStatement SessionNotOnOrAfter", 0, &best);
    earliest_passed(c, &resp->issue_instant, "the Response IssueInstant + 300 seconds", 1, &best);
    earliest_passed(c, &a->issue_instant, "the Assertion IssueInstant + 300 seconds", 1, &best);
    if (!best.what)
        return 0;
    c->aged = 1;
    const sc_instant *ii = a->issue_instant.ok ? &a->issue_instant : &resp->issue_instant;
    char at[32], now[32], ago[48], issued[32], age[48], cmd[320] = "";
    sc_time_format(best.at, at, sizeof at);
    sc_time_format(c->now, now, sizeof now);
    sc_duration_format(c->now - best.at, ago, sizeof ago);
    if (ii->ok) {
        char *in = sc_str_escape(samlcheck_report_input(c->r), 120);
        sc_time_format(ii->t, issued, sizeof issued);
        sc_duration_format(c->now - ii->t, age, sizeof age);
        snprintf(cmd, sizeof cmd,
                 "; issued %s, it is %s old. To check everything else as it was when issued, "
                 "add --now %s: samlcheck response --now %s %s",
                 issued, age, issued, issued, in ? in : "INPUT");
        free(in);
    }
    return sc_report_addx(
        c->r, best.stale ? SC_RULE_RESPONSE_ISSUE_INSTANT_STALE : SC_RULE_RESPONSE_EXPIRED,
        SAMLCHECK_SEV_ERROR, SC_AWS_DEFAULT,
        "AWS rejects this response now: sign in again for a fresh one. To see whether it was "
        "valid when issued, run the command in the message (a HAR capture is judged as of its "
        "request time by itself).",
        SC_POS_NONE, "the response %s %s ago (%s: %s; %s %s)%s",
        best.stale ? "became too old to redeem" : "expired", ago, best.what, at,
        c->j->source == SC_CLOCK_EXPORTED ? "the capture was exported at" : "now is", now, cmd);
}

static int check_times(rctx *c, const sc_response *resp, const sc_assertion *a)
{
    int rc = check_age(c, resp, a);
    if (rc)
        return rc;
    if (a->issue_instant.raw && !a->issue_instant.ok)
        rc = time_unparseable(c, SC_RULE_RESPONSE_ISSUE_INSTANT_STALE, a->node,
                              "the Assertion IssueInstant", &a->issue_instant);
    else if (!a->issue_instant.raw)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_ISSUE_INSTANT_STALE, a->node,
                           "the Assertion has no IssueInstant (schema-required), so its age "
                           "cannot be checked");
    if (!rc)
        rc = check_issue_instant(c, resp->node, "the Response IssueInstant", &resp->issue_instant);
    if (!rc)
        rc = check_issue_instant(c, a->node, "the Assertion IssueInstant", &a->issue_instant);
    for (size_t i = 0; i < a->n_confs && !rc; i++) {
        const sc_subject_confirmation *sc = &a->confs[i];
        /* an unparseable NotOnOrAfter was reported by subject-confirmation */
        rc = check_expiry(c, sc->data, "SubjectConfirmationData NotOnOrAfter", &sc->not_on_or_after,
                          0);
        if (!rc)
            rc =
                check_not_before(c, sc->data, "SubjectConfirmationData NotBefore", &sc->not_before);
    }
    if (!rc && a->conditions)
        rc = check_expiry(c, a->conditions, "Conditions NotOnOrAfter", &a->cond_not_on_or_after, 1);
    if (!rc && a->conditions)
        rc = check_not_before(c, a->conditions, "Conditions NotBefore", &a->cond_not_before);
    if (!rc && a->authn)
        rc = check_expiry(c, a->authn, "AuthnStatement SessionNotOnOrAfter",
                          &a->session_not_on_or_after, 1);
    return rc;
}

/* Summary: validity window relative to now. */
static int summary_times(rctx *c, const sc_response *resp, const sc_assertion *a)
{
    if (!c->summary)
        return 0;
    char buf[320], t[32], d[64];
    int rc = 0;
    const sc_instant *ii = a->issue_instant.ok ? &a->issue_instant : &resp->issue_instant;
    if (ii->ok) {
        sc_time_format(ii->t, t, sizeof t);
        rel(ii->t - c->now, d, sizeof d);
        snprintf(buf, sizeof buf, "%s (%s)", t, d);
        rc = summary_str(c, "issued", buf);
    }
    if (!rc && c->j->have_captured) {
        sc_time_format(c->j->captured, t, sizeof t);
        snprintf(buf, sizeof buf, "%s%s (%s %s%s)", c->j->have_captured == 2 ? "before " : "", t,
                 c->j->capture_kind, c->j->have_captured == 2 ? "export time" : "request time",
                 c->j->source == SC_CLOCK_CAPTURED ? "; times judged as of it"
                 : c->j->source == SC_CLOCK_EXPORTED && c->now != c->j->now
                     ? "; no request time, so times are judged as of the Response IssueInstant"
                     : "");
        rc = summary_str(c, "captured", buf);
        /* IssueInstant (IdP clock) against the request time (browser clock):
         * the IdP issues the response just before the browser posts it, so a
         * positive offset means the IdP clock runs ahead */
        if (!rc && c->j->have_captured == 1 && resp->issue_instant.ok) {
            long long off = resp->issue_instant.t - c->j->captured;
            sc_duration_format(off < 0 ? -off : off, d, sizeof d);
            if (off > 0)
                snprintf(buf, sizeof buf,
                         "+%s (IssueInstant is %s after the browser sent the response: the IdP "
                         "clock runs ahead)",
                         d, d);
            else
                snprintf(buf, sizeof buf, "-%s (IssueInstant is %s before the browser sent it)", d,
                         d);
            rc = summary_str(c, "idp_clock_offset", buf);
        }
    }
    /* the window ends at the earliest NotOnOrAfter */
    long long end = 0;
    int have = 0;
    if (a->cond_not_on_or_after.ok) {
        end = a->cond_not_on_or_after.t;
        have = 1;
    }
    for (size_t i = 0; i < a->n_confs; i++)
        if (a->confs[i].not_on_or_after.ok && (!have || a->confs[i].not_on_or_after.t < end)) {
            end = a->confs[i].not_on_or_after.t;
            have = 1;
        }
    if (!rc && have) {
        sc_time_format(end, t, sizeof t);
        sc_duration_format(end - c->now, d, sizeof d);
        snprintf(buf, sizeof buf, "%s (%s %s%s)", t, end > c->now ? "expires in" : "expired", d,
                 end > c->now ? "" : " ago");
        rc = summary_str(c, "valid_until", buf);
    }
    if (!rc && a->session_not_on_or_after.ok) {
        sc_time_format(a->session_not_on_or_after.t, t, sizeof t);
        rel(a->session_not_on_or_after.t - c->now, d, sizeof d);
        snprintf(buf, sizeof buf, "%s (%s)", t, d);
        rc = summary_str(c, "session_not_on_or_after", buf);
    }
    return rc;
}

/* ---- the claims of the trusted Assertion ---- */

static int check_claims(rctx *c, const sc_response *resp, const xmlNode *A, const sc_attrs *attrs,
                        const sc_sig_outcome *sig)
{
    sc_assertion a;
    sc_aws_claims claims;
    int rc = sc_assertion_build(&a, A);
    if (rc)
        goto out;
    sc_aws_claims_read(&claims, attrs);
    if ((rc = check_issuer(c, &a, resp)) || (rc = check_nameid(c, &a)) ||
        (rc = check_confirmation(c, &a)) || (rc = check_recipient(c, &a, &claims)) ||
        (rc = check_destination(c, resp, &a, sig)) || (rc = check_audience(c, &a)) ||
        (rc = check_times(c, resp, &a)) || (rc = summary_times(c, resp, &a)))
        goto out;
    rc = sc_check_aws_attributes(attrs,
                                 a.session_not_on_or_after.ok ? a.session_not_on_or_after.t : 0,
                                 c->opts, c->r, c->summary);
    if (!rc)
        rc = sc_check_trust_policy(&a, attrs, &claims, c->opts, c->r, c->summary);
out:
    sc_assertion_clear(&a);
    return rc;
}

int samlcheck_check_response(samlcheck_report *r, const unsigned char *xml, size_t len,
                             size_t encoded_len, const samlcheck_options *opts,
                             samlcheck_error *err)
{
    sc_judge j = {0, SC_CLOCK_GIVEN, 0, 0, NULL};
    if (!r || !xml)
        return sc_arg_null(err, !r ? "r" : "xml");
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    j.now = opts->now;
    if (j.now == 0) { /* check.h: 0 means the system clock */
        j.now = sc_clock_now();
        j.source = SC_CLOCK_WALL;
    }
    return sc_check_response_judged(r, xml, len, encoded_len, opts, &j, err);
}

/* Keep the time arithmetic far from overflow whatever an API caller
 * passes (xs:dateTime years have four digits). A HAR's request time comes
 * from the browser's clock, not AWS's: its own error is tolerated
 * (docs/architecture.md, the clock). */
static void bound_clock(rctx *c, samlcheck_options *o)
{
    if (c->skew < 0)
        c->skew = -c->skew;
    if (c->skew > TIME_BOUND)
        c->skew = TIME_BOUND;
    if (c->now > TIME_BOUND || c->now < -TIME_BOUND)
        c->now = c->now > 0 ? TIME_BOUND : -TIME_BOUND;
    o->now = c->now;
    if (c->j->source == SC_CLOCK_CAPTURED && c->skew < CAPTURE_SKEW)
        c->skew = CAPTURE_SKEW;
}

/* sec/limits: the parser's size cap for one response, far above what AWS
 * accepts (100,000 base64 characters, about 73 KiB of XML). */
static int report_too_large(rctx *c, size_t len, size_t encoded_len)
{
    int rc = check_size(c, len, encoded_len);
    if (!rc)
        rc = sc_report_add(c->r, SC_RULE_SEC_LIMITS, SC_POS_NONE,
                           "the decoded response is %zu bytes, more than the limit of %zu "
                           "(--limit-response-bytes); it was not parsed and checks on it "
                           "stop here",
                           len, c->opts->limits.response_bytes);
    return rc;
}

/* response/encryption-required: the provider demands encryption (API-CSP
 * AssertionEncryptionMode) and the assertion @p A travels in plaintext. */
static int check_encryption_required(rctx *c, xmlNode *A)
{
    if (!A || !sc_xml_is(A, SC_NS_SAML, "Assertion") || !c->opts->encryption_mode ||
        strcmp(c->opts->encryption_mode, "Required") != 0)
        return 0;
    return sc_xml_report(c->r, SC_RULE_RESPONSE_ENCRYPTION_REQUIRED, A,
                         "the provider's AssertionEncryptionMode is Required, but the response "
                         "carries a plaintext saml:Assertion; expected a saml:EncryptedAssertion");
}

/* verify.c removed the line breaks a pretty-printer added around the
 * values (response/signature-invalid says so once): read them again, so
 * that they are not reported once per value. */
static int reread_values(rctx *c, sc_response *resp, sc_attrs *attrs, xmlNode *R, xmlNode *A,
                         int *over)
{
    int rc;
    sc_response_clear(resp);
    if ((rc = sc_response_build(resp, R)))
        return rc;
    if (!A || !sc_xml_is(A, SC_NS_SAML, "Assertion"))
        return 0;
    sc_attrs_clear(attrs);
    return sc_attrs_build(attrs, A, &c->opts->limits, NULL, over);
}

/* The EncryptedAssertion *A of the response @p R: decrypt it into
 * *dec_doc, check that document and its signatures (*sig2, which the
 * verdict then reads), and read its attributes. *A becomes the plaintext
 * assertion, or NULL when there is none to read (no key, no plaintext, or
 * not one assertion). */
static int read_encrypted(rctx *c, xmlNode *R, xmlNode **A, xmlDocPtr *dec_doc, sc_sig_outcome *sig,
                          sc_sig_outcome *sig2, const sc_sig_outcome **verdict_from,
                          sc_attrs *attrs, int *over)
{
    xmlNode *dec_A = NULL;
    int rc, dec_ok = 0;
    if ((rc = sc_decrypt_assertion(dec_doc, &dec_A, *A, c->opts, c->r, c->summary)))
        return rc;
    if (*dec_doc && dec_A && (rc = check_decrypted_document(c, R, *A, dec_A, &dec_ok)))
        return rc;
    if (!*dec_doc || !dec_A || !dec_ok) {
        *A = NULL;
        return 0;
    }
    if ((rc = sc_verify_decrypted(sig2, sig, *dec_doc, dec_A, c->opts, c->r, c->summary)))
        return rc;
    *verdict_from = sig2;
    if (sig2->security_error)
        sig->security_error = 1;
    *A = dec_A;
    if ((rc = sc_check_lookalikes(c->r, *A)))
        return rc;
    return sc_attrs_build(attrs, *A, &c->opts->limits, c->r, over);
}

/* The trust-policy summary when no assertion was read, and the verdict,
 * once, from the final findings (RULES.md 11). */
static int finish_verdict(rctx *c, const sc_sig_outcome *verdict_from)
{
    int rc = sc_trust_policy_skipped(c->opts, c->summary,
                                     "the response has no assertion samlcheck can read");
    if (!rc && verdict_from)
        rc = sc_verdict_apply(c->summary, c->r, verdict_from, c->opts->metadata != NULL);
    return rc;
}

int sc_check_response_judged(samlcheck_report *r, const unsigned char *xml, size_t len,
                             size_t encoded_len, const samlcheck_options *opts_in,
                             const sc_judge *j, samlcheck_error *err)
{
    samlcheck_options o = *opts_in;
    const samlcheck_options *opts = &o;
    xmlDocPtr doc = NULL, dec_doc = NULL;
    xmlNode *R, *A = NULL;
    sc_response resp;
    sc_sig_outcome sig, sig2;
    const sc_sig_outcome *verdict_from = NULL; /* the outcome the verdict reads */
    sc_attrs attrs = {NULL, 0};
    int ok = 0, over = 0, rc;
    rctx c = {r, opts, sc_report_summary(r), j->now, opts->clock_skew, j, 0};

    memset(&resp, 0, sizeof resp);
    memset(&sig, 0, sizeof sig);
    memset(&sig2, 0, sizeof sig2);
    bound_clock(&c, &o);
    if ((rc = summary_reserve(c.summary)))
        goto out;
    if (opts->limits.response_bytes && len > opts->limits.response_bytes) {
        rc = report_too_large(&c, len, encoded_len);
        goto out;
    }
    rc = sc_xml_parse(&doc, xml, len, "response", &opts->limits, NULL, r);
    if (rc || !doc)
        goto out;
    if ((rc = sc_xml_check_ids(doc, r)))
        goto out;
    R = xmlDocGetRootElement(doc);
    if (!R)
        goto out;
    if ((rc = sc_response_build(&resp, R)) || (rc = check_root(&c, R, &resp, &ok)) || !ok)
        goto out;
    /* a SAML-tracer export records no request times: a response is posted
     * seconds after it is issued, so it is judged as of its IssueInstant
     * unless that lies after the export (an IdP clock running ahead) */
    if (j->source == SC_CLOCK_EXPORTED && resp.issue_instant.ok &&
        resp.issue_instant.t <= c.now + c.skew)
        o.now = c.now = resp.issue_instant.t;
    if ((rc = check_size(&c, len, encoded_len)) || (rc = check_status(&c, &resp)) ||
        (rc = check_assertion_count(&c, R, &A)) || (rc = sc_check_lookalikes(r, R)))
        goto out;
    /* sec/limits on the attributes before any signature work: exceeding a
     * limit stops the checks on this document */
    if (A && sc_xml_is(A, SC_NS_SAML, "Assertion") &&
        ((rc = sc_attrs_build(&attrs, A, &opts->limits, r, &over)) || over))
        goto out;
    if ((rc = check_encryption_required(&c, A)))
        goto out;
    if ((rc = sc_verify_response(&sig, doc, R, A, opts, r, c.summary)))
        goto out;
    verdict_from = &sig;
    if (sig.reindented && ((rc = reread_values(&c, &resp, &attrs, R, A, &over)) || over))
        goto out;
    if (A && sc_xml_is(A, SC_NS_SAML, "EncryptedAssertion") &&
        ((rc = read_encrypted(&c, R, &A, &dec_doc, &sig, &sig2, &verdict_from, &attrs, &over)) ||
         over))
        goto out;
    /* Every claim finding is flagged when a security rule failed, before
     * the claims (signature layer) or while reading them (nameid-comment). */
    size_t mark = samlcheck_report_count(r);
    if (A && (rc = check_claims(&c, &resp, A, &attrs, &sig)))
        goto out;
    if (sig.security_error || sc_verdict_security_failed(r))
        sc_report_mark_untrusted(r, mark);
out:
    if (!rc)
        rc = finish_verdict(&c, verdict_from);
    summary_drop_unset(c.summary);
    sc_attrs_clear(&attrs);
    if (rc && err && err->code == 0)
        sc_error_set(err, rc, "response", "cannot check the response (out of memory)");
    sc_response_clear(&resp);
    xmlFreeDoc(dec_doc);
    xmlFreeDoc(doc);
    return rc;
}
