/* Placeholder: replaced by the cmocka unit tests of the arn module. */
#include <stdio.h>

int main(void)
{
    puts("1..0 # SKIP arn unit tests not written yet");
    return 0;
}
