/* The one base64 decoder: strict RFC 4648 section 4 (standard alphabet,
 * padding required, '=' only at the end, no bits set after the last
 * character's data). AWS receives the SAMLResponse of the HTTP-POST binding
 * (SAML-BIND 3.5.4) as plain base64, the URL-safe alphabet of section 5 is
 * not accepted, and XML-DSig/XML-Enc values (X509Certificate,
 * SignatureValue, CipherValue) are the same base64 wrapped in lines. What
 * callers legitimately differ in are flags: SC_B64_XML_WS (line-wrapped
 * element content) and SC_B64_UNPADDED (the SAMLResponse without its final
 * padding, RULES.md 0.2 input/undecodable). */
#include "base.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int b64_val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

size_t sc_b64_encoded_len(size_t n)
{
    return (n / 3 + (n % 3 != 0)) * 4;
}

/* The characters and length of @p p (@p len characters): the standard
 * alphabet, '=' only at the end and at most twice, a multiple of 4
 * characters. The first problem goes to @p e. Characters first, so the
 * most telling problem is reported. */
static int check_chars(const unsigned char *p, size_t len, sc_b64_error *e)
{
    size_t pad = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '=') {
            pad++;
            continue;
        }
        if (pad) { /* data after '=' */
            e->status = SC_B64_BAD_PADDING;
            e->offset = i - pad;
            e->ch = '=';
            return SAMLCHECK_EINVAL;
        }
        if (b64_val(p[i]) < 0) {
            e->status = (p[i] == '-' || p[i] == '_') ? SC_B64_URLSAFE : SC_B64_BAD_CHAR;
            e->offset = i;
            e->ch = p[i];
            return SAMLCHECK_EINVAL;
        }
    }
    if (pad > 2) {
        e->status = SC_B64_BAD_PADDING;
        e->offset = len - pad;
        e->ch = '=';
        return SAMLCHECK_EINVAL;
    }
    if (len % 4 != 0) {
        /* Distinguish "too much padding" from "padding missing". */
        e->status = pad ? SC_B64_BAD_PADDING : SC_B64_BAD_LENGTH;
        e->offset = len;
        return SAMLCHECK_EINVAL;
    }
    return 0;
}

/* Decode the 4-character quanta of @p p (checked by check_chars) into
 * @p d, which has room for len / 4 * 3 bytes; *n: the bytes written.
 * Malformed padding or bits set before it go to @p e. */
static int decode_quanta(const unsigned char *p, size_t len, unsigned char *d, size_t *n,
                         sc_b64_error *e)
{
    for (size_t i = 0; i < len; i += 4) {
        int a = b64_val(p[i]), b = b64_val(p[i + 1]);
        int c = p[i + 2] == '=' ? -2 : b64_val(p[i + 2]);
        int f = p[i + 3] == '=' ? -2 : b64_val(p[i + 3]);
        /* '=' can only be in the last quantum (checked above), and "x=y="
         * or "==" alone are malformed. */
        if (a < 0 || b < 0 || (c == -2 && f != -2)) {
            e->status = SC_B64_BAD_PADDING;
            e->offset = i;
            e->ch = '=';
            return SAMLCHECK_EINVAL;
        }
        /* RFC 4648 section 3.5: the bits before the padding must be zero;
         * a canonical encoder never sets them, so they mean corruption. */
        if ((c == -2 && (b & 0x0F)) || (c >= 0 && f == -2 && (c & 0x03))) {
            e->status = SC_B64_NONZERO_BITS;
            e->offset = c == -2 ? i + 1 : i + 2;
            e->ch = p[e->offset];
            return SAMLCHECK_EINVAL;
        }
        d[(*n)++] = (unsigned char)((a << 2) | (b >> 4));
        if (c >= 0) {
            d[(*n)++] = (unsigned char)(((b & 0x0F) << 4) | (c >> 2));
            if (f >= 0)
                d[(*n)++] = (unsigned char)(((c & 0x03) << 6) | f);
        }
    }
    return 0;
}

/* Strict decode of @p len characters without whitespace; @p e->length,
 * offsets and characters refer to this text. */
static int decode_strict(unsigned char **out, size_t *out_len, const char *in, size_t len,
                         sc_b64_error *e)
{
    const unsigned char *p = (const unsigned char *)in;
    unsigned char *d = NULL;
    size_t n = 0;
    int rc;

    *out = NULL;
    *out_len = 0;
    memset(e, 0, sizeof *e);
    e->length = len;
    if (len == 0) {
        e->status = SC_B64_EMPTY;
        return SAMLCHECK_EINVAL;
    }
    if ((rc = check_chars(p, len, e)))
        return rc;
    d = malloc(len / 4 * 3 + 1);
    if (!d)
        return SAMLCHECK_ENOMEM;
    if ((rc = decode_quanta(p, len, d, &n, e))) {
        free(d);
        return rc;
    }
    d[n] = '\0';
    *out = d;
    *out_len = n;
    return 0;
}

