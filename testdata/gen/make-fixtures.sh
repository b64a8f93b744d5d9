#!/bin/sh
# Regenerate every fixture from testdata/gen/templates/ with the fixture
# clock 2025-06-01T12:00:00Z and the committed keys in testdata/keys/.
# Each area has its own script (make-<area>-fixtures.sh); this runs them all.
# Placeholders in templates: @CERT:<name>@ is replaced by the base64 body of
# testdata/keys/<name>.crt (see fill.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for s in "$here"/make-*-fixtures.sh; do
    [ -f "$s" ] || continue
    echo "== $(basename "$s")"
    sh "$s"
done
