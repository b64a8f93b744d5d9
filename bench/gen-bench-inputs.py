#!/usr/bin/env python3
"""gen-bench-inputs.py OUT N [--rss-n M] [--entities "1 1000 5000"]:
the inputs of bench/compare.sh, written under OUT (a temporary directory;
never commit them). From the committed fixture template
(testdata/gen/templates/response-ok.xml), the fixture keys
(testdata/keys/) and bench/gen-large-metadata.py:

  OUT/metadata.xml            templates/metadata-ok.xml filled with idp-signing
  OUT/signed/rNNNNN.xml       N distinct responses (own Response and Assertion
                              IDs, NameID, RoleSessionName), Response and
                              Assertion signed with idp-signing (xmlsec1, as
                              testdata/gen/sign.py does, one xmlsec1 call per pass)
  OUT/enc/rNNNNN.xml          N distinct responses whose signed Assertion is
                              encrypted to sp-encryption (AES-256-GCM, RSA-OAEP),
                              as testdata/gen/make-encryption-fixtures.sh does
  OUT/rss/rNNNNN.xml          M hard links cycling over signed/ (--rss-n)
  OUT/aws-limit.xml           one signed response of about 73 KiB (AWS takes at
                              most 100,000 base64 characters), padded with a
                              group attribute AWS ignores
  OUT/tampered.xml            signed/r00000.xml with its NameID changed
  OUT/wrong-signer.xml        r00000 signed with idp-rotated instead
  OUT/entities-K.xml          md:EntitiesDescriptor with K copies of the IdP,
                              the last one with the responses' issuer
  OUT/metadata-10mb.xml       1,000 such entities (the most certificates a trust
                              anchor may hold), each with an mdui:Logo data: URI,
                              just under 10,000,000 bytes (IAM's metadata cap)
  OUT/signed.list, enc.list, rss.list   the file names, one a line

Needs xmlsec1 and python3 `cryptography` (for enc/; skipped with a notice
without it)."""
import argparse
import base64
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
GEN = os.path.join(TOP, "testdata", "gen")
KEYS = os.path.join(TOP, "testdata", "keys")
ISSUER = "https://idp.example.com/saml"
RESP_ID = "_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8"
ASSERT_ID = "_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809"

SIG_TMPL = ('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>'
            '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>'
            '<ds:Reference URI="#%s"><ds:Transforms>'
            '<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>'
            '<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>'
            '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/>'
            '</ds:Reference></ds:SignedInfo><ds:SignatureValue/>'
            '<ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>')


def after_issuer(xml, elem, ref_id):
    """Insert a signature template after the Issuer of the first <elem>."""
    start = xml.index("<" + elem)
    iss = xml.index("</saml:Issuer>", start) + len("</saml:Issuer>")
    return xml[:iss] + SIG_TMPL % ref_id + xml[iss:]


def xmlsec_sign_all(paths, key="idp-signing"):
    """Sign, in place, the first signature template of each file: one
    xmlsec1 process for all of them (it accepts several files and writes
    each result to stdout, each starting with an XML declaration)."""
    for i in range(0, len(paths), 500):
        chunk = paths[i:i + 500]
        cmd = ["xmlsec1", "--sign", "--privkey-pem",
               "%s,%s" % (os.path.join(KEYS, key + ".key"), os.path.join(KEYS, key + ".crt")),
               "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:protocol:Response",
               "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion"] + chunk
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("gen-bench-inputs: xmlsec1 --sign failed: " + r.stderr[-2000:])
        docs = [d for d in re.split(r"(?=<\?xml )", r.stdout) if d.strip()]
        if len(docs) != len(chunk):
            sys.exit("gen-bench-inputs: xmlsec1 wrote %d documents for %d inputs" % (len(docs), len(chunk)))
        for p, d in zip(chunk, docs):
            # keep the template's form: no XML declaration
            d = re.sub(r"^<\?xml[^>]*\?>\s*", "", d)
            with open(p, "w", encoding="utf-8") as f:
                f.write(d)


