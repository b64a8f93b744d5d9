#!/bin/sh
# IdP metadata for the certificates of the copied corpus vectors, so that
# `samlcheck response VECTOR --metadata ...` verifies them against the key the
# peer's test configured (its valid-with-cert / invalid-with-cert tags).
# Writes <repo>/metadata-<cert>.xml next to the copied files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mk() { # repo cert-path name entityID
    body=$(sed -e '/-----/d' "$here/$1/$2" | tr -d '\r\n ')
    cat >"$here/$1/metadata-$3.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="$4">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>$body</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
EOF
}
mk ruby-saml test/certificates/ruby-saml.crt ruby-saml "https://app.onelogin.com/saml/metadata/13590"
mk ruby-saml test/certificates/ruby-saml-2.crt ruby-saml-2 "https://app.onelogin.com/saml/metadata/13590"
mk python3-saml tests/data/customPath/certs/idp.crt idp "http://idp.example.com/"
mk python3-saml tests/certs/certificate1 certificate1 "http://idp.example.com/"
