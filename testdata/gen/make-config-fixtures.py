#!/usr/bin/env python3
"""Write testdata/configs/: the AWS CLI JSON a federation CI job holds, built
from the committed metadata, responses and keys (no clock, no randomness).
   python3 testdata/gen/make-config-fixtures.py
Shapes follow what the AWS CLI prints (get-saml-provider, list-saml-providers,
get-role, list-roles) and takes (--cli-input-json skeletons of
create-saml-provider, update-saml-provider, create-role, update-role,
assume-role-with-saml)."""
import base64
import json
import os

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(top, "configs")
os.makedirs(out, exist_ok=True)


def read(p):
    with open(os.path.join(top, p), encoding="utf-8") as f:
        return f.read()


def write(name, obj):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=4)
        f.write("\n")


ACCT = "123456789012"
PROV = "arn:aws:iam::%s:saml-provider/ExampleIdP" % ACCT
MD = read("responses/policy/metadata.xml")
MD_ENC = read("responses/enc/metadata.xml")
def rotated(md):
    """The same metadata with the IdP's next signing certificate in place of
    the one that signed the sample responses."""
    import re
    new = "".join(read("keys/idp-rotated.b64").split())
    return re.sub(r"(<ds:X509Certificate>)[^<]*(</ds:X509Certificate>)",
                  lambda m: m.group(1) + new + m.group(2), md)


MD_ROTATED = rotated(MD)
KEY = read("keys/sp-encryption.key")
K1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAA1"
K2 = "BBBBBBBBBBBBBBBBBBBBBBBBBBBB2"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": PROV},
        "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
        "Condition": {"StringEquals": {"SAML:aud": [
            "https://signin.aws.amazon.com/saml",
            "https://eu-west-1.signin.aws.amazon.com/saml"]}},
    }],
}


def provider(keys=(K1,), mode="Allowed", md=MD):
    d = {
        "SAMLProviderUUID": "a1b2c3d4e5f6a7b8c9d0",
        "SAMLMetadataDocument": md,
        "CreateDate": "2025-01-10T09:00:00+00:00",
        "ValidUntil": "2125-01-10T09:00:00+00:00",
        "Tags": [],
        "AssertionEncryptionMode": mode,
    }
    if keys:
        d["PrivateKeyList"] = [{"KeyId": k, "Timestamp": "2025-01-10T09:00:00+00:00"} for k in keys]
    return d


write("current.json", provider())
write("current-two-keys.json", provider(keys=(K1, K2)))
write("current-no-keys.json", provider(keys=(), mode="Allowed", md=MD_ENC))
write("current-required-one-key.json", provider(mode="Required"))
write("list-saml-providers.json", {"SAMLProviderList": [{
    "Arn": PROV, "ValidUntil": "2125-01-10T09:00:00+00:00",
    "CreateDate": "2025-01-10T09:00:00+00:00"}]})


def update(**kw):
    d = {"SAMLProviderArn": PROV}
    d.update(kw)
    return d


write("update-ok.json", update(SAMLMetadataDocument=MD))
write("update-empty.json", update(SAMLMetadataDocument="", AssertionEncryptionMode=""))
write("update-add-and-remove.json", update(AddPrivateKey=KEY, RemovePrivateKey=K1))
write("update-add-key.json", update(AddPrivateKey=KEY))
write("update-remove-unknown.json", update(RemovePrivateKey="CCCCCCCCCCCCCCCCCCCCCCCCCCCC3"))
write("update-remove-bad-syntax.json", update(RemovePrivateKey="key-1"))
write("update-remove-k1.json", update(RemovePrivateKey=K1))
write("update-required.json", update(AssertionEncryptionMode="Required"))
write("update-mode-lowercase.json", update(AssertionEncryptionMode="required"))
write("update-rotated-metadata.json", update(SAMLMetadataDocument=MD_ROTATED))


def create(**kw):
    d = {"SAMLMetadataDocument": MD, "Name": "ExampleIdP"}
    d.update(kw)
    return d


