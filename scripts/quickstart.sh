#!/bin/sh
# Fresh Debian 12 machine to a first result: install the dependencies if
# missing, build, and run samlcheck on the shipped example data.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
cd "$top"
./autogen.sh >/dev/null
mkdir -p build
cd build
[ -f Makefile ] || ../configure -q
make -s -j"$(nproc 2>/dev/null || echo 2)"
echo
echo "== samlcheck metadata examples/metadata/*.xml"
./src/samlcheck metadata --now 2025-06-01T12:00:00Z "$top"/examples/metadata/*.xml || true
if ls "$top"/examples/responses/* >/dev/null 2>&1; then
    echo
    echo "== samlcheck response examples/responses/*"
    ./src/samlcheck response --now 2025-06-01T12:00:00Z --metadata "$top/examples/metadata/okta.xml" \
        "$top"/examples/responses/* || true
fi
echo
echo "== samlcheck config examples/config/*.json (a planned metadata update that drops the signing certificate)"
./src/samlcheck config --now 2025-06-01T12:00:00Z -q "$top"/examples/config/*.json || true
echo
echo "samlcheck is built at build/src/samlcheck (scripts/test.sh runs the tests)."
