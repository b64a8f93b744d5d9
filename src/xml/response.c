/* The response model: the root Response (identity, Status, Destination,
 * optional Issuer) and the one Assertion (Issuer, Subject, Conditions,
 * AuthnStatement, attributes), each read from a node handle passed in by
 * the caller (RULES.md 11, response/signature-wrapping step 6): nothing
 * here searches the document. Values are D4 strict text; xs:dateTime
 * attributes are parsed by D5. (The D1 endpoint grammar and the
 * response/audience value classes live in src/check/aws_endpoint.c.) */
#include "response.h"
#include "xml.h"
#include "../base/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small readers ---- */

static int read_value(sc_value *out, const xmlNode *n)
{
    memset(out, 0, sizeof *out);
    if (!n)
        return 0;
    out->node = n;
    return sc_xml_text(&out->text, n, &out->ambiguous, &out->first_text);
}

static void value_clear(sc_value *v)
{
    free(v->text);
    free(v->first_text);
    memset(v, 0, sizeof *v);
}

/* Copy an optional unqualified attribute; ENOMEM only when it exists. */
static int read_attr(char **out, const xmlNode *n, const char *name)
{
    *out = NULL;
    if (!sc_xml_has_attr(n, name))
        return 0;
    *out = sc_xml_attr(n, name);
    return *out ? 0 : SAMLCHECK_ENOMEM;
}

int sc_instant_read(sc_instant *out, const xmlNode *n, const char *name)
{
    memset(out, 0, sizeof *out);
    int rc = read_attr(&out->raw, n, name);
    if (rc || !out->raw)
        return rc;
    out->ok = sc_time_parse(out->raw, &out->t, &out->had_offset, &out->no_zone) == 0;
    return 0;
}

void sc_instant_clear(sc_instant *i)
{
    free(i->raw);
    memset(i, 0, sizeof *i);
}

/* ---- attributes ---- */

static int is_nil(const xmlNode *n)
{
    char *v = sc_xml_attr_ns(n, SC_NS_XSI, "nil");
    int nil = v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
    free(v);
    return nil;
}

/* The eduPersonTargetedID encoding that every Shibboleth IdP sends
 * (RULES.md response/nameid-comment and its section-11 restatement):
 * an AttributeValue whose only child element is one saml:NameID, with
 * nothing but XML whitespace text beside it. Its value is the NameID's,
 * read under D4. Anything else beside it (other text, a comment, a PI,
 * CDATA, a second element) keeps the value ambiguous. Returns the NameID
 * or NULL. */
static const xmlNode *sole_nameid(const xmlNode *v)
{
    const xmlNode *id = NULL;
    for (const xmlNode *c = v->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (id || !sc_xml_is(c, SC_NS_SAML, "NameID"))
                return NULL;
            id = c;
        } else if (c->type == XML_TEXT_NODE) {
            for (const xmlChar *t = c->content; t && *t; t++)
                if (!sc_is_xml_space(*t))
                    return NULL;
        } else {
            return NULL;
        }
    }
    return id;
}

static void attr_free(sc_attr *a)
{
    free(a->name);
    free(a->name_format);
    free(a->friendly_name);
    for (size_t i = 0; i < a->n_values; i++) {
        free(a->values[i].text);
        free(a->values[i].first_text);
    }
    free(a->values);
}

void sc_attrs_clear(sc_attrs *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        attr_free(&a->v[i]);
    free(a->v);
    a->v = NULL;
    a->n = 0;
}

static int fill_attr(sc_attr *a, const xmlNode *n, size_t n_values)
{
    int rc;
    a->node = n;
    if ((rc = read_attr(&a->name, n, "Name")) ||
        (rc = read_attr(&a->name_format, n, "NameFormat")) ||
        (rc = read_attr(&a->friendly_name, n, "FriendlyName")))
        return rc;
    if (n_values == 0)
        return 0;
    a->values = calloc(n_values, sizeof *a->values);
    if (!a->values)
        return SAMLCHECK_ENOMEM;
    for (const xmlNode *v = sc_xml_child(n, SC_NS_SAML, "AttributeValue");
         v && a->n_values < n_values; v = sc_xml_next(v, SC_NS_SAML, "AttributeValue")) {
        sc_attr_value *av = &a->values[a->n_values++];
        av->node = v;
        av->nil = is_nil(v);
        const xmlNode *id = sole_nameid(v);
        av->name_id = id != NULL;
        if ((rc = sc_xml_text(&av->text, id ? id : v, &av->ambiguous, &av->first_text)))
            return rc;
    }
    return 0;
}

