/* The only libxml2 parse call in samlcheck. Untrusted input: no DTD is
 * loaded or accepted (a DOCTYPE stops the parser before its internal subset
 * is read), entities are never substituted, the network is never touched
 * (XML_PARSE_NONET, and the global entity loader refuses everything, see
 * crypto/init.c), and depth, element count, attribute count, namespace
 * declarations in scope and value sizes are bounded (RULES.md sec/limits):
 * the structural bounds by a linear pre-scan of what the parser will read,
 * before libxml2 reads it (its duplicate-attribute check is quadratic), and
 * again by the SAX hook. A response whose encoding defect stops the parse is
 * an xml/not-utf8 error, never a silent pass. */
#include "xml.h"
#include "../base/base.h"
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/encoding.h>
#include <stdarg.h>
#include <stdio.h>
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
    while (p < lim && sc_is_xml_space(*p))
        p++;
    if (p >= lim || *p != '=')
        return NULL;
    p++;
    while (p < lim && sc_is_xml_space(*p))
        p++;
    if (p >= lim || (*p != '"' && *p != '\''))
        return NULL;
    char q = *p++;
    const char *s = p;
    while (p < lim && *p != q)
        p++;
    return p < lim ? sc_strndup(s, (size_t)(p - s)) : NULL;
}

/* Whether @p enc names an encoding of 2 or 4 bytes per unit, in which a
 * document of single bytes cannot be read (see sc_xml_bytes.wide_label). */
static int wide_encoding_name(const char *enc)
{
    static const char *const wide[] = {"UTF-16", "UTF16", "UTF-32", "UTF32",         "UCS-2",
                                       "UCS2",   "UCS-4", "UCS4",   "ISO-10646-UCS-"};
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (sc_str_casestarts(enc, wide[i]))
            return 1;
    return 0;
}

/* What kind of defect the byte sequence at @p d is (for the message). */
static const char *utf8_what(const unsigned char *d, size_t n)
{
    if (d[0] == 0xED && n >= 2 && (d[1] & 0xE0) == 0xA0)
        return " (an encoded UTF-16 surrogate)";
    if (d[0] == 0xC0 || d[0] == 0xC1 || (d[0] == 0xE0 && n >= 2 && d[1] < 0xA0) ||
        (d[0] == 0xF0 && n >= 2 && d[1] < 0x90))
        return " (an overlong form)";
    if (d[0] >= 0xC2 && d[0] <= 0xF4) {
        size_t need = d[0] >= 0xF0 ? 4 : d[0] >= 0xE0 ? 3 : 2;
        if (n < need)
            return " (a sequence cut off by the end of the document)";
    }
    return "";
}

/* xml/not-utf8: reported now for metadata (always an error); for a response
 * kept pending in @p out until sc_xml_parse knows whether the document still
 * parses. Only the first defect is kept. */
static int not_utf8(sc_xml_bytes *out, int metadata, samlcheck_report *r, int line, int col,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
static int not_utf8(sc_xml_bytes *out, int metadata, samlcheck_report *r, int line, int col,
                    const char *fmt, ...)
{
    va_list ap;
    out->not_utf8 = 1;
    va_start(ap, fmt);
    vsnprintf(out->msg, sizeof out->msg, fmt, ap);
    va_end(ap);
    out->line = line;
    out->col = col;
    if (!metadata) {
        out->pending = 1;
        return 0;
    }
    return sc_report_addx(r, SC_RULE_XML_NOT_UTF8, SAMLCHECK_SEV_ERROR, aws_parse("metadata"), NULL,
                          (sc_pos){line, col, NULL}, "%s", out->msg);
}

/* The byte-order mark @p d starts with, described (NULL: none); a wide one
 * sets @p *wide to its code unit size, a UTF-8 one @p out->bom_len. */
static const char *find_bom(sc_xml_bytes *out, const unsigned char *d, size_t len, int *wide)
{
    if (len >= 4 && !memcmp(d, "\x00\x00\xFE\xFF", 4)) {
        *wide = 4;
        return "UTF-32 big-endian (00 00 FE FF)";
    }
    if (len >= 4 && !memcmp(d, "\xFF\xFE\x00\x00", 4)) {
        *wide = 4;
        return "UTF-32 little-endian (FF FE 00 00)";
    }
    if (len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3)) {
        out->bom_len = 3;
        return "UTF-8 (EF BB BF)";
    }
    if (len >= 2 && !memcmp(d, "\xFE\xFF", 2)) {
        *wide = 2;
        return "UTF-16 big-endian (FE FF)";
    }
    if (len >= 2 && !memcmp(d, "\xFF\xFE", 2)) {
        *wide = 2;
        return "UTF-16 little-endian (FF FE)";
    }
    return NULL;
}

