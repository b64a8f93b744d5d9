#!/bin/bash
# samlcheck builds warning-free (configure --enable-werror) AND passes its
# tests against libxml2 >= 2.12, not only Debian 12's 2.9: libxml2 2.12 made
# the error callbacks take a const xmlError, 2.13 changed how parse errors
# reach a context's handler, 2.14 deprecated the parser-context members
# samlcheck used to touch and changed the soname (libxml2.so.16), so the
# code has LIBXML_VERSION guards that the normal build never compiles.
#
# How: Debian 13 (trixie) ships libxml2 2.9.14 again ("2.12.7+really2.9.14")
# and Debian testing's binaries need a newer glibc than Debian 12's, so the
# newer libxml2 is built here from Debian testing's source package. Only
# deb.debian.org is used, through a private apt directory (the machine's own
# apt state is not touched; no root needed). Everything lives under
# build-libxml2-new/ (nothing is cached elsewhere):
#   1. fetch    apt-get source --download-only libxml2 (Debian testing) and
#               xmlsec1 (Debian bookworm: the version the system uses;
#               testing's is not on every mirror), unpacked with
#               dpkg-source -x (Debian's patches applied)
#   2. libxml2  configure (no python, schemas, relaxng, debug module, docs),
#               make, install into build-libxml2-new/prefix
#   3. xmlsec1  against that libxml2, OpenSSL backend only (no gnutls,
#               gcrypt, nss, xslt, apps, docs), into the same prefix: the
#               system's libxmlsec1 is linked to libxml2.so.2, and one
#               process cannot hold two libxml2s
#   4. samlcheck  configure --enable-werror out of tree (build-libxml2-new/sc)
#               with PKG_CONFIG_PATH at the prefix and an rpath to it; the
#               binaries must load the prefix's libxml2.so.16 and libxmlsec1
#               (ldd), never the system's libxml2.so.2; the few C files no
#               make target compiles (bench/, tests/embed/) are compiled
#               with the same flags
#   5. tests    make check there (cmocka unit tests, the end-to-end cases,
#               the script checks), with CASES_MESSAGES=report: a finding's
#               "message" may quote libxml2's own error text, which its
#               releases reword, so those lines of expected.json may differ;
#               exit statuses, rule sets and every other line may not
#               (tests/e2e/run-cases.sh). The differing messages are listed
#               at the end, each classified: libxml2's text (the difference
#               lies after "not well-formed XML: " or inside a cause in
#               parentheses) passes; a difference in samlcheck's own words,
#               or its fallback for a lost libxml2 error ("parse error"),
#               fails the stage
# Each step prints its wall and CPU time: in all about 2.3 minutes of CPU
# and 2 minutes of wall on 2 busy cores (fetch 5 s, libxml2 12 s, xmlsec1
# 10 s, samlcheck 18 s, make check 65 s of wall), 4 minutes of wall at worst
# seen on the shared machine.
#
#   scripts/check-libxml2-new.sh             all of it
#   LIBXML2_NEW_RUN=0 ...                    steps 1-4 only (no make check)
#   LIBXML2_NEW_SUITE=sid ...                libxml2 from another Debian suite
#                                            (default testing)
#   LIBXML2_NEW_XMLSEC_SUITE=testing ...     xmlsec1 from another suite
#                                            (default bookworm)
#   LIBXML2_NEW_PREFIX=/path ...             use a libxml2 >= 2.12 and an
#                                            xmlsec1 built against it that are
#                                            installed there (steps 1-3 skipped)
# A second run reuses what build-libxml2-new/ already holds (delete it for a
# fresh start). Exit status 0 when everything built and passed; 1 on a
# warning, a build error, a failed test or a system libxml2 in a binary;
# when Debian's archive cannot be reached: 77 (skipped) outside CI, 1 in CI.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build-libxml2-new
suite=${LIBXML2_NEW_SUITE:-testing}
xsuite=${LIBXML2_NEW_XMLSEC_SUITE:-bookworm}
run=${LIBXML2_NEW_RUN:-1}
jobs=$(nproc 2>/dev/null || echo 2)
cd "$top"
mkdir -p "$b"
me=check-libxml2-new
exec 3>&2 # the script's own stderr, also from inside a step's redirection

