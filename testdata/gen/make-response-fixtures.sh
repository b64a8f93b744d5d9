#!/bin/sh
# Response fixtures (testdata/responses/*.xml, testdata/responses/forms/,
# examples/responses/): RULES.md 7.1, 7.2 (issuer), 7.4 and the xml/sec
# rules as they apply to responses.
#
#  * idp-metadata.xml: templates/metadata-ok.xml filled with the IdP signing
#    certificate (entityID https://idp.example.com/saml); every case passes
#    it as --metadata.
#  * ok-<vendor>.xml: responses shaped like those ADFS, Okta, Entra ID,
#    Google Workspace, Keycloak, Shibboleth and JumpCloud post to AWS
#    (prefixes, ID styles, fractional seconds, claim layout, which element
#    they sign), all valid at the fixture clock 2025-06-01T12:00:00Z.
#  * <rule>[-<variant>].xml: templates/response-ok.xml with one defect,
#    signed AFTER the defect was introduced (sign.py, deterministic
#    RSA-SHA256), so that the defect is the only finding.
#  * forms/: the vendor responses as base64 with line breaks, as a form
#    body and as Chrome-like / Firefox-like HAR captures.
# Large fixtures (sec/limits, response/too-large) are generated the same way.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$top/testdata/responses"
mkdir -p "$out" "$out/forms" "$top/examples/responses"
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" >"$out/idp-metadata.xml"
python3 - "$here" "$out" "$top/examples/responses" <<'PY'
import base64, json, os, re, subprocess, sys, tempfile, urllib.parse

here, out, examples = sys.argv[1], sys.argv[2], sys.argv[3]
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
AWS = "https://aws.amazon.com/SAML/Attributes/"
ACCT = "123456789012"
PROV = "arn:aws:iam::%s:saml-provider/ExampleIdP" % ACCT
NS_P = "urn:oasis:names:tc:SAML:2.0:protocol"
NS_A = "urn:oasis:names:tc:SAML:2.0:assertion"
SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success"
BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
ISSUER = "https://idp.example.com/saml"
ENTITY = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"


def role(name, part="aws", acct=ACCT, prov="ExampleIdP"):
    return "arn:%s:iam::%s:role/%s,arn:%s:iam::%s:saml-provider/%s" % (part, acct, name, part, acct, prov)


def sub(xml, old, new, count=1):
    if old not in xml:
        sys.exit("make-response-fixtures: %r not in template" % old)
    return xml.replace(old, new, count)


def sign(xml, target, extra=()):
    if target is None:
        return xml
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), src, dst,
                        "--target", target] + list(extra), check=True)
        return open(dst, encoding="utf-8").read()


def write(path, xml, target="assertion", prefix=b"", extra=()):
    data = prefix + sign(xml, target, extra).encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def fixture(name, xml, target="assertion", **kw):
    write(os.path.join(out, name + ".xml"), xml, target, **kw)


# ---------------------------------------------------------------- vendors
def vendor(p, a, rid, aid, nameid, nameid_fmt, attrs, issue="2025-06-01T11:59:30Z",
           dest=True, resp_issuer=True, iss_fmt=True, nq="", scd_extra="", authn_ctx=
           "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", audience=
           "urn:amazon:webservices", sess_noa="", assertion_xmlns=None, resp_extra="",
           authn_extra=""):
    """A response in the style of one IdP. p/a are the protocol/assertion
    prefixes ("" = default namespace declared on the element)."""
    P = p + ":" if p else ""
    A = a + ":" if a else ""
    fmt = ' Format="%s"' % ENTITY if iss_fmt else ""
    ans = assertion_xmlns if assertion_xmlns is not None else (
        ' xmlns:%s="%s"' % (a, NS_A) if a else ' xmlns="%s"' % NS_A)
    riss = ""
    if resp_issuer:
        # the Response-level Issuer: prefixed elements declare it in place
        riss = '<%sIssuer%s%s>%s</%sIssuer>' % (A, ans, fmt, ISSUER, A)
    d = ' Destination="https://signin.aws.amazon.com/saml"' if dest else ""
    x = ('<%sResponse xmlns:%s="%s" ID="%s" Version="2.0" IssueInstant="%s"%s%s>\n'
         '  %s\n'
         '  <%sStatus>\n    <%sStatusCode Value="%s"/>\n  </%sStatus>\n'
         '  <%sAssertion%s ID="%s" IssueInstant="%s" Version="2.0">\n'
         '    <%sIssuer%s>%s</%sIssuer>\n'
         '    <%sSubject>\n'
         '      <%sNameID Format="%s"%s>%s</%sNameID>\n'
         '      <%sSubjectConfirmation Method="%s">\n'
         '        <%sSubjectConfirmationData%s NotOnOrAfter="2025-06-01T12:04:30Z" Recipient="https://signin.aws.amazon.com/saml"/>\n'
         '      </%sSubjectConfirmation>\n'
         '    </%sSubject>\n'
         '    <%sConditions NotBefore="2025-06-01T11:59:00Z" NotOnOrAfter="2025-06-01T12:04:30Z">\n'
         '      <%sAudienceRestriction>\n        <%sAudience>%s</%sAudience>\n      </%sAudienceRestriction>\n'
         '    </%sConditions>\n'
         '    <%sAuthnStatement AuthnInstant="2025-06-01T11:59:25Z" SessionIndex="_s%s"%s>%s\n'
         '      <%sAuthnContext>\n        <%sAuthnContextClassRef>%s</%sAuthnContextClassRef>\n      </%sAuthnContext>\n'
         '    </%sAuthnStatement>\n'
         '    <%sAttributeStatement>%s\n    </%sAttributeStatement>\n'
         '  </%sAssertion>\n'
         '</%sResponse>\n') % (
        P, p, NS_P, rid, issue, d, resp_extra,
        riss,
        P, P, SUCCESS, P,
        A, ans, aid, issue,
        A, fmt, ISSUER, A,
        A,
        A, nameid_fmt, nq, nameid, A,
        A, BEARER,
        A, scd_extra,
        A, A,
        A, A, A, audience, A, A, A,
        A, aid[-8:], sess_noa, authn_extra, A, A, authn_ctx, A, A, A,
        A, attrs(A), A, A, P)
    if not p:
        sys.exit("vendor(): the protocol prefix is required")
    return x


