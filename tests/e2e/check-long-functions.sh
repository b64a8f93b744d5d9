#!/bin/sh
# tools/long-functions.py, the maintenance report of long functions
# (docs/architecture.md, "Tests"): it measures what a reader sees on a
# sample with the constructs that fool a naive scan (braces in strings,
# characters and comments, preprocessor lines, initializers, structs,
# __attribute__, multi-line heads), honours its threshold, refuses bad
# usage, and finds exactly the functions ctags finds in src/ (when ctags
# is installed). A report, not a limit: the tree's long functions are
# listed as a comment, never a failure. Skipped without python3. TAP.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not installed"; exit 0; }
tool="$srcdir/tools/long-functions.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..6"
mkdir "$tmp/src"
cat >"$tmp/src/sample.c" <<'C'
#include <stdio.h>
/* not a function { */
struct point {
    int x, y;
};
static const int table[] = {
    1, 2, 3,
};
#define BRACE_OPEN {
static int
two_line_head(int a,
              int b)
{
    const char *s = "} { \"}\"";
    char c = '}';
    // a } in a line comment
    /* and { in a block comment */
    return a + b + s[0] + c;
}
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void attributed(const char *fmt, ...)
{
}
int one_line(void) { return 0; }
int nested(int x)
{
    if (x) {
        while (x--) {
            x++;
        }
    }
    return x;
}
C
cat >"$tmp/expected" <<'OUT'
  10  two_line_head                src/sample.c:10
   9  nested                       src/sample.c:27
   3  attributed                   src/sample.c:23
   1  one_line                     src/sample.c:26
OUT
(cd "$tmp" && python3 "$tool" 0 src) >"$tmp/out" 2>&1
if cmp -s "$tmp/expected" "$tmp/out"; then
    echo "ok 1 - every function of the sample, measured from its head to its closing brace"
else
    echo "not ok 1 - the sample's functions"; diff "$tmp/expected" "$tmp/out" | sed 's/^/# /'
fi
(cd "$tmp" && python3 "$tool" 9 src/sample.c) >"$tmp/out" 2>&1
if [ "$(cat "$tmp/out")" = "  10  two_line_head                src/sample.c:10" ]; then
    echo "ok 2 - the threshold: only functions of more lines are listed (a file argument works)"
else
    echo "not ok 2 - threshold 9"; sed 's/^/# /' "$tmp/out"
fi
(cd "$tmp" && python3 "$tool" 10 src) >"$tmp/out" 2>&1
st=$?
if [ "$st" = 0 ] && [ ! -s "$tmp/out" ]; then
    echo "ok 3 - nothing over the threshold: no output, exit 0"
else
    echo "not ok 3 - threshold 10 (exit $st)"; sed 's/^/# /' "$tmp/out"
fi
python3 "$tool" no-such-path >"$tmp/out" 2>&1
st=$?
if [ "$st" = 2 ] && grep -q '^usage: tools/long-functions.py' "$tmp/out"; then
    echo "ok 4 - a bad argument: usage, exit 2"
else
    echo "not ok 4 - bad argument (exit $st)"; sed 's/^/# /' "$tmp/out"
fi
if [ -d "$srcdir/src" ] && command -v ctags >/dev/null 2>&1 && ctags --version 2>/dev/null | grep -q Universal; then
    (cd "$srcdir" && python3 "$tool" 0 src) | awk '{ sub(/:[0-9]+$/, "", $3); print $2, $3 }' |
        LC_ALL=C sort >"$tmp/ours"
    (cd "$srcdir" && ctags -x --c-kinds=f -R src) | awk '{ print $1, $4 }' | LC_ALL=C sort >"$tmp/ctags"
    if [ -s "$tmp/ours" ] && cmp -s "$tmp/ours" "$tmp/ctags"; then
        echo "ok 5 - src/: the same $(wc -l <"$tmp/ours" | tr -d ' ') functions as ctags"
    else
        echo "not ok 5 - src/: functions found differ from ctags (< ours, > ctags)"
        diff "$tmp/ours" "$tmp/ctags" | head -20 | sed 's/^/# /'
    fi
else
    echo "ok 5 # SKIP Universal Ctags not installed (or no src/)"
fi
(cd "$srcdir" && python3 "$tool") >"$tmp/out" 2>&1
st=$?
if [ "$st" = 0 ]; then
    echo "ok 6 - the default run over src/ (threshold 80): $(grep -c . "$tmp/out") function(s) listed"
    sed 's/^/# /' "$tmp/out"
else
    echo "not ok 6 - the default run (exit $st)"; sed 's/^/# /' "$tmp/out"
fi
