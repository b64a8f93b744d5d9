/* `samlcheck show INPUT...`: decode each input (raw XML, base64, form body,
 * HAR, SAML-tracer export) and print every response document it holds,
 * pretty-printed, after a line naming it and the decoder used. No checks,
 * no verdict: exit 0, or 2 when an input cannot be read or decoded (its
 * input/... finding goes to stderr). */
#include "cli.h"
#include "../input/input.h"
#include "../xml/xml.h"
#include "../base/base.h"
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text from the input (a file name, a URL from a HAR, a message quoting
 * them) written to the terminal with control, invisible and bidi
 * characters shown as <U+XXXX>. */
static void put_safe(FILE *fp, const char *s)
{
    char *e = sc_str_escape(s, 0);
    fputs(e ? e : "?", fp);
    free(e);
}

/* Document bytes written to the terminal: printable text and TAB/LF/CR as
 * they are; C0/C1 controls, DEL, bidi controls and invisible characters
 * as XML character references (&#x202E;), which keeps the XML equivalent;
 * bytes that are not UTF-8 as \xNN. */
static void put_document(FILE *fp, const unsigned char *d, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = sc_utf8_decode(d + i, n - i, &cp);
        int plain =
            k && (!sc_is_display_unsafe(cp) || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r');
        if (plain) {
            i += k;
            run += k;
            continue;
        }
        fwrite(d + i - run, 1, run, fp);
        run = 0;
        if (k)
            fprintf(fp, "&#x%X;", (unsigned)cp);
        else
            fprintf(fp, "\\x%02X", d[i]);
        i += k ? k : 1;
    }
    fwrite(d + i - run, 1, run, fp);
}

/* Print the input/... findings of a report to stderr; returns 1 when the
 * report is fatal. */
static int print_input_findings(const samlcheck_report *r)
{
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (strncmp(f->rule, "input/", 6) != 0)
            continue;
        fputs("samlcheck show: ", stderr);
        put_safe(stderr, samlcheck_report_input(r));
        fprintf(stderr, ": %s [%s]: ", samlcheck_severity_name(f->severity), f->rule);
        put_safe(stderr, f->message);
        fputc('\n', stderr);
        if (f->severity != SAMLCHECK_SEV_INFO && f->hint) {
            fputs("  fix: ", stderr);
            put_safe(stderr, f->hint);
            fputc('\n', stderr);
        }
    }
    return samlcheck_report_is_fatal(r);
}

/* One decoded document: header, then the XML indented by libxml2's
 * formatted dump. A document that does not parse is printed as decoded. */
static int show_item(FILE *out, const sc_input_item *it, const samlcheck_options *o)
{
    samlcheck_report *scratch = NULL;
    xmlDocPtr doc = NULL;
    int rc = samlcheck_report_new(&scratch, it->label, "response");
    if (rc)
        return rc;
    fputs("==> ", out);
    put_safe(out, it->label);
    fprintf(out, " (encoding: %s, %zu bytes", it->encoding ? it->encoding : "xml", it->xml_len);
    if (it->encoded_len)
        fprintf(out, ", %zu base64 characters", it->encoded_len);
    fputs(")\n", out);
    if (it->post_url) {
        fputs("    posted to: ", out);
        put_safe(out, it->post_url);
        fputc('\n', out);
    }
    if (it->relay_state) {
        fputs("    RelayState: ", out);
        put_safe(out, it->relay_state);
        fputc('\n', out);
    }
    rc = sc_xml_parse(&doc, it->xml, it->xml_len, "response", &o->limits, NULL, scratch);
    if (rc)
        goto out;
    if (doc) {
        /* formatted output re-indents only between elements: text is kept */
        xmlChar *mem = NULL;
        int mlen = 0;
        xmlDocDumpFormatMemory(doc, &mem, &mlen, 1);
        if (!mem || mlen < 0) {
            rc = SAMLCHECK_ENOMEM;
        } else {
            put_document(out, mem, (size_t)mlen);
            if (ferror(out))
                rc = SAMLCHECK_EIO;
        }
        xmlFree(mem);
    } else {
        fputs("samlcheck show: ", stderr);
        put_safe(stderr, it->label);
        fputs(": the decoded document is not well-formed XML; printed as decoded\n", stderr);
        for (size_t i = 0; i < samlcheck_report_count(scratch); i++) {
            fprintf(stderr, "  [%s] ", samlcheck_report_at(scratch, i)->rule);
            put_safe(stderr, samlcheck_report_at(scratch, i)->message);
            fputc('\n', stderr);
        }
        put_document(out, it->xml, it->xml_len);
        if (it->xml_len && it->xml[it->xml_len - 1] != '\n')
            fputc('\n', out);
    }
out:
    xmlFreeDoc(doc);
    samlcheck_report_free(scratch);
    return rc;
}

int cmd_show(int argc, char **argv)
{
    cli_opts o;
    FILE *out = stdout;
    int status = cli_parse(&o, argc - 1, argv + 1, "show");
    if (status)
        return status;
    if (o.n_inputs == 0) {
        fprintf(stderr, "samlcheck show: no input given\nTry 'samlcheck --help'.\n");
        return 2;
    }
    if (samlcheck_global_init()) {
        fprintf(stderr, "samlcheck: cannot initialise libxml2/xmlsec/OpenSSL\n");
        return 2;
    }
    if (o.output && !(out = fopen(o.output, "w"))) {
        fputs("samlcheck show: cannot write ", stderr);
        put_safe(stderr, o.output);
        fputc('\n', stderr);
        status = 2;
        goto out;
    }
    for (size_t i = 0; i < o.n_inputs; i++) {
        const char *path = o.inputs[i];
        unsigned char *data = NULL;
        size_t len = 0;
        samlcheck_report *r = NULL;
        sc_input_list l = {NULL, 0};
        samlcheck_error err;
        samlcheck_error_clear(&err);
        int rc = samlcheck_input_read_file(&data, &len, path, o.check.max_input_bytes, &err);
        if (rc == SAMLCHECK_READ_UNREADABLE || rc == SAMLCHECK_READ_TOO_LARGE) {
            fputs("samlcheck show: ", stderr);
            put_safe(stderr, path);
            fprintf(stderr, ": error [%s]: ",
                    rc == SAMLCHECK_READ_TOO_LARGE ? "input/too-large" : "input/unreadable");
            put_safe(stderr, err.message);
            fputc('\n', stderr);
            status = 2;
            continue;
        }
        if (!rc)
            rc = samlcheck_report_new(&r, path, "response");
        if (!rc)
            rc = sc_input_decode(&l, path, data, len, &o.check, r);
        if (!rc)
            rc = sc_xml_unwrap_soap(&l, &o.check.limits, r);
        if (!rc && print_input_findings(r))
            status = 2;
        for (size_t k = 0; !rc && k < l.n; k++) {
            if (k || i)
                fputc('\n', out);
            rc = show_item(out, &l.items[k], &o.check);
        }
        sc_input_list_free(&l);
        samlcheck_report_free(r);
        free(data);
        if (rc) {
            fputs("samlcheck show: ", stderr);
            put_safe(stderr, path);
            fprintf(stderr, ": %s\n",
                    rc == SAMLCHECK_ENOMEM ? "out of memory" : "cannot write the output");
            status = 2;
            goto out;
        }
    }
out:
    if (out != stdout && out && fclose(out) != 0)
        status = 2;
    samlcheck_global_cleanup();
    return status;
}