static int report_bom(sc_xml_bytes *out, int md, const char *kind, const char *bom,
                      samlcheck_report *r)
{
    /* Microsoft Entra ID (Azure AD) serves its federation metadata with
     * a UTF-8 BOM: the usual origin of this finding (issue 7 item 10). */
    int entra = md && out->bom_len == 3;
    out->bom = 1;
    return sc_report_addx(
        r, SC_RULE_XML_BOM, md ? SAMLCHECK_SEV_ERROR : SAMLCHECK_SEV_WARNING, aws_parse(kind),
        entra ? "save the file as UTF-8 without BOM (for example \"UTF-8\" rather than "
                "\"UTF-8 with BOM\" in the editor, or `sed -i '1s/^\\xEF\\xBB\\xBF//'`). "
                "Federation metadata downloaded from Microsoft Entra ID (Azure AD) starts "
                "with this BOM: remove it before uploading the file to IAM."
              : NULL,
        SC_POS_LINE(1), "the document starts with a %s byte-order mark%s", bom,
        entra ? " (as the federation metadata downloaded from Microsoft Entra ID / Azure AD "
                "does)"
              : "");
}

/* The encoding the XML declaration names, when it is not UTF-8. */
static int check_declared_encoding(sc_xml_bytes *out, int md, const unsigned char *d, size_t len,
                                   samlcheck_report *r)
{
    int rc = 0;
    char *enc = declared_encoding(d + out->bom_len, len - out->bom_len);
    if (enc && !sc_str_ieq(enc, "UTF-8") && !sc_str_ieq(enc, "UTF8")) {
        char *e = sc_str_escape(enc, 60);
        rc = not_utf8(out, md, r, 1, 0, "the XML declaration names encoding \"%s\", not UTF-8",
                      e ? e : "?");
        free(e);
        out->wide_label = wide_encoding_name(enc);
    }
    free(enc);
    return rc;
}

/* Validate UTF-8 over the whole buffer (after the BOM), counting the
 * characters; the first invalid byte is reported unless the declaration
 * already explained it. */
static int validate_utf8(sc_xml_bytes *out, int md, const unsigned char *d, size_t len,
                         samlcheck_report *r)
{
    int rc = 0;
    size_t i = out->bom_len, chars = 0;
    while (i < len) {
        if (d[i] < 0x80) { /* ASCII: what sc_utf8_decode says, without the call */
            i++;
            chars++;
            continue;
        }
        uint32_t cp;
        size_t n = sc_utf8_decode(d + i, len - i, &cp);
        if (n == 0) {
            int l, c;
            if (out->not_utf8)
                break; /* explained by the declaration */
            line_col(d, i, &l, &c);
            rc = not_utf8(out, md, r, l, c, "invalid UTF-8 byte 0x%02X at byte offset %zu%s", d[i],
                          i, utf8_what(d + i, len - i));
            break;
        }
        i += n;
        chars++;
    }
    out->chars = chars;
    return rc;
}

