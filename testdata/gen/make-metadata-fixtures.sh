#!/bin/sh
# Regenerate testdata/metadata/*.xml and examples/metadata/*.xml from
# testdata/gen/templates/metadata-*.xml and the fixed keys in testdata/keys/.
#
# - Vendor-shaped metadata (ADFS, Entra ID, Okta, Google Workspace, Keycloak,
#   Shibboleth) are filled with fill.sh; ADFS and Entra ID are signed like
#   the real ones with the xmlsec1 CLI (enveloped signature as the first
#   child of the root, Reference URI="#<ID>", exclusive C14N, RSA-SHA256:
#   deterministic, so re-running gives the same bytes).
# - One file per metadata rule (and interesting sub-case) is derived from
#   metadata-base.xml by replacing its @PLACEHOLDERS@.
# - Certificates with defects that the fixed keys do not have (PEM armour,
#   two certificates in one element, trailing bytes, URL-safe base64, a
#   version-1 certificate with extensions, eleven distinct signing
#   certificates) are derived byte-wise from idp-signing.crt.
# The expected findings of each case live in testdata/cases/metadata/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mkdir -p "$top/testdata/metadata" "$top/examples/metadata"
HERE="$here" TOP="$top" python3 - <<'PY'
import base64, os, re, subprocess, tempfile

HERE = os.environ["HERE"]
TOP = os.environ["TOP"]
KEYS = os.path.join(TOP, "testdata", "keys")
TPL = os.path.join(HERE, "templates")
OUT = os.path.join(TOP, "testdata", "metadata")
EX = os.path.join(TOP, "examples", "metadata")


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def write(path, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


def fill(text):
    """Replace @CERT:name@ with fill.sh (the shared placeholder filler)."""
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as t:
        t.write(text)
    try:
        return subprocess.run(["sh", os.path.join(HERE, "fill.sh"), t.name], check=True,
                              capture_output=True, text=True).stdout
    finally:
        os.unlink(t.name)


def sign(text, root_local):
    """Enveloped signature as the first child of the root element."""
    m = re.search(r"<((?:[A-Za-z0-9_]+:)?)%s\b[^>]*>" % root_local, text)
    ref = re.search(r'\sID="([^"]+)"', m.group(0)).group(1)
    tmpl = ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
            '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
            '<ds:Reference URI="#%s"><ds:Transforms>'
            '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
            '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
            '<ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/>'
            '<ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>' % ref)
    text = text[:m.end()] + tmpl + text[m.end():]
    with tempfile.TemporaryDirectory() as d:
        i, o = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        write(i, text)
        subprocess.run(["xmlsec1", "--sign", "--privkey-pem",
                        "%s,%s" % (os.path.join(KEYS, "idp-signing.key"),
                                   os.path.join(KEYS, "idp-signing.crt")),
                        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:metadata:%s" % root_local,
                        "--output", o, i], check=True, capture_output=True)
        return read(o)


def der(name):
    pem = read(os.path.join(KEYS, name + ".crt"))
    body = "".join(l for l in pem.splitlines() if l and not l.startswith("-----"))
    return base64.b64decode(body)


def b64(data):
    return base64.b64encode(data).decode()


# --- minimal DER helpers (for the version-1 certificate) ---
def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der_read(buf, off):
    """(tag, content_start, end) of the TLV at off."""
    tag = buf[off]
    l = buf[off + 1]
    p = off + 2
    if l & 0x80:
        k = l & 0x7F
        l = int.from_bytes(buf[p:p + k], "big")
        p += k
    return tag, p, p + l


def v1_with_extensions(d):
    """Remove the [0] version field from tbsCertificate (version 1), keep the
    [3] extensions; the outer signature is left as is (never verified)."""
    _, cs, ce = der_read(d, 0)
    tag, ts, te = der_read(d, cs)
    assert tag == 0x30
    tbs = d[ts:te]
    vt, vs, ve = der_read(tbs, 0)
    assert vt == 0xA0, "idp-signing.crt has no explicit version"
    tbs = tbs[ve:]
    new_tbs = b"\x30" + der_len(len(tbs)) + tbs
    rest = d[te:ce]
    content = new_tbs + rest
    return b"\x30" + der_len(len(content)) + content


def variant(d, i):
    """A distinct DER: the last signature byte changed (parses the same)."""
    return d[:-1] + bytes([d[-1] ^ i])


SIGNING_KD = '''    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>%s</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>'''
ENC_KD = SIGNING_KD.replace('use="signing"', 'use="encryption"')
SSO = ('    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
       'Location="https://idp.example.com/saml/sso"/>\n'
       '    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
       'Location="https://idp.example.com/saml/sso"/>')