write("create-ok.json", create(Tags=[{"Key": "team", "Value": "identity"}]))
write("create-name-invalid.json", create(Name="Example IdP"))
write("create-name-prose.json", create(Name="idp@example"))
write("create-required-no-key.json", create(AssertionEncryptionMode="Required"))
write("create-required-with-key.json", create(AssertionEncryptionMode="Required", AddPrivateKey=KEY))
write("create-tags-invalid.json", create(Tags=[
    {"Key": "aws:owner", "Value": "x"}, {"Key": "Env", "Value": "prod"},
    {"Key": "env", "Value": "dev"}, {"Key": "Env", "Value": "test"}]))
write("create-tags-too-many.json", create(Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(51)]))


def role(name="Developer", max_=3600, path="/"):
    return {"Role": {
        "Path": path, "RoleName": name, "RoleId": "AROAEXAMPLEID123456",
        "Arn": "arn:aws:iam::%s:role%s%s" % (ACCT, path, name),
        "CreateDate": "2025-01-10T09:00:00+00:00",
        "AssumeRolePolicyDocument": TRUST, "MaxSessionDuration": max_}}


write("get-role.json", role())
write("get-role-8h.json", role(max_=28800))
bad_trust = json.loads(json.dumps(TRUST))
bad_trust["Statement"][0]["Principal"]["Federated"] = "arn:aws:iam::%s:saml-provider/OtherIdP" % ACCT
r = role()
r["Role"]["AssumeRolePolicyDocument"] = bad_trust
write("get-role-other-provider.json", r)
write("list-roles.json", {"Roles": [role()["Role"], role("ReadOnly", 7200)["Role"]]})
write("create-role-ok.json", {"RoleName": "Developer", "Path": "/",
                              "AssumeRolePolicyDocument": json.dumps(TRUST), "MaxSessionDuration": 3600})
write("create-role-name-invalid.json", {"RoleName": "Dev Ops",
                                        "AssumeRolePolicyDocument": json.dumps(TRUST)})
write("create-role-max-invalid.json", {"RoleName": "Developer",
                                       "AssumeRolePolicyDocument": json.dumps(TRUST),
                                       "MaxSessionDuration": 86400})
write("create-role-case-a.json", {"RoleName": "Admin", "AssumeRolePolicyDocument": json.dumps(TRUST)})
write("create-role-case-b.json", {"RoleName": "admin", "AssumeRolePolicyDocument": json.dumps(TRUST)})
write("update-role-max-invalid.json", {"RoleName": "Developer", "MaxSessionDuration": 100})

sample = read("responses/policy/one-role.xml")
b64 = base64.b64encode(sample.encode()).decode()


def assume(**kw):
    d = {"RoleArn": "arn:aws:iam::%s:role/Developer" % ACCT, "PrincipalArn": PROV,
         "SAMLAssertion": b64}
    d.update(kw)
    return d


write("assume-ok.json", assume(DurationSeconds=3600))
write("assume-duration-over-max.json", assume(DurationSeconds=7200))
write("assume-duration-out-of-range.json", assume(DurationSeconds=600))
write("assume-chaining.json", assume(DurationSeconds=7200, RoleChaining=True))

# ---- CloudFormation templates (JSON here; YAML below) ----

def cfn(resources, params=None):
    t = {"AWSTemplateFormatVersion": "2010-09-09",
         "Description": "SAML federation for ExampleIdP",
         "Resources": resources}
    if params:
        t["Parameters"] = params
    return t


CFN_PROVIDER = {"Type": "AWS::IAM::SAMLProvider", "Properties": {
    "Name": "ExampleIdP", "SamlMetadataDocument": MD,
    "Tags": [{"Key": "team", "Value": "identity"}]}}
CFN_TRUST = json.loads(json.dumps(TRUST))
CFN_TRUST["Statement"][0]["Principal"]["Federated"] = {"Ref": "ExampleIdP"}
CFN_ROLE = {"Type": "AWS::IAM::Role", "Properties": {
    "RoleName": "Developer", "Path": "/", "MaxSessionDuration": 3600,
    "AssumeRolePolicyDocument": CFN_TRUST,
    "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess"}]}}
BUCKET = {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "example-logs"}}


def deep(d):
    return json.loads(json.dumps(d))


write("cfn-ok.json", cfn({"ExampleIdP": CFN_PROVIDER, "DeveloperRole": CFN_ROLE, "Logs": BUCKET}))
# the trust policy names the provider through Fn::Sub and Fn::GetAtt
sub_role = deep(CFN_ROLE)
sub_role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Federated"] = {
    "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/${ExampleIdP}"}