int sc_xml_bytecheck(sc_xml_bytes *out, const unsigned char *d, size_t len, const char *kind,
                     samlcheck_report *r)
{
    int md = is_metadata(kind);
    int wide = 0;
    int rc = 0;
    memset(out, 0, sizeof *out);

    const char *bom = find_bom(out, d, len, &wide);
    if (bom && (rc = report_bom(out, md, kind, bom, r)))
        return rc;
    if (!wide && len >= 4 && ((d[0] == 0 && d[1] == '<') || (d[0] == '<' && d[1] == 0)))
        wide = 2; /* UTF-16 without BOM */
    if (wide)
        return not_utf8(out, md, r, 1, 0, "the document is encoded in UTF-%d, not UTF-8", wide * 8);
    /* The declared encoding first (it explains the bytes), then the bytes:
     * one root cause, one finding. */
    if ((rc = check_declared_encoding(out, md, d, len, r)))
        return rc;
    return validate_utf8(out, md, d, len, r);
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
    int err_code, err_domain;
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

static void on_error(void *ctx, SC_XML_ERROR_CONST xmlError *e)
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
    st->err_code = e->code;
    st->err_domain = e->domain;
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

/* ---- sec/limits before the parser (RULES.md sec/limits) ----
 *
 * libxml2 2.9 checks the attributes of a start tag for duplicates
 * quadratically before any SAX hook runs (1.5 million attributes on one
 * element did not finish in minutes), so the limits on attributes per
 * element, nesting depth and element count are enforced by this linear scan
 * of the bytes libxml2 will read, before it reads them. The scan knows
 * comments, processing instructions, CDATA sections and quoted attribute
 * values; it stops at "<!" (a DOCTYPE stops the parser there: xml/dtd).
 * It counts '=' outside quotes in a start tag, which is the number of
 * attributes (namespace declarations included, as the SAX hook counts them)
 * of a well-formed tag and never fewer than libxml2 sees in a broken one. */

/* Namespace declarations in scope at once. libxml2's tree builder looks up
 * every prefixed element and attribute through all of them (xmlSearchNs),
 * so with 64 declarations on each of 64 nested elements a 10 MB document
 * took 19 s. Real documents have fewer than 30 (the most in the corpus of
 * real responses is 25); the bound is fixed. */
#define SC_XML_MAX_NS_IN_SCOPE 64

typedef struct prescan_out {
    const char *what; /* static: the exceeded limit, or NULL */
    unsigned long limit;
    int line;
} prescan_out;

/* Index of the first byte after @p pat at or after @p i (n when absent). */
static size_t skip_past(const unsigned char *d, size_t n, size_t i, const char *pat, int *line)
{
    size_t pl = strlen(pat);
    for (; i < n; i++) {
        if (d[i] == '\n')
            (*line)++;
        else if (d[i] == (unsigned char)pat[0] && n - i >= pl && memcmp(d + i, pat, pl) == 0)
            return i + pl;
    }
    return n;
}

static int starts_at(const unsigned char *d, size_t n, size_t i, const char *pat)
{
    size_t pl = strlen(pat);
    return n - i >= pl && memcmp(d + i, pat, pl) == 0;
}

static int is_xmlns(const unsigned char *d, size_t n, size_t name)
{
    return n - name >= 6 && memcmp(d + name, "xmlns", 5) == 0 &&
           (d[name + 5] == ':' || d[name + 5] == '=' || sc_is_xml_space(d[name + 5]));
}

/* Where the pre-scan is. */
typedef struct scan_state {
    const unsigned char *d;
    size_t n, i;
    int line;
    unsigned long depth, elements, ns_in_scope;
    unsigned *ns_stack; /* declarations per open element */
    size_t ns_cap;
} scan_state;

/* Move to the next '<', counting lines. 0 at the end of the input. */
static int skip_to_markup(scan_state *s)
{
    if (s->i >= s->n)
        return 0;
    const unsigned char *lt = memchr(s->d + s->i, '<', s->n - s->i);
    size_t next = lt ? (size_t)(lt - s->d) : s->n;
    for (const unsigned char *nl = s->d + s->i; (nl = memchr(nl, '\n', (size_t)(s->d + next - nl)));
         nl++)
        s->line++;
    s->i = next;
    return s->i < s->n;
}

/* The attributes of the start tag at s->i, up to its '>' (or a '<' that
 * ends a broken tag): *decls namespace declarations, *prev the character
 * before the end. 1 when a tag has more attributes than allowed (*out
 * set), else 0. */
static int scan_attributes(scan_state *s, const samlcheck_limits *lim, prescan_out *out,
                           int start_line, unsigned long *decls, unsigned char *prev)
{
    unsigned long attrs = 0;
    unsigned char q = 0;
    size_t name = 0; /* start of the current attribute name, 0 = none */
    for (s->i++; s->i < s->n; s->i++) {
        unsigned char c = s->d[s->i];
        if (c == '\n')
            s->line++;
        if (q) {
            if (c == q)
                q = 0;
        } else if (c == '"' || c == '\'') {
            q = c;
        } else if (c == '=') {
            if (++attrs > lim->attrs_per_elem) {
                *out = (prescan_out){"attributes per element", lim->attrs_per_elem, start_line};
                return 1;
            }
            if (name && is_xmlns(s->d, s->n, name))
                (*decls)++;
            name = 0;
        } else if (c == '>' || c == '<') {
            break;
        } else if (sc_is_xml_space(c)) {
            name = 0;
        } else if (!name && (sc_is_xml_space(*prev) || *prev == '"' || *prev == '\'')) {
            name = s->i;
        }
        *prev = c;
    }
    return 0;
}

/* An element that is not empty opens: one level deeper, with @p decls
 * more namespace declarations in scope. 1 when too deep (*out set), 0, or
 * ENOMEM. */
static int open_element(scan_state *s, unsigned long decls, const samlcheck_limits *lim,
                        prescan_out *out, int start_line)
{
    if (++s->depth > lim->depth) {
        *out = (prescan_out){"element nesting depth", lim->depth, start_line};
        return 1;
    }
    unsigned *ns = sc_grow(s->ns_stack, s->depth - 1, &s->ns_cap, sizeof *ns, 64);
    if (!ns)
        return SAMLCHECK_ENOMEM;
    s->ns_stack = ns;
    s->ns_stack[s->depth - 1] = (unsigned)decls;
    s->ns_in_scope += decls;
    return 0;
}

/* The end tag at s->i: one level up, its declarations out of scope. */
static void close_element(scan_state *s)
{
    if (s->depth) {
        s->depth--;
        if (s->depth < s->ns_cap)
            s->ns_in_scope -= s->ns_stack[s->depth];
    }
    s->i = skip_past(s->d, s->n, s->i + 2, ">", &s->line);
}

/* The start tag at s->i. 1 when a limit is exceeded (*out set), 0, or
 * ENOMEM. */
static int scan_element(scan_state *s, const samlcheck_limits *lim, prescan_out *out)
{
    unsigned long decls = 0;
    int start_line = s->line;
    unsigned char prev = 0;
    if (++s->elements > lim->elements) {
        *out = (prescan_out){"total number of elements", lim->elements, s->line};
        return 1;
    }
    if (scan_attributes(s, lim, out, start_line, &decls, &prev))
        return 1;
    if (s->ns_in_scope + decls > SC_XML_MAX_NS_IN_SCOPE) {
        *out = (prescan_out){"number of namespace declarations in scope", SC_XML_MAX_NS_IN_SCOPE,
                             start_line};
        return 1;
    }
    if (s->i < s->n && s->d[s->i] == '>') {
        if (prev != '/') {
            int rc = open_element(s, decls, lim, out, start_line);
            if (rc)
                return rc;
        }
        s->i++;
    }
    return 0;
}

static int prescan(const unsigned char *d, size_t n, const samlcheck_limits *lim, prescan_out *out)
{
    scan_state s = {d, n, 0, 1, 0, 0, 0, NULL, 0};
    int rc = 0;
    memset(out, 0, sizeof *out);
    while (rc == 0 && skip_to_markup(&s)) {
        if (starts_at(d, n, s.i, "<!--"))
            s.i = skip_past(d, n, s.i + 4, "-->", &s.line);
        else if (starts_at(d, n, s.i, "<![CDATA["))
            s.i = skip_past(d, n, s.i + 9, "]]>", &s.line);
        else if (starts_at(d, n, s.i, "<?"))
            s.i = skip_past(d, n, s.i + 2, "?>", &s.line);
        else if (starts_at(d, n, s.i, "<!"))
            break; /* DOCTYPE (or junk): the parser stops there */
        else if (starts_at(d, n, s.i, "</"))
            close_element(&s);
        else
            rc = scan_element(&s, lim, out);
    }
    free(s.ns_stack);
    return rc < 0 ? rc : 0;
}

/* The bytes libxml2 will parse are not always the input's: a UTF-16/32 or
 * EBCDIC document (detected from its first bytes) or a declared encoding
 * (UTF-7, ISO-2022-*, ...) is decoded first. The pre-scan must see what the
 * parser sees, so such an input is transcoded to UTF-8 with the handler
 * libxml2 itself would pick (linear). Returns 0 with *out NULL when the
 * input is read as it is (UTF-8 / ASCII-compatible with no declared
 * encoding, or an encoding libxml2 does not know: it stops at the
 * declaration), *out an xmlBuffer to free otherwise, or ENOMEM. */
static int transcoded(xmlBufferPtr *out, const unsigned char *d, size_t len)
{
    xmlCharEncodingHandlerPtr h = NULL;
    *out = NULL;
    xmlCharEncoding ce = len >= 4 ? xmlDetectCharEncoding(d, (int)len) : XML_CHAR_ENCODING_NONE;
    if (ce != XML_CHAR_ENCODING_NONE && ce != XML_CHAR_ENCODING_UTF8 &&
        ce != XML_CHAR_ENCODING_ERROR) {
        h = xmlGetCharEncodingHandler(ce);
    } else {
        size_t skip = len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
        char *enc = declared_encoding(d + skip, len - skip);
        if (enc && !sc_str_ieq(enc, "UTF-8") && !sc_str_ieq(enc, "UTF8"))
            h = xmlFindCharEncodingHandler(enc);
        free(enc);
    }
    if (!h)
        return 0;
    xmlBufferPtr in = xmlBufferCreateStatic((void *)d, len);
    xmlBufferPtr o = xmlBufferCreate();
    int rc = 0;
    if (!in || !o) {
        rc = SAMLCHECK_ENOMEM;
        xmlBufferFree(o);
        o = NULL;
    } else {
        /* A call converts what fits in the space it reserved (a byte of
         * windows-1252 can take three in UTF-8): go on while it progresses.
         * On a conversion error the output stops there, as the parser does. */
        int res = 0;
        for (int k = 0; k < 64 && xmlBufferLength(in) > 0; k++) {
            int before = xmlBufferLength(in);
            if ((res = xmlCharEncInFunc(h, o, in)) == -2 || xmlBufferLength(in) == before)
                break;
        }
        /* Stuck with more than a cut-off character left and no conversion
         * error: the output could not grow. Never scan a part of the input
         * and parse all of it. */
        if (res != -2 && xmlBufferLength(in) > 8) {
            rc = SAMLCHECK_ENOMEM;
            xmlBufferFree(o);
            o = NULL;
        }
    }
    xmlBufferFree(in);
    xmlCharEncCloseFunc(h);
    *out = o;
    return rc;
}

/* sec/limits before parsing: the pre-scan over the bytes the parser will
 * see. 1 when a limit is exceeded (reported), 0, or a negative code. */
static int check_prescan(const unsigned char *data, size_t len, const samlcheck_limits *lim,
                         samlcheck_report *r)
{
    xmlBufferPtr tb = NULL;
    prescan_out ps;
    int rc;
    if ((rc = transcoded(&tb, data, len)))
        return rc;
    if (tb)
        rc = prescan(xmlBufferContent(tb), (size_t)xmlBufferLength(tb), lim, &ps);
    else
        rc = prescan(data, len, lim, &ps);
    xmlBufferFree(tb);
    if (rc || !ps.what)
        return rc;
    rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_LINE(ps.line),
                       "the %s exceeds the limit of %lu; the document was not parsed "
                       "and checks on it stop here",
                       ps.what, ps.limit);
    return rc ? rc : 1;
}

