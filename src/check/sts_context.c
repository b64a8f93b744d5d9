/* The STS request context of a SAML sign-in (RULES.md D7) and what STS
 * would return for it. Values are taken as the response model read them
 * (D4 strict text); an ambiguous value (comment injection) is left out, so
 * conditions on it become unevaluable rather than decided on one reading. */
#include "sts_context.h"
#include "arn.h"
#include "attributes.h"
#include "../base/base.h"
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_ROLE SC_AWS_ATTR_ROLE /* the names: attributes.h */
#define NAME_RSN SC_AWS_ATTR_RSN
#define NAME_SD SC_AWS_ATTR_SD
#define NAME_SI SC_AWS_ATTR_SI
#define NAME_TTK SC_AWS_ATTR_TTK
#define NAME_TAG SC_AWS_ATTR_TAG
#define NAMEID_PREFIX "urn:oasis:names:tc:SAML:2.0:nameid-format:"
#define NAMEID_UNSPECIFIED "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
#define CM_BEARER "urn:oasis:names:tc:SAML:2.0:cm:bearer"

void sc_role_pairs_free(sc_role_pair *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].role);
        free(p[i].provider);
    }
    free(p);
}

int sc_role_pairs(sc_role_pair **out, size_t *n, const sc_attrs *attrs)
{
    *out = NULL;
    *n = 0;
    const sc_attr *role = NULL;
    for (size_t i = 0; i < attrs->n && !role; i++)
        if (attrs->v[i].name && strcmp(attrs->v[i].name, NAME_ROLE) == 0)
            role = &attrs->v[i];
    if (!role || role->n_values == 0)
        return 0;
    sc_role_pair *p = calloc(role->n_values, sizeof *p);
    if (!p)
        return SAMLCHECK_ENOMEM;
    size_t k = 0;
    for (size_t j = 0; j < role->n_values; j++) {
        const sc_attr_value *v = &role->values[j];
        if (v->ambiguous || !v->text)
            continue;
        size_t at[2], len = strlen(v->text);
        if (sc_arn_split(v->text, len, at, 2) != 1)
            continue;
        sc_arn a1, a2;
        sc_arn_parse(&a1, v->text, at[0], SC_ARN_KIND_OTHER);
        sc_arn_parse(&a2, v->text + at[0] + 1, len - at[0] - 1, SC_ARN_KIND_OTHER);
        const char *r = NULL, *pv = NULL;
        size_t rl = 0, pl = 0;
        if (a1.kind == SC_ARN_KIND_ROLE && a2.kind == SC_ARN_KIND_PROVIDER) {
            r = v->text;
            rl = at[0];
            pv = v->text + at[0] + 1;
            pl = len - at[0] - 1;
        } else if (a1.kind == SC_ARN_KIND_PROVIDER && a2.kind == SC_ARN_KIND_ROLE) {
            pv = v->text;
            pl = at[0];
            r = v->text + at[0] + 1;
            rl = len - at[0] - 1;
        } else {
            continue;
        }
        p[k].role = sc_strndup(r, rl);
        p[k].provider = sc_strndup(pv, pl);
        if (!p[k].role || !p[k].provider) {
            sc_role_pairs_free(p, k + 1);
            return SAMLCHECK_ENOMEM;
        }
        k++;
    }
    *out = p;
    *n = k;
    return 0;
}

/* The partition of the role ARNs of the Role attribute (D2 split): the one
 * partition they share, "" when none parse or they disagree. */
static void role_partition(sc_aws_claims *out, const sc_attrs *attrs)
{
    size_t size = sizeof out->partition;
    for (size_t i = 0; attrs && i < attrs->n; i++) {
        const sc_attr *at = &attrs->v[i];
        if (!at->name || strcmp(at->name, NAME_ROLE) != 0)
            continue;
        for (size_t j = 0; j < at->n_values; j++) {
            const char *s = at->values[j].text;
            if (!s || at->values[j].ambiguous)
                continue;
            /* the D2 split (sc_arn_split), then each part judged as a role ARN */
            size_t len = strlen(s), cut[64];
            size_t ns = sc_arn_split(s, len, cut, 64);
            if (ns > 64)
                ns = 64;
            for (size_t k = 0; k <= ns; k++) {
                size_t from = k ? cut[k - 1] + 1 : 0, to = k < ns ? cut[k] : len;
                sc_arn arn;
                sc_arn_parse(&arn, s + from, to - from, SC_ARN_KIND_ROLE);
                if (arn.kind != SC_ARN_KIND_ROLE || !arn.partition || !arn.partition_known ||
                    arn.partition_len >= size)
                    continue;
                if (!out->partition[0]) {
                    memcpy(out->partition, arn.partition, arn.partition_len);
                    out->partition[arn.partition_len] = '\0';
                } else if (strlen(out->partition) != arn.partition_len ||
                           memcmp(out->partition, arn.partition, arn.partition_len) != 0) {
                    out->partition_mixed = 1;
                }
            }
        }
    }
    if (out->partition_mixed)
        out->partition[0] = '\0';
}

