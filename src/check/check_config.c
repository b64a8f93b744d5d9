/* `samlcheck config`: one federation model from every file a CI job holds
 * (RULES.md section 10). The AWS CLI's JSON is read as it prints it:
 * get-saml-provider, list-saml-providers, get-role and list-roles output,
 * and the --cli-input-json request documents of create-saml-provider,
 * update-saml-provider, create-role, update-role and assume-role-with-saml.
 * IdP metadata, PEM keys and SAML responses may be given directly too.
 *
 * Each file gets a report of kind "config" with the config findings at
 * the JSON value's line and column. Every embedded document is checked by
 * its own command into a report of its own, named after the file and the
 * member ("update.json: SAMLMetadataDocument"), whose lines are lines of
 * that embedded document. Every sample response is checked against the
 * provider the configuration describes (the planned metadata when an update
 * brings one, else the current one; its encryption mode, provider UUID and
 * key count) and against every role it offers that the configuration
 * describes (trust policy, MaxSessionDuration), so one run answers "will
 * every user of this IdP still get in after this change?". */
#include "samlcheck/check.h"
#include "samlcheck/report.h"
#include "../report/sc_report.h"
#include "../base/base.h"
#include "../policy/policy.h"
#include "config_iac.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

typedef enum cfg_shape {
    SH_UNKNOWN = 0,
    SH_METADATA,       /* IdP metadata XML */
    SH_PEM,            /* a private key */
    SH_RESPONSE,       /* a sample response in any `samlcheck response` form */
    SH_GET_PROVIDER,   /* aws iam get-saml-provider */
    SH_LIST_PROVIDERS, /* aws iam list-saml-providers */
    SH_CREATE_PROVIDER,
    SH_UPDATE_PROVIDER,
    SH_GET_ROLE,   /* aws iam get-role */
    SH_LIST_ROLES, /* aws iam list-roles */
    SH_CREATE_ROLE,
    SH_UPDATE_ROLE,
    SH_ASSUME, /* assume-role-with-saml request */
    SH_CFN,    /* a CloudFormation template */
    SH_TF      /* terraform show -json (plan or state) */
} cfg_shape;

static const char *const shape_names[] = {"unknown JSON",
                                          "IdP metadata",
                                          "private key",
                                          "SAML response",
                                          "get-saml-provider",
                                          "list-saml-providers",
                                          "create-saml-provider",
                                          "update-saml-provider",
                                          "get-role",
                                          "list-roles",
                                          "create-role",
                                          "update-role",
                                          "assume-role-with-saml",
                                          "CloudFormation template",
                                          "Terraform plan or state"};

typedef struct cfg_file {
    const char *name;
    const unsigned char *data;
    size_t len;
    cfg_shape shape;
    samlcheck_report *r; /* kind "config"; handed to the output list */
    sc_pj_doc *doc;
    const sc_pj *root;
    /* a template's resources become files of their own (iac set): the
     * root is the request-shaped Properties, r is the template's report */
    int iac;
    int yaml;           /* read as YAML */
    const char *arn;    /* iac: the resource's ARN when known */
    sc_iac_model model; /* SH_CFN: the resources */
} cfg_file;

typedef struct cfg_role {
    char *arn;                   /* owned, or NULL when the account is unknown */
    const char *name;            /* borrowed from the JSON tree */
    long max;                    /* MaxSessionDuration, -1 when not stated (IAM: 3600) */
    const unsigned char *policy; /* the policy input text for samlcheck_policy_load */
    size_t policy_len;
    char *policy_owned; /* when the text had to be made */
    cfg_file *f;
} cfg_role;

typedef struct cfg {
    cfg_file *files;
    size_t n_files;
    const samlcheck_options *opts;
    /* output */
    samlcheck_report **out;
    size_t n_out, cap_out;
    /* the provider */
    cfg_file *get, *create, *update, *list, *md_file;
    const char *provider_arn; /* borrowed */
    char *provider_arn_owned;
    /* roles */
    cfg_role *roles;
    size_t n_roles, cap_roles;
    /* resources of templates, one cfg_file each (stable addresses) */
    cfg_file **virt;
    size_t n_virt;
} cfg;

static int push_report(cfg *c, samlcheck_report *r)
{
    samlcheck_report **v = sc_grow(c->out, c->n_out, &c->cap_out, sizeof *v, 8);
    if (!v)
        return SAMLCHECK_ENOMEM;
    c->out = v;
    c->out[c->n_out++] = r;
    return 0;
}

static sc_pos at(const sc_pj *n, const char *path)
{
    sc_pos p = {n ? n->line : 0, n ? n->col : 0, path};
    return p;
}

/* A member's string value (NULL when absent or not a string). */
static const sc_pj *str_member(const sc_pj *o, const char *key)
{
    const sc_pj *v = o ? sc_pj_get(o, key) : NULL;
    return v && v->type == SC_PJ_STR ? v : NULL;
}

/* Present and not the empty string (RULES.md config/update-empty). */
static int given(const sc_pj *o, const char *key)
{
    const sc_pj *v = o ? sc_pj_get(o, key) : NULL;
    if (!v || v->type == SC_PJ_NULL)
        return 0;
    return v->type != SC_PJ_STR || v->slen > 0;
}

static const char *skip_ws(const unsigned char *d, size_t len, size_t *i)
{
    size_t k = 0;
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        k = 3;
    while (k < len && sc_is_xml_space(d[k]))
        k++;
    *i = k;
    return k < len ? (const char *)d + k : NULL;
}

/* A YAML CloudFormation template: a line that begins with "Resources:" or
 * "AWSTemplateFormatVersion:" (neither can begin a base64 or form-encoded
 * response). */
static int looks_like_yaml_template(const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && d[i - 1] != '\n')
            continue;
        if (sc_mem_starts(d + i, len - i, "Resources:") ||
            sc_mem_starts(d + i, len - i, "AWSTemplateFormatVersion:"))
            return 1;
    }
    return 0;
}

/* What a file is, from its content (RULES.md section 1: detected, never
 * guessed from the name). */