/* What a well-formed document may still not be: XML 1.0 (xml/malformed),
 * free of a DTD (xml/dtd), with every text value within the limit
 * (sec/limits). 1 when one was reported, 0, or a negative code. */
static int check_parsed(xmlDocPtr doc, const samlcheck_limits *lim, const char *aws_malformed,
                        samlcheck_report *r)
{
    int rc;
    if (doc->version && strcmp((const char *)doc->version, "1.0") != 0) {
        rc = sc_report_addx(r, SC_RULE_XML_MALFORMED, SAMLCHECK_SEV_ERROR, aws_malformed, NULL,
                            SC_POS_LINE(1),
                            "the XML declaration says version=\"%s\"; only XML 1.0 is accepted",
                            (const char *)doc->version);
    } else if (doc->intSubset || doc->extSubset) {
        rc = sc_report_add(r, SC_RULE_XML_DTD, SC_POS_LINE(1), "the document has a DTD");
    } else {
        const xmlNode *big = oversized_text(doc->children, lim->value_bytes);
        if (!big)
            return 0;
        rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_LINE(sc_xml_line(big)),
                           "a text value is larger than the limit of %zu bytes; checks on this "
                           "document stop here",
                           lim->value_bytes);
    }
    return rc ? rc : 1;
}

/* A parser context for @p data whose SAX hooks fill @p st: limits while
 * parsing, DOCTYPE detection, errors captured (never printed); no network,
 * DTD, entity substitution or validation. NULL when out of memory. */
