#ifndef SAMLCHECK_INPUT_H
#define SAMLCHECK_INPUT_H

/**
 * @file input.h
 * Reading inputs with a size cap.
 */

#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Result of samlcheck_input_read_file() besides success. */
enum {
    SAMLCHECK_READ_UNREADABLE = 1, /**< missing, not a regular file, I/O error, or empty */
    SAMLCHECK_READ_TOO_LARGE = 2   /**< larger than the cap */
};

/**
 * Read a whole file ("-" for stdin) with a size cap.
 * @param[out] out the bytes, NUL-terminated (not counted in @p len_out);
 *             free with free(). NULL on failure.
 * @param[out] len_out number of bytes read
 * @return 0; SAMLCHECK_READ_UNREADABLE or SAMLCHECK_READ_TOO_LARGE (message in
 *         @p err); or SAMLCHECK_ENOMEM.
 */
int samlcheck_input_read_file(unsigned char **out, size_t *len_out, const char *path,
                              size_t max_bytes, samlcheck_error *err);

#ifdef __cplusplus
}
#endif
#endif