static int classify(cfg_file *f, sc_pj_result *pr)
{
    size_t i;
    const char *p = skip_ws(f->data, f->len, &i);
    if (!p)
        return SH_UNKNOWN;
    if (*p == '<') {
        /* metadata when its document element is an Entity(ies)Descriptor */
        size_t n = f->len - i;
        for (size_t k = 0; k + 1 < n; k++) {
            if (p[k] != '<' || p[k + 1] == '?' || p[k + 1] == '!')
                continue;
            const char *e = p + k + 1;
            size_t m = 0;
            while (k + 1 + m < n && e[m] != '>' && !sc_is_xml_space(e[m]) && e[m] != '/')
                m++;
            const char *colon = memchr(e, ':', m);
            const char *local = colon ? colon + 1 : e;
            size_t ll = m - (size_t)(local - e);
            if ((ll == 16 && !memcmp(local, "EntityDescriptor", 16)) ||
                (ll == 18 && !memcmp(local, "EntitiesDescriptor", 18)))
                return SH_METADATA;
            return SH_RESPONSE;
        }
        return SH_RESPONSE;
    }
    if (f->len - i >= 10 && !memcmp(p, "-----BEGIN", 10))
        return SH_PEM;
    if (*p != '{' && looks_like_yaml_template(f->data, f->len))
        f->yaml = 1;
    else if (*p != '{')
        return SH_RESPONSE; /* base64, a form body: `samlcheck response` decides */
    int rc = f->yaml ? sc_yaml_parse(&f->doc, pr, (const char *)f->data, f->len)
                     : sc_pj_parse(&f->doc, pr, (const char *)f->data, f->len);
    if (rc)
        return rc;
    if (!pr->root || pr->root->type != SC_PJ_OBJ)
        return SH_UNKNOWN;
    const sc_pj *o = pr->root;
    f->root = o;
    if (sc_cfn_is_template(o))
        return SH_CFN;
    if (!f->yaml && sc_tf_is_show_json(o))
        return SH_TF;
    if (sc_pj_get(o, "log") || sc_pj_get(o, "requests"))
        return SH_RESPONSE; /* a HAR or SAML-tracer capture */
    if (sc_pj_get(o, "SAMLProviderList"))
        return SH_LIST_PROVIDERS;
    if (sc_pj_get(o, "Roles"))
        return SH_LIST_ROLES;
    if (sc_pj_get(o, "Role"))
        return SH_GET_ROLE;
    if (sc_pj_get(o, "SAMLAssertion") || sc_pj_get(o, "PrincipalArn"))
        return SH_ASSUME;
    if (sc_pj_get(o, "SAMLProviderArn"))
        return SH_UPDATE_PROVIDER;
    if (sc_pj_get(o, "RoleName"))
        return sc_pj_get(o, "AssumeRolePolicyDocument") ? SH_CREATE_ROLE : SH_UPDATE_ROLE;
    if (sc_pj_get(o, "Name") && sc_pj_get(o, "SAMLMetadataDocument"))
        return SH_CREATE_PROVIDER;
    if (sc_pj_get(o, "SAMLMetadataDocument") || sc_pj_get(o, "PrivateKeyList") ||
        sc_pj_get(o, "SAMLProviderUUID"))
        return SH_GET_PROVIDER;
    return SH_UNKNOWN;
}

/* ---- embedded documents ---- */

typedef int (*check_fn)(samlcheck_report *, const unsigned char *, size_t,
                        const samlcheck_options *, samlcheck_error *);

static int check_embedded(cfg *c, cfg_file *f, const sc_pj *v, const char *member, const char *kind,
                          check_fn fn)
{
    if (!v || v->type != SC_PJ_STR || v->slen == 0)
        return 0;
    char *name = sc_asprintf("%s: %s (line %d of %s)", f->name, member, v->line, f->name);
    samlcheck_report *r = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = name ? samlcheck_report_new(&r, name, kind) : SAMLCHECK_ENOMEM;
    free(name);
    if (!rc)
        rc = fn(r, (const unsigned char *)v->s, v->slen, c->opts, &err);
    if (!rc)
        rc = push_report(c, r);
    if (rc)
        samlcheck_report_free(r);
    return rc;
}

/* The documents a create/update-saml-provider request carries, each checked
 * by its own command. */
static int check_provider_documents(cfg *c, cfg_file *f, const sc_pj *o)
{
    int rc = check_embedded(c, f, str_member(o, "SAMLMetadataDocument"), "SAMLMetadataDocument",
                            "metadata", samlcheck_check_metadata);
    if (!rc)
        rc = check_embedded(c, f, str_member(o, "AddPrivateKey"), "AddPrivateKey", "key",
                            samlcheck_check_key);
    return rc;
}

/* ---- provider rules ---- */

static int is_name_char(int ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '.' || ch == '-';
}

static int check_provider_name(cfg_file *f, const sc_pj *v)
{
    if (!v)
        return 0;
    if (v->type != SC_PJ_STR)
        return sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_NAME, at(v, "Name"),
                             "Name is a JSON %s, not a string", sc_pj_type_name(v->type));
    char *e = sc_str_escape(v->s, 200);
    int rc = 0, prose = 0, bad = v->slen == 0 || v->slen > 128;
    for (size_t i = 0; i < v->slen && !bad; i++) {
        unsigned char ch = (unsigned char)v->s[i];
        if (ch == '+' || ch == '=' || ch == ',' || ch == '@')
            prose = 1;
        else if (!is_name_char(ch))
            bad = 1;
    }
    if (bad)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_NAME, at(v, "Name"),
                           "provider name \"%s\" (%zu characters) must be 1 to 128 letters, "
                           "digits, '_', '.' or '-'",
                           e ? e : "?", v->slen);
    else if (prose)
        rc = sc_report_addx(f->r, SC_RULE_CONFIG_PROVIDER_NAME, SAMLCHECK_SEV_WARNING,
                            SC_AWS_DEFAULT, NULL, at(v, "Name"),
                            "provider name \"%s\" uses '+', '=', ',' or '@': the API's prose "
                            "allows them, its pattern [\\w._-]+ does not",
                            e ? e : "?");
    free(e);
    return rc;
}

static int check_mode_value(cfg_file *f, const sc_pj *o)
{
    const sc_pj *v = o ? sc_pj_get(o, "AssertionEncryptionMode") : NULL;
    if (!v || v->type == SC_PJ_NULL || (v->type == SC_PJ_STR && v->slen == 0))
        return 0; /* absent (an empty string counts as absent) */
    if (v->type == SC_PJ_STR && (!strcmp(v->s, "Required") || !strcmp(v->s, "Allowed")))
        return 0;
    char *e = v->type == SC_PJ_STR ? sc_str_escape(v->s, 100) : NULL;
    int rc =
        sc_report_add(f->r, SC_RULE_CONFIG_ENCRYPTION_MODE_VALUE, at(v, "AssertionEncryptionMode"),
                      "AssertionEncryptionMode is %s%s%s; it must be exactly \"Required\" "
                      "or \"Allowed\" (case-sensitive)",
                      e ? "\"" : "a JSON ", e ? e : sc_pj_type_name(v->type), e ? "\"" : "");
    free(e);
    return rc;
}

/* Unicode letters, separators and digits are allowed in tag text; this
 * reader accepts every non-ASCII code point as one (documented) and checks
 * the ASCII ones exactly: [\p{L}\p{Z}\p{N}_.:/=+\-@]. */
static int tag_text_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80)
            continue;
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              ch == ' ' || strchr("_.:/=+-@", ch)))
            return 0;
    }
    return 1;
}

