/* --redact (issue 12): replace personal values in a report with short
 * stable hashes, so that a report, SARIF log or ticket attachment can be
 * shared. Done on the report itself (findings and summary), before any
 * renderer runs, so every output format inherits it.
 *
 * Personal: the NameID, RoleSessionName, SourceIdentity and PrincipalTag
 * values (read from the summary the checks filled), the query string of the
 * URL a capture posted to and of the RelayState, and anything e-mail-like.
 * Certificates (subjects, fingerprints), ARNs, rule IDs and the findings'
 * wording stay intact: in messages a personal value is replaced where it is
 * quoted ("value") or, when 8 characters or longer, wherever it occurs;
 * e-mail-like words are replaced everywhere except in certificate fields.
 * The hash is the first 32 bits of FNV-1a 64 over the value, shown as
 * "[redacted:1a2b3c4d]": the same value gives the same tag in every report
 * and format (so findings can be matched up) but it is not a secret - a
 * guessed value can be confirmed. */
#include "sc_report.h"
#include "../base/base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_LEN SC_REDACT_TAG_LEN

static void tag(const char *s, size_t n, char out[TAG_LEN + 1])
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, TAG_LEN + 1, "[redacted:%08x]", (unsigned)(h >> 32));
}

typedef struct pset {
    char **v;
    size_t n, cap;
} pset;

static int padd(pset *p, const char *s, size_t n)
{
    if (!s || n == 0 || strncmp(s, "[redacted:", 10) == 0)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (strlen(p->v[i]) == n && !memcmp(p->v[i], s, n))
            return 0;
    char **nv = sc_grow(p->v, p->n, &p->cap, sizeof *nv, 8);
    if (!nv)
        return SAMLCHECK_ENOMEM;
    p->v = nv;
    if (!(p->v[p->n] = sc_strndup(s, n)))
        return SAMLCHECK_ENOMEM;
    p->n++;
    /* the form messages show it in: escaped, at most 200 characters */
    char *e = sc_str_escape(p->v[p->n - 1], 200);
    if (!e)
        return SAMLCHECK_ENOMEM;
    int rc = strcmp(e, p->v[p->n - 1]) ? padd(p, e, strlen(e)) : 0;
    free(e);
    return rc;
}

static void pfree(pset *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static int padd_str(pset *p, const json_t *v)
{
    return json_is_string(v) ? padd(p, json_string_value(v), json_string_length(v)) : 0;
}

/* The query of a URL (after '?', up to '#'), or the whole value when it is
 * not a URL with a query (RelayState may be any opaque string). */
static int padd_query(pset *p, const json_t *v, int whole_if_none)
{
    if (!json_is_string(v))
        return 0;
    const char *s = json_string_value(v), *q = strchr(s, '?');
    if (!q)
        return whole_if_none && !strstr(s, "://") ? padd(p, s, strlen(s)) : 0;
    size_t n = strcspn(q + 1, "#");
    return padd(p, q + 1, n);
}

static int email_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("._%+-", c)) || (unsigned char)c >= 0x80;
}

/* Rewrite @p s: personal values and e-mail-like words become tags.
 * Returns a new string, or NULL when nothing changed (or on ENOMEM, with
 * *rc set). */
static int url_end(char c)
{
    return !c || c == ' ' || c == '"' || c == '\'' || c == ')' || c == '>' || c == '<' ||
           c == '\n' || c == '#';
}

