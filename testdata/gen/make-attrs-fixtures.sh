#!/bin/sh
# AWS attribute fixtures (testdata/responses/attrs/): the clean base response
# (templates/response-ok.xml) with its AttributeStatement replaced by one
# variant per rule of RULES.md 7.5-7.8, each signed at the Assertion with the
# committed IdP key (deterministic RSA-SHA256), plus the matching metadata.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../responses/attrs"
mkdir -p "$out"
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" >"$out/metadata.xml"
python3 - "$here" "$out" <<'PY'
import os, re, subprocess, sys, tempfile
here, out = sys.argv[1], sys.argv[2]
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
A = "https://aws.amazon.com/SAML/Attributes/"
ROLE = "arn:aws:iam::123456789012:role/Developer"
ROLE2 = "arn:aws:iam::123456789012:role/ReadOnly"
PROV = "arn:aws:iam::123456789012:saml-provider/ExampleIdP"


def attr(name, *values, friendly=None):
    f = ' FriendlyName="%s"' % friendly if friendly else ""
    vals = "".join("\n        <saml:AttributeValue>%s</saml:AttributeValue>" % v for v in values)
    return ('\n      <saml:Attribute Name="%s"%s NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">%s\n'
            '      </saml:Attribute>' % (name, f, vals))


ROLES = attr(A + "Role", ROLE + "," + PROV, ROLE2 + "," + PROV)
RSN = attr(A + "RoleSessionName", "jdoe")
SD = attr(A + "SessionDuration", "3600")

# A multi-account Role claim (issue 7 item 1): 13 pairs over 3 accounts,
# each account with its own saml-provider/ExampleIdP, as an IdP that maps
# groups of several AWS accounts sends it.
ACCTS = {"111111111111": ["Admin", "Developer", "ReadOnly", "Billing"],
         "222222222222": ["Admin", "Developer", "ReadOnly", "Auditor", "DataScience"],
         "123456789012": ["Developer", "ReadOnly", "Operator", "Support"]}


def multi(wrong=None):
    vals = []
    for acct, roles in ACCTS.items():
        for r in roles:
            prov = "arn:aws:iam::%s:saml-provider/ExampleIdP" % acct
            if wrong == (acct, r):  # the attack twin: a wrong provider in the same account
                prov = "arn:aws:iam::%s:saml-provider/OtherIdP" % acct
            vals.append("arn:aws:iam::%s:role/%s,%s" % (acct, r, prov))
    return attr(A + "Role", *vals)


# eduPersonTargetedID as every Shibboleth IdP sends it (issue 7 item 3): the
# AttributeValue holds one saml:NameID, indented. The twins split the value.
EPTID = "urn:oid:1.3.6.1.4.1.5923.1.1.1.10"
NID = ('<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" '
       'NameQualifier="https://idp.example.com/idp/shibboleth" '
       'SPNameQualifier="urn:amazon:webservices">%s</saml:NameID>')


def eptid(inner):
    return attr(EPTID, inner, friendly="eduPersonTargetedID")


variants = {
    "ok-eptid": ROLES + RSN + eptid("\n          " + NID % "zX9+kq2LmP4vYw8=" + "\n        "),
    "eptid-text-beside": ROLES + RSN + eptid("victim" + NID % "zX9+kq2LmP4vYw8="),
    "eptid-comment-beside": ROLES + RSN + eptid("<!-- x -->" + NID % "zX9+kq2LmP4vYw8="),
    "eptid-comment-inside": ROLES + RSN + eptid(NID % "victim<!---->.evil"),
    "eptid-two-nameids": ROLES + RSN + eptid(NID % "victim" + NID % "attacker"),
    "eptid-pi-inside": ROLES + RSN + eptid(NID % "victim<?x y?>.evil"),
    "eptid-cdata-beside": ROLES + RSN + eptid("<![CDATA[victim]]>" + NID % "zX9+kq2LmP4vYw8="),
    "eptid-foreign-ns": ROLES + RSN + eptid('<x:NameID xmlns:x="urn:example:evil">victim</x:NameID>'),
    "ok-multi-account": multi() + RSN,
    "provider-mismatch-multi-account": multi(("222222222222", "Auditor")) + RSN,
    # pretty-printed Okta: every Role value indented (issue 7 item 12)
    "role-whitespace-all": attr(A + "Role", *["\n          %s,%s\n        " % (r, PROV) for r in (ROLE, ROLE2)]) + RSN,
    "ok-tags": ROLES + RSN + SD + attr(A + "SourceIdentity", "jdoe@example.com")
    + attr(A + "PrincipalTag:Department", "Engineering")
    + attr(A + "PrincipalTag:Cost Center", "Z\u00fcrich 42")
    + attr(A + "TransitiveTagKeys", "Department"),
    "ok-provider-first": attr(A + "Role", PROV + "," + ROLE) + RSN,
    "role-missing": RSN + SD,
    "role-format": attr(A + "Role", ROLE + "," + PROV, ROLE) + RSN,
    "role-format-duplicate": attr(A + "Role", ROLE + "," + PROV, PROV + "," + ROLE) + RSN,
    "role-whitespace": attr(A + "Role", "\n          " + ROLE + "," + PROV + "\n        ") + RSN,
    "role-arn-invalid": attr(A + "Role", "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/"
                             "AWSReservedSSO_Admin_0123456789abcdef," + PROV) + RSN,
    "role-arn-invalid-comma": attr(A + "Role", "arn:aws:iam::123456789012:role/Dev,Ops," + PROV) + RSN,
    "provider-arn-invalid": attr(A + "Role", ROLE + ",arn:aws:iam::123456789012:saml-provider/corp/ExampleIdP") + RSN,
    "provider-mismatch-account": attr(A + "Role", "arn:aws:iam::210987654321:role/Developer," + PROV) + RSN,
    "session-name-missing": ROLES + SD,
    "session-name-invalid": ROLES + attr(A + "RoleSessionName", "John Doe"),
    "source-identity-invalid": ROLES + RSN + attr(A + "SourceIdentity", "aws:jdoe"),
    "session-duration": ROLES + RSN + attr(A + "SessionDuration", "43201"),
    "duration-7200": ROLES + RSN + attr(A + "SessionDuration", "7200"),
    "principal-tags": ROLES + RSN + attr(A + "PrincipalTag:aws:team", "blue"),
    "transitive-tag-keys": ROLES + RSN + attr(A + "PrincipalTag:Department", "Engineering")
    + attr(A + "TransitiveTagKeys", "Project"),
    "attribute-near-miss": ROLES + RSN + attr(A + "sessionduration", "3600"),
    "attribute-duplicate": ROLES + RSN + attr(A + "RoleSessionName", "jdoe"),
}

stmt = re.compile(r"(<saml:AttributeStatement>).*?(\n    </saml:AttributeStatement>)", re.S)
for name, body in variants.items():
    xml = stmt.sub(lambda m: m.group(1) + body + m.group(2), base, count=1)
    with tempfile.TemporaryDirectory() as d:
        i = os.path.join(d, "in.xml")
        open(i, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), i,
                        os.path.join(out, name + ".xml"), "--target", "assertion"], check=True)
PY
