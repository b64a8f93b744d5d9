#!/bin/sh
# Trust-policy cross-check fixtures (testdata/responses/policy/): the clean
# base response (templates/response-ok.xml) with the Recipient, NameID
# Format and AttributeStatement varied for the sign-ins that the trust
# policies AWS documents for SAML federation are written against, each
# signed at the Assertion with the committed IdP key, plus the metadata.
# The policies themselves are hand-written JSON beside the e2e cases
# (testdata/cases/policy/, testdata/policies/).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../responses/policy"
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
EDU = "urn:oid:1.3.6.1.4.1.5923.1.1.1."


def attr(name, *values):
    vals = "".join("\n        <saml:AttributeValue>%s</saml:AttributeValue>" % v for v in values)
    return ('\n      <saml:Attribute Name="%s" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">%s\n'
            '      </saml:Attribute>' % (name, vals))


ONE = attr(A + "Role", ROLE + "," + PROV)
TWO = attr(A + "Role", ROLE + "," + PROV, ROLE2 + "," + PROV)
RSN = attr(A + "RoleSessionName", "jdoe")
SD = attr(A + "SessionDuration", "3600")
REGIONAL = "https://eu-west-1.signin.aws.amazon.com/saml"

# name: (attributes, recipient or None, NameID Format or None)
variants = {
    "one-role": (ONE + RSN + SD, None, None),
    "two-roles": (TWO + RSN + SD, None, None),
    "regional": (ONE + RSN + SD, REGIONAL, None),
    "unspecified": (ONE + RSN + SD, None, "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"),
    "tags": (ONE + RSN + SD + attr(A + "SourceIdentity", "jdoe@example.com")
             + attr(A + "PrincipalTag:Department", "Engineering")
             + attr(A + "PrincipalTag:Project", "Atlas")
             + attr(A + "TransitiveTagKeys", "Department"), None, None),
    "tags-regional": (ONE + RSN + SD + attr(A + "SourceIdentity", "jdoe@example.com")
                      + attr(A + "PrincipalTag:Department", "Engineering"), REGIONAL, None),
    "source-identity": (ONE + RSN + SD + attr(A + "SourceIdentity", "jdoe@example.com"), None, None),
    "edu": (ONE + RSN + SD + attr(EDU + "1", "member", "staff")
            + attr(EDU + "6", "jdoe@example.edu"), None, None),
}

stmt = re.compile(r"(<saml:AttributeStatement>).*?(\n    </saml:AttributeStatement>)", re.S)
for name, (body, recipient, fmt) in variants.items():
    xml = stmt.sub(lambda m: m.group(1) + body + m.group(2), base, count=1)
    if recipient:
        xml = xml.replace('Recipient="https://signin.aws.amazon.com/saml"', 'Recipient="%s"' % recipient)
        xml = xml.replace('Destination="https://signin.aws.amazon.com/saml"', 'Destination="%s"' % recipient)
    if fmt:
        xml = xml.replace('<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">',
                          '<saml:NameID Format="%s">' % fmt)
    with tempfile.TemporaryDirectory() as d:
        i = os.path.join(d, "in.xml")
        open(i, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), i,
                        os.path.join(out, name + ".xml"), "--target", "assertion"], check=True)
PY

# Seeds of the policy fuzz target (tests/fuzz/fuzz_policy.c): every policy
# of the e2e cases, and a few hostile shapes.
corpus="$here/../corpus/policy"
mkdir -p "$corpus"
for f in "$here"/../policies/*.json "$here"/../policy/*.json; do
    b=$(basename "$f")
    [ "$(wc -c <"$f")" -le 16384 ] && cp "$f" "$corpus/seed-$b"
done
printf '{"Version":"2012-10-17","Statement":%s1%s}' "$(printf '[%.0s' $(seq 80))" "$(printf ']%.0s' $(seq 80))" >"$corpus/seed-deep.json"
printf '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Condition":{"StringLike":{"saml:sub":"*a*a*a*a*a*a*a*a*a*a*b"},"ForAllValues:NumericLessThan":{"aws:TagKeys":[1,true,"x"]},"DateGreaterThan":{"aws:CurrentTime":"${aws:EpochTime}"}}}]}' >"$corpus/seed-operators.json"
printf '{"Role":{"Arn":"arn:aws:iam::123456789012:role/Developer","MaxSessionDuration":7200,"AssumeRolePolicyDocument":"%%7B%%22Statement%%22%%3A%%5B%%5D%%7D"}}' >"$corpus/seed-get-role-urlencoded.json"
