#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_append__over_max__sets_toobig_and_keeps_data),
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