def distinct(tpl, i):
    """Response i: its own IDs, NameID and RoleSessionName."""
    return (tpl.replace(RESP_ID, "_resp-bench-%08d" % i)
               .replace(ASSERT_ID, "_assert-bench-%08d" % i)
               .replace(">u-7d3f9a2c<", ">u-bench-%08d<" % i)
               .replace("<saml:AttributeValue>jdoe</saml:AttributeValue>",
                        "<saml:AttributeValue>user%d</saml:AttributeValue>" % i))


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def signed_set(out, tpl, n, sub, both=True, key="idp-signing"):
    """n distinct responses in out/sub, Assertion signed (and Response
    when both)."""
    d = os.path.join(out, sub)
    os.makedirs(d, exist_ok=True)
    paths = []
    for i in range(n):
        p = os.path.join(d, "r%05d.xml" % i)
        x = distinct(tpl, i)
        write(p, after_issuer(x, "saml:Assertion", "_assert-bench-%08d" % i))
        paths.append(p)
    xmlsec_sign_all(paths, key)
    if both:
        for i, p in enumerate(paths):
            x = open(p, encoding="utf-8").read()
            write(p, after_issuer(x, "samlp:Response", "_resp-bench-%08d" % i))
        xmlsec_sign_all(paths, key)
    return paths