unreachable() {
    echo "$me: $1" >&3
    [ "${CI:-}" = true ] && exit 1
    echo "$me: SKIP (not in CI)" >&3
    exit 77
}
die() {
    echo "$me: $1" >&3
    exit 1
}
# step NAME LOG CMD...: run CMD with its output in LOG (shown on failure),
# then print the step's wall and CPU time
step() {
    local name=$1 log=$2 rc=0
    shift 2
    local TIMEFORMAT="$me: $name: %0Rs wall, %0Us user + %0Ss sys CPU"
    time { "$@" >"$log" 2>&1 || rc=$?; }
    if [ "$rc" -ne 0 ]; then
        tail -40 "$log" >&2
        die "$name failed (exit $rc; log: $log)"
    fi
}

# ---- 1-3: libxml2 and xmlsec1 from Debian's source packages
fetch() {
    local a=$b/apt
    rm -rf "$a"
    mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/src"
    {
        echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main"
        [ "$xsuite" = "$suite" ] ||
            echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $xsuite main"
    } >"$a/sources.list"
    local aptopt="-o Dir::Etc::sourcelist=$a/sources.list -o Dir::Etc::sourceparts=/nonexistent
            -o Dir::State::Lists=$a/lists -o Dir::Cache=$a/cache -o Debug::NoLocking=1
            -o APT::Sandbox::User=root"
    # shellcheck disable=SC2086
    apt-get -qq $aptopt update >"$b/apt.log" 2>&1 ||
        unreachable "apt-get update of Debian $suite/$xsuite sources failed (see $b/apt.log)"
    # shellcheck disable=SC2086
    (cd "$a/src" && apt-get -qq $aptopt source --download-only "libxml2/$suite" "xmlsec1/$xsuite") \
        >>"$b/apt.log" 2>&1 ||
        unreachable "apt-get source libxml2/$suite xmlsec1/$xsuite failed (see $b/apt.log)"
    rm -rf "$b/src" && mkdir -p "$b/src" &&
        dpkg-source -x "$a"/src/libxml2_*.dsc "$b/src/libxml2" &&
        dpkg-source -x "$a"/src/xmlsec1_*.dsc "$b/src/xmlsec1"
}

build_libxml2() (
    rm -rf "$b/obj-libxml2" && mkdir -p "$b/obj-libxml2" && cd "$b/obj-libxml2" &&
        "$b/src/libxml2/configure" -q --prefix="$prefix" --disable-static \
            --disable-dependency-tracking --without-python --without-schemas --without-relaxng \
            --without-debug --without-docs CFLAGS="-O1 -w" &&
        make -s -j"$jobs" && make -s install
)

build_xmlsec1() (
    # LDFLAGS: Debian's xml2-config prints no -L, and without it libxmlsec1
    # would link the system's libxml2.so.2
    rm -rf "$b/obj-xmlsec1" && mkdir -p "$b/obj-xmlsec1" && cd "$b/obj-xmlsec1" &&
        "$b/src/xmlsec1/configure" -q --prefix="$prefix" --disable-static \
            --disable-dependency-tracking --with-openssl --with-default-crypto=openssl \
            --without-nss --without-gcrypt --without-gnutls --without-libxslt \
            --disable-crypto-dl --disable-apps-crypto-dl --disable-apps --disable-docs \
            --disable-mans CFLAGS="-O1 -w" LDFLAGS="-L$prefix/lib -Wl,-rpath,$prefix/lib" \
            PKG_CONFIG_PATH="$prefix/lib/pkgconfig" &&
        { grep -q "^LIBXML_CFLAGS = -I$prefix/include/libxml2" Makefile ||
            { echo "xmlsec1's configure did not pick the libxml2 of $prefix"; exit 1; }; } &&
        make -s -j"$jobs" && make -s install
)

if [ -n "${LIBXML2_NEW_PREFIX:-}" ]; then
    prefix=$LIBXML2_NEW_PREFIX
    [ -f "$prefix/lib/pkgconfig/libxml-2.0.pc" ] && [ -f "$prefix/lib/pkgconfig/xmlsec1-openssl.pc" ] ||
        die "no libxml-2.0.pc and xmlsec1-openssl.pc under $prefix/lib/pkgconfig"
else
    prefix=$b/prefix
    if [ ! -f "$prefix/.complete" ]; then
        rm -rf "$prefix"
        step "fetch (libxml2/$suite, xmlsec1/$xsuite sources)" "$b/fetch.log" fetch
        step "libxml2 build" "$b/libxml2.log" build_libxml2
        step "xmlsec1 build" "$b/xmlsec1.log" build_xmlsec1
        touch "$prefix/.complete"
    else
        echo "$me: reusing $prefix (delete $b for a fresh start)"
    fi
