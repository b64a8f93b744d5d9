/* `samlcheck show INPUT...`: decode each input (raw XML, base64, form body,
 * HAR, SAML-tracer export) and print every response document it holds as
 * decoded, with line numbers (the lines findings on decoded input cite),
 * after a line naming it and the decoder used; with --key, each
 * EncryptedAssertion decrypted; with --redact, personal values hashed. No
 * checks, no verdict: exit 0, or 2 when an input cannot be read or decoded
 * (its input/... finding goes to stderr). */
#include "cli.h"
#include "../input/input.h"
#include "../xml/xml.h"
#include "../crypto/crypto.h"
#include "../check/attributes.h"
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

/* --redact on the document: the NameID and the values of the
 * RoleSessionName, SourceIdentity and PrincipalTag attributes become tags,
 * e-mail-like words and URL query strings in any other text or attribute
 * value too (src/report/redact.c). Certificates and ARNs stay. */
static int personal_attribute(const xmlNode *n)
{
    xmlChar *name = xmlGetProp(n, BAD_CAST "Name");
    const char *a = (const char *)name;
    int yes = a && (!strcmp(a, SC_AWS_ATTR_RSN) || !strcmp(a, SC_AWS_ATTR_SI) ||
                    sc_str_starts(a, SC_AWS_ATTR_TAG));
    xmlFree(name);
    return yes;
}

static int redact_tree(xmlNode *n, int whole)
{
    int rc = 0;
    for (; n && !rc; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            int w = whole || !strcmp((const char *)n->name, "NameID") ||
                    (!strcmp((const char *)n->name, "Attribute") && personal_attribute(n));
            for (xmlAttr *a = n->properties; a && !rc; a = a->next)
                rc = redact_tree(a->children, 0);
            rc = rc ? rc : redact_tree(n->children, w);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)n->content;
            char tag[SC_REDACT_TAG_LEN + 1];
            char *v = NULL;
            size_t len = t ? strlen(t) : 0, sp = 0;
            while (sp < len && strchr(" \t\r\n", t[sp]))
                sp++;
            if (sp == len)
                continue;
            if (whole) {
                sc_redact_tag(t, len, tag);
                xmlNodeSetContent(n, BAD_CAST tag);
            } else if ((v = sc_redact_text(t, &rc)) != NULL) {
                if (strcmp(v, t))
                    xmlNodeSetContent(n, BAD_CAST v);
                free(v);
            }
        }
    }
    return rc ? SAMLCHECK_ENOMEM : 0;
}

/* Lines of @p d with their numbers from @p line on. */
static void print_numbered(FILE *out, const unsigned char *d, size_t len, long line)
{
    const unsigned char *p = d, *end = d + len;
    while (p < end) {
        const unsigned char *e = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((e ? e : end) - p);
        if (n && p[n - 1] == '\r')
            n--;
        fprintf(out, "%5ld  ", line++);
        put_document(out, p, n);
        fputc('\n', out);
        p = e ? e + 1 : end;
    }
}

/* --key: each EncryptedAssertion decrypted, as the checks see it (its own
 * numbered lines: findings on the decrypted assertion cite them). */
static int show_decrypted(FILE *out, xmlDocPtr doc, const samlcheck_options *o, int redact,
                          samlcheck_report *scratch)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    int rc = 0;
    for (xmlNode *n = root ? root->children : NULL; n && !rc; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || !sc_xml_is(n, SC_NS_SAML, "EncryptedAssertion"))
            continue;
        xmlDocPtr dec = NULL;
        xmlNode *A = NULL;
        size_t before = samlcheck_report_count(scratch);
        rc = sc_decrypt_assertion(&dec, &A, n, o, scratch, NULL);
        if (!rc && dec && A) {
            xmlBufferPtr b = xmlBufferCreate();
            if (redact)
                rc = redact_tree(A, 0);
            if (!rc && (!b || xmlNodeDump(b, dec, A, 0, 0) < 0))
                rc = SAMLCHECK_ENOMEM;
            if (!rc) {
                fprintf(out, "\n==> the EncryptedAssertion of line %ld, decrypted%s:\n",
                        xmlGetLineNo(n), redact ? " (personal values redacted)" : "");
                print_numbered(out, xmlBufferContent(b), (size_t)xmlBufferLength(b), 1);
            }
            xmlBufferFree(b);
        } else if (!rc) {
            fprintf(stderr,
                    "samlcheck show: the EncryptedAssertion of line %ld was not "
                    "decrypted:\n",
                    xmlGetLineNo(n));
            for (size_t i = before; i < samlcheck_report_count(scratch); i++) {
                fprintf(stderr, "  [%s] ", samlcheck_report_at(scratch, i)->rule);
                put_safe(stderr, samlcheck_report_at(scratch, i)->message);
                fputc('\n', stderr);
            }
        }
        xmlFreeDoc(dec);
    }
    return rc;
}