sub_role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Federated"] = {
    "Fn::GetAtt": ["ExampleIdP", "Arn"]}
write("cfn-getatt.json", cfn({"ExampleIdP": CFN_PROVIDER, "DeveloperRole": sub_role}))
bad_name = deep(CFN_PROVIDER)
bad_name["Properties"]["Name"] = "Example IdP"
write("cfn-provider-name-invalid.json", cfn({"ExampleIdP": bad_name, "DeveloperRole": CFN_ROLE}))
req = deep(CFN_PROVIDER)
req["Properties"]["AssertionEncryptionMode"] = "Required"
write("cfn-required-no-key.json", cfn({"ExampleIdP": req}))
long_role = deep(CFN_ROLE)
long_role["Properties"]["MaxSessionDuration"] = "86400"
write("cfn-max-invalid.json", cfn({"ExampleIdP": CFN_PROVIDER, "DeveloperRole": long_role}))
other = deep(CFN_PROVIDER)
other["Properties"]["Name"] = "OtherIdP"
other_role = deep(CFN_ROLE)
other_role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Federated"] = {
    "Ref": "OtherIdP"}
write("cfn-trust-other-provider.json",
      cfn({"ExampleIdP": CFN_PROVIDER, "OtherIdP": other, "DeveloperRole": other_role}))
unres = deep(CFN_ROLE)
unres["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Federated"] = {
    "Fn::ImportValue": "shared-idp-arn"}
unres["Properties"]["MaxSessionDuration"] = {"Ref": "SessionSeconds"}
write("cfn-unresolved.json", cfn({"ExampleIdP": CFN_PROVIDER, "DeveloperRole": unres},
                                 {"SessionSeconds": {"Type": "Number", "Default": 3600}}))

# ---- CloudFormation in YAML, with the short tags (written as text: the
# generator needs no YAML library and the layout is what people write) ----


def write_text(name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def block(text, indent):
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in text.rstrip("\n").split("\n"))


def yaml_template(name="ExampleIdP", federated="!Ref ExampleIdP", max_="3600", extra=""):
    return """AWSTemplateFormatVersion: "2010-09-09"
Description: SAML federation for ExampleIdP (YAML with short tags)
Resources:
  ExampleIdP:
    Type: AWS::IAM::SAMLProvider
    Properties:
      Name: %s
      SamlMetadataDocument: |
%s
      Tags:
        - Key: team
          Value: identity
  DeveloperRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Developer
      Path: /
      MaxSessionDuration: %s
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: %s
            Action:
              - sts:AssumeRoleWithSAML
              - sts:TagSession
              - sts:SetSourceIdentity
            Condition:
              StringEquals:
                SAML:aud:
                  - https://signin.aws.amazon.com/saml
                  - https://eu-west-1.signin.aws.amazon.com/saml
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Join ["-", [example, logs, !Ref "AWS::AccountId"]]
%s""" % (name, block(MD, 8), max_, federated, extra)


write_text("cfn-ok.yaml", yaml_template())
write_text("cfn-getatt-sub.yaml", yaml_template(
    federated="!GetAtt ExampleIdP.Arn",
    extra="""  OtherRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ReadOnly
      MaxSessionDuration: 7200
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Federated: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/ExampleIdP"
            Action: sts:AssumeRoleWithSAML
            Condition:
              StringEquals:
                SAML:aud: https://signin.aws.amazon.com/saml
"""))
write_text("cfn-bad.yaml", yaml_template(name='"Example IdP"', max_="86400"))
write_text("cfn-other-provider.yaml", yaml_template(
    federated="!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:saml-provider/OtherIdP"))
# bad input: a syntax error (tab indentation in a mapping), an alias bomb, deep nesting
write_text("cfn-malformed.yaml", """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ExampleIdP:
    Type: AWS::IAM::SAMLProvider
    Properties:
      Name: [ExampleIdP
      SamlMetadataDocument: x
""")
bomb = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
for i in range(1, 10):
    bomb.append("a%d: &a%d [%s]" % (i, i, ", ".join(["*a%d" % (i - 1)] * 9)))
bomb.append("Resources:\n  Bomb:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: *a9\n")
write_text("cfn-alias-bomb.yaml", "\n".join(bomb))
write_text("cfn-deep.yaml", 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Deep: '
           + "[" * 200 + "]" * 200 + "\n")