fi
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
lxver=$(pkg-config --modversion libxml-2.0)
xsver=$(pkg-config --modversion xmlsec1-openssl)
ver=$(sed -n 's/^#define LIBXML_VERSION \([0-9]*\).*/\1/p' "$prefix/include/libxml2/libxml/xmlversion.h")
echo "$me: libxml2 $lxver ($ver), xmlsec1 $xsver (OpenSSL) in $prefix"
[ "${ver:-0}" -ge 21200 ] || die "libxml2 $lxver is older than 2.12: nothing new to prove"

# ---- 4: samlcheck with -Werror against them
[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || ./autogen.sh >/dev/null
sc=$b/sc
# a build configured for another prefix starts again
[ "$(cat "$sc/.prefix" 2>/dev/null)" = "$prefix" ] || rm -rf "$sc"
mkdir -p "$sc"
echo "$prefix" >"$sc/.prefix"
build_samlcheck() (
    cd "$sc" &&
        if [ ! -f Makefile ] || [ "$top/configure" -nt config.status ]; then
            "$top/configure" -q --enable-werror LDFLAGS="-L$prefix/lib -Wl,-rpath,$prefix/lib"
        fi &&
        make -s -j"$jobs" && make -s -j"$jobs" check TESTS=
)
step "samlcheck build (-Werror, make + check programs)" "$sc/build.log" build_samlcheck
grep -q -- "-I$prefix/include/libxml2" <(sed -n 's/^LIBXML2_CFLAGS = //p' "$sc/Makefile") ||
    die "samlcheck's configure did not pick the libxml2 of $prefix (see $sc/Makefile)"

# the binaries load the new libraries, never the system's: samlcheck all
# three, every test program that loads a libxml2 or an xmlsec1 the prefix's
[ -x "$sc/src/samlcheck" ] && [ -x "$sc/tests/unit/test_xml" ] || die "samlcheck or its tests were not built"
l=$(ldd "$sc/src/samlcheck")
for lib in libxml2 libxmlsec1 libxmlsec1-openssl; do
    echo "$l" | grep -q "^[[:space:]]*$lib\.so\.[0-9]* => $prefix/lib/" ||
        { echo "$l" >&2; die "samlcheck does not load $lib from $prefix/lib"; }
done
n=0
for bin in "$sc/src/samlcheck" "$sc"/tests/unit/test_* "$sc"/tests/fuzz/fuzz_*; do
    case $bin in *.o | *.log | *.trs | *.c) continue ;; esac
    [ -f "$bin" ] && [ -x "$bin" ] || continue
    l=$(ldd "$bin")
    if echo "$l" | grep -q 'libxml2\.so\.2 '; then
        echo "$l" >&2
        die "$bin loads the system libxml2 (libxml2.so.2)"
    fi
    if echo "$l" | grep -E '^[[:space:]]*lib(xml2|xmlsec1[-a-z]*)\.so' | grep -vq " => $prefix/lib/"; then
        echo "$l" >&2
        die "$bin loads a libxml2 or xmlsec1 from outside $prefix/lib"
    fi
    n=$((n + 1))
done
echo "$me: samlcheck and $((n - 1)) test programs load libxml2 and xmlsec1 from $prefix/lib only (ldd)"

# the C files that no make target compiles, with the same flags
compile_rest() {
    local common f d base o n=0 fail=0
    mk() { sed -n "s/^$1 = //p" "$sc/Makefile"; }
    common="-DHAVE_CONFIG_H -I$sc -I$sc/include -I$top/include -I$top/src -DSAMLCHECK_INTERNAL
            -D_POSIX_C_SOURCE=200809L $(mk LIBXML2_CFLAGS) $(mk XMLSEC_CFLAGS) $(mk OPENSSL_CFLAGS)
            $(mk JANSSON_CFLAGS) $(mk YAML_CFLAGS) $(mk CMOCKA_CFLAGS) -g -O2 $(mk SC_CFLAGS)"
    for f in $(find src tests bench examples -name '*.c' ! -path tests/headers/headertest.c | LC_ALL=C sort); do
        d=$(dirname "$f")
        base=$(basename "$f" .c)
        for o in "$sc/$d/$base.o" "$sc/$d/"*"-$base.o" "$sc/$d/.libs/$base.o" "$sc/$d/.libs/"*"-$base.o"; do
            [ -e "$o" ] && continue 2
        done
        n=$((n + 1))
        # shellcheck disable=SC2086
        if ! out=$(cc $common -c "$f" -o /dev/null 2>&1) || [ -n "$out" ]; then
            fail=$((fail + 1))
            echo "== $f"
            echo "$out"
        else
            echo "compiled $f"
        fi
    done
    [ "$n" -gt 0 ] || { echo "no file left over (every C file has an object)"; return 0; }
    [ "$fail" -eq 0 ]
}
step "the other C files (bench/, tests/embed/)" "$sc/compile-rest.log" compile_rest
sed 's/^/  /' "$sc/compile-rest.log"