/* One decoded document: header, then the XML indented by libxml2's
 * formatted dump. A document that does not parse is printed as decoded. */
/* The heading of one item: its label, encoding and size, where it was
 * posted and its RelayState (already redacted when @p redact). */
static void print_item_head(FILE *out, const sc_input_item *it, const char *label, const char *url,
                            const char *relay, int redact)
{
    fputs("==> ", out);
    put_safe(out, label);
    fprintf(out, " (encoding: %s, %zu bytes", it->encoding ? it->encoding : "xml", it->xml_len);
    if (it->encoded_len)
        fprintf(out, ", %zu base64 characters", it->encoded_len);
    fputs(redact ? "; personal values redacted)\n" : ")\n", out);
    if (url) {
        fputs("    posted to: ", out);
        put_safe(out, url);
        fputc('\n', out);
    }
    if (relay) {
        fputs("    RelayState: ", out);
        put_safe(out, relay);
        fputc('\n', out);
    }
}

/* The redacted document, numbered: the prolog lines as decoded, then the
 * tree. */
static int print_redacted(FILE *out, xmlDocPtr doc, const sc_input_item *it)
{
    /* the redacted tree, serialised without reformatting so that its
     * lines stay those of the decoded document (a start tag spread over
     * several lines is joined, which can shift the lines after it) */
    xmlNode *root = xmlDocGetRootElement(doc);
    long first = root ? xmlGetLineNo(root) : 1;
    xmlBufferPtr b = xmlBufferCreate();
    if (!b || (root && xmlNodeDump(b, doc, root, 0, 0) < 0)) {
        xmlBufferFree(b);
        return SAMLCHECK_ENOMEM;
    }
    /* the prolog lines before the root as decoded (declaration, comments) */
    const unsigned char *p = it->xml, *end = it->xml + it->xml_len;
    long line = 1;
    for (; line < first && p < end; line++) {
        const unsigned char *e = memchr(p, '\n', (size_t)(end - p));
        fprintf(out, "%5ld  ", line);
        put_document(out, p, (size_t)((e ? e : end) - p));
        fputc('\n', out);
        p = e ? e + 1 : end;
    }
    print_numbered(out, xmlBufferContent(b), (size_t)xmlBufferLength(b), line);
    xmlBufferFree(b);
    return 0;
}

static int show_item(FILE *out, const sc_input_item *it, const samlcheck_options *o, int redact)
{
    samlcheck_report *scratch = NULL;
    xmlDocPtr doc = NULL;
    char *label = NULL, *url = NULL, *relay = NULL;
    int rc = samlcheck_report_new(&scratch, it->label, "response");
    if (rc)
        return rc;
    label = redact ? sc_redact_text(it->label, &rc) : sc_strdup(it->label);
    url = it->post_url ? (redact ? sc_redact_text(it->post_url, &rc) : sc_strdup(it->post_url))
                       : NULL;
    if (it->relay_state && redact && !strstr(it->relay_state, "://")) {
        relay = malloc(SC_REDACT_TAG_LEN + 1);
        if (relay)
            sc_redact_tag(it->relay_state, strlen(it->relay_state), relay);
    } else if (it->relay_state) {
        relay = redact ? sc_redact_text(it->relay_state, &rc) : sc_strdup(it->relay_state);
    }
    if (rc || !label || (it->post_url && !url) || (it->relay_state && !relay)) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    print_item_head(out, it, label, url, relay, redact);
    rc = sc_xml_parse(&doc, it->xml, it->xml_len, "response", &o->limits, NULL, scratch);
    if (rc)
        goto out;
    if (doc && redact && (rc = redact_tree(xmlDocGetRootElement(doc), 0)))
        goto out;
    if (!doc && redact) {
        fputs("samlcheck show: ", stderr);
        put_safe(stderr, label);
        fputs(": the decoded document is not well-formed XML, so its personal values cannot "
              "be found: not shown with --redact\n",
              stderr);
    } else if (doc && redact) {
        if ((rc = print_redacted(out, doc, it)))
            goto out;
    } else if (doc) {
        /* the document as decoded, numbered: the lines findings cite */
        print_numbered(out, it->xml, it->xml_len, 1);
    } else {
        fputs("samlcheck show: ", stderr);
        put_safe(stderr, it->label);
        fputs(": the decoded document is not well-formed XML; printed as decoded\n", stderr);
        for (size_t i = 0; i < samlcheck_report_count(scratch); i++) {
            fprintf(stderr, "  [%s] ", samlcheck_report_at(scratch, i)->rule);
            put_safe(stderr, samlcheck_report_at(scratch, i)->message);
            fputc('\n', stderr);
        }
        print_numbered(out, it->xml, it->xml_len, 1);
    }
    if (doc && o->keys && (rc = show_decrypted(out, doc, o, redact, scratch)))
        goto out;
out:
    free(label);
    free(url);
    free(relay);
    xmlFreeDoc(doc);
    samlcheck_report_free(scratch);
    return rc;
}