static xmlParserCtxtPtr new_parser(parse_state *st, const unsigned char *data, size_t len,
                                   const samlcheck_limits *lim)
{
    memset(st, 0, sizeof *st);
    st->lim = lim;
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt((const char *)data, (int)len);
    if (!ctxt)
        return NULL;
#if LIBXML_VERSION >= 21300
    /* From 2.13 XML_PARSE_NOERROR silences every handler, the structured
     * one too (errors then reach only the thread's global handler), so
     * on_error is installed as the context's handler and nothing else is
     * ever called: nothing is printed either way. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
    xmlCtxtSetErrorHandler(ctxt, on_error, ctxt);
#else
    /* Before 2.13 these two clear only the printing SAX handlers; the
     * structured one (sax->serror below) still gets every error. */
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_BIG_LINES);
#endif
    ctxt->_private = st;
    st->start = ctxt->sax->startElementNs;
    st->end = ctxt->sax->endElementNs;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;
    ctxt->sax->internalSubset = on_doctype;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->resolveEntity = NULL;
#if LIBXML_VERSION < 21300
    ctxt->sax->serror = on_error;
#endif
    ctxt->sax->warning = NULL;
    ctxt->sax->error = NULL;
    ctxt->sax->fatalError = NULL;
#if LIBXML_VERSION < 21400
    /* before 2.14 a context starts from the (host-settable) global defaults;
     * from 2.14 these members are deprecated and only the options above
     * (no XML_PARSE_DTDLOAD, NOENT or DTDVALID) decide them */
    ctxt->loadsubset = 0;
    ctxt->replaceEntities = 0;
    ctxt->validate = 0;
