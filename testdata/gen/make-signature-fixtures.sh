#!/bin/sh
# Signature fixtures (testdata/responses/sig/): responses signed at the
# Response, the Assertion or both with the committed keys, each defect made
# by XML surgery on the signed bytes (tampering, re-indenting, comment
# injection, the XSW1-XSW8 wrapping constructions of RULES.md) or by signing
# a deliberately non-standard template (URI="", XPointer, inclusive C14N,
# XPath transform, Reference to another element, ds:Object). Metadata files
# for the cases come from templates/sig-metadata-*.xml via fill.sh.
# RSA signatures are deterministic; ECDSA ones are not (regenerating changes
# those bytes, not their validity).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../responses/sig"
mkdir -p "$out"
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" >"$out/metadata.xml"
sh "$here/fill.sh" "$here/templates/sig-metadata-ec.xml" >"$out/metadata-ec.xml"
sh "$here/fill.sh" "$here/templates/sig-metadata-rsa1024.xml" >"$out/metadata-rsa1024.xml"
sh "$here/fill.sh" "$here/templates/sig-metadata-two.xml" >"$out/metadata-two.xml"
python3 - "$here" "$out" <<'PY'
import os, re, subprocess, sys, tempfile
here, out = sys.argv[1], sys.argv[2]
keys = os.path.join(here, "..", "keys")
base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
SIGN = os.path.join(here, "sign.py")
RESP_ID = "_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8"
ASSERT_ID = "_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809"
C14N_EXC = "http://www.w3.org/2001/10/xml-exc-c14n#"
C14N_INC = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENV = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116"


def write(name, xml):
    open(os.path.join(out, name), "w", encoding="utf-8").write(xml)


def sign(xml, target, *extra):
    with tempfile.TemporaryDirectory() as d:
        i, o = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(i, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, SIGN, i, o, "--target", target] + list(extra), check=True)
        return open(o, encoding="utf-8").read()


def key(name):
    return ["--key", os.path.join(keys, name + ".key"), "--cert", os.path.join(keys, name + ".crt")]