def attr(A, name, values, nf="urn:oasis:names:tc:SAML:2.0:attrname-format:uri", friendly=None,
         vattr=""):
    f = ' FriendlyName="%s"' % friendly if friendly else ""
    n = ' NameFormat="%s"' % nf if nf else ""
    vs = "".join('\n        <%sAttributeValue%s>%s</%sAttributeValue>' % (A, vattr, v, A) for v in values)
    return '\n      <%sAttribute Name="%s"%s%s>%s\n      </%sAttribute>' % (A, name, n, f, vs, A)


XSI = ' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string"'
ROLES = [role("Developer"), role("ReadOnly")]
# Okta's AWS app emits the provider ARN first (its role value pattern)
OKTA_ROLES = ["%s,%s" % (r.split(",")[1], r.split(",")[0]) for r in ROLES]
ADFS_ROLES = [role("ADFS-Developer"), role("ADFS-Admin"), role("ADFS-ReadOnly")]

vendors = {}
# ADFS: default-namespace Assertion, milliseconds, persistent NameID from
# the AD objectGUID, RoleSessionName from the UPN, several Role values,
# Windows authentication context, Assertion signed (the default).
vendors["ok-adfs"] = (vendor(
    "samlp", "", "_8b1d6e7c-54a3-4d2f-9c1e-2f7a0b3c4d5e", "_3f9a2c1b-7d6e-4a5b-8c9d-0e1f2a3b4c5d",
    "AvQgbD5uZ0KrJ4hYzP1sMw==", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    lambda A: attr(A, AWS + "RoleSessionName", ["jdoe@corp.example.com"])
    + attr(A, AWS + "Role", ADFS_ROLES) + attr(A, AWS + "SessionDuration", ["28800"]),
    issue="2025-06-01T11:59:30.127Z", iss_fmt=False,
    resp_extra=' Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified"',
    authn_ctx="urn:federation:authentication:windows"), "assertion")
# ADFS with an explicit `a:` prefix for the assertion namespace and a
# transient NameID (the "Transform an incoming claim" rule).
vendors["ok-adfs-transient"] = (vendor(
    "samlp", "a", "_0c2e4a6b-8d0f-4e1a-9b3c-5d7e9f1a2b3c", "_1d3f5b7c-9e1a-4f2b-8c4d-6e8f0a2b4c6d",
    "_7e1c4a9b2d", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    lambda A: attr(A, AWS + "Role", ADFS_ROLES)
    + attr(A, AWS + "RoleSessionName", ["jdoe@corp.example.com"]),
    issue="2025-06-01T11:59:30.5Z", iss_fmt=False,
    authn_ctx="urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"), "assertion")
# Okta: saml2p/saml2, "id<digits>" IDs, NameID unspecified carrying the
# login (an e-mail address), xsi:type on values, Response and Assertion
# signed.
vendors["ok-okta"] = (vendor(
    "saml2p", "saml2", "id20981573426915061384722071", "id20981573427226311847059416",
    "jdoe@example.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    lambda A: attr(A, AWS + "Role", OKTA_ROLES, vattr=XSI)
    + attr(A, AWS + "RoleSessionName", ["jdoe@example.com"], vattr=XSI)
    + attr(A, AWS + "SessionDuration", ["3600"], vattr=XSI),
    issue="2025-06-01T11:59:30.318Z"), "both")
