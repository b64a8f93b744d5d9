#!/bin/sh
# Fixtures for the fail-open and denial-of-service fixes of issue 8 and the
# same-document RetrievalMethod of issue 7 (testdata/responses/core/). Each
# attack has a legitimate twin that must pass:
#
#  * not-utf8-*: a signed response with an encoding defect that stops the
#    parser (invalid byte or UTF-8-encoded surrogate inside a comment, which
#    exclusive C14N leaves out of the digest; encoding="x-bogus";
#    encoding="UTF-16" on UTF-8 bytes), as XML, base64 and a form body.
#    Twins: latin1-*.xml, a declared ISO-8859-1 / windows-1252 document that
#    still parses (the warning sub-case of xml/not-utf8).
#  * verdict-*: section-11 errors raised outside the signature code on a
#    response whose signature verifies (an assertion hidden in the Response
#    signature's KeyInfo, a comment in the NameID, a duplicate ID, one valid
#    and one invalid signature): summary.signature.trusted must be false.
#  * dos-*: hostile shapes just above and below the parser limits (written
#    by dos_fixtures, small enough to commit; the large ones for the
#    benchmark are made by bench/make-hostile.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$top/testdata/responses/core"
mkdir -p "$out"
python3 - "$here" "$out" <<'PY'
import base64, os, re, subprocess, sys, tempfile, urllib.parse

here, out = sys.argv[1], sys.argv[2]
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()


def sign(xml, target, extra=()):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(here, "sign.py"), src, dst,
                        "--target", target] + list(extra), check=True)
        return open(dst, encoding="utf-8").read()


def sub(xml, old, new, count=1):
    if old not in xml:
        sys.exit("make-core-fixtures: %r not in the document" % old)
    return xml.replace(old, new, count)


def put(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def b64(data):
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76)) + "\n"


def form(data):
    return "SAMLResponse=" + urllib.parse.quote(base64.b64encode(data).decode(), safe="") + \
        "&RelayState=\n"


signed = sign(base, "assertion")
STATUS = "  <samlp:Status>"

# ---- xml/not-utf8 never fails open (issue 8 item 1) ----
# A comment before the Status is outside the signed Assertion, and exclusive
# C14N drops comments anyway: the signature still verifies.
attacks = {
    "not-utf8-comment": sub(signed, STATUS, "  <!-- \xff -->\n" + STATUS).encode("utf-8"),
    "not-utf8-surrogate": None,
    "not-utf8-bogus-encoding": ('<?xml version="1.0" encoding="x-bogus"?>\n' + signed).encode(),
    "not-utf8-utf16-label": ('<?xml version="1.0" encoding="UTF-16"?>\n' + signed).encode(),
}
raw = signed.encode("utf-8")
i = raw.index(STATUS.encode())
attacks["not-utf8-comment"] = raw[:i] + b"  <!-- \xff -->\n" + raw[i:]
attacks["not-utf8-surrogate"] = raw[:i] + b"  <!-- \xed\xa0\x80 -->\n" + raw[i:]
for name, data in attacks.items():
    put(name + ".xml", data)
put("not-utf8-comment.b64", b64(attacks["not-utf8-comment"]))
put("not-utf8-comment.form", form(attacks["not-utf8-comment"]))
put("not-utf8-surrogate.b64", b64(attacks["not-utf8-surrogate"]))
# Twins: declared single-byte encodings that still parse (warning sub-case).
latin = raw[:i] + b"  <!-- r\xe9sum\xe9 -->\n" + raw[i:]
put("latin1-comment.xml", b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + latin)
put("latin1-comment.b64", b64(b'<?xml version="1.0" encoding="ISO-8859-1"?>\n' + latin))
put("cp1252-comment.form", form(b'<?xml version="1.0" encoding="windows-1252"?>\n' + latin))
put("utf8-comment.xml", raw[:i] + "  <!-- résumé \U0001F600 -->\n".encode("utf-8") + raw[i:])
# ---- the trust verdict follows every section-11 error (issue 8 item 3) ----
# Each attack keeps the signature valid: what is added sits in the Response
# signature's KeyInfo (outside the digest: enveloped-signature removes the
# whole ds:Signature) or is a comment (exclusive C14N drops comments).
def ki_insert(xml, what):
    """Insert @what into the KeyInfo of the first ds:Signature."""
    return sub(xml, "<ds:KeyInfo>", "<ds:KeyInfo>" + what)

