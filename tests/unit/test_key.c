/* Placeholder: replaced by the unit tests of the key module. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static void key__not_written_yet(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(key__not_written_yet)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