# Entra ID: default namespace on Issuer and Assertion, "_<guid>" IDs,
# emailAddress NameID, extra Microsoft claims, Audience the sign-in URL.
entra_attrs = lambda A: (
    attr(A, "http://schemas.microsoft.com/identity/claims/tenantid", ["4c1b8f2e-0a3d-4e5f-9b6c-7d8e9f0a1b2c"], nf=None)
    + attr(A, "http://schemas.microsoft.com/identity/claims/objectidentifier", ["9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"], nf=None)
    + attr(A, "http://schemas.microsoft.com/identity/claims/displayname", ["Jane Doe"], nf=None)
    + attr(A, "http://schemas.microsoft.com/identity/claims/identityprovider", ["https://sts.windows.net/4c1b8f2e-0a3d-4e5f-9b6c-7d8e9f0a1b2c/"], nf=None)
    + attr(A, "http://schemas.microsoft.com/claims/authnmethodsreferences", ["http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password"], nf=None)
    + attr(A, AWS + "Role", ROLES, nf=None)
    + attr(A, AWS + "RoleSessionName", ["jdoe@contoso.example"], nf=None)
    + attr(A, AWS + "SessionDuration", ["900"], nf=None))
for name, target, rid, aid in (("ok-entra", "assertion", "_5d7e9f1a-2b3c-4d5e-8f7a-9b0c1d2e3f4a", "_6e8f0a2b-3c4d-4e5f-9a8b-0c1d2e3f4a5b"),
                               ("ok-entra-response-signed", "response", "_7f9a1b3c-4d5e-4f6a-8b9c-1d2e3f4a5b6c", "_8a0b2c4d-5e6f-4a7b-9c0d-2e3f4a5b6c7d")):
    vendors[name] = (vendor("samlp", "", rid, aid, "jdoe@contoso.example",
                            "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", entra_attrs,
                            issue="2025-06-01T11:59:30.642Z", iss_fmt=False,
                            audience="https://signin.aws.amazon.com/saml",
                            authn_ctx="urn:oasis:names:tc:SAML:2.0:ac:classes:Password"), target)
# Google Workspace: saml2p/saml2, hex IDs, emailAddress NameID, values
# typed xs:anyType, unspecified authentication context.
vendors["ok-google"] = (vendor(
    "saml2p", "saml2", "_a3f1c6e0b9d24e7f8a5c3b1d0e9f7a6b", "_b4e2d7f1c0e35f8a9b6d4c2e1f0a8b7c",
    "jdoe@example.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    lambda A: attr(A, AWS + "RoleSessionName", ["jdoe@example.com"], nf=None,
                   vattr=' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:anyType"')
    + attr(A, AWS + "Role", ROLES, nf=None,
           vattr=' xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:anyType"'),
    iss_fmt=False, authn_ctx="urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified"), "assertion")
# Keycloak: samlp/saml, "ID_<guid>" IDs, persistent "G-..." NameID, basic
# NameFormat with FriendlyName, SessionNotOnOrAfter, both signed.
vendors["ok-keycloak"] = (vendor(
    "samlp", "saml", "ID_2f4a6c8e-0b1d-4f3a-9c5e-7a9b1c3d5e7f", "ID_3a5b7d9f-1c2e-4a4b-8d6f-8b0c2d4e6f80",
    "G-5b3e9c1a-7d2f-4e8b-a6c0-1f3d5e7a9b2c", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    lambda A: attr(A, AWS + "Role", ROLES, nf="urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
                   friendly="Session Role", vattr=XSI)
    + attr(A, AWS + "RoleSessionName", ["jdoe"], nf="urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
           friendly="Session Name", vattr=XSI),
    iss_fmt=False, sess_noa=' SessionNotOnOrAfter="2025-06-01T22:00:00Z"'), "both")
# Shibboleth IdP v4: saml2p/saml2, transient NameID with NameQualifier and
# SPNameQualifier, Address on SubjectConfirmationData, SubjectLocality,
# eduPersonPrincipalName next to the AWS attributes.
vendors["ok-shibboleth"] = (vendor(
    "saml2p", "saml2", "_c5f3e8a2d1b04c6f9e7a5b3d2c1e0f9a", "_d6a4f9b3e2c15d7a0f8b6c4e3d2f1a0b",
    "AAdzZWNyZXQxVGVzdFRyYW5zaWVudElk", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
    lambda A: attr(A, "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", ["jdoe@example.edu"], friendly="eduPersonPrincipalName",
                   vattr=' xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xsd:string"')
    + attr(A, AWS + "Role", ROLES)
    + attr(A, AWS + "RoleSessionName", ["jdoe"]),
    iss_fmt=True, nq=' NameQualifier="https://idp.example.com/saml" SPNameQualifier="urn:amazon:webservices"',
    scd_extra=' Address="192.0.2.10"',
    authn_extra='\n      <saml2:SubjectLocality Address="192.0.2.10"/>'), "assertion")
