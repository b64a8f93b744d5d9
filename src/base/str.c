#include "base.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *sc_strdup(const char *s)
{
    return s ? sc_strndup(s, strlen(s)) : NULL;
}

char *sc_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *sc_asprintf(const char *fmt, ...)
{
    sc_buf b = SC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

int sc_str_starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

int sc_mem_starts(const void *d, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return d && len >= n && memcmp(d, prefix, n) == 0;
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int sc_str_casestarts(const char *s, const char *prefix)
{
    if (!s)
        return 0;
    for (; *prefix; s++, prefix++)
        if (!*s || lower((unsigned char)*s) != lower((unsigned char)*prefix))
            return 0;
    return 1;
}

int sc_str_ieq(const char *a, const char *b)
{
    if (!a || !b)
        return 0;
    for (; *a && *b; a++, b++)
        if (lower((unsigned char)*a) != lower((unsigned char)*b))
            return 0;
    return *a == *b;
}

int sc_str_to_ll(const char *s, long long *out)
{
    if (!s || !*s)
        return -1;
    const char *p = s;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            return -1;
    errno = 0;
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (errno || !end || *end)
        return -1;
    *out = v;
    return 0;
}

size_t sc_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

size_t sc_utf8_len(const char *s)
{
    return sc_utf8_count(s, strlen(s));
}

size_t sc_utf8_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

int sc_hex_val(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void sc_hex_colon(char *out, size_t size, const unsigned char *d, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t w = 0;
    if (size == 0)
        return;
    for (size_t i = 0; i < n && w + 3 + (i > 0) <= size; i++) {
        if (i)
            out[w++] = ':';
        out[w++] = hex[d[i] >> 4];
        out[w++] = hex[d[i] & 15];
    }
    out[w] = '\0';
}

int sc_is_unicode_space(uint32_t cp)
{
    switch (cp) {
    case 0x20:
    case 0x09:
    case 0x0A:
    case 0x0D:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x180E:
    case 0x2060:
    case 0xFEFF: return 1;
    default: return (cp >= 0x2000 && cp <= 0x200D);
    }
}

int sc_is_bidi_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

int sc_is_display_unsafe(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           (cp != 0x20 && sc_is_unicode_space(cp)) || sc_is_bidi_control(cp) ||
           (cp >= 0x206A && cp <= 0x206F) || (cp >= 0xFFF9 && cp <= 0xFFFB);
}

char *sc_str_escape(const char *s, size_t maxlen)
{
    if (!s)
        return sc_strdup("(null)");
    return sc_mem_escape(s, strlen(s), maxlen);
}

char *sc_mem_escape(const char *s, size_t len, size_t maxlen)
{
    sc_buf b = SC_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, shown = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        if (maxlen && shown >= maxlen) {
            rc = sc_buf_puts(&b, "...");
            break;
        }
        if (p[i] >= 0x20 && p[i] < 0x7F) {
            /* a run of printable ASCII, shown as it is, in one append */
            size_t k = i;
            while (k < len && p[k] >= 0x20 && p[k] < 0x7F && (!maxlen || shown < maxlen)) {
                k++;
                shown++;
            }
            rc = sc_buf_append(&b, p + i, k - i);
            i = k;
            continue;
        }
        uint32_t cp;
        size_t n = sc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            rc = sc_buf_printf(&b, "\\x%02X", p[i]);
            i++;
        } else if (sc_is_display_unsafe(cp)) {
            rc = sc_buf_printf(&b, "<U+%04X>", (unsigned)cp);
            i += n;
        } else {
            rc = sc_buf_append(&b, p + i, n);
            i += n;
        }
        shown++;
    }
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

char *sc_str_utf8_clean(const char *s)
{
    sc_buf b = SC_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    size_t len = s ? strlen(s) : 0, i = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            rc = sc_buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        } else {
            rc = sc_buf_append(&b, p + i, n);
            i += n;
        }
    }
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

int sc_error_set(samlcheck_error *err, int code, const char *source, const char *fmt, ...)
{
    if (!err || err->code != 0)
        return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    return code;
}

void samlcheck_error_clear(samlcheck_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}