# ---- Terraform: `terraform show -json` of a state and of plans ----
ROLE_ARN = "arn:aws:iam::%s:role/Developer" % ACCT


def tf_res(addr, typ, values):
    name = addr.split(".")[-1]
    return {"address": addr, "mode": "managed", "type": typ, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
            "values": values, "sensitive_values": {}}


def tf_provider(md=MD, name="ExampleIdP", arn=True):
    v = {"name": name, "saml_metadata_document": md, "tags": {"team": "identity"},
         "tags_all": {"team": "identity"}, "valid_until": "2125-01-10T09:00:00Z"}
    if arn:
        v.update(arn=PROV, id=PROV)
    return v


def tf_role(max_=3600, policy=True, arn=True):
    v = {"name": "Developer", "path": "/", "max_session_duration": max_,
         "description": "", "force_detach_policies": False, "managed_policy_arns": [],
         "permissions_boundary": None, "tags": None}
    if policy:
        v["assume_role_policy"] = json.dumps(TRUST, separators=(",", ":"))
    if arn:
        v.update(arn=ROLE_ARN, id="Developer", unique_id="AROAEXAMPLEID123456")
    return v


BUCKET_RES = tf_res("module.logs.aws_s3_bucket.logs", "aws_s3_bucket", {"bucket": "example-logs"})


def tf_state(prov, role):
    return {"format_version": "1.0", "terraform_version": "1.6.6", "values": {"root_module": {
        "resources": [tf_res("aws_iam_saml_provider.idp", "aws_iam_saml_provider", prov),
                      tf_res("aws_iam_role.developer", "aws_iam_role", role)],
        "child_modules": [{"address": "module.logs", "resources": [BUCKET_RES]}]}}}


def tf_plan(prov, role, actions, unknown_prov, unknown_role):
    def change(addr, typ, after, unk):
        return {"address": addr, "mode": "managed", "type": typ, "name": addr.split(".")[-1],
                "provider_name": "registry.terraform.io/hashicorp/aws",
                "change": {"actions": actions, "before": None if actions == ["create"] else after,
                           "after": after, "after_unknown": unk,
                           "before_sensitive": False, "after_sensitive": {}}}
    return {"format_version": "1.2", "terraform_version": "1.6.6",
            "planned_values": {"root_module": {"resources": [
                tf_res("aws_iam_saml_provider.idp", "aws_iam_saml_provider", prov),
                tf_res("aws_iam_role.developer", "aws_iam_role", role)],
                "child_modules": [{"address": "module.logs", "resources": [BUCKET_RES]}]}},
            "resource_changes": [
                change("aws_iam_saml_provider.idp", "aws_iam_saml_provider", prov, unknown_prov),
                change("aws_iam_role.developer", "aws_iam_role", role, unknown_role)],
            "configuration": {"root_module": {}}}


write("tf-state.json", tf_state(tf_provider(), tf_role()))
# a first apply: ARNs and the trust policy (which names the provider's ARN) come after apply
write("tf-plan-create.json", tf_plan(
    tf_provider(arn=False), tf_role(policy=False, arn=False), ["create"],
    {"arn": True, "id": True, "valid_until": True},
    {"arn": True, "id": True, "unique_id": True, "assume_role_policy": True}))
# an in-place update that uploads the IdP's next certificate before it signs
write("tf-plan-rotate.json", tf_plan(
    tf_provider(md=MD_ROTATED), tf_role(), ["update"], {}, {}))
write("tf-plan-bad.json", tf_plan(
    tf_provider(name="Example IdP", arn=False), tf_role(max_=86400, arn=False), ["create"],
    {"arn": True, "id": True}, {"arn": True, "id": True, "unique_id": True}))

# ---- seeds of the config fuzz target (tests/fuzz/fuzz_config.c) ----
corpus = os.path.join(top, "corpus", "config")
os.makedirs(corpus, exist_ok=True)
for name in sorted(os.listdir(out)):
    if name.startswith(("cfn-", "tf-")) or name in ("update-add-and-remove.json", "get-role.json"):
        with open(os.path.join(out, name), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(corpus, "seed-" + name), "w", encoding="utf-8") as f:
            f.write(text)