# JumpCloud: saml2p/saml2, emailAddress NameID, Response signed only.
vendors["ok-jumpcloud"] = (vendor(
    "saml2p", "saml2", "_e7b5a0c4f3d26e8b1a9c7d5f4e3a2b1c", "_f8c6b1d5a4e37f9c2b0d8e6a5f4b3c2d",
    "jdoe@example.com", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    lambda A: attr(A, AWS + "Role", ROLES, nf="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified")
    + attr(A, AWS + "RoleSessionName", ["jdoe@example.com"], nf="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified")
    + attr(A, AWS + "SessionDuration", ["3600"], nf="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"),
    iss_fmt=False), "response")

for name, (xml, target) in vendors.items():
    fixture(name, xml, target)

# --------------------------------------------------- per-rule variants of base
R_OPEN = base[:base.index(">") + 1]
V = {}   # name -> (xml, sign target)
b = base
NOA_SCD = 'NotOnOrAfter="2025-06-01T12:04:30Z" Recipient="https://signin.aws.amazon.com/saml"'
COND = '<saml:Conditions NotBefore="2025-06-01T11:59:00Z" NotOnOrAfter="2025-06-01T12:04:30Z">'
DEST = ' Destination="https://signin.aws.amazon.com/saml"'
AII = 'Version="2.0" IssueInstant="2025-06-01T11:59:30Z">\n    <saml:Issuer'
AISS = '<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">https://idp.example.com/saml</saml:Issuer>\n    <saml:Subject>'
RISS = '<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">https://idp.example.com/saml</saml:Issuer>\n  <samlp:Status>'
NAMEID = '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">u-7d3f9a2c</saml:NameID>'
STATUS = '<samlp:Status>\n    <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>\n  </samlp:Status>'
AUD = '<saml:Audience>urn:amazon:webservices</saml:Audience>'
ASSERT_START = base.index("  <saml:Assertion")
ASSERT_END = base.index("</saml:Assertion>") + len("</saml:Assertion>")
ASSERTION = base[ASSERT_START:ASSERT_END]

V["ok-base"] = (b, "assertion")
V["ok-both-signed"] = (b, "both")
# response/root
V["root-assertion"] = ('<?xml version="1.0" encoding="UTF-8"?>\n' + ASSERTION.strip().replace(
    "<saml:Assertion ", '<saml:Assertion xmlns:saml="%s" ' % NS_A, 1) + "\n", "assertion")
V["root-authnrequest"] = ('<samlp:AuthnRequest xmlns:samlp="%s" xmlns:saml="%s" ID="_req-1" Version="2.0" '
                          'IssueInstant="2025-06-01T11:59:20Z" Destination="https://idp.example.com/saml/sso" '
                          'AssertionConsumerServiceURL="https://signin.aws.amazon.com/saml">\n'
                          '  <saml:Issuer>urn:amazon:webservices</saml:Issuer>\n</samlp:AuthnRequest>\n' % (NS_P, NS_A), None)
V["root-logout-response"] = ('<samlp:LogoutResponse xmlns:samlp="%s" xmlns:saml="%s" ID="_lo-1" Version="2.0" '
                             'IssueInstant="2025-06-01T11:59:20Z" InResponseTo="_lr-1">\n'
                             '  <saml:Issuer>https://idp.example.com/saml</saml:Issuer>\n  %s\n</samlp:LogoutResponse>\n'
                             % (NS_P, NS_A, STATUS), None)
V["root-saml11"] = ('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" '
                    'xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion" ResponseID="_r11" MajorVersion="1" '
                    'MinorVersion="1" IssueInstant="2025-06-01T11:59:30Z" Recipient="https://signin.aws.amazon.com/saml">\n'
                    '  <samlp:Status><samlp:StatusCode Value="samlp:Success"/></samlp:Status>\n'
                    '  <saml:Assertion AssertionID="_a11" Issuer="https://idp.example.com/saml" MajorVersion="1" '
                    'MinorVersion="1" IssueInstant="2025-06-01T11:59:30Z"/>\n</samlp:Response>\n', None)
V["root-wsfed"] = ('<t:RequestSecurityTokenResponse xmlns:t="http://schemas.xmlsoap.org/ws/2005/02/trust">\n'
                   '  <t:Lifetime/>\n  <t:RequestedSecurityToken>\n'
                   + ASSERTION.replace("<saml:Assertion ", '<saml:Assertion xmlns:saml="%s" ' % NS_A, 1)
                   + '\n  </t:RequestedSecurityToken>\n</t:RequestSecurityTokenResponse>\n', None)
V["root-not-saml"] = ('<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Sign in</title></head>'
                      '<body><form method="post" action="https://signin.aws.amazon.com/saml">'
                      '<input type="hidden" name="SAMLResponse" value=""/></form></body></html>\n', None)