if [ "$run" = 0 ]; then
    echo "$me: OK: samlcheck builds warning-free against libxml2 $lxver and xmlsec1 $xsver (LIBXML2_NEW_RUN=0: tests not run)"
    exit 0
fi

# ---- 5: the tests
status=0
# LD_RUN_PATH: the programs tests link themselves without an rpath
# (bench/compare.sh's floor) find the prefix's libraries too; the system's
# programs (xmlsec1) keep the system's
run_tests() (cd "$sc" && CASES_MESSAGES=report LD_RUN_PATH="$prefix/lib" make -s -j"$jobs" check)
TIMEFORMAT="$me: make check: %0Rs wall, %0Us user + %0Ss sys CPU"
time { run_tests >"$sc/check.log" 2>&1 || status=$?; }
grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' "$sc/check.log" | sed "s/^/$me: /" || true
if [ "$status" -ne 0 ]; then
    grep -hE '^(FAIL|ERROR|XPASS)' "$sc/test-suite.log" "$sc/check.log" 2>/dev/null | sort -u | head -60 >&2 || true
    die "make check failed against libxml2 $lxver (logs: $sc/test-suite.log, $sc/tests/**/*.log)"
fi
# which cases' messages differ from expected.json, and why: a difference
# inside libxml2's own text (after "not well-formed XML: ", or in a cause in
# parentheses) is its rewording; anything else, or samlcheck's own fallback
# for a lost libxml2 error ("parse error", "namespace error"), is ours and
# fails the stage
classify() {
    python3 - "$1" <<'PY'
import re, sys
cases, cur = [], None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.match(r"ok \d+ - (\S+) # .*messages differ", line)
    if m:
        cur = {"case": m.group(1), "-": [], "+": []}
        cases.append(cur)
        continue
    m = re.match(r'#   ([-+]) *"message": "(.*)",?$', line.rstrip("\n"))
    if m and cur is not None:
        cur[m.group(1)].append(m.group(2))
    elif re.match(r"(not )?ok \d+ ", line):
        cur = None
FALLBACK = ("not well-formed XML: parse error", "not well-formed XML: namespace error")
bad = 0
for c in cases:
    why = "libxml2's message text"
    if len(c["-"]) != len(c["+"]) or not c["-"]:
        why = "OTHER: findings' messages do not pair up"
    for old, new in zip(c["-"], c["+"]):
        n = 0
        while n < min(len(old), len(new)) and old[n] == new[n]:
            n += 1
        before = old[:n]
        if any(f in old or f in new for f in FALLBACK):
            why = "OTHER: samlcheck's fallback text, libxml2's error was lost"
        elif not ("not well-formed XML: " in before or before.count("(") > before.count(")")):
            why = "OTHER: the difference is in samlcheck's own words"
    bad += why.startswith("OTHER")
    print("  %s: %s" % (c["case"], why))
    for old, new in zip(c["-"], c["+"]):
        print("    - %s\n    + %s" % (old, new))
sys.exit(1 if bad else 0)
PY
}
rl=$sc/tests/e2e/run-cases.log
differ=$(grep -cE '^ok .* # messages differ' "$rl" || true)
if [ "$differ" -gt 0 ]; then
    echo "$me: $differ end-to-end cases have other \"message\" text than expected.json (status, rules and every other line as expected):"
    classify "$rl" || die "a message differs beyond libxml2's own text: investigate (above)"
else
    echo "$me: every end-to-end case's output is the golden expected.json (messages too)"
fi
echo "$me: OK: samlcheck builds warning-free and passes make check against libxml2 $lxver and xmlsec1 $xsver"
