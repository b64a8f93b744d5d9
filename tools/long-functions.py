#!/usr/bin/env python3
"""List the C functions longer than a threshold, longest first.

    tools/long-functions.py [THRESHOLD] [PATH ...]

THRESHOLD: report functions of more than this many lines (default 80).
PATH: files or directories to scan (default: src/ of the source tree); every
*.c and *.h file below a directory is read.

A function's length counts its lines from the first line of its definition
(the return type, e.g. `static int`) to its closing brace, both included, so
a comment above it does not count and a blank line inside it does.

Output: one line per function, "LINES  NAME  FILE:LINE", sorted by length
(longest first) then file and line; nothing when every function is short
enough. Exit status 0 either way (a report, not a check); 2 on bad usage.

The scan is lexical, not a compiler: comments, string and character
literals and preprocessor lines are blanked first, then a `{` at file level
whose preceding text ends in `)` opens a function (an initializer has `=`, a
struct or enum has no `)`). Braces split across `#if` branches would confuse
it; the tree has none (docs/architecture.md, "Tests").
"""
import os
import re
import sys

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
ATTRIBUTE = re.compile(r"__attribute__\s*\(\((?:[^()]|\([^()]*\))*\)\)")


def blank(text):
    """Return text with comments, literals and preprocessor lines replaced
    by spaces; newlines are kept so line numbers stay right."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if line_start and c == "#":
            # a directive, with its backslash continuations
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    out.append(" \n")
                    i += 2
                    continue
                out.append(" ")
                i += 1
            continue
        line_start = False
        if c == "\n":
            out.append(c)
            line_start = True
            i += 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1 : j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """Yield (name, first_line, last_line) for each function defined in path."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank(f.read())
    depth = 0
    head_start = 0  # offset where the current file-level declaration began
    current = None  # (name, first_line) of the function being read
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        elif c == "{":
            if depth == 0:
                current = definition(text, head_start, i)
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if current:
                    yield current[0], current[1], line
                current = None
                head_start = i + 1
        elif c == ";" and depth == 0:
            head_start = i + 1


def definition(text, start, brace):
    """(name, first_line) when text[start:brace] is a function's head."""
    # __attribute__((...)) before the return type is neither type nor name
    head = ATTRIBUTE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text[start:brace])
    body = head.strip()
    if not body.endswith(")") or "=" in re.sub(r"\([^()]*\)", "", body):
        return None
    paren = head.find("(")
    names = IDENT.findall(head[:paren])
    if not names:
        return None
    lead = len(head) - len(head.lstrip())
    first_line = text.count("\n", 0, start + lead) + 1
    return names[-1], first_line


def c_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".c", ".h")):
                        yield os.path.join(root, f)
        else:
            yield p


def main(argv):
    threshold = 80
    args = argv[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if args and args[0].isdigit():
        threshold = int(args.pop(0))
    elif args and not os.path.exists(args[0]):
        print("usage: tools/long-functions.py [THRESHOLD] [PATH ...]", file=sys.stderr)
        return 2
    if not args:
        top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        args = [os.path.relpath(os.path.join(top, "src"))]
    rows = []
    for path in c_files(args):
        for name, first, last in functions(path):
            n = last - first + 1
            if n > threshold:
                rows.append((-n, path, first, name))
    rows.sort()
    for neg, path, first, name in rows:
        print("%4d  %-28s %s:%d" % (-neg, name, path, first))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
