/* RULES.md 7.7: session tags. PrincipalTag:* attributes
 * (response/principal-tags: key and value grammar, count, case-insensitive
 * repeats, the packed-size heuristic) and TransitiveTagKeys
 * (response/transitive-tag-keys), and the summary's "tags". */
#include "attr_ctx.h"
#include <string.h>

#define TAG_MAX 50
#define TAG_KEY_MAX 128
#define TAG_VALUE_MAX 256
#define TAG_PACKED_HEURISTIC 4096

/* ---- Unicode categories for the tag patterns ----
 * \p{L}\p{Z}\p{N} approximated by ranges: exact for ASCII and Latin-1
 * (U+0000-U+00FF); for other scripts whole letter/digit blocks are taken
 * (Latin Extended, IPA, Greek, Cyrillic, Armenian, Hebrew, Arabic,
 * Devanagari, Thai, Georgian, Hangul, kana, CJK ideographs, fullwidth
 * forms), leaving out the punctuation, symbols and combining marks those
 * blocks are known to hold at their edges. Characters outside the table
 * count as "not L/Z/N", so the approximation can only be stricter than
 * AWS for rare scripts. */
static const uint32_t lzn_ranges[][2] = {
    {0x0030, 0x0039}, {0x0041, 0x005A},   {0x0061, 0x007A}, {0x0020, 0x0020}, {0x00A0, 0x00A0},
    {0x00AA, 0x00AA}, {0x00B2, 0x00B3},   {0x00B5, 0x00B5}, {0x00B9, 0x00BA}, {0x00BC, 0x00BE},
    {0x00C0, 0x00D6}, {0x00D8, 0x00F6},   {0x00F8, 0x02C1}, {0x02C6, 0x02D1}, {0x02E0, 0x02E4},
    {0x02EC, 0x02EC}, {0x02EE, 0x02EE},   {0x0370, 0x0374}, {0x0376, 0x0377}, {0x037A, 0x037D},
    {0x037F, 0x037F}, {0x0386, 0x0386},   {0x0388, 0x03F5}, {0x03F7, 0x0481}, {0x048A, 0x052F},
    {0x0531, 0x0556}, {0x0559, 0x0559},   {0x0560, 0x0588}, {0x05D0, 0x05EA}, {0x05EF, 0x05F2},
    {0x0620, 0x064A}, {0x0660, 0x0669},   {0x066E, 0x066F}, {0x0671, 0x06D3}, {0x06D5, 0x06D5},
    {0x06F0, 0x06FC}, {0x0904, 0x0939},   {0x093D, 0x093D}, {0x0950, 0x0950}, {0x0958, 0x0961},
    {0x0966, 0x096F}, {0x0971, 0x0980},   {0x0E01, 0x0E30}, {0x0E32, 0x0E33}, {0x0E40, 0x0E46},
    {0x0E50, 0x0E59}, {0x10A0, 0x10C5},   {0x10D0, 0x10FA}, {0x10FC, 0x10FF}, {0x1100, 0x11FF},
    {0x1680, 0x1680}, {0x1E00, 0x1F15},   {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D},
    {0x1F50, 0x1F57}, {0x1F59, 0x1F7D},   {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FC2, 0x1FC4},
    {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3},   {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4},
    {0x1FF6, 0x1FFC}, {0x2000, 0x200A},   {0x2028, 0x2029}, {0x202F, 0x202F}, {0x205F, 0x205F},
    {0x2070, 0x2071}, {0x2074, 0x2079},   {0x207F, 0x2089}, {0x2090, 0x209C}, {0x2150, 0x2189},
    {0x2460, 0x249B}, {0x24EA, 0x24FF},   {0x3000, 0x3000}, {0x3005, 0x3007}, {0x3021, 0x3029},
    {0x3031, 0x3035}, {0x3038, 0x303C},   {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA},
    {0x30FC, 0x30FF}, {0x3105, 0x312F},   {0x3131, 0x318E}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
    {0xAC00, 0xD7A3}, {0xF900, 0xFA6D},   {0xFF10, 0xFF19}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A},
    {0xFF66, 0xFFBE}, {0x20000, 0x2A6DF},
};

int sc_attr_is_lzn(uint32_t cp)
{
    for (size_t i = 0; i < sizeof lzn_ranges / sizeof lzn_ranges[0]; i++)
        if (cp >= lzn_ranges[i][0] && cp <= lzn_ranges[i][1])
            return 1;
    return 0;
}

/* [\p{L}\p{Z}\p{N}_.:/=+\-@] */
static int is_tag_char(uint32_t cp)
{
    return sc_attr_is_lzn(cp) || cp == '_' || cp == '.' || cp == ':' || cp == '/' || cp == '=' ||
           cp == '+' || cp == '-' || cp == '@';
}

/* Key rules shared by PrincipalTag keys and TransitiveTagKeys values.
 * Reports each defect under @p rule; returns 0 or a negative code; sets
 * *bad when the key is invalid. */
