#!/bin/sh
# Generate the fixed keys and certificates of the test suite ONCE; the output
# in testdata/keys/ is committed. Every certificate has explicit start and end
# dates (never "now + N days"), so tests with --now stay reproducible.
# Re-running replaces every key (and so every signed fixture must be
# regenerated with make-fixtures.sh): do it only on purpose.
#
# The fixture clock is 2025-06-01T12:00:00Z (FIXTURE_NOW in make-fixtures.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../keys" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# selfsigned NAME KEYSPEC START END SUBJECT [EXTSECTION]
# KEYSPEC: rsa:BITS | ec:CURVE
selfsigned() {
    name=$1 keyspec=$2 start=$3 end=$4 subj=$5 ext=${6:-v3_plain}
    case $keyspec in
    rsa:*) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"${keyspec#rsa:}" -out "$out/$name.key" 2>/dev/null ;;
    ec:*) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:"${keyspec#ec:}" -out "$out/$name.key" ;;
    esac
    mkdir -p "$tmp/ca-$name"
    : >"$tmp/ca-$name/index.txt"
    echo 01 >"$tmp/ca-$name/serial"
    cat >"$tmp/ca-$name/ca.cnf" <<CNF
[ ca ]
default_ca = d
[ d ]
dir = $tmp/ca-$name
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = p
unique_subject = no
email_in_dn = no
copy_extensions = none
[ p ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = x
[ v3_plain ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
CNF
    openssl req -new -key "$out/$name.key" -subj "$subj" -out "$tmp/$name.csr" -config "$tmp/ca-$name/ca.cnf"
    openssl ca -batch -selfsign -config "$tmp/ca-$name/ca.cnf" -keyfile "$out/$name.key" \
        -startdate "$start" -enddate "$end" -extensions "$ext" -in "$tmp/$name.csr" \
        -out "$tmp/$name.pem" -notext 2>/dev/null
    openssl x509 -in "$tmp/$name.pem" -out "$out/$name.crt"
    # bare base64 body for <ds:X509Certificate>
    sed '/-----/d' "$out/$name.crt" | tr -d '\n' >"$out/$name.b64"
}

# The IdP signing key and certificate (the one in the good metadata).
selfsigned idp-signing rsa:2048 20240101000000Z 20340101000000Z "/CN=idp.example.com/O=Example IdP"
# A rotated IdP key: signs responses, but is not in the metadata.
selfsigned idp-rotated rsa:2048 20250101000000Z 20350101000000Z "/CN=idp.example.com/O=Example IdP rotated"
# The SP (IAM) assertion-encryption key pair, and a second, wrong one.
selfsigned sp-encryption rsa:2048 20240101000000Z 20340101000000Z "/CN=aws-saml-encryption/O=Example"
selfsigned sp-encryption-other rsa:2048 20240101000000Z 20340101000000Z "/CN=aws-saml-encryption-old/O=Example"
# Weak and too-small RSA keys, a non-RSA key.
selfsigned rsa1024 rsa:1024 20240101000000Z 20340101000000Z "/CN=weak.example.com"
selfsigned rsa512 rsa:512 20240101000000Z 20340101000000Z "/CN=tiny.example.com"
selfsigned ec-p256 ec:prime256v1 20240101000000Z 20340101000000Z "/CN=ec.example.com"
# Expired (before the fixture clock) and expiring (within 30 days of it).
selfsigned expired rsa:2048 20190101000000Z 20241231000000Z "/CN=old.example.com"
selfsigned expiring rsa:2048 20240601000000Z 20250615000000Z "/CN=soon.example.com"
# A certificate with the same extension (subjectKeyIdentifier) twice.
python3 "$here/dup-extension.py" "$out/idp-signing.crt" "$out/idp-signing.key" "$out/dup-extension.crt"
cp "$out/idp-signing.key" "$out/dup-extension.key"
sed '/-----/d' "$out/dup-extension.crt" | tr -d '\n' >"$out/dup-extension.b64"
# Private-key forms for `samlcheck key`: PKCS#1, PKCS#8, encrypted, EC.
openssl pkey -in "$out/sp-encryption.key" -traditional -out "$out/sp-encryption.pkcs1.pem"
openssl pkey -in "$out/sp-encryption.key" -out "$out/sp-encryption.pkcs8.pem"
openssl pkey -in "$out/sp-encryption.key" -aes256 -passout pass:secret -out "$out/sp-encryption.enc.pem"
openssl rsa -in "$out/sp-encryption.key" -aes128 -traditional -passout pass:secret -out "$out/sp-encryption.pkcs1-enc.pem" 2>/dev/null
echo "keys written to $out"
