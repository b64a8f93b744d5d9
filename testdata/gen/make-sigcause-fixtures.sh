#!/bin/sh
# Signatures that fail inside the library, for the cause the finding carries
# (src/crypto/liberr.c): the stage is named, the library's reason follows in
# parentheses. Derived by XML surgery from responses/ok-base.xml (written by
# make-response-fixtures.sh, which make-fixtures.sh runs before this one).
#   sig/c14n-relative-namespace.xml  the signed Assertion declares a relative
#       namespace URI; exclusive C14N refuses it, so the digest stage fails
set -eu
here=$(cd "$(dirname "$0")" && pwd)
r="$here/../responses"
mkdir -p "$r/sig"
sed 's|<saml:Assertion ID=|<saml:Assertion xmlns:rel="relative/uri" ID=|' "$r/ok-base.xml" \
    >"$r/sig/c14n-relative-namespace.xml"
grep -q 'xmlns:rel="relative/uri"' "$r/sig/c14n-relative-namespace.xml"
