#!/bin/sh
# The README's console examples show real output: each ```console block that
# runs `$ samlcheck ...` (and does not elide lines with "...") must print
# exactly what the block shows, with the exit status of its `$ echo $?`.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
bin=${SAMLCHECK:-$srcdir/src/samlcheck}
[ -x "$bin" ] || { echo "1..0 # SKIP samlcheck binary not found"; exit 0; }
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 not found"; exit 0; }
cd "$srcdir" && python3 - "$bin" README.md <<'PY'
import os, re, shlex, subprocess, sys
binary, readme = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```console\n(.*?)```", open(readme, encoding="utf-8").read(), re.S)
tests = []
for b in blocks:
    lines = b.rstrip("\n").split("\n")
    if not lines[0].startswith("$ samlcheck ") or "..." in lines:
        continue
    cmd = shlex.split(lines[0][2:])
    want_out, want_status = [], None
    for i, l in enumerate(lines[1:], 1):
        if l == "$ echo $?":
            want_status = int(lines[i + 1])
            break
        want_out.append(l)
    tests.append((cmd, "\n".join(want_out), want_status))
print("1..%d" % len(tests))
env = dict(os.environ, NO_COLOR="1")
for n, (cmd, want, status) in enumerate(tests, 1):
    p = subprocess.run([binary] + cmd[1:], capture_output=True, text=True, env=env)
    got = p.stdout.rstrip("\n")
    ok = got == want.rstrip("\n") and (status is None or p.returncode == status)
    print("%s %d - README: %s" % ("ok" if ok else "not ok", n, " ".join(cmd)[:100]))
    if not ok:
        print("# exit %d (want %s); output differs:" % (p.returncode, status))
        for l in got.split("\n")[:20]:
            print("#   " + l)
PY
