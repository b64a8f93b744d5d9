/* Text renderer for people: a summary of what each input says, then one
 * compiler-style diagnostic per finding (file:line:col: severity [rule]
 * message), the AWS error it would cause and the fix. */
#include "sc_report.h"
#include "samlcheck/samlcheck.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_DIM "\033[2m"

/* The column limit of this rendering (0 = none: --wide). The renderer
 * runs single-threaded per call; the limit is set on entry. */
static _Thread_local size_t limit;

/* Print @p s (escaped already) from column @p at, breaking at spaces so
 * that no line passes the limit; continuation lines start at column
 * @p indent. A word longer than a whole line is printed unbroken. */
static void put_wrapped(FILE *fp, const char *s, size_t at, size_t indent)
{
    int inq = 0; /* inside "...": a quoted value is never broken (its spaces count) */
    while (*s) {
        size_t room = limit && limit > at ? limit - at : 0, n = strlen(s), cut = 0;
        if (!limit || n <= room) {
            fputs(s, fp);
            return;
        }
        int q = inq, qcut = inq;
        for (size_t i = 0; i < n && (i <= room || cut == 0); i++) {
            if (s[i] == '"')
                q = !q;
            else if (s[i] == ' ' && !q && i > 0) {
                if (i > room && cut)
                    break;
                cut = i;
                qcut = q;
                if (i > room)
                    break;
            }
        }
        if (cut == 0) { /* nowhere to break: the rest as it is */
            fputs(s, fp);
            return;
        }
        if (cut > room && at > indent) { /* the first word does not fit: a fresh line */
            fprintf(fp, "\n%*s", (int)indent, "");
            at = indent;
            continue;
        }
        fwrite(s, 1, cut, fp);
        inq = qcut;
        s += cut + 1; /* the one space broken at */
        if (*s)
            fprintf(fp, "\n%*s", (int)indent, "");
        at = indent;
    }
}

static void put_safe_wrapped(FILE *fp, const char *s, size_t at, size_t indent)
{
    char *e = sc_str_escape(s, 0);
    put_wrapped(fp, e ? e : "?", at, indent);
    free(e);
}

static const char *col(const samlcheck_render_options *o, const char *c)
{
    return o->color ? c : "";
}

/* Words that read better in capitals. */
static const char *const acronyms[][2] = {
    {"id", "ID"},   {"sso", "SSO"},   {"sha1", "SHA-1"}, {"sha256", "SHA-256"}, {"arn", "ARN"},
    {"url", "URL"}, {"xml", "XML"},   {"har", "HAR"},    {"aws", "AWS"},        {"sts", "STS"},
    {"rsa", "RSA"}, {"oaep", "OAEP"}, {"mgf1", "MGF1"},  {"ec", "EC"},          {"pem", "PEM"},
    {"der", "DER"}, {"c14n", "C14N"}, {"uuid", "UUID"},
};

/* "name_id_format" -> "Name ID format"; @p upper: all capitals (table heads). */
static void put_key(FILE *fp, const char *k, int upper)
{
    size_t i = 0;
    int first = 1;
    while (k[i]) {
        size_t j = i;
        while (k[j] && k[j] != '_')
            j++;
        const char *word = NULL;
        for (size_t a = 0; a < sizeof acronyms / sizeof acronyms[0]; a++)
            if (strlen(acronyms[a][0]) == j - i && !strncmp(k + i, acronyms[a][0], j - i))
                word = acronyms[a][1];
        if (!first)
            fputc(' ', fp);
        if (word) {
            fputs(word, fp);
        } else {
            for (size_t c = i; c < j; c++) {
                char ch = k[c];
                if ((upper || (first && c == i)) && ch >= 'a' && ch <= 'z')
                    ch = (char)(ch - 32);
                fputc(ch, fp);
            }
        }
        first = 0;
        i = k[j] ? j + 1 : j;
    }
}

static size_t key_width(const char *k)
{
    size_t w = strlen(k);
    if (strstr(k, "sha1"))
        w += 1;
    if (strstr(k, "sha256"))
        w += 1;
    return w;
}

