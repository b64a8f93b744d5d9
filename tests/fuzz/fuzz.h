#ifndef SC_FUZZ_H
#define SC_FUZZ_H

/* Shared by the fuzz targets (tests/fuzz/fuzz_*.c). Each target defines
 * LLVMFuzzerTestOneInput; linked with standalone.c it replays the files of
 * testdata/corpus/<target>/ (make check), linked with -fsanitize=fuzzer
 * (--enable-fuzzers) it is a libFuzzer binary. */

#include <stddef.h>
#include <stdint.h>
#include "samlcheck/samlcheck.h"

/* The fixture clock, 2025-06-01T12:00:00Z. */
#define SC_FUZZ_NOW 1748779200LL
/* Inputs larger than this are ignored: the interesting bugs are in
 * structure, not size, and big inputs make fuzzing slow. */
#define SC_FUZZ_MAX_INPUT (256u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* samlcheck_global_init() once; aborts when it fails (a broken
 * environment, not a finding). */
void sc_fuzz_init(void);

/* Options with the fixture clock and default limits. */
samlcheck_options sc_fuzz_options(void);

/* The source tree: $top_srcdir when set, else the directory configure saw. */
const char *sc_fuzz_srcdir(void);

/* Read @p path below the source tree into a malloc'd NUL-terminated
 * buffer; aborts on failure (the tree is incomplete). */
unsigned char *sc_fuzz_read_src(const char *path, size_t *len);

/* Free what the target keeps between runs (standalone.c calls it before
 * exiting so that LeakSanitizer and valgrind see a clean process). */
void sc_fuzz_target_cleanup(void);

#endif
