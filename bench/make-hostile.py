#!/usr/bin/env python3
"""Hostile inputs for the bounded-time benchmark (bench/hostile.sh, issue 8
item 6; RULES.md sec/limits). Each scenario is written at the size cap that
applies to it: responses at the response cap (1 MiB of decoded XML,
--limit-response-bytes), metadata at its cap (10,000,000 characters,
metadata/size). None of them may take more than 1 s.

usage: make-hostile.py OUTDIR [SIZE_RESPONSE] [SIZE_METADATA]"""
import base64
import os
import subprocess
import sys
import tempfile

out = sys.argv[1]
RS = int(sys.argv[2]) if len(sys.argv) > 2 else 1024 * 1024
MS = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000
os.makedirs(out, exist_ok=True)
P = ('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
     'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" '
     'IssueInstant="2025-06-01T11:59:30Z">')
E = '</samlp:Response>'
MD = ('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
      'entityID="https://idp.example.com/saml">')
MDE = '</md:EntityDescriptor>'


def fill(head, unit, tail, size, sep=""):
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


def w(name, text):
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def both(name, head, unit, tail, mhead=None, mtail=None):
    """The same construct as a response (at RS) and as metadata (at MS)."""
    w("response-" + name + ".xml", fill(P + head, unit, tail + E, RS))
    w("metadata-" + name + ".xml", fill(MD + (mhead or head), unit, (mtail or tail) + MDE, MS))