def encrypt_all(paths):
    """Replace each file's signed Assertion by an EncryptedAssertion to
    sp-encryption (AES-256-GCM, RSA-OAEP-MGF1P)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding as apad
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    pub = x509.load_pem_x509_certificate(
        open(os.path.join(KEYS, "sp-encryption.crt"), "rb").read()).public_key()
    certb64 = open(os.path.join(KEYS, "sp-encryption.b64")).read().strip()
    xenc, ds = "http://www.w3.org/2001/04/xmlenc#", "http://www.w3.org/2000/09/xmldsig#"

    def b64(b):
        s = base64.b64encode(b).decode()
        return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))

    for p in paths:
        xml = open(p, encoding="utf-8").read()
        m = re.search(r"<saml:Assertion[\s>].*</saml:Assertion>", xml, re.S)
        plain = m.group(0).replace(
            "<saml:Assertion ", '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ', 1)
        key, iv = os.urandom(32), os.urandom(12)
        ct = iv + AESGCM(key).encrypt(iv, plain.encode("utf-8"), None)
        wrapped = pub.encrypt(key, apad.OAEP(mgf=apad.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None))
        ea = ('<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="%s" Id="_ed-1" Type="%sElement">'
              '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>'
              '<ds:KeyInfo xmlns:ds="%s"><xenc:EncryptedKey Id="_ek-1">'
              '<xenc:EncryptionMethod Algorithm="%srsa-oaep-mgf1p">'
              '<ds:DigestMethod Algorithm="%ssha1"/></xenc:EncryptionMethod>'
              '<ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo>'
              '<xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData>'
              '</xenc:EncryptedKey></ds:KeyInfo>'
              '<xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData>'
              '</xenc:EncryptedData></saml:EncryptedAssertion>'
              % (xenc, xenc, ds, xenc, ds, certb64, b64(wrapped), b64(ct)))
        write(p, xml[:m.start()] + ea + xml[m.end():])


def entities(out, md, k, name):
    p = os.path.join(out, name)
    subprocess.run([sys.executable, os.path.join(HERE, "gen-large-metadata.py"), md, str(k), p], check=True)
    x = open(p, encoding="utf-8").read()
    # the last entity is the responses' issuer (worst case for a linear search)
    x = x.replace('entityID="https://idp%05d.example.com/saml"' % (k - 1), 'entityID="%s"' % ISSUER)
    write(p, x)
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--rss-n", type=int, default=0)
    ap.add_argument("--entities", default="1 1000 5000")
    ap.add_argument("--no-10mb", action="store_true")
    a = ap.parse_args()
    out = a.out
    os.makedirs(out, exist_ok=True)
    md = os.path.join(out, "metadata.xml")
    write(md, subprocess.run(["sh", os.path.join(GEN, "fill.sh"), os.path.join(GEN, "templates", "metadata-ok.xml")],
                             check=True, capture_output=True, text=True).stdout)
    tpl = open(os.path.join(GEN, "templates", "response-ok.xml"), encoding="utf-8").read()

    signed = signed_set(out, tpl, a.n, "signed")
    write(os.path.join(out, "signed.list"), "\n".join(signed) + "\n")
    try:
        import cryptography  # noqa: F401
        enc = signed_set(out, tpl, a.n, "enc", both=False)
        encrypt_all(enc)
        write(os.path.join(out, "enc.list"), "\n".join(enc) + "\n")
    except ImportError:
        print("gen-bench-inputs: python3 cryptography missing: no encrypted inputs", file=sys.stderr)
    if a.rss_n:
        d = os.path.join(out, "rss")
        os.makedirs(d, exist_ok=True)
        rss = []
        for i in range(a.rss_n):
            p = os.path.join(d, "r%05d.xml" % i)
            if not os.path.exists(p):
                os.link(signed[i % len(signed)], p)
            rss.append(p)
        write(os.path.join(out, "rss.list"), "\n".join(rss) + "\n")

    # negative controls for the floor
    x = open(signed[0], encoding="utf-8").read()
    write(os.path.join(out, "tampered.xml"), x.replace(">u-bench-00000000<", ">u-bench-00000001<"))
    d = os.path.join(out, "neg")
    os.makedirs(d, exist_ok=True)
    ws = signed_set(out, tpl, 1, "neg", key="idp-rotated")
    os.replace(ws[0], os.path.join(out, "wrong-signer.xml"))

    # a response at the AWS size limit: 100,000 base64 characters = 75,000
    # bytes; aim at about 73 KiB (under 74,752 bytes) after signing
    grp = ('<saml:Attribute Name="http://schemas.xmlsoap.org/claims/Group" '
           'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">%s</saml:Attribute>')
    vals, k = [], 0
    base = len(distinct(tpl, 999999).encode()) + 2 * 1900 + len(grp)
    while base + sum(len(v) for v in vals) < 74110:
        vals.append("<saml:AttributeValue>grp-bench-%06d-engineering</saml:AttributeValue>" % k)
        k += 1
    big = distinct(tpl, 999999).replace("</saml:AttributeStatement>", grp % "".join(vals) + "</saml:AttributeStatement>")
    p = os.path.join(out, "aws-limit.xml")
    write(p, after_issuer(big, "saml:Assertion", "_assert-bench-00999999"))
    xmlsec_sign_all([p])
    write(p, after_issuer(open(p, encoding="utf-8").read(), "samlp:Response", "_resp-bench-00999999"))
    xmlsec_sign_all([p])

    for k in a.entities.split():
        entities(out, md, int(k), "entities-%s.xml" % k)
    if not a.no_10mb:
        # 10 MB of metadata that is checked in full: 1,000 IdP entities (the
        # most certificates a trust anchor may hold) each carrying an
        # mdui:Logo as a data: URI, as aggregates do, up to just under
        # IAM's 10,000,000-character cap
        p = entities(out, md, 1000, "metadata-10mb.xml")
        x = open(p, encoding="utf-8").read()
        ext = ('<md:Extensions><mdui:UIInfo xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui">'
               '<mdui:DisplayName xml:lang="en">Bench IdP</mdui:DisplayName>'
               '<mdui:Logo height="64" width="64">data:image/png;base64,%s</mdui:Logo>'
               '</mdui:UIInfo></md:Extensions>')
        per = (9_990_000 - len(x)) // 1000 - len(ext) + 2
        logo = base64.b64encode(bytes(range(256)) * (per // 256 + 1)).decode()[:per // 4 * 4]
        x = re.sub(r"(<md:IDPSSODescriptor[^>]*>)", lambda m: m.group(1) + ext % logo, x)
        write(p, x)

main()