static int check_tag_key(ctx *c, sc_rule_id rule, const xmlNode *n, const char *key,
                         const char *what, int *bad)
{
    size_t len = 0, off = 0;
    uint32_t cp = 0;
    int ok = sc_attr_scan(key, is_tag_char, &len, &cp, &off);
    int rc = 0;
    *bad = 0;
    if (len == 0) {
        *bad = 1;
        return sc_xml_report(c->r, rule, n, "%s: the tag key is empty; expected 1-128 characters",
                             what);
    }
    char *e = sc_str_escape(key, SHOW);
    if (!e)
        return SAMLCHECK_ENOMEM;
    if (len > TAG_KEY_MAX) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" is %zu characters long; at most 128 are allowed",
                           what, e, len);
    }
    if (rc == 0 && !ok) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" has character U+%04X at offset %zu, which "
                           "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@] does not allow",
                           what, e, (unsigned)cp, off);
    }
    if (rc == 0 && sc_str_casestarts(key, "aws:")) {
        *bad = 1;
        rc = sc_xml_report(c->r, rule, n,
                           "%s: tag key \"%s\" begins with the reserved prefix \"aws:\"", what, e);
    }
    free(e);
    return rc;
}

typedef struct tag {
    const sc_attr *a;
    const char *key;
} tag;

/* PrincipalTag check 7: the newest of @p tags (the k-th) repeats an earlier
 * key, compared case-insensitively (ASCII folding). */
static int report_repeated_key(ctx *c, const tag *tags, size_t k)
{
    const tag *t = &tags[k - 1];
    for (size_t j = 0; j + 1 < k; j++) {
        if (!sc_str_ieq(tags[j].key, t->key))
            continue;
        int rc;
        char *e1 = sc_str_escape(t->key, SHOW), *e2 = sc_str_escape(tags[j].key, SHOW);
        if (e1 && e2)
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, t->a->node,
                               "tag key \"%s\" repeats \"%s\" (line %d); session tag keys are "
                               "case-insensitive, so each key may be sent once",
                               e1, e2, sc_xml_line(tags[j].a->node));
        else
            rc = SAMLCHECK_ENOMEM;
        free(e1);
        free(e2);
        return rc;
    }
    return 0;
}

/* The value of PrincipalTag:@p key: exactly one AttributeValue, at most
 * 256 characters of the tag pattern, no "aws:" prefix. @p key_bad: the key
 * was reported invalid (not repeated in the message). */
static int check_tag_value(ctx *c, const sc_attr *a, const char *key, int key_bad)
{
    if (a->n_values != 1)
        return sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node,
                             "PrincipalTag:%s has %zu AttributeValues; a session tag has exactly "
                             "one value (join several with a separator such as ':')",
                             key_bad ? "..." : key, a->n_values);
    const sc_attr_value *v = &a->values[0];
    if (v->ambiguous)
        return 0;
    const char *s = v->nil ? "" : vtext(v);
    size_t len = 0, off = 0;
    uint32_t cp = 0;
    int ok = sc_attr_scan(s, is_tag_char, &len, &cp, &off);
    char *e = sc_str_escape(s, SHOW);
    if (!e)
        return SAMLCHECK_ENOMEM;
    int rc = 0;
    if (len > TAG_VALUE_MAX)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                           "tag value \"%s\" is %zu characters long; at most 256 are allowed", e,
                           len);
    if (rc == 0 && !ok)
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                           "tag value \"%s\" has character U+%04X at offset %zu, which "
                           "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@] does not allow%s",
                           e, (unsigned)cp, off,
                           cp == 0x09 || cp == 0x0A || cp == 0x0D ? " (tabs and newlines are "
                                                                    "not allowed; spaces are)"
                                                                  : "");
    if (rc == 0 && sc_str_casestarts(s, "aws:"))
        rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, vnode(a, v),
                           "tag value \"%s\" begins with the reserved prefix \"aws:\"", e);
    free(e);
    return rc;
}

/* Plain-text bytes of a tag (key and every value), for the packed-size
 * heuristic. */
static size_t tag_bytes(const sc_attr *a, const char *key)
{
    size_t n = strlen(key);
    for (size_t j = 0; j < a->n_values; j++)
        n += strlen(vtext(&a->values[j]));
    return n;
}

static size_t count_tags(const ctx *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->attrs->n; i++)
        if (is_tag_name(c->attrs->v[i].name))
            n++;
    return n;
}

/* response/principal-tags: each PrincipalTag attribute's key and value,
 * the number of tags, repeated keys, and their total size. */