BASE = read(os.path.join(TPL, "metadata-base.xml"))


def base(entityid=' entityID="https://idp.example.com/saml"', rootattrs="",
         protocol=' protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"',
         ssoattrs="", keys=None, sso=SSO):
    if keys is None:
        keys = SIGNING_KD % "@CERT:idp-signing@"
    t = BASE
    for k, v in (("@ENTITYID@", entityid), ("@ROOTATTRS@", rootattrs), ("@PROTOCOL@", protocol),
                 ("@SSOATTRS@", ssoattrs), ("@KEYS@", keys), ("@SSO@", sso)):
        t = t.replace(k, v)
    return fill(t)


def entity_block(eid, cert="@CERT:idp-signing@"):
    return ('  <md:EntityDescriptor entityID="%s">\n'
            '    <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\n'
            '%s\n%s\n    </md:IDPSSODescriptor>\n  </md:EntityDescriptor>\n'
            % (eid, SIGNING_KD % cert, SSO))


def entities(n):
    body = "".join(entity_block("https://idp%d.example.com/saml" % i) for i in range(1, n + 1))
    return fill('<?xml version="1.0" encoding="UTF-8"?>\n<md:EntitiesDescriptor '
                'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
                'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="https://federation.example.com">\n'
                + body + '</md:EntitiesDescriptor>\n')


files = {}
# ---- vendor-shaped, clean ----
files["ok-okta"] = fill(read(os.path.join(TPL, "metadata-okta.xml")))
files["ok-adfs"] = sign(fill(read(os.path.join(TPL, "metadata-adfs.xml"))), "EntityDescriptor")
files["ok-entra"] = sign(fill(read(os.path.join(TPL, "metadata-entra.xml"))), "EntityDescriptor")
# hand-edited after signing: the digest no longer matches
files["signature-invalid"] = files["ok-adfs"].replace(
    'ServiceDisplayName="Example ADFS"', 'ServiceDisplayName="Example ADFS (edited)"', 1)
assert files["signature-invalid"] != files["ok-adfs"]
files["ok-google"] = fill(read(os.path.join(TPL, "metadata-google.xml")))
files["ok-keycloak"] = fill(read(os.path.join(TPL, "metadata-keycloak.xml")))
files["ok-shibboleth"] = fill(read(os.path.join(TPL, "metadata-shibboleth.xml")))
files["ok-base"] = base()
files["ok-ten-keys"] = base(keys="\n".join(SIGNING_KD % b64(variant(der("idp-signing"), i))
                                           for i in range(0, 10)))
files["ok-expired-encryption-cert"] = base(
    keys=SIGNING_KD % "@CERT:idp-signing@" + "\n" + ENC_KD % "@CERT:expired@")
files["ok-same-cert-twice"] = base(
    keys=SIGNING_KD % "@CERT:expiring@" + "\n" + SIGNING_KD % "@CERT:expiring@")

# ---- xml/* ----
ok = files["ok-base"]
files["bom"] = b"\xEF\xBB\xBF" + ok.encode()
files["not-utf8"] = ok.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
files["malformed"] = ok[: ok.index("</md:IDPSSODescriptor>")]
files["dtd"] = ok.replace("?>\n", '?>\n<!DOCTYPE md:EntityDescriptor [\n  <!ENTITY idp "https://idp.example.com/saml">\n]>\n', 1)
files["duplicate-id"] = base(rootattrs=' ID="_meta1"', ssoattrs=' ID="_meta1"')
files["id-syntax"] = base(rootattrs=' ID="2f9c1e7a-5b6d-4e3f-8a9b-0c1d2e3f4a5b"')

# ---- metadata/size ----
files["size"] = base(keys="")  # also metadata/no-signing-cert: small without a certificate
files["size"] = files["size"][: files["size"].index("  <md:Organization>")] + "</md:EntityDescriptor>\n"
files["size-url"] = "https://idp.example.com/app/amazon_aws/exk1a2b3c4d5e6f7g8h9/sso/saml/metadata\n"

# ---- metadata/root ----
files["root-html"] = read(os.path.join(TPL, "metadata-html.xml"))
files["root-response"] = fill(read(os.path.join(TPL, "response-ok.xml")))
files["root-certificate"] = fill('<?xml version="1.0" encoding="UTF-8"?>\n'
                                 '<ds:X509Certificate xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
                                 '@CERT:idp-signing@</ds:X509Certificate>\n')
files["root-saml1"] = fill(read(os.path.join(TPL, "metadata-saml1.xml")))
files["root-wsfed"] = read(os.path.join(TPL, "metadata-wsfed.xml"))

