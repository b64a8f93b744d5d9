#!/bin/sh
# Every public header (include/samlcheck/*.h) must compile on its own, twice
# in a row, under -std=c99 -pedantic -Werror, and as C++ when a C++ compiler
# is available. The umbrella header is also checked for initialiser macros
# that match their structs. The headers are compiled without any
# dependency's include path, and must neither include nor name a
# dependency (jansson, libxml2, xmlsec, OpenSSL): an embedding program needs
# only samlcheck's own headers. Output is TAP.
# Environment (set by make check): CC, top_srcdir; CXX optional.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
cc=${CC:-cc}
cxx=${CXX:-}
if [ -z "$cxx" ]; then
    for c in c++ g++ clang++; do command -v "$c" >/dev/null 2>&1 && { cxx=$c; break; }; done
fi
# Sanitizer/coverage flags from CFLAGS are not wanted here: a header test
# compiles only (no link), with its own strict flags.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
headers=$(cd "$srcdir/include" && ls samlcheck/*.h | LC_ALL=C sort)
n=$(echo "$headers" | grep -c .)
total=$((n * 2 + 1))
echo "1..$total"
i=1
# shellcheck disable=SC2086
deps=$(cd "$srcdir/include" && grep -nE '#[[:space:]]*include[[:space:]]*<(jansson|libxml|xmlsec|openssl)|\<(json_t|json_error_t|xml[A-Z][A-Za-z]*|EVP_[A-Z_]+|X509[A-Za-z_]*|BIO)\>' $headers)
if [ -z "$deps" ]; then
    echo "ok 1 - no public header includes or names a dependency (jansson, libxml2, xmlsec, OpenSSL)"
else
    echo "not ok 1 - a public header includes or names a dependency"
    echo "$deps" | sed 's/^/# /'
fi
for h in $headers; do
    i=$((i + 1))
    extra=""
    [ "$h" = samlcheck/samlcheck.h ] && extra="-DSC_HEADER_FULL"
    # shellcheck disable=SC2086
    if $cc -std=c99 -pedantic -Werror -Wall -Wextra -Wstrict-prototypes $extra \
        -I"$srcdir/include" -DSC_HEADER="\"$h\"" \
        -o "$tmp/ht" "$srcdir/tests/headers/headertest.c" -c >"$tmp/err" 2>&1; then
        echo "ok $i - $h compiles alone as C99 -pedantic -Werror"
    else
        echo "not ok $i - $h does not compile alone as C99 -pedantic -Werror"
        sed 's/^/# /' "$tmp/err"
    fi
    i=$((i + 1))
    if [ -z "$cxx" ]; then
        echo "ok $i # SKIP $h as C++: no C++ compiler"
        continue
    fi
    # shellcheck disable=SC2086
    if $cxx -x c++ -std=c++11 -pedantic -Werror -Wall -Wextra $extra \
        -I"$srcdir/include" -DSC_HEADER="\"$h\"" \
        -o "$tmp/ht" "$srcdir/tests/headers/headertest.c" -c >"$tmp/err" 2>&1; then
        echo "ok $i - $h compiles alone as C++11 -pedantic -Werror"
    else
        echo "not ok $i - $h does not compile alone as C++11 -pedantic -Werror"
        sed 's/^/# /' "$tmp/err"
    fi
done
