#!/bin/sh
# EncryptedAssertion fixtures in testdata/responses/enc/ (RULES.md 7.3, 11).
#
# Each response is testdata/gen/templates/response-ok.xml with its Assertion
# signed by the IdP (sign.py --target assertion), then encrypted to
# testdata/keys/sp-encryption.crt (IAM's decryption key pair) the way IdPs
# do it: EncryptedData (AES-CBC / AES-GCM / 3DES) whose session key is
# wrapped in an EncryptedKey (RSA-OAEP-MGF1P, XML Enc 1.1 RSA-OAEP with
# SHA-256 + MGF1-SHA256, or RSA-1_5).
#
# XML Encryption is randomised (session keys, IVs, OAEP seeds), so these
# files are generated ONCE and committed; tests decrypt them. Existing
# outputs are left untouched (only missing ones are written): regenerate
# all of them only when the templates change, with
#   REGEN_ENC=1 sh testdata/gen/make-encryption-fixtures.sh
# Needs python3 with the `cryptography` package, and xmlsec1 (via sign.py).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out="$top/testdata/responses/enc"
mkdir -p "$out"
# The IdP metadata the enc-* response cases are checked against (deterministic).
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" > "$out/metadata.xml"
if [ -z "${REGEN_ENC:-}" ] && ! python3 -c 'import cryptography' 2>/dev/null; then
    echo "python3 'cryptography' is missing: keeping the committed encryption fixtures"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/sign.py" "$here/templates/response-ok.xml" "$tmp/signed.xml" --target assertion
cp "$here/templates/response-ok.xml" "$tmp/unsigned.xml"
python3 - "$tmp/signed.xml" "$tmp/unsigned.xml" "$top/testdata/keys" "$out" <<'PY'
import base64, os, re, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.asymmetric import padding as apad
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:
    TripleDES = algorithms.TripleDES

signed_path, unsigned_path, keys, out = sys.argv[1:5]
XENC = "http://www.w3.org/2001/04/xmlenc#"
XENC11 = "http://www.w3.org/2009/xmlenc11#"
DS = "http://www.w3.org/2000/09/xmldsig#"

def cert(name):
    pem = open(os.path.join(keys, name + ".crt"), "rb").read()
    c = x509.load_pem_x509_certificate(pem)
    b64 = open(os.path.join(keys, name + ".b64")).read().strip()
    return c.public_key(), b64