int sc_attrs_build(sc_attrs *out, const xmlNode *assertion, const samlcheck_limits *lim,
                   samlcheck_report *r, int *over)
{
    samlcheck_limits dflt = SAMLCHECK_LIMITS_INIT;
    size_t total = 0;
    int rc = 0;
    memset(out, 0, sizeof *out);
    if (over)
        *over = 0;
    if (!lim)
        lim = &dflt;
    if (!assertion)
        return 0;
    /* First pass: count, and enforce sec/limits before allocating. */
    for (const xmlNode *st = sc_xml_child(assertion, SC_NS_SAML, "AttributeStatement"); st;
         st = sc_xml_next(st, SC_NS_SAML, "AttributeStatement")) {
        for (const xmlNode *a = sc_xml_child(st, SC_NS_SAML, "Attribute"); a;
             a = sc_xml_next(a, SC_NS_SAML, "Attribute")) {
            size_t nv = sc_xml_count(a, SC_NS_SAML, "AttributeValue");
            total++;
            if (lim->attributes && total > lim->attributes) {
                if (over)
                    *over = 1;
                return r ? sc_xml_report(r, SC_RULE_SEC_LIMITS, a,
                                         "the assertion has more than %u saml:Attribute "
                                         "elements (the limit); checks on this document stop here",
                                         lim->attributes)
                         : 0;
            }
            if (lim->values_per_attr && nv > lim->values_per_attr) {
                if (over)
                    *over = 1;
                return r ? sc_xml_report(r, SC_RULE_SEC_LIMITS, a,
                                         "this saml:Attribute has %zu AttributeValue elements, "
                                         "more than the limit of %u; checks on this document "
                                         "stop here",
                                         nv, lim->values_per_attr)
                         : 0;
            }
        }
    }
    if (total == 0)
        return 0;
    out->v = calloc(total, sizeof *out->v);
    if (!out->v)
        return SAMLCHECK_ENOMEM;
    for (const xmlNode *st = sc_xml_child(assertion, SC_NS_SAML, "AttributeStatement");
         st && rc == 0; st = sc_xml_next(st, SC_NS_SAML, "AttributeStatement")) {
        for (const xmlNode *a = sc_xml_child(st, SC_NS_SAML, "Attribute");
             a && rc == 0 && out->n < total; a = sc_xml_next(a, SC_NS_SAML, "Attribute")) {
            sc_attr *dst = &out->v[out->n++];
            rc = fill_attr(dst, a, sc_xml_count(a, SC_NS_SAML, "AttributeValue"));
        }
    }
    if (rc)
        sc_attrs_clear(out);
    return rc;
}

int sc_attrs_from_assertion(sc_attrs *out, const xmlNode *assertion)
{
    return sc_attrs_build(out, assertion, NULL, NULL, NULL);
}

/* ---- the Assertion ---- */

static int read_confirmation(sc_subject_confirmation *c, const xmlNode *n)
{
    int rc;
    c->node = n;
    if ((rc = read_attr(&c->method, n, "Method")))
        return rc;
    c->n_data = sc_xml_count(n, SC_NS_SAML, "SubjectConfirmationData");
    c->data = sc_xml_child(n, SC_NS_SAML, "SubjectConfirmationData");
    if (!c->data)
        return 0;
    if ((rc = read_attr(&c->recipient, c->data, "Recipient")) ||
        (rc = sc_instant_read(&c->not_on_or_after, c->data, "NotOnOrAfter")) ||
        (rc = sc_instant_read(&c->not_before, c->data, "NotBefore")))
        return rc;
    return 0;
}

static int read_subject(sc_assertion *a)
{
    const xmlNode *s = a->subject;
    const xmlNode *nid = sc_xml_child(s, SC_NS_SAML, "NameID");
    int rc;
    a->base_id = sc_xml_child(s, SC_NS_SAML, "BaseID");
    a->encrypted_id = sc_xml_child(s, SC_NS_SAML, "EncryptedID");
    if (nid) {
        if ((rc = read_value(&a->name_id, nid)) ||
            (rc = read_attr(&a->name_id_format, nid, "Format")) ||
            (rc = read_attr(&a->name_qualifier, nid, "NameQualifier")) ||
            (rc = read_attr(&a->sp_name_qualifier, nid, "SPNameQualifier")))
            return rc;
    }
    size_t n = sc_xml_count(s, SC_NS_SAML, "SubjectConfirmation");
    if (n == 0)
        return 0;
    a->confs = calloc(n, sizeof *a->confs);
    if (!a->confs)
        return SAMLCHECK_ENOMEM;
    for (const xmlNode *c = sc_xml_child(s, SC_NS_SAML, "SubjectConfirmation"); c && a->n_confs < n;
         c = sc_xml_next(c, SC_NS_SAML, "SubjectConfirmation"))
        if ((rc = read_confirmation(&a->confs[a->n_confs++], c)))
            return rc;
    return 0;
}

