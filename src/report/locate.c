/* Where a finding is, for the CI formats (SARIF, GitHub, GitLab, JUnit) and
 * the baseline: the input's path relative to a root, its URI reference, the
 * position in the file as it is on disk, and a fingerprint that survives
 * line moves. Paths are handled lexically (no symlink resolution), so the
 * same command line gives the same identities on every machine. */
#include "sc_report.h"
#include "../base/base.h"
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Make @p path absolute (against the working directory) and normalise
 * "." / ".." / "//" segments. Malloc'd or NULL. */
static char *absolute(const char *path)
{
    sc_buf b = SC_BUF_INIT;
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        if (!cwd)
            return NULL;
        int rc = sc_buf_puts(&b, cwd);
        free(cwd);
        if (rc || sc_buf_putc(&b, '/')) {
            sc_buf_free(&b);
            return NULL;
        }
    }
    if (sc_buf_puts(&b, path)) {
        sc_buf_free(&b);
        return NULL;
    }
    char *in = sc_buf_detach(&b);
    if (!in)
        return NULL;
    size_t n = strlen(in);
    char *out = malloc(n + 2);
    if (!out) {
        free(in);
        return NULL;
    }
    size_t w = 0;
    const char *p = in;
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.'))
            continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (w > 0 && out[w - 1] != '/')
                w--;
            if (w > 0)
                w--; /* drop the '/' too */
            continue;
        }
        out[w++] = '/';
        memcpy(out + w, seg, len);
        w += len;
    }
    if (w == 0)
        out[w++] = '/';
    out[w] = '\0';
    free(in);
    return out;
}

char *sc_input_relpath(const char *path, const char *root)
{
    if (!path || strcmp(path, "-") == 0)
        return sc_strdup("stdin");
    char *ap = absolute(path);
    char *ar = absolute(root && *root ? root : ".");
    char *res = NULL;
    if (ap && ar) {
        size_t rl = strlen(ar);
        if (strcmp(ar, "/") == 0)
            res = sc_strdup(ap + 1);
        else if (strncmp(ap, ar, rl) == 0 && ap[rl] == '/')
            res = sc_strdup(ap + rl + 1);
        else
            res = sc_strdup(ap);
    }
    free(ap);
    free(ar);
    return res;
}

char *sc_uri_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    sc_buf b = SC_BUF_INIT;
    int rc = sc_buf_puts(&b, ""); /* a non-NULL result for "" */
    for (const unsigned char *p = (const unsigned char *)s; *p && !rc; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            rc = sc_buf_putc(&b, (char)c);
        else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            rc = sc_buf_append(&b, e, 3);
        }
    }
    if (rc) {
        sc_buf_free(&b);
        return NULL;
    }
    return sc_buf_detach(&b);
}

char *sc_input_uri(const char *path, const char *root)
{
    char *rel = sc_input_relpath(path, root);
    if (!rel)
        return NULL;
    char *enc = sc_uri_encode(rel);
    char *res = enc && rel[0] == '/' ? sc_asprintf("file://%s", enc) : NULL;
    free(rel);
    if (res) {
        free(enc);
        return res;
    }
    return enc;
}

/* Does the text at data[p..] spell @p b64 (m characters), allowing
 * %-escapes, JSON's "\/", and line breaks (raw or JSON-escaped) between
 * characters? */
static int spells(const unsigned char *data, size_t len, size_t p, const char *b64, size_t m,
                  size_t *work)
{
    for (size_t j = 0; j < m; (*work)++) {
        if (p >= len)
            return 0;
        unsigned char d = data[p];
        char c = b64[j];
        if (d == (unsigned char)c) {
            p++;
            j++;
        } else if (j > 0 && (d == '\n' || d == '\r')) {
            p++;
        } else if (j > 0 && d == '\\' && p + 1 < len &&
                   (data[p + 1] == 'n' || data[p + 1] == 'r')) {
            p += 2;
        } else if (c == '/' && d == '\\' && p + 1 < len && data[p + 1] == '/') {
            p += 2;
            j++;
        } else if (d == '%' && p + 2 < len && sc_hex_val(data[p + 1]) >= 0 &&
                   sc_hex_val(data[p + 2]) >= 0 &&
                   sc_hex_val(data[p + 1]) * 16 + sc_hex_val(data[p + 2]) == (unsigned char)c) {
            p += 3;
            j++;
        } else {
            return 0;
        }
    }
    return 1;
}