V["root-version"] = (sub(b, 'Version="2.0" IssueInstant="2025-06-01T11:59:30Z" Destination', 'Version="2.1" IssueInstant="2025-06-01T11:59:30Z" Destination'), "assertion")
V["root-id-empty"] = (sub(b, 'ID="_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8"', 'ID=""'), "assertion")
V["root-issue-instant"] = (sub(b, 'IssueInstant="2025-06-01T11:59:30Z" Destination', 'IssueInstant="2025-06-01 11:59:30" Destination'), "assertion")
# response/status
V["status"] = (sub(b, STATUS, '<samlp:Status>\n    <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">\n'
                   '      <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/>\n    </samlp:StatusCode>\n'
                   '    <samlp:StatusMessage>MFA required for this application</samlp:StatusMessage>\n  </samlp:Status>'), "assertion")
V["status-missing"] = (sub(b, "  " + STATUS + "\n", ""), "assertion")
V["status-no-assertion"] = (base[:ASSERT_START].replace(STATUS, '<samlp:Status>\n    <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">\n'
                            '      <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/>\n    </samlp:StatusCode>\n  </samlp:Status>')
                            + "</samlp:Response>\n", "response")
# response/assertion-count (Response-signed so the signature covers all)
second = ASSERTION.replace('ID="_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809"', 'ID="_assert-2b3c4d5e6f708192a3b4c5d6e7f8091a"')
V["assertion-count-two"] = (b[:ASSERT_END] + "\n" + second + b[ASSERT_END:], "response")
V["assertion-count-nested"] = (b[:ASSERT_START] + '  <samlp:Extensions>\n' + ASSERTION + '\n  </samlp:Extensions>\n</samlp:Response>\n', "response")
V["assertion-count-zero"] = (b[:ASSERT_START] + "</samlp:Response>\n", "response")
# issuer
V["issuer-missing"] = (sub(b, AISS, "<saml:Subject>"), "response")
V["issuer-missing-empty"] = (sub(b, AISS, '<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity"></saml:Issuer>\n    <saml:Subject>'), "response")
V["issuer-missing-format"] = (sub(b, AISS, '<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:unspecified">https://idp.example.com/saml</saml:Issuer>\n    <saml:Subject>'), "assertion")
V["issuer-mismatch"] = (b.replace(">https://idp.example.com/saml<", ">https://idp.example.com/saml/<"), "assertion")
V["issuer-mismatch-http"] = (b.replace(">https://idp.example.com/saml<", ">http://idp.example.com/saml<"), "assertion")
V["issuer-inconsistent"] = (sub(b, RISS, RISS.replace("https://idp.example.com/saml", "https://idp.example.com/saml/response")), "assertion")
V["nameid-comment-issuer"] = (sub(b, AISS, AISS.replace("https://idp.example.com/saml", "https://idp.example.com/saml<!---->.evil.example")), "assertion")
V["nameid-comment-audience"] = (sub(b, AUD, "<saml:Audience>urn:amazon:webservices<!-- x --></saml:Audience>"), "assertion")
# NameID
V["nameid-missing"] = (sub(b, "      " + NAMEID + "\n", ""), "assertion")
V["nameid-missing-empty"] = (sub(b, NAMEID, '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"></saml:NameID>'), "assertion")
V["nameid-missing-baseid"] = (sub(b, NAMEID, '<saml:BaseID xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ExampleID"/>'), "assertion")
V["nameid-missing-no-subject"] = (re.sub(r"    <saml:Subject>.*?</saml:Subject>\n", "", b, flags=re.S), "assertion")
V["nameid-missing-encrypted"] = (sub(b, NAMEID, '<saml:EncryptedID><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" '
                                     'Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod '
                                     'Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/><xenc:CipherData>'
                                     '<xenc:CipherValue>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=</xenc:CipherValue>'
                                     '</xenc:CipherData></xenc:EncryptedData></saml:EncryptedID>'), "assertion")
V["nameid-format"] = (sub(b, NAMEID, '<saml:NameID Format="urn:example:nameid-format:employee-number">u-7d3f9a2c</saml:NameID>'), "assertion")
V["nameid-format-absent"] = (sub(b, NAMEID, '<saml:NameID>u-7d3f9a2c</saml:NameID>'), "assertion")
V["nameid-pii"] = (sub(b, NAMEID, '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">jane.doe@example.com</saml:NameID>'), "assertion")
V["nameid-pii-display-name"] = (sub(b, NAMEID, '<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">Jane Doe</saml:NameID>'), "assertion")
V["nameid-comment"] = (sub(b, NAMEID, '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">u-7d3f9a2c<!---->.evil</saml:NameID>'), "assertion")
# subject-confirmation
SC = ('      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\n'
      '        <saml:SubjectConfirmationData NotOnOrAfter="2025-06-01T12:04:30Z" Recipient="https://signin.aws.amazon.com/saml"/>\n'
      '      </saml:SubjectConfirmation>\n')