/* Show input @p i of @p o: the findings of reading and decoding it, then
 * its items (separated from the previous ones by a blank line). An input
 * that cannot be read, or whose findings say it cannot be shown, sets
 * *status to 2 and the command goes on. Returns 0, or the error (out of
 * memory, a failed write) that stops the command. */
static int show_input(FILE *out, const cli_opts *o, size_t i, int *status)
{
    const char *path = o->inputs[i];
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_report *r = NULL;
    sc_input_list l = {NULL, 0};
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = samlcheck_input_read_file(&data, &len, path, o->check.max_input_bytes, &err);
    if (rc == SAMLCHECK_READ_UNREADABLE || rc == SAMLCHECK_READ_TOO_LARGE) {
        fputs("samlcheck show: ", stderr);
        put_safe(stderr, path);
        fprintf(stderr, ": error [%s]: ",
                rc == SAMLCHECK_READ_TOO_LARGE ? "input/too-large" : "input/unreadable");
        put_safe(stderr, err.message);
        fputc('\n', stderr);
        *status = 2;
        return 0;
    }
    if (!rc && strcmp(path, "-") == 0 && cli_paste_check(o, "show", data, len)) {
        free(data);
        *status = 2;
        return 0;
    }
    if (!rc)
        rc = samlcheck_report_new(&r, path, "response");
    if (!rc)
        rc = sc_input_decode(&l, path, data, len, &o->check, r);
    if (!rc)
        rc = sc_xml_unwrap_soap(&l, &o->check.limits, r);
    if (!rc && o->redact)
        rc = samlcheck_report_redact(r);
    if (!rc && print_input_findings(r))
        *status = 2;
    for (size_t k = 0; !rc && k < l.n; k++) {
        if (k || i)
            fputc('\n', out);
        rc = show_item(out, &l.items[k], &o->check, o->redact);
    }
    sc_input_list_free(&l);
    samlcheck_report_free(r);
    free(data);
    return rc;
}

int cmd_show(int argc, char **argv)
{
    cli_opts o;
    FILE *out = stdout;
    samlcheck_keyset *ks = NULL;
    int status = cli_parse(&o, argc - 1, argv + 1, "show");
    if (status)
        return status;
    cli_default_input(&o, "show");
    if (samlcheck_global_init()) {
        fprintf(stderr, "samlcheck: cannot initialise libxml2/xmlsec/OpenSSL\n");
        return 2;
    }
    if (o.n_keys && (status = cli_load_keys(&o, &ks)))
        goto out;
    o.check.keys = ks;
    if (o.output && !(out = fopen(o.output, "w"))) {
        fputs("samlcheck show: cannot write ", stderr);
        put_safe(stderr, o.output);
        fputc('\n', stderr);
        status = 2;
        goto out;
    }
    for (size_t i = 0; i < o.n_inputs; i++) {
        int rc = show_input(out, &o, i, &status);
        if (rc) {
            fputs("samlcheck show: ", stderr);
            put_safe(stderr, o.inputs[i]);
            fprintf(stderr, ": %s\n",
                    rc == SAMLCHECK_ENOMEM ? "out of memory" : "cannot write the output");
            status = 2;
            goto out;
        }
    }
out:
    if (out != stdout && out && fclose(out) != 0)
        status = 2;
    samlcheck_keyset_free(ks);
    samlcheck_global_cleanup();
    cli_opts_free(&o);
    return status;
}