/* Returns the column after "Key:". */
static size_t print_key(FILE *fp, const char *k, int indent)
{
    fprintf(fp, "%*s", indent, "");
    put_key(fp, k, 0);
    fputs(":", fp);
    return (size_t)indent + key_width(k) + 1;
}

/* Untrusted values never reach the terminal raw: control and invisible
 * characters are shown as <U+XXXX>. */
static void put_safe(FILE *fp, const char *s)
{
    char *e = sc_str_escape(s, 0);
    fputs(e ? e : "?", fp);
    free(e);
}

static void print_scalar(FILE *fp, json_t *v)
{
    if (json_is_string(v))
        put_safe(fp, json_string_value(v));
    else if (json_is_integer(v))
        fprintf(fp, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else if (json_is_real(v))
        fprintf(fp, "%g", json_real_value(v));
    else if (json_is_true(v))
        fputs("yes", fp);
    else if (json_is_false(v))
        fputs("no", fp);
    else if (json_is_null(v))
        fputs("-", fp);
}

static void print_scalar_wrapped(FILE *fp, json_t *v, size_t at, size_t indent)
{
    if (json_is_string(v))
        put_safe_wrapped(fp, json_string_value(v), at, indent);
    else
        print_scalar(fp, v);
}

static int is_scalar(json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

static void print_scalar_wrapped(FILE *fp, json_t *v, size_t at, size_t indent);

/* A table too wide for the limit: one record per row, "- first value"
 * then "Key: value" lines; a value that does not fit after its key (a
 * SHA-256 fingerprint) goes on its own line. */
static void print_records(FILE *fp, json_t *arr, int indent)
{
    size_t i;
    json_t *row;
    json_array_foreach(arr, i, row)
    {
        const char *key;
        json_t *v;
        int first = 1;
        json_object_foreach(row, key, v)
        {
            if (first) {
                fprintf(fp, "%*s- ", indent, "");
                print_scalar_wrapped(fp, v, (size_t)indent + 2, (size_t)indent + 4);
                fputc('\n', fp);
                first = 0;
                continue;
            }
            size_t at = print_key(fp, key, indent + 2);
            size_t len = json_is_string(v) ? strlen(json_string_value(v)) : 6;
            int one_word = json_is_string(v) && !strchr(json_string_value(v), ' ');
            if (limit && at + 1 + len > limit && one_word) {
                size_t in = (size_t)indent + 4;
                if (in + len > limit)
                    in = limit > len ? limit - len : 0;
                fprintf(fp, "\n%*s", (int)in, "");
                print_scalar(fp, v);
            } else {
                fputc(' ', fp);
                print_scalar_wrapped(fp, v, at + 1, (size_t)indent + 4);
            }
            fputc('\n', fp);
        }
    }
}

/* The width of each of the @p ncol columns (the keys of @p first): the
 * widest of the key and the cells as printed (escaped). */
static void column_widths(json_t *arr, json_t *first, size_t ncol, size_t *width)
{
    const char *key;
    json_t *v;
    size_t c = 0;
    json_object_foreach(first, key, v)
    {
        if (c >= ncol)
            break;
        width[c++] = key_width(key);
    }
    size_t i;
    json_t *row;
    json_array_foreach(arr, i, row)
    {
        c = 0;
        json_object_foreach(first, key, v)
        {
            if (c >= ncol)
                break;
            json_t *cell = json_object_get(row, key);
            size_t w = 6;
            if (json_is_string(cell)) { /* measured as printed: escaped */
                char *e = sc_str_escape(json_string_value(cell), 0);
                w = e ? sc_utf8_len(e) : 1;
                free(e);
            }
            if (w > width[c])
                width[c] = w;
            c++;
        }
    }
}

static void print_table_header(FILE *fp, json_t *first, size_t ncol, const size_t *width,
                               int indent)
{
    const char *key;
    json_t *v;
    size_t c = 0;
    fprintf(fp, "%*s", indent, "");
    json_object_foreach(first, key, v)
    {
        if (c >= ncol)
            break;
        put_key(fp, key, 1);
        if (c + 1 < ncol) /* no trailing blanks after the last column */
            fprintf(fp, "%*s", (int)(width[c] - key_width(key) + 2), "");
        c++;
    }
    fputc('\n', fp);
}

/* One row: the cells of @p row under the keys of @p first; a missing or
 * other cell prints as "-". */
static void print_table_row(FILE *fp, json_t *first, json_t *row, size_t ncol, const size_t *width,
                            int indent)
{
    const char *key;
    json_t *v;
    size_t c = 0;
    fprintf(fp, "%*s", indent, "");
    json_object_foreach(first, key, v)
    {
        if (c >= ncol)
            break;
        json_t *cell = json_object_get(row, key);
        char tmp[64];
        const char *s = "-";
        char *esc = NULL;
        if (json_is_string(cell))
            s = esc = sc_str_escape(json_string_value(cell), 0);
        else if (json_is_integer(cell)) {
            snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(cell));
            s = tmp;
        } else if (json_is_boolean(cell))
            s = json_is_true(cell) ? "yes" : "no";
        if (!s)
            s = "?";
        size_t sl = sc_utf8_len(s);
        size_t w = sl < width[c] ? width[c] - sl : 0;
        fputs(s, fp);
        if (c + 1 < ncol)
            fprintf(fp, "%*s", (int)(w + 2), "");
        free(esc);
        c++;
    }
    fputc('\n', fp);
}

/* An array of objects becomes a table with the first object's keys as
 * columns (at most 16); one too wide for the terminal is listed as records
 * instead. */
static void print_table(FILE *fp, json_t *arr, int indent)
{
    json_t *first = json_array_get(arr, 0);
    size_t ncol = json_object_size(first);
    size_t width[16] = {0};
    if (ncol > 16)
        ncol = 16;
    column_widths(arr, first, ncol, width);
    size_t total = (size_t)indent;
    for (size_t c = 0; c < ncol; c++)
        total += width[c] + 2;
    if (limit && total - 2 > limit) {
        print_records(fp, arr, indent);
        return;
    }
    print_table_header(fp, first, ncol, width, indent);
    size_t i;
    json_t *row;
    json_array_foreach(arr, i, row) print_table_row(fp, first, row, ncol, width, indent);
}

static void print_value(FILE *fp, const char *key, json_t *v, int indent);

/* A table only for flat rows of a few columns; objects that carry a "text"
 * member (a line written for people) or nested values are listed instead. */
static int table_fits(json_t *arr)
{
    size_t i;
    json_t *row;
    json_array_foreach(arr, i, row)
    {
        if (!json_is_object(row) || json_object_get(row, "text") || json_object_size(row) > 7)
            return 0;
        const char *k;
        json_t *c;
        json_object_foreach(row, k, c) if (!is_scalar(c)) return 0;
    }
    return 1;
}

static void print_items(FILE *fp, json_t *arr, int indent)
{
    size_t i;
    json_t *row;
    json_array_foreach(arr, i, row)
    {
        json_t *t = json_object_get(row, "text");
        if (json_is_string(t)) {
            fprintf(fp, "%*s- ", indent, "");
            put_safe_wrapped(fp, json_string_value(t), (size_t)indent + 2, (size_t)indent + 4);
            fputc('\n', fp);
            continue;
        }
        fprintf(fp, "%*s- item %zu\n", indent, "", i + 1);
        const char *k;
        json_t *c;
        json_object_foreach(row, k, c) print_value(fp, k, c, indent + 4);
    }
}

static void print_value(FILE *fp, const char *key, json_t *v, int indent)
{
    if (is_scalar(v)) {
        size_t at = print_key(fp, key, indent);
        fputc(' ', fp);
        print_scalar_wrapped(fp, v, at + 1, (size_t)indent + 4);
        fputc('\n', fp);
    } else if (json_is_array(v)) {
        print_key(fp, key, indent);
        if (json_array_size(v) == 0) {
            fputs(" (none)\n", fp);
            return;
        }
        if (json_is_object(json_array_get(v, 0))) {
            fputc('\n', fp);
            if (table_fits(v))
                print_table(fp, v, indent + 2);
            else
                print_items(fp, v, indent + 2);
            return;
        }
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            fputs(i ? ", " : " ", fp);
            print_scalar(fp, e);
        }
        fputc('\n', fp);
    } else {
        print_key(fp, key, indent);
        fputc('\n', fp);
        const char *k;
        json_t *e;
        json_object_foreach(v, k, e) print_value(fp, k, e, indent + 2);
    }
}

