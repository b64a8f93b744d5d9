#ifndef SC_BASE_H
#define SC_BASE_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* Base utilities: growable buffers with a hard maximum, string helpers,
 * the clock and xs:dateTime / RFC 3339 parsing. No dependency on other
 * samlcheck modules. */

#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include "samlcheck/error.h"

/* ---- buf.c: growable byte buffer with a maximum ---- */
typedef struct sc_buf {
    char *data; /* owned; NUL-terminated when not NULL */
    size_t len;
    size_t cap;
    size_t max; /* 0 = no maximum */
    int toobig; /* set once an append exceeded max */
} sc_buf;
#define SC_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, 0, 0                                                                           \
    }

/* 0, SAMLCHECK_ENOMEM, or SAMLCHECK_EINVAL when max would be exceeded
 * (toobig is then set and the buffer is unchanged). */
int sc_buf_append(sc_buf *b, const void *p, size_t n);
int sc_buf_puts(sc_buf *b, const char *s);
int sc_buf_putc(sc_buf *b, char c);
int sc_buf_printf(sc_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int sc_buf_vprintf(sc_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/* Hand the data to the caller (free with free()); the buffer is reset.
 * Returns "" (allocated) for an empty buffer; NULL only on ENOMEM. */
char *sc_buf_detach(sc_buf *b);
void sc_buf_free(sc_buf *b);

/* Room for element @p n of an array @p p of *@p cap elements of @p size
 * bytes: @p p itself while n < *cap, else @p p reallocated to twice the
 * capacity (@p first when it is 0) with *cap updated. NULL on overflow or
 * ENOMEM, with @p p untouched and still the caller's. */
void *sc_grow(void *p, size_t n, size_t *cap, size_t size, size_t first);

/* ---- str.c ---- */
char *sc_strdup(const char *s); /* NULL-safe; NULL on ENOMEM */
char *sc_strndup(const char *s, size_t n);
char *sc_asprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
int sc_str_starts(const char *s, const char *prefix);
/* The @p len bytes at @p d (not NUL-terminated) start with @p prefix. */
int sc_mem_starts(const void *d, size_t len, const char *prefix);
int sc_str_casestarts(const char *s, const char *prefix); /* ASCII case-insensitive */
int sc_str_ieq(const char *a, const char *b);             /* ASCII case-insensitive */
/* Parse a whole decimal integer (optional leading '-'); 0 on success. */
int sc_str_to_ll(const char *s, long long *out);
/* Escape a value for display: control and invisible characters become
 * U+XXXX; the result is freshly allocated (NULL on ENOMEM). */
char *sc_str_escape(const char *s, size_t maxlen);
/* The same for @p len bytes that need not be NUL-terminated (invalid UTF-8
 * bytes become \xNN). */
char *sc_mem_escape(const char *s, size_t len, size_t maxlen);
/* Bidirectional formatting controls (U+061C, U+200E/F, U+202A-U+202E,
 * U+2066-U+2069): they reorder what a terminal shows. */
int sc_is_bidi_control(uint32_t cp);
/* Characters never written raw to a terminal: C0/C1 controls, DEL, D3
 * invisible characters, bidi controls, deprecated format characters and
 * interlinear annotations. sc_str_escape shows them as <U+XXXX>. */
int sc_is_display_unsafe(uint32_t cp);
/* A copy of @p s with every byte that is not part of valid UTF-8 replaced
 * by U+FFFD (for JSON output, which must be UTF-8). NULL on ENOMEM. */
char *sc_str_utf8_clean(const char *s);
/* Decode one UTF-8 code point at s (len bytes available). Returns the
 * number of bytes consumed, or 0 for an invalid sequence. */
size_t sc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Number of code points in a valid UTF-8 string. */
size_t sc_utf8_len(const char *s);
/* Code points in s[0..n): UTF-8 lead bytes, an invalid byte counting one. */
size_t sc_utf8_count(const char *s, size_t n);
/* The value of the hex digit @p c (either case), or -1. */
int sc_hex_val(unsigned char c);
/* Format @p n bytes as upper-case hex pairs joined by ':' (a certificate
 * fingerprint), truncated to fit @p size; always NUL-terminated. */
void sc_hex_colon(char *out, size_t size, const unsigned char *d, size_t n);
/* XML whitespace: the S production of XML 1.0 section 2.3 (space, tab,
 * line feed, carriage return). Not isspace(), which also takes \v and \f
 * (not whitespace in XML: a \f in a document is not even a legal
 * character). The one test for it: XML text, attribute and markup scans,
 * and the base64 of SAML values and XML-DSig elements, which only ever
 * carries these four. A char argument may be negative; that is not space. */
static inline int sc_is_xml_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
/* True for D3 whitespace/invisible characters. */
int sc_is_unicode_space(uint32_t cp);
/* Set an error if none is set yet (first error wins). Returns code. */
int sc_error_set(samlcheck_error *err, int code, const char *source, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---- base64.c: the one base64 decoder (strict RFC 4648 section 4) ---- */
typedef enum sc_b64_status {
    SC_B64_OK = 0,
    SC_B64_EMPTY,       /* nothing (left after whitespace removal) */
    SC_B64_BAD_CHAR,    /* a character outside the standard alphabet */
    SC_B64_URLSAFE,     /* '-' or '_' (RFC 4648 section 5 alphabet) */
    SC_B64_BAD_LENGTH,  /* length not a multiple of 4 (missing padding) */
    SC_B64_BAD_PADDING, /* '=' in the middle, or more than two */
    SC_B64_NONZERO_BITS /* the last character sets bits a canonical encoder leaves zero */
} sc_b64_status;

typedef struct sc_b64_error {
    sc_b64_status status;
    size_t offset;    /* offset of the bad character in the text as given */
    unsigned char ch; /* the bad character (first byte) */
    size_t length;    /* base64 characters (whitespace not counted) */
    int unpadded;     /* on success with SC_B64_UNPADDED: the '=' that were missing */
} sc_b64_error;

/* What callers legitimately differ in. */
enum {
    /* XML whitespace (SP, TAB, CR, LF) anywhere is skipped: element content
     * such as X509Certificate, SignatureValue and CipherValue is wrapped in
     * lines. Without it any whitespace is a bad character. */
    SC_B64_XML_WS = 1u << 0,
    /* The final padding may be missing altogether (2 or 3 characters in the
     * last quantum, no '='): decoded, e->unpadded says how many '=' were
     * missing. RULES.md 0.2 input/undecodable, the SAMLResponse only. */
    SC_B64_UNPADDED = 1u << 1
};

/* Decode @p len bytes at @p in. Returns 0 with *out malloc'd
 * (NUL-terminated, may be empty), SAMLCHECK_EINVAL with @p e filled, or
 * SAMLCHECK_ENOMEM. Rejects characters outside the standard alphabet, '='
 * anywhere but the end, more than two '=', data after padding, a length
 * that is not a multiple of 4 (see SC_B64_UNPADDED) and non-zero bits
 * before the padding. */
int sc_b64_decode(unsigned char **out, size_t *out_len, const char *in, size_t len, unsigned flags,
                  sc_b64_error *e);
/* The length of the base64 encoding of @p n bytes (with padding). */
size_t sc_b64_encoded_len(size_t n);
/* Describe a decode error for a message ("the character '!' at offset 12,
 * which is not base64"). */
const char *sc_b64_describe(const sc_b64_error *e, char *buf, size_t size);

/* ---- random.c: salts for hash tables over untrusted input ---- */
/* Fills buf with n bytes from the kernel's random source: 0, or -1 when
 * none is available (the caller then uses a fixed salt). */
int sc_random_salt(void *buf, size_t n);

/* ---- clock.c: the only code that reads the system clock ---- */
/* A parsed instant: seconds since the Unix epoch, UTC. */
long long sc_clock_now(void);
/* Strict xs:dateTime (YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)).
 * Returns 0 and the instant in *out; *had_offset is set when the zone was
 * not 'Z' (D5: converted, noted); *no_zone when no zone was given
 * (accepted as UTC, reported by callers). -1 on a parse error.
 * Fractions are truncated to whole seconds. */
int sc_time_parse(const char *s, long long *out, int *had_offset, int *no_zone);
/* Seconds since the epoch of a UTC calendar time (proleptic Gregorian),
 * with no libc time conversion. */
long long sc_time_from_civil(long long year, unsigned month, unsigned day, int hour, int min,
                             int sec);
/* Format as YYYY-MM-DDThh:mm:ssZ into buf (at least 21 bytes). */
void sc_time_format(long long t, char *buf, size_t size);
/* Human duration such as "2h 5m" / "3 days" into buf. */
void sc_duration_format(long long secs, char *buf, size_t size);

#endif
