/* Infrastructure-as-code readers for `samlcheck config`: CloudFormation
 * templates (JSON, and YAML through sc_yaml_parse) mapped onto the request
 * shapes the AWS CLI readers use, so every config check is shared. */
#ifndef SC_CONFIG_IAC_H
#define SC_CONFIG_IAC_H
#include "samlcheck/check.h"
#include "samlcheck/report.h"
#include "../policy/policy.h"

typedef enum sc_iac_kind { SC_IAC_PROVIDER = 1, SC_IAC_ROLE } sc_iac_kind;

typedef struct sc_iac_res {
    sc_iac_kind kind;
    const char *id; /* the logical ID */
    /* request-shaped members, intrinsic functions resolved, unknown values
     * left out: Name, SAMLMetadataDocument, Tags, AssertionEncryptionMode,
     * AddPrivateKey, PrivateKeyList (providers); RoleName, Path,
     * MaxSessionDuration and AssumeRolePolicyDocument as JSON text (roles) */
    sc_pj *props;
    char *arn; /* malloc'd, or NULL when unknown */
} sc_iac_res;

typedef struct sc_iac_model {
    sc_iac_res *res;
    size_t n;
    size_t ignored;  /* resources of other types */
    int placeholder; /* ARNs use the placeholder account (no AWS::AccountId) */
} sc_iac_model;

/* Does this tree look like a CloudFormation template? */
int sc_cfn_is_template(const sc_pj *root);

/* Read a template tree (allocating in @p doc). Unresolvable intrinsic
 * functions and placeholders are reported into @p r as info findings.
 * Returns 0 or SAMLCHECK_ENOMEM; free with sc_iac_model_free. */
int sc_cfn_read(sc_iac_model *m, sc_pj_doc *doc, const sc_pj *root, samlcheck_report *r,
                const samlcheck_options *o);
void sc_iac_model_free(sc_iac_model *m);

/* Terraform: the JSON of `terraform show -json` for a plan (planned_values,
 * resource_changes[].change.after_unknown) or a state (values): the
 * aws_iam_saml_provider and aws_iam_role resources of every module, values
 * known only after apply reported (info) and left out. Role and provider
 * ARNs come from the state, else from --context AWS::AccountId, else are
 * unknown. */
int sc_tf_is_show_json(const sc_pj *root);
int sc_tf_read(sc_iac_model *m, sc_pj_doc *doc, const sc_pj *root, samlcheck_report *r,
               const samlcheck_options *o);

/* JSON text of a tree (NULL on ENOMEM or an unknown value inside). */
char *sc_pj_to_json(const sc_pj *n, int *unknown);

/* Is this node an unknown value (an unresolved expression)? */
int sc_iac_unknown(const sc_pj *n);

/* config_yaml.c: a YAML document (libyaml) as the same position-keeping
 * tree the JSON reader builds, so everything downstream is shared.
 * CloudFormation's short tags become their long forms (!Ref X ->
 * {"Ref": X}, !Sub -> {"Fn::Sub": ...}, !GetAtt a.b -> {"Fn::GetAtt": "a.b"}).
 * Bounded: SC_PJ_MAX_DEPTH nesting, SC_PJ_MAX_NODES nodes; aliases are
 * refused (no alias bombs), only the first document is read. Problems are
 * reported like JSON syntax errors (out->syntax, 1-based line/column).
 * Returns 0 or SAMLCHECK_ENOMEM; free with sc_pj_free() in both cases. */
int sc_yaml_parse(sc_pj_doc **doc, sc_pj_result *out, const char *text, size_t len);

#endif