/* The HAR entry / SAML-tracer request a report came from (0 = none). */
static json_int_t capture_entry(samlcheck_report *r)
{
    json_t *sum = sc_report_summary(r);
    json_t *e = json_object_get(sum, "har_entry");
    if (!json_is_integer(e))
        e = json_object_get(sum, "tracer_request");
    return json_is_integer(e) ? json_integer_value(e) : 0;
}

/* The capture file of a report from a capture: its label up to "#N ("
 * (malloc'd), or NULL when the report is not from a capture. */
static char *capture_name(samlcheck_report *r)
{
    json_int_t e = capture_entry(r);
    char mark[40];
    if (e <= 0)
        return NULL;
    snprintf(mark, sizeof mark, "#%" JSON_INTEGER_FORMAT " (", e);
    const char *in = samlcheck_report_input(r), *m = strstr(in, mark), *next;
    while (m && (next = strstr(m + 1, mark)) != NULL)
        m = next;
    return m ? sc_strndup(in, (size_t)(m - in)) : NULL;
}

/* The decoded document is not the file: "decoded XML line N". */
static int decoded(samlcheck_report *r)
{
    json_t *enc = json_object_get(sc_report_summary(r), "encoding");
    return json_is_string(enc) && strcmp(json_string_value(enc), "xml") != 0;
}

