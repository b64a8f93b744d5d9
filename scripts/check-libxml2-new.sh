#!/bin/sh
# The tree builds warning-free (-Wall -Wextra ... -Werror, the flags of
# configure --enable-werror) against libxml2 >= 2.12 headers, not only
# Debian 12's 2.9: libxml2 2.12 made the error callbacks take a const
# xmlError, and 2.14 deprecated the parser-context members samlcheck used to
# touch, so the code has LIBXML_VERSION guards that the normal build never
# compiles.
#
# How: Debian 13 (trixie) ships libxml2 2.9.14 again ("2.12.7+really2.9.14"),
# so the newer libxml2 comes from Debian testing: its libxml2-dev .deb (the
# headers) is fetched with apt-get download through a private apt
# directory (the machine's own apt state is not touched; no root needed),
# unpacked with dpkg -x into build-libxml2-new/root/, and every C file of
# src/, tests/, bench/ and examples/ is compiled (-c -O2, no link) against
# those headers together with the machine's xmlsec1/OpenSSL/jansson headers.
# Not linked or run: testing's libxml2 runtime needs a newer glibc than
# Debian 12's.
#
#   scripts/check-libxml2-new.sh           fetch (once) and compile
#   LIBXML2_NEW_SUITE=sid ...              another Debian suite (default testing)
#   LIBXML2_NEW_ROOT=/path ...             use headers already unpacked there
#                                          (usr/include/libxml2), no download
# Exit status 0 when every file compiled; 1 on a warning or error; when
# Debian's archive cannot be reached: 77 (skipped) outside CI, 1 in CI.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build-libxml2-new
suite=${LIBXML2_NEW_SUITE:-testing}
cd "$top"
mkdir -p "$b"

unreachable() {
    echo "check-libxml2-new: $1" >&2
    [ "${CI:-}" = true ] && exit 1
    echo "check-libxml2-new: SKIP (not in CI)" >&2
    exit 77
}

root=${LIBXML2_NEW_ROOT:-$b/root}
if [ ! -f "$root/usr/include/libxml2/libxml/xmlversion.h" ]; then
    [ -z "${LIBXML2_NEW_ROOT:-}" ] || { echo "check-libxml2-new: no libxml2 headers under $root" >&2; exit 1; }
    a=$b/apt
    rm -rf "$a" "$root"
    mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/debs" "$root"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" \
        >"$a/sources.list"
    aptopt="-o Dir::Etc::sourcelist=$a/sources.list -o Dir::Etc::sourceparts=/nonexistent
            -o Dir::State::Lists=$a/lists -o Dir::Cache=$a/cache -o Debug::NoLocking=1
            -o APT::Sandbox::User=root"
    # shellcheck disable=SC2086
    apt-get -qq $aptopt update >"$b/apt.log" 2>&1 ||
        unreachable "apt-get update of Debian $suite failed (see $b/apt.log)"
    # shellcheck disable=SC2086
    (cd "$a/debs" && apt-get -qq $aptopt download libxml2-dev) >>"$b/apt.log" 2>&1 ||
        unreachable "apt-get download libxml2-dev from Debian $suite failed (see $b/apt.log)"
    for d in "$a"/debs/*.deb; do
        dpkg -x "$d" "$root"
    done
fi
ver=$(sed -n 's/^#define LIBXML_VERSION \([0-9]*\).*/\1/p' "$root/usr/include/libxml2/libxml/xmlversion.h")
echo "check-libxml2-new: libxml2 $ver headers from $root"
if [ "${ver:-0}" -lt 21200 ]; then
    echo "check-libxml2-new: libxml2 $ver is older than 2.12: nothing new to prove" >&2
    exit 1
fi

# config.h and include/samlcheck/version.h of a plain configure (the
# libxml2 found there does not matter: only these two files are used)
[ -x configure ] && [ configure -nt configure.ac ] || ./autogen.sh >/dev/null
if [ ! -f "$b/config.status" ] || [ configure -nt "$b/config.status" ]; then
    (cd "$b" && "$top/configure" -q --enable-werror)
fi
mk() { sed -n "s/^$1 = //p" "$b/Makefile"; }
sc_cflags=$(mk SC_CFLAGS)
xmlsec=$(pkg-config --cflags xmlsec1-openssl | sed 's,-I/usr/include/libxml2,,g')
other="$(pkg-config --cflags openssl jansson yaml-0.1) $(pkg-config --cflags cmocka 2>/dev/null || true)"
case " $xmlsec $other " in
*" -I/usr/include/libxml2 "*) echo "check-libxml2-new: the old headers are still on the path" >&2; exit 1 ;;
esac

# the same defines and include order as Makefile.am's AM_CPPFLAGS
common="-DHAVE_CONFIG_H -I$b -I$b/include -I$top/include -I$top/src -DSAMLCHECK_INTERNAL
        -D_POSIX_C_SOURCE=200809L -isystem $root/usr/include/libxml2 $xmlsec $other
        -g -O2 $sc_cflags"
log=$b/compile.log
: >"$log"
n=0
fail=0
files=$(find src tests bench examples -name '*.c' ! -path tests/headers/headertest.c | LC_ALL=C sort)
for f in $files; do
    n=$((n + 1))
    extra=""
    case $f in
    tests/fuzz/*) extra="-DSC_FUZZ_SRCDIR=\"$top\" -DSC_FUZZ_TARGET=\"xml\"" ;;
    esac
    # shellcheck disable=SC2086
    if ! out=$(cc $common $extra -c "$f" -o /dev/null 2>&1) || [ -n "$out" ]; then
        fail=$((fail + 1))
        { echo "== $f"; echo "$out"; } | tee -a "$log"
    fi
done
if [ "$fail" -ne 0 ]; then
    echo "check-libxml2-new: $fail of $n files do not compile warning-free against libxml2 $ver (log: $log)"
    exit 1
fi
echo "check-libxml2-new: all $n C files compile warning-free (-Werror) against libxml2 $ver"