# ---- metadata/multiple-entities ----
files["multiple-entities"] = entities(2)
files["multiple-entities-over-limit"] = entities(11)

# ---- entity ID ----
files["entity-id-missing"] = base(entityid="")
files["entity-id-missing-blank"] = base(entityid=' entityID=" &#9; "')
files["entity-id-invalid"] = base(entityid=' entityID="https://idp.example.com/saml "')
files["entity-id-invalid-relative"] = base(entityid=' entityID="idp.example.com"')
files["entity-id-invalid-long"] = base(entityid=' entityID="https://idp.example.com/%s"'
                                       % ("a" * 1010))

# ---- IDPSSODescriptor ----
files["no-idpsso"] = read(os.path.join(TPL, "metadata-aws-sp.xml"))
files["protocol-support"] = base(protocol=' protocolSupportEnumeration="urn:oasis:names:tc:SAML:1.1:protocol"')
files["protocol-support-missing"] = base(protocol="")
files["protocol-support-wsfed"] = base(protocol=' protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706"')
files["ok-protocol-support-several"] = base(
    protocol=' protocolSupportEnumeration="urn:oasis:names:tc:SAML:1.1:protocol\n      urn:oasis:names:tc:SAML:2.0:protocol"')
files["no-signing-cert"] = base(keys=ENC_KD % "@CERT:idp-signing@")
files["no-signing-cert-keyname"] = base(keys='''    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:KeyName>idp-signing-2024</ds:KeyName>
      </ds:KeyInfo>
    </md:KeyDescriptor>''')
files["no-sso-service"] = base(sso="")
files["valid-until-passed"] = base(rootattrs=' validUntil="2025-05-01T00:00:00Z"')
files["valid-until-future"] = base(rootattrs=' validUntil="2025-07-01T00:00:00Z"')
files["valid-until-unparsable"] = base(ssoattrs=' validUntil="2025-13-01"')

# ---- certificates ----
d = der("idp-signing")
files["too-many-keys"] = base(keys="\n".join(SIGNING_KD % b64(variant(d, i)) for i in range(0, 11)))
pem = "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----" % "\n".join(
    re.findall(".{1,64}", b64(d)))
files["cert-unparsable"] = base(keys=SIGNING_KD % pem)
files["cert-unparsable-two"] = base(keys=SIGNING_KD % b64(d + der("idp-rotated")))
files["cert-unparsable-trailing"] = base(keys=SIGNING_KD % b64(d + b"\x00\x00"))
urlsafe = base64.urlsafe_b64encode(d).decode()
assert urlsafe != b64(d)
files["cert-unparsable-base64"] = base(keys=SIGNING_KD % urlsafe)
files["cert-unparsable-v1-extensions"] = base(keys=SIGNING_KD % b64(v1_with_extensions(d)))
files["cert-key-too-small"] = base(keys=SIGNING_KD % "@CERT:rsa512@")
files["cert-key-weak"] = base(keys=SIGNING_KD % "@CERT:rsa1024@")
files["cert-key-type"] = base(keys=SIGNING_KD % "@CERT:ec-p256@")
files["cert-duplicate-extension"] = base(keys=SIGNING_KD % "@CERT:dup-extension@")
files["cert-expired"] = base(keys=SIGNING_KD % "@CERT:expired@")
files["cert-expiring"] = base(keys=SIGNING_KD % "@CERT:expiring@")
files["rollover"] = base(keys=SIGNING_KD % "@CERT:idp-signing@" + "\n" + SIGNING_KD % "@CERT:idp-rotated@")

# ---- sec/no-external-fetch ----
files["no-external-fetch-xinclude"] = base(
    rootattrs=' xmlns:xi="http://www.w3.org/2001/XInclude"',
    sso=SSO + '\n    <xi:include href="https://idp.example.com/extra-endpoints.xml"/>')
files["no-external-fetch-retrieval-method"] = base(keys='''    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:RetrievalMethod URI="https://idp.example.com/keys/signing.cer" Type="http://www.w3.org/2000/09/xmldsig#rawX509Certificate"/>
        <ds:X509Data>
          <ds:X509Certificate>@CERT:idp-signing@</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>''')

for name, data in sorted(files.items()):
    write(os.path.join(OUT, name + ".xml"), data)

# ---- examples for the README quick start ----
write(os.path.join(EX, "okta.xml"), files["ok-okta"])
write(os.path.join(EX, "adfs.xml"), files["ok-adfs"])
write(os.path.join(EX, "expired-signing-cert.xml"), files["cert-expired"])
write(os.path.join(EX, "aws-sp-metadata-by-mistake.xml"), files["no-idpsso"])
print("metadata fixtures: %d files" % len(files))
PY