static int check_tags(cfg_file *f, const sc_pj *tags)
{
    if (!tags || tags->type == SC_PJ_NULL)
        return 0;
    if (tags->type != SC_PJ_ARR)
        return sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(tags, "Tags"),
                             "Tags is a JSON %s, not a list of {\"Key\", \"Value\"} objects",
                             sc_pj_type_name(tags->type));
    int rc = 0;
    if (tags->n > 50)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(tags, "Tags"),
                           "%zu tags; a SAML provider takes at most 50", tags->n);
    size_t i = 0;
    for (const sc_pj *t = tags->first; t && !rc; t = t->next, i++) {
        const sc_pj *k = str_member(t, "Key"), *v = sc_pj_get(t, "Value");
        char path[32];
        snprintf(path, sizeof path, "Tags[%zu]", i);
        if (!k) {
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(t, path),
                               "tag %zu has no string Key", i + 1);
            continue;
        }
        char *ek = sc_str_escape(k->s, 140);
        size_t kc = sc_utf8_count(k->s, k->slen);
        if (kc < 1 || kc > 128 || !tag_text_ok(k->s, k->slen))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(k, path),
                               "tag key \"%s\" (%zu characters) must be 1 to 128 letters, "
                               "digits, spaces or _ . : / = + - @",
                               ek ? ek : "?", kc);
        else if (!strncmp(k->s, "aws:", 4))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(k, path),
                               "tag key \"%s\" begins with the reserved prefix \"aws:\"",
                               ek ? ek : "?");
        for (const sc_pj *u = tags->first; !rc && u != t; u = u->next) {
            const sc_pj *uk = str_member(u, "Key");
            if (uk && uk->slen == k->slen && !memcmp(uk->s, k->s, k->slen)) {
                rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(k, path),
                                   "tag key \"%s\" appears twice (first at line %d)", ek ? ek : "?",
                                   uk->line);
                break;
            }
        }
        free(ek);
        if (rc || !v || v->type == SC_PJ_NULL)
            continue;
        if (v->type != SC_PJ_STR) {
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(v, path),
                               "the Value of tag %zu is a JSON %s, not a string", i + 1,
                               sc_pj_type_name(v->type));
            continue;
        }
        size_t vc = sc_utf8_count(v->s, v->slen);
        char *ev = sc_str_escape(v->s, 140);
        if (vc > 256 || !tag_text_ok(v->s, v->slen))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(v, path),
                               "tag value \"%s\" (%zu characters) must be at most 256 letters, "
                               "digits, spaces or _ . : / = + - @",
                               ev ? ev : "?", vc);
        else if (!strncmp(v->s, "aws:", 4))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_PROVIDER_TAGS, at(v, path),
                               "tag value \"%s\" begins with the reserved prefix \"aws:\"",
                               ev ? ev : "?");
        free(ev);
    }
    return rc;
}

/* The current number of private keys (get-saml-provider), -1 unknown. */
static long current_keys(const cfg *c)
{
    if (!c->get || !c->get->root)
        return -1;
    const sc_pj *l = sc_pj_get(c->get->root, "PrivateKeyList");
    if (!l || l->type == SC_PJ_NULL)
        return 0; /* get-saml-provider omits an empty list */
    return l->type == SC_PJ_ARR ? (long)l->n : -1;
}

static const char *current_mode(const cfg *c)
{
    const sc_pj *m = c->get ? str_member(c->get->root, "AssertionEncryptionMode") : NULL;
    return m ? m->s : NULL;
}

static int check_create_provider(cfg *c, cfg_file *f)
{
    const sc_pj *o = f->root;
    int rc = check_provider_name(f, sc_pj_get(o, "Name"));
    if (!rc)
        rc = check_mode_value(f, o);
    if (!rc)
        rc = check_tags(f, sc_pj_get(o, "Tags"));
    const sc_pj *m = str_member(o, "AssertionEncryptionMode");
    if (!rc && m && !strcmp(m->s, "Required") && !given(o, "AddPrivateKey"))
        rc = sc_report_add(f->r, SC_RULE_CONFIG_ENCRYPTION_REQUIRED_NO_KEY,
                           at(m, "AssertionEncryptionMode"),
                           "create-saml-provider sets AssertionEncryptionMode Required without "
                           "an AddPrivateKey");
    return rc ? rc : check_provider_documents(c, f, o);
}

static int key_id_syntax_ok(const char *s, size_t n)
{
    if (n < 22 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static int check_update_provider(cfg *c, cfg_file *f)
{
    const sc_pj *o = f->root;
    int rc = check_mode_value(f, o);
    int add = given(o, "AddPrivateKey"), rem = given(o, "RemovePrivateKey");
    long keys = current_keys(c);
    if (!rc && !given(o, "SAMLMetadataDocument") && !given(o, "AssertionEncryptionMode") && !add &&
        !rem)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_UPDATE_EMPTY, at(o, NULL),
                           "the update sets none of SAMLMetadataDocument, "
                           "AssertionEncryptionMode, AddPrivateKey and RemovePrivateKey "
                           "(empty strings count as absent)");
    if (!rc && add && rem)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_ADD_AND_REMOVE,
                           at(sc_pj_get(o, "RemovePrivateKey"), "RemovePrivateKey"),
                           "the same request adds and removes a private key");
    if (!rc && add && keys >= 2)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_TOO_MANY_KEYS,
                           at(sc_pj_get(o, "AddPrivateKey"), "AddPrivateKey"),
                           "the provider already holds %ld private keys (%s); IAM keeps at most 2",
                           keys, c->get->name);
    const sc_pj *m = str_member(o, "AssertionEncryptionMode");
    if (!rc && m && !strcmp(m->s, "Required") && keys == 0 && !add)
        rc = sc_report_add(f->r, SC_RULE_CONFIG_ENCRYPTION_REQUIRED_NO_KEY,
                           at(m, "AssertionEncryptionMode"),
                           "the update sets AssertionEncryptionMode Required while the provider "
                           "holds no private key (%s) and the request adds none",
                           c->get->name);
    const sc_pj *rk = sc_pj_get(o, "RemovePrivateKey");
    if (!rc && rem && rk->type == SC_PJ_STR) {
        char *e = sc_str_escape(rk->s, 100);
        const sc_pj *list = c->get ? sc_pj_get(c->get->root, "PrivateKeyList") : NULL;
        int found = 0;
        for (const sc_pj *k = list && list->type == SC_PJ_ARR ? list->first : NULL; k;
             k = k->next) {
            const sc_pj *id = str_member(k, "KeyId");
            if (id && id->slen == rk->slen && !memcmp(id->s, rk->s, rk->slen))
                found = 1;
        }
        if (!key_id_syntax_ok(rk->s, rk->slen))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_REMOVE_UNKNOWN_KEY_ID,
                               at(rk, "RemovePrivateKey"),
                               "RemovePrivateKey \"%s\" is not a key ID (22 to 64 upper-case "
                               "letters and digits)",
                               e ? e : "?");
        else if (c->get && !found)
            rc = sc_report_add(f->r, SC_RULE_CONFIG_REMOVE_UNKNOWN_KEY_ID,
                               at(rk, "RemovePrivateKey"),
                               "RemovePrivateKey \"%s\" is none of the %ld key IDs in the "
                               "PrivateKeyList of %s",
                               e ? e : "?", keys, c->get->name);
        free(e);
        const char *mode = m ? m->s : current_mode(c);
        if (!rc && found && keys == 1 && mode && !strcmp(mode, "Required"))
            rc = sc_report_add(f->r, SC_RULE_CONFIG_REMOVE_ONLY_KEY, at(rk, "RemovePrivateKey"),
                               "removing the provider's only private key while "
                               "AssertionEncryptionMode is Required (%s)",
                               m ? "set by this request" : "its current mode");
    } else if (!rc && rem && rk->type != SC_PJ_STR) {
        rc =
            sc_report_add(f->r, SC_RULE_CONFIG_REMOVE_UNKNOWN_KEY_ID, at(rk, "RemovePrivateKey"),
                          "RemovePrivateKey is a JSON %s, not a key ID", sc_pj_type_name(rk->type));
    }
    return rc ? rc : check_provider_documents(c, f, o);
}

