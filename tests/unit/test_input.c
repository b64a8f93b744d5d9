/* Placeholder: replaced by the unit tests of the input module. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

static void input__not_written_yet(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(input__not_written_yet)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
