#!/bin/sh
# Fixtures for what must never be dropped silently (issue 8 item 10;
# testdata/responses/lookalike/): the template response signed at the
# Assertion, with an element called Assertion in another namespace (info
# response/assertion-count), and with values split by CDATA sections (info
# response/nameid-comment); plus the twins that stay errors: a SAML 2.0
# assertion hidden beside the signed one, and a comment splitting a value.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../responses/lookalike"
mkdir -p "$out"
python3 - "$here" "$out" <<'PY'
import os, subprocess, sys, tempfile
here, out = sys.argv[1], sys.argv[2]
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
NAMEID = '>u-7d3f9a2c</saml:NameID>'
assert NAMEID in base
STATUS_END = '</samlp:Status>'
assert STATUS_END in base
LOOK = ('\n  <samlp:Extensions><saml1:Assertion xmlns:saml1="urn:oasis:names:tc:SAML:1.0:assertion" '
        'AssertionID="_a1" MajorVersion="1" MinorVersion="1"/>'
        '<Assertion xmlns="urn:example:not-saml">x</Assertion></samlp:Extensions>')
EVIL = ('\n  <samlp:Extensions><saml:Assertion ID="_evil" Version="2.0" IssueInstant="2025-06-01T11:59:30Z">'
        '<saml:Issuer>https://idp.example.com/saml</saml:Issuer></saml:Assertion></samlp:Extensions>')
# (variant, text before signing, insertion after signing: outside the signed
# Assertion, so its signature stays valid)
V = {
    "lookalike-assertion": (base, LOOK),
    "cdata-split-nameid": (base.replace(NAMEID, '><![CDATA[u-7d3f]]>9a2c</saml:NameID>', 1), None),
    # the twins: a second SAML 2.0 assertion (error) and a comment split (error)
    "lookalike-twin-saml2": (base, EVIL),
    "cdata-twin-comment": (base.replace(NAMEID, '>u-7d3f<!---->9a2c</saml:NameID>', 1), None),
}
for name, (xml, after) in V.items():
    with tempfile.TemporaryDirectory() as d:
        i, o = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(i, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), i, o, "--target", "assertion"],
                       check=True)
        signed = open(o, encoding="utf-8").read()
    if after:
        assert STATUS_END in signed
        signed = signed.replace(STATUS_END, STATUS_END + after, 1)
    open(os.path.join(out, name + ".xml"), "w", encoding="utf-8").write(signed)
PY
echo "lookalike fixtures written to testdata/responses/lookalike/"