static int check_tags(ctx *c)
{
    int rc = 0;
    size_t ntags = count_tags(c), packed = 0, k = 0;
    if (ntags == 0)
        return 0;
    tag *tags = calloc(ntags, sizeof *tags);
    if (!tags)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!is_tag_name(a->name))
            continue;
        const char *key = a->name + strlen(NAME_TAG);
        tags[k].a = a;
        tags[k].key = key;
        k++;
        packed += tag_bytes(a, key);
        int bad = 0;
        if ((rc = check_tag_key(c, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node, key, "PrincipalTag",
                                &bad)))
            break;
        if (k == TAG_MAX + 1 &&
            (rc = sc_xml_report(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, a->node,
                                "the assertion has %zu PrincipalTag attributes; at most 50 "
                                "session tags are allowed",
                                ntags)))
            break;
        if ((rc = report_repeated_key(c, tags, k)))
            break;
        rc = check_tag_value(c, a, key, bad);
    }
    if (rc == 0 && packed > TAG_PACKED_HEURISTIC)
        rc = sc_report_addx(c->r, SC_RULE_RESPONSE_PRINCIPAL_TAGS, SAMLCHECK_SEV_INFO, NULL, NULL,
                            SC_POS_NONE,
                            "the session tag keys and values total %zu bytes of plain text (more "
                            "than 4 KiB); AWS may reject them with PackedPolicyTooLarge (a "
                            "heuristic: the packed size is not computable offline)",
                            packed);
    free(tags);
    return rc;
}

/* Is @p key a PrincipalTag key (case-insensitive)? */
static int tag_exists(const ctx *c, const char *key)
{
    for (size_t i = 0; i < c->attrs->n; i++)
        if (is_tag_name(c->attrs->v[i].name) &&
            sc_str_ieq(c->attrs->v[i].name + strlen(NAME_TAG), key))
            return 1;
    return 0;
}

static int check_transitive(ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_TTK) != 0)
            continue;
        if (a->n_values > TAG_MAX) {
            rc = sc_xml_report(c->r, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, a->node,
                               "TransitiveTagKeys has %zu values; at most 50 are allowed",
                               a->n_values);
            if (rc)
                break;
        }
        for (size_t j = 0; j < a->n_values && rc == 0; j++) {
            const sc_attr_value *v = &a->values[j];
            if (v->ambiguous)
                continue;
            const char *s = v->nil ? "" : vtext(v);
            int bad = 0;
            if ((rc = check_tag_key(c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, vnode(a, v), s,
                                    "TransitiveTagKeys", &bad)) ||
                bad)
                continue;
            int dup = 0;
            for (size_t m = 0; m < j && !dup; m++)
                dup = !a->values[m].ambiguous && sc_str_ieq(vtext(&a->values[m]), s);
            if (dup)
                REPORT_ESC(rc, c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, SAMLCHECK_SEV_WARNING,
                           vnode(a, v), s, "transitive tag key \"%s\" is listed more than once%s",
                           "");
            else if (!tag_exists(c, s))
                REPORT_ESC(rc, c, SC_RULE_RESPONSE_TRANSITIVE_TAG_KEYS, SAMLCHECK_SEV_WARNING,
                           vnode(a, v), s,
                           "transitive tag key \"%s\" names no PrincipalTag attribute in this "
                           "assertion%s",
                           "");
        }
    }
    return rc;
}

static int is_transitive(const ctx *c, const char *key)
{
    for (size_t i = 0; i < c->attrs->n; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!a->name || strcmp(a->name, NAME_TTK) != 0)
            continue;
        for (size_t j = 0; j < a->n_values; j++)
            if (!a->values[j].ambiguous && sc_str_ieq(vtext(&a->values[j]), key))
                return 1;
    }
    return 0;
}

static int summary_tags(ctx *c, json_t *summary)
{
    if (!summary)
        return 0;
    json_t *arr = json_array();
    if (!arr)
        return SAMLCHECK_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < c->attrs->n && rc == 0; i++) {
        const sc_attr *a = &c->attrs->v[i];
        if (!is_tag_name(a->name))
            continue;
        const char *key = a->name + strlen(NAME_TAG);
        json_t *row = json_object();
        json_t *val = a->n_values == 1 && !a->values[0].ambiguous
                          ? json_string(a->values[0].nil ? "" : vtext(&a->values[0]))
                          : json_null();
        if (!row || !val || json_object_set_new(row, "key", json_string(key)) ||
            json_object_set(row, "value", val) ||
            json_object_set_new(row, "transitive", json_boolean(is_transitive(c, key))) ||
            json_array_append(arr, row))
            rc = SAMLCHECK_ENOMEM;
        json_decref(val);
        json_decref(row);
    }
    if (rc == 0 && json_array_size(arr) > 0) {
        rc = sc_report_summary_set(summary, "tags", arr);
        arr = NULL;
    }
    json_decref(arr);
    return rc;
}

int sc_attr_check_tags(ctx *c, json_t *summary)
{
    int rc;
    if ((rc = check_tags(c)) || (rc = check_transitive(c)) || (rc = summary_tags(c, summary)))
        return rc;
    return 0;
}
