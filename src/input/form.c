/* application/x-www-form-urlencoded bodies (the HTTP-POST binding form,
 * SAML-BIND 3.5.4): name=value pairs separated by '&', '+' for a space,
 * %XX for any other byte. Malformed escapes are errors, not guesses. */
#include "input.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

int sc_form_unescape(char **out, size_t *out_len, const char *in, size_t len, size_t *bad_off)
{
    char *s = malloc(len + 1);
    size_t n = 0;
    *out = NULL;
    *out_len = 0;
    if (!s)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == '+') {
            s[n++] = ' ';
        } else if (c == '%') {
            /* exactly two hex digits must follow */
            int hi = i + 1 < len ? sc_hex_val((unsigned char)in[i + 1]) : -1;
            int lo = i + 2 < len ? sc_hex_val((unsigned char)in[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                free(s);
                if (bad_off)
                    *bad_off = i;
                return SAMLCHECK_EINVAL;
            }
            s[n++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            s[n++] = (char)c;
        }
    }
    s[n] = '\0';
    *out = s;
    *out_len = n;
    return 0;
}

void sc_form_free(sc_form *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->p[i].name);
        free(f->p[i].value);
    }
    free(f->p);
    f->p = NULL;
    f->n = 0;
}

int sc_form_parse(sc_form *out, const char *body, size_t len, size_t max_params)
{
    size_t cap = 0, pos = 0;
    int rc = 0;
    char *name = NULL, *value = NULL;

    memset(out, 0, sizeof *out);
    while (pos <= len && out->n < max_params) {
        const char *amp = memchr(body + pos, '&', len - pos);
        size_t end = amp ? (size_t)(amp - body) : len;
        const char *eq = memchr(body + pos, '=', end - pos);
        size_t name_end = eq ? (size_t)(eq - body) : end;
        size_t vlen = 0, nlen = 0, bad = 0;

        if (end > pos) { /* empty pairs ("a=1&&b=2") are skipped */
            int malformed = 0;
            size_t bad_at = 0;
            rc = sc_form_unescape(&name, &nlen, body + pos, name_end - pos, &bad);
            if (rc == SAMLCHECK_EINVAL) { /* keep the raw name, flag it */
                malformed = 1;
                bad_at = pos + bad;
                rc = (name = sc_strndup(body + pos, name_end - pos)) ? 0 : SAMLCHECK_ENOMEM;
            }
            if (rc)
                goto out;
            if (eq) {
                rc = sc_form_unescape(&value, &vlen, eq + 1, end - name_end - 1, &bad);
                if (rc == SAMLCHECK_EINVAL) {
                    if (!malformed)
                        bad_at = name_end + 1 + bad;
                    malformed = 1;
                    vlen = end - name_end - 1;
                    rc = (value = sc_strndup(eq + 1, vlen)) ? 0 : SAMLCHECK_ENOMEM;
                }
            } else {
                rc = (value = sc_strdup("")) ? 0 : SAMLCHECK_ENOMEM;
            }
            if (rc)
                goto out;
            if (out->n == cap) {
                size_t nc = cap ? cap * 2 : 8;
                sc_form_param *np = realloc(out->p, nc * sizeof *np);
                if (!np) {
                    rc = SAMLCHECK_ENOMEM;
                    goto out;
                }
                out->p = np;
                cap = nc;
            }
            out->p[out->n].name = name;
            out->p[out->n].value = value;
            out->p[out->n].value_len = vlen;
            out->p[out->n].malformed = malformed;
            out->p[out->n].bad_offset = bad_at;
            out->n++;
            name = value = NULL;
        }
        if (!amp)
            break;
        pos = end + 1;
    }
out:
    free(name);
    free(value);
    if (rc)
        sc_form_free(out);
    return rc;
}

const sc_form_param *sc_form_get(const sc_form *f, const char *name, size_t idx)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->p[i].name, name) == 0 && idx-- == 0)
            return &f->p[i];
    return NULL;
}

size_t sc_form_count(const sc_form *f, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        n += strcmp(f->p[i].name, name) == 0;
    return n;
}

/* A parameter name at s[i] (start of body or after '&') equal to @p name
 * and followed by '='. */
static int param_at(const char *s, size_t len, size_t i, const char *name)
{
    size_t n = strlen(name);
    return (i == 0 || s[i - 1] == '&') && len - i > n && memcmp(s + i, name, n) == 0 &&
           s[i + n] == '=';
}

int sc_form_sniff(const char *s, size_t len)
{
    static const char *const names[] = {"SAMLResponse", "SAMLRequest", "RelayState", "SAMLart"};
    for (size_t i = 0; i < len; i++) {
        if (i != 0 && s[i - 1] != '&')
            continue;
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
            if (param_at(s, len, i, names[k]))
                return 1;
    }
    return 0;
}

const char *sc_form_find_raw(const char *body, size_t len, const char *name, size_t *vlen)
{
    return sc_form_find_raw_nth(body, len, name, 0, vlen);
}

const char *sc_form_find_raw_nth(const char *body, size_t len, const char *name, size_t idx,
                                 size_t *vlen)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < len; i++) {
        if (!param_at(body, len, i, name) || idx-- > 0)
            continue;
        const char *v = body + i + n + 1;
        const char *amp = memchr(v, '&', len - (i + n + 1));
        *vlen = amp ? (size_t)(amp - v) : len - (i + n + 1);
        return v;
    }
    *vlen = 0;
    return NULL;
}

int sc_b64_normalise(char **out, size_t *out_len, const char *in, size_t len)
{
    char *s = malloc(len + 1);
    size_t n = 0;
    *out = NULL;
    *out_len = 0;
    if (!s)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        char c = in[i];
        if (c == ' ')
            s[n++] = '+'; /* a '+' that was form-decoded became a space */
        else if (c != '\t' && c != '\r' && c != '\n')
            s[n++] = c;
    }
    s[n] = '\0';
    *out = s;
    *out_len = n;
    return 0;
}
