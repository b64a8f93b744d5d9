#!/bin/sh
# The example program of docs/api.md, as a user would build it: extract it
# from the page, `make install DESTDIR=...`, compile it against the installed
# headers with pkg-config's flags, run it on a signed response with its IdP
# metadata at the fixture clock (trusted, exit 0) and on a tampered one
# (findings of severity error, exit 1).
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
build=$(cd "${top_builddir:-.}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..4"
sed -n '/<!-- api-example:begin -->/,/<!-- api-example:end -->/p' "$srcdir/docs/api.md" |
    sed '1,2d;$d' | sed '$d' >"$tmp/example.c"
if grep -q '^int main' "$tmp/example.c" && ! grep -q '```' "$tmp/example.c"; then
    echo "ok 1 - docs/api.md holds the example program"
else
    echo "not ok 1 - no example program between the api-example markers of docs/api.md"; exit 0
fi
command -v pkg-config >/dev/null 2>&1 || { echo "ok 2 # SKIP no pkg-config"; echo "ok 3 # SKIP"; echo "ok 4 # SKIP"; exit 0; }
if ! ${MAKE:-make} -s -C "$build" install DESTDIR="$tmp/root" >"$tmp/log" 2>&1; then
    echo "not ok 2 - make install DESTDIR"; sed 's/^/# /' "$tmp/log" | tail -10; exit 0
fi
pc=$(find "$tmp/root" -name samlcheck.pc | head -1)
prefix=$(sed -n 's/^prefix=//p' "$pc")
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --cflags --libs samlcheck) &&
    libdir=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --variable=libdir samlcheck)
# -Werror: the example must compile cleanly against the installed headers alone
# shellcheck disable=SC2086
if [ -n "${flags:-}" ] && ${CC:-cc} -std=c99 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L ${SC_CFLAGS:-} \
    -o "$tmp/example" "$tmp/example.c" $flags ${SC_LDFLAGS:-} >"$tmp/log" 2>&1; then
    echo "ok 2 - the example compiles against the installed headers with pkg-config's flags"
else
    echo "not ok 2 - compile"; sed 's/^/# /' "$tmp/log" | head -10; exit 0
fi
run() {
    LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/example" "$@" >"$tmp/out" 2>&1
}
r="$srcdir/testdata/responses"
run "$r/ok-base.xml" "$r/idp-metadata.xml" 1748779200
st=$?
if [ "$st" -eq 0 ] && grep -q '"verdict":"trusted"' "$tmp/out" && ! grep -q '^error ' "$tmp/out"; then
    echo "ok 3 - a signed response with its metadata: trusted, exit 0"
else
    echo "not ok 3 - ok-base.xml: exit $st"; sed 's/^/# /' "$tmp/out" | head -10
fi
run "$r/sig/tampered.xml" "$r/sig/metadata.xml" 1748779200
st=$?
if [ "$st" -eq 1 ] && grep -q '^error response/signature-invalid' "$tmp/out" &&
    ! grep -q '"verdict":"trusted"' "$tmp/out"; then
    echo "ok 4 - a tampered response: response/signature-invalid, not trusted, exit 1"
else
    echo "not ok 4 - sig/tampered.xml: exit $st"; sed 's/^/# /' "$tmp/out" | head -10
fi
