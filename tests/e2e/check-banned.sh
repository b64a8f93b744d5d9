#!/bin/sh
# Banned functions (docs/architecture.md): sprintf, strcpy, strcat, atoi,
# gmtime/localtime, time() outside clock.c, libxml2 parse calls outside
# xml/parse.c, printf outside src/cli/.
set -u
srcdir=$(cd "${top_srcdir:-$(dirname "$0")/../..}" && pwd)
cd "$srcdir" || exit 1
echo "1..4"
hits=$(grep -nE '\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|gmtime|localtime)\s*\(' src/*/*.c | grep -v '^\s*/[*/]' || true)
if [ -z "$hits" ]; then echo "ok 1 - no banned string/number functions"; else echo "not ok 1 - banned functions"; echo "$hits" | sed 's/^/# /'; fi
hits=$(grep -nE '[^_a-z]time\s*\(\s*(NULL|0|&)' src/*/*.c | grep -v '^src/base/clock.c' || true)
if [ -z "$hits" ]; then echo "ok 2 - time() only in clock.c"; else echo "not ok 2 - time() outside clock.c"; echo "$hits" | sed 's/^/# /'; fi
hits=$(grep -nE '\bxml(Read|Parse|CtxtRead|CreateMemoryParserCtxt|CreatePushParserCtxt|ReadMemory|ParseMemory|ParseFile|ReadFile|ParseDoc|SAXParse)[A-Za-z]*\s*\(' src/*/*.c | grep -v '^src/xml/parse.c' | grep -v 'xmlParseURI' || true)
if [ -z "$hits" ]; then echo "ok 3 - libxml2 parsing only in xml/parse.c"; else echo "not ok 3 - libxml2 parse calls elsewhere"; echo "$hits" | sed 's/^/# /'; fi
hits=$(grep -nE '(^|[^a-z_])printf\s*\(' src/*/*.c | grep -v '^src/cli/' || true)
if [ -z "$hits" ]; then echo "ok 4 - printf only in src/cli"; else echo "not ok 4 - printf outside src/cli"; echo "$hits" | sed 's/^/# /'; fi