int sc_locate_encoded(const unsigned char *data, size_t len, sc_locate_cursor *cur,
                      const unsigned char *xml, size_t xml_len)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char b64[401]; /* 300 bytes: past the Response's ID in practice */
    size_t n = xml_len < 300 ? xml_len - xml_len % 3 : 300, m = 0;
    if (!data || !xml || n < 12 || cur->spent)
        return 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)xml[i] << 16 | (unsigned)xml[i + 1] << 8 | xml[i + 2];
        b64[m++] = tab[v >> 18 & 63];
        b64[m++] = tab[v >> 12 & 63];
        b64[m++] = tab[v >> 6 & 63];
        b64[m++] = tab[v & 63];
    }
    b64[m] = '\0';
    int line = cur->line > 0 ? cur->line : 1;
    /* near-misses cost up to m steps each: a crafted capture must not turn
     * this into seconds, so the whole search gets a linear budget */
    size_t budget = 16 * len + 4096;
    for (size_t p = cur->pos; p < len && cur->work < budget; p++) {
        if (data[p] == (unsigned char)b64[0] && spells(data, len, p, b64, m, &cur->work)) {
            cur->pos = p + 1;
            cur->line = line;
            return line;
        }
        if (data[p] == '\n')
            line++;
    }
    cur->spent = 1;
    return 0;
}

int sc_report_entry(samlcheck_report *r, const char **what)
{
    json_t *sum = sc_report_summary(r);
    json_t *e = json_object_get(sum, "har_entry");
    *what = "HAR entry";
    if (!json_is_integer(e)) {
        e = json_object_get(sum, "tracer_request");
        *what = "SAML-tracer request";
    }
    if (!json_is_integer(e)) {
        *what = NULL;
        return 0;
    }
    json_int_t v = json_integer_value(e);
    return v > 0 && v < 100000000 ? (int)v : 0;
}

int sc_finding_disk_line(samlcheck_report *r, const samlcheck_finding *f, int *column, int *decoded)
{
    const char *enc = json_string_value(json_object_get(sc_report_summary(r), "encoding"));
    *decoded = enc && strcmp(enc, "xml") != 0;
    *column = 0;
    if (f->line <= 0)
        return 0;
    if (*decoded)
        return sc_report_origin_line(r) > 0 ? sc_report_origin_line(r) : 1;
    *column = f->column > 0 ? f->column : 0;
    return f->line;
}

int sc_finding_fingerprint(samlcheck_report *r, size_t i, const char *ident,
                           char out[SC_FINGERPRINT_LEN + 1])
{
    const samlcheck_finding *f = samlcheck_report_at(r, i);
    if (!f)
        return SAMLCHECK_EINVAL;
    size_t ordinal = sc_report_ordinal(r, i);
    const char *what;
    int entry = sc_report_entry(r, &what);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    char num[48];
    int ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    const char *parts[4] = {"samlcheck/v1", f->rule, ident ? ident : "",
                            f->location ? f->location : ""};
    for (int k = 0; ok && k < 4; k++)
        ok = EVP_DigestUpdate(ctx, parts[k], strlen(parts[k]) + 1); /* with the NUL */
    snprintf(num, sizeof num, "%d/%zu", entry, ordinal);
    ok = ok && EVP_DigestUpdate(ctx, num, strlen(num)) && EVP_DigestFinal_ex(ctx, md, &mdlen);
    EVP_MD_CTX_free(ctx);
    if (!ok || mdlen < SC_FINGERPRINT_LEN / 2)
        return SAMLCHECK_ECRYPTO;
    static const char hex[] = "0123456789abcdef";
    for (int k = 0; k < SC_FINGERPRINT_LEN / 2; k++) {
        out[2 * k] = hex[md[k] >> 4];
        out[2 * k + 1] = hex[md[k] & 15];
    }
    out[SC_FINGERPRINT_LEN] = '\0';
    return 0;
}
