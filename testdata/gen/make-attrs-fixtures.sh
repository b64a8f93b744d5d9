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

variants = {
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
