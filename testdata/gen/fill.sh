#!/bin/sh
# fill.sh TEMPLATE > OUT: replace @CERT:<name>@ with the base64 body of
# testdata/keys/<name>.crt.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
keys="$here/../keys"
out=$(cat "$1")
for name in $(grep -o '@CERT:[A-Za-z0-9_-]*@' "$1" | sort -u | sed 's/@CERT:\(.*\)@/\1/'); do
    b64=$(cat "$keys/$name.b64")
    out=$(printf '%s' "$out" | sed "s|@CERT:$name@|$b64|g")
done
printf '%s\n' "$out"