static int has_attr_prefix(const sc_attrs *attrs, const char *prefix, int exact)
{
    for (size_t i = 0; attrs && i < attrs->n; i++)
        if (attrs->v[i].name && (exact ? strcmp(attrs->v[i].name, prefix) == 0
                                       : sc_str_starts(attrs->v[i].name, prefix)))
            return 1;
    return 0;
}

void sc_aws_claims_read(sc_aws_claims *out, const sc_attrs *attrs)
{
    memset(out, 0, sizeof *out);
    role_partition(out, attrs);
    out->has_tags = has_attr_prefix(attrs, NAME_TAG, 0) || has_attr_prefix(attrs, NAME_TTK, 1);
    out->has_source_identity = has_attr_prefix(attrs, NAME_SI, 1);
}

int sc_sts_name_qualifier(char *out, size_t size, const char *issuer, const char *account,
                          const char *provider_name)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    char *in = sc_asprintf("%s%s/%s", issuer, account, provider_name);
    if (!in)
        return -1;
    int ok = EVP_Digest(in, strlen(in), md, &mdlen, EVP_sha1(), NULL);
    free(in);
    if (!ok || size < 4 * ((mdlen + 2) / 3) + 1)
        return -1;
    EVP_EncodeBlock((unsigned char *)out, md, (int)mdlen);
    return 0;
}

static const sc_attr *find_attr(const sc_attrs *attrs, const char *name)
{
    for (size_t i = 0; i < attrs->n; i++)
        if (attrs->v[i].name && strcmp(attrs->v[i].name, name) == 0)
            return &attrs->v[i];
    return NULL;
}

static const char *first_value(const sc_attr *a)
{
    if (!a || a->n_values == 0 || a->values[0].ambiguous)
        return NULL;
    return a->values[0].text;
}

/* Keys the response decides: absent means absent. */
static const char *const absent_keys[] = {"saml:aud",
                                          "saml:iss",
                                          "saml:sub",
                                          "saml:sub_type",
                                          "sts:sourceidentity",
                                          "sts:rolesessionname",
                                          "aws:tagkeys",
                                          "sts:transitivetagkeys",
                                          "aws:currenttime",
                                          "aws:epochtime",
                                          NULL};
static const char *const absent_prefixes[] = {"aws:requesttag/", NULL};

static int jset(json_t *o, const char *k, json_t *v)
{
    return !v || json_object_set_new(o, k, v) ? SAMLCHECK_ENOMEM : 0;
}

/* What the assertion says about its subject, as the context keys take it. */
typedef struct subject_keys {
    const char *aud, *iss, *sub, *sub_type;
} subject_keys;

/* saml:aud (the bearer SubjectConfirmationData Recipient), saml:iss,
 * saml:sub and saml:sub_type. */
static int add_subject_keys(sc_policy_ctx *ctx, subject_keys *k, const sc_assertion *a)
{
    int rc = 0;
    k->aud = NULL;
    for (size_t i = 0; i < a->n_confs && !k->aud; i++)
        if (a->confs[i].method && !strcmp(a->confs[i].method, CM_BEARER))
            k->aud = a->confs[i].recipient;
    if (!k->aud && a->n_confs)
        k->aud = a->confs[0].recipient;
    k->iss = a->issuer.ambiguous ? NULL : a->issuer.text;
    k->sub = a->name_id.ambiguous ? NULL : a->name_id.text;
    const char *fmt = a->name_id_format ? a->name_id_format : NAMEID_UNSPECIFIED;
    k->sub_type = sc_str_starts(fmt, NAMEID_PREFIX) ? fmt + strlen(NAMEID_PREFIX) : fmt;
    if (k->aud)
        rc = sc_policy_ctx_add(ctx, "saml:aud", k->aud, 0);
    if (!rc && k->iss)
        rc = sc_policy_ctx_add(ctx, "saml:iss", k->iss, 0);
    if (!rc && k->sub) {
        rc = sc_policy_ctx_add(ctx, "saml:sub", k->sub, 0);
        if (!rc)
            rc = sc_policy_ctx_add(ctx, "saml:sub_type", k->sub_type, 0);
    }
    return rc;
}