def xmlsec_sign(xml, k="idp-signing"):
    """Sign a document that already holds a ds:Signature template."""
    with tempfile.TemporaryDirectory() as d:
        i, o = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(i, "w", encoding="utf-8").write(xml)
        subprocess.run(["xmlsec1", "--sign", "--privkey-pem",
                        "%s,%s" % (os.path.join(keys, k + ".key"), os.path.join(keys, k + ".crt")),
                        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
                        "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                        "--output", o, i], check=True, capture_output=True)
        s = open(o, encoding="utf-8").read()
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", s)


def template(uri, c14n=C14N_EXC, transforms=None, extra=""):
    if transforms is None:
        transforms = [ENV, C14N_EXC]
    tr = "".join(t if t.startswith("<") else '<ds:Transform Algorithm="%s"/>' % t for t in transforms)
    ref_uri = "" if uri is None else ' URI="%s"' % uri
    return ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
            '<ds:CanonicalizationMethod Algorithm="%s"/>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
            '<ds:Reference%s><ds:Transforms>%s</ds:Transforms>'
            '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>'
            '</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>%s'
            '</ds:Signature>' % (c14n, ref_uri, tr, extra))


def after_assertion_issuer(xml, tmpl):
    a = xml.index("<saml:Assertion ")
    e = xml.index("</saml:Issuer>", a) + len("</saml:Issuer>")
    return xml[:e] + tmpl + xml[e:]


def span(xml, tag, start=0):
    """(start, end) of the first <tag ...>...</tag> at or after start (no nesting)."""
    s = re.compile(r"<%s[\s>]" % re.escape(tag)).search(xml, start).start()
    e = xml.index("</%s>" % tag, s) + len("</%s>" % tag)
    return s, e


def strip_sig(elem):
    s, e = span(elem, "ds:Signature")
    return elem[:s] + elem[e:]


def forge(elem):
    """The attacker's edit: another user, another role."""
    return elem.replace("u-7d3f9a2c", "u-attacker").replace("role/Developer", "role/Admin")


resp = sign(base, "response")
asrt = sign(base, "assertion")
both = sign(base, "both")
write("resp-signed.xml", resp)
write("assert-signed.xml", asrt)
write("both-signed.xml", both)
write("unsigned.xml", base)
write("sha1.xml", sign(base, "assertion", "--sig", "rsa-sha1", "--digest", "sha1"))
write("sha512.xml", sign(base, "response", "--sig", "rsa-sha512", "--digest", "sha512"))
write("ecdsa.xml", sign(base, "assertion", "--sig", "ecdsa-sha256", *key("ec-p256")))
write("rotated.xml", sign(base, "assertion", *key("idp-rotated")))
write("rsa1024.xml", sign(base, "assertion", *key("rsa1024")))
write("no-keyinfo.xml", sign(base, "assertion", "--no-keyinfo"))

# content changed after signing: digest mismatch
write("tampered.xml", asrt.replace("<saml:AttributeValue>jdoe<", "<saml:AttributeValue>root<"))
# re-indented after signing (pretty-printer): whitespace text nodes changed
a0, a1 = span(asrt, "saml:Assertion")
write("reindented.xml", asrt[:a0] + asrt[a0:a1].replace("\n    ", "\n      ") + asrt[a1:])
# signed, then a comment injected into values (exclusive C14N drops comments:
# the signature still verifies; D4 makes the value ambiguous)
write("comment-nameid.xml", asrt.replace(">u-7d3f9a2c<", ">u-7d3f<!---->9a2c<"))
write("comment-role.xml", asrt.replace("role/Developer,arn", "role/Dev<!-- x -->eloper,arn"))
# duplicate IDs: the Response takes the Assertion's ID after signing
write("dup-id.xml", asrt.replace('ID="%s"' % RESP_ID, 'ID="%s"' % ASSERT_ID, 1))

# non-standard signatures, signed for real so only the structure is wrong
write("uri-empty.xml", xmlsec_sign(after_assertion_issuer(base, template(""))))
write("uri-absent.xml", xmlsec_sign(after_assertion_issuer(base, template(None))))
write("uri-xpointer.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#xpointer(id('%s'))" % ASSERT_ID))))
write("uri-other.xml", xmlsec_sign(after_assertion_issuer(base, template("#" + RESP_ID))))
write("inclusive-c14n.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#" + ASSERT_ID, c14n=C14N_INC, transforms=[ENV, C14N_INC]))))
write("xpath-transform.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#" + ASSERT_ID, transforms=[
        ENV, '<ds:Transform Algorithm="%s"><ds:XPath>not(ancestor-or-self::ds:Signature)'
             '</ds:XPath></ds:Transform>' % XPATH, C14N_EXC]))))
write("no-enveloped.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#" + ASSERT_ID, transforms=[C14N_EXC]))))
write("object.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#" + ASSERT_ID, extra='<ds:Object Id="obj1"><x>hidden</x></ds:Object>'))))
write("external-uri.xml", after_assertion_issuer(asrt.replace(
    '<ds:Reference URI="#%s">' % ASSERT_ID, '<ds:Reference URI="https://evil.example/x">'), ""))

# ---- RULES.md 0.2: real IdP shapes (legitimate) and the attacks they resemble ----
def b64cert(name):
    pem = open(os.path.join(keys, name + ".crt"), encoding="ascii").read()
    return "".join(l for l in pem.splitlines() if l and not l.startswith("-----"))


# Issue 7 item 4: a GUID ID that starts with a digit (SecureWorks); the
# signature's Reference names it and it resolves to the Assertion.
GUID = "3f2a9c1e-7b4d-4e8f-9a0b-1c2d3e4f5a6b"
guid_base = base.replace('ID="%s"' % ASSERT_ID, 'ID="%s"' % GUID)
guid = sign(guid_base, "assertion")
write("guid-id.xml", guid)
# twin: the Response takes the same GUID after signing (a duplicate ID)
write("guid-id-duplicate.xml", guid.replace('ID="%s"' % RESP_ID, 'ID="%s"' % GUID, 1))

# Issue 7 item 5: the Response signature as the last child of the Response
# (Auth0 before 2017). The enveloped transform removes it wherever it is in
# its parent, so moving the element (without the text around it) keeps the
# digest.
rs, re_ = span(resp, "ds:Signature")
rsig = resp[rs:re_]
moved = resp[:rs] + resp[re_:]
end = moved.rindex("</samlp:Response>")
write("resp-sig-last.xml", moved[:end] + rsig + moved[end:])
# twin: the signature moved OUT of its parent, into samlp:Extensions
i = moved.index("<samlp:Status>")
write("resp-sig-moved-out.xml", moved[:i] + "<samlp:Extensions>" + rsig + "</samlp:Extensions>\n  " +
      moved[i:])