/* decode_strict over @p len characters with the '=' padding a canonical
 * encoder would have added (@p len is 2 or 3 mod 4). */
static int decode_unpadded(unsigned char **out, size_t *out_len, const char *in, size_t len,
                           sc_b64_error *e)
{
    size_t add = 4 - len % 4;
    char *padded = malloc(len + add + 1);
    if (!padded)
        return SAMLCHECK_ENOMEM;
    memcpy(padded, in, len);
    memset(padded + len, '=', add);
    padded[len + add] = '\0';
    int rc = decode_strict(out, out_len, padded, len + add, e);
    free(padded);
    e->length = len; /* describe it against the text as given */
    if (rc == 0)
        e->unpadded = (int)add;
    return rc;
}

int sc_b64_decode(unsigned char **out, size_t *out_len, const char *in, size_t len, unsigned flags,
                  sc_b64_error *e)
{
    char *clean = NULL;
    const char *p = in;
    size_t n = len;
    *out = NULL;
    *out_len = 0;
    memset(e, 0, sizeof *e);
    if (flags & SC_B64_XML_WS) {
        if (!(clean = malloc(len + 1)))
            return SAMLCHECK_ENOMEM;
        n = 0;
        for (size_t i = 0; i < len; i++)
            if (!sc_is_xml_space(in[i]))
                clean[n++] = in[i];
        clean[n] = '\0';
        p = clean;
    }
    int rc = decode_strict(out, out_len, p, n, e);
    /* only a missing final padding: no '=' at all and 2 or 3 characters
     * in the last quantum (1 cannot be base64) */
    if (rc == SAMLCHECK_EINVAL && (flags & SC_B64_UNPADDED) && e->status == SC_B64_BAD_LENGTH &&
        (n % 4 == 2 || n % 4 == 3))
        rc = decode_unpadded(out, out_len, p, n, e);
    if (rc == SAMLCHECK_EINVAL && clean) {
        /* the offset in the text as given, whitespace included */
        size_t k = 0, i = 0;
        for (; i < len; i++)
            if (!sc_is_xml_space(in[i]) && k++ == e->offset)
                break;
        e->offset = e->offset < n ? i : len;
    }
    free(clean);
    return rc;
}

const char *sc_b64_describe(const sc_b64_error *e, char *buf, size_t size)
{
    switch (e->status) {
    case SC_B64_OK: snprintf(buf, size, "valid base64"); break;
    case SC_B64_EMPTY: snprintf(buf, size, "no base64 text at all"); break;
    case SC_B64_URLSAFE:
        snprintf(buf, size,
                 "the URL-safe base64 character '%c' at offset %zu (only the standard alphabet "
                 "A-Z a-z 0-9 + / is accepted)",
                 e->ch, e->offset);
        break;
    case SC_B64_BAD_CHAR:
        if (e->ch >= 0x21 && e->ch < 0x7F)
            snprintf(buf, size, "the character '%c' at offset %zu, which is not base64", e->ch,
                     e->offset);
        else
            snprintf(buf, size, "the byte 0x%02X at offset %zu, which is not base64", e->ch,
                     e->offset);
        break;
    case SC_B64_BAD_LENGTH:
        snprintf(buf, size,
                 e->length % 4 == 1
                     ? "%zu base64 characters, one more than a multiple of 4: no padding can "
                       "complete it, the value was cut short or has a stray character"
                     : "%zu base64 characters, not a multiple of 4: the '=' padding is missing or "
                       "the value was cut short",
                 e->length);
        break;
    case SC_B64_NONZERO_BITS:
        snprintf(buf, size,
                 "the character '%c' at offset %zu ends the data with bits that a correct "
                 "encoder leaves zero (RFC 4648 section 3.5): the value was altered or cut short",
                 e->ch, e->offset);
        break;
    case SC_B64_BAD_PADDING:
        if (e->offset < e->length)
            snprintf(buf, size,
                     "misplaced '=' padding at offset %zu (padding may only end the value)",
                     e->offset);
        else
            snprintf(buf, size,
                     "bad '=' padding: %zu characters with padding is not a multiple of 4",
                     e->length);
        break;
    }
    return buf;
}