/* ---- roles ---- */

static int role_name_ok(const char *s, size_t n)
{
    if (n < 1 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!is_name_char((unsigned char)s[i]) && !strchr("+=,@", s[i]))
            return 0;
    return 1;
}

static int path_ok(const char *s, size_t n)
{
    if (n < 1 || n > 512 || s[0] != '/' || s[n - 1] != '/')
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7E)
            return 0;
    return 1;
}

static int check_max_duration(cfg_file *f, const sc_pj *v, long *out)
{
    *out = -1;
    if (!v || v->type == SC_PJ_NULL)
        return 0;
    long long x = 0;
    if (v->type == SC_PJ_NUM && !sc_str_to_ll(v->s, &x) && x >= 3600 && x <= 43200) {
        *out = (long)x;
        return 0;
    }
    char *e = v->type == SC_PJ_STR || v->type == SC_PJ_NUM ? sc_str_escape(v->s, 60) : NULL;
    int rc = sc_report_add(f->r, SC_RULE_CONFIG_MAX_SESSION_DURATION, at(v, "MaxSessionDuration"),
                           "MaxSessionDuration is %s%s%s; it must be a whole number of seconds "
                           "from 3600 to 43200",
                           e ? "" : "a JSON ", e ? e : sc_pj_type_name(v->type),
                           v->type == SC_PJ_STR ? " (a string)" : "");
    free(e);
    return rc;
}

static int add_role(cfg *c, cfg_role *role)
{
    cfg_role *v = sc_grow(c->roles, c->n_roles, &c->cap_roles, sizeof *v, 8);
    if (!v)
        return SAMLCHECK_ENOMEM;
    c->roles = v;
    c->roles[c->n_roles++] = *role;
    return 0;
}

static char *account_of(const char *arn)
{
    /* arn:PART:iam::ACCOUNT:... */
    const char *p = arn;
    for (int k = 0; k < 4 && p; k++) {
        p = strchr(p, ':');
        if (p)
            p++;
    }
    const char *e = p ? strchr(p, ':') : NULL;
    if (!p || !e || e - p != 12)
        return NULL;
    char *part = NULL;
    const char *ps = arn + 4, *pe = strchr(ps, ':');
    if (pe)
        part = sc_strndup(ps, (size_t)(pe - ps));
    char *r = part ? sc_asprintf("%s:%.12s", part, p) : NULL;
    free(part);
    return r; /* "PARTITION:ACCOUNT" */
}

static int check_create_role(cfg *c, cfg_file *f)
{
    const sc_pj *o = f->root, *n = sc_pj_get(o, "RoleName"), *path = str_member(o, "Path");
    int rc = 0;
    if (!(f->iac && !n) && (!n || n->type != SC_PJ_STR || !role_name_ok(n->s, n->slen))) {
        char *e = n && n->type == SC_PJ_STR ? sc_str_escape(n->s, 100) : NULL;
        rc = sc_report_add(f->r, SC_RULE_CONFIG_ROLE_NAME, at(n ? n : o, "RoleName"),
                           "RoleName %s%s%s must be 1 to 64 letters, digits or + = , . @ _ -",
                           e ? "\"" : "", e ? e : "is not a string", e ? "\"" : "");
        free(e);
    }
    if (!rc && path && !path_ok(path->s, path->slen)) {
        char *e = sc_str_escape(path->s, 100);
        rc = sc_report_add(f->r, SC_RULE_CONFIG_ROLE_NAME, at(path, "Path"),
                           "Path \"%s\" must be \"/\" or \"/.../\", 1 to 512 printable ASCII "
                           "characters",
                           e ? e : "?");
        free(e);
    }
    cfg_role role = {0};
    role.f = f;
    role.name = n && n->type == SC_PJ_STR ? n->s : NULL;
    if (!rc)
        rc = check_max_duration(f, sc_pj_get(o, "MaxSessionDuration"), &role.max);
    if (rc || (!role.name && !f->iac))
        return rc;
    /* the trust policy: a JSON string (as the CLI takes it) or an object */
    const sc_pj *pd = sc_pj_get(o, "AssumeRolePolicyDocument");
    if (pd && pd->type == SC_PJ_STR) {
        role.policy = (const unsigned char *)pd->s;
        role.policy_len = pd->slen;
    } else if (pd && pd->type == SC_PJ_OBJ) {
        role.policy = f->data + pd->off;
        role.policy_len = pd->end - pd->off;
    }
    if (role.policy) {
        char *name =
            sc_asprintf("%s: AssumeRolePolicyDocument (line %d of %s)", f->name, pd->line, f->name);
        samlcheck_report *r = NULL;
        samlcheck_error err;
        samlcheck_error_clear(&err);
        rc = name ? samlcheck_report_new(&r, name, "policy") : SAMLCHECK_ENOMEM;
        free(name);
        if (!rc)
            rc = samlcheck_check_policy(r, role.policy, role.policy_len, c->opts, &err);
        if (!rc)
            rc = push_report(c, r);
        if (rc)
            samlcheck_report_free(r);
    }
    if (!rc && !role.name)
        return 0; /* a template role named at deploy time: not a described role */
    if (!rc && f->arn) {
        role.arn = sc_strdup(f->arn);
        rc = role.arn ? add_role(c, &role) : SAMLCHECK_ENOMEM;
        if (rc)
            free(role.arn);
    } else if (!rc) {
        /* the ARN, when the provider's account is known */
        char *acct = c->provider_arn ? account_of(c->provider_arn) : NULL;
        if (acct) {
            char *colon = strchr(acct, ':');
            *colon = '\0';
            role.arn = sc_asprintf("arn:%s:iam::%s:role%s%s", acct, colon + 1, path ? path->s : "/",
                                   role.name);
            free(acct);
        }
        rc = add_role(c, &role);
    }
    return rc;
}

