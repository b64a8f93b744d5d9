#!/usr/bin/env python3
"""Sign a SAML Response and/or its Assertion with the xmlsec1 CLI, as an IdP
would: an enveloped ds:Signature placed right after the element's Issuer,
Reference URI="#<ID>", enveloped-signature + exclusive C14N transforms.

usage: sign.py IN.xml OUT.xml --target assertion|response|both
               [--key K.key --cert C.crt] [--sig rsa-sha256|rsa-sha1|rsa-sha512|ecdsa-sha256]
               [--digest sha256|sha1|sha512] [--no-keyinfo]

RSA PKCS#1 v1.5 signatures are deterministic, so re-running gives the same
bytes (CI can regenerate and diff)."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "..", "keys")
SIG = {
    "rsa-sha1": "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    "rsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "rsa-sha384": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384",
    "rsa-sha512": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
    "ecdsa-sha256": "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
}
DIG = {
    "sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
    "sha256": "http://www.w3.org/2001/04/xmlenc#sha256",
    "sha512": "http://www.w3.org/2001/04/xmlenc#sha512",
}


def template(ref_id, sig, dig, keyinfo):
    ki = "<ds:KeyInfo><ds:X509Data/></ds:KeyInfo>" if keyinfo else ""
    return ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
            '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
            '<ds:SignatureMethod Algorithm="%s"/><ds:Reference URI="#%s"><ds:Transforms>'
            '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
            '<ds:DigestMethod Algorithm="%s"/><ds:DigestValue/></ds:Reference></ds:SignedInfo>'
            '<ds:SignatureValue/>%s</ds:Signature>' % (SIG[sig], ref_id, DIG[dig], ki))


def insert_after_issuer(xml, elem_local, tmpl):
    """Insert tmpl after the Issuer that is the first child of the first
    <prefix:elem_local ...> element."""
    m = re.search(r"<((?:[A-Za-z0-9_]+:)?)%s[\s>]" % elem_local, xml)
    if not m:
        sys.exit("sign.py: no <%s> element" % elem_local)
    start = m.start()
    idm = re.search(r'\sID="([^"]+)"', xml[start:xml.index(">", start)])
    if not idm:
        sys.exit("sign.py: <%s> has no ID" % elem_local)
    iss = re.compile(r"<((?:[A-Za-z0-9_]+:)?)Issuer[\s>].*?</\1Issuer>", re.S).search(xml, start)
    if not iss:
        sys.exit("sign.py: <%s> has no Issuer" % elem_local)
    return xml[:iss.end()] + tmpl % idm.group(1) if False else \
        xml[:iss.end()] + tmpl.replace("#REFID", "#" + idm.group(1)) + xml[iss.end():]


def xmlsec_sign(xml, key, cert):
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.xml")
        dst = os.path.join(d, "out.xml")
        open(src, "w", encoding="utf-8").write(xml)
        cmd = ["xmlsec1", "--sign", "--privkey-pem", "%s,%s" % (key, cert),
               "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
               "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
               "--output", dst, src]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("sign.py: xmlsec1 failed: " + r.stderr)
        out = open(dst, encoding="utf-8").read()
    # xmlsec1 adds an XML declaration; keep the input's form
    if not xml.lstrip().startswith("<?xml"):
        out = re.sub(r"^<\?xml[^>]*\?>\s*", "", out)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inp")
    ap.add_argument("out")
    ap.add_argument("--target", choices=["assertion", "response", "both"], required=True)
    ap.add_argument("--key", default=os.path.join(KEYS, "idp-signing.key"))
    ap.add_argument("--cert", default=os.path.join(KEYS, "idp-signing.crt"))
    ap.add_argument("--sig", default="rsa-sha256", choices=sorted(SIG))
    ap.add_argument("--digest", default="sha256", choices=sorted(DIG))
    ap.add_argument("--no-keyinfo", action="store_true")
    a = ap.parse_args()
    xml = open(a.inp, encoding="utf-8").read()
    tmpl = template("REFID", a.sig, a.digest, not a.no_keyinfo)
    if a.target in ("assertion", "both"):
        xml = xmlsec_sign(insert_after_issuer(xml, "Assertion", tmpl), a.key, a.cert)
    if a.target in ("response", "both"):
        xml = xmlsec_sign(insert_after_issuer(xml, "Response", tmpl), a.key, a.cert)
    open(a.out, "w", encoding="utf-8").write(xml)


main()
