#ifndef SAMLCHECK_ERROR_H
#define SAMLCHECK_ERROR_H

/**
 * @file error.h
 * Hard errors: the library could not do its job (out of memory, unreadable
 * file, library initialisation failure). Facts about the user's input are
 * *findings* (see report.h), never errors.
 */

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of functions that can fail. 0 is success. */
enum {
    SAMLCHECK_OK = 0,
    SAMLCHECK_ENOMEM = -1,  /**< allocation failed */
    SAMLCHECK_EIO = -2,     /**< a file could not be read or written */
    SAMLCHECK_EINVAL = -3,  /**< invalid argument or usage */
    SAMLCHECK_ECRYPTO = -4, /**< OpenSSL/xmlsec failure not caused by the input */
    SAMLCHECK_EINTERNAL = -5,
    SAMLCHECK_ETOOLARGE = -6 /**< an input is larger than its cap */
};

/**
 * Free memory the library handed out as a plain buffer (the bytes of
 * samlcheck_input_read_file(), the text of samlcheck_report_summary_json()).
 * NULL is a no-op. Objects have their own free functions.
 */
void samlcheck_free(void *p);

/** A caller-owned error description. The first error set wins. */
typedef struct samlcheck_error {
    int code;          /**< one of the SAMLCHECK_E* codes, 0 when unset */
    char message[512]; /**< one line, no trailing newline */
    char source[256];  /**< file or input name, may be empty */
    int line;          /**< 0 when unknown */
    int column;        /**< 0 when unknown */
} samlcheck_error;

/** Reset @p err to "no error". @p err may be NULL. */
void samlcheck_error_clear(samlcheck_error *err);

#ifdef __cplusplus
}
#endif
#endif
