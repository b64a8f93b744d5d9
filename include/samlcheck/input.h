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

/** Failures of samlcheck_input_read_file() the CLI reports as findings
 *  (input/unreadable, input/too-large); negative like every error code. */
enum {
    SAMLCHECK_READ_UNREADABLE = SAMLCHECK_EIO,     /**< missing, not a regular file, I/O error,
                                                        or empty */
    SAMLCHECK_READ_TOO_LARGE = SAMLCHECK_ETOOLARGE /**< larger than the cap */
};

/**
 * Read a whole file ("-" for stdin) with a size cap.
 * @param[out] out the bytes, NUL-terminated (not counted in @p len_out);
 *             free with samlcheck_free(). NULL on failure.
 * @param[out] len_out number of bytes read
 * @return 0; SAMLCHECK_READ_UNREADABLE or SAMLCHECK_READ_TOO_LARGE (message in
 *         @p err); SAMLCHECK_ENOMEM; or SAMLCHECK_EINVAL (NULL argument).
 */
int samlcheck_input_read_file(unsigned char **out, size_t *len_out, const char *path,
                              size_t max_bytes, samlcheck_error *err);

#ifdef __cplusplus
}
#endif
#endif
