/* Reading inputs with a hard size cap: a larger file is never read whole. */
#include "base.h"
#include "samlcheck/input.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* strerror() may return a shared static buffer (POSIX does not make it
 * thread-safe, and inputs are read on -j worker threads): the XSI
 * strerror_r() into the caller's buffer. */
static const char *errtext(int e, char *buf, size_t n)
{
    if (strerror_r(e, buf, n) != 0)
        snprintf(buf, n, "error %d", e);
    return buf;
}

int samlcheck_input_read_file(unsigned char **out, size_t *len_out, const char *path,
                              size_t max_bytes, samlcheck_error *err)
{
    FILE *fp = NULL;
    sc_buf b = SC_BUF_INIT;
    int rc = 0, is_stdin;
    char chunk[65536];
    char ebuf[128];

    if (!out || !len_out || !path)
        return sc_error_set(err, SAMLCHECK_EINVAL, "", "invalid argument: NULL output or path");
    is_stdin = strcmp(path, "-") == 0;
    *out = NULL;
    *len_out = 0;
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) != 0) {
            return sc_error_set(err, SAMLCHECK_READ_UNREADABLE, path, "cannot read %s: %s", path,
                                errtext(errno, ebuf, sizeof ebuf));
        }
        if (!S_ISREG(st.st_mode))
            return sc_error_set(err, SAMLCHECK_READ_UNREADABLE, path,
                                "cannot read %s: not a regular file", path);
        if (max_bytes && (unsigned long long)st.st_size > max_bytes)
            return sc_error_set(err, SAMLCHECK_READ_TOO_LARGE, path,
                                "%s is %lld bytes, more than the input cap of %zu bytes", path,
                                (long long)st.st_size, max_bytes);
        fp = fopen(path, "rb");
        if (!fp)
            return sc_error_set(err, SAMLCHECK_READ_UNREADABLE, path, "cannot open %s: %s", path,
                                errtext(errno, ebuf, sizeof ebuf));
    } else {
        fp = stdin;
    }
    b.max = max_bytes;
    for (;;) {
        size_t n = fread(chunk, 1, sizeof chunk, fp);
        if (n > 0) {
            int arc = sc_buf_append(&b, chunk, n);
            if (arc == SAMLCHECK_EINVAL) {
                rc = sc_error_set(err, SAMLCHECK_READ_TOO_LARGE, path,
                                  "%s is larger than the input cap of %zu bytes", path, max_bytes);
                goto out;
            } else if (arc) {
                rc = SAMLCHECK_ENOMEM;
                goto out;
            }
        }
        if (n < sizeof chunk) {
            if (ferror(fp)) {
                rc = sc_error_set(err, SAMLCHECK_READ_UNREADABLE, path, "read error on %s", path);
                goto out;
            }
            break;
        }
    }
    if (b.len == 0) {
        rc = sc_error_set(err, SAMLCHECK_READ_UNREADABLE, path, "%s is empty",
                          is_stdin ? "standard input" : path);
        goto out;
    }
    *len_out = b.len;
    *out = (unsigned char *)sc_buf_detach(&b);
    if (!*out)
        rc = SAMLCHECK_ENOMEM;
out:
    if (fp && !is_stdin)
        fclose(fp);
    sc_buf_free(&b);
    return rc;
}

void samlcheck_free(void *p)
{
    free(p);
}
