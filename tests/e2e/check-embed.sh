#!/bin/sh
# Embed the library as a user would (issue 12): `make install DESTDIR=...`,
# compile tests/embed/embed.c against the installed headers with the flags
# pkg-config gives, run it on a response issued 2025-06-01 with
# SAMLCHECK_OPTIONS_INIT (no `now`). The default clock must be the system
# clock: the response is reported expired (one age finding), not
# "not yet valid" as it would be at 1970.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
build=$(cd "${top_builddir:-.}" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..3"
command -v pkg-config >/dev/null 2>&1 || { echo "ok 1 # SKIP no pkg-config"; echo "ok 2 # SKIP"; echo "ok 3 # SKIP"; exit 0; }
if ${MAKE:-make} -s -C "$build" install DESTDIR="$tmp/root" >"$tmp/log" 2>&1 &&
    [ -n "$(find "$tmp/root" -path '*/bash-completion/completions/samlcheck')" ] &&
    [ -n "$(find "$tmp/root" -path '*/zsh/site-functions/_samlcheck')" ]; then
    echo "ok 1 - make install DESTDIR (library, headers, pkg-config file, completions)"
else
    echo "not ok 1 - make install DESTDIR"; sed 's/^/# /' "$tmp/log" | tail -10; exit 0
fi
pc=$(find "$tmp/root" -name samlcheck.pc | head -1)
prefix=$(sed -n 's/^prefix=//p' "$pc")
export PKG_CONFIG_PATH="$(dirname "$pc")"
flags=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --cflags --libs samlcheck) &&
    libdir=$(pkg-config --define-variable=prefix="$tmp/root$prefix" --variable=libdir samlcheck)
# shellcheck disable=SC2086
if [ -n "${flags:-}" ] && ${CC:-cc} ${SC_CFLAGS:-} -o "$tmp/embed" "$srcdir/tests/embed/embed.c" $flags ${SC_LDFLAGS:-} >"$tmp/log" 2>&1; then
    echo "ok 2 - compiles against the installed headers with pkg-config's flags"
else
    echo "not ok 2 - compile"; sed 's/^/# /' "$tmp/log" | head -10; exit 0
fi
LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$tmp/embed" "$srcdir/testdata/captures/signin-1.xml" >"$tmp/out" 2>&1
got=$(LC_ALL=C sort "$tmp/out" | tr '\n' ' ')
want="response/expired error response/signature-cert-unknown warning "
if [ "$got" = "$want" ]; then
    echo "ok 3 - options without now judge at the system clock"
else
    echo "not ok 3 - options without now: got '$got', want '$want'"
fi