V["subject-confirmation-two"] = (sub(b, SC, SC + SC), "assertion")
V["subject-confirmation-none"] = (sub(b, SC, ""), "assertion")
V["subject-confirmation-no-data"] = (sub(b, SC, '      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"/>\n'), "assertion")
V["subject-confirmation-no-noa"] = (sub(b, NOA_SCD, 'Recipient="https://signin.aws.amazon.com/saml"'), "assertion")
V["subject-confirmation-no-recipient"] = (sub(sub(b, NOA_SCD, 'NotOnOrAfter="2025-06-01T12:04:30Z"'), DEST, ""), "assertion")
V["subject-confirmation-bad-noa"] = (sub(b, NOA_SCD, 'NotOnOrAfter="soon" Recipient="https://signin.aws.amazon.com/saml"'), "assertion")
V["subject-confirmation-method"] = (sub(b, 'Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"', 'Method="urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"'), "assertion")
V["subject-confirmation-not-before"] = (sub(b, NOA_SCD, 'NotBefore="2025-06-01T11:59:00Z" ' + NOA_SCD), "assertion")
# recipient (Destination removed so that response/destination stays quiet)
def recip(url, xml=None):
    x = sub(xml or b, NOA_SCD, 'NotOnOrAfter="2025-06-01T12:04:30Z" Recipient="%s"' % url)
    return sub(x, DEST, "")
V["recipient-http"] = (recip("http://signin.aws.amazon.com/saml"), "assertion")
V["recipient-trailing-slash"] = (recip("https://signin.aws.amazon.com/saml/"), "assertion")
V["recipient-query"] = (recip("https://signin.aws.amazon.com/saml?RelayState=console"), "assertion")
V["recipient-upper-host"] = (recip("https://Signin.AWS.Amazon.com/saml"), "assertion")
V["recipient-foreign-host"] = (recip("https://idp.example.com/saml/acs"), "assertion")
V["recipient-http-trailing-slash"] = (recip("http://signin.aws.amazon.com/saml/"), "assertion")
V["recipient-static"] = (recip("https://signin.aws.amazon.com/static/saml"), "assertion")
def roles_in(xml, part):
    return xml.replace("arn:aws:", "arn:%s:" % part)
V["recipient-partition"] = (recip("https://signin.aws.amazon.com/saml", roles_in(b, "aws-us-gov")), "assertion")
V["ok-recipient-regional"] = (recip("https://eu-west-1.signin.aws.amazon.com/saml"), "assertion")
V["ok-recipient-acs"] = (recip("https://us-east-2.signin.aws.amazon.com/saml/acs/SAMLSP4F7A2C9E1B3D5F70"), "assertion")
V["ok-recipient-cn"] = (recip("https://signin.amazonaws.cn/saml", roles_in(b, "aws-cn")), "assertion")
V["ok-recipient-us-gov"] = (recip("https://signin.amazonaws-us-gov.com/saml", roles_in(b, "aws-us-gov")), "assertion")
# destination
V["destination-mismatch"] = (sub(b, DEST, ' Destination="https://us-east-1.signin.aws.amazon.com/saml"'), "assertion")
V["destination-foreign"] = (sub(b, DEST, ' Destination="https://sp.example.com/acs"'), "assertion")
V["destination-missing-signed"] = (sub(b, DEST, ""), "response")
V["ok-destination-absent"] = (sub(b, DEST, ""), "assertion")
# audience
V["audience-no-conditions"] = (re.sub(r"    <saml:Conditions.*?</saml:Conditions>\n", "", b, flags=re.S), "assertion")
V["audience-no-restriction"] = (re.sub(r"\n      <saml:AudienceRestriction>.*?</saml:AudienceRestriction>", "", b, flags=re.S), "assertion")
V["audience-wrong"] = (sub(b, AUD, "<saml:Audience>https://idp.example.com/aws</saml:Audience>"), "assertion")
V["audience-plausible"] = (sub(b, AUD, "<saml:Audience>https://us-west-2.signin.aws.amazon.com/saml</saml:Audience>"), "assertion")
V["audience-two-restrictions"] = (sub(b, "      </saml:AudienceRestriction>\n", "      </saml:AudienceRestriction>\n"
                                      "      <saml:AudienceRestriction>\n        <saml:Audience>https://app.example.com</saml:Audience>\n"
                                      "      </saml:AudienceRestriction>\n"), "assertion")
V["ok-audience-sign-in-url"] = (sub(b, AUD, "<saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience>"), "assertion")
V["ok-audience-sp-entity-id"] = (sub(b, AUD, "<saml:Audience>https://signin.aws.amazon.com/saml/acs/SAMLSP4F7A2C9E1B3D5F70</saml:Audience>"), "assertion")
# time
def times(xml, ii=None, noa=None, nb=None, snoa=None, cnoa=None):
    if ii:
        xml = xml.replace('IssueInstant="2025-06-01T11:59:30Z"', 'IssueInstant="%s"' % ii)
    if noa:
        xml = xml.replace('NotOnOrAfter="2025-06-01T12:04:30Z"', 'NotOnOrAfter="%s"' % noa)
    if cnoa:
        xml = sub(xml, COND, COND.replace('NotOnOrAfter="2025-06-01T12:04:30Z"', 'NotOnOrAfter="%s"' % cnoa))
    if nb:
        xml = sub(xml, 'NotBefore="2025-06-01T11:59:00Z"', 'NotBefore="%s"' % nb)
    if snoa:
        xml = sub(xml, 'SessionNotOnOrAfter="2025-06-01T20:00:00Z"', 'SessionNotOnOrAfter="%s"' % snoa)
    return xml
