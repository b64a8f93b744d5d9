/* The only libxml2 parse call in samlcheck. Untrusted input: no DTD is
 * loaded or accepted (a DOCTYPE stops the parser before its internal subset
 * is read), entities are never substituted, the network is never touched
 * (XML_PARSE_NONET, and the global entity loader refuses everything, see
 * crypto/init.c), and depth, element count, attribute count and value sizes
 * are bounded while parsing (RULES.md sec/limits). */
#include "xml.h"
#include "../base/base.h"
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <stdlib.h>
#include <string.h>

static int is_metadata(const char *kind)
{
    return kind && strcmp(kind, "metadata") == 0;
}

static const char *aws_parse(const char *kind)
{
    return is_metadata(kind) ? "Could not parse metadata." : NULL;
}

/* Line and column of byte offset @p off. */
static void line_col(const unsigned char *d, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        if (d[i] == '\n') {
            l++;
            c = 1;
        } else if ((d[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The encoding named in the XML declaration, if any (malloc'd). */
static char *declared_encoding(const unsigned char *d, size_t len)
{
    if (len < 6 || memcmp(d, "<?xml", 5) != 0)
        return NULL;
    size_t end = 5;
    while (end + 1 < len && !(d[end] == '?' && d[end + 1] == '>') && end < 512)
        end++;
    const char *p = NULL;
    for (size_t i = 5; i + 8 < end; i++)
        if (memcmp(d + i, "encoding", 8) == 0) {
            p = (const char *)d + i + 8;
            break;
        }
    if (!p)
        return NULL;
    const char *lim = (const char *)d + end;
    while (p < lim && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p >= lim || *p != '=')
        return NULL;
    p++;
    while (p < lim && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
    if (p >= lim || (*p != '"' && *p != '\''))
        return NULL;
    char q = *p++;
    const char *s = p;
    while (p < lim && *p != q)
        p++;
    return p < lim ? sc_strndup(s, (size_t)(p - s)) : NULL;
}

int sc_xml_bytecheck(sc_xml_bytes *out, const unsigned char *d, size_t len, const char *kind,
                     samlcheck_report *r)
{
    int md = is_metadata(kind);
    samlcheck_severity sev = md ? SAMLCHECK_SEV_ERROR : SAMLCHECK_SEV_WARNING;
    const char *aws = aws_parse(kind);
    const char *bom = NULL;
    int wide = 0;
    int rc = 0;
    memset(out, 0, sizeof *out);

    if (len >= 4 && !memcmp(d, "\x00\x00\xFE\xFF", 4)) {
        bom = "UTF-32 big-endian (00 00 FE FF)";
        wide = 4;
    } else if (len >= 4 && !memcmp(d, "\xFF\xFE\x00\x00", 4)) {
        bom = "UTF-32 little-endian (FF FE 00 00)";
        wide = 4;
    } else if (len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) {
        bom = "UTF-8 (EF BB BF)";
        out->bom_len = 3;
    } else if (len >= 2 && !memcmp(d, "\xFE\xFF", 2)) {
        bom = "UTF-16 big-endian (FE FF)";
        wide = 2;
    } else if (len >= 2 && !memcmp(d, "\xFF\xFE", 2)) {
        bom = "UTF-16 little-endian (FF FE)";
        wide = 2;
    }
    if (bom) {
        /* Microsoft Entra ID (Azure AD) serves its federation metadata with
         * a UTF-8 BOM: the usual origin of this finding (issue 7 item 10). */
        int entra = md && out->bom_len == 3;
        out->bom = 1;
        rc = sc_report_addx(
            r, SC_RULE_XML_BOM, sev, aws,
            entra ? "save the file as UTF-8 without BOM (for example \"UTF-8\" rather than "
                    "\"UTF-8 with BOM\" in the editor, or `sed -i '1s/^\\xEF\\xBB\\xBF//'`). "
                    "Federation metadata downloaded from Microsoft Entra ID (Azure AD) starts "
                    "with this BOM: remove it before uploading the file to IAM."
                  : NULL,
            SC_POS_LINE(1), "the document starts with a %s byte-order mark%s", bom,
            entra ? " (as the federation metadata downloaded from Microsoft Entra ID / Azure AD "
                    "does)"
                  : "");
        if (rc)
            return rc;
    }
    if (!wide && len >= 4 && ((d[0] == 0 && d[1] == '<') || (d[0] == '<' && d[1] == 0)))
        wide = 2; /* UTF-16 without BOM */
    if (wide) {
        out->not_utf8 = 1;
        return sc_report_addx(r, SC_RULE_XML_NOT_UTF8, sev, aws, NULL, SC_POS_LINE(1),
                              "the document is encoded in UTF-%d, not UTF-8", wide * 8);
    }
    /* Validate UTF-8 over the whole buffer. */
    size_t i = out->bom_len, chars = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = sc_utf8_decode(d + i, len - i, &cp);
        if (n == 0) {
            int l, c;
            line_col(d, i, &l, &c);
            out->not_utf8 = 1;
            rc = sc_report_addx(r, SC_RULE_XML_NOT_UTF8, sev, aws, NULL, (sc_pos){l, c, NULL},
                                "invalid UTF-8 byte 0x%02X at byte offset %zu", d[i], i);
            break;
        }
        i += n;
        chars++;
    }
    out->chars = chars;
    if (rc)
        return rc;
    char *enc = declared_encoding(d + out->bom_len, len - out->bom_len);
    if (enc && !sc_str_ieq(enc, "UTF-8") && !sc_str_ieq(enc, "UTF8")) {
        rc = sc_report_addx(r, SC_RULE_XML_NOT_UTF8, sev, aws, NULL, SC_POS_LINE(1),
                            "the XML declaration names encoding \"%s\", not UTF-8", enc);
        out->not_utf8 = 1;
    }
    free(enc);
    return rc;
}

/* Parser state shared with the SAX hooks through ctxt->_private. */
typedef struct parse_state {
    const samlcheck_limits *lim;
    unsigned depth;
    unsigned elements;
    int dtd;
    const char *limit_what; /* static text of the exceeded limit */
    unsigned long limit_value;
    int limit_line;
    int err_line, err_col;
    char err_msg[256];
    int have_err;
    int oom; /* libxml2 ran out of memory: not a property of the document */
    startElementNsSAX2Func start;
    endElementNsSAX2Func end;
} parse_state;

static parse_state *state_of(void *ctx)
{
    return (parse_state *)((xmlParserCtxtPtr)ctx)->_private;
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    parse_state *st = state_of(ctx);
    st->dtd = xmlSAX2GetLineNumber(ctx) ? xmlSAX2GetLineNumber(ctx) : 1;
    xmlStopParser((xmlParserCtxtPtr)ctx);
}

static void stop_limit(void *ctx, parse_state *st, const char *what, unsigned long v)
{
    if (!st->limit_what) {
        st->limit_what = what;
        st->limit_value = v;
        st->limit_line = xmlSAX2GetLineNumber(ctx);
    }
    xmlStopParser((xmlParserCtxtPtr)ctx);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    parse_state *st = state_of(ctx);
    if (st->limit_what)
        return;
    st->depth++;
    st->elements++;
    if (st->depth > st->lim->depth) {
        stop_limit(ctx, st, "element nesting depth", st->lim->depth);
        return;
    }
    if (st->elements > st->lim->elements) {
        stop_limit(ctx, st, "total number of elements", st->lim->elements);
        return;
    }
    if ((unsigned)(nb_attributes + nb_namespaces) > st->lim->attrs_per_elem) {
        stop_limit(ctx, st, "attributes per element", st->lim->attrs_per_elem);
        return;
    }
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar *v = attributes[i * 5 + 3], *e = attributes[i * 5 + 4];
        if ((size_t)(e - v) > st->lim->value_bytes) {
            stop_limit(ctx, st, "size of one attribute value (bytes)",
                       (unsigned long)st->lim->value_bytes);
            return;
        }
    }
    st->start(ctx, localname, prefix, URI, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
              attributes);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    parse_state *st = state_of(ctx);
    if (st->depth)
        st->depth--;
    st->end(ctx, localname, prefix, URI);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    if (!ctx || !e)
        return;
    parse_state *st = state_of(ctx);
    if (st && (e->code == XML_ERR_NO_MEMORY || e->domain == XML_FROM_MEMORY))
        st->oom = 1;
    if (!st || st->have_err || e->level < XML_ERR_ERROR || e->code == XML_ERR_USER_STOP)
        return;
    st->have_err = 1;
    st->err_line = e->line;
    st->err_col = e->int2;
    snprintf(st->err_msg, sizeof st->err_msg, "%s", e->message ? e->message : "parse error");
    size_t n = strlen(st->err_msg);
    while (n && (st->err_msg[n - 1] == '\n' || st->err_msg[n - 1] == ' '))
        st->err_msg[--n] = '\0';
}

/* After parsing: text node sizes (libxml2 has no per-node hook for them). */
static const xmlNode *oversized_text(const xmlNode *n, size_t max)
{
    for (; n; n = n->next) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
             n->type == XML_COMMENT_NODE) &&
            n->content && strlen((const char *)n->content) > max)
            return n;
        if (n->type == XML_ELEMENT_NODE) {
            const xmlNode *f = oversized_text(n->children, max);
            if (f)
                return f;
        }
    }
    return NULL;
}

static _Thread_local int g_oom;

void sc_xml_note_global_error(const xmlError *e)
{
    if (e && (e->code == XML_ERR_NO_MEMORY || e->domain == XML_FROM_MEMORY))
        g_oom = 1;
}

int sc_xml_parse(xmlDocPtr *out, const unsigned char *data, size_t len, const char *kind,
                 const samlcheck_limits *lim, const sc_xml_bytes *bytes, samlcheck_report *r)
{
    sc_xml_bytes local;
    samlcheck_limits dflt = SAMLCHECK_LIMITS_INIT;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    parse_state st;
    int rc = 0;

    *out = NULL;
    if (!lim)
        lim = &dflt;
    if (!bytes) {
        if ((rc = sc_xml_bytecheck(&local, data, len, kind, r)))
            return rc;
        bytes = &local;
    }
    if (len > (size_t)INT32_MAX)
        return sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_NONE, "document too large to parse");

    memset(&st, 0, sizeof st);
    st.lim = lim;
    ctxt = xmlCreateMemoryParserCtxt((const char *)data, (int)len);
    if (!ctxt)
        return SAMLCHECK_ENOMEM;
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
    ctxt->_private = &st;
    st.start = ctxt->sax->startElementNs;
    st.end = ctxt->sax->endElementNs;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->resolveEntity = NULL;
    ctxt->sax->serror = on_error;
    ctxt->sax->warning = NULL;
    ctxt->sax->error = NULL;
    ctxt->sax->fatalError = NULL;
    ctxt->loadsubset = 0;
    ctxt->replaceEntities = 0;
    ctxt->validate = 0;

    g_oom = 0;
    xmlParseDocument(ctxt);
    doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    /* An allocation failure inside libxml2 is our failure, never a finding
     * about the document (tests/alloc-fail.sh). */
    if (st.oom || g_oom || ctxt->errNo == XML_ERR_NO_MEMORY) {
        rc = SAMLCHECK_ENOMEM;
        goto fail;
    }
    const char *aws_malformed =
        is_metadata(kind)
            ? "Could not parse metadata."
            : "Your request included an invalid SAML response. To logout, click here.";

    if (st.dtd) {
        rc = sc_report_add(r, SC_RULE_XML_DTD, SC_POS_LINE(st.dtd),
                           "the document contains a <!DOCTYPE> declaration; it was not read "
                           "(no DTD, entity expansion or external subset), and the document "
                           "is not checked further");
        goto fail;
    }
    if (st.limit_what) {
        rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_LINE(st.limit_line),
                           "the %s exceeds the limit of %lu; checks on this document stop here",
                           st.limit_what, st.limit_value);
        goto fail;
    }
    if (!ctxt->wellFormed || !ctxt->nsWellFormed || !doc) {
        if (bytes->not_utf8 && st.have_err &&
            (strstr(st.err_msg, "encoding") || strstr(st.err_msg, "Char 0x") ||
             strstr(st.err_msg, "UTF-8")))
            goto fail; /* one root cause: already reported as xml/not-utf8 */
        rc = sc_report_addx(
            r, SC_RULE_XML_MALFORMED, SAMLCHECK_SEV_ERROR, aws_malformed, NULL,
            (sc_pos){st.have_err ? st.err_line : 0, st.have_err ? st.err_col : 0, NULL},
            "not well-formed XML: %s",
            st.have_err ? st.err_msg : (!ctxt->nsWellFormed ? "namespace error" : "parse error"));
        goto fail;
    }
    if (doc->version && strcmp((const char *)doc->version, "1.0") != 0) {
        rc = sc_report_addx(r, SC_RULE_XML_MALFORMED, SAMLCHECK_SEV_ERROR, aws_malformed, NULL,
                            SC_POS_LINE(1),
                            "the XML declaration says version=\"%s\"; only XML 1.0 is accepted",
                            (const char *)doc->version);
        goto fail;
    }
    if (doc->intSubset || doc->extSubset) {
        rc = sc_report_add(r, SC_RULE_XML_DTD, SC_POS_LINE(1), "the document has a DTD");
        goto fail;
    }
    const xmlNode *big = oversized_text(doc->children, lim->value_bytes);
    if (big) {
        rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_LINE(sc_xml_line(big)),
                           "a text value is larger than the limit of %zu bytes; checks on this "
                           "document stop here",
                           lim->value_bytes);
        goto fail;
    }
    xmlFreeParserCtxt(ctxt);
    *out = doc;
    return 0;
fail:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return rc;
}