#endif
    return ctxt;
}

/* What made the SAX hooks stop the parse: a DOCTYPE (xml/dtd) or a limit
 * (sec/limits). 1 when one was reported, 0, or a negative code. */
static int report_sax_stop(const parse_state *st, samlcheck_report *r)
{
    int rc;
    if (st->dtd)
        rc = sc_report_add(r, SC_RULE_XML_DTD, SC_POS_LINE(st->dtd),
                           "the document contains a <!DOCTYPE> declaration; it was not read "
                           "(no DTD, entity expansion or external subset), and the document "
                           "is not checked further");
    else if (st->limit_what)
        rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_LINE(st->limit_line),
                           "the %s exceeds the limit of %lu; checks on this document stop here",
                           st->limit_what, st->limit_value);
    else
        return 0;
    return rc ? rc : 1;
}

/* Report a pending xml/not-utf8 (response): a warning when the document
 * parsed (@p parsed), else an error, since no check could run on it. */
static int flush_not_utf8(const sc_xml_bytes *b, int parsed, int stopped_by_encoding,
                          samlcheck_report *r)
{
    if (!b->pending)
        return 0;
    if (parsed)
        return sc_report_addx(r, SC_RULE_XML_NOT_UTF8, SAMLCHECK_SEV_WARNING, NULL, NULL,
                              (sc_pos){b->line, b->col, NULL}, "%s", b->msg);
    return sc_report_addx(r, SC_RULE_XML_NOT_UTF8, SAMLCHECK_SEV_ERROR, NULL, NULL,
                          (sc_pos){b->line, b->col, NULL},
                          "%s; %s, so no other check ran on it: a document that could not "
                          "be checked is never reported as having no errors",
                          b->msg,
                          stopped_by_encoding ? "the parser stopped at this encoding defect"
                                              : "the document does not parse");
}

sc_xml_err_class sc_xml_error_class(int domain, int code)
{
    if (domain == XML_FROM_NAMESPACE)
        return SC_XML_ERR_NAMESPACE;
    if (domain == XML_FROM_I18N)
        return SC_XML_ERR_ENCODING;
    /* "Input is not proper UTF-8", "Char 0x.. out of allowed range"; an
     * unknown, unsupported, malformed or mislabelled declared encoding; a
     * failed input conversion */
    switch (code) {
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_ENCODING_NAME:
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_MISSING_ENCODING:
    case XML_IO_ENCODER: return SC_XML_ERR_ENCODING;
    default: return SC_XML_ERR_OTHER;
    }
}