/* saml:doc and saml:namequalifier from the provider ARN; the qualifier
 * also into @p nq ("" when there is none). */
static int add_provider_keys(sc_policy_ctx *ctx, char *nq, size_t nq_size, const char *provider_arn,
                             const char *iss)
{
    char acct[16] = "";
    sc_arn p;
    int rc = 0;
    sc_arn_parse(&p, provider_arn, strlen(provider_arn), SC_ARN_KIND_PROVIDER);
    if (!sc_arn_ok(&p) || !p.name)
        return 0;
    sc_arn_account(&p, acct, sizeof acct);
    char *doc = sc_asprintf("%s/%s", acct, p.name);
    if (!doc)
        rc = SAMLCHECK_ENOMEM;
    if (!rc)
        rc = sc_policy_ctx_add(ctx, "saml:doc", doc, 0);
    if (!rc && iss && sc_sts_name_qualifier(nq, nq_size, iss, acct, p.name) == 0)
        rc = sc_policy_ctx_add(ctx, "saml:namequalifier", nq, 0);
    free(doc);
    return rc;
}

/* The attributes of the mapping table (one claim per key: the first). */
static int add_mapped_attributes(sc_policy_ctx *ctx, const sc_attrs *attrs)
{
    int rc = 0;
    for (size_t i = 0; i < attrs->n && !rc; i++) {
        const char *key = sc_attr_context_key(attrs->v[i].name);
        if (!key)
            continue;
        char full[96];
        snprintf(full, sizeof full, "saml:%s", key);
        if (sc_policy_ctx_get(ctx, full))
            continue;
        const sc_attr *at = &attrs->v[i];
        int multi = at->n_values > 1;
        for (size_t j = 0; j < at->n_values && !rc; j++)
            if (!at->values[j].ambiguous && at->values[j].text)
                rc = sc_policy_ctx_add(ctx, full, at->values[j].text, multi);
    }
    return rc;
}

/* aws:CurrentTime and aws:EpochTime. */
static int add_time_keys(sc_policy_ctx *ctx, long long now)
{
    char buf[64];
    sc_time_format(now, buf, sizeof buf);
    int rc = sc_policy_ctx_add(ctx, "aws:CurrentTime", buf, 0);
    snprintf(buf, sizeof buf, "%lld", now);
    if (!rc)
        rc = sc_policy_ctx_add(ctx, "aws:EpochTime", buf, 0);
    return rc;
}

/* aws:RequestTag/<key> and aws:TagKeys from the PrincipalTag attributes;
 * "key=value" into @p tags when not NULL. */
static int add_session_tags(sc_policy_ctx *ctx, json_t *tags, const sc_attrs *attrs)
{
    int rc = 0;
    for (size_t i = 0; i < attrs->n && !rc; i++) {
        const char *n = attrs->v[i].name;
        if (!n || !sc_str_starts(n, NAME_TAG))
            continue;
        const char *k = n + strlen(NAME_TAG), *v = first_value(&attrs->v[i]);
        if (!*k || !v)
            continue;
        char full[300];
        snprintf(full, sizeof full, "aws:RequestTag/%s", k);
        if (sc_policy_ctx_get(ctx, full))
            continue;
        rc = sc_policy_ctx_add(ctx, full, v, 0);
        if (!rc)
            rc = sc_policy_ctx_add(ctx, "aws:TagKeys", k, 1);
        if (!rc && tags) {
            char *kv = sc_asprintf("%s=%s", k, v);
            rc = !kv || json_array_append_new(tags, json_string(kv)) ? SAMLCHECK_ENOMEM : 0;
            free(kv);
        }
    }
    return rc;
}

/* sts:TransitiveTagKeys; the keys into @p trans when not NULL. */
static int add_transitive_keys(sc_policy_ctx *ctx, json_t *trans, const sc_attrs *attrs)
{
    const sc_attr *ttk = find_attr(attrs, NAME_TTK);
    int rc = 0;
    for (size_t j = 0; ttk && j < ttk->n_values && !rc; j++)
        if (!ttk->values[j].ambiguous && ttk->values[j].text) {
            rc = sc_policy_ctx_add(ctx, "sts:TransitiveTagKeys", ttk->values[j].text, 1);
            if (!rc && trans)
                rc = json_array_append_new(trans, json_string(ttk->values[j].text))
                         ? SAMLCHECK_ENOMEM
                         : 0;
        }
    return rc;
}

/* The session duration STS would grant, in words: DurationSeconds
 * (--duration), else the SessionDuration attribute, else 3600; never past
 * SessionNotOnOrAfter; none past the role's MaxSessionDuration. */