# Issue 7 item 6: a signed assertion inside the signed assertion's own
# saml:Advice (each possibly signed).
inner = ('<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_advice-7c1d" '
         'Version="2.0" IssueInstant="2025-06-01T11:59:30Z"><saml:Issuer>https://idp.example.com/saml'
         '</saml:Issuer><saml:Subject><saml:NameID>u-7d3f9a2c</saml:NameID></saml:Subject>'
         '</saml:Assertion>')
inner_signed = sign(inner, "assertion")
inner_signed = re.sub(r"^<\?xml[^>]*\?>\s*", "", inner_signed).strip()
c = base.index("</saml:Conditions>") + len("</saml:Conditions>")
advice_base = base[:c] + "\n    <saml:Advice>" + inner_signed + "</saml:Advice>" + base[c:]
write("advice-signed.xml", sign(advice_base, "assertion"))
# twin: the same signed assertion in the Response's Extensions, outside the
# signed assertion
i = asrt.index("<samlp:Status>")
write("advice-outside.xml", asrt[:i] + "<samlp:Extensions><saml:Advice>" + inner_signed +
      "</saml:Advice></samlp:Extensions>\n  " + asrt[i:])

# Issue 7 item 7: inclusive C14N 1.1 in both places (saml.oktadev.com), and
# URI="" on the root Response.
C14N11 = "http://www.w3.org/2006/12/xml-c14n11"
write("c14n11.xml", xmlsec_sign(after_assertion_issuer(
    base, template("#" + ASSERT_ID, c14n=C14N11, transforms=[ENV, C14N11]))))
ri = base.index("</saml:Issuer>") + len("</saml:Issuer>")
uri_root = xmlsec_sign(base[:ri] + template("") + base[ri:])
write("uri-empty-root.xml", uri_root)
# twin: URI="" on the root, content changed after signing
write("uri-empty-root-tampered.xml", uri_root.replace("role/Developer", "role/Admin"))

# Issue 7 item 8: a stale certificate in KeyInfo (the rotated one), the
# signature made with the key the metadata holds
write("stale-keyinfo.xml", re.sub(r"<ds:X509Certificate>[^<]*</ds:X509Certificate>",
                                  "<ds:X509Certificate>%s</ds:X509Certificate>" % b64cert("idp-rotated"),
                                  asrt, count=1))

# Issue 14 item 3: KeyInfo hints other than a certificate (RSAKeyValue,
# X509IssuerSerial, X509SKI) only choose which metadata key is tried first;
# a hint naming a key the metadata does not hold never makes it trusted.
def openssl_x509(name, *args):
    return subprocess.run(["openssl", "x509", "-in", os.path.join(keys, name + ".crt"), "-noout"]
                          + list(args), check=True, capture_output=True, text=True).stdout


def b64(data):
    import base64
    return base64.b64encode(data).decode("ascii")


