#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/base.h"

static void buf_append__over_max__sets_toobig_and_keeps_data(void **state)
{
    (void)state;
    sc_buf b = SC_BUF_INIT;
    b.max = 8;
    assert_int_equal(sc_buf_puts(&b, "12345"), 0);
    assert_int_equal(sc_buf_puts(&b, "6789"), SAMLCHECK_EINVAL);
    assert_true(b.toobig);
    assert_string_equal(b.data, "12345");
    sc_buf_free(&b);
}

static void grow__doubles_from_first__keeps_contents_refuses_overflow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 20; i++) {
        int *nv = sc_grow(v, n, &cap, sizeof *nv, 4);
        assert_non_null(nv);
        v = nv;
        v[n++] = i;
        /* 4 at first, then doubled only when full */
        assert_int_equal(cap, n <= 4 ? 4 : n <= 8 ? 8 : n <= 16 ? 16 : 32);
    }
    for (int i = 0; i < 20; i++)
        assert_int_equal(v[i], i);
    /* room left: the same array, capacity unchanged */
    assert_ptr_equal(sc_grow(v, 20, &cap, sizeof *v, 4), v);
    assert_int_equal(cap, 32);
    /* a capacity that cannot double: NULL, array and capacity untouched */
    size_t huge = SIZE_MAX / 2 + 1;
    assert_null(sc_grow(v, huge, &huge, sizeof *v, 4));
    assert_int_equal(huge, SIZE_MAX / 2 + 1);
    free(v);
}

static void buf_printf__long_output__is_complete(void **state)
{
    (void)state;
    sc_buf b = SC_BUF_INIT;
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(sc_buf_printf(&b, "<%s>", big), 0);
    assert_int_equal(b.len, 1001);
    char *s = sc_buf_detach(&b);
    assert_int_equal(s[0], '<');
    free(s);
}