static void describe_duration(char *dur, size_t size, const sc_assertion *a, const sc_attrs *attrs,
                              long max_session, const samlcheck_options *opts)
{
    long long req = 3600;
    const char *src = "the default";
    const char *sd = first_value(find_attr(attrs, NAME_SD));
    long long sdv;
    if (opts->duration >= 0) {
        req = opts->duration;
        src = "--duration";
    } else if (sd && sc_str_to_ll(sd, &sdv) == 0 && sdv >= SC_AWS_DURATION_MIN &&
               sdv <= SC_AWS_DURATION_MAX) {
        req = sdv;
        src = "the SessionDuration attribute";
    }
    long long max = max_session >= 0 ? max_session : 3600;
    char d1[40];
    if (req > max) {
        sc_duration_format(req, d1, sizeof d1);
        snprintf(dur, size,
                 "none: %lld seconds (%s, from %s) exceeds the role's MaxSessionDuration %lld%s",
                 req, d1, src, max, max_session >= 0 ? "" : " (assumed default)");
        return;
    }
    long long g = req;
    const char *cap = "";
    if (a->session_not_on_or_after.ok && a->session_not_on_or_after.t - opts->now < g) {
        g = a->session_not_on_or_after.t - opts->now;
        cap = ", cut short by SessionNotOnOrAfter";
        if (g < 0)
            g = 0;
    }
    sc_duration_format(g, d1, sizeof d1);
    snprintf(dur, size, "%lld seconds (%s, from %s%s)", g, d1, src, cap);
}

/* What STS would return (*sts): the subject, issuer, audience, name
 * qualifier, source identity, session tags and duration. */
static int describe_sts(json_t **sts, const subject_keys *k, const char *nq, const char *si,
                        json_t *tags, json_t *trans, const char *dur)
{
    json_t *o = json_object();
    if (!o || jset(o, "Subject", k->sub ? json_string(k->sub) : json_null()) ||
        jset(o, "SubjectType", k->sub ? json_string(k->sub_type) : json_null()) ||
        jset(o, "Issuer", k->iss ? json_string(k->iss) : json_null()) ||
        jset(o, "Audience", k->aud ? json_string(k->aud) : json_null()) ||
        jset(o, "NameQualifier", nq[0] ? json_string(nq) : json_null()) ||
        jset(o, "SourceIdentity", si ? json_string(si) : json_null()) ||
        jset(o, "session_tags", json_incref(tags)) ||
        jset(o, "transitive_tag_keys", json_incref(trans)) ||
        jset(o, "session_duration", json_string(dur))) {
        json_decref(o);
        return SAMLCHECK_ENOMEM;
    }
    *sts = o;
    return 0;
}

int sc_sts_context(sc_policy_ctx *ctx, json_t **sts, const sc_assertion *a, const sc_attrs *attrs,
                   const char *provider_arn, long max_session, const samlcheck_options *opts)
{
    subject_keys k;
    char nq[64] = "";
    ctx->absent = absent_keys;
    ctx->absent_prefix = absent_prefixes;
    ctx->saml_attrs_known = 1;

    int rc = add_subject_keys(ctx, &k, a);
    if (!rc && provider_arn)
        rc = add_provider_keys(ctx, nq, sizeof nq, provider_arn, k.iss);
    if (!rc)
        rc = add_mapped_attributes(ctx, attrs);
    if (!rc)
        rc = add_time_keys(ctx, opts->now);
    json_t *tags = sts ? json_array() : NULL;
    if (!rc)
        rc = add_session_tags(ctx, tags, attrs);
    json_t *trans = sts ? json_array() : NULL;
    if (!rc)
        rc = add_transitive_keys(ctx, trans, attrs);
    const char *si = first_value(find_attr(attrs, NAME_SI));
    const char *rsn = first_value(find_attr(attrs, NAME_RSN));
    if (!rc && si)
        rc = sc_policy_ctx_add(ctx, "sts:SourceIdentity", si, 0);
    if (!rc && rsn)
        rc = sc_policy_ctx_add(ctx, "sts:RoleSessionName", rsn, 0);
    if (!rc && opts->context && opts->n_context)
        rc = sc_policy_ctx_apply(ctx, opts->context, opts->n_context);
    if (!rc && sts) {
        char dur[200];
        describe_duration(dur, sizeof dur, a, attrs, max_session, opts);
        rc = describe_sts(sts, &k, nq, si, tags, trans, dur);
    }
    json_decref(tags);
    json_decref(trans);
    return rc;
}
