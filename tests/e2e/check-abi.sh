#!/bin/sh
# The ABI of the shared library is the one committed in
# tests/abi/libsamlcheck.abi: abidw (libabigail) describes the freshly built
# .libs/libsamlcheck.so (the functions and the types of include/samlcheck/,
# read from the DWARF debug information), and abidiff compares the two. Any
# difference fails, also a compatible one (a new function): every ABI change
# is deliberate. To accept one, bump -version-info in Makefile.am as
# docs/api.md ("ABI") says, then run `make abi-update` and commit the new
# tests/abi/libsamlcheck.abi with the change.
#
#   check-abi.sh            TAP, for make check
#   check-abi.sh --update   write the description of the built library to
#                           $top_srcdir/tests/abi/libsamlcheck.abi
#
# Skipped (not failed) without abidw/abidiff, without a shared library, or
# when the library has no debug information (CFLAGS without -g), unless CI is
# "true": CI installs abigail-tools (scripts/install-deps.sh), so there a
# missing tool is a failure.
# Environment (set by make check): top_srcdir, top_builddir.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
builddir=${top_builddir:-.}
baseline=$srcdir/tests/abi/libsamlcheck.abi
update=0
[ "${1:-}" = --update ] && update=1

skip() {
    if [ "$update" = 1 ]; then
        echo "check-abi.sh: cannot update the ABI description: $1" >&2
        exit 1
    fi
    if [ "${CI:-}" = true ]; then
        echo "1..1"
        echo "not ok 1 - ABI check cannot run in CI: $1"
        exit 1
    fi
    echo "1..0 # SKIP $1"
    exit 0
}

so=""
for c in "$builddir/.libs/libsamlcheck.so" "$srcdir/.libs/libsamlcheck.so"; do
    [ -f "$c" ] && { so=$c; break; }
done
[ -n "$so" ] || skip ".libs/libsamlcheck.so not built (--disable-shared?)"
for t in abidw abidiff; do
    command -v "$t" >/dev/null 2>&1 ||
        skip "$t not found (Debian: apt-get install abigail-tools; scripts/install-deps.sh does)"
done
if command -v readelf >/dev/null 2>&1 && ! readelf -S "$so" | grep -q '\.debug_info'; then
    skip "$so has no debug information (build with CFLAGS containing -g)"
fi

# Reproducible: no paths, no source locations (line numbers move with every
# edit), no architecture; only the types declared in include/samlcheck/.
describe() {
    abidw --no-corpus-path --no-comp-dir-path --no-architecture --no-show-locs \
        --no-elf-needed --type-id-style hash --drop-undefined-syms \
        --headers-dir "$srcdir/include/samlcheck" --drop-private-types "$so"
}

if [ "$update" = 1 ]; then
    mkdir -p "$(dirname "$baseline")"
    describe >"$baseline.tmp" && mv "$baseline.tmp" "$baseline" || {
        rm -f "$baseline.tmp"
        echo "check-abi.sh: abidw failed on $so" >&2
        exit 1
    }
    echo "wrote $baseline (from $so); commit it with the change"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..1"
[ -f "$baseline" ] || { echo "not ok 1 - no $baseline: run make abi-update"; exit 1; }
if ! describe >"$tmp/built.abi"; then
    echo "not ok 1 - abidw failed on $so"
    exit 1
fi
abidiff --no-show-locs "$baseline" "$tmp/built.abi" >"$tmp/diff" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
    echo "ok 1 - the ABI of $(basename "$so") equals tests/abi/libsamlcheck.abi"
    exit 0
fi
# abidiff's status is a bit field: 1 error, 2 usage, 4 ABI change,
# 8 incompatible ABI change
case $rc in
1 | 2 | 3) what="abidiff failed (exit $rc)" ;;
4) what="the ABI changed (added functions, changed types: see below)" ;;
*) what="the ABI changed INCOMPATIBLY (removed functions or variables)" ;;
esac
echo "not ok 1 - $what: tests/abi/libsamlcheck.abi vs the built library"
sed 's/^/# /' "$tmp/diff"
echo "# If the change is deliberate: bump -version-info in Makefile.am (docs/api.md, \"ABI\"),"
echo "# rebuild, run \`make abi-update\` and commit tests/abi/libsamlcheck.abi with the change."
exit 1