int sc_xml_parse(xmlDocPtr *out, const unsigned char *data, size_t len, const char *kind,
                 const samlcheck_limits *lim, const sc_xml_bytes *bytes, samlcheck_report *r)
{
    return sc_xml_parse_ex(out, data, len, kind, lim, bytes, r, NULL);
}

/* The AWS error text a document libxml2 cannot read earns. */
static const char *aws_malformed_text(const char *kind)
{
    return is_metadata(kind)
               ? "Could not parse metadata."
               : "Your request included an invalid SAML response. To logout, click here.";
}

/* The parser found the document not well-formed: xml/malformed with
 * libxml2's first error, unless it stopped at an encoding defect the byte
 * checks already found (*stopped_by_encoding: reported as xml/not-utf8 by
 * the caller, one root cause). The class of the error goes to @p why. */
static int report_not_well_formed(const xmlParserCtxt *ctxt, const parse_state *st,
                                  const char *kind, const sc_xml_bytes *bytes, samlcheck_report *r,
                                  sc_xml_err_class *why, int *stopped_by_encoding)
{
    /* classified by libxml2's error code, never by its wording (which
     * changes between releases) */
    sc_xml_err_class cls = bytes->wide_label     ? SC_XML_ERR_ENCODING
                           : st->have_err        ? sc_xml_error_class(st->err_domain, st->err_code)
                           : !ctxt->nsWellFormed ? SC_XML_ERR_NAMESPACE
                                                 : SC_XML_ERR_OTHER;
    if (why)
        *why = cls;
    if (bytes->not_utf8 && cls == SC_XML_ERR_ENCODING) {
        *stopped_by_encoding = 1;
        return 0;
    }
    return sc_report_addx(
        r, SC_RULE_XML_MALFORMED, SAMLCHECK_SEV_ERROR, aws_malformed_text(kind), NULL,
        (sc_pos){st->have_err ? st->err_line : 0, st->have_err ? st->err_col : 0, NULL},
        "not well-formed XML: %s",
        st->have_err ? st->err_msg : (!ctxt->nsWellFormed ? "namespace error" : "parse error"));
}

int sc_xml_parse_ex(xmlDocPtr *out, const unsigned char *data, size_t len, const char *kind,
                    const samlcheck_limits *lim, const sc_xml_bytes *bytes, samlcheck_report *r,
                    sc_xml_err_class *why)
{
    sc_xml_bytes local;
    samlcheck_limits dflt = SAMLCHECK_LIMITS_INIT;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    parse_state st;
    int rc = 0, stopped_by_encoding = 0;

    *out = NULL;
    if (why)
        *why = SC_XML_ERR_OTHER;
    if (!lim)
        lim = &dflt;
    if (!bytes) {
        if ((rc = sc_xml_bytecheck(&local, data, len, kind, r)))
            return rc;
        bytes = &local;
    }
    if (len > (size_t)INT32_MAX) {
        rc = sc_report_add(r, SC_RULE_SEC_LIMITS, SC_POS_NONE, "document too large to parse");
        return rc ? rc : flush_not_utf8(bytes, 0, 0, r);
    }

    if ((rc = check_prescan(data, len, lim, r)))
        return rc < 0 ? rc : flush_not_utf8(bytes, 0, 0, r);
    ctxt = new_parser(&st, data, len, lim);
    if (!ctxt)
        return SAMLCHECK_ENOMEM;

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
    if ((rc = report_sax_stop(&st, r))) {
        if (rc > 0)
            rc = 0; /* reported */
        goto fail;
    }
    if (!ctxt->wellFormed || !ctxt->nsWellFormed || !doc) {
        rc = report_not_well_formed(ctxt, &st, kind, bytes, r, why, &stopped_by_encoding);
        goto fail;
    }
    if ((rc = check_parsed(doc, lim, aws_malformed_text(kind), r))) {
        if (rc > 0)
            rc = 0; /* reported */
        goto fail;
    }
    xmlFreeParserCtxt(ctxt);
    if ((rc = flush_not_utf8(bytes, 1, 0, r))) {
        xmlFreeDoc(doc);
        return rc;
    }
    *out = doc;
    return 0;
fail:
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    if (!rc)
        rc = flush_not_utf8(bytes, 0, stopped_by_encoding, r);
    return rc;
}