V["expired"] = (times(b, ii="2025-06-01T11:57:00Z", noa="2025-06-01T11:59:00Z", nb="2025-06-01T11:56:30Z"), "assertion")
V["expired-conditions"] = (times(b, cnoa="2025-06-01T11:59:45Z"), "assertion")
V["expired-session"] = (times(b, snoa="2025-06-01T11:00:00Z"), "assertion")
V["expired-bad-time"] = (times(b, cnoa="2025-06-01T25:00:00Z"), "assertion")
V["issue-instant-stale"] = (times(b, ii="2025-06-01T11:54:00Z", nb="2025-06-01T11:53:30Z"), "assertion")
V["issue-instant-stale-offset"] = (times(b, ii="2025-06-01T13:54:00+02:00", nb="2025-06-01T11:53:30Z"), "assertion")
V["issue-instant-stale-assertion"] = (sub(times(b, nb="2025-06-01T11:53:30Z"), AII, AII.replace("11:59:30Z", "11:54:00Z")), "assertion")
V["not-yet-valid"] = (times(b, nb="2025-06-01T12:02:00Z"), "assertion")
V["not-yet-valid-issue-instant"] = (times(b, ii="2025-06-01T12:01:00Z"), "assertion")
V["not-yet-valid-scd"] = (sub(b, NOA_SCD, 'NotBefore="2025-06-01T12:01:00Z" ' + NOA_SCD), "assertion")
V["ok-times-fractions-offsets"] = (times(b, ii="2025-06-01T13:59:30.123456+02:00", nb="2025-06-01T06:59:00.5-05:00"), "assertion")
V["ok-times-edge"] = (times(b, ii="2025-06-01T11:55:00Z", nb="2025-06-01T12:00:00Z"), "assertion")

for name, (xml, target) in V.items():
    fixture(name, xml, target)