static int check_update_role(cfg *c, cfg_file *f)
{
    const sc_pj *o = f->root, *n = sc_pj_get(o, "RoleName");
    long max;
    int rc = check_max_duration(f, sc_pj_get(o, "MaxSessionDuration"), &max);
    if (rc || max < 0 || !n || n->type != SC_PJ_STR)
        return rc;
    /* the planned MaxSessionDuration replaces the current one */
    for (size_t i = 0; i < c->n_roles; i++)
        if (c->roles[i].name && !strcmp(c->roles[i].name, n->s))
            c->roles[i].max = max;
    return 0;
}

static int read_roles_output(cfg *c, cfg_file *f)
{
    const sc_pj *one = sc_pj_get(f->root, "Role"), *many = sc_pj_get(f->root, "Roles");
    const sc_pj *first = one ? one : many && many->type == SC_PJ_ARR ? many->first : NULL;
    int rc = 0;
    for (const sc_pj *r = first; r && !rc; r = one ? NULL : r->next) {
        const sc_pj *arn = str_member(r, "Arn"), *n = str_member(r, "RoleName");
        cfg_role role = {0};
        role.f = f;
        role.name = n ? n->s : NULL;
        role.arn = arn ? sc_strdup(arn->s) : NULL;
        const sc_pj *m = sc_pj_get(r, "MaxSessionDuration");
        long long x;
        role.max = m && m->type == SC_PJ_NUM && !sc_str_to_ll(m->s, &x) ? (long)x : -1;
        /* the whole output is the policy input; the role ARN picks the role */
        role.policy = f->data;
        role.policy_len = f->len;
        rc = add_role(c, &role);
    }
    if (!rc) {
        samlcheck_report *r = NULL;
        samlcheck_error err;
        samlcheck_error_clear(&err);
        char *name = sc_asprintf("%s: trust policies", f->name);
        rc = name ? samlcheck_report_new(&r, name, "policy") : SAMLCHECK_ENOMEM;
        free(name);
        if (!rc)
            rc = samlcheck_check_policy(r, f->data, f->len, c->opts, &err);
        if (!rc)
            rc = push_report(c, r);
        if (rc)
            samlcheck_report_free(r);
    }
    return rc;
}

static int check_role_names_unique(cfg *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->n_roles && !rc; i++)
        for (size_t j = 0; j < i && !rc; j++)
            if (c->roles[i].name && c->roles[j].name && c->roles[i].f->shape == SH_CREATE_ROLE &&
                sc_str_ieq(c->roles[i].name, c->roles[j].name) &&
                strcmp(c->roles[i].name, c->roles[j].name) != 0) {
                char *a = sc_str_escape(c->roles[i].name, 80),
                     *b = sc_str_escape(c->roles[j].name, 80);
                rc = sc_report_add(c->roles[i].f->r, SC_RULE_CONFIG_ROLE_NAME,
                                   at(sc_pj_get(c->roles[i].f->root, "RoleName"), "RoleName"),
                                   "role \"%s\" differs from role \"%s\" (%s) only by case; IAM "
                                   "role names are unique regardless of case",
                                   a ? a : "?", b ? b : "?", c->roles[j].f->name);
                free(a);
                free(b);
            }
    return rc;
}

static const cfg_role *find_role(const cfg *c, const char *arn)
{
    for (size_t i = 0; arn && i < c->n_roles; i++)
        if (c->roles[i].arn && !strcmp(c->roles[i].arn, arn))
            return &c->roles[i];
    return NULL;
}

/* ---- samples ---- */

/* The provider as the sample responses will meet it: the planned metadata
 * when an update or create brings one, else the current one. */
static const sc_pj *effective_metadata(const cfg *c, const char **from)
{
    const cfg_file *src[] = {c->update, c->create, c->get};
    for (size_t i = 0; i < 3; i++) {
        const sc_pj *m = src[i] ? str_member(src[i]->root, "SAMLMetadataDocument") : NULL;
        if (m && m->slen) {
            *from = src[i]->name;
            return m;
        }
    }
    *from = NULL;
    return NULL;
}

typedef struct provider_view {
    samlcheck_metadata *md;
    const char *md_planned; /* the request file whose metadata replaces the current one */
    samlcheck_keyset *ks;
    const char *mode;
    const char *uuid;
    long keys; /* -1 unknown */
} provider_view;

static int build_provider(cfg *c, provider_view *pv)
{
    memset(pv, 0, sizeof *pv);
    pv->keys = current_keys(c);
    const char *from = NULL;
    const sc_pj *m = effective_metadata(c, &from);
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = 0;
    if (m && c->get && from != c->get->name)
        pv->md_planned = from;
    if (m) {
        rc = samlcheck_metadata_load(&pv->md, (const unsigned char *)m->s, m->slen, from, NULL,
                                     c->opts, &err);
        if (rc == SAMLCHECK_ENOMEM)
            return rc;
        rc = 0;
    } else if (c->md_file) {
        rc = samlcheck_metadata_load(&pv->md, c->md_file->data, c->md_file->len, c->md_file->name,
                                     NULL, c->opts, &err);
        if (rc == SAMLCHECK_ENOMEM)
            return rc;
        rc = 0;
    }
    const cfg_file *modes[] = {c->update, c->create, c->get};
    for (size_t i = 0; i < 3 && !pv->mode; i++) {
        const sc_pj *v = modes[i] ? str_member(modes[i]->root, "AssertionEncryptionMode") : NULL;
        if (v && v->slen)
            pv->mode = v->s;
    }
    const sc_pj *u = c->get ? str_member(c->get->root, "SAMLProviderUUID") : NULL;
    pv->uuid = u ? u->s : NULL;
    /* keys: a planned AddPrivateKey, and PEM files given directly */
    const sc_pj *adds[] = {c->update ? str_member(c->update->root, "AddPrivateKey") : NULL,
                           c->create ? str_member(c->create->root, "AddPrivateKey") : NULL};
    for (size_t i = 0; i < 2 && !rc; i++) {
        if (!adds[i] || !adds[i]->slen)
            continue;
        if (!pv->ks && (rc = samlcheck_keyset_new(&pv->ks)))
            break;
        if (samlcheck_keyset_add_pem(pv->ks, (const unsigned char *)adds[i]->s, adds[i]->slen,
                                     "AddPrivateKey", &err) == 0 &&
            pv->keys >= 0)
            pv->keys++;
    }
    for (size_t i = 0; i < c->n_files && !rc; i++) {
        if (c->files[i].shape != SH_PEM)
            continue;
        if (!pv->ks && (rc = samlcheck_keyset_new(&pv->ks)))
            break;
        samlcheck_error_clear(&err);
        (void)samlcheck_keyset_add_pem(pv->ks, c->files[i].data, c->files[i].len, c->files[i].name,
                                       &err);
    }
    if (c->create && pv->keys < 0)
        pv->keys = adds[1] && adds[1]->slen ? 1 : 0;
    return rc;
}