static void utf8_decode__overlong_and_surrogate__rejected(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(sc_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    assert_int_equal(sc_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    assert_int_equal(sc_utf8_decode((const unsigned char *)"\xE2\x82", 2, &cp), 0);
    assert_int_equal(sc_utf8_decode((const unsigned char *)"\xC3\xBC", 2, &cp), 2);
    assert_int_equal(cp, 0xFC);
}

static void str_escape__nbsp_and_newline__shown_as_code_points(void **state)
{
    (void)state;
    char *s = sc_str_escape("a\xC2\xA0"
                            "b\n",
                            0);
    assert_string_equal(s, "a<U+00A0>b<U+000A>");
    free(s);
}

/* Issue 8 item 9: bidi controls (Trojan Source) and C1 controls never reach
 * a terminal raw; ordinary non-ASCII text does. */
static void str_escape__bidi_and_c1__shown_as_code_points(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } t[] = {
        {"a\xE2\x80\xAE"
         "b",
         "a<U+202E>b"},               /* RLO */
        {"\xE2\x80\xAA", "<U+202A>"}, /* LRE */
        {"\xE2\x81\xA6x\xE2\x81\xA9", "<U+2066>x<U+2069>"},
        {"\xE2\x80\x8E\xE2\x80\x8F", "<U+200E><U+200F>"},
        {"\xD8\x9C", "<U+061C>"},                 /* ALM */
        {"\xC2\x85\xC2\x9B", "<U+0085><U+009B>"}, /* NEL, CSI */
        {"\x1B[31m", "<U+001B>[31m"},
        {"\xEF\xBF\xB9", "<U+FFF9>"},
        {"J\xC3\xBCrgen \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",
         "J\xC3\xBCrgen \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D"},
        {"\xFF", "\\xFF"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        char *s = sc_str_escape(t[i].in, 0);
        assert_non_null(s);
        assert_string_equal(s, t[i].out);
        free(s);
    }
    /* a buffer that is not NUL-terminated */
    char raw[3] = {'a', 0x1B, 'b'};
    char *s = sc_mem_escape(raw, 2, 0);
    assert_string_equal(s, "a<U+001B>");
    free(s);
}

static void str_utf8_clean__invalid_bytes__replaced(void **state)
{
    (void)state;
    char *s = sc_str_utf8_clean("caf\xE9.xml");
    assert_string_equal(s, "caf\xEF\xBF\xBD.xml");
    free(s);
    s = sc_str_utf8_clean("ok \xC3\xBC");
    assert_string_equal(s, "ok \xC3\xBC");
    free(s);
    assert_true(sc_mem_starts("ssh-rsa", 7, "ssh-"));
    assert_false(sc_mem_starts("ssh", 3, "ssh-"));
}

/* Exactly XML's S production: the four characters, nothing isspace() adds
 * (\v, \f), no Unicode space, no NUL, no negative char. */
static void is_xml_space__exactly_the_four__not_isspace_extras(void **state)
{
    (void)state;
    int yes = 0;
    for (int c = -128; c < 256; c++)
        yes += sc_is_xml_space(c) != 0;
    assert_int_equal(yes, 4);
    assert_true(sc_is_xml_space(' '));
    assert_true(sc_is_xml_space('\t'));
    assert_true(sc_is_xml_space('\n'));
    assert_true(sc_is_xml_space('\r'));
    assert_false(sc_is_xml_space('\v'));
    assert_false(sc_is_xml_space('\f'));
    assert_false(sc_is_xml_space(0));
    assert_false(sc_is_xml_space(0xA0));       /* NBSP in Latin-1 */
    assert_false(sc_is_xml_space((char)0xA0)); /* the same byte as a signed char */
    assert_false(sc_is_xml_space(0x85));       /* NEL */
}

static void str_to_ll__junk__rejected(void **state)
{
    (void)state;
    long long v;
    assert_int_equal(sc_str_to_ll("3600", &v), 0);
    assert_int_equal(v, 3600);
    assert_int_not_equal(sc_str_to_ll("36 00", &v), 0);
    assert_int_not_equal(sc_str_to_ll("+5", &v), 0);
    assert_int_not_equal(sc_str_to_ll("", &v), 0);
    assert_int_not_equal(sc_str_to_ll("99999999999999999999999", &v), 0);
}

static void time_parse__z_form__exact(void **state)
{
    (void)state;
    long long t;
    int off, nz;
    assert_int_equal(sc_time_parse("2024-01-01T00:00:00Z", &t, &off, &nz), 0);
    assert_int_equal(t, 1704067200LL);
    assert_false(off);
    assert_false(nz);
}

static void time_parse__fraction_and_offset__converted_to_utc(void **state)
{
    (void)state;
    long long t;
    int off, nz;
    assert_int_equal(sc_time_parse("2024-01-01T02:00:00.123456+02:00", &t, &off, &nz), 0);
    assert_int_equal(t, 1704067200LL);
    assert_true(off);
}

static void time_parse__no_zone__flagged(void **state)
{
    (void)state;
    long long t;
    int off, nz;
    assert_int_equal(sc_time_parse("2024-01-01T00:00:00", &t, &off, &nz), 0);
    assert_true(nz);
}

static void time_parse__invalid_dates__rejected(void **state)
{
    (void)state;
    long long t;
    assert_int_not_equal(sc_time_parse("2023-02-29T00:00:00Z", &t, NULL, NULL), 0);
    assert_int_not_equal(sc_time_parse("2024-13-01T00:00:00Z", &t, NULL, NULL), 0);
    assert_int_not_equal(sc_time_parse("2024-01-01 00:00:00Z", &t, NULL, NULL), 0);
    assert_int_not_equal(sc_time_parse("2024-01-01T00:00:00.Z", &t, NULL, NULL), 0);
    assert_int_not_equal(sc_time_parse("2024-01-01T00:00:00Zjunk", &t, NULL, NULL), 0);
    assert_int_equal(sc_time_parse("2024-02-29T23:59:59Z", &t, NULL, NULL), 0);
}

static void time_format__roundtrip(void **state)
{
    (void)state;
    char buf[32];
    sc_time_format(1704067200LL, buf, sizeof buf);
    assert_string_equal(buf, "2024-01-01T00:00:00Z");
    sc_time_format(951782400LL, buf, sizeof buf);
    assert_string_equal(buf, "2000-02-29T00:00:00Z");
}

/* ---- base64.c: the one strict decoder ---- */

static char *slurp(const char *rel)
{
    const char *top = getenv("top_srcdir");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", top ? top : "..", rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* @p b64 (one line) wrapped every @p col characters with @p eol, each line
 * after the first prefixed by @p indent (as an XML serialiser writes it). */
static char *wrap(const char *b64, size_t col, const char *eol, const char *indent)
{
    size_t n = strlen(b64), lines = n / col + 1;
    char *out = malloc(n + lines * (strlen(eol) + strlen(indent)) + 1), *p = out;
    assert_non_null(out);
    for (size_t i = 0; i < n; i += col) {
        if (i) {
            p += sprintf(p, "%s%s", eol, indent);
        }
        size_t k = n - i < col ? n - i : col;
        memcpy(p, b64 + i, k);
        p += k;
    }
    *p = '\0';
    return out;
}

static int dec(const char *in, unsigned flags, unsigned char **out, size_t *len, sc_b64_error *e)
{
    return sc_b64_decode(out, len, in, strlen(in), flags, e);
}

/* Real X509Certificate contents are line-wrapped: every wrapping a signer
 * writes decodes to the same DER with SC_B64_XML_WS. */
static void b64_decode__line_wrapped_certificate__same_der(void **state)
{
    (void)state;
    char *one = slurp("testdata/keys/idp-signing.b64");
    size_t n = strlen(one);
    while (n && (one[n - 1] == '\n' || one[n - 1] == '\r'))
        one[--n] = '\0';
    unsigned char *ref = NULL, *got = NULL;
    size_t rlen = 0, glen = 0;
    sc_b64_error e;
    assert_int_equal(dec(one, 0, &ref, &rlen, &e), 0);
    assert_true(rlen > 700 && ref[0] == 0x30 && ref[1] == 0x82); /* a DER SEQUENCE */
    static const struct {
        size_t col;
        const char *eol, *indent;
    } w[] = {{64, "\n", ""},       {76, "\r\n", ""}, {64, "\n", "        "},
             {72, "\r\n", "\t\t"}, {1, "\n", " "},   {4, " ", ""}};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        char *t = wrap(one, w[i].col, w[i].eol, w[i].indent);
        char *framed = malloc(strlen(t) + 16);
        sprintf(framed, "\n    %s\n  ", t); /* around the element content too */
        assert_int_equal(dec(framed, SC_B64_XML_WS, &got, &glen, &e), 0);
        assert_int_equal(glen, rlen);
        assert_memory_equal(got, ref, rlen);
        free(got);
        /* without the flag, the wrapping is a bad character */
        assert_int_equal(dec(framed, 0, &got, &glen, &e), SAMLCHECK_EINVAL);
        assert_int_equal(e.status, SC_B64_BAD_CHAR);
        assert_null(got);
        free(framed);
        free(t);
    }
    /* junk inside a wrapped certificate fails, offset in the text as given */
    char *t = wrap(one, 64, "\n", "  ");
    t[100] = '!';
    assert_int_equal(dec(t, SC_B64_XML_WS, &got, &glen, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_CHAR);
    assert_int_equal(e.offset, 100);
    assert_int_equal(e.ch, '!');
    free(t);
    free(ref);
    free(one);
}

static void b64_decode__garbage_padding_and_trailing_data__rejected(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        unsigned flags;
        sc_b64_status st;
        size_t offset;
    } bad[] = {
        {"TW!u", 0, SC_B64_BAD_CHAR, 2},
        {"TW\xC3\xA9", 0, SC_B64_BAD_CHAR, 2},
        {"TW\x00u", 0, SC_B64_BAD_CHAR, 2},
        {"ab-_", 0, SC_B64_URLSAFE, 2},
        {"TQ==TWFu", 0, SC_B64_BAD_PADDING, 2}, /* data after padding */
        {"TQ==\nTWFu", SC_B64_XML_WS, SC_B64_BAD_PADDING, 2},
        {"TW=u", 0, SC_B64_BAD_PADDING, 2},
        {"TQ===", 0, SC_B64_BAD_PADDING, 2},
        {"TWFu====", 0, SC_B64_BAD_PADDING, 4},
        {"TWE", 0, SC_B64_BAD_LENGTH, 3},             /* padding required */
        {"T", SC_B64_UNPADDED, SC_B64_BAD_LENGTH, 1}, /* 1 mod 4: never base64 */
        {"TWF=", 0, SC_B64_NONZERO_BITS, 2},          /* stray bits before '=' */
        {"TR==", 0, SC_B64_NONZERO_BITS, 1},
        {"TWF", SC_B64_UNPADDED, SC_B64_NONZERO_BITS, 2},
        {" \t\r\n", SC_B64_XML_WS, SC_B64_EMPTY, 4}, /* the end of the text */
        {"", 0, SC_B64_EMPTY, 0},
    };
    char msg[320];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char *out = (unsigned char *)"x";
        size_t len = 9;
        sc_b64_error e;
        size_t n = i == 2 ? 4 : strlen(bad[i].in); /* case 2 holds a NUL byte */
        int rc = sc_b64_decode(&out, &len, bad[i].in, n, bad[i].flags, &e);
        if (rc != SAMLCHECK_EINVAL || e.status != bad[i].st || e.offset != bad[i].offset)
            fail_msg("case %zu: rc %d status %d offset %zu, expected status %d offset %zu", i, rc,
                     (int)e.status, e.offset, (int)bad[i].st, bad[i].offset);
        assert_null(out);
        assert_int_equal(len, 0);
        /* every failure has a sentence for people */
        assert_true(strlen(sc_b64_describe(&e, msg, sizeof msg)) > 10);
    }
    sc_b64_error e;
    unsigned char *out = NULL;
    size_t len = 0;
    assert_int_equal(dec("TWF=", 0, &out, &len, &e), SAMLCHECK_EINVAL);
    assert_non_null(strstr(sc_b64_describe(&e, msg, sizeof msg), "'F' at offset 2"));
    assert_null(strstr(msg, "misplaced"));
}

/* The SAMLResponse may lack its final padding (RULES.md 0.2): decoded with
 * SC_B64_UNPADDED only, and the number of missing '=' is told. */
static void b64_decode__unpadded_option__decodes_and_counts(void **state)
{
    (void)state;
    unsigned char *out = NULL;
    size_t len = 0;
    sc_b64_error e;
    assert_int_equal(dec("TWE", SC_B64_UNPADDED, &out, &len, &e), 0);
    assert_int_equal(len, 2);
    assert_memory_equal(out, "Ma", 2);
    assert_int_equal(e.unpadded, 1);
    free(out);
    assert_int_equal(dec("TQ", SC_B64_UNPADDED, &out, &len, &e), 0);
    assert_memory_equal(out, "M", 1);
    assert_int_equal(e.unpadded, 2);
    free(out);
    assert_int_equal(dec("TWFu", SC_B64_UNPADDED, &out, &len, &e), 0);
    assert_int_equal(e.unpadded, 0);
    free(out);
    assert_int_equal(dec("TQ=", SC_B64_UNPADDED, &out, &len, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_PADDING); /* half padded is not unpadded */
    assert_int_equal(dec("TWE", SC_B64_XML_WS, &out, &len, &e), SAMLCHECK_EINVAL);
    assert_int_equal(e.status, SC_B64_BAD_LENGTH);
}

/* The shared helpers that replaced the copies in arn.c, check_config.c,
 * form.c, json.c and locate.c. */
/* Salts come from the kernel: every byte is written (a 64-byte buffer that
 * stays all zero has a 2^-512 chance) and two salts differ. */
static void random_salt__fills_and_differs(void **state)
{
    (void)state;
    unsigned char a[64] = {0}, b[64] = {0}, zero[64] = {0};
    assert_int_equal(sc_random_salt(a, sizeof a), 0);
    assert_int_equal(sc_random_salt(b, sizeof b), 0);
    assert_memory_not_equal(a, zero, sizeof a);
    assert_memory_not_equal(a, b, sizeof a);
    assert_int_equal(sc_random_salt(a, 0), 0);
}

static void utf8_count_and_hex_val(void **state)
{
    (void)state;
    assert_int_equal(sc_utf8_count("a\303\251b", 4), 3);   /* e-acute is one */
    assert_int_equal(sc_utf8_count("a\303\251b", 2), 2);   /* a cut lead byte counts */
    assert_int_equal(sc_utf8_count("\xe2\x80\x8b", 3), 1); /* U+200B */
    assert_int_equal(sc_utf8_count("", 0), 0);
    assert_int_equal(sc_utf8_len("a\303\251b"), 3);
    assert_int_equal(sc_hex_val('0'), 0);
    assert_int_equal(sc_hex_val('9'), 9);
    assert_int_equal(sc_hex_val('a'), 10);
    assert_int_equal(sc_hex_val('F'), 15);
    assert_int_equal(sc_hex_val('g'), -1);
    assert_int_equal(sc_hex_val('G'), -1);
    assert_int_equal(sc_hex_val('%'), -1);
    assert_int_equal(sc_hex_val(0xC3), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_append__over_max__sets_toobig_and_keeps_data),
        cmocka_unit_test(grow__doubles_from_first__keeps_contents_refuses_overflow),
        cmocka_unit_test(buf_printf__long_output__is_complete),
        cmocka_unit_test(utf8_decode__overlong_and_surrogate__rejected),
        cmocka_unit_test(str_escape__nbsp_and_newline__shown_as_code_points),
        cmocka_unit_test(str_escape__bidi_and_c1__shown_as_code_points),
        cmocka_unit_test(str_utf8_clean__invalid_bytes__replaced),
        cmocka_unit_test(is_xml_space__exactly_the_four__not_isspace_extras),
        cmocka_unit_test(str_to_ll__junk__rejected),
        cmocka_unit_test(time_parse__z_form__exact),
        cmocka_unit_test(time_parse__fraction_and_offset__converted_to_utc),
        cmocka_unit_test(time_parse__no_zone__flagged),
        cmocka_unit_test(time_parse__invalid_dates__rejected),
        cmocka_unit_test(time_format__roundtrip),
        cmocka_unit_test(b64_decode__line_wrapped_certificate__same_der),
        cmocka_unit_test(b64_decode__garbage_padding_and_trailing_data__rejected),
        cmocka_unit_test(b64_decode__unpadded_option__decodes_and_counts),
        cmocka_unit_test(utf8_count_and_hex_val),
        cmocka_unit_test(random_salt__fills_and_differs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