# xml/bom and xml/not-utf8 on a response: warning sub-cases
fixture("xml-bom", b, "assertion", prefix=b"\xef\xbb\xbf")
fixture("xml-not-utf8", '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + b, "assertion")

# ---------------------------------------------------------------- big inputs
def role_values(n):
    return "".join("\n        <saml:AttributeValue>%s</saml:AttributeValue>" % role("Team%04d-Developer" % i) for i in range(n))
ROLE_ATTR = re.compile(r'(<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"[^>]*>).*?(\n      </saml:Attribute>)', re.S)
# 800 Role values: ~90 kB of XML, ~120,000 base64 characters
fixture("too-large", ROLE_ATTR.sub(lambda m: m.group(1) + role_values(800) + m.group(2), b), "assertion")
# 5 MB AttributeValue (sec/limits: 1 MiB per value)
big = sub(b, "<saml:AttributeValue>jdoe</saml:AttributeValue>",
          "<saml:AttributeValue>" + "A" * (5 * 1024 * 1024) + "</saml:AttributeValue>")
fixture("sec-limits-value", big, None)
# 100,000 saml:Attribute elements (sec/limits: 50,000 elements)
many = "".join('\n      <saml:Attribute Name="urn:example:a%d"><saml:AttributeValue>v</saml:AttributeValue></saml:Attribute>' % i
               for i in range(100000))
fixture("sec-limits-attributes", sub(b, "\n    </saml:AttributeStatement>", many + "\n    </saml:AttributeStatement>"), None)
# 1,001 saml:Attribute elements (sec/limits: 1,000 attributes per assertion),
# kept small so that response/too-large stays quiet
some = "".join('\n      <saml:Attribute Name="x%d"/>' % i for i in range(1001 - 3))
fixture("sec-limits-attribute-count", sub(b, "\n    </saml:AttributeStatement>", some + "\n    </saml:AttributeStatement>"), "assertion")
# 101 values in one attribute: run with --limit-values 100 (a response over
# the default 5,000 is also over the 100,000-character limit; see
# sec-limits-values-default)
vals = "".join("\n        <saml:AttributeValue>g%d</saml:AttributeValue>" % i for i in range(101))
fixture("sec-limits-values", sub(b, "\n    </saml:AttributeStatement>",
        '\n      <saml:Attribute Name="urn:example:groups">' + vals + "\n      </saml:Attribute>\n    </saml:AttributeStatement>"), "assertion")
# 5,001 empty values in one attribute: sec/limits with the default limit (the
# document is also over the AssumeRoleWithSAML size limit)
vals = "".join("<saml:AttributeValue/>" for i in range(5001))
fixture("sec-limits-values-default", sub(b, "\n    </saml:AttributeStatement>",
        '\n      <saml:Attribute Name="urn:example:groups">' + vals + "</saml:Attribute>\n    </saml:AttributeStatement>"), "assertion")

# ------------------------------------------------- input forms of the vendors
def b64_lines(data, width=76):
    s = base64.b64encode(data).decode("ascii")
    return "\n".join(s[i:i + width] for i in range(0, len(s), width)) + "\n"


def har(entries, creator):
    return json.dumps({"log": {"version": "1.2", "creator": creator, "pages": [], "entries": entries}},
                      indent=2, ensure_ascii=False) + "\n"


def entry(method, url, post=None, started="2025-06-01T11:59:29.000Z", mime=None, params=None, status=200):
    e = {"startedDateTime": started, "time": 12.5,
         "request": {"method": method, "url": url, "httpVersion": "HTTP/2", "cookies": [],
                     "headers": [{"name": "User-Agent", "value": "Mozilla/5.0"}],
                     "queryString": [], "headersSize": -1, "bodySize": len(post or "")},
         "response": {"status": status, "statusText": "", "httpVersion": "HTTP/2", "cookies": [],
                      "headers": [], "content": {"size": 0, "mimeType": "text/html"}, "redirectURL": "",
                      "headersSize": -1, "bodySize": 0},
         "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}}
    if post is not None:
        pd = {"mimeType": mime or "application/x-www-form-urlencoded", "text": post}
        if params is not None:
            pd["params"] = params
        e["request"]["postData"] = pd
    return e


for name in ("ok-okta", "ok-adfs", "ok-entra", "ok-google", "ok-keycloak", "ok-shibboleth", "ok-jumpcloud"):
    data = open(os.path.join(out, name + ".xml"), "rb").read()
    v = name[3:]
    flat = base64.b64encode(data).decode("ascii")
    open(os.path.join(out, "forms", v + ".b64"), "w").write(b64_lines(data))
    body = "SAMLResponse=" + urllib.parse.quote(flat, safe="") + "&RelayState="
    open(os.path.join(out, "forms", v + ".form"), "w").write(body)
    around = [entry("GET", "https://idp.example.com/app/aws/sso/saml", started="2025-06-01T11:59:27.000Z"),
              entry("POST", "https://idp.example.com/api/v1/authn", '{"username":"jdoe"}',
                    started="2025-06-01T11:59:28.000Z", mime="application/json")]
    after = [entry("GET", "https://console.aws.amazon.com/console/home", started="2025-06-01T11:59:31.000Z"),
             entry("GET", "https://signin.aws.amazon.com/static/css/main.css", started="2025-06-01T11:59:31.100Z")]
    # Chrome lists the form fields in postData.params and text; URL-encoded.
    chrome = around + [entry("POST", "https://signin.aws.amazon.com/saml", body,
                             params=[{"name": "SAMLResponse", "value": urllib.parse.quote(flat, safe="")},
                                     {"name": "RelayState", "value": ""}])] + after
    open(os.path.join(out, "forms", v + ".chrome.har"), "w").write(
        har(chrome, {"name": "WebInspector", "version": "537.36"}))
    # Firefox: postData.text only, and params decoded.
    ff = around + [entry("POST", "https://signin.aws.amazon.com/saml", body,
                         params=[{"name": "SAMLResponse", "value": flat}, {"name": "RelayState", "value": ""}])] + after
    open(os.path.join(out, "forms", v + ".firefox.har"), "w").write(
        har(ff, {"name": "Firefox", "version": "128.0"}))

# response/too-large at its boundary: base64 of exactly 75,000 bytes is
# 100,000 characters (accepted), of 75,001 bytes 100,004 (rejected). The
# padding is a comment in the unsigned Response, outside the signed Assertion.
signed = open(os.path.join(out, "ok-base.xml"), "rb").read()
for name, n in (("size-limit-ok", 75000), ("size-limit-over", 75001)):
    i = signed.rindex(b"</samlp:Response>")
    d = signed[:i] + b"<!--" + b"p" * (n - len(signed) - 7) + b"-->" + signed[i:]
    assert len(d) == n
    open(os.path.join(out, "forms", name + ".b64"), "w").write(base64.b64encode(d).decode("ascii") + "\n")

# -------------------------------------------------------------- examples
okta = vendors["ok-okta"][0]
write(os.path.join(examples, "okta-clean.xml"), okta, "both")
mistakes = okta.replace(OKTA_ROLES[0], OKTA_ROLES[0].replace(",arn:", ", arn:"), 1)
mistakes = mistakes.replace('<saml2:AttributeValue%s>jdoe@example.com</saml2:AttributeValue>' % XSI,
                            '<saml2:AttributeValue%s>Jane Doe</saml2:AttributeValue>' % XSI, 1)
if mistakes == okta:
    sys.exit("examples: mistakes not applied")
write(os.path.join(examples, "okta-mistakes.xml"), mistakes, "both")
PY
echo "response fixtures written to $out"
