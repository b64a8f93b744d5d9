/* Auto-detection of what a response input is, from its first bytes, and
 * the descriptions used in input/undecodable hints. Detection never
 * parses: it only looks at a prefix, so it is cheap and cannot fail. */
#include "input.h"
#include "../base/base.h"
#include <string.h>

size_t sc_input_skip_ws(const unsigned char *d, size_t len)
{
    size_t i = 0;
    if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
        i = 3;
    while (i < len && sc_is_xml_space(d[i]))
        i++;
    return i;
}

static int utf16_bom(const unsigned char *d, size_t len)
{
    return len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF));
}

int sc_input_starts_xml(const unsigned char *d, size_t len)
{
    if (utf16_bom(d, len))
        return len >= 4 && (d[2] == '<' || d[3] == '<');
    /* UTF-16 without a BOM: "<\0" or "\0<" */
    if (len >= 2 && ((d[0] == '<' && d[1] == 0) || (d[0] == 0 && d[1] == '<')))
        return 1;
    size_t i = sc_input_skip_ws(d, len);
    return i < len && d[i] == '<';
}

static int starts_with(const unsigned char *d, size_t len, const char *s)
{
    size_t n = strlen(s);
    return len >= n && memcmp(d, s, n) == 0;
}

sc_input_kind sc_input_detect(const unsigned char *d, size_t len)
{
    if (sc_input_starts_xml(d, len))
        return SC_INPUT_KIND_XML;
    size_t i = sc_input_skip_ws(d, len);
    if (i == len)
        return SC_INPUT_KIND_EMPTY;
    d += i;
    len -= i;
    if (d[0] == '{' || d[0] == '[')
        return SC_INPUT_KIND_JSON;
    if (starts_with(d, len, "-----BEGIN"))
        return SC_INPUT_KIND_PEM;
    if (sc_form_sniff((const char *)d, len))
        return SC_INPUT_KIND_FORM;
    /* Control bytes in the first KiB: not text at all. */
    for (size_t k = 0; k < len && k < 1024; k++)
        if (d[k] == 0 || (d[k] < 0x20 && !sc_is_xml_space(d[k])) || d[k] == 0x7F)
            return SC_INPUT_KIND_BINARY;
    return SC_INPUT_KIND_BASE64;
}

/* RFC 1951 3.2.3: the first block header is BFINAL (1 bit) and BTYPE (2
 * bits); BTYPE 11 is reserved. A stored block (00) carries LEN and its
 * one's complement NLEN after the byte boundary. SAML-BIND 3.4.4.1 uses
 * raw DEFLATE (no zlib header) for the HTTP-Redirect binding. */
int sc_input_looks_deflate(const unsigned char *d, size_t len)
{
    if (len < 2 || sc_input_starts_xml(d, len))
        return 0;
    unsigned btype = (d[0] >> 1) & 3;
    if (btype == 3)
        return 0;
    if (btype == 0) {
        if (len < 5)
            return 0;
        unsigned l = d[1] | (unsigned)d[2] << 8, nl = d[3] | (unsigned)d[4] << 8;
        return (l ^ 0xFFFF) == nl;
    }
    /* Compressed data is not text: require some bytes outside printable
     * ASCII and XML whitespace in the first 64. */
    size_t odd = 0;
    for (size_t k = 0; k < len && k < 64; k++)
        if (d[k] >= 0x7F || (d[k] < 0x20 && !sc_is_xml_space(d[k])))
            odd++;
    return odd >= 4 || (len < 64 && odd * 4 >= len);
}

const char *sc_input_describe(const unsigned char *d, size_t len)
{
    if (len >= 2 && d[0] == 0x1F && d[1] == 0x8B)
        return "gzip-compressed data";
    if (len >= 2 && d[0] == 0x78 && (d[0] * 256 + d[1]) % 31 == 0)
        return "zlib-compressed data";
    if (sc_input_looks_deflate(d, len))
        return "raw DEFLATE data";
    size_t i = sc_input_skip_ws(d, len);
    if (i == len)
        return "only whitespace";
    const unsigned char *p = d + i;
    size_t n = len - i;
    if (p[0] == '{' || p[0] == '[')
        return "JSON";
    if (starts_with(p, n, "-----BEGIN"))
        return "a PEM block (a key or certificate)";
    if (starts_with(p, n, "HTTP/") || starts_with(p, n, "POST ") || starts_with(p, n, "GET "))
        return "an HTTP message";
    size_t bin = 0, letters = 0, spaces = 0;
    for (size_t k = 0; k < n && k < 4096; k++) {
        if (p[k] == 0 || (p[k] < 0x20 && !sc_is_xml_space(p[k])) || p[k] == 0x7F)
            bin++;
        else if (p[k] == ' ')
            spaces++;
        else if ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')
            letters++;
    }
    if (bin)
        return "binary data";
    if (spaces * 12 > (n < 4096 ? n : 4096) && letters > spaces)
        return "plain text";
    return "text";
}

int sc_input_root_is_response(const char *xml, size_t len)
{
    size_t i = 0;
    /* Skip the XML declaration, comments, PIs and a DOCTYPE to the first
     * start tag, within a bounded prefix. */
    size_t lim = len < 65536 ? len : 65536;
    while (i < lim) {
        const char *lt = memchr(xml + i, '<', lim - i);
        if (!lt)
            return 0;
        i = (size_t)(lt - xml) + 1;
        if (i < lim && (xml[i] == '?' || xml[i] == '!'))
            continue;
        size_t colon = i;
        while (i < lim && xml[i] != '>' && xml[i] != '/' && !sc_is_xml_space(xml[i])) {
            if (xml[i] == ':')
                colon = i + 1;
            i++;
        }
        return i - colon == 8 && memcmp(xml + colon, "Response", 8) == 0;
    }
    return 0;
}