resp_signed = sign(base, "response")
EVIL = ('<saml:Assertion ID="_evil-1" Version="2.0" IssueInstant="2025-06-01T11:59:30Z">'
        '<saml:Issuer>https://idp.example.com/saml</saml:Issuer></saml:Assertion>')
put("verdict-assertion-in-keyinfo.xml", ki_insert(resp_signed, EVIL))
put("verdict-duplicate-id-in-keyinfo.xml",
    ki_insert(resp_signed, '<ds:KeyName xmlns:x="urn:x" x:y="1" Id="_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809">k</ds:KeyName>'))
put("verdict-nameid-comment.xml",
    sub(resp_signed, ">u-7d3f9a2c</saml:NameID>", ">u-7d3f<!---->9a2c</saml:NameID>"))
# one valid and one invalid signature: the Assertion's SignatureValue is
# changed (still base64) before the Response is signed over it
a_signed = sign(base, "assertion")
m = re.search(r"<ds:SignatureValue>([A-Za-z0-9+/=\s]+)</ds:SignatureValue>", a_signed)
v = m.group(1)
bad = v[:10] + ("B" if v[10] != "B" else "C") + v[11:]
put("verdict-one-valid-one-invalid.xml",
    sign(a_signed[:m.start(1)] + bad + a_signed[m.end(1):], "response"))
# legitimate twin: the response signed as it is (trusted)
put("verdict-ok-response-signed.xml", resp_signed)
# ---- same-document RetrievalMethod to the EncryptedKey (issue 7 item 2) ----
# Derived from the committed enc/sibling-retrieval.xml (EncryptedKey beside
# EncryptedData, named by a RetrievalMethod, as Okta sends it); only the
# EncryptedData's KeyInfo changes, which no signature covers, so these are
# deterministic. okta-*: the Response is also signed over the ciphertext.
enc_dir = os.path.join(os.path.dirname(out), "enc")
sib = open(os.path.join(enc_dir, "sibling-retrieval.xml"), encoding="utf-8").read()
RM = ('<ds:RetrievalMethod Type="http://www.w3.org/2001/04/xmlenc#EncryptedKey" '
      'URI="#_ek-9a2f"/>')
put("okta-retrieval-signed.xml", sign(sib, "response"))
put("retrieval-external.xml", sub(sib, RM, RM.replace('"#_ek-9a2f"', '"https://idp.example.com/ek.xml"')))
put("retrieval-to-encrypted-data.xml", sub(sib, RM, RM.replace('"#_ek-9a2f"', '"#_ed-5b1c"')))
put("retrieval-other-type.xml",
    sub(sib, RM, RM.replace("xmlenc#EncryptedKey", "xmldsig#X509Data").replace(
        "2001/04/xmldsig", "2000/09/xmldsig")))
# the EncryptedKey it names is outside the EncryptedAssertion (a copy with
# another Id placed before it, in the Response)
ek = re.search(r"<xenc:EncryptedKey .*?</xenc:EncryptedKey>", sib, re.S).group(0)
outside = sub(sib, "<saml:EncryptedAssertion>",
              ek.replace('Id="_ek-9a2f"', 'Id="_ek-out"') + "<saml:EncryptedAssertion>")
put("retrieval-outside.xml", sub(outside, RM, RM.replace('"#_ek-9a2f"', '"#_ek-out"')))
# ---- the same content in plaintext (the decrypted twins must match) ----
a_signed = sign(base, "assertion")
KI = "<ds:KeyInfo>"
put("plain-assertion-in-keyinfo.xml", sub(a_signed, KI, KI + EVIL))
put("plain-duplicate-id.xml", sub(a_signed, KI, KI + '<ds:KeyName Id="_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809">k</ds:KeyName>'))
put("plain-duplicate-id-outer.xml", sub(a_signed, KI, KI + '<ds:KeyName Id="_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8">k</ds:KeyName>'))
# the Advice twin in plaintext (signed content: info)
ADV = ('<saml:Advice><saml:Assertion ID="_adv-1" Version="2.0" IssueInstant="2025-06-01T11:59:30Z">'
       '<saml:Issuer>https://idp.example.com/saml</saml:Issuer></saml:Assertion></saml:Advice>')
put("plain-advice-assertion.xml", sign(sub(base, "</saml:Conditions>", "</saml:Conditions>" + ADV), "assertion"))
PY
