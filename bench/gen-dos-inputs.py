#!/usr/bin/env python3
"""gen-dos-inputs.py OUTDIR [NCERTS] [RESPONSE_BYTES]: the work x certificates
worst case of RULES.md sec/limits (issue 8 item 7), for bench/run.sh.

- OUTDIR/metadata-certs-N.xml: IdP metadata with N distinct signing
  certificates (default 2000), none of which is the key that signed the
  response (every candidate fails: the worst case for the verifier). They
  share one RSA key (idp-rotated) and differ by serial number, so the
  generator is fast; the verifier cannot know that.
- OUTDIR/response-1mb.xml: a Response of about RESPONSE_BYTES (default
  1,000,000) whose Assertion (one Attribute with many values) is signed by
  idp-signing with sign.py; its KeyInfo carries idp-signing's certificate.
Deterministic except for the certificates' signatures (RSA PKCS#1 v1.5 is
deterministic too)."""
import base64
import datetime
import os
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.join(here, "..")
gen = os.path.join(top, "testdata", "gen")
keys = os.path.join(top, "testdata", "keys")
out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
size = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
os.makedirs(out, exist_ok=True)

key = serialization.load_pem_private_key(open(os.path.join(keys, "idp-rotated.key"), "rb").read(), None)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dos.example.com")])
t0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
kds = []
for i in range(n):
    c = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
         .serial_number(1000 + i).not_valid_before(t0).not_valid_after(t0 + datetime.timedelta(days=730))
         .sign(key, hashes.SHA256()))
    b = base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode()
    kds.append('<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s'
               '</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>' % b)
md = ('<?xml version="1.0" encoding="UTF-8"?>\n'
      '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
      'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.com/saml">'
      '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
      + "\n".join(kds) +
      '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
      'Location="https://idp.example.com/saml/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>\n')
open(os.path.join(out, "metadata-certs-%d.xml" % n), "w").write(md)

tpl = subprocess.run(["sh", os.path.join(gen, "fill.sh"), os.path.join(gen, "templates", "response-ok.xml")],
                     check=True, capture_output=True, text=True).stdout
pad = max(0, size - len(tpl))
vals = "".join("<saml:AttributeValue>%s</saml:AttributeValue>" % ("v%04d" % i + "x" * 995)
               for i in range(pad // 1050))
big = ('<saml:Attribute Name="urn:example:filler">%s</saml:Attribute>' % vals)
i = tpl.index("</saml:AttributeStatement>")
tpl = tpl[:i] + big + tpl[i:]
src = os.path.join(out, "response-1mb-unsigned.xml")
open(src, "w").write(tpl)
subprocess.run([sys.executable, os.path.join(gen, "sign.py"), src, os.path.join(out, "response-1mb.xml"),
                "--target", "assertion"], check=True, capture_output=True)
os.unlink(src)