/* The (role, provider) pairs a checked response offers (its summary). */
static int offered_roles(samlcheck_report *r, const char ***roles, const char ***provs, size_t *n)
{
    *roles = *provs = NULL;
    *n = 0;
    json_t *arr = json_object_get(sc_report_summary(r), "roles");
    size_t k = json_array_size(arr);
    if (!k)
        return 0;
    *roles = calloc(k, sizeof **roles);
    *provs = calloc(k, sizeof **provs);
    if (!*roles || !*provs)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        json_t *o = json_array_get(arr, i);
        const char *ra = json_string_value(json_object_get(o, "role_arn"));
        const char *pa = json_string_value(json_object_get(o, "provider_arn"));
        const char *st = json_string_value(json_object_get(o, "status"));
        if (ra && pa && st && !strcmp(st, "ok")) {
            (*roles)[*n] = ra;
            (*provs)[(*n)++] = pa;
        }
    }
    return 0;
}

static int check_one_sample(cfg *c, const char *name, const unsigned char *data, size_t len,
                            samlcheck_options *o, const cfg_role *role, int pass_role,
                            const char *planned)
{
    samlcheck_policy *pol = NULL;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = 0;
    o->role_arn = pass_role && role ? role->arn : o->role_arn;
    o->max_session_duration = role && role->max > 0 ? role->max : o->max_session_duration;
    if (role && role->policy) {
        rc = samlcheck_policy_load(&pol, role->policy, role->policy_len, NULL, o, &err);
        if (rc)
            return rc;
        o->trust_policy = pol;
    }
    samlcheck_report **rs = NULL;
    size_t n = 0;
    char *label = sc_asprintf("%s%s%s%s%s", name, role && pass_role ? " (as " : "",
                              role && pass_role ? role->arn : "", role && pass_role ? ")" : "",
                              planned ? planned : "");
    if (!label)
        rc = SAMLCHECK_ENOMEM;
    else
        rc = samlcheck_check_response_input(&rs, &n, label, data, len, o, &err);
    free(label);
    for (size_t j = 0; j < n; j++)
        if (!rc && push_report(c, rs[j]) == 0)
            rs[j] = NULL;
    for (size_t j = 0; j < n; j++)
        samlcheck_report_free(rs[j]);
    free(rs);
    samlcheck_policy_free(pol);
    o->trust_policy = NULL;
    return rc;
}

static int check_sample(cfg *c, const provider_view *pv, const char *name,
                        const unsigned char *data, size_t len, const cfg_file *assume)
{
    samlcheck_options o = *c->opts;
    char planned_buf[300];
    const char *planned = NULL;
    if (pv->md_planned) {
        snprintf(planned_buf, sizeof planned_buf, " [against the metadata planned in %s]",
                 pv->md_planned);
        planned = planned_buf;
    }
    o.metadata = pv->md ? pv->md : c->opts->metadata;
    o.keys = pv->ks ? pv->ks : c->opts->keys;
    if (pv->mode && !o.encryption_mode)
        o.encryption_mode = pv->mode;
    if (pv->uuid && !o.provider_uuid)
        o.provider_uuid = pv->uuid;
    o.provider_no_private_keys = pv->keys == 0;
    if (c->provider_arn && !o.provider_arn)
        o.provider_arn = c->provider_arn;
    if (assume) {
        const sc_pj *ra = str_member(assume->root, "RoleArn"),
                    *pa = str_member(assume->root, "PrincipalArn"),
                    *d = sc_pj_get(assume->root, "DurationSeconds");
        long long x;
        if (ra)
            o.role_arn = ra->s;
        if (pa)
            o.provider_arn = pa->s;
        if (d && d->type == SC_PJ_NUM && !sc_str_to_ll(d->s, &x))
            o.duration = (long)x;
        return check_one_sample(c, name, data, len, &o, find_role(c, o.role_arn), 0, planned);
    }
    if (o.role_arn)
        return check_one_sample(c, name, data, len, &o, find_role(c, o.role_arn), 0, planned);
    /* first pass: which described roles does it offer? */
    samlcheck_report **rs = NULL;
    size_t n = 0;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    char *label = sc_asprintf("%s%s", name, planned ? planned : "");
    int rc = label ? samlcheck_check_response_input(&rs, &n, label, data, len, &o, &err)
                   : SAMLCHECK_ENOMEM;
    free(label);
    const cfg_role *targets[64];
    size_t nt = 0;
    for (size_t j = 0; !rc && j < n; j++) {
        const char **roles = NULL, **provs = NULL;
        size_t k = 0;
        rc = offered_roles(rs[j], &roles, &provs, &k);
        for (size_t i = 0; !rc && i < k && nt < 64; i++) {
            const cfg_role *role = find_role(c, roles[i]);
            int dup = 0;
            for (size_t t = 0; t < nt; t++)
                dup |= targets[t] == role;
            if (role && !dup)
                targets[nt++] = role;
        }
        free(roles);
        free(provs);
    }
    if (!rc && nt == 0) {
        for (size_t j = 0; j < n; j++)
            if (!rc && push_report(c, rs[j]) == 0)
                rs[j] = NULL;
    }
    for (size_t j = 0; j < n; j++)
        samlcheck_report_free(rs[j]);
    free(rs);
    for (size_t t = 0; !rc && t < nt; t++) {
        samlcheck_options oo = o;
        rc = check_one_sample(c, name, data, len, &oo, targets[t], 1, planned);
    }
    return rc;
}

static int check_duration(cfg *c, cfg_file *f)
{
    const sc_pj *d = sc_pj_get(f->root, "DurationSeconds");
    const sc_pj *ra = str_member(f->root, "RoleArn");
    const sc_pj *chain = sc_pj_get(f->root, "RoleChaining");
    if (!d || d->type == SC_PJ_NULL)
        return 0;
    long long x = 0;
    char *e = d->type == SC_PJ_NUM || d->type == SC_PJ_STR ? sc_str_escape(d->s, 40) : NULL;
    int rc = 0;
    if (d->type != SC_PJ_NUM || sc_str_to_ll(d->s, &x) || x < 900 || x > 43200) {
        rc = sc_report_add(f->r, SC_RULE_CONFIG_DURATION_OUT_OF_RANGE, at(d, "DurationSeconds"),
                           "DurationSeconds is %s; it must be a whole number from 900 to 43200",
                           e ? e : sc_pj_type_name(d->type));
    } else if (chain && chain->type == SC_PJ_TRUE && x > 3600) {
        rc = sc_report_add(f->r, SC_RULE_CONFIG_DURATION_OUT_OF_RANGE, at(d, "DurationSeconds"),
                           "DurationSeconds %lld on a role-chaining step; chained sessions last "
                           "at most 3600 seconds",
                           x);
    } else {
        const cfg_role *role = find_role(c, ra ? ra->s : NULL);
        if (role) {
            long max = role->max > 0 ? role->max : 3600;
            if (x > max)
                rc = sc_report_add(
                    f->r, SC_RULE_CONFIG_DURATION_OUT_OF_RANGE, at(d, "DurationSeconds"),
                    "DurationSeconds %lld exceeds the MaxSessionDuration %ld%s of "
                    "%s (%s)",
                    x, max, role->max > 0 ? "" : " (IAM's default)", role->arn, role->f->name);
        }
    }
    free(e);
    return rc;
}

