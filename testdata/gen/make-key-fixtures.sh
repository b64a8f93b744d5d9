#!/bin/sh
# Key fixtures in testdata/key/ for `samlcheck key` (RULES.md section 8),
# derived from the committed keys in testdata/keys/ (never regenerated).
# Deterministic: every output is a pure function of the committed keys,
# except the PKCS#12 file (random salt) and the OpenSSH key (random check
# bytes), which are written only when missing (REGEN_KEY=1 forces them).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
keys="$top/testdata/keys"
out="$top/testdata/key"
mkdir -p "$out"

# Clean forms of IAM's decryption key.
cp "$keys/sp-encryption.pkcs1.pem" "$out/ok-pkcs1.pem"
cp "$keys/sp-encryption.pkcs8.pem" "$out/ok-pkcs8.pem"
cp "$keys/sp-encryption-other.key" "$out/other.pem"
# Password-protected: PKCS#8 encrypted and PKCS#1 with Proc-Type headers.
cp "$keys/sp-encryption.enc.pem" "$out/encrypted-pkcs8.pem"
cp "$keys/sp-encryption.pkcs1-enc.pem" "$out/encrypted-pkcs1.pem"
# Not RSA: an EC key in SEC1 (EC PRIVATE KEY) and PKCS#8 form.
openssl ec -in "$keys/ec-p256.key" -out "$out/ec-sec1.pem" 2>/dev/null
openssl pkey -in "$keys/ec-p256.key" -out "$out/ec-pkcs8.pem"
# Too small.
openssl pkey -in "$keys/rsa1024.key" -out "$out/rsa1024.pem"
# DER binary.
openssl pkey -in "$keys/sp-encryption.key" -outform DER -out "$out/key.der"
# Certificate instead of the key, a public key, key plus certificate.
cp "$keys/sp-encryption.crt" "$out/cert-instead.pem"
openssl pkey -in "$keys/sp-encryption.key" -pubout -out "$out/public.pem"
cat "$out/ok-pkcs8.pem" "$keys/sp-encryption.crt" > "$out/key-and-cert.pem"
# Mismatched BEGIN/END labels.
sed 's/END PRIVATE KEY/END RSA PRIVATE KEY/' "$out/ok-pkcs8.pem" > "$out/label-mismatch.pem"
# A PKCS#1 label around a PKCS#8 body: does not parse as the labelled structure.
sed 's/PRIVATE KEY/RSA PRIVATE KEY/' "$out/ok-pkcs8.pem" > "$out/wrong-structure.pem"
# Garbage body (valid armour, not base64).
printf -- '-----BEGIN PRIVATE KEY-----\nThis is not base64 at all!\n-----END PRIVATE KEY-----\n' \
    > "$out/garbage-body.pem"
# 20 KB: the key followed by a long explanatory tail (over 16,384 characters).
{ cat "$out/ok-pkcs8.pem"; i=0; while [ $i -lt 260 ]; do
    echo "# padding line $i: this file is larger than the 16384-character AddPrivateKey limit"; i=$((i + 1)); done; } \
    > "$out/too-long.pem"
# A character outside U+0020-U+00FF (an em dash, UTF-8) in the explanatory text.
{ printf 'Owner: ops team \342\200\224 SAML decryption key\n'; cat "$out/ok-pkcs8.pem"; } \
    > "$out/latin1-invalid.pem"
# Whitespace only (a 0-byte file is input/unreadable instead), and 0 bytes.
printf '\n  \n' > "$out/blank.pem"
: > "$out/zero-bytes.pem"
# An OpenSSH public key line and a PuTTY key header.
printf 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCm8RN3 ops@example\n' > "$out/ssh-public.pub"
# Randomised outputs: only when missing.
if [ -n "${REGEN_KEY:-}" ] || [ ! -f "$out/bundle.p12" ]; then
    openssl pkcs12 -export -inkey "$keys/sp-encryption.key" -in "$keys/sp-encryption.crt" \
        -passout pass: -out "$out/bundle.p12"
fi
if [ -n "${REGEN_KEY:-}" ] || [ ! -f "$out/openssh.pem" ]; then
    tmp=$(mktemp -d)
    cp "$keys/sp-encryption.pkcs1.pem" "$tmp/k"
    chmod 600 "$tmp/k"
    ssh-keygen -q -p -N '' -P '' -o -f "$tmp/k" >/dev/null
    cp "$tmp/k" "$out/openssh.pem"
    rm -rf "$tmp"
fi
# The metadata used by the key/mismatch cases: the IdP's signing certificate
# plus a use="encryption" KeyDescriptor holding IAM's encryption certificate.
sed 's|<md:NameIDFormat>|<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>@CERT:sp-encryption@</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n    <md:NameIDFormat>|' \
    "$here/templates/metadata-ok.xml" > "$out/metadata-enc.tmpl"
sh "$here/fill.sh" "$out/metadata-enc.tmpl" > "$out/metadata-enc.xml"
rm -f "$out/metadata-enc.tmpl"
echo "key fixtures written to testdata/key/"
