/* `samlcheck show INPUT...`: decode each input (raw XML, base64, form body,
 * HAR, SAML-tracer export) and print every response document it holds,
 * pretty-printed, after a line naming it and the decoder used. No checks,
 * no verdict: exit 0, or 2 when an input cannot be read or decoded (its
 * input/... finding goes to stderr). */
#include "cli.h"
#include "../input/input.h"
#include "../xml/xml.h"
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print the input/... findings of a report to stderr; returns 1 when the
 * report is fatal. */
static int print_input_findings(const samlcheck_report *r)
{
    for (size_t i = 0; i < samlcheck_report_count(r); i++) {
        const samlcheck_finding *f = samlcheck_report_at(r, i);
        if (strncmp(f->rule, "input/", 6) != 0)
            continue;
        fprintf(stderr, "samlcheck show: %s: %s [%s]: %s\n", samlcheck_report_input(r),
                samlcheck_severity_name(f->severity), f->rule, f->message);
        if (f->severity != SAMLCHECK_SEV_INFO && f->hint)
            fprintf(stderr, "  fix: %s\n", f->hint);
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
    fprintf(out, "==> %s (encoding: %s, %zu bytes", it->label, it->encoding ? it->encoding : "xml",
            it->xml_len);
    if (it->encoded_len)
        fprintf(out, ", %zu base64 characters", it->encoded_len);
    fputs(")\n", out);
    if (it->post_url)
        fprintf(out, "    posted to: %s\n", it->post_url);
    if (it->relay_state)
        fprintf(out, "    RelayState: %s\n", it->relay_state);
    rc = sc_xml_parse(&doc, it->xml, it->xml_len, "response", &o->limits, NULL, scratch);
    if (rc)
        goto out;
    if (doc) {
        /* formatted output re-indents only between elements: text is kept */
        if (xmlDocFormatDump(out, doc, 1) < 0)
            rc = SAMLCHECK_EIO;
    } else {
        fprintf(stderr,
                "samlcheck show: %s: the decoded document is not well-formed XML; "
                "printed as decoded\n",
                it->label);
        for (size_t i = 0; i < samlcheck_report_count(scratch); i++)
            fprintf(stderr, "  [%s] %s\n", samlcheck_report_at(scratch, i)->rule,
                    samlcheck_report_at(scratch, i)->message);
        fwrite(it->xml, 1, it->xml_len, out);
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
    cli_default_input(&o, "show");
    if (samlcheck_global_init()) {
        fprintf(stderr, "samlcheck: cannot initialise libxml2/xmlsec/OpenSSL\n");
        return 2;
    }
    if (o.output && !(out = fopen(o.output, "w"))) {
        fprintf(stderr, "samlcheck show: cannot write %s\n", o.output);
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
            fprintf(stderr, "samlcheck show: %s: error [%s]: %s\n", path,
                    rc == SAMLCHECK_READ_TOO_LARGE ? "input/too-large" : "input/unreadable",
                    err.message);
            status = 2;
            continue;
        }
        if (!rc && strcmp(path, "-") == 0 && cli_paste_check(&o, "show", data, len)) {
            free(data);
            status = 2;
            continue;
        }
        if (!rc)
            rc = samlcheck_report_new(&r, path, "response");
        if (!rc)
            rc = sc_input_decode(&l, path, data, len, &o.check, r);
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
            fprintf(stderr, "samlcheck show: %s: %s\n", path,
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