def hint_rsa_key_value(name):
    n = int(openssl_x509(name, "-modulus").strip().split("=", 1)[1], 16)
    e = int(re.search(r"Exponent: (\d+)", openssl_x509(name, "-text")).group(1))
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    eb = e.to_bytes((e.bit_length() + 7) // 8, "big")
    return ("<ds:KeyValue><ds:RSAKeyValue><ds:Modulus>%s</ds:Modulus><ds:Exponent>%s"
            "</ds:Exponent></ds:RSAKeyValue></ds:KeyValue>" % (b64(nb), b64(eb)))


def hint_issuer_serial(name):
    iss = openssl_x509(name, "-issuer", "-nameopt", "RFC2253").strip().split("=", 1)[1]
    ser = int(openssl_x509(name, "-serial").strip().split("=", 1)[1], 16)
    return ("<ds:X509Data><ds:X509IssuerSerial><ds:X509IssuerName>%s</ds:X509IssuerName>"
            "<ds:X509SerialNumber>%d</ds:X509SerialNumber></ds:X509IssuerSerial></ds:X509Data>"
            % (iss, ser))


def hint_ski(name):
    txt = openssl_x509(name, "-ext", "subjectKeyIdentifier")
    hexs = re.search(r"([0-9A-F]{2}(?::[0-9A-F]{2})+)", txt).group(1)
    return "<ds:X509Data><ds:X509SKI>%s</ds:X509SKI></ds:X509Data>" % b64(bytes.fromhex(hexs.replace(":", "")))


def with_keyinfo(xml, inner):
    return re.sub(r"<ds:KeyInfo>.*?</ds:KeyInfo>", lambda m: "<ds:KeyInfo>%s</ds:KeyInfo>" % inner,
                  xml, count=1, flags=re.S)


rotated = sign(base, "assertion", *key("idp-rotated"))
write("hint-keyvalue-rotated.xml", with_keyinfo(rotated, hint_rsa_key_value("idp-rotated")))
write("hint-issuerserial-rotated.xml", with_keyinfo(rotated, hint_issuer_serial("idp-rotated")))
write("hint-ski-rotated.xml", with_keyinfo(rotated, hint_ski("idp-rotated")))

# RULES.md 11 step 3: a ds:RetrievalMethod in the signature's KeyInfo is
# ignored like the rest of KeyInfo (KeyInfo is outside the signed content)
write("keyinfo-retrieval-local.xml", asrt.replace(
    "<ds:KeyInfo>", '<ds:KeyInfo><ds:RetrievalMethod URI="#_cert-1" '
    'Type="http://www.w3.org/2000/09/xmldsig#X509Data"/>', 1))
# twin: the same pointing outside the document
write("keyinfo-retrieval-external.xml", asrt.replace(
    "<ds:KeyInfo>", '<ds:KeyInfo><ds:RetrievalMethod URI="https://evil.example/cert" '
    'Type="http://www.w3.org/2000/09/xmldsig#X509Data"/>', 1))

# Issue 7 item 9 / issue 8 item 4: broken signatures, judged without metadata
nk = open(os.path.join(out, "no-keyinfo.xml"), encoding="utf-8").read()
write("junk-digest.xml", re.sub(r"<ds:DigestValue>[^<]*</ds:DigestValue>",
                                "<ds:DigestValue>not*base64!</ds:DigestValue>", asrt, count=1))
write("empty-digest-no-keyinfo.xml", re.sub(r"<ds:DigestValue>[^<]*</ds:DigestValue>",
                                            "<ds:DigestValue></ds:DigestValue>", nk, count=1))
write("junk-sigvalue-no-keyinfo.xml", re.sub(r"<ds:SignatureValue>[^<]*</ds:SignatureValue>",
                                             "<ds:SignatureValue>%%junk%%</ds:SignatureValue>", nk,
                                             count=1))
# no SignatureMethod at all (malformed), and one the tool does not know
# (an unsupported algorithm, named by its URI)
write("no-signature-method.xml", re.sub(r'<ds:SignatureMethod Algorithm="[^"]*"/>', "", asrt, count=1))
write("unknown-signature-method.xml", asrt.replace(
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://example.com/xmldsig#rsa-sha3-256", 1))
# base64, but 3 bytes: no RSA key gives such a SignatureValue
write("short-sigvalue-no-keyinfo.xml", re.sub(r"<ds:SignatureValue>[^<]*</ds:SignatureValue>",
                                              "<ds:SignatureValue>AAAA</ds:SignatureValue>", nk, count=1))
write("tampered-no-keyinfo.xml", nk.replace("<saml:AttributeValue>jdoe<", "<saml:AttributeValue>root<"))
# re-indented after signing by a formatter that also puts values on their
# own lines: one digest mismatch, whitespace in many values
def pretty_values(doc):
    return re.sub(r"(<saml:(?:AttributeValue|Audience|NameID|Issuer)(?: [^>]*)?>)([^<\s][^<]*)(</saml:)",
                  lambda m: m.group(1) + "\n          " + m.group(2) + "\n        " + m.group(3), doc)
write("reindented-values.xml", pretty_values(asrt))
write("reindented-values-both.xml", pretty_values(both))

# ---- XSW1-XSW8 (RULES.md table; constructions as in SAML Raider) ----
def xsw1(doc, tag):
    """Forged copy (same ID, modified, keeps the signature) in place of the
    original; the unsigned original is appended inside the signature."""
    s, e = span(doc, tag)
    orig = doc[s:e]
    ss, se = span(orig, "ds:Signature")
    clone = strip_sig(orig)
    sig = orig[ss:se]
    sig = sig[:-len("</ds:Signature>")] + clone + "</ds:Signature>"
    evil = forge(orig[:ss]) + sig + forge(orig[se:])
    return doc[:s] + evil + doc[e:]


def xsw2(doc, tag):
    """Like XSW1, with the unsigned original placed before the signature."""
    s, e = span(doc, tag)
    orig = doc[s:e]
    ss, se = span(orig, "ds:Signature")
    clone = strip_sig(orig)
    evil = forge(orig[:ss]) + clone + orig[ss:se] + forge(orig[se:])
    return doc[:s] + evil + doc[e:]


def evil_assertion(doc, new_id=None):
    s, e = span(doc, "saml:Assertion")
    ev = forge(strip_sig(doc[s:e]) if "<ds:Signature" in doc[s:e] else doc[s:e])
    if new_id:
        ev = ev.replace('ID="%s"' % ASSERT_ID, 'ID="%s"' % new_id, 1)
    return s, e, ev


def xsw3(doc):
    s, e, ev = evil_assertion(doc, "_evil_assertion_ID")
    return doc[:s] + ev + "\n  " + doc[s:]


def xsw4(doc):
    s, e, ev = evil_assertion(doc, "_evil_assertion_ID")
    close = ev.rindex("</saml:Assertion>")
    return doc[:s] + ev[:close] + doc[s:e] + ev[close:] + doc[e:]


def xsw5(doc):
    """The forged Assertion (original ID) carries the original signature; an
    unsigned copy of the original is appended at the end of the Response."""
    s, e = span(doc, "saml:Assertion")
    orig = doc[s:e]
    copy = strip_sig(orig)
    evil = forge(orig)
    end = doc.rindex("</samlp:Response>")
    return doc[:s] + evil + doc[e:end] + "  " + copy + "\n" + doc[end:]


def xsw6(doc):
    """Like XSW5, with the copy placed inside the original signature."""
    s, e = span(doc, "saml:Assertion")
    orig = doc[s:e]
    copy = strip_sig(orig)
    ss, se = span(orig, "ds:Signature")
    evil = forge(orig[:ss]) + orig[ss:se - len("</ds:Signature>")] + copy + "</ds:Signature>" + forge(orig[se:])
    return doc[:s] + evil + doc[e:]


def xsw7(doc):
    """The original signed Assertion hidden in an Extensions element; a forged
    copy takes its place."""
    s, e, ev = evil_assertion(doc)
    return (doc[:s] + "<samlp:Extensions>" + doc[s:e] + "</samlp:Extensions>\n  " + ev + doc[e:])


def xsw8(doc):
    """The original hidden in a ds:Object inside the signature; the forged
    Assertion keeps the signature."""
    s, e = span(doc, "saml:Assertion")
    orig = doc[s:e]
    copy = strip_sig(orig)
    ss, se = span(orig, "ds:Signature")
    evil = (forge(orig[:ss]) + orig[ss:se - len("</ds:Signature>")] + "<ds:Object>" + copy +
            "</ds:Object></ds:Signature>" + forge(orig[se:]))
    return doc[:s] + evil + doc[e:]


write("xsw1-response.xml", xsw1(resp, "samlp:Response"))
write("xsw2-response.xml", xsw2(resp, "samlp:Response"))
write("xsw1-assertion.xml", xsw1(asrt, "saml:Assertion"))
write("xsw2-assertion.xml", xsw2(asrt, "saml:Assertion"))
for n, f in ((3, xsw3), (4, xsw4), (5, xsw5), (6, xsw6), (7, xsw7), (8, xsw8)):
    write("xsw%d-assertion.xml" % n, f(asrt))
    # the Response-level variant: the same operation on a response whose
    # Response (and, where the variant moves its signature, Assertion) is signed
    write("xsw%d-response.xml" % n, f(both if n in (5, 6, 8) else resp))

# twin (XSW4 through Advice): a forged, unsigned Assertion that carries the
# original signed Assertion in its own Advice
s0, e0, ev = evil_assertion(asrt, "_evil_assertion_ID")
c = ev.index("</saml:Conditions>") + len("</saml:Conditions>")
write("advice-hides-original.xml", asrt[:s0] + ev[:c] + "<saml:Advice>" + asrt[s0:e0] + "</saml:Advice>" +
      ev[c:] + asrt[e0:])
PY
# signed metadata (enveloped signature on the root) and a hand-edited copy
python3 - "$here" "$out" <<'PY'
import os, re, subprocess, sys, tempfile
here, out = sys.argv[1], sys.argv[2]
keys = os.path.join(here, "..", "keys")
md = open(os.path.join(out, "metadata.xml"), encoding="utf-8").read()
md = md.replace('entityID="https://idp.example.com/saml"',
                'ID="_md-5a6b7c8d" entityID="https://idp.example.com/saml"', 1)
tmpl = ('<ds:Signature><ds:SignedInfo>'
        '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
        '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
        '<ds:Reference URI="#_md-5a6b7c8d"><ds:Transforms>'
        '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
        '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
        '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>'
        '</ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo>'
        '</ds:Signature>')
i = md.index(">", md.index("<md:EntityDescriptor")) + 1
md = md[:i] + "\n  " + tmpl + md[i:]
with tempfile.TemporaryDirectory() as d:
    src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
    open(src, "w", encoding="utf-8").write(md)
    subprocess.run(["xmlsec1", "--sign", "--privkey-pem",
                    "%s,%s" % (os.path.join(keys, "idp-signing.key"), os.path.join(keys, "idp-signing.crt")),
                    "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor",
                    "--output", dst, src], check=True, capture_output=True)
    signed = open(dst, encoding="utf-8").read()
open(os.path.join(out, "metadata-signed.xml"), "w", encoding="utf-8").write(signed)
open(os.path.join(out, "metadata-signed-edited.xml"), "w", encoding="utf-8").write(
    signed.replace("https://idp.example.com/saml/sso", "https://idp.example.com/sso"))
# RULES.md 0.2 (issue 7 item 10): a federation aggregate signed with
# inclusive C14N and URI="" (IAM does not check metadata signatures: the
# sec rules are warnings at most), the same edited after signing, and a
# root without ID whose Reference names an ID.
def md_sign(doc, ref_uri, c14n, extra_id_attr):
    t = tmpl.replace('URI="#_md-5a6b7c8d"', 'URI="%s"' % ref_uri).replace(
        "http://www.w3.org/2001/10/xml-exc-c14n#", c14n)
    i = doc.index(">", doc.index("<md:EntitiesDescriptor" if "<md:EntitiesDescriptor" in doc
                                 else "<md:EntityDescriptor")) + 1
    doc = doc[:i] + "\n  " + t + doc[i:]
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(doc)
        cmd = ["xmlsec1", "--sign", "--privkey-pem",
               "%s,%s" % (os.path.join(keys, "idp-signing.key"), os.path.join(keys, "idp-signing.crt"))]
        if extra_id_attr:
            cmd += ["--id-attr:ID", extra_id_attr]
        subprocess.run(cmd + ["--output", dst, src], check=True, capture_output=True)
        return open(dst, encoding="utf-8").read()


entity = open(os.path.join(out, "metadata.xml"), encoding="utf-8").read().split("?>", 1)[1].strip()
agg = ('<?xml version="1.0" encoding="UTF-8"?>\n'
       '<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
       'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Name="urn:example:federation">\n' +
       entity + '\n</md:EntitiesDescriptor>\n')
agg_signed = md_sign(agg, "", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315", None)
open(os.path.join(out, "metadata-aggregate-signed.xml"), "w", encoding="utf-8").write(agg_signed)
open(os.path.join(out, "metadata-aggregate-edited.xml"), "w", encoding="utf-8").write(
    agg_signed.replace("https://idp.example.com/saml/sso", "https://idp.example.com/sso"))
# the Reference names an ID the root does not carry (signed text is left as is)
noid_doc = signed.replace(' ID="_md-5a6b7c8d"', "", 1)
open(os.path.join(out, "metadata-signed-no-id.xml"), "w", encoding="utf-8").write(noid_doc)
PY
echo "signature fixtures written to $out"
