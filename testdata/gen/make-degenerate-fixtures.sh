#!/bin/sh
# Degenerate-key fixtures (RULES.md metadata/cert-key-degenerate):
# - testdata/keys/degenerate-<kind>.crt/.b64: certificates whose public key
#   is degenerate, derived from idp-signing.crt (RSA: its modulus with
#   exponent 1, 0, 2, 65536 or n + 2, or the modulus n + 1) or ec-p256.crt
#   (a point off the curve), re-signed by idp-signing.key (degenerate-key.py);
# - testdata/metadata/cert-key-degenerate-<kind>.xml: metadata-ok.xml with
#   that certificate as the signing key;
# - testdata/responses/sig/degenerate-e1-forged.xml: the attack. With e = 1
#   a "signature" is the PKCS#1 v1.5 padded DigestInfo itself, so anyone can
#   sign anything for a metadata key with e = 1 without a private key. The
#   forged Admin response's SignatureValue is that padded DigestInfo (EM,
#   recovered here as s^65537 mod n from an ordinary signature over the same
#   SignedInfo: the same octets an attacker computes directly), and its
#   KeyInfo carries the e = 1 certificate;
#   metadata-degenerate-e1.xml (only that key) and
#   metadata-degenerate-mixed.xml (idp-signing and the e = 1 key) check it;
#   the legitimate twin is resp-signed.xml against metadata-degenerate-mixed.
# Everything is deterministic (RSA PKCS#1 v1.5).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
keys=$(cd "$here/../keys" && pwd)
md="$here/../metadata"
sig="$here/../responses/sig"
mkdir -p "$md" "$sig"
for kind in e1 e0 e2 e-even e-ge-n n-even ec-off; do
    src=idp-signing
    [ "$kind" = ec-off ] && src=ec-p256
    python3 "$here/degenerate-key.py" "$keys/$src.crt" "$keys/idp-signing.key" \
        "$keys/degenerate-$kind.crt" "$kind"
    sed '/-----/d' "$keys/degenerate-$kind.crt" | tr -d '\n' >"$keys/degenerate-$kind.b64"
    sed "s|@CERT:idp-signing@|@CERT:degenerate-$kind@|" "$here/templates/metadata-ok.xml" >"$md/.tmpl.xml"
    sh "$here/fill.sh" "$md/.tmpl.xml" >"$md/cert-key-degenerate-$kind.xml"
    rm -f "$md/.tmpl.xml"
done
sh "$here/fill.sh" "$here/templates/metadata-ok.xml" |
    sed "s|$(cat "$keys/idp-signing.b64")|$(cat "$keys/degenerate-e1.b64")|" >"$sig/metadata-degenerate-e1.xml"
python3 - "$here" "$sig" "$keys" <<'PY'
import base64, os, re, subprocess, sys, tempfile
here, sig, keys = sys.argv[1:4]
tpl = open(os.path.join(here, "templates", "metadata-ok.xml"), encoding="utf-8").read()
kd = re.search(r"    <md:KeyDescriptor use=\"signing\">.*?</md:KeyDescriptor>\n", tpl, re.S).group(0)
mixed = tpl.replace(kd, kd + kd.replace("@CERT:idp-signing@", "@CERT:degenerate-e1@"))
for name in ("idp-signing", "degenerate-e1"):
    mixed = mixed.replace("@CERT:%s@" % name, open(os.path.join(keys, name + ".b64")).read().strip())
open(os.path.join(sig, "metadata-degenerate-mixed.xml"), "w", encoding="utf-8").write(mixed)

base = open(os.path.join(here, "templates", "response-ok.xml"), encoding="utf-8").read()
forged = base.replace("u-7d3f9a2c", "u-attacker").replace("role/Developer", "role/Admin")
with tempfile.TemporaryDirectory() as d:
    i, o = os.path.join(d, "in.xml"), os.path.join(d, "out.xml")
    open(i, "w", encoding="utf-8").write(forged)
    subprocess.run([sys.executable, os.path.join(here, "sign.py"), i, o, "--target", "response"],
                   check=True)
    signed = open(o, encoding="utf-8").read()
# n and e of idp-signing from its certificate
txt = subprocess.run(["openssl", "x509", "-in", os.path.join(keys, "idp-signing.crt"), "-noout",
                      "-modulus"], check=True, capture_output=True, text=True).stdout
n = int(txt.strip().split("=", 1)[1], 16)
m = re.search(r"<ds:SignatureValue>([^<]*)</ds:SignatureValue>", signed)
s = int.from_bytes(base64.b64decode(re.sub(r"\s", "", m.group(1))), "big")
em = pow(s, 65537, n).to_bytes((n.bit_length() + 7) // 8, "big")
assert em.startswith(b"\x00\x01\xff\xff"), "not a PKCS#1 v1.5 block"
out = signed[:m.start(1)] + base64.b64encode(em).decode() + signed[m.end(1):]
e1 = open(os.path.join(keys, "degenerate-e1.b64")).read().strip()
out = re.sub(r"(<ds:X509Certificate>)[^<]*(</ds:X509Certificate>)", lambda x: x.group(1) + e1 + x.group(2), out)
open(os.path.join(sig, "degenerate-e1-forged.xml"), "w", encoding="utf-8").write(out)
PY
