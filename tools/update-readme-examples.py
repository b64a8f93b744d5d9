#!/usr/bin/env python3
"""Refresh the output of README.md's ```console blocks (those starting with
`$ samlcheck ...` and eliding nothing), which tests/e2e/check-readme.sh
compares with real output:  python3 tools/update-readme-examples.py [BIN]"""
import os
import re
import shlex
import subprocess
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.chdir(top)
binary = sys.argv[1] if len(sys.argv) > 1 else "build/src/samlcheck"
env = dict(os.environ, NO_COLOR="1")


def fix(m):
    lines = m.group(1).rstrip("\n").split("\n")
    if not lines[0].startswith("$ samlcheck ") or "..." in lines:
        return m.group(0)
    cmd = shlex.split(lines[0][2:])
    p = subprocess.run([binary] + cmd[1:], capture_output=True, text=True, env=env)
    out = (p.stdout + p.stderr).rstrip("\n")
    return "```console\n%s\n%s\n$ echo $?\n%d\n```" % (lines[0], out, p.returncode)


text = open("README.md", encoding="utf-8").read()
open("README.md", "w", encoding="utf-8").write(
    re.sub(r"```console\n(.*?)```", fix, text, flags=re.S))