/* ---- the driver ---- */

static int check_document(cfg *c, cfg_file *f)
{
    const samlcheck_options *opts = c->opts;
    int rc = 0;
    switch (f->shape) {
    case SH_CREATE_PROVIDER: rc = check_create_provider(c, f); break;
    case SH_UPDATE_PROVIDER: rc = check_update_provider(c, f); break;
    case SH_GET_PROVIDER:
        rc = check_mode_value(f, f->root);
        if (!rc)
            rc = check_embedded(c, f, str_member(f->root, "SAMLMetadataDocument"),
                                "SAMLMetadataDocument", "metadata", samlcheck_check_metadata);
        break;
    case SH_METADATA: {
        samlcheck_error e2;
        samlcheck_error_clear(&e2);
        rc = samlcheck_check_metadata(f->r, f->data, f->len, opts, &e2);
        break;
    }
    case SH_PEM: {
        samlcheck_error e2;
        samlcheck_error_clear(&e2);
        rc = samlcheck_check_key(f->r, f->data, f->len, opts, &e2);
        break;
    }
    case SH_CREATE_ROLE: rc = check_create_role(c, f); break;
    case SH_GET_ROLE:
    case SH_LIST_ROLES: rc = read_roles_output(c, f); break;
    default: break;
    }
    return rc;
}

/* A template's provider and role resources become files of their own. */
static int expand_template(cfg *c, cfg_file *f)
{
    int rc = f->shape == SH_TF ? sc_tf_read(&f->model, f->doc, f->root, f->r, c->opts)
                               : sc_cfn_read(&f->model, f->doc, f->root, f->r, c->opts);
    if (rc)
        return rc;
    cfg_file **v = realloc(c->virt, (c->n_virt + f->model.n + 1) * sizeof *v);
    if (!v)
        return SAMLCHECK_ENOMEM;
    c->virt = v;
    for (size_t i = 0; i < f->model.n; i++) {
        const sc_iac_res *res = &f->model.res[i];
        cfg_file *e = calloc(1, sizeof *e);
        if (!e)
            return SAMLCHECK_ENOMEM;
        e->name = f->name;
        e->data = f->data;
        e->len = f->len;
        e->r = f->r;
        e->root = res->props;
        e->iac = 1;
        e->arn = res->arn;
        e->shape = res->kind == SC_IAC_PROVIDER ? SH_CREATE_PROVIDER : SH_CREATE_ROLE;
        c->virt[c->n_virt++] = e;
        if (res->kind == SC_IAC_PROVIDER) {
            if (!c->create)
                c->create = e;
            /* a placeholder account is never compared with a response */
            if (!c->provider_arn && !f->model.placeholder)
                c->provider_arn = res->arn;
        }
    }
    return 0;
}

static int report_unknown(cfg_file *f, const sc_pj_result *pr)
{
    if (pr->syntax_error) {
        sc_pos p = {pr->syntax.line, pr->syntax.col, NULL};
        int rc = sc_report_add(f->r, SC_RULE_INPUT_UNDECODABLE, p,
                               "not valid %s: %s (line %d, column %d)", f->yaml ? "YAML" : "JSON",
                               pr->syntax.msg, pr->syntax.line, pr->syntax.col);
        sc_report_set_fatal(f->r);
        return rc;
    }
    if (pr->too_many_nodes) {
        sc_pos p = {1, 1, NULL};
        int rc = sc_report_add(f->r, SC_RULE_INPUT_UNDECODABLE, p,
                               "more than %d JSON values: the file is not read (a Terraform "
                               "state this large: give `terraform show -json` of the plan, or "
                               "split the configuration)",
                               SC_PJ_MAX_NODES);
        sc_report_set_fatal(f->r);
        return rc;
    }
    int rc = sc_report_add(f->r, SC_RULE_INPUT_UNDECODABLE, at(f->root, NULL),
                           "no federation document recognised: expected AWS CLI output "
                           "(get-saml-provider, list-saml-providers, get-role, list-roles), a "
                           "request document (create-saml-provider, update-saml-provider, "
                           "create-role, update-role, assume-role-with-saml), a CloudFormation "
                           "template (a Resources object), the JSON of terraform show -json, IdP "
                           "metadata, a PEM private key or a SAML response");
    sc_report_set_fatal(f->r);
    return rc;
}

static int summarise(cfg *c, const provider_view *pv)
{
    samlcheck_report *first = NULL;
    for (size_t i = 0; i < c->n_files && !first; i++)
        if (c->files[i].r && !strcmp(samlcheck_report_kind(c->files[i].r), "config"))
            first = c->files[i].r;
    json_t *s = first ? sc_report_summary(first) : NULL;
    if (!s)
        return 0;
    json_t *files = json_array(), *roles = json_array(), *prov = json_object();
    if (!files || !roles || !prov) {
        json_decref(files);
        json_decref(roles);
        json_decref(prov);
        return SAMLCHECK_ENOMEM;
    }
    for (size_t i = 0; i < c->n_files; i++)
        json_array_append_new(
            files, c->files[i].shape == SH_CFN || c->files[i].shape == SH_TF
                       ? json_pack("{s:s, s:s, s:I, s:I}", "input", c->files[i].name, "shape",
                                   shape_names[c->files[i].shape], "resources_read",
                                   (json_int_t)c->files[i].model.n, "resources_ignored",
                                   (json_int_t)c->files[i].model.ignored)
                       : json_pack("{s:s, s:s}", "input", c->files[i].name, "shape",
                                   shape_names[c->files[i].shape]));
    for (size_t i = 0; i < c->n_roles; i++)
        json_array_append_new(roles, json_pack("{s:s?, s:s?, s:i, s:s}", "arn", c->roles[i].arn,
                                               "name", c->roles[i].name, "max_session_duration",
                                               (int)(c->roles[i].max > 0 ? c->roles[i].max : 3600),
                                               "from", c->roles[i].f->name));
    if (c->provider_arn)
        json_object_set_new(prov, "arn", json_string(c->provider_arn));
    if (pv->mode)
        json_object_set_new(prov, "encryption_mode", json_string(pv->mode));
    if (pv->uuid)
        json_object_set_new(prov, "uuid", json_string(pv->uuid));
    if (pv->keys >= 0)
        json_object_set_new(prov, "private_keys", json_integer(pv->keys));
    json_object_set_new(prov, "metadata", json_boolean(pv->md != NULL));
    json_object_set_new(s, "config_files", files);
    json_object_set_new(s, "config_roles", roles);
    json_object_set_new(s, "config_provider", prov);
    return 0;
}