# many attributes on one element (libxml2 2.9: quadratic duplicate check)
both("many-attributes", "<x ", 'a%s="" ', "/>")
w("response-many-attributes.xml",
  P + "<x " + "".join('a%d="" ' % i for i in range(RS // 10)) + "/>" + E)
w("metadata-many-attributes.xml",
  MD + "<x " + "".join('a%d="" ' % i for i in range(MS // 12)) + "/>" + MDE)
# the same as many namespace declarations
w("response-many-namespaces.xml",
  P + "<x " + "".join('xmlns:p%d="urn:%d" ' % (i, i) for i in range(RS // 26)) + "/>" + E)
# namespaces in scope at the limit: 30 + 32 declarations on two nested
# elements (64 in scope with the root's), then as many elements as fit,
# each with 62 attributes whose prefix is the one found last (xmlSearchNs
# walks up from the element, and each element's declarations in order)
decl = lambda d, n: "".join(' xmlns:n%d_%d="urn:%d:%d"' % (d, k, d, k) for k in range(n))
head = "<e%s><e%s>" % (decl(0, 30), decl(1, 32))
tail = "</e></e>"
leaf = "<n0_29:l " + " ".join('n0_29:a%d="v"' % k for k in range(62)) + "/>"
w("response-namespaces-in-scope.xml", fill(P + head, leaf, tail + E, RS))
w("metadata-namespaces-in-scope.xml", fill(MD.replace(">", ' xmlns:x="urn:x">', 1) + head, leaf,
                                           tail + MDE, MS))
# one namespace too many (the pre-scan stops it)
w("response-namespaces-over.xml", fill(P + "<e%s><e%s>" % (decl(0, 30), decl(1, 33)), leaf, tail + E, RS))
# deep nesting
both("deep-nesting", "", "<d>", "")
# many elements
both("many-elements", "", "<e/>", "")
# many elements just under the element limit, each with 64 attributes
u = "<e " + " ".join('a%d="v"' % k for k in range(63)) + "/>"
w("response-wide-elements.xml", fill(P, u, E, RS))
w("metadata-wide-elements.xml", fill(MD, u, MDE, MS))
# one long text value / attribute value (1 MiB limit per value)
both("long-text", "<v>", "A", "</v>")
both("long-attribute", '<v a="', "A", '"/>')
# many short text values (under the element limit)
both("many-comments", "", "<!---->", "")
both("many-entities", "<v>", "&amp;", "</v>")
both("many-charrefs", "<v>", "&#x41;", "</v>")
# many IDs (xml/duplicate-id is a sort) and many duplicates
w("response-many-ids.xml", fill(P, '<e ID="_a"/>', E, RS))
w("response-many-distinct-ids.xml",
  P + "".join('<e ID="_%d"/>' % i for i in range(49000)) + E)
# many Assertions / Signatures (response rules)
w("response-many-assertions.xml", fill(P, '<saml:Assertion ID="_a"/>', E, RS))
w("response-many-signatures.xml",
  fill(P, '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>', E, RS))
# the same attack in UTF-16 and declared UTF-7 (the pre-scan reads what the
# parser reads)
t = '<?xml version="1.0" encoding="UTF-16"?>' + P + "<x " + "".join(
    'a%d="" ' % i for i in range(RS // 20)) + "/>" + E
w("response-many-attributes-utf16.xml", b"\xff\xfe" + t.encode("utf-16-le"))
t = ('<?xml version="1.0" encoding="UTF-7"?>' + P + "<x " +
     "".join('a%d="" ' % i for i in range(RS // 10)) + "/>" + E)
w("response-many-attributes-utf7.xml", t.encode("utf-7"))
# base64 transport of the worst one
raw = open(os.path.join(out, "response-many-attributes.xml"), "rb").read()
w("response-many-attributes.b64", base64.b64encode(raw))

# Genuine, signed responses at the response cap (checked with --metadata):
# signature verification, claims and the Role rules over the largest input.
here = os.path.dirname(os.path.abspath(__file__))
gen = os.path.join(here, "..", "testdata", "gen")
ok = open(os.path.join(gen, "templates", "response-ok.xml"), encoding="utf-8").read()
ROLE = ('<saml:AttributeValue>arn:aws:iam::123456789012:role/Developer,'
        'arn:aws:iam::123456789012:saml-provider/ExampleIdP</saml:AttributeValue>')


def signed(name, xml, target="both"):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(xml)
        subprocess.run([sys.executable, os.path.join(gen, "sign.py"), src, dst, "--target", target],
                       check=True)
        w(name, open(dst, "rb").read())


room = RS - len(ok) - 8192
signed("response-signed-long-value.xml",
       ok.replace("<saml:AttributeValue>jdoe</saml:AttributeValue>",
                  "<saml:AttributeValue>" + "A" * room + "</saml:AttributeValue>", 1))
roles = "".join(ROLE.replace("Developer", "R%d" % i) for i in range(4999))
signed("response-signed-many-roles.xml",
       ok.replace(ROLE.replace("Developer", "ReadOnly"), roles, 1))
attrs = "".join('<saml:Attribute Name="urn:example:a%d">%s</saml:Attribute>' % (
    i, "<saml:AttributeValue>v</saml:AttributeValue>" * 5) for i in range(990))
signed("response-signed-many-saml-attributes.xml",
       ok.replace("</saml:AttributeStatement>", attrs + "</saml:AttributeStatement>", 1))

# An encrypted assertion at the cap (checked with --key): decryption, the
# plaintext parse and the document rules on it, and its signature.
try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding as apad
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
except ImportError:
    x509 = None
if x509 is not None:
    import re
    keys = os.path.join(here, "..", "testdata", "keys")
    big = ok.replace("<saml:AttributeValue>jdoe</saml:AttributeValue>",
                     "<saml:AttributeValue>" + "A" * (RS * 7 // 10) + "</saml:AttributeValue>", 1)
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(big)
        subprocess.run([sys.executable, os.path.join(gen, "sign.py"), src, dst, "--target",
                        "assertion"], check=True)
        xml = open(dst, encoding="utf-8").read()
    m = re.search(r"<saml:Assertion[\s>].*?</saml:Assertion>", xml, re.S)
    plain = m.group(0).replace("<saml:Assertion ", '<saml:Assertion xmlns:saml='
                               '"urn:oasis:names:tc:SAML:2.0:assertion" ', 1).encode()
    cert = x509.load_pem_x509_certificate(open(os.path.join(keys, "sp-encryption.crt"), "rb").read())
    key, iv = os.urandom(32), os.urandom(12)
    ct = iv + AESGCM(key).encrypt(iv, plain, None)
    wrapped = cert.public_key().encrypt(key, apad.OAEP(mgf=apad.MGF1(hashes.SHA1()),
                                                       algorithm=hashes.SHA1(), label=None))
    XE, DS = "http://www.w3.org/2001/04/xmlenc#", "http://www.w3.org/2000/09/xmldsig#"
    ea = ('<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="%s" Type="%sElement">'
          '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>'
          '<ds:KeyInfo xmlns:ds="%s"><xenc:EncryptedKey><xenc:EncryptionMethod '
          'Algorithm="%srsa-oaep-mgf1p"/><xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue>'
          '</xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>'
          '%s</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>'
          % (XE, XE, DS, XE, base64.b64encode(wrapped).decode(), base64.b64encode(ct).decode()))
    w("response-enc-large.xml", xml[:m.start()] + ea + xml[m.end():])

# Metadata with many certificates: 1,000 distinct ones (the most that is
# parsed, each by OpenSSL) and an aggregate of 1,000 IdP entities padded to
# the cap; and 9,000 (refused by the certificate bound before any is parsed).
if x509 is not None:
    import datetime
    from cryptography.x509.oid import NameOID
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    ck = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    nm = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.com")])

    def certs(n):
        for i in range(n):
            c = (x509.CertificateBuilder().subject_name(nm).issuer_name(nm)
                 .public_key(ck.public_key()).serial_number(i + 1)
                 .not_valid_before(datetime.datetime(2025, 1, 1))
                 .not_valid_after(datetime.datetime(2030, 1, 1)).sign(ck, hashes.SHA256()))
            yield base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode()

    KD = ('<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s'
          '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>')
    SSO = ('<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
           'Location="https://idp.example.com/sso"/>')
    MDNS = ('xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'xmlns:ds="http://www.w3.org/2000/09/xmldsig#"')
    PROTO = 'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"'

    def entity(eid, kds):
        return ('<md:EntityDescriptor entityID="%s"><md:IDPSSODescriptor %s>%s%s'
                '</md:IDPSSODescriptor></md:EntityDescriptor>' % (eid, PROTO, kds, SSO))

    c1000 = list(certs(1000))
    one = entity("https://idp.example.com/saml", "".join(KD % c for c in c1000))
    w("metadata-1000-certs.xml", one.replace("<md:EntityDescriptor ", "<md:EntityDescriptor %s " % MDNS, 1))
    agg = "".join(entity("https://idp%04d.example.com/saml" % i, KD % c) for i, c in enumerate(c1000))
    head = "<md:EntitiesDescriptor %s>" % MDNS
    tail = "</md:EntitiesDescriptor>"
    room = MS - len(head) - len(agg) - len(tail)
    pad = ("<!--" + "x" * 99993 + "-->") * (room // 100000)
    w("metadata-1000-entities-padded.xml", head + agg + pad + tail)
    w("metadata-9000-certs.xml", one.replace("<md:EntityDescriptor ", "<md:EntityDescriptor %s " % MDNS, 1)
      .replace(SSO, "".join(KD % c for c in c1000) * 8 + SSO, 1))

# A HAR at the input cap (16 MiB) holding as many of the slowest response
# shape as fit (each checked as its own document).
import json
import urllib.parse
raw = open(os.path.join(out, "response-namespaces-in-scope.xml"), "rb").read()
val = urllib.parse.quote(base64.b64encode(raw).decode(), safe="")
entry = {"request": {"method": "POST", "url": "https://signin.aws.amazon.com/saml",
                     "postData": {"mimeType": "application/x-www-form-urlencoded",
                                  "params": [{"name": "SAMLResponse", "value": val}]}}}
n = (16 * 1024 * 1024 - 1024) // (len(json.dumps(entry)) + 2)
w("response-har-at-input-cap.har", json.dumps({"log": {"entries": [entry] * n}}))

# HTML auto-post pages (RULES.md 0.2 input/undecodable; src/input/html.c), at
# the input cap (16 MiB): libxml2's HTML parser checks duplicate attributes
# quadratically and makes a node for every tag, comment and PI, so the
# pre-scan bounds tags, markup and attributes before it runs.
IS = 16 * 1024 * 1024 - 4096
HP, HE = "<!DOCTYPE html><html><body>", "</body></html>"
t63 = "<i " + " ".join("a%d=1" % k for k in range(63)) + "></i>"
w("response-html-attributes.html", HP + t63 * 3150 + "<b></b>" * 43000 + "<p>"
  + "x&#43;&amp;" * ((IS - 3150 * len(t63) - 43000 * 7) // 11) + HE)
w("response-html-pis.html", fill(HP, "<?x?>", HE, IS))
w("response-html-end-tags.html", fill(HP, "</p>", HE, IS))
w("response-html-value.html", HP + '<form><input name="SAMLResponse" value="'
  + "QUFB" * ((IS - 100) // 4) + '"></form>' + HE)

# Whole inputs at the input cap (16 MiB, --max-input-bytes), around the
# response: a capture with as many SAML POSTs as fit (256 are decoded and
# checked, SC_INPUT_MAX_ITEMS), a capture of filler entries, a form body of
# parameters (1,000 are read), base64 of a document far over the response
# cap.
import json
import urllib.parse
IN = 16 * 1024 * 1024 - 4096
sig_dir = os.path.join(here, "..", "testdata", "responses", "sig")
both_signed = open(os.path.join(sig_dir, "both-signed.xml"), "rb").read()
b64 = base64.b64encode(both_signed).decode()
post = {"request": {"method": "POST", "url": "https://signin.aws.amazon.com/saml", "headers": [],
                    "postData": {"mimeType": "application/x-www-form-urlencoded",
                                 "text": "SAMLResponse=" + urllib.parse.quote_plus(b64)}},
        "response": {"status": 302}}
filler = {"request": {"method": "GET", "url": "https://idp.example.com/app.js", "headers": []},
          "response": {"status": 200, "content": {"size": 1000, "text": "x" * 1000}}}


def har(entries):
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "x", "version": "1"},
                               "entries": entries}})


w("response-capture-saml-posts.har", har([post] * (IN // (len(json.dumps(post)) + 2))))
w("response-capture-filler.har", har([filler] * ((IN - 2 * len(json.dumps(post))) // (len(json.dumps(filler)) + 2)) + [post]))
w("response-form-many-params.txt", "SAMLResponse=" + urllib.parse.quote_plus(b64) + "&" +
  "a=b&" * ((IN - len(b64) * 2) // 4))
w("response-base64-over-cap.b64", base64.b64encode(fill(P, "<a/>", E, IN * 3 // 4).encode()))
