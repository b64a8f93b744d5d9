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

static const char *col(const samlcheck_render_options *o, const char *c)
{
    return o->color ? c : "";
}

/* Words that read better in capitals. */
static const char *const acronyms[][2] = {
    {"id", "ID"},   {"sso", "SSO"}, {"sha1", "SHA-1"}, {"sha256", "SHA-256"},
    {"arn", "ARN"}, {"url", "URL"}, {"xml", "XML"},    {"har", "HAR"},
    {"aws", "AWS"}, {"rsa", "RSA"}, {"oaep", "OAEP"},  {"mgf1", "MGF1"},
    {"ec", "EC"},   {"pem", "PEM"}, {"der", "DER"},    {"c14n", "C14N"},
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

static void print_key(FILE *fp, const char *k, int indent)
{
    fprintf(fp, "%*s", indent, "");
    put_key(fp, k, 0);
    fputs(":", fp);
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

static int is_scalar(json_t *v)
{
    return !json_is_object(v) && !json_is_array(v);
}

/* An array of objects becomes a table with the first object's keys as
 * columns. */
static void print_table(FILE *fp, json_t *arr, int indent)
{
    json_t *first = json_array_get(arr, 0);
    const char *key;
    json_t *v;
    size_t ncol = json_object_size(first), c = 0;
    size_t width[16] = {0};
    if (ncol > 16)
        ncol = 16;
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
    fprintf(fp, "%*s", indent, "");
    c = 0;
    json_object_foreach(first, key, v)
    {
        if (c >= ncol)
            break;
        put_key(fp, key, 1);
        fprintf(fp, "%*s", (int)(width[c] - key_width(key) + 2), "");
        c++;
    }
    fputc('\n', fp);
    json_array_foreach(arr, i, row)
    {
        fprintf(fp, "%*s", indent, "");
        c = 0;
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
            fprintf(fp, "%s%*s", s, (int)(w + 2), "");
            free(esc);
            c++;
        }
        fputc('\n', fp);
    }
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
            put_safe(fp, json_string_value(t));
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
        print_key(fp, key, indent);
        fputc(' ', fp);
        print_scalar(fp, v);
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

int samlcheck_render_text(FILE *fp, samlcheck_report *const *reports, size_t n,
                          const samlcheck_render_options *opts)
{
    samlcheck_render_options dflt = SAMLCHECK_RENDER_OPTIONS_INIT;
    if (!opts)
        opts = &dflt;
    size_t tot[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        samlcheck_report *r = reports[i];
        json_t *sum = samlcheck_report_summary(r);
        if (!opts->quiet) {
            fputs(col(opts, C_BOLD), fp);
            put_safe(fp, samlcheck_report_input(r));
            fprintf(fp, "%s (%s)\n", col(opts, C_RESET), samlcheck_report_kind(r));
            const char *k;
            json_t *v;
            json_object_foreach(sum, k, v) print_value(fp, k, v, 2);
            fputc('\n', fp);
        }
        for (size_t j = 0; j < samlcheck_report_count(r); j++) {
            const samlcheck_finding *f = samlcheck_report_at(r, j);
            const char *c = f->severity == SAMLCHECK_SEV_ERROR     ? C_RED
                            : f->severity == SAMLCHECK_SEV_WARNING ? C_YELLOW
                                                                   : C_CYAN;
            tot[f->severity]++;
            fputs(col(opts, C_BOLD), fp);
            put_safe(fp, samlcheck_report_input(r));
            if (f->line > 0)
                fprintf(fp, ":%d", f->line);
            if (f->line > 0 && f->column > 0)
                fprintf(fp, ":%d", f->column);
            fprintf(fp, ":%s %s%s%s [%s]%s %s", col(opts, C_RESET), col(opts, c),
                    samlcheck_severity_name(f->severity), col(opts, C_RESET), f->rule,
                    f->untrusted ? " (untrusted content)" : "", "");
            put_safe(fp, f->message);
            fputc('\n', fp);
            if (f->location) {
                fprintf(fp, "    %sat:%s ", col(opts, C_DIM), col(opts, C_RESET));
                put_safe(fp, f->location);
                fputc('\n', fp);
            }
            if (f->aws_error)
                fprintf(fp, "    %sAWS says:%s \"%s\"\n", col(opts, C_DIM), col(opts, C_RESET),
                        f->aws_error);
            if (f->hint) {
                fprintf(fp, "    %sfix:%s ", col(opts, C_DIM), col(opts, C_RESET));
                put_safe(fp, f->hint);
                fputc('\n', fp);
            }
        }
        if (!opts->quiet && samlcheck_report_count(r) == 0) {
            put_safe(fp, samlcheck_report_input(r));
            fputs(": no findings\n", fp);
        }
        if (!opts->quiet || samlcheck_report_count(r))
            fputc('\n', fp);
    }
    if (!opts->quiet)
        fprintf(fp, "%zu error(s), %zu warning(s), %zu info in %zu input(s)\n",
                tot[SAMLCHECK_SEV_ERROR], tot[SAMLCHECK_SEV_WARNING], tot[SAMLCHECK_SEV_INFO], n);
    return ferror(fp) ? SAMLCHECK_EIO : 0;
}