/* Where a file of its shape goes in the configuration (the first of a kind
 * wins; a template is expanded into virtual documents). */
static int place_file(cfg *c, cfg_file *f)
{
    switch (f->shape) {
    case SH_GET_PROVIDER:
        if (!c->get)
            c->get = f;
        break;
    case SH_CREATE_PROVIDER:
        if (!c->create)
            c->create = f;
        break;
    case SH_UPDATE_PROVIDER:
        if (!c->update)
            c->update = f;
        if (!c->provider_arn) {
            const sc_pj *a = str_member(f->root, "SAMLProviderArn");
            c->provider_arn = a ? a->s : NULL;
        }
        break;
    case SH_LIST_PROVIDERS: c->list = f; break;
    case SH_CFN:
    case SH_TF: return expand_template(c, f);
    case SH_METADATA:
        if (!c->md_file)
            c->md_file = f;
        break;
    default: break;
    }
    return 0;
}

/* Step 1 for one file: classify it and give it its config report (a
 * response's reports are the sample checks'). */
static int read_file(cfg *c, cfg_file *f)
{
    sc_pj_result pr;
    memset(&pr, 0, sizeof pr);
    int sh = classify(f, &pr);
    if (sh < 0)
        return sh;
    f->shape = (cfg_shape)sh;
    if (f->shape == SH_RESPONSE)
        return 0;
    const char *kind = f->shape == SH_METADATA ? "metadata" : f->shape == SH_PEM ? "key" : "config";
    int rc;
    if ((rc = samlcheck_report_new(&f->r, f->name, kind)))
        return rc;
    if ((rc = push_report(c, f->r))) {
        samlcheck_report_free(f->r);
        f->r = NULL;
        return rc;
    }
    if (f->shape == SH_UNKNOWN)
        return report_unknown(f, &pr);
    return place_file(c, f);
}

/* The provider ARN from list-saml-providers when it lists one provider. */
static void provider_from_list(cfg *c)
{
    const sc_pj *l = sc_pj_get(c->list->root, "SAMLProviderList");
    if (l && l->type == SC_PJ_ARR && l->n == 1) {
        const sc_pj *a = str_member(l->first, "Arn");
        c->provider_arn = a ? a->s : NULL;
    }
}

/* Step 2: the documents' own rules; roles before the assume requests. */
static int check_documents(cfg *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->n_files && !rc; i++)
        rc = check_document(c, &c->files[i]);
    for (size_t i = 0; i < c->n_virt && !rc; i++)
        rc = check_document(c, c->virt[i]);
    for (size_t i = 0; i < c->n_files && !rc; i++)
        if (c->files[i].shape == SH_UPDATE_ROLE)
            rc = check_update_role(c, &c->files[i]);
    if (!rc)
        rc = check_role_names_unique(c);
    return rc;
}

/* An assume-role-with-saml request: its DurationSeconds, and its
 * SAMLAssertion as a sample. */
static int check_assume_request(cfg *c, const provider_view *pv, cfg_file *f)
{
    int rc = check_duration(c, f);
    const sc_pj *a = str_member(f->root, "SAMLAssertion");
    if (!rc && a && a->slen) {
        char *name = sc_asprintf("%s: SAMLAssertion (line %d of %s)", f->name, a->line, f->name);
        rc = name ? check_sample(c, pv, name, (const unsigned char *)a->s, a->slen, f)
                  : SAMLCHECK_ENOMEM;
        free(name);
    }
    return rc;
}

/* Step 3: the samples, against the provider as it will be. */
static int check_samples(cfg *c, const provider_view *pv)
{
    int rc = 0;
    for (size_t i = 0; i < c->n_files && !rc; i++) {
        cfg_file *f = &c->files[i];
        if (f->shape == SH_ASSUME)
            rc = check_assume_request(c, pv, f);
        else if (f->shape == SH_RESPONSE)
            rc = check_sample(c, pv, f->name, f->data, f->len, NULL);
    }
    return rc;
}

static void cfg_clear(cfg *c)
{
    for (size_t i = 0; i < c->n_roles; i++) {
        free(c->roles[i].arn);
        free(c->roles[i].policy_owned);
    }
    free(c->roles);
    for (size_t i = 0; i < c->n_virt; i++)
        free(c->virt[i]);
    free(c->virt);
    for (size_t i = 0; i < c->n_files; i++) {
        sc_iac_model_free(&c->files[i].model);
        sc_pj_free(c->files[i].doc);
    }
    free(c->files);
}

int samlcheck_check_config(samlcheck_report ***out, size_t *n_out, const char *const *names,
                           const unsigned char *const *datas, const size_t *lens, size_t n,
                           const samlcheck_options *opts, samlcheck_error *err)
{
    if (!out || !n_out || !names || !datas || !lens || n == 0)
        return sc_error_set(err, SAMLCHECK_EINVAL, "",
                            "invalid argument: NULL output, file list or no files");
    for (size_t i = 0; i < n; i++)
        if (!datas[i])
            return sc_arg_null(err, "datas[i]");
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    *out = NULL;
    *n_out = 0;
    cfg c;
    memset(&c, 0, sizeof c);
    c.opts = opts;
    c.provider_arn = opts->provider_arn;
    c.files = calloc(n, sizeof *c.files);
    provider_view pv;
    memset(&pv, 0, sizeof pv);
    int rc = c.files ? 0 : SAMLCHECK_ENOMEM;
    c.n_files = rc ? 0 : n;
    /* 1. read and classify every file; each gets its config report */
    for (size_t i = 0; i < c.n_files && !rc; i++) {
        cfg_file *f = &c.files[i];
        f->name = names[i];
        f->data = datas[i];
        f->len = lens[i];
        rc = read_file(&c, f);
    }
    if (!rc && !c.provider_arn && c.list)
        provider_from_list(&c);
    if (!rc)
        rc = check_documents(&c);
    if (!rc)
        rc = build_provider(&c, &pv);
    if (!rc)
        rc = check_samples(&c, &pv);
    if (!rc)
        rc = summarise(&c, &pv);
    samlcheck_metadata_free(pv.md);
    samlcheck_keyset_free(pv.ks);
    cfg_clear(&c);
    if (rc) {
        for (size_t i = 0; i < c.n_out; i++)
            samlcheck_report_free(c.out[i]);
        free(c.out);
        return rc;
    }
    *out = c.out;
    *n_out = c.n_out;
    return 0;
}