static char *scrub(const char *s, const pset *p, int emails, int *rc)
{
    sc_buf b = SC_BUF_INIT;
    int changed = 0;
    size_t len = strlen(s), i = 0, verb = 0; /* s[verb..i) was copied as is */
    char t[TAG_LEN + 1];
    while (i < len) {
        size_t best = 0, bi = 0;
        for (size_t k = 0; k < p->n; k++) {
            size_t n = strlen(p->v[k]);
            if (n <= best || n > len - i || memcmp(s + i, p->v[k], n) != 0)
                continue;
            int q = i > 0 && s[i - 1] == '"' && s[i + n] == '"';
            if (q || n >= 8) {
                best = n;
                bi = k;
            }
        }
        if (best) {
            tag(p->v[bi], strlen(p->v[bi]), t);
            *rc |= sc_buf_puts(&b, t);
            i += best;
            verb = i;
            changed = 1;
            continue;
        }
        if (emails == 2 && s[i] == '?' && i > 3) { /* a URL's query string */
            size_t st = i;
            while (st > verb && !url_end(s[st - 1]))
                st--;
            const char *sch = strstr(s + st, "://");
            if (sch && sch < s + i && !url_end(s[i + 1])) {
                size_t en = i + 1;
                while (!url_end(s[en]))
                    en++;
                tag(s + i + 1, en - i - 1, t);
                *rc |= sc_buf_putc(&b, '?');
                *rc |= sc_buf_puts(&b, t);
                i = verb = en;
                changed = 1;
                continue;
            }
        }
        if (emails && s[i] == '@' && i > 0 && email_char(s[i - 1])) {
            /* the local part was copied: take it back out of the buffer */
            size_t st = i;
            while (st > verb && email_char(s[st - 1]))
                st--;
            size_t en = i + 1, dot = 0;
            while (en < len && (email_char(s[en]) && s[en] != '%' && s[en] != '+')) {
                if (s[en] == '.' && en > i + 1 && en + 1 < len && email_char(s[en + 1]))
                    dot = en;
                en++;
            }
            while (en > i + 1 && (s[en - 1] == '.' || s[en - 1] == '-'))
                en--;
            if (dot && dot < en - 1 && b.len >= i - st) {
                b.len -= i - st;
                tag(s + st, en - st, t);
                *rc |= sc_buf_puts(&b, t);
                i = verb = en;
                changed = 1;
                continue;
            }
        }
        *rc |= sc_buf_putc(&b, s[i++]);
    }
    if (!changed || *rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

/* Keys whose values are certificate data: kept as they are. */
static int cert_key(const char *k)
{
    return k && (!strcmp(k, "subject") || !strcmp(k, "sha1") || !strcmp(k, "sha256") ||
                 !strcmp(k, "cert_issuer") || !strcmp(k, "fingerprint"));
}

static int scrub_json(json_t *v, const char *key, const pset *p)
{
    int rc = 0;
    if (json_is_string(v)) {
        /* a value that is a personal value, whatever its length (STS's
         * Subject, a session tag's Value) */
        for (size_t k = 0; k < p->n; k++)
            if (!strcmp(json_string_value(v), p->v[k])) {
                char t[TAG_LEN + 1];
                tag(p->v[k], strlen(p->v[k]), t);
                return json_string_set(v, t) ? SAMLCHECK_ENOMEM : 0;
            }
        char *n = scrub(json_string_value(v), p, !cert_key(key), &rc);
        if (n)
            rc |= json_string_set(v, n);
        free(n);
    } else if (json_is_object(v)) {
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e) rc |= scrub_json(e, k, p);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) rc |= scrub_json(e, key, p);
    }
    return rc;
}

int samlcheck_report_redact(samlcheck_report *r)
{
    if (!r)
        return SAMLCHECK_EINVAL;
    pset p = {NULL, 0, 0};
    json_t *sum = sc_report_summary(r);
    int rc = 0;
    char t[TAG_LEN + 1];
    static const char *const whole[] = {"name_id", "session_name", "source_identity"};
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
        rc |= padd_str(&p, json_object_get(sum, whole[i]));
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(sum, "tags"), i, row) rc |=
        padd_str(&p, json_object_get(row, "value"));
    rc |= padd_query(&p, json_object_get(sum, "post_url"), 0);
    rc |= padd_query(&p, json_object_get(sum, "relay_state"), 1);
    /* an opaque RelayState (not a URL) is replaced whole */
    json_t *rs = json_object_get(sum, "relay_state");
    if (!rc && json_is_string(rs) && json_string_length(rs) &&
        !strstr(json_string_value(rs), "://") && strncmp(json_string_value(rs), "[redacted:", 10)) {
        tag(json_string_value(rs), json_string_length(rs), t);
        rc |= json_string_set(rs, t);
    }
    /* the exact fields first (whatever their length), then everything */
    for (size_t k = 0; !rc && k < sizeof whole / sizeof whole[0]; k++) {
        json_t *v = json_object_get(sum, whole[k]);
        if (json_is_string(v) && strncmp(json_string_value(v), "[redacted:", 10)) {
            tag(json_string_value(v), json_string_length(v), t);
            rc |= json_string_set(v, t);
        }
    }
    json_array_foreach(json_object_get(sum, "tags"), i, row)
    {
        json_t *v = json_object_get(row, "value");
        if (json_is_string(v) && strncmp(json_string_value(v), "[redacted:", 10)) {
            tag(json_string_value(v), json_string_length(v), t);
            rc |= json_string_set(v, t);
        }
    }
    if (!rc)
        rc = scrub_json(sum, NULL, &p);
    for (size_t k = 0; !rc && k < samlcheck_report_count(r); k++) {
        samlcheck_finding *f = sc_report_finding_mut(r, k);
        char *n = scrub(f->message, &p, 1, &rc);
        if (n) {
            free((char *)f->message);
            f->message = n;
        }
        if (f->location && (n = scrub(f->location, &p, 1, &rc)) != NULL) {
            free((char *)f->location);
            f->location = n;
        }
    }
    if (!rc) {
        char *n = scrub(samlcheck_report_input(r), &p, 1, &rc);
        if (n)
            rc = sc_report_set_input(r, n);
        free(n);
    }
    pfree(&p);
    return rc ? SAMLCHECK_ENOMEM : 0;
}

char *sc_redact_text(const char *s, int *rc)
{
    static const pset none = {NULL, 0, 0};
    char *n = scrub(s, &none, 2, rc);
    return n || *rc ? n : sc_strdup(s);
}

void sc_redact_tag(const char *s, size_t n, char out[SC_REDACT_TAG_LEN + 1])
{
    tag(s, n, out);
}