def assertion_of(path):
    """The Assertion element as standalone XML (with its namespace)."""
    xml = open(path, encoding="utf-8").read()
    # greedy: the outer Assertion, with any assertion in its Advice
    m = re.search(r"<saml:Assertion[\s>].*</saml:Assertion>", xml, re.S)
    a = m.group(0).replace("<saml:Assertion ",
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ', 1)
    return xml, m, a

DATA = {  # name: (uri, key bytes)
    "aes128-cbc": (XENC + "aes128-cbc", 16), "aes256-cbc": (XENC + "aes256-cbc", 32),
    "aes128-gcm": (XENC11 + "aes128-gcm", 16), "aes256-gcm": (XENC11 + "aes256-gcm", 32),
    "tripledes-cbc": (XENC + "tripledes-cbc", 24),
}

def encrypt_data(name, key, plain):
    if name.endswith("gcm"):
        iv = os.urandom(12)
        return iv + AESGCM(key).encrypt(iv, plain, None)
    if name == "tripledes-cbc":
        alg, bs = TripleDES(key), 64
    else:
        alg, bs = algorithms.AES(key), 128
    iv = os.urandom(bs // 8)
    p = padding.PKCS7(bs).padder()
    padded = p.update(plain) + p.finalize()
    e = Cipher(alg, modes.CBC(iv)).encryptor()
    return iv + e.update(padded) + e.finalize()

def wrap(kt, pub, key):
    """Returns (EncryptionMethod XML, wrapped key)."""
    if kt == "oaep":
        pad = apad.OAEP(mgf=apad.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)
        em = ('<xenc:EncryptionMethod Algorithm="%srsa-oaep-mgf1p">'
              '<ds:DigestMethod xmlns:ds="%s" Algorithm="%ssha1"/></xenc:EncryptionMethod>'
              % (XENC, DS, DS))
    elif kt == "oaep11":
        pad = apad.OAEP(mgf=apad.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
        em = ('<xenc:EncryptionMethod Algorithm="%srsa-oaep">'
              '<ds:DigestMethod xmlns:ds="%s" Algorithm="%ssha256"/>'
              '<xenc11:MGF xmlns:xenc11="%s" Algorithm="%smgf1sha256"/></xenc:EncryptionMethod>'
              % (XENC11, DS, XENC, XENC11, XENC11))
    else:
        pad = apad.PKCS1v15()
        em = '<xenc:EncryptionMethod Algorithm="%srsa-1_5"/>' % XENC
    return em, pub.encrypt(key, pad)

def b64(b):
    s = base64.b64encode(b).decode()
    return "\n".join(s[i:i + 76] for i in range(0, len(s), 76))

def encrypted_assertion(plain, data, kt, to="sp-encryption", style="inline", tamper_tag=False):
    uri, klen = DATA[data]
    key = os.urandom(klen)
    ct = encrypt_data(data, key, plain)
    if tamper_tag:
        ct = ct[:-1] + bytes([ct[-1] ^ 0x01])
    pub, certb64 = cert(to)
    em, wrapped = wrap(kt, pub, key)
    ek_body = (em + '<ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate>'
               '</ds:X509Data></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>%s'
               '</xenc:CipherValue></xenc:CipherData>' % (certb64, b64(wrapped)))
    ed_open = ('<xenc:EncryptedData xmlns:xenc="%s" Id="_ed-5b1c" Type="%sElement">'
               '<xenc:EncryptionMethod Algorithm="%s"/>' % (XENC, XENC, uri))
    ed_cipher = ('<xenc:CipherData><xenc:CipherValue>%s</xenc:CipherValue></xenc:CipherData>'
                 '</xenc:EncryptedData>' % b64(ct))
    if style == "inline":
        return ('<saml:EncryptedAssertion>' + ed_open +
                '<ds:KeyInfo xmlns:ds="%s"><xenc:EncryptedKey Id="_ek-9a2f">%s</xenc:EncryptedKey>'
                '</ds:KeyInfo>' % (DS, ek_body) + ed_cipher + '</saml:EncryptedAssertion>')
    if style == "retrieval":
        ki = ('<ds:KeyInfo xmlns:ds="%s"><ds:RetrievalMethod Type="%sEncryptedKey" URI="#_ek-9a2f"/>'
              '</ds:KeyInfo>' % (DS, XENC))
    else:  # reflist: EncryptedKey found through its ReferenceList / KeyName
        ki = '<ds:KeyInfo xmlns:ds="%s"><ds:KeyName>sp-session-key</ds:KeyName></ds:KeyInfo>' % DS
    return ('<saml:EncryptedAssertion>' + ed_open + ki + ed_cipher +
            '<xenc:EncryptedKey xmlns:xenc="%s" xmlns:ds="%s" Id="_ek-9a2f" '
            'Recipient="https://signin.aws.amazon.com/saml">%s'
            '<xenc:ReferenceList><xenc:DataReference URI="#_ed-5b1c"/></xenc:ReferenceList>'
            '<xenc:CarriedKeyName>sp-session-key</xenc:CarriedKeyName></xenc:EncryptedKey>'
            '</saml:EncryptedAssertion>' % (XENC, DS, ek_body))

def write(name, src_path, plain=None, **kw):
    if os.path.exists(os.path.join(out, name + ".xml")) and not os.environ.get("REGEN_ENC"):
        return
    xml, m, a = assertion_of(src_path)
    body = encrypted_assertion((plain or a).encode("utf-8"), **kw)
    open(os.path.join(out, name + ".xml"), "w", encoding="utf-8").write(
        xml[:m.start()] + body + xml[m.end():])
    print("wrote", name + ".xml")

for data in DATA:
    for kt in ("oaep", "oaep11", "rsa15"):
        write("%s-%s" % (data, kt), signed_path, data=data, kt=kt)
write("sibling-retrieval", signed_path, data="aes256-gcm", kt="oaep", style="retrieval")
write("sibling-reflist", signed_path, data="aes128-gcm", kt="oaep11", style="reflist")
write("wrong-key", signed_path, data="aes256-gcm", kt="oaep", to="sp-encryption-other")
write("unsigned", unsigned_path, data="aes256-gcm", kt="oaep")
write("bad-gcm-tag", signed_path, data="aes128-gcm", kt="oaep", tamper_tag=True)
_, _, a = assertion_of(signed_path)
write("not-assertion", signed_path, data="aes256-gcm", kt="oaep",
      plain=a.replace("saml:Assertion", "saml:Advice").replace(
          "xmlns:saml=", "xmlns:x=\"urn:x\" xmlns:saml=", 1))
write("two-assertions", signed_path, data="aes256-gcm", kt="oaep", plain=a + a)
# The plaintext relies on the saml prefix declared on the Response, as
# IdPs that serialise the element without its in-scope namespaces do.
write("inherited-ns", signed_path, data="aes128-gcm", kt="oaep",
      plain=a.replace(' xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"', "", 1))
# Document rules on the decrypted plaintext (RULES.md sec/decrypted-unsigned):
# content added to the signed assertion's own ds:KeyInfo, outside its
# digest, so that its signature still verifies: a second Assertion, an ID
# that repeats the assertion's, and one that repeats the Response's.
KI = "<ds:KeyInfo>"
EVIL = ('<saml:Assertion ID="_evil-1" Version="2.0" IssueInstant="2025-06-01T11:59:30Z">'
        '<saml:Issuer>https://idp.example.com/saml</saml:Issuer></saml:Assertion>')
write("decrypted-assertion-in-keyinfo", signed_path, data="aes256-gcm", kt="oaep",
      plain=a.replace(KI, KI + EVIL, 1))
write("decrypted-duplicate-id", signed_path, data="aes256-gcm", kt="oaep",
      plain=a.replace(KI, KI + '<ds:KeyName Id="_assert-1a2b3c4d5e6f708192a3b4c5d6e7f809">k'
                      '</ds:KeyName>', 1))
write("decrypted-duplicate-id-outer", signed_path, data="aes256-gcm", kt="oaep",
      plain=a.replace(KI, KI + '<ds:KeyName Id="_resp-8f3a2b1c4d5e6f708192a3b4c5d6e7f8">k'
                      '</ds:KeyName>', 1))
# Legitimate twin: an assertion in the signed assertion's own saml:Advice
# (signed content: the info sub-case of response/assertion-count, in
# plaintext and after decryption alike).
import subprocess, tempfile
ADV = ('<saml:Advice><saml:Assertion ID="_adv-1" Version="2.0" IssueInstant="2025-06-01T11:59:30Z">'
       '<saml:Issuer>https://idp.example.com/saml</saml:Issuer></saml:Assertion></saml:Advice>')
with tempfile.TemporaryDirectory() as d:
    src, dst = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
    tpl = open(unsigned_path, encoding="utf-8").read().replace("</saml:Conditions>",
                                                               "</saml:Conditions>" + ADV, 1)
    open(src, "w", encoding="utf-8").write(tpl)
    subprocess.run([sys.executable, os.path.join(os.path.dirname(keys), "gen", "sign.py"), src, dst,
                    "--target", "assertion"], check=True)
    write("decrypted-advice-assertion", dst, data="aes256-gcm", kt="oaep")
PY