static void count(samlcheck_report *r, size_t c[3])
{
    c[0] = c[1] = c[2] = 0;
    for (size_t j = 0; j < samlcheck_report_count(r); j++)
        c[samlcheck_report_at(r, j)->severity]++;
}

/* "capture.har: 3 responses" and one line per response: entry, time, URL,
 * verdict (the reports [i, end) share the capture). */
static void print_index(FILE *fp, samlcheck_report *const *reports, size_t i, size_t end,
                        const char *name, const samlcheck_render_options *opts)
{
    fputs(col(opts, C_BOLD), fp);
    put_safe(fp, name);
    fprintf(fp, "%s: %zu responses\n", col(opts, C_RESET), end - i);
    for (; i < end; i++) {
        json_t *sum = sc_report_summary(reports[i]);
        json_t *t = json_object_get(sum, "captured");
        if (!json_is_string(t))
            t = json_object_get(sum, "issued");
        json_t *u = json_object_get(sum, "post_url");
        size_t c[3];
        char when[24] = "-", verdict[64];
        if (json_is_string(t))
            snprintf(when, sizeof when, "%.20s",
                     json_string_value(t) + (strncmp(json_string_value(t), "before ", 7) ? 0 : 7));
        count(reports[i], c);
        if (c[SAMLCHECK_SEV_ERROR] || c[SAMLCHECK_SEV_WARNING])
            snprintf(verdict, sizeof verdict, "%zu error(s), %zu warning(s)",
                     c[SAMLCHECK_SEV_ERROR], c[SAMLCHECK_SEV_WARNING]);
        else
            snprintf(verdict, sizeof verdict, "no errors or warnings");
        /* one of several SAMLResponses of one request: "#6.2" */
        char ent[40];
        const char *k = strstr(samlcheck_report_input(reports[i]), ", SAMLResponse #");
        snprintf(ent, sizeof ent, "#%" JSON_INTEGER_FORMAT "%s%.*s", capture_entry(reports[i]),
                 k ? "." : "", k ? (int)strspn(k + 16, "0123456789") : 0, k ? k + 16 : "");
        size_t at = (size_t)fprintf(fp, "  %-5s %-20s  %-26s  ", ent, when, verdict);
        put_safe_wrapped(fp, json_is_string(u) ? json_string_value(u) : "-", at, 8);
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

/* Render the reports; with @p acc, add the counts to it instead of
 * printing the totals line (a batch renders input after input). */
/* One finding: "label:pos: severity [rule] message", then where, what AWS
 * says and the fix, wrapped to the terminal. */
static void print_finding(FILE *fp, const samlcheck_report *r, const samlcheck_finding *f,
                          const char *label, int dec, const samlcheck_render_options *opts)
{
    const char *c = f->severity == SAMLCHECK_SEV_ERROR     ? C_RED
                    : f->severity == SAMLCHECK_SEV_WARNING ? C_YELLOW
                                                           : C_CYAN;
    char pos[64] = "";
    /* a decoded document's lines are not the file's: say so */
    if (f->line > 0 && f->location && !strncmp(f->location, "/Assertion", 10) &&
        !strcmp(samlcheck_report_kind(r), "response")) /* in the decrypted document */
        snprintf(pos, sizeof pos, ", decrypted assertion line %d", f->line);
    else if (f->line > 0 && dec)
        snprintf(pos, sizeof pos, ", decoded XML line %d", f->line);
    else if (f->line > 0 && f->column > 0)
        snprintf(pos, sizeof pos, ":%d:%d", f->line, f->column);
    else if (f->line > 0)
        snprintf(pos, sizeof pos, ":%d", f->line);
    char *el = sc_str_escape(label, 0);
    fputs(col(opts, C_BOLD), fp);
    fputs(el ? el : "?", fp);
    size_t at = (el ? strlen(el) : 1) + strlen(pos) + 1;
    size_t tail = 1 + strlen(samlcheck_severity_name(f->severity)) + strlen(f->rule) + 3 +
                  (f->untrusted ? 20 : 0);
    free(el);
    fprintf(fp, "%s:%s", pos, col(opts, C_RESET));
    if (limit && at + tail > limit) { /* a long label: severity and rule below it */
        fputs("\n   ", fp);
        at = 3;
    }
    fprintf(fp, " %s%s%s [%s]%s", col(opts, c), samlcheck_severity_name(f->severity),
            col(opts, C_RESET), f->rule, f->untrusted ? " (untrusted content)" : "");
    at += tail;
    /* the message starts on the next line when its first word does not fit */
    if (limit && at + 1 + strcspn(f->message, " ") > limit) {
        fputs("\n    ", fp);
        at = 4;
    } else {
        fputc(' ', fp);
        at++;
    }
    put_safe_wrapped(fp, f->message, at, 4);
    fputc('\n', fp);
    if (f->location) {
        fprintf(fp, "    %sat:%s ", col(opts, C_DIM), col(opts, C_RESET));
        put_safe_wrapped(fp, f->location, 8, 8);
        fputc('\n', fp);
    }
    if (f->aws_error) {
        fprintf(fp, "    %sAWS says:%s \"", col(opts, C_DIM), col(opts, C_RESET));
        put_wrapped(fp, f->aws_error, 15, 8);
        fputs("\"\n", fp);
    }
    if (f->hint) {
        fprintf(fp, "    %sfix:%s ", col(opts, C_DIM), col(opts, C_RESET));
        put_safe_wrapped(fp, f->hint, 9, 8);
        fputc('\n', fp);
    }
}

static int render(FILE *fp, samlcheck_report *const *reports, size_t n,
                  const samlcheck_render_options *opts, size_t *acc)
{
    size_t tot[3] = {0, 0, 0}, group_end = 0;
    for (size_t i = 0; i < n; i++) {
        samlcheck_report *r = reports[i];
        json_t *sum = sc_report_summary(r);
        char *cap = capture_name(r), *shortl = NULL;
        /* a capture's responses: an index first, then each under its heading */
        if (cap && i >= group_end) {
            size_t e = i + 1;
            for (char *o; e < n && (o = capture_name(reports[e])) != NULL; e++) {
                int same = !strcmp(o, cap);
                free(o);
                if (!same)
                    break;
            }
            group_end = e;
            if (!opts->quiet && e - i > 1)
                print_index(fp, reports, i, e, cap, opts);
        }
        if (cap) { /* "c.har#3", or "c.har#3 (SAMLResponse #2 of 2)" for one of several */
            const char *k = strstr(samlcheck_report_input(r), ", SAMLResponse #");
            int kl = k ? (int)strcspn(k + 2, ")") : 0;
            shortl = sc_asprintf("%s#%" JSON_INTEGER_FORMAT "%s%.*s%s", cap, capture_entry(r),
                                 k ? " (" : "", kl, k ? k + 2 : "", k ? ")" : "");
        }
        const char *label = shortl ? shortl : samlcheck_report_input(r);
        if (!opts->quiet) {
            fputs(col(opts, C_BOLD), fp);
            char *head =
                sc_asprintf("%s (%s)", samlcheck_report_input(r), samlcheck_report_kind(r));
            put_safe_wrapped(fp, head ? head : samlcheck_report_input(r), 0, 4);
            free(head);
            fprintf(fp, "%s\n", col(opts, C_RESET));
            const char *k;
            json_t *v;
            json_object_foreach(sum, k, v) print_value(fp, k, v, 2);
            fputc('\n', fp);
        }
        int dec = decoded(r);
        for (size_t j = 0; j < samlcheck_report_count(r); j++) {
            const samlcheck_finding *f = samlcheck_report_at(r, j);
            tot[f->severity]++;
            print_finding(fp, r, f, label, dec, opts);
        }
        if (!opts->quiet && samlcheck_report_count(r) == 0) {
            put_safe(fp, label);
            fputs(": no findings\n", fp);
        }
        if (!opts->quiet || samlcheck_report_count(r))
            fputc('\n', fp);
        free(cap);
        free(shortl);
    }
    if (acc) {
        for (int k = 0; k < 3; k++)
            acc[k] += tot[k];
        return ferror(fp) ? SAMLCHECK_EIO : 0;
    }
    return sc_render_text_totals(fp, tot, n);
}

int sc_render_text_totals(FILE *fp, const size_t tot[3], size_t n)
{
    fprintf(fp, "%zu error(s), %zu warning(s), %zu info in %zu input(s)\n",
            tot[SAMLCHECK_SEV_ERROR], tot[SAMLCHECK_SEV_WARNING], tot[SAMLCHECK_SEV_INFO], n);
    return ferror(fp) ? SAMLCHECK_EIO : 0;
}

int sc_render_text_part(FILE *fp, samlcheck_report *const *reports, size_t n,
                        const samlcheck_render_options *opts, size_t width, size_t tot[3])
{
    samlcheck_render_options dflt = SAMLCHECK_RENDER_OPTIONS_INIT;
    size_t saved = limit;
    limit = width;
    int rc = render(fp, reports, n, opts ? opts : &dflt, tot);
    limit = saved;
    return rc;
}

int sc_render_text_width(FILE *fp, samlcheck_report *const *reports, size_t n,
                         const samlcheck_render_options *opts, size_t width)
{
    samlcheck_render_options dflt = SAMLCHECK_RENDER_OPTIONS_INIT;
    size_t saved = limit;
    limit = width;
    int rc = render(fp, reports, n, opts ? opts : &dflt, NULL);
    limit = saved;
    return rc;
}

int samlcheck_render_text(FILE *fp, samlcheck_report *const *reports, size_t n,
                          const samlcheck_render_options *opts)
{
    if (!fp || (!reports && n))
        return SAMLCHECK_EINVAL;
    return sc_render_text_width(fp, reports, n, opts, SC_TEXT_WIDTH);
}
