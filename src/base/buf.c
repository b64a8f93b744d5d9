#include "base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sc_buf_append(sc_buf *b, const void *p, size_t n)
{
    if (b->max && (n > b->max || b->len > b->max - n)) {
        b->toobig = 1;
        return SAMLCHECK_EINVAL;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) {
            if (cap > SIZE_MAX / 2)
                return SAMLCHECK_ENOMEM;
            cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (!d)
            return SAMLCHECK_ENOMEM;
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

void *sc_grow(void *p, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return p;
    size_t c = *cap ? *cap : first;
    if (*cap && c > SIZE_MAX / 2)
        return NULL;
    if (*cap)
        c *= 2;
    if (c > SIZE_MAX / size)
        return NULL;
    void *q = realloc(p, c * size);
    if (q)
        *cap = c;
    return q;
}

int sc_buf_puts(sc_buf *b, const char *s)
{
    return sc_buf_append(b, s, strlen(s));
}

int sc_buf_putc(sc_buf *b, char c)
{
    return sc_buf_append(b, &c, 1);
}

int sc_buf_vprintf(sc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    char small[256];
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return SAMLCHECK_EINVAL;
    if ((size_t)n < sizeof small)
        return sc_buf_append(b, small, (size_t)n);
    char *big = malloc((size_t)n + 1);
    if (!big)
        return SAMLCHECK_ENOMEM;
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    int rc = sc_buf_append(b, big, (size_t)n);
    free(big);
    return rc;
}

int sc_buf_printf(sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = sc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

char *sc_buf_detach(sc_buf *b)
{
    char *d = b->data;
    if (!d)
        d = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    b->toobig = 0;
    return d;
}

void sc_buf_free(sc_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