static int read_conditions(sc_assertion *a)
{
    const xmlNode *c = a->conditions;
    int rc;
    if ((rc = sc_instant_read(&a->cond_not_before, c, "NotBefore")) ||
        (rc = sc_instant_read(&a->cond_not_on_or_after, c, "NotOnOrAfter")))
        return rc;
    size_t n = sc_xml_count(c, SC_NS_SAML, "AudienceRestriction");
    if (n == 0)
        return 0;
    a->restrictions = calloc(n, sizeof *a->restrictions);
    if (!a->restrictions)
        return SAMLCHECK_ENOMEM;
    for (const xmlNode *ar = sc_xml_child(c, SC_NS_SAML, "AudienceRestriction");
         ar && a->n_restrictions < n; ar = sc_xml_next(ar, SC_NS_SAML, "AudienceRestriction")) {
        sc_audience_restriction *dst = &a->restrictions[a->n_restrictions++];
        size_t na = sc_xml_count(ar, SC_NS_SAML, "Audience");
        dst->node = ar;
        if (na == 0)
            continue;
        dst->audiences = calloc(na, sizeof *dst->audiences);
        if (!dst->audiences)
            return SAMLCHECK_ENOMEM;
        for (const xmlNode *au = sc_xml_child(ar, SC_NS_SAML, "Audience"); au && dst->n < na;
             au = sc_xml_next(au, SC_NS_SAML, "Audience"))
            if ((rc = read_value(&dst->audiences[dst->n++], au)))
                return rc;
    }
    return 0;
}

int sc_assertion_build(sc_assertion *out, const xmlNode *A)
{
    int rc;
    memset(out, 0, sizeof *out);
    if (!A)
        return 0;
    out->node = A;
    if ((rc = read_attr(&out->id, A, "ID")) || (rc = read_attr(&out->version, A, "Version")) ||
        (rc = sc_instant_read(&out->issue_instant, A, "IssueInstant")))
        return rc;
    out->n_issuers = sc_xml_count(A, SC_NS_SAML, "Issuer");
    const xmlNode *iss = sc_xml_child(A, SC_NS_SAML, "Issuer");
    if (iss && ((rc = read_value(&out->issuer, iss)) ||
                (rc = read_attr(&out->issuer_format, iss, "Format"))))
        return rc;
    out->subject = sc_xml_child(A, SC_NS_SAML, "Subject");
    if (out->subject && (rc = read_subject(out)))
        return rc;
    out->conditions = sc_xml_child(A, SC_NS_SAML, "Conditions");
    if (out->conditions && (rc = read_conditions(out)))
        return rc;
    out->authn = sc_xml_child(A, SC_NS_SAML, "AuthnStatement");
    if (out->authn &&
        (rc = sc_instant_read(&out->session_not_on_or_after, out->authn, "SessionNotOnOrAfter")))
        return rc;
    return 0;
}

void sc_assertion_clear(sc_assertion *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->version);
    sc_instant_clear(&a->issue_instant);
    value_clear(&a->issuer);
    free(a->issuer_format);
    value_clear(&a->name_id);
    free(a->name_id_format);
    free(a->name_qualifier);
    free(a->sp_name_qualifier);
    for (size_t i = 0; i < a->n_confs; i++) {
        free(a->confs[i].method);
        free(a->confs[i].recipient);
        sc_instant_clear(&a->confs[i].not_on_or_after);
        sc_instant_clear(&a->confs[i].not_before);
    }
    free(a->confs);
    sc_instant_clear(&a->cond_not_before);
    sc_instant_clear(&a->cond_not_on_or_after);
    for (size_t i = 0; i < a->n_restrictions; i++) {
        for (size_t j = 0; j < a->restrictions[i].n; j++)
            value_clear(&a->restrictions[i].audiences[j]);
        free(a->restrictions[i].audiences);
    }
    free(a->restrictions);
    sc_instant_clear(&a->session_not_on_or_after);
    memset(a, 0, sizeof *a);
}

/* ---- the Response ---- */

int sc_response_build(sc_response *out, const xmlNode *R)
{
    int rc;
    memset(out, 0, sizeof *out);
    if (!R)
        return 0;
    out->node = R;
    if ((rc = read_attr(&out->id, R, "ID")) || (rc = read_attr(&out->version, R, "Version")) ||
        (rc = read_attr(&out->destination, R, "Destination")) ||
        (rc = sc_instant_read(&out->issue_instant, R, "IssueInstant")))
        return rc;
    if ((rc = read_value(&out->issuer, sc_xml_child(R, SC_NS_SAML, "Issuer"))))
        return rc;
    out->status = sc_xml_child(R, SC_NS_SAMLP, "Status");
    const xmlNode *code = sc_xml_child(out->status, SC_NS_SAMLP, "StatusCode");
    if (code) {
        if ((rc = read_attr(&out->status_code, code, "Value")))
            return rc;
        const xmlNode *sub = sc_xml_child(code, SC_NS_SAMLP, "StatusCode");
        if (sub && (rc = read_attr(&out->sub_status_code, sub, "Value")))
            return rc;
    }
    return read_value(&out->status_message,
                      sc_xml_child(out->status, SC_NS_SAMLP, "StatusMessage"));
}

void sc_response_clear(sc_response *resp)
{
    if (!resp)
        return;
    free(resp->id);
    free(resp->version);
    free(resp->destination);
    sc_instant_clear(&resp->issue_instant);
    value_clear(&resp->issuer);
    free(resp->status_code);
    free(resp->sub_status_code);
    value_clear(&resp->status_message);
    memset(resp, 0, sizeof *resp);
}
